// Database serves the quarter review of a company whose CRM tables live in
// PostgreSQL, as a Go service would: it streams the tables row by row into
// the index (no slice of records is held), answers the review's KPIs from
// it over HTTP, and rebuilds the index when rows change.
//
//	go -C examples/database run . -temp
//
// starts a throwaway PostgreSQL server (Debian's postgresql package; it is
// removed on exit), fills it with the sample company and serves
//
//	GET  /review    the quarter review as JSON (the same sections as
//	                examples/report's -json; ?by=team or ?by=rep adds a line
//	                per group, ?team= or ?rep= narrows it)
//	POST /refresh   rebuilds the index if a table changed since the last
//	                build (its row count or latest updated_at moved)
//	GET  /sql       the win rate, bookings and open pipeline answered by
//	                PostgreSQL in SQL beside the library's, with their times
//
// Flags: -dsn (a PostgreSQL connection string; default $DATABASE_URL),
// -temp (start a server of its own instead), -temp-dir, -load (replace the
// schema's tables with the sample company: schema.sql), -deals, -reps,
// -activities-per-deal and -untied-share (the sample's size), -addr (default
// 127.0.0.1:8080), -refresh (also check for changes at this interval),
// -compare (print /sql's answer and exit, serving nothing).
//
// A row the index cannot take (a NULL amount, a stage the funnel does not
// have, an activity of a deal that does not exist) stops the build with an
// error naming the table and the row's key; a refresh that fails keeps
// serving the last good build.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// config is the command line.
type config struct {
	dsn, tempDir, addr          string
	temp, load, compare         bool
	deals, reps, activitiesDeal int
	untiedShare                 float64
	refresh                     time.Duration
}

func parse(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("database", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.dsn, "dsn", os.Getenv("DATABASE_URL"), "PostgreSQL connection string (default: $DATABASE_URL)")
	fs.BoolVar(&c.temp, "temp", false, "start a throwaway PostgreSQL server with the sample company (needs its server programs: Debian's postgresql package)")
	fs.StringVar(&c.tempDir, "temp-dir", "", "where -temp makes its server's directory (default: the system's temporary directory)")
	fs.BoolVar(&c.load, "load", false, "replace the schema's tables with the sample company (implied by -temp)")
	fs.IntVar(&c.deals, "deals", 0, "the sample company's number of deals (default: what 24 reps open in two years)")
	fs.IntVar(&c.reps, "reps", 0, "the sample company's number of reps (default 24)")
	fs.IntVar(&c.activitiesDeal, "activities-per-deal", 0, "the sample's mean activities per deal (default 9)")
	fs.Float64Var(&c.untiedShare, "untied-share", 0, "the sample's activities with no deal for each one with a deal (default 0.2)")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to serve on")
	fs.DurationVar(&c.refresh, "refresh", 0, "also check the tables for changes at this interval (default: only on POST /refresh)")
	fs.BoolVar(&c.compare, "compare", false, "print the KPIs answered in SQL and by the library, with their times, and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: database [-temp | -dsn postgres://...] [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	case c.temp && c.dsn != "" && c.dsn != os.Getenv("DATABASE_URL"):
		return c, errors.New("-temp and -dsn: give one")
	case !c.temp && c.dsn == "":
		return c, errors.New("no database: give -dsn (or DATABASE_URL), or -temp to start one")
	case c.deals < 0 || c.reps < 0 || c.activitiesDeal < 0 || c.untiedShare < 0 || c.refresh < 0:
		return c, errors.New("-deals, -reps, -activities-per-deal, -untied-share and -refresh cannot be negative")
	}
	if err := sampleConfig(c).Validate(); err != nil {
		return c, fmt.Errorf("the sample company: %w", err)
	}
	c.load = c.load || c.temp
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "database:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, c, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "database:", err)
		return 1
	}
	return 0
}

// sample is the sample company: the quickstart's seeded generator, in
// USD, three in ten closes written as a day as Salesforce writes them.
func sample(c config) activity.Records {
	return activitytest.Generate(sampleConfig(c))
}

