package forecast

import (
	"fmt"
	"math"
)

// SpendSummary is a repeat customer's number of repeat purchases X (at
// least 1) and their mean value Mean.
type SpendSummary struct {
	X    int     `json:"x"`
	Mean float64 `json:"mean"`
}

// GammaGamma is the Gamma-Gamma model of spend per transaction (Fader &
// Hardie, "The Gamma-Gamma Model of Monetary Value", 2013; Colombo &
// Jiang 1999): a customer's transaction values are Gamma(P, ν) with ν ~
// Gamma(Q, Gamma) across customers, independent of how often they buy. It
// is fitted by maximum likelihood over repeat customers; LogLik is the
// maximum. Estimates are float64 in the currency's units.
type GammaGamma struct {
	P, Q, Gamma float64
	LogLik      float64
	Customers   int
}

// FitGammaGamma fits the model to repeat customers (X ≥ 1, Mean > 0); the
// log-likelihood of a customer is
//
//	ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + x m̄)
//
// Errors wrap ErrInvalidOptions for no customers or one with X < 1 or Mean
// not above 0, ErrNoConvergence for a fit without a finite likelihood.
func FitGammaGamma(cs []SpendSummary) (*GammaGamma, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("%w: no repeat customers", ErrInvalidOptions)
	}
	for i, c := range cs {
		if c.X < 1 || !(c.Mean > 0) || math.IsInf(c.Mean, 0) {
			return nil, fmt.Errorf("%w: customer %d: x %d, mean %v", ErrInvalidOptions, i, c.X, c.Mean)
		}
	}
	ll := func(p, q, g float64) float64 {
		lg := func(v float64) float64 { l, _ := math.Lgamma(v); return l }
		var s float64
		lgq, lng := lg(q), math.Log(g)
		for _, c := range cs {
			x := float64(c.X)
			s += lg(p*x+q) - lg(p*x) - lgq + q*lng + (p*x-1)*math.Log(c.Mean) + p*x*math.Log(x) - (p*x+q)*math.Log(g+x*c.Mean)
		}
		return s
	}
	neg := func(v []float64) float64 {
		l := ll(math.Exp(v[0]), math.Exp(v[1]), math.Exp(v[2]))
		if math.IsNaN(l) || math.IsInf(l, 0) {
			return math.Inf(1)
		}
		return -l
	}
	x, _, _ := hwNelderMead(neg, []float64{0, 0, 0}, 0.5, 5000)
	x, f, _ := hwNelderMead(neg, x, 0.05, 5000)
	if math.IsInf(f, 0) {
		return nil, fmt.Errorf("%w: no finite likelihood", ErrNoConvergence)
	}
	return &GammaGamma{P: math.Exp(x[0]), Q: math.Exp(x[1]), Gamma: math.Exp(x[2]), LogLik: -f, Customers: len(cs)}, nil
}

// ConditionalExpectedSpend is a customer's expected mean transaction value
// given x repeat purchases averaging mean:
//
//	E[M | x, m̄] = p (γ + x m̄) / (p x + q − 1)
//
// (the population mean p γ / (q − 1) for x = 0). Q ≤ 1 with x = 0 is an
// error wrapping ErrUndefined; a negative x or mean, ErrInvalidOptions.
func (g *GammaGamma) ConditionalExpectedSpend(x int, mean float64) (float64, error) {
	if x < 0 || mean < 0 || math.IsNaN(mean) {
		return 0, fmt.Errorf("%w: x %d, mean %v", ErrInvalidOptions, x, mean)
	}
	den := g.P*float64(x) + g.Q - 1
	if den <= 0 {
		return 0, fmt.Errorf("%w: p x + q − 1 = %v", ErrUndefined, den)
	}
	return g.P * (g.Gamma + float64(x)*mean) / den, nil
}
