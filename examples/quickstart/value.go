package main

import (
	"cmp"
	"errors"
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
			txs = append(txs, forecast.Transaction{Customer: d.Account, At: d.CloseTime(time.UTC), Amount: d.Amount})
		}
	}
	hs, err := forecast.Summarize(txs, forecast.SummaryOptions{CalibrationEnd: window.End, Unit: 7 * 24 * time.Hour})
	if err != nil {
		return err
	}
	repeat := 0
	for _, h := range hs {
		if h.X > 0 {
			repeat++
		}
	}
	gg, err := forecast.FitGammaGamma(hs, forecast.CustomerFitOptions{})
	if errors.Is(err, forecast.ErrNoConvergence) {
		// Without a spend model there is no value to rank by: the repeat
		// buyers by what they spent is the result, the reason a note.
		fmt.Fprintf(w, "\nCustomer value: %d accounts, %d repeat buyers, ranked by their mean repeat deal\n", len(hs), repeat)
		slices.SortFunc(hs, func(a, b forecast.CustomerSummary) int {
			return cmp.Or(cmp.Compare(b.MeanSpend(), a.MeanSpend()), cmp.Compare(a.Customer, b.Customer))
		})
		for _, h := range hs[:min(3, len(hs))] {
			fmt.Fprintf(w, "  %s: %s, mean %.2f %s\n", h.Customer, plural(h.X, "repeat deal"), h.MeanSpend(), currencyOf(deals))
		}
		fmt.Fprintf(w, "  note: no spend model (Gamma-Gamma) on this book, so no CLV: %v\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	bg, err := forecast.FitBGNBD(hs, forecast.CustomerFitOptions{})
	if errors.Is(err, forecast.ErrNoConvergence) {
		// The likelihood can have no maximum: on a book where every
		// account leaves with the same chance after a purchase, a and b
		// run off together. The models' spend half still stands: it is
		// the result, and why the other half is missing is a note.
		fmt.Fprintf(w, "\nCustomer value: %d accounts, %d repeat buyers, ranked by the expected value of their next deal (Gamma-Gamma)\n",
			len(hs), repeat)
		if err := topSpenders(w, hs, gg, currencyOf(deals)); err != nil {
			return err
		}
		fmt.Fprintf(w, "  note: no purchase-rate model (BG/NBD) on this book, so no CLV: %v\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	// The mean purchase rate r/α a week while active, and the mean chance
	// a/(a+b) of dropping out after a purchase.
	fmt.Fprintf(w, "\nCustomer value: %d accounts, %d repeat buyers; BG/NBD: %.4f deals a week while active, %.2f chance of leaving after each (LL %.1f)\n",
		len(hs), repeat, bg.R/bg.Alpha, bg.A/(bg.A+bg.B), bg.LogLik)
	type row struct {
		account    string
		alive, clv float64
		x          int
	}
	var rows []row
	var alive float64
	for _, h := range hs {
		p, err := bg.ProbabilityAlive(h)
		if err != nil {
			return err
		}
		v, err := forecast.CLV(bg, gg, h, forecast.CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: 0.01})
		if err != nil {
			return err
		}
		alive += p
		rows = append(rows, row{h.Customer, p, v, h.X})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(b.clv, a.clv), cmp.Compare(a.account, b.account)) })
	fmt.Fprintf(w, "  expected still buying: %.0f of %d\n", alive, len(hs))
	for _, r := range rows[:min(3, len(rows))] {
		fmt.Fprintf(w, "  %s: %s, P(alive) %.2f, next year's value %.2f %s\n", r.account, plural(r.x, "repeat deal"), r.alive, r.clv, currencyOf(deals))
	}
	return nil
}

// topSpenders lists the three accounts with the highest expected value of
// a deal under the Gamma-Gamma model, and the model.
func topSpenders(w io.Writer, hs []forecast.CustomerSummary, gg *forecast.GammaGamma, cur activity.Currency) error {
	type row struct {
		account string
		x       int
		spend   float64
	}
	var rows []row
	for _, h := range hs {
		v, err := gg.ConditionalExpectedSpend(h)
		if err != nil {
			return err
		}
		rows = append(rows, row{h.Customer, h.X, v})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(b.spend, a.spend), cmp.Compare(a.account, b.account)) })
	for _, r := range rows[:min(3, len(rows))] {
		fmt.Fprintf(w, "  %s: %s, expected value of a deal %.2f %s\n", r.account, plural(r.x, "repeat deal"), r.spend, cur)
	}
	fmt.Fprintf(w, "  model: %v\n", gg)
	return nil
}

// currencyOf returns the currency of the won deals (the sample books one).
func currencyOf(deals []activity.Deal) activity.Currency {
	for _, d := range deals {
		if d.Status == activity.StatusWon {
			return d.Currency
		}
	}
	return ""
}

// plural writes "1 repeat deal", "2 repeat deals".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
