package performance

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/internal/quantile"
)

// SizeSelection says which deals a deal size is taken over.
type SizeSelection uint8

// Deal size selections.
const (
	// SizeWon (the default): the deals won in the period (by close date).
	SizeWon SizeSelection = iota
	// SizeClosed: the deals won or lost in the period.
	SizeClosed
	// SizeOpenAndWon: the deals won in the period and the deals open now whose
	// expected close is in the period.
	SizeOpenAndWon
)

// String returns "won", "closed" or "open_and_won".
func (s SizeSelection) String() string {
	switch s {
	case SizeWon:
		return "won"
	case SizeClosed:
		return "closed"
	case SizeOpenAndWon:
		return "open_and_won"
	}
	return fmt.Sprintf("SizeSelection(%d)", uint8(s))
}

// MarshalText writes String.
func (s SizeSelection) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (s *SizeSelection) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, SizeWon, SizeOpenAndWon, SizeSelection.MarshalText)
	if !ok {
		return fmt.Errorf("%w: size selection %q", ErrInvalidOptions, text)
	}
	*s = v
	return nil
}

// DealSizeOptions selects the deals of a deal size. The zero value takes the
// deals won in the period.
type DealSizeOptions struct {
	Selection SizeSelection
	// Conversion, when not nil, converts every amount into Conversion.To
	// before it is counted, at the rate of the date that places the deal in
	// the period (RateAtClose: a closed deal's close, an open deal's
	// expected close). Nil: amounts in two currencies are an error wrapping
	// ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// Validate reports an unknown selection and an invalid Conversion
// (wrapping ErrInvalidOptions and activity.ErrInvalidConversion).
func (o DealSizeOptions) Validate() error {
	if o.Selection > SizeOpenAndWon {
		return fmt.Errorf("%w: selection %v", ErrInvalidOptions, o.Selection)
	}
	return checkConversion(o.Conversion)
}

// checkConversion validates an optional Conversion of a KPI's options.
func checkConversion(c *activity.Conversion) error {
	if c == nil {
		return nil
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("%w: conversion: %w", ErrInvalidOptions, err)
	}
	return nil
}

// DealSize is how big deals are, exactly, in Currency:
//
//	Mean   = Total / Deals   (rounded to 20 decimal places)
//	Median, P25, P75, P90    by linear interpolation between closest ranks
//	                         (Hyndman–Fan type 7, as R, pandas, NumPy and
//	                         spreadsheets; the median of an even count is the
//	                         mean of the two middle amounts)
//
// The quantiles are exact decimals: with q a decimal, the interpolation
// weight frac((Deals − 1) × q) is one too.
type DealSize struct {
	Scope     string            `json:"scope"`
	Period    activity.Period   `json:"period"`
	Selection SizeSelection     `json:"selection"`
	Deals     int64             `json:"deals"`
	Total     decimal.Decimal   `json:"total"`
	Mean      decimal.Decimal   `json:"mean"`
	Median    decimal.Decimal   `json:"median"`
	P25       decimal.Decimal   `json:"p25"`
	P75       decimal.Decimal   `json:"p75"`
	P90       decimal.Decimal   `json:"p90"`
	Min       decimal.Decimal   `json:"min"`
	Max       decimal.Decimal   `json:"max"`
	Currency  activity.Currency `json:"currency"`
}

// String reads as "all: 153 won deals in 2025 Q1, mean 12345.68 USD,
// median 9800.00 USD".
func (s DealSize) String() string {
	return fmt.Sprintf("%s: %d %s deals in %s, mean %s, median %s", s.Scope, s.Deals, prose(s.Selection),
		periodName(s.Period), moneyText(s.Mean, s.Currency), moneyText(s.Median, s.Currency))
}

// DealSizeTally is the fold behind DealSizeOf: it keeps every amount, as the
// median needs them (its state grows with the deals counted).
type DealSizeTally struct {
	scale int32
	units []int64
	big   []decimal.Decimal // amounts that do not fit units at scale
	cur   curset.Seen
}

// Add counts a deal of the given amount.
func (t *DealSizeTally) Add(amount decimal.Decimal, currency activity.Currency) {
	t.cur.See(currency)
	t.big = append(t.big, amount)
}

// Merge adds o's deals to t.
func (t *DealSizeTally) Merge(o *DealSizeTally) {
	if o.scale == t.scale || len(t.units) == 0 {
		t.scale = o.scale
		t.units = append(t.units, o.units...)
	} else {
		for _, u := range o.units {
			t.big = append(t.big, decimal.New(u, -o.scale))
		}
	}
	t.big = append(t.big, o.big...)
	t.cur.Merge(&o.cur)
}

// Result returns the deal size of the tally. With no deal it returns an
// error wrapping ErrNoDeals (ErrNoWonDeals for won deals); with amounts in
// several currencies, one wrapping ErrMixedCurrencies.
func (t *DealSizeTally) Result(scope string, p activity.Period, opt DealSizeOptions) (DealSize, error) {
	c := *t
	c.units = slices.Clone(t.units)
	return c.sortedResult(scope, p, opt)
}

// sortedResult is Result sorting the tally's amounts in place: for the
// tallies of a pass, which no one else reads.
func (t *DealSizeTally) sortedResult(scope string, p activity.Period, opt DealSizeOptions) (DealSize, error) {
	s := DealSize{Scope: scope, Period: p, Selection: opt.Selection, Currency: t.cur.Currency}
	n := len(t.units) + len(t.big)
	s.Deals = int64(n)
	if n == 0 {
		if opt.Selection == SizeWon {
			return s, fmt.Errorf("%w: %s in %s", ErrNoWonDeals, scope, periodName(p))
		}
		return s, fmt.Errorf("%w: %s in %s", ErrNoDeals, scope, periodName(p))
	}
	if a, b, mixed := t.cur.Mixed(); mixed {
		s.Currency = ""
		return s, fmt.Errorf("%w: %s and %s in %s", ErrMixedCurrencies, a, b, scope)
	}
	// Quantiles need one sorted sequence: int64 units in the common case,
	// decimals when any amount did not fit.
	if len(t.big) == 0 {
		xs := t.units
		quantile.SortInt64(xs)
		sum := exact.NewSum(t.scale)
		for _, u := range xs {
			sum.Add(u)
		}
		s.Total = sum.Decimal()
		at := func(i int) decimal.Decimal { return decimal.New(xs[i], -t.scale) }
		s.Min, s.Max = at(0), at(n-1)
		s.Median, s.P25, s.P75, s.P90 = quantileOf(n, at, q50), quantileOf(n, at, q25), quantileOf(n, at, q75), quantileOf(n, at, q90)
	} else {
		xs := slices.Clone(t.big)
		for _, u := range t.units {
			xs = append(xs, decimal.New(u, -t.scale))
		}
		slices.SortFunc(xs, func(a, b decimal.Decimal) int { return a.Cmp(b) })
		for _, x := range xs {
			s.Total = s.Total.Add(x)
		}
		at := func(i int) decimal.Decimal { return xs[i] }
		s.Min, s.Max = xs[0], xs[n-1]
		s.Median, s.P25, s.P75, s.P90 = quantileOf(n, at, q50), quantileOf(n, at, q25), quantileOf(n, at, q75), quantileOf(n, at, q90)
	}
	s.Mean = s.Total.DivRound(decimal.NewFromInt(int64(n)), ratioScale)
	return s, nil
}

// mean returns the mean amount and the deal count without sorting, for
// KPIs that need no quantile; the errors are those of Result.
func (t *DealSizeTally) mean(scope string, p activity.Period, opt DealSizeOptions) (decimal.Decimal, activity.Currency, error) {
	n := len(t.units) + len(t.big)
	if n == 0 || t.cur.Other != "" {
		_, err := t.Result(scope, p, opt)
		return decimal.Decimal{}, "", err
	}
	sum := exact.NewSum(t.scale)
	for _, u := range t.units {
		sum.Add(u)
	}
	for _, x := range t.big {
		sum.AddDecimal(x)
	}
	return sum.Decimal().DivRound(decimal.NewFromInt(int64(n)), ratioScale), t.cur.Currency, nil
}

var (
	q25 = decimal.RequireFromString("0.25")
	q50 = decimal.RequireFromString("0.5")
	q75 = decimal.RequireFromString("0.75")
	q90 = decimal.RequireFromString("0.9")
)

// quantileOf is the type 7 q-quantile of n sorted values read by at, in
// exact decimals: h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
func quantileOf(n int, at func(int) decimal.Decimal, q decimal.Decimal) decimal.Decimal {
	h := decimal.NewFromInt(int64(n - 1)).Mul(q)
	lo := int(h.IntPart())
	frac := h.Sub(decimal.NewFromInt(int64(lo)))
	if lo >= n-1 || frac.IsZero() {
		return at(min(lo, n-1))
	}
	a, b := at(lo), at(lo+1)
	return a.Add(frac.Mul(b.Sub(a)))
}

// DealSizeOf returns the size of the view's deals in p (see DealSize and
// DealSizeOptions). Errors: an invalid period or options; no deal
// (ErrNoWonDeals or ErrNoDeals); amounts in several currencies
// (ErrMixedCurrencies).
func DealSizeOf(v activity.View, p activity.Period, opt DealSizeOptions) (DealSize, error) {
	if err := v.Err(); err != nil {
		return DealSize{}, err
	}
	return dealSizeKPI(v, p, opt).of(v, p)
}

// DealSizeBy returns the deal size of every group of the view's deals in
// one pass, in key order (a period breakdown groups by close date, or for
// open deals their expected close). Groups with no deal are left out
// (periods are all listed, undefined where empty).
func DealSizeBy(v activity.View, p activity.Period, by activity.By, opt DealSizeOptions) ([]activity.Group[DealSize], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	return dealSizeKPI(v, p, opt).by(v, p, by)
}

func dealSizeKPI(v activity.View, p activity.Period, opt DealSizeOptions) kpi[DealSizeTally, DealSize] {
	var gv *groupValues
	return kpi[DealSizeTally, DealSize]{
		merge: (*DealSizeTally).Merge,
		pass: func(g *grouper) (ts []DealSizeTally, err error) {
			ts, gv, err = dealSizePass(v, p, opt, g)
			return ts, err
		},
		total: func(ts []DealSizeTally) DealSizeTally {
			// The groups' amounts lie group after group in one buffer.
			t := DealSizeTally{scale: ts[0].scale, units: gv.all()}
			for i := range ts {
				t.big = append(t.big, ts[i].big...)
				t.cur.Merge(&ts[i].cur)
			}
			return t
		},
		done: func() { gv.release(); gv = nil },
		seen: func(t *DealSizeTally) bool { return len(t.units)+len(t.big) > 0 },
		result: func(t *DealSizeTally, scope string, q activity.Period) (DealSize, error) {
			return t.sortedResult(scope, q, opt)
		},
	}
}

// dealSizePass runs the deal-size pass over the view: one tally per group
// of g, or one in all when g is nil. The tallies' amounts are slices of
// gv's buffer: release it once they are read.
func dealSizePass(v activity.View, p activity.Period, opt DealSizeOptions, g *grouper) (_ []DealSizeTally, gv *groupValues, _ error) {
	if err := checkPeriod(p); err != nil {
		return nil, nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	ix := v.Index()
	d := ixcols.DealsOf(ix)
	units, scale := d.Amount.Units()
	in := spanOf(p)
	n := 1
	if g != nil {
		n = g.size()
	}
	ts := make([]DealSizeTally, n)
	keys := make([]activity.Key, n) // currency key seen per tally, noCurrency before any
	for i := range ts {
		ts[i].scale, keys[i] = scale, noCurrency
	}
	gv = newGroupValues()
	conv := opt.Conversion
	toKey := bookUnseen // conv.To's key, bookUnseen when the index has none
	if conv != nil {
		if k, ok := ix.Currencies().Key(string(conv.To)); ok {
			toKey = k
		}
	}
	cur, oneCurrency := ix.Currency()
	if conv == nil && oneCurrency && opt.Selection != SizeOpenAndWon && in.holds(d.ClosedBounds) && (g == nil || g.col != nil) && !generalLoops {
		// Every close in p, one currency: a deal's close and currency are
		// not read, and whether it counts is not a branch.
		var col []activity.Key
		if g != nil {
			col = g.col
		}
		ts = dealSizeEveryClosed(v.DealRows(), d, units, col, opt.Selection == SizeClosed, gv, ts)
		for i := range ts {
			ts[i].scale = scale
			if len(ts[i].units)+len(ts[i].big) > 0 {
				ts[i].cur.See(cur)
			}
		}
		return ts, gv, nil
	}
	for _, r := range v.DealRows() {
		var at int64
		switch st := d.Status[r]; {
		case st == activity.StatusWon || (st == activity.StatusLost && opt.Selection == SizeClosed):
			at = d.Closed[r]
		case st == activity.StatusOpen && opt.Selection == SizeOpenAndWon:
			at = d.ExpectedClose[r]
		default:
			continue
		}
		if at == ixcols.NoTime || !in.has(at) {
			continue
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, at); gi < 0 {
				continue
			}
			for gi >= len(ts) {
				ts = append(ts, DealSizeTally{scale: scale})
				keys = append(keys, noCurrency)
			}
		}
		t := &ts[gi]
		if conv != nil && d.Currency[r] != toKey {
			x, _ := d.Amount.At(int(r))
			c, err := conv.Convert(x, activity.Currency(ix.Currencies().Name(d.Currency[r])), fromNanos(at, p.Start), p)
			if err != nil {
				gv.release()
				return nil, nil, fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
			}
			t.cur.See(conv.To)
			t.big = append(t.big, c)
			continue
		}
		if ck := d.Currency[r]; ck != keys[gi] {
			t.cur.See(activity.Currency(ix.Currencies().Name(ck)))
			keys[gi] = ck
		}
		if u := units[r]; u != ixcols.Unfit {
			gv.add(gi, u)
		} else {
			a, _ := d.Amount.At(int(r))
			t.big = append(t.big, a)
		}
	}
	gv.spread(len(ts), func(g int, xs []int64) {
		for g >= len(ts) {
			ts = append(ts, DealSizeTally{scale: scale})
		}
		ts[g].units = xs
	})
	return ts, gv, nil
}

// dealSizeEveryClosed is dealSizePass's loop when every close is in the
// period and the book has one currency: each deal's amount is written to
// gv whether it counts or not, and kept when it does (won, or with closed
// lost too), so that no branch depends on the outcome.
func dealSizeEveryClosed(rows []int32, d *ixcols.Deals, units []int64, col []activity.Key, closed bool, gv *groupValues, ts []DealSizeTally) []DealSizeTally {
	lost := int64(0)
	if closed {
		lost = 1
	}
	status := d.Status
	vals, groups := gv.room(len(rows))
	n := 0
	for _, r := range rows {
		keep := picked(status[r], lost)
		gi := int32(0)
		if col != nil {
			gi = int32(col[r]) + 1
		}
		u := units[r]
		if u == ixcols.Unfit {
			if keep == 1 {
				a, _ := d.Amount.At(int(r))
				ts[gi].big = append(ts[gi].big, a)
			}
			continue
		}
		vals[n], groups[n] = u, gi
		n += int(keep)
	}
	gv.kept(vals, groups, n)
	gv.spread(len(ts), func(g int, xs []int64) {
		for g >= len(ts) {
			ts = append(ts, DealSizeTally{})
		}
		ts[g].units = xs
	})
	return ts
}
