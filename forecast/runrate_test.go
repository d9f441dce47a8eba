package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestRunRate(t *testing.T) {
	t.Parallel()
	march := activity.Period{Start: utc(2025, 3, 1), End: utc(2025, 4, 1), Name: "2025-03"}
	for _, tc := range []struct {
		name    string
		asOf    time.Time
		opts    RunRateOptions
		want    string
		elapsed float64
	}{
		// 31,000 in 15.5 of March's 31 days: 62,000.
		{"half the month", utc(2025, 3, 16).Add(12 * time.Hour), RunRateOptions{}, "62000", 15.5},
		// 10 of 31 days: 31,000 × 31 / 10.
		{"ten days", utc(2025, 3, 11), RunRateOptions{}, "96100", 10},
		// Working days, Monday to Friday: before 10 March 2025 there are 5
		// (3–7 March; the 10th itself has not gone by); March has 21.
		// 31,000 × 21 / 5 = 130,200.
		{"working days", utc(2025, 3, 10), RunRateOptions{Days: WorkingDays}, "130200", 5},
		// After the period: what was booked.
		{"after the end", utc(2025, 4, 5), RunRateOptions{}, "31000", 31},
		{"after the end, working days", utc(2025, 4, 5), RunRateOptions{Days: WorkingDays}, "31000", 21},
	} {
		r, err := RunRate(decimal.NewFromInt(31000), march, tc.asOf, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !r.Projected.Equal(decimal.RequireFromString(tc.want)) || r.Elapsed != tc.elapsed {
			t.Errorf("%s: RunRate = %v, want %s after %v days", tc.name, r, tc.want, tc.elapsed)
		}
	}
	for _, tc := range []struct {
		name string
		asOf time.Time
		opts RunRateOptions
		p    activity.Period
		want error
	}{
		{"at the start", utc(2025, 3, 1), RunRateOptions{}, march, ErrUndefined},
		{"before the start", utc(2025, 2, 1), RunRateOptions{}, march, ErrUndefined},
		{"weekend only", utc(2025, 3, 3), RunRateOptions{Days: WorkingDays}, march, ErrUndefined}, // 1–2 March are a weekend
		{"bad basis", utc(2025, 3, 3), RunRateOptions{Days: 5}, march, ErrInvalidOptions},
		{"bad period", utc(2025, 3, 3), RunRateOptions{}, activity.Period{}, activity.ErrInvalidPeriod},
		{"bad calendar", utc(2025, 3, 5), RunRateOptions{Days: WorkingDays, Calendar: activity.Calendar{Holidays: []time.Time{{}}}}, march, activity.ErrInvalidCalendar},
	} {
		if _, err := RunRate(decimal.NewFromInt(1), tc.p, tc.asOf, tc.opts); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestRunRateCurrency checks that a run rate named in a currency reads as
// money in it, rounded to its minor units.
func TestRunRateCurrency(t *testing.T) {
	t.Parallel()
	march := activity.Period{Start: utc(2025, 3, 1), End: utc(2025, 4, 1), Name: "2025-03"}
	// 1,000.4 yen in 10 of 31 days: 3,101.24, shown to whole yen.
	r, err := RunRate(d("1000.4"), march, utc(2025, 3, 11), RunRateOptions{Currency: "JPY"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.String(), "2025-03: run rate 3101 JPY (1000 JPY in 10 of 31 days)"; got != want || r.Currency != "JPY" {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if _, err := RunRate(d("1"), march, utc(2025, 3, 11), RunRateOptions{Currency: "yen"}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("RunRate(currency yen) error = %v, want ErrInvalidOptions", err)
	}
}
