package performance

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// OpportunitySelection says which deals are the opportunities of a sales
// velocity.
type OpportunitySelection uint8

// Opportunity selections.
const (
	// OpenNow (the default): the deals open in the records, whenever
	// created: what is being worked.
	OpenNow OpportunitySelection = iota
	// CreatedInPeriodOpps: the deals created in the period, whatever their
	// status.
	CreatedInPeriodOpps
)

// String returns "open_now" or "created_in_period".
func (s OpportunitySelection) String() string {
	switch s {
	case OpenNow:
		return "open_now"
	case CreatedInPeriodOpps:
		return "created_in_period"
	}
	return fmt.Sprintf("OpportunitySelection(%d)", uint8(s))
}

// MarshalText writes String.
func (s OpportunitySelection) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

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
	WinRate       WinRateOptions
	DealSize      DealSizeOptions
	Cycle         CycleOptions
	// Supplied inputs replace the computed ones.
	Supplied VelocityInputs
}

// Validate reports invalid options of any input and supplied inputs out of
// range (negative opportunities or deal size, a win rate outside [0, 1], a
// cycle of zero or fewer days).
func (o VelocityOptions) Validate() error {
	s := o.Supplied
	switch {
	case o.Opportunities > CreatedInPeriodOpps:
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
	for _, err := range []error{o.WinRate.Validate(), o.DealSize.Validate(), o.Cycle.Validate()} {
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

// SalesVelocity returns the sales velocity of the view in p (see Velocity
// and VelocityOptions). An input that cannot be computed (no decided deal,
// no won deal) makes it undefined: the error wraps that input's sentinel.
func SalesVelocity(v activity.View, p activity.Period, opt VelocityOptions) (Velocity, error) {
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
func SalesVelocityBy(v activity.View, p activity.Period, by By, opt VelocityOptions) ([]Group[Velocity], error) {
	if err := by.Validate(); err != nil {
		return nil, err
	}
	gs, err := velocities(v, p, &by, opt)
	if err != nil {
		return nil, err
	}
	out := make([]Group[Velocity], len(gs))
	for i, g := range gs {
		out[i] = Group[Velocity]{Key: g.key, Result: g.result}
		if g.err != nil {
			out[i].Undefined = g.err.Error()
		}
	}
	return out, nil
}

type velocityGroup struct {
	key    string
	result Velocity
	err    error
}

// velocities computes the inputs (one breakdown each, or the whole view)
// and joins them by key.
func velocities(v activity.View, p activity.Period, by *By, opt VelocityOptions) ([]velocityGroup, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	type inputs struct {
		opps  int64
		win   Group[WinLoss]
		size  Group[DealSize]
		cycle Group[Cycle]
	}
	byKey := map[string]*inputs{}
	var keys []string
	at := func(k string) *inputs {
		in, ok := byKey[k]
		if !ok {
			in = &inputs{}
			byKey[k] = in
			keys = append(keys, k)
		}
		return in
	}
	if by == nil {
		in := at("")
		var err error
		if in.win, err = asGroup(WinRate(v, p, opt.WinRate)); err != nil {
			return nil, err
		}
		if in.size, err = asGroup(DealSizeOf(v, p, opt.DealSize)); err != nil {
			return nil, err
		}
		if in.cycle, err = asGroup(SalesCycle(v, p, opt.Cycle)); err != nil {
			return nil, err
		}
	} else {
		ws, err := WinRateBy(v, p, *by, opt.WinRate)
		if err != nil {
			return nil, err
		}
		ss, err := DealSizeBy(v, p, *by, opt.DealSize)
		if err != nil {
			return nil, err
		}
		cs, err := SalesCycleBy(v, p, *by, opt.Cycle)
		if err != nil {
			return nil, err
		}
		for _, g := range ws {
			at(g.Key).win = g
		}
		for _, g := range ss {
			at(g.Key).size = g
		}
		for _, g := range cs {
			at(g.Key).cycle = g
		}
	}
	// Opportunities, in one pass.
	ix := v.Index()
	d := &ix.Deals
	in := spanOf(p)
	var g *grouper
	if by != nil {
		var err error
		if g, err = newGrouper(ix, *by, p); err != nil {
			return nil, err
		}
	}
	counts := make(map[int]int64)
	for _, r := range v.DealRows() {
		switch opt.Opportunities {
		case OpenNow:
			if d.Status[r] != activity.StatusOpen {
				continue
			}
		case CreatedInPeriodOpps:
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
		counts[gi]++
	}
	for gi, n := range counts {
		k := ""
		if g != nil {
			k = g.names[gi]
		}
		at(k).opps = n
	}
	if g != nil {
		// Key order as the breakdowns give it (periods in time order).
		order := g.order(func(i int) bool { _, ok := byKey[g.names[i]]; return ok })
		keys = keys[:0]
		for _, i := range order {
			if _, ok := byKey[g.names[i]]; ok {
				keys = append(keys, g.names[i])
			}
		}
	}

	days := p.End.Sub(p.Start).Seconds() / 86400
	out := make([]velocityGroup, 0, len(keys))
	for _, k := range keys {
		in := byKey[k]
		scope := v.Label()
		if by != nil {
			scope = g.scopeOf(v, k)
		}
		vel := Velocity{Scope: scope, Period: p, Opportunities: in.opps}
		var err error
		s := opt.Supplied
		if s.Opportunities.Valid {
			vel.Opportunities = s.Opportunities.Value
			vel.Supplied = append(vel.Supplied, "opportunities")
		}
		switch {
		case s.WinRate.Valid:
			vel.WinRate = s.WinRate.Value
			vel.Supplied = append(vel.Supplied, "win_rate")
		case in.win.Undefined != "" || in.win.Result.Won+in.win.Result.Lost == 0:
			err = fmt.Errorf("%w: win rate: %s", ErrNoClosedDeals, orText(in.win.Undefined, "no closed deals"))
		default:
			vel.WinRate = in.win.Result.Rate
		}
		switch {
		case s.DealSize.Valid:
			vel.DealSize = s.DealSize.Value
			vel.Supplied = append(vel.Supplied, "deal_size")
		case in.size.Undefined != "" || in.size.Result.Deals == 0:
			err = orErr(err, fmt.Errorf("%w: deal size: %s", ErrNoWonDeals, orText(in.size.Undefined, "no deals")))
		default:
			vel.DealSize, vel.Currency = in.size.Result.Mean, in.size.Result.Currency
		}
		switch {
		case s.CycleDays.Valid:
			vel.CycleDays = s.CycleDays.Value
			vel.Supplied = append(vel.Supplied, "cycle_days")
		case in.cycle.Undefined != "" || in.cycle.Result.Deals == 0:
			err = orErr(err, fmt.Errorf("%w: cycle: %s", ErrNoWonDeals, orText(in.cycle.Undefined, "no deals")))
		case in.cycle.Result.MeanDays <= 0:
			err = orErr(err, fmt.Errorf("%w: the mean cycle is %v days", ErrZeroDenominator, in.cycle.Result.MeanDays))
		default:
			vel.CycleDays = in.cycle.Result.MeanDays
		}
		if err == nil {
			vel.PerDay = float64(vel.Opportunities) * vel.WinRate * vel.DealSize.InexactFloat64() / vel.CycleDays
			vel.PerPeriod = vel.PerDay * days
		}
		out = append(out, velocityGroup{key: k, result: vel, err: err})
	}
	return out, nil
}

// asGroup turns a KPI's result into a group, marked undefined for an error
// that says the KPI is undefined; any other error is returned.
func asGroup[R any](r R, err error) (Group[R], error) {
	g := Group[R]{Result: r}
	if err != nil {
		if !isUndefined(err) {
			return g, err
		}
		g.Undefined = err.Error()
	}
	return g, nil
}

func orText(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// orErr keeps the first error.
func orErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}
