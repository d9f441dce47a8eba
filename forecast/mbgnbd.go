package forecast

import (
	"fmt"
)

// MBGNBD is the modified BG/NBD model of repeat buying (Batislam, Denizel
// & Filiztekin 2007, "Empirical validation and comparison of models for
// customer base analysis", International Journal of Research in Marketing
// 24(3), 201–209; with the erratum of Wagner & Hoppe 2008): as the BG/NBD
// (see BGNBD), a customer buys at a Poisson rate λ ~ Gamma(R, Alpha) while
// alive, but may drop out with probability p ~ Beta(A, B) at the first
// purchase too, not only after each repeat one. So a customer with no
// repeat purchase may have left, which the BG/NBD rules out, and its
// P(alive) of such a customer is below 1. Times are in the unit of the
// summaries it was fitted on.
//
// StdErr holds the standard errors by name, as BGNBD's (the inverse of the
// negative Hessian of the log-likelihood at the maximum). LogLik is the
// maximised log-likelihood over Customers; Iterations counts the
// optimiser's steps. A MBGNBD built by hand needs R, Alpha, A and B
// positive and finite; its methods report other values as
// ErrInvalidOptions.
type MBGNBD struct {
	R          float64      `json:"r"`
	Alpha      float64      `json:"alpha"`
	A          float64      `json:"a"`
	B          float64      `json:"b"`
	StdErr     GeoNBDErrors `json:"std_err"`
	LogLik     float64      `json:"log_lik"`
	Customers  int          `json:"customers"`
	Iterations int          `json:"iterations"`
}

// GeoNBDErrors are the standard errors of the parameters of the BG/NBD and
// MBG/NBD models, by name.
type GeoNBDErrors struct {
	R     float64 `json:"r"`
	Alpha float64 `json:"alpha"`
	A     float64 `json:"a"`
	B     float64 `json:"b"`
}

func (m MBGNBD) geo() cbGeo { return cbGeo{m.R, m.Alpha, m.A, m.B, 1, "MBG/NBD"} }

// String reads like "MBG/NBD r 0.5248 (0.08328), α 6.183 (0.6957), a
// 0.8914 (0.1548), b 1.614 (0.5376); LL -9582.13 over 2357 customers".
func (m MBGNBD) String() string {
	e := m.StdErr
	return fmt.Sprintf("MBG/NBD r %.4g (%.4g), α %.4g (%.4g), a %.4g (%.4g), b %.4g (%.4g); LL %.2f over %d customers",
		m.R, e.R, m.Alpha, e.Alpha, m.A, e.A, m.B, e.B, m.LogLik, m.Customers)
}

// FitMBGNBD fits the MBG/NBD model (see MBGNBD) to the customers'
// summaries by maximum likelihood, as FitBGNBD fits the BG/NBD (the same
// optimiser, start, rescaling and weighting of equal histories), on the
// likelihood of Batislam et al.: per customer,
//
//	L = Γ(r+x) α^r / Γ(r) · [ B(a, b+x+1)/B(a, b) · (α+T)^−(r+x)
//	                        + B(a+1, b+x)/B(a, b) · (α+t_x)^−(r+x) ]
//
// On CDNOW (in weeks) it agrees with lifetimes' ModifiedBetaGeoFitter: r
// 0.525, α 6.183, a 0.891, b 1.614, LL −9582.13. Errors as FitBGNBD's.
func FitMBGNBD(cs []CustomerSummary, opts CustomerFitOptions) (*MBGNBD, error) {
	f, err := cbFitGeo(cs, opts, 1, "MBG/NBD")
	if err != nil {
		return nil, err
	}
	return &MBGNBD{R: f.p[0], Alpha: f.p[1], A: f.p[2], B: f.p[3], LogLik: f.ll, Customers: cbCustomers(cs), Iterations: f.iters,
		StdErr: f.errors()}, nil
}

// LogLikelihood is the MBG/NBD log-likelihood of the summaries at the
// model's parameters, summed over them: to score published or assumed
// parameters, or a model fitted on other customers. Errors: invalid
// parameters (ErrInvalidOptions) or summaries (ErrInvalidSummary).
func (m MBGNBD) LogLikelihood(cs []CustomerSummary) (float64, error) { return m.geo().logLikOf(cs) }

// ExpectedPurchases is E[X(t)], the number of repeat purchases a new
// customer is expected to make in the next t units (Batislam et al. 2007):
//
//	E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))]
//
// Errors as BGNBD.ExpectedPurchases'.
func (m MBGNBD) ExpectedPurchases(t float64) (float64, error) { return m.geo().expected(t) }

// ConditionalExpectedPurchases is E[Y(t) | x, t_x, T], the number of
// purchases a customer with the history c is expected to make in the next
// t units (Wagner & Hoppe 2008):
//
//	E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
//	                      / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))
//
// Errors as BGNBD.ConditionalExpectedPurchases'.
func (m MBGNBD) ConditionalExpectedPurchases(t float64, c CustomerSummary) (float64, error) {
	return m.geo().conditionalOf(t, c)
}

// ProbabilityAlive is the probability that a customer with the history c
// is still alive at T (Batislam et al. 2007, appendix A, equation 5):
//
//	P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))
//
// below 1 for a customer with no repeat purchase too. An invalid c is an
// error wrapping ErrInvalidSummary.
func (m MBGNBD) ProbabilityAlive(c CustomerSummary) (float64, error) { return m.geo().aliveOf(c) }

// ProbabilityOfPurchases is P(X(t) = n), the probability that a new
// customer makes exactly n repeat purchases in t units:
//
//	P(X(t) = n) = B(a, b+n+1)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
//	            + B(a+1, b+n)/B(a, b) · [1 − Σ_{j<n} Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j]
//
// the bracket (1 for n = 0) as the regularised incomplete beta function,
// as BGNBD.ProbabilityOfPurchases computes it. Errors as that method's.
func (m MBGNBD) ProbabilityOfPurchases(n int, t float64) (float64, error) { return m.geo().pmf(n, t) }
