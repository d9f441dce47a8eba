package dec

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestText(t *testing.T) {
	// Expected strings are the decimals as written, digit for digit.
	for _, tc := range []struct{ in, want string }{
		{"12.50", "12.50"},
		{"-0.001", "-0.001"},
		{"1e3", "1000"},
		{"0", "0"},
		{"123456789012345678901234567890.123", "123456789012345678901234567890.123"},
	} {
		d := decimal.RequireFromString(tc.in)
		if got := Text(d); got != tc.want {
			t.Errorf("Text(%s) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(AppendJSON(nil, d)); got != `"`+tc.want+`"` {
			t.Errorf("AppendJSON(%s) = %s, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTextIgnoresGlobals(t *testing.T) {
	old := decimal.TrimTrailingZeros
	decimal.TrimTrailingZeros = true
	defer func() { decimal.TrimTrailingZeros = old }()
	if got := Text(decimal.RequireFromString("2.50")); got != "2.50" {
		t.Errorf("Text(2.50) with TrimTrailingZeros = %q, want %q", got, "2.50")
	}
}

func TestTrim(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"46960.000000000000", "46960"}, {"2.70", "2.7"}, {"-0.500", "-0.5"}, {"12", "12"}, {"1200", "1200"}, {"0.000", "0"}, {"3.14159", "3.14159"},
	} {
		if got := Trim(decimal.RequireFromString(tc.in)).String(); got != tc.want {
			t.Errorf("Trim(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestPlacesAndDigits checks the places after the point (trailing zeros
// not counted) and the digits before it, by hand, on both sides of the
// 18-digit fast path and for negative numbers.
func TestPlacesAndDigits(t *testing.T) {
	cases := []struct {
		in             string
		places, digits int32
	}{
		{"0", 0, 0},
		{"0.000", 0, 0},
		{"12", 0, 2},
		{"1200", 0, 4},
		{"12.50", 1, 2},                // 1250e-2: one trailing zero
		{"-12.50", 1, 2},               // the sign changes nothing
		{"0.001", 3, 0},                // below 1: no digit before the point
		{"8409.68", 2, 4},              // an amount as the rig writes it
		{"1.000000000000000000", 0, 1}, // 19 digits: the big.Int path
		{"-123456789012345678.9", 1, 18},
		{"12345678901234567890.12345", 5, 20},
		{"1e3", 0, 4},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		if got := Places(d); got != c.places {
			t.Errorf("Places(%s) = %d, want %d", c.in, got, c.places)
		}
		if got := IntDigits(d); got != c.digits {
			t.Errorf("IntDigits(%s) = %d, want %d", c.in, got, c.digits)
		}
	}
}
