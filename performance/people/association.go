package people

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/ols"
	"github.com/salesmetrics/salesmetrics/performance"
)

// OutcomeMeasure is what an association explains: a rep-period's won amount or
// won deals.
type OutcomeMeasure uint8

// Outcomes.
const (
	OutcomeWonAmount OutcomeMeasure = iota // won bookings (the default)
	OutcomeWonDeals                        // the number of deals won
)

// String returns "won_amount" or "won_deals".
func (o OutcomeMeasure) String() string {
	if o == OutcomeWonDeals {
		return "won_deals"
	}
	if o == OutcomeWonAmount {
		return "won_amount"
	}
	return fmt.Sprintf("OutcomeMeasure(%d)", uint8(o))
}

// MarshalText writes String.
func (o OutcomeMeasure) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (o *OutcomeMeasure) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, OutcomeWonAmount, OutcomeWonDeals, OutcomeMeasure.MarshalText)
	if !ok {
		return fmt.Errorf("%w: outcome measure %q", ErrInvalidOptions, text)
	}
	*o = v
	return nil
}

// AssociationOptions selects the activities and outcome an association
// relates, and the periods that make the observations. The zero value
// relates the count of every activity kind to won bookings, month by month.
type AssociationOptions struct {
	// Kinds are the activity kinds whose counts are regressors; nil takes
	// every kind with an activity in the period.
	Kinds   []activity.Kind
	Outcome OutcomeMeasure
	// Calendar and Granularity cut the period into the periods whose
	// rep-period counts are the observations (zero Granularity: months).
	Calendar    activity.Calendar
	Granularity activity.Granularity
	// Conversion converts won amounts in several currencies. Without it,
	// won amounts in two currencies, in any reps or periods, are an error
	// wrapping ErrMixedCurrencies: they would be one regression's outcome.
	Conversion *activity.Conversion
}

// KindAssociation is one activity kind's relation to the outcome across
// rep-periods: the Pearson correlation of its count with the outcome, and
// its coefficient in the regression of the outcome on every kind's count
// with standard errors clustered by rep.
type KindAssociation struct {
	Kind        activity.Kind `json:"kind"`
	Correlation float64       `json:"correlation"`
	Estimate    float64       `json:"estimate"`
	StdErr      float64       `json:"std_err"`
	T           float64       `json:"t"`
	P           float64       `json:"p"`
}

// Association relates activity to outcomes across reps and periods:
//
//	outcome(rep, period) = b0 + Σ_k b_k · count_k(rep, period) + e
//
// fitted by least squares over every rep-period with an activity or a won
// deal, with cluster-robust standard errors by rep (a rep's periods are not
// independent: CR1, V = G/(G−1) · (N−1)/(N−K) · (XᵀX)⁻¹ (Σ_g X_gᵀ e_g e_gᵀ
// X_g) (XᵀX)⁻¹ with G reps, N observations, K coefficients, as statsmodels'
// cov_type "cluster"), t statistics and two-sided p values from Student's t
// with G − 1 degrees of freedom. It measures association, not cause: reps
// who win more may simply log more meetings.
type Association struct {
	Period       activity.Period   `json:"period"`
	Outcome      OutcomeMeasure    `json:"outcome"`
	Observations int               `json:"observations"`
	Reps         int               `json:"reps"`
	Intercept    KindAssociation   `json:"intercept"`
	Kinds        []KindAssociation `json:"kinds"`
	R2           float64           `json:"r2"`
	Caveat       string            `json:"caveat"`
}

// String reads as a short table of the kinds with their correlations and
// coefficients.
func (a Association) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %v on activity counts, %d rep-periods of %d reps, R² %.3f (association, not cause)", a.Period.Name, a.Outcome, a.Observations, a.Reps, a.R2)
	for _, k := range a.Kinds {
		fmt.Fprintf(&b, "\n  %-10s r %+.3f  coefficient %12.4g (clustered SE %.4g, p %.3g)", k.Kind, k.Correlation, k.Estimate, k.StdErr, k.P)
	}
	return b.String()
}

