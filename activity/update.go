package activity

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"

	"github.com/salesmetrics/salesmetrics/internal/columns"
)

// updateState is what Update needs beyond the columns: kept from the build,
// or made by the first update (prepare).
type updateState struct {
	assign     [][]assignment // by rep key: the roster's assignments, team keys
	hasRoster  bool
	quotasOf   map[quotaKey][]int // the quotas of each rep, team and metric
	quotaInput []int              // each quota's position in its input
	ownTeam    []Key              // by deal row: the record's own Team
	// ownTerritory is, by deal row, the record's own Territory, under
	// TerritoryByAccount (else the column holds it).
	ownTerritory []Key
	actTeam      columns.Sparse[Key]

	// Made by the first update.
	ready      bool
	actRow     idTable // activity id → row
	currencies []int   // deals held in each currency, by key
	changes    int     // stage change rows some deal's range covers
	scFree     int     // stage change rows no deal's range covers
	byDealFree int     // ByDeal rows no deal's range covers
}

// Update applies a batch of records to the index in place, in time that
// grows with the batch (and the histories of the deals it touches), not
// with the index: a service keeps its index current without rebuilding it.
//
//   - A deal, account record, lead or activity whose id the index holds
//     replaces the one held, in its row; one it does not hold is added
//     after the others. Under TerritoryByAccount, a changed account moves
//     its deals to its territory (a pass over the deals).
//   - Stage changes and quotas are added; a deal's history is re-chained
//     with the new changes (and checked against the deal's new times).
//   - A rep the roster holds replaces its record (moving its deals and
//     activities to the teams the new assignments give, a pass over the
//     index); a new rep joins the roster. An index built without a roster
//     cannot gain one (ErrNeedsRebuild).
//
// Every record is checked as NewIndexFrom checks it, against the index and
// the rest of the batch; problems are *RecordError values whose Index is
// the record's position in the batch (−1 for a change the index held that
// the batch's records make invalid). Without IndexOptions.SkipInvalid any
// problem fails the update, returning them all joined and leaving the
// index as it was. With SkipInvalid the invalid records are left out and
// their problems returned: a new deal's changes and activities then name
// an unknown deal, and an invalid replacement leaves the record held as it
// was.
//
// The index is then the one NewIndex would build from the records it
// holds with the batch applied (replacements in place, new records after
// the others), with two exceptions that no KPI shows: names first met in
// the batch take keys after the names the index had, and names no record
// uses any more stay in the dictionaries (KPIs report groups by name and
// leave out those without records); a decimal column may keep more
// decimal places than the rebuild's, with equal values. TestUpdateProperty
// checks this against rebuilds.
//
// Update needs the index to itself: no KPI, view or accessor may read it
// while it runs (guard it with a sync.RWMutex, as examples/database does).
// An index that is not being updated is safe for concurrent use. Views made
// before an update still select the rows they did, which may have changed;
// make new ones after it. The first update of an index makes its lookups
// (activity ids, currency counts) in one pass over it.
func (ix *Index) Update(batch Records) ([]error, error) {
	ix.prepare()
	u := &update{ix: ix, b: &batch}
	u.check()
	u.sortErrors()
	if len(u.errs) > 0 && !ix.opts.SkipInvalid {
		return nil, errors.Join(u.errs...)
	}
	u.apply()
	return u.errs, nil
}

// prepare makes, on the first update, the lookups an update needs.
func (ix *Index) prepare() {
	s := &ix.upd
	if s.ready {
		return
	}
	a := &ix.cols.Activities
	s.actRow = newIDTable(a.ID.Len())
	for row := range a.ID.Len() {
		s.actRow.insert(a.ID.Bytes(row), int32(row), func(r int32) []byte { return a.ID.Bytes(int(r)) })
	}
	s.currencies = make([]int, ix.currencies.Len())
	for _, c := range ix.cols.Deals.Currency {
		if c >= 0 {
			s.currencies[c]++
		}
	}
	s.changes = len(ix.cols.StageChanges.At)
	s.ready = true
}

// update is one Update: the batch, what check found valid, and the
// problems.
type update struct {
	reported
	ix *Index
	b  *Records

	reps      []int           // batch positions of the valid reps
	repValid  map[string]bool // ids of the valid batch reps
	deals     []int           // batch positions of the valid deals
	dealAt    map[string]int  // id → batch position of the valid deal
	badDeals  map[string]bool // ids of invalid batch deals
	acts      []int
	quotas    []int
	accts     []int           // batch positions of the valid account records
	leads     []int           // batch positions of the valid leads
	leadAt    map[string]int  // id → batch position of the valid lead
	badLeads  map[string]bool // ids of invalid batch leads
	newStages []Stage         // without a funnel: stage names new to the index, as met

	// touched lists the deal ids whose history is redone, in the order met;
	// histories holds each one's changes, chained: a change's index is its
	// batch position, or −1−k for the k-th change the index held.
	touched   []string
	histories map[string][]pendingChange
}

