package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

// customerValue treats each won deal as a purchase of its account and fits
// the BG/NBD and Gamma-Gamma models on the window (in weeks): how many
// accounts are still likely to buy, and the most valuable ones by model
// CLV over the next year (12 months of 4.345 weeks, 1% a month).
func customerValue(w io.Writer, deals []activity.Deal, window activity.Period) error {
	var txs []forecast.Transaction
	for _, d := range deals {
		if d.Status == activity.StatusWon && d.Account != "" {
			txs = append(txs, forecast.Transaction{Customer: d.Account, At: d.ClosedAt, Amount: d.Amount})
		}
	}
	hs, err := forecast.Summarize(txs, forecast.SummaryOptions{CalibrationEnd: window.End, Unit: 7 * 24 * time.Hour})
	if err != nil {
		return err
	}
	var sums []forecast.CustomerSummary
	var spend []forecast.SpendSummary
	for _, h := range hs {
		sums = append(sums, h.Summary)
		if h.Summary.X > 0 {
			spend = append(spend, forecast.SpendSummary{X: h.Summary.X, Mean: h.RepeatMean.InexactFloat64()})
		}
	}
	bg, err := forecast.FitBGNBD(sums)
	if err != nil {
		return err
	}
	gg, err := forecast.FitGammaGamma(spend)
	if err != nil {
		return err
	}
	// The mean purchase rate r/α a week while active, and the mean chance
	// a/(a+b) of dropping out after a purchase.
	fmt.Fprintf(w, "\nCustomer value: %d accounts, %d repeat buyers; BG/NBD: %.4f deals a week while active, %.2f chance of leaving after each (LL %.1f)\n",
		len(hs), len(spend), bg.R/bg.Alpha, bg.A/(bg.A+bg.B), bg.LogLik)
	type row struct {
		account    string
		alive, clv float64
		x          int
	}
	var rows []row
	var alive float64
	for _, h := range hs {
		p, err := bg.ProbabilityAlive(h.Summary)
		if err != nil {
			return err
		}
		v, err := forecast.CLV(bg, gg, h.Summary, h.RepeatMean.InexactFloat64(), forecast.CLVOptions{Periods: 12, Length: 4.345, Discount: 0.01})
		if err != nil {
			return err
		}
		alive += p
		rows = append(rows, row{h.Customer, p, v, h.Summary.X})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(b.clv, a.clv), cmp.Compare(a.account, b.account)) })
	fmt.Fprintf(w, "  expected still buying: %.0f of %d\n", alive, len(hs))
	for _, r := range rows[:min(3, len(rows))] {
		fmt.Fprintf(w, "  %s: %d repeat deals, P(alive) %.2f, next year's value %.2f\n", r.account, r.x, r.alive, r.clv)
	}
	return nil
}
