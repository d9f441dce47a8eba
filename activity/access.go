package activity

import (
	"time"

	"github.com/shopspring/decimal"
)

// The dictionaries of an index: every distinct string of a field, each with
// its Key. They are read-only; keys count from 0 in the order the build met
// each string (stages: the funnel's first, in order). Under
// IndexOptions.SkipInvalid they may also hold strings only records left out
// had: a dictionary says what a key means, not that a kept record has it.

// Reps returns the dictionary of rep ids: roster ids, deal owners and
// activity reps.
func (ix *Index) Reps() *Dict { return &ix.reps }

// Teams returns the dictionary of team names.
func (ix *Index) Teams() *Dict { return &ix.teams }

// Territories returns the dictionary of deal territories.
func (ix *Index) Territories() *Dict { return &ix.territories }

// Accounts returns the dictionary of account ids of deals and activities.
func (ix *Index) Accounts() *Dict { return &ix.accounts }

// Sources returns the dictionary of deal sources.
func (ix *Index) Sources() *Dict { return &ix.sources }

// Segments returns the dictionary of deal segments.
func (ix *Index) Segments() *Dict { return &ix.segments }

// Stages returns the dictionary of stages, the funnel's first, in order.
func (ix *Index) Stages() *Dict { return &ix.stages }

// Kinds returns the dictionary of activity kinds.
func (ix *Index) Kinds() *Dict { return &ix.kinds }

// Outcomes returns the dictionary of activity outcomes.
func (ix *Index) Outcomes() *Dict { return &ix.outcomes }

// Currencies returns the dictionary of deal currencies.
func (ix *Index) Currencies() *Dict { return &ix.currencies }

// Currency returns the currency of every deal the index holds, and true,
// when they all have one; "" and false when they have several or there is
// no deal. (The dictionaries may also name values of records left out
// under IndexOptions.SkipInvalid: ask this, not Currencies, whether the
// book is in one currency.)
func (ix *Index) Currency() (Currency, bool) {
	if ix.soleCurrency == NoKey {
		return "", false
	}
	return Currency(ix.currencies.Name(ix.soleCurrency)), true
}

// LossReasons returns the dictionary of loss reasons.
func (ix *Index) LossReasons() *Dict { return &ix.lossReasons }

// Column values by row. Deal rows count from 0 to NumDeals() − 1 in input
// order of the valid deals, activity rows likewise; an out-of-range row
// panics, as a slice index does. They cost a slice read each, for
// predicates (View.DealsWhere) that run once a row; Deal and Activity
// return a whole record.

// NumDeals returns the number of deals held.
func (ix *Index) NumDeals() int { return ix.cols.Deals.ID.Len() }

// NumActivities returns the number of activities held.
func (ix *Index) NumActivities() int { return ix.cols.Activities.ID.Len() }

// NumStageChanges returns the number of stage changes held.
func (ix *Index) NumStageChanges() int {
	if ix.upd.ready {
		return ix.upd.changes // some rows may be left from before an update
	}
	return len(ix.cols.StageChanges.At)
}

// DealID returns the id of deal row i.
func (ix *Index) DealID(i int) string { return ix.cols.Deals.ID.At(i) }

// DealOwner returns the key of the owner of deal row i (Reps), NoKey for
// none.
func (ix *Index) DealOwner(i int) Key { return ix.cols.Deals.Owner[i] }

// DealTeam returns the key of the team of deal row i under the index's
// team rule (Teams), NoKey for none.
func (ix *Index) DealTeam(i int) Key { return ix.cols.Deals.Team[i] }

// DealStage returns the key of the stage of deal row i (Stages).
func (ix *Index) DealStage(i int) Key { return ix.cols.Deals.Stage[i] }

// DealStatus returns the status of deal row i.
func (ix *Index) DealStatus(i int) Status { return ix.cols.Deals.Status[i] }

// DealAmount returns the amount of deal row i, in DealCurrency.
func (ix *Index) DealAmount(i int) decimal.Decimal {
	v, _ := ix.cols.Deals.Amount.At(i)
	return v
}

// DealCurrency returns the currency of deal row i.
func (ix *Index) DealCurrency(i int) Currency {
	return Currency(ix.currencies.Name(ix.cols.Deals.Currency[i]))
}

// DealCreated returns when deal row i was created.
func (ix *Index) DealCreated(i int) time.Time { return fromNanos(ix.cols.Deals.Created[i]) }

// DealClosed returns when deal row i closed, the zero time for an open deal.
func (ix *Index) DealClosed(i int) time.Time { return fromNanos(ix.cols.Deals.Closed[i]) }

// DealAttribute returns the host attribute name of deal row i, "" when the
// deal has none.
func (ix *Index) DealAttribute(i int, name string) string {
	return ix.cols.Deals.Attributes[i][name]
}

// ActivityRep returns the key of the rep of activity row i (Reps).
func (ix *Index) ActivityRep(i int) Key { return ix.cols.Activities.Rep[i] }

// ActivityKind returns the key of the kind of activity row i (Kinds).
func (ix *Index) ActivityKind(i int) Key { return ix.cols.Activities.Kind[i] }

// ActivityAt returns when activity row i was done.
func (ix *Index) ActivityAt(i int) time.Time { return fromNanos(ix.cols.Activities.At[i]) }

// ActivityDeal returns the deal row activity row i is tied to, and whether
// it is tied to one.
func (ix *Index) ActivityDeal(i int) (int, bool) {
	r := ix.cols.Activities.Deal[i]
	return int(r), r >= 0
}

// Activity returns activity row i as a record again, for explanation and
// export. It allocates; KPIs read the columns.
func (ix *Index) Activity(i int) Activity {
	c := &ix.cols.Activities
	a := Activity{
		ID:       c.ID.At(i),
		Rep:      ix.reps.Name(c.Rep[i]),
		Team:     ix.teams.Name(c.Team[i]),
		Kind:     Kind(ix.kinds.Name(c.Kind[i])),
		Outcome:  Outcome(ix.outcomes.Name(c.Outcome[i])),
		Account:  ix.accounts.Name(c.Account.At(i)),
		At:       fromNanos(c.At[i]),
		Duration: time.Duration(c.Duration.At(i)),
	}
	if d := c.Deal[i]; d >= 0 {
		a.Deal = ix.cols.Deals.ID.At(int(d))
	}
	if l := c.Lead.At(i); l >= 0 {
		a.Lead = ix.leads[l].ID
	}
	return a
}
