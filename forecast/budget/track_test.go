package budget

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func day(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

func month(y int, m time.Month) activity.Period {
	return activity.Period{Start: day(y, m, 1), End: day(y, m+1, 1), Name: day(y, m, 1).Format("2006-01")}
}

var q1 = activity.Period{Start: day(2026, 1, 1), End: day(2026, 4, 1), Name: "FY2026 Q1"}

// trackBook: FY2026 Q1 budgeted at 10,000 a month of marketing, 50,000 a
// month of staff (team east) and an annual 12,000 of tools; spent 9,000
// and 12,500 on marketing in January and February, 3,000 on tools on 15
// January, 52,000 and 50,000 on staff.
func trackBook() (budget, actual []Entry) {
	year := activity.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1), Name: "2026"}
	for m := time.January; m <= time.March; m++ {
		budget = append(budget, Entry{Period: month(2026, m), Category: "marketing", Amount: d("10000"), Currency: "USD"},
			Entry{Period: month(2026, m), Category: "staff", Team: "east", Amount: d("50000"), Currency: "USD"})
	}
	budget = append(budget, Entry{Period: year, Category: "tools", Amount: d("12000"), Currency: "USD"})
	actual = []Entry{
		{Period: month(2026, 1), Category: "marketing", Amount: d("9000"), Currency: "USD"},
		{Period: month(2026, 2), Category: "marketing", Amount: d("12500"), Currency: "USD"},
		{Period: activity.Period{Start: day(2026, 1, 15), End: day(2026, 1, 16)}, Category: "tools", Amount: d("3000"), Currency: "USD"},
		{Period: month(2026, 1), Category: "staff", Team: "east", Amount: d("52000"), Currency: "USD"},
		{Period: month(2026, 2), Category: "staff", Team: "east", Amount: d("50000"), Currency: "USD"},
	}
	return budget, actual
}

