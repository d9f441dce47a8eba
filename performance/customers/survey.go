package customers

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Response is one answer to a likelihood-to-recommend question ("How
// likely is it that you would recommend us to a friend or colleague?", or
// for an eNPS "… recommend working here?") on the 0–10 scale.
//
// Respondent identifies who answered (a customer, an account contact or an
// employee) and is required. Score is a whole number from 0 to 10; it is a
// float64 only so that a fractional or out-of-range score decodes and is
// reported rather than silently truncated. Time is when the answer was
// given and is required; it decodes from RFC 3339, a date alone or epoch
// milliseconds (see activity.ParseTime). Segment is an optional host label
// (a customer segment, a product, a department) that NPSBy can group by.
type Response struct {
	Respondent string    `json:"respondent"`
	Score      float64   `json:"score"`
	Time       time.Time `json:"time"`
	Segment    string    `json:"segment,omitempty"`
}

// UnmarshalJSON reads a response, with its time in any form
// activity.ParseTime reads.
func (r *Response) UnmarshalJSON(b []byte) error {
	type plain Response
	aux := struct {
		*plain
		Time jsonTime `json:"time"`
	}{(*plain)(r), jsonTime{&r.Time}}
	return json.Unmarshal(b, &aux)
}

// Validate reports every problem with r on its own, as
// *activity.RecordError values (Record "response", Index −1, ID the
// respondent, Field the JSON name) joined with errors.Join, each wrapping
// ErrInvalidResponse: an empty respondent, a zero time or one outside the
// years 1900 to 2199, and a score that is not a whole number from 0 to 10
// (7.5, −1, 11, NaN and ±Inf are all refused). Duplicates need the other
// records and are found by NewSurvey.
func (r Response) Validate() error {
	return errors.Join(surveyRecordErrors(r.surveyCheck(-1))...)
}

// surveyCheck returns r's own problems, labelled with its input position.
func (r *Response) surveyCheck(index int) []*activity.RecordError {
	var errs []*activity.RecordError
	bad := func(field, format string, args ...any) {
		errs = append(errs, &activity.RecordError{
			Record: "response", Index: index, ID: r.Respondent, Field: field,
			Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidResponse}, args...)...),
		})
	}
	if r.Respondent == "" {
		bad("respondent", "no respondent")
	}
	if !surveyScoreOK(r.Score) {
		bad("score", "score %s is not a whole number from 0 to 10", strconv.FormatFloat(r.Score, 'g', -1, 64))
	}
	switch {
	case r.Time.IsZero():
		bad("time", "no time")
	case r.Time.Year() < 1900 || r.Time.Year() >= 2200:
		bad("time", "year %d outside 1900..2199", r.Time.Year())
	}
	return errs
}

// surveyScoreOK reports whether s is one of 0, 1, …, 10 (NaN fails every
// comparison).
func surveyScoreOK(s float64) bool {
	return s >= 0 && s <= 10 && s == math.Trunc(s)
}

func surveyRecordErrors(errs []*activity.RecordError) []error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return out
}

// SurveyOptions says how NewSurvey treats its input. The zero value fails
// on any invalid record.
type SurveyOptions struct {
	// SkipInvalid builds the survey from the valid responses and reports
	// the others through Survey.Skipped instead of failing.
	SkipInvalid bool
}

// Survey is a validated set of survey responses, the input of
// NetPromoterScore, NPSBy and everything else over responses. Build it with
// NewSurvey; it is immutable and safe for concurrent use. A nil *Survey is
// empty.
//
// Internally it holds columns in time order (each score as one byte, each
// time as Unix nanoseconds, each segment as a small integer, and for each
// response the position of the same respondent's next response), so that a
// period is a range found by binary search and a KPI over it reads the
// range once without allocating.
type Survey struct {
	times    []int64  // Unix nanoseconds, ascending
	scores   []uint8  // 0..10
	segments []int32  // key into segNames
	next     []int32  // row of the respondent's next response, or surveyNoNext
	segNames []string // distinct segments in ascending order ("" first when present)
	people   int      // distinct respondents
	skipped  []error
}

// surveyNoNext marks a respondent's last response.
const surveyNoNext = math.MaxInt32

