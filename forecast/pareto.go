package forecast

import (
	"fmt"
	"math"
)

// ParetoNBD is the Pareto/NBD model of repeat buying (Schmittlein,
// Morrison & Colombo 1987; the expressions of Fader, Hardie & Lee, "A Note
// on Deriving the Pareto/NBD Model and Related Expressions", 2005): while
// alive a customer buys at a Poisson rate λ ~ Gamma(R, Alpha), and stays
// alive for an exponential lifetime of rate μ ~ Gamma(S, Beta), dropping
// out at any time, not only at a purchase. Times are in the unit of the
// summaries it was fitted on (Alpha and Beta are in that unit).
//
// StdErr holds the standard errors by name: the square roots of the
// diagonal of the inverse of the negative Hessian of the log-likelihood at
// the maximum, the Hessian by central second differences. LogLik is the
// maximised log-likelihood over Customers; Iterations counts the
// optimiser's steps. A ParetoNBD built by hand needs R, Alpha, S and Beta
// positive and finite; its methods report other values as
// ErrInvalidOptions. There is no P(X(t) = n) for this model here (nor in
// lifetimes).
type ParetoNBD struct {
	R          float64         `json:"r"`
	Alpha      float64         `json:"alpha"`
	S          float64         `json:"s"`
	Beta       float64         `json:"beta"`
	StdErr     ParetoNBDErrors `json:"std_err"`
	LogLik     float64         `json:"log_lik"`
	Customers  int             `json:"customers"`
	Iterations int             `json:"iterations"`
}

// ParetoNBDErrors are the standard errors of the Pareto/NBD's parameters,
// by name.
type ParetoNBDErrors struct {
	R     float64 `json:"r"`
	Alpha float64 `json:"alpha"`
	S     float64 `json:"s"`
	Beta  float64 `json:"beta"`
}

// String reads like "Pareto/NBD r 0.5533 (0.04763), α 10.58 (0.8427), s
// 0.6063 (0.1873), β 11.67 (6.212); LL -9594.97 over 2357 customers".
func (m ParetoNBD) String() string {
	e := m.StdErr
	return fmt.Sprintf("Pareto/NBD r %.4g (%.4g), α %.4g (%.4g), s %.4g (%.4g), β %.4g (%.4g); LL %.2f over %d customers",
		m.R, e.R, m.Alpha, e.Alpha, m.S, e.S, m.Beta, e.Beta, m.LogLik, m.Customers)
}

// valid reports parameters that are not positive and finite.
func (m ParetoNBD) valid() error {
	for _, v := range []float64{m.R, m.Alpha, m.S, m.Beta} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: Pareto/NBD parameters r %v, α %v, s %v, β %v must be positive and finite", ErrInvalidOptions, m.R, m.Alpha, m.S, m.Beta)
		}
	}
	return nil
}

// cbLnHyp2F1Next is ln ₂F₁(a, b; a+1; z) for a > 0, 0 < a+1−b and
// 0 ≤ z < 1, the form A₀ takes, by Euler's transformation
//
//	₂F₁(a, b; a+1; z) = (1−z)^(1−b) · Σ_k (a+1−b)_k / (a+1)_k · z^k
//
// whose terms are positive and shrink at least as fast as z^k: no
// cancellation, and a bounded number of terms: at most 5,000, enough for z
// up to 0.993; closer to 1 (a customer whose min(α, β) is under a
// hundredth of max(α, β) and who bought early) it is NaN, and the model's
// values for that customer ErrUndefined.
func cbLnHyp2F1Next(a, b, z float64) float64 {
	sum, term := 1.0, 1.0
	d := a + 1 - b
	for k := 0.0; k < 5_000; k++ {
		term *= (d + k) / (a + 1 + k) * z
		sum += term
		if term <= 1e-17*sum {
			return (1-b)*math.Log1p(-z) + math.Log(sum)
		}
	}
	return math.NaN()
}

