package main

import (
	"fmt"
	"io"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// people prints the reps' effort against their results in the quarter
// (activities against won bookings, split at the team's medians) and how
// long the new hires of the window took to win their first deal.
func people(w io.Writer, ix *activity.Index, window, quarter activity.Period) error {
	q, err := performance.EffortVsResults(ix.All(), quarter, performance.QuadrantOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nEffort against results, %v\n", q)
	ramp, err := performance.TimeToRamp(ix, performance.RampOptions{AsOf: window.End, HiredFrom: window.Start})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nNew hires since %s, time to a first won deal: %v\n", window.Start.Format(time.DateOnly), ramp)
	for _, r := range ramp.Reps {
		state := "still ramping"
		if r.Reached {
			state = "first deal " + r.At.Format(time.DateOnly)
		}
		fmt.Fprintf(w, "  %s hired %s: %5.1f days, %s\n", r.Rep, r.HiredAt.Format(time.DateOnly), r.Days, state)
	}
	return nil
}
