package compensation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Plan is an incentive compensation plan as data: it round-trips through
// JSON without loss (decimals as strings of their digits), carries an id, a
// version and the dates it is in force, and validates itself. A plan pays
// in one currency; credits and quotas in another are an error.
//
// A plan is rated for one rep over one period at a time (see StatementFor):
// every component pays on the rep's credits in the period, and
// attainment-based rules divide by the rep's quota for that period.
type Plan struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Name    string `json:"name,omitempty"`
	// EffectiveFrom and EffectiveUntil bound when the plan is in force,
	// [EffectiveFrom, EffectiveUntil); a zero EffectiveUntil is open-ended.
	EffectiveFrom  time.Time         `json:"effective_from"`
	EffectiveUntil time.Time         `json:"effective_until,omitzero"`
	Currency       activity.Currency `json:"currency"`
	Components     []Component       `json:"components"`
	Rounding       Rounding          `json:"rounding,omitzero"`
	// Draw, when set, guarantees pay of at least its amount each period.
	Draw *Draw `json:"draw,omitempty"`
	// Clawback, when set, reverses pay on credits cancelled within its
	// window (see Statements).
	Clawback *Clawback `json:"clawback,omitempty"`
}

// Limits of a clawback: a window of at most 100 years of days and at most
// 120 installments (ten years of months). A plan past them is invalid.
const (
	MaxClawbackDays = 36_525
	MaxInstallments = 120
)

// MaxTiers is the most tiers a rate table and the most steps a bonus may
// have. Rating walks them for every credit; no real plan comes near.
const MaxTiers = 1000

// Clawback reverses what was paid on a credit whose deal is cancelled or
// refunded within WindowDays days (of 86,400 s) of the credit, at the
// amounts it was paid at, recovered in Installments equal parts (1 when
// zero) over that period and the ones after it.
//
// ReverseAttainment, when set, also takes the cancelled share of the
// credit off the rep's attainment in the period holding the cancellation
// (Statement.Reversed), so that the tiers, gates and bonuses of that
// period that read attainment see it. It is off by default: many plans
// recover the pay and leave attainment alone. The credit's own period is
// not restated, and credit-based tiers' running totals do not change: the
// clawback line already recovers what was paid on the credit.
//
// Rate, when set, is the share of what was paid that the plan recovers (a
// plan that claws back 50% of the commission on a cancelled deal), in
// (0, 1]; zero recovers all of it. It is the plan's, apart from the
// cancellation's own Share (how much of the deal was refunded): a deal half
// refunded under a 50% clawback gives back a quarter of what it paid.
type Clawback struct {
	WindowDays        int             `json:"window_days"`
	Installments      int             `json:"installments,omitempty"`
	ReverseAttainment bool            `json:"reverse_attainment,omitempty"`
	Rate              decimal.Decimal `json:"rate,omitzero"`
}

// Draw guarantees a rep at least Amount of pay in each period. A
// non-recoverable draw is a plain guarantee: the top-up is never repaid. A
// recoverable draw is an advance: each top-up adds to a balance that later
// earnings above the draw repay, pay never falling below the draw; the
// balance carries from period to period through a Statements run and never
// goes negative. ForgiveAt, when set, forgives the balance left at the
// start of the first period that starts at or after it. RecoverFrom, when
// set, delays recovery (as for a new hire's ramp): in periods starting
// before it, pay above the draw is paid in full and the balance waits;
// recovery begins with the first period starting at or after it.
type Draw struct {
	Amount      decimal.Decimal `json:"amount"`
	Recoverable bool            `json:"recoverable,omitempty"`
	ForgiveAt   time.Time       `json:"forgive_at,omitzero"`
	RecoverFrom time.Time       `json:"recover_from,omitzero"`
}

// ComponentKind is what a component pays for.
type ComponentKind string

// Component kinds.
const (
	// Commission pays a rate table on credited amounts.
	Commission ComponentKind = "commission"
	// Bonus pays fixed amounts at attainment thresholds.
	Bonus ComponentKind = "bonus"
	// SPIF pays a fixed amount per qualifying credit in a window.
	SPIF ComponentKind = "spif"
	// Minimum tops the period's pay from other components up to a floor
	// (a minimum commission): never repaid, unlike a recoverable draw.
	Minimum ComponentKind = "minimum"
	// PercentOf pays a share of what another component earned (a bonus of
	// 50% of the commission on sales over a threshold).
	PercentOf ComponentKind = "percent_of"
	// PerActivity pays an amount per activity of the rep (an SDR's meetings
	// held, demos given), from the activity records given with the
	// credits.
	PerActivity ComponentKind = "per_activity"
	// Incentive pays a target incentive × attainment (10,000 at 100%,
	// 12,000 at 120%), with no commission rate worked out by hand from the
	// quota.
	Incentive ComponentKind = "incentive"
)

