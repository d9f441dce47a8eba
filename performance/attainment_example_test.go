package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// attExIndex is a quarter of quotas, 2025 Q1 (90 days):
//
//	ann  hired 2020                               quota 30,000 USD
//	bob  hired 1 Jan 2025, ramp 0.5, 0.75         quota 20,000 USD
//
//	Q1 ann won  12,000 20 Jan    Q2 ann won  21,000  3 Mar
//	Q3 bob won   9,000 10 Feb    Q4 bob lost  5,000 20 Feb
//	Q5 ann open 40,000 proposal, expected 28 Mar
func attExIndex() *activity.Index {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	usd := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	won := func(id, owner string, amount int64, closed time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Amount: usd(amount), Currency: "USD", Stage: activity.StageClosedWon,
			Status: activity.StatusWon, CreatedAt: day(1, 2), ClosedAt: closed}
	}
	deals := []activity.Deal{
		won("Q1", "ann", 12000, day(1, 20)),
		won("Q2", "ann", 21000, day(3, 3)),
		won("Q3", "bob", 9000, day(2, 10)),
		{ID: "Q4", Owner: "bob", Amount: usd(5000), Currency: "USD", Stage: activity.StageClosedLost,
			Status: activity.StatusLost, CreatedAt: day(1, 2), ClosedAt: day(2, 20)},
		{ID: "Q5", Owner: "ann", Amount: usd(40000), Currency: "USD", Stage: activity.StageProposal,
			Status: activity.StatusOpen, CreatedAt: day(1, 15), ExpectedCloseAt: day(3, 28)},
	}
	reps := []activity.Rep{
		{ID: "ann", HiredAt: time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "bob", HiredAt: day(1, 1), Ramp: []decimal.Decimal{decimal.RequireFromString("0.5"), decimal.RequireFromString("0.75")}},
	}
	quotas := []activity.Quota{
		{Rep: "ann", Period: exQ1, Amount: activity.Some(usd(30000)), Currency: "USD"},
		{Rep: "bob", Period: exQ1, Amount: activity.Some(usd(20000)), Currency: "USD"},
	}
	ix, err := activity.NewIndex(activity.Records{Reps: reps, Deals: deals, Quotas: quotas}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		panic(err)
	}
	return ix
}

func ExampleAttainment() {
	ix := attExIndex()
	as, err := performance.Attainment(ix.All(), exQ1, performance.AttainmentOptions{})
	if err != nil {
		panic(err)
	}
	// ann: (12,000 + 21,000) / 30,000 = 1.1; bob: 9,000 / 20,000 = 0.45,
	// ramping (a factor of 0.5 on 1 January, his first month).
	for _, a := range as {
		fmt.Println(a)
		fmt.Println("  exact:", a.Attainment)
	}
	// Output:
	// rep ann 2025 Q1: 33000.00 of 30000.00 USD, 110.0% of quota (2 won deals)
	//   exact: 1.1
	// rep bob 2025 Q1: 9000.00 of 20000.00 USD, 45.0% of quota; ramping (1 won deal)
	//   exact: 0.45
}

func ExampleAttainmentToDate() {
	ix := attExIndex()
	feb15 := time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC)
	full, _ := performance.AttainmentToDate(ix.All(), exQ1, feb15, performance.AttainmentOptions{})
	// 45 of Q1's 90 days have elapsed on 15 February: half of each quota.
	prorated, _ := performance.AttainmentToDate(ix.All(), exQ1, feb15, performance.AttainmentOptions{Prorate: true})
	for i := range full {
		fmt.Println(full[i])
		fmt.Println(prorated[i])
	}
	// Output:
	// rep ann 2025 Q1 to 2025-02-15: 12000.00 of 30000.00 USD over 1 quota (1 running, in full), 40.0% of quota
	// rep ann 2025 Q1 to 2025-02-15: 12000.00 of 15000.00 USD over 1 quota (1 running, prorated), 80.0% of quota
	// rep bob 2025 Q1 to 2025-02-15: 9000.00 of 20000.00 USD over 1 quota (1 running, in full), 45.0% of quota
	// rep bob 2025 Q1 to 2025-02-15: 9000.00 of 10000.00 USD over 1 quota (1 running, prorated), 90.0% of quota
}

func ExampleAtQuota() {
	ix := attExIndex()
	all, _ := performance.AtQuota(ix.All(), exQ1, performance.AttainmentOptions{})
	fmt.Println(all)
	// bob is in his first month of ramp (0.5) on 1 January: left out.
	ramped, _ := performance.AtQuota(ix.All(), exQ1, performance.AttainmentOptions{RampedOnly: true})
	fmt.Println(ramped.AtOrAbove, "of", ramped.Counted, "ramped reps; left out:", ramped.NotRamped)
	// Output:
	// all: 1 of 2 reps at or above bookings quota in 2025 Q1 (50.0%); bands < 0.5: 1, [0.5, 0.75): 0, [0.75, 1): 0, [1, 1.25): 1, >= 1.25: 0
	// 1 of 1 ramped reps; left out: [bob]
}

func ExampleCoverage() {
	ix := attExIndex()
	c, err := performance.Coverage(ix.All(), exQ1, performance.CoverageOptions{
		Owner:    "ann",
		Basis:    performance.CoverRemaining,
		WinRate:  0.5,
		Pipeline: performance.PipelineOptions{AsOf: time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		panic(err)
	}
	// Open 40,000 over what is left: 30,000 − 12,000 won by 15 February.
	fmt.Println(c)
	fmt.Println(c.Coverage)
	// Output:
	// all / rep=ann 2025 Q1: pipeline 40000.00 USD / remaining quota 18000.00 = 2.22x; required 2.00x at a 50.0% win rate (enough)
	// 2.22222222222222222222
}

func ExampleCoverageFrom() {
	d := decimal.RequireFromString
	c, _ := performance.CoverageFrom(d("300000"), d("100000"), d("0"), performance.CoverageOptions{WinRate: 0.25})
	fmt.Println(c)
	// At 25% the pipeline should bring 300,000 × 0.25 = 75,000: 75% of the
	// 100,000 still to book.
	fmt.Printf("expected %s, %s%% of the quota left\n", c.Expected.StringFixed(2), c.ExpectedShare.Shift(2))
	// Once closed won reaches the quota, nothing is left to cover.
	done, _ := performance.CoverageFrom(d("50000"), d("100000"), d("100000"), performance.CoverageOptions{Basis: performance.CoverRemaining})
	fmt.Println(done.Undefined)
	// Output:
	// coverage: pipeline 300000 / quota 100000 = 3.00x; required 4.00x at a 25.0% win rate (short)
	// expected 75000.00, 75% of the quota left
	// already at quota: closed won 100000 >= quota 100000
}
