package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"
)

// calendarRef is testdata/calendar_ref.json, written by
// testdata/calendar_ref.py from pandas, numpy and zoneinfo.
type calendarRef struct {
	Calendars        map[string]refCalendar `json:"calendars"`
	WorkingCalendars map[string]refWorking  `json:"working_calendars"`
	Periods          [][]any                `json:"periods"`
	Sequences        []refSequence          `json:"sequences"`
	WorkingDays      [][]any                `json:"working_days"`
}

type refCalendar struct {
	Zone       string `json:"zone"`
	Start      int    `json:"start"`
	Naming     string `json:"naming"`
	Weeks      string `json:"weeks"`
	Months     string `json:"months"`
	YearEnd    string `json:"year_end"`
	YearEndDay string `json:"year_end_day"`
}

type refWorking struct {
	Zone     string    `json:"zone"`
	Weekend  *[]string `json:"weekend"`
	Holidays []string  `json:"holidays"`
}

type refSequence struct {
	Calendar    string  `json:"calendar"`
	Granularity string  `json:"granularity"`
	From        int64   `json:"from"`
	To          int64   `json:"to"`
	Periods     [][]any `json:"periods"`
}

func loadCalendarRef(t *testing.T) calendarRef {
	t.Helper()
	b, err := os.ReadFile("testdata/calendar_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref calendarRef
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

// The reference's names for settings. They are spelled out here rather than
// read back through String, so that a wrong String cannot hide a wrong value.
var (
	refWeekdays = map[string]time.Weekday{
		"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
		"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	}
	refWeeks = map[string]WeekRule{
		"iso": ISOWeeks, "sunday": SundayWeeks, "monday": MondayWeeks, "tuesday": TuesdayWeeks,
		"wednesday": WednesdayWeeks, "thursday": ThursdayWeeks, "friday": FridayWeeks, "saturday": SaturdayWeeks,
	}
	refMonths      = map[string]MonthPattern{"gregorian": GregorianMonths, "4-4-5": Weeks445, "4-5-4": Weeks454, "5-4-4": Weeks544}
	refYearEnds    = map[string]YearEndRule{"": UnknownYearEnd, "last": LastWeekday, "nearest": NearestWeekday}
	refNamings     = map[string]YearNaming{"end": NameByEndYear, "start": NameByStartYear}
	refGranularity = map[string]Granularity{"day": Daily, "week": Weekly, "month": Monthly, "quarter": Quarterly, "year": Yearly}
)

func mustLoad(t testing.TB, zone string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func (rc refCalendar) calendar(t testing.TB) Calendar {
	c := Calendar{
		Location:        mustLoad(t, rc.Zone),
		FiscalYearStart: time.Month(rc.Start),
		YearNaming:      refNamings[rc.Naming],
		Weeks:           refWeeks[rc.Weeks],
		Months:          refMonths[rc.Months],
		YearEnd:         refYearEnds[rc.YearEnd],
	}
	if rc.YearEndDay != "" {
		c.YearEndDay = refWeekdays[rc.YearEndDay]
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("reference calendar %+v: %v", rc, err)
	}
	return c
}

func unix(v any) time.Time { return time.Unix(int64(v.(float64)), 0) }

// TestPeriodOfReference checks PeriodOf against pandas periods cut at the
// first instants of local dates found by bisection in zoneinfo (see
// testdata/calendar_ref.py): fiscal years starting in January, February,
// April, July and October under both namings; New York, London, Lord Howe
// (30-minute daylight saving), Kolkata, São Paulo, Havana and Santiago across
// their transitions; ISO, Sunday, Monday, Wednesday, Thursday and Saturday
// weeks at year ends; retail 4-4-5, 4-5-4 and 5-4-4 years ending on the last
// or nearest weekday, 53-week years included.
func TestPeriodOfReference(t *testing.T) {
	t.Parallel()
	ref := loadCalendarRef(t)
	rows := map[string][][]any{}
	for _, r := range ref.Periods {
		rows[r[0].(string)] = append(rows[r[0].(string)], r)
	}
	if len(rows) != len(ref.Calendars) {
		t.Fatalf("reference has rows for %d of %d calendars", len(rows), len(ref.Calendars))
	}
	for id, rc := range ref.Calendars {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			c := rc.calendar(t)
			for _, r := range rows[id] {
				g, at := refGranularity[r[1].(string)], unix(r[2])
				want := Period{Start: unix(r[3]), End: unix(r[4]), Name: r[5].(string)}
				got, err := c.PeriodOf(g, at)
				if err != nil {
					t.Fatalf("PeriodOf(%v, %v) error %v", g, at, err)
				}
				if !got.Start.Equal(want.Start) || !got.End.Equal(want.End) || got.Name != want.Name {
					t.Errorf("PeriodOf(%v, %v) = %v, want %v", g, at.In(c.Location), got, want)
				}
				if got.Start.Location() != c.Location || got.End.Location() != c.Location {
					t.Errorf("PeriodOf(%v, %v) = %v, not in %v", g, at, got, c.Location)
				}
			}
		})
	}
}

// TestPeriodsReference checks Periods against the reference's lists of
// periods overlapping [from, to), local starts included.
func TestPeriodsReference(t *testing.T) {
	t.Parallel()
	ref := loadCalendarRef(t)
	for _, s := range ref.Sequences {
		t.Run(s.Calendar+"/"+s.Granularity, func(t *testing.T) {
			t.Parallel()
			c := ref.Calendars[s.Calendar].calendar(t)
			var want, got []string
			for _, p := range s.Periods {
				want = append(want, fmt.Sprintf("%s [%s, %d) start %d", p[3], p[2], int64(p[1].(float64)), int64(p[0].(float64))))
			}
			from, to := time.Unix(s.From, 0), time.Unix(s.To, 0)
			for p := range c.Periods(refGranularity[s.Granularity], from, to) {
				got = append(got, fmt.Sprintf("%s [%s, %d) start %d", p.Name, p.Start.Format("2006-01-02T15:04:05-07:00"), p.End.Unix(), p.Start.Unix()))
			}
			if !slices.Equal(got, want) {
				t.Errorf("Periods(%s, %v, %v):\n got %q\nwant %q", s.Granularity, from, to, got, want)
			}
		})
	}
}

// TestWorkingDaysReference checks WorkingDays against numpy.busday_count
// over the local dates of from and to, with holidays given out of order,
// repeated and on weekends.
func TestWorkingDaysReference(t *testing.T) {
	t.Parallel()
	ref := loadCalendarRef(t)
	for id, w := range ref.WorkingCalendars {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			c := Calendar{Location: mustLoad(t, w.Zone)}
			if w.Weekend != nil {
				c.Weekend = []time.Weekday{}
				for _, d := range *w.Weekend {
					c.Weekend = append(c.Weekend, refWeekdays[d])
				}
			}
			// Holidays keep only their date: give them an odd clock in a
			// far-off zone to prove it.
			kiritimati := mustLoad(t, "Pacific/Kiritimati")
			for _, h := range w.Holidays {
				d, err := time.Parse(time.DateOnly, h)
				if err != nil {
					t.Fatal(err)
				}
				c.Holidays = append(c.Holidays, time.Date(d.Year(), d.Month(), d.Day(), 23, 30, 0, 0, kiritimati))
			}
			n := 0
			for _, r := range ref.WorkingDays {
				if r[0] != id {
					continue
				}
				n++
				from, to, want := unix(r[1]), unix(r[2]), int(r[3].(float64))
				got, err := c.WorkingDays(from, to)
				if err != nil || got != want {
					t.Errorf("WorkingDays(%v, %v) = %d, %v, want %d", from.In(c.Location), to.In(c.Location), got, err, want)
				}
			}
			if n == 0 {
				t.Fatal("no reference rows")
			}
		})
	}
}

