package activity

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Granularity is the length of a calendar period: a day, a week, a month, a
// quarter or a fiscal year.
//
// The zero value is UnknownGranularity, which no method accepts: a period
// length is always chosen explicitly.
type Granularity uint8

const (
	// UnknownGranularity is the zero Granularity; PeriodOf rejects it with
	// ErrInvalidGranularity.
	UnknownGranularity Granularity = iota
	// Daily periods are local calendar dates, midnight to midnight.
	Daily
	// Weekly periods are seven local dates, cut as the Calendar's Weeks and
	// Months settings say.
	Weekly
	// Monthly periods are calendar months, or fiscal months of whole weeks in
	// a retail calendar.
	Monthly
	// Quarterly periods are three consecutive months counted from the start of
	// the fiscal year.
	Quarterly
	// Yearly periods are fiscal years.
	Yearly
)

// String returns "day", "week", "month", "quarter" or "year", "unknown" for
// UnknownGranularity, and "Granularity(n)" for a value out of range.
func (g Granularity) String() string {
	switch g {
	case UnknownGranularity:
		return "unknown"
	case Daily:
		return "day"
	case Weekly:
		return "week"
	case Monthly:
		return "month"
	case Quarterly:
		return "quarter"
	case Yearly:
		return "year"
	}
	return "Granularity(" + strconv.Itoa(int(g)) + ")"
}

// check reports an error wrapping ErrInvalidGranularity unless g is one of
// Daily, Weekly, Monthly, Quarterly or Yearly.
func (g Granularity) check() error {
	if g < Daily || g > Yearly {
		return fmt.Errorf("%w: %v (want day, week, month, quarter or year)", ErrInvalidGranularity, g)
	}
	return nil
}

// YearNaming says which calendar year a fiscal year is named after.
//
// The zero value, NameByEndYear, names a fiscal year by the year it ends in.
// A fiscal year that starts in January starts and ends in the same calendar
// year, so both namings give it the same name.
type YearNaming uint8

const (
	// NameByEndYear names a fiscal year by the calendar year of its last
	// month: with FiscalYearStart July, FY2025 runs from July 2024 to June
	// 2025. This is the zero value, and the convention of the US federal
	// government, Microsoft and pandas' fiscal periods ("A-JUN").
	NameByEndYear YearNaming = iota
	// NameByStartYear names a fiscal year by the calendar year of its first
	// month: with FiscalYearStart February, FY2023 runs from February 2023 to
	// January 2024, as the US National Retail Federation names its years.
	NameByStartYear
)

// String returns "end year" or "start year", and "YearNaming(n)" for a value
// out of range.
func (n YearNaming) String() string {
	switch n {
	case NameByEndYear:
		return "end year"
	case NameByStartYear:
		return "start year"
	}
	return "YearNaming(" + strconv.Itoa(int(n)) + ")"
}

// WeekRule says on which weekday weeks start and how they are numbered.
//
// The zero value, ISOWeeks, is ISO 8601. The other values start weeks on the
// named weekday and number them within the fiscal year; see Calendar.
type WeekRule uint8

const (
	// ISOWeeks are ISO 8601 weeks: Monday to Sunday, named "2025-W07" after
	// the ISO week-numbering year. Week 1 is the week holding the year's first
	// Thursday (equivalently, 4 January), so 29 December to 3 January may
	// belong to the neighbouring year, and a year has 52 or 53 weeks. The
	// fiscal year does not change ISO weeks.
	ISOWeeks WeekRule = iota
	// SundayWeeks start on Sunday and are numbered in the fiscal year.
	SundayWeeks
	// MondayWeeks start on Monday and are numbered in the fiscal year. With a
	// fiscal year starting in January they fall on the same dates and numbers
	// as ISOWeeks, but are named "FY2025 W07".
	MondayWeeks
	// TuesdayWeeks start on Tuesday and are numbered in the fiscal year.
	TuesdayWeeks
	// WednesdayWeeks start on Wednesday and are numbered in the fiscal year.
	WednesdayWeeks
	// ThursdayWeeks start on Thursday and are numbered in the fiscal year.
	ThursdayWeeks
	// FridayWeeks start on Friday and are numbered in the fiscal year.
	FridayWeeks
	// SaturdayWeeks start on Saturday and are numbered in the fiscal year.
	SaturdayWeeks
)

// Weekday returns the day weeks start on: Monday for ISOWeeks, the named day
// for the others, and Monday for a value out of range.
func (w WeekRule) Weekday() time.Weekday {
	if w == ISOWeeks || w > SaturdayWeeks {
		return time.Monday
	}
	return time.Weekday(w - 1)
}

// String returns "ISO 8601" for ISOWeeks, the starting weekday ("Sunday")
// for the others, and "WeekRule(n)" for a value out of range.
func (w WeekRule) String() string {
	switch {
	case w == ISOWeeks:
		return "ISO 8601"
	case w <= SaturdayWeeks:
		return w.Weekday().String()
	}
	return "WeekRule(" + strconv.Itoa(int(w)) + ")"
}

