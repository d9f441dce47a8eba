package forecast

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"
)

type holdoutRef struct {
	CustomersTotal  int     `json:"customers_total"`
	DurationHoldout float64 `json:"duration_holdout"`
	Customers       []struct {
		Customer string  `json:"customer"`
		X        int     `json:"x"`
		TX       float64 `json:"t_x"`
		T        float64 `json:"t"`
		Holdout  int     `json:"holdout"`
	} `json:"customers"`
	HoldoutTotal int                `json:"holdout_total"`
	BGNBD        map[string]float64 `json:"bgnbd"`
	Groups       []struct {
		Frequency int     `json:"frequency"`
		Customers int     `json:"customers"`
		Actual    float64 `json:"actual"`
		Predicted float64 `json:"predicted"`
	} `json:"groups"`
	PredictedTotal float64 `json:"predicted_total"`
	MAE            float64 `json:"mae"`
	RMSE           float64 `json:"rmse"`
}

var holdoutCDNOW = HoldoutOptions{
	SummaryOptions: SummaryOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), Unit: cbWeek},
	ObservationEnd: time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
}

// TestHoldoutCDNOW: CDNOW's transactions split at 1997-09-30 with a
// holdout to 1998-06-30 (39 weeks) summarise as lifetimes'
// calibration_and_holdout_data does, and a BG/NBD at lifetimes' fit on the
// calibration predicts the holdout as lifetimes does, group by group
// (testdata/holdout_ref.py).
func TestHoldoutCDNOW(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/holdout_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref holdoutRef
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	hs, err := SummarizeHoldout(cbTransactions(t), holdoutCDNOW)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != ref.CustomersTotal {
		t.Fatalf("%d customers, want %d", len(hs), ref.CustomersTotal)
	}
	byID := map[string]HoldoutSummary{}
	total := 0
	for _, h := range hs {
		byID[h.Customer] = h
		total += h.Purchases
		if h.Length != ref.DurationHoldout {
			t.Fatalf("holdout length %v, want %v", h.Length, ref.DurationHoldout)
		}
	}
	if total != ref.HoldoutTotal {
		t.Errorf("%d holdout purchase days, want %d", total, ref.HoldoutTotal)
	}
	for _, w := range ref.Customers {
		h := byID[w.Customer]
		if h.X != w.X || h.TX != w.TX || h.T != w.T || h.Purchases != w.Holdout {
			t.Errorf("customer %s: %+v, want x %d, t_x %v, T %v, holdout %d", w.Customer, h, w.X, w.TX, w.T, w.Holdout)
		}
	}
	m := BGNBD{R: ref.BGNBD["r"], Alpha: ref.BGNBD["alpha"], A: ref.BGNBD["a"], B: ref.BGNBD["b"]}
	c, err := CheckHoldout(m, hs, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Groups) != len(ref.Groups) || c.Customers != ref.CustomersTotal {
		t.Fatalf("%d groups of %d customers, want %d of %d", len(c.Groups), c.Customers, len(ref.Groups), ref.CustomersTotal)
	}
	for i, w := range ref.Groups {
		g := c.Groups[i]
		if g.Frequency != w.Frequency || g.Customers != w.Customers || g.Plus != (w.Frequency == 7) ||
			!cbClose(g.Actual, w.Actual, 1e-12, 0) || !cbClose(g.Predicted, w.Predicted, 1e-9, 0) {
			t.Errorf("group %d: %+v, want %+v", i, g, w)
		}
	}
	if c.Actual != float64(ref.HoldoutTotal) || !cbClose(c.Predicted, ref.PredictedTotal, 1e-9, 0) ||
		!cbClose(c.MAE, ref.MAE, 1e-9, 0) || !cbClose(c.RMSE, ref.RMSE, 1e-9, 0) {
		t.Errorf("totals %v / %v, MAE %v, RMSE %v; want %v / %v, %v, %v", c.Actual, c.Predicted, c.MAE, c.RMSE,
			ref.HoldoutTotal, ref.PredictedTotal, ref.MAE, ref.RMSE)
	}
	// Our own fit on the calibration summaries predicts the same groups
	// to the fits' agreement.
	cal := make([]CustomerSummary, len(hs))
	for i, h := range hs {
		cal[i] = h.CustomerSummary
	}
	fit, err := FitBGNBD(cal, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	own, err := CheckHoldout(fit, hs, 0)
	if err != nil || !cbClose(own.Predicted, ref.PredictedTotal, 1e-5, 0) {
		t.Errorf("own fit predicts %v, %v; lifetimes' %v", own.Predicted, err, ref.PredictedTotal)
	}
}

func TestHoldoutErrors(t *testing.T) {
	t.Parallel()
	txs := cbTransactions(t)
	early := holdoutCDNOW
	early.ObservationEnd = early.CalibrationEnd
	late := holdoutCDNOW
	late.CalibrationEnd, late.ObservationEnd = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1999, 6, 1, 0, 0, 0, 0, time.UTC)
	noUnit := holdoutCDNOW
	noUnit.Unit = 0
	hs := []HoldoutSummary{{CustomerSummary: CustomerSummary{X: 1, TX: 1, T: 2}, Purchases: 1, Length: 3}}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"observation end on the calibration end", errOnly(SummarizeHoldout(txs, early)), ErrInvalidOptions},
		{"no unit", errOnly(SummarizeHoldout(txs, noUnit)), ErrInvalidOptions},
		{"nothing in the holdout", errOnly(SummarizeHoldout(txs, late)), ErrTooFewPoints},
		{"invalid transaction", errOnly(SummarizeHoldout([]Transaction{{Customer: ""}}, holdoutCDNOW)), ErrInvalidTransaction},
		{"no summary", errOnly(CheckHoldout(BGNBD{R: 1, Alpha: 1, A: 1, B: 1}, nil, 0)), ErrInvalidOptions},
		{"negative max frequency", errOnly(CheckHoldout(BGNBD{R: 1, Alpha: 1, A: 1, B: 1}, hs, -1)), ErrInvalidOptions},
		{"no model", errOnly(CheckHoldout(nil, hs, 0)), ErrInvalidOptions},
		{"a nil *BGNBD", errOnly(CheckHoldout((*BGNBD)(nil), hs, 0)), ErrInvalidOptions},
		{"a nil *MBGNBD", errOnly(CheckHoldout((*MBGNBD)(nil), hs, 0)), ErrInvalidOptions},
		{"invalid model", errOnly(CheckHoldout(BGNBD{}, hs, 0)), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
