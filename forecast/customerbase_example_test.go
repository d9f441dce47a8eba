package forecast_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/forecast"
)

// Purchases become one summary per customer: same-day purchases are one,
// the first day is the first purchase, times are in the unit asked for.
func ExampleSummarize() {
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 12, 0, 0, 0, time.UTC) }
	txs := []forecast.Transaction{
		{Customer: "acme", At: day(1, 1), Amount: decimal.RequireFromString("120.00")},
		{Customer: "acme", At: day(1, 15), Amount: decimal.RequireFromString("80.00")},
		{Customer: "acme", At: day(1, 15), Amount: decimal.RequireFromString("20.00")},
		{Customer: "acme", At: day(2, 26), Amount: decimal.RequireFromString("60.00")},
		{Customer: "bolt", At: day(2, 5), Amount: decimal.RequireFromString("45.50")},
	}
	cs, err := forecast.Summarize(txs, forecast.SummaryOptions{
		CalibrationEnd: day(3, 31),
		Unit:           7 * 24 * time.Hour, // weeks
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		fmt.Printf("%v, mean repeat spend %.2f\n", c, c.MeanSpend())
	}
	// Output:
	// customer acme: x 2, t_x 8, T 12.86, repeat spend 160.00, mean repeat spend 80.00
	// customer bolt: x 0, t_x 0, T 7.857, repeat spend 0, mean repeat spend 0.00
}

// The BG/NBD model with Fader, Hardie & Lee's CDNOW estimates (weeks): a
// new customer's expected purchases in a year, and what the model says of
// their worked customer (2 repeat purchases, the last at week 30.43 of
// 38.86).
func ExampleBGNBD() {
	m := forecast.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	c := forecast.CustomerSummary{X: 2, TX: 30.43, T: 38.86}
	e, _ := m.ExpectedPurchases(52)
	alive, _ := m.ProbabilityAlive(c)
	next, _ := m.ConditionalExpectedPurchases(39, c)
	none, _ := m.ProbabilityOfPurchases(0, 52)
	fmt.Printf("new customer, next 52 weeks: %.3f purchases, P(none) %.3f\n", e, none)
	fmt.Printf("worked customer: P(alive) %.3f, next 39 weeks %.3f purchases\n", alive, next)
	// Output:
	// new customer, next 52 weeks: 1.446 purchases, P(none) 0.538
	// worked customer: P(alive) 0.727, next 39 weeks 1.226 purchases
}

// Fitting both models to Fader & Hardie's CDNOW summaries (weeks) and
// valuing their customer 1 over a year of months (4.345 weeks each) at 1%
// a month. lifetimes gives the same 36.28.
func ExampleCLV() {
	cs, err := cdnowSummaries()
	if err != nil {
		fmt.Println(err)
		return
	}
	bg, err := forecast.FitBGNBD(cs, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	gg, err := forecast.FitGammaGamma(cs, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bg)
	fmt.Println(gg)
	c := cs[0]
	spend, _ := gg.ConditionalExpectedSpend(c)
	v, err := forecast.CLV(bg, gg, c, forecast.CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: 0.01})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v: expected spend per purchase %.2f, 12-month CLV %.2f\n", c, spend, v)
	// Output:
	// BG/NBD r 0.2426 (0.01256), α 4.414 (0.3782), a 0.7929 (0.1857), b 2.426 (0.7053); LL -9582.43 over 2357 customers
	// Gamma-Gamma p 6.249 (1.19), q 3.745 (0.2902), γ 15.45 (4.16); LL -4055.92 over 946 customers
	// customer 1: x 2, t_x 30.43, T 38.86, repeat spend 44.70: expected spend per purchase 24.66, 12-month CLV 36.28
}

