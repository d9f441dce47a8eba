package forecast

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// MaxOpportunities is the most transaction opportunities a DiscreteSummary
// may have: the likelihood sums over the opportunities after the last
// transaction, so this bounds its cost.
const MaxOpportunities = 100_000

// DiscreteSummary is a customer's history over N discrete transaction
// opportunities after the first (yearly donation drives, monthly renewal
// dates, event seasons), as the BG/BB model reads it: X of them had a
// transaction, the last at opportunity TX (0 when X is 0). Weight, for
// grouped data (one row for the customers sharing a history, as Fader,
// Hardie & Shang tabulate their donations data), is how many customers the row stands
// for; 0 means 1. In JSON the fields are x, t_x, n and weight.
type DiscreteSummary struct {
	X      int `json:"x"`
	TX     int `json:"t_x"`
	N      int `json:"n"`
	Weight int `json:"weight,omitempty"`
}

// Validate reports the first problem with d, wrapping ErrInvalidSummary:
// N below 1 or above MaxOpportunities, X or TX negative, X above TX or TX
// above N, X 0 with TX not 0 or the reverse, and a negative Weight.
func (d DiscreteSummary) Validate() error {
	switch {
	case d.N < 1 || d.N > MaxOpportunities:
		return fmt.Errorf("%w: %d opportunities, want 1 to %d", ErrInvalidSummary, d.N, MaxOpportunities)
	case d.X < 0 || d.TX < 0 || d.X > d.TX || d.TX > d.N:
		return fmt.Errorf("%w: %d transactions, the last at opportunity %d of %d", ErrInvalidSummary, d.X, d.TX, d.N)
	case (d.X == 0) != (d.TX == 0):
		return fmt.Errorf("%w: %d transactions with the last at opportunity %d", ErrInvalidSummary, d.X, d.TX)
	case d.Weight < 0:
		return fmt.Errorf("%w: weight %d is negative", ErrInvalidSummary, d.Weight)
	}
	return nil
}

func (d DiscreteSummary) weight() float64 {
	if d.Weight == 0 {
		return 1
	}
	return float64(d.Weight)
}

// BGBB is the beta-geometric / beta-Bernoulli model of discrete-time
// repeat transactions (Fader, Hardie & Shang 2010, "Customer-Base Analysis
// in a Discrete-Time Noncontractual Setting", Marketing Science 29(6),
// 1086–1108): at each opportunity an alive customer transacts with
// probability p ~ Beta(Alpha, Beta), and before each opportunity drops out
// for good with probability θ ~ Beta(Gamma, Delta).
//
// StdErr holds the standard errors by name (the inverse of the negative
// Hessian of the log-likelihood, by central second differences); LogLik
// the maximised log-likelihood over Customers; Iterations the optimiser's
// steps. A BGBB built by hand needs its four parameters positive and
// finite; its methods report other values as ErrInvalidOptions.
type BGBB struct {
	Alpha      float64    `json:"alpha"`
	Beta       float64    `json:"beta"`
	Gamma      float64    `json:"gamma"`
	Delta      float64    `json:"delta"`
	StdErr     BGBBErrors `json:"std_err"`
	LogLik     float64    `json:"log_lik"`
	Customers  int        `json:"customers"`
	Iterations int        `json:"iterations"`
}

// BGBBErrors are the standard errors of the BG/BB's parameters, by name.
type BGBBErrors struct {
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
	Gamma float64 `json:"gamma"`
	Delta float64 `json:"delta"`
}

// String reads like "BG/BB α 1.319 (0.08918), β 0.8032 (0.03757), γ 0.6126
// (0.05103), δ 2.497 (0.3087); LL -23963.74 over 8000 customers".
func (m BGBB) String() string {
	e := m.StdErr
	return fmt.Sprintf("BG/BB α %.4g (%.4g), β %.4g (%.4g), γ %.4g (%.4g), δ %.4g (%.4g); LL %.2f over %d customers",
		m.Alpha, e.Alpha, m.Beta, e.Beta, m.Gamma, e.Gamma, m.Delta, e.Delta, m.LogLik, m.Customers)
}

func (m BGBB) valid() error {
	for _, v := range []float64{m.Alpha, m.Beta, m.Gamma, m.Delta} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: BG/BB parameters α %v, β %v, γ %v, δ %v must be positive and finite", ErrInvalidOptions, m.Alpha, m.Beta, m.Gamma, m.Delta)
		}
	}
	return nil
}

