package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/salesmetrics/salesmetrics/activity"
)

// HoltWintersState is the state of the additive Holt-Winters recursion after
// a period t: the level l_t, the trend b_t and the last Season seasonal
// effects.
//
// Seasonal is ordered oldest first: Seasonal[0] is s_{t−m+1}, the effect
// applied to period t+1, and Seasonal[m−1] is s_t. For an initial state
// (t = 0, before the first point) Seasonal[0] is the effect of the series'
// first period, whichever period of the year that is; this is the order of
// statsmodels' initial_seasonal and the reverse of R's ets state vector
// (s1 = s_t, the most recent).
type HoltWintersState struct {
	Level    float64   `json:"level"`
	Trend    float64   `json:"trend"`
	Seasonal []float64 `json:"seasonal"`
}

func (st HoltWintersState) clone() HoltWintersState {
	st.Seasonal = slices.Clone(st.Seasonal)
	return st
}

// HoltWintersOptions configures HoltWinters. The zero value fits α, β and γ
// of an undamped model with the season of the series' granularity,
// heuristic initial states and 95% intervals.
//
// The smoothing parameters are statsmodels' smoothing_level,
// smoothing_trend and smoothing_seasonal (and damping_trend): Beta is Holt's
// β, the weight of the latest change of level in the trend, not the β of
// Hyndman's ETS(A,A,A) state space form, which is α·Beta (R's
// forecast::ets and hw with its default initial = "optimal" take that
// one). Gamma is both statsmodels' and ETS's γ; R's stats::HoltWinters
// smooths the season against the new level instead, and its γ* equals
// Gamma / (1 − α).
type HoltWintersOptions struct {
	// Season is the number of periods in a season, at least 2. Zero takes
	// the series' SeasonLength: 12 for months, 4 for quarters (weeks and
	// days need it given).
	Season int
	// Damped damps the trend by Phi each period ahead.
	Damped bool
	// Alpha, Beta and Gamma, when present, fix the smoothing of the level,
	// trend and season, each in (0, 1); absent ones are fitted.
	Alpha, Beta, Gamma activity.Optional[float64]
	// Phi, when present, fixes the damping, in (0, 1] (1 is no damping);
	// absent, it is fitted in a damped model. It needs Damped.
	Phi activity.Optional[float64]
	// Initial, when not nil, is the state before the first point (its
	// Seasonal of length Season, the first entry for the first point).
	// Nil: the heuristic of Hyndman et al. (2008) §2.6 as statsmodels
	// computes it (see HoltWinters).
	Initial *HoltWintersState
	// Confidence is the level of the prediction intervals, in (0, 1); zero
	// means 0.95.
	Confidence float64
	// Z, when set, is the interval's normal multiplier in place of
	// Confidence (1.96 for the textbook 95%, 2.576 for 99%): the
	// confidence is then 2Φ(Z) − 1. Give at most one of Z and Confidence.
	Z float64
	// SigmaOverN divides the SSE by the number of points n rather than by
	// the degrees of freedom for Sigma and the prediction intervals, as
	// statsmodels' ETSModel does. False: by DF, as R's forecast::ets.
	SigmaOverN bool
}

func (o HoltWintersOptions) confidence() float64 {
	if o.Z != 0 && o.Confidence == 0 {
		return 2*distuv.UnitNormal.CDF(o.Z) - 1
	}
	if o.Confidence == 0 {
		return 0.95
	}
	return o.Confidence
}

