package forecast

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// accRef is one case of testdata/accuracy_ref.json, written by
// testdata/accuracy_ref.py: exact values from fractions.Fraction, and R's
// forecast::accuracy() on the same data.
type accRef struct {
	Name     string              `json:"name"`
	Actual   []float64           `json:"actual"`
	Forecast []float64           `json:"forecast"`
	Training []float64           `json:"training"`
	Season   int                 `json:"season"`
	Exact    map[string]*float64 `json:"exact"`
	R        map[string]*float64 `json:"r"`
}

func accLoadRef(t *testing.T) []accRef {
	t.Helper()
	b, err := os.ReadFile("testdata/accuracy_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []accRef `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) == 0 {
		t.Fatal("no cases in testdata/accuracy_ref.json")
	}
	return f.Cases
}

// accField returns the named measure of a.
func accField(a ForecastAccuracy, m string) float64 {
	switch m {
	case MeasureMAE:
		return a.MAE
	case MeasureRMSE:
		return a.RMSE
	case MeasureMAPE:
		return a.MAPE
	case MeasureWAPE:
		return a.WAPE
	case MeasureSMAPE:
		return a.SMAPE
	case MeasureBias:
		return a.Bias
	case MeasureBiasRatio:
		return a.BiasRatio
	case MeasureMASE:
		return a.MASE
	case MeasureTotalAccuracy:
		return a.TotalAccuracy
	case MeasureActualToForecast:
		return a.ActualToForecast
	case "mase_scale":
		return a.MASEScale
	}
	panic("unknown measure " + m)
}

func accClose(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}

// The exact values are the correctly rounded results; compensated sums get
// within a few ulps of them (1e-13 relative). R sums naively, so it is held
// to 1e-12.
func TestAccuracyReference(t *testing.T) {
	t.Parallel()
	for _, c := range accLoadRef(t) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			got, err := Accuracy(c.Actual, c.Forecast, AccuracyOptions{Training: c.Training, Season: c.Season})
			if err != nil {
				t.Fatalf("Accuracy: %v", err)
			}
			if got.N != len(c.Actual) || got.TrainingN != len(c.Training) || got.Season != c.Season {
				t.Errorf("N, TrainingN, Season = %d, %d, %d, want %d, %d, %d", got.N, got.TrainingN, got.Season,
					len(c.Actual), len(c.Training), c.Season)
			}
			check := func(source string, want map[string]*float64, rel float64) {
				for m, w := range want {
					if w == nil {
						if got.Defined(m) {
							t.Errorf("%s: %s = %v, want undefined", source, m, accField(got, m))
						}
						continue
					}
					if m != "mase_scale" && !got.Defined(m) {
						t.Errorf("%s: %s undefined, want %v", source, m, *w)
						continue
					}
					if g := accField(got, m); !accClose(g, *w, rel) {
						t.Errorf("%s: %s = %.17g, want %.17g", source, m, g, *w)
					}
				}
			}
			check("exact", c.Exact, 1e-13)
			if c.R == nil {
				t.Log("no R values in testdata (R's forecast package was missing when it was made)")
			}
			check("R forecast::accuracy", c.R, 1e-12)

			// Each per-measure function agrees with the summary.
			funcs := map[string]func([]float64, []float64) (float64, error){
				MeasureMAE: MAE, MeasureRMSE: RMSE, MeasureMAPE: MAPE, MeasureWAPE: WAPE, MeasureSMAPE: SMAPE,
				MeasureBias: Bias, MeasureBiasRatio: BiasRatio, MeasureTotalAccuracy: TotalAccuracy,
				MeasureActualToForecast: ActualToForecast,
				MeasureMASE:             func(a, f []float64) (float64, error) { return MASE(a, f, c.Training, c.Season) },
			}
			for m, fn := range funcs {
				v, err := fn(c.Actual, c.Forecast)
				switch {
				case !got.Defined(m):
					if !errors.Is(err, ErrUndefined) {
						t.Errorf("%s: error %v, want ErrUndefined", m, err)
					}
				case err != nil:
					t.Errorf("%s: %v", m, err)
				case v != accField(got, m):
					t.Errorf("%s = %v, Accuracy gives %v", m, v, accField(got, m))
				}
			}
		})
	}
}

