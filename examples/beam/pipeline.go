package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
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

// Deal is what the report reads of a deals.csv row (kpi-report/v1's
// columns id, owner_rep_id, team, territory, stage, amount, currency,
// created_at, closed_at, probability).
type Deal struct {
	Owner, Team string
	Closed, Won bool
	Cents       int64 // the amount in cents, exactly
	Pct         int64 // the probability in hundredths
	CycleNanos  int64 // closed_at − created_at, for a closed deal
}

// Row is one line of the report, the deals' fields of kpi-report/v1 for a
// group of deals (Key "all", "rep:<owner_rep_id>" or "team:<team>"). A
// field is nil where it is undefined (a rate with no closed deal, an
// average with no won deal).
type Row struct {
	Key                 string   `json:"key"`
	DealsTotal          int64    `json:"deals_total"`
	OpenCount           int64    `json:"open_count"`
	ClosedCount         int64    `json:"closed_count"`
	WonCount            int64    `json:"won_count"`
	ClosedCents         int64    `json:"closed_amount_cents"`
	WonCents            int64    `json:"won_amount_cents"`
	WinRateCount        *float64 `json:"win_rate_count"`
	WinRateValue        *float64 `json:"win_rate_value"`
	AvgWonAmount        *float64 `json:"avg_won_amount"`
	CycleMeanDays       *float64 `json:"cycle_mean_days"`
	CycleMedianDays     *float64 `json:"cycle_median_days"`
	SalesVelocityPerDay *float64 `json:"sales_velocity_per_day"`
	WeightedPipeline    float64  `json:"weighted_pipeline"`
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
	d := Deal{Owner: f[1], Team: f[2], Won: f[4] == "closed_won", Closed: f[4] == "closed_won" || f[4] == "closed_lost"}
	var err error
	if d.Cents, err = hundredths("amount", f[5]); err != nil {
		return err
	}
	if d.Pct, err = hundredths("probability", f[9]); err != nil {
		return err
	}
	if d.Closed {
		created, err1 := time.Parse(time.RFC3339, f[7])
		closed, err2 := time.Parse(time.RFC3339, f[8])
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("deals.csv: deal %s: %w", f[0], err)
		}
		d.CycleNanos = int64(closed.Sub(created))
	}
	emit("all", d)
	emit("rep:"+d.Owner, d)
	if d.Team != "" {
		emit("team:"+d.Team, d)
	}
	return nil
}

// hundredths reads a decimal with at most two places as a whole number of
// hundredths.
func hundredths(field, s string) (int64, error) {
	v, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("deals.csv: %s %q: %w", field, s, err)
	}
	h := v.Shift(2)
	if !h.IsInteger() {
		return 0, fmt.Errorf("deals.csv: %s %q has more than two decimal places", field, s)
	}
	return h.IntPart(), nil
}

// DealAcc is the deals combiner's accumulator: the library's tallies of a
// group's deals (win rate, won deal size, won cycle, and the open deals'
// weighted amount in a BookingsTally) and its open count. Between workers
// Beam encodes it with the tallies' own MarshalBinary (encodeDealAcc).
type DealAcc struct {
	Open     int64
	Win      performance.WinRateTally
	Size     performance.DealSizeTally
	Cycle    performance.CycleTally
	Weighted performance.BookingsTally
}

// encoded counts the accumulators Beam has encoded (for the test: the
// tallies did travel between the runner's stages).
var encoded atomic.Int64

// encodeDealAcc writes the open count, then each tally's encoding behind
// its length.
func encodeDealAcc(a DealAcc) ([]byte, error) {
	encoded.Add(1)
	b := binary.AppendUvarint(nil, uint64(a.Open))
	for _, t := range []interface{ MarshalBinary() ([]byte, error) }{&a.Win, &a.Size, &a.Cycle, &a.Weighted} {
		enc, err := t.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b = binary.AppendUvarint(b, uint64(len(enc)))
		b = append(b, enc...)
	}
	return b, nil
}

