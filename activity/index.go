package activity

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/columns"
)

// TeamRule says which team a deal counts for.
type TeamRule uint8

// Team rules.
const (
	// TeamByRoster (the default) takes the owner's team from the roster on
	// the close date, or for an open deal at IndexOptions.AsOf; where the
	// roster has no assignment then (or no roster was given), the deal's own
	// Team field.
	TeamByRoster TeamRule = iota
	// TeamFromDeal takes the deal's own Team field.
	TeamFromDeal
)

// String returns "by_roster" or "from_deal".
func (r TeamRule) String() string {
	switch r {
	case TeamByRoster:
		return "by_roster"
	case TeamFromDeal:
		return "from_deal"
	}
	return fmt.Sprintf("TeamRule(%d)", uint8(r))
}

// TerritoryRule says which territory a deal counts in.
type TerritoryRule uint8

// Territory rules.
const (
	// TerritoryFromDeal (the default) takes the deal's own Territory field.
	TerritoryFromDeal TerritoryRule = iota
	// TerritoryByAccount takes the territory of the deal's account (the
	// Account record with the deal's Account as its id; Account.TerritoryAt)
	// on the close date, or for an open deal at IndexOptions.AsOf (zero:
	// its creation); where the index has no such account, or the account
	// no territory then, the deal's own field.
	TerritoryByAccount
)

// String returns "from_deal" or "by_account".
func (r TerritoryRule) String() string {
	switch r {
	case TerritoryFromDeal:
		return "from_deal"
	case TerritoryByAccount:
		return "by_account"
	}
	return fmt.Sprintf("TerritoryRule(%d)", uint8(r))
}

// IndexOptions configures how an index is built. The zero value accepts any
// stage name, takes teams by the roster and territories from the deals, and
// refuses to build from invalid records.
type IndexOptions struct {
	// Funnel orders the stages and says which are won and lost. With a
	// funnel, a stage it does not know is an error and a deal's status must
	// agree with its stage (won in a won stage, lost in a lost stage, open in
	// neither). The zero Funnel accepts any stage, ordered as first met.
	Funnel Funnel
	// Team is the rule that gives each deal its team. Default TeamByRoster.
	Team TeamRule
	// Territory is the rule that gives each deal its territory when its
	// account's and its own differ. Default TerritoryFromDeal.
	Territory TerritoryRule
	// AsOf is the time an open deal's team is looked up in the roster under
	// TeamByRoster. Zero: the deal's creation time.
	AsOf time.Time
	// Location is the zone a deal's close day (Deal.CloseDate,
	// ExpectedCloseDate) is read in: the day stands for its last instant
	// there. Give your calendar's zone, so that a deal closed on the last
	// day of a period counts in that period. Nil: UTC.
	Location *time.Location
	// SkipInvalid leaves invalid records out instead of failing: the index
	// is built from the valid ones and Index.Skipped lists the problems. An
	// activity or stage change of a skipped deal is then skipped too, as an
	// unknown deal.
	SkipInvalid bool
}

// Validate reports an invalid funnel, team rule or territory rule.
func (o IndexOptions) Validate() error {
	if err := o.Funnel.Validate(); err != nil {
		return err
	}
	if o.Team > TeamFromDeal {
		return fmt.Errorf("%w: team rule %v", ErrInvalidOptions, o.Team)
	}
	if o.Territory > TerritoryByAccount {
		return fmt.Errorf("%w: territory rule %v", ErrInvalidOptions, o.Territory)
	}
	return nil
}

// Index holds validated records column by column, with strings interned to
// keys, amounts as exact int64 units and every link resolved, so that KPIs
// run over it in one pass without hashing. It is safe for concurrent use
// while no Update runs.
//
// Build it with NewIndex or NewIndexFrom, keep it current with Update (a
// day's records in time that grows with them, not with the index); select
// from it with views (All, then Rep, Team, Territory, DealsWhere ...).
type Index struct {
	opts IndexOptions

	// Dictionaries of the interned strings; see the accessors of the same
	// names.
	reps        Dict // roster ids, deal owners and activity reps
	teams       Dict
	territories Dict
	accounts    Dict
	sources     Dict
	segments    Dict
	stages      Dict // the funnel's stages first, in order
	kinds       Dict
	outcomes    Dict
	currencies  Dict
	lossReasons Dict

	cols store

	stageWon, stageLost []bool // by stage key
	roster              []Rep  // by rep key; zero Rep where the roster had none
	inRoster            []bool // by rep key
	quotas              []Quota
	leads               []Lead           // valid leads, in input order
	leadRow             map[string]int32 // lead id → position in leads
	accountRecs         []Account        // valid account records, in input order
	accountRow          map[string]int32 // account id → position in accountRecs
	dealRow             dealRows
	soleCurrency        Key // the currency of every deal held, or NoKey
	allDeals, allActs   []int32
	allLeads            []int32
	skipped             []error

	upd updateState // what Update needs (update.go)
}

