// Quickstart generates two years of a sample sales company's records from a
// fixed seed, builds the index and prints what salesmetrics can tell about
// it: the records and their validation, activity volume by rep and by
// month, and a quarter review (win rate, deal size, cycle, velocity, effort,
// the funnel, the pipeline for the next quarter, and the reps side by side),
// the leads that came in and what each source's cost,
// the customer economics, contract renewals and NPS of the subscriptions its
// won deals became,
// the reps' effort against results and the new hires' ramp, the accounts'
// value by the BG/NBD and Gamma-Gamma models,
// the outlook (next quarter's bookings with their interval, run rate, the
// hires next year's target needs), next year's budget and the last
// quarter's spending against its own, the territories' books and next
// year's redesigned, and the quarter's commission run.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	// 1. Records. A host decodes these from its CRM; here they are generated.
	// Three closes in ten are given as a day, as Salesforce writes CloseDate,
	// and one deal in ten is booked in euros.
	cfg := activitytest.Config{Seed: 2025, CloseDateShare: 0.3, EURShare: 0.1}
	records := activitytest.Generate(cfg)
	window := cfg.Window()
	window.Name = window.Start.Format("2006-01") + " to " + window.End.Add(-time.Nanosecond).Format("2006-01")
	asOf := window.End

	fmt.Fprintf(w, "Sample company, %s to %s (as of %s)\n",
		window.Start.Format(time.DateOnly), window.End.Add(-time.Nanosecond).Format(time.DateOnly), asOf.Format(time.DateOnly))
	status := map[activity.Status]int{}
	for _, d := range records.Deals {
		status[d.Status]++
	}
	fmt.Fprintf(w, "  %d reps, %d deals (%d won, %d lost, %d open), %d stage changes, %d activities, %d quotas, %d leads\n\n",
		len(records.Reps), len(records.Deals), status[activity.StatusWon], status[activity.StatusLost], status[activity.StatusOpen],
		len(records.StageChanges), len(records.Activities), len(records.Quotas), len(records.Leads))

	// 2. The index validates every record and resolves every link once.
	opts := activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: asOf}
	ix, err := activity.NewIndex(records, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Validation: all records valid; %d reps, %d teams, %d accounts, %d activity kinds interned\n",
		ix.Reps().Len(), ix.Teams().Len(), ix.Accounts().Len(), ix.Kinds().Len())

	// Money in two currencies is reported in dollars, at each deal's
	// close-date rate (the treasury's monthly EUR→USD rates).
	conv, err := usdConversion(window)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Currencies: USD and EUR, reported in USD at the rate of each deal's close (EUR→USD %s to %s a month)\n",
		eurRate(0), eurRate(5))

	// Bad records are reported, every one, with the record, field and reason.
	bad := records
	bad.Deals = append([]activity.Deal(nil), records.Deals[:3]...)
	bad.Deals[0].ClosedAt, bad.Deals[0].CloseDate = bad.Deals[0].CreatedAt.Add(-time.Hour), activity.Date{}
	bad.Deals[1].Amount = decimal.NewFromInt(-100)
	bad.Deals[2].Stage = "haggling"
	bad.StageChanges, bad.Activities, bad.Leads = nil, nil, nil
	if _, err := activity.NewIndex(bad, opts); err != nil {
		fmt.Fprintf(w, "Three deals broken on purpose are reported as:\n%s\n\n", indent(err.Error()))
	}

	// 3. Activity volume over the last quarter, by rep, and by month.
	cal := activity.Calendar{}
	quarter, err := cal.Quarter(asOf.Add(-time.Nanosecond))
	if err != nil {
		return err
	}
	all := ix.All()
	vol, err := activity.ActivityVolume(all, quarter, activity.VolumeOptions{Calendar: cal})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Activity volume, %s\n  %v\n", quarter.Name, vol)
	calls, err := activity.Connects(all, quarter, activity.ConnectOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  Connect rate: %d of %d calls connected (%.1f%%)\n\n", calls.Connected, calls.Attempts, 100*calls.Rate)

	byRep, err := activity.ActivityVolumeBy(all, quarter, activity.ByRep(), activity.VolumeOptions{Calendar: cal})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "By rep, %s\n", quarter.Name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rep\tcalls\temails\tmeetings\tdemos\tproposals\tnegotiations\ttotal\tper day\t")
	kinds := []activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting, activity.KindDemo, activity.KindProposal, activity.KindNegotiation}
	for _, g := range byRep {
		fmt.Fprintf(tw, "%s\t", g.Key)
		for _, k := range kinds {
			fmt.Fprintf(tw, "%d\t", count(g.Result.ByKind, k))
		}
		fmt.Fprintf(tw, "%d\t%.1f\t\n", g.Result.Total, g.Result.PerWorkingDay)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	byMonth, err := activity.ActivityVolumeBy(all, window, activity.ByPeriod(cal, activity.Monthly), activity.VolumeOptions{Calendar: cal})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nBy month\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tworking days\tactivities\tper day\t")
	for _, g := range byMonth {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t\n", g.Key, g.Result.WorkingDays, g.Result.Total, g.Result.PerWorkingDay)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := quarterReview(w, ix, cal, quarter, asOf, conv); err != nil {
		return err
	}
	if err := leadsSection(w, ix, quarter); err != nil {
		return err
	}
	// Subscriptions and purchases are the host's own records: it books
	// them in dollars.
	usd, err := inUSD(records.Deals, conv)
	if err != nil {
		return err
	}
	if err := customerEconomics(w, usd, cal, quarter); err != nil {
		return err
	}
	if err := satisfaction(w, usd, cal, quarter); err != nil {
		return err
	}
	if err := peopleSection(w, ix, window, quarter, conv); err != nil {
		return err
	}
	if err := ownMetric(w, ix, window); err != nil {
		return err
	}
	if err := customerValue(w, usd, window); err != nil {
		return err
	}
	if err := outlook(w, ix, records.Reps, records.Quotas, cal, window, quarter, conv); err != nil {
		return err
	}
	if err := budgetSection(w, ix, records, cal, window, quarter, conv); err != nil {
		return err
	}
	if err := territoriesSection(w, ix, records, cal, window, quarter, conv); err != nil {
		return err
	}
	return commissionRun(w, records.Deals, records.Reps, records.Quotas, cal, quarter, conv)
}

