package performance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Linking says which activities an effort ratio counts.
type Linking uint8

// Linkings.
const (
	// AllActivities (the default) counts every activity of the view at a
	// time in the period, tied to a deal or not.
	AllActivities Linking = iota
	// LinkedToOutcome counts only the activities of the deals in the
	// denominator (for activities per won deal: every activity of each deal
	// won in the period, whenever it happened).
	LinkedToOutcome
)

// String returns "all" or "linked".
func (l Linking) String() string {
	switch l {
	case AllActivities:
		return "all"
	case LinkedToOutcome:
		return "linked"
	}
	return fmt.Sprintf("Linking(%d)", uint8(l))
}

// MarshalText writes String.
func (l Linking) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (l *Linking) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, AllActivities, LinkedToOutcome, Linking.MarshalText)
	if !ok {
		return fmt.Errorf("%w: linking %q", ErrInvalidOptions, text)
	}
	*l = v
	return nil
}

// Attribution says whose an activity is in a breakdown by rep or team.
type Attribution uint8

// Attributions.
const (
	// AttributeToActivityRep (the default): the rep (or team) that did the activity.
	AttributeToActivityRep Attribution = iota
	// AttributeToDealOwner: the owner (or team) of the activity's deal. Activities with
	// no deal are then left out.
	AttributeToDealOwner
)

// String returns "activity_rep" or "deal_owner".
func (a Attribution) String() string {
	switch a {
	case AttributeToActivityRep:
		return "activity_rep"
	case AttributeToDealOwner:
		return "deal_owner"
	}
	return fmt.Sprintf("Attribution(%d)", uint8(a))
}

// MarshalText writes String.
func (a Attribution) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (a *Attribution) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, AttributeToActivityRep, AttributeToDealOwner, Attribution.MarshalText)
	if !ok {
		return fmt.Errorf("%w: attribution %q", ErrInvalidOptions, text)
	}
	*a = v
	return nil
}

// EffortOptions selects the activities of an effort ratio. The zero value
// counts every activity in the period, attributed to the rep who did it.
type EffortOptions struct {
	// Kinds limits the activities counted (the numerator) to these kinds;
	// nil counts every kind. CallsPerMeeting ignores it.
	Kinds []activity.Kind
	// Linking: AllActivities (default) or LinkedToOutcome.
	Linking Linking
	// Attribution of activities in a breakdown: AttributeToActivityRep (default) or
	// AttributeToDealOwner.
	Attribution Attribution
}

// Validate reports an unknown linking or attribution.
func (o EffortOptions) Validate() error {
	switch {
	case o.Linking > LinkedToOutcome:
		return fmt.Errorf("%w: linking %v", ErrInvalidOptions, o.Linking)
	case o.Attribution > AttributeToDealOwner:
		return fmt.Errorf("%w: attribution %v", ErrInvalidOptions, o.Attribution)
	}
	return nil
}

// Effort is a ratio of activity (the input) to an outcome:
//
//	Ratio = Activities / Outcomes
//
// as activities per won deal, calls per meeting held, or meetings held per
// opportunity created. Outcome names what the denominator counts.
type Effort struct {
	Scope       string          `json:"scope"`
	Period      activity.Period `json:"period"`
	Activity    string          `json:"activity"`
	Outcome     string          `json:"outcome"`
	Activities  int64           `json:"activities"`
	Outcomes    int64           `json:"outcomes"`
	Ratio       float64         `json:"ratio"`
	Linking     Linking         `json:"linking"`
	Attribution Attribution     `json:"attribution"`
}

// String reads as "all: 12.4 activities per won deal (1,860 / 150) in 2025 Q1".
func (e Effort) String() string {
	return fmt.Sprintf("%s: %.1f %s per %s (%d / %d) in %s", e.Scope, e.Ratio, e.Activity, e.Outcome, e.Activities, e.Outcomes, periodName(e.Period))
}

// EffortTally is the fold behind the effort ratios: two counts.
type EffortTally struct {
	Activities, Outcomes int64
}

// Merge adds o to t.
func (t *EffortTally) Merge(o *EffortTally) {
	t.Activities += o.Activities
	t.Outcomes += o.Outcomes
}

