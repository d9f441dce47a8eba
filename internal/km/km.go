// Package km computes Kaplan–Meier survival curves (Kaplan and Meier,
// 1958) as R's survival package does, for the packages that report them:
// customer lifetimes (performance/customers) and new hires' time to ramp
// (performance/people). The exported types with their documentation live
// there; this package is the arithmetic they share.
package km

import (
	"math"
	"slices"
)

// Interval transforms, numbered as customers.CITransform.
const (
	LogCI    = 0
	LogLogCI = 1
	PlainCI  = 2
	// PlainUnclippedCI is PlainCI without the cut to [0, 1].
	PlainUnclippedCI = 3
)

// Point is one step of a curve; customers.SurvivalPoint documents the
// fields, and has the same ones, so that one converts to the other.
type Point struct {
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

// Tally keeps every lifetime's length, ended or censored. The zero value is
// empty.
type Tally struct {
	ended, censored []float64
}

// Add counts one lifetime of days, ended or censored, and reports false
// (adding nothing) for a negative, NaN or infinite length.
func (t *Tally) Add(days float64, ended bool) bool {
	if math.IsNaN(days) || math.IsInf(days, 0) || days < 0 {
		return false
	}
	days += 0 // −0 becomes +0
	if ended {
		t.ended = append(t.ended, days)
	} else {
		t.censored = append(t.censored, days)
	}
	return true
}

// Merge adds the lifetimes of o to t; o may be t.
func (t *Tally) Merge(o *Tally) {
	t.ended = append(t.ended, o.ended...)
	t.censored = append(t.censored, o.censored...)
}

// Lifetimes returns the lifetimes counted, ended and censored (shared:
// do not modify).
func (t *Tally) Lifetimes() (ended, censored []float64) { return t.ended, t.censored }

// FromLifetimes returns a tally of the given lifetimes, which must be
// non-negative and finite.
func FromLifetimes(ended, censored []float64) Tally { return Tally{ended: ended, censored: censored} }

// Len returns the number of lifetimes added.
func (t *Tally) Len() int { return len(t.ended) + len(t.censored) }

// Ended returns the number of ended lifetimes added.
func (t *Tally) Ended() int { return len(t.ended) }

// kmTolerance is R's sqrt(.Machine$double.eps), 2⁻²⁶: the tolerance of
// survival's aeqSurv and of the median's comparison with one half.
const kmTolerance = 0x1p-26

// Curve returns the Kaplan–Meier curve of the lifetimes, one point per
// distinct ended time (tied as R's aeqSurv ties them), with intervals at
// confidence c in (0, 1) on the scale tr. It does not change the tally and
// does not depend on the order of adding. Nil for no ended lifetime.
func (t *Tally) Curve(c float64, tr int) []Point {
	ends, cens := t.sorted()
	ne, nc := len(ends), len(cens)
	n := ne + nc
	if ne == 0 {
		return nil
	}

	points := 0
	for i := range ends {
		if i == 0 || ends[i] != ends[i-1] {
			points++
		}
	}
	curve := make([]Point, 0, points)
	z := math.Sqrt2 * math.Erfinv(c)

	j := 0 // the next censored lifetime not yet counted
	for j < nc && cens[j] < ends[0] {
		j++
	}
	atRisk := n - j
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
		p := Point{Days: at, AtRisk: atRisk, Ended: d, Censored: j - c0}
		n := float64(atRisk)
		if d == atRisk {
			surv = 0
			p.NoInterval = true
		} else {
			surv *= float64(atRisk-d) / n
			v += float64(d) / (n * float64(atRisk-d))
			p.StdErr, p.Low, p.High = kmInterval(surv, math.Sqrt(v), z, tr)
		}
		p.Survival = surv
		curve = append(curve, p)
		atRisk -= d + p.Censored
	}

	return curve
}

// sorted returns copies of the ended and censored lengths, each sorted,
// with near ties merged (see kmTie).
func (t *Tally) sorted() (ends, cens []float64) {
	ne := len(t.ended)
	buf := make([]float64, ne+len(t.censored))
	ends, cens = buf[:ne:ne], buf[ne:]
	copy(ends, t.ended)
	copy(cens, t.censored)
	slices.Sort(ends)
	slices.Sort(cens)
	kmTie(ends, cens)
	return ends, cens
}

