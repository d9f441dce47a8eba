package customers

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestChurnConversion(t *testing.T) {
	t.Parallel()
	// testdata/ltv_ref.py: 1 − 0.98^12 and 1 − 0.7^(1/12).
	a, err := AnnualChurn(0.02)
	if err != nil || math.Abs(a-0.21528327626520016) > 1e-15 {
		t.Errorf("AnnualChurn(0.02) = %v, %v; want 0.21528327626520016", a, err)
	}
	m, err := MonthlyChurn(0.30)
	if err != nil || math.Abs(m-0.029285530376777613) > 1e-15 {
		t.Errorf("MonthlyChurn(0.30) = %v, %v; want 0.029285530376777613", m, err)
	}
	if back, _ := AnnualChurn(m); math.Abs(back-0.30) > 1e-15 {
		t.Errorf("AnnualChurn(MonthlyChurn(0.3)) = %v", back)
	}
	for _, tc := range []struct{ rate, periods, want float64 }{
		{0, 12, 0}, {1, 12, 1}, {1, 1.0 / 12, 1}, {0.5, 2, 0.75}, // 1 − 0.5² = 0.75
	} {
		if got, err := CompoundChurn(tc.rate, tc.periods); err != nil || math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("CompoundChurn(%v, %v) = %v, %v; want %v", tc.rate, tc.periods, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ rate, periods float64 }{{-0.1, 12}, {1.1, 12}, {math.NaN(), 12}, {0.1, 0}, {0.1, -1}, {0.1, math.Inf(1)}, {0.1, math.NaN()}} {
		if _, err := CompoundChurn(tc.rate, tc.periods); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("CompoundChurn(%v, %v) = %v, want ErrInvalidOptions", tc.rate, tc.periods, err)
		}
	}
}

