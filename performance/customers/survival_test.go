package customers

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

// kmRef is testdata/survival_ref.json, written by testdata/survival_ref.R
// with R's survival package (survfit, summary.survfit).
type kmRef struct {
	RVersion        string `json:"r_version"`
	SurvivalVersion string `json:"survival_version"`
	Datasets        []struct {
		Name   string    `json:"name"`
		Days   []float64 `json:"days"`
		Ended  []bool    `json:"ended"`
		AtTime []float64 `json:"at_time"`
		AtSurv []float64 `json:"at_surv"`
		Fits   []struct {
			ConfType string     `json:"conf_type"`
			ConfInt  float64    `json:"conf_int"`
			Time     []float64  `json:"time"`
			NRisk    []int      `json:"n_risk"`
			NEvent   []int      `json:"n_event"`
			NCensor  []int      `json:"n_censor"`
			Surv     []float64  `json:"surv"`
			StdErr   []*float64 `json:"std_err"` // null where S is 0
			Lower    []*float64 `json:"lower"`
			Upper    []*float64 `json:"upper"`
			Median   *float64   `json:"median"` // null: not reached
			LCL      *float64   `json:"lcl"`
			UCL      *float64   `json:"ucl"`
		} `json:"fits"`
	} `json:"datasets"`
}

// kmRelTol is the tolerance of the comparison with R: relative, with an
// absolute floor of 1e-15 for values near 0 (a plain lower bound cut to 0,
// an upper bound of 1 − 1e-17). Both compute the same formulas in float64;
// the differences are the order of the rounding, and R's qnorm against
// math.Erfinv for z, a few ulps.
const kmRelTol = 1e-12

func kmClose(got, want float64) bool {
	return math.Abs(got-want) <= kmRelTol*math.Abs(want) || math.Abs(got-want) <= 1e-15
}

func TestSurvivalAgainstR(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/survival_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref kmRef
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Datasets) == 0 {
		t.Fatal("no datasets in testdata/survival_ref.json")
	}
	transforms := map[string]CITransform{"log": LogCI, "log-log": LogLogCI, "plain": PlainCI}
	var maxAbs, maxRel float64
	for _, ds := range ref.Datasets {
		var tally SurvivalTally
		for i, d := range ds.Days {
			if err := tally.Add(d, ds.Ended[i]); err != nil {
				t.Fatalf("%s: Add(%v, %v): %v", ds.Name, d, ds.Ended[i], err)
			}
		}
		for _, f := range ds.Fits {
			name := ds.Name + "/" + f.ConfType + "/" + formatConf(f.ConfInt)
			opt := SurvivalOptions{Confidence: f.ConfInt, Transform: transforms[f.ConfType]}
			if f.ConfInt == 0.95 && f.ConfType == "log" {
				opt = SurvivalOptions{} // the defaults are R's
			}
			s, err := tally.Result(opt)
			if err != nil {
				t.Errorf("%s: Result: %v", name, err)
				continue
			}
			check := func(what string, i int, got, want float64) {
				maxAbs = max(maxAbs, math.Abs(got-want))
				if want != 0 {
					maxRel = max(maxRel, math.Abs(got-want)/math.Abs(want))
				}
				if !kmClose(got, want) {
					t.Errorf("%s: point %d %s = %.17g, want %.17g (R)", name, i, what, got, want)
				}
			}
			if len(s.Curve) != len(f.Time) {
				t.Errorf("%s: %d points, want %d (R)", name, len(s.Curve), len(f.Time))
				continue
			}
			for i, p := range s.Curve {
				if p.Days != f.Time[i] || p.AtRisk != f.NRisk[i] || p.Ended != f.NEvent[i] || p.Censored != f.NCensor[i] {
					t.Errorf("%s: point %d = %v days, %d at risk, %d ended, %d censored; want %v, %d, %d, %d (R)",
						name, i, p.Days, p.AtRisk, p.Ended, p.Censored, f.Time[i], f.NRisk[i], f.NEvent[i], f.NCensor[i])
				}
				check("Survival", i, p.Survival, f.Surv[i])
				if f.StdErr[i] == nil {
					// R: NaN standard error, NA bounds.
					if !p.NoInterval || p.StdErr != 0 || p.Low != 0 || p.High != 0 {
						t.Errorf("%s: point %d = %+v, want NoInterval with zeros (R: NA)", name, i, p)
					}
					continue
				}
				if p.NoInterval {
					t.Errorf("%s: point %d has NoInterval, R has an interval", name, i)
				}
				check("StdErr", i, p.StdErr, *f.StdErr[i])
				check("Low", i, p.Low, *f.Lower[i])
				check("High", i, p.High, *f.Upper[i])
			}
			for _, m := range []struct {
				what string
				got  activity.Optional[float64]
				want *float64
			}{{"Median", s.Median, f.Median}, {"MedianLow", s.MedianLow, f.LCL}, {"MedianHigh", s.MedianHigh, f.UCL}} {
				switch {
				case m.want == nil && m.got.Valid:
					t.Errorf("%s: %s = %v, want not reached (R: NA)", name, m.what, m.got.Value)
				case m.want != nil && (!m.got.Valid || m.got.Value != *m.want):
					t.Errorf("%s: %s = %v, want %v (R)", name, m.what, m.got, *m.want)
				}
			}
			nEnded := 0
			for _, e := range ds.Ended {
				if e {
					nEnded++
				}
			}
			if s.Lifetimes != len(ds.Days) || s.Ended != nEnded || s.Censored != len(ds.Days)-nEnded {
				t.Errorf("%s: counts %d, %d, %d; want %d, %d, %d", name, s.Lifetimes, s.Ended, s.Censored,
					len(ds.Days), nEnded, len(ds.Days)-nEnded)
			}
			for i, at := range ds.AtTime {
				if got := s.At(at); !kmClose(got, ds.AtSurv[i]) {
					t.Errorf("%s: At(%v) = %.17g, want %.17g (R)", name, at, got, ds.AtSurv[i])
				}
			}
		}
	}
	t.Logf("R %s, survival %s: %d datasets, largest difference %.3g absolute, %.3g relative",
		ref.RVersion, ref.SurvivalVersion, len(ref.Datasets), maxAbs, maxRel)
}

