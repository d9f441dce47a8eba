package performance

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Sentinel errors of quota attainment and coverage.
var (
	// ErrNoQuotas reports a quota KPI with no quota to measure against.
	ErrNoQuotas = errors.New("performance: no quotas")
	// ErrMixedQuotas reports quotas of one owner (or of a coverage) that
	// cannot be added up: a count quota beside an amount quota, or amounts
	// in different currencies (then it wraps ErrMixedCurrencies too).
	ErrMixedQuotas = errors.New("performance: quotas in different units")
)

// QuotaLevel says whose quotas a quota KPI measures: reps' or teams'.
type QuotaLevel uint8

// Quota levels.
const (
	// RepQuotas (the default) measures the quotas set for reps against the
	// deals they own.
	RepQuotas QuotaLevel = iota
	// TeamQuotas measures the quotas set for teams against the deals that
	// count for the team (the index's team rule, activity.TeamRule).
	TeamQuotas
)

// String returns "rep" or "team".
func (l QuotaLevel) String() string {
	switch l {
	case RepQuotas:
		return "rep"
	case TeamQuotas:
		return "team"
	}
	return fmt.Sprintf("QuotaLevel(%d)", uint8(l))
}

// MarshalText writes String.
func (l QuotaLevel) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (l *QuotaLevel) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, RepQuotas, TeamQuotas, QuotaLevel.MarshalText)
	if !ok {
		return fmt.Errorf("%w: quota level %q", ErrInvalidOptions, text)
	}
	*l = v
	return nil
}

// attBookings is the metric name the default selection takes besides "".
const attBookings = "bookings"

// AttainmentOptions selects the quotas of Attainment, AttainmentToDate and
// AtQuota and says how actuals are counted. The zero value measures reps'
// bookings quotas (Metric "" or "bookings"), refuses deals in a currency
// other than their quota's, counts a quota still running in full, counts
// every rep, and bands attainment at 0.5, 0.75, 1 and 1.25.
type AttainmentOptions struct {
	// Level: RepQuotas (default) or TeamQuotas.
	Level QuotaLevel
	// Metric selects the quotas whose Metric equals it. Empty (the
	// default) selects bookings quotas: those with Metric "" or
	// "bookings". A rep whose "" and "bookings" quotas overlap in time is
	// then an error wrapping activity.ErrOverlap: name one of them.
	Metric string
	// Conversion converts won deals in another currency into their
	// quota's currency, which must be Conversion.To; it takes the rate by
	// its own Date rule, with the quota's period as the period. Without
	// it, a won deal in another currency than its quota's is an error
	// wrapping ErrMixedCurrencies. Count quotas count deals in any
	// currency.
	Conversion *activity.Conversion
	// Prorate (AttainmentToDate only) counts the quota of a period still
	// running at asOf in proportion to the elapsed time, rather than in
	// full.
	Prorate bool
	// RampedOnly (AtQuota only, rep quotas only) leaves out reps still
	// ramping at the period's start: those on the roster whose
	// activity.Rep.RampFactor there is not 1 (including a rep with a ramp
	// schedule who is not yet hired or has no hire date). Reps not on the
	// roster count as ramped.
	RampedOnly bool
	// Bands (AtQuota only) are the attainment thresholds, strictly
	// increasing and not negative, that split owners into bands [lo, hi):
	// below the first, between consecutive ones, and at or above the last.
	// Empty: 0.5, 0.75, 1, 1.25.
	Bands []decimal.Decimal
}

// Validate reports an unknown level, an invalid conversion, RampedOnly with
// team quotas, and bands that are negative or not strictly increasing.
func (o AttainmentOptions) Validate() error {
	if o.Level > TeamQuotas {
		return fmt.Errorf("%w: quota level %v", ErrInvalidOptions, o.Level)
	}
	if o.RampedOnly && o.Level == TeamQuotas {
		return fmt.Errorf("%w: ramped only applies to rep quotas", ErrInvalidOptions)
	}
	for i, b := range o.Bands {
		if b.Sign() < 0 {
			return fmt.Errorf("%w: band threshold %s is negative", ErrInvalidOptions, dec.Text(b))
		}
		if i > 0 && !b.GreaterThan(o.Bands[i-1]) {
			return fmt.Errorf("%w: band thresholds %s, %s do not increase", ErrInvalidOptions, dec.Text(o.Bands[i-1]), dec.Text(b))
		}
	}
	if o.Conversion != nil {
		return o.Conversion.Validate()
	}
	return nil
}

func (o AttainmentOptions) attMatches(metric string) bool {
	if o.Metric == "" {
		return metric == "" || metric == attBookings
	}
	return metric == o.Metric
}

// attMetricName is the metric the options select, as results report it.
func (o AttainmentOptions) attMetricName() string {
	if o.Metric == "" {
		return attBookings
	}
	return o.Metric
}

func (o AttainmentOptions) attBands() []decimal.Decimal {
	if len(o.Bands) > 0 {
		return o.Bands
	}
	return []decimal.Decimal{decimal.New(5, -1), decimal.New(75, -2), decimal.New(1, 0), decimal.New(125, -2)}
}

// QuotaAttainment is how far one quota was reached:
//
//	Actual     = Σ amount of the owner's deals won in the quota's period,
//	             in the quota's currency      (amount quotas)
//	Actual     = number of those deals        (count quotas)
//	Attainment = Actual / Quota
//
// Attainment is exact to 20 decimal places (rounded half away from zero);
// AttainmentFloat is the same number as a float64. With a zero quota the
// attainment is undefined: Undefined says so and both are zero. Quota and
// Actual of a count quota are whole numbers, with Currency "". WonDeals
// counts the deals behind Actual, Converted those of them converted from
// another currency. Ramping (rep quotas) says the rep was still ramping when
// the quota's period began: a roster ramp factor below 1 then, or not yet
// hired (the reps AttainmentOptions.RampedOnly leaves out of AtQuota); a
// rep off the roster or without a ramp is not ramping.
type QuotaAttainment struct {
	Owner           string            `json:"owner"`
	Level           QuotaLevel        `json:"level"`
	Metric          string            `json:"metric,omitempty"`
	Period          activity.Period   `json:"period"`
	ByCount         bool              `json:"by_count,omitempty"`
	Currency        activity.Currency `json:"currency,omitempty"`
	Quota           decimal.Decimal   `json:"quota"`
	Actual          decimal.Decimal   `json:"actual"`
	WonDeals        int64             `json:"won_deals"`
	Converted       int64             `json:"converted,omitempty"`
	Attainment      decimal.Decimal   `json:"attainment"`
	AttainmentFloat float64           `json:"attainment_float"`
	Undefined       string            `json:"undefined,omitempty"`
	Ramping         bool              `json:"ramping,omitempty"`
}

