package activitytest_test

import (
	"testing"

	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

func BenchmarkScratch(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		activitytest.Generate(activitytest.Config{Deals: 1e6, ActivitiesPerDeal: 4, UntiedShare: 0.25})
	}
}
