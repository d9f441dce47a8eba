package forecast

import (
	"errors"
	"math"
	"testing"
)

func TestProbabilityOfPurchases(t *testing.T) {
	t.Parallel()
	// The paper's CDNOW parameters. Two independent checks of equation 8:
	// the probabilities sum to 1, and their mean Σ n P(n) is equation 7's
	// closed form E[X(t)] (through ₂F₁).
	m := &BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	for _, tt := range []float64{1, 39, 78} {
		var sum, mean float64
		for n := range 2000 {
			p, err := m.ProbabilityOfPurchases(n, tt)
			if err != nil {
				t.Fatal(err)
			}
			sum += p
			mean += float64(n) * p
		}
		e, err := m.ExpectedPurchases(tt)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(sum-1) > 1e-9 || math.Abs(mean-e) > 1e-6 {
			t.Errorf("t %v: Σ P = %v, Σ n P = %v, E[X(t)] = %v", tt, sum, mean, e)
		}
	}
	// At t = 0 nothing has been bought.
	if p, _ := m.ProbabilityOfPurchases(0, 0); p != 1 {
		t.Errorf("P(X(0) = 0) = %v", p)
	}
	for _, tc := range []struct {
		n int
		t float64
	}{{-1, 1}, {1, -1}, {1, math.Inf(1)}} {
		if _, err := m.ProbabilityOfPurchases(tc.n, tc.t); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("n %d, t %v: %v", tc.n, tc.t, err)
		}
	}
}
