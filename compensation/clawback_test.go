package compensation

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestClawback(t *testing.T) {
	t.Parallel()
	p := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}})
	p.Clawback = &Clawback{WindowDays: 90, Installments: 2}
	months := []activity.Period{
		{Start: utc(2025, 1, 1), End: utc(2025, 2, 1), Name: "2025-01"},
		{Start: utc(2025, 2, 1), End: utc(2025, 3, 1), Name: "2025-02"},
		{Start: utc(2025, 3, 1), End: utc(2025, 4, 1), Name: "2025-03"},
		{Start: utc(2025, 4, 1), End: utc(2025, 5, 1), Name: "2025-04"},
	}
	at := func(m time.Month, day int) time.Time { return utc(2025, m, day) }
	c := func(id, amount string, when time.Time) Credit {
		return Credit{ID: id, Rep: "ann", Amount: d(amount), Currency: "USD", At: when}
	}
	credits := []Credit{c("D1", "10000", at(1, 10)), c("D2", "6000", at(1, 5)), c("D3", "4000", at(2, 3)), c("D4", "2000", at(3, 3))}
	cancellations := []Cancellation{
		{Credit: "D1", At: at(2, 20)},                 // 41 days: in the window; 1,000 paid, back in two installments
		{Credit: "D2", At: at(4, 20)},                 // 105 days: outside it
		{Credit: "D4", At: at(4, 2), Share: d("0.5")}, // a half refund: half of the 200 paid
	}
	sts, err := Statements(p, "ann", months, credits, nil, cancellations)
	if err != nil {
		t.Fatal(err)
	}
	// January: D2 600 (the 5th) and D1 1,000 (the 10th). February: D3 400, D1's first installment
	// −500. March: D4 200, the second −500. April: D2 not clawed back (a zero
	// line), D4's 100 in two installments: −50 now, 50 outstanding.
	want := [][]string{{"600.00", "1000.00"}, {"400.00", "-500.00"}, {"200.00", "-500.00"}, {"0.00", "-50.00"}}
	totals := []string{"1600.00", "-100.00", "-300.00", "-50.00"}
	for i, st := range sts {
		if d := cmp.Diff(want[i], amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != totals[i] {
			t.Errorf("%s: total %s (-want +got):\n%s\n%v", st.Period.Name, st.Total, d, st)
		}
	}
	if !sts[1].ClawbackOutstanding.Equal(d("500")) || !sts[2].ClawbackOutstanding.IsZero() || !sts[3].ClawbackOutstanding.Equal(d("50")) {
		t.Errorf("outstanding %s, %s, %s; want 500, 0, 50", sts[1].ClawbackOutstanding, sts[2].ClawbackOutstanding, sts[3].ClawbackOutstanding)
	}
	bad := p
	bad.Clawback = &Clawback{}
	if err := bad.Validate(); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("a clawback without a window: %v", err)
	}
}

// FuzzClawback cancels arbitrary credits at arbitrary times: what is clawed
// back from a credit over the run never exceeds what was paid on it.
func FuzzClawback(f *testing.F) {
	f.Add([]byte{10, 40, 3, 200, 7, 5}, uint8(2))
	f.Add([]byte{1, 1, 1, 1}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, installments uint8) {
		p := plan(Component{Name: "c", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}})
		p.Clawback = &Clawback{WindowDays: 60, Installments: int(installments % 5)}
		var months []activity.Period
		for m := range 6 {
			start := utc(2025, time.Month(1+m), 1)
			months = append(months, activity.Period{Start: start, End: start.AddDate(0, 1, 0), Name: start.Format("2006-01")})
		}
		var credits []Credit
		var cancels []Cancellation
		for i := 0; i+2 < len(data) && i < 30; i += 3 {
			id := string(rune('a' + i/3))
			at := utc(2025, 1, 1).Add(time.Duration(data[i]%180) * 24 * time.Hour)
			credits = append(credits, Credit{ID: id, Rep: "ann", Amount: decimalOf100(data[i+1]), Currency: "USD", At: at})
			if data[i+2]%3 != 0 {
				cancels = append(cancels, Cancellation{Credit: id, At: at.Add(time.Duration(data[i+2]) * 24 * time.Hour), Share: d("0.5").Mul(decimalOf100(data[i+2] % 3)).Div(d("100"))})
			}
		}
		for _, c := range credits {
			peRoundTrip(t, c)
		}
		for _, c := range cancels {
			peRoundTrip(t, c)
		}
		sts, err := Statements(p, "ann", months, credits, nil, cancels)
		if err != nil {
			t.Fatal(err)
		}
		fuzzRender(t, "Statements", sts)
		paid, back := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
		for _, st := range sts {
			for _, l := range st.Lines {
				if l.Component == "clawback" {
					back[l.Credit] = back[l.Credit].Sub(l.Amount)
				} else if l.Credit != "" {
					paid[l.Credit] = paid[l.Credit].Add(l.Amount)
				}
			}
		}
		for id, b := range back {
			if b.GreaterThan(paid[id]) || b.IsNegative() {
				t.Fatalf("credit %s: clawed back %s of %s paid", id, b, paid[id])
			}
		}
	})
}

