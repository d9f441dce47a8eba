package performance

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/wire"
)

func leadAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// leadBook is a quarter of leads, worked out by hand in the tests below.
//
//	lead source   owner created      touches (activity)        then
//	L1   inbound  ann   Jan 2 09:00  call +0.5 h                qualified Jan 5, converted Jan 10 09:00 → D1 won Feb 15
//	L2   inbound  ann   Jan 3 10:00  email +2 h                 qualified Jan 8, converted Jan 20 10:00 → D2 lost Mar 1
//	L3   event    bob   Feb 1 08:00  call +24 h                 disqualified Feb 3 (no budget)
//	L4   event    bob   Feb 10       none                       working Feb 11
//	L5   referral bob   Mar 5        call +6 h                  qualified Mar 10, disqualified Mar 20 (no budget)
//	L6   inbound  ann   Mar 30       none                       new
//	L7   inbound  ann   Apr 5        none                       converted Apr 20 → D3 open
//	L8   web      ann   Dec 20 2024  none                       qualified Jan 2, converted Jan 6 → D4 won Jan 30
//	L9   event    —     Jan 15       email +0.25 h, call +1 h   disqualified Jan 16 (spam)
func leadBook(t *testing.T) *activity.Index {
	t.Helper()
	deal := func(id string, created time.Time, status activity.Status, closed time.Time) activity.Deal {
		stage := map[activity.Status]activity.Stage{activity.StatusWon: activity.StageClosedWon, activity.StatusLost: activity.StageClosedLost,
			activity.StatusOpen: activity.StageQualification}[status]
		return activity.Deal{ID: id, Owner: "ann", Amount: d("1000"), Currency: "USD", Stage: stage, Status: status, CreatedAt: created, ClosedAt: closed}
	}
	r := activity.Records{
		Deals: []activity.Deal{
			deal("D1", leadAt(2025, 1, 10, 9, 0), activity.StatusWon, leadAt(2025, 2, 15, 0, 0)),
			deal("D2", leadAt(2025, 1, 20, 10, 0), activity.StatusLost, leadAt(2025, 3, 1, 0, 0)),
			deal("D3", leadAt(2025, 4, 20, 0, 0), activity.StatusOpen, time.Time{}),
			deal("D4", leadAt(2025, 1, 6, 0, 0), activity.StatusWon, leadAt(2025, 1, 30, 0, 0)),
		},
		Leads: []activity.Lead{
			{ID: "L1", Source: "inbound", Owner: "ann", CreatedAt: leadAt(2025, 1, 2, 9, 0), Status: activity.LeadConverted,
				QualifiedAt: leadAt(2025, 1, 5, 0, 0), ConvertedAt: leadAt(2025, 1, 10, 9, 0), Account: "a1", Deal: "D1"},
			{ID: "L2", Source: "inbound", Owner: "ann", CreatedAt: leadAt(2025, 1, 3, 10, 0), Status: activity.LeadConverted,
				QualifiedAt: leadAt(2025, 1, 8, 0, 0), ConvertedAt: leadAt(2025, 1, 20, 10, 0), Account: "a2", Deal: "D2"},
			{ID: "L3", Source: "event", Owner: "bob", CreatedAt: leadAt(2025, 2, 1, 8, 0), Status: activity.LeadDisqualified,
				DisqualifiedAt: leadAt(2025, 2, 3, 0, 0), DisqualifyReason: "no budget"},
			{ID: "L4", Source: "event", Owner: "bob", CreatedAt: leadAt(2025, 2, 10, 0, 0), Status: activity.LeadWorking, WorkingAt: leadAt(2025, 2, 11, 0, 0)},
			{ID: "L5", Source: "referral", Owner: "bob", CreatedAt: leadAt(2025, 3, 5, 0, 0), Status: activity.LeadDisqualified,
				QualifiedAt: leadAt(2025, 3, 10, 0, 0), DisqualifiedAt: leadAt(2025, 3, 20, 0, 0), DisqualifyReason: "no budget"},
			{ID: "L6", Source: "inbound", Owner: "ann", CreatedAt: leadAt(2025, 3, 30, 0, 0)},
			{ID: "L7", Source: "inbound", Owner: "ann", CreatedAt: leadAt(2025, 4, 5, 0, 0), Status: activity.LeadConverted,
				ConvertedAt: leadAt(2025, 4, 20, 0, 0), Deal: "D3"},
			{ID: "L8", Source: "web", Owner: "ann", CreatedAt: leadAt(2024, 12, 20, 0, 0), Status: activity.LeadConverted,
				QualifiedAt: leadAt(2025, 1, 2, 0, 0), ConvertedAt: leadAt(2025, 1, 6, 0, 0), Deal: "D4"},
			{ID: "L9", Source: "event", CreatedAt: leadAt(2025, 1, 15, 0, 0), Status: activity.LeadDisqualified,
				DisqualifiedAt: leadAt(2025, 1, 16, 0, 0), DisqualifyReason: "spam"},
		},
		Activities: []activity.Activity{
			{ID: "a1", Rep: "ann", Kind: activity.KindCall, At: leadAt(2025, 1, 2, 9, 30), Lead: "L1"},
			{ID: "a2", Rep: "ann", Kind: activity.KindEmail, At: leadAt(2025, 1, 3, 12, 0), Lead: "L2"},
			{ID: "a3", Rep: "bob", Kind: activity.KindCall, At: leadAt(2025, 2, 2, 8, 0), Lead: "L3"},
			{ID: "a4", Rep: "bob", Kind: activity.KindCall, At: leadAt(2025, 3, 5, 6, 0), Lead: "L5"},
			{ID: "a5", Rep: "bob", Kind: activity.KindCall, At: leadAt(2025, 3, 7, 6, 0), Lead: "L5"}, // a later touch
			{ID: "a6", Rep: "cy", Kind: activity.KindEmail, At: leadAt(2025, 1, 15, 0, 15), Lead: "L9"},
			{ID: "a7", Rep: "cy", Kind: activity.KindCall, At: leadAt(2025, 1, 15, 1, 0), Lead: "L9"},
		},
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var leadQ1 = activity.Period{Start: leadAt(2025, 1, 1, 0, 0), End: leadAt(2025, 4, 1, 0, 0), Name: "2025 Q1"}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestLeadFunnelCohort: the leads created in Q1 are L1–L6 and L9 (7).
// Past new: all but L6 (6). Qualified: L1, L2, L5 (3). Disqualified: L3, L5,
// L9 (3: no budget 2, spam 1). Converted into deals: L1, L2 (2); won: L1's
// D1 (1). Rates: 3/7, 3/7, 2/7, 2/7, 2/3, 1/7, 1/2.
// Speed to lead, first activity of any kind: 0.5, 2, 24, 6 and 0.25 hours
// (L4, L6 untouched): sorted 0.25, 0.5, 2, 6, 24; mean 32.75 / 5 = 6.55;
// median 2; P90 at rank 0.9 × 4 = 3.6: 6 + 0.6 × 18 = 16.8.
// Time to convert: L1 8 days, L2 17 days: mean and median 12.5, P90
// 8 + 0.9 × 9 = 16.1.
func TestLeadFunnelCohort(t *testing.T) {
	t.Parallel()
	ix := leadBook(t)
	f, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	counts := []int64{f.Leads, f.Working, f.Qualified, f.Disqualified, f.Converted, f.Opportunities, f.Won, f.Untouched}
	if d := cmp.Diff([]int64{7, 6, 3, 3, 2, 2, 1, 2}, counts); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	rates := []float64{f.QualificationRate, f.DisqualificationRate, f.ConversionRate, f.LeadToOpportunity, f.QualifiedToOpportunity.Value, f.LeadToWon, f.OpportunityWinRate.Value}
	for i, want := range []float64{3.0 / 7, 3.0 / 7, 2.0 / 7, 2.0 / 7, 2.0 / 3, 1.0 / 7, 0.5} {
		if !near(rates[i], want) {
			t.Errorf("rate %d = %v, want %v", i, rates[i], want)
		}
	}
	if s := f.SpeedToLead; s.Count != 5 || !near(s.Mean, 6.55) || !near(s.Median, 2) || !near(s.P90, 16.8) || s.Min != 0.25 || s.Max != 24 {
		t.Errorf("speed to lead %+v", s)
	}
	if c := f.TimeToConvert; c.Count != 2 || !near(c.Mean, 12.5) || !near(c.Median, 12.5) || !near(c.P90, 16.1) {
		t.Errorf("time to convert %+v", c)
	}
	want := []ReasonCount{{"no budget", 2, 2.0 / 3}, {"spam", 1, 1.0 / 3}}
	if d := cmp.Diff(want, f.DisqualifyReasons); d != "" {
		t.Errorf("reasons (-want +got):\n%s", d)
	}
	if s := f.String(); s != "all: 7 leads in 2025 Q1 (cohort): 3 qualified (42.9%), 2 opportunities (28.6%), 1 won (14.3%); speed to lead median 2.0 h" {
		t.Errorf("String() = %q", s)
	}
}

// TestLeadFunnelAsOf: the Q1 cohort as it stood on 31 January: L1, L2 and
// L9 created (L3 only on 1 February); L1 and L2 qualified and converted,
// neither deal won yet (D1 on 15 February); L9 disqualified.
func TestLeadFunnelAsOf(t *testing.T) {
	t.Parallel()
	f, err := LeadFunnelOf(leadBook(t).All(), leadQ1, LeadOptions{AsOf: leadAt(2025, 1, 31, 23, 0)})
	if err != nil {
		t.Fatal(err)
	}
	counts := []int64{f.Leads, f.Qualified, f.Disqualified, f.Converted, f.Won, f.SpeedToLead.Count}
	if d := cmp.Diff([]int64{3, 2, 1, 2, 0, 3}, counts); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	if f.OpportunityWinRate.Value != 0 || !f.OpportunityWinRate.Valid {
		t.Errorf("win rate %+v", f.OpportunityWinRate)
	}
}

// TestLeadFunnelFlow: each step in Q1, whichever lead took it. Created: 7
// (as the cohort). Past new in Q1: L1 (Jan 5), L2, L3, L4, L5, L8 (Jan 2),
// L9 (7). Qualified in Q1: L1, L2, L5, L8 (4). Disqualified: L3, L5, L9
// (3). Converted: L1, L2, L8 (3). Won in Q1: D1 (Feb 15), D4 (Jan 30) (2).
// Time to convert: 8, 17 and L8's 17 days: mean 14, median 17.
// By month: January created L1, L2, L9; past new L1, L2, L8, L9;
// qualified L1, L2, L8; disqualified L9; converted L1, L2, L8; won D4.
// February: created L3, L4, both past new, L3 disqualified, D1 won. March:
// created L5, L6; L5 past new, qualified and disqualified.
func TestLeadFunnelFlow(t *testing.T) {
	t.Parallel()
	ix := leadBook(t)
	opt := LeadOptions{Basis: LeadFlow}
	f, err := LeadFunnelOf(ix.All(), leadQ1, opt)
	if err != nil {
		t.Fatal(err)
	}
	counts := []int64{f.Leads, f.Working, f.Qualified, f.Disqualified, f.Converted, f.Opportunities, f.Won}
	if d := cmp.Diff([]int64{7, 7, 4, 3, 3, 3, 2}, counts); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	if c := f.TimeToConvert; c.Count != 3 || !near(c.Mean, 14) || !near(c.Median, 17) {
		t.Errorf("time to convert %+v", c)
	}
	gs, err := LeadFunnelBy(ix.All(), leadQ1, activity.ByPeriod(activity.Calendar{}, activity.Monthly), opt)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]int64
	for _, g := range gs {
		r := g.Result
		got = append(got, []int64{r.Leads, r.Working, r.Qualified, r.Disqualified, r.Converted, r.Won})
	}
	if d := cmp.Diff([][]int64{{3, 4, 3, 1, 3, 1}, {2, 2, 0, 1, 0, 1}, {2, 1, 1, 1, 0, 0}}, got); d != "" {
		t.Errorf("by month (-want +got):\n%s", d)
	}
}

// TestLeadFunnelBy: the Q1 cohort by source — inbound L1, L2, L6 (2
// qualified, 2 converted, 1 won), event L3, L4, L9 (2 disqualified),
// referral L5 — and by owner: "" (L9), ann (L1, L2, L6), bob (L3, L4, L5).
func TestLeadFunnelBy(t *testing.T) {
	t.Parallel()
	ix := leadBook(t)
	type row struct {
		Key                                    string
		Leads, Qualified, Disq, Converted, Won int64
	}
	rows := func(gs []activity.Group[LeadFunnel]) []row {
		var out []row
		for _, g := range gs {
			r := g.Result
			out = append(out, row{g.Key, r.Leads, r.Qualified, r.Disqualified, r.Converted, r.Won})
		}
		return out
	}
	gs, err := LeadFunnelBy(ix.All(), leadQ1, activity.BySource(), LeadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// web's only lead, L8, was created in 2024: a source no lead of the
	// period has is left out.
	want := []row{{"event", 3, 0, 2, 0, 0}, {"inbound", 3, 2, 0, 2, 1}, {"referral", 1, 1, 1, 0, 0}}
	if d := cmp.Diff(want, rows(gs)); d != "" {
		t.Errorf("by source (-want +got):\n%s", d)
	}
	gs, err = LeadFunnelBy(ix.All(), leadQ1, activity.ByRep(), LeadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want = []row{{"", 1, 0, 1, 0, 0}, {"ann", 3, 2, 0, 2, 1}, {"bob", 3, 1, 2, 0, 0}}
	if d := cmp.Diff(want, rows(gs)); d != "" {
		t.Errorf("by rep (-want +got):\n%s", d)
	}
	if gs[1].Result.Scope != "all / rep=ann" {
		t.Errorf("scope %q", gs[1].Result.Scope)
	}
	// A rep's view: ann's leads only.
	ann, err := ix.All().Rep("ann")
	if err != nil {
		t.Fatal(err)
	}
	if f, err := LeadFunnelOf(ann, leadQ1, LeadOptions{}); err != nil || f.Leads != 3 || f.Won != 1 {
		t.Errorf("ann: %v, %v", f, err)
	}
}

// TestLeadFunnelTouch: speed to lead from calls only — L1 0.5 h, L3 24, L5
// 6, L9 1 (its email at 0.25 h is not a call); L2 (email only), L4, L6
// untouched: sorted 0.5, 1, 6, 24, mean 31.5 / 4 = 7.875, median 3.5. From
// statuses: L1 qualified Jan 5 00:00, 63 h after creation; L2 Jan 8 00:00,
// 110 h; L3 disqualified Feb 3 00:00, 40 h; L4 working Feb 11, 24 h; L5
// qualified Mar 10, 120 h; L9 disqualified Jan 16, 24 h; L6 untouched:
// sorted 24, 24, 40, 63, 110, 120, median (40 + 63) / 2 = 51.5. Either:
// the earlier of the two for each: 0.5, 2, 24, 24, 6, 0.25 — median
// (2 + 6) / 2 = 4.
func TestLeadFunnelTouch(t *testing.T) {
	t.Parallel()
	ix := leadBook(t)
	for _, c := range []struct {
		opt       LeadOptions
		n, untouc int64
		mean, med float64
	}{
		{LeadOptions{TouchKinds: []activity.Kind{activity.KindCall}}, 4, 3, 7.875, 3.5},
		{LeadOptions{Touch: TouchStatus}, 6, 1, (24 + 24 + 40 + 63 + 110 + 120) / 6.0, 51.5},
		{LeadOptions{Touch: TouchEither}, 6, 1, (0.5 + 2 + 24 + 24 + 6 + 0.25) / 6, 4},
	} {
		f, err := LeadFunnelOf(ix.All(), leadQ1, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if s := f.SpeedToLead; s.Count != c.n || f.Untouched != c.untouc || !near(s.Mean, c.mean) || !near(s.Median, c.med) {
			t.Errorf("%+v: %+v, %d untouched", c.opt, s, f.Untouched)
		}
	}
}

func TestLeadFunnelErrors(t *testing.T) {
	t.Parallel()
	ix := leadBook(t)
	feb1 := activity.Period{Start: leadAt(2026, 2, 1, 0, 0), End: leadAt(2026, 3, 1, 0, 0), Name: "2026-02"}
	if _, err := LeadFunnelOf(ix.All(), feb1, LeadOptions{}); !errors.Is(err, ErrNoLeads) {
		t.Errorf("no leads: %v", err)
	}
	if _, err := LeadFunnelOf(activity.View{}, leadQ1, LeadOptions{}); !errors.Is(err, activity.ErrZeroView) {
		t.Errorf("zero view: %v", err)
	}
	if _, err := LeadFunnelOf(ix.All(), activity.Period{Start: leadQ1.End, End: leadQ1.Start}, LeadOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("reversed period: %v", err)
	}
	for _, o := range []LeadOptions{{Basis: 2}, {Touch: 3}, {Basis: LeadFlow, AsOf: leadQ1.End}, {TouchKinds: []activity.Kind{""}}} {
		if _, err := LeadFunnelOf(ix.All(), leadQ1, o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v: %v", o, err)
		}
		if _, err := LeadFunnelBy(ix.All(), leadQ1, activity.BySource(), o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("by, %+v: %v", o, err)
		}
	}
	for _, by := range []activity.By{activity.ByTerritory(), activity.BySegment(), {Dimension: 99}} {
		if _, err := LeadFunnelBy(ix.All(), leadQ1, by, LeadOptions{}); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("by %v: %v", by, err)
		}
	}
	if _, err := LeadFunnelBy(activity.View{}, leadQ1, activity.BySource(), LeadOptions{}); !errors.Is(err, activity.ErrZeroView) {
		t.Errorf("by, zero view: %v", err)
	}
	// A month with no lead created is listed, undefined.
	gs, err := LeadFunnelBy(ix.All(), activity.Period{Start: leadQ1.Start, End: leadAt(2025, 6, 1, 0, 0)}, activity.ByPeriod(activity.Calendar{}, activity.Monthly), LeadOptions{})
	if err != nil || len(gs) != 5 || gs[4].Undefined == "" || gs[3].Result.Leads != 1 {
		t.Errorf("empty month: %v, %v", gs, err)
	}
	if !slices.ContainsFunc(gs, func(g activity.Group[LeadFunnel]) bool { return g.Key == "2025-04" && g.Result.Leads == 1 }) {
		t.Errorf("April: %v", gs)
	}
}

// TestLeadTallyBinaryErrors: encodings no lead tally has.
func TestLeadTallyBinaryErrors(t *testing.T) {
	t.Parallel()
	enc := func(counts []int64, speeds, converts []int64, reasons ...any) []byte {
		b := wire.AppendHeader(nil, kindLeads)
		for _, n := range counts {
			b = wire.AppendCount(b, n)
		}
		b = wire.AppendInts(b, speeds)
		b = wire.AppendInts(b, converts)
		b = wire.AppendCount(b, int64(len(reasons)/2))
		for i := 0; i < len(reasons); i += 2 {
			b = wire.AppendString(b, reasons[i].(string))
			b = wire.AppendCount(b, int64(reasons[i+1].(int)))
		}
		return b
	}
	// spend appends the spend part: records, sum, currencies.
	spend := func(b []byte, n int64, amount string, cur, other string) []byte {
		b = wire.AppendCount(slices.Clone(b), n)
		var sum exact.Sum
		sum.AddDecimal(d(amount))
		b = sum.AppendBinary(b)
		return wire.AppendString(wire.AppendString(b, cur), other)
	}
	//                 leads working qual disq conv opps won untouched merged
	head := enc([]int64{2, 1, 1, 1, 1, 1, 0, 1, 0}, []int64{3600}, []int64{86400}, "spam", 1)
	ok := spend(head, 1, "50", "USD", "")
	noReasons := enc([]int64{2, 1, 1, 1, 1, 1, 0, 1, 0}, []int64{3600}, []int64{86400}) // ends in the reasons' count, 0
	var lt LeadTally
	if err := lt.UnmarshalBinary(ok); err != nil {
		t.Fatalf("valid: %v", err)
	}
	if f, err := lt.Result("x", leadQ1, LeadOptions{}); err != nil || f.Leads != 2 || f.DisqualifyReasons[0].Reason != "spam" || !f.CostPerLead.Value.Equal(d("25")) {
		t.Fatalf("decoded: %+v, %v", f, err)
	}
	for name, b := range map[string][]byte{
		"reasons short":       spend(enc([]int64{2, 1, 1, 2, 1, 1, 0, 1, 0}, []int64{3600}, []int64{86400}, "spam", 1), 1, "50", "USD", ""),
		"reasons unordered":   spend(enc([]int64{2, 1, 1, 2, 1, 1, 0, 1, 0}, []int64{3600}, []int64{86400}, "spam", 1, "bad", 1), 1, "50", "USD", ""),
		"a reason zero":       spend(enc([]int64{2, 1, 1, 1, 1, 1, 0, 1, 0}, []int64{3600}, []int64{86400}, "a", 0, "spam", 1), 1, "50", "USD", ""),
		"speeds short":        spend(enc([]int64{3, 1, 1, 1, 1, 1, 0, 1, 0}, []int64{3600}, []int64{86400}, "spam", 1), 1, "50", "USD", ""),
		"converts short":      spend(enc([]int64{2, 1, 1, 1, 2, 1, 0, 1, 0}, []int64{3600}, []int64{86400}, "spam", 1), 1, "50", "USD", ""),
		"negative speed":      spend(enc([]int64{2, 1, 1, 1, 1, 1, 0, 1, 0}, []int64{-5}, []int64{86400}, "spam", 1), 1, "50", "USD", ""),
		"another tally's":     append(wire.AppendHeader(nil, kindCycle), ok[4:]...),
		"cut short":           ok[:len(ok)-2],
		"bytes left over":     append(slices.Clone(ok), 0),
		"too many reasons":    append(noReasons[:len(noReasons)-1], 100),
		"spend, no record":    spend(head, 0, "50", "USD", ""),
		"spend, no currency":  spend(head, 2, "50", "", ""),
		"negative spend":      spend(head, 1, "-50", "USD", ""),
		"bad currency":        spend(head, 1, "50", "usd", ""),
		"same currency twice": spend(head, 2, "50", "USD", "USD"),
		"reason count short":  wire.AppendString(append(noReasons[:len(noReasons)-1], 1), "spam"),
	} {
		before := lt
		if err := lt.UnmarshalBinary(b); !errors.Is(err, ErrInvalidEncoding) {
			t.Errorf("%s: %v", name, err)
		}
		if !cmp.Equal(before.leads, lt.leads) {
			t.Errorf("%s changed the tally", name)
		}
	}
}

// attributionBook: one person (ann@x.com) in three leads, one (Bo Li of
// Initech) in two, and a lead on its own, in 2025 Q1:
//
//	P1 event   ann@x.com  Jan 5, emailed 00:30, disqualified Jan 6 (not now)
//	P2 web     ANN@x.com  Feb 1, called 01:00, qualified Feb 3, converted Feb 10 → D1 won Mar 1
//	P3 inbound ann@x.com  Mar 15 (after the conversion), new
//	B1 web     Bo Li, Initech   Jan 10, working Jan 11, disqualified Jan 20 (spam)
//	B2 event   bo li, initech   Jan 12, called 02:00, disqualified Jan 25 (no budget)
//	S1 inbound                  Feb 20, new
func attributionBook(t *testing.T) *activity.Index {
	t.Helper()
	r := activity.Records{
		Deals: []activity.Deal{{ID: "D1", Owner: "ann", Amount: d("5000"), Currency: "USD", Stage: activity.StageClosedWon, Status: activity.StatusWon,
			CreatedAt: leadAt(2025, 2, 10, 0, 0), ClosedAt: leadAt(2025, 3, 1, 0, 0)}},
		Leads: []activity.Lead{
			{ID: "P1", Source: "event", Email: "ann@x.com", CreatedAt: leadAt(2025, 1, 5, 0, 0), Status: activity.LeadDisqualified,
				DisqualifiedAt: leadAt(2025, 1, 6, 0, 0), DisqualifyReason: "not now"},
			{ID: "P2", Source: "web", Email: "ANN@x.com", CreatedAt: leadAt(2025, 2, 1, 0, 0), Status: activity.LeadConverted,
				QualifiedAt: leadAt(2025, 2, 3, 0, 0), ConvertedAt: leadAt(2025, 2, 10, 0, 0), Deal: "D1"},
			{ID: "P3", Source: "inbound", Email: "ann@x.com", CreatedAt: leadAt(2025, 3, 15, 0, 0)},
			{ID: "B1", Source: "web", Name: "Bo Li", Company: "Initech", CreatedAt: leadAt(2025, 1, 10, 0, 0), Status: activity.LeadDisqualified,
				WorkingAt: leadAt(2025, 1, 11, 0, 0), DisqualifiedAt: leadAt(2025, 1, 20, 0, 0), DisqualifyReason: "spam"},
			{ID: "B2", Source: "event", Name: "bo li", Company: "initech", CreatedAt: leadAt(2025, 1, 12, 0, 0), Status: activity.LeadDisqualified,
				DisqualifiedAt: leadAt(2025, 1, 25, 0, 0), DisqualifyReason: "no budget"},
			{ID: "S1", Source: "inbound", CreatedAt: leadAt(2025, 2, 20, 0, 0)},
		},
		Activities: []activity.Activity{
			{ID: "t1", Rep: "ann", Kind: activity.KindEmail, At: leadAt(2025, 1, 5, 0, 30), Lead: "P1"},
			{ID: "t2", Rep: "ann", Kind: activity.KindCall, At: leadAt(2025, 2, 1, 1, 0), Lead: "P2"},
			{ID: "t3", Rep: "bob", Kind: activity.KindCall, At: leadAt(2025, 1, 12, 2, 0), Lead: "B2"},
		},
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestLeadAttribution: by their own sources the six records are six
// leads, two a source; merged, three people. First touch: ann counts for
// event (P1 came first), created Jan 5, converted Feb 10 (36 days), won,
// not disqualified (P2 is still hers); Bo for web (B1), disqualified when
// the last of his leads was, Jan 25, for no budget; speed to lead ann 0.5
// h (P1's e-mail), Bo 50 h (B2's call, Jan 12 02:00, from Jan 10), S1
// untouched. Last touch: ann for web (P2, the last lead up to the
// conversion; P3 came after it), Bo for event (B2, his last).
func TestLeadAttribution(t *testing.T) {
	t.Parallel()
	ix := attributionBook(t)
	type row struct {
		Key                         string
		Leads, Disq, Converted, Won int64
	}
	bySource := func(a LeadAttribution) []row {
		gs, err := LeadFunnelBy(ix.All(), leadQ1, activity.BySource(), LeadOptions{Attribution: a})
		if err != nil {
			t.Fatal(err)
		}
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, g.Result.Leads, g.Result.Disqualified, g.Result.Converted, g.Result.Won})
		}
		return out
	}
	if d := cmp.Diff([]row{{"event", 2, 2, 0, 0}, {"inbound", 2, 0, 0, 0}, {"web", 2, 1, 1, 1}}, bySource(OwnSource)); d != "" {
		t.Errorf("own source (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]row{{"event", 1, 0, 1, 1}, {"inbound", 1, 0, 0, 0}, {"web", 1, 1, 0, 0}}, bySource(FirstTouch)); d != "" {
		t.Errorf("first touch (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]row{{"event", 1, 1, 0, 0}, {"inbound", 1, 0, 0, 0}, {"web", 1, 0, 1, 1}}, bySource(LastTouch)); d != "" {
		t.Errorf("last touch (-want +got):\n%s", d)
	}
	own, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{})
	if err != nil || own.Leads != 6 || own.Merged != 0 || own.SpeedToLead.Count != 3 || own.TimeToConvert.Mean != 9 {
		t.Errorf("own source: %+v, %v", own, err)
	}
	first, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{Attribution: FirstTouch})
	if err != nil {
		t.Fatal(err)
	}
	if first.Leads != 3 || first.Merged != 3 || first.Disqualified != 1 || first.DisqualifyReasons[0].Reason != "no budget" ||
		first.TimeToConvert.Mean != 36 || first.SpeedToLead.Count != 2 || first.SpeedToLead.Min != 0.5 || first.SpeedToLead.Max != 50 || first.Untouched != 1 {
		t.Errorf("first touch: %+v", first)
	}
}

// TestLeadCost: 600 on events (15 Jan), 300 on the web (1 Feb, marketing),
// 100 on no one source (1 Mar, sales), 999 in April (outside Q1). Own
// sources: 1,000 over 6 leads is 166.666…67 a lead; 1,000 an opportunity
// and a won deal. By source: event 600 / 2 = 300 a lead; web 300 / 2 = 150
// a lead, 300 a won deal; inbound no spend (no cost); "" 100 and no lead
// (listed, undefined). Marketing only: 900 / 6 = 150.
func TestLeadCost(t *testing.T) {
	t.Parallel()
	ix := attributionBook(t)
	spend := []activity.Spend{
		{Date: leadAt(2025, 1, 15, 0, 0), Amount: d("600"), Currency: "USD", Category: "marketing", Source: "event"},
		{Date: leadAt(2025, 2, 1, 0, 0), Amount: d("300"), Currency: "USD", Category: "marketing", Source: "web"},
		{Date: leadAt(2025, 3, 1, 0, 0), Amount: d("100"), Currency: "USD", Category: "sales"},
		{Date: leadAt(2025, 4, 1, 0, 0), Amount: d("999"), Currency: "USD", Category: "marketing", Source: "web"},
	}
	f, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{Spend: spend})
	if err != nil {
		t.Fatal(err)
	}
	if f.SpendRecords != 3 || !f.Spend.Equal(d("1000")) || f.Currency != "USD" || !f.CostPerLead.Value.Equal(d("166.66666666666666666667")) ||
		!f.CostPerOpportunity.Value.Equal(d("1000")) || !f.CostPerWon.Value.Equal(d("1000")) {
		t.Errorf("cost: %+v", f)
	}
	if s := f.String(); s != "all: 6 leads in 2025 Q1 (cohort): 1 qualified (16.7%), 1 opportunities (16.7%), 1 won (16.7%); speed to lead median 1.0 h; 166.67 USD a lead, 1000.00 USD a won deal" {
		t.Errorf("String() = %q", s)
	}
	gs, err := LeadFunnelBy(ix.All(), leadQ1, activity.BySource(), LeadOptions{Spend: spend})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Key       string
		Spend     string
		PerLead   string
		PerWon    string
		Undefined bool
	}
	text := func(o activity.Optional[decimal.Decimal]) string {
		if !o.Valid {
			return "-"
		}
		return o.Value.String()
	}
	var got []row
	for _, g := range gs {
		got = append(got, row{g.Key, g.Result.Spend.String(), text(g.Result.CostPerLead), text(g.Result.CostPerWon), g.Undefined != ""})
	}
	want := []row{{"", "100", "-", "-", true}, {"event", "600", "300", "-", false}, {"inbound", "0", "-", "-", false}, {"web", "300", "150", "300", false}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("by source (-want +got):\n%s", d)
	}
	m, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{Spend: spend, SpendCategories: []string{"marketing"}})
	if err != nil || !m.CostPerLead.Value.Equal(d("150")) {
		t.Errorf("marketing: %+v, %v", m, err)
	}
	mixed := append(slices.Clone(spend), activity.Spend{Date: leadAt(2025, 2, 2, 0, 0), Amount: d("1"), Currency: "EUR"})
	if _, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{Spend: mixed}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("mixed: %v", err)
	}
	bad := append(slices.Clone(spend), activity.Spend{Date: leadAt(2025, 2, 2, 0, 0), Amount: d("-1"), Currency: "USD"})
	if _, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{Spend: bad}); !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, activity.ErrInvalidSpend) {
		t.Errorf("negative spend: %v", err)
	}
	if _, err := LeadFunnelOf(ix.All(), leadQ1, LeadOptions{Attribution: 3}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("attribution 3: %v", err)
	}
}