// MonthPattern says how a fiscal year is divided into months.
//
// The zero value, GregorianMonths, uses calendar months. The other values
// make a retail (52/53-week) calendar: the year ends on a weekday chosen by
// Calendar.YearEnd and Calendar.YearEndDay, and each quarter of 13 weeks is
// split into months of whole weeks in the named pattern.
type MonthPattern uint8

const (
	// GregorianMonths uses calendar months; fiscal years start on the first
	// of FiscalYearStart. This is the zero value.
	GregorianMonths MonthPattern = iota
	// Weeks445 splits each quarter into months of 4, 4 and 5 weeks.
	Weeks445
	// Weeks454 splits each quarter into months of 4, 5 and 4 weeks, the
	// pattern of the US National Retail Federation calendar.
	Weeks454
	// Weeks544 splits each quarter into months of 5, 4 and 4 weeks.
	Weeks544
)

// String returns "Gregorian", "4-4-5", "4-5-4" or "5-4-4", and
// "MonthPattern(n)" for a value out of range.
func (p MonthPattern) String() string {
	switch p {
	case GregorianMonths:
		return "Gregorian"
	case Weeks445:
		return "4-4-5"
	case Weeks454:
		return "4-5-4"
	case Weeks544:
		return "5-4-4"
	}
	return "MonthPattern(" + strconv.Itoa(int(p)) + ")"
}

// weeks returns the number of weeks of the three months of a quarter.
func (p MonthPattern) weeks() [3]int {
	switch p {
	case Weeks454:
		return [3]int{4, 5, 4}
	case Weeks544:
		return [3]int{5, 4, 4}
	}
	return [3]int{4, 4, 5}
}

// YearEndRule says which weekday of the year-end month ends a retail year:
// the last one, or the one nearest the month's last day. The two are the
// "last" and "nearest" variations of the 52/53-week fiscal year (pandas'
// FY5253 offset; IRS Publication 538).
//
// The zero value, UnknownYearEnd, is what a calendar of GregorianMonths
// must have; a retail calendar must choose LastWeekday or NearestWeekday.
type YearEndRule uint8

const (
	// UnknownYearEnd is the zero YearEndRule. Validate rejects it in a retail
	// calendar, so that the rule is always chosen explicitly.
	UnknownYearEnd YearEndRule = iota
	// LastWeekday ends the retail year on the last YearEndDay of the
	// year-end month: with Saturday and January, 27 January 2024.
	LastWeekday
	// NearestWeekday ends the retail year on the YearEndDay nearest the last
	// day of the year-end month, which is at most three days before or after
	// it: with Saturday and January, 3 February 2024. This is the NRF rule.
	NearestWeekday
)

// String returns "last" or "nearest" (pandas' names), "unknown" for
// UnknownYearEnd, and "YearEndRule(n)" for a value out of range.
func (r YearEndRule) String() string {
	switch r {
	case UnknownYearEnd:
		return "unknown"
	case LastWeekday:
		return "last"
	case NearestWeekday:
		return "nearest"
	}
	return "YearEndRule(" + strconv.Itoa(int(r)) + ")"
}

