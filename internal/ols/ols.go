// Package ols solves ordinary least squares for the packages that fit
// linear models (forecast's regressions, performance's association of
// activity with outcomes): QR on unit-norm columns, a rank check, and
// (XᵀX)⁻¹ for standard errors.
package ols

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// ErrZeroColumn reports a regressor that is zero at every row; ErrCollinear
// one that is a linear combination of the ones before it. Both name the
// column by its index in Column.
var (
	ErrZeroColumn = errors.New("ols: zero column")
	ErrCollinear  = errors.New("ols: collinear column")
)

// ColumnError is a rank problem with column Column.
type ColumnError struct {
	Column int
	Err    error
}

func (e *ColumnError) Error() string { return fmt.Sprintf("column %d: %v", e.Column, e.Err) }

// Unwrap returns the sentinel.
func (e *ColumnError) Unwrap() error { return e.Err }

// Fit is a least-squares solution: the coefficients and (XᵀX)⁻¹, the
// unscaled covariance of the coefficients (times σ² for their covariance).
type Fit struct {
	Coef   []float64
	XtXInv [][]float64
}

// Solve returns the least-squares fit of y on the columns of x (n × p, n
// ≥ p), by QR on x with its columns scaled to unit norm (so that drivers of
// very different sizes do not hurt the rank check) and scaled back. A zero
// column or one whose R diagonal falls below 1e-10 after scaling is a
// *ColumnError. x is modified (scaled).
func Solve(x *mat.Dense, y []float64) (Fit, error) {
	n, p := x.Dims()
	norms := make([]float64, p)
	for j := range p {
		norms[j] = mat.Norm(x.ColView(j), 2)
		if norms[j] == 0 {
			return Fit{}, &ColumnError{j, ErrZeroColumn}
		}
		col := x.ColView(j).(*mat.VecDense)
		col.ScaleVec(1/norms[j], col)
	}
	var qr mat.QR
	qr.Factorize(x)
	var r mat.Dense
	qr.RTo(&r)
	for j := range p {
		if math.Abs(r.At(j, j)) < 1e-10 {
			return Fit{}, &ColumnError{j, ErrCollinear}
		}
	}
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, mat.NewVecDense(n, y)); err != nil {
		return Fit{}, &ColumnError{p - 1, ErrCollinear}
	}
	// (XᵀX)⁻¹ = R⁻¹R⁻ᵀ for the scaled X, then unscaled.
	rinv := upperInverse(&r, p)
	f := Fit{Coef: make([]float64, p), XtXInv: make([][]float64, p)}
	for i := range p {
		f.XtXInv[i] = make([]float64, p)
		for j := range p {
			var s float64
			for k := max(i, j); k < p; k++ {
				s += rinv[i][k] * rinv[j][k]
			}
			f.XtXInv[i][j] = s / (norms[i] * norms[j])
		}
		f.Coef[i] = beta.AtVec(i) / norms[i]
	}
	return f, nil
}

// upperInverse returns the inverse of the upper triangular p×p top of r.
func upperInverse(r *mat.Dense, p int) [][]float64 {
	inv := make([][]float64, p)
	for i := range inv {
		inv[i] = make([]float64, p)
	}
	for j := p - 1; j >= 0; j-- {
		inv[j][j] = 1 / r.At(j, j)
		for i := j - 1; i >= 0; i-- {
			var s float64
			for k := i + 1; k <= j; k++ {
				s += r.At(i, k) * inv[k][j]
			}
			inv[i][j] = -s / r.At(i, i)
		}
	}
	return inv
}