// Component is one part of a plan: a commission, a bonus or a SPIF, with
// the credits it counts (Qualify; nil counts all), and an optional gate and
// cap.
type Component struct {
	Name    string        `json:"name"`
	Kind    ComponentKind `json:"kind"`
	Qualify *Predicate    `json:"qualify,omitempty"`
	// Table rates a Commission.
	Table *RateTable `json:"table,omitempty"`
	// Steps pay a Bonus: the amount of the highest threshold the period's
	// attainment reaches (not their sum).
	Steps []BonusStep `json:"steps,omitempty"`
	// Spiff pays a SPIF.
	Spiff *Spiff `json:"spiff,omitempty"`
	// Floor sets a Minimum component's floor.
	Floor *Floor `json:"floor,omitempty"`
	// Share sets a PercentOf component's share.
	Share *Share `json:"share,omitempty"`
	// PerActivity sets a PerActivity component's rate.
	PerActivity *ActivityRate `json:"per_activity,omitempty"`
	// Target is an Incentive component's target incentive for the period:
	// it pays Target × attainment (the rep's credited amount over quota).
	Target *decimal.Decimal `json:"target,omitempty"`
	// Gate, when set, pays nothing for the component unless the period's
	// attainment reaches it.
	Gate *Gate `json:"gate,omitempty"`
	// Cap, when set, limits the component's payout or credited amount.
	Cap *Cap `json:"cap,omitempty"`
}

// TierBasis is what a rate table's tiers are measured in.
type TierBasis string

// Bases of tiers.
const (
	// OnCredit (the default, also "") measures tiers in credited amount.
	OnCredit TierBasis = "credit"
	// OnAttainment measures tiers in attainment, credited amount / quota
	// (1 is 100%).
	OnAttainment TierBasis = "attainment"
	// OnAttainmentToDate measures tiers in attainment to date against the
	// quota of a longer period holding the statement's (an annual quota;
	// see Statement.AttainmentToDate): the running total starts at the
	// rep's credits from that period's start to this one's, so a credit in
	// Q3 is rated where the year has reached. Under Retroactive a crossing
	// trues up the credit to date, earlier periods' included; a credit cap
	// caps the credit to date.
	OnAttainmentToDate TierBasis = "attainment_to_date"
)

// Mode is how a rate table's tiers apply.
type Mode string

// Rating modes.
const (
	// Marginal (the default, also "") pays each band of the running total
	// at its own tier's rate, like income tax brackets: rating deal by
	// deal gives exactly the period total's payout.
	Marginal Mode = "marginal"
	// Retroactive pays everything at the rate of the highest tier reached;
	// reaching a higher tier mid-period adds a true-up line for the credits
	// before at the difference in rate.
	Retroactive Mode = "retroactive"
	// PerTransaction rates each credit on its own amount: the tier holding
	// the credit's amount gives the rate for the whole credit.
	PerTransaction Mode = "per_transaction"
)

// Boundary says which end of a tier is inclusive.
type Boundary string

// Boundary conventions.
const (
	// LowerInclusive (the default, also "") tiers are [From, To): an
	// amount exactly at a boundary belongs to the higher tier.
	LowerInclusive Boundary = "lower_inclusive"
	// UpperInclusive tiers are (From, To]: an amount exactly at a boundary
	// belongs to the lower tier.
	UpperInclusive Boundary = "upper_inclusive"
)

// RateTable rates credited amounts through tiers.
type RateTable struct {
	Basis    TierBasis `json:"basis,omitempty"`
	Mode     Mode      `json:"mode,omitempty"`
	Boundary Boundary  `json:"boundary,omitempty"`
	// BaseRate is the rate tiers with a Multiplier multiply (an
	// accelerator of 1.5 on a 10% base pays 15%).
	BaseRate decimal.Decimal `json:"base_rate,omitzero"`
	// Tiers cover [0, ∞) in order: the first From is 0, each From is the
	// previous To, and only the last has no To.
	Tiers []Tier `json:"tiers"`
}

