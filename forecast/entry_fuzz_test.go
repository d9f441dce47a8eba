package forecast

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
	"github.com/salesmetrics/salesmetrics/internal/sentinels"
)

// FuzzForecastEntryPoints drives the entry points of package forecast that
// the other fuzz targets do not reach, with inputs built from the fuzzer's
// bytes (series of actuals and forecasts, deals, forecast calls, a JSON
// document) and options from a uint64 (out-of-range values included). It
// checks, for each: no panic; an error, when returned, wraps an exported
// sentinel of forecast, activity or performance (for the decoders, or is
// encoding/json's own syntax or type error, as activity's decoders report
// them); a result returned without an error holds no NaN or ±Inf
// (fuzzcheck.NonFinite); and the invariants the docs promise.
//
// Entry points covered:
//   - MAE, RMSE, SMAPE, Bias, BiasRatio, TotalAccuracy, ActualToForecast:
//     ErrInvalidOptions exactly for empty, mismatched or non-finite input,
//     else ErrUndefined exactly when Accuracy lists the measure undefined,
//     else Accuracy's value; MAE >= 0, MAE <= RMSE <= √N·MAE, |Bias| <= MAE,
//     sMAPE in [0, 2], TotalAccuracy <= 1, and the exact values of a
//     forecast equal to the actuals;
//   - Series.SeasonLength (with NewSeries and Series.Next): 12, 4, 1 or 0,
//     and m periods after a point start one year after it;
//   - CallAccuracy: reps in name order, Calls = Superseded + Late + periods,
//     sums and differences exact, undefined measures 0;
//   - StageWinRates, StageRates.Probability, StageRates.Probabilities:
//     Won <= Reached, rates Won / Reached in [0, 1] or the company's on
//     fallback, probabilities of deals open at asOf only, in [0, 1];
//   - Movement.Category with a value that is no category: the zero total;
//   - Call.UnmarshalJSON, Transaction.UnmarshalJSON,
//     Snapshot.UnmarshalJSON: a decoded record that validates writes JSON
//     that reads back to it.
func FuzzForecastEntryPoints(f *testing.F) {
	// A small company: five deals (three bytes each, see eeView), then six
	// forecast calls (three bytes each).
	company := []byte{5, 0x01, 30, 0x05, 0x13, 0x31, 0x23, 0x20, 0x40, 0x61, 0x30, 0x02, 0x04, 0x04, 0x52, 0x82,
		6, 0x00, 0x01, 0x52, 0x00, 0x01, 0x7b, 0x01, 0x05, 0x53, 0x09, 0x01, 0x54, 0x12, 0x01, 0x81, 0x00, 0x40, 0x55}
	// Four actuals and four forecasts, both 0 in one period; months; commit
	// calls locked at the period's start; rates by source learned in Q1,
	// at least 2 deals a group; probabilities at 15 February 2025.
	f.Add(append([]byte{0x0a, 0x14, 0x00, 0x28, 0x0b, 0x12, 0x00, 0x26}, company...),
		[]byte(`{"rep":"r0","period":{"start":"2025-01-01","end":"2025-04-01","name":"2025 Q1"},"category":"commit","amount":"1000.50","currency":"USD","submitted_at":"2024-12-20T10:00:00Z"}`),
		eeWord(4, 4, 3, 3, int(activity.Monthly), 3, 5, 10, 0, 3, 1, 2, 0, 3, 0, 3, int(activity.DimensionSource), 4, 2, 3, 2, 3, 3, 4))
	// No actuals and two forecasts; quarters; calls locked two weeks into
	// the period, converted to USD at the period's end; rates by team over
	// two years, from 1 deal; probabilities now.
	f.Add(append([]byte{0x03, 0x90}, company...),
		[]byte(`{"customer":"c1","at":1735689600000,"amount":12.5}`),
		eeWord(0, 4, 0, 3, 2, 4, int(activity.Quarterly), 3, 100, 10, 2, 3, 1, 2, 4, 3, 1, 2, 2, 3, int(activity.DimensionTeam), 4, 1, 3, 0, 3, 0, 4))
	// Everything at its largest: edge values, options out of range.
	f.Add([]byte{3, 7, 7, 7, 9, 9, 9, 0xff, 0x50, 0x61, 0x72, 0x83, 0x94, 0xa5, 0xb6, 0xc7, 0xd8, 0xe9, 0xfa, 0x0b, 0x1c, 0x2d, 0x3e, 0x4f},
		[]byte(`{"taken":"2025-04-01","deals":[{"id":"D","owner":"a","amount":"5","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"}]}`),
		^uint64(0))
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: callDay(2024, 1, 1), Rate: decimal.RequireFromString("1.0837")},
		{From: "EUR", To: "USD", On: callDay(2025, 3, 1), Rate: decimal.RequireFromString("1.1")},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data, doc []byte, opts uint64) {
		if len(data) > 400 {
			data = data[:400]
		}
		r := fuzzcheck.NewBytes(data)
		o := &eeBits{v: opts}
		actual, fc := eeSeries(r, o)
		eeAccuracy(t, actual, fc)
		eeSeason(t, actual, o)
		eeView(t, r, o, rates)
		eeJSON(t, doc)
		// The enumerations, in and out of range, as text; and the document
		// read as the name of each.
		text := doc[:min(len(doc), 16)]
		for range 2 {
			b := uint8(r.Next()) % 8
			fuzzEnumText(t, DayBasis(b), text)
			fuzzEnumText(t, MovementGrouping(b), text)
			fuzzEnumText(t, MovementCategory(b), text)
			fuzzEnumText(t, MovementReason(b), text)
		}
		c := MovementCategory(pmCategories + o.take(4))
		if got := (Movement{Start: MovementTotal{Deals: 1}, End: MovementTotal{Deals: 2}}).Category(c); got != (MovementTotal{}) {
			t.Fatalf("Movement.Category(%d) = %+v, want the zero total", c, got)
		}
	})
}

