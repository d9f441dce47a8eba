package quantile

import "sync"

// scratch holds SortInt64's scratch slices.
var scratch = sync.Pool{New: func() any { return new([]int64) }}

// SortInt64 sorts xs in ascending order: a least-significant-digit radix
// sort, eight bits a pass, that skips the passes where every value shares
// the digit (the high bytes of amounts and durations usually). It takes
// O(n) time and one scratch slice of len(xs), reused from call to call
// (a pool), which makes it several times faster than a comparison sort for
// the large samples quantiles are taken of; below 256 values it uses
// insertion sort.
func SortInt64(xs []int64) {
	n := len(xs)
	if n < 256 {
		insertionSort(xs)
		return
	}
	// The counts of every digit, taken in one pass: moving the values does
	// not change how many have each digit at each place.
	var counts [8][256]int
	for _, x := range xs {
		u := uint64(x) ^ (1 << 63)
		for k := range counts {
			counts[k][byte(u>>(8*k))]++
		}
	}
	buf := scratch.Get().(*[]int64)
	defer scratch.Put(buf)
	if cap(*buf) < n {
		*buf = make([]int64, n)
	}
	src, dst := xs, (*buf)[:n]
	for k := range counts {
		shift := uint(8 * k)
		count := &counts[k]
		if count[digit(src[0], shift)] == n {
			continue // every value has this digit: nothing moves
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, x := range src {
			d := digit(x, shift)
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &xs[0] {
		copy(xs, src)
	}
}

// digit is the byte of x at shift, with the sign bit flipped so that
// negative values order before positive ones.
func digit(x int64, shift uint) byte {
	return byte((uint64(x) ^ (1 << 63)) >> shift)
}

func insertionSort(xs []int64) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
