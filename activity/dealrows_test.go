package activity

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestNumericID: only canonical decimal digits of at most 18 read as
// numbers, so that a number names exactly one id.
func TestNumericID(t *testing.T) {
	for id, want := range map[string]int64{"0": 0, "7": 7, "1042": 1042, "999999999999999999": 999999999999999999} {
		if n, ok := numericID(id); !ok || n != want {
			t.Errorf("numericID(%q) = %d, %v; want %d", id, n, ok, want)
		}
	}
	for _, id := range []string{"", "07", "00", "-1", "+1", "1 ", "12a", "1.0", "1234567890123456789", "٣"} {
		if n, ok := numericID(id); ok {
			t.Errorf("numericID(%q) = %d, a number", id, n)
		}
	}
}

// TestDealIDsNumericAndNot: "7" and "07" are two deals; ids of every form
// are found, by activities and by DealRow, after a build and an update; a
// numeric id given twice is a duplicate.
func TestDealIDsNumericAndNot(t *testing.T) {
	ids := []string{"7", "07", "deal-7", "123456789012345678", "1234567890123456789", "0"}
	var deals []Deal
	var acts []Activity
	for i, id := range ids {
		deals = append(deals, Deal{ID: id, Owner: "ann", Amount: decimal.NewFromInt(int64(i + 1)), Currency: "USD",
			Stage: StageDemo, Status: StatusOpen, CreatedAt: jan1})
		acts = append(acts, Activity{ID: "a" + id, Rep: "ann", Kind: KindCall, At: jan1.Add(oneDay), Deal: id})
	}
	ix, err := NewIndex(Records{Deals: deals, Activities: acts}, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, absent ...string) {
		for i, id := range ids {
			row, ok := ix.DealRow(id)
			if !ok || ix.DealID(row) != id {
				t.Errorf("%s: DealRow(%q) = %d, %v", when, id, row, ok)
				continue
			}
			if got := ActivityRowsOf(ix, row); len(got) != 1 || ix.Activity(int(got[0])).ID != "a"+ids[i] {
				t.Errorf("%s: activities of %q = %v", when, id, got)
			}
		}
		for _, id := range absent {
			if _, ok := ix.DealRow(id); ok {
				t.Errorf("%s: DealRow(%q) found", when, id)
			}
		}
	}
	check("built", "70", "007", "deal-8")
	// An update that adds "70" and replaces "07".
	more := []Deal{deals[1], {ID: "70", Owner: "bob", Amount: decimal.NewFromInt(9), Currency: "USD", Stage: StageDemo, Status: StatusOpen, CreatedAt: jan1}}
	more[0].Amount = decimal.NewFromInt(100)
	if _, err := ix.Update(Records{Deals: more}); err != nil {
		t.Fatal(err)
	}
	if row, ok := ix.DealRow("70"); !ok || ix.DealID(row) != "70" {
		t.Errorf("updated: DealRow(70) = %d, %v", row, ok)
	}
	if row, ok := ix.DealRow("07"); !ok || !ix.Deal(row).Amount.Equal(decimal.NewFromInt(100)) {
		t.Errorf("updated: deal 07 = %+v", ix.Deal(row))
	}
	check("updated", "007", "deal-8", "700")

	dup := append(deals[:1:1], deals[0])
	_, err = NewIndex(Records{Deals: dup}, IndexOptions{})
	if !errors.Is(err, ErrDuplicateID) {
		t.Errorf("deal 7 twice: %v, want ErrDuplicateID", err)
	}
}

// TestDealRowsAgainstAMap runs random sets, removes and gets of ids of
// every form (small numbers that fill the array, numbers past it that it
// later reaches as it grows, numbers far beyond, non-canonical digits,
// names) against a plain map.
func TestDealRowsAgainstAMap(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 3))
		m := newDealRows(rng.IntN(50))
		if seed%4 == 0 {
			m = dealRows{} // the zero table works too
		}
		id := func() string {
			switch rng.IntN(5) {
			case 0:
				return strconv.Itoa(rng.IntN(60))
			case 1:
				return strconv.Itoa(60 + rng.IntN(3000))
			case 2:
				return strconv.FormatInt(rng.Int64N(1e18), 10)
			case 3:
				return "0" + strconv.Itoa(rng.IntN(60))
			}
			return "d" + strconv.Itoa(rng.IntN(60))
		}
		agreeWithMap(t, seed, 3000, id, func() bool { return rng.IntN(4) == 0 },
			func(k string, row int32) { m.set(k, row) }, m.get, m.remove)
	}
}

