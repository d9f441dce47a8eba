package performance

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/columns"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// TerritoryOptions says how TerritoryBooks reads the accounts and deals.
// The zero value reads territories at the period's end, in the deals' one
// currency, with no targets.
type TerritoryOptions struct {
	// AsOf is the moment an account's territory is read
	// (activity.Account.TerritoryAt, at the last instant before it) and
	// which deals count as won or open by then. Zero: the period's end.
	AsOf time.Time
	// Targets are the territories' quotas for the period, for coverage and
	// potential against target; a territory without one has neither.
	Targets map[string]decimal.Decimal
	// Conversion turns the deals' amounts into one currency; nil: they
	// must be in one.
	Conversion *activity.Conversion
}

// TerritoryBook is one territory's book of business over a period, from
// the index's account records and deals:
//
//	Accounts        account records in the territory at AsOf
//	Customers       of them, accounts with a deal won by AsOf (any time)
//	Penetration     = Customers / Accounts
//	Engaged         accounts with a deal open at AsOf or won in the period
//	Whitespace      accounts with no deal open and none ever won (their ids listed)
//	Bookings        won amount closed in the period, of deals counting in the
//	                territory (the index's territory rule)
//	Pipeline        open amount of the territory's deals open now
//	Coverage        = Pipeline / (Target − Bookings), while some target remains
//	PotentialRatio  = Potential / Target
//
// Potential is the sum of the accounts' potentials (in PotentialCurrency);
// money is exact, ratios to 20 places.
type TerritoryBook struct {
	Territory         string                             `json:"territory"`
	Period            activity.Period                    `json:"period"`
	Accounts          int64                              `json:"accounts"`
	Customers         int64                              `json:"customers"`
	Engaged           int64                              `json:"engaged"`
	Whitespace        []string                           `json:"whitespace"`
	Penetration       activity.Optional[decimal.Decimal] `json:"penetration,omitzero"`
	Potential         decimal.Decimal                    `json:"potential"`
	PotentialCurrency activity.Currency                  `json:"potential_currency,omitempty"`
	Bookings          decimal.Decimal                    `json:"bookings"`
	Pipeline          decimal.Decimal                    `json:"pipeline"`
	Currency          activity.Currency                  `json:"currency,omitempty"`
	Target            activity.Optional[decimal.Decimal] `json:"target,omitzero"`
	Coverage          activity.Optional[decimal.Decimal] `json:"coverage,omitzero"`
	PotentialRatio    activity.Optional[decimal.Decimal] `json:"potential_ratio,omitzero"`
}

// String reads as "north: 40 accounts, 12 customers (30.0%), 9 whitespace;
// bookings 120000.00 USD, pipeline 340000.00 USD, coverage 2.27".
func (b TerritoryBook) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s: %d accounts, %d customers", cmp.Or(b.Territory, "(none)"), b.Accounts, b.Customers)
	if p, ok := b.Penetration.Get(); ok {
		fmt.Fprintf(&s, " (%s%%)", p.Mul(decimal.NewFromInt(100)).StringFixed(1))
	}
	fmt.Fprintf(&s, ", %d whitespace; bookings %s, pipeline %s", len(b.Whitespace), moneyText(b.Bookings, b.Currency), moneyText(b.Pipeline, b.Currency))
	if c, ok := b.Coverage.Get(); ok {
		fmt.Fprintf(&s, ", coverage %s", c.StringFixed(2))
	}
	return s.String()
}