// eeWord packs an options word as eeBits reads it: pairs of a value and
// its width in bits, the first pair in the lowest bits.
func eeWord(pairs ...int) uint64 {
	var w uint64
	var at uint
	for i := 0; i+1 < len(pairs); i += 2 {
		w |= uint64(pairs[i]) << at
		at += uint(pairs[i+1])
	}
	return w
}

// eeBits reads the options word a few bits at a time; past the end, zeros.
type eeBits struct{ v uint64 }

func (b *eeBits) take(n uint) int {
	x := b.v & (1<<n - 1)
	b.v >>= n
	return int(x)
}

// eeSentinels are the exported sentinels an error of forecast may wrap.
var eeSentinels = slices.Concat([]error{
	ErrInvalidSeries, ErrGap, ErrTooFewPoints, ErrConstantSeries, ErrCollinear, ErrMissingDrivers, ErrInvalidOptions,
	ErrUndefined, ErrNoConvergence, ErrInvalidCall, ErrInvalidTransaction, ErrInvalidSummary, ErrInvalidSnapshot,
}, sentinels.Activity, sentinels.Performance)

// eeSentinel reports whether err wraps one of eeSentinels; a joined error
// must have every part wrap one.
func eeSentinel(err error) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if !eeSentinel(e) {
				return false
			}
		}
		return len(j.Unwrap()) > 0
	}
	return slices.ContainsFunc(eeSentinels, func(s error) bool { return errors.Is(err, s) })
}

// eeFinite fails if v holds a NaN or an infinite float, or does not
// render (fuzzRender).
func eeFinite(t *testing.T, v any, name string) {
	t.Helper()
	if path, bad := fuzzcheck.NonFinite(v, name); bad {
		t.Fatalf("non-finite result: %s", path)
	}
	fuzzRender(t, name, v)
}

