package budget

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

// FuzzTrack tracks entries made from the bytes (few categories and teams,
// periods of a day to a year, some straddling the quarter) and checks:
// no panic; every error wraps a sentinel; the groups of a breakdown by
// category, team or month add up to the whole's budget and actual; the
// variance is actual − budget; the elapsed share is in [0, 1].
func FuzzTrack(f *testing.F) {
	f.Add([]byte{3, 1, 10, 30, 2, 0, 40, 5, 200, 1, 1, 2, 90, 7, 0, 3, 1, 60})
	f.Add([]byte{1, 0, 0, 255, 0, 1, 1, 1, 4, 2, 2, 8, 8, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		i := 0
		next := func() int {
			if i >= len(data) {
				return 0
			}
			i++
			return int(data[i-1])
		}
		base := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
		entry := func() Entry {
			start := base.Add(time.Duration(next()) * 12 * time.Hour)
			return Entry{Period: activity.Period{Start: start, End: start.Add(time.Duration(1+next()*3) * 24 * time.Hour)},
				Category: []string{"", "staff", "marketing", "tools"}[next()%4], Team: []string{"", "east", "west"}[next()%3],
				Amount: decimal.New(int64(next()*1000+next())-5, -int32(next()%3)), Currency: activity.Currency([]string{"USD", "USD", "USD", "EUR"}[next()%4])}
		}
		var budget, actual []Entry
		for range next() % 6 {
			budget = append(budget, entry())
		}
		for range next() % 6 {
			actual = append(actual, entry())
		}
		// Spend records and pay statements as actual entries: every one
		// valid, or an error wrapping a sentinel.
		var spend []activity.Spend
		var sts []compensation.Statement
		for range next() % 4 {
			at := base.Add(time.Duration(next()-50) * 24 * time.Hour)
			amount := decimal.New(int64(next())-3, -int32(next()%3))
			spend = append(spend, activity.Spend{Date: at, Amount: amount, Currency: activity.Currency([]string{"USD", "usd", ""}[next()%3]), Category: []string{"", "events"}[next()%2]})
			month := activity.Period{Start: at, End: at.AddDate(0, 1+next()%3, 0)}
			sts = append(sts, compensation.Statement{Rep: "ann", Period: month, Currency: "USD", Total: amount})
		}
		for _, conv := range []func() ([]Entry, error){
			func() ([]Entry, error) { return FromSpend(spend, activity.Calendar{}) },
			func() ([]Entry, error) {
				return FromStatements(sts, PayoutOptions{Timing: PayoutTiming(next() % 3), LagMonths: next()%4 - 1})
			},
		} {
			es, err := conv()
			if err != nil {
				if !errors.Is(err, ErrInvalidEntry) && !errors.Is(err, ErrInvalidOptions) {
					t.Fatalf("error wraps no sentinel: %v", err)
				}
				continue
			}
			for _, e := range es {
				if e.Validate() != nil {
					t.Fatalf("invalid entry %+v", e)
				}
			}
			actual = append(actual, es...)
		}
		q := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Name: "Q1"}
		opts := TrackOptions{AsOf: q.Start.Add(time.Duration(next()-20) * 24 * time.Hour)}
		whole, err := Track(budget, actual, q, opts)
		if err != nil {
			if !errors.Is(err, ErrInvalidEntry) && !errors.Is(err, ErrMixedCurrencies) && !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		if !whole.Variance.Equal(whole.Actual.Sub(whole.Budget)) || whole.Elapsed.IsNegative() || whole.Elapsed.GreaterThan(decimal.NewFromInt(1)) {
			t.Fatalf("tracking %+v", whole)
		}
		for _, by := range []Dimension{ByCategory, ByTeam, ByPeriod} {
			gs, err := TrackBy(budget, actual, q, by, opts)
			if err != nil {
				t.Fatalf("%v: %v", by, err)
			}
			var b, a decimal.Decimal
			for _, g := range gs {
				b, a = b.Add(g.Budget), a.Add(g.Actual)
			}
			// Each group rounds to 20 places: a few units of the last place apart.
			tol := decimal.New(int64(len(gs)+1), -20)
			if b.Sub(whole.Budget).Abs().GreaterThan(tol) || a.Sub(whole.Actual).Abs().GreaterThan(tol) {
				t.Fatalf("%v: groups add up to %s and %s, the whole is %s and %s", by, b, a, whole.Budget, whole.Actual)
			}
		}
	})
}
