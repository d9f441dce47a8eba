package customers

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// MRRMovements is how monthly recurring revenue moved over a period, account
// by account, comparing each account's MRR at the period's opening (just
// before Start) with its MRR at its close (just before End):
//
//	New           0 at opening, above 0 at close, never a customer before
//	Reactivation  0 at opening, above 0 at close, a customer at some time before
//	Expansion     above 0 at both, higher at close: the increase
//	Contraction   above 0 at both, lower at close: the decrease
//	Churn         above 0 at opening, 0 at close: the opening MRR
//
//	Closing = Opening + New + Reactivation + Expansion − Contraction − Churn
//
// The customer counts follow the same rules (an account is a customer while
// its MRR is above zero). Transient counts the accounts that became
// customers (new or back) and left again inside the period: they are in
// neither the opening nor the closing count, nor in any movement, which is
// what keeps them out of the default churn rate. ChurnEvents counts every
// fall of an account's MRR to zero inside the period (also the transient
// ones and those that came back before the close) and CustomerDays the
// elapsed days (86,400 s) that accounts were customers in it: the inputs of
// the daily churn rate.
//
// Amounts are exact sums of amount ÷ billing months, reported as
// Subscriptions.MRR reports them.
type MRRMovements struct {
	Period               activity.Period   `json:"period"`
	Currency             activity.Currency `json:"currency"`
	Opening              decimal.Decimal   `json:"opening"`
	New                  decimal.Decimal   `json:"new"`
	Reactivation         decimal.Decimal   `json:"reactivation"`
	Expansion            decimal.Decimal   `json:"expansion"`
	Contraction          decimal.Decimal   `json:"contraction"`
	Churn                decimal.Decimal   `json:"churn"`
	Closing              decimal.Decimal   `json:"closing"`
	OpeningCustomers     int64             `json:"opening_customers"`
	NewCustomers         int64             `json:"new_customers"`
	ReactivatedCustomers int64             `json:"reactivated_customers"`
	ExpandedCustomers    int64             `json:"expanded_customers"`
	ContractedCustomers  int64             `json:"contracted_customers"`
	ChurnedCustomers     int64             `json:"churned_customers"`
	ClosingCustomers     int64             `json:"closing_customers"`
	Transient            int64             `json:"transient"`
	ChurnEvents          int64             `json:"churn_events"`
	CustomerDays         float64           `json:"customer_days"`
}

// String reads as "2025-03: MRR 10,000 → 10,450 USD (+600 new, +300
// expansion, −50 contraction, −400 churn); customers 100 → 104".
func (m MRRMovements) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: MRR %s → %s %s (", m.Period.Name, m.Opening.StringFixed(2), m.Closing.StringFixed(2), m.Currency)
	fmt.Fprintf(&b, "+%s new, +%s reactivation, +%s expansion, −%s contraction, −%s churn); customers %d → %d",
		m.New.StringFixed(2), m.Reactivation.StringFixed(2), m.Expansion.StringFixed(2), m.Contraction.StringFixed(2), m.Churn.StringFixed(2),
		m.OpeningCustomers, m.ClosingCustomers)
	return b.String()
}

// MovementTally accumulates the MRR movements of accounts over one period:
// counts, exact sums and customer time; its state is fixed in size. Add
// takes one account's MRR at the opening and the close; Subscriptions'
// KPIs fill it from the index. Merge tallies of disjoint accounts for the
// whole. The zero value is an empty tally of amounts in currency units.
type MovementTally struct {
	k                                                          int64 // amounts are held × k (see Subscriptions); 0 means 1
	opening, newMRR, react, expansion, contraction, churn, end exact.Sum
	open, newC, reactC, expandedC, contractedC, churnedC, endC int64
	transient, churnEvents                                     int64
	customerNanos                                              exact.Sum
}

func (t *MovementTally) factor() int64 {
	if t.k == 0 {
		return 1
	}
	return t.k
}

// Add counts one account: its MRR at the opening and at the close of the
// period, whether it was a customer at any time before the period (which
// tells a reactivation from a new customer), and whether it was a customer
// inside the period without being one at either end (transient). Amounts at
// or below zero count as no revenue.
func (t *MovementTally) Add(opening, closing decimal.Decimal, before, transient bool) {
	f := decimal.NewFromInt(t.factor())
	o, c := opening.Mul(f), closing.Mul(f)
	m := classify(o.IsPositive(), c.IsPositive(), c.Cmp(o), before, transient)
	t.count(m)
	amount := func(s *exact.Sum, d decimal.Decimal) { s.AddDecimal(d) }
	switch m {
	case moveExpanded:
		amount(&t.expansion, c.Sub(o))
	case moveContracted:
		amount(&t.contraction, o.Sub(c))
	case moveChurned:
		amount(&t.churn, o)
	case moveNew:
		amount(&t.newMRR, c)
	case moveReactivated:
		amount(&t.react, c)
	}
	if o.IsPositive() {
		amount(&t.opening, o)
	}
	if c.IsPositive() {
		amount(&t.end, c)
	}
}

