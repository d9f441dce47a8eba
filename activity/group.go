package activity

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/internal/enumtext"
)

// Dimension is what a breakdown groups records by. Each KPI's By function
// says which dimensions it accepts: deal KPIs take every dimension but
// DimensionKind; activity KPIs take rep, team, kind and period; survey and
// subscription KPIs take the few their records carry.
type Dimension uint8

// Dimensions. The zero value is invalid.
const (
	DimensionRep       Dimension = iota + 1 // a deal's owner, an activity's rep
	DimensionTeam                           // the team (the index's team rule)
	DimensionTerritory                      // a deal's territory
	DimensionSource                         // a deal's source
	DimensionSegment                        // a deal's (or a survey response's) segment
	DimensionKind                           // an activity's kind
	DimensionAttribute                      // a host attribute of a deal (By.Attribute)
	DimensionPeriod                         // the calendar period of the KPI's date (By.Calendar, By.Granularity)
)

var dimensionNames = [...]string{"", "rep", "team", "territory", "source", "segment", "kind", "attribute", "period"}

// String returns "rep", "team", "territory", "source", "segment", "kind",
// "attribute" or "period".
func (d Dimension) String() string {
	if d > 0 && int(d) < len(dimensionNames) {
		return dimensionNames[d]
	}
	return fmt.Sprintf("Dimension(%d)", uint8(d))
}

// MarshalText writes String.
func (d Dimension) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (d *Dimension) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, DimensionRep, DimensionPeriod, Dimension.MarshalText)
	if !ok {
		return fmt.Errorf("%w: dimension %q", ErrInvalidOptions, text)
	}
	*d = v
	return nil
}

// By says how a breakdown groups records: by a Dimension, by a host
// attribute (DimensionAttribute with the attribute's name), or by the
// periods of a calendar (DimensionPeriod with a Calendar and a Granularity;
// zero Granularity means months). A record without the value (no team, no
// such attribute) groups under the empty key "". Build one with ByRep,
// ByTeam, ByTerritory, BySource, BySegment, ByKind, ByAttribute or
// ByPeriod; the zero By is invalid.
//
// Total asks for a total row as well: the breakdown's groups are followed by
// one more, marked Group.Total, holding the KPI over the whole view and
// period exactly as the KPI's plain function returns it (DealSizeOf for
// DealSizeBy), so a report's per-group rows and its total come from one
// call. Where every record the KPI counts falls in one group (always, for a
// dimension: records without the value make the group ""), the total is
// merged from the groups' tallies, in the same pass; otherwise it costs one
// pass more. Breakdowns that do not return groups (subscription movements,
// renewals, cohorts) refuse Total with an error wrapping ErrInvalidOptions.
type By struct {
	Dimension   Dimension   `json:"dimension"`
	Attribute   string      `json:"attribute,omitempty"`
	Calendar    Calendar    `json:"-"`
	Granularity Granularity `json:"granularity,omitempty"`
	Total       bool        `json:"total,omitempty"`
}

// WithTotal returns b asking for a total row too (see By.Total).
func (b By) WithTotal() By {
	b.Total = true
	return b
}

// ByRep groups by rep: a deal's owner, an activity's rep.
func ByRep() By { return By{Dimension: DimensionRep} }

// ByTeam groups by team: a deal's team under the index's team rule, an
// activity's team (the record's, else the roster's).
func ByTeam() By { return By{Dimension: DimensionTeam} }

// ByTerritory groups deals by territory.
func ByTerritory() By { return By{Dimension: DimensionTerritory} }

// BySource groups deals by source.
func BySource() By { return By{Dimension: DimensionSource} }

// BySegment groups deals (or survey responses) by segment.
func BySegment() By { return By{Dimension: DimensionSegment} }

// ByKind groups activities by kind.
func ByKind() By { return By{Dimension: DimensionKind} }

// ByAttribute groups deals by the value of the host attribute name.
func ByAttribute(name string) By { return By{Dimension: DimensionAttribute, Attribute: name} }

// ByPeriod groups by the periods of cal at granularity g (zero: months)
// that overlap the KPI's period, each clipped to it, in time order.
func ByPeriod(cal Calendar, g Granularity) By {
	return By{Dimension: DimensionPeriod, Calendar: cal, Granularity: g}
}

// Validate reports an unknown dimension, DimensionAttribute without a name,
// or a period breakdown with an invalid calendar or granularity, wrapping
// ErrInvalidOptions (or the calendar's own error).
func (b By) Validate() error {
	switch {
	case b.Dimension == 0 || int(b.Dimension) >= len(dimensionNames):
		return fmt.Errorf("%w: group by %v", ErrInvalidOptions, b.Dimension)
	case b.Dimension == DimensionAttribute && b.Attribute == "":
		return fmt.Errorf("%w: group by attribute needs the attribute's name", ErrInvalidOptions)
	case b.Dimension == DimensionPeriod:
		if err := b.Calendar.Validate(); err != nil {
			return err
		}
		if _, err := b.Calendar.PeriodOf(b.Grain(), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
	}
	return nil
}

// Grain returns the granularity of a period breakdown: Granularity, or
// Monthly when it is zero.
func (b By) Grain() Granularity {
	if b.Granularity == 0 {
		return Monthly
	}
	return b.Granularity
}

// String names the grouping: "rep", "team", "attribute region", "month".
func (b By) String() string {
	switch b.Dimension {
	case DimensionAttribute:
		return "attribute " + b.Attribute
	case DimensionPeriod:
		return b.Grain().String()
	}
	return b.Dimension.String()
}

// Group is one group of a breakdown: its key and the KPI's result over the
// group's records, or, where the KPI is undefined for the group (a new rep
// with no closed deal), the reason, with Result holding what was counted.
//
// The total row of a breakdown asked for with By.Total is a Group too, the
// last, with Total set and the empty Key: tell it from the group of records
// without a value (also keyed "") by Total, not by Key.
type Group[R any] struct {
	Key       string `json:"key"`
	Result    R      `json:"result"`
	Undefined string `json:"undefined,omitempty"`
	Total     bool   `json:"total,omitempty"`
}
