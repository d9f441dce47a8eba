package performance

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/internal/quantile"
	"github.com/salesmetrics/salesmetrics/internal/wire"
)

// LeadBasis says which leads and steps a lead funnel counts.
type LeadBasis uint8

// Lead bases.
const (
	// LeadCohort (the default) counts the leads created in the period and
	// follows each to where it got by LeadOptions.AsOf, whenever that was:
	// of the leads created in March, how many were qualified, converted,
	// won. Its rates are true conversion rates (never above 1), but a
	// recent cohort's are still growing.
	LeadCohort LeadBasis = iota
	// LeadFlow counts each step in the period it happened in, whichever
	// leads took it: leads created in March, leads qualified in March,
	// leads converted in March. The rates are then ratios of a period's
	// flows (qualified this month / created this month), which may exceed
	// 1; a breakdown by period puts each step in its own period.
	LeadFlow
)

// String returns "cohort" or "flow".
func (b LeadBasis) String() string {
	switch b {
	case LeadCohort:
		return "cohort"
	case LeadFlow:
		return "flow"
	}
	return fmt.Sprintf("LeadBasis(%d)", uint8(b))
}

// MarshalText writes String.
func (b LeadBasis) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (b *LeadBasis) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, LeadCohort, LeadFlow, LeadBasis.MarshalText)
	if !ok {
		return fmt.Errorf("%w: lead basis %q", ErrInvalidOptions, text)
	}
	*b = v
	return nil
}

// TouchSource says what counts as a lead's first touch, for speed to lead.
type TouchSource uint8

// Touch sources.
const (
	// TouchActivity (the default): the first activity naming the lead
	// (activity.Activity.Lead), of LeadOptions.TouchKinds.
	TouchActivity TouchSource = iota
	// TouchStatus: the lead's first status past new (activity.Lead.TouchedAt),
	// for books whose activities do not name leads.
	TouchStatus
	// TouchEither: the earlier of the two.
	TouchEither
)

// String returns "activity", "status" or "either".
func (s TouchSource) String() string {
	switch s {
	case TouchActivity:
		return "activity"
	case TouchStatus:
		return "status"
	case TouchEither:
		return "either"
	}
	return fmt.Sprintf("TouchSource(%d)", uint8(s))
}

// MarshalText writes String.
func (s TouchSource) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (s *TouchSource) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, TouchActivity, TouchEither, TouchSource.MarshalText)
	if !ok {
		return fmt.Errorf("%w: touch source %q", ErrInvalidOptions, text)
	}
	*s = v
	return nil
}

// LeadAttribution says which lead records count as a lead, and for which
// source, when one person came in more than once.
type LeadAttribution uint8

// Lead attributions.
const (
	// OwnSource (the default) counts every lead record as a lead, for its
	// own source: a person who signed up at an event and later filled in
	// the contact form is two leads, one for each source.
	OwnSource LeadAttribution = iota
	// FirstTouch merges the leads of one person (activity.Lead.PersonKey)
	// into one lead, counted for the source of the person's first lead
	// (the earliest created; ties to the first in the index).
	FirstTouch
	// LastTouch merges them likewise, counted for the source of the last
	// lead created up to the person's conversion (up to the last lead when
	// it never converted).
	LastTouch
)

// String returns "own source", "first touch" or "last touch".
func (a LeadAttribution) String() string {
	switch a {
	case OwnSource:
		return "own source"
	case FirstTouch:
		return "first touch"
	case LastTouch:
		return "last touch"
	}
	return fmt.Sprintf("LeadAttribution(%d)", uint8(a))
}

// MarshalText writes String.
func (a LeadAttribution) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (a *LeadAttribution) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, OwnSource, LastTouch, LeadAttribution.MarshalText)
	if !ok {
		return fmt.Errorf("%w: lead attribution %q", ErrInvalidOptions, text)
	}
	*a = v
	return nil
}

// LeadOptions says which leads a lead funnel counts and how. The zero
// value follows the leads created in the period to everything the index
// knows, each lead record for its own source, with speed to lead from the
// first activity of any kind, and no cost.
type LeadOptions struct {
	Basis LeadBasis
	// Attribution says whether one person's several leads are merged into
	// one, and for which source it counts (OwnSource, FirstTouch,
	// LastTouch).
	Attribution LeadAttribution
	// AsOf, under LeadCohort, is the moment the cohort is looked at: steps
	// taken after it (and deals won after it) are not counted yet. Zero:
	// everything the index holds. Under LeadFlow it must be zero.
	AsOf time.Time
	// Touch says what a first touch is; TouchKinds, when given, the
	// activity kinds that count as one (calls and emails, not a marketing
	// email sent by a system). Nil: every kind.
	Touch      TouchSource
	TouchKinds []activity.Kind
	// Spend, when given, is what the leads cost: the records dated in the
	// period (and, with SpendCategories, in those categories) count, and
	// the funnel reports cost per lead, per opportunity and per won deal.
	// A breakdown by source gives each source the spend of its Source ("":
	// spend on no one source), by team the spend of its Team, by period
	// the spend dated in it; by rep or attribute the groups get none.
	Spend           []activity.Spend
	SpendCategories []string
}