func formatConf(c float64) string {
	b, _ := json.Marshal(c)
	return string(b)
}

// TestSurvivalByHand checks a small curve against arithmetic done by hand.
//
// Lifetimes: 1 ended, 2 ended, 2 censored, 3 ended, 4 censored (5 in all).
//
//	t=1: n=5, d=1, censored in [1,2): 0
//	     S = 4/5 = 0.8;  V = 1/(5·4) = 0.05
//	     StdErr = 0.8·√0.05 = 0.178885438
//	     Low  = 0.8·exp(−1.959964·0.223607) = 0.8·0.645157 = 0.516126
//	     High = min(0.8·exp(+0.438262), 1) = min(1.240, 1) = 1
//	t=2: n=4, d=1, censored in [2,3): 1 (the one at 2, at risk at 2)
//	     S = 0.8·3/4 = 0.6;  V = 0.05 + 1/(4·3) = 0.133333
//	     StdErr = 0.6·0.365148 = 0.219089
//	     Low  = 0.6·exp(−1.959964·0.365148) = 0.6·0.488861 = 0.293316
//	t=3: n = 4−1−1 = 2, d=1, censored after: 1 (at 4)
//	     S = 0.6·1/2 = 0.3;  V = 0.133333 + 1/(2·1) = 0.633333
//	     StdErr = 0.3·0.795822 = 0.238747
//	     Low  = 0.3·exp(−1.959964·0.795822) = 0.3·0.210182 = 0.063054
//
// z = Φ⁻¹(0.975) = 1.959964 (normal tables). The median is the first time
// S ≤ 0.5: 3. The lower curve first falls below 0.5 at 2; the upper curve
// is 1 throughout, so the median's upper bound is not reached.
func TestSurvivalByHand(t *testing.T) {
	t.Parallel()
	var tally SurvivalTally
	for _, l := range []struct {
		days  float64
		ended bool
	}{{4, false}, {2, true}, {3, true}, {2, false}, {1, true}} {
		if err := tally.Add(l.days, l.ended); err != nil {
			t.Fatal(err)
		}
	}
	s, err := tally.Result(SurvivalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []SurvivalPoint{
		{Days: 1, AtRisk: 5, Ended: 1, Censored: 0, Survival: 0.8, StdErr: 0.178885438, Low: 0.516126, High: 1},
		{Days: 2, AtRisk: 4, Ended: 1, Censored: 1, Survival: 0.6, StdErr: 0.219089, Low: 0.293316, High: 1},
		{Days: 3, AtRisk: 2, Ended: 1, Censored: 1, Survival: 0.3, StdErr: 0.238747, Low: 0.063054, High: 1},
	}
	approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-6 })
	if diff := cmp.Diff(want, s.Curve, approx); diff != "" {
		t.Errorf("Curve (-want +got):\n%s", diff)
	}
	wantS := Survival{
		Lifetimes: 5, Ended: 3, Censored: 2, Confidence: 0.95, Transform: LogCI,
		Median: activity.Some(3.0), MedianLow: activity.Some(2.0),
	}
	s.Curve = nil
	if diff := cmp.Diff(wantS, s); diff != "" {
		t.Errorf("Result (-want +got):\n%s", diff)
	}
}

