// Package columns holds the column layout of an activity.Index: the deals,
// activities and stage history held column by column, with strings interned
// to keys (activity.Key), times as Unix nanoseconds and amounts as exact int64
// units. The KPI packages read these columns in their one-pass loops; users
// never name them, so the layout can change without changing a public name.
//
// Package activity registers, when it is initialised, the function that
// hands out an index's store (Register); package internal/ixcols gives the KPI
// packages typed access to it. Nothing else is registered here.
package columns

import (
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/exact"
)

// NoTime marks an absent time in a time column.
const NoTime int64 = math.MinInt64

// Bounds holds a time column's least and greatest times (NoTime left
// out): every time of the column lies in [Min, Max]. A KPI whose period
// holds both reads no time of the column: it holds every row. Rows may
// have been replaced or removed since a bound was seen, so a bound may lie
// outside the times now held; never inside them.
type Bounds struct {
	Min, Max int64
	Some     bool // false: no time seen
}

// See widens b to hold t (NoTime aside).
func (b *Bounds) See(t int64) {
	switch {
	case t == NoTime:
	case !b.Some:
		b.Min, b.Max, b.Some = t, t, true
	default:
		b.Min, b.Max = min(b.Min, t), max(b.Max, t)
	}
}

// Within reports whether every time b bounds lies in [lo, hi).
func (b Bounds) Within(lo, hi int64) bool { return !b.Some || (b.Min >= lo && b.Max < hi) }

