package performance

import (
	"fmt"
	"maps"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/wire"
)

// The tallies that travel encode themselves (MarshalBinary) in
// internal/wire's format: a header "SM", the format version (1) and a byte
// naming the tally, then its fields as varints, exact sums (scale, 128-bit
// units, and any decimals as text) and strings. One tally always has one
// encoding: a set of values (durations, amounts) is written sorted, so that
// the tally of a whole and the merge of its parts' tallies encode alike.
// UnmarshalBinary takes only such an encoding of its own tally and
// version; anything else is an error wrapping ErrInvalidEncoding and
// leaves the tally as it was.

// Kinds of tally in the encoding's header.
const (
	kindWinRate  = 'w'
	kindCycle    = 'c'
	kindDealSize = 'd'
	kindBookings = 'b'
	kindEffort   = 'e'

	kindAccountRevenue = 'a'
	kindMargin         = 'g'
)

// decodeEnd finishes a decoding: the reader's failure wrapped in
// ErrInvalidEncoding, naming the tally.
func decodeEnd(r *wire.Reader, tally string) error {
	if err := r.End(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidEncoding, tally, err)
	}
	return nil
}

// MarshalBinary encodes the tally, so that it can travel to another
// process (a distributed engine's accumulator) and be merged there. The
// format is internal/wire's (header "SM", version 1, kind 'w'), then the
// won, lost, stale and excluded counts, the won and closed sums (each its
// scale, 128-bit units and any decimals), and the currency seen and the
// other one (empty when none). Decoding an encoding and merging it is
// merging the tally.
func (t *WinRateTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 64), kindWinRate)
	for _, n := range []int64{t.won, t.lost, t.stale, t.excluded} {
		b = wire.AppendCount(b, n)
	}
	b = t.wonSum.AppendBinary(b)
	b = t.closedSum.AppendBinary(b)
	b = wire.AppendString(b, string(t.cur.Currency))
	return wire.AppendString(b, string(t.cur.Other)), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded. Bytes