// cdnowSummaries reads Fader & Hardie's CDNOW summaries (weeks).
func cdnowSummaries() ([]forecast.CustomerSummary, error) {
	f, err := os.Open("testdata/cdnow/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var cs []forecast.CustomerSummary
	for _, r := range rows[1:] { // ID,x,t_x,T,zbar
		x, _ := strconv.Atoi(r[1])
		tx, _ := strconv.ParseFloat(r[2], 64)
		T, _ := strconv.ParseFloat(r[3], 64)
		zbar := decimal.RequireFromString(r[4])
		cs = append(cs, forecast.CustomerSummary{Customer: r[0], X: x, TX: tx, T: T, RepeatSpend: zbar.Mul(decimal.NewFromInt(int64(x)))})
	}
	return cs, nil
}

// The modified BG/NBD beside the BG/NBD on CDNOW (weeks): customers may
// also drop out at their first purchase, so customer 3, who never bought
// again in 38.86 weeks, is alive with probability 0.390 rather than the
// BG/NBD's 1, and the likelihood is a little higher. lifetimes'
// ModifiedBetaGeoFitter gives the same fit (testdata/mbgnbd_ref.py).
func ExampleFitMBGNBD() {
	cs, err := cdnowSummaries()
	if err != nil {
		fmt.Println(err)
		return
	}
	bg, err := forecast.FitBGNBD(cs, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	mbg, err := forecast.FitMBGNBD(cs, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.4f, α %.3f, a %.4f, b %.3f\n", mbg.R, mbg.Alpha, mbg.A, mbg.B)
	fmt.Printf("LL: BG/NBD %.2f, MBG/NBD %.2f\n", bg.LogLik, mbg.LogLik)
	c := cs[2] // customer 3: no repeat purchase
	pb, _ := bg.ProbabilityAlive(c)
	pm, _ := mbg.ProbabilityAlive(c)
	next, _ := mbg.ConditionalExpectedPurchases(39, c)
	fmt.Printf("customer %s: P(alive) BG/NBD %.3f, MBG/NBD %.3f; next 39 weeks %.3f purchases\n", c.Customer, pb, pm, next)
	// Output:
	// r 0.5248, α 6.183, a 0.8914, b 1.614
	// LL: BG/NBD -9582.43, MBG/NBD -9582.13
	// customer 3: P(alive) BG/NBD 1.000, MBG/NBD 0.390; next 39 weeks 0.154 purchases
}

// Choosing between the purchase models on CDNOW by their information
// criteria: the MBG/NBD fits a little better with as many parameters.
// lifetimes' log-likelihoods give the same AICs (19172.85, 19172.27,
// 19197.95).
func ExampleCompareModels() {
	cs, err := cdnowSummaries()
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := forecast.CompareModels(cs, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range c.Scores {
		fmt.Printf("%-8s LL %.2f  AIC %.2f  BIC %.2f\n", s.Model, s.LogLik, s.AIC, s.BIC)
	}
	fmt.Println("best:", c.Best)
	// Output:
	// BG/NBD   LL -9582.43  AIC 19172.85  BIC 19195.91
	// MBG/NBD  LL -9582.13  AIC 19172.27  BIC 19195.33
	// Pareto/NBD LL -9594.97  AIC 19197.95  BIC 19221.01
	// best: MBG/NBD
}

// Fitting on CDNOW's first 39 weeks and checking the next 39: mean
// purchases in the holdout by the number of repeat purchases in the
// calibration (7 or more together), actual against the BG/NBD's
// prediction. lifetimes' calibration_and_holdout_data and BetaGeoFitter
// give the same table (testdata/holdout_ref.py).
func ExampleCheckHoldout() {
	txs, err := cdnowTransactions()
	if err != nil {
		fmt.Println(err)
		return
	}
	hs, err := forecast.SummarizeHoldout(txs, forecast.HoldoutOptions{
		SummaryOptions: forecast.SummaryOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), Unit: 7 * 24 * time.Hour},
		ObservationEnd: time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	cal := make([]forecast.CustomerSummary, len(hs))
	for i, h := range hs {
		cal[i] = h.CustomerSummary
	}
	bg, err := forecast.FitBGNBD(cal, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := forecast.CheckHoldout(bg, hs, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range c.Groups {
		plus := ""
		if g.Plus {
			plus = "+"
		}
		fmt.Printf("x %d%-1s %5d customers: actual %.2f, predicted %.2f\n", g.Frequency, plus, g.Customers, g.Actual, g.Predicted)
	}
	fmt.Printf("total %.0f, predicted %.1f; MAE %.3f, RMSE %.3f\n", c.Actual, c.Predicted, c.MAE, c.RMSE)
	// Output:
	// x 0   1411 customers: actual 0.24, predicted 0.23
	// x 1    439 customers: actual 0.70, predicted 0.52
	// x 2    214 customers: actual 1.39, predicted 1.04
	// x 3    100 customers: actual 1.56, predicted 1.52
	// x 4     62 customers: actual 2.53, predicted 2.16
	// x 5     38 customers: actual 2.95, predicted 2.65
	// x 6     29 customers: actual 3.86, predicted 3.50
	// x 7+    64 customers: actual 6.36, predicted 6.16
	// total 1882, predicted 1653.4; MAE 0.785, RMSE 1.608
}

// cdnowTransactions reads CDNOW's sample transactions: customer, day and
// amount of each purchase.
func cdnowTransactions() ([]forecast.Transaction, error) {
	raw, err := os.ReadFile("testdata/cdnow/CDNOW_sample.txt")
	if err != nil {
		return nil, err
	}
	var txs []forecast.Transaction
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		fs := strings.Fields(line) // master id, customer, yyyymmdd, CDs, amount
		at, err := time.Parse("20060102", fs[2])
		if err != nil {
			return nil, err
		}
		txs = append(txs, forecast.Transaction{Customer: fs[1], At: at, Amount: decimal.RequireFromString(fs[4])})
	}
	return txs, nil
}

// The Pareto/NBD on CDNOW (weeks), where customers may drop out at any
// time: Fader, Hardie & Lee's estimates, and what it says of customer 1
// (2 repeat purchases, the last at week 30.43 of 38.86). lifetimes'
// ParetoNBDFitter gives the same (testdata/pareto_ref.py).
func ExampleFitParetoNBD() {
	cs, err := cdnowSummaries()
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := forecast.FitParetoNBD(cs, forecast.CustomerFitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.3f, α %.2f, s %.3f, β %.2f; LL %.2f\n", m.R, m.Alpha, m.S, m.Beta, m.LogLik)
	alive, _ := m.ProbabilityAlive(cs[0])
	next, _ := m.ConditionalExpectedPurchases(39, cs[0])
	fmt.Printf("customer 1: P(alive) %.3f, next 39 weeks %.3f purchases\n", alive, next)
	// Output:
	// r 0.553, α 10.58, s 0.606, β 11.67; LL -9594.97
	// customer 1: P(alive) 0.869, next 39 weeks 1.455 purchases
}

// The BG/BB at α 2, β 3, γ 1.5, δ 4, for a customer with one transaction,
// at the first of six opportunities: the chance they are still active at
// the next, the transactions expected over the next five, and a new
// customer's over their first six. lifetimes' BetaGeoBetaBinomFitter at
// the same parameters gives the same (testdata/bgbb_ref.py; the last as
// the mean of its counts by number of transactions).
func ExampleBGBB() {
	m := forecast.BGBB{Alpha: 2, Beta: 3, Gamma: 1.5, Delta: 4}
	d := forecast.DiscreteSummary{X: 1, TX: 1, N: 6}
	alive, _ := m.ProbabilityAlive(d, 1)
	next, _ := m.ConditionalExpectedTransactions(5, d)
	first, _ := m.ExpectedTransactions(6)
	fmt.Printf("P(alive) %.4f, next 5 opportunities %.4f transactions; a new customer's first 6: %.4f\n", alive, next, first)
	// Output:
	// P(alive) 0.0678, next 5 opportunities 0.0739 transactions; a new customer's first 6: 1.0717
}

// P(alive) and the next 39 weeks' purchases of CDNOW's customers 1, 2 and
// 3 in one call, at Fader, Hardie & Lee's estimates. lifetimes'
// BetaGeoFitter at its fit gives the same to these decimals
// (testdata/customerbase_ref.py); customer 1 is the paper's worked one.
func ExampleBGNBD_Predict() {
	m := forecast.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	cs := []forecast.CustomerSummary{
		{Customer: "1", X: 2, TX: 30.43, T: 38.86},
		{Customer: "2", X: 1, TX: 1.71, T: 38.86},
		{Customer: "3", T: 38.86},
	}
	p, err := m.Predict(cs, 39)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range cs {
		fmt.Printf("customer %s: P(alive) %.3f, next 39 weeks %.3f purchases\n", c.Customer, p.Alive[i], p.Expected[i])
	}
	// Output:
	// customer 1: P(alive) 0.727, next 39 weeks 1.226 purchases
	// customer 2: P(alive) 0.212, next 39 weeks 0.203 purchases
	// customer 3: P(alive) 1.000, next 39 weeks 0.195 purchases
}

// What a customer spends a purchase on average across the base, at Fader
// & Hardie's CDNOW Gamma-Gamma estimates: p γ / (q − 1) = 6.25 × 15.44 /
// 2.74 = 35.22 dollars.
func ExampleGammaGamma_PopulationMeanSpend() {
	g := forecast.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	v, err := g.PopulationMeanSpend()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f\n", v)
	// Output:
	// 35.22
}
