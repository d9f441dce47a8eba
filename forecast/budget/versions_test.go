package budget

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/compensation"
)

// TestSweep: planInput's quarter at other targets. At 240,000 the two reps
// cover it: heads 2, 2, 2; base 30,000, variable 24,000, on-costs 20% of
// 54,000 = 10,800; 9.6 deals, 192 leads: 144 × 100 + 48 × 400 = 33,600;
// with the tools, 101,358.904…. At 360,000 the gap of 120,000 takes two
// hires: heads 2, 4, 4; base 50,000; variable 8,000 + 12,000 + 16,000;
// guarantees 2,000; on-costs 3,600 + 6,800 + 7,200; 14.4 deals, 288
// leads: 21,600 + 28,800; total 158,958.904…. A target of 10^16 needs
// more hires than forecast.MaxHires: undefined.
func TestSweep(t *testing.T) {
	t.Parallel()
	pts, err := Sweep(planInput(), LeverTarget, []decimal.Decimal{d("240000"), d("300000"), d("360000"), d("1e16")})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Hires     int64
		Total     string
		Undefined bool
	}
	var got []row
	for _, p := range pts {
		got = append(got, row{p.Hires, p.Total.String(), p.Undefined != ""})
	}
	want := []row{{0, "101358.90410958904109589041", false}, {1, "130158.90410958904109589041", false}, {2, "158958.90410958904109589041", false}, {0, "0", true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sweep (-want +got):\n%s", diff)
	}
	// Attainment: at 100% the two reps book 300,000 (no hire) and each
	// earns 5,000 a month; at 0 nobody books anything: undefined.
	pts, err = Sweep(planInput(), LeverAttainment, []decimal.Decimal{d("1"), decimal.Zero})
	if err != nil || pts[0].Hires != 0 || pts[1].Undefined == "" {
		t.Errorf("attainment: %+v, %v", pts, err)
	}
	// Attrition of 10% a month: the team books 80,000 × (1 + 0.9 + 0.81)
	// = 216,800, a gap of 83,200; a hire books 20,000 + 40,000 × 0.9 =
	// 56,000: two hires.
	pts, err = Sweep(planInput(), LeverAttrition, []decimal.Decimal{d("0.1")})
	if err != nil || pts[0].Hires != 2 || pts[0].Undefined != "" {
		t.Errorf("attrition: %+v, %v", pts, err)
	}
	for _, l := range []Lever{0, 4} {
		if _, err := Sweep(planInput(), l, []decimal.Decimal{d("1")}); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("lever %v: %v", l, err)
		}
	}
	if _, err := Sweep(planInput(), LeverTarget, nil); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("no values: %v", err)
	}
	if LeverAttrition.String() != "attrition" || Lever(9).String() != "Lever(9)" {
		t.Error("lever names")
	}
}

// TestCompare: the plan and a reforecast at 360,000 side by side; the
// reforecast adds the ramp guarantees of two hires (2,000 against 1,000).
func TestCompare(t *testing.T) {
	t.Parallel()
	plan, err := Plan(planInput())
	if err != nil {
		t.Fatal(err)
	}
	in := planInput()
	in.Name, in.Target = "reforecast", d("360000")
	re, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Compare(plan, re)
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if last.Category != "total" || !last.Change.Equal(d("28800")) {
		t.Errorf("total row %+v", last)
	}
	for _, r := range rows {
		if r.Category == CategoryGuarantee && (!r.Amounts[0].Equal(d("1000")) || !r.Amounts[1].Equal(d("2000"))) {
			t.Errorf("guarantees %+v", r)
		}
	}
	eur := plan
	eur.Currency = "EUR"
	if _, err := Compare(plan, eur); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("currencies: %v", err)
	}
	if _, err := Compare(); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("none: %v", err)
	}
}

// TestFromStatements: a January statement of 4,200 counts in January when
// earned, in February when paid the month after, in March with a lag of
// one month more; a quarterly statement ending 1 April is paid in April.
func TestFromStatements(t *testing.T) {
	t.Parallel()
	sts := []compensation.Statement{
		{Rep: "ann", Period: month(2026, 1), Currency: "USD", Total: d("4200")},
		{Rep: "bob", Period: q1, Currency: "USD", Total: d("9000")},
	}
	teams := map[string]string{"ann": "east"}
	for _, c := range []struct {
		opts   PayoutOptions
		starts []time.Time
	}{
		{PayoutOptions{Teams: teams}, []time.Time{day(2026, 1, 1), day(2026, 1, 1)}},
		{PayoutOptions{Timing: WhenPaid, Teams: teams}, []time.Time{day(2026, 2, 1), day(2026, 4, 1)}},
		{PayoutOptions{Timing: WhenPaid, LagMonths: 1, Teams: teams}, []time.Time{day(2026, 3, 1), day(2026, 5, 1)}},
	} {
		es, err := FromStatements(sts, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if !es[0].Period.Start.Equal(c.starts[0]) || !es[1].Period.Start.Equal(c.starts[1]) || es[0].Team != "east" || es[1].Team != "" ||
			es[0].Category != CategoryVariable || !es[1].Amount.Equal(d("9000")) {
			t.Errorf("%+v: %+v", c.opts, es)
		}
	}
	neg := []compensation.Statement{{Rep: "ann", Period: month(2026, 1), Currency: "USD", Total: d("-10")}}
	if _, err := FromStatements(neg, PayoutOptions{}); !errors.Is(err, ErrInvalidEntry) {
		t.Errorf("negative: %v", err)
	}
	for _, o := range []PayoutOptions{{Timing: 2}, {LagMonths: -1}} {
		if _, err := FromStatements(sts, o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v: %v", o, err)
		}
	}
}
