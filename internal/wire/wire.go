// Package wire holds the binary encoding the library's tallies share, so
// that a tally can leave its process (a distributed engine's accumulator)
// and come back. A tally's encoding is a header, then its fields in order:
//
//	header   "SM" (2 bytes), format version (1 byte, now 1), kind (1 byte:
//	         which tally)
//	count    unsigned LEB128 varint (encoding/binary's Uvarint), at most 2^62
//	integer  signed zig-zag varint (encoding/binary's Varint)
//	string   count of bytes, then the bytes (UTF-8), at most MaxString
//
// A reader fails, once and for good, on the first thing that is not so: a
// wrong header, a varint cut short or too long, a count or string over its
// limit, bytes left after the last field.
package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Version is the format version written.
const Version = 1

// MaxCount is the largest count a reader takes: room to add four of them
// without overflowing an int64.
const MaxCount = 1 << 62

// MaxString is the longest string a reader takes, in bytes.
const MaxString = 4096

// ErrFormat reports bytes that are not an encoding of the tally asked for.
var ErrFormat = errors.New("not a valid encoding")

// AppendHeader appends the header of a tally of the given kind.
func AppendHeader(b []byte, kind byte) []byte { return append(b, 'S', 'M', Version, kind) }

// AppendCount appends a count (never negative).
func AppendCount(b []byte, n int64) []byte { return binary.AppendUvarint(b, uint64(n)) }

// AppendInt appends a signed integer.
func AppendInt(b []byte, n int64) []byte { return binary.AppendVarint(b, n) }

// AppendUint appends an unsigned integer.
func AppendUint(b []byte, n uint64) []byte { return binary.AppendUvarint(b, n) }

// AppendString appends a string.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Reader reads an encoding field by field. After its first failure every
// read returns a zero value and Err the failure.
type Reader struct {
	b   []byte
	err error
}

// NewReader returns a reader of b, which must start with the header of a
// tally of the given kind.
func NewReader(b []byte, kind byte) *Reader {
	r := &Reader{b: b}
	switch {
	case len(b) < 4 || b[0] != 'S' || b[1] != 'M':
		r.fail("no header")
	case b[2] != Version:
		r.fail(fmt.Sprintf("format version %d (this reads %d)", b[2], Version))
	case b[3] != kind:
		r.fail(fmt.Sprintf("a tally of kind %q, not %q", b[3], kind))
	default:
		r.b = b[4:]
	}
	return r
}

func (r *Reader) fail(why string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrFormat, why)
		r.b = nil
	}
}

// Uint reads an unsigned integer.
func (r *Reader) Uint() uint64 { return read(r, binary.Uvarint, "an unsigned varint") }

// Int reads a signed integer.
func (r *Reader) Int() int64 { return read(r, binary.Varint, "a varint") }

// read reads one varint with decode, which returns it and its length (0 or
// less when cut short or too long).
func read[T uint64 | int64](r *Reader, decode func([]byte) (T, int), what string) T {
	if r.err != nil {
		return 0
	}
	v, n := decode(r.b)
	if n <= 0 {
		r.fail(what + " cut short or too long")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Count reads a count, failing above MaxCount.
func (r *Reader) Count() int64 {
	v := r.Uint()
	if v > MaxCount {
		r.fail(fmt.Sprintf("count %d over %d", v, uint64(MaxCount)))
		return 0
	}
	return int64(v)
}

// String reads a string, failing above MaxString bytes.
func (r *Reader) String() string {
	n := r.Uint()
	if r.err != nil {
		return ""
	}
	if n > MaxString || n > uint64(len(r.b)) {
		r.fail(fmt.Sprintf("a string of %d bytes (at most %d, %d left)", n, MaxString, len(r.b)))
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// Fail makes the reader fail with why (for a field the caller finds
// invalid), unless it failed already.
func (r *Reader) Fail(why string) { r.fail(why) }

// Err reports the reader's failure so far.
func (r *Reader) Err() error { return r.err }

// Left returns how many bytes are left to read.
func (r *Reader) Left() int { return len(r.b) }

// End reports the reader's failure, or bytes left after the last field.
func (r *Reader) End() error {
	if r.err == nil && len(r.b) > 0 {
		r.fail(fmt.Sprintf("%d bytes after the last field", len(r.b)))
	}
	return r.err
}

// AppendInts appends integers as a set without order: their count, then
// sorted, the first and each one's difference from the one before (so that
// one multiset always has one encoding, and close values take a byte or
// two). xs is not modified.
func AppendInts(b []byte, xs []int64) []byte {
	s := slices.Clone(xs)
	slices.Sort(s)
	b = AppendCount(b, int64(len(s)))
	for i, v := range s {
		if i == 0 {
			b = AppendInt(b, v)
		} else {
			b = AppendUint(b, uint64(v)-uint64(s[i-1]))
		}
	}
	return b
}

// Ints reads integers AppendInts wrote, in ascending order.
func (r *Reader) Ints() []int64 {
	n := r.Count()
	if r.err != nil || n == 0 {
		return nil
	}
	if n > int64(len(r.b)) { // each takes a byte at least
		r.fail(fmt.Sprintf("%d integers in %d bytes", n, len(r.b)))
		return nil
	}
	xs := make([]int64, n)
	xs[0] = r.Int()
	for i := 1; i < len(xs); i++ {
		// The sum wraps past the largest int64 exactly when it comes out
		// below the one before.
		v := int64(uint64(xs[i-1]) + r.Uint())
		if v < xs[i-1] {
			r.fail("integers out of order")
			return nil
		}
		xs[i] = v
	}
	if r.err != nil {
		return nil
	}
	return xs
}

// AppendFloats appends non-negative floats as a set without order: their
// count, then, sorted, the bits of the first and each one's bits less the
// one before's (the bits of non-negative floats order as the floats do).
// xs is not modified; a negative float or NaN in it is the caller's error.
func AppendFloats(b []byte, xs []float64) []byte {
	bits := make([]int64, len(xs))
	for i, x := range xs {
		bits[i] = int64(math.Float64bits(x + 0)) // −0 as 0
	}
	return AppendInts(b, bits)
}

// Floats reads floats AppendFloats wrote, in ascending order, failing for
// a negative, infinite or NaN one.
func (r *Reader) Floats() []float64 {
	bits := r.Ints()
	if r.err != nil || len(bits) == 0 {
		return nil
	}
	xs := make([]float64, len(bits))
	for i, b := range bits {
		x := math.Float64frombits(uint64(b))
		if b < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
			r.fail(fmt.Sprintf("float %v", x))
			return nil
		}
		xs[i] = x
	}
	return xs
}