// String reads as "rep ann 2024-01: 2500.00 of 2000.00 USD, 125.0% of
// quota (2 won deals)", with "; ramping" before the parenthesis for a
// ramping rep.
func (a QuotaAttainment) String() string {
	ramping := ""
	if a.Ramping {
		ramping = "; ramping"
	}
	return fmt.Sprintf("%v %s %s: %s, %s%s (%s)", a.Level, a.Owner, periodName(a.Period),
		attOf(a.Actual, a.Quota, a.Currency, a.ByCount), attPercent(a.AttainmentFloat, a.Undefined), ramping, attCount(a.WonDeals, "won deal"))
}

// OwnerAttainment is one rep's or team's attainment over its quotas in a
// period, up to a moment:
//
//	Quota      = Σ quota over the owner's quotas in the period that start
//	             before AsOf; one still running at AsOf counts in full, or
//	             with Prorated, times elapsed / length of its period
//	Actual     = Σ of their actuals, counting deals won before AsOf
//	Attainment = Actual / Quota
//
// Attainment is exact to 20 decimal places (rounded half away from zero), as
// is a prorated quota; AttainmentFloat is the same number as a float64. With
// a zero quota the attainment is undefined: Undefined says so and both are
// zero. Quotas counts the quotas summed, Partial those still running at
// AsOf.
type OwnerAttainment struct {
	Owner           string            `json:"owner"`
	Level           QuotaLevel        `json:"level"`
	Metric          string            `json:"metric"`
	Period          activity.Period   `json:"period"`
	AsOf            time.Time         `json:"as_of"`
	Prorated        bool              `json:"prorated,omitempty"`
	Quotas          int               `json:"quotas"`
	Partial         int               `json:"partial,omitempty"`
	ByCount         bool              `json:"by_count,omitempty"`
	Currency        activity.Currency `json:"currency,omitempty"`
	Quota           decimal.Decimal   `json:"quota"`
	Actual          decimal.Decimal   `json:"actual"`
	WonDeals        int64             `json:"won_deals"`
	Converted       int64             `json:"converted,omitempty"`
	Attainment      decimal.Decimal   `json:"attainment"`
	AttainmentFloat float64           `json:"attainment_float"`
	Undefined       string            `json:"undefined,omitempty"`
}

// String reads as "rep ann 2024 Q1 to 2024-02-15: 2500.00 of 4000.00 USD
// over 2 quotas (1 running, in full), 62.5% of quota".
func (a OwnerAttainment) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %s %s to %s: %s over %s", a.Level, a.Owner, periodName(a.Period),
		a.AsOf.Format(time.DateOnly), attOf(a.Actual, a.Quota, a.Currency, a.ByCount), attCount(int64(a.Quotas), "quota"))
	if a.Partial > 0 {
		how := "in full"
		if a.Prorated {
			how = "prorated"
		}
		fmt.Fprintf(&b, " (%d running, %s)", a.Partial, how)
	}
	fmt.Fprintf(&b, ", %s", attPercent(a.AttainmentFloat, a.Undefined))
	return b.String()
}

// AttainmentBand is one band of an attainment distribution: the owners
// whose attainment a satisfies Lo <= a < Hi. The first band has no Lo, the
// last no Hi.
type AttainmentBand struct {
	Lo     activity.Optional[decimal.Decimal] `json:"lo,omitzero"`
	Hi     activity.Optional[decimal.Decimal] `json:"hi,omitzero"`
	Owners int64                              `json:"owners"`
}

// String reads as "[0.5, 0.75): 2", "< 0.5: 0" or ">= 1.25: 1".
func (b AttainmentBand) String() string {
	switch {
	case !b.Lo.Valid && !b.Hi.Valid:
		return fmt.Sprintf("all: %d", b.Owners)
	case !b.Lo.Valid:
		return fmt.Sprintf("< %s: %d", dec.Text(b.Hi.Value), b.Owners)
	case !b.Hi.Valid:
		return fmt.Sprintf(">= %s: %d", dec.Text(b.Lo.Value), b.Owners)
	}
	return fmt.Sprintf("[%s, %s): %d", dec.Text(b.Lo.Value), dec.Text(b.Hi.Value), b.Owners)
}

// AtQuotaShare is the share of owners (reps or teams) at or above quota in a
// period, with the distribution of their attainment:
//
//	Share = AtOrAbove / Counted
//
// where an owner's attainment is its OwnerAttainment over its quotas in the
// period (Owners lists them, by owner), AtOrAbove counts those whose actual
// reaches their quota, and Counted those with a non-zero quota. ZeroQuota
// counts the owners left out for a zero quota (undefined attainment);
// NotRamped names the reps left out as still ramping under RampedOnly. Each
// counted owner falls in one of Bands, compared exactly (actual >=
// threshold × quota).
type AtQuotaShare struct {
	Scope      string            `json:"scope"`
	Period     activity.Period   `json:"period"`
	Level      QuotaLevel        `json:"level"`
	Metric     string            `json:"metric"`
	RampedOnly bool              `json:"ramped_only,omitempty"`
	Owners     []OwnerAttainment `json:"owners"`
	Counted    int64             `json:"counted"`
	AtOrAbove  int64             `json:"at_or_above"`
	ZeroQuota  int64             `json:"zero_quota,omitempty"`
	NotRamped  []string          `json:"not_ramped,omitempty"`
	Bands      []AttainmentBand  `json:"bands"`
	Share      float64           `json:"share"`
}

