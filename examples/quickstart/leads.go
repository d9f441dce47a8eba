package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// leadsSection prints the top of the funnel for the quarter: the leads that
// came in, what became of them, how fast they were answered, and what each
// cost by source, from the marketing team's monthly spend.
func leadsSection(w io.Writer, ix *activity.Index, quarter activity.Period) error {
	spend := marketingSpend(quarter.Start, 3)
	// Leads created in the quarter, followed to today; a lead's first touch
	// is its first call or e-mail, or its first step when none was logged;
	// one person's several leads count once, for the first touch's source.
	opt := performance.LeadOptions{Touch: performance.TouchEither, Attribution: performance.FirstTouch, Spend: spend}
	f, err := performance.LeadFunnelOf(ix.All(), quarter, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nLeads, %s\n  %v\n", quarter.Name, f)
	fmt.Fprintf(w, "  %d merged as the same person; %d disqualified, most for %q (%.0f%%); %d not yet touched\n",
		f.Merged, f.Disqualified, f.DisqualifyReasons[0].Reason, 100*f.DisqualifyReasons[0].Share, f.Untouched)
	fmt.Fprintf(w, "  speed to lead: median %s, 90%% within %s; lead to deal in %.1f days (median)\n",
		hours(f.SpeedToLead.Median), hours(f.SpeedToLead.P90), f.TimeToConvert.Median)
	gs, err := performance.LeadFunnelBy(ix.All(), quarter, activity.BySource(), opt)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\tleads\tqualified\topportunities\twon\tlead to won\tspeed (median)\tper lead (USD)\tper won deal (USD)\t")
	for _, g := range gs {
		r := g.Result
		if g.Undefined != "" {
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t\t\t\t\t\n", g.Key, g.Undefined)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.1f%%\t%s\t%s\t%s\t\n", g.Key, r.Leads, r.Qualified, r.Opportunities, r.Won, 100*r.LeadToWon,
			hours(r.SpeedToLead.Median), cost(r.CostPerLead), cost(r.CostPerWon))
	}
	return tw.Flush()
}

// hours writes a duration in hours as minutes, hours or days.
func hours(h float64) string {
	d := time.Duration(h * float64(time.Hour)).Round(time.Minute)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%.1f h", d.Hours())
	}
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}

// cost writes a cost to the cent, "-" when there is none.
func cost(c activity.Optional[decimal.Decimal]) string {
	if v, ok := c.Get(); ok {
		return v.StringFixed(2)
	}
	return "-"
}

// marketingSpend is the marketing team's spend (the host's records): a
// month's, by source, for months months from start.
func marketingSpend(start time.Time, months int) []activity.Spend {
	monthly := map[activity.Source]int64{
		activity.SourceInbound: 6000, activity.SourceEvent: 9000, activity.SourcePartner: 2500, activity.SourceReferral: 1000,
	}
	var spend []activity.Spend
	for m := range months {
		for _, src := range []activity.Source{activity.SourceInbound, activity.SourceEvent, activity.SourcePartner, activity.SourceReferral} {
			spend = append(spend, activity.Spend{Date: start.AddDate(0, m, 0), Amount: decimal.NewFromInt(monthly[src]),
				Currency: "USD", Category: "marketing", Source: src})
		}
	}
	return spend
}
