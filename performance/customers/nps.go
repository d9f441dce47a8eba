package customers

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// NPSClasses says which scores of the 0–10 scale are detractors, passives
// and promoters: detractors score 0..DetractorMax, promoters
// PromoterMin..10, passives the scores between.
//
// The zero value is the standard split of Reichheld's Net Promoter Score:
// detractors 0–6, passives 7–8, promoters 9–10. Otherwise the classes must
// satisfy 0 <= DetractorMax < PromoterMin <= 10; PromoterMin =
// DetractorMax + 1 leaves no passives.
type NPSClasses struct {
	DetractorMax int `json:"detractor_max"`
	PromoterMin  int `json:"promoter_min"`
}

// npsStandardClasses is the zero value's meaning.
var npsStandardClasses = NPSClasses{DetractorMax: 6, PromoterMin: 9}

// resolved returns the classes the zero value stands for.
func (c NPSClasses) resolved() NPSClasses {
	if c == (NPSClasses{}) {
		return npsStandardClasses
	}
	return c
}

// Validate reports classes out of range (ErrInvalidOptions).
func (c NPSClasses) Validate() error {
	c = c.resolved()
	if c.DetractorMax < 0 || c.DetractorMax >= c.PromoterMin || c.PromoterMin > 10 {
		return fmt.Errorf("%w: NPS classes detractors 0..%d, promoters %d..10: need 0 <= detractor max < promoter min <= 10",
			ErrInvalidOptions, c.DetractorMax, c.PromoterMin)
	}
	return nil
}

// IntervalMethod is how an NPS confidence interval is computed.
type IntervalMethod uint8

// Interval methods. Both are normal (z) intervals around an estimate; they
// differ in the estimate and its variance (see NPS).
const (
	// Wald (the default) centres the interval on the sample NPS with the
	// variance of the difference of two proportions of one sample.
	Wald IntervalMethod = iota
	// AdjustedWald first adds three pseudo-responses (¾ promoter, 1½
	// passives, ¾ detractor), the method Rocks (2016) found to keep its
	// nominal coverage best, even in small samples and near ±100.
	AdjustedWald
)

var npsMethodNames = [...]string{"wald", "adjusted_wald"}

// String returns "wald" or "adjusted_wald".
func (m IntervalMethod) String() string {
	if int(m) < len(npsMethodNames) {
		return npsMethodNames[m]
	}
	return fmt.Sprintf("IntervalMethod(%d)", uint8(m))
}

// MarshalText writes String.
func (m IntervalMethod) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads "wald" or "adjusted_wald".
func (m *IntervalMethod) UnmarshalText(b []byte) error {
	for i, name := range npsMethodNames {
		if string(b) == name {
			*m = IntervalMethod(i)
			return nil
		}
	}
	return fmt.Errorf("%w: interval method %q", ErrInvalidOptions, b)
}

// NPSOptions says how an NPS is counted and its interval computed. The
// zero value classes scores 0–6 / 7–8 / 9–10, counts every response in the
// period, and gives a 95% Wald interval.
type NPSOptions struct {
	// Classes splits the scale; zero: detractors 0–6, passives 7–8,
	// promoters 9–10.
	Classes NPSClasses
	// Interval is the interval method; zero: Wald.
	Interval IntervalMethod
	// Confidence is the interval's confidence level, in (0, 1); zero:
	// 0.95.
	Confidence float64
	// Z, when set, is the interval's normal multiplier in place of
	// Confidence (1.96 for the textbook 95%, 2.576 for 99%): the
	// confidence is then 2Φ(Z) − 1. Give at most one of Z and Confidence.
	Z float64
	// Latest counts only each respondent's latest response in the period
	// (in a period breakdown, in each period), so that a customer who
	// answered three times counts once. Zero: every response counts.
	Latest bool
}

func (o NPSOptions) confidence() float64 {
	if o.Z != 0 && o.Confidence == 0 {
		return 2*distuv.UnitNormal.CDF(o.Z) - 1
	}
	if o.Confidence == 0 {
		return 0.95
	}
	return o.Confidence
}

