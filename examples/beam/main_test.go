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
		fmt.Fprintf(&b, "%s,%d,%s,EMEA,%s,%s,USD,%s,%s,0.50\n", d.ID, rep, d.Team, stage, d.Amount.StringFixed(2),
			created.Format(time.RFC3339), closed)
		d.Owner = fmt.Sprint(rep)
		deals = append(deals, d)
	}
	path := filepath.Join(t.TempDir(), "deals.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, deals
}

// rowOf is the in-memory row of a group: the library's WinRate over an
// index of the same deals.
func rowOf(t *testing.T, key string, count, value performance.WinLoss, countErr, valueErr error) Row {
	t.Helper()
	r := Row{Key: key, ClosedCount: count.Won + count.Lost, WonCount: count.Won,
		ClosedCents: count.ClosedAmount.Shift(2).IntPart(), WonCents: count.WonAmount.Shift(2).IntPart()}
	if countErr == nil {
		r.WinRateCount = &count.Rate
	} else if !errors.Is(countErr, performance.ErrNoClosedDeals) {
		t.Fatal(countErr)
	}
	if valueErr == nil {
		r.WinRateValue = &value.Rate
	} else if !errors.Is(valueErr, performance.ErrNoClosedDeals) && !errors.Is(valueErr, performance.ErrZeroDenominator) {
		t.Fatal(valueErr)
	}
	return r
}

// TestPipeline runs the pipeline on prism over generated deals and checks
// every number, overall, per rep and per team, against the library's
// in-memory WinRate and WinRateBy over an index of the same deals; and
// that the runner moved the combiner's tallies encoded.
func TestPipeline(t *testing.T) {
	path, deals := writeDeals(t, 5000, 3)
	before := encoded.Load()
	var out bytes.Buffer
	if err := run(context.Background(), ptest.DefaultRunner(), path, &out); err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if encoded.Load() == before {
		t.Error("no accumulator was encoded: the tallies never left a worker")
	}

	ix, err := activity.NewIndex(activity.Records{Deals: deals}, activity.IndexOptions{Team: activity.TeamFromDeal})
	if err != nil {
		t.Fatal(err)
	}
	all := ix.All()
	countOpts, valueOpts := performance.WinRateOptions{}, performance.WinRateOptions{Basis: performance.ValueBasis}
	c, errC := performance.WinRate(all, allTime, countOpts)
	v, errV := performance.WinRate(all, allTime, valueOpts)
	want := Report{Version: got.Version, Overall: rowOf(t, "all", c, v, errC, errV)}
	for _, by := range []struct {
		by     activity.By
		prefix string
		rows   *[]Row
	}{{activity.ByRep(), "rep:", &want.PerRep}, {activity.ByTeam(), "team:", &want.PerTeam}} {
		cs, err1 := performance.WinRateBy(all, allTime, by.by, countOpts)
		vs, err2 := performance.WinRateBy(all, allTime, by.by, valueOpts)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		for i := range cs {
			var ec, ev error
			if cs[i].Undefined != "" {
				ec = performance.ErrNoClosedDeals
			}
			if vs[i].Undefined != "" {
				ev = performance.ErrNoClosedDeals
			}
			*by.rows = append(*by.rows, rowOf(t, by.prefix+cs[i].Key, cs[i].Result, vs[i].Result, ec, ev))
		}
	}
	// A group without a closed deal: the library's breakdown leaves it out,
	// the report has it with both rates null.
	for _, d := range deals {
		for _, g := range []struct {
			key  string
			rows *[]Row
		}{{"rep:" + d.Owner, &want.PerRep}, {"team:" + d.Team, &want.PerTeam}} {
			if !slices.ContainsFunc(*g.rows, func(r Row) bool { return r.Key == g.key }) {
				*g.rows = append(*g.rows, Row{Key: g.key})
			}
		}
	}
	// Keys sort as strings in both ("rep:10" before "rep:2").
	byKey := func(a, b Row) int { return strings.Compare(a.Key, b.Key) }
	slices.SortFunc(want.PerRep, byKey)
	slices.SortFunc(want.PerTeam, byKey)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Beam's report (+) differs from the library's in memory (-):\n%s", diff)
	}
	if len(got.PerRep) != 30 || len(got.PerTeam) != 4 || got.PerRep[22].Key != "rep:29" || got.PerRep[22].WinRateCount != nil {
		t.Errorf("groups: %d reps, %d teams; %+v", len(got.PerRep), len(got.PerTeam), got.PerRep[22])
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
		"1,7,team-1,EMEA,closed_won,12.345,USD,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,1.00"} {
		if err := parseDeal(line, emit); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
	if err := parseDeal("1,7,team-1,EMEA,closed_won,12.34,USD,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,1.00", emit); err != nil || n != 3 {
		t.Errorf("a won deal: %v, %d emitted, want 3 (all, rep, team)", err, n)
	}
	if _, err := decodeWinAcc([]byte("not a tally")); !errors.Is(err, performance.ErrInvalidEncoding) {
		t.Errorf("decoding junk: %v", err)
	}
}
