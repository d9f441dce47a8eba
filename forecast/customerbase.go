package forecast

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// ErrInvalidTransaction reports a transaction that cannot be summarised:
// no customer, no time, a negative amount.
var ErrInvalidTransaction = errors.New("forecast: invalid transaction")

// ErrInvalidSummary reports a customer summary the customer-base models
// cannot use: a negative frequency, a recency or age that is negative, NaN
// or infinite, a recency after the age, a recency without repeat
// purchases, a negative repeat spend, or (for the Gamma-Gamma model) a
// repeat customer whose repeat purchases are worth nothing.
var ErrInvalidSummary = errors.New("forecast: invalid customer summary")

// Transaction is one purchase by one customer, the raw material of the
// customer-base models (BG/NBD, Gamma-Gamma, CLV). Amounts of one call to
// Summarize are in one currency, converted by the host beforehand.
//
// In JSON the fields are customer, at and amount; at is read in any form
// activity.ParseTime reads (RFC 3339, a date alone, epoch milliseconds) and
// amount is written as a string of its digits.
type Transaction struct {
	Customer string          `json:"customer"`
	At       time.Time       `json:"at"`
	Amount   decimal.Decimal `json:"amount"`
}

// Validate reports every problem with t, joined, each an
// *activity.RecordError for Record "transaction" wrapping
// ErrInvalidTransaction and the activity sentinel behind it: an empty
// customer (activity.ErrMissingField), a zero time (activity.ErrZeroTime)
// and a negative amount (activity.ErrNegativeAmount). A zero amount is
// valid (a free order is still a purchase).
func (t Transaction) Validate() error { return t.cbCheck(-1) }

func (t Transaction) cbCheck(index int) error {
	var errs []error
	add := func(field string, err error) {
		errs = append(errs, &activity.RecordError{Record: "transaction", Index: index, ID: t.Customer, Field: field,
			Err: fmt.Errorf("%w: %w", ErrInvalidTransaction, err)})
	}
	if t.Customer == "" {
		add("customer", activity.ErrMissingField)
	}
	if t.At.IsZero() {
		add("at", activity.ErrZeroTime)
	}
	if t.Amount.Sign() < 0 {
		add("amount", fmt.Errorf("%w: %s", activity.ErrNegativeAmount, dec.Text(t.Amount)))
	}
	return errors.Join(errs...)
}

// MarshalJSON writes t with its amount as a string.
func (t Transaction) MarshalJSON() ([]byte, error) {
	type plain Transaction
	return dec.Marshal(plain(t))
}

// UnmarshalJSON reads a transaction, with its time in any form
// activity.DecodeTime reads and its amount required (activity.DecodeAmount:
// absent is not zero). It does not validate the transaction.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	type plain Transaction
	aux := struct {
		*plain
		At     json.RawMessage `json:"at"`
		Amount json.RawMessage `json:"amount"`
	}{plain: (*plain)(t)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	at, err := decodeTime(aux.At, "transaction at")
	if err != nil {
		return err
	}
	t.At = at
	amount, err := activity.DecodeAmount(aux.Amount)
	if err != nil {
		return fmt.Errorf("transaction amount: %w", err)
	}
	t.Amount = amount
	return nil
}

// SummaryOptions says how Summarize turns transactions into customer
// summaries. There is no default unit: it must be stated.
type SummaryOptions struct {
	// CalibrationEnd is the last day of the calibration period, inclusive:
	// transactions on a later day are left out, and a customer's age T is
	// measured from the day of the first purchase to this day (as
	// lifetimes' observation_period_end). Required. Only its calendar day
	// in Location counts, not its time of day.
	CalibrationEnd time.Time
	// Unit is the time unit of recency and age: 7 × 24 h for weeks (as
	// Fader, Hardie & Lee), 24 h for days. Required, positive. A number
	// of days d becomes d × 24 h / Unit units.
	Unit time.Duration
	// Location is the time zone whose calendar days group purchases; nil
	// means UTC.
	Location *time.Location
	// InputOrder lists the customers in the order of their first
	// transaction in the input (the host's order). False: by id, in byte
	// order of the strings, as lifetimes sorts its index.
	InputOrder bool
}

