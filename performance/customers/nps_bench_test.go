package customers

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// npsBenchSurvey builds a survey of n responses from n/3 respondents over
// 2024–2025, in three segments, from a fixed seed.
func npsBenchSurvey(b *testing.B, n int) *Survey {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(2 * 365 * 24 * time.Hour)
	segs := []string{"smb", "mid", "enterprise"}
	rs := make([]Response, n)
	for i := range rs {
		rs[i] = Response{
			Respondent: fmt.Sprintf("c%07d", i%max(1, n/3)),
			Score:      float64(rng.IntN(11)),
			Time:       start.Add(time.Duration(rng.Int64N(span))),
			Segment:    segs[rng.IntN(3)],
		}
	}
	s, err := NewSurvey(rs, SurveyOptions{SkipInvalid: true}) // random times may collide
	if err != nil {
		b.Fatal(err)
	}
	return s
}

var npsBenchSizes = []int{1e3, 1e5, 1e6}

var npsBenchPeriod = activity.Period{
	Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
}

// BenchmarkNPS times NetPromoterScore over a built survey (all responses
// in the period): a pass over one byte per response, with no allocation.
func BenchmarkNPS(b *testing.B) {
	for _, n := range npsBenchSizes {
		s := npsBenchSurvey(b, n)
		for _, latest := range []bool{false, true} {
			b.Run(fmt.Sprintf("n=%d/latest=%v", n, latest), func(b *testing.B) {
				b.ReportAllocs()
				opts := NPSOptions{Latest: latest, Interval: AdjustedWald}
				for b.Loop() {
					if _, err := NetPromoterScore(s, npsBenchPeriod, opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkNPSByMonth times a breakdown into 24 months.
func BenchmarkNPSByMonth(b *testing.B) {
	for _, n := range npsBenchSizes {
		s := npsBenchSurvey(b, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NPSBy(s, npsBenchPeriod, activity.ByPeriod(activity.Calendar{}, 0), NPSOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewSurvey times validating and building a survey.
func BenchmarkNewSurvey(b *testing.B) {
	for _, n := range []int{1e3, 1e5} {
		rng := rand.New(rand.NewPCG(2, uint64(n)))
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		rs := make([]Response, n)
		for i := range rs {
			rs[i] = Response{Respondent: fmt.Sprintf("c%07d", i), Score: float64(rng.IntN(11)), Time: start.Add(time.Duration(i) * time.Minute)}
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewSurvey(rs, SurveyOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
