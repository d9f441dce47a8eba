package forecast

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

var lpWriteInput = flag.Bool("learned.write", false, "write testdata/learned_ref_input.json for testdata/learned_ref.py")

// lpBook is the small history of the hand tests: five deals closed in Q1
// 2025 on the typical B2B funnel, four open.
//
//	D1 east partner   qualification 01-05, demo 01-09, won 02-01
//	D2 east partner   qualification 01-06, lost 02-02
//	D3 west direct    won 02-03 (from prospecting)
//	D4 west direct    qualification 01-07, demo 01-10, lost 02-04
//	D5 west direct    lost 02-05 (from prospecting)
//	O1 east partner   qualification 01-06, demo 03-01, open
//	O2 north web      qualification 01-08, open
//	O3 (no team, no source), prospecting, open
//	O4 east partner   created 03-15, prospecting, open
func lpBook(t *testing.T) (*activitytest.Book, activity.Period) {
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-02").Team("east").Source("partner").To(activity.StageQualification, "2025-01-05").To(activity.StageDemo, "2025-01-09").Won("2025-02-01")
	b.Deal("D2", "ann", "100", "2025-01-02").Team("east").Source("partner").To(activity.StageQualification, "2025-01-06").Lost("2025-02-02", "price")
	b.Deal("D3", "bob", "100", "2025-01-03").Team("west").Source("direct").Won("2025-02-03")
	b.Deal("D4", "bob", "100", "2025-01-03").Team("west").Source("direct").To(activity.StageQualification, "2025-01-07").To(activity.StageDemo, "2025-01-10").Lost("2025-02-04", "price")
	b.Deal("D5", "bob", "100", "2025-01-04").Team("west").Source("direct").Lost("2025-02-05", "no_decision")
	b.Deal("O1", "ann", "100", "2025-01-05").Team("east").Source("partner").To(activity.StageQualification, "2025-01-06").To(activity.StageDemo, "2025-03-01")
	b.Deal("O2", "cy", "100", "2025-01-06").Team("north").Source("web").To(activity.StageQualification, "2025-01-08")
	b.Deal("O3", "cy", "100", "2025-01-07")
	b.Deal("O4", "ann", "100", "2025-03-15").Team("east").Source("partner")
	return b, activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
}

func lpNear(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }

