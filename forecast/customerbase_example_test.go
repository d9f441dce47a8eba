package forecast_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/forecast"
)

func ExampleSummarize() {
	day := func(m time.Month, d int) time.Time { return time.Date(1997, m, d, 0, 0, 0, 0, time.UTC) }
	// CDNOW's first customer: purchases on 1 January, 18 January and 2
	// August 1997 (and one in December, after the calibration).
	txs := []forecast.Transaction{
		{Customer: "0001", At: day(1, 1), Amount: decimal.RequireFromString("29.33")},
		{Customer: "0001", At: day(1, 18), Amount: decimal.RequireFromString("29.73")},
		{Customer: "0001", At: day(8, 2), Amount: decimal.RequireFromString("14.96")},
		{Customer: "0001", At: day(12, 12), Amount: decimal.RequireFromString("26.48")},
	}
	hs, err := forecast.Summarize(txs, forecast.SummaryOptions{CalibrationEnd: day(9, 30), Unit: 7 * 24 * time.Hour})
	if err != nil {
		panic(err)
	}
	h := hs[0]
	fmt.Printf("x %d, t_x %.2f, T %.2f weeks, repeat mean %s\n", h.Summary.X, h.Summary.TX, h.Summary.T, h.RepeatMean.StringFixed(2))
	// Output:
	// x 2, t_x 30.43, T 38.86 weeks, repeat mean 22.35
}

func ExampleBGNBD_ConditionalExpectedPurchases() {
	// Fader, Hardie & Lee's (2005) CDNOW parameters and worked customer.
	m := &forecast.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	c := forecast.CustomerSummary{X: 2, TX: 30.43, T: 38.86}
	e, err := m.ConditionalExpectedPurchases(39, c)
	if err != nil {
		panic(err)
	}
	p, err := m.ProbabilityAlive(c)
	if err != nil {
		panic(err)
	}
	// The paper's 1.226; P(alive) = 1 / (1 + 0.793/3.426 × (43.274/34.844)^2.243)
	// = 1 / (1 + 0.2315 × 1.6258) = 0.727.
	fmt.Printf("%.3f purchases in the next 39 weeks, P(alive) %.3f\n", e, p)

	// Output:
	// 1.226 purchases in the next 39 weeks, P(alive) 0.727
}