// counts returns how many times each non-empty id occurs.
func counts(n int, id func(i int) string) map[string]int {
	m := make(map[string]int)
	for i := range n {
		if s := id(i); s != "" {
			m[s]++
		}
	}
	return m
}

// once reports an id that n, the batch's counts, has more than once.
func once(p *problems, n map[string]int, record, id string) {
	if n[id] > 1 {
		p.add("id", fmt.Errorf("%w: %s %q is given more than once in the batch", ErrDuplicateID, record, id))
	}
}

// inRoster reports whether the roster holds the rep id once the batch is
// applied.
func (u *update) inRoster(id string) bool {
	if u.repValid[id] {
		return true
	}
	k, ok := u.ix.reps.Key(id)
	return ok && k >= 0 && int(k) < len(u.ix.inRoster) && u.ix.inRoster[k]
}

func (u *update) rosterRep(p *problems, field, id string) {
	if u.ix.upd.hasRoster && id != "" && !u.inRoster(id) {
		p.add(field, fmt.Errorf("%w: %q", ErrUnknownRep, id))
	}
}

// stageKey returns the key of a stage name, a provisional one for a name
// new to an index without a funnel, reporting a name a funnel lacks.
func (u *update) stageKey(p *problems, field string, s Stage) Key {
	if s == "" {
		return NoKey
	}
	if k, ok := u.ix.stages.Key(string(s)); ok {
		return k
	}
	if len(u.ix.opts.Funnel.Stages) > 0 {
		p.add(field, fmt.Errorf("%w: %q", ErrUnknownStage, s))
		return NoKey
	}
	if i := slices.Index(u.newStages, s); i >= 0 {
		return Key(u.ix.stages.Len() + i)
	}
	u.newStages = append(u.newStages, s)
	return Key(u.ix.stages.Len() + len(u.newStages) - 1)
}

// dealTimes returns the creation and close (Unix nanoseconds) of the deal
// id as the batch leaves it, and whether there is such a deal; unknown
// reports a missing one.
func (u *update) dealTimes(p *problems, id string) (created, closed int64, ok bool) {
	if i, in := u.dealAt[id]; in {
		d := &u.b.Deals[i]
		return toNanos(d.CreatedAt), toNanos(d.CloseTime(u.ix.opts.Location)), true
	}
	if row, held := u.ix.dealRow.get(id); held {
		c := &u.ix.cols.Deals
		return c.Created[row], c.Closed[row], true
	}
	if u.badDeals[id] {
		p.add("deal", fmt.Errorf("%w: deal %q is invalid", ErrUnknownDeal, id))
	} else {
		p.add("deal", fmt.Errorf("%w: %q", ErrUnknownDeal, id))
	}
	return 0, 0, false
}