// Validate reports invalid classes, an unknown interval method and a
// confidence outside (0, 1), each wrapping ErrInvalidOptions.
func (o NPSOptions) Validate() error {
	if err := o.Classes.Validate(); err != nil {
		return err
	}
	if int(o.Interval) >= len(npsMethodNames) {
		return fmt.Errorf("%w: interval method %v", ErrInvalidOptions, o.Interval)
	}
	if o.Z != 0 && (o.Confidence != 0 || !(o.Z > 0 && o.Z < 10)) {
		return fmt.Errorf("%w: z %v (above 0, below 10, and not with a confidence)", ErrInvalidOptions, o.Z)
	}
	if c := o.confidence(); !(c > 0 && c < 1) {
		return fmt.Errorf("%w: confidence %v outside (0, 1)", ErrInvalidOptions, o.Confidence)
	}
	return nil
}

// NPS is a Net Promoter Score with its confidence interval and what it was
// computed from. With n responses, P promoters and D detractors,
//
//	Score = 100 × (P − D) / n                          on −100..100
//
// Under Wald (the default) the interval is centred on the Score:
//
//	p = P / n,  d = D / n
//	Estimate = 100 × (p − d)
//	Variance = 100² × (p + d − (p − d)²)
//	StdErr   = √(Variance / n)
//
// (Variance is that of one response scored +100, 0, −100: points²; StdErr
// that of the mean of n). Under
// AdjustedWald, three pseudo-responses are added first, ¾ promoter, ¾
// detractor and 1½ passives (Rocks, B. 2016, "Interval estimation for the
// Net Promoter Score", The American Statistician 70(4), 365–372; the
// default pseudo_observations c(0.75, 1.5, 0.75) of his R package NPS,
// and the method MeasuringU recommends, measuringu.com/nps-confidence-intervals):
//
//	ñ = n + 3,  p̃ = (P + ¾) / ñ,  d̃ = (D + ¾) / ñ
//	Estimate = 100 × (p̃ − d̃)
//	Variance = 100² × (p̃ + d̃ − (p̃ − d̃)²)
//	StdErr   = √(Variance / ñ)
//
// Either way, with z = √2 · erf⁻¹(Confidence) (1.959964 at 95%),
//
//	MarginOfError = z × StdErr
//	Low, High     = Estimate ∓ MarginOfError, clipped to [−100, 100]
//
// so Low <= Estimate <= High always holds. A Wald interval of a sample that
// is all promoters (or all detractors, or has none of either) has zero
// width: one reason to prefer AdjustedWald for small samples. Classes,
// Interval and Confidence are the options used, resolved (never zero).
type NPS struct {
	Scope         string          `json:"scope"`
	Period        activity.Period `json:"period"`
	Responses     int64           `json:"responses"`
	Promoters     int64           `json:"promoters"`
	Passives      int64           `json:"passives"`
	Detractors    int64           `json:"detractors"`
	Score         float64         `json:"score"`
	Estimate      float64         `json:"estimate"`
	Variance      float64         `json:"variance"`
	StdErr        float64         `json:"std_err"`
	MarginOfError float64         `json:"margin_of_error"`
	Low           float64         `json:"low"`
	High          float64         `json:"high"`
	Confidence    float64         `json:"confidence"`
	Interval      IntervalMethod  `json:"interval"`
	Classes       NPSClasses      `json:"classes"`
}

// String reads as "all: NPS +30.0 (95% CI +14.7 to +45.3, n=100: 50
// promoters, 30 passives, 20 detractors)"; an adjusted-Wald interval says
// "95% adjusted Wald CI". With no responses it reads "all: NPS undefined
// (no responses)".
func (n NPS) String() string {
	if n.Responses == 0 {
		return n.Scope + ": NPS undefined (no responses)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: NPS %+.1f (%s%% ", n.Scope, n.Score, npsPercent(n.Confidence))
	if n.Interval == AdjustedWald {
		b.WriteString("adjusted Wald ")
	}
	fmt.Fprintf(&b, "CI %+.1f to %+.1f, n=%d: %d promoters, %d passives, %d detractors)",
		n.Low, n.High, n.Responses, n.Promoters, n.Passives, n.Detractors)
	return b.String()
}

