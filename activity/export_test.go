package activity

import (
	"fmt"

	"github.com/salesmetrics/salesmetrics/internal/columns"
)

// HistoryOf returns the stage history the index holds for deal row i, as
// records, for the tests of package activity_test.
func HistoryOf(ix *Index, i int) []StageChange {
	sc := &ix.cols.StageChanges
	lo, hi := sc.Of(int32(i))
	var out []StageChange
	for k := lo; k < hi; k++ {
		out = append(out, StageChange{Deal: ix.cols.Deals.ID.At(int(sc.Deal[k])), From: Stage(ix.stages.Name(sc.From[k])),
			To: Stage(ix.stages.Name(sc.To[k])), At: fromNanos(sc.At[k])})
	}
	return out
}

// ActivityRowsOf returns the activity rows the index lists for deal row i.
func ActivityRowsOf(ix *Index, i int) []int32 { return ix.cols.Activities.OfDeal(int32(i)) }

// CompactAlways makes every update compact what it leaves uncovered,
// returning a function that restores the usual rule.
func CompactAlways() func() {
	compactAlways = true
	return func() { compactAlways = false }
}

// Uncovered returns the stage change and activity list rows no deal's
// range covers.
func Uncovered(ix *Index) (changes, lists int) { return ix.upd.scFree, ix.upd.byDealFree }

// TimeBoundsHold reports a time of ix's columns outside the bounds the
// index keeps for its column (KPIs skip reading a column whose bounds lie
// in their period).
func TimeBoundsHold(ix *Index) error {
	d, a := &ix.cols.Deals, &ix.cols.Activities
	for _, c := range []struct {
		name  string
		times []int64
		b     columns.Bounds
	}{{"created", d.Created, d.CreatedBounds}, {"expected close", d.ExpectedClose, d.ExpectedCloseBounds},
		{"closed", d.Closed, d.ClosedBounds}, {"activity at", a.At, a.AtBounds}} {
		for r, t := range c.times {
			if t != columns.NoTime && (!c.b.Some || t < c.b.Min || t > c.b.Max) {
				return fmt.Errorf("%s of row %d: %d outside the bounds %+v", c.name, r, t, c.b)
			}
		}
	}
	return nil
}
