package people_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

func ExampleEffortVsResults() {
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	var rec activity.Records
	for _, r := range []struct {
		rep   string
		calls int
		won   int64
	}{{"ann", 40, 30000}, {"bob", 50, 5000}, {"cy", 10, 20000}, {"dee", 12, 0}} {
		for i := range r.calls {
			rec.Activities = append(rec.Activities, activity.Activity{ID: fmt.Sprint(r.rep, i), Rep: r.rep, Kind: activity.KindCall, At: at.Add(time.Duration(i) * time.Hour)})
		}
		if r.won > 0 {
			rec.Deals = append(rec.Deals, activity.Deal{ID: "D-" + r.rep, Owner: r.rep, Amount: decimal.NewFromInt(r.won), Currency: "USD",
				Status: activity.StatusWon, Stage: activity.StageClosedWon, CreatedAt: at.AddDate(0, -1, 0), ClosedAt: at.AddDate(0, 0, 7)})
		}
	}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		panic(err)
	}
	march := activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025-03"}
	q, err := people.EffortVsResults(ix.All(), march, people.QuadrantOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(q)
	// Output:
	// 2025-03: effort at 26.0 activities, results at 12500.00 USD
	//   ann              40 activities       30000.00 USD won (1)  busy winning
	//   bob              50 activities        5000.00 USD won (1)  busy not converting
	//   cy               10 activities       20000.00 USD won (1)  efficient
	//   dee              12 activities           0.00 USD won (0)  low on both
}
