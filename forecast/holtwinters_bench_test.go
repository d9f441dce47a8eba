package forecast

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

var hwFuzzStart = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// hwBenchSeries returns n months of a trending seasonal series with
// deterministic noise.
func hwBenchSeries(b *testing.B, n int) Series {
	b.Helper()
	vs := make([]float64, n)
	for i := range vs {
		vs[i] = 1000 + 3*float64(i) + 80*math.Sin(2*math.Pi*float64(i)/12) + float64((i*37)%23-11)
	}
	s, err := NewSeries(activity.Calendar{}, activity.Monthly, hwFuzzStart, vs)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkHoltWinters fits α, β, γ (and φ) to 10 years of monthly data and
// to longer series, and runs the model at given parameters.
func BenchmarkHoltWinters(b *testing.B) {
	for _, n := range []int{120, 1000, 10000} {
		s := hwBenchSeries(b, n)
		for _, damped := range []bool{false, true} {
			b.Run(fmt.Sprintf("fit/n=%d/damped=%v", n, damped), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := HoltWinters(s, HoltWintersOptions{Damped: damped}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	for _, n := range []int{120, 1000, 1000000} {
		s := hwBenchSeries(b, n)
		b.Run(fmt.Sprintf("given/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, err := HoltWinters(s, HoltWintersOptions{Alpha: activity.Some(0.3), Beta: activity.Some(0.05), Gamma: activity.Some(0.2)})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := m.Forecast(12); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
