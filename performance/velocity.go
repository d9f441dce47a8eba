package performance

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// OpportunitySelection says which deals are the opportunities of a sales
// velocity.
type OpportunitySelection uint8

// Opportunity selections.
const (
	// OpportunitiesOpenNow (the default): the deals open at VelocityOptions.AsOf
	// (created before it and not closed by it), or with a zero AsOf the
	// deals open in the records, as the host took them: what is being
	// worked.
	OpportunitiesOpenNow OpportunitySelection = iota
	// OpportunitiesCreatedInPeriod: the deals created in the period, whatever their
	// status.
	OpportunitiesCreatedInPeriod
)

// String returns "open_now" or "created_in_period".
func (s OpportunitySelection) String() string {
	switch s {
	case OpportunitiesOpenNow:
		return "open_now"
	case OpportunitiesCreatedInPeriod:
		return "created_in_period"
	}
	return fmt.Sprintf("OpportunitySelection(%d)", uint8(s))
}

// MarshalText writes String.
func (s OpportunitySelection) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (s *OpportunitySelection) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, OpportunitiesOpenNow, OpportunitiesCreatedInPeriod, OpportunitySelection.MarshalText)
	if !ok {
		return fmt.Errorf("%w: opportunity selection %q", ErrInvalidOptions, text)
	}
	*s = v
	return nil
}

// VelocityInputs are inputs of a sales velocity the host supplies instead of
// having them computed: a planning figure, or a number from another system.
type VelocityInputs struct {
	Opportunities activity.Optional[int64]           `json:"opportunities,omitzero"`
	WinRate       activity.Optional[float64]         `json:"win_rate,omitzero"`
	DealSize      activity.Optional[decimal.Decimal] `json:"deal_size,omitzero"`
	CycleDays     activity.Optional[float64]         `json:"cycle_days,omitzero"`
}

// VelocityOptions says how each input of a sales velocity is computed. The
// zero value takes the deals open now as opportunities, and the win rate by
// count, the mean deal size of won deals and the mean cycle of won deals,
// each over the period.
type VelocityOptions struct {
	Opportunities OpportunitySelection
	// AsOf is when OpportunitiesOpenNow counts the open deals. Zero: the records' own
	// state.
	AsOf     time.Time
	WinRate  WinRateOptions
	DealSize DealSizeOptions
	Cycle    CycleOptions
	// Conversion, when not nil, converts amounts into Conversion.To for the
	// deal size and a win rate by value, in place of WinRate.Conversion and
	// DealSize.Conversion. Nil: theirs, and without them amounts in two
	// currencies are an error wrapping ErrMixedCurrencies.
	Conversion *activity.Conversion
	// Supplied inputs replace the computed ones.
	Supplied VelocityInputs
}

// Validate reports invalid options of any input and supplied inputs out of
// range (negative opportunities or deal size, a win rate outside [0, 1], a
// cycle of zero or fewer days).
func (o VelocityOptions) Validate() error {
	s := o.Supplied
	switch {
	case o.Opportunities > OpportunitiesCreatedInPeriod:
		return fmt.Errorf("%w: opportunities %v", ErrInvalidOptions, o.Opportunities)
	case s.Opportunities.Valid && s.Opportunities.Value < 0:
		return fmt.Errorf("%w: %d opportunities supplied", ErrInvalidOptions, s.Opportunities.Value)
	case s.WinRate.Valid && !(s.WinRate.Value >= 0 && s.WinRate.Value <= 1):
		return fmt.Errorf("%w: win rate %v supplied", ErrInvalidOptions, s.WinRate.Value)
	case s.DealSize.Valid && s.DealSize.Value.Sign() < 0:
		return fmt.Errorf("%w: deal size %s supplied", ErrInvalidOptions, s.DealSize.Value)
	case s.CycleDays.Valid && !(s.CycleDays.Value > 0):
		return fmt.Errorf("%w: cycle of %v days supplied", ErrInvalidOptions, s.CycleDays.Value)
	}
	for _, err := range []error{checkConversion(o.Conversion), o.WinRate.Validate(), o.DealSize.Validate(), o.Cycle.Validate()} {
		if err != nil {
			return err
		}
	}
	return nil
}

