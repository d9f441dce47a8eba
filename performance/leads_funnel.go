package performance

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// LeadsToDeals is the funnel from the first touch to the close: the leads
// created in a period (a LeadFunnel, cohort basis) and the stage funnel of
// the deals they converted into (a FunnelReport over those deals, whenever
// they were created), one funnel that starts at leads:
//
//	lead → qualified → opportunity (Deals.Deals) → each open stage → won
//
// Of the leads is each step's share of Leads.Leads: Deals.Won.Deals won of
// them is the lead-to-won rate.
type LeadsToDeals struct {
	Leads LeadFunnel   `json:"leads"`
	Deals FunnelReport `json:"deals"`
}

// String reads as the lead steps, then the deal stages, each with its count
// and share of the leads.
func (x LeadsToDeals) String() string {
	var b strings.Builder
	n := x.Leads.Leads
	share := func(k int64) string {
		if n == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(k)/float64(n))
	}
	fmt.Fprintf(&b, "%s: from %d leads created in %s to won deals (%v)", x.Leads.Scope, n, periodName(x.Leads.Period), prose(x.Deals.Reach))
	line := func(step string, k int64) { fmt.Fprintf(&b, "\n  %-16s %5d  %6s of leads", step, k, share(k)) }
	line("lead", n)
	line("qualified lead", x.Leads.Qualified)
	line("opportunity", x.Deals.Deals)
	for _, s := range x.Deals.Steps {
		line(string(s.Stage), s.Reached)
	}
	line("won", x.Deals.Won.Deals)
	return b.String()
}

// FunnelFromLeads returns the funnel that starts at leads (see
// LeadsToDeals): the lead funnel of the view's leads created in p under
// opt (which must use the LeadCohort basis), and FunnelOf, under fo (whose
// Cohort must be FunnelCreatedInPeriod), over the deals those leads
// converted into by opt.AsOf, whenever created, with open deals' time in
// stage up to fo.AsOf (zero: opt.AsOf, else the index's AsOf, else just
// after the last of those deals was created). With no lead the error wraps
// ErrNoLeads; with leads but no deal the deal funnel is empty (and its
// error, ErrNoDeals, is not returned: no lead converted yet).
func FunnelFromLeads(v activity.View, p activity.Period, opt LeadOptions, fo FunnelOptions) (LeadsToDeals, error) {
	var x LeadsToDeals
	if err := v.Err(); err != nil {
		return x, err
	}
	if opt.Basis != LeadCohort {
		return x, fmt.Errorf("%w: a funnel from leads follows a cohort of leads", ErrInvalidOptions)
	}
	if err := fo.Validate(); err != nil {
		return x, err
	}
	if fo.Cohort != FunnelCreatedInPeriod {
		return x, fmt.Errorf("%w: a funnel from leads takes the deals its leads became, not a %v cohort", ErrInvalidOptions, fo.Cohort)
	}
	f, err := LeadFunnelOf(v, p, opt)
	x.Leads = f
	if err != nil {
		return x, err
	}
	// The deals the cohort's leads converted into, as leadPass counts them.
	ix := v.Index()
	rows, leads := v.LeadRows(), ix.Leads()
	units := leadUnits(ix, rows, nil, opt)
	deals := map[int32]bool{}
	first, last := p.Start, p.Start
	known := func(t time.Time) bool { return !t.IsZero() && (opt.AsOf.IsZero() || !t.After(opt.AsOf)) }
	n := len(rows)
	if units != nil {
		n = len(units)
	}
	for k := range n {
		l := (*activity.Lead)(nil)
		if units != nil {
			l = units[k].lead
		} else {
			l = &leads[rows[k]]
		}
		if !p.Contains(l.CreatedAt) || (!opt.AsOf.IsZero() && l.CreatedAt.After(opt.AsOf)) || !known(l.ConvertedAt) || l.Deal == "" {
			continue
		}
		if r, ok := ix.DealRow(l.Deal); ok {
			deals[int32(r)] = true
			c := time.Unix(0, ixcols.DealsOf(ix).Created[r])
			if !c.Before(last) {
				last = c.Add(time.Nanosecond)
			}
			if c.Before(first) {
				first = c // a lead converted into a deal older than itself
			}
		}
	}
	dv := v.DealsWhere("deals from leads created in "+periodName(p), func(_ *activity.Index, row int) bool { return deals[int32(row)] })
	span := activity.Period{Start: first, End: last, Name: periodName(p) + " leads' deals"}
	if !span.End.After(span.Start) {
		span.End = span.Start.Add(time.Nanosecond)
	}
	if fo.AsOf.IsZero() {
		fo.AsOf = cmpOr(opt.AsOf, ix.Options().AsOf, span.End)
	}
	r, err := FunnelOf(dv, span, fo)
	x.Deals = r
	if err != nil && !isUndefined(err) {
		return x, err
	}
	return x, nil
}

// cmpOr returns the first of ts that is not the zero time.
func cmpOr(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
