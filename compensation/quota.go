package compensation

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Weight is a rep's weight in a quota allocation: territory potential,
// last year's bookings, headcount-adjusted capacity, any non-negative
// number.
type Weight struct {
	Rep    string          `json:"rep"`
	Weight decimal.Decimal `json:"weight"`
}

// AllocateOptions says what quotas an allocation produces.
type AllocateOptions struct {
	// Period is the quotas' period. Required.
	Period activity.Period
	// OverAssignment raises the total handed out: 0.1 gives reps quotas
	// adding up to 110% of the number (the cushion against reps who miss).
	OverAssignment decimal.Decimal
	// Metric labels the quotas ("" is bookings).
	Metric string
}

// Allocate splits a company or team number among reps by their weights:
//
//	total handed out = round(total × (1 + OverAssignment))   (minor units, half away from zero)
//	quota(rep)       = total handed out × weight / Σ weights
//
// by largest remainder in the currency's minor units, so the quotas add up
// exactly to the total handed out (ties to the rep first in name order). It
// returns one activity.Quota a rep, in rep order. Errors wrap
// ErrInvalidOptions: an invalid period or currency, a negative total or
// over-assignment, no weights, an empty or repeated rep, a negative weight,
// weights that are all zero.
func Allocate(total decimal.Decimal, currency activity.Currency, weights []Weight, opts AllocateOptions) ([]activity.Quota, error) {
	if err := opts.Period.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if err := currency.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if total.IsNegative() || opts.OverAssignment.IsNegative() || len(weights) == 0 {
		return nil, fmt.Errorf("%w: total %s, over-assignment %s, %d weights", ErrInvalidOptions, total, opts.OverAssignment, len(weights))
	}
	ws := slices.Clone(weights)
	slices.SortFunc(ws, func(a, b Weight) int { return cmp.Compare(a.Rep, b.Rep) })
	sum := decimal.Zero
	for i, w := range ws {
		if w.Rep == "" || (i > 0 && ws[i-1].Rep == w.Rep) || w.Weight.IsNegative() {
			return nil, fmt.Errorf("%w: rep %q empty, repeated or with a negative weight %s", ErrInvalidOptions, w.Rep, w.Weight)
		}
		sum = sum.Add(w.Weight)
	}
	if !sum.IsPositive() {
		return nil, fmt.Errorf("%w: every weight is zero", ErrInvalidOptions)
	}
	scale := currency.MinorUnits()
	out := total.Mul(decimal.NewFromInt(1).Add(opts.OverAssignment)).Round(scale)
	splits := make([]Split, len(ws))
	for i, w := range ws {
		splits[i] = Split{Rep: w.Rep, Share: w.Weight.DivRound(sum, 30)}
	}
	parts := largestRemainder(out, splits, scale)
	quotas := make([]activity.Quota, len(ws))
	for i, w := range ws {
		quotas[i] = activity.Quota{Rep: w.Rep, Metric: opts.Metric, Period: opts.Period, Amount: activity.Some(parts[i]), Currency: currency}
	}
	return quotas, nil
}

// DayCount says how proration counts days.
type DayCount uint8

// Day counts.
const (
	// CalendarDays (the default) counts the elapsed days.
	CalendarDays DayCount = iota
	// WorkingDaysCount counts the calendar's working days.
	WorkingDaysCount
)

// ProrateOptions says how a quota is prorated for a rep.
type ProrateOptions struct {
	// Calendar gives the months the quota is spread over and, under
	// WorkingDaysCount, the working days.
	Calendar activity.Calendar
	Days     DayCount
	// Ramp applies the rep's ramp schedule (activity.Rep.Ramp, by tenure
	// month at each month's start).
	Ramp bool
	// SeasonalWeights spread the quota over its months in these
	// proportions (normalised by their sum); nil spreads it by days.
	SeasonalWeights []decimal.Decimal
}

// ProratedMonth is one month of a prorated quota and why it is what it is.
type ProratedMonth struct {
	Quota     activity.Quota  `json:"quota"`
	Seasonal  decimal.Decimal `json:"seasonal"`   // the month's share of the period's quota
	InSeat    decimal.Decimal `json:"in_seat"`    // the share of the month's days the rep was in seat
	Ramp      decimal.Decimal `json:"ramp"`       // the ramp factor at the month's start
	SeatDays  int             `json:"seat_days"`  // days in seat in the month
	MonthDays int             `json:"month_days"` // days in the month
}

