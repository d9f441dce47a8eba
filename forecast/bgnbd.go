package forecast

import (
	"fmt"
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
)

// CustomerFitOptions controls the maximum-likelihood fits of the
// customer-base models (FitBGNBD, FitGammaGamma). The zero value is the
// default.
type CustomerFitOptions struct {
	// MaxIterations bounds the quasi-Newton (BFGS) iterations; zero means
	// 500. A fit that has not converged by then is an error wrapping
	// ErrNoConvergence.
	MaxIterations int
	// Tolerance is the convergence test: the fit stops when no component
	// of the gradient of the mean log-likelihood per customer, taken with
	// respect to the logarithms of the parameters, exceeds it, or when no
	// component exceeds its square root and the likelihood is flat to its
	// rounding (the next step promises a gain smaller than the rounding of
	// a sum over the customers). Zero means 1e-9; it must not be negative.
	Tolerance float64
	// Initial, when not nil, is where the fit starts, in the model's
	// parameters and order: r, α, a, b for the BG/NBD and MBG/NBD; p, q, γ
	// for the Gamma-Gamma; each positive and finite (a published fit, or
	// last month's). Nil starts from 1 for each on times (or spend)
	// rescaled to about 1.
	Initial []float64
}

// Validate reports a negative MaxIterations, a Tolerance that is
// negative, NaN or infinite, and an Initial value that is not positive and
// finite, wrapping ErrInvalidOptions. (Whether Initial has as many values
// as the model's parameters is for the fit to say.)
func (o CustomerFitOptions) Validate() error {
	if o.MaxIterations < 0 {
		return fmt.Errorf("%w: max iterations %d", ErrInvalidOptions, o.MaxIterations)
	}
	if !(o.Tolerance >= 0) || math.IsInf(o.Tolerance, 0) {
		return fmt.Errorf("%w: tolerance %v", ErrInvalidOptions, o.Tolerance)
	}
	for i, v := range o.Initial {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: initial value %d is %v, not positive and finite", ErrInvalidOptions, i, v)
		}
	}
	return nil
}

// cbStart is where a fit starts, in the logarithms of the parameters of a
// fit on rescaled data: 0s, or opts.Initial with parameter i divided by
// scales[i] (the rescaling), which must have as many values.
func (o CustomerFitOptions) cbStart(name string, scales ...float64) ([]float64, error) {
	u := make([]float64, len(scales))
	if o.Initial == nil {
		return u, nil
	}
	if len(o.Initial) != len(scales) {
		return nil, fmt.Errorf("%w: %d initial values for the %s's %d parameters", ErrInvalidOptions, len(o.Initial), name, len(scales))
	}
	for i, v := range o.Initial {
		u[i] = math.Log(v / scales[i])
	}
	return u, nil
}

func (o CustomerFitOptions) cbLimits() (int, float64) {
	n, tol := o.MaxIterations, o.Tolerance
	if n == 0 {
		n = 500
	}
	if tol == 0 {
		tol = 1e-9
	}
	return n, tol
}

// BGNBD is the beta-geometric / negative binomial distribution model of
// repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers the
// Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science
// 24(2), 275–284): while alive, a customer buys at a Poisson rate λ, and
// after each purchase drops out for good with probability p; across
// customers λ ~ Gamma(R, Alpha) (shape, rate) and p ~ Beta(A, B). Times are
// in the unit of the summaries it was fitted on (Alpha is in that unit).
//
// StdErr holds the standard errors of R, Alpha, A and B, by name: the
// square roots of the diagonal of the inverse of the negative Hessian
// of the log-likelihood at the maximum (the Hessian taken by central
// differences of the analytic gradient). LogLik is the maximised
// log-likelihood, summed over Customers. Iterations counts the optimiser's
// steps.
//
// All values are float64 estimates. A BGNBD built by hand needs R, Alpha,
// A and B positive and finite; its methods report other values as
// ErrInvalidOptions.
type BGNBD struct {
	R          float64      `json:"r"`
	Alpha      float64      `json:"alpha"`
	A          float64      `json:"a"`
	B          float64      `json:"b"`
	StdErr     GeoNBDErrors `json:"std_err"`
	LogLik     float64      `json:"log_lik"`
	Customers  int          `json:"customers"`
	Iterations int          `json:"iterations"`
}

// String reads like "BG/NBD r 0.2426 (0.01256), α 4.414 (0.3782), a 0.7929
// (0.1857), b 2.426 (0.7053); LL -9582.43 over 2357 customers".
func (m BGNBD) String() string {
	return fmt.Sprintf("BG/NBD r %.4g (%.4g), α %.4g (%.4g), a %.4g (%.4g), b %.4g (%.4g); LL %.2f over %d customers",
		m.R, m.StdErr.R, m.Alpha, m.StdErr.Alpha, m.A, m.StdErr.A, m.B, m.StdErr.B, m.LogLik, m.Customers)
}

// cbRow is one distinct customer history of a likelihood, counted w
// times; k indexes its frequency among the distinct frequencies.
type cbRow struct {
	k         int
	ti, txi   int32 // indexes of t and tx among the distinct ages and recencies
	x, tx, t  float64
	w         float64
	logSpend  float64 // Gamma-Gamma: ln of the mean spend
	logFreq   float64 // Gamma-Gamma: ln x
	meanSpend float64 // Gamma-Gamma: the mean spend
}