// Validate reports an unknown basis, attribution or touch source, an AsOf
// under LeadFlow, an empty touch kind, and an invalid spend record (its
// problems wrapping activity.ErrInvalidSpend).
func (o LeadOptions) Validate() error {
	for i, sp := range o.Spend {
		if err := sp.Validate(); err != nil {
			return fmt.Errorf("%w: spend %d: %w", ErrInvalidOptions, i, err)
		}
	}
	switch {
	case o.Attribution > LastTouch:
		return fmt.Errorf("%w: lead attribution %v", ErrInvalidOptions, o.Attribution)
	case o.Basis > LeadFlow:
		return fmt.Errorf("%w: lead basis %v", ErrInvalidOptions, o.Basis)
	case o.Touch > TouchEither:
		return fmt.Errorf("%w: touch source %v", ErrInvalidOptions, o.Touch)
	case o.Basis == LeadFlow && !o.AsOf.IsZero():
		return fmt.Errorf("%w: AsOf follows a cohort; the flow basis counts steps in the period", ErrInvalidOptions)
	case slices.Contains(o.TouchKinds, ""):
		return fmt.Errorf("%w: an empty touch kind", ErrInvalidOptions)
	}
	return nil
}

// LeadFunnel is the top of the funnel over the leads the options select:
// how many leads came in, how many got to each step, the rates between
// steps, how fast they were answered and converted, and why they were
// disqualified.
//
//	QualificationRate       = Qualified / Leads
//	DisqualificationRate    = Disqualified / Leads
//	ConversionRate          = Converted / Leads
//	LeadToOpportunity       = Opportunities / Leads
//	QualifiedToOpportunity  = Opportunities / Qualified     (absent with none qualified)
//	LeadToWon               = Won / Leads
//	OpportunityWinRate      = Won / Opportunities           (absent with no opportunity)
//
// A lead reached qualification when it has a QualifiedAt or was converted
// (converting implies qualifying); an opportunity is a conversion into a
// deal; won, a lead whose deal is won. Working counts leads past new
// (worked, qualified, disqualified or converted).
//
// SpeedToLead is in hours, from creation to the first touch (LeadOptions
// .Touch), over the leads created in the period that were touched; a touch
// before the lead's creation (an activity logged against an existing
// contact) counts as zero. Untouched counts the others. TimeToConvert is in
// days from creation to conversion, over the converted leads counted.
//
// Under FirstTouch or LastTouch a person's leads are one lead: created when
// the first was, past new, qualified and converted when the first of them
// was (into that lead's deal), disqualified only when all of them were
// (at the last, for its reason), touched when any was first touched; its
// source, owner, team and attributes are the attributed lead's. Merged
// counts the lead records folded into another.
//
// With spend given (LeadOptions.Spend), Spend is its exact total in
// Currency and
//
//	CostPerLead         = Spend / Leads
//	CostPerOpportunity  = Spend / Opportunities
//	CostPerWon          = Spend / Won
//
// each exact to 20 decimal places (round to the currency's minor units to
// show it) and absent when its count is zero or no spend record counted.
type LeadFunnel struct {
	Scope         string          `json:"scope"`
	Period        activity.Period `json:"period"`
	Basis         LeadBasis       `json:"basis"`
	Attribution   LeadAttribution `json:"attribution"`
	AsOf          time.Time       `json:"as_of,omitzero"`
	Merged        int64           `json:"merged,omitempty"`
	Leads         int64           `json:"leads"`
	Working       int64           `json:"working"`
	Qualified     int64           `json:"qualified"`
	Disqualified  int64           `json:"disqualified"`
	Converted     int64           `json:"converted"`
	Opportunities int64           `json:"opportunities"`
	Won           int64           `json:"won"`

	QualificationRate      float64                    `json:"qualification_rate"`
	DisqualificationRate   float64                    `json:"disqualification_rate"`
	ConversionRate         float64                    `json:"conversion_rate"`
	LeadToOpportunity      float64                    `json:"lead_to_opportunity"`
	QualifiedToOpportunity activity.Optional[float64] `json:"qualified_to_opportunity"`
	LeadToWon              float64                    `json:"lead_to_won"`
	OpportunityWinRate     activity.Optional[float64] `json:"opportunity_win_rate"`

	SpeedToLead   Spread `json:"speed_to_lead_hours"`
	Untouched     int64  `json:"untouched"`
	TimeToConvert Spread `json:"time_to_convert_days"`
	// DisqualifyReasons counts the disqualified leads by reason ("" for
	// none given), most frequent first (ties by reason).
	DisqualifyReasons []ReasonCount `json:"disqualify_reasons,omitempty"`

	SpendRecords       int64                              `json:"spend_records,omitempty"`
	Spend              decimal.Decimal                    `json:"spend"`
	Currency           activity.Currency                  `json:"currency,omitempty"`
	CostPerLead        activity.Optional[decimal.Decimal] `json:"cost_per_lead,omitzero"`
	CostPerOpportunity activity.Optional[decimal.Decimal] `json:"cost_per_opportunity,omitzero"`
	CostPerWon         activity.Optional[decimal.Decimal] `json:"cost_per_won,omitzero"`
}