// Calendar cuts time into named periods (days, weeks, months, quarters and
// fiscal years) in one time zone, and counts working days.
//
// A Calendar is an immutable value: its methods have value receivers and
// never modify its slices, so one Calendar may be used from many goroutines. The zero Calendar is ready to use: UTC, fiscal
// years equal to calendar years, ISO 8601 weeks, calendar months, a Monday to
// Friday working week and no holidays.
//
// # Days
//
// Every period is a run of whole local dates in Location, from the first
// instant of its first date to the first instant of the date after its last:
// [Start, End). The first instant of a date is local midnight, built with
// time.Date in Location, so a day lasts 23 or 25 hours (23.5 or 24.5 on Lord
// Howe Island) when daylight saving starts or ends. Where clocks jump from
// 23:59:59 to 01:00 (São Paulo until 2019, Santiago, Havana) the day starts
// at 01:00; where midnight happens twice it starts at the first.
//
// # Fiscal years
//
// Gregorian calendar (Months is GregorianMonths): a fiscal year is twelve
// calendar months starting on the first of FiscalYearStart; quarters are
// three of those months, months are calendar months. With FiscalYearStart
// July and NameByEndYear, FY2025 is 1 July 2024 to 30 June 2025 and FY2025 Q1
// is July to September 2024.
//
// Retail calendar (Months is Weeks445, Weeks454 or Weeks544): the year-end
// month is the month before FiscalYearStart, and the year ends on its last
// YearEndDay (LastWeekday) or on the YearEndDay nearest its last day
// (NearestWeekday). A year runs from the day after the previous year's end to
// its own end: 52 weeks, or 53 about one year in six. Quarters are 13 weeks;
// months are 4, 4 and 5 weeks (or 4-5-4, or 5-4-4) within each quarter. A
// 53-week year gives its extra week to its last month, so 4-4-5 becomes
// 4-4-6 in the fourth quarter, as in the NRF 4-5-4 calendar. A retail year is
// named after the calendar months it stands for, not the dates it happens to
// start and end on: with FiscalYearStart February, Saturday, NearestWeekday
// and NameByStartYear, FY2023 is 29 January 2023 to 3 February 2024 (53
// weeks), the NRF's fiscal 2023.
//
// # Weeks
//
// ISOWeeks (the zero value): ISO 8601 weeks, Monday to Sunday, numbered in
// the ISO week-numbering year whatever the fiscal year.
//
// Another WeekRule in a Gregorian calendar: weeks start on the named weekday
// and belong to the fiscal year holding their fourth day (the ISO rule,
// carried over to any first weekday and fiscal year), so week 1 is the week
// holding the fiscal year's fourth day, and a fiscal year has 52 or 53
// weeks. With SundayWeeks and a January fiscal year these are the US CDC's
// MMWR weeks: 2025 week 1 is 29 December 2024 to 4 January 2025.
//
// In a retail calendar weeks start the day after YearEndDay and are
// numbered 1 to 52 or 53 from the first day of the fiscal year; Weeks must be
// ISOWeeks (meaning "follow the year") or name that same weekday.
//
// Weeks of a Gregorian calendar do not nest in months or years; weeks of a
// retail calendar nest in all of its periods.
//
// # Names
//
// Period.Name is:
//
//	Yearly     FY2025        fiscal year, named as YearNaming says
//	Quarterly  FY2025 Q1     quarters 1 to 4 of that fiscal year
//	Monthly    2025-03       Gregorian calendar: the calendar month
//	           FY2025 M01    retail calendar: fiscal months 1 to 12
//	Weekly     2025-W07      ISOWeeks in a Gregorian calendar
//	           FY2025 W07    other weeks: week 1 to 53 of that fiscal year
//	Daily      2025-03-14    the local date
//
// Years are written with at least four digits. For years 1970 to 2099 names
// come from read-only tables built on first use, so that PeriodOf and
// Periods allocate nothing; other years allocate their name.
//
// # Working days
//
// WorkingDays counts local dates that are neither a Weekend day nor one of
// Holidays.
//
// # Validity
//
// Validate reports every setting out of range. The other methods check the
// settings they use and return an error wrapping ErrInvalidCalendar when one
// is wrong, so a Calendar never panics on its settings or on an instant.
type Calendar struct {
	// Location is the time zone periods are cut in: every period starts at a
	// local midnight there. Nil means UTC.
	Location *time.Location

	// FiscalYearStart is the first month of the fiscal year (time.January to
	// time.December). Zero means January.
	FiscalYearStart time.Month

	// YearNaming says whether a fiscal year is named after the calendar year
	// it ends in (NameByEndYear, the zero value) or starts in.
	YearNaming YearNaming

	// Weeks says how weeks are cut and numbered. The zero value is ISO 8601.
	Weeks WeekRule

	// Months says how a fiscal year is divided into months: calendar months
	// (GregorianMonths, the zero value) or a retail 4-4-5, 4-5-4 or 5-4-4
	// pattern of whole weeks.
	Months MonthPattern

	// YearEnd says which YearEndDay of the year-end month ends a retail
	// year. A retail calendar must set it; a Gregorian one must leave it zero.
	YearEnd YearEndRule

	// YearEndDay is the weekday a retail year ends on (time.Saturday in the
	// NRF calendar). A Gregorian calendar must leave it zero.
	YearEndDay time.Weekday

	// Weekend lists the weekdays that are not working days. Nil means
	// Saturday and Sunday; an empty non-nil slice means every day is a
	// working day. Repeats are ignored; all seven days is invalid.
	Weekend []time.Weekday

	// Holidays lists dates that are not working days. Only the year, month
	// and day of each time count, read in that time's own location: 25
	// December 2025 in the calendar's zone is time.Date(2025, 12, 25, 0, 0,
	// 0, 0, time.UTC), whatever Location is. Holidays may be in any order and
	// repeat; a list in ascending order is counted without allocating. A zero
	// time is invalid.
	Holidays []time.Time
}

// Validate reports an error wrapping ErrInvalidCalendar for the first
// setting out of range: FiscalYearStart outside 0..12; YearNaming, Weeks,
// Months or YearEnd not one of their constants; YearEndDay not a weekday; a
// retail calendar without LastWeekday or NearestWeekday, or whose Weeks start
// on another day than the one after YearEndDay; a Gregorian calendar with
// YearEnd or YearEndDay set; a Weekend entry that is not a weekday, or a
// Weekend of all seven days; a zero Holidays entry. It returns nil for the
// zero Calendar.
func (c Calendar) Validate() error {
	if _, err := c.rules(); err != nil {
		return err
	}
	if _, err := c.weekendMask(); err != nil {
		return err
	}
	for i, h := range c.Holidays {
		if h.IsZero() {
			return fmt.Errorf("%w: holiday %d is the zero time", ErrInvalidCalendar, i)
		}
	}
	return nil
}

