package forecast_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

// Four quarters of bookings against what the plan said, with the two years
// before as training data for MASE (season 4: quarters).
func ExampleAccuracy() {
	actual := []float64{100, 200, 300, 400}
	planned := []float64{110, 180, 330, 400}
	a, err := forecast.Accuracy(actual, planned, forecast.AccuracyOptions{
		Training: []float64{60, 150, 240, 330, 80, 170, 260, 350},
		Season:   4,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a)
	// Output:
	// 4 periods: actual 1000, forecast 1020, |error| 60
	// MAE 15, RMSE 18.7083, MAPE 7.50%, WAPE 6.00%, sMAPE 7.39%
	// bias +5 (+2.00% of actual), total accuracy 98.00%, attainment 98.04%
	// MASE 0.75 (naive scale 20, season 4, 8 training points)
}

// A period with nothing booked leaves MAPE undefined; WAPE weighs each
// period by its actual and is still defined.
func ExampleMAPE() {
	actual := []float64{0, 50, 150}
	fc := []float64{10, 40, 150}
	_, err := forecast.MAPE(actual, fc)
	fmt.Println(errors.Is(err, forecast.ErrUndefined), err)
	w, _ := forecast.WAPE(actual, fc)
	fmt.Printf("WAPE %.2f%%\n", 100*w)
	// Output:
	// true forecast: undefined: mape: actual is 0 at index 0
	// WAPE 10.00%
}

func ExampleTotalAccuracy() {
	// Monthly commits of 100 each; 90, 120 and 95 closed.
	acc, _ := forecast.TotalAccuracy([]float64{90, 120, 95}, []float64{100, 100, 100})
	att, _ := forecast.ActualToForecast([]float64{90, 120, 95}, []float64{100, 100, 100})
	fmt.Printf("accuracy %.2f%%, attainment %.2f%%\n", 100*acc, 100*att)
	// Output:
	// accuracy 98.36%, attainment 101.67%
}

// A rep's commit calls for two quarters: the call going into each quarter
// counts, the later one is ignored.
func ExampleCallAccuracy() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	won := func(id string, amount int64, closed time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: "ana", Amount: decimal.NewFromInt(amount), Currency: "USD",
			Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: day(1, 2), ClosedAt: closed}
	}
	ix, err := activity.NewIndex(activity.Records{Deals: []activity.Deal{
		won("D1", 40000, day(2, 10)), won("D2", 50000, day(3, 20)), won("D3", 120000, day(5, 5)),
	}}, activity.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1 := activity.Period{Start: day(1, 1), End: day(4, 1), Name: "2025 Q1"}
	q2 := activity.Period{Start: day(4, 1), End: day(7, 1), Name: "2025 Q2"}
	call := func(p activity.Period, amount int64, at time.Time) forecast.Call {
		return forecast.Call{Rep: "ana", Period: p, Category: activity.ForecastCommit,
			Amount: decimal.NewFromInt(amount), Currency: "USD", SubmittedAt: at}
	}
	calls := []forecast.Call{
		call(q1, 100000, time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC)),
		call(q1, 95000, day(1, 10)), // during the quarter: late
		call(q2, 100000, day(3, 28)),
	}
	reps, err := forecast.CallAccuracy(ix.All(), calls, forecast.CallOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reps[0])
	// Output:
	// ana commit, 2 periods in USD: called 200000.00, won 210000.00 from 3 deals
	// attainment 105.00%, accuracy 95.24%, WAPE 14.29%, MAPE 13.89%, bias -5000.00 a period (-4.76%)
	// 2025 Q1: called 100000.00, won 90000.00 from 2 deals, over by 10000.00 (call of 2024-12-30)
	// 2025 Q2: called 100000.00, won 120000.00 from 1 deal, under by 20000.00 (call of 2025-03-28)
	// 0 of 3 calls superseded, 1 late
}