// Validate reports a confidence outside (0, 1), a season that is negative
// or 1, a given α, β or γ outside (0, 1), a given φ outside (0, 1] or
// given without Damped, and an initial state with a value that is NaN or
// infinite or with another number of seasonal effects than a non-zero
// Season. Each is an error wrapping ErrInvalidOptions.
func (o HoltWintersOptions) Validate() error {
	if o.Z != 0 && (o.Confidence != 0 || !(o.Z > 0 && o.Z < 10)) {
		return fmt.Errorf("%w: z %v (above 0, below 10, and not with a confidence)", ErrInvalidOptions, o.Z)
	}
	if c := o.confidence(); !(c > 0 && c < 1) {
		return fmt.Errorf("%w: confidence %v outside (0, 1)", ErrInvalidOptions, o.Confidence)
	}
	if o.Season < 0 || o.Season == 1 {
		return fmt.Errorf("%w: season %d (need 2 or more)", ErrInvalidOptions, o.Season)
	}
	for _, p := range []struct {
		name string
		v    activity.Optional[float64]
	}{{"alpha", o.Alpha}, {"beta", o.Beta}, {"gamma", o.Gamma}} {
		if v, ok := p.v.Get(); ok && !(v > 0 && v < 1) {
			return fmt.Errorf("%w: %s %v outside (0, 1)", ErrInvalidOptions, p.name, v)
		}
	}
	if v, ok := o.Phi.Get(); ok {
		if !o.Damped {
			return fmt.Errorf("%w: phi %v given for a model without Damped", ErrInvalidOptions, v)
		}
		if !(v > 0 && v <= 1) {
			return fmt.Errorf("%w: phi %v outside (0, 1]", ErrInvalidOptions, v)
		}
	}
	if in := o.Initial; in != nil {
		if o.Season != 0 && len(in.Seasonal) != o.Season {
			return fmt.Errorf("%w: %d initial seasonal effects for a season of %d", ErrInvalidOptions, len(in.Seasonal), o.Season)
		}
		for _, v := range append([]float64{in.Level, in.Trend}, in.Seasonal...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: initial state has a value %v", ErrInvalidOptions, v)
			}
		}
	}
	return nil
}

// HoltWintersModel is an additive Holt-Winters model of a series y_1..y_n
// with season m, the recursion of statsmodels' ExponentialSmoothing(trend =
// "add", seasonal = "add", damped_trend = Damped) (φ = 1 when not damped):
//
//	ŷ_t = l_{t−1} + φ·b_{t−1} + s_{t−m}                        one step ahead
//	l_t = α·(y_t − s_{t−m}) + (1 − α)·(l_{t−1} + φ·b_{t−1})
//	b_t = β·(l_t − l_{t−1}) + (1 − β)·φ·b_{t−1}
//	s_t = γ·(y_t − l_{t−1} − φ·b_{t−1}) + (1 − γ)·s_{t−m}
//
// with forecasts ŷ_{n+h} = l_n + (φ + φ² + … + φ^h)·b_n + s_{n+h−m(k+1)},
// k = ⌊(h − 1)/m⌋. This is the ETS(A,A,A) model (ETS(A,Ad,A) when damped)
// of Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential
// Smoothing", in its error correction form with their β = α·Beta and the
// same γ: l_t = l_{t−1} + φb_{t−1} + α·e_t, b_t = φb_{t−1} + αβ·e_t,
// s_t = s_{t−m} + γ·e_t, e_t = y_t − ŷ_t. R's forecast package (hw, ets,
// HoltWintersZZ) runs the same recursion.
//
// The fit is judged by the one-step errors e_t (Residuals; Fitted holds ŷ_t):
//
//	SSE   = Σ e_t²
//	Sigma = √(SSE / DF),   DF = n − (m + 4) undamped, n − (m + 5) damped
//
// or √(SSE / n) under HoltWintersOptions.SigmaOverN (SigmaDivisor says which
// was divided by)
//
// DF counts as R's forecast::ets does: α, β, γ (φ), the initial level and
// trend and m − 1 free initial seasonal effects, whether fitted or given.
// Initial is the state before the first point, Final after the last.
// Estimated names the parameters the fit chose ("alpha", "beta", "gamma",
// "phi"); HeuristicInitial tells whether Initial came from the heuristic
// rather than the options.
type HoltWintersModel struct {
	Alpha            float64          `json:"alpha"`
	Beta             float64          `json:"beta"`
	Gamma            float64          `json:"gamma"`
	Phi              float64          `json:"phi"`
	Damped           bool             `json:"damped"`
	Season           int              `json:"season"`
	Estimated        []string         `json:"estimated"`
	HeuristicInitial bool             `json:"heuristic_initial"`
	Initial          HoltWintersState `json:"initial"`
	Final            HoltWintersState `json:"final"`
	N                int              `json:"n"`
	DF               int              `json:"df"`
	SSE              float64          `json:"sse"`
	Sigma            float64          `json:"sigma"`
	SigmaDivisor     int              `json:"sigma_divisor"`
	Confidence       float64          `json:"confidence"`
	Fitted           []float64        `json:"fitted"`
	Residuals        []float64        `json:"residuals"`

	series Series
}

