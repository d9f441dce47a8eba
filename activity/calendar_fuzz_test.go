package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"
)

// fuzzZones are zones with the awkward cases: half-hour and 45-minute
// offsets, 30-minute daylight saving, transitions at midnight, a skipped
// date (Apia, 2011), a repeated one (Sitka, 1867) and a midnight that
// happened twice east of UTC (Amman, 2021).
var fuzzZones = []string{
	"UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata",
	"America/Sao_Paulo", "America/Havana", "America/Santiago", "Pacific/Apia",
	"America/Sitka", "Pacific/Chatham", "Pacific/Kiritimati", "Asia/Tehran", "Asia/Amman",
}

// FuzzCalendar asserts, for any settings and instant: no panic; invalid
// settings give ErrInvalidCalendar and an empty Periods; the period of each
// granularity holds the instant, starts where its first and ends where its
// last instant's period does; a day lies in its month, the month in its
// quarter, the quarter in its year (and a retail week in its month);
// Periods is ordered, contiguous and agrees with PeriodOf; WorkingDays
// matches a date-by-date count and adds up over adjacent spans.
func FuzzCalendar(f *testing.F) {
	// sec, nsec, zone, start, naming, weeks, months, yearEnd, endDay, span, weekend, holiday
	f.Add(int64(1741500000), int32(0), uint8(1), uint8(7), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), int64(400*86400), uint8(0x41), uint16(3))
	f.Add(int64(1706918400), int32(5), uint8(1), uint8(2), uint8(1), uint8(0), uint8(2), uint8(2), uint8(6), int64(90*86400), uint8(0x80), uint16(40))
	f.Add(int64(1541300400), int32(0), uint8(5), uint8(1), uint8(0), uint8(1), uint8(0), uint8(0), uint8(0), int64(9*86400), uint8(0x41), uint16(1))
	f.Add(int64(1762056000), int32(0), uint8(6), uint8(10), uint8(0), uint8(0), uint8(1), uint8(1), uint8(6), int64(30*86400), uint8(0x60), uint16(2))
	f.Add(int64(1325152800), int32(0), uint8(8), uint8(1), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), int64(5*86400), uint8(0), uint16(0))
	f.Add(int64(-3224851200), int32(0), uint8(9), uint8(10), uint8(0), uint8(3), uint8(0), uint8(0), uint8(0), int64(6*86400), uint8(0x41), uint16(0))
	f.Add(int64(1743800000), int32(999999999), uint8(3), uint8(7), uint8(1), uint8(2), uint8(1), uint8(2), uint8(0), int64(1000*86400), uint8(0x7f), uint16(0))
	f.Add(int64(0), int32(0), uint8(0), uint8(13), uint8(3), uint8(9), uint8(5), uint8(4), uint8(7), int64(-1), uint8(0), uint16(0))

	locs := make([]*time.Location, len(fuzzZones))
	for i, z := range fuzzZones {
		locs[i] = mustLoad(f, z)
	}
	grans := []Granularity{Daily, Weekly, Monthly, Quarterly, Yearly}

	f.Fuzz(func(t *testing.T, sec int64, nsec int32, zone, start, naming, weeks, months, yearEnd, endDay uint8, span int64, weekend uint8, holiday uint16) {
		// Instants within about ±10,000 years of 1970; settings a little
		// beyond their valid ranges so that invalid calendars come up too.
		const maxSec = 10_000 * 366 * 86400
		at := time.Unix(sec%maxSec, int64(nsec)%1e9)
		c := Calendar{
			Location:        locs[int(zone)%len(locs)],
			FiscalYearStart: time.Month(start % 14),
			YearNaming:      YearNaming(naming % 3),
			Weeks:           WeekRule(weeks % 9),
			Months:          MonthPattern(months % 5),
			YearEnd:         YearEndRule(yearEnd % 4),
			YearEndDay:      time.Weekday(endDay % 8),
		}
		if naming&0x80 == 0 {
			// Mostly valid calendars: repair what is out of range.
			c.FiscalYearStart %= 13
			c.YearNaming %= 2
			c.Weeks %= 8
			c.Months %= 4
			c.YearEnd %= 3
			c.YearEndDay %= 7
			if c.Months == GregorianMonths {
				c.YearEnd, c.YearEndDay = UnknownYearEnd, time.Sunday
			} else {
				if c.YearEnd == UnknownYearEnd {
					c.YearEnd = NearestWeekday
				}
				if weeks%2 == 0 {
					c.Weeks = ISOWeeks
				} else {
					c.Weeks = WeekRule((c.YearEndDay+1)%7 + 1)
				}
			}
		}
		if weekend&0x80 == 0 {
			c.Weekend = []time.Weekday{}
			for d := range 7 {
				if weekend&(1<<d) != 0 {
					c.Weekend = append(c.Weekend, time.Weekday(d))
				}
			}
		}
		// Holidays out of order and repeated, near the instant.
		y, m, d := at.In(c.Location).Date()
		h := int(holiday % 400)
		c.Holidays = []time.Time{
			time.Date(y, m, d+h, 12, 0, 0, 0, time.UTC),
			time.Date(y, m, d+h/3, 12, 0, 0, 0, time.UTC),
			time.Date(y, m, d+h, 12, 0, 0, 0, time.UTC),
		}
		if span < 0 {
			span = -span
		}

		for _, v := range []fmt.Stringer{c.YearNaming, c.Weeks, c.Months, c.YearEnd} {
			_ = v.String()
		}
		checkDate(t, c.Location, at)
		for _, g := range grans {
			checkPeriod(t, c, g, at, span)
		}
		if _, err := c.rules(); err == nil {
			checkNesting(t, c, at)
			checkNamed(t, c, at)
		}
		checkWorkingDays(t, c, at, at.Add(time.Duration(span%(3*366*86400))*time.Second))
	})
}