// that are not such an encoding (another tally's, another version's, cut
// short, with more stale than lost deals or an invalid currency) are an
// error wrapping ErrInvalidEncoding, and leave t as it was.
func (t *WinRateTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindWinRate)
	var d WinRateTally
	d.won, d.lost, d.stale, d.excluded = r.Count(), r.Count(), r.Count(), r.Count()
	d.wonSum, d.closedSum = exact.ReadSum(r), exact.ReadSum(r)
	d.cur.Currency, d.cur.Other = activity.Currency(r.String()), activity.Currency(r.String())
	if d.stale > d.lost {
		r.Fail(fmt.Sprintf("%d stale deals of %d lost", d.stale, d.lost))
	}
	checkSeen(r, d.cur)
	if err := decodeEnd(r, "win rate tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// checkSeen fails r for currencies a tally cannot have seen: an invalid
// code, another without a first, or the same twice.
func checkSeen(r *wire.Reader, c curset.Seen) {
	for _, cur := range []activity.Currency{c.Currency, c.Other} {
		if cur != "" && cur.Validate() != nil {
			r.Fail(fmt.Sprintf("currency %q", cur))
		}
	}
	if c.Other != "" && (c.Currency == "" || c.Other == c.Currency) {
		r.Fail(fmt.Sprintf("currencies %q and %q", c.Currency, c.Other))
	}
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'c', the durations as a set (sorted, each the difference
// from the one before). The sum is not written: it is the durations'.
func (t *CycleTally) MarshalBinary() ([]byte, error) {
	return wire.AppendInts(wire.AppendHeader(make([]byte, 0, 16+2*len(t.durations)), kindCycle), t.durations), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding are an error wrapping ErrInvalidEncoding
// and leave t as it was.
func (t *CycleTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindCycle)
	var d CycleTally
	for _, n := range r.Ints() {
		d.add(n)
	}
	if err := decodeEnd(r, "cycle tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'd', the units' scale, the amounts held as units (a set),
// the amounts held as decimals (a count, then each as text, in increasing
// order), and the currency seen and the other one.
func (t *DealSizeTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 16+2*len(t.units)), kindDealSize)
	b = wire.AppendInt(b, int64(t.scale))
	b = wire.AppendInts(b, t.units)
	big := slices.Clone(t.big)
	slices.SortFunc(big, func(x, y decimal.Decimal) int {
		if c := x.Cmp(y); c != 0 {
			return c
		}
		return int(x.Exponent() - y.Exponent())
	})
	b = wire.AppendCount(b, int64(len(big)))
	for _, v := range big {
		b = wire.AppendString(b, v.String())
	}
	b = wire.AppendString(b, string(t.cur.Currency))
	return wire.AppendString(b, string(t.cur.Other)), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding (a scale outside 0..12, an amount that is
// not a decimal, an invalid currency) are an error wrapping
// ErrInvalidEncoding and leave t as it was.
func (t *DealSizeTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindDealSize)
	var d DealSizeTally
	scale := r.Int()
	if scale < 0 || scale > exact.MaxScale {
		r.Fail(fmt.Sprintf("scale %d", scale))
	}
	d.scale = int32(scale)
	d.units = r.Ints()
	n := r.Count()
	if n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d amounts in %d bytes", n, r.Left()))
	}
	for i := int64(0); i < n && r.Err() == nil; i++ {
		text := r.String()
		v, err := decimal.NewFromString(text)
		if err != nil || text == "" || v.Exponent() < -1000 || v.Exponent() > 1000 {
			r.Fail(fmt.Sprintf("amount %q", text))
			break
		}
		d.big = append(d.big, v)
	}
	d.cur.Currency, d.cur.Other = activity.Currency(r.String()), activity.Currency(r.String())
	checkSeen(r, d.cur)
	if err := decodeEnd(r, "deal size tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'b', the won deals counted and those missing the basis's
// field, the exact sum, and the currency seen and the other one.
func (t *BookingsTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 48), kindBookings)
	b = wire.AppendCount(b, t.deals)
	b = wire.AppendCount(b, t.missing)
	b = t.sum.AppendBinary(b)
	b = wire.AppendString(b, string(t.cur.Currency))
	return wire.AppendString(b, string(t.cur.Other)), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding are an error wrapping ErrInvalidEncoding
// and leave t as it was.
func (t *BookingsTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindBookings)
	var d BookingsTally
	d.deals, d.missing = r.Count(), r.Count()
	d.sum = exact.ReadSum(r)
	d.cur.Currency, d.cur.Other = activity.Currency(r.String()), activity.Currency(r.String())
	checkSeen(r, d.cur.Seen)
	if err := decodeEnd(r, "bookings tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'e', the activities and the outcomes.
func (t *EffortTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 24), kindEffort)
	return wire.AppendCount(wire.AppendCount(b, t.Activities), t.Outcomes), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded;
// negative or oversized counts and other bytes are an error wrapping
// ErrInvalidEncoding and leave t as it was.
func (t *EffortTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindEffort)
	d := EffortTally{Activities: r.Count(), Outcomes: r.Count()}
	if err := decodeEnd(r, "effort tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'a', the deals with an account, without one and missing
// the basis's field, the two exact sums (with and without an account),
// the accounts (a count, then each name, sorted), and the currency seen
// and the other one.
func (t *AccountRevenueTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 64+16*len(t.accounts)), kindAccountRevenue)
	for _, n := range []int64{t.deals, t.noAccount, t.missing} {
		b = wire.AppendCount(b, n)
	}
	b = t.sum.AppendBinary(b)
	b = t.noAccountSum.AppendBinary(b)
	names := slices.Sorted(maps.Keys(t.accounts))
	b = wire.AppendCount(b, int64(len(names)))
	for _, a := range names {
		b = wire.AppendString(b, a)
	}
	b = wire.AppendString(b, string(t.cur.Currency))
	return wire.AppendString(b, string(t.cur.Other)), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding (an empty or repeated account, more
// accounts than deals) are an error wrapping ErrInvalidEncoding and leave
// t as it was.
func (t *AccountRevenueTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindAccountRevenue)
	var d AccountRevenueTally
	d.deals, d.noAccount, d.missing = r.Count(), r.Count(), r.Count()
	d.sum, d.noAccountSum = exact.ReadSum(r), exact.ReadSum(r)
	n := r.Count()
	if n > d.deals || n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d accounts of %d deals in %d bytes", n, d.deals, r.Left()))
	}
	for i := int64(0); i < n && r.Err() == nil; i++ {
		a := r.String()
		if _, dup := d.accounts[a]; dup || a == "" {
			r.Fail(fmt.Sprintf("account %q", a))
			break
		}
		d.bookAccount(a)
	}
	d.cur.Currency, d.cur.Other = activity.Currency(r.String()), activity.Currency(r.String())
	checkSeen(r, d.cur.Seen)
	if err := decodeEnd(r, "account revenue tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'g', the deals with a cost and without one, the exact
// revenue and cost, and the currency seen and the other one.
func (t *MarginTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 64), kindMargin)
	b = wire.AppendCount(wire.AppendCount(b, t.deals), t.noCost)
	b = t.revenue.AppendBinary(b)
	b = t.cost.AppendBinary(b)
	b = wire.AppendString(b, string(t.cur.Currency))
	return wire.AppendString(b, string(t.cur.Other)), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding are an error wrapping ErrInvalidEncoding
// and leave t as it was.
func (t *MarginTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindMargin)
	var d MarginTally
	d.deals, d.noCost = r.Count(), r.Count()
	d.revenue, d.cost = exact.ReadSum(r), exact.ReadSum(r)
	d.cur.Currency, d.cur.Other = activity.Currency(r.String()), activity.Currency(r.String())
	checkSeen(r, d.cur.Seen)
	if err := decodeEnd(r, "margin tally"); err != nil {
		return err
	}
	*t = d
	return nil
}
