package performance

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

var q2 = activity.Period{Start: date(2024, 4, 1), End: date(2024, 7, 1), Name: "2024 Q2"}

// pipelineRecords: open deals looked at on 15 April 2024.
//
//	P1 ann demo (default 0.40)        1000.00 expected 10 May  pipeline   created 1 Mar
//	P2 ann proposal, own 0.75         2000.00 expected 1 Jun   commit     created 1 Feb
//	P3 bob negotiation (0.80)          500.50 expected 10 Apr  best case  created 1 Jan
//	P4 bob qualification (0.20)        300.00 expected 1 Aug   pipeline   created 1 Apr
//	P5 won, not in any pipeline
//	P6 cy prospecting (0.10)           100.00 no expected close, no category, created 14 Apr
func pipelineRecords() activity.Records {
	amt := decimal.RequireFromString
	open := func(id, owner string, stage activity.Stage, amount string, expected time.Time, cat activity.ForecastCategory, created time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Stage: stage, Status: activity.StatusOpen, Amount: amt(amount), Currency: "USD",
			ExpectedCloseAt: expected, ForecastCategory: cat, CreatedAt: created}
	}
	deals := []activity.Deal{
		open("P1", "ann", activity.StageDemo, "1000.00", date(2024, 5, 10), activity.ForecastPipeline, date(2024, 3, 1)),
		open("P2", "ann", activity.StageProposal, "2000.00", date(2024, 6, 1), activity.ForecastCommit, date(2024, 2, 1)),
		open("P3", "bob", activity.StageNegotiation, "500.50", date(2024, 4, 10), activity.ForecastBestCase, date(2024, 1, 1)),
		open("P4", "bob", activity.StageQualification, "300.00", date(2024, 8, 1), activity.ForecastPipeline, date(2024, 4, 1)),
		{ID: "P5", Owner: "ann", Stage: activity.StageClosedWon, Status: activity.StatusWon, Amount: amt("999"), Currency: "USD",
			CreatedAt: date(2024, 1, 1), ClosedAt: date(2024, 4, 2), ExpectedCloseAt: date(2024, 5, 1)},
		open("P6", "cy", activity.StageProspecting, "100.00", time.Time{}, activity.ForecastNone, date(2024, 4, 14)),
	}
	deals[1].Probability = activity.Some(amt("0.75"))
	return activity.Records{
		Deals: deals,
		StageChanges: []activity.StageChange{
			{Deal: "P1", To: activity.StageDemo, At: date(2024, 4, 1)},
			{Deal: "P2", To: activity.StageProposal, At: date(2024, 3, 1)},
		},
		Activities: []activity.Activity{
			{ID: "a1", Rep: "ann", Kind: activity.KindCall, Deal: "P2", At: date(2024, 4, 10)},
			{ID: "a2", Rep: "bob", Kind: activity.KindCall, Deal: "P3", At: date(2024, 3, 1)},
		},
	}
}

func TestOpenPipeline(t *testing.T) {
	t.Parallel()
	ix, err := activity.NewIndex(pipelineRecords(), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	asOf := date(2024, 4, 15)
	got, err := OpenPipeline(ix.All(), q2, PipelineOptions{AsOf: asOf, StaleAfterDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	d := decimal.RequireFromString
	// Expected in Q2: P1, P2, P3. Amount 1000 + 2000 + 500.50 = 3500.50.
	// Weighted 1000 × 0.40 + 2000 × 0.75 + 500.50 × 0.80 = 400 + 1500 + 400.40.
	// Overdue: P3 (10 April). Stale (no touch since 16 March): P3, whose last
	// touch is an activity on 1 March; P1 moved on 1 April, P2 had a call on
	// 10 April. Ages 45, 74 and 105 days.
	want := Pipeline{
		Scope: "all", Period: q2, AsOf: asOf, Deals: 3, Amount: d("3500.50"), Weighted: d("2300.40"), Currency: "USD",
		Overdue: 1, OverdueAmount: d("500.50"), Stale: 1, StaleAmount: d("500.50"), StaleAfterDays: 30,
		MeanAgeDays: (45.0 + 74 + 105) / 3, OldestAgeDays: 105,
		ByCategory: []CategoryTotal{
			{activity.ForecastPipeline, 1, d("1000"), d("400"), 3, d("3500.50"), d("2300.40")},
			{activity.ForecastBestCase, 1, d("500.50"), d("400.40"), 2, d("2500.50"), d("1900.40")},
			{activity.ForecastCommit, 1, d("2000"), d("1500"), 1, d("2000"), d("1500")},
			{activity.ForecastClosed, 0, d("0"), d("0"), 0, d("0"), d("0")},
			{activity.ForecastOmitted, 0, d("0"), d("0"), 0, d("0"), d("0")},
			{activity.ForecastNone, 0, d("0"), d("0"), 0, d("0"), d("0")},
		},
	}
	opts := cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 })}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("OpenPipeline (-want +got):\n%s", diff)
	}

	// All open: P4 and P6 too. 3500.50 + 300 + 100; weighted + 300 × 0.20 +
	// 100 × 0.10.
	all, err := OpenPipeline(ix.All(), q2, PipelineOptions{AsOf: asOf, Selection: AllOpen})
	if err != nil {
		t.Fatal(err)
	}
	if all.Deals != 5 || !all.Amount.Equal(d("3900.50")) || !all.Weighted.Equal(d("2370.40")) || all.Overdue != 1 || all.Stale != 0 {
		t.Errorf("OpenPipeline(all open) = %v", all)
	}

	// Without a funnel there are no stage defaults: only P2 is weighted.
	bare, err := activity.NewIndex(pipelineRecords(), activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err = OpenPipeline(bare.All(), q2, PipelineOptions{AsOf: asOf})
	if err != nil || !got.Weighted.Equal(d("1500")) || got.Unweighted != 2 || !got.Amount.Equal(d("3500.50")) {
		t.Errorf("OpenPipeline(no funnel) = %v, %v; want weighted 1500 with 2 unweighted", got, err)
	}
}

