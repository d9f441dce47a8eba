package performance

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestResultsWriteDecimalsAsStrings(t *testing.T) {
	oldQuotes, oldTrim := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros
	decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = true, true
	defer func() { decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = oldQuotes, oldTrim }()

	ix := outcomeIndex(t, outcomeDeals())
	w, err := WinRate(ix.All(), q1, WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := DealSizeOf(ix.All(), q1, DealSizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	groups, err := WinRateBy(ix.All(), q1, activity.ByRep(), WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		v    any
		want []string
	}{
		// outcomeDeals' amounts are whole: 1000 + 500 won of 8000 closed.
		{w, []string{`"won_amount":"1500"`, `"closed_amount":"8000"`, `"basis":"count"`, `"won":2`}},
		// Won 500 and 1000: mean 750 (to 20 places), P90 500 + 0.9 × 500 = 950.0
		// (the digits the exact interpolation carries).
		{s, []string{`"total":"1500"`, `"mean":"750.00000000000000000000"`, `"p90":"950.0"`}},
		{groups, []string{`"key":"ann"`, `"won_amount":"1000"`}},
	} {
		b, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatal(err)
		}
		for _, frag := range tc.want {
			if !strings.Contains(string(b), frag) {
				t.Errorf("JSON %s\nlacks %s", b, frag)
			}
		}
	}
}

func TestResultsJSONRoundTrip(t *testing.T) {
	t.Parallel()
	// The values are made up, with every enum off its default where it has
	// one, so that decoding a name back to the zero value shows.
	est := time.FixedZone("EST", -5*60*60)
	period := activity.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, est), End: time.Date(2024, 4, 1, 0, 0, 0, 0, est), Name: "2024 Q1"}
	asOf := time.Date(2024, 2, 15, 9, 30, 0, 0, time.UTC)
	d := decimal.RequireFromString
	rate := StageRate{Deals: 3, Of: 4, Rate: 0.75, Defined: true}
	for _, tc := range []struct {
		name string
		in   any
	}{
		{"WinLoss", WinLoss{Scope: "ann", Period: period, Basis: ValueBasis, Cohort: CreatedInPeriod, Won: 2, Lost: 3,
			Stale: 1, Excluded: 1, WonAmount: d("1500.00"), ClosedAmount: d("8000.00"), Currency: "USD",
			Rate: 0.1875, LossRate: 0.8125}},
		{"DealSize", DealSize{Scope: "ann", Period: period, Selection: SizeOpenAndWon, Deals: 2, Total: d("1500"),
			Mean: d("750.00000000000000000000"), Median: d("750"), P25: d("625"), P75: d("875"), P90: d("950.0"),
			Min: d("500"), Max: d("1000"), Currency: "USD"}},
		{"Cycle", Cycle{Scope: "ann", Period: period, Selection: CycleClosed, Days: CalendarDays, Deals: 5,
			MeanDays: 31.5, MedianDays: 30, P75Days: 40.25, P90Days: 55, MinDays: 2, MaxDays: 61}},
		{"FunnelReport", FunnelReport{Scope: "ann", Period: period, Reach: PassedInOrder, Cohort: FunnelClosedInPeriod,
			AsOf: asOf, Deals: 4, Steps: []FunnelStep{{Stage: "qualify", Reached: 4, Next: rate,
				Cumulative: StageRate{Deals: 4, Of: 4, Rate: 1, Defined: true},
				Time:       StageTime{Deals: 4, MeanDays: 6.5, MedianDays: 6, Defined: true}, WinRate: rate}},
			Won: rate, Unplaced: 1}},
		{"Pipeline", Pipeline{Scope: "ann", Period: period, AsOf: asOf, Selection: AllOpen, Deals: 3,
			Amount: d("4500.00"), Weighted: d("1800.50"), Currency: "USD", Unweighted: 1,
			ByCategory: []CategoryTotal{{Category: activity.ForecastCommit, Deals: 1, Amount: d("2000"), Weighted: d("1800.50"),
				CumulativeDeals: 1, CumulativeAmount: d("2000"), CumulativeWeighted: d("1800.50")}},
			Overdue: 1, OverdueAmount: d("500"), Stale: 1, StaleAmount: d("500"), MeanAgeDays: 12.5,
			OldestAgeDays: 40, StaleAfterDays: 30}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(reflect.TypeOf(tc.in))
			if err := json.Unmarshal(b, back.Interface()); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", b, err)
			}
			// Decimals compare by value; times by instant (cmp uses
			// time.Time.Equal), as JSON keeps the offset, not the zone's name.
			eq := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
			if diff := cmp.Diff(tc.in, back.Elem().Interface(), eq); diff != "" {
				t.Errorf("JSON %s\nread back differently (-want +got):\n%s", b, diff)
			}
		})
	}
}