// PeriodOf returns the period of granularity g that holds the instant t:
// the one with Start <= t < End, cut at local midnights in the calendar's
// Location and named as Calendar describes. t may be in any location; Start
// and End are in Location.
//
// It returns an error wrapping ErrInvalidGranularity when g is not Daily,
// Weekly, Monthly, Quarterly or Yearly, and one wrapping ErrInvalidCalendar
// when a setting it uses is out of range (see Validate; Weekend and Holidays
// are not used). For names in years 1970 to 2099 it does not allocate.
func (c Calendar) PeriodOf(g Granularity, t time.Time) (Period, error) {
	if err := g.check(); err != nil {
		return Period{}, err
	}
	r, err := c.rules()
	if err != nil {
		return Period{}, err
	}
	key, start, end := r.locate(g, t)
	return Period{Start: start, End: end, Name: r.name(g, key)}, nil
}

// Year returns the fiscal year holding t: PeriodOf(Yearly, t).
func (c Calendar) Year(t time.Time) (Period, error) { return c.PeriodOf(Yearly, t) }

// Quarter returns the fiscal quarter holding t: PeriodOf(Quarterly, t).
func (c Calendar) Quarter(t time.Time) (Period, error) { return c.PeriodOf(Quarterly, t) }

// Month returns the month holding t: PeriodOf(Monthly, t).
func (c Calendar) Month(t time.Time) (Period, error) { return c.PeriodOf(Monthly, t) }

// Week returns the week holding t: PeriodOf(Weekly, t).
func (c Calendar) Week(t time.Time) (Period, error) { return c.PeriodOf(Weekly, t) }

// Day returns the local date holding t: PeriodOf(Daily, t).
func (c Calendar) Day(t time.Time) (Period, error) { return c.PeriodOf(Daily, t) }

// FiscalYear returns the number in the name of the fiscal year holding t:
// 2025 for "FY2025". It returns an error wrapping ErrInvalidCalendar when a
// setting PeriodOf uses is out of range.
func (c Calendar) FiscalYear(t time.Time) (int, error) {
	r, err := c.rules()
	if err != nil {
		return 0, err
	}
	key, _, _ := r.locate(Yearly, t)
	return r.label(key), nil
}

// Periods returns every period of granularity g that overlaps [from, to),
// in time order: the first holds from, the last starts before to, and each
// period's End equals the next one's Start. It yields nothing when to is not
// after from, when g is not valid, or when a setting it uses is out of range;
// PeriodOf(g, from) returns the error in the last two cases. Dates that a
// time zone skipped entirely (Samoa's 30 December 2011) give no period.
//
// Each period costs the same as one PeriodOf call and, for years 1970 to
// 2099, no allocation.
func (c Calendar) Periods(g Granularity, from, to time.Time) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if g.check() != nil || !from.Before(to) {
			return
		}
		r, err := c.rules()
		if err != nil {
			return
		}
		key, start, end := r.locate(g, from)
		for start.Before(to) {
			if start.Before(end) && !yield(Period{Start: start, End: end, Name: r.name(g, key)}) {
				return
			}
			key++
			_, b := r.bounds(g, key)
			start, end = end, r.dayStart(b)
		}
	}
}

// WorkingDays returns the number of local dates d in the calendar's
// Location with date(from) <= d < date(to) that are neither Weekend days nor
// Holidays: from's date counts, to's does not, as in numpy.busday_count.
// When to's date is before from's, the count is negative, as numpy's is:
// minus the working days from to's date up to from's. A holiday on a weekend
// day, or listed twice, is subtracted once.
//
// The count takes O(1) time for the weekdays (whole weeks times working
// days a week, plus at most six more) and O(len(Holidays)) for the holidays,
// whatever the span. It allocates only when Holidays are not in ascending
// order. It returns an error wrapping ErrInvalidCalendar when Weekend or
// Holidays are invalid (see Validate).
func (c Calendar) WorkingDays(from, to time.Time) (int, error) {
	weekend, err := c.weekendMask()
	if err != nil {
		return 0, err
	}
	r := rules{loc: c.Location, utc: c.Location == nil || c.Location == time.UTC}
	a, b := r.localDay(from), r.localDay(to)
	if b < a {
		n, err := c.WorkingDays(to, from)
		return -n, err
	}

	// Holidays first, so that a zero holiday is reported whatever the span.
	holidays, sorted, prev := 0, true, 0
	for i, h := range c.Holidays {
		if h.IsZero() {
			return 0, fmt.Errorf("%w: holiday %d is the zero time", ErrInvalidCalendar, i)
		}
		n := dateOf(h)
		if i > 0 && n < prev {
			sorted = false
		}
		if (i == 0 || n != prev) && n >= a && n < b && !weekend[weekdayOf(n)] {
			holidays++
		}
		prev = n
	}
	if b <= a {
		return 0, nil
	}
	if !sorted {
		holidays = c.countUnsortedHolidays(a, b, &weekend)
	}

	perWeek := 0
	for _, off := range weekend {
		if !off {
			perWeek++
		}
	}
	span := b - a
	days := span / 7 * perWeek
	for n := b - span%7; n < b; n++ {
		if !weekend[weekdayOf(n)] {
			days++
		}
	}
	return days - holidays, nil
}