// Tier is one band of a rate table, with a rate or a multiplier of the
// table's BaseRate (above 1 an accelerator, below 1 a decelerator).
type Tier struct {
	From       decimal.Decimal                    `json:"from"`
	To         activity.Optional[decimal.Decimal] `json:"to,omitzero"`
	Rate       activity.Optional[decimal.Decimal] `json:"rate,omitzero"`
	Multiplier activity.Optional[decimal.Decimal] `json:"multiplier,omitzero"`
}

// rate returns the tier's rate.
func (t Tier) rate(base decimal.Decimal) decimal.Decimal {
	if r, ok := t.Rate.Get(); ok {
		return r
	}
	return dec.Trim(base.Mul(t.Multiplier.Value))
}

// BonusStep pays Amount once the period's attainment reaches Attainment
// (1 is 100%).
type BonusStep struct {
	Attainment decimal.Decimal `json:"attainment"`
	Amount     decimal.Decimal `json:"amount"`
}

// Spiff pays Amount for each qualifying credit dated in [From, Until).
type Spiff struct {
	Amount decimal.Decimal `json:"amount"`
	From   time.Time       `json:"from"`
	Until  time.Time       `json:"until"`
}

// Floor is a minimum commission: when what the components named in Of
// (empty: every component that is not itself a Minimum) earn in the period
// comes to less than Amount, the Minimum component pays the difference.
// It is rated after them, on their exact amounts (after their gates and
// caps), and is a component of its own: its gate and cap apply to it.
type Floor struct {
	Amount decimal.Decimal `json:"amount"`
	Of     []string        `json:"of,omitempty"`
}

// ActivityRate is what a PerActivity component pays: Amount for each of
// the rep's activities dated in the period whose kind is among Kinds and
// whose outcome is among Outcomes (empty: any), counted from the
// activities given to the statement (StatementFor's acts).
type ActivityRate struct {
	Kinds    []activity.Kind    `json:"kinds,omitempty"`
	Outcomes []activity.Outcome `json:"outcomes,omitempty"`
	Amount   decimal.Decimal    `json:"amount"`
}

// Share is what a PercentOf component pays: Rate of what the component
// named Of earned in the period (its exact amount, after its gate and
// cap). It is rated after the commissions, bonuses and SPIFs and before any
// Minimum, as a line of its own, rounded on its own; its gate and cap apply
// to it.
type Share struct {
	Of   string          `json:"of"`
	Rate decimal.Decimal `json:"rate"`
}

// Gate pays nothing for a component unless every threshold it sets is
// reached in the period: MinAttainment on the rep's attainment (the credited
// amount of every credit, qualifying or not, over the quota), MinCredited on
// the component's qualifying credited amount, MinCredits on the number of
// its qualifying credits. At least one is set. Reaching a threshold exactly
// passes (inclusive, the default); with Strict each must be exceeded, as a
// plan that pays "above 50% of quota" means.
type Gate struct {
	MinAttainment activity.Optional[decimal.Decimal] `json:"min_attainment,omitzero"`
	// MinAttainmentToDate is on the rep's attainment to date against the
	// quota of a longer period holding this one (an annual quota, for an
	// accelerator paid in a quarter only once the year to date reaches a
	// share of it): see Statement.AttainmentToDate.
	MinAttainmentToDate activity.Optional[decimal.Decimal] `json:"min_attainment_to_date,omitzero"`
	MinCredited         activity.Optional[decimal.Decimal] `json:"min_credited,omitzero"`
	MinCredits          int                                `json:"min_credits,omitempty"`
	Strict              bool                               `json:"strict,omitempty"`
}

// Cap limits a component in a period: Payout bounds what it pays, Rate the
// effective rate (pay over qualifying credited amount), Credit what credited
// amount it pays on. Excess says what becomes of pay over the Payout or Rate
// cap: forfeited (the default) or carried forward into the next period of
// a Statements run, where it is paid as far as that period's cap allows.
// Credit over the Credit cap is never paid.
type Cap struct {
	Payout activity.Optional[decimal.Decimal] `json:"payout,omitzero"`
	Rate   activity.Optional[decimal.Decimal] `json:"rate,omitzero"`
	Credit activity.Optional[decimal.Decimal] `json:"credit,omitzero"`
	Excess Excess                             `json:"excess,omitempty"`
}

// Excess is what becomes of pay over a cap.
type Excess string

// Excess policies.
const (
	// Forfeit (the default, also "") drops the excess.
	Forfeit Excess = "forfeit"
	// CarryForward pays the excess in the next period, within its cap.
	CarryForward Excess = "carry_forward"
)

