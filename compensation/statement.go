package compensation

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Credit is an amount credited to a rep at a moment: a won deal's amount
// to its owner, or a share of it from a split. The engine rates credits,
// wherever they come from; CreditsFromDeals makes the simplest ones. Deal,
// when set, is what qualification predicates read.
type Credit struct {
	ID       string            `json:"id"`
	Rep      string            `json:"rep"`
	Amount   decimal.Decimal   `json:"amount"`
	Currency activity.Currency `json:"currency"`
	At       time.Time         `json:"at"`
	Deal     activity.Deal     `json:"deal,omitzero"`
	// Role and Share say how the credit came about (see CreditDeals); a
	// credit from elsewhere may leave them empty.
	Role  Role            `json:"role,omitempty"`
	Share decimal.Decimal `json:"share,omitzero"`
}

// CreditsFromDeals credits every won deal's amount in full to its owner at
// its close time, with the deal's id: the rule until crediting rules
// (splits, overlays, territories) are given. A close day stands for its
// last instant in UTC; CreditDeals reads it in CreditingOptions.Location.
func CreditsFromDeals(deals []activity.Deal) []Credit {
	var out []Credit
	for _, d := range deals {
		if d.Status == activity.StatusWon {
			d = resolvedDeal(d, nil)
			out = append(out, Credit{ID: d.ID, Rep: d.Owner, Amount: d.Amount, Currency: d.Currency, At: d.ClosedAt, Deal: d})
		}
	}
	return out
}

// Line is one line of a statement: what was paid, on what, at which rate
// and why.
type Line struct {
	Component string        `json:"component"`
	Kind      ComponentKind `json:"kind"`
	// Type says what the line is, whatever its component is named: filter
	// a statement by it, never by component names.
	Type LineType `json:"type"`
	// Credit is the credit's id ("" for a line about the whole period:
	// bonus, gate, cap, true-up).
	Credit string `json:"credit,omitempty"`
	// Tier is the rate table's tier, counting from 1 (0: none).
	Tier int `json:"tier,omitempty"`
	// Base is the amount the rate applies to (the credited amount in the
	// tier, the attainment for a bonus).
	Base decimal.Decimal `json:"base"`
	Rate decimal.Decimal `json:"rate"`
	// Exact is the line's amount before rounding; Amount after.
	Exact  decimal.Decimal `json:"exact"`
	Amount decimal.Decimal `json:"amount"`
	// RunningTotal is the component's credited amount after this line's
	// credit.
	RunningTotal decimal.Decimal `json:"running_total"`
	// Why is the rule behind the line and the figures it compared, as
	// data; Reason renders it as a sentence on demand.
	Why Why `json:"why"`
}

// MarshalJSON writes l with every decimal as a string of its digits, and
// its Reason as "reason".
func (l Line) MarshalJSON() ([]byte, error) {
	type plain Line
	return dec.Marshal(struct {
		plain
		Reason string `json:"reason"`
	}{plain(l), l.Reason()})
}

// LineType is what a statement line is, apart from its component's name
// (which the plan chooses, and which may be anything).
type LineType string

// Line types.
const (
	// LineBase is commission at the rate of the table's first tier, or of a
	// tier paying no more than it (a decelerator).
	LineBase LineType = "base"
	// LineAccelerator is commission at a tier paying more than the first.
	LineAccelerator LineType = "accelerator"
	// LineBonus is a bonus step paid, or the line saying none was reached.
	LineBonus LineType = "bonus"
	// LineSPIF is a SPIF paid for a credit.
	LineSPIF LineType = "spif"
	// LineDraw is a draw's top-up, or its recovery.
	LineDraw LineType = "draw"
	// LineClawback is pay reversed for a cancelled credit.
	LineClawback LineType = "clawback"
	// LineActivity pays per activity (a PerActivity component).
	LineActivity LineType = "activity"
	// LineMinimum tops pay up to a minimum commission (a Minimum
	// component), or says none was needed.
	LineMinimum LineType = "minimum"
	// LineAdjustment corrects what a component's other lines earned: a
	// retroactive true-up, a failed gate, a cap (payout, rate or credit),
	// pay carried forward from over last period's cap.
	LineAdjustment LineType = "adjustment"
)

// ComponentTotal is what one component paid in a statement.
type ComponentTotal struct {
	Name   string          `json:"name"`
	Exact  decimal.Decimal `json:"exact"`
	Amount decimal.Decimal `json:"amount"`
}

