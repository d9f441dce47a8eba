package quantile

import (
	"fmt"
	"math"
)

// Type7 returns the q-quantile of sorted, a sample in ascending order, by
// linear interpolation between closest ranks (Hyndman and Fan 1996,
// definition 7):
//
//	h    = (n − 1)·q
//	Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
//
// where x is sorted indexed from 0 and n = len(sorted); Q(q) = x[n−1] when
// ⌊h⌋ = n−1. This is the default of R's quantile, NumPy's quantile
// (method "linear"), pandas' Series.quantile and spreadsheets' PERCENTILE.INC.
// q = 0.5 gives the median: Type7([]float64{1, 2, 3, 4}, 0.5) = 2.5.
//
// The result is exactly x[0] at q = 0 and exactly x[n−1] at q = 1, and
// exactly x[h] where h is a whole number or the two neighbours are equal. It
// never decreases as q grows and always lies in [x[⌊h⌋], x[⌊h⌋+1]], despite
// rounding. A sample of one value gives that value for every q.
//
// sorted must be in ascending order and hold no NaN; Type7 does not check
// (that would cost a pass over the data) and otherwise returns an unspecified
// value. Infinities are allowed: interpolating towards one gives it, and
// interpolating between −Inf and +Inf gives NaN. Type7 does not allocate.
//
// Type7 panics if sorted is empty: an empty sample has no quantiles, and the
// caller must decide what to report before asking for one.
// Type7 panics if q is NaN or outside [0, 1]: q is a probability the caller
// chose, not data.
func Type7(sorted []float64, q float64) float64 {
	return type7(sorted, q)
}

// Type7Int64 is Type7 for a sample of integers, such as durations in whole
// seconds or amounts in minor units, in ascending order. It interpolates in
// float64, returning exactly what Type7 returns for the values converted to
// float64; so values of magnitude beyond 2^53 lose precision to that
// conversion (2^53 + 1 becomes 2^53).
//
// Type7Int64 panics if sorted is empty or q is NaN or outside [0, 1], for the
// reasons Type7 gives.
func Type7Int64(sorted []int64, q float64) float64 {
	return type7(sorted, q)
}

// Median returns the middle value of sorted, a sample in ascending order, or
// for an even count the mean of the two middle values (computed so that it
// cannot overflow). It is Type7(sorted, 0.5), so the median of 1, 2, 3, 4 is
// 2.5.
//
// Median panics if sorted is empty, for the reason Type7 gives.
func Median(sorted []float64) float64 {
	return type7(sorted, 0.5)
}

func type7[E float64 | int64](sorted []E, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		panic("quantile: empty sample")
	}
	if !(q >= 0 && q <= 1) {
		panicQ(q)
	}
	// The product is the only rounding step before lerp. Rounding is monotone,
	// so h never decreases as q grows, and h ≤ n−1 because q ≤ 1.
	h := float64(n-1) * q
	lo := int(h) // h ≥ 0, so truncation is ⌊h⌋
	if lo >= n-1 {
		// q = 1 (or float64(n−1) rounded up, for n beyond 2^53).
		return float64(sorted[n-1])
	}
	// Exact: lo ≤ h < lo+1 ≤ 2·lo, so Sterbenz's lemma applies (and for lo = 0
	// the difference is h itself). f is in [0, 1).
	f := h - float64(lo)
	return lerp(float64(sorted[lo]), float64(sorted[lo+1]), f)
}

// lerp returns a + f·(b − a) for a ≤ b and 0 ≤ f < 1, exactly a when f = 0
// or a = b, never outside [a, b], and never decreasing as f grows.
//
// The conversions float64(…) forbid fusing a multiply and an add, which the
// Go spec otherwise allows, so every platform rounds the same way.
func lerp(a, b, f float64) float64 {
	if f == 0 || a == b {
		return a // also keeps ±Inf ties from becoming NaN below
	}
	d := b - a
	if math.IsInf(d, 1) {
		// b − a overflowed (a < 0 < b, both huge) or an end is infinite. Weight
		// the ends instead: with a < 0 < b, (1−f)·a lies in [a, 0] and f·b in
		// [0, b], each rounded monotonically in f, so their sum never decreases
		// and stays in [a, b]; an infinite end makes the sum that infinity.
		return float64((1-f)*a) + float64(f*b)
	}
	// Rounding is monotone and f·d ≥ 0, so a + f·d ≥ a and never decreases as
	// f grows. Nor can it pass b: for f < 1, f·d rounds to at most the float
	// below d, which is less than the exact b − a (d is b − a rounded to
	// nearest), so a + f·d is less than b before its rounding and at most b
	// after (if d is subnormal, f·d may round to d, but then d = b − a
	// exactly and the sum is b). The min makes that bound hold by construction, not only by this
	// argument, for one instruction. NumPy switches to b − (1−f)·(b − a) for
	// f ≥ 0.5; one form throughout lets monotonicity follow from monotone
	// rounding alone.
	return min(a+float64(f*d), b)
}

// panicQ is kept out of type7 so that formatting the message costs nothing on
// the ordinary path.
func panicQ(q float64) {
	panic(fmt.Sprintf("quantile: q = %v outside [0, 1]", q))
}