// check validates the batch against the index and itself, changing
// nothing: what is valid goes into u's lists, the problems into u.errs.
func (u *update) check() {
	ix, b := u.ix, u.b
	// Reps.
	repN := counts(len(b.Reps), func(i int) string { return b.Reps[i].ID })
	u.repValid = make(map[string]bool)
	for i := range b.Reps {
		r := &b.Reps[i]
		p := problems{record: "rep", index: i, id: r.ID}
		r.check(&p)
		once(&p, repN, "rep", r.ID)
		if !ix.upd.hasRoster {
			p.add("id", fmt.Errorf("%w: the index was built without a roster; one with a roster is a new index", ErrNeedsRebuild))
		}
		if u.report(&p) {
			u.reps = append(u.reps, i)
			u.repValid[r.ID] = true
		}
	}
	// Deals.
	dealN := counts(len(b.Deals), func(i int) string { return b.Deals[i].ID })
	u.dealAt, u.badDeals = make(map[string]int), make(map[string]bool)
	for i := range b.Deals {
		d := &b.Deals[i]
		p := problems{record: "deal", index: i, id: d.ID}
		d.check(&p, ix.opts.Location)
		once(&p, dealN, "deal", d.ID)
		u.rosterRep(&p, "owner", d.Owner)
		stage := u.stageKey(&p, "stage", d.Stage)
		if len(ix.opts.Funnel.Stages) > 0 && stage != NoKey {
			won, lost := ix.stageWon[stage], ix.stageLost[stage]
			if (d.Status == StatusWon) != won || (d.Status == StatusLost) != lost {
				p.add("status", fmt.Errorf("%w: %v deal in stage %q", ErrStageStatus, d.Status, d.Stage))
			}
		}
		if u.report(&p) {
			u.deals = append(u.deals, i)
			u.dealAt[d.ID] = i
		} else if d.ID != "" {
			u.badDeals[d.ID] = true
		}
	}
	// Stage changes, gathered by deal; a replaced deal's history is redone
	// too, its times having perhaps changed.
	u.histories = make(map[string][]pendingChange)
	touch := func(id string) {
		if _, ok := u.histories[id]; !ok {
			u.histories[id] = nil
			u.touched = append(u.touched, id)
		}
	}
	for _, i := range u.deals {
		if _, held := ix.dealRow.get(b.Deals[i].ID); held {
			touch(b.Deals[i].ID)
		}
	}
	for i := range b.StageChanges {
		c := &b.StageChanges[i]
		p := problems{record: "stage change", index: i, id: c.Deal}
		c.check(&p)
		created, closed, known := int64(0), int64(0), false
		if c.Deal != "" {
			created, closed, known = u.dealTimes(&p, c.Deal)
		}
		from, to := u.stageKey(&p, "from", c.From), u.stageKey(&p, "to", c.To)
		at := toNanos(c.At)
		if known && !c.At.IsZero() {
			checkChangeTime(&p, at, created, closed)
		}
		if u.report(&p) {
			touch(c.Deal)
			u.histories[c.Deal] = append(u.histories[c.Deal], pendingChange{index: i, from: from, to: to, at: at})
		}
	}
	for _, id := range u.touched {
		u.chain(id)
	}
	// Account records.
	acctN := counts(len(b.Accounts), func(i int) string { return b.Accounts[i].ID })
	for i := range b.Accounts {
		a := &b.Accounts[i]
		p := problems{record: "account", index: i, id: a.ID}
		a.check(&p)
		once(&p, acctN, "account", a.ID)
		if u.report(&p) {
			u.accts = append(u.accts, i)
		}
	}
	// Leads.
	leadN := counts(len(b.Leads), func(i int) string { return b.Leads[i].ID })
	u.leadAt, u.badLeads = make(map[string]int), make(map[string]bool)
	for i := range b.Leads {
		l := &b.Leads[i]
		p := problems{record: "lead", index: i, id: l.ID}
		l.check(&p)
		once(&p, leadN, "lead", l.ID)
		if l.Owner != "" {
			u.rosterRep(&p, "owner", l.Owner)
		}
		if l.Deal != "" {
			u.dealTimes(&p, l.Deal)
		}
		if u.report(&p) {
			u.leads = append(u.leads, i)
			u.leadAt[l.ID] = i
		} else {
			u.badLeads[l.ID] = true
		}
	}
	// Activities.
	actN := counts(len(b.Activities), func(i int) string { return b.Activities[i].ID })
	for i := range b.Activities {
		a := &b.Activities[i]
		p := problems{record: "activity", index: i, id: a.ID}
		a.check(&p)
		once(&p, actN, "activity", a.ID)
		u.rosterRep(&p, "rep", a.Rep)
		if a.Deal != "" {
			u.dealTimes(&p, a.Deal)
		}
		if a.Lead != "" {
			_, inBatch := u.leadAt[a.Lead]
			_, held := ix.leadRow[a.Lead]
			switch {
			case inBatch || held:
			case u.badLeads[a.Lead]:
				p.add("lead", fmt.Errorf("%w: lead %q is invalid", ErrUnknownLead, a.Lead))
			default:
				p.add("lead", fmt.Errorf("%w: %q", ErrUnknownLead, a.Lead))
			}
		}
		if u.report(&p) {
			u.acts = append(u.acts, i)
		}
	}
	// Quotas: none may overlap one held or an earlier one of the batch.
	var batchOf map[quotaKey][]int
	for i := range b.Quotas {
		q := &b.Quotas[i]
		p := problems{record: "quota", index: i, id: q.owner()}
		q.check(&p)
		u.rosterRep(&p, "rep", q.Rep)
		key := quotaKey{q.Rep, q.Team, q.Metric}
		overlaps := func(o *Quota) bool {
			return q.Period.Start.Before(o.Period.End) && o.Period.Start.Before(q.Period.End)
		}
		for _, j := range ix.upd.quotasOf[key] {
			if overlaps(&ix.quotas[j]) {
				p.add("period", fmt.Errorf("%w: overlaps a held quota (%d of its input) of %q for metric %q", ErrOverlap, ix.upd.quotaInput[j], q.owner(), q.Metric))
				break
			}
		}
		for _, j := range batchOf[key] {
			if overlaps(&b.Quotas[j]) {
				p.add("period", fmt.Errorf("%w: overlaps quota %d of %q for metric %q", ErrOverlap, j, q.owner(), q.Metric))
				break
			}
		}
		if u.report(&p) {
			if batchOf == nil {
				batchOf = make(map[quotaKey][]int)
			}
			batchOf[key] = append(batchOf[key], i)
			u.quotas = append(u.quotas, i)
		}
	}
}