// TerritoryBooks returns the book of every territory the view's deals or
// the index's account records name, in territory order (see
// TerritoryBook): account penetration and whitespace from the account
// records, bookings and pipeline from the view's deals. Deals in several
// currencies without a Conversion, or potentials in several currencies,
// are errors wrapping ErrMixedCurrencies; an invalid period, AsOf before
// it or conversion, ErrInvalidOptions (or the period's own error).
func TerritoryBooks(v activity.View, p activity.Period, opt TerritoryOptions) ([]TerritoryBook, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := checkConversion(opt.Conversion); err != nil {
		return nil, err
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = p.End
	}
	if asOf.Before(p.Start) {
		return nil, fmt.Errorf("%w: as of %s, before %s", ErrInvalidOptions, asOf.Format(time.RFC3339), periodName(p))
	}
	ix := v.Index()
	d := ixcols.DealsOf(ix)
	books := map[string]*TerritoryBook{}
	book := func(t string) *TerritoryBook {
		b, ok := books[t]
		if !ok {
			b = &TerritoryBook{Territory: t, Period: p}
			books[t] = b
		}
		return b
	}
	// The accounts: each one's territory at AsOf, and what its deals say.
	accts := ix.AccountRecords()
	const (
		customer = 1 << iota
		open
		wonInPeriod
	)
	flags := make([]uint8, len(accts))
	span := spanOf(p)
	at := ixcols.Nanos(asOf)
	units, scale := d.Amount.Units()
	bookings, pipeline := map[string]*exact.Sum{}, map[string]*exact.Sum{}
	sum := func(m map[string]*exact.Sum, t string) *exact.Sum {
		s, ok := m[t]
		if !ok {
			x := exact.NewSum(scale)
			s = &x
			m[t] = s
		}
		return s
	}
	var cur activity.Currency
	seeCurrency := func(c activity.Currency) error {
		if cur == "" {
			cur = c
		} else if c != cur {
			return fmt.Errorf("%w: %s and %s (give a Conversion)", ErrMixedCurrencies, cur, c)
		}
		return nil
	}
	for _, r := range v.DealRows() {
		st, closed := d.Status[r], d.Closed[r]
		var f uint8
		switch {
		case st == activity.StatusWon && closed <= at:
			f = customer
			if span.has(closed) {
				f |= wonInPeriod
			}
		case st == activity.StatusOpen:
			f = open
		}
		if k := d.Account[r]; k >= 0 && f != 0 {
			if row, ok := ix.AccountRow(ix.Accounts().Name(k)); ok {
				flags[row] |= f
			}
		}
		if f&(wonInPeriod|open) == 0 {
			continue
		}
		// The amount, in one currency.
		t := ix.Territories().Name(d.Territory[r])
		from := activity.Currency(ix.Currencies().Name(d.Currency[r]))
		target := sum(pipeline, t)
		if f&wonInPeriod != 0 {
			target = sum(bookings, t)
		}
		if opt.Conversion != nil && from != opt.Conversion.To {
			x, _ := d.Amount.At(int(r))
			when := closed
			if f&open != 0 {
				when = at
			}
			c, err := opt.Conversion.Convert(x, from, fromNanos(when, p.Start), p)
			if err != nil {
				return nil, fmt.Errorf("deal %q: %w", d.ID[r], err)
			}
			target.AddDecimal(c)
			from = opt.Conversion.To
		} else if u := units[r]; u != columns.Unfit {
			target.Add(u)
		} else {
			x, _ := d.Amount.At(int(r))
			target.AddDecimal(x)
		}
		if err := seeCurrency(from); err != nil {
			return nil, err
		}
	}
	var potCur activity.Currency
	for row := range accts {
		a := &accts[row]
		b := book(a.TerritoryAt(asOf.Add(-time.Nanosecond)))
		b.Accounts++
		if a.Potential.Valid {
			if potCur == "" {
				potCur = a.Currency
			} else if a.Currency != potCur {
				return nil, fmt.Errorf("%w: potentials in %s and %s", ErrMixedCurrencies, potCur, a.Currency)
			}
			b.Potential = b.Potential.Add(a.Potential.Value)
		}
		f := flags[row]
		if f&customer != 0 {
			b.Customers++
		}
		if f&(open|wonInPeriod) != 0 {
			b.Engaged++
		}
		if f&(open|customer) == 0 {
			b.Whitespace = append(b.Whitespace, a.ID)
		}
	}
	for t, s := range bookings {
		book(t).Bookings = s.Decimal()
	}
	for t, s := range pipeline {
		book(t).Pipeline = s.Decimal()
	}
	out := make([]TerritoryBook, 0, len(books))
	for _, b := range books {
		b.Currency, b.PotentialCurrency = cur, potCur
		slices.Sort(b.Whitespace)
		if b.Whitespace == nil {
			b.Whitespace = []string{}
		}
		if b.Accounts > 0 {
			b.Penetration = activity.Some(decimal.NewFromInt(b.Customers).DivRound(decimal.NewFromInt(b.Accounts), ratioScale))
		}
		if target, ok := opt.Targets[b.Territory]; ok {
			b.Target = activity.Some(target)
			if left := target.Sub(b.Bookings); left.IsPositive() {
				b.Coverage = activity.Some(b.Pipeline.DivRound(left, ratioScale))
			}
			if target.IsPositive() {
				b.PotentialRatio = activity.Some(b.Potential.DivRound(target, ratioScale))
			}
		}
		out = append(out, *b)
	}
	slices.SortFunc(out, func(x, y TerritoryBook) int { return cmp.Compare(x.Territory, y.Territory) })
	return out, nil
}
