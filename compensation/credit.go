package compensation

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Role is why a rep is credited for a deal.
type Role string

// Roles.
const (
	// RolePrimary credit (the default, also "") splits a deal among reps: the
	// primary shares of one deal total exactly 100%.
	RolePrimary Role = "primary"
	// RoleOverlay credit is additional (a specialist, a partner manager) and
	// does not count toward the 100%.
	RoleOverlay Role = "overlay"
	// RoleManager credit rolls a rep's primary credit up to the manager on the
	// roster at the deal's close; additional as well.
	RoleManager Role = "manager"
)

// Split credits Rep with Share (a fraction: 0.5 is 50%) of Deal's amount in
// a role.
type Split struct {
	Deal  string          `json:"deal"`
	Rep   string          `json:"rep"`
	Share decimal.Decimal `json:"share"`
	Role  Role            `json:"role,omitempty"`
}

// CreditingOptions says how won deals become credits. The zero value
// credits each won deal's owner in full.
type CreditingOptions struct {
	// Splits divide and add to the credit of the deals they name; a deal
	// without primary splits credits its owner in full.
	Splits []Split
	// ManagerShare, when set, credits the manager of each primary rep (on
	// Roster at the deal's close) with this share of the rep's credit.
	ManagerShare activity.Optional[decimal.Decimal]
	// Roster gives the managers for ManagerShare.
	Roster []activity.Rep
	// Location is the zone a deal's close day (activity.Deal.CloseDate) is
	// read in, as activity.IndexOptions.Location: the day stands for its
	// last instant there. Nil: UTC.
	Location *time.Location
	// Conversion, when not nil, credits each deal's amount converted into
	// Conversion.To at the deal's close (a credit has no reporting period:
	// RateAtPeriodEnd reads the close too; RateFixed its date), so deals in
	// several currencies credit a plan in one. Nil: credits in the deal's
	// currency.
	Conversion *activity.Conversion
}

