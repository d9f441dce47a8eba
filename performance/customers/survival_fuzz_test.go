package customers

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// kmFuzzLifetime is a lifetime decoded from fuzz bytes.
type kmFuzzLifetime struct {
	days  float64
	ended bool
}

// kmFuzzLifetimes decodes four bytes a lifetime: a length in quarter days
// (0 to 16,383.75, so ties are common), a nudge of 0 to 63·1e-9 days (to
// exercise the tolerance for equal times) and whether it ended.
func kmFuzzLifetimes(data []byte) []kmFuzzLifetime {
	var ls []kmFuzzLifetime
	for len(data) >= 4 {
		q := binary.LittleEndian.Uint16(data)
		f := data[2]
		ls = append(ls, kmFuzzLifetime{
			days:  float64(q)/4 + float64(f>>2)*1e-9,
			ended: data[3]&1 == 1,
		})
		data = data[4:]
	}
	return ls
}

func FuzzSurvival(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint8(0))
	f.Add([]byte{4, 0, 0, 1, 8, 0, 0, 1, 8, 0, 0, 0, 12, 0, 0, 1, 16, 0, 0, 0}, uint8(2), uint8(1))
	f.Add([]byte{4, 0, 0, 1, 8, 0, 0, 1, 12, 0, 0, 1, 20, 0, 0, 1}, uint8(1), uint8(2))
	f.Add([]byte{4, 0, 4, 1, 4, 0, 8, 1, 4, 0, 0, 0, 255, 255, 255, 1}, uint8(3), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, split, tr uint8) {
		ls := kmFuzzLifetimes(data)
		opt := SurvivalOptions{Transform: CITransform(tr % 4), Confidence: []float64{0, 0.5, 0.9, 0.999999}[split%4], Median: MedianRule(tr / 3 % 3), AllTimes: split%8 >= 4}

		var all, rev, a, b SurvivalTally
		cut := 0
		if len(ls) > 0 {
			cut = int(split) % (len(ls) + 1)
		}
		for i, l := range ls {
			if err := all.Add(l.days, l.ended); err != nil {
				t.Fatalf("Add(%v, %v): %v", l.days, l.ended, err)
			}
			_ = rev.Add(ls[len(ls)-1-i].days, ls[len(ls)-1-i].ended)
			if i < cut {
				_ = a.Add(l.days, l.ended)
			} else {
				_ = b.Add(l.days, l.ended)
			}
		}
		b.Merge(&a)

		s, err := all.Result(opt)
		if len(ls) == 0 {
			if err == nil {
				t.Fatal("Result of no lifetimes: no error")
			}
			return
		}
		if err != nil {
			t.Fatalf("Result: %v", err)
		}
		// The restricted mean lies between 0 and its horizon, with a finite
		// standard error.
		for _, tau := range []float64{0.5, 30, 1e6} {
			r, err := s.RestrictedMean(tau)
			if err != nil || r.Mean < 0 || r.Mean > tau*(1+1e-12) || !(r.StdErr >= 0) || math.IsInf(r.StdErr, 0) {
				t.Fatalf("RestrictedMean(%v) = %+v, %v", tau, r, err)
			}
		}
		for _, other := range []*SurvivalTally{&rev, &b, &all} {
			o, err := other.Result(opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, o) {
				t.Fatalf("result depends on order or merging:\n%+v\n%+v", s, o)
			}
		}

		finite := func(what string, x float64) {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%s = %v", what, x)
			}
		}
		prev := 1.0
		ended, censored := 0, s.Lifetimes // censored before the first point
		if len(s.Curve) > 0 {
			censored -= s.Curve[0].AtRisk
		}
		for i, p := range s.Curve {
			for _, x := range []float64{p.Days, p.Survival, p.StdErr, p.Low, p.High} {
				finite("curve value", x)
			}
			if p.Survival < 0 || p.Survival > prev {
				t.Fatalf("point %d: S = %v after %v", i, p.Survival, prev)
			}
			prev = p.Survival
			if p.NoInterval != (p.Survival == 0) || (p.NoInterval && i != len(s.Curve)-1) {
				t.Fatalf("point %d: NoInterval %v with S = %v, %d points", i, p.NoInterval, p.Survival, len(s.Curve))
			}
			if p.NoInterval {
				if p.StdErr != 0 || p.Low != 0 || p.High != 0 {
					t.Fatalf("point %d: %+v, want zeros without an interval", i, p)
				}
			} else if !(p.Low <= p.Survival && p.Survival <= p.High && (p.StdErr > 0 || (opt.AllTimes && p.Ended == 0 && p.Survival == 1))) ||
				(opt.Transform != PlainUnclippedCI && !(0 <= p.Low && p.High <= 1)) {
				t.Fatalf("point %d: %+v out of order (%v)", i, p, opt.Transform) // only the unclipped interval leaves [0, 1]
			}
			if i > 0 && p.AtRisk != s.Curve[i-1].AtRisk-s.Curve[i-1].Ended-s.Curve[i-1].Censored {
				t.Fatalf("point %d: %d at risk after %+v", i, p.AtRisk, s.Curve[i-1])
			}
			if s.At(p.Days) != p.Survival {
				t.Fatalf("At(%v) = %v, want %v", p.Days, s.At(p.Days), p.Survival)
			}
			ended += p.Ended
			censored += p.Censored
		}
		if ended != s.Ended || censored != s.Censored || s.Ended+s.Censored != len(ls) {
			t.Fatalf("counts: %d ended, %d censored in the curve; result %+v", ended, censored, s)
		}
		for _, m := range []struct {
			what  string
			v     float64
			valid bool
		}{{"Median", s.Median.Value, s.Median.Valid}, {"MedianLow", s.MedianLow.Value, s.MedianLow.Valid}, {"MedianHigh", s.MedianHigh.Value, s.MedianHigh.Valid}} {
			if m.valid {
				finite(m.what, m.v)
				if m.v < s.Curve[0].Days || m.v > s.Curve[len(s.Curve)-1].Days {
					t.Fatalf("%s = %v outside the curve", m.what, m.v)
				}
			}
		}
		if _, err := json.Marshal(s); err != nil {
			t.Fatalf("json.Marshal: %v", err)
		}
		_ = s.String()
	})
}
