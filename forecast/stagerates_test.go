package forecast

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

func TestStageWinRates(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-02").Source("partner").To(activity.StageQualification, "2025-01-05").To(activity.StageDemo, "2025-01-09").Won("2025-02-01")
	b.Deal("D2", "ann", "100", "2025-01-02").Source("partner").To(activity.StageQualification, "2025-01-06").Lost("2025-02-02", "price")
	b.Deal("D3", "bob", "100", "2025-01-03").Source("direct").Won("2025-02-03")
	b.Deal("D4", "bob", "100", "2025-01-03").Source("direct").To(activity.StageQualification, "2025-01-07").To(activity.StageDemo, "2025-01-10").Lost("2025-02-04", "price")
	b.Deal("D5", "bob", "100", "2025-01-04").Source("direct").Lost("2025-02-05", "no_decision")
	ix := b.Index(activity.IndexOptions{})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
	r, err := StageWinRates(ix.All(), StageWinOptions{Training: q1, By: activity.DimensionSource, MinSample: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Reached the stage or a later one (a win reaches every stage):
	// prospecting all five, 2 won: 0.4; qualification D1–D4: 0.5; demo D1,
	// D3, D4: 2/3; proposal and negotiation D1, D3: 1. Partner (D1, D2):
	// prospecting and qualification 1/2; demo only D1 reached it, under
	// the minimum of 2: the company's 2/3. Direct (D3–D5): prospecting
	// 1/3, qualification and demo D3, D4: 1/2; proposal only D3: 1.
	want := map[string]string{
		"/prospecting": "0.4", "/qualification": "0.5", "/demo": "0.66666666666666666667", "/proposal": "1", "/negotiation": "1",
		"partner/prospecting": "0.5", "partner/qualification": "0.5", "partner/demo": "0.66666666666666666667",
		"direct/prospecting": "0.33333333333333333333", "direct/qualification": "0.5", "direct/demo": "0.5", "direct/proposal": "1",
	}
	for _, x := range r.Rates {
		key := x.Group + "/" + string(x.Stage)
		if w, ok := want[key]; ok && !x.Rate.Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s: %s (%d of %d, fallback %v), want %s", key, x.Rate, x.Won, x.Reached, x.Fallback, w)
		}
	}
	if p, ok := r.Probability("partner", activity.StageDemo); !ok || !p.Equal(decimal.RequireFromString("0.66666666666666666667")) {
		t.Errorf("Probability(partner, demo) = %s, %v", p, ok)
	}
	if p, ok := r.Probability("unknown", activity.StageQualification); !ok || !p.Equal(decimal.RequireFromString("0.5")) {
		t.Errorf("an unknown group falls back: %s, %v", p, ok)
	}
	for _, tc := range []struct {
		name string
		opts StageWinOptions
	}{
		{"no training", StageWinOptions{}},
		{"by rep", StageWinOptions{Training: q1, By: activity.DimensionRep}},
		{"negative minimum", StageWinOptions{Training: q1, MinSample: -1}},
	} {
		if _, err := StageWinRates(ix.All(), tc.opts); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}
