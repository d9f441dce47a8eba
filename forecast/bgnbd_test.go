package forecast

import (
	"encoding/csv"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// cbCDNOW reads Fader & Hardie's published CDNOW summaries (weeks,
// calibration to 1997-09-30): ID, x, t_x, T and zbar, the mean repeat
// spend, kept as RepeatSpend = x · zbar.
func cbCDNOW(tb testing.TB) []CustomerSummary {
	tb.Helper()
	f, err := os.Open("testdata/cdnow/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]CustomerSummary, 0, len(rows)-1)
	for _, r := range rows[1:] {
		x, err1 := strconv.Atoi(r[1])
		tx, err2 := strconv.ParseFloat(r[2], 64)
		T, err3 := strconv.ParseFloat(r[3], 64)
		z, err4 := decimal.NewFromString(r[4])
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			tb.Fatalf("row %v", r)
		}
		out = append(out, CustomerSummary{Customer: r[0], X: x, TX: tx, T: T, RepeatSpend: z.Mul(decimal.NewFromInt(int64(x)))})
	}
	return out
}

// TestFitBGNBDCDNOW reproduces Fader, Hardie & Lee (2005), section 5: on
// the CDNOW summaries (2,357 customers, weeks) r = 0.243, α = 4.414, a =
// 0.793, b = 2.426 and LL = −9582.4, to the published decimals; and
// lifetimes' BetaGeoFitter on the same data (testdata/customerbase_ref.py):
// parameters to 1e-6 relative, the log-likelihood to 1e-9, standard errors
// to 1e-3 (both Hessians are numerical).
func TestFitBGNBDCDNOW(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	before := append([]CustomerSummary(nil), cs...)
	m, err := FitBGNBD(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := cbLoadRef(t).BGNBD
	for _, c := range []struct {
		name                  string
		got, published, tol   float64
		lifetimes, lifetimeSE float64
		se                    float64
	}{
		{"r", m.R, 0.243, 0.0005, ref.Params["r"], ref.StdErr["r"], m.StdErr.R},
		{"alpha", m.Alpha, 4.414, 0.0005, ref.Params["alpha"], ref.StdErr["alpha"], m.StdErr.Alpha},
		{"a", m.A, 0.793, 0.0005, ref.Params["a"], ref.StdErr["a"], m.StdErr.A},
		{"b", m.B, 2.426, 0.0005, ref.Params["b"], ref.StdErr["b"], m.StdErr.B},
	} {
		if math.Abs(c.got-c.published) > c.tol {
			t.Errorf("FitBGNBD: %s = %.6f, want %v (published)", c.name, c.got, c.published)
		}
		if !cbClose(c.got, c.lifetimes, 1e-6, 0) {
			t.Errorf("FitBGNBD: %s = %.10g, want %.10g (lifetimes)", c.name, c.got, c.lifetimes)
		}
		if !cbClose(c.se, c.lifetimeSE, 1e-3, 0) {
			t.Errorf("FitBGNBD: SE(%s) = %.6g, want %.6g (lifetimes)", c.name, c.se, c.lifetimeSE)
		}
	}
	if math.Abs(m.LogLik - -9582.4) > 0.05 || !cbClose(m.LogLik, ref.LogLik, 1e-9, 0) {
		t.Errorf("FitBGNBD: LL = %.6f, want -9582.4 (published), %.6f (lifetimes)", m.LogLik, ref.LogLik)
	}
	if m.Customers != 2357 {
		t.Errorf("FitBGNBD: %d customers, want 2357", m.Customers)
	}
	// The log-likelihood at lifetimes' parameters is lifetimes' own.
	lt := BGNBD{R: ref.Params["r"], Alpha: ref.Params["alpha"], A: ref.Params["a"], B: ref.Params["b"]}
	if ll, err := lt.LogLikelihood(cs); err != nil || !cbClose(ll, ref.LogLik, 1e-12, 0) {
		t.Errorf("LogLikelihood at lifetimes' parameters = %.10f, %v; want %.10f", ll, err, ref.LogLik)
	}
	if _, err := (BGNBD{}).LogLikelihood(cs); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("LogLikelihood of a zero model: %v", err)
	}
	for i := range cs {
		if cs[i] != before[i] && !cs[i].RepeatSpend.Equal(before[i].RepeatSpend) {
			t.Fatalf("FitBGNBD modified summary %d", i)
		}
	}
	// Fader, Hardie & Lee's worked customer (x = 2, t_x = 30.43, T =
	// 38.86) is expected to make 1.226 purchases in the next 39 weeks.
	e, err := m.ConditionalExpectedPurchases(39, CustomerSummary{X: 2, TX: 30.43, T: 38.86})
	if err != nil || math.Abs(e-1.226) > 0.0005 {
		t.Errorf("ConditionalExpectedPurchases(39, {2, 30.43, 38.86}) = %v, %v; want 1.226", e, err)
	}
}

// TestBGNBDLifetimes compares every prediction with lifetimes'
// BetaGeoFitter at the same parameters, to 1e-6 relative (1e-15 absolute
// for tiny probabilities): at lifetimes' CDNOW fit and at r 1.5, α 10,
// a 2.5, b 4 set by hand (testdata/customerbase_ref.py).
func TestBGNBDLifetimes(t *testing.T) {
	t.Parallel()
	ref := cbLoadRef(t)
	for _, tc := range []struct {
		name string
		p    map[string]float64
		pred cbRefPredictions
	}{{"fitted", ref.BGNBD.Params, ref.Fitted}, {"hand", ref.Hand.BGNBD, ref.Hand}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cbCheckLifetimes(t, BGNBD{R: tc.p["r"], Alpha: tc.p["alpha"], A: tc.p["a"], B: tc.p["b"]}, tc.pred)
		})
	}
}

