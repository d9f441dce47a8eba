// Package fuzzcheck holds what the fuzz targets of several packages check
// alike: that a result returned without an error holds no NaN or infinite
// float, as the library promises to leave a float undefined (zero, with its
// reason) rather than NaN or ±Inf.
package fuzzcheck

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
)

// maxDepth bounds the walk, against cyclic pointers.
const maxDepth = 32

// NonFinite walks v (through pointers, interfaces, exported struct fields,
// slices, arrays and map keys and values) and returns the path, from root,
// of the first float or complex number that is NaN or infinite, and true;
// "", false when there is none.
func NonFinite(v any, root string) (string, bool) {
	return walk(reflect.ValueOf(v), root, 0)
}

func walk(v reflect.Value, path string, depth int) (string, bool) {
	if depth > maxDepth || !v.IsValid() {
		return "", false
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Sprintf("%s = %v", path, f), true
		}
	case reflect.Complex64, reflect.Complex128:
		if c := v.Complex(); math.IsNaN(real(c)) || math.IsInf(real(c), 0) || math.IsNaN(imag(c)) || math.IsInf(imag(c), 0) {
			return fmt.Sprintf("%s = %v", path, c), true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return walk(v.Elem(), path, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if p, bad := walk(v.Field(i), path+"."+f.Name, depth+1); bad {
					return p, true
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, bad := walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), depth+1); bad {
				return p, true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if p, bad := walk(it.Key(), fmt.Sprintf("%s key %v", path, it.Key()), depth+1); bad {
				return p, true
			}
			if p, bad := walk(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()), depth+1); bad {
				return p, true
			}
		}
	}
	return "", false
}

// Check fails t when err wraps none of sentinels, or when err is nil and
// result holds a NaN or an infinite float (NonFinite), naming the call.
func Check(t testing.TB, name string, result any, err error, sentinels []error) {
	t.Helper()
	if err != nil {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("%s: error %q (%T) wraps no exported sentinel", name, err, err)
	}
	if path, bad := NonFinite(result, name); bad {
		t.Fatalf("%s returned no error but %s is not finite: %+v", name, path, result)
	}
}

// Bytes hands out a fuzz target's bytes in turn, then zeros, so that a
// target can read as many choices as it likes from any input.
type Bytes struct {
	b []byte
	i int
}

// NewBytes returns a reader of b.
func NewBytes(b []byte) *Bytes { return &Bytes{b: b} }

// Next returns the next byte, 0 past the end.
func (r *Bytes) Next() byte {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

// Take returns the next n bytes, fewer past the end.
func (r *Bytes) Take(n int) []byte {
	n = max(0, min(n, len(r.b)-r.i))
	out := r.b[r.i : r.i+n]
	r.i += n
	return out
}
