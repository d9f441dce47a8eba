package activity_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// asOf returns the version of deal d a CRM showed at t, given its history:
// the deal itself once it closed and its last change are before t, else
// the deal open in the stage its history had reached.
func asOf(d activity.Deal, history []activity.StageChange, t time.Time, f activity.Funnel) activity.Deal {
	closed := d.CloseTime(time.UTC)
	last := d.CreatedAt
	for _, c := range history {
		if c.At.After(last) {
			last = c.At
		}
	}
	if (closed.IsZero() || closed.Before(t)) && last.Before(t) {
		return d
	}
	e := d
	e.Status, e.ClosedAt, e.CloseDate, e.LossReason = activity.StatusOpen, time.Time{}, activity.Date{}, ""
	e.Stage = f.Stages[0].Stage
	if len(history) > 0 && history[0].From != "" {
		e.Stage = history[0].From
	}
	for _, c := range history {
		if c.At.Before(t) {
			e.Stage = c.To
		}
	}
	e.Amount = d.Amount.Add(decimal.New(1, -1)) // an earlier estimate
	return e
}

// leadAsOf returns lead l as a CRM held it just before t: the steps it had
// not yet taken undone.
func leadAsOf(l activity.Lead, t time.Time) activity.Lead {
	if !l.ConvertedAt.Before(t) && !l.ConvertedAt.IsZero() {
		l.ConvertedAt, l.Account, l.Deal, l.Status = time.Time{}, "", "", activity.LeadQualified
	}
	if !l.DisqualifiedAt.Before(t) && !l.DisqualifiedAt.IsZero() {
		l.DisqualifiedAt, l.DisqualifyReason, l.Status = time.Time{}, "", activity.LeadQualified
	}
	if !l.QualifiedAt.Before(t) && !l.QualifiedAt.IsZero() {
		l.QualifiedAt = time.Time{}
	}
	if l.Status == activity.LeadQualified && l.QualifiedAt.IsZero() {
		l.Status = activity.LeadWorking
	}
	if !l.WorkingAt.Before(t) && !l.WorkingAt.IsZero() {
		l.WorkingAt = time.Time{}
	}
	if l.Status == activity.LeadWorking && l.WorkingAt.IsZero() {
		l.Status = activity.LeadNew
	}
	return l
}

