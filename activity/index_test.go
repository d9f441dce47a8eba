package activity

import (
	"errors"
	"fmt"
	"github.com/salesmetrics/salesmetrics/internal/columns"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var (
	jan1   = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	oneDay = 24 * time.Hour
)

// smallRecords is a hand-made company: ann moves from team east to team
// west on 1 March 2024; bob stays in east. D-1 (ann) closes won in February,
// D-2 (ann) closes lost in March, D-3 (bob) is still open.
func smallRecords() Records {
	mar1 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	usd := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	return Records{
		Reps: []Rep{
			{ID: "ann", Assignments: []Assignment{
				{From: jan1, Until: mar1, Team: "east", Territory: "n"},
				{From: mar1, Team: "west", Territory: "s"},
			}},
			{ID: "bob", Assignments: []Assignment{{From: jan1, Team: "east"}}},
		},
		Deals: []Deal{
			{ID: "D-1", Owner: "ann", Team: "crm-team", Territory: "n", Amount: usd("1000.50"), Currency: "USD",
				Stage: StageClosedWon, Status: StatusWon, CreatedAt: jan1, ClosedAt: jan1.Add(40 * oneDay)},
			{ID: "D-2", Owner: "ann", Territory: "s", Amount: usd("250.125"), Currency: "USD",
				Stage: StageClosedLost, Status: StatusLost, CreatedAt: jan1.Add(10 * oneDay), ClosedAt: jan1.Add(70 * oneDay),
				Probability: Some(decimal.Zero)},
			{ID: "D-3", Owner: "bob", Territory: "n", Amount: usd("99"), Currency: "EUR",
				Stage: StageDemo, Status: StatusOpen, CreatedAt: jan1.Add(20 * oneDay), Cost: Some(usd("40"))},
		},
		StageChanges: []StageChange{
			// Given out of time order on purpose: the index sorts by time.
			{Deal: "D-1", From: StageQualification, To: StageClosedWon, At: jan1.Add(40 * oneDay)},
			{Deal: "D-1", To: StageQualification, At: jan1.Add(5 * oneDay)},
			{Deal: "D-3", To: StageDemo, At: jan1.Add(25 * oneDay)},
		},
		Activities: []Activity{
			{ID: "a1", Rep: "ann", Kind: KindCall, At: jan1.Add(2 * oneDay), Deal: "D-1", Outcome: OutcomeConnected},
			{ID: "a2", Rep: "ann", Kind: KindCall, At: jan1.Add(65 * oneDay), Deal: "D-2", Outcome: OutcomeNoAnswer},
			{ID: "a3", Rep: "bob", Kind: KindEmail, At: jan1.Add(21 * oneDay), Deal: "D-3"},
			{ID: "a4", Rep: "bob", Kind: KindMeeting, At: jan1.Add(22 * oneDay), Team: "special", Lead: "L-2"},
		},
		Quotas: []Quota{{Rep: "ann", Period: Period{Start: jan1, End: jan1.AddDate(0, 3, 0)}, Amount: Some(usd("5000")), Currency: "USD"}},
		Leads: []Lead{
			{ID: "L-1", Source: SourceInbound, Owner: "ann", Status: LeadConverted, CreatedAt: jan1.Add(-3 * oneDay),
				QualifiedAt: jan1.Add(-oneDay), ConvertedAt: jan1, Account: "acme", Deal: "D-1"},
			{ID: "L-2", Source: SourceEvent, Status: LeadWorking, CreatedAt: jan1.Add(20 * oneDay), WorkingAt: jan1.Add(22 * oneDay)},
		},
	}
}

func TestNewIndex(t *testing.T) {
	t.Parallel()
	ix, err := NewIndex(smallRecords(), IndexOptions{Funnel: TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	d := &ix.cols.Deals
	// Team by roster: D-1 closed 10 Feb while ann was in east; D-2 closed
	// 11 Mar after her move to west; D-3 is open and AsOf is zero, so bob's
	// team at creation, east.
	teams := []string{ix.teams.Name(d.Team[0]), ix.teams.Name(d.Team[1]), ix.teams.Name(d.Team[2])}
	if diff := cmp.Diff([]string{"east", "west", "east"}, teams); diff != "" {
		t.Errorf("deal teams (-want +got):\n%s", diff)
	}
	// Amounts: the column takes the widest scale, 3 places (250.125).
	units, scale := d.Amount.Units()
	if diff := cmp.Diff([]int64{1000500, 250125, 99000}, units); diff != "" || scale != 3 {
		t.Errorf("amount units (-want +got):\n%s scale %d", diff, scale)
	}
	if d.Probability.Present(0) || !d.Probability.Present(1) || d.Cost.Present(0) || !d.Cost.Present(2) {
		t.Error("optional columns lost absent/present")
	}
	// Stages keep funnel order: demo is the third stage.
	if got := ix.stages.Name(d.Stage[2]); got != "demo" || d.Stage[2] != 2 {
		t.Errorf("stage of D-3 = %q (key %d), want demo (2)", got, d.Stage[2])
	}
	if !ix.StageWon(d.Stage[0]) || !ix.StageLost(d.Stage[1]) || ix.StageWon(d.Stage[2]) {
		t.Error("won/lost stage flags wrong")
	}
	// Stage history sorted by time within the deal.
	sc := &ix.cols.StageChanges
	if diff := cmp.Diff([]int32{0, 2, 2}, sc.DealStart); diff != "" {
		t.Errorf("DealStart (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{2, 2, 3}, sc.DealEnd); diff != "" {
		t.Errorf("DealEnd (-want +got):\n%s", diff)
	}
	if got := ix.stages.Name(sc.To[0]); got != "qualification" {
		t.Errorf("first change of D-1 to %q, want qualification", got)
	}
	a := &ix.cols.Activities
	// Activity teams: ann in January → east; ann on 6 March → west; bob →
	// east; a4 carries its own team.
	ateams := []string{ix.teams.Name(a.Team[0]), ix.teams.Name(a.Team[1]), ix.teams.Name(a.Team[2]), ix.teams.Name(a.Team[3])}
	if diff := cmp.Diff([]string{"east", "west", "east", "special"}, ateams); diff != "" {
		t.Errorf("activity teams (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{0, 1, 2, -1}, a.Deal); diff != "" {
		t.Errorf("activity deals (-want +got):\n%s", diff)
	}
	// The record comes back as it went in, with the resolved team.
	want := smallRecords().Deals[0]
	want.Team = "east"
	if diff := cmp.Diff(want, ix.Deal(0), decimalEqual); diff != "" {
		t.Errorf("Deal(0) (-want +got):\n%s", diff)
	}
	if row, ok := ix.DealRow("D-3"); !ok || row != 2 {
		t.Errorf("DealRow(D-3) = %d, %v", row, ok)
	}
}

func TestTeamRules(t *testing.T) {
	t.Parallel()
	r := smallRecords()
	ix, err := NewIndex(r, IndexOptions{Team: TeamFromDeal})
	if err != nil {
		t.Fatal(err)
	}
	// The deals' own fields: "crm-team", "", "".
	if got := ix.teams.Name(ix.cols.Deals.Team[0]); got != "crm-team" || ix.cols.Deals.Team[1] != NoKey {
		t.Errorf("TeamFromDeal teams = %q, %d", got, ix.cols.Deals.Team[1])
	}
	// AsOf after bob... he never moves; use ann's open deal instead.
	r.Deals[2].Owner = "ann"
	ix, err = NewIndex(r, IndexOptions{AsOf: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.teams.Name(ix.cols.Deals.Team[2]); got != "west" {
		t.Errorf("open deal team at AsOf June = %q, want west", got)
	}
	// Without a roster assignment at the time, the deal's own team.
	r.Reps = nil
	ix, err = NewIndex(r, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.teams.Name(ix.cols.Deals.Team[0]); got != "crm-team" {
		t.Errorf("team without roster = %q, want crm-team", got)
	}
}

func TestNewIndexErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		modify func(*Records)
		record string
		index  int
		field  string
		want   error
	}{
		{"duplicate deal", func(r *Records) { r.Deals = append(r.Deals, r.Deals[0]) }, "deal", 3, "id", ErrDuplicateID},
		{"duplicate activity", func(r *Records) { r.Activities = append(r.Activities, r.Activities[0]) }, "activity", 4, "id", ErrDuplicateID},
		{"duplicate rep", func(r *Records) { r.Reps = append(r.Reps, r.Reps[0]) }, "rep", 2, "id", ErrDuplicateID},
		{"unknown stage", func(r *Records) { r.Deals[2].Stage = "haggling" }, "deal", 2, "stage", ErrUnknownStage},
		{"won in open stage", func(r *Records) { r.Deals[0].Stage = StageDemo }, "deal", 0, "status", ErrStageStatus},
		{"open in won stage", func(r *Records) { r.Deals[2].Stage = StageClosedWon }, "deal", 2, "status", ErrStageStatus},
		{"owner not in roster", func(r *Records) { r.Deals[2].Owner = "cy" }, "deal", 2, "owner", ErrUnknownRep},
		{"activity rep not in roster", func(r *Records) { r.Activities[3].Rep = "cy" }, "activity", 3, "rep", ErrUnknownRep},
		{"quota rep not in roster", func(r *Records) { r.Quotas[0].Rep = "cy" }, "quota", 0, "rep", ErrUnknownRep},
		{"activity unknown deal", func(r *Records) { r.Activities[0].Deal = "D-9" }, "activity", 0, "deal", ErrUnknownDeal},
		{"change unknown deal", func(r *Records) { r.StageChanges[2].Deal = "D-9" }, "stage change", 2, "deal", ErrUnknownDeal},
		{"change unknown stage", func(r *Records) { r.StageChanges[2].To = "haggling" }, "stage change", 2, "to", ErrUnknownStage},
		{"change before created", func(r *Records) { r.StageChanges[2].At = jan1 }, "stage change", 2, "at", ErrTimeOrder},
		{"change after closed", func(r *Records) { r.StageChanges[0].At = jan1.Add(41 * oneDay) }, "stage change", 0, "at", ErrTimeOrder},
		{"history does not chain", func(r *Records) { r.StageChanges[0].From = StageDemo }, "stage change", 0, "from", ErrBrokenHistory},
		{"activity of invalid deal", func(r *Records) { r.Deals[2].Amount = decimal.NewFromInt(-5) }, "activity", 2, "deal", ErrUnknownDeal},
		{"time out of range", func(r *Records) { r.Activities[0].At = time.Date(1066, 10, 14, 0, 0, 0, 0, time.UTC) }, "activity", 0, "at", ErrInvalidTime},
		{"overlapping quota", func(r *Records) {
			q := r.Quotas[0]
			q.Period.Start = q.Period.End.Add(-oneDay)
			q.Period.End = q.Period.End.Add(oneDay)
			r.Quotas = append(r.Quotas, q)
		}, "quota", 1, "period", ErrOverlap},
		{"expected close before created", func(r *Records) { r.Deals[2].ExpectedCloseAt = jan1 }, "deal", 2, "expected_close_at", ErrTimeOrder},
		{"overlapping roster", func(r *Records) {
			r.Reps[1].Assignments = append(r.Reps[1].Assignments, Assignment{From: jan1.Add(oneDay), Team: "x"})
		}, "rep", 1, "assignments[1]", ErrOverlap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := smallRecords()
			tc.modify(&r)
			ix, err := NewIndex(r, IndexOptions{Funnel: TypicalB2B()})
			if ix != nil || !errors.Is(err, tc.want) {
				t.Fatalf("NewIndex() = %v, %v, want error %v", ix, err, tc.want)
			}
			if !hasRecordError(err, tc.record, tc.index, tc.field, tc.want) {
				t.Errorf("NewIndex() error = %v, want %s %d %s", err, tc.record, tc.index, tc.field)
			}
		})
	}
	if _, err := NewIndex(smallRecords(), IndexOptions{Team: 7}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("NewIndex(team rule 7) = %v, want ErrInvalidOptions", err)
	}
	if _, err := NewIndex(smallRecords(), IndexOptions{Funnel: Funnel{Stages: []FunnelStage{{Stage: "a"}}}}); !errors.Is(err, ErrInvalidFunnel) {
		t.Errorf("NewIndex(bad funnel) = %v, want ErrInvalidFunnel", err)
	}
}

func TestSkipInvalid(t *testing.T) {
	t.Parallel()
	r := smallRecords()
	r.Deals[2].Amount = decimal.NewFromInt(-5) // D-3 invalid: a3 refers to it
	r.Activities[0].Kind = ""                  // a1 invalid
	ix, err := NewIndex(r, IndexOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.cols.Deals.ID.Len(); got != 2 {
		t.Errorf("deals kept = %d, want 2", got)
	}
	// Kept: a2 and a4. Skipped: a1 (no kind), a3 (deal D-3 invalid), and the
	// stage change of D-3.
	if diff := cmp.Diff([]string{"a2", "a4"}, ix.cols.Activities.ID.All()); diff != "" {
		t.Errorf("activities kept (-want +got):\n%s", diff)
	}
	if got := len(ix.Skipped()); got != 4 {
		t.Errorf("Skipped() = %v, want 4 problems", ix.Skipped())
	}
}

func TestViews(t *testing.T) {
	t.Parallel()
	ix, err := NewIndex(smallRecords(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all := ix.All()
	east, err := all.Team("east")
	if err != nil {
		t.Fatal(err)
	}
	// east: D-1 (ann before her move), D-3 (bob); activities a1 (ann in
	// January), a3 (bob). a4 is in team "special".
	if diff := cmp.Diff([]int32{0, 2}, east.DealRows()); diff != "" {
		t.Errorf("east deals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{0, 2}, east.ActivityRows()); diff != "" {
		t.Errorf("east activities (-want +got):\n%s", diff)
	}
	ann, err := east.Rep("ann")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int32{0}, ann.DealRows()); diff != "" || ann.Label() != "all / team=east / rep=ann" {
		t.Errorf("east/ann deals %v label %q", ann.DealRows(), ann.Label())
	}
	south, err := all.Territory("s")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int32{1}, south.DealRows()); diff != "" {
		t.Errorf("territory s deals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{1}, south.ActivityRows()); diff != "" {
		t.Errorf("territory s activities (-want +got):\n%s", diff)
	}
	feb := all.ActivitiesIn(Period{Start: jan1.AddDate(0, 1, 0), End: jan1.AddDate(0, 2, 0), Name: "2024-02"})
	if len(feb.ActivityRows()) != 0 || len(feb.DealRows()) != 3 {
		t.Errorf("February activities = %v, want none", feb.ActivityRows())
	}
	for _, bad := range []func() (View, error){
		func() (View, error) { return all.Rep("zed") },
		func() (View, error) { return all.Team("zed") },
		func() (View, error) { return all.Territory("zed") },
		func() (View, error) { return all.Rep("") },
	} {
		if _, err := bad(); !errors.Is(err, ErrUnknownName) {
			t.Errorf("unknown name error = %v, want ErrUnknownName", err)
		}
	}
}

// hasRecordError reports whether err, or one of the errors it joins, is a
// RecordError for that record, position and field wrapping want.
func hasRecordError(err error, record string, index int, field string, want error) bool {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			if hasRecordError(e, record, index, field, want) {
				return true
			}
		}
		return false
	}
	var re *RecordError
	return errors.As(err, &re) && re.Record == record && re.Index == index && re.Field == field && errors.Is(re, want)
}

// sameIndex reports the columns and teams in which got differs from want.
func sameIndex(t *testing.T, want, got *Index) {
	t.Helper()
	opts := cmp.Options{cmp.AllowUnexported(columns.Decimals{}), decimalEqual,
		cmp.Comparer(func(x, y columns.Strings) bool { return slices.Equal(x.All(), y.All()) })}
	if diff := cmp.Diff(want.cols.Deals, got.cols.Deals, opts); diff != "" {
		t.Errorf("deal columns (-NewIndex +NewIndexFrom):\n%s", diff)
	}
	if diff := cmp.Diff(want.cols.Activities, got.cols.Activities, cmp.AllowUnexported(columns.Strings{}),
		cmp.Comparer(func(x, y columns.Sparse[Key]) bool { return slices.Equal(x.All(), y.All()) }),
		cmp.Comparer(func(x, y columns.Sparse[int64]) bool { return slices.Equal(x.All(), y.All()) }),
		cmp.Comparer(func(x, y columns.Sparse[int32]) bool { return slices.Equal(x.All(), y.All()) })); diff != "" {
		t.Errorf("activity columns (-NewIndex +NewIndexFrom):\n%s", diff)
	}
	if diff := cmp.Diff(want.accountRecs, got.accountRecs, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("accounts (-NewIndex +NewIndexFrom):\n%s", diff)
	}
	if diff := cmp.Diff(want.leads, got.leads); diff != "" {
		t.Errorf("leads (-NewIndex +NewIndexFrom):\n%s", diff)
	}
	if diff := cmp.Diff(want.cols.StageChanges, got.cols.StageChanges); diff != "" {
		t.Errorf("stage changes (-NewIndex +NewIndexFrom):\n%s", diff)
	}
	if diff := cmp.Diff(want.teams.Names(), got.teams.Names()); diff != "" {
		t.Errorf("teams (-NewIndex +NewIndexFrom):\n%s", diff)
	}
}

func TestNewIndexFromStreams(t *testing.T) {
	t.Parallel()
	r := smallRecords()
	want, err := NewIndex(r, IndexOptions{Funnel: TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	// No size hint, hints too small, exact and too large: the same index.
	for _, z := range []Sizes{{}, {1, 0, 0, 1, 1}, {3, 3, 0, 3, 4}, {1000, 70, 50, 800, 9000}} {
		got, err := NewIndexFrom(Streams{
			Reps:         slices.Values(r.Reps),
			Deals:        slices.Values(r.Deals),
			StageChanges: slices.Values(r.StageChanges),
			Leads:        slices.Values(r.Leads),
			Activities:   slices.Values(r.Activities),
			Quotas:       slices.Values(r.Quotas),
			Sizes:        z,
		}, IndexOptions{Funnel: TypicalB2B()})
		if err != nil {
			t.Fatal(err)
		}
		sameIndex(t, want, got)
	}
	// A negative size is an error; a huge one is capped.
	for _, z := range []Sizes{{Deals: -1}, {StageChanges: -5}, {Accounts: -2}, {Leads: -3}, {Activities: -1}} {
		if _, err := NewIndexFrom(Streams{Sizes: z}, IndexOptions{}); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("NewIndexFrom(Sizes %+v) = %v, want ErrInvalidOptions", z, err)
		}
	}
	if z, err := (Sizes{MaxSizeHint + 1, 1 << 62, 5, MaxSizeHint + 2, 7}).validate(); err != nil || z != (Sizes{MaxSizeHint, MaxSizeHint, 5, MaxSizeHint, 7}) {
		t.Errorf("Sizes.validate(huge) = %+v, %v; want capped at MaxSizeHint", z, err)
	}
	// Nil streams are empty.
	empty, err := NewIndexFrom(Streams{}, IndexOptions{})
	if err != nil || empty.cols.Deals.ID.Len() != 0 || len(empty.All().ActivityRows()) != 0 {
		t.Errorf("NewIndexFrom(no streams) = %v, %v", empty, err)
	}
	// Errors come back as from NewIndex.
	r.Deals[1].Stage = "haggling"
	if _, err := NewIndexFrom(Streams{Deals: slices.Values(r.Deals)}, IndexOptions{Funnel: TypicalB2B()}); !errors.Is(err, ErrUnknownStage) {
		t.Errorf("NewIndexFrom(unknown stage) = %v, want ErrUnknownStage", err)
	}
	if _, err := NewIndexFrom(Streams{}, IndexOptions{Team: 9}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("NewIndexFrom(team rule 9) = %v, want ErrInvalidOptions", err)
	}
}

func TestActivitiesByDeal(t *testing.T) {
	t.Parallel()
	ix, err := NewIndex(smallRecords(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := &ix.cols.Activities
	// a1 → D-1 (row 0), a2 → D-2 (row 1), a3 → D-3 (row 2), a4 untied.
	if diff := cmp.Diff([]int32{0, 1, 2}, a.ByDeal); diff != "" {
		t.Errorf("ByDeal (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{0, 1, 2}, a.DealStart); diff != "" {
		t.Errorf("DealStart (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int32{1, 2, 3}, a.DealEnd); diff != "" {
		t.Errorf("DealEnd (-want +got):\n%s", diff)
	}
	r := smallRecords()
	r.Activities = append(r.Activities, Activity{ID: "a5", Rep: "bob", Kind: KindCall, At: jan1.Add(30 * oneDay), Deal: "D-1"})
	ix, err = NewIndex(r, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// D-1 now has rows 0 and 4.
	if diff := cmp.Diff([]int32{0, 4, 1, 2}, ix.cols.Activities.ByDeal); diff != "" {
		t.Errorf("ByDeal with a5 (-want +got):\n%s", diff)
	}
}

// TestIndexAccessors reads smallRecords back through the read-only
// accessors: every value is the record's (teams resolved by the roster:
// ann was in east on D-1's close, 10 February; a4 keeps its own team).
func TestIndexAccessors(t *testing.T) {
	t.Parallel()
	r := smallRecords()
	ix, err := NewIndex(r, IndexOptions{Funnel: TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	if ix.NumDeals() != 3 || ix.NumActivities() != 4 || ix.NumStageChanges() != 3 {
		t.Fatalf("counts %d, %d, %d; want 3, 4, 3", ix.NumDeals(), ix.NumActivities(), ix.NumStageChanges())
	}
	for i, d := range r.Deals {
		if got := ix.DealID(i); got != d.ID {
			t.Errorf("DealID(%d) = %q, want %q", i, got, d.ID)
		}
		if got := ix.Reps().Name(ix.DealOwner(i)); got != d.Owner {
			t.Errorf("DealOwner(%d) = %q, want %q", i, got, d.Owner)
		}
		if got := Stage(ix.Stages().Name(ix.DealStage(i))); got != d.Stage {
			t.Errorf("DealStage(%d) = %q, want %q", i, got, d.Stage)
		}
		if ix.DealStatus(i) != d.Status || !ix.DealAmount(i).Equal(d.Amount) || ix.DealCurrency(i) != d.Currency {
			t.Errorf("deal %d: %v %v %v, want %v %v %v", i, ix.DealStatus(i), ix.DealAmount(i), ix.DealCurrency(i), d.Status, d.Amount, d.Currency)
		}
		if !ix.DealCreated(i).Equal(d.CreatedAt) || !ix.DealClosed(i).Equal(d.ClosedAt) || ix.DealClosed(i).IsZero() != d.ClosedAt.IsZero() {
			t.Errorf("deal %d: created %v closed %v, want %v %v", i, ix.DealCreated(i), ix.DealClosed(i), d.CreatedAt, d.ClosedAt)
		}
	}
	if got := ix.Teams().Name(ix.DealTeam(0)); got != "east" {
		t.Errorf("DealTeam(0) = %q, want east", got)
	}
	for i, a := range r.Activities {
		got := ix.Activity(i)
		want := a
		switch a.ID {
		case "a1", "a2":
			want.Team = map[string]string{"a1": "east", "a2": "west"}[a.ID]
		case "a3":
			want.Team = "east"
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Activity(%d) (-want +got):\n%s", i, diff)
		}
		if ix.Reps().Name(ix.ActivityRep(i)) != a.Rep || Kind(ix.Kinds().Name(ix.ActivityKind(i))) != a.Kind || !ix.ActivityAt(i).Equal(a.At) {
			t.Errorf("activity %d: rep, kind or time differ from %+v", i, a)
		}
		row, ok := ix.ActivityDeal(i)
		if want, _ := ix.DealRow(a.Deal); ok != (a.Deal != "") || (ok && row != want) {
			t.Errorf("ActivityDeal(%d) = %d, %v; want the row of %q", i, row, ok, a.Deal)
		}
	}
	if ix.DealAttribute(0, "region") != "" {
		t.Errorf("DealAttribute of a deal without attributes is %q", ix.DealAttribute(0, "region"))
	}
	// Names returns a copy: changing it changes nothing in the index.
	names := ix.Reps().Names()
	names[0] = "mallory"
	if ix.Reps().Name(0) != "ann" {
		t.Errorf("Reps().Names() shares the index's slice")
	}
}

// TestSameInstantChanges: two changes of one deal at the same instant (a
// CRM that records a quick double move with one timestamp) give the same
// history in either input order.
func TestSameInstantChanges(t *testing.T) {
	t.Parallel()
	at := jan1.Add(5 * oneDay)
	deal := Deal{ID: "D", Owner: "ann", Amount: decimal.NewFromInt(1), Currency: "USD", Stage: StageProposal, Status: StatusOpen, CreatedAt: jan1}
	a := StageChange{Deal: "D", From: StageProspecting, To: StageDemo, At: at}
	b := StageChange{Deal: "D", From: StageDemo, To: StageProposal, At: at}
	history := func(changes ...StageChange) []string {
		ix, err := NewIndex(Records{Deals: []Deal{deal}, StageChanges: changes}, IndexOptions{Funnel: TypicalB2B()})
		if err != nil {
			t.Fatalf("NewIndex(%v): %v", changes, err)
		}
		var out []string
		sc := &ix.cols.StageChanges
		for i := range sc.At {
			out = append(out, ix.stages.Name(sc.From[i])+">"+ix.stages.Name(sc.To[i]))
		}
		return out
	}
	want := []string{"prospecting>demo", "demo>proposal"}
	if diff := cmp.Diff(want, history(a, b)); diff != "" {
		t.Errorf("in order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, history(b, a)); diff != "" {
		t.Errorf("reversed (-want +got):\n%s", diff)
	}
}

// TestDuplicateActivitiesOrderFree: under SkipInvalid every copy of a
// repeated activity id is left out and reported, in either input order.
func TestDuplicateActivitiesOrderFree(t *testing.T) {
	t.Parallel()
	a := Activity{ID: "a1", Rep: "ann", Kind: KindCall, At: jan1.Add(oneDay)}
	b := Activity{ID: "a1", Rep: "bob", Kind: KindEmail, At: jan1.Add(2 * oneDay)}
	c := Activity{ID: "a2", Rep: "bob", Kind: KindEmail, At: jan1.Add(3 * oneDay)}
	for _, acts := range [][]Activity{{a, b, c}, {b, a, c}, {c, b, a}} {
		ix, err := NewIndex(Records{Activities: acts}, IndexOptions{SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		if ix.NumActivities() != 1 || ix.Activity(0).ID != "a2" || len(ix.Skipped()) != 2 {
			t.Errorf("order %s %s %s: kept %d, skipped %v", acts[0].Rep, acts[1].Rep, acts[2].Rep, ix.NumActivities(), ix.Skipped())
		}
		for _, err := range ix.Skipped() {
			if !errors.Is(err, ErrDuplicateID) {
				t.Errorf("skipped %v, want ErrDuplicateID", err)
			}
		}
	}
}

// TestDuplicateDealsOrderFree: under SkipInvalid every copy of a repeated
// deal id is left out and reported (an invalid copy too), in any input
// order, through NewIndex and NewIndexFrom alike; the deal's activities are
// then of an invalid deal, and the other deals keep their amounts and rows.
func TestDuplicateDealsOrderFree(t *testing.T) {
	t.Parallel()
	mk := func(id, owner, amount string) Deal {
		return Deal{ID: id, Owner: owner, Amount: decimal.RequireFromString(amount), Currency: "USD", Status: StatusOpen, Stage: "demo", CreatedAt: jan1,
			ACV: Some(decimal.RequireFromString(amount))}
	}
	a := mk("d1", "ann", "100")
	b := mk("d1", "bob", "200")
	bad := mk("d1", "", "300") // invalid on its own: no owner
	c := mk("d2", "bob", "0.125")
	e := mk("d3", "cy", "7")
	act := Activity{ID: "a1", Rep: "ann", Kind: KindCall, At: jan1.Add(oneDay), Deal: "d1"}
	for _, deals := range [][]Deal{{a, b, c, e}, {b, c, a, e}, {c, e, b, a}, {bad, c, a, e}, {c, a, e, bad}} {
		recs := Records{Deals: deals, Activities: []Activity{act}}
		built := map[string]func() (*Index, error){
			"NewIndex": func() (*Index, error) { return NewIndex(recs, IndexOptions{SkipInvalid: true}) },
			"NewIndexFrom": func() (*Index, error) {
				return NewIndexFrom(Streams{Deals: slices.Values(deals), Activities: slices.Values(recs.Activities)}, IndexOptions{SkipInvalid: true})
			},
		}
		for name, build := range built {
			ix, err := build()
			if err != nil {
				t.Fatal(err)
			}
			var kept []string
			for i := range ix.NumDeals() {
				kept = append(kept, ix.DealID(i)+"="+ix.DealAmount(i).String())
				if r, ok := ix.DealRow(ix.DealID(i)); !ok || r != i {
					t.Errorf("%s: DealRow(%s) = %d, %v; want %d", name, ix.DealID(i), r, ok, i)
				}
				if acv, _ := ix.Deal(i).ACV.Get(); !acv.Equal(ix.DealAmount(i)) {
					t.Errorf("%s: deal %s ACV %s, want %s", name, ix.DealID(i), acv, ix.DealAmount(i))
				}
			}
			want := []string{"d2=0.125", "d3=7"}
			slices.Sort(kept)
			if diff := cmp.Diff(want, kept); diff != "" {
				t.Errorf("%s, owners %s %s %s %s: kept (-want +got):\n%s", name, deals[0].Owner, deals[1].Owner, deals[2].Owner, deals[3].Owner, diff)
			}
			if _, ok := ix.DealRow("d1"); ok {
				t.Errorf("%s: d1 still has a row", name)
			}
			copies, reported, unknown := 0, map[int]bool{}, 0
			for _, d := range deals {
				if d.ID == "d1" {
					copies++
				}
			}
			for _, err := range ix.Skipped() {
				var re *RecordError
				switch {
				case errors.As(err, &re) && re.Record == "deal" && re.ID == "d1":
					reported[re.Index] = true
				case errors.Is(err, ErrUnknownDeal):
					unknown++
				}
			}
			if len(reported) != copies || unknown != 1 || ix.NumActivities() != 0 {
				t.Errorf("%s: %d of %d copies of d1 and %d unknown-deal problems reported, %d activities kept; want all, 1, 0: %v", name, len(reported), copies, unknown, ix.NumActivities(), ix.Skipped())
			}
		}
	}
}

// TestDuplicateRepsOrderFree gives a rep id twice (once invalid) in every
// order: no copy is kept, each copy is reported, and the rep's deal is left
// out as owned by a rep not on the roster, whatever the order.
func TestDuplicateRepsOrderFree(t *testing.T) {
	t.Parallel()
	east := Rep{ID: "ann", Assignments: []Assignment{{From: jan1, Team: "east"}}}
	west := Rep{ID: "ann", Assignments: []Assignment{{From: jan1, Team: "west"}}}
	bad := Rep{ID: "ann", HiredAt: jan1, LeftAt: jan1.Add(-oneDay)} // invalid on its own: left before hired
	bob := Rep{ID: "bob", Assignments: []Assignment{{From: jan1, Team: "east"}}}
	deals := []Deal{
		{ID: "d1", Owner: "ann", Amount: decimal.NewFromInt(5), Currency: "USD", Status: StatusOpen, Stage: "demo", CreatedAt: jan1},
		{ID: "d2", Owner: "bob", Amount: decimal.NewFromInt(7), Currency: "USD", Status: StatusOpen, Stage: "demo", CreatedAt: jan1},
	}
	for _, reps := range [][]Rep{{east, west, bob}, {west, bob, east}, {bad, east, bob}, {east, bob, bad}} {
		for name, build := range map[string]func() (*Index, error){
			"NewIndex": func() (*Index, error) {
				return NewIndex(Records{Reps: reps, Deals: deals}, IndexOptions{SkipInvalid: true})
			},
			"NewIndexFrom": func() (*Index, error) {
				return NewIndexFrom(Streams{Reps: slices.Values(reps), Deals: slices.Values(deals)}, IndexOptions{SkipInvalid: true})
			},
		} {
			ix, err := build()
			if err != nil {
				t.Fatal(err)
			}
			if ix.NumDeals() != 1 || ix.DealID(0) != "d2" {
				t.Errorf("%s: %d deals, first %q; want only d2", name, ix.NumDeals(), ix.DealID(0))
			}
			dups, unknown := 0, 0
			for _, e := range ix.Skipped() {
				switch {
				case errors.Is(e, ErrDuplicateID):
					dups++
				case errors.Is(e, ErrUnknownRep):
					unknown++
				}
			}
			// Two copies of ann: each is a duplicate (the invalid one is
			// also reported for its own problem); d1 names a rep not on the roster.
			if dups != 2 || unknown != 1 {
				t.Errorf("%s, order %v: %d duplicates and %d unknown reps reported, want 2 and 1: %v", name, reps, dups, unknown, ix.Skipped())
			}
		}
	}
	// Without skipping, the duplicate is an error naming the rep.
	if _, err := NewIndex(Records{Reps: []Rep{east, west}}, IndexOptions{}); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("NewIndex(duplicate reps) error = %v, want ErrDuplicateID", err)
	}
}

// TestNoChangeStageChanges gives a deal's history with rows that leave it
// in the stage it is in (no from, the same to), in every order: the index
// leaves them out and holds the same history.
func TestNoChangeStageChanges(t *testing.T) {
	t.Parallel()
	deal := Deal{ID: "d1", Owner: "ann", Amount: decimal.NewFromInt(5), Currency: "USD", Stage: "b", Status: StatusOpen, CreatedAt: jan1}
	at := func(days int) time.Time { return jan1.Add(time.Duration(days) * oneDay) }
	changes := []StageChange{
		{Deal: "d1", To: "a", At: at(0)}, {Deal: "d1", To: "a", At: at(1)}, {Deal: "d1", To: "b", At: at(2)},
		{Deal: "d1", To: "b", At: at(3)}, {Deal: "d1", To: "a", At: at(4)}, {Deal: "d1", To: "b", At: at(5)},
	}
	for _, perm := range [][]int{{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {3, 0, 5, 1, 4, 2}} {
		in := make([]StageChange, len(perm))
		for i, p := range perm {
			in[i] = changes[p]
		}
		ix, err := NewIndex(Records{Deals: []Deal{deal}, StageChanges: in}, IndexOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// a (day 0), b (day 2), a again (day 4), b again (day 5): days 1
		// and 3 repeat the stage the deal is in.
		if ix.NumStageChanges() != 4 {
			t.Errorf("order %v: %d stage changes, want 4", perm, ix.NumStageChanges())
		}
	}
}

// TestIndexCurrency checks the currency of a one-currency book, also when
// deals of another currency were left out as invalid.
func TestIndexCurrency(t *testing.T) {
	t.Parallel()
	mk := func(id, cur string) Deal {
		return Deal{ID: id, Owner: "ann", Amount: decimal.NewFromInt(5), Currency: Currency(cur), Stage: "demo", Status: StatusOpen, CreatedAt: jan1}
	}
	for _, tc := range []struct {
		name  string
		deals []Deal
		want  Currency
		ok    bool
	}{
		{"one", []Deal{mk("d1", "USD"), mk("d2", "USD")}, "USD", true},
		{"two", []Deal{mk("d1", "USD"), mk("d2", "EUR")}, "", false},
		{"none", nil, "", false},
		// D0 twice (EUR, then USD): both copies left out; the book is USD.
		{"skipped euros", []Deal{mk("d0", "EUR"), mk("d1", "USD"), mk("d0", "USD")}, "USD", true},
	} {
		ix, err := NewIndex(Records{Deals: tc.deals}, IndexOptions{SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		if cur, ok := ix.Currency(); cur != tc.want || ok != tc.ok {
			t.Errorf("%s: Currency() = %q, %v; want %q, %v", tc.name, cur, ok, tc.want, tc.ok)
		}
	}
}

// TestActivityBatches builds an index from more activities than the builder
// takes at a time (activityBatch), naming deals in a repeating pattern of
// seven: none, D0 twice in a row, D1, an unknown D9, the duplicated (so
// invalid) D4, and D3. Every activity keeps the deal it names, and the
// unknown and invalid ones are skipped in input order, at every batch
// boundary, from both NewIndex and NewIndexFrom.
func TestActivityBatches(t *testing.T) {
	t.Parallel()
	var r Records
	for _, id := range []string{"D0", "D1", "D2", "D3", "D4", "D4"} {
		r.Deals = append(r.Deals, Deal{ID: id, Owner: "ann", Amount: decimal.New(1, 0), Currency: "USD",
			Stage: StageProspecting, Status: StatusOpen, CreatedAt: jan1})
	}
	pattern := []string{"", "D0", "D0", "D1", "D9", "D4", "D3"}
	const n = 4*activityBatch + 3
	for i := range n {
		r.Activities = append(r.Activities, Activity{ID: fmt.Sprint("a", i), Rep: "ann", Kind: KindCall,
			At: jan1.Add(time.Hour), Deal: pattern[i%7]})
	}
	opts := IndexOptions{SkipInvalid: true}
	a, err := NewIndex(r, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewIndexFrom(Streams{Deals: slices.Values(r.Deals), Activities: slices.Values(r.Activities)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, ix := range []*Index{a, b} {
		// Two copies of D4, then the activities naming D9 (i%7 == 4) and D4
		// (i%7 == 5).
		var skipped []string
		for _, e := range ix.Skipped() {
			var re *RecordError
			if !errors.As(e, &re) {
				t.Fatalf("skipped %v is no RecordError", e)
			}
			if re.Record == "activity" {
				skipped = append(skipped, re.ID)
			}
		}
		var want, kept []string
		for i := range n {
			switch i % 7 {
			case 4, 5:
				want = append(want, fmt.Sprint("a", i))
			default:
				kept = append(kept, pattern[i%7])
			}
		}
		if diff := cmp.Diff(want, skipped); diff != "" {
			t.Fatalf("skipped activities (-want +got):\n%s", diff)
		}
		if ix.NumActivities() != len(kept) {
			t.Fatalf("%d activities kept, want %d", ix.NumActivities(), len(kept))
		}
		for i, deal := range kept {
			if got := ix.Activity(i).Deal; got != deal {
				t.Fatalf("activity %d names deal %q, want %q", i, got, deal)
			}
		}
	}
}

// TestDuplicateActivitiesMany checks the duplicate search on 100,000
// activities, where ids share hash bits by chance: exactly the copies of
// the two repeated ids (a5 twice, a77777 three times) are left out, every
// copy of each, and no other activity.
func TestDuplicateActivitiesMany(t *testing.T) {
	t.Parallel()
	// Ids of names (marked by hash), of small numbers (each its own
	// place) and of numbers past the bound of those (by hash again).
	for _, prefix := range []string{"a", "", "90000000000"} {
		testDuplicateActivitiesMany(t, prefix)
	}
}

func testDuplicateActivitiesMany(t *testing.T, prefix string) {
	r := Records{Deals: []Deal{{ID: "D0", Owner: "ann", Amount: decimal.New(1, 0), Currency: "USD",
		Stage: StageProspecting, Status: StatusOpen, CreatedAt: jan1}}}
	const n = 100000
	add := func(id string) {
		r.Activities = append(r.Activities, Activity{ID: prefix + id, Rep: "ann", Kind: KindCall, At: jan1.Add(time.Hour), Deal: "D0"})
	}
	for i := range n {
		add(fmt.Sprint(i))
		if i == 10 { // an activity of no deal, left out: later rows are no longer positions
			r.Activities = append(r.Activities, Activity{ID: "bad", Rep: "ann", Kind: KindCall, At: jan1, Deal: "D9"})
		}
	}
	add("5")
	add("77777")
	add("77777")
	// From records (their ids marked as they are added) and from streams
	// with no size hint (marked at the end), a hint far too small (marked
	// again at the end) and the right one.
	builds := []func() (*Index, error){func() (*Index, error) { return NewIndex(r, IndexOptions{SkipInvalid: true}) }}
	for _, hint := range []int{0, 3, len(r.Activities)} {
		builds = append(builds, func() (*Index, error) {
			return NewIndexFrom(Streams{Deals: slices.Values(r.Deals), Activities: slices.Values(r.Activities), Sizes: Sizes{Activities: hint}},
				IndexOptions{SkipInvalid: true})
		})
	}
	for _, build := range builds {
		checkDuplicateActivitiesMany(t, build, n)
	}
}

func checkDuplicateActivitiesMany(t *testing.T, build func() (*Index, error), n int) {
	ix, err := build()
	if err != nil {
		t.Fatal(err)
	}
	var skipped []int
	for _, e := range ix.Skipped() {
		var re *RecordError
		if !errors.As(e, &re) || (!errors.Is(e, ErrDuplicateID) && !(re.Index == 11 && errors.Is(e, ErrUnknownDeal))) {
			t.Fatalf("skipped %v, want a duplicate id (or the unknown deal at 11)", e)
		}
		skipped = append(skipped, re.Index)
		// Each copy names the others' positions.
		if want := fmt.Sprintf("is also at [%d %d]", n+2, n+3); re.Index == 77778 && !strings.Contains(e.Error(), want) {
			t.Errorf("%v: want %q", e, want)
		}
		if want := fmt.Sprintf("is also at [77778 %d]", n+3); re.Index == n+2 && !strings.Contains(e.Error(), want) {
			t.Errorf("%v: want %q", e, want)
		}
	}
	// a5 at 5 and n+1; the unknown deal at 11; a77777 at 77778, n+2 and n+3.
	if diff := cmp.Diff([]int{5, 11, 77778, n + 1, n + 2, n + 3}, skipped); diff != "" {
		t.Errorf("skipped activities (-want +got):\n%s", diff)
	}
	if got := ix.NumActivities(); got != n-2 {
		t.Errorf("%d activities kept, want %d", got, n-2)
	}
}

// TestActivityAccounts checks the accounts of activities, looked up a batch
// at a time: the deal's own account, an account new to the index (kept in
// the order first met), one already met, and one named only on an activity
// that is skipped (unknown deal), which the index must not add. The named
// ones straddle a batch boundary.
func TestActivityAccounts(t *testing.T) {
	t.Parallel()
	r := Records{Deals: []Deal{
		{ID: "D0", Owner: "ann", Account: "acme", Amount: decimal.New(1, 0), Currency: "USD", Stage: StageProspecting, Status: StatusOpen, CreatedAt: jan1},
		{ID: "D1", Owner: "ann", Amount: decimal.New(1, 0), Currency: "USD", Stage: StageProspecting, Status: StatusOpen, CreatedAt: jan1},
	}}
	add := func(deal, account string) {
		r.Activities = append(r.Activities, Activity{ID: fmt.Sprint("a", len(r.Activities)), Rep: "ann", Kind: KindCall,
			At: jan1.Add(time.Hour), Deal: deal, Account: account})
	}
	for range activityBatch - 4 {
		add("D1", "")
	}
	add("D0", "acme")    // 252: the deal's account
	add("D9", "initech") // 253: skipped, adds nothing
	add("D0", "globex")  // 254: new
	add("", "globex")    // 255: already met
	add("D1", "hooli")   // 256 (next batch): new
	add("D1", "")        // 257: none
	ix, err := NewIndex(r, IndexOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"acme", "globex", "hooli"}, ix.Accounts().Names()); diff != "" {
		t.Errorf("accounts (-want +got):\n%s", diff)
	}
	var got []string
	for i := activityBatch - 4; i < ix.NumActivities(); i++ {
		got = append(got, ix.Activity(i).Account)
	}
	if diff := cmp.Diff([]string{"acme", "globex", "globex", "hooli", ""}, got); diff != "" {
		t.Errorf("activity accounts from row %d (-want +got):\n%s", activityBatch-4, diff)
	}
}

// TestDealBatches checks duplicate deal ids and accounts across the
// builder's deal batches (dealBatch a batch): D10 at 10, again at the end of
// the first batch (255) and at the start of the next (256), D3 at 3 and
// 299, and deal 5 invalid (a negative amount) with the only mention of
// account "initech", which the index must not add. Every copy of a repeated
// id is reported, each later one naming the first.
func TestDealBatches(t *testing.T) {
	t.Parallel()
	var r Records
	for i := range 300 {
		id := fmt.Sprint("D", i)
		switch i {
		case 255, 256:
			id = "D10"
		case 299:
			id = "D3"
		}
		d := Deal{ID: id, Owner: "ann", Account: fmt.Sprint("acct", i%7), Amount: decimal.New(1, 0), Currency: "USD",
			Stage: StageProspecting, Status: StatusOpen, CreatedAt: jan1}
		if i == 5 {
			d.Amount, d.Account = decimal.New(-1, 0), "initech"
		}
		r.Deals = append(r.Deals, d)
	}
	for _, build := range []func() (*Index, error){
		func() (*Index, error) { return NewIndex(r, IndexOptions{SkipInvalid: true}) },
		func() (*Index, error) {
			return NewIndexFrom(Streams{Deals: slices.Values(r.Deals)}, IndexOptions{SkipInvalid: true})
		},
	} {
		ix, err := build()
		if err != nil {
			t.Fatal(err)
		}
		type problem struct {
			Index int
			Text  string
		}
		var got []problem
		for _, e := range ix.Skipped() {
			var re *RecordError
			if !errors.As(e, &re) {
				t.Fatalf("skipped %v is no RecordError", e)
			}
			got = append(got, problem{re.Index, re.Err.Error()})
		}
		want := []problem{
			{3, `activity: duplicate id: deal "D3" is given again later`},
			{5, ``}, // the negative amount: its text is checked elsewhere
			{10, `activity: duplicate id: deal "D10" is given again later`},
			{255, `activity: duplicate id: deal "D10" is also at 10`},
			{256, `activity: duplicate id: deal "D10" is also at 10`},
			{299, `activity: duplicate id: deal "D3" is also at 3`},
		}
		if len(got) == len(want) {
			got[1].Text = ""
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("skipped deals (-want +got):\n%s", diff)
		}
		// 300 deals less the 6 skipped; acct0..acct6 in order first met
		// (deal 0 has acct0 ... deal 6 acct6), and no initech.
		if ix.NumDeals() != 294 {
			t.Errorf("%d deals kept, want 294", ix.NumDeals())
		}
		if diff := cmp.Diff([]string{"acct0", "acct1", "acct2", "acct3", "acct4", "acct6"}, ix.Accounts().Names()[:6]); diff != "" {
			t.Errorf("accounts (-want +got):\n%s", diff)
		}
		if slices.Contains(ix.Accounts().Names(), "initech") {
			t.Errorf("accounts %v hold initech, named only by a skipped deal", ix.Accounts().Names())
		}
	}
}
