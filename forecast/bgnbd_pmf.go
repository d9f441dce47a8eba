package forecast

import (
	"fmt"
	"math"
)

// ProbabilityOfPurchases is P(X(t) = n), the chance a new customer makes
// exactly n purchases in t (equation 8 of Fader, Hardie & Lee 2005):
//
//	B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
//	  + [n > 0] · B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j]
//
// A negative n or t (or an infinite t) is an error wrapping
// ErrInvalidOptions.
func (m *BGNBD) ProbabilityOfPurchases(n int, t float64) (float64, error) {
	if n < 0 || !(t >= 0) || math.IsInf(t, 0) {
		return 0, fmt.Errorf("%w: n %d, t %v", ErrInvalidOptions, n, t)
	}
	lg := func(v float64) float64 { l, _ := math.Lgamma(v); return l }
	lbeta := func(p, q float64) float64 { return lg(p) + lg(q) - lg(p+q) }
	r, al, a, b := m.R, m.Alpha, m.A, m.B
	x := float64(n)
	lp, lq := math.Log(al/(al+t)), 0.0
	if t > 0 {
		lq = math.Log(t / (al + t))
	}
	// The negative binomial term of j purchases: Γ(r+j)/(Γ(r) j!) p^r q^j.
	nb := func(j float64) float64 {
		if j > 0 && t == 0 {
			return 0
		}
		return math.Exp(lg(r+j) - lg(r) - lg(j+1) + r*lp + j*lq)
	}
	p := math.Exp(lbeta(a, b+x)-lbeta(a, b)) * nb(x)
	if n > 0 {
		var sum float64
		for j := range n {
			sum += nb(float64(j))
		}
		p += math.Exp(lbeta(a+1, b+x-1)-lbeta(a, b)) * (1 - sum)
	}
	return math.Min(math.Max(p, 0), 1), nil
}
