package activitytest_test

import (
	"fmt"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// BenchmarkGenerate makes n deals with five activities to a deal, the shape
// of shared/bench's standard report (1M deals + 5M activities at 1e6).
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1e3, 1e5, 1e6} {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			if n >= 1e6 && testing.Short() {
				b.Skip("1e6 deals take seconds and 2 GB; not in -short")
			}
			cfg := activitytest.Config{Deals: n, ActivitiesPerDeal: 4, UntiedShare: 0.25}
			b.ReportAllocs()
			for b.Loop() {
				activitytest.Generate(cfg)
			}
		})
	}
}
