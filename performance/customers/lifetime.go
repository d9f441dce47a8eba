package customers

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// CustomerLifetimes returns the lifetimes of the accounts of ss as seen at
// asOf, in elapsed days (86,400 s), ready for a survival curve: an account's
// life runs from its first moment of revenue to the first moment its MRR
// falls to zero (ended), or, if it has revenue at asOf, to asOf (censored:
// still alive, lifetime unknown). A later return does not extend the first
// life. Accounts whose first revenue is at or after asOf are left out. A
// zero asOf is an error wrapping ErrInvalidOptions.
func CustomerLifetimes(ss *Subscriptions, asOf time.Time) (*SurvivalTally, error) {
	if ss == nil {
		return nil, fmt.Errorf("%w: nil subscriptions", ErrInvalidOptions)
	}
	if asOf.IsZero() {
		return nil, fmt.Errorf("%w: lifetimes need an as-of time", ErrInvalidOptions)
	}
	at := ixcols.Nanos(asOf)
	t := new(SurvivalTally)
	for a := range ss.accounts {
		first := ss.first[a]
		if first >= at {
			continue
		}
		end, ended := at, false
		for x := int(ss.evStart[a]); x < int(ss.evStart[a+1]); x++ {
			if tx := ss.evTime[x]; tx > first && tx <= at && ss.evLevel[x] == 0 {
				end, ended = tx, true
				break
			}
		}
		if err := t.Add(float64(end-first)/86_400e9, ended); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// CustomerSurvival returns the Kaplan–Meier survival curve of the customer
// lifetimes of ss at asOf (see CustomerLifetimes and SurvivalTally.Result):
// the share of customers still paying d days after they started, with
// confidence intervals and the median lifetime. No customer before asOf is
// an error wrapping ErrNoLifetimes.
func CustomerSurvival(ss *Subscriptions, asOf time.Time, opts SurvivalOptions) (Survival, error) {
	if err := opts.Validate(); err != nil {
		return Survival{}, err
	}
	t, err := CustomerLifetimes(ss, asOf)
	if err != nil {
		return Survival{}, err
	}
	return t.Result(opts)
}
