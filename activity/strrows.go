package activity

import (
	"hash/maphash"
	"math"
	"slices"
)

// strRows maps ids to rows without a pointer the collector must scan: an
// open-addressed table (linear probing, at most half full) of slots
// holding a row, 32 bits of the id's hash and where the id's bytes lie in
// one byte arena. A lookup reads one slot and, when the hash bits match,
// compares the id with its bytes in the arena. Where a Go map of a million
// string keys is a million objects for the collector to mark and a pointer
// to follow each lookup, this is two allocations. Ids whose bytes would
// take the arena past 4 GiB go to a plain map.
type strRows struct {
	seed  maphash.Seed
	slots []strSlot // a power of two of them, or none
	used  int       // slots holding an id
	arena []byte
	dead  int              // arena bytes of ids removed
	over  map[string]int32 // ids past the arena's reach
}

// strArenaMax is how many bytes the arena holds at most: 4 GiB, less in
// tests only.
var strArenaMax int64 = math.MaxUint32

// strSlot is a slot: row+1 (0 when empty), the low 32 bits of the id's
// hash, and the id's bytes as arena[at : at+n].
type strSlot struct {
	row1  int32
	tag   uint32
	at, n uint32
}

func (t *strRows) hash(id string) uint64 { return maphash.String(t.seed, id) }

// find returns the slot of id, or the empty slot where it would go, and
// whether id is there.
func (t *strRows) find(id string, h uint64) (int, bool) {
	mask := len(t.slots) - 1
	tag := uint32(h)
	for i := int(tag) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.row1 == 0 {
			return i, false
		}
		if s.tag == tag && int(s.n) == len(id) && string(t.arena[s.at:s.at+s.n]) == id {
			return i, true
		}
	}
}

// get returns the row of id.
func (t *strRows) get(id string) (int32, bool) {
	if t.used > 0 {
		if i, ok := t.find(id, t.hash(id)); ok {
			return t.slots[i].row1 - 1, true
		}
	}
	row, ok := t.over[id]
	return row, ok
}

// set holds row under id, room made for hint ids when the table is made.
func (t *strRows) set(id string, row int32, hint int) {
	if _, ok := t.over[id]; ok {
		t.over[id] = row
		return
	}
	if 2*(t.used+1) > len(t.slots) {
		t.rehash(max(2*len(t.slots), 2*hint, 16), max(2*len(t.arena), arenaGuess(hint, len(id))))
	}
	h := t.hash(id)
	i, ok := t.find(id, h)
	if ok {
		t.slots[i].row1 = row + 1
		return
	}
	if int64(len(t.arena))+int64(len(id)) > strArenaMax {
		if t.over == nil {
			t.over = map[string]int32{}
		}
		t.over[id] = row
		return
	}
	t.slots[i] = strSlot{row1: row + 1, tag: uint32(h), at: uint32(len(t.arena)), n: uint32(len(id))}
	if len(t.arena)+len(id) > cap(t.arena) {
		t.arena = slices.Grow(t.arena, max(len(id), cap(t.arena))) // doubles
	}
	t.arena = append(t.arena, id...)
	t.used++
}

// remove forgets id. The slots after it in its run move back where their
// ids' hashes allow, so that no run is broken (no tombstones).
func (t *strRows) remove(id string) {
	if _, ok := t.over[id]; ok {
		delete(t.over, id)
		return
	}
	if t.used == 0 {
		return
	}
	i, ok := t.find(id, t.hash(id))
	if !ok {
		return
	}
	t.dead += int(t.slots[i].n)
	t.used--
	mask := len(t.slots) - 1
	for j := (i + 1) & mask; t.slots[j].row1 != 0; j = (j + 1) & mask {
		// The slot at j may move to the hole at i when its home lies
		// cyclically outside (i, j].
		home := int(t.slots[j].tag) & mask
		if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
			t.slots[i] = t.slots[j]
			i = j
		}
	}
	t.slots[i] = strSlot{}
	if t.dead > len(t.arena)/2 && t.dead > 1<<16 {
		t.rehash(len(t.slots), len(t.arena)-t.dead) // the arena holds more removed ids than held ones
	}
}

// arenaGuess is the room made for hint ids like one of n bytes: n bytes
// each, but no more than 32 (one long id must not reserve gigabytes for
// the rest) nor past the arena's bound; the arena doubles past it.
func arenaGuess(hint, n int) int {
	return int(min(int64(hint)*int64(min(n, 32)), strArenaMax))
}

// rehash moves the ids into n slots (a power of two at least n) and an
// arena holding only them, with room for arenaCap bytes.
func (t *strRows) rehash(n, arenaCap int) {
	size := 16
	for size < n {
		size *= 2
	}
	if (t.seed == maphash.Seed{}) {
		t.seed = maphash.MakeSeed()
	}
	old, oldArena := t.slots, t.arena
	t.slots, t.arena, t.used, t.dead = make([]strSlot, size), make([]byte, 0, max(arenaCap, len(oldArena)-t.dead)), 0, 0
	mask := size - 1
	for _, s := range old {
		if s.row1 == 0 {
			continue
		}
		i := int(s.tag) & mask
		for t.slots[i].row1 != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = strSlot{row1: s.row1, tag: s.tag, at: uint32(len(t.arena)), n: s.n}
		t.arena = append(t.arena, oldArena[s.at:s.at+s.n]...)
		t.used++
	}
}