// Statement is a rep's pay under a plan for a period, line by line. The
// rounded line amounts add up exactly to Total under either rounding
// policy; Exact is the unrounded total. Attainment is Credited / Quota (less
// Reversed, see there), exact to 20 places, where the rep has a quota for
// the period.
type Statement struct {
	Plan       string                             `json:"plan"`
	Version    int                                `json:"version"`
	Rep        string                             `json:"rep"`
	Period     activity.Period                    `json:"period"`
	Currency   activity.Currency                  `json:"currency"`
	Quota      activity.Optional[decimal.Decimal] `json:"quota"`
	Credited   decimal.Decimal                    `json:"credited"`
	Attainment activity.Optional[decimal.Decimal] `json:"attainment"`
	// Reversed is credit of earlier periods taken off this period's
	// attainment by cancellations in it (Clawback.ReverseAttainment):
	// Attainment is then (Credited − Reversed) / Quota.
	Reversed decimal.Decimal `json:"reversed,omitzero"`
	// CreditedToDate is Credited summed over this and the earlier
	// statements of a Statements run (Credited for one statement).
	CreditedToDate decimal.Decimal `json:"credited_to_date"`
	// QuotaToDate is the rep's quota of a longer period holding this one
	// (an annual quota around a quarter; the longest, if several), and
	// AttainmentToDate the rep's credits from that period's start to this
	// period's end (of the credits given) over it. Absent without such a
	// quota.
	QuotaToDate      activity.Optional[decimal.Decimal] `json:"quota_to_date,omitzero"`
	AttainmentToDate activity.Optional[decimal.Decimal] `json:"attainment_to_date,omitzero"`
	Lines            []Line                             `json:"lines"`
	Components       []ComponentTotal                   `json:"components"`
	Exact            decimal.Decimal                    `json:"exact"`
	Total            decimal.Decimal                    `json:"total"`
	// ToDate is the sum of Total over this and the earlier statements of a
	// Statements run (the year to date when given the year's periods).
	ToDate decimal.Decimal `json:"to_date"`
	// CarriedForward is pay over a cap with the carry-forward policy, to be
	// paid in the next period of a Statements run.
	CarriedForward decimal.Decimal `json:"carried_forward,omitzero"`
	// Earned is what the components paid, before a draw; DrawBalance is a
	// recoverable draw's balance after this period (what the rep still
	// owes).
	Earned      decimal.Decimal `json:"earned"`
	DrawBalance decimal.Decimal `json:"draw_balance,omitzero"`
	// ClawbackOutstanding is clawback still to be recovered in later
	// periods of a Statements run.
	ClawbackOutstanding decimal.Decimal `json:"clawback_outstanding,omitzero"`

	carriedIn, carriedOut map[string]decimal.Decimal // by component
	creditedBefore        decimal.Decimal            // to date, before the period (see QuotaToDate)
	acts                  []activity.Activity        // for PerActivity components
}

// MarshalJSON writes s with every decimal as a string of its digits.
func (s Statement) MarshalJSON() ([]byte, error) { type plain Statement; return dec.Marshal(plain(s)) }

// String reads as a short statement: the header, one row a line, the total.
func (s Statement) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s, plan %s v%d: credited %s %s", s.Rep, s.Period.Name, s.Plan, s.Version, s.Credited.StringFixed(2), s.Currency)
	if !s.Reversed.IsZero() {
		fmt.Fprintf(&b, ", less %s %s of cancelled credit", s.Reversed.StringFixed(2), s.Currency)
	}
	if a, ok := s.Attainment.Get(); ok {
		fmt.Fprintf(&b, " (%s%% of quota)", a.Mul(decimal.NewFromInt(100)).StringFixed(1))
	}
	b.WriteString("\n")
	for _, l := range s.Lines {
		fmt.Fprintf(&b, "  %-12s %-10s %12s  %s\n", l.Component, l.Credit, l.Amount.StringFixed(2), l.Reason())
	}
	fmt.Fprintf(&b, "  total %s %s", s.Total.StringFixed(2), s.Currency)
	return b.String()
}

// ratioScale is the number of decimal places of exact ratios (attainment).
const ratioScale = 20

// StatementFor rates plan for rep over period p: every component on the rep's
// credits dated in p, attainment against the rep's quota whose period is p
// (metric "" or "bookings", amount in the plan's currency). It returns the
// statement (see Statement and the component kinds for what each line
// says).
//
// Errors: an invalid plan (ErrInvalidPlan); a plan not in force for the
// whole of p, an invalid period or an empty rep (ErrInvalidOptions); a
// credit of the rep in p that is invalid (ErrInvalidCredit) or in another
// currency (ErrMixedCurrencies); an attainment-based rule without a quota
// (ErrNoQuota).
//
// acts are the activity records a PerActivity component counts (the rep's,
// dated in p); a plan without one needs none.
func StatementFor(plan Plan, rep string, p activity.Period, credits []Credit, quotas []activity.Quota, acts ...activity.Activity) (Statement, error) {
	if err := checkRun(plan, p); err != nil {
		return Statement{}, err
	}
	if rep == "" {
		return Statement{}, fmt.Errorf("%w: no rep", ErrInvalidOptions)
	}
	refs := make([]*Credit, len(credits))
	for i := range credits {
		refs[i] = &credits[i]
	}
	return rateRep(plan, rep, p, refs, quotas, acts)
}

