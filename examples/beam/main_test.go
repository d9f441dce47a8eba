package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// writeDeals writes n deals in deals.csv's layout from a seed: 30 reps in
// 4 teams, a third open, a third of the closed won, amounts in cents; rep
// r-29 has only open deals (its rates are undefined). It returns the
// path and the deals as records.
func writeDeals(t *testing.T, n int, seed uint64) (string, []activity.Deal) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("id,owner_rep_id,team,territory,stage,amount,currency,created_at,closed_at,probability\n")
	var deals []activity.Deal
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		rep := rng.IntN(30)
		created := start.Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		d := activity.Deal{ID: fmt.Sprint(i + 1), Owner: fmt.Sprintf("r-%d", rep), Team: fmt.Sprintf("team-%d", rep%4),
			Currency: "USD", Amount: decimal.New(rng.Int64N(5_000_000), -2), CreatedAt: created}
		stage, closed := "negotiation", ""
		pct := rng.Int64N(101)
		d.Probability = activity.Some(decimal.New(pct, -2))
		switch k := rng.IntN(9); {
		case rep == 29 || k < 3:
			d.Stage, d.Status = activity.StageNegotiation, activity.StatusOpen
		case k < 5:
			stage, d.Stage, d.Status = "closed_won", activity.StageClosedWon, activity.StatusWon
		default:
			stage, d.Stage, d.Status = "closed_lost", activity.StageClosedLost, activity.StatusLost
		}
		if d.Status != activity.StatusOpen {
			d.ClosedAt = created.Add(time.Duration(1+rng.IntN(90*24)) * time.Hour)
			closed = d.ClosedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(&b, "%s,%d,%s,EMEA,%s,%s,USD,%s,%s,%s\n", d.ID, rep, d.Team, stage, d.Amount.StringFixed(2),
			created.Format(time.RFC3339), closed, decimal.New(pct, -2).StringFixed(2))
		d.Owner = fmt.Sprint(rep)
		deals = append(deals, d)
	}
	path := filepath.Join(t.TempDir(), "deals.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, deals
}

// writeActivities writes n activities in activities.csv's layout from a
// seed: four in five tied to a deal (its owner's, or a teammate's one time
// in ten), the others untied, of the five kinds. It returns the path and
// the activities as records.
func writeActivities(t *testing.T, deals []activity.Deal, n int, seed uint64) (string, []activity.Activity) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 2))
	var b strings.Builder
	b.WriteString("id,rep_id,deal_id,type,at,outcome\n")
	var acts []activity.Activity
	for i := range n {
		a := activity.Activity{ID: fmt.Sprint("a", i+1), Rep: fmt.Sprint(rng.IntN(30)), Kind: activity.Kind(kinds[rng.IntN(len(kinds))]),
			At: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(1e6)) * time.Second)}
		if rng.IntN(5) > 0 {
			d := deals[rng.IntN(len(deals))]
			a.Deal, a.Rep = d.ID, d.Owner
			if rng.IntN(10) == 0 {
				a.Rep = fmt.Sprint(rng.IntN(30))
			}
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,done\n", a.ID, a.Rep, a.Deal, a.Kind, a.At.Format(time.RFC3339))
		acts = append(acts, a)
	}
	path := filepath.Join(t.TempDir(), "activities.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, acts
}

