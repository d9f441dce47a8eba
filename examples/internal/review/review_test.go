package review

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/performance"
)

func sampleOptions(t *testing.T, months int) (*activity.Index, Options) {
	t.Helper()
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	r := activitytest.Generate(activitytest.Config{Seed: 3, Start: start, Months: months})
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	cal := activity.Calendar{}
	end := start.AddDate(0, months, 0)
	period, err := cal.Quarter(end.Add(-time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	next, err := cal.Quarter(period.End)
	if err != nil {
		t.Fatal(err)
	}
	return ix, Options{Period: period, Next: next, AsOf: end, Cal: cal, Scope: "company"}
}

// TestTrendHoltWinters: three years of months give a Holt-Winters forecast
// of the next quarter's three months, from each month's bookings.
func TestTrendHoltWinters(t *testing.T) {
	ix, o := sampleOptions(t, 36)
	tr, err := trend(ix.All(), o)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Method != "holt_winters" || tr.Confidence != 0.95 || tr.Currency != "USD" {
		t.Errorf("method %q, confidence %v, currency %q", tr.Method, tr.Confidence, tr.Currency)
	}
	if len(tr.History) < 24 || len(tr.History) > TrendMonths {
		t.Fatalf("%d months of history", len(tr.History))
	}
	if last := tr.History[len(tr.History)-1].Period; !last.End.Equal(o.Period.End) {
		t.Errorf("history ends %v, want the period's end %v", last.End, o.Period.End)
	}
	values := make([]float64, len(tr.History))
	for i, pt := range tr.History {
		b, err := performance.Bookings(ix.All(), pt.Period, performance.BookingsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if pt.Value != b.Amount.InexactFloat64() {
			t.Errorf("%s: %v, bookings %v", pt.Period.Name, pt.Value, b.Amount)
		}
		values[i] = pt.Value
	}
	s, err := forecast.NewSeries(o.Cal, activity.Monthly, tr.History[0].Period.Start, values)
	if err != nil {
		t.Fatal(err)
	}
	hw, err := forecast.HoltWinters(s, forecast.HoltWintersOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := hw.Forecast(3)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Forecast) != 3 {
		t.Fatalf("%d months forecast, want the next quarter's 3", len(tr.Forecast))
	}
	for i, f := range tr.Forecast {
		if f != want[i] || !f.Period.Start.Before(o.Next.End) || f.Period.Start.Before(o.Next.Start) {
			t.Errorf("forecast %d: %+v, want %+v in %s", i, f, want[i], o.Next.Name)
		}
	}
}

// TestTrendLinear: under two years, a linear trend.
func TestTrendLinear(t *testing.T) {
	ix, o := sampleOptions(t, 12)
	tr, err := trend(ix.All(), o)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Method != "linear" || len(tr.Forecast) != 3 || len(tr.History) < minTrendMonths || len(tr.History) > 12 {
		t.Errorf("method %q, %d months, %d forecast", tr.Method, len(tr.History), len(tr.Forecast))
	}
}

// TestTrendTooFewMonths: fewer months than a forecast needs is undefined,
// reported by the review, not an error.
func TestTrendTooFewMonths(t *testing.T) {
	ix, o := sampleOptions(t, 4)
	_, err := trend(ix.All(), o)
	var few errTooFewMonths
	if !errors.As(err, &few) || !Undefined(err) {
		t.Fatalf("trend of 4 months: %v", err)
	}
	rv, err := Compute(ix.All(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rv.Trend != nil || rv.Undefined["trend"] == "" {
		t.Errorf("trend %v, undefined %q", rv.Trend, rv.Undefined["trend"])
	}
}

// TestForecastTarget: the forecast of the next period is measured against
// the reps' bookings quotas within it, summed by hand from the records.
func TestForecastTarget(t *testing.T) {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	r := activitytest.Generate(activitytest.Config{Seed: 3, Start: start, Months: 12})
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	cal := activity.Calendar{}
	period, _ := cal.Quarter(time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC))
	next, _ := cal.Quarter(period.End)
	o := Options{Period: period, Next: next, AsOf: period.End, Cal: cal, Scope: "company"}
	want := decimal.Zero
	for _, q := range r.Quotas {
		if a, ok := q.Amount.Get(); ok && q.Rep != "" && (q.Metric == "" || q.Metric == "bookings") && !q.Period.Start.Before(next.Start) && !q.Period.End.After(next.End) {
			want = want.Add(a)
		}
	}
	if want.IsZero() {
		t.Fatal("the generated book has no quota in the next quarter")
	}
	rv, err := Compute(ix.All(), o)
	if err != nil {
		t.Fatal(err)
	}
	f := rv.Forecast
	if f == nil {
		t.Fatalf("no forecast: %v", rv.Undefined)
	}
	if got, ok := f.Target.Get(); !ok || !got.Equal(want) {
		t.Errorf("target %v, want the quotas' %v", f.Target, want)
	}
	if _, ok := f.ProbabilityOfTarget.Get(); !ok {
		t.Error("no chance of the target")
	}
	// A quota in another currency than the forecast's: no target.
	r.Quotas = append(r.Quotas, activity.Quota{Rep: r.Reps[0].ID, Period: next, Amount: activity.Some(decimal.NewFromInt(5)), Currency: "EUR"})
	ix, err = activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	if got := nextTarget(ix.All(), o); got.Valid {
		t.Errorf("target %v with a EUR quota among USD deals", got)
	}
}