// countUnsortedHolidays returns the number of distinct Holidays dates in
// [a, b) that are not weekend days, sorting a copy of them.
func (c Calendar) countUnsortedHolidays(a, b int, weekend *[7]bool) int {
	var in []int
	for _, h := range c.Holidays {
		if n := dateOf(h); n >= a && n < b && !weekend[weekdayOf(n)] {
			in = append(in, n)
		}
	}
	slices.Sort(in)
	return len(slices.Compact(in))
}

// weekendMask returns Weekend as a set indexed by time.Weekday.
func (c Calendar) weekendMask() ([7]bool, error) {
	var mask [7]bool
	if c.Weekend == nil {
		mask[time.Saturday], mask[time.Sunday] = true, true
		return mask, nil
	}
	days := 0
	for _, d := range c.Weekend {
		if d < time.Sunday || d > time.Saturday {
			return mask, fmt.Errorf("%w: weekend day %d is not a weekday (0 Sunday .. 6 Saturday)", ErrInvalidCalendar, int(d))
		}
		if !mask[d] {
			mask[d] = true
			days++
		}
	}
	if days == 7 {
		return mask, fmt.Errorf("%w: the weekend covers all seven days", ErrInvalidCalendar)
	}
	return mask, nil
}

// rules is a Calendar's period settings, checked and resolved to the numbers
// the arithmetic uses. Dates are day numbers: days since 1970-01-01 in the
// proleptic Gregorian calendar, with no time zone.
type rules struct {
	loc     *time.Location
	utc     bool // loc is UTC: days are exactly 86,400 s
	start   int  // first month of the fiscal year, 1..12
	byStart bool // NameByStartYear
	iso     bool // ISO 8601 weeks
	weekDay int  // weekday weeks start on, 0 Sunday .. 6 Saturday
	retail  bool
	nearest bool   // NearestWeekday, else LastWeekday
	endDay  int    // weekday retail years end on
	pattern [3]int // weeks in the months of a retail quarter
}

// rules checks the settings PeriodOf uses and resolves them.
func (c Calendar) rules() (rules, error) {
	r := rules{loc: c.Location, utc: c.Location == nil || c.Location == time.UTC}
	if r.loc == nil {
		r.loc = time.UTC
	}
	switch {
	case c.FiscalYearStart < 0 || c.FiscalYearStart > time.December:
		return r, fmt.Errorf("%w: fiscal year start %d is not a month (1..12, or 0 for January)", ErrInvalidCalendar, int(c.FiscalYearStart))
	case c.YearNaming > NameByStartYear:
		return r, fmt.Errorf("%w: unknown year naming %v", ErrInvalidCalendar, c.YearNaming)
	case c.Weeks > SaturdayWeeks:
		return r, fmt.Errorf("%w: unknown week rule %v", ErrInvalidCalendar, c.Weeks)
	case c.Months > Weeks544:
		return r, fmt.Errorf("%w: unknown month pattern %v", ErrInvalidCalendar, c.Months)
	case c.YearEnd > NearestWeekday:
		return r, fmt.Errorf("%w: unknown year-end rule %v", ErrInvalidCalendar, c.YearEnd)
	case c.YearEndDay < time.Sunday || c.YearEndDay > time.Saturday:
		return r, fmt.Errorf("%w: year-end day %d is not a weekday (0 Sunday .. 6 Saturday)", ErrInvalidCalendar, int(c.YearEndDay))
	}
	r.start = int(c.FiscalYearStart)
	if r.start == 0 {
		r.start = 1
	}
	r.byStart = c.YearNaming == NameByStartYear
	if c.Months == GregorianMonths {
		if c.YearEnd != UnknownYearEnd || c.YearEndDay != time.Sunday {
			return r, fmt.Errorf("%w: year-end rule %v and day %v apply only to 4-4-5, 4-5-4 and 5-4-4 calendars", ErrInvalidCalendar, c.YearEnd, c.YearEndDay)
		}
		r.iso = c.Weeks == ISOWeeks
		r.weekDay = int(c.Weeks.Weekday())
		return r, nil
	}
	if c.YearEnd == UnknownYearEnd {
		return r, fmt.Errorf("%w: a %v calendar needs YearEnd LastWeekday or NearestWeekday", ErrInvalidCalendar, c.Months)
	}
	first := (c.YearEndDay + 1) % 7
	if c.Weeks != ISOWeeks && c.Weeks.Weekday() != first {
		return r, fmt.Errorf("%w: weeks start on %v but retail years ending on %v need them to start on %v", ErrInvalidCalendar, c.Weeks.Weekday(), c.YearEndDay, first)
	}
	r.retail = true
	r.nearest = c.YearEnd == NearestWeekday
	r.endDay = int(c.YearEndDay)
	r.weekDay = int(first)
	r.pattern = c.Months.weeks()
	return r, nil
}

