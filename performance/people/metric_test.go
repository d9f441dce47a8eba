package people

import (
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// TestRevenuePerActivityMatchesEffort: on a generated book, the built-in
// revenue-per-activity metric by rep equals EffortVsResults' figure rep by
// rep (both are won amount closed in the window over the rep's activities).
func TestRevenuePerActivityMatchesEffort(t *testing.T) {
	t.Parallel()
	cfg := activitytest.Config{Seed: 7, Reps: 12, Teams: 3, Months: 12}
	ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	w := cfg.Window()
	gs, err := performance.MetricBy(ix.All(), w, activity.ByRep(), performance.RevenuePerActivityMetric())
	if err != nil {
		t.Fatal(err)
	}
	perAct := map[string]performance.MetricValue{}
	for _, g := range gs {
		if g.Undefined == "" {
			perAct[g.Key] = g.Result
		}
	}
	q, err := EffortVsResults(ix.All(), w, QuadrantOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range q.Reps {
		if v, ok := r.RevenuePerActivity.Get(); ok {
			checked++
			if !perAct[r.Rep].Value.Equal(v) {
				t.Errorf("%s: revenue per activity %v, EffortVsResults %v", r.Rep, perAct[r.Rep].Value, v)
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d reps compared", checked)
	}
}