// cbGroup collapses histories that are equal in (x, t_x, T) (or, for
// spend, in x and the mean) into weighted rows: at(i) gives the key of
// history i of n and the customers it counts. It also lists the distinct
// frequencies, recencies and ages the rows index (so that a likelihood
// takes each logarithm once). Customers buy on days, so histories repeat
// often.
func cbGroup(n int, at func(i int) (key [3]float64, weight float64)) (rows []cbRow, d cbDistinct) {
	// The rows' own table compares keys with the rows' fields; the others
	// keep their distinct values, which are d's lists.
	slots := make([]int32, cbTableSize(n))
	mask := uint64(len(slots) - 1)
	xIndex, tIndex, txIndex := cbNewTable(n), cbNewTable(n), cbNewTable(n)
	rows = make([]cbRow, 0, n/2)
keys:
	for j := range n {
		key, weight := at(j)
		bx, btx, bt := cbBits(key[0]), cbBits(key[1]), cbBits(key[2])
		h := cbMix(bx*0x9e3779b97f4a7c15 ^ btx*0xc2b2ae3d27d4eb4f ^ bt*0x165667b19e3779f9)
		i := h & mask
		for ; slots[i] != 0; i = (i + 1) & mask {
			if r := &rows[slots[i]-1]; r.x == key[0] && r.tx == key[1] && r.t == key[2] {
				r.w += weight
				continue keys
			}
		}
		k := xIndex.add(key[0], cbMix(bx))
		txi := txIndex.add(key[1], cbMix(btx))
		ti := tIndex.add(key[2], cbMix(bt))
		rows = append(rows, cbRow{k: k, ti: int32(ti), txi: int32(txi), x: key[0], tx: key[1], t: key[2], w: weight})
		slots[i] = int32(len(rows))
	}
	return rows, cbDistinct{xs: xIndex.keys, txs: txIndex.keys, ts: tIndex.keys}
}

// cbTable numbers distinct floats in the order first added: an
// open-addressing hash table that never fills, for the few thousand values
// of a fit, several times faster than a Go map of float keys.
type cbTable struct {
	slots []int32   // 1 + the value's number; 0 for an empty slot
	keys  []float64 // by number
}

// cbTableSize is the number of slots for up to n keys: a power of 2 at
// least 1.5 n, so that a table is at most two thirds full.
func cbTableSize(n int) int { return 1 << bits.Len(uint(n+n/2)) }

// cbNewTable returns a table for up to n distinct values.
func cbNewTable(n int) *cbTable {
	return &cbTable{slots: make([]int32, cbTableSize(n))}
}

// add returns the number of v, whose hash is h.
func (t *cbTable) add(v float64, h uint64) int {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.keys = append(t.keys, v)
			t.slots[i] = int32(len(t.keys))
			return len(t.keys) - 1
		}
		if t.keys[s-1] == v {
			return int(s - 1)
		}
	}
}

// cbBits returns the bits of v, with −0 as 0 (they are equal keys).
func cbBits(v float64) uint64 { return math.Float64bits(v + 0) }

// cbMix spreads the bits of h over the whole word (the finaliser of
// MurmurHash3), so that nearby floats fall in distant slots.
func cbMix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// cbGroupSummaries groups summaries by (x, t_x, T).
func cbGroupSummaries(cs []CustomerSummary) ([]cbRow, cbDistinct) {
	return cbGroup(len(cs), func(i int) ([3]float64, float64) {
		c := &cs[i]
		return [3]float64{float64(c.X), c.TX, c.T}, c.weight()
	})
}

// cbDistinct are the distinct frequencies, recencies and ages of grouped
// rows.
type cbDistinct struct{ xs, txs, ts []float64 }

// scaled is d with times divided by by.
func (d cbDistinct) scaled(by float64) cbDistinct {
	out := cbDistinct{xs: d.xs, txs: make([]float64, len(d.txs)), ts: make([]float64, len(d.ts))}
	for i, v := range d.txs {
		out.txs[i] = v / by
	}
	for i, v := range d.ts {
		out.ts[i] = v / by
	}
	return out
}

// cbGeoLogLik returns the log-likelihood of the rows at p = (r, α, a, b)
// and, if grad is not nil, its gradient with respect to p, for the BG/NBD
// (s = 0: equation 6 of Fader, Hardie & Lee 2005, in logarithms) or the
// MBG/NBD (s = 1: Batislam, Denizel & Filiztekin 2007, who let a customer
// drop out at the first purchase too). Per customer,
//
//	ℓ = A₁ + A₂ + ln(e^{A₃} + [x>0 or s=1] e^{A₄})
//	A₁ = ln Γ(r+x) − ln Γ(r) + r ln α
//	A₂ = ln Γ(a+b) + ln Γ(b+x+s) − ln Γ(b) − ln Γ(a+b+x+s)
//	A₃ = −(r+x) ln(α+T)
//	A₄ = ln a − ln(b+x−1+s) − (r+x) ln(α+t_x)
//
// the last term by log-sum-exp. The gamma and digamma terms depend on a
// customer only through x and are computed once per distinct x.
func cbGeoLogLik(p [4]float64, rows []cbRow, dist cbDistinct, grad *[4]float64, s float64) float64 {
	var w cbGeoWork
	return w.logLik(p, rows, dist, grad, s)
}

