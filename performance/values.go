package performance

import (
	"slices"
	"sync"

	"github.com/salesmetrics/salesmetrics/activity"
)

// groupValues gathers the int64 values of a pass (amounts, durations) by
// group into one buffer, group after group: each group's values are one
// slice of it and the whole buffer holds every group's, so no slice grows
// per group and a breakdown's total needs no copy. The buffers are reused
// from pass to pass (a pool): a pass allocates nothing per record.
type groupValues struct {
	groups []int32 // each value's group, in pass order
	vals   []int64 // the values, in pass order
	flat   []int64 // the values, group by group
	counts []int
}

// generalLoops, set by tests, turns off the loops for common cases (one
// currency, every close in the period) so that their results can be held
// to the general loops'.
var generalLoops bool

var valuesPool = sync.Pool{New: func() any { return new(groupValues) }}

// newGroupValues returns an empty gathering from the pool.
func newGroupValues() *groupValues {
	gv := valuesPool.Get().(*groupValues)
	gv.groups, gv.vals, gv.flat = gv.groups[:0], gv.vals[:0], gv.flat[:0]
	return gv
}

// add gathers value x for group g.
func (gv *groupValues) add(g int, x int64) {
	gv.groups = append(gv.groups, int32(g))
	gv.vals = append(gv.vals, x)
}

// room makes room for n more values, returning the buffers to write them
// at (from index len before the call) for passes that write a value at
// every row and keep only some (no branch on which).
func (gv *groupValues) room(n int) (vals []int64, groups []int32) {
	vals = slices.Grow(gv.vals, n)
	groups = slices.Grow(gv.groups, n)
	return vals[:cap(vals)], groups[:cap(groups)]
}

// kept sets the values held to the first n of the buffers room returned.
func (gv *groupValues) kept(vals []int64, groups []int32, n int) {
	gv.vals, gv.groups = vals[:n], groups[:n]
}

// spread places the values group by group and calls set with each of n
// groups and its values (capped at their length, so that appending to
// them copies); groups may exceed n when the pass grew them.
func (gv *groupValues) spread(n int, set func(g int, xs []int64)) {
	if n == 1 { // one group: the values are in place already
		gv.flat, gv.vals = gv.vals, gv.flat
		set(0, gv.all())
		return
	}
	for _, g := range gv.groups {
		n = max(n, int(g)+1)
	}
	gv.counts = append(gv.counts[:0], make([]int, n)...)
	for _, g := range gv.groups {
		gv.counts[g]++
	}
	start := 0
	for g, c := range gv.counts {
		gv.counts[g] = start
		start += c
	}
	gv.flat = append(gv.flat[:0], make([]int64, len(gv.vals))...)
	for i, g := range gv.groups {
		gv.flat[gv.counts[g]] = gv.vals[i]
		gv.counts[g]++
	}
	lo := 0
	for g, end := range gv.counts {
		set(g, gv.flat[lo:end:end])
		lo = end
	}
}

// all returns every group's values, in group order (after spread).
func (gv *groupValues) all() []int64 { return gv.flat[:len(gv.flat):len(gv.flat)] }

// release returns the buffers to the pool: nothing may read them after.
func (gv *groupValues) release() {
	if gv != nil {
		valuesPool.Put(gv)
	}
}

// picked is 1 for a won deal, and for a lost one when lost is 1, else 0,
// without a branch (deal outcomes follow no pattern a processor could
// predict).
func picked(st activity.Status, lost int64) int64 {
	var k int64
	if st == activity.StatusWon {
		k = 1
	}
	if st == activity.StatusLost {
		k |= lost
	}
	return k
}
