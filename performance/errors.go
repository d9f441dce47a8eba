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
	// ErrNoLeads reports a lead KPI with no lead created in its period.
	ErrNoLeads = errors.New("performance: no leads")
	// ErrNoRecords reports a mean or median of a user-defined metric with
	// no record to average.
	ErrNoRecords = errors.New("performance: no records")
	// ErrInvalidOptions reports options out of range.
	ErrInvalidOptions = errors.New("performance: invalid options")
	// ErrInvalidEncoding reports bytes a tally's UnmarshalBinary cannot
	// read: another tally's, another format version's, cut short, or
	// holding a value no tally can have.
	ErrInvalidEncoding = errors.New("performance: invalid tally encoding")
	// ErrZeroDenominator reports a ratio whose denominator is zero: a cycle of
	// zero days, a quota of zero.
	ErrZeroDenominator = errors.New("performance: zero denominator")
)
