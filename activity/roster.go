package activity

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Rep is one person on the roster. Assignments are effective-dated: each says
// which team, manager and territory the rep had over [From, Until), so a deal
// is credited to the team the rep was in when it happened. HiredAt and LeftAt
// are optional (zero: unknown, still employed).
//
// Ramp is the fraction of full productivity, and so of full quota, in each
// tenure month: Ramp[0] for the first month after hire, Ramp[1] for the
// second, and 1 from month len(Ramp)+1 on. A common schedule is 0, 0.25,
// 0.5, 0.75.
type Rep struct {
	ID          string            `json:"id"`
	Name        string            `json:"name,omitempty"`
	HiredAt     time.Time         `json:"hired_at,omitzero"`
	LeftAt      time.Time         `json:"left_at,omitzero"`
	Assignments []Assignment      `json:"assignments,omitempty"`
	Ramp        []decimal.Decimal `json:"ramp,omitempty"`
}

// Assignment is what a rep's team, manager and territory were over the
// half-open interval [From, Until). A zero Until is open-ended. Manager is
// the host's name or id for the manager; it need not be on the roster.
type Assignment struct {
	From      time.Time `json:"from"`
	Until     time.Time `json:"until,omitzero"`
	Team      string    `json:"team,omitempty"`
	Manager   string    `json:"manager,omitempty"`
	Territory string    `json:"territory,omitempty"`
}

// Contains reports whether From <= t and, when Until is set, t < Until.
func (a Assignment) Contains(t time.Time) bool {
	return !t.Before(a.From) && (a.Until.IsZero() || t.Before(a.Until))
}

// UnmarshalJSON reads an assignment, with times in any form ParseTime reads.
func (a *Assignment) UnmarshalJSON(b []byte) error {
	type plain Assignment
	aux := struct {
		*plain
		From  jsonTime `json:"from"`
		Until jsonTime `json:"until"`
	}{(*plain)(a), jsonTime{&a.From}, jsonTime{&a.Until}}
	return json.Unmarshal(b, &aux)
}

// MarshalJSON writes the rep with ramp fractions as strings of exact digits.
func (r Rep) MarshalJSON() ([]byte, error) {
	type plain Rep
	ramp := make([]json.RawMessage, len(r.Ramp))
	for i, f := range r.Ramp {
		ramp[i] = dec.AppendJSON(nil, f)
	}
	return json.Marshal(struct {
		plain
		Ramp []json.RawMessage `json:"ramp,omitempty"`
	}{plain(r), ramp})
}

// UnmarshalJSON reads a rep, with times in any form ParseTime reads.
func (r *Rep) UnmarshalJSON(b []byte) error {
	type plain Rep
	aux := struct {
		*plain
		HiredAt jsonTime `json:"hired_at"`
		LeftAt  jsonTime `json:"left_at"`
	}{(*plain)(r), jsonTime{&r.HiredAt}, jsonTime{&r.LeftAt}}
	return json.Unmarshal(b, &aux)
}

// At returns the assignment in force at t, if any. With overlapping
// assignments (which Validate rejects) the first in input order wins.
func (r Rep) At(t time.Time) (Assignment, bool) {
	for _, a := range r.Assignments {
		if a.Contains(t) {
			return a, true
		}
	}
	return Assignment{}, false
}

// TenureMonth returns which month of tenure t falls in: 1 from HiredAt up to
// the same day of the next month, 2 after that, and so on, counted on the
// calendar dates of HiredAt's location (a hire on 31 January starts month 2
// on the last day of February). It returns 0 when HiredAt is unknown or t is
// before it.
func (r Rep) TenureMonth(t time.Time) int {
	if r.HiredAt.IsZero() || t.Before(r.HiredAt) {
		return 0
	}
	h := r.HiredAt
	t = t.In(h.Location())
	months := (t.Year()-h.Year())*12 + int(t.Month()) - int(h.Month())
	// The month is complete only once t reaches the anniversary day (clamped
	// to the month's length) at the hire's time of day.
	if t.Before(addMonthsClamped(h, months)) {
		months--
	}
	return months + 1
}

// addMonthsClamped adds n months to t, clamping the day to the target month's
// length (31 January + 1 month = 28 or 29 February), unlike time.AddDate.
func addMonthsClamped(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	d = min(d, last)
	return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// RampFactor returns the rep's ramp fraction at t: Ramp[TenureMonth(t)−1],
// or 1 once the schedule is done or when there is none. Before the hire date
// or with no hire date and a schedule, it returns 0 and false.
func (r Rep) RampFactor(t time.Time) (decimal.Decimal, bool) {
	if len(r.Ramp) == 0 {
		return decimalOne, true
	}
	m := r.TenureMonth(t)
	switch {
	case m == 0:
		return decimal.Decimal{}, false
	case m > len(r.Ramp):
		return decimalOne, true
	}
	return r.Ramp[m-1], true
}

// Validate reports an empty id, a leave before the hire, an assignment with
// a zero From or an Until not after From, overlapping assignments, and ramp
// fractions outside [0, 1].
func (r Rep) Validate() error {
	p := problems{record: "rep", index: -1, id: r.ID}
	r.check(&p)
	return p.err()
}

func (r *Rep) check(p *problems) {
	if r.ID == "" {
		p.add("id", ErrMissingID)
	}
	if !r.HiredAt.IsZero() && !r.LeftAt.IsZero() && r.LeftAt.Before(r.HiredAt) {
		p.add("left_at", fmt.Errorf("%w: left at %s, before hired at %s", ErrTimeOrder, timeText(r.LeftAt), timeText(r.HiredAt)))
	}
	checkTimeRange(p, "hired_at", r.HiredAt)
	checkTimeRange(p, "left_at", r.LeftAt)
	for i, a := range r.Assignments {
		field := fmt.Sprintf("assignments[%d]", i)
		checkTimeRange(p, field+".from", a.From)
		checkTimeRange(p, field+".until", a.Until)
		switch {
		case a.From.IsZero():
			p.add(field+".from", ErrZeroTime)
		case !a.Until.IsZero() && !a.Until.After(a.From):
			p.add(field+".until", fmt.Errorf("%w: until %s is not after from %s", ErrTimeOrder, timeText(a.Until), timeText(a.From)))
		}
	}
	if len(r.Assignments) > 1 {
		order := make([]int, len(r.Assignments))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(i, j int) int {
			return r.Assignments[i].From.Compare(r.Assignments[j].From)
		})
		for k := 1; k < len(order); k++ {
			prev, cur := r.Assignments[order[k-1]], r.Assignments[order[k]]
			if prev.Until.IsZero() || cur.From.Before(prev.Until) {
				p.add(fmt.Sprintf("assignments[%d]", order[k]),
					fmt.Errorf("%w: starts %s, inside assignments[%d]", ErrOverlap, cur.From.Format(time.RFC3339), order[k-1]))
			}
		}
	}
	for i, f := range r.Ramp {
		if f.Sign() < 0 || f.GreaterThan(decimalOne) {
			p.add(fmt.Sprintf("ramp[%d]", i), fmt.Errorf("%w: %s", ErrRampRange, dec.Text(f)))
		}
	}
}
