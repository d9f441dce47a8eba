package activity

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLeadValidate(t *testing.T) {
	t.Parallel()
	created := jan1
	ok := []Lead{
		{ID: "n", CreatedAt: created},
		{ID: "w", Status: LeadWorking, CreatedAt: created, WorkingAt: created.Add(time.Hour)},
		{ID: "q", Status: LeadQualified, CreatedAt: created, QualifiedAt: created.Add(oneDay)},
		{ID: "d", Status: LeadDisqualified, CreatedAt: created, QualifiedAt: created.Add(oneDay), DisqualifiedAt: created.Add(2 * oneDay), DisqualifyReason: "no budget"},
		{ID: "c", Status: LeadConverted, CreatedAt: created, ConvertedAt: created, Account: "acme", Deal: "D-1"},
	}
	for _, l := range ok {
		if err := l.Validate(); err != nil {
			t.Errorf("%s: %v", l.ID, err)
		}
	}
	for _, c := range []struct {
		name  string
		l     Lead
		field string
		want  error
	}{
		{"no id", Lead{CreatedAt: created}, "id", ErrMissingID},
		{"no created", Lead{ID: "x"}, "created_at", ErrZeroTime},
		{"year 1850", Lead{ID: "x", CreatedAt: time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)}, "created_at", ErrInvalidTime},
		{"status 9", Lead{ID: "x", CreatedAt: created, Status: 9}, "status", ErrInvalidStatus},
		{"qualified without its time", Lead{ID: "x", CreatedAt: created, Status: LeadQualified}, "qualified_at", ErrZeroTime},
		{"disqualified without its time", Lead{ID: "x", CreatedAt: created, Status: LeadDisqualified}, "disqualified_at", ErrZeroTime},
		{"converted without its time", Lead{ID: "x", CreatedAt: created, Status: LeadConverted, Deal: "D-1"}, "converted_at", ErrZeroTime},
		{"new but qualified", Lead{ID: "x", CreatedAt: created, QualifiedAt: created}, "qualified_at", ErrInvalidStatus},
		{"working with a reason", Lead{ID: "x", CreatedAt: created, Status: LeadWorking, DisqualifyReason: "spam"}, "disqualify_reason", ErrInvalidStatus},
		{"qualified with a deal", Lead{ID: "x", CreatedAt: created, Status: LeadQualified, QualifiedAt: created, Deal: "D-1"}, "deal", ErrInvalidStatus},
		{"qualified with an account", Lead{ID: "x", CreatedAt: created, Status: LeadQualified, QualifiedAt: created, Account: "acme"}, "account", ErrInvalidStatus},
		{"qualified but converted at", Lead{ID: "x", CreatedAt: created, Status: LeadQualified, QualifiedAt: created, ConvertedAt: created}, "converted_at", ErrInvalidStatus},
		{"converted but disqualified at", Lead{ID: "x", CreatedAt: created, Status: LeadConverted, ConvertedAt: created, DisqualifiedAt: created}, "disqualified_at", ErrInvalidStatus},
		{"worked before created", Lead{ID: "x", CreatedAt: created, Status: LeadWorking, WorkingAt: created.Add(-time.Minute)}, "working_at", ErrTimeOrder},
		{"converted before qualified", Lead{ID: "x", CreatedAt: created, Status: LeadConverted, QualifiedAt: created.Add(oneDay), ConvertedAt: created}, "converted_at", ErrTimeOrder},
		{"disqualified before qualified", Lead{ID: "x", CreatedAt: created, Status: LeadDisqualified, QualifiedAt: created.Add(oneDay), DisqualifiedAt: created}, "disqualified_at", ErrTimeOrder},
	} {
		if err := c.l.Validate(); !hasRecordError(err, "lead", -1, c.field, c.want) {
			t.Errorf("%s: %v, want %v on %s", c.name, err, c.want, c.field)
		}
	}
}

func TestLeadStatusText(t *testing.T) {
	t.Parallel()
	for s := LeadNew; s <= LeadConverted; s++ {
		text, err := s.MarshalText()
		var back LeadStatus
		if err != nil || back.UnmarshalText(text) != nil || back != s || string(text) != s.String() {
			t.Errorf("%v: %q, %v, back %v", s, text, err, back)
		}
	}
	var s LeadStatus
	if err := s.UnmarshalText([]byte("Converted")); err != nil || s != LeadConverted {
		t.Errorf("Converted: %v, %v", s, err)
	}
	if err := s.UnmarshalText([]byte("recycled")); !errors.Is(err, ErrInvalidStatus) {
		t.Errorf("recycled: %v", err)
	}
	if _, err := LeadStatus(7).MarshalText(); !errors.Is(err, ErrInvalidStatus) || LeadStatus(7).String() != "LeadStatus(7)" {
		t.Errorf("7: %v, %q", err, LeadStatus(7).String())
	}
}

