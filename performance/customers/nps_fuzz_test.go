package customers

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// surveyFuzzScores are the scores a fuzzed byte picks from: every valid one
// and the invalid kinds.
var surveyFuzzScores = []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 7.5, -1, 11, math.NaN(), math.Inf(-1), 1e300}

// surveyFuzzResponses turns bytes into responses, four bytes each:
// respondent (one of 8, or none), minute offset (or no time), score, segment.
func surveyFuzzResponses(data []byte) []Response {
	var rs []Response
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for ; len(data) >= 4; data = data[4:] {
		r := Response{Score: surveyFuzzScores[int(data[2])%len(surveyFuzzScores)]}
		if data[0]%9 != 8 {
			r.Respondent = string(rune('a' + data[0]%9))
		}
		if data[1] != 255 {
			r.Time = base.Add(time.Duration(data[1]) * 7 * time.Hour)
		}
		r.Segment = []string{"", "smb", "ent"}[data[3]%3]
		rs = append(rs, r)
	}
	return rs
}

// FuzzNPS builds surveys from arbitrary responses and checks: no panic;
// every record is kept or reported (by index, wrapping ErrInvalidResponse);
// the classes add up to the responses; the score and interval lie in
// −100..100 with Low <= Estimate <= High; breakdowns add up to the whole;
// and merging tallies in either order gives the same result.
func FuzzNPS(f *testing.F) {
	f.Add([]byte{0, 0, 9, 0, 1, 0, 3, 1, 2, 3, 7, 2})
	f.Add([]byte{0, 0, 9, 0, 0, 0, 3, 1, 8, 255, 11, 2, 3, 4, 13, 0})
	f.Add([]byte{1, 2, 10, 0, 1, 2, 10, 0, 1, 3, 10, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		rs := surveyFuzzResponses(data)
		strict, strictErr := NewSurvey(rs, SurveyOptions{})
		s, err := NewSurvey(rs, SurveyOptions{SkipInvalid: true})
		if err != nil {
			t.Fatalf("NewSurvey(SkipInvalid): %v", err)
		}
		reported := map[int]bool{}
		for _, e := range s.Skipped() {
			var re *activity.RecordError
			if !errors.As(e, &re) || !errors.Is(e, ErrInvalidResponse) || re.Index < 0 || re.Index >= len(rs) {
				t.Fatalf("skipped %v: want a RecordError wrapping ErrInvalidResponse with an index", e)
			}
			reported[re.Index] = true
		}
		if s.Len()+len(reported) != len(rs) {
			t.Fatalf("kept %d + reported %d != %d records", s.Len(), len(reported), len(rs))
		}
		if (strictErr != nil) != (len(reported) > 0) || (strictErr == nil && strict.Len() != len(rs)) {
			t.Fatalf("strict NewSurvey: %v with %d reported", strictErr, len(reported))
		}

		p := activity.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		for _, opts := range []NPSOptions{{}, {Interval: AdjustedWald, Latest: true}, {Classes: NPSClasses{DetractorMax: 3, PromoterMin: 4}, Confidence: 0.5}} {
			n, err := NetPromoterScore(s, p, opts)
			if s.Len() == 0 {
				if !errors.Is(err, ErrNoResponses) {
					t.Fatalf("empty survey: %v", err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("NetPromoterScore: %v", err)
			}
			npsCheck(t, n)
			if !opts.Latest && n.Responses != int64(s.Len()) {
				t.Fatalf("Responses = %d, want %d", n.Responses, s.Len())
			}
			if opts.Latest && n.Responses != int64(s.Respondents()) {
				t.Fatalf("Latest: Responses = %d, want %d respondents", n.Responses, s.Respondents())
			}
			// The same from its counts, and from its shares.
			c, err := NPSFromCounts(n.Scope, p, n.Promoters, n.Passives, n.Detractors, opts)
			if err != nil || !cmp.Equal(c, n) {
				t.Fatalf("NPSFromCounts = %+v, %v; want %+v", c, err, n)
			}
			r := float64(n.Responses)
			sh, err := NPSFromShares(n.Scope, p, float64(n.Promoters)/r, float64(n.Detractors)/r, n.Responses, opts)
			if err != nil || !cmp.Equal(sh, n) {
				t.Fatalf("NPSFromShares = %+v, %v; want %+v", sh, err, n)
			}
			for _, by := range []activity.By{activity.BySegment(), activity.ByPeriod(activity.Calendar{}, activity.Monthly)} {
				groups, err := NPSBy(s, p, by, opts)
				if err != nil {
					t.Fatalf("NPSBy(%v): %v", by, err)
				}
				var sum [3]int64
				for _, g := range groups {
					if g.Undefined == "" {
						npsCheck(t, g.Result)
					}
					sum[0] += g.Result.Promoters
					sum[1] += g.Result.Passives
					sum[2] += g.Result.Detractors
				}
				// Latest by period counts each respondent once per period.
				if want := [3]int64{n.Promoters, n.Passives, n.Detractors}; sum != want && !(opts.Latest && by.Dimension == activity.DimensionPeriod) {
					t.Fatalf("NPSBy(%v) adds up to %v, want %v", by, sum, want)
				}
			}
		}

		// Tallies of two halves, merged either way.
		var a, b, all NPSTally
		for i, r := range rs {
			if !surveyScoreOK(r.Score) {
				if r.Score < 0 || r.Score > 10 { // whole-number scores off the scale
					if err := all.Add(int(max(-5, min(20, r.Score)))); !errors.Is(err, ErrInvalidResponse) {
						t.Fatalf("Add(%v) = %v, want ErrInvalidResponse", r.Score, err)
					}
				}
				continue
			}
			half := &a
			if i%2 == 1 {
				half = &b
			}
			if err := half.Add(int(r.Score)); err != nil {
				t.Fatal(err)
			}
		}
		ab, ba := a, b
		ab.Merge(&b)
		ba.Merge(&a)
		r1, err1 := ab.Result("x", p, NPSOptions{Interval: AdjustedWald})
		r2, err2 := ba.Result("x", p, NPSOptions{Interval: AdjustedWald})
		if (err1 == nil) != (err2 == nil) || !cmp.Equal(r1, r2) {
			t.Fatalf("merge order matters: %v / %v", r1, r2)
		}
		// Counts: the merged halves hold each score as often as the
		// responses give it.
		var want [11]int64
		for _, r := range rs {
			if surveyScoreOK(r.Score) {
				want[int(r.Score)]++
			}
		}
		if got := ab.Counts(); got != want {
			t.Fatalf("Counts = %v, want %v", got, want)
		}
		if err1 == nil {
			fuzzRender(t, "NPSTally.Result", r1)
			ra, erra := a.Result("a", p, NPSOptions{Interval: AdjustedWald})
			rb, errb := b.Result("b", p, NPSOptions{Interval: AdjustedWald})
			if erra == nil && errb == nil {
				c, err := CompareNPS(ra, rb)
				fuzzcheck.Check(t, "CompareNPS", c, err, entrySentinels)
				fuzzRender(t, "CompareNPS", c)
			}
		}
	})
}

func npsCheck(t *testing.T, n NPS) {
	t.Helper()
	if n.Promoters+n.Passives+n.Detractors != n.Responses || n.Responses <= 0 {
		t.Fatalf("counts %d + %d + %d != %d", n.Promoters, n.Passives, n.Detractors, n.Responses)
	}
	for _, v := range []float64{n.Score, n.Estimate, n.Low, n.High} {
		if !(v >= -100 && v <= 100) {
			t.Fatalf("%v outside −100..100", n)
		}
	}
	if !(n.Low <= n.Estimate && n.Estimate <= n.High) || !(n.StdErr >= 0) || !(n.MarginOfError >= 0) || !(n.Variance >= 0 && n.Variance <= 10_000) {
		t.Fatalf("interval out of order: %+v", n)
	}
}
