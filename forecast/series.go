package forecast

import (
	"fmt"
	"math"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Point is one period's value of a series.
type Point struct {
	Period activity.Period `json:"period"`
	Value  float64         `json:"value"`
}

// Series is a sequence of values over consecutive periods of a calendar at
// one granularity: bookings per month, activities per week. Money enters as
// float64 (decimal's InexactFloat64): forecasts are statistical estimates,
// rounded to minor units only where a person reads them.
//
// The zero Calendar is the Gregorian one in UTC; the zero Granularity is
// Monthly.
type Series struct {
	Calendar    activity.Calendar    `json:"-"`
	Granularity activity.Granularity `json:"granularity"`
	Points      []Point              `json:"points"`
}

// NewSeries returns the series of values over consecutive periods of cal at
// g, the first period being the one holding start. It returns an error
// wrapping ErrInvalidSeries for no values or a value that is NaN or
// infinite, and the calendar's error for an invalid calendar or
// granularity.
func NewSeries(cal activity.Calendar, g activity.Granularity, start time.Time, values []float64) (Series, error) {
	s := Series{Calendar: cal, Granularity: g}
	if len(values) == 0 {
		return s, fmt.Errorf("%w: no values", ErrInvalidSeries)
	}
	p, err := cal.PeriodOf(s.granularity(), start)
	if err != nil {
		return s, err
	}
	s.Points = make([]Point, 0, len(values))
	for i, v := range values {
		if i > 0 {
			if p, err = cal.PeriodOf(s.granularity(), p.End); err != nil {
				return s, err
			}
		}
		s.Points = append(s.Points, Point{Period: p, Value: v})
	}
	return s, s.Validate()
}

func (s Series) granularity() activity.Granularity {
	if s.Granularity == 0 {
		return activity.Monthly
	}
	return s.Granularity
}

// Validate reports no points (ErrInvalidSeries), a value that is NaN or
// infinite (ErrInvalidSeries), a period that is not the calendar's period
// at the granularity (ErrInvalidSeries), and a period that does not start
// where the one before ended (ErrGap: a missing, repeated or misordered
// period), each naming the point.
func (s Series) Validate() error {
	if len(s.Points) == 0 {
		return fmt.Errorf("%w: no points", ErrInvalidSeries)
	}
	g := s.granularity()
	for i, pt := range s.Points {
		if math.IsNaN(pt.Value) || math.IsInf(pt.Value, 0) {
			return fmt.Errorf("%w: point %d (%s) is %v", ErrInvalidSeries, i, pt.Period.Name, pt.Value)
		}
		want, err := s.Calendar.PeriodOf(g, pt.Period.Start)
		if err != nil {
			return err
		}
		if !want.Start.Equal(pt.Period.Start) || !want.End.Equal(pt.Period.End) {
			return fmt.Errorf("%w: point %d, %s, is not a %v period of the calendar (%s is)", ErrInvalidSeries, i, pt.Period, g, want)
		}
		if i > 0 && !pt.Period.Start.Equal(s.Points[i-1].Period.End) {
			return fmt.Errorf("%w: point %d, %s, does not follow %s", ErrGap, i, pt.Period, s.Points[i-1].Period)
		}
	}
	return nil
}

// Len returns the number of points.
func (s Series) Len() int { return len(s.Points) }

// Values returns the values in period order, in a new slice.
func (s Series) Values() []float64 {
	out := make([]float64, len(s.Points))
	for i, p := range s.Points {
		out[i] = p.Value
	}
	return out
}

// MaxHorizon is the most periods a forecast looks ahead: 10,000 (over 27
// years of days, 833 years of months). A longer horizon is an error, never
// an allocation that could exhaust memory.
const MaxHorizon = 10_000

// Next returns the h periods after the series' last, in order. h must be
// from 1 to MaxHorizon and the series non-empty; errors wrap
// ErrInvalidOptions and ErrInvalidSeries.
func (s Series) Next(h int) ([]activity.Period, error) {
	if h <= 0 || h > MaxHorizon {
		return nil, fmt.Errorf("%w: horizon %d outside 1 to %d", ErrInvalidOptions, h, MaxHorizon)
	}
	if len(s.Points) == 0 {
		return nil, fmt.Errorf("%w: no points", ErrInvalidSeries)
	}
	out := make([]activity.Period, 0, h)
	at := s.Points[len(s.Points)-1].Period.End
	for range h {
		p, err := s.Calendar.PeriodOf(s.granularity(), at)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
		at = p.End
	}
	return out, nil
}

// SeasonLength returns the periods in a year at the series' granularity: 12
// for months, 4 for quarters, 1 for years. Weeks and days have no fixed
// count (52 or 53 weeks, 365 or 366 days) and return 0: models that need a
// season take it as an option then.
func (s Series) SeasonLength() int {
	switch s.granularity() {
	case activity.Monthly:
		return 12
	case activity.Quarterly:
		return 4
	case activity.Yearly:
		return 1
	}
	return 0
}

// Prediction is a forecast for one period: the point forecast and its
// prediction interval [Low, High] at the model's confidence level.
type Prediction struct {
	Period activity.Period `json:"period"`
	Value  float64         `json:"value"`
	Low    float64         `json:"low"`
	High   float64         `json:"high"`
}