// TestAccuracyHand works the measures out by hand for
//
//	A = 100, 200, 300, 400    F = 110, 180, 330, 400
//	e = A − F = −10, 20, −30, 0    |e| = 10, 20, 30, 0    Σ|e| = 60
//	MAE   = 60 / 4 = 15
//	RMSE  = √((100 + 400 + 900 + 0) / 4) = √350 = 18.708286933869708
//	MAPE  = (10/100 + 20/200 + 30/300 + 0/400) / 4 = 0.3 / 4 = 0.075
//	WAPE  = 60 / 1000 = 0.06
//	sMAPE = (20/210 + 40/380 + 60/630 + 0) / 4 = (4/21 + 2/19) / 4 = 59/798
//	Bias  = (10 − 20 + 30 + 0) / 4 = 5              over-forecast
//	ΣA = 1000, ΣF = 1020: BiasRatio = 0.02, TotalAccuracy = 1 − 20/1000 = 0.98,
//	Attainment = 1000 / 1020 = 50/51
//	MASE: training 80, 90, 100, 95, 110 (m = 1): |diffs| 10, 10, 5, 15,
//	scale = 40 / 4 = 10, MASE = 15 / 10 = 1.5
func TestAccuracyHand(t *testing.T) {
	t.Parallel()
	a, err := Accuracy([]float64{100, 200, 300, 400}, []float64{110, 180, 330, 400},
		AccuracyOptions{Training: []float64{80, 90, 100, 95, 110}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		MeasureMAE: 15, MeasureRMSE: math.Sqrt(350), MeasureMAPE: 0.075, MeasureWAPE: 0.06,
		MeasureSMAPE: 59.0 / 798, MeasureBias: 5, MeasureBiasRatio: 0.02, MeasureTotalAccuracy: 0.98,
		MeasureActualToForecast: 50.0 / 51, MeasureMASE: 1.5, "mase_scale": 10,
	}
	for m, w := range want {
		if g := accField(a, m); !accClose(g, w, 1e-15) {
			t.Errorf("%s = %.17g, want %.17g", m, g, w)
		}
	}
	if len(a.Undefined) != 0 || a.Season != 1 || a.TrainingN != 5 {
		t.Errorf("Undefined %v, Season %d, TrainingN %d; want none, 1, 5", a.Undefined, a.Season, a.TrainingN)
	}
	wantText := `4 periods: actual 1000, forecast 1020, |error| 60
MAE 15, RMSE 18.7083, MAPE 7.50%, WAPE 6.00%, sMAPE 7.39%
bias +5 (+2.00% of actual), total accuracy 98.00%, attainment 98.04%
MASE 1.5 (naive scale 10, season 1, 5 training points)`
	if s := a.String(); s != wantText {
		t.Errorf("String() =\n%s\nwant\n%s", s, wantText)
	}
}

func TestAccuracyUndefined(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		actual, forecast   []float64
		opts               AccuracyOptions
		undefined          []string
		mae, rmse, wantAny float64
	}{
		// A = 0, 5; F = 0, 5: every error 0, so MAE 0; MAPE has A = 0,
		// sMAPE has A = F = 0; the rest are defined (ΣA = ΣF = 5).
		{"zeros", []float64{0, 5}, []float64{0, 5}, AccuracyOptions{}, []string{MeasureMAPE, MeasureSMAPE, MeasureMASE}, 0, 0, 0},
		// Every actual 0: Σ|A| = 0 and ΣA = 0.
		{"actual all zero", []float64{0, 0}, []float64{1, 3}, AccuracyOptions{Training: []float64{1, 2}},
			[]string{MeasureMAPE, MeasureWAPE, MeasureBiasRatio, MeasureTotalAccuracy}, 2, math.Sqrt(5), 0},
		// ΣA = −2 < 0 and ΣF = 0.
		{"negative total", []float64{-4, 2}, []float64{-1, 1}, AccuracyOptions{},
			[]string{MeasureBiasRatio, MeasureMASE, MeasureTotalAccuracy, MeasureActualToForecast}, 2, math.Sqrt(5), 0},
		// Training 1, 2 with season 2: too short (needs 3 points).
		{"training too short", []float64{1}, []float64{2}, AccuracyOptions{Training: []float64{1, 2}, Season: 2},
			[]string{MeasureMASE}, 1, 1, 0},
		// Training repeats every 2 periods: seasonal naive error 0.
		{"training repeats", []float64{1}, []float64{2}, AccuracyOptions{Training: []float64{1, 2, 1, 2, 1}, Season: 2},
			[]string{MeasureMASE}, 1, 1, 0},
		// Empty (not nil) training is too short too.
		{"empty training", []float64{1}, []float64{2}, AccuracyOptions{Training: []float64{}}, []string{MeasureMASE}, 1, 1, 0},
		// e = 1e308 − (−1e308) overflows: MAE, RMSE, bias and the ratios of
		// their sums are beyond float64; sMAPE (terms in [0, 2]) is not:
		// 2·2e308 / 2e308 = 2. MAPE: 2e308/1e308 = 2.
		{"overflow", []float64{1e308, 1e308}, []float64{-1e308, -1e308}, AccuracyOptions{},
			[]string{MeasureMAE, MeasureRMSE, MeasureWAPE, MeasureBias, MeasureBiasRatio, MeasureMASE,
				MeasureTotalAccuracy, MeasureActualToForecast}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := Accuracy(tc.actual, tc.forecast, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range a.Undefined {
				got = append(got, u.Measure)
				if u.Reason == "" {
					t.Errorf("%s undefined without a reason", u.Measure)
				}
				if v := accField(a, u.Measure); v != 0 {
					t.Errorf("undefined %s = %v, want 0", u.Measure, v)
				}
			}
			if strings.Join(got, ",") != strings.Join(tc.undefined, ",") {
				t.Errorf("Undefined = %v, want %v", got, tc.undefined)
			}
			if a.Defined(MeasureMAE) && (a.MAE != tc.mae || !accClose(a.RMSE, tc.rmse, 1e-15)) {
				t.Errorf("MAE, RMSE = %v, %v, want %v, %v", a.MAE, a.RMSE, tc.mae, tc.rmse)
			}
			for _, m := range accOrder {
				if v := accField(a, m); math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s = %v", m, v)
				}
			}
			if !strings.Contains(a.String(), "undefined: ") {
				t.Errorf("String() does not say what is undefined:\n%s", a)
			}
		})
	}
}

