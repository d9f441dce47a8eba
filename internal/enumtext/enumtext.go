// Package enumtext reads the typed constants of a closed set back from the
// text their MarshalText writes. It compares the input with the text each
// valid value writes, rather than with a second list of names, so that
// UnmarshalText accepts exactly what MarshalText writes and the two cannot
// disagree.
package enumtext

import "bytes"

// Parse returns the first value v in [first, last] whose text(v) is b
// byte for byte (case matters), and true; or the zero T and false when no
// value in the range writes b. A value for which text returns an error is
// skipped. The range is inclusive, so last may be the largest T.
//
// Parse panics if first > last or text is nil.
func Parse[T ~uint8](b []byte, first, last T, text func(T) ([]byte, error)) (T, bool) {
	if first > last {
		panic("enumtext: Parse range first > last")
	}
	if text == nil {
		panic("enumtext: Parse with a nil text function")
	}
	for v := first; ; v++ {
		if t, err := text(v); err == nil && bytes.Equal(t, b) {
			return v, true
		}
		if v == last {
			var zero T
			return zero, false
		}
	}
}
