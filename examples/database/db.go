package main

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

//go:embed schema.sql
var schema string

// tables are the schema's tables, in the order they are dropped.
var tables = []string{"quotas", "activities", "stage_changes", "deals", "rep_assignments", "reps", "stages"}

// Load replaces the schema's tables with the given funnel and records, in
// one transaction, copying the rows in with COPY. It is for the example's
// sample company and tests: a service's own writes fill the tables in its
// life.
func Load(ctx context.Context, db *sql.DB, f activity.Funnel, r activity.Records) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("load: a pgx connection is needed, not %T", dc)
		}
		return load(ctx, pc.Conn(), f, r)
	})
}

func load(ctx context.Context, c *pgx.Conn, f activity.Funnel, r activity.Records) (err error) {
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback(ctx)
		}
	}()
	if _, err := tx.Exec(ctx, "DROP TABLE IF EXISTS "+strings.Join(tables, ", ")+"; DROP FUNCTION IF EXISTS salesmetrics_touch()"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, schema); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	copyIn := func(table string, cols []string, n int, row func(i int) []any) error {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(n, func(i int) ([]any, error) { return row(i), nil }))
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		return nil
	}
	var assignments [][]any
	for _, p := range r.Reps {
		for _, a := range p.Assignments {
			assignments = append(assignments, []any{p.ID, a.From, nullTime(a.Until), a.Team, a.Manager, a.Territory})
		}
	}
	steps := []func() error{
		func() error {
			return copyIn("stages", []string{"position", "name", "probability", "won", "lost"}, len(f.Stages), func(i int) []any {
				s := f.Stages[i]
				return []any{i + 1, string(s.Stage), nullDecimal(s.Probability), s.Won, s.Lost}
			})
		},
		func() error {
			return copyIn("reps", []string{"id", "name", "hired_at", "left_at", "ramp"}, len(r.Reps), func(i int) []any {
				p := r.Reps[i]
				ramp := make([]string, len(p.Ramp))
				for j, f := range p.Ramp {
					ramp[j] = f.String()
				}
				return []any{p.ID, p.Name, nullTime(p.HiredAt), nullTime(p.LeftAt), strings.Join(ramp, " ")}
			})
		},
		func() error {
			return copyIn("rep_assignments", []string{"rep_id", "valid_from", "valid_until", "team", "manager", "territory"},
				len(assignments), func(i int) []any { return assignments[i] })
		},
		func() error {
			return copyIn("deals", []string{"id", "name", "owner_id", "team", "territory", "account", "source", "segment",
				"amount", "currency", "acv", "tcv", "term_months", "cost", "stage", "status", "created_at", "expected_close_at",
				"closed_at", "close_date", "expected_close_date", "probability", "forecast_category", "loss_reason"},
				len(r.Deals), func(i int) []any {
					d := r.Deals[i]
					return []any{d.ID, d.Name, d.Owner, d.Team, d.Territory, d.Account, string(d.Source), d.Segment,
						numeric(d.Amount), string(d.Currency), nullDecimal(d.ACV), nullDecimal(d.TCV), nullInt(d.TermMonths), nullDecimal(d.Cost),
						string(d.Stage), d.Status.String(), d.CreatedAt, nullTime(d.ExpectedCloseAt), nullTime(d.ClosedAt),
						nullDate(d.CloseDate), nullDate(d.ExpectedCloseDate), nullDecimal(d.Probability), forecastText(d.ForecastCategory), d.LossReason}
				})
		},
		func() error {
			return copyIn("stage_changes", []string{"deal_id", "from_stage", "to_stage", "changed_at"}, len(r.StageChanges), func(i int) []any {
				c := r.StageChanges[i]
				return []any{c.Deal, string(c.From), string(c.To), c.At}
			})
		},
		func() error {
			return copyIn("activities", []string{"id", "rep_id", "team", "kind", "at", "deal_id", "account", "outcome", "duration_seconds"},
				len(r.Activities), func(i int) []any {
					a := r.Activities[i]
					var deal, dur any
					if a.Deal != "" {
						deal = a.Deal
					}
					if a.Duration != 0 {
						dur = numeric(decimal.New(int64(a.Duration), -9))
					}
					return []any{a.ID, a.Rep, a.Team, string(a.Kind), a.At, deal, a.Account, string(a.Outcome), dur}
				})
		},
		func() error {
			return copyIn("quotas", []string{"rep_id", "team", "metric", "period_start", "period_end", "period_name", "amount", "currency", "count"},
				len(r.Quotas), func(i int) []any {
					q := r.Quotas[i]
					var count any
					if n, ok := q.Count.Get(); ok {
						count = n
					}
					return []any{q.Rep, q.Team, q.Metric, q.Period.Start, q.Period.End, q.Period.Name, nullDecimal(q.Amount), string(q.Currency), count}
				})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, "ANALYZE"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// numeric is a decimal as PostgreSQL's numeric, exactly.
func numeric(d decimal.Decimal) pgtype.Numeric {
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullDate(d activity.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Start(time.UTC)
}

func nullDecimal(o activity.Optional[decimal.Decimal]) any {
	if v, ok := o.Get(); ok {
		return numeric(v)
	}
	return nil
}

func nullInt(o activity.Optional[int]) any {
	if v, ok := o.Get(); ok {
		return v
	}
	return nil
}

func forecastText(f activity.ForecastCategory) string {
	if f == 0 {
		return ""
	}
	b, _ := f.MarshalText()
	return string(b)
}

// ErrNull is a NULL where the record needs a value.
var ErrNull = errors.New("NULL where a value is needed")

// RowError is a row the reader could not make a record of, naming its table
// and key.
type RowError struct {
	Table, Key, Column string
	Err                error
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s row %s: %s: %v", e.Table, e.Key, e.Column, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// Source reads the tables into activity.Streams, row by row: no table is
// held, only a few batches of a thousand records decoded ahead (see each).
// Range its streams once (activity.NewIndexFrom does); then Err says
// whether every row was read, and Rows how many.
type Source struct {
	ctx    context.Context
	db     *sql.DB
	err    error
	rows   map[string]int
	roster map[string][]activity.Assignment
	names  map[string]string
	// changeIDs, in a delta read (Delta), are the ids of the stage_changes
	// rows read, by position, for keyOf.
	changeIDs []int64
	delta     bool
}

// NewSource returns a source over db's tables.
func NewSource(ctx context.Context, db *sql.DB) *Source {
	return &Source{ctx: ctx, db: db, rows: map[string]int{}, names: map[string]string{}}
}

// Funnel reads the stages table: the funnel the index is built with.
func (s *Source) Funnel() (activity.Funnel, error) {
	rows, err := s.db.QueryContext(s.ctx, `SELECT name, probability::text, won, lost FROM stages ORDER BY position`)
	if err != nil {
		return activity.Funnel{}, fmt.Errorf("stages: %w", err)
	}
	defer rows.Close()
	var f activity.Funnel
	for rows.Next() {
		var st activity.FunnelStage
		var name string
		var p sql.NullString
		if err := rows.Scan(&name, &p, &st.Won, &st.Lost); err != nil {
			return f, fmt.Errorf("stages: %w", err)
		}
		st.Stage = activity.Stage(name)
		if p.Valid {
			v, err := decimal.NewFromString(p.String)
			if err != nil {
				return f, &RowError{"stages", name, "probability", err}
			}
			st.Probability = activity.Some(v)
		}
		f.Stages = append(f.Stages, st)
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("stages: %w", err)
	}
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("stages: %w", err)
	}
	return f, nil
}

// Names returns rep id -> name, of the reps read.
func (s *Source) Names() map[string]string { return s.names }

// Err returns the first error met reading the rows: a query's, or a
// *RowError.
func (s *Source) Err() error { return s.err }

// Rows returns how many rows of table were made records.
func (s *Source) Rows(table string) int { return s.rows[table] }

// Streams returns the tables as streams for activity.NewIndexFrom.
func (s *Source) Streams() activity.Streams {
	return activity.Streams{
		Reps: each(s, "reps", `SELECT id, name, hired_at, left_at, ramp FROM reps ORDER BY id`, s.rep),
		Deals: each(s, "deals", `SELECT id, name, owner_id, team, territory, account, source, segment,
			  amount::text, currency, acv::text, tcv::text, term_months, cost::text, stage, status,
			  created_at, expected_close_at, closed_at, close_date::text, expected_close_date::text,
			  probability::text, forecast_category, loss_reason
			FROM deals ORDER BY id`, s.deal),
		StageChanges: each(s, "stage_changes", `SELECT id, deal_id, from_stage, to_stage, changed_at
			FROM stage_changes ORDER BY id`, s.change),
		Activities: each(s, "activities", `SELECT id, rep_id, team, kind, at, deal_id, account, outcome, duration_seconds::text
			FROM activities ORDER BY id`, s.activity),
		Quotas: each(s, "quotas", `SELECT id, rep_id, team, metric, period_start, period_end, period_name, amount::text, currency, count
			FROM quotas ORDER BY id`, s.quota),
	}
}

// Delta reads the rows of deals, stage_changes and activities whose
// updated_at is after since's of their table (a time as PostgreSQL writes
// it; empty: every row), as a batch for activity.Index.Update. Every row
// is made a record (Err says if one could not be); the stage changes'
// ids, in the order read, are also returned.
func (s *Source) Delta(since map[string]string) (activity.Records, []int64) {
	s.delta = true
	var b activity.Records
	where := func(table string) (string, []any) {
		if since[table] == "" {
			return "", nil
		}
		return " WHERE updated_at > $1::timestamptz", []any{since[table]}
	}
	w, args := where("deals")
	for d := range each(s, "deals", `SELECT id, name, owner_id, team, territory, account, source, segment,
			  amount::text, currency, acv::text, tcv::text, term_months, cost::text, stage, status,
			  created_at, expected_close_at, closed_at, close_date::text, expected_close_date::text,
			  probability::text, forecast_category, loss_reason
			FROM deals`+w+` ORDER BY id`, s.deal, args...) {
		b.Deals = append(b.Deals, d)
	}
	w, args = where("stage_changes")
	for c := range each(s, "stage_changes", `SELECT id, deal_id, from_stage, to_stage, changed_at
			FROM stage_changes`+w+` ORDER BY id`, s.change, args...) {
		b.StageChanges = append(b.StageChanges, c)
	}
	w, args = where("activities")
	for a := range each(s, "activities", `SELECT id, rep_id, team, kind, at, deal_id, account, outcome, duration_seconds::text
			FROM activities`+w+` ORDER BY id`, s.activity, args...) {
		b.Activities = append(b.Activities, a)
	}
	return b, s.changeIDs
}

// aheadBatch is how many rows a stream decodes ahead of the index, and
// aheadBatches how many such batches may wait.
const (
	aheadBatch   = 1024
	aheadBatches = 4
)

// each runs a query and yields the record of each row, stopping at the
// first error. The rows are read and decoded on a goroutine of their own,
// a batch at a time, while the caller (the index build) takes the batch
// before: at most aheadBatches+2 batches of records exist at once, which
// are reused, not the table.
func each[T any](s *Source, table, query string, scan func(*sql.Rows) (T, error), args ...any) iter.Seq[T] {
	return func(yield func(T) bool) {
		if s.err != nil {
			return
		}
		full := make(chan []T, aheadBatches)
		free := make(chan []T, aheadBatches+2)
		for range aheadBatches + 2 {
			free <- make([]T, 0, aheadBatch)
		}
		stop := make(chan struct{})
		var n int
		var err error
		go func() {
			defer close(full)
			n, err = readRows(s, table, query, scan, full, free, stop, args...)
		}()
		defer func() {
			close(stop)
			for range full { // wait for the reader to finish
			}
			s.rows[table] += n
			if err != nil && s.err == nil {
				s.err = err
			}
		}()
		for batch := range full {
			for _, v := range batch {
				if !yield(v) {
					return
				}
			}
			free <- batch[:0]
		}
	}
}

// readRows runs the query and sends its records in batches on full, taking
// empty batches from free, until the rows end, an error, or stop closes.
// It returns how many rows it made records.
func readRows[T any](s *Source, table, query string, scan func(*sql.Rows) (T, error), full, free chan []T, stop chan struct{}, args ...any) (int, error) {
	rows, err := s.db.QueryContext(s.ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", table, err)
	}
	defer rows.Close()
	n := 0
	var batch []T
	send := func() bool {
		select {
		case full <- batch:
			batch = nil
			return true
		case <-stop:
			return false
		}
	}
	for rows.Next() {
		if batch == nil {
			select { // a stop, when both are ready, goes first
			case <-stop:
				return n, nil
			default:
			}
			select {
			case batch = <-free:
			case <-stop:
				return n, nil
			}
		}
		v, err := scan(rows)
		if err != nil {
			if len(batch) > 0 {
				send()
			}
			return n, err
		}
		n++
		if batch = append(batch, v); len(batch) == cap(batch) && !send() {
			return n, nil
		}
	}
	if len(batch) > 0 && !send() {
		return n, nil
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("%s: %w", table, err)
	}
	return n, nil
}

// assignments reads the roster's assignments by rep (a small table, read
// whole before the reps).
func (s *Source) assignments() (map[string][]activity.Assignment, error) {
	rows, err := s.db.QueryContext(s.ctx, `SELECT rep_id, valid_from, valid_until, team, manager, territory
		FROM rep_assignments ORDER BY rep_id, valid_from`)
	if err != nil {
		return nil, fmt.Errorf("rep_assignments: %w", err)
	}
	defer rows.Close()
	out := map[string][]activity.Assignment{}
	for rows.Next() {
		var rep string
		var a activity.Assignment
		var until sql.NullTime
		if err := rows.Scan(&rep, &a.From, &until, &a.Team, &a.Manager, &a.Territory); err != nil {
			return nil, fmt.Errorf("rep_assignments: %w", err)
		}
		a.Until = until.Time
		out[rep] = append(out[rep], a)
	}
	return out, rows.Err()
}

func (s *Source) rep(rows *sql.Rows) (activity.Rep, error) {
	if s.roster == nil {
		a, err := s.assignments()
		if err != nil {
			return activity.Rep{}, err
		}
		s.roster = a
	}
	var p activity.Rep
	var hired, left sql.NullTime
	var ramp string
	if err := rows.Scan(&p.ID, &p.Name, &hired, &left, &ramp); err != nil {
		return p, fmt.Errorf("reps: %w", err)
	}
	p.HiredAt, p.LeftAt, p.Assignments = hired.Time, left.Time, s.roster[p.ID]
	if p.Name != "" {
		s.names[p.ID] = p.Name
	}
	for _, f := range strings.Fields(ramp) {
		v, err := decimal.NewFromString(f)
		if err != nil {
			return p, &RowError{"reps", p.ID, "ramp", err}
		}
		p.Ramp = append(p.Ramp, v)
	}
	return p, nil
}

func (s *Source) deal(rows *sql.Rows) (activity.Deal, error) {
	var d activity.Deal
	var source, currency, stage, status, forecast string
	var amount, acv, tcv, cost, closeDate, expectedDate, probability sql.NullString
	var term sql.NullInt64
	var expected, closed sql.NullTime
	if err := rows.Scan(&d.ID, &d.Name, &d.Owner, &d.Team, &d.Territory, &d.Account, &source, &d.Segment,
		&amount, &currency, &acv, &tcv, &term, &cost, &stage, &status,
		&d.CreatedAt, &expected, &closed, &closeDate, &expectedDate,
		&probability, &forecast, &d.LossReason); err != nil {
		return d, fmt.Errorf("deals: %w", err)
	}
	bad := func(column string, err error) error { return &RowError{"deals", d.ID, column, err} }
	d.Source, d.Currency, d.Stage = activity.Source(source), activity.Currency(currency), activity.Stage(stage)
	if !amount.Valid {
		return d, bad("amount", ErrNull)
	}
	var err error
	if d.Amount, err = decimal.NewFromString(amount.String); err != nil {
		return d, bad("amount", err)
	}
	for _, o := range []struct {
		column string
		text   sql.NullString
		dst    *activity.Optional[decimal.Decimal]
	}{{"acv", acv, &d.ACV}, {"tcv", tcv, &d.TCV}, {"cost", cost, &d.Cost}, {"probability", probability, &d.Probability}} {
		if o.text.Valid {
			v, err := decimal.NewFromString(o.text.String)
			if err != nil {
				return d, bad(o.column, err)
			}
			*o.dst = activity.Some(v)
		}
	}
	if term.Valid {
		d.TermMonths = activity.Some(int(term.Int64))
	}
	if err := d.Status.UnmarshalText([]byte(status)); err != nil {
		return d, bad("status", err)
	}
	if forecast != "" {
		if err := d.ForecastCategory.UnmarshalText([]byte(forecast)); err != nil {
			return d, bad("forecast_category", err)
		}
	}
	d.ExpectedCloseAt, d.ClosedAt = expected.Time, closed.Time
	for _, o := range []struct {
		column string
		text   sql.NullString
		dst    *activity.Date
	}{{"close_date", closeDate, &d.CloseDate}, {"expected_close_date", expectedDate, &d.ExpectedCloseDate}} {
		if o.text.Valid {
			day, err := activity.ParseDate(o.text.String)
			if err != nil {
				return d, bad(o.column, err)
			}
			*o.dst = day
		}
	}
	return d, nil
}

func (s *Source) change(rows *sql.Rows) (activity.StageChange, error) {
	var c activity.StageChange
	var id int64
	var from, to string
	if err := rows.Scan(&id, &c.Deal, &from, &to, &c.At); err != nil {
		return c, fmt.Errorf("stage_changes: %w", err)
	}
	if s.delta {
		s.changeIDs = append(s.changeIDs, id)
	}
	c.From, c.To = activity.Stage(from), activity.Stage(to)
	return c, nil
}

func (s *Source) activity(rows *sql.Rows) (activity.Activity, error) {
	var a activity.Activity
	var kind, outcome string
	var deal, duration sql.NullString
	if err := rows.Scan(&a.ID, &a.Rep, &a.Team, &kind, &a.At, &deal, &a.Account, &outcome, &duration); err != nil {
		return a, fmt.Errorf("activities: %w", err)
	}
	a.Kind, a.Outcome, a.Deal = activity.Kind(kind), activity.Outcome(outcome), deal.String
	if duration.Valid {
		secs, err := decimal.NewFromString(duration.String)
		if err != nil {
			return a, &RowError{"activities", a.ID, "duration_seconds", err}
		}
		a.Duration = time.Duration(secs.Shift(9).IntPart())
	}
	return a, nil
}

func (s *Source) quota(rows *sql.Rows) (activity.Quota, error) {
	var q activity.Quota
	var id int64
	var currency string
	var amount sql.NullString
	var count sql.NullInt64
	if err := rows.Scan(&id, &q.Rep, &q.Team, &q.Metric, &q.Period.Start, &q.Period.End, &q.Period.Name, &amount, &currency, &count); err != nil {
		return q, fmt.Errorf("quotas: %w", err)
	}
	q.Currency = activity.Currency(currency)
	if amount.Valid {
		v, err := decimal.NewFromString(amount.String)
		if err != nil {
			return q, &RowError{"quotas", fmt.Sprint(id), "amount", err}
		}
		q.Amount = activity.Some(v)
	}
	if count.Valid {
		q.Count = activity.Some(count.Int64)
	}
	return q, nil
}

// tableOf names the table of a record an index error names.
func tableOf(record string) string {
	switch record {
	case "deal":
		return "deals"
	case "activity":
		return "activities"
	case "stage change":
		return "stage_changes"
	case "rep":
		return "reps"
	case "quota":
		return "quotas"
	}
	return record
}

// keyOf is the key of the row a record error is about: the record's id
// where it has one, else (stage changes, quotas) the id of the row at its
// position in the stream, asked of the database again.
func (s *Source) keyOf(re *activity.RecordError) string {
	table := tableOf(re.Record)
	if (table != "stage_changes" && table != "quotas") || re.Index < 0 {
		return re.ID
	}
	if s.delta && table == "stage_changes" && re.Index < len(s.changeIDs) {
		return fmt.Sprintf("%d (deal %s)", s.changeIDs[re.Index], re.ID)
	}
	var id int64
	err := s.db.QueryRowContext(s.ctx, "SELECT id FROM "+table+" ORDER BY id OFFSET $1 LIMIT 1", re.Index).Scan(&id)
	if err != nil {
		return fmt.Sprintf("#%d", re.Index+1)
	}
	if re.ID != "" {
		return fmt.Sprintf("%d (deal %s)", id, re.ID)
	}
	return fmt.Sprint(id)
}

// Explain lists an index error's problems one a line, each with its table
// and the row's key, sorted: "deals row D-17: stage: ...".
func (s *Source) Explain(err error) []string {
	var lines []string
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var re *activity.RecordError
		if errors.As(err, &re) {
			lines = append(lines, fmt.Sprintf("%s row %s: %s: %v", tableOf(re.Record), s.keyOf(re), re.Field, re.Err))
			return
		}
		lines = append(lines, err.Error())
	}
	walk(err)
	slices.Sort(lines)
	return lines
}
