package forecast

import (
	"fmt"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// lpBenchIndex generates about n deals with few activities.
func lpBenchIndex(b *testing.B, n int) (*activity.Index, activity.Period) {
	cfg := activitytest.Config{Deals: n, Reps: max(24, n/2000), Teams: 8, ActivitiesPerDeal: 1, UntiedShare: -1}
	win := cfg.Window()
	ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: win.End})
	if err != nil {
		b.Fatal(err)
	}
	return ix, win
}

func BenchmarkFitWinModel(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, win := lpBenchIndex(b, n)
			opts := WinModelOptions{AsOf: win.End, ByTeam: true}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := FitWinModel(ix.All(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWinModelProbabilities(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, win := lpBenchIndex(b, n)
			m, err := FitWinModel(ix.All(), WinModelOptions{AsOf: win.End, ByTeam: true})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m.Probabilities(ix.All(), win.Start.AddDate(1, 0, 0))
			}
		})
	}
}

func BenchmarkStageRatesProbabilities(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, win := lpBenchIndex(b, n)
			r, err := StageWinRates(ix.All(), StageWinOptions{Training: win})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				r.Probabilities(ix.All(), win.Start.AddDate(1, 0, 0))
			}
		})
	}
}