// ActivityAssociation relates the view's activity counts to outcomes over
// the periods of p (see Association). Errors: fewer reps than two, or fewer
// observations than coefficients plus one (ErrNoDeals); a kind that never
// varies or is a combination of others (ErrZeroDenominator); invalid
// options; won amounts in two currencies across reps or periods without a
// Conversion (ErrMixedCurrencies); the errors of ActivityVolumeBy and
// performance.BookingsBy.
func ActivityAssociation(v activity.View, p activity.Period, opts AssociationOptions) (Association, error) {
	if err := v.Err(); err != nil {
		return Association{}, err
	}
	if opts.Outcome > OutcomeWonDeals {
		return Association{}, fmt.Errorf("%w: outcome %v", ErrInvalidOptions, opts.Outcome)
	}
	g := opts.Granularity
	if g == 0 {
		g = activity.Monthly
	}
	if err := checkPeriod(p); err != nil {
		return Association{}, err
	}
	kinds := slices.Clone(opts.Kinds)
	type obs struct {
		rep    string
		counts map[activity.Kind]float64
		y      float64
	}
	var rows []obs
	var currencies currencyCheck
	periods, err := opts.Calendar.PeriodsWithin(g, p)
	if err != nil {
		return Association{}, err
	}
	for _, q := range periods {
		vol, err := activity.ActivityVolumeBy(v, q, activity.ByRep(), activity.VolumeOptions{Calendar: opts.Calendar})
		if err != nil {
			return Association{}, err
		}
		won, err := performance.BookingsBy(v, q, activity.ByRep(), performance.BookingsOptions{Conversion: opts.Conversion})
		if err != nil {
			return Association{}, err
		}
		at := map[string]*obs{}
		get := func(rep string) *obs {
			o := at[rep]
			if o == nil {
				o = &obs{rep: rep, counts: map[activity.Kind]float64{}}
				at[rep] = o
			}
			return o
		}
		for _, gr := range vol {
			if gr.Key == "" {
				continue
			}
			o := get(gr.Key)
			for _, kc := range gr.Result.ByKind {
				o.counts[kc.Kind] = float64(kc.Count)
				if opts.Kinds == nil && !slices.Contains(kinds, kc.Kind) {
					kinds = append(kinds, kc.Kind)
				}
			}
		}
		for _, gr := range won {
			if gr.Key == "" || gr.Result.Deals == 0 {
				continue
			}
			if opts.Outcome == OutcomeWonAmount {
				if err := currencies.see(gr.Key+" in "+periodName(q), gr.Result.Currency); err != nil {
					return Association{}, err
				}
			}
			o := get(gr.Key)
			if opts.Outcome == OutcomeWonDeals {
				o.y = float64(gr.Result.Deals)
			} else {
				o.y = gr.Result.Amount.InexactFloat64()
			}
		}
		reps := make([]string, 0, len(at))
		for r := range at {
			reps = append(reps, r)
		}
		slices.Sort(reps)
		for _, r := range reps {
			rows = append(rows, *at[r])
		}
	}
	slices.Sort(kinds)
	y := make([]float64, len(rows))
	x := make([][]float64, len(rows))
	groups := make([]string, len(rows))
	for i, o := range rows {
		y[i], groups[i] = o.y, o.rep
		x[i] = make([]float64, len(kinds))
		for j, k := range kinds {
			x[i][j] = o.counts[k]
		}
	}
	a, err := associate(y, x, groups)
	if err != nil {
		return Association{}, err
	}
	a.Period, a.Outcome = p, opts.Outcome
	for j := range a.Kinds {
		a.Kinds[j].Kind = kinds[j]
	}
	return a, nil
}

// associate fits y on a constant and the columns of x with standard errors
// clustered by groups, and correlates each column with y.
func associate(y []float64, x [][]float64, groups []string) (Association, error) {
	n := len(y)
	k := 1
	if n > 0 {
		k += len(x[0])
	}
	clusters := map[string][]int{}
	var order []string
	for i, g := range groups {
		if _, ok := clusters[g]; !ok {
			order = append(order, g)
		}
		clusters[g] = append(clusters[g], i)
	}
	G := len(clusters)
	if G < 2 || n < k+1 {
		return Association{}, fmt.Errorf("%w: %d observations of %d reps for %d coefficients", ErrNoDeals, n, G, k)
	}
	design := mat.NewDense(n, k, nil)
	for i := range n {
		design.Set(i, 0, 1)
		for j, v := range x[i] {
			design.Set(i, j+1, v)
		}
	}
	fit, err := ols.Solve(design, y)
	if err != nil {
		var ce *ols.ColumnError
		if errors.As(err, &ce) && ce.Column > 0 {
			return Association{}, fmt.Errorf("%w: activity count %d never varies or is a combination of others", ErrZeroDenominator, ce.Column)
		}
		return Association{}, fmt.Errorf("%w: %v", ErrZeroDenominator, err)
	}
	row := func(i int) []float64 { return append([]float64{1}, x[i]...) }
	e := make([]float64, n)
	var sse, tss, mean float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(n)
	for i := range n {
		var f float64
		for j, v := range row(i) {
			f += fit.Coef[j] * v
		}
		e[i] = y[i] - f
		sse += e[i] * e[i]
		tss += (y[i] - mean) * (y[i] - mean)
	}
	// Meat: Σ_g (X_gᵀ e_g)(X_gᵀ e_g)ᵀ.
	meat := make([][]float64, k)
	for i := range meat {
		meat[i] = make([]float64, k)
	}
	for _, g := range order {
		s := make([]float64, k)
		for _, i := range clusters[g] {
			for j, v := range row(i) {
				s[j] += v * e[i]
			}
		}
		for a := range k {
			for b := range k {
				meat[a][b] += s[a] * s[b]
			}
		}
	}
	c := float64(G) / float64(G-1) * float64(n-1) / float64(n-k)
	bread := fit.XtXInv
	cov := make([][]float64, k)
	for a := range k {
		cov[a] = make([]float64, k)
		for b := range k {
			var s float64
			for i := range k {
				for j := range k {
					s += bread[a][i] * meat[i][j] * bread[j][b]
				}
			}
			cov[a][b] = c * s
		}
	}
	df := float64(G - 1)
	term := func(j int) KindAssociation {
		t := KindAssociation{Estimate: fit.Coef[j], StdErr: math.Sqrt(max(cov[j][j], 0))}
		if t.StdErr > 0 {
			t.T = t.Estimate / t.StdErr
			t.P = mathext.RegIncBeta(df/2, 0.5, df/(df+t.T*t.T))
		}
		return t
	}
	a := Association{Observations: n, Reps: G, Intercept: term(0), Caveat: "association across reps and periods, not cause"}
	if tss > 0 {
		a.R2 = 1 - sse/tss
	}
	for j := 1; j < k; j++ {
		ka := term(j)
		ka.Correlation = pearson(x, j-1, y)
		a.Kinds = append(a.Kinds, ka)
	}
	return a, nil
}

// pearson returns the correlation of column j of x with y (0 where either
// does not vary).
func pearson(x [][]float64, j int, y []float64) float64 {
	n := float64(len(y))
	var mx, my float64
	for i := range y {
		mx += x[i][j]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range y {
		dx, dy := x[i][j]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}