func date(loc *time.Location, y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// TestPeriodOfHandWorked checks periods worked out by hand from published
// calendars and the tz database's rules.
func TestPeriodOfHandWorked(t *testing.T) {
	t.Parallel()
	ny := mustLoad(t, "America/New_York")
	london := mustLoad(t, "Europe/London")
	lordHowe := mustLoad(t, "Australia/Lord_Howe")
	kolkata := mustLoad(t, "Asia/Kolkata")
	saoPaulo := mustLoad(t, "America/Sao_Paulo")
	havana := mustLoad(t, "America/Havana")
	amman := mustLoad(t, "Asia/Amman")

	// NRF 4-5-4 calendar: the year ends on the Saturday nearest 31 January
	// and is named by the year it starts in. 31 January 2024 was a
	// Wednesday; Saturday 3 February is 3 days after it and Saturday 27
	// January 4 days before, so fiscal 2023 ended 3 February 2024. It began
	// the day after Saturday 28 January 2023 (31 January 2023 was a Tuesday:
	// 3 days back), so it had (3 Feb 2024 - 28 Jan 2023) / 7 = 371 / 7 = 53
	// weeks, and its last month, January, has 4 + 1 = 5 weeks:
	//
	//	M01 Feb  29 Jan - 25 Feb 2023   4 weeks
	//	M02 Mar  26 Feb -  1 Apr        5
	//	M03 Apr   2 Apr - 29 Apr        4
	//	M10 Nov  29 Oct - 25 Nov        4
	//	M11 Dec  26 Nov - 30 Dec        5
	//	M12 Jan  31 Dec - 3 Feb 2024    5 (4 + the 53rd week)
	//
	// as the NRF's published 2023 calendar shows.
	nrf := Calendar{Location: ny, FiscalYearStart: time.February, YearNaming: NameByStartYear,
		Months: Weeks454, YearEnd: NearestWeekday, YearEndDay: time.Saturday}
	// Same year with the "last" rule: the last Saturday of January 2024 is
	// the 27th, of January 2023 the 28th: 364 days, 52 weeks.
	nrfLast := nrf
	nrfLast.YearEnd = LastWeekday
	// Apple ends its fiscal year on the last Saturday of September and names
	// it by the year it ends in: 30 September 2022 was a Friday, so FY2023
	// began on Sunday 25 September 2022, and 30 September 2023 was a
	// Saturday, so it ended then: 53 weeks.
	apple := Calendar{Location: time.UTC, FiscalYearStart: time.October, Months: Weeks445,
		YearEnd: LastWeekday, YearEndDay: time.Saturday}

	// Durations: New York's clocks went forward on 12 March 2023 and
	// back on 5 November 2023, an hour each way.
	tests := []struct {
		name string
		c    Calendar
		g    Granularity
		at   time.Time
		want Period
		dur  time.Duration
	}{
		// Daylight saving in 2025: New York springs forward on 9 March and
		// falls back on 2 November at 02:00; London on 30 March and 26
		// October at 01:00 UTC; Lord Howe moves its clocks by 30 minutes at
		// 02:00 on 6 April (back) and 5 October (forward); Kolkata has no
		// daylight saving. São Paulo went from 00:00 to 01:00 on 4 November
		// 2018, so that day started at 01:00; Havana goes back from 01:00 to
		// 00:00 on 2 November 2025, so midnight happens twice and the day
		// starts at the first. Amman (UTC+3, east of Greenwich, where
		// time.Date picks the second midnight) went back from 01:00 to 00:00
		// on 29 October 2021: that day starts at 00:00+03:00 and has 25 hours.
		{"new york spring", Calendar{Location: ny}, Daily, time.Date(2025, 3, 9, 12, 0, 0, 0, ny),
			Period{date(ny, 2025, 3, 9), date(ny, 2025, 3, 10), "2025-03-09"}, 23 * time.Hour},
		{"new york fall", Calendar{Location: ny}, Daily, time.Date(2025, 11, 2, 1, 30, 0, 0, ny),
			Period{date(ny, 2025, 11, 2), date(ny, 2025, 11, 3), "2025-11-02"}, 25 * time.Hour},
		{"london spring", Calendar{Location: london}, Daily, time.Date(2025, 3, 30, 23, 59, 0, 0, london),
			Period{date(london, 2025, 3, 30), date(london, 2025, 3, 31), "2025-03-30"}, 23 * time.Hour},
		{"london fall", Calendar{Location: london}, Daily, time.Date(2025, 10, 26, 0, 0, 0, 0, london),
			Period{date(london, 2025, 10, 26), date(london, 2025, 10, 27), "2025-10-26"}, 25 * time.Hour},
		{"lord howe back", Calendar{Location: lordHowe}, Daily, time.Date(2025, 4, 6, 12, 0, 0, 0, lordHowe),
			Period{date(lordHowe, 2025, 4, 6), date(lordHowe, 2025, 4, 7), "2025-04-06"}, 24*time.Hour + 30*time.Minute},
		{"lord howe forward", Calendar{Location: lordHowe}, Daily, time.Date(2025, 10, 5, 12, 0, 0, 0, lordHowe),
			Period{date(lordHowe, 2025, 10, 5), date(lordHowe, 2025, 10, 6), "2025-10-05"}, 23*time.Hour + 30*time.Minute},
		{"kolkata", Calendar{Location: kolkata}, Daily, time.Date(2025, 3, 9, 12, 0, 0, 0, time.UTC),
			Period{date(kolkata, 2025, 3, 9), date(kolkata, 2025, 3, 10), "2025-03-09"}, 24 * time.Hour},
		{"sao paulo starts at one", Calendar{Location: saoPaulo}, Daily, time.Date(2018, 11, 4, 12, 0, 0, 0, saoPaulo),
			Period{time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC), date(saoPaulo, 2018, 11, 5), "2018-11-04"}, 23 * time.Hour},
		{"havana first midnight", Calendar{Location: havana}, Daily, time.Date(2025, 11, 2, 4, 30, 0, 0, time.UTC),
			Period{time.Date(2025, 11, 2, 4, 0, 0, 0, time.UTC), date(havana, 2025, 11, 3), "2025-11-02"}, 25 * time.Hour},
		{"amman first midnight", Calendar{Location: amman}, Daily, time.Date(2021, 10, 29, 0, 30, 0, 0, time.FixedZone("+02", 2*3600)),
			Period{time.Date(2021, 10, 29, 0, 0, 0, 0, time.FixedZone("+03", 3*3600)), date(amman, 2021, 10, 30), "2021-10-29"}, 25 * time.Hour},
		// March 2025 in New York: 31 days less the hour lost on 9 March.
		{"new york march", Calendar{Location: ny}, Monthly, time.Date(2025, 3, 31, 23, 59, 59, 999999999, ny),
			Period{date(ny, 2025, 3, 1), date(ny, 2025, 4, 1), "2025-03"}, 31*24*time.Hour - time.Hour},
		// Fiscal years starting in July: 15 August 2024 is in the first
		// quarter of the year July 2024 - June 2025, FY2025 by end year and
		// FY2024 by start year.
		{"july end year", Calendar{Location: ny, FiscalYearStart: time.July}, Quarterly, date(ny, 2024, 8, 15),
			Period{date(ny, 2024, 7, 1), date(ny, 2024, 10, 1), "FY2025 Q1"}, 92 * 24 * time.Hour},
		{"july start year", Calendar{Location: ny, FiscalYearStart: time.July, YearNaming: NameByStartYear}, Yearly, date(ny, 2025, 6, 30),
			Period{date(ny, 2024, 7, 1), date(ny, 2025, 7, 1), "FY2024"}, 365 * 24 * time.Hour},
		// A nanosecond before 1 October is still the first quarter.
		{"last nanosecond", Calendar{Location: ny, FiscalYearStart: time.July}, Quarterly, date(ny, 2024, 10, 1).Add(-1),
			Period{date(ny, 2024, 7, 1), date(ny, 2024, 10, 1), "FY2025 Q1"}, 92 * 24 * time.Hour},
		// ISO 8601: 2020 began on a Wednesday and was a leap year, so it
		// has 53 weeks, the last from Monday 28 December 2020 to Sunday 3
		// January 2021; 2026 begins on a Thursday, so 2026-W53 is 28
		// December 2026 to 3 January 2027; 2025-W01 starts on Monday 30
		// December 2024 (its Thursday is 2 January 2025).
		{"iso 2020-W53", Calendar{}, Weekly, time.Date(2021, 1, 3, 23, 0, 0, 0, time.UTC),
			Period{date(time.UTC, 2020, 12, 28), date(time.UTC, 2021, 1, 4), "2020-W53"}, 7 * 24 * time.Hour},
		{"iso 2026-W53", Calendar{}, Weekly, date(time.UTC, 2026, 12, 31),
			Period{date(time.UTC, 2026, 12, 28), date(time.UTC, 2027, 1, 4), "2026-W53"}, 7 * 24 * time.Hour},
		{"iso 2025-W01", Calendar{}, Weekly, date(time.UTC, 2024, 12, 31),
			Period{date(time.UTC, 2024, 12, 30), date(time.UTC, 2025, 1, 6), "2025-W01"}, 7 * 24 * time.Hour},
		// Sunday weeks in a January year are the CDC's MMWR weeks: week 1
		// of 2025 is Sunday 29 December 2024 to Saturday 4 January 2025
		// (four of its days are in 2025).
		{"mmwr 2025 week 1", Calendar{Weeks: SundayWeeks}, Weekly, date(time.UTC, 2024, 12, 29),
			Period{date(time.UTC, 2024, 12, 29), date(time.UTC, 2025, 1, 5), "FY2025 W01"}, 7 * 24 * time.Hour},
		{"nrf 2023", nrf, Yearly, date(ny, 2024, 2, 3),
			Period{date(ny, 2023, 1, 29), date(ny, 2024, 2, 4), "FY2023"}, 53 * 7 * 24 * time.Hour},
		{"nrf 2023 M02", nrf, Monthly, date(ny, 2023, 3, 31),
			Period{date(ny, 2023, 2, 26), date(ny, 2023, 4, 2), "FY2023 M02"}, 5*7*24*time.Hour - time.Hour},
		{"nrf 2023 M12", nrf, Monthly, date(ny, 2024, 1, 31),
			Period{date(ny, 2023, 12, 31), date(ny, 2024, 2, 4), "FY2023 M12"}, 5 * 7 * 24 * time.Hour},
		{"nrf 2023 Q4", nrf, Quarterly, date(ny, 2023, 11, 1),
			Period{date(ny, 2023, 10, 29), date(ny, 2024, 2, 4), "FY2023 Q4"}, 14*7*24*time.Hour + time.Hour},
		{"nrf 2023 W53", nrf, Weekly, date(ny, 2024, 2, 3),
			Period{date(ny, 2024, 1, 28), date(ny, 2024, 2, 4), "FY2023 W53"}, 7 * 24 * time.Hour},
		{"nrf 2024 W01", nrf, Weekly, date(ny, 2024, 2, 4),
			Period{date(ny, 2024, 2, 4), date(ny, 2024, 2, 11), "FY2024 W01"}, 7 * 24 * time.Hour},
		{"last-saturday 2023", nrfLast, Yearly, date(ny, 2023, 6, 1),
			Period{date(ny, 2023, 1, 29), date(ny, 2024, 1, 28), "FY2023"}, 52 * 7 * 24 * time.Hour},
		{"apple 2023", apple, Yearly, date(time.UTC, 2023, 9, 30),
			Period{date(time.UTC, 2022, 9, 25), date(time.UTC, 2023, 10, 1), "FY2023"}, 53 * 7 * 24 * time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.c.PeriodOf(tc.g, tc.at)
			if err != nil {
				t.Fatalf("PeriodOf(%v, %v) error %v", tc.g, tc.at, err)
			}
			if !got.Start.Equal(tc.want.Start) || !got.End.Equal(tc.want.End) || got.Name != tc.want.Name {
				t.Errorf("PeriodOf(%v, %v) = %v, want %v", tc.g, tc.at, got, tc.want)
			}
			if got.Duration() != tc.dur {
				t.Errorf("PeriodOf(%v, %v).Duration() = %v, want %v", tc.g, tc.at, got.Duration(), tc.dur)
			}
		})
	}
}

