package compensation

import (
	"cmp"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
)

// Weight is one rep's claim on a quota allocation: territory potential,
// last year's bookings, headcount-adjusted capacity, or any other
// non-negative number. Only the ratios between weights matter, so they need
// not add up to 1 or 100.
type Weight struct {
	Rep    string          `json:"rep"`
	Weight decimal.Decimal `json:"weight"`
}

// MarshalJSON writes w with its weight as a string of its digits.
func (w Weight) MarshalJSON() ([]byte, error) { type plain Weight; return dec.Marshal(plain(w)) }

// AllocateOptions says what quotas Allocate hands out. Period is required;
// every other field's zero value is the documented default.
type AllocateOptions struct {
	// Period is the period of every quota. Required: the zero Period is
	// invalid.
	Period activity.Period

	// OverAssignment raises the number handed out above the number to be
	// made, as a fraction: 0.1 hands reps quotas adding up to 110% of it,
	// the usual cushion against reps who miss. Zero (the default) hands out
	// exactly the number; negative values are invalid.
	OverAssignment decimal.Decimal

	// Metric labels every quota (activity.Quota.Metric). Empty (the default)
	// leaves it empty.
	Metric string
}

// Validate reports an error wrapping ErrInvalidOptions for an invalid
// Period or a negative OverAssignment.
func (o AllocateOptions) Validate() error {
	if err := o.Period.Validate(); err != nil {
		return fmt.Errorf("%w: period: %w", ErrInvalidOptions, err)
	}
	if o.OverAssignment.IsNegative() || !qpSizeOK(o.OverAssignment) {
		return fmt.Errorf("%w: over-assignment %s is negative or has more than %d digits or places", ErrInvalidOptions, qpShort(o.OverAssignment), qpMaxDigits)
	}
	return nil
}

// Allocate splits a number (a company's, a region's or a team's) among reps
// in proportion to their weights, over-assigned by opts.OverAssignment:
//
//	handed out  = round(total × (1 + OverAssignment))     to minor units, half away from zero
//	quota(rep)  = handed out × weight(rep) / Σ weights     by largest remainder in minor units
//
// Largest remainder (Hamilton's method): every rep first gets the exact
// share floored to the currency's minor unit (activity.Currency.MinorUnits:
// cents for USD, yen for JPY); the units left over, fewer than the number
// of reps, go one each to the reps with the largest remainders, computed
// exactly. Reps with equal remainders are served in ascending order of rep
// id (byte-wise string order), so the result is the same in any input
// order. The quotas therefore add up exactly to the number handed out, each
// is within one minor unit of its exact share, reps with equal weights get
// quotas at most one unit apart, and a rep of weight zero gets zero.
//
// It returns one amount quota a rep (Rep, opts.Metric, opts.Period, the
// amount, currency), sorted by rep id. The caller's weights are not
// modified. Errors wrap ErrInvalidOptions: an invalid period or currency, a
// negative total or over-assignment, no weights, an empty or repeated rep, a
// negative weight, or weights that are all zero, and a total, weight or
// over-assignment of more than 40 significant digits or with an exponent
// beyond ±40 (a bound far past any real number that keeps the exact
// arithmetic fast); the message names the weight at fault by its position
// in weights.
func Allocate(total decimal.Decimal, currency activity.Currency, weights []Weight, opts AllocateOptions) ([]activity.Quota, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := currency.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if !qpSizeOK(total) {
		return nil, fmt.Errorf("%w: total %s has more than %d digits or places", ErrInvalidOptions, qpShort(total), qpMaxDigits)
	}
	if total.IsNegative() {
		return nil, fmt.Errorf("%w: total %s is negative", ErrInvalidOptions, dec.Text(total))
	}
	if len(weights) == 0 {
		return nil, fmt.Errorf("%w: no weights to allocate by", ErrInvalidOptions)
	}
	positive := false
	for i, w := range weights {
		switch {
		case w.Rep == "":
			return nil, fmt.Errorf("%w: weights[%d] has no rep", ErrInvalidOptions, i)
		case !qpSizeOK(w.Weight):
			return nil, fmt.Errorf("%w: weights[%d] rep %q: weight %s has more than %d digits or places", ErrInvalidOptions, i, w.Rep, qpShort(w.Weight), qpMaxDigits)
		case w.Weight.IsNegative():
			return nil, fmt.Errorf("%w: weights[%d] rep %q: weight %s is negative", ErrInvalidOptions, i, w.Rep, dec.Text(w.Weight))
		}
		positive = positive || w.Weight.IsPositive()
	}
	order := qpRepOrder(weights)
	for k := 1; k < len(order); k++ {
		if a, b := order[k-1], order[k]; weights[a].Rep == weights[b].Rep {
			return nil, fmt.Errorf("%w: rep %q appears at weights[%d] and weights[%d]", ErrInvalidOptions, weights[a].Rep, min(a, b), max(a, b))
		}
	}
	if !positive {
		return nil, fmt.Errorf("%w: all %d weights are zero", ErrInvalidOptions, len(weights))
	}

	scale := currency.MinorUnits()
	handedOut := total.Mul(decimal.NewFromInt(1).Add(opts.OverAssignment)).Round(scale)
	units := handedOut.Shift(scale).BigInt()
	parts := qpSplit(units, weights, order)

	quotas := make([]activity.Quota, len(order))
	for k, i := range order {
		quotas[k] = activity.Quota{
			Rep:      weights[i].Rep,
			Metric:   opts.Metric,
			Period:   opts.Period,
			Amount:   activity.Some(parts[k].amount(scale)),
			Currency: currency,
		}
	}
	return quotas, nil
}

