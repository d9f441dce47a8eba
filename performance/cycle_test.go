package performance

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestSalesCycle(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	for _, tc := range []struct {
		name                                string
		opt                                 CycleOptions
		n                                   int64
		mean, median, p75, p90, least, most float64
	}{
		// Won in Q1: D1 5 Jan → 10 Feb = 36 days, D3 1 Dec → 20 Jan = 50. Type 7
		// with n = 2: median 43, P75 36 + 0.75 × 14 = 46.5, P90 48.6.
		{"won", CycleOptions{}, 2, 43, 43, 46.5, 48.6, 36, 50},
		// Closed in Q1 add D2 10 Jan → 5 Mar = 55, D4 1 → 20 Feb = 19, D7 15 Feb
		// → 30 Mar = 44. Sorted 19, 36, 44, 50, 55: mean 204 / 5 = 40.8,
		// median 44, P75 (h = 3) 50, P90 (h = 3.6) 50 + 0.6 × 5 = 53.
		{"closed", CycleOptions{Selection: CycleClosed}, 5, 40.8, 44, 50, 53, 19, 55},
		// At midnight UTC, calendar days are the same.
		{"calendar days", CycleOptions{Days: CalendarDays}, 2, 43, 43, 46.5, 48.6, 36, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SalesCycle(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
			if got.Deals != tc.n || !near(got.MeanDays, tc.mean) || !near(got.MedianDays, tc.median) || !near(got.P75Days, tc.p75) ||
				!near(got.P90Days, tc.p90) || got.MinDays != tc.least || got.MaxDays != tc.most {
				t.Errorf("SalesCycle() = %+v, want n %d mean %v median %v p75 %v p90 %v min %v max %v",
					got, tc.n, tc.mean, tc.median, tc.p75, tc.p90, tc.least, tc.most)
			}
		})
	}
}

func TestSalesCycleAcrossDST(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	// Created Saturday 9 March 2024 23:30 EST (04:30 UTC on the 10th), closed
	// Monday 11 March 00:30 EDT (04:30 UTC): 24 elapsed hours, but the
	// calendar in New York turned two dates; in UTC one.
	deals := []activity.Deal{{ID: "D", Owner: "ann", Amount: decimal.NewFromInt(1), Currency: "USD",
		Stage: activity.StageClosedWon, Status: activity.StatusWon,
		CreatedAt: time.Date(2024, 3, 9, 23, 30, 0, 0, ny), ClosedAt: time.Date(2024, 3, 11, 0, 30, 0, 0, ny)}}
	ix := outcomeIndex(t, deals)
	for _, tc := range []struct {
		opt  CycleOptions
		want float64
	}{
		{CycleOptions{}, 1},
		{CycleOptions{Days: CalendarDays, Calendar: activity.Calendar{Location: ny}}, 2},
		{CycleOptions{Days: CalendarDays}, 1},
	} {
		got, err := SalesCycle(ix.All(), q1, tc.opt)
		if err != nil || got.MeanDays != tc.want || got.MedianDays != tc.want {
			t.Errorf("SalesCycle(%v) = %v, %v; want %v days", tc.opt.Days, got, err, tc.want)
		}
	}
}

func TestSalesCycleBy(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	gs, err := SalesCycleBy(ix.All(), q1, activity.ByRep(), CycleOptions{Selection: CycleClosed})
	if err != nil {
		t.Fatal(err)
	}
	// ann: D1 36, D2 55 → median 45.5; bob: D3 50, D4 19 → 34.5; cy: D7 44.
	want := map[string]float64{"ann": 45.5, "bob": 34.5, "cy": 44}
	if len(gs) != 3 {
		t.Fatalf("SalesCycleBy(rep) = %+v", gs)
	}
	for _, g := range gs {
		if g.Result.MedianDays != want[g.Key] {
			t.Errorf("%s median %v, want %v", g.Key, g.Result.MedianDays, want[g.Key])
		}
	}
}

func TestSalesCycleErrors(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	june := activity.Period{Start: date(2024, 6, 1), End: date(2024, 7, 1)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no won", errOf(SalesCycle(ix.All(), june, CycleOptions{})), ErrNoWonDeals},
		{"no closed", errOf(SalesCycle(ix.All(), june, CycleOptions{Selection: CycleClosed})), ErrNoClosedDeals},
		{"bad selection", errOf(SalesCycle(ix.All(), q1, CycleOptions{Selection: 3})), ErrInvalidOptions},
		{"bad days", errOf(SalesCycle(ix.All(), q1, CycleOptions{Days: 3})), ErrInvalidOptions},
		{"bad calendar", errOf(SalesCycle(ix.All(), q1, CycleOptions{Days: CalendarDays, Calendar: activity.Calendar{FiscalYearStart: 14}})), activity.ErrInvalidCalendar},
		{"bad period", errOf(SalesCycle(ix.All(), activity.Period{}, CycleOptions{})), activity.ErrInvalidPeriod},
		{"by nothing", errOf(SalesCycleBy(ix.All(), q1, activity.By{}, CycleOptions{})), ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestCycleTallyMerge(t *testing.T) {
	t.Parallel()
	var a, b CycleTally
	a.Add(36 * 24 * time.Hour)
	b.Add(50 * 24 * time.Hour)
	b.Merge(&a)
	got, err := b.Result("x", q1, CycleOptions{})
	if err != nil || got.MedianDays != 43 || got.MeanDays != 43 {
		t.Errorf("merged = %v, %v; want 43", got, err)
	}
}