func TestSurvivalErrors(t *testing.T) {
	t.Parallel()
	for _, days := range []float64{-1, -1e-300, math.NaN(), math.Inf(1), math.Inf(-1)} {
		var tally SurvivalTally
		if err := tally.Add(3, true); err != nil {
			t.Fatal(err)
		}
		for _, ended := range []bool{true, false} {
			if err := tally.Add(days, ended); !errors.Is(err, ErrInvalidLifetime) {
				t.Errorf("Add(%v, %v) = %v, want ErrInvalidLifetime", days, ended, err)
			}
		}
		if tally.Len() != 1 {
			t.Errorf("after Add(%v): Len() = %d, want 1 (unchanged)", days, tally.Len())
		}
	}

	var empty SurvivalTally
	if _, err := empty.Result(SurvivalOptions{}); !errors.Is(err, ErrNoLifetimes) {
		t.Errorf("empty Result = %v, want ErrNoLifetimes", err)
	}
	s, _ := empty.Result(SurvivalOptions{Confidence: 0.9, Transform: PlainCI})
	if s.Confidence != 0.9 || s.Transform != PlainCI || s.Lifetimes != 0 {
		t.Errorf("empty Result = %+v, want the options and no lifetimes", s)
	}

	var one SurvivalTally
	_ = one.Add(1, true)
	for _, opt := range []SurvivalOptions{
		{Confidence: 1},
		{Confidence: -0.5},
		{Confidence: 1.5},
		{Confidence: 95},
		{Confidence: math.NaN()},
		{Confidence: math.Inf(1)},
		{Transform: PlainUnclippedCI + 1},
	} {
		if err := opt.Validate(); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v.Validate() = %v, want ErrInvalidOptions", opt, err)
		}
		if _, err := one.Result(opt); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("Result(%+v) = %v, want ErrInvalidOptions", opt, err)
		}
		if _, err := empty.Result(opt); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("empty Result(%+v) = %v, want ErrInvalidOptions first", opt, err)
		}
	}
	for _, opt := range []SurvivalOptions{{}, {Confidence: 0.5}, {Confidence: 1e-300, Transform: LogLogCI}, {Confidence: 0.9999999999999999}} {
		if err := opt.Validate(); err != nil {
			t.Errorf("%+v.Validate() = %v, want nil", opt, err)
		}
	}
}

// TestSurvivalTallyUnchanged checks that Result leaves the tally as it was
// and that merging in any order gives the same result.
func TestSurvivalTallyUnchanged(t *testing.T) {
	t.Parallel()
	var a, b SurvivalTally
	for _, d := range []float64{9, 3, 7, 3, 1} {
		_ = a.Add(d, d != 7)
	}
	for _, d := range []float64{2, 8, 3, math.Copysign(0, -1)} {
		_ = b.Add(d, d != 8)
	}
	before := a
	r1, err := a.Result(SurvivalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, a, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Errorf("Result changed the tally (-before +after):\n%s", diff)
	}
	r2, _ := a.Result(SurvivalOptions{})
	if diff := cmp.Diff(r1, r2); diff != "" {
		t.Errorf("second Result (-first +second):\n%s", diff)
	}

	var ab, ba SurvivalTally
	ab.Merge(&a)
	ab.Merge(&b)
	ba.Merge(&b)
	ba.Merge(nil)
	ba.Merge(&a)
	x, _ := ab.Result(SurvivalOptions{})
	y, _ := ba.Result(SurvivalOptions{})
	if diff := cmp.Diff(x, y); diff != "" {
		t.Errorf("merge order (-a+b +b+a):\n%s", diff)
	}
	if x.Curve[0].Days != 0 || math.Signbit(x.Curve[0].Days) {
		t.Errorf("first point at %v days, want +0", x.Curve[0].Days)
	}

	// Merging a tally into itself doubles it: the same curve, twice the
	// counts.
	d := SurvivalTally{}
	d.Merge(&a)
	d.Merge(&d)
	if d.Len() != 2*a.Len() {
		t.Errorf("self-merge Len() = %d, want %d", d.Len(), 2*a.Len())
	}
	r3, _ := d.Result(SurvivalOptions{})
	for i := range r3.Curve {
		if r3.Curve[i].Survival != r1.Curve[i].Survival || r3.Curve[i].AtRisk != 2*r1.Curve[i].AtRisk {
			t.Errorf("self-merge point %d = %+v, want S %v and twice %d at risk", i, r3.Curve[i], r1.Curve[i].Survival, r1.Curve[i].AtRisk)
		}
	}
}

