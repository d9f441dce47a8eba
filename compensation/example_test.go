package compensation_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

// planJSON is a plan as a host stores it: 10% of credited bookings up to
// quota, 15% above (an accelerator on the base rate), nothing below 50% of
// quota, and 1,000 for reaching 100%.
const planJSON = `{
  "id": "ae-2025", "version": 1, "effective_from": "2025-01-01T00:00:00Z", "currency": "USD",
  "components": [
    {"name": "commission", "kind": "commission",
     "table": {"basis": "attainment", "mode": "marginal", "base_rate": "0.10",
               "tiers": [{"from": "0", "to": "1", "multiplier": "1"}, {"from": "1", "multiplier": "1.5"}]},
     "gate": {"min_attainment": "0.5"}},
    {"name": "club", "kind": "bonus", "steps": [{"attainment": "1", "amount": "1000"}]}
  ]
}`

var q1 = activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}

func usd(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func exampleCredits() []compensation.Credit {
	at := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	return []compensation.Credit{
		{ID: "D-1", Rep: "ann", Amount: usd("30000"), Currency: "USD", At: at(10)},
		{ID: "D-2", Rep: "ann", Amount: usd("50000"), Currency: "USD", At: at(20)},
		{ID: "D-3", Rep: "ann", Amount: usd("40000"), Currency: "USD", At: at(30)},
	}
}

var exampleQuotas = []activity.Quota{{Rep: "ann", Period: q1, Amount: activity.Some(usd("100000")), Currency: "USD"}}

func ExampleStatementFor() {
	var plan compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		panic(err)
	}
	// 120,000 on a 100,000 quota: 30,000 and 50,000 at 10%; D-3 crosses
	// quota: 20,000 at 10% and 20,000 at 15%; and the 1,000 bonus.
	st, err := compensation.StatementFor(plan, "ann", q1, exampleCredits(), exampleQuotas)
	if err != nil {
		panic(err)
	}
	for _, l := range st.Lines {
		fmt.Printf("%-10s %-4s base %9s × %-5s = %8s\n", l.Component, l.Credit, l.Base.StringFixed(2), l.Rate.String(), l.Amount.StringFixed(2))
	}
	fmt.Println("total", st.Total.StringFixed(2))
	// Output:
	// commission D-1  base  30000.00 × 0.1   =  3000.00
	// commission D-2  base  50000.00 × 0.1   =  5000.00
	// commission D-3  base  20000.00 × 0.1   =  2000.00
	// commission D-3  base  20000.00 × 0.15  =  3000.00
	// club            base      1.20 × 0     =  1000.00
	// total 14000.00
}

func ExampleWhatIf() {
	var plan compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		panic(err)
	}
	// Before D-3 ann is at 80%: a 40,000 deal pays 2,000 + 3,000 and the
	// 1,000 bonus.
	credits := exampleCredits()
	w, err := compensation.WhatIf(plan, "ann", q1, credits[:2], exampleQuotas, credits[2])
	if err != nil {
		panic(err)
	}
	fmt.Println(w.Before.Total.StringFixed(2), "→", w.After.Total.StringFixed(2), "adds", w.AddedAmount.StringFixed(2))
	// Output:
	// 8000.00 → 14000.00 adds 6000.00
}

func ExamplePayCurve() {
	var plan compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		panic(err)
	}
	curve, err := compensation.PayCurve(plan, "ann", q1, exampleQuotas, usd("0.25"), usd("1.5"), usd("0.25"))
	if err != nil {
		panic(err)
	}
	for _, c := range curve {
		fmt.Printf("%4s%% → %s\n", c.Attainment.Mul(usd("100")).String(), c.Pay.StringFixed(2))
	}
	// Output:
	//   25% → 0.00
	//   50% → 5000.00
	//   75% → 7500.00
	//  100% → 11000.00
	//  125% → 14750.00
	//  150% → 18500.00
}

