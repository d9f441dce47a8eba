// Package dec holds the decimal helpers every salesmetrics package shares:
// text that does not depend on shopspring/decimal's global settings.
package dec

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Text returns d in plain notation with exactly the digits it carries
// ("12.50" stays "12.50"), whatever decimal.TrimTrailingZeros says.
func Text(d decimal.Decimal) string {
	places := -d.Exponent()
	if places < 0 {
		places = 0
	}
	return d.StringFixed(places)
}

// AppendJSON appends d as a JSON string ("\"12.50\"") to b. Decimals are
// written as strings so that no JSON reader turns them into binary floats.
func AppendJSON(b []byte, d decimal.Decimal) []byte {
	return strconv.AppendQuote(b, Text(d))
}

// Trim returns d without trailing zero decimal places: 46960.000 becomes
// 46960 and 2.70 becomes 2.7, the same value.
func Trim(d decimal.Decimal) decimal.Decimal {
	if p := Places(d); p < -d.Exponent() {
		return d.Truncate(p)
	}
	return d
}

// Places returns the decimal places d needs: its exponent's, less its
// coefficient's trailing zeros (250 written as 250.000 needs none).
func Places(d decimal.Decimal) int32 {
	e := d.Exponent()
	if e >= 0 || d.IsZero() {
		return 0
	}
	if d.NumDigits() <= 18 {
		// The usual amount: count the coefficient's trailing zeros without
		// copying it to a big.Int and a string.
		c, zeros := d.CoefficientInt64(), int32(0)
		for c%10 == 0 {
			c /= 10
			zeros++
		}
		return max(0, -e-zeros)
	}
	c := d.Coefficient().String()
	zeros := int32(len(c) - len(strings.TrimRight(c, "0")))
	return max(0, -e-zeros)
}

// IntDigits returns the digits of d before the point (0 for |d| < 1).
func IntDigits(d decimal.Decimal) int32 {
	if d.IsZero() {
		return 0
	}
	return max(0, int32(d.NumDigits())+d.Exponent())
}