// result is the Effort of the tally; no outcome is ErrZeroDenominator
// (ErrNoWonDeals for won deals).
func (t *EffortTally) result(base Effort) (Effort, error) {
	base.Activities, base.Outcomes = t.Activities, t.Outcomes
	if t.Outcomes == 0 {
		if base.Outcome == "won deal" {
			return base, fmt.Errorf("%w: %s in %s", ErrNoWonDeals, base.Scope, periodName(base.Period))
		}
		return base, fmt.Errorf("%w: no %s in %s for %s", ErrZeroDenominator, base.Outcome, periodName(base.Period), base.Scope)
	}
	base.Ratio = float64(t.Activities) / float64(t.Outcomes)
	return base, nil
}

// ActivitiesPerWonDeal returns the view's activities per deal won in p:
// every activity at a time in p over the deals won in p (default), or with
// LinkedToOutcome every activity of those won deals, whenever it happened.
// With no won deal the error wraps ErrNoWonDeals.
func ActivitiesPerWonDeal(v activity.View, p activity.Period, opt EffortOptions) (Effort, error) {
	if err := v.Err(); err != nil {
		return Effort{}, err
	}
	_, ts, base, err := activitiesPerWon(v, p, activity.By{}, opt)
	if err != nil {
		return Effort{}, err
	}
	base.Scope = v.Label()
	return ts[0].result(base)
}

// ActivitiesPerWonDealBy is ActivitiesPerWonDeal for every rep or team of
// the view in one pass (activity.ByRep() or Team; the activities
// attributed by opt.Attribution, the won deals to their owner or team). A
// group with activities but no won deal is marked undefined.
func ActivitiesPerWonDealBy(v activity.View, p activity.Period, by activity.By, opt EffortOptions) ([]activity.Group[Effort], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if by.Dimension == 0 {
		return nil, fmt.Errorf("%w: group by %v", ErrInvalidOptions, by.Dimension)
	}
	eg, ts, base, err := activitiesPerWon(v, p, by, opt)
	if err != nil {
		return nil, err
	}
	out := eg.results(v, ts, base)
	if !by.Total {
		return out, nil
	}
	if eg.viaDeal && opt.Linking != LinkedToOutcome {
		// Activities tied to no deal have no owner's group but count in
		// the total: it takes a pass of its own.
		total, err := ActivitiesPerWonDeal(v, p, opt)
		return appendTotal(out, total, err)
	}
	for i := 1; i < len(ts); i++ {
		ts[0].Merge(&ts[i])
	}
	base.Scope = v.Label()
	total, err := ts[0].result(base)
	return appendTotal(out, total, err)
}

// activitiesPerWon is the one pass behind ActivitiesPerWonDeal(By): won
// deals, then activities, each counted in its group.
func activitiesPerWon(v activity.View, p activity.Period, by activity.By, opt EffortOptions) (*effortGrouper, []EffortTally, Effort, error) {
	if err := checkPeriod(p); err != nil {
		return nil, nil, Effort{}, err
	}
	if err := opt.Validate(); err != nil {
		return nil, nil, Effort{}, err
	}
	ix := v.Index()
	d, a := ixcols.DealsOf(ix), ixcols.ActivitiesOf(ix)
	eg, err := newEffortGrouper(ix, by, opt.Attribution)
	if err != nil {
		return nil, nil, Effort{}, err
	}
	in := spanOf(p)
	kinds := kindFilter(ix, opt.Kinds)
	ts := make([]EffortTally, eg.size)
	var wonIn []bool // deal rows won in p, for linking
	if opt.Linking == LinkedToOutcome {
		wonIn = make([]bool, d.ID.Len())
	}
	// A column whose bounds lie in p is not read: its every time is in p.
	allClosed, allAt := in.holds(d.ClosedBounds) && !generalLoops, in.holds(a.AtBounds) && !generalLoops
	if allClosed {
		// No close read: a deal adds whether it was won, without a branch.
		status := d.Status
		for _, r := range v.DealRows() {
			won := status[r] == activity.StatusWon
			var w int64
			if won {
				w = 1
			}
			ts[eg.deal(r)].Outcomes += w
			if wonIn != nil {
				wonIn[r] = won
			}
		}
	} else {
		for _, r := range v.DealRows() {
			if d.Status[r] == activity.StatusWon && in.has(d.Closed[r]) {
				ts[eg.deal(r)].Outcomes++
				if wonIn != nil {
					wonIn[r] = true
				}
			}
		}
	}
	acts := v.ActivityRows()
	switch {
	case opt.Linking == LinkedToOutcome && len(acts) == a.ID.Len():
		// Every activity is in the view: walk each won deal's activities
		// through the index's grouping instead of probing every activity.
		for _, r := range v.DealRows() {
			if !wonIn[r] {
				continue
			}
			list := a.OfDeal(r)
			if kinds == nil && (eg.actCol == nil || eg.viaDeal) {
				ts[eg.deal(r)].Activities += int64(len(list))
				continue
			}
			for _, ar := range list {
				if kinds == nil || kinds[a.Kind[ar]] {
					ts[eg.activity(ar)].Activities++
				}
			}
		}
	case opt.Linking == LinkedToOutcome:
		for _, r := range acts {
			if dr := a.Deal[r]; dr < 0 || !wonIn[dr] || (kinds != nil && !kinds[a.Kind[r]]) {
				continue
			}
			if gi := eg.activity(r); gi >= 0 {
				ts[gi].Activities++
			}
		}
	case kinds == nil && eg.actCol == nil:
		// Every activity in p counts, in one group: a count, of the time
		// column itself when the view has every activity (a third faster
		// than through the rows at 5M).
		n := int64(0)
		switch {
		case allAt:
			n = int64(len(acts))
		case len(acts) == len(a.At):
			for _, at := range a.At {
				if in.has(at) {
					n++
				}
			}
		default:
			for _, r := range acts {
				if in.has(a.At[r]) {
					n++
				}
			}
		}
		ts[0].Activities += n
	case kinds == nil && !eg.viaDeal:
		// By the activity's own rep or team: no call per activity.
		col := eg.actCol
		switch {
		case allAt && len(acts) == len(col):
			countKeys(col, ts)
		case allAt:
			for _, r := range acts {
				ts[int(col[r])+1].Activities++
			}
		default:
			for _, r := range acts {
				if in.has(a.At[r]) {
					ts[int(col[r])+1].Activities++
				}
			}
		}
	default:
		for _, r := range acts {
			if !in.has(a.At[r]) || (kinds != nil && !kinds[a.Kind[r]]) {
				continue
			}
			if gi := eg.activity(r); gi >= 0 {
				ts[gi].Activities++
			}
		}
	}
	base := Effort{Period: p, Activity: "activities", Outcome: "won deal", Linking: opt.Linking, Attribution: opt.Attribution}
	return eg, ts, base, nil
}

