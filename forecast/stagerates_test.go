package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
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

// TestStageWinRatesOwnWonStages learns rates on a funnel whose won stages
// have the host's names, two of them.
func TestStageWinRatesOwnWonStages(t *testing.T) {
	t.Parallel()
	funnel := activity.Funnel{Stages: []activity.FunnelStage{
		{Stage: "Discovery"}, {Stage: "Proposal"},
		{Stage: "Closed Won", Won: true}, {Stage: "Won Expansion", Won: true}, {Stage: "Closed Lost", Lost: true},
	}}
	day := func(d int) time.Time { return time.Date(2025, 1, d, 10, 0, 0, 0, time.UTC) }
	deal := func(id string, stage activity.Stage, status activity.Status, closed int) activity.Deal {
		return activity.Deal{ID: id, Owner: "ann", Amount: decimal.NewFromInt(100), Currency: "USD", Stage: stage, Status: status,
			CreatedAt: day(1), ClosedAt: day(closed)}
	}
	deals := []activity.Deal{
		deal("D1", "Closed Won", activity.StatusWon, 20), deal("D2", "Won Expansion", activity.StatusWon, 21),
		deal("D3", "Closed Lost", activity.StatusLost, 22), deal("D4", "Closed Lost", activity.StatusLost, 23),
	}
	ch := func(id string, to activity.Stage, d int) activity.StageChange {
		return activity.StageChange{Deal: id, To: to, At: day(d)}
	}
	changes := []activity.StageChange{
		ch("D1", "Discovery", 2), ch("D1", "Proposal", 5), ch("D1", "Closed Won", 20),
		ch("D2", "Discovery", 2), ch("D2", "Proposal", 6), ch("D2", "Won Expansion", 21),
		ch("D3", "Discovery", 3), ch("D3", "Closed Lost", 22),
		ch("D4", "Discovery", 3), ch("D4", "Proposal", 7), ch("D4", "Closed Lost", 23),
	}
	ix, err := activity.NewIndex(activity.Records{Deals: deals, StageChanges: changes}, activity.IndexOptions{Funnel: funnel})
	if err != nil {
		t.Fatal(err)
	}
	q1 := activity.Period{Start: day(1), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	r, err := StageWinRates(ix.All(), StageWinOptions{Training: q1})
	if err != nil {
		t.Fatal(err)
	}
	// Discovery: all four reached it, D1 and D2 won (in either won stage):
	// 2/4. Proposal: D1, D2, D4 reached it: 2/3.
	want := map[activity.Stage]string{"Discovery": "0.5", "Proposal": "0.66666666666666666667"}
	for _, x := range r.Rates {
		if w := want[x.Stage]; !x.Rate.Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s: %s (%d of %d), want %s", x.Stage, x.Rate, x.Won, x.Reached, w)
		}
	}
	if len(r.Rates) != 2 {
		t.Errorf("%d rates, want the 2 open stages", len(r.Rates))
	}
}

// TestStageWinRatesReach learns the rates of TestStageWinRates' book under
// ReachedAtAnyTime: a stage counts only the deals whose history shows them
// in it. Qualification: D1, D2, D4, of which D1 won: 1/3; demo: D1, D4:
// 1/2; proposal and negotiation: no deal was shown there, undefined (under
// ReachedOrLater the wins D1 and D3 reached them: 1).
func TestStageWinRatesReach(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-02").To(activity.StageQualification, "2025-01-05").To(activity.StageDemo, "2025-01-09").Won("2025-02-01")
	b.Deal("D2", "ann", "100", "2025-01-02").To(activity.StageQualification, "2025-01-06").Lost("2025-02-02", "price")
	b.Deal("D3", "bob", "100", "2025-01-03").Won("2025-02-03")
	b.Deal("D4", "bob", "100", "2025-01-03").To(activity.StageQualification, "2025-01-07").To(activity.StageDemo, "2025-01-10").Lost("2025-02-04", "price")
	b.Deal("D5", "bob", "100", "2025-01-04").Lost("2025-02-05", "no_decision")
	ix := b.Index(activity.IndexOptions{})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01")}
	r, err := StageWinRates(ix.All(), StageWinOptions{Training: q1, Reach: performance.ReachedAtAnyTime})
	if err != nil {
		t.Fatal(err)
	}
	want := map[activity.Stage]string{activity.StageQualification: "0.33333333333333333333", activity.StageDemo: "0.5"}
	for _, x := range r.Rates {
		if w, ok := want[x.Stage]; ok && !x.Rate.Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s: %s (%d of %d), want %s", x.Stage, x.Rate, x.Won, x.Reached, w)
		}
		if (x.Stage == activity.StageProposal || x.Stage == activity.StageNegotiation) && x.Defined {
			t.Errorf("%s: defined (%d of %d), want undefined: no deal was shown there", x.Stage, x.Won, x.Reached)
		}
	}
	if r.Reach != performance.ReachedAtAnyTime {
		t.Errorf("Reach = %v", r.Reach)
	}
}
