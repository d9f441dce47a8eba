package compensation

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestLimits: amounts and weights with extreme exponents, and clawbacks
// with windows or installments past their limits, are errors, not an
// overflow panic or a hang.
func TestLimits(t *testing.T) {
	t.Parallel()
	w := func(x decimal.Decimal) []Weight {
		return []Weight{{Rep: "ann", Weight: x}, {Rep: "bob", Weight: decimal.NewFromInt(1)}}
	}
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	opts := AllocateOptions{Period: q1}
	for name, err := range map[string]error{
		"tiny weight":     second(Allocate(decimal.NewFromInt(100), "USD", w(decimal.New(1, -1_000_000)), opts)),
		"huge weight":     second(Allocate(decimal.NewFromInt(100), "USD", w(decimal.New(1, math.MaxInt32)), opts)),
		"huge total":      second(Allocate(decimal.New(1, 1_000_000), "USD", w(decimal.NewFromInt(1)), opts)),
		"many digits":     second(Allocate(decimal.RequireFromString("1234567890123456789012345678901234567890123"), "USD", w(decimal.NewFromInt(1)), opts)),
		"huge overassign": second(Allocate(decimal.NewFromInt(100), "USD", w(decimal.NewFromInt(1)), AllocateOptions{Period: q1, OverAssignment: decimal.New(1, -500)})),
	} {
		if !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", name, err)
		}
	}
	// At the limits, still exact: 40 digits split in two equal halves.
	qs, err := Allocate(decimal.RequireFromString("2000000000000000000000000000000000000000"), "JPY",
		[]Weight{{Rep: "ann", Weight: decimal.NewFromInt(1)}, {Rep: "bob", Weight: decimal.NewFromInt(1)}}, opts)
	if err != nil || len(qs) != 2 || !qs[0].Amount.Value.Equal(decimal.RequireFromString("1000000000000000000000000000000000000000")) {
		t.Errorf("Allocate(2e39) = %v, %v", qs, err)
	}
	plan := func(c *Clawback) Plan {
		return Plan{ID: "p", Version: 1, EffectiveFrom: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "USD",
			Components: []Component{{Name: "c", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: decimal.Zero, Rate: activity.Some(decimal.RequireFromString("0.1"))}}}}},
			Clawback:   c}
	}
	for _, c := range []*Clawback{{WindowDays: 90, Installments: math.MaxInt32}, {WindowDays: 106_752}, {WindowDays: MaxClawbackDays + 1}, {WindowDays: 90, Installments: MaxInstallments + 1}} {
		if err := plan(c).Validate(); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("clawback %+v: %v, want ErrInvalidPlan", *c, err)
		}
	}
	if err := plan(&Clawback{WindowDays: MaxClawbackDays, Installments: MaxInstallments}).Validate(); err != nil {
		t.Errorf("clawback at the limits: %v", err)
	}
}

// TestLastTierOpenEnded: a rate table whose last tier has an upper bound is
// invalid (Marginal would leave the excess unpaid while Retroactive paid
// it); a last tier at rate 0 says "nothing past it" explicitly.
func TestLastTierOpenEnded(t *testing.T) {
	t.Parallel()
	plan := func(tiers ...Tier) Plan {
		return Plan{ID: "p", Version: 1, EffectiveFrom: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Currency: "USD",
			Components: []Component{{Name: "c", Kind: Commission, Table: &RateTable{Tiers: tiers}}}}
	}
	d := decimal.RequireFromString
	bounded := plan(Tier{From: d("0"), To: activity.Some(d("1000")), Rate: activity.Some(d("0.1"))})
	if err := bounded.Validate(); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("a bounded last tier: %v, want ErrInvalidPlan", err)
	}
	capped := plan(Tier{From: d("0"), To: activity.Some(d("1000")), Rate: activity.Some(d("0.1"))}, Tier{From: d("1000"), Rate: activity.Some(d("0"))})
	if err := capped.Validate(); err != nil {
		t.Errorf("a last tier at rate 0: %v", err)
	}
}