// qpRepOrder returns the positions of weights in ascending order of rep id;
// equal ids end up next to each other, in input order.
func qpRepOrder(weights []Weight) []int {
	order := make([]int, len(weights))
	sorted := true
	for i := range order {
		order[i] = i
		sorted = sorted && (i == 0 || weights[i-1].Rep <= weights[i].Rep)
	}
	if sorted {
		return order
	}
	// Sorting the ids beside their positions keeps the comparisons in one
	// slice, not scattered through weights.
	keys := make([]qpRepKey, len(weights))
	for i, w := range weights {
		keys[i] = qpRepKey{w.Rep, i}
	}
	slices.SortFunc(keys, func(a, b qpRepKey) int {
		if c := strings.Compare(a.rep, b.rep); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for k, key := range keys {
		order[k] = key.i
	}
	return order
}

// qpRepKey is a rep id and its position in the weights.
type qpRepKey struct {
	rep string
	i   int
}

// qpUnits is a whole number of minor units: small when it fits in an int64,
// big otherwise.
type qpUnits struct {
	small int64
	big   *big.Int
}

func (u qpUnits) amount(scale int32) decimal.Decimal {
	if u.big != nil {
		return decimal.NewFromBigInt(u.big, -scale)
	}
	return decimal.New(u.small, -scale)
}

// qpSplit splits units (non-negative) by the weights taken in order (at
// least one positive, none negative) by largest remainder, ties to the
// earlier position in order. Weights are scaled to whole numbers by a common
// power of ten, so that each share is units × w / Σw in integers and the
// remainders compare exactly.
func qpSplit(units *big.Int, weights []Weight, order []int) []qpUnits {
	minExp := int32(0)
	for _, w := range weights {
		if w.Weight.Sign() != 0 {
			minExp = min(minExp, w.Weight.Exponent())
		}
	}
	if parts, ok := qpSplitSmall(units, weights, order, minExp); ok {
		return parts
	}
	return qpSplitBig(units, weights, order, minExp)
}

// qpPow10 holds 10^0 .. 10^18, the powers of ten an int64 holds.
var qpPow10 = func() (p [19]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// qpSplitSmall is qpSplit in 64-bit arithmetic (128-bit products), for
// units that fit in an int64 and scaled weights of at most 18 digits whose
// sum fits in a uint64. It reports false when they do not.
func qpSplitSmall(units *big.Int, weights []Weight, order []int, minExp int32) ([]qpUnits, bool) {
	if !units.IsInt64() {
		return nil, false
	}
	total := uint64(units.Int64())
	scaled := make([]uint64, len(order))
	var sum uint64
	for k, i := range order {
		w := weights[i].Weight
		if w.Sign() == 0 {
			continue
		}
		shift := int(w.Exponent() - minExp)
		if shift > 18 || w.NumDigits()+shift > 18 {
			return nil, false
		}
		v := uint64(w.CoefficientInt64()) * qpPow10[shift]
		var carry uint64
		sum, carry = bits.Add64(sum, v, 0)
		if carry != 0 {
			return nil, false
		}
		scaled[k] = v
	}
	parts := make([]qpUnits, len(order))
	rems := scaled // each scaled weight is read before its remainder replaces it
	var given uint64
	for k, v := range scaled {
		hi, lo := bits.Mul64(total, v)
		// v <= sum, so the quotient is at most total and hi < sum.
		q, r := bits.Div64(hi, lo, sum)
		parts[k].small = int64(q)
		rems[k] = r
		given += q
	}
	if left := total - given; left > 0 {
		// The remainders add up to left × sum and each is below sum, so
		// more than left of them are positive: only those can win a unit,
		// and only they are sorted.
		var top []qpRem
		for k, r := range rems {
			if r > 0 {
				top = append(top, qpRem{r, k})
			}
		}
		slices.SortFunc(top, func(a, b qpRem) int {
			if c := cmp.Compare(b.r, a.r); c != 0 {
				return c
			}
			return cmp.Compare(a.k, b.k)
		})
		for _, t := range top[:min(int(left), len(top))] {
			parts[t.k].small++
		}
	}
	return parts, true
}

// qpRem is a remainder and the position it belongs to.
type qpRem struct {
	r uint64
	k int
}

// qpSplitBig is qpSplit in big integers.
func qpSplitBig(units *big.Int, weights []Weight, order []int, minExp int32) []qpUnits {
	scaled := make([]*big.Int, len(order))
	sum := new(big.Int)
	ten := big.NewInt(10)
	for k, i := range order {
		w := weights[i].Weight
		v := w.Coefficient()
		if shift := int64(w.Exponent() - minExp); shift > 0 && v.Sign() != 0 {
			v.Mul(v, new(big.Int).Exp(ten, big.NewInt(shift), nil))
		}
		scaled[k] = v
		sum.Add(sum, v)
	}
	parts := make([]qpUnits, len(order))
	rems := make([]*big.Int, len(order))
	given := new(big.Int)
	for k, v := range scaled {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(units, v), sum, new(big.Int))
		parts[k].big, rems[k] = q, r
		given.Add(given, q)
	}
	left := new(big.Int).Sub(units, given) // < len(order): each remainder is below one unit
	for _, k := range qpTopRemainders(len(rems), int(left.Int64()), func(a, b int) int { return rems[a].Cmp(rems[b]) }) {
		parts[k].big.Add(parts[k].big, big.NewInt(1))
	}
	return parts
}

// qpTopRemainders returns the positions of the n largest of count
// remainders compared by cmpRem, ties to the smaller position.
func qpTopRemainders(count, n int, cmpRem func(a, b int) int) []int {
	if n <= 0 {
		return nil
	}
	idx := make([]int, count)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmpRem(b, a); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return idx[:min(n, count)]
}

// ProrationDays says which days proration counts.
//
// The zero value is CalendarDays.
type ProrationDays uint8

const (
	// CalendarDays counts local calendar dates in the calendar's Location,
	// every day of the week: a date lasts 23 or 25 hours across a
	// daylight-saving change and still counts once. The default.
	CalendarDays ProrationDays = iota
	// WorkingDays counts the calendar's working days
	// (activity.Calendar.WorkingDays): dates that are neither Weekend days
	// nor Holidays.
	WorkingDays
)

// String returns "calendar days" or "working days", and "ProrationDays(n)" for
// a value out of range.
func (c ProrationDays) String() string {
	switch c {
	case CalendarDays:
		return "calendar days"
	case WorkingDays:
		return "working days"
	}
	return "ProrationDays(" + strconv.Itoa(int(c)) + ")"
}

// MarshalText writes the day count as String does.
func (c ProrationDays) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *ProrationDays) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, CalendarDays, WorkingDays, ProrationDays.MarshalText)
	if !ok {
		return fmt.Errorf("%w: proration days %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// ProrateOptions says how Prorate spreads and scales a quota. The zero value
// is the default: Gregorian months in UTC, calendar days, no ramp, months
// weighted by their days.
type ProrateOptions struct {
	// Calendar cuts the quota's period into months (fiscal months in a
	// retail calendar), in its Location, and says which days are working
	// days. The zero Calendar is Gregorian months in UTC with a Monday to
	// Friday week and no holidays.
	Calendar activity.Calendar

	// Days says whether days in seat are calendar days (the default) or
	// the calendar's working days.
	Days ProrationDays

	// Ramp, when set, scales each month by the rep's ramp factor
	// (activity.Rep.RampFactor) on the rep's first day in seat that month.
	// False (the default) ignores any ramp schedule.
	Ramp bool

	// SeasonalWeights spread the quota over the months of its period, one
	// weight a month in time order. Only their ratios matter: they are
	// normalised by their sum, which need not be 1 (1, 1, 2 gives a quarter's
	// third month half of it). Nil (the default) weights each month by its
	// days, counted as Days says, so that the quota is spread evenly over
	// the days of the period.
	SeasonalWeights []decimal.Decimal

	// Parts is the granularity the quota is cut into: months (zero, or
	// activity.Monthly), or quarters, weeks, days or years of the calendar.
	// An annual quota cut into quarters is then rounded once, the quarters
	// by largest remainder across the year, so that they add up to it. The
	// ramp is monthly: Ramp needs months.
	Parts activity.Granularity

	// Increment, when set, rounds the prorated quota to a multiple of it
	// (1000 for whole thousands, 1 for whole units), half away from zero,
	// and the months to multiples of it that still add up to it (largest
	// remainder, as always). Zero rounds to the currency's minor unit (a
	// count quota, to whole deals). An increment finer than the minor unit,
	// or not whole for a count quota, is an error.
	Increment decimal.Decimal

	// DayCount is the day-count convention: Actual (the default) divides
	// the days in seat by the period's own days, so that a leap year's day
	// is worth 1/366 of an annual quota; Fixed365 values each calendar day
	// at 1/365 of a year's quota whatever the year, the convention of plans
	// that write "annual quota × days employed / 365". Fixed365 needs a
	// period of whole calendar years (of opts.Calendar), CalendarDays and
	// no seasonal weights; the prorated quota never exceeds the quota (a
	// rep in seat all 366 days of a leap year gets the quota, split over
	// the months by their days).
	DayCount DayCount
}

// DayCount is a day-count convention for Prorate: what one day in seat is
// worth.
//
// The zero value is Actual.
type DayCount uint8

const (
	// Actual prorates by days in seat over the period's actual days. The
	// default.
	Actual DayCount = iota
	// Fixed365 prorates a year's quota by days in seat over 365, in every
	// year (actual/365 fixed).
	Fixed365
)

// String returns "actual" or "365", and "DayCount(n)" for a value out of
// range.
func (c DayCount) String() string {
	switch c {
	case Actual:
		return "actual"
	case Fixed365:
		return "365"
	}
	return "DayCount(" + strconv.Itoa(int(c)) + ")"
}

// MarshalText writes the day count as String does.
func (c DayCount) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *DayCount) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, Actual, Fixed365, DayCount.MarshalText)
	if !ok {
		return fmt.Errorf("%w: day count %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// Validate reports an error wrapping ErrInvalidOptions for an invalid
// Calendar, an unknown Days or DayCount, a negative seasonal weight, or
// Fixed365 with working days or seasonal weights. The number of
// seasonal weights and their sum are checked against the quota by Prorate.
func (o ProrateOptions) Validate() error {
	if err := o.Calendar.Validate(); err != nil {
		return fmt.Errorf("%w: calendar: %w", ErrInvalidOptions, err)
	}
	if o.Days > WorkingDays {
		return fmt.Errorf("%w: days: %v is not calendar days or working days", ErrInvalidOptions, o.Days)
	}
	for i, w := range o.SeasonalWeights {
		if w.IsNegative() {
			return fmt.Errorf("%w: seasonal weight %d is negative: %s", ErrInvalidOptions, i, dec.Text(w))
		}
	}
	if o.Parts != 0 {
		if o.Parts < activity.Daily || o.Parts > activity.Yearly {
			return fmt.Errorf("%w: parts: %v is not daily, weekly, monthly, quarterly or yearly", ErrInvalidOptions, o.Parts)
		}
		if o.Ramp && o.Parts != activity.Monthly {
			return fmt.Errorf("%w: the ramp is monthly: give months as the parts", ErrInvalidOptions)
		}
	}
	if o.Increment.IsNegative() || !qpSizeOK(o.Increment) {
		return fmt.Errorf("%w: increment %s is negative or too long", ErrInvalidOptions, qpShort(o.Increment))
	}
	switch {
	case o.DayCount > Fixed365:
		return fmt.Errorf("%w: day count: %v is not actual or 365", ErrInvalidOptions, o.DayCount)
	case o.DayCount == Fixed365 && o.Days != CalendarDays:
		return fmt.Errorf("%w: the 365-day count counts calendar days, not %s", ErrInvalidOptions, o.Days)
	case o.DayCount == Fixed365 && o.SeasonalWeights != nil:
		return fmt.Errorf("%w: the 365-day count spreads the quota by days: it takes no seasonal weights", ErrInvalidOptions)
	}
	return nil
}

// qpMaxMonths bounds the months Prorate spreads a quota over: a century.
const qpMaxMonths = 1200

// qpDisplayPlaces is the number of decimal places of the ratios and
// unrounded amounts a Proration shows; the arithmetic behind them is exact.
const qpDisplayPlaces = 10

// Proration is a quota prorated for one rep, month by month, with what each
// month was computed from, so that a sales manager can check it by hand.
type Proration struct {
	// Quota is the prorated quota over the whole period: the given quota
	// with its amount (or count) replaced by the rounded prorated total.
	Quota activity.Quota `json:"quota"`
	// Full is the quota as given.
	Full activity.Quota `json:"full"`
	// Months are the period's months (or the parts ProrateOptions.Parts
	// asks for) in time order, each with its part of Quota. Their amounts
	// (or counts) add up exactly to Quota's.
	Months []ProratedMonth `json:"months"`
	// Days, DayCount, Ramp and SeasonalTotal are the options used: the
	// days counted, the day-count convention, whether the ramp applied, and the sum of the seasonal weights (the
	// days of the period when none were given).
	Days          ProrationDays   `json:"days"`
	DayCount      DayCount        `json:"day_count"`
	Ramp          bool            `json:"ramp"`
	SeasonalTotal decimal.Decimal `json:"seasonal_total"`
	// SeatDays and PeriodDays are the days in seat and the days of the
	// period, counted as Days says.
	SeatDays   int `json:"seat_days"`
	PeriodDays int `json:"period_days"`
}

// ProratedMonth is one month of a Proration:
//
//	Exact = full quota × Weight / SeasonalTotal × SeatDays / Days × Ramp
//
// (under Fixed365, full quota × SeatDays / (365 × years) × Ramp, capped as
// Prorate describes), and Quota carries Exact rounded as Prorate describes.
type ProratedMonth struct {
	// Quota is the month's part: the quota with the month as its period and
	// the rounded amount (or count).
	Quota activity.Quota `json:"quota"`
	// Weight is the month's seasonal weight (its days when none were given)
	// and Share its share of the period, Weight / SeasonalTotal, to 10
	// decimal places.
	Weight decimal.Decimal `json:"weight"`
	Share  decimal.Decimal `json:"share"`
	// Seat is the part of the month the rep was in seat, from the start of
	// the first date to the end of the last (or the instant of leaving), in
	// the calendar's Location; the zero Period when the rep was not in seat
	// that month.
	Seat activity.Period `json:"seat,omitzero"`
	// SeatDays and Days are the days in seat and the days of the month.
	SeatDays int `json:"seat_days"`
	Days     int `json:"days"`
	// TenureMonth is the rep's tenure month (activity.Rep.TenureMonth) on
	// the first day in seat under ProrateOptions.Ramp, and Ramp the factor
	// applied: the ramp schedule's fraction for that tenure month under
	// ProrateOptions.Ramp, else 1. Both are zero in a month without days in
	// seat.
	TenureMonth int             `json:"tenure_month,omitempty"`
	Ramp        decimal.Decimal `json:"ramp"`
	// Exact is the month's amount before rounding, to 10 decimal places
	// (display only: the rounding used the exact fraction).
	Exact decimal.Decimal `json:"exact"`
}

// MarshalJSON writes p with every decimal as a string of its digits.
func (p Proration) MarshalJSON() ([]byte, error) { type plain Proration; return dec.Marshal(plain(p)) }

// MarshalJSON writes m with every decimal as a string of its digits.
func (m ProratedMonth) MarshalJSON() ([]byte, error) {
	type plain ProratedMonth
	return dec.Marshal(plain(m))
}

// Quotas returns the months' quotas, in time order.
func (p Proration) Quotas() []activity.Quota {
	out := make([]activity.Quota, len(p.Months))
	for i, m := range p.Months {
		out[i] = m.Quota
	}
	return out
}

// String reads as a small table: the prorated quota, then one line a month
// with its days in seat, share, ramp and part.
func (p Proration) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s of %s (%d of %d %s in seat)", qpOwner(p.Quota), p.Quota.Period.Name,
		qpTarget(p.Quota), qpTarget(p.Full), p.SeatDays, p.PeriodDays, p.Days)
	for _, m := range p.Months {
		fmt.Fprintf(&b, "\n  %s: %d/%d days, share %s, ramp %s: %s", m.Quota.Period.Name, m.SeatDays, m.Days,
			dec.Text(dec.Trim(m.Share)), dec.Text(m.Ramp), qpTarget(m.Quota))
	}
	return b.String()
}

