package forecast

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Names of the accuracy measures, as UndefinedMeasure.Measure and the JSON
// fields of ForecastAccuracy call them.
const (
	MeasureMAE              = "mae"
	MeasureRMSE             = "rmse"
	MeasureMAPE             = "mape"
	MeasureWAPE             = "wape"
	MeasureSMAPE            = "smape"
	MeasureBias             = "bias"
	MeasureBiasRatio        = "bias_ratio"
	MeasureMASE             = "mase"
	MeasureTotalAccuracy    = "total_accuracy"
	MeasureActualToForecast = "actual_to_forecast"
)

// AccuracyOptions configures Accuracy. The zero value computes every
// measure but MASE, which needs a training series.
type AccuracyOptions struct {
	// Training is the series the forecast was fitted on (the periods
	// before the actuals), for MASE's scale. Nil: MASE is undefined.
	Training []float64
	// Season is the season length m of MASE's seasonal naive scale: 12
	// for months, 4 for quarters. Zero means 1, the plain naive forecast
	// (the value of the period before). Negative is an error.
	Season int
}

func (o AccuracyOptions) accSeason() int { return max(o.Season, 1) }

// UndefinedMeasure names a measure that has no value for the input and
// says why: "mape": "actual is 0 at index 2".
type UndefinedMeasure struct {
	Measure string `json:"measure"`
	Reason  string `json:"reason"`
}

// ForecastAccuracy holds every accuracy measure of a forecast F against
// the actuals A over N periods, with the sums behind them, so a person can
// check them by hand. Writing e = A − F for the error of a period and Σ for
// the sum over the N periods:
//
//	MAE           = Σ|e| / N
//	RMSE          = √(Σe² / N)
//	MAPE          = Σ(|e| / |A|) / N                 undefined if any A = 0
//	WAPE          = Σ|e| / Σ|A|                      undefined if Σ|A| = 0
//	SMAPE         = Σ(2|e| / (|A| + |F|)) / N        undefined if A = F = 0 in a period
//	Bias          = Σ(F − A) / N                     > 0: over-forecast
//	BiasRatio     = ΣF / ΣA − 1                      undefined if ΣA <= 0
//	MASE          = MAE / Scale                      Scale = Σ|y_t − y_{t−m}| / (T − m)
//	TotalAccuracy = 1 − |ΣA − ΣF| / ΣA               undefined if ΣA <= 0
//	Attainment    = ΣA / ΣF                          undefined if ΣF <= 0
//
// Percentages are fractions, as everywhere in this library: a MAPE of 0.12
// is 12% (R's forecast::accuracy writes 12). MAE, RMSE and Bias are in the
// units of the data; the rest have none.
//
// SMAPE is the variant with absolute values in the denominator, each term
// in [0, 2]. Hyndman & Koehler (2006, "Another look at measures of forecast
// accuracy", §3.2) give the M3-competition form 2|e| / (A + F), which
// equals it whenever A and F are not negative, as sales are; theirs goes
// negative, and is undefined, when A + F <= 0.
//
// MASE (Hyndman & Koehler 2006, §3.4) scales the MAE by the in-sample MAE
// of the seasonal naive forecast y_t = y_{t−m} over the training series y of
// T points (the naive forecast y_t = y_{t−1} for m = 1): below 1 the forecast
// beat that benchmark. It is undefined without a training series, with one
// of m points or fewer, and when the training series repeats itself exactly
// every m periods (Scale = 0). MASEScale is that Scale, Season the m used
// (0 when no training series was given).
//
// TotalAccuracy and Attainment are the single numbers sales teams quote:
// "we were 98% accurate", "we closed 98% of the forecast". TotalAccuracy
// falls below 0 when the forecast is more than twice the actual; it is not
// clamped. BiasRatio is the total over-forecast as a share of the actual.
// These three want a positive total (a total actual or forecast of zero or
// less leaves them undefined).
//
// A measure that has no value for the input is 0 and listed in Undefined,
// in the order of the table, with the reason. So is one beyond float64's
// range (values near 1e308), and a ratio over a total beyond it.
type ForecastAccuracy struct {
	N           int     `json:"n"`
	SumActual   float64 `json:"sum_actual"`
	SumForecast float64 `json:"sum_forecast"`
	SumAbsError float64 `json:"sum_abs_error"`

	MAE              float64 `json:"mae"`
	RMSE             float64 `json:"rmse"`
	MAPE             float64 `json:"mape"`
	WAPE             float64 `json:"wape"`
	SMAPE            float64 `json:"smape"`
	Bias             float64 `json:"bias"`
	BiasRatio        float64 `json:"bias_ratio"`
	MASE             float64 `json:"mase"`
	TotalAccuracy    float64 `json:"total_accuracy"`
	ActualToForecast float64 `json:"actual_to_forecast"`

	MASEScale float64 `json:"mase_scale"`
	Season    int     `json:"season,omitempty"`
	TrainingN int     `json:"training_n,omitempty"`

	Undefined []UndefinedMeasure `json:"undefined,omitempty"`
}

