package forecast

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestFitGammaGammaCDNOW reproduces Fader & Hardie (2013), "The
// Gamma-Gamma Model of Monetary Value": on the 946 CDNOW customers with
// repeat purchases (x and zbar of the published summary), p = 6.25, q =
// 3.74, γ = 15.44. Their γ is 0.0077 below the maximum, which lifetimes
// (15.4477) and this fit both find, so γ is checked to 0.01; and lifetimes'
// GammaGammaFitter (testdata/customerbase_ref.py): parameters to 1e-5
// relative (it stops at its default tolerance, 1e-7), LL to 1e-9,
// standard errors to 1e-3.
func TestFitGammaGammaCDNOW(t *testing.T) {
	t.Parallel()
	g, err := FitGammaGamma(cbCDNOW(t), CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := cbLoadRef(t).GammaGamma
	for _, c := range []struct {
		name                      string
		got, published, tol       float64
		lifetimes, lifetimeSE, se float64
	}{
		{"p", g.P, 6.25, 0.005, ref.Params["p"], ref.StdErr["p"], g.StdErr.P},
		{"q", g.Q, 3.74, 0.005, ref.Params["q"], ref.StdErr["q"], g.StdErr.Q},
		{"gamma", g.Gamma, 15.44, 0.01, ref.Params["v"], ref.StdErr["v"], g.StdErr.Gamma},
	} {
		if math.Abs(c.got-c.published) > c.tol {
			t.Errorf("FitGammaGamma: %s = %.6f, want %v (published)", c.name, c.got, c.published)
		}
		if !cbClose(c.got, c.lifetimes, 1e-5, 0) {
			t.Errorf("FitGammaGamma: %s = %.10g, want %.10g (lifetimes)", c.name, c.got, c.lifetimes)
		}
		if !cbClose(c.se, c.lifetimeSE, 1e-3, 0) {
			t.Errorf("FitGammaGamma: SE(%s) = %.6g, want %.6g (lifetimes)", c.name, c.se, c.lifetimeSE)
		}
	}
	if !cbClose(g.LogLik, ref.LogLik, 1e-9, 0) || g.Customers != 946 {
		t.Errorf("FitGammaGamma: LL %.6f over %d customers, want %.6f (lifetimes) over 946", g.LogLik, g.Customers, ref.LogLik)
	}
}

// TestGammaGammaLifetimes compares the conditional expected spend with
// lifetimes' conditional_expected_average_profit, to 1e-6 relative, and
// checks the formula by hand: p = 2, q = 5, γ = 30, x = 3, m̄ = 25 give
// 2 · (30 + 75) / (6 + 5 − 1) = 21; x = 0 the population mean 2 · 30 / 4 =
// 15.
func TestGammaGammaLifetimes(t *testing.T) {
	t.Parallel()
	ref := cbLoadRef(t)
	for _, tc := range []struct {
		name string
		p    map[string]float64
		pred cbRefPredictions
	}{{"fitted", ref.GammaGamma.Params, ref.Fitted}, {"hand", ref.Hand.GammaGamma, ref.Hand}} {
		g := GammaGamma{P: tc.p["p"], Q: tc.p["q"], Gamma: tc.p["v"]}
		for _, c := range tc.pred.Customers {
			s := CustomerSummary{X: c.X, TX: c.TX, T: c.T, RepeatSpend: decimal.NewFromFloat(c.MeanSpend).Mul(decimal.NewFromInt(int64(c.X)))}
			got, err := g.ConditionalExpectedSpend(s)
			if err != nil || !cbClose(got, c.Spend, 1e-6, 0) {
				t.Errorf("%s: ConditionalExpectedSpend(%v) = %v, %v; want %v (lifetimes)", tc.name, s, got, err, c.Spend)
			}
		}
	}
	g := GammaGamma{P: 2, Q: 5, Gamma: 30}
	for _, tc := range []struct {
		c    CustomerSummary
		want float64
	}{
		{CustomerSummary{X: 3, TX: 1, T: 2, RepeatSpend: decimal.NewFromInt(75)}, 21},
		{CustomerSummary{T: 2}, 15},
	} {
		if got, err := g.ConditionalExpectedSpend(tc.c); err != nil || !cbClose(got, tc.want, 1e-15, 0) {
			t.Errorf("ConditionalExpectedSpend(%v) = %v, %v; want %v", tc.c, got, err, tc.want)
		}
	}
}

func TestGammaGammaErrors(t *testing.T) {
	t.Parallel()
	spend := func(x int, total int64) CustomerSummary {
		return CustomerSummary{X: x, TX: 1, T: 2, RepeatSpend: decimal.NewFromInt(total)}
	}
	four := []CustomerSummary{spend(1, 10), spend(2, 30), spend(3, 20), spend(1, 50), {T: 3}}
	for _, tc := range []struct {
		name string
		cs   []CustomerSummary
		opts CustomerFitOptions
		want error
	}{
		{"empty", nil, CustomerFitOptions{}, ErrTooFewPoints},
		{"no repeat buyers", []CustomerSummary{{T: 1}, {T: 2}, {T: 3}, {T: 4}, {T: 5}}, CustomerFitOptions{}, ErrTooFewPoints},
		{"three repeat buyers", four[1:], CustomerFitOptions{}, ErrTooFewPoints},
		{"zero spend", append([]CustomerSummary{spend(2, 0)}, four...), CustomerFitOptions{}, ErrInvalidSummary},
		{"negative spend", append([]CustomerSummary{spend(2, -4)}, four...), CustomerFitOptions{}, ErrInvalidSummary},
		{"invalid summary", append([]CustomerSummary{{X: 1, TX: 5, T: 2}}, four...), CustomerFitOptions{}, ErrInvalidSummary},
		{"bad options", four, CustomerFitOptions{Tolerance: math.Inf(1)}, ErrInvalidOptions},
		// Every mean spend equal: the spread goes to 0, p and γ to
		// infinity.
		{"equal means", []CustomerSummary{spend(1, 10), spend(2, 20), spend(3, 30), spend(4, 40), spend(5, 50)}, CustomerFitOptions{}, ErrNoConvergence},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g, err := FitGammaGamma(tc.cs, tc.opts)
			if !errors.Is(err, tc.want) || g != nil {
				t.Errorf("FitGammaGamma = %v, %v; want %v", g, err, tc.want)
			}
		})
	}
	var re *activity.RecordError
	if _, err := FitGammaGamma(append([]CustomerSummary{spend(2, 0)}, four...), CustomerFitOptions{}); !errors.As(err, &re) || re.Field != "repeat_spend" || re.Index != 0 {
		t.Errorf("zero spend: %v, want a record error on repeat_spend", err)
	}
	for _, tc := range []struct {
		name string
		g    GammaGamma
		c    CustomerSummary
		want error
	}{
		{"q below 1 for a new customer", GammaGamma{P: 1, Q: 0.5, Gamma: 1}, CustomerSummary{T: 1}, ErrUndefined},
		{"zero p", GammaGamma{Q: 2, Gamma: 1}, CustomerSummary{T: 1}, ErrInvalidOptions},
		{"infinite gamma", GammaGamma{P: 1, Q: 2, Gamma: math.Inf(1)}, CustomerSummary{T: 1}, ErrInvalidOptions},
		{"bad summary", GammaGamma{P: 1, Q: 2, Gamma: 1}, CustomerSummary{X: -1}, ErrInvalidSummary},
	} {
		if got, err := tc.g.ConditionalExpectedSpend(tc.c); !errors.Is(err, tc.want) || got != 0 {
			t.Errorf("%s: ConditionalExpectedSpend = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

// TestPopulationMeanSpend: p·γ/(q−1) by hand at Fader & Hardie's CDNOW
// estimates: 6.25 × 15.44 / 2.74 = 96.5 / 2.74.
func TestPopulationMeanSpend(t *testing.T) {
	t.Parallel()
	g := GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	if got, err := g.PopulationMeanSpend(); err != nil || !cbClose(got, 96.5/2.74, 1e-15, 0) {
		t.Errorf("PopulationMeanSpend = %v, %v; want %v", got, err, 96.5/2.74)
	}
	// A customer with no repeat purchase is expected to spend the
	// population mean.
	if e, err := g.ConditionalExpectedSpend(CustomerSummary{T: 10}); err != nil || !cbClose(e, 96.5/2.74, 1e-15, 0) {
		t.Errorf("ConditionalExpectedSpend(no repeat) = %v, %v", e, err)
	}
	if _, err := (GammaGamma{P: 1, Q: 1, Gamma: 1}).PopulationMeanSpend(); !errors.Is(err, ErrUndefined) {
		t.Errorf("q = 1: %v, want ErrUndefined", err)
	}
	if _, err := (GammaGamma{P: 1, Q: 2}).PopulationMeanSpend(); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("γ = 0: %v, want ErrInvalidOptions", err)
	}
}