func qpOwner(q activity.Quota) string {
	if q.Rep != "" {
		return q.Rep
	}
	return q.Team
}

func qpTarget(q activity.Quota) string {
	if v, ok := q.Amount.Get(); ok {
		return dec.Text(v) + " " + string(q.Currency)
	}
	return strconv.FormatInt(q.Count.Value, 10)
}

// qpMonth is what Prorate knows of one month while it computes.
type qpMonth struct {
	period         activity.Period
	seatFrom, seat time.Time // the first instant in seat, and the end of the seat span
	days, seatDays int
}

// Prorate prorates a quota for a rep who starts or leaves within its period
// and who may be ramping, month by month. For each month m of the quota's
// period (months of opts.Calendar; the period must be whole months):
//
//	exact(m)  = quota × weight(m) / Σ weights × seat days(m) / days(m) × ramp(m)
//	prorated  = round(Σ exact(m))                      to minor units, half away from zero
//	part(m)   = prorated split by exact(m), largest remainder in minor units
//
// weight(m) is the month's seasonal weight (default: its days, so that the
// quota spreads evenly over the period's days); days(m) counts the month's
// calendar dates or working days (opts.Days); seat days(m) counts those of
// its dates on which the rep was in seat for any part of the day, from the
// date of rep.HiredAt (unknown: from the period's start) up to the instant
// rep.LeftAt (exclusive; unknown: to the period's end); ramp(m) is 1, or
// under opts.Ramp the rep's ramp factor (activity.Rep.RampFactor) on its
// first day in seat that month. With the default weights the prorated
// quota is quota × seat days / period days, the usual proration. Under
// opts.DayCount Fixed365, for a period of whole years:
//
//	exact(m)  = quota × seat days(m) / (365 × years) × ramp(m)
//
// scaled down, when their sum exceeds the quota (in seat every day of a leap
// year), to sum to the quota.
//
// Everything is computed in exact fractions and rounded once: the prorated
// total half away from zero to the currency's minor units, then split over
// the months by largest remainder on their exact amounts (ties to the
// earlier month), so the monthly parts add up exactly to it, each is within
// one minor unit of its exact amount, and a month without days in seat gets
// zero. A count quota (Count instead of Amount: 20 meetings) is prorated the
// same way in whole units. Every factor is at most 1, so neither the
// prorated quota nor any part exceeds the quota rounded to minor units. A
// rep not in seat at all gets zero.
//
// A month with no days (no working days, under WorkingDays) has no seat
// share: with the default weights its weight is zero and it gets zero; with
// a positive seasonal weight it is an error.
//
// Errors wrap ErrInvalidOptions (and, where one applies, the activity
// sentinel behind it): an invalid quota (activity.Quota.Validate), a rep
// that fails activity.Rep.Validate or is not the quota's rep, invalid
// options (ProrateOptions.Validate), a period that is not whole months of
// the calendar or longer than 1,200 months, seasonal weights not one a month
// or all zero, a positive weight on a month without days, a period without
// days, and a ramp schedule without a hire date under opts.Ramp. The
// caller's values are not modified.
func Prorate(q activity.Quota, rep activity.Rep, opts ProrateOptions) (Proration, error) {
	if err := q.Validate(); err != nil {
		return Proration{}, fmt.Errorf("%w: quota: %w", ErrInvalidOptions, err)
	}
	if err := rep.Validate(); err != nil {
		return Proration{}, fmt.Errorf("%w: rep: %w", ErrInvalidOptions, err)
	}
	if q.Rep != "" && q.Rep != rep.ID {
		return Proration{}, fmt.Errorf("%w: the quota is for rep %q, not %q", ErrInvalidOptions, q.Rep, rep.ID)
	}
	if err := opts.Validate(); err != nil {
		return Proration{}, err
	}
	if opts.Ramp && len(rep.Ramp) > 0 && rep.HiredAt.IsZero() {
		return Proration{}, fmt.Errorf("%w: rep %q has a ramp schedule but no hire date", ErrInvalidOptions, rep.ID)
	}
	cal := opts.Calendar
	months, err := qpMonths(q.Period, cal, opts.Parts)
	if err != nil {
		return Proration{}, err
	}
	if opts.SeasonalWeights != nil && len(opts.SeasonalWeights) != len(months) {
		return Proration{}, fmt.Errorf("%w: %d seasonal weights for the %d months of %s", ErrInvalidOptions, len(opts.SeasonalWeights), len(months), q.Period)
	}
	loc := cal.Location
	if loc == nil {
		loc = time.UTC
	}
	count := func(from, to time.Time) (int, error) {
		if opts.Days == WorkingDays {
			n, err := cal.WorkingDays(from, to)
			return max(n, 0), err // a reversed span is none, as the calendar-day count below
		}
		return max(qpDate(to, loc)-qpDate(from, loc), 0), nil
	}
	// The seat ends at LeftAt, or at the end of its date when it falls
	// within a day: a date counts when the rep was in seat for any of it.
	seatEnd := rep.LeftAt
	if !seatEnd.IsZero() {
		day, err := cal.PeriodOf(activity.Daily, seatEnd)
		if err != nil {
			return Proration{}, fmt.Errorf("%w: calendar: %w", ErrInvalidOptions, err)
		}
		if !day.Start.Equal(seatEnd) {
			seatEnd = day.End
		}
	}

	years := 0
	if opts.DayCount == Fixed365 {
		ys, err := qpMonths(q.Period, cal, activity.Yearly)
		if err != nil {
			return Proration{}, fmt.Errorf("%w: the 365-day count needs a period of whole years", err)
		}
		years = len(ys)
	}
	res := Proration{Full: q, Days: opts.Days, DayCount: opts.DayCount, Ramp: opts.Ramp, Months: make([]ProratedMonth, len(months))}
	info := make([]qpMonth, len(months))
	weights := make([]decimal.Decimal, len(months))
	wsum := decimal.Zero
	for i, m := range months {
		mi := qpMonth{period: m, seatFrom: m.Start, seat: m.End}
		if mi.days, err = count(m.Start, m.End); err != nil {
			return Proration{}, fmt.Errorf("%w: calendar: %w", ErrInvalidOptions, err)
		}
		if rep.HiredAt.After(mi.seatFrom) {
			mi.seatFrom = rep.HiredAt
		}
		if !seatEnd.IsZero() && seatEnd.Before(mi.seat) {
			mi.seat = seatEnd
		}
		if mi.seatFrom.Before(mi.seat) {
			if mi.seatDays, err = count(mi.seatFrom, mi.seat); err != nil {
				return Proration{}, fmt.Errorf("%w: calendar: %w", ErrInvalidOptions, err)
			}
		}
		info[i] = mi
		if opts.SeasonalWeights != nil {
			weights[i] = opts.SeasonalWeights[i]
		} else {
			weights[i] = decimal.NewFromInt(int64(mi.days))
		}
		if mi.days == 0 && weights[i].IsPositive() {
			return Proration{}, fmt.Errorf("%w: month %s has no %s but seasonal weight %s", ErrInvalidOptions, m.Name, opts.Days, dec.Text(weights[i]))
		}
		wsum = wsum.Add(weights[i])
		res.SeatDays += mi.seatDays
		res.PeriodDays += mi.days
	}
	if !wsum.IsPositive() {
		if opts.SeasonalWeights != nil {
			return Proration{}, fmt.Errorf("%w: the seasonal weights of %s are all zero", ErrInvalidOptions, q.Period)
		}
		return Proration{}, fmt.Errorf("%w: %s has no %s", ErrInvalidOptions, q.Period, opts.Days)
	}
	res.SeasonalTotal = wsum

	full, scale := qpFull(q)
	fullRat, wsumRat := full.Rat(), wsum.Rat()
	exact := make([]*big.Rat, len(months))
	sum := new(big.Rat)
	for i, mi := range info {
		pm := ProratedMonth{
			Weight:   weights[i],
			Share:    qpDecimal(new(big.Rat).Quo(weights[i].Rat(), wsumRat)),
			SeatDays: mi.seatDays,
			Days:     mi.days,
		}
		x := new(big.Rat)
		if mi.seatDays > 0 {
			pm.Ramp = decimal.NewFromInt(1)
			if opts.Ramp {
				pm.TenureMonth = rep.TenureMonth(mi.seatFrom)
				if f, ok := rep.RampFactor(mi.seatFrom); ok {
					pm.Ramp = f
				}
			}
			first, err := cal.PeriodOf(activity.Daily, mi.seatFrom)
			if err != nil {
				return Proration{}, fmt.Errorf("%w: calendar: %w", ErrInvalidOptions, err)
			}
			pm.Seat = activity.Period{Start: first.Start, End: mi.seat}
			if years > 0 {
				// quota × seat days / (365 × years) × ramp
				x.Mul(fullRat, new(big.Rat).SetFrac64(int64(mi.seatDays), 365*int64(years)))
			} else {
				// quota × weight × seat days / days × ramp / Σ weights
				x.Mul(fullRat, weights[i].Rat())
				x.Mul(x, new(big.Rat).SetFrac64(int64(mi.seatDays), int64(mi.days)))
				x.Quo(x, wsumRat)
			}
			x.Mul(x, pm.Ramp.Rat())
		}
		pm.Exact = qpDecimal(x)
		exact[i] = x
		sum.Add(sum, x)
		res.Months[i] = pm
	}
	if absFull := new(big.Rat).Abs(fullRat); years > 0 && new(big.Rat).Abs(sum).Cmp(absFull) > 0 {
		// More than a year of 365 days in seat (a leap year): the quota,
		// split by the days.
		f := new(big.Rat).Quo(fullRat, sum)
		sum.Set(fullRat)
		for i := range exact {
			exact[i].Mul(exact[i], f)
			res.Months[i].Exact = qpDecimal(exact[i])
		}
	}

	if inc := opts.Increment; !inc.IsZero() {
		if -inc.Exponent() > scale && !inc.Equal(inc.Truncate(scale)) {
			return Proration{}, fmt.Errorf("%w: increment %s is finer than the quota's unit (%d places)", ErrInvalidOptions, dec.Text(inc), scale)
		}
		total, parts := qpRoundSplitBy(sum, exact, inc.Rat())
		res.Quota = qpWithValue(q, q.Period, decimal.NewFromBigInt(total, 0).Mul(inc))
		for i, mi := range info {
			res.Months[i].Quota = qpWithValue(q, mi.period, decimal.NewFromBigInt(parts[i], 0).Mul(inc))
		}
		return res, nil
	}
	total, parts := qpRoundSplit(sum, exact, scale)
	res.Quota = qpWithTarget(q, q.Period, total, scale)
	for i, mi := range info {
		res.Months[i].Quota = qpWithTarget(q, mi.period, parts[i], scale)
	}
	return res, nil
}

