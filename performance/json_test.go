package performance

import (
	"encoding/json"
	"strings"
	"testing"

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