// TestBGNBDProperties checks identities that hold for any parameters.
func TestBGNBDProperties(t *testing.T) {
	t.Parallel()
	m := BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	// P(alive) by hand for x = 2, t_x = 30.43, T = 38.86:
	// 1 / (1 + a/(b+1) · ((α+T)/(α+t_x))^(r+2)).
	c := CustomerSummary{X: 2, TX: 30.43, T: 38.86}
	want := 1 / (1 + 0.793/3.426*math.Pow((4.414+38.86)/(4.414+30.43), 2.243))
	if got, err := m.ProbabilityAlive(c); err != nil || !cbClose(got, want, 1e-14, 0) {
		t.Errorf("ProbabilityAlive(%v) = %v, %v; want %v", c, got, err, want)
	}
	if got, err := m.ProbabilityAlive(CustomerSummary{T: 10}); err != nil || got != 1 {
		t.Errorf("ProbabilityAlive(x 0) = %v, %v; want 1", got, err)
	}
	// A new customer is one with x 0 and T 0.
	for _, tt := range []float64{0, 1, 39, 1000} {
		e, err1 := m.ExpectedPurchases(tt)
		c, err2 := m.ConditionalExpectedPurchases(tt, CustomerSummary{})
		if err1 != nil || err2 != nil || !cbClose(e, c, 1e-14, 0) {
			t.Errorf("E[X(%v)] = %v, %v; conditional on nothing %v, %v", tt, e, err1, c, err2)
		}
	}
	// The probabilities of 0..n purchases sum to 1 and their mean is
	// E[X(t)] (the tail beyond 400 is negligible at t = 39).
	var sum, mean float64
	for n := range 400 {
		p, err := m.ProbabilityOfPurchases(n, 39)
		if err != nil {
			t.Fatal(err)
		}
		sum += p
		mean += float64(n) * p
	}
	e, _ := m.ExpectedPurchases(39)
	if !cbClose(sum, 1, 1e-9, 0) || !cbClose(mean, e, 1e-7, 0) {
		t.Errorf("Σ P(X(39) = n) = %v, want 1; Σ n P = %v, want E[X(39)] = %v", sum, mean, e)
	}
	if p, _ := m.ProbabilityOfPurchases(0, 0); p != 1 {
		t.Errorf("P(X(0) = 0) = %v, want 1", p)
	}
	if p, _ := m.ProbabilityOfPurchases(3, 0); p != 0 {
		t.Errorf("P(X(0) = 3) = %v, want 0", p)
	}
	if got, want := m.String(), "BG/NBD r 0.243 (0), α 4.414 (0), a 0.793 (0), b 2.426 (0); LL 0.00 over 0 customers"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestFitBGNBDErrors(t *testing.T) {
	t.Parallel()
	five := func(c CustomerSummary) []CustomerSummary {
		return []CustomerSummary{{X: 1, TX: 1, T: 5}, {T: 3}, {X: 2, TX: 4, T: 6}, {T: 2}, c}
	}
	for _, tc := range []struct {
		name string
		cs   []CustomerSummary
		opts CustomerFitOptions
		want error
	}{
		{"empty", nil, CustomerFitOptions{}, ErrTooFewPoints},
		{"four", five(CustomerSummary{T: 1})[:4], CustomerFitOptions{}, ErrTooFewPoints},
		{"no repeat buyer", []CustomerSummary{{T: 1}, {T: 2}, {T: 3}, {T: 4}, {T: 5}}, CustomerFitOptions{}, ErrTooFewPoints},
		{"every age 0", []CustomerSummary{{X: 1}, {}, {X: 2}, {}, {}}, CustomerFitOptions{}, ErrTooFewPoints},
		{"negative x", five(CustomerSummary{X: -1, T: 1}), CustomerFitOptions{}, ErrInvalidSummary},
		{"t_x after T", five(CustomerSummary{X: 1, TX: 2, T: 1}), CustomerFitOptions{}, ErrInvalidSummary},
		{"NaN T", five(CustomerSummary{T: math.NaN()}), CustomerFitOptions{}, ErrInvalidSummary},
		{"negative iterations", five(CustomerSummary{T: 1}), CustomerFitOptions{MaxIterations: -1}, ErrInvalidOptions},
		{"negative tolerance", five(CustomerSummary{T: 1}), CustomerFitOptions{Tolerance: -1}, ErrInvalidOptions},
		{"NaN tolerance", five(CustomerSummary{T: 1}), CustomerFitOptions{Tolerance: math.NaN()}, ErrInvalidOptions},
		{"one iteration", cbCDNOW(t), CustomerFitOptions{MaxIterations: 1}, ErrNoConvergence},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, err := FitBGNBD(tc.cs, tc.opts)
			if !errors.Is(err, tc.want) || m != nil {
				t.Errorf("FitBGNBD = %v, %v; want %v", m, err, tc.want)
			}
		})
	}
	// The record error names the summary.
	_, err := FitBGNBD(five(CustomerSummary{Customer: "c9", X: 1, TX: 2, T: 1}), CustomerFitOptions{})
	var re *activity.RecordError
	if !errors.As(err, &re) || re.Index != 4 || re.ID != "c9" || re.Field != "t_x" {
		t.Errorf("FitBGNBD error %#v, want customer summary 4 \"c9\" t_x", err)
	}
}