// Validate reports a zero CalibrationEnd and a Unit that is not positive,
// wrapping ErrInvalidOptions.
func (o SummaryOptions) Validate() error {
	if o.CalibrationEnd.IsZero() {
		return fmt.Errorf("%w: calibration end is required", ErrInvalidOptions)
	}
	if o.Unit <= 0 {
		return fmt.Errorf("%w: unit %v is not positive (say 7 × 24 h for weeks)", ErrInvalidOptions, o.Unit)
	}
	return nil
}

// CustomerSummary is one customer's purchase history over a calibration
// period, as the customer-base models read it (the notation of Fader,
// Hardie & Lee 2005), times in a unit the caller chose (see
// SummaryOptions.Unit):
//
//	X            frequency: repeat purchases, the days with a purchase after the first day
//	TX           recency t_x: the last repeat purchase's time after the first purchase (0 if X is 0)
//	T            age: the time from the first purchase to the end of calibration
//	RepeatSpend  the total value of the repeat purchases (0 if X is 0)
//
// Customer is the customer's id ("" is allowed in summaries built by
// hand). Weight, for grouped data (one row for the customers who share a
// history, as Fader & Hardie's tables and lifetimes' weights), says how
// many customers the row stands for; 0 means 1. Fits and log-likelihoods
// count a row Weight times; predictions are per row. In JSON the fields are
// customer, x, t_x, t, repeat_spend (a string of its digits) and weight.
type CustomerSummary struct {
	Customer    string          `json:"customer,omitempty"`
	X           int             `json:"x"`
	TX          float64         `json:"t_x"`
	T           float64         `json:"t"`
	RepeatSpend decimal.Decimal `json:"repeat_spend"`
	Weight      int             `json:"weight,omitempty"`
}

// weight is how many customers the row stands for.
func (c CustomerSummary) weight() float64 {
	if c.Weight == 0 {
		return 1
	}
	return float64(c.Weight)
}

// cbCustomers counts the customers the summaries stand for.
func cbCustomers(cs []CustomerSummary) int {
	n := 0
	for _, c := range cs {
		n += int(c.weight())
	}
	return n
}

// MeanSpend is the mean value of the customer's repeat purchases,
// RepeatSpend / X as a float64 (the m̄ or zbar of the Gamma-Gamma model),
// and 0 for a customer without repeat purchases.
func (c CustomerSummary) MeanSpend() float64 {
	if c.X <= 0 {
		return 0
	}
	return c.RepeatSpend.InexactFloat64() / float64(c.X)
}

// Validate reports the first problem with c as an *activity.RecordError for
// Record "customer summary" wrapping ErrInvalidSummary: X negative, TX or T
// negative, NaN or infinite, TX after T, TX not 0 when X is 0, a negative
// RepeatSpend or one that is not 0 when X is 0, a negative Weight.
func (c CustomerSummary) Validate() error { return c.cbCheck(-1) }

func (c CustomerSummary) cbCheck(index int) error {
	bad := func(field, format string, args ...any) error {
		return &activity.RecordError{Record: "customer summary", Index: index, ID: c.Customer, Field: field,
			Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidSummary}, args...)...)}
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case c.X < 0:
		return bad("x", "frequency %d is negative", c.X)
	case !finite(c.T) || c.T < 0:
		return bad("t", "age %v is not a finite time of 0 or more", c.T)
	case !finite(c.TX) || c.TX < 0:
		return bad("t_x", "recency %v is not a finite time of 0 or more", c.TX)
	case c.TX > c.T:
		return bad("t_x", "recency %v after the age %v", c.TX, c.T)
	case c.X == 0 && c.TX != 0:
		return bad("t_x", "recency %v without repeat purchases", c.TX)
	case c.RepeatSpend.Sign() < 0:
		return bad("repeat_spend", "%s is negative", dec.Text(c.RepeatSpend))
	case c.X == 0 && c.RepeatSpend.Sign() != 0:
		return bad("repeat_spend", "%s without repeat purchases", dec.Text(c.RepeatSpend))
	case c.Weight < 0:
		return bad("weight", "%d customers is negative", c.Weight)
	}
	return nil
}

// MarshalJSON writes c with its repeat spend as a string.
func (c CustomerSummary) MarshalJSON() ([]byte, error) {
	type plain CustomerSummary
	return dec.Marshal(plain(c))
}

