package performance

import (
	"fmt"
	"strings"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Filter keeps the records a Measure reads. The zero Filter keeps every
// record. Build one with the constructors below (SegmentIs, StatusIs,
// ReachedStage, KindIs ...) and combine them with And, Or and Not; each
// knows whether it reads deals or activities, and explains itself in
// String ("segment is enterprise and reached demo"). A filter naming a
// value the index has never seen keeps no record; a stage outside the
// funnel is an error. Filters are compiled against the index once per
// pass, so testing a record costs a few integer comparisons.
type Filter struct {
	kind   filterKind
	names  []string
	status []activity.Status
	parts  []Filter
	label  string
	deal   func(ix *activity.Index, row int) bool
	act    func(ix *activity.Index, row int) bool
}

type filterKind uint8

const (
	fAll filterKind = iota
	fAnd
	fOr
	fNot
	fSegment
	fSource
	fTerritory
	fStatus
	fReached
	fEntered
	fWonAfter
	fAttribute
	fKind
	fOutcome
	fOnDeal
	fDealFunc
	fActivityFunc
)

// SegmentIs keeps deals in one of the segments.
func SegmentIs(segments ...string) Filter { return Filter{kind: fSegment, names: segments} }

// SourceIs keeps deals from one of the sources.
func SourceIs(sources ...activity.Source) Filter {
	return Filter{kind: fSource, names: names(sources)}
}

// TerritoryIs keeps deals in one of the territories.
func TerritoryIs(territories ...string) Filter {
	return Filter{kind: fTerritory, names: territories}
}

// StatusIs keeps deals with one of the statuses (activity.StatusWon ...).
func StatusIs(statuses ...activity.Status) Filter { return Filter{kind: fStatus, status: statuses} }

// AttributeIs keeps deals whose host attribute name has one of the values
// ("" keeps deals without it).
func AttributeIs(name string, values ...string) Filter {
	return Filter{kind: fAttribute, label: name, names: values}
}

// ReachedStage keeps deals that reached the open stage by the default
// rule of funnels (ReachedOrLater), which infers passage: the deal was
// shown in that stage or a later open one (its creation stage, every stage
// it moved to, the stage it was lost from), or it was won. So every won
// deal counts as having reached every open stage, even one its history
// never shows: "won after a demo" written with ReachedStage counts wins
// that had no demo. It is the reading of FunnelOf and CloseRate under
// ReachedOrLater (and equals them); for what the stage history shows, use
// EnteredStage and WonAfterStage. The stage must be an open stage of the
// index's funnel.
func ReachedStage(stage activity.Stage) Filter {
	return Filter{kind: fReached, names: []string{string(stage)}}
}

// EnteredStage keeps deals whose stage history shows them in stage: the
// stage they were created in (the first change's From, or the current
// stage of a deal without history), a stage they moved to, or the stage
// they are in now. Nothing is inferred: a deal won straight from
// prospecting did not enter demo, and a skipped stage is not entered. With
// a funnel, the stage must be one of its stages; without one, a stage the
// index never saw keeps no deal.
func EnteredStage(stage activity.Stage) Filter {
	return Filter{kind: fEntered, names: []string{string(stage)}}
}

// WonAfterStage keeps won deals whose stage history shows them in stage
// before they were won: created in it or moved to it before the first move
// to a won stage (in the history's order: by time, then input order), or,
// where the history records no move to a won stage (or the index has no
// funnel to say which stages are won), at any point in it. It
// is the numerator of "won after a demo", over the denominator
// EnteredStage(demo). Stage rules as EnteredStage.
func WonAfterStage(stage activity.Stage) Filter {
	return Filter{kind: fWonAfter, names: []string{string(stage)}}
}

// KindIs keeps activities of one of the kinds ("call", "demo" ...).
func KindIs(kinds ...activity.Kind) Filter { return Filter{kind: fKind, names: names(kinds)} }

// OutcomeIs keeps activities with one of the outcomes ("connected" ...).
func OutcomeIs(outcomes ...activity.Outcome) Filter {
	return Filter{kind: fOutcome, names: names(outcomes)}
}

func names[S ~string](xs []S) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// OnDeal keeps activities tied to a deal.
func OnDeal() Filter { return Filter{kind: fOnDeal} }

// DealsWhere keeps the deals for which keep, given the index and the deal's
// row (read it with ix.DealID, ix.DealStatus, ix.DealAttribute ... or
// ix.Deal), returns true; label explains it. It is the same predicate
// activity.View.DealsWhere takes.
func DealsWhere(label string, keep func(ix *activity.Index, row int) bool) Filter {
	return Filter{kind: fDealFunc, label: label, deal: keep}
}

// ActivitiesWhere keeps the activities for which keep, given the index and
// the activity's row (read it with ix.ActivityRep, ix.ActivityKind ... or
// ix.Activity), returns true; label explains it. It is the same predicate
// activity.View.ActivitiesWhere takes.
func ActivitiesWhere(label string, keep func(ix *activity.Index, row int) bool) Filter {
	return Filter{kind: fActivityFunc, label: label, act: keep}
}

// And keeps the records every filter keeps.
func And(filters ...Filter) Filter { return Filter{kind: fAnd, parts: filters} }

// Or keeps the records any filter keeps.
func Or(filters ...Filter) Filter { return Filter{kind: fOr, parts: filters} }

// Not keeps the records f does not keep.
func Not(f Filter) Filter { return Filter{kind: fNot, parts: []Filter{f}} }

// reads returns what records the filter reads (0 for either).
func (f Filter) reads() RecordKind {
	switch f.kind {
	case fSegment, fSource, fTerritory, fStatus, fReached, fEntered, fWonAfter, fAttribute, fDealFunc:
		return DealRecords
	case fKind, fOutcome, fOnDeal, fActivityFunc:
		return ActivityRecords
	}
	return 0
}

// validate reports a filter for the other kind of record, an empty
// combination, a function filter without a function, and statuses that
// are not open, won or lost.
func (f Filter) validate(of RecordKind) error {
	switch f.kind {
	case fAll:
		return nil
	case fAnd, fOr, fNot:
		if len(f.parts) == 0 {
			return fmt.Errorf("%w: an empty %s filter", ErrInvalidOptions, f.kind.word())
		}
		for _, p := range f.parts {
			if err := p.validate(of); err != nil {
				return err
			}
		}
		return nil
	case fDealFunc, fActivityFunc:
		if f.deal == nil && f.act == nil {
			return fmt.Errorf("%w: filter %q has no function", ErrInvalidOptions, f.label)
		}
	case fStatus:
		for _, s := range f.status {
			if s < activity.StatusOpen || s > activity.StatusLost {
				return fmt.Errorf("%w: filter on status %v", ErrInvalidOptions, s)
			}
		}
	case fAttribute:
		if f.label == "" {
			return fmt.Errorf("%w: an attribute filter needs the attribute's name", ErrInvalidOptions)
		}
	}
	if r := f.reads(); r != of {
		return fmt.Errorf("%w: filter %q reads %v, the measure %v", ErrInvalidOptions, f.String(), r, of)
	}
	return nil
}

func (k filterKind) word() string {
	switch k {
	case fAnd:
		return "and"
	case fOr:
		return "or"
	}
	return "not"
}

// String explains the filter: "segment is enterprise and reached demo".
func (f Filter) String() string {
	list := func(what string, names []string) string {
		if len(names) == 1 {
			return what + " is " + names[0]
		}
		return what + " is one of " + strings.Join(names, ", ")
	}
	switch f.kind {
	case fAll:
		return "all"
	case fAnd, fOr:
		parts := make([]string, len(f.parts))
		for i, p := range f.parts {
			parts[i] = p.String()
			if p.kind == fAnd || p.kind == fOr {
				parts[i] = "(" + parts[i] + ")"
			}
		}
		return strings.Join(parts, " "+f.kind.word()+" ")
	case fNot:
		if len(f.parts) == 1 {
			return "not (" + f.parts[0].String() + ")"
		}
		return "not ()"
	case fSegment:
		return list("segment", f.names)
	case fSource:
		return list("source", f.names)
	case fTerritory:
		return list("territory", f.names)
	case fStatus:
		names := make([]string, len(f.status))
		for i, s := range f.status {
			names[i] = s.String()
		}
		return list("status", names)
	case fReached:
		return "reached " + f.names[0]
	case fEntered:
		return "entered " + f.names[0]
	case fWonAfter:
		return "won after " + f.names[0]
	case fAttribute:
		return list("attribute "+f.label, f.names)
	case fKind:
		return list("kind", f.names)
	case fOutcome:
		return list("outcome", f.names)
	case fOnDeal:
		return "on a deal"
	}
	return f.label
}

// MarshalText writes String: a metric's JSON explains its filters; it is
// not read back.
func (f Filter) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// compile returns the filter as a test of a row of records of kind of.
func (f Filter) compile(ix *activity.Index, of RecordKind) (func(row int) bool, error) {
	keys := func(d *activity.Dict, col []activity.Key) func(int) bool {
		want := make([]bool, d.Len())
		for _, n := range f.names {
			if k, ok := d.Key(n); ok && k >= 0 {
				want[k] = true
			}
		}
		return func(r int) bool { k := col[r]; return k >= 0 && want[k] }
	}
	switch f.kind {
	case fAll:
		return func(int) bool { return true }, nil
	case fAnd, fOr:
		parts := make([]func(int) bool, len(f.parts))
		for i, p := range f.parts {
			c, err := p.compile(ix, of)
			if err != nil {
				return nil, err
			}
			parts[i] = c
		}
		if f.kind == fAnd {
			return func(r int) bool {
				for _, p := range parts {
					if !p(r) {
						return false
					}
				}
				return true
			}, nil
		}
		return func(r int) bool {
			for _, p := range parts {
				if p(r) {
					return true
				}
			}
			return false
		}, nil
	case fNot:
		c, err := f.parts[0].compile(ix, of)
		if err != nil {
			return nil, err
		}
		return func(r int) bool { return !c(r) }, nil
	case fSegment:
		return keys(ix.Segments(), ixcols.DealsOf(ix).Segment), nil
	case fSource:
		return keys(ix.Sources(), ixcols.DealsOf(ix).Source), nil
	case fTerritory:
		return keys(ix.Territories(), ixcols.DealsOf(ix).Territory), nil
	case fKind:
		return keys(ix.Kinds(), ixcols.ActivitiesOf(ix).Kind), nil
	case fOutcome:
		return keys(ix.Outcomes(), ixcols.ActivitiesOf(ix).Outcome), nil
	case fStatus:
		var want [4]bool
		for _, s := range f.status {
			want[s] = true
		}
		st := ixcols.DealsOf(ix).Status
		return func(r int) bool { return want[st[r]&3] && st[r] <= activity.StatusLost }, nil
	case fOnDeal:
		deal := ixcols.ActivitiesOf(ix).Deal
		return func(r int) bool { return deal[r] >= 0 }, nil
	case fAttribute:
		want := make(map[string]bool, len(f.names))
		for _, n := range f.names {
			want[n] = true
		}
		attrs := ixcols.DealsOf(ix).Attributes
		return func(r int) bool { return want[attrs[r][f.label]] }, nil
	case fReached:
		return reachedStage(ix, activity.Stage(f.names[0]))
	case fEntered, fWonAfter:
		return enteredStage(ix, activity.Stage(f.names[0]), f.kind == fWonAfter)
	case fDealFunc:
		return func(r int) bool { return f.deal(ix, r) }, nil
	case fActivityFunc:
		return func(r int) bool { return f.act(ix, r) }, nil
	}
	return nil, fmt.Errorf("%w: filter kind %d", ErrInvalidOptions, f.kind)
}

// reachedStage compiles ReachedStage: stage keys are in funnel order, so a
// deal reached open stage k when the furthest open stage it was shown in
// has a key of k or more, or it was won.
func reachedStage(ix *activity.Index, stage activity.Stage) (func(int) bool, error) {
	k, ok := ix.Stages().Key(string(stage))
	if !ok || k < 0 || ix.StageWon(k) || ix.StageLost(k) {
		return nil, fmt.Errorf("%w: %q is not an open stage of the funnel", ErrInvalidOptions, stage)
	}
	d, sc := ixcols.DealsOf(ix), ixcols.StageChangesOf(ix)
	open := func(s activity.Key) bool { return s >= 0 && !ix.StageWon(s) && !ix.StageLost(s) }
	first := activity.Key(0)
	for !open(first) {
		first++
	}
	return func(r int) bool {
		if d.Status[r] == activity.StatusWon {
			return true
		}
		if open(d.Stage[r]) && d.Stage[r] >= k {
			return true
		}
		lo, hi := sc.Of(int32(r))
		if lo == hi {
			// No history: a lost deal is taken to have been in the first
			// open stage, as the funnel takes it.
			return d.Status[r] == activity.StatusLost && k == first
		}
		for c := lo; c < hi; c++ {
			if (open(sc.From[c]) && sc.From[c] >= k) || (open(sc.To[c]) && sc.To[c] >= k) {
				return true
			}
		}
		return false
	}, nil
}

// enteredStage compiles EnteredStage and, with wonAfter, WonAfterStage, by
// walking each deal's stage history.
func enteredStage(ix *activity.Index, stage activity.Stage, wonAfter bool) (func(int) bool, error) {
	k, ok := ix.Stages().Key(string(stage))
	if stage == "" || (!ok && len(ix.Funnel().Stages) > 0) {
		return nil, fmt.Errorf("%w: %q is not a stage of the funnel", ErrInvalidOptions, stage)
	}
	if !ok {
		return func(int) bool { return false }, nil
	}
	d, sc := ixcols.DealsOf(ix), ixcols.StageChangesOf(ix)
	return func(r int) bool {
		if wonAfter && d.Status[r] != activity.StatusWon {
			return false
		}
		lo, hi := sc.Of(int32(r))
		if lo == hi {
			// No history: the deal was only ever in its current stage, and a
			// won deal without history was never shown before its win.
			return !wonAfter && d.Stage[r] == k
		}
		entered := sc.From[lo] == k
		for c := lo; c < hi; c++ {
			if wonAfter && ix.StageWon(sc.To[c]) {
				return entered
			}
			if sc.To[c] == k {
				entered = true
			}
		}
		return entered || (!wonAfter && d.Stage[r] == k)
	}, nil
}
