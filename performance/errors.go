package performance

import "errors"

// Sentinel errors. Functions wrap them with what is missing or wrong, so test
// them with errors.Is. An invalid period wraps activity.ErrInvalidPeriod.
var (
	// ErrNoClosedDeals reports a KPI over closed deals with none to count.
	ErrNoClosedDeals = errors.New("performance: no closed deals")
	// ErrNoWonDeals reports a KPI over won deals with none to count.
	ErrNoWonDeals = errors.New("performance: no won deals")
	// ErrNoDeals reports a KPI with no deals to count at all.
	ErrNoDeals = errors.New("performance: no deals")
	// ErrMixedCurrencies reports amounts in more than one currency where no
	// conversion was given.
	ErrMixedCurrencies = errors.New("performance: amounts in more than one currency")
	// ErrNoRecords reports a mean or median of a user-defined metric with
	// no record to average.
	ErrNoRecords = errors.New("performance: no records")
	// ErrInvalidOptions reports options out of range.
	ErrInvalidOptions = errors.New("performance: invalid options")
	// ErrZeroDenominator reports a ratio whose denominator is zero: a cycle of
	// zero days, a quota of zero.
	ErrZeroDenominator = errors.New("performance: zero denominator")
	// ErrInvalidResponse reports a survey response that cannot be counted:
	// no respondent, no time, a score outside 0–10 or not a whole number.
	ErrInvalidResponse = errors.New("performance: invalid survey response")
	// ErrNoResponses reports an NPS with no responses to count.
	ErrNoResponses = errors.New("performance: no survey responses")
	// ErrInvalidSubscription reports a subscription that cannot be counted:
	// no account, an end before its start, a negative amount, an unknown
	// billing interval, a change outside the subscription.
	ErrInvalidSubscription = errors.New("performance: invalid subscription")
	// ErrOverlappingSubscriptions reports two subscriptions of one account
	// and product in force at the same time.
	ErrOverlappingSubscriptions = errors.New("performance: overlapping subscriptions")
	// ErrNoCustomers reports a customer KPI with no customers to divide by:
	// none at the period's start, an empty cohort.
	ErrNoCustomers = errors.New("performance: no customers")
	// ErrNoRevenue reports a revenue KPI whose starting recurring revenue is
	// zero.
	ErrNoRevenue = errors.New("performance: no recurring revenue")
	// ErrInvalidSpend reports a spend record that cannot be counted: no
	// date, an invalid currency, a negative amount.
	ErrInvalidSpend = errors.New("performance: invalid spend")
	// ErrZeroChurn reports a lifetime value over a churn rate of zero, whose
	// lifetime has no end.
	ErrZeroChurn = errors.New("performance: zero churn")
	// ErrNoLifetimes reports a survival curve with no lifetimes to follow.
	ErrNoLifetimes = errors.New("performance: no lifetimes")
	// ErrInvalidLifetime reports a lifetime that is negative, NaN or
	// infinite.
	ErrInvalidLifetime = errors.New("performance: invalid lifetime")
)
