package activity

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// benchCalendars are a zero Calendar, a July fiscal year in New York with
// Sunday weeks, and the NRF 4-5-4 retail calendar in New York.
func benchCalendars(b *testing.B) []struct {
	name string
	c    Calendar
} {
	ny := mustLoad(b, "America/New_York")
	return []struct {
		name string
		c    Calendar
	}{
		{"utc", Calendar{}},
		{"newyork", Calendar{Location: ny, FiscalYearStart: time.July, Weeks: SundayWeeks}},
		{"nrf", Calendar{Location: ny, FiscalYearStart: time.February, YearNaming: NameByStartYear,
			Months: Weeks454, YearEnd: NearestWeekday, YearEndDay: time.Saturday}},
	}
}

// BenchmarkPeriodOf times one PeriodOf call on an instant of 2025.
func BenchmarkPeriodOf(b *testing.B) {
	at := time.Date(2025, 3, 9, 15, 4, 5, 0, time.UTC)
	for _, bc := range benchCalendars(b) {
		for _, g := range []Granularity{Daily, Weekly, Monthly, Quarterly, Yearly} {
			b.Run(bc.name+"/"+g.String(), func(b *testing.B) {
				b.ReportAllocs()
				var p Period
				for b.Loop() {
					p, _ = bc.c.PeriodOf(g, at)
				}
				_ = p
			})
		}
	}
}

// BenchmarkBucket assigns n instants spread over 2020-2029 to their months,
// as an index does when it groups activities by period.
func BenchmarkBucket(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, bc := range benchCalendars(b)[1:] {
		for _, n := range []int{1e3, 1e5, 1e6} {
			at := make([]time.Time, n)
			for i := range at {
				at[i] = time.Unix(lo+rng.Int64N(10*365*86400), 0)
			}
			b.Run(fmt.Sprintf("%s/n=%d", bc.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, t := range at {
						if _, err := bc.c.PeriodOf(Monthly, t); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}

// BenchmarkPeriods iterates n consecutive days.
func BenchmarkPeriods(b *testing.B) {
	for _, bc := range benchCalendars(b) {
		loc := bc.c.Location
		if loc == nil {
			loc = time.UTC
		}
		from := time.Date(2000, 1, 1, 0, 0, 0, 0, loc)
		for _, n := range []int{1e3, 1e4} {
			to := from.AddDate(0, 0, n)
			b.Run(fmt.Sprintf("%s/days=%d", bc.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					k := 0
					for range bc.c.Periods(Daily, from, to) {
						k++
					}
					if k != n {
						b.Fatalf("%d periods, want %d", k, n)
					}
				}
			})
		}
	}
}

// BenchmarkWorkingDays counts working days over spans of 10^3, 10^5 and
// 10^6 days with ten holidays a year for 2000-2099 (1,000 holidays),
// given in ascending order and shuffled.
func BenchmarkWorkingDays(b *testing.B) {
	ny := mustLoad(b, "America/New_York")
	var sorted []time.Time
	for y := 2000; y < 2100; y++ {
		for m := time.January; m <= time.October; m++ {
			sorted = append(sorted, time.Date(y, m, 15, 0, 0, 0, 0, time.UTC))
		}
	}
	shuffled := slices.Clone(sorted)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, ny)
	for _, order := range []struct {
		name     string
		holidays []time.Time
	}{{"sorted", sorted}, {"shuffled", shuffled}, {"none", nil}} {
		c := Calendar{Location: ny, Holidays: order.holidays}
		for _, n := range []int{1e3, 1e5, 1e6} {
			to := from.AddDate(0, 0, n)
			b.Run(fmt.Sprintf("%s/days=%d", order.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.WorkingDays(from, to); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