// lnA0 is ln A₀ of Fader, Hardie & Lee's equations (19) and (20): with
// M = max(α, β), m = min(α, β), q = s+1 when α ≥ β and r+x otherwise,
//
//	A₀ = ₂F₁(r+s+x, q; r+s+x+1; (M−m)/(M+t_x)) / (M+t_x)^(r+s+x)
//	   − ₂F₁(r+s+x, q; r+s+x+1; (M−m)/(M+T)) / (M+T)^(r+s+x)
//
// −Inf when A₀ is 0 (t_x = T: no time since the last purchase to have
// dropped out in).
func (m ParetoNBD) lnA0(x, tx, T float64) float64 {
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	big, small, q := alpha, beta, s+1
	if alpha < beta {
		big, small, q = beta, alpha, r+x
	}
	rsx := r + s + x
	f := func(y float64) float64 {
		return cbLnHyp2F1Next(rsx, q, (big-small)/(big+y)) - rsx*math.Log(big+y)
	}
	a1, a2 := f(tx), f(T)
	if !(a2 < a1) {
		return math.Inf(-1)
	}
	return a1 + math.Log1p(-math.Exp(a2-a1))
}

// lnAliveOdds is ln of the odds against being alive: (s/(r+s+x)) ·
// (α+T)^(r+x) (β+T)^s · A₀.
func (m ParetoNBD) lnAliveOdds(x, tx, T float64) float64 {
	return math.Log(m.S) - math.Log(m.R+m.S+x) + (m.R+x)*math.Log(m.Alpha+T) + m.S*math.Log(m.Beta+T) + m.lnA0(x, tx, T)
}

// logLik is the log-likelihood of one history (Fader, Hardie & Lee's
// equation 18):
//
//	ℓ = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
//	  + ln((α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀)
func (m ParetoNBD) logLik(x, tx, T float64) float64 {
	r, alpha, s, beta := m.R, m.Alpha, m.S, m.Beta
	l1 := -(r+x)*math.Log(alpha+T) - s*math.Log(beta+T)
	l2 := math.Log(s) - math.Log(r+s+x) + m.lnA0(x, tx, T)
	hi, lo := l1, l2
	if lo > hi {
		hi, lo = lo, hi
	}
	return cbLgamma(r+x) - cbLgamma(r) + r*math.Log(alpha) + s*math.Log(beta) + hi + math.Log1p(math.Exp(lo-hi))
}

// rowsLogLik sums logLik over weighted rows.
func (m ParetoNBD) rowsLogLik(rows []cbRow) float64 {
	var ll float64
	for _, row := range rows {
		ll += row.w * m.logLik(row.x, row.tx, row.t)
	}
	return ll
}

// FitParetoNBD fits the Pareto/NBD model (see ParetoNBD) to the customers'
// summaries by maximum likelihood: BFGS over the logarithms of r, α, s and
// β, the gradient by central differences, from r = α = s = β = 1 (or
// opts.Initial) on times rescaled so that the oldest customer's age is 1,
// weighted rows counted as their Weight. On CDNOW (weeks) it gives Fader,
// Hardie & Lee's r 0.55, α 10.58, s 0.61, β 11.67, LL −9595.0, and agrees
// with lifetimes' ParetoNBDFitter. Errors as FitBGNBD's.
func FitParetoNBD(cs []CustomerSummary, opts CustomerFitOptions) (*ParetoNBD, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return nil, err
	}
	g, err := cbGroupForFit(cs)
	if err != nil {
		return nil, err
	}
	rows, scaled, maxT, n := g.rows, g.scaledRows(), g.maxT, float64(g.customers)
	u0, err := opts.cbStart("Pareto/NBD", 1, maxT, 1, maxT)
	if err != nil {
		return nil, err
	}
	u, iters, err := cbMinimizeNumeric(func(p [4]float64) float64 {
		return -ParetoNBD{R: p[0], Alpha: p[1], S: p[2], Beta: p[3]}.rowsLogLik(scaled) / n
	}, u0, opts, len(scaled))
	if err != nil {
		return nil, fmt.Errorf("Pareto/NBD: %w", err)
	}
	m := &ParetoNBD{R: math.Exp(u[0]), Alpha: math.Exp(u[1]) * maxT, S: math.Exp(u[2]), Beta: math.Exp(u[3]) * maxT,
		Customers: g.customers, Iterations: iters}
	m.LogLik = m.rowsLogLik(rows)
	if math.IsNaN(m.LogLik) || math.IsInf(m.LogLik, 0) || math.IsInf(m.Alpha, 0) || math.IsInf(m.Beta, 0) {
		return nil, fmt.Errorf("%w: Pareto/NBD log-likelihood %v", ErrNoConvergence, m.LogLik)
	}
	se, err := cbStdErrLL([]float64{m.R, m.Alpha, m.S, m.Beta}, func(p []float64) float64 {
		return ParetoNBD{R: p[0], Alpha: p[1], S: p[2], Beta: p[3]}.rowsLogLik(rows)
	})
	if err != nil {
		return nil, fmt.Errorf("Pareto/NBD: %w", err)
	}
	m.StdErr = ParetoNBDErrors{R: se[0], Alpha: se[1], S: se[2], Beta: se[3]}
	return m, nil
}