// hwMaxAbs bounds the values HoltWinters takes: beyond it sums of squares
// could overflow.
const hwMaxAbs = 1e100

// HoltWinters fits an additive Holt-Winters model (see HoltWintersModel) to
// s.
//
// The initial state, unless given, is the heuristic of Hyndman et al.
// (2008) §2.6 exactly as statsmodels 0.13's initialization_method =
// "heuristic" computes it: over the first k = max(min(5, ⌊n/m⌋),
// ⌈(10 + 2⌊m/2⌋)/m⌉) seasons, the centred moving average of order m (2×m
// when m is even) is the trend; the seasonal effects are the means, per
// position in the season, of the values less that trend, shifted to sum to
// zero; a least squares line a + b·t through the first ten values of the
// moving average (t = 1..10, the first at point ⌊m/2⌋ + 1) gives the
// initial level a and trend b.
//
// Absent smoothing parameters are fitted by minimising SSE with
// Nelder-Mead on a logistic scale, from the best three points of a grid of
// 5 values per parameter, then restarted from the best result. The region
// is α in (0, 1), β in (0, 1), γ in (0, 1 − α) (with γ given and α fitted,
// α in (0, 1 − γ)), the usual region of R's forecast::ets (whose β, α·Beta,
// lies in (0, α)), and φ in (0.8, 0.995), statsmodels' bounds (R's ets
// stops at 0.98). The fit is deterministic. Given parameters are used as
// they are, inside the region or not.
//
// Errors: an invalid series (ErrInvalidSeries, also for a value beyond
// ±1e100; ErrGap), invalid options (ErrInvalidOptions, also for a season of
// the series' granularity below 2 and initial seasonal effects of another
// length than the season), fewer than 2m points, m + 5 (m + 6 damped) or,
// with the heuristic, 10 + 2⌊m/2⌋ (ErrTooFewPoints), a fit that does not
// converge to a finite SSE (ErrNoConvergence) and given parameters under
// which the recursion overflows (ErrInvalidOptions). A constant series is
// fitted exactly: SSE 0 and intervals of width 0.
func HoltWinters(s Series, opts HoltWintersOptions) (*HoltWintersModel, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	m := opts.Season
	if m == 0 {
		m = s.SeasonLength()
		if m < 2 {
			return nil, fmt.Errorf("%w: Holt-Winters on %v needs a season of 2 or more", ErrInvalidOptions, s.granularity())
		}
		if opts.Initial != nil && len(opts.Initial.Seasonal) != m {
			return nil, fmt.Errorf("%w: %d initial seasonal effects for a season of %d", ErrInvalidOptions, len(opts.Initial.Seasonal), m)
		}
	}
	y := s.Values()
	for i, v := range y {
		if math.Abs(v) > hwMaxAbs {
			return nil, fmt.Errorf("%w: point %d is %v, beyond ±%g", ErrInvalidSeries, i, v, hwMaxAbs)
		}
	}
	n := len(y)
	p := m + 4
	if opts.Damped {
		p++
	}
	need := max(2*m, p+1)
	if opts.Initial == nil {
		need = max(need, 10+2*(m/2))
	}
	if n < need {
		return nil, fmt.Errorf("%w: %d points for a season of %d (need %d)", ErrTooFewPoints, n, m, need)
	}

	mod := &HoltWintersModel{
		Season: m, Damped: opts.Damped, N: n, DF: n - p,
		Confidence: opts.confidence(), series: s, Estimated: []string{},
	}
	if opts.Initial != nil {
		mod.Initial = opts.Initial.clone()
	} else {
		mod.Initial = hwHeuristic(y, m)
		mod.HeuristicInitial = true
	}

	fit := hwFit{y: y, init: mod.Initial, m: m, damped: opts.Damped, work: make([]float64, m)}
	fit.alpha, fit.fixA = opts.Alpha.Get()
	fit.beta, fit.fixB = opts.Beta.Get()
	fit.gamma, fit.fixG = opts.Gamma.Get()
	fit.phi, fit.fixP = opts.Phi.Get()
	if !opts.Damped {
		fit.phi, fit.fixP = 1, true
	}
	if err := fit.minimise(); err != nil {
		return nil, err
	}
	mod.Alpha, mod.Beta, mod.Gamma, mod.Phi = fit.alpha, fit.beta, fit.gamma, fit.phi
	for _, e := range []struct {
		name  string
		fixed bool
	}{{"alpha", fit.fixA}, {"beta", fit.fixB}, {"gamma", fit.fixG}, {"phi", fit.fixP}} {
		if !e.fixed {
			mod.Estimated = append(mod.Estimated, e.name)
		}
	}

	mod.Fitted = make([]float64, n)
	mod.Residuals = make([]float64, n)
	mod.SSE, mod.Final = hwRecurse(y, mod.Initial, m, mod.Alpha, mod.Beta, mod.Gamma, mod.Phi, mod.Fitted, mod.Residuals)
	mod.SigmaDivisor = mod.DF
	if opts.SigmaOverN {
		mod.SigmaDivisor = mod.N
	}
	mod.Sigma = math.Sqrt(mod.SSE / float64(mod.SigmaDivisor))
	if !hwFinite(mod.SSE, mod.Sigma, mod.Final.Level, mod.Final.Trend) || !hwFinite(mod.Final.Seasonal...) || !hwFinite(mod.Fitted...) {
		if len(mod.Estimated) > 0 {
			return nil, fmt.Errorf("%w: no finite fit of %d points", ErrNoConvergence, n)
		}
		return nil, fmt.Errorf("%w: the recursion overflows at α %v, β %v, γ %v, φ %v", ErrInvalidOptions, mod.Alpha, mod.Beta, mod.Gamma, mod.Phi)
	}
	return mod, nil
}

