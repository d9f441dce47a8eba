package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestSeries(t *testing.T) {
	t.Parallel()
	cal := activity.Calendar{FiscalYearStart: time.February}
	s, err := NewSeries(cal, activity.Quarterly, time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), []float64{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	// Fiscal years from February, named by their end year: February–April
	// 2024 is FY2025 Q1.
	for i, want := range []string{"FY2025 Q1", "FY2025 Q2", "FY2025 Q3"} {
		if got := s.Points[i].Period.Name; got != want {
			t.Errorf("point %d is %s, want %s", i, got, want)
		}
	}
	next, err := s.Next(2)
	if err != nil {
		t.Fatal(err)
	}
	if next[0].Name != "FY2025 Q4" || next[1].Name != "FY2026 Q1" || !next[0].Start.Equal(time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Next(2) = %v", next)
	}
	if s.SeasonLength() != 4 || (Series{}).SeasonLength() != 12 {
		t.Errorf("SeasonLength = %d, %d; want 4, 12", s.SeasonLength(), Series{}.SeasonLength())
	}
	gap := s
	gap.Points = []Point{s.Points[0], s.Points[2]}
	bad := s
	bad.Points = append([]Point(nil), s.Points...)
	bad.Points[1].Period.End = bad.Points[1].Period.End.Add(time.Hour)
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"gap", gap.Validate(), ErrGap},
		{"not a calendar period", bad.Validate(), ErrInvalidSeries},
		{"empty", Series{}.Validate(), ErrInvalidSeries},
		{"no values", second(NewSeries(cal, activity.Monthly, time.Now(), nil)), ErrInvalidSeries},
		{"NaN", second(NewSeries(cal, activity.Monthly, time.Now(), []float64{1, nan()})), ErrInvalidSeries},
		{"bad granularity", second(NewSeries(cal, 99, time.Now(), []float64{1})), activity.ErrInvalidGranularity},
		{"horizon 0", second(s.Next(0)), ErrInvalidOptions},
		{"next of empty", second(Series{}.Next(1)), ErrInvalidSeries},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func nan() float64 { var z float64; return z / z }
