// Package traveltest checks, for the tests of the packages whose tallies
// encode themselves, that a tally travels: cut into parts, encoded,
// decoded and merged in any order, it is the tally of the whole.
package traveltest

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Tally is a tally that encodes itself and merges.
type Tally[T any] interface {
	*T
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
	Merge(*T)
}

// Check adds every add to one tally (made by fresh) and, cut into 1, 2 and
// 7 parts, to tallies that are encoded, decoded and merged in a random
// order: the merge must encode to the whole's bytes and give its result.
// Cuts of the whole's encoding (every one of a short encoding, 64 at
// random of a long one), a byte more, and another tally's header must fail
// with an error wrapping invalid and leave the tally as it was.
func Check[T any, P Tally[T]](t *testing.T, rng *rand.Rand, fresh func() P, adds []func(P), result func(P) any, invalid error, opts ...cmp.Option) {
	t.Helper()
	whole := fresh()
	for _, add := range adds {
		add(whole)
	}
	want, err := whole.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for _, parts := range []int{1, 2, 7} {
		merged := fresh()
		for _, k := range rng.Perm(parts) {
			part := fresh()
			for i := k; i < len(adds); i += parts {
				adds[i](part)
			}
			b, err := part.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			back := fresh()
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatalf("%d parts, part %d: %v", parts, k, err)
			}
			merged.Merge(back)
		}
		if got, _ := merged.MarshalBinary(); !bytes.Equal(got, want) {
			t.Fatalf("%d adds in %d parts: %x, want %x", len(adds), parts, got, want)
		}
		if diff := cmp.Diff(result(whole), result(merged), opts...); diff != "" {
			t.Fatalf("%d adds in %d parts (-whole +merged):\n%s", len(adds), parts, diff)
		}
	}
	bad := [][]byte{append(append([]byte{}, want...), 0), append([]byte{'S', 'M', 1, '?'}, want[4:]...), append([]byte{'S', 'M', 9}, want[3:]...)}
	for i := range len(want) {
		if len(want) <= 64 || rng.IntN(len(want)) < 64 {
			bad = append(bad, want[:i])
		}
	}
	for _, b := range bad {
		got := fresh()
		if err := got.UnmarshalBinary(want); err != nil {
			t.Fatal(err)
		}
		if err := got.UnmarshalBinary(b); !errors.Is(err, invalid) {
			t.Fatalf("%x: %v, want an error wrapping %v", b, err, invalid)
		}
		if after, _ := got.MarshalBinary(); !bytes.Equal(after, want) {
			t.Fatalf("%x: a failed decoding changed the tally", b)
		}
	}
}

// Fuzz decodes data, and data behind the header of kind, into fresh
// tallies: an error must wrap invalid; what decodes must encode again to
// bytes that decode to the same tally, merge, and give a result (result
// reports an error only where the result is undefined).
func Fuzz[T any, P Tally[T]](t *testing.T, data []byte, kind byte, fresh func() P, result func(P) error, invalid error) {
	t.Helper()
	for _, b := range [][]byte{data, append([]byte{'S', 'M', 1, kind}, data...)} {
		a := fresh()
		if err := a.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, invalid) {
				t.Fatalf("error %v does not wrap %v", err, invalid)
			}
			continue
		}
		b1, _ := a.MarshalBinary()
		c := fresh()
		if err := c.UnmarshalBinary(b1); err != nil {
			t.Fatalf("re-encoding %x does not decode: %v", b1, err)
		}
		if b2, _ := c.MarshalBinary(); !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding unstable: %x, %x", b1, b2)
		}
		a.Merge(c)
		if err := result(a); err != nil {
			t.Fatalf("result: %v", err)
		}
	}
}
