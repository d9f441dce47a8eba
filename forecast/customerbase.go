package forecast

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Transaction is one purchase of a customer, the raw material of the
// customer-base models.
type Transaction struct {
	Customer string          `json:"customer"`
	At       time.Time       `json:"at"`
	Amount   decimal.Decimal `json:"amount"`
}

// SummaryOptions says how transactions become recency and frequency: the
// end of the calibration period (transactions after it are left out) and
// the time unit of the summaries (7 × 24 h for weeks). Both are required.
type SummaryOptions struct {
	CalibrationEnd time.Time
	Unit           time.Duration
}

// CustomerHistory is one customer's summary (see CustomerSummary), with the
// mean value of the repeat purchases (0 when there are none): purchases on
// one calendar day (UTC) count as one purchase of their total value, as in
// Fader, Hardie & Lee's CDNOW summaries.
type CustomerHistory struct {
	Customer   string          `json:"customer"`
	Summary    CustomerSummary `json:"summary"`
	RepeatMean decimal.Decimal `json:"repeat_mean"`
}

// Summarize turns transactions into each customer's history, in customer
// order: x = days with a purchase after the first, t_x = last purchase day
// − first, T = calibration end − first purchase day, in units. Errors wrap
// ErrInvalidOptions: a zero calibration end or unit, a transaction without
// a customer or time, a negative amount. A customer whose first purchase
// is at or after the calibration end (no time observed) is left out.
func Summarize(txs []Transaction, opts SummaryOptions) ([]CustomerHistory, error) {
	if opts.CalibrationEnd.IsZero() || opts.Unit <= 0 {
		return nil, fmt.Errorf("%w: calibration end %v, unit %v", ErrInvalidOptions, opts.CalibrationEnd, opts.Unit)
	}
	type day struct {
		customer string
		day      time.Time
		amount   decimal.Decimal
	}
	var days []day
	for i, t := range txs {
		if t.Customer == "" || t.At.IsZero() || t.Amount.IsNegative() {
			return nil, fmt.Errorf("%w: transaction %d: customer %q, time %v, amount %s", ErrInvalidOptions, i, t.Customer, t.At, t.Amount)
		}
		if t.At.After(opts.CalibrationEnd) {
			continue
		}
		u := t.At.UTC()
		days = append(days, day{t.Customer, time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC), t.Amount})
	}
	slices.SortFunc(days, func(a, b day) int { return cmp.Or(cmp.Compare(a.customer, b.customer), a.day.Compare(b.day)) })
	unit := float64(opts.Unit)
	var out []CustomerHistory
	for i := 0; i < len(days); {
		j := i
		for j < len(days) && days[j].customer == days[i].customer {
			j++
		}
		first, last := days[i].day, days[i].day
		x := 0
		repeat := decimal.Zero
		for k := i + 1; k < j; k++ {
			repeat = repeat.Add(days[k].amount)
			if !days[k].day.Equal(days[k-1].day) {
				x++
				last = days[k].day
			}
		}
		if !first.Before(opts.CalibrationEnd) {
			i = j
			continue // first bought at the very end: no time observed
		}
		h := CustomerHistory{Customer: days[i].customer, Summary: CustomerSummary{X: x, TX: float64(last.Sub(first)) / unit, T: float64(opts.CalibrationEnd.Sub(first)) / unit}}
		if x > 0 {
			// Same-day purchases after the first day add to that day's
			// value; those on the first day are the first purchase.
			firstDay := decimal.Zero
			for k := i + 1; k < j && days[k].day.Equal(first); k++ {
				firstDay = firstDay.Add(days[k].amount)
			}
			h.RepeatMean = repeat.Sub(firstDay).DivRound(decimal.NewFromInt(int64(x)), 12)
		}
		out = append(out, h)
		i = j
	}
	return out, nil
}