// Nanos converts a time to the Unix nanoseconds the time columns hold, NoTime
// for the zero time. Times int64 nanoseconds cannot hold (before 1677-09-21
// or after 2262-04-11) saturate to the first or last value after NoTime, so
// that a period such as [1900, 2300) still holds every record (records are
// from 1900 to 2199) instead of wrapping around.
func Nanos(t time.Time) int64 {
	switch {
	case t.IsZero():
		return NoTime
	case t.Before(minNanosTime):
		return NoTime + 1
	case t.After(maxNanosTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var (
	minNanosTime = time.Unix(0, math.MinInt64+1)
	maxNanosTime = time.Unix(0, math.MaxInt64)
)

// Time converts Unix nanoseconds back to a UTC time, the zero time for
// NoTime.
func Time(n int64) time.Time {
	if n == NoTime {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// Unfit marks a row of a Decimals column whose value does not fit int64
// units at the column's scale; read it with At.
const Unfit int64 = exact.Marker

// Decimals is a read-only column of exact decimals, held as int64 units at
// one scale (row i is units[i] × 10^−scale) with a decimal fallback for
// values that do not fit, and absent rows where the records had none.
type Decimals struct {
	col     exact.Column
	present []bool // nil: every row present
}

// Len returns the number of rows.
func (d *Decimals) Len() int { return len(d.col.Units) }

// At returns row i and whether it is present. An absent row is zero.
func (d *Decimals) At(i int) (decimal.Decimal, bool) {
	if d.present != nil && !d.present[i] {
		return decimal.Decimal{}, false
	}
	return d.col.At(i), true
}

// Present reports whether row i has a value.
func (d *Decimals) Present(i int) bool { return d.present == nil || d.present[i] }

// Units returns the rows as int64 units at scale: row i is
// units[i] × 10^−scale, except rows equal to Unfit, which At reads. Absent
// rows are 0. The slice is shared: do not modify it.
func (d *Decimals) Units() (units []int64, scale int32) { return d.col.Units, d.col.Scale }

// Append adds a row: v, or an absent row when valid is false.
func (d *Decimals) Append(v decimal.Decimal, valid bool) {
	if !valid && d.present == nil {
		d.present = make([]bool, len(d.col.Units), cap(d.col.Units))
		for i := range d.present {
			d.present[i] = true
		}
	}
	if d.present != nil {
		d.present = append(d.present, valid)
	}
	d.col.Append(v)
}

// Set replaces row i: v, or an absent row when valid is false.
func (d *Decimals) Set(i int, v decimal.Decimal, valid bool) {
	if !valid && d.present == nil {
		d.present = make([]bool, len(d.col.Units), cap(d.col.Units))
		for j := range d.present {
			d.present[j] = true
		}
	}
	if d.present != nil {
		d.present[i] = valid
	}
	d.col.Set(i, v)
}

// Compact returns the column of the rows i with keep[i], in order.
func (d *Decimals) Compact(keep []bool) Decimals {
	var out Decimals
	for i := range d.Len() {
		if keep[i] {
			v, ok := d.At(i)
			out.Append(v, ok)
		}
	}
	return out
}

// Deals holds the deals of an index column by column, row i being the
// i-th valid deal in input order. Keys index the index's dictionaries; times
// are Unix nanoseconds, NoTime when absent. The slices are shared by every
// view: do not modify them.
type Deals[K ~int32, S, F ~uint8] struct {
	ID               Strings
	Owner            []K // Index.Reps
	Team             []K // Index.Teams, resolved by IndexOptions.Team
	Territory        []K // Index.Territories
	Account          []K // Index.Accounts
	Source           []K // Index.Sources
	Segment          []K // Index.Segments
	Stage            []K // Index.Stages, in funnel order
	Status           []S
	ForecastCategory []F
	LossReason       []K // Index.LossReasons
	Currency         []K // Index.Currencies
	Amount           Decimals
	ACV              Decimals
	TCV              Decimals
	Cost             Decimals
	Probability      Decimals
	TermMonths       []int32 // 0 when absent
	Created          []int64
	ExpectedClose    []int64
	Closed           []int64
	Attributes       []map[string]string // the records' own maps, shared

	// The time columns' bounds, widened as rows are written.
	CreatedBounds, ExpectedCloseBounds, ClosedBounds Bounds
}

// SeeTimes widens the time bounds to hold row r's times.
func (c *Deals[K, S, F]) SeeTimes(r int) {
	c.CreatedBounds.See(c.Created[r])
	c.ExpectedCloseBounds.See(c.ExpectedClose[r])
	c.ClosedBounds.See(c.Closed[r])
}

// Activities holds the activities of an index column by column, row i
// being the i-th valid activity in input order. The slices are shared by
// every view: do not modify them.
type Activities[K ~int32] struct {
	ID       Strings
	Rep      []K       // Index.Reps
	Team     []K       // Index.Teams: the record's, else the roster's at At
	Kind     []K       // Index.Kinds
	Outcome  []K       // Index.Outcomes
	Account  Sparse[K] // Index.Accounts (absent: −1)
	At       []int64
	AtBounds Bounds        // At's bounds, widened as rows are written
	Deal     []int32       // the deal's row in DealColumns, or −1
	Duration Sparse[int64] // nanoseconds (absent: 0)
	Lead     Sparse[int32] // the lead's position in Index.Leads (absent: −1)

	// ByDeal lists the activity rows tied to deals, grouped by deal: the
	// activities of deal row i are ByDeal[DealStart[i]:DealEnd[i]] (OfDeal),
	// in row order. It turns joins of deals to their activities into a
	// walk. After an update a deal's list may have moved to the end, leaving
	// rows of ByDeal that no deal's range covers.
	ByDeal             []int32
	DealStart, DealEnd []int32
}

// OfDeal returns the activity rows of deal row r, in row order (none for a
// row out of range). The slice is shared: do not modify it.
func (a *Activities[K]) OfDeal(r int32) []int32 {
	if r < 0 || int(r) >= len(a.DealEnd) {
		return nil
	}
	return a.ByDeal[a.DealStart[r]:a.DealEnd[r]]
}

// StageChanges holds the stage history grouped by deal row and sorted by
// time within a deal (input order among equal times). The changes of deal
// row i are rows DealStart[i] up to DealEnd[i] (Of). After an update a
// deal's history may have moved to the end, leaving rows no deal's range
// covers: read the history deal by deal, never the columns whole.
type StageChanges[K ~int32] struct {
	Deal               []int32
	From               []K // Index.Stages, −1 where the record had none
	To                 []K
	At                 []int64
	DealStart, DealEnd []int32
}

// Of returns the rows [lo, hi) of deal row r's changes (an empty range for
// a row out of range).
func (s *StageChanges[K]) Of(r int32) (lo, hi int32) {
	if r < 0 || int(r) >= len(s.DealEnd) {
		return 0, 0
	}
	return s.DealStart[r], s.DealEnd[r]
}

// Grow makes room for n deals whose ids take idBytes bytes in all (0:
// about 8 bytes an id; more grow as they come).
func (c *Deals[K, S, F]) Grow(n, idBytes int) {
	c.ID = Strings{}
	c.ID.Grow(n, idBytesOr(idBytes, n))
	c.Owner = make([]K, 0, n)
	c.Territory = make([]K, 0, n)
	c.Account = make([]K, 0, n)
	c.Source = make([]K, 0, n)
	c.Segment = make([]K, 0, n)
	c.Stage = make([]K, 0, n)
	c.Status = make([]S, 0, n)
	c.ForecastCategory = make([]F, 0, n)
	c.LossReason = make([]K, 0, n)
	c.Currency = make([]K, 0, n)
	for _, d := range []*Decimals{&c.Amount, &c.ACV, &c.TCV, &c.Cost, &c.Probability} {
		d.col.Units = make([]int64, 0, n)
	}
	c.TermMonths = make([]int32, 0, n)
	c.Created = make([]int64, 0, n)
	c.ExpectedClose = make([]int64, 0, n)
	c.Closed = make([]int64, 0, n)
	c.Attributes = make([]map[string]string, 0, n)
}

// Grow makes room for n activities whose ids take idBytes bytes in all
// (0: about 8 bytes an id).
func (c *Activities[K]) Grow(n, idBytes int) {
	c.ID.Grow(n, idBytesOr(idBytes, n))
	c.Rep = make([]K, 0, n)
	c.Team = make([]K, 0, n)
	c.Kind = make([]K, 0, n)
	c.Outcome = make([]K, 0, n)
	c.Account = Sparse[K]{None: -1, hint: n}
	c.At = make([]int64, 0, n)
	c.Deal = make([]int32, 0, n)
	c.Duration = Sparse[int64]{hint: n}
	c.Lead = Sparse[int32]{None: -1}
}

// Strings is a column of strings packed end to end in one byte slice: a
// row costs its bytes and a 4-byte offset, with no pointer for the
// collector to scan and no string header (for millions of activity ids, 20
// bytes a row and most of a collection's work).
type Strings struct {
	data []byte
	// end[i] is where row i ends in data, modulo 2^offsetBits; wraps lists,
	// in order, the rows from which it is one more 2^offsetBits further (a
	// column past 4 GiB; none below).
	end   []uint32
	wraps []int
}

// offsetBits is the width of end's offsets: 32, smaller in tests only.
var offsetBits uint = 32

// Grow makes room for n more strings of bytes bytes in all.
func (s *Strings) Grow(n, bytes int) {
	s.end = slices.Grow(s.end, n)
	s.data = slices.Grow(s.data, bytes)
}

// idBytesOr is idBytes, or 8 bytes for each of n ids when it is 0.
func idBytesOr(idBytes, n int) int {
	if idBytes > 0 {
		return idBytes
	}
	return 8 * n
}

// Append adds v as the last row. Past its room the column doubles (append
// alone grows a large slice by a quarter: four copies of a column that
// outgrows its estimate, each into memory not yet touched).
func (s *Strings) Append(v string) {
	if len(s.data)+len(v) > cap(s.data) {
		s.data = slices.Grow(s.data, max(len(v), cap(s.data)))
	}
	s.data = append(s.data, v...)
	s.push(len(s.data))
}

// push records that the next row ends at offset end.
func (s *Strings) push(end int) {
	for end>>offsetBits > len(s.wraps) {
		s.wraps = append(s.wraps, len(s.end))
	}
	s.end = append(s.end, uint32(end&(1<<offsetBits-1)))
}

// Len returns the number of rows.
func (s *Strings) Len() int { return len(s.end) }

// endOf returns where row i ends in data.
func (s *Strings) endOf(i int) int {
	e := int(s.end[i])
	for _, w := range s.wraps {
		if i >= w {
			e += 1 << offsetBits
		}
	}
	return e
}

// Bytes returns row i without copying; do not modify it.
func (s *Strings) Bytes(i int) []byte {
	start := 0
	if i > 0 {
		start = s.endOf(i - 1)
	}
	end := s.endOf(i)
	return s.data[start:end:end]
}

// At returns row i as a string (a copy).
func (s *Strings) At(i int) string { return string(s.Bytes(i)) }

// All returns every row as strings (copies), for tests and export.
func (s *Strings) All() []string {
	out := make([]string, s.Len())
	for i := range out {
		out[i] = s.At(i)
	}
	return out
}

// Compact returns the rows i with keep[i], in order, reusing the storage.
func (s Strings) Compact(keep []bool) Strings {
	out := Strings{data: s.data[:0], end: s.end[:0]}
	start := 0
	for i := range s.end {
		e := s.endOf(i)
		if keep[i] {
			// The kept bytes move down over bytes already read.
			out.data = append(out.data, s.data[start:e]...)
			out.push(len(out.data))
		}
		start = e
	}
	return out
}

// Sparse is a column most of whose rows are None (an activity's account or
// duration, which few exports have): it holds nothing until a row differs
// from None, and reads None for every row then.
type Sparse[T comparable] struct {
	None T   // the value of a row not stored
	n    int // rows
	hint int // rows to make room for once stored
	vals []T // nil while every row is None, else one value per row
}

// Append adds v as the last row.
func (s *Sparse[T]) Append(v T) {
	if s.vals == nil && v != s.None {
		s.vals = make([]T, s.n, max(s.hint, s.n+1))
		for i := range s.vals {
			s.vals[i] = s.None
		}
	}
	if s.vals != nil {
		s.vals = append(s.vals, v)
	}
	s.n++
}

// Set replaces row i with v.
func (s *Sparse[T]) Set(i int, v T) {
	if i < 0 || i >= s.n {
		panic("columns: Sparse row out of range")
	}
	if s.vals == nil {
		if v == s.None {
			return
		}
		s.vals = make([]T, s.n, max(s.hint, s.n))
		for j := range s.vals {
			s.vals[j] = s.None
		}
	}
	s.vals[i] = v
}

// At returns row i.
func (s *Sparse[T]) At(i int) T {
	if s.vals == nil {
		if i < 0 || i >= s.n {
			panic("columns: Sparse row out of range")
		}
		return s.None
	}
	return s.vals[i]
}

// Len returns the number of rows.
func (s *Sparse[T]) Len() int { return s.n }

// All returns every row, for tests and export.
func (s *Sparse[T]) All() []T {
	out := make([]T, s.n)
	for i := range out {
		out[i] = s.At(i)
	}
	return out
}

// Stored reports whether any row differs from None (else At reads None
// everywhere and a loop may skip the column).
func (s *Sparse[T]) Stored() bool { return s.vals != nil }

// Compact returns the rows i with keep[i], in order, reusing the storage.
func (s Sparse[T]) Compact(keep []bool) Sparse[T] {
	out := Sparse[T]{None: s.None, hint: s.hint}
	for _, k := range keep {
		if k {
			out.n++
		}
	}
	if s.vals != nil {
		out.vals = s.vals[:0]
		for i, v := range s.vals {
			if keep[i] {
				out.vals = append(out.vals, v)
			}
		}
	}
	return out
}

// Store is the columns of one index.
type Store[K ~int32, S, F ~uint8] struct {
	Deals        Deals[K, S, F]
	Activities   Activities[K]
	StageChanges StageChanges[K]
}

// of returns the store of an index; see Register.
var of func(ix any) any

// Register sets the function that returns the store of an index. Package
// activity calls it once, from its init function, before any index exists.
func Register(f func(ix any) any) { of = f }

// Of returns the store of the index ix (an *activity.Index) as an any, for
// package internal/ixcols to type.
func Of(ix any) any { return of(ix) }
