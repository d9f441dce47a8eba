package activity

import (
	"fmt"
	"time"
)

// WeekSystem is a rule for numbering the weeks of a calendar year.
type WeekSystem uint8

// Week numbering systems.
const (
	// WeekISO is ISO 8601: weeks from Monday, week 1 the one holding the
	// year's first Thursday, so the first and last days of a year may be
	// in the other year's weeks (strftime %V; Excel WEEKNUM type 21). The
	// number is of the ISO year, which WeekOfYear does not return.
	WeekISO WeekSystem = iota
	// WeekHoldingJanFirst numbers weeks from the Start weekday with week 1
	// the one holding 1 January (Excel WEEKNUM types 1 and 17 from Sunday,
	// 2 and 11 from Monday, 12 to 16 from Tuesday to Saturday): 1 to 54.
	WeekHoldingJanFirst
	// WeekZeroBeforeStart numbers weeks from the Start weekday with the
	// days before the year's first Start in week 0 (strftime %U from
	// Sunday, %W from Monday): 0 to 53.
	WeekZeroBeforeStart
)

var weekSystemNames = [...]string{"iso", "holding_jan_first", "zero_before_start"}

// String returns "iso", "holding_jan_first" or "zero_before_start".
func (s WeekSystem) String() string {
	if int(s) < len(weekSystemNames) {
		return weekSystemNames[s]
	}
	return fmt.Sprintf("WeekSystem(%d)", uint8(s))
}

// WeekNumbering is how a tool numbers weeks: a system and the day weeks
// start on (ignored by WeekISO, whose weeks start on Monday). The zero
// value is ISO 8601.
type WeekNumbering struct {
	System WeekSystem
	Start  time.Weekday
}

// WeekOfYear returns the number of d's week in its year under n (see
// WeekSystem). Excel's 3/9/2012 is week 10 from Sunday
// (WEEKNUM(…, 1)) and 11 from Monday (WEEKNUM(…, 2)). Errors: an invalid
// or zero d, an unknown system or a start that is not a weekday wrap
// ErrInvalidCalendar.
func (d Date) WeekOfYear(n WeekNumbering) (int, error) {
	if !d.valid() {
		return 0, fmt.Errorf("%w: week of the date %v", ErrInvalidCalendar, d)
	}
	if n.Start < time.Sunday || n.Start > time.Saturday {
		return 0, fmt.Errorf("%w: week start %d", ErrInvalidCalendar, n.Start)
	}
	t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	yday := t.YearDay() - 1 // 0-based
	jan1 := time.Date(d.Year, time.January, 1, 12, 0, 0, 0, time.UTC).Weekday()
	// Days from the week's start to 1 January, 0..6.
	lead := (int(jan1) - int(n.Start) + 7) % 7
	switch n.System {
	case WeekISO:
		_, w := t.ISOWeek()
		return w, nil
	case WeekHoldingJanFirst:
		return (yday+lead)/7 + 1, nil
	case WeekZeroBeforeStart:
		// The first Start falls on day (7 − lead) % 7 of the year.
		first := (7 - lead) % 7
		if yday < first {
			return 0, nil
		}
		return (yday-first)/7 + 1, nil
	}
	return 0, fmt.Errorf("%w: week system %d", ErrInvalidCalendar, n.System)
}