// StatementsForAll rates plan over p for every rep with a credit dated in p or a
// quota for p, in rep order: the month-end run. It groups the credits by
// rep once, so its cost grows with the credits, not reps × credits. Errors
// as StatementFor's.
// acts, for a plan with a PerActivity component, are the activity records
// it counts; a rep with an activity in p then gets a statement too.
func StatementsForAll(plan Plan, p activity.Period, credits []Credit, quotas []activity.Quota, acts ...activity.Activity) ([]Statement, error) {
	if err := checkRun(plan, p); err != nil {
		return nil, err
	}
	// Each rep's credits up to the period's end (the earlier ones give the
	// attainment to date); a rep is rated with a credit in the period.
	byRep := map[string][]*Credit{}
	inPeriod := map[string]bool{}
	for i := range credits {
		c := &credits[i]
		if !c.At.Before(p.End) {
			continue
		}
		if c.Rep == "" {
			return nil, fmt.Errorf("%w: credit %d (%q) has no rep", ErrInvalidCredit, i, c.ID)
		}
		byRep[c.Rep] = append(byRep[c.Rep], c)
		inPeriod[c.Rep] = inPeriod[c.Rep] || p.Contains(c.At)
	}
	// Each rep's quotas for the period and for longer periods holding it.
	quotasOf := map[string][]activity.Quota{}
	for _, q := range quotas {
		if q.Rep == "" || q.Period.Start.After(p.Start) || q.Period.End.Before(p.End) {
			continue
		}
		quotasOf[q.Rep] = append(quotasOf[q.Rep], q)
		if q.Period.Start.Equal(p.Start) && q.Period.End.Equal(p.End) {
			inPeriod[q.Rep] = true
		}
	}
	actsOf := map[string][]activity.Activity{}
	paysActivities := slices.ContainsFunc(plan.Components, func(c Component) bool { return c.Kind == PerActivity })
	for _, a := range acts {
		if a.Rep != "" && p.Contains(a.At) {
			actsOf[a.Rep] = append(actsOf[a.Rep], a)
			inPeriod[a.Rep] = inPeriod[a.Rep] || paysActivities
		}
	}
	reps := make([]string, 0, len(inPeriod))
	for r, in := range inPeriod {
		if in {
			reps = append(reps, r)
		}
	}
	slices.Sort(reps)
	// Reps are independent: rate them on every core, each into its slot.
	out := make([]Statement, len(reps))
	errs := make([]error, len(reps))
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(len(reps)/64, 1))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(reps); i += workers {
				out[i], errs[i] = rateRep(plan, reps[i], p, byRep[reps[i]], quotasOf[reps[i]], actsOf[reps[i]])
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkRun reports an invalid plan or period, or a plan not in force for
// the whole period.
func checkRun(plan Plan, p activity.Period) error {
	if err := plan.Validate(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if p.Start.Before(plan.EffectiveFrom) || (!plan.EffectiveUntil.IsZero() && p.End.After(plan.EffectiveUntil)) {
		return fmt.Errorf("%w: plan %s v%d is not in force for the whole of %s", ErrInvalidOptions, plan.ID, plan.Version, p)
	}
	return nil
}

// rateRep rates a checked plan for rep over p.
func rateRep(plan Plan, rep string, p activity.Period, credits []*Credit, quotas []activity.Quota, acts []activity.Activity) (Statement, error) {
	st, err := rateRepCarrying(plan, rep, p, credits, quotas, acts, nil, decimal.Zero)
	if err == nil {
		applyDraw(plan, &st, decimal.Zero)
	}
	return st, err
}

// applyDraw tops the statement up to the plan's draw and recovers an
// outstanding recoverable balance from pay above it (see Draw), starting
// from balance; it sets Earned and DrawBalance.
func applyDraw(plan Plan, st *Statement, balance decimal.Decimal) {
	st.Earned = st.Total
	dr := plan.Draw
	if dr == nil {
		return
	}
	scale := plan.Rounding.scale(plan.Currency)
	amount := plan.Rounding.round(dr.Amount, scale)
	line := func(exact decimal.Decimal, rule Rule, limit decimal.Decimal, e Event) {
		e.Places = scale
		st.Lines = append(st.Lines, Line{Component: "draw", Type: LineDraw, Base: st.Earned, Rate: decimal.Zero, Exact: exact, Amount: exact,
			Why: Why{Rule: rule, Limit: limit, Event: &e}})
		st.Total = st.Total.Add(exact)
		st.Exact = st.Exact.Add(exact)
	}
	if dr.Recoverable && balance.IsPositive() && !dr.ForgiveAt.IsZero() && !st.Period.Start.Before(dr.ForgiveAt) {
		line(decimal.Zero, RuleDrawForgiven, decimal.Zero, Event{Total: balance})
		balance = decimal.Zero
	}
	switch earned := st.Earned; {
	case earned.LessThan(amount):
		top := amount.Sub(earned)
		if dr.Recoverable {
			balance = balance.Add(top)
			line(top, RuleDrawAdvance, amount, Event{Total: balance})
		} else {
			line(top, RuleDrawGuarantee, amount, Event{})
		}
	case dr.Recoverable && balance.IsPositive() && st.Period.Start.Before(dr.RecoverFrom):
		line(decimal.Zero, RuleDrawWait, decimal.Zero, Event{Total: balance, At: dr.RecoverFrom})
	case dr.Recoverable && balance.IsPositive():
		back := decimal.Min(balance, earned.Sub(amount))
		if back.IsPositive() {
			balance = balance.Sub(back)
			line(back.Neg(), RuleDrawRecovery, decimal.Zero, Event{Total: balance})
		}
	}
	st.DrawBalance = balance
}

// rateRepCarrying rates a checked plan for rep over p with pay carried in
// from the period before, by component.
func rateRepCarrying(plan Plan, rep string, p activity.Period, credits []*Credit, quotas []activity.Quota, acts []activity.Activity, carry map[string]decimal.Decimal, reversed decimal.Decimal) (Statement, error) {
	st := Statement{Plan: plan.ID, Version: plan.Version, Rep: rep, Period: p, Currency: plan.Currency, carriedIn: carry, Reversed: reversed, acts: acts}
	var mine []*Credit
	seen := map[string]bool{}
	for i, c := range credits {
		if c.Rep != rep || !p.Contains(c.At) {
			continue
		}
		switch {
		case c.ID == "":
			return st, fmt.Errorf("%w: credit %d of %s has no id", ErrInvalidCredit, i, rep)
		case seen[c.ID]:
			return st, fmt.Errorf("%w: credit id %q of %s is repeated: each credit is paid once", ErrInvalidCredit, c.ID, rep)
		case c.Currency != plan.Currency:
			return st, fmt.Errorf("%w: credit %q in %s, plan in %s", ErrMixedCurrencies, c.ID, c.Currency, plan.Currency)
		}
		seen[c.ID] = true
		mine = append(mine, c)
		st.Credited = st.Credited.Add(c.Amount)
	}
	slices.SortStableFunc(mine, func(a, b *Credit) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	st.CreditedToDate = st.Credited
	if err := st.toDate(plan, credits, quotas); err != nil {
		return st, err
	}
	for _, q := range quotas {
		if q.Rep == rep && (q.Metric == "" || q.Metric == "bookings") && q.Period.Start.Equal(p.Start) && q.Period.End.Equal(p.End) {
			amount, ok := q.Amount.Get()
			if !ok {
				continue
			}
			if q.Currency != plan.Currency {
				return st, fmt.Errorf("%w: %s's quota for %s in %s, plan in %s", ErrMixedCurrencies, rep, p.Name, q.Currency, plan.Currency)
			}
			st.Quota = activity.Some(amount)
			if amount.IsPositive() {
				st.Attainment = activity.Some(st.Credited.Sub(st.Reversed).DivRound(amount, ratioScale))
			}
		}
	}
	// Shares of other components after them, and minimums last: each
	// reads what the ones before earned.
	pass := func(k ComponentKind) int {
		switch k {
		case PercentOf:
			return 1
		case Minimum:
			return 2
		}
		return 0
	}
	for round := range 3 {
		for _, c := range plan.Components {
			if pass(c.Kind) != round {
				continue
			}
			lines, err := rateComponent(c, &st, mine)
			if err != nil {
				return st, err
			}
			st.Lines = append(st.Lines, lines...)
		}
	}
	roundLines(&st, plan.Rounding)
	for _, c := range plan.Components {
		ct := ComponentTotal{Name: c.Name}
		for _, l := range st.Lines {
			if l.Component == c.Name {
				ct.Exact = ct.Exact.Add(l.Exact)
				ct.Amount = ct.Amount.Add(l.Amount)
			}
		}
		st.Components = append(st.Components, ct)
	}
	st.ToDate = st.Total
	return st, nil
}

// Statements rates plan for rep over each of periods in order, adding up
// ToDate across them (pass the year's months for year-to-date figures),
// carrying pay over caps (Cap.Excess) and a recoverable draw's balance from
// one period to the next, and, under the plan's Clawback, reversing what
// was paid on credits cancelled within its window: in the period holding
// the cancellation, at the amounts paid on the credit's lines (a share of
// them for a partial refund; never more than was paid), in installments
// over that period and the ones after it (what the run does not reach is
// ClawbackOutstanding). A cancellation outside the window leaves a zero
// line saying so. Credited amounts are not reversed, nor is attainment
// unless the Clawback says ReverseAttainment (see Statement.Reversed).
// acts are the activity records a PerActivity component counts.
func Statements(plan Plan, rep string, periods []activity.Period, credits []Credit, quotas []activity.Quota, cancellations []Cancellation, acts ...activity.Activity) ([]Statement, error) {
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	if rep == "" {
		return nil, fmt.Errorf("%w: no rep", ErrInvalidOptions)
	}
	refs := make([]*Credit, len(credits))
	for i := range credits {
		refs[i] = &credits[i]
	}
	out := make([]Statement, 0, len(periods))
	var toDate, creditedToDate decimal.Decimal
	var carry map[string]decimal.Decimal
	cb := newClawbacks(plan, rep, credits, cancellations)
	for _, p := range periods {
		if err := checkRun(plan, p); err != nil {
			return out, err
		}
		st, err := rateRepCarrying(plan, rep, p, refs, quotas, acts, carry, cb.reversal(p))
		if err != nil {
			return out, err
		}
		carry = st.carriedOut
		cb.apply(&st, plan)
		if len(out) > 0 {
			applyDraw(plan, &st, out[len(out)-1].DrawBalance)
		} else {
			applyDraw(plan, &st, decimal.Zero)
		}
		toDate = toDate.Add(st.Total)
		st.ToDate = toDate
		creditedToDate = creditedToDate.Add(st.Credited)
		st.CreditedToDate = creditedToDate
		out = append(out, st)
	}
	return out, nil
}

// toDate sets QuotaToDate and AttainmentToDate from the rep's quota of the
// longest period holding the statement's and longer than it, and the rep's
// credits dated from its start to the statement's end.
func (st *Statement) toDate(plan Plan, credits []*Credit, quotas []activity.Quota) error {
	p := st.Period
	var year *activity.Quota
	for i := range quotas {
		q := &quotas[i]
		if q.Rep != st.Rep || (q.Metric != "" && q.Metric != "bookings") || !q.Amount.Valid ||
			q.Period.Start.After(p.Start) || q.Period.End.Before(p.End) || q.Period.End.Sub(q.Period.Start) <= p.End.Sub(p.Start) {
			continue
		}
		if year == nil || q.Period.End.Sub(q.Period.Start) > year.Period.End.Sub(year.Period.Start) {
			year = q
		}
	}
	if year == nil {
		return nil
	}
	if year.Currency != plan.Currency {
		return fmt.Errorf("%w: %s's quota for %s in %s, plan in %s", ErrMixedCurrencies, st.Rep, year.Period.Name, year.Currency, plan.Currency)
	}
	var credited decimal.Decimal
	for _, c := range credits {
		if c.Rep == st.Rep && !c.At.Before(year.Period.Start) && c.At.Before(p.End) {
			credited = credited.Add(c.Amount)
		}
	}
	st.QuotaToDate = year.Amount
	st.creditedBefore = credited.Sub(st.Credited)
	if year.Amount.Value.IsPositive() {
		st.AttainmentToDate = activity.Some(credited.Sub(st.Reversed).DivRound(year.Amount.Value, ratioScale))
	}
	return nil
}

// attainment returns the statement's attainment or an ErrNoQuota error
// naming what needed it.
func (st *Statement) attainment(what string) (decimal.Decimal, error) {
	a, ok := st.Attainment.Get()
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("%w: %s needs %s's quota for %s", ErrNoQuota, what, st.Rep, st.Period.Name)
	}
	return a, nil
}

// rateComponent returns the lines of component c over the rep's credits
// (sorted) for the statement so far.
func rateComponent(c Component, st *Statement, credits []*Credit) ([]Line, error) {
	qual := credits[:0:0]
	for _, cr := range credits {
		// The plan was validated, predicates with it.
		if c.Qualify == nil || c.Qualify.match(subject{deal: &cr.Deal, credit: cr}) {
			qual = append(qual, cr)
		}
	}
	var lines []Line
	var err error
	switch c.Kind {
	case Commission:
		lines, err = rateTable(c, st, qual)
	case Bonus:
		lines, err = rateBonus(c, st)
	case SPIF:
		lines = rateSpiff(c, st, qual)
	case Minimum:
		lines = rateMinimum(c, st)
	case PercentOf:
		lines = rateShare(c, st)
	case PerActivity:
		lines = ratePerActivity(c, st)
	case Incentive:
		lines, err = rateIncentive(c, st)
	}
	if err != nil {
		return nil, err
	}
	if g := c.Gate; g != nil {
		var credited decimal.Decimal
		for _, cr := range qual {
			credited = credited.Add(cr.Amount)
		}
		var why []string
		// short reports a value that does not pass its threshold: below it,
		// or under Strict at it too.
		short := func(v, min decimal.Decimal) bool { return v.LessThan(min) || g.Strict && v.Equal(min) }
		below, fewer := "below", "fewer than"
		if g.Strict {
			below, fewer = "not above", "not more than"
		}
		if min, ok := g.MinAttainment.Get(); ok {
			a, err := st.attainment("the gate of " + c.Name)
			if err != nil {
				return nil, err
			}
			if short(a, min) {
				why = append(why, fmt.Sprintf("attainment %s %s %s", pct(a), below, pct(min)))
			}
		}
		if min, ok := g.MinAttainmentToDate.Get(); ok {
			a, ok := st.AttainmentToDate.Get()
			if !ok {
				return nil, fmt.Errorf("%w: the gate of %s needs %s's quota of a longer period holding %s", ErrNoQuota, c.Name, st.Rep, st.Period.Name)
			}
			if short(a, min) {
				why = append(why, fmt.Sprintf("attainment to date %s %s %s", pct(a), below, pct(min)))
			}
		}
		if min, ok := g.MinCredited.Get(); ok && short(credited, min) {
			why = append(why, fmt.Sprintf("credited %s %s %s", credited.StringFixed(2), below, min.StringFixed(2)))
		}
		if n := len(qual); g.MinCredits > 0 && short(decimal.NewFromInt(int64(n)), decimal.NewFromInt(int64(g.MinCredits))) {
			why = append(why, fmt.Sprintf("%d qualifying credits, %s %d", n, fewer, g.MinCredits))
		}
		if len(why) > 0 {
			total := sumExact(lines)
			lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: LineAdjustment, Base: total, Exact: total.Neg(),
				Why: Why{Rule: RuleGate, Note: strings.Join(why, ", ")}})
		}
	}
	if in := st.carriedIn[c.Name]; !in.IsZero() {
		lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: LineAdjustment, Base: in, Exact: in,
			Why: Why{Rule: RuleCarriedIn}})
	}
	if cp := c.Cap; cp != nil {
		total := sumExact(lines)
		limit, limited := cp.Payout.Get()
		if r, ok := cp.Rate.Get(); ok {
			var credited decimal.Decimal
			for _, cr := range qual {
				credited = credited.Add(cr.Amount)
			}
			if byRate := r.Mul(credited); !limited || byRate.LessThan(limit) {
				limit, limited = byRate, true
			}
		}
		if limited && total.GreaterThan(limit) {
			excess := total.Sub(limit)
			what := "forfeited"
			if cp.Excess == CarryForward {
				what = "carried forward"
				if st.carriedOut == nil {
					st.carriedOut = map[string]decimal.Decimal{}
				}
				st.carriedOut[c.Name] = excess
				st.CarriedForward = st.CarriedForward.Add(excess)
			}
			lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: LineAdjustment, Base: total, Exact: excess.Neg(),
				Why: Why{Rule: RuleCap, Limit: limit, Note: what}})
		}
	}
	return lines, nil
}

