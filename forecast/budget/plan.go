package budget

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Budget line categories a plan writes (fixed lines keep their own).
const (
	CategoryBase      = "base salary"
	CategoryVariable  = "variable pay"
	CategoryGuarantee = "ramp guarantee"
	CategoryOnCosts   = "on-costs"
	CategoryMarketing = "marketing"
)

// Staff is what the reps cost.
type Staff struct {
	// BaseSalary is a rep's base salary for a year, paid by month.
	BaseSalary decimal.Decimal
	// OnCostRate is the employer's costs on top of pay (payroll taxes,
	// benefits) as a share of base, variable pay and guarantees: 0.25.
	OnCostRate decimal.Decimal
	// Plan, when set, is the reps' pay plan: a rep's expected variable pay
	// in a month is the plan's pay (compensation.PayCurve) at the expected
	// attainment (the capacity's Attainment) of the rep's quota for its
	// pay period (QuotaPerRep a month, times the ramp factor while
	// ramping), spread evenly over the pay period's months. Nil: no
	// variable pay.
	Plan *compensation.Plan
	// PayPeriod is the plan's period: months (zero, or activity.Monthly)
	// or quarters (activity.Quarterly), which the budget's months must fit.
	PayPeriod activity.Granularity
	// Guarantee, when set, is the pay a ramping rep (ramp factor below 1)
	// is guaranteed a month: the budget adds what the expected variable pay
	// falls short of it.
	Guarantee decimal.Decimal
}

// Marketing is what the leads cost, from the funnel backwards:
//
//	deals needed = Target / DealSize
//	leads needed = deals needed / LeadToWon
//	cost(source) = leads needed × Share(source) × CostPerLead(source)
//
// spread evenly over the budget's months. LeadToWon and DealSize are the
// history's (performance.LeadFunnel's LeadToWon, performance.DealSize's
// mean); the cost per lead by source, LeadFunnel's under spend records.
type Marketing struct {
	DealSize  decimal.Decimal
	LeadToWon decimal.Decimal
	Sources   []SourceMix
	// OpportunityWinRate, when set, is the share of opportunities won:
	// the budget then says how many opportunities the target needs
	// (deals needed / OpportunityWinRate).
	OpportunityWinRate decimal.Decimal
}

// SourceMix is a lead source's share of the leads and what one costs.
type SourceMix struct {
	Source      activity.Source
	Share       decimal.Decimal
	CostPerLead decimal.Decimal
}

// PlanInput is what a budget is planned from: a bookings target over a
// period, the team and its economics, the reps' pay, the funnel's costs,
// and fixed lines.
type PlanInput struct {
	// Name labels the budget's version: "plan", "reforecast Q2".
	Name string
	// Period is the budget's span, whole months of Capacity.Calendar.
	Period activity.Period
	// Target is the bookings the plan must bring over Period.
	Target decimal.Decimal
	// Reps is the roster at the start: with Capacity, what the team books
	// (forecast.Capacity) and how many reps to hire (forecast.RepsNeeded).
	Reps     []activity.Rep
	Capacity forecast.CapacityOptions
	Staff    Staff
	// Marketing, when its DealSize is set, budgets the leads the target
	// needs.
	Marketing Marketing
	// Fixed are the lines the host supplies (tools, travel, events), each
	// counted in the months of Period its time overlaps, in proportion.
	Fixed []Entry
}

// Line is one line of a planned budget, with the arithmetic behind it:
// Amount = Quantity × Rate (Quantity heads, leads, pay or a share of a
// fixed line; Rate per unit), and Note saying what they are. Amounts are
// computed exactly and rounded to 20 decimal places, the months of a
// category (and source) by largest remainder, so that they add up to the
// category's exact total; Quantity and Rate are shown to 20 places.
type Line struct {
	Period   activity.Period `json:"period"`
	Category string          `json:"category"`
	Source   activity.Source `json:"source,omitempty"`
	Quantity decimal.Decimal `json:"quantity"`
	Rate     decimal.Decimal `json:"rate"`
	Amount   decimal.Decimal `json:"amount"`
	Note     string          `json:"note"`
}

// MarshalJSON writes l with every decimal as a string of its digits.
func (l Line) MarshalJSON() ([]byte, error) { type plain Line; return dec.Marshal(plain(l)) }

// CategoryTotal is what a category costs over the budget.
type CategoryTotal struct {
	Category string          `json:"category"`
	Amount   decimal.Decimal `json:"amount"`
}

