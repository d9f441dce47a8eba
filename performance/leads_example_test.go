package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// exLeads is exIndex's quarter with the leads behind it:
//
//	L1 inbound  ann 2 Jan 09:00, called 09:30, qualified 4 Jan, converted 6 Jan → D1 (won)
//	L2 inbound  ann 5 Jan 14:00, emailed 16:00, qualified 8 Jan, converted 10 Jan → D2 (lost)
//	L3 event    bob 1 Feb 08:00, called 2 Feb 08:00, disqualified 3 Feb: no budget
//	L4 event    bob 20 Mar, not yet touched
func exLeads() *activity.Index {
	ix := exIndex()
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, time.UTC) }
	_, err := ix.Update(activity.Records{
		Leads: []activity.Lead{
			{ID: "L1", Source: "inbound", Owner: "ann", CreatedAt: at(1, 2, 9), Status: activity.LeadConverted, QualifiedAt: at(1, 4, 0), ConvertedAt: at(1, 6, 0), Deal: "D1"},
			{ID: "L2", Source: "inbound", Owner: "ann", CreatedAt: at(1, 5, 14), Status: activity.LeadConverted, QualifiedAt: at(1, 8, 0), ConvertedAt: at(1, 10, 0), Deal: "D2"},
			{ID: "L3", Source: "event", Owner: "bob", CreatedAt: at(2, 1, 8), Status: activity.LeadDisqualified, DisqualifiedAt: at(2, 3, 0), DisqualifyReason: "no budget"},
			{ID: "L4", Source: "event", Owner: "bob", CreatedAt: at(3, 20, 0)},
		},
		Activities: []activity.Activity{
			{ID: "t1", Rep: "ann", Kind: activity.KindCall, At: at(1, 2, 9).Add(30 * time.Minute), Lead: "L1"},
			{ID: "t2", Rep: "ann", Kind: activity.KindEmail, At: at(1, 5, 16), Lead: "L2"},
			{ID: "t3", Rep: "bob", Kind: activity.KindCall, At: at(2, 2, 8), Lead: "L3"},
		},
	})
	if err != nil {
		panic(err)
	}
	return ix
}

// The leads created in Q1, followed to where they got: 2 of 4 qualified
// and converted into deals, 1 won; answered in 0.5, 2 and 24 hours (median
// 2), L4 not yet.
func ExampleLeadFunnelOf() {
	f, err := performance.LeadFunnelOf(exLeads().All(), exQ1, performance.LeadOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(f)
	fmt.Printf("qualified → opportunity %.0f%%, opportunity → won %.0f%%\n", 100*f.QualifiedToOpportunity.Value, 100*f.OpportunityWinRate.Value)
	fmt.Printf("speed to lead: mean %.2f h, %d untouched; disqualified: %s\n", f.SpeedToLead.Mean, f.Untouched, f.DisqualifyReasons[0].Reason)
	// Output:
	// all: 4 leads in 2025 Q1 (cohort): 2 qualified (50.0%), 2 opportunities (50.0%), 1 won (25.0%); speed to lead median 2.0 h
	// qualified → opportunity 100%, opportunity → won 50%
	// speed to lead: mean 8.83 h, 1 untouched; disqualified: no budget
}

// Lead volume and conversion by source.
func ExampleLeadFunnelBy() {
	gs, err := performance.LeadFunnelBy(exLeads().All(), exQ1, activity.BySource(), performance.LeadOptions{})
	if err != nil {
		panic(err)
	}
	for _, g := range gs {
		fmt.Printf("%-8s %d leads, %d opportunities, lead to won %.0f%%\n", g.Key, g.Result.Leads, g.Result.Opportunities, 100*g.Result.LeadToWon)
	}
	// Output:
	// event    2 leads, 0 opportunities, lead to won 0%
	// inbound  2 leads, 2 opportunities, lead to won 50%
}

// Cost per lead and per won deal by source, from the quarter's spend.
func ExampleLeadFunnelBy_cost() {
	spend := []activity.Spend{
		{Date: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), Amount: decimal.RequireFromString("1000"), Currency: "USD", Source: "event"},
		{Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Amount: decimal.RequireFromString("500"), Currency: "USD", Source: "inbound"},
	}
	gs, err := performance.LeadFunnelBy(exLeads().All(), exQ1, activity.BySource(), performance.LeadOptions{Spend: spend})
	if err != nil {
		panic(err)
	}
	for _, g := range gs {
		f := g.Result
		won := "no won deal"
		if c, ok := f.CostPerWon.Get(); ok {
			won = c.StringFixed(2) + " a won deal"
		}
		fmt.Printf("%-8s spent %s: %s a lead, %s\n", g.Key, f.Spend.StringFixed(2), f.CostPerLead.Value.StringFixed(2), won)
	}
	// Output:
	// event    spent 1000.00: 500.00 a lead, no won deal
	// inbound  spent 500.00: 250.00 a lead, 500.00 a won deal
}

// One person who came in twice (a webinar, then the contact form) is one
// lead under first- or last-touch attribution, counted for the source of
// the first lead or of the last one before converting.
func ExampleLeadFunnelBy_attribution() {
	ix := exLeads()
	at := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	if _, err := ix.Update(activity.Records{Leads: []activity.Lead{
		{ID: "W1", Source: "webinar", Email: "dee@acme.com", CreatedAt: at(1, 10)},
		{ID: "W2", Source: "inbound", Email: "Dee@Acme.com", CreatedAt: at(2, 5), Status: activity.LeadConverted, ConvertedAt: at(2, 9), Deal: "D5"},
	}}); err != nil {
		panic(err)
	}
	for _, a := range []performance.LeadAttribution{performance.OwnSource, performance.FirstTouch, performance.LastTouch} {
		gs, err := performance.LeadFunnelBy(ix.All(), exQ1, activity.BySource(), performance.LeadOptions{Attribution: a})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-11s", a)
		for _, g := range gs {
			fmt.Printf(" %s %d/%d", g.Key, g.Result.Opportunities, g.Result.Leads)
		}
		fmt.Println()
	}
	// Output:
	// own source  event 0/2 inbound 3/3 webinar 0/1
	// first touch event 0/2 inbound 2/2 webinar 1/1
	// last touch  event 0/2 inbound 3/3
}

// The funnel from first touch to close: the quarter's leads, then the
// stages the deals they became went through (D2, lost with no stage
// history, counts as having reached the first stage only).
func ExampleFunnelFromLeads() {
	x, err := performance.FunnelFromLeads(exLeads().All(), exQ1, performance.LeadOptions{}, performance.FunnelOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(x)
	// Output:
	// all: from 4 leads created in 2025 Q1 to won deals (reached or later)
	//   lead                 4  100.0% of leads
	//   qualified lead       2   50.0% of leads
	//   opportunity          2   50.0% of leads
	//   prospecting          2   50.0% of leads
	//   qualification        1   25.0% of leads
	//   demo                 1   25.0% of leads
	//   proposal             1   25.0% of leads
	//   negotiation          1   25.0% of leads
	//   won                  1   25.0% of leads
}
