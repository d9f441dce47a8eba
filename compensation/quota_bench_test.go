package compensation

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// qpBenchWeights returns n weights with two-decimal values, ids in a
// scrambled order so that Allocate sorts them.
func qpBenchWeights(n int) []Weight {
	ws := make([]Weight, n)
	for i := range ws {
		j := (i*7919 + 13) % n
		ws[i] = Weight{Rep: fmt.Sprintf("rep%07d", j), Weight: decimal.New(int64(1+(j*104729)%100003), -2)}
	}
	return ws
}

func BenchmarkAllocate(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		ws := qpBenchWeights(n)
		total := decimal.New(123456789012, -2)
		opts := AllocateOptions{Period: qpQ1, OverAssignment: decimal.New(15, -2)}
		b.Run(fmt.Sprintf("reps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Allocate(total, "USD", ws, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkProrate(b *testing.B) {
	year := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Name: "FY2025"}
	q := activity.Quota{Rep: "ann", Period: year, Amount: activity.Some(decimal.New(80000000, -2)), Currency: "USD"}
	rep := activity.Rep{ID: "ann", HiredAt: time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC),
		Ramp: []decimal.Decimal{decimal.Zero, decimal.New(25, -2), decimal.New(5, -1), decimal.New(75, -2)}}
	opts := ProrateOptions{Days: WorkingDays, Ramp: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prorate(q, rep, opts); err != nil {
			b.Fatal(err)
		}
	}
}
