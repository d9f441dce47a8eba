package customers

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
)

// ChurnBase says which customers a churn rate divides by, and so which
// churned customers it counts.
type ChurnBase uint8

// Churn bases. See CustomerChurnRate for each formula.
const (
	// StartOnly (the default) divides the customers lost from the
	// opening base by that base; customers who joined and left inside the
	// period are in neither.
	StartOnly ChurnBase = iota
	// StartPlusNew divides every customer lost in the period, also those
	// who joined and left inside it, by the opening customers plus every
	// customer gained in the period.
	StartPlusNew
	// AverageBase divides the customers lost from the opening base by the
	// mean of the opening and closing customer counts.
	AverageBase
	// DailyCompounding divides every fall to zero in the period by the
	// customer-days in it, a daily rate, and compounds that rate over the
	// period's days: the form for consumer businesses with many short
	// lives and joins every day.
	DailyCompounding
)

var churnBaseNames = [...]string{"start_only", "start_plus_new", "average_base", "daily_compounding"}

// String returns "start_only", "start_plus_new", "average_base" or
// "daily_compounding".
func (b ChurnBase) String() string {
	if int(b) < len(churnBaseNames) {
		return churnBaseNames[b]
	}
	return fmt.Sprintf("ChurnBase(%d)", uint8(b))
}

// MarshalText writes String.
func (b ChurnBase) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (b *ChurnBase) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, StartOnly, DailyCompounding, ChurnBase.MarshalText)
	if !ok {
		return fmt.Errorf("%w: churn base %q", ErrInvalidOptions, text)
	}
	*b = v
	return nil
}

// ChurnOptions selects a churn rate's variant. The zero value divides the
// customers lost from the opening base by that base.
type ChurnOptions struct {
	Base ChurnBase
}

// Validate reports an unknown base.
func (o ChurnOptions) Validate() error {
	if int(o.Base) >= len(churnBaseNames) {
		return fmt.Errorf("%w: churn base %v", ErrInvalidOptions, o.Base)
	}
	return nil
}

// CustomerChurn is a customer (logo) churn rate with what it was computed
// from. Rate is a fraction of the period (a month's rate for a month); use
// AnnualChurn or CompoundChurn to restate it over another length, never a
// multiplication. Retention is 1 − Rate.
type CustomerChurn struct {
	Period    activity.Period `json:"period"`
	Base      ChurnBase       `json:"base"`
	Churned   int64           `json:"churned"`
	Customers float64         `json:"customers"` // the denominator
	Opening   int64           `json:"opening"`
	Gained    int64           `json:"gained"` // new and reactivated customers at the close
	Closing   int64           `json:"closing"`
	Transient int64           `json:"transient"`
	// CustomerDays, Days and DailyRate are set under DailyCompounding.
	CustomerDays float64 `json:"customer_days,omitempty"`
	Days         float64 `json:"days,omitempty"`
	DailyRate    float64 `json:"daily_rate,omitempty"`
	Rate         float64 `json:"rate"`
	Retention    float64 `json:"retention"`
}

// String reads as "2025-03: customer churn 4.0% (4 of 100 customers at the
// start)".
func (c CustomerChurn) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: customer churn %.2f%% (%d churned", c.Period.Name, 100*c.Rate, c.Churned)
	switch c.Base {
	case StartOnly:
		fmt.Fprintf(&b, " of %d customers at the start)", c.Opening)
	case StartPlusNew:
		fmt.Fprintf(&b, " of %d at the start and %d gained)", c.Opening, c.Gained+c.Transient)
	case AverageBase:
		fmt.Fprintf(&b, " of %.1f customers on average)", c.Customers)
	case DailyCompounding:
		fmt.Fprintf(&b, " over %.1f customer-days: %.4f%% a day over %.1f days)", c.CustomerDays, 100*c.DailyRate, c.Days)
	}
	return b.String()
}

// CustomerChurnRate returns the share of customers lost over p, by the
// options' base:
//
//	StartOnly         churned / opening
//	StartPlusNew      (churned + transient) / (opening + new + reactivated + transient)
//	AverageBase       churned / ((opening + closing) / 2)
//	DailyCompounding  1 − (1 − d)^days,  d = falls to zero / customer-days
//
// where churned counts the opening customers without revenue at the close,
// transient those who joined (or came back) and left inside p, days is p's
// length in elapsed days (86,400 s) and a fall to zero is any moment an
// account's MRR drops to zero in p (a daily rate above 1, possible only with
// lives shorter than a day, counts as 1). The default excludes the
// customers who joined and left within the period: they were never in the
// base the rate divides. Recurly ("A better way to calculate your churn
// rate", 2014) and Shopify Engineering ("Defining churn rate", 2013) discuss
// why the bases differ.
//
// No customers in the denominator is an error wrapping ErrNoCustomers.
func CustomerChurnRate(ss *Subscriptions, p activity.Period, opts ChurnOptions) (CustomerChurn, error) {
	if err := opts.Validate(); err != nil {
		return CustomerChurn{}, err
	}
	m, err := Movements(ss, p)
	if err != nil {
		return CustomerChurn{}, err
	}
	return churnFrom(m, opts)
}