// split cuts a generated book at the times cuts (n of them) into n+1
// parts: the base, what a CRM held before cuts[0], and batch k, what
// changed from cuts[k] to the next cut (or ever after, for the last): deals
// new then, deals in their state at the part's end when it changed, stage
// changes, activities and quotas of the span, and a few activities of
// earlier parts edited again (another outcome, no deal, or a deal of the
// base).
func split(r activity.Records, f activity.Funnel, cuts []time.Time, rng *rand.Rand) (base activity.Records, batches []activity.Records) {
	historyOf := map[string][]activity.StageChange{}
	for _, c := range r.StageChanges {
		historyOf[c.Deal] = append(historyOf[c.Deal], c)
	}
	for _, h := range historyOf {
		slices.SortStableFunc(h, func(a, b activity.StageChange) int { return a.At.Compare(b.At) })
	}
	n := len(cuts)
	part := func(t time.Time) int { // how many cuts are at or before t
		k := 0
		for k < n && !t.Before(cuts[k]) {
			k++
		}
		return k
	}
	parts := make([]activity.Records, n+1)
	parts[0].Reps = r.Reps
	first := map[string]int{} // the part a deal first appears in
	for _, d := range r.Deals {
		p0 := part(d.CreatedAt)
		first[d.ID] = p0
		var prev activity.Deal
		for k := p0; k <= n; k++ {
			end := cuts[n-1].AddDate(100, 0, 0)
			if k < n {
				end = cuts[k]
			}
			v := asOf(d, historyOf[d.ID], end, f)
			if k > p0 && cmp.Equal(v, prev, decimalEqual) {
				continue
			}
			parts[k].Deals = append(parts[k].Deals, v)
			prev = v
		}
	}
	for _, c := range r.StageChanges {
		k := max(part(c.At), first[c.Deal])
		parts[k].StageChanges = append(parts[k].StageChanges, c)
	}
	// Leads, in their state at each part's end as they change: a lead
	// converted later is first still being worked (or new).
	leadFirst := map[string]int{}
	for _, l := range r.Leads {
		p0 := part(l.CreatedAt)
		if l.Deal != "" {
			p0 = max(p0, first[l.Deal])
		}
		leadFirst[l.ID] = p0
		var prev activity.Lead
		for k := p0; k <= n; k++ {
			end := cuts[n-1].AddDate(100, 0, 0)
			if k < n {
				end = cuts[k]
			}
			v := leadAsOf(l, end)
			if k > p0 && cmp.Equal(v, prev) {
				continue
			}
			parts[k].Leads = append(parts[k].Leads, v)
			prev = v
		}
	}
	latest := map[string]activity.Activity{}
	for _, a := range r.Activities {
		k := part(a.At)
		if a.Deal != "" {
			k = max(k, first[a.Deal])
		}
		if a.Lead != "" {
			k = max(k, leadFirst[a.Lead])
		}
		parts[k].Activities = append(parts[k].Activities, a)
	}
	for k := 1; k <= n; k++ {
		for _, a := range parts[k-1].Activities {
			latest[a.ID] = a
		}
		var edits []activity.Activity
		for _, a := range parts[k-1].Activities {
			if rng.IntN(15) != 0 {
				continue
			}
			e := latest[a.ID]
			switch rng.IntN(3) {
			case 0:
				e.Outcome = "edited"
			case 1:
				e.Deal = ""
			default:
				e.Deal = parts[0].Deals[rng.IntN(len(parts[0].Deals))].ID
			}
			edits = append(edits, e)
		}
		// The edits come first: an activity the part also gives new (none
		// here) would otherwise be a repeat.
		parts[k].Activities = append(edits, parts[k].Activities...)
	}
	for _, q := range r.Quotas {
		k := part(q.Period.Start)
		parts[k].Quotas = append(parts[k].Quotas, q)
	}
	return parts[0], parts[1:]
}

