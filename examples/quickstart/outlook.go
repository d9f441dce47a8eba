package main

import (
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/performance"
)

// outlook prints what comes next: the next quarter's bookings from the
// trend of the last eight (with its 95% prediction interval), the next
// three months from trend and season, the run rate half way through the
// last quarter, and the hires a 20% bigger year needs.
func outlook(w io.Writer, ix *activity.Index, reps []activity.Rep, quotas []activity.Quota, cal activity.Calendar, window, quarter activity.Period, conv *activity.Conversion) error {
	fmt.Fprintf(w, "\nOutlook\n")
	series := func(g activity.Granularity) (forecast.Series, error) {
		trend, err := performance.BookingsSeries(ix.All(), cal, g, window.Start, window.End, performance.BookingsOptions{Conversion: conv})
		if err != nil {
			return forecast.Series{}, err
		}
		values := make([]float64, len(trend.Points))
		for i, p := range trend.Points {
			values[i] = p.Bookings.Amount.InexactFloat64()
		}
		return forecast.NewSeries(cal, g, window.Start, values)
	}
	quarters, err := series(activity.Quarterly)
	if err != nil {
		return err
	}
	m, err := forecast.Linear(quarters, forecast.LinearOptions{})
	if err != nil {
		return err
	}
	next, err := m.Forecast(1)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  quarterly trend: %v\n", m)
	fmt.Fprintf(w, "  %s bookings: %.0f USD (95%% prediction interval %.0f to %.0f USD)\n", next[0].Period.Name, next[0].Value, next[0].Low, next[0].High)

	// Pipeline risk: what the open deals expected next quarter may bring,
	// against this quarter's bookings as the bar.
	bar, err := performance.Bookings(ix.All(), quarter, performance.BookingsOptions{Conversion: conv})
	if err != nil {
		return err
	}
	risk, err := forecast.BookingsDistribution(ix.All(), next[0].Period, forecast.OutcomeOptions{AsOf: window.End, Conversion: conv, Target: activity.Some(bar.Amount), Seed: 2025})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  pipeline risk, %v\n", risk)
	fmt.Fprintf(w, "    (the target is %s's bookings, %s %s: the chance next quarter's open deals alone reach it)\n",
		quarter.Name, bar.Amount.StringFixed(2), bar.Currency)
	for _, d := range risk.Drivers[:min(3, len(risk.Drivers))] {
		fmt.Fprintf(w, "    %s: %s %s at %.0f%%, %.1f%% of the spread\n", d.Deal, d.Amount.StringFixed(2), risk.Currency, 100*d.Chance, 100*d.VarianceShare)
	}

	months, err := series(activity.Monthly)
	if err != nil {
		return err
	}
	seasonal, err := forecast.Linear(months, forecast.LinearOptions{Seasonal: true})
	if err != nil {
		return err
	}
	byMonth, err := seasonal.Forecast(3)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  monthly trend and season: %v\n", seasonal)
	for _, p := range byMonth {
		fmt.Fprintf(w, "    %s: %.0f USD (%.0f to %.0f)\n", p.Period.Name, p.Value, p.Low, p.High)
	}

	// Half way through the last quarter, by working days.
	mid := quarter.Start.Add(quarter.End.Sub(quarter.Start) / 2).Truncate(24 * time.Hour)
	booked, err := performance.Bookings(ix.All(), activity.Period{Start: quarter.Start, End: mid}, performance.BookingsOptions{Conversion: conv})
	if err != nil {
		return err
	}
	rr, err := forecast.RunRate(booked.Amount, quarter, mid, forecast.RunRateOptions{Days: forecast.WorkingDays, Calendar: cal, Currency: conv.To})
	if err != nil {
		return err
	}
	actual, err := performance.Bookings(ix.All(), quarter, performance.BookingsOptions{Conversion: conv})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  on %s: %v; the quarter closed at %s %s\n", mid.Format(time.DateOnly), rr, actual.Amount.StringFixed(2), actual.Currency)

	np, err := planNextYear(ix, reps, quotas, cal, window, conv)
	if err != nil {
		return err
	}
	year, target, active, opts, last := np.year, np.target, np.active, np.opts, np.last
	h, err := forecast.RepsNeeded(active, target, year, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  hiring plan: %v\n", h)
	fmt.Fprintf(w, "    assumptions: target = the last 12 months' bookings (%s %s) + 20%%; %d reps still employed (%d of the roster left before %s);\n",
		last.Amount.StringFixed(2), last.Currency, len(active), len(reps)-len(active), year.Start.Format(time.DateOnly))
	fmt.Fprintf(w, "    a rep's quota %s %s a month (the mean of the last year's rep quotas), 90%% of it attained; new hires ramp 25%%, 50%%, 75%%;\n",
		opts.QuotaPerRep.StringFixed(2), opts.Currency)
	fmt.Fprintf(w, "    2%% of reps leave each month (compounded); hires start two months after the plan (the decision to hire)\n")
	return nil
}

// nextYear is the plan for the year after the window: its target, the
// reps still employed, and the capacity economics.
type nextYear struct {
	year   activity.Period
	target decimal.Decimal
	active []activity.Rep
	opts   forecast.CapacityOptions
	last   performance.BookingsTotal
}

// planNextYear plans the next year: 20% more than the last, with this
// year's quotas, 90% expected attainment, a three-month ramp, 2% attrition
// a month and two months to hire.
func planNextYear(ix *activity.Index, reps []activity.Rep, quotas []activity.Quota, cal activity.Calendar, window activity.Period, conv *activity.Conversion) (nextYear, error) {
	year, err := cal.Year(window.End)
	if err != nil {
		return nextYear{}, err
	}
	last, err := performance.Bookings(ix.All(), activity.Period{Start: window.End.AddDate(-1, 0, 0), End: window.End}, performance.BookingsOptions{Conversion: conv})
	if err != nil {
		return nextYear{}, err
	}
	var quota decimal.Decimal
	var n int64
	for _, q := range quotas {
		if q.Rep != "" && !q.Period.Start.Before(window.End.AddDate(-1, 0, 0)) {
			if a, ok := q.Amount.Get(); ok {
				for range cal.Periods(activity.Monthly, q.Period.Start, q.Period.End) {
					n++ // a rep-month of quota
				}
				quota = quota.Add(a)
			}
		}
	}
	if n == 0 {
		return nextYear{}, fmt.Errorf("no rep quota in the last year to plan with")
	}
	opts := forecast.CapacityOptions{
		Calendar: cal, QuotaPerRep: quota.DivRound(decimal.NewFromInt(n), 2), Attainment: decimal.RequireFromString("0.9"),
		Ramp:             []decimal.Decimal{decimal.RequireFromString("0.25"), decimal.RequireFromString("0.5"), decimal.RequireFromString("0.75")},
		MonthlyAttrition: decimal.RequireFromString("0.02"), HiringLeadMonths: 2, Currency: conv.To,
	}
	var active []activity.Rep
	for _, r := range reps {
		if r.LeftAt.IsZero() || r.LeftAt.After(year.Start) {
			active = append(active, r)
		}
	}
	return nextYear{year: year, target: last.Amount.Mul(decimal.RequireFromString("1.2")).Round(0), active: active, opts: opts, last: last}, nil
}