// npsPercent writes a confidence level as a percentage: "95", "99.9".
func npsPercent(c float64) string { return strconv.FormatFloat(100*c, 'g', 6, 64) }

// NPSTally is the fold behind NetPromoterScore and NPSBy: add each score,
// merge tallies of parts of the data in any order, and take the Result. Its
// state is eleven counts, one per score 0–10; scores are classed only in
// Result, so one tally serves any NPSClasses and merging never depends on
// order. The zero value is an empty tally.
type NPSTally struct {
	counts [11]int64
}

// Add counts one response with score 0..10. Any other score is an error
// wrapping ErrInvalidResponse and is not counted.
func (t *NPSTally) Add(score int) error {
	if score < 0 || score > 10 {
		return fmt.Errorf("%w: score %d outside 0..10", ErrInvalidResponse, score)
	}
	t.counts[score]++
	return nil
}

// Merge adds o's counts to t.
func (t *NPSTally) Merge(o *NPSTally) {
	for i, c := range o.counts {
		t.counts[i] += c
	}
}

// Counts returns how many responses scored 0, 1, …, 10.
func (t *NPSTally) Counts() [11]int64 { return t.counts }

// Len returns the number of responses counted.
func (t *NPSTally) Len() int64 {
	var n int64
	for _, c := range t.counts {
		n += c
	}
	return n
}

// Result returns the NPS of the tally (see NPS), labelled with scope and p.
// Invalid options are an error wrapping ErrInvalidOptions. With no response
// it returns what was counted (zeros, with the options resolved) and an
// error wrapping ErrNoResponses.
func (t *NPSTally) Result(scope string, p activity.Period, opts NPSOptions) (NPS, error) {
	if err := opts.Validate(); err != nil {
		return NPS{}, err
	}
	cl := opts.Classes.resolved()
	r := NPS{Scope: scope, Period: p, Confidence: opts.confidence(), Interval: opts.Interval, Classes: cl}
	for s, c := range t.counts {
		switch {
		case s <= cl.DetractorMax:
			r.Detractors += c
		case s >= cl.PromoterMin:
			r.Promoters += c
		default:
			r.Passives += c
		}
	}
	return npsOf(r, opts)
}

// npsOf completes r, whose counts are set, by opts (validated).
func npsOf(r NPS, opts NPSOptions) (NPS, error) {
	r.Responses = r.Promoters + r.Passives + r.Detractors
	if r.Responses == 0 {
		return r, fmt.Errorf("%w: %s in %s", ErrNoResponses, r.Scope, periodName(r.Period))
	}
	n := float64(r.Responses)
	r.Score = 100 * float64(r.Promoters-r.Detractors) / n
	pro, det := float64(r.Promoters), float64(r.Detractors)
	if opts.Interval == AdjustedWald {
		n += 3
		pro += 0.75
		det += 0.75
	}
	pp, pd := pro/n, det/n
	if opts.Interval == Wald {
		r.Estimate = r.Score // from the counts, exactly as Score
	} else {
		r.Estimate = 100 * (pro - det) / n
	}
	// p + d − (p − d)² written as a sum of terms that are never negative,
	// so rounding cannot take it below zero.
	v := pp*(1-pp) + pd*(1-pd) + 2*pp*pd
	r.Variance = 10_000 * v
	r.StdErr = 100 * math.Sqrt(v/n)
	r.MarginOfError = npsZ(r.Confidence) * r.StdErr
	r.Low = max(-100, r.Estimate-r.MarginOfError)
	r.High = min(100, r.Estimate+r.MarginOfError)
	return r, nil
}

