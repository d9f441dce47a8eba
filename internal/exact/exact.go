// Package exact holds money the fast way without giving up exactness: a
// column of decimals kept as int64 units at one scale, with a decimal
// fallback for values that do not fit, and a 128-bit summer over such units.
package exact

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/wire"
)

// MaxScale is the largest scale a Column keeps in int64 units. A value with
// more decimal places is kept as a decimal.
const MaxScale = 12

// Marker in Units says the row's value is kept as a decimal (see Column.Big).
const Marker = math.MinInt64

var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Column is a column of decimals: row i is Units[i] × 10^−Scale, or, when
// Units[i] is Marker, Big[i]. Appending a value with more decimal places than
// the column has raises the scale of every row once (at most MaxScale times
// over a column's life).
type Column struct {
	Scale int32
	Units []int64
	Big   map[int]decimal.Decimal
}

// Append adds d as the next row.
func (c *Column) Append(d decimal.Decimal) {
	row := len(c.Units)
	places := -d.Exponent()
	if places > c.Scale && places <= MaxScale {
		c.rescale(places)
	}
	if u, ok := units(d, c.Scale); ok {
		c.Units = append(c.Units, u)
		return
	}
	c.Units = append(c.Units, Marker)
	if c.Big == nil {
		c.Big = make(map[int]decimal.Decimal)
	}
	c.Big[row] = d
}

// Set replaces row i with d, raising the column's scale as Append does.
func (c *Column) Set(i int, d decimal.Decimal) {
	places := -d.Exponent()
	if places > c.Scale && places <= MaxScale {
		c.rescale(places)
	}
	if u, ok := units(d, c.Scale); ok {
		c.Units[i] = u
		delete(c.Big, i)
		return
	}
	c.Units[i] = Marker
	if c.Big == nil {
		c.Big = make(map[int]decimal.Decimal)
	}
	c.Big[i] = d
}

// units returns d × 10^scale as an int64 when that is exact and fits.
func units(d decimal.Decimal, scale int32) (int64, bool) {
	shift := scale + d.Exponent() // how many zeros to append to the coefficient
	if shift < 0 || shift > 18 || d.NumDigits() > 18 {
		return 0, false
	}
	c := d.CoefficientInt64()
	m := pow10[shift]
	hi, lo := bits.Mul64(uint64(abs(c)), uint64(m))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func (c *Column) rescale(to int32) {
	m := pow10[to-c.Scale]
	for i, u := range c.Units {
		if u == Marker {
			continue
		}
		hi, lo := bits.Mul64(uint64(abs(u)), uint64(m))
		if hi != 0 || lo > math.MaxInt64 {
			if c.Big == nil {
				c.Big = make(map[int]decimal.Decimal)
			}
			c.Big[i] = decimal.New(u, -c.Scale)
			c.Units[i] = Marker
			continue
		}
		v := int64(lo)
		if u < 0 {
			v = -v
		}
		c.Units[i] = v
	}
	c.Scale = to
}

// At returns row i as a decimal.
func (c *Column) At(i int) decimal.Decimal {
	if u := c.Units[i]; u != Marker {
		return decimal.New(u, -c.Scale)
	}
	return c.Big[i]
}

// Add adds row i to s, which must be at the column's scale.
func (c *Column) Add(s *Sum, i int) {
	if u := c.Units[i]; u != Marker {
		s.Add(u)
		return
	}
	s.AddDecimal(c.Big[i])
}

// Sum is an exact sum of int64 units at a scale, held in 128 bits (2^64
// additions of the largest int64 cannot overflow it), plus a decimal for
// values that came as decimals. The zero Sum is 0 at scale 0; use NewSum for
// another scale.
type Sum struct {
	scale  int32
	hi     int64
	lo     uint64
	extra  decimal.Decimal
	nExtra int
}

// NewSum returns a zero sum of units at scale.
func NewSum(scale int32) Sum { return Sum{scale: scale} }

// Add adds u units.
func (s *Sum) Add(u int64) {
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, uint64(u), 0)
	s.hi += int64(carry) + (u >> 63)
}

