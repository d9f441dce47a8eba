package forecast

import (
	"fmt"
	"math"
)

// CustomerSummary is a customer's repeat-purchase history over a
// calibration period, in a time unit the caller chooses and states (weeks,
// say): X repeat purchases (purchases after the first, counted once per
// day), the last of them at TX after the first purchase (0 when X is 0),
// and T from the first purchase to the end of calibration.
type CustomerSummary struct {
	X  int     `json:"x"`
	TX float64 `json:"t_x"`
	T  float64 `json:"T"`
}

func (c CustomerSummary) valid() bool {
	return c.X >= 0 && c.TX >= 0 && c.T > 0 && c.TX <= c.T && !(c.X == 0 && c.TX != 0) && !math.IsNaN(c.TX+c.T) && !math.IsInf(c.T, 0)
}

// BGNBD is the beta-geometric / negative binomial distribution model of
// Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way",
// Marketing Science 24(2): while alive a customer buys at a Poisson rate λ
// ~ Gamma(R, Alpha) and after each purchase drops out with probability p ~
// Beta(A, B). It is fitted by maximum likelihood (the log-likelihood of
// equation 6 of the paper, through log-gamma and log-sum-exp); LogLik is
// the maximum; StdErr are the standard errors of R, Alpha, A, B from the
// inverse of a numerical Hessian of the log-likelihood. Estimates are
// float64, in the summaries' time unit.
type BGNBD struct {
	R, Alpha, A, B float64
	StdErr         [4]float64
	LogLik         float64
	Customers      int
}

// bgTotal returns the log-likelihood of every customer. The gamma and
// beta terms depend on a customer only through x: they are computed once
// per distinct x (CDNOW has 2,357 customers and 26 values of x).
func bgTotal(p [4]float64, cs []CustomerSummary) float64 {
	return bgWeighted(p, cs, nil)
}

// bgWeighted is bgTotal with customer i counted n[i] times (nil: once).
func bgWeighted(p [4]float64, cs []CustomerSummary, n []float64) float64 {
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	lg := func(v float64) float64 { l, _ := math.Lgamma(v); return l }
	lbeta := func(p, q float64) float64 { return lg(p) + lg(q) - lg(p+q) }
	type terms struct{ c1, c2 float64 }
	byX := map[int]terms{}
	lbab, lgr, lalpha := lbeta(a, b), lg(r), math.Log(alpha)
	var s float64
	w := 1.0
	for i, c := range cs {
		if n != nil {
			w = n[i]
		}
		t, ok := byX[c.X]
		if !ok {
			x := float64(c.X)
			common := lg(r+x) - lgr + r*lalpha
			t.c1 = common + lbeta(a, b+x) - lbab
			if c.X > 0 {
				t.c2 = common + lbeta(a+1, b+x-1) - lbab
			}
			byX[c.X] = t
		}
		x := float64(c.X)
		a1 := t.c1 - (r+x)*math.Log(alpha+c.T)
		if c.X == 0 {
			s += w * a1
			continue
		}
		a2 := t.c2 - (r+x)*math.Log(alpha+c.TX)
		m := math.Max(a1, a2)
		s += w * (m + math.Log(math.Exp(a1-m)+math.Exp(a2-m)))
	}
	return s
}

// FitBGNBD fits the model to the summaries by maximum likelihood over the
// logs of its four parameters (Nelder–Mead from several starts). Errors
// wrap ErrInvalidOptions for no summaries or an invalid one (X < 0, T not
// above 0, TX outside [0, T], TX not 0 with X 0) and ErrNoConvergence for a
// fit that does not converge to a finite likelihood.
func FitBGNBD(cs []CustomerSummary) (*BGNBD, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("%w: no customers", ErrInvalidOptions)
	}
	for i, c := range cs {
		if !c.valid() {
			return nil, fmt.Errorf("%w: customer %d: x %d, t_x %v, T %v", ErrInvalidOptions, i, c.X, c.TX, c.T)
		}
	}
	// Customers with the same history contribute the same likelihood:
	// count each history once, weighted (days make histories repeat).
	index := map[CustomerSummary]int{}
	var uniq []CustomerSummary
	var counts []float64
	for _, c := range cs {
		i, ok := index[c]
		if !ok {
			i = len(uniq)
			index[c] = i
			uniq = append(uniq, c)
			counts = append(counts, 0)
		}
		counts[i]++
	}
	neg := func(v []float64) float64 {
		ll := bgWeighted([4]float64{math.Exp(v[0]), math.Exp(v[1]), math.Exp(v[2]), math.Exp(v[3])}, uniq, counts)
		if math.IsNaN(ll) || math.IsInf(ll, 0) {
			return math.Inf(1)
		}
		return -ll
	}
	var best []float64
	bestF := math.Inf(1)
	for _, start := range [][]float64{{0, 0, 0, 0}, {-1, 1, -0.5, 1}} {
		x, _, _ := hwNelderMead(neg, start, 0.5, 4000)
		x, f, _ := hwNelderMead(neg, x, 0.05, 4000) // restart from the best vertex
		if f < bestF {
			best, bestF = x, f
		}
	}
	if math.IsInf(bestF, 0) {
		return nil, fmt.Errorf("%w: no finite likelihood", ErrNoConvergence)
	}
	m := &BGNBD{R: math.Exp(best[0]), Alpha: math.Exp(best[1]), A: math.Exp(best[2]), B: math.Exp(best[3]), LogLik: -bestF, Customers: len(cs)}
	m.StdErr = bgStdErr([4]float64{m.R, m.Alpha, m.A, m.B}, cs)
	return m, nil
}