// Budget is a planned budget: lines by month and category, their totals,
// and its headline ratios:
//
//	CostOfSales     = Total / Target
//	DealsNeeded     = Target / DealSize                      (with Marketing)
//	LeadsNeeded     = DealsNeeded / LeadToWon
//	Opportunities   = DealsNeeded / OpportunityWinRate      (when given)
//	CostPerDeal     = Total / DealsNeeded                   (the CAC the plan implies)
//	BookingsPerHire = Hiring.PerHire                        (what each hire must bring)
//
// Money is exact (to 20 decimal places where a division needs it); round
// to the currency's minor units to show it.
type Budget struct {
	Name     string            `json:"name"`
	Period   activity.Period   `json:"period"`
	Currency activity.Currency `json:"currency"`
	Target   decimal.Decimal   `json:"target"`
	Hiring   forecast.Hiring   `json:"hiring"`
	// Heads is the expected headcount by month: the roster and the hires,
	// each weighted by the chance it is still there (attrition).
	Heads  []decimal.Decimal `json:"heads"`
	Lines  []Line            `json:"lines"`
	Totals []CategoryTotal   `json:"totals"`
	Total  decimal.Decimal   `json:"total"`

	CostOfSales     decimal.Decimal                    `json:"cost_of_sales"`
	DealsNeeded     activity.Optional[decimal.Decimal] `json:"deals_needed,omitzero"`
	Opportunities   activity.Optional[decimal.Decimal] `json:"opportunities_needed,omitzero"`
	LeadsNeeded     activity.Optional[decimal.Decimal] `json:"leads_needed,omitzero"`
	CostPerDeal     activity.Optional[decimal.Decimal] `json:"cost_per_deal,omitzero"`
	BookingsPerHire decimal.Decimal                    `json:"bookings_per_hire"`
}

// MarshalJSON writes b with every decimal as a string of its digits.
func (b Budget) MarshalJSON() ([]byte, error) { type plain Budget; return dec.Marshal(plain(b)) }

// String reads as a headline and one line a category.
func (b Budget) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s %s: %s for a target of %s (cost of sales %s%%); hire %d", b.Name, b.Period.Name, money(b.Total, b.Currency),
		money(b.Target, b.Currency), b.CostOfSales.Mul(decimal.NewFromInt(100)).StringFixed(1), b.Hiring.Hires)
	if c, ok := b.CostPerDeal.Get(); ok {
		fmt.Fprintf(&s, "; %s a won deal", money(c, b.Currency))
	}
	for _, t := range b.Totals {
		fmt.Fprintf(&s, "\n  %-18s %s", t.Category, money(t.Amount, b.Currency))
	}
	return s.String()
}

// Entries returns the budget's lines as entries, one a month and category
// (marketing's sources summed, as spend records of category "marketing"
// are), for Track.
func (b Budget) Entries() []Entry {
	var out []Entry
	at := map[[2]string]int{}
	for _, l := range b.Lines {
		cat := l.Category
		k := [2]string{l.Period.Name + "|" + l.Period.Start.String(), cat}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, Entry{Period: l.Period, Category: cat, Currency: b.Currency})
		}
		out[i].Amount = out[i].Amount.Add(l.Amount)
	}
	return out
}

// Validate reports inputs a budget cannot be planned from, each wrapping
// ErrInvalidOptions: a target not above zero, a negative salary, on-cost
// rate or guarantee, a pay period other than months or quarters, a
// marketing funnel with a deal size or lead-to-won rate not above zero (or
// above one), source shares that are negative or do not sum to 1, a
// negative cost per lead, an invalid fixed line, or lines in a currency
// other than the capacity's. The capacity options and roster are checked
// by forecast.Capacity.
func (in PlanInput) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidOptions, fmt.Sprintf(format, a...))
	}
	one := decimal.NewFromInt(1)
	switch st := in.Staff; {
	case !in.Target.IsPositive():
		return bad("target %s not above zero", in.Target)
	case st.BaseSalary.IsNegative() || st.OnCostRate.IsNegative() || st.Guarantee.IsNegative():
		return bad("negative salary %s, on-cost rate %s or guarantee %s", st.BaseSalary, st.OnCostRate, st.Guarantee)
	case st.PayPeriod != 0 && st.PayPeriod != activity.Monthly && st.PayPeriod != activity.Quarterly:
		return bad("pay period %v: months or quarters", st.PayPeriod)
	}
	if m := in.Marketing; !m.DealSize.IsZero() || len(m.Sources) > 0 {
		if !m.DealSize.IsPositive() || !m.LeadToWon.IsPositive() || m.LeadToWon.GreaterThan(one) ||
			m.OpportunityWinRate.IsNegative() || m.OpportunityWinRate.GreaterThan(one) {
			return bad("a funnel with deal size %s, lead-to-won %s and opportunity win rate %s", m.DealSize, m.LeadToWon, m.OpportunityWinRate)
		}
		var sum decimal.Decimal
		for _, s := range m.Sources {
			if s.Share.IsNegative() || s.CostPerLead.IsNegative() {
				return bad("source %q with share %s and cost per lead %s", s.Source, s.Share, s.CostPerLead)
			}
			sum = sum.Add(s.Share)
		}
		if !sum.Equal(one) {
			return bad("source shares sum to %s, not 1", sum)
		}
	}
	for i, e := range in.Fixed {
		if err := e.Validate(); err != nil {
			return fmt.Errorf("%w: fixed line %d: %w", ErrInvalidOptions, i, err)
		}
		if in.Capacity.Currency != "" && e.Currency != in.Capacity.Currency {
			return fmt.Errorf("%w: fixed line %d in %s, the plan in %s", ErrMixedCurrencies, i, e.Currency, in.Capacity.Currency)
		}
	}
	if p := in.Staff.Plan; p != nil && in.Capacity.Currency != "" && p.Currency != in.Capacity.Currency {
		return fmt.Errorf("%w: the pay plan in %s, the capacity in %s", ErrMixedCurrencies, p.Currency, in.Capacity.Currency)
	}
	return nil
}

