package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// A team defines its own KPI, "enterprise demo-to-close rate": of the
// enterprise deals created in the quarter whose history shows a demo, the
// share won after it. Three had a demo (E4 was lost before one) and two
// were won after it.
func ExampleMetric() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	deal := func(id, owner string, status activity.Status, closed time.Time, history ...activity.Stage) (activity.Deal, []activity.StageChange) {
		d := activity.Deal{ID: id, Owner: owner, Segment: "enterprise", Amount: decimal.NewFromInt(50000), Currency: "USD",
			Status: status, Stage: activity.StageProspecting, CreatedAt: day(1, 6), ClosedAt: closed}
		var cs []activity.StageChange
		for i, s := range history {
			cs = append(cs, activity.StageChange{Deal: id, From: d.Stage, To: s, At: day(1, 7+i)})
			d.Stage = s
		}
		return d, cs
	}
	var rec activity.Records
	add := func(d activity.Deal, cs []activity.StageChange) {
		rec.Deals = append(rec.Deals, d)
		rec.StageChanges = append(rec.StageChanges, cs...)
	}
	add(deal("E1", "ann", activity.StatusWon, day(2, 20), activity.StageDemo, activity.StageClosedWon))
	add(deal("E2", "ann", activity.StatusLost, day(3, 1), activity.StageDemo, activity.StageClosedLost))
	add(deal("E3", "bob", activity.StatusWon, day(3, 15), activity.StageDemo, activity.StageProposal, activity.StageClosedWon))
	add(deal("E4", "bob", activity.StatusLost, day(2, 25), activity.StageClosedLost))
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		fmt.Println(err)
		return
	}

	hadDemo := performance.Measure{
		Of:    performance.DealRecords, // dated by creation, the default
		Where: performance.And(performance.SegmentIs("enterprise"), performance.EnteredStage(activity.StageDemo)),
	}
	demoToClose := performance.Metric{
		Name: "enterprise demo-to-close", Unit: "share",
		Description: "of the enterprise deals created in the period that had a demo, the share won after it",
		Value:       hadDemo.And(performance.WonAfterStage(activity.StageDemo)),
		Per:         &hadDemo,
	}
	q1 := activity.Period{Start: day(1, 1).Truncate(24 * time.Hour), End: day(4, 1).Truncate(24 * time.Hour), Name: "2025 Q1"}
	v, err := performance.MetricOf(ix.All(), q1, demoToClose)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v)
	fmt.Println(v.Formula)
	byRep, err := performance.MetricBy(ix.All(), q1, activity.ByRep(), demoToClose)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range byRep {
		fmt.Printf("%s: %s of %s\n", g.Key, g.Result.Numerator, g.Result.Denominator)
	}
	// Output:
	// enterprise demo-to-close (share), all, 2025 Q1: 0.6667 = 2 / 3
	// count of deals created in the period where (segment is enterprise and entered demo) and won after demo / count of deals created in the period where segment is enterprise and entered demo
	// ann: 1 of 2
	// bob: 1 of 1
}

// "Won after a demo" two ways, on four deals: D1 demo then won, D2 demo then
// lost, D3 won straight from prospecting, D4 still in prospecting. The
// funnel's reading (ReachedStage) infers that every won deal passed the
// demo, so D3 counts: 2 of 3. The history (EnteredStage, WonAfterStage)
// shows D3 never had one: 1 of 2.
func ExampleWonAfterStage() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	deal := func(id string, status activity.Stage, created, closed time.Time) activity.Deal {
		d := activity.Deal{ID: id, Owner: "ann", Amount: decimal.NewFromInt(1000), Currency: "USD",
			Status: activity.StatusOpen, Stage: status, CreatedAt: created, ClosedAt: closed}
		switch status {
		case activity.StageClosedWon:
			d.Status = activity.StatusWon
		case activity.StageClosedLost:
			d.Status = activity.StatusLost
		}
		return d
	}
	move := func(id string, from, to activity.Stage, at time.Time) activity.StageChange {
		return activity.StageChange{Deal: id, From: from, To: to, At: at}
	}
	rec := activity.Records{
		Deals: []activity.Deal{
			deal("D1", activity.StageClosedWon, day(1, 6), day(2, 1)),
			deal("D2", activity.StageClosedLost, day(1, 6), day(2, 3)),
			deal("D3", activity.StageClosedWon, day(1, 7), day(1, 20)),
			deal("D4", activity.StageProspecting, day(1, 8), time.Time{}),
		},
		StageChanges: []activity.StageChange{
			move("D1", activity.StageProspecting, activity.StageDemo, day(1, 10)),
			move("D1", activity.StageDemo, activity.StageClosedWon, day(2, 1)),
			move("D2", activity.StageProspecting, activity.StageDemo, day(1, 12)),
			move("D2", activity.StageDemo, activity.StageClosedLost, day(2, 3)),
			move("D3", activity.StageProspecting, activity.StageClosedWon, day(1, 20)),
		},
	}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	rate := func(per, won performance.Filter) {
		den := performance.Measure{Of: performance.DealRecords, Where: per}
		v, err := performance.MetricOf(ix.All(), q1, performance.Metric{Name: "demo-to-close", Value: den.And(won), Per: &den})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s of %s: %s\n", v.Numerator, v.Denominator, den.Where)
	}
	rate(performance.ReachedStage(activity.StageDemo), performance.StatusIs(activity.StatusWon))
	rate(performance.EnteredStage(activity.StageDemo), performance.WonAfterStage(activity.StageDemo))
	// Output:
	// 2 of 3: reached demo
	// 1 of 2: entered demo
}
