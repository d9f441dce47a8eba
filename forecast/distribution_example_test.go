package forecast_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

// Three open deals expected in the quarter: A 100 and B 200 at 50%, C 300
// at 20%. Listing every win/lose combination gives a mean of 210, P10 0,
// P50 200, P90 400 and a 40% chance of reaching 300; C, the long shot,
// carries most of the spread (14,400 of a variance of 26,900).
func ExampleBookingsDistribution() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	deal := func(id, amount, p string) activity.Deal {
		return activity.Deal{ID: id, Owner: "ann", Amount: decimal.RequireFromString(amount), Currency: "USD",
			Status: activity.StatusOpen, Stage: activity.StageProposal, CreatedAt: day(3, 1), ExpectedCloseAt: day(5, 15),
			Probability: activity.Some(decimal.RequireFromString(p))}
	}
	rec := activity.Records{Deals: []activity.Deal{deal("A", "100", "0.5"), deal("B", "200", "0.5"), deal("C", "300", "0.2")}}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		fmt.Println(err)
		return
	}
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}
	out, err := forecast.BookingsDistribution(ix.All(), q2, forecast.OutcomeOptions{
		AsOf: q2.Start, Target: activity.Some(decimal.NewFromInt(300)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Expected, out.P10, out.P50, out.P90, out.Method)
	fmt.Printf("P(≥ 300) %.2f; %s carries %.1f%% of the variance\n", out.ProbabilityOfTarget.Value, out.Drivers[0].Deal, 100*out.Drivers[0].VarianceShare)
	// Output:
	// 210 0 200 400 exact
	// P(≥ 300) 0.40; C carries 53.5% of the variance
}
