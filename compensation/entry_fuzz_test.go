package compensation

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
	"github.com/salesmetrics/salesmetrics/internal/sentinels"
)

// peSentinels are the exported sentinel errors an entry point may wrap.
var peSentinels = slices.Concat([]error{
	ErrInvalidPlan, ErrInvalidCredit, ErrNoQuota, ErrMixedCurrencies, ErrInvalidOptions, ErrInvalidPredicate,
}, sentinels.Activity)

// peCheckErr fails unless err is nil or wraps one of peSentinels.
func peCheckErr(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range peSentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s: error %q wraps no exported sentinel", what, err)
}

// peFinite fails if v holds a NaN or an infinite float (fuzzcheck.NonFinite)
// or does not render (fuzzRender).
func peFinite(t *testing.T, what string, v any) {
	t.Helper()
	if path, bad := fuzzcheck.NonFinite(v, what); bad {
		t.Fatalf("%s: not finite: %s", what, path)
	}
	fuzzRender(t, what, v)
}

// peBalanced fails unless the statement's rounded lines add up to its total.
func peBalanced(t *testing.T, what string, st Statement) {
	t.Helper()
	sum := decimal.Zero
	for _, l := range st.Lines {
		sum = sum.Add(l.Amount)
	}
	if !sum.Equal(st.Total) {
		t.Fatalf("%s: %s's lines add up to %s, total %s", what, st.Rep, sum, st.Total)
	}
}

// peBytes reads the fuzz bytes (fuzzcheck.Bytes), with amounts.
type peBytes struct{ *fuzzcheck.Bytes }

// amount returns a decimal of up to two bytes at 0 to 3 decimal places,
// negative when neg allows it and a bit says so.
func (r *peBytes) amount(neg bool) decimal.Decimal {
	hi, lo, e := r.Next(), r.Next(), r.Next()
	v := int64(hi)<<8 | int64(lo)
	if neg && e&0x80 != 0 {
		v = -v
	}
	return decimal.New(v, -int32(e%4))
}

// peOpts reads the option bits from the low end.
type peOpts struct{ u uint64 }

func (o *peOpts) bits(n uint) uint64 {
	v := o.u & (1<<n - 1)
	o.u >>= n
	return v
}

func (o *peOpts) flag() bool { return o.bits(1) == 1 }

