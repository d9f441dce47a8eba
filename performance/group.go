package performance

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Dimension is what a breakdown groups deals by.
type Dimension uint8

// Dimensions. The zero value is invalid.
const (
	Rep       Dimension = iota + 1 // the deal's owner
	Team                           // the deal's team (the index's team rule)
	Territory                      // the deal's territory
	Source                         // the deal's source
	Segment                        // the deal's segment
	Attribute                      // a host attribute of the deal (By.Attribute)
	Period                         // the calendar period of the KPI's date (By.Calendar, By.Granularity)
)

var dimensionNames = [...]string{"", "rep", "team", "territory", "source", "segment", "attribute", "period"}

// String returns "rep", "team", "territory", "source", "segment",
// "attribute" or "period".
func (d Dimension) String() string {
	if d > 0 && int(d) < len(dimensionNames) {
		return dimensionNames[d]
	}
	return fmt.Sprintf("Dimension(%d)", uint8(d))
}

// By says how a breakdown groups deals: by a Dimension, by a host attribute
// (Dimension Attribute with the attribute's name), or by the periods of a
// calendar (Dimension Period with a Calendar and a Granularity; zero
// Granularity means months). A deal without the value (no team, no such
// attribute) groups under the empty key "".
type By struct {
	Dimension   Dimension
	Attribute   string
	Calendar    activity.Calendar
	Granularity activity.Granularity
}

// Validate reports an unknown dimension, Attribute without a name, or a
// Period breakdown with an invalid calendar or granularity.
func (b By) Validate() error {
	switch {
	case b.Dimension == 0 || int(b.Dimension) >= len(dimensionNames):
		return fmt.Errorf("%w: group by %v", ErrInvalidOptions, b.Dimension)
	case b.Dimension == Attribute && b.Attribute == "":
		return fmt.Errorf("%w: group by attribute needs the attribute's name", ErrInvalidOptions)
	case b.Dimension == Period:
		if err := b.Calendar.Validate(); err != nil {
			return err
		}
		if _, err := b.Calendar.PeriodOf(b.granularity(), timeZero); err != nil {
			return err
		}
	}
	return nil
}

func (b By) granularity() activity.Granularity {
	if b.Granularity == 0 {
		return activity.Monthly
	}
	return b.Granularity
}

// String names the grouping: "rep", "team", "attribute region", "month".
func (b By) String() string {
	switch b.Dimension {
	case Attribute:
		return "attribute " + b.Attribute
	case Period:
		return b.granularity().String()
	}
	return b.Dimension.String()
}

// Group is one group of a breakdown: its key and the KPI's result over the
// group's deals, or, where the KPI is undefined for the group (a new rep
// with no closed deal), the reason, with Result holding what was counted.
type Group[R any] struct {
	Key       string `json:"key"`
	Result    R      `json:"result"`
	Undefined string `json:"undefined,omitempty"`
}

// grouper maps a deal row (and, for periods, the KPI's date) to a group.
type grouper struct {
	by     By
	ix     *activity.Index
	col    []activity.Key // dictionary dimensions
	dict   *activity.Dict
	attrs  map[string]int
	names  []string
	starts []int64 // period dimension: period starts, ascending
	ends   []int64
}

// newGrouper prepares the groups of by over period p.
func newGrouper(ix *activity.Index, by By, p activity.Period) (*grouper, error) {
	if err := by.Validate(); err != nil {
		return nil, err
	}
	g := &grouper{by: by, ix: ix}
	d := &ix.Deals
	switch by.Dimension {
	case Rep:
		g.col, g.dict = d.Owner, &ix.Reps
	case Team:
		g.col, g.dict = d.Team, &ix.Teams
	case Territory:
		g.col, g.dict = d.Territory, &ix.Territories
	case Source:
		g.col, g.dict = d.Source, &ix.Sources
	case Segment:
		g.col, g.dict = d.Segment, &ix.Segments
	case Attribute:
		g.attrs = make(map[string]int)
	case Period:
		for q := range by.Calendar.Periods(by.granularity(), p.Start, p.End) {
			g.starts = append(g.starts, activity.Nanos(q.Start))
			g.ends = append(g.ends, activity.Nanos(q.End))
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
		v := g.ix.Deals.Attributes[row][g.by.Attribute]
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
	if g.by.Dimension != Period {
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
		if g.by.Dimension == Period || seen(i) {
			out = append(out, i)
		}
	}
	if g.by.Dimension != Period {
		slices.SortFunc(out, func(a, b int) int { return cmp.Compare(g.names[a], g.names[b]) })
	}
	return out
}

func (g *grouper) scope(v activity.View, i int) string { return g.scopeOf(v, g.names[i]) }

func (g *grouper) scopeOf(v activity.View, key string) string {
	return v.Label() + " / " + strings.ReplaceAll(g.by.String(), " ", "=") + "=" + key
}