// Defined reports whether the named measure (MeasureMAPE, …) has a value.
func (a ForecastAccuracy) Defined(measure string) bool {
	_, undefined := a.accReason(measure)
	return !undefined
}

func (a ForecastAccuracy) accReason(measure string) (string, bool) {
	for _, u := range a.Undefined {
		if u.Measure == measure {
			return u.Reason, true
		}
	}
	return "", false
}

// accValue returns the named measure, or an error wrapping ErrUndefined
// with the reason.
func (a ForecastAccuracy) accValue(measure string, v float64) (float64, error) {
	if why, undefined := a.accReason(measure); undefined {
		return 0, fmt.Errorf("%w: %s: %s", ErrUndefined, measure, why)
	}
	return v, nil
}

// String reads as
//
//	4 periods: actual 1000, forecast 1020, |error| 60
//	MAE 15, RMSE 18.71, MAPE 7.50%, WAPE 6.00%, sMAPE 7.39%
//	bias +5 (+2.00% of actual), total accuracy 98.00%, attainment 98.04%
//	MASE 1.5 (naive scale 10, season 1, 5 training points)
//
// with "n/a" for an undefined measure and a last line per undefined measure
// giving the reason.
func (a ForecastAccuracy) String() string {
	var s strings.Builder
	num := func(m string, v float64) string {
		if !a.Defined(m) {
			return "n/a"
		}
		return accG(v)
	}
	pct := func(m string, v float64) string {
		if !a.Defined(m) {
			return "n/a"
		}
		return strconv.FormatFloat(100*v, 'f', 2, 64) + "%"
	}
	fmt.Fprintf(&s, "%d periods: actual %s, forecast %s, |error| %s\n", a.N, accG(a.SumActual), accG(a.SumForecast), accG(a.SumAbsError))
	fmt.Fprintf(&s, "MAE %s, RMSE %s, MAPE %s, WAPE %s, sMAPE %s\n", num(MeasureMAE, a.MAE), num(MeasureRMSE, a.RMSE),
		pct(MeasureMAPE, a.MAPE), pct(MeasureWAPE, a.WAPE), pct(MeasureSMAPE, a.SMAPE))
	bias := "n/a"
	if a.Defined(MeasureBias) {
		bias = accSigned(a.Bias)
	}
	ratio := "n/a"
	if a.Defined(MeasureBiasRatio) {
		ratio = fmt.Sprintf("%+.2f%%", 100*a.BiasRatio)
	}
	fmt.Fprintf(&s, "bias %s (%s of actual), total accuracy %s, attainment %s", bias, ratio,
		pct(MeasureTotalAccuracy, a.TotalAccuracy), pct(MeasureActualToForecast, a.ActualToForecast))
	if a.Defined(MeasureMASE) {
		fmt.Fprintf(&s, "\nMASE %s (naive scale %s, season %d, %d training points)", accG(a.MASE), accG(a.MASEScale), a.Season, a.TrainingN)
	} else {
		s.WriteString("\nMASE n/a")
	}
	for _, u := range a.Undefined {
		fmt.Fprintf(&s, "\n%s undefined: %s", u.Measure, u.Reason)
	}
	return s.String()
}