// qpWithValue returns q over period with its amount or count set to v
// (whole for a count).
func qpWithValue(q activity.Quota, period activity.Period, v decimal.Decimal) activity.Quota {
	q.Period = period
	if q.Amount.Valid {
		q.Amount = activity.Some(v)
	} else {
		q.Count = activity.Some(v.IntPart())
	}
	return q
}

// qpMonths returns the months of cal that make up p, which must be whole
// months, at most qpMaxMonths of them.
func qpMonths(p activity.Period, cal activity.Calendar, g activity.Granularity) ([]activity.Period, error) {
	if g == 0 {
		g = activity.Monthly
	}
	var months []activity.Period
	for m := range cal.Periods(g, p.Start, p.End) {
		if len(months) == qpMaxMonths {
			return nil, fmt.Errorf("%w: %s is longer than %d parts", ErrInvalidOptions, p, qpMaxMonths)
		}
		months = append(months, m)
	}
	if len(months) == 0 || !months[0].Start.Equal(p.Start) || !months[len(months)-1].End.Equal(p.End) {
		return nil, fmt.Errorf("%w: %s is not whole %s of the calendar", ErrInvalidOptions, p, g)
	}
	return months, nil
}

// qpDate returns the day number (days since 1970-01-01) of t's date in loc.
func qpDate(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// qpFull returns a valid quota's target and the decimal places its parts
// are rounded to: the currency's minor units for an amount, 0 for a count.
func qpFull(q activity.Quota) (decimal.Decimal, int32) {
	if v, ok := q.Amount.Get(); ok {
		return v, q.Currency.MinorUnits()
	}
	return decimal.NewFromInt(q.Count.Value), 0
}

// qpWithTarget returns q over period with its amount or count set to units
// at scale.
func qpWithTarget(q activity.Quota, period activity.Period, units *big.Int, scale int32) activity.Quota {
	q.Period = period
	if q.Amount.Valid {
		q.Amount = activity.Some(decimal.NewFromBigInt(units, -scale))
	} else {
		q.Count = activity.Some(units.Int64()) // no more than the quota's own count
	}
	return q
}

// qpDecimal returns x to qpDisplayPlaces decimal places, half away from
// zero.
func qpDecimal(x *big.Rat) decimal.Decimal {
	return decimal.NewFromBigRat(x, qpDisplayPlaces)
}

// qpRoundSplit rounds sum (the sum of exact, all non-negative) to scale
// decimal places half away from zero, and splits the result over exact by
// largest remainder, ties to the earlier position. Both come back as whole
// numbers of units of 10^-scale.
func qpRoundSplit(sum *big.Rat, exact []*big.Rat, scale int32) (*big.Int, []*big.Int) {
	return qpRoundSplitBy(sum, exact, new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
}

// qpRoundSplitBy is qpRoundSplit in units of unit (a positive amount): the
// total and the parts as whole numbers of units.
func qpRoundSplitBy(sum *big.Rat, exact []*big.Rat, unit *big.Rat) (*big.Int, []*big.Int) {
	pow := new(big.Rat).Inv(unit)
	scaled := new(big.Rat).Mul(sum, pow)
	// floor(x + 1/2) is half away from zero for x >= 0.
	scaled.Add(scaled, big.NewRat(1, 2))
	total := new(big.Int).Quo(scaled.Num(), scaled.Denom())

	parts := make([]*big.Int, len(exact))
	rems := make([]*big.Rat, len(exact))
	given := new(big.Int)
	for i, x := range exact {
		s := new(big.Rat).Mul(x, pow)
		q, r := new(big.Int).QuoRem(s.Num(), s.Denom(), new(big.Int))
		parts[i] = q
		rems[i] = new(big.Rat).SetFrac(r, s.Denom())
		given.Add(given, q)
	}
	// total − given is at most the number of positive remainders (it is
	// at most the ceiling of their sum), so no month without a remainder
	// gets a unit.
	left := new(big.Int).Sub(total, given)
	for _, i := range qpTopRemainders(len(rems), int(left.Int64()), func(a, b int) int { return rems[a].Cmp(rems[b]) }) {
		parts[i].Add(parts[i], big.NewInt(1))
	}
	return total, parts
}

// qpMaxDigits bounds the digits of an amount or weight Allocate splits, and
// its places on either side of the point: 40, far past any quota or weight,
// and small enough that the exact arithmetic stays fast.
const qpMaxDigits = 40

// qpSizeOK reports whether x has at most qpMaxDigits significant digits and
// an exponent within ±qpMaxDigits.
func qpSizeOK(x decimal.Decimal) bool {
	if x.IsZero() {
		return true
	}
	e := x.Exponent()
	return x.NumDigits() <= qpMaxDigits && e >= -qpMaxDigits && e <= qpMaxDigits
}

// qpShort writes x for an error message: its digits when it is of a sane
// size, else its coefficient's first digits and its exponent, so that a
// number of a billion digits is not written out.
func qpShort(x decimal.Decimal) string {
	if qpSizeOK(x) {
		return dec.Text(x)
	}
	c := x.Coefficient().String()
	if len(c) > 12 {
		c = c[:12] + "…"
	}
	return fmt.Sprintf("%se%d", c, x.Exponent())
}
