package people

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// ratioScale is the number of decimal places exact ratios are rounded to
// (half away from zero), as in the deal KPIs.
const ratioScale = 20

// timeZero is a fixed instant for checking a calendar's settings.
var timeZero = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func checkPeriod(p activity.Period) error { return p.Validate() }

func periodName(p activity.Period) string {
	if p.Name != "" {
		return p.Name
	}
	return p.String()
}

// span is a period as Unix nanoseconds, half-open.
type span struct{ lo, hi int64 }

func spanOf(p activity.Period) span { return span{ixcols.Nanos(p.Start), ixcols.Nanos(p.End)} }

func (s span) has(t int64) bool { return t >= s.lo && t < s.hi }

// bookCurrencies notes the currencies a scorecard has seen.
type bookCurrencies struct{ curset.Seen }

func (c *bookCurrencies) bookSee(cur activity.Currency) { c.See(cur) }

// bookMixed returns an error wrapping ErrMixedCurrencies when two currencies
// were seen, naming them in alphabetical order.
func (c *bookCurrencies) bookMixed(scope string) error {
	if a, b, mixed := c.Mixed(); mixed {
		return fmt.Errorf("%w: %s and %s in %s (give a Conversion)", ErrMixedCurrencies, a, b, scope)
	}
	return nil
}

// currencyCheck notes the currency of each group a KPI compares and
// reports the first two groups in different currencies: amounts of two
// currencies are never compared, however each group is booked.
type currencyCheck struct {
	cur activity.Currency
	key string
}

// see notes group key's currency ("" for none) and returns an error
// wrapping ErrMixedCurrencies when it differs from an earlier group's.
func (c *currencyCheck) see(key string, cur activity.Currency) error {
	switch {
	case cur == "" || cur == c.cur:
		return nil
	case c.cur == "":
		c.cur, c.key = cur, key
		return nil
	}
	return fmt.Errorf("%w: %s in %s, %s in %s (give a Conversion)", ErrMixedCurrencies, c.cur, c.key, cur, key)
}