// setActivities fills the activity fields of the overall and per-rep rows
// of want from the library, as examples/benchreport does: the activity
// volume by kind (by the activity's rep), activities per won deal, and the
// activities on won deals attributed to the deal's owner.
func setActivities(t *testing.T, all activity.View, want *Report) {
	t.Helper()
	perWon := performance.EffortOptions{}
	linked := performance.EffortOptions{Linking: performance.LinkedToOutcome, Attribution: performance.AttributeToDealOwner}
	set := func(r *Row, vol activity.Volume, e, l performance.Effort, eDefined, lDefined bool) {
		r.Activities = map[string]int64{"total": 0}
		for _, k := range kinds {
			r.Activities[k] = 0
		}
		for _, k := range vol.ByKind {
			r.Activities[string(k.Kind)] = k.Count
			r.Activities["total"] += k.Count
		}
		if eDefined {
			r.ActivitiesPerWonDeal = &e.Ratio
		}
		n := l.Activities
		r.LinkedOnWonDeals = &n
		if lDefined {
			r.LinkedPerWonDeal = &l.Ratio
		}
	}
	vol, err1 := activity.ActivityVolume(all, allTime, activity.VolumeOptions{})
	e, err2 := performance.ActivitiesPerWonDeal(all, allTime, perWon)
	l, err3 := performance.ActivitiesPerWonDeal(all, allTime, linked)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	set(&want.Overall, vol, e, l, true, true)
	vols, err1 := activity.ActivityVolumeBy(all, allTime, activity.ByRep(), activity.VolumeOptions{})
	es, err2 := performance.ActivitiesPerWonDealBy(all, allTime, activity.ByRep(), perWon)
	ls, err3 := performance.ActivitiesPerWonDealBy(all, allTime, activity.ByRep(), linked)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	find := func(key string) (activity.Volume, performance.Effort, performance.Effort, bool, bool) {
		var v activity.Volume
		var e, l performance.Effort
		eOK, lOK := false, false
		for _, g := range vols {
			if g.Key == key {
				v = g.Result
			}
		}
		for _, g := range es {
			if g.Key == key {
				e, eOK = g.Result, g.Undefined == ""
			}
		}
		for _, g := range ls {
			if g.Key == key {
				l, lOK = g.Result, g.Undefined == ""
			}
		}
		return v, e, l, eOK, lOK
	}
	for i := range want.PerRep {
		v, e, l, eOK, lOK := find(strings.TrimPrefix(want.PerRep[i].Key, "rep:"))
		set(&want.PerRep[i], v, e, l, eOK, lOK)
	}
}

// rowOf is the in-memory row of a view: the library's KPIs over an index
// of the same deals, as examples/benchreport computes kpi-report/v1.
func rowOf(t *testing.T, key string, v activity.View) Row {
	t.Helper()
	undefined := func(err error) bool {
		return err == nil || errors.Is(err, performance.ErrNoClosedDeals) || errors.Is(err, performance.ErrNoWonDeals) ||
			errors.Is(err, performance.ErrZeroDenominator)
	}
	w, errW := performance.WinRate(v, allTime, performance.WinRateOptions{})
	wv, errWV := performance.WinRate(v, allTime, performance.WinRateOptions{Basis: performance.ValueBasis})
	p, errP := performance.OpenPipeline(v, allTime, performance.PipelineOptions{Selection: performance.AllOpen, AsOf: allTime.End})
	s, errS := performance.DealSizeOf(v, allTime, performance.DealSizeOptions{})
	c, errC := performance.SalesCycle(v, allTime, performance.CycleOptions{})
	vel, errV := performance.VelocityFrom(key, allTime, p.Deals, w, s, c)
	for _, err := range []error{errW, errWV, errP, errS, errC, errV} {
		if !undefined(err) {
			t.Fatalf("%s: %v", key, err)
		}
	}
	r := Row{Key: key, OpenCount: p.Deals, ClosedCount: w.Won + w.Lost, WonCount: w.Won,
		ClosedCents: w.ClosedAmount.Shift(2).IntPart(), WonCents: w.WonAmount.Shift(2).IntPart(),
		WeightedPipeline: p.Weighted.InexactFloat64()}
	r.DealsTotal = r.OpenCount + r.ClosedCount
	if errW == nil {
		r.WinRateCount = &w.Rate
	}
	if errWV == nil {
		r.WinRateValue = &wv.Rate
	}
	if errS == nil {
		avg := s.Mean.InexactFloat64()
		r.AvgWonAmount = &avg
	}
	if errC == nil {
		r.CycleMeanDays, r.CycleMedianDays = &c.MeanDays, &c.MedianDays
	}
	if errV == nil {
		r.SalesVelocityPerDay = &vel.PerDay
	}
	return r
}