func hwFinite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// hwRecurse runs the recursion over y from init and returns the SSE and the
// final state. It writes the one-step forecasts and errors into fitted and
// resid when they are not nil.
func hwRecurse(y []float64, init HoltWintersState, m int, alpha, beta, gamma, phi float64, fitted, resid []float64) (float64, HoltWintersState) {
	seas := slices.Clone(init.Seasonal)
	sse, level, trend := hwRun(y, init.Level, init.Trend, seas, alpha, beta, gamma, phi, fitted, resid)
	final := HoltWintersState{Level: level, Trend: trend, Seasonal: make([]float64, m)}
	n := len(y)
	for k := range m {
		final.Seasonal[k] = seas[(n+k)%m]
	}
	return sse, final
}

// hwRun runs the recursion with the seasonal effects in the ring seas (the
// effect for point t at seas[t mod m]), which it updates, and returns the
// SSE and the final level and trend.
func hwRun(y []float64, level, trend float64, seas []float64, alpha, beta, gamma, phi float64, fitted, resid []float64) (sse, finalLevel, finalTrend float64) {
	m := len(seas)
	j := 0
	for t, v := range y {
		old := seas[j]
		base := level + phi*trend
		f := base + old
		e := v - f
		sse += e * e
		if fitted != nil {
			fitted[t], resid[t] = f, e
		}
		next := alpha*(v-old) + (1-alpha)*base
		trend = beta*(next-level) + (1-beta)*phi*trend
		level = next
		seas[j] = gamma*(v-base) + (1-gamma)*old
		if j++; j == m {
			j = 0
		}
	}
	return sse, level, trend
}

// hwHeuristic returns statsmodels 0.13's heuristic initial state of y with
// season m (see HoltWinters); y has at least max(2m, 10 + 2⌊m/2⌋) points.
func hwHeuristic(y []float64, m int) HoltWintersState {
	minObs := 10 + 2*(m/2)
	k := max(min(5, len(y)/m), (minObs+m-1)/m)
	x := y[:min(k*m, len(y))]
	// Centred moving average: order m for odd m, 2×m for even m.
	half := m / 2
	cma := make([]float64, 0, len(x))
	for i := half; i+half < len(x); i++ {
		var s float64
		if m%2 == 1 {
			for j := i - half; j <= i+half; j++ {
				s += x[j]
			}
		} else {
			s = x[i-half]/2 + x[i+half]/2
			for j := i - half + 1; j < i+half; j++ {
				s += x[j]
			}
		}
		cma = append(cma, s/float64(m))
	}
	sums := make([]float64, m)
	counts := make([]int, m)
	for c, v := range cma {
		i := half + c
		sums[i%m] += x[i] - v
		counts[i%m]++
	}
	st := HoltWintersState{Seasonal: make([]float64, m)}
	var mean float64
	for j := range m {
		st.Seasonal[j] = sums[j] / float64(counts[j])
		mean += st.Seasonal[j]
	}
	mean /= float64(m)
	for j := range m {
		st.Seasonal[j] -= mean
	}
	// Least squares line through (t, cma[t−1]), t = 1..10: t̄ = 5.5,
	// Σ(t − t̄)² = 82.5.
	var sy, sty float64
	for t := 1; t <= 10; t++ {
		sy += cma[t-1]
		sty += (float64(t) - 5.5) * cma[t-1]
	}
	st.Trend = sty / 82.5
	st.Level = sy/10 - 5.5*st.Trend
	return st
}

