package budget

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

// Lever is an input a what-if sweep varies.
type Lever uint8

// Levers of Sweep.
const (
	LeverTarget     Lever = iota + 1 // PlanInput.Target
	LeverAttainment                  // Capacity.Attainment: what a rep books of quota
	LeverAttrition                   // Capacity.MonthlyAttrition
)

// String returns "target", "attainment" or "attrition".
func (l Lever) String() string {
	switch l {
	case LeverTarget:
		return "target"
	case LeverAttainment:
		return "attainment"
	case LeverAttrition:
		return "attrition"
	}
	return fmt.Sprintf("Lever(%d)", uint8(l))
}

// SweepPoint is the budget at one value of a lever: its hires, total and
// cost of sales, or why there is none (Undefined: a target no hire can
// reach, an attainment of zero).
type SweepPoint struct {
	Value       decimal.Decimal `json:"value"`
	Hires       int64           `json:"hires"`
	Total       decimal.Decimal `json:"total"`
	CostOfSales decimal.Decimal `json:"cost_of_sales"`
	Undefined   string          `json:"undefined,omitempty"`
}

// Sweep plans in's budget at each value of the lever (the same budget at
// other targets, attainments or attrition rates: a curve), in the order
// given. A value the plan cannot be made at is a point marked Undefined;
// a lever out of range, or none given, is an error wrapping
// ErrInvalidOptions, and so is an input invalid whatever the lever.
func Sweep(in PlanInput, lever Lever, values []decimal.Decimal) ([]SweepPoint, error) {
	if lever < LeverTarget || lever > LeverAttrition || len(values) == 0 {
		return nil, fmt.Errorf("%w: sweep %v over %d values", ErrInvalidOptions, lever, len(values))
	}
	out := make([]SweepPoint, 0, len(values))
	for _, v := range values {
		x := in
		switch lever {
		case LeverTarget:
			x.Target = v
		case LeverAttainment:
			x.Capacity.Attainment = v
		case LeverAttrition:
			x.Capacity.MonthlyAttrition = v
		}
		b, err := Plan(x)
		pt := SweepPoint{Value: v}
		if err != nil {
			pt.Undefined = err.Error()
		} else {
			pt.Hires, pt.Total, pt.CostOfSales = b.Hiring.Hires, b.Total, b.CostOfSales
		}
		out = append(out, pt)
	}
	return out, nil
}

// VersionRow is one category's amount in each of several budgets, side by
// side, and the change from the first.
type VersionRow struct {
	Category string            `json:"category"`
	Amounts  []decimal.Decimal `json:"amounts"`
	Change   decimal.Decimal   `json:"change"` // last − first
}

// Compare puts budgets side by side (the plan and its reforecasts): a row
// a category, in the first budget's order of totals and then as met, and a
// last row "total". Budgets in different currencies are an error wrapping
// ErrMixedCurrencies; none, one wrapping ErrInvalidOptions.
func Compare(budgets ...Budget) ([]VersionRow, error) {
	if len(budgets) == 0 {
		return nil, fmt.Errorf("%w: no budget to compare", ErrInvalidOptions)
	}
	at := map[string]int{}
	var rows []VersionRow
	for i, b := range budgets {
		if b.Currency != budgets[0].Currency {
			return nil, fmt.Errorf("%w: %s in %s, %s in %s", ErrMixedCurrencies, budgets[0].Name, budgets[0].Currency, b.Name, b.Currency)
		}
		for _, t := range b.Totals {
			r, ok := at[t.Category]
			if !ok {
				r = len(rows)
				at[t.Category] = r
				rows = append(rows, VersionRow{Category: t.Category, Amounts: make([]decimal.Decimal, len(budgets))})
			}
			rows[r].Amounts[i] = t.Amount
		}
	}
	total := VersionRow{Category: "total", Amounts: make([]decimal.Decimal, len(budgets))}
	for i, b := range budgets {
		total.Amounts[i] = b.Total
	}
	rows = append(rows, total)
	for i := range rows {
		rows[i].Change = rows[i].Amounts[len(budgets)-1].Sub(rows[i].Amounts[0])
	}
	return rows, nil
}

// PayoutTiming says which month a statement's pay counts in as spending.
type PayoutTiming uint8

// Payout timings.
const (
	// WhenEarned (the default) counts pay in the statement's own period,
	// as accrual accounting does.
	WhenEarned PayoutTiming = iota
	// WhenPaid counts it in the month it is paid: the calendar month that
	// starts LagMonths months after the statement's period ends (0: the
	// month right after it).
	WhenPaid
)

// PayoutOptions says how statements become actual spending. The zero
// value counts each statement's total in its own period, as variable pay,
// for no team.
type PayoutOptions struct {
	Timing    PayoutTiming
	LagMonths int
	// Category is the entries' category; empty: CategoryVariable.
	Category string
	// Teams gives each rep's team, for tracking by team.
	Teams map[string]string
}

// FromStatements turns pay statements into actual spending entries: each
// statement's Total, in its currency, dated as opts.Timing says. A
// statement with a negative total (clawbacks above its pay) is an error
// wrapping ErrInvalidEntry: net it against the next period first; so is
// an invalid period or currency, or a negative lag.
func FromStatements(sts []compensation.Statement, opts PayoutOptions) ([]Entry, error) {
	if opts.Timing > WhenPaid || opts.LagMonths < 0 {
		return nil, fmt.Errorf("%w: payout timing %d, lag of %d months", ErrInvalidOptions, opts.Timing, opts.LagMonths)
	}
	cat := opts.Category
	if cat == "" {
		cat = CategoryVariable
	}
	out := make([]Entry, 0, len(sts))
	for i, st := range sts {
		p := st.Period
		if opts.Timing == WhenPaid {
			end := p.End.In(p.End.Location())
			first := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, end.Location())
			if !first.Equal(end) {
				first = first.AddDate(0, 1, 0) // a period ending mid-month: paid the month after
			}
			start := first.AddDate(0, opts.LagMonths, 0)
			p = activity.Period{Start: start, End: start.AddDate(0, 1, 0), Name: start.Format("2006-01")}
		}
		e := Entry{Period: p, Category: cat, Team: opts.Teams[st.Rep], Amount: st.Total, Currency: st.Currency}
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("statement %d (%s, %s): %w", i, st.Rep, st.Period.Name, err)
		}
		out = append(out, e)
	}
	return out, nil
}