// addUnits is Add in the index's units.
func (t *MovementTally) addUnits(o, c int64, before, transient bool) {
	m := classify(o > 0, c > 0, cmp.Compare(c, o), before, transient)
	t.count(m)
	switch m {
	case moveExpanded:
		t.expansion.Add(c - o)
	case moveContracted:
		t.contraction.Add(o - c)
	case moveChurned:
		t.churn.Add(o)
	case moveNew:
		t.newMRR.Add(c)
	case moveReactivated:
		t.react.Add(c)
	}
	if o > 0 {
		t.opening.Add(o)
	}
	if c > 0 {
		t.end.Add(c)
	}
}

// movement is what one account did over a period.
type movement uint8

const (
	moveNone movement = iota
	moveRetained
	moveExpanded
	moveContracted
	moveChurned
	moveNew
	moveReactivated
	moveTransient
)

// classify names an account's movement from whether it had revenue at the
// opening and at the close, how the close compares with the opening, and
// its history.
func classify(open, close bool, closeVsOpen int, before, transient bool) movement {
	switch {
	case open && close && closeVsOpen > 0:
		return moveExpanded
	case open && close && closeVsOpen < 0:
		return moveContracted
	case open && close:
		return moveRetained
	case open:
		return moveChurned
	case close && before:
		return moveReactivated
	case close:
		return moveNew
	case transient:
		return moveTransient
	}
	return moveNone
}

// count adds one account's movement to the customer counts.
func (t *MovementTally) count(m movement) {
	switch m {
	case moveExpanded:
		t.expandedC++
	case moveContracted:
		t.contractedC++
	case moveChurned:
		t.churnedC++
	case moveNew:
		t.newC++
	case moveReactivated:
		t.reactC++
	case moveTransient:
		t.transient++
	}
	switch m {
	case moveRetained, moveExpanded, moveContracted, moveChurned:
		t.open++
	}
	switch m {
	case moveRetained, moveExpanded, moveContracted, moveNew, moveReactivated:
		t.endC++
	}
}

// AddTime counts customer time inside the period: events falls of an
// account's MRR to zero and nanos nanoseconds as a customer.
func (t *MovementTally) AddTime(events int64, nanos int64) {
	t.churnEvents += events
	t.customerNanos.Add(nanos)
}

func (t *MovementTally) sums() []*exact.Sum {
	return []*exact.Sum{&t.opening, &t.newMRR, &t.react, &t.expansion, &t.contraction, &t.churn, &t.end}
}

// Merge adds o's accounts to t. Tallies of different billing-interval
// multiples merge exactly through decimals.
func (t *MovementTally) Merge(o *MovementTally) {
	if tf, of := t.factor(), o.factor(); tf != of {
		l := tf / gcd(tf, of) * of
		rescaleSums(t.sums(), l/tf)
		oc := *o
		rescaleSums(oc.sums(), l/of)
		t.k = l
		o = &oc
	}
	ts, os := t.sums(), o.sums()
	for i := range ts {
		ts[i].Merge(os[i])
	}
	t.open += o.open
	t.newC += o.newC
	t.reactC += o.reactC
	t.expandedC += o.expandedC
	t.contractedC += o.contractedC
	t.churnedC += o.churnedC
	t.endC += o.endC
	t.transient += o.transient
	t.churnEvents += o.churnEvents
	t.customerNanos.Merge(&o.customerNanos)
}

func rescaleSums(sums []*exact.Sum, by int64) {
	if by == 1 {
		return
	}
	f := decimal.NewFromInt(by)
	for _, s := range sums {
		d := s.Decimal().Mul(f)
		*s = exact.Sum{}
		s.AddDecimal(d)
	}
}

// Result returns the movements over p in currency, with the amounts divided
// back by the tally's multiple.
func (t *MovementTally) Result(p activity.Period, currency activity.Currency) MRRMovements {
	money := func(s *exact.Sum) decimal.Decimal { return unitsMoney(s.Decimal(), t.factor()) }
	days := t.customerNanos.Decimal().DivRound(decimal.NewFromInt(86_400e9), 12).InexactFloat64()
	return MRRMovements{
		Period: p, Currency: currency,
		Opening: money(&t.opening), New: money(&t.newMRR), Reactivation: money(&t.react),
		Expansion: money(&t.expansion), Contraction: money(&t.contraction), Churn: money(&t.churn), Closing: money(&t.end),
		OpeningCustomers: t.open, NewCustomers: t.newC, ReactivatedCustomers: t.reactC, ExpandedCustomers: t.expandedC,
		ContractedCustomers: t.contractedC, ChurnedCustomers: t.churnedC, ClosingCustomers: t.endC,
		Transient: t.transient, ChurnEvents: t.churnEvents, CustomerDays: days,
	}
}