func TestAccuracyOverflowValues(t *testing.T) {
	t.Parallel()
	// sMAPE and MAPE of the overflow case above: each term is 2.
	a, _ := Accuracy([]float64{1e308, 1e308}, []float64{-1e308, -1e308}, AccuracyOptions{})
	if a.SMAPE != 2 || a.MAPE != 2 {
		t.Errorf("SMAPE, MAPE = %v, %v, want 2, 2", a.SMAPE, a.MAPE)
	}
	// Squares that overflow or underflow: RMSE is still
	// √((e1² + e2²) / 2) for e = (2e200, 0) → √2·1e200 and e = (1e-200, 3e-200)
	// → √5·1e-200.
	for _, tc := range []struct {
		a, f []float64
		want float64
	}{
		{[]float64{1e200, 5}, []float64{-1e200, 5}, math.Sqrt2 * 1e200},
		{[]float64{1e-200, 0}, []float64{0, 3e-200}, math.Sqrt(5) * 1e-200},
	} {
		got, err := RMSE(tc.a, tc.f)
		if err != nil || !accClose(got, tc.want, 1e-15) {
			t.Errorf("RMSE(%v, %v) = %v, %v, want %v", tc.a, tc.f, got, err, tc.want)
		}
	}
}

// TestAccuracyOverflowedTotals: a total beyond float64, of either sign,
// leaves every ratio over it undefined instead of a wrong finite value
// (FuzzForecastEntryPoints found BiasRatio 0 and TotalAccuracy 1 for the
// first case). By hand:
//   - ΣA = −2e308 ≤ 0: BiasRatio and TotalAccuracy are undefined;
//   - ΣA = 2e308 and ΣF = 1.9e308 are beyond float64: the true BiasRatio
//     −0.05 and TotalAccuracy 0.95 cannot be computed in float64;
//   - ΣF = −2e308 ≤ 0: ActualToForecast is undefined.
func TestAccuracyOverflowedTotals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, f      []float64
		undefined []string
	}{
		{[]float64{-1e308, -1e308}, []float64{-1e308, 0}, []string{MeasureBiasRatio, MeasureTotalAccuracy}},
		{[]float64{1e308, 1e308}, []float64{1e308, 9e307}, []string{MeasureBiasRatio, MeasureTotalAccuracy, MeasureActualToForecast}},
		{[]float64{1, 1}, []float64{-1e308, -1e308}, []string{MeasureActualToForecast}},
	} {
		a, err := Accuracy(tc.a, tc.f, AccuracyOptions{})
		if err != nil {
			t.Fatalf("Accuracy(%v, %v): %v", tc.a, tc.f, err)
		}
		for _, m := range tc.undefined {
			if a.Defined(m) {
				t.Errorf("Accuracy(%v, %v): %s defined (BiasRatio %v, TotalAccuracy %v, ActualToForecast %v), want undefined",
					tc.a, tc.f, m, a.BiasRatio, a.TotalAccuracy, a.ActualToForecast)
			}
		}
		if _, err := BiasRatio(tc.a, tc.f); slices.Contains(tc.undefined, MeasureBiasRatio) && !errors.Is(err, ErrUndefined) {
			t.Errorf("BiasRatio(%v, %v) error %v, want ErrUndefined", tc.a, tc.f, err)
		}
		if _, err := ActualToForecast(tc.a, tc.f); slices.Contains(tc.undefined, MeasureActualToForecast) && !errors.Is(err, ErrUndefined) {
			t.Errorf("ActualToForecast(%v, %v) error %v, want ErrUndefined", tc.a, tc.f, err)
		}
	}
}

