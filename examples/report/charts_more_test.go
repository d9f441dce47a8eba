package main

import (
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/customers"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// generatedCustomers turns a generated company's won deals into monthly
// subscriptions of their accounts; one in three stops after a number of
// months from its id's digits.
func generatedCustomers(t *testing.T) (*customers.Subscriptions, activity.Records) {
	t.Helper()
	r := activitytest.Generate(activitytest.Config{Seed: 11, Months: 24})
	var subs []customers.Subscription
	for i, d := range r.Deals {
		if d.Status != activity.StatusWon || d.Account == "" {
			continue
		}
		start := d.CloseTime(time.UTC).Truncate(24 * time.Hour)
		s := customers.Subscription{ID: d.ID, Account: d.Account, Product: d.ID, Start: start, Amount: d.Amount, Currency: d.Currency}
		if i%3 == 0 {
			s.End = start.AddDate(0, 1+i%11, 0)
		}
		subs = append(subs, s)
	}
	ss, err := customers.NewSubscriptions(subs, customers.SubscriptionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ss, r
}

// TestSurvivalChart: a generated customer base's Kaplan–Meier curve draws
// as steps with its band, labelled with the unit, the level and the median.
func TestSurvivalChart(t *testing.T) {
	ss, _ := generatedCustomers(t)
	s, err := customers.CustomerSurvival(ss, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), customers.SurvivalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := survivalChart(s)
	if c.Plot == nil {
		t.Fatal(c.Note)
	}
	svg, err := c.render("svg")
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	for _, want := range []string{"Kaplan–Meier, 95% band", "days", "still going (%)", "95% pointwise band", "survival"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q:\n%s", want, texts)
		}
	}
	if _, ok := s.Median.Get(); ok && !strings.Contains(texts, "median") {
		t.Errorf("the median is not in the title:\n%s", texts)
	}
	if _, err := c.render("png"); err != nil {
		t.Fatal(err)
	}
	if empty := survivalChart(customers.Survival{}); empty.Plot != nil || empty.Note == "" {
		t.Error("an empty curve drew a chart")
	}
}

// TestCohortChart: the quarterly cohorts of a generated customer base draw
// as a heat map with every cell's share written in it.
func TestCohortChart(t *testing.T) {
	ss, _ := generatedCustomers(t)
	cal := activity.Calendar{}
	year := activity.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2024-2025"}
	rows, err := customers.Cohorts(ss, year, activity.ByPeriod(cal, activity.Quarterly))
	if err != nil {
		t.Fatal(err)
	}
	c := cohortChart(rows)
	if c.Plot == nil {
		t.Fatal(c.Note)
	}
	svg, err := c.render("svg")
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	for _, want := range []string{"Customers still active by start cohort", "periods since joining", "cohort", rows[0].Cohort.Name, "100%"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q:\n%s", want, texts)
		}
	}
	if _, err := c.render("png"); err != nil {
		t.Fatal(err)
	}
	if empty := cohortChart([]customers.CohortRow{{Undefined: "no new customers"}}); empty.Plot != nil || empty.Note == "" {
		t.Error("cohorts with no customers drew a chart")
	}
}

// TestPeerChart: one rep's monthly bookings against the team's over six
// months of a generated company.
func TestPeerChart(t *testing.T) {
	r := activitytest.Generate(activitytest.Config{Seed: 5, Months: 12})
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	cal := activity.Calendar{}
	start := r.Deals[0].CreatedAt
	var periods []activity.Period
	for m := range 6 {
		p, err := cal.Month(start.AddDate(0, 4+m, 0))
		if err != nil {
			t.Fatal(err)
		}
		periods = append(periods, p)
	}
	byRep := map[string]*people.PeerSeries{}
	var order []string
	for k, p := range periods {
		groups, err := performance.BookingsBy(ix.All(), p, activity.ByRep(), performance.BookingsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			s := byRep[g.Key]
			if s == nil {
				team := ""
				for _, rep := range r.Reps {
					if rep.ID == g.Key && len(rep.Assignments) > 0 {
						team = rep.Assignments[0].Team
					}
				}
				s = &people.PeerSeries{Rep: g.Key, Team: team, Values: make([]float64, len(periods))}
				byRep[g.Key] = s
				order = append(order, g.Key)
			}
			s.Values[k] = g.Result.Amount.InexactFloat64()
		}
	}
	var series []people.PeerSeries
	for _, k := range order {
		series = append(series, *byRep[k])
	}
	rep := series[0].Rep
	c := peerChart(rep, series, periods, "bookings", "USD", map[string]string{rep: "Rowan"})
	if c.Plot == nil {
		t.Fatal(c.Note)
	}
	svg, err := c.render("svg")
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	for _, want := range []string{"Rowan against " + series[0].Team + ": bookings", "bookings (USD)", "team mean", "team range", periods[0].Name, periods[5].Name} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q:\n%s", want, texts)
		}
	}
	if _, err := c.render("png"); err != nil {
		t.Fatal(err)
	}
	if none := peerChart("nobody", series, periods, "bookings", "USD", nil); none.Plot != nil || !strings.Contains(none.Note, "nobody") {
		t.Errorf("a rep with no series drew a chart: %q", none.Note)
	}
}