// NPSFromCounts returns the NPS of a survey given as counts of promoters,
// passives and detractors (a survey tool's summary), as NetPromoterScore
// computes it from the responses (see NPS), labelled with scope and p.
// opts.Classes is recorded but not applied (the counts are already
// classed) and opts.Latest is unused. Errors: a negative count (wrapping
// ErrInvalidResponse), invalid options (ErrInvalidOptions), and no
// response (ErrNoResponses).
func NPSFromCounts(scope string, p activity.Period, promoters, passives, detractors int64, opts NPSOptions) (NPS, error) {
	if err := opts.Validate(); err != nil {
		return NPS{}, err
	}
	if promoters < 0 || passives < 0 || detractors < 0 || promoters > math.MaxInt64/3 || passives > math.MaxInt64/3 || detractors > math.MaxInt64/3 {
		return NPS{}, fmt.Errorf("%w: counts %d, %d, %d (each from 0 to %d)", ErrInvalidResponse, promoters, passives, detractors, int64(math.MaxInt64/3))
	}
	r := NPS{Scope: scope, Period: p, Confidence: opts.confidence(), Interval: opts.Interval, Classes: opts.Classes.resolved(),
		Promoters: promoters, Passives: passives, Detractors: detractors}
	return npsOf(r, opts)
}

// NPSFromShares returns the NPS of a survey given as the shares of
// promoters and detractors (fractions: 0.45 for 45%) among n responses, as
// a report states it. The shares are made counts, each the nearest whole
// number of responses (passives the rest), and the NPS is that of the
// counts (NPSFromCounts): Score is then 100 × (P − D) / n, which differs
// from 100 × (promoter − detractor) only by the shares' own rounding.
// Errors: a share outside [0, 1], shares whose counts exceed n, n below 1
// (each wrapping ErrInvalidResponse), and invalid options
// (ErrInvalidOptions).
func NPSFromShares(scope string, p activity.Period, promoter, detractor float64, n int64, opts NPSOptions) (NPS, error) {
	if !(promoter >= 0 && promoter <= 1) || !(detractor >= 0 && detractor <= 1) {
		return NPS{}, fmt.Errorf("%w: shares %v and %v (each from 0 to 1)", ErrInvalidResponse, promoter, detractor)
	}
	if n < 1 || n > math.MaxInt64/3 {
		return NPS{}, fmt.Errorf("%w: %d responses (at least 1)", ErrInvalidResponse, n)
	}
	pro, det := int64(math.Round(promoter*float64(n))), int64(math.Round(detractor*float64(n)))
	if pro+det > n {
		return NPS{}, fmt.Errorf("%w: shares %v and %v of %d responses make %d promoters and %d detractors", ErrInvalidResponse, promoter, detractor, n, pro, det)
	}
	return NPSFromCounts(scope, p, pro, n-pro-det, det, opts)
}

// npsZ returns the two-sided normal quantile of confidence c: the z with
// P(|Z| <= z) = c.
func npsZ(c float64) float64 { return math.Sqrt2 * math.Erfinv(c) }

// NetPromoterScore returns the NPS of the survey's responses in p, the
// period [Start, End) (see NPS and NPSOptions). For an employee NPS (eNPS)
// give it the answers to "how likely are you to recommend working here":
// the arithmetic is the same. Scope is "all". Errors: an invalid period
// (wrapping activity.ErrInvalidPeriod), invalid options (ErrInvalidOptions),
// and no response in the period (ErrNoResponses, with the zero counts).
//
// It reads the period's responses once, found by binary search, and does
// not allocate.
func NetPromoterScore(s *Survey, p activity.Period, opts NPSOptions) (NPS, error) {
	if err := checkPeriod(p); err != nil {
		return NPS{}, err
	}
	if err := opts.Validate(); err != nil {
		return NPS{}, err
	}
	lo, hi := s.surveyRange(ixcols.Nanos(p.Start), ixcols.Nanos(p.End))
	var t NPSTally
	s.npsCount(&t, lo, hi, opts.Latest)
	return t.Result("all", p, opts)
}

// npsCount adds the scores of rows [lo, hi) to t; with latest, only those
// whose respondent answers no more before hi.
func (s *Survey) npsCount(t *NPSTally, lo, hi int, latest bool) {
	if lo >= hi {
		return
	}
	if !latest {
		for _, sc := range s.scores[lo:hi] {
			t.counts[sc]++
		}
		return
	}
	next := s.next[lo:hi]
	for j, sc := range s.scores[lo:hi] {
		if int(next[j]) >= hi {
			t.counts[sc]++
		}
	}
}

