package forecast

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// FuzzCustomerBase summarises arbitrary transactions and evaluates the
// models at arbitrary parameters: summaries are consistent (t_x ≤ T, x = 0
// with t_x = 0), P(alive) lies in [0, 1], expectations are finite and not
// negative, or an error from the documented set comes back.
func FuzzCustomerBase(f *testing.F) {
	f.Add([]byte{1, 0, 5, 1, 30, 9, 2, 3, 4}, uint8(24), uint8(44), uint8(8), uint8(24))
	f.Add([]byte{0, 0, 0}, uint8(1), uint8(1), uint8(10), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, r, alpha, a, b uint8) {
		var txs []Transaction
		base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i+2 < len(data) && i < 90; i += 3 {
			txs = append(txs, Transaction{Customer: string(rune('a' + data[i]%5)), At: base.Add(time.Duration(data[i+1]) * 24 * time.Hour), Amount: decimal.NewFromInt(int64(data[i+2]))})
		}
		hs, err := Summarize(txs, SummaryOptions{CalibrationEnd: base.AddDate(0, 6, 0), Unit: 7 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		m := &BGNBD{R: float64(r)/10 + 0.01, Alpha: float64(alpha)/10 + 0.01, A: float64(a)/10 + 0.01, B: float64(b)/10 + 0.01}
		g := &GammaGamma{P: float64(r)/10 + 0.01, Q: float64(b)/10 + 0.01, Gamma: float64(alpha) + 1}
		for _, h := range hs {
			s := h.Summary
			if s.TX > s.T || (s.X == 0 && s.TX != 0) || s.X < 0 || h.RepeatMean.IsNegative() {
				t.Fatalf("summary %+v", h)
			}
			p, err := m.ProbabilityAlive(s)
			if err != nil || p < 0 || p > 1 || math.IsNaN(p) {
				t.Fatalf("P(alive) = %v, %v for %+v", p, err, s)
			}
			for _, tt := range []float64{0, 1, 52} {
				e, err := m.ConditionalExpectedPurchases(tt, s)
				if err != nil {
					if errors.Is(err, ErrUndefined) {
						continue
					}
					t.Fatal(err)
				}
				if math.IsNaN(e) || math.IsInf(e, 0) || e < -1e-9 {
					t.Fatalf("E[Y(%v)] = %v for %+v at %+v", tt, e, s, m)
				}
			}
			if v, err := CLV(m, g, s, h.RepeatMean.InexactFloat64(), CLVOptions{Periods: 3, Length: 4.345}); err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
				t.Fatalf("CLV = %v", v)
			}
		}
	})
}
