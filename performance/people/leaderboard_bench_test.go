package people_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// lbBenchScores returns n scores with values of two decimal places and
// many ties (n / 10 distinct values), half with a tiebreak, in an order
// unrelated to rank.
func lbBenchScores(n int) []people.Score {
	out := make([]people.Score, n)
	for i := range out {
		h := uint64(i)*0x9E3779B97F4A7C15 + 1
		out[i] = people.Score{Key: fmt.Sprintf("rep-%07d", i), Value: decimal.New(int64(h>>40)%int64(n/10+1)*100+25, -2)}
		if i%2 == 0 {
			out[i].Tiebreak = activity.Some(decimal.NewFromInt(int64(h>>20) % 50))
		}
	}
	return out
}

func BenchmarkLeaderboard(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		for _, m := range []people.RankMethod{people.RankCompetition, people.RankOrdinal} {
			b.Run(fmt.Sprintf("reps=%d/%v", n, m), func(b *testing.B) {
				if n >= 1_000_000 && testing.Short() {
					b.Skip("10⁶ reps in -short mode")
				}
				scores := lbBenchScores(n)
				opts := people.RankOptions{Method: m}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := people.Leaderboard(scores, opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkPoints(b *testing.B) {
	for _, deals := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("deals=%d", deals), func(b *testing.B) {
			cfg := activitytest.Config{Deals: deals, ActivitiesPerDeal: 4, Reps: 1000, Teams: 20}
			ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End})
			if err != nil {
				b.Fatal(err)
			}
			w := people.PointWeights{
				Kinds: map[activity.Kind]decimal.Decimal{
					activity.KindCall: decimal.NewFromInt(1), activity.KindMeeting: decimal.NewFromInt(5), activity.KindDemo: decimal.NewFromInt(10),
				},
				Outcomes: map[activity.Outcome]decimal.Decimal{activity.OutcomeHeld: decimal.NewFromInt(2)},
				WonDeal:  decimal.NewFromInt(50),
			}
			all := ix.All()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := people.Points(all, cfg.Window(), w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
