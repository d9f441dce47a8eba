package customers_test

import (
	"fmt"

	"github.com/salesmetrics/salesmetrics/performance/customers"
)

// Ten customers: how many days each has been a customer, and whether it has
// churned (ended) or is still a customer (censored).
func ExampleSurvivalTally() {
	book := []struct {
		days    float64
		churned bool
	}{
		{30, true}, {45, false}, {60, true}, {60, true}, {90, false},
		{120, true}, {150, false}, {180, true}, {365, false}, {400, false},
	}
	var tally customers.SurvivalTally
	for _, c := range book {
		if err := tally.Add(c.days, c.churned); err != nil {
			fmt.Println(err)
			return
		}
	}
	s, err := tally.Result(customers.SurvivalOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	for _, p := range s.Curve {
		fmt.Printf("day %3.0f: %2d at risk, %d churned  S = %.3f  95%% CI %.3f–%.3f\n",
			p.Days, p.AtRisk, p.Ended, p.Survival, p.Low, p.High)
	}
	// Output:
	// 10 lifetimes, 5 ended: median 180.0 days (95% CI 60.0 to not reached)
	// day  30: 10 at risk, 1 churned  S = 0.900  95% CI 0.732–1.000
	// day  60:  8 at risk, 2 churned  S = 0.675  95% CI 0.430–1.000
	// day 120:  5 at risk, 1 churned  S = 0.540  95% CI 0.288–1.000
	// day 180:  3 at risk, 1 churned  S = 0.360  95% CI 0.130–0.996
}

// At reads the curve at any day: the share of customers expected to stay
// longer than that. Here S is exactly one half from day 60 to day 120, so
// the median is their midpoint, as R's survival reports it.
func ExampleSurvival_At() {
	var tally customers.SurvivalTally
	for _, d := range []float64{30, 60, 60, 120, 180} {
		_ = tally.Add(d, true)
	}
	_ = tally.Add(200, false)
	s, _ := tally.Result(customers.SurvivalOptions{Transform: customers.LogLogCI, Confidence: 0.9})
	for _, day := range []float64{0, 30, 90, 365} {
		fmt.Printf("S(%v) = %.3f\n", day, s.At(day))
	}
	fmt.Println(s)
	// Output:
	// S(0) = 1.000
	// S(30) = 0.833
	// S(90) = 0.500
	// S(365) = 0.167
	// 6 lifetimes, 5 ended: median 90.0 days (90% CI 30.0–180.0)
}

// The median by each convention, where the curve is exactly one half over
// a stretch (S = 0.75, 0.5, 0.25, 0 at months 1 to 4), and the restricted
// mean lifetime over the first three months (1 + 0.75 + 0.5; R's rmean
// and se(rmean) print 2.25 and 0.4145780988).
func ExampleMedianRule() {
	var tally customers.SurvivalTally
	for _, months := range []float64{1, 2, 3, 4} {
		_ = tally.Add(months, true)
	}
	for _, rule := range []customers.MedianRule{customers.MedianMidpoint, customers.MedianBelowHalf, customers.MedianAtMostHalf} {
		s, _ := tally.Result(customers.SurvivalOptions{Median: rule, Unit: "months"})
		m, _ := s.Median.Get()
		fmt.Printf("%-12s %.1f\n", rule, m)
	}
	s, _ := tally.Result(customers.SurvivalOptions{Unit: "months"})
	r, _ := s.RestrictedMean(3)
	fmt.Printf("mean to 3 months: %.2f (SE %.2f)\n", r.Mean, r.StdErr)
	// Output:
	// midpoint     2.5
	// below_half   3.0
	// at_most_half 2.0
	// mean to 3 months: 2.25 (SE 0.41)
}
