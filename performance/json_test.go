package performance

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
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
	groups, err := WinRateBy(ix.All(), q1, By{Dimension: Rep}, WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ss := mustBook(t)
	mov, err := Movements(ss, jan25)
	if err != nil {
		t.Fatal(err)
	}
	ret, err := Retention(ss, janFeb25, RetentionOptions{Compounding: CompoundMonthly})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Cohorts(ss, janFeb25, By{Dimension: Period})
	if err != nil {
		t.Fatal(err)
	}
	arpa, err := ARPA(ss, jan25, ARPAOptions{})
	if err != nil {
		t.Fatal(err)
	}
	churn, err := RevenueChurnRate(ss, jan25, RevenueChurnOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		v    any
		want []string
	}{
		// customerBook's January (see TestMovements), February and cohorts.
		{mov, []string{`"opening":"463.333333333333"`, `"closing":"580"`, `"new_customers":1`}},
		{ret, []string{`"starting":"463.333333333333"`, `"steps":[{`, `"ending":"530"`}},
		{rows, []string{`"starting":"140"`, `"mrr":["100","100"]`}},
		{arpa, []string{`"arpa":"96.666666666667"`}},
		{churn, []string{`"churn":"33.333333333333"`, `"gross_exact":"0.24460431654676258993"`}},
		{customerBook()[0], []string{`"amount":"100"`, `"changes":[{"at":"2025-02-10T00:00:00Z","amount":"150"}]`}},
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