// Plan plans the budget of in:
//
//   - the hires the target needs (forecast.RepsNeeded: the roster's
//     capacity with ramp and attrition, hires at the lead time), and the
//     expected heads by month: each rep on the roster and each hire,
//     weighted by (1 − attrition)^k from the plan's start (a hire's, from
//     its first month), as forecast.Capacity counts them;
//   - by month: base salary (heads × BaseSalary / 12), variable pay (heads
//     × the plan's pay at the expected attainment, ramping reps on their
//     ramped quota), ramp guarantees (heads × what the variable pay falls
//     short of Guarantee, while ramping), on-costs (OnCostRate × the three);
//   - marketing by source, from the funnel backwards (see Marketing);
//   - the fixed lines, in the months they overlap.
//
// Errors: invalid inputs (PlanInput.Validate, forecast's), a pay plan
// StatementFor cannot rate, a target no hire can reach.
func Plan(in PlanInput) (Budget, error) {
	if err := in.Validate(); err != nil {
		return Budget{}, err
	}
	h, err := forecast.RepsNeeded(in.Reps, in.Target, in.Period, in.Capacity)
	if err != nil {
		return Budget{}, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	cur := in.Capacity.Currency
	if cur == "" && in.Staff.Plan != nil {
		cur = in.Staff.Plan.Currency
	}
	b := Budget{Name: in.Name, Period: in.Period, Currency: cur, Target: in.Target, Hiring: h, BookingsPerHire: h.PerHire}
	months := make([]activity.Period, len(h.Team.Months))
	for k, m := range h.Team.Months {
		months[k] = m.Period
	}
	b.Heads = make([]decimal.Decimal, len(months))

	// The people: the roster and h.Hires hires at the lead time.
	type person struct {
		rep    activity.Rep
		weight decimal.Decimal // how many such reps
		from   int             // the month their survival counts from
	}
	var people []person
	for _, r := range in.Reps {
		people = append(people, person{rep: r, weight: decimal.NewFromInt(1)})
	}
	if L := in.Capacity.HiringLeadMonths; h.Hires > 0 && L < len(months) {
		hire := activity.Rep{ID: "hire", HiredAt: months[L].Start, Ramp: in.Capacity.Ramp}
		people = append(people, person{rep: hire, weight: decimal.NewFromInt(h.Hires), from: L})
	}
	retention := decimal.NewFromInt(1).Sub(in.Capacity.MonthlyAttrition)
	pay := newPayModel(in, months)
	st := in.Staff
	monthlyBase := new(big.Rat).Quo(st.BaseSalary.Rat(), big.NewRat(12, 1))
	var exact []*big.Rat // each line's exact amount, by line
	add := func(l Line, x *big.Rat) {
		b.Lines = append(b.Lines, l)
		exact = append(exact, x)
	}
	one := decimal.NewFromInt(1)
	for k, m := range months {
		heads, variable, guarantee := new(big.Rat), new(big.Rat), new(big.Rat)
		for _, pp := range people {
			if !pp.rep.LeftAt.IsZero() && !pp.rep.LeftAt.After(m.Start) {
				continue
			}
			f, ok := pp.rep.RampFactor(m.Start)
			if !ok {
				continue // not hired yet
			}
			w := pp.weight.Mul(retention.Pow(decimal.NewFromInt(int64(k - pp.from)))).Rat()
			heads.Add(heads, w)
			v, err := pay.variable(k, f)
			if err != nil {
				return Budget{}, err
			}
			variable.Add(variable, new(big.Rat).Mul(w, v))
			if g := st.Guarantee.Rat(); f.LessThan(one) && v.Cmp(g) < 0 {
				guarantee.Add(guarantee, new(big.Rat).Mul(w, new(big.Rat).Sub(g, v)))
			}
		}
		h := show(heads)
		b.Heads[k] = h
		base := new(big.Rat).Mul(heads, monthlyBase)
		add(Line{Period: m, Category: CategoryBase, Quantity: h, Rate: show(monthlyBase), Note: "expected heads × base salary / 12"}, base)
		if st.Plan != nil {
			add(Line{Period: m, Category: CategoryVariable, Quantity: h, Rate: show(quo(variable, heads)),
				Note: fmt.Sprintf("expected heads × the plan's pay at %s%% attainment (ramping reps on their ramped quota)",
					in.Capacity.Attainment.Mul(decimal.NewFromInt(100)).String())}, variable)
		}
		if guarantee.Sign() > 0 {
			add(Line{Period: m, Category: CategoryGuarantee, Quantity: h, Rate: show(quo(guarantee, heads)),
				Note: "ramping reps' pay topped up to the guarantee of " + money(st.Guarantee, cur)}, guarantee)
		}
		if st.OnCostRate.IsPositive() {
			pays := new(big.Rat).Add(base, variable)
			pays.Add(pays, guarantee)
			add(Line{Period: m, Category: CategoryOnCosts, Quantity: show(pays), Rate: st.OnCostRate,
				Note: "on-cost rate × base, variable pay and guarantees"}, new(big.Rat).Mul(pays, st.OnCostRate.Rat()))
		}
	}

	// Marketing from the funnel backwards.
	if mk := in.Marketing; mk.DealSize.IsPositive() {
		deals := new(big.Rat).Quo(in.Target.Rat(), mk.DealSize.Rat())
		leads := new(big.Rat).Quo(deals, mk.LeadToWon.Rat())
		b.DealsNeeded, b.LeadsNeeded = activity.Some(show(deals)), activity.Some(show(leads))
		if r := mk.OpportunityWinRate; r.IsPositive() {
			b.Opportunities = activity.Some(show(new(big.Rat).Quo(deals, r.Rat())))
		}
		n := big.NewRat(int64(len(months)), 1)
		for _, s := range mk.Sources {
			perMonth := new(big.Rat).Mul(leads, s.Share.Rat())
			perMonth.Quo(perMonth, n)
			for _, m := range months {
				add(Line{Period: m, Category: CategoryMarketing, Source: s.Source, Quantity: show(perMonth), Rate: s.CostPerLead,
					Note: "leads needed × source share / months × cost per lead"}, new(big.Rat).Mul(perMonth, s.CostPerLead.Rat()))
			}
		}
	}
	// Fixed lines, in proportion to their time in each month.
	for _, e := range in.Fixed {
		for _, m := range months {
			share := overlap(e.Period, m.Start, m.End)
			if share == nil {
				continue
			}
			add(Line{Period: m, Category: e.Category, Quantity: show(share), Rate: e.Amount, Note: "a fixed line, its share of the month"},
				new(big.Rat).Mul(share, e.Amount.Rat()))
		}
	}
	roundLines(b.Lines, exact)

	// Totals and headlines.
	at := map[string]int{}
	for _, l := range b.Lines {
		i, ok := at[l.Category]
		if !ok {
			i = len(b.Totals)
			at[l.Category] = i
			b.Totals = append(b.Totals, CategoryTotal{Category: l.Category})
		}
		b.Totals[i].Amount = b.Totals[i].Amount.Add(l.Amount)
		b.Total = b.Total.Add(l.Amount)
	}
	slices.SortStableFunc(b.Totals, func(x, y CategoryTotal) int { return y.Amount.Cmp(x.Amount) })
	b.CostOfSales = ratDiv(b.Total, in.Target)
	if d, ok := b.DealsNeeded.Get(); ok && d.IsPositive() {
		b.CostPerDeal = activity.Some(ratDiv(b.Total, d))
	}
	return b, nil
}

// roundLines sets each line's Amount from its exact amount: to 20 decimal
// places, the months of each category (and source) by largest remainder,
// so that they add up to the category's exact total rounded once (ties to
// the earlier line).
func roundLines(lines []Line, exact []*big.Rat) {
	type group struct {
		rows []int
		sum  big.Rat
	}
	var order []string
	groups := map[string]*group{}
	for i, l := range lines {
		k := l.Category + "\x00" + string(l.Source)
		g, ok := groups[k]
		if !ok {
			g = &group{}
			groups[k] = g
			order = append(order, k)
		}
		g.rows = append(g.rows, i)
		g.sum.Add(&g.sum, exact[i])
	}
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(ratioScale), nil)
	units := func(x *big.Rat) (*big.Int, *big.Rat) { // floor(x × 10^20) and the remainder
		y := new(big.Rat).Mul(x, new(big.Rat).SetInt(unit))
		q := new(big.Int).Div(y.Num(), y.Denom()) // Euclidean: floor for a positive denominator
		return q, y.Sub(y, new(big.Rat).SetInt(q))
	}
	for _, k := range order {
		g := groups[k]
		total, rem := units(&g.sum)
		if rem.Cmp(big.NewRat(1, 2)) >= 0 {
			total.Add(total, big.NewInt(1))
		}
		floors := make([]*big.Int, len(g.rows))
		rems := make([]*big.Rat, len(g.rows))
		left := new(big.Int).Set(total)
		for j, i := range g.rows {
			floors[j], rems[j] = units(exact[i])
			left.Sub(left, floors[j])
		}
		idx := make([]int, len(g.rows))
		for j := range idx {
			idx[j] = j
		}
		slices.SortStableFunc(idx, func(a, b int) int { return rems[b].Cmp(rems[a]) })
		for n := 0; left.Sign() > 0 && n < len(idx); n++ {
			floors[idx[n]].Add(floors[idx[n]], big.NewInt(1))
			left.Sub(left, big.NewInt(1))
		}
		for j, i := range g.rows {
			lines[i].Amount = dec.Trim(decimal.NewFromBigInt(floors[j], -ratioScale))
		}
	}
}

