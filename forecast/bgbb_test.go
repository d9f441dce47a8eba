package forecast

import (
	"errors"
	"math"
	"strconv"
	"testing"
)

// bgbbData is the synthetic grouped histories of testdata/bgbb_ref.py:
// 8,000 customers over 6 opportunities drawn from the BG/BB process.
func bgbbData(tb testing.TB) []DiscreteSummary {
	tb.Helper()
	return bgbbLoadRef(tb).Data
}

type bgbbRefPredictions struct {
	Customers []struct {
		X     int `json:"x"`
		TX    int `json:"t_x"`
		N     int `json:"n"`
		Alive []struct {
			Ahead int     `json:"ahead"`
			Value float64 `json:"value"`
		} `json:"alive"`
		Expected []struct {
			Ahead int     `json:"ahead"`
			Value float64 `json:"value"`
		} `json:"expected"`
	} `json:"customers"`
	First6Counts []struct {
		X     int     `json:"x"`
		Value float64 `json:"value"`
	} `json:"first_6_counts"`
	Params map[string]float64 `json:"params"`
	LogLik float64            `json:"log_lik"`
}

type bgbbRef struct {
	Data []DiscreteSummary `json:"data"`
	BGBB struct {
		Params map[string]float64 `json:"params"`
		StdErr map[string]float64 `json:"std_err"`
		LogLik float64            `json:"log_lik"`
	} `json:"bgbb"`
	Fitted bgbbRefPredictions `json:"fitted"`
	Hand   bgbbRefPredictions `json:"hand"`
}

func bgbbLoadRef(tb testing.TB) bgbbRef { return cbLoadJSON[bgbbRef](tb, "testdata/bgbb_ref.json") }

