package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; add gcs or s3 for a cluster's storage
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
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

	// The activity fields, for "all" and the reps (by the activity's rep;
	// the linked ones by the won deal's owner): absent from team rows.
	Activities           map[string]int64 `json:"activities,omitempty"`
	ActivitiesPerWonDeal *float64         `json:"activities_per_won_deal,omitempty"`
	LinkedOnWonDeals     *int64           `json:"linked_activities_on_won_deals,omitempty"`
	LinkedPerWonDeal     *float64         `json:"linked_activities_per_won_deal,omitempty"`
}

// kinds are kpi-report/v1's activity types, in the order of the
// VolumeTally keys this pipeline gives them.
var kinds = []string{"call", "email", "meeting", "demo", "proposal"}

// DealRef is what the join of activities to won deals needs of a deal.
type DealRef struct {
	Owner string
	Won   bool
}

// parseDealRef reads a deals.csv line into its id and DealRef, for a won
// deal (the join needs no other).
func parseDealRef(line string, emit func(string, DealRef)) error {
	if line == "" || strings.HasPrefix(line, "id,") {
		return nil
	}
	f := strings.Split(line, ",")
	if len(f) != 10 {
		return fmt.Errorf("deals.csv: %d fields in %q, want 10", len(f), line)
	}
	if f[4] == "closed_won" {
		emit(f[0], DealRef{Owner: f[1], Won: true})
	}
	return nil
}

// parseActivity reads an activities.csv line (id,rep_id,deal_id,type,at,
// outcome) and emits its kind's key under "all" and its rep, and, when it
// is tied to a deal, the deal's id to linked.
func parseActivity(line string, emitKind func(string, int), linked func(string)) error {
	if line == "" || strings.HasPrefix(line, "id,") {
		return nil
	}
	f := strings.Split(line, ",")
	if len(f) != 6 {
		return fmt.Errorf("activities.csv: %d fields in %q, want 6", len(f), line)
	}
	k := slices.Index(kinds, f[3])
	if k < 0 {
		return fmt.Errorf("activities.csv: activity %s: type %q", f[0], f[3])
	}
	emitKind("rep:"+f[1], k)
	if f[2] != "" {
		linked(f[2])
	}
	return nil
}

// VolAcc is the activity combiner's accumulator: an activity.VolumeTally
// over the five kinds, encoded between workers by its MarshalBinary.
type VolAcc struct{ T activity.VolumeTally }

func encodeVolAcc(a VolAcc) ([]byte, error) {
	encoded.Add(1)
	return a.T.MarshalBinary()
}

func decodeVolAcc(b []byte) (VolAcc, error) {
	var a VolAcc
	err := a.T.UnmarshalBinary(b)
	return a, err
}

// volumeFn counts a group's activities by kind: VolumeTally's Add and
// Merge as a Beam CombineFn.
type volumeFn struct{}

func (volumeFn) CreateAccumulator() VolAcc {
	return VolAcc{activity.VolumeTally{Counts: make([]int64, len(kinds))}}
}

func (volumeFn) AddInput(a VolAcc, k int) VolAcc {
	a.T.Add(activity.Key(k))
	return a
}

func (volumeFn) MergeAccumulators(a, b VolAcc) VolAcc {
	a.T.Merge(&b.T)
	return a
}

func (volumeFn) ExtractOutput(a VolAcc) VolAcc { return a }

// toAll keys a rep's accumulator for the whole: the overall row is the
// merge of the reps' (each activity has one rep), which spares the runner
// one key that every activity would go to.
func toAll(_ string, a VolAcc) (string, VolAcc) { return "all", a }

// mergeVolFn merges accumulators: VolumeTally's Merge as a CombineFn.
type mergeVolFn struct{}

func (mergeVolFn) MergeAccumulators(a, b VolAcc) VolAcc {
	a.T.Merge(&b.T)
	return a
}

