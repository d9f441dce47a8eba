package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/forecast/budget"
	"github.com/salesmetrics/salesmetrics/performance"
)

// The company's cost assumptions: a rep's base salary, the employer's
// on-costs, the pay guaranteed to a ramping hire, and the fixed lines.
var (
	baseSalary = decimal.NewFromInt(48000)
	onCosts    = decimal.RequireFromString("0.2")
	guarantee  = decimal.NewFromInt(3000)
)

// budgetSection budgets next year for the outlook's hiring plan (the reps'
// pay from the commission plan's curve, the leads the target needs at last
// year's funnel and cost per lead, the fixed lines), sweeps it over the
// target, and tracks the last quarter's spending against the same model's
// budget for that quarter.
func budgetSection(w io.Writer, ix *activity.Index, records activity.Records, cal activity.Calendar, window, quarter activity.Period, conv *activity.Conversion) error {
	np, err := planNextYear(ix, records.Reps, records.Quotas, cal, window, conv)
	if err != nil {
		return err
	}
	var pay compensation.Plan
	if err := json.Unmarshal([]byte(planJSON), &pay); err != nil {
		return err
	}
	// Last year's funnel: deal size, lead to won and cost per lead by
	// source under the marketing spend.
	lastYear := activity.Period{Start: window.End.AddDate(-1, 0, 0), End: window.End, Name: "the last 12 months"}
	size, err := performance.DealSizeOf(ix.All(), lastYear, performance.DealSizeOptions{Conversion: conv})
	if err != nil {
		return err
	}
	bySource, err := performance.LeadFunnelBy(ix.All(), lastYear, activity.BySource(),
		performance.LeadOptions{Attribution: performance.FirstTouch, Spend: marketingSpend(lastYear.Start, 12)})
	if err != nil {
		return err
	}
	mk, err := budget.MarketingFrom(bySource, size.Mean)
	if err != nil {
		return err
	}
	input := func(name string, p activity.Period, target decimal.Decimal, reps []activity.Rep) budget.PlanInput {
		return budget.PlanInput{
			Name: name, Period: p, Target: target, Reps: reps, Capacity: np.opts,
			Staff:     budget.Staff{BaseSalary: baseSalary, OnCostRate: onCosts, Plan: &pay, PayPeriod: activity.Quarterly, Guarantee: guarantee},
			Marketing: mk,
			Fixed: []budget.Entry{
				{Period: p, Category: "tools", Amount: decimal.NewFromInt(3000).Mul(months(cal, p)), Currency: "USD"},
				{Period: p, Category: "travel and events", Amount: decimal.NewFromInt(5000).Mul(months(cal, p)), Currency: "USD"},
			},
		}
	}
	plan, err := budget.Plan(input("Plan", np.year, np.target, np.active))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nBudget, %s\n  %v\n", np.year.Name, plan)
	fmt.Fprintf(w, "  %s deals of %s USD on average, %s opportunities and %s leads needed (last year: lead to won %s%%, opportunities won %s%%); each hire must bring %s USD\n",
		plan.DealsNeeded.Value.StringFixed(1), size.Mean.StringFixed(2), plan.Opportunities.Value.StringFixed(0), plan.LeadsNeeded.Value.StringFixed(0),
		mk.LeadToWon.Mul(decimal.NewFromInt(100)).StringFixed(1), mk.OpportunityWinRate.Mul(decimal.NewFromInt(100)).StringFixed(1), plan.BookingsPerHire.StringFixed(2))
	pts, err := budget.Sweep(input("Plan", np.year, np.target, np.active), budget.LeverTarget,
		[]decimal.Decimal{np.target.Mul(decimal.RequireFromString("0.9")).Round(0), np.target, np.target.Mul(decimal.RequireFromString("1.1")).Round(0)})
	if err != nil {
		return err
	}
	for _, p := range pts {
		fmt.Fprintf(w, "  at a target of %s USD: %d hires, %s USD, cost of sales %s%%\n", p.Value.StringFixed(0), p.Hires, p.Total.StringFixed(2),
			p.CostOfSales.Mul(decimal.NewFromInt(100)).StringFixed(1))
	}

	// The last quarter against its budget: the same model for the quarter
	// as staffed (its target what the team could book: no hire), and what
	// was spent: the payroll's base salaries and on-costs, the commission
	// run's pay (in the quarter earned), the marketing spend, the fixed
	// lines as invoiced.
	var reps []activity.Rep
	for _, r := range records.Reps {
		if r.LeftAt.IsZero() || r.LeftAt.After(quarter.Start) {
			reps = append(reps, r)
		}
	}
	qopts := np.opts
	qopts.HiringLeadMonths, qopts.MonthlyAttrition = 0, decimal.Zero
	team, err := forecast.Capacity(reps, quarter, qopts)
	if err != nil {
		return err
	}
	target := team.Total.Round(0)
	qin := input("Q4", quarter, target, reps)
	qin.Capacity = qopts
	qb, err := budget.Plan(qin)
	if err != nil {
		return err
	}
	actual, err := spent(ix, records, cal, quarter, conv, pay)
	if err != nil {
		return err
	}
	rows, err := budget.TrackBy(qb.Entries(), actual, quarter, budget.ByCategory, budget.TrackOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %s against its budget as staffed (target %s, what the team could book)\n", quarter.Name, target.StringFixed(0))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\tbudget (USD)\tactual (USD)\tvariance (USD)\tvariance %\t")
	for _, r := range rows {
		pct := "-"
		if v, ok := r.VariancePct.Get(); ok {
			pct = v.Mul(decimal.NewFromInt(100)).StringFixed(1)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", r.Scope[len("category="):], r.Budget.StringFixed(2), r.Actual.StringFixed(2), r.Variance.StringFixed(2), pct)
	}
	return tw.Flush()
}

// spent is the quarter's actual spending: base salaries of the reps
// employed at each month's start, the commission run's pay, on-costs on
// both, the marketing spend, and the fixed lines' invoices.
func spent(ix *activity.Index, records activity.Records, cal activity.Calendar, quarter activity.Period, conv *activity.Conversion, pay compensation.Plan) ([]budget.Entry, error) {
	var out []budget.Entry
	monthly := baseSalary.Div(decimal.NewFromInt(12))
	var payroll decimal.Decimal
	for m := range cal.Periods(activity.Monthly, quarter.Start, quarter.End) {
		var heads int64
		for _, r := range records.Reps {
			if !r.HiredAt.After(m.Start) && (r.LeftAt.IsZero() || r.LeftAt.After(m.Start)) {
				heads++
			}
		}
		base := monthly.Mul(decimal.NewFromInt(heads))
		payroll = payroll.Add(base)
		out = append(out, budget.Entry{Period: m, Category: budget.CategoryBase, Amount: base, Currency: "USD"},
			budget.Entry{Period: m, Category: "tools", Amount: decimal.NewFromInt(3000), Currency: "USD"},
			budget.Entry{Period: m, Category: "travel and events", Amount: decimal.NewFromInt(4000 + 1500*int64(m.Start.Month()%3)), Currency: "USD"})
	}
	credits, err := compensation.CreditDeals(records.Deals, compensation.CreditingOptions{Conversion: conv})
	if err != nil {
		return nil, err
	}
	sts, err := compensation.StatementsForAll(pay, quarter, credits, records.Quotas)
	if err != nil {
		return nil, err
	}
	commissions, err := budget.FromStatements(sts, budget.PayoutOptions{})
	if err != nil {
		return nil, err
	}
	for _, c := range commissions {
		payroll = payroll.Add(c.Amount)
	}
	out = append(out, commissions...)
	out = append(out, budget.Entry{Period: quarter, Category: budget.CategoryOnCosts, Amount: payroll.Mul(onCosts), Currency: "USD"})
	mk, err := budget.FromSpend(marketingSpend(quarter.Start, 3), cal)
	if err != nil {
		return nil, err
	}
	return append(out, mk...), nil
}

// months counts the calendar months of p.
func months(cal activity.Calendar, p activity.Period) decimal.Decimal {
	n := int64(0)
	for range cal.Periods(activity.Monthly, p.Start, p.End) {
		n++
	}
	return decimal.NewFromInt(n)
}
