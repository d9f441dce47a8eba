package compensation

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Why is why a line is on a statement, kept as data: the rule that put it
// there and the figures the rule compared, beside the line's own Base,
// Rate, Tier and amounts. Line.Reason renders it as a sentence when asked,
// so that rating a year of statements for many reps writes no text.
type Why struct {
	Rule Rule `json:"rule"`
	// Limit is the figure the rule compared the line with: the credit cap,
	// the payout cap, the floor, the bonus step's attainment, the draw's
	// guaranteed amount, the rate a true-up replaces, what was paid on a
	// clawed-back credit, a clawback window in days. Zero where the rule
	// compares with nothing (see each Rule).
	Limit decimal.Decimal `json:"limit"`
	// Note names what the rule is about, where that is words rather than a
	// figure: a tier's band, a gate's unmet conditions, the components a
	// floor or share is of, the activities counted, a SPIF's window, what
	// became of pay over a cap.
	Note string `json:"note,omitempty"`
	// Event is the dated event behind a clawback or draw line; nil on other
	// lines.
	Event *Event `json:"event,omitempty"`
	// Version is the plan version the line was rated under, on the lines
	// of StatementAcross when the period spans versions; nil otherwise.
	Version *VersionPart `json:"version,omitempty"`
}

// Event is the dated event behind a clawback or a draw line.
type Event struct {
	// At is when it happened: the cancellation, or the date a draw's
	// recovery starts.
	At time.Time `json:"at,omitzero"`
	// Days is the days from the credit to its cancellation, rounded.
	Days int `json:"days,omitempty"`
	// Total is the whole the line is part of: a clawback's amount over all
	// its installments, a draw's balance after the line (or the balance
	// forgiven).
	Total decimal.Decimal `json:"total"`
	// Part and Parts number a clawback's installments: Part of Parts.
	Part  int `json:"part,omitempty"`
	Parts int `json:"parts,omitempty"`
	// Places is the decimal places the reason writes amounts with: the
	// plan currency's minor units.
	Places int32 `json:"places"`
}

// VersionPart is the part of a period one plan version was in force for.
type VersionPart struct {
	Version int             `json:"version"`
	Span    activity.Period `json:"span"`
	// Share is the part's share of the period, as a fraction.
	Share decimal.Decimal `json:"share"`
}

// Rule is the rule that put a line on a statement.
type Rule string

// Rules. For each, the fields of the line and its Why that it sets.
const (
	// RuleMarginal: the part of a credit whose running total falls in a
	// tier's band (Note), at the tier's Rate.
	RuleMarginal Rule = "marginal"
	// RuleRetroactive: the running total is in the tier's band (Note),
	// whose Rate pays every credit.
	RuleRetroactive Rule = "retroactive"
	// RulePerTransaction: the credit's own amount is in the tier's band
	// (Note), at its Rate.
	RulePerTransaction Rule = "per-transaction"
	// RuleTrueUp: the Base credited before now earns Limit + Rate instead
	// of Limit.
	RuleTrueUp Rule = "true-up"
	// RuleCreditCap: the Base of a credit over the credit cap (Limit) is
	// not paid.
	RuleCreditCap Rule = "credit-cap"
	// RuleGate: the gate's conditions in Note were not met; the Base the
	// component earned is taken back.
	RuleGate Rule = "gate"
	// RuleCarriedIn: the Base carried forward from over last period's cap.
	RuleCarriedIn Rule = "carried-in"
	// RuleCap: pay over the cap (Limit) is forfeited or carried forward
	// (Note).
	RuleCap Rule = "cap"
	// RuleBonus: the attainment (Base) reaches step Tier, whose attainment
	// is Limit; Tier 0 means below the first step, Limit.
	RuleBonus Rule = "bonus"
	// RuleMinimum: what the components in Note earned (Base), topped up to
	// the floor (Limit) when below it.
	RuleMinimum Rule = "minimum"
	// RuleIncentive: the target incentive (Rate) × attainment (Base).
	RuleIncentive Rule = "incentive"
	// RulePerActivity: Base activities (of the kinds and outcomes in Note)
	// at Rate each.
	RulePerActivity Rule = "per-activity"
	// RuleShare: Rate of what the component in Note earned (Base).
	RuleShare Rule = "share"
	// RuleSPIF: a SPIF's amount for a qualifying credit in its window
	// (Note).
	RuleSPIF Rule = "spif"
	// RuleClawback: a credit cancelled at Event.At, Event.Days after it;
	// Event.Total of the Limit paid on it is clawed back (Rate, when set,
	// is the plan's recovery rate), in installment Event.Part of
	// Event.Parts.
	RuleClawback Rule = "clawback"
	// RuleNoClawback: a credit cancelled at Event.At, Event.Days after it,
	// outside the clawback window of Limit days.
	RuleNoClawback Rule = "no-clawback"
	// RuleDrawGuarantee: the rep earned Base, below the draw's Limit; a
	// non-recoverable draw tops it up.
	RuleDrawGuarantee Rule = "draw-guarantee"
	// RuleDrawAdvance: the rep earned Base, below the draw's Limit; a
	// recoverable draw advances the difference, the balance then
	// Event.Total.
	RuleDrawAdvance Rule = "draw-advance"
	// RuleDrawWait: recovery of the balance Event.Total waits until
	// Event.At.
	RuleDrawWait Rule = "draw-wait"
	// RuleDrawRecovery: pay above the draw repays the advance, the balance
	// then Event.Total.
	RuleDrawRecovery Rule = "draw-recovery"
	// RuleDrawForgiven: the balance Event.Total is forgiven.
	RuleDrawForgiven Rule = "draw-forgiven"
)

