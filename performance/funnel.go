package performance

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/internal/quantile"
)

// ErrNoFunnel reports a funnel KPI over an index built without a funnel (or
// with a funnel that has no open stage): the KPI needs the stages' order.
var ErrNoFunnel = errors.New("performance: the index has no funnel")

// Reach says when a deal counts as having reached a stage of the funnel.
//
// Every rule reads the stages a deal is shown in: the stage it was created
// in, the To stage of each stage change, and its current stage. The stage a
// deal was created in is its first change's From when the change has one
// (the deal is taken to have been there from its creation until that
// change); when the first change has no From, the creation stage is unknown
// and the deal is shown only from that change on. A deal with no history was
// created in its current stage and has stayed there.
type Reach uint8

// Reach rules.
const (
	// ReachedOrLater (the default) counts a deal as having reached open
	// stage k when it was shown in k or in a later open stage (by funnel
	// position): a deal that skips a stage still passed it. A won deal
	// reached every open stage and the won outcome; a lost or open deal
	// reached every open stage up to the highest it was shown in, so a lost
	// deal counts up to where it was lost from, wherever that was.
	ReachedOrLater Reach = iota
	// ReachedAtAnyTime counts a deal as having reached each stage it was
	// shown in, and nothing else: a skipped stage is not reached, and a won
	// deal without history reached only the won outcome. A later stage can
	// then hold more deals than an earlier one, so conversions can exceed 1.
	ReachedAtAnyTime
	// PassedInOrder counts a deal as having reached open stage k when it was
	// shown in every open stage 0, 1, …, k in that order (other stages, and
	// moves back and forth, in between do not matter); the won outcome needs
	// every open stage in order and then the won stage. Skipping a stage (or
	// being created past the first) breaks the deal's path from that stage
	// on, unless it later returns to the skipped stage and goes on in order.
	PassedInOrder
	// FirstEntryInOrder counts a deal as having reached open stage k when
	// it was shown in every open stage 0, 1, …, k and first entered each
	// after first entering the one before; the won outcome needs every open
	// stage so and then the won stage. A deal that went to demo, back to
	// qualification and to demo again passed them in order (a subsequence:
	// PassedInOrder) but did not first enter them in order: it reached
	// qualification, not demo.
	FirstEntryInOrder
)

// String returns "reached_or_later", "reached_at_any_time",
// "passed_in_order" or "first_entry_in_order".
func (r Reach) String() string {
	switch r {
	case ReachedOrLater:
		return "reached_or_later"
	case ReachedAtAnyTime:
		return "reached_at_any_time"
	case PassedInOrder:
		return "passed_in_order"
	case FirstEntryInOrder:
		return "first_entry_in_order"
	}
	return fmt.Sprintf("Reach(%d)", uint8(r))
}

// MarshalText writes String.
func (r Reach) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (r *Reach) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ReachedOrLater, FirstEntryInOrder, Reach.MarshalText)
	if !ok {
		return fmt.Errorf("%w: reach rule %q", ErrInvalidOptions, text)
	}
	*r = v
	return nil
}

// FunnelCohort says which deals a funnel is about.
type FunnelCohort uint8

// Funnel cohorts.
const (
	// FunnelCreatedInPeriod (the default) takes the deals created in the
	// period, open or closed: how this period's new pipeline moved.
	FunnelCreatedInPeriod FunnelCohort = iota
	// FunnelClosedInPeriod takes the deals won or lost in the period: the
	// paths of this period's results.
	FunnelClosedInPeriod
)

// String returns "created_in_period" or "closed_in_period".
func (c FunnelCohort) String() string {
	switch c {
	case FunnelCreatedInPeriod:
		return "created_in_period"
	case FunnelClosedInPeriod:
		return "closed_in_period"
	}
	return fmt.Sprintf("FunnelCohort(%d)", uint8(c))
}

