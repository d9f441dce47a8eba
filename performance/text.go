package performance

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// moneyText writes an amount for a person: rounded half away from zero to
// its currency's minor units, with the currency's code ("12500.00 USD");
// without a currency (an empty result), to two places.
func moneyText(x decimal.Decimal, cur activity.Currency) string {
	if cur == "" {
		return x.StringFixed(2)
	}
	return cur.Round(x).StringFixed(cur.MinorUnits()) + " " + string(cur)
}

// prose writes an option's name for a sentence: "reached or later" for
// reached_or_later.
func prose(s fmt.Stringer) string { return strings.ReplaceAll(s.String(), "_", " ") }
