package forecast

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/salesmetrics/salesmetrics/internal/ols"
)

// Driver is a regressor the host supplies beside the trend: pipeline at the
// period's start, activity volume, headcount. Values has one value per point
// of the series; Future one per period to forecast, at least as many as the
// horizon asked for.
type Driver struct {
	Name   string    `json:"name"`
	Values []float64 `json:"values"`
	Future []float64 `json:"future,omitempty"`
}

// LinearOptions selects the regressors of a linear forecast. The zero value
// fits a constant and a linear trend, with 95% intervals.
type LinearOptions struct {
	// Seasonal adds a dummy for each season but the first: season k is
	// the k-th period of the calendar's (fiscal) year.
	Seasonal bool
	// Season is the number of seasons; zero takes the series'
	// SeasonLength (12 for months, 4 for quarters). Needed, and at least
	// 2, when Seasonal is set.
	Season int
	// Drivers are further regressors.
	Drivers []Driver
	// NoTrend leaves the trend out: the constant with the seasons and
	// drivers alone, or, with neither, the constant alone (a forecast of
	// the mean, with its intervals).
	NoTrend bool
	// Confidence is the level of the intervals, in (0, 1); zero means 0.95.
	Confidence float64
	// Z, when set, is the intervals' multiplier in place of Student's t
	// quantile (1.96 for the normal approximation many texts use); the
	// model's Confidence is then the normal 2Φ(Z) − 1. Give at most one of
	// Z and Confidence.
	Z float64
}

func (o LinearOptions) confidence() float64 {
	if o.Z != 0 && o.Confidence == 0 {
		return 2*distuv.UnitNormal.CDF(o.Z) - 1
	}
	if o.Confidence == 0 {
		return 0.95
	}
	return o.Confidence
}

// Validate reports a confidence outside (0, 1), a negative season, and
// drivers without a name, with a repeated name, or with a value that is NaN
// or infinite.
func (o LinearOptions) Validate() error {
	if o.Z != 0 && (o.Confidence != 0 || !(o.Z > 0 && o.Z < 10)) {
		return fmt.Errorf("%w: z %v (above 0, below 10, and not with a confidence)", ErrInvalidOptions, o.Z)
	}
	if c := o.confidence(); !(c > 0 && c < 1) {
		return fmt.Errorf("%w: confidence %v outside (0, 1)", ErrInvalidOptions, o.Confidence)
	}
	if o.Season < 0 {
		return fmt.Errorf("%w: season %d", ErrInvalidOptions, o.Season)
	}
	seen := map[string]bool{}
	for _, d := range o.Drivers {
		if d.Name == "" || seen[d.Name] || d.Name == "const" || d.Name == "trend" || strings.HasPrefix(d.Name, "season ") {
			return fmt.Errorf("%w: driver name %q empty, repeated or reserved", ErrInvalidOptions, d.Name)
		}
		seen[d.Name] = true
		for _, vs := range [][]float64{d.Values, d.Future} {
			for _, v := range vs {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("%w: driver %q has a value %v", ErrInvalidOptions, d.Name, v)
				}
			}
		}
	}
	return nil
}

// Term is one regressor's estimated coefficient with its standard error, t
// statistic and two-sided p value (Student's t with the model's residual
// degrees of freedom).
type Term struct {
	Name     string  `json:"name"`
	Estimate float64 `json:"estimate"`
	StdErr   float64 `json:"std_err"`
	T        float64 `json:"t"`
	P        float64 `json:"p"`
}