// eurRate is the sample's EUR→USD rate in month m of a six-month cycle:
// 1.05, 1.06 ... 1.10.
func eurRate(m int) decimal.Decimal { return decimal.New(105+int64(m%6), -2) }

// usdConversion converts into USD with a rate for the first of every month
// of the window and the month before it.
func usdConversion(window activity.Period) (*activity.Conversion, error) {
	var rates []activity.ExchangeRate
	m := 0
	for t := window.Start.AddDate(0, -1, 0); t.Before(window.End); t = t.AddDate(0, 1, 0) {
		rates = append(rates, activity.ExchangeRate{From: "EUR", To: "USD", On: t, Rate: eurRate(m)})
		m++
	}
	table, err := activity.NewExchangeRates(rates)
	if err != nil {
		return nil, err
	}
	return &activity.Conversion{To: "USD", Converter: table}, nil
}

// inUSD returns the deals with every amount in USD at its close's rate (or
// creation's, for an open deal), as a host books its own records.
func inUSD(deals []activity.Deal, conv *activity.Conversion) ([]activity.Deal, error) {
	out := slices.Clone(deals)
	for i := range out {
		d := &out[i]
		if d.Currency == conv.To {
			continue
		}
		at := d.CloseTime(time.UTC)
		if at.IsZero() {
			at = d.CreatedAt
		}
		v, err := conv.Convert(d.Amount, d.Currency, at, activity.Period{})
		if err != nil {
			return nil, err
		}
		d.Amount, d.Currency = conv.To.Round(v), conv.To
	}
	return out, nil
}