var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// sameIndex reports how got differs from want, a rebuild: every deal,
// activity, history and quota, and KPIs by rep and team.
func sameIndex(t *testing.T, got, want *activity.Index, window activity.Period) {
	t.Helper()
	if got.NumDeals() != want.NumDeals() || got.NumActivities() != want.NumActivities() || got.NumStageChanges() != want.NumStageChanges() {
		t.Fatalf("updated: %d deals, %d activities, %d changes; rebuilt: %d, %d, %d", got.NumDeals(), got.NumActivities(),
			got.NumStageChanges(), want.NumDeals(), want.NumActivities(), want.NumStageChanges())
	}
	for _, ix := range []*activity.Index{got, want} {
		if err := activity.TimeBoundsHold(ix); err != nil {
			t.Fatal(err)
		}
	}
	for i := range want.NumDeals() {
		if diff := cmp.Diff(want.Deal(i), got.Deal(i), decimalEqual); diff != "" {
			t.Fatalf("deal row %d (-rebuilt +updated):\n%s", i, diff)
		}
		if diff := cmp.Diff(activity.HistoryOf(want, i), activity.HistoryOf(got, i)); diff != "" {
			t.Fatalf("history of deal row %d (-rebuilt +updated):\n%s", i, diff)
		}
		if diff := cmp.Diff(activity.ActivityRowsOf(want, i), activity.ActivityRowsOf(got, i), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("activities of deal row %d (-rebuilt +updated):\n%s", i, diff)
		}
	}
	for i := range want.NumActivities() {
		if diff := cmp.Diff(want.Activity(i), got.Activity(i)); diff != "" {
			t.Fatalf("activity row %d (-rebuilt +updated):\n%s", i, diff)
		}
	}
	if diff := cmp.Diff(want.Quotas(), got.Quotas(), decimalEqual); diff != "" {
		t.Fatalf("quotas (-rebuilt +updated):\n%s", diff)
	}
	if diff := cmp.Diff(want.Leads(), got.Leads()); diff != "" {
		t.Fatalf("leads (-rebuilt +updated):\n%s", diff)
	}
	for i, l := range want.Leads() {
		if r, ok := got.LeadRow(l.ID); !ok || r != i {
			t.Fatalf("lead %s at row %d, %v; rebuilt at %d", l.ID, r, ok, i)
		}
	}
	wc, wok := want.Currency()
	gc, gok := got.Currency()
	if wc != gc || wok != gok {
		t.Fatalf("currency %v %v, rebuilt %v %v", gc, gok, wc, wok)
	}
	kpis := func(ix *activity.Index) []any {
		v := ix.All()
		wr, err1 := performance.WinRateBy(v, window, activity.ByRep(), performance.WinRateOptions{})
		bk, err2 := performance.BookingsBy(v, window, activity.ByTeam(), performance.BookingsOptions{})
		pl, err3 := performance.OpenPipelineBy(v, window, activity.ByRep(), performance.PipelineOptions{})
		fn, err4 := performance.FunnelBy(v, window, activity.ByTeam(), performance.FunnelOptions{})
		cy, err5 := performance.SalesCycleBy(v, window, activity.ByRep(), performance.CycleOptions{})
		return []any{wr, bk, pl, fn, cy, errors.Join(err1, err2, err3, err4, err5) == nil}
	}
	if diff := cmp.Diff(kpis(want), kpis(got), decimalEqual, cmpopts.EquateEmpty(), cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Fatalf("KPIs (-rebuilt +updated):\n%s", diff)
	}
}

// TestUpdateProperty: a generated book cut into a base and batches, the
// base indexed and each batch applied by Update, gives the index a rebuild
// from the merged records gives (deal by deal, activity by activity, each
// history, quotas, and KPIs by rep and team), after every batch; with
// compaction at every chance in half the cases.
func TestUpdateProperty(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			if seed%2 == 1 {
				defer activity.CompactAlways()()
			}
			cfg := activitytest.Config{Seed: seed + 1, Months: 6, Reps: 5, Teams: 2, DealsPerRepMonth: 3, EURShare: 0.2, CloseDateShare: 0.3}
			r := activitytest.Generate(cfg)
			window := cfg.Window()
			f := activity.TypicalB2B()
			rng := rand.New(rand.NewPCG(seed, 9))
			var cuts []time.Time
			for k := range 2 + int(seed%4) {
				cuts = append(cuts, window.Start.AddDate(0, 1+k, rng.IntN(20)))
			}
			base, batches := split(r, f, cuts, rng)
			opts := activity.IndexOptions{Funnel: f, AsOf: window.End}
			ix, err := activity.NewIndex(base, opts)
			if err != nil {
				t.Fatal(err)
			}
			applied := base
			for k, b := range batches {
				skipped, err := ix.Update(b)
				if err != nil || len(skipped) > 0 {
					t.Fatalf("batch %d: %v, skipped %v", k, err, skipped)
				}
				applied = apply(applied, b)
				want, err := activity.NewIndex(applied, opts)
				if err != nil {
					t.Fatal(err)
				}
				sameIndex(t, ix, want, window)
				if c, l := activity.Uncovered(ix); seed%2 == 1 && (c != 0 || l != 0) {
					t.Fatalf("batch %d: %d changes and %d list rows uncovered after a compaction", k, c, l)
				}
			}
		})
	}
}

