package compensation

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// WhatIfResult is what a hypothetical credit would change: the rep's
// statement without it and with it, and the difference in exact and in
// rounded pay.
type WhatIfResult struct {
	Before      Statement       `json:"before"`
	After       Statement       `json:"after"`
	AddedExact  decimal.Decimal `json:"added_exact"`
	AddedAmount decimal.Decimal `json:"added_amount"`
}

// MarshalJSON writes w with every decimal as a string of its digits.
func (w WhatIfResult) MarshalJSON() ([]byte, error) {
	type plain WhatIfResult
	return dec.Marshal(plain(w))
}

// WhatIf rates rep's period twice, without and with the hypothetical credit
// extra (which must be the rep's and dated in p), and returns both
// statements and what extra adds: at the margin, so a deal that lifts the
// rep into a higher tier shows what the tier is worth. Errors as StatementFor's,
// and ErrInvalidCredit for an extra credit of another rep or outside p.
func WhatIf(plan Plan, rep string, p activity.Period, credits []Credit, quotas []activity.Quota, extra Credit) (WhatIfResult, error) {
	if extra.Rep != rep || !p.Contains(extra.At) {
		return WhatIfResult{}, fmt.Errorf("%w: the hypothetical credit %q is not %s's in %s", ErrInvalidCredit, extra.ID, rep, p.Name)
	}
	before, err := StatementFor(plan, rep, p, credits, quotas)
	if err != nil {
		return WhatIfResult{}, err
	}
	with := append(append(make([]Credit, 0, len(credits)+1), credits...), extra)
	after, err := StatementFor(plan, rep, p, with, quotas)
	if err != nil {
		return WhatIfResult{}, err
	}
	return WhatIfResult{Before: before, After: after, AddedExact: after.Exact.Sub(before.Exact), AddedAmount: after.Total.Sub(before.Total)}, nil
}

// CurvePoint is the pay at one attainment on a pay curve.
type CurvePoint struct {
	Attainment decimal.Decimal `json:"attainment"`
	Credited   decimal.Decimal `json:"credited"`
	Pay        decimal.Decimal `json:"pay"`
}

// MarshalJSON writes c with every decimal as a string of its digits.
func (c CurvePoint) MarshalJSON() ([]byte, error) {
	type plain CurvePoint
	return dec.Marshal(plain(c))
}

// PayCurve returns the pay for rep over p at each attainment from `from` to
// `to` in steps of step (fractions: 0 to 2 by 0.1 is 0% to 200%), each as a
// single credit of attainment × quota on p's first day, so a rep can read
// what a level of performance earns. Components that qualify credits by
// deal fields see a credit without a deal. A plan that pays on attainment
// alone (Incentive, bonus steps, shares of those) needs no quota: without
// one its curve is computed on a notional quota and reports no credited
// amount. Errors as StatementFor's; no quota for rep and p, for a plan
// paying on credited amounts, wraps ErrNoQuota; a step that is not above zero, a negative
// from, a to below from or more than 10,000 points wrap ErrInvalidOptions.
func PayCurve(plan Plan, rep string, p activity.Period, quotas []activity.Quota, from, to, step decimal.Decimal) ([]CurvePoint, error) {
	switch {
	case !step.IsPositive() || from.IsNegative() || to.LessThan(from):
		return nil, fmt.Errorf("%w: pay curve from %s to %s by %s", ErrInvalidOptions, from, to, step)
	case to.Sub(from).GreaterThan(step.Mul(decimal.NewFromInt(10_000))):
		return nil, fmt.Errorf("%w: more than 10,000 points on the pay curve", ErrInvalidOptions)
	}
	probe, err := StatementFor(plan, rep, p, nil, quotas)
	if err != nil && !errors.Is(err, ErrNoQuota) {
		return nil, err
	}
	quota, ok := probe.Quota.Get()
	notional := false
	if err != nil || !ok || !quota.IsPositive() {
		// Without a quota, a plan whose pay reads attainment alone has a
		// curve all the same: on a notional quota, reported as no credit.
		if !attainmentOnly(plan) {
			return nil, fmt.Errorf("%w: a pay curve needs %s's quota for %s (the plan pays on credited amounts too)", ErrNoQuota, rep, p.Name)
		}
		quota, notional = decimal.NewFromInt(1_000_000), true
		quotas = []activity.Quota{{Rep: rep, Period: p, Amount: activity.Some(quota), Currency: plan.Currency}}
	}
	var out []CurvePoint
	for a := from; a.LessThanOrEqual(to); a = a.Add(step) {
		credited := a.Mul(quota)
		var credits []Credit
		if credited.IsPositive() {
			credits = []Credit{{ID: "curve", Rep: rep, Amount: credited, Currency: plan.Currency, At: p.Start}}
		}
		st, err := StatementFor(plan, rep, p, credits, quotas)
		if err != nil {
			return nil, err
		}
		if notional {
			credited = decimal.Zero
		}
		out = append(out, CurvePoint{Attainment: a, Credited: credited, Pay: st.Total})
	}
	return out, nil
}