func checkPeriod(t *testing.T, c Calendar, g Granularity, at time.Time, span int64) {
	p, err := c.PeriodOf(g, at)
	if err != nil {
		if !errors.Is(err, ErrInvalidCalendar) {
			t.Fatalf("PeriodOf(%v, %v) error %v, want %v", g, at, err, ErrInvalidCalendar)
		}
		if c.Validate() == nil {
			t.Fatalf("PeriodOf(%v, %v) error %v but Validate() = nil", g, at, err)
		}
		for p := range c.Periods(g, at, at.Add(time.Hour)) {
			t.Fatalf("Periods(%v) of an invalid calendar yielded %v", g, p)
		}
		return
	}
	if !p.Contains(at) || !p.Start.Before(p.End) || p.Name == "" {
		t.Fatalf("PeriodOf(%v, %v) = %v: does not hold it", g, at, p)
	}
	if p.IsZero() || p.Duration() != p.End.Sub(p.Start) {
		t.Fatalf("PeriodOf(%v, %v) = %v: IsZero %v, Duration %v", g, at, p, p.IsZero(), p.Duration())
	}
	// The period reads back from its JSON. In UTC: RFC 3339 writes an
	// offset in whole minutes, so a local mean time's seconds (Sitka's
	// −9:01:13 before 1867) would be lost.
	utc := Period{Start: p.Start.UTC(), End: p.End.UTC(), Name: p.Name}
	b, err := json.Marshal(utc)
	if err != nil {
		t.Fatalf("json.Marshal(%v): %v", utc, err)
	}
	var back Period
	if err := json.Unmarshal(b, &back); err != nil {
		iefCheck(t, "Period.UnmarshalJSON", nil, err)
	} else if !back.Start.Equal(p.Start) || !back.End.Equal(p.End) || back.Name != p.Name {
		t.Fatalf("%s reads back as %v, not %v", b, back, p)
	}
	for _, x := range []time.Time{p.Start, p.End.Add(-time.Nanosecond)} {
		if q, _ := c.PeriodOf(g, x); !same(q, p) {
			t.Fatalf("PeriodOf(%v, %v) = %v, but PeriodOf(%v) = %v", g, at, p, x, q)
		}
	}
	if next, _ := c.PeriodOf(g, p.End); !next.Start.Equal(p.End) || next.Name == p.Name {
		t.Fatalf("PeriodOf(%v) = %v, followed by %v", g, p, next)
	}

	// A bounded number of periods: up to 60 days, 3 years otherwise.
	limit := int64(3 * 366 * 86400)
	if g == Daily {
		limit = 60 * 86400
	}
	to := at.Add(time.Duration(span%limit) * time.Second)
	var prev Period
	n := 0
	for q := range c.Periods(g, at, to) {
		switch {
		case n == 0 && !same(q, p):
			t.Fatalf("Periods(%v, %v, %v) starts with %v, want %v", g, at, to, q, p)
		case n > 0 && !q.Start.Equal(prev.End):
			t.Fatalf("Periods(%v, %v, %v): %v follows %v", g, at, to, q, prev)
		case !q.Start.Before(q.End) || !q.Start.Before(to):
			t.Fatalf("Periods(%v, %v, %v) yielded %v", g, at, to, q)
		}
		if r, _ := c.PeriodOf(g, q.Start); !same(r, q) {
			t.Fatalf("Periods(%v) yielded %v, PeriodOf its start = %v", g, q, r)
		}
		prev = q
		n++
	}
	if at.Before(to) && (n == 0 || prev.End.Before(to)) {
		t.Fatalf("Periods(%v, %v, %v) stopped at %v after %d periods", g, at, to, prev, n)
	}
	if g == Yearly {
		fy, err := c.FiscalYear(at)
		if err != nil || p.Name != "FY"+string(appendYear(nil, fy)) {
			t.Fatalf("FiscalYear(%v) = %d, %v; year is %v", at, fy, err, p)
		}
	}
}

// same reports whether p and q are the same interval with the same name.
func same(p, q Period) bool {
	return p.Start.Equal(q.Start) && p.End.Equal(q.End) && p.Name == q.Name
}

