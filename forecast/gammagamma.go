package forecast

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"github.com/salesmetrics/salesmetrics/activity"
)

// GammaGamma is the Gamma-Gamma model of the value of a customer's
// purchases (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary
// Value", after Colombo & Jiang 1999): each purchase of a customer is
// worth Gamma(P, ν) (shape, rate), ν varies across customers as Gamma(Q,
// Gamma), and spend is independent of how often a customer buys. A
// customer's mean spend per purchase is then P·Gamma/(Q−1) on average
// (lifetimes calls Gamma "v").
//
// StdErr holds the standard errors of P, Q and Gamma, by name, from
// the inverse of the negative Hessian of the log-likelihood at the maximum
// (central differences of the analytic gradient). LogLik is the maximised
// log-likelihood over Customers, the repeat customers it was fitted on.
// Values are float64 estimates in the currency's units.
type GammaGamma struct {
	P          float64          `json:"p"`
	Q          float64          `json:"q"`
	Gamma      float64          `json:"gamma"`
	StdErr     GammaGammaErrors `json:"std_err"`
	LogLik     float64          `json:"log_lik"`
	Customers  int              `json:"customers"`
	Iterations int              `json:"iterations"`
}

// GammaGammaErrors are the standard errors of the Gamma-Gamma model's
// parameters, by name.
type GammaGammaErrors struct {
	P     float64 `json:"p"`
	Q     float64 `json:"q"`
	Gamma float64 `json:"gamma"`
}

// valid reports parameters that are not positive and finite.
func (g GammaGamma) valid() error {
	for _, v := range []float64{g.P, g.Q, g.Gamma} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: Gamma-Gamma parameters p %v, q %v, γ %v must be positive and finite", ErrInvalidOptions, g.P, g.Q, g.Gamma)
		}
	}
	return nil
}

// PopulationMeanSpend is the mean spend per purchase across customers,
// P·Gamma/(Q−1) (Fader & Hardie 2013, equation 4; lifetimes' population
// average): what a customer with no repeat purchase is expected to spend.
// Q ≤ 1 leaves it infinite: an error wrapping ErrUndefined. Invalid
// parameters are ErrInvalidOptions.
func (g GammaGamma) PopulationMeanSpend() (float64, error) {
	if err := g.valid(); err != nil {
		return 0, err
	}
	if g.Q <= 1 {
		return 0, fmt.Errorf("%w: the population mean spend needs q > 1, q is %v", ErrUndefined, g.Q)
	}
	return g.P * g.Gamma / (g.Q - 1), nil
}

// String reads like "Gamma-Gamma p 6.249 (1.19), q 3.745 (0.2902), γ 15.45
// (4.16); LL -4055.92 over 946 customers".
func (g GammaGamma) String() string {
	return fmt.Sprintf("Gamma-Gamma p %.4g (%.4g), q %.4g (%.4g), γ %.4g (%.4g); LL %.2f over %d customers",
		g.P, g.StdErr.P, g.Q, g.StdErr.Q, g.Gamma, g.StdErr.Gamma, g.LogLik, g.Customers)
}

// cbGGLogLik returns the Gamma-Gamma log-likelihood at par = (p, q, γ) of
// rows of repeat customers (x purchases of mean value m̄) and, if grad is
// not nil, its gradient. Per customer (the density of the mean of x
// purchases, as Fader & Hardie 2013 and lifetimes fit it),
//
//	ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄)
func cbGGLogLik(par [3]float64, rows []cbRow, grad *[3]float64) float64 {
	p, q, gam := par[0], par[1], par[2]
	lgQ, psiQ, lnG := cbLgamma(q), mathext.Digamma(q), math.Log(gam)
	var ll float64
	var g [3]float64
	for _, row := range rows {
		x := row.x
		pxq := p*x + q
		lnD := math.Log(gam + x*row.meanSpend)
		ll += row.w * (cbLgamma(pxq) - cbLgamma(p*x) - lgQ + q*lnG + (p*x-1)*row.logSpend + p*x*row.logFreq - pxq*lnD)
		if grad != nil {
			psiPXQ := mathext.Digamma(pxq)
			g[0] += row.w * x * (psiPXQ - mathext.Digamma(p*x) + row.logSpend + row.logFreq - lnD)
			g[1] += row.w * (psiPXQ - psiQ + lnG - lnD)
			g[2] += row.w * (q/gam - pxq/(gam+x*row.meanSpend))
		}
	}
	if grad != nil {
		*grad = g
	}
	return ll
}