// hwFit holds the fitting problem: the data, the initial state and the
// parameters, each fixed or free.
type hwFit struct {
	y                      []float64
	init                   HoltWintersState
	m                      int
	damped                 bool
	alpha, beta, gamma     float64
	phi                    float64
	fixA, fixB, fixG, fixP bool
	work                   []float64
	scale                  float64
}

// hwLogitBound keeps the logistic scale where 1/(1 + e^−x) stays strictly
// inside (0, 1).
const hwLogitBound = 30

func hwLogistic(x float64) float64 {
	x = max(-hwLogitBound, min(hwLogitBound, x))
	return 1 / (1 + math.Exp(-x))
}

func hwLogit(u float64) float64 { return math.Log(u / (1 - u)) }

// hwPhiLow and hwPhiHigh bound a fitted φ.
const (
	hwPhiLow  = 0.8
	hwPhiHigh = 0.995
)

// set maps the free coordinates x (logistic scale, in the order α, β, γ, φ
// of the free ones) to the parameters.
func (f *hwFit) set(x []float64) {
	i := 0
	next := func() float64 { u := hwLogistic(x[i]); i++; return u }
	var ua, ub, ug, up float64
	if !f.fixA {
		ua = next()
	}
	if !f.fixB {
		ub = next()
	}
	if !f.fixG {
		ug = next()
	}
	if !f.fixP {
		up = next()
	}
	switch {
	case !f.fixA && !f.fixG:
		f.alpha = ua
		f.gamma = (1 - ua) * ug
	case !f.fixA:
		f.alpha = (1 - f.gamma) * ua
	case !f.fixG:
		f.gamma = (1 - f.alpha) * ug
	}
	if !f.fixB {
		f.beta = ub
	}
	if !f.fixP {
		f.phi = hwPhiLow + (hwPhiHigh-hwPhiLow)*up
	}
}

// sse returns the SSE at x over f.scale, +Inf where it is not finite.
func (f *hwFit) sse(x []float64) float64 {
	f.set(x)
	f.work = append(f.work[:0], f.init.Seasonal...)
	sse, _, _ := hwRun(f.y, f.init.Level, f.init.Trend, f.work, f.alpha, f.beta, f.gamma, f.phi, nil, nil)
	v := sse / f.scale
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return math.Inf(1)
	}
	return v
}

func (f *hwFit) free() int {
	k := 0
	for _, fixed := range []bool{f.fixA, f.fixB, f.fixG, f.fixP} {
		if !fixed {
			k++
		}
	}
	return k
}

// hwGrid is the grid of starting points on (0, 1) per free parameter.
var hwGrid = [...]float64{0.1, 0.3, 0.5, 0.7, 0.9}

