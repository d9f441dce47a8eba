package forecast

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// BenchmarkLinear fits a trend, a 12-season cycle (11 dummies beside the
// constant) and 3 drivers to n points (the yardstick is 10^4) and
// forecasts 12 periods. The points are days from 2000, inside the years
// whose period names the calendar formats without allocating.
func BenchmarkLinear(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000} {
		r := rand.New(rand.NewPCG(uint64(n), 1))
		vs := make([]float64, n)
		drivers := make([]Driver, 3)
		for j := range drivers {
			drivers[j] = Driver{Name: fmt.Sprintf("d%d", j), Values: make([]float64, n), Future: make([]float64, 12)}
			for i := range drivers[j].Future {
				drivers[j].Future[i] = r.NormFloat64()
			}
		}
		for i := range vs {
			vs[i] = 1000 + 3*float64(i) + 50*float64(i%12) + 100*r.NormFloat64()
			for j := range drivers {
				drivers[j].Values[i] = r.NormFloat64()
				vs[i] += float64(j+1) * 10 * drivers[j].Values[i]
			}
		}
		s, err := NewSeries(activity.Calendar{}, activity.Daily, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), vs)
		if err != nil {
			b.Fatal(err)
		}
		opts := LinearOptions{Seasonal: true, Season: 12, Drivers: drivers}
		b.Run(fmt.Sprintf("points=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, err := Linear(s, opts)
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