func ExamplePlanEconomics() {
	e, err := compensation.PlanEconomics(usd("60000"), usd("40000"), usd("800000"), activity.Some(usd("52000")), activity.Some(usd("950000")))
	if err != nil {
		panic(err)
	}
	fmt.Println(e)
	// Output:
	// OTE 100000.00 (60/40 mix), target commission rate 5.00%, cost of sales 11.79%
}

func ExampleCreditDeals() {
	deals := []activity.Deal{{ID: "D-7", Owner: "ann", Amount: usd("9000"), Currency: "USD", Status: activity.StatusWon,
		ClosedAt: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)}}
	// Ann and Bob split the deal 2:1; a solutions engineer has a 10%
	// overlay on top.
	credits, err := compensation.CreditDeals(deals, compensation.CreditingOptions{Splits: []compensation.Split{
		{Deal: "D-7", Rep: "ann", Share: usd("0.6666666667")},
		{Deal: "D-7", Rep: "bob", Share: usd("0.3333333333")},
		{Deal: "D-7", Rep: "se", Share: usd("0.1"), Role: compensation.RoleOverlay},
	}})
	if err != nil {
		panic(err)
	}
	for _, c := range credits {
		fmt.Println(c.ID, c.Amount.StringFixed(2))
	}
	// Output:
	// D-7/ann/primary 6000.00
	// D-7/bob/primary 3000.00
	// D-7/se/overlay 900.00
}

// A gate the plan writes as "paid only above 50% of quota" is strict: at
// exactly 50% (50,000 of 100,000) nothing is paid; inclusive (the default)
// it would pass.
func ExampleGate_strict() {
	var plan compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		panic(err)
	}
	credits := []compensation.Credit{{ID: "D-1", Rep: "ann", Amount: usd("50000"), Currency: "USD", At: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)}}
	for _, strict := range []bool{false, true} {
		plan.Components[0].Gate.Strict = strict
		st, err := compensation.StatementFor(plan, "ann", q1, credits, exampleQuotas)
		if err != nil {
			panic(err)
		}
		fmt.Printf("strict %v: %s\n", strict, st.Total.StringFixed(2))
		for _, l := range st.Lines {
			if l.Component == "commission" {
				fmt.Printf("  %8s %s\n", l.Amount.StringFixed(2), l.Reason())
			}
		}
	}
	// Output:
	// strict false: 5000.00
	//    5000.00 marginal: the part of the credit whose running total falls in tier 1 [0.00, 100000.00) at 0.1
	// strict true: 0.00
	//    5000.00 marginal: the part of the credit whose running total falls in tier 1 [0.00, 100000.00) at 0.1
	//   -5000.00 gate: attainment 50% not above 50%; nothing paid
}

// A minimum commission of 2,000 a quarter over the commission: a rep who
// earned 1,500 (15,000 credited at 10%) is topped up by 500. Unlike a
// recoverable draw, the top-up is never repaid.
func ExampleFloor() {
	plan := compensation.Plan{ID: "sdr", Version: 1, EffectiveFrom: q1.Start, Currency: "USD", Components: []compensation.Component{
		{Name: "commission", Kind: compensation.Commission, Table: &compensation.RateTable{Tiers: []compensation.Tier{
			{From: usd("0"), Rate: activity.Some(usd("0.10"))}}}},
		{Name: "minimum", Kind: compensation.Minimum, Floor: &compensation.Floor{Amount: usd("2000"), Of: []string{"commission"}}},
	}}
	credits := []compensation.Credit{{ID: "D-1", Rep: "ann", Amount: usd("15000"), Currency: "USD", At: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)}}
	st, err := compensation.StatementFor(plan, "ann", q1, credits, nil)
	if err != nil {
		panic(err)
	}
	for _, l := range st.Lines {
		fmt.Printf("%-10s %-7s %8s  %s\n", l.Component, l.Type, l.Amount.StringFixed(2), l.Reason())
	}
	fmt.Println("total", st.Total.StringFixed(2))
	// Output:
	// commission base     1500.00  marginal: the part of the credit whose running total falls in tier 1 [0.00, ∞) at 0.10
	// minimum    minimum   500.00  minimum: commission earned 1500.00, below the floor 2000.00; 500.00 tops it up
	// total 2000.00
}

