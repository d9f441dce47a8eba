package compensation

import "errors"

// Sentinel errors. Functions wrap them with the part at fault (the plan's
// component, tier or field), so test them with errors.Is.
var (
	// ErrInvalidPlan reports a plan that cannot be run: tiers out of order,
	// overlapping or with gaps, negative rates, a cap below a floor, a
	// component without what its kind needs, an unknown kind or mode.
	ErrInvalidPlan = errors.New("compensation: invalid plan")
	// ErrInvalidCredit reports a credit that cannot be rated: no rep, no
	// time, an invalid currency.
	ErrInvalidCredit = errors.New("compensation: invalid credit")
	// ErrNoQuota reports an attainment-based rule for a rep and period
	// without a quota (or with a quota of zero).
	ErrNoQuota = errors.New("compensation: no quota")
	// ErrMixedCurrencies reports credits or quotas in another currency than
	// the plan's.
	ErrMixedCurrencies = errors.New("compensation: amounts in another currency than the plan's")
	// ErrInvalidOptions reports arguments out of range: an invalid period,
	// an empty rep.
	ErrInvalidOptions = errors.New("compensation: invalid options")
)
