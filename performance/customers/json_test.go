package customers

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

	ss := mustBook(t)
	mov, err := Movements(ss, jan25)
	if err != nil {
		t.Fatal(err)
	}
	ret, err := Retention(ss, janFeb25, RetentionOptions{Compounding: CompoundMonthly})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Cohorts(ss, janFeb25, activity.ByPeriod(activity.Calendar{}, 0))
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