func TestAccuracyErrors(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	ok := []float64{1, 2}
	tests := []struct {
		name string
		err  error
	}{
		{"empty", second(Accuracy(nil, nil, AccuracyOptions{}))},
		{"lengths differ", second(Accuracy(ok, []float64{1}, AccuracyOptions{}))},
		{"NaN actual", second(Accuracy([]float64{1, nan}, ok, AccuracyOptions{}))},
		{"Inf forecast", second(Accuracy(ok, []float64{inf, 1}, AccuracyOptions{}))},
		{"NaN training", second(Accuracy(ok, ok, AccuracyOptions{Training: []float64{1, nan}}))},
		{"negative season", second(Accuracy(ok, ok, AccuracyOptions{Season: -1}))},
		{"MAE empty", second(MAE(nil, nil))},
		{"RMSE lengths", second(RMSE(ok, nil))},
		{"MAPE NaN", second(MAPE([]float64{nan}, []float64{1}))},
		{"WAPE Inf", second(WAPE([]float64{1}, []float64{-inf}))},
		{"SMAPE empty", second(SMAPE([]float64{}, []float64{}))},
		{"Bias lengths", second(Bias(ok, []float64{1, 2, 3}))},
		{"BiasRatio NaN", second(BiasRatio(ok, []float64{nan, 1}))},
		{"TotalAccuracy empty", second(TotalAccuracy(nil, nil))},
		{"Attainment Inf", second(ActualToForecast([]float64{inf}, []float64{1}))},
		{"MASE negative season", second(MASE(ok, ok, ok, -2))},
		{"MASE Inf training", second(MASE(ok, ok, []float64{1, inf, 3}, 1))},
		{"MASE lengths", second(MASE(ok, []float64{1}, ok, 1))},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, ErrInvalidOptions) {
			t.Errorf("%s: error %v, want ErrInvalidOptions", tc.name, tc.err)
		}
	}
	undefined := []struct {
		name string
		err  error
	}{
		{"MAPE actual 0", second(MAPE([]float64{0, 1}, ok))},
		{"WAPE actual all 0", second(WAPE([]float64{0, 0}, ok))},
		{"SMAPE both 0", second(SMAPE([]float64{0, 1}, []float64{0, 1}))},
		{"BiasRatio total 0", second(BiasRatio([]float64{1, -1}, ok))},
		{"TotalAccuracy total 0", second(TotalAccuracy([]float64{1, -1}, ok))},
		{"Attainment forecast 0", second(ActualToForecast(ok, []float64{0, 0}))},
		{"MASE no training", second(MASE(ok, ok, nil, 1))},
		{"MASE too short", second(MASE(ok, ok, []float64{1, 2, 3, 4}, 4))},
		{"MASE constant", second(MASE(ok, ok, []float64{3, 3, 3}, 0))},
		{"MAE overflow", second(MAE([]float64{1e308}, []float64{-1e308}))},
		{"Bias overflow", second(Bias([]float64{-1e308}, []float64{1e308}))},
	}
	for _, tc := range undefined {
		if !errors.Is(tc.err, ErrUndefined) {
			t.Errorf("%s: error %v, want ErrUndefined", tc.name, tc.err)
		}
	}
}

// The caller's slices are not modified.
func TestAccuracyKeepsInput(t *testing.T) {
	t.Parallel()
	a, f, tr := []float64{3, 1, 2}, []float64{2, 2, 2}, []float64{5, 4, 3, 2}
	if _, err := Accuracy(a, f, AccuracyOptions{Training: tr, Season: 2}); err != nil {
		t.Fatal(err)
	}
	if a[0] != 3 || a[1] != 1 || f[2] != 2 || tr[0] != 5 || tr[3] != 2 {
		t.Errorf("input modified: %v %v %v", a, f, tr)
	}
}

func TestAccuracyJSON(t *testing.T) {
	t.Parallel()
	a, _ := Accuracy([]float64{0, 10}, []float64{1, 9}, AccuracyOptions{})
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	// Σ|e| = 2 over 2 periods; MAPE undefined (A = 0 at index 0), and MASE
	// without training.
	want := `{"n":2,"sum_actual":10,"sum_forecast":10,"sum_abs_error":2,"mae":1,"rmse":1,"mape":0,"wape":0.2,` +
		`"smape":1.0526315789473684,"bias":0,"bias_ratio":0,"mase":0,"total_accuracy":1,"actual_to_forecast":1,"mase_scale":0,` +
		`"undefined":[{"measure":"mape","reason":"actual is 0 at index 0"},{"measure":"mase","reason":"no training series to scale by"}]}`
	if string(b) != want {
		t.Errorf("JSON =\n%s\nwant\n%s", b, want)
	}
}