// MarshalJSON writes f with every decimal as a string of its digits.
func (f LeadFunnel) MarshalJSON() ([]byte, error) {
	type plain LeadFunnel
	return dec.Marshal(plain(f))
}

// Spread summarises durations: how many, their mean (from an exact sum),
// median and 90th percentile (type 7), least and greatest, in the unit the
// field names. All zero when Count is.
type Spread struct {
	Count  int64   `json:"count"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	P90    float64 `json:"p90"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// ReasonCount is how many records gave a reason, and their share of the
// records with one.
type ReasonCount struct {
	Reason string  `json:"reason"`
	Count  int64   `json:"count"`
	Share  float64 `json:"share"`
}

// String reads as "all: 200 leads in 2025 Q1 (cohort): 120 qualified (60.0%),
// 50 opportunities (25.0%), 12 won (6.0%); speed to lead median 2.5 h".
func (f LeadFunnel) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d leads in %s (%v): %d qualified (%.1f%%), %d opportunities (%.1f%%), %d won (%.1f%%)",
		f.Scope, f.Leads, periodName(f.Period), f.Basis, f.Qualified, 100*f.QualificationRate,
		f.Opportunities, 100*f.LeadToOpportunity, f.Won, 100*f.LeadToWon)
	if f.SpeedToLead.Count > 0 {
		fmt.Fprintf(&b, "; speed to lead median %.1f h", f.SpeedToLead.Median)
	}
	if c, ok := f.CostPerLead.Get(); ok {
		fmt.Fprintf(&b, "; %s a lead", moneyText(c, f.Currency))
	}
	if c, ok := f.CostPerWon.Get(); ok {
		fmt.Fprintf(&b, ", %s a won deal", moneyText(c, f.Currency))
	}
	return b.String()
}

// LeadStep is what one lead contributes to a lead funnel: which of its
// steps count (as LeadBasis decides), and its times.
type LeadStep struct {
	Created, Working, Qualified, Disqualified, Converted, Opportunity, Won bool
	// DisqualifyReason is counted when Disqualified.
	DisqualifyReason string
	// Touched says whether SpeedToLead is known (only for a Created lead);
	// TimeToConvert counts when Converted.
	Touched       bool
	SpeedToLead   time.Duration
	TimeToConvert time.Duration
	// Merged is the lead records folded into this one (FirstTouch,
	// LastTouch).
	Merged int64
}

// LeadTally is the fold behind LeadFunnelOf and LeadFunnelBy: add each
// lead's steps (and the spend, AddSpend), merge tallies in any order, take
// the Result. It keeps ten counts, every speed to lead and time to convert
// (the medians need them) with their exact sums, a count per
// disqualification reason, and the spend's exact sum and currency; the
// zero value is an empty tally.
type LeadTally struct {
	leads, working, qualified, disqualified, converted, opps, won, untouched int64
	merged, spends                                                           int64
	speeds, converts                                                         []int64 // nanoseconds
	speedSum, convertSum, spend                                              exact.Sum
	reasons                                                                  map[string]int64
	cur                                                                      curset.Seen
}

// AddSpend counts a spend record's amount.
func (t *LeadTally) AddSpend(amount decimal.Decimal, currency activity.Currency) {
	t.spends++
	t.spend.AddDecimal(amount)
	t.cur.See(currency)
}

// Add counts one lead's steps.
func (t *LeadTally) Add(s LeadStep) {
	count := func(n *int64, b bool) {
		if b {
			*n++
		}
	}
	count(&t.leads, s.Created)
	count(&t.working, s.Working)
	count(&t.qualified, s.Qualified)
	count(&t.disqualified, s.Disqualified)
	count(&t.converted, s.Converted)
	count(&t.opps, s.Opportunity)
	count(&t.won, s.Won)
	t.merged += max(s.Merged, 0)
	if s.Created {
		if s.Touched {
			d := max(int64(s.SpeedToLead), 0)
			t.speeds = append(t.speeds, d)
			t.speedSum.Add(d)
		} else {
			t.untouched++
		}
	}
	if s.Converted {
		d := max(int64(s.TimeToConvert), 0)
		t.converts = append(t.converts, d)
		t.convertSum.Add(d)
	}
	if s.Disqualified {
		if t.reasons == nil {
			t.reasons = make(map[string]int64)
		}
		t.reasons[s.DisqualifyReason]++
	}
}

