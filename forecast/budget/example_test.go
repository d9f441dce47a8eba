package budget_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/forecast"
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

// A quarter's budget for a bookings target of 300,000: two ramped reps
// book 240,000 at 80% of a 50,000 monthly quota, so one hire starts in
// February; their pay at a 10% commission, on-costs, and the leads the
// target needs by source.
func ExamplePlan() {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pay := compensation.Plan{ID: "ae", Version: 1, EffectiveFrom: jan, Currency: "USD", Components: []compensation.Component{{
		Name: "commission", Kind: compensation.Commission,
		Table: &compensation.RateTable{Tiers: []compensation.Tier{{From: decimal.Zero, Rate: activity.Some(decimal.RequireFromString("0.10"))}}},
	}}}
	n := decimal.NewFromInt
	b, err := budget.Plan(budget.PlanInput{
		Name:   "plan",
		Period: activity.Period{Start: jan, End: jan.AddDate(0, 3, 0), Name: "FY2026 Q1"},
		Target: n(300000),
		Reps:   []activity.Rep{{ID: "ann", HiredAt: jan.AddDate(-2, 0, 0)}, {ID: "bob", HiredAt: jan.AddDate(-1, 0, 0)}},
		Capacity: forecast.CapacityOptions{QuotaPerRep: n(50000), Attainment: decimal.RequireFromString("0.8"),
			Ramp: []decimal.Decimal{decimal.RequireFromString("0.5")}, HiringLeadMonths: 1, Currency: "USD"},
		Staff: budget.Staff{BaseSalary: n(60000), OnCostRate: decimal.RequireFromString("0.2"), Plan: &pay, Guarantee: n(3000)},
		Marketing: budget.Marketing{DealSize: n(25000), LeadToWon: decimal.RequireFromString("0.05"), Sources: []budget.SourceMix{
			{Source: activity.SourceInbound, Share: decimal.RequireFromString("0.75"), CostPerLead: n(100)},
			{Source: activity.SourceEvent, Share: decimal.RequireFromString("0.25"), CostPerLead: n(400)},
		}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(b)
	fmt.Println("leads needed", b.LeadsNeeded.Value, "each hire brings", b.BookingsPerHire)
	// Output:
	// plan FY2026 Q1: 127200.00 USD for a target of 300000.00 USD (cost of sales 42.4%); hire 1; 10600.00 USD a won deal
	//   marketing          42000.00 USD
	//   base salary        40000.00 USD
	//   variable pay       30000.00 USD
	//   on-costs           14200.00 USD
	//   ramp guarantee     1000.00 USD
	// leads needed 240 each hire brings 60000
}

// The same budget at other targets: a curve of hires and cost.
func ExampleSweep() {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := decimal.NewFromInt
	in := budget.PlanInput{
		Period: activity.Period{Start: jan, End: jan.AddDate(1, 0, 0), Name: "FY2026"},
		Reps:   []activity.Rep{{ID: "ann", HiredAt: jan.AddDate(-2, 0, 0)}, {ID: "bob", HiredAt: jan.AddDate(-1, 0, 0)}},
		Capacity: forecast.CapacityOptions{QuotaPerRep: n(50000), Attainment: decimal.RequireFromString("0.8"),
			Ramp: []decimal.Decimal{n(0), decimal.RequireFromString("0.5")}, Currency: "USD"},
		Staff: budget.Staff{BaseSalary: n(90000)},
	}
	pts, err := budget.Sweep(in, budget.LeverTarget, []decimal.Decimal{n(960000), n(1500000), n(2000000)})
	if err != nil {
		panic(err)
	}
	for _, p := range pts {
		fmt.Printf("target %s: %d hires, %s, cost of sales %s%%\n", p.Value, p.Hires, p.Total.StringFixed(0), p.CostOfSales.Mul(n(100)).StringFixed(1))
	}
	// Output:
	// target 960000: 0 hires, 180000, cost of sales 18.8%
	// target 1500000: 2 hires, 360000, cost of sales 24.0%
	// target 2000000: 3 hires, 450000, cost of sales 22.5%
}

// The plan and a reforecast side by side: a category's amount in each and
// the change. The plan's target of 400,000 takes a hire beside ann (who
// books 240,000 in the half year); the reforecast's 240,000 none.
func ExampleCompare() {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := decimal.NewFromInt
	in := budget.PlanInput{
		Name: "plan", Period: activity.Period{Start: jan, End: jan.AddDate(0, 6, 0), Name: "H1"}, Target: n(400000),
		Reps:     []activity.Rep{{ID: "ann", HiredAt: jan.AddDate(-1, 0, 0)}},
		Capacity: forecast.CapacityOptions{QuotaPerRep: n(50000), Attainment: decimal.RequireFromString("0.8"), Currency: "USD"},
		Staff:    budget.Staff{BaseSalary: n(60000), OnCostRate: decimal.RequireFromString("0.25")},
		Fixed:    []budget.Entry{{Period: activity.Period{Start: jan, End: jan.AddDate(0, 6, 0)}, Category: "tools", Amount: n(6000), Currency: "USD"}},
	}
	plan, err := budget.Plan(in)
	if err != nil {
		panic(err)
	}
	in.Name, in.Target = "reforecast", n(240000) // ann alone books 6 × 40,000: no hire
	re, err := budget.Plan(in)
	if err != nil {
		panic(err)
	}
	rows, err := budget.Compare(plan, re)
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Printf("%-12s %10s %10s %10s\n", r.Category, r.Amounts[0].StringFixed(2), r.Amounts[1].StringFixed(2), r.Change.StringFixed(2))
	}
	// Output:
	// base salary    60000.00   30000.00  -30000.00
	// on-costs       15000.00    7500.00   -7500.00
	// tools           6000.00    6000.00       0.00
	// total          81000.00   43500.00  -37500.00
}

// Pay statements as actual staff spending, in the month paid: a January
// statement paid in February.
func ExampleFromStatements() {
	jan := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Name: "2026-01"}
	sts := []compensation.Statement{{Rep: "ann", Period: jan, Currency: "USD", Total: decimal.NewFromInt(4200)}}
	es, err := budget.FromStatements(sts, budget.PayoutOptions{Timing: budget.WhenPaid, Teams: map[string]string{"ann": "east"}})
	if err != nil {
		panic(err)
	}
	fmt.Println(es[0].Period.Name, es[0].Category, es[0].Team, es[0].Amount)
	// Output:
	// 2026-02 variable pay east 4200
}
