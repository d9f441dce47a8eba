package compensation

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// StatementForVersions rates rep over p under the versions of one plan that are in
// force during it: where a new version takes effect mid-period, the period
// is split at that moment and each part is rated under its version, with
// the period's quota, the credit thresholds of credit-based tiers, caps and
// bonus amounts prorated by the part's share of the period's elapsed time
// (days, for periods cut at midnight). Rates and SPIF amounts are not
// prorated. The parts' lines (each reason prefixed with its version and
// share) and totals make one statement; Attainment is the whole period's;
// the draw of the version in force at the period's end applies once, to the
// whole period.
//
// plans must share one id and currency, and their effective intervals must
// not overlap and must cover p; else the error wraps ErrInvalidOptions. With
// one version in force for all of p it is StatementFor.
func StatementForVersions(plans []Plan, rep string, p activity.Period, credits []Credit, quotas []activity.Quota) (Statement, error) {
	if err := p.Validate(); err != nil {
		return Statement{}, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	vs := slices.Clone(plans)
	slices.SortFunc(vs, func(a, b Plan) int {
		return cmp.Or(a.EffectiveFrom.Compare(b.EffectiveFrom), cmp.Compare(a.Version, b.Version))
	})
	var parts []Plan
	for i, v := range vs {
		if v.ID != vs[0].ID || v.Currency != vs[0].Currency {
			return Statement{}, fmt.Errorf("%w: versions of different plans or currencies (%s, %s)", ErrInvalidOptions, vs[0].ID, v.ID)
		}
		if i > 0 && (vs[i-1].EffectiveUntil.IsZero() || vs[i-1].EffectiveUntil.After(v.EffectiveFrom)) {
			return Statement{}, fmt.Errorf("%w: versions %d and %d of %s overlap", ErrInvalidOptions, vs[i-1].Version, v.Version, v.ID)
		}
		if v.EffectiveFrom.Before(p.End) && (v.EffectiveUntil.IsZero() || v.EffectiveUntil.After(p.Start)) {
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return Statement{}, fmt.Errorf("%w: no version in force in %s", ErrInvalidOptions, p)
	}
	if len(parts) == 1 {
		return StatementFor(parts[0], rep, p, credits, quotas)
	}
	// The parts must cover p without a hole.
	at := p.Start
	for _, v := range parts {
		if v.EffectiveFrom.After(at) {
			return Statement{}, fmt.Errorf("%w: no version of %s in force from %s", ErrInvalidOptions, v.ID, at.Format(time.RFC3339))
		}
		at = v.EffectiveUntil
	}
	if !at.IsZero() && at.Before(p.End) {
		return Statement{}, fmt.Errorf("%w: no version of %s in force from %s", ErrInvalidOptions, parts[0].ID, at.Format(time.RFC3339))
	}
	st := Statement{Plan: parts[0].ID, Version: parts[len(parts)-1].Version, Rep: rep, Period: p, Currency: parts[0].Currency}
	quota, hasQuota := periodQuota(quotas, rep, p)
	total := decimal.NewFromInt(p.End.Sub(p.Start).Nanoseconds())
	for _, v := range parts {
		part := activity.Period{Start: later(p.Start, v.EffectiveFrom), End: p.End, Name: p.Name}
		if !v.EffectiveUntil.IsZero() && v.EffectiveUntil.Before(p.End) {
			part.End = v.EffectiveUntil
		}
		num := decimal.NewFromInt(part.End.Sub(part.Start).Nanoseconds())
		share := num.DivRound(total, ratioScale)
		pv := prorated(v, num, total)
		pv.Draw = nil // the period's draw applies once, to the whole (below)
		pv.EffectiveFrom, pv.EffectiveUntil = part.Start, part.End
		var pq []activity.Quota
		if hasQuota {
			pq = []activity.Quota{{Rep: rep, Period: part, Amount: activity.Some(dec.Trim(quota.Amount.Value.Mul(num).DivRound(total, ratioScale))), Currency: quota.Currency, Metric: quota.Metric}}
		}
		ps, err := StatementFor(pv, rep, part, credits, pq)
		if err != nil {
			return st, err
		}
		vp := &VersionPart{Version: v.Version, Span: part, Share: share}
		for _, l := range ps.Lines {
			l.Why.Version = vp
			st.Lines = append(st.Lines, l)
		}
		st.Credited = st.Credited.Add(ps.Credited)
		st.Exact = st.Exact.Add(ps.Exact)
		st.Total = st.Total.Add(ps.Total)
		for _, c := range ps.Components {
			i := slices.IndexFunc(st.Components, func(x ComponentTotal) bool { return x.Name == c.Name })
			if i < 0 {
				st.Components = append(st.Components, c)
				continue
			}
			st.Components[i].Exact = st.Components[i].Exact.Add(c.Exact)
			st.Components[i].Amount = st.Components[i].Amount.Add(c.Amount)
		}
	}
	if hasQuota {
		st.Quota = quota.Amount
		if quota.Amount.Value.IsPositive() {
			st.Attainment = activity.Some(st.Credited.DivRound(quota.Amount.Value, ratioScale))
		}
	}
	// The draw in force at the period's end guarantees the whole period.
	applyDraw(parts[len(parts)-1], &st, decimal.Zero)
	st.ToDate = st.Total
	return st, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// periodQuota returns rep's quota whose period is p.
func periodQuota(quotas []activity.Quota, rep string, p activity.Period) (activity.Quota, bool) {
	for _, q := range quotas {
		if q.Rep == rep && (q.Metric == "" || q.Metric == "bookings") && q.Period.Start.Equal(p.Start) && q.Period.End.Equal(p.End) && q.Amount.Valid {
			return q, true
		}
	}
	return activity.Quota{}, false
}

// prorated returns a copy of v with its period amounts (credit tier
// thresholds, caps, bonus amounts) times num / den, exact to 20 places.
func prorated(v Plan, num, den decimal.Decimal) Plan {
	scale := func(d decimal.Decimal) decimal.Decimal { return dec.Trim(d.Mul(num).DivRound(den, ratioScale)) }
	scaleOpt := func(o activity.Optional[decimal.Decimal]) activity.Optional[decimal.Decimal] {
		if o.Valid {
			o.Value = scale(o.Value)
		}
		return o
	}
	v.Components = slices.Clone(v.Components)
	for i := range v.Components {
		c := &v.Components[i]
		if c.Table != nil && c.Table.Basis != OnAttainment && c.Table.Basis != OnAttainmentToDate {
			t := *c.Table
			t.Tiers = slices.Clone(t.Tiers)
			for j := range t.Tiers {
				t.Tiers[j].From = scale(t.Tiers[j].From)
				t.Tiers[j].To = scaleOpt(t.Tiers[j].To)
			}
			c.Table = &t
		}
		if c.Cap != nil {
			cp := Cap{Payout: scaleOpt(c.Cap.Payout), Rate: c.Cap.Rate, Credit: scaleOpt(c.Cap.Credit), Excess: c.Cap.Excess}
			c.Cap = &cp
		}
		if len(c.Steps) > 0 {
			c.Steps = slices.Clone(c.Steps)
			for j := range c.Steps {
				c.Steps[j].Amount = scale(c.Steps[j].Amount)
			}
		}
	}
	return v
}