// LogLikelihood is the Pareto/NBD log-likelihood of the summaries at the
// model's parameters, summed over them (rows counted as their Weight).
// Errors: invalid parameters (ErrInvalidOptions) or summaries
// (ErrInvalidSummary).
func (m ParetoNBD) LogLikelihood(cs []CustomerSummary) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return 0, err
	}
	var ll float64
	for _, c := range cs {
		ll += c.weight() * m.logLik(float64(c.X), c.TX, c.T)
	}
	return ll, nil
}

// ProbabilityAlive is the probability that a customer with the history c
// is still alive at T (Fader, Hardie & Lee 2005, equations 36 and 37):
//
//	P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)
//
// 1 when t_x = T. An invalid c is an error wrapping ErrInvalidSummary.
func (m ParetoNBD) ProbabilityAlive(c CustomerSummary) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	p := m.alive(float64(c.X), c.TX, c.T)
	if math.IsNaN(p) {
		return 0, fmt.Errorf("%w: P(alive) of x %d, t_x %v, T %v has no finite value at %v", ErrUndefined, c.X, c.TX, c.T, m)
	}
	return p, nil
}

func (m ParetoNBD) alive(x, tx, T float64) float64 {
	lo := m.lnAliveOdds(x, tx, T)
	if lo > 0 {
		e := math.Exp(-lo)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(lo))
}

// ExpectedPurchases is E[X(t)], the number of repeat purchases a new
// customer is expected to make in the next t units (Fader, Hardie & Lee
// 2005, equation 27):
//
//	E[X(t)] = r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]
//
// taking its limit r β/α · ln(1 + t/β) at s = 1. Errors as
// BGNBD.ExpectedPurchases'.
func (m ParetoNBD) ExpectedPurchases(t float64) (float64, error) {
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
// t units (Fader, Hardie & Lee 2005, equation 41):
//
//	E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]
//
// with the same limit at s = 1. Errors: an invalid c (ErrInvalidSummary)
// or t (ErrInvalidOptions); a value that is not finite (ErrUndefined).
func (m ParetoNBD) ConditionalExpectedPurchases(t float64, c CustomerSummary) (float64, error) {
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

func (m ParetoNBD) conditional(t, x, tx, T float64) (float64, error) {
	if t == 0 {
		return 0, nil
	}
	// [1 − ((β+T)/(β+T+t))^(s−1)] / (s−1), without cancellation, and its
	// limit ln(1 + t/(β+T)) at s = 1.
	l := math.Log1p(t / (m.Beta + T))
	k := l
	if d := m.S - 1; math.Abs(d) > 1e-12 {
		k = -math.Expm1(-d*l) / d
	}
	e := m.alive(x, tx, T) * (m.R + x) * (m.Beta + T) / (m.Alpha + T) * k
	if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
		return 0, fmt.Errorf("%w: E[Y(%v) | x %v, t_x %v, T %v] has no finite value at %v", ErrUndefined, t, x, tx, T, m)
	}
	return e, nil
}

// Predict predicts every customer of cs over the next t units in one call,
// as BGNBD.Predict does.
func (m ParetoNBD) Predict(cs []CustomerSummary, t float64) (CustomerPredictions, error) {
	if err := m.valid(); err != nil {
		return CustomerPredictions{}, err
	}
	return cbPredictAll(cs, t, m.alive, m.conditional)
}