// apply is the records after batch b: replacements in place, new records
// after.
func apply(r activity.Records, b activity.Records) activity.Records {
	out := activity.Records{Reps: slices.Clone(r.Reps), Deals: slices.Clone(r.Deals), StageChanges: slices.Concat(r.StageChanges, b.StageChanges),
		Activities: slices.Clone(r.Activities), Quotas: slices.Concat(r.Quotas, b.Quotas), Leads: slices.Clone(r.Leads)}
	for _, l := range b.Leads {
		if i := slices.IndexFunc(out.Leads, func(x activity.Lead) bool { return x.ID == l.ID }); i >= 0 {
			out.Leads[i] = l
		} else {
			out.Leads = append(out.Leads, l)
		}
	}
	for _, rep := range b.Reps {
		if i := slices.IndexFunc(out.Reps, func(x activity.Rep) bool { return x.ID == rep.ID }); i >= 0 {
			out.Reps[i] = rep
		} else {
			out.Reps = append(out.Reps, rep)
		}
	}
	for _, d := range b.Deals {
		if i := slices.IndexFunc(out.Deals, func(x activity.Deal) bool { return x.ID == d.ID }); i >= 0 {
			out.Deals[i] = d
		} else {
			out.Deals = append(out.Deals, d)
		}
	}
	for _, a := range b.Activities {
		if i := slices.IndexFunc(out.Activities, func(x activity.Activity) bool { return x.ID == a.ID }); i >= 0 {
			out.Activities[i] = a
		} else {
			out.Activities = append(out.Activities, a)
		}
	}
	return out
}

// updBook is a small hand book: ann (team east until 1 March, then west)
// and bob (west) with two deals and an activity.
func updBook() activity.Records {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	return activity.Records{
		Reps: []activity.Rep{
			{ID: "ann", Assignments: []activity.Assignment{{Team: "east", From: day(1, 1), Until: day(3, 1)}, {Team: "west", From: day(3, 1)}}},
			{ID: "bob", Assignments: []activity.Assignment{{Team: "west", From: day(1, 1)}}},
		},
		Deals: []activity.Deal{
			{ID: "D-1", Owner: "ann", Stage: activity.StageProspecting, Status: activity.StatusOpen, Currency: "USD", Amount: decimal.New(100, 0), CreatedAt: day(1, 10)},
			{ID: "D-2", Owner: "bob", Stage: activity.StageClosedWon, Status: activity.StatusWon, Currency: "USD", Amount: decimal.New(50, 0), CreatedAt: day(1, 12), ClosedAt: day(2, 1)},
		},
		StageChanges: []activity.StageChange{{Deal: "D-2", From: activity.StageProspecting, To: activity.StageClosedWon, At: day(2, 1)}},
		Activities:   []activity.Activity{{ID: "a1", Rep: "ann", Kind: activity.KindCall, At: day(1, 15), Deal: "D-1"}},
	}
}

