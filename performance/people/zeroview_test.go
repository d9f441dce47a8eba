package people

import (
	"errors"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestZeroView: the people KPIs over a view return activity.ErrZeroView for
// the zero View instead of panicking.
func TestZeroView(t *testing.T) {
	t.Parallel()
	var v activity.View
	q := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	_, e1 := EffortVsResults(v, q, QuadrantOptions{})
	_, e2 := Scorecards(v, q, ScorecardOptions{})
	_, e3 := ActivityAssociation(v, q, AssociationOptions{})
	_, e4 := Points(v, q, PointWeights{})
	_, e5 := Contest(v, q, PointWeights{}, RankOptions{})
	for i, err := range []error{e1, e2, e3, e4, e5} {
		if !errors.Is(err, activity.ErrZeroView) {
			t.Errorf("KPI %d (zero View) = %v, want activity.ErrZeroView", i+1, err)
		}
	}
	if _, err := TimeToRamp(nil, RampOptions{AsOf: q.End}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("TimeToRamp(nil) = %v, want ErrInvalidOptions", err)
	}
}
