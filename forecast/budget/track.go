package budget

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/exact"
)

// Entry is one line of a budget, or of actual spending: an amount for a
// category (and, where the host splits it so, a team) over a period. A
// budget's entries are usually months; actual spending may be months or
// single days (an invoice).
type Entry struct {
	Period   activity.Period   `json:"period"`
	Category string            `json:"category"`
	Team     string            `json:"team,omitempty"`
	Amount   decimal.Decimal   `json:"amount"`
	Currency activity.Currency `json:"currency"`
}

// MarshalJSON writes e with its amount as a string of its digits.
func (e Entry) MarshalJSON() ([]byte, error) { type plain Entry; return dec.Marshal(plain(e)) }

// Validate reports an invalid period, an empty category, a negative
// amount or one past the limits (activity.MaxAmountDigits before the
// point, 20 places after it: a planned line is exact to 20 places), and an
// invalid currency, each wrapping ErrInvalidEntry.
func (e Entry) Validate() error {
	switch {
	case e.Period.Validate() != nil:
		return fmt.Errorf("%w: %w", ErrInvalidEntry, e.Period.Validate())
	case e.Category == "":
		return fmt.Errorf("%w: no category", ErrInvalidEntry)
	case e.Amount.IsNegative():
		return fmt.Errorf("%w: negative amount %s", ErrInvalidEntry, e.Amount)
	case dec.IntDigits(e.Amount) > activity.MaxAmountDigits || dec.Places(e.Amount) > ratioScale:
		return fmt.Errorf("%w: amount %s past the limits", ErrInvalidEntry, dec.Text(e.Amount))
	}
	if err := e.Currency.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidEntry, err)
	}
	return nil
}

// FromSpend turns spend records into actual entries: each record a day
// long (its date's day in the calendar's zone), for its category and team.
// A record that fails activity.Spend.Validate is an error.
func FromSpend(spend []activity.Spend, cal activity.Calendar) ([]Entry, error) {
	out := make([]Entry, 0, len(spend))
	for i, s := range spend {
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("%w: spend %d: %w", ErrInvalidEntry, i, err)
		}
		day, err := cal.PeriodOf(activity.Daily, s.Date)
		if err != nil {
			return nil, fmt.Errorf("%w: spend %d: %w", ErrInvalidEntry, i, err)
		}
		out = append(out, Entry{Period: day, Category: cmp.Or(s.Category, "uncategorised"), Team: s.Team, Amount: s.Amount, Currency: s.Currency})
	}
	return out, nil
}

// Dimension is what a tracking breaks down by.
type Dimension uint8

// Dimensions of TrackBy.
const (
	ByCategory Dimension = iota + 1
	ByTeam
	ByPeriod // the calendar periods of TrackOptions.Granularity within the period tracked
)

// String returns "category", "team" or "period".
func (d Dimension) String() string {
	switch d {
	case ByCategory:
		return "category"
	case ByTeam:
		return "team"
	case ByPeriod:
		return "period"
	}
	return fmt.Sprintf("Dimension(%d)", uint8(d))
}

// TrackOptions says how a tracking reads its entries. The zero value
// tracks at the end of the period (everything spent), in the Gregorian
// calendar in UTC, by month when broken down by period.
type TrackOptions struct {
	// AsOf is the moment of the tracking: actual spending counts up to it
	// and time elapsed is measured to it. Zero: the end of the period.
	AsOf time.Time
	// Calendar and Granularity cut a ByPeriod breakdown (zero: months).
	Calendar    activity.Calendar
	Granularity activity.Granularity
}

// Tracking is spending against a budget over a period, as of a moment:
//
//	Elapsed           = (AsOf − Start) / (End − Start), in [0, 1]
//	BudgetToDate      = Budget × Elapsed
//	Variance          = Actual − Budget              (positive: over budget)
//	VariancePct       = Variance / Budget
//	VarianceToDate    = Actual − BudgetToDate
//	Projection        = Actual / Elapsed             (the run rate to the period's end)
//	ProjectedVariance = Projection − Budget
//
// Budget is the budget entries' amounts over the period: an entry counts in
// the share of its time that falls in the period (an annual line gives a
// quarter its days' share). Actual is the actual entries' amounts in the
// period up to AsOf, each likewise in the share of its time in [Start,
// AsOf) — a month's invoice counts whole once the month is over. Money is
// exact to 20 decimal places; the percentages and Elapsed are exact ratios
// (absent where their denominator is zero: no budget, no time elapsed).
// Budget, Actual, BudgetToDate, Projection and the ratios are each rounded
// once from exact fractions; the variances are the exact differences of
// the figures shown, so that they add up on the page.
type Tracking struct {
	Scope    string            `json:"scope"`
	Period   activity.Period   `json:"period"`
	AsOf     time.Time         `json:"as_of"`
	Currency activity.Currency `json:"currency"`

	Budget       decimal.Decimal `json:"budget"`
	Actual       decimal.Decimal `json:"actual"`
	Elapsed      decimal.Decimal `json:"elapsed"`
	BudgetToDate decimal.Decimal `json:"budget_to_date"`

	Variance          decimal.Decimal                    `json:"variance"`
	VariancePct       activity.Optional[decimal.Decimal] `json:"variance_pct,omitzero"`
	VarianceToDate    decimal.Decimal                    `json:"variance_to_date"`
	Projection        activity.Optional[decimal.Decimal] `json:"projection,omitzero"`
	ProjectedVariance activity.Optional[decimal.Decimal] `json:"projected_variance,omitzero"`
}

