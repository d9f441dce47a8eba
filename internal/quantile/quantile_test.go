package quantile

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
)

// refTol is the tolerance against NumPy where the value is not a sample
// value: 1e-12 of the sample's largest magnitude. NumPy computes the rank as
// n·q − q and switches formula at f = 0.5, so the two differ by rounding.
const refTol = 1e-12

// reference is testdata/reference.json, written by testdata/reference.py from
// numpy.quantile(x, q, method="linear").
type reference struct {
	Generator string             `json:"generator"`
	Float64   []refCase[float64] `json:"float64"`
	Int64     []refCase[int64]   `json:"int64"`
}

type refCase[E float64 | int64] struct {
	Name    string `json:"name"`
	Sample  []E    `json:"sample"`
	Results []struct {
		Q     float64 `json:"q"`
		Want  float64 `json:"want"`
		Exact bool    `json:"exact"` // the value is a sample value: compare bit for bit
	} `json:"results"`
}

func loadReference(t *testing.T) reference {
	t.Helper()
	data, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Float64) == 0 || len(ref.Int64) == 0 {
		t.Fatal("testdata/reference.json holds no cases")
	}
	return ref
}

// scale is the largest magnitude in an ascending sample.
func scale[E float64 | int64](sorted []E) float64 {
	return max(math.Abs(float64(sorted[0])), math.Abs(float64(sorted[len(sorted)-1])))
}

// agrees reports whether got matches want: bit for bit if exact, else within
// refTol of scale.
func agrees(got, want, scale float64, exact bool) bool {
	if exact {
		return got == want
	}
	return math.Abs(got-want) <= refTol*scale
}

func TestType7Reference(t *testing.T) {
	t.Parallel()
	ref := loadReference(t)
	for _, tc := range ref.Float64 {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			for _, r := range tc.Results {
				got := Type7(tc.Sample, r.Q)
				if !agrees(got, r.Want, scale(tc.Sample), r.Exact) {
					t.Errorf("Type7(%v, %v) = %v, want %v (exact %v)", tc.Sample, r.Q, got, r.Want, r.Exact)
				}
				if r.Q == 0.5 {
					if got := Median(tc.Sample); !agrees(got, r.Want, scale(tc.Sample), r.Exact) {
						t.Errorf("Median(%v) = %v, want %v (exact %v)", tc.Sample, got, r.Want, r.Exact)
					}
				}
			}
		})
	}
}

func TestType7Int64Reference(t *testing.T) {
	t.Parallel()
	ref := loadReference(t)
	for _, tc := range ref.Int64 {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			for _, r := range tc.Results {
				got := Type7Int64(tc.Sample, r.Q)
				if !agrees(got, r.Want, scale(tc.Sample), r.Exact) {
					t.Errorf("Type7Int64(%v, %v) = %v, want %v (exact %v)", tc.Sample, r.Q, got, r.Want, r.Exact)
				}
			}
		})
	}
}