func TestLTV(t *testing.T) {
	t.Parallel()
	margin := activity.Some(money("0.8"))
	pct := money("0.01")
	// Expected values: testdata/ltv_ref.py (exact fractions; series summed
	// term by term). By hand: 100 × 0.8 / 0.05 = 1,600; with i = 1% at the
	// start 80 × 1.01 / 0.06 = 1,346.67; at the end 80 × 0.95 / 0.06 =
	// 1,266.67.
	for _, tc := range []struct {
		name  string
		churn string
		opts  LTVOptions
		want  string
	}{
		{"simple", "0.05", LTVOptions{Margin: margin}, "1600"},
		{"revenue", "0.05", LTVOptions{}, "2000"},
		{"discounted, start", "0.05", LTVOptions{Margin: margin, DiscountRate: pct}, "1346.66666666666666666667"},
		{"discounted, end", "0.05", LTVOptions{Margin: margin, DiscountRate: pct, Timing: ReceivedAtEnd}, "1266.66666666666666666667"},
		{"undiscounted, end", "0.05", LTVOptions{Margin: margin, Timing: ReceivedAtEnd}, "1520"},
		{"36 periods, start", "0.05", LTVOptions{Margin: margin, DiscountRate: pct, Horizon: 36}, "1198.16188260590537362292"},
		{"36 periods, end", "0.05", LTVOptions{Margin: margin, DiscountRate: pct, Horizon: 36, Timing: ReceivedAtEnd}, "1126.98394898575257915027"},
		{"12 periods, undiscounted", "0.05", LTVOptions{Margin: margin, Horizon: 12}, "735.423859739780859375"},
		{"never leaves, discounted", "0", LTVOptions{Margin: margin, DiscountRate: pct}, "8080"},
		{"never leaves, 24 periods", "0", LTVOptions{Margin: margin, Horizon: 24}, "1920"},
	} {
		v, err := LTV(money("100"), money(tc.churn), tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !v.Value.Equal(money(tc.want)) {
			t.Errorf("%s: LTV = %s, want %s", tc.name, v.Value, tc.want)
		}
	}
	for _, tc := range []struct {
		name        string
		arpa, churn string
		opts        LTVOptions
		want        error
	}{
		{"zero churn", "100", "0", LTVOptions{}, ErrZeroChurn},
		{"negative ARPA", "-1", "0.05", LTVOptions{}, ErrInvalidOptions},
		{"churn above 1", "100", "1.5", LTVOptions{}, ErrInvalidOptions},
		{"negative churn", "100", "-0.1", LTVOptions{}, ErrInvalidOptions},
		{"margin above 1", "100", "0.05", LTVOptions{Margin: activity.Some(money("1.2"))}, ErrInvalidOptions},
		{"negative discount", "100", "0.05", LTVOptions{DiscountRate: money("-0.01")}, ErrInvalidOptions},
		{"negative horizon", "100", "0.05", LTVOptions{Horizon: -1}, ErrInvalidOptions},
		{"bad timing", "100", "0.05", LTVOptions{Timing: 4}, ErrInvalidOptions},
	} {
		if _, err := LTV(money(tc.arpa), money(tc.churn), tc.opts); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestPaybackAndRatio(t *testing.T) {
	t.Parallel()
	// 1,000 / (100 × 0.8) = 12.5; revenue only 1,000 / 30 = 33.33…;
	// 1,600 / 450 = 3.55…
	p, err := CACPayback(money("1000"), money("100"), activity.Some(money("0.8")), "")
	if err != nil || !p.Months.Equal(money("12.5")) {
		t.Errorf("CACPayback = %v, %v; want 12.5", p, err)
	}
	p, err = CACPayback(money("1000"), money("30"), activity.Optional[decimal.Decimal]{}, "")
	if err != nil || !p.Months.Equal(money("33.33333333333333333333")) {
		t.Errorf("CACPayback(revenue) = %v, %v", p.Months, err)
	}
	r, err := LTVToCAC(money("1600"), money("450"), "")
	if err != nil || !r.Ratio.Equal(money("3.55555555555555555556")) {
		t.Errorf("LTVToCAC = %v, %v", r, err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"payback, no margin", second(CACPayback(money("1000"), money("100"), activity.Some(decimal.Zero), "")), ErrZeroDenominator},
		{"payback, no ARPA", second(CACPayback(money("1000"), decimal.Zero, activity.Optional[decimal.Decimal]{}, "")), ErrZeroDenominator},
		{"payback, negative CAC", second(CACPayback(money("-1"), money("100"), activity.Optional[decimal.Decimal]{}, "")), ErrInvalidOptions},
		{"payback, margin 2", second(CACPayback(money("1"), money("100"), activity.Some(money("2")), "")), ErrInvalidOptions},
		{"ratio, zero CAC", second(LTVToCAC(money("1600"), decimal.Zero, "")), ErrZeroDenominator},
		{"ratio, negative", second(LTVToCAC(money("-1"), money("1"), "")), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

// TestLTVCurrency checks that the unit economics named in a currency read
// as money in it, rounded to its minor units, and refuse a malformed one.
func TestLTVCurrency(t *testing.T) {
	t.Parallel()
	// ARPA 1,000.4 yen, churn 0.1: LTV 10,004 yen; shown to whole yen.
	v, err := LTV(money("1000.4"), money("0.1"), LTVOptions{Currency: "JPY"})
	if err != nil || !strings.HasPrefix(v.String(), "LTV 10004 JPY (") || !strings.Contains(v.String(), "ARPA 1000 JPY") {
		t.Errorf("LTV = %v, %v; want LTV 10004 JPY, ARPA 1000 JPY", v, err)
	}
	// 1,000 / (100 × 0.8) = 12.5 months.
	p, err := CACPayback(money("1000"), money("100"), activity.Some(money("0.8")), "EUR")
	if got, want := p.String(), "CAC payback 12.5 months (CAC 1000.00 EUR, ARPA 100.00 EUR × margin 0.8)"; err != nil || got != want {
		t.Errorf("CACPayback = %q, %v; want %q", got, err, want)
	}
	// 1,600 / 500 = 3.2.
	r, err := LTVToCAC(money("1600"), money("500"), "KWD")
	if got, want := r.String(), "LTV:CAC 3.20 (LTV 1600.000 KWD, CAC 500.000 KWD)"; err != nil || got != want {
		t.Errorf("LTVToCAC = %q, %v; want %q", got, err, want)
	}
	for name, err := range map[string]error{
		"LTV":        second(LTV(money("1"), money("0.1"), LTVOptions{Currency: "usd"})),
		"CACPayback": second(CACPayback(money("1"), money("1"), activity.Optional[decimal.Decimal]{}, "US")),
		"LTVToCAC":   second(LTVToCAC(money("1"), money("1"), "dollars")),
	} {
		if !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s with a malformed currency: error %v, want ErrInvalidOptions", name, err)
		}
	}
}