// cbGeoWork holds what cbGeoLogLik computes once per distinct value, kept
// between the calls of one fit so that each call allocates nothing.
type cbGeoWork struct {
	lnTs, invTs, lnTXs, invTXs []float64
	px                         []cbPerX
	d, e                       []float64 // by row
}

// cbPerX are the terms of a row that depend on it only through x: c, the
// constant of ℓ (A₁ + A₂ with r ln α); c4, the constant of A₄; rx = r+x;
// inv4 = 1/(b+x−1+s); and the constants of the gradient.
type cbPerX struct{ c, c4, rx, inv4, dr, da, db float64 }

// logLik is cbGeoLogLik, reusing w's buffers.
func (w *cbGeoWork) logLik(p [4]float64, rows []cbRow, dist cbDistinct, grad *[4]float64, s float64) float64 {
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	xs := dist.xs
	// ln(α+T) and ln(α+t_x), and their reciprocals, once per distinct value.
	w.lnTs, w.invTs = cbResize(w.lnTs, len(dist.ts)), cbResize(w.invTs, len(dist.ts))
	lnTs, invTs := w.lnTs, w.invTs
	for j, t := range dist.ts {
		lnTs[j], invTs[j] = math.Log(alpha+t), 1/(alpha+t)
	}
	w.lnTXs, w.invTXs = cbResize(w.lnTXs, len(dist.txs)), cbResize(w.invTXs, len(dist.txs))
	lnTXs, invTXs := w.lnTXs, w.invTXs
	for j, t := range dist.txs {
		lnTXs[j], invTXs[j] = math.Log(alpha+t), 1/(alpha+t)
	}
	lgR, lgB, lgAB := cbLgamma(r), cbLgamma(b), cbLgamma(a+b)
	psiR, psiB, psiAB := mathext.Digamma(r), mathext.Digamma(b), mathext.Digamma(a+b)
	lnAlpha, lnA := math.Log(alpha), math.Log(a)
	rOverAlpha, invA := r/alpha, 1/a
	if cap(w.px) < len(xs) {
		w.px = make([]cbPerX, len(xs))
	}
	px := w.px[:len(xs)]
	for k, x := range xs {
		q := cbPerX{c: cbLgamma(r+x) - lgR + lgAB + cbLgamma(b+x+s) - lgB - cbLgamma(a+b+x+s) + r*lnAlpha, rx: r + x}
		if x > 0 || s > 0 {
			q.c4 = lnA - math.Log(b+x-1+s)
			q.inv4 = 1 / (b + x - 1 + s)
		}
		if grad != nil {
			q.dr = mathext.Digamma(r+x) - psiR + lnAlpha
			psiABX := mathext.Digamma(a + b + x + s)
			q.da = psiAB - psiABX
			q.db = psiAB + mathext.Digamma(b+x+s) - psiB - psiABX
		}
		px[k] = q
	}
	// Three passes over the rows, each a short loop whose iterations do not
	// wait on one another, so that the processor overlaps many rows' exp
	// and logarithm (one loop doing all would wait on each in turn): the
	// two terms' difference, its exponential, then the sums.
	w.d = cbResize(w.d, len(rows))
	dd := w.d
	var ll float64
	var g [4]float64
	for i := range rows {
		row := &rows[i]
		q := &px[row.k]
		lnT := lnTs[row.ti]
		l3 := -q.rx * lnT
		if row.x == 0 && s == 0 {
			ll += row.w * (q.c + l3)
			if grad != nil {
				g[0] += row.w * (q.dr - lnT)
				g[1] += row.w * (rOverAlpha - r*invTs[row.ti])
			}
			dd[i] = math.Inf(-1)
			continue
		}
		l4 := q.c4 - q.rx*lnTXs[row.txi]
		dd[i] = l4 - l3
	}
	w.e = cbResize(w.e, len(rows))
	es := w.e
	for i, d := range dd {
		es[i] = math.Exp(-math.Abs(d)) // the smaller term over the larger
	}
	for i := range rows {
		d := dd[i]
		if math.IsInf(d, -1) {
			continue
		}
		row := &rows[i]
		q := &px[row.k]
		lnT, lnTX := lnTs[row.ti], lnTXs[row.txi]
		l3 := -q.rx * lnT
		e := es[i]
		ll += row.w * (q.c + l3 + max(d, 0) + cbLn1p(e))
		if grad != nil {
			// w3 and w4 are the shares of the two terms of the sum: the
			// larger has 1/(1+e), the smaller e/(1+e). Which is larger is
			// a coin toss from row to row: chosen without a branch.
			var four uint64
			if d > 0 {
				four = 1
			}
			big := 1 / (1 + e)
			small := e * big
			w4 := small + float64(four)*(big-small)
			w3 := big + small - w4
			invT, invTX := invTs[row.ti], invTXs[row.txi]
			g[0] += row.w * (q.dr - w3*lnT - w4*lnTX)
			g[1] += row.w * (rOverAlpha - q.rx*(w3*invT+w4*invTX))
			g[2] += row.w * (q.da + w4*invA)
			g[3] += row.w * (q.db - w4*q.inv4)
		}
	}
	if grad != nil {
		*grad = g
	}
	return ll
}