// An accelerator paid in Q2 only once the year to date reaches half the
// annual quota: 150,000 in Q1 and 60,000 in Q2 are 52.5% of 400,000, so
// Q2's 60,000 earns the 5% kicker.
func ExampleGate_toDate() {
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}
	year := activity.Quota{Rep: "ann", Amount: activity.Some(usd("400000")), Currency: "USD",
		Period: activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2025"}}
	plan := compensation.Plan{ID: "kicker", Version: 1, EffectiveFrom: year.Period.Start, Currency: "USD", Components: []compensation.Component{
		{Name: "kicker", Kind: compensation.Commission,
			Table: &compensation.RateTable{Tiers: []compensation.Tier{{From: usd("0"), Rate: activity.Some(usd("0.05"))}}},
			Gate:  &compensation.Gate{MinAttainmentToDate: activity.Some(usd("0.5"))}},
	}}
	credits := []compensation.Credit{
		{ID: "D-1", Rep: "ann", Amount: usd("150000"), Currency: "USD", At: time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)},
		{ID: "D-2", Rep: "ann", Amount: usd("60000"), Currency: "USD", At: time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)},
	}
	st, err := compensation.StatementFor(plan, "ann", q2, credits, []activity.Quota{year})
	if err != nil {
		panic(err)
	}
	fmt.Printf("year to date %s%% of %s USD; paid %s USD\n", st.AttainmentToDate.Value.Shift(2), st.QuotaToDate.Value.StringFixed(2), st.Total.StringFixed(2))
	// Output:
	// year to date 52.5% of 400000.00 USD; paid 3000.00 USD
}

// A bonus of 50% of the commission on sales over 50,000: 80,000 credited
// earns 3,000 commission (10% of the 30,000 above the threshold), and the
// bonus half of it.
func ExampleShare() {
	plan := compensation.Plan{ID: "kicker", Version: 1, EffectiveFrom: q1.Start, Currency: "USD", Components: []compensation.Component{
		{Name: "commission", Kind: compensation.Commission, Table: &compensation.RateTable{Tiers: []compensation.Tier{
			{From: usd("0"), To: activity.Some(usd("50000")), Rate: activity.Some(usd("0"))},
			{From: usd("50000"), Rate: activity.Some(usd("0.10"))}}}},
		{Name: "kicker", Kind: compensation.PercentOf, Share: &compensation.Share{Of: "commission", Rate: usd("0.5")}},
	}}
	credits := []compensation.Credit{{ID: "D-1", Rep: "ann", Amount: usd("80000"), Currency: "USD", At: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)}}
	st, err := compensation.StatementFor(plan, "ann", q1, credits, nil)
	if err != nil {
		panic(err)
	}
	for _, c := range st.Components {
		fmt.Println(c.Name, c.Amount.StringFixed(2))
	}
	fmt.Println("total", st.Total.StringFixed(2))
	// Output:
	// commission 3000.00
	// kicker 1500.00
	// total 4500.00
}