// eeSpecial are values near the edges of float64, and a few invalid ones.
var eeSpecial = [...]float64{
	0, math.Copysign(0, -1), 1e308, -1e308, math.MaxFloat64, 5e-324, -5e-324, 1e-300,
	1e154, 1e-160, 0.1, 1e15 + 0.3, math.NaN(), math.Inf(1), math.Inf(-1), 2.5,
	1e16, 1, 3, 7, 1e-5, 123456.789, 1e300, -1e300, 0, 0, 1e200, -1e200, 4.9e-324, 1e-310, 100, 1000,
}

// eeValue maps a byte to a value: mostly small whole numbers (zeros
// often), some negative, some at the edges of float64.
func eeValue(b byte) float64 {
	switch {
	case b < 0x80:
		return float64(b & 0x0f)
	case b < 0xa0:
		return -float64(b & 0x0f)
	case b < 0xc0:
		return float64(b&0x1f) / 8
	}
	return eeSpecial[b&0x1f]
}

// eeSeries reads actuals and forecasts: of equal lengths (0 to 15), the
// forecast equal to the actuals or zero at times, and of other lengths at
// others.
func eeSeries(r *fuzzcheck.Bytes, o *eeBits) (actual, fc []float64) {
	nA := o.take(4)
	mode := o.take(3)
	nF := nA
	if mode == 0 {
		nF = o.take(4)
	}
	actual = make([]float64, nA)
	for i := range actual {
		actual[i] = eeValue(r.Next())
	}
	fc = make([]float64, nF)
	switch mode {
	case 1:
		copy(fc, actual)
	case 2: // all zero
	default:
		for i := range fc {
			fc[i] = eeValue(r.Next())
		}
	}
	return actual, fc
}

