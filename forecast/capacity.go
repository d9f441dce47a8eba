package forecast

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// capacityScale is the number of decimal places of the expected amounts
// and headcounts of a capacity plan (they carry powers of the retention
// rate, which do not terminate in fewer places).
const capacityScale = 12

// CapacityOptions is the economics of a sales team's capacity: what one rep
// books, how new hires ramp, how many reps leave and how long hiring takes.
// Amounts are in the currency of the plan, per calendar month.
type CapacityOptions struct {
	// Calendar cuts the plan into months (Gregorian or retail); the zero
	// Calendar has Gregorian months in UTC.
	Calendar activity.Calendar
	// QuotaPerRep is a fully ramped rep's quota for one month. Required,
	// above zero.
	QuotaPerRep decimal.Decimal
	// Attainment is the share of quota a fully ramped rep is expected to
	// book (0.8 for 80%). Required, above zero: there is no default, as
	// assuming 100% would quietly overstate capacity.
	Attainment decimal.Decimal
	// Ramp is a new hire's fraction of full productivity in each tenure
	// month (Ramp[0] in the first month), 1 after the schedule; nil means
	// productive from the first month. Reps already on the roster ramp by
	// their own schedule (activity.Rep.Ramp).
	Ramp []decimal.Decimal
	// MonthlyAttrition is the share of reps expected to leave each month,
	// in [0, 1): a rep counts (1 − attrition)^k in the k-th month from the
	// plan's start (or from a hire's first month).
	MonthlyAttrition decimal.Decimal
	// Currency is the currency of QuotaPerRep, carried into the results so
	// that they read as money. Empty: none named.
	Currency activity.Currency
	// HiringLeadMonths is how many months pass from the plan's start (the
	// decision to hire) to a new hire's first day: hires start at the
	// beginning of month HiringLeadMonths (0: at once).
	HiringLeadMonths int
}

// Validate reports a quota or attainment not above zero, a ramp fraction
// outside [0, 1], an attrition outside [0, 1), and a negative lead time.
func (o CapacityOptions) Validate() error {
	switch {
	case !o.QuotaPerRep.IsPositive():
		return fmt.Errorf("%w: quota per rep %s not above zero", ErrInvalidOptions, o.QuotaPerRep)
	case !o.Attainment.IsPositive():
		return fmt.Errorf("%w: expected attainment %s not above zero", ErrInvalidOptions, o.Attainment)
	case o.MonthlyAttrition.IsNegative() || o.MonthlyAttrition.GreaterThanOrEqual(decimal.NewFromInt(1)):
		return fmt.Errorf("%w: monthly attrition %s outside [0, 1)", ErrInvalidOptions, o.MonthlyAttrition)
	case o.HiringLeadMonths < 0:
		return fmt.Errorf("%w: hiring lead time of %d months", ErrInvalidOptions, o.HiringLeadMonths)
	}
	if o.Currency != "" {
		if err := o.Currency.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
		}
	}
	for i, f := range o.Ramp {
		if f.IsNegative() || f.GreaterThan(decimal.NewFromInt(1)) {
			return fmt.Errorf("%w: ramp[%d] = %s outside [0, 1]", ErrInvalidOptions, i, f)
		}
	}
	return o.Calendar.Validate()
}

// MonthCapacity is a team's expected headcount (fully ramped equivalents
// are Capacity / (QuotaPerRep × Attainment)) and bookings capacity in one
// month.
type MonthCapacity struct {
	Period   activity.Period `json:"period"`
	Reps     decimal.Decimal `json:"reps"`
	Capacity decimal.Decimal `json:"capacity"`
}

// TeamCapacity is the expected bookings capacity of a team, month by month
// and in total.
type TeamCapacity struct {
	Months   []MonthCapacity   `json:"months"`
	Total    decimal.Decimal   `json:"total"`
	Reps     int               `json:"reps"` // on the roster at the plan's start or hired later in it
	Currency activity.Currency `json:"currency,omitempty"`
}

// planMonths returns the calendar months of p, which must start and end on
// month boundaries.
func planMonths(p activity.Period, cal activity.Calendar) ([]activity.Period, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var months []activity.Period
	for m := range cal.Periods(activity.Monthly, p.Start, p.End) {
		months = append(months, m)
	}
	if len(months) == 0 || !months[0].Start.Equal(p.Start) || !months[len(months)-1].End.Equal(p.End) {
		return nil, fmt.Errorf("%w: %s does not start and end on the calendar's month boundaries", ErrInvalidOptions, p)
	}
	return months, nil
}