// checkChangeTime reports a stage change at (Unix nanoseconds) before its
// deal's creation or after its close.
func checkChangeTime(p *problems, at, created, closed int64) {
	if at < created {
		p.add("at", fmt.Errorf("%w: stage change at %s, before the deal was created at %s", ErrTimeOrder,
			timeText(fromNanos(at)), timeText(fromNanos(created))))
	} else if closed != noTime && at > closed {
		p.add("at", fmt.Errorf("%w: stage change at %s, after the deal closed at %s", ErrTimeOrder,
			timeText(fromNanos(at)), timeText(fromNanos(closed))))
	}
}

// chain redoes the history of deal id: the changes the index holds (those
// the deal's new times leave valid) with the batch's, in time order,
// chained as NewIndexFrom chains them.
func (u *update) chain(id string) {
	ix := u.ix
	var ch []pendingChange
	if row, held := ix.dealRow.get(id); held {
		created, closed, _ := u.dealTimes(nil, id)
		sc := &ix.cols.StageChanges
		lo, hi := sc.Of(row)
		for k := lo; k < hi; k++ {
			c := pendingChange{index: -1 - int(k-lo), from: sc.From[k], to: sc.To[k], at: sc.At[k]}
			p := problems{record: "stage change", index: -1, id: id}
			checkChangeTime(&p, c.at, created, closed)
			if u.report(&p) {
				ch = append(ch, c)
			}
		}
	}
	ch = append(ch, u.histories[id]...)
	// Held changes first among equal times (they came first), each part in
	// its order.
	order := func(c pendingChange) int {
		if c.index < 0 {
			return -1 - c.index
		}
		return len(ch) + c.index
	}
	slices.SortStableFunc(ch, func(x, y pendingChange) int {
		return cmp.Or(cmp.Compare(x.at, y.at), cmp.Compare(order(x), order(y)))
	})
	kept := ch[:0]
	prevTo := NoKey
	for i := range ch {
		if i == 0 || ch[i-1].at != ch[i].at {
			// chainRun orders by index last: give it the input order.
			run := ch[i:]
			n := 1
			for n < len(run) && run[n].at == run[0].at {
				n++
			}
			if n > 1 {
				for j := range n {
					run[j].index = order(run[j])
				}
				chainRun(run[:n], prevTo)
				for j := range n {
					run[j].index = unorder(run[j].index, len(ch))
				}
			}
		}
		c := ch[i]
		if c.from == NoKey && c.to != NoKey && c.to == prevTo {
			continue // into the stage the deal is already in: not a change
		}
		if c.from != NoKey && prevTo != NoKey && c.from != prevTo {
			index := c.index
			if index < 0 {
				index = -1
			}
			p := problems{record: "stage change", index: index, id: id}
			p.add("from", fmt.Errorf("%w: moves from %q but the previous change moved it to %q",
				ErrBrokenHistory, u.stageName(c.from), u.stageName(prevTo)))
			u.report(&p)
			continue
		}
		prevTo = c.to
		kept = append(kept, c)
	}
	u.histories[id] = kept
}

// unorder maps an order back to the change's index: −1−k for the k-th held
// change (orders below n, the number of changes), else the batch position.
func unorder(o, n int) int {
	if o < n {
		return -1 - o
	}
	return o - n
}

// stageName names a stage key, provisional keys included.
func (u *update) stageName(k Key) string {
	if n := u.ix.stages.Len(); int(k) >= n {
		return string(u.newStages[int(k)-n])
	}
	return u.ix.stages.Name(k)
}

