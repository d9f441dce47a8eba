package forecast

import (
	"errors"
	"math"
	"testing"
)

// TestCompareModelsCDNOW: on CDNOW the three models fit; each score is its
// fit's log-likelihood with AIC = 8 − 2 LL and BIC = 4 ln 2357 − 2 LL, from
// lifetimes' log-likelihoods (BG/NBD −9582.4256, MBG/NBD −9582.1327,
// Pareto/NBD −9594.9739) to 1e-3; the MBG/NBD, with the highest likelihood
// and as many parameters, is best.
func TestCompareModelsCDNOW(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	c, err := CompareModels(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lls := map[string]float64{"BG/NBD": cbLoadRef(t).BGNBD.LogLik, "MBG/NBD": mbgLoadRef(t).MBGNBD.LogLik, "Pareto/NBD": paretoLoadRef(t).ParetoNBD.LogLik}
	if len(c.Scores) != 3 || c.BGNBD == nil || c.MBGNBD == nil || c.ParetoNBD == nil || c.Customers != 2357 {
		t.Fatalf("comparison %+v", c)
	}
	for _, s := range c.Scores {
		ll := lls[s.Model]
		aic, bic := 8-2*ll, 4*math.Log(2357)-2*ll
		if s.Parameters != 4 || s.Error != "" || math.Abs(s.LogLik-ll) > 1e-3 || math.Abs(s.AIC-aic) > 2e-3 || math.Abs(s.BIC-bic) > 2e-3 {
			t.Errorf("%s: %+v, want LL %v, AIC %v, BIC %v", s.Model, s, ll, aic, bic)
		}
	}
	if c.Scores[0].LogLik != c.BGNBD.LogLik || c.Scores[1].LogLik != c.MBGNBD.LogLik || c.Scores[2].LogLik != c.ParetoNBD.LogLik || c.Best != "MBG/NBD" {
		t.Errorf("scores %+v, best %q", c.Scores, c.Best)
	}
}

func TestCompareModelsErrors(t *testing.T) {
	t.Parallel()
	few := cbCDNOW(t)[:3]
	c, err := CompareModels(few, CustomerFitOptions{})
	if !errors.Is(err, ErrTooFewPoints) || len(c.Scores) != 3 || c.Scores[0].Error == "" || c.Scores[2].Error == "" || c.Best != "" {
		t.Errorf("three customers: %+v, %v", c, err)
	}
	if _, err := CompareModels(cbCDNOW(t), CustomerFitOptions{MaxIterations: -1}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("bad options: %v", err)
	}
	if _, err := CompareModels([]CustomerSummary{{X: 1, TX: 5, T: 2}}, CustomerFitOptions{}); !errors.Is(err, ErrInvalidSummary) {
		t.Errorf("bad summary: %v", err)
	}
}