func sampleConfig(c config) activitytest.Config {
	return activitytest.Config{Seed: 2025, CloseDateShare: 0.3,
		Deals: c.deals, Reps: c.reps, ActivitiesPerDeal: c.activitiesDeal, UntiedShare: c.untiedShare}
}

func serve(ctx context.Context, c config, stdout, stderr io.Writer) (err error) {
	dsn := c.dsn
	if c.temp {
		pg, err := StartTempServer(c.tempDir)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, pg.Stop()) }()
		dsn = pg.DSN
		fmt.Fprintf(stderr, "PostgreSQL started in %s\n", pg.Dir)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	if c.load {
		start := time.Now()
		r := sample(c)
		if err := Load(ctx, db, activity.TypicalB2B(), r); err != nil {
			return fmt.Errorf("loading the sample company: %w", err)
		}
		fmt.Fprintf(stderr, "loaded the sample company (%d deals, %d stage changes, %d activities) in %.1f s\n",
			len(r.Deals), len(r.StageChanges), len(r.Activities), time.Since(start).Seconds())
	}
	s := &server{db: db}
	if _, err := s.refresh(ctx); err != nil {
		return err
	}
	b := s.current()
	fmt.Fprintf(stderr, "index built from PostgreSQL in %.2f s: %d deals, %d stage changes, %d activities\n",
		b.took.Seconds(), b.rows["deals"], b.rows["stage_changes"], b.rows["activities"])
	if c.compare {
		cmp, err := compare(ctx, db, b.ix, b.period, b.next, b.asOf)
		if err != nil {
			return err
		}
		took, err := timed(func() error {
			_, err := review.Compute(b.ix.All(), b.options("", "company"))
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "the whole review from the index in %.3f s\n", took)
		return encode(stdout, cmp)
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stderr, "serving http://%s/review (and /refresh, /sql); Ctrl-C stops\n", ln.Addr())
	if c.refresh > 0 {
		go func() {
			t := time.NewTicker(c.refresh)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					if changed, err := s.refresh(ctx); err != nil {
						fmt.Fprintln(stderr, "refresh:", err)
					} else if changed {
						s.mu.RLock()
						info := s.book.source()
						s.mu.RUnlock()
						if info.Updates > 0 {
							fmt.Fprintf(stderr, "updated in %.3f s (update %d since the build)\n", info.UpdateSeconds, info.Updates)
						} else {
							fmt.Fprintf(stderr, "rebuilt in %.2f s\n", info.BuildSeconds)
						}
					}
				}
			}
		}()
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return hs.Shutdown(shut)
	}
}

// book is the index and what the review needs of it: a build, kept
// current by updates. The server changes it only under its write lock.
type book struct {
	ix           *activity.Index
	names        map[string]string
	state        tableState // the tables as last read
	rows         map[string]int
	built        time.Time
	took         time.Duration
	updates      int  // applied since the build
	stale        bool // updated, but short of a delete: only a rebuild serves
	updated      time.Time
	updateTook   time.Duration
	asOf         time.Time
	period, next activity.Period
}

// server serves the review of the latest good index.
type server struct {
	db        *sql.DB
	mu        sync.RWMutex // readers compute under RLock; a refresh updates under Lock
	book      *book
	refreshMu sync.Mutex // one refresh at a time
}

func (s *server) current() *book {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.book
}

// refresh brings the index up to the tables when one moved since the last
// read: an update with the rows of deals, stage_changes and activities
// written since (Delta), or, when that cannot say what changed, a rebuild.
// A rebuild is needed when rows were deleted (a count falls, or is short
// of the index's after the update), a stage change was edited (its id is
// one read before: the index would add it again), or the funnel, roster
// or quotas changed. On an error the last good index stays.
func (s *server) refresh(ctx context.Context) (bool, error) {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	st, err := readState(ctx, s.db)
	if err != nil {
		return false, err
	}
	b := s.current()
	if b != nil && b.state.marker == st.marker {
		return false, nil
	}
	if b != nil {
		ok, err := s.update(ctx, b, st)
		if ok || err != nil {
			return ok, err
		}
	}
	nb, err := build(ctx, s.db, st.counts)
	if err != nil {
		return false, err
	}
	nb.state = st
	s.mu.Lock()
	s.book = nb
	s.mu.Unlock()
	return true, nil
}

