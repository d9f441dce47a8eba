package forecast

import (
	"errors"
	"testing"
)

// TestPredict: one call gives, customer by customer, what the
// per-customer methods give (themselves checked against lifetimes).
func TestPredict(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	for _, m := range []interface {
		PurchasePredictor
		ProbabilityAlive(CustomerSummary) (float64, error)
		Predict([]CustomerSummary, float64) (CustomerPredictions, error)
	}{BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}, MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}} {
		p, err := m.Predict(cs, 39)
		if err != nil {
			t.Fatal(err)
		}
		if p.Horizon != 39 || len(p.Alive) != len(cs) || len(p.Expected) != len(cs) {
			t.Fatalf("%T: %d and %d predictions for %d customers", m, len(p.Alive), len(p.Expected), len(cs))
		}
		for i, c := range cs {
			a, _ := m.ProbabilityAlive(c)
			e, _ := m.ConditionalExpectedPurchases(39, c)
			if p.Alive[i] != a || p.Expected[i] != e {
				t.Fatalf("%T customer %s: %v, %v; one by one %v, %v", m, c.Customer, p.Alive[i], p.Expected[i], a, e)
			}
		}
	}
}

func TestPredictErrors(t *testing.T) {
	t.Parallel()
	good := BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	cs := []CustomerSummary{{X: 1, TX: 1, T: 2}}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"invalid parameters", errOnly(BGNBD{}.Predict(cs, 1)), ErrInvalidOptions},
		{"invalid modified parameters", errOnly(MBGNBD{}.Predict(cs, 1)), ErrInvalidOptions},
		{"negative horizon", errOnly(good.Predict(cs, -1)), ErrInvalidOptions},
		{"invalid summary", errOnly(good.Predict([]CustomerSummary{{X: 1, TX: 3, T: 2}}, 1)), ErrInvalidSummary},
		// a = 1 leaves (a+b+x−1)/(a−1) infinite.
		{"no closed form", errOnly(BGNBD{R: 1, Alpha: 1, A: 1, B: 1}.Predict(cs, 1)), ErrUndefined},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	if p, err := good.Predict(nil, 1); err != nil || len(p.Alive) != 0 {
		t.Errorf("no customers: %+v, %v", p, err)
	}
}
