package performance

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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