// TestConvenience checks that Year, Quarter, Month, Week, Day and
// FiscalYear agree with PeriodOf, on 15 August 2024 in a July fiscal year
// named by its end year (hand-worked: FY2025, its Q1, August 2024, ISO week
// 33 of 2024 from Monday 12 August, the date).
func TestConvenience(t *testing.T) {
	t.Parallel()
	c := Calendar{FiscalYearStart: time.July}
	at := time.Date(2024, 8, 15, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		f    func(time.Time) (Period, error)
		want string
	}{
		{"Year", c.Year, "FY2025"},
		{"Quarter", c.Quarter, "FY2025 Q1"},
		{"Month", c.Month, "2024-08"},
		{"Week", c.Week, "2024-W33"},
		{"Day", c.Day, "2024-08-15"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.f(at)
			if err != nil || got.Name != tc.want {
				t.Errorf("%s(%v) = %v, %v, want %s", tc.name, at, got, err, tc.want)
			}
		})
	}
	if y, err := c.FiscalYear(at); y != 2025 || err != nil {
		t.Errorf("FiscalYear(%v) = %d, %v, want 2025", at, y, err)
	}
}

// TestWorkingDaysHandWorked counts working days by hand.
func TestWorkingDaysHandWorked(t *testing.T) {
	t.Parallel()
	ny := mustLoad(t, "America/New_York")
	us := []time.Time{date(time.UTC, 2025, 1, 20), date(time.UTC, 2025, 1, 1)} // out of order on purpose
	tests := []struct {
		name     string
		c        Calendar
		from, to time.Time
		want     int
	}{
		// January 2025 starts on a Wednesday: 4 weeks of 5 weekdays, then
		// Wed 29, Thu 30 and Fri 31: 23 weekdays, less New Year's Day and
		// Martin Luther King Jr. Day: 21.
		{"january 2025", Calendar{Location: ny, Holidays: us}, date(ny, 2025, 1, 1), date(ny, 2025, 2, 1), 21},
		// The same span from 23:30 on 31 December in New York: that instant
		// is already 1 January in UTC, so a UTC calendar counts 21 and a
		// New York calendar counts Tuesday 31 December too.
		{"clock in the zone", Calendar{Location: ny, Holidays: us}, time.Date(2024, 12, 31, 23, 30, 0, 0, ny), date(ny, 2025, 2, 1), 22},
		{"clock in utc", Calendar{Holidays: us}, time.Date(2024, 12, 31, 23, 30, 0, 0, ny), date(time.UTC, 2025, 2, 1), 21},
		// Friday to Monday: only Friday counts; the end date is excluded.
		{"weekend", Calendar{}, date(time.UTC, 2025, 3, 14), date(time.UTC, 2025, 3, 17), 1},
		// With Friday and Saturday off, 13 (Thu) to 16 (Sun) March counts
		// Thursday only.
		{"friday saturday weekend", Calendar{Weekend: []time.Weekday{time.Friday, time.Saturday}}, date(time.UTC, 2025, 3, 13), date(time.UTC, 2025, 3, 16), 1},
		// No weekend: 10 dates, one of them a holiday.
		{"no weekend", Calendar{Weekend: []time.Weekday{}, Holidays: us}, date(time.UTC, 2025, 1, 15), date(time.UTC, 2025, 1, 25), 9},
		{"empty span", Calendar{}, date(time.UTC, 2025, 3, 14), date(time.UTC, 2025, 3, 14), 0},
		{"same date", Calendar{}, date(time.UTC, 2025, 3, 14), time.Date(2025, 3, 14, 23, 0, 0, 0, time.UTC), 0},
		// Reversed, a negative count as numpy.busday_count gives: 14 to 20 March
		// 2025 holds Friday 14 and Monday 17 to Wednesday 19: −4.
		{"reversed", Calendar{}, date(time.UTC, 2025, 3, 20), date(time.UTC, 2025, 3, 14), -4},
		// 2024 has 366 days from Monday 1 January: 52 weeks of 5, then
		// Monday 30 and Tuesday 31 December: 262.
		{"leap year", Calendar{}, date(time.UTC, 2024, 1, 1), date(time.UTC, 2025, 1, 1), 262},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.c.WorkingDays(tc.from, tc.to)
			if err != nil || got != tc.want {
				t.Errorf("WorkingDays(%v, %v) = %d, %v, want %d", tc.from, tc.to, got, err, tc.want)
			}
		})
	}
}