// Capacity returns the expected bookings capacity of reps over the months
// of p:
//
//	capacity(month k) = Σ_reps QuotaPerRep × Attainment × ramp(rep, month k) × (1 − attrition)^k
//
// where ramp is the rep's ramp fraction at the month's start
// (activity.Rep.RampFactor: 1 when fully ramped or without a schedule; a rep
// not hired by then, or with a schedule and no hire date, counts 0) and k counts months from p's start (0 for the first).
// Reps who left by a month's start count 0 from then on. p must start and
// end on month boundaries of opts.Calendar. Amounts are exact to 12 decimal
// places; round them to the currency's minor units to show them.
func Capacity(reps []activity.Rep, p activity.Period, opts CapacityOptions) (TeamCapacity, error) {
	if err := opts.Validate(); err != nil {
		return TeamCapacity{}, err
	}
	months, err := planMonths(p, opts.Calendar)
	if err != nil {
		return TeamCapacity{}, err
	}
	for i, r := range reps {
		if err := r.Validate(); err != nil {
			return TeamCapacity{}, fmt.Errorf("%w: rep %d: %w", ErrInvalidOptions, i, err)
		}
	}
	full := opts.QuotaPerRep.Mul(opts.Attainment)
	retention := decimal.NewFromInt(1).Sub(opts.MonthlyAttrition)
	tc := TeamCapacity{Months: make([]MonthCapacity, len(months)), Currency: opts.Currency}
	survive := decimal.NewFromInt(1)
	for k, m := range months {
		var heads, ramped decimal.Decimal
		for _, r := range reps {
			if !r.LeftAt.IsZero() && !r.LeftAt.After(m.Start) {
				continue
			}
			f, ok := r.RampFactor(m.Start)
			if !ok {
				continue // not hired yet
			}
			heads = heads.Add(survive)
			ramped = ramped.Add(f.Mul(survive))
		}
		tc.Months[k] = MonthCapacity{Period: m, Reps: dec.Trim(heads.Round(capacityScale)), Capacity: dec.Trim(full.Mul(ramped).Round(capacityScale))}
		tc.Total = tc.Total.Add(tc.Months[k].Capacity)
		survive = survive.Mul(retention).Round(capacityScale + 8)
	}
	for _, r := range reps {
		if (r.LeftAt.IsZero() || r.LeftAt.After(p.Start)) && (r.HiredAt.IsZero() || r.HiredAt.Before(p.End)) {
			tc.Reps++
		}
	}
	return tc, nil
}

// Hiring is how many reps to hire now for a bookings target, with the
// arithmetic behind it:
//
//	Gap     = Target − Existing                      (Existing: Capacity of the team)
//	PerHire = Σ_{k=L}^{M−1} QuotaPerRep × Attainment × Ramp[k−L] × (1 − attrition)^(k−L)
//	Hires   = ⌈Gap / PerHire⌉  (0 when the team already covers the target)
//
// where M is the number of months in the plan and L the hiring lead time.
// With the hires, expected capacity is Existing + Hires × PerHire.
type Hiring struct {
	Period   activity.Period `json:"period"`
	Target   decimal.Decimal `json:"target"`
	Existing decimal.Decimal `json:"existing"`
	Gap      decimal.Decimal `json:"gap"`
	PerHire  decimal.Decimal `json:"per_hire"`
	Hires    int64           `json:"hires"`
	With     decimal.Decimal `json:"with_hires"`
	// Team is the existing team's capacity month by month.
	Team TeamCapacity `json:"team"`
}

// String reads as "FY2026: hire 4 reps (target 2400000.00, team 1850000.00,
// each hire 160000.00)".
func (h Hiring) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: hire %d reps (target %s, team %s, each hire %s)", h.Period.Name, h.Hires,
		moneyText(h.Target, h.Team.Currency), moneyText(h.Existing, h.Team.Currency), moneyText(h.PerHire, h.Team.Currency))
	return b.String()
}

// RepsNeeded returns how many reps to hire at p's start to reach target
// bookings over p, given the team on the roster (see Hiring and Capacity).
// A target that is not above zero is an error wrapping ErrInvalidOptions;
// hires who would start after p ends, or would book nothing in it (a ramp
// of zeros), one wrapping ErrUndefined when there is a gap to fill.
func RepsNeeded(reps []activity.Rep, target decimal.Decimal, p activity.Period, opts CapacityOptions) (Hiring, error) {
	if !target.IsPositive() {
		return Hiring{}, fmt.Errorf("%w: target %s not above zero", ErrInvalidOptions, target)
	}
	team, err := Capacity(reps, p, opts)
	if err != nil {
		return Hiring{}, err
	}
	h := Hiring{Period: p, Target: target, Existing: team.Total, Gap: target.Sub(team.Total), Team: team}
	// A hire as a rep with the plan's ramp, starting at month L.
	months := team.Months
	if opts.HiringLeadMonths < len(months) {
		hire := activity.Rep{ID: "hire", HiredAt: months[opts.HiringLeadMonths].Period.Start, Ramp: opts.Ramp}
		sub := activity.Period{Start: hire.HiredAt, End: p.End}
		one, err := Capacity([]activity.Rep{hire}, sub, opts)
		if err != nil {
			return h, err
		}
		h.PerHire = one.Total
	}
	if !h.Gap.IsPositive() {
		h.With = h.Existing
		return h, nil
	}
	if !h.PerHire.IsPositive() {
		return h, fmt.Errorf("%w: a hire starting %d months in books nothing in %s", ErrUndefined, opts.HiringLeadMonths, p.Name)
	}
	q, rem := h.Gap.QuoRem(h.PerHire, 0)
	if rem.IsPositive() {
		q = q.Add(decimal.NewFromInt(1))
	}
	if q.GreaterThan(decimal.NewFromInt(MaxHires)) {
		return h, fmt.Errorf("%w: the target needs %s hires, more than %d", ErrUndefined, qpText(q), MaxHires)
	}
	h.Hires = q.IntPart()
	h.With = h.Existing.Add(h.PerHire.Mul(q))
	return h, nil
}

// MaxHires is the most hires RepsNeeded answers with: 10^9. A target that
// needs more is an error wrapping ErrUndefined (a typo in the target, more
// likely than a plan), not an overflowing count.
const MaxHires = 1_000_000_000

// qpText writes a decimal for an error message, short when it is huge.
func qpText(x decimal.Decimal) string {
	if x.NumDigits() > 30 {
		return fmt.Sprintf("about 1e%d", x.NumDigits()+int(x.Exponent())-1)
	}
	return x.String()
}
