package forecast

import (
	"errors"
	"math"
	"testing"
)

// FuzzBGBB: discrete histories from bytes, fitted (a few steps) and
// predicted at parameters from bytes: no panic, every error one of the
// package's, every probability in [0, 1] and every expectation finite and
// not negative.
func FuzzBGBB(f *testing.F) {
	f.Add([]byte{0, 0, 6, 30, 1, 1, 6, 10, 2, 3, 6, 5, 6, 6, 6, 2}, uint8(12), uint8(7), uint8(6), uint8(28))
	f.Add([]byte{3, 2, 1, 0}, uint8(0), uint8(255), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, a, b, g, d uint8) {
		var ds []DiscreteSummary
		for i := 0; i+3 < len(data) && i < 200; i += 4 {
			n := int(data[i+2]%12) + 1
			x := int(data[i]) % (n + 1)
			tx := x
			if x > 0 {
				tx = x + int(data[i+1])%(n-x+1)
			}
			ds = append(ds, DiscreteSummary{X: x, TX: tx, N: n, Weight: int(data[i+3] % 50)})
		}
		known := func(err error) bool {
			for _, s := range []error{ErrInvalidOptions, ErrInvalidSummary, ErrTooFewPoints, ErrNoConvergence, ErrUndefined} {
				if errors.Is(err, s) {
					return true
				}
			}
			return false
		}
		models := []BGBB{{Alpha: float64(a)/10 + 0.01, Beta: float64(b)/10 + 0.01, Gamma: float64(g)/10 + 0.01, Delta: float64(d)/10 + 0.01}}
		if m, err := FitBGBB(ds, CustomerFitOptions{MaxIterations: 15}); err == nil {
			models = append(models, *m)
		} else if !known(err) {
			t.Fatalf("FitBGBB: %v", err)
		}
		fuzzRender(t, "BGBB", models)
		for _, m := range models {
			if ll, err := m.LogLikelihood(ds); err != nil && !known(err) || err == nil && (math.IsNaN(ll) || ll > 1e-9) {
				t.Fatalf("LogLikelihood = %v, %v", ll, err)
			}
			for _, d := range ds {
				p, err := m.ProbabilityAlive(d, int(a%4))
				if err != nil && !known(err) || err == nil && !(p >= 0 && p <= 1) {
					t.Fatalf("ProbabilityAlive(%+v) = %v, %v", d, p, err)
				}
				e, err := m.ConditionalExpectedTransactions(int(b%7), d)
				if err != nil && !known(err) || err == nil && (math.IsNaN(e) || math.IsInf(e, 0) || e < 0) {
					t.Fatalf("ConditionalExpectedTransactions(%+v) = %v, %v", d, e, err)
				}
			}
			e, err := m.ExpectedTransactions(int(g % 30))
			if err != nil && !known(err) || err == nil && (math.IsNaN(e) || e < 0) {
				t.Fatalf("ExpectedTransactions = %v, %v", e, err)
			}
			p, err := m.ProbabilityOfTransactions(int(d%8), int(g%10))
			if err != nil && !known(err) || err == nil && !(p >= 0 && p <= 1) {
				t.Fatalf("ProbabilityOfTransactions = %v, %v", p, err)
			}
		}
	})
}
