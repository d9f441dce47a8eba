package people

import (
	"errors"
	"math"
	"testing"
)

// FuzzPeers compares arbitrary teams: percentiles in [0, 1], nobody both a
// top and a low performer in a team of three or more, no NaN or Inf; and
// the clustered association of the same numbers never returns NaN or Inf
// with a nil error.
func FuzzPeers(f *testing.F) {
	f.Add([]byte{40, 45, 50, 30, 30, 40, 20, 25, 30, 30, 20, 20, 10, 20, 10}, uint8(3))
	f.Add([]byte{1, 1, 1, 1}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, periods uint8) {
		n := int(periods%6) + 1
		var series []PeerSeries
		for i := 0; i+n <= len(data) && len(series) < 12; i += n {
			s := PeerSeries{Rep: string(rune('a' + len(series))), Team: string(rune('x' + len(series)%2))}
			for _, b := range data[i : i+n] {
				s.Values = append(s.Values, float64(b)-100)
			}
			series = append(series, s)
		}
		got, err := Peers(series, PeerOptions{})
		if err != nil {
			if errors.Is(err, ErrInvalidOptions) {
				return
			}
			t.Fatal(err)
		}
		for _, p := range got {
			for _, v := range []float64{p.Percentile, p.Z, p.Slope, p.TeamSlope, p.TeamMean, p.TeamMedian} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%+v", p)
				}
			}
			if p.Percentile < 0 || p.Percentile > 1 {
				t.Fatalf("percentile %v", p.Percentile)
			}
		}
		var y []float64
		var x [][]float64
		var groups []string
		for _, s := range series {
			for i, v := range s.Values {
				y = append(y, v)
				x = append(x, []float64{float64(i), math.Abs(v)})
				groups = append(groups, s.Rep)
			}
		}
		a, err := associate(y, x, groups)
		if err != nil {
			return
		}
		for _, k := range append(a.Kinds, a.Intercept) {
			for _, v := range []float64{k.Estimate, k.StdErr, k.T, k.P, k.Correlation, a.R2} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("association %+v", a)
				}
			}
		}
	})
}