func TestWorkingDaysKeepsHolidays(t *testing.T) {
	t.Parallel()
	holidays := []time.Time{date(time.UTC, 2025, 12, 25), date(time.UTC, 2025, 1, 1), date(time.UTC, 2025, 7, 4)}
	before := slices.Clone(holidays)
	c := Calendar{Holidays: holidays}
	// 2025: 365 days from Wednesday 1 January: 52 weeks of 5 plus Wednesday
	// 31 December = 261 weekdays, less the three holidays (all weekdays).
	if got, err := c.WorkingDays(date(time.UTC, 2025, 1, 1), date(time.UTC, 2026, 1, 1)); got != 258 || err != nil {
		t.Errorf("WorkingDays(2025) = %d, %v, want 258", got, err)
	}
	if !slices.Equal(holidays, before) {
		t.Errorf("WorkingDays changed Holidays to %v, want %v", holidays, before)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	retail := Calendar{FiscalYearStart: time.February, Months: Weeks454, YearEnd: NearestWeekday, YearEndDay: time.Saturday}
	with := func(f func(*Calendar)) Calendar {
		c := retail
		f(&c)
		return c
	}
	valid := []struct {
		name string
		c    Calendar
	}{
		{"zero", Calendar{}},
		{"retail", retail},
		{"retail with matching weeks", with(func(c *Calendar) { c.Weeks = SundayWeeks })},
		{"retail ending sunday", with(func(c *Calendar) { c.YearEndDay = time.Sunday; c.Weeks = MondayWeeks })},
		{"december", Calendar{FiscalYearStart: time.December, YearNaming: NameByStartYear, Weeks: SaturdayWeeks}},
		{"no weekend", Calendar{Weekend: []time.Weekday{}}},
		{"six-day weekend", Calendar{Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 5}}},
	}
	for _, tc := range valid {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.c.Validate(); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
	invalid := []struct {
		name string
		c    Calendar
	}{
		{"month 13", Calendar{FiscalYearStart: 13}},
		{"month -1", Calendar{FiscalYearStart: -1}},
		{"naming", Calendar{YearNaming: 2}},
		{"week rule", Calendar{Weeks: 8}},
		{"month pattern", Calendar{Months: 4}},
		{"year-end rule", with(func(c *Calendar) { c.YearEnd = 3 })},
		{"retail without rule", with(func(c *Calendar) { c.YearEnd = UnknownYearEnd })},
		{"retail weekday 7", with(func(c *Calendar) { c.YearEndDay = 7 })},
		{"retail weekday -1", with(func(c *Calendar) { c.YearEndDay = -1 })},
		{"retail weeks mismatch", with(func(c *Calendar) { c.Weeks = MondayWeeks })},
		{"gregorian with rule", Calendar{YearEnd: LastWeekday}},
		{"gregorian with day", Calendar{YearEndDay: time.Saturday}},
		{"weekend day 7", Calendar{Weekend: []time.Weekday{7}}},
		{"weekend all week", Calendar{Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}},
		{"zero holiday", Calendar{Holidays: []time.Time{date(time.UTC, 2025, 1, 1), {}}}},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.c.Validate(); !errors.Is(err, ErrInvalidCalendar) {
				t.Errorf("Validate() = %v, want %v", err, ErrInvalidCalendar)
			}
		})
	}
}