// CreditDeals turns won deals into credits (see Credit): the primary splits
// of a deal (or its owner, in full) share its amount by largest remainder
// in the currency's minor units, so that they add up exactly to the
// amount, ties to the rep first in name order; overlay splits and manager
// roll-ups add credits of their share, rounded half away from zero to
// minor units. A credit's id is the deal's, the rep's and the role's,
// "D-1/ann/primary"; a manager's adds the rep rolled up,
// "D-1/mia/manager/ann". Errors wrap ErrInvalidCredit: a won deal with an
// empty or repeated id, no owner, an invalid currency, no close time or a
// negative amount; a split of an unknown or
// not won deal, an empty rep, a share outside (0, 1], a rep twice in one
// deal and role, primary shares of a deal that do not total exactly 1, a
// manager roll-up without a roster.
func CreditDeals(deals []activity.Deal, opts CreditingOptions) ([]Credit, error) {
	won := map[string]*activity.Deal{}
	for i := range deals {
		d := &deals[i]
		if d.Status != activity.StatusWon {
			continue
		}
		switch {
		case d.ID == "" || won[d.ID] != nil:
			return nil, fmt.Errorf("%w: won deal %d: empty or repeated id %q", ErrInvalidCredit, i, d.ID)
		case d.Owner == "":
			return nil, fmt.Errorf("%w: won deal %q has no owner", ErrInvalidCredit, d.ID)
		case d.Currency.Validate() != nil:
			return nil, fmt.Errorf("%w: won deal %q: %w", ErrInvalidCredit, d.ID, d.Currency.Validate())
		case d.CloseTime(opts.Location).IsZero():
			return nil, fmt.Errorf("%w: won deal %q has no close time", ErrInvalidCredit, d.ID)
		case d.Amount.IsNegative():
			return nil, fmt.Errorf("%w: won deal %q: negative amount %s", ErrInvalidCredit, d.ID, d.Amount)
		}
		won[d.ID] = d
	}
	one := decimal.NewFromInt(1)
	byDeal := map[string][]Split{}
	for i, s := range opts.Splits {
		switch {
		case won[s.Deal] == nil:
			return nil, fmt.Errorf("%w: split %d names %q, not a won deal", ErrInvalidCredit, i, s.Deal)
		case s.Rep == "":
			return nil, fmt.Errorf("%w: split %d of %q has no rep", ErrInvalidCredit, i, s.Deal)
		case !s.Share.IsPositive() || s.Share.GreaterThan(one):
			return nil, fmt.Errorf("%w: split %d of %q: share %s outside (0, 1]", ErrInvalidCredit, i, s.Deal, s.Share)
		}
		switch s.Role {
		case "", RolePrimary, RoleOverlay:
		default:
			return nil, fmt.Errorf("%w: split %d of %q: role %q (managers come from the roster)", ErrInvalidCredit, i, s.Deal, s.Role)
		}
		if s.Role == "" {
			s.Role = RolePrimary
		}
		for _, o := range byDeal[s.Deal] {
			if o.Rep == s.Rep && o.Role == s.Role {
				return nil, fmt.Errorf("%w: %s credited twice as %s on %q", ErrInvalidCredit, s.Rep, s.Role, s.Deal)
			}
		}
		byDeal[s.Deal] = append(byDeal[s.Deal], s)
	}
	share, roll := opts.ManagerShare.Get()
	if roll && (!share.IsPositive() || share.GreaterThan(one) || len(opts.Roster) == 0) {
		return nil, fmt.Errorf("%w: manager share %s outside (0, 1] or no roster", ErrInvalidCredit, share)
	}
	if c := opts.Conversion; c != nil {
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("%w: conversion: %w", ErrInvalidCredit, err)
		}
	}
	roster := map[string]*activity.Rep{}
	for i := range opts.Roster {
		roster[opts.Roster[i].ID] = &opts.Roster[i]
	}
	var out []Credit
	for i := range deals {
		d := &deals[i]
		if d.Status != activity.StatusWon {
			continue
		}
		splits := byDeal[d.ID]
		var primary, extra []Split
		for _, s := range splits {
			if s.Role == RolePrimary {
				primary = append(primary, s)
			} else {
				extra = append(extra, s)
			}
		}
		if len(primary) == 0 {
			primary = []Split{{Deal: d.ID, Rep: d.Owner, Share: one, Role: RolePrimary}}
		}
		total := decimal.Zero
		for _, s := range primary {
			total = total.Add(s.Share)
		}
		if !total.Equal(one) {
			return nil, fmt.Errorf("%w: the primary splits of %q total %s, not 1", ErrInvalidCredit, d.ID, total)
		}
		slices.SortFunc(primary, func(a, b Split) int { return cmp.Compare(a.Rep, b.Rep) })
		scale := d.Currency.MinorUnits()
		if -d.Amount.Exponent() > scale {
			scale = -d.Amount.Exponent()
		}
		deal := resolvedDeal(*d, opts.Location)
		amount, currency := d.Amount, d.Currency
		if c := opts.Conversion; c != nil && currency != c.To {
			cv, err := c.Convert(amount, currency, deal.ClosedAt, activity.Period{Start: deal.ClosedAt, End: deal.ClosedAt.Add(time.Nanosecond)})
			if err != nil {
				return nil, fmt.Errorf("deal %q: %w", d.ID, err)
			}
			amount, currency = cv, c.To
			scale = max(currency.MinorUnits(), -amount.Exponent())
		}
		amounts := largestRemainder(amount, primary, scale)
		mk := func(rep string, role Role, share, amount decimal.Decimal) Credit {
			return Credit{ID: d.ID + "/" + rep + "/" + string(role), Rep: rep, Amount: amount, Currency: currency, At: deal.ClosedAt, Deal: deal, Role: role, Share: share}
		}
		for j, s := range primary {
			out = append(out, mk(s.Rep, RolePrimary, s.Share, amounts[j]))
			if roll {
				r := roster[s.Rep]
				if r == nil {
					continue
				}
				a, ok := r.At(deal.ClosedAt)
				if !ok || a.Manager == "" {
					continue
				}
				c := mk(a.Manager, RoleManager, share, amounts[j].Mul(share).Round(scale))
				c.ID += "/" + s.Rep // one per rep rolled up
				out = append(out, c)
			}
		}
		slices.SortFunc(extra, func(a, b Split) int { return cmp.Compare(a.Rep, b.Rep) })
		for _, s := range extra {
			out = append(out, mk(s.Rep, s.Role, s.Share, amount.Mul(s.Share).Round(scale)))
		}
	}
	return out, nil
}

// largestRemainder splits amount by the splits' shares at scale decimal
// places: each part is floored, then the units left go one each to the
// parts with the largest remainders, ties to the earlier split.
func largestRemainder(amount decimal.Decimal, splits []Split, scale int32) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(splits))
	rem := make([]decimal.Decimal, len(splits))
	order := make([]int, len(splits))
	sum := decimal.Zero
	for i, s := range splits {
		exact := amount.Mul(s.Share)
		parts[i] = exact.RoundFloor(scale)
		rem[i] = exact.Sub(parts[i])
		sum = sum.Add(parts[i])
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b].Cmp(rem[a]) })
	unit := decimal.New(1, -scale)
	left := amount.Sub(sum).Shift(scale).IntPart()
	for k := 0; k < int(left) && k < len(order); k++ {
		parts[order[k]] = parts[order[k]].Add(unit)
	}
	return parts
}

// resolvedDeal returns d with a close day (and an expected close day) read
// as the instant it stands for in loc, so that credits and plan predicates
// see one close time.
func resolvedDeal(d activity.Deal, loc *time.Location) activity.Deal {
	d.ClosedAt, d.CloseDate = d.CloseTime(loc), activity.Date{}
	d.ExpectedCloseAt, d.ExpectedCloseDate = d.ExpectedCloseTime(loc), activity.Date{}
	return d
}
