package budget

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// MarketingFrom reads a plan's funnel from history: the lead funnel by
// source (performance.LeadFunnelBy with activity.BySource, under the spend
// the leads cost) and the mean won deal size:
//
//	LeadToWon           = Σ won / Σ leads over the sources
//	OpportunityWinRate  = Σ won / Σ opportunities
//	Share(source)       = leads(source) / Σ leads
//	CostPerLead    = the source's CostPerLead; 0 where no spend counted
//
// Undefined groups (a source with spend and no lead) and a total row
// (activity.By.Total) are left out. No lead
// at all, or a deal size not above zero, is an error wrapping
// ErrInvalidOptions; so is history with no won deal (a lead-to-won rate
// of zero plans infinitely many leads). Currencies are the caller's: the
// deal size and the spend must be in the plan's.
func MarketingFrom(bySource []activity.Group[performance.LeadFunnel], dealSize decimal.Decimal) (Marketing, error) {
	var leads, won, opps int64
	for _, g := range bySource {
		if g.Undefined == "" && !g.Total {
			leads += g.Result.Leads
			won += g.Result.Won
			opps += g.Result.Opportunities
		}
	}
	switch {
	case !dealSize.IsPositive():
		return Marketing{}, fmt.Errorf("%w: deal size %s not above zero", ErrInvalidOptions, dealSize)
	case leads == 0:
		return Marketing{}, fmt.Errorf("%w: no leads in the history", ErrInvalidOptions)
	case won == 0:
		return Marketing{}, fmt.Errorf("%w: no lead of the history was won", ErrInvalidOptions)
	}
	m := Marketing{DealSize: dealSize, LeadToWon: decimal.NewFromInt(won).DivRound(decimal.NewFromInt(leads), ratioScale)}
	if opps > 0 {
		m.OpportunityWinRate = decimal.NewFromInt(won).DivRound(decimal.NewFromInt(opps), ratioScale)
	}
	total := decimal.NewFromInt(leads)
	var sum decimal.Decimal
	for _, g := range bySource {
		if g.Undefined != "" || g.Total || g.Result.Leads == 0 {
			continue
		}
		s := SourceMix{Source: activity.Source(g.Key), Share: decimal.NewFromInt(g.Result.Leads).DivRound(total, ratioScale)}
		if c, ok := g.Result.CostPerLead.Get(); ok {
			s.CostPerLead = c
		}
		sum = sum.Add(s.Share)
		m.Sources = append(m.Sources, s)
	}
	// The shares, each rounded, may miss 1 in the last place: the last
	// source takes the difference, so that they sum to 1 as Plan needs.
	last := &m.Sources[len(m.Sources)-1]
	last.Share = last.Share.Add(decimal.NewFromInt(1).Sub(sum))
	return m, nil
}
