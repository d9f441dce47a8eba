package customers

import (
	"fmt"

	"github.com/salesmetrics/salesmetrics/activity"
)

// ratioScale is the number of decimal places exact ratios are rounded to
// (half away from zero), as in the deal KPIs.
const ratioScale = 20

func checkPeriod(p activity.Period) error { return p.Validate() }

func periodName(p activity.Period) string {
	if p.Name != "" {
		return p.Name
	}
	return p.String()
}

// checkBy validates a breakdown's grouping; an invalid one wraps both
// ErrInvalidOptions and what activity.By.Validate reports.
func checkBy(by activity.By) error {
	if err := by.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	return nil
}