// Merge adds o's leads to t.
func (t *LeadTally) Merge(o *LeadTally) {
	t.leads += o.leads
	t.working += o.working
	t.qualified += o.qualified
	t.disqualified += o.disqualified
	t.converted += o.converted
	t.opps += o.opps
	t.won += o.won
	t.untouched += o.untouched
	t.merged += o.merged
	t.spends += o.spends
	t.spend.Merge(&o.spend)
	t.cur.Merge(&o.cur)
	t.speeds = append(t.speeds, o.speeds...)
	t.converts = append(t.converts, o.converts...)
	t.speedSum.Merge(&o.speedSum)
	t.convertSum.Merge(&o.convertSum)
	for r, n := range o.reasons {
		if t.reasons == nil {
			t.reasons = make(map[string]int64)
		}
		t.reasons[r] += n
	}
}

func (t *LeadTally) seen() bool {
	return t.leads+t.working+t.qualified+t.disqualified+t.converted+t.opps+t.won+t.spends > 0
}

// Result returns the funnel of the tally's leads. With no lead created it
// returns the counts and an error wrapping ErrNoLeads (the rates are over
// the leads); spend in more than one currency is an error wrapping
// ErrMixedCurrencies.
func (t *LeadTally) Result(scope string, p activity.Period, opt LeadOptions) (LeadFunnel, error) {
	f := LeadFunnel{
		Scope: scope, Period: p, Basis: opt.Basis, Attribution: opt.Attribution, AsOf: opt.AsOf, Merged: t.merged,
		Leads: t.leads, Working: t.working, Qualified: t.qualified, Disqualified: t.disqualified,
		Converted: t.converted, Opportunities: t.opps, Won: t.won, Untouched: t.untouched,
		SpendRecords: t.spends, Spend: t.spend.Decimal(), Currency: t.cur.Currency,
	}
	if a, b, mixed := t.cur.Mixed(); mixed {
		f.Spend, f.Currency = decimal.Zero, ""
		return f, fmt.Errorf("%w: spend in %s and %s in %s", ErrMixedCurrencies, a, b, scope)
	}
	if t.spends > 0 {
		per := func(n int64) activity.Optional[decimal.Decimal] {
			if n == 0 {
				return activity.Optional[decimal.Decimal]{}
			}
			return activity.Some(f.Spend.DivRound(decimalOf(n), ratioScale))
		}
		f.CostPerLead, f.CostPerOpportunity, f.CostPerWon = per(t.leads), per(t.opps), per(t.won)
	}
	f.SpeedToLead = spreadOf(t.speeds, &t.speedSum, float64(time.Hour))
	f.TimeToConvert = spreadOf(t.converts, &t.convertSum, float64(nanosPerDay))
	if t.disqualified > 0 {
		for _, r := range slices.Sorted(maps.Keys(t.reasons)) {
			f.DisqualifyReasons = append(f.DisqualifyReasons, ReasonCount{Reason: r, Count: t.reasons[r], Share: float64(t.reasons[r]) / float64(t.disqualified)})
		}
		slices.SortStableFunc(f.DisqualifyReasons, func(a, b ReasonCount) int { return cmp.Compare(b.Count, a.Count) })
	}
	if t.leads == 0 {
		return f, fmt.Errorf("%w: %s in %s", ErrNoLeads, scope, periodName(p))
	}
	n := float64(t.leads)
	f.QualificationRate = float64(t.qualified) / n
	f.DisqualificationRate = float64(t.disqualified) / n
	f.ConversionRate = float64(t.converted) / n
	f.LeadToOpportunity = float64(t.opps) / n
	f.LeadToWon = float64(t.won) / n
	if t.qualified > 0 {
		f.QualifiedToOpportunity = activity.Some(float64(t.opps) / float64(t.qualified))
	}
	if t.opps > 0 {
		f.OpportunityWinRate = activity.Some(float64(t.won) / float64(t.opps))
	}
	return f, nil
}

// spreadOf summarises durations in nanoseconds in the given unit.
func spreadOf(xs []int64, sum *exact.Sum, unit float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := slices.Clone(xs)
	quantile.SortInt64(s)
	return Spread{
		Count:  int64(len(s)),
		Mean:   sum.Decimal().DivRound(decimalOf(int64(len(s))), ratioScale).InexactFloat64() / unit,
		Median: quantile.Type7Int64(s, 0.5) / unit,
		P90:    quantile.Type7Int64(s, 0.9) / unit,
		Min:    float64(s[0]) / unit,
		Max:    float64(s[len(s)-1]) / unit,
	}
}