// cbLn1p returns ln(1+e) for e in [0, 1], as 2·atanh(s) with s = f/(2+f)
// by its Taylor series in s², where 1+e = 2^k(1+f) with k 0 or 1 so that
// |s| ≤ 0.172 and the eleventh term is below 10^-18 of the first. It is
// within 2.3e-16 (absolute) of math.Log1p over the range (TestCbLn1p) and
// takes less than half the time of math.Log1p or math.Log, which is most of
// a likelihood's evaluation.
func cbLn1p(e float64) float64 {
	// Without a branch (the likelihood's e are at random either side of
	// √2−1, and a mispredicted branch costs more than the rest): k is 0 or
	// 1, and f = e/2^k + (1/2^k − 1) = (1+e)/2^k − 1 exactly.
	var k uint64
	if e > math.Sqrt2-1 {
		k = 1
	}
	scale := math.Float64frombits(0x3ff0000000000000 - k<<52) // 2^-k
	f := e*scale + (scale - 1)
	s := f / (2 + f)
	z := s * s
	// Σ z^n/(2n+3) for n = 0..10 in Estrin's scheme: independent pairs
	// joined by z², z⁴ and z⁸, a chain a third as long as Horner's.
	z2 := z * z
	z4 := z2 * z2
	p := (1.0/3 + z*(1.0/5)) + z2*(1.0/7+z*(1.0/9)) +
		z4*((1.0/11+z*(1.0/13))+z2*(1.0/15+z*(1.0/17))) +
		z4*z4*((1.0/19+z*(1.0/21))+z2*(1.0/23))
	return float64(k)*math.Ln2 + 2*s + 2*s*(z*p)
}

// cbResize returns s with length n, reusing its storage when it can.
func cbResize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func cbLgamma(v float64) float64 {
	l, _ := math.Lgamma(v)
	return l
}

// FitBGNBD fits the BG/NBD model (see BGNBD) to the customers' summaries
// by maximum likelihood: BFGS with the analytic gradient over the
// logarithms of r, α, a and b, from r = α = a = b = 1 on times rescaled so
// that the oldest customer's age is 1 (α is scaled back). Customers with
// equal histories are counted once with a weight. On CDNOW it gives Fader,
// Hardie & Lee's r 0.243, α 4.414, a 0.793, b 2.426 and LL −9582.4, and
// agrees with lifetimes' BetaGeoFitter.
//
// Errors: invalid options (ErrInvalidOptions); an invalid summary (an
// *activity.RecordError wrapping ErrInvalidSummary, see
// CustomerSummary.Validate); fewer than 5 customers, no customer with a
// repeat purchase, or every age 0 (ErrTooFewPoints: the model is not
// identified); and a fit that does not converge, runs a parameter to 0 or
// infinity (as when every customer drops out with the same probability:
// a and b grow without bound), or ends where the likelihood has no maximum
// (ErrNoConvergence). The summaries are not modified.
func FitBGNBD(cs []CustomerSummary, opts CustomerFitOptions) (*BGNBD, error) {
	f, err := cbFitGeo(cs, opts, 0, "BG/NBD")
	if err != nil {
		return nil, err
	}
	return &BGNBD{R: f.p[0], Alpha: f.p[1], A: f.p[2], B: f.p[3], LogLik: f.ll, Customers: cbCustomers(cs), Iterations: f.iters,
		StdErr: f.errors()}, nil
}

// cbFitRows are summaries grouped for a purchase model's fit: the weighted
// rows of distinct histories, their distinct frequencies, recencies and
// ages, the same with times divided by the oldest age maxT, and the
// customers they stand for.
type cbFitRows struct {
	rows           []cbRow
	dist, distScal cbDistinct
	maxT           float64
	customers      int
}

// scaledRows returns the rows with their times divided by maxT.
func (g cbFitRows) scaledRows() []cbRow {
	scaled := make([]cbRow, len(g.rows))
	for i, row := range g.rows {
		row.tx /= g.maxT
		row.t /= g.maxT
		scaled[i] = row
	}
	return scaled
}

// cbGroupForFit groups summaries already validated for a fit of four
// parameters: fewer than 5 customers, no repeat purchase or every age 0
// are ErrTooFewPoints.
func cbGroupForFit(cs []CustomerSummary) (cbFitRows, error) {
	g := cbFitRows{customers: cbCustomers(cs)}
	if g.customers < 5 {
		return g, fmt.Errorf("%w: %d customers for 4 parameters (need 5)", ErrTooFewPoints, g.customers)
	}
	repeat := false
	for _, c := range cs {
		g.maxT = max(g.maxT, c.T)
		repeat = repeat || c.X > 0
	}
	if !repeat || g.maxT == 0 {
		return g, fmt.Errorf("%w: no customer made a repeat purchase over an age above 0", ErrTooFewPoints)
	}
	g.rows, g.dist = cbGroupSummaries(cs)
	g.distScal = g.dist.scaled(g.maxT)
	return g, nil
}