// LinearModel is an ordinary least squares fit of a series on a constant,
// a linear trend, optional seasonal dummies and optional drivers:
//
//	y_t = b0 + b1·t + Σ_k d_k·[season(t) = k] + Σ_j c_j·x_jt + e_t,   t = 1..n
//
// The trend counts periods from 1 at the first point (as a spreadsheet's
// TREND and FORECAST.LINEAR do with x = 1, 2, …), so the fit and forecasts
// do not depend on when the series starts. With the residual sum of squares
// SSE, p regressors and df = n − p,
//
//	ResidualSE = √(SSE / df)
//	R2         = 1 − SSE / Σ(y − ȳ)²,   AdjR2 = 1 − (1 − R2)(n − 1) / df
//	F          = ((TSS − SSE) / (p − 1)) / (SSE / df),  FP its upper tail
//	LogLik     = −n/2 · log(2π) − n/2 · log(SSE / n) − n/2   (the Gaussian likelihood at its maximum)
//	AIC        = −2 LogLik + 2p,   BIC = −2 LogLik + p · log n
//
// (LogLik, AIC and BIC as statsmodels' OLS computes llf, aic and bic), the
// least squares solved by QR on unit-norm columns. Exact reports a fit
// through every point (SSE = 0): standard errors, intervals and T are then
// 0, P and FP 0 as well, and F, LogLik, AIC and BIC 0 (the likelihood is
// unbounded); the coefficients still hold.
type LinearModel struct {
	Terms      []Term    `json:"terms"`
	N          int       `json:"n"`
	DF         int       `json:"df"`
	SSE        float64   `json:"sse"`
	R2         float64   `json:"r2"`
	AdjR2      float64   `json:"adj_r2"`
	ResidualSE float64   `json:"residual_se"`
	F          float64   `json:"f"`
	FP         float64   `json:"f_p"`
	LogLik     float64   `json:"log_likelihood"`
	AIC        float64   `json:"aic"`
	BIC        float64   `json:"bic"`
	Exact      bool      `json:"exact,omitempty"`
	Confidence float64   `json:"confidence"`
	Fitted     []float64 `json:"fitted"`
	Residuals  []float64 `json:"residuals"`

	series  Series
	opts    LinearOptions
	season  int
	offset  int         // season index of the first point, 0-based
	cov     [][]float64 // (XᵀX)⁻¹ of the unscaled regressors
	tQuant  float64     // two-sided Student's t quantile at Confidence
	nRegres int
}

// LinearPrediction is a linear forecast for one period: the point forecast,
// its prediction interval (where a new value falls: Low, High) and the
// confidence interval of the mean (MeanLow, MeanHigh), both at the model's
// confidence level with Student's t, and the standard errors behind them
// (MeanSE, PredSE: statsmodels' mean_se and the prediction's):
//
//	se_mean = ResidualSE · √(xᵀ(XᵀX)⁻¹x),   se_pred = ResidualSE · √(1 + xᵀ(XᵀX)⁻¹x)
type LinearPrediction struct {
	Prediction
	MeanLow  float64 `json:"mean_low"`
	MeanHigh float64 `json:"mean_high"`
	MeanSE   float64 `json:"mean_se"`
	PredSE   float64 `json:"pred_se"`
}