func checkNesting(t *testing.T, c Calendar, at time.Time) {
	var ps [Yearly + 1]Period
	for g := Daily; g <= Yearly; g++ {
		ps[g], _ = c.PeriodOf(g, at)
	}
	chain := []Granularity{Daily, Monthly, Quarterly, Yearly}
	if c.Months != GregorianMonths {
		chain = []Granularity{Daily, Weekly, Monthly, Quarterly, Yearly}
	}
	for i := 1; i < len(chain); i++ {
		in, out := ps[chain[i-1]], ps[chain[i]]
		if in.Start.Before(out.Start) || in.End.After(out.End) {
			t.Fatalf("%v %v is not inside %v %v", chain[i-1], in, chain[i], out)
		}
	}
}

func checkWorkingDays(t *testing.T, c Calendar, from, to time.Time) {
	got, err := c.WorkingDays(from, to)
	if _, werr := c.weekendMask(); werr != nil {
		if !errors.Is(err, ErrInvalidCalendar) {
			t.Fatalf("WorkingDays with weekend %v: error %v, want %v", c.Weekend, err, ErrInvalidCalendar)
		}
		return
	}
	if err != nil {
		t.Fatalf("WorkingDays(%v, %v) error %v", from, to, err)
	}

	// Date by date, in UTC arithmetic on the local dates.
	off := map[time.Weekday]bool{time.Saturday: true, time.Sunday: true}
	if c.Weekend != nil {
		off = map[time.Weekday]bool{}
		for _, d := range c.Weekend {
			off[d] = true
		}
	}
	holidays := map[string]bool{}
	for _, h := range c.Holidays {
		holidays[h.Format(time.DateOnly)] = true
	}
	localDate := func(t time.Time) time.Time {
		y, m, d := t.In(c.Location).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	want := 0
	for d, end := localDate(from), localDate(to); d.Before(end); d = d.AddDate(0, 0, 1) {
		if !off[d.Weekday()] && !holidays[d.Format(time.DateOnly)] {
			want++
		}
	}
	if got != want {
		t.Fatalf("WorkingDays(%v, %v) = %d, counting dates gives %d", from, to, got, want)
	}
	// Reversed, the count is negative, as numpy.busday_count's.
	if back, err := c.WorkingDays(to, from); err != nil || back != -got {
		t.Fatalf("WorkingDays(%v, %v) = %d, %v; want %d", to, from, back, err, -got)
	}

	mid := from.Add(to.Sub(from) / 3)
	a, _ := c.WorkingDays(from, mid)
	b, _ := c.WorkingDays(mid, to)
	if a+b != got {
		t.Fatalf("WorkingDays: %d + %d over [%v, %v, %v) != %d", a, b, from, mid, to, got)
	}
}

// checkDate asserts that the date of at in loc holds it (Start ≤ at ≤ End,
// in loc), and that it reads back from its text, which String writes too.
func checkDate(t *testing.T, loc *time.Location, at time.Time) {
	t.Helper()
	d := DateOf(at.In(loc))
	s, e := d.Start(loc), d.End(loc)
	if at.Before(s) || at.After(e) {
		t.Fatalf("DateOf(%v) = %v: [%v, %v] does not hold it", at.In(loc), d, s, e)
	}
	for sys := range WeekSystem(4) {
		_ = sys.String()
		for start := time.Sunday; start <= time.Saturday; start++ {
			w, err := d.WeekOfYear(WeekNumbering{System: sys, Start: start})
			if sys == 3 {
				if !errors.Is(err, ErrInvalidCalendar) {
					t.Fatalf("%v.WeekOfYear(system 3) error %v", d, err)
				}
				continue
			}
			if err != nil || w < 0 || w > 54 {
				t.Fatalf("%v.WeekOfYear(%v, %v) = %d, %v", d, sys, start, w, err)
			}
		}
	}
	b, err := d.MarshalText()
	iefCheck(t, "Date.MarshalText", nil, err)
	if err != nil {
		return
	}
	if s := d.String(); s != string(b) {
		t.Fatalf("%v: String %q, text %q", d, s, b)
	}
	var back Date
	if err := back.UnmarshalText(b); err != nil || back != d {
		t.Fatalf("Date text %q reads back as %v, %v; want %v", b, back, err, d)
	}
}

// checkNamed asserts that each period holding at is found again by its
// name, and that at's position counts from 1.
func checkNamed(t *testing.T, c Calendar, at time.Time) {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	if y := at.In(loc).Year(); y < 1900 || y > 2199 {
		return // the names of far years still round-trip, but each lookup scans years of days
	}
	for _, g := range []Granularity{Weekly, Monthly, Quarterly, Yearly} {
		p, err := c.PeriodOf(g, at)
		if err != nil {
			continue
		}
		q, err := c.PeriodNamed(g, p.Name)
		if err != nil || !q.Start.Equal(p.Start) || !q.End.Equal(p.End) {
			t.Fatalf("PeriodNamed(%v, %q) = %v, %v; want %v", g, p.Name, q, err, p)
		}
	}
	pos, err := c.PositionOf(at)
	if err != nil || pos.Quarter < 1 || pos.Quarter > 4 || pos.Month < 1 || pos.Month > 12 || pos.Week < 1 || pos.Week > 53 || pos.Day < 1 || pos.Day > 371 {
		t.Fatalf("PositionOf(%v) = %+v, %v", at, pos, err)
	}
}
