package forecast

import "errors"

// Sentinel errors. Functions wrap them with what is missing or wrong, so
// test them with errors.Is.
var (
	// ErrInvalidSeries reports a series that cannot be modelled: no
	// points, a value that is NaN or infinite, a period that is not one of
	// the calendar's at the series' granularity.
	ErrInvalidSeries = errors.New("forecast: invalid series")
	// ErrGap reports periods of a series that do not follow each other: a
	// missing period, a repeated one, one out of order.
	ErrGap = errors.New("forecast: gap in the periods")
	// ErrTooFewPoints reports a series too short for the model: fewer
	// points than the model has parameters plus one, fewer than two full
	// seasons.
	ErrTooFewPoints = errors.New("forecast: too few points")
	// ErrConstantSeries reports a series whose values are all equal where
	// the model needs variation.
	ErrConstantSeries = errors.New("forecast: constant series")
	// ErrCollinear reports regressors that are linear combinations of one
	// another (a driver equal to the trend, a constant driver).
	ErrCollinear = errors.New("forecast: collinear regressors")
	// ErrMissingDrivers reports a forecast without the future values of its
	// drivers, or with driver values of the wrong length.
	ErrMissingDrivers = errors.New("forecast: missing driver values")
	// ErrInvalidOptions reports options out of range.
	ErrInvalidOptions = errors.New("forecast: invalid options")
	// ErrUndefined reports a measure with no defined value for its input:
	// a percentage error against an actual of zero, a scaled error over a
	// series without variation.
	ErrUndefined = errors.New("forecast: undefined")
	// ErrNoConvergence reports a fit whose optimiser did not converge.
	ErrNoConvergence = errors.New("forecast: no convergence")
)
