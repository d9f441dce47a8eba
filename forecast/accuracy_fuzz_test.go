package forecast

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// accFloats reads b as little-endian float64s (a trailing partial value is
// dropped).
func accFloats(b []byte) []float64 {
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

func accBytes(xs ...float64) []byte {
	b := make([]byte, 0, 8*len(xs))
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// FuzzAccuracy checks, for any input: no panic; an error only for invalid
// input, wrapping ErrInvalidOptions; never NaN or ±Inf; the measures that
// cannot be negative are not (MAE, RMSE, MAPE, WAPE, sMAPE, MASE and its
// scale; sMAPE at most 2); RMSE >= MAE; every undefined measure is 0 with a
// reason; the per-measure functions agree with Accuracy; and a forecast
// equal to the actuals has MAE, RMSE and WAPE 0 and total accuracy 1.
func FuzzAccuracy(f *testing.F) {
	f.Add(accBytes(100, 200, 300, 400), accBytes(110, 180, 330, 400), accBytes(80, 90, 100, 95, 110), 1)
	f.Add(accBytes(0, 5), accBytes(0, 5), []byte{}, 0)
	f.Add(accBytes(1e308, -1e308), accBytes(-1e308, 1e308), accBytes(1e308, -1e308, 1e308), 1)
	f.Add(accBytes(1e-300, 5e-324), accBytes(0, 1e-320), accBytes(1, 2, 3, 4), 2)
	f.Add(accBytes(math.NaN()), accBytes(1), accBytes(1), -1)
	f.Fuzz(func(t *testing.T, ab, fb, tb []byte, season int) {
		actual, fc, training := accFloats(ab), accFloats(fb), accFloats(tb)
		if len(actual) > len(fc) && len(fc) > 0 {
			actual = actual[:len(fc)] // mostly equal lengths, so the measures run
		}
		season %= 16
		a, err := Accuracy(actual, fc, AccuracyOptions{Training: training, Season: season})
		if err != nil {
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("Accuracy error %v, want ErrInvalidOptions", err)
			}
			return
		}
		for _, m := range append(accOrder[:], "mase_scale") {
			v := accField(a, m)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s = %v", m, v)
			}
		}
		for _, m := range []string{MeasureMAE, MeasureRMSE, MeasureMAPE, MeasureWAPE, MeasureSMAPE, MeasureMASE, "mase_scale"} {
			if v := accField(a, m); v < 0 {
				t.Fatalf("%s = %v < 0", m, v)
			}
		}
		if a.SMAPE > 2 {
			t.Fatalf("SMAPE = %v > 2", a.SMAPE)
		}
		if a.Defined(MeasureRMSE) && a.Defined(MeasureMAE) && a.RMSE < a.MAE*(1-1e-12) {
			t.Fatalf("RMSE %v < MAE %v", a.RMSE, a.MAE)
		}
		for _, u := range a.Undefined {
			if u.Reason == "" || accField(a, u.Measure) != 0 {
				t.Fatalf("undefined %s = %v, reason %q", u.Measure, accField(a, u.Measure), u.Reason)
			}
		}
		mape, err := MAPE(actual, fc)
		if (err == nil) != a.Defined(MeasureMAPE) || mape != a.MAPE || (err != nil && !errors.Is(err, ErrUndefined)) {
			t.Fatalf("MAPE = %v, %v; Accuracy gives %v, defined %v", mape, err, a.MAPE, a.Defined(MeasureMAPE))
		}
		mase, err := MASE(actual, fc, training, season)
		if (err == nil) != a.Defined(MeasureMASE) || mase != a.MASE {
			t.Fatalf("MASE = %v, %v; Accuracy gives %v, defined %v", mase, err, a.MASE, a.Defined(MeasureMASE))
		}

		same, err := Accuracy(actual, actual, AccuracyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if same.MAE != 0 || same.RMSE != 0 || (same.Defined(MeasureWAPE) && same.WAPE != 0) ||
			(same.Defined(MeasureTotalAccuracy) && same.TotalAccuracy != 1) {
			t.Fatalf("forecast = actual: MAE %v, RMSE %v, WAPE %v, total accuracy %v", same.MAE, same.RMSE, same.WAPE, same.TotalAccuracy)
		}
		if w, err := WAPE(actual, actual); err == nil && w != 0 {
			t.Fatalf("WAPE(A, A) = %v", w)
		}
	})
}