// eeAccuracy checks the per-measure accuracy functions.
func eeAccuracy(t *testing.T, actual, fc []float64) {
	invalid := len(actual) == 0 || len(actual) != len(fc) || accNonFinite(actual) >= 0 || accNonFinite(fc) >= 0
	a, accErr := Accuracy(actual, fc, AccuracyOptions{})
	if (accErr != nil) != invalid {
		t.Fatalf("Accuracy(%v, %v) error %v, invalid input %v", actual, fc, accErr, invalid)
	}
	got := map[string]float64{}
	for _, m := range []struct {
		name string
		fn   func(actual, forecast []float64) (float64, error)
	}{
		{MeasureMAE, MAE}, {MeasureRMSE, RMSE}, {MeasureSMAPE, SMAPE}, {MeasureBias, Bias},
		{MeasureBiasRatio, BiasRatio}, {MeasureTotalAccuracy, TotalAccuracy}, {MeasureActualToForecast, ActualToForecast},
	} {
		v, err := m.fn(actual, fc)
		switch {
		case err != nil && !eeSentinel(err):
			t.Fatalf("%s: error %v wraps no sentinel", m.name, err)
		case err != nil && v != 0:
			t.Fatalf("%s = %v with error %v", m.name, v, err)
		case invalid:
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("%s(%v, %v) = %v, %v; want ErrInvalidOptions", m.name, actual, fc, v, err)
			}
			continue
		case err != nil:
			if !errors.Is(err, ErrUndefined) || a.Defined(m.name) {
				t.Fatalf("%s(%v, %v): %v; Accuracy defines it as %v", m.name, actual, fc, err, accField(a, m.name))
			}
			continue
		}
		eeFinite(t, v, m.name)
		if !a.Defined(m.name) || v != accField(a, m.name) {
			t.Fatalf("%s(%v, %v) = %v; Accuracy gives %v, defined %v", m.name, actual, fc, v, accField(a, m.name), a.Defined(m.name))
		}
		got[m.name] = v
	}
	if invalid {
		return
	}
	eeFinite(t, a, "Accuracy")
	const tiny = 0x1p-1000 // slack for results that underflow
	mae, okMAE := got[MeasureMAE]
	rmse, okRMSE := got[MeasureRMSE]
	if okMAE && mae < 0 {
		t.Fatalf("MAE = %v < 0", mae)
	}
	if okRMSE && rmse < 0 {
		t.Fatalf("RMSE = %v < 0", rmse)
	}
	if okMAE && okRMSE {
		n := float64(len(actual))
		if rmse < mae*(1-1e-12)-tiny || rmse > math.Sqrt(n)*mae*(1+1e-12)+tiny {
			t.Fatalf("RMSE %v outside [MAE, √N·MAE] = [%v, %v] for %v, %v", rmse, mae, math.Sqrt(n)*mae, actual, fc)
		}
	}
	if b, ok := got[MeasureBias]; ok && okMAE && math.Abs(b) > mae*(1+1e-12)+tiny {
		t.Fatalf("|Bias| %v > MAE %v for %v, %v", b, mae, actual, fc)
	}
	if s, ok := got[MeasureSMAPE]; ok && (s < 0 || s > 2) {
		t.Fatalf("SMAPE = %v outside [0, 2] for %v, %v", s, actual, fc)
	}
	if ta, ok := got[MeasureTotalAccuracy]; ok && ta > 1 {
		t.Fatalf("TotalAccuracy = %v > 1 for %v, %v", ta, actual, fc)
	}
	// The docs: undefined if ΣA <= 0 (BiasRatio, TotalAccuracy), if
	// ΣF <= 0 (ActualToForecast); the sums taken exactly here.
	sumA, sumF := eeExactSum(actual), eeExactSum(fc)
	for _, m := range []string{MeasureBiasRatio, MeasureTotalAccuracy} {
		if _, ok := got[m]; ok && sumA.Sign() <= 0 {
			t.Fatalf("%s defined (%v) though the total actual %v is not positive: %v, %v", m, got[m], sumA, actual, fc)
		}
	}
	if _, ok := got[MeasureActualToForecast]; ok && sumF.Sign() <= 0 {
		t.Fatalf("%s defined (%v) though the total forecast %v is not positive: %v, %v", MeasureActualToForecast,
			got[MeasureActualToForecast], sumF, actual, fc)
	}
	if slices.Equal(actual, fc) {
		want := map[string]float64{MeasureMAE: 0, MeasureRMSE: 0, MeasureSMAPE: 0, MeasureBias: 0, MeasureBiasRatio: 0,
			MeasureTotalAccuracy: 1, MeasureActualToForecast: 1}
		for m, v := range got {
			if v != want[m] {
				t.Fatalf("forecast = actual %v: %s = %v, want %v", actual, m, v, want[m])
			}
		}
		for _, m := range []string{MeasureMAE, MeasureRMSE, MeasureBias} {
			if _, ok := got[m]; !ok {
				t.Fatalf("forecast = actual %v: %s undefined", actual, m)
			}
		}
	}
}

// eeExactSum is the exact sum of xs (finite): 2200 bits hold any sum of
// a few float64s.
func eeExactSum(xs []float64) *big.Float {
	s := new(big.Float).SetPrec(2200)
	for _, x := range xs {
		s.Add(s, new(big.Float).SetFloat64(x))
	}
	return s
}