// update applies the rows written since b's state to b's index, reporting
// false (and changing nothing) where only a rebuild can say what changed.
func (s *server) update(ctx context.Context, b *book, st tableState) (bool, error) {
	if b.stale {
		return false, nil
	}
	for _, t := range []string{"stages", "reps", "rep_assignments", "quotas"} {
		if st.latest[t] != b.state.latest[t] || st.counts[t] != b.state.counts[t] {
			return false, nil
		}
	}
	for _, t := range []string{"deals", "stage_changes", "activities"} {
		if st.counts[t] < b.state.counts[t] {
			return false, nil // a delete
		}
	}
	start := time.Now()
	src := NewSource(ctx, s.db)
	batch, changeIDs := src.Delta(b.state.latest)
	if err := src.Err(); err != nil {
		return false, err
	}
	for _, id := range changeIDs {
		if id <= b.state.maxChange {
			return false, nil // an edited stage change
		}
	}
	if st.counts["stage_changes"] != b.state.counts["stage_changes"]+len(changeIDs) {
		return false, nil // a delete hidden by inserts
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := b.ix.Update(batch); err != nil {
		return false, &BookError{err, src.Explain(err)}
	}
	if b.ix.NumDeals() != st.counts["deals"] || b.ix.NumActivities() != st.counts["activities"] {
		b.stale = true // deletes hidden by inserts: rebuild
		return false, nil
	}
	if err := b.setPeriods(); err != nil {
		return false, err
	}
	b.state = st
	for t, n := range st.counts {
		b.rows[t] = n
	}
	b.updates++
	b.updated, b.updateTook = time.Now(), time.Since(start)
	return true, nil
}

// tableState is what the tables held when read: each one's row count and
// latest updated_at (as PostgreSQL writes it), a marker of both, and the
// largest stage change id.
type tableState struct {
	marker    string
	counts    map[string]int
	latest    map[string]string
	maxChange int64
}

// readState reads each table's row count and latest updated_at: when none
// moved, the tables hold what the index was last brought up to.
func readState(ctx context.Context, db *sql.DB) (tableState, error) {
	var q []string
	for _, t := range tables {
		q = append(q, fmt.Sprintf("SELECT '%s', count(*), coalesce(max(updated_at)::text, '') FROM %s", t, t))
	}
	st := tableState{counts: map[string]int{}, latest: map[string]string{}}
	rows, err := db.QueryContext(ctx, strings.Join(q, " UNION ALL "))
	if err != nil {
		return st, err
	}
	defer rows.Close()
	var marker strings.Builder
	for rows.Next() {
		var table, latest string
		var n int
		if err := rows.Scan(&table, &n, &latest); err != nil {
			return st, err
		}
		st.counts[table], st.latest[table] = n, latest
		fmt.Fprintf(&marker, "%s %d %s;", table, n, latest)
	}
	if err := rows.Err(); err != nil {
		return st, err
	}
	st.marker = marker.String()
	err = db.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM stage_changes").Scan(&st.maxChange)
	return st, err
}

// BookError is an index build the tables' rows failed: Error lists each
// problem with its table and row key (see Source.Explain).
type BookError struct {
	Err   error
	Lines []string
}

func (e *BookError) Error() string { return strings.Join(e.Lines, "\n") }
func (e *BookError) Unwrap() error { return e.Err }

// build streams the tables into a new index. counts, the tables' row
// counts, size its columns.
func build(ctx context.Context, db *sql.DB, counts map[string]int) (*book, error) {
	start := time.Now()
	src := NewSource(ctx, db)
	f, err := src.Funnel()
	if err != nil {
		return nil, err
	}
	streams := src.Streams()
	streams.Sizes = activity.Sizes{Deals: counts["deals"], StageChanges: counts["stage_changes"], Activities: counts["activities"]}
	ix, err := activity.NewIndexFrom(streams, activity.IndexOptions{Funnel: f, Location: time.UTC})
	if rerr := src.Err(); rerr != nil {
		return nil, rerr // a row stopped a stream: the index saw part of the tables
	}
	if err != nil {
		return nil, &BookError{err, src.Explain(err)}
	}
	b := &book{ix: ix, names: src.Names(), rows: src.rows, built: time.Now(), took: time.Since(start)}
	if err := b.setPeriods(); err != nil {
		return nil, err
	}
	return b, nil
}

// setPeriods sets the review's as-of time (the end of the day of the
// latest record) and its quarter and the next.
func (b *book) setPeriods() error {
	last := review.LastTime(b.ix)
	if last.IsZero() {
		return errors.New("the deals table is empty")
	}
	b.asOf = activity.DateOf(last.UTC()).End(time.UTC).Add(time.Nanosecond)
	cal := activity.Calendar{Location: time.UTC}
	var err error
	if b.period, err = cal.Quarter(b.asOf.Add(-time.Nanosecond)); err != nil {
		return err
	}
	b.next, err = cal.Quarter(b.period.End)
	return err
}

// options are the review's options over the book.
func (b *book) options(by, scope string) review.Options {
	return review.Options{Period: b.period, Next: b.next, AsOf: b.asOf, Cal: activity.Calendar{Location: time.UTC},
		By: by, Scope: scope, Names: b.names}
}

// BuildInfo is where a response's numbers come from: the build they were
// computed on.
type BuildInfo struct {
	BuiltAt      time.Time      `json:"built_at"`
	BuildSeconds float64        `json:"build_seconds"`
	Rows         map[string]int `json:"rows"`
	// Updates is how many refreshes updated the index since it was built;
	// UpdatedAt and UpdateSeconds are of the latest.
	Updates       int       `json:"updates"`
	UpdatedAt     time.Time `json:"updated_at,omitzero"`
	UpdateSeconds float64   `json:"update_seconds,omitempty"`
}

// source describes b; call it under the server's lock.
func (b *book) source() BuildInfo {
	return BuildInfo{BuiltAt: b.built, BuildSeconds: b.took.Seconds(), Rows: maps.Clone(b.rows),
		Updates: b.updates, UpdatedAt: b.updated, UpdateSeconds: b.updateTook.Seconds()}
}

// Response is the /review answer: the review and the build it is of.
type Response struct {
	review.Review
	Build BuildInfo `json:"build"`
}

func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /review", s.review)
	mux.HandleFunc("POST /refresh", s.refreshHandler)
	mux.HandleFunc("GET /sql", s.sql)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "GET /review[?by=team|rep][&team=NAME|&rep=ID], POST /refresh, GET /sql")
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = encode(w, v)
}