// MarshalText writes String.
func (c FunnelCohort) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *FunnelCohort) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, FunnelCreatedInPeriod, FunnelClosedInPeriod, FunnelCohort.MarshalText)
	if !ok {
		return fmt.Errorf("%w: funnel cohort %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

func (c FunnelCohort) label() string {
	if c == FunnelClosedInPeriod {
		return "closed"
	}
	return "created"
}

// FunnelOptions selects the deals of a funnel and when a deal reached a
// stage. The zero value takes the deals created in the period under
// ReachedOrLater, with open deals' time in stage counted to the period's end.
type FunnelOptions struct {
	// Reach: ReachedOrLater (default), ReachedAtAnyTime, PassedInOrder or
	// FirstEntryInOrder.
	Reach Reach
	// Cohort: FunnelCreatedInPeriod (default) or FunnelClosedInPeriod.
	Cohort FunnelCohort
	// AsOf ends the visit an open deal is still making to its current
	// stage, for time in stage. Zero: the end of the period. It is not a
	// cutoff of the data: stage changes and closes after it still count
	// (a closed deal's visits run to their changes and its close), so
	// build the index from records as of a moment to see the funnel then.
	AsOf time.Time
	// ZeroVisits counts in time in stage every deal shown in the stage,
	// one whose visits took no time (entered and left at one instant) as 0
	// days, as "entered" means. False: only the deals that spent time
	// there.
	ZeroVisits bool
}

// Validate reports an unknown reach rule or cohort.
func (o FunnelOptions) Validate() error {
	switch {
	case o.Reach > FirstEntryInOrder:
		return fmt.Errorf("%w: reach %v", ErrInvalidOptions, o.Reach)
	case o.Cohort > FunnelClosedInPeriod:
		return fmt.Errorf("%w: funnel cohort %v", ErrInvalidOptions, o.Cohort)
	}
	return nil
}

// StageRate is a share of deals with what it was computed from:
//
//	Rate = Deals / Of
//
// It is Defined only when Of > 0; otherwise Rate is 0 and means nothing.
type StageRate struct {
	Deals   int64   `json:"deals"`
	Of      int64   `json:"of"`
	Rate    float64 `json:"rate"`
	Defined bool    `json:"defined"`
}

func funnelRate(deals, of int64) StageRate {
	r := StageRate{Deals: deals, Of: of}
	if of > 0 {
		r.Rate, r.Defined = float64(deals)/float64(of), true
	}
	return r
}

// String reads as "40.0%", or "n/a" when undefined.
func (r StageRate) String() string {
	if !r.Defined {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Rate)
}

// StageTime is how long deals stayed in a stage, over the Deals that spent
// a positive time there (or, under FunnelOptions.ZeroVisits, every deal
// shown in it), in elapsed days (seconds / 86,400):
//
//	MeanDays   = Σ days / Deals                (from an exact sum)
//	MedianDays = type 7 median (R, pandas, NumPy, spreadsheets)
//
// A deal's days are the sum of all its visits to the stage. It is Defined
// only when Deals > 0.
type StageTime struct {
	Deals      int64   `json:"deals"`
	MeanDays   float64 `json:"mean_days"`
	MedianDays float64 `json:"median_days"`
	Defined    bool    `json:"defined"`
}

// String reads as "mean 3.2 d, median 2.0 d of 4", or "n/a" when undefined.
func (s StageTime) String() string {
	if !s.Defined {
		return "n/a"
	}
	return fmt.Sprintf("mean %.1f d, median %.1f d of %d", s.MeanDays, s.MedianDays, s.Deals)
}

// FunnelStep is one open stage of a funnel report.
type FunnelStep struct {
	Stage activity.Stage `json:"stage"`
	// Reached counts the deals that reached the stage under the Reach rule.
	Reached int64 `json:"reached"`
	// Next is the step conversion: deals that reached the next open stage
	// (for the last open stage, the won outcome) of those that reached this
	// one. Undefined when none reached this one.
	Next StageRate `json:"next"`
	// Cumulative is Reached of the deals that reached the first open stage.
	Cumulative StageRate `json:"cumulative"`
	// Time is how long deals stayed in the stage.
	Time StageTime `json:"time"`
	// WinRate is won / (won + lost) among the closed deals whose highest
	// open stage shown (whatever the Reach rule) is this one: Deals won, Of
	// closed.
	WinRate StageRate `json:"win_rate"`
	// ReachedWinRate is won / (won + lost) among the closed deals that
	// reached this stage or, under ReachedOrLater, a later one: the
	// stage-to-win rate of CloseRate to the won stages, Deals won, Of
	// closed.
	ReachedWinRate StageRate `json:"reached_win_rate"`
}

// FunnelReport is a funnel over the open stages of the index's funnel, in
// funnel order, for the deals of a cohort:
//
//	Steps[k].Next       = Reached[k+1] / Reached[k]      (last: Won / Reached[k])
//	Steps[k].Cumulative = Reached[k] / Reached[0]
//	Won                 = won deals / Reached[0]
//	Steps[k].WinRate    = won / closed, of closed deals whose highest stage is k
//
// with time in each stage. Deals counts the cohort; a deal shown in no open
// stage (a won deal with no history under ReachedAtAnyTime) is in Deals but
// reaches no step. Unplaced counts the closed deals shown in no open stage,
// left out of the win rates by highest stage.
type FunnelReport struct {
	Scope    string          `json:"scope"`
	Period   activity.Period `json:"period"`
	Reach    Reach           `json:"reach"`
	Cohort   FunnelCohort    `json:"cohort"`
	AsOf     time.Time       `json:"as_of"`
	Deals    int64           `json:"deals"`
	Steps    []FunnelStep    `json:"steps"`
	Won      StageRate       `json:"won"`
	Unplaced int64           `json:"unplaced,omitempty"`
}

// String reads as a header line and one line per stage:
//
//	all: funnel of 5 deals created in 2025 Q1 (reached or later)
//	  prospecting       5 reached  100.0% of first  next  80.0%  time mean 3.2 d, median 2.0 d of 4  win rate 0.0% (0 of 1)
//	  …
//	  demo              3 reached   60.0% of first  next  66.7%  time mean 19.3 d, median 10.0 d of 3  win rate n/a
//	  …
//	  won               2           40.0% of first
//
// where n/a marks a rate with a zero denominator.
func (f FunnelReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: funnel of %d deals %s in %s (%v)", f.Scope, f.Deals, f.Cohort.label(), periodName(f.Period), prose(f.Reach))
	for _, s := range f.Steps {
		win := s.WinRate.String()
		if s.WinRate.Defined {
			win += fmt.Sprintf(" (%d of %d)", s.WinRate.Deals, s.WinRate.Of)
		}
		fmt.Fprintf(&b, "\n  %-14s %4d reached  %6s of first  next %6s  time %s  win rate %s",
			s.Stage, s.Reached, s.Cumulative, s.Next, s.Time, win)
	}
	fmt.Fprintf(&b, "\n  %-14s %4d          %6s of first", "won", f.Won.Deals, f.Won)
	if f.Unplaced > 0 {
		fmt.Fprintf(&b, "\n  %d closed deals shown in no open stage", f.Unplaced)
	}
	return b.String()
}

// StageConversion is the share of the deals that reached one stage that
// went on to reach a later one, with what it was computed from:
//
//	Rate = Converted / Reached
//
// Reached counts the cohort's deals that reached From, Converted those of
// them that reached To, both under the Reach rule. It is Defined only when
// Reached > 0.
type StageConversion struct {
	Scope     string          `json:"scope"`
	Period    activity.Period `json:"period"`
	Reach     Reach           `json:"reach"`
	Cohort    FunnelCohort    `json:"cohort"`
	From      activity.Stage  `json:"from"`
	To        activity.Stage  `json:"to"`
	Reached   int64           `json:"reached"`
	Converted int64           `json:"converted"`
	Rate      float64         `json:"rate"`
	Defined   bool            `json:"defined"`
}

// String reads as "all: demo → closed_won 40.0% (4 of 10 deals created in
// 2024 Q1, reached_or_later)".
func (c StageConversion) String() string {
	rate := "n/a"
	if c.Defined {
		rate = fmt.Sprintf("%.1f%%", 100*c.Rate)
	}
	return fmt.Sprintf("%s: %s → %s %s (%d of %d deals %s in %s, %v)", c.Scope, c.From, c.To, rate,
		c.Converted, c.Reached, c.Cohort.label(), periodName(c.Period), c.Reach)
}

// CloseRateOptions selects the deals of a close rate and when a deal
// reached a stage. The zero value takes the deals created in the period
// under ReachedOrLater.
type CloseRateOptions struct {
	// Reach: ReachedOrLater (default), ReachedAtAnyTime, PassedInOrder or
	// FirstEntryInOrder.
	Reach Reach
	// Cohort: FunnelCreatedInPeriod (default) or FunnelClosedInPeriod.
	Cohort FunnelCohort
}

// Validate reports an unknown reach rule or cohort.
func (o CloseRateOptions) Validate() error {
	return FunnelOptions{Reach: o.Reach, Cohort: o.Cohort}.Validate()
}

// FunnelDeal is one deal as FunnelTally.Add takes it.
type FunnelDeal struct {
	Status activity.Status
	// Stage is the current stage; "" when unknown.
	Stage   activity.Stage
	Created time.Time
	// Closed is the close time of a won or lost deal; zero while open.
	Closed time.Time
	// History is the deal's stage changes in time order (their Deal field
	// is not read).
	History []activity.StageChange
}

// FunnelTally is the fold behind FunnelOf and FunnelBy: add each deal of the
// cohort, merge tallies of parts of the data in any order, and take the
// Result. Its state is a few counts per open stage and, for the medians,
// one duration per deal and stage the deal spent time in: it grows with
// deals × open stages visited.
//
// Make one with NewFunnelTally. The zero value is an empty tally that Add
// refuses; it takes its funnel and options from the first tally merged into
// it.
type FunnelTally struct {
	shape                *funnelShape // nil: the zero tally
	reach                Reach
	cohort               FunnelCohort
	zeroVisits           bool
	asOf                 int64
	deals, won, unplaced int64
	reached              []int64 // by open stage
	closedAt, wonAt      []int64 // by highest open stage shown
	closedBy, wonBy      []int64 // closed and won deals that reached each open stage
	nanos                [][]int64
	sums                 []exact.Sum
	scratchPath          *funnelPath
	scratchWalk          *funnelWalk
}

// NewFunnelTally returns an empty tally for funnel f, with AsOf defaulting
// to the end of p. A funnel with no stages, or no open stage, is an error
// wrapping ErrNoFunnel; an invalid funnel, period or options are errors too.
func NewFunnelTally(f activity.Funnel, p activity.Period, opt FunnelOptions) (*FunnelTally, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	shape, err := funnelShapeOf(f)
	if err != nil {
		return nil, err
	}
	t := funnelNewTally(shape, opt, funnelAsOf(p, opt))
	return &t, nil
}

// Add counts one deal. A stage the funnel does not know is an error
// wrapping activity.ErrUnknownStage; an unknown status, a zero creation
// time, a close time that disagrees with the status, a status that disagrees
// with the stage, changes out of time order or outside the deal's life, and
// a history that does not chain are errors wrapping activity's sentinels
// (ErrInvalidStatus, ErrZeroTime, ErrNoCloseTime, ErrOpenWithCloseTime,
// ErrStageStatus, ErrTimeOrder, ErrBrokenHistory). A deal in error is not
// counted. The zero tally is an error wrapping ErrNoFunnel.
func (t *FunnelTally) Add(d FunnelDeal) error {
	if t.shape == nil {
		return fmt.Errorf("%w: make the tally with NewFunnelTally", ErrNoFunnel)
	}
	if t.scratchPath == nil {
		t.scratchPath, t.scratchWalk = &funnelPath{}, &funnelWalk{}
	}
	p, err := t.shape.path(t.scratchPath, d)
	if err != nil {
		return err
	}
	t.add(p, t.scratchWalk)
	return nil
}

// Merge adds o to t. Merging into the zero tally copies o. Merge panics if
// both tallies are set up and differ in funnel, Reach or Cohort: their
// counts do not add up. The merged AsOf is the later of the two.
func (t *FunnelTally) Merge(o *FunnelTally) {
	if o.shape == nil {
		return
	}
	if t.shape == nil {
		*t = funnelNewTally(o.shape, FunnelOptions{Reach: o.reach, Cohort: o.cohort, ZeroVisits: o.zeroVisits}, o.asOf)
	}
	if !t.shape.same(o.shape) || t.reach != o.reach || t.cohort != o.cohort || t.zeroVisits != o.zeroVisits {
		panic("performance: FunnelTally.Merge of tallies with different funnels, reach rules, cohorts or time rules")
	}
	t.asOf = max(t.asOf, o.asOf)
	t.deals += o.deals
	t.won += o.won
	t.unplaced += o.unplaced
	for k := range t.reached {
		t.reached[k] += o.reached[k]
		t.closedAt[k] += o.closedAt[k]
		t.wonAt[k] += o.wonAt[k]
		t.closedBy[k] += o.closedBy[k]
		t.wonBy[k] += o.wonBy[k]
		t.nanos[k] = append(t.nanos[k], o.nanos[k]...)
		t.sums[k].Merge(&o.sums[k])
	}
}

// Result returns the funnel of the tally's deals, labelled with scope and p.
// With no deal it returns the empty steps and an error wrapping ErrNoDeals.
func (t *FunnelTally) Result(scope string, p activity.Period) (FunnelReport, error) {
	r := FunnelReport{Scope: scope, Period: p, Reach: t.reach, Cohort: t.cohort, Deals: t.deals, Unplaced: t.unplaced}
	if t.shape == nil {
		return r, fmt.Errorf("%w: %s in %s", ErrNoDeals, scope, periodName(p))
	}
	r.AsOf = fromNanos(t.asOf, p.Start)
	n := t.shape.nOpen
	r.Steps = make([]FunnelStep, n)
	for k := range n {
		next := t.won
		if k+1 < n {
			next = t.reached[k+1]
		}
		r.Steps[k] = FunnelStep{
			Stage:      t.shape.stages[k],
			Reached:    t.reached[k],
			Next:       funnelRate(next, t.reached[k]),
			Cumulative: funnelRate(t.reached[k], t.reached[0]),
			Time:       t.stageTime(k),
			WinRate:    funnelRate(t.wonAt[k], t.closedAt[k]),

			ReachedWinRate: funnelRate(t.wonBy[k], t.closedBy[k]),
		}
	}
	r.Won = funnelRate(t.won, t.reached[0])
	if t.deals == 0 {
		return r, fmt.Errorf("%w: %s in %s", ErrNoDeals, scope, periodName(p))
	}
	return r, nil
}

func (t *FunnelTally) stageTime(k int) StageTime {
	xs := t.nanos[k]
	if len(xs) == 0 {
		return StageTime{}
	}
	// Sorted as integers; nanoseconds as float64 keep whole seconds exact.
	xs = slices.Clone(xs)
	quantile.SortInt64(xs)
	day := float64(nanosPerDay)
	n := int64(len(xs))
	mean := t.sums[k].Decimal().DivRound(decimalOf(n), ratioScale).InexactFloat64()
	return StageTime{Deals: n, MeanDays: mean / day, MedianDays: quantile.Type7Int64(xs, 0.5) / day, Defined: true}
}

// add counts the deal p, walking it with the scratch w.
func (t *FunnelTally) add(p *funnelPath, w *funnelWalk) {
	w.run(p, t.shape, t.reach, t.asOf)
	t.deals++
	for k, ok := range w.reached {
		if ok {
			t.reached[k]++
		}
	}
	if w.won {
		t.won++
	}
	for k, ns := range w.nanos {
		if ns > 0 || (t.zeroVisits && w.shown[k]) {
			t.nanos[k] = append(t.nanos[k], ns)
			t.sums[k].Add(ns)
		}
	}
	if p.status.Closed() {
		for k, ok := range w.reached {
			if ok {
				t.closedBy[k]++
				if p.status == activity.StatusWon {
					t.wonBy[k]++
				}
			}
		}
		if h := w.highest; h < 0 {
			t.unplaced++
		} else {
			t.closedAt[h]++
			if p.status == activity.StatusWon {
				t.wonAt[h]++
			}
		}
	}
}

// FunnelOf returns the funnel of the view's deals in the cohort of p (see
// FunnelReport, FunnelOptions and Reach), over the open stages of the
// index's funnel, in funnel order.
//
// Time in stage is elapsed: a visit runs from the change into the stage (or
// the deal's creation, for the stage it was created in) to the next change,
// or for the last visit to the deal's close, or while the deal is open and
// in that stage, to AsOf (a visit begun at or after AsOf adds nothing).
// Where a deal's current stage differs from where its history leaves it, the
// time of that move is unknown and neither stage is timed past the last
// change. A deal with no history was in its current stage from its creation.
//
// Errors: an invalid period or options; an index without a funnel
// (ErrNoFunnel); no deal in the cohort (ErrNoDeals, with the empty steps).
// A stage no deal reached is not an error: its rates are marked undefined.
func FunnelOf(v activity.View, p activity.Period, opt FunnelOptions) (FunnelReport, error) {
	if err := v.Err(); err != nil {
		return FunnelReport{}, err
	}
	return funnelKPI(v, p, opt).of(v, p)
}

// FunnelBy returns the funnel of every group of the view's deals in one
// pass, in key order (a period breakdown groups by the deal's creation date,
// or under FunnelClosedInPeriod its close date; AsOf defaults to the end of
// p for every group). Only groups with deals appear, except periods, which
// are all listed, marked Undefined where empty. Errors are those of FunnelOf
// that concern the whole call, and an invalid By.
func FunnelBy(v activity.View, p activity.Period, by activity.By, opt FunnelOptions) ([]activity.Group[FunnelReport], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	return funnelKPI(v, p, opt).by(v, p, by)
}

func funnelKPI(v activity.View, p activity.Period, opt FunnelOptions) kpi[FunnelTally, FunnelReport] {
	return kpi[FunnelTally, FunnelReport]{
		merge:  (*FunnelTally).Merge,
		pass:   func(g *grouper) ([]FunnelTally, error) { return funnelPass(v, p, opt, g) },
		seen:   func(t *FunnelTally) bool { return t.deals > 0 },
		result: func(t *FunnelTally, scope string, q activity.Period) (FunnelReport, error) { return t.Result(scope, q) },
	}
}

// CloseRate returns the share of the view's deals in the cohort of p that
// reached stage from and went on to reach stage to, under the Reach rule of
// the options (see StageConversion):
//
//	Rate = deals that reached from and to / deals that reached from
//
// from must be an open stage of the index's funnel; to a later open stage or
// a won stage (reaching it means being won in it: the won outcome of the
// Reach rule with the deal now in that stage). "Went on to" holds by
// construction under ReachedOrLater, PassedInOrder and FirstEntryInOrder;
// under
// ReachedAtAnyTime a deal is counted when it was shown in both stages, in
// either order (one that moved back from to to from counts too).
//
// Errors: an invalid period or options; an index without a funnel
// (ErrNoFunnel); a stage not in the funnel (activity.ErrUnknownStage); from
// not an open stage, to a lost stage, or to not after from
// (ErrInvalidOptions); no deal that reached from (ErrNoDeals, with the
// result marked undefined).
func CloseRate(v activity.View, p activity.Period, from, to activity.Stage, opt CloseRateOptions) (StageConversion, error) {
	if err := v.Err(); err != nil {
		return StageConversion{}, err
	}
	if err := checkPeriod(p); err != nil {
		return StageConversion{}, err
	}
	if err := opt.Validate(); err != nil {
		return StageConversion{}, err
	}
	ix := v.Index()
	shape, err := funnelShapeOf(ix.Funnel())
	if err != nil {
		return StageConversion{}, err
	}
	fk, ok := shape.pos[from]
	if !ok {
		return StageConversion{}, fmt.Errorf("%w: from %q", activity.ErrUnknownStage, from)
	}
	tk, ok := shape.pos[to]
	if !ok {
		return StageConversion{}, fmt.Errorf("%w: to %q", activity.ErrUnknownStage, to)
	}
	switch {
	case int(fk) >= shape.nOpen:
		return StageConversion{}, fmt.Errorf("%w: close rate from %q, not an open stage", ErrInvalidOptions, from)
	case shape.lost[tk]:
		return StageConversion{}, fmt.Errorf("%w: close rate to %q, a lost stage", ErrInvalidOptions, to)
	case tk <= fk:
		return StageConversion{}, fmt.Errorf("%w: close rate to %q, which is not after %q", ErrInvalidOptions, to, from)
	}
	c := StageConversion{Scope: v.Label(), Period: p, Reach: opt.Reach, Cohort: opt.Cohort, From: from, To: to}
	d := ixcols.DealsOf(ix)
	in := spanOf(p)
	var path funnelPath
	var w funnelWalk
	for _, r := range v.DealRows() {
		if !in.has(funnelCohortAt(d, r, opt.Cohort)) {
			continue
		}
		funnelPathAt(&path, ix, r)
		w.run(&path, shape, opt.Reach, in.hi)
		if !w.reached[fk] {
			continue
		}
		c.Reached++
		if (int(tk) < shape.nOpen && w.reached[tk]) || (int(tk) >= shape.nOpen && w.won && path.stage == tk) {
			c.Converted++
		}
	}
	if c.Reached == 0 {
		return c, fmt.Errorf("%w: no deal %s in %s reached %q in %s", ErrNoDeals, opt.Cohort.label(), periodName(p), from, c.Scope)
	}
	c.Rate, c.Defined = float64(c.Converted)/float64(c.Reached), true
	return c, nil
}

// funnelPass runs the funnel pass over the view: one tally per group of g,
// or one in all when g is nil.
func funnelPass(v activity.View, p activity.Period, opt FunnelOptions, g *grouper) ([]FunnelTally, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	ix := v.Index()
	shape, err := funnelShapeOf(ix.Funnel())
	if err != nil {
		return nil, err
	}
	asOf := funnelAsOf(p, opt)
	n := 1
	if g != nil {
		n = g.size()
	}
	ts := make([]FunnelTally, n)
	for i := range ts {
		ts[i] = funnelNewTally(shape, opt, asOf)
	}
	d := ixcols.DealsOf(ix)
	in := spanOf(p)
	var path funnelPath
	var w funnelWalk
	for _, r := range v.DealRows() {
		at := funnelCohortAt(d, r, opt.Cohort)
		if !in.has(at) {
			continue
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, at); gi < 0 {
				continue
			}
			for gi >= len(ts) {
				ts = append(ts, funnelNewTally(shape, opt, asOf))
			}
		}
		funnelPathAt(&path, ix, r)
		ts[gi].add(&path, &w)
	}
	return ts, nil
}

func funnelAsOf(p activity.Period, opt FunnelOptions) int64 {
	if opt.AsOf.IsZero() {
		return ixcols.Nanos(p.End)
	}
	return ixcols.Nanos(opt.AsOf)
}

// funnelCohortAt returns the time that places deal row r in a period for
// the cohort, or NoTime when the deal is not in the cohort at all.
func funnelCohortAt(d *ixcols.Deals, r int32, c FunnelCohort) int64 {
	if c == FunnelClosedInPeriod {
		if !d.Status[r].Closed() {
			return ixcols.NoTime
		}
		return d.Closed[r]
	}
	return d.Created[r]
}

func funnelNewTally(shape *funnelShape, opt FunnelOptions, asOf int64) FunnelTally {
	n := shape.nOpen
	return FunnelTally{
		shape: shape, reach: opt.Reach, cohort: opt.Cohort, zeroVisits: opt.ZeroVisits, asOf: asOf,
		reached: make([]int64, n), closedAt: make([]int64, n), wonAt: make([]int64, n),
		closedBy: make([]int64, n), wonBy: make([]int64, n),
		nanos: make([][]int64, n), sums: make([]exact.Sum, n),
	}
}

// funnelShape is a funnel as the passes read it: stages by position, which
// are won and lost, and how many open stages lead.
type funnelShape struct {
	stages    []activity.Stage
	won, lost []bool
	nOpen     int
	pos       map[activity.Stage]activity.Key
}

// funnelShapeOf reads a valid funnel (an index's is validated when the index
// is built). In an index with a funnel, a stage's key is its position.
func funnelShapeOf(f activity.Funnel) (*funnelShape, error) {
	if len(f.Stages) == 0 {
		return nil, fmt.Errorf("%w: give one in activity.IndexOptions.Funnel", ErrNoFunnel)
	}
	s := &funnelShape{pos: make(map[activity.Stage]activity.Key, len(f.Stages))}
	for i, fs := range f.Stages {
		s.stages = append(s.stages, fs.Stage)
		s.won = append(s.won, fs.Won)
		s.lost = append(s.lost, fs.Lost)
		s.pos[fs.Stage] = activity.Key(i)
		if !fs.Won && !fs.Lost {
			s.nOpen = i + 1 // open stages come first in a valid funnel
		}
	}
	if s.nOpen == 0 {
		return nil, fmt.Errorf("%w: the funnel has no open stage", ErrNoFunnel)
	}
	return s, nil
}

func (s *funnelShape) same(o *funnelShape) bool {
	return s == o || slices.Equal(s.stages, o.stages) && slices.Equal(s.won, o.won) && slices.Equal(s.lost, o.lost)
}

func (s *funnelShape) isWon(k activity.Key) bool { return k >= 0 && int(k) < len(s.won) && s.won[k] }

// path checks d and lays it out in p, reusing p's slices.
func (s *funnelShape) path(p *funnelPath, d FunnelDeal) (*funnelPath, error) {
	key := func(field string, st activity.Stage) (activity.Key, error) {
		if st == "" {
			return activity.NoKey, nil
		}
		k, ok := s.pos[st]
		if !ok {
			return activity.NoKey, fmt.Errorf("%w: %s %q", activity.ErrUnknownStage, field, st)
		}
		return k, nil
	}
	switch {
	case d.Status != activity.StatusOpen && !d.Status.Closed():
		return nil, fmt.Errorf("%w: %v", activity.ErrInvalidStatus, d.Status)
	case d.Created.IsZero():
		return nil, fmt.Errorf("%w: created", activity.ErrZeroTime)
	case d.Status.Closed() && d.Closed.IsZero():
		return nil, fmt.Errorf("%w: %v deal", activity.ErrNoCloseTime, d.Status)
	case !d.Status.Closed() && !d.Closed.IsZero():
		return nil, activity.ErrOpenWithCloseTime
	case d.Status.Closed() && d.Closed.Before(d.Created):
		return nil, fmt.Errorf("%w: closed at %s, before created at %s", activity.ErrTimeOrder,
			d.Closed.Format(time.RFC3339Nano), d.Created.Format(time.RFC3339Nano))
	}
	stage, err := key("stage", d.Stage)
	if err != nil {
		return nil, err
	}
	if stage != activity.NoKey && (s.won[stage] != (d.Status == activity.StatusWon) || s.lost[stage] != (d.Status == activity.StatusLost)) {
		return nil, fmt.Errorf("%w: %v deal in stage %q", activity.ErrStageStatus, d.Status, d.Stage)
	}
	*p = funnelPath{status: d.Status, stage: stage, created: ixcols.Nanos(d.Created), closed: ixcols.Nanos(d.Closed),
		from: p.from[:0], to: p.to[:0], at: p.at[:0]}
	prev, prevTo := p.created, activity.NoKey
	for i, c := range d.History {
		from, err := key("from", c.From)
		if err != nil {
			return nil, err
		}
		if c.To == "" {
			return nil, fmt.Errorf("%w: change %d has no to-stage", activity.ErrUnknownStage, i)
		}
		to, err := key("to", c.To)
		if err != nil {
			return nil, err
		}
		at := ixcols.Nanos(c.At)
		switch {
		case c.At.IsZero():
			return nil, fmt.Errorf("%w: change %d", activity.ErrZeroTime, i)
		case at < prev:
			return nil, fmt.Errorf("%w: change %d at %s is before the one before it or the deal's creation, at %s", activity.ErrTimeOrder, i,
				c.At.Format(time.RFC3339Nano), time.Unix(0, prev).UTC().Format(time.RFC3339Nano))
		case p.closed != ixcols.NoTime && at > p.closed:
			return nil, fmt.Errorf("%w: change %d at %s is after the deal closed, at %s", activity.ErrTimeOrder, i,
				c.At.Format(time.RFC3339Nano), d.Closed.Format(time.RFC3339Nano))
		case from != activity.NoKey && prevTo != activity.NoKey && from != prevTo:
			return nil, fmt.Errorf("%w: change %d moves from %q but the one before moved to %q", activity.ErrBrokenHistory, i, c.From, s.stages[prevTo])
		}
		prev, prevTo = at, to
		p.from, p.to, p.at = append(p.from, from), append(p.to, to), append(p.at, at)
	}
	return p, nil
}

// funnelPath is one deal in stage keys, which are funnel positions.
type funnelPath struct {
	status          activity.Status
	stage           activity.Key // current; NoKey when unknown
	created, closed int64        // closed: NoTime while open
	from, to        []activity.Key
	at              []int64
}

// funnelPathAt lays deal row r of ix out in p, sharing the index's columns.
func funnelPathAt(p *funnelPath, ix *activity.Index, r int32) {
	d, sc := ixcols.DealsOf(ix), ixcols.StageChangesOf(ix)
	lo, hi := sc.Of(r)
	*p = funnelPath{status: d.Status[r], stage: d.Stage[r], created: d.Created[r], closed: d.Closed[r],
		from: sc.From[lo:hi], to: sc.To[lo:hi], at: sc.At[lo:hi]}
	if !p.status.Closed() {
		p.closed = ixcols.NoTime
	}
}

// funnelWalk is what walking one deal's path finds; its slices are reused
// from deal to deal.
type funnelWalk struct {
	shown, reached []bool  // by open stage
	nanos          []int64 // time in each open stage
	highest        int     // highest open stage shown, −1 for none
	next           int     // open stages passed in order so far
	passedWon      bool    // shown in a won stage after every open stage in order
	won            bool    // reached the won outcome under the rule
	first          []int   // by open stage: the ordinal of the first visit, −1 for none
	wonVisit       int     // the ordinal of the first visit to a won stage, −1 for none
	visits         int     // visits so far
}

func (w *funnelWalk) reset(n int) {
	if cap(w.shown) < n {
		w.shown, w.reached, w.nanos, w.first = make([]bool, n), make([]bool, n), make([]int64, n), make([]int, n)
	}
	w.shown, w.reached, w.nanos, w.first = w.shown[:n], w.reached[:n], w.nanos[:n], w.first[:n]
	clear(w.shown)
	clear(w.reached)
	clear(w.nanos)
	for k := range w.first {
		w.first[k] = -1
	}
	w.highest, w.next, w.passedWon, w.won, w.wonVisit, w.visits = -1, 0, false, false, -1, 0
}

// run walks the stages p was in, in order, timing each visit, and applies
// the reach rule.
func (w *funnelWalk) run(p *funnelPath, s *funnelShape, reach Reach, asOf int64) {
	n := s.nOpen
	w.reset(n)
	// The end of the last visit: the close, or AsOf while the deal is open.
	end := p.closed
	if !p.status.Closed() {
		end = asOf
	}
	m := len(p.to)
	if m == 0 {
		w.visit(s, p.stage, p.created, end)
	} else {
		if p.from[0] != activity.NoKey {
			w.visit(s, p.from[0], p.created, p.at[0])
		}
		moved := p.stage != activity.NoKey && p.stage != p.to[m-1] // to the current stage, at an unknown time
		for i := range m {
			e := end
			switch {
			case i+1 < m:
				e = p.at[i+1]
			case moved && !p.status.Closed():
				e = ixcols.NoTime
			}
			w.visit(s, p.to[i], p.at[i], e)
		}
		if moved {
			w.visit(s, p.stage, ixcols.NoTime, ixcols.NoTime)
		}
	}
	switch reach {
	case ReachedOrLater:
		// Every deal of the cohort was at least at the first open stage:
		// a lost deal without history counts there, as a won one does.
		top := max(w.highest, 0)
		if w.won = p.status == activity.StatusWon; w.won {
			top = n - 1
		}
		for k := range w.reached {
			w.reached[k] = k <= top
		}
	case ReachedAtAnyTime:
		copy(w.reached, w.shown)
		w.won = p.status == activity.StatusWon
	case PassedInOrder:
		for k := range w.reached {
			w.reached[k] = k < w.next
		}
		w.won = w.passedWon && p.status == activity.StatusWon
	case FirstEntryInOrder:
		prev, all := -1, true
		for k := range w.reached {
			all = all && w.first[k] > prev
			w.reached[k] = all
			if all {
				prev = w.first[k]
			}
		}
		w.won = all && w.wonVisit > prev && p.status == activity.StatusWon
	}
}

// visit notes that the deal was in stage k from start to end (NoTime where
// unknown).
func (w *funnelWalk) visit(s *funnelShape, k activity.Key, start, end int64) {
	if k < 0 {
		return
	}
	n := s.nOpen
	ord := w.visits
	w.visits++
	if int(k) < n && w.first[k] < 0 {
		w.first[k] = ord
	}
	if w.wonVisit < 0 && s.isWon(k) {
		w.wonVisit = ord
	}
	if int(k) < n {
		w.shown[k] = true
		w.highest = max(w.highest, int(k))
		if start != ixcols.NoTime && end != ixcols.NoTime && end > start {
			w.nanos[k] += end - start
		}
	}
	switch {
	case w.next < n && int(k) == w.next:
		w.next++
	case w.next == n && s.isWon(k):
		w.passedWon = true
	}
}