// RoundingMode says how an amount is rounded to the plan's scale.
type RoundingMode string

// Rounding modes.
const (
	// HalfAwayFromZero (the default, also "") rounds 0.005 to 0.01 and
	// −0.005 to −0.01.
	HalfAwayFromZero RoundingMode = "half_away_from_zero"
	// HalfEven rounds halves to the even neighbour (banker's rounding).
	HalfEven RoundingMode = "half_even"
	// RoundDown truncates toward zero.
	RoundDown RoundingMode = "down"
)

// RoundingPolicy says where a statement rounds.
type RoundingPolicy string

// Rounding policies.
const (
	// PerLine (the default, also "") rounds every line and totals the
	// rounded lines.
	PerLine RoundingPolicy = "per_line"
	// SpreadTotal rounds the exact total once and spreads it over the
	// lines by largest remainder, so the lines still add up to it.
	SpreadTotal RoundingPolicy = "spread_total"
)

// Rounding is how a plan's statements round: to Scale decimal places (the
// currency's minor units when absent) by Mode, under Policy. Either way the
// lines add up exactly to the total.
type Rounding struct {
	Scale  activity.Optional[int32] `json:"scale,omitzero"`
	Mode   RoundingMode             `json:"mode,omitempty"`
	Policy RoundingPolicy           `json:"policy,omitempty"`
}

// round rounds d by the mode at scale.
func (r Rounding) round(d decimal.Decimal, scale int32) decimal.Decimal {
	switch r.Mode {
	case HalfEven:
		return d.RoundBank(scale)
	case RoundDown:
		return d.Truncate(scale)
	}
	return d.Round(scale)
}

// scale returns the rounding scale for currency c.
func (r Rounding) scale(c activity.Currency) int32 {
	if s, ok := r.Scale.Get(); ok {
		return s
	}
	return c.MinorUnits()
}

// MarshalJSON writes p with every decimal as a string of its digits,
// whatever shopspring/decimal's global settings are.
func (p Plan) MarshalJSON() ([]byte, error) { type plain Plan; return dec.Marshal(plain(p)) }

// UnmarshalJSON reads a plan, refusing keys it does not know anywhere in it
// (a misspelt "multipler" must not silently pay the base rate) and, before
// parsing, any run of more digits than activity.MaxAmountText (parsing a
// decimal of a megabyte of digits takes seconds).
func (p *Plan) UnmarshalJSON(b []byte) error {
	type plain Plan
	if n := longestDigitRun(b); n > activity.MaxAmountText {
		return fmt.Errorf("%w: %w: a number of %d digits, more than activity.MaxAmountText (%d)", ErrInvalidPlan, activity.ErrInvalidAmount, n, activity.MaxAmountText)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var v plain
	if err := d.Decode(&v); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidPlan, err)
	}
	*p = Plan(v)
	return nil
}