// linkedToWon joins a deal with the number of activities tied to it: a won
// deal's count goes to "all" and to its owner.
func linkedToWon(id string, refs func(*DealRef) bool, counts func(*int) bool, emit func(string, int)) {
	var ref DealRef
	found := false
	for refs(&ref) {
		found = true
	}
	if !found || !ref.Won {
		return
	}
	n, c := 0, 0
	for counts(&c) {
		n += c
	}
	emit("all", n)
	emit("rep:"+ref.Owner, n)
}

// one is 1, for counting.
func one(id string) (string, int) { return id, 1 }

// finish joins a group's deal row, its activities and its linked count.
func finish(key string, rows func(*Row) bool, vols func(*VolAcc) bool, linked func(*int) bool) (string, error) {
	var r Row
	for rows(&r) {
	}
	r.Key = key
	var v VolAcc
	hasActs := false
	for vols(&v) {
		hasActs = true
	}
	if hasActs || key == "all" || strings.HasPrefix(key, "rep:") {
		r.Activities = map[string]int64{"total": 0}
		for i, name := range kinds {
			if i < len(v.T.Counts) {
				r.Activities[name] = v.T.Counts[i]
				r.Activities["total"] += v.T.Counts[i]
			} else {
				r.Activities[name] = 0
			}
		}
		if r.WonCount > 0 {
			per := float64(r.Activities["total"]) / float64(r.WonCount)
			r.ActivitiesPerWonDeal = &per
		}
		var n int64
		var c int
		for linked(&c) {
			n += int64(c)
		}
		r.LinkedOnWonDeals = &n
		if r.WonCount > 0 {
			per := float64(n) / float64(r.WonCount)
			r.LinkedPerWonDeal = &per
		}
	}
	b, err := json.Marshal(r)
	return string(b), err
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
	beam.RegisterCoder(reflect.TypeFor[VolAcc](), encodeVolAcc, decodeVolAcc)
	register.Function2x1(parseDealRef)
	register.Emitter2[string, DealRef]()
	register.Function3x1(parseActivity)
	register.Emitter2[string, int]()
	register.Emitter1[string]()
	register.Combiner2[VolAcc, int](&volumeFn{})
	register.Combiner1[VolAcc](&mergeVolFn{})
	register.Function2x2(toAll)
	register.Function4x0(linkedToWon)
	register.Iter1[DealRef]()
	register.Iter1[int]()
	register.Function1x2(one)
	register.Function4x2(finish)
	register.Iter1[Row]()
	register.Iter1[VolAcc]()
	register.Function2x1(parseDeal)
	register.Emitter2[string, Deal]()
	register.Combiner3[DealAcc, Deal, Row](&dealsFn{})
}

// build adds the pipeline to s: the deals of dealsGlob and the activities
// of actsGlob read, keyed and combined, each group's row written as a JSON
// line to out. With actsGlob empty the rows have only the deal fields.
func build(s beam.Scope, dealsGlob, actsGlob, out string) {
	deals := textio.Read(s, dealsGlob)
	rows := beam.CombinePerKey(s, &dealsFn{}, beam.ParDo(s, parseDeal, deals))
	if actsGlob == "" {
		textio.Write(s, out, beam.ParDo(s, formatRow, rows))
		return
	}
	acts := textio.Read(s, actsGlob)
	kindsOf, tiedTo := beam.ParDo2(s, parseActivity, acts)
	repVols := beam.CombinePerKey(s, &volumeFn{}, kindsOf)
	vols := beam.Flatten(s, repVols, beam.CombinePerKey(s, &mergeVolFn{}, beam.ParDo(s, toAll, repVols)))
	perDeal := stats.SumPerKey(s, beam.ParDo(s, one, tiedTo)) // a count a deal before the join
	refs := beam.ParDo(s, parseDealRef, deals)
	linked := beam.ParDo(s, linkedToWon, beam.CoGroupByKey(s, refs, perDeal))
	textio.Write(s, out, beam.ParDo(s, finish, beam.CoGroupByKey(s, rows, vols, linked)))
}