// accG formats v with up to 6 significant digits.
func accG(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// accSigned formats v with its sign.
func accSigned(v float64) string {
	if v > 0 {
		return "+" + accG(v)
	}
	return accG(v)
}

// Accuracy returns every accuracy measure of forecast against actual (see
// ForecastAccuracy), in one pass over the data and one over the training
// series, allocating nothing per point. A measure with no value for the
// input is listed in Undefined with its reason; the others still come
// back.
//
// Errors, each wrapping ErrInvalidOptions: actual empty, the two of
// different lengths, a value of actual, forecast or opts.Training that is
// NaN or infinite, and a negative opts.Season.
func Accuracy(actual, forecast []float64, opts AccuracyOptions) (ForecastAccuracy, error) {
	if err := accCheck(actual, forecast); err != nil {
		return ForecastAccuracy{}, err
	}
	if opts.Season < 0 {
		return ForecastAccuracy{}, fmt.Errorf("%w: season %d is negative", ErrInvalidOptions, opts.Season)
	}
	if i := accNonFinite(opts.Training); i >= 0 {
		return ForecastAccuracy{}, fmt.Errorf("%w: training[%d] is %v", ErrInvalidOptions, i, opts.Training[i])
	}
	a := accOf(actual, forecast)
	if opts.Training == nil {
		a.accUndefined(MeasureMASE, "no training series to scale by")
	} else {
		a.accMASE(opts.Training, opts.accSeason())
	}
	a.accSort()
	return a, nil
}

// accCheck reports input no measure can be computed from.
func accCheck(actual, forecast []float64) error {
	switch {
	case len(actual) == 0:
		return fmt.Errorf("%w: no actual values", ErrInvalidOptions)
	case len(actual) != len(forecast):
		return fmt.Errorf("%w: %d actual values and %d forecast values", ErrInvalidOptions, len(actual), len(forecast))
	}
	if i := accNonFinite(actual); i >= 0 {
		return fmt.Errorf("%w: actual[%d] is %v", ErrInvalidOptions, i, actual[i])
	}
	if i := accNonFinite(forecast); i >= 0 {
		return fmt.Errorf("%w: forecast[%d] is %v", ErrInvalidOptions, i, forecast[i])
	}
	return nil
}

// accNonFinite returns the index of the first NaN or infinite value, or −1.
func accNonFinite(xs []float64) int {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return i
		}
	}
	return -1
}

// accSum is a compensated (Kahan–Babuška–Neumaier) sum: the rounding error
// of each addition is carried, so a sum of a million terms keeps nearly all
// its digits.
type accSum struct{ s, c float64 }

func (k *accSum) add(x float64) {
	t := k.s + x
	if math.Abs(k.s) >= math.Abs(x) {
		k.c += (k.s - t) + x
	} else {
		k.c += (x - t) + k.s
	}
	k.s = t
}

func (k *accSum) sum() float64 {
	if accOver(k.s) {
		return k.s // ±Inf, or NaN when both overflowed; the caller reports it
	}
	return k.s + k.c
}

// accOver reports a sum or measure that overflowed float64 (±Inf or NaN).
func accOver(x float64) bool { return math.IsInf(x, 0) || math.IsNaN(x) }

// accBeyond is the reason given for a measure beyond float64's range, or
// computed from a total beyond it.
const accBeyond = "beyond the range of float64"

