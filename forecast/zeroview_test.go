package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestZeroView: the forecasts over a view return activity.ErrZeroView for
// the zero View instead of panicking.
func TestZeroView(t *testing.T) {
	t.Parallel()
	var v activity.View
	q := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	_, e1 := BookingsDistribution(v, q, OutcomeOptions{})
	_, e2 := FitWinModel(v, WinModelOptions{})
	_, e3 := StageWinRates(v, StageWinOptions{})
	_, e4 := CallAccuracy(v, nil, CallOptions{})
	for i, err := range []error{e1, e2, e3, e4} {
		if !errors.Is(err, activity.ErrZeroView) {
			t.Errorf("forecast %d (zero View) = %v, want activity.ErrZeroView", i+1, err)
		}
	}
}