// eeSeason checks Series.SeasonLength at every granularity, out-of-range
// ones included, and against the calendar for a series NewSeries builds.
func eeSeason(t *testing.T, values []float64, o *eeBits) {
	g := activity.Granularity(o.take(3))
	m := Series{Granularity: g}.SeasonLength()
	want := map[activity.Granularity]int{0: 12, activity.Monthly: 12, activity.Quarterly: 4, activity.Yearly: 1}[g]
	if m != want {
		t.Fatalf("SeasonLength at %v = %d, want %d", g, m, want)
	}
	start := callDay(2024, 1, 1).Add(time.Duration(o.take(10)) * 37 * time.Hour)
	s, err := NewSeries(activity.Calendar{}, g, start, values)
	if err != nil {
		if !eeSentinel(err) {
			t.Fatalf("NewSeries: error %v wraps no sentinel", err)
		}
		return
	}
	if got := s.SeasonLength(); got != m {
		t.Fatalf("SeasonLength of a series at %v = %d, want %d", g, got, m)
	}
	if m == 0 {
		return
	}
	ps, err := s.Next(m)
	if err != nil {
		t.Fatalf("Next(%d): %v", m, err)
	}
	last := s.Points[len(s.Points)-1].Period
	if len(ps) != m || !ps[m-1].Start.Equal(last.Start.AddDate(1, 0, 0)) {
		t.Fatalf("at %v, %d periods after %v end with %v: not a year", g, m, last, ps[len(ps)-1])
	}
}

// eeView builds a small company and forecast calls from the bytes, and
// checks CallAccuracy, StageWinRates and StageRates' helpers on it.
func eeView(t *testing.T, r *fuzzcheck.Bytes, o *eeBits, rates *activity.ExchangeRates) {
	funnel := activity.TypicalB2B()
	base := callDay(2024, 11, 1)
	var recs activity.Records
	for i := range int(r.Next() % 12) {
		b0, b1, b2 := r.Next(), r.Next(), r.Next()
		d := activity.Deal{
			ID: fmt.Sprintf("D%d", i), Owner: fmt.Sprintf("r%d", b1%3), Amount: decimal.NewFromInt(int64(b2%8) * 1000),
			Currency: []activity.Currency{"USD", "EUR"}[b2>>7], Team: []string{"", "a", "b"}[b1%3],
			Source: activity.Source([]string{"", "x", "y"}[b2%3]), Segment: []string{"", "s"}[b2>>6&1],
			Status: activity.StatusOpen, CreatedAt: base.Add(time.Duration(b0&0x0f) * 24 * time.Hour),
			Stage: funnel.Stages[int(b0>>4)%5].Stage,
		}
		moved := false
		if b2&0x20 != 0 && d.Stage != activity.StageNegotiation {
			to := funnel.Stages[int(b0>>4)%5+1].Stage
			recs.StageChanges = append(recs.StageChanges, activity.StageChange{Deal: d.ID, From: d.Stage, To: to, At: d.CreatedAt.Add(time.Hour)})
			d.Stage, moved = to, true
		}
		if b0%3 != 0 {
			to, st := activity.StageClosedWon, activity.StatusWon
			if b0%3 == 2 {
				to, st = activity.StageClosedLost, activity.StatusLost
			}
			at := base.Add(time.Duration(40+int(b1)) * 24 * time.Hour)
			if moved || b1&1 == 0 {
				recs.StageChanges = append(recs.StageChanges, activity.StageChange{Deal: d.ID, From: d.Stage, To: to, At: at})
			}
			d.Stage, d.Status, d.ClosedAt = to, st, at
		}
		recs.Deals = append(recs.Deals, d)
	}
	ix, err := activity.NewIndex(recs, activity.IndexOptions{Funnel: funnel})
	if err != nil {
		return // the builder's mistake, not the library's: no company to test
	}
	v := ix.All()

	jan := activity.Period{Start: callDay(2025, 1, 1), End: callDay(2025, 2, 1), Name: "2025-01"}
	periods := []activity.Period{callQ1, callQ2, jan, callQ1, callQ2, {Start: callQ2.End, End: callQ2.Start}, {}, jan}
	var calls []Call
	for range int(r.Next() % 10) {
		b0, b1, b2 := r.Next(), r.Next(), r.Next()
		p := periods[b0>>3%8]
		c := Call{
			Rep: []string{"r0", "r1", "r2", "r0", "r1", "ghost", "", "r2"}[b0%8], Period: p, Category: activity.ForecastCommit,
			Amount: decimal.NewFromInt(int64(b2%8) * 1000), Currency: []activity.Currency{"USD", "USD", "EUR", "usd"}[b1>>3%4],
			SubmittedAt: p.Start.Add(time.Duration(int(b2>>3)-20) * 24 * time.Hour),
		}
		if b1%4 == 0 {
			c.Category = activity.ForecastCategory(b1 >> 5)
		}
		switch b2 % 16 {
		case 15:
			c.Amount = c.Amount.Neg()
		case 14:
			c.SubmittedAt = time.Time{}
		}
		calls = append(calls, c)
	}
	copts := CallOptions{
		Cutoff: []time.Duration{0, 0, 14 * 24 * time.Hour, -30 * 24 * time.Hour, 200 * 24 * time.Hour, time.Hour, -time.Nanosecond, 0}[o.take(3)],
	}
	if o.take(2) == 0 {
		copts.Category = activity.ForecastCategory(o.take(3))
	}
	if conv := o.take(3); conv >= 4 {
		copts.Conversion = &activity.Conversion{To: []activity.Currency{"USD", "USD", "EUR", "GBP"}[conv-4], Converter: rates,
			Date: activity.RateDate(o.take(2))}
		if copts.Conversion.Date == activity.RateFixed {
			copts.Conversion.Fixed = callDay(2025, 5, 1)
		}
	}
	eeCalls(t, v, calls, copts)

	trainings := []activity.Period{callQ1, callQ2, {Start: callDay(2024, 1, 1), End: callDay(2026, 1, 1)}, {}, {Start: callQ2.End, End: callQ2.Start}, callQ1, callQ2, jan}
	sopts := StageWinOptions{
		Training:  trainings[o.take(3)],
		By:        activity.Dimension(o.take(4)),
		MinSample: []int{0, 1, 2, 5, -1, 1 << 40, 3, 1}[o.take(3)],
	}
	asOf := []time.Time{{}, callDay(2024, 12, 1), callDay(2025, 2, 15), callDay(2030, 1, 1), callDay(2020, 1, 1), callDay(2025, 5, 1), {}, {}}[o.take(3)]
	eeStageRates(t, v, sopts, asOf)
}

