package activity

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
	"time"

	"github.com/salesmetrics/salesmetrics/internal/columns"
)

// NewIndexFrom builds an index from streams of records, ranging over each
// once in the order reps, deals, stage changes, accounts, leads, activities,
// quotas.
//
// Every record is validated on its own (its Validate method) and against the
// others: a duplicate id (reps; for deals, leads and activities every copy
// is reported and left out, and a deal's stage changes and activities with
// it); a stage the funnel does not know or a status that disagrees with the
// stage; with a roster, a deal owner, activity rep, lead owner or quota rep
// missing from it; a stage change, activity or converted lead for an
// unknown or invalid deal; an activity for an unknown or invalid lead; a
// stage change before its deal was created or after it closed; a stage
// change whose from-stage is not where the deal's previous change (in time
// order) left it. Every problem is reported, as a *RecordError, and the
// errors are joined with errors.Join: use errors.Is for the sentinel and
// errors.As for the record. With
// IndexOptions.SkipInvalid the invalid records are left out instead and the
// problems listed by Index.Skipped.
//
// The index keeps no record: it copies fields into columns, sharing only the
// deal ids and each deal's Attributes map with the caller. Activity ids it
// packs into a column of its own and the other names (reps, teams,
// accounts, stages, ...) it interns as copies, so a name cut from a larger
// string, such as a CSV row, does not keep that string alive; a reader
// handing out deal ids cut from rows should copy them (strings.Clone), as
// activity/crm does.
func NewIndexFrom(s Streams, opts IndexOptions) (*Index, error) {
	z, err := s.Sizes.validate()
	if err != nil {
		return nil, err
	}
	b, err := newBuilder(opts, z, 0, 0)
	if err != nil {
		return nil, err
	}
	if s.Reps != nil {
		for r := range s.Reps {
			b.rep(&r)
		}
	}
	b.endReps()
	if s.Deals != nil {
		batch := make([]Deal, 0, dealBatch)
		for d := range s.Deals {
			if batch = append(batch, d); len(batch) == dealBatch {
				b.deals(batch)
				batch = batch[:0]
			}
		}
		b.deals(batch)
	}
	b.endDeals()
	if s.StageChanges != nil {
		for c := range s.StageChanges {
			b.change(&c)
		}
	}
	b.history()
	if s.Accounts != nil {
		for a := range s.Accounts {
			b.account(&a)
		}
	}
	b.endAccounts()
	if s.Leads != nil {
		for l := range s.Leads {
			b.lead(&l)
		}
	}
	b.endLeads()
	if s.Activities != nil {
		p := newActPipe(b, z.Activities, false)
		for a := range s.Activities {
			p.add(a)
		}
		p.close()
	}
	if s.Quotas != nil {
		for q := range s.Quotas {
			b.quota(&q)
		}
	}
	return b.done()
}

// newBuilder returns a builder with room for the given numbers of records,
// and for ids of dealIDBytes and actIDBytes bytes in all (0 when not
// known).
func newBuilder(opts IndexOptions, z Sizes, dealIDBytes, actIDBytes int) (*builder, error) {
	deals, changes, acts := z.Deals, z.StageChanges, z.Activities
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	b := &builder{ix: &Index{opts: opts}, dealRow: newDealRows(deals)}
	b.ix.upd.actTeam = columns.Sparse[Key]{None: NoKey}
	b.funnel()
	b.ix.cols.Deals.Grow(deals, dealIDBytes)
	b.ix.cols.Activities.Grow(acts, actIDBytes)
	b.dealOwnTeam = make([]Key, 0, deals)
	b.changes = make([]pendingChange, 0, changes)
	b.dealInput = make([]int32, 0, deals)
	b.leadIDs, b.acctIDs = heldIDs{row: &b.ix.leadRow}, heldIDs{row: &b.ix.accountRow}
	if z.Leads > 0 {
		b.ix.leads, b.leadIDs.input = make([]Lead, 0, z.Leads), make([]int, 0, z.Leads)
		b.ix.leadRow = make(map[string]int32, z.Leads)
	}
	if z.Accounts > 0 {
		b.ix.accountRecs, b.acctIDs.input = make([]Account, 0, z.Accounts), make([]int, 0, z.Accounts)
		b.ix.accountRow = make(map[string]int32, z.Accounts)
	}
	return b, nil
}

// done finishes the index, or returns the problems found.
func (b *builder) done() (*Index, error) {
	b.finish()
	if len(b.errs) > 0 && !b.ix.opts.SkipInvalid {
		return nil, errors.Join(b.errs...)
	}
	b.ix.skipped = b.errs
	b.ix.dealRow = b.dealRow
	s := &b.ix.upd
	s.hasRoster, s.quotasOf, s.quotaInput = b.hasRoster, b.quotasOf, b.quotaIndex
	return b.ix, nil
}

type builder struct {
	reported
	ix      *Index
	nFunnel int // stages the funnel defines; keys below this are funnel stages

	nReps, nDeals, nChanges, nActs, nQuotas, nLeads, nAccounts int // records seen, valid or not

	// The roster's assignments by rep key are the index's (ix.upd.assign),
	// which Update reads too.
	hasRoster bool
	repCopies map[string]int // copies of each rep id given, valid or not
	repFirst  map[string]int // input position of each rep id's first copy

	dealRow      dealRows
	invalidDeals map[string]int  // input position of each invalid deal id's first copy
	dupDeals     map[string]bool // deal ids given more than once
	dealInput    []int32         // input position of each kept deal
	dealOwnTeam  []Key
	actInput     []int32          // input position of each kept activity, nil while each is its row
	batchIDs     map[string]int32 // the ids of the deal batch so far, at their input positions
	lastDeal     string           // the last deal id resolved, and its row
	lastDealRow  int32
	changes      []pendingChange
	quotaIndex   []int   // input position of each kept quota
	leadIDs      heldIDs // the leads' ids (their lookup is the index's leadRow)
	acctIDs      heldIDs // the account records' ids (the index's accountRow)
	quotasOf     map[quotaKey][]int
	actIDs       *idMarks // the activities' ids, marked by the pipe
}

type quotaKey struct{ rep, team, metric string }

