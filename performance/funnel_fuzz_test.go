package performance

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// FuzzFunnel gives deals histories through the open stages (forwards,
// back, skipping) and asserts: no panic; under ReachedOrLater the reached
// counts never grow down the funnel and CloseRate to the won stage agrees
// with the steps; the rep groups add up to the whole; the order of the
// input changes no result.
func FuzzFunnel(f *testing.F) {
	f.Add([]byte{12, 5, 1, 2, 3, 1, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0})
	f.Add([]byte{39, 200, 3, 255, 255, 3, 2, 2, 50, 100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	f.Fuzz(func(t *testing.T, data []byte) {
		deals := fuzzDeals(data)
		open := []activity.Stage{activity.StageProspecting, activity.StageQualification, activity.StageDemo, activity.StageProposal, activity.StageNegotiation}
		var changes []activity.StageChange
		for i := range deals {
			d := &deals[i]
			b := byte(i)
			if i < len(data) {
				b = data[len(data)-1-i]
			}
			end := d.CreatedAt.Add(10 * 24 * time.Hour)
			if !d.ClosedAt.IsZero() {
				end = d.ClosedAt
			}
			step := end.Sub(d.CreatedAt) / 8
			from := open[int(b)%2]
			if step < time.Second {
				continue // no room for a history with distinct times
			}
			at := d.CreatedAt
			for j := range int(b>>2) % 5 {
				to := open[(int(b)+j*int(b>>5+1))%len(open)]
				at = at.Add(step)
				if to == from {
					continue
				}
				changes = append(changes, activity.StageChange{Deal: d.ID, From: from, To: to, At: at})
				from = to
			}
			if d.Status == activity.StatusOpen {
				d.Stage = from
			} else if from != open[int(b)%2] || b%3 == 0 {
				changes = append(changes, activity.StageChange{Deal: d.ID, From: from, To: d.Stage, At: end})
			}
		}
		p := activity.Period{Start: date(2024, 1, 1), End: date(2025, 1, 1)}
		// The rules under which a later stage never holds more deals than an
		// earlier one (ReachedAtAnyTime may), as the checks below assume.
		fopt := FunnelOptions{ZeroVisits: len(data)%2 == 1, Reach: []Reach{ReachedOrLater, PassedInOrder, FirstEntryInOrder}[len(data)/2%3]}
		type result struct {
			whole  FunnelReport
			groups []activity.Group[FunnelReport]
			close  []StageConversion
			errs   string
		}
		run := func(deals []activity.Deal, changes []activity.StageChange) result {
			ix, err := activity.NewIndex(activity.Records{Deals: deals, StageChanges: changes}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
			if err != nil {
				t.Fatal(err)
			}
			var r result
			var e1, e2 error
			r.whole, e1 = FunnelOf(ix.All(), p, fopt)
			r.groups, e2 = FunnelBy(ix.All(), p, activity.ByRep(), fopt)
			r.errs = fmt.Sprint(e1, e2)
			for _, s := range open {
				c, _ := CloseRate(ix.All(), p, s, activity.StageClosedWon, CloseRateOptions{Reach: fopt.Reach})
				r.close = append(r.close, c)
			}
			return r
		}
		got := run(deals, changes)
		fuzzRender(t, "FunnelOf", got.whole)
		fuzzRender(t, "FunnelBy", got.groups)
		fuzzRender(t, "CloseRate", got.close)
		for _, c := range got.close {
			_ = c.String()
		}

		// The streaming tally over the deals created in the period, split
		// in two by the bytes and merged, gives FunnelOf's report.
		halves := [2]*FunnelTally{}
		for i := range halves {
			var err error
			if halves[i], err = NewFunnelTally(activity.TypicalB2B(), p, fopt); err != nil {
				t.Fatal(err)
			}
		}
		for i, d := range deals {
			if !p.Contains(d.CreatedAt) {
				continue
			}
			fd := FunnelDeal{Status: d.Status, Stage: d.Stage, Created: d.CreatedAt, Closed: d.ClosedAt}
			for _, c := range changes {
				if c.Deal == d.ID {
					fd.History = append(fd.History, c)
				}
			}
			err := halves[int(data[i%len(data)])%2].Add(fd)
			fuzzcheck.Check(t, "FunnelTally.Add", nil, err, fuzzSentinels)
		}
		halves[0].Merge(halves[1])
		tallied, err := halves[0].Result("", p)
		fuzzcheck.Check(t, "FunnelTally.Result", tallied, err, fuzzSentinels)
		if fmt.Sprint(tallied.Steps) != fmt.Sprint(got.whole.Steps) || tallied.Deals != got.whole.Deals {
			t.Fatalf("FunnelTally gives %v\nFunnelOf %v", tallied, got.whole)
		}
		rd, rc := slices.Clone(deals), slices.Clone(changes)
		slices.Reverse(rd)
		slices.Reverse(rc)
		if again := run(rd, rc); fmt.Sprint(again) != fmt.Sprint(got) {
			t.Fatalf("reversed input: %v\nnot %v", again, got)
		}
		if got.whole.Deals == 0 {
			return
		}
		steps := got.whole.Steps
		for k := range steps {
			if k > 0 && steps[k].Reached > steps[k-1].Reached {
				t.Fatalf("step %d reached by %d, more than step %d's %d", k, steps[k].Reached, k-1, steps[k-1].Reached)
			}
			if c := got.close[k]; c.Reached != steps[k].Reached || c.Converted > c.Reached {
				t.Fatalf("CloseRate from %s: %d of %d; the funnel has %d reached", steps[k].Stage, c.Converted, c.Reached, steps[k].Reached)
			}
		}
		var n int64
		reached := make([]int64, len(steps))
		for _, g := range got.groups {
			n += g.Result.Deals
			for k, s := range g.Result.Steps {
				reached[k] += s.Reached
			}
		}
		for k := range steps {
			if reached[k] != steps[k].Reached {
				t.Fatalf("groups reach step %d %d times, the whole %d", k, reached[k], steps[k].Reached)
			}
		}
		if n != got.whole.Deals {
			t.Fatalf("groups hold %d deals, the whole %d", n, got.whole.Deals)
		}
	})
}
