package activity

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Quota is a target for one rep or one team over a period: an Amount in
// Currency (bookings, say) or a Count (deals, meetings). Metric optionally
// names what is measured ("bookings", "new_logos") so that several quotas
// can cover one rep and period. Compensation computes quotas (allocation,
// proration) and hands back these records.
type Quota struct {
	Rep      string                    `json:"rep,omitempty"`
	Team     string                    `json:"team,omitempty"`
	Metric   string                    `json:"metric,omitempty"`
	Period   Period                    `json:"period"`
	Amount   Optional[decimal.Decimal] `json:"amount,omitzero"`
	Currency Currency                  `json:"currency,omitempty"`
	Count    Optional[int64]           `json:"count,omitzero"`
}

// Validate reports a quota with neither or both of Rep and Team, neither or
// both of Amount and Count, an invalid period, a negative target, or an
// amount without a valid currency.
func (q Quota) Validate() error {
	p := problems{record: "quota", index: -1, id: q.owner()}
	q.check(&p)
	return p.err()
}

func (q *Quota) owner() string {
	if q.Rep != "" {
		return q.Rep
	}
	return q.Team
}

func (q *Quota) check(p *problems) {
	if (q.Rep == "") == (q.Team == "") {
		p.add("rep", fmt.Errorf("%w: give exactly one of rep and team", ErrInvalidQuota))
	}
	if err := q.Period.Validate(); err != nil {
		p.add("period", err)
	}
	switch {
	case q.Amount.Valid == q.Count.Valid:
		p.add("amount", fmt.Errorf("%w: give exactly one of amount and count", ErrInvalidQuota))
	case q.Amount.Valid:
		checkNonNegative(p, "amount", q.Amount)
		if err := q.Currency.Validate(); err != nil {
			p.add("currency", err)
		}
	case q.Count.Value < 0:
		p.add("count", fmt.Errorf("%w: %d", ErrNegativeAmount, q.Count.Value))
	}
}

// FunnelStage is one stage of a Funnel with its default win probability
// (optional: a stage without one leaves its deals unweighted rather than at
// 0%) and whether it is a won or a lost stage.
type FunnelStage struct {
	Stage       Stage                     `json:"stage"`
	Probability Optional[decimal.Decimal] `json:"probability,omitzero"`
	Won         bool                      `json:"won,omitempty"`
	Lost        bool                      `json:"lost,omitempty"`
}

// Funnel is a sales process: its stages in order, open stages first, with
// default probabilities that weight the pipeline where a deal has none of its
// own. A deal in a later stage has gone further; won and lost stages end it.
// The zero Funnel has no stages: an index built with it accepts any stage
// name and orders stages as it first meets them.
type Funnel struct {
	Stages []FunnelStage `json:"stages"`
}

// TypicalB2B returns a five-step B2B funnel with the default probabilities
// many CRMs start from: prospecting 0.10, qualification 0.20, demo 0.40,
// proposal 0.60, negotiation 0.80, then closed_won (1) and closed_lost (0).
// It is a starting point; hosts replace it with their own process. Each call
// returns a new value.
func TypicalB2B() Funnel {
	p := func(s string) Optional[decimal.Decimal] { return Some(decimal.RequireFromString(s)) }
	return Funnel{Stages: []FunnelStage{
		{Stage: StageProspecting, Probability: p("0.10")},
		{Stage: StageQualification, Probability: p("0.20")},
		{Stage: StageDemo, Probability: p("0.40")},
		{Stage: StageProposal, Probability: p("0.60")},
		{Stage: StageNegotiation, Probability: p("0.80")},
		{Stage: StageClosedWon, Probability: p("1"), Won: true},
		{Stage: StageClosedLost, Probability: p("0"), Lost: true},
	}}
}

// Position returns the stage's place in the funnel, counting from 0, and
// whether the funnel has it.
func (f Funnel) Position(s Stage) (int, bool) {
	for i, fs := range f.Stages {
		if fs.Stage == s {
			return i, true
		}
	}
	return -1, false
}

// Validate reports an empty or repeated stage name, a probability outside
// [0, 1], a stage both won and lost, an open stage after a won or lost one,
// and a funnel with stages but no won or no lost stage. The zero Funnel is valid.
func (f Funnel) Validate() error {
	if len(f.Stages) == 0 {
		return nil
	}
	var errs []error
	seen := make(map[Stage]bool, len(f.Stages))
	won, lost := false, false
	for i, s := range f.Stages {
		switch {
		case s.Stage == "":
			errs = append(errs, fmt.Errorf("%w: stage %d has no name", ErrInvalidFunnel, i))
		case seen[s.Stage]:
			errs = append(errs, fmt.Errorf("%w: stage %q appears twice", ErrInvalidFunnel, s.Stage))
		}
		seen[s.Stage] = true
		if v, ok := s.Probability.Get(); ok && (v.Sign() < 0 || v.GreaterThan(decimalOne)) {
			errs = append(errs, fmt.Errorf("%w: stage %q probability %s outside [0, 1]", ErrInvalidFunnel, s.Stage, dec.Text(v)))
		}
		if s.Won && s.Lost {
			errs = append(errs, fmt.Errorf("%w: stage %q is both won and lost", ErrInvalidFunnel, s.Stage))
		}
		if (won || lost) && !s.Won && !s.Lost {
			errs = append(errs, fmt.Errorf("%w: open stage %q after a won or lost stage", ErrInvalidFunnel, s.Stage))
		}
		won = won || s.Won
		lost = lost || s.Lost
	}
	if !won || !lost {
		errs = append(errs, fmt.Errorf("%w: a funnel needs a won and a lost stage", ErrInvalidFunnel))
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}
