package forecast_test

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

func ExampleLinear() {
	// Eight quarters of bookings (thousands) and the next two, with their
	// 95% prediction intervals.
	s, err := forecast.NewSeries(activity.Calendar{}, activity.Quarterly, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		[]float64{410, 455, 440, 490, 520, 505, 560, 590})
	if err != nil {
		panic(err)
	}
	m, err := forecast.Linear(s, forecast.LinearOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(m)
	for _, t := range m.Terms {
		fmt.Printf("  %-5s %8.3f (SE %.3f, t %.2f, p %.4f)\n", t.Name, t.Estimate, t.StdErr, t.T, t.P)
	}
	next, err := m.Forecast(2)
	if err != nil {
		panic(err)
	}
	for _, p := range next {
		fmt.Printf("  %s: %.1f (%.1f to %.1f)\n", p.Period.Name, p.Value, p.Low, p.High)
	}
	// statsmodels' OLS gives the same (slope 23.92857, SE 2.66465; the
	// intervals 550.36 to 657.50 and 570.46 to 685.26).

	// Output:
	// OLS on 8 points, 2 regressors: R² 0.931 (adjusted 0.919), residual SE 17.2689 on 6 df, F 80.64 (p 0.000107)
	//   const  388.571 (SE 13.456, t 28.88, p 0.0000)
	//   trend   23.929 (SE 2.665, t 8.98, p 0.0001)
	//   FY2026 Q1: 603.9 (550.4 to 657.5)
	//   FY2026 Q2: 627.9 (570.5 to 685.3)
}