type assignment struct {
	from, until int64 // until: noTime when open-ended
	team        Key
}

type pendingChange struct {
	index    int
	deal     int32
	from, to Key
	at       int64
}

// reported collects the problems of records as they are found.
type reported struct{ errs []error }

// report adds p's problems, reporting whether there were none.
func (r *reported) report(p *problems) bool {
	if len(p.errs) == 0 {
		return true
	}
	r.errs = append(r.errs, p.errs...)
	return false
}

// sortErrors puts the problems in the order they are reported in: by kind
// of record as NewIndexFrom reads them, then by position.
func (r *reported) sortErrors() {
	slices.SortStableFunc(r.errs, func(x, y error) int {
		a, c := x.(*RecordError), y.(*RecordError)
		return cmp.Or(cmp.Compare(recordOrder(a.Record), recordOrder(c.Record)), cmp.Compare(a.Index, c.Index))
	})
}

func (b *builder) funnel() {
	ix := b.ix
	for _, s := range ix.opts.Funnel.Stages {
		k := ix.stages.intern(string(s.Stage))
		ix.stageWon = append(ix.stageWon, s.Won)
		ix.stageLost = append(ix.stageLost, s.Lost)
		_ = k
	}
	b.nFunnel = len(ix.opts.Funnel.Stages)
}

// stage returns the key of s, reporting a stage the funnel does not know.
func (b *builder) stage(p *problems, field string, s Stage) Key {
	if b.nFunnel == 0 {
		return b.ix.stages.intern(string(s))
	}
	k, ok := b.ix.stages.Key(string(s))
	if !ok {
		p.add(field, fmt.Errorf("%w: %q", ErrUnknownStage, s))
		return NoKey
	}
	return k
}

func (b *builder) rep(r *Rep) {
	ix := b.ix
	p := problems{record: "rep", index: b.nReps, id: r.ID}
	b.nReps++
	r.check(&p)
	if r.ID != "" {
		if b.repCopies == nil {
			b.repCopies, b.repFirst = make(map[string]int), make(map[string]int)
		}
		b.repCopies[r.ID]++
		if b.repCopies[r.ID] > 1 {
			p.add("id", fmt.Errorf("%w: rep %q", ErrDuplicateID, r.ID))
		} else {
			b.repFirst[r.ID] = p.index
		}
	}
	b.hasRoster = true
	if !b.report(&p) {
		return
	}
	k := ix.reps.intern(r.ID)
	ix.growReps(k)
	// The rep is kept, but not the caller's slices (a stream may reuse them).
	kept := *r
	kept.Assignments, kept.Ramp = slices.Clone(r.Assignments), slices.Clone(r.Ramp)
	ix.roster[k] = kept
	ix.inRoster[k] = true
	as := make([]assignment, 0, len(r.Assignments))
	for _, a := range r.Assignments {
		as = append(as, assignment{from: toNanos(a.From), until: toNanos(a.Until), team: ix.teams.intern(a.Team)})
		ix.territories.intern(a.Territory)
	}
	ix.upd.assign[k] = as
}

// endReps leaves out every copy of a rep id given more than once, so that
// which copy the roster holds never depends on the input's order: the
// later copies were reported as they came, the first one (kept or invalid)
// is reported here, and the rep's deals and activities then name a rep not
// on the roster.
func (b *builder) endReps() {
	var dups []string
	for id, n := range b.repCopies {
		if n > 1 {
			dups = append(dups, id)
		}
	}
	slices.Sort(dups)
	for _, id := range dups {
		if k, ok := b.ix.reps.Key(id); ok && int(k) < len(b.ix.inRoster) && b.ix.inRoster[k] {
			b.ix.roster[k], b.ix.inRoster[k], b.ix.upd.assign[k] = Rep{}, false, nil
		}
		p := problems{record: "rep", index: b.repFirst[id], id: id}
		p.add("id", fmt.Errorf("%w: rep %q is given again later", ErrDuplicateID, id))
		b.report(&p)
	}
	b.repCopies, b.repFirst = nil, nil
}

// rosterRep reports a rep missing from a roster that was given.
func (b *builder) rosterRep(p *problems, field, id string) {
	if !b.hasRoster || id == "" {
		return
	}
	if k, ok := b.ix.reps.Key(id); !ok || int(k) >= len(b.ix.inRoster) || !b.ix.inRoster[k] {
		p.add(field, fmt.Errorf("%w: %q", ErrUnknownRep, id))
	}
}

// teamAt returns the team of rep k at time t (Unix nanoseconds) by the
// roster, or NoKey.
func (b *builder) teamAt(k Key, t int64) Key { return teamAt(b.ix.upd.assign, k, t) }

// dealBatch is how many deals the builder takes at a time.
const dealBatch = 256

// deals adds a batch of deals, in order. As with activities, the lookups
// that miss the caches (is the id already taken, is the account known) are
// made back to back first, where their waits overlap; they also bring into
// the caches the places where the new ids and accounts are then added.
func (b *builder) deals(ds []Deal) {
	var seen [dealBatch]int32 // input position of an earlier deal with the id, or -1
	var accts [dealBatch]Key
	accounts := &b.ix.accounts
	for i := range ds {
		seen[i] = -1
		if id := ds[i].ID; id != "" {
			if at, ok := b.firstDealAt(id); ok {
				seen[i] = int32(at)
			}
		}
		accts[i] = NoKey
		if name := ds[i].Account; name != "" {
			k, ok := accounts.keys[name]
			if !ok {
				k = newKey
			}
			accts[i] = k
		}
	}
	// An id may also repeat one earlier in this batch.
	if b.batchIDs == nil {
		b.batchIDs = make(map[string]int32, dealBatch)
	}
	clear(b.batchIDs)
	for i := range ds {
		b.deal(&ds[i], seen[i], accts[i])
	}
}