// unitsMoney divides an exact sum held × k back to an amount: exact where
// the quotient terminates, else rounded half away from zero to 12 places.
func unitsMoney(d decimal.Decimal, k int64) decimal.Decimal {
	if k <= 1 { // 0: the zero Subscriptions, whose sums are all zero
		return d
	}
	q := d.DivRound(decimal.NewFromInt(k), mrrScale)
	for p := max(-d.Exponent(), 0); p < mrrScale; p++ {
		if t := q.Truncate(p); t.Equal(q) {
			return t // the quotient terminates at p places
		}
	}
	return q
}

// tallies fills ts[i] with every account's movements over the period
// [bounds[i], bounds[i+1]), walking each account's events once: len(ts) is
// len(bounds) − 1, bounds ascending, the tallies empty.
func (ss *Subscriptions) tallies(ts []MovementTally, bounds []int64) {
	for i := range ts {
		ts[i].k = ss.k
		for _, sum := range ts[i].sums() {
			*sum = exact.NewSum(ss.scale)
		}
	}
	last := bounds[len(bounds)-1]
	for a := range ss.accounts {
		first := ss.first[a]
		if first >= last {
			continue // no revenue before the last period ends
		}
		lo, hi := int(ss.evStart[a]), int(ss.evStart[a+1])
		i0, _ := slices.BinarySearch(ss.evTime[lo:hi], bounds[0])
		x := lo + i0
		var level int64
		if x > lo {
			level = ss.evLevel[x-1]
		}
		for i := range ts {
			s, e := bounds[i], bounds[i+1]
			open, at := level, s
			within := open > 0
			var falls, nanos int64
			for ; x < hi && ss.evTime[x] < e; x++ {
				if level > 0 {
					nanos += ss.evTime[x] - at
					if ss.evLevel[x] == 0 {
						falls++
					}
				}
				level, at = ss.evLevel[x], ss.evTime[x]
				within = within || level > 0
			}
			if level > 0 {
				nanos += e - at
			}
			ts[i].addUnits(open, level, first < s, within && open == 0 && level == 0)
			if within {
				ts[i].AddTime(falls, nanos)
			}
			if x == hi && level == 0 {
				break // nothing more happens to this account
			}
		}
	}
}

func (ss *Subscriptions) check(p activity.Period) error {
	if ss == nil {
		return fmt.Errorf("%w: nil subscriptions", ErrInvalidOptions)
	}
	return p.Validate()
}

// Movements returns how MRR moved over p, account by account (see
// MRRMovements). An empty period or set gives zero movements, not an
// error; p must be a valid period.
func Movements(ss *Subscriptions, p activity.Period) (MRRMovements, error) {
	t, err := ss.movements(p)
	if err != nil {
		return MRRMovements{}, err
	}
	return t.Result(p, ss.currency), nil
}

// movements returns the tally of every account's movements over p.
func (ss *Subscriptions) movements(p activity.Period) (*MovementTally, error) {
	if err := ss.check(p); err != nil {
		return nil, err
	}
	ts := make([]MovementTally, 1)
	ss.tallies(ts, []int64{ixcols.Nanos(p.Start), ixcols.Nanos(p.End)})
	return &ts[0], nil
}

// MovementsBy returns the movements of each period of by.Calendar at
// by.Granularity (zero: months) within p, in time order: by.Dimension must
// be Period (subscriptions carry no rep or team). A period's movements
// chain: its opening is the previous period's closing.
func MovementsBy(ss *Subscriptions, p activity.Period, by activity.By) ([]MRRMovements, error) {
	periods, err := subPeriods(ss, p, by)
	if err != nil {
		return nil, err
	}
	if len(periods) == 0 {
		return nil, nil
	}
	bounds := make([]int64, len(periods)+1)
	for i, q := range periods {
		bounds[i], bounds[i+1] = ixcols.Nanos(q.Start), ixcols.Nanos(q.End)
	}
	ts := make([]MovementTally, len(periods))
	ss.tallies(ts, bounds)
	out := make([]MRRMovements, len(periods))
	for i, q := range periods {
		out[i] = ts[i].Result(q, ss.currency)
	}
	return out, nil
}

// subPeriods returns the periods of a Period breakdown within p, clipped
// to p.
func subPeriods(ss *Subscriptions, p activity.Period, by activity.By) ([]activity.Period, error) {
	if err := ss.check(p); err != nil {
		return nil, err
	}
	if by.Dimension != activity.DimensionPeriod {
		return nil, fmt.Errorf("%w: subscriptions break down by period only, not by %v", ErrInvalidOptions, by)
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	if by.Total {
		// Movements, renewals and cohorts are rows of periods, not groups:
		// the KPI over p is a call of its own (Movements, Renewals).
		return nil, fmt.Errorf("%w: subscription breakdowns have no total row (By.Total); ask for the whole period instead", ErrInvalidOptions)
	}
	out, err := by.Calendar.PeriodsWithin(by.Grain(), p)
	if err != nil {
		return nil, err
	}
	return out, nil
}