// apply changes the index by what check found valid.
func (u *update) apply() {
	ix, b := u.ix, u.b
	for _, s := range u.newStages {
		ix.stages.intern(string(s))
	}
	for len(ix.stageWon) < ix.stages.Len() {
		ix.stageWon = append(ix.stageWon, false)
		ix.stageLost = append(ix.stageLost, false)
	}
	changedReps := u.applyReps()
	changedAccts := map[Key]bool{}
	for _, i := range u.accts {
		a := &b.Accounts[i]
		ix.territories.intern(a.Territory)
		for _, t := range a.Territories {
			ix.territories.intern(t.Territory)
		}
		if k, ok := ix.accounts.Key(a.ID); ok {
			changedAccts[k] = true
		}
		if r, held := ix.accountRow[a.ID]; held {
			ix.accountRecs[r] = *a
			continue
		}
		if ix.accountRow == nil {
			ix.accountRow = make(map[string]int32)
		}
		ix.accountRow[a.ID] = int32(len(ix.accountRecs))
		ix.accountRecs = append(ix.accountRecs, *a)
	}
	for _, i := range u.deals {
		u.applyDeal(&b.Deals[i])
	}
	if ix.opts.Territory == TerritoryByAccount && len(changedAccts) > 0 {
		// The deals of the accounts changed: a pass over the deals.
		d := &ix.cols.Deals
		for row, k := range d.Account {
			if changedAccts[k] {
				d.Territory[row] = ix.dealTerritory(row)
			}
		}
	}
	for _, id := range u.touched {
		u.applyHistory(id)
	}
	for _, i := range u.leads {
		l := &b.Leads[i]
		if r, held := ix.leadRow[l.ID]; held {
			ix.leads[r] = *l
			continue
		}
		if ix.leadRow == nil {
			ix.leadRow = make(map[string]int32)
		}
		ix.leadRow[l.ID] = int32(len(ix.leads))
		ix.allLeads = append(ix.allLeads, int32(len(ix.leads)))
		ix.leads = append(ix.leads, *l)
	}
	u.applyActivities()
	for _, i := range u.quotas {
		q := &b.Quotas[i]
		key := quotaKey{q.Rep, q.Team, q.Metric}
		if ix.upd.quotasOf == nil {
			ix.upd.quotasOf = make(map[quotaKey][]int)
		}
		ix.upd.quotasOf[key] = append(ix.upd.quotasOf[key], len(ix.quotas))
		ix.upd.quotaInput = append(ix.upd.quotaInput, i)
		ix.reps.intern(q.Rep)
		ix.teams.intern(q.Team)
		ix.quotas = append(ix.quotas, *q)
	}
	ix.growReps(Key(ix.reps.Len() - 1))
	if len(changedReps) > 0 {
		u.reassignTeams(changedReps)
	}
	ix.soleCurrency = NoKey
	for k, n := range ix.upd.currencies {
		if n == ix.cols.Deals.ID.Len() && n > 0 {
			ix.soleCurrency = Key(k)
		}
	}
	ix.compactHistory()
	ix.compactByDeal()
}

// growReps makes room in the roster for rep key k.
func (ix *Index) growReps(k Key) {
	for int(k) >= len(ix.roster) {
		ix.roster = append(ix.roster, Rep{})
		ix.inRoster = append(ix.inRoster, false)
		ix.upd.assign = append(ix.upd.assign, nil)
	}
}

// applyReps adds or replaces the batch's reps, returning the keys of those
// replaced.
func (u *update) applyReps() map[Key]bool {
	ix := u.ix
	var changed map[Key]bool
	for _, i := range u.reps {
		r := &u.b.Reps[i]
		k := ix.reps.intern(r.ID)
		ix.growReps(k)
		if ix.inRoster[k] {
			if changed == nil {
				changed = make(map[Key]bool)
			}
			changed[k] = true
		}
		kept := *r
		kept.Assignments, kept.Ramp = slices.Clone(r.Assignments), slices.Clone(r.Ramp)
		ix.roster[k], ix.inRoster[k] = kept, true
		as := make([]assignment, 0, len(r.Assignments))
		for _, a := range r.Assignments {
			as = append(as, assignment{from: toNanos(a.From), until: toNanos(a.Until), team: ix.teams.intern(a.Team)})
			ix.territories.intern(a.Territory)
		}
		ix.upd.assign[k] = as
	}
	return changed
}

// teamAt returns the team of rep k at t (Unix nanoseconds) by the roster,
// or NoKey.
func teamAt(assign [][]assignment, k Key, t int64) Key {
	if k < 0 || int(k) >= len(assign) {
		return NoKey
	}
	for _, a := range assign[k] {
		if t >= a.from && (a.until == noTime || t < a.until) {
			return a.team
		}
	}
	return NoKey
}