func TestLeadJSON(t *testing.T) {
	t.Parallel()
	var l Lead
	in := `{"id":"L-9","source":"event","status":"Converted","created_at":"2024-01-02","qualified_at":1704240000000,
		"converted_at":"2024-01-05T10:00:00Z","account":"acme","deal":"D-1","attributes":{"form":"webinar"}}`
	if err := json.Unmarshal([]byte(in), &l); err != nil {
		t.Fatal(err)
	}
	want := Lead{ID: "L-9", Source: SourceEvent, Status: LeadConverted, CreatedAt: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		QualifiedAt: time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC), ConvertedAt: time.Date(2024, 1, 5, 10, 0, 0, 0, time.UTC),
		Account: "acme", Deal: "D-1", Attributes: map[string]string{"form": "webinar"}}
	if d := cmp.Diff(want, l); d != "" {
		t.Errorf("decoded (-want +got):\n%s", d)
	}
	b, err := json.Marshal(l)
	var back Lead
	if err != nil || json.Unmarshal(b, &back) != nil || !cmp.Equal(l, back) {
		t.Errorf("round trip: %s, %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"x","status":"spam"}`), &l); !errors.Is(err, ErrInvalidStatus) {
		t.Errorf("bad status: %v", err)
	}
	if got := (Lead{WorkingAt: jan1.Add(oneDay), QualifiedAt: jan1}).TouchedAt(); !got.Equal(jan1) {
		t.Errorf("TouchedAt = %v", got)
	}
}

