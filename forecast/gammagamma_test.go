package forecast

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strconv"
	"testing"
)

// TestGammaGammaCDNOW reproduces Fader & Hardie's Gamma-Gamma note on the
// CDNOW repeat customers (946): p = 6.25, q = 3.74, γ = 15.44 (lifetimes'
// documentation reports 15.45 from its own fit: the likelihood is flat
// there; ours is 15.448).
func TestGammaGammaCDNOW(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/cdnow/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cs []SpendSummary
	for _, r := range rows[1:] {
		x, _ := strconv.Atoi(r[1])
		m, _ := strconv.ParseFloat(r[4], 64)
		if x > 0 {
			cs = append(cs, SpendSummary{X: x, Mean: m})
		}
	}
	g, err := FitGammaGamma(cs)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(g.P-6.25) > 0.005 || math.Abs(g.Q-3.74) > 0.005 || math.Abs(g.Gamma-15.445) > 0.01 || g.Customers != 946 {
		t.Errorf("Gamma-Gamma = p %.4f, q %.4f, γ %.4f; want 6.25, 3.74, 15.44", g.P, g.Q, g.Gamma)
	}
	// By the formula: x = 2 purchases averaging 30: p (γ + 60) / (2p + q − 1).
	e, err := g.ConditionalExpectedSpend(2, 30)
	if want := g.P * (g.Gamma + 60) / (2*g.P + g.Q - 1); err != nil || math.Abs(e-want) > 1e-12 {
		t.Errorf("E[M | 2, 30] = %v, %v; want %v", e, err, want)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"none", second(FitGammaGamma(nil)), ErrInvalidOptions},
		{"x 0", second(FitGammaGamma([]SpendSummary{{X: 0, Mean: 1}})), ErrInvalidOptions},
		{"mean 0", second(FitGammaGamma([]SpendSummary{{X: 1, Mean: 0}})), ErrInvalidOptions},
		{"negative x", second(g.ConditionalExpectedSpend(-1, 1)), ErrInvalidOptions},
		{"q ≤ 1", second((&GammaGamma{P: 1, Q: 0.5, Gamma: 1}).ConditionalExpectedSpend(0, 0)), ErrUndefined},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func TestCLV(t *testing.T) {
	t.Parallel()
	bg := &BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	gg := &GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	c := CustomerSummary{X: 2, TX: 30.43, T: 38.86}
	// One month of 4.345 weeks, undiscounted: E[Y(4.345)] × E[M | 2, 22.35].
	e, _ := bg.ConditionalExpectedPurchases(4.345, c)
	m, _ := gg.ConditionalExpectedSpend(2, 22.35)
	one, err := CLV(bg, gg, c, 22.35, CLVOptions{Periods: 1, Length: 4.345})
	if err != nil || math.Abs(one-e*m) > 1e-12 {
		t.Errorf("one month: %v, %v; want %v", one, err, e*m)
	}
	// Twelve months at 1% a month: the months' increments of E[Y], each
	// discounted; undiscounted it telescopes to E[Y(12 months)] × E[M].
	e12, _ := bg.ConditionalExpectedPurchases(12*4.345, c)
	flat, _ := CLV(bg, gg, c, 22.35, CLVOptions{Periods: 12, Length: 4.345})
	disc, _ := CLV(bg, gg, c, 22.35, CLVOptions{Periods: 12, Length: 4.345, Discount: 0.01})
	if math.Abs(flat-e12*m) > 1e-9 || !(disc < flat && disc > flat/1.01/1.13) {
		t.Errorf("twelve months: %v (want %v), discounted %v", flat, e12*m, disc)
	}
	for _, o := range []CLVOptions{{}, {Periods: 1}, {Periods: 1, Length: 1, Discount: -0.1}} {
		if _, err := CLV(bg, gg, c, 1, o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v: %v", o, err)
		}
	}
}