// TestMethodErrors checks that each method reports the invalid settings it
// uses, and only those.
func TestMethodErrors(t *testing.T) {
	t.Parallel()
	at := date(time.UTC, 2025, 3, 14)
	badPeriods := Calendar{FiscalYearStart: 13}
	badWeekend := Calendar{Weekend: []time.Weekday{9}}
	badHoliday := Calendar{Holidays: []time.Time{{}}}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"PeriodOf unknown granularity", second(Calendar{}.PeriodOf(UnknownGranularity, at)), ErrInvalidGranularity},
		{"PeriodOf granularity 6", second(Calendar{}.PeriodOf(Yearly+1, at)), ErrInvalidGranularity},
		{"PeriodOf bad calendar", second(badPeriods.PeriodOf(Daily, at)), ErrInvalidCalendar},
		{"Year bad calendar", second(badPeriods.Year(at)), ErrInvalidCalendar},
		{"Quarter bad calendar", second(badPeriods.Quarter(at)), ErrInvalidCalendar},
		{"Month bad calendar", second(badPeriods.Month(at)), ErrInvalidCalendar},
		{"Week bad calendar", second(badPeriods.Week(at)), ErrInvalidCalendar},
		{"Day bad calendar", second(badPeriods.Day(at)), ErrInvalidCalendar},
		{"FiscalYear bad calendar", second(badPeriods.FiscalYear(at)), ErrInvalidCalendar},
		{"WorkingDays bad weekend", second(badWeekend.WorkingDays(at, at.AddDate(0, 0, 7))), ErrInvalidCalendar},
		{"WorkingDays bad holiday", second(badHoliday.WorkingDays(at, at)), ErrInvalidCalendar},
		{"PeriodOf ignores weekend", second(badWeekend.PeriodOf(Daily, at)), nil},
		{"WorkingDays ignores fiscal start", second(badPeriods.WorkingDays(at, at.AddDate(0, 0, 7))), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !errors.Is(tc.err, tc.want) || (tc.want == nil) != (tc.err == nil) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func second[T any](_ T, err error) error { return err }

func TestPeriodsYieldsNothing(t *testing.T) {
	t.Parallel()
	from, to := date(time.UTC, 2025, 1, 1), date(time.UTC, 2025, 3, 1)
	tests := []struct {
		name     string
		c        Calendar
		g        Granularity
		from, to time.Time
	}{
		{"invalid calendar", Calendar{Months: 9}, Monthly, from, to},
		{"invalid granularity", Calendar{}, UnknownGranularity, from, to},
		{"empty range", Calendar{}, Monthly, from, from},
		{"reversed range", Calendar{}, Monthly, to, from},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for p := range tc.c.Periods(tc.g, tc.from, tc.to) {
				t.Errorf("Periods(%v, %v, %v) yielded %v, want nothing", tc.g, tc.from, tc.to, p)
			}
		})
	}
}