func TestWinModelHand(t *testing.T) {
	t.Parallel()
	b, q1 := lpBook(t)
	ix := b.Index(activity.IndexOptions{})
	m, err := FitWinModel(ix.All(), WinModelOptions{Training: q1, Fields: []string{"stage", "source"}})
	if err != nil {
		t.Fatal(err)
	}
	// Counts (won, lost), smoothing 0.1: closed 2 won, 3 lost, so
	// P(won) = 2.1/5.2. Stages reached (a won deal reaches all; a lost one up
	// to where it was lost from: D2 qualification, D4 demo, D5 prospecting):
	// prospecting (2, 3), qualification (2, 2), demo (2, 1), proposal and
	// negotiation (2, 0), each over (2.1, 3.1). Sources: partner (1, 1),
	// direct (1, 2), over (2.2, 3.2).
	//
	// O1 demo, partner: S(won) = 2.1/5.2 × 2.1/2.1 × 1.1/2.2 = 1.05/5.2,
	// S(lost) = 3.1/5.2 × 1.1/3.1 × 1.1/3.2 = 1.21/16.64;
	// P = 3.36 / (3.36 + 1.21) = 3.36/4.57.
	// O2 qualification, web (unseen): S(won) = 2.1/5.2, S(lost) = 3.1/5.2 ×
	// 2.1/3.1 = 2.1/5.2: P = 1/2.
	// O3 prospecting, no source: S(won) = 2.1/5.2 × 1, S(lost) = 3.1/5.2 ×
	// 1: P = 2.1/5.2. O4 prospecting, partner: S(won) = 2.1/5.2 × 1 × 1.1/2.2,
	// S(lost) = 3.1/5.2 × 1 × 1.1/3.2: P = 1.05/(1.05 + 3.41/3.2) = 3.36/6.77.
	want := map[string]float64{"O1": 3.36 / 4.57, "O2": 0.5, "O3": 2.1 / 5.2, "O4": 3.36 / 6.77}
	got := m.Probabilities(ix.All(), time.Time{})
	if len(got) != len(want) {
		t.Errorf("Probabilities = %v, want %v", got, want)
	}
	for id, w := range want {
		if p := got[id].InexactFloat64(); !lpNear(p, w) {
			t.Errorf("Probabilities[%s] = %v, want %v", id, p, w)
		}
	}
	tab := m.Tables[0]
	if len(m.Tables) != 1 || tab.Won != 2 || tab.Lost != 3 || tab.Fields[0].Values[2] != (WinValue{"demo", 2, 1, 1}) ||
		tab.Fields[1].Won != 2 || tab.Fields[1].Lost != 3 || tab.Fields[1].Teams != 2 {
		t.Errorf("tables = %+v", m.Tables)
	}
	o1, _ := ix.DealRow("O1")
	s := m.Probability(ix.Deal(o1))
	if !lpNear(s.Probability, 3.36/4.57) || !lpNear(s.Prior, 2.1/5.2) || !lpNear(s.Factors[1].Won, 0.5) || !lpNear(s.Factors[1].Lost, 1.1/3.2) {
		t.Errorf("Probability(O1) = %+v", s)
	}
	if got, want := s.String(), "O1 73.5% (company; prior 40.4%): stage=demo ×2.82, source=partner ×1.45"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// At 20 January O1 was in qualification: S(won) = 2.1/5.2 × 1 × 1.1/2.2,
	// S(lost) = 3.1/5.2 × 2.1/3.1 × 1.1/3.2: P = 3.36/(3.36 + 2.31) = 3.36/5.67.
	// D1 was in demo then and closed later: P = 3.36/4.57 as O1 now; O4 did
	// not exist yet.
	at := m.Probabilities(ix.All(), b.Time("2025-01-20"))
	if p := at["O1"].InexactFloat64(); !lpNear(p, 3.36/5.67) {
		t.Errorf("O1 at 20 January: %v, want %v", p, 3.36/5.67)
	}
	if p := at["D1"].InexactFloat64(); !lpNear(p, 3.36/4.57) {
		t.Errorf("D1 at 20 January: %v, want %v", p, 3.36/4.57)
	}
	if _, ok := at["O4"]; ok {
		t.Errorf("O4 is scored before it was created")
	}
	for _, st := range []activity.Status{activity.StatusWon, activity.StatusLost} {
		want := 0.0
		if st == activity.StatusWon {
			want = 1
		}
		if s := m.Probability(activity.Deal{ID: "X", Status: st}); s.Probability != want || s.Factors != nil {
			t.Errorf("Probability(%v deal) = %+v, want %v", st, s, want)
		}
	}
}

