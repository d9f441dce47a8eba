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
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/internal/wire"
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
	tallies := map[string]*TerritoryTally{}
	tally := func(t string) *TerritoryTally {
		x, ok := tallies[t]
		if !ok {
			x = &TerritoryTally{}
			tallies[t] = x
		}
		return x
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
		// The amount, in one currency: as units of the column where it
		// needs no conversion (no allocation), else converted.
		x := tally(ix.Territories().Name(d.Territory[r]))
		from := activity.Currency(ix.Currencies().Name(d.Currency[r]))
		sum, seen := &x.pipeline, &x.cur
		if f&wonInPeriod != 0 {
			sum = &x.bookings
		}
		if opt.Conversion != nil && from != opt.Conversion.To {
			amount, _ := d.Amount.At(int(r))
			when := closed
			if f&open != 0 {
				when = at
			}
			c, err := opt.Conversion.Convert(amount, from, fromNanos(when, p.Start), p)
			if err != nil {
				return nil, fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
			}
			sum.AddDecimal(c)
			from = opt.Conversion.To
		} else if u := units[r]; u != columns.Unfit {
			if sum.IsZero() {
				*sum = exact.NewSum(scale)
			}
			sum.AddUnits(u, scale)
		} else {
			amount, _ := d.Amount.At(int(r))
			sum.AddDecimal(amount)
		}
		seen.See(from)
	}
	for row := range accts {
		a := &accts[row]
		f := flags[row]
		tally(a.TerritoryAt(asOf.Add(-time.Nanosecond))).AddAccount(a.ID, a.Potential, a.Currency, f&customer != 0, f&(open|wonInPeriod) != 0)
	}
	books := make(map[string]*TerritoryBook, len(tallies))
	for t, x := range tallies {
		var target activity.Optional[decimal.Decimal]
		if v, ok := opt.Targets[t]; ok {
			target = activity.Some(v)
		}
		b, err := x.Result(t, p, target)
		if err != nil {
			return nil, err
		}
		books[t] = &b
	}
	out := make([]TerritoryBook, 0, len(books))
	var cur, potCur activity.Currency
	for _, b := range books {
		for _, c := range [...]struct {
			have activity.Currency
			all  *activity.Currency
			what string
		}{{b.Currency, &cur, "deals"}, {b.PotentialCurrency, &potCur, "potentials"}} {
			switch {
			case c.have == "":
			case *c.all == "":
				*c.all = c.have
			case *c.all != c.have:
				return nil, fmt.Errorf("%w: %s in %s and %s", ErrMixedCurrencies, c.what, *c.all, c.have)
			}
		}
		out = append(out, *b)
	}
	for i := range out {
		out[i].Currency, out[i].PotentialCurrency = cur, potCur
	}
	slices.SortFunc(out, func(x, y TerritoryBook) int { return cmp.Compare(x.Territory, y.Territory) })
	return out, nil
}

// TerritoryTally is the fold behind TerritoryBooks for one territory: add
// its accounts (with what their deals say) and the amounts of its deals
// won in the period and open, merge tallies of parts in any order, take the
// Result. It keeps three counts, the whitespace accounts' ids, and exact
// sums of the potential, bookings and pipeline with the currencies seen;
// the zero value is an empty tally.
type TerritoryTally struct {
	accounts, customers, engaged  int64
	whitespace                    []string
	potential, bookings, pipeline exact.Sum
	potCur, cur                   curset.Seen
}

// AddAccount counts an account: its potential (absent: none) in currency,
// whether it is a customer (a deal won by the tally's moment) and engaged
// (a deal open then or won in the period); one neither open nor a
// customer is whitespace.
func (t *TerritoryTally) AddAccount(id string, potential activity.Optional[decimal.Decimal], currency activity.Currency, customer, engaged bool) {
	t.accounts++
	if potential.Valid {
		t.potential.AddDecimal(potential.Value)
		t.potCur.See(currency)
	}
	if customer {
		t.customers++
	}
	if engaged {
		t.engaged++
	}
	if !customer && !engaged {
		t.whitespace = append(t.whitespace, id)
	}
}

// AddBooking counts the amount of a deal won in the period.
func (t *TerritoryTally) AddBooking(amount decimal.Decimal, currency activity.Currency) {
	t.bookings.AddDecimal(amount)
	t.cur.See(currency)
}

// AddPipeline counts the amount of an open deal.
func (t *TerritoryTally) AddPipeline(amount decimal.Decimal, currency activity.Currency) {
	t.pipeline.AddDecimal(amount)
	t.cur.See(currency)
}

