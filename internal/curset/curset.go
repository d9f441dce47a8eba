// Package curset notes the currencies a tally has seen, so that a KPI can
// refuse to add amounts of two currencies and name both in its error.
package curset

import (
	"cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Seen holds the first currency seen and one other, if any. The zero value
// has seen none.
type Seen struct {
	Currency, Other activity.Currency
}

// See notes cur; the empty currency is ignored.
func (c *Seen) See(cur activity.Currency) {
	switch {
	case cur == "" || cur == c.Currency:
	case c.Currency == "":
		c.Currency = cur
	case c.Other == "":
		c.Other = cur
	}
}

// Merge notes what o has seen.
func (c *Seen) Merge(o *Seen) {
	c.See(o.Currency)
	c.See(o.Other)
}

// Mixed reports whether two currencies were seen, and names them in
// alphabetical order, so that a message does not depend on input order.
func (c *Seen) Mixed() (a, b activity.Currency, mixed bool) {
	if c.Other == "" {
		return "", "", false
	}
	a, b = c.Currency, c.Other
	if cmp.Less(b, a) {
		a, b = b, a
	}
	return a, b, true
}
