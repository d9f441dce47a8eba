package performance

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestDealSize(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	ix := outcomeIndex(t, outcomeDeals())
	pix, err := activity.NewIndex(pipelineRecords(), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	type sizes struct{ N, Total, Mean, Median, P25, P75, P90, Min, Max string }
	for _, tc := range []struct {
		name string
		ix   *activity.Index
		p    activity.Period
		opt  DealSizeOptions
		want sizes
	}{
		// Won in Q1: 500, 1000. Type 7 with n = 2: h = q, so the median is
		// 500 + 0.5 × 500 = 750, P25 625, P75 875, P90 950.
		{"won", ix, q1, DealSizeOptions{}, sizes{"2", "1500", "750", "750", "625", "875", "950", "500", "1000"}},
		// Closed in Q1: 500, 1000, 1500, 2000, 3000. h = 4q: median x[2] =
		// 1500, P25 x[1] = 1000, P75 x[3] = 2000, P90 h = 3.6: 2000 + 0.6 ×
		// 1000 = 2600 (numpy.percentile(..., 90) gives 2600 too).
		{"closed", ix, q1, DealSizeOptions{Selection: SizeClosed}, sizes{"5", "8000", "1600", "1500", "1000", "2000", "2600", "500", "3000"}},
		// Won in Q2 (P5 999) and open expected in Q2 (P1 1000, P2 2000, P3
		// 500.50): sorted 500.50, 999, 1000, 2000; mean 4499.50 / 4 =
		// 1124.875; h = 3q: median 999 + 0.5 × 1 = 999.5, P25 h = 0.75: 500.50
		// + 0.75 × 498.50 = 874.375, P75 h = 2.25: 1000 + 0.25 × 1000 = 1250,
		// P90 h = 2.7: 1700.
		{"open and won", pix, q2, DealSizeOptions{Selection: SizeOpenAndWon}, sizes{"4", "4499.50", "1124.875", "999.5", "874.375", "1250", "1700", "500.50", "2000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DealSizeOf(tc.ix.All(), tc.p, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			w := tc.want
			if n := d(w.N).IntPart(); got.Deals != n || got.Currency != "USD" {
				t.Errorf("Deals = %d %s, want %d USD", got.Deals, got.Currency, n)
			}
			for _, c := range []struct {
				name      string
				got, want decimal.Decimal
			}{{"Total", got.Total, d(w.Total)}, {"Mean", got.Mean, d(w.Mean)}, {"Median", got.Median, d(w.Median)},
				{"P25", got.P25, d(w.P25)}, {"P75", got.P75, d(w.P75)}, {"P90", got.P90, d(w.P90)},
				{"Min", got.Min, d(w.Min)}, {"Max", got.Max, d(w.Max)}} {
				if !c.got.Equal(c.want) {
					t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestDealSizeBy(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	gs, err := DealSizeBy(ix.All(), q1, activity.ByRep(), DealSizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Won in Q1: ann D1 1000, bob D3 500; cy won nothing and is left out.
	type row struct {
		Key    string
		Median string
	}
	var got []row
	for _, g := range gs {
		got = append(got, row{g.Key, g.Result.Median.String()})
	}
	if diff := cmp.Diff([]row{{"ann", "1000"}, {"bob", "500"}}, got); diff != "" {
		t.Errorf("DealSizeBy(rep) (-want +got):\n%s", diff)
	}
	// By month, every month is listed; March has no won deal.
	gs, err = DealSizeBy(ix.All(), q1, activity.ByPeriod(activity.Calendar{}, 0), DealSizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 || gs[2].Undefined == "" || gs[0].Result.Deals != 1 || gs[1].Result.Deals != 1 {
		t.Errorf("DealSizeBy(month) = %+v", gs)
	}
}

func TestDealSizeErrors(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	june := activity.Period{Start: date(2024, 6, 1), End: date(2024, 7, 1)}
	deals := outcomeDeals()
	deals[0].Currency = "EUR"
	mixed := outcomeIndex(t, deals)
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no won", errOf(DealSizeOf(ix.All(), june, DealSizeOptions{})), ErrNoWonDeals},
		{"no closed", errOf(DealSizeOf(ix.All(), june, DealSizeOptions{Selection: SizeClosed})), ErrNoDeals},
		{"bad selection", errOf(DealSizeOf(ix.All(), q1, DealSizeOptions{Selection: 9})), ErrInvalidOptions},
		{"bad period", errOf(DealSizeOf(ix.All(), activity.Period{}, DealSizeOptions{})), activity.ErrInvalidPeriod},
		{"mixed", errOf(DealSizeOf(mixed.All(), q1, DealSizeOptions{})), ErrMixedCurrencies},
		{"by mixed", errOf(DealSizeBy(mixed.All(), q1, activity.BySegment(), DealSizeOptions{})), ErrMixedCurrencies},
		{"by nothing", errOf(DealSizeBy(ix.All(), q1, activity.By{}, DealSizeOptions{})), ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestDealSizeTallyMerge(t *testing.T) {
	t.Parallel()
	var a, b, whole DealSizeTally
	for i, s := range []string{"5", "1.25", "3", "10"} {
		x := decimal.RequireFromString(s)
		whole.Add(x, "USD")
		if i%2 == 0 {
			a.Add(x, "USD")
		} else {
			b.Add(x, "USD")
		}
	}
	b.Merge(&a)
	got, err := b.Result("x", q1, DealSizeOptions{})
	want, err2 := whole.Result("x", q1, DealSizeOptions{})
	// Sorted 1.25, 3, 5, 10: median 4, mean 19.25 / 4 = 4.8125.
	if err != nil || err2 != nil || !got.Median.Equal(decimal.NewFromInt(4)) || !got.Mean.Equal(want.Mean) || !got.Mean.Equal(decimal.RequireFromString("4.8125")) {
		t.Errorf("merged %v, whole %v", got, want)
	}
}