func TestWinModelHandByTeam(t *testing.T) {
	t.Parallel()
	b, q1 := lpBook(t)
	ix := b.Index(activity.IndexOptions{})
	m, err := FitWinModel(ix.All(), WinModelOptions{Training: q1, Fields: []string{"stage", "source"}, ByTeam: true})
	if err != nil {
		t.Fatal(err)
	}
	// East (D1 won, D2 lost): P(won) = 1.1/2.2; O1 demo: won 1.1/1.1, lost
	// (D2 stopped at qualification) 0.1/1.1; partner 1.1/1.1 both ways.
	// S(won) = 0.5, S(lost) = 0.5 × 0.1/1.1: P = 11/12.
	// The company's table adds east and west, two smoothings each: W 2, L 3,
	// P(won) = 2.2/5.4. O2 (north: no closed deals) in qualification: won
	// 2.2/2.2, lost (D2, D4) 2.2/3.2; web unseen: P = 2.2/(2.2 + 2.2) = 1/2.
	// O3 (no team) in prospecting: 2.2/2.2 and 3.2/3.2: P = 2.2/5.4.
	want := map[string]float64{"O1": 11.0 / 12, "O2": 0.5, "O3": 2.2 / 5.4}
	got := m.Probabilities(ix.All(), time.Time{})
	for id, w := range want {
		if p := got[id].InexactFloat64(); !lpNear(p, w) {
			t.Errorf("Probabilities[%s] = %v, want %v", id, p, w)
		}
	}
	if n := len(m.Tables); n != 3 || m.Tables[0].Teams != 2 || m.Tables[1].Team != "east" || m.Tables[2].Team != "west" {
		t.Errorf("tables = %+v", m.Tables)
	}
	if got, want := m.String(), "naive Bayes on stage, source by team: 2 won, 3 lost, 3 tables, smoothing 0.1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// A model written as JSON and read back scores the same.
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back WinModel
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	again := back.Probabilities(ix.All(), time.Time{})
	for id, p := range got {
		if !again[id].Equal(p) {
			t.Errorf("after JSON, %s = %s, want %s", id, again[id], p)
		}
	}
	o2, _ := ix.DealRow("O2")
	s := m.Probability(ix.Deal(o2))
	if s.Table != "" || s.Fallback != "team without closed deals in training" || s.Factors[1].Skipped != "unseen" {
		t.Errorf("Probability(O2) = %+v", s)
	}
	o3, _ := ix.DealRow("O3")
	if s := m.Probability(ix.Deal(o3)); s.Fallback != "no team" || s.Factors[1].Skipped != "absent" || !strings.Contains(s.String(), "source absent") {
		t.Errorf("Probability(O3) = %+v, %s", s, s)
	}
}

// lpOdooRecords builds the leads of Odoo's test_predictive_lead_scoring
// (addons/crm/tests/test_crm_pls.py, class TestCrmPls) as deals: three open
// stages (Odoo's first three by sequence) then won and lost; leads 0–4 in
// team 1, 5–9 in team 2, 10–13 in team 3 or, with noTeam3, none. Country,
// state and source are the test's; stage, team and the won / lost calls
// too (a lost lead keeps its stage in Odoo: here it moves from that stage
// to the lost stage, which ReachedOrLater reads back).
//
// email_state and phone_state: the test passes values for them, but Odoo
// computes both fields from the lead's email and phone, which the test
// leaves empty, so every lead ends with False, and Odoo counts False as a
// value for these two fields. Every deal here has "false" for both. (With
// the values the test passes, the same rules give 61.18, 0.23 and 99.53,
// not the test's numbers.)
func lpOdooRecords(noTeam3 bool) (activity.Records, activity.Funnel) {
	f := activity.Funnel{Stages: []activity.FunnelStage{
		{Stage: "new"}, {Stage: "qualified"}, {Stage: "proposition"},
		{Stage: "won", Won: true}, {Stage: "lost", Lost: true},
	}}
	stages := []activity.Stage{"new", "qualified", "proposition"}
	// team, country, state, source, stage, as the test's
	// _prepare_test_lead_values calls give them (indexes into its lists).
	leads := [][5]int{
		{1, 0, 0, 0, 0}, {1, 1, 1, 1, 1}, {1, 2, 2, 2, 2}, {1, 0, 1, 2, 1}, {1, 1, 1, 1, 0},
		{2, 0, 1, 1, 2}, {2, 0, 1, 2, 1}, {2, 0, 2, 2, 0}, {2, 0, 1, 2, 1}, {2, 1, 0, 1, 1},
		{3, 1, 1, 1, 2}, {3, 0, 1, 0, 0}, {3, 1, 2, 2, 0}, {3, 0, 1, 2, 1},
	}
	outcome := map[int]activity.Status{0: activity.StatusLost, 1: activity.StatusLost, 2: activity.StatusWon,
		5: activity.StatusLost, 6: activity.StatusLost, 7: activity.StatusWon,
		10: activity.StatusWon, 11: activity.StatusLost, 12: activity.StatusLost}
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	closed := created.AddDate(0, 1, 0)
	var r activity.Records
	for i, l := range leads {
		d := activity.Deal{
			ID: fmt.Sprintf("lead_%d", i), Owner: "martin", Amount: decimal.NewFromInt(1000), Currency: "USD",
			Team:   fmt.Sprintf("team_%d", l[0]),
			Source: activity.Source(fmt.Sprintf("source_%d", l[3])), Stage: stages[l[4]], Status: activity.StatusOpen, CreatedAt: created,
			Attributes: map[string]string{
				"country": fmt.Sprintf("country_%d", l[1]), "state": fmt.Sprintf("state_%d", l[2]),
				"email_state": "false", "phone_state": "false",
			},
		}
		if noTeam3 && l[0] == 3 {
			d.Team = ""
		}
		if st, ok := outcome[i]; ok {
			to := activity.Stage("won")
			if st == activity.StatusLost {
				to = "lost"
			}
			r.StageChanges = append(r.StageChanges, activity.StageChange{Deal: d.ID, From: d.Stage, To: to, At: closed})
			d.Stage, d.Status, d.ClosedAt = to, st, closed
		}
		r.Deals = append(r.Deals, d)
	}
	return r, f
}

