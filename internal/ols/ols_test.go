package ols

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSolve(t *testing.T) {
	// y = 1 + 2x through (0, 1), (1, 3), (2, 5): coefficients 1 and 2;
	// XᵀX = [[3, 3], [3, 5]], its inverse [[5, −3], [−3, 3]] / 6.
	x := mat.NewDense(3, 2, []float64{1, 0, 1, 1, 1, 2})
	f, err := Solve(x, []float64{1, 3, 5})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{5.0 / 6, -0.5}, {-0.5, 0.5}}
	if math.Abs(f.Coef[0]-1) > 1e-12 || math.Abs(f.Coef[1]-2) > 1e-12 {
		t.Errorf("Coef = %v, want [1 2]", f.Coef)
	}
	for i := range want {
		for j := range want[i] {
			if math.Abs(f.XtXInv[i][j]-want[i][j]) > 1e-12 {
				t.Errorf("XtXInv = %v, want %v", f.XtXInv, want)
			}
		}
	}
	for _, tc := range []struct {
		name string
		x    []float64
		col  int
		want error
	}{
		{"zero column", []float64{1, 0, 1, 0, 1, 0}, 1, ErrZeroColumn},
		{"collinear", []float64{1, 2, 1, 2, 1, 2}, 1, ErrCollinear},
	} {
		_, err := Solve(mat.NewDense(3, 2, tc.x), []float64{1, 2, 3})
		var ce *ColumnError
		if !errors.Is(err, tc.want) || !errors.As(err, &ce) || ce.Column != tc.col {
			t.Errorf("%s: %v, want %v at column %d", tc.name, err, tc.want, tc.col)
		}
	}
}