// accOf computes every measure but MASE from checked input.
func accOf(actual, forecast []float64) ForecastAccuracy {
	var sA, sF, sAbsA, sAbsE, sE, sSq, sAPE, sSAPE accSum
	var maxE float64
	zeroA, bothZero := -1, -1
	for i, av := range actual {
		fv := forecast[i]
		e := av - fv
		ae := math.Abs(e)
		absA, absF := math.Abs(av), math.Abs(fv)
		sA.add(av)
		sF.add(fv)
		sAbsA.add(absA)
		sAbsE.add(ae)
		sE.add(e)
		sSq.add(e * e)
		maxE = max(maxE, ae)
		if av == 0 {
			if zeroA < 0 {
				zeroA = i
			}
		} else if math.IsInf(ae, 0) {
			// e overflowed: halving is exact at this size.
			sAPE.add(2 * (math.Abs(av/2-fv/2) / absA))
		} else {
			sAPE.add(ae / absA)
		}
		switch den := absA + absF; {
		case den == 0:
			if bothZero < 0 {
				bothZero = i
			}
		case math.IsInf(den, 0):
			sSAPE.add(2 * (math.Abs(av/2-fv/2) / (absA/2 + absF/2)))
		default:
			sSAPE.add(2 * (ae / den))
		}
	}
	n := float64(len(actual))
	a := ForecastAccuracy{N: len(actual), SumActual: sA.sum(), SumForecast: sF.sum(), SumAbsError: sAbsE.sum()}
	sumE, sumAbsA := sE.sum(), sAbsA.sum()

	a.MAE = a.SumAbsError / n
	a.RMSE = accRMSE(actual, forecast, sSq.sum(), maxE)
	switch {
	case zeroA >= 0:
		a.accUndefined(MeasureMAPE, fmt.Sprintf("actual is 0 at index %d", zeroA))
	default:
		a.MAPE = sAPE.sum() / n
	}
	switch {
	case accOver(sumAbsA):
		a.accUndefined(MeasureWAPE, accBeyond)
	case sumAbsA == 0:
		a.accUndefined(MeasureWAPE, "every actual is 0")
	default:
		a.WAPE = a.SumAbsError / sumAbsA
	}
	switch {
	case bothZero >= 0:
		a.accUndefined(MeasureSMAPE, fmt.Sprintf("actual and forecast are both 0 at index %d", bothZero))
	default:
		a.SMAPE = sSAPE.sum() / n
	}
	a.Bias = (0 - sumE) / n // 0 − x, not −x: no −0
	switch {
	case accOver(a.SumActual) || accOver(sumE):
		// A total beyond float64 (of either sign) would divide to a
		// wrong finite value: −0, 0 or 1.
		a.accUndefined(MeasureBiasRatio, accBeyond)
		a.accUndefined(MeasureTotalAccuracy, accBeyond)
	case a.SumActual <= 0:
		reason := fmt.Sprintf("total actual %s is not positive", accG(a.SumActual))
		a.accUndefined(MeasureBiasRatio, reason)
		a.accUndefined(MeasureTotalAccuracy, reason)
	default:
		a.BiasRatio = (0 - sumE) / a.SumActual
		a.TotalAccuracy = 1 - math.Abs(sumE)/a.SumActual
	}
	switch {
	case accOver(a.SumActual) || accOver(a.SumForecast):
		a.accUndefined(MeasureActualToForecast, accBeyond)
	case a.SumForecast <= 0:
		a.accUndefined(MeasureActualToForecast, fmt.Sprintf("total forecast %s is not positive", accG(a.SumForecast)))
	default:
		a.ActualToForecast = a.SumActual / a.SumForecast
	}
	// Whatever overflowed is reported, never returned.
	for _, m := range [...]struct {
		name string
		v    *float64
	}{
		{MeasureMAE, &a.MAE}, {MeasureRMSE, &a.RMSE}, {MeasureMAPE, &a.MAPE}, {MeasureWAPE, &a.WAPE},
		{MeasureSMAPE, &a.SMAPE}, {MeasureBias, &a.Bias}, {MeasureBiasRatio, &a.BiasRatio},
		{MeasureTotalAccuracy, &a.TotalAccuracy}, {MeasureActualToForecast, &a.ActualToForecast},
	} {
		if math.IsInf(*m.v, 0) || math.IsNaN(*m.v) {
			*m.v = 0
			if a.Defined(m.name) {
				a.accUndefined(m.name, accBeyond)
			}
		}
	}
	for _, v := range []*float64{&a.SumActual, &a.SumForecast, &a.SumAbsError} {
		if math.IsInf(*v, 0) || math.IsNaN(*v) {
			*v = 0
		}
	}
	return a
}

// accRMSE returns √(sumSq / n), recomputing the squares scaled by a power of
// two near the largest |e| where they overflowed or underflowed, so that
// errors near 1e200 or 1e-200 still give their RMSE.
func accRMSE(actual, forecast []float64, sumSq, maxE float64) float64 {
	n := float64(len(actual))
	if maxE == 0 {
		return 0
	}
	if !math.IsInf(sumSq, 0) && sumSq > 0x1p-900 {
		return math.Sqrt(sumSq / n)
	}
	if math.IsInf(maxE, 0) {
		return math.Inf(1)
	}
	_, exp := math.Frexp(maxE)
	var s accSum
	for i, av := range actual {
		e := math.Ldexp(av, -exp) - math.Ldexp(forecast[i], -exp)
		s.add(e * e)
	}
	return math.Ldexp(math.Sqrt(s.sum()/n), exp)
}