// String reads as "all: 1 of 3 reps at or above bookings quota in 2024 Q1
// (33.3%); 1 zero quota; bands < 0.5: 0, [0.5, 0.75): 2, ...".
func (s AtQuotaShare) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d %ss at or above %s quota in %s (%.1f%%)", s.Scope, s.AtOrAbove, s.Counted,
		s.Level, s.Metric, periodName(s.Period), 100*s.Share)
	if s.ZeroQuota > 0 {
		fmt.Fprintf(&b, "; %d zero quota", s.ZeroQuota)
	}
	if len(s.NotRamped) > 0 {
		fmt.Fprintf(&b, "; %d ramping left out", len(s.NotRamped))
	}
	b.WriteString("; bands ")
	for i, band := range s.Bands {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(band.String())
	}
	return b.String()
}

// Attainment returns the attainment of every quota at the options' level
// and metric whose period lies within p (Start >= p.Start and End <=
// p.End; a quota for p itself counts), in owner order and, for one owner,
// by period start. See QuotaAttainment for the formula. Quotas come from
// the view's index; actuals from the view's deals, so pass ix.All() for the
// usual report, or a narrowed view (DealsWhere a segment, say) to measure
// quotas against some deals only. A deal counts for the owner's quota whose
// period holds its close time. A zero quota gives an undefined attainment,
// not an error; no quota gives an empty result.
//
// Errors: an invalid period (activity.ErrInvalidPeriod) or options
// (ErrInvalidOptions; activity.ErrInvalidConversion for the conversion); a
// won deal in another currency than its quota's without a fitting Conversion
// (ErrMixedCurrencies); a conversion that fails; overlapping bookings
// quotas of one owner under the default metric (activity.ErrOverlap).
func Attainment(v activity.View, p activity.Period, opt AttainmentOptions) ([]QuotaAttainment, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	ap, err := attNewPass(v, p, opt, p.End, attAnyOwner)
	if err != nil {
		return nil, err
	}
	if err := ap.run(); err != nil {
		return nil, err
	}
	out := make([]QuotaAttainment, len(ap.quotas))
	for i := range ap.quotas {
		out[i] = ap.quotas[i].result(opt.Level)
		if opt.Level == RepQuotas {
			out[i].Ramping = !attRamped(v.Index(), out[i].Owner, out[i].Period.Start)
		}
	}
	return out, nil
}

// AttainmentToDate returns each owner's attainment over its quotas within p
// that start before asOf, counting deals won before asOf, in owner order
// (see OwnerAttainment). The quota of a period still running at asOf counts
// in full by default: the attainment says how much of that quota is done.
// With opt.Prorate it counts in proportion to the elapsed time (seconds /
// 86,400, immune to time zones): a monthly quota of 2,000 on day 15 of a
// 30-day month counts as 2,000 × 14 / 30. An owner whose quotas add to zero
// is marked undefined; owners without a quota starting before asOf are not
// listed.
//
// Errors: those of Attainment; a zero asOf (ErrInvalidOptions); quotas of
// one owner in different units (ErrMixedQuotas, and ErrMixedCurrencies for
// two currencies).
func AttainmentToDate(v activity.View, p activity.Period, asOf time.Time, opt AttainmentOptions) ([]OwnerAttainment, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		return nil, fmt.Errorf("%w: zero as-of time", ErrInvalidOptions)
	}
	ap, err := attNewPass(v, p, opt, asOf, attAnyOwner)
	if err != nil {
		return nil, err
	}
	if err := ap.run(); err != nil {
		return nil, err
	}
	return ap.owners(p, asOf, opt.Prorate)
}

// AtQuota returns the share of owners at or above quota in p, over their
// quotas within p, with the distribution of their attainment in bands (see
// AtQuotaShare and AttainmentOptions: RampedOnly, Bands). It is
// AttainmentToDate as of p.End, counted.
//
// Errors: those of AttainmentToDate; no owner with a non-zero quota left to
// count (ErrNoQuotas, with what was counted).
func AtQuota(v activity.View, p activity.Period, opt AttainmentOptions) (AtQuotaShare, error) {
	if err := v.Err(); err != nil {
		return AtQuotaShare{}, err
	}
	ap, err := attNewPass(v, p, opt, p.End, attAnyOwner)
	if err != nil {
		return AtQuotaShare{}, err
	}
	if err := ap.run(); err != nil {
		return AtQuotaShare{}, err
	}
	owners, err := ap.owners(p, p.End, false)
	if err != nil {
		return AtQuotaShare{}, err
	}
	s := AtQuotaShare{Scope: v.Label(), Period: p, Level: opt.Level, Metric: opt.attMetricName(), RampedOnly: opt.RampedOnly}
	thresholds := opt.attBands()
	s.Bands = make([]AttainmentBand, len(thresholds)+1)
	for i := range s.Bands {
		if i > 0 {
			s.Bands[i].Lo = activity.Some(thresholds[i-1])
		}
		if i < len(thresholds) {
			s.Bands[i].Hi = activity.Some(thresholds[i])
		}
	}
	ix := v.Index()
	for _, o := range owners {
		if opt.RampedOnly && !attRamped(ix, o.Owner, p.Start) {
			s.NotRamped = append(s.NotRamped, o.Owner)
			continue
		}
		s.Owners = append(s.Owners, o)
		if o.Quota.Sign() == 0 {
			s.ZeroQuota++
			continue
		}
		s.Counted++
		if o.Actual.Cmp(o.Quota) >= 0 {
			s.AtOrAbove++
		}
		band := 0
		for _, t := range thresholds {
			if o.Actual.Cmp(t.Mul(o.Quota)) >= 0 {
				band++
			}
		}
		s.Bands[band].Owners++
	}
	if s.Counted == 0 {
		return s, fmt.Errorf("%w: no %v with a non-zero %s quota in %s", ErrNoQuotas, opt.Level, s.Metric, periodName(p))
	}
	s.Share = float64(s.AtOrAbove) / float64(s.Counted)
	return s, nil
}

