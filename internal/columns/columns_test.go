package columns

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStrings checks the packed string column: rows read back as appended
// (the empty string included), and Compact keeps the chosen rows in order
// while moving their bytes down in place.
func TestStrings(t *testing.T) {
	var s Strings
	s.Grow(2, 3)
	in := []string{"a1", "", "bbb", "ccccc", "d", ""}
	for _, v := range in {
		s.Append(v)
	}
	if s.Len() != len(in) {
		t.Fatalf("Len = %d, want %d", s.Len(), len(in))
	}
	if diff := cmp.Diff(in, s.All()); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	if got := string(s.Bytes(3)); got != "ccccc" {
		t.Errorf("Bytes(3) = %q", got)
	}
	// Bytes may not be appended to in place of the next row.
	b := s.Bytes(0)
	if cap(b) != len(b) {
		t.Errorf("Bytes(0) has capacity %d beyond its %d bytes", cap(b), len(b))
	}
	c := s.Compact([]bool{false, true, false, true, true, false})
	if diff := cmp.Diff([]string{"", "ccccc", "d"}, c.All()); diff != "" {
		t.Errorf("Compact (-want +got):\n%s", diff)
	}
	if got := len(c.data); got != 6 {
		t.Errorf("compacted data holds %d bytes, want 6 (0 + 5 + 1)", got)
	}
	none := c.Compact([]bool{false, false, false})
	if none.Len() != 0 || len(none.data) != 0 {
		t.Errorf("Compact(none) = %d rows, %d bytes", none.Len(), len(none.data))
	}
}

// TestSparse checks the sparse column: it stores nothing while every row
// is None, then every row, earlier ones reading None; Compact keeps the
// chosen rows either way.
func TestSparse(t *testing.T) {
	s := Sparse[int32]{None: -1, hint: 8}
	for range 3 {
		s.Append(-1)
	}
	if s.Stored() || s.Len() != 3 || s.At(2) != -1 {
		t.Fatalf("all None: Stored %v, Len %d, At(2) %d", s.Stored(), s.Len(), s.At(2))
	}
	c := s.Compact([]bool{true, false, true})
	if diff := cmp.Diff([]int32{-1, -1}, c.All()); diff != "" || c.Stored() {
		t.Errorf("Compact of all None (-want +got):\n%s", diff)
	}
	s.Append(7)
	s.Append(-1)
	s.Append(9)
	if !s.Stored() || cap(s.vals) < 8 {
		t.Errorf("Stored %v, capacity %d (hint 8)", s.Stored(), cap(s.vals))
	}
	if diff := cmp.Diff([]int32{-1, -1, -1, 7, -1, 9}, s.All()); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	c = s.Compact([]bool{true, false, false, true, false, true})
	if diff := cmp.Diff([]int32{-1, 7, 9}, c.All()); diff != "" {
		t.Errorf("Compact (-want +got):\n%s", diff)
	}
	defer func() {
		if recover() == nil {
			t.Error("At(3) of 3 rows, none stored, did not panic")
		}
	}()
	three := Sparse[int32]{None: -1, n: 3}
	_ = three.At(3)
}

// TestStringsWrap runs the column with 4-bit offsets, so that its data
// passes 2^4 bytes many times over, once by more than that in one row: the
// offsets past 4 GiB work as they would.
func TestStringsWrap(t *testing.T) {
	defer func(b uint) { offsetBits = b }(offsetBits)
	offsetBits = 4
	in := []string{"abcdefghij", "klmno", "", "pqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "x", "yz", strings.Repeat("w", 16), ""}
	var s Strings
	for _, v := range in {
		s.Append(v)
	}
	if diff := cmp.Diff(in, s.All()); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	keep := []bool{false, true, true, true, false, true, true, false}
	var want []string
	for i, v := range in {
		if keep[i] {
			want = append(want, v)
		}
	}
	c := s.Compact(keep)
	if diff := cmp.Diff(want, c.All()); diff != "" {
		t.Errorf("Compact (-want +got):\n%s", diff)
	}
}

// TestBounds: no time seen holds in any period; NoTime is not a time; the
// bounds are closed, a period half-open.
func TestBounds(t *testing.T) {
	var b Bounds
	if !b.Within(0, 1) {
		t.Error("no time seen: not within [0, 1)")
	}
	b.See(NoTime)
	if b.Some {
		t.Errorf("NoTime seen as a time: %+v", b)
	}
	for _, x := range []int64{5, 3, 9, NoTime, 4} {
		b.See(x)
	}
	if b != (Bounds{Min: 3, Max: 9, Some: true}) {
		t.Errorf("bounds of 5, 3, 9, 4 = %+v", b)
	}
	for _, c := range []struct {
		lo, hi int64
		want   bool
	}{{3, 10, true}, {3, 9, false}, {4, 10, false}, {0, 100, true}} {
		if got := b.Within(c.lo, c.hi); got != c.want {
			t.Errorf("[3, 9] within [%d, %d) = %v", c.lo, c.hi, got)
		}
	}
}