// TestFitBGBB: on 8,000 customers drawn from the BG/BB process with α 1.2,
// β 0.75, γ 0.66, δ 2.8 (testdata/bgbb_ref.py), the fit recovers those
// within three standard errors, and agrees with lifetimes'
// BetaGeoBetaBinomFitter: parameters to 1e-4, LL to 1e-3, standard errors
// to 1e-3 relative.
func TestFitBGBB(t *testing.T) {
	t.Parallel()
	ds := bgbbData(t)
	m, err := FitBGBB(ds, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := bgbbLoadRef(t).BGBB
	for _, c := range []struct {
		name          string
		got, se, true float64
	}{
		{"alpha", m.Alpha, m.StdErr.Alpha, 1.2}, {"beta", m.Beta, m.StdErr.Beta, 0.75},
		{"gamma", m.Gamma, m.StdErr.Gamma, 0.66}, {"delta", m.Delta, m.StdErr.Delta, 2.8},
	} {
		if math.Abs(c.got-c.true) > 3*c.se || !cbClose(c.got, ref.Params[c.name], 1e-4, 0) || !cbClose(c.se, ref.StdErr[c.name], 1e-3, 0) {
			t.Errorf("FitBGBB: %s = %.8g (SE %.6g); want within 3 SE of %v, and %.8g (SE %.6g) lifetimes", c.name, c.got, c.se, c.true, ref.Params[c.name], ref.StdErr[c.name])
		}
	}
	if math.Abs(m.LogLik-ref.LogLik) > 1e-3 || m.Customers != 8000 {
		t.Errorf("FitBGBB: LL %.6f over %d, want %.6f over 8000", m.LogLik, m.Customers, ref.LogLik)
	}
	t.Logf("%v in %d iterations", m, m.Iterations)
}

// TestBGBBLifetimes: every prediction at lifetimes' fit and at α 2, β 3,
// γ 1.5, δ 4 set by hand, to 1e-6 relative: the log-likelihood, P(alive)
// now and 1 and 5 opportunities ahead, the expected transactions over the
// next 1, 5 and 10, and the expected number of customers with each count
// of transactions in the first 6 (P(X(6) = x) times 8,000).
func TestBGBBLifetimes(t *testing.T) {
	t.Parallel()
	ref := bgbbLoadRef(t)
	ds := bgbbData(t)
	for _, tc := range []struct {
		name string
		p    map[string]float64
		ll   float64
		pred bgbbRefPredictions
	}{{"fitted", ref.BGBB.Params, ref.BGBB.LogLik, ref.Fitted}, {"hand", ref.Hand.Params, ref.Hand.LogLik, ref.Hand}} {
		t.Run(tc.name, func(t *testing.T) {
			m := BGBB{Alpha: tc.p["alpha"], Beta: tc.p["beta"], Gamma: tc.p["gamma"], Delta: tc.p["delta"]}
			check := func(what string, got float64, err error, want float64) {
				t.Helper()
				if err != nil || !cbClose(got, want, 1e-6, 1e-15) {
					t.Errorf("%s = %.12g, %v; want %.12g (lifetimes)", what, got, err, want)
				}
			}
			ll, err := m.LogLikelihood(ds)
			check("LogLikelihood", ll, err, tc.ll)
			if len(tc.pred.Customers) != len(ds) {
				t.Fatalf("%d reference histories", len(tc.pred.Customers))
			}
			for _, c := range tc.pred.Customers {
				d := DiscreteSummary{X: c.X, TX: c.TX, N: c.N}
				for _, a := range c.Alive {
					got, err := m.ProbabilityAlive(d, a.Ahead)
					check("ProbabilityAlive", got, err, a.Value)
				}
				for _, e := range c.Expected {
					got, err := m.ConditionalExpectedTransactions(e.Ahead, d)
					check("ConditionalExpectedTransactions", got, err, e.Value)
				}
			}
			for _, c := range tc.pred.First6Counts {
				p, err := m.ProbabilityOfTransactions(c.X, 6)
				check("8000 · P(X(6) = "+strconv.Itoa(c.X)+")", 8000*p, err, c.Value)
			}
		})
	}
}

// TestBGBBProperties: the probabilities of 0..n transactions sum to 1 and
// their mean is E[X(n)]; a new customer (nothing in 0 opportunities) is
// expected to make E[X(m)] in the next m.
func TestBGBBProperties(t *testing.T) {
	t.Parallel()
	m := BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	for _, n := range []int{1, 6, 20} {
		var sum, mean float64
		for x := 0; x <= n+1; x++ {
			p, err := m.ProbabilityOfTransactions(x, n)
			if err != nil {
				t.Fatal(err)
			}
			sum += p
			mean += float64(x) * p
		}
		e, err := m.ExpectedTransactions(n)
		if err != nil || math.Abs(sum-1) > 1e-12 || !cbClose(mean, e, 1e-12, 0) {
			t.Errorf("n %d: Σ P = %v, mean %v, E[X(n)] %v, %v", n, sum, mean, e, err)
		}
	}
	if p, err := m.ProbabilityOfTransactions(7, 6); err != nil || p != 0 {
		t.Errorf("P(X(6) = 7) = %v, %v", p, err)
	}
	// A donor who gave at every opportunity is alive now for sure... only
	// if he cannot have dropped out since: t_x = n gives P(alive now) 1.
	if p, err := m.ProbabilityAlive(DiscreteSummary{X: 6, TX: 6, N: 6}, 0); err != nil || !cbClose(p, 1, 1e-12, 0) {
		t.Errorf("P(alive | 6 of 6) = %v, %v", p, err)
	}
}

func TestBGBBErrors(t *testing.T) {
	t.Parallel()
	good := BGBB{Alpha: 1, Beta: 1, Gamma: 0.5, Delta: 2}
	d := DiscreteSummary{X: 1, TX: 2, N: 6}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"bad parameters", errOnly(BGBB{}.ProbabilityAlive(d, 1)), ErrInvalidOptions},
		{"negative ahead", errOnly(good.ProbabilityAlive(d, -1)), ErrInvalidOptions},
		{"negative ahead: expected", errOnly(good.ConditionalExpectedTransactions(-1, d)), ErrInvalidOptions},
		{"negative n", errOnly(good.ExpectedTransactions(-1)), ErrInvalidOptions},
		{"negative x", errOnly(good.ProbabilityOfTransactions(-1, 3)), ErrInvalidOptions},
		{"x after t_x", errOnly(good.ProbabilityAlive(DiscreteSummary{X: 3, TX: 2, N: 6}, 1)), ErrInvalidSummary},
		{"t_x after n", errOnly(good.ProbabilityAlive(DiscreteSummary{X: 1, TX: 7, N: 6}, 1)), ErrInvalidSummary},
		{"t_x without x", errOnly(good.LogLikelihood([]DiscreteSummary{{TX: 2, N: 6}})), ErrInvalidSummary},
		{"no opportunities", errOnly(good.LogLikelihood([]DiscreteSummary{{N: 0}})), ErrInvalidSummary},
		{"too many opportunities", errOnly(good.LogLikelihood([]DiscreteSummary{{N: MaxOpportunities + 1}})), ErrInvalidSummary},
		{"negative weight", errOnly(FitBGBB([]DiscreteSummary{{X: 1, TX: 1, N: 2, Weight: -1}}, CustomerFitOptions{})), ErrInvalidSummary},
		{"too few", errOnly(FitBGBB([]DiscreteSummary{d, d}, CustomerFitOptions{})), ErrTooFewPoints},
		{"no transaction", errOnly(FitBGBB([]DiscreteSummary{{N: 6, Weight: 10}}, CustomerFitOptions{})), ErrTooFewPoints},
		{"γ = 1", errOnly(BGBB{Alpha: 1, Beta: 1, Gamma: 1, Delta: 2}.ExpectedTransactions(3)), ErrUndefined},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
