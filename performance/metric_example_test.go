package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// A team defines its own KPI, "enterprise demo-to-close rate": of the
// enterprise deals created in the quarter that reached a demo, the share
// won. Three reached a demo (E4 was lost before one) and two were won.
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

	reachedDemo := performance.Measure{
		Of:    performance.DealRecords, // dated by creation, the default
		Where: performance.And(performance.SegmentIs("enterprise"), performance.ReachedStage(activity.StageDemo)),
	}
	demoToClose := performance.Metric{
		Name: "enterprise demo-to-close", Unit: "share",
		Description: "of the enterprise deals created in the period that reached a demo, the share won",
		Value:       reachedDemo.And(performance.StatusIs(activity.StatusWon)),
		Per:         &reachedDemo,
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
	// count of deals created in the period where (segment is enterprise and reached demo) and status is won / count of deals created in the period where segment is enterprise and reached demo
	// ann: 1 of 2
	// bob: 1 of 1
}
