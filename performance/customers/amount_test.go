package customers

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

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

// TestSubscriptionTrailingZeros: 250 written with 16 decimal places is 250:
// accepted, and the same MRR as 250 written plainly. 0.0000000000001 (13
// places of value) is still refused.
func TestSubscriptionTrailingZeros(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	sub := func(amount string) Subscription {
		return Subscription{ID: "s", Account: "a", Product: "p", Start: start, Amount: decimal.RequireFromString(amount), Currency: "USD", BillingMonths: 1}
	}
	long, err := NewSubscriptions([]Subscription{sub("250.0000000000000000")}, SubscriptionOptions{})
	if err != nil {
		t.Fatalf("250 with 16 places: %v", err)
	}
	plain, err := NewSubscriptions([]Subscription{sub("250")}, SubscriptionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	at := start.AddDate(0, 1, 0)
	a := long.MRR("a", at)
	b := plain.MRR("a", at)
	if !a.Equal(b) || !a.Equal(decimal.NewFromInt(250)) {
		t.Errorf("MRR %s and %s, want 250 both", a, b)
	}
	if _, err := NewSubscriptions([]Subscription{sub("0.0000000000001")}, SubscriptionOptions{}); !errors.Is(err, ErrInvalidSubscription) {
		t.Errorf("13 places: %v, want ErrInvalidSubscription", err)
	}
}

// TestLTVBeyondFloat: a churn of 10^-320 gives a lifetime value beyond
// float64: an error (the exact value kept), not +Inf.
func TestLTVBeyondFloat(t *testing.T) {
	t.Parallel()
	v, err := LTV(decimal.NewFromInt(100), decimal.New(1, -320), LTVOptions{})
	if !errors.Is(err, ErrInvalidOptions) || v.Float != 0 || v.Value.IsZero() {
		t.Errorf("LTV(100, 1e-320) = %v (float %v), %v; want ErrInvalidOptions with the exact value", v.Value.Exponent(), v.Float, err)
	}
	if v, err := LTV(decimal.NewFromInt(100), decimal.RequireFromString("0.05"), LTVOptions{}); err != nil || v.Float != 2000 {
		t.Errorf("LTV(100, 0.05) = %v, %v; want 2000", v.Float, err)
	}
}
