package customers_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/salesmetrics/salesmetrics/performance/customers"
)

// BenchmarkSurvival measures Result: customer lifetimes drawn from an
// exponential distribution with a mean of a year, to the hour, 60% ended.
// Its allocations are two whatever the size (the sort buffer, one float64
// a lifetime, and the curve); the tally itself keeps one float64 a
// lifetime.
func BenchmarkSurvival(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		rng := rand.New(rand.NewPCG(1, uint64(n)))
		var tally customers.SurvivalTally
		for range n {
			days := math.Round(rng.ExpFloat64()*365*24) / 24
			if err := tally.Add(days, rng.Float64() < 0.6); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tally.Result(customers.SurvivalOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