func TestSurvivalAt(t *testing.T) {
	t.Parallel()
	// The hand case of TestSurvivalByHand: S = 0.8 from 1, 0.6 from 2, 0.3
	// from 3.
	s := Survival{Curve: []SurvivalPoint{{Days: 1, Survival: 0.8}, {Days: 2, Survival: 0.6}, {Days: 3, Survival: 0.3}}}
	for _, tc := range []struct{ days, want float64 }{
		{math.Inf(-1), 1}, {-1, 1}, {0, 1}, {0.999, 1}, {1, 0.8}, {1.5, 0.8}, {2, 0.6},
		{2.999, 0.6}, {3, 0.3}, {1e9, 0.3}, {math.Inf(1), 0.3}, {math.NaN(), 1},
	} {
		if got := s.At(tc.days); got != tc.want {
			t.Errorf("At(%v) = %v, want %v", tc.days, got, tc.want)
		}
	}
	if got := (Survival{}).At(5); got != 1 {
		t.Errorf("empty curve At(5) = %v, want 1", got)
	}
}

func TestSurvivalString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		s    Survival
		want string
	}{
		{"full", Survival{Lifetimes: 1234, Ended: 800, Confidence: 0.95,
			Median: activity.Some(412.0), MedianLow: activity.Some(380.0), MedianHigh: activity.Some(455.5)},
			"1,234 lifetimes, 800 ended: median 412.0 days (95% CI 380.0–455.5)"},
		{"no upper", Survival{Lifetimes: 1234567, Ended: 1000, Confidence: 0.9,
			Median: activity.Some(27.0), MedianLow: activity.Some(18.0)},
			"1,234,567 lifetimes, 1,000 ended: median 27.0 days (90% CI 18.0 to not reached)"},
		{"not reached", Survival{Lifetimes: 5, Confidence: 0.95},
			"5 lifetimes, 0 ended: median not reached"},
		{"not reached, lower bound", Survival{Lifetimes: 12, Ended: 4, Confidence: 0.975, MedianLow: activity.Some(7.25)},
			"12 lifetimes, 4 ended: median not reached (97.5% CI 7.2 to not reached)"},
		{"one", Survival{Lifetimes: 1, Ended: 1, Confidence: 0.95, Median: activity.Some(3.0)},
			"1 lifetime, 1 ended: median 3.0 days"},
	} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("%s: String() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCITransform(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    CITransform
		want string
	}{{LogCI, "log"}, {LogLogCI, "log-log"}, {PlainCI, "plain"}, {CITransform(7), "CITransform(7)"}} {
		b, err := tc.c.MarshalText()
		if tc.c.String() != tc.want || string(b) != tc.want || err != nil {
			t.Errorf("CITransform(%d) = %q, %q, %v; want %q", uint8(tc.c), tc.c.String(), b, err, tc.want)
		}
	}
}

