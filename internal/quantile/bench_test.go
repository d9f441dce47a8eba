package quantile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

var benchSizes = []int{1e3, 1e5, 1e6}

// dealSizes returns n sorted log-normal amounts from a fixed seed.
func dealSizes(n int) []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = math.Round(math.Exp(9+1.2*r.NormFloat64())*100) / 100
	}
	slices.Sort(xs)
	return xs
}

// Each call is O(1) (two loads and a few flops); the sizes show that the
// sample's length costs nothing.
func BenchmarkType7(b *testing.B) {
	for _, n := range benchSizes {
		xs := dealSizes(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Type7(xs, 0.9)
			}
		})
	}
}

func BenchmarkType7Int64(b *testing.B) {
	for _, n := range benchSizes {
		xs := dealSizes(n)
		is := make([]int64, n)
		for i, x := range xs {
			is[i] = int64(x * 100) // amounts in cents
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Type7Int64(is, 0.9)
			}
		})
	}
}

func BenchmarkMedian(b *testing.B) {
	for _, n := range benchSizes {
		xs := dealSizes(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Median(xs)
			}
		})
	}
}
