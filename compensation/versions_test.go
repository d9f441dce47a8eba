package compensation

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestRateVersions(t *testing.T) {
	t.Parallel()
	// 2025 Q1 has 90 days. Version 1 (10%, a 3,000 bonus at 100%) is in
	// force to 2 March, 60 days: 2/3 of the quarter; version 2 (12%, the
	// same bonus) from 2 March, 1/3. The 90,000 quota prorates to 60,000
	// and 30,000, the bonus to 2,000 and 1,000.
	v1 := plan(
		Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.10")}}}},
		Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("3000")}}},
	)
	v1.EffectiveUntil = utc(2025, 3, 2)
	v2 := plan(
		Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.12")}}}},
		Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("3000")}}},
	)
	v2.Version, v2.EffectiveFrom = 2, utc(2025, 3, 2)
	quotas := []activity.Quota{{Rep: "ann", Period: q1, Amount: some("90000"), Currency: "USD"}}
	// Under v1: 30,000 + 36,000 = 66,000 (110% of 60,000): 6,600 and the
	// 2,000 bonus. Under v2: 20,000 (67% of 30,000): 2,400, no bonus.
	// 11,000 in all; the quarter's attainment 86,000 / 90,000.
	credits := []Credit{credit("a", "30000", 10), credit("b", "36000", 40), credit("c", "20000", 68)}
	st, err := StatementForVersions([]Plan{v2, v1}, "ann", q1, credits, quotas)
	if err != nil {
		t.Fatal(err)
	}
	att, _ := st.Attainment.Get()
	if st.Total.StringFixed(2) != "11000.00" || !att.Equal(d("0.95555555555555555556")) || st.Components[0].Amount.StringFixed(2) != "9000.00" {
		t.Errorf("RateVersions = %v\n%v", st.Total, st)
	}
	if !strings.HasPrefix(st.Lines[0].Reason(), "v1, 2025-01-01 to 2025-03-02 (66.67% of the period): ") {
		t.Errorf("first line's reason %q", st.Lines[0].Reason())
	}
	// One version in force: the same as StatementFor. January: 30,000 of a 30,000
	// quota: 3,000 commission and the 3,000 bonus.
	jan := activity.Period{Start: utc(2025, 1, 1), End: utc(2025, 2, 1)}
	one, err := StatementForVersions([]Plan{v1}, "ann", jan, credits, []activity.Quota{{Rep: "ann", Period: jan, Amount: some("30000"), Currency: "USD"}})
	if err != nil || one.Total.StringFixed(2) != "6000.00" {
		t.Errorf("RateVersions(one) = %v, %v", one.Total, err)
	}
	other := v2
	other.ID = "other"
	overlap := v2
	overlap.EffectiveFrom = utc(2025, 2, 1)
	late := v2
	late.EffectiveFrom = utc(2025, 3, 10)
	for _, tc := range []struct {
		name  string
		plans []Plan
	}{
		{"different plans", []Plan{v1, other}},
		{"overlap", []Plan{v1, overlap}},
		{"hole", []Plan{v1, late}},
		{"none in force", nil},
	} {
		if _, err := StatementForVersions(tc.plans, "ann", q1, credits, quotas); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}

func TestRateVersionsDraw(t *testing.T) {
	t.Parallel()
	// Two versions in the quarter, each with a 1,000 draw: the quarter is
	// guaranteed 1,000 once, not once per part. 2,000 credited at 10% earns
	// 200: the draw tops it up by 800.
	flat := func(version int, from, until time.Time) Plan {
		p := plan(Component{Name: "c", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}})
		p.Version, p.EffectiveFrom, p.EffectiveUntil = version, from, until
		p.Draw = &Draw{Amount: d("1000")}
		return p
	}
	v1, v2 := flat(1, utc(2025, 1, 1), utc(2025, 2, 15)), flat(2, utc(2025, 2, 15), time.Time{})
	st, err := StatementForVersions([]Plan{v1, v2}, "ann", q1, []Credit{credit("a", "1000", 3), credit("b", "1000", 50)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.StringFixed(2) != "1000.00" || st.Earned.StringFixed(2) != "200.00" {
		t.Errorf("RateVersions with draws: total %s, earned %s\n%v", st.Total, st.Earned, st)
	}
}
