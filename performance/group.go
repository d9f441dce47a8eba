package performance

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// grouper maps a deal row (and, for periods, the KPI's date) to a group.
type grouper struct {
	by      activity.By
	ix      *activity.Index
	col     []activity.Key // dictionary dimensions
	dict    *activity.Dict
	attrs   map[string]int
	attrCol []map[string]string // the deals' attributes, for attribute groups
	names   []string
	starts  []int64 // period dimension: period starts, ascending
	ends    []int64
}

// newGrouper prepares the groups of by over period p.
func newGrouper(ix *activity.Index, by activity.By, p activity.Period) (*grouper, error) {
	if err := checkBy(by); err != nil {
		return nil, err
	}
	if by.Dimension == activity.DimensionKind {
		return nil, fmt.Errorf("%w: deals have no kind to group by", ErrInvalidOptions)
	}
	g := &grouper{by: by, ix: ix}
	d := ixcols.DealsOf(ix)
	switch by.Dimension {
	case activity.DimensionRep:
		g.col, g.dict = d.Owner, ix.Reps()
	case activity.DimensionTeam:
		g.col, g.dict = d.Team, ix.Teams()
	case activity.DimensionTerritory:
		g.col, g.dict = d.Territory, ix.Territories()
	case activity.DimensionSource:
		g.col, g.dict = d.Source, ix.Sources()
	case activity.DimensionSegment:
		g.col, g.dict = d.Segment, ix.Segments()
	case activity.DimensionAttribute:
		g.attrs = make(map[string]int)
		g.attrCol = ixcols.DealsOf(ix).Attributes
	case activity.DimensionPeriod:
		// The calendar's periods within p (clipped to it: a KPI's dates
		// outside p are not counted anyway); more than MaxPeriods is an
		// error before the groups are made.
		periods, err := by.Calendar.PeriodsWithin(by.Grain(), p)
		if err != nil {
			return nil, err
		}
		for _, q := range periods {
			g.starts = append(g.starts, ixcols.Nanos(q.Start))
			g.ends = append(g.ends, ixcols.Nanos(q.End))
			g.names = append(g.names, q.Name)
		}
	}
	if g.dict != nil {
		g.names = append([]string{""}, g.dict.Names()...)
	}
	return g, nil
}

// size returns how many groups there can be before the pass (attributes
// grow as met).
func (g *grouper) size() int { return len(g.names) }

// of returns the group of deal row at the KPI's date at (Unix nanoseconds),
// or −1 when a period breakdown has no period holding at.
func (g *grouper) of(row int32, at int64) int {
	switch {
	case g.col != nil:
		return int(g.col[row]) + 1
	case g.attrs != nil:
		v := g.attrCol[row][g.by.Attribute]
		i, ok := g.attrs[v]
		if !ok {
			i = len(g.names)
			g.attrs[v] = i
			g.names = append(g.names, v)
		}
		return i
	}
	i, found := slices.BinarySearch(g.starts, at)
	if !found {
		i--
	}
	if i < 0 || at >= g.ends[i] {
		return -1
	}
	return i
}

// period returns the calendar period of group i clipped to p.
func (g *grouper) period(i int, p activity.Period) activity.Period {
	if g.by.Dimension != activity.DimensionPeriod {
		return p
	}
	q := activity.Period{Start: fromNanos(g.starts[i], p.Start), End: fromNanos(g.ends[i], p.Start), Name: g.names[i]}
	if q.Start.Before(p.Start) {
		q.Start = p.Start
	}
	if q.End.After(p.End) {
		q.End = p.End
	}
	return q
}

// order returns the groups to report, in key order (periods in time order),
// leaving out those no deal reached (except periods, which are all listed).
func (g *grouper) order(seen func(i int) bool) []int {
	var out []int
	for i := range g.names {
		if g.by.Dimension == activity.DimensionPeriod || seen(i) {
			out = append(out, i)
		}
	}
	if g.by.Dimension != activity.DimensionPeriod {
		slices.SortFunc(out, func(a, b int) int { return cmp.Compare(g.names[a], g.names[b]) })
	}
	return out
}