// String reads like "customer 7: x 2, t_x 30.43, T 38.86, repeat spend
// 44.70".
func (c CustomerSummary) String() string {
	var b strings.Builder
	if c.Customer != "" {
		fmt.Fprintf(&b, "customer %s: ", c.Customer)
	}
	fmt.Fprintf(&b, "x %d, t_x %.4g, T %.4g, repeat spend %s", c.X, c.TX, c.T, dec.Text(c.RepeatSpend))
	return b.String()
}

// Summarize turns transactions into one CustomerSummary per customer, in
// order of customer id (or, with InputOrder, of their first transaction),
// the way lifetimes' summary_data_from_transaction_data
// does with freq "D" (its default) and the unit as freq_multiplier:
//
//   - purchases are grouped by customer and calendar day (in
//     opts.Location): several purchases on one day are one purchase worth
//     their total;
//   - days after opts.CalibrationEnd's day are left out;
//   - X is the number of days with a purchase after the first such day,
//     TX the days from the first to the last of them and T the days from
//     the first to CalibrationEnd's day, both × 24 h / Unit;
//   - RepeatSpend is the exact total of the repeat days' purchases, so
//     MeanSpend is the mean value of a repeat day (the purchases of the
//     first day, however many, are the first purchase and never count).
//
// Days are calendar dates, so a daylight-saving change never makes a day
// of 23 or 25 hours. A customer whose only purchases are after the
// calibration end has no summary; one whose first purchase is on the last
// day has T = 0. No transactions give no summaries and no error.
//
// Errors: invalid options (ErrInvalidOptions, see SummaryOptions.Validate)
// and every invalid transaction, joined, each an *activity.RecordError
// wrapping ErrInvalidTransaction (see Transaction.Validate). The caller's
// slice is not modified.
func Summarize(txs []Transaction, opts SummaryOptions) ([]CustomerSummary, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	var errs []error
	for i, t := range txs {
		if err := t.cbCheck(i); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	end := cbDayNumber(opts.CalibrationEnd.In(loc))
	type purchase struct {
		customer string
		day      int64
		amount   decimal.Decimal
	}
	ps := make([]purchase, 0, len(txs))
	for _, t := range txs {
		if d := cbDayNumber(t.At.In(loc)); d <= end {
			ps = append(ps, purchase{t.Customer, d, t.Amount})
		}
	}
	slices.SortFunc(ps, func(a, b purchase) int {
		return cmp.Or(strings.Compare(a.customer, b.customer), cmp.Compare(a.day, b.day))
	})
	// Days in the unit, divided once: days × 86,400 s in nanoseconds is
	// exact in float64 up to 6.8 million days (86,400e9 is 2^16 times an
	// odd 31-bit number), so each value is the correctly rounded days /
	// (unit in days), as lifetimes' days / freq_multiplier gives it.
	// Multiplying by a rounded day / unit would round twice.
	inUnits := func(days int64) float64 { return float64(days) * float64(24*time.Hour) / float64(opts.Unit) }
	var out []CustomerSummary
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].customer == ps[i].customer {
			j++
		}
		first, last := ps[i].day, ps[i].day
		s := CustomerSummary{Customer: ps[i].customer}
		for _, p := range ps[i+1 : j] {
			if p.day == first {
				continue // the first day is the first purchase, whatever its count
			}
			if p.day != last {
				s.X++
				last = p.day
			}
			s.RepeatSpend = s.RepeatSpend.Add(p.amount)
		}
		s.TX = inUnits(last - first)
		s.T = inUnits(end - first)
		out = append(out, s)
		i = j
	}
	if opts.InputOrder {
		first := make(map[string]int, len(out))
		for i, t := range txs {
			if _, ok := first[t.Customer]; !ok {
				first[t.Customer] = i
			}
		}
		slices.SortFunc(out, func(a, b CustomerSummary) int { return cmp.Compare(first[a.Customer], first[b.Customer]) })
	}
	return out, nil
}

// cbDayNumber numbers t's calendar date (in t's location) by days since
// 1970-01-01, so that subtracting two numbers counts calendar days.
func cbDayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// cbCheckSummaries validates every summary, returning the first problem.
func cbCheckSummaries(cs []CustomerSummary) error {
	for i, c := range cs {
		if err := c.cbCheck(i); err != nil {
			return err
		}
	}
	return nil
}
