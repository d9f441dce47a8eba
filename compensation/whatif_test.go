package compensation

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestWhatIf(t *testing.T) {
	t.Parallel()
	p, quotas := quotaPlan()
	// At 90,000 (9,000 paid), a 20,000 deal adds 10,000 × 10% + 10,000 ×
	// 15% = 2,500: the accelerator is worth 500 of it.
	credits := []Credit{credit("a", "90000", 3)}
	w, err := WhatIf(p, "ann", q1, credits, quotas, credit("x", "20000", 20))
	if err != nil {
		t.Fatal(err)
	}
	if !w.AddedExact.Equal(d("2500")) || !w.Before.Total.Equal(d("9000")) || !w.After.Total.Equal(d("11500")) {
		t.Errorf("WhatIf = %s added (%s → %s)", w.AddedExact, w.Before.Total, w.After.Total)
	}
	if _, err := WhatIf(p, "ann", q1, credits, quotas, Credit{ID: "y", Rep: "bob", Amount: d("1"), Currency: "USD", At: utc(2025, 1, 2)}); !errors.Is(err, ErrInvalidCredit) {
		t.Errorf("WhatIf(bob's credit) = %v, want ErrInvalidCredit", err)
	}
}

func TestPayCurve(t *testing.T) {
	t.Parallel()
	p, quotas := quotaPlan()
	// quotaPlan on 100,000: 40% is under the gate (0); 50% pays 5,000;
	// 100% 10,000; 150% 10,000 + 50,000 × 15% = 17,500; 200% would be
	// 25,000, capped at 20,000.
	curve, err := PayCurve(p, "ann", q1, quotas, d("0"), d("2"), d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range curve {
		got = append(got, c.Attainment.String()+":"+c.Pay.StringFixed(0))
	}
	want := []string{"0:0", "0.5:5000", "1:10000", "1.5:17500", "2:20000"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("PayCurve (-want +got):\n%s", d)
	}
	for _, tc := range []struct {
		name           string
		from, to, step string
		quotas         []activity.Quota
		want           error
	}{
		{"zero step", "0", "1", "0", quotas, ErrInvalidOptions},
		{"backwards", "1", "0", "0.1", quotas, ErrInvalidOptions},
		{"too many points", "0", "100", "0.0001", quotas, ErrInvalidOptions},
		{"no quota: commission on credited amounts", "0", "1", "0.5", nil, ErrNoQuota},
	} {
		if _, err := PayCurve(p, "ann", q1, tc.quotas, d(tc.from), d(tc.to), d(tc.step)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestIncentive: a target incentive of 10,000 a quarter × attainment. On a
// 100,000 quota, 120,000 credited pays 12,000 and 45,000 pays 4,500;
// without a quota it is ErrNoQuota; a negative target is an invalid plan.
// Its pay curve needs no quota (it pays on attainment alone): 0.5 → 5,000,
// 1 → 10,000, 1.5 → 15,000, with no credited amount to report.
func TestIncentive(t *testing.T) {
	t.Parallel()
	ti := d("10000")
	p := plan(Component{Name: "incentive", Kind: Incentive, Target: &ti})
	quotas := []activity.Quota{{Rep: "ann", Period: q1, Amount: some("100000"), Currency: "USD"}}
	for credited, want := range map[string]string{"120000": "12000.00", "45000": "4500.00"} {
		st, err := StatementFor(p, "ann", q1, []Credit{credit("a", credited, 10)}, quotas)
		if err != nil || st.Total.StringFixed(2) != want || st.Lines[0].Type != LineBase {
			t.Errorf("%s credited: %v, %v; want %s", credited, st.Total, err, want)
		}
	}
	if _, err := StatementFor(p, "ann", q1, []Credit{credit("a", "1", 10)}, nil); !errors.Is(err, ErrNoQuota) {
		t.Errorf("no quota: %v", err)
	}
	neg := d("-1")
	if err := plan(Component{Name: "incentive", Kind: Incentive, Target: &neg}).Validate(); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("negative target: %v", err)
	}
	curve, err := PayCurve(p, "ann", q1, nil, d("0.5"), d("1.5"), d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range curve {
		got = append(got, c.Pay.StringFixed(0))
		if !c.Credited.IsZero() {
			t.Errorf("credited %s without a quota", c.Credited)
		}
	}
	if diff := cmp.Diff([]string{"5000", "10000", "15000"}, got); diff != "" {
		t.Errorf("curve (-want +got):\n%s", diff)
	}
}

func TestPlanEconomics(t *testing.T) {
	t.Parallel()
	// Base 60,000 and a target incentive of 60,000 on a 1,000,000 quota:
	// OTE 120,000, a 50/50 mix, target commission rate 6%; paid 72,000 on
	// 1,200,000 booked: cost of sales (60,000 + 72,000) / 1,200,000 = 11%.
	e, err := PlanEconomics(d("60000"), d("60000"), d("1000000"), some("72000"), some("1200000"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := e.CostOfSales.Get()
	if !e.OTE.Equal(d("120000")) || !e.PayMix.Equal(d("0.5")) || !e.TargetCommissionRate.Equal(d("0.06")) || !c.Equal(d("0.11")) {
		t.Errorf("PlanEconomics = %v", e)
	}
	if s := e.String(); s != "OTE 120000.00 (50/50 mix), target commission rate 6.00%, cost of sales 11.00%" {
		t.Errorf("String = %q", s)
	}
	none := activity.Optional[decimal.Decimal]{}
	for _, tc := range []struct {
		name                string
		base, target, quota string
	}{{"negative", "-1", "1", "1"}, {"zero quota", "1", "1", "0"}, {"no pay", "0", "0", "1"}} {
		if _, err := PlanEconomics(d(tc.base), d(tc.target), d(tc.quota), none, none); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}
