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
	kindFunnel         = 'f'
	kindMetric         = 'm'
	kindLeads          = 'l'
	kindTerritory      = 't'
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
	return appendSeen(b, t.cur), nil
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

// appendSeen appends the currencies a tally has seen: the first and the
// other (empty when none).
func appendSeen(b []byte, c curset.Seen) []byte {
	return wire.AppendString(wire.AppendString(b, string(c.Currency)), string(c.Other))
}

// readSeen reads what appendSeen wrote, failing r for currencies a tally
// cannot have seen.
func readSeen(r *wire.Reader) curset.Seen {
	c := curset.Seen{Currency: activity.Currency(r.String()), Other: activity.Currency(r.String())}
	checkSeen(r, c)
	return c
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
	b = appendDecimals(b, t.big)
	return appendSeen(b, t.cur), nil
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
	d.big = readDecimals(r)
	d.cur = readSeen(r)
	if err := decodeEnd(r, "deal size tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// appendDecimals appends decimals as a set: their count, then each as
// text, in increasing order (equal values by exponent).
func appendDecimals(b []byte, xs []decimal.Decimal) []byte {
	s := slices.Clone(xs)
	slices.SortFunc(s, func(x, y decimal.Decimal) int {
		if c := x.Cmp(y); c != 0 {
			return c
		}
		return int(x.Exponent() - y.Exponent())
	})
	b = wire.AppendCount(b, int64(len(s)))
	for _, v := range s {
		b = wire.AppendString(b, v.String())
	}
	return b
}

// readDecimals reads what appendDecimals wrote, failing r for text that is
// not a decimal or one with an exponent beyond ±1000.
func readDecimals(r *wire.Reader) []decimal.Decimal {
	n := r.Count()
	if n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d amounts in %d bytes", n, r.Left()))
	}
	var xs []decimal.Decimal
	for i := int64(0); i < n && r.Err() == nil; i++ {
		text := r.String()
		v, err := decimal.NewFromString(text)
		if err != nil || text == "" || v.Exponent() < -1000 || v.Exponent() > 1000 {
			r.Fail(fmt.Sprintf("amount %q", text))
			break
		}
		xs = append(xs, v)
	}
	return xs
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'b', the won deals counted and those missing the basis's
// field, the exact sum, and the currency seen and the other one.
func (t *BookingsTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 48), kindBookings)
	b = wire.AppendCount(b, t.deals)
	b = wire.AppendCount(b, t.missing)
	b = t.sum.AppendBinary(b)
	return appendSeen(b, t.cur.Seen), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding are an error wrapping ErrInvalidEncoding
// and leave t as it was.
func (t *BookingsTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindBookings)
	var d BookingsTally
	d.deals, d.missing = r.Count(), r.Count()
	d.sum = exact.ReadSum(r)
	d.cur.Seen = readSeen(r)
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
	return appendSeen(b, t.cur.Seen), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding (an empty or repeated account, more
// accounts than deals, deals without an account or accounts without a
// deal) are an error wrapping ErrInvalidEncoding and leave
// t as it was.
func (t *AccountRevenueTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindAccountRevenue)
	var d AccountRevenueTally
	d.deals, d.noAccount, d.missing = r.Count(), r.Count(), r.Count()
	d.sum, d.noAccountSum = exact.ReadSum(r), exact.ReadSum(r)
	n := r.Count()
	if n > d.deals || (n == 0) != (d.deals == 0) || n > int64(r.Left()) {
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
	d.cur.Seen = readSeen(r)
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
	return appendSeen(b, t.cur.Seen), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; bytes
// that are not such an encoding are an error wrapping ErrInvalidEncoding
// and leave t as it was.
func (t *MarginTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindMargin)
	var d MarginTally
	d.deals, d.noCost = r.Count(), r.Count()
	d.revenue, d.cost = exact.ReadSum(r), exact.ReadSum(r)
	d.cur.Seen = readSeen(r)
	if err := decodeEnd(r, "margin tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'f', then the funnel (its stage count, and each stage's
// name and whether it is won or lost), the reach rule, the cohort, whether
// zero visits count, AsOf (Unix nanoseconds), the deals, won and unplaced
// counts, and for each open stage its five counts (reached, closed at,
// won at, closed by, won by) and its durations (a set). The zero tally
// encodes as a funnel of no stage.
func (t *FunnelTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 128), kindFunnel)
	if t.shape == nil {
		return wire.AppendCount(b, 0), nil
	}
	s := t.shape
	b = wire.AppendCount(b, int64(len(s.stages)))
	for i, st := range s.stages {
		flags := int64(0)
		if s.won[i] {
			flags |= 1
		}
		if s.lost[i] {
			flags |= 2
		}
		b = wire.AppendCount(wire.AppendString(b, string(st)), flags)
	}
	zero := int64(0)
	if t.zeroVisits {
		zero = 1
	}
	b = wire.AppendCount(wire.AppendCount(wire.AppendCount(b, int64(t.reach)), int64(t.cohort)), zero)
	b = wire.AppendInt(b, t.asOf)
	for _, n := range []int64{t.deals, t.won, t.unplaced} {
		b = wire.AppendCount(b, n)
	}
	for k := range t.reached {
		for _, n := range []int64{t.reached[k], t.closedAt[k], t.wonAt[k], t.closedBy[k], t.wonBy[k]} {
			b = wire.AppendCount(b, n)
		}
		b = wire.AppendInts(b, t.nanos[k])
	}
	return b, nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded: the
// funnel travels with it, so the zero FunnelTally takes any encoding. Bytes
// that are not such an encoding (an invalid funnel, an unknown reach rule
// or cohort) are an error wrapping ErrInvalidEncoding and leave t as it
// was.
func (t *FunnelTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindFunnel)
	n := r.Count()
	if n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d stages in %d bytes", n, r.Left()))
	}
	var d FunnelTally
	if n > 0 && r.Err() == nil {
		var f activity.Funnel
		for range n {
			st := activity.Stage(r.String())
			flags := r.Count()
			if flags > 2 {
				r.Fail(fmt.Sprintf("stage %q flags %d", st, flags))
			}
			f.Stages = append(f.Stages, activity.FunnelStage{Stage: st, Won: flags == 1, Lost: flags == 2})
			if r.Err() != nil {
				break
			}
		}
		shape, err := funnelShapeOf(f)
		if err == nil {
			err = f.Validate()
		}
		if err != nil && r.Err() == nil {
			r.Fail(fmt.Sprintf("funnel: %v", err))
		}
		reach, cohort, zero := r.Count(), r.Count(), r.Count()
		opt := FunnelOptions{Reach: Reach(reach), Cohort: FunnelCohort(cohort), ZeroVisits: zero == 1}
		if reach > 255 || cohort > 255 || zero > 1 || opt.Validate() != nil {
			r.Fail(fmt.Sprintf("reach %d, cohort %d, zero visits %d", reach, cohort, zero))
		}
		asOf := r.Int()
		if r.Err() == nil {
			d = funnelNewTally(shape, opt, asOf)
			d.deals, d.won, d.unplaced = r.Count(), r.Count(), r.Count()
			for k := range d.reached {
				d.reached[k], d.closedAt[k], d.wonAt[k], d.closedBy[k], d.wonBy[k] = r.Count(), r.Count(), r.Count(), r.Count(), r.Count()
				d.nanos[k] = r.Ints()
				for _, v := range d.nanos[k] {
					d.sums[k].Add(v)
				}
			}
		}
	}
	if err := decodeEnd(r, "funnel tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'm', the metric's name, then the numerator and the
// denominator (counted even without Per): each its record count, the scale of its units,
// its exact sum, for a median its values (the units as a set and the
// decimals as a sorted set), and the currency seen and the other one. The
// metric's definition (its filters) does not travel: decode into a tally
// made by NewMetricTally for the same metric.
func (t *MetricTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendString(wire.AppendHeader(make([]byte, 0, 64), kindMetric), t.metric.Name)
	return t.den.appendBinary(t.num.appendBinary(b)), nil
}

func (p *metricPart) appendBinary(b []byte) []byte {
	b = wire.AppendCount(b, p.n)
	b = wire.AppendInt(b, int64(p.scale))
	b = p.sum.AppendBinary(b)
	if p.median {
		b = wire.AppendInts(b, p.units)
		b = appendDecimals(b, p.big)
	}
	return appendSeen(b, p.cur.Seen)
}

func (p *metricPart) read(r *wire.Reader) {
	p.n = r.Count()
	scale := r.Int()
	if scale < 0 || scale > exact.MaxScale {
		r.Fail(fmt.Sprintf("scale %d", scale))
	}
	p.scale = int32(scale)
	p.sum = exact.ReadSum(r)
	if p.median {
		p.units = r.Ints()
		p.big = readDecimals(r)
		if int64(len(p.units)+len(p.big)) != p.n {
			r.Fail(fmt.Sprintf("%d values of %d records", len(p.units)+len(p.big), p.n))
		}
	}
	p.cur.Seen = readSeen(r)
}

// UnmarshalBinary replaces t's counts with those MarshalBinary encoded,
// keeping t's metric, whose name the encoding must carry: t must come from
// NewMetricTally for the metric the encoding's tally counted (the zero
// MetricTally has none). Other bytes are an error wrapping
// ErrInvalidEncoding and leave t as it was.
func (t *MetricTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindMetric)
	if name := r.String(); r.Err() == nil && (t.metric.Name == "" || name != t.metric.Name) {
		r.Fail(fmt.Sprintf("a tally of metric %q, not %q (make it with NewMetricTally)", name, t.metric.Name))
	}
	d := newMetricTally(t.metric, 0, 0)
	d.num.read(r)
	d.den.read(r)
	if err := decodeEnd(r, "metric tally"); err != nil {
		return err
	}
	*t = d
	return nil
}