// TestWinModelOdoo reproduces the probabilities Odoo's own test of its
// predictive lead scoring asserts (odoo/odoo, addons/crm/tests/test_crm_pls.py,
// TestCrmPls.test_predictive_lead_scoring): with its pls_fields country_id,
// state_id, email_state, phone_state, source_id (and tag_ids, which no lead
// has) besides the stage, per-team frequencies and +0.1 smoothing, rounded
// as Odoo rounds automated_probability (percent to 2 places):
//
//	leads[3]  (team 1)            33.49
//	leads[8]  (team 2)             7.74
//	leads[13] (team 3)            35.09
//	leads[13] (no team, all teams' frequencies added up)  35.19
func TestWinModelOdoo(t *testing.T) {
	t.Parallel()
	fields := []string{"stage", "attributes.country", "attributes.state", "attributes.email_state", "attributes.phone_state", "source"}
	for _, tc := range []struct {
		name   string
		noTeam bool
		want   map[string]float64
	}{
		{"team 3", false, map[string]float64{"lead_3": 33.49, "lead_8": 7.74, "lead_13": 35.09}},
		{"no team", true, map[string]float64{"lead_3": 33.49, "lead_8": 7.74, "lead_13": 35.19}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			recs, funnel := lpOdooRecords(tc.noTeam)
			ix, err := activity.NewIndex(recs, activity.IndexOptions{Funnel: funnel, Team: activity.TeamFromDeal})
			if err != nil {
				t.Fatal(err)
			}
			m, err := FitWinModel(ix.All(), WinModelOptions{AsOf: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Fields: fields, ByTeam: true})
			if err != nil {
				t.Fatal(err)
			}
			got := m.Probabilities(ix.All(), time.Time{})
			for id, w := range tc.want {
				// Odoo: round(100 * s_won / (s_won + s_lost), 2).
				p := math.Round(10000*got[id].InexactFloat64()) / 100
				if p != w {
					t.Errorf("%s: %v%%, want Odoo's %v%%", id, p, w)
				}
			}
			// The frequencies the test checks for team 1: stage 0 won 1.1,
			// lost 2.1; the won stage is ours to leave out (a won deal
			// reaches every open stage; only open stages are scored).
			if tc.noTeam {
				return
			}
			t1 := m.Tables[1]
			if v := t1.Fields[0].Values[0]; t1.Team != "team_1" || v.Won != 1 || v.Lost != 2 {
				t.Errorf("team_1 stage 0 = %+v, want 1 won and 2 lost (1.1 and 2.1 smoothed)", v)
			}
		})
	}
}

