package main

import (
	"fmt"
	"io"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// ownMetric defines a KPI of the team's own from building blocks, the
// enterprise demo-to-close rate (of the enterprise deals whose history shows
// a demo, the share won after it), and prints it for the company and by
// team in the same shape as the built-in KPIs, with its formula.
func ownMetric(w io.Writer, ix *activity.Index, window activity.Period) error {
	hadDemo := performance.Measure{
		Of:    performance.DealRecords,
		Where: performance.And(performance.SegmentIs("enterprise"), performance.EnteredStage(activity.StageDemo)),
	}
	demoToClose := performance.Metric{
		Name: "enterprise demo-to-close", Unit: "share",
		Value: hadDemo.And(performance.WonAfterStage(activity.StageDemo)),
		Per:   &hadDemo,
	}
	all, err := performance.MetricOf(ix.All(), window, demoToClose)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nA metric of your own: %v\n  %s\n", all, all.Formula)
	byTeam, err := performance.MetricBy(ix.All(), window, activity.ByTeam(), demoToClose)
	if err != nil {
		return err
	}
	for _, g := range byTeam {
		if g.Undefined != "" {
			fmt.Fprintf(w, "  %-8s undefined: %s\n", g.Key, g.Undefined)
			continue
		}
		fmt.Fprintf(w, "  %-8s %5.1f%% (%s of %s)\n", g.Key, 100*g.Result.Float, g.Result.Numerator, g.Result.Denominator)
	}
	return nil
}
