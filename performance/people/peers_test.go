package people

import (
	"errors"
	"math"
	"testing"
)

func TestPeers(t *testing.T) {
	t.Parallel()
	// Team east, five reps, bookings (thousands) over three months; west
	// has one rep. Last month east: 10, 20, 30, 40, 50: mean 30, median 30,
	// sample SD √250 = 15.811; ann (50) is above all four others:
	// percentile 1, z = 20 / 15.811 = 1.2649. Slopes: ann 40, 45, 50 → 5 a
	// month; the team's mean 26, 28, 30 → 2.
	series := []PeerSeries{
		{Rep: "ann", Team: "east", Values: []float64{40, 45, 50}},
		{Rep: "bob", Team: "east", Values: []float64{30, 30, 40}},
		{Rep: "cy", Team: "east", Values: []float64{20, 25, 30}},
		{Rep: "dee", Team: "east", Values: []float64{30, 20, 20}},
		{Rep: "eve", Team: "east", Values: []float64{10, 20, 10}},
		{Rep: "wes", Team: "west", Values: []float64{5, 6, 7}},
	}
	got, err := Peers(series, PeerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ann := got[0]
	if ann.Rep != "ann" || ann.Percentile != 1 || math.Abs(ann.Z-20/math.Sqrt(250)) > 1e-12 || ann.TeamMean != 30 || ann.TeamMedian != 30 ||
		math.Abs(ann.Slope-5) > 1e-12 || math.Abs(ann.TeamSlope-2) > 1e-12 || !ann.Top || ann.Low {
		t.Errorf("ann: %+v", ann)
	}
	// eve: the lowest in months 1 and 3 (percentile 0); in month 2 (45,
	// 30, 25, 20, 20) she ties dee at the bottom: (0 + ½) / 4 = 0.125 ≤
	// 0.2. Low in every month.
	eve := got[4]
	if eve.Rep != "eve" || !eve.Low || eve.Top || eve.Percentile != 0 {
		t.Errorf("eve: %+v", eve)
	}
	// bob is third of five in month 1 (30 ties dee: (2 + ½) / 4 = 0.625):
	// neither top nor low.
	if bob := got[1]; bob.Top || bob.Low {
		t.Errorf("bob: %+v", bob)
	}
	// wes alone in west: no percentile, no z, never top or low.
	if wes := got[5]; wes.ZDefined || wes.Top || wes.Low || wes.Slope != 1 {
		t.Errorf("wes: %+v", wes)
	}
	// Lower is better (cycle days): eve's 10 is now the best.
	got, err = Peers(series[:5], PeerOptions{LowerIsBetter: true, Consistent: 1})
	if err != nil {
		t.Fatal(err)
	}
	if e := got[4]; !e.Top || e.Percentile != 1 || e.Z <= 0 {
		t.Errorf("lower is better, eve: %+v", e)
	}
	for _, tc := range []struct {
		name string
		s    []PeerSeries
		o    PeerOptions
	}{
		{"none", nil, PeerOptions{}},
		{"share", series, PeerOptions{Share: 0.7}},
		{"lengths", []PeerSeries{{Rep: "a", Values: []float64{1}}, {Rep: "b", Values: []float64{1, 2}}}, PeerOptions{}},
		{"repeated", []PeerSeries{{Rep: "a", Values: []float64{1}}, {Rep: "a", Values: []float64{1}}}, PeerOptions{}},
		{"NaN", []PeerSeries{{Rep: "a", Values: []float64{math.NaN()}}}, PeerOptions{}},
		{"consistent", series, PeerOptions{Consistent: 4}},
	} {
		if _, err := Peers(tc.s, tc.o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}

// TestPeersTeamOfOne: a rep alone in a team has no percentile, and is
// neither a top nor a low performer.
func TestPeersTeamOfOne(t *testing.T) {
	t.Parallel()
	st, err := Peers([]PeerSeries{{Rep: "ann", Team: "solo", Values: []float64{1, 2, 3}},
		{Rep: "bob", Team: "duo", Values: []float64{1, 2, 3}}, {Rep: "cy", Team: "duo", Values: []float64{3, 2, 1}}}, PeerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		switch s.Rep {
		case "ann":
			if s.PercentileDefined || s.Percentile != 0 || s.Top || s.Low {
				t.Errorf("ann alone: %+v", s)
			}
		default:
			// bob 3 against cy 1 in the last period: percentiles 1 and 0.
			if !s.PercentileDefined {
				t.Errorf("%s in a team of two has no percentile", s.Rep)
			}
		}
	}
}