// Linear fits s by ordinary least squares on a constant, a linear trend and
// the regressors opts adds (see LinearModel). Errors: an invalid series
// (ErrInvalidSeries, ErrGap), invalid options (ErrInvalidOptions; also a
// seasonal model on weeks or days without Season, or driver values of
// another length than the series: ErrMissingDrivers), fewer points than
// regressors plus one (ErrTooFewPoints), all values equal
// (ErrConstantSeries), and regressors that are linear combinations of one
// another, such as a constant driver (ErrCollinear).
func Linear(s Series, opts LinearOptions) (*LinearModel, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	m := &LinearModel{series: s, opts: opts, N: s.Len(), Confidence: opts.confidence()}
	if opts.Seasonal {
		m.season = opts.Season
		if m.season == 0 {
			m.season = s.SeasonLength()
		}
		if m.season < 2 {
			return nil, fmt.Errorf("%w: a seasonal model of %v needs a season of 2 or more", ErrInvalidOptions, s.granularity())
		}
		off, err := seasonIndex(s)
		if err != nil {
			return nil, err
		}
		m.offset = off % m.season
	}
	for _, d := range opts.Drivers {
		if len(d.Values) != m.N {
			return nil, fmt.Errorf("%w: driver %q has %d values for %d points", ErrMissingDrivers, d.Name, len(d.Values), m.N)
		}
	}
	names := m.names()
	p := len(names)
	m.nRegres = p
	if m.N < p+1 {
		return nil, fmt.Errorf("%w: %d points for %d regressors (need %d)", ErrTooFewPoints, m.N, p, p+1)
	}
	y := s.Values()
	constant := true
	for _, v := range y[1:] {
		constant = constant && v == y[0]
	}
	if constant {
		return nil, fmt.Errorf("%w: every value is %v", ErrConstantSeries, y[0])
	}

	// The regressors; the solver scales them to unit norm for the rank
	// check and back.
	x := mat.NewDense(m.N, p, nil)
	row := make([]float64, p)
	for i := range m.N {
		m.regressors(row, i)
		x.SetRow(i, row)
	}
	fit, err := ols.Solve(x, y)
	if err != nil {
		var ce *ols.ColumnError
		if errors.As(err, &ce) {
			if errors.Is(err, ols.ErrZeroColumn) {
				return nil, fmt.Errorf("%w: regressor %q is zero at every point", ErrCollinear, names[ce.Column])
			}
			return nil, fmt.Errorf("%w: regressor %q is a linear combination of the ones before it", ErrCollinear, names[ce.Column])
		}
		return nil, fmt.Errorf("%w: %v", ErrCollinear, err)
	}
	m.cov = fit.XtXInv
	coef := fit.Coef

	m.Fitted = make([]float64, m.N)
	m.Residuals = make([]float64, m.N)
	var mean, tss float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(m.N)
	for i := range m.N {
		m.regressors(row, i)
		var f float64
		for j, c := range coef {
			f += c * row[j]
		}
		m.Fitted[i] = f
		m.Residuals[i] = y[i] - f
		m.SSE += m.Residuals[i] * m.Residuals[i]
		tss += (y[i] - mean) * (y[i] - mean)
	}
	if !(tss > 0) || math.IsInf(tss, 0) {
		return nil, fmt.Errorf("%w: the values vary too little (or too much) to measure", ErrConstantSeries)
	}
	m.DF = m.N - p
	df := float64(m.DF)
	m.Exact = m.SSE <= 1e-24*tss
	if m.Exact {
		m.SSE = 0
	}
	m.ResidualSE = math.Sqrt(m.SSE / df)
	if !m.Exact {
		// statsmodels' OLS llf, aic and bic, with k = p parameters.
		n := float64(m.N)
		m.LogLik = -n/2*math.Log(2*math.Pi) - n/2*math.Log(m.SSE/n) - n/2
		m.AIC = -2*m.LogLik + 2*float64(p)
		m.BIC = -2*m.LogLik + math.Log(n)*float64(p)
	}
	m.R2 = max(1-m.SSE/tss, 0) // OLS with a constant has SSE ≤ TSS; rounding can cross it
	if p == 1 {
		m.R2 = 0 // the constant alone explains nothing: SSE is TSS, but for rounding
	}
	m.AdjR2 = 1 - (1-m.R2)*float64(m.N-1)/df
	student := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	m.tQuant = student.Quantile(0.5 + m.Confidence/2)
	if opts.Z != 0 {
		m.tQuant = opts.Z
	}
	m.Terms = make([]Term, p)
	for j := range p {
		t := Term{Name: names[j], Estimate: coef[j], StdErr: m.ResidualSE * math.Sqrt(m.cov[j][j])}
		if !m.Exact {
			t.T = t.Estimate / t.StdErr
			t.P = studentTwoSided(t.T, df)
		}
		m.Terms[j] = t
	}
	if !m.Exact && p > 1 {
		m.F = max(((tss-m.SSE)/float64(p-1))/(m.SSE/df), 0) // rounding can put SSE a hair above TSS
		m.FP = fUpper(m.F, float64(p-1), df)
	}
	return m, nil
}

// studentTwoSided returns P(|T| > |t|) for Student's t with nu degrees of
// freedom, from the regularised incomplete beta function directly, so that
// small p values keep their relative precision (1 − CDF would lose it):
//
//	P = I_{ν/(ν+t²)}(ν/2, 1/2)
func studentTwoSided(t, nu float64) float64 {
	x := nu / (nu + t*t)
	if !(x >= 0) || math.IsNaN(x) {
		return 0 // |t| beyond float64: nothing is farther out
	}
	return mathext.RegIncBeta(nu/2, 0.5, math.Min(x, 1))
}

