package forecast

import (
	"errors"
	"math"
	"testing"
)

type paretoRef struct {
	ParetoNBD struct {
		Params map[string]float64 `json:"params"`
		StdErr map[string]float64 `json:"std_err"`
		LogLik float64            `json:"log_lik"`
	} `json:"pareto_nbd"`
	Fitted cbRefPredictions `json:"fitted"`
	Hand   struct {
		cbRefPredictions
		Params map[string]float64 `json:"params"`
		LogLik float64            `json:"log_lik"`
	} `json:"hand"`
}

func paretoLoadRef(tb testing.TB) paretoRef {
	return cbLoadJSON[paretoRef](tb, "testdata/pareto_ref.json")
}

// TestFitParetoNBDCDNOW: on CDNOW (2,357 customers, weeks) Fader, Hardie &
// Lee's r 0.55, α 10.58, s 0.61, β 11.67 and LL −9595.0 to the published
// decimals; lifetimes' ParetoNBDFitter (testdata/pareto_ref.py):
// parameters to 1e-4 relative, the log-likelihood to 1e-3, standard
// errors to 1e-3 relative (both by differences).
func TestFitParetoNBDCDNOW(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	m, err := FitParetoNBD(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := paretoLoadRef(t).ParetoNBD
	for _, c := range []struct {
		name               string
		got, se, published float64
		tol                float64
	}{
		{"r", m.R, m.StdErr.R, 0.55, 0.005}, {"alpha", m.Alpha, m.StdErr.Alpha, 10.58, 0.005},
		{"s", m.S, m.StdErr.S, 0.61, 0.005}, {"beta", m.Beta, m.StdErr.Beta, 11.67, 0.005},
	} {
		if math.Abs(c.got-c.published) > c.tol {
			t.Errorf("FitParetoNBD: %s = %.6f, want %v (published)", c.name, c.got, c.published)
		}
		if !cbClose(c.got, ref.Params[c.name], 1e-4, 0) {
			t.Errorf("FitParetoNBD: %s = %.10g, want %.10g (lifetimes)", c.name, c.got, ref.Params[c.name])
		}
		if !cbClose(c.se, ref.StdErr[c.name], 1e-3, 0) {
			t.Errorf("FitParetoNBD: SE(%s) = %.6g, want %.6g", c.name, c.se, ref.StdErr[c.name])
		}
	}
	if math.Abs(m.LogLik-ref.LogLik) > 1e-3 || math.Abs(m.LogLik - -9595.0) > 0.05 || m.Customers != 2357 {
		t.Errorf("FitParetoNBD: LL %.6f over %d customers, want %.6f (lifetimes), -9595.0 (published)", m.LogLik, m.Customers, ref.LogLik)
	}
	t.Logf("%v in %d iterations", m, m.Iterations)
}

// TestParetoNBDLifetimes compares every prediction and the log-likelihood
// with lifetimes' ParetoNBDFitter at the same parameters, to 1e-6
// relative: at its CDNOW fit (α < β) and at r 1.5, α 12, s 2.5, β 10 set
// by hand (α > β, the other branch of A₀; customer e bought at T).
func TestParetoNBDLifetimes(t *testing.T) {
	t.Parallel()
	ref := paretoLoadRef(t)
	cs := cbCDNOW(t)
	for _, tc := range []struct {
		name string
		p    map[string]float64
		ll   float64
		pred cbRefPredictions
	}{{"fitted", ref.ParetoNBD.Params, ref.ParetoNBD.LogLik, ref.Fitted}, {"hand", ref.Hand.Params, ref.Hand.LogLik, ref.Hand.cbRefPredictions}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := ParetoNBD{R: tc.p["r"], Alpha: tc.p["alpha"], S: tc.p["s"], Beta: tc.p["beta"]}
			ll, err := m.LogLikelihood(cs)
			if err != nil || !cbClose(ll, tc.ll, 1e-6, 0) {
				t.Errorf("LogLikelihood(CDNOW) = %.10g, %v; want %.10g (lifetimes)", ll, err, tc.ll)
			}
			cbCheckLifetimes(t, m, tc.pred)
		})
	}
}

