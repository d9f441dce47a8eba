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
