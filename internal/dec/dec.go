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