// TestParetoNBDProperties: identities at any parameters.
func TestParetoNBDProperties(t *testing.T) {
	t.Parallel()
	m := ParetoNBD{R: 0.55, Alpha: 10.58, S: 0.61, Beta: 11.67}
	// E[X(t)] by hand: r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)] at t = 39.
	want := 0.55 * 11.67 / (10.58 * (0.61 - 1)) * (1 - math.Pow(11.67/(11.67+39), 0.61-1))
	if got, err := m.ExpectedPurchases(39); err != nil || !cbClose(got, want, 1e-13, 0) {
		t.Errorf("ExpectedPurchases(39) = %v, %v; want %v", got, err, want)
	}
	// At s = 1 the limit r β/α · ln(1 + t/β), and continuity beside it.
	one := ParetoNBD{R: 0.55, Alpha: 10.58, S: 1, Beta: 11.67}
	lim := 0.55 * 11.67 / 10.58 * math.Log(1+39/11.67)
	near := ParetoNBD{R: 0.55, Alpha: 10.58, S: 1 + 1e-7, Beta: 11.67}
	g1, err1 := one.ExpectedPurchases(39)
	g2, err2 := near.ExpectedPurchases(39)
	if err1 != nil || err2 != nil || !cbClose(g1, lim, 1e-13, 0) || !cbClose(g2, lim, 1e-6, 0) {
		t.Errorf("at s = 1: %v, %v; beside it %v, %v; want %v", g1, err1, g2, err2, lim)
	}
	// A customer who bought at T is alive; the conditional expectation of
	// a customer with nothing is E[X(t)].
	if p, err := m.ProbabilityAlive(CustomerSummary{X: 3, TX: 20, T: 20}); err != nil || p != 1 {
		t.Errorf("P(alive | t_x = T) = %v, %v; want 1", p, err)
	}
	c, err := m.ConditionalExpectedPurchases(39, CustomerSummary{})
	if err != nil || !cbClose(c, want, 1e-13, 0) {
		t.Errorf("E[Y(39) | nothing] = %v, %v; want E[X(39)] %v", c, err, want)
	}
	// P(alive) falls the longer since the last purchase (1 at t_x = T).
	prev := 1.5
	for _, tx := range []float64{30, 20, 10, 1} {
		p, err := m.ProbabilityAlive(CustomerSummary{X: 2, TX: tx, T: 30})
		if err != nil || !(p < prev) {
			t.Errorf("P(alive | t_x %v) = %v, %v; not below %v", tx, p, err, prev)
		}
		prev = p
	}
	pred, err := m.Predict([]CustomerSummary{{X: 2, TX: 10, T: 30}, {}}, 39)
	if err != nil || pred.Expected[1] != c || pred.Alive[1] != 1 {
		t.Errorf("Predict = %+v, %v", pred, err)
	}
}

func TestParetoNBDErrors(t *testing.T) {
	t.Parallel()
	good := ParetoNBD{R: 0.5, Alpha: 10, S: 0.6, Beta: 11}
	bad := ParetoNBD{R: 0.5, Alpha: 10, S: 0, Beta: 11}
	c := CustomerSummary{X: 1, TX: 2, T: 5}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"bad parameters: expected", errOnly(bad.ExpectedPurchases(1)), ErrInvalidOptions},
		{"bad parameters: conditional", errOnly(bad.ConditionalExpectedPurchases(1, c)), ErrInvalidOptions},
		{"bad parameters: alive", errOnly(bad.ProbabilityAlive(c)), ErrInvalidOptions},
		{"bad parameters: log-likelihood", errOnly(bad.LogLikelihood([]CustomerSummary{c})), ErrInvalidOptions},
		{"bad parameters: predict", errOnly(bad.Predict([]CustomerSummary{c}, 1)), ErrInvalidOptions},
		{"negative t", errOnly(good.ExpectedPurchases(-1)), ErrInvalidOptions},
		{"infinite t", errOnly(good.ConditionalExpectedPurchases(math.Inf(1), c)), ErrInvalidOptions},
		{"t_x after T", errOnly(good.ProbabilityAlive(CustomerSummary{X: 1, TX: 6, T: 5})), ErrInvalidSummary},
		{"invalid summary in predict", errOnly(good.Predict([]CustomerSummary{{X: -1}}, 1)), ErrInvalidSummary},
		{"too few customers", errOnly(FitParetoNBD([]CustomerSummary{c, c}, CustomerFitOptions{})), ErrTooFewPoints},
		{"no repeat purchase", errOnly(FitParetoNBD(make([]CustomerSummary, 6), CustomerFitOptions{})), ErrTooFewPoints},
		{"bad options", errOnly(FitParetoNBD(cbCDNOW(t), CustomerFitOptions{Initial: []float64{1, 1}})), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
