package activitytest

import (
	"slices"
	"testing"
	"time"
)

func TestAmountKnots(t *testing.T) {
	for i := 1; i < len(amountKnots); i++ {
		if amountKnots[i] <= amountKnots[i-1] {
			t.Fatalf("amountKnots[%d] = %d, not above the one before", i, amountKnots[i])
		}
	}
	// The median of the lognormal is exp(0) = 1: halfway between the two
	// middle knots, at the quantiles 63.5/128 and 64.5/128, within 1%.
	if mid := amountAt(sizeSteps / 2); mid < 990_000 || mid > 1_010_000 {
		t.Errorf("amountAt(middle) = %d millionths, want about 1,000,000", mid)
	}
	if lo, hi := amountAt(0), amountAt(sizeSteps-1); lo != amountKnots[0] || hi >= amountKnots[len(amountKnots)-1] {
		t.Errorf("amountAt ends = %d, %d; want %d and below %d", lo, hi, amountKnots[0], amountKnots[len(amountKnots)-1])
	}
}

func TestInt63n(t *testing.T) {
	r := newRNG(1, streamDeals)
	// 60,000 draws from 6 values: each count is binomial with mean 10,000
	// and standard deviation 91; 5 standard deviations is 456.
	var counts [6]int
	for range 60_000 {
		v := r.int63n(6)
		if v < 0 || v >= 6 {
			t.Fatalf("int63n(6) = %d", v)
		}
		counts[v]++
	}
	for v, c := range counts {
		if c < 10_000-456 || c > 10_000+456 {
			t.Errorf("int63n(6) gave %d %d times in 60,000, want about 10,000", v, c)
		}
	}
	if v := r.int63n(1); v != 0 {
		t.Errorf("int63n(1) = %d, want 0", v)
	}
}

func TestAddMonths(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 9, 30, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		t    time.Time
		n    int
		want time.Time
	}{
		{"plain", d(2024, time.January, 1), 24, d(2026, time.January, 1)},
		{"31 January to leap February", d(2024, time.January, 31), 1, d(2024, time.February, 29)},
		{"31 January to April", d(2024, time.January, 31), 3, d(2024, time.April, 30)},
		{"across a year", d(2023, time.November, 15), 3, d(2024, time.February, 15)},
	} {
		if got := addMonths(tc.t, tc.n); !got.Equal(tc.want) {
			t.Errorf("%s: addMonths(%v, %d) = %v, want %v", tc.name, tc.t, tc.n, got, tc.want)
		}
	}
}

func TestNumbered(t *testing.T) {
	for _, tc := range []struct {
		prefix string
		width  int
		n      int
		want   []string
	}{
		{"D-", 5, 3, []string{"D-00001", "D-00002", "D-00003"}},
		{"rep-", 2, 0, []string{}},
		{"t-", 1, 10, []string{"t-01", "t-02", "t-03", "t-04", "t-05", "t-06", "t-07", "t-08", "t-09", "t-10"}},
	} {
		if got := numbered(tc.prefix, tc.width, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("numbered(%q, %d, %d) = %q, want %q", tc.prefix, tc.width, tc.n, got, tc.want)
		}
	}
}
