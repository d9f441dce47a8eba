package customers

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// AverageRevenue is the average MRR per account (ARPA) with what it was
// computed from: MRR / Customers, where an account with several
// subscriptions counts once.
type AverageRevenue struct {
	Period    activity.Period   `json:"period"`
	Currency  activity.Currency `json:"currency"`
	Average   bool              `json:"average"` // over the opening and the close, not the close alone
	MRR       decimal.Decimal   `json:"mrr"`
	Customers float64           `json:"customers"`
	// ARPA is exact to 12 decimal places (half away from zero); round it
	// to the currency's minor units to show it.
	ARPA  decimal.Decimal `json:"arpa"`
	Float float64         `json:"float"`
}

// String reads as "2025-03: ARPA 96.67 USD (580.00 MRR over 6 customers)".
func (a AverageRevenue) String() string {
	return fmt.Sprintf("%s: ARPA %s (%s MRR over %g customers)", a.Period.Name, moneyText(a.ARPA, a.Currency), moneyText(a.MRR, a.Currency), a.Customers)
}

// ARPAOptions selects an ARPA's variant. The zero value takes the MRR and
// the customers at the period's close.
type ARPAOptions struct {
	// Average divides the mean of the opening and closing MRR by the mean
	// of the opening and closing customer counts.
	Average bool
}

// ARPA returns the average recurring revenue per account over p:
//
//	ARPA = closing MRR / closing customers                          (default)
//	ARPA = (opening + closing MRR) / (opening + closing customers)   (Average)
//
// counting each account once however many subscriptions it holds. No
// customers is an error wrapping ErrNoCustomers.
func ARPA(ss *Subscriptions, p activity.Period, opts ARPAOptions) (AverageRevenue, error) {
	t, err := ss.movements(p)
	if err != nil {
		return AverageRevenue{}, err
	}
	m := t.Result(p, ss.currency)
	a := AverageRevenue{Period: p, Currency: m.Currency, Average: opts.Average, MRR: m.Closing, Customers: float64(m.ClosingCustomers)}
	n := m.ClosingCustomers
	sum := t.end.Decimal() // exact, held × k
	if opts.Average {
		n += m.OpeningCustomers
		sum = sum.Add(t.opening.Decimal())
		a.MRR = unitsMoney(sum, 2*t.factor())
		a.Customers = float64(n) / 2
	}
	if n == 0 {
		return a, fmt.Errorf("%w: no customers in %s", ErrNoCustomers, p.Name)
	}
	a.ARPA = sum.DivRound(decimal.NewFromInt(n*t.factor()), mrrScale)
	a.Float = a.ARPA.InexactFloat64()
	return a, nil
}

// Spend is a spend record: money spent on winning customers on a date,
// with its category (and the source, campaign and team it bought). It is
// activity.Spend, shared with the lead KPIs and budgets.
type Spend = activity.Spend

// SpendingOptions says how NewSpending treats its input. The zero value
// fails on any invalid record.
type SpendingOptions struct {
	// SkipInvalid keeps the valid records and reports the others through
	// Skipped instead of failing.
	SkipInvalid bool
}

// Spending is a validated set of spend records in one currency, by date.
// Build it with NewSpending; it is immutable.
type Spending struct {
	currency activity.Currency
	items    []Spend // by date
	skipped  []error
}

// NewSpending validates items (every problem reported as
// *activity.RecordError values joined; amounts in another currency than
// the first record's wrap ErrMixedCurrencies) and sorts a copy by date.
// With opts.SkipInvalid it keeps the valid records and reports the others
// through Skipped. items is not modified.
func NewSpending(items []Spend, opts SpendingOptions) (*Spending, error) {
	var errs []error
	sp := &Spending{items: make([]Spend, 0, len(items))}
	for i := range items {
		s := &items[i]
		p := recordProblems{record: "spend", index: i}
		if err := s.Validate(); err != nil {
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				re := *e.(*activity.RecordError) // a copy, at the record's position
				re.Index = i
				p.errs = append(p.errs, &re)
			}
		}
		if len(p.errs) == 0 {
			if sp.currency == "" {
				sp.currency = s.Currency
			} else if s.Currency != sp.currency {
				p.add("currency", fmt.Errorf("%w: %s in spending in %s", ErrMixedCurrencies, s.Currency, sp.currency))
			}
		}
		if len(p.errs) > 0 {
			errs = append(errs, p.errs...)
			continue
		}
		sp.items = append(sp.items, *s)
	}
	if len(errs) > 0 && !opts.SkipInvalid {
		return nil, errors.Join(errs...)
	}
	sp.skipped = errs
	slices.SortStableFunc(sp.items, func(a, b Spend) int { return a.Date.Compare(b.Date) })
	return sp, nil
}

