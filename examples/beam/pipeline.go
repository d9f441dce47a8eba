package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; add gcs or s3 for a cluster's storage
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// Deal is what the win rate reads of a deals.csv row (kpi-report/v1's
// columns id, owner_rep_id, team, territory, stage, amount, currency,
// created_at, closed_at, probability).
type Deal struct {
	Owner, Team string
	Closed, Won bool
	Cents       int64 // the amount in cents, exactly
}

// Row is one line of the report: the win rate of a group of deals (Key
// "all", "rep:<owner_rep_id>" or "team:<team>"), by count and by value,
// with what it was computed from. A rate is nil where it is undefined (no
// closed deal, or no closed amount).
type Row struct {
	Key          string   `json:"key"`
	ClosedCount  int64    `json:"closed_count"`
	WonCount     int64    `json:"won_count"`
	ClosedCents  int64    `json:"closed_amount_cents"`
	WonCents     int64    `json:"won_amount_cents"`
	WinRateCount *float64 `json:"win_rate_count"`
	WinRateValue *float64 `json:"win_rate_value"`
}

// allTime is kpi-report/v1's period: every record.
var allTime = activity.Period{Start: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}

// parseDeal reads a deals.csv line (the header is skipped) and emits the
// deal under each key it counts for: all, its rep, its team.
func parseDeal(line string, emit func(string, Deal)) error {
	if line == "" || strings.HasPrefix(line, "id,") {
		return nil
	}
	f := strings.Split(line, ",")
	if len(f) != 10 {
		return fmt.Errorf("deals.csv: %d fields in %q, want 10", len(f), line)
	}
	amount, err := decimal.NewFromString(f[5])
	if err != nil {
		return fmt.Errorf("deals.csv: amount %q: %w", f[5], err)
	}
	d := Deal{Owner: f[1], Team: f[2], Won: f[4] == "closed_won", Closed: f[4] == "closed_won" || f[4] == "closed_lost",
		Cents: amount.Shift(2).IntPart()}
	if !amount.Shift(2).Equal(decimal.NewFromInt(d.Cents)) {
		return fmt.Errorf("deals.csv: amount %q is not whole cents", f[5])
	}
	emit("all", d)
	emit("rep:"+d.Owner, d)
	if d.Team != "" {
		emit("team:"+d.Team, d)
	}
	return nil
}

// WinAcc is the win rate combiner's accumulator: the library's tally,
// which Beam encodes with the tally's own MarshalBinary between workers.
type WinAcc struct{ T performance.WinRateTally }

// encoded counts the accumulators Beam has encoded (for the test: the
// tallies did travel between the runner's stages).
var encoded atomic.Int64

func encodeWinAcc(a WinAcc) ([]byte, error) {
	encoded.Add(1)
	return a.T.MarshalBinary()
}

func decodeWinAcc(b []byte) (WinAcc, error) {
	var a WinAcc
	err := a.T.UnmarshalBinary(b)
	return a, err
}

// winRateFn combines deals into the win rate: performance.WinRateTally's
// Add, Merge and Result as a Beam CombineFn.
type winRateFn struct{}

func (winRateFn) CreateAccumulator() WinAcc { return WinAcc{} }

func (winRateFn) AddInput(a WinAcc, d Deal) WinAcc {
	if d.Closed {
		a.T.Add(d.Won, decimal.New(d.Cents, -2), "USD")
	}
	return a
}

func (winRateFn) MergeAccumulators(a, b WinAcc) WinAcc {
	a.T.Merge(&b.T)
	return a
}

func (winRateFn) ExtractOutput(a WinAcc) Row {
	var r Row
	count, errC := a.T.Result("", allTime, performance.WinRateOptions{})
	value, errV := a.T.Result("", allTime, performance.WinRateOptions{Basis: performance.ValueBasis})
	r.ClosedCount, r.WonCount = count.Won+count.Lost, count.Won
	r.ClosedCents, r.WonCents = count.ClosedAmount.Shift(2).IntPart(), count.WonAmount.Shift(2).IntPart()
	if errC == nil {
		r.WinRateCount = &count.Rate
	}
	if errV == nil {
		r.WinRateValue = &value.Rate
	}
	return r
}

// formatRow writes a group's row as a JSON line.
func formatRow(key string, r Row) (string, error) {
	r.Key = key
	b, err := json.Marshal(r)
	return string(b), err
}

func init() {
	beam.RegisterCoder(reflect.TypeFor[WinAcc](), encodeWinAcc, decodeWinAcc)
	register.Function2x1(parseDeal)
	register.Emitter2[string, Deal]()
	register.Combiner3[WinAcc, Deal, Row](&winRateFn{})
	register.Function2x2(formatRow)
}

// build adds the pipeline to s: the deals of dealsGlob read, keyed and
// combined, their rows written as JSON lines to out.
func build(s beam.Scope, dealsGlob, out string) {
	lines := textio.Read(s, dealsGlob)
	keyed := beam.ParDo(s, parseDeal, lines)
	rows := beam.CombinePerKey(s, &winRateFn{}, keyed)
	textio.Write(s, out, beam.ParDo(s, formatRow, rows))
}
