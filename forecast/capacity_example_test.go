package forecast_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

func ExampleRepsNeeded() {
	// Five ramped reps; a 3,000,000 year; hires take two months to start
	// and ramp at 25%, 50%, 75% in their first three months; 2% of reps
	// leave each month; a ramped rep's monthly quota is 60,000 and they
	// make 85% of it.
	var reps []activity.Rep
	for i := range 5 {
		reps = append(reps, activity.Rep{ID: fmt.Sprintf("rep-%d", i+1), HiredAt: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	year := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2026"}
	opts := forecast.CapacityOptions{
		QuotaPerRep: decimal.NewFromInt(60000), Attainment: decimal.RequireFromString("0.85"),
		Ramp:             []decimal.Decimal{decimal.RequireFromString("0.25"), decimal.RequireFromString("0.5"), decimal.RequireFromString("0.75")},
		MonthlyAttrition: decimal.RequireFromString("0.02"), HiringLeadMonths: 2,
	}
	h, err := forecast.RepsNeeded(reps, decimal.NewFromInt(4000000), year, opts)
	if err != nil {
		panic(err)
	}
	fmt.Println(h)
	// By hand: the team books Σ_{k<12} 5 × 51,000 × 0.98^k = 2,744,861.77; a
	// hire from March Σ_{k<10} 51,000 × ramp_k × 0.98^k = 390,979.24; the
	// gap of 1,255,138.23 needs 3.2 hires: 4.

	// Output:
	// 2026: hire 4 reps (target 4000000.00, team 2744861.77, each hire 390979.24)
}

func ExampleRunRate() {
	// 31,000 booked by the middle of March projects to 62,000.
	march := activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025-03"}
	r, err := forecast.RunRate(decimal.NewFromInt(31000), march, time.Date(2025, 3, 16, 12, 0, 0, 0, time.UTC), forecast.RunRateOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(r)
	// Output:
	// 2025-03: run rate 62000.00 (31000.00 in 15.5 of 31 days)
}