// TestType7Hand checks cases worked by hand; h = (n−1)·q throughout, and
// x[i] is the sample indexed from 0.
func TestType7Hand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sorted []float64
		q      float64
		want   float64
		exact  bool
	}{
		// h = 3·0.5 = 1.5: 2 + 0.5·(3 − 2) = 2.5, the mean of the middle two.
		{"median of 1..4", []float64{1, 2, 3, 4}, 0.5, 2.5, true},
		// h = 2·0.5 = 1: x[1] = 2.
		{"median of 1..3", []float64{1, 2, 3}, 0.5, 2, true},
		// h = 9·0.9 = 8.1: 9 + 0.1·(10 − 9) = 9.1.
		{"P90 of 1..10", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9, 9.1, false},
		// h = 9·0.25 = 2.25: 3 + 0.25·(4 − 3) = 3.25.
		{"P25 of 1..10", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.25, 3.25, true},
		// Microsoft's PERCENTILE.INC page: =PERCENTILE.INC({1,3,2,4}, 0.3) is 1.9.
		// h = 3·0.3 = 0.9: 1 + 0.9·(2 − 1) = 1.9.
		{"PERCENTILE.INC example", []float64{1, 2, 3, 4}, 0.3, 1.9, false},
		// h = 4·0.4 = 1.6: 20 + 0.6·(35 − 20) = 29.
		{"P40 of five", []float64{15, 20, 35, 40, 50}, 0.4, 29, false},
		// h = 2·0.1 = 0.2: 10 + 0.2·(20 − 10) = 12.
		{"P10 of three", []float64{10, 20, 30}, 0.1, 12, false},
		// h = 3·0.9 = 2.7: −2 + 0.7·(−1 − (−2)) = −1.3.
		{"P90 negative", []float64{-4, -3, -2, -1}, 0.9, -1.3, false},
		// h = 3·0.25 = 0.75 between the tied 1s: exactly 1.
		{"between ties", []float64{1, 1, 2, 2}, 0.25, 1, true},
		// One value is every quantile.
		{"one value", []float64{5}, 0.37, 5, true},
		// −0 is within [0, 1]: h = 0, x[0].
		{"q negative zero", []float64{7, 8}, math.Copysign(0, -1), 7, true},
		// h = 1·0.5: −M + 0.5·(M − (−M)) would overflow in b − a;
		// 0.5·(−M) + 0.5·M = 0 exactly.
		{"median across the float range", []float64{-math.MaxFloat64, math.MaxFloat64}, 0.5, 0, true},
		// h = 0.25: 0.75·(−M) + 0.25·M = −M/2.
		{"P25 across the float range", []float64{-math.MaxFloat64, math.MaxFloat64}, 0.25, -math.MaxFloat64 / 2, false},
		// h = 0.5 between −Inf and 0: towards an infinity gives it.
		{"towards -Inf", []float64{math.Inf(-1), 0}, 0.5, math.Inf(-1), true},
		{"towards +Inf", []float64{0, math.Inf(1)}, 0.5, math.Inf(1), true},
		{"between tied +Inf", []float64{math.Inf(1), math.Inf(1)}, 0.5, math.Inf(1), true},
		{"q = 0 of -Inf..+Inf", []float64{math.Inf(-1), math.Inf(1)}, 0, math.Inf(-1), true},
		{"q = 1 of -Inf..+Inf", []float64{math.Inf(-1), math.Inf(1)}, 1, math.Inf(1), true},
		// h = 1·0.5 between −1e15 and 1e15 + 2: −1e15 + 0.5·(2e15 + 2) = 1.
		{"median across zero, large", []float64{-1e15, 1e15 + 2}, 0.5, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Type7(tc.sorted, tc.q)
			if tc.exact && got != tc.want || !tc.exact && math.Abs(got-tc.want) > refTol*scale(tc.sorted) {
				t.Errorf("Type7(%v, %v) = %v, want %v", tc.sorted, tc.q, got, tc.want)
			}
		})
	}

	// Between −Inf and +Inf there is no number to interpolate: documented NaN.
	if got := Type7([]float64{math.Inf(-1), math.Inf(1)}, 0.5); !math.IsNaN(got) {
		t.Errorf("Type7([-Inf +Inf], 0.5) = %v, want NaN", got)
	}
}

