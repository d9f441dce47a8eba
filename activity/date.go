package activity

import (
	"fmt"
	"time"
)

// Date is a day of the calendar without a time of day or a zone: what CRMs
// write as a deal's close date ("2025-03-04", Salesforce's CloseDate). The
// zero Date is absent.
//
// A day stands for an instant only once a zone is given: End is the day's
// last instant there, Start its first. An index reads a deal's close day
// as its End in IndexOptions.Location, so that the deal's stage history on
// that day comes before the close, durations from a creation earlier that
// day are positive, and KPIs put the deal in the calendar period (in the
// same zone) that holds the day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2006-01-02". The empty string is the zero Date. A day
// that does not exist ("2025-02-30") is an error wrapping ErrInvalidTime.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%w: %q is not a date (2006-01-02)", ErrInvalidTime, s)
	}
	return DateOf(t), nil
}

// DateOf returns the day t falls on in t's own zone.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date (absent).
func (d Date) IsZero() bool { return d == Date{} }

// valid reports whether d is a real day.
func (d Date) valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return DateOf(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)) == d
}

// Start returns the first instant of d in loc (nil: UTC): local midnight,
// or, where the zone moved its clocks at midnight that day (Sao Paulo's
// daylight saving until 2019), the moment the day began.
func (d Date) Start(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	if y, m, day := t.Date(); y != d.Year || m != d.Month || day != d.Day {
		// Midnight does not exist there that day (a zone that moves its
		// clocks at midnight, Sao Paulo until 2019): time.Date gave an
		// instant of the day before; the day begins when the new offset
		// does. (A day a zone skipped whole, Apia's 30 December 2011,
		// begins and ends there too: it holds no instant.)
		if _, end := t.ZoneBounds(); end.After(t) {
			return end
		}
	}
	return t
}

// End returns the last instant of d in loc (nil: UTC): one nanosecond
// before the next day's Start, so that a half-open period ending there
// holds it, on days that daylight saving makes 23 or 25 hours long too.
func (d Date) End(loc *time.Location) time.Time {
	next := DateOf(time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, time.UTC))
	return next.Start(loc).Add(-time.Nanosecond)
}

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes String.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what ParseDate reads.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
