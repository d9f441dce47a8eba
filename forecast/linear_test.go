package forecast

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// linearRef is a case of testdata/linear_ref.json, written by
// testdata/linear_ref.py from statsmodels 0.13.5's OLS.
type linearRef struct {
	Name        string `json:"name"`
	Values      []float64
	H           int
	Confidence  float64
	Season      int
	Start       string
	Granularity string
	FiscalStart int `json:"fiscal_start"`
	Drivers     []struct {
		Values, Future []float64
	}
	Params, Bse, T, P []float64
	R2                float64
	AdjR2             float64 `json:"adj_r2"`
	ResidualSE        float64 `json:"residual_se"`
	DF                int
	F                 float64
	FP                float64 `json:"f_p"`
	LLF, AIC, BIC     float64
	MeanSE            []float64 `json:"mean_se"`
	NoTrend           bool      `json:"no_trend"`
	Fitted, Forecast  []float64
	MeanLow           []float64 `json:"mean_low"`
	MeanHigh          []float64 `json:"mean_high"`
	Low, High         []float64
	ForecastLinear    []float64 `json:"forecast_linear"`
}

func loadLinearRef(t *testing.T) []linearRef {
	t.Helper()
	b, err := os.ReadFile("testdata/linear_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Cases []linearRef }
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref.Cases
}

func (c linearRef) fit(t *testing.T, shiftYears int) (*LinearModel, Series) {
	t.Helper()
	start, err := time.Parse(time.DateOnly, c.Start)
	if err != nil {
		t.Fatal(err)
	}
	start = start.AddDate(shiftYears, 0, 0)
	g := activity.Monthly
	if c.Granularity == "quarterly" {
		g = activity.Quarterly
	}
	cal := activity.Calendar{FiscalYearStart: time.Month(max(c.FiscalStart, 1))}
	s, err := NewSeries(cal, g, start, c.Values)
	if err != nil {
		t.Fatal(err)
	}
	opts := LinearOptions{Seasonal: c.Season > 0, Confidence: c.Confidence, NoTrend: c.NoTrend}
	for i, d := range c.Drivers {
		opts.Drivers = append(opts.Drivers, Driver{Name: string(rune('a' + i)), Values: d.Values, Future: d.Future})
	}
	m, err := Linear(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m, s
}

func relClose(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*max(math.Abs(want), 1e-300) || math.Abs(got-want) < 1e-300
}

// TestLinearStatsmodels compares every number with statsmodels: fitted
// values and forecasts to 1e-8 relative, statistics and interval bounds to
// 1e-6, and the same again with the series moved 30 years earlier (the
// time origin changes nothing).
func TestLinearStatsmodels(t *testing.T) {
	t.Parallel()
	for _, c := range loadLinearRef(t) {
		for _, shift := range []int{0, -30} {
			m, _ := c.fit(t, shift)
			check := func(what string, got, want []float64, tol float64) {
				t.Helper()
				if len(got) != len(want) {
					t.Fatalf("%s: %s has %d values, want %d", c.Name, what, len(got), len(want))
				}
				for i := range got {
					if !relClose(got[i], want[i], tol) {
						t.Errorf("%s (shift %d): %s[%d] = %.12g, want %.12g", c.Name, shift, what, i, got[i], want[i])
					}
				}
			}
			var est, se, tv, pv []float64
			for _, term := range m.Terms {
				est, se, tv, pv = append(est, term.Estimate), append(se, term.StdErr), append(tv, term.T), append(pv, term.P)
			}
			check("params", est, c.Params, 1e-8)
			check("bse", se, c.Bse, 1e-6)
			check("t", tv, c.T, 1e-6)
			check("p", pv, c.P, 1e-6)
			check("stats", []float64{m.R2, m.AdjR2, m.ResidualSE, m.F, m.FP, float64(m.DF)}, []float64{c.R2, c.AdjR2, c.ResidualSE, c.F, c.FP, float64(c.DF)}, 1e-6)
			check("likelihood", []float64{m.LogLik, m.AIC, m.BIC}, []float64{c.LLF, c.AIC, c.BIC}, 1e-6)
			check("fitted", m.Fitted, c.Fitted, 1e-8)
			preds, err := m.Forecast(c.H)
			if err != nil {
				t.Fatal(err)
			}
			var f, ml, mh, lo, hi, mse []float64
			for _, p := range preds {
				f, ml, mh, lo, hi = append(f, p.Value), append(ml, p.MeanLow), append(mh, p.MeanHigh), append(lo, p.Low), append(hi, p.High)
				mse = append(mse, p.MeanSE)
				if math.Abs(p.PredSE*p.PredSE-p.MeanSE*p.MeanSE-m.ResidualSE*m.ResidualSE) > 1e-6*p.PredSE*p.PredSE {
					t.Errorf("%s: pred SE² %v is not mean SE² %v + residual SE² %v", c.Name, p.PredSE*p.PredSE, p.MeanSE*p.MeanSE, m.ResidualSE*m.ResidualSE)
				}
			}
			check("forecast", f, c.Forecast, 1e-8)
			check("mean_se", mse, c.MeanSE, 1e-6)
			check("mean_low", ml, c.MeanLow, 1e-6)
			check("mean_high", mh, c.MeanHigh, 1e-6)
			check("low", lo, c.Low, 1e-6)
			check("high", hi, c.High, 1e-6)
			if c.ForecastLinear != nil {
				check("FORECAST.LINEAR", f, c.ForecastLinear, 1e-8)
			}
		}
	}
}

func TestLinearPeriods(t *testing.T) {
	t.Parallel()
	c := loadLinearRef(t)[4] // quarters from 2020 Q2, 20 points
	m, _ := c.fit(t, 0)
	preds, err := m.Forecast(2)
	if err != nil {
		t.Fatal(err)
	}
	if preds[0].Period.Name != "FY2025 Q2" || preds[1].Period.Name != "FY2025 Q3" {
		t.Errorf("forecast periods %s, %s; want FY2025 Q2, FY2025 Q3", preds[0].Period.Name, preds[1].Period.Name)
	}
	if m.Terms[2].Name != "season 2" || m.Terms[4].Name != "season 4" {
		t.Errorf("terms %v", m.Terms)
	}
}

func TestLinearExact(t *testing.T) {
	t.Parallel()
	// y = 3 + 2t: the fit is exact, slope 2, intercept 3, the next value 13.
	s, err := NewSeries(activity.Calendar{}, activity.Monthly, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), []float64{5, 7, 9, 11})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Linear(s, LinearOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.Forecast(1)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Exact || math.Abs(m.Terms[0].Estimate-3) > 1e-12 || math.Abs(m.Terms[1].Estimate-2) > 1e-12 || math.Abs(p[0].Value-13) > 1e-12 || p[0].Low != p[0].High || m.Terms[1].T != 0 {
		t.Errorf("Linear(5, 7, 9, 11) = %v, terms %v, forecast %v", m, m.Terms, p[0])
	}
}

func TestLinearErrors(t *testing.T) {
	t.Parallel()
	jan := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	series := func(vs ...float64) Series {
		s, err := NewSeries(activity.Calendar{}, activity.Monthly, jan, vs)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	ten := series(1, 4, 2, 8, 5, 7, 3, 9, 6, 10)
	weekly, err := NewSeries(activity.Calendar{}, activity.Weekly, jan, []float64{1, 2, 3, 5, 4})
	if err != nil {
		t.Fatal(err)
	}
	gap := ten
	gap.Points = append([]Point{ten.Points[0]}, ten.Points[2:]...)
	m, err := Linear(ten, LinearOptions{Drivers: []Driver{{Name: "d", Values: []float64{1, 3, 2, 5, 4, 6, 5, 8, 7, 9}, Future: []float64{10}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"gap", second(Linear(gap, LinearOptions{})), ErrGap},
		{"empty", second(Linear(Series{}, LinearOptions{})), ErrInvalidSeries},
		{"two points", second(Linear(series(1, 2), LinearOptions{})), ErrTooFewPoints},
		{"seasonal, one year", second(Linear(ten, LinearOptions{Seasonal: true})), ErrTooFewPoints},
		{"constant", second(Linear(series(4, 4, 4, 4), LinearOptions{})), ErrConstantSeries},
		{"constant driver", second(Linear(ten, LinearOptions{Drivers: []Driver{{Name: "d", Values: []float64{2, 2, 2, 2, 2, 2, 2, 2, 2, 2}}}})), ErrCollinear},
		{"driver is the trend", second(Linear(ten, LinearOptions{Drivers: []Driver{{Name: "d", Values: []float64{2, 4, 6, 8, 10, 12, 14, 16, 18, 20}}}})), ErrCollinear},
		{"zero driver", second(Linear(ten, LinearOptions{Drivers: []Driver{{Name: "d", Values: make([]float64, 10)}}})), ErrCollinear},
		{"short driver", second(Linear(ten, LinearOptions{Drivers: []Driver{{Name: "d", Values: []float64{1}}}})), ErrMissingDrivers},
		{"NaN driver", second(Linear(ten, LinearOptions{Drivers: []Driver{{Name: "d", Values: []float64{nan()}}}})), ErrInvalidOptions},
		{"unnamed driver", second(Linear(ten, LinearOptions{Drivers: []Driver{{Values: make([]float64, 10)}}})), ErrInvalidOptions},
		{"reserved name", second(Linear(ten, LinearOptions{Drivers: []Driver{{Name: "trend", Values: make([]float64, 10)}}})), ErrInvalidOptions},
		{"confidence 1", second(Linear(ten, LinearOptions{Confidence: 1})), ErrInvalidOptions},
		{"negative season", second(Linear(ten, LinearOptions{Season: -1})), ErrInvalidOptions},
		{"weekly seasonal", second(Linear(weekly, LinearOptions{Seasonal: true})), ErrInvalidOptions},
		{"future drivers missing", second(m.Forecast(2)), ErrMissingDrivers},
		{"horizon 0", second(m.Forecast(0)), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

// TestLinearZ asks for intervals by a normal multiplier: each bound is the
// forecast ± 1.96 × its standard error, where the default uses Student's t.
func TestLinearZ(t *testing.T) {
	t.Parallel()
	c := loadLinearRef(t)[0]
	s, err := NewSeries(activity.Calendar{}, activity.Monthly, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), c.Values)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Linear(s, LinearOptions{Z: 1.96})
	if err != nil {
		t.Fatal(err)
	}
	preds, err := m.Forecast(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range preds {
		if math.Abs(p.High-p.Value-1.96*p.PredSE) > 1e-9*p.Value || math.Abs(p.MeanHigh-p.Value-1.96*p.MeanSE) > 1e-9*p.Value {
			t.Errorf("%v: bounds not ±1.96 SE: %+v", p.Period, p)
		}
	}
	if _, err := Linear(s, LinearOptions{Z: 1.96, Confidence: 0.9}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("z and confidence: %v, want ErrInvalidOptions", err)
	}
}