// deal adds a deal. seen is the input position of the first deal read
// before its batch with the same id (-1: none); account is its account's
// key (newKey: to be interned).
func (b *builder) deal(d *Deal, seen int32, account Key) {
	ix := b.ix
	p := problems{record: "deal", index: b.nDeals, id: d.ID}
	b.nDeals++
	d.check(&p, b.ix.opts.Location)
	if seen < 0 && d.ID != "" {
		if at, ok := b.batchIDs[d.ID]; ok {
			seen = at
		} else {
			b.batchIDs[d.ID] = int32(p.index)
		}
	}
	if first, dup := int(seen), seen >= 0; dup {
		p.add("id", fmt.Errorf("%w: deal %q is also at %d", ErrDuplicateID, d.ID, first))
		if b.dupDeals == nil {
			b.dupDeals = make(map[string]bool)
		}
		b.dupDeals[d.ID] = true
	}
	b.rosterRep(&p, "owner", d.Owner)
	stage := NoKey
	if d.Stage != "" {
		stage = b.stage(&p, "stage", d.Stage)
	}
	if b.nFunnel > 0 && stage != NoKey {
		won, lost := ix.stageWon[stage], ix.stageLost[stage]
		if (d.Status == StatusWon) != won || (d.Status == StatusLost) != lost {
			p.add("status", fmt.Errorf("%w: %v deal in stage %q", ErrStageStatus, d.Status, d.Stage))
		}
	}
	if !b.report(&p) {
		if d.ID != "" {
			if b.invalidDeals == nil {
				b.invalidDeals = make(map[string]int)
			}
			if _, seen := b.invalidDeals[d.ID]; !seen {
				b.invalidDeals[d.ID] = p.index
			}
		}
		return
	}
	c := &ix.cols.Deals
	b.dealRow.set(d.ID, int32(c.ID.Len()))
	b.dealInput = append(b.dealInput, int32(p.index))
	c.ID.Append(d.ID)
	c.Owner = append(c.Owner, ix.reps.intern(d.Owner))
	b.dealOwnTeam = append(b.dealOwnTeam, ix.teams.intern(d.Team))
	c.Territory = append(c.Territory, ix.territories.intern(d.Territory))
	if account == newKey {
		account = ix.accounts.intern(d.Account)
	}
	c.Account = append(c.Account, account)
	c.Source = append(c.Source, ix.sources.intern(string(d.Source)))
	c.Segment = append(c.Segment, ix.segments.intern(d.Segment))
	c.Stage = append(c.Stage, stage)
	c.Status = append(c.Status, d.Status)
	c.ForecastCategory = append(c.ForecastCategory, d.ForecastCategory)
	c.LossReason = append(c.LossReason, ix.lossReasons.intern(d.LossReason))
	c.Currency = append(c.Currency, ix.currencies.intern(string(d.Currency)))
	c.Amount.Append(d.Amount, true)
	c.ACV.Append(d.ACV.Value, d.ACV.Valid)
	c.TCV.Append(d.TCV.Value, d.TCV.Valid)
	c.Cost.Append(d.Cost.Value, d.Cost.Valid)
	c.Probability.Append(d.Probability.Value, d.Probability.Valid)
	c.TermMonths = append(c.TermMonths, int32(d.TermMonths.Or(0)))
	c.Created = append(c.Created, toNanos(d.CreatedAt))
	c.ExpectedClose = append(c.ExpectedClose, toNanos(d.ExpectedCloseTime(b.ix.opts.Location)))
	c.Closed = append(c.Closed, toNanos(d.CloseTime(b.ix.opts.Location)))
	c.Attributes = append(c.Attributes, d.Attributes)
	c.SeeTimes(len(c.Closed) - 1)
}

// checkTimeRange reports a time outside the years 1900 to 2199, which the
// index's nanosecond columns and any sales record stay well within.
// checkDay reports a close day that does not exist or lies outside the
// years 1900 to 2199.
func checkDay(p *problems, field string, d Date) {
	switch {
	case d.IsZero():
	case !d.valid():
		p.add(field, fmt.Errorf("%w: %04d-%02d-%02d is not a day", ErrInvalidTime, d.Year, int(d.Month), d.Day))
	case d.Year < 1900 || d.Year >= 2200:
		p.add(field, fmt.Errorf("%w: year %d outside 1900..2199", ErrInvalidTime, d.Year))
	}
}

func checkTimeRange(p *problems, field string, t time.Time) {
	if t.IsZero() {
		return
	}
	// The year in t's location, compared as that location's clock in
	// seconds (t.Year would split the days into a date first).
	_, offset := t.Zone()
	if local := t.Unix() + int64(offset); local < start1900 || local >= start2200 {
		p.add(field, fmt.Errorf("%w: year %d outside 1900..2199", ErrInvalidTime, t.Year()))
	}
}