// FitGammaGamma fits the Gamma-Gamma model (see GammaGamma) by maximum
// likelihood to the customers with repeat purchases (X > 0), each by X
// and MeanSpend; customers without repeat purchases are left out, as the
// model's authors do. The optimiser is BFGS with the analytic gradient
// over the logarithms of p, q and γ, from p = q = 1 and γ the mean of the
// mean spends. On CDNOW (946 repeat customers) it gives Fader & Hardie's
// p 6.25, q 3.74 and, to within 0.01, γ 15.44 (15.4477, as lifetimes).
//
// Errors: invalid options (ErrInvalidOptions); an invalid summary, or a
// repeat customer whose repeat purchases are worth 0 (an
// *activity.RecordError wrapping ErrInvalidSummary); fewer than 4 repeat
// customers (ErrTooFewPoints); and a fit that does not converge or runs a
// parameter to 0 or infinity (ErrNoConvergence), as when every repeat
// customer's mean spend is the same.
func FitGammaGamma(cs []CustomerSummary, opts CustomerFitOptions) (*GammaGamma, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return nil, err
	}
	var keys [][3]float64
	var weights []float64
	var total, n float64
	for i, c := range cs {
		if c.X == 0 {
			continue
		}
		m := c.MeanSpend()
		if !(m > 0) || math.IsInf(m, 0) {
			return nil, &activity.RecordError{Record: "customer summary", Index: i, ID: c.Customer, Field: "repeat_spend",
				Err: fmt.Errorf("%w: the Gamma-Gamma model needs repeat purchases worth more than 0, not a mean of %v", ErrInvalidSummary, m)}
		}
		keys = append(keys, [3]float64{float64(c.X), m, 0})
		weights = append(weights, c.weight())
		total += c.weight() * m
		n += c.weight()
	}
	if n < 4 {
		return nil, fmt.Errorf("%w: %.0f customers with repeat purchases for 3 parameters (need 4)", ErrTooFewPoints, n)
	}
	rows, _ := cbGroup(len(keys), func(i int) ([3]float64, float64) { return keys[i], weights[i] })
	// The fit runs on spend in units of the mean spend; γ is scaled back.
	scale := total / n
	scaled := make([]cbRow, len(rows))
	for i := range rows {
		row := &rows[i]
		row.meanSpend = row.tx // cbGroup keeps the second key, the mean, in tx
		row.logSpend = math.Log(row.meanSpend)
		row.logFreq = math.Log(row.x)
		s := *row
		s.meanSpend /= scale
		s.logSpend = math.Log(s.meanSpend)
		scaled[i] = s
	}
	f := func(u, g []float64) float64 {
		var p [3]float64
		for i := range p {
			p[i] = math.Exp(u[i])
		}
		var grad [3]float64
		ll := cbGGLogLik(p, scaled, &grad)
		for i := range g {
			g[i] = -grad[i] * p[i] / n
		}
		return -ll / n
	}
	u0, err := opts.cbStart("Gamma-Gamma", 1, 1, scale)
	if err != nil {
		return nil, err
	}
	maxIter, tol := opts.cbLimits()
	u, iters, err := cbMinimize(f, u0, maxIter, tol, len(rows))
	if err != nil {
		return nil, fmt.Errorf("Gamma-Gamma: %w", err)
	}
	p := [3]float64{math.Exp(u[0]), math.Exp(u[1]), math.Exp(u[2]) * scale}
	gg := &GammaGamma{P: p[0], Q: p[1], Gamma: p[2], Customers: int(n), Iterations: iters}
	gg.LogLik = cbGGLogLik(p, rows, nil)
	if math.IsNaN(gg.LogLik) || math.IsInf(gg.LogLik, 0) {
		return nil, fmt.Errorf("%w: Gamma-Gamma log-likelihood %v", ErrNoConvergence, gg.LogLik)
	}
	se, err := cbStdErr(p[:], func(q, g []float64) {
		var grad [3]float64
		cbGGLogLik([3]float64(q), rows, &grad)
		copy(g, grad[:])
	})
	if err != nil {
		return nil, fmt.Errorf("Gamma-Gamma: %w", err)
	}
	gg.StdErr = GammaGammaErrors{P: se[0], Q: se[1], Gamma: se[2]}
	return gg, nil
}

// ConditionalExpectedSpend is the expected value of a purchase of the
// customer c, given X repeat purchases of mean value MeanSpend (Fader &
// Hardie 2013, equation 5):
//
//	E[M | p, q, γ, m̄, x] = p(γ + x m̄)/(px + q − 1)
//	                     = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄
//
// a weighted mean of the population's mean pγ/(q−1) and the customer's
// own; for a customer without repeat purchases, the population's. A float64
// estimate in the currency's units. Errors: an invalid c
// (ErrInvalidSummary); parameters that are not positive and finite
// (ErrInvalidOptions); px + q ≤ 1, where the mean is infinite (ErrUndefined:
// q ≤ 1 for a customer without repeat purchases).
func (g GammaGamma) ConditionalExpectedSpend(c CustomerSummary) (float64, error) {
	if err := g.valid(); err != nil {
		return 0, err
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	x := float64(c.X)
	den := g.P*x + g.Q - 1
	if !(den > 0) {
		return 0, fmt.Errorf("%w: p x + q − 1 = %v: the mean spend is infinite", ErrUndefined, den)
	}
	e := g.P * (g.Gamma + x*c.MeanSpend()) / den
	if math.IsNaN(e) || math.IsInf(e, 0) {
		return 0, fmt.Errorf("%w: expected spend %v", ErrUndefined, e)
	}
	return e, nil
}
