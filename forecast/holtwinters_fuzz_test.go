package forecast

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzHoltWinters fits arbitrary series with arbitrary given or fitted
// parameters and initial states: either an error from the documented set or
// a model whose every number is finite, with parameters in range and
// forecasts inside their intervals.
func FuzzHoltWinters(f *testing.F) {
	f.Add(make([]byte, 8*30), uint8(4), uint8(0), false, 0.3, 0.1, 0.2, 0.9, uint8(6))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}, uint8(2), uint8(15), true, 0.5, 0.5, 0.5, 0.5, uint8(9))
	f.Add(make([]byte, 8*40), uint8(12), uint8(31), true, 0.99, 0.99, 0.99, 1.0, uint8(30))
	f.Fuzz(func(t *testing.T, data []byte, season, given uint8, damped bool, alpha, beta, gamma, phi float64, h uint8) {
		var vs []float64
		for i := 0; i+8 <= len(data) && len(vs) < 300; i += 8 {
			v := math.Float64frombits(binary.LittleEndian.Uint64(data[i:]))
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = float64(int8(data[i]))
			}
			vs = append(vs, v)
		}
		if len(vs) == 0 {
			return
		}
		s, err := NewSeries(activity.Calendar{}, activity.Monthly, hwFuzzStart, vs)
		if err != nil {
			t.Fatal(err)
		}
		opts := HoltWintersOptions{Season: int(season % 14), Damped: damped}
		if given&1 != 0 {
			opts.Alpha = activity.Some(alpha)
		}
		if given&2 != 0 {
			opts.Beta = activity.Some(beta)
		}
		if given&4 != 0 {
			opts.Gamma = activity.Some(gamma)
		}
		if given&8 != 0 {
			opts.Phi = activity.Some(phi)
		}
		if given&16 != 0 {
			m := opts.Season
			if m == 0 {
				m = 12
			}
			in := HoltWintersState{Level: vs[0], Trend: alpha, Seasonal: make([]float64, m)}
			for i := range in.Seasonal {
				in.Seasonal[i] = vs[i%len(vs)] - vs[0]
			}
			opts.Initial = &in
		}
		m, err := HoltWinters(s, opts)
		if err != nil {
			for _, want := range []error{ErrInvalidSeries, ErrTooFewPoints, ErrInvalidOptions, ErrNoConvergence} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("HoltWinters: unexpected error %v", err)
		}
		finite := func(xs ...float64) {
			t.Helper()
			for _, x := range xs {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("not finite in %v", m)
				}
			}
		}
		finite(m.Alpha, m.Beta, m.Gamma, m.Phi, m.SSE, m.Sigma, m.Initial.Level, m.Initial.Trend, m.Final.Level, m.Final.Trend)
		finite(m.Initial.Seasonal...)
		finite(m.Final.Seasonal...)
		finite(m.Fitted...)
		finite(m.Residuals...)
		for _, p := range []float64{m.Alpha, m.Beta, m.Gamma} {
			if !(p > 0 && p < 1) {
				t.Fatalf("parameter %v outside (0, 1) in %v", p, m)
			}
		}
		if !(m.Phi > 0 && m.Phi <= 1) || (!damped && m.Phi != 1) {
			t.Fatalf("φ %v in %v", m.Phi, m)
		}
		if m.SSE < 0 || m.Sigma < 0 || m.DF < 1 {
			t.Fatalf("SSE %v, σ %v, DF %d", m.SSE, m.Sigma, m.DF)
		}
		preds, err := m.Forecast(int(h%40) + 1)
		if err != nil {
			if errors.Is(err, ErrInvalidOptions) {
				return
			}
			t.Fatal(err)
		}
		for _, p := range preds {
			finite(p.Value, p.Low, p.High)
			if !(p.Low <= p.Value && p.Value <= p.High) {
				t.Fatalf("forecast outside its interval: %+v", p)
			}
		}
		fuzzRender(t, "HoltWinters", m)
		fuzzRender(t, "HoltWinters.Forecast", preds)
	})
}
