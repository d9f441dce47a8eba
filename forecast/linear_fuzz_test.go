package forecast

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzLinear fits arbitrary series (and a driver) with and without seasons:
// either an error from the documented set or a model whose every number is
// finite, with R² in [0, 1] and forecasts inside their intervals.
func FuzzLinear(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0}, false, uint8(2))
	f.Add(make([]byte, 8*30), true, uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, seasonal bool, season uint8) {
		var vs, ds []float64
		for i := 0; i+8 <= len(data) && len(vs) < 200; i += 8 {
			v := math.Float64frombits(binary.LittleEndian.Uint64(data[i:]))
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
				v = float64(int8(data[i]))
			}
			vs = append(vs, v)
			ds = append(ds, float64(data[i]%7)+float64(len(vs)%3))
		}
		if len(vs) == 0 {
			return
		}
		s, err := NewSeries(activity.Calendar{}, activity.Monthly, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), vs)
		if err != nil {
			t.Fatal(err)
		}
		opts := LinearOptions{Seasonal: seasonal, Season: int(season % 13), NoTrend: season%17 == 3}
		if len(data)%2 == 0 {
			opts.Drivers = []Driver{{Name: "d", Values: ds, Future: []float64{1, 2, 3}}}
		}
		m, err := Linear(s, opts)
		if err != nil {
			for _, want := range []error{ErrTooFewPoints, ErrConstantSeries, ErrCollinear, ErrInvalidOptions} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("Linear: unexpected error %v", err)
		}
		finite := func(xs ...float64) {
			for _, x := range xs {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("not finite in %v (terms %v)", m, m.Terms)
				}
			}
		}
		finite(m.R2, m.AdjR2, m.ResidualSE, m.F, m.FP, m.SSE)
		for _, term := range m.Terms {
			finite(term.Estimate, term.StdErr, term.T, term.P)
		}
		finite(m.Fitted...)
		if m.R2 < -1e-9 || m.R2 > 1+1e-9 {
			t.Fatalf("R² %v", m.R2)
		}
		preds, err := m.Forecast(3)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range preds {
			finite(p.Value, p.Low, p.High, p.MeanLow, p.MeanHigh)
			if p.Low > p.MeanLow || p.MeanLow > p.Value || p.Value > p.MeanHigh || p.MeanHigh > p.High {
				t.Fatalf("intervals out of order: %+v", p)
			}
		}
		fuzzRender(t, "Linear", m)
		fuzzRender(t, "LinearModel.Forecast", preds)
	})
}