// locate returns the key of the g-period holding t and its bounds.
func (r *rules) locate(g Granularity, t time.Time) (key int, start, end time.Time) {
	key = r.key(g, r.localDay(t))
	a, b := r.bounds(g, key)
	start, end = r.dayStart(a), r.dayStart(b)
	// A period holds t unless the zone's clock once went back across
	// midnight (Sitka in 1867 repeated a date): then the date t shows has
	// already ended, and t belongs to a neighbouring period. Boundaries are
	// first instants of dates, which never decrease, so stepping finds it.
	for range 8 {
		switch {
		case t.Before(start):
			key--
			a, _ = r.bounds(g, key)
			start, end = r.dayStart(a), start
		case !t.Before(end):
			key++
			_, b = r.bounds(g, key)
			start, end = end, r.dayStart(b)
		default:
			return key, start, end
		}
	}
	return key, start, end
}

// key returns the key of the g-period holding day number n. Keys number the
// periods of one granularity consecutively: the day number; weeks since the
// week holding 1970-01-01; months since year 0 (calendar months, or 12 per
// retail year); quarters, 4 per fiscal year; the calendar year a fiscal year
// starts in.
func (r *rules) key(g Granularity, n int) int {
	switch g {
	case Daily:
		return n
	case Weekly:
		return floorDiv(n-r.weekAnchor(), 7)
	}
	if r.retail {
		ys, first, _ := r.retailYear(n)
		week := (n - first) / 7
		if g == Yearly {
			return ys
		}
		if g == Quarterly {
			return ys*4 + min(week/13, 3)
		}
		return ys*12 + r.retailMonth(week)
	}
	mk := monthKey(n)
	switch g {
	case Monthly:
		return mk
	case Quarterly:
		return floorDiv(mk-(r.start-1), 3)
	}
	return floorDiv(mk-(r.start-1), 12)
}

// bounds returns the day numbers [a, b) of the g-period with the given key.
// Consecutive keys give contiguous bounds.
func (r *rules) bounds(g Granularity, key int) (a, b int) {
	switch g {
	case Daily:
		return key, key + 1
	case Weekly:
		a = r.weekAnchor() + 7*key
		return a, a + 7
	}
	if r.retail {
		switch g {
		case Yearly:
			return r.retailEnd(key-1) + 1, r.retailEnd(key) + 1
		case Quarterly:
			ys, q := floorDiv(key, 4), floorMod(key, 4)
			a = r.retailEnd(ys-1) + 1 + 91*q
			if q == 3 {
				return a, r.retailEnd(ys) + 1
			}
			return a, a + 91
		}
		ys, m := floorDiv(key, 12), floorMod(key, 12)
		first := r.retailEnd(ys-1) + 1
		a = first + 7*r.weeksBefore(m)
		if m == 11 {
			return a, r.retailEnd(ys) + 1
		}
		return a, first + 7*r.weeksBefore(m+1)
	}
	switch g {
	case Monthly:
		return monthStart(key), monthStart(key + 1)
	case Quarterly:
		mk := key*3 + r.start - 1
		return monthStart(mk), monthStart(mk + 3)
	}
	mk := key*12 + r.start - 1
	return monthStart(mk), monthStart(mk + 12)
}

// label returns the number naming the fiscal year that starts in calendar
// year ys (for a retail year: whose first nominal month is in ys).
func (r *rules) label(ys int) int {
	if !r.byStart && r.start != 1 {
		return ys + 1
	}
	return ys
}

// name returns the name of the g-period with the given key.
func (r *rules) name(g Granularity, key int) string {
	switch g {
	case Daily:
		y, m, d := civil(key)
		return dayNames.name(y, (int(m)-1)*31+d-1)
	case Weekly:
		return r.weekName(key)
	case Monthly:
		if r.retail {
			return fiscalMonthNames.name(r.label(floorDiv(key, 12)), floorMod(key, 12))
		}
		return monthNames.name(floorDiv(key, 12), floorMod(key, 12))
	case Quarterly:
		return quarterNames.name(r.label(floorDiv(key, 4)), floorMod(key, 4))
	}
	return yearNames.name(r.label(key), 0)
}

// weekName returns the name of the week with the given key.
func (r *rules) weekName(key int) string {
	ws := r.weekAnchor() + 7*key
	if r.retail {
		ys, first, _ := r.retailYear(ws)
		return fiscalWeekNames.name(r.label(ys), (ws-first)/7)
	}
	// The week belongs to the year holding its fourth day; week 1 of a year
	// is the week holding the year's fourth day.
	start := r.start
	if r.iso {
		start = 1
	}
	y, m, _ := civil(ws + 3)
	ys := floorDiv(y*12+int(m)-1-(start-1), 12)
	fourth := monthStart(ys*12+start-1) + 3
	first := fourth - floorMod(int(weekdayOf(fourth))-r.weekDay, 7)
	if r.iso {
		return isoWeekNames.name(ys, (ws-first)/7)
	}
	return fiscalWeekNames.name(r.label(ys), (ws-first)/7)
}

