package people_test

import (
	"fmt"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// BenchmarkEffortVsResults is the yardstick for the quadrant view: 10^3
// reps over about 10^6 activities (2 × 10^5 deals with five activities
// each), the whole window.
func BenchmarkEffortVsResults(b *testing.B) {
	if testing.Short() {
		b.Skip("10⁶ activities in -short mode")
	}
	cfg := activitytest.Config{Deals: 200_000, ActivitiesPerDeal: 4, UntiedShare: 0.25, Reps: 1000, Teams: 50}
	r := activitytest.Generate(cfg)
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d reps, %d activities", ix.Reps().Len(), len(r.Activities))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := people.EffortVsResults(ix.All(), cfg.Window(), people.QuadrantOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScorecards: every rep's scorecard over the window, in one pass,
// at 10³..10⁶ deals with four activities a deal.
func BenchmarkScorecards(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("10⁶ deals in -short mode")
			}
			cfg := activitytest.Config{Deals: n, ActivitiesPerDeal: 4, UntiedShare: 0.25, Reps: 200, Teams: 20}
			ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End})
			if err != nil {
				b.Fatal(err)
			}
			all, w := ix.All(), cfg.Window()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := people.Scorecards(all, w, people.ScorecardOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
