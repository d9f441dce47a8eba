package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/examples/internal/review"
	"github.com/salesmetrics/salesmetrics/forecast"
)

// printReview writes the review for a person: one line per KPI, the
// tables of attainment and groups, and the reasons a KPI is undefined.
func printReview(w io.Writer, rv Review) {
	last := rv.Period.End.Add(-time.Nanosecond)
	fmt.Fprintf(w, "Quarter review: %s, %s (%s to %s), as of %s\n", rv.Scope, rv.Period.Name,
		rv.Period.Start.Format(time.DateOnly), last.Format(time.DateOnly), rv.AsOf.Add(-time.Nanosecond).Format(time.DateOnly))
	if rv.Currency != "" {
		fmt.Fprintf(w, "Money in %s at each deal's close-date rate\n", rv.Currency)
	}
	fmt.Fprintln(w, "\nRead")
	for _, in := range rv.Inputs {
		skipped := ""
		if in.Skipped > 0 {
			skipped = fmt.Sprintf(", %d skipped", in.Skipped)
		}
		fmt.Fprintf(w, "  %-28s %-38s %6d rows%s\n", in.File, in.Layout, in.Rows, skipped)
	}
	fmt.Fprintln(w, "\nOutcomes")
	for _, s := range []fmt.Stringer{ptr(rv.Activity), ptr(rv.WinRate), ptr(rv.WinRateValue), ptr(rv.DealSize),
		ptr(rv.Cycle), ptr(rv.Velocity), ptr(rv.Bookings), ptr(rv.Coverage)} {
		if s != nil {
			fmt.Fprintf(w, "  %v\n", s)
		}
	}
	if rv.Funnel != nil {
		fmt.Fprintf(w, "\nFunnel\n%v\n", rv.Funnel)
	}
	if len(rv.Attainment) > 0 {
		fmt.Fprintln(w, "\nAttainment")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "rep\tquota\twon\tdeals\tattainment\t\t")
		for _, a := range rv.Attainment {
			att := "-"
			if a.Undefined == "" {
				att = fmt.Sprintf("%.1f%%", 100*a.AttainmentFloat)
			}
			ramping := ""
			if a.Ramping {
				ramping = "ramping"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t\n", label(a.Owner, rv), money(a.Quota), money(a.Actual), a.WonDeals, att, ramping)
		}
		_ = tw.Flush()
	}
	if rv.Pipeline != nil {
		fmt.Fprintf(w, "\nNext quarter\n  %v\n", rv.Pipeline)
	}
	if f := rv.Forecast; f != nil {
		fmt.Fprintf(w, "  forecast bookings %s: expected %s %s, P10 %s, P50 %s, P90 %s (%d deals, %s)%s\n", f.Period.Name,
			money(f.Expected), f.Currency, money(f.P10), money(f.P50), money(f.P90), f.Deals, f.Method, targetText(f))
	}
	if tr := rv.Trend; tr != nil {
		fmt.Fprintf(w, "\nBookings trend (%d months; %s forecast, %.0f%% band)\n", len(tr.History), tr.Method, 100*tr.Confidence)
		for _, f := range tr.Forecast {
			fmt.Fprintf(w, "  %s: %s %s (%s to %s)\n", f.Period.Name, thousands(f.Value), tr.Currency, thousands(f.Low), thousands(f.High))
		}
	}
	if rv.Effort != nil {
		fmt.Fprintf(w, "\nActivity against results\n  %s\n", strings.ReplaceAll(rv.Effort.String(), "\n", "\n  "))
	}
	if rv.Peers != nil {
		fmt.Fprintf(w, "\nAgainst peers\n  %s\n", peerText(rv.Peers, rv))
	}
	if len(rv.Groups) > 0 {
		fmt.Fprintf(w, "\nBy %s\n", rv.GroupedBy)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, rv.GroupedBy+"\tactivities\twon\tlost\twin rate\tbookings\tmedian deal\tmedian cycle (days)\t")
		for _, g := range rv.Groups {
			fmt.Fprintln(tw, strings.Join(groupRow(g, rv, "-"), "\t")+"\t")
		}
		_ = tw.Flush()
	}
	if len(rv.Undefined) > 0 {
		fmt.Fprintln(w, "\nNot computed")
		keys := make([]string, 0, len(rv.Undefined))
		for k := range rv.Undefined {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s: %s\n", k, rv.Undefined[k])
		}
	}
}

// ptr turns a nil pointer into a nil Stringer, so absent KPIs are skipped.
func ptr[T fmt.Stringer](p *T) fmt.Stringer {
	if p == nil {
		return nil
	}
	return *p
}

// money writes an amount rounded to cents, as a person reads it.
func money(d decimal.Decimal) string { return d.StringFixed(2) }

// label writes a rep's name beside its id where the roster names it.
func label(key string, rv Review) string {
	if n := rv.Names[key]; n != "" && n != key {
		return n + " (" + key + ")"
	}
	return key
}

// targetText is the forecast's target and the chance of reaching it, when
// it has one: "; target 600000.00 (62.0% chance)".
func targetText(f *forecast.BookingsOutcome) string {
	target, ok := f.Target.Get()
	if !ok {
		return ""
	}
	s := "; target " + money(target)
	if p, ok := f.ProbabilityOfTarget.Get(); ok {
		s += fmt.Sprintf(" (%.1f%% chance)", 100*p)
	}
	return s
}

// peerText says where a rep stands in the team: "Naomi Okafor, 2025-12:
// 87155.00 USD of bookings, team mean 58711.91, percentile 100%, z 1.09;
// trend 7235.80 a period against the team's 5793.11".
func peerText(pr *PeerReview, rv Review) string {
	st := pr.Standing
	s := fmt.Sprintf("%s, %s: %s %s of %s, team %s mean %s", label(st.Rep, rv), periodLabel(pr.Periods[len(pr.Periods)-1]),
		thousands(st.Value), pr.Currency, pr.KPI, pr.Team, thousands(st.TeamMean))
	if st.PercentileDefined {
		s += fmt.Sprintf(", percentile %.0f%%", 100*st.Percentile)
	}
	if st.ZDefined {
		s += fmt.Sprintf(", z %.2f", st.Z)
	}
	s += fmt.Sprintf("; trend %s a month against the team's %s", thousands(st.Slope), thousands(st.TeamSlope))
	switch {
	case st.Top:
		s += "; a top performer"
	case st.Low:
		s += "; a low performer"
	}
	return s
}

// groupRow is one team's or rep's line of the review: name, activities,
// won, lost, win rate, bookings, median deal and median cycle in days,
// none where a KPI is not computed for the group.
func groupRow(g review.GroupReview, rv Review, none string) []string {
	acts, won, lost, rate, booked, median, cycle := none, none, none, none, none, none, none
	if g.Activity != nil {
		acts = fmt.Sprint(g.Activity.Total)
	}
	if g.WinRate != nil {
		won, lost, rate = fmt.Sprint(g.WinRate.Won), fmt.Sprint(g.WinRate.Lost), fmt.Sprintf("%.0f%%", 100*g.WinRate.Rate)
	}
	if g.Bookings != nil {
		booked = money(g.Bookings.Amount)
	}
	if g.DealSize != nil {
		median = money(g.DealSize.Median)
	}
	if g.Cycle != nil {
		cycle = fmt.Sprintf("%.1f", g.Cycle.MedianDays)
	}
	return []string{label(g.Key, rv), acts, won, lost, rate, booked, median, cycle}
}