// TestStrRowsAgainstAMap runs random sets, removes and gets against a
// plain map on tables that grow from nothing, remove often enough to
// move slots back across the table's end and to rebuild the arena, and
// (every other seed) run out of arena so that later ids go to the map.
func TestStrRowsAgainstAMap(t *testing.T) {
	defer func(max int64) { strArenaMax = max }(strArenaMax)
	for seed := range uint64(12) {
		strArenaMax = math.MaxUint32
		if seed%2 == 1 {
			strArenaMax = 3000
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		var m strRows
		id := func() string { return "id-" + strconv.Itoa(rng.IntN(400)) + strings.Repeat("x", rng.IntN(3)) }
		want := agreeWithMap(t, seed, 100_000, id, func() bool { return rng.IntN(5) < 2 },
			func(k string, row int32) { m.set(k, row, rng.IntN(8)) }, m.get, m.remove)
		if n := m.used + len(m.over); n != len(want) {
			t.Fatalf("seed %d: %d ids held, want %d", seed, n, len(want))
		}
		if seed%2 == 1 && len(m.over) == 0 {
			t.Fatalf("seed %d: the arena's limit sent no id to the map", seed)
		}
	}
}

// TestDealRowsSizesNames: the table of ids that are not numbers is made
// for the deals expected when names come first, and small when a
// numbered book has an odd id.
func TestDealRowsSizesNames(t *testing.T) {
	named := newDealRows(1000)
	named.set("D-1", 0)
	if got := len(named.strs.slots); got < 2000 {
		t.Errorf("names first: %d slots, want room for 1,000 ids at half full", got)
	}
	numbered := newDealRows(1000)
	for i := range 999 {
		numbered.set(strconv.Itoa(i+1), int32(i))
	}
	numbered.set("D-1", 999)
	if got := len(numbered.strs.slots); got > 64 {
		t.Errorf("one name after 999 numbers: %d slots, want a few", got)
	}
	if row, ok := numbered.get("D-1"); !ok || row != 999 {
		t.Errorf("get(D-1) = %d, %v", row, ok)
	}
}

// agreeWithMap runs ops random sets (row: the op's number) and removes (as
// remove says) of ids from id, each followed by a get of another, against
// a plain map, then gets every id the map holds, and returns the map.
func agreeWithMap(t *testing.T, seed uint64, ops int, id func() string, removes func() bool,
	set func(string, int32), get func(string) (int32, bool), remove func(string)) map[string]int32 {
	t.Helper()
	want := map[string]int32{}
	for op := range ops {
		k := id()
		if removes() {
			remove(k)
			delete(want, k)
		} else {
			set(k, int32(op))
			want[k] = int32(op)
		}
		k = id()
		row, ok := get(k)
		if w, wok := want[k]; ok != wok || (ok && row != w) {
			t.Fatalf("seed %d op %d: get(%q) = %d, %v; want %d, %v", seed, op, k, row, ok, w, wok)
		}
	}
	for k, w := range want {
		if row, ok := get(k); !ok || row != w {
			t.Fatalf("seed %d: get(%q) = %d, %v; want %d", seed, k, row, ok, w)
		}
	}
	return want
}

// TestDealRowsLongID: one long id among the first must not make the table
// reserve its length for every deal expected.
func TestDealRowsLongID(t *testing.T) {
	m := newDealRows(100_000)
	long := strings.Repeat("x", 20_000)
	m.set(long, 0)
	m.set("D-2", 1)
	if got := cap(m.strs.arena); got > 100_000*32+len(long) {
		t.Errorf("arena of %d bytes after one 20 kB id, want at most 32 a deal expected", got)
	}
	if row, ok := m.get(long); !ok || row != 0 {
		t.Errorf("get(long) = %d, %v", row, ok)
	}
	if row, ok := m.get("D-2"); !ok || row != 1 {
		t.Errorf("get(D-2) = %d, %v", row, ok)
	}
}
