package forecast

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// FuzzCustomerBase summarises arbitrary transactions and runs the models on
// them, at fitted parameters where a fit succeeds and at arbitrary ones:
// summaries are valid (t_x ≤ T, x = 0 with t_x = 0); every probability lies
// in [0, 1]; every value that comes back with a nil error is finite and
// not negative; every error is one of the documented sentinels; nothing
// panics.
func FuzzCustomerBase(f *testing.F) {
	f.Add([]byte{1, 0, 5, 1, 30, 9, 2, 3, 4}, uint8(24), uint8(44), uint8(8), uint8(24))
	f.Add([]byte{0, 0, 0}, uint8(1), uint8(1), uint8(10), uint8(1))
	f.Add([]byte{0, 1, 9, 0, 20, 4, 1, 3, 8, 1, 40, 7, 2, 2, 2, 2, 30, 5, 3, 0, 1, 3, 50, 60, 4, 7, 7, 4, 9, 9}, uint8(3), uint8(200), uint8(255), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, r, alpha, a, b uint8) {
		var txs []Transaction
		base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i+2 < len(data) && i < 300; i += 3 {
			txs = append(txs, Transaction{
				Customer: string(rune('a' + data[i]%16)),
				At:       base.Add(time.Duration(data[i+1]) * 13 * time.Hour),
				Amount:   decimal.NewFromInt(int64(data[i+2])),
			})
		}
		cs, err := Summarize(txs, SummaryOptions{CalibrationEnd: base.AddDate(0, 4, 0), Unit: 7 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if err := c.Validate(); err != nil {
				t.Fatalf("Summarize gave %v: %v", c, err)
			}
		}
		fuzzRender(t, "Summarize", cs)
		// In the input's order: the same summaries, another order.
		given, err := Summarize(txs, SummaryOptions{CalibrationEnd: base.AddDate(0, 4, 0), Unit: 7 * 24 * time.Hour, InputOrder: true})
		if err != nil || len(given) != len(cs) {
			t.Fatalf("Summarize in input order: %d summaries, %v; by id %d", len(given), err, len(cs))
		}
		known := func(err error) bool {
			for _, s := range []error{ErrInvalidOptions, ErrInvalidSummary, ErrTooFewPoints, ErrNoConvergence, ErrUndefined} {
				if errors.Is(err, s) {
					return true
				}
			}
			return false
		}
		check := func(what string, v float64, err error, prob bool) {
			t.Helper()
			if err != nil {
				if !known(err) {
					t.Fatalf("%s: undocumented error %v", what, err)
				}
				return
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (prob && v > 1) {
				t.Fatalf("%s = %v", what, v)
			}
		}
		models := []BGNBD{{R: float64(r)/10 + 0.01, Alpha: float64(alpha)/10 + 0.01, A: float64(a)/10 + 0.01, B: float64(b)/10 + 0.01}}
		if m, err := FitBGNBD(cs, CustomerFitOptions{}); err == nil {
			for _, v := range []float64{m.R, m.Alpha, m.A, m.B, m.StdErr.R, m.StdErr.Alpha, m.StdErr.A, m.StdErr.B} {
				if !(v > 0) || math.IsInf(v, 0) {
					t.Fatalf("FitBGNBD = %v", m)
				}
			}
			models = append(models, *m)
		} else if !known(err) {
			t.Fatalf("FitBGNBD: %v", err)
		}
		gg := &GammaGamma{P: float64(r)/10 + 0.01, Q: float64(b)/10 + 0.01, Gamma: float64(alpha) + 1}
		if g, err := FitGammaGamma(cs, CustomerFitOptions{}); err == nil {
			gg = g
		} else if !known(err) {
			t.Fatalf("FitGammaGamma: %v", err)
		}
		fuzzRender(t, "BGNBD", models)
		fuzzRender(t, "GammaGamma", gg)
		if v, err := gg.PopulationMeanSpend(); err == nil {
			check("PopulationMeanSpend", v, err, false)
		} else if !known(err) {
			t.Fatalf("PopulationMeanSpend: %v", err)
		}
		// The modified model: fitted, at the same hand parameters, and
		// every method, the log-likelihood of the summaries included.
		mbgs := []MBGNBD{{R: models[0].R, Alpha: models[0].Alpha, A: models[0].A, B: models[0].B}}
		if m, err := FitMBGNBD(cs, CustomerFitOptions{}); err == nil {
			e := m.StdErr
			for _, v := range []float64{m.R, m.Alpha, m.A, m.B, e.R, e.Alpha, e.A, e.B} {
				if !(v > 0) || math.IsInf(v, 0) {
					t.Fatalf("FitMBGNBD = %v", m)
				}
			}
			mbgs = append(mbgs, *m)
		} else if !known(err) {
			t.Fatalf("FitMBGNBD: %v", err)
		}
		fuzzRender(t, "MBGNBD", mbgs)
		for _, m := range mbgs {
			if ll, err := m.LogLikelihood(cs); err != nil && !known(err) || err == nil && (math.IsNaN(ll) || math.IsInf(ll, 1)) {
				t.Fatalf("MBGNBD.LogLikelihood = %v, %v", ll, err)
			}
			v, err := m.ExpectedPurchases(float64(data0(data)%60) + 0.5)
			check("MBGNBD.ExpectedPurchases", v, err, false)
			for n := range 4 {
				v, err := m.ProbabilityOfPurchases(n, float64(n)+0.5)
				check("MBGNBD.ProbabilityOfPurchases", v, err, true)
			}
			for _, c := range cs {
				v, err := m.ProbabilityAlive(c)
				check("MBGNBD.ProbabilityAlive", v, err, true)
				v, err = m.ConditionalExpectedPurchases(3, c)
				check("MBGNBD.ConditionalExpectedPurchases", v, err, false)
				v, err = CLV(m, *gg, c, CLVOptions{Horizon: 2, PeriodLength: 4.345})
				check("CLV(MBGNBD)", v, err, false)
			}
		}
		// Weighted rows and a start at the hand parameters.
		weighted := append([]CustomerSummary(nil), cs...)
		for i := range weighted {
			weighted[i].Weight = int(data0(data[min(i, len(data)):]) % 4)
		}
		h := models[0]
		for _, fit := range []func() error{
			func() error {
				_, err := FitBGNBD(weighted, CustomerFitOptions{Initial: []float64{h.R, h.Alpha, h.A, h.B}})
				return err
			},
			func() error {
				_, err := FitMBGNBD(weighted, CustomerFitOptions{Initial: []float64{h.R, h.Alpha, h.A, h.B}})
				return err
			},
			func() error {
				_, err := FitGammaGamma(weighted, CustomerFitOptions{Initial: []float64{h.R, h.A, h.Alpha}})
				return err
			},
			func() error {
				c, err := CompareModels(weighted, CustomerFitOptions{MaxIterations: 15})
				if err == nil && (c.Best == "" || len(c.Scores) != 3) {
					t.Fatalf("CompareModels = %+v", c)
				}
				return err
			},
		} {
			if err := fit(); err != nil && !known(err) {
				t.Fatalf("weighted fit: %v", err)
			}
		}
		// The Pareto/NBD at the hand parameters (s for a, β for b), fitted
		// with a bounded number of steps.
		paretos := []ParetoNBD{{R: h.R, Alpha: h.Alpha, S: h.A, Beta: h.B}}
		if p, err := FitParetoNBD(cs, CustomerFitOptions{MaxIterations: 15}); err == nil {
			e := p.StdErr
			for _, v := range []float64{p.R, p.Alpha, p.S, p.Beta, e.R, e.Alpha, e.S, e.Beta} {
				if !(v > 0) || math.IsInf(v, 0) {
					t.Fatalf("FitParetoNBD = %v", p)
				}
			}
			paretos = append(paretos, *p)
		} else if !known(err) {
			t.Fatalf("FitParetoNBD: %v", err)
		}
		fuzzRender(t, "ParetoNBD", paretos)
		for _, m := range paretos {
			if ll, err := m.LogLikelihood(cs); err != nil && !known(err) || err == nil && math.IsInf(ll, 1) {
				t.Fatalf("ParetoNBD.LogLikelihood = %v, %v", ll, err)
			}
			v, err := m.ExpectedPurchases(float64(data0(data)%60) + 0.5)
			check("ParetoNBD.ExpectedPurchases", v, err, false)
			for _, c := range cs {
				v, err := m.ProbabilityAlive(c)
				check("ParetoNBD.ProbabilityAlive", v, err, true)
				v, err = m.ConditionalExpectedPurchases(3, c)
				check("ParetoNBD.ConditionalExpectedPurchases", v, err, false)
			}
			if p, err := m.Predict(cs, 2); err != nil && !known(err) || err == nil && len(p.Expected) != len(cs) {
				t.Fatalf("ParetoNBD.Predict = %+v, %v", p, err)
			}
		}
		// The holdout check and the comparison of the models.
		hs, err := SummarizeHoldout(txs, HoldoutOptions{SummaryOptions: SummaryOptions{CalibrationEnd: base.AddDate(0, 0, 60), Unit: 7 * 24 * time.Hour},
			ObservationEnd: base.AddDate(0, 4, 0)})
		if err == nil {
			for _, m := range []PurchasePredictor{models[0], mbgs[0]} {
				c, err := CheckHoldout(m, hs, int(r%9))
				if err != nil && !known(err) {
					t.Fatalf("CheckHoldout: %v", err)
				}
				if err == nil && (math.IsNaN(c.MAE) || math.IsNaN(c.RMSE) || c.Actual < 0 || c.Predicted < 0) {
					t.Fatalf("CheckHoldout = %+v", c)
				}
			}
		} else if !known(err) {
			t.Fatalf("SummarizeHoldout: %v", err)
		}
		for _, m := range []interface {
			Predict([]CustomerSummary, float64) (CustomerPredictions, error)
		}{models[0], mbgs[0]} {
			p, err := m.Predict(cs, 3)
			if err != nil && !known(err) {
				t.Fatalf("Predict: %v", err)
			}
			if err == nil && (len(p.Alive) != len(cs) || len(p.Expected) != len(cs)) {
				t.Fatalf("Predict: %d, %d predictions of %d customers", len(p.Alive), len(p.Expected), len(cs))
			}
		}
		for _, m := range models {
			if ll, err := m.LogLikelihood(cs); err != nil && !known(err) || err == nil && (math.IsNaN(ll) || math.IsInf(ll, 1)) {
				t.Fatalf("BGNBD.LogLikelihood = %v, %v", ll, err)
			}
		}
		horizon := float64(data0(data)%60) + 0.5
		for _, m := range models {
			v, err := m.ExpectedPurchases(horizon)
			check("ExpectedPurchases", v, err, false)
			for n := range 4 {
				v, err := m.ProbabilityOfPurchases(n, horizon)
				check("ProbabilityOfPurchases", v, err, true)
			}
			for _, c := range cs {
				v, err := m.ProbabilityAlive(c)
				check("ProbabilityAlive", v, err, true)
				v, err = m.ConditionalExpectedPurchases(horizon, c)
				check("ConditionalExpectedPurchases", v, err, false)
				v, err = gg.ConditionalExpectedSpend(c)
				check("ConditionalExpectedSpend", v, err, false)
				v, err = CLV(&m, gg, c, CLVOptions{Horizon: 3, PeriodLength: 4.345, DiscountRate: 0.01})
				check("CLV", v, err, false)
			}
		}
	})
}

func data0(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}
