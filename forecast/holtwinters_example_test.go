package forecast_test

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

func ExampleHoltWinters() {
	// Four years of quarterly bookings (thousands), the fourth quarter the
	// strongest, smoothed at given parameters from the heuristic initial
	// state, and the next year forecast with 80% intervals.
	s, err := forecast.NewSeries(activity.Calendar{}, activity.Quarterly, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
		[]float64{120, 135, 128, 160, 130, 146, 139, 173, 141, 158, 150, 186, 152, 169, 161, 199})
	if err != nil {
		panic(err)
	}
	m, err := forecast.HoltWinters(s, forecast.HoltWintersOptions{
		Alpha: activity.Some(0.3), Beta: activity.Some(0.1), Gamma: activity.Some(0.2),
		Confidence: 0.8,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(m)
	next, err := m.Forecast(4)
	if err != nil {
		panic(err)
	}
	for _, p := range next {
		fmt.Printf("  %s: %.1f (%.1f to %.1f)\n", p.Period.Name, p.Value, p.Low, p.High)
	}
	// statsmodels' ExponentialSmoothing at the same parameters and initial
	// state gives SSE 71.02656 and forecasts 164.07, 180.68, 173.30 (and
	// 208.40 by hand from its final state: statsmodels 0.13 takes h = 4's
	// seasonal effect from the year before and says 207.70).

	// Output:
	// additive Holt-Winters, season 4: α 0.3000, β 0.1000, γ 0.2000 (heuristic initial state); 16 points, SSE 71.03, σ 2.98 on 8 df
	//   FY2026 Q1: 164.1 (160.2 to 167.9)
	//   FY2026 Q2: 180.7 (176.7 to 184.7)
	//   FY2026 Q3: 173.3 (169.0 to 177.5)
	//   FY2026 Q4: 208.4 (203.9 to 212.9)
}

func ExampleHoltWinters_fitted() {
	// Three years of monthly bookings with a rising trend and a year-end
	// peak; α, β and γ are fitted by least squares.
	values := make([]float64, 36)
	season := []float64{-8, -6, 2, 0, 1, 5, -3, -7, 4, 3, 1, 8}
	for i := range values {
		values[i] = 200 + 1.5*float64(i) + season[i%12] + float64((i*7)%5-2)
	}
	s, err := forecast.NewSeries(activity.Calendar{}, activity.Monthly, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), values)
	if err != nil {
		panic(err)
	}
	m, err := forecast.HoltWinters(s, forecast.HoltWintersOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(m)
	next, err := m.Forecast(3)
	if err != nil {
		panic(err)
	}
	for _, p := range next {
		fmt.Printf("  %s: %.1f (%.1f to %.1f)\n", p.Period.Name, p.Value, p.Low, p.High)
	}
	// statsmodels' fit from the same heuristic initial state finds α
	// 0.47545, β 0.0059648, γ 1.8e-12, SSE 256.6308, and forecasts 246.85,
	// 247.38, 258.80.

	// Output:
	// additive Holt-Winters, season 12: α 0.4755, β 0.0060, γ 0.0000 (fitted α, β, γ; heuristic initial state); 36 points, SSE 256.6, σ 3.582 on 20 df
	//   2026-01: 246.8 (239.8 to 253.9)
	//   2026-02: 247.4 (239.6 to 255.2)
	//   2026-03: 258.8 (250.3 to 267.3)
}
