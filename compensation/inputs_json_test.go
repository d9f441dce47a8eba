package compensation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestInputsJSON reads the plain inputs (weights, splits, cancellations)
// from JSON: their numbers through activity.DecodeAmount (a string or a
// number, required where absent is not zero, refused past
// activity.MaxAmountText before parsing), times in any form
// activity.DecodeTime reads.
func TestInputsJSON(t *testing.T) {
	t.Parallel()
	var w []Weight
	if err := json.Unmarshal([]byte(`[{"rep": "ann", "weight": "2.5"}, {"rep": "bob", "weight": 1}]`), &w); err != nil ||
		len(w) != 2 || !w[0].Weight.Equal(decimal.RequireFromString("2.5")) || !w[1].Weight.Equal(decimal.NewFromInt(1)) {
		t.Errorf("weights = %+v, %v", w, err)
	}
	var s Split
	if err := json.Unmarshal([]byte(`{"deal": "d1", "rep": "ann", "share": "0.5", "role": "overlay"}`), &s); err != nil ||
		!s.Share.Equal(decimal.RequireFromString("0.5")) || s.Role != "overlay" {
		t.Errorf("split = %+v, %v", s, err)
	}
	var c Cancellation
	if err := json.Unmarshal([]byte(`{"credit": "c1", "at": "2025-03-04"}`), &c); err != nil ||
		!c.Share.IsZero() || !c.At.Equal(time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("cancellation = %+v, %v; want all of it on 4 March", c, err)
	}
	if err := json.Unmarshal([]byte(`{"credit": "c1", "at": 1741046400000, "share": "0.25"}`), &c); err != nil ||
		!c.Share.Equal(decimal.RequireFromString("0.25")) || !c.At.Equal(time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("cancellation = %+v, %v; want a quarter on 4 March (1741046400000 ms)", c, err)
	}
	// A megabyte of digits is refused by its length, not parsed.
	huge := `"` + strings.Repeat("9", 1<<20) + `"`
	for name, tc := range map[string]struct {
		doc  string
		v    any
		want error
	}{
		"huge weight":      {`{"rep": "ann", "weight": ` + huge + `}`, &Weight{}, activity.ErrInvalidAmount},
		"no weight":        {`{"rep": "ann"}`, &Weight{}, activity.ErrMissingField},
		"weight not a num": {`{"rep": "ann", "weight": "lots"}`, &Weight{}, activity.ErrInvalidAmount},
		"huge share":       {`{"deal": "d", "rep": "ann", "share": ` + huge + `}`, &Split{}, activity.ErrInvalidAmount},
		"no share":         {`{"deal": "d", "rep": "ann"}`, &Split{}, activity.ErrMissingField},
		"huge cancel":      {`{"credit": "c", "share": ` + huge + `}`, &Cancellation{}, activity.ErrInvalidAmount},
		"cancel time":      {`{"credit": "c", "at": "soon"}`, &Cancellation{}, activity.ErrInvalidTime},
	} {
		if err := json.Unmarshal([]byte(tc.doc), tc.v); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", name, err, tc.want)
		}
	}
}
