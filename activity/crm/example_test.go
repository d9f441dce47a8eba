package crm_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/crm"
	"github.com/salesmetrics/salesmetrics/performance"
)

// A Salesforce Opportunities report, as a user downloads it, read straight
// into an index: the layout is detected from the header.
func ExampleNewReader() {
	export := "\ufeff\"Opportunity ID\",\"Opportunity Owner\",\"Stage\",\"Amount Currency\",\"Amount\",\"Close Date\",\"Created Date\",\"Closed\",\"Won\"\r\n" +
		"\"0061\",\"Ann Lee\",\"Closed Won\",\"USD\",\"12,500.00\",\"3/31/2025\",\"1/5/2025\",\"1\",\"1\"\r\n" +
		"\"0062\",\"Ann Lee\",\"Closed Lost\",\"USD\",\"4,000.00\",\"2/28/2025\",\"1/9/2025\",\"1\",\"0\"\r\n" +
		"\"0063\",\"Bob Roy\",\"Prospecting\",\"USD\",\"900.00\",\"6/30/2025\",\"2/1/2025\",\"0\",\"0\"\r\n" +
		"\r\n\"Opportunities\"\r\n\"Confidential Information - Do Not Distribute\"\r\n"
	// The host opens the file; here it is a string.
	r, err := crm.NewReader(crm.CSV(strings.NewReader(export)), crm.Options{Name: "opportunities.csv"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := activity.NewIndexFrom(r.Streams(), activity.IndexOptions{Funnel: r.Layout().Funnel()})
	if err != nil || r.Err() != nil {
		fmt.Println(err, r.Err())
		return
	}
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	win, _ := performance.WinRate(ix.All(), q1, performance.WinRateOptions{})
	fmt.Println(r.Layout().Name, r.Rows(), "rows")
	fmt.Println(win)
	// Output:
	// salesforce-opportunities-report 3 rows
	// all: win rate 50.0% by count (1 won of 2 closed in 2025 Q1)
}

// A bad cell is reported with its file, line, column, header and value.
func ExampleRowError() {
	export := "Opportunity ID,Opportunity Owner,Stage,Amount Currency,Amount,Created Date\n" +
		"0061,Ann Lee,Prospecting,USD,\"1,250.00\",1/5/2025\n" +
		"0062,Ann Lee,Prospecting,USD,\"1.250,00\",1/9/2025\n"
	r, _ := crm.NewReader(crm.CSV(strings.NewReader(export)), crm.Options{Name: "opportunities.csv"})
	for range r.Deals() {
	}
	var re *crm.RowError
	if errors.As(r.Err(), &re) {
		fmt.Println(re.Line, re.Column, re.Header, re.Value)
		fmt.Println(errors.Is(r.Err(), activity.ErrInvalidAmount))
	}
	// Output:
	// 3 5 Amount 1.250,00
	// true
}

// An export no built-in layout knows, described in JSON.
func ExampleParseLayout() {
	layout, err := crm.ParseLayout([]byte(`{
	  "name": "acme-crm", "table": "deals",
	  "columns": {"id": "Deal #", "owner": "Rep", "amount": "Value (EUR)", "stage": "Phase",
	              "created_at": "Opened", "closed_at": "Closed on"},
	  "stages": [{"values": ["Lead", "New"], "stage": "lead", "status": "open", "probability": "0.1"},
	             {"values": ["Signed"], "stage": "won", "status": "won"},
	             {"values": ["Dead"], "stage": "lost", "status": "lost"}],
	  "dates": ["D.M.YYYY"], "decimal_comma": true, "currency": "EUR"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	export := "Deal #;Rep;Value (EUR);Phase;Opened;Closed on\nA-1;Jo;12.500,50;Signed;3.2.2025;17.3.2025\nA-2;Jo;800;New;5.2.2025;\n"
	r, _ := crm.NewReader(crm.CSV(strings.NewReader(export)), crm.Options{Layout: layout})
	for d := range r.Deals() {
		fmt.Printf("%s %s %s %s %s closed [%s]\n", d.ID, d.Stage, d.Status, d.Amount, d.Currency, d.CloseDate)
	}
	fmt.Println(r.Err(), layout.Funnel().Stages[0].Stage)
	// Output:
	// A-1 won won 12500.5 EUR closed [2025-03-17]
	// A-2 lead open 800 EUR closed []
	// <nil> lead
}

// Detect names the closest layout and what its header lacks.
func ExampleDetect() {
	_, err := crm.Detect([]string{"Opportunity ID", "Opportunity Owner", "Amount", "Stage", "Region"}, nil)
	fmt.Println(err)
	// Output:
	// crm: no layout matches the header: closest is "salesforce-opportunities-report", which lacks the columns "Created Date"; the header's columns it does not read: "Region"
}
