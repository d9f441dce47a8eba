package forecast

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

func BenchmarkAccuracy(b *testing.B) {
	for _, n := range []int{1e3, 1e5, 1e6} {
		actual, fc := make([]float64, n), make([]float64, n)
		for i := range actual {
			actual[i] = 1000 + 300*math.Sin(float64(i)/7)
			fc[i] = actual[i] * (1 + 0.05*math.Cos(float64(i)/3))
		}
		training := actual[:n/2]
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Accuracy(actual, fc, AccuracyOptions{Training: training, Season: 12}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallAccuracy scores a commit call for every rep and quarter of a
// generated company (24 reps, 2 years: about 2,200 deals; and 240 reps).
func BenchmarkCallAccuracy(b *testing.B) {
	for _, reps := range []int{24, 240} {
		cfg := activitytest.Config{Reps: reps}
		ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{AsOf: cfg.Window().End})
		if err != nil {
			b.Fatal(err)
		}
		var calls []Call
		cal := activity.Calendar{}
		w := cfg.Window()
		for q := range cal.Periods(activity.Quarterly, w.Start, w.End) {
			for _, rep := range ix.Reps().Names() {
				for k := range 3 {
					calls = append(calls, Call{Rep: rep, Period: q, Category: activity.ForecastCommit,
						Amount: decimal.NewFromInt(int64(100000 + 1000*k)), Currency: "USD",
						SubmittedAt: q.Start.Add(time.Duration(k-2) * 7 * 24 * time.Hour)})
				}
			}
		}
		conv := &activity.Conversion{To: "USD", Converter: &activity.ExchangeRates{}}
		b.Run(fmt.Sprintf("reps=%d/calls=%d", reps, len(calls)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := CallAccuracy(ix.All(), calls, CallOptions{Conversion: conv}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