// Merge adds o's accounts and deals to t.
func (t *TerritoryTally) Merge(o *TerritoryTally) {
	t.accounts += o.accounts
	t.customers += o.customers
	t.engaged += o.engaged
	t.whitespace = append(t.whitespace, o.whitespace...)
	t.potential.Merge(&o.potential)
	t.bookings.Merge(&o.bookings)
	t.pipeline.Merge(&o.pipeline)
	t.potCur.Merge(&o.potCur)
	t.cur.Merge(&o.cur)
}

// Result returns the territory's book over p, against target when given.
// Deals or potentials in two currencies are an error wrapping
// ErrMixedCurrencies.
func (t *TerritoryTally) Result(territory string, p activity.Period, target activity.Optional[decimal.Decimal]) (TerritoryBook, error) {
	b := TerritoryBook{Territory: territory, Period: p, Accounts: t.accounts, Customers: t.customers, Engaged: t.engaged,
		Whitespace: slices.Sorted(slices.Values(t.whitespace)), Potential: t.potential.Decimal(), PotentialCurrency: t.potCur.Currency,
		Bookings: t.bookings.Decimal(), Pipeline: t.pipeline.Decimal(), Currency: t.cur.Currency}
	if b.Whitespace == nil {
		b.Whitespace = []string{}
	}
	if a, c, mixed := t.cur.Mixed(); mixed {
		return b, fmt.Errorf("%w: deals in %s and %s in %s (give a Conversion)", ErrMixedCurrencies, a, c, cmp.Or(territory, "no territory"))
	}
	if a, c, mixed := t.potCur.Mixed(); mixed {
		return b, fmt.Errorf("%w: potentials in %s and %s in %s", ErrMixedCurrencies, a, c, cmp.Or(territory, "no territory"))
	}
	if b.Accounts > 0 {
		b.Penetration = activity.Some(decimal.NewFromInt(b.Customers).DivRound(decimal.NewFromInt(b.Accounts), ratioScale))
	}
	if v, ok := target.Get(); ok {
		b.Target = target
		if left := v.Sub(b.Bookings); left.IsPositive() {
			b.Coverage = activity.Some(b.Pipeline.DivRound(left, ratioScale))
		}
		if v.IsPositive() {
			b.PotentialRatio = activity.Some(b.Potential.DivRound(v, ratioScale))
		}
	}
	return b, nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 't', the counts of accounts, customers and engaged
// accounts, the whitespace ids (their number, then each, sorted), the
// potential's exact sum and currencies, then the bookings' and the
// pipeline's exact sums and their currencies.
func (t *TerritoryTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 64+16*len(t.whitespace)), kindTerritory)
	for _, n := range []int64{t.accounts, t.customers, t.engaged} {
		b = wire.AppendCount(b, n)
	}
	ws := slices.Sorted(slices.Values(t.whitespace))
	b = wire.AppendCount(b, int64(len(ws)))
	for _, id := range ws {
		b = wire.AppendString(b, id)
	}
	b = t.potential.AppendBinary(b)
	b = appendSeen(b, t.potCur)
	b = t.bookings.AppendBinary(b)
	b = t.pipeline.AppendBinary(b)
	return appendSeen(b, t.cur), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded. Bytes
// that are not such an encoding (another tally's, cut short, more
// customers, engaged or whitespace accounts than accounts, ids out of
// order, invalid currencies) are an error wrapping ErrInvalidEncoding, and
// leave t as it was.
func (t *TerritoryTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindTerritory)
	var d TerritoryTally
	d.accounts, d.customers, d.engaged = r.Count(), r.Count(), r.Count()
	n := r.Count()
	if n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d ids in %d bytes", n, r.Left()))
		n = 0
	}
	for i := int64(0); i < n && r.Err() == nil; i++ {
		id := r.String()
		if i > 0 && id < d.whitespace[i-1] {
			r.Fail("whitespace ids out of order")
		}
		d.whitespace = append(d.whitespace, id)
	}
	d.potential = exact.ReadSum(r)
	d.potCur = readSeen(r)
	d.bookings, d.pipeline = exact.ReadSum(r), exact.ReadSum(r)
	d.cur = readSeen(r)
	if r.Err() == nil && (d.customers > d.accounts || d.engaged > d.accounts || int64(len(d.whitespace)) > d.accounts-max(d.customers, d.engaged)) {
		r.Fail(fmt.Sprintf("%d customers, %d engaged and %d whitespace of %d accounts", d.customers, d.engaged, len(d.whitespace), d.accounts))
	}
	if err := decodeEnd(r, "territory tally"); err != nil {
		return err
	}
	*t = d
	return nil
}