// LeadFunnelOf returns the lead funnel of the view's leads over p (see
// LeadFunnel and LeadOptions). With no lead created in p the error wraps
// ErrNoLeads; invalid periods and options are errors too.
func LeadFunnelOf(v activity.View, p activity.Period, opt LeadOptions) (LeadFunnel, error) {
	if err := v.Err(); err != nil {
		return LeadFunnel{}, err
	}
	ts, _, err := leadPass(v, p, opt, nil)
	if err != nil {
		return LeadFunnel{}, err
	}
	return ts[0].Result(v.Label(), p, opt)
}

// LeadFunnelBy returns the lead funnel of every group of the view's leads
// in one pass, in key order: by rep (the lead's owner; "" for a queue), team
// (Index.LeadTeam), source (the lead's own), a lead attribute, or period
// (the period of the lead's creation under LeadCohort; under LeadFlow each
// step in the period it happened in). Territory, segment and kind are not
// lead fields: an error wrapping ErrInvalidOptions. Groups without a lead
// or spend are left out (periods are all listed); a group with spend and
// no lead is listed, undefined. A group's spend in two currencies fails
// the call (ErrMixedCurrencies).
func LeadFunnelBy(v activity.View, p activity.Period, by activity.By, opt LeadOptions) ([]activity.Group[LeadFunnel], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := checkBy(by); err != nil {
		return nil, err
	}
	switch by.Dimension {
	case activity.DimensionRep, activity.DimensionTeam, activity.DimensionSource, activity.DimensionAttribute, activity.DimensionPeriod:
	default:
		return nil, fmt.Errorf("%w: leads have no %v", ErrInvalidOptions, by)
	}
	g := &leadGrouper{by: by, keys: map[string]int{}}
	if by.Dimension == activity.DimensionPeriod {
		periods, err := by.Calendar.PeriodsWithin(by.Grain(), p)
		if err != nil {
			return nil, err
		}
		g.periods = periods
		for _, q := range periods {
			g.names = append(g.names, q.Name)
		}
	}
	ts, g, err := leadPass(v, p, opt, g)
	if err != nil {
		return nil, err
	}
	order := make([]int, 0, len(g.names))
	for i := range g.names {
		if g.periods != nil || ts[i].seen() {
			order = append(order, i)
		}
	}
	if g.periods == nil {
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(g.names[a], g.names[b]) })
	}
	var out []activity.Group[LeadFunnel]
	scope := &grouper{by: by} // for its scope labels
	for _, i := range order {
		q := p
		if g.periods != nil {
			q = g.periods[i]
		}
		r, err := ts[i].Result(scope.scopeOf(v, g.names[i]), q, opt)
		group, err := groupOf(g.names[i], r, err)
		if err != nil {
			return nil, err
		}
		out = append(out, group)
	}
	if !by.Total {
		return out, nil
	}
	// Spend in two currencies across groups fails the total, not a
	// group: the total takes a pass of its own.
	total, err := LeadFunnelOf(v, p, opt)
	return appendTotal(out, total, err)
}

// leadGrouper puts leads (and, under LeadFlow by period, their steps) in
// groups.
type leadGrouper struct {
	by      activity.By
	keys    map[string]int
	names   []string
	periods []activity.Period // a period breakdown's periods, in time order
}

// key returns the group of a lead by its key, adding it when new.
func (g *leadGrouper) key(k string) int {
	i, ok := g.keys[k]
	if !ok {
		i = len(g.names)
		g.keys[k] = i
		g.names = append(g.names, k)
	}
	return i
}

// period returns the group of the period holding t, −1 for none.
func (g *leadGrouper) period(t time.Time) int {
	i, found := slices.BinarySearchFunc(g.periods, t, func(q activity.Period, t time.Time) int { return q.Start.Compare(t) })
	if !found {
		i--
	}
	if i < 0 || !t.Before(g.periods[i].End) {
		return -1
	}
	return i
}

