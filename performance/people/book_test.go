package people

import (
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// The books of the scorecard tests.

// metricBook is activitytest.QuarterBook (its table is in its doc
// comment), as in performance's metric tests.
func metricBook(t *testing.T) (*activitytest.Book, *activity.Index) {
	return activitytest.QuarterBook(t)
}

func metricQ1(b *activitytest.Book) activity.Period { return activitytest.QuarterQ1(b) }

func generatedBook(t *testing.T, cfg activitytest.Config) (*activity.Index, activity.Period) {
	t.Helper()
	ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix, cfg.Window()
}

// metricByRep is m for every rep of ix in w with a defined value.
func metricByRep(t *testing.T, ix *activity.Index, w activity.Period, m performance.Metric) map[string]performance.MetricValue {
	t.Helper()
	gs, err := performance.MetricBy(ix.All(), w, activity.ByRep(), m)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]performance.MetricValue{}
	for _, g := range gs {
		if g.Undefined == "" {
			out[g.Key] = g.Result
		}
	}
	return out
}

// TestBuiltinMetrics: the built-in KPIs written as metrics give, rep by
// rep, what the dedicated functions give on a generated book.
