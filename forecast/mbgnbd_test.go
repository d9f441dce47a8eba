package forecast

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// mbgRef is testdata/mbgnbd_ref.json, lifetimes' ModifiedBetaGeoFitter
// written by testdata/mbgnbd_ref.py.
type mbgRef struct {
	MBGNBD struct {
		Params map[string]float64 `json:"params"`
		StdErr map[string]float64 `json:"std_err"`
		LogLik float64            `json:"log_lik"`
	} `json:"mbgnbd"`
	Fitted cbRefPredictions `json:"fitted"`
	Hand   struct {
		cbRefPredictions
		Params map[string]float64 `json:"params"`
		LogLik float64            `json:"log_lik"`
	} `json:"hand"`
	GammaGamma map[string]float64 `json:"gamma_gamma"`
	CLV        []struct {
		Customer  string  `json:"customer"`
		X         int     `json:"x"`
		TX        float64 `json:"t_x"`
		T         float64 `json:"t"`
		MeanSpend float64 `json:"mean_spend"`
		Value     float64 `json:"value"`
	} `json:"clv"`
}

func mbgLoadRef(tb testing.TB) mbgRef { return cbLoadJSON[mbgRef](tb, "testdata/mbgnbd_ref.json") }

// TestFitMBGNBDCDNOW: on CDNOW's 2,357 customers (weeks) the fit agrees
// with lifetimes' ModifiedBetaGeoFitter: parameters to 1e-4 relative (its
// fit stops at its default tolerance, ours at 1e-9), the log-likelihood to
// 1e-3, standard errors to 1e-3 relative (both Hessians numerical).
func TestFitMBGNBDCDNOW(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	m, err := FitMBGNBD(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := mbgLoadRef(t).MBGNBD
	for _, c := range []struct {
		name         string
		got, se      float64
		want, wantSE float64
	}{
		{"r", m.R, m.StdErr.R, ref.Params["r"], ref.StdErr["r"]},
		{"alpha", m.Alpha, m.StdErr.Alpha, ref.Params["alpha"], ref.StdErr["alpha"]},
		{"a", m.A, m.StdErr.A, ref.Params["a"], ref.StdErr["a"]},
		{"b", m.B, m.StdErr.B, ref.Params["b"], ref.StdErr["b"]},
	} {
		if !cbClose(c.got, c.want, 1e-4, 0) {
			t.Errorf("FitMBGNBD: %s = %.10g, want %.10g (lifetimes)", c.name, c.got, c.want)
		}
		if !cbClose(c.se, c.wantSE, 1e-3, 0) {
			t.Errorf("FitMBGNBD: SE(%s) = %.6g, want %.6g (lifetimes)", c.name, c.se, c.wantSE)
		}
	}
	if math.Abs(m.LogLik-ref.LogLik) > 1e-3 || m.Customers != 2357 {
		t.Errorf("FitMBGNBD: LL %.6f over %d customers, want %.6f over 2357 (lifetimes)", m.LogLik, m.Customers, ref.LogLik)
	}
	if ll, err := m.LogLikelihood(cs); err != nil || ll != m.LogLik {
		t.Errorf("LogLikelihood at the fit = %v, %v; want the fit's %v", ll, err, m.LogLik)
	}
	// The modified model lets a customer drop out at the first purchase,
	// so its maximum is at least the BG/NBD's (−9582.4): here −9582.13.
	if m.LogLik < -9582.43 {
		t.Errorf("MBG/NBD LL %v below the BG/NBD's", m.LogLik)
	}
}

// TestMBGNBDLifetimes compares every prediction and the log-likelihood with
// lifetimes' ModifiedBetaGeoFitter at the same parameters, to 1e-6
// relative (1e-15 absolute for tiny probabilities): at lifetimes' CDNOW fit
// and at r 1.5, α 10, a 2.5, b 4 set by hand.
func TestMBGNBDLifetimes(t *testing.T) {
	t.Parallel()
	ref := mbgLoadRef(t)
	cs := cbCDNOW(t)
	for _, tc := range []struct {
		name string
		p    map[string]float64
		ll   float64
		pred cbRefPredictions
	}{{"fitted", ref.MBGNBD.Params, ref.MBGNBD.LogLik, ref.Fitted}, {"hand", ref.Hand.Params, ref.Hand.LogLik, ref.Hand.cbRefPredictions}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := MBGNBD{R: tc.p["r"], Alpha: tc.p["alpha"], A: tc.p["a"], B: tc.p["b"]}
			ll, err := m.LogLikelihood(cs)
			if err != nil || !cbClose(ll, tc.ll, 1e-6, 0) {
				t.Errorf("LogLikelihood(CDNOW) = %.10g, %v; want %.10g (lifetimes)", ll, err, tc.ll)
			}
			cbCheckLifetimes(t, m, tc.pred)
		})
	}
}

