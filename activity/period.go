package activity

import (
	"encoding/json"
	"fmt"
	"time"
)

// Period is a half-open interval of time [Start, End) with a name a person
// reads ("FY2025 Q1", "2025-03", "2025-W07").
//
// An instant t is in the period when Start <= t < End. The zero Period is
// empty and contains nothing.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Name  string    `json:"name,omitempty"`
}

// Contains reports whether Start <= t < End.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && t.Before(p.End)
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool {
	return p.Start.IsZero() && p.End.IsZero() && p.Name == ""
}

// Duration is End − Start in elapsed time. Across a daylight-saving change a
// local day is 23 or 25 hours, so a month's Duration is not always a whole
// number of 24-hour days.
func (p Period) Duration() time.Duration {
	return p.End.Sub(p.Start)
}

// Validate reports an error wrapping ErrInvalidPeriod when either end is the
// zero time or End is not after Start.
func (p Period) Validate() error {
	switch {
	case p.Start.IsZero() || p.End.IsZero():
		return fmt.Errorf("%w: %s has a zero start or end", ErrInvalidPeriod, p)
	case !p.End.After(p.Start):
		return fmt.Errorf("%w: %s ends before it starts", ErrInvalidPeriod, p)
	}
	return nil
}

// String returns the name followed by the interval, as
// "FY2025 Q1 [2024-02-01T00:00:00-05:00, 2024-05-01T00:00:00-04:00)".
func (p Period) String() string {
	iv := "[" + p.Start.Format(time.RFC3339) + ", " + p.End.Format(time.RFC3339) + ")"
	if p.Name == "" {
		return iv
	}
	return p.Name + " " + iv
}

// UnmarshalJSON reads a period, with its ends in any form ParseTime reads.
func (p *Period) UnmarshalJSON(b []byte) error {
	type plain Period
	aux := struct {
		*plain
		Start jsonTime `json:"start"`
		End   jsonTime `json:"end"`
	}{(*plain)(p), jsonTime{&p.Start}, jsonTime{&p.End}}
	return json.Unmarshal(b, &aux)
}