// Velocity is how much money the pipeline turns into a day:
//
//	PerDay    = Opportunities × WinRate × DealSize / CycleDays
//	PerPeriod = PerDay × the period's elapsed days
//
// DealSize is the mean deal size (exact); PerDay and PerPeriod are float64
// estimates in Currency. Supplied lists the inputs the host gave.
type Velocity struct {
	Scope         string            `json:"scope"`
	Period        activity.Period   `json:"period"`
	Opportunities int64             `json:"opportunities"`
	WinRate       float64           `json:"win_rate"`
	DealSize      decimal.Decimal   `json:"deal_size"`
	CycleDays     float64           `json:"cycle_days"`
	PerDay        float64           `json:"per_day"`
	PerPeriod     float64           `json:"per_period"`
	Currency      activity.Currency `json:"currency,omitempty"`
	Supplied      []string          `json:"supplied,omitempty"`
}

// String reads as "all: velocity 12,345.67 USD a day (150 opportunities ×
// 30.6% × 12,000.00 / 45.2 days)".
func (v Velocity) String() string {
	return fmt.Sprintf("%s: velocity %.2f %s a day (%d opportunities × %.1f%% × %s / %.1f days)",
		v.Scope, v.PerDay, v.Currency, v.Opportunities, 100*v.WinRate, v.DealSize.Round(2).StringFixed(2), v.CycleDays)
}

// rate fills PerDay and PerPeriod from the inputs.
func (v *Velocity) rate(periodDays float64) {
	v.PerDay = float64(v.Opportunities) * v.WinRate * v.DealSize.InexactFloat64() / v.CycleDays
	v.PerPeriod = v.PerDay * periodDays
}

// VelocityFrom returns the sales velocity of inputs computed elsewhere: a
// number of opportunities, a win rate, a deal size (its Mean) and a cycle
// (its MeanDays), labelled with scope and p. It is SalesVelocity for a host
// that already has the three KPIs, and costs no pass over the data. The
// deal size and cycle must be defined (Deals > 0); a mean cycle of zero
// days is an error wrapping ErrZeroDenominator, a negative opportunity
// count one wrapping ErrInvalidOptions.
func VelocityFrom(scope string, p activity.Period, opportunities int64, w WinLoss, s DealSize, c Cycle) (Velocity, error) {
	v := Velocity{Scope: scope, Period: p, Opportunities: opportunities, WinRate: w.Rate, DealSize: s.Mean, CycleDays: c.MeanDays, Currency: s.Currency}
	switch {
	case opportunities < 0:
		return v, fmt.Errorf("%w: %d opportunities", ErrInvalidOptions, opportunities)
	case w.Won+w.Lost == 0:
		return v, fmt.Errorf("%w: win rate of %s", ErrNoClosedDeals, scope)
	case s.Deals == 0:
		return v, fmt.Errorf("%w: deal size of %s", ErrNoWonDeals, scope)
	case c.Deals == 0:
		return v, fmt.Errorf("%w: cycle of %s", ErrNoWonDeals, scope)
	case !(c.MeanDays > 0):
		return v, fmt.Errorf("%w: the mean cycle of %s is %v days", ErrZeroDenominator, scope, c.MeanDays)
	}
	v.rate(p.End.Sub(p.Start).Seconds() / 86400)
	return v, nil
}

// SalesVelocity returns the sales velocity of the view in p (see Velocity
// and VelocityOptions). An input that cannot be computed (no decided deal,
// no won deal) makes it undefined: the error wraps that input's sentinel.
func SalesVelocity(v activity.View, p activity.Period, opt VelocityOptions) (Velocity, error) {
	if err := v.Err(); err != nil {
		return Velocity{}, err
	}
	gs, err := velocities(v, p, nil, opt)
	if err != nil {
		return Velocity{}, err
	}
	return gs[0].result, gs[0].err
}

// SalesVelocityBy returns the sales velocity of every group of the view, in
// key order, each input computed per group in one pass of its own. A period
// breakdown places opportunities by creation date. A group where an input is
// undefined is marked with the reason.
func SalesVelocityBy(v activity.View, p activity.Period, by activity.By, opt VelocityOptions) ([]activity.Group[Velocity], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	gs, err := velocities(v, p, &by, opt)
	if err != nil {
		return nil, err
	}
	out := make([]activity.Group[Velocity], len(gs))
	for i, g := range gs {
		out[i] = activity.Group[Velocity]{Key: g.key, Result: g.result}
		if g.err != nil {
			out[i].Undefined = g.err.Error()
		}
	}
	if !by.Total {
		return out, nil
	}
	// The inputs are means and counts, but the opportunities of a period
	// breakdown are placed by creation date: the total takes passes of
	// its own.
	total, err := SalesVelocity(v, p, opt)
	return appendTotal(out, total, err)
}

type velocityGroup struct {
	key    string
	result Velocity
	err    error
}

