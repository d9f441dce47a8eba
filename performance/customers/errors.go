package customers

import (
	"errors"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Sentinel errors. Functions wrap them with what is missing or wrong, so test
// them with errors.Is. An invalid period wraps activity.ErrInvalidPeriod;
// bad records are reported as *activity.RecordError wrapping the sentinel.
var (
	// ErrInvalidOptions reports options out of range.
	ErrInvalidOptions = errors.New("customers: invalid options")
	// ErrMixedCurrencies reports amounts in more than one currency where no
	// conversion was given.
	ErrMixedCurrencies = errors.New("customers: amounts in more than one currency")
	// ErrZeroDenominator reports a ratio whose denominator is zero: an ARPA
	// of zero, a margin of zero.
	ErrZeroDenominator = errors.New("customers: zero denominator")
	// ErrInvalidResponse reports a survey response that cannot be counted:
	// no respondent, no time, a score outside 0–10 or not a whole number.
	ErrInvalidResponse = errors.New("customers: invalid survey response")
	// ErrNoResponses reports an NPS with no responses to count.
	ErrNoResponses = errors.New("customers: no survey responses")
	// ErrInvalidEncoding reports bytes a tally's UnmarshalBinary cannot
	// read: another tally's, another format version's, cut short, or
	// holding a value no tally can have.
	ErrInvalidEncoding = errors.New("customers: invalid tally encoding")
	// ErrInvalidSubscription reports a subscription that cannot be counted:
	// no account, an end before its start, a negative amount, an unknown
	// billing interval, a change outside the subscription.
	ErrInvalidSubscription = errors.New("customers: invalid subscription")
	// ErrOverlappingSubscriptions reports two subscriptions of one account
	// and product in force at the same time.
	ErrOverlappingSubscriptions = errors.New("customers: overlapping subscriptions")
	// ErrNoCustomers reports a customer KPI with no customers to divide by:
	// none at the period's start, an empty cohort.
	ErrNoCustomers = errors.New("customers: no customers")
	// ErrNoRevenue reports a revenue KPI whose starting recurring revenue is
	// zero.
	ErrNoRevenue = errors.New("customers: no recurring revenue")
	// ErrInvalidSpend reports a spend record that cannot be counted: no
	// date, an invalid currency, a negative amount. It is
	// activity.ErrInvalidSpend, the spend record's own.
	ErrInvalidSpend = activity.ErrInvalidSpend
	// ErrZeroChurn reports a lifetime value over a churn rate of zero, whose
	// lifetime has no end.
	ErrZeroChurn = errors.New("customers: zero churn")
	// ErrNoLifetimes reports a survival curve with no lifetimes to follow.
	ErrNoLifetimes = errors.New("customers: no lifetimes")
	// ErrInvalidLifetime reports a lifetime that is negative, NaN or
	// infinite.
	ErrInvalidLifetime = errors.New("customers: invalid lifetime")
)