// show rounds an exact figure to 20 places for display.
func show(x *big.Rat) decimal.Decimal { return dec.Trim(decimal.NewFromBigRat(x, ratioScale)) }

// quo returns a / b, zero when b is zero.
func quo(a, b *big.Rat) *big.Rat {
	if b.Sign() == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).Quo(a, b)
}

// payModel is a rep's expected variable pay a month, by ramp factor,
// computed once per pay period and factor.
type payModel struct {
	in     PlanInput
	months []activity.Period
	period []int // by month: its pay period's index
	spans  []activity.Period
	cache  map[[2]string]*big.Rat
}

func newPayModel(in PlanInput, months []activity.Period) *payModel {
	pm := &payModel{in: in, months: months, period: make([]int, len(months)), cache: map[[2]string]*big.Rat{}}
	per := 1
	if in.Staff.PayPeriod == activity.Quarterly {
		per = 3
	}
	for k, m := range months {
		i := k / per
		if i == len(pm.spans) {
			pm.spans = append(pm.spans, m)
		}
		pm.spans[i].End = m.End
		pm.spans[i].Name = fmt.Sprintf("pay period %d", i+1)
		pm.period[k] = i
	}
	return pm
}

// variable returns the expected variable pay of a rep at ramp factor f in
// month k: the plan's pay over month k's pay period, at the expected
// attainment of a quota of QuotaPerRep × f a month, spread evenly over the
// period's months.
func (pm *payModel) variable(k int, f decimal.Decimal) (*big.Rat, error) {
	plan := pm.in.Staff.Plan
	if plan == nil || f.IsZero() {
		return new(big.Rat), nil
	}
	span := pm.spans[pm.period[k]]
	key := [2]string{span.Start.String(), f.String()}
	if v, ok := pm.cache[key]; ok {
		return v, nil
	}
	n := 0
	for _, i := range pm.period {
		if i == pm.period[k] {
			n++
		}
	}
	quota := pm.in.Capacity.QuotaPerRep.Mul(f).Mul(decimal.NewFromInt(int64(n)))
	a := pm.in.Capacity.Attainment
	qs := []activity.Quota{{Rep: "budget", Period: span, Amount: activity.Some(quota), Currency: plan.Currency}}
	pts, err := compensation.PayCurve(*plan, "budget", span, qs, a, a, decimal.NewFromInt(1))
	if err != nil {
		return nil, fmt.Errorf("%w: the pay plan: %w", ErrInvalidOptions, err)
	}
	v := new(big.Rat).Quo(pts[0].Pay.Rat(), big.NewRat(int64(n), 1))
	pm.cache[key] = v
	return v, nil
}

func ratDiv(a, b decimal.Decimal) decimal.Decimal { return dec.Trim(a.DivRound(b, ratioScale)) }
