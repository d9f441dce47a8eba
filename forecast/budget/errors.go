package budget

import "errors"

// Sentinel errors. Functions wrap them with what is missing or wrong, so
// test them with errors.Is.
var (
	// ErrInvalidEntry reports a budget or spending entry that cannot be
	// counted: an invalid period or currency, no category, a negative
	// amount.
	ErrInvalidEntry = errors.New("budget: invalid entry")
	// ErrMixedCurrencies reports entries, or a plan's inputs, in more than
	// one currency.
	ErrMixedCurrencies = errors.New("budget: amounts in more than one currency")
	// ErrInvalidOptions reports options or plan inputs out of range.
	ErrInvalidOptions = errors.New("budget: invalid options")
)