// TestFunnelFromLeads: four leads created in January 2025. L1 became D1
// (prospecting → qualification → demo → won), L2 became D2 (prospecting →
// qualification → lost), L3 was qualified and not converted, L4 was
// disqualified. From the leads: 4 leads, 3 qualified (L1, L2, L3), 2
// opportunities, then prospecting 2, qualification 2, demo 1, proposal and
// negotiation 1 (a won deal reached every stage before its close under
// ReachedOrLater), won 1: a quarter of the leads. The deal steps' shares of
// the first stage: demo 1 of 2.
func TestFunnelFromLeads(t *testing.T) {
	t.Parallel()
	jan := func(d int) time.Time { return leadAt(2025, 1, d, 0, 0) }
	r := activity.Records{
		Deals: []activity.Deal{
			{ID: "D1", Owner: "ann", Amount: d("10"), Currency: "USD", Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: jan(10), ClosedAt: jan(30)},
			{ID: "D2", Owner: "ann", Amount: d("10"), Currency: "USD", Stage: activity.StageClosedLost, Status: activity.StatusLost, CreatedAt: jan(12), ClosedAt: jan(28)},
			{ID: "D3", Owner: "ann", Amount: d("10"), Currency: "USD", Stage: activity.StageDemo, Status: activity.StatusOpen, CreatedAt: jan(5)}, // no lead's
		},
		StageChanges: []activity.StageChange{
			{Deal: "D1", To: activity.StageProspecting, At: jan(10)},
			{Deal: "D1", From: activity.StageProspecting, To: activity.StageQualification, At: jan(15)},
			{Deal: "D1", From: activity.StageQualification, To: activity.StageDemo, At: jan(20)},
			{Deal: "D1", From: activity.StageDemo, To: activity.StageClosedWon, At: jan(30)},
			{Deal: "D2", To: activity.StageProspecting, At: jan(12)},
			{Deal: "D2", From: activity.StageProspecting, To: activity.StageQualification, At: jan(14)},
			{Deal: "D2", From: activity.StageQualification, To: activity.StageClosedLost, At: jan(28)},
		},
		Leads: []activity.Lead{
			{ID: "L1", CreatedAt: jan(2), Status: activity.LeadConverted, QualifiedAt: jan(8), ConvertedAt: jan(10), Deal: "D1"},
			{ID: "L2", CreatedAt: jan(3), Status: activity.LeadConverted, ConvertedAt: jan(12), Deal: "D2"},
			{ID: "L3", CreatedAt: jan(4), Status: activity.LeadQualified, QualifiedAt: jan(9)},
			{ID: "L4", CreatedAt: jan(5), Status: activity.LeadDisqualified, DisqualifiedAt: jan(6)},
		},
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	x, err := FunnelFromLeads(ix.All(), leadQ1, LeadOptions{}, FunnelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var reached []int64
	for _, s := range x.Deals.Steps {
		reached = append(reached, s.Reached)
	}
	if x.Leads.Leads != 4 || x.Leads.Qualified != 3 || x.Deals.Deals != 2 || x.Deals.Won.Deals != 1 || !slices.Equal(reached, []int64{2, 2, 1, 1, 1}) {
		t.Errorf("from leads: %d leads, %d qualified, %d deals, reached %v, %d won", x.Leads.Leads, x.Leads.Qualified, x.Deals.Deals, reached, x.Deals.Won.Deals)
	}
	want := `all: from 4 leads created in 2025 Q1 to won deals (reached or later)
  lead                 4  100.0% of leads
  qualified lead       3   75.0% of leads
  opportunity          2   50.0% of leads
  prospecting          2   50.0% of leads
  qualification        2   50.0% of leads
  demo                 1   25.0% of leads
  proposal             1   25.0% of leads
  negotiation          1   25.0% of leads
  won                  1   25.0% of leads`
	if got := x.String(); got != want {
		t.Errorf("String():\n%s\nwant\n%s", got, want)
	}
	// As of 11 January only L1 had converted: one deal.
	early, err := FunnelFromLeads(ix.All(), leadQ1, LeadOptions{AsOf: jan(11)}, FunnelOptions{})
	if err != nil || early.Deals.Deals != 1 || early.Leads.Leads != 4 {
		t.Errorf("as of Jan 11: %d deals of %d leads, %v", early.Deals.Deals, early.Leads.Leads, err)
	}
	// No lead converted yet: an empty deal funnel, no error.
	none, err := FunnelFromLeads(ix.All(), leadQ1, LeadOptions{AsOf: jan(9)}, FunnelOptions{})
	if err != nil || none.Deals.Deals != 0 || none.Leads.Leads != 4 {
		t.Errorf("as of Jan 9: %+v, %v", none.Deals, err)
	}
	for _, c := range []struct {
		opt LeadOptions
		fo  FunnelOptions
	}{{LeadOptions{Basis: LeadFlow}, FunnelOptions{}}, {LeadOptions{}, FunnelOptions{Cohort: FunnelClosedInPeriod}}, {LeadOptions{}, FunnelOptions{Reach: 9}}, {LeadOptions{Touch: 7}, FunnelOptions{}}} {
		if _, err := FunnelFromLeads(ix.All(), leadQ1, c.opt, c.fo); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v %+v: %v", c.opt, c.fo, err)
		}
	}
	if _, err := FunnelFromLeads(ix.All(), activity.Period{Start: leadAt(2026, 1, 1, 0, 0), End: leadAt(2026, 2, 1, 0, 0)}, LeadOptions{}, FunnelOptions{}); !errors.Is(err, ErrNoLeads) {
		t.Errorf("no leads: %v", err)
	}
	if _, err := FunnelFromLeads(activity.View{}, leadQ1, LeadOptions{}, FunnelOptions{}); !errors.Is(err, activity.ErrZeroView) {
		t.Errorf("zero view: %v", err)
	}
}