func (g *grouper) scope(v activity.View, i int) string { return g.scopeOf(v, g.names[i]) }

func (g *grouper) scopeOf(v activity.View, key string) string {
	return v.Label() + " / " + strings.ReplaceAll(g.by.String(), " ", "=") + "=" + key
}

// checkBy validates a breakdown's grouping; an invalid one wraps both
// ErrInvalidOptions and what activity.By.Validate reports.
func checkBy(by activity.By) error {
	if err := by.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	return nil
}

// groupResults turns the tallies of a breakdown into groups: results in key
// order, undefined groups marked, whole-call errors returned.
func groupResults[T any, R any](v activity.View, p activity.Period, g *grouper, ts []T, seen func(*T) bool,
	result func(*T, string, activity.Period) (R, error)) ([]activity.Group[R], error) {
	var out []activity.Group[R]
	for _, i := range g.order(func(i int) bool { return i < len(ts) && seen(&ts[i]) }) {
		var t T
		if i < len(ts) {
			t = ts[i]
		}
		r, err := result(&t, g.scope(v, i), g.period(i, p))
		group, err := groupOf(g.names[i], r, err)
		if err != nil {
			return nil, err
		}
		out = append(out, group)
	}
	return out, nil
}

// groupOf is the group of key with result r: undefined (saying why) when
// err only says the KPI is undefined there; other errors are returned.
func groupOf[R any](key string, r R, err error) (activity.Group[R], error) {
	group := activity.Group[R]{Key: key, Result: r}
	switch {
	case err == nil:
	case isUndefined(err):
		group.Undefined = err.Error()
	default:
		return group, err
	}
	return group, nil
}

// kpi is the shape the deal KPIs share: a pass over the view that fills a
// tally per group of a grouper (one tally for the whole view when the
// grouper is nil), whether a tally saw any deal, and a tally's result. Of
// and by give the KPI and its breakdown from the one definition.
type kpi[T, R any] struct {
	pass   func(g *grouper) ([]T, error)
	seen   func(t *T) bool
	result func(t *T, scope string, q activity.Period) (R, error)
	merge  func(t, o *T) // the tally's Merge, for a breakdown's total
	// total, when set, makes a breakdown's total from the groups' tallies
	// instead of merging them; done, when set, runs once the results are
	// made (the tallies are not read after it).
	total func(ts []T) T
	done  func()
}

// of returns the KPI over the whole view.
func (k kpi[T, R]) of(v activity.View, p activity.Period) (R, error) {
	ts, err := k.pass(nil)
	if k.done != nil {
		defer k.done()
	}
	if err != nil {
		var zero R
		return zero, err
	}
	return k.result(&ts[0], v.Label(), p)
}

// by returns the KPI of every group of by, in one pass (see groupResults).
func (k kpi[T, R]) by(v activity.View, p activity.Period, by activity.By) ([]activity.Group[R], error) {
	g, err := newGrouper(v.Index(), by, p)
	if err != nil {
		return nil, err
	}
	ts, err := k.pass(g)
	if k.done != nil {
		defer k.done()
	}
	if err != nil {
		return nil, err
	}
	out, err := groupResults(v, p, g, ts, k.seen, k.result)
	if err != nil || !by.Total {
		return out, err
	}
	// Every deal the KPI counts is in one group (periods cover p), so the
	// total is the groups' tallies merged, into the first: the groups'
	// results are made already.
	if len(ts) == 0 {
		r, err := k.of(v, p)
		return appendTotal(out, r, err)
	}
	total := &ts[0]
	if k.total != nil {
		t := k.total(ts)
		total = &t
	} else {
		for i := 1; i < len(ts); i++ {
			k.merge(&ts[0], &ts[i])
		}
	}
	r, err := k.result(total, v.Label(), p)
	return appendTotal(out, r, err)
}

// appendTotal appends a breakdown's total row, the KPI over the whole view
// (r, or undefined for err's reason), to out.
func appendTotal[R any](out []activity.Group[R], r R, err error) ([]activity.Group[R], error) {
	group, err := groupOf("", r, err)
	if err != nil {
		return nil, err
	}
	group.Total = true
	return append(out, group), nil
}
