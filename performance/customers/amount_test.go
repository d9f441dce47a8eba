package customers

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestRecordsNeedAmounts: a subscription, a change and a spend record
// without an amount do not decode (absent is not zero); with 0 they do.
func TestRecordsNeedAmounts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		v    any
		in   string
		want error
	}{
		{"subscription without", &Subscription{}, `{"account":"a","start":"2025-01-01"}`, activity.ErrMissingField},
		{"subscription null", &Subscription{}, `{"account":"a","amount":null}`, activity.ErrMissingField},
		{"subscription NaN", &Subscription{}, `{"account":"a","amount":"NaN"}`, activity.ErrInvalidAmount},
		{"subscription zero", &Subscription{}, `{"account":"a","amount":"0"}`, nil},
		{"change without", &AmountChange{}, `{"at":"2025-02-01"}`, activity.ErrMissingField},
		{"change", &AmountChange{}, `{"at":"2025-02-01","amount":150}`, nil},
		{"spend blank", &Spend{}, `{"date":"2025-02-01","amount":""}`, activity.ErrMissingField},
		{"spend", &Spend{}, `{"date":"2025-02-01","amount":"100","currency":"USD"}`, nil},
	} {
		err := json.Unmarshal([]byte(tc.in), tc.v)
		if (tc.want == nil && err != nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}