// attainmentOnly reports whether every component of plan pays on
// attainment alone (an Incentive, bonus steps, a share of those): what it
// pays does not depend on the quota's size. A commission does, even with
// tiers on attainment: its rates apply to credited amounts.
func attainmentOnly(plan Plan) bool {
	for _, c := range plan.Components {
		switch c.Kind {
		case Incentive, Bonus, PercentOf:
		default:
			return false
		}
		if c.Cap != nil && (c.Cap.Credit.Valid || c.Cap.Rate.Valid) || c.Gate != nil && c.Gate.MinCredited.Valid {
			return false
		}
	}
	return true
}

// Economics is what a plan costs and how it is shaped, for one period:
//
//	OTE                  = BaseSalary + TargetIncentive   (on-target earnings)
//	PayMix               = BaseSalary / OTE               (0.5 for a 50/50 mix)
//	TargetCommissionRate = TargetIncentive / Quota
//	CostOfSales          = (BaseSalary + Paid) / Bookings (where Bookings is given)
//
// exact to 20 decimal places.
type Economics struct {
	BaseSalary           decimal.Decimal                    `json:"base_salary"`
	TargetIncentive      decimal.Decimal                    `json:"target_incentive"`
	Quota                decimal.Decimal                    `json:"quota"`
	OTE                  decimal.Decimal                    `json:"ote"`
	PayMix               decimal.Decimal                    `json:"pay_mix"`
	TargetCommissionRate decimal.Decimal                    `json:"target_commission_rate"`
	Paid                 activity.Optional[decimal.Decimal] `json:"paid"`
	Bookings             activity.Optional[decimal.Decimal] `json:"bookings"`
	CostOfSales          activity.Optional[decimal.Decimal] `json:"cost_of_sales"`
}

// MarshalJSON writes e with every decimal as a string of its digits.
func (e Economics) MarshalJSON() ([]byte, error) { type plain Economics; return dec.Marshal(plain(e)) }

// String reads as "OTE 120000.00 (50/50 mix), target commission rate
// 6.00%, cost of sales 11.20%".
func (e Economics) String() string {
	base := e.PayMix.Mul(decimal.NewFromInt(100)).Round(0)
	s := fmt.Sprintf("OTE %s (%s/%s mix), target commission rate %s%%", e.OTE.StringFixed(2), base, decimal.NewFromInt(100).Sub(base),
		e.TargetCommissionRate.Mul(decimal.NewFromInt(100)).StringFixed(2))
	if c, ok := e.CostOfSales.Get(); ok {
		s += fmt.Sprintf(", cost of sales %s%%", c.Mul(decimal.NewFromInt(100)).StringFixed(2))
	}
	return s
}

// PlanEconomics returns the economics of paying baseSalary and a target
// incentive of targetIncentive for quota in a period, and, when paid and
// bookings are given (the incentive actually paid and what was booked), the
// cost of sales (see Economics). Negative amounts, a zero quota or a zero
// OTE wrap ErrInvalidOptions; zero bookings leave the cost of sales absent.
func PlanEconomics(baseSalary, targetIncentive, quota decimal.Decimal, paid, bookings activity.Optional[decimal.Decimal]) (Economics, error) {
	e := Economics{BaseSalary: baseSalary, TargetIncentive: targetIncentive, Quota: quota, Paid: paid, Bookings: bookings}
	e.OTE = baseSalary.Add(targetIncentive)
	switch {
	case baseSalary.IsNegative() || targetIncentive.IsNegative() || (paid.Valid && paid.Value.IsNegative()) || (bookings.Valid && bookings.Value.IsNegative()):
		return e, fmt.Errorf("%w: negative amounts", ErrInvalidOptions)
	case !quota.IsPositive():
		return e, fmt.Errorf("%w: quota %s not above zero", ErrInvalidOptions, quota)
	case e.OTE.IsZero():
		return e, fmt.Errorf("%w: no pay at all", ErrInvalidOptions)
	}
	e.PayMix = dec.Trim(baseSalary.DivRound(e.OTE, ratioScale))
	e.TargetCommissionRate = dec.Trim(targetIncentive.DivRound(quota, ratioScale))
	if paid.Valid && bookings.Valid && bookings.Value.IsPositive() {
		e.CostOfSales = activity.Some(dec.Trim(baseSalary.Add(paid.Value).DivRound(bookings.Value, ratioScale)))
	}
	return e, nil
}