// Tiers on the year's running total: 5% to half the annual quota of
// 400,000, 10% above. After 150,000 in Q1, a Q2 deal of 100,000 is paid
// 5% on its first 50,000 and 10% on the rest.
func ExampleRateTable_toDate() {
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}
	year := activity.Quota{Rep: "ann", Amount: activity.Some(usd("400000")), Currency: "USD",
		Period: activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2025"}}
	plan := compensation.Plan{ID: "ytd", Version: 1, EffectiveFrom: year.Period.Start, Currency: "USD", Components: []compensation.Component{
		{Name: "commission", Kind: compensation.Commission, Table: &compensation.RateTable{Basis: compensation.OnAttainmentToDate,
			Tiers: []compensation.Tier{
				{From: usd("0"), To: activity.Some(usd("0.5")), Rate: activity.Some(usd("0.05"))},
				{From: usd("0.5"), Rate: activity.Some(usd("0.10"))}}}},
	}}
	credits := []compensation.Credit{
		{ID: "D-1", Rep: "ann", Amount: usd("150000"), Currency: "USD", At: time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)},
		{ID: "D-2", Rep: "ann", Amount: usd("100000"), Currency: "USD", At: time.Date(2025, 5, 12, 0, 0, 0, 0, time.UTC)},
	}
	st, err := compensation.StatementFor(plan, "ann", q2, credits, []activity.Quota{year})
	if err != nil {
		panic(err)
	}
	for _, l := range st.Lines {
		fmt.Printf("%-11s %9s × %-4s = %8s (year to date %s)\n", l.Type, l.Base.StringFixed(2), l.Rate, l.Amount.StringFixed(2), l.RunningTotal.StringFixed(2))
	}
	// Output:
	// base         50000.00 × 0.05 =  2500.00 (year to date 250000.00)
	// accelerator  50000.00 × 0.1  =  5000.00 (year to date 250000.00)
}

// An SDR plan paying 50 per meeting held, from the activity records given
// with the credits (none here): 3 held, 1 no-show.
func ExampleActivityRate() {
	plan := compensation.Plan{ID: "sdr", Version: 1, EffectiveFrom: q1.Start, Currency: "USD", Components: []compensation.Component{
		{Name: "meetings", Kind: compensation.PerActivity, PerActivity: &compensation.ActivityRate{
			Kinds: []activity.Kind{activity.KindMeeting}, Outcomes: []activity.Outcome{activity.OutcomeHeld}, Amount: usd("50")}},
	}}
	at := func(d int) time.Time { return time.Date(2025, 2, d, 10, 0, 0, 0, time.UTC) }
	acts := []activity.Activity{
		{Rep: "sam", Kind: activity.KindMeeting, Outcome: activity.OutcomeHeld, At: at(3)},
		{Rep: "sam", Kind: activity.KindMeeting, Outcome: activity.OutcomeHeld, At: at(5)},
		{Rep: "sam", Kind: activity.KindMeeting, Outcome: activity.OutcomeNoShow, At: at(6)},
		{Rep: "sam", Kind: activity.KindMeeting, Outcome: activity.OutcomeHeld, At: at(12)},
	}
	st, err := compensation.StatementFor(plan, "sam", q1, nil, nil, acts...)
	if err != nil {
		panic(err)
	}
	fmt.Println(st.Lines[0].Reason(), "=", st.Total.StringFixed(2))
	// Output:
	// 3 activities (meeting, held) at 50.00 = 150.00
}

// A target incentive of 10,000 a quarter × attainment, with no commission
// rate to work out from the quota; its pay curve needs no quota at all.
func ExampleComponent_incentive() {
	target := usd("10000")
	plan := compensation.Plan{ID: "ti", Version: 1, EffectiveFrom: q1.Start, Currency: "USD", Components: []compensation.Component{
		{Name: "incentive", Kind: compensation.Incentive, Target: &target},
		{Name: "club", Kind: compensation.Bonus, Steps: []compensation.BonusStep{{Attainment: usd("1.2"), Amount: usd("2500")}}},
	}}
	curve, err := compensation.PayCurve(plan, "ann", q1, nil, usd("0.8"), usd("1.4"), usd("0.2"))
	if err != nil {
		panic(err)
	}
	for _, c := range curve {
		fmt.Printf("%s%%: %s\n", c.Attainment.Shift(2), c.Pay.StringFixed(2))
	}
	// Output:
	// 80%: 8000.00
	// 100%: 10000.00
	// 120%: 14500.00
	// 140%: 16500.00
}
