package performance

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/salesmetrics/salesmetrics/activity"
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
)

// String returns R's name of the transform: "log", "log-log" or "plain".
func (c CITransform) String() string {
	switch c {
	case LogCI:
		return "log"
	case LogLogCI:
		return "log-log"
	case PlainCI:
		return "plain"
	}
	return fmt.Sprintf("CITransform(%d)", uint8(c))
}

// MarshalText writes String.
func (c CITransform) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// SurvivalOptions sets the confidence intervals of a survival curve. The
// zero value asks for 95% intervals on the log scale, as R's survfit does.
type SurvivalOptions struct {
	// Confidence is the two-sided confidence level of the pointwise
	// intervals and of the median's interval, in (0, 1). Zero means 0.95.
	Confidence float64
	// Transform is the scale the intervals are built on: LogCI (the
	// default), LogLogCI or PlainCI.
	Transform CITransform
}

// Validate reports a confidence outside (0, 1) (other than the zero value,
// which means 0.95) and an unknown transform, wrapping ErrInvalidOptions.
func (o SurvivalOptions) Validate() error {
	switch {
	case o.Confidence != 0 && !(o.Confidence > 0 && o.Confidence < 1):
		return fmt.Errorf("%w: survival confidence %v is not in (0, 1)", ErrInvalidOptions, o.Confidence)
	case o.Transform > PlainCI:
		return fmt.Errorf("%w: survival interval transform %v", ErrInvalidOptions, o.Transform)
	}
	return nil
}

func (o SurvivalOptions) confidence() float64 {
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
// Median is the first time at which S is at most one half; if S is exactly
// one half from that time until the next event time, the median is the
// midpoint of the two times. MedianLow and MedianHigh are the same rule
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
		fmt.Fprintf(&b, "%.1f days", m)
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
	ended, censored []float64
}

// Add counts one lifetime of days (elapsed days, fractions allowed) that
// ended then (ended true: the customer churned, the deal closed) or is
// still running, censored (ended false). A negative, NaN or infinite length
// returns an error wrapping ErrInvalidLifetime and leaves the tally as it
// was.
func (t *SurvivalTally) Add(days float64, ended bool) error {
	if math.IsNaN(days) || math.IsInf(days, 0) || days < 0 {
		return fmt.Errorf("%w: %v days", ErrInvalidLifetime, days)
	}
	days += 0 // −0 becomes +0
	if ended {
		t.ended = append(t.ended, days)
	} else {
		t.censored = append(t.censored, days)
	}
	return nil
}

// Merge adds the lifetimes of o to t; o is unchanged and may be t. A nil o
// adds nothing.
func (t *SurvivalTally) Merge(o *SurvivalTally) {
	if o == nil {
		return
	}
	t.ended = append(t.ended, o.ended...)
	t.censored = append(t.censored, o.censored...)
}

// Len returns the number of lifetimes added.
func (t *SurvivalTally) Len() int { return len(t.ended) + len(t.censored) }

// kmTolerance is R's sqrt(.Machine$double.eps), 2⁻²⁶: the tolerance of
// survival's aeqSurv and of the median's comparison with one half.
const kmTolerance = 0x1p-26

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
	ne, nc := len(t.ended), len(t.censored)
	s := Survival{
		Lifetimes: ne + nc, Ended: ne, Censored: nc,
		Confidence: opt.confidence(), Transform: opt.Transform,
	}
	if s.Lifetimes == 0 {
		return s, fmt.Errorf("%w: the survival tally is empty", ErrNoLifetimes)
	}
	buf := make([]float64, ne+nc)
	ends, cens := buf[:ne:ne], buf[ne:]
	copy(ends, t.ended)
	copy(cens, t.censored)
	slices.Sort(ends)
	slices.Sort(cens)
	kmTie(ends, cens)

	points := 0
	for i := range ends {
		if i == 0 || ends[i] != ends[i-1] {
			points++
		}
	}
	s.Curve = make([]SurvivalPoint, 0, points)
	if points == 0 {
		return s, nil
	}
	z := math.Sqrt2 * math.Erfinv(s.Confidence)

	j := 0 // the next censored lifetime not yet counted
	for j < nc && cens[j] < ends[0] {
		j++
	}
	atRisk := s.Lifetimes - j
	surv, v := 1.0, 0.0
	for i := 0; i < ne; {
		at := ends[i]
		k := i + 1
		for k < ne && ends[k] == at {
			k++
		}
		d := k - i
		i = k
		next := math.Inf(1)
		if i < ne {
			next = ends[i]
		}
		c0 := j
		for j < nc && cens[j] < next {
			j++
		}
		p := SurvivalPoint{Days: at, AtRisk: atRisk, Ended: d, Censored: j - c0}
		n := float64(atRisk)
		if d == atRisk {
			surv = 0
			p.NoInterval = true
		} else {
			surv *= float64(atRisk-d) / n
			v += float64(d) / (n * float64(atRisk-d))
			p.StdErr, p.Low, p.High = kmInterval(surv, math.Sqrt(v), z, opt.Transform)
		}
		p.Survival = surv
		s.Curve = append(s.Curve, p)
		atRisk -= d + p.Censored
	}

	s.Median = kmHalf(s.Curve, func(p *SurvivalPoint) (float64, bool) { return p.Survival, true })
	s.MedianLow = kmHalf(s.Curve, func(p *SurvivalPoint) (float64, bool) { return p.Low, !p.NoInterval })
	s.MedianHigh = kmHalf(s.Curve, func(p *SurvivalPoint) (float64, bool) { return p.High, !p.NoInterval })
	return s, nil
}