// MarshalJSON writes t with every decimal as a string of its digits.
func (t Tracking) MarshalJSON() ([]byte, error) { type plain Tracking; return dec.Marshal(plain(t)) }

// String reads as "marketing: 41250.00 USD of 120000.00 USD budget (34.4%),
// 33.3% of FY2026 Q1 elapsed; projected 123750.00 USD, 3750.00 USD over".
func (t Tracking) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s of %s budget", t.Scope, money(t.Actual, t.Currency), money(t.Budget, t.Currency))
	if t.Budget.IsPositive() {
		fmt.Fprintf(&b, " (%s%%)", t.Actual.Div(t.Budget).Mul(decimal.NewFromInt(100)).StringFixed(1))
	}
	fmt.Fprintf(&b, ", %s%% of %s elapsed", t.Elapsed.Mul(decimal.NewFromInt(100)).StringFixed(1), t.Period.Name)
	if p, ok := t.Projection.Get(); ok {
		v := t.ProjectedVariance.Value
		side := "over"
		if v.IsNegative() {
			side, v = "under", v.Neg()
		}
		fmt.Fprintf(&b, "; projected %s, %s %s", money(p, t.Currency), money(v, t.Currency), side)
	}
	return b.String()
}

func money(d decimal.Decimal, cur activity.Currency) string {
	if cur == "" {
		return d.StringFixed(2)
	}
	return cur.Round(d).StringFixed(cur.MinorUnits()) + " " + string(cur)
}

// ratioScale is the decimal places of exact ratios and shares of money.
const ratioScale = 20

// Track returns the tracking of actual against budget over p (see
// Tracking). Every entry must be valid and in one currency (else errors
// wrapping ErrInvalidEntry and ErrMixedCurrencies); p must be a valid
// period and opts.AsOf, when given, must not be before p's start.
func Track(budget, actual []Entry, p activity.Period, opts TrackOptions) (Tracking, error) {
	ts, _, err := track(budget, actual, p, opts, 0)
	if err != nil {
		return Tracking{}, err
	}
	t := ts[""]
	t.Scope = "all"
	return *t, nil
}

// TrackBy returns the tracking of every category, team or period (of
// opts.Granularity within p) in one pass, in key order (periods in time
// order, every one listed). A group with budget but no spending, or
// spending but no budget, is listed too.
func TrackBy(budget, actual []Entry, p activity.Period, by Dimension, opts TrackOptions) ([]Tracking, error) {
	if by < ByCategory || by > ByPeriod {
		return nil, fmt.Errorf("%w: breakdown %v", ErrInvalidOptions, by)
	}
	ts, order, err := track(budget, actual, p, opts, by)
	if err != nil {
		return nil, err
	}
	out := make([]Tracking, 0, len(order))
	for _, k := range order {
		t := ts[k]
		t.Scope = by.String() + "=" + k
		out = append(out, *t)
	}
	return out, nil
}

