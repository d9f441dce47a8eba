package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestLimits: horizons past MaxHorizon, trials past MaxTrials and nil
// models are errors, not a crash or an allocation that exhausts memory.
func TestLimits(t *testing.T) {
	t.Parallel()
	s, err := NewSeries(activity.Calendar{}, activity.Monthly, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		[]float64{5, 7, 9, 11, 10, 12, 14, 13, 15, 17, 16, 18, 20, 19, 21, 23, 22, 24, 26, 25, 27, 29, 28, 30})
	if err != nil {
		t.Fatal(err)
	}
	lm, err := Linear(s, LinearOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hw, err := HoltWinters(s, HoltWintersOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, q2 := threeDeals(t)
	var nilLinear *LinearModel
	var nilHW *HoltWintersModel
	for name, err := range map[string]error{
		"linear huge horizon": second(lm.Forecast(1 << 40)),
		"linear past max":     second(lm.Forecast(MaxHorizon + 1)),
		"hw huge horizon":     second(hw.Forecast(1 << 40)),
		"series next":         second(s.Next(MaxHorizon + 1)),
		"nil linear model":    second(nilLinear.Forecast(1)),
		"nil holt-winters":    second(nilHW.Forecast(1)),
		"trials past max":     second(BookingsDistribution(ix.All(), q2, OutcomeOptions{MonteCarlo: true, Trials: MaxTrials + 1})),
	} {
		if !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", name, err)
		}
	}
	if p, err := lm.Forecast(MaxHorizon); err != nil || len(p) != MaxHorizon {
		t.Errorf("Forecast(MaxHorizon): %d predictions, %v", len(p), err)
	}
}
