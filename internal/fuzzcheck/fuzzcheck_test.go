package fuzzcheck

import (
	"math"
	"testing"
)

func TestNonFinite(t *testing.T) {
	t.Parallel()
	type inner struct {
		X      float64
		hidden float64
	}
	type outer struct {
		A  []inner
		M  map[string]*inner
		C  complex128
		Pt *inner
	}
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"all finite", outer{A: []inner{{X: 1}}, M: map[string]*inner{"k": {X: 2}}}, ""},
		{"unexported NaN is not read", outer{A: []inner{{hidden: nan}}}, ""},
		{"NaN in a slice", outer{A: []inner{{X: 1}, {X: nan}}}, "r.A[1].X = NaN"},
		{"Inf in a map", outer{M: map[string]*inner{"k": {X: math.Inf(-1)}}}, "r.M[k].X = -Inf"},
		{"Inf behind a pointer", &outer{Pt: &inner{X: math.Inf(1)}}, "r.Pt.X = +Inf"},
		{"complex", outer{C: complex(0, nan)}, "r.C = (0+NaNi)"},
		{"nil", nil, ""},
		{"bare float", math.Inf(1), "r = +Inf"},
	} {
		got, bad := NonFinite(tc.v, "r")
		if got != tc.want || bad != (tc.want != "") {
			t.Errorf("%s: NonFinite = %q, %v; want %q", tc.name, got, bad, tc.want)
		}
	}
}