func eeCalls(t *testing.T, v activity.View, calls []Call, opts CallOptions) {
	out, err := CallAccuracy(v, calls, opts)
	if err != nil {
		if !eeSentinel(err) {
			t.Fatalf("CallAccuracy: error %v wraps no sentinel", err)
		}
		return
	}
	eeFinite(t, out, "CallAccuracy")
	for i, a := range out {
		if i > 0 && out[i-1].Rep >= a.Rep {
			t.Fatalf("reps out of order: %q before %q", out[i-1].Rep, a.Rep)
		}
		if a.Calls != a.Superseded+a.Late+len(a.Periods) {
			t.Fatalf("rep %s: %d calls, %d superseded, %d late, %d periods", a.Rep, a.Calls, a.Superseded, a.Late, len(a.Periods))
		}
		var called, actual, abs decimal.Decimal
		var deals int64
		for j, p := range a.Periods {
			if j > 0 && p.Period.Start.Before(a.Periods[j-1].Period.Start) {
				t.Fatalf("rep %s: periods out of order", a.Rep)
			}
			if !p.Difference.Equal(p.Call.Sub(p.Actual)) || p.TotalAccuracy > 1 {
				t.Fatalf("rep %s, period %v: %+v", a.Rep, p.Period, p)
			}
			for _, u := range p.Undefined {
				if u.Reason == "" || (u.Measure == MeasureTotalAccuracy && p.TotalAccuracy != 0) ||
					(u.Measure == MeasureActualToForecast && p.Attainment != 0) {
					t.Fatalf("rep %s, period %v: undefined %+v, but %+v", a.Rep, p.Period, u, p)
				}
			}
			called, actual, abs = called.Add(p.Call), actual.Add(p.Actual), abs.Add(p.Difference.Abs())
			deals += p.Deals
		}
		if !called.Equal(a.Called) || !actual.Equal(a.Actual) || !abs.Equal(a.AbsError) || deals != a.Deals ||
			!a.Difference.Equal(a.Called.Sub(a.Actual)) || a.AbsError.LessThan(a.Difference.Abs()) {
			t.Fatalf("rep %s: sums disagree with its periods: %+v", a.Rep, a)
		}
		if a.WAPE < 0 || a.MAPE < 0 || a.TotalAccuracy > 1 || a.Defined(MeasureTotalAccuracy) != (len(a.Periods) > 0 && a.Actual.Sign() > 0) {
			t.Fatalf("rep %s: measures %+v", a.Rep, a)
		}
		for _, u := range a.Undefined {
			var x float64
			switch u.Measure {
			case MeasureMAPE:
				x = a.MAPE
			case MeasureWAPE:
				x = a.WAPE
			case MeasureBiasRatio:
				x = a.BiasRatio
			case MeasureTotalAccuracy:
				x = a.TotalAccuracy
			case MeasureActualToForecast:
				x = a.Attainment
			}
			if x != 0 || u.Reason == "" {
				t.Fatalf("rep %s: undefined %+v is %v", a.Rep, u, x)
			}
		}
	}
}

