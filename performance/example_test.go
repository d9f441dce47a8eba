package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// exIndex is a small quarter, 2025 Q1:
//
//	D1 ann won  12,000  6 Jan → 14 Feb (39 days)
//	D2 ann lost  8,000 10 Jan →  3 Mar
//	D3 bob won  30,000  2 Jan → 20 Mar (77 days)
//	D4 bob open 20,000 proposal (default 0.60), expected 15 Apr
//	D5 ann open  5,000 demo, own probability 0.50, expected 1 May
func exIndex() *activity.Index {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	usd := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	deals := []activity.Deal{
		{ID: "D1", Owner: "ann", Amount: usd(12000), Currency: "USD", Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: day(1, 6), ClosedAt: day(2, 14)},
		{ID: "D2", Owner: "ann", Amount: usd(8000), Currency: "USD", Stage: activity.StageClosedLost, Status: activity.StatusLost, CreatedAt: day(1, 10), ClosedAt: day(3, 3), LossReason: "price"},
		{ID: "D3", Owner: "bob", Amount: usd(30000), Currency: "USD", Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: day(1, 2), ClosedAt: day(3, 20)},
		{ID: "D4", Owner: "bob", Amount: usd(20000), Currency: "USD", Stage: activity.StageProposal, Status: activity.StatusOpen, CreatedAt: day(2, 1), ExpectedCloseAt: day(4, 15)},
		{ID: "D5", Owner: "ann", Amount: usd(5000), Currency: "USD", Stage: activity.StageDemo, Status: activity.StatusOpen, CreatedAt: day(3, 1), ExpectedCloseAt: day(5, 1),
			Probability: activity.Some(decimal.RequireFromString("0.50"))},
	}
	acts := []activity.Activity{
		{ID: "a1", Rep: "ann", Kind: activity.KindCall, At: day(1, 7), Deal: "D1"},
		{ID: "a2", Rep: "bob", Kind: activity.KindMeeting, At: day(2, 1), Deal: "D3"},
		{ID: "a3", Rep: "ann", Kind: activity.KindEmail, At: day(3, 5), Deal: "D5"},
	}
	ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		panic(err)
	}
	return ix
}

var (
	exQ1 = activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	exQ2 = activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}
)

func ExampleWinRate() {
	ix := exIndex()
	byCount, _ := performance.WinRate(ix.All(), exQ1, performance.WinRateOptions{})
	byValue, _ := performance.WinRate(ix.All(), exQ1, performance.WinRateOptions{Basis: performance.ValueBasis})
	fmt.Println(byCount)
	// (12,000 + 30,000) / (12,000 + 8,000 + 30,000) = 0.84
	fmt.Println(byValue)
	// Output:
	// all: win rate 66.7% by count (2 won of 3 closed in 2025 Q1)
	// all: win rate 84.0% by value (42000.00 USD won of 50000.00 USD, 2 won of 3 deals closed in 2025 Q1)
}

func ExampleWinRateBy() {
	ix := exIndex()
	groups, _ := performance.WinRateBy(ix.All(), exQ1, activity.ByRep(), performance.WinRateOptions{})
	for _, g := range groups {
		fmt.Printf("%s: %d of %d, %.0f%%\n", g.Key, g.Result.Won, g.Result.Won+g.Result.Lost, 100*g.Result.Rate)
	}
	// Output:
	// ann: 1 of 2, 50%
	// bob: 1 of 1, 100%
}

// A report's rep rows and its total line from one call: the total is the
// last group, marked Total (ann 1 of 2 and bob 1 of 1: 2 of 3).
func ExampleWinRateBy_total() {
	ix := exIndex()
	groups, _ := performance.WinRateBy(ix.All(), exQ1, activity.ByRep().WithTotal(), performance.WinRateOptions{})
	for _, g := range groups {
		name := g.Key
		if g.Total {
			name = "total"
		}
		fmt.Printf("%s: %d of %d, %.0f%%\n", name, g.Result.Won, g.Result.Won+g.Result.Lost, 100*g.Result.Rate)
	}
	// Output:
	// ann: 1 of 2, 50%
	// bob: 1 of 1, 100%
	// total: 2 of 3, 67%
}

func ExampleDealSizeOf() {
	ix := exIndex()
	s, _ := performance.DealSizeOf(ix.All(), exQ1, performance.DealSizeOptions{})
	fmt.Println(s)
	fmt.Println("P90:", s.P90) // 12,000 + 0.9 × 18,000
	// Output:
	// all: 2 won deals in 2025 Q1, mean 21000.00 USD, median 21000.00 USD
	// P90: 28200
}

func ExampleSalesCycle() {
	ix := exIndex()
	c, _ := performance.SalesCycle(ix.All(), exQ1, performance.CycleOptions{})
	// 39 and 77 days: P75 = 39 + 0.75 × 38, P90 = 39 + 0.9 × 38.
	fmt.Println(c)
	// Output:
	// all: sales cycle of 2 won deals in 2025 Q1: mean 58.0 days, median 58.0, P75 67.5, P90 73.2
}

func ExampleOpenPipeline() {
	ix := exIndex()
	p, _ := performance.OpenPipeline(ix.All(), exQ2, performance.PipelineOptions{AsOf: exQ2.Start})
	// 20,000 × 0.60 (proposal's default) + 5,000 × 0.50 (D5's own).
	fmt.Println(p)
	// Output:
	// all: pipeline 25000.00 USD in 2 deals for 2025 Q2, weighted 14500.00 USD (0 overdue)
}

func ExampleSalesVelocity() {
	ix := exIndex()
	v, _ := performance.SalesVelocity(ix.All(), exQ1, performance.VelocityOptions{})
	// 2 open × 2/3 × 21,000 / 58 days = 482.76 a day.
	fmt.Println(v)
	// Output:
	// all: velocity 482.76 USD a day (2 opportunities × 66.7% × 21000.00 / 58.0 days)
}

func ExampleActivitiesPerWonDeal() {
	ix := exIndex()
	all, _ := performance.ActivitiesPerWonDeal(ix.All(), exQ1, performance.EffortOptions{})
	linked, _ := performance.ActivitiesPerWonDeal(ix.All(), exQ1, performance.EffortOptions{Linking: performance.LinkedToOutcome})
	fmt.Println(all)    // a1, a2, a3 over D1, D3
	fmt.Println(linked) // a1 (D1) and a2 (D3)
	// Output:
	// all: 1.5 activities per won deal (3 / 2) in 2025 Q1
	// all: 1.0 activities per won deal (2 / 2) in 2025 Q1
}
