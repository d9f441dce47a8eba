package exact

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

func TestColumnRescaleAndFallback(t *testing.T) {
	var c Column
	in := []string{"12", "0.5", "-3.25", "123456789012345678901234", "0.0000000000001", "7.125"}
	for _, s := range in {
		c.Append(decimal.RequireFromString(s))
	}
	// The widest value that fits has 3 places ("7.125"); 1e-13 has more than
	// MaxScale places and the 24-digit value does not fit an int64, so both are
	// kept as decimals.
	if c.Scale != 3 {
		t.Errorf("Scale = %d, want 3", c.Scale)
	}
	want := []int64{12000, 500, -3250, Marker, Marker, 7125}
	for i, w := range want {
		if c.Units[i] != w {
			t.Errorf("Units[%d] = %d, want %d", i, c.Units[i], w)
		}
		if got := c.At(i); !got.Equal(decimal.RequireFromString(in[i])) {
			t.Errorf("At(%d) = %s, want %s", i, got, in[i])
		}
	}
	s := NewSum(c.Scale)
	for i := range c.Units {
		c.Add(&s, i)
	}
	// 12 + 0.5 − 3.25 + 123456789012345678901234 + 0.0000000000001 + 7.125
	// = 123456789012345678901250.3750000000001
	if got, want := s.Decimal(), decimal.RequireFromString("123456789012345678901250.3750000000001"); !got.Equal(want) {
		t.Errorf("sum = %s, want %s", got, want)
	}
	if _, ok := s.Units(); ok {
		t.Error("Units() ok with decimals added, want false")
	}
}

func TestRescaleOverflowFallsBack(t *testing.T) {
	var c Column
	c.Append(decimal.New(math.MaxInt64/10, 0)) // 922337203685477580 fits at scale 0
	c.Append(decimal.RequireFromString("0.01"))
	// At scale 2 the first row would be 92233720368547758000 > MaxInt64.
	if c.Units[0] != Marker || c.Units[1] != 1 || c.Scale != 2 {
		t.Fatalf("Units = %v at scale %d, want [Marker 1] at 2", c.Units, c.Scale)
	}
	if got := c.At(0); !got.Equal(decimal.New(math.MaxInt64/10, 0)) {
		t.Errorf("At(0) = %s", got)
	}
}

func TestSum128(t *testing.T) {
	s := NewSum(2)
	s.Add(math.MaxInt64)
	s.Add(math.MaxInt64)
	s.Add(1)
	// (2^63 − 1) × 2 + 1 = 2^64 − 1 = 18446744073709551615 units of 0.01.
	if got, want := s.Decimal(), decimal.RequireFromString("184467440737095516.15"); !got.Equal(want) {
		t.Errorf("sum = %s, want %s", got, want)
	}
	if _, ok := s.Units(); ok {
		t.Error("Units() ok past MaxInt64")
	}
	s.Add(math.MinInt64)
	s.Add(math.MinInt64)
	s.Add(-5)
	// 2^64 − 1 − 2^64 − 5 = −6
	if u, ok := s.Units(); !ok || u != -6 {
		t.Errorf("Units() = %d, %v, want -6, true", u, ok)
	}
	var a, b Sum
	a.Add(-7)
	b.Add(3)
	b.AddDecimal(decimal.RequireFromString("0.5"))
	a.Merge(&b)
	// −7 + 3 + 0.5 = −3.5
	if got := a.Decimal(); !got.Equal(decimal.RequireFromString("-3.5")) {
		t.Errorf("merged = %s, want -3.5", got)
	}
	c := NewSum(3)
	c.Add(1500) // 1.5
	a.Merge(&c)
	// −3.5 + 1.5 = −2
	if got := a.Decimal(); !got.Equal(decimal.NewFromInt(-2)) {
		t.Errorf("merged across scales = %s, want -2", got)
	}
}

func FuzzSumMatchesDecimal(f *testing.F) {
	f.Add(int64(1), int64(-2), int64(math.MaxInt64), "1.25")
	f.Fuzz(func(t *testing.T, a, b, c int64, d string) {
		x, err := decimal.NewFromString(d)
		if err != nil || x.Exponent() < -30 || x.Exponent() > 30 {
			return
		}
		var col Column
		for _, v := range []decimal.Decimal{decimal.NewFromInt(a), decimal.NewFromInt(b), decimal.NewFromInt(c), x} {
			col.Append(v)
		}
		s := NewSum(col.Scale)
		for i := range col.Units {
			col.Add(&s, i)
		}
		want := decimal.NewFromInt(a).Add(decimal.NewFromInt(b)).Add(decimal.NewFromInt(c)).Add(x)
		if got := s.Decimal(); !got.Equal(want) {
			t.Fatalf("sum = %s, want %s", got, want)
		}
		// Units at the sum's scale and at another.
		u := NewSum(4)
		u.AddUnits(a, 4)
		u.AddUnits(b, 2)
		if got, want := u.Decimal(), decimal.New(a, -4).Add(decimal.New(b, -2)); !got.Equal(want) {
			t.Fatalf("AddUnits: %s, want %s", got, want)
		}
		// The same values added one by one, at scales 0, 4 and 18: as
		// units where they fit, as decimals where not.
		for _, scale := range []int32{0, 4, 18} {
			v := NewSum(scale)
			for _, d := range []decimal.Decimal{decimal.NewFromInt(a), x, decimal.NewFromInt(b), decimal.NewFromInt(c)} {
				v.AddValue(d)
			}
			if got := v.Decimal(); !got.Equal(want) {
				t.Fatalf("AddValue at scale %d: %s, want %s", scale, got, want)
			}
		}
	})
}

func BenchmarkSumColumn(b *testing.B) {
	var c Column
	for i := range 1_000_000 {
		c.Append(decimal.New(int64(i*37%100000), -2))
	}
	b.ReportAllocs()
	for b.Loop() {
		s := NewSum(c.Scale)
		for i := range c.Units {
			c.Add(&s, i)
		}
		_ = s
	}
}