// fUpper returns P(F > f) for the F distribution with d1 and d2 degrees of
// freedom, as I_{d2/(d2+d1·f)}(d2/2, d1/2).
func fUpper(f, d1, d2 float64) float64 {
	if !(f > 0) {
		return 1 // F of 0 (or rounded below it): no evidence at all
	}
	x := d2 / (d2 + d1*f)
	if math.IsNaN(x) {
		return 0
	}
	return mathext.RegIncBeta(d2/2, d1/2, math.Min(math.Max(x, 0), 1))
}

// names returns the regressors' names: "const", "trend", "season 2".."season
// m", then the drivers'.
func (m *LinearModel) names() []string {
	names := []string{"const"}
	if !m.opts.NoTrend {
		names = append(names, "trend")
	}
	for k := 2; k <= m.season; k++ {
		names = append(names, fmt.Sprintf("season %d", k))
	}
	for _, d := range m.opts.Drivers {
		names = append(names, d.Name)
	}
	return names
}

// regressors fills row with the regressors of point i (0-based; i ≥ N for
// forecasts, whose drivers take their Future values).
func (m *LinearModel) regressors(row []float64, i int) {
	row[0] = 1
	j := 1
	if !m.opts.NoTrend {
		row[1], j = float64(i+1), 2
	}
	if m.season > 0 {
		k := (m.offset + i) % m.season
		for s := 1; s < m.season; s++ {
			row[j] = 0
			if k == s {
				row[j] = 1
			}
			j++
		}
	}
	for _, d := range m.opts.Drivers {
		if i < m.N {
			row[j] = d.Values[i]
		} else {
			row[j] = d.Future[i-m.N]
		}
		j++
	}
}

// seasonIndex returns the 0-based position of the series' first period in
// its calendar year: 2 for the third month of the fiscal year.
func seasonIndex(s Series) (int, error) {
	first := s.Points[0].Period
	year, err := s.Calendar.Year(first.Start)
	if err != nil {
		return 0, err
	}
	n := 0
	for q := range s.Calendar.Periods(s.granularity(), year.Start, first.Start) {
		if q.Start.Before(first.Start) {
			n++
		}
	}
	return n, nil
}

// Forecast returns the forecasts of the h periods after the series, with
// prediction and mean intervals (see LinearPrediction). h must be positive;
// every driver needs at least h Future values (else ErrMissingDrivers).
func (m *LinearModel) Forecast(h int) ([]LinearPrediction, error) {
	if m == nil {
		return nil, fmt.Errorf("%w: nil model", ErrInvalidOptions)
	}
	periods, err := m.series.Next(h)
	if err != nil {
		return nil, err
	}
	for _, d := range m.opts.Drivers {
		if len(d.Future) < h {
			return nil, fmt.Errorf("%w: driver %q has %d future values for %d periods", ErrMissingDrivers, d.Name, len(d.Future), h)
		}
	}
	out := make([]LinearPrediction, h)
	row := make([]float64, m.nRegres)
	for k := range h {
		m.regressors(row, m.N+k)
		var f, q float64
		for i, xi := range row {
			f += m.Terms[i].Estimate * xi
			for j, xj := range row {
				q += xi * m.cov[i][j] * xj
			}
		}
		q = max(q, 0)
		seMean := m.ResidualSE * math.Sqrt(q)
		sePred := m.ResidualSE * math.Sqrt(1+q)
		out[k] = LinearPrediction{
			Prediction: Prediction{Period: periods[k], Value: f, Low: f - m.tQuant*sePred, High: f + m.tQuant*sePred},
			MeanLow:    f - m.tQuant*seMean, MeanHigh: f + m.tQuant*seMean, MeanSE: seMean, PredSE: sePred,
		}
	}
	return out, nil
}

// String reads as "OLS on 36 points, 14 regressors: R² 0.912 (adjusted
// 0.857), residual SE 1523.4 on 22 df, F 17.6 (p 0.000)".
func (m *LinearModel) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "OLS on %d points, %d regressors: R² %.3f (adjusted %.3f), residual SE %.6g on %d df", m.N, len(m.Terms), m.R2, m.AdjR2, m.ResidualSE, m.DF)
	if m.Exact {
		b.WriteString(", an exact fit")
	} else if len(m.Terms) > 1 {
		fmt.Fprintf(&b, ", F %.4g (p %.3g)", m.F, m.FP)
	}
	return b.String()
}