func TestBGNBDMethodErrors(t *testing.T) {
	t.Parallel()
	m := BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	ok := CustomerSummary{X: 1, TX: 1, T: 2}
	bad := CustomerSummary{X: 1, TX: 3, T: 2}
	for _, tc := range []struct {
		name string
		f    func() (float64, error)
		want error
	}{
		{"expected negative t", func() (float64, error) { return m.ExpectedPurchases(-1) }, ErrInvalidOptions},
		{"expected NaN t", func() (float64, error) { return m.ExpectedPurchases(math.NaN()) }, ErrInvalidOptions},
		{"expected infinite t", func() (float64, error) { return m.ExpectedPurchases(math.Inf(1)) }, ErrInvalidOptions},
		{"expected a = 1", func() (float64, error) { return BGNBD{R: 1, Alpha: 1, A: 1, B: 1}.ExpectedPurchases(1) }, ErrUndefined},
		{"expected zero r", func() (float64, error) { return BGNBD{Alpha: 1, A: 1, B: 1}.ExpectedPurchases(1) }, ErrInvalidOptions},
		{"conditional bad summary", func() (float64, error) { return m.ConditionalExpectedPurchases(1, bad) }, ErrInvalidSummary},
		{"conditional negative t", func() (float64, error) { return m.ConditionalExpectedPurchases(-1, ok) }, ErrInvalidOptions},
		{"conditional infinite alpha", func() (float64, error) {
			return BGNBD{R: 1, Alpha: math.Inf(1), A: 1, B: 1}.ConditionalExpectedPurchases(1, ok)
		}, ErrInvalidOptions},
		{"alive bad summary", func() (float64, error) { return m.ProbabilityAlive(bad) }, ErrInvalidSummary},
		{"alive NaN b", func() (float64, error) { return BGNBD{R: 1, Alpha: 1, A: 1, B: math.NaN()}.ProbabilityAlive(ok) }, ErrInvalidOptions},
		{"pmf negative n", func() (float64, error) { return m.ProbabilityOfPurchases(-1, 1) }, ErrInvalidOptions},
		{"pmf negative t", func() (float64, error) { return m.ProbabilityOfPurchases(1, -1) }, ErrInvalidOptions},
		{"pmf negative a", func() (float64, error) { return BGNBD{R: 1, Alpha: 1, A: -1, B: 1}.ProbabilityOfPurchases(1, 1) }, ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.f()
			if !errors.Is(err, tc.want) || got != 0 {
				t.Errorf("= %v, %v; want 0, %v", got, err, tc.want)
			}
		})
	}
}

// TestProbabilityOfPurchasesTail checks a probability far in the tail,
// where 1 − Σ_{j<n} loses every digit in float64: P(X(1) = 20) at
// lifetimes' CDNOW fit is 9.7515263768245e-18 by mpmath at 50 digits
// (equation 8 term by term: python3 -c with mp.mp.dps = 50, r, α, a, b as
// in testdata/customerbase_ref.json).
func TestProbabilityOfPurchasesTail(t *testing.T) {
	t.Parallel()
	m := BGNBD{R: 0.24259290700836642, Alpha: 4.413531559292694, A: 0.7928861636172848, B: 2.425753501226633}
	got, err := m.ProbabilityOfPurchases(20, 1)
	if want := 9.7515263768245224e-18; err != nil || !cbClose(got, want, 1e-9, 0) {
		t.Errorf("ProbabilityOfPurchases(20, 1) = %v, %v; want %v", got, err, want)
	}
}