func TestOpenPipelineErrors(t *testing.T) {
	t.Parallel()
	r := pipelineRecords()
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	r.Deals[2].Currency = "EUR"
	mixed, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"bad period", errOf(OpenPipeline(ix.All(), activity.Period{}, PipelineOptions{})), activity.ErrInvalidPeriod},
		{"bad selection", errOf(OpenPipeline(ix.All(), q2, PipelineOptions{Selection: 7})), ErrInvalidOptions},
		{"negative stale", errOf(OpenPipeline(ix.All(), q2, PipelineOptions{StaleAfterDays: -2})), ErrInvalidOptions},
		{"mixed currencies", errOf(OpenPipeline(mixed.All(), q2, PipelineOptions{})), ErrMixedCurrencies},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
	// An empty pipeline is a zero, not an error.
	july := activity.Period{Start: date(2024, 9, 1), End: date(2024, 10, 1)}
	if got, err := OpenPipeline(ix.All(), july, PipelineOptions{}); err != nil || got.Deals != 0 || !got.Amount.IsZero() {
		t.Errorf("OpenPipeline(empty) = %v, %v", got, err)
	}
}

func TestOpenPipelineBy(t *testing.T) {
	t.Parallel()
	ix, err := activity.NewIndex(pipelineRecords(), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	d := decimal.RequireFromString
	gs, err := OpenPipelineBy(ix.All(), q2, activity.ByRep(), PipelineOptions{AsOf: date(2024, 4, 15), Selection: AllOpen})
	if err != nil {
		t.Fatal(err)
	}
	// ann: P1 1000 × 0.40 + P2 2000 × 0.75 = 1900 of 3000; bob: P3 500.50 ×
	// 0.80 + P4 300 × 0.20 = 460.40 of 800.50; cy: P6 100 × 0.10 = 10.
	want := []struct{ key, amount, weighted string }{{"ann", "3000", "1900"}, {"bob", "800.50", "460.40"}, {"cy", "100", "10"}}
	if len(gs) != len(want) {
		t.Fatalf("OpenPipelineBy(rep) = %+v", gs)
	}
	for i, w := range want {
		if gs[i].Key != w.key || !gs[i].Result.Amount.Equal(d(w.amount)) || !gs[i].Result.Weighted.Equal(d(w.weighted)) {
			t.Errorf("group %d = %s %s / %s, want %s %s / %s", i, gs[i].Key, gs[i].Result.Amount, gs[i].Result.Weighted, w.key, w.amount, w.weighted)
		}
	}
	// By month of expected close: April P3, May P1, June P2.
	gs, err = OpenPipelineBy(ix.All(), q2, activity.ByPeriod(activity.Calendar{}, 0), PipelineOptions{AsOf: date(2024, 4, 15)})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 || !gs[0].Result.Amount.Equal(d("500.50")) || !gs[1].Result.Amount.Equal(d("1000")) || !gs[2].Result.Amount.Equal(d("2000")) {
		t.Errorf("OpenPipelineBy(month) = %+v", gs)
	}
	if _, err := OpenPipelineBy(ix.All(), q2, activity.By{}, PipelineOptions{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("OpenPipelineBy(by nothing) = %v, want ErrInvalidOptions", err)
	}
	if _, err := OpenPipelineBy(ix.All(), activity.Period{}, activity.ByRep(), PipelineOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("OpenPipelineBy(bad period) = %v, want ErrInvalidPeriod", err)
	}
}

// TestOpenPipelineRewinds: a pipeline looked at in the past takes the deals
// open then, including those closed since, weighted by their stage then.
// A (10,000) reached demo on 01-10 and proposal on 02-15 and was won on
// 03-01; B (5,000) sits in qualification; C was lost on 01-20.
//
//	as of 02-01: A at demo 0.40, B 0.20: 15,000, weighted 4,000 + 1,000 = 5,000
//	as of 02-20: A at proposal 0.60:      15,000, weighted 6,000 + 1,000 = 7,000
//	as of 03-05: A is won, only B:          5,000, weighted 1,000
func TestOpenPipelineRewinds(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("A", "ann", "10000", "2025-01-06").To(activity.StageDemo, "2025-01-10").To(activity.StageProposal, "2025-02-15").Won("2025-03-01")
	b.Deal("B", "ann", "5000", "2025-01-08").To(activity.StageQualification, "2025-01-09").Expected("2025-03-20")
	b.Deal("C", "ann", "3000", "2025-01-05").Lost("2025-01-20", "price")
	ix := b.Index(activity.IndexOptions{})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01")}
	for _, tc := range []struct {
		asOf             string
		deals            int64
		amount, weighted string
	}{
		{"2025-02-01", 2, "15000", "5000"},
		{"2025-02-20", 2, "15000", "7000"},
		{"2025-03-05", 1, "5000", "1000"},
	} {
		pl, err := OpenPipeline(ix.All(), q1, PipelineOptions{Selection: AllOpen, AsOf: b.Time(tc.asOf)})
		if err != nil {
			t.Fatal(err)
		}
		if pl.Deals != tc.deals || !pl.Amount.Equal(decimal.RequireFromString(tc.amount)) || !pl.Weighted.Equal(decimal.RequireFromString(tc.weighted)) {
			t.Errorf("as of %s: %d deals, %v, weighted %v; want %d, %s, %s", tc.asOf, pl.Deals, pl.Amount, pl.Weighted, tc.deals, tc.amount, tc.weighted)
		}
	}
}