// weekAnchor returns the day number in 0..6 that falls on the first weekday
// of a week. Day 0, 1970-01-01, was a Thursday.
func (r *rules) weekAnchor() int {
	return floorMod(r.weekDay-int(time.Thursday), 7)
}

// retailEnd returns the day number of the last day of the retail year whose
// first nominal month is in calendar year ys.
func (r *rules) retailEnd(ys int) int {
	// The year-end month is the month before start: month start-1 of the
	// next calendar year, or December of ys when the year starts in January.
	// monthStart(ys*12+start-1+12) is the first day after that month.
	last := monthStart(ys*12+r.start-1+12) - 1
	back := floorMod(int(weekdayOf(last))-r.endDay, 7)
	if r.nearest && back > 3 {
		return last - back + 7
	}
	return last - back
}

// retailYear returns the retail year holding day number n and its first and
// end (exclusive) day numbers.
func (r *rules) retailYear(n int) (ys, first, end int) {
	ys = floorDiv(monthKey(n)-(r.start-1), 12)
	last := r.retailEnd(ys)
	if n > last {
		return ys + 1, last + 1, r.retailEnd(ys+1) + 1
	}
	first = r.retailEnd(ys-1) + 1
	if n < first {
		return ys - 1, r.retailEnd(ys-2) + 1, first
	}
	return ys, first, last + 1
}

// retailMonth returns the month, 0..11, holding week 0..52 of a retail year.
func (r *rules) retailMonth(week int) int {
	q := min(week/13, 3)
	w := week - 13*q
	switch {
	case w < r.pattern[0]:
		return 3 * q
	case w < r.pattern[0]+r.pattern[1]:
		return 3*q + 1
	}
	return 3*q + 2
}

// weeksBefore returns the number of weeks before month m, 0..11, of a retail
// year.
func (r *rules) weeksBefore(m int) int {
	w := 13 * (m / 3)
	switch m % 3 {
	case 1:
		w += r.pattern[0]
	case 2:
		w += r.pattern[0] + r.pattern[1]
	}
	return w
}

// localDay returns the day number of t's date in r.loc.
func (r *rules) localDay(t time.Time) int {
	var off int
	if !r.utc {
		_, off = t.In(r.loc).Zone()
	}
	return int(floorDiv(t.Unix()+int64(off), secondsPerDay))
}

// dayStart returns the first instant whose local date in r.loc is day
// number n or later: local midnight, or the end of a daylight-saving gap
// that swallowed midnight. Dates are compared, never clocks, so the result
// is right for days of any length.
func (r *rules) dayStart(n int) time.Time {
	if r.utc {
		return time.Unix(int64(n)*secondsPerDay, 0).UTC()
	}
	// time.Date is right in one of the two offsets around a transition; the
	// loop moves within and between zone segments until t is the first
	// instant of a date >= n. It settles in one or two rounds.
	t := time.Date(1970, time.January, 1+n, 0, 0, 0, 0, r.loc)
	for range 8 {
		_, off := t.Zone()
		local := t.Unix() + int64(off)
		if floorDiv(local, secondsPerDay) < int64(n) {
			// In the offset time.Date chose, midnight had not come yet:
			// the date starts at the next transition or later.
			_, end := t.ZoneBounds()
			if end.IsZero() {
				return t
			}
			t = end
			continue
		}
		// Local midnight of n in this segment's offset, unless the segment
		// started later.
		zoneStart, _ := t.ZoneBounds()
		t = t.Add(-time.Duration(local-int64(n)*secondsPerDay)*time.Second - time.Duration(t.Nanosecond()))
		if !zoneStart.IsZero() && t.Before(zoneStart) {
			t = zoneStart
		}
		// Offsets differ by less than 48 hours, so a segment that started
		// that long before t cannot have shown date n before it.
		if zoneStart.IsZero() || t.Sub(zoneStart) > 48*time.Hour {
			return t
		}
		before := zoneStart.Add(-time.Nanosecond)
		if r.localDay(before) < n {
			return t
		}
		t = before // the previous segment already showed date n
	}
	return t
}

// secondsPerDay is the length of a day in day-number arithmetic, which runs
// in UTC.
const secondsPerDay = 86400

// dayNumber returns the day number of the date y-m-d; out-of-range months
// and days are normalised as time.Date does.
func dayNumber(y int, m time.Month, d int) int {
	return int(floorDiv(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), secondsPerDay))
}

// civil returns the date of day number n.
func civil(n int) (y int, m time.Month, d int) {
	return time.Unix(int64(n)*secondsPerDay, 0).UTC().Date()
}

// dateOf returns the day number of t's date in t's own location.
func dateOf(t time.Time) int {
	_, off := t.Zone()
	return int(floorDiv(t.Unix()+int64(off), secondsPerDay))
}

// monthKey returns 12*year + month - 1 for the date of day number n.
func monthKey(n int) int {
	y, m, _ := civil(n)
	return y*12 + int(m) - 1
}

// monthStart returns the day number of the first day of month key mk
// (12*year + month - 1).
func monthStart(mk int) int {
	return dayNumber(0, time.Month(mk+1), 1)
}

