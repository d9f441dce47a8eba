package activity

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodNamed returns the period of granularity g that the calendar names
// name, as PeriodOf names it: "FY2025" (Yearly), "FY2025 Q3" (Quarterly),
// "2025-03" or, in a retail calendar, "FY2025 M03" (Monthly), "2025-W07"
// or "FY2025 W07" (Weekly), "2025-03-14" (Daily). The name must be the
// calendar's own spelling for g. Errors: a name that is not one of those
// forms or that the calendar gives no period of g (a fifth quarter, a
// week 53 of a year of 52) wrap ErrInvalidPeriod; an invalid calendar or
// granularity, as PeriodOf's.
func (c Calendar) PeriodNamed(g Granularity, name string) (Period, error) {
	if _, err := c.rules(); err != nil {
		return Period{}, err
	}
	if g < Daily || g > Yearly {
		return Period{}, fmt.Errorf("%w: %v", ErrInvalidGranularity, g)
	}
	digits := strings.TrimPrefix(name, "FY")
	end := 0
	for end < len(digits) && digits[end] >= '0' && digits[end] <= '9' {
		end++
	}
	year, err := strconv.Atoi(digits[:end])
	if end < 4 || end > 4 || err != nil || year < 1 {
		return Period{}, fmt.Errorf("%w: %q is not a period name (FY2025, FY2025 Q3, 2025-03, 2025-W07, 2025-03-14)", ErrInvalidPeriod, name)
	}
	// A period named for year y lies within y − 1 to y + 1 however the
	// fiscal year starts and is named: look there, in the calendar's own
	// periods, for the name.
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	from, to := time.Date(year-2, 1, 1, 0, 0, 0, 0, loc), time.Date(year+2, 1, 1, 0, 0, 0, 0, loc)
	for p := range c.Periods(g, from, to) {
		if p.Name == name {
			return p, nil
		}
	}
	return Period{}, fmt.Errorf("%w: the calendar has no %v period named %q", ErrInvalidPeriod, g, name)
}

// Position is where an instant falls in its fiscal year, each ordinal
// counted from 1: FiscalYear is the number in the year's name (2025 for
// FY2025); Quarter and Month count the year's quarters and months (the
// fiscal month: March is month 2 of a year starting in February); Week is
// the number of the week as the calendar names it (ISO or host-defined
// weeks: 7 for 2025-W07; retail: the week of the fiscal year); Day counts
// the year's dates.
type Position struct {
	FiscalYear int `json:"fiscal_year"`
	Quarter    int `json:"quarter"`
	Month      int `json:"month"`
	Week       int `json:"week"`
	Day        int `json:"day"`
}

// PositionOf returns the position of t in the calendar's year (see
// Position). Errors: an invalid calendar, as PeriodOf's.
func (c Calendar) PositionOf(t time.Time) (Position, error) {
	year, err := c.PeriodOf(Yearly, t)
	if err != nil {
		return Position{}, err
	}
	fy, err := c.FiscalYear(t)
	if err != nil {
		return Position{}, err
	}
	pos := Position{FiscalYear: fy}
	for _, x := range [...]struct {
		g   Granularity
		dst *int
	}{{Quarterly, &pos.Quarter}, {Monthly, &pos.Month}, {Daily, &pos.Day}} {
		// The periods from the year's start to the one holding t.
		for p := range c.Periods(x.g, year.Start, t.Add(time.Nanosecond)) {
			if !p.Start.Before(year.Start) {
				*x.dst++
			}
		}
	}
	week, err := c.PeriodOf(Weekly, t)
	if err != nil {
		return Position{}, err
	}
	i := strings.LastIndexAny(week.Name, "W")
	pos.Week, _ = strconv.Atoi(week.Name[i+1:])
	return pos, nil
}