// TestMBGNBDProperties checks identities of the model at any parameters.
func TestMBGNBDProperties(t *testing.T) {
	t.Parallel()
	m := MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	// P(alive) by hand for x = 0, t_x = 0, T = 30: 1 / (1 + a/b · ((α+30)/α)^r),
	// below 1, where the BG/NBD says 1.
	want := 1 / (1 + 0.891/1.614*math.Pow((6.183+30)/6.183, 0.525))
	if got, err := m.ProbabilityAlive(CustomerSummary{T: 30}); err != nil || !cbClose(got, want, 1e-14, 0) {
		t.Errorf("ProbabilityAlive(x 0, T 30) = %v, %v; want %v", got, err, want)
	}
	// A new customer is one with x 0, t_x 0 and T 0: at T 0 P(alive) is
	// b/(a+b), and E[X(t)] = E[Y(t) | 0, 0, 0].
	if got, err := m.ProbabilityAlive(CustomerSummary{}); err != nil || !cbClose(got, 1.614/(0.891+1.614), 1e-14, 0) {
		t.Errorf("ProbabilityAlive(new) = %v, %v; want b/(a+b)", got, err)
	}
	for _, tt := range []float64{0, 1, 39, 1000} {
		e, err1 := m.ExpectedPurchases(tt)
		c, err2 := m.ConditionalExpectedPurchases(tt, CustomerSummary{})
		if err1 != nil || err2 != nil || !cbClose(e, c, 1e-13, 0) {
			t.Errorf("E[X(%v)] = %v, %v; conditional on nothing %v, %v", tt, e, err1, c, err2)
		}
	}
	// The probabilities of 0..n purchases sum to 1 and their mean is E[X(t)].
	var sum, mean float64
	for n := range 600 {
		p, err := m.ProbabilityOfPurchases(n, 39)
		if err != nil {
			t.Fatal(err)
		}
		sum += p
		mean += float64(n) * p
	}
	e, _ := m.ExpectedPurchases(39)
	if math.Abs(sum-1) > 1e-9 || !cbClose(mean, e, 1e-6, 0) {
		t.Errorf("Σ P(X(39) = n) = %v, mean %v; want 1 and E[X(39)] = %v", sum, mean, e)
	}
	// At t 0 nothing is bought.
	if p, err := m.ProbabilityOfPurchases(0, 0); err != nil || p != 1 {
		t.Errorf("P(X(0) = 0) = %v, %v", p, err)
	}
}

func TestMBGNBDErrors(t *testing.T) {
	t.Parallel()
	good := MBGNBD{R: 0.5, Alpha: 6, A: 0.9, B: 1.6}
	bad := MBGNBD{R: 0.5, Alpha: -1, A: 0.9, B: 1.6}
	c := CustomerSummary{X: 1, TX: 2, T: 5}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"bad parameters: expected", errOnly(bad.ExpectedPurchases(1)), ErrInvalidOptions},
		{"bad parameters: conditional", errOnly(bad.ConditionalExpectedPurchases(1, c)), ErrInvalidOptions},
		{"bad parameters: alive", errOnly(bad.ProbabilityAlive(c)), ErrInvalidOptions},
		{"bad parameters: pmf", errOnly(bad.ProbabilityOfPurchases(1, 1)), ErrInvalidOptions},
		{"bad parameters: log-likelihood", errOnly(bad.LogLikelihood([]CustomerSummary{c})), ErrInvalidOptions},
		{"negative t", errOnly(good.ExpectedPurchases(-1)), ErrInvalidOptions},
		{"NaN t", errOnly(good.ConditionalExpectedPurchases(math.NaN(), c)), ErrInvalidOptions},
		{"negative n", errOnly(good.ProbabilityOfPurchases(-1, 1)), ErrInvalidOptions},
		{"t_x after T", errOnly(good.ProbabilityAlive(CustomerSummary{X: 1, TX: 6, T: 5})), ErrInvalidSummary},
		{"invalid summary in the log-likelihood", errOnly(good.LogLikelihood([]CustomerSummary{{X: -1}})), ErrInvalidSummary},
		{"too few customers", errOnly(FitMBGNBD([]CustomerSummary{c, c}, CustomerFitOptions{})), ErrTooFewPoints},
		{"no repeat purchase", errOnly(FitMBGNBD(make([]CustomerSummary, 6), CustomerFitOptions{})), ErrTooFewPoints},
		{"bad options", errOnly(FitMBGNBD(cbCDNOW(t), CustomerFitOptions{Tolerance: -1})), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func errOnly[T any](_ T, err error) error { return err }

// TestMBGNBDCLV: CLV with the MBG/NBD as the purchase model, passed as a
// value, and the Gamma-Gamma as a pointer, is lifetimes'
// customer_lifetime_value with its ModifiedBetaGeoFitter over 12 months of
// 4.345 weeks at 1% a month, to 1e-6 relative.
func TestMBGNBDCLV(t *testing.T) {
	t.Parallel()
	ref := mbgLoadRef(t)
	p := ref.MBGNBD.Params
	m := MBGNBD{R: p["r"], Alpha: p["alpha"], A: p["a"], B: p["b"]}
	gg := &GammaGamma{P: ref.GammaGamma["p"], Q: ref.GammaGamma["q"], Gamma: ref.GammaGamma["v"]}
	if len(ref.CLV) == 0 {
		t.Fatal("no reference values")
	}
	for _, c := range ref.CLV {
		s := CustomerSummary{Customer: c.Customer, X: c.X, TX: c.TX, T: c.T, RepeatSpend: decimal.NewFromFloat(c.MeanSpend).Mul(decimal.NewFromInt(int64(c.X)))}
		got, err := CLV(m, gg, s, CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: 0.01})
		if err != nil || !cbClose(got, c.Value, 1e-6, 0) {
			t.Errorf("CLV(customer %s) = %v, %v; want %v (lifetimes)", c.Customer, got, err, c.Value)
		}
	}
	if _, err := CLV((*MBGNBD)(nil), gg, CustomerSummary{}, CLVOptions{Horizon: 1, PeriodLength: 1}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("CLV of a nil *MBGNBD: %v", err)
	}
}