// FuzzPayEntryPoints builds plans (every component kind, rate table mode,
// basis and boundary, gates, caps, draws, rounding), deals, splits, billing,
// credits and quotas from the fuzz bytes and an option word, some of them
// deliberately out of range (an unknown mode, basis or rounding, a zero or
// reversed period, an empty rep, another currency, a bad split share,
// overlapping or gapped plan versions, a pay curve stepping backwards,
// negative economics), and calls the entry points no other fuzz target
// reaches:
//
//   - CreditsFromDeals
//   - CreditOnBasis (booked, invoiced, collected, unknown basis)
//   - Prorate's Proration.Quotas (monthly quotas for a month's run)
//   - StatementsForAll
//   - StatementForVersions
//   - WhatIf
//   - PayCurve
//   - PlanEconomics
//
// It checks that none panics; that an error wraps an exported sentinel of
// compensation or activity; that money stays exact (every statement's
// rounded lines add up to its total, WhatIf's additions are the difference
// of its statements, a booked CreditOnBasis is CreditDeals, the economics'
// OTE is base plus incentive); and that no result returned without an error
// holds a NaN or an infinite float in any exported field.
func FuzzPayEntryPoints(f *testing.F) {
	// A quarter's run: a marginal table, no faults, bytes enough for
	// every choice.
	seed := make([]byte, 160)
	for i := range seed {
		seed[i] = byte(i*37 + 11)
	}
	f.Add(seed, uint64(0x0000_0000_0000_0000))
	f.Add(seed[7:], uint64(0x0000_0001_8765_4321))
	f.Add([]byte("\x0a\x05\x14\x07\x00\x0b deals, invoices and payments \x99\x42\x00\x01\x02"), uint64(0xffff_ffff_ffff_ffff))
	f.Fuzz(func(t *testing.T, data []byte, bits uint64) {
		r := &peBytes{fuzzcheck.NewBytes(data)}
		o := &peOpts{u: bits}
		// The fault to inject, if any, from the top byte: 0 and values past
		// the last case (about half of them) inject none.
		fault := (bits >> 56) % 64

		// The plan.
		mode := []Mode{Marginal, Retroactive, PerTransaction, ""}[o.bits(2)]
		if fault == 1 {
			mode = "bogus"
		}
		currency := []activity.Currency{"USD", "JPY", "BHD", "CLF"}[o.bits(2)]
		table, _ := fuzzTable(r.Take(int(r.Next()%12)), mode)
		if o.flag() {
			table.Basis = OnAttainment
			if o.flag() {
				table.Basis = OnAttainmentToDate
			}
			for i := range table.Tiers {
				table.Tiers[i].From = table.Tiers[i].From.Shift(-2)
				if to, ok := table.Tiers[i].To.Get(); ok {
					table.Tiers[i].To = activity.Some(to.Shift(-2))
				}
			}
		}
		if o.flag() {
			table.Boundary = UpperInclusive
		}
		if o.flag() {
			// Multipliers of a base rate instead of rates.
			table.BaseRate = decimal.New(int64(r.Next())+1, -3)
			for i := range table.Tiers {
				table.Tiers[i].Multiplier = activity.Some(table.Tiers[i].Rate.Value.Mul(decimal.NewFromInt(10)))
				table.Tiers[i].Rate = activity.Optional[decimal.Decimal]{}
			}
		}
		comm := Component{Name: "commission", Kind: Commission, Table: table}
		if o.flag() {
			g := &Gate{MinCredits: int(r.Next() % 4)}
			if o.flag() {
				g.MinAttainment = activity.Some(decimal.New(int64(r.Next()), -2))
			}
			if o.flag() {
				g.MinCredited = activity.Some(r.amount(false))
			}
			if o.flag() {
				g.MinAttainmentToDate = activity.Some(decimal.New(int64(r.Next()), -2))
			}
			g.Strict = o.flag()
			comm.Gate = g
		}
		if o.flag() {
			cp := &Cap{}
			switch o.bits(2) {
			case 0:
				cp.Payout = activity.Some(r.amount(false))
			case 1:
				cp.Rate = activity.Some(decimal.New(int64(r.Next()), -3))
			case 2:
				cp.Credit = activity.Some(r.amount(false))
			case 3:
				cp.Payout, cp.Rate = activity.Some(r.amount(false)), activity.Some(decimal.New(int64(r.Next()), -3))
			}
			if o.flag() {
				cp.Excess = CarryForward
			}
			comm.Cap = cp
		}
		p := Plan{ID: "pe", Version: 1, EffectiveFrom: q1.Start, Currency: currency, Components: []Component{comm}}
		if o.flag() {
			var steps []BonusStep
			at := decimal.Zero
			for range 1 + r.Next()%4 {
				at = at.Add(decimal.New(int64(r.Next())+1, -2))
				steps = append(steps, BonusStep{Attainment: at, Amount: r.amount(false)})
			}
			p.Components = append(p.Components, Component{Name: "bonus", Kind: Bonus, Steps: steps})
		}
		if o.flag() {
			from := q1.Start.AddDate(0, 0, int(r.Next()%90))
			s := Component{Name: "spiff", Kind: SPIF, Spiff: &Spiff{Amount: r.amount(false), From: from, Until: from.AddDate(0, 0, 1+int(r.Next()%60))}}
			if o.flag() {
				s.Qualify = &Predicate{Field: "source", Op: OpEq, Value: "partner"}
			}
			p.Components = append(p.Components, s)
		}
		if o.flag() {
			// A target incentive × attainment.
			ti := r.amount(false)
			p.Components = append(p.Components, Component{Name: "incentive", Kind: Incentive, Target: &ti})
		}
		if o.flag() {
			// Pay per meeting (the statements below are given no activity).
			p.Components = append(p.Components, Component{Name: "meetings", Kind: PerActivity,
				PerActivity: &ActivityRate{Kinds: []activity.Kind{activity.KindMeeting}, Amount: r.amount(false)}})
		}
		if o.flag() {
			// A share of the commission.
			p.Components = append(p.Components, Component{Name: "kicker", Kind: PercentOf, Share: &Share{Of: "commission", Rate: decimal.New(int64(r.Next()), -2)}})
		}
		if o.flag() {
			// A minimum commission, over the commission or every component.
			f := &Floor{Amount: r.amount(false).Add(decimal.New(1, -2))}
			if o.flag() {
				f.Of = []string{"commission"}
			}
			p.Components = append(p.Components, Component{Name: "floor", Kind: Minimum, Floor: f})
		}
		if o.flag() {
			p.Rounding.Scale = activity.Some(int32(r.Next() % 6))
		}
		p.Rounding.Mode = []RoundingMode{"", HalfAwayFromZero, HalfEven, RoundDown}[o.bits(2)]
		if o.flag() {
			p.Rounding.Policy = SpreadTotal
		}
		if o.flag() {
			p.Draw = &Draw{Amount: r.amount(false).Add(decimal.New(1, -2)), Recoverable: o.flag()}
		}
		switch fault {
		case 2:
			p.Rounding.Scale = activity.Some(int32(13))
		case 3:
			p.Rounding.Mode = "up"
		case 4:
			p.Components = append(p.Components, Component{Name: "commission", Kind: "salary"})
		}

		// The period: the quarter, or its first month with quotas prorated
		// from the quarter's.
		period := q1
		monthly := o.flag()
		if monthly {
			period = activity.Period{Start: q1.Start, End: q1.Start.AddDate(0, 1, 0), Name: "2025-01"}
		}
		switch fault {
		case 5:
			period = activity.Period{}
		case 6:
			period.Start, period.End = period.End, period.Start
		case 7:
			period.Start = period.Start.Add(-time.Hour) // before the plan
		}

		// Deals of three reps, won, lost or open, closed in the quarter.
		reps := []string{"ann", "bob", "cy"}
		var deals []activity.Deal
		for i := range int(r.Next() % 7) {
			b := r.Next()
			d := activity.Deal{ID: fmt.Sprintf("D%d", i), Owner: reps[int(b)%3], Amount: r.amount(fault == 8), Currency: currency,
				Status: []activity.Status{activity.StatusWon, activity.StatusWon, activity.StatusLost, activity.StatusOpen}[b>>2%4],
				Source: []activity.Source{"direct", "partner"}[b>>4&1], CreatedAt: q1.Start.AddDate(0, -1, 0)}
			day := int(r.Next() % 95) // a few days past the quarter
			if d.Status != activity.StatusOpen {
				if b&0x40 != 0 {
					at := q1.Start.AddDate(0, 0, day)
					d.CloseDate = activity.Date{Year: at.Year(), Month: at.Month(), Day: at.Day()}
				} else {
					d.ClosedAt = q1.Start.AddDate(0, 0, day).Add(time.Duration(b) * time.Minute)
				}
			}
			if fault == 9 && i == 0 {
				d.Currency = "usd"
			}
			deals = append(deals, d)
		}

		// Crediting: splits of the first won deal, a manager roll-up.
		var copts CreditingOptions
		firstWon := slices.IndexFunc(deals, func(d activity.Deal) bool { return d.Status == activity.StatusWon })
		if firstWon >= 0 && o.flag() {
			id := deals[firstWon].ID
			half := decimal.New(5, -1)
			copts.Splits = []Split{{Deal: id, Rep: "ann", Share: half}, {Deal: id, Rep: "bob", Share: half},
				{Deal: id, Rep: "cy", Share: decimal.New(int64(r.Next()%100)+1, -2), Role: RoleOverlay}}
			switch fault {
			case 10:
				copts.Splits[0].Share = decimal.New(6, -1) // primaries total 1.1
			case 11:
				copts.Splits[2].Share = decimal.Zero
			case 12:
				copts.Splits[2].Deal = "nope"
			}
		}
		if o.flag() {
			copts.ManagerShare = activity.Some(decimal.New(int64(r.Next()%100)+1, -2))
			for _, rep := range reps[:2] {
				copts.Roster = append(copts.Roster, activity.Rep{ID: rep, Assignments: []activity.Assignment{{From: q1.Start.AddDate(-1, 0, 0), Manager: "mia"}}})
			}
			if fault == 13 {
				copts.Roster = nil
			}
		}

		// Billing: an invoice per won deal, payments and credit notes.
		basis := []PaymentBasis{Booked, "", Invoiced, Collected}[o.bits(2)]
		if fault == 14 {
			basis = "accrued"
		}
		var billing Billing
		for i, d := range deals {
			if d.Status != activity.StatusWon || !d.Amount.IsPositive() {
				continue
			}
			inv := Invoice{ID: fmt.Sprintf("I%d", i), Deal: d.ID, Amount: d.Amount, At: q1.Start.AddDate(0, 0, int(r.Next()%90))}
			if b := r.Next(); b&1 != 0 {
				// Part of the deal, in a tenth to all of it.
				inv.Amount = d.Amount.Mul(decimal.New(int64(b%10)+1, -1)).Round(currency.MinorUnits())
			}
			if !inv.Amount.IsPositive() {
				continue
			}
			billing.Invoices = append(billing.Invoices, inv)
			for k := range int(r.Next() % 3) {
				part := inv.Amount.Mul(decimal.New(int64(r.Next()%5)+1, -1)).Round(currency.MinorUnits())
				at := inv.At.AddDate(0, 0, int(r.Next()%30))
				if part.IsPositive() && k < 2 {
					billing.Payments = append(billing.Payments, Payment{Invoice: inv.ID, Amount: part, At: at})
				}
			}
			if b := r.Next(); b&3 == 0 {
				part := inv.Amount.Mul(decimal.New(int64(b>>2%5)+1, -1)).Round(currency.MinorUnits())
				if part.IsPositive() {
					billing.CreditNotes = append(billing.CreditNotes, CreditNote{Invoice: inv.ID, Amount: part, At: inv.At.AddDate(0, 0, 3)})
				}
			}
		}
		switch fault {
		case 15:
			billing.Payments = append(billing.Payments, Payment{Invoice: "I-none", Amount: decimal.NewFromInt(1), At: q1.Start})
		case 16:
			if len(billing.Invoices) > 0 {
				billing.Payments = append(billing.Payments, Payment{Invoice: billing.Invoices[0].ID, Amount: billing.Invoices[0].Amount.Add(decimal.NewFromInt(1)), At: q1.Start})
			}
		case 17:
			billing.Invoices = append(billing.Invoices, Invoice{ID: "I-zero", Deal: "D0", Amount: decimal.Zero, At: q1.Start})
		}

		// CreditsFromDeals: a credit per won deal, to its owner, in full.
		simple := CreditsFromDeals(deals)
		peFinite(t, "CreditsFromDeals", simple)
		won := 0
		for _, d := range deals {
			if d.Status == activity.StatusWon {
				won++
			}
		}
		if len(simple) != won {
			t.Fatalf("CreditsFromDeals: %d credits of %d won deals", len(simple), won)
		}

		// The records read back from their JSON.
		for _, s := range copts.Splits {
			peRoundTrip(t, s)
		}
		for _, i := range billing.Invoices {
			peRoundTrip(t, i)
		}
		for _, p := range billing.Payments {
			peRoundTrip(t, p)
		}
		for _, n := range billing.CreditNotes {
			peRoundTrip(t, n)
		}

		// CreditOnBasis.
		credits, err := CreditOnBasis(deals, copts, basis, billing)
		peCheckErr(t, "CreditOnBasis", err)
		if err != nil {
			credits = simple
		} else {
			peFinite(t, "CreditOnBasis", credits)
			for _, c := range credits {
				peRoundTrip(t, c)
			}
			if basis == Booked || basis == "" {
				booked, err := CreditDeals(deals, copts)
				if err != nil {
					t.Fatalf("CreditOnBasis booked without error, CreditDeals: %v", err)
				}
				if len(booked) != len(credits) {
					t.Fatalf("booked: %d credits, CreditDeals %d", len(credits), len(booked))
				}
				for i := range booked {
					if booked[i].ID != credits[i].ID || !booked[i].Amount.Equal(credits[i].Amount) {
						t.Fatalf("booked credit %d is %s %s, CreditDeals' %s %s", i, credits[i].ID, credits[i].Amount, booked[i].ID, booked[i].Amount)
					}
				}
			}
		}
		if fault == 18 && len(credits) > 0 {
			credits = slices.Clone(credits)
			credits[0].Currency = "EUR"
		}

		// Quotas for the quarter, or the quarter's prorated to months.
		var quotas []activity.Quota
		for _, rep := range reps {
			if b := r.Next(); b%5 != 4 {
				qc := currency
				if fault == 19 {
					qc = "EUR"
				}
				quotas = append(quotas, activity.Quota{Rep: rep, Period: q1, Amount: activity.Some(decimal.New(int64(b)*100, 0)), Currency: qc})
			}
		}
		if monthly {
			var months []activity.Quota
			for _, q := range quotas {
				rep := activity.Rep{ID: q.Rep}
				if fault == 20 {
					rep.ID = "someone else"
				}
				pr, err := Prorate(q, rep, ProrateOptions{})
				peCheckErr(t, "Prorate", err)
				if err != nil {
					continue
				}
				peFinite(t, "Prorate", pr)
				months = append(months, pr.Quotas()...)
			}
			peFinite(t, "Proration.Quotas", months)
			quotas = months
		}

		rep := reps[int(r.Next())%3]
		if fault == 21 {
			rep = ""
		}

		// StatementsForAll: the month-end run.
		all, err := StatementsForAll(p, period, credits, quotas)
		peCheckErr(t, "StatementsForAll", err)
		if err == nil {
			peFinite(t, "StatementsForAll", all)
			for i, st := range all {
				peBalanced(t, "StatementsForAll", st)
				if i > 0 && all[i-1].Rep >= st.Rep {
					t.Fatalf("StatementsForAll: %s before %s", all[i-1].Rep, st.Rep)
				}
			}
		}

		// StatementForVersions: the plan cut in two mid-period, the second
		// version paying other rates.
		v1, v2 := p, p
		cut := period.Start.AddDate(0, 0, int(r.Next()%31)).Add(time.Duration(r.Next()) * time.Minute)
		if o.flag() {
			cut = cut.Add(time.Duration(r.Next()) * time.Nanosecond)
		}
		v1.EffectiveUntil = cut
		v2.Version, v2.EffectiveFrom = 2, cut
		t2, _ := fuzzTable(r.Take(int(r.Next()%10)), []Mode{Marginal, Retroactive, PerTransaction}[o.bits(2)%3])
		t2.Boundary = table.Boundary
		v2.Components = slices.Clone(p.Components)
		v2.Components[0].Table = t2
		switch fault {
		case 22:
			v2.EffectiveFrom = cut.Add(-time.Hour) // overlap
		case 23:
			v2.EffectiveFrom = cut.Add(time.Hour) // gap
		case 24:
			v2.ID = "other"
		case 25:
			v1.EffectiveUntil = time.Time{}
		}
		versions := []Plan{v2, v1}
		if o.flag() {
			// One version in force for the whole period.
			v1.EffectiveUntil = time.Time{}
			versions = []Plan{v1}
		}
		st, err := StatementForVersions(versions, rep, period, credits, quotas)
		peCheckErr(t, "StatementForVersions", err)
		if err == nil {
			peFinite(t, "StatementForVersions", st)
			peBalanced(t, "StatementForVersions", st)
		}

		// WhatIf: one more credit for the rep.
		extra := Credit{ID: "what-if", Rep: rep, Amount: r.amount(true), Currency: currency, At: period.Start.AddDate(0, 0, int(r.Next()%28)),
			Deal: activity.Deal{ID: "what-if", Owner: rep, Source: "partner"}}
		switch fault {
		case 26:
			extra.Rep = rep + "x"
		case 27:
			extra.At = period.End
		case 28:
			if len(credits) > 0 {
				extra.ID = credits[0].ID
				extra.Rep = credits[0].Rep
				rep = extra.Rep
			}
		}
		wi, err := WhatIf(p, rep, period, credits, quotas, extra)
		peCheckErr(t, "WhatIf", err)
		if err == nil {
			peFinite(t, "WhatIf", wi)
			peBalanced(t, "WhatIf before", wi.Before)
			peBalanced(t, "WhatIf after", wi.After)
			if !wi.AddedExact.Equal(wi.After.Exact.Sub(wi.Before.Exact)) || !wi.AddedAmount.Equal(wi.After.Total.Sub(wi.Before.Total)) {
				t.Fatalf("WhatIf adds %s (%s), the statements differ by %s (%s)", wi.AddedExact, wi.AddedAmount,
					wi.After.Exact.Sub(wi.Before.Exact), wi.After.Total.Sub(wi.Before.Total))
			}
		}

		// PayCurve: at most a few dozen points unless a fault asks for more.
		from := decimal.New(int64(r.Next()), -2)
		to := from.Add(decimal.New(int64(r.Next()), -2))
		step := decimal.New(int64(r.Next()%50)+1, -2)
		switch fault {
		case 29:
			step = decimal.Zero
		case 30:
			to = from.Sub(decimal.New(1, -2))
		case 31:
			from = from.Neg().Sub(decimal.New(1, -2))
		case 32:
			step = decimal.New(1, -7) // more than 10,000 points
		}
		curve, err := PayCurve(p, rep, period, quotas, from, to, step)
		peCheckErr(t, "PayCurve", err)
		if err == nil {
			peFinite(t, "PayCurve", curve)
			if want := to.Sub(from).Div(step).Floor().IntPart() + 1; int64(len(curve)) != want {
				t.Fatalf("PayCurve from %s to %s by %s: %d points, want %d", from, to, step, len(curve), want)
			}
			for i, pt := range curve {
				if a := from.Add(step.Mul(decimal.NewFromInt(int64(i)))); !pt.Attainment.Equal(a) {
					t.Fatalf("PayCurve point %d at %s, want %s", i, pt.Attainment, a)
				}
			}
		}

		// PlanEconomics.
		base, incentive, quota := r.amount(true), r.amount(true), r.amount(true)
		var paid, bookings activity.Optional[decimal.Decimal]
		if o.flag() {
			paid = activity.Some(r.amount(true))
		}
		if o.flag() {
			bookings = activity.Some(r.amount(true))
		}
		economics := func(base, incentive, quota decimal.Decimal, paid, bookings activity.Optional[decimal.Decimal]) {
			econ, err := PlanEconomics(base, incentive, quota, paid, bookings)
			peCheckErr(t, "PlanEconomics", err)
			if err == nil {
				peFinite(t, "PlanEconomics", econ)
				if !econ.OTE.Equal(base.Add(incentive)) {
					t.Fatalf("PlanEconomics: OTE %s of %s + %s", econ.OTE, base, incentive)
				}
				if econ.PayMix.IsNegative() || econ.PayMix.GreaterThan(decimal.NewFromInt(1)) {
					t.Fatalf("PlanEconomics: pay mix %s of %s and %s", econ.PayMix, base, incentive)
				}
			}
		}
		economics(base, incentive, quota, paid, bookings)
		// The same amounts made valid (not negative, a positive quota and
		// incentive), so that the checks above see results too.
		one := decimal.NewFromInt(1)
		if v, ok := paid.Get(); ok {
			paid = activity.Some(v.Abs())
		}
		if v, ok := bookings.Get(); ok {
			bookings = activity.Some(v.Abs())
		}
		economics(base.Abs(), incentive.Abs().Add(one), quota.Abs().Add(one), paid, bookings)
	})
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, peSentinels)
}

// peRoundTrip fails unless rec reads back from its JSON as it was (compared
// as printed: decimals and times print their value), or reading it is an
// error wrapping a sentinel.
func peRoundTrip[T any](t *testing.T, rec T) {
	t.Helper()
	name := fmt.Sprintf("%T", rec)
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatalf("json.Marshal(%+v): %v", rec, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		peCheckErr(t, name+".UnmarshalJSON", err)
		return
	}
	if fmt.Sprint(back) != fmt.Sprint(rec) {
		t.Fatalf("%s: JSON %s reads back as %+v, not %+v", name, b, back, rec)
	}
}