// NPSBy returns the NPS of every group of the survey's responses in p, in
// one pass, in key order. by.Dimension is Segment (the key is the
// response's Segment, "" for none; only segments with responses counted in
// p appear) or Period (the periods of by.Calendar at by.Granularity, zero
// meaning months, clipped to p, in time order, every one listed). A group
// with no response is marked Undefined with the reason (wrapping
// ErrNoResponses) and its zero counts; the others still come back. Scopes
// read "all / segment=enterprise", "all / month=2025-03".
//
// With opts.Latest, a respondent counts once per period: by segment, in the
// segment of their latest response in p (so the groups add up to
// NetPromoterScore's counts); by period, with their latest response in
// each period.
//
// Errors: an invalid period or options, an invalid By, and any dimension
// other than Segment or Period (ErrInvalidOptions).
func NPSBy(s *Survey, p activity.Period, by activity.By, opts NPSOptions) ([]activity.Group[NPS], error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	var out []activity.Group[NPS]
	add := func(t *NPSTally, key, scope string, q activity.Period) error {
		r, err := t.Result(scope, q, opts)
		g := activity.Group[NPS]{Key: key, Result: r}
		if err != nil {
			if !errors.Is(err, ErrNoResponses) {
				return err
			}
			g.Undefined = err.Error()
		}
		out = append(out, g)
		return nil
	}
	switch by.Dimension {
	case activity.DimensionSegment:
		lo, hi := s.surveyRange(ixcols.Nanos(p.Start), ixcols.Nanos(p.End))
		if s == nil || lo >= hi {
			break
		}
		ts := make([]NPSTally, len(s.segNames))
		segs, next := s.segments[lo:hi], s.next[lo:hi]
		for j, sc := range s.scores[lo:hi] {
			if !opts.Latest || int(next[j]) >= hi {
				ts[segs[j]].counts[sc]++
			}
		}
		for k := range ts {
			if ts[k].Len() == 0 {
				continue
			}
			name := s.segNames[k]
			if err := add(&ts[k], name, "all / segment="+name, p); err != nil {
				return nil, err
			}
		}
	case activity.DimensionPeriod:
		g := by.Granularity
		if g == 0 {
			g = activity.Monthly
		}
		periods, err := by.Calendar.PeriodsWithin(g, p)
		if err != nil {
			return nil, err
		}
		for _, q := range periods {
			var t NPSTally
			lo, hi := s.surveyRange(ixcols.Nanos(q.Start), ixcols.Nanos(q.End))
			s.npsCount(&t, lo, hi, opts.Latest)
			if err := add(&t, q.Name, "all / "+g.String()+"="+q.Name, q); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("%w: NPS groups by segment or period, not %v", ErrInvalidOptions, by)
	}
	if by.Total {
		// With Latest by period, a respondent counts in each period but
		// once in the total: the total takes a pass of its own.
		r, err := NetPromoterScore(s, p, opts)
		total := activity.Group[NPS]{Result: r, Total: true}
		if err != nil {
			if !errors.Is(err, ErrNoResponses) {
				return nil, err
			}
			total.Undefined = err.Error()
		}
		out = append(out, total)
	}
	if out == nil {
		out = []activity.Group[NPS]{}
	}
	return out, nil
}

// NPSChange compares two NPS results, typically of two periods or two
// groups (before and after a change, this quarter and last). With the
// estimates and standard errors of each (so the test follows their interval
// method),
//
//	EstimateDifference = After.Estimate − Before.Estimate
//	StdErr             = √(Before.StdErr² + After.StdErr²)
//	Z                  = EstimateDifference / StdErr
//	PValue             = P(|N(0,1)| >= |Z|) = erfc(|Z| / √2)     two-sided
//	Low, High          = EstimateDifference ∓ z × StdErr, clipped to [−200, 200]
//
// a two-sample z test that treats the samples as independent (different
// respondents, or the same ones far enough apart). Difference is the change
// in the plain scores, After.Score − Before.Score; under Wald it equals
// EstimateDifference. Low and High are at the results' common Confidence.
type NPSChange struct {
	Before             NPS            `json:"before"`
	After              NPS            `json:"after"`
	Difference         float64        `json:"difference"`
	EstimateDifference float64        `json:"estimate_difference"`
	StdErr             float64        `json:"std_err"`
	Z                  float64        `json:"z"`
	PValue             float64        `json:"p_value"`
	Low                float64        `json:"low"`
	High               float64        `json:"high"`
	Confidence         float64        `json:"confidence"`
	Interval           IntervalMethod `json:"interval"`
}

// String reads as "NPS +30.0 → +45.0: +15.0 points (95% CI -3.4 to
// +33.4, z=1.60, p=0.111)".
func (c NPSChange) String() string {
	p := fmt.Sprintf("p=%.3f", c.PValue)
	if c.PValue < 0.001 {
		p = "p<0.001"
	}
	return fmt.Sprintf("NPS %+.1f → %+.1f: %+.1f points (%s%% CI %+.1f to %+.1f, z=%.2f, %s)",
		c.Before.Score, c.After.Score, c.Difference, npsPercent(c.Confidence), c.Low, c.High, c.Z, p)
}

// CompareNPS tests whether the NPS changed from before to after (see
// NPSChange). Errors: a result with no responses (ErrNoResponses); results
// with different interval methods, confidence levels or classes, or an
// invalid confidence, or numbers no NPS can have (NaN, a score outside
// −100..100, a negative standard error) (ErrInvalidOptions); both standard
// errors zero, where no test is possible (ErrZeroDenominator: under Wald,
// both samples each entirely in one class).
func CompareNPS(before, after NPS) (NPSChange, error) {
	c := NPSChange{Before: before, After: after, Confidence: after.Confidence, Interval: after.Interval}
	switch {
	case before.Responses <= 0 || after.Responses <= 0:
		return c, fmt.Errorf("%w: comparing an NPS with no responses", ErrNoResponses)
	case before.Interval != after.Interval:
		return c, fmt.Errorf("%w: comparing a %v interval with a %v one", ErrInvalidOptions, before.Interval, after.Interval)
	case before.Confidence != after.Confidence:
		return c, fmt.Errorf("%w: comparing confidence %v with %v", ErrInvalidOptions, before.Confidence, after.Confidence)
	case !(after.Confidence > 0 && after.Confidence < 1):
		return c, fmt.Errorf("%w: confidence %v outside (0, 1)", ErrInvalidOptions, after.Confidence)
	case before.Classes != after.Classes:
		return c, fmt.Errorf("%w: comparing NPS classes %+v with %+v", ErrInvalidOptions, before.Classes, after.Classes)
	case !npsComputed(before) || !npsComputed(after):
		return c, fmt.Errorf("%w: an NPS with a score, estimate or standard error out of range", ErrInvalidOptions)
	}
	c.Difference = after.Score - before.Score
	c.EstimateDifference = after.Estimate - before.Estimate
	c.StdErr = math.Hypot(before.StdErr, after.StdErr)
	if c.StdErr == 0 {
		return c, fmt.Errorf("%w: both NPS have a standard error of zero", ErrZeroDenominator)
	}
	c.Z = c.EstimateDifference / c.StdErr
	c.PValue = math.Erfc(math.Abs(c.Z) / math.Sqrt2)
	m := npsZ(c.Confidence) * c.StdErr
	c.Low = max(-200, c.EstimateDifference-m)
	c.High = min(200, c.EstimateDifference+m)
	return c, nil
}

// npsComputed reports whether n's numbers could have come from Result:
// finite, on −100..100, a standard error not negative.
func npsComputed(n NPS) bool {
	in := func(v float64) bool { return v >= -100 && v <= 100 }
	return in(n.Score) && in(n.Estimate) && n.StdErr >= 0 && n.StdErr <= 100
}