// Reason renders the line's Why as a sentence, with its figures.
func (l Line) Reason() string {
	w := l.Why
	var s string
	switch w.Rule {
	case RuleMarginal:
		s = "marginal: the part of the credit whose running total falls in " + w.Note + " at " + dec.Text(l.Rate)
	case RuleRetroactive:
		s = "retroactive: the running total is in " + w.Note + ", whose rate " + dec.Text(l.Rate) + " pays every credit"
	case RulePerTransaction:
		s = "per transaction: the credit's own amount is in " + w.Note + " at " + dec.Text(l.Rate)
	case RuleTrueUp:
		s = fmt.Sprintf("true-up: %s credited before now earns %s instead of %s", l.Base.StringFixed(2), dec.Text(w.Limit.Add(l.Rate)), dec.Text(w.Limit))
	case RuleCreditCap:
		s = fmt.Sprintf("over the credit cap of %s: not paid", w.Limit.StringFixed(2))
	case RuleGate:
		s = "gate: " + w.Note + "; nothing paid"
	case RuleCarriedIn:
		s = fmt.Sprintf("carried forward: %s over last period's cap", l.Base.StringFixed(2))
	case RuleCap:
		s = fmt.Sprintf("cap: pay capped at %s, %s %s", w.Limit.StringFixed(2), l.Exact.Neg().StringFixed(2), w.Note)
	case RuleBonus:
		if l.Tier == 0 {
			s = fmt.Sprintf("bonus: attainment %s below the first step %s", pct(l.Base), pct(w.Limit))
		} else {
			s = fmt.Sprintf("bonus: attainment %s reaches step %d (%s)", pct(l.Base), l.Tier, pct(w.Limit))
		}
	case RuleMinimum:
		if l.Exact.IsZero() {
			s = fmt.Sprintf("minimum: %s earned %s, at or above the floor %s", w.Note, l.Base.StringFixed(2), w.Limit.StringFixed(2))
		} else {
			s = fmt.Sprintf("minimum: %s earned %s, below the floor %s; %s tops it up", w.Note, l.Base.StringFixed(2), w.Limit.StringFixed(2), l.Exact.StringFixed(2))
		}
	case RuleIncentive:
		s = fmt.Sprintf("incentive: target %s × attainment %s", l.Rate.StringFixed(2), pct(l.Base))
	case RulePerActivity:
		what := "activities"
		if l.Base.Equal(decimal.NewFromInt(1)) {
			what = "activity"
		}
		if w.Note != "" {
			what += " (" + w.Note + ")"
		}
		s = fmt.Sprintf("%s %s at %s", dec.Text(l.Base), what, l.Rate.StringFixed(2))
	case RuleShare:
		s = fmt.Sprintf("%s of what %s earned, %s", dec.Text(l.Rate), w.Note, l.Base.StringFixed(2))
	case RuleSPIF:
		s = fmt.Sprintf("SPIF: %s for a qualifying credit %s", l.Exact.StringFixed(2), w.Note)
	case RuleClawback, RuleNoClawback:
		s = clawbackReason(l)
	case RuleDrawGuarantee, RuleDrawAdvance, RuleDrawWait, RuleDrawRecovery, RuleDrawForgiven:
		s = drawReason(l)
	default:
		s = string(w.Rule)
	}
	if v := w.Version; v != nil {
		s = fmt.Sprintf("v%d, %s to %s (%s%% of the period): ", v.Version, v.Span.Start.Format(time.DateOnly), v.Span.End.Format(time.DateOnly),
			dec.Text(dec.Trim(v.Share.Mul(decimal.NewFromInt(100)).Round(2)))) + s
	}
	return s
}

func clawbackReason(l Line) string {
	e := l.Why.Event
	if e == nil {
		e = &Event{}
	}
	if l.Why.Rule == RuleNoClawback {
		return fmt.Sprintf("no clawback: cancelled %s, %d days after the credit, outside the %s-day window", e.At.Format(time.DateOnly), e.Days, dec.Text(l.Why.Limit))
	}
	places := e.Places
	var b strings.Builder
	fmt.Fprintf(&b, "clawback: cancelled %s, %d days after the credit; %s of %s paid", e.At.Format(time.DateOnly), e.Days,
		e.Total.StringFixed(places), l.Why.Limit.StringFixed(places))
	if !l.Rate.IsZero() {
		fmt.Fprintf(&b, " (the plan recovers %s)", pct(l.Rate))
	}
	if e.Parts > 1 {
		b.WriteString(", installment " + strconv.Itoa(e.Part) + " of " + strconv.Itoa(e.Parts))
	}
	return b.String()
}

func drawReason(l Line) string {
	var e Event
	if l.Why.Event != nil {
		e = *l.Why.Event
	}
	places := e.Places
	switch l.Why.Rule {
	case RuleDrawGuarantee:
		return fmt.Sprintf("draw: earned %s, below the guaranteed %s", l.Base.StringFixed(places), l.Why.Limit.StringFixed(places))
	case RuleDrawAdvance:
		return fmt.Sprintf("draw: earned %s, below the guaranteed %s; advanced, balance %s", l.Base.StringFixed(places), l.Why.Limit.StringFixed(places), e.Total.StringFixed(places))
	case RuleDrawWait:
		return fmt.Sprintf("draw: recovery of the balance of %s waits until %s", e.Total.StringFixed(places), e.At.Format(time.DateOnly))
	case RuleDrawRecovery:
		return fmt.Sprintf("draw recovery: %s of the advance repaid from pay above the draw, balance %s", l.Exact.Neg().StringFixed(places), e.Total.StringFixed(places))
	}
	return fmt.Sprintf("draw: a balance of %s forgiven", e.Total.StringFixed(places))
}