func (s *server) review(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock() // an update waits for the review
	defer s.mu.RUnlock()
	b := s.book
	q := r.URL.Query()
	o := b.options(q.Get("by"), "company")
	if o.By != "" && o.By != "team" && o.By != "rep" {
		http.Error(w, fmt.Sprintf("by=%q: want team or rep", o.By), http.StatusBadRequest)
		return
	}
	v := b.ix.All()
	var err error
	switch team, rep := q.Get("team"), q.Get("rep"); {
	case team != "" && rep != "":
		http.Error(w, "team and rep: give one", http.StatusBadRequest)
		return
	case team != "":
		v, err = v.Team(team)
		o.Scope = "team " + team
	case rep != "":
		v, err = v.Rep(rep)
		o.Scope = "rep " + rep
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	rv, err := review.Compute(v, o)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, Response{Review: rv, Build: b.source()})
}

// Refreshed is the /refresh answer.
type Refreshed struct {
	Changed bool      `json:"changed"`
	Build   BuildInfo `json:"build"`
}

func (s *server) refreshHandler(w http.ResponseWriter, r *http.Request) {
	changed, err := s.refresh(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	writeJSON(w, Refreshed{Changed: changed, Build: s.book.source()})
}

func (s *server) sql(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b := s.book
	c, err := compare(r.Context(), s.db, b.ix, b.period, b.next, b.asOf)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, c)
}

// encode writes v as indented JSON, SQL's < and > as they are.
func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