// quarterReview prints the deal outcomes of the quarter: the company's
// KPIs, the pipeline for the next quarter, and the reps side by side.
func quarterReview(w io.Writer, ix *activity.Index, cal activity.Calendar, quarter activity.Period, asOf time.Time, conv *activity.Conversion) error {
	all := ix.All()
	fmt.Fprintf(w, "\nQuarter review, %s\n", quarter.Name)
	win, err := performance.WinRate(all, quarter, performance.WinRateOptions{})
	if err != nil {
		return err
	}
	byValue, err := performance.WinRate(all, quarter, performance.WinRateOptions{Basis: performance.ValueBasis, Conversion: conv})
	if err != nil {
		return err
	}
	size, err := performance.DealSizeOf(all, quarter, performance.DealSizeOptions{Conversion: conv})
	if err != nil {
		return err
	}
	cycle, err := performance.SalesCycle(all, quarter, performance.CycleOptions{})
	if err != nil {
		return err
	}
	vel, err := performance.SalesVelocity(all, quarter, performance.VelocityOptions{Conversion: conv})
	if err != nil {
		return err
	}
	perWon, err := performance.ActivitiesPerWonDeal(all, quarter, performance.EffortOptions{Linking: performance.LinkedToOutcome})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %v\n  %v\n  %v\n  %v\n  %v\n  %v\n", win, byValue, size, cycle, vel, perWon)

	funnel, err := performance.FunnelOf(all, quarter, performance.FunnelOptions{AsOf: asOf})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nFunnel\n%v\n", funnel)

	next, err := cal.Quarter(asOf)
	if err != nil {
		return err
	}
	pipe, err := performance.OpenPipeline(all, next, performance.PipelineOptions{AsOf: asOf, StaleAfterDays: 30, Conversion: conv})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nPipeline for %s, as of %s\n  %v\n", next.Name, asOf.Format(time.DateOnly), pipe)
	for _, c := range pipe.ByCategory {
		if c.CumulativeDeals > 0 {
			fmt.Fprintf(w, "  %-10s %3d deals %12s  weighted %12s  (with the categories inside it: %s)\n", c.Category, c.Deals,
				c.Amount.StringFixed(2), c.Weighted.StringFixed(2), c.CumulativeAmount.StringFixed(2))
		}
	}

	by := activity.ByRep()
	wins, err := performance.WinRateBy(all, quarter, by, performance.WinRateOptions{Conversion: conv})
	if err != nil {
		return err
	}
	sizes, err := performance.DealSizeBy(all, quarter, by, performance.DealSizeOptions{Conversion: conv})
	if err != nil {
		return err
	}
	cycles, err := performance.SalesCycleBy(all, quarter, by, performance.CycleOptions{})
	if err != nil {
		return err
	}
	bySize := map[string]activity.Group[performance.DealSize]{}
	for _, g := range sizes {
		bySize[g.Key] = g
	}
	byCycle := map[string]activity.Group[performance.Cycle]{}
	for _, g := range cycles {
		byCycle[g.Key] = g
	}
	fmt.Fprintf(w, "\nReps, %s\n", quarter.Name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rep\twon\tlost\twin rate\twon amount\tmedian deal\tmedian cycle (days)\t")
	for _, g := range wins {
		rate, median, days := "-", "-", "-"
		if g.Undefined == "" {
			rate = fmt.Sprintf("%.0f%%", 100*g.Result.Rate)
		}
		if s, ok := bySize[g.Key]; ok && s.Undefined == "" {
			median = s.Result.Median.StringFixed(2)
		}
		if c, ok := byCycle[g.Key]; ok && c.Undefined == "" {
			days = fmt.Sprintf("%.1f", c.Result.MedianDays)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t\n", g.Key, g.Result.Won, g.Result.Lost, rate,
			g.Result.WonAmount.StringFixed(2), median, days)
	}
	return tw.Flush()
}

func count(ks []activity.KindCount, k activity.Kind) int64 {
	for _, c := range ks {
		if c.Kind == k {
			return c.Count
		}
	}
	return 0
}

func indent(s string) string {
	out := "  "
	for _, r := range s {
		out += string(r)
		if r == '\n' {
			out += "  "
		}
	}
	return out
}