// Skipped returns the problems of the records left out.
func (sp *Spending) Skipped() []error { return sp.skipped }

// Total returns the spend dated in p in the given categories (all when
// none are given).
func (sp *Spending) Total(p activity.Period, categories ...string) decimal.Decimal {
	lo, _ := slices.BinarySearchFunc(sp.items, p.Start, func(s Spend, t time.Time) int { return s.Date.Compare(t) })
	var sum decimal.Decimal
	for _, s := range sp.items[lo:] {
		if !s.Date.Before(p.End) {
			break
		}
		if len(categories) == 0 || slices.Contains(categories, s.Category) {
			sum = sum.Add(s.Amount)
		}
	}
	return sum
}

// CACOptions selects a customer acquisition cost's variant. The zero value
// divides all spend by the new customers.
type CACOptions struct {
	// Categories limits the spend to these categories ("sales",
	// "marketing"); empty counts all.
	Categories []string
	// Reactivated counts customers who came back in the period as
	// acquired too.
	Reactivated bool
}

// AcquisitionCost is a customer acquisition cost (CAC) with what it was
// computed from: Spend / Acquired.
type AcquisitionCost struct {
	Period      activity.Period   `json:"period"`
	Currency    activity.Currency `json:"currency"`
	Categories  []string          `json:"categories,omitempty"`
	Spend       decimal.Decimal   `json:"spend"`
	New         int64             `json:"new"`
	Reactivated int64             `json:"reactivated,omitempty"`
	Acquired    int64             `json:"acquired"`
	// CAC is exact to 20 decimal places; round it to the currency's minor
	// units to show it.
	CAC   decimal.Decimal `json:"cac"`
	Float float64         `json:"float"`
}

// String reads as "2025-01: CAC 4000.00 USD (8000.00 spent over 2
// acquired)".
func (a AcquisitionCost) String() string {
	return fmt.Sprintf("%s: CAC %s (%s spent over %d acquired)", a.Period.Name, moneyText(a.CAC, a.Currency), moneyText(a.Spend, a.Currency), a.Acquired)
}

// CAC returns the customer acquisition cost over p:
//
//	CAC = sales and marketing spend dated in p / customers acquired in p
//
// where the customers acquired are the accounts whose first revenue falls
// in p (also those who left again within it: they were won, and paid for),
// plus, with opts.Reactivated, the customers who came back. Spend and
// subscriptions in different currencies are an error wrapping
// ErrMixedCurrencies; no customer acquired, one wrapping ErrNoCustomers.
func CAC(sp *Spending, ss *Subscriptions, p activity.Period, opts CACOptions) (AcquisitionCost, error) {
	if sp == nil {
		return AcquisitionCost{}, fmt.Errorf("%w: nil spending", ErrInvalidOptions)
	}
	if err := ss.check(p); err != nil {
		return AcquisitionCost{}, err
	}
	a := AcquisitionCost{Period: p, Currency: ss.currency, Categories: opts.Categories, Spend: sp.Total(p, opts.Categories...)}
	if sp.currency != "" && ss.currency != "" && sp.currency != ss.currency {
		return a, fmt.Errorf("%w: spend in %s, revenue in %s", ErrMixedCurrencies, sp.currency, ss.currency)
	}
	s, e := ixcols.Nanos(p.Start), ixcols.Nanos(p.End)
	for _, f := range ss.first {
		if f >= s && f < e {
			a.New++
		}
	}
	if opts.Reactivated {
		m, err := Movements(ss, p)
		if err != nil {
			return a, err
		}
		a.Reactivated = m.ReactivatedCustomers
	}
	a.Acquired = a.New + a.Reactivated
	if a.Acquired == 0 {
		return a, fmt.Errorf("%w: no customers acquired in %s", ErrNoCustomers, p.Name)
	}
	a.CAC = a.Spend.DivRound(decimal.NewFromInt(a.Acquired), ratioScale)
	a.Float = a.CAC.InexactFloat64()
	return a, nil
}