// velocities computes the inputs (one breakdown each, or the whole view)
// and joins them by key.
func velocities(v activity.View, p activity.Period, by *activity.By, opt VelocityOptions) ([]velocityGroup, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.Conversion != nil {
		opt.WinRate.Conversion, opt.DealSize.Conversion = opt.Conversion, opt.Conversion
	}
	// Each input in one pass of its own (means only: no quantile sorts).
	ix := v.Index()
	var g *grouper
	if by != nil {
		var err error
		if g, err = newGrouper(ix, *by, p); err != nil {
			return nil, err
		}
	}
	wins, err := winRatePass(v, p, opt.WinRate, g)
	if err != nil {
		return nil, err
	}
	sizes, sizeValues, err := dealSizePass(v, p, opt.DealSize, g)
	if err != nil {
		return nil, err
	}
	defer sizeValues.release()
	cycles, cycleValues, err := cyclePass(v, p, opt.Cycle, g)
	if err != nil {
		return nil, err
	}
	defer cycleValues.release()
	n := max(len(wins), len(sizes), len(cycles))
	opps := make([]int64, n)
	// Opportunities, in one pass.
	d := ixcols.DealsOf(ix)
	in := spanOf(p)
	asOf := ixcols.Nanos(opt.AsOf)
	for _, r := range v.DealRows() {
		switch opt.Opportunities {
		case OpportunitiesOpenNow:
			if opt.AsOf.IsZero() {
				if d.Status[r] != activity.StatusOpen {
					continue
				}
			} else if d.Created[r] >= asOf || (d.Status[r].Closed() && d.Closed[r] < asOf) {
				continue
			}
		case OpportunitiesCreatedInPeriod:
			if !in.has(d.Created[r]) {
				continue
			}
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, d.Created[r]); gi < 0 {
				continue
			}
		}
		for gi >= len(opps) {
			opps = append(opps, 0)
		}
		opps[gi]++
	}
	n = max(n, len(opps))
	has := func(i int) bool {
		return (i < len(wins) && wins[i].decided()+wins[i].excluded > 0) ||
			(i < len(sizes) && len(sizes[i].units)+len(sizes[i].big) > 0) ||
			(i < len(cycles) && len(cycles[i].durations) > 0) || (i < len(opps) && opps[i] > 0)
	}
	order := []int{0}
	if g != nil {
		order = g.order(func(i int) bool { return i < n && has(i) })
	}
	days := p.End.Sub(p.Start).Seconds() / 86400
	out := make([]velocityGroup, 0, len(order))
	for _, i := range order {
		scope, key, q := v.Label(), "", p
		if g != nil {
			scope, key, q = g.scope(v, i), g.names[i], g.period(i, p)
		}
		vel := Velocity{Scope: scope, Period: q}
		if i < len(opps) {
			vel.Opportunities = opps[i]
		}
		var err error
		s := opt.Supplied
		if s.Opportunities.Valid {
			vel.Opportunities = s.Opportunities.Value
			vel.Supplied = append(vel.Supplied, "opportunities")
		}
		if s.WinRate.Valid {
			vel.WinRate = s.WinRate.Value
			vel.Supplied = append(vel.Supplied, "win_rate")
		} else {
			var t WinRateTally
			if i < len(wins) {
				t = wins[i]
			}
			w, werr := t.Result(scope, q, opt.WinRate)
			vel.WinRate, err = w.Rate, werr
		}
		if s.DealSize.Valid {
			vel.DealSize = s.DealSize.Value
			vel.Supplied = append(vel.Supplied, "deal_size")
		} else {
			var t DealSizeTally
			if i < len(sizes) {
				t = sizes[i]
			}
			var serr error
			vel.DealSize, vel.Currency, serr = t.mean(scope, q, opt.DealSize)
			err = orErr(err, serr)
		}
		if s.CycleDays.Valid {
			vel.CycleDays = s.CycleDays.Value
			vel.Supplied = append(vel.Supplied, "cycle_days")
		} else {
			var t CycleTally
			if i < len(cycles) {
				t = cycles[i]
			}
			var cerr error
			vel.CycleDays, cerr = t.meanDays(scope, q, opt.Cycle)
			if cerr == nil && vel.CycleDays <= 0 {
				cerr = fmt.Errorf("%w: the mean cycle is %v days", ErrZeroDenominator, vel.CycleDays)
			}
			err = orErr(err, cerr)
		}
		if err != nil && !isUndefined(err) {
			return nil, err
		}
		if err == nil {
			vel.rate(days)
		}
		out = append(out, velocityGroup{key: key, result: vel, err: err})
	}
	return out, nil
}

// orErr keeps the first error.
func orErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}