// TestPeriodsStopEarly checks that Periods honours a break and that
// instants in other locations select the same periods: 1 January to 1 March
// 2025 covers the months January and February (hand-worked).
func TestPeriodsStopEarly(t *testing.T) {
	t.Parallel()
	tokyo := mustLoad(t, "Asia/Tokyo")
	var got []string
	for p := range (Calendar{}).Periods(Monthly, date(time.UTC, 2025, 1, 1).In(tokyo), date(time.UTC, 2025, 3, 1).In(tokyo)) {
		got = append(got, p.Name)
	}
	if want := []string{"2025-01", "2025-02"}; !slices.Equal(got, want) {
		t.Errorf("Periods = %v, want %v", got, want)
	}
	n := 0
	for range (Calendar{}).Periods(Daily, date(time.UTC, 2025, 1, 1), date(time.UTC, 2026, 1, 1)) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("Periods yielded %d periods after a break at 3", n)
	}
}

// TestSkippedDate checks a date the zone skipped: Samoa moved across the
// date line at the end of 29 December 2011, so no instant has the local
// date 30 December 2011 (tz database, Pacific/Apia).
func TestSkippedDate(t *testing.T) {
	t.Parallel()
	apia := mustLoad(t, "Pacific/Apia")
	c := Calendar{Location: apia}
	var got []string
	for p := range c.Periods(Daily, date(apia, 2011, 12, 29), date(apia, 2012, 1, 1)) {
		got = append(got, fmt.Sprintf("%s %v", p.Name, p.Duration()))
	}
	if want := []string{"2011-12-29 24h0m0s", "2011-12-31 24h0m0s"}; !slices.Equal(got, want) {
		t.Errorf("Periods = %v, want %v", got, want)
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		got  fmt.Stringer
		want string
	}{
		{UnknownGranularity, "unknown"},
		{Daily, "day"},
		{Weekly, "week"},
		{Monthly, "month"},
		{Quarterly, "quarter"},
		{Yearly, "year"},
		{Granularity(9), "Granularity(9)"},
		{NameByEndYear, "end year"},
		{NameByStartYear, "start year"},
		{YearNaming(5), "YearNaming(5)"},
		{ISOWeeks, "ISO 8601"},
		{SundayWeeks, "Sunday"},
		{SaturdayWeeks, "Saturday"},
		{WeekRule(8), "WeekRule(8)"},
		{GregorianMonths, "Gregorian"},
		{Weeks445, "4-4-5"},
		{Weeks454, "4-5-4"},
		{Weeks544, "5-4-4"},
		{MonthPattern(4), "MonthPattern(4)"},
		{UnknownYearEnd, "unknown"},
		{LastWeekday, "last"},
		{NearestWeekday, "nearest"},
		{YearEndRule(3), "YearEndRule(3)"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			if s := tc.got.String(); s != tc.want {
				t.Errorf("String() = %q, want %q", s, tc.want)
			}
		})
	}
}

