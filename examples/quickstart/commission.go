package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

// planJSON is the sample company's plan as it would be stored: 8% of
// credited bookings up to quota and 12% above (1.5 × the base rate),
// nothing under 50% of quota, a 2,000 bonus at 100% and 5,000 at 120%.
const planJSON = `{
  "id": "ae-2025", "version": 3, "name": "Account executives 2025",
  "effective_from": "2024-01-01T00:00:00Z", "currency": "USD",
  "components": [
    {"name": "commission", "kind": "commission",
     "table": {"basis": "attainment", "mode": "marginal", "base_rate": "0.08",
               "tiers": [{"from": "0", "to": "1", "multiplier": "1"}, {"from": "1", "multiplier": "1.5"}]},
     "gate": {"min_attainment": "0.5"}},
    {"name": "bonus", "kind": "bonus",
     "steps": [{"attainment": "1", "amount": "2000"}, {"attainment": "1.2", "amount": "5000"}]}
  ]
}`

// commissionRun rates every rep's quarter under the plan (a won deal
// credits its owner in full), prints the run's totals and two reps'
// statements line by line.
func commissionRun(w io.Writer, deals []activity.Deal, reps []activity.Rep, quotas []activity.Quota, cal activity.Calendar, quarter activity.Period, conv *activity.Conversion) error {
	var plan compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		return err
	}
	// Deals in euros credit the dollar plan at their close's rate.
	credits, err := compensation.CreditDeals(deals, compensation.CreditingOptions{Conversion: conv})
	if err != nil {
		return err
	}
	sts, err := compensation.StatementsForAll(plan, quarter, credits, quotas)
	if err != nil {
		return err
	}
	var total, credited decimal.Decimal
	for _, st := range sts {
		total = total.Add(st.Total)
		credited = credited.Add(st.Credited)
	}
	fmt.Fprintf(w, "\nCommission run, %s, plan %s v%d: %d reps, %s %s credited, %s %s paid\n", quarter.Name, plan.ID, plan.Version, len(sts),
		credited.StringFixed(2), plan.Currency, total.StringFixed(2), plan.Currency)
	shown := 0
	for _, st := range sts {
		if len(st.Lines) < 3 || shown == 2 {
			continue
		}
		fmt.Fprintf(w, "%v\n", st)
		shown++
	}
	return newestRepDraw(w, credits, reps, cal, quarter)
}

// newestRepDraw pays the most recently hired rep month by month on a flat
// 8% with a recoverable draw of 1,500 a month while she ramps: what the
// draw advanced in slow months is repaid from later pay above it.
func newestRepDraw(w io.Writer, credits []compensation.Credit, reps []activity.Rep, cal activity.Calendar, quarter activity.Period) error {
	var newest activity.Rep
	for _, r := range reps {
		if r.LeftAt.IsZero() && r.HiredAt.After(newest.HiredAt) {
			newest = r
		}
	}
	plan := compensation.Plan{ID: "ramp-draw", Version: 1, EffectiveFrom: newest.HiredAt, Currency: "USD",
		Components: []compensation.Component{{Name: "commission", Kind: compensation.Commission,
			Table: &compensation.RateTable{Tiers: []compensation.Tier{{From: decimal.Zero, Rate: activity.Some(decimal.RequireFromString("0.08"))}}}}},
		Draw: &compensation.Draw{Amount: decimal.NewFromInt(1500), Recoverable: true}}
	// The last two quarters, from her first full month at the latest.
	from := quarter.Start.AddDate(0, -3, 0)
	if first, err := cal.Month(newest.HiredAt); err != nil {
		return err
	} else if first.End.After(from) {
		from = first.End
	}
	plan.EffectiveFrom = from
	var months []activity.Period
	for m := range cal.Periods(activity.Monthly, from, quarter.End) {
		months = append(months, m)
	}
	sts, err := compensation.Statements(plan, newest.ID, months, credits, nil, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s, hired %s, on a recoverable draw of 1,500 a month (8%% commission) from %s\n", newest.ID, newest.HiredAt.Format(time.DateOnly), from.Format(time.DateOnly))
	for _, st := range sts {
		fmt.Fprintf(w, "  %s: earned %10s, paid %10s, owes %9s\n", st.Period.Name, st.Earned.StringFixed(2), st.Total.StringFixed(2), st.DrawBalance.StringFixed(2))
	}
	return nil
}
