package quantile

import (
	"encoding/binary"
	"math"
	"math/big"
	"slices"
	"testing"
)

// FuzzType7 checks, for a sample decoded from the input and two values of q:
// q = 0 and q = 1 give the ends exactly; results lie within the sample's
// range and within the two values they interpolate between; they never
// decrease as q grows; they are within a stated bound of the exact rational
// value of definition 7; and Type7Int64 returns what Type7 returns for the
// same integers as float64.
func FuzzType7(f *testing.F) {
	f.Add(encode(1, 2, 3, 4), 0.5, 0.9)
	f.Add(encode(1, 1, 1, 2, 2, 3), 0.1, 0.99)
	f.Add(encode(-math.MaxFloat64, math.MaxFloat64), 0.25, 0.75)
	f.Add(encode(-1e15, -1, 0, 1, 1e15), 1e-300, 1-1e-16)
	f.Add(encode(1e-300, 5e-324, 0, math.Copysign(0, -1)), 0.3, 0.7)
	f.Add(encode(42), 0.0, 1.0)
	f.Fuzz(func(t *testing.T, data []byte, q1, q2 float64) {
		q1, ok1 := fold(q1)
		q2, ok2 := fold(q2)
		if !ok1 || !ok2 {
			return
		}
		if q2 < q1 {
			q1, q2 = q2, q1
		}

		xs := decodeFloats(data)
		if len(xs) > 0 {
			checkType7(t, xs, q1, q2)
		}

		is := decodeInts(data)
		if len(is) == 0 {
			return
		}
		converted := make([]float64, len(is))
		for i, v := range is {
			converted[i] = float64(v)
		}
		for _, q := range []float64{0, q1, q2, 1} {
			if got, want := Type7Int64(is, q), Type7(converted, q); got != want {
				t.Errorf("Type7Int64(%v, %v) = %v, want Type7 of the same as float64 = %v", is, q, got, want)
			}
		}
		checkType7(t, converted, q1, q2)
	})
}

// checkType7 asserts the invariants for a finite ascending sample and
// q1 ≤ q2 in [0, 1].
func checkType7(t *testing.T, xs []float64, q1, q2 float64) {
	t.Helper()
	n := len(xs)
	if got := Type7(xs, 0); got != xs[0] {
		t.Errorf("Type7(%v, 0) = %v, want the minimum %v", xs, got, xs[0])
	}
	if got := Type7(xs, 1); got != xs[n-1] {
		t.Errorf("Type7(%v, 1) = %v, want the maximum %v", xs, got, xs[n-1])
	}
	r1, r2 := Type7(xs, q1), Type7(xs, q2)
	if r1 > r2 {
		t.Errorf("Type7(%v, %v) = %v > Type7(_, %v) = %v: not monotone in q", xs, q1, r1, q2, r2)
	}
	for _, c := range []struct{ q, got float64 }{{q1, r1}, {q2, r2}} {
		if c.got < xs[0] || c.got > xs[n-1] {
			t.Errorf("Type7(%v, %v) = %v outside [%v, %v]", xs, c.q, c.got, xs[0], xs[n-1])
		}
		// The two values the documented rank h = (n−1)·q falls between.
		lo := min(int(float64(n-1)*c.q), n-1)
		hi := min(lo+1, n-1)
		if c.got < xs[lo] || c.got > xs[hi] {
			t.Errorf("Type7(%v, %v) = %v outside [x[%d], x[%d]] = [%v, %v]", xs, c.q, c.got, lo, hi, xs[lo], xs[hi])
		}
		checkExact(t, xs, c.q, c.got)
	}
}

// checkExact compares got with definition 7 computed in exact rational
// arithmetic for the same binary q. With u = 2^−53 and M the sample's largest
// magnitude, the error allowed is (2n + 8)·u·M plus 4 units of the smallest
// subnormal: rounding h = (n−1)·q moves it by at most u·(n−1), which moves the
// result by at most u·(n−1)·2M since no gap exceeds 2M; the interpolation
// then rounds at most four times, each by at most u·2M, or by half a
// subnormal unit below the normal range.
func checkExact(t *testing.T, xs []float64, q, got float64) {
	t.Helper()
	n := len(xs)
	h := new(big.Rat).Mul(big.NewRat(int64(n-1), 1), new(big.Rat).SetFloat64(q))
	lo := new(big.Int).Quo(h.Num(), h.Denom()) // h ≥ 0, so this is ⌊h⌋
	want := new(big.Rat).SetFloat64(xs[n-1])
	if i := int(lo.Int64()); i < n-1 {
		f := new(big.Rat).Sub(h, new(big.Rat).SetInt(lo))
		a := new(big.Rat).SetFloat64(xs[i])
		b := new(big.Rat).SetFloat64(xs[i+1])
		want.Sub(b, a).Mul(want, f).Add(want, a)
	}
	m := max(math.Abs(xs[0]), math.Abs(xs[n-1]))
	tol := new(big.Rat).SetFloat64(float64(2*n+8) * 0x1p-53 * m)
	tol.Add(tol, new(big.Rat).SetFloat64(4*math.SmallestNonzeroFloat64))
	diff := new(big.Rat).Sub(new(big.Rat).SetFloat64(got), want)
	if diff.Abs(diff).Cmp(tol) > 0 {
		w, _ := want.Float64()
		t.Errorf("Type7(%v, %v) = %v, exact value %v, beyond the tolerance", xs, q, got, w)
	}
}

// fold maps a fuzzed float64 into [0, 1], keeping extreme values extreme:
// |q| if at most 1, else 1/|q|. NaN is rejected.
func fold(q float64) (float64, bool) {
	if math.IsNaN(q) {
		return 0, false
	}
	q = math.Abs(q)
	if q > 1 {
		q = 1 / q
	}
	return q, true
}

const maxFuzzSample = 64

// decodeFloats reads up to maxFuzzSample little-endian float64s from data,
// drops NaN and infinities, and sorts them.
func decodeFloats(data []byte) []float64 {
	var xs []float64
	for i := 0; i+8 <= len(data) && len(xs) < maxFuzzSample; i += 8 {
		v := math.Float64frombits(binary.LittleEndian.Uint64(data[i:]))
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			xs = append(xs, v)
		}
	}
	slices.Sort(xs)
	return xs
}

// decodeInts reads the same words as int64s shifted right by 11, so that
// |v| < 2^53 and float64 holds every value exactly, and sorts them.
func decodeInts(data []byte) []int64 {
	var is []int64
	for i := 0; i+8 <= len(data) && len(is) < maxFuzzSample; i += 8 {
		is = append(is, int64(binary.LittleEndian.Uint64(data[i:]))>>11)
	}
	slices.Sort(is)
	return is
}

// encode is the inverse of decodeFloats, for seeds.
func encode(xs ...float64) []byte {
	var b []byte
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}