// logLik is the log-likelihood of one history (Fader, Hardie & Shang,
// equation 5):
//
//	L = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
//	  + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α, β) · B(γ+1, δ+t_x+i)/B(γ, δ)
//
// in logarithms, the sum by log-sum-exp.
func (m BGBB) logLik(x, tx, n float64) float64 {
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	lnAB, lnGD := mathext.Lbeta(a, b), mathext.Lbeta(g, d)
	// Log-sum-exp as the terms come: hi is the largest so far, sum the
	// terms over e^hi.
	hi, sum := mathext.Lbeta(a+x, b+n-x)-lnAB+mathext.Lbeta(g, d+n)-lnGD, 1.0
	for i := 0.0; i < n-tx; i++ {
		v := mathext.Lbeta(a+x, b+tx-x+i) - lnAB + mathext.Lbeta(g+1, d+tx+i) - lnGD
		if v > hi {
			sum, hi = sum*math.Exp(hi-v)+1, v
		} else {
			sum += math.Exp(v - hi)
		}
	}
	return hi + math.Log(sum)
}

// FitBGBB fits the BG/BB model (see BGBB) by maximum likelihood: BFGS over
// the logarithms of α, β, γ and δ, the gradient by central differences,
// from 1s (or opts.Initial), rows counted as their Weight. It agrees with
// lifetimes' BetaGeoBetaBinomFitter (on 8,000 customers drawn from the
// process, testdata/bgbb_ref.py). Errors: invalid options
// (ErrInvalidOptions) or summaries (ErrInvalidSummary, naming the row);
// fewer than 5 customers or none with a transaction (ErrTooFewPoints); a
// fit that does not converge (ErrNoConvergence).
func FitBGBB(ds []DiscreteSummary, opts CustomerFitOptions) (*BGBB, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	customers, transacted := 0, false
	for i, d := range ds {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("summary %d: %w", i, err)
		}
		customers += int(d.weight())
		transacted = transacted || d.X > 0
	}
	if customers < 5 || !transacted {
		return nil, fmt.Errorf("%w: %d customers, some with a transaction, needed for 4 parameters (need 5)", ErrTooFewPoints, customers)
	}
	n := float64(customers)
	u0, err := opts.cbStart("BG/BB", 1, 1, 1, 1)
	if err != nil {
		return nil, err
	}
	u, iters, err := cbMinimizeNumeric(func(p [4]float64) float64 {
		return -BGBB{Alpha: p[0], Beta: p[1], Gamma: p[2], Delta: p[3]}.sumLogLik(ds) / n
	}, u0, opts, len(ds))
	if err != nil {
		return nil, fmt.Errorf("BG/BB: %w", err)
	}
	m := &BGBB{Alpha: math.Exp(u[0]), Beta: math.Exp(u[1]), Gamma: math.Exp(u[2]), Delta: math.Exp(u[3]), Customers: customers, Iterations: iters}
	m.LogLik = m.sumLogLik(ds)
	if math.IsNaN(m.LogLik) || math.IsInf(m.LogLik, 0) {
		return nil, fmt.Errorf("%w: BG/BB log-likelihood %v", ErrNoConvergence, m.LogLik)
	}
	se, err := cbStdErrLL([]float64{m.Alpha, m.Beta, m.Gamma, m.Delta}, func(p []float64) float64 {
		return BGBB{Alpha: p[0], Beta: p[1], Gamma: p[2], Delta: p[3]}.sumLogLik(ds)
	})
	if err != nil {
		return nil, fmt.Errorf("BG/BB: %w", err)
	}
	m.StdErr = BGBBErrors{Alpha: se[0], Beta: se[1], Gamma: se[2], Delta: se[3]}
	return m, nil
}

func (m BGBB) sumLogLik(ds []DiscreteSummary) float64 {
	var ll float64
	for _, d := range ds {
		ll += d.weight() * m.logLik(float64(d.X), float64(d.TX), float64(d.N))
	}
	return ll
}

// LogLikelihood is the BG/BB log-likelihood of the summaries at the
// model's parameters, rows counted as their Weight. Errors: invalid
// parameters (ErrInvalidOptions) or summaries (ErrInvalidSummary).
func (m BGBB) LogLikelihood(ds []DiscreteSummary) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	for i, d := range ds {
		if err := d.Validate(); err != nil {
			return 0, fmt.Errorf("summary %d: %w", i, err)
		}
	}
	return m.sumLogLik(ds), nil
}

// ProbabilityAlive is the probability that a customer with the history d
// is still alive at opportunity n+ahead (Fader, Hardie & Shang, equation
// A10; ahead 1 is the next opportunity):
//
//	P(alive at n+m) = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+m)/B(γ, δ) / L
//
// Errors: an invalid d (ErrInvalidSummary) or a negative ahead
// (ErrInvalidOptions).
func (m BGBB) ProbabilityAlive(d DiscreteSummary, ahead int) (float64, error) {
	if err := m.check(d, ahead); err != nil {
		return 0, err
	}
	x, n := float64(d.X), float64(d.N)
	a, b, g, dl := m.Alpha, m.Beta, m.Gamma, m.Delta
	lp := mathext.Lbeta(a+x, b+n-x) - mathext.Lbeta(a, b) + mathext.Lbeta(g, dl+n+float64(ahead)) - mathext.Lbeta(g, dl) -
		m.logLik(x, float64(d.TX), n)
	return min(math.Exp(lp), 1), nil
}