// CallsPerMeeting returns calls per meeting held in p: activities of kind
// call over activities of kind meeting with outcome held. With no meeting
// held the error wraps ErrZeroDenominator.
func CallsPerMeeting(v activity.View, p activity.Period, opt EffortOptions) (Effort, error) {
	if err := v.Err(); err != nil {
		return Effort{}, err
	}
	if err := checkPeriod(p); err != nil {
		return Effort{}, err
	}
	if err := opt.Validate(); err != nil {
		return Effort{}, err
	}
	ix := v.Index()
	a := ixcols.ActivitiesOf(ix)
	call := keyOr(ix.Kinds(), string(activity.KindCall))
	meeting := keyOr(ix.Kinds(), string(activity.KindMeeting))
	held := keyOr(ix.Outcomes(), string(activity.OutcomeHeld))
	in := spanOf(p)
	var t EffortTally
	for _, r := range v.ActivityRows() {
		if !in.has(a.At[r]) {
			continue
		}
		switch k := a.Kind[r]; {
		case k == call && call != activity.NoKey:
			t.Activities++
		case k == meeting && meeting != activity.NoKey && a.Outcome[r] == held && held != activity.NoKey:
			t.Outcomes++
		}
	}
	return t.result(Effort{Scope: v.Label(), Period: p, Activity: "calls", Outcome: "meeting held"})
}

// MeetingsPerOpportunity returns meetings held in p per deal created in p.
// With no deal created the error wraps ErrZeroDenominator.
func MeetingsPerOpportunity(v activity.View, p activity.Period, opt EffortOptions) (Effort, error) {
	if err := v.Err(); err != nil {
		return Effort{}, err
	}
	if err := checkPeriod(p); err != nil {
		return Effort{}, err
	}
	if err := opt.Validate(); err != nil {
		return Effort{}, err
	}
	ix := v.Index()
	d, a := ixcols.DealsOf(ix), ixcols.ActivitiesOf(ix)
	meeting := keyOr(ix.Kinds(), string(activity.KindMeeting))
	held := keyOr(ix.Outcomes(), string(activity.OutcomeHeld))
	in := spanOf(p)
	var t EffortTally
	for _, r := range v.DealRows() {
		if in.has(d.Created[r]) {
			t.Outcomes++
		}
	}
	for _, r := range v.ActivityRows() {
		if in.has(a.At[r]) && a.Kind[r] == meeting && meeting != activity.NoKey && a.Outcome[r] == held && held != activity.NoKey {
			t.Activities++
		}
	}
	return t.result(Effort{Scope: v.Label(), Period: p, Activity: "meetings held", Outcome: "opportunity created"})
}