// TestTrack: as of 1 March, 59 of Q1's 90 days. The expected values are
// testdata/track_expected.py's, from the definitions in exact fractions:
// budget 30,000 + 150,000 + 12,000 × 90/365; actual 126,500; projection
// 126,500 × 90/59.
func TestTrack(t *testing.T) {
	t.Parallel()
	budget, actual := trackBook()
	tr, err := Track(budget, actual, q1, TrackOptions{AsOf: day(2026, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ got, want decimal.Decimal }{
		"budget":           {tr.Budget, d("182958.90410958904109589041")},
		"actual":           {tr.Actual, d("126500")},
		"elapsed":          {tr.Elapsed, d("0.65555555555555555556")},
		"budget to date":   {tr.BudgetToDate, d("119939.7260273972602739726")},
		"variance":         {tr.Variance, d("-56458.90410958904109589041")},
		"variance pct":     {tr.VariancePct.Value, d("-0.3085879005690326445")},
		"variance to date": {tr.VarianceToDate, d("126500").Sub(d("119939.7260273972602739726"))},
		"projection":       {tr.Projection.Value, d("192966.10169491525423728814")},
		// Projection − Budget as shown (the script's exact difference,
		// …139772, rounds each term once fewer).
		"projected variance": {tr.ProjectedVariance.Value, d("192966.10169491525423728814").Sub(d("182958.90410958904109589041"))},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", name, c.got, c.want)
		}
	}
	if s := tr.String(); s != "all: 126500.00 USD of 182958.90 USD budget (69.1%), 65.6% of FY2026 Q1 elapsed; projected 192966.10 USD, 10007.20 USD over" {
		t.Errorf("String() = %q", s)
	}
	// At the end of the quarter (the default), nothing more was spent:
	// 126,500 of the budget, all of the time elapsed, the projection the
	// actual.
	end, err := Track(budget, actual, q1, TrackOptions{})
	if err != nil || !end.Elapsed.Equal(d("1")) || !end.Projection.Value.Equal(d("126500")) || !end.AsOf.Equal(q1.End) {
		t.Errorf("at the end: %+v, %v", end, err)
	}
	// At the start, nothing has elapsed: no projection.
	start, err := Track(budget, actual, q1, TrackOptions{AsOf: q1.Start})
	if err != nil || start.Projection.Valid || !start.Actual.IsZero() || !start.Elapsed.IsZero() {
		t.Errorf("at the start: %+v, %v", start, err)
	}
}

// TestTrackBy: the same quarter by category (marketing 30,000 against
// 21,500, projected 21,500 × 90/59; staff 150,000 against 102,000; tools
// 12,000 × 90/365 against 3,000), by team ("" for the entries without one)
// and by month (January's budget 60,000 + 12,000 × 31/365 against 64,000;
// March as of 1 March: its budget, nothing spent, no time elapsed).
func TestTrackBy(t *testing.T) {
	t.Parallel()
	budget, actual := trackBook()
	opts := TrackOptions{AsOf: day(2026, 3, 1)}
	cats, err := TrackBy(budget, actual, q1, ByCategory, opts)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Scope, Budget, Actual, Projection string }
	var got []row
	for _, c := range cats {
		got = append(got, row{c.Scope, c.Budget.String(), c.Actual.String(), c.Projection.Value.String()})
	}
	want := []row{
		{"category=marketing", "30000", "21500", "32796.61016949152542372881"},
		{"category=staff", "150000", "102000", "155593.22033898305084745763"},
		{"category=tools", "2958.90410958904109589041", "3000", "4576.27118644067796610169"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("by category (-want +got):\n%s", diff)
	}
	teams, err := TrackBy(budget, actual, q1, ByTeam, opts)
	if err != nil || len(teams) != 2 || teams[0].Scope != "team=" || !teams[1].Budget.Equal(d("150000")) {
		t.Errorf("by team: %v, %v", teams, err)
	}
	months, err := TrackBy(budget, actual, q1, ByPeriod, opts)
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, m := range months {
		got = append(got, row{m.Scope, m.Budget.String(), m.Actual.String(), m.Elapsed.String()})
	}
	want = []row{
		{"period=2026-01", "61019.17808219178082191781", "64000", "1"},
		{"period=2026-02", "60920.54794520547945205479", "62500", "1"},
		{"period=2026-03", "61019.17808219178082191781", "0", "0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("by month (-want +got):\n%s", diff)
	}
	if months[2].Projection.Valid || !months[2].VariancePct.Valid {
		t.Errorf("March: %+v", months[2])
	}
}

func TestTrackErrors(t *testing.T) {
	t.Parallel()
	budget, actual := trackBook()
	bad := func(e Entry) []Entry { return append(append([]Entry(nil), budget...), e) }
	for name, c := range map[string]struct {
		budget, actual []Entry
		p              activity.Period
		opts           TrackOptions
		want           error
	}{
		"no category":     {bad(Entry{Period: q1, Amount: d("1"), Currency: "USD"}), actual, q1, TrackOptions{}, ErrInvalidEntry},
		"negative":        {bad(Entry{Period: q1, Category: "x", Amount: d("-1"), Currency: "USD"}), actual, q1, TrackOptions{}, ErrInvalidEntry},
		"huge":            {bad(Entry{Period: q1, Category: "x", Amount: decimal.New(1, 40), Currency: "USD"}), actual, q1, TrackOptions{}, ErrInvalidEntry},
		"bad period":      {bad(Entry{Period: activity.Period{Start: q1.End, End: q1.Start}, Category: "x", Amount: d("1"), Currency: "USD"}), actual, q1, TrackOptions{}, ErrInvalidEntry},
		"bad currency":    {bad(Entry{Period: q1, Category: "x", Amount: d("1"), Currency: "usd"}), actual, q1, TrackOptions{}, ErrInvalidEntry},
		"two currencies":  {bad(Entry{Period: q1, Category: "x", Amount: d("1"), Currency: "EUR"}), actual, q1, TrackOptions{}, ErrMixedCurrencies},
		"reversed period": {budget, actual, activity.Period{Start: q1.End, End: q1.Start}, TrackOptions{}, ErrInvalidOptions},
		"as of before":    {budget, actual, q1, TrackOptions{AsOf: day(2025, 12, 1)}, ErrInvalidOptions},
		"bad granularity": {budget, actual, q1, TrackOptions{Granularity: 42}, ErrInvalidOptions},
	} {
		_, err := Track(c.budget, c.actual, c.p, c.opts)
		if name == "bad granularity" {
			_, err = TrackBy(c.budget, c.actual, c.p, ByPeriod, c.opts)
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
	if _, err := TrackBy(budget, actual, q1, 0, TrackOptions{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("no dimension: %v", err)
	}
	if _, err := TrackBy(budget, actual, q1, 9, TrackOptions{}); !errors.Is(err, ErrInvalidOptions) || Dimension(9).String() != "Dimension(9)" {
		t.Errorf("dimension 9: %v", err)
	}
}

// TestFromSpend: spend records become day-long actual entries of their
// category ("uncategorised" for none) and team.
func TestFromSpend(t *testing.T) {
	t.Parallel()
	spend := []activity.Spend{
		{Date: time.Date(2026, 2, 3, 15, 0, 0, 0, time.UTC), Amount: d("250"), Currency: "USD", Category: "events", Team: "east"},
		{Date: day(2026, 2, 4), Amount: d("75"), Currency: "USD"},
	}
	got, err := FromSpend(spend, activity.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Period.Start != day(2026, 2, 3) || got[0].Period.End != day(2026, 2, 4) || got[0].Category != "events" || got[0].Team != "east" ||
		got[1].Category != "uncategorised" || !got[1].Amount.Equal(d("75")) {
		t.Errorf("entries %+v", got)
	}
	if _, err := FromSpend([]activity.Spend{{Date: day(2026, 2, 4), Amount: d("-1"), Currency: "USD"}}, activity.Calendar{}); !errors.Is(err, ErrInvalidEntry) || !errors.Is(err, activity.ErrInvalidSpend) {
		t.Errorf("negative spend: %v", err)
	}
}
