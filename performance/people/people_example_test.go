package people_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// Four reps over three months: calls and meetings logged, and one deal won
// each month. The regression of won amount on the two counts, with
// standard errors clustered by rep, gives what statsmodels gives (OLS with
// cov_type "cluster", R² 0.939; call 170.8, SE 45.34; meeting 2,367, SE
// 255.9): meetings go with results (p 0.003); calls do too once meetings
// are held fixed (p 0.03), though on their own they correlate negatively.
// An association, not a cause.
func ExampleActivityAssociation() {
	type month struct {
		calls, meetings int
		won             int64
	}
	book := map[string][3]month{
		"ann": {{20, 4, 9000}, {25, 5, 12000}, {18, 3, 7000}},
		"bob": {{30, 2, 5000}, {35, 3, 8000}, {28, 1, 3000}},
		"cy":  {{10, 6, 11000}, {12, 5, 9000}, {15, 7, 14000}},
		"dee": {{22, 2, 2000}, {19, 4, 7000}, {24, 3, 6000}},
	}
	var rec activity.Records
	for _, rep := range []string{"ann", "bob", "cy", "dee"} {
		for m, mo := range book[rep] {
			start := time.Date(2025, time.Month(1+m), 1, 9, 0, 0, 0, time.UTC)
			for i := range mo.calls + mo.meetings {
				kind := activity.KindCall
				if i >= mo.calls {
					kind = activity.KindMeeting
				}
				rec.Activities = append(rec.Activities, activity.Activity{ID: fmt.Sprintf("%s-%d-%d", rep, m, i), Rep: rep, Kind: kind, At: start.Add(time.Duration(i) * time.Hour)})
			}
			rec.Deals = append(rec.Deals, activity.Deal{ID: fmt.Sprintf("%s-%d", rep, m), Owner: rep, Amount: decimal.NewFromInt(mo.won), Currency: "USD",
				Status: activity.StatusWon, Stage: activity.StageClosedWon, CreatedAt: start.AddDate(0, -1, 0), ClosedAt: start.AddDate(0, 0, 20)})
		}
	}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	a, err := people.ActivityAssociation(ix.All(), q1, people.AssociationOptions{
		Kinds: []activity.Kind{activity.KindCall, activity.KindMeeting},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a)
	// Output:
	// 2025 Q1: won_amount on activity counts, 12 rep-periods of 4 reps, R² 0.939 (association, not cause)
	//   call       r -0.453  coefficient        170.8 (clustered SE 45.34, p 0.0327)
	//   meeting    r +0.934  coefficient         2367 (clustered SE 255.9, p 0.00267)
}

// A KPI's values for a team of three over three months: ann is top and
// improving, cy low every month. In the last month (14, 8, 4): the team's
// mean is 8.67 and its sample standard deviation 5.03, so ann's z-score is
// (14 − 8.67) / 5.03 = 1.06; her percentile is 2 of the 2 others below = 1.
// Her slope is 2 a month, cy's (5, 6, 4) −0.5, the team mean's 0.5.
func ExamplePeers() {
	standings, err := people.Peers([]people.PeerSeries{
		{Rep: "ann", Team: "east", Values: []float64{10, 12, 14}},
		{Rep: "bob", Team: "east", Values: []float64{8, 8, 8}},
		{Rep: "cy", Team: "east", Values: []float64{5, 6, 4}},
	}, people.PeerOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range standings {
		fmt.Printf("%s: %v, percentile %.2f, z %+.2f, slope %+.1f (team %+.1f), top %v, low %v\n",
			s.Rep, s.Value, s.Percentile, s.Z, s.Slope, s.TeamSlope, s.Top, s.Low)
	}
	// Output:
	// ann: 14, percentile 1.00, z +1.06, slope +2.0 (team +0.5), top true, low false
	// bob: 8, percentile 0.50, z -0.13, slope +0.0 (team +0.5), top false, low false
	// cy: 4, percentile 0.00, z -0.93, slope -0.5 (team +0.5), top false, low true
}

// Three new hires: ann won her first deal 40 days after her start, bob 60
// days after his, cy none in the 90 days to the data's date. Kaplan–Meier
// with cy censored: S(40) = 2/3, S(60) = 1/3, so the median is 60 days.
func ExampleTimeToRamp() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	won := func(id, owner string, at time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Amount: decimal.NewFromInt(5000), Currency: "USD", Status: activity.StatusWon,
			Stage: activity.StageClosedWon, CreatedAt: at.AddDate(0, 0, -10), ClosedAt: at}
	}
	rec := activity.Records{
		Reps:  []activity.Rep{{ID: "ann", HiredAt: day(1, 6)}, {ID: "bob", HiredAt: day(2, 3)}, {ID: "cy", HiredAt: day(3, 3)}},
		Deals: []activity.Deal{won("A1", "ann", day(2, 15)), won("B1", "bob", day(4, 4))},
	}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := people.TimeToRamp(ix, people.RampOptions{AsOf: day(6, 1)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	for _, h := range r.Reps {
		fmt.Printf("%s: %.0f days, reached %v\n", h.Rep, h.Days, h.Reached)
	}
	// Output:
	// first deal: 2 of 3 hires, median 60.0 days (1 still ramping)
	// ann: 40 days, reached true
	// bob: 60 days, reached true
	// cy: 90 days, reached false
}
