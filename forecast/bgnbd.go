package forecast

import (
	"fmt"
	"math"

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
	// respect to the logarithms of the parameters, exceeds it. Zero means
	// 1e-9; it must not be negative.
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
// spend, in x and the mean) into weighted rows, key i counting weights[i]
// customers, and lists the distinct frequencies, recencies and ages the
// rows index (so that a likelihood takes each logarithm once). Customers
// buy on days, so histories repeat often.
func cbGroup(keys [][3]float64, weights []float64) (rows []cbRow, d cbDistinct) {
	index := make(map[[3]float64]int, len(keys))
	xIndex, tIndex, txIndex := map[float64]int{}, map[float64]int32{}, map[float64]int32{}
	for j, key := range keys {
		if i, ok := index[key]; ok {
			rows[i].w += weights[j]
			continue
		}
		k, ok := xIndex[key[0]]
		if !ok {
			k = len(d.xs)
			xIndex[key[0]] = k
			d.xs = append(d.xs, key[0])
		}
		txi, ok := txIndex[key[1]]
		if !ok {
			txi = int32(len(d.txs))
			txIndex[key[1]] = txi
			d.txs = append(d.txs, key[1])
		}
		ti, ok := tIndex[key[2]]
		if !ok {
			ti = int32(len(d.ts))
			tIndex[key[2]] = ti
			d.ts = append(d.ts, key[2])
		}
		index[key] = len(rows)
		rows = append(rows, cbRow{k: k, ti: ti, txi: txi, x: key[0], tx: key[1], t: key[2], w: weights[j]})
	}
	return rows, d
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
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	xs := dist.xs
	// ln(α+T) and ln(α+t_x), and their reciprocals, once per distinct value.
	lnTs, invTs := make([]float64, len(dist.ts)), make([]float64, len(dist.ts))
	for j, t := range dist.ts {
		lnTs[j], invTs[j] = math.Log(alpha+t), 1/(alpha+t)
	}
	lnTXs, invTXs := make([]float64, len(dist.txs)), make([]float64, len(dist.txs))
	for j, t := range dist.txs {
		lnTXs[j], invTXs[j] = math.Log(alpha+t), 1/(alpha+t)
	}
	lgR, lgB, lgAB := cbLgamma(r), cbLgamma(b), cbLgamma(a+b)
	psiR, psiB, psiAB := mathext.Digamma(r), mathext.Digamma(b), mathext.Digamma(a+b)
	lnAlpha, lnA := math.Log(alpha), math.Log(a)
	type perX struct{ c, c4, dr, da, db float64 }
	px := make([]perX, len(xs))
	for k, x := range xs {
		q := perX{c: cbLgamma(r+x) - lgR + lgAB + cbLgamma(b+x+s) - lgB - cbLgamma(a+b+x+s)}
		if x > 0 || s > 0 {
			q.c4 = lnA - math.Log(b+x-1+s)
		}
		if grad != nil {
			q.dr = mathext.Digamma(r+x) - psiR
			psiABX := mathext.Digamma(a + b + x + s)
			q.da = psiAB - psiABX
			q.db = psiAB + mathext.Digamma(b+x+s) - psiB - psiABX
		}
		px[k] = q
	}
	var ll float64
	var g [4]float64
	for _, row := range rows {
		q := px[row.k]
		x := row.x
		lnT, invT := lnTs[row.ti], invTs[row.ti]
		l3 := -(r + x) * lnT
		if x == 0 && s == 0 {
			ll += row.w * (q.c + r*lnAlpha + l3)
			if grad != nil {
				g[0] += row.w * (q.dr + lnAlpha - lnT)
				g[1] += row.w * (r/alpha - r*invT)
			}
			continue
		}
		lnTX, invTX := lnTXs[row.txi], invTXs[row.txi]
		l4 := q.c4 - (r+x)*lnTX
		m, d := l3, l4-l3
		if l4 > l3 {
			m, d = l4, l3-l4
		}
		e := math.Exp(d) // the smaller term over the larger
		ll += row.w * (q.c + r*lnAlpha + m + math.Log1p(e))
		if grad != nil {
			// w3 and w4 are the shares of the two terms of the sum.
			w3, w4 := 1/(1+e), e/(1+e)
			if l4 > l3 {
				w3, w4 = w4, w3
			}
			g[0] += row.w * (q.dr + lnAlpha - w3*lnT - w4*lnTX)
			g[1] += row.w * (r/alpha - (r+x)*(w3*invT+w4*invTX))
			g[2] += row.w * (q.da + w4/a)
			g[3] += row.w * (q.db - w4/(b+x-1+s))
		}
	}
	if grad != nil {
		*grad = g
	}
	return ll
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
// rows of distinct histories, the same with times divided by the oldest
// age maxT, the distinct frequencies, and the customers they stand for.
type cbFitRows struct {
	rows, scaled   []cbRow
	dist, distScal cbDistinct // the distinct values of rows and scaled
	maxT           float64
	customers      int
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
	keys, weights := make([][3]float64, len(cs)), make([]float64, len(cs))
	for i, c := range cs {
		keys[i], weights[i] = [3]float64{float64(c.X), c.TX, c.T}, c.weight()
		g.maxT = max(g.maxT, c.T)
		repeat = repeat || c.X > 0
	}
	if !repeat || g.maxT == 0 {
		return g, fmt.Errorf("%w: no customer made a repeat purchase over an age above 0", ErrTooFewPoints)
	}
	g.rows, g.dist = cbGroup(keys, weights)
	g.scaled = make([]cbRow, len(g.rows))
	for i, row := range g.rows {
		row.tx /= g.maxT
		row.t /= g.maxT
		g.scaled[i] = row
	}
	g.distScal = g.dist.scaled(g.maxT)
	return g, nil
}

// cbMinimizeNumeric minimises nll, a negative mean log-likelihood of four
// positive parameters, over their logarithms from u0 by cbMinimize, the
// gradient by central differences (step 1e-5 in the logarithms), with a
// tolerance no finer than 1e-8 (the differences' noise). Beyond e^±15 nll
// is not asked: the fit has run off.
func cbMinimizeNumeric(nll func(p [4]float64) float64, u0 []float64, opts CustomerFitOptions) ([]float64, int, error) {
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
	return cbMinimize(f, u0, maxIter, max(tol, 1e-8))
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
	rows, scaled, maxT, dist, distScal := g.rows, g.scaled, g.maxT, g.dist, g.distScal
	n := float64(g.customers)
	f := func(u, g []float64) float64 {
		var p [4]float64
		for i := range p {
			p[i] = math.Exp(u[i])
		}
		var grad [4]float64
		ll := cbGeoLogLik(p, scaled, distScal, &grad, s)
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
	u, iters, err := cbMinimize(f, u0, maxIter, tol)
	if err != nil {
		return cbGeoFit{}, fmt.Errorf("%s: %w", name, err)
	}
	p := [4]float64{math.Exp(u[0]), math.Exp(u[1]) * maxT, math.Exp(u[2]), math.Exp(u[3])}
	fit := cbGeoFit{p: p, iters: iters, ll: cbGeoLogLik(p, rows, dist, nil, s)}
	if math.IsNaN(fit.ll) || math.IsInf(fit.ll, 0) || math.IsInf(p[1], 0) {
		return cbGeoFit{}, fmt.Errorf("%w: %s log-likelihood %v", ErrNoConvergence, name, fit.ll)
	}
	se, err := cbStdErr(p[:], func(q, g []float64) {
		var grad [4]float64
		cbGeoLogLik([4]float64(q), rows, dist, &grad, s)
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

// cbMinimize minimises f (which returns the value and fills the gradient)
// by BFGS with a backtracking (Armijo) line search, from x0, until no
// gradient component exceeds tol (or, where f is flat to float64
// precision, exceeds √tol). It fails, wrapping ErrNoConvergence, after
// maxIter iterations, when no step decreases f while the gradient is
// still large, and when a coordinate leaves [−25, 25] (the coordinates are
// logarithms of parameters: the fit runs to a boundary).
func cbMinimize(f func(x, g []float64) float64, x0 []float64, maxIter int, tol float64) ([]float64, int, error) {
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
	keys, weights := make([][3]float64, len(cs)), make([]float64, len(cs))
	for i, c := range cs {
		keys[i], weights[i] = [3]float64{float64(c.X), c.TX, c.T}, c.weight()
	}
	rows, dist := cbGroup(keys, weights)
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