// NewIndex builds an index from the records in r, as NewIndexFrom does from
// streams; see there for the checks made and the errors returned. On a
// second goroutine it marks the activities' ids for repeats while it adds
// the deals, then looks up the activities' deals while it adds the
// activities before them (on two cores, the records being in memory, it
// has one to spare), and returns only once those goroutines have ended; r
// must not change meanwhile.
func NewIndex(r Records, opts IndexOptions) (*Index, error) {
	// The deals' ids' bytes, counted, size their column once (ids longer
	// than the builder's guess of 8 bytes would grow it as they come).
	dealIDBytes := 0
	for i := range r.Deals {
		dealIDBytes += len(r.Deals[i].ID)
	}
	b, err := newBuilder(opts, Sizes{Deals: len(r.Deals), StageChanges: len(r.StageChanges),
		Accounts: len(r.Accounts), Leads: len(r.Leads), Activities: len(r.Activities)}, dealIDBytes, 0)
	if err != nil {
		return nil, err
	}
	// The activities' ids are counted (for their column's size) and marked
	// for repeats (see duplicateActivities) on a second core while the
	// deals are added: they are all at hand.
	var marks chan *idMarks
	actIDBytes := make(chan int, 1)
	if len(r.Activities) > 0 {
		marks = make(chan *idMarks, 1)
		go func() {
			n := 0
			for i := range r.Activities {
				n += len(r.Activities[i].ID)
			}
			actIDBytes <- n
			m := newIDMarks(len(r.Activities))
			for i := range r.Activities {
				m.markString(r.Activities[i].ID)
			}
			marks <- m
		}()
	}
	// The records are read in place (never modified), saving a copy of each.
	for i := range r.Reps {
		b.rep(&r.Reps[i])
	}
	b.endReps()
	for ds := range slices.Chunk(r.Deals, dealBatch) {
		b.deals(ds)
	}
	b.endDeals()
	for i := range r.StageChanges {
		b.change(&r.StageChanges[i])
	}
	b.history()
	for i := range r.Accounts {
		b.account(&r.Accounts[i])
	}
	b.endAccounts()
	for i := range r.Leads {
		b.lead(&r.Leads[i])
	}
	b.endLeads()
	if len(r.Activities) > 0 {
		b.ix.cols.Activities.ID.Grow(0, <-actIDBytes)
		p := newActPipe(b, 0, true) // the ids are being marked already
		for acts := range slices.Chunk(r.Activities, activityBatch) {
			p.addSlice(acts)
		}
		p.close()
		b.actIDs = <-marks
	}
	for i := range r.Quotas {
		b.quota(&r.Quotas[i])
	}
	return b.done()
}

// Streams supplies records one at a time, for hosts that read them from a
// database or file as they go. A nil stream is empty. NewIndexFrom ranges
// over each stream once, in the order of the fields, and keeps no record, so
// a stream may reuse what it yields once the next is asked for.
type Streams struct {
	Reps         iter.Seq[Rep]
	Deals        iter.Seq[Deal]
	StageChanges iter.Seq[StageChange]
	Accounts     iter.Seq[Account]
	Leads        iter.Seq[Lead]
	Activities   iter.Seq[Activity]
	Quotas       iter.Seq[Quota]

	// Sizes, where the host knows them (a file's line count, a table's row
	// count), are how many records the streams will yield. A guess is fine:
	// the index sizes its columns once from it instead of growing them as
	// it reads, which at 10^6 deals saves a tenth of the build. Zero is
	// unknown; a negative size is an error (ErrInvalidOptions), and one above
	// MaxSizeHint is taken as MaxSizeHint.
	Sizes Sizes
}

// Sizes are expected numbers of records, a hint for NewIndexFrom: with the
// number of activities it also marks their ids for repeats as they come,
// rather than in a pass at the end.
type Sizes struct {
	Deals, StageChanges, Accounts, Leads, Activities int
}

// MaxSizeHint is the most records of a kind NewIndexFrom makes room for
// ahead of reading them; beyond it the columns grow as records arrive.
const MaxSizeHint = 1 << 25

// validate checks the sizes and returns them capped at MaxSizeHint.
func (z Sizes) validate() (Sizes, error) {
	for _, n := range [...]struct {
		name string
		n    *int
	}{{"deals", &z.Deals}, {"stage changes", &z.StageChanges}, {"accounts", &z.Accounts}, {"leads", &z.Leads}, {"activities", &z.Activities}} {
		if *n.n < 0 {
			return z, fmt.Errorf("%w: %d %s expected", ErrInvalidOptions, *n.n, n.name)
		}
		*n.n = min(*n.n, MaxSizeHint)
	}
	return z, nil
}

// Options returns the options the index was built with.
func (ix *Index) Options() IndexOptions { return ix.opts }

// Skipped returns the problems of the records left out under
// IndexOptions.SkipInvalid, each a *RecordError, in input order by kind of
// record (reps, deals, stage changes, accounts, leads, activities, quotas).
func (ix *Index) Skipped() []error { return ix.skipped }