func TestStageRatesProbabilities(t *testing.T) {
	t.Parallel()
	b, q1 := lpBook(t)
	ix := b.Index(activity.IndexOptions{})
	// StageWinRates fails on a group with no closed deal (web, O2's source):
	// learn from the closed deals only.
	closed := ix.All().DealsWhere("closed", func(ix *activity.Index, row int) bool { return ix.DealStatus(row).Closed() })
	r, err := StageWinRates(closed, StageWinOptions{Training: q1, By: activity.DimensionSource, MinSample: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Company: prospecting 2 of 5 = 0.4, qualification 2 of 4 (D1–D4) =
	// 0.5, demo 2 of 3 (D1, D3, D4). Partner (D1, D2): prospecting and
	// qualification 1 of 2; demo only D1, under the minimum of 2: the
	// company's 2/3. Direct (D3–D5): prospecting 1 of 3, qualification and
	// demo 1 of 2 (D3, D4). Web and no source: the company's.
	third, twoThirds := "0.33333333333333333333", "0.66666666666666666667"
	for _, tc := range []struct {
		name string
		asOf time.Time
		want map[string]string
	}{
		{"now", time.Time{}, map[string]string{"O1": twoThirds, "O2": "0.5", "O3": "0.4", "O4": "0.5"}},
		// On 20 January: D1 in demo (partner: the company's 2/3), D2 in
		// qualification, D3 and D5 in prospecting (direct 1/3), D4 in demo
		// (direct 1/2), O1 in qualification (partner 1/2); O4 not created.
		{"20 January", b.Time("2025-01-20"), map[string]string{
			"D1": twoThirds, "D2": "0.5", "D3": third, "D4": "0.5", "D5": third,
			"O1": "0.5", "O2": "0.5", "O3": "0.4",
		}},
	} {
		got := r.Probabilities(ix.All(), tc.asOf)
		if len(got) != len(tc.want) {
			t.Errorf("%s: Probabilities = %v, want %v", tc.name, got, tc.want)
		}
		for id, w := range tc.want {
			if p, ok := got[id]; !ok || !p.Equal(decimal.RequireFromString(w)) {
				t.Errorf("%s: Probabilities[%s] = %v, want %s", tc.name, id, p, w)
			}
		}
	}
}

func TestWinModelErrors(t *testing.T) {
	t.Parallel()
	b, q1 := lpBook(t)
	ix := b.Index(activity.IndexOptions{})
	q2 := activity.Period{Start: q1.End, End: b.Time("2025-07-01")}
	noFunnel, err := activity.NewIndex(b.Records, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		v    activity.View
		opts WinModelOptions
		want []error
	}{
		{"no training", ix.All(), WinModelOptions{}, []error{ErrInvalidOptions}},
		{"training and as-of", ix.All(), WinModelOptions{Training: q1, AsOf: q1.End}, []error{ErrInvalidOptions}},
		{"bad training", ix.All(), WinModelOptions{Training: activity.Period{Start: q1.End, End: q1.Start}}, []error{ErrInvalidOptions, activity.ErrInvalidPeriod}},
		{"unknown field", ix.All(), WinModelOptions{Training: q1, Fields: []string{"stage", "colour"}}, []error{ErrInvalidOptions}},
		{"attribute without key", ix.All(), WinModelOptions{Training: q1, Fields: []string{"attributes."}}, []error{ErrInvalidOptions}},
		{"repeated field", ix.All(), WinModelOptions{Training: q1, Fields: []string{"source", "source"}}, []error{ErrInvalidOptions}},
		{"no fields", ix.All(), WinModelOptions{Training: q1, Fields: []string{}}, []error{ErrInvalidOptions}},
		{"negative smoothing", ix.All(), WinModelOptions{Training: q1, Smoothing: -0.1}, []error{ErrInvalidOptions}},
		{"NaN smoothing", ix.All(), WinModelOptions{Training: q1, Smoothing: math.NaN()}, []error{ErrInvalidOptions}},
		{"huge smoothing", ix.All(), WinModelOptions{Training: q1, Smoothing: 1e7}, []error{ErrInvalidOptions}},
		{"stage without funnel", noFunnel.All(), WinModelOptions{Training: q1}, []error{ErrInvalidOptions, performance.ErrNoFunnel}},
		{"no closed deals", ix.All(), WinModelOptions{Training: q2}, []error{ErrUndefined, performance.ErrNoClosedDeals}},
		{"no closed deals before", ix.All(), WinModelOptions{AsOf: q1.Start}, []error{ErrUndefined, performance.ErrNoClosedDeals}},
	} {
		m, err := FitWinModel(tc.v, tc.opts)
		for _, w := range tc.want {
			if !errors.Is(err, w) {
				t.Errorf("%s: FitWinModel error %v, want %v", tc.name, err, w)
			}
		}
		if m != nil {
			t.Errorf("%s: a model with the error", tc.name)
		}
	}
	// Without a funnel the other fields still work.
	if _, err := FitWinModel(noFunnel.All(), WinModelOptions{Training: q1, Fields: []string{"source", "team"}}); err != nil {
		t.Errorf("no funnel, no stage field: %v", err)
	}
	// The zero model scores nothing.
	var zero WinModel
	if s := zero.Probability(activity.Deal{ID: "X", Status: activity.StatusOpen}); s.Probability != 0 || s.Factors != nil {
		t.Errorf("zero model: %+v", s)
	}
	if got := zero.Probabilities(ix.All(), time.Time{}); len(got) != 0 {
		t.Errorf("zero model: %v", got)
	}
}

// lpRefConfig is the generated history of the reference test.
var lpRefConfig = activitytest.Config{Seed: 11, Reps: 8, Teams: 3, Months: 12}

type lpRefInput struct {
	Stages  []string   `json:"stages"` // open stages in funnel order
	AsOf    int64      `json:"as_of"`  // Unix seconds: train on deals closed before, score deals open then
	Start   int64      `json:"start"`  // stage rates: closed in [start, as_of)
	Deals   [][]string `json:"deals"`  // id, team, source, segment, stage, status, created, closed (Unix seconds, "" open)
	Changes [][]string `json:"changes"`
}

func lpRefExport(t testing.TB) ([]byte, *activity.Index, time.Time, activity.Period) {
	recs := activitytest.Generate(lpRefConfig)
	win := lpRefConfig.Window()
	ix, err := activity.NewIndex(recs, activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: win.End})
	if err != nil {
		t.Fatal(err)
	}
	asOf := win.Start.AddDate(0, 9, 0)
	training := activity.Period{Start: win.Start.AddDate(0, 3, 0), End: asOf}
	in := lpRefInput{AsOf: asOf.Unix(), Start: training.Start.Unix()}
	for _, s := range ix.Funnel().Stages {
		if !s.Won && !s.Lost {
			in.Stages = append(in.Stages, string(s.Stage))
		}
	}
	sec := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return fmt.Sprint(t.Unix())
	}
	for _, row := range ix.All().DealRows() {
		d := ix.Deal(int(row)) // the team is the index's (the roster's at the close)
		in.Deals = append(in.Deals, []string{d.ID, d.Team, string(d.Source), d.Segment, string(d.Stage), d.Status.String(), sec(d.CreatedAt), sec(d.ClosedAt)})
	}
	for _, c := range recs.StageChanges {
		in.Changes = append(in.Changes, []string{c.Deal, string(c.From), string(c.To), sec(c.At)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), ix, asOf, training
}

// TestWinModelReference compares with testdata/learned_ref.json, computed
// by testdata/learned_ref.py (Python's own reading of the rules, exact
// fractions for the stage rates) from the generated history in
// testdata/learned_ref_input.json, which this test checks is the one
// activitytest.Generate still makes (rewrite it with -learned.write).
func TestWinModelReference(t *testing.T) {
	t.Parallel()
	in, ix, asOf, training := lpRefExport(t)
	if *lpWriteInput {
		if err := os.WriteFile("testdata/learned_ref_input.json", in, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := os.ReadFile("testdata/learned_ref_input.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, in) {
		t.Fatal("the generated history differs from testdata/learned_ref_input.json: rerun with -learned.write and testdata/learned_ref.py")
	}
	raw, err := os.ReadFile("testdata/learned_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Models []struct {
			Name          string             `json:"name"`
			Fields        []string           `json:"fields"`
			ByTeam        bool               `json:"by_team"`
			Smoothing     float64            `json:"smoothing"`
			Won           int64              `json:"won"`
			Lost          int64              `json:"lost"`
			Probabilities map[string]float64 `json:"probabilities"`
		} `json:"models"`
		StageRates map[string]string `json:"stage_rates"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Models) == 0 || len(ref.StageRates) == 0 {
		t.Fatal("empty reference")
	}
	for _, rm := range ref.Models {
		m, err := FitWinModel(ix.All(), WinModelOptions{AsOf: asOf, Fields: rm.Fields, ByTeam: rm.ByTeam, Smoothing: rm.Smoothing})
		if err != nil {
			t.Fatal(err)
		}
		if m.Tables[0].Won != rm.Won || m.Tables[0].Lost != rm.Lost {
			t.Errorf("%s: %d won, %d lost; want %d, %d", rm.Name, m.Tables[0].Won, m.Tables[0].Lost, rm.Won, rm.Lost)
		}
		got := m.Probabilities(ix.All(), asOf)
		if len(got) != len(rm.Probabilities) {
			t.Errorf("%s: %d deals scored, want %d", rm.Name, len(got), len(rm.Probabilities))
		}
		for id, w := range rm.Probabilities {
			if p := got[id].InexactFloat64(); math.Abs(p-w) > 1e-12 {
				t.Errorf("%s: %s = %v, want %v", rm.Name, id, p, w)
			}
		}
	}
	r, err := StageWinRates(ix.All(), StageWinOptions{Training: training, By: activity.DimensionSource, MinSample: 30})
	if err != nil {
		t.Fatal(err)
	}
	got := r.Probabilities(ix.All(), asOf)
	if len(got) != len(ref.StageRates) {
		t.Errorf("stage rates: %d deals, want %d", len(got), len(ref.StageRates))
	}
	for id, w := range ref.StageRates {
		if p := got[id]; !p.Equal(decimal.RequireFromString(w)) {
			t.Errorf("stage rates: %s = %s, want %s", id, p, w)
		}
	}
}

// TestWinModelByTeamSums checks, over a generated history of 70 teams (the
// counters go sparse past 64), that the company table of a ByTeam model
// holds the same counts as a model without teams, each value's smoothing
// counted once per team that saw it, and that every team's table adds up.
func TestWinModelByTeamSums(t *testing.T) {
	t.Parallel()
	cfg := activitytest.Config{Seed: 3, Teams: 70, Reps: 140, Months: 6, DealsPerRepMonth: 2}
	win := cfg.Window()
	ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: win.End})
	if err != nil {
		t.Fatal(err)
	}
	opts := WinModelOptions{AsOf: win.End, Fields: []string{"stage", "source", "owner", "segment"}}
	flat, err := FitWinModel(ix.All(), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.ByTeam = true
	teams, err := FitWinModel(ix.All(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(teams.Tables) < 66 {
		t.Fatalf("%d tables, want a company table and more than 64 teams", len(teams.Tables))
	}
	f, c := flat.Tables[0], teams.Tables[0]
	if f.Won != c.Won || f.Lost != c.Lost {
		t.Errorf("company: %d/%d, flat %d/%d", c.Won, c.Lost, f.Won, f.Lost)
	}
	for i := range f.Fields {
		if len(f.Fields[i].Values) != len(c.Fields[i].Values) {
			t.Fatalf("%s: %d values, flat %d", f.Fields[i].Field, len(c.Fields[i].Values), len(f.Fields[i].Values))
		}
		teamsSeen := 0
		for j, x := range f.Fields[i].Values {
			y := c.Fields[i].Values[j]
			if x.Value != y.Value || x.Won != y.Won || x.Lost != y.Lost || y.Teams < 1 {
				t.Errorf("%s: %+v, flat %+v", f.Fields[i].Field, y, x)
			}
			teamsSeen += y.Teams
		}
		if f.Fields[i].Field != "stage" && teamsSeen != c.Fields[i].Teams {
			t.Errorf("%s: %d smoothing terms, values say %d", f.Fields[i].Field, c.Fields[i].Teams, teamsSeen)
		}
	}
	var won, lost int64
	for _, tab := range teams.Tables[1:] {
		won, lost = won+tab.Won, lost+tab.Lost
		for _, fl := range tab.Fields {
			var w, l int64
			for _, x := range fl.Values {
				w, l = w+x.Won, l+x.Lost
			}
			if fl.Field != "stage" && (w != fl.Won || l != fl.Lost) {
				t.Errorf("team %s %s: values add to %d/%d, field says %d/%d", tab.Team, fl.Field, w, l, fl.Won, fl.Lost)
			}
		}
	}
	if won > c.Won || lost > c.Lost {
		t.Errorf("teams add to %d/%d, more than the company's %d/%d", won, lost, c.Won, c.Lost)
	}
}

// TestWinModelWonStages lists the won stage in the stage table, as Odoo's
// frequency table does. By hand: D1 and D2 won (every open stage and
// closed_won), D3 lost from qualification (prospecting and qualification):
// prospecting 2 won 1 lost, qualification 2 and 1, demo, proposal and
// negotiation 2 and 0, closed_won 2 and 0; without the option, no
// closed_won row. The scores do not change.
func TestWinModelWonStages(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-02").Won("2025-02-01")
	b.Deal("D2", "ann", "100", "2025-01-02").To(activity.StageDemo, "2025-01-05").Won("2025-02-02")
	b.Deal("D3", "bob", "100", "2025-01-03").To(activity.StageQualification, "2025-01-06").Lost("2025-02-03", "price")
	b.Deal("D4", "bob", "100", "2025-03-01")
	ix := b.Index(activity.IndexOptions{Funnel: activity.TypicalB2B()})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-03-01")}
	row := func(m *WinModel) string {
		var out []string
		for _, v := range m.Tables[0].Fields[0].Values {
			out = append(out, fmt.Sprintf("%s %d/%d", v.Value, v.Won, v.Lost))
		}
		return strings.Join(out, ", ")
	}
	with, err := FitWinModel(ix.All(), WinModelOptions{Training: q1, Fields: []string{"stage"}, WonStages: true})
	if err != nil {
		t.Fatal(err)
	}
	without, err := FitWinModel(ix.All(), WinModelOptions{Training: q1, Fields: []string{"stage"}})
	if err != nil {
		t.Fatal(err)
	}
	open := "prospecting 2/1, qualification 2/1, demo 2/0, proposal 2/0, negotiation 2/0"
	if got := row(with); got != open+", closed_won 2/0" {
		t.Errorf("with won stages: %s", got)
	}
	if got := row(without); got != open {
		t.Errorf("without: %s", got)
	}
	a, c := with.Probabilities(ix.All(), q1.End), without.Probabilities(ix.All(), q1.End)
	if fmt.Sprint(a) != fmt.Sprint(c) || len(a) == 0 {
		t.Errorf("scores differ: %v and %v", a, c)
	}
}
