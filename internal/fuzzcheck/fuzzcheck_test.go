package fuzzcheck

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

func TestNonFinite(t *testing.T) {
	t.Parallel()
	type inner struct {
		X      float64
		hidden float64
	}
	type outer struct {
		A  []inner
		M  map[string]*inner
		C  complex128
		Pt *inner
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"all finite", outer{A: []inner{{X: 1}}, M: map[string]*inner{"k": {X: 2}}}, ""},
		{"unexported NaN is not read", outer{A: []inner{{hidden: nan}}}, ""},
		{"NaN in a slice", outer{A: []inner{{X: 1}, {X: nan}}}, "r.A[1].X = NaN"},
		{"Inf in a map", outer{M: map[string]*inner{"k": {X: math.Inf(-1)}}}, "r.M[k].X = -Inf"},
		{"Inf behind a pointer", &outer{Pt: &inner{X: math.Inf(1)}}, "r.Pt.X = +Inf"},
		{"complex", outer{C: complex(0, nan)}, "r.C = (0+NaNi)"},
		{"nil", nil, ""},
		{"bare float", math.Inf(1), "r = +Inf"},
	} {
		got, bad := NonFinite(tc.v, "r")
		if got != tc.want || bad != (tc.want != "") {
			t.Errorf("%s: NonFinite = %q, %v; want %q", tc.name, got, bad, tc.want)
		}
	}
}

// TestCheck: Check passes an error wrapping a listed sentinel and a finite
// result, and fails an unlisted error and a NaN result.
func TestCheck(t *testing.T) {
	t.Parallel()
	listed := errors.New("listed")
	for _, tc := range []struct {
		name   string
		result any
		err    error
		fails  bool
	}{
		{"listed error", nil, fmt.Errorf("wrapped: %w", listed), false},
		{"finite result", struct{ X float64 }{1}, nil, false},
		{"unlisted error", nil, errors.New("other"), true},
		{"NaN result", struct{ X float64 }{math.NaN()}, nil, true},
	} {
		rec := &recorder{TB: t}
		func() {
			defer func() { _ = recover() }()
			Check(rec, tc.name, tc.result, tc.err, []error{listed})
		}()
		if rec.failed != tc.fails {
			t.Errorf("%s: failed = %v, want %v", tc.name, rec.failed, tc.fails)
		}
	}
}

// recorder notes a Fatalf instead of failing the test, and stops the call
// as Fatalf would.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	panic("fatal")
}

// TestBytes: the bytes in turn, then zeros; Take stops at the end.
func TestBytes(t *testing.T) {
	t.Parallel()
	r := NewBytes([]byte{7, 8, 9, 10})
	if got := r.Next(); got != 7 {
		t.Errorf("Next = %d, want 7", got)
	}
	if got := r.Take(2); string(got) != string([]byte{8, 9}) {
		t.Errorf("Take(2) = %v, want [8 9]", got)
	}
	if got := r.Take(5); string(got) != string([]byte{10}) {
		t.Errorf("Take(5) at the end = %v, want [10]", got)
	}
	if got, rest := r.Next(), r.Take(3); got != 0 || len(rest) != 0 {
		t.Errorf("past the end: Next = %d, Take = %v; want 0, []", got, rest)
	}
}

// panicky's String panics.
type panicky struct{ X int }

func (panicky) String() string { panic("boom") }

// unjson cannot be written as JSON.
type unjson struct{ C chan int }

// color is a small closed set: 0 red, 1 blue; 2 and up invalid.
type color uint8

var errColor = errors.New("color")

func (c color) MarshalText() ([]byte, error) {
	switch c {
	case 0:
		return []byte("red"), nil
	case 1:
		return []byte("blue"), nil
	}
	return nil, errColor
}

func (c *color) UnmarshalText(b []byte) error {
	switch string(b) {
	case "red":
		*c = 0
	case "blue", "BLUE": // read in a second spelling, written in one
		*c = 1
	default:
		return errColor
	}
	return nil
}

// badColor reads every text as blue but fails, changing the value first.
type badColor uint8

func (c badColor) MarshalText() ([]byte, error) { return []byte("x"), nil }
func (c *badColor) UnmarshalText([]byte) error  { *c = 7; return errColor }

func TestRenderAndEnumText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		run   func(testing.TB)
		fails bool
	}{
		{"a plain value", func(tb testing.TB) { Render(tb, "v", struct{ A int }{1}) }, false},
		{"String panics", func(tb testing.TB) { Render(tb, "v", panicky{}) }, true},
		{"String panics inside", func(tb testing.TB) { Render(tb, "v", struct{ P panicky }{}) }, true},
		{"no JSON", func(tb testing.TB) { Render(tb, "v", unjson{C: make(chan int)}) }, true},
		{"a valid enum", func(tb testing.TB) { EnumText(tb, color(1), []byte("BLUE"), []error{errColor}) }, false},
		{"an invalid enum", func(tb testing.TB) { EnumText(tb, color(5), []byte("green"), []error{errColor}) }, false},
		{"an unlisted error", func(tb testing.TB) { EnumText(tb, color(5), []byte("red"), nil) }, true},
		{"a failed read that changes the value", func(tb testing.TB) { EnumText(tb, badColor(0), []byte("x"), []error{errColor}) }, true},
	} {
		// A fatal check or a panic (Render lets a String panic through, for
		// the fuzzer to report) both fail.
		rec, panicked := &recorder{TB: t}, false
		func() {
			defer func() {
				if r := recover(); r != nil && r != "fatal" {
					panicked = true
				}
			}()
			tc.run(rec)
		}()
		if failed := rec.failed || panicked; failed != tc.fails {
			t.Errorf("%s: failed = %v, want %v", tc.name, failed, tc.fails)
		}
	}
}