func TestSurvivalJSON(t *testing.T) {
	t.Parallel()
	// Everybody censored: no curve, median not reached (R: NA).
	var tally SurvivalTally
	_ = tally.Add(3, false)
	_ = tally.Add(5, false)
	s, err := tally.Result(SurvivalOptions{Transform: LogLogCI})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"lifetimes":2,"ended":0,"censored":2,"confidence":0.95,"transform":"log-log","median_rule":"midpoint","curve":[],` +
		`"median":null,"median_low":null,"median_high":null}`
	if string(b) != want {
		t.Errorf("json.Marshal = %s, want %s", b, want)
	}
}

// TestSurvivalTies checks R's tolerance for equal times (survival's
// aeqSurv): lengths closer than 2⁻²⁶ days, or 2⁻²⁶ of the mean distinct
// length, are one time, the first of the run.
func TestSurvivalTies(t *testing.T) {
	t.Parallel()
	var tally SurvivalTally
	// Distinct lengths 10, 10+1e-8 (absolute tie), 20, 20+1e-7 (relative:
	// 1e-7/20 < 1.5e-8), 30 and 30+1e-6 (1e-6/20 > 1.5e-8: distinct).
	// The mean of the six distinct lengths is 20 + 1.1e-6/6 ≈ 20.
	for _, d := range []float64{10, 10 + 1e-8, 20, 20 + 1e-7, 30, 30 + 1e-6} {
		_ = tally.Add(d, true)
	}
	s, err := tally.Result(SurvivalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []float64
	var ended []int
	for _, p := range s.Curve {
		got = append(got, p.Days)
		ended = append(ended, p.Ended)
	}
	if want := []float64{10, 20, 30, 30 + 1e-6}; !slices.Equal(got, want) {
		t.Errorf("times %v, want %v", got, want)
	}
	if want := []int{2, 2, 1, 1}; !slices.Equal(ended, want) {
		t.Errorf("ended %v, want %v", ended, want)
	}
}

// TestMedianRules computes medians by each convention. MedianBelowHalf is
// statsmodels' SurvfuncRight.quantile(0.5) (testdata/median_ref.py prints
// 3, 3 and 5); MedianMidpoint is R's rule (the midpoint where S is exactly
// one half until the next event); MedianAtMostHalf the first time S ≤ 0.5,
// by hand from the curves in the script's comments.
func TestMedianRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                    string
		times                   []float64
		ended                   []bool
		midpoint, below, atMost float64
	}{
		{"half over a stretch", []float64{1, 2, 3, 4}, []bool{true, true, true, true}, 2.5, 3, 2},
		{"with censoring", []float64{1, 2, 2.5, 3, 4}, []bool{true, true, false, true, true}, 3, 3, 3},
		{"ties at one half", []float64{1, 2, 2, 5, 7, 9}, []bool{true, true, true, true, false, false}, 3.5, 5, 2},
	}
	for _, tc := range cases {
		var tally SurvivalTally
		for i, d := range tc.times {
			if err := tally.Add(d, tc.ended[i]); err != nil {
				t.Fatal(err)
			}
		}
		for rule, want := range map[MedianRule]float64{MedianMidpoint: tc.midpoint, MedianBelowHalf: tc.below, MedianAtMostHalf: tc.atMost} {
			s, err := tally.Result(SurvivalOptions{Median: rule})
			if err != nil {
				t.Fatal(err)
			}
			if m, ok := s.Median.Get(); !ok || m != want || s.MedianRule != rule {
				t.Errorf("%s, %v: median %v, %v; want %v", tc.name, rule, m, ok, want)
			}
		}
	}
	var tally SurvivalTally
	_ = tally.Add(1, true)
	if _, err := tally.Result(SurvivalOptions{Median: 9}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("median rule 9: %v, want ErrInvalidOptions", err)
	}
}

// TestRestrictedMean compares the restricted mean and its standard error
// with R's survival (testdata/rmean_ref.R prints them). By hand for the
// first: S = 0.8 from 1, 0.6 from 2, 0.3 from 4 (3 is censored), so the
// area to 4.5 is 1 + 0.8 + 0.6 + 0.6 + 0.3 × 0.5 = 3.15.
func TestRestrictedMean(t *testing.T) {
	t.Parallel()
	cases := []struct {
		times        []float64
		ended        []bool
		tau          float64
		mean, stdErr float64
	}{
		{[]float64{1, 2, 3, 4, 5}, []bool{true, true, false, true, true}, 4.5, 3.15, 0.627893303038024},
		{[]float64{2, 3, 3, 5, 8, 8, 9, 12, 15}, []bool{true, true, false, true, true, false, true, false, true}, 10, 7.25308641975309, 1.02155779649955},
		{[]float64{2, 3, 3, 5, 8, 8, 9, 12, 15}, []bool{true, true, false, true, true, false, true, false, true}, 20, 8.98148148148148, 1.75471038501636},
	}
	for _, tc := range cases {
		var tally SurvivalTally
		for i, d := range tc.times {
			if err := tally.Add(d, tc.ended[i]); err != nil {
				t.Fatal(err)
			}
		}
		s, err := tally.Result(SurvivalOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.RestrictedMean(tc.tau)
		if err != nil || math.Abs(r.Mean-tc.mean) > 1e-12 || math.Abs(r.StdErr-tc.stdErr) > 1e-12 {
			t.Errorf("RestrictedMean(%v) = %+v, %v; want mean %v, se %v (R)", tc.tau, r, err, tc.mean, tc.stdErr)
		}
	}
	for _, bad := range []float64{0, -1, math.Inf(1), math.NaN()} {
		if _, err := (Survival{}).RestrictedMean(bad); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("RestrictedMean(%v): %v, want ErrInvalidOptions", bad, err)
		}
	}
}

// TestPlainUnclipped: R's plain interval for lifetimes 1, 2, 3+, 4, 5 is
// [0.449391, 1] at time 1 (survfit(..., conf.type = "plain"), cut at 1);
// unclipped it is symmetric about S = 0.8: [0.449391, 1.150609], the
// half-width 1.959964 × 0.178885 (the standard error of S, √(0.8²·0.05)).
func TestPlainUnclipped(t *testing.T) {
	t.Parallel()
	var tally SurvivalTally
	for i, d := range []float64{1, 2, 3, 4, 5} {
		if err := tally.Add(d, i != 2); err != nil {
			t.Fatal(err)
		}
	}
	clipped, err := tally.Result(SurvivalOptions{Transform: PlainCI})
	if err != nil {
		t.Fatal(err)
	}
	free, err := tally.Result(SurvivalOptions{Transform: PlainUnclippedCI})
	if err != nil {
		t.Fatal(err)
	}
	c, f := clipped.Curve[0], free.Curve[0]
	if math.Abs(c.Low-0.449391) > 1e-6 || c.High != 1 || math.Abs(f.Low-0.449391) > 1e-6 || math.Abs(f.High-1.150609) > 1e-6 {
		t.Errorf("plain [%v, %v], unclipped [%v, %v]; want [0.449391, 1] and [0.449391, 1.150609]", c.Low, c.High, f.Low, f.High)
	}
	if free.Transform.String() != "plain-unclipped" {
		t.Errorf("transform %v", free.Transform)
	}
}

// TestSurvivalAllTimes lists every distinct time as R's survfit does
// (testdata/alltimes_ref.R printed the rows below): time, at risk, ended,
// censored at that time, S, and the log interval.
func TestSurvivalAllTimes(t *testing.T) {
	t.Parallel()
	var tally SurvivalTally
	for i, d := range []float64{0.5, 1, 2, 2.5, 3, 4, 6} {
		if err := tally.Add(d, []bool{false, true, true, false, true, false, true}[i]); err != nil {
			t.Fatal(err)
		}
	}
	s, err := tally.Result(SurvivalOptions{AllTimes: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		days                    float64
		atRisk, ended, censored int
		surv, low, high         float64
	}{
		{0.5, 7, 0, 1, 1, 1, 1},
		{1, 6, 1, 0, 0.833333333333333, 0.58265479547714, 1},
		{2, 5, 1, 0, 0.666666666666667, 0.378606460887095, 1},
		{2.5, 4, 0, 1, 0.666666666666667, 0.378606460887095, 1},
		{3, 3, 1, 0, 0.444444444444444, 0.166807936628079, 1},
		{4, 2, 0, 1, 0.444444444444444, 0.166807936628079, 1},
		{6, 1, 1, 0, 0, 0, 0},
	}
	if len(s.Curve) != len(want) {
		t.Fatalf("%d points, want %d", len(s.Curve), len(want))
	}
	for i, w := range want {
		p := s.Curve[i]
		if p.Days != w.days || p.AtRisk != w.atRisk || p.Ended != w.ended || p.Censored != w.censored ||
			math.Abs(p.Survival-w.surv) > 1e-12 || math.Abs(p.Low-w.low) > 1e-12 || math.Abs(p.High-w.high) > 1e-12 {
			t.Errorf("point %d: %+v, want %+v", i, p, w)
		}
	}
	// The default lists the event times only; the median is the same.
	d, err := tally.Result(SurvivalOptions{})
	if err != nil || len(d.Curve) != 4 || d.Median != s.Median {
		t.Errorf("event times only: %d points, median %v, want 4 and %v", len(d.Curve), d.Median, s.Median)
	}
}

func TestSurvivalUnit(t *testing.T) {
	t.Parallel()
	var tally SurvivalTally
	for i, d := range []float64{1, 2, 3, 4} {
		_ = tally.Add(d, i != 3)
	}
	// S = 0.75, 0.5, 0.25 at 1, 2, 3: the median by R's rule is 2.5.
	s, err := tally.Result(SurvivalOptions{Unit: "months"})
	if err != nil || !strings.HasPrefix(s.String(), "4 lifetimes, 3 ended: median 2.5 months") {
		t.Errorf("String() = %q, %v", s.String(), err)
	}
}