// leadPass counts the view's leads over p: one tally per group of g, or one
// in all when g is nil.
func leadPass(v activity.View, p activity.Period, opt LeadOptions, g *leadGrouper) ([]LeadTally, *leadGrouper, error) {
	if err := checkPeriod(p); err != nil {
		return nil, nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	ix := v.Index()
	var touch []int64 // by lead: first touching activity, Unix ns (noTouch: none)
	if opt.Touch != TouchStatus {
		touch = firstTouches(ix, opt.TouchKinds)
	}
	d := ixcols.DealsOf(ix)
	known := func(t time.Time) bool { return !t.IsZero() && (opt.AsOf.IsZero() || !t.After(opt.AsOf)) }
	in := func(t time.Time) bool { return !t.IsZero() && p.Contains(t) }
	ts := make([]LeadTally, 1)
	if g != nil {
		ts = make([]LeadTally, len(g.names))
	}
	tally := func(i int) *LeadTally {
		for i >= len(ts) {
			ts = append(ts, LeadTally{})
		}
		return &ts[i]
	}
	rows, leads := v.LeadRows(), ix.Leads()
	units := leadUnits(ix, rows, touch, opt) // nil: each row is one
	n := len(rows)
	if units != nil {
		n = len(units)
	}
	for k := range n {
		var u leadUnit
		if units != nil {
			u = units[k]
		} else {
			r := rows[k]
			u = leadUnit{lead: &leads[r], row: r, touch: touchTime(touch, r)}
		}
		l := u.lead
		var s LeadStep
		s.Merged = u.merged
		wonAt := time.Time{}
		if r, ok := ix.DealRow(l.Deal); ok && l.Deal != "" && d.Status[r] == activity.StatusWon {
			wonAt = time.Unix(0, d.Closed[r]).UTC()
		}
		qualifiedAt := l.QualifiedAt
		if qualifiedAt.IsZero() {
			qualifiedAt = l.ConvertedAt
		}
		workingAt := l.TouchedAt()
		switch opt.Basis {
		case LeadCohort:
			if !in(l.CreatedAt) || (!opt.AsOf.IsZero() && l.CreatedAt.After(opt.AsOf)) {
				continue
			}
			s.Created = true
			s.Working = known(workingAt)
			s.Qualified = known(qualifiedAt)
			s.Disqualified = known(l.DisqualifiedAt)
			s.Converted = known(l.ConvertedAt)
			s.Opportunity = s.Converted && l.Deal != ""
			s.Won = s.Opportunity && known(wonAt)
		case LeadFlow:
			s.Created, s.Working, s.Qualified = in(l.CreatedAt), in(workingAt), in(qualifiedAt)
			s.Disqualified, s.Converted = in(l.DisqualifiedAt), in(l.ConvertedAt)
			s.Opportunity = s.Converted && l.Deal != ""
			s.Won = in(wonAt)
		}
		s.DisqualifyReason = l.DisqualifyReason
		s.TimeToConvert = l.ConvertedAt.Sub(l.CreatedAt)
		if s.Created {
			first := leadTouch(l, u.touch, opt.Touch)
			if s.Touched = known(first); s.Touched {
				s.SpeedToLead = first.Sub(l.CreatedAt)
			}
		}
		if !s.Created {
			s.Merged = 0 // merged records count with the lead's creation
		}
		if g == nil {
			ts[0].Add(s)
			continue
		}
		switch g.by.Dimension {
		case activity.DimensionRep:
			tally(g.key(l.Owner)).Add(s)
		case activity.DimensionTeam:
			tally(g.key(ix.LeadTeam(int(u.row)))).Add(s)
		case activity.DimensionSource:
			tally(g.key(string(l.Source))).Add(s)
		case activity.DimensionAttribute:
			tally(g.key(l.Attributes[g.by.Attribute])).Add(s)
		case activity.DimensionPeriod:
			if opt.Basis == LeadCohort {
				if i := g.period(l.CreatedAt); i >= 0 {
					tally(i).Add(s)
				}
				continue
			}
			// Each step in its own period.
			steps := [...]struct {
				at   time.Time
				keep func(*LeadStep)
			}{
				{l.CreatedAt, func(x *LeadStep) {
					x.Created, x.Touched, x.SpeedToLead, x.Merged = s.Created, s.Touched, s.SpeedToLead, s.Merged
				}},
				{workingAt, func(x *LeadStep) { x.Working = s.Working }},
				{qualifiedAt, func(x *LeadStep) { x.Qualified = s.Qualified }},
				{l.DisqualifiedAt, func(x *LeadStep) { x.Disqualified, x.DisqualifyReason = s.Disqualified, s.DisqualifyReason }},
				{l.ConvertedAt, func(x *LeadStep) {
					x.Converted, x.Opportunity, x.TimeToConvert = s.Converted, s.Opportunity, s.TimeToConvert
				}},
				{wonAt, func(x *LeadStep) { x.Won = s.Won }},
			}
			for _, st := range steps {
				if st.at.IsZero() {
					continue
				}
				if i := g.period(st.at); i >= 0 {
					var x LeadStep
					st.keep(&x)
					tally(i).Add(x)
				}
			}
		}
	}
	// The spend dated in the period, to the whole or to its group.
	for _, sp := range opt.Spend {
		if !p.Contains(sp.Date) || (len(opt.SpendCategories) > 0 && !slices.Contains(opt.SpendCategories, sp.Category)) {
			continue
		}
		if g == nil {
			ts[0].AddSpend(sp.Amount, sp.Currency)
			continue
		}
		switch g.by.Dimension {
		case activity.DimensionSource:
			tally(g.key(string(sp.Source))).AddSpend(sp.Amount, sp.Currency)
		case activity.DimensionTeam:
			tally(g.key(sp.Team)).AddSpend(sp.Amount, sp.Currency)
		case activity.DimensionPeriod:
			if i := g.period(sp.Date); i >= 0 {
				tally(i).AddSpend(sp.Amount, sp.Currency)
			}
		}
	}
	return ts, g, nil
}

// leadUnit is one lead as a funnel counts it: a lead record, or under
// FirstTouch and LastTouch one person's leads merged (see LeadFunnel).
type leadUnit struct {
	lead   *activity.Lead // the index's, or a person's leads merged
	row    int32          // the (attributed) lead's position in Index.Leads
	touch  time.Time      // first activity touching it, zero for none
	merged int64          // lead records folded into it
}

// touchTime returns the first activity touching lead r, zero for none.
func touchTime(touch []int64, r int32) time.Time {
	if touch == nil || touch[r] == noTouch {
		return time.Time{}
	}
	return time.Unix(0, touch[r]).UTC()
}

// leadUnits returns the leads at rows as the attribution counts them; nil
// under OwnSource, where each row is one as it is.
func leadUnits(ix *activity.Index, rows []int32, touch []int64, opt LeadOptions) []leadUnit {
	if opt.Attribution == OwnSource {
		return nil
	}
	leads := ix.Leads()
	touchOf := func(r int32) time.Time { return touchTime(touch, r) }
	out := make([]leadUnit, 0, len(rows))
	// The persons, in the order of their first row.
	at := make(map[string]int)
	var persons [][]int32
	for _, r := range rows {
		k := leads[r].PersonKey()
		if k == "" {
			persons = append(persons, []int32{r})
			continue
		}
		i, ok := at[k]
		if !ok {
			i = len(persons)
			at[k] = i
			persons = append(persons, nil)
		}
		persons[i] = append(persons[i], r)
	}
	earlier := func(a, b time.Time) bool { return !a.IsZero() && (b.IsZero() || a.Before(b)) }
	for _, rs := range persons {
		if len(rs) == 1 {
			out = append(out, leadUnit{lead: &leads[rs[0]], row: rs[0], touch: touchOf(rs[0])})
			continue
		}
		// The merged steps.
		var m activity.Lead
		var touched time.Time
		converter := int32(-1)
		allOut := true
		for _, r := range rs {
			l := &leads[r]
			if earlier(l.CreatedAt, m.CreatedAt) {
				m.CreatedAt = l.CreatedAt
			}
			if t := l.TouchedAt(); earlier(t, m.WorkingAt) {
				m.WorkingAt = t
			}
			q := l.QualifiedAt
			if q.IsZero() {
				q = l.ConvertedAt
			}
			if earlier(q, m.QualifiedAt) {
				m.QualifiedAt = q
			}
			if earlier(l.ConvertedAt, m.ConvertedAt) {
				m.ConvertedAt, converter = l.ConvertedAt, r
			}
			if l.DisqualifiedAt.IsZero() {
				allOut = false
			} else if !l.DisqualifiedAt.Before(m.DisqualifiedAt) {
				m.DisqualifiedAt, m.DisqualifyReason = l.DisqualifiedAt, l.DisqualifyReason
			}
			if t := touchOf(r); earlier(t, touched) {
				touched = t
			}
		}
		if !allOut {
			m.DisqualifiedAt, m.DisqualifyReason = time.Time{}, ""
		}
		if converter >= 0 {
			m.Account, m.Deal = leads[converter].Account, leads[converter].Deal
		}
		// The attributed lead: the first created, or the last created up
		// to the conversion (ties to the earlier row).
		attributed := int32(-1)
		for _, r := range rs {
			c := leads[r].CreatedAt
			if attributed < 0 {
				if opt.Attribution == FirstTouch || m.ConvertedAt.IsZero() || !c.After(m.ConvertedAt) {
					attributed = r
				}
				continue
			}
			best := leads[attributed].CreatedAt
			switch opt.Attribution {
			case FirstTouch:
				if c.Before(best) {
					attributed = r
				}
			case LastTouch:
				if c.After(best) && (m.ConvertedAt.IsZero() || !c.After(m.ConvertedAt)) {
					attributed = r
				}
			}
		}
		a := &leads[attributed]
		m.ID, m.Source, m.Campaign, m.Owner, m.Team = a.ID, a.Source, a.Campaign, a.Owner, a.Team
		m.Name, m.Email, m.Company, m.Attributes = a.Name, a.Email, a.Company, a.Attributes
		out = append(out, leadUnit{lead: &m, row: attributed, touch: touched, merged: int64(len(rs) - 1)})
	}
	return out
}

// noTouch marks a lead no activity touched.
const noTouch = math.MinInt64

// leadTouch returns the lead's first touch by the source asked for (act:
// its first activity), the zero time when it has none.
func leadTouch(l *activity.Lead, act time.Time, src TouchSource) time.Time {
	switch src {
	case TouchActivity:
		return act
	case TouchStatus:
		return l.TouchedAt()
	}
	st := l.TouchedAt()
	if act.IsZero() || (!st.IsZero() && st.Before(act)) {
		return st
	}
	return act
}

// firstTouches returns, by lead, the time of the first activity naming it
// (of the given kinds; nil: any), in Unix nanoseconds, noTouch for none.
func firstTouches(ix *activity.Index, kinds []activity.Kind) []int64 {
	a := ixcols.ActivitiesOf(ix)
	out := make([]int64, len(ix.Leads()))
	for i := range out {
		out[i] = noTouch
	}
	if !a.Lead.Stored() {
		return out
	}
	var keep []bool // by kind key
	if kinds != nil {
		keep = make([]bool, ix.Kinds().Len())
		for _, k := range kinds {
			if key, ok := ix.Kinds().Key(string(k)); ok && key >= 0 {
				keep[key] = true
			}
		}
	}
	for row, at := range a.At {
		l := a.Lead.At(row)
		if l < 0 || (keep != nil && !keep[a.Kind[row]]) {
			continue
		}
		if out[l] == noTouch || at < out[l] {
			out[l] = at
		}
	}
	return out
}

// MarshalBinary encodes the tally (see WinRateTally.MarshalBinary for the
// format): kind 'l', the counts of leads, working, qualified, disqualified,
// converted, opportunities, won, untouched and merged, the speeds to lead
// and the times to convert in nanoseconds (each a set), the
// disqualification reasons (their number, then each reason and its
// count, by reason), and the spend: its records, exact sum, and the
// currency seen and the other one.
func (t *LeadTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 64+2*(len(t.speeds)+len(t.converts))), kindLeads)
	for _, n := range []int64{t.leads, t.working, t.qualified, t.disqualified, t.converted, t.opps, t.won, t.untouched, t.merged} {
		b = wire.AppendCount(b, n)
	}
	b = wire.AppendInts(b, t.speeds)
	b = wire.AppendInts(b, t.converts)
	b = wire.AppendCount(b, int64(len(t.reasons)))
	for _, r := range slices.Sorted(maps.Keys(t.reasons)) {
		b = wire.AppendString(b, r)
		b = wire.AppendCount(b, t.reasons[r])
	}
	b = wire.AppendCount(b, t.spends)
	b = t.spend.AppendBinary(b)
	return appendSeen(b, t.cur), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded. Bytes