func TestIndexLeads(t *testing.T) {
	t.Parallel()
	r := smallRecords()
	ix, err := NewIndex(r, IndexOptions{Funnel: TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r.Leads, ix.Leads()); d != "" {
		t.Errorf("leads (-want +got):\n%s", d)
	}
	if row, ok := ix.LeadRow("L-2"); !ok || row != 1 {
		t.Errorf("LeadRow(L-2) = %d, %v", row, ok)
	}
	if _, ok := ix.LeadRow("L-9"); ok {
		t.Error("LeadRow(L-9) found")
	}
	if got := ix.Activity(3).Lead; got != "L-2" {
		t.Errorf("activity a4's lead %q", got)
	}
	// Views: ann owns L-1, which converted into D-1 of territory n; L-1 was
	// created on 29 December 2023, before ann's first assignment (so no
	// team), and L-2 has no owner.
	all := ix.All()
	ann, _ := all.Rep("ann")
	bob, _ := all.Rep("bob")
	east, _ := all.Team("east")
	n, _ := all.Territory("n")
	src := all.LeadsWhere("source=event", func(ix *Index, row int) bool { return ix.Leads()[row].Source == SourceEvent })
	for _, c := range []struct {
		v    View
		want []int32
	}{{all, []int32{0, 1}}, {ann, []int32{0}}, {bob, []int32{}}, {east, []int32{}}, {n, []int32{0}}, {src, []int32{1}}} {
		if got := c.v.LeadRows(); !slices.Equal(got, c.want) {
			t.Errorf("%s: leads %v, want %v", c.v.Label(), got, c.want)
		}
	}
	if s := all.String(); s != "all (3 deals, 4 activities, 2 leads)" {
		t.Errorf("String() = %q", s)
	}
	ix2, _ := NewIndex(Records{Reps: smallRecords().Reps, Leads: []Lead{{ID: "x", Owner: "bob", CreatedAt: jan1.Add(oneDay)}, {ID: "y", Owner: "bob", Team: "mine", CreatedAt: jan1}}}, IndexOptions{})
	if got := []string{ix2.LeadTeam(0), ix2.LeadTeam(1)}; !slices.Equal(got, []string{"east", "mine"}) {
		t.Errorf("lead teams %v", got)
	}
	// Duplicate ids (every copy), an unknown deal, an activity for an
	// unknown lead and for one left out as invalid, an owner outside the
	// roster.
	bad := smallRecords()
	bad.Leads = append(bad.Leads,
		Lead{ID: "L-1", CreatedAt: jan1},
		Lead{ID: "L-3", Status: LeadConverted, CreatedAt: jan1, ConvertedAt: jan1, Deal: "D-9"},
		Lead{ID: "L-4", Owner: "zed", CreatedAt: jan1},
		Lead{ID: "L-5"}, Lead{ID: "L-5", CreatedAt: jan1}) // an invalid copy, then a valid one
	bad.Activities = append(bad.Activities,
		Activity{ID: "a5", Rep: "ann", Kind: KindCall, At: jan1, Lead: "L-1"},
		Activity{ID: "a6", Rep: "ann", Kind: KindCall, At: jan1, Lead: "L-7"},
		Activity{ID: "a7", Rep: "ann", Kind: KindCall, At: jan1, Lead: "L-5"})
	_, err = NewIndex(bad, IndexOptions{Funnel: TypicalB2B()})
	for _, c := range []struct {
		record string
		index  int
		field  string
		want   error
	}{
		{"lead", 0, "id", ErrDuplicateID}, {"lead", 2, "id", ErrDuplicateID}, {"lead", 3, "deal", ErrUnknownDeal},
		{"lead", 4, "owner", ErrUnknownRep}, {"activity", 4, "lead", ErrUnknownLead}, {"activity", 5, "lead", ErrUnknownLead},
		{"lead", 5, "created_at", ErrZeroTime}, {"lead", 6, "id", ErrDuplicateID}, {"activity", 6, "lead", ErrUnknownLead},
	} {
		if !hasRecordError(err, c.record, c.index, c.field, c.want) {
			t.Errorf("%s %d %s: want %v in %v", c.record, c.index, c.field, c.want, err)
		}
	}
	skip, err := NewIndex(bad, IndexOptions{Funnel: TypicalB2B(), SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(skip.Leads()); n != 1 || skip.Leads()[0].ID != "L-2" || len(skip.Skipped()) != 9 {
		t.Errorf("skipping: %d leads %v, %d skipped: %v", n, skip.Leads(), len(skip.Skipped()), skip.Skipped())
	}
}

func TestUpdateLeads(t *testing.T) {
	t.Parallel()
	ix, err := NewIndex(smallRecords(), IndexOptions{Funnel: TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	// L-2 is qualified; L-3 arrives and is called at once.
	l2 := smallRecords().Leads[1]
	l2.Status, l2.QualifiedAt = LeadQualified, jan1.Add(30*oneDay)
	l3 := Lead{ID: "L-3", Source: SourceInbound, CreatedAt: jan1.Add(31 * oneDay)}
	call := Activity{ID: "a9", Rep: "bob", Kind: KindCall, At: jan1.Add(31*oneDay + time.Hour), Lead: "L-3"}
	if _, err := ix.Update(Records{Leads: []Lead{l2, l3}, Activities: []Activity{call}}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]Lead{smallRecords().Leads[0], l2, l3}, ix.Leads()); d != "" {
		t.Errorf("leads (-want +got):\n%s", d)
	}
	if got := ix.Activity(4); got.Lead != "L-3" {
		t.Errorf("a9's lead %q", got.Lead)
	}
	// Moving a4 off its lead.
	a4 := smallRecords().Activities[3]
	a4.Lead = ""
	if _, err := ix.Update(Records{Activities: []Activity{a4}}); err != nil || ix.Activity(3).Lead != "" {
		t.Errorf("a4 off its lead: %v, %q", err, ix.Activity(3).Lead)
	}
	// Errors: an invalid lead, an activity naming it, one naming no lead,
	// a lead converted into an unknown deal; nothing changes.
	_, err = ix.Update(Records{
		Leads:      []Lead{{ID: "L-5"}, {ID: "L-6", Status: LeadConverted, CreatedAt: jan1, ConvertedAt: jan1, Deal: "D-9"}},
		Activities: []Activity{{ID: "a10", Rep: "ann", Kind: KindCall, At: jan1, Lead: "L-5"}, {ID: "a11", Rep: "ann", Kind: KindCall, At: jan1, Lead: "L-8"}},
	})
	for _, c := range []struct {
		record string
		index  int
		field  string
		want   error
	}{{"lead", 0, "created_at", ErrZeroTime}, {"lead", 1, "deal", ErrUnknownDeal}, {"activity", 0, "lead", ErrUnknownLead}, {"activity", 1, "lead", ErrUnknownLead}} {
		if !hasRecordError(err, c.record, c.index, c.field, c.want) {
			t.Errorf("%s %d %s: want %v in %v", c.record, c.index, c.field, c.want, err)
		}
	}
	if len(ix.Leads()) != 3 {
		t.Errorf("a failed update changed the leads: %v", ix.Leads())
	}
}

func TestDuplicateLeads(t *testing.T) {
	t.Parallel()
	leads := []Lead{
		{ID: "a", Email: "Ann@Acme.com "},
		{ID: "b", Name: "Bo  Li", Company: "Initech"},
		{ID: "c", Email: "ann@acme.com"},
		{ID: "d", Name: "bo li", Company: " initech"},
		{ID: "e", Name: "Bo Li"},                                       // no company: never matched
		{ID: "f", Email: "cy@x.io", Name: "Bo Li", Company: "Initech"}, // the e-mail decides
		{ID: "g", Name: "Bo Li"},
		{ID: "h", Email: "ANN@acme.com"},
	}
	want := [][]int{{0, 2, 7}, {1, 3}}
	if d := cmp.Diff(want, DuplicateLeads(leads)); d != "" {
		t.Errorf("groups (-want +got):\n%s", d)
	}
	for i, k := range []string{"email:ann@acme.com", "name:bo li|initech", "", "email:cy@x.io"} {
		if got := leads[[]int{0, 1, 4, 5}[i]].PersonKey(); got != k {
			t.Errorf("key %d = %q, want %q", i, got, k)
		}
	}
	if DuplicateLeads(nil) != nil && len(DuplicateLeads(nil)) != 0 {
		t.Error("no leads, some groups")
	}
}
