package activity_test

import (
	"fmt"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

var benchSizes = []int{1_000, 10_000, 100_000, 1_000_000}

// benchRecords generates n deals with about 5 activities each (4 on deals,
// 1 untied), as in shared/bench.
func benchRecords(b *testing.B, n int) (activity.Records, activitytest.Config) {
	if n >= 1_000_000 && testing.Short() {
		b.Skip("1e6 records in -short mode")
	}
	cfg := activitytest.Config{Deals: n, ActivitiesPerDeal: 4, UntiedShare: 0.25, Reps: 200, Teams: 20}
	return activitytest.Generate(cfg), cfg
}

func BenchmarkNewIndex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			r, cfg := benchRecords(b, n)
			opts := activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End}
			b.ReportMetric(float64(len(r.Activities)), "activities")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := activity.NewIndex(r, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkActivityVolume(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			r, cfg := benchRecords(b, n)
			ix, err := activity.NewIndex(r, activity.IndexOptions{AsOf: cfg.Window().End})
			if err != nil {
				b.Fatal(err)
			}
			all, p := ix.All(), cfg.Window()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := activity.ActivityVolume(all, p, activity.VolumeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkActivityVolumeByRep(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			r, cfg := benchRecords(b, n)
			ix, err := activity.NewIndex(r, activity.IndexOptions{AsOf: cfg.Window().End})
			if err != nil {
				b.Fatal(err)
			}
			all, p := ix.All(), cfg.Window()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := activity.ActivityVolumeBy(all, p, activity.ByRep(), activity.VolumeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