// cbMinimizeNumeric minimises nll, a negative mean log-likelihood of four
// positive parameters, over their logarithms from u0 by cbMinimize, the
// gradient by central differences (step 1e-5 in the logarithms), with a
// tolerance no finer than 1e-8 (the differences' noise); nll sums terms
// rows. Beyond e^±15 nll is not asked: the fit has run off.
func cbMinimizeNumeric(nll func(p [4]float64) float64, u0 []float64, opts CustomerFitOptions, terms int) ([]float64, int, error) {
	at := func(u []float64) float64 {
		var p [4]float64
		for i, v := range u {
			if math.Abs(v) > 15 {
				return math.NaN()
			}
			p[i] = math.Exp(v)
		}
		return nll(p)
	}
	v := make([]float64, len(u0))
	f := func(u, g []float64) float64 {
		const h = 1e-5
		for i := range g {
			copy(v, u)
			v[i] = u[i] + h
			up := at(v)
			v[i] = u[i] - h
			g[i] = (up - at(v)) / (2 * h)
		}
		return at(u)
	}
	maxIter, tol := opts.cbLimits()
	return cbMinimize(f, u0, maxIter, max(tol, 1e-8), terms)
}

// cbGeoFit is a fitted BG/NBD or MBG/NBD: (r, α, a, b), the log-likelihood,
// the standard errors and the optimiser's steps.
type cbGeoFit struct {
	p     [4]float64
	ll    float64
	se    []float64
	iters int
}

func (f cbGeoFit) errors() GeoNBDErrors {
	return GeoNBDErrors{R: f.se[0], Alpha: f.se[1], A: f.se[2], B: f.se[3]}
}

// cbFitGeo fits the BG/NBD (s = 0) or MBG/NBD (s = 1) by maximum
// likelihood, as FitBGNBD documents; name is the model's, for errors.
func cbFitGeo(cs []CustomerSummary, opts CustomerFitOptions, s float64, name string) (cbGeoFit, error) {
	if err := opts.Validate(); err != nil {
		return cbGeoFit{}, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return cbGeoFit{}, err
	}
	g, err := cbGroupForFit(cs)
	if err != nil {
		return cbGeoFit{}, err
	}
	// The likelihood reads a row's times from the distinct values only, so
	// the rows serve on either scale.
	rows, maxT, dist, distScal := g.rows, g.maxT, g.dist, g.distScal
	n := float64(g.customers)
	var work cbGeoWork
	f := func(u, g []float64) float64 {
		var p [4]float64
		for i := range p {
			p[i] = math.Exp(u[i])
		}
		var grad [4]float64
		ll := work.logLik(p, rows, distScal, &grad, s)
		for i := range g {
			g[i] = -grad[i] * p[i] / n
		}
		return -ll / n
	}
	u0, err := opts.cbStart(name, 1, maxT, 1, 1)
	if err != nil {
		return cbGeoFit{}, err
	}
	maxIter, tol := opts.cbLimits()
	u, iters, err := cbMinimize(f, u0, maxIter, tol, len(rows))
	if err != nil {
		return cbGeoFit{}, fmt.Errorf("%s: %w", name, err)
	}
	p := [4]float64{math.Exp(u[0]), math.Exp(u[1]) * maxT, math.Exp(u[2]), math.Exp(u[3])}
	fit := cbGeoFit{p: p, iters: iters, ll: work.logLik(p, rows, dist, nil, s)}
	if math.IsNaN(fit.ll) || math.IsInf(fit.ll, 0) || math.IsInf(p[1], 0) {
		return cbGeoFit{}, fmt.Errorf("%w: %s log-likelihood %v", ErrNoConvergence, name, fit.ll)
	}
	se, err := cbStdErr(p[:], func(q, g []float64) {
		var grad [4]float64
		work.logLik([4]float64(q), rows, dist, &grad, s)
		copy(g, grad[:])
	})
	if err != nil && min(p[2], p[3]) > 1e6 {
		return cbGeoFit{}, fmt.Errorf("%w: %s a and b grow together without bound (a/(a+b) near %.3g): every customer seems to drop out with the same probability after a purchase", ErrNoConvergence, name, p[2]/(p[2]+p[3]))
	}
	if err != nil {
		return cbGeoFit{}, fmt.Errorf("%s: %w", name, err)
	}
	fit.se = se
	return fit, nil
}

