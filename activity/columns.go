package activity

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/exact"
)

// NoTime marks an absent time in a time column.
const NoTime int64 = math.MinInt64

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

func (d *Decimals) append(v Optional[decimal.Decimal]) {
	if !v.Valid && d.present == nil {
		d.present = make([]bool, len(d.col.Units), cap(d.col.Units))
		for i := range d.present {
			d.present[i] = true
		}
	}
	if d.present != nil {
		d.present = append(d.present, v.Valid)
	}
	d.col.Append(v.Value)
}

// DealColumns holds the deals of an index column by column, row i being the
// i-th valid deal in input order. Keys index the index's dictionaries; times
// are Unix nanoseconds, NoTime when absent. The slices are shared by every
// view: do not modify them.
type DealColumns struct {
	ID               []string
	Owner            []Key // Index.Reps
	Team             []Key // Index.Teams, resolved by IndexOptions.Team
	Territory        []Key // Index.Territories
	Account          []Key // Index.Accounts
	Source           []Key // Index.Sources
	Segment          []Key // Index.Segments
	Stage            []Key // Index.Stages, in funnel order
	Status           []Status
	ForecastCategory []ForecastCategory
	LossReason       []Key // Index.LossReasons
	Currency         []Key // Index.Currencies
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
}

// ActivityColumns holds the activities of an index column by column, row i
// being the i-th valid activity in input order. The slices are shared by
// every view: do not modify them.
type ActivityColumns struct {
	ID       []string
	Rep      []Key // Index.Reps
	Team     []Key // Index.Teams: the record's, else the roster's at At
	Kind     []Key // Index.Kinds
	Outcome  []Key // Index.Outcomes
	Account  []Key // Index.Accounts
	At       []int64
	Deal     []int32 // the deal's row in DealColumns, or −1
	Duration []int64 // nanoseconds

	// ByDeal lists the activity rows tied to deals, grouped by deal: the
	// activities of deal row i are ByDeal[DealStart[i]:DealStart[i+1]], in
	// row order. It turns joins of deals to their activities into a walk.
	ByDeal    []int32
	DealStart []int32
}

// StageChangeColumns holds the stage history sorted by deal row and then
// time (input order among equal times). The changes of deal row i are rows
// DealStart[i] up to DealStart[i+1].
type StageChangeColumns struct {
	Deal      []int32
	From      []Key // Index.Stages, NoKey where the record had none
	To        []Key
	At        []int64
	DealStart []int32
}

func (c *DealColumns) grow(n int) {
	c.ID = make([]string, 0, n)
	c.Owner = make([]Key, 0, n)
	c.Territory = make([]Key, 0, n)
	c.Account = make([]Key, 0, n)
	c.Source = make([]Key, 0, n)
	c.Segment = make([]Key, 0, n)
	c.Stage = make([]Key, 0, n)
	c.Status = make([]Status, 0, n)
	c.ForecastCategory = make([]ForecastCategory, 0, n)
	c.LossReason = make([]Key, 0, n)
	c.Currency = make([]Key, 0, n)
	c.Amount.col.Units = make([]int64, 0, n)
	c.TermMonths = make([]int32, 0, n)
	c.Created = make([]int64, 0, n)
	c.ExpectedClose = make([]int64, 0, n)
	c.Closed = make([]int64, 0, n)
	c.Attributes = make([]map[string]string, 0, n)
}

func (c *ActivityColumns) grow(n int) {
	c.ID = make([]string, 0, n)
	c.Rep = make([]Key, 0, n)
	c.Team = make([]Key, 0, n)
	c.Kind = make([]Key, 0, n)
	c.Outcome = make([]Key, 0, n)
	c.Account = make([]Key, 0, n)
	c.At = make([]int64, 0, n)
	c.Deal = make([]int32, 0, n)
	c.Duration = make([]int64, 0, n)
}