func sumExact(lines []Line) decimal.Decimal {
	var s decimal.Decimal
	for _, l := range lines {
		s = s.Add(l.Exact)
	}
	return s
}

// pct writes a fraction as a percentage: 0.5 as "50%".
func pct(d decimal.Decimal) string {
	return dec.Text(dec.Trim(d.Mul(decimal.NewFromInt(100)).Round(4))) + "%"
}

// rateTable rates a commission's credits through its table.
func rateTable(c Component, st *Statement, credits []*Credit) ([]Line, error) {
	t := c.Table
	// Tier bounds in credited amount.
	scale := decimal.NewFromInt(1)
	var before decimal.Decimal // credited to date before the period's credits
	switch t.Basis {
	case OnAttainment:
		q, ok := st.Quota.Get()
		if !ok || !q.IsPositive() {
			return nil, fmt.Errorf("%w: the attainment tiers of %s need %s's quota for %s", ErrNoQuota, c.Name, st.Rep, st.Period.Name)
		}
		scale = q
	case OnAttainmentToDate:
		q, ok := st.QuotaToDate.Get()
		if !ok || !q.IsPositive() {
			return nil, fmt.Errorf("%w: the attainment-to-date tiers of %s need %s's quota of a longer period holding %s", ErrNoQuota, c.Name, st.Rep, st.Period.Name)
		}
		scale, before = q, st.creditedBefore
	}
	lo := make([]decimal.Decimal, len(t.Tiers))
	hi := make([]decimal.Decimal, len(t.Tiers)) // zero for the open last tier
	rates := make([]decimal.Decimal, len(t.Tiers))
	for i, tier := range t.Tiers {
		lo[i] = tier.From.Mul(scale)
		if to, ok := tier.To.Get(); ok {
			hi[i] = to.Mul(scale)
		}
		rates[i] = tier.rate(t.BaseRate)
	}
	open := func(i int) bool { return i == len(t.Tiers)-1 && !t.Tiers[i].To.Valid }
	tierOf := func(x decimal.Decimal) int {
		for i := range lo {
			if open(i) {
				return i
			}
			if t.Boundary == UpperInclusive {
				if x.LessThanOrEqual(hi[i]) {
					return i
				}
			} else if x.LessThan(hi[i]) {
				return i
			}
		}
		return len(lo) - 1
	}
	// The band of each tier, written once: the line's own numbers (Base,
	// Rate, RunningTotal) and its rule say the rest.
	bands := make([]string, len(t.Tiers))
	rule := RuleMarginal
	switch t.Mode {
	case Retroactive:
		rule = RuleRetroactive
	case PerTransaction:
		rule = RulePerTransaction
	}
	for i := range t.Tiers {
		band := fmt.Sprintf("tier %d [%s, %s)", i+1, lo[i].StringFixed(2), hi[i].StringFixed(2))
		switch {
		case open(i):
			band = fmt.Sprintf("tier %d [%s, ∞)", i+1, lo[i].StringFixed(2))
		case t.Boundary == UpperInclusive:
			band = fmt.Sprintf("tier %d (%s, %s]", i+1, lo[i].StringFixed(2), hi[i].StringFixed(2))
		}
		bands[i] = band
	}
	capCredit, capped := decimal.Decimal{}, false
	if c.Cap != nil {
		capCredit, capped = c.Cap.Credit.Get()
	}
	// A tier paying more than the first is an accelerator; the others
	// (the first, and decelerating tiers) pay the base.
	tierType := func(i int) LineType {
		if rates[i].GreaterThan(rates[0]) {
			return LineAccelerator
		}
		return LineBase
	}
	var lines []Line
	total := before // credited to date in the component, within the cap
	current := rates[tierOf(total)]
	for _, cr := range credits {
		a := cr.Amount
		if capped && total.Add(a).GreaterThan(capCredit) {
			over := total.Add(a).Sub(capCredit)
			if over.GreaterThan(a) {
				over = a
			}
			a = a.Sub(over)
			lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: LineAdjustment, Credit: cr.ID, Base: over, Exact: decimal.Zero, RunningTotal: total.Add(a),
				Why: Why{Rule: RuleCreditCap, Limit: capCredit}})
			if a.IsZero() {
				continue
			}
		}
		from, to := total, total.Add(a)
		switch t.Mode {
		case "", Marginal:
			// Each band of [from, to) at its tier's rate (a negative
			// credit walks the bands down).
			x, y, sign := from, to, decimal.NewFromInt(1)
			if y.LessThan(x) {
				x, y, sign = y, x, sign.Neg()
			}
			for i := range lo {
				bandLo, bandHi := lo[i], hi[i]
				s := decimal.Max(x, bandLo)
				e := y
				if !open(i) {
					e = decimal.Min(y, bandHi)
				}
				if !e.GreaterThan(s) {
					continue
				}
				base := e.Sub(s).Mul(sign)
				lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: tierType(i), Credit: cr.ID, Tier: i + 1, Base: base, Rate: rates[i],
					Exact: base.Mul(rates[i]), RunningTotal: to, Why: Why{Rule: rule, Note: bands[i]}})
			}
		case Retroactive:
			i := tierOf(to)
			lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: tierType(i), Credit: cr.ID, Tier: i + 1, Base: a, Rate: rates[i],
				Exact: a.Mul(rates[i]), RunningTotal: to, Why: Why{Rule: rule, Note: bands[i]}})
			if !rates[i].Equal(current) && !from.IsZero() {
				diff := rates[i].Sub(current)
				lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: LineAdjustment, Tier: i + 1, Base: from, Rate: diff,
					Exact: from.Mul(diff), RunningTotal: to,
					Why: Why{Rule: RuleTrueUp, Limit: current}})
			}
			current = rates[i]
		case PerTransaction:
			i := tierOf(a)
			lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: tierType(i), Credit: cr.ID, Tier: i + 1, Base: a, Rate: rates[i],
				Exact: a.Mul(rates[i]), RunningTotal: to, Why: Why{Rule: rule, Note: bands[i]}})
		}
		total = to
	}
	return lines, nil
}