// TestType7Int64Hand checks integer cases worked by hand.
func TestType7Int64Hand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sorted []int64
		q      float64
		want   float64
		exact  bool
	}{
		// Durations in seconds; h = 3·0.9 = 2.7: 90 + 0.7·(3600 − 90) = 2547.
		{"P90 durations", []int64{30, 45, 90, 3600}, 0.9, 2547, false},
		// h = 3·0.5 = 1.5: 45 + 0.5·(90 − 45) = 67.5.
		{"median durations", []int64{30, 45, 90, 3600}, 0.5, 67.5, true},
		// h = 2·0.75 = 1.5: −2 + 0.5·(5 − (−2)) = 1.5.
		{"P75 negative", []int64{-7, -2, 5}, 0.75, 1.5, true},
		// Beyond 2^53 precision goes, as documented: 2^62 + 1 converts to 2^62,
		// so the median is 2^62, not the true 2^62 + 0.5.
		{"beyond 2^53", []int64{1 << 62, 1<<62 + 1}, 0.5, 1 << 62, true},
		// float64(MinInt64) = −2^63 and float64(MaxInt64) = 2^63, whose mean is 0
		// (the true median is −0.5).
		{"int64 range", []int64{math.MinInt64, math.MaxInt64}, 0.5, 0, true},
		// h = 1·1: x[1], exactly.
		{"q = 1", []int64{math.MinInt64, 1<<53 - 1}, 1, 1<<53 - 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Type7Int64(tc.sorted, tc.q)
			if tc.exact && got != tc.want || !tc.exact && math.Abs(got-tc.want) > refTol*scale(tc.sorted) {
				t.Errorf("Type7Int64(%v, %v) = %v, want %v", tc.sorted, tc.q, got, tc.want)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		sorted []float64
		want   float64
	}{
		{"odd count: the middle value", []float64{-1, 4, 9}, 4},
		// (2 + 3)/2 = 2.5.
		{"even count: mean of the middle two", []float64{1, 2, 3, 4}, 2.5},
		// (3 + 8)/2 = 5.5.
		{"even count, uneven gap", []float64{1, 3, 8, 100}, 5.5},
		{"one value", []float64{0.25}, 0.25},
		{"ties", []float64{2, 2, 2, 2}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Median(tc.sorted); got != tc.want {
				t.Errorf("Median(%v) = %v, want %v", tc.sorted, got, tc.want)
			}
		})
	}
}

// TestType7Monotone sweeps q over a fine grid and the float neighbours of
// every whole rank k/(n−1) of the reference samples, where rounding in h and
// in the interpolation could otherwise make the result step back.
func TestType7Monotone(t *testing.T) {
	t.Parallel()
	ref := loadReference(t)
	for _, tc := range ref.Float64 {
		xs := tc.Sample
		n := len(xs)
		var qs []float64
		for i := range 1025 {
			qs = append(qs, float64(i)/1024)
		}
		for k := 1; k < n-1; k++ {
			r := float64(k) / float64(n-1)
			qs = append(qs, math.Nextafter(r, 0), r, math.Nextafter(r, 1))
		}
		slices.Sort(qs)
		prev := math.Inf(-1)
		for _, q := range qs {
			got := Type7(xs, q)
			if got < prev || got < xs[0] || got > xs[n-1] {
				t.Errorf("%s: Type7(_, %v) = %v after %v; range [%v, %v]", tc.Name, q, got, prev, xs[0], xs[n-1])
			}
			prev = got
		}
	}
}

func TestPanics(t *testing.T) {
	t.Parallel()
	mustPanic := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		f()
	}
	xs := []float64{1, 2, 3}
	is := []int64{1, 2, 3}
	mustPanic("Type7(nil, 0.5)", func() { Type7(nil, 0.5) })
	mustPanic("Type7([], 0.5)", func() { Type7([]float64{}, 0.5) })
	mustPanic("Type7Int64(nil, 0.5)", func() { Type7Int64(nil, 0.5) })
	mustPanic("Median(nil)", func() { Median(nil) })
	for _, q := range []float64{-0.1, 1.1, math.Nextafter(1, 2), math.Nextafter(0, -1), math.NaN(), math.Inf(1), math.Inf(-1)} {
		mustPanic("Type7(_, q)", func() { Type7(xs, q) })
		mustPanic("Type7Int64(_, q)", func() { Type7Int64(is, q) })
	}
}

func TestNoAllocs(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5}
	is := []int64{1, 2, 3, 4, 5}
	var sink float64
	if n := testing.AllocsPerRun(100, func() {
		sink += Type7(xs, 0.9) + Type7Int64(is, 0.9) + Median(xs)
	}); n != 0 {
		t.Errorf("allocations per run = %v, want 0", n)
	}
	_ = sink
}
