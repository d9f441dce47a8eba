package customers

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/km"
)

// CITransform says on which scale a survival curve's pointwise confidence
// interval is symmetric. The names and formulas are those of R's survival
// package (survfit's conf.type); the zero value, LogCI, is its default.
type CITransform uint8

// Confidence interval transforms. With S the survival, z the normal quantile
// Φ⁻¹((1+c)/2) for confidence c, and se = √V the Greenwood standard error of
// log S (see Survival):
const (
	// LogCI (the default, R's "log"): symmetric in log S,
	//
	//	Low  = S·exp(−z·se)
	//	High = min(S·exp(z·se), 1)
	LogCI CITransform = iota
	// LogLogCI (R's "log-log"): symmetric in log(−log S), so both bounds
	// stay inside (0, 1),
	//
	//	Low  = exp(−exp(log(−log S) − z·se/log S))
	//	High = exp(−exp(log(−log S) + z·se/log S))
	LogLogCI
	// PlainCI (R's "plain"): symmetric in S itself, cut to [0, 1],
	//
	//	Low  = max(S − z·se·S, 0)
	//	High = min(S + z·se·S, 1)
	PlainCI
	// PlainUnclippedCI is PlainCI not cut to [0, 1], as a textbook writes
	// the interval (S ± z·se·S): a bound may fall below 0 or above 1.
	PlainUnclippedCI
)

// String returns R's name of the transform: "log", "log-log" or "plain";
// "plain-unclipped" for PlainUnclippedCI.
func (c CITransform) String() string {
	switch c {
	case LogCI:
		return "log"
	case LogLogCI:
		return "log-log"
	case PlainCI:
		return "plain"
	case PlainUnclippedCI:
		return "plain-unclipped"
	}
	return fmt.Sprintf("CITransform(%d)", uint8(c))
}