// CurveAll is Curve with a point at every distinct time, as R's survfit
// lists them: a time with only censorings is a point of no events, whose
// survival and interval are the ones before it (1, and an interval of
// width 0, before the first event), and each point's Censored counts the
// lifetimes censored at that time itself.
func (t *Tally) CurveAll(c float64, tr int) []Point {
	ends, cens := t.sorted()
	ne, nc := len(ends), len(cens)
	if ne == 0 {
		return nil
	}
	z := math.Sqrt2 * math.Erfinv(c)
	var curve []Point
	atRisk := ne + nc
	surv, v := 1.0, 0.0
	last := Point{Survival: 1, Low: 1, High: 1}
	for i, j := 0, 0; i < ne || j < nc; {
		at := math.Inf(1)
		if i < ne {
			at = ends[i]
		}
		if j < nc && cens[j] < at {
			at = cens[j]
		}
		d, k := 0, 0
		for i < ne && ends[i] == at {
			i++
			d++
		}
		for j < nc && cens[j] == at {
			j++
			k++
		}
		p := Point{Days: at, AtRisk: atRisk, Ended: d, Censored: k}
		switch {
		case d == 0:
			p.Survival, p.StdErr, p.Low, p.High, p.NoInterval = last.Survival, last.StdErr, last.Low, last.High, last.NoInterval
		case d == atRisk:
			surv = 0
			p.Survival, p.NoInterval = 0, true
		default:
			n := float64(atRisk)
			surv *= float64(atRisk-d) / n
			v += float64(d) / (n * float64(atRisk-d))
			p.Survival = surv
			p.StdErr, p.Low, p.High = kmInterval(surv, math.Sqrt(v), z, tr)
		}
		curve = append(curve, p)
		last = p
		atRisk -= d + k
	}
	return curve
}

// Median returns the time at which the survival first falls to one half
// (see Half), and whether it does.
func Median(c []Point) (float64, bool) { return MedianBy(c, Midpoint) }

// MedianBounds returns the times at which the lower and the upper bounds of
// the interval first fall to one half, and whether each does.
func MedianBounds(c []Point) (low float64, lowOK bool, high float64, highOK bool) {
	return MedianBoundsBy(c, Midpoint)
}

// HalfRule says when a curve has fallen to one half.
type HalfRule uint8

// Half rules.
const (
	// Midpoint is R's rule (see Half).
	Midpoint HalfRule = iota
	// Below is the first point with y < 0.5 (statsmodels' SurvfuncRight
	// quantile, SAS).
	Below
	// AtMost is the first point with y ≤ 0.5 (lifelines, textbooks).
	AtMost
)

// MedianBy is Median by a rule.
func MedianBy(c []Point, rule HalfRule) (float64, bool) {
	return HalfBy(c, rule, func(p *Point) (float64, bool) { return p.Survival, true })
}

// MedianBoundsBy is MedianBounds by a rule.
func MedianBoundsBy(c []Point, rule HalfRule) (low float64, lowOK bool, high float64, highOK bool) {
	low, lowOK = HalfBy(c, rule, func(p *Point) (float64, bool) { return p.Low, !p.NoInterval })
	high, highOK = HalfBy(c, rule, func(p *Point) (float64, bool) { return p.High, !p.NoInterval })
	return low, lowOK, high, highOK
}

// HalfBy returns the time at which y first falls to one half by rule; a
// value within the tolerance of one half counts as one half under every
// rule (so Below passes it, AtMost takes it).
func HalfBy(c []Point, rule HalfRule, y func(*Point) (float64, bool)) (float64, bool) {
	if rule == Midpoint {
		return Half(c, y)
	}
	for i := range c {
		yi, ok := y(&c[i])
		if !ok {
			continue
		}
		half := math.Abs(yi-0.5) < kmTolerance
		if (rule == Below && yi < 0.5 && !half) || (rule == AtMost && (yi < 0.5 || half)) {
			return c[i].Days, true
		}
	}
	return 0, false
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
func kmInterval(surv, se, z float64, tr int) (stdErr, low, high float64) {
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
	case PlainUnclippedCI:
		w := z * stdErr
		return stdErr, surv - w, surv + w
	default:
		l := math.Log(surv)
		low = math.Exp(l - z*se)
		high = math.Min(math.Exp(l+z*se), 1)
	}
	return stdErr, math.Min(low, surv), math.Max(high, surv)
}

// Half returns the time at which the curve y (a value per point, and
// whether it is defined there) first falls to one half, by the rule of R's
// survival (survmean's minmin): the first point with y < 0.5 + tol; if that
// y is within tol of 0.5 and a later point has a smaller y, the midpoint of
// the two times. Absent if y never falls that far.
func Half(c []Point, y func(*Point) (float64, bool)) (float64, bool) {
	for i := range c {
		yi, ok := y(&c[i])
		if !ok || !(yi < 0.5+kmTolerance) {
			continue
		}
		if math.Abs(yi-0.5) < kmTolerance {
			for k := i + 1; k < len(c); k++ {
				if yk, ok := y(&c[k]); ok && yk < yi {
					return (c[i].Days + c[k].Days) / 2, true
				}
			}
		}
		return c[i].Days, true
	}
	return 0, false
}
