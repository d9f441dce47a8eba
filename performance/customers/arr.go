package customers

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/performance"
)

// RecurringRevenue is the book's recurring revenue in force just before At
// (a change at At itself is not yet counted, as for Subscriptions.MRR):
//
//	MRR = Σ accounts' MRR     ARR = 12 × MRR
//
// both from the exact sum of the accounts' amounts, divided by their
// billing months once: exact where the quotient terminates (a quarterly
// 1,000 is an ARR of exactly 4,000) and otherwise rounded half away from
// zero to 12 decimal places. Accounts counts those with revenue then.
//
// In a series (RecurringRevenueSeries) Period is the period whose close At
// is, and Growth the growth over the period before (see
// performance.GrowthRate; nil for the first, undefined with the reason
// after a period of no revenue). It is taken on ARR, whose ratio is MRR's
// but which is exact where MRR's twelfths are rounded: from MRR
// 533.333333333333 to 433.333333333333 is exactly −18.75%.
type RecurringRevenue struct {
	At       time.Time               `json:"at"`
	Period   activity.Period         `json:"period,omitzero"`
	Currency activity.Currency       `json:"currency"`
	MRR      decimal.Decimal         `json:"mrr"`
	ARR      decimal.Decimal         `json:"arr"`
	Accounts int64                   `json:"accounts"`
	Growth   *performance.GrowthRate `json:"growth,omitempty"`
}

// String reads as "2025-03-31: MRR 1500.00 USD, ARR 18000.00 over 3
// accounts" (with the period's name in a series, and its growth).
func (r RecurringRevenue) String() string {
	when := r.Period.Name
	if when == "" {
		when = r.At.Format(time.RFC3339)
	}
	accounts := "accounts"
	if r.Accounts == 1 {
		accounts = "account"
	}
	s := fmt.Sprintf("%s: MRR %s %s, ARR %s over %d %s", when, r.MRR.StringFixed(2), r.Currency, r.ARR.StringFixed(2), r.Accounts, accounts)
	if r.Growth != nil {
		s += ", growth " + r.Growth.String()
	}
	return s
}

// RecurringRevenueAt returns the MRR and ARR in force just before at (see
// RecurringRevenue). Errors: nil subscriptions or a zero time, wrapping
// ErrInvalidOptions.
func RecurringRevenueAt(ss *Subscriptions, at time.Time) (RecurringRevenue, error) {
	if ss == nil || at.IsZero() {
		return RecurringRevenue{}, fmt.Errorf("%w: recurring revenue needs subscriptions and a time (%v)", ErrInvalidOptions, at)
	}
	return ss.recurringAt(at), nil
}

// RecurringRevenueSeries returns the MRR and ARR at the close of each
// period of granularity g of cal from the one holding from to the one
// holding the moment before to, each with its MRR's growth over the one
// before. Errors: nil subscriptions (ErrInvalidOptions), and those of
// activity.Calendar.PeriodsWithin (an invalid calendar, granularity or
// range, too many periods).
func RecurringRevenueSeries(ss *Subscriptions, cal activity.Calendar, g activity.Granularity, from, to time.Time) ([]RecurringRevenue, error) {
	if ss == nil {
		return nil, fmt.Errorf("%w: nil subscriptions", ErrInvalidOptions)
	}
	periods, err := cal.PeriodsWithin(g, activity.Period{Start: from, End: to})
	if err != nil {
		return nil, err
	}
	out := make([]RecurringRevenue, len(periods))
	for i, p := range periods {
		out[i] = ss.recurringAt(p.End)
		out[i].Period = p
		if i > 0 {
			// An undefined growth is reported in the rate, not as an error.
			g, _ := performance.Growth(out[i].ARR, out[i-1].ARR)
			out[i].Growth = &g
		}
	}
	return out, nil
}

// recurringAt sums the accounts' revenue in force just before at.
func (s *Subscriptions) recurringAt(at time.Time) RecurringRevenue {
	t := ixcols.Nanos(at)
	r := RecurringRevenue{At: at, Currency: s.currency}
	sum := exact.NewSum(s.scale)
	for a := range s.accounts {
		if u := s.levelBefore(a, t); u > 0 {
			sum.Add(u)
			r.Accounts++
		}
	}
	units := sum.Decimal()
	r.MRR = s.perMonth(units)
	r.ARR = s.perMonth(units.Mul(decimal.NewFromInt(12)))
	return r
}

// perMonth divides amounts at the subscriptions' scale by their billing
// months' multiple k: exact where the quotient terminates, else rounded
// half away from zero to mrrScale places.
func (s *Subscriptions) perMonth(d decimal.Decimal) decimal.Decimal {
	if s.k == 1 {
		return d
	}
	q := d.DivRound(decimal.NewFromInt(s.k), mrrScale)
	for p := s.scale; p < mrrScale; p++ {
		if t := q.Truncate(p); t.Equal(q) {
			return t // the quotient terminates at p places
		}
	}
	return q
}