// kmTie replaces each length in the sorted lists ends and cens by the time
// it counts as (see Result): a run of distinct lengths each closer than
// kmTolerance to the one before, absolutely or relative to the mean
// distinct length, becomes its first. The lists stay sorted.
func kmTie(ends, cens []float64) {
	// The mean of the distinct lengths, with a compensated sum so that it
	// is as close as R's (which sums in long double) to the exact mean.
	var sum, comp, prev float64
	distinct := 0
	kmMerged(ends, cens, func(x float64, _ *float64) {
		if distinct > 0 && x == prev {
			return
		}
		distinct++
		prev = x
		s := sum + x
		if math.Abs(sum) >= x {
			comp += (sum - s) + x
		} else {
			comp += (x - s) + sum
		}
		sum = s
	})
	if distinct < 2 {
		return
	}
	mean := (sum + comp) / float64(distinct)
	var cut float64
	first := true
	kmMerged(ends, cens, func(x float64, slot *float64) {
		if first {
			first, prev, cut = false, x, x
		}
		if x != prev {
			if dx := x - prev; !(dx <= kmTolerance || dx/mean <= kmTolerance) {
				cut = x
			}
			prev = x
		}
		*slot = cut
	})
}

// kmMerged walks the sorted lists ends and cens in ascending merged order,
// calling f with every length and its slot, so that f can rewrite it.
func kmMerged(ends, cens []float64, f func(x float64, slot *float64)) {
	i, j := 0, 0
	for i < len(ends) || j < len(cens) {
		if j == len(cens) || (i < len(ends) && ends[i] <= cens[j]) {
			f(ends[i], &ends[i])
			i++
		} else {
			f(cens[j], &cens[j])
			j++
		}
	}
}

// kmInterval returns the standard error of surv (in (0, 1)) and its
// confidence interval, given se, the standard error of log surv, and the
// normal quantile z. Rounding never puts a bound on the wrong side of surv.
func kmInterval(surv, se, z float64, tr CITransform) (stdErr, low, high float64) {
	stdErr = surv * se
	switch tr {
	case LogLogCI:
		l := math.Log(surv)
		ll := math.Log(-l)
		w := z * se / l
		low = math.Exp(-math.Exp(ll - w))
		high = math.Exp(-math.Exp(ll + w))
	case PlainCI:
		w := z * stdErr
		low = math.Max(surv-w, 0)
		high = math.Min(surv+w, 1)
	default:
		l := math.Log(surv)
		low = math.Exp(l - z*se)
		high = math.Min(math.Exp(l+z*se), 1)
	}
	return stdErr, math.Min(low, surv), math.Max(high, surv)
}

// kmHalf returns the time at which the curve y (a value per point, and
// whether it is defined there) first falls to one half, by the rule of R's
// survival (survmean's minmin): the first point with y < 0.5 + tol; if that
// y is within tol of 0.5 and a later point has a smaller y, the midpoint of
// the two times. Absent if y never falls that far.
func kmHalf(c []SurvivalPoint, y func(*SurvivalPoint) (float64, bool)) activity.Optional[float64] {
	for i := range c {
		yi, ok := y(&c[i])
		if !ok || !(yi < 0.5+kmTolerance) {
			continue
		}
		if math.Abs(yi-0.5) < kmTolerance {
			for k := i + 1; k < len(c); k++ {
				if yk, ok := y(&c[k]); ok && yk < yi {
					return activity.Some((c[i].Days + c[k].Days) / 2)
				}
			}
		}
		return activity.Some(c[i].Days)
	}
	return activity.Optional[float64]{}
}
