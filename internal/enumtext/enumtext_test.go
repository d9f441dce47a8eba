package enumtext

import (
	"errors"
	"fmt"
	"testing"
)

// color is a closed set shaped like the library's: names in an array, a
// zero value that writes nothing, and an out-of-range value written in
// Go syntax.
type color uint8

var colorNames = [...]string{"", "red", "green", "blue"}

func (c color) MarshalText() ([]byte, error) {
	if int(c) < len(colorNames) {
		return []byte(colorNames[c]), nil
	}
	return fmt.Appendf(nil, "color(%d)", uint8(c)), nil
}

// fussy writes the name of every value but refuses to write 1.
type fussy uint8

func (f fussy) MarshalText() ([]byte, error) {
	if f == 1 {
		return nil, errors.New("no text for 1")
	}
	return fmt.Appendf(nil, "f%d", uint8(f)), nil
}

// wide writes every uint8 as its decimal digits.
type wide uint8

func (w wide) MarshalText() ([]byte, error) { return fmt.Appendf(nil, "%d", uint8(w)), nil }

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		in          string
		first, last color
		want        color
		ok          bool
	}{
		{"first", "", 0, 3, 0, true},
		{"middle", "green", 0, 3, 2, true},
		{"last", "blue", 0, 3, 3, true},
		{"one-value range", "green", 2, 2, 2, true},
		{"below the range", "", 1, 3, 0, false},
		{"above the range", "blue", 0, 2, 0, false},
		// color(4) is the text of a value outside [first, last].
		{"out-of-range text", "color(4)", 0, 3, 0, false},
		{"other case", "Red", 0, 3, 0, false},
		{"unknown", "nonsense", 0, 3, 0, false},
		{"padded", " red", 0, 3, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := Parse([]byte(tc.in), tc.first, tc.last, color.MarshalText)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Parse(%q, %d, %d) = %d, %t, want %d, %t", tc.in, tc.first, tc.last, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseNilIsEmpty(t *testing.T) {
	t.Parallel()
	// encoding/json passes the empty string as an empty, non-nil slice; a
	// nil slice is the same text.
	if got, ok := Parse(nil, 0, 3, color.MarshalText); got != 0 || !ok {
		t.Errorf("Parse(nil, 0, 3) = %d, %t, want 0, true", got, ok)
	}
}

func TestParseSkipsTextErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want fussy
		ok   bool
	}{
		{"f0", 0, true},
		{"f2", 2, true},
		// Value 1 has no text, so nothing matches it, not even the empty
		// text its MarshalText returns with the error.
		{"", 0, false},
	} {
		got, ok := Parse([]byte(tc.in), 0, 2, fussy.MarshalText)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q, 0, 2) = %d, %t, want %d, %t", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseWholeRange(t *testing.T) {
	t.Parallel()
	// The loop must stop at last = 255 rather than wrap around to 0.
	for _, tc := range []struct {
		in   string
		want wide
		ok   bool
	}{
		{"0", 0, true},
		{"255", 255, true},
		{"256", 0, false},
	} {
		got, ok := Parse([]byte(tc.in), 0, 255, wide.MarshalText)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q, 0, 255) = %d, %t, want %d, %t", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParsePanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"first > last", func() { Parse([]byte("red"), 3, 1, color.MarshalText) }},
		{"nil text", func() { Parse[color]([]byte("red"), 0, 3, nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if recover() == nil {
					t.Errorf("Parse with %s did not panic", tc.name)
				}
			}()
			tc.f()
		})
	}
}
