package budget

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/forecast"
)

// FuzzPlan plans budgets from inputs made of the bytes (targets, quotas,
// attainment, ramp, attrition, lead time, salary, on-costs, guarantee,
// funnel and a fixed line): no panic; every error wraps a sentinel; the
// lines add up to the category totals and the total; every amount is
// non-negative; the entries track to the total; a sweep over the target
// agrees with the plan at that target.
func FuzzPlan(f *testing.F) {
	f.Add([]byte{30, 50, 80, 2, 50, 0, 1, 60, 20, 30, 25, 5, 75, 100, 1, 12})
	f.Add([]byte{200, 10, 100, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		i := 0
		next := func() int64 {
			if i >= len(data) {
				return 0
			}
			i++
			return int64(data[i-1])
		}
		pct := func(v int64) decimal.Decimal { return decimal.New(v, -2) }
		jan := day(2026, 1, 1)
		months := 1 + int(next()%12)
		in := PlanInput{
			Period: activity.Period{Start: jan, End: jan.AddDate(0, months, 0), Name: "p"},
			Target: decimal.New(next()*10000, 0),
			Reps:   []activity.Rep{{ID: "a", HiredAt: day(2024, 1, 1)}, {ID: "b", HiredAt: jan.AddDate(0, int(next()%6), 0), Ramp: []decimal.Decimal{pct(next() % 101)}}},
			Capacity: forecast.CapacityOptions{QuotaPerRep: decimal.New(next()*1000, 0), Attainment: pct(next()), Ramp: []decimal.Decimal{pct(next() % 101)},
				MonthlyAttrition: pct(next() % 30), HiringLeadMonths: int(next() % 4), Currency: "USD"},
			Staff: Staff{BaseSalary: decimal.New(next()*1000, 0), OnCostRate: pct(next()), Guarantee: decimal.New(next()*100, 0)},
		}
		if next()%2 == 0 {
			in.Staff.Plan = &compensation.Plan{ID: "p", Version: 1, EffectiveFrom: jan, Currency: "USD", Components: []compensation.Component{{
				Name: "c", Kind: compensation.Commission, Table: &compensation.RateTable{Tiers: []compensation.Tier{{From: decimal.Zero, Rate: activity.Some(pct(next() % 30))}}}}}}
			if next()%2 == 0 {
				in.Staff.PayPeriod = activity.Quarterly
			}
		}
		if v := next(); v > 0 {
			share := pct(next() % 101)
			in.Marketing = Marketing{DealSize: decimal.New(v*1000, 0), LeadToWon: pct(next()%100 + 1), Sources: []SourceMix{
				{Source: "web", Share: share, CostPerLead: decimal.New(next(), 0)}, {Source: "event", Share: decimal.NewFromInt(1).Sub(share), CostPerLead: decimal.New(next()*3, 0)}}}
		}
		if v := next(); v > 0 {
			in.Fixed = []Entry{{Period: activity.Period{Start: jan.AddDate(0, int(v%14)-1, 0), End: jan.AddDate(0, int(v%14)+1, 0)}, Category: "tools", Amount: decimal.New(v*37, -1), Currency: "USD"}}
		}
		b, err := Plan(in)
		if err != nil {
			if !errors.Is(err, ErrInvalidOptions) && !errors.Is(err, ErrMixedCurrencies) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		sums := map[string]decimal.Decimal{}
		var total decimal.Decimal
		for _, l := range b.Lines {
			if l.Amount.IsNegative() {
				t.Fatalf("negative line %+v", l)
			}
			sums[l.Category] = sums[l.Category].Add(l.Amount)
			total = total.Add(l.Amount)
		}
		for _, c := range b.Totals {
			if !sums[c.Category].Equal(c.Amount) {
				t.Fatalf("%s: lines add up to %s, total %s", c.Category, sums[c.Category], c.Amount)
			}
		}
		if !total.Equal(b.Total) {
			t.Fatalf("lines add up to %s, total %s", total, b.Total)
		}
		tr, err := Track(b.Entries(), nil, in.Period, TrackOptions{})
		if err != nil || !tr.Budget.Equal(b.Total) {
			t.Fatalf("tracked %v, %v; total %s", tr.Budget, err, b.Total)
		}
		pts, err := Sweep(in, LeverTarget, []decimal.Decimal{in.Target})
		if err != nil || !pts[0].Total.Equal(b.Total) || pts[0].Hires != b.Hiring.Hires {
			t.Fatalf("sweep %+v, %v; plan %s, %d hires", pts, err, b.Total, b.Hiring.Hires)
		}
	})
}