// cbMinimize minimises f (which returns the value and fills the gradient,
// and sums terms rows) by BFGS with a backtracking (Armijo) line search,
// from x0, until no gradient component exceeds tol (or, where f is flat to
// its rounding, cbNoise, exceeds √tol). It fails, wrapping ErrNoConvergence, after
// maxIter iterations, when no step decreases f while the gradient is
// still large, and when a coordinate leaves [−25, 25] (the coordinates are
// logarithms of parameters: the fit runs to a boundary).
func cbMinimize(f func(x, g []float64) float64, x0 []float64, maxIter int, tol float64, terms int) ([]float64, int, error) {
	n := len(x0)
	x := append([]float64(nil), x0...)
	g := make([]float64, n)
	fx := f(x, g)
	if math.IsNaN(fx) || math.IsInf(fx, 0) {
		return nil, 0, fmt.Errorf("%w: the likelihood is not finite at the start", ErrNoConvergence)
	}
	h := make([]float64, n*n) // inverse Hessian approximation, row-major
	identity := func(scale float64) {
		clear(h)
		for i := range n {
			h[i*n+i] = scale
		}
	}
	identity(1)
	xn, gn, d, s, y, hy := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	stalls := 0
	for it := 0; it < maxIter; it++ {
		gmax := 0.0
		for _, v := range g {
			gmax = max(gmax, math.Abs(v))
		}
		if !(gmax > tol) {
			if math.IsNaN(gmax) {
				return nil, it, fmt.Errorf("%w: the gradient is not finite", ErrNoConvergence)
			}
			return x, it, nil
		}
		slope := 0.0
		for i := range n {
			d[i] = 0
			for j := range n {
				d[i] -= h[i*n+j] * g[j]
			}
			slope += d[i] * g[i]
		}
		if !(slope < 0) {
			identity(1)
			slope = 0
			for i := range n {
				d[i] = -g[i]
				slope -= g[i] * g[i]
			}
		}
		// Converged, too, where the gradient is small and the decrease the
		// whole step promises (−slope, from the quadratic model) is below
		// f's rounding: no step can be seen to lower f any more. (Without
		// this the last iterations would only search in f's noise.)
		noise := cbNoise(fx, terms)
		if gmax <= math.Sqrt(tol) && -slope <= noise {
			return x, it, nil
		}
		// A step of more than 2 in a logarithm is cut back.
		step := 1.0
		for _, v := range d {
			if math.Abs(v) > 2 {
				step = min(step, 2/math.Abs(v))
			}
		}
		var fn float64
		ok := false
		for range 60 {
			for i := range n {
				xn[i] = x[i] + step*d[i]
			}
			fn = f(xn, gn)
			if fn <= fx+1e-4*step*slope {
				ok = true
				break
			}
			// Near the minimum the decrease the step promises is below f's
			// rounding, and the test above is a coin toss: halving further
			// cannot help. The step is then taken if f stays within its
			// rounding (a few ulps) and the gradient shrinks (the
			// approximate Armijo condition of Hager & Zhang 2005), and
			// otherwise the search ends here.
			if -step*slope <= noise {
				ok = fn <= fx+noise && cbMaxAbs(gn) < gmax
				break
			}
			step /= 2
		}
		if !ok {
			if gmax <= math.Sqrt(tol) {
				// At the limit of float64 precision: no step decreases f
				// any more, and the gradient is small.
				return x, it, nil
			}
			return nil, it, fmt.Errorf("%w: no step decreases the negative log-likelihood (gradient %.3g)", ErrNoConvergence, gmax)
		}
		sy := 0.0
		for i := range n {
			s[i] = xn[i] - x[i]
			y[i] = gn[i] - g[i]
			sy += s[i] * y[i]
		}
		if sy > 0 {
			if it == 0 {
				// Scale the first approximation to the curvature seen.
				yy := 0.0
				for _, v := range y {
					yy += v * v
				}
				identity(sy / yy)
			}
			yhy := 0.0
			for i := range n {
				hy[i] = 0
				for j := range n {
					hy[i] += h[i*n+j] * y[j]
				}
				yhy += y[i] * hy[i]
			}
			// H += (sy + yᵀHy) ssᵀ / sy² − (Hy sᵀ + s yᵀH) / sy
			for i := range n {
				for j := range n {
					h[i*n+j] += (sy+yhy)*s[i]*s[j]/(sy*sy) - (hy[i]*s[j]+s[i]*hy[j])/sy
				}
			}
		}
		// A step that no longer lowers f (the likelihood is flat to
		// float64 precision, as where a parameter runs off to infinity)
		// counts towards a stall.
		if fx-fn <= 1e-15*math.Abs(fx) {
			stalls++
		} else {
			stalls = 0
		}
		copy(x, xn)
		copy(g, gn)
		fx = fn
		if stalls >= 5 {
			gmax = 0
			for _, v := range g {
				gmax = max(gmax, math.Abs(v))
			}
			if gmax <= math.Sqrt(tol) {
				return x, it + 1, nil
			}
			return nil, it + 1, fmt.Errorf("%w: the optimiser stalls (gradient %.3g)", ErrNoConvergence, gmax)
		}
		for _, v := range x {
			if math.Abs(v) > 25 {
				return nil, it + 1, fmt.Errorf("%w: a parameter runs to 0 or infinity (log %.3g)", ErrNoConvergence, v)
			}
		}
	}
	return nil, maxIter, fmt.Errorf("%w: %d iterations", ErrNoConvergence, maxIter)
}

// cbEps is the spacing of float64 at 1, 2^-52.
const cbEps = 0x1p-52

// cbNoise is the rounding to expect in f, a sum of the given number of
// terms: √terms ulps of f (the typical error of such a sum), at least 4.
func cbNoise(f float64, terms int) float64 {
	return max(4, math.Sqrt(float64(terms))) * cbEps * math.Abs(f)
}

// cbMaxAbs returns the largest absolute value in v (NaN if any is NaN).
func cbMaxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if a := math.Abs(x); !(a <= m) {
			m = a
		}
	}
	return m
}

// cbStdErr returns the standard errors at the maximum p of a
// log-likelihood whose gradient grad computes: the square roots of the
// diagonal of (−H)⁻¹, H by central differences of the gradient (relative
// step 1e-5), symmetrised. A −H that is not positive definite (no maximum)
// is an error wrapping ErrNoConvergence.
func cbStdErr(p []float64, grad func(p, g []float64)) ([]float64, error) {
	n := len(p)
	h := mat.NewSymDense(n, nil)
	q := make([]float64, n)
	gp, gm := make([]float64, n), make([]float64, n)
	cols := make([][]float64, n)
	for j := range n {
		step := 1e-5 * p[j]
		copy(q, p)
		q[j] = p[j] + step
		grad(q, gp)
		q[j] = p[j] - step
		grad(q, gm)
		cols[j] = make([]float64, n)
		for i := range n {
			cols[j][i] = -(gp[i] - gm[i]) / (2 * step)
		}
	}
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
	return cbSEFromHessian(h)
}