// rateBonus pays the highest step the period's attainment reaches.
func rateBonus(c Component, st *Statement) ([]Line, error) {
	a, err := st.attainment("the bonus " + c.Name)
	if err != nil {
		return nil, err
	}
	best := -1
	for i, s := range c.Steps {
		if a.GreaterThanOrEqual(s.Attainment) {
			best = i
		}
	}
	if best < 0 {
		return []Line{{Component: c.Name, Kind: c.Kind, Type: LineBonus, Base: a, Exact: decimal.Zero,
			Why: Why{Rule: RuleBonus, Limit: c.Steps[0].Attainment}}}, nil
	}
	s := c.Steps[best]
	return []Line{{Component: c.Name, Kind: c.Kind, Type: LineBonus, Tier: best + 1, Base: a, Exact: s.Amount,
		Why: Why{Rule: RuleBonus, Limit: s.Attainment}}}, nil
}

// rateMinimum tops what the floor's components earned so far up to its
// amount: one line, zero when they reached it.
func rateMinimum(c Component, st *Statement) []Line {
	f := c.Floor
	var earned decimal.Decimal
	for _, l := range st.Lines {
		if len(f.Of) == 0 && l.Kind != Minimum || slices.Contains(f.Of, l.Component) {
			earned = earned.Add(l.Exact)
		}
	}
	what := "the other components"
	if len(f.Of) > 0 {
		what = strings.Join(f.Of, ", ")
	}
	if !earned.LessThan(f.Amount) {
		return []Line{{Component: c.Name, Kind: c.Kind, Type: LineMinimum, Base: earned, Exact: decimal.Zero,
			Why: Why{Rule: RuleMinimum, Limit: f.Amount, Note: what}}}
	}
	top := f.Amount.Sub(earned)
	return []Line{{Component: c.Name, Kind: c.Kind, Type: LineMinimum, Base: earned, Exact: top,
		Why: Why{Rule: RuleMinimum, Limit: f.Amount, Note: what}}}
}

