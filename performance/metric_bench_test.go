package performance_test

import (
	"fmt"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// BenchmarkMetric runs host-defined metrics over 10³..10⁶ deals (and four
// activities a deal): a ratio with a compiled filter over deals, and a
// ratio of deals over activities by rep. Allocations stay constant in the
// number of records.
func BenchmarkMetric(b *testing.B) {
	reached := performance.Measure{Of: performance.DealRecords, Where: performance.And(performance.SegmentIs("enterprise"), performance.ReachedStage(activity.StageDemo))}
	demoToClose := performance.Metric{Name: "enterprise demo-to-close", Value: reached.And(performance.StatusIs(activity.StatusWon)), Per: &reached}
	for _, n := range benchSizes {
		d := benchIndex(b, n)
		b.Run(fmt.Sprintf("demo-to-close/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := performance.MetricOf(d.ix.All(), d.window, demoToClose); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("revenue-per-activity-by-rep/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := performance.MetricBy(d.ix.All(), d.window, activity.ByRep(), performance.RevenuePerActivityMetric()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