func TestWeekRuleWeekday(t *testing.T) {
	t.Parallel()
	tests := []struct {
		r    WeekRule
		want time.Weekday
	}{
		{ISOWeeks, time.Monday}, {SundayWeeks, time.Sunday}, {MondayWeeks, time.Monday},
		{WednesdayWeeks, time.Wednesday}, {SaturdayWeeks, time.Saturday}, {WeekRule(99), time.Monday},
	}
	for _, tc := range tests {
		t.Run(tc.r.String(), func(t *testing.T) {
			t.Parallel()
			if got := tc.r.Weekday(); got != tc.want {
				t.Errorf("%v.Weekday() = %v, want %v", tc.r, got, tc.want)
			}
		})
	}
}

// TestNames checks names outside the table years, which are formatted on
// each call, and at the table's edges.
func TestNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    Calendar
		g    Granularity
		at   time.Time
		want string
	}{
		{"year 1", Calendar{}, Daily, date(time.UTC, 1, 1, 1), "0001-01-01"},
		{"year 1969", Calendar{}, Monthly, date(time.UTC, 1969, 12, 31), "1969-12"},
		{"year 1970", Calendar{}, Weekly, date(time.UTC, 1970, 1, 1), "1970-W01"},
		{"year 2099", Calendar{FiscalYearStart: time.October}, Quarterly, date(time.UTC, 2098, 10, 1), "FY2099 Q1"},
		{"year 2100", Calendar{FiscalYearStart: time.October}, Yearly, date(time.UTC, 2099, 10, 1), "FY2100"},
		{"year 12345", Calendar{}, Daily, date(time.UTC, 12345, 6, 7), "12345-06-07"},
		{"year -1", Calendar{}, Monthly, date(time.UTC, -1, 6, 7), "-0001-06"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.c.PeriodOf(tc.g, tc.at)
			if err != nil || got.Name != tc.want {
				t.Errorf("PeriodOf(%v, %v) = %v, %v, want name %q", tc.g, tc.at, got, err, tc.want)
			}
		})
	}
}

// TestNameTables checks every table entry against the formatter that other
// years use, so the two never disagree.
func TestNameTables(t *testing.T) {
	t.Parallel()
	tables := map[string]*nameTable{
		"year": yearNames, "quarter": quarterNames, "fiscal month": fiscalMonthNames,
		"fiscal week": fiscalWeekNames, "month": monthNames, "iso week": isoWeekNames, "day": dayNames,
	}
	for name, nt := range tables {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := len(nt.text()); got != (nameTableEndYear-nameTableFirstYear)*nt.perYear*nt.width {
				t.Fatalf("table holds %d bytes", got)
			}
			for y := nameTableFirstYear; y < nameTableEndYear; y++ {
				for i := range nt.perYear {
					if got, want := nt.name(y, i), string(nt.kind.format(nil, y, i)); got != want {
						t.Fatalf("name(%d, %d) = %q, want %q", y, i, got, want)
					}
				}
			}
		})
	}
}