// rateIncentive pays the target incentive × attainment: one line.
func rateIncentive(c Component, st *Statement) ([]Line, error) {
	a, err := st.attainment("the incentive " + c.Name)
	if err != nil {
		return nil, err
	}
	return []Line{{Component: c.Name, Kind: c.Kind, Type: LineBase, Base: a, Rate: *c.Target, Exact: a.Mul(*c.Target),
		Why: Why{Rule: RuleIncentive}}}, nil
}

// ratePerActivity pays its amount for each of the rep's activities in the
// period that qualify: one line.
func ratePerActivity(c Component, st *Statement) []Line {
	ar := c.PerActivity
	var n int64
	for _, a := range st.acts {
		if a.Rep == st.Rep && st.Period.Contains(a.At) && (len(ar.Kinds) == 0 || slices.Contains(ar.Kinds, a.Kind)) &&
			(len(ar.Outcomes) == 0 || slices.Contains(ar.Outcomes, a.Outcome)) {
			n++
		}
	}
	var what string
	if len(ar.Kinds) > 0 || len(ar.Outcomes) > 0 {
		var parts []string
		for _, k := range ar.Kinds {
			parts = append(parts, string(k))
		}
		for _, o := range ar.Outcomes {
			parts = append(parts, string(o))
		}
		what = strings.Join(parts, ", ")
	}
	count := decimal.NewFromInt(n)
	return []Line{{Component: c.Name, Kind: c.Kind, Type: LineActivity, Base: count, Rate: ar.Amount, Exact: count.Mul(ar.Amount),
		Why: Why{Rule: RulePerActivity, Note: what}}}
}