// AddDecimal adds a value that does not fit the units.
func (s *Sum) AddDecimal(d decimal.Decimal) {
	s.extra = s.extra.Add(d)
	s.nExtra++
}

// AddUnits adds u units at scale: to the units when the sum is at that
// scale, else as a decimal.
func (s *Sum) AddUnits(u int64, scale int32) {
	if scale == s.scale {
		s.Add(u)
		return
	}
	s.AddDecimal(decimal.New(u, -scale))
}

// AddValue adds d: as units at the sum's scale when that is exact and
// fits an int64 (no allocation), else as a decimal.
func (s *Sum) AddValue(d decimal.Decimal) {
	if u, ok := units(d, s.scale); ok {
		s.Add(u)
		return
	}
	s.AddDecimal(d)
}

// Merge adds o to s. Sums at different scales merge through decimals.
func (s *Sum) Merge(o *Sum) {
	if o.scale != s.scale {
		s.AddDecimal(o.Decimal())
		return
	}
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, o.lo, 0)
	s.hi += o.hi + int64(carry)
	if o.nExtra > 0 {
		s.extra = s.extra.Add(o.extra)
		s.nExtra += o.nExtra
	}
}

// IsZero reports whether the sum is exactly zero.
func (s *Sum) IsZero() bool {
	return s.hi == 0 && s.lo == 0 && (s.nExtra == 0 || s.extra.IsZero())
}

// Units returns the sum in units at its scale when it fits an int64 and no
// decimal was added.
func (s *Sum) Units() (int64, bool) {
	if s.nExtra > 0 {
		return 0, false
	}
	return s.unitsOnly()
}

// Decimal returns the exact sum.
func (s *Sum) Decimal() decimal.Decimal {
	var v decimal.Decimal
	if u, ok := s.unitsOnly(); ok {
		v = decimal.New(u, -s.scale)
	} else {
		b := new(big.Int).SetInt64(s.hi)
		b.Lsh(b, 64)
		b.Add(b, new(big.Int).SetUint64(s.lo))
		v = decimal.NewFromBigInt(b, -s.scale)
	}
	if s.nExtra > 0 {
		v = v.Add(s.extra)
	}
	return v
}

// AppendBinary appends s in the wire format: scale, the 128-bit units
// (high word signed, low word unsigned), how many decimals were added and,
// when some were, their sum as text.
func (s *Sum) AppendBinary(b []byte) []byte {
	b = wire.AppendInt(b, int64(s.scale))
	b = wire.AppendInt(b, s.hi)
	b = wire.AppendUint(b, s.lo)
	b = wire.AppendCount(b, int64(s.nExtra))
	if s.nExtra > 0 {
		b = wire.AppendString(b, s.extra.String())
	}
	return b
}

// maxExponent bounds the exponent of a decoded sum of decimals, so that
// no encoding can make its arithmetic build numbers of millions of digits.
const maxExponent = 1000

// ReadSum reads a Sum AppendBinary wrote; a scale outside 0..MaxScale or
// decimals that do not parse fail r.
func ReadSum(r *wire.Reader) Sum {
	var s Sum
	scale := r.Int()
	if scale < 0 || scale > MaxScale {
		r.Fail(fmt.Sprintf("sum at scale %d (0 to %d)", scale, MaxScale))
		return Sum{}
	}
	s.scale = int32(scale)
	s.hi = r.Int()
	s.lo = r.Uint()
	n := r.Count()
	if n > 0 {
		text := r.String()
		d, err := decimal.NewFromString(text)
		if err != nil || len(text) == 0 || d.Exponent() < -maxExponent || d.Exponent() > maxExponent {
			r.Fail(fmt.Sprintf("sum of decimals %q", text))
			return Sum{}
		}
		s.extra, s.nExtra = d, int(n)
	}
	return s
}

func (s *Sum) unitsOnly() (int64, bool) {
	if (s.hi == 0 && s.lo <= math.MaxInt64) || (s.hi == -1 && s.lo > math.MaxInt64) {
		return int64(s.lo), true
	}
	return 0, false
}