// that are not such an encoding (another tally's, cut short, a negative
// duration or spend, spend without a record or a currency, an invalid
// currency, reasons out of order or not adding up to the disqualified
// leads, speeds and untouched leads not adding up to the leads, times to
// convert not one a converted lead) are an error wrapping
// ErrInvalidEncoding, and leave t as it was.
func (t *LeadTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindLeads)
	var d LeadTally
	for _, n := range []*int64{&d.leads, &d.working, &d.qualified, &d.disqualified, &d.converted, &d.opps, &d.won, &d.untouched, &d.merged} {
		*n = r.Count()
	}
	d.speeds, d.converts = r.Ints(), r.Ints()
	if len(d.speeds) > 0 && d.speeds[0] < 0 || len(d.converts) > 0 && d.converts[0] < 0 {
		r.Fail("a negative duration")
	}
	for _, x := range d.speeds {
		d.speedSum.Add(x)
	}
	for _, x := range d.converts {
		d.convertSum.Add(x)
	}
	n := r.Count()
	if n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d reasons in %d bytes", n, r.Left()))
		n = 0
	}
	var total int64
	last := ""
	for i := range n {
		reason, c := r.String(), r.Count()
		if r.Err() != nil {
			break
		}
		if (i > 0 && reason <= last) || c == 0 {
			r.Fail("disqualification reasons out of order or counted zero times")
			break
		}
		if d.reasons == nil {
			d.reasons = make(map[string]int64, n)
		}
		d.reasons[reason], last, total = c, reason, total+c
	}
	d.spends = r.Count()
	d.spend = exact.ReadSum(r)
	d.cur = readSeen(r)
	switch {
	case r.Err() != nil:
	case d.spends == 0 && (!d.spend.IsZero() || d.cur.Currency != ""):
		r.Fail("spend without a spend record")
	case d.spends > 0 && d.cur.Currency == "":
		r.Fail("spend without a currency")
	case d.spend.Decimal().IsNegative():
		r.Fail("negative spend")
	case total != d.disqualified:
		r.Fail(fmt.Sprintf("reasons for %d leads of %d disqualified", total, d.disqualified))
	case int64(len(d.speeds))+d.untouched != d.leads:
		r.Fail(fmt.Sprintf("%d speeds and %d untouched of %d leads", len(d.speeds), d.untouched, d.leads))
	case int64(len(d.converts)) != d.converted:
		r.Fail(fmt.Sprintf("%d times to convert of %d converted", len(d.converts), d.converted))
	}
	if err := decodeEnd(r, "lead tally"); err != nil {
		return err
	}
	*t = d
	return nil
}