// The first seconds of 1900 and of 2200, Unix time.
var (
	start1900 = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	start2200 = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// endDeals runs once every deal is read: every copy of a repeated deal id
// is left out and reported (the later copies as they were read), so that
// which record survives never depends on the input's order, and the stage
// changes and activities of that id are then of an invalid deal.
func (b *builder) endDeals() {
	if len(b.dupDeals) == 0 {
		return
	}
	c := &b.ix.cols.Deals
	keep := make([]bool, c.ID.Len())
	for row := range c.ID.Len() {
		id := c.ID.At(row)
		keep[row] = !b.dupDeals[id]
		if keep[row] {
			continue
		}
		p := problems{record: "deal", index: int(b.dealInput[row]), id: id}
		p.add("id", fmt.Errorf("%w: deal %q is given again later", ErrDuplicateID, id))
		b.report(&p)
		if b.invalidDeals == nil {
			b.invalidDeals = make(map[string]int)
		}
		if at, seen := b.invalidDeals[id]; !seen || at > int(b.dealInput[row]) {
			b.invalidDeals[id] = int(b.dealInput[row])
		}
		b.dealRow.remove(id)
	}
	c.ID = c.ID.Compact(keep)
	c.Owner = compact(c.Owner, keep)
	b.dealOwnTeam = compact(b.dealOwnTeam, keep)
	c.Territory = compact(c.Territory, keep)
	c.Account = compact(c.Account, keep)
	c.Source = compact(c.Source, keep)
	c.Segment = compact(c.Segment, keep)
	c.Stage = compact(c.Stage, keep)
	c.Status = compact(c.Status, keep)
	c.ForecastCategory = compact(c.ForecastCategory, keep)
	c.LossReason = compact(c.LossReason, keep)
	c.Currency = compact(c.Currency, keep)
	c.Amount = c.Amount.Compact(keep)
	c.ACV = c.ACV.Compact(keep)
	c.TCV = c.TCV.Compact(keep)
	c.Cost = c.Cost.Compact(keep)
	c.Probability = c.Probability.Compact(keep)
	c.TermMonths = compact(c.TermMonths, keep)
	c.Created = compact(c.Created, keep)
	c.ExpectedClose = compact(c.ExpectedClose, keep)
	c.Closed = compact(c.Closed, keep)
	c.Attributes = compact(c.Attributes, keep)
	b.dealInput = compact(b.dealInput, keep)
	for row := range c.ID.Len() {
		b.dealRow.set(c.ID.At(row), int32(row))
	}
}

// firstDealAt returns the input position of the first deal read with id,
// and whether there was one.
func (b *builder) firstDealAt(id string) (int, bool) {
	if row, ok := b.dealRow.get(id); ok {
		return int(b.dealInput[row]), true
	}
	at, ok := b.invalidDeals[id]
	return at, ok
}

func (b *builder) isInvalidDeal(id string) bool {
	_, ok := b.invalidDeals[id]
	return ok
}

// dealOf resolves a deal id for a stage change or activity.
func (b *builder) dealOf(p *problems, id string) int32 {
	// Records of one deal often come together: skip the hash for a repeat.
	if id == b.lastDeal && id != "" {
		return b.lastDealRow
	}
	row, ok := b.dealRow.get(id)
	if ok {
		b.lastDeal, b.lastDealRow = id, row
		return row
	}
	b.noDeal(p, id)
	return -1
}

// noDeal reports a record naming a deal id the index does not hold.
func (b *builder) noDeal(p *problems, id string) {
	if b.isInvalidDeal(id) {
		p.add("deal", fmt.Errorf("%w: deal %q is invalid", ErrUnknownDeal, id))
	} else {
		p.add("deal", fmt.Errorf("%w: %q", ErrUnknownDeal, id))
	}
}

func (b *builder) change(c *StageChange) {
	p := problems{record: "stage change", index: b.nChanges, id: c.Deal}
	b.nChanges++
	c.check(&p)
	row := int32(-1)
	if c.Deal != "" {
		row = b.dealOf(&p, c.Deal)
	}
	from := NoKey
	if c.From != "" {
		from = b.stage(&p, "from", c.From)
	}
	to := NoKey
	if c.To != "" {
		to = b.stage(&p, "to", c.To)
	}
	at := toNanos(c.At)
	if row >= 0 && !c.At.IsZero() {
		d := &b.ix.cols.Deals
		if at < d.Created[row] {
			p.add("at", fmt.Errorf("%w: stage change at %s, before the deal was created at %s", ErrTimeOrder,
				timeText(c.At), timeText(fromNanos(d.Created[row]))))
		} else if cl := d.Closed[row]; cl != noTime && at > cl {
			p.add("at", fmt.Errorf("%w: stage change at %s, after the deal closed at %s", ErrTimeOrder,
				timeText(c.At), timeText(fromNanos(cl))))
		}
	}
	if !b.report(&p) {
		return
	}
	b.changes = append(b.changes, pendingChange{index: p.index, deal: row, from: from, to: to, at: at})
}

// history sorts the stage changes by deal and time, checks that each deal's
// history chains, and lays it out in columns.
func (b *builder) history() {
	ch := b.changes
	// By deal, then time, then input position (so equal times keep their
	// order). Histories usually come sorted: check before sorting.
	byDealTime := func(x, y pendingChange) int {
		return cmp.Or(cmp.Compare(x.deal, y.deal), cmp.Compare(x.at, y.at), cmp.Compare(x.index, y.index))
	}
	if !slices.IsSortedFunc(ch, byDealTime) {
		slices.SortFunc(ch, byDealTime)
	}
	ix := b.ix
	sc := &ix.cols.StageChanges
	start := make([]int32, ix.cols.Deals.ID.Len()+1)
	// Room for every change at once (a few are left out below).
	sc.Deal, sc.At = make([]int32, 0, len(ch)), make([]int64, 0, len(ch))
	sc.From, sc.To = make([]Key, 0, len(ch)), make([]Key, 0, len(ch))
	prevTo := NoKey
	for i := range ch {
		if i == 0 || ch[i-1].deal != ch[i].deal {
			prevTo = NoKey
		}
		if i == 0 || ch[i-1].deal != ch[i].deal || ch[i-1].at != ch[i].at {
			chainRun(ch[i:], prevTo)
		}
		c := ch[i]
		if c.from == NoKey && c.to != NoKey && c.to == prevTo {
			// Into the stage the deal is already in, from nowhere said: an
			// export's row for another field's change, not a stage change.
			continue
		}
		if c.from != NoKey && prevTo != NoKey && c.from != prevTo {
			p := problems{record: "stage change", index: c.index, id: ix.cols.Deals.ID.At(int(c.deal))}
			p.add("from", fmt.Errorf("%w: moves from %q but the previous change moved it to %q",
				ErrBrokenHistory, ix.stages.Name(c.from), ix.stages.Name(prevTo)))
			b.report(&p)
			continue
		}
		prevTo = c.to
		sc.Deal = append(sc.Deal, c.deal)
		sc.From = append(sc.From, c.from)
		sc.To = append(sc.To, c.to)
		sc.At = append(sc.At, c.at)
		start[c.deal+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	// Ends apart from starts, so that an update can move one deal's range.
	sc.DealStart, sc.DealEnd = start[:len(start)-1], slices.Clone(start[1:])
	b.changes = nil
}

// activityBatch is how many activities the builder takes at a time.
const activityBatch = 256

// actBatch is a batch of activities with the rows of their deals. acts is
// either buf's (records copied from a stream) or the caller's slice.
type actBatch struct {
	acts  []Activity
	buf   []Activity
	owned bool // acts is buf's
	rows  [activityBatch]int32
}

// resolve looks up the deals of a batch of activities, all together: each
// lookup is a wait on memory (a million deals' table is far bigger than the
// caches), and back to back the waits overlap, where between the other
// work of each record they would not. It only reads the deal table, which
// no longer changes once the deals are read, so it may run on another
// goroutine than the builder's (see actPipe).
func (b *builder) resolve(ab *actBatch) {
	last, lastRow := "", int32(-1)
	for i := range ab.acts {
		id := ab.acts[i].Deal
		switch {
		case id == "":
			ab.rows[i] = -1
		case id == last: // records of one deal often come together
			ab.rows[i] = lastRow
		default:
			row, ok := b.dealRow.get(id)
			if !ok {
				row = -1
			}
			ab.rows[i], last, lastRow = row, id, row
		}
	}
}

// activities adds a batch of activities, in order, their deals resolved.
func (b *builder) activities(ab *actBatch) {
	acts := ab.acts
	// Accounts: the deal's when it is the same (the usual case, no hash
	// needed), else one the index already has, looked up back to back; an
	// account new to the index is added as its record is, so that a
	// skipped record adds none.
	var accts [activityBatch]Key
	dealAccount, accounts := b.ix.cols.Deals.Account, &b.ix.accounts
	for i := range acts {
		name, row := acts[i].Account, ab.rows[i]
		switch {
		case name == "":
			accts[i] = NoKey
		case row >= 0 && dealAccount[row] != NoKey && name == accounts.names[dealAccount[row]]:
			accts[i] = dealAccount[row]
		default:
			k, ok := accounts.keys[name]
			if !ok {
				k = newKey
			}
			accts[i] = k
		}
	}
	for i := range acts {
		b.activity(&acts[i], ab.rows[i], accts[i])
	}
}

// actPipe feeds batches of activities to the builder, their deals
// resolved first (see resolve), on a goroutine of its own when async,
// while the builder adds the batches before them. Batches are added in the
// order they come; the index is the same either way.
type actPipe struct {
	b          *builder
	todo, done chan *actBatch
	free       []*actBatch
	cur        *actBatch
	inFlight   int
	n          int  // activities expected (0: unknown)
	async      bool // resolve on the goroutine
}

// actPipeDepth is how many batches are resolved ahead of the builder.
const actPipeDepth = 4

// newActPipe starts a pipe for about n activities (0: unknown). With n
// known, the builder marks each batch's ids as it adds them, in the table
// that finding repeated ids starts from (see duplicateActivities), while
// the goroutine looks up the deals of the next.
//
// async says whether to look up on a goroutine of its own. A build from
// records in memory has a core to spare for it; one from streams usually
// has not (their reader decodes on one, as crm's ReadAhead and the
// database example do), and there handing batches over costs more than it
// gains (the rig's 1M-deal load took 3.3 s with it, 3.1 s without).
func newActPipe(b *builder, n int, async bool) *actPipe {
	p := &actPipe{b: b, n: n, async: async}
	if !async {
		return p
	}
	p.todo, p.done = make(chan *actBatch, actPipeDepth), make(chan *actBatch, actPipeDepth)
	go func() {
		defer close(p.done)
		for ab := range p.todo {
			b.resolve(ab)
			p.done <- ab
		}
	}()
	return p
}

// add takes a copy of the next activity of a stream.
func (p *actPipe) add(a Activity) {
	if p.cur == nil {
		p.cur = p.batch()
	}
	p.cur.acts = append(p.cur.acts, a)
	if len(p.cur.acts) == activityBatch {
		p.send(p.cur)
		p.cur = nil
	}
}

// addSlice takes a batch of at most activityBatch activities without
// copying them: they must not change until the pipe is closed.
func (p *actPipe) addSlice(acts []Activity) {
	ab := p.batch()
	ab.acts, ab.owned = acts, false
	p.send(ab)
}

func (p *actPipe) batch() *actBatch {
	if n := len(p.free); n > 0 {
		ab := p.free[n-1]
		p.free = p.free[:n-1]
		ab.acts, ab.owned = ab.buf[:0], true
		return ab
	}
	ab := &actBatch{buf: make([]Activity, 0, activityBatch), owned: true}
	ab.acts = ab.buf
	return ab
}

func (p *actPipe) send(ab *actBatch) {
	if !p.async {
		p.b.resolve(ab)
		p.apply(ab)
		return
	}
	if p.inFlight == actPipeDepth {
		p.inFlight--
		p.apply(<-p.done)
	}
	p.todo <- ab
	p.inFlight++
}

// apply adds a resolved batch and marks its ids.
func (p *actPipe) apply(ab *actBatch) {
	p.b.activities(ab)
	if p.n > 0 {
		m := p.b.actIDs
		if m == nil {
			m = newIDMarks(p.n)
			p.b.actIDs = m
		}
		for i := range ab.acts {
			m.markString(ab.acts[i].ID)
		}
	}
	if ab.owned {
		clear(ab.acts) // the builder keeps no record of a stream's
	}
	ab.acts, ab.owned = nil, false // nor the caller's slice
	p.free = append(p.free, ab)
}

// close adds what is left and ends the goroutine.
func (p *actPipe) close() {
	if p.cur != nil && len(p.cur.acts) > 0 {
		p.send(p.cur)
	}
	if !p.async {
		return
	}
	close(p.todo)
	for ab := range p.done {
		p.apply(ab)
	}
}

// newKey stands for a name the index has yet to intern.
const newKey Key = -2

// activity adds an activity whose deal (when it names one) is at row, -1
// when the index has no such deal, and whose account is account (newKey: to
// be interned).
func (b *builder) activity(a *Activity, row int32, account Key) {
	ix := b.ix
	p := problems{record: "activity", index: b.nActs, id: a.ID}
	b.nActs++
	a.check(&p)
	b.rosterRep(&p, "rep", a.Rep)
	if a.Deal != "" && row < 0 {
		b.noDeal(&p, a.Deal)
	}
	lead := int32(-1)
	if a.Lead != "" {
		r, ok := ix.leadRow[a.Lead]
		switch {
		case ok:
			lead = r
		case b.leadIDs.given(a.Lead):
			p.add("lead", fmt.Errorf("%w: lead %q is invalid", ErrUnknownLead, a.Lead))
		default:
			p.add("lead", fmt.Errorf("%w: %q", ErrUnknownLead, a.Lead))
		}
	}
	if !b.report(&p) {
		return
	}
	c := &ix.cols.Activities
	if b.actInput != nil || p.index != c.ID.Len() {
		if b.actInput == nil { // the first activity left out: rows and positions part
			b.actInput = identity(c.ID.Len())
		}
		b.actInput = append(b.actInput, int32(p.index))
	}
	rep := ix.reps.intern(a.Rep)
	at := toNanos(a.At)
	team := ix.teams.intern(a.Team)
	ix.upd.actTeam.Append(team)
	if team == NoKey {
		team = b.teamAt(rep, at)
	}
	c.ID.Append(a.ID)
	c.Rep = append(c.Rep, rep)
	c.Team = append(c.Team, team)
	c.Kind = append(c.Kind, ix.kinds.intern(string(a.Kind)))
	c.Outcome = append(c.Outcome, ix.outcomes.intern(string(a.Outcome)))
	if account == newKey {
		account = ix.accounts.intern(a.Account)
	}
	c.Account.Append(account)
	c.At = append(c.At, at)
	c.AtBounds.See(at)
	c.Deal = append(c.Deal, row)
	c.Duration.Append(int64(a.Duration))
	c.Lead.Append(lead)
}

// lead adds a lead, its deal (when converted into one) among those held.
func (b *builder) lead(l *Lead) {
	p := problems{record: "lead", index: b.nLeads, id: l.ID}
	b.nLeads++
	l.check(&p)
	if l.Owner != "" {
		b.rosterRep(&p, "owner", l.Owner)
	}
	if l.Deal != "" {
		if _, ok := b.dealRow.get(l.Deal); !ok {
			b.noDeal(&p, l.Deal)
		}
	}
	if !b.leadIDs.add(l.ID, p.index, len(b.ix.leads), b.report(&p)) {
		return
	}
	b.ix.leads = append(b.ix.leads, *l)
}

// heldIDs follows the ids of a kind of record the index holds by id
// (leads, account records) as they are read.
type heldIDs struct {
	row    *map[string]int32 // the index's lookup: the first valid copy's position among those held
	input  []int             // input position of each record held so far
	copies map[string]int    // copies of each id read more than once
	bad    map[string]bool   // ids whose first copy was invalid
}

// add counts a copy of id read at input position index, to be held at n
// if valid, and returns valid.
func (h *heldIDs) add(id string, index, n int, valid bool) bool {
	_, held := (*h.row)[id]
	switch {
	case held || h.bad[id]: // a copy came before
		if h.copies == nil {
			h.copies = make(map[string]int)
		}
		h.copies[id] = max(h.copies[id], 1) + 1
	case valid:
		if *h.row == nil {
			*h.row = make(map[string]int32)
		}
		(*h.row)[id] = int32(n)
	default:
		if h.bad == nil {
			h.bad = make(map[string]bool)
		}
		h.bad[id] = true
	}
	if valid {
		h.input = append(h.input, index)
	}
	return valid
}

// given reports whether id was read but is not held: invalid, or given
// more than once.
func (h *heldIDs) given(id string) bool { return h.bad[id] || h.copies[id] > 0 }

// endHeld finishes the records held by id: room made from a size hint and
// left unused is let go; every copy of an id read more than once is left
// out and reported by dup (its input position, the number of copies, the
// id), and the lookup made over those kept.
func endHeld[T any](recs *[]T, h *heldIDs, id func(*T) string, dup func(index, n int, id string)) {
	if len(*recs) == 0 {
		*recs, *h.row = nil, nil
	}
	if len(h.copies) == 0 {
		return
	}
	keep, input := (*recs)[:0], h.input[:0]
	for i := range *recs {
		r := &(*recs)[i]
		if n := h.copies[id(r)]; n > 1 {
			dup(h.input[i], n, id(r))
			continue
		}
		keep, input = append(keep, *r), append(input, h.input[i])
	}
	clear((*recs)[len(keep):])
	*recs, h.input = keep, input
	*h.row = make(map[string]int32, len(keep))
	for i := range keep {
		(*h.row)[id(&keep[i])] = int32(i)
	}
}

// account adds an account record, interning its territories.
func (b *builder) account(a *Account) {
	p := problems{record: "account", index: b.nAccounts, id: a.ID}
	b.nAccounts++
	a.check(&p)
	if !b.acctIDs.add(a.ID, p.index, len(b.ix.accountRecs), b.report(&p)) {
		return
	}
	b.ix.territories.intern(a.Territory)
	for _, t := range a.Territories {
		b.ix.territories.intern(t.Territory)
	}
	b.ix.accountRecs = append(b.ix.accountRecs, *a)
}

// endAccounts drops every copy of an account id given more than once,
// reporting each, and makes the lookup by id.
func (b *builder) endAccounts() {
	endHeld(&b.ix.accountRecs, &b.acctIDs, func(a *Account) string { return a.ID }, func(index, n int, id string) {
		p := problems{record: "account", index: index, id: id}
		p.add("id", fmt.Errorf("%w: %d accounts have id %q", ErrDuplicateID, n, id))
		b.report(&p)
	})
}

// endLeads drops every copy of a lead id given more than once, reporting
// each, and makes the lookup of the leads held by id.
func (b *builder) endLeads() {
	endHeld(&b.ix.leads, &b.leadIDs, func(l *Lead) string { return l.ID }, func(index, n int, id string) {
		p := problems{record: "lead", index: index, id: id}
		p.add("id", fmt.Errorf("%w: %d leads have id %q", ErrDuplicateID, n, id))
		b.report(&p)
	})
}

func (b *builder) quota(q *Quota) {
	p := problems{record: "quota", index: b.nQuotas, id: q.owner()}
	b.nQuotas++
	q.check(&p)
	b.rosterRep(&p, "rep", q.Rep)
	key := quotaKey{q.Rep, q.Team, q.Metric}
	for _, j := range b.quotasOf[key] {
		o := b.ix.quotas[j]
		if q.Period.Start.Before(o.Period.End) && o.Period.Start.Before(q.Period.End) {
			p.add("period", fmt.Errorf("%w: overlaps quota %d of %q for metric %q", ErrOverlap, b.quotaIndex[j], q.owner(), q.Metric))
			break
		}
	}
	if !b.report(&p) {
		return
	}
	if b.quotasOf == nil {
		b.quotasOf = make(map[quotaKey][]int)
	}
	b.quotasOf[key] = append(b.quotasOf[key], len(b.ix.quotas))
	b.quotaIndex = append(b.quotaIndex, p.index)
	b.ix.reps.intern(q.Rep)
	b.ix.teams.intern(q.Team)
	b.ix.quotas = append(b.ix.quotas, *q)
}

func (b *builder) finish() {
	ix := b.ix
	ix.growReps(Key(ix.reps.Len() - 1))
	for len(ix.stageWon) < ix.stages.Len() {
		ix.stageWon = append(ix.stageWon, false)
		ix.stageLost = append(ix.stageLost, false)
	}
	d := &ix.cols.Deals
	ix.upd.ownTeam = b.dealOwnTeam
	d.Team = slices.Clone(b.dealOwnTeam)
	if ix.opts.Territory == TerritoryByAccount {
		ix.upd.ownTerritory = slices.Clone(d.Territory)
		for row := range d.Territory {
			d.Territory[row] = ix.dealTerritory(row)
		}
	}
	if ix.opts.Team == TeamByRoster {
		asOf := toNanos(ix.opts.AsOf)
		for i, owner := range d.Owner {
			at := d.Closed[i]
			if at == noTime {
				at = asOf
				if at == noTime {
					at = d.Created[i]
				}
			}
			if t := b.teamAt(owner, at); t != NoKey {
				d.Team[i] = t
			}
		}
	}
	ix.soleCurrency = NoKey
	for i, c := range d.Currency {
		if i == 0 {
			ix.soleCurrency = c
		} else if c != ix.soleCurrency {
			ix.soleCurrency = NoKey
			break
		}
	}
	b.duplicateActivities()
	b.activitiesByDeal()
	b.sortErrors()
	ix.allDeals = identity(d.ID.Len())
	ix.allActs = identity(ix.cols.Activities.ID.Len())
	ix.allLeads = identity(len(ix.leads))
}

func identity(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// idMarks finds ids that may repeat without a map of millions of strings
// (which would cost seconds). Ids that read as canonical decimal numbers
// below a bound (numbered records: 1 to n) each have a place of their own,
// two bits in an array indexed by the number: the first set by the id, the
// second by the id again. Other ids share places: each id's hash picks one
// of 16 places an id, and only the ids on places hit twice (every repeated
// id, and a few percent more by chance) are then compared as strings. A
// place's two bits share a word: one wait on memory an id, and for
// numbered records the array (two bits a number) mostly stays in cache.
type idMarks struct {
	seed     maphash.Seed
	exact    []uint64 // numbers below 32 × len(exact), 32 a word
	words    []uint64 // hashed places, 32 a word, made on the first hashed id
	places   uint64
	repeated bool // some place was hit twice
}

func newIDMarks(n int) *idMarks {
	places := max(64, uint64(1)<<bits.Len64(uint64(16*n)))
	numbers := 4*uint64(n) + 1024
	return &idMarks{seed: maphash.MakeSeed(), exact: make([]uint64, numbers/32+1), places: places}
}

// exactPlace returns the word and the place's first bit of a numeric id
// below exact's bound, and whether it is one.
func exactPlace[ID ~string | ~[]byte](m *idMarks, id ID) (word int, bit uint64, ok bool) {
	n, ok := numericID(id)
	if !ok || uint64(n) >= 32*uint64(len(m.exact)) {
		return 0, 0, false
	}
	return int(n / 32), 1 << (2 * (n % 32)), true
}

// hashedPlace returns the word and the place's first bit of hash h.
func (m *idMarks) hashedPlace(h uint64) (word int, bit uint64) {
	if m.words == nil {
		m.words = make([]uint64, m.places/32)
	}
	h &= m.places - 1
	return int(h / 32), 1 << (2 * (h % 32))
}

// markString marks an id.
func (m *idMarks) markString(id string) {
	if w, bit, ok := exactPlace(m, id); ok {
		m.markAt(m.exact, w, bit)
		return
	}
	w, bit := m.hashedPlace(maphash.String(m.seed, id))
	m.markAt(m.words, w, bit)
}

// markBytes marks an id.
func (m *idMarks) markBytes(id []byte) {
	if w, bit, ok := exactPlace(m, id); ok {
		m.markAt(m.exact, w, bit)
		return
	}
	w, bit := m.hashedPlace(maphash.Bytes(m.seed, id))
	m.markAt(m.words, w, bit)
}

func (m *idMarks) markAt(words []uint64, w int, bit uint64) {
	x := words[w]
	if x&bit != 0 {
		x |= bit << 1
		m.repeated = true
	}
	words[w] = x | bit
}

// candidates returns the rows from lo to hi of ids whose places were hit
// twice, in order.
func (m *idMarks) candidates(ids *columns.Strings, lo, hi int) []int {
	var out []int
	for row := lo; row < hi; row++ {
		if m.twice(ids.Bytes(row)) {
			out = append(out, row)
		}
	}
	return out
}

// twice reports whether an id's place was hit twice.
func (m *idMarks) twice(id []byte) bool {
	if w, bit, ok := exactPlace(m, id); ok {
		return m.exact[w]&(bit<<1) != 0
	}
	w, bit := m.hashedPlace(maphash.Bytes(m.seed, id))
	return m.words[w]&(bit<<1) != 0
}

// repeatedRow is a row whose id other rows have too: copies are all of
// them, in order.
type repeatedRow struct {
	row    int32
	copies []int32
}

// repeatedRows returns the rows among candidates (in order) whose id
// another candidate has, in order. The candidates are sorted by their ids'
// hashes and only rows of one hash are compared, so that no id is made a
// string (a few per cent of a million ids are candidates).
func repeatedRows(ids *columns.Strings, candidates []int, seed maphash.Seed) []repeatedRow {
	type hashed struct {
		h   uint64
		row int32
	}
	hs := make([]hashed, len(candidates))
	for i, row := range candidates {
		hs[i] = hashed{maphash.Bytes(seed, ids.Bytes(row)), int32(row)}
	}
	slices.SortFunc(hs, func(a, b hashed) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.row, b.row)
	})
	var out []repeatedRow
	for lo := 0; lo < len(hs); {
		hi := lo + 1
		for hi < len(hs) && hs[hi].h == hs[lo].h {
			hi++
		}
		// Rows of one hash: each is grouped with the rows of its id, once.
		for i := lo; i < hi; i++ {
			if hs[i].row < 0 {
				continue
			}
			var copies []int32 // made only for an id that does repeat
			for j := i + 1; j < hi; j++ {
				if hs[j].row >= 0 && bytes.Equal(ids.Bytes(int(hs[j].row)), ids.Bytes(int(hs[i].row))) {
					if copies == nil {
						copies = []int32{hs[i].row}
					}
					copies = append(copies, hs[j].row)
					hs[j].row = -1
				}
			}
			for _, r := range copies {
				out = append(out, repeatedRow{r, copies})
			}
		}
		lo = hi
	}
	slices.SortFunc(out, func(a, b repeatedRow) int { return cmp.Compare(a.row, b.row) })
	return out
}

// actInputOf returns the input position of the activity at row.
func (b *builder) actInputOf(row int32) int32 {
	if b.actInput == nil {
		return row
	}
	return b.actInput[row]
}

// duplicateActivities reports every activity whose id an earlier one has,
// and drops it. The ids were marked (idMarks) as the pipe looked up their
// deals, or are marked here when their number was not known then or was
// far more than said.
func (b *builder) duplicateActivities() {
	ids := &b.ix.cols.Activities.ID
	if ids.Len() < 2 {
		return
	}
	m := b.actIDs
	if m == nil || m.places < 8*uint64(ids.Len()) {
		m = newIDMarks(ids.Len())
		for i := range ids.Len() {
			m.markBytes(ids.Bytes(i))
		}
	}
	b.actIDs = nil
	if !m.repeated {
		return
	}
	// The rows on places hit twice, found in two halves at once for many
	// ids (the marks are only read).
	n := ids.Len()
	var candidates []int
	if n < 1<<16 {
		candidates = m.candidates(ids, 0, n)
	} else {
		var second []int
		done := make(chan struct{})
		go func() { second = m.candidates(ids, n/2, n); close(done) }()
		candidates = m.candidates(ids, 0, n/2)
		<-done
		candidates = append(candidates, second...)
	}
	// Every copy of a repeated id is left out and reported, so that which
	// record survives never depends on the input's order.
	rows := repeatedRows(ids, candidates, m.seed)
	var keep []bool
	dropped := 0
	for _, rc := range rows {
		row, copies := int(rc.row), rc.copies
		id := ids.At(row)
		if keep == nil {
			keep = make([]bool, n)
			for i := range keep {
				keep[i] = true
			}
		}
		keep[row] = false
		dropped++
		var others []int32
		for _, r := range copies {
			if r != int32(row) {
				others = append(others, b.actInputOf(r))
			}
		}
		p := problems{record: "activity", index: int(b.actInputOf(int32(row))), id: id}
		p.add("id", fmt.Errorf("%w: activity %q is also at %v", ErrDuplicateID, id, others))
		b.report(&p)
	}
	if dropped == 0 { // hashes alike by chance, no id repeated
		return
	}
	c := &b.ix.cols.Activities
	c.ID = c.ID.Compact(keep)
	c.Rep = compact(c.Rep, keep)
	c.Team = compact(c.Team, keep)
	c.Kind = compact(c.Kind, keep)
	c.Outcome = compact(c.Outcome, keep)
	c.Account = c.Account.Compact(keep)
	c.At = compact(c.At, keep)
	c.Deal = compact(c.Deal, keep)
	c.Duration = c.Duration.Compact(keep)
	c.Lead = c.Lead.Compact(keep)
	b.ix.upd.actTeam = b.ix.upd.actTeam.Compact(keep)
}

func compact[T any](s []T, keep []bool) []T {
	out := s[:0]
	for i, v := range s {
		if keep[i] {
			out = append(out, v)
		}
	}
	return out
}

// recordOrder is the order problems are reported in: by kind of record as
// NewIndexFrom reads them, then by position.
func recordOrder(record string) int {
	switch record {
	case "rep":
		return 0
	case "deal":
		return 1
	case "stage change":
		return 2
	case "account":
		return 3
	case "lead":
		return 4
	case "activity":
		return 5
	}
	return 6
}

// activitiesByDeal groups the activity rows by deal row (a counting sort).
func (b *builder) activitiesByDeal() {
	a := &b.ix.cols.Activities
	start := make([]int32, b.ix.cols.Deals.ID.Len()+1)
	for _, d := range a.Deal {
		if d >= 0 {
			start[d+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	byDeal := make([]int32, start[len(start)-1])
	next := slices.Clone(start[:len(start)-1])
	for row, d := range a.Deal {
		if d >= 0 {
			byDeal[next[d]] = int32(row)
			next[d]++
		}
	}
	a.ByDeal, a.DealStart, a.DealEnd = byDeal, start[:len(start)-1], slices.Clone(start[1:])
}

// chainRun puts the changes of one deal at one instant, at the start of ch,
// in an order that does not depend on their input order: each the change
// that moves on from the stage the one before left the deal in (from
// after, the stage the deal was in before the instant), the first such by
// from-stage key, to-stage key and then input position; a change that
// continues no chain comes, in that order, where the chain breaks.
func chainRun(ch []pendingChange, after Key) {
	n := 1
	for n < len(ch) && ch[n].deal == ch[0].deal && ch[n].at == ch[0].at {
		n++
	}
	if n < 2 {
		return
	}
	run := ch[:n]
	slices.SortFunc(run, func(x, y pendingChange) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.to, y.to), cmp.Compare(x.index, y.index))
	})
	cur := after
	for k := range run {
		next := k
		for j := k; j < n; j++ {
			if cur == NoKey || run[j].from == NoKey || run[j].from == cur {
				next = j
				break
			}
		}
		// Move the chosen change to position k, keeping the others' order.
		c := run[next]
		copy(run[k+1:next+1], run[k:next])
		run[k] = c
		cur = c.to
	}
}
