package compensation

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestRecordsNeedAmounts: invoices, payments, credit notes and credits
// without an amount do not decode (absent is not zero); their times read
// any form activity.DecodeTime reads.
func TestRecordsNeedAmounts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		v    any
		in   string
		want error
	}{
		{"invoice without", &Invoice{}, `{"id":"I","deal":"D","at":"2025-01-05"}`, activity.ErrMissingField},
		{"payment null", &Payment{}, `{"invoice":"I","amount":null}`, activity.ErrMissingField},
		{"credit note NaN", &CreditNote{}, `{"invoice":"I","amount":"NaN"}`, activity.ErrInvalidAmount},
		{"credit blank", &Credit{}, `{"id":"C","rep":"ann","amount":""}`, activity.ErrMissingField},
		{"credit bad time", &Credit{}, `{"id":"C","rep":"ann","amount":"1","at":"5/1/2025"}`, activity.ErrInvalidTime},
	} {
		if err := json.Unmarshal([]byte(tc.in), tc.v); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	var inv Invoice
	if err := json.Unmarshal([]byte(`{"id":"I","deal":"D","amount":"0","at":"2025-01-05"}`), &inv); err != nil ||
		!inv.Amount.IsZero() || !inv.At.Equal(time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("invoice of 0 on a date = %+v, %v", inv, err)
	}
	var c Credit
	if err := json.Unmarshal([]byte(`{"id":"C","rep":"ann","amount":12.5,"at":1736035200000}`), &c); err != nil || c.Amount.String() != "12.5" {
		t.Errorf("credit = %+v, %v", c, err)
	}
}