// decodeDealAcc reads what encodeDealAcc wrote.
func decodeDealAcc(b []byte) (DealAcc, error) {
	var a DealAcc
	open, n := binary.Uvarint(b)
	if n <= 0 || open > 1<<62 {
		return a, errors.New("deal accumulator: no open count")
	}
	a.Open, b = int64(open), b[n:]
	for _, t := range []interface{ UnmarshalBinary([]byte) error }{&a.Win, &a.Size, &a.Cycle, &a.Weighted} {
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return a, errors.New("deal accumulator: a tally cut short")
		}
		if err := t.UnmarshalBinary(b[n : n+int(size)]); err != nil {
			return a, fmt.Errorf("deal accumulator: %w", err)
		}
		b = b[n+int(size):]
	}
	if len(b) > 0 {
		return a, errors.New("deal accumulator: bytes after the last tally")
	}
	return a, nil
}

// dealsFn combines a group's deals into its row: the tallies' Add, Merge
// and Result as a Beam CombineFn.
type dealsFn struct{}

func (dealsFn) CreateAccumulator() DealAcc { return DealAcc{} }

func (dealsFn) AddInput(a DealAcc, d Deal) DealAcc {
	amount := decimal.New(d.Cents, -2)
	switch {
	case !d.Closed:
		a.Open++
		a.Weighted.Add(amount.Mul(decimal.New(d.Pct, -2)), "USD")
	default:
		a.Win.Add(d.Won, amount, "USD")
		if d.Won {
			a.Size.Add(amount, "USD")
			a.Cycle.Add(time.Duration(d.CycleNanos))
		}
	}
	return a
}

func (dealsFn) MergeAccumulators(a, b DealAcc) DealAcc {
	a.Open += b.Open
	a.Win.Merge(&b.Win)
	a.Size.Merge(&b.Size)
	a.Cycle.Merge(&b.Cycle)
	a.Weighted.Merge(&b.Weighted)
	return a
}

func (dealsFn) ExtractOutput(a DealAcc) Row {
	count, errC := a.Win.Result("", allTime, performance.WinRateOptions{})
	value, errV := a.Win.Result("", allTime, performance.WinRateOptions{Basis: performance.ValueBasis})
	size, errS := a.Size.Result("", allTime, performance.DealSizeOptions{})
	cycle, errY := a.Cycle.Result("", allTime, performance.CycleOptions{})
	weighted, _ := a.Weighted.Result("", allTime, performance.BookingsOptions{})
	r := Row{OpenCount: a.Open, ClosedCount: count.Won + count.Lost, WonCount: count.Won,
		ClosedCents: count.ClosedAmount.Shift(2).IntPart(), WonCents: count.WonAmount.Shift(2).IntPart(),
		WeightedPipeline: weighted.Amount.InexactFloat64()}
	r.DealsTotal = r.OpenCount + r.ClosedCount
	if errC == nil {
		r.WinRateCount = &count.Rate
	}
	if errV == nil {
		r.WinRateValue = &value.Rate
	}
	if errS == nil {
		avg := size.Mean.InexactFloat64()
		r.AvgWonAmount = &avg
	}
	if errY == nil {
		r.CycleMeanDays, r.CycleMedianDays = &cycle.MeanDays, &cycle.MedianDays
	}
	if v, err := performance.VelocityFrom("", allTime, a.Open, count, size, cycle); err == nil {
		r.SalesVelocityPerDay = &v.PerDay
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
	beam.RegisterCoder(reflect.TypeFor[DealAcc](), encodeDealAcc, decodeDealAcc)
	register.Function2x1(parseDeal)
	register.Emitter2[string, Deal]()
	register.Combiner3[DealAcc, Deal, Row](&dealsFn{})
	register.Function2x2(formatRow)
}

// build adds the pipeline to s: the deals of dealsGlob read, keyed and
// combined, their rows written as JSON lines to out.
func build(s beam.Scope, dealsGlob, out string) {
	lines := textio.Read(s, dealsGlob)
	keyed := beam.ParDo(s, parseDeal, lines)
	rows := beam.CombinePerKey(s, &dealsFn{}, keyed)
	textio.Write(s, out, beam.ParDo(s, formatRow, rows))
}