// DealRow returns the row of the deal with the given id.
func (ix *Index) DealRow(id string) (int, bool) {
	r, ok := ix.dealRow.get(id)
	return int(r), ok
}

// Deal returns row i as a record again, for explanation and export, with
// its team as the index resolved it and a close day as the instant it
// stands for (ClosedAt, ExpectedCloseAt; CloseDate and ExpectedCloseDate
// empty). It allocates; KPIs read the columns.
func (ix *Index) Deal(i int) Deal {
	c := &ix.cols.Deals
	d := Deal{
		ID:               c.ID.At(i),
		Owner:            ix.reps.Name(c.Owner[i]),
		Team:             ix.teams.Name(c.Team[i]),
		Territory:        ix.territories.Name(c.Territory[i]),
		Account:          ix.accounts.Name(c.Account[i]),
		Source:           Source(ix.sources.Name(c.Source[i])),
		Segment:          ix.segments.Name(c.Segment[i]),
		Currency:         Currency(ix.currencies.Name(c.Currency[i])),
		Stage:            Stage(ix.stages.Name(c.Stage[i])),
		Status:           c.Status[i],
		ForecastCategory: c.ForecastCategory[i],
		LossReason:       ix.lossReasons.Name(c.LossReason[i]),
		CreatedAt:        fromNanos(c.Created[i]),
		ExpectedCloseAt:  fromNanos(c.ExpectedClose[i]),
		ClosedAt:         fromNanos(c.Closed[i]),
		Attributes:       c.Attributes[i],
	}
	d.Amount, _ = c.Amount.At(i)
	d.ACV = optionalAt(&c.ACV, i)
	d.TCV = optionalAt(&c.TCV, i)
	d.Cost = optionalAt(&c.Cost, i)
	d.Probability = optionalAt(&c.Probability, i)
	if m := c.TermMonths[i]; m != 0 {
		d.TermMonths = Some(int(m))
	}
	return d
}

func optionalAt(d *columns.Decimals, i int) Optional[decimal.Decimal] {
	v, ok := d.At(i)
	return Optional[decimal.Decimal]{Value: v, Valid: ok}
}

func fromNanos(n int64) time.Time { return columns.Time(n) }

func toNanos(t time.Time) int64 { return columns.Nanos(t) }

// StageWon reports whether the stage with key k is a won stage of the
// funnel (false without a funnel).
func (ix *Index) StageWon(k Key) bool { return k >= 0 && int(k) < len(ix.stageWon) && ix.stageWon[k] }

// StageLost reports whether the stage with key k is a lost stage of the
// funnel (false without a funnel).
func (ix *Index) StageLost(k Key) bool {
	return k >= 0 && int(k) < len(ix.stageLost) && ix.stageLost[k]
}

// Funnel returns the funnel the index was built with.
func (ix *Index) Funnel() Funnel { return ix.opts.Funnel }

// Rep returns the roster record of the rep with key k, if the roster had it.
func (ix *Index) Rep(k Key) (Rep, bool) {
	if k < 0 || int(k) >= len(ix.inRoster) || !ix.inRoster[k] {
		return Rep{}, false
	}
	return ix.roster[k], true
}

// TeamAt returns the key of the team the rep with key k was assigned to at
// t, from the roster, and whether the roster says.
func (ix *Index) TeamAt(k Key, t time.Time) (Key, bool) {
	r, ok := ix.Rep(k)
	if !ok {
		return NoKey, false
	}
	a, ok := r.At(t)
	if !ok || a.Team == "" {
		return NoKey, false
	}
	team, ok := ix.teams.Key(a.Team)
	return team, ok
}

// Quotas returns the quotas in input order. The slice is shared: do not
// modify it.
func (ix *Index) Quotas() []Quota { return ix.quotas }

// Leads returns the leads held, in input order (an updated lead keeps its
// place; a new one comes last). The slice is shared: do not modify it.
func (ix *Index) Leads() []Lead { return ix.leads }

// AccountRecords returns the account records held, in input order (an
// updated one keeps its place; a new one comes last). The slice is shared:
// do not modify it.
func (ix *Index) AccountRecords() []Account { return ix.accountRecs }

// AccountRow returns the position in AccountRecords of the account with
// the given id.
func (ix *Index) AccountRow(id string) (int, bool) {
	r, ok := ix.accountRow[id]
	return int(r), ok
}

// LeadTeam returns the team of the lead at position i of Leads: its own
// Team, else its owner's team in the roster when it was created ("" when
// neither says).
func (ix *Index) LeadTeam(i int) string {
	l := &ix.leads[i]
	if l.Team != "" || l.Owner == "" {
		return l.Team
	}
	k, ok := ix.reps.Key(l.Owner)
	if !ok {
		return ""
	}
	return ix.teams.Name(teamAt(ix.upd.assign, k, toNanos(l.CreatedAt)))
}

// LeadRow returns the position in Leads of the lead with the given id.
func (ix *Index) LeadRow(id string) (int, bool) {
	r, ok := ix.leadRow[id]
	return int(r), ok
}