// weekdayOf returns the weekday of day number n.
func weekdayOf(n int) time.Weekday {
	return time.Weekday(floorMod(n+int(time.Thursday), 7))
}

// floorDiv returns a/b rounded toward negative infinity, for b > 0.
func floorDiv[T int | int64](a, b T) T {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// floorMod returns a - b*floorDiv(a, b), in [0, b) for b > 0.
func floorMod[T int | int64](a, b T) T {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// The years whose period names come from tables: [nameTableFirstYear,
// nameTableEndYear).
const (
	nameTableFirstYear = 1970
	nameTableEndYear   = 2100
)

// nameKind is a kind of period name.
type nameKind uint8

const (
	fyName          nameKind = iota // "FY2025"
	quarterName                     // "FY2025 Q1"
	fiscalMonthName                 // "FY2025 M01"
	fiscalWeekName                  // "FY2025 W07"
	monthName                       // "2025-03"
	isoWeekName                     // "2025-W07"
	dayName                         // "2025-03-14", i = 31*(month-1) + day-1
)

// format appends name i (0-based) of year.
func (k nameKind) format(b []byte, y, i int) []byte {
	switch k {
	case fyName:
		return appendYear(append(b, "FY"...), y)
	case quarterName:
		return append(appendYear(append(b, "FY"...), y), ' ', 'Q', byte('1'+i))
	case fiscalMonthName:
		return append2(append(appendYear(append(b, "FY"...), y), " M"...), i+1)
	case fiscalWeekName:
		return append2(append(appendYear(append(b, "FY"...), y), " W"...), i+1)
	case monthName:
		return append2(append(appendYear(b, y), '-'), i+1)
	case isoWeekName:
		return append2(append(appendYear(b, y), "-W"...), i+1)
	}
	return append2(append(append2(append(appendYear(b, y), '-'), i/31+1), '-'), i%31+1)
}

// nameTable holds the names of one kind of period, perYear names of width
// bytes for each year of the table, in one read-only string built on first
// use. Other years format their name on each call.
type nameTable struct {
	kind           nameKind
	width, perYear int
	text           func() string
}

func newNameTable(kind nameKind, width, perYear int) *nameTable {
	nt := &nameTable{kind: kind, width: width, perYear: perYear}
	nt.text = sync.OnceValue(func() string {
		var sb strings.Builder
		sb.Grow((nameTableEndYear - nameTableFirstYear) * perYear * width)
		var buf [32]byte
		for y := nameTableFirstYear; y < nameTableEndYear; y++ {
			for i := range perYear {
				sb.Write(kind.format(buf[:0], y, i))
			}
		}
		return sb.String()
	})
	return nt
}

// name returns name i (0-based) of year.
func (nt *nameTable) name(year, i int) string {
	if year >= nameTableFirstYear && year < nameTableEndYear {
		k := ((year-nameTableFirstYear)*nt.perYear + i) * nt.width
		return nt.text()[k : k+nt.width]
	}
	var buf [32]byte
	return string(nt.kind.format(buf[:0], year, i))
}

var (
	yearNames        = newNameTable(fyName, 6, 1)
	quarterNames     = newNameTable(quarterName, 9, 4)
	fiscalMonthNames = newNameTable(fiscalMonthName, 10, 12)
	fiscalWeekNames  = newNameTable(fiscalWeekName, 10, 53)
	monthNames       = newNameTable(monthName, 7, 12)
	isoWeekNames     = newNameTable(isoWeekName, 8, 53)
	dayNames         = newNameTable(dayName, 10, 12*31)
)

// appendYear appends y with at least four digits, and a minus sign before
// year 0.
func appendYear(b []byte, y int) []byte {
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	for p := 1000; p > 1 && y < p; p /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// append2 appends v, 0..99, as two digits.
func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// MaxPeriods is the most calendar periods one breakdown or series cuts a
// period into: 100,000 (over 270 years of days). A KPI asked for more
// returns an error wrapping ErrTooManyPeriods instead of allocating for
// them all.
const MaxPeriods = 100_000

// PeriodsWithin returns the periods of c at granularity g that overlap p,
// each clipped to p, in time order: what a breakdown by period reports.
// Errors: an invalid period (ErrInvalidPeriod), calendar or granularity (as
// PeriodOf's), and more than MaxPeriods periods (ErrTooManyPeriods).
func (c Calendar) PeriodsWithin(g Granularity, p Period) ([]Period, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if _, err := c.PeriodOf(g, p.Start); err != nil {
		return nil, err
	}
	var out []Period
	for q := range c.Periods(g, p.Start, p.End) {
		if len(out) == MaxPeriods {
			return nil, fmt.Errorf("%w: %s cut into %v periods makes more than %d", ErrTooManyPeriods, periodLabel(p), g, MaxPeriods)
		}
		if q.Start.Before(p.Start) {
			q.Start = p.Start
		}
		if q.End.After(p.End) {
			q.End = p.End
		}
		out = append(out, q)
	}
	return out, nil
}