// bgStdErr returns the standard errors from the inverse of the numerical
// Hessian of the log-likelihood (central differences); 0 where it is not
// positive definite.
func bgStdErr(p [4]float64, cs []CustomerSummary) [4]float64 {
	var h [4][4]float64
	step := func(i int) float64 { return 1e-4 * math.Max(p[i], 1e-3) }
	f := func(q [4]float64) float64 { return bgTotal(q, cs) }
	for i := range 4 {
		for j := i; j < 4; j++ {
			hi, hj := step(i), step(j)
			var q [4]float64
			v := func(di, dj float64) float64 { q = p; q[i] += di; q[j] += dj; return f(q) }
			h[i][j] = (v(hi, hj) - v(hi, -hj) - v(-hi, hj) + v(-hi, -hj)) / (4 * hi * hj)
			h[j][i] = h[i][j]
		}
	}
	// Invert −H by Gauss–Jordan.
	var a [4][8]float64
	for i := range 4 {
		for j := range 4 {
			a[i][j] = -h[i][j]
		}
		a[i][4+i] = 1
	}
	for c := range 4 {
		piv := c
		for r := c + 1; r < 4; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		a[c], a[piv] = a[piv], a[c]
		if a[c][c] == 0 {
			return [4]float64{}
		}
		d := a[c][c]
		for k := range 8 {
			a[c][k] /= d
		}
		for r := range 4 {
			if r != c {
				f := a[r][c]
				for k := range 8 {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	var se [4]float64
	for i := range 4 {
		if v := a[i][4+i]; v > 0 {
			se[i] = math.Sqrt(v)
		}
	}
	return se
}

// hyp2f1 is the Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1
// by its series, summed until the terms stop mattering.
func hyp2f1(a, b, c, z float64) float64 {
	sum, term := 1.0, 1.0
	for n := 0.0; n < 100_000; n++ {
		term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
		sum += term
		if math.Abs(term) < 1e-16*math.Abs(sum) {
			break
		}
	}
	return sum
}

// ExpectedPurchases is E[X(t)], the purchases a new customer is expected
// to make in t (equation 7 of the paper):
//
//	(a + b − 1)/(a − 1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]
//
// It needs t ≥ 0 (else ErrInvalidOptions); the closed form is undefined at
// A exactly 1 (ErrUndefined).
func (m *BGNBD) ExpectedPurchases(t float64) (float64, error) {
	if !(t >= 0) || math.IsInf(t, 0) {
		return 0, fmt.Errorf("%w: t %v", ErrInvalidOptions, t)
	}
	if m.A == 1 {
		return 0, fmt.Errorf("%w: the closed form needs a ≠ 1", ErrUndefined)
	}
	r, al, a, b := m.R, m.Alpha, m.A, m.B
	return (a + b - 1) / (a - 1) * (1 - math.Pow(al/(al+t), r)*hyp2f1(r, b, a+b-1, t/(al+t))), nil
}

// ConditionalExpectedPurchases is E[Y(t) | x, t_x, T], the purchases a
// customer with history c is expected to make in the next t (equation 10 of
// the paper). It needs a valid c and t ≥ 0 (else ErrInvalidOptions); the
// closed form is undefined at A exactly 1 (ErrUndefined).
func (m *BGNBD) ConditionalExpectedPurchases(t float64, c CustomerSummary) (float64, error) {
	if !c.valid() || !(t >= 0) || math.IsInf(t, 0) {
		return 0, fmt.Errorf("%w: customer %+v, t %v", ErrInvalidOptions, c, t)
	}
	if m.A == 1 {
		return 0, fmt.Errorf("%w: the closed form needs a ≠ 1", ErrUndefined)
	}
	r, al, a, b := m.R, m.Alpha, m.A, m.B
	x := float64(c.X)
	num := (a + b + x - 1) / (a - 1) * (1 - math.Pow((al+c.T)/(al+c.T+t), r+x)*hyp2f1(r+x, b+x, a+b+x-1, t/(al+c.T+t)))
	return num / (1 + m.aliveOdds(c)), nil
}

// aliveOdds is δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x).
func (m *BGNBD) aliveOdds(c CustomerSummary) float64 {
	if c.X == 0 {
		return 0
	}
	x := float64(c.X)
	return m.A / (m.B + x - 1) * math.Pow((m.Alpha+c.T)/(m.Alpha+c.TX), m.R+x)
}

// ProbabilityAlive is P(alive | x, t_x, T) = 1 / (1 + aliveOdds): 1 for a
// customer with no repeat purchase. An invalid c is an error wrapping
// ErrInvalidOptions.
func (m *BGNBD) ProbabilityAlive(c CustomerSummary) (float64, error) {
	if !c.valid() {
		return 0, fmt.Errorf("%w: customer %+v", ErrInvalidOptions, c)
	}
	return 1 / (1 + m.aliveOdds(c)), nil
}