// attRamped reports whether the rep is fully ramped at t: off the roster, or
// with a ramp factor of 1.
func attRamped(ix *activity.Index, rep string, t time.Time) bool {
	k, ok := ix.Reps().Key(rep)
	if !ok {
		return true
	}
	r, on := ix.Rep(k)
	if !on {
		return true
	}
	f, ok := r.RampFactor(t)
	return ok && f.Equal(decimal.New(1, 0))
}

// attAnyOwner selects the quotas of every owner.
const attAnyOwner = ""

// attQuota is a selected quota with its keys resolved and its actual so far.
type attQuota struct {
	q         activity.Quota
	name      string       // the rep or team
	owner     activity.Key // its key, or NoKey when no deal can match
	lo, hi    int64        // the quota's period
	cut       int64        // deals count when closed before this: hi, or asOf
	count     bool         // a count quota
	curKey    activity.Key // the quota currency's key, or attNoKey
	sum       exact.Sum
	won       int64
	converted int64
}

// attNoKey marks a currency the index has never seen.
const attNoKey activity.Key = -2

func (aq *attQuota) target() decimal.Decimal {
	if aq.count {
		return decimal.NewFromInt(aq.q.Count.Value)
	}
	return aq.q.Amount.Value
}

func (aq *attQuota) actual() decimal.Decimal {
	if aq.count {
		return decimal.NewFromInt(aq.won)
	}
	return aq.sum.Decimal()
}

func (aq *attQuota) result(level QuotaLevel) QuotaAttainment {
	a := QuotaAttainment{
		Owner: aq.name, Level: level, Metric: aq.q.Metric, Period: aq.q.Period, ByCount: aq.count,
		Quota: aq.target(), Actual: aq.actual(), WonDeals: aq.won, Converted: aq.converted,
	}
	if !aq.count {
		a.Currency = aq.q.Currency
	}
	a.Attainment, a.AttainmentFloat, a.Undefined = attRatio(a.Actual, a.Quota)
	return a
}

// attRatio is actual / quota, exact at ratioScale and as a float64, or the
// reason it is undefined.
func attRatio(actual, quota decimal.Decimal) (decimal.Decimal, float64, string) {
	if quota.Sign() == 0 {
		return decimal.Decimal{}, 0, "quota is zero"
	}
	r := actual.DivRound(quota, ratioScale)
	return r, r.InexactFloat64(), ""
}

// attPass is one pass of the won deals of a view over selected quotas.
type attPass struct {
	v       activity.View
	opt     AttainmentOptions
	quotas  []attQuota // by owner name, then period start
	byOwner [][]int32  // by owner key: the owner's quotas, by start
}

// attNewPass selects the quotas at opt's level and metric within p that
// start before asOf (all of owner's, or every owner's for attAnyOwner).
func attNewPass(v activity.View, p activity.Period, opt AttainmentOptions, asOf time.Time, owner string) (*attPass, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	ix := v.Index()
	dict := ix.Reps()
	if opt.Level == TeamQuotas {
		dict = ix.Teams()
	}
	_, scale := ixcols.DealsOf(ix).Amount.Units()
	in := spanOf(p)
	until := ixcols.Nanos(asOf)
	ap := &attPass{v: v, opt: opt, byOwner: make([][]int32, dict.Len())}
	for _, q := range ix.Quotas() {
		name := q.Rep
		if opt.Level == TeamQuotas {
			name = q.Team
		}
		if name == "" || (owner != attAnyOwner && name != owner) || !opt.attMatches(q.Metric) {
			continue
		}
		lo, hi := ixcols.Nanos(q.Period.Start), ixcols.Nanos(q.Period.End)
		if lo < in.lo || hi > in.hi || lo >= until {
			continue
		}
		aq := attQuota{q: q, name: name, lo: lo, hi: hi, cut: min(hi, until), count: q.Count.Valid,
			curKey: attNoKey, sum: exact.NewSum(scale)}
		if k, ok := dict.Key(name); ok {
			aq.owner = k
		} else {
			aq.owner = activity.NoKey
		}
		if !aq.count {
			if k, ok := ix.Currencies().Key(string(q.Currency)); ok && k >= 0 {
				aq.curKey = k
			}
		}
		ap.quotas = append(ap.quotas, aq)
	}
	slices.SortStableFunc(ap.quotas, func(a, b attQuota) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		switch {
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return strings.Compare(a.q.Metric, b.q.Metric)
	})
	for i := range ap.quotas {
		aq := &ap.quotas[i]
		if aq.owner < 0 {
			continue
		}
		list := ap.byOwner[aq.owner]
		if n := len(list); n > 0 {
			prev := &ap.quotas[list[n-1]]
			if aq.lo < prev.hi {
				return nil, fmt.Errorf("%w: %v %q has quotas for metrics %q and %q that overlap (%s, %s): give AttainmentOptions.Metric",
					activity.ErrOverlap, opt.Level, aq.name, prev.q.Metric, aq.q.Metric, periodName(prev.q.Period), periodName(aq.q.Period))
			}
		}
		ap.byOwner[aq.owner] = append(list, int32(i))
	}
	return ap, nil
}

