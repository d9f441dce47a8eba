package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
	"github.com/salesmetrics/salesmetrics/performance"
)

// The tests share one throwaway PostgreSQL server, started here. Without
// its programs they skip, unless SALESMETRICS_REQUIRE_POSTGRES is set (as
// .ci/run sets it), when they fail.
var (
	testDSN   string
	noServer  error
	testSetup = config{} // the sample company at its default size
)

func TestMain(m *testing.M) {
	pg, err := StartTempServer("")
	if err != nil {
		noServer = err
		os.Exit(m.Run())
	}
	testDSN = pg.DSN
	code := m.Run()
	if err := pg.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping PostgreSQL:", err)
		code = 1
	}
	os.Exit(code)
}

// open returns a connection to the test server, its tables loaded with the
// sample company.
func open(t *testing.T) (*sql.DB, activity.Records) {
	t.Helper()
	if noServer != nil {
		if os.Getenv("SALESMETRICS_REQUIRE_POSTGRES") != "" {
			t.Fatalf("no PostgreSQL server: %v", noServer)
		}
		t.Skipf("no PostgreSQL server to test against: %v", noServer)
	}
	db, err := sql.Open("pgx", testDSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := sample(testSetup)
	if err := Load(context.Background(), db, activity.TypicalB2B(), r); err != nil {
		t.Fatal(err)
	}
	return db, r
}

func newServer(t *testing.T, db *sql.DB) (*server, *httptest.Server) {
	t.Helper()
	s := &server{db: db}
	if _, err := s.refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.handler())
	t.Cleanup(hs.Close)
	return s, hs
}

