// Package dec holds the decimal helpers every salesmetrics package shares:
// text that does not depend on shopspring/decimal's global settings.
package dec

import (
	"strconv"

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
	for p := int32(0); p < -d.Exponent(); p++ {
		if t := d.Truncate(p); t.Equal(d) {
			return t
		}
	}
	return d
}
