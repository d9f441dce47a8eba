package people

import "errors"

// Sentinel errors. Functions wrap them with what is missing or wrong, so test
// them with errors.Is. An invalid period wraps activity.ErrInvalidPeriod;
// errors of the deal KPIs a people KPI runs (performance.BookingsBy) pass
// through with their own sentinels.
var (
	// ErrInvalidOptions reports options out of range.
	ErrInvalidOptions = errors.New("people: invalid options")
	// ErrNoDeals reports a KPI with no deals or reps to count.
	ErrNoDeals = errors.New("people: no deals")
	// ErrMixedCurrencies reports amounts in more than one currency where no
	// conversion was given.
	ErrMixedCurrencies = errors.New("people: amounts in more than one currency")
	// ErrZeroDenominator reports a ratio whose denominator is zero: a target
	// of zero, a leader's score of zero.
	ErrZeroDenominator = errors.New("people: zero denominator")
)