// cbStdErrLL is cbStdErr for a log-likelihood without an analytic
// gradient: −H by central second differences of ll itself (relative step
// 1e-4, which keeps rounding to about 1e-7 of the entries).
func cbStdErrLL(p []float64, ll func(p []float64) float64) ([]float64, error) {
	n := len(p)
	h := mat.NewSymDense(n, nil)
	q := make([]float64, n)
	at := func(i int, di float64, j int, dj float64) float64 {
		copy(q, p)
		q[i] += di
		q[j] += dj
		return ll(q)
	}
	for i := range n {
		for j := i; j < n; j++ {
			hi, hj := 1e-4*p[i], 1e-4*p[j]
			d := at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)
			h.SetSym(i, j, -d/(4*hi*hj))
		}
	}
	return cbSEFromHessian(h)
}

// cbSEFromHessian returns the square roots of the diagonal of the inverse
// of −H, given −H; one that is not positive definite (no maximum) is an
// error wrapping ErrNoConvergence.
func cbSEFromHessian(h *mat.SymDense) ([]float64, error) {
	n, _ := h.Dims()
	for i := range n {
		for j := i; j < n; j++ {
			if v := h.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: the Hessian is not finite", ErrNoConvergence)
			}
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(h) {
		return nil, fmt.Errorf("%w: the likelihood has no maximum there (the Hessian is not negative definite)", ErrNoConvergence)
	}
	var cov mat.SymDense
	if err := ch.InverseTo(&cov); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoConvergence, err)
	}
	se := make([]float64, n)
	for i := range n {
		v := cov.At(i, i)
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: variance %v", ErrNoConvergence, v)
		}
		se[i] = math.Sqrt(v)
	}
	return se, nil
}

// cbGeo is the BG/NBD (s = 0) or the MBG/NBD (s = 1) at given
// parameters, with the closed forms both share: where the BG/NBD has b+x
// and a+b+x, the MBG/NBD has b+x+1 and a+b+x+1, and its customers may drop
// out at the first purchase too (the terms the BG/NBD has only for x > 0).
type cbGeo struct {
	r, alpha, a, b, s float64
	name              string
}

func (m BGNBD) geo() cbGeo { return cbGeo{m.R, m.Alpha, m.A, m.B, 0, "BG/NBD"} }

// logLikOf is the log-likelihood of the summaries at the parameters.
func (m cbGeo) logLikOf(cs []CustomerSummary) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return 0, err
	}
	rows, dist := cbGroupSummaries(cs)
	return cbGeoLogLik([4]float64{m.r, m.alpha, m.a, m.b}, rows, dist, nil, m.s), nil
}

// LogLikelihood is the BG/NBD log-likelihood of the summaries at the
// model's parameters, summed over them: to score published or assumed
// parameters, or a model fitted on other customers. Errors: invalid
// parameters (ErrInvalidOptions) or summaries (ErrInvalidSummary).
func (m BGNBD) LogLikelihood(cs []CustomerSummary) (float64, error) { return m.geo().logLikOf(cs) }

// valid reports parameters that are not positive and finite.
func (m cbGeo) valid() error {
	for _, v := range []float64{m.r, m.alpha, m.a, m.b} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s parameters r %v, α %v, a %v, b %v must be positive and finite", ErrInvalidOptions, m.name, m.r, m.alpha, m.a, m.b)
		}
	}
	return nil
}

func cbTime(name string, t float64) error {
	if !(t >= 0) || math.IsInf(t, 0) {
		return fmt.Errorf("%w: %s %v is not a finite time of 0 or more", ErrInvalidOptions, name, t)
	}
	return nil
}

// ExpectedPurchases is E[X(t)], the number of repeat purchases a new
// customer (one just acquired, at their first purchase) is expected to
// make in the next t units (equation 9 of Fader, Hardie & Lee 2005):
//
//	E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))]
//
// with ₂F₁ the Gauss hypergeometric function (gonum's mathext.Hypergeo).
// A negative, NaN or infinite t is an error wrapping ErrInvalidOptions; a
// value the closed form cannot give (a = 1, a + b = 1 or close enough that
// it overflows) one wrapping ErrUndefined.
func (m BGNBD) ExpectedPurchases(t float64) (float64, error) {
	return m.geo().expected(t)
}

func (m cbGeo) expected(t float64) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if err := cbTime("t", t); err != nil {
		return 0, err
	}
	return m.conditional(t, 0, 0, 0)
}

// ConditionalExpectedPurchases is E[Y(t) | x, t_x, T], the number of
// purchases a customer with the history c is expected to make in the next
// t units (equation 10 of Fader, Hardie & Lee 2005):
//
//	E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
//	                      / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
//
// the ₂F₁ by gonum's mathext.Hypergeo, through Euler's transformation
// ₂F₁(a, b; c; z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) where it overflows (as
// lifetimes does). Errors: an invalid c (ErrInvalidSummary) or t
// (ErrInvalidOptions); a value the closed form cannot give, as at a = 1
// (ErrUndefined).
func (m BGNBD) ConditionalExpectedPurchases(t float64, c CustomerSummary) (float64, error) {
	return m.geo().conditionalOf(t, c)
}

