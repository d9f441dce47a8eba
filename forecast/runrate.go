package forecast

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
)

// DayBasis says how a run rate measures the part of a period gone by.
type DayBasis uint8

// Day bases.
const (
	// ElapsedTime (the default) compares the time gone by with the
	// period's length, both in elapsed seconds.
	ElapsedTime DayBasis = iota
	// WorkingDays compares the calendar's working days before the as-of
	// date (its local date; a partly gone day does not count) with those
	// of the whole period.
	WorkingDays
)

// String returns "elapsed_time" or "working_days".
func (b DayBasis) String() string {
	switch b {
	case ElapsedTime:
		return "elapsed_time"
	case WorkingDays:
		return "working_days"
	}
	return fmt.Sprintf("DayBasis(%d)", uint8(b))
}

// MarshalText writes String.
func (b DayBasis) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (b *DayBasis) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ElapsedTime, WorkingDays, DayBasis.MarshalText)
	if !ok {
		return fmt.Errorf("%w: day basis %q", ErrInvalidOptions, text)
	}
	*b = v
	return nil
}

// RunRateOptions selects how a run rate counts days. The zero value
// compares elapsed time and names no currency.
type RunRateOptions struct {
	Days DayBasis
	// Calendar gives the working days (weekend, holidays, zone) under
	// WorkingDays.
	Calendar activity.Calendar
	// Currency is the currency of the amount to date, carried into the
	// Projection so that it reads as money. Empty: none named.
	Currency activity.Currency
}

// Projection is a run rate: the amount to date scaled to the whole period,
//
//	Projected = ToDate × Total / Elapsed
//
// with Elapsed and Total in days of the basis (elapsed days of 86,400 s, or
// working days). Projected is exact to 20 decimal places; round it to the
// currency's minor units to show it.
type Projection struct {
	Period    activity.Period   `json:"period"`
	AsOf      time.Time         `json:"as_of"`
	Days      DayBasis          `json:"days"`
	ToDate    decimal.Decimal   `json:"to_date"`
	Elapsed   float64           `json:"elapsed"`
	Total     float64           `json:"total"`
	Projected decimal.Decimal   `json:"projected"`
	Currency  activity.Currency `json:"currency,omitempty"`
}

// String reads as "2025-03: run rate 62000.00 (31000.00 in 15.5 of 31 days)".
func (r Projection) String() string {
	unit := "days"
	if r.Days == WorkingDays {
		unit = "working days"
	}
	return fmt.Sprintf("%s: run rate %s (%s in %.4g of %.4g %s)", r.Period.Name, moneyText(r.Projected, r.Currency),
		moneyText(r.ToDate, r.Currency), r.Elapsed, r.Total, unit)
}

// RunRate projects toDate, the amount booked in p before asOf, to the
// whole of p (see Projection). From asOf at or after p's end it is toDate
// itself. Errors: an invalid period (wrapping activity.ErrInvalidPeriod) or
// options (ErrInvalidOptions, or the calendar's error), and nothing gone by
// yet (asOf at or before p's start, no working day before asOf, a period
// without working days) wrapping ErrUndefined.
func RunRate(toDate decimal.Decimal, p activity.Period, asOf time.Time, opts RunRateOptions) (Projection, error) {
	if err := p.Validate(); err != nil {
		return Projection{}, err
	}
	if opts.Days > WorkingDays {
		return Projection{}, fmt.Errorf("%w: day basis %v", ErrInvalidOptions, opts.Days)
	}
	if opts.Currency != "" {
		if err := opts.Currency.Validate(); err != nil {
			return Projection{}, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
		}
	}
	r := Projection{Period: p, AsOf: asOf, Days: opts.Days, ToDate: toDate, Currency: opts.Currency}
	if !asOf.After(p.Start) {
		return r, fmt.Errorf("%w: nothing of %s has gone by at %s", ErrUndefined, p.Name, asOf.Format(time.RFC3339))
	}
	until := asOf
	if until.After(p.End) {
		until = p.End
	}
	var elapsed, total decimal.Decimal
	switch opts.Days {
	case ElapsedTime:
		elapsed = decimal.NewFromInt(until.Sub(p.Start).Nanoseconds())
		total = decimal.NewFromInt(p.End.Sub(p.Start).Nanoseconds())
		r.Elapsed, r.Total = until.Sub(p.Start).Seconds()/86_400, p.End.Sub(p.Start).Seconds()/86_400
	case WorkingDays:
		e, err := opts.Calendar.WorkingDays(p.Start, until)
		if err != nil {
			return r, err
		}
		t, err := opts.Calendar.WorkingDays(p.Start, p.End)
		if err != nil {
			return r, err
		}
		if !until.Before(p.End) {
			e = t
		}
		elapsed, total = decimal.NewFromInt(int64(e)), decimal.NewFromInt(int64(t))
		r.Elapsed, r.Total = float64(e), float64(t)
	}
	if !elapsed.IsPositive() {
		return r, fmt.Errorf("%w: no working day of %s has gone by at %s", ErrUndefined, p.Name, asOf.Format(time.RFC3339))
	}
	r.Projected = toDate.Mul(total).DivRound(elapsed, 20)
	return r, nil
}