// dealTeam returns the team deal row counts for under the index's team
// rule.
func (ix *Index) dealTeam(row int) Key {
	d := &ix.cols.Deals
	own := ix.upd.ownTeam[row]
	if ix.opts.Team != TeamByRoster {
		return own
	}
	at := d.Closed[row]
	if at == noTime {
		at = toNanos(ix.opts.AsOf)
		if at == noTime {
			at = d.Created[row]
		}
	}
	if t := teamAt(ix.upd.assign, d.Owner[row], at); t != NoKey {
		return t
	}
	return own
}

// applyDeal replaces the deal with d's id, or adds d.
func (u *update) applyDeal(d *Deal) {
	ix := u.ix
	c := &ix.cols.Deals
	row, held := ix.dealRow.get(d.ID)
	if !held {
		row = int32(c.ID.Len())
		ix.dealRow.set(d.ID, row)
		c.ID.Append(d.ID)
		c.Owner = append(c.Owner, 0)
		c.Team = append(c.Team, 0)
		c.Territory = append(c.Territory, 0)
		c.Account = append(c.Account, 0)
		c.Source = append(c.Source, 0)
		c.Segment = append(c.Segment, 0)
		c.Stage = append(c.Stage, 0)
		c.Status = append(c.Status, 0)
		c.ForecastCategory = append(c.ForecastCategory, 0)
		c.LossReason = append(c.LossReason, 0)
		c.Currency = append(c.Currency, NoKey)
		c.Amount.Append(d.Amount, true)
		c.ACV.Append(d.ACV.Value, d.ACV.Valid)
		c.TCV.Append(d.TCV.Value, d.TCV.Valid)
		c.Cost.Append(d.Cost.Value, d.Cost.Valid)
		c.Probability.Append(d.Probability.Value, d.Probability.Valid)
		c.TermMonths = append(c.TermMonths, 0)
		c.Created = append(c.Created, 0)
		c.ExpectedClose = append(c.ExpectedClose, 0)
		c.Closed = append(c.Closed, 0)
		c.Attributes = append(c.Attributes, nil)
		ix.upd.ownTeam = append(ix.upd.ownTeam, NoKey)
		ix.allDeals = append(ix.allDeals, row)
		sc, a := &ix.cols.StageChanges, &ix.cols.Activities
		sc.DealStart, sc.DealEnd = append(sc.DealStart, 0), append(sc.DealEnd, 0)
		a.DealStart, a.DealEnd = append(a.DealStart, 0), append(a.DealEnd, 0)
	} else {
		c.Amount.Set(int(row), d.Amount, true)
		c.ACV.Set(int(row), d.ACV.Value, d.ACV.Valid)
		c.TCV.Set(int(row), d.TCV.Value, d.TCV.Valid)
		c.Cost.Set(int(row), d.Cost.Value, d.Cost.Valid)
		c.Probability.Set(int(row), d.Probability.Value, d.Probability.Valid)
		if k := c.Currency[row]; k >= 0 {
			ix.upd.currencies[k]--
		}
	}
	c.Owner[row] = ix.reps.intern(d.Owner)
	ix.upd.ownTeam[row] = ix.teams.intern(d.Team)
	c.Territory[row] = ix.territories.intern(d.Territory)
	if ix.opts.Territory == TerritoryByAccount {
		for int(row) >= len(ix.upd.ownTerritory) {
			ix.upd.ownTerritory = append(ix.upd.ownTerritory, NoKey)
		}
		ix.upd.ownTerritory[row] = c.Territory[row]
	}
	c.Account[row] = ix.accounts.intern(d.Account)
	c.Source[row] = ix.sources.intern(string(d.Source))
	c.Segment[row] = ix.segments.intern(d.Segment)
	c.Stage[row] = ix.stages.intern(string(d.Stage))
	c.Status[row] = d.Status
	c.ForecastCategory[row] = d.ForecastCategory
	c.LossReason[row] = ix.lossReasons.intern(d.LossReason)
	cur := ix.currencies.intern(string(d.Currency))
	c.Currency[row] = cur
	if cur >= 0 {
		for int(cur) >= len(ix.upd.currencies) {
			ix.upd.currencies = append(ix.upd.currencies, 0)
		}
		ix.upd.currencies[cur]++
	}
	c.TermMonths[row] = int32(d.TermMonths.Or(0))
	c.Created[row] = toNanos(d.CreatedAt)
	c.ExpectedClose[row] = toNanos(d.ExpectedCloseTime(ix.opts.Location))
	c.Closed[row] = toNanos(d.CloseTime(ix.opts.Location))
	c.SeeTimes(int(row))
	c.Attributes[row] = d.Attributes
	ix.growReps(Key(ix.reps.Len() - 1))
	c.Team[row] = ix.dealTeam(int(row))
	c.Territory[row] = ix.dealTerritory(int(row))
}

