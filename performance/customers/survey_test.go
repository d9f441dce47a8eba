package customers

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

var surveyT0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func TestResponseValidate(t *testing.T) {
	t.Parallel()
	ok := Response{Respondent: "c1", Score: 9, Time: surveyT0}
	tests := []struct {
		name   string
		r      Response
		fields []string // every problem's field, in order
	}{
		{"valid", ok, nil},
		{"valid 0", Response{Respondent: "c1", Score: 0, Time: surveyT0}, nil},
		{"valid 10", Response{Respondent: "c1", Score: 10, Time: surveyT0}, nil},
		{"score 7.5", Response{Respondent: "c1", Score: 7.5, Time: surveyT0}, []string{"score"}},
		{"score 11", Response{Respondent: "c1", Score: 11, Time: surveyT0}, []string{"score"}},
		{"score -1", Response{Respondent: "c1", Score: -1, Time: surveyT0}, []string{"score"}},
		{"score NaN", Response{Respondent: "c1", Score: math.NaN(), Time: surveyT0}, []string{"score"}},
		{"score +Inf", Response{Respondent: "c1", Score: math.Inf(1), Time: surveyT0}, []string{"score"}},
		{"no respondent", Response{Score: 9, Time: surveyT0}, []string{"respondent"}},
		{"no time", Response{Respondent: "c1", Score: 9}, []string{"time"}},
		{"year 2300", Response{Respondent: "c1", Score: 9, Time: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}, []string{"time"}},
		{"everything", Response{Score: 10.5}, []string{"respondent", "score", "time"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.r.Validate()
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidResponse) {
				t.Fatalf("Validate() = %v, want ErrInvalidResponse", err)
			}
			var fields []string
			for _, e := range surveyUnjoin(err) {
				var re *activity.RecordError
				if !errors.As(e, &re) {
					t.Fatalf("%v is not a *activity.RecordError", e)
				}
				if re.Record != "response" || re.Index != -1 || re.ID != tc.r.Respondent || !errors.Is(re, ErrInvalidResponse) {
					t.Errorf("record error %+v", re)
				}
				fields = append(fields, re.Field)
			}
			if !slices.Equal(fields, tc.fields) {
				t.Errorf("fields = %q, want %q", fields, tc.fields)
			}
		})
	}
}

// surveyUnjoin returns the errors joined in err.
func surveyUnjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

type surveyProblem struct {
	Index int
	Field string
}

func surveyProblems(t *testing.T, errs []error) []surveyProblem {
	t.Helper()
	var out []surveyProblem
	for _, e := range errs {
		var re *activity.RecordError
		if !errors.As(e, &re) || !errors.Is(e, ErrInvalidResponse) {
			t.Fatalf("%v: want a *activity.RecordError wrapping ErrInvalidResponse", e)
		}
		out = append(out, surveyProblem{re.Index, re.Field})
	}
	return out
}

func TestNewSurveyProblems(t *testing.T) {
	t.Parallel()
	rs := []Response{
		{Respondent: "a", Score: 9, Time: surveyT0},                                         // 0 ok
		{Respondent: "b", Score: 7.5, Time: surveyT0},                                       // 1 score
		{Respondent: "a", Score: 3, Time: surveyT0.In(time.FixedZone("X", 3600))},           // 2 duplicate of 0: same instant
		{Respondent: "", Score: 11},                                                         // 3 respondent, score, time
		{Respondent: "c", Score: 10, Time: surveyT0.Add(time.Hour), Segment: "smb"},         // 4 ok
		{Respondent: "a", Score: 5, Time: surveyT0},                                         // 5 duplicate of 0
		{Respondent: "b", Score: 8, Time: surveyT0},                                         // 6 ok (1 was invalid)
		{Respondent: "a", Score: math.NaN(), Time: surveyT0},                                // 7 score only
		{Respondent: "d", Score: -1, Time: surveyT0.Add(-time.Hour), Segment: "enterprise"}, // 8 score
	}
	orig := slices.Clone(rs)
	want := []surveyProblem{{1, "score"}, {2, "time"}, {3, "respondent"}, {3, "score"}, {3, "time"}, {5, "time"}, {7, "score"}, {8, "score"}}

	_, err := NewSurvey(rs, SurveyOptions{})
	if !errors.Is(err, ErrInvalidResponse) {
		t.Fatalf("NewSurvey error = %v, want ErrInvalidResponse", err)
	}
	if diff := cmp.Diff(want, surveyProblems(t, surveyUnjoin(err))); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}

	s, err := NewSurvey(rs, SurveyOptions{SkipInvalid: true})
	if err != nil {
		t.Fatalf("NewSurvey(SkipInvalid): %v", err)
	}
	if diff := cmp.Diff(want, surveyProblems(t, s.Skipped())); diff != "" {
		t.Errorf("Skipped (-want +got):\n%s", diff)
	}
	// Kept: 0 (a 9), 4 (c 10, smb), 6 (b 8).
	if s.Len() != 3 || s.Respondents() != 3 {
		t.Errorf("Len, Respondents = %d, %d, want 3, 3", s.Len(), s.Respondents())
	}
	if got, want := s.Segments(), []string{"", "smb"}; !slices.Equal(got, want) {
		t.Errorf("Segments() = %q, want %q", got, want)
	}
	got, err := NetPromoterScore(s, npsYear, NPSOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Promoters != 2 || got.Passives != 1 || got.Detractors != 0 {
		t.Errorf("kept P/Pa/D = %d/%d/%d, want 2/1/0 (the first of the duplicates kept)", got.Promoters, got.Passives, got.Detractors)
	}
	if diff := cmp.Diff(orig, rs, cmp.Comparer(func(a, b float64) bool { return a == b || (a != a && b != b) })); diff != "" {
		t.Errorf("NewSurvey modified its input (-before +after):\n%s", diff)
	}
}