// MarshalText writes String.
func (c CITransform) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *CITransform) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, LogCI, PlainUnclippedCI, CITransform.MarshalText)
	if !ok {
		return fmt.Errorf("%w: confidence interval transform %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// MedianRule says when a survival curve has fallen to one half, for its
// median and the median's interval. The conventions differ where S is
// exactly one half over a stretch: S = 0.75, 0.5, 0.25, 0 at times 1, 2, 3,
// 4 has median 2.5 under MedianMidpoint, 3 under MedianBelowHalf, 2 under
// MedianAtMostHalf.
type MedianRule uint8

// Median rules.
const (
	// MedianMidpoint (the default) is R's survival: the first time S ≤ 0.5;
	// if S is exactly 0.5 until the next event time, the midpoint of the two.
	MedianMidpoint MedianRule = iota
	// MedianBelowHalf is the first time S < 0.5, as statsmodels'
	// SurvfuncRight.quantile(0.5) and SAS PROC LIFETEST compute it.
	MedianBelowHalf
	// MedianAtMostHalf is the first time S ≤ 0.5, as lifelines and most
	// textbooks define it.
	MedianAtMostHalf
)

var medianRuleNames = [...]string{"midpoint", "below_half", "at_most_half"}

// String returns "midpoint", "below_half" or "at_most_half".
func (r MedianRule) String() string {
	if int(r) < len(medianRuleNames) {
		return medianRuleNames[r]
	}
	return fmt.Sprintf("MedianRule(%d)", uint8(r))
}

// MarshalText writes String.
func (r MedianRule) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (r *MedianRule) UnmarshalText(b []byte) error {
	v, ok := enumtext.Parse(b, MedianMidpoint, MedianAtMostHalf, MedianRule.MarshalText)
	if !ok {
		return fmt.Errorf("%w: median rule %q", ErrInvalidOptions, b)
	}
	*r = v
	return nil
}

// SurvivalOptions sets the confidence intervals of a survival curve and
// the rule of its median. The zero value asks for 95% intervals on the log
// scale and the median by R's rule, as R's survfit does.
type SurvivalOptions struct {
	// Confidence is the two-sided confidence level of the pointwise
	// intervals and of the median's interval, in (0, 1). Zero means 0.95.
	Confidence float64
	// Z, when set, is the interval's normal multiplier in place of
	// Confidence (1.96 for the textbook 95%, 2.576 for 99%): the
	// confidence is then 2Φ(Z) − 1. Give at most one of Z and Confidence.
	Z float64
	// Transform is the scale the intervals are built on: LogCI (the
	// default), LogLogCI, PlainCI or PlainUnclippedCI.
	Transform CITransform
	// Median is the rule of the median and its interval: MedianMidpoint
	// (the default), MedianBelowHalf or MedianAtMostHalf.
	Median MedianRule
	// AllTimes lists a point at every distinct time, censorings alone
	// included (survival and interval as before them), each point's
	// Censored counting the lifetimes censored at that time, as R's survfit
	// lists them. False: points at event times only, each counting the
	// censorings up to the next event.
	AllTimes bool
	// Unit names the unit the lifetimes were added in, for the result's
	// text: a SurvivalTally takes any unit (months are common for churn),
	// though CustomerLifetimes adds days. Empty: "days".
	Unit string
}

// Validate reports a confidence outside (0, 1) (other than the zero value,
// which means 0.95) and an unknown transform, wrapping ErrInvalidOptions.
func (o SurvivalOptions) Validate() error {
	if o.Z != 0 && (o.Confidence != 0 || !(o.Z > 0 && o.Z < 10)) {
		return fmt.Errorf("%w: z %v (above 0, below 10, and not with a confidence)", ErrInvalidOptions, o.Z)
	}
	switch {
	case o.Confidence != 0 && !(o.Confidence > 0 && o.Confidence < 1):
		return fmt.Errorf("%w: survival confidence %v is not in (0, 1)", ErrInvalidOptions, o.Confidence)
	case o.Transform > PlainUnclippedCI:
		return fmt.Errorf("%w: survival interval transform %v", ErrInvalidOptions, o.Transform)
	case o.Median > MedianAtMostHalf:
		return fmt.Errorf("%w: median rule %v", ErrInvalidOptions, o.Median)
	}
	return nil
}

func (o SurvivalOptions) confidence() float64 {
	if o.Z != 0 && o.Confidence == 0 {
		return 2*distuv.UnitNormal.CDF(o.Z) - 1
	}
	if o.Confidence == 0 {
		return 0.95
	}
	return o.Confidence
}

// SurvivalPoint is a survival curve at one time at which at least one
// lifetime ended (R's summary of a survfit, at the event times).
//
// AtRisk counts the lifetimes that lasted at least Days: those ending at
// Days, and those censored at Days, which count as at risk then, as in R.
// Censored counts the lifetimes censored from Days up to but not including
// the next point's Days (after the last point: all later ones), so that
//
//	next AtRisk = AtRisk − Ended − Censored
//
// and the lifetimes censored before the first point are Lifetimes minus the
// first point's AtRisk.
//
// Survival, StdErr, Low and High are S(Days), its Greenwood standard error
// and the confidence interval (see Survival). Where every lifetime at risk
// ends (AtRisk == Ended), S falls to 0 and its variance is undefined (R
// reports NaN there): NoInterval is then true and StdErr, Low and High are
// 0. Low ≤ Survival ≤ High otherwise.
type SurvivalPoint struct {
	Days       float64 `json:"days"`
	AtRisk     int     `json:"at_risk"`
	Ended      int     `json:"ended"`
	Censored   int     `json:"censored"`
	Survival   float64 `json:"survival"`
	StdErr     float64 `json:"std_err"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	NoInterval bool    `json:"no_interval"`
}

// Survival is a Kaplan–Meier survival curve (Kaplan and Meier, 1958): the
// estimated share of lifetimes (customers, subscriptions, deals) still going
// after each number of days, when some lifetimes are still running
// (censored: all we know is that they lasted at least so long).
//
// At each distinct time t_j at which at least one lifetime ended, with n_j
// lifetimes at risk (those that lasted at least t_j, including the ones
// censored at t_j) and d_j of them ending at t_j,
//
//	S(t_j) = ∏_{i ≤ j} (1 − d_i/n_i)
//	V_j    = Σ_{i ≤ j} d_i / (n_i (n_i − d_i))      Greenwood (1926)
//	StdErr = S(t_j) · √V_j
//
// V_j is the variance of log S (of the cumulative hazard); StdErr, the
// standard error of S itself, is what R's summary.survfit prints. The
// pointwise interval is built from √V_j and z = Φ⁻¹((1+c)/2) as the
// Transform says (see CITransform). Once S reaches 0 no interval is defined
// (see SurvivalPoint.NoInterval).
//
// Median is, by default (MedianMidpoint), the first time at which S is at
// most one half; if S is exactly one half from that time until the next
// event time, the median is the midpoint of the two times (see MedianRule
// for the other conventions). MedianLow and MedianHigh are the same rule
// applied to the Low and High curves (points without an interval left out),
// the confidence interval of Brookmeyer and Crowley (1982). These are R's
// rules (survival's survmean, which print.survfit and summary.survfit's
// table report as median, LCL and UCL), including their tolerance: a value
// within √ε ≈ 1.5e-8 of one half counts as one half. Each is absent (JSON
// null) when its curve never falls to one half.
//
// Lifetimes, Ended and Censored count what the curve was computed from.
// Confidence and Transform are the options used.
type Survival struct {
	Lifetimes  int                        `json:"lifetimes"`
	Ended      int                        `json:"ended"`
	Censored   int                        `json:"censored"`
	Confidence float64                    `json:"confidence"`
	Transform  CITransform                `json:"transform"`
	MedianRule MedianRule                 `json:"median_rule"`
	Unit       string                     `json:"unit,omitempty"`
	Curve      []SurvivalPoint            `json:"curve"`
	Median     activity.Optional[float64] `json:"median"`
	MedianLow  activity.Optional[float64] `json:"median_low"`
	MedianHigh activity.Optional[float64] `json:"median_high"`
}

// At returns S(days), the share of lifetimes estimated to last longer than
// days: a right-continuous step function that is 1 before the first point
// of the curve (and for a NaN time) and holds each point's Survival until
// the next point.
func (s Survival) At(days float64) float64 {
	c := s.Curve
	if len(c) == 0 || !(days >= c[0].Days) {
		return 1
	}
	// The first point after days; the answer is the one before it.
	lo, hi := 1, len(c)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c[m].Days <= days {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return c[lo-1].Survival
}

// String reads as "1,234 lifetimes, 800 ended: median 412.0 days (95% CI
// 380.0–455.5)", with "not reached" for a median or bound that is absent.
func (s Survival) String() string {
	var b strings.Builder
	b.WriteString(kmCount(s.Lifetimes))
	if s.Lifetimes == 1 {
		b.WriteString(" lifetime, ")
	} else {
		b.WriteString(" lifetimes, ")
	}
	b.WriteString(kmCount(s.Ended))
	b.WriteString(" ended: median ")
	if m, ok := s.Median.Get(); ok {
		unit := s.Unit
		if unit == "" {
			unit = "days"
		}
		fmt.Fprintf(&b, "%.1f %s", m, unit)
	} else {
		b.WriteString("not reached")
	}
	if !s.MedianLow.Valid && !s.MedianHigh.Valid {
		return b.String()
	}
	fmt.Fprintf(&b, " (%s%% CI ", strconv.FormatFloat(100*s.Confidence, 'g', 4, 64))
	bound := func(o activity.Optional[float64]) string {
		if v, ok := o.Get(); ok {
			return strconv.FormatFloat(v, 'f', 1, 64)
		}
		return "not reached"
	}
	if s.MedianLow.Valid && s.MedianHigh.Valid {
		fmt.Fprintf(&b, "%s–%s)", bound(s.MedianLow), bound(s.MedianHigh))
	} else {
		fmt.Fprintf(&b, "%s to %s)", bound(s.MedianLow), bound(s.MedianHigh))
	}
	return b.String()
}

// kmCount writes n with commas between thousands.
func kmCount(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	var b strings.Builder
	for i, r := range s {
		if i > start && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SurvivalTally is the fold behind a survival curve: add each lifetime,
// merge tallies of parts of the data in any order, and take the Result. A
// Kaplan–Meier curve needs every distinct time, so the state keeps each
// lifetime's length: one float64 (8 bytes) per lifetime, in two lists, the
// ended and the censored. The zero value is an empty tally.
type SurvivalTally struct {
	t km.Tally
}

// Add counts one lifetime of days (elapsed days, fractions allowed) that
// ended then (ended true: the customer churned, the deal closed) or is
// still running, censored (ended false). A negative, NaN or infinite length
// returns an error wrapping ErrInvalidLifetime and leaves the tally as it
// was.
func (t *SurvivalTally) Add(days float64, ended bool) error {
	if !t.t.Add(days, ended) {
		return fmt.Errorf("%w: %v days", ErrInvalidLifetime, days)
	}
	return nil
}

// Merge adds the lifetimes of o to t; o is unchanged and may be t. A nil o
// adds nothing.
func (t *SurvivalTally) Merge(o *SurvivalTally) {
	if o != nil {
		t.t.Merge(&o.t)
	}
}

// Len returns the number of lifetimes added.
func (t *SurvivalTally) Len() int { return t.t.Len() }

// Result returns the Kaplan–Meier curve of the lifetimes added so far (see
// Survival), with intervals as opt says. It does not change the tally, and
// the result does not depend on the order in which lifetimes were added or
// tallies merged. Its cost is a sort of the lifetimes, O(n log n), in one
// buffer of n float64s, plus the curve.
//
// Times are compared as R's survfit compares them (survival's aeqSurv, on by
// default as timefix = TRUE): two consecutive distinct lengths closer than
// 2⁻²⁶ ≈ 1.5e-8 days, absolutely or relative to the mean of the distinct
// lengths, count as the same time, the smaller of a run of such lengths.
//
// Errors: invalid options (ErrInvalidOptions); no lifetimes
// (ErrNoLifetimes, with the options in the result).
func (t *SurvivalTally) Result(opt SurvivalOptions) (Survival, error) {
	if err := opt.Validate(); err != nil {
		return Survival{}, err
	}
	ne := t.t.Ended()
	nc := t.t.Len() - ne
	s := Survival{
		Lifetimes: ne + nc, Ended: ne, Censored: nc,
		Confidence: opt.confidence(), Transform: opt.Transform, MedianRule: opt.Median, Unit: opt.Unit,
	}
	if s.Lifetimes == 0 {
		return s, fmt.Errorf("%w: the survival tally is empty", ErrNoLifetimes)
	}
	curve := t.t.Curve(s.Confidence, int(opt.Transform))
	if opt.AllTimes {
		curve = t.t.CurveAll(s.Confidence, int(opt.Transform))
	}
	s.Curve = make([]SurvivalPoint, len(curve))
	for i, p := range curve {
		s.Curve[i] = SurvivalPoint(p)
	}
	rule := km.HalfRule(opt.Median) // the same order of rules
	if m, ok := km.MedianBy(curve, rule); ok {
		s.Median = activity.Some(m)
	}
	if lo, lok, hi, hok := km.MedianBoundsBy(curve, rule); lok || hok {
		if lok {
			s.MedianLow = activity.Some(lo)
		}
		if hok {
			s.MedianHigh = activity.Some(hi)
		}
	}
	return s, nil
}

// RestrictedMean is the restricted mean survival time up to a horizon: the
// area under the curve from 0 to Horizon, the expected lifetime counted no
// further than Horizon,
//
//	Mean     = ∫₀^τ S(t) dt
//	Variance = Σ_{t_j < τ} A_j² · d_j / (n_j (n_j − d_j)),   A_j = ∫_{t_j}^τ S(t) dt
//
// over the event times t_j with d_j ended of n_j at risk (a term with
// n_j = d_j adds nothing), as R's survival computes rmean and its standard
// error (print.survfit with rmean = τ).
type RestrictedMean struct {
	Horizon float64 `json:"horizon"`
	Mean    float64 `json:"mean"`
	StdErr  float64 `json:"std_err"`
}

// RestrictedMean returns the restricted mean survival time up to horizon
// days (see RestrictedMean). A horizon that is not a positive finite number
// is an error wrapping ErrInvalidOptions.
func (s Survival) RestrictedMean(horizon float64) (RestrictedMean, error) {
	if !(horizon > 0) || math.IsInf(horizon, 1) {
		return RestrictedMean{}, fmt.Errorf("%w: horizon %v", ErrInvalidOptions, horizon)
	}
	r := RestrictedMean{Horizon: horizon}
	// The curve's step function: 1 until the first time, then each point's
	// survival until the next. The area from each event time to the
	// horizon, accumulated from the last one back.
	var times []float64
	var levels []float64 // S on [times[i], times[i+1])
	prev, level := 0.0, 1.0
	for _, p := range s.Curve {
		if p.Days >= horizon {
			break
		}
		r.Mean += level * (p.Days - prev)
		prev, level = p.Days, p.Survival
		times, levels = append(times, p.Days), append(levels, p.Survival)
	}
	r.Mean += level * (horizon - prev)
	var variance, area float64
	for i := len(times) - 1; i >= 0; i-- {
		next := horizon
		if i+1 < len(times) {
			next = times[i+1]
		}
		area += levels[i] * (next - times[i])
		p := s.Curve[i]
		if p.Ended > 0 && p.AtRisk > p.Ended {
			variance += area * area * float64(p.Ended) / (float64(p.AtRisk) * float64(p.AtRisk-p.Ended))
		}
	}
	r.StdErr = math.Sqrt(variance)
	return r, nil
}