// TestUpdateRecords: a deal won, a new deal and activity, ann's roster
// record replaced (her move to west brought forward to 1 February), a new
// rep: each as a rebuild from the merged records has it.
func TestUpdateRecords(t *testing.T) {
	t.Parallel()
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	opts := activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: day(6, 1)}
	ix, err := activity.NewIndex(updBook(), opts)
	if err != nil {
		t.Fatal(err)
	}
	batch := activity.Records{
		Reps: []activity.Rep{
			{ID: "ann", Assignments: []activity.Assignment{{Team: "east", From: day(1, 1), Until: day(2, 1)}, {Team: "west", From: day(2, 1)}}},
			{ID: "cat", Assignments: []activity.Assignment{{Team: "north", From: day(2, 1)}}},
		},
		Deals: []activity.Deal{
			{ID: "D-1", Owner: "ann", Stage: activity.StageClosedWon, Status: activity.StatusWon, Currency: "USD", Amount: decimal.New(120, 0), CreatedAt: day(1, 10), ClosedAt: day(2, 20)},
			{ID: "D-3", Owner: "cat", Stage: activity.StageQualification, Status: activity.StatusOpen, Currency: "EUR", Amount: decimal.RequireFromString("7.25"), CreatedAt: day(2, 5)},
		},
		StageChanges: []activity.StageChange{
			{Deal: "D-1", From: activity.StageProposal, To: activity.StageClosedWon, At: day(2, 20)},
			{Deal: "D-1", From: activity.StageProspecting, To: activity.StageProposal, At: day(2, 10)}, // out of order: chained by time
		},
		Activities: []activity.Activity{
			{ID: "a2", Rep: "cat", Kind: activity.KindEmail, At: day(2, 6), Deal: "D-3"},
			{ID: "a1", Rep: "ann", Kind: activity.KindMeeting, At: day(1, 15), Deal: "D-2"}, // moved to D-2
		},
	}
	skipped, err := ix.Update(batch)
	if err != nil || skipped != nil {
		t.Fatalf("Update: %v, %v", err, skipped)
	}
	want, err := activity.NewIndex(apply(updBook(), batch), opts)
	if err != nil {
		t.Fatal(err)
	}
	sameIndex(t, ix, want, activity.Period{Start: day(1, 1), End: day(6, 1)})
	// By hand: D-1 closed 20 February, when ann was in west by her new
	// record (east by the old); a1, on 15 January, stays east; the
	// currencies are now two.
	row, _ := ix.DealRow("D-1")
	if got := ix.Teams().Name(ix.DealTeam(row)); got != "west" {
		t.Errorf("D-1 counts for %q, want west", got)
	}
	if got := ix.Activity(0); got.Team != "east" || got.Deal != "D-2" || got.Kind != activity.KindMeeting {
		t.Errorf("a1 is %+v", got)
	}
	if _, ok := ix.Currency(); ok {
		t.Error("one currency after an EUR deal")
	}
	if got := activity.HistoryOf(ix, row); len(got) != 2 || got[0].To != activity.StageProposal || got[1].To != activity.StageClosedWon {
		t.Errorf("D-1's history %v", got)
	}
}