// rateShare pays the share of what its component earned: one line.
func rateShare(c Component, st *Statement) []Line {
	sh := c.Share
	var earned decimal.Decimal
	for _, l := range st.Lines {
		if l.Component == sh.Of {
			earned = earned.Add(l.Exact)
		}
	}
	return []Line{{Component: c.Name, Kind: c.Kind, Type: LineBonus, Base: earned, Rate: sh.Rate, Exact: earned.Mul(sh.Rate),
		Why: Why{Rule: RuleShare, Note: sh.Of}}}
}

// rateSpiff pays each qualifying credit in the SPIF's window.
func rateSpiff(c Component, st *Statement, credits []*Credit) []Line {
	var lines []Line
	window := "between " + c.Spiff.From.Format(time.DateOnly) + " and " + c.Spiff.Until.Format(time.DateOnly)
	for _, cr := range credits {
		if cr.At.Before(c.Spiff.From) || !cr.At.Before(c.Spiff.Until) {
			continue
		}
		lines = append(lines, Line{Component: c.Name, Kind: c.Kind, Type: LineSPIF, Credit: cr.ID, Base: cr.Amount, Exact: c.Spiff.Amount,
			Why: Why{Rule: RuleSPIF, Note: window}})
	}
	return lines
}

// roundLines rounds the statement's lines and sets its totals so that the
// rounded lines add up exactly to Total.
func roundLines(st *Statement, r Rounding) {
	scale := r.scale(st.Currency)
	st.Exact = sumExact(st.Lines)
	if r.Policy != SpreadTotal {
		st.Total = decimal.Zero
		for i := range st.Lines {
			st.Lines[i].Amount = r.round(st.Lines[i].Exact, scale)
			st.Total = st.Total.Add(st.Lines[i].Amount)
		}
		return
	}
	// Largest remainder: floor every line, then give one unit each to the
	// lines with the largest remainders (ties to the earlier line) until
	// the lines reach the rounded total.
	st.Total = r.round(st.Exact, scale)
	unit := decimal.New(1, -scale)
	floors := decimal.Zero
	order := make([]int, len(st.Lines))
	rem := make([]decimal.Decimal, len(st.Lines))
	for i := range st.Lines {
		f := st.Lines[i].Exact.RoundFloor(scale)
		st.Lines[i].Amount = f
		rem[i] = st.Lines[i].Exact.Sub(f)
		floors = floors.Add(f)
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b].Cmp(rem[a]) })
	left := st.Total.Sub(floors).Shift(scale).IntPart()
	for k := 0; k < int(left) && k < len(order); k++ {
		st.Lines[order[k]].Amount = st.Lines[order[k]].Amount.Add(unit)
	}
}
