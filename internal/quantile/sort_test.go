package quantile

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortInt64(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 255, 256, 1000, 100_000} {
		for _, gen := range []func() int64{
			func() int64 { return r.Int64() - math.MaxInt64/2 },                         // both signs, all bytes
			func() int64 { return r.Int64N(5_000_000) },                                 // amounts in cents: high bytes shared
			func() int64 { return -r.Int64N(300) },                                      // small negatives
			func() int64 { return []int64{math.MinInt64, 0, math.MaxInt64}[r.IntN(3)] }, // extremes, ties
		} {
			xs := make([]int64, n)
			for i := range xs {
				xs[i] = gen()
			}
			want := slices.Clone(xs)
			slices.Sort(want) // the reference: the standard library's comparison sort
			SortInt64(xs)
			if !slices.Equal(xs, want) {
				t.Fatalf("SortInt64 of %d values differs from slices.Sort", n)
			}
		}
	}
}

func FuzzSortInt64(f *testing.F) {
	f.Add([]byte{1, 2, 3, 255, 0, 128})
	f.Fuzz(func(t *testing.T, data []byte) {
		xs := make([]int64, 0, 300+len(data))
		for i, b := range data {
			xs = append(xs, int64(b)<<(8*uint(i%8))-int64(i))
		}
		for len(xs) < 300 { // past the insertion-sort cutoff
			xs = append(xs, int64(len(xs)*7919%1000)-500)
		}
		want := slices.Clone(xs)
		slices.Sort(want)
		SortInt64(xs)
		if !slices.Equal(xs, want) {
			t.Fatal("SortInt64 differs from slices.Sort")
		}
	})
}

func BenchmarkSortInt64(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	src := make([]int64, 300_000)
	for i := range src {
		src[i] = r.Int64N(200_000_000) // amounts up to 2,000,000.00 in cents
	}
	xs := make([]int64, len(src))
	b.Run("radix", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			copy(xs, src)
			SortInt64(xs)
		}
	})
	b.Run("slices.Sort", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			copy(xs, src)
			slices.Sort(xs)
		}
	})
}
