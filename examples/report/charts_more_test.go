package main

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
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

// TestChartsFromGeneratedData: the review of a generated company (three
// years, so the trend is Holt-Winters) draws every chart, each with a title
// and both axis labels, as SVG that parses and PNG that decodes.
func TestChartsFromGeneratedData(t *testing.T) {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	r := activitytest.Generate(activitytest.Config{Seed: 9, Start: start, Months: 36})
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	cal := activity.Calendar{}
	// The quarter before the last, so that the next one has quotas.
	period, _ := cal.Quarter(start.AddDate(0, 30, 0))
	next, _ := cal.Quarter(period.End)
	rv, err := review.Compute(ix.All(), review.Options{Period: period, Next: next, AsOf: period.End, Cal: cal, Scope: "company"})
	if err != nil {
		t.Fatal(err)
	}
	if rv.Trend == nil || rv.Trend.Method != "holt_winters" || rv.Forecast == nil || !rv.Forecast.Target.Valid {
		t.Fatalf("trend %v, forecast %v", rv.Trend, rv.Forecast)
	}
	cs := charts(Review{Review: rv})
	if len(cs) != 5 {
		t.Fatalf("%d charts, want 5", len(cs))
	}
	for _, c := range cs {
		if c.Plot == nil {
			t.Errorf("%s: %s", c.Name, c.Note)
			continue
		}
		for _, text := range []string{c.Plot.Title.Text, c.Plot.X.Label.Text, c.Plot.Y.Label.Text} {
			if text == "" {
				t.Errorf("%s: a title or axis label is empty", c.Name)
			}
		}
		svg, err := c.render("svg")
		if err != nil {
			t.Fatal(err)
		}
		texts := svgTexts(t, svg)
		for _, text := range []string{c.Plot.Title.Text, c.Plot.X.Label.Text, c.Plot.Y.Label.Text} {
			if !strings.Contains(texts, text) {
				t.Errorf("%s: the SVG lacks %q", c.Name, text)
			}
		}
		raw, err := c.render("png")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	if !strings.Contains(cs[4].Plot.Title.Text, "Holt-Winters") {
		t.Errorf("trend title %q", cs[4].Plot.Title.Text)
	}
}

// TestEmptyPeriodPage: a period before any deal still makes a page, every
// chart standing in as a note.
func TestEmptyPeriodPage(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-html", "-", "-period", "2023-Q1", filepath.Join(sample, "salesforce")}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	page := out.String()
	for _, h := range []string{"Funnel", "Attainment", "Next quarter", "Bookings trend", "Activity against results", "Not computed"} {
		if !strings.Contains(page, "<h2>"+h+"</h2>") {
			t.Errorf("no section %q for the empty period", h)
		}
	}
	if n := strings.Count(page, `<p class="note">not computed: `); n != 5 || strings.Contains(page, "<svg") {
		t.Errorf("%d notes standing for the charts (want 5), or a chart of nothing:\n%s", n, page)
	}
}
