package budget_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast/budget"
)

// A quarter's marketing budget of 30,000, 18,000 spent by mid-February:
// 45 of the quarter's 90 days gone, half the budget's worth of time, and
// at this pace the quarter ends at 36,000, 6,000 over.
func ExampleTrack() {
	q1 := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Name: "FY2026 Q1"}
	plan := []budget.Entry{{Period: q1, Category: "marketing", Amount: decimal.NewFromInt(30000), Currency: "USD"}}
	spent := []budget.Entry{
		{Period: activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, Category: "marketing", Amount: decimal.NewFromInt(12000), Currency: "USD"},
		{Period: activity.Period{Start: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC)}, Category: "marketing", Amount: decimal.NewFromInt(6000), Currency: "USD"},
	}
	t, err := budget.Track(plan, spent, q1, budget.TrackOptions{AsOf: time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	fmt.Println(t)
	fmt.Println("budget to date", t.BudgetToDate.StringFixed(2), "variance to date", t.VarianceToDate.StringFixed(2))
	// Output:
	// all: 18000.00 USD of 30000.00 USD budget (60.0%), 50.0% of FY2026 Q1 elapsed; projected 36000.00 USD, 6000.00 USD over
	// budget to date 15000.00 variance to date 3000.00
}

// Spending by month against a budget by month.
func ExampleTrackBy() {
	var plan, spent []budget.Entry
	for m, amt := range []int64{9000, 11000, 10500} {
		start := time.Date(2026, time.Month(1+m), 1, 0, 0, 0, 0, time.UTC)
		month := activity.Period{Start: start, End: start.AddDate(0, 1, 0)}
		plan = append(plan, budget.Entry{Period: month, Category: "events", Amount: decimal.NewFromInt(10000), Currency: "USD"})
		spent = append(spent, budget.Entry{Period: month, Category: "events", Amount: decimal.NewFromInt(amt), Currency: "USD"})
	}
	q1 := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Name: "FY2026 Q1"}
	months, err := budget.TrackBy(plan, spent, q1, budget.ByPeriod, budget.TrackOptions{})
	if err != nil {
		panic(err)
	}
	for _, m := range months {
		fmt.Printf("%s %s of %s, variance %s (%s%%)\n", m.Period.Name, m.Actual.StringFixed(0), m.Budget.StringFixed(0),
			m.Variance.StringFixed(0), m.VariancePct.Value.Mul(decimal.NewFromInt(100)).StringFixed(1))
	}
	// Output:
	// 2026-01 9000 of 10000, variance -1000 (-10.0%)
	// 2026-02 11000 of 10000, variance 1000 (10.0%)
	// 2026-03 10500 of 10000, variance 500 (5.0%)
}
