package forecast

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/performance"
)

// ErrInvalidSnapshot reports a Snapshot that fails validation: a zero Taken
// time, an invalid deal, two deals with one id, or (in PipelineMovement) an
// after snapshot taken before the before snapshot. The error also wraps one
// *activity.RecordError per problem, so errors.As finds the record and field
// and errors.Is finds activity's sentinel (activity.ErrZeroTime,
// activity.ErrDuplicateID, activity.ErrNegativeAmount, …).
var ErrInvalidSnapshot = errors.New("forecast: invalid snapshot")

// Snapshot is the host's deal records as they stood at one time: a copy of
// the CRM's opportunities taken at Taken. Two snapshots are compared by
// PipelineMovement.
//
// A deal in a snapshot whose CreatedAt is after Taken is read as absent from
// it (as performance.OpenPipeline leaves out deals created after its AsOf):
// it did not exist yet when the snapshot was taken.
//
// In JSON, Taken is "taken" and decodes from RFC 3339, a date alone or epoch
// milliseconds (see activity.ParseTime); Deals is "deals".
type Snapshot struct {
	Taken time.Time       `json:"taken"`
	Deals []activity.Deal `json:"deals"`
}

// UnmarshalJSON reads a snapshot, with Taken in any form activity.DecodeTime
// reads and its deals as activity.Records reads them: a deal that cannot be
// read is an *activity.RecordError naming its position, id and field
// (wrapping activity.ErrDecode or the amount's error), every such deal
// reported. It does not validate the snapshot.
func (s *Snapshot) UnmarshalJSON(b []byte) error {
	var aux struct {
		Taken json.RawMessage `json:"taken"`
		Deals json.RawMessage `json:"deals"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	taken, err := decodeTime(aux.Taken, "snapshot taken")
	if err != nil {
		return err
	}
	// The deals decode as activity.Records' do, so that a bad one is an
	// *activity.RecordError naming its position, id and field.
	var r activity.Records
	if len(aux.Deals) > 0 {
		wrapped, err := json.Marshal(struct {
			Deals json.RawMessage `json:"deals"`
		}{aux.Deals})
		if err != nil {
			return err
		}
		if err := json.Unmarshal(wrapped, &r); err != nil {
			return fmt.Errorf("snapshot taken %s: %w", taken.Format(time.RFC3339), err)
		}
	}
	s.Taken, s.Deals = taken, r.Deals
	return nil
}

// Validate reports every problem with s: a zero Taken (field "taken" of
// record "snapshot", activity.ErrZeroTime), each deal's own problems (see
// activity.Deal.Validate), and a deal whose non-empty id an earlier deal of
// s already has (field "id", activity.ErrDuplicateID). Each problem is an
// *activity.RecordError naming the deal by its position in Deals and its id;
// they come joined, wrapped in ErrInvalidSnapshot. Validate returns nil for
// a valid snapshot, including one without deals.
func (s Snapshot) Validate() error {
	seen := make(map[string]int, len(s.Deals))
	errs := pmCheckTaken(nil, s.Taken)
	for i := range s.Deals {
		d := &s.Deals[i]
		errs = pmCheckDeal(errs, d, i)
		if d.ID == "" {
			continue
		}
		if first, dup := seen[d.ID]; dup {
			errs = append(errs, pmDuplicate(d.ID, i, first))
			continue
		}
		seen[d.ID] = i
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrInvalidSnapshot, errors.Join(errs...))
}

// pmCheckTaken appends the error of a zero snapshot time to errs.
func pmCheckTaken(errs []error, taken time.Time) []error {
	if taken.IsZero() {
		errs = append(errs, &activity.RecordError{Record: "snapshot", Index: -1, Field: "taken", Err: activity.ErrZeroTime})
	}
	return errs
}

// pmCheckDeal appends d's own problems to errs, as RecordErrors naming d by
// its position i.
func pmCheckDeal(errs []error, d *activity.Deal, i int) []error {
	err := d.Validate()
	if err == nil {
		return errs
	}
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var re *activity.RecordError
		if errors.As(e, &re) {
			c := *re
			c.Index = i
			errs = append(errs, &c)
			continue
		}
		errs = append(errs, &activity.RecordError{Record: "deal", Index: i, ID: d.ID, Err: e})
	}
	return errs
}

// pmDuplicate is the error of deal i repeating the id of deal first.
func pmDuplicate(id string, i, first int) error {
	return &activity.RecordError{Record: "deal", Index: i, ID: id, Field: "id",
		Err: fmt.Errorf("%w: deal %d has the same id", activity.ErrDuplicateID, first)}
}

// MovementGrouping says how PipelineMovement breaks the waterfall down.
type MovementGrouping uint8

// Groupings.
const (
	// MovementUngrouped (the default) gives only the whole waterfall.
	MovementUngrouped MovementGrouping = iota
	// MovementByRep also gives one waterfall per deal owner (Deal.Owner).
	MovementByRep
	// MovementByTeam also gives one waterfall per team (Deal.Team, the
	// deal's own field; a deal without a team groups under "").
	MovementByTeam
)

// String returns "none", "rep" or "team".
func (g MovementGrouping) String() string {
	switch g {
	case MovementUngrouped:
		return "none"
	case MovementByRep:
		return "rep"
	case MovementByTeam:
		return "team"
	}
	return fmt.Sprintf("MovementGrouping(%d)", uint8(g))
}

// MarshalText writes String.
func (g MovementGrouping) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (g *MovementGrouping) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, MovementUngrouped, MovementByTeam, MovementGrouping.MarshalText)
	if !ok {
		return fmt.Errorf("%w: movement grouping %q", ErrInvalidOptions, text)
	}
	*g = v
	return nil
}

// MovementOptions configures PipelineMovement. The zero value gives the
// whole waterfall, ungrouped, and requires every counted amount to be in one
// currency.
type MovementOptions struct {
	// By breaks the waterfall down by rep or team as well. Zero: no
	// breakdown.
	By MovementGrouping
	// Conversion, when not nil, converts every amount into Conversion.To
	// before it is counted, so deals in several currencies can be
	// compared. The rate date follows Conversion.Date: RateAtPeriodEnd
	// and RateFixed value both snapshots at one rate per currency, so
	// exchange-rate moves create no movement (the usual choice);
	// RateAtClose takes a closed deal's ClosedAt and an open deal's
	// snapshot Taken, so a deal whose amount did not change shows as
	// increased or decreased when its rate moved between the snapshots.
	// Nil: every counted amount must be in one currency
	// (performance.ErrMixedCurrencies otherwise).
	Conversion *activity.Conversion
	// Location is the zone a deal's close day (activity.Deal.CloseDate,
	// ExpectedCloseDate) is read in, as activity.IndexOptions.Location: the
	// day stands for its last instant there. Nil: UTC.
	Location *time.Location
}

// Validate reports an unknown grouping and an invalid Conversion, wrapping
// ErrInvalidOptions (and, for the conversion, activity.ErrInvalidConversion).
func (o MovementOptions) Validate() error {
	if o.By > MovementByTeam {
		return fmt.Errorf("%w: group by %v", ErrInvalidOptions, o.By)
	}
	if o.Conversion != nil {
		if err := o.Conversion.Validate(); err != nil {
			return fmt.Errorf("%w: conversion: %w", ErrInvalidOptions, err)
		}
	}
	return nil
}

// MovementCategory is one bar of a pipeline waterfall. The zero value is
// MovementStart.
type MovementCategory uint8

// Categories, in waterfall order. Amounts of every category are positive;
// the category says whether they add to the pipeline or take from it:
//
//	End = Start + New + PulledIn + Increased − Decreased − Won − Lost − PushedOut − Removed
const (
	// MovementStart: in the before pipeline, at its before amount.
	MovementStart MovementCategory = iota
	// MovementNew: entered the pipeline, not having existed at the before
	// snapshot (absent from it, or created after it was taken).
	MovementNew
	// MovementPulledIn: entered the pipeline, having existed at the before
	// snapshot outside its pipeline: open and expected to close in
	// another period or with no expected close, or closed and since
	// reopened (see MovementReason).
	MovementPulledIn
	// MovementIncreased: a before-pipeline deal's amount grew (after −
	// before amount), measured before the deal left the pipeline.
	MovementIncreased
	// MovementDecreased: a before-pipeline deal's amount shrank (before −
	// after amount), measured before the deal left the pipeline.
	MovementDecreased
	// MovementWon: left the pipeline closed won, at its after amount.
	MovementWon
	// MovementLost: left the pipeline closed lost, at its after amount.
	MovementLost
	// MovementPushedOut: still open, but its expected close moved out of
	// the period — slipped to a later period, moved earlier than the
	// period's start, or cleared (see MovementReason) — at its after
	// amount.
	MovementPushedOut
	// MovementRemoved: in the before pipeline and missing from the after
	// snapshot (deleted, merged, filtered out), at its before amount.
	MovementRemoved
	// MovementEnd: in the after pipeline, at its after amount.
	MovementEnd
)

const pmCategories = int(MovementEnd) + 1

var pmCategoryNames = [pmCategories]string{
	"start", "new", "pulled_in", "increased", "decreased", "won", "lost", "pushed_out", "removed", "end",
}

// String returns the JSON name: "start", "new", "pulled_in", "increased",
// "decreased", "won", "lost", "pushed_out", "removed" or "end".
func (c MovementCategory) String() string {
	if int(c) < pmCategories {
		return pmCategoryNames[c]
	}
	return fmt.Sprintf("MovementCategory(%d)", uint8(c))
}

// MarshalText writes String.
func (c MovementCategory) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *MovementCategory) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, MovementStart, MovementEnd, MovementCategory.MarshalText)
	if !ok {
		return fmt.Errorf("%w: movement category %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// MovementReason says why a deal entered or left the pipeline the way its
// category says. The zero value, ReasonNone, is the reason of the categories
// that need none (start, increased, decreased, won, lost, end).
type MovementReason uint8

// Reasons.
const (
	ReasonNone MovementReason = iota
	// ReasonCreatedSince (new): created after the before snapshot was taken.
	ReasonCreatedSince
	// ReasonNotInBefore (new): created earlier, but absent from the before
	// snapshot (imported later, or the before snapshot missed it).
	ReasonNotInBefore
	// ReasonFromLater (pulled in): expected to close after the period in
	// the before snapshot.
	ReasonFromLater
	// ReasonFromEarlier (pulled in): expected to close before the period
	// in the before snapshot.
	ReasonFromEarlier
	// ReasonFromUndated (pulled in): open without an expected close in the
	// before snapshot.
	ReasonFromUndated
	// ReasonReopened (pulled in): closed won or lost in the before
	// snapshot, open (or closed again after it) in the after one.
	ReasonReopened
	// ReasonToLater (pushed out): slipped — expected close moved after the
	// period.
	ReasonToLater
	// ReasonToEarlier (pushed out): expected close moved before the
	// period's start.
	ReasonToEarlier
	// ReasonToUndated (pushed out): expected close cleared.
	ReasonToUndated
	// ReasonNotInAfter (removed): absent from the after snapshot.
	ReasonNotInAfter
	// ReasonNotYetCreated (removed): in the after snapshot with a creation
	// time after it was taken, so read as absent from it.
	ReasonNotYetCreated
)

var pmReasonNames = [...]string{
	"", "created_since", "not_in_before", "from_later", "from_earlier", "from_undated", "reopened",
	"to_later", "to_earlier", "to_undated", "not_in_after", "not_yet_created",
}

// String returns the JSON name ("from_later"), or "none" for ReasonNone.
func (r MovementReason) String() string {
	switch {
	case r == ReasonNone:
		return "none"
	case int(r) < len(pmReasonNames):
		return pmReasonNames[r]
	}
	return fmt.Sprintf("MovementReason(%d)", uint8(r))
}

// MarshalText writes the JSON name; ReasonNone is written as "".
func (r MovementReason) MarshalText() ([]byte, error) {
	if r == ReasonNone {
		return []byte{}, nil
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads the name MarshalText writes.
func (r *MovementReason) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ReasonNone, ReasonNotYetCreated, MovementReason.MarshalText)
	if !ok {
		return fmt.Errorf("%w: movement reason %q", ErrInvalidOptions, text)
	}
	*r = v
	return nil
}

// MovementLine is one deal's part in one category of a waterfall: the
// lines of a category add up to its total, so every bar can be explained
// deal by deal. A deal has one line per category it counts in: a deal that
// stayed in the pipeline and grew has start, increased and end lines; one
// created and won between the snapshots has new and won lines.
//
// Amount is positive, in the waterfall's currency (converted when the
// options say so, exact, not rounded). From and To are the deal's expected
// close in the before and after snapshots (zero where the deal or the date
// is absent).
type MovementLine struct {
	Deal     string           `json:"deal"`
	Group    string           `json:"group,omitempty"`
	Category MovementCategory `json:"category"`
	Reason   MovementReason   `json:"reason,omitempty"`
	Amount   decimal.Decimal  `json:"amount"`
	From     time.Time        `json:"from,omitzero"`
	To       time.Time        `json:"to,omitzero"`
}

// MarshalJSON writes l with its amount as a string of exact digits.
func (l MovementLine) MarshalJSON() ([]byte, error) {
	type plain MovementLine
	return dec.Marshal(plain(l))
}

// String reads as `D-7 pushed_out 450.00 (to_later: expected 2025-06-20 →
// 2025-08-15)`.
func (l MovementLine) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", l.Deal, l.Category, dec.Text(l.Amount))
	if l.Reason != ReasonNone || !l.From.IsZero() || !l.To.IsZero() {
		b.WriteString(" (")
		if l.Reason != ReasonNone {
			b.WriteString(l.Reason.String() + ": ")
		}
		fmt.Fprintf(&b, "expected %s → %s)", pmDate(l.From), pmDate(l.To))
	}
	return b.String()
}

func pmDate(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format(time.DateOnly)
}

// MovementTotal is the deals and exact amount of one category.
type MovementTotal struct {
	Deals  int64           `json:"deals"`
	Amount decimal.Decimal `json:"amount"`
}

// MarshalJSON writes t with its amount as a string of exact digits.
func (t MovementTotal) MarshalJSON() ([]byte, error) {
	type plain MovementTotal
	return dec.Marshal(plain(t))
}

// SlipRate is the share of a start pipeline that was pushed out of the
// period:
//
//	Count  = PushedOut.Deals  / Start.Deals
//	Amount = PushedOut.Amount / Start.Amount
//
// Pushed out counts deals moved later (slipped), earlier, or left without an
// expected close; its amount is measured at the after amount, so a deal that
// grew before it slipped can lift Amount above 1. Each ratio is undefined
// when its denominator is zero (no start deals, or start deals of zero
// amount): it is then 0 and CountUndefined or AmountUndefined says why.
type SlipRate struct {
	Count           float64 `json:"count"`
	Amount          float64 `json:"amount"`
	CountUndefined  string  `json:"count_undefined,omitempty"`
	AmountUndefined string  `json:"amount_undefined,omitempty"`
}

// Movement is the waterfall of one scope (the whole pipeline, or one rep or
// team), reconciling exactly:
//
//	End = Start + New + PulledIn + Increased − Decreased − Won − Lost − PushedOut − Removed
//
// in amounts. Counts do not reconcile that way: a deal counts in Start and
// Increased and End.
type Movement struct {
	Start     MovementTotal `json:"start"`
	New       MovementTotal `json:"new"`
	PulledIn  MovementTotal `json:"pulled_in"`
	Increased MovementTotal `json:"increased"`
	Decreased MovementTotal `json:"decreased"`
	Won       MovementTotal `json:"won"`
	Lost      MovementTotal `json:"lost"`
	PushedOut MovementTotal `json:"pushed_out"`
	Removed   MovementTotal `json:"removed"`
	End       MovementTotal `json:"end"`
	Slip      SlipRate      `json:"slip"`
}

// Category returns the total of category c, and the zero MovementTotal for a
// value that is not a category.
func (m Movement) Category(c MovementCategory) MovementTotal {
	switch c {
	case MovementStart:
		return m.Start
	case MovementNew:
		return m.New
	case MovementPulledIn:
		return m.PulledIn
	case MovementIncreased:
		return m.Increased
	case MovementDecreased:
		return m.Decreased
	case MovementWon:
		return m.Won
	case MovementLost:
		return m.Lost
	case MovementPushedOut:
		return m.PushedOut
	case MovementRemoved:
		return m.Removed
	case MovementEnd:
		return m.End
	}
	return MovementTotal{}
}

func (m *Movement) pmTotal(c MovementCategory) *MovementTotal {
	return [pmCategories]*MovementTotal{&m.Start, &m.New, &m.PulledIn, &m.Increased, &m.Decreased,
		&m.Won, &m.Lost, &m.PushedOut, &m.Removed, &m.End}[c]
}

// MovementGroup is the waterfall of one rep or team.
type MovementGroup struct {
	Key string `json:"key"`
	Movement
}

// Waterfall is how the pipeline of a period moved between two snapshots:
// the whole (Total), each rep or team when asked (Groups, sorted by key),
// and every deal's part (Lines, sorted by category in waterfall order, then
// deal id). Amounts are exact, in Currency ("" when no deal counted).
type Waterfall struct {
	Period   activity.Period   `json:"period"`
	Before   time.Time         `json:"before"`
	After    time.Time         `json:"after"`
	Currency activity.Currency `json:"currency,omitempty"`
	By       MovementGrouping  `json:"by"`
	Total    Movement          `json:"total"`
	Groups   []MovementGroup   `json:"groups,omitempty"`
	Lines    []MovementLine    `json:"lines"`
}

// String reads as a waterfall table with the slip rate, one line per
// category, amounts rounded half away from zero to the currency's minor
// units, followed by one line per group:
//
//	pipeline movement of 2025 Q2 from 2025-04-01 to 2025-05-15 (USD)
//	  start            3 deals     25000.00
//	  + new            1 deals      4200.50
//	  …
//	  = end            2 deals      9200.50
//	  slip rate    33.3% of deals, 32.0% of amount
//	  rep ana: start 20000.00, end 0.00, slip 50.0% of deals, 40.0% of amount
func (w Waterfall) String() string {
	var b strings.Builder
	name := w.Period.Name
	if name == "" {
		name = w.Period.String()
	}
	fmt.Fprintf(&b, "pipeline movement of %s from %s to %s", name, pmDate(w.Before), pmDate(w.After))
	if w.Currency != "" {
		fmt.Fprintf(&b, " (%s)", w.Currency)
	}
	places := w.Currency.MinorUnits()
	signs := [pmCategories]string{"", "+ ", "+ ", "+ ", "− ", "− ", "− ", "− ", "− ", "= "}
	for c := range MovementCategory(pmCategories) {
		t := w.Total.Category(c)
		fmt.Fprintf(&b, "\n  %-13s %4d deals %12s", signs[c]+strings.ReplaceAll(c.String(), "_", " "), t.Deals,
			t.Amount.StringFixed(places))
	}
	fmt.Fprintf(&b, "\n  slip rate    %s", pmSlipText(w.Total.Slip))
	for _, g := range w.Groups {
		key := g.Key
		if key == "" {
			key = `""`
		}
		fmt.Fprintf(&b, "\n  %s %s: start %s, end %s, slip %s", w.By, key,
			g.Start.Amount.StringFixed(places), g.End.Amount.StringFixed(places), pmSlipText(g.Slip))
	}
	return b.String()
}

func pmSlipText(s SlipRate) string {
	var c, a string
	if s.CountUndefined != "" {
		c = "undefined (" + s.CountUndefined + ")"
	} else {
		c = fmt.Sprintf("%.1f%%", 100*s.Count)
	}
	if s.AmountUndefined != "" {
		a = "undefined (" + s.AmountUndefined + ")"
	} else {
		a = fmt.Sprintf("%.1f%%", 100*s.Amount)
	}
	if s.CountUndefined != "" && s.CountUndefined == s.AmountUndefined {
		return c
	}
	return c + " of deals, " + a + " of amount"
}

// pmSlipScale is the number of decimal places of the amount ratio before it
// becomes a float64.
const pmSlipScale = 18

// pmPair holds a deal id's position in the before and after snapshots (−1:
// absent).
type pmPair struct{ b, a int32 }

// pmPass is one PipelineMovement call's state.
type pmPass struct {
	before, after *Snapshot
	p             activity.Period
	opts          MovementOptions
	currency      activity.Currency
	groupOf       map[string]int32
	groupKeys     []string
	lines         []MovementLine
	lineGroup     []int32
}

// PipelineMovement returns how the pipeline of period p moved from the
// before snapshot to the after one: a waterfall of categories that
// reconciles to the cent, overall and per group,
//
//	end = start + new + pulled_in + increased − decreased − won − lost − pushed_out − removed
//
// The pipeline of p in a snapshot is the deals open in it, created by its
// Taken time, whose expected close falls in p (Start ≤ expected < End) —
// performance.OpenPipeline's default selection (ExpectedInPeriod) with AsOf
// at the snapshot's Taken. Deals are matched by id. Each deal, by where it
// stands in the two snapshots:
//
//   - in the before pipeline: start, at its before amount; then, if it is
//     in the after snapshot, increased or decreased by after − before
//     amount, and end (still in the pipeline), won or lost (closed in the
//     after snapshot), or pushed out (open with an expected close outside p,
//     or none; ReasonToLater is slippage, ReasonToEarlier a close date moved
//     before p's start), each at its after amount; if not, removed, at its
//     before amount;
//   - in the after pipeline only: new (it did not exist at the before
//     snapshot: absent from it, or created after before.Taken) or pulled in
//     (it was in the before snapshot outside the pipeline: expected in
//     another period, undated, or closed and reopened), and end, at its
//     after amount;
//   - in neither pipeline, but closed won or lost in the after snapshot
//     with a ClosedAt after before.Taken and in p: it entered and left
//     between the snapshots, and counts in both: new or pulled in, and won
//     or lost, at its after amount;
//   - otherwise it does not count.
//
// So a deal leaving the pipeline is counted at its latest amount, and its
// change of amount before it left is increased or decreased. With
// opts.By, each deal belongs to the group of its owner or team in the after
// snapshot (the before snapshot, when it is removed), so every group
// reconciles on its own and the groups add up to the total. Each scope
// carries its slip rate (see SlipRate). The snapshots and their deals are
// not modified; the result does not depend on the order of the deals.
//
// Errors: an invalid period (activity.ErrInvalidPeriod); invalid options
// (ErrInvalidOptions); an invalid snapshot, or an after snapshot taken
// before the before one (ErrInvalidSnapshot, with an *activity.RecordError
// per problem, all reported); counted amounts in more than one currency
// without opts.Conversion (performance.ErrMixedCurrencies); and a failed
// conversion (the converter's error, such as activity.ErrNoRate).
//
// It builds one map of the deal ids of both snapshots; its time and memory
// grow linearly with the deals (plus sorting the lines).
func PipelineMovement(before, after Snapshot, p activity.Period, opts MovementOptions) (Waterfall, error) {
	if err := p.Validate(); err != nil {
		return Waterfall{}, err
	}
	if err := opts.Validate(); err != nil {
		return Waterfall{}, err
	}
	before, after = pmResolveDays(before, opts.Location), pmResolveDays(after, opts.Location)
	nb, na := len(before.Deals), len(after.Deals)
	if nb > math.MaxInt32 || na > math.MaxInt32 {
		return Waterfall{}, fmt.Errorf("%w: more than %d deals", ErrInvalidSnapshot, math.MaxInt32)
	}
	ids := make(map[string]pmPair, max(nb, na))
	bToA := make([]int32, nb)
	aToB := make([]int32, na)
	var errsB, errsA []error
	errsB = pmCheckTaken(errsB, before.Taken)
	for i := range before.Deals {
		d := &before.Deals[i]
		errsB = pmCheckDeal(errsB, d, i)
		bToA[i] = -1
		if d.ID == "" {
			continue
		}
		if pr, dup := ids[d.ID]; dup {
			errsB = append(errsB, pmDuplicate(d.ID, i, int(pr.b)))
			continue
		}
		ids[d.ID] = pmPair{b: int32(i), a: -1}
	}
	errsA = pmCheckTaken(errsA, after.Taken)
	for j := range after.Deals {
		d := &after.Deals[j]
		errsA = pmCheckDeal(errsA, d, j)
		aToB[j] = -1
		if d.ID == "" {
			continue
		}
		pr, ok := ids[d.ID]
		if !ok {
			ids[d.ID] = pmPair{b: -1, a: int32(j)}
			continue
		}
		if pr.a >= 0 {
			errsA = append(errsA, pmDuplicate(d.ID, j, int(pr.a)))
			continue
		}
		pr.a = int32(j)
		ids[d.ID] = pr
		if pr.b >= 0 {
			bToA[pr.b], aToB[j] = int32(j), pr.b
		}
	}
	var errs []error
	if len(errsB) > 0 {
		errs = append(errs, fmt.Errorf("%w: before: %w", ErrInvalidSnapshot, errors.Join(errsB...)))
	}
	if len(errsA) > 0 {
		errs = append(errs, fmt.Errorf("%w: after: %w", ErrInvalidSnapshot, errors.Join(errsA...)))
	}
	if !before.Taken.IsZero() && after.Taken.Before(before.Taken) {
		errs = append(errs, fmt.Errorf("%w: after snapshot taken %s, before the before snapshot %s", ErrInvalidSnapshot,
			after.Taken.Format(time.RFC3339), before.Taken.Format(time.RFC3339)))
	}
	if len(errs) > 0 {
		return Waterfall{}, errors.Join(errs...)
	}

	pp := &pmPass{before: &before, after: &after, p: p, opts: opts, lines: make([]MovementLine, 0, nb+na)}
	if opts.Conversion != nil {
		pp.currency = opts.Conversion.To
	}
	if opts.By != MovementUngrouped {
		pp.groupOf = make(map[string]int32)
	}
	for i := range before.Deals {
		if err := pp.pmClassify(int32(i), bToA[i]); err != nil {
			return Waterfall{}, err
		}
	}
	for j := range after.Deals {
		if aToB[j] >= 0 {
			continue // done with its before record
		}
		if err := pp.pmClassify(-1, int32(j)); err != nil {
			return Waterfall{}, err
		}
	}
	return pp.pmResult(), nil
}

// pmIn reports whether d (nil: absent) is in the pipeline of p.
func (pp *pmPass) pmIn(d *activity.Deal) bool {
	return d != nil && d.Status == activity.StatusOpen && !d.ExpectedCloseAt.IsZero() && pp.p.Contains(d.ExpectedCloseAt)
}

// pmAmount returns d's amount in the waterfall's currency, as of snapshot s.
func (pp *pmPass) pmAmount(d *activity.Deal, s *Snapshot) (decimal.Decimal, error) {
	c := pp.opts.Conversion
	if c == nil {
		switch {
		case pp.currency == "":
			pp.currency = d.Currency
		case d.Currency != pp.currency:
			return decimal.Decimal{}, fmt.Errorf("%w: %s and %s (deal %q)", performance.ErrMixedCurrencies,
				pp.currency, d.Currency, d.ID)
		}
		return d.Amount, nil
	}
	at := s.Taken
	if d.Status.Closed() {
		at = d.ClosedAt
	}
	v, err := c.Convert(d.Amount, d.Currency, at, pp.p)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("forecast: deal %q: %w", d.ID, err)
	}
	return v, nil
}

// pmClassify classifies the deal at position bi of the before snapshot and aj of
// the after one (−1: absent) and appends its lines.
func (pp *pmPass) pmClassify(bi, aj int32) error {
	var b, a, rawA *activity.Deal
	newReason := ReasonNotInBefore
	if bi >= 0 {
		b = &pp.before.Deals[bi]
		if b.CreatedAt.After(pp.before.Taken) {
			b, newReason = nil, ReasonCreatedSince
		}
	}
	if aj >= 0 {
		a, rawA = &pp.after.Deals[aj], &pp.after.Deals[aj]
		if a.CreatedAt.After(pp.after.Taken) {
			a = nil
		}
		if b == nil && rawA.CreatedAt.After(pp.before.Taken) {
			newReason = ReasonCreatedSince
		}
	}
	inB, inA := pp.pmIn(b), pp.pmIn(a)
	passing := !inB && !inA && a != nil && a.Status.Closed() &&
		a.ClosedAt.After(pp.before.Taken) && pp.p.Contains(a.ClosedAt)
	if !inB && !inA && !passing {
		return nil
	}
	var from, to time.Time
	if b != nil {
		from = b.ExpectedCloseAt
	}
	if a != nil {
		to = a.ExpectedCloseAt
	}
	owner := b
	if a != nil {
		owner = a
	}
	g := pp.pmGroup(owner)
	add := func(c MovementCategory, r MovementReason, amt decimal.Decimal) {
		pp.lines = append(pp.lines, MovementLine{Deal: owner.ID, Category: c, Reason: r, Amount: amt, From: from, To: to})
		pp.lineGroup = append(pp.lineGroup, g)
	}
	if inB {
		bAmt, err := pp.pmAmount(b, pp.before)
		if err != nil {
			return err
		}
		add(MovementStart, ReasonNone, bAmt)
		if a == nil {
			r := ReasonNotInAfter
			if rawA != nil {
				r = ReasonNotYetCreated
			}
			add(MovementRemoved, r, bAmt)
			return nil
		}
		aAmt, err := pp.pmAmount(a, pp.after)
		if err != nil {
			return err
		}
		switch aAmt.Cmp(bAmt) {
		case 1:
			add(MovementIncreased, ReasonNone, aAmt.Sub(bAmt))
		case -1:
			add(MovementDecreased, ReasonNone, bAmt.Sub(aAmt))
		}
		switch {
		case inA:
			add(MovementEnd, ReasonNone, aAmt)
		case a.Status == activity.StatusWon:
			add(MovementWon, ReasonNone, aAmt)
		case a.Status == activity.StatusLost:
			add(MovementLost, ReasonNone, aAmt)
		default:
			add(MovementPushedOut, pp.pmOutside(a, ReasonToLater, ReasonToEarlier, ReasonToUndated), aAmt)
		}
		return nil
	}
	aAmt, err := pp.pmAmount(a, pp.after)
	if err != nil {
		return err
	}
	switch {
	case b == nil:
		add(MovementNew, newReason, aAmt)
	case b.Status.Closed():
		add(MovementPulledIn, ReasonReopened, aAmt)
	default:
		add(MovementPulledIn, pp.pmOutside(b, ReasonFromLater, ReasonFromEarlier, ReasonFromUndated), aAmt)
	}
	switch {
	case inA:
		add(MovementEnd, ReasonNone, aAmt)
	case a.Status == activity.StatusWon:
		add(MovementWon, ReasonNone, aAmt)
	default:
		add(MovementLost, ReasonNone, aAmt)
	}
	return nil
}

// pmOutside returns which side of p the open deal d's expected close lies on.
func (pp *pmPass) pmOutside(d *activity.Deal, later, earlier, undated MovementReason) MovementReason {
	switch {
	case d.ExpectedCloseAt.IsZero():
		return undated
	case d.ExpectedCloseAt.Before(pp.p.Start):
		return earlier
	}
	return later
}

// pmGroup returns the index of d's group, −1 when ungrouped.
func (pp *pmPass) pmGroup(d *activity.Deal) int32 {
	if pp.groupOf == nil {
		return -1
	}
	key := d.Owner
	if pp.opts.By == MovementByTeam {
		key = d.Team
	}
	g, ok := pp.groupOf[key]
	if !ok {
		g = int32(len(pp.groupKeys))
		pp.groupOf[key] = g
		pp.groupKeys = append(pp.groupKeys, key)
	}
	return g
}

// pmTally is the exact fold of one scope's lines.
type pmTally struct {
	deals [pmCategories]int64
	sums  [pmCategories]exact.Sum
}

func pmNewTally(scale int32) pmTally {
	var t pmTally
	for c := range t.sums {
		t.sums[c] = exact.NewSum(scale)
	}
	return t
}

func (t *pmTally) pmAdd(c MovementCategory, amt decimal.Decimal, scale int32) {
	t.deals[c]++
	if u, ok := pmUnits(amt, scale); ok {
		t.sums[c].Add(u)
	} else {
		t.sums[c].AddDecimal(amt)
	}
}

func (t *pmTally) pmMovement() Movement {
	var m Movement
	for c := range MovementCategory(pmCategories) {
		*m.pmTotal(c) = MovementTotal{Deals: t.deals[c], Amount: t.sums[c].Decimal()}
	}
	m.Slip = pmSlip(m.Start, m.PushedOut)
	return m
}

func pmSlip(start, out MovementTotal) SlipRate {
	var s SlipRate
	if start.Deals == 0 {
		s.CountUndefined = "no deals in the start pipeline"
		s.AmountUndefined = s.CountUndefined
		return s
	}
	s.Count = float64(out.Deals) / float64(start.Deals)
	if start.Amount.IsZero() {
		s.AmountUndefined = "start pipeline amount is zero"
		return s
	}
	s.Amount = out.Amount.DivRound(start.Amount, pmSlipScale).InexactFloat64()
	return s
}

// pmPow10 holds 10^0 … 10^18.
var pmPow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// pmUnits returns d × 10^scale as an int64 when that is exact and fits.
func pmUnits(d decimal.Decimal, scale int32) (int64, bool) {
	shift := int64(scale) + int64(d.Exponent())
	if shift < 0 || shift > 18 || d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	neg := c < 0
	if neg {
		c = -c
	}
	hi, lo := bits.Mul64(uint64(c), uint64(pmPow10[shift]))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

func (pp *pmPass) pmResult() Waterfall {
	w := Waterfall{Period: pp.p, Before: pp.before.Taken, After: pp.after.Taken, Currency: pp.currency, By: pp.opts.By}
	var scale int32
	for i := range pp.lines {
		scale = max(scale, min(-pp.lines[i].Amount.Exponent(), exact.MaxScale))
	}
	total := pmNewTally(scale)
	groups := make([]pmTally, len(pp.groupKeys))
	for i := range groups {
		groups[i] = pmNewTally(scale)
	}
	for i := range pp.lines {
		l := &pp.lines[i]
		total.pmAdd(l.Category, l.Amount, scale)
		if g := pp.lineGroup[i]; g >= 0 {
			l.Group = pp.groupKeys[g]
			groups[g].pmAdd(l.Category, l.Amount, scale)
		}
	}
	w.Total = total.pmMovement()
	if pp.opts.By != MovementUngrouped {
		w.Groups = make([]MovementGroup, len(groups))
		for i := range groups {
			w.Groups[i] = MovementGroup{Key: pp.groupKeys[i], Movement: groups[i].pmMovement()}
		}
		slices.SortFunc(w.Groups, func(x, y MovementGroup) int { return strings.Compare(x.Key, y.Key) })
	}
	pmSortLines(pp.lines)
	w.Lines = pp.lines
	return w
}

// pmSortLines sorts lines by category, then deal id (one line per deal and
// category, so the order is total). It sorts 4-byte positions rather than
// the lines, bucketed by category first, then moves each line once.
func pmSortLines(lines []MovementLine) {
	var start [pmCategories + 1]int
	for i := range lines {
		start[lines[i].Category+1]++
	}
	for c := 1; c <= pmCategories; c++ {
		start[c] += start[c-1]
	}
	perm := make([]int32, len(lines)) // perm[k]: the line that goes to k
	next := start
	for i := range lines {
		c := lines[i].Category
		perm[next[c]] = int32(i)
		next[c]++
	}
	for c := range pmCategories {
		slices.SortFunc(perm[start[c]:start[c+1]], func(x, y int32) int {
			return strings.Compare(lines[x].Deal, lines[y].Deal)
		})
	}
	// Follow each cycle of the permutation, marking placed positions.
	for k := range perm {
		if perm[k] < 0 || int(perm[k]) == k {
			continue
		}
		tmp := lines[k]
		j := k
		for {
			from := int(perm[j])
			perm[j] = -1
			if from == k {
				lines[j] = tmp
				break
			}
			lines[j] = lines[from]
			j = from
		}
	}
}

// pmResolveDays returns s with its deals' close days read as the instants
// they stand for in loc, in a copy of Deals where any deal has one (the
// caller's snapshot is never modified).
func pmResolveDays(s Snapshot, loc *time.Location) Snapshot {
	i := slices.IndexFunc(s.Deals, func(d activity.Deal) bool { return !d.CloseDate.IsZero() || !d.ExpectedCloseDate.IsZero() })
	if i < 0 {
		return s
	}
	deals := slices.Clone(s.Deals)
	for j := i; j < len(deals); j++ {
		d := &deals[j]
		if d.ClosedAt.IsZero() {
			d.ClosedAt, d.CloseDate = d.CloseTime(loc), activity.Date{}
		}
		if d.ExpectedCloseAt.IsZero() {
			d.ExpectedCloseAt, d.ExpectedCloseDate = d.ExpectedCloseTime(loc), activity.Date{}
		}
	}
	s.Deals = deals
	return s
}
