package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzRunRate projects arbitrary amounts at arbitrary moments of a month:
// an error from the documented set, or a projection that is the amount
// scaled by total / elapsed (at least the amount for a positive one), and
// the amount itself once the month is over.
func FuzzRunRate(f *testing.F) {
	f.Add(int64(3100000), int64(15*24*3600), true)
	f.Add(int64(-5), int64(-1), false)
	f.Fuzz(func(t *testing.T, cents, seconds int64, working bool) {
		march := activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025-03"}
		asOf := march.Start.Add(time.Duration(seconds%(40*86400)) * time.Second)
		opts := RunRateOptions{}
		if working {
			opts.Days = WorkingDays
		}
		toDate := decimal.New(cents, -2)
		r, err := RunRate(toDate, march, asOf, opts)
		if err != nil {
			if errors.Is(err, ErrUndefined) {
				return
			}
			t.Fatal(err)
		}
		if r.Elapsed <= 0 || r.Elapsed > r.Total {
			t.Fatalf("elapsed %v of %v", r.Elapsed, r.Total)
		}
		if toDate.IsPositive() && r.Projected.LessThan(toDate) {
			t.Fatalf("projection %s below the amount %s", r.Projected, toDate)
		}
		if !asOf.Before(march.End) && !r.Projected.Equal(toDate) {
			t.Fatalf("after the month: %s, want %s", r.Projected, toDate)
		}
		fuzzRender(t, "RunRate", r)
	})
}