// minimise sets the free parameters to the minimum of the SSE (see
// HoltWinters). With none free it does nothing.
func (f *hwFit) minimise() error {
	k := f.free()
	if k == 0 {
		return nil
	}
	// The SSE relative to the sum of squares about the mean keeps the
	// convergence thresholds meaningful at any scale.
	var mean float64
	for _, v := range f.y {
		mean += v
	}
	mean /= float64(len(f.y))
	for _, v := range f.y {
		f.scale += (v - mean) * (v - mean)
	}
	if !(f.scale > 0) || math.IsInf(f.scale, 0) {
		f.scale = 1
	}
	type start struct {
		x   []float64
		sse float64
	}
	var starts []start
	idx := make([]int, k)
	for {
		x := make([]float64, k)
		for j, g := range idx {
			x[j] = hwLogit(hwGrid[g])
		}
		starts = append(starts, start{x, f.sse(x)})
		j := 0
		for j < k {
			if idx[j]++; idx[j] < len(hwGrid) {
				break
			}
			idx[j] = 0
			j++
		}
		if j == k {
			break
		}
	}
	slices.SortStableFunc(starts, func(a, b start) int { return cmp.Compare(a.sse, b.sse) })

	best := start{sse: math.Inf(1)}
	run := func(x0 []float64) {
		x, v, ok := hwNelderMead(f.sse, x0, 0.5, 20000)
		if ok && v < best.sse {
			best = start{x, v}
		}
	}
	for _, st := range starts[:min(3, len(starts))] {
		run(st.x)
	}
	if best.x != nil {
		run(best.x)
	}
	if best.x == nil || math.IsInf(best.sse, 0) {
		return fmt.Errorf("%w: Nelder-Mead found no finite SSE for %d free parameters", ErrNoConvergence, k)
	}
	f.set(best.x)
	return nil
}

// hwNelderMead minimises f from x0 by the Nelder-Mead simplex method with
// the dimension-adaptive coefficients of Gao & Han (2012), "Implementing the
// Nelder-Mead simplex algorithm with adaptive parameters" (those gonum's
// optimize.NelderMead uses; that package is not imported because it pulls
// in golang.org/x/tools), from the simplex x0, x0 + step·e_i. It returns
// the best vertex and its value, and whether the simplex converged within
// maxIter iterations: values within a relative 1e-11 and vertices within
// 1e-6 of the best, or vertices within 1e-10 whatever the values.
func hwNelderMead(f func([]float64) float64, x0 []float64, step float64, maxIter int) ([]float64, float64, bool) {
	k := len(x0)
	rho, chi, psi, sigma := 1.0, 2.0, 0.5, 0.5
	if k > 1 {
		d := float64(k)
		chi, psi, sigma = 1+2/d, 0.75-1/(2*d), 1-1/d
	}
	xs := make([][]float64, k+1)
	fs := make([]float64, k+1)
	for i := range xs {
		xs[i] = slices.Clone(x0)
		if i > 0 {
			xs[i][i-1] += step
		}
		fs[i] = f(xs[i])
	}
	c := make([]float64, k)
	xr, xe, xc := make([]float64, k), make([]float64, k), make([]float64, k)
	// along sets dst = c + t·(from − c).
	along := func(dst, from []float64, t float64) {
		for j := range dst {
			dst[j] = c[j] + t*(from[j]-c[j])
		}
	}
	for iter := 0; ; iter++ {
		// Insertion sort by value, stable: ties keep the older vertex first.
		for i := 1; i <= k; i++ {
			for j := i; j > 0 && fs[j] < fs[j-1]; j-- {
				fs[j], fs[j-1] = fs[j-1], fs[j]
				xs[j], xs[j-1] = xs[j-1], xs[j]
			}
		}
		var diam float64
		for _, x := range xs[1:] {
			for j := range x {
				diam = max(diam, math.Abs(x[j]-xs[0][j]))
			}
		}
		if diam <= 1e-10 || (fs[k]-fs[0] <= 1e-11*math.Abs(fs[0])+1e-300 && diam <= 1e-6) {
			return xs[0], fs[0], true
		}
		if iter >= maxIter {
			return xs[0], fs[0], false
		}
		for j := range c {
			c[j] = 0
			for _, x := range xs[:k] {
				c[j] += x[j]
			}
			c[j] /= float64(k)
		}
		along(xr, xs[k], -rho)
		fr := f(xr)
		switch {
		case fr < fs[0]:
			along(xe, xr, chi)
			if fe := f(xe); fe < fr {
				copy(xs[k], xe)
				fs[k] = fe
			} else {
				copy(xs[k], xr)
				fs[k] = fr
			}
			continue
		case fr < fs[k-1]:
			copy(xs[k], xr)
			fs[k] = fr
			continue
		case fr < fs[k]:
			along(xc, xr, psi)
			if fc := f(xc); fc <= fr {
				copy(xs[k], xc)
				fs[k] = fc
				continue
			}
		default:
			along(xc, xs[k], psi)
			if fc := f(xc); fc < fs[k] {
				copy(xs[k], xc)
				fs[k] = fc
				continue
			}
		}
		for _, x := range xs[1:] {
			for j := range x {
				x[j] = xs[0][j] + sigma*(x[j]-xs[0][j])
			}
		}
		for i := 1; i <= k; i++ {
			fs[i] = f(xs[i])
		}
	}
}