// TestNewSurveyOrder: the same responses in any order give the same
// results, and a respondent answering at two different times is no
// duplicate.
func TestNewSurveyOrder(t *testing.T) {
	t.Parallel()
	rs := []Response{
		{Respondent: "a", Score: 10, Time: surveyT0},
		{Respondent: "a", Score: 2, Time: surveyT0.Add(time.Second)},
		{Respondent: "b", Score: 8, Time: surveyT0, Segment: "x"},
		{Respondent: "c", Score: 6, Time: surveyT0.Add(-time.Hour), Segment: "y"},
	}
	var first []activity.Group[NPS]
	for i := range 4 {
		perm := append(slices.Clone(rs[i:]), rs[:i]...)
		slices.Reverse(perm[:2])
		s := npsSurvey(t, perm)
		g, err := NPSBy(s, npsYear, activity.BySegment(), NPSOptions{Latest: true})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = g
			continue
		}
		if diff := cmp.Diff(first, g); diff != "" {
			t.Errorf("order %d changed the result (-first +got):\n%s", i, diff)
		}
	}
	// Latest: a's 2, b's 8 in x, c's 6 in y.
	if len(first) != 3 || first[0].Result.Detractors != 1 || first[1].Result.Passives != 1 || first[2].Result.Detractors != 1 {
		t.Errorf("groups %+v", first)
	}
}

func TestNewSurveyEmpty(t *testing.T) {
	t.Parallel()
	s, err := NewSurvey(nil, SurveyOptions{})
	if err != nil || s.Len() != 0 || s.Skipped() != nil || s.Segments() != nil && len(s.Segments()) != 0 {
		t.Fatalf("NewSurvey(nil) = %v, %v", s, err)
	}
	var nilSurvey *Survey
	if nilSurvey.Len() != 0 || nilSurvey.Respondents() != 0 || nilSurvey.Segments() != nil || nilSurvey.Skipped() != nil {
		t.Errorf("nil Survey is not empty")
	}
	g, err := NPSBy(nilSurvey, npsYear, activity.BySegment(), NPSOptions{})
	if err != nil || len(g) != 0 {
		t.Errorf("NPSBy(nil) = %v, %v, want no groups", g, err)
	}
}

func TestResponseJSON(t *testing.T) {
	t.Parallel()
	want := Response{Respondent: "c-1", Score: 9, Time: time.Date(2024, 1, 5, 10, 0, 0, 0, time.UTC), Segment: "smb"}
	inputs := []string{
		`{"respondent":"c-1","score":9,"time":"2024-01-05T10:00:00Z","segment":"smb"}`,
		`{"respondent":"c-1","score":9,"time":"2024-01-05T11:00:00+01:00","segment":"smb"}`,
		`{"respondent":"c-1","score":9,"time":"2024-01-05T10:00:00.000+0000","segment":"smb"}`,
		`{"respondent":"c-1","score":9,"time":1704448800000,"segment":"smb"}`,
		`{"respondent":"c-1","score":9,"time":"1704448800000","segment":"smb"}`,
	}
	eq := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
	for _, in := range inputs {
		var got Response
		if err := json.Unmarshal([]byte(in), &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		if diff := cmp.Diff(want, got, eq); diff != "" {
			t.Errorf("Unmarshal(%s) (-want +got):\n%s", in, diff)
		}
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		var back Response
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(got, back, eq); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
		}
	}
	// A date alone is midnight UTC; null and absent are the zero time,
	// which Validate reports.
	var d Response
	if err := json.Unmarshal([]byte(`{"respondent":"x","score":0,"time":"2024-01-05"}`), &d); err != nil || !d.Time.Equal(time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date alone: %v, %v", d.Time, err)
	}
	for _, in := range []string{`{"respondent":"x","score":0,"time":null}`, `{"respondent":"x","score":0}`} {
		var r Response
		if err := json.Unmarshal([]byte(in), &r); err != nil {
			t.Fatal(err)
		}
		if err := r.Validate(); !errors.Is(err, ErrInvalidResponse) {
			t.Errorf("%s: Validate() = %v, want ErrInvalidResponse", in, err)
		}
	}
	// A fractional score decodes, to be reported; a bad time fails to decode.
	var f Response
	if err := json.Unmarshal([]byte(`{"respondent":"x","score":7.5,"time":"2024-01-05"}`), &f); err != nil || f.Validate() == nil {
		t.Errorf("score 7.5: decode %v, Validate %v", err, f.Validate())
	}
	if err := json.Unmarshal([]byte(`{"respondent":"x","score":7,"time":"5 Jan 2024"}`), &f); !errors.Is(err, activity.ErrInvalidTime) {
		t.Errorf("bad time: %v, want activity.ErrInvalidTime", err)
	}
}
