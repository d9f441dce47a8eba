package performance

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestSalesVelocity(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }
	// Q1: win rate 2 / 5 = 0.4, mean won deal (1000 + 500) / 2 = 750, mean
	// won cycle (36 + 50) / 2 = 43 days; Q1 2024 has 31 + 29 + 31 = 91 days.
	for _, tc := range []struct {
		name          string
		opt           VelocityOptions
		opps          int64
		perDay        float64
		suppliedCount int
	}{
		// Open now: D5 alone. 1 × 0.4 × 750 / 43.
		{"open now", VelocityOptions{}, 1, 1 * 0.4 * 750 / 43, 0},
		// Created in Q1: D1, D2, D4, D5, D6, D7.
		{"created in period", VelocityOptions{Opportunities: OpportunitiesCreatedInPeriod}, 6, 6 * 0.4 * 750 / 43, 0},
		// Supplied win rate 0.5 and cycle 30 days: 1 × 0.5 × 750 / 30 = 12.5.
		{"supplied", VelocityOptions{Supplied: VelocityInputs{WinRate: activity.Some(0.5), CycleDays: activity.Some(30.0)}}, 1, 12.5, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SalesVelocity(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got.Opportunities != tc.opps || !near(got.PerDay, tc.perDay) || !near(got.PerPeriod, tc.perDay*91) ||
				len(got.Supplied) != tc.suppliedCount || !got.DealSize.Equal(decimal.NewFromInt(750)) || got.Currency != "USD" {
				t.Errorf("SalesVelocity() = %+v, want %d opportunities, %v a day", got, tc.opps, tc.perDay)
			}
		})
	}
}

func TestSalesVelocityBy(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	gs, err := SalesVelocityBy(ix.All(), q1, activity.ByRep(), VelocityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// ann: no open deal, so 0 a day (win 1/2, size 1000, cycle 36). bob: D5
	// open, 1 × 0.5 × 500 / 50 = 5. cy: lost only, no won deal to size.
	if len(gs) != 3 || gs[0].Key != "ann" || gs[0].Result.PerDay != 0 || gs[0].Undefined != "" ||
		gs[1].Key != "bob" || gs[1].Result.PerDay != 5 || gs[2].Key != "cy" || gs[2].Undefined == "" {
		t.Errorf("SalesVelocityBy(rep) = %+v", gs)
	}
}

func TestSalesVelocityErrors(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	june := activity.Period{Start: date(2024, 6, 1), End: date(2024, 7, 1)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"nothing closed", errOf(SalesVelocity(ix.All(), june, VelocityOptions{})), ErrNoClosedDeals},
		{"bad period", errOf(SalesVelocity(ix.All(), activity.Period{}, VelocityOptions{})), activity.ErrInvalidPeriod},
		{"bad win rate", errOf(SalesVelocity(ix.All(), q1, VelocityOptions{Supplied: VelocityInputs{WinRate: activity.Some(1.5)}})), ErrInvalidOptions},
		{"bad cycle", errOf(SalesVelocity(ix.All(), q1, VelocityOptions{Supplied: VelocityInputs{CycleDays: activity.Some(0.0)}})), ErrInvalidOptions},
		{"bad opportunities", errOf(SalesVelocity(ix.All(), q1, VelocityOptions{Supplied: VelocityInputs{Opportunities: activity.Some(int64(-1))}})), ErrInvalidOptions},
		{"bad deal size", errOf(SalesVelocity(ix.All(), q1, VelocityOptions{Supplied: VelocityInputs{DealSize: activity.Some(decimal.NewFromInt(-1))}})), ErrInvalidOptions},
		{"bad selection", errOf(SalesVelocity(ix.All(), q1, VelocityOptions{Opportunities: 5})), ErrInvalidOptions},
		{"bad input options", errOf(SalesVelocity(ix.All(), q1, VelocityOptions{Cycle: CycleOptions{Days: 9}})), ErrInvalidOptions},
		{"by nothing", errOf(SalesVelocityBy(ix.All(), q1, activity.By{}, VelocityOptions{})), ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestVelocityFrom(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	w, _ := WinRate(ix.All(), q1, WinRateOptions{})
	s, _ := DealSizeOf(ix.All(), q1, DealSizeOptions{})
	c, _ := SalesCycle(ix.All(), q1, CycleOptions{})
	want, err := SalesVelocity(ix.All(), q1, VelocityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The same inputs give the same velocity: 1 × 0.4 × 750 / 43.
	got, err := VelocityFrom("all", q1, 1, w, s, c)
	if err != nil || got.PerDay != want.PerDay || got.PerPeriod != want.PerPeriod || math.Abs(got.PerDay-0.4*750/43) > 1e-12 {
		t.Errorf("VelocityFrom = %v, %v; SalesVelocity = %v", got, err, want)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"negative", errOf(VelocityFrom("x", q1, -1, w, s, c)), ErrInvalidOptions},
		{"no closed", errOf(VelocityFrom("x", q1, 1, WinLoss{}, s, c)), ErrNoClosedDeals},
		{"no size", errOf(VelocityFrom("x", q1, 1, w, DealSize{}, c)), ErrNoWonDeals},
		{"no cycle", errOf(VelocityFrom("x", q1, 1, w, s, Cycle{})), ErrNoWonDeals},
		{"zero cycle", errOf(VelocityFrom("x", q1, 1, w, s, Cycle{Deals: 1})), ErrZeroDenominator},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: error = %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func TestSalesVelocityAsOf(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	// Open on 1 February 2024: D2 (created 10 Jan, closed 5 Mar), D5 (open
	// since 2 Jan); D1 was created 5 Jan and closed 10 Feb: open too. D3
	// closed 20 Jan; D4, D6, D7 were created later. So 3, against 1 (D5)
	// open in the records.
	got, err := SalesVelocity(ix.All(), q1, VelocityOptions{AsOf: date(2024, 2, 1)})
	if err != nil || got.Opportunities != 3 {
		t.Errorf("SalesVelocity(as of 1 Feb) = %v, %v; want 3 opportunities", got, err)
	}
}
