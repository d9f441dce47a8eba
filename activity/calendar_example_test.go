package activity_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// A fiscal year starting in July, in New York. 9 March 2025 is the day
// clocks went forward, so it lasts 23 hours, and the periods holding it
// start at -05:00 and end at -04:00.
func ExampleCalendar_PeriodOf() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	cal := activity.Calendar{Location: ny, FiscalYearStart: time.July}
	at := time.Date(2025, 3, 9, 12, 0, 0, 0, ny)
	for _, g := range []activity.Granularity{activity.Yearly, activity.Quarterly, activity.Monthly, activity.Weekly, activity.Daily} {
		p, err := cal.PeriodOf(g, at)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-7s %v\n", g, p)
	}
	day, _ := cal.Day(at)
	fmt.Println("day lasts", day.Duration())
	// Output:
	// year    FY2025 [2024-07-01T00:00:00-04:00, 2025-07-01T00:00:00-04:00)
	// quarter FY2025 Q3 [2025-01-01T00:00:00-05:00, 2025-04-01T00:00:00-04:00)
	// month   2025-03 [2025-03-01T00:00:00-05:00, 2025-04-01T00:00:00-04:00)
	// week    2025-W10 [2025-03-03T00:00:00-05:00, 2025-03-10T00:00:00-04:00)
	// day     2025-03-09 [2025-03-09T00:00:00-05:00, 2025-03-10T00:00:00-04:00)
	// day lasts 23h0m0s
}

// The same July fiscal year named by the year it starts in.
func ExampleYearNaming() {
	at := time.Date(2024, 8, 15, 0, 0, 0, 0, time.UTC)
	for _, n := range []activity.YearNaming{activity.NameByEndYear, activity.NameByStartYear} {
		q, _ := activity.Calendar{FiscalYearStart: time.July, YearNaming: n}.Quarter(at)
		fmt.Printf("%-10s %s\n", n, q.Name)
	}
	// Output:
	// end year   FY2025 Q1
	// start year FY2024 Q1
}

// The months of the first fiscal quarter, July to September 2024.
func ExampleCalendar_Periods() {
	cal := activity.Calendar{FiscalYearStart: time.July}
	q, _ := cal.Quarter(time.Date(2024, 8, 15, 0, 0, 0, 0, time.UTC))
	for m := range cal.Periods(activity.Monthly, q.Start, q.End) {
		fmt.Println(m.Name, m.Start.Format(time.DateOnly), m.End.Format(time.DateOnly))
	}
	// Output:
	// 2024-07 2024-07-01 2024-08-01
	// 2024-08 2024-08-01 2024-09-01
	// 2024-09 2024-09-01 2024-10-01
}

// The National Retail Federation's 4-5-4 calendar: years end on the Saturday
// nearest 31 January and are named by the year they start in. Fiscal 2023
// had 53 weeks; the extra one went to its last month, January.
func ExampleCalendar_retail() {
	nrf := activity.Calendar{
		FiscalYearStart: time.February,
		YearNaming:      activity.NameByStartYear,
		Months:          activity.Weeks454,
		YearEnd:         activity.NearestWeekday,
		YearEndDay:      time.Saturday,
	}
	year, _ := nrf.Year(time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(year.Name, year.Start.Format(time.DateOnly), "to", year.End.AddDate(0, 0, -1).Format(time.DateOnly))
	for m := range nrf.Periods(activity.Monthly, year.Start, year.End) {
		fmt.Printf("%s %s %d weeks\n", m.Name, m.Start.Format(time.DateOnly), m.Duration()/(7*24*time.Hour))
	}
	// Output:
	// FY2023 2023-01-29 to 2024-02-03
	// FY2023 M01 2023-01-29 4 weeks
	// FY2023 M02 2023-02-26 5 weeks
	// FY2023 M03 2023-04-02 4 weeks
	// FY2023 M04 2023-04-30 4 weeks
	// FY2023 M05 2023-05-28 5 weeks
	// FY2023 M06 2023-07-02 4 weeks
	// FY2023 M07 2023-07-30 4 weeks
	// FY2023 M08 2023-08-27 5 weeks
	// FY2023 M09 2023-10-01 4 weeks
	// FY2023 M10 2023-10-29 4 weeks
	// FY2023 M11 2023-11-26 5 weeks
	// FY2023 M12 2023-12-31 5 weeks
}

// ISO weeks and Sunday weeks around New Year 2021: both years had a 53rd
// week.
func ExampleWeekRule() {
	at := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, w := range []activity.WeekRule{activity.ISOWeeks, activity.SundayWeeks} {
		p, _ := activity.Calendar{Weeks: w}.Week(at)
		fmt.Printf("%-8s %s from %s\n", w, p.Name, p.Start.Format("Mon 2006-01-02"))
	}
	// Output:
	// ISO 8601 2020-W53 from Mon 2020-12-28
	// Sunday   FY2020 W53 from Sun 2020-12-27
}

// Working days in January 2025 with New Year's Day and Martin Luther King
// Jr. Day off: 23 weekdays less 2 holidays.
func ExampleCalendar_WorkingDays() {
	cal := activity.Calendar{Holidays: []time.Time{
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC),
	}}
	n, err := cal.WorkingDays(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(n, err)
	// Output:
	// 21 <nil>
}

// A retail calendar must say which weekday ends the year.
func ExampleCalendar_Validate() {
	cal := activity.Calendar{FiscalYearStart: time.February, Months: activity.Weeks445, YearEndDay: time.Saturday}
	err := cal.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, activity.ErrInvalidCalendar))
	// Output:
	// activity: invalid calendar: a 4-4-5 calendar needs YearEnd LastWeekday or NearestWeekday
	// true
}

// A period looked up by its name, and where a day falls in its fiscal
// year.
func ExampleCalendar_PeriodNamed() {
	cal := activity.Calendar{FiscalYearStart: time.February}
	q, _ := cal.PeriodNamed(activity.Quarterly, "FY2026 Q3")
	fmt.Println(q.Start.Format(time.DateOnly), q.End.Format(time.DateOnly))
	pos, _ := cal.PositionOf(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC))
	fmt.Printf("FY%d Q%d, month %d, week %d, day %d\n", pos.FiscalYear, pos.Quarter, pos.Month, pos.Week, pos.Day)
	// Output:
	// 2025-08-01 2025-11-01
	// FY2026 Q3, month 8, week 38, day 227
}