// track sums the entries by group key ("" without a breakdown) and returns
// the trackings with the keys in report order.
func track(budget, actual []Entry, p activity.Period, opts TrackOptions, by Dimension) (map[string]*Tracking, []string, error) {
	if err := p.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	asOf := opts.AsOf
	if asOf.IsZero() || asOf.After(p.End) {
		asOf = p.End
	}
	if asOf.Before(p.Start) {
		return nil, nil, fmt.Errorf("%w: as of %s, before %s starts", ErrInvalidOptions, asOf.Format(time.RFC3339), p.Name)
	}
	var cur activity.Currency
	for _, list := range [][]Entry{budget, actual} {
		for i, e := range list {
			if err := e.Validate(); err != nil {
				return nil, nil, fmt.Errorf("entry %d: %w", i, err)
			}
			if cur == "" {
				cur = e.Currency
			} else if e.Currency != cur {
				return nil, nil, fmt.Errorf("%w: %s and %s", ErrMixedCurrencies, cur, e.Currency)
			}
		}
	}
	var periods []activity.Period
	if by == ByPeriod {
		g := opts.Granularity
		if g == 0 {
			g = activity.Monthly
		}
		var err error
		if periods, err = opts.Calendar.PeriodsWithin(g, p); err != nil {
			return nil, nil, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
		}
	}
	ts := map[string]*Tracking{}
	sums := map[string]*trackSum{}
	var order []string
	get := func(k string, q activity.Period) *trackSum {
		sum, ok := sums[k]
		if !ok {
			ts[k] = &Tracking{Period: q, Currency: cur}
			sum = &trackSum{full: [2]exact.Sum{exact.NewSum(sumScale), exact.NewSum(sumScale)}}
			sums[k] = sum
			order = append(order, k)
		}
		return sum
	}
	// An entry's share of a group's span: [span start, span end) for the
	// budget, [span start, min(span end, AsOf)) for the actual; whole
	// (the usual case, summed without a fraction) or in part.
	addTo := func(key string, q activity.Period, e *Entry, actual bool) {
		end := q.End
		if actual && asOf.Before(end) {
			end = asOf
		}
		i := 0
		if actual {
			i = 1
		}
		if !e.Period.Start.Before(q.Start) && !e.Period.End.After(end) {
			get(key, q).full[i].AddValue(e.Amount)
			return
		}
		share := overlap(e.Period, q.Start, end)
		if share == nil {
			return
		}
		sum := get(key, q)
		sum.part[i].Add(&sum.part[i], share.Mul(share, e.Amount.Rat()))
	}
	add := func(e *Entry, actual bool) {
		switch by {
		case 0:
			addTo("", p, e, actual)
		case ByCategory:
			addTo(e.Category, p, e, actual)
		case ByTeam:
			addTo(e.Team, p, e, actual)
		case ByPeriod:
			for _, q := range periods {
				if q.Start.Before(e.Period.End) && e.Period.Start.Before(q.End) {
					addTo(q.Name, q, e, actual)
				}
			}
		}
	}
	if by == ByPeriod {
		for _, q := range periods {
			get(q.Name, q)
		}
	}
	for i := range budget {
		add(&budget[i], false)
	}
	for i := range actual {
		add(&actual[i], true)
	}
	if by == 0 {
		get("", p)
	}
	for k, t := range ts {
		finish(t, sums[k].total(0), sums[k].total(1), asOf)
	}
	if by != ByPeriod {
		slices.Sort(order)
	}
	return ts, order, nil
}

// trackSum is a group's budget (0) and actual (1): entries counted whole,
// summed exactly in units of 10^-sumScale (decimals beyond), and shares of
// entries as exact fractions.
type trackSum struct {
	full [2]exact.Sum
	part [2]big.Rat
}

// sumScale is the scale entries are summed at without a fraction: cents
// and finer, to the hundredth of a cent.
const sumScale = 4

func (s *trackSum) total(i int) *big.Rat {
	return new(big.Rat).Add(s.full[i].Decimal().Rat(), &s.part[i])
}

// overlap returns the share of period e's time that falls in [from, to),
// nil when none does.
func overlap(e activity.Period, from, to time.Time) *big.Rat {
	lo, hi := e.Start, e.End
	if from.After(lo) {
		lo = from
	}
	if to.Before(hi) {
		hi = to
	}
	if !hi.After(lo) {
		return nil // none: no fraction to allocate
	}
	return big.NewRat(hi.Sub(lo).Nanoseconds(), e.End.Sub(e.Start).Nanoseconds())
}

// finish fills in the figures of t from its exact budget and actual, as
// of asOf.
func finish(t *Tracking, budget, actual *big.Rat, asOf time.Time) {
	q := t.Period
	t.AsOf = asOf
	if asOf.After(q.End) {
		asOf = q.End
	}
	el := new(big.Rat)
	if asOf.After(q.Start) {
		el = big.NewRat(asOf.Sub(q.Start).Nanoseconds(), q.End.Sub(q.Start).Nanoseconds())
	}
	// The figures shown are rounded once; the differences between them
	// (the variances) are exact differences of what is shown, so that they
	// add up on the page.
	r := func(x *big.Rat) decimal.Decimal { return dec.Trim(decimal.NewFromBigRat(x, ratioScale)) }
	t.Budget, t.Actual, t.Elapsed, t.BudgetToDate = r(budget), r(actual), r(el), r(new(big.Rat).Mul(budget, el))
	t.Variance, t.VarianceToDate = t.Actual.Sub(t.Budget), t.Actual.Sub(t.BudgetToDate)
	if budget.Sign() > 0 {
		t.VariancePct = activity.Some(r(new(big.Rat).Quo(new(big.Rat).Sub(actual, budget), budget)))
	}
	if el.Sign() > 0 {
		t.Projection = activity.Some(r(new(big.Rat).Quo(actual, el)))
		t.ProjectedVariance = activity.Some(t.Projection.Value.Sub(t.Budget))
	}
}