func eeStageRates(t *testing.T, v activity.View, opts StageWinOptions, asOf time.Time) {
	sr, err := StageWinRates(v, opts)
	if err != nil {
		if !eeSentinel(err) {
			t.Fatalf("StageWinRates: error %v wraps no sentinel", err)
		}
		return
	}
	eeFinite(t, sr, "StageWinRates")
	zero, one := decimal.Decimal{}, decimal.NewFromInt(1)
	company := map[activity.Stage]StageWinRate{}
	for i, x := range sr.Rates {
		if x.Won < 0 || x.Won > x.Reached {
			t.Fatalf("rate %d: %+v", i, x)
		}
		if x.Defined && (x.Rate.LessThan(zero) || x.Rate.GreaterThan(one)) {
			t.Fatalf("rate %d: %+v outside [0, 1]", i, x)
		}
		if x.Group == "" {
			if i > 0 && sr.Rates[i-1].Group != "" {
				t.Fatalf("company rate %d after a group's", i)
			}
			company[x.Stage] = x
		}
		switch {
		case x.Fallback:
			c := company[x.Stage]
			if x.Group == "" || x.Reached >= int64(sr.MinSample) || x.Defined != c.Defined || !x.Rate.Equal(c.Rate) {
				t.Fatalf("fallback rate %d: %+v; company %+v, min sample %d", i, x, c, sr.MinSample)
			}
		case x.Defined != (x.Reached > 0):
			t.Fatalf("rate %d: %+v", i, x)
		case x.Defined && !x.Rate.Equal(decimal.NewFromInt(x.Won).DivRound(decimal.NewFromInt(x.Reached), 20)):
			t.Fatalf("rate %d: %+v is not won / reached", i, x)
		}
		p, ok := sr.Probability(x.Group, x.Stage)
		c := company[x.Stage]
		if x.Defined && (!ok || !p.Equal(x.Rate)) || !x.Defined && ok && !(c.Defined && p.Equal(c.Rate)) {
			t.Fatalf("Probability(%q, %s) = %s, %v for %+v", x.Group, x.Stage, p, ok, x)
		}
	}
	if p, ok := sr.Probability("no such group", activity.StageDemo); ok != company[activity.StageDemo].Defined || !p.Equal(company[activity.StageDemo].Rate) {
		t.Fatalf("Probability of an unknown group = %s, %v; company %+v", p, ok, company[activity.StageDemo])
	}
	if _, ok := sr.Probability("", activity.StageClosedWon); ok {
		t.Fatal("a won stage has a learned probability")
	}
	ps := sr.Probabilities(v, asOf)
	deals := map[string]activity.Deal{}
	for _, row := range v.DealRows() {
		d := v.Index().Deal(int(row))
		deals[d.ID] = d
	}
	for id, p := range ps {
		d, ok := deals[id]
		switch {
		case !ok:
			t.Fatalf("Probabilities: %s is no deal of the view", id)
		case p.LessThan(zero) || p.GreaterThan(one):
			t.Fatalf("Probabilities[%s] = %s", id, p)
		case asOf.IsZero() && d.Status != activity.StatusOpen:
			t.Fatalf("Probabilities now: %s is %v", id, d.Status)
		case !asOf.IsZero() && (d.CreatedAt.After(asOf) || d.Status.Closed() && !d.ClosedAt.After(asOf)):
			t.Fatalf("Probabilities at %v: deal %+v was not open then", asOf, d)
		}
	}
}