// run adds each won deal of the view to the quota of its owner whose period
// holds its close time.
func (ap *attPass) run() error {
	ix := ap.v.Index()
	d := ixcols.DealsOf(ix)
	units, _ := d.Amount.Units()
	col := d.Owner
	if ap.opt.Level == TeamQuotas {
		col = d.Team
	}
	for _, r := range ap.v.DealRows() {
		if d.Status[r] != activity.StatusWon {
			continue
		}
		k := col[r]
		if k < 0 || int(k) >= len(ap.byOwner) {
			continue
		}
		list := ap.byOwner[k]
		at := d.Closed[r]
		// The owner's quotas do not overlap: the one that can hold at is the
		// last to start at or before it.
		lo, hi := 0, len(list)
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if ap.quotas[list[mid]].lo <= at {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo == 0 {
			continue
		}
		aq := &ap.quotas[list[lo-1]]
		if at >= aq.cut {
			continue
		}
		aq.won++
		if aq.count {
			continue
		}
		if ck := d.Currency[r]; ck == aq.curKey {
			if u := units[r]; u != ixcols.Unfit {
				aq.sum.Add(u)
			} else {
				amount, _ := d.Amount.At(int(r))
				aq.sum.AddDecimal(amount)
			}
			continue
		}
		from := activity.Currency(ix.Currencies().Name(d.Currency[r]))
		conv := ap.opt.Conversion
		if conv == nil || conv.To != aq.q.Currency {
			hint := "give a Conversion"
			if conv != nil {
				hint = fmt.Sprintf("the conversion is to %s", conv.To)
			}
			return fmt.Errorf("%w: deal %q in %s counts for the %s quota of %v %q in %s (%s)",
				ErrMixedCurrencies, d.ID.At(int(r)), from, aq.q.Currency, ap.opt.Level, aq.name, periodName(aq.q.Period), hint)
		}
		amount, _ := d.Amount.At(int(r))
		c, err := conv.Convert(amount, from, fromNanos(at, aq.q.Period.Start), aq.q.Period)
		if err != nil {
			return fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
		}
		aq.sum.AddDecimal(c)
		aq.converted++
	}
	return nil
}

// owners adds up each owner's quotas as of asOf.
func (ap *attPass) owners(p activity.Period, asOf time.Time, prorate bool) ([]OwnerAttainment, error) {
	var out []OwnerAttainment
	now := ixcols.Nanos(asOf)
	for lo := 0; lo < len(ap.quotas); {
		hi := lo + 1
		for hi < len(ap.quotas) && ap.quotas[hi].name == ap.quotas[lo].name {
			hi++
		}
		qs := ap.quotas[lo:hi]
		lo = hi
		quota, count, cur, err := attTotal(qs, now, prorate, ap.opt.Level)
		if err != nil {
			return nil, err
		}
		o := OwnerAttainment{
			Owner: qs[0].name, Level: ap.opt.Level, Metric: ap.opt.attMetricName(), Period: p, AsOf: asOf,
			Prorated: prorate, Quotas: len(qs), ByCount: count, Currency: cur, Quota: quota, Actual: decimal.Zero,
		}
		for i := range qs {
			aq := &qs[i]
			if aq.hi > now {
				o.Partial++
			}
			o.Actual = o.Actual.Add(aq.actual())
			o.WonDeals += aq.won
			o.Converted += aq.converted
		}
		o.Attainment, o.AttainmentFloat, o.Undefined = attRatio(o.Actual, o.Quota)
		out = append(out, o)
	}
	return out, nil
}

// attTotal adds up quotas, each one still running at now in full or, with
// prorate, times its elapsed share; it reports quotas in different units.
func attTotal(qs []attQuota, now int64, prorate bool, level QuotaLevel) (decimal.Decimal, bool, activity.Currency, error) {
	first := &qs[0]
	total := decimal.Zero
	for i := range qs {
		aq := &qs[i]
		switch {
		case aq.count != first.count:
			return decimal.Decimal{}, false, "", fmt.Errorf("%w: %v %q has count and amount quotas (%s, %s)",
				ErrMixedQuotas, level, aq.name, periodName(first.q.Period), periodName(aq.q.Period))
		case !aq.count && aq.q.Currency != first.q.Currency:
			return decimal.Decimal{}, false, "", fmt.Errorf("%w: %w: %v %q has quotas in %s and %s",
				ErrMixedQuotas, ErrMixedCurrencies, level, aq.name, first.q.Currency, aq.q.Currency)
		}
		t := aq.target()
		if prorate && aq.hi > now {
			t = t.Mul(decimal.NewFromInt(now-aq.lo)).DivRound(decimal.NewFromInt(aq.hi-aq.lo), ratioScale)
		}
		total = total.Add(t)
	}
	var cur activity.Currency
	if !first.count {
		cur = first.q.Currency
	}
	return total, first.count, cur, nil
}

// CoverageBasis says what a pipeline coverage divides by.
type CoverageBasis uint8

// Coverage bases.
const (
	// CoverQuota (the default) divides the pipeline by the whole quota.
	CoverQuota CoverageBasis = iota
	// CoverRemaining divides it by what is left of the quota: quota −
	// closed won so far.
	CoverRemaining
)

// String returns "quota" or "remaining".
func (b CoverageBasis) String() string {
	switch b {
	case CoverQuota:
		return "quota"
	case CoverRemaining:
		return "remaining"
	}
	return fmt.Sprintf("CoverageBasis(%d)", uint8(b))
}

// MarshalText writes String.
func (b CoverageBasis) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (b *CoverageBasis) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, CoverQuota, CoverRemaining, CoverageBasis.MarshalText)
	if !ok {
		return fmt.Errorf("%w: coverage basis %q", ErrInvalidOptions, text)
	}
	*b = v
	return nil
}

