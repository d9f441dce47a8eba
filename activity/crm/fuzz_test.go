package crm

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// crmSentinels are the errors a reader's problems may wrap.
var crmSentinels = []error{
	ErrNoLayout, ErrInvalidLayout, ErrInvalidValue, ErrMissingColumn, ErrRead, ErrWrongTable,
	activity.ErrInvalidAmount, activity.ErrInvalidTime, activity.ErrMissingField, activity.ErrMissingID,
	activity.ErrNegativeAmount, activity.ErrInvalidCurrency, activity.ErrProbabilityRange, activity.ErrTimeOrder,
	activity.ErrZeroTime, activity.ErrNoCloseTime, activity.ErrOpenWithCloseTime, activity.ErrInvalidRate,
	activity.ErrInvalidQuota, activity.ErrOverlap, activity.ErrRampRange, activity.ErrInvalidPeriod,
	activity.ErrInvalidStatus, activity.ErrInvalidForecastCategory,
}

func wrapsSentinel(err error) bool {
	return slices.ContainsFunc(crmSentinels, func(s error) bool { return errors.Is(err, s) })
}

// FuzzReader reads arbitrary bytes as an export under every built-in
// layout and under detection, with and without skipping: no input panics;
// every error wraps a sentinel; with skipping the reader never stops on a
// bad row (only on a CSV syntax error); every record yielded validates on
// its own.
func FuzzReader(f *testing.F) {
	f.Add([]byte(sfReport))
	f.Add([]byte("Record ID,Deal Name,Pipeline,Deal Stage,Amount,Currency,Close Date,Create Date,Deal owner,\"Date entered \"\"Closed Won (Sales Pipeline)\"\"\"\n" +
		"1,a,Sales Pipeline,closedwon,5,USD,2025-01-02,2025-01-01 10:00,ann,2025-01-02 09:00\n"))
	f.Add([]byte("Id,OpportunityId,StageName,CreatedDate\n1,0061,Prospecting,2025-01-05T15:00:00.000Z\n1,0061,Prospecting,2025-01-06T15:00:00.000Z\n"))
	f.Add([]byte("Rep,Team,Hire Date,From,Until\nann,East,2024-01-01,2024-01-01,2025-01-01\nann,West,,2025-01-01,\n"))
	f.Add([]byte("Rep,Start,End,Quota\nann,2025-01-01,2025-03-31,\"1.000,5\"\n"))
	f.Add([]byte("From,To,Date,Rate\nEUR,USD,2025-01-01,1.1\n"))
	f.Add([]byte("Record ID,Activity date,Activity assigned to,Call outcome,Call duration\n1,2025-01-01 10:00,ann,Connected,1:00:00\n"))
	f.Add([]byte("\ufeffa;b;c\n1;2;3\n"))
	layouts := append([]*Layout{nil}, Layouts()...)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range layouts {
			for _, skip := range []bool{false, true} {
				r, err := NewReader(CSV(bytes.NewReader(data)), Options{Layout: l, SkipInvalid: skip, Currency: "USD", Location: time.UTC})
				if err != nil {
					if !wrapsSentinel(err) {
						t.Fatalf("NewReader error %v wraps no sentinel", err)
					}
					continue
				}
				check := func(what string, err error) {
					if err != nil {
						t.Fatalf("%s yielded a record that does not validate: %v", what, err)
					}
				}
				switch r.Table() {
				case Deals:
					s := r.Streams()
					for d := range s.Deals {
						check("Deals", d.Validate())
					}
					for c := range s.StageChanges {
						check("StageChanges", c.Validate())
					}
				case StageChanges:
					for c := range r.StageChanges() {
						check("StageChanges", c.Validate())
					}
				case Activities:
					for a := range r.Activities() {
						check("Activities", a.Validate())
					}
				case Reps:
					for p := range r.Reps() {
						if err := p.Validate(); err != nil && !errors.Is(err, activity.ErrOverlap) {
							check("Reps", err) // runs of rows may overlap: the index reports that
						}
					}
				case Quotas:
					for q := range r.Quotas() {
						check("Quotas", q.Validate())
					}
				case Rates:
					for x := range r.Rates() {
						if x.Rate.Sign() <= 0 || x.From.Validate() != nil || x.To.Validate() != nil || x.On.IsZero() {
							t.Fatalf("Rates yielded %v", x)
						}
					}
				}
				if err := r.Err(); err != nil {
					if !wrapsSentinel(err) {
						t.Fatalf("Err %v wraps no sentinel", err)
					}
					if skip && !errors.Is(err, ErrRead) {
						t.Fatalf("skipping, reading stopped on %v", err)
					}
				}
				for _, e := range r.Skipped() {
					var re *RowError
					if !wrapsSentinel(e) || !errors.As(e, &re) || re.Line < 2 {
						t.Fatalf("skipped %v: want a RowError past the header wrapping a sentinel", e)
					}
				}
			}
		}
	})
}

// FuzzParseLayout reads arbitrary JSON as a layout: no panic; an error
// wraps ErrInvalidLayout; a layout that parses validates and reads a
// header of its own columns.
func FuzzParseLayout(f *testing.F) {
	f.Add([]byte(`{"name": "x", "extends": "salesforce-opportunities-report", "stages": [{"values": ["A"], "status": "won"}]}`))
	f.Add([]byte(`{"name": "x", "table": "rates", "columns": {"from": "A", "to": "B", "on": "C", "rate": "D"}, "dates": ["D.M.YYYY"]}`))
	f.Add([]byte(`{"name": "x", "extends": "hubspot-deals", "stage_entered": ["In {stage}", "Into {stage} of {pipeline}"], "time_zone": "Europe/Paris"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLayout(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidLayout) {
				t.Fatalf("ParseLayout error %v does not wrap ErrInvalidLayout", err)
			}
			return
		}
		if err := l.Validate(); err != nil {
			t.Fatalf("a parsed layout does not validate: %v", err)
		}
		_ = l.Funnel()
		var header []string
		for _, names := range l.Columns {
			header = append(header, names[0])
		}
		for _, s := range l.Signature {
			if len(s) > 0 {
				header = append(header, s[0])
			}
		}
		text := strings.Join(header, "\t") + "\n"
		r, err := NewReader(CSV(strings.NewReader(text)), Options{Layout: l})
		if err != nil && !wrapsSentinel(err) {
			t.Fatalf("NewReader over its own header: %v", err)
		}
		_ = r
	})
}