func churnFrom(m MRRMovements, opts ChurnOptions) (CustomerChurn, error) {
	c := CustomerChurn{
		Period: m.Period, Base: opts.Base, Churned: m.ChurnedCustomers,
		Opening: m.OpeningCustomers, Gained: m.NewCustomers + m.ReactivatedCustomers,
		Closing: m.ClosingCustomers, Transient: m.Transient,
	}
	switch opts.Base {
	case StartOnly:
		c.Customers = float64(c.Opening)
	case StartPlusNew:
		c.Churned += c.Transient
		c.Customers = float64(c.Opening + c.Gained + c.Transient)
	case AverageBase:
		c.Customers = float64(c.Opening+c.Closing) / 2
	case DailyCompounding:
		c.Churned = m.ChurnEvents
		c.CustomerDays = m.CustomerDays
		c.Days = m.Period.End.Sub(m.Period.Start).Seconds() / 86_400
		c.Customers = c.CustomerDays
	}
	if c.Customers == 0 {
		return c, fmt.Errorf("%w: no customers in %s's %v base", ErrNoCustomers, m.Period.Name, opts.Base)
	}
	c.Rate = float64(c.Churned) / c.Customers
	if opts.Base == DailyCompounding {
		c.DailyRate = min(c.Rate, 1)
		c.Rate = -math.Expm1(c.Days * math.Log1p(-c.DailyRate))
		if c.DailyRate == 1 {
			c.Rate = 1
		}
	}
	c.Retention = 1 - c.Rate
	return c, nil
}

// RevenueChurnOptions selects a revenue churn rate's variant. The zero value
// leaves reactivated revenue out of the net rate.
type RevenueChurnOptions struct {
	// Reactivation counts revenue from returning customers against the
	// losses in the net rate, as expansion is.
	Reactivation bool
}

// RevenueChurn is a revenue (MRR) churn rate with what it was computed
// from, exact and as float64 fractions of the opening MRR:
//
//	Gross = (churn + contraction) / opening
//	Net   = (churn + contraction − expansion [− reactivation]) / opening
//
// Net is negative when expansion outgrows the losses ("negative churn").
// New customers' revenue never enters either.
type RevenueChurn struct {
	Period       activity.Period   `json:"period"`
	Currency     activity.Currency `json:"currency"`
	Opening      decimal.Decimal   `json:"opening"`
	Churn        decimal.Decimal   `json:"churn"`
	Contraction  decimal.Decimal   `json:"contraction"`
	Expansion    decimal.Decimal   `json:"expansion"`
	Reactivation decimal.Decimal   `json:"reactivation"`
	// WithReactivation says whether Net counts Reactivation.
	WithReactivation bool            `json:"with_reactivation"`
	GrossExact       decimal.Decimal `json:"gross_exact"`
	NetExact         decimal.Decimal `json:"net_exact"`
	Gross            float64         `json:"gross"`
	Net              float64         `json:"net"`
}

// String reads as "2025-03: revenue churn 4.5% gross, 1.5% net of 10000.00
// USD MRR".
func (r RevenueChurn) String() string {
	return fmt.Sprintf("%s: revenue churn %.2f%% gross, %.2f%% net of %s %s MRR", r.Period.Name, 100*r.Gross, 100*r.Net, r.Opening.StringFixed(2), r.Currency)
}

// RevenueChurnRate returns the gross and net MRR churn over p (see
// RevenueChurn). Zero opening MRR is an error wrapping ErrNoRevenue.
func RevenueChurnRate(ss *Subscriptions, p activity.Period, opts RevenueChurnOptions) (RevenueChurn, error) {
	t, err := ss.movements(p)
	if err != nil {
		return RevenueChurn{}, err
	}
	m := t.Result(p, ss.currency)
	r := RevenueChurn{
		Period: p, Currency: m.Currency, Opening: m.Opening, Churn: m.Churn, Contraction: m.Contraction,
		Expansion: m.Expansion, Reactivation: m.Reactivation, WithReactivation: opts.Reactivation,
	}
	if t.open == 0 {
		return r, fmt.Errorf("%w: no MRR at the start of %s", ErrNoRevenue, p.Name)
	}
	// The ratios from the exact sums (held × k, which cancels).
	lost := t.churn.Decimal().Add(t.contraction.Decimal())
	net := lost.Sub(t.expansion.Decimal())
	if opts.Reactivation {
		net = net.Sub(t.react.Decimal())
	}
	opening := t.opening.Decimal()
	r.GrossExact = lost.DivRound(opening, ratioScale)
	r.NetExact = net.DivRound(opening, ratioScale)
	r.Gross = r.GrossExact.InexactFloat64()
	r.Net = r.NetExact.InexactFloat64()
	return r, nil
}
