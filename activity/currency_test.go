package activity

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestCurrencyValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		code Currency
		ok   bool
	}{
		{"USD", "USD", true},
		{"XTS test code", "XTS", true},
		{"not on the list but well formed", "QQQ", true},
		{"empty", "", false},
		{"lower case", "usd", false},
		{"mixed case", "Usd", false},
		{"two letters", "US", false},
		{"four letters", "USDT", false},
		{"digits", "840", false},
		{"symbol", "U$D", false},
		{"space", "US ", false},
		// "ÜSD" is four bytes; "\xdcSD" is three bytes, the first not ASCII.
		{"non-ASCII letter", "ÜSD", false},
		{"non-ASCII byte", "\xdcSD", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.code.Validate()
			if tc.ok && err != nil {
				t.Errorf("Currency(%q).Validate() = %v, want nil", tc.code, err)
			}
			if !tc.ok && !errors.Is(err, ErrInvalidCurrency) {
				t.Errorf("Currency(%q).Validate() = %v, want ErrInvalidCurrency", tc.code, err)
			}
		})
	}
}

func TestCurrencyMinorUnits(t *testing.T) {
	t.Parallel()
	// Expected values: ISO 4217 list one, column "Minor unit", as amended
	// through 2025. Every code with 0, 3 or 4 places is listed, and a sample
	// of the 2-place default.
	tests := []struct {
		code Currency
		want int32
	}{
		{"BIF", 0}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"ISK", 0}, {"JPY", 0},
		{"KMF", 0}, {"KRW", 0}, {"PYG", 0}, {"RWF", 0}, {"UGX", 0}, {"UYI", 0},
		{"VND", 0}, {"VUV", 0}, {"XAF", 0}, {"XOF", 0}, {"XPF", 0},
		{"BHD", 3}, {"IQD", 3}, {"JOD", 3}, {"KWD", 3}, {"LYD", 3}, {"OMR", 3},
		{"TND", 3},
		{"CLF", 4}, {"UYW", 4},
		{"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"CHF", 2}, {"HUF", 2}, {"IDR", 2},
		// Documented default for "N.A." codes, unlisted and malformed codes.
		{"XAU", 2}, {"XXX", 2}, {"QQQ", 2}, {"jpy", 2}, {"", 2},
	}
	for _, tc := range tests {
		t.Run(string(tc.code), func(t *testing.T) {
			t.Parallel()
			if got := tc.code.MinorUnits(); got != tc.want {
				t.Errorf("Currency(%q).MinorUnits() = %d, want %d", tc.code, got, tc.want)
			}
		})
	}
}

func TestCurrencyRound(t *testing.T) {
	t.Parallel()
	// Each want is d rounded by hand to the code's minor units: half away
	// from zero for Round, half to the even neighbour for RoundBank.
	tests := []struct {
		name     string
		code     Currency
		d        string
		wantHalf string // Round
		wantBank string // RoundBank
	}{
		{"USD tie up", "USD", "2.345", "2.35", "2.34"},  // 4 is even
		{"USD tie odd", "USD", "2.355", "2.36", "2.36"}, // 5 is odd → 6
		{"USD negative tie", "USD", "-2.345", "-2.35", "-2.34"},
		{"USD below half", "USD", "2.3449", "2.34", "2.34"},
		{"USD above half", "USD", "2.3451", "2.35", "2.35"}, // not a tie
		{"USD already rounded", "USD", "2.3", "2.30", "2.30"},
		{"JPY tie", "JPY", "2.5", "3", "2"},
		{"JPY tie odd", "JPY", "3.5", "4", "4"},
		{"JPY negative", "JPY", "-1234.5", "-1235", "-1234"},
		{"KWD tie", "KWD", "1.2345", "1.235", "1.234"},
		{"CLF tie", "CLF", "1.23465", "1.2347", "1.2346"},
		{"zero", "EUR", "0", "0", "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := decimal.RequireFromString(tc.d)
			if got, want := tc.code.Round(d), decimal.RequireFromString(tc.wantHalf); !got.Equal(want) {
				t.Errorf("Currency(%q).Round(%s) = %s, want %s", tc.code, d, got, want)
			}
			if got, want := tc.code.RoundBank(d), decimal.RequireFromString(tc.wantBank); !got.Equal(want) {
				t.Errorf("Currency(%q).RoundBank(%s) = %s, want %s", tc.code, d, got, want)
			}
		})
	}
}