func (m BGBB) check(d DiscreteSummary, ahead int) error {
	if err := m.valid(); err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if ahead < 0 || ahead > MaxOpportunities {
		return fmt.Errorf("%w: %d opportunities ahead", ErrInvalidOptions, ahead)
	}
	return nil
}

// ConditionalExpectedTransactions is the number of transactions a customer
// with the history d is expected to make over the next ahead opportunities
// (Fader, Hardie & Shang, equation 13):
//
//	E = B(α+x+1, β+n−x)/B(α, β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
//	  · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+m)/Γ(γ+δ+n+m)] / L
//
// Errors: an invalid d (ErrInvalidSummary) or ahead (ErrInvalidOptions);
// a value the closed form cannot give, as at γ = 1 (ErrUndefined).
func (m BGBB) ConditionalExpectedTransactions(ahead int, d DiscreteSummary) (float64, error) {
	if err := m.check(d, ahead); err != nil {
		return 0, err
	}
	x, n, mm := float64(d.X), float64(d.N), float64(ahead)
	a, b, g, dl := m.Alpha, m.Beta, m.Gamma, m.Delta
	g1 := cbLgamma(1+dl+n) - cbLgamma(g+dl+n)
	g2 := cbLgamma(1+dl+n+mm) - cbLgamma(g+dl+n+mm)
	bracket := math.Exp(g1) * -math.Expm1(g2-g1)
	e := math.Exp(mathext.Lbeta(a+x+1, b+n-x)-mathext.Lbeta(a, b)+cbLgamma(g+dl)-cbLgamma(1+dl)-m.logLik(x, float64(d.TX), n)) *
		dl / (g - 1) * bracket
	if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
		return 0, fmt.Errorf("%w: expected transactions %v at γ %v", ErrUndefined, e, g)
	}
	return e, nil
}

// ExpectedTransactions is E[X(n)], the transactions a new customer is
// expected to make over their first n opportunities (Fader, Hardie &
// Shang, equation 9):
//
//	E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)/Γ(γ+δ+n) · Γ(1+δ+n)/Γ(1+δ)]
//
// Errors: n negative or above MaxOpportunities (ErrInvalidOptions); no
// value at γ = 1 (ErrUndefined).
func (m BGBB) ExpectedTransactions(n int) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if n < 0 || n > MaxOpportunities {
		return 0, fmt.Errorf("%w: %d opportunities", ErrInvalidOptions, n)
	}
	a, b, g, dl, fn := m.Alpha, m.Beta, m.Gamma, m.Delta, float64(n)
	e := a / (a + b) * dl / (g - 1) * -math.Expm1(cbLgamma(g+dl)-cbLgamma(g+dl+fn)+cbLgamma(1+dl+fn)-cbLgamma(1+dl))
	if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
		return 0, fmt.Errorf("%w: E[X(%d)] %v at γ %v", ErrUndefined, n, e, g)
	}
	return e, nil
}

// ProbabilityOfTransactions is P(X(n) = x), the probability that a new
// customer makes exactly x transactions over their first n opportunities
// (Fader, Hardie & Shang, equation 8):
//
//	P(X(n) = x) = C(n, x) B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
//	            + Σ_{i=x}^{n−1} C(i, x) B(α+x, β+i−x)/B(α, β) · B(γ+1, δ+i)/B(γ, δ)
//
// 0 for x above n. Errors: x or n negative, n above MaxOpportunities
// (ErrInvalidOptions).
func (m BGBB) ProbabilityOfTransactions(x, n int) (float64, error) {
	if err := m.valid(); err != nil {
		return 0, err
	}
	if x < 0 || n < 0 || n > MaxOpportunities {
		return 0, fmt.Errorf("%w: %d transactions in %d opportunities", ErrInvalidOptions, x, n)
	}
	if x > n {
		return 0, nil
	}
	a, b, g, dl := m.Alpha, m.Beta, m.Gamma, m.Delta
	lnAB, lnGD := mathext.Lbeta(a, b), mathext.Lbeta(g, dl)
	lnC := func(k, j float64) float64 { return cbLgamma(k+1) - cbLgamma(j+1) - cbLgamma(k-j+1) }
	fx, fn := float64(x), float64(n)
	p := math.Exp(lnC(fn, fx) + mathext.Lbeta(a+fx, b+fn-fx) - lnAB + mathext.Lbeta(g, dl+fn) - lnGD)
	for i := fx; i < fn; i++ {
		p += math.Exp(lnC(i, fx) + mathext.Lbeta(a+fx, b+i-fx) - lnAB + mathext.Lbeta(g+1, dl+i) - lnGD)
	}
	return min(max(p, 0), 1), nil
}