// TestUpdateErrors: each bad batch fails naming the record and leaves the
// index as it was (a rebuild of the book); under SkipInvalid the bad
// records are left out and reported, the rest applied.
func TestUpdateErrors(t *testing.T) {
	t.Parallel()
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 12, 0, 0, 0, time.UTC) }
	opts := activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: day(6, 1)}
	newDeal := activity.Deal{ID: "D-9", Owner: "bob", Stage: activity.StageProspecting, Status: activity.StatusOpen, Currency: "USD", Amount: decimal.New(9, 0), CreatedAt: day(3, 1)}
	for _, tc := range []struct {
		name   string
		batch  activity.Records
		want   error
		record string
		index  int
	}{
		{"deal twice", activity.Records{Deals: []activity.Deal{newDeal, newDeal}}, activity.ErrDuplicateID, "deal", 0},
		{"unknown owner", activity.Records{Deals: []activity.Deal{func() activity.Deal { d := newDeal; d.Owner = "zed"; return d }()}}, activity.ErrUnknownRep, "deal", 0},
		{"unknown stage", activity.Records{Deals: []activity.Deal{func() activity.Deal { d := newDeal; d.Stage = "Nowhere"; return d }()}}, activity.ErrUnknownStage, "deal", 0},
		{"won in an open stage", activity.Records{Deals: []activity.Deal{func() activity.Deal {
			d := newDeal
			d.Status, d.ClosedAt = activity.StatusWon, day(3, 2)
			return d
		}()}}, activity.ErrStageStatus, "deal", 0},
		{"change of an unknown deal", activity.Records{StageChanges: []activity.StageChange{{Deal: "D-7", To: activity.StageProposal, At: day(3, 1)}}}, activity.ErrUnknownDeal, "stage change", 0},
		{"change before the deal", activity.Records{StageChanges: []activity.StageChange{{Deal: "D-1", From: activity.StageProspecting, To: activity.StageProposal, At: day(1, 1)}}}, activity.ErrTimeOrder, "stage change", 0},
		{"change after the close", activity.Records{StageChanges: []activity.StageChange{{Deal: "D-2", From: activity.StageClosedWon, To: activity.StageProposal, At: day(3, 1)}}}, activity.ErrTimeOrder, "stage change", 0},
		{"broken history", activity.Records{StageChanges: []activity.StageChange{
			{Deal: "D-1", From: activity.StageDemo, To: activity.StageNegotiation, At: day(3, 1)},
			{Deal: "D-1", From: activity.StageProspecting, To: activity.StageProposal, At: day(2, 10)},
		}}, activity.ErrBrokenHistory, "stage change", 0},
		{"a held change broken", activity.Records{StageChanges: []activity.StageChange{{Deal: "D-2", From: activity.StageProspecting, To: activity.StageProposal, At: day(1, 20)}}}, activity.ErrBrokenHistory, "stage change", -1},
		{"a close before a held change", activity.Records{Deals: []activity.Deal{func() activity.Deal {
			d := updBook().Deals[1]
			d.ClosedAt = day(1, 20)
			return d
		}()}}, activity.ErrTimeOrder, "stage change", -1},
		{"activity twice", activity.Records{Activities: []activity.Activity{{ID: "a7", Rep: "bob", Kind: activity.KindCall, At: day(3, 1)}, {ID: "a7", Rep: "bob", Kind: activity.KindCall, At: day(3, 1)}}}, activity.ErrDuplicateID, "activity", 0},
		{"activity of an unknown deal", activity.Records{Activities: []activity.Activity{{ID: "a7", Rep: "bob", Kind: activity.KindCall, At: day(3, 1), Deal: "D-7"}}}, activity.ErrUnknownDeal, "activity", 0},
		{"activity of an unknown rep", activity.Records{Activities: []activity.Activity{{ID: "a7", Rep: "zed", Kind: activity.KindCall, At: day(3, 1)}}}, activity.ErrUnknownRep, "activity", 0},
		{"rep twice", activity.Records{Reps: []activity.Rep{{ID: "cat"}, {ID: "cat"}}}, activity.ErrDuplicateID, "rep", 0},
		{"quotas overlapping", activity.Records{Quotas: []activity.Quota{
			{Rep: "bob", Metric: "bookings", Period: activity.Period{Start: day(1, 1), End: day(4, 1)}, Amount: activity.Some(decimal.New(1, 3)), Currency: "USD"},
			{Rep: "bob", Metric: "bookings", Period: activity.Period{Start: day(3, 1), End: day(7, 1)}, Amount: activity.Some(decimal.New(1, 3)), Currency: "USD"},
		}}, activity.ErrOverlap, "quota", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := activity.NewIndex(updBook(), opts)
			if err != nil {
				t.Fatal(err)
			}
			skipped, err := ix.Update(tc.batch)
			var re *activity.RecordError
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Record != tc.record || re.Index != tc.index || skipped != nil {
				t.Fatalf("Update: %v (%+v), skipped %v; want %v on %s %d", err, re, skipped, tc.want, tc.record, tc.index)
			}
			want, _ := activity.NewIndex(updBook(), opts)
			sameIndex(t, ix, want, activity.Period{Start: day(1, 1), End: day(6, 1)})
			// Skipping: the bad records out, reported, nothing else lost.
			ix, _ = activity.NewIndex(updBook(), activity.IndexOptions{Funnel: opts.Funnel, AsOf: opts.AsOf, SkipInvalid: true})
			skipped, err = ix.Update(tc.batch)
			if err != nil || len(skipped) == 0 || !errors.Is(skipped[0], tc.want) {
				t.Fatalf("skipping: %v, %v", err, skipped)
			}
		})
	}
	// An index built without a roster cannot gain one.
	r := updBook()
	r.Reps = nil
	ix, err := activity.NewIndex(r, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(activity.Records{Reps: []activity.Rep{{ID: "cat"}}}); !errors.Is(err, activity.ErrNeedsRebuild) {
		t.Errorf("a first roster: %v", err)
	}
}