// TestPeriodOfAllocations checks that PeriodOf allocates nothing for years
// in the name tables, and only the name outside them.
func TestPeriodOfAllocations(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	cals := map[string]Calendar{
		"gregorian": {Location: ny, FiscalYearStart: time.July, Weeks: SundayWeeks},
		"retail":    {Location: ny, FiscalYearStart: time.February, Months: Weeks454, YearEnd: NearestWeekday, YearEndDay: time.Saturday},
	}
	for name, c := range cals {
		for _, g := range []Granularity{Daily, Weekly, Monthly, Quarterly, Yearly} {
			for _, tc := range []struct {
				at   time.Time
				want float64
			}{{date(ny, 2025, 3, 9), 0}, {date(ny, 1900, 3, 9), 1}} {
				got := testing.AllocsPerRun(100, func() {
					if _, err := c.PeriodOf(g, tc.at); err != nil {
						t.Fatal(err)
					}
				})
				if got != tc.want {
					t.Errorf("%s: PeriodOf(%v, %v) allocates %v times, want %v", name, g, tc.at, got, tc.want)
				}
			}
		}
	}
	c := Calendar{Location: ny, Holidays: []time.Time{date(time.UTC, 2025, 1, 1), date(time.UTC, 2025, 12, 25)}}
	if got := testing.AllocsPerRun(100, func() {
		if _, err := c.WorkingDays(date(ny, 2025, 1, 1), date(ny, 2026, 1, 1)); err != nil {
			t.Fatal(err)
		}
	}); got != 0 {
		t.Errorf("WorkingDays allocates %v times, want 0", got)
	}
}

// TestPeriodNamedReference looks every period of the pandas reference up
// by its name: the same period comes back.
func TestPeriodNamedReference(t *testing.T) {
	t.Parallel()
	ref := loadCalendarRef(t)
	for _, r := range ref.Periods {
		c := ref.Calendars[r[0].(string)].calendar(t)
		g := refGranularity[r[1].(string)]
		want := Period{Start: unix(r[3]), End: unix(r[4]), Name: r[5].(string)}
		got, err := c.PeriodNamed(g, want.Name)
		if err != nil || !got.Start.Equal(want.Start) || !got.End.Equal(want.End) || got.Name != want.Name {
			t.Errorf("%s: PeriodNamed(%v, %q) = %v, %v; want %v", r[0], g, want.Name, got, err, want)
		}
	}
	c := Calendar{}
	for _, tc := range []struct {
		g    Granularity
		name string
		want error
	}{
		{Quarterly, "FY2025 Q5", ErrInvalidPeriod},
		{Quarterly, "Q3", ErrInvalidPeriod},
		{Monthly, "2025-13", ErrInvalidPeriod},
		{Weekly, "2026-W53", ErrInvalidPeriod}, // 2026 has 53 ISO weeks
		{Weekly, "2025-W53", ErrInvalidPeriod}, // 2025 has 52
		{Quarterly, "FY2025 Q1", nil},
		{Yearly, "FY25", ErrInvalidPeriod},
		{Granularity(9), "FY2025", ErrInvalidGranularity},
	} {
		_, err := c.PeriodNamed(tc.g, tc.name)
		if tc.name == "2026-W53" {
			// 28 December 2026 to 3 January 2027 is ISO week 53 of 2026.
			if p, err := c.PeriodNamed(Weekly, "2026-W53"); err != nil || !p.Start.Equal(time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("PeriodNamed(week, 2026-W53) = %v, %v", p, err)
			}
			continue
		}
		if !errors.Is(err, tc.want) && (tc.want != nil || err != nil) {
			t.Errorf("PeriodNamed(%v, %q) error = %v, want %v", tc.g, tc.name, err, tc.want)
		}
	}
}

// TestPositionOf reads ordinals by hand: a fiscal year from February named
// by its end year; 14 March 2025 is in FY2026 (February 2025 to January
// 2026), its first quarter (February–April), its second month, ISO week 11,
// and the 42nd date (the 28 of February and 14 of March).
func TestPositionOf(t *testing.T) {
	t.Parallel()
	c := Calendar{FiscalYearStart: time.February}
	got, err := c.PositionOf(time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC))
	want := Position{FiscalYear: 2026, Quarter: 1, Month: 2, Week: 11, Day: 42}
	if err != nil || got != want {
		t.Errorf("PositionOf = %+v, %v; want %+v", got, err, want)
	}
	// The first instant of a quarter is in it.
	got, err = c.PositionOf(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || got.Quarter != 2 || got.Month != 4 || got.Day != 90 {
		t.Errorf("PositionOf(1 May) = %+v, %v; want quarter 2, month 4, day 90", got, err)
	}
	if _, err := (Calendar{FiscalYearStart: 13}).PositionOf(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrInvalidCalendar) {
		t.Errorf("invalid calendar: %v", err)
	}
}