// Validate reports the first problem of every part of the plan, joined,
// each naming the part ("components[1].table.tiers[2].to"): no id, a
// negative version, an EffectiveUntil not after EffectiveFrom, an invalid
// currency, no components, and per component an empty or repeated name, an
// unknown kind, a missing or extra rule for the kind, an invalid predicate,
// and the rules' own problems (see RateTable.Validate).
func (p Plan) Validate() error {
	var errs []error
	bad := func(part, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: "+format, append([]any{ErrInvalidPlan, part}, args...)...))
	}
	if p.ID == "" {
		bad("id", "empty")
	}
	if p.Version < 0 {
		bad("version", "negative")
	}
	if p.EffectiveFrom.IsZero() {
		bad("effective_from", "zero")
	}
	if !p.EffectiveUntil.IsZero() && !p.EffectiveUntil.After(p.EffectiveFrom) {
		bad("effective_until", "not after effective_from")
	}
	if err := p.Currency.Validate(); err != nil {
		bad("currency", "%v", err)
	}
	switch p.Rounding.Mode {
	case "", HalfAwayFromZero, HalfEven, RoundDown:
	default:
		bad("rounding.mode", "unknown %q", p.Rounding.Mode)
	}
	switch p.Rounding.Policy {
	case "", PerLine, SpreadTotal:
	default:
		bad("rounding.policy", "unknown %q", p.Rounding.Policy)
	}
	if s, ok := p.Rounding.Scale.Get(); ok && (s < 0 || s > 12) {
		bad("rounding.scale", "%d outside 0..12", s)
	}
	if len(p.Components) == 0 {
		bad("components", "none")
	}
	if p.Draw != nil && !p.Draw.Amount.IsPositive() {
		bad("draw.amount", "not above zero")
	}
	if c := p.Clawback; c != nil && (c.WindowDays <= 0 || c.WindowDays > MaxClawbackDays || c.Installments < 0 || c.Installments > MaxInstallments) {
		bad("clawback", "a window of %d days (1 to %d) or %d installments (0 to %d)", c.WindowDays, MaxClawbackDays, c.Installments, MaxInstallments)
	}
	if c := p.Clawback; c != nil && (c.Rate.IsNegative() || c.Rate.GreaterThan(decimal.NewFromInt(1))) {
		bad("clawback.rate", "%s outside (0, 1]", c.Rate)
	}
	names := map[string]bool{}
	for i, c := range p.Components {
		part := fmt.Sprintf("components[%d]", i)
		if c.Name == "" || names[c.Name] {
			bad(part+".name", "empty or repeated %q", c.Name)
		}
		names[c.Name] = true
		if c.Qualify != nil {
			if err := c.Qualify.Validate(); err != nil {
				bad(part+".qualify", "%v", err)
			}
		}
		need := map[ComponentKind]string{Commission: "table", Bonus: "steps", SPIF: "spiff", Minimum: "floor", PercentOf: "share",
			PerActivity: "per_activity", Incentive: "target"}[c.Kind]
		if need == "" {
			bad(part+".kind", "unknown %q", c.Kind)
		}
		for _, r := range []struct {
			name string
			set  bool
		}{{"table", c.Table != nil}, {"steps", len(c.Steps) > 0}, {"spiff", c.Spiff != nil}, {"floor", c.Floor != nil}, {"share", c.Share != nil}, {"per_activity", c.PerActivity != nil}, {"target", c.Target != nil}} {
			if need != "" && (r.name == need) != r.set {
				bad(part+"."+r.name, "a %s component needs its %s and no other rule", c.Kind, need)
			}
		}
		if c.Table != nil {
			if err := c.Table.Validate(); err != nil {
				bad(part+".table", "%v", err)
			}
		}
		if len(c.Steps) > MaxTiers {
			bad(part+".steps", "%d steps, more than MaxTiers (%d)", len(c.Steps), MaxTiers)
		}
		for j, s := range c.Steps {
			if s.Attainment.IsNegative() || s.Amount.IsNegative() || (j > 0 && !s.Attainment.GreaterThan(c.Steps[j-1].Attainment)) {
				bad(fmt.Sprintf("%s.steps[%d]", part, j), "negative, or not above the step before")
			}
		}
		if s := c.Spiff; s != nil && (s.Amount.IsNegative() || s.From.IsZero() || !s.Until.After(s.From)) {
			bad(part+".spiff", "a negative amount or an empty window")
		}
		if c.Target != nil && c.Target.IsNegative() {
			bad(part+".target", "negative")
		}
		if ar := c.PerActivity; ar != nil {
			if ar.Amount.IsNegative() || slices.Contains(ar.Kinds, "") || slices.Contains(ar.Outcomes, "") {
				bad(part+".per_activity", "a negative amount, or an empty kind or outcome")
			}
		}
		if sh := c.Share; sh != nil {
			if sh.Rate.IsNegative() {
				bad(part+".share.rate", "negative")
			}
			j := slices.IndexFunc(p.Components, func(o Component) bool { return o.Name == sh.Of })
			if j < 0 || p.Components[j].Kind == Minimum || p.Components[j].Kind == PercentOf {
				bad(part+".share.of", "%q is not a commission, bonus or SPIF of the plan", sh.Of)
			}
		}
		if f := c.Floor; f != nil {
			if !f.Amount.IsPositive() {
				bad(part+".floor.amount", "not above zero")
			}
			for _, name := range f.Of {
				j := slices.IndexFunc(p.Components, func(o Component) bool { return o.Name == name })
				if j < 0 || p.Components[j].Kind == Minimum {
					bad(part+".floor.of", "%q is not a component of the plan other than a minimum", name)
				}
			}
		}
		if g := c.Gate; g != nil {
			if !g.MinAttainment.Valid && !g.MinAttainmentToDate.Valid && !g.MinCredited.Valid && g.MinCredits == 0 {
				bad(part+".gate", "no threshold")
			}
			if g.MinAttainment.Value.IsNegative() || g.MinAttainmentToDate.Value.IsNegative() || g.MinCredited.Value.IsNegative() || g.MinCredits < 0 {
				bad(part+".gate", "a negative threshold")
			}
		}
		if cp := c.Cap; cp != nil {
			if !cp.Payout.Valid && !cp.Rate.Valid && !cp.Credit.Valid {
				bad(part+".cap", "no limit")
			}
			if cp.Payout.Value.IsNegative() || cp.Rate.Value.IsNegative() || cp.Credit.Value.IsNegative() {
				bad(part+".cap", "a negative limit")
			}
			switch cp.Excess {
			case "", Forfeit, CarryForward:
			default:
				bad(part+".cap.excess", "unknown %q", cp.Excess)
			}
		}
	}
	return errors.Join(errs...)
}

