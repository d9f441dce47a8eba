// Package fuzzcheck holds what the fuzz targets of several packages check
// alike: that a result returned without an error holds no NaN or infinite
// float, as the library promises to leave a float undefined (zero, with its
// reason) rather than NaN or ±Inf.
package fuzzcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
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

// Render formats a result as a person and a program read it: its String,
// called directly so that a panic is not hidden, and through fmt (which
// calls String on every exported value inside, and prints a recovered
// panic as "PANIC="); and its JSON, through every MarshalJSON and
// MarshalText inside, which must not fail.
func Render(t testing.TB, name string, res any) {
	t.Helper()
	if s, ok := res.(fmt.Stringer); ok {
		_ = s.String()
	}
	if s := fmt.Sprint(res); strings.Contains(s, "PANIC=") {
		t.Fatalf("%s: a String method panicked: %s", name, s)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Fatalf("%s: json.Marshal: %v", name, err)
	}
}

// Enum is a closed set of typed constants that writes its text.
type Enum interface {
	~uint8
	MarshalText() ([]byte, error)
}

// EnumPtr is a pointer to an Enum that reads its text back.
type EnumPtr[T any] interface {
	*T
	UnmarshalText([]byte) error
}

// EnumText asserts that v's text reads back as v (or, for a value out of
// the set, is refused with one of sentinels), and that reading fuzzed text
// either gives a value whose text reads back as that value (names may be
// read in more spellings than they are written) or is an error wrapping a
// sentinel that leaves the value as it was.
func EnumText[T Enum, P EnumPtr[T]](t testing.TB, v T, text []byte, sentinels []error) {
	t.Helper()
	name := fmt.Sprintf("%T(%d)", v, uint8(v))
	_ = fmt.Sprint(v)
	b, err := v.MarshalText()
	Check(t, name+".MarshalText", nil, err, sentinels)
	if err == nil {
		var got T
		err := P(&got).UnmarshalText(b)
		Check(t, fmt.Sprintf("%s.UnmarshalText(%q)", name, b), nil, err, sentinels)
		if err == nil && got != v {
			t.Fatalf("%s: text %q reads back as %d", name, b, uint8(got))
		}
	}
	got := v
	err = P(&got).UnmarshalText(text)
	Check(t, fmt.Sprintf("%s.UnmarshalText(%q)", name, text), nil, err, sentinels)
	if err != nil {
		if got != v {
			t.Fatalf("UnmarshalText(%q) failed but changed %d to %d", text, uint8(v), uint8(got))
		}
		return
	}
	back, err := got.MarshalText()
	var again T
	if err == nil {
		err = P(&again).UnmarshalText(back)
	}
	if err != nil || again != got {
		t.Fatalf("UnmarshalText(%q) = %d, which writes %q and reads back as %d, %v", text, uint8(got), back, uint8(again), err)
	}
}

// EnumNames returns a test that the values first, first+1, … write names, in
// that order, and read back from them; that the values just outside the set
// (first+len(names), and first−1 when first > 0) write Go syntax, as String
// writes a value out of the set, so that a value added to the set without
// being added here fails; and that the text of those values, "nonsense", a
// name in capitals, and the empty string (unless it is a name) are errors
// wrapping sentinel that leave the value as it was.
func EnumNames[T Enum, P EnumPtr[T]](sentinel error, first T, names ...string) func(*testing.T) {
	return func(t *testing.T) {
		t.Parallel()
		for i, name := range names {
			v := first + T(i)
			if b, err := v.MarshalText(); err != nil || string(b) != name {
				t.Errorf("%d.MarshalText() = %q, %v, want %q", uint8(v), b, err, name)
			}
			var got T
			if err := P(&got).UnmarshalText([]byte(name)); err != nil || got != v {
				t.Errorf("UnmarshalText(%q) = %d, %v, want %d, nil", name, uint8(got), err, uint8(v))
			}
		}
		bad := []string{"nonsense", strings.ToUpper(names[len(names)-1])}
		if !slices.Contains(names, "") {
			bad = append(bad, "")
		}
		outside := []T{first + T(len(names))}
		if first > 0 {
			outside = append(outside, first-1)
		}
		for _, v := range outside {
			want := fmt.Sprintf("%s(%d)", reflect.TypeFor[T]().Name(), uint8(v))
			if b, err := v.MarshalText(); err != nil || string(b) != want {
				t.Errorf("%d.MarshalText() = %q, %v, want %q (a new value? add its name here)", uint8(v), b, err, want)
			}
			bad = append(bad, want)
		}
		for _, s := range bad {
			was := first
			got := was
			if err := P(&got).UnmarshalText([]byte(s)); !errors.Is(err, sentinel) || got != was {
				t.Errorf("UnmarshalText(%q) = %d, %v, want %d unchanged and an error wrapping %v", s, uint8(got), err, uint8(was), sentinel)
			}
		}
	}
}