// dealTerritory returns the territory of deal row under the index's
// territory rule.
func (ix *Index) dealTerritory(row int) Key {
	d := &ix.cols.Deals
	if ix.opts.Territory != TerritoryByAccount {
		return d.Territory[row]
	}
	own := ix.upd.ownTerritory[row]
	k := d.Account[row]
	if k < 0 {
		return own
	}
	r, ok := ix.accountRow[ix.accounts.Name(k)]
	if !ok {
		return own
	}
	at := d.Closed[row]
	if at == noTime {
		at = toNanos(ix.opts.AsOf)
		if at == noTime {
			at = d.Created[row]
		}
	}
	t := ix.accountRecs[r].TerritoryAt(fromNanos(at))
	if t == "" {
		return own
	}
	return ix.territories.intern(t)
}

// applyHistory writes deal id's redone history after the others, leaving
// its old range to compactHistory.
func (u *update) applyHistory(id string) {
	ix := u.ix
	row, _ := ix.dealRow.get(id)
	sc := &ix.cols.StageChanges
	lo, hi := sc.Of(row)
	kept := u.histories[id]
	if len(kept) == 0 && lo == hi {
		return
	}
	start := int32(len(sc.At))
	for _, c := range kept {
		sc.Deal = append(sc.Deal, row)
		sc.From = append(sc.From, c.from)
		sc.To = append(sc.To, c.to)
		sc.At = append(sc.At, c.at)
	}
	sc.DealStart[row], sc.DealEnd[row] = start, int32(len(sc.At))
	ix.upd.scFree += int(hi - lo)
	ix.upd.changes += len(kept) - int(hi-lo)
}

// applyActivities replaces or adds the batch's activities and regroups
// the activity lists of the deals they join or leave.
func (u *update) applyActivities() {
	ix := u.ix
	a := &ix.cols.Activities
	added := make(map[int32][]int32) // deal row → activity rows joining it
	var dealOrder []int32
	join := func(deal, act int32) {
		if _, ok := added[deal]; !ok {
			dealOrder = append(dealOrder, deal)
		}
		added[deal] = append(added[deal], act)
	}
	idBytes := func(r int32) []byte { return a.ID.Bytes(int(r)) }
	for _, i := range u.acts {
		r := &u.b.Activities[i]
		deal := int32(-1)
		if r.Deal != "" {
			deal, _ = ix.dealRow.get(r.Deal)
		}
		rep := ix.reps.intern(r.Rep)
		at := toNanos(r.At)
		own := ix.teams.intern(r.Team)
		team := own
		if team == NoKey {
			team = teamAt(ix.upd.assign, rep, at)
		}
		account := ix.accounts.intern(r.Account)
		lead := int32(-1)
		if r.Lead != "" {
			lead = ix.leadRow[r.Lead]
		}
		row, held := ix.upd.actRow.find([]byte(r.ID), idBytes)
		if held {
			if old := a.Deal[row]; old != deal && old >= 0 {
				// Out of its old deal's list, in place.
				list := a.ByDeal[a.DealStart[old]:a.DealEnd[old]]
				j := slices.Index(list, row)
				copy(list[j:], list[j+1:])
				a.DealEnd[old]--
				ix.upd.byDealFree++
			}
			if deal >= 0 && a.Deal[row] != deal {
				join(deal, row)
			}
			a.Rep[row], a.Team[row] = rep, team
			a.Kind[row] = ix.kinds.intern(string(r.Kind))
			a.Outcome[row] = ix.outcomes.intern(string(r.Outcome))
			a.Account.Set(int(row), account)
			a.At[row], a.Deal[row] = at, deal
			a.Duration.Set(int(row), int64(r.Duration))
			a.Lead.Set(int(row), lead)
			ix.upd.actTeam.Set(int(row), own)
			continue
		}
		row = int32(a.ID.Len())
		a.ID.Append(r.ID)
		ix.upd.actRow.insert([]byte(r.ID), row, idBytes)
		a.Rep = append(a.Rep, rep)
		a.Team = append(a.Team, team)
		a.Kind = append(a.Kind, ix.kinds.intern(string(r.Kind)))
		a.Outcome = append(a.Outcome, ix.outcomes.intern(string(r.Outcome)))
		a.Account.Append(account)
		a.At = append(a.At, at)
		a.AtBounds.See(at)
		a.Deal = append(a.Deal, deal)
		a.Duration.Append(int64(r.Duration))
		a.Lead.Append(lead)
		ix.upd.actTeam.Append(own)
		ix.allActs = append(ix.allActs, row)
		if deal >= 0 {
			join(deal, row)
		}
	}
	for _, deal := range dealOrder {
		list := append(slices.Clone(a.ByDeal[a.DealStart[deal]:a.DealEnd[deal]]), added[deal]...)
		slices.Sort(list)
		ix.upd.byDealFree += int(a.DealEnd[deal] - a.DealStart[deal])
		a.DealStart[deal] = int32(len(a.ByDeal))
		a.ByDeal = append(a.ByDeal, list...)
		a.DealEnd[deal] = int32(len(a.ByDeal))
	}
}