func get(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var b bytes.Buffer
		b.ReadFrom(res.Body)
		t.Fatalf("GET %s: %s: %s", url, res.Status, b.String())
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func post(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Post(url, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return res.StatusCode, b.String()
}

// memoryReview is the review the library computes from the records
// themselves, with no database between.
func memoryReview(t *testing.T, r activity.Records, b *book, by string) []byte {
	t.Helper()
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, p := range r.Reps {
		names[p.ID] = p.Name
	}
	rv, err := review.Compute(ix.All(), review.Options{Period: b.period, Next: b.next, AsOf: b.asOf,
		Cal: activity.Calendar{Location: time.UTC}, By: by, Scope: "company", Names: names})
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(rv)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReview: the review served from PostgreSQL is the review computed
// from the same records in memory, section for section.
func TestReview(t *testing.T) {
	db, r := open(t)
	s, hs := newServer(t, db)
	b := s.current()
	if b.rows["deals"] != len(r.Deals) || b.rows["activities"] != len(r.Activities) || b.rows["stage_changes"] != len(r.StageChanges) ||
		b.rows["reps"] != len(r.Reps) || b.rows["quotas"] != len(r.Quotas) {
		t.Fatalf("rows read %v, want every record's", b.rows)
	}
	for _, by := range []string{"", "rep", "team"} {
		var got Response
		get(t, hs.URL+"/review?by="+by, &got)
		if got.Build.Rows["deals"] != len(r.Deals) {
			t.Errorf("by %q: build %+v", by, got.Build)
		}
		served, err := json.Marshal(got.Review)
		if err != nil {
			t.Fatal(err)
		}
		var x, y any
		json.Unmarshal(served, &x)
		json.Unmarshal(memoryReview(t, r, b, by), &y)
		if diff := cmp.Diff(y, x); diff != "" {
			t.Errorf("by %q: review from PostgreSQL differs from the in-memory one (-memory +database):\n%s", by, diff)
		}
		if got.WinRate == nil || got.Bookings == nil || got.Pipeline == nil || got.Activity == nil || got.Attainment == nil {
			t.Errorf("by %q: a section is missing: %+v", by, got.Undefined)
		}
		if by != "" && len(got.Groups) == 0 {
			t.Errorf("by %q: no groups", by)
		}
	}
	rep := r.Reps[0].ID
	var one Response
	get(t, hs.URL+"/review?rep="+rep, &one)
	if one.Scope != "rep "+rep {
		t.Errorf("scope %q", one.Scope)
	}
	for _, q := range []string{"by=month", "rep=nobody", "team=x&rep=y"} {
		res, err := http.Get(hs.URL + "/review?" + q)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			t.Errorf("review?%s: %s, want an error", q, res.Status)
		}
	}
}

// TestSQL: PostgreSQL's answers to the three KPIs in SQL agree with the
// library's, exactly.
func TestSQL(t *testing.T) {
	db, _ := open(t)
	_, hs := newServer(t, db)
	var c Comparison
	get(t, hs.URL+"/sql", &c)
	for name, a := range map[string]Answer{"win_rate": c.WinRate, "bookings": c.Bookings, "pipeline": c.Pipeline} {
		if !a.Agree || a.SQL.Deals == 0 {
			t.Errorf("%s: SQL %+v, library %+v", name, a.SQL, a.Library)
		}
	}
	if c.Pipeline.SQL.Weighted == nil || !c.Pipeline.SQL.Weighted.Equal(*c.Pipeline.Library.Weighted) {
		t.Errorf("weighted pipeline: SQL %v, library %v", c.Pipeline.SQL.Weighted, c.Pipeline.Library.Weighted)
	}
}

// TestRefresh: a refresh with nothing changed keeps the build; after a won
// deal is inserted it rebuilds, and exactly the numbers of won deals move.
func TestRefresh(t *testing.T) {
	db, r := open(t)
	s, hs := newServer(t, db)
	first := s.current()
	if code, body := post(t, hs.URL+"/refresh"); code != http.StatusOK || !strings.Contains(body, `"changed": false`) {
		t.Fatalf("refresh with nothing changed: %d %s", code, body)
	}
	if s.current() != first {
		t.Fatal("a refresh with nothing changed rebuilt")
	}
	var before Response
	get(t, hs.URL+"/review?by=rep", &before)

	// A deal of the first rep, created and won inside the quarter reviewed,
	// before the latest close (so the as-of time stays).
	rep := r.Reps[0].ID
	created := first.period.Start.Add(36 * time.Hour)
	closed := created.Add(10 * 24 * time.Hour)
	amount := decimal.RequireFromString("12345.67")
	if _, err := db.Exec(`INSERT INTO deals (id, owner_id, amount, currency, stage, status, created_at, closed_at)
		VALUES ('D-new', $1, $2, 'USD', 'closed_won', 'won', $3, $4)`, rep, amount.String(), created, closed); err != nil {
		t.Fatal(err)
	}
	if code, body := post(t, hs.URL+"/refresh"); code != http.StatusOK || !strings.Contains(body, `"changed": true`) {
		t.Fatalf("refresh after an insert: %d %s", code, body)
	}
	var after Response
	get(t, hs.URL+"/review?by=rep", &after)
	if after.Build.Rows["deals"] != len(r.Deals)+1 {
		t.Errorf("deals read %d, want %d", after.Build.Rows["deals"], len(r.Deals)+1)
	}
	// The insert was applied as an update of the index, not a rebuild.
	if after.Build.Updates != 1 || !after.Build.BuiltAt.Equal(before.Build.BuiltAt) || s.current() != first {
		t.Errorf("an insert: %d updates, built at %v (was %v)", after.Build.Updates, after.Build.BuiltAt, before.Build.BuiltAt)
	}
	// Won deals: one more won, 12,345.67 more booked, for the company and
	// for the rep; nothing else counted moves.
	bw, aw := before.WinRate, after.WinRate
	if aw.Won != bw.Won+1 || aw.Lost != bw.Lost {
		t.Errorf("win rate: won %d lost %d, was %d %d", aw.Won, aw.Lost, bw.Won, bw.Lost)
	}
	if want := bw.WonAmount.Add(amount); !aw.WonAmount.Equal(want) {
		t.Errorf("won amount %v, want %v", aw.WonAmount, want)
	}
	bb, ab := before.Bookings, after.Bookings
	if ab.Deals != bb.Deals+1 || !ab.Amount.Equal(bb.Amount.Add(amount)) {
		t.Errorf("bookings %d %v, was %d %v", ab.Deals, ab.Amount, bb.Deals, bb.Amount)
	}
	if diff := cmp.Diff(before.Pipeline, after.Pipeline); diff != "" {
		t.Errorf("pipeline moved:\n%s", diff)
	}
	if diff := cmp.Diff(before.Activity, after.Activity); diff != "" {
		t.Errorf("activity moved:\n%s", diff)
	}
	if !after.AsOf.Equal(before.AsOf) || after.Period != before.Period {
		t.Errorf("as of %v %v, was %v %v", after.AsOf, after.Period, before.AsOf, before.Period)
	}
	groups := func(rv Response) map[string]*performance.BookingsTotal {
		m := map[string]*performance.BookingsTotal{}
		for _, g := range rv.Groups {
			m[g.Key] = g.Bookings
		}
		return m
	}
	gb, ga := groups(before), groups(after)
	for key, b := range gb {
		a := ga[key]
		switch {
		case a == nil || b == nil:
			if a != b {
				t.Errorf("rep %s: bookings %v, was %v", key, a, b)
			}
		case key == rep:
			if a.Deals != b.Deals+1 || !a.Amount.Equal(b.Amount.Add(amount)) {
				t.Errorf("rep %s: bookings %d %v, was %d %v", key, a.Deals, a.Amount, b.Deals, b.Amount)
			}
		case a.Deals != b.Deals || !a.Amount.Equal(b.Amount):
			t.Errorf("rep %s: bookings moved to %d %v from %d %v", key, a.Deals, a.Amount, b.Deals, b.Amount)
		}
	}
	if _, ok := gb[rep]; !ok {
		t.Errorf("rep %s has no line before", rep)
	}

	// An update moves updated_at: the next refresh rebuilds.
	if _, err := db.Exec(`UPDATE deals SET amount = amount + 1 WHERE id = 'D-new'`); err != nil {
		t.Fatal(err)
	}
	if changed, err := s.refresh(context.Background()); err != nil || !changed {
		t.Errorf("refresh after an update: %v %v", changed, err)
	}
	var again Response
	get(t, hs.URL+"/review", &again)
	if want := ab.Amount.Add(decimal.NewFromInt(1)); !again.Bookings.Amount.Equal(want) {
		t.Errorf("bookings after the update %v, want %v", again.Bookings.Amount, want)
	}
	if again.Build.Updates != 2 {
		t.Errorf("an edit: %d updates, want 2", again.Build.Updates)
	}
	// New history and activity of the deal, in one update: the review
	// equals a rebuild's from the same tables.
	if _, err := db.Exec(`INSERT INTO stage_changes (deal_id, from_stage, to_stage, changed_at) VALUES ('D-new', 'prospecting', 'closed_won', $1)`, closed); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO activities (id, rep_id, kind, at, deal_id) VALUES ('A-new', $1, 'call', $2, 'D-new')`, rep, created.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if changed, err := s.refresh(context.Background()); err != nil || !changed {
		t.Fatalf("refresh after new history: %v %v", changed, err)
	}
	var updated Response
	get(t, hs.URL+"/review?by=rep", &updated)
	if updated.Build.Updates != 3 || updated.Activity == nil {
		t.Errorf("new history: %d updates", updated.Build.Updates)
	}
	rebuilt, err := build(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := review.Compute(rebuilt.ix.All(), s.current().options("rep", "company"))
	if err != nil {
		t.Fatal(err)
	}
	var x, y any
	served, _ := json.Marshal(updated.Review)
	fresh, _ := json.Marshal(want)
	json.Unmarshal(served, &x)
	json.Unmarshal(fresh, &y)
	if diff := cmp.Diff(y, x); diff != "" {
		t.Errorf("the updated index's review differs from a rebuild's (-rebuilt +updated):\n%s", diff)
	}
	// An edited stage change cannot be applied (the index would add it
	// again): a rebuild.
	if _, err := db.Exec(`UPDATE stage_changes SET changed_at = changed_at WHERE deal_id = 'D-new'`); err != nil {
		t.Fatal(err)
	}
	if changed, err := s.refresh(context.Background()); err != nil || !changed || s.current() == first {
		t.Errorf("refresh after an edited change: %v %v, rebuilt %v", changed, err, s.current() != first)
	}
	first = s.current()
	// A delete moves the count.
	for _, q := range []string{`DELETE FROM activities WHERE id = 'A-new'`, `DELETE FROM stage_changes WHERE deal_id = 'D-new'`,
		`DELETE FROM deals WHERE id = 'D-new'`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if changed, err := s.refresh(context.Background()); err != nil || !changed {
		t.Errorf("refresh after a delete: %v %v", changed, err)
	}
	get(t, hs.URL+"/review", &again)
	if !again.Bookings.Amount.Equal(bb.Amount) {
		t.Errorf("bookings after the delete %v, want %v", again.Bookings.Amount, bb.Amount)
	}
	if again.Build.Updates != 0 || s.current() == first {
		t.Errorf("a delete: %d updates, rebuilt %v", again.Build.Updates, s.current() != first)
	}
}

// TestBadRows: a row the index cannot take fails the refresh with an error
// naming its table and key; the last good build is still served.
func TestBadRows(t *testing.T) {
	db, r := open(t)
	s, hs := newServer(t, db)
	good := s.current()
	deal, act := r.Deals[5].ID, r.Activities[7].ID
	var change int64
	if err := db.QueryRow(`SELECT min(id) FROM stage_changes`).Scan(&change); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, edit, undo string
		want             string // a line of the error
		check            func(err error) bool
	}{
		{"a NULL amount",
			`UPDATE deals SET amount = NULL WHERE id = '` + deal + `'`,
			`UPDATE deals SET amount = 1 WHERE id = '` + deal + `'`,
			"deals row " + deal + ": amount: NULL where a value is needed",
			func(err error) bool {
				var re *RowError
				return errors.As(err, &re) && re.Table == "deals" && re.Key == deal && re.Column == "amount" && errors.Is(err, ErrNull)
			}},
		{"an unknown stage",
			`UPDATE deals SET stage = 'haggling' WHERE id = '` + deal + `'`,
			`UPDATE deals SET stage = 'closed_won', status = 'won' WHERE id = '` + deal + `'`,
			"deals row " + deal + ": stage: ",
			func(err error) bool {
				var re *activity.RecordError
				return errors.As(err, &re) && re.Record == "deal" && re.ID == deal && errors.Is(err, activity.ErrUnknownStage)
			}},
		{"an activity of a deal that does not exist",
			`UPDATE activities SET deal_id = 'D-none' WHERE id = '` + act + `'`,
			`UPDATE activities SET deal_id = NULL WHERE id = '` + act + `'`,
			"activities row " + act + ": deal: ",
			func(err error) bool {
				var re *activity.RecordError
				return errors.As(err, &re) && re.Record == "activity" && re.ID == act && errors.Is(err, activity.ErrUnknownDeal)
			}},
		{"a stage change of a deal that does not exist",
			fmt.Sprintf(`UPDATE stage_changes SET deal_id = 'D-none' WHERE id = %d`, change),
			fmt.Sprintf(`DELETE FROM stage_changes WHERE id = %d`, change),
			fmt.Sprintf("stage_changes row %d (deal D-none): deal: ", change),
			func(err error) bool {
				var re *activity.RecordError
				return errors.As(err, &re) && re.Record == "stage change" && errors.Is(err, activity.ErrUnknownDeal)
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := db.Exec(c.edit); err != nil {
				t.Fatal(err)
			}
			_, err := s.refresh(context.Background())
			if err == nil || !c.check(err) || !containsLine(err.Error(), c.want) {
				t.Errorf("refresh: %v\nwant a line starting %q", err, c.want)
			}
			if s.current() != good {
				t.Error("a failed refresh replaced the build")
			}
			code, body := post(t, hs.URL+"/refresh")
			if code != http.StatusUnprocessableEntity || !containsLine(body, c.want) {
				t.Errorf("POST /refresh: %d %s", code, body)
			}
			var rv Response
			get(t, hs.URL+"/review", &rv)
			if rv.Build.BuiltAt != good.built.Round(0) && !rv.Build.BuiltAt.Equal(good.built) {
				t.Errorf("served build of %v, want the good one of %v", rv.Build.BuiltAt, good.built)
			}
			if _, err := db.Exec(c.undo); err != nil {
				t.Fatal(err)
			}
			if _, err := s.refresh(context.Background()); err != nil {
				t.Errorf("after the undo: %v", err)
			}
			good = s.current()
		})
	}
}

func containsLine(s, prefix string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestRun: the program loads the sample company and answers -compare.
func TestRun(t *testing.T) {
	open(t)
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"-dsn", testDSN, "-load", "-compare"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var c Comparison
	if err := json.Unmarshal(out.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if !c.WinRate.Agree || !c.Bookings.Agree || !c.Pipeline.Agree {
		t.Errorf("disagree: %s", out.String())
	}
	if !strings.Contains(errs.String(), "index built from PostgreSQL") {
		t.Errorf("stderr: %s", errs.String())
	}
}

func TestFlags(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	for _, args := range [][]string{
		{},
		{"-dsn", "x", "extra"},
		{"-temp", "-dsn", "postgres:///x"},
		{"-dsn", "x", "-deals", "-1"},
		{"-dsn", "x", "-refresh", "-1s"},
		{"-dsn", "x", "-reps", "1000000"},
		{"-dsn", "x", "-untied-share", "-0.5"},
		{"-nosuchflag"},
	} {
		var out, errs bytes.Buffer
		if code := run(context.Background(), args, &out, &errs); code != 2 || errs.Len() == 0 {
			t.Errorf("%q: exit %d, %q", args, code, errs.String())
		}
	}
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"-dsn", "host=/nonexistent dbname=x", "-compare"}, &out, &errs); code != 1 || errs.Len() == 0 {
		t.Errorf("unreachable database: exit %d, %q", code, errs.String())
	}
}

// TestStreamStopsEarly: a stream left after a few batches stops its reader
// (no goroutine is left behind) and reports no error; one read to the end
// yields every row in the table's order.
func TestStreamStopsEarly(t *testing.T) {
	db, r := open(t)
	before := runtime.NumGoroutine()
	src := NewSource(context.Background(), db)
	n := 0
	for range src.Streams().Activities {
		if n++; n == 3*aheadBatch+5 {
			break
		}
	}
	if err := src.Err(); err != nil || src.Rows("activities") < n || src.Rows("activities") >= len(r.Activities) {
		t.Errorf("stopped after %d: %d rows read, error %v", n, src.Rows("activities"), err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines, %d before", g, before)
	}
	src = NewSource(context.Background(), db)
	var ids []string
	for c := range src.Streams().Activities {
		ids = append(ids, c.ID)
	}
	want := make([]string, len(r.Activities))
	for i, a := range r.Activities {
		want[i] = a.ID
	}
	slices.Sort(want) // the query orders by id, in the server's C collation
	if src.Err() != nil || !slices.Equal(ids, want) {
		t.Errorf("read %d activities (error %v), want the %d in id order", len(ids), src.Err(), len(want))
	}
}
