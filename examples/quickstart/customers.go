package main

import (
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/customers"
)

// subscriptionsFrom turns every won deal into a yearly subscription of its
// account, from the close date, at the deal's amount a year, on a one-year
// contract. A seeded quarter of them are not renewed after their first year
// and a fifth grow by 20% after six months: the customer side of the sample
// company.
func subscriptionsFrom(deals []activity.Deal) []customers.Subscription {
	var subs []customers.Subscription
	for _, d := range deals {
		if d.Status != activity.StatusWon || d.Account == "" {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		roll := h.Sum32() % 100
		start := d.CloseTime(time.UTC).UTC().Truncate(24 * time.Hour)
		// Contract terms from a stream of their own, so that the revenue
		// above does not move: a year, auto-renewing two times in three,
		// with 30, 60 or 90 days' notice.
		t := fnv.New32a()
		t.Write([]byte("term:" + d.ID))
		term := t.Sum32()
		s := customers.Subscription{
			ID: d.ID, Account: d.Account, Product: d.ID, Start: start,
			Amount: d.Amount, Currency: d.Currency, BillingMonths: 12,
			TermMonths: 12, AutoRenew: term%3 != 0, NoticeDays: 30 * int(1+term/3%3),
		}
		if roll < 25 {
			s.End = start.AddDate(1, 0, 0)
		}
		if roll >= 80 {
			s.Changes = []customers.AmountChange{{At: start.AddDate(0, 6, 0), Amount: d.Amount.Mul(decimal.RequireFromString("1.2")).Round(2)}}
		}
		subs = append(subs, s)
	}
	return subs
}

// customerEconomics prints the customer economics of the sample company: MRR
// movements month by month, churn, retention, cohorts, ARPA and CAC.
func customerEconomics(w io.Writer, deals []activity.Deal, cal activity.Calendar, quarter activity.Period) error {
	ss, err := customers.NewSubscriptions(subscriptionsFrom(deals), customers.SubscriptionOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCustomers: %d yearly subscriptions of %d accounts, one per won deal\n", ss.Len(), ss.Accounts())

	months, err := customers.MovementsBy(ss, quarter, activity.ByPeriod(cal, 0))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  month\topening\tnew\treactivation\texpansion\tcontraction\tchurn\tclosing\tcustomers\t")
	for _, m := range months {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", m.Period.Name, m.Opening.StringFixed(0), m.New.StringFixed(0),
			m.Reactivation.StringFixed(0), m.Expansion.StringFixed(0), m.Contraction.StringFixed(0), m.Churn.StringFixed(0), m.Closing.StringFixed(0), m.ClosingCustomers)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	logo, err := customers.CustomerChurnRate(ss, quarter, customers.ChurnOptions{})
	if err != nil {
		return err
	}
	revenue, err := customers.RevenueChurnRate(ss, quarter, customers.RevenueChurnOptions{})
	if err != nil {
		return err
	}
	year := activity.Period{Start: quarter.End.AddDate(-1, 0, 0), End: quarter.End, Name: "last 12 months"}
	retention, err := customers.Retention(ss, year, customers.RetentionOptions{})
	if err != nil {
		return err
	}
	arpa, err := customers.ARPA(ss, quarter, customers.ARPAOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %v\n  %v\n  %v\n  %v\n", logo, revenue, retention, arpa)

	// Renewals: the one-year contracts whose term ended in the quarter, and
	// the notice deadlines of the next.
	renewals, err := customers.Renewals(ss, quarter, customers.RenewalOptions{})
	if err != nil {
		return err
	}
	next := activity.Period{Start: quarter.End, End: quarter.End.AddDate(0, 3, 0), Name: "the next quarter"}
	deadlines, err := customers.NoticeDeadlines(ss, next)
	if err != nil {
		return err
	}
	auto := 0
	for _, d := range deadlines {
		if d.AutoRenew {
			auto++
		}
	}
	fmt.Fprintf(w, "  renewals, %v\n  notice deadlines in %s: %d contracts (%d renew by themselves unless notice is given)\n",
		renewals, next.Name, len(deadlines), auto)

	// Sales and marketing spend: a fixed 600,000 a month.
	var spend []customers.Spend
	for m := range cal.Periods(activity.Monthly, quarter.Start, quarter.End) {
		spend = append(spend,
			customers.Spend{Date: m.Start, Amount: decimal.NewFromInt(450000), Currency: "USD", Category: "sales"},
			customers.Spend{Date: m.Start, Amount: decimal.NewFromInt(150000), Currency: "USD", Category: "marketing"})
	}
	spending, err := customers.NewSpending(spend, customers.SpendingOptions{})
	if err != nil {
		return err
	}
	cac, err := customers.CAC(spending, ss, quarter, customers.CACOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %v\n", cac)

	// Unit economics at a 75% gross margin: the quarter's churn restated
	// per month (compounded), lifetime value, CAC payback, LTV:CAC.
	monthly, err := customers.CompoundChurn(logo.Rate, 1.0/3)
	if err != nil {
		return err
	}
	margin := activity.Some(decimal.RequireFromString("0.75"))
	churn := decimal.NewFromFloat(monthly).Round(6)
	ltv, err := customers.LTV(arpa.ARPA, churn, customers.LTVOptions{Margin: margin, Currency: arpa.Currency})
	if err != nil {
		return err
	}
	payback, err := customers.CACPayback(cac.CAC, arpa.ARPA, margin, cac.Currency)
	if err != nil {
		return err
	}
	ratio, err := customers.LTVToCAC(ltv.Value, cac.CAC, cac.Currency)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  monthly churn %.2f%%: %v\n  %v\n  %v\n", 100*monthly, ltv, payback, ratio)

	cohorts, err := customers.Cohorts(ss, activity.Period{Start: year.Start, End: year.End}, activity.ByPeriod(cal, activity.Quarterly))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nRevenue retention by start quarter (quarters since start)\n")
	for _, r := range cohorts {
		fmt.Fprintf(w, "  %-10s %3d customers ", r.Cohort.Name, r.Customers)
		for _, v := range r.Revenue {
			fmt.Fprintf(w, " %5.0f%%", 100*v)
		}
		fmt.Fprintln(w)
	}
	return nil
}

// satisfaction prints how long customers stay (a Kaplan–Meier curve of
// their lifetimes) and what they say: NPS from a seeded survey of the
// accounts in the last two quarters, by segment, and the change between
// the quarters with its test.
func satisfaction(w io.Writer, deals []activity.Deal, cal activity.Calendar, quarter activity.Period) error {
	ss, err := customers.NewSubscriptions(subscriptionsFrom(deals), customers.SubscriptionOptions{})
	if err != nil {
		return err
	}
	surv, err := customers.CustomerSurvival(ss, quarter.End, customers.SurvivalOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCustomer lifetimes: %v\n", surv)
	for _, d := range []float64{180, 365, 540} {
		fmt.Fprintf(w, "  still paying after %3.0f days: %.1f%%\n", d, 100*surv.At(d))
	}

	previous, err := cal.Quarter(quarter.Start.Add(-time.Nanosecond))
	if err != nil {
		return err
	}
	responses := survey(deals, previous, quarter)
	sv, err := customers.NewSurvey(responses, customers.SurveyOptions{})
	if err != nil {
		return err
	}
	opts := customers.NPSOptions{Interval: customers.AdjustedWald}
	before, err := customers.NetPromoterScore(sv, previous, opts)
	if err != nil {
		return err
	}
	after, err := customers.NetPromoterScore(sv, quarter, opts)
	if err != nil {
		return err
	}
	change, err := customers.CompareNPS(before, after)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nNPS of the customers\n  %s %v\n  %s %v\n  change: %v\n", previous.Name, before, quarter.Name, after, change)
	bySegment, err := customers.NPSBy(sv, quarter, activity.BySegment(), opts)
	if err != nil {
		return err
	}
	for _, g := range bySegment {
		fmt.Fprintf(w, "  %s %v\n", quarter.Name, g.Result)
	}
	return nil
}

// survey returns one seeded answer per account and quarter from the
// accounts that won deals: a little happier in the later quarter.
func survey(deals []activity.Deal, quarters ...activity.Period) []customers.Response {
	segment := map[string]string{}
	var accounts []string
	for _, d := range deals {
		if d.Status == activity.StatusWon && d.Account != "" {
			if _, ok := segment[d.Account]; !ok {
				accounts = append(accounts, d.Account)
			}
			segment[d.Account] = d.Segment
		}
	}
	slices.Sort(accounts)
	r := rand.New(rand.NewPCG(2025, 4))
	var out []customers.Response
	for qi, q := range quarters {
		span := q.End.Sub(q.Start)
		for _, a := range accounts {
			if r.IntN(3) == 0 {
				continue // a third do not answer
			}
			score := r.IntN(11)
			if r.IntN(10) < 5+qi {
				score = 7 + r.IntN(4) // most lean positive, more so later
			}
			out = append(out, customers.Response{
				Respondent: a, Score: float64(score), Segment: segment[a],
				Time: q.Start.Add(time.Duration(r.Int64N(int64(span)))),
			})
		}
	}
	return out
}