// TestClawbackReverseAttainment: 10% commission and a 1,000 bonus at 100%
// of a 10,000 monthly quota. D1 (6,000, 10 January) is cancelled on 10
// February, inside the 90-day window; in February D2 (9,000) and D3
// (2,000) are credited.
//
//	January:  credited 6,000, 60%: commission 600, no bonus.
//	February, attainment kept:     11,000 / 10,000 = 110%: commission 1,100,
//	          bonus 1,000, clawback −600 → 1,500.
//	February, attainment reversed: (11,000 − 6,000) / 10,000 = 50%:
//	          commission 1,100, no bonus, clawback −600 → 500.
func TestClawbackReverseAttainment(t *testing.T) {
	t.Parallel()
	months := []activity.Period{
		{Start: utc(2025, 1, 1), End: utc(2025, 2, 1), Name: "2025-01"},
		{Start: utc(2025, 2, 1), End: utc(2025, 3, 1), Name: "2025-02"},
	}
	credits := []Credit{
		{ID: "D1", Rep: "ann", Amount: d("6000"), Currency: "USD", At: utc(2025, 1, 10)},
		{ID: "D2", Rep: "ann", Amount: d("9000"), Currency: "USD", At: utc(2025, 2, 3)},
		{ID: "D3", Rep: "ann", Amount: d("2000"), Currency: "USD", At: utc(2025, 2, 17)},
	}
	var quotas []activity.Quota
	for _, m := range months {
		quotas = append(quotas, activity.Quota{Rep: "ann", Period: m, Amount: activity.Some(d("10000")), Currency: "USD"})
	}
	cancel := []Cancellation{{Credit: "D1", At: utc(2025, 2, 10)}}
	for _, tc := range []struct {
		reverse    bool
		attainment string
		reversed   string
		total      string
	}{
		{false, "1.1", "0", "1500.00"},
		{true, "0.5", "6000", "500.00"},
	} {
		p := plan(
			Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}},
			Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("1000")}}},
		)
		p.Clawback = &Clawback{WindowDays: 90, ReverseAttainment: tc.reverse}
		sts, err := Statements(p, "ann", months, credits, quotas, cancel)
		if err != nil {
			t.Fatal(err)
		}
		if sts[0].Total.StringFixed(2) != "600.00" {
			t.Errorf("reverse %v: January %s, want 600.00", tc.reverse, sts[0].Total)
		}
		feb := sts[1]
		a, _ := feb.Attainment.Get()
		if !a.Equal(d(tc.attainment)) || !feb.Reversed.Equal(d(tc.reversed)) || feb.Total.StringFixed(2) != tc.total || !feb.Credited.Equal(d("11000")) {
			t.Errorf("reverse %v: February attainment %s, reversed %s, total %s; want %s, %s, %s\n%v", tc.reverse, a, feb.Reversed, feb.Total, tc.attainment, tc.reversed, tc.total, feb)
		}
	}
	// Outside the window (a 20-day window, cancelled 31 days after), no
	// reversal: February is at 110% again.
	p := plan(Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("1000")}}})
	p.Clawback = &Clawback{WindowDays: 20, ReverseAttainment: true}
	sts, err := Statements(p, "ann", months, credits, quotas, cancel)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := sts[1].Attainment.Get(); !a.Equal(d("1.1")) || !sts[1].Reversed.IsZero() {
		t.Errorf("outside the window: attainment %s, reversed %s; want 1.1, 0", a, sts[1].Reversed)
	}
}

// TestClawbackRate: a plan that claws back 50% of what was paid. D1 paid
// 1,000 (10% of 10,000) and is cancelled whole: 500 back. D2 paid 600 and
// is half refunded: 600 × 0.5 (refund) × 0.5 (plan) = 150 back. A rate
// above 1 or below 0 is an invalid plan.
func TestClawbackRate(t *testing.T) {
	t.Parallel()
	p := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}})
	p.Clawback = &Clawback{WindowDays: 90, Rate: d("0.5")}
	months := []activity.Period{
		{Start: utc(2025, 1, 1), End: utc(2025, 2, 1), Name: "2025-01"},
		{Start: utc(2025, 2, 1), End: utc(2025, 3, 1), Name: "2025-02"},
	}
	credits := []Credit{
		{ID: "D1", Rep: "ann", Amount: d("10000"), Currency: "USD", At: utc(2025, 1, 10)},
		{ID: "D2", Rep: "ann", Amount: d("6000"), Currency: "USD", At: utc(2025, 1, 12)},
	}
	cancels := []Cancellation{{Credit: "D1", At: utc(2025, 2, 3)}, {Credit: "D2", At: utc(2025, 2, 4), Share: d("0.5")}}
	sts, err := Statements(p, "ann", months, credits, nil, cancels)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"-500.00", "-150.00"}, amounts(sts[1].Lines)); d != "" || !strings.Contains(sts[1].Lines[0].Reason(), "the plan recovers 50%") {
		t.Errorf("February (-want +got):\n%s\n%v", d, sts[1])
	}
	for _, r := range []string{"1.5", "-0.1"} {
		bad := p
		bad.Clawback = &Clawback{WindowDays: 90, Rate: d(r)}
		if err := bad.Validate(); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("rate %s: %v", r, err)
		}
	}
}