// accMASE sets MASE from the training series and season m.
func (a *ForecastAccuracy) accMASE(training []float64, m int) {
	a.Season, a.TrainingN = m, len(training)
	if len(training) <= m {
		a.accUndefined(MeasureMASE, fmt.Sprintf("a training series of %d points is too short for season %d (needs %d)",
			len(training), m, m+1))
		return
	}
	var s accSum
	for t := m; t < len(training); t++ {
		d := training[t] - training[t-m]
		if math.IsInf(d, 0) {
			d = 2 * (training[t]/2 - training[t-m]/2)
		}
		s.add(math.Abs(d))
	}
	a.MASEScale = s.sum() / float64(len(training)-m)
	switch {
	case math.IsInf(a.MASEScale, 0):
		a.MASEScale = 0
		a.accUndefined(MeasureMASE, "naive scale "+accBeyond)
	case a.MASEScale == 0:
		a.accUndefined(MeasureMASE, fmt.Sprintf("the training series repeats every %d periods: its seasonal naive error is 0", m))
	case !a.Defined(MeasureMAE):
		a.accUndefined(MeasureMASE, "MAE "+accBeyond)
	default:
		a.MASE = a.MAE / a.MASEScale
		if math.IsInf(a.MASE, 0) || math.IsNaN(a.MASE) {
			a.MASE = 0
			a.accUndefined(MeasureMASE, accBeyond)
		}
	}
}

func (a *ForecastAccuracy) accUndefined(measure, reason string) {
	a.Undefined = append(a.Undefined, UndefinedMeasure{Measure: measure, Reason: reason})
}

// accOrder is the order of the measures in ForecastAccuracy.
var accOrder = [...]string{MeasureMAE, MeasureRMSE, MeasureMAPE, MeasureWAPE, MeasureSMAPE, MeasureBias,
	MeasureBiasRatio, MeasureMASE, MeasureTotalAccuracy, MeasureActualToForecast}

// accSort puts Undefined in the order of the measures.
func (a *ForecastAccuracy) accSort() {
	if len(a.Undefined) < 2 {
		return
	}
	out := make([]UndefinedMeasure, 0, len(a.Undefined))
	for _, m := range accOrder {
		for _, u := range a.Undefined {
			if u.Measure == m {
				out = append(out, u)
			}
		}
	}
	a.Undefined = out
}

// accOne computes one measure for the per-measure functions.
func accOne(actual, forecast []float64, measure string, pick func(*ForecastAccuracy) float64) (float64, error) {
	if err := accCheck(actual, forecast); err != nil {
		return 0, err
	}
	a := accOf(actual, forecast)
	return a.accValue(measure, pick(&a))
}

// MAE returns the mean absolute error of forecast against actual,
//
//	MAE = Σ|A − F| / N
//
// in the units of the data (see ForecastAccuracy). Errors: those of
// Accuracy (ErrInvalidOptions), and ErrUndefined for a result beyond
// float64's range.
func MAE(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureMAE, func(a *ForecastAccuracy) float64 { return a.MAE })
}

// RMSE returns the root mean squared error of forecast against actual,
//
//	RMSE = √(Σ(A − F)² / N)
//
// in the units of the data; RMSE >= MAE, with equality when every error has
// the same size. Errors as for MAE.
func RMSE(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureRMSE, func(a *ForecastAccuracy) float64 { return a.RMSE })
}

// MAPE returns the mean absolute percentage error as a fraction (0.12 is
// 12%),
//
//	MAPE = Σ(|A − F| / |A|) / N
//
// An actual of 0 anywhere leaves it undefined: an error wrapping
// ErrUndefined naming the first. Other errors as for MAE.
func MAPE(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureMAPE, func(a *ForecastAccuracy) float64 { return a.MAPE })
}

