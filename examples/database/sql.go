package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
	"github.com/salesmetrics/salesmetrics/performance"
)

// closeTime is a deal's close as the index reads it: closed_at, else the
// last instant of its close_date in UTC (the example's zone; PostgreSQL
// keeps microseconds, the library nanoseconds, the same day either way).
const closeTime = `coalesce(closed_at, (close_date + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 microsecond')`

// expectedCloseTime is a deal's expected close, the same way.
const expectedCloseTime = `coalesce(expected_close_at, (expected_close_date + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 microsecond')`

// The three KPIs in the schema's SQL, as the library defines them by
// default. $1 and $2 are the period's start and end (half-open).
const (
	// winRateSQL: the deals won and lost with a close in the period
	// (performance.WinRate: count basis, closed in the period).
	winRateSQL = `SELECT count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost')
FROM deals
WHERE status IN ('won', 'lost') AND ` + closeTime + ` >= $1 AND ` + closeTime + ` < $2`

	// bookingsSQL: the won deals closed in the period and their amount
	// (performance.Bookings).
	bookingsSQL = `SELECT count(*), coalesce(sum(amount), 0)::text
FROM deals
WHERE status = 'won' AND ` + closeTime + ` >= $1 AND ` + closeTime + ` < $2`

	// pipelineSQL: the deals open at $3, expected to close in the period,
	// their amount and the amount weighted by the deal's probability, else
	// its stage's (performance.OpenPipeline, ExpectedInPeriod). A deal closed
	// after $3 is weighted by its stage at $3 in the library; this query
	// takes its stage now, so it agrees when $3 is after the last close, as
	// the review's as-of is.
	pipelineSQL = `SELECT count(*), coalesce(sum(d.amount), 0)::text,
  coalesce(sum(d.amount * coalesce(d.probability, s.probability)), 0)::text
FROM deals d LEFT JOIN stages s ON s.name = d.stage
WHERE d.created_at <= $3 AND (d.status = 'open' OR ` + closeTime + ` > $3)
  AND ` + expectedCloseTime + ` >= $1 AND ` + expectedCloseTime + ` < $2`
)

// Numbers are one side's answer for a KPI, and how long it took.
type Numbers struct {
	Deals    int64            `json:"deals"`
	Lost     *int64           `json:"lost,omitempty"`
	Rate     *float64         `json:"rate,omitempty"`
	Amount   *decimal.Decimal `json:"amount,omitempty"`
	Weighted *decimal.Decimal `json:"weighted,omitempty"`
	Seconds  float64          `json:"seconds"`
}

// Answer is one KPI as PostgreSQL and the library computed it.
type Answer struct {
	SQL     Numbers `json:"sql"`
	Library Numbers `json:"library"`
	Agree   bool    `json:"agree"`
}

// Comparison is the win rate, bookings and open pipeline answered by
// PostgreSQL in SQL and by the library from the index, for one period.
//
//	win_rate   deals won (deals) and lost (lost) with a close in the
//	           period, and the rate won / (won + lost)
//	bookings   won deals closed in the period (deals) and their amount
//	pipeline   deals open at as_of expected to close in next: deals,
//	           amount and weighted amount
//	sql        the queries
type Comparison struct {
	Period   activity.Period   `json:"period"`
	Next     activity.Period   `json:"next"`
	AsOf     time.Time         `json:"as_of"`
	WinRate  Answer            `json:"win_rate"`
	Bookings Answer            `json:"bookings"`
	Pipeline Answer            `json:"pipeline"`
	SQL      map[string]string `json:"sql"`
}

// timed runs f and returns its seconds.
func timed(f func() error) (float64, error) {
	start := time.Now()
	err := f()
	return time.Since(start).Seconds(), err
}

// compare answers the three KPIs both ways over the whole book.
func compare(ctx context.Context, db *sql.DB, ix *activity.Index, period, next activity.Period, asOf time.Time) (Comparison, error) {
	c := Comparison{Period: period, Next: next, AsOf: asOf,
		SQL: map[string]string{"win_rate": winRateSQL, "bookings": bookingsSQL, "pipeline": pipelineSQL}}
	var err error
	w := &c.WinRate
	if w.SQL.Seconds, err = timed(func() error {
		var lost int64
		if err := db.QueryRowContext(ctx, winRateSQL, period.Start, period.End).Scan(&w.SQL.Deals, &lost); err != nil {
			return err
		}
		w.SQL.Lost = &lost
		if n := w.SQL.Deals + lost; n > 0 {
			rate := float64(w.SQL.Deals) / float64(n)
			w.SQL.Rate = &rate
		}
		return nil
	}); err != nil {
		return c, fmt.Errorf("win rate in SQL: %w", err)
	}
	if w.Library.Seconds, err = timed(func() error {
		r, err := performance.WinRate(ix.All(), period, performance.WinRateOptions{})
		if err != nil {
			return undefinedAsNone(err)
		}
		w.Library.Deals, w.Library.Lost, w.Library.Rate = r.Won, &r.Lost, &r.Rate
		return nil
	}); err != nil {
		return c, fmt.Errorf("win rate: %w", err)
	}
	w.Agree = w.SQL.Deals == w.Library.Deals && equal(w.SQL.Lost, w.Library.Lost)

	b := &c.Bookings
	if b.SQL.Seconds, err = timed(func() error {
		var amount string
		if err := db.QueryRowContext(ctx, bookingsSQL, period.Start, period.End).Scan(&b.SQL.Deals, &amount); err != nil {
			return err
		}
		b.SQL.Amount, err = parseDecimal(amount)
		return err
	}); err != nil {
		return c, fmt.Errorf("bookings in SQL: %w", err)
	}
	if b.Library.Seconds, err = timed(func() error {
		r, err := performance.Bookings(ix.All(), period, performance.BookingsOptions{})
		b.Library.Deals, b.Library.Amount = r.Deals, &r.Amount
		return err
	}); err != nil {
		return c, fmt.Errorf("bookings: %w", err)
	}
	b.Agree = b.SQL.Deals == b.Library.Deals && b.SQL.Amount.Equal(*b.Library.Amount)

	p := &c.Pipeline
	if p.SQL.Seconds, err = timed(func() error {
		var amount, weighted string
		if err := db.QueryRowContext(ctx, pipelineSQL, next.Start, next.End, asOf).Scan(&p.SQL.Deals, &amount, &weighted); err != nil {
			return err
		}
		if p.SQL.Amount, err = parseDecimal(amount); err != nil {
			return err
		}
		p.SQL.Weighted, err = parseDecimal(weighted)
		return err
	}); err != nil {
		return c, fmt.Errorf("pipeline in SQL: %w", err)
	}
	if p.Library.Seconds, err = timed(func() error {
		r, err := performance.OpenPipeline(ix.All(), next, performance.PipelineOptions{AsOf: asOf})
		p.Library.Deals, p.Library.Amount, p.Library.Weighted = r.Deals, &r.Amount, &r.Weighted
		return err
	}); err != nil {
		return c, fmt.Errorf("pipeline: %w", err)
	}
	p.Agree = p.SQL.Deals == p.Library.Deals && p.SQL.Amount.Equal(*p.Library.Amount) && p.SQL.Weighted.Equal(*p.Library.Weighted)
	return c, nil
}

func parseDecimal(s string) (*decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	return &d, err
}

// equal says whether two optional values are both absent or both equal.
func equal[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// undefinedAsNone reads a KPI with nothing to count (no closed deal) as the
// zero counts SQL gives.
func undefinedAsNone(err error) error {
	if review.Undefined(err) {
		return nil
	}
	return err
}