func (m cbGeo) conditionalOf(t float64, c CustomerSummary) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if err := cbTime("t", t); err != nil {
		return 0, err
	}
	return m.conditional(t, float64(c.X), c.TX, c.T)
}

func (m cbGeo) conditional(t, x, tx, T float64) (float64, error) {
	if t == 0 {
		return 0, nil
	}
	r, alpha, a, b := m.r, m.alpha, m.a, m.b
	ca, cb, cc := r+x, b+x+m.s, a+b+x-1+m.s
	z := t / (alpha + T + t)
	lnH := math.NaN()
	if hv := mathext.Hypergeo(ca, cb, cc, z); hv > 0 && !math.IsInf(hv, 0) {
		lnH = math.Log(hv)
	} else if hv := mathext.Hypergeo(cc-ca, cc-cb, cc, z); hv > 0 && !math.IsInf(hv, 0) {
		lnH = math.Log(hv) + (cc-ca-cb)*math.Log1p(-z)
	}
	// 1 − e^{ln H + (r+x) ln((α+T)/(α+T+t))}, without cancellation.
	inner := -math.Expm1(lnH - (r+x)*math.Log1p(t/(alpha+T)))
	e := (a + b + x - 1 + m.s) / (a - 1) * inner * m.alive(x, tx, T)
	if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
		return 0, fmt.Errorf("%w: E[Y(%v) | x %v, t_x %v, T %v] has no finite value by the closed form at a %v, b %v", ErrUndefined, t, x, tx, T, a, b)
	}
	return e, nil
}

// alive is 1 / (1 + [x>0 or s=1] · a/(b+x−1+s) · ((α+T)/(α+t_x))^(r+x)),
// from the logarithm of the odds so that it neither overflows nor loses
// digits.
func (m cbGeo) alive(x, tx, T float64) float64 {
	if x == 0 && m.s == 0 {
		return 1
	}
	lo := math.Log(m.a) - math.Log(m.b+x-1+m.s) + (m.r+x)*(math.Log(m.alpha+T)-math.Log(m.alpha+tx))
	if lo > 0 {
		e := math.Exp(-lo)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(lo))
}

// ProbabilityAlive is the probability that a customer with the history c
// is still alive at T (Fader, Hardie & Lee 2005; Fader, Hardie & Lee,
// "Computing P(alive) Using the BG/NBD Model", 2008):
//
//	P(alive | x, t_x, T) = 1 / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
//
// 1 for a customer without repeat purchases (the model lets customers
// drop out only after a purchase). An invalid c is an error wrapping
// ErrInvalidSummary.
func (m BGNBD) ProbabilityAlive(c CustomerSummary) (float64, error) {
	return m.geo().aliveOf(c)
}

func (m cbGeo) aliveOf(c CustomerSummary) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	return m.alive(float64(c.X), c.TX, c.T), nil
}

// ProbabilityOfPurchases is P(X(t) = n), the probability that a new
// customer makes exactly n repeat purchases in t units (equation 8 of
// Fader, Hardie & Lee 2005):
//
//	P(X(t) = n) = B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
//	            + [n>0] · B(a+1, b+n−1)/B(a, b) · [1 − Σ_{j<n} Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j]
//
// computed in logarithms, the bracket (the upper tail of a negative
// binomial) as the regularised incomplete beta function I_{t/(α+t)}(n, r)
// so that it loses no digits. At t = 0 it is 1 for n = 0 and 0 otherwise.
// A negative n, or a negative, NaN or infinite t, is an error wrapping
// ErrInvalidOptions.
func (m BGNBD) ProbabilityOfPurchases(n int, t float64) (float64, error) {
	return m.geo().pmf(n, t)
}

// pmf is P(X(t) = n): with s = 1, B(a, b+n+1)/B(a, b) in the first term
// and the second term, B(a+1, b+n)/B(a, b) times the bracket, for n = 0
// too (the bracket then 1: the customers who dropped out at the start).
func (m cbGeo) pmf(n int, t float64) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, fmt.Errorf("%w: n %d is negative", ErrInvalidOptions, n)
	}
	if err := cbTime("t", t); err != nil {
		return 0, err
	}
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	r, alpha, a, b := m.r, m.alpha, m.a, m.b
	fn := float64(n)
	lbAB := mathext.Lbeta(a, b)
	lnP := -math.Log1p(t / alpha) // ln(α/(α+t))
	lnQ := -math.Log1p(alpha / t) // ln(t/(α+t))
	p := math.Exp(mathext.Lbeta(a, b+fn+m.s) - lbAB + cbLgamma(r+fn) - cbLgamma(r) - cbLgamma(fn+1) + r*lnP + fn*lnQ)
	switch {
	case n > 0:
		p += math.Exp(mathext.Lbeta(a+1, b+fn-1+m.s)-lbAB) * mathext.RegIncBeta(fn, r, t/(alpha+t))
	case m.s > 0:
		p += math.Exp(mathext.Lbeta(a+1, b) - lbAB)
	}
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return 0, fmt.Errorf("%w: P(X(%v) = %d) has no finite value at r %v, α %v, a %v, b %v", ErrUndefined, t, n, r, alpha, a, b)
	}
	return min(max(p, 0), 1), nil
}
