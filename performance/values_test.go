package performance

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestGroupValues: values come back group by group in pass order within a
// group, the whole buffer is every group's, a group past n is reported,
// appending to a group copies (it does not overwrite the next group), and
// a gathering from the pool starts empty.
func TestGroupValues(t *testing.T) {
	for round := range 2 { // the second round reuses the pool's buffers
		gv := newGroupValues()
		for _, x := range []struct {
			g int
			v int64
		}{{2, 20}, {0, 1}, {2, 21}, {3, 30}, {0, 2}} {
			gv.add(x.g, x.v)
		}
		got := map[int][]int64{}
		gv.spread(3, func(g int, xs []int64) { got[g] = xs })
		want := map[int][]int64{0: {1, 2}, 1: {}, 2: {20, 21}, 3: {30}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("round %d: groups (-want +got):\n%s", round, diff)
		}
		if diff := cmp.Diff([]int64{1, 2, 20, 21, 30}, gv.all()); diff != "" {
			t.Errorf("round %d: all (-want +got):\n%s", round, diff)
		}
		_ = append(got[0], 99)
		if got[2][0] != 20 {
			t.Errorf("round %d: appending to group 0 overwrote group 2: %v", round, got[2])
		}
		gv.release()
	}
	// One group: the values stay in pass order.
	gv := newGroupValues()
	defer gv.release()
	gv.add(0, 5)
	gv.add(0, 4)
	var one []int64
	gv.spread(1, func(g int, xs []int64) { one = xs })
	if diff := cmp.Diff([]int64{5, 4}, one); diff != "" || len(gv.all()) != 2 {
		t.Errorf("one group (-want +got):\n%s", diff)
	}
}

// TestFastLoops holds the loops for common cases (one currency, every
// close in the period, grouping by a key column or none) to the general
// loops on generated books, for every KPI that has one; the books have a
// won amount past int64 units, and the quarter does not hold every close.
// Not parallel: it switches generalLoops.
func TestFastLoops(t *testing.T) {
	type results struct {
		Win, WinValue []activity.Group[WinLoss]
		Size, Closed  []activity.Group[DealSize]
		Cycle         []activity.Group[Cycle]
		CycleClosed   []activity.Group[Cycle]
		Effort        [4][]activity.Group[Effort]
		Errs          string
	}
	run := func(v activity.View, p activity.Period, by activity.By) results {
		var r results
		var errs [10]error
		effortBy := by // effort ratios group by rep or team only
		if by.Dimension == activity.DimensionPeriod {
			effortBy = activity.ByRep()
		}
		for i, opt := range []EffortOptions{{}, {Linking: LinkedToOutcome}, {Attribution: AttributeToDealOwner}, {Kinds: []activity.Kind{activity.KindCall}}} {
			r.Effort[i], errs[6+i] = ActivitiesPerWonDealBy(v, p, effortBy, opt)
		}
		r.Win, errs[0] = WinRateBy(v, p, by, WinRateOptions{})
		r.WinValue, errs[1] = WinRateBy(v, p, by, WinRateOptions{Basis: ValueBasis})
		r.Size, errs[2] = DealSizeBy(v, p, by, DealSizeOptions{})
		r.Closed, errs[3] = DealSizeBy(v, p, by, DealSizeOptions{Selection: SizeClosed})
		r.Cycle, errs[4] = SalesCycleBy(v, p, by, CycleOptions{})
		r.CycleClosed, errs[5] = SalesCycleBy(v, p, by, CycleOptions{Selection: CycleClosed})
		r.Errs = fmt.Sprint(errs)
		return r
	}
	for _, seed := range []uint64{3, 8} {
		ix, window, q2 := loopBook(t, seed)
		for _, p := range []activity.Period{window, q2} {
			for _, by := range []activity.By{activity.ByRep().WithTotal(), activity.ByTeam(), activity.ByPeriod(activity.Calendar{}, activity.Quarterly)} {
				fast := run(ix.All(), p, by)
				generalLoops = true
				general := run(ix.All(), p, by)
				generalLoops = false
				if diff := cmp.Diff(general, fast, bookDecEq); diff != "" {
					t.Errorf("seed %d %s by %v (-general +fast):\n%s", seed, p.Name, by, diff)
				}
			}
		}
	}
}

// TestSortDurations: whole seconds (sorted as seconds) and durations with
// nanoseconds sort as a comparison sort does, negatives included.
func TestSortDurations(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, whole := range []bool{true, false} {
		xs := make([]int64, 5000)
		for i := range xs {
			xs[i] = (rng.Int64N(400*86400) - 20*86400) * int64(time.Second)
			if !whole && i == 4321 {
				xs[i]++
			}
		}
		want := slices.Clone(xs)
		slices.Sort(want)
		sortDurations(xs)
		if !slices.Equal(xs, want) {
			t.Errorf("whole seconds %v: not sorted as slices.Sort sorts", whole)
		}
	}
}