// NewSurvey validates rs and builds a Survey from them. It reports every
// problem, as *activity.RecordError values with their Index in rs, in
// input order, joined with errors.Join, each wrapping ErrInvalidResponse:
// each record's own problems (see Response.Validate) and a duplicate (a
// second response from the same respondent at the same instant, reported
// on the later one in input order and naming the first). With
// opts.SkipInvalid it builds from the valid records instead (of duplicates,
// the first in input order is kept) and Skipped returns the problems. rs is
// not modified. An empty set is valid. More than 2³¹ − 1 responses are an
// error wrapping ErrInvalidOptions.
//
// Responses are held in time order, ties broken by respondent, so the
// Survey, and every result computed from it, does not depend on the order
// of rs.
func NewSurvey(rs []Response, opts SurveyOptions) (*Survey, error) {
	if len(rs) >= surveyNoNext {
		return nil, fmt.Errorf("%w: %d responses, at most %d", ErrInvalidOptions, len(rs), surveyNoNext-1)
	}
	var errs []*activity.RecordError
	rows := make([]int32, 0, len(rs))
	at := make([]int64, len(rs))
	for i := range rs {
		r := &rs[i]
		if p := r.surveyCheck(i); len(p) > 0 {
			errs = append(errs, p...)
			continue
		}
		at[i] = ixcols.Nanos(r.Time)
		rows = append(rows, int32(i))
	}
	slices.SortFunc(rows, func(a, b int32) int {
		return cmp.Or(cmp.Compare(at[a], at[b]), cmp.Compare(rs[a].Respondent, rs[b].Respondent), cmp.Compare(a, b))
	})
	// Duplicates sit next to each other, the first in input order first.
	kept := rows[:0]
	for _, i := range rows {
		if n := len(kept); n > 0 {
			f := kept[n-1]
			if at[f] == at[i] && rs[f].Respondent == rs[i].Respondent {
				r := &rs[i]
				errs = append(errs, &activity.RecordError{
					Record: "response", Index: int(i), ID: r.Respondent, Field: "time",
					Err: fmt.Errorf("%w: duplicate of response %d (same respondent at %s)", ErrInvalidResponse, f, r.Time.Format(time.RFC3339Nano)),
				})
				continue
			}
		}
		kept = append(kept, i)
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *activity.RecordError) int { return cmp.Compare(a.Index, b.Index) })
		if !opts.SkipInvalid {
			return nil, errors.Join(surveyRecordErrors(errs)...)
		}
	}
	s := &Survey{
		times:    make([]int64, len(kept)),
		scores:   make([]uint8, len(kept)),
		segments: make([]int32, len(kept)),
		next:     make([]int32, len(kept)),
	}
	segKey := make(map[string]int32)
	who := make(map[string]int32)
	person := make([]int32, len(kept))
	for j, i := range kept {
		r := &rs[i]
		s.times[j] = at[i]
		s.scores[j] = uint8(r.Score)
		k, ok := segKey[r.Segment]
		if !ok {
			k = int32(len(s.segNames))
			segKey[r.Segment] = k
			s.segNames = append(s.segNames, r.Segment)
		}
		s.segments[j] = k
		p, ok := who[r.Respondent]
		if !ok {
			p = int32(len(who))
			who[r.Respondent] = p
		}
		person[j] = p
	}
	s.people = len(who)
	// Segments in name order, so groups come out in key order.
	order := make([]int32, len(s.segNames))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(s.segNames[a], s.segNames[b]) })
	rank := make([]int32, len(order))
	names := make([]string, len(order))
	for r, k := range order {
		rank[k] = int32(r)
		names[r] = s.segNames[k]
	}
	s.segNames = names
	for j := range s.segments {
		s.segments[j] = rank[s.segments[j]]
	}
	last := make([]int32, s.people)
	for p := range last {
		last[p] = surveyNoNext
	}
	for j := len(kept) - 1; j >= 0; j-- {
		s.next[j] = last[person[j]]
		last[person[j]] = int32(j)
	}
	if opts.SkipInvalid {
		s.skipped = surveyRecordErrors(errs)
	}
	return s, nil
}

// Len returns the number of responses kept.
func (s *Survey) Len() int {
	if s == nil {
		return 0
	}
	return len(s.times)
}

// Respondents returns the number of distinct respondents kept.
func (s *Survey) Respondents() int {
	if s == nil {
		return 0
	}
	return s.people
}

// Segments returns the distinct segments of the responses kept, in
// ascending order ("" first when some response has none). The slice is a
// copy.
func (s *Survey) Segments() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.segNames)
}

// Skipped returns the problems of the records left out under
// SurveyOptions.SkipInvalid, as *activity.RecordError values in input
// order; nil when none was.
func (s *Survey) Skipped() []error {
	if s == nil {
		return nil
	}
	return s.skipped
}

// surveyRange returns the rows [lo, hi) of responses at or after from and
// before to (Unix nanoseconds).
func (s *Survey) surveyRange(from, to int64) (lo, hi int) {
	if s == nil {
		return 0, 0
	}
	lo, _ = slices.BinarySearch(s.times, from)
	hi, _ = slices.BinarySearch(s.times, to)
	return lo, max(lo, hi)
}