// CoverageOptions says how a pipeline coverage is computed. The zero value
// divides the open amount expected to close in the period, as of its start,
// by the reps' bookings quotas in it, and derives no required coverage.
type CoverageOptions struct {
	// Basis: CoverQuota (default) or CoverRemaining.
	Basis CoverageBasis
	// WinRate, in (0, 1], gives the required coverage 1 / WinRate. Zero:
	// none given.
	WinRate float64
	// WinLoss, instead of WinRate, gives the required coverage from a
	// computed win rate, exactly: (won + lost) / won by count, closed
	// amount / won amount by value. Nil: none given.
	WinLoss *WinLoss

	// The fields below are read by Coverage only.

	// Owner is the rep (or, with TeamQuotas, the team) whose quotas and
	// deals are covered. Empty: every owner with a quota at the level.
	Owner string
	// Level: RepQuotas (default) or TeamQuotas.
	Level QuotaLevel
	// Metric selects the quotas as AttainmentOptions.Metric does: empty
	// takes Metric "" or "bookings".
	Metric string
	// Pipeline selects the open deals (OpenPipeline). Its AsOf (default
	// the period's start) is also the end of "closed won so far".
	Pipeline PipelineOptions
	// Weighted divides the probability-weighted pipeline instead of the
	// open amount. Not with count quotas.
	Weighted bool
	// Conversion, when not nil, converts the pipeline (in place of
	// Pipeline.Conversion) and the closed won deals into the quotas'
	// currency, which must be Conversion.To. Nil: deals in another currency
	// than the quotas' are an error wrapping ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// Validate reports an unknown basis or level, a win rate outside (0, 1] or
// given twice, a WinLoss with negative counts, and invalid pipeline options.
func (o CoverageOptions) Validate() error {
	switch {
	case o.Basis > CoverRemaining:
		return fmt.Errorf("%w: coverage basis %v", ErrInvalidOptions, o.Basis)
	case o.Level > TeamQuotas:
		return fmt.Errorf("%w: quota level %v", ErrInvalidOptions, o.Level)
	case math.IsNaN(o.WinRate) || o.WinRate < 0 || o.WinRate > 1:
		return fmt.Errorf("%w: win rate %v outside (0, 1]", ErrInvalidOptions, o.WinRate)
	case o.WinRate != 0 && o.WinLoss != nil:
		return fmt.Errorf("%w: give WinRate or WinLoss, not both", ErrInvalidOptions)
	case o.WinLoss != nil && (o.WinLoss.Won < 0 || o.WinLoss.Lost < 0):
		return fmt.Errorf("%w: win-loss counts %d, %d", ErrInvalidOptions, o.WinLoss.Won, o.WinLoss.Lost)
	case o.WinLoss != nil && o.WinLoss.Basis > ValueBasis:
		return fmt.Errorf("%w: win-loss basis %v", ErrInvalidOptions, o.WinLoss.Basis)
	}
	if err := checkConversion(o.Conversion); err != nil {
		return err
	}
	return o.Pipeline.Validate()
}

// PipelineCoverage is how many times the open pipeline covers a quota:
//
//	Coverage  = Pipeline / Quota                  CoverQuota (default)
//	Coverage  = Pipeline / Remaining              CoverRemaining
//	Remaining = Quota − ClosedWon
//	Required  = 1 / win rate
//	Expected  = Pipeline × win rate        what the pipeline should bring
//	ExpectedShare = Expected / Remaining    the share of what is left it covers
//
// Coverage and Required are exact to 20 decimal places (rounded half away
// from zero), each with its float64 beside. Coverage is undefined, with the
// reason in Undefined, for a zero quota, or under CoverRemaining once
// closed won reaches the quota (nothing left to cover); Required is
// undefined, with the reason in RequiredUndefined, when no win rate was
// given or it has no won deal. Expected is undefined then too, and
// ExpectedShare (in ExpectedUndefined) also once closed won reaches the
// quota. Under a computed WinLoss the win rate is exact: Expected is the
// pipeline × won / (won + lost) by count, × won amount / closed amount by
// value, to 20 decimal places. Sufficient reports Coverage >= Required when
// both are defined. For a count quota (ByCount), the pipeline and closed won
// are numbers of deals.
type PipelineCoverage struct {
	Scope             string            `json:"scope,omitempty"`
	Period            activity.Period   `json:"period,omitzero"`
	AsOf              time.Time         `json:"as_of,omitzero"`
	Basis             CoverageBasis     `json:"basis"`
	Weighted          bool              `json:"weighted,omitempty"`
	ByCount           bool              `json:"by_count,omitempty"`
	Currency          activity.Currency `json:"currency,omitempty"`
	Pipeline          decimal.Decimal   `json:"pipeline"`
	PipelineDeals     int64             `json:"pipeline_deals,omitempty"`
	Quota             decimal.Decimal   `json:"quota"`
	ClosedWon         decimal.Decimal   `json:"closed_won"`
	WonDeals          int64             `json:"won_deals,omitempty"`
	Remaining         decimal.Decimal   `json:"remaining"`
	Coverage          decimal.Decimal   `json:"coverage"`
	CoverageFloat     float64           `json:"coverage_float"`
	Undefined         string            `json:"undefined,omitempty"`
	WinRate           float64           `json:"win_rate,omitempty"`
	Required          decimal.Decimal   `json:"required"`
	RequiredFloat     float64           `json:"required_float"`
	RequiredUndefined string            `json:"required_undefined,omitempty"`
	Sufficient        bool              `json:"sufficient"`
	// Expected is the pipeline at the win rate; ExpectedShare its share of
	// the remaining quota.
	Expected           decimal.Decimal `json:"expected"`
	ExpectedShare      decimal.Decimal `json:"expected_share"`
	ExpectedShareFloat float64         `json:"expected_share_float"`
	ExpectedUndefined  string          `json:"expected_undefined,omitempty"`
}

// String reads as "rep=ann 2024 Q1: pipeline 5000.00 USD / quota 6000.00 =
// 0.83x; required 4.00x at a 25.0% win rate (short)".
func (c PipelineCoverage) String() string {
	var b strings.Builder
	b.WriteString(c.Scope)
	if !c.Period.IsZero() {
		if c.Scope != "" {
			b.WriteString(" ")
		}
		b.WriteString(periodName(c.Period))
	}
	if b.Len() == 0 {
		b.WriteString("coverage")
	}
	unit := ""
	if c.Currency != "" {
		unit = " " + string(c.Currency)
	} else if c.ByCount {
		unit = " deals"
	}
	what := "pipeline"
	if c.Weighted {
		what = "weighted pipeline"
	}
	base, amount := "quota", c.Quota
	if c.Basis == CoverRemaining {
		base, amount = "remaining quota", c.Remaining
	}
	fmt.Fprintf(&b, ": %s %s%s / %s %s = ", what, attNumber(c.Pipeline, c.Currency), unit, base, attNumber(amount, c.Currency))
	if c.Undefined != "" {
		fmt.Fprintf(&b, "undefined (%s)", c.Undefined)
	} else {
		fmt.Fprintf(&b, "%.2fx", c.CoverageFloat)
	}
	if c.RequiredUndefined == "" {
		verdict := "short"
		if c.Sufficient {
			verdict = "enough"
		}
		if c.Undefined != "" {
			verdict = "n/a"
		}
		fmt.Fprintf(&b, "; required %.2fx at a %.1f%% win rate (%s)", c.RequiredFloat, 100*c.WinRate, verdict)
	}
	return b.String()
}

// CoverageFrom returns the coverage of a quota by a pipeline, given the
// amounts (or counts) themselves: see PipelineCoverage for the formulas. It
// reads Basis, WinRate and WinLoss of opt. Errors: invalid options
// (ErrInvalidOptions); a negative pipeline, quota or closed won (wrapping
// activity.ErrNegativeAmount).
func CoverageFrom(pipeline, quota, closedWon decimal.Decimal, opt CoverageOptions) (PipelineCoverage, error) {
	if err := opt.Validate(); err != nil {
		return PipelineCoverage{}, err
	}
	for _, x := range []struct {
		name string
		v    decimal.Decimal
	}{{"pipeline", pipeline}, {"quota", quota}, {"closed won", closedWon}} {
		if x.v.Sign() < 0 {
			return PipelineCoverage{}, fmt.Errorf("%w: %s %s", activity.ErrNegativeAmount, x.name, dec.Text(x.v))
		}
	}
	c := PipelineCoverage{Basis: opt.Basis, Pipeline: pipeline, Quota: quota, ClosedWon: closedWon}
	attCover(&c, opt)
	return c, nil
}

// attCover fills in the ratios of c from its amounts.
func attCover(c *PipelineCoverage, opt CoverageOptions) {
	c.Remaining = c.Quota.Sub(c.ClosedWon)
	switch {
	case opt.Basis == CoverQuota && c.Quota.Sign() == 0:
		c.Undefined = "quota is zero"
	case opt.Basis == CoverRemaining && c.Remaining.Sign() <= 0:
		c.Undefined = fmt.Sprintf("already at quota: closed won %s >= quota %s", attNumber(c.ClosedWon, c.Currency), attNumber(c.Quota, c.Currency))
	default:
		base := c.Quota
		if opt.Basis == CoverRemaining {
			base = c.Remaining
		}
		c.Coverage = c.Pipeline.DivRound(base, ratioScale)
		c.CoverageFloat = c.Coverage.InexactFloat64()
	}
	one := decimal.New(1, 0)
	switch w := opt.WinLoss; {
	case w != nil && w.Won == 0:
		c.RequiredUndefined = "the win rate has no won deal"
	case w != nil && w.Basis == ValueBasis:
		if w.WonAmount.Sign() <= 0 {
			c.RequiredUndefined = "the win rate has no won amount"
			break
		}
		c.WinRate = w.Rate
		c.Required = w.ClosedAmount.DivRound(w.WonAmount, ratioScale)
	case w != nil:
		c.WinRate = w.Rate
		c.Required = decimal.NewFromInt(w.Won+w.Lost).DivRound(decimal.NewFromInt(w.Won), ratioScale)
	case opt.WinRate > 0:
		c.WinRate = opt.WinRate
		c.Required = one.DivRound(decimal.NewFromFloat(opt.WinRate), ratioScale)
	default:
		c.RequiredUndefined = "no win rate given"
	}
	if c.RequiredUndefined == "" {
		c.RequiredFloat = c.Required.InexactFloat64()
		c.Sufficient = c.Undefined == "" && c.Coverage.Cmp(c.Required) >= 0
	}
	attExpected(c, opt)
}

// attExpected fills in what the pipeline should bring at the win rate, and
// its share of the remaining quota.
func attExpected(c *PipelineCoverage, opt CoverageOptions) {
	if c.RequiredUndefined != "" {
		c.ExpectedUndefined = c.RequiredUndefined
		return
	}
	switch w := opt.WinLoss; {
	case w != nil && w.Basis == ValueBasis:
		c.Expected = c.Pipeline.Mul(w.WonAmount).DivRound(w.ClosedAmount, ratioScale)
	case w != nil:
		c.Expected = c.Pipeline.Mul(decimal.NewFromInt(w.Won)).DivRound(decimal.NewFromInt(w.Won+w.Lost), ratioScale)
	default:
		c.Expected = c.Pipeline.Mul(decimal.NewFromFloat(opt.WinRate)).Round(ratioScale)
	}
	if c.Remaining.Sign() <= 0 {
		c.ExpectedUndefined = fmt.Sprintf("already at quota: closed won %s >= quota %s", attNumber(c.ClosedWon, c.Currency), attNumber(c.Quota, c.Currency))
		return
	}
	c.ExpectedShare = c.Expected.DivRound(c.Remaining, ratioScale)
	c.ExpectedShareFloat = c.ExpectedShare.InexactFloat64()
}

// Coverage returns the pipeline coverage of the quotas at opt's level and
// metric within p (Start >= p.Start and End <= p.End), of opt.Owner or of
// every owner: the pipeline is OpenPipeline with opt.Pipeline over the
// view's deals owned by (or, for team quotas, counting for) those owners,
// and closed won is the amount (or, for count quotas, the number) of those
// deals won from p.Start up to the pipeline's AsOf. See PipelineCoverage
// for the formulas. The pipeline, closed won and quotas must be in one
// currency; no conversion is made.
//
// Errors: an invalid period (activity.ErrInvalidPeriod) or options
// (ErrInvalidOptions); an Owner the
// index has never seen (activity.ErrUnknownName); no quota (ErrNoQuotas);
// quotas in different units (ErrMixedQuotas); for amount quotas, deals
// in another currency than the quotas' (ErrMixedCurrencies; a count quota
// counts deals in any currency); Weighted with count quotas
// (ErrInvalidOptions); overlapping bookings quotas under the default metric
// (activity.ErrOverlap).
func Coverage(v activity.View, p activity.Period, opt CoverageOptions) (PipelineCoverage, error) {
	if err := v.Err(); err != nil {
		return PipelineCoverage{}, err
	}
	if err := opt.Validate(); err != nil {
		return PipelineCoverage{}, err
	}
	ix := v.Index()
	dict, col := ix.Reps(), ixcols.DealsOf(ix).Owner
	if opt.Level == TeamQuotas {
		dict, col = ix.Teams(), ixcols.DealsOf(ix).Team
	}
	if opt.Owner != "" {
		if k, ok := dict.Key(opt.Owner); !ok || k < 0 {
			return PipelineCoverage{}, fmt.Errorf("%w: %v %q", activity.ErrUnknownName, opt.Level, opt.Owner)
		}
	}
	ap, err := attNewPass(v, p, AttainmentOptions{Level: opt.Level, Metric: opt.Metric}, p.End, opt.Owner)
	if err != nil {
		return PipelineCoverage{}, err
	}
	label := fmt.Sprintf("%v quotas", opt.Level)
	if opt.Owner != "" {
		label = fmt.Sprintf("%v=%s", opt.Level, opt.Owner)
	}
	if len(ap.quotas) == 0 {
		return PipelineCoverage{}, fmt.Errorf("%w: %s, %s, in %s", ErrNoQuotas, v.Label()+" / "+label,
			AttainmentOptions{Metric: opt.Metric}.attMetricName(), periodName(p))
	}
	quota, count, cur, err := attTotal(ap.quotas, ixcols.Nanos(p.End), false, opt.Level)
	if err != nil {
		return PipelineCoverage{}, err
	}
	if count && opt.Weighted {
		return PipelineCoverage{}, fmt.Errorf("%w: weighted coverage of a count quota", ErrInvalidOptions)
	}
	w := v.DealsWhere(label, func(_ *activity.Index, row int) bool {
		k := col[row]
		return k >= 0 && int(k) < len(ap.byOwner) && len(ap.byOwner[k]) > 0
	})
	ppOpt := opt.Pipeline
	if opt.Conversion != nil && !count {
		if opt.Conversion.To != cur {
			return PipelineCoverage{}, fmt.Errorf("%w: conversion to %s, quotas in %s", ErrInvalidOptions, opt.Conversion.To, cur)
		}
		ppOpt.Conversion = opt.Conversion
	}
	// A count quota counts deals: their currencies do not matter.
	pp, err := newPipelinePass(w, p, ppOpt, nil)
	if err != nil {
		return PipelineCoverage{}, err
	}
	pp.countOnly = count
	if err := pp.run(); err != nil {
		return PipelineCoverage{}, err
	}
	pl := pp.result(0, w.Label(), p)
	c := PipelineCoverage{
		Scope: w.Label(), Period: p, AsOf: pl.AsOf, Basis: opt.Basis, Weighted: opt.Weighted, ByCount: count,
		Currency: cur, PipelineDeals: pl.Deals, Quota: quota,
	}
	switch {
	case count:
		c.Pipeline = decimal.NewFromInt(pl.Deals)
	case pl.Deals > 0 && pl.Currency != cur:
		return PipelineCoverage{}, fmt.Errorf("%w: pipeline in %s, quota in %s, in %s", ErrMixedCurrencies, pl.Currency, cur, w.Label())
	case opt.Weighted:
		c.Pipeline = pl.Weighted
	default:
		c.Pipeline = pl.Amount
	}
	// Closed won so far: deals won in [p.Start, AsOf), within p.
	d := ixcols.DealsOf(ix)
	units, scale := d.Amount.Units()
	won := exact.NewSum(scale)
	curKey, ok := ix.Currencies().Key(string(cur))
	if !ok {
		curKey = attNoKey
	}
	lo, hi := ixcols.Nanos(p.Start), min(ixcols.Nanos(pl.AsOf), ixcols.Nanos(p.End))
	for _, r := range w.DealRows() {
		if d.Status[r] != activity.StatusWon || d.Closed[r] < lo || d.Closed[r] >= hi {
			continue
		}
		c.WonDeals++
		if count {
			continue
		}
		if d.Currency[r] != curKey {
			if opt.Conversion == nil {
				return PipelineCoverage{}, fmt.Errorf("%w: deal %q in %s, quota in %s (give a Conversion)",
					ErrMixedCurrencies, d.ID.At(int(r)), ix.Currencies().Name(d.Currency[r]), cur)
			}
			amount, _ := d.Amount.At(int(r))
			cv, err := opt.Conversion.Convert(amount, activity.Currency(ix.Currencies().Name(d.Currency[r])), fromNanos(d.Closed[r], p.Start), p)
			if err != nil {
				return PipelineCoverage{}, fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
			}
			won.AddDecimal(cv)
			continue
		}
		if u := units[r]; u != ixcols.Unfit {
			won.Add(u)
		} else {
			amount, _ := d.Amount.At(int(r))
			won.AddDecimal(amount)
		}
	}
	c.ClosedWon = won.Decimal()
	if count {
		c.ClosedWon = decimal.NewFromInt(c.WonDeals)
	}
	attCover(&c, opt)
	return c, nil
}

// attOf reads as "2500.00 of 2000.00 USD" or "3 of 4 won deals".
func attOf(actual, quota decimal.Decimal, cur activity.Currency, count bool) string {
	if count {
		return fmt.Sprintf("%s of %s won deals", attNumber(actual, ""), attNumber(quota, ""))
	}
	return fmt.Sprintf("%s of %s %s", attNumber(actual, cur), attNumber(quota, cur), cur)
}

// attNumber writes x at cur's minor units, or, without a currency, as a
// whole number when it is one and else at two places.
func attNumber(x decimal.Decimal, cur activity.Currency) string {
	if cur != "" {
		return x.StringFixed(cur.MinorUnits())
	}
	if x.IsInteger() {
		return x.StringFixed(0)
	}
	return x.StringFixed(2)
}

func attPercent(f float64, undefined string) string {
	if undefined != "" {
		return "undefined (" + undefined + ")"
	}
	return fmt.Sprintf("%.1f%% of quota", 100*f)
}

// attCount reads as "1 quota" or "2 quotas".
func attCount(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