// eeJSONError reports whether err is one a record decoder may return: a
// sentinel's, or encoding/json's own for a document that is not JSON or a
// value of the wrong type.
func eeJSONError(err error) bool {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return eeSentinel(err) || errors.As(err, &syn) || errors.As(err, &typ)
}

// eeJSON decodes doc as each record type of forecast with its
// UnmarshalJSON, and round-trips the records that validate.
func eeJSON(t *testing.T, doc []byte) {
	if len(doc) > 4096 {
		doc = doc[:4096]
	}
	var c Call
	if err := c.UnmarshalJSON(doc); err != nil {
		if !eeJSONError(err) {
			t.Fatalf("Call.UnmarshalJSON(%q): error %v (%T) wraps no sentinel", doc, err, err)
		}
	} else if c.Validate() == nil {
		eeFinite(t, c, "Call")
		var back Call
		out, err := json.Marshal(c)
		if err == nil {
			err = json.Unmarshal(out, &back)
		}
		if err != nil || back.Rep != c.Rep || !back.Period.Start.Equal(c.Period.Start) || !back.Period.End.Equal(c.Period.End) ||
			back.Period.Name != c.Period.Name || back.Category != c.Category || !back.Amount.Equal(c.Amount) ||
			back.Currency != c.Currency || !back.SubmittedAt.Equal(c.SubmittedAt) {
			t.Fatalf("call %+v wrote %s, read back %+v, %v", c, out, back, err)
		}
	}
	var tx Transaction
	if err := tx.UnmarshalJSON(doc); err != nil {
		if !eeJSONError(err) {
			t.Fatalf("Transaction.UnmarshalJSON(%q): error %v (%T) wraps no sentinel", doc, err, err)
		}
	} else if tx.Validate() == nil {
		var back Transaction
		out, err := json.Marshal(tx)
		if err == nil {
			err = json.Unmarshal(out, &back)
		}
		if err != nil || back.Customer != tx.Customer || !back.At.Equal(tx.At) || !back.Amount.Equal(tx.Amount) {
			t.Fatalf("transaction %+v wrote %s, read back %+v, %v", tx, out, back, err)
		}
	}
	var s Snapshot
	if err := s.UnmarshalJSON(doc); err != nil {
		if !eeJSONError(err) {
			t.Fatalf("Snapshot.UnmarshalJSON(%q): error %v (%T) wraps no sentinel", doc, err, err)
		}
	} else if s.Validate() == nil {
		eeFinite(t, s, "Snapshot")
		var back Snapshot
		out, err := json.Marshal(s)
		if err == nil {
			err = json.Unmarshal(out, &back)
		}
		if err != nil || !back.Taken.Equal(s.Taken) || len(back.Deals) != len(s.Deals) {
			t.Fatalf("snapshot %+v wrote %s, read back %+v, %v", s, out, back, err)
		}
	}
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, eeSentinels)
}
