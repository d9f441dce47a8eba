package budget

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// BenchmarkTrack tracks 10^3..10^6 actual entries (single days, five
// categories, four teams) against a year's monthly budget, for the whole
// and by category.
func BenchmarkTrack(b *testing.B) {
	year := activity.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1), Name: "2026"}
	cats := []string{"staff", "marketing", "tools", "travel", "events"}
	var budget []Entry
	for m := time.January; m <= time.December; m++ {
		for _, c := range cats {
			budget = append(budget, Entry{Period: month(2026, m), Category: c, Amount: decimal.NewFromInt(10000), Currency: "USD"})
		}
	}
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		actual := make([]Entry, n)
		for i := range actual {
			start := year.Start.Add(time.Duration(i%365) * 24 * time.Hour)
			actual[i] = Entry{Period: activity.Period{Start: start, End: start.Add(24 * time.Hour)}, Category: cats[i%5], Team: fmt.Sprint("t", i%4),
				Amount: decimal.New(int64(1000+i%9000), -2), Currency: "USD"}
		}
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := TrackBy(budget, actual, year, ByCategory, TrackOptions{AsOf: day(2026, 7, 1)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPlan plans a year for rosters of 10 to 1,000 reps (the pay
// plan's curve computed once per pay period and ramp factor).
func BenchmarkPlan(b *testing.B) {
	for _, n := range []int{10, 100, 1_000} {
		in := planInput()
		in.Period = activity.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1), Name: "2026"}
		in.Reps = nil
		for i := range n {
			in.Reps = append(in.Reps, activity.Rep{ID: fmt.Sprint("r", i), HiredAt: day(2024, 1, 1)})
		}
		in.Target = decimal.NewFromInt(int64(n) * 500000)
		b.Run(fmt.Sprintf("reps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Plan(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