// TestFitRecovery fits both models to 20,000 customers simulated from
// them (cbSynthetic: CDNOW's parameters, a fixed seed) and expects every
// parameter back within 4 standard errors of the value it was drawn
// with.
func TestFitRecovery(t *testing.T) {
	t.Parallel()
	cs := cbSynthetic(20_000)
	m, err := FitBGNBD(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := FitGammaGamma(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name          string
		got, se, want float64
	}{
		{"r", m.R, m.StdErr.R, 0.243}, {"alpha", m.Alpha, m.StdErr.Alpha, 4.414},
		{"a", m.A, m.StdErr.A, 0.793}, {"b", m.B, m.StdErr.B, 2.426},
		{"p", g.P, g.StdErr.P, 6.25}, {"q", g.Q, g.StdErr.Q, 3.74}, {"gamma", g.Gamma, g.StdErr.Gamma, 15.44},
	} {
		if math.Abs(c.got-c.want) > 4*c.se {
			t.Errorf("%s = %v (SE %v), drawn with %v", c.name, c.got, c.se, c.want)
		}
	}
}

// TestCbLn1p compares cbLn1p with math.Log1p over [0, 1]: a grid of 10^6
// points, the powers of 2 down to 2^-60, and the ends of the branch at
// √2−1.
func TestCbLn1p(t *testing.T) {
	check := func(e float64) {
		t.Helper()
		got, want := cbLn1p(e), math.Log1p(e)
		if d := math.Abs(got - want); d > 2.3e-16 || (want < 1e-3 && d > 4*math.Abs(want)*0x1p-52) {
			t.Fatalf("cbLn1p(%v) = %v, math.Log1p %v (off %.3g)", e, got, want, d)
		}
	}
	for i := 0; i <= 1_000_000; i++ {
		check(float64(i) / 1e6)
	}
	for i := range 61 {
		check(math.Ldexp(1, -i))
	}
	b := math.Sqrt2 - 1
	check(b)
	check(math.Nextafter(b, 0))
	check(math.Nextafter(b, 1))
	check(0)
	check(1)
}

// TestCbGroup checks the grouping's hash tables against Go maps: random
// histories from a few values each (so that keys repeat), −0 beside 0,
// and weights; every row is a distinct key first met in that order with
// the sum of its weights, and the distinct lists are each value first met.
func TestCbGroup(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vals := []float64{0, math.Copysign(0, -1), 1, 2.5, 1e-300, 7, 39, 39.000000000000007}
	for _, n := range []int{0, 1, 2, 10, 1000, 5000} {
		keys, weights := make([][3]float64, n), make([]float64, n)
		for i := range keys {
			keys[i] = [3]float64{float64(rng.IntN(4)), vals[rng.IntN(len(vals))], vals[rng.IntN(len(vals))]}
			weights[i] = float64(1 + rng.IntN(3))
		}
		rows, d := cbGroup(n, func(i int) ([3]float64, float64) { return keys[i], weights[i] })
		// The same by maps (whose float keys treat −0 as 0).
		index := map[[3]float64]int{}
		var want []cbRow
		first := func(seen map[float64]int, list *[]float64, v float64) int {
			if k, ok := seen[v]; ok {
				return k
			}
			seen[v] = len(*list)
			*list = append(*list, v)
			return len(*list) - 1
		}
		var wd cbDistinct
		xs, txs, ts := map[float64]int{}, map[float64]int{}, map[float64]int{}
		for i, k := range keys {
			if j, ok := index[k]; ok {
				want[j].w += weights[i]
				continue
			}
			index[k] = len(want)
			want = append(want, cbRow{k: first(xs, &wd.xs, k[0]), txi: int32(first(txs, &wd.txs, k[1])),
				ti: int32(first(ts, &wd.ts, k[2])), x: k[0], tx: k[1], t: k[2], w: weights[i]})
		}
		if len(rows) != len(want) {
			t.Fatalf("n %d: %d rows, want %d", n, len(rows), len(want))
		}
		for i := range rows {
			if rows[i] != want[i] {
				t.Fatalf("n %d: row %d is %+v, want %+v", n, i, rows[i], want[i])
			}
		}
		if !slices.Equal(d.xs, wd.xs) || !slices.Equal(d.txs, wd.txs) || !slices.Equal(d.ts, wd.ts) {
			t.Fatalf("n %d: distinct values %v, want %v", n, d, wd)
		}
	}
}