// Prorate adjusts a quota for a rep who starts or leaves within its period
// and who may be ramping, month by month:
//
//	month's quota = quota × seasonal share × days in seat / days in month × ramp
//
// where the seasonal share is the month's weight over the sum (by default
// its days over the period's), days are elapsed or working days of the
// calendar, days in seat run from the rep's HiredAt to LeftAt, and ramp is
// the rep's ramp fraction at the month's start (under Ramp). The months'
// exact amounts are rounded by largest remainder to the currency's minor
// units so they add up exactly to the rounded prorated total. It returns the
// prorated quota over the whole period and its months. Errors wrap
// ErrInvalidOptions: a quota without an amount, an invalid period or
// currency, a period that is not whole months of the calendar, seasonal
// weights of the wrong number, negative or all zero, an invalid rep.
func Prorate(q activity.Quota, rep activity.Rep, opts ProrateOptions) (activity.Quota, []ProratedMonth, error) {
	amount, ok := q.Amount.Get()
	if !ok {
		return q, nil, fmt.Errorf("%w: the quota has no amount", ErrInvalidOptions)
	}
	if err := q.Currency.Validate(); err != nil {
		return q, nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if err := rep.Validate(); err != nil {
		return q, nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	months, err := planMonthsOf(q.Period, opts.Calendar)
	if err != nil {
		return q, nil, err
	}
	count := func(from, to time.Time) (int, error) {
		if !to.After(from) {
			return 0, nil
		}
		if opts.Days == WorkingDaysCount {
			return opts.Calendar.WorkingDays(from, to)
		}
		return int(to.Sub(from).Round(time.Hour).Hours() / 24), nil
	}
	weights := opts.SeasonalWeights
	if weights == nil {
		for _, m := range months {
			n, err := count(m.Start, m.End)
			if err != nil {
				return q, nil, err
			}
			weights = append(weights, decimal.NewFromInt(int64(n)))
		}
	}
	if len(weights) != len(months) {
		return q, nil, fmt.Errorf("%w: %d seasonal weights for %d months", ErrInvalidOptions, len(weights), len(months))
	}
	wsum := decimal.Zero
	for _, w := range weights {
		if w.IsNegative() {
			return q, nil, fmt.Errorf("%w: a negative seasonal weight %s", ErrInvalidOptions, w)
		}
		wsum = wsum.Add(w)
	}
	if !wsum.IsPositive() {
		return q, nil, fmt.Errorf("%w: the seasonal weights are all zero", ErrInvalidOptions)
	}
	out := make([]ProratedMonth, len(months))
	exact := make([]decimal.Decimal, len(months))
	total := decimal.Zero
	for i, m := range months {
		seatFrom, seatTo := m.Start, m.End
		if !rep.HiredAt.IsZero() && rep.HiredAt.After(seatFrom) {
			seatFrom = rep.HiredAt
		}
		if !rep.LeftAt.IsZero() && rep.LeftAt.Before(seatTo) {
			seatTo = rep.LeftAt
		}
		md, err := count(m.Start, m.End)
		if err != nil {
			return q, nil, err
		}
		sd, err := count(seatFrom, seatTo)
		if err != nil {
			return q, nil, err
		}
		pm := ProratedMonth{Seasonal: weights[i].DivRound(wsum, 20), SeatDays: sd, MonthDays: md, Ramp: decimal.NewFromInt(1), InSeat: decimal.Zero}
		if md > 0 {
			pm.InSeat = decimal.NewFromInt(int64(sd)).DivRound(decimal.NewFromInt(int64(md)), 20)
		}
		if opts.Ramp {
			if f, ok := rep.RampFactor(m.Start); ok {
				pm.Ramp = f
			} else if len(rep.Ramp) > 0 {
				pm.Ramp = rep.Ramp[0] // hired within the month: its first tenure month
			}
		}
		// amount × weight / Σ weights × seat / month × ramp, divided once.
		num := amount.Mul(weights[i]).Mul(decimal.NewFromInt(int64(sd))).Mul(pm.Ramp)
		den := wsum.Mul(decimal.NewFromInt(int64(max(md, 1))))
		exact[i] = num.DivRound(den, 20)
		total = total.Add(exact[i])
		out[i] = pm
	}
	scale := q.Currency.MinorUnits()
	rounded := total.Round(scale)
	splits := make([]Split, len(months))
	for i := range splits {
		splits[i] = Split{Share: decimal.Zero}
		if total.IsPositive() {
			splits[i].Share = exact[i].DivRound(total, 30)
		}
	}
	parts := largestRemainder(rounded, splits, scale)
	for i, m := range months {
		out[i].Quota = activity.Quota{Rep: q.Rep, Team: q.Team, Metric: q.Metric, Period: m, Amount: activity.Some(parts[i]), Currency: q.Currency}
	}
	res := q
	res.Amount = activity.Some(rounded)
	return res, out, nil
}

// planMonthsOf returns the calendar months of p, which must be whole months.
func planMonthsOf(p activity.Period, cal activity.Calendar) ([]activity.Period, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if err := cal.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	var months []activity.Period
	for m := range cal.Periods(activity.Monthly, p.Start, p.End) {
		months = append(months, m)
	}
	if len(months) == 0 || !months[0].Start.Equal(p.Start) || !months[len(months)-1].End.Equal(p.End) {
		return nil, fmt.Errorf("%w: %s is not whole months of the calendar", ErrInvalidOptions, p)
	}
	return months, nil
}