// Forecast returns the forecasts of the h periods after the series with
// their prediction intervals at the model's confidence: with
// c_j = α + α·Beta·(φ + … + φ^j) + γ·[j mod m = 0] (Hyndman et al. (2008),
// Table 6.1, class 1, whose β is α·Beta),
//
//	Var(y_{n+h} | y_1..y_n) = Sigma² · (1 + Σ_{j=1}^{h−1} c_j²)
//	Low, High               = ŷ_{n+h} ∓ z·√Var,   z = √2·erf⁻¹(Confidence)
//
// the normal intervals R's forecast::forecast.ets gives for ETS(A,A,A) and
// ETS(A,Ad,A) (hw(initial = "simple") passes Holt's β where ETS's belongs,
// so its intervals differ from these). h must be positive
// (else ErrInvalidOptions); a horizon so long that the variance overflows
// is an error wrapping ErrInvalidOptions.
func (m *HoltWintersModel) Forecast(h int) ([]Prediction, error) {
	if m == nil {
		return nil, fmt.Errorf("%w: nil model", ErrInvalidOptions)
	}
	periods, err := m.series.Next(h)
	if err != nil {
		return nil, err
	}
	z := math.Sqrt2 * math.Erfinv(m.Confidence)
	out := make([]Prediction, h)
	sigma2 := m.Sigma * m.Sigma
	var damp, phiPow, sumC2 float64 // φ + … + φ^j, φ^j, Σ c_j²
	phiPow = 1
	for i := range h {
		step := i + 1
		phiPow *= m.Phi
		damp += phiPow
		f := m.Final.Level + damp*m.Final.Trend + m.Final.Seasonal[i%m.Season]
		v := sigma2 * (1 + sumC2)
		half := z * math.Sqrt(v)
		if !hwFinite(f, half) {
			return nil, fmt.Errorf("%w: horizon %d overflows the forecast variance", ErrInvalidOptions, h)
		}
		out[i] = Prediction{Period: periods[i], Value: f, Low: f - half, High: f + half}
		c := m.Alpha + m.Alpha*m.Beta*damp
		if step%m.Season == 0 {
			c += m.Gamma
		}
		sumC2 += c * c
	}
	return out, nil
}

// String reads as "additive Holt-Winters, season 12: α 0.5200, β 0.0090,
// γ 0.4700 (fitted α, β, γ; heuristic initial state); 468 points, SSE 38.53,
// σ 0.2902 on 452 df".
func (m *HoltWintersModel) String() string {
	var b strings.Builder
	b.WriteString("additive Holt-Winters")
	if m.Damped {
		b.WriteString(" damped")
	}
	fmt.Fprintf(&b, ", season %d: α %.4f, β %.4f, γ %.4f", m.Season, m.Alpha, m.Beta, m.Gamma)
	if m.Damped {
		fmt.Fprintf(&b, ", φ %.4f", m.Phi)
	}
	var notes []string
	if len(m.Estimated) > 0 {
		names := map[string]string{"alpha": "α", "beta": "β", "gamma": "γ", "phi": "φ"}
		var fitted []string
		for _, e := range m.Estimated {
			fitted = append(fitted, names[e])
		}
		notes = append(notes, "fitted "+strings.Join(fitted, ", "))
	}
	if m.HeuristicInitial {
		notes = append(notes, "heuristic initial state")
	} else {
		notes = append(notes, "given initial state")
	}
	if m.SigmaDivisor == m.N && m.N != m.DF {
		fmt.Fprintf(&b, " (%s); %d points, SSE %.4g, σ %.4g over n", strings.Join(notes, "; "), m.N, m.SSE, m.Sigma)
	} else {
		fmt.Fprintf(&b, " (%s); %d points, SSE %.4g, σ %.4g on %d df", strings.Join(notes, "; "), m.N, m.SSE, m.Sigma, m.DF)
	}
	return b.String()
}