// reassignTeams gives the deals and activities of the replaced reps the
// teams their new assignments say: a pass over the index.
func (u *update) reassignTeams(changed map[Key]bool) {
	ix := u.ix
	d := &ix.cols.Deals
	for row, owner := range d.Owner {
		if changed[owner] {
			d.Team[row] = ix.dealTeam(row)
		}
	}
	a := &ix.cols.Activities
	for row, rep := range a.Rep {
		if changed[rep] && ix.upd.actTeam.At(row) == NoKey {
			a.Team[row] = teamAt(ix.upd.assign, rep, a.At[row])
		}
	}
}

// compactMin is the fewest uncovered rows a compaction waits for;
// compactAlways (for tests) compacts whenever any row is uncovered.
var (
	compactMin    = 1024
	compactAlways = false
)

// compactHistory lays the stage history out afresh, deal by deal, once
// the rows no deal covers outnumber those it does (so that an update costs
// the batch, and a compaction now and then the index: a constant share of
// each update, amortised).
func (ix *Index) compactHistory() {
	sc := &ix.cols.StageChanges
	if ix.upd.scFree == 0 || (!compactAlways && (ix.upd.scFree <= ix.upd.changes || ix.upd.scFree < compactMin)) {
		return
	}
	n := ix.upd.changes
	var out columns.StageChanges[Key]
	out.Deal, out.From, out.To, out.At = make([]int32, 0, n), make([]Key, 0, n), make([]Key, 0, n), make([]int64, 0, n)
	out.DealStart, out.DealEnd = make([]int32, len(sc.DealStart)), make([]int32, len(sc.DealEnd))
	for row := range sc.DealStart {
		lo, hi := sc.DealStart[row], sc.DealEnd[row]
		out.DealStart[row] = int32(len(out.At))
		out.Deal = append(out.Deal, sc.Deal[lo:hi]...)
		out.From = append(out.From, sc.From[lo:hi]...)
		out.To = append(out.To, sc.To[lo:hi]...)
		out.At = append(out.At, sc.At[lo:hi]...)
		out.DealEnd[row] = int32(len(out.At))
	}
	*sc = out
	ix.upd.scFree = 0
}

// compactByDeal lays the activity lists out afresh, as compactHistory does
// the history.
func (ix *Index) compactByDeal() {
	a := &ix.cols.Activities
	live := len(a.ByDeal) - ix.upd.byDealFree
	if ix.upd.byDealFree == 0 || (!compactAlways && (ix.upd.byDealFree <= live || ix.upd.byDealFree < compactMin)) {
		return
	}
	out := make([]int32, 0, live)
	for row := range a.DealStart {
		lo := int32(len(out))
		out = append(out, a.ByDeal[a.DealStart[row]:a.DealEnd[row]]...)
		a.DealStart[row], a.DealEnd[row] = lo, int32(len(out))
	}
	a.ByDeal = out
	ix.upd.byDealFree = 0
}

// idTable finds rows by id: open addressing over rows, the ids read from
// the column they are in (so the table holds 4 bytes a slot, no strings).
type idTable struct {
	seed  maphash.Seed
	slots []int32 // 1 + row; 0 empty
	n     int
}

func newIDTable(n int) idTable {
	return idTable{seed: maphash.MakeSeed(), slots: make([]int32, 1<<bits.Len(uint(2*n+16)))}
}

// find returns the row of id, reading the ids of rows with idOf.
func (t *idTable) find(id []byte, idOf func(int32) []byte) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := maphash.Bytes(t.seed, id) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1, false
		}
		if string(idOf(s-1)) == string(id) {
			return s - 1, true
		}
	}
}

// insert adds row under id (absent from the table), growing the table to
// stay at most half full.
func (t *idTable) insert(id []byte, row int32, idOf func(int32) []byte) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]int32, 2*len(old))
		t.n = 0
		for _, s := range old {
			if s != 0 {
				t.insert(idOf(s-1), s-1, idOf)
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	i := maphash.Bytes(t.seed, id) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = row + 1
	t.n++
}
