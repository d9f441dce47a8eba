package performance

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
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

// LeadOptions says which leads a lead funnel counts and how. The zero
// value follows the leads created in the period to everything the index
// knows, with speed to lead from the first activity of any kind.
type LeadOptions struct {
	Basis LeadBasis
	// AsOf, under LeadCohort, is the moment the cohort is looked at: steps
	// taken after it (and deals won after it) are not counted yet. Zero:
	// everything the index holds. Under LeadFlow it must be zero.
	AsOf time.Time
	// Touch says what a first touch is; TouchKinds, when given, the
	// activity kinds that count as one (calls and emails, not a marketing
	// email sent by a system). Nil: every kind.
	Touch      TouchSource
	TouchKinds []activity.Kind
}

// Validate reports an unknown basis or touch source, an AsOf under
// LeadFlow, and an empty touch kind.
func (o LeadOptions) Validate() error {
	switch {
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
type LeadFunnel struct {
	Scope         string          `json:"scope"`
	Period        activity.Period `json:"period"`
	Basis         LeadBasis       `json:"basis"`
	AsOf          time.Time       `json:"as_of,omitzero"`
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
}

// LeadTally is the fold behind LeadFunnelOf and LeadFunnelBy: add each
// lead's steps, merge tallies in any order, take the Result. It keeps seven
// counts, every speed to lead and time to convert (the medians need them)
// with their exact sums, and a count per disqualification reason; the zero
// value is an empty tally.
type LeadTally struct {
	leads, working, qualified, disqualified, converted, opps, won, untouched int64
	speeds, converts                                                         []int64 // nanoseconds
	speedSum, convertSum                                                     exact.Sum
	reasons                                                                  map[string]int64
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
	return t.leads+t.working+t.qualified+t.disqualified+t.converted+t.opps+t.won > 0
}

// Result returns the funnel of the tally's leads. With no lead created it
// returns the counts and an error wrapping ErrNoLeads (the rates are over
// the leads).
func (t *LeadTally) Result(scope string, p activity.Period, opt LeadOptions) (LeadFunnel, error) {
	f := LeadFunnel{
		Scope: scope, Period: p, Basis: opt.Basis, AsOf: opt.AsOf,
		Leads: t.leads, Working: t.working, Qualified: t.qualified, Disqualified: t.disqualified,
		Converted: t.converted, Opportunities: t.opps, Won: t.won, Untouched: t.untouched,
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
// are left out (periods are all listed, undefined where empty).
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
	for _, i := range order {
		q := p
		if g.periods != nil {
			q = g.periods[i]
		}
		r, err := ts[i].Result(v.Label()+" / "+strings.ReplaceAll(by.String(), " ", "=")+"="+g.names[i], q, opt)
		group := activity.Group[LeadFunnel]{Key: g.names[i], Result: r}
		if err != nil {
			group.Undefined = err.Error()
		}
		out = append(out, group)
	}
	return out, nil
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
	leads := ix.Leads()
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
	for _, row := range v.LeadRows() {
		l := &leads[row]
		var s LeadStep
		wonAt := time.Time{}
		if r, ok := ix.DealRow(l.Deal); ok && l.Deal != "" && d.Status[r] == activity.StatusWon {
			wonAt = time.Unix(0, d.Closed[r])
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
			first := leadTouch(l, touch, row, opt.Touch)
			if s.Touched = known(first); s.Touched {
				s.SpeedToLead = first.Sub(l.CreatedAt)
			}
		}
		if g == nil {
			ts[0].Add(s)
			continue
		}
		switch g.by.Dimension {
		case activity.DimensionRep:
			tally(g.key(l.Owner)).Add(s)
		case activity.DimensionTeam:
			tally(g.key(ix.LeadTeam(int(row)))).Add(s)
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
				{l.CreatedAt, func(x *LeadStep) { x.Created, x.Touched, x.SpeedToLead = s.Created, s.Touched, s.SpeedToLead }},
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
	return ts, g, nil
}

// noTouch marks a lead no activity touched.
const noTouch = math.MinInt64

// leadTouch returns the lead's first touch by the source asked for, the
// zero time when it has none.
func leadTouch(l *activity.Lead, touch []int64, row int32, src TouchSource) time.Time {
	var act time.Time
	if touch != nil && touch[row] != noTouch {
		act = time.Unix(0, touch[row]).UTC()
	}
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
// converted, opportunities, won and untouched, the speeds to lead and the
// times to convert in nanoseconds (each a set), and the disqualification
// reasons: their number, then each reason and its count, by reason.
func (t *LeadTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 64+2*(len(t.speeds)+len(t.converts))), kindLeads)
	for _, n := range []int64{t.leads, t.working, t.qualified, t.disqualified, t.converted, t.opps, t.won, t.untouched} {
		b = wire.AppendCount(b, n)
	}
	b = wire.AppendInts(b, t.speeds)
	b = wire.AppendInts(b, t.converts)
	b = wire.AppendCount(b, int64(len(t.reasons)))
	for _, r := range slices.Sorted(maps.Keys(t.reasons)) {
		b = wire.AppendString(b, r)
		b = wire.AppendCount(b, t.reasons[r])
	}
	return b, nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded. Bytes
// that are not such an encoding (another tally's, cut short, a negative
// duration, reasons out of order or not adding up to the disqualified
// leads, speeds and untouched leads not adding up to the leads, times to
// convert not one a converted lead) are an error wrapping
// ErrInvalidEncoding, and leave t as it was.
func (t *LeadTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, kindLeads)
	var d LeadTally
	for _, n := range []*int64{&d.leads, &d.working, &d.qualified, &d.disqualified, &d.converted, &d.opps, &d.won, &d.untouched} {
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
	switch {
	case r.Err() != nil:
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