// Validate reports, naming the tier, an unknown basis, mode or boundary;
// no tiers; a first tier not from 0; a tier whose From is not the previous
// To (a gap or an overlap) or whose To is not above its From; an open tier
// that is not the last; a tier with both or neither of rate and multiplier;
// negative rates, multipliers or a negative base rate; a multiplier without
// a base rate.
func (t RateTable) Validate() error {
	switch t.Basis {
	case "", OnCredit, OnAttainment, OnAttainmentToDate:
	default:
		return fmt.Errorf("%w: basis: unknown %q", ErrInvalidPlan, t.Basis)
	}
	switch t.Mode {
	case "", Marginal, Retroactive, PerTransaction:
	default:
		return fmt.Errorf("%w: mode: unknown %q", ErrInvalidPlan, t.Mode)
	}
	switch t.Boundary {
	case "", LowerInclusive, UpperInclusive:
	default:
		return fmt.Errorf("%w: boundary: unknown %q", ErrInvalidPlan, t.Boundary)
	}
	if t.BaseRate.IsNegative() {
		return fmt.Errorf("%w: base_rate: negative", ErrInvalidPlan)
	}
	if len(t.Tiers) == 0 {
		return fmt.Errorf("%w: tiers: none", ErrInvalidPlan)
	}
	if len(t.Tiers) > MaxTiers {
		return fmt.Errorf("%w: tiers: %d, more than MaxTiers (%d)", ErrInvalidPlan, len(t.Tiers), MaxTiers)
	}
	for i, tier := range t.Tiers {
		part := fmt.Sprintf("tiers[%d]", i)
		to, bounded := tier.To.Get()
		switch {
		case i == 0 && !tier.From.IsZero():
			return fmt.Errorf("%w: %s.from: the first tier starts at %s, not 0", ErrInvalidPlan, part, tier.From)
		case i > 0 && !tier.From.Equal(t.Tiers[i-1].To.Value):
			return fmt.Errorf("%w: %s.from: %s is not the previous tier's end %s (a gap or an overlap, or tiers out of order)", ErrInvalidPlan, part, tier.From, t.Tiers[i-1].To.Value)
		case bounded && !to.GreaterThan(tier.From):
			return fmt.Errorf("%w: %s.to: %s not above from %s", ErrInvalidPlan, part, to, tier.From)
		case !bounded && i != len(t.Tiers)-1:
			return fmt.Errorf("%w: %s.to: only the last tier may be open-ended", ErrInvalidPlan, part)
		case bounded && i == len(t.Tiers)-1:
			return fmt.Errorf("%w: %s.to: the last tier must be open-ended (no to), or what lies past %s would be paid by one mode and not another; add a tier at rate 0 to pay nothing past it", ErrInvalidPlan, part, to)
		case tier.Rate.Valid == tier.Multiplier.Valid:
			return fmt.Errorf("%w: %s: give a rate or a multiplier, not both or neither", ErrInvalidPlan, part)
		case tier.Rate.Valid && tier.Rate.Value.IsNegative():
			return fmt.Errorf("%w: %s.rate: negative", ErrInvalidPlan, part)
		case tier.Multiplier.Valid && tier.Multiplier.Value.IsNegative():
			return fmt.Errorf("%w: %s.multiplier: negative", ErrInvalidPlan, part)
		case tier.Multiplier.Valid && t.BaseRate.IsZero():
			return fmt.Errorf("%w: %s.multiplier: no base_rate to multiply", ErrInvalidPlan, part)
		}
	}
	return nil
}

// longestDigitRun returns the length of the longest run of ASCII digits in b.
func longestDigitRun(b []byte) int {
	longest, run := 0, 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