// keyOr returns the key of s, or NoKey when the index never saw s (so that
// nothing matches it: every kind and outcome column holds a real key).
func keyOr(d *activity.Dict, s string) activity.Key {
	if k, ok := d.Key(s); ok {
		return k
	}
	return activity.NoKey
}

// kindFilter returns which kind keys count, or nil for all.
func kindFilter(ix *activity.Index, kinds []activity.Kind) []bool {
	if kinds == nil {
		return nil
	}
	f := make([]bool, ix.Kinds().Len())
	for _, k := range kinds {
		if key, ok := ix.Kinds().Key(string(k)); ok && key != activity.NoKey {
			f[key] = true
		}
	}
	return f
}

// effortGrouper groups deals and activities by rep or team for the effort
// ratios, or puts everything in one group.
type effortGrouper struct {
	ix          *activity.Index
	by          activity.By
	dealCol     []activity.Key
	actCol      []activity.Key
	actDeal     []int32 // the activities' deal rows, for viaDeal
	viaDeal     bool
	names       []string
	size        int
	attribution Attribution
}

func newEffortGrouper(ix *activity.Index, by activity.By, attr Attribution) (*effortGrouper, error) {
	g := &effortGrouper{ix: ix, by: by, size: 1, attribution: attr}
	switch by.Dimension {
	case 0:
		return g, nil
	case activity.DimensionRep:
		g.dealCol, g.actCol, g.names = ixcols.DealsOf(ix).Owner, ixcols.ActivitiesOf(ix).Rep, ix.Reps().Names()
	case activity.DimensionTeam:
		g.dealCol, g.actCol, g.names = ixcols.DealsOf(ix).Team, ixcols.ActivitiesOf(ix).Team, ix.Teams().Names()
	default:
		return nil, fmt.Errorf("%w: effort ratios group by rep or team, not %v", ErrInvalidOptions, by)
	}
	g.viaDeal = attr == AttributeToDealOwner
	g.actDeal = ixcols.ActivitiesOf(ix).Deal
	g.size = len(g.names) + 1
	return g, nil
}

func (g *effortGrouper) deal(r int32) int {
	if g.dealCol == nil {
		return 0
	}
	return int(g.dealCol[r]) + 1
}

// activity returns the group of activity row r, or −1 when it has none
// (attributed to a deal owner but tied to no deal).
func (g *effortGrouper) activity(r int32) int {
	switch {
	case g.actCol == nil:
		return 0
	case g.viaDeal:
		dr := g.actDeal[r]
		if dr < 0 {
			return -1
		}
		return int(g.dealCol[dr]) + 1
	}
	return int(g.actCol[r]) + 1
}

func (g *effortGrouper) results(v activity.View, ts []EffortTally, base Effort) []activity.Group[Effort] {
	order := make([]int, 0, len(ts))
	for i := range ts {
		if ts[i].Activities+ts[i].Outcomes > 0 {
			order = append(order, i)
		}
	}
	name := func(i int) string {
		if i == 0 {
			return ""
		}
		return g.names[i-1]
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(name(a), name(b)) })
	out := make([]activity.Group[Effort], 0, len(order))
	for _, i := range order {
		b := base
		b.Scope = v.Label() + " / " + g.by.Dimension.String() + "=" + name(i)
		e, err := ts[i].result(b)
		gr := activity.Group[Effort]{Key: name(i), Result: e}
		if err != nil {
			gr.Undefined = err.Error()
		}
		out = append(out, gr)
	}
	return out
}

// countKeys adds to ts[k+1].Activities the number of times each key k
// appears in col, counting into four tables in turn so that a key seen
// twice in a row does not wait on its own count.
func countKeys(col []activity.Key, ts []EffortTally) {
	n := len(ts)
	counts := make([]int64, 4*n)
	c0, c1, c2, c3 := counts[:n], counts[n:2*n], counts[2*n:3*n], counts[3*n:]
	i := 0
	for ; i+4 <= len(col); i += 4 {
		c0[col[i]+1]++
		c1[col[i+1]+1]++
		c2[col[i+2]+1]++
		c3[col[i+3]+1]++
	}
	for ; i < len(col); i++ {
		c0[col[i]+1]++
	}
	for k := range ts {
		ts[k].Activities += c0[k] + c1[k] + c2[k] + c3[k]
	}
}
