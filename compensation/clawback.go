package compensation

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Cancellation says a credit's deal was cancelled or refunded at At: in
// full, or for Share of its amount (a fraction; zero means all).
type Cancellation struct {
	Credit string          `json:"credit"`
	At     time.Time       `json:"at"`
	Share  decimal.Decimal `json:"share,omitzero"`
}

// clawbacks tracks, through a Statements run, what was paid on each credit
// and the recoveries scheduled for later periods.
type clawbacks struct {
	rule    *Clawback
	credits map[string]*Credit
	cancels []Cancellation // by time, then credit
	next    int
	paid    map[string]decimal.Decimal
	due     []clawbackDue
}

type clawbackDue struct {
	credit string
	amount decimal.Decimal
	paid   decimal.Decimal // paid on the credit before the clawback
	event  *Event
}

func newClawbacks(plan Plan, rep string, credits []Credit, cancels []Cancellation) *clawbacks {
	cb := &clawbacks{rule: plan.Clawback, credits: map[string]*Credit{}, paid: map[string]decimal.Decimal{}}
	for i := range credits {
		if credits[i].Rep == rep {
			cb.credits[credits[i].ID] = &credits[i]
		}
	}
	for _, c := range cancels {
		if cb.credits[c.Credit] != nil {
			cb.cancels = append(cb.cancels, c)
		}
	}
	slices.SortStableFunc(cb.cancels, func(a, b Cancellation) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Credit, b.Credit)) })
	return cb
}

// inWindow reports whether cancellation c of credit cr falls within the
// clawback window.
func (cb *clawbacks) inWindow(c Cancellation, cr *Credit) bool {
	window := time.Duration(cb.rule.WindowDays) * 24 * time.Hour
	return !c.At.Before(cr.At) && c.At.Sub(cr.At) <= window
}

// reversal is the credit to take off the attainment of period p under
// ReverseAttainment: the cancelled share of each credit cancelled in p
// within the window.
func (cb *clawbacks) reversal(p activity.Period) decimal.Decimal {
	sum := decimal.Zero
	if cb.rule == nil || !cb.rule.ReverseAttainment {
		return sum
	}
	for _, c := range cb.cancels {
		cr := cb.credits[c.Credit]
		if !p.Contains(c.At) || !cb.inWindow(c, cr) {
			continue
		}
		share := c.Share
		if share.IsZero() {
			share = decimal.NewFromInt(1)
		}
		sum = sum.Add(cr.Amount.Mul(share))
	}
	return sum
}

// apply records what st paid on each credit, adds the clawback lines of the
// cancellations dated in st's period and the installments falling due, and
// updates the totals.
func (cb *clawbacks) apply(st *Statement, plan Plan) {
	for _, l := range st.Lines {
		if l.Credit != "" {
			cb.paid[l.Credit] = cb.paid[l.Credit].Add(l.Amount)
		}
	}
	if cb.rule == nil {
		return
	}
	scale := plan.Rounding.scale(plan.Currency)
	n := max(cb.rule.Installments, 1)
	var lines []Line
	for ; cb.next < len(cb.cancels) && cb.cancels[cb.next].At.Before(st.Period.End); cb.next++ {
		c := cb.cancels[cb.next]
		cr := cb.credits[c.Credit]
		days := int(math.RoundToEven(c.At.Sub(cr.At).Hours() / 24))
		if c.At.Before(st.Period.Start) {
			continue // before the run: not this run's to claw back
		}
		if !cb.inWindow(c, cr) {
			lines = append(lines, Line{Component: "clawback", Type: LineClawback, Credit: c.Credit, Base: decimal.Zero, Exact: decimal.Zero, Amount: decimal.Zero,
				Why: Why{Rule: RuleNoClawback, Limit: decimal.NewFromInt(int64(cb.rule.WindowDays)), Event: &Event{At: c.At, Days: days, Places: scale}}})
			continue
		}
		share := c.Share
		if share.IsZero() {
			share = decimal.NewFromInt(1)
		}
		paid := cb.paid[c.Credit]
		rate := cb.rule.Rate
		if rate.IsZero() {
			rate = decimal.NewFromInt(1)
		}
		back := paid.Mul(share).Mul(rate).Round(scale)
		if back.GreaterThan(paid) {
			back = paid
		}
		cb.paid[c.Credit] = paid.Sub(back)
		if !back.IsPositive() {
			continue
		}
		// Installments of back, by largest remainder: equal parts, the units
		// left going to the first ones.
		part := back.DivRound(decimal.NewFromInt(int64(n)), scale+8).RoundFloor(scale)
		left := back.Sub(part.Mul(decimal.NewFromInt(int64(n)))).Shift(scale).IntPart()
		for k := range n {
			amt := part
			if int64(k) < left {
				amt = amt.Add(decimal.New(1, -scale))
			}
			cb.due = append(cb.due, clawbackDue{credit: c.Credit, amount: amt, paid: paid,
				event: &Event{At: c.At, Days: days, Total: back, Part: k + 1, Parts: n, Places: scale}})
		}
	}
	// One installment per credit and cancellation falls due each period,
	// in the order scheduled.
	seen := map[string]bool{}
	rest := cb.due[:0:0]
	for _, due := range cb.due {
		if seen[due.credit] {
			rest = append(rest, due)
			continue
		}
		seen[due.credit] = true
		lines = append(lines, Line{Component: "clawback", Type: LineClawback, Credit: due.credit, Base: due.amount, Rate: cb.rule.Rate,
			Exact: due.amount.Neg(), Amount: due.amount.Neg(), Why: Why{Rule: RuleClawback, Limit: due.paid, Event: due.event}})
	}
	cb.due = rest
	for _, l := range lines {
		st.Lines = append(st.Lines, l)
		st.Total = st.Total.Add(l.Amount)
		st.Exact = st.Exact.Add(l.Exact)
	}
	st.ClawbackOutstanding = decimal.Zero
	for _, due := range cb.due {
		st.ClawbackOutstanding = st.ClawbackOutstanding.Add(due.amount)
	}
}