// TestPipeline runs the pipeline on prism over generated deals and checks
// every field of every row, overall, per rep and per team, against the
// library's KPIs over an in-memory index of the same deals (each group a
// view); and that the runner moved the combiner's tallies encoded.
func TestPipeline(t *testing.T) {
	path, deals := writeDeals(t, 5000, 3)
	actsPath, acts := writeActivities(t, deals, 20000, 4)
	before := encoded.Load()
	var out bytes.Buffer
	if err := run(context.Background(), ptest.DefaultRunner(), path, actsPath, &out); err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if encoded.Load() == before {
		t.Error("no accumulator was encoded: the tallies never left a worker")
	}
	ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts}, activity.IndexOptions{Team: activity.TeamFromDeal})
	if err != nil {
		t.Fatal(err)
	}
	all := ix.All()
	want := Report{Version: got.Version, Overall: rowOf(t, "all", all)}
	for _, name := range ix.Reps().Names() {
		v, err := all.Rep(name)
		if err != nil {
			t.Fatal(err)
		}
		want.PerRep = append(want.PerRep, rowOf(t, "rep:"+name, v))
	}
	for _, name := range ix.Teams().Names() {
		v, err := all.Team(name)
		if err != nil {
			t.Fatal(err)
		}
		want.PerTeam = append(want.PerTeam, rowOf(t, "team:"+name, v))
	}
	setActivities(t, all, &want)
	// Keys sort as strings in both ("rep:10" before "rep:2").
	byKey := func(a, b Row) int { return strings.Compare(a.Key, b.Key) }
	slices.SortFunc(want.PerRep, byKey)
	slices.SortFunc(want.PerTeam, byKey)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Beam's report (+) differs from the library's in memory (-):\n%s", diff)
	}
	if len(got.PerRep) != 30 || len(got.PerTeam) != 4 || got.PerRep[22].Key != "rep:29" || got.PerRep[22].WinRateCount != nil ||
		got.Overall.CycleMedianDays == nil || got.Overall.SalesVelocityPerDay == nil {
		t.Errorf("groups: %d reps, %d teams; %+v; overall %+v", len(got.PerRep), len(got.PerTeam), got.PerRep[22], got.Overall)
	}
}

// TestParseDeal: a row of the wrong width, an amount that is not a number
// or not whole cents are errors; the header and blank lines emit nothing.
func TestParseDeal(t *testing.T) {
	var n int
	emit := func(string, Deal) { n++ }
	for _, line := range []string{"id,owner_rep_id,team,territory,stage,amount,currency,created_at,closed_at,probability", ""} {
		if err := parseDeal(line, emit); err != nil || n != 0 {
			t.Errorf("%q: %v, %d emitted", line, err, n)
		}
	}
	for _, line := range []string{"1,2,3", "1,7,team-1,EMEA,closed_won,12x,USD,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,1.00",
		"1,7,team-1,EMEA,closed_won,12.345,USD,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,1.00",
		"1,7,team-1,EMEA,closed_won,12.34,USD,2024-01-01T00:00:00Z,yesterday,1.00",
		"1,7,team-1,EMEA,negotiation,12.34,USD,2024-01-01T00:00:00Z,,half"} {
		if err := parseDeal(line, emit); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
	if err := parseDeal("1,7,team-1,EMEA,closed_won,12.34,USD,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,1.00", emit); err != nil || n != 3 {
		t.Errorf("a won deal: %v, %d emitted, want 3 (all, rep, team)", err, n)
	}
	// The accumulator's coder: a round trip, and junk refused.
	var a DealAcc
	a = dealsFn{}.AddInput(a, Deal{Closed: true, Won: true, Cents: 1234, CycleNanos: int64(48 * time.Hour)})
	a = dealsFn{}.AddInput(a, Deal{Cents: 500, Pct: 40})
	enc, err := encodeDealAcc(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeDealAcc(enc)
	if err != nil || !cmp.Equal(dealsFn{}.ExtractOutput(back), dealsFn{}.ExtractOutput(a)) {
		t.Errorf("round trip: %v", err)
	}
	for i := range len(enc) {
		if _, err := decodeDealAcc(enc[:i]); err == nil {
			t.Errorf("cut to %d bytes: no error", i)
		}
	}
	if _, err := decodeDealAcc(append(enc, 0)); err == nil {
		t.Error("a byte more: no error")
	}
}