// WAPE returns the weighted absolute percentage error (also called
// MAD/mean ratio) as a fraction,
//
//	WAPE = Σ|A − F| / Σ|A|
//
// the MAPE with each period weighted by its actual, so periods of small
// actuals do not dominate and an actual of 0 is allowed. Every actual 0 is
// an error wrapping ErrUndefined. Other errors as for MAE.
func WAPE(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureWAPE, func(a *ForecastAccuracy) float64 { return a.WAPE })
}

// SMAPE returns the symmetric mean absolute percentage error as a fraction
// in [0, 2],
//
//	sMAPE = Σ(2|A − F| / (|A| + |F|)) / N
//
// the variant with absolute values in the denominator (see
// ForecastAccuracy for how it relates to Hyndman & Koehler's 2006 form). A
// period where actual and forecast are both 0 leaves it undefined: an
// error wrapping ErrUndefined. Other errors as for MAE.
func SMAPE(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureSMAPE, func(a *ForecastAccuracy) float64 { return a.SMAPE })
}

// Bias returns the mean forecast error,
//
//	Bias = Σ(F − A) / N
//
// in the units of the data: positive when the forecast was too high
// (over-forecast), negative when too low. It is the negative of R's
// forecast::accuracy ME, which is Σ(A − F) / N. Errors as for MAE.
func Bias(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureBias, func(a *ForecastAccuracy) float64 { return a.Bias })
}

// BiasRatio returns the total over-forecast as a fraction of the total
// actual,
//
//	BiasRatio = ΣF / ΣA − 1 = Σ(F − A) / ΣA
//
// 0.05 means the forecast was 5% too high in total. A total actual of zero
// or less leaves it undefined: an error wrapping ErrUndefined. Other errors
// as for MAE.
func BiasRatio(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureBiasRatio, func(a *ForecastAccuracy) float64 { return a.BiasRatio })
}

// TotalAccuracy returns the forecast accuracy sales teams quote, as a
// fraction,
//
//	TotalAccuracy = 1 − |ΣA − ΣF| / ΣA
//
// 0.98 means the total forecast missed the total actual by 2% of it, in
// either direction. It is below 0 when the forecast is more than twice the
// actual (not clamped). Misses of opposite sign in different periods
// cancel; WAPE does not let them. A total actual of zero or less leaves it
// undefined: an error wrapping ErrUndefined. Other errors as for MAE.
func TotalAccuracy(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureTotalAccuracy, func(a *ForecastAccuracy) float64 { return a.TotalAccuracy })
}

// ActualToForecast returns the attainment of the forecast, as a fraction,
//
//	ActualToForecast = ΣA / ΣF
//
// 1.05 means 105% of the forecast came in. A total forecast of zero or less
// leaves it undefined: an error wrapping ErrUndefined. Other errors as for
// MAE.
func ActualToForecast(actual, forecast []float64) (float64, error) {
	return accOne(actual, forecast, MeasureActualToForecast, func(a *ForecastAccuracy) float64 { return a.ActualToForecast })
}

// MASE returns the mean absolute scaled error of Hyndman & Koehler (2006,
// §3.4),
//
//	MASE  = MAE / Scale
//	Scale = Σ_{t=m+1..T} |y_t − y_{t−m}| / (T − m)
//
// the forecast's MAE over the in-sample MAE of the seasonal naive forecast
// on the training series y of T points with season m (season 0 means 1,
// the naive forecast). Below 1, the forecast beat the naive one on the
// training data; it is what R's forecast::accuracy reports as MASE.
//
// Errors: those of MAE, a negative season or a training value that is NaN
// or infinite (ErrInvalidOptions), and ErrUndefined for a training series
// of m points or fewer or one that repeats exactly every m periods (Scale
// = 0).
func MASE(actual, forecast, training []float64, season int) (float64, error) {
	if err := accCheck(actual, forecast); err != nil {
		return 0, err
	}
	if season < 0 {
		return 0, fmt.Errorf("%w: season %d is negative", ErrInvalidOptions, season)
	}
	if i := accNonFinite(training); i >= 0 {
		return 0, fmt.Errorf("%w: training[%d] is %v", ErrInvalidOptions, i, training[i])
	}
	a := accOf(actual, forecast)
	a.accMASE(training, max(season, 1))
	return a.accValue(MeasureMASE, a.MASE)
}
