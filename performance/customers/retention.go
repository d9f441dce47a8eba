package customers

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Compounding says how a retention rate over several months is taken.
type Compounding uint8

// Compoundings.
const (
	// PointToPoint (the default) compares the starting customers' MRR at
	// the end with their MRR at the start of the whole period: twelve
	// months' NRR is the cohort's MRR now against its MRR a year ago.
	PointToPoint Compounding = iota
	// CompoundMonthly multiplies the rates of each month of the period,
	// each month over the customers at that month's start.
	CompoundMonthly
)

// String returns "point_to_point" or "compound_monthly".
func (c Compounding) String() string {
	switch c {
	case PointToPoint:
		return "point_to_point"
	case CompoundMonthly:
		return "compound_monthly"
	}
	return fmt.Sprintf("Compounding(%d)", uint8(c))
}

// MarshalText writes String.
func (c Compounding) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *Compounding) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, PointToPoint, CompoundMonthly, Compounding.MarshalText)
	if !ok {
		return fmt.Errorf("%w: compounding %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// RetentionOptions selects how revenue retention is taken. The zero value
// compares the end of the period with its start.
type RetentionOptions struct {
	Compounding Compounding
	// Calendar splits the period into months under CompoundMonthly (its
	// months: Gregorian or retail). The zero Calendar has Gregorian months
	// in UTC.
	Calendar activity.Calendar
}

// Validate reports an unknown compounding or an invalid calendar.
func (o RetentionOptions) Validate() error {
	if o.Compounding > CompoundMonthly {
		return fmt.Errorf("%w: compounding %v", ErrInvalidOptions, o.Compounding)
	}
	return o.Calendar.Validate()
}

// RevenueRetention is net and gross revenue retention (NRR and GRR) of the
// customers at a period's start, with what they were computed from:
//
//	NRR = Ending / Starting
//	GRR = Kept / Starting,   Kept = Σ min(MRR at the end, MRR at the start)
//
// over the accounts with MRR above zero just before the period (the
// cohort); customers who joined during the period are left out of both,
// and GRR, which counts no expansion, is never above 1. A cohort customer
// who left and came back counts with its MRR at the end.
//
// Under CompoundMonthly, Steps holds each month's retention over the
// customers at that month's start and NRR and GRR are the products of the
// steps' rates (exact to 20 decimal places); the cohort fields still
// describe the whole period point to point.
type RevenueRetention struct {
	Period      activity.Period    `json:"period"`
	Currency    activity.Currency  `json:"currency"`
	Compounding Compounding        `json:"compounding"`
	Customers   int64              `json:"customers"` // in the cohort
	Retained    int64              `json:"retained"`  // of them customers at the end
	Starting    decimal.Decimal    `json:"starting"`
	Ending      decimal.Decimal    `json:"ending"`
	Kept        decimal.Decimal    `json:"kept"`
	NRRExact    decimal.Decimal    `json:"nrr_exact"`
	GRRExact    decimal.Decimal    `json:"grr_exact"`
	NRR         float64            `json:"nrr"`
	GRR         float64            `json:"grr"`
	Steps       []RevenueRetention `json:"steps,omitempty"`
}

// String reads as "2025: NRR 108.3%, GRR 91.2% of 100 customers' 10000.00
// USD MRR".
func (r RevenueRetention) String() string {
	s := fmt.Sprintf("%s: NRR %.1f%%, GRR %.1f%% of %d customers' %s %s MRR", r.Period.Name, 100*r.NRR, 100*r.GRR, r.Customers, r.Starting.StringFixed(2), r.Currency)
	if r.Compounding == CompoundMonthly {
		s += fmt.Sprintf(" (compounded over %d months)", len(r.Steps))
	}
	return s
}

// Retention returns the NRR and GRR over p of the customers at p's start
// (see RevenueRetention): pass a month for monthly retention, twelve months
// for annual. A cohort without MRR (no customers at the start of p, or of
// one of its months under CompoundMonthly) is an error wrapping
// ErrNoRevenue.
func Retention(ss *Subscriptions, p activity.Period, opts RetentionOptions) (RevenueRetention, error) {
	if err := opts.Validate(); err != nil {
		return RevenueRetention{}, err
	}
	if err := ss.check(p); err != nil {
		return RevenueRetention{}, err
	}
	r, err := ss.retention(p)
	r.Compounding = opts.Compounding
	if err != nil || opts.Compounding == PointToPoint {
		return r, err
	}
	nrr, grr := decimal.NewFromInt(1), decimal.NewFromInt(1)
	months, err := opts.Calendar.PeriodsWithin(activity.Monthly, p)
	if err != nil {
		return r, err
	}
	for _, q := range months {
		step, err := ss.retention(q)
		if err != nil {
			return r, err
		}
		r.Steps = append(r.Steps, step)
		nrr = nrr.Mul(step.NRRExact).Round(ratioScale)
		grr = grr.Mul(step.GRRExact).Round(ratioScale)
	}
	r.NRRExact, r.GRRExact = nrr, grr
	r.NRR, r.GRR = nrr.InexactFloat64(), grr.InexactFloat64()
	return r, nil
}

// retention is point-to-point retention over p.
func (ss *Subscriptions) retention(p activity.Period) (RevenueRetention, error) {
	r := RevenueRetention{Period: p, Currency: ss.currency}
	s, e := ixcols.Nanos(p.Start), ixcols.Nanos(p.End)
	start, end, kept := exact.NewSum(ss.scale), exact.NewSum(ss.scale), exact.NewSum(ss.scale)
	for a := range ss.accounts {
		o := ss.levelBefore(a, s)
		if o <= 0 {
			continue
		}
		c := ss.levelBefore(a, e)
		r.Customers++
		if c > 0 {
			r.Retained++
		}
		start.Add(o)
		end.Add(c)
		kept.Add(min(o, c))
	}
	r.Starting = unitsMoney(start.Decimal(), ss.k)
	r.Ending = unitsMoney(end.Decimal(), ss.k)
	r.Kept = unitsMoney(kept.Decimal(), ss.k)
	if r.Customers == 0 {
		return r, fmt.Errorf("%w: no customers at the start of %s", ErrNoRevenue, p.Name)
	}
	// The ratios from the exact sums in units: the multiple cancels.
	r.NRRExact = end.Decimal().DivRound(start.Decimal(), ratioScale)
	r.GRRExact = kept.Decimal().DivRound(start.Decimal(), ratioScale)
	r.NRR, r.GRR = r.NRRExact.InexactFloat64(), r.GRRExact.InexactFloat64()
	return r, nil
}

// CohortRow is one start cohort of a cohort table: the accounts whose first
// revenue fell in Cohort, followed period by period. Index k of Active,
// MRR, Logo and Revenue is the close of the k-th period since the cohort's
// (0: the cohort's own period):
//
//	Logo[k]    = Active[k] / Customers
//	Revenue[k] = MRR[k] / Starting
//
// where Starting sums each member's MRR at its first moment of revenue, so
// that both start from every member at joining (a member who joined and
// left within its first period makes Logo[0] less than 1). Revenue above 1
// is expansion. A period without new customers is listed with Customers 0,
// no ratios and Undefined set.
type CohortRow struct {
	Cohort    activity.Period   `json:"cohort"`
	Customers int64             `json:"customers"`
	Starting  decimal.Decimal   `json:"starting"`
	Active    []int64           `json:"active"`
	MRR       []decimal.Decimal `json:"mrr"`
	Logo      []float64         `json:"logo,omitempty"`
	Revenue   []float64         `json:"revenue,omitempty"`
	Undefined string            `json:"undefined,omitempty"`
}

// Cohorts returns the logo and revenue retention table of the accounts that
// first had revenue in each period of by within p (by.Dimension Period,
// by.Calendar's periods at by.Granularity, zero meaning months), each
// followed to the close of the last period of p. Accounts whose first
// revenue was before p are in no row.
func Cohorts(ss *Subscriptions, p activity.Period, by activity.By) ([]CohortRow, error) {
	periods, err := subPeriods(ss, p, by)
	if err != nil {
		return nil, err
	}
	rows := make([]CohortRow, len(periods))
	starts := make([]int64, len(periods))
	starting := make([]exact.Sum, len(periods))
	mrr := make([][]exact.Sum, len(periods))
	for i, q := range periods {
		n := len(periods) - i
		rows[i] = CohortRow{Cohort: q, Active: make([]int64, n), MRR: make([]decimal.Decimal, n)}
		starts[i] = ixcols.Nanos(q.Start)
		starting[i] = exact.NewSum(ss.scale)
		mrr[i] = make([]exact.Sum, n)
		for k := range mrr[i] {
			mrr[i][k] = exact.NewSum(ss.scale)
		}
	}
	ends := make([]int64, len(periods))
	for i, q := range periods {
		ends[i] = ixcols.Nanos(q.End)
	}
	for a := range ss.accounts {
		f := ss.first[a]
		if f == noMoment || len(periods) == 0 || f < starts[0] || f >= ends[len(ends)-1] {
			continue
		}
		c, found := slices.BinarySearch(starts, f)
		if !found {
			c--
		}
		rows[c].Customers++
		starting[c].Add(ss.levelBefore(a, f+1))
		for k := range rows[c].Active {
			if u := ss.levelBefore(a, ends[c+k]); u > 0 {
				rows[c].Active[k]++
				mrr[c][k].Add(u)
			}
		}
	}
	for i := range rows {
		r := &rows[i]
		r.Starting = unitsMoney(starting[i].Decimal(), ss.k)
		for k := range r.MRR {
			r.MRR[k] = unitsMoney(mrr[i][k].Decimal(), ss.k)
		}
		if r.Customers == 0 {
			r.Undefined = "no new customers"
			continue
		}
		r.Logo = make([]float64, len(r.Active))
		r.Revenue = make([]float64, len(r.Active))
		base := starting[i].Decimal()
		for k := range r.Active {
			r.Logo[k] = float64(r.Active[k]) / float64(r.Customers)
			r.Revenue[k] = mrr[i][k].Decimal().DivRound(base, ratioScale).InexactFloat64()
		}
	}
	return rows, nil
}
