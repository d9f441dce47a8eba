package main

import (
	"encoding/json"
	"fmt"
	"io"

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
func commissionRun(w io.Writer, deals []activity.Deal, quotas []activity.Quota, quarter activity.Period) error {
	var plan compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		return err
	}
	sts, err := compensation.RateAll(plan, quarter, compensation.CreditsFromDeals(deals), quotas)
	if err != nil {
		return err
	}
	var total, credited decimal.Decimal
	for _, st := range sts {
		total = total.Add(st.Total)
		credited = credited.Add(st.Credited)
	}
	fmt.Fprintf(w, "\nCommission run, %s, plan %s v%d: %d reps, %s credited, %s paid\n", quarter.Name, plan.ID, plan.Version, len(sts),
		credited.StringFixed(2), total.StringFixed(2))
	shown := 0
	for _, st := range sts {
		if len(st.Lines) < 3 || shown == 2 {
			continue
		}
		fmt.Fprintf(w, "%v\n", st)
		shown++
	}
	return nil
}
