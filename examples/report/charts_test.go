package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

var update = flag.Bool("update", false, "rewrite the README's chart image (doc/attainment.png)")

// sampleReview is the review of the Salesforce sample book, by rep.
func sampleReview(t *testing.T) Review {
	t.Helper()
	return sampleReviewArgs(t, "-by", "rep")
}

// sampleReviewArgs is the review of the Salesforce sample book with these
// flags.
func sampleReviewArgs(t *testing.T, flags ...string) Review {
	t.Helper()
	c, err := parse(append(flags, filepath.Join(sample, "salesforce")), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	rv, err := build(c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

// svgTexts parses an SVG document and returns its text content, failing on
// a document that is not well-formed XML with an svg root.
func svgTexts(t *testing.T, svg []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var texts []string
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	if root != "svg" {
		t.Fatalf("SVG root element %q", root)
	}
	return strings.Join(texts, "\n")
}

// TestCharts: every chart of the sample review draws, as SVG that parses
// and PNG that decodes, with its title and axis labels taken from the
// results (the period's name, the currency).
func TestCharts(t *testing.T) {
	rv := sampleReview(t)
	want := map[string][]string{
		"funnel":     {"Funnel, deals created in " + rv.Funnel.Period.Name, "deals reaching the stage", "stage (next step, cumulative conversion)", string(rv.Funnel.Steps[0].Stage)},
		"attainment": {"Quota attainment, " + periodLabel(rv.Attainment[0].Period) + " (USD quotas)", "attainment (% of quota)", "rep", "100% of quota"},
		"forecast":   {"Bookings forecast for " + rv.Forecast.Period.Name, "bookings (USD)", "P10 (low)", "P90 (high)"},
		"trend":      {"Monthly bookings and forecast (linear trend, 95% band)", "bookings (USD)", "month", "booked", "forecast", "95% prediction band", rv.Trend.History[0].Period.Name},
		"effort":     {"Activity against results, " + rv.Period.Name, "activities", "won bookings (USD)", "busy winning", "low on both", "efficient", "busy not converting", rv.Names[rv.Effort.Reps[0].Rep]},
	}
	cs := charts(rv)
	if len(cs) != len(want) {
		t.Fatalf("%d charts, want %d", len(cs), len(want))
	}
	for _, c := range cs {
		if c.Plot == nil {
			t.Errorf("%s: no chart: %s", c.Name, c.Note)
			continue
		}
		svg, err := c.render("svg")
		if err != nil {
			t.Fatal(err)
		}
		texts := svgTexts(t, svg)
		for _, w := range want[c.Name] {
			if !strings.Contains(texts, w) {
				t.Errorf("%s: SVG lacks the text %q; it has:\n%s", c.Name, w, texts)
			}
		}
		raw, err := c.render("png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: PNG does not decode: %v", c.Name, err)
		}
		if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 150 {
			t.Errorf("%s: PNG of %v", c.Name, b)
		}
	}
}

// TestAttainmentChartOrder: the bars run from the highest attainment to the
// lowest, reps named from the roster, quotas with no attainment left out.
func TestAttainmentChartOrder(t *testing.T) {
	q := activity.Period{Name: "FY2025 Q1"}
	att := []performance.QuotaAttainment{
		{Owner: "r1", Period: q, Currency: "EUR", AttainmentFloat: 0.5, Ramping: true},
		{Owner: "r2", Period: q, Currency: "EUR", AttainmentFloat: 1.25},
		{Owner: "r3", Period: q, Currency: "EUR", Undefined: "zero quota"},
		{Owner: "t1", Level: performance.TeamQuotas, Period: q, Currency: "EUR", AttainmentFloat: 3},
	}
	c := attainmentChart(att, map[string]string{"r2": "Rowan"})
	if c.Plot == nil {
		t.Fatal(c.Note)
	}
	svg, err := c.render("svg")
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	rowan, r1 := strings.Index(texts, "Rowan"), strings.Index(texts, "r1")
	if rowan < 0 || r1 < 0 || rowan > r1 || strings.Contains(texts, "r3") || strings.Contains(texts, "t1") {
		t.Errorf("labels in the wrong order or a quota that should be left out:\n%s", texts)
	}
	if !strings.Contains(texts, "(EUR quotas)") {
		t.Errorf("title lacks the currency:\n%s", texts)
	}
	if !strings.Contains(texts, "ramping rep") {
		t.Errorf("no legend for the ramping rep r1:\n%s", texts)
	}
	att[0].Ramping = false
	svg, err = attainmentChart(att, nil).render("svg")
	if err != nil {
		t.Fatal(err)
	}
	if texts := svgTexts(t, svg); strings.Contains(texts, "ramping rep") {
		t.Errorf("a legend for ramping reps when none is:\n%s", texts)
	}
}

// TestChartsWithNothingToDraw: an empty funnel, no quota and no open deal
// give notes, not charts and not panics; the page says them.
func TestChartsWithNothingToDraw(t *testing.T) {
	q := activity.Period{Name: "FY2025 Q3"}
	empty := []chart{
		funnelChart(performance.FunnelReport{Period: q}),
		funnelChart(performance.FunnelReport{Period: q, Steps: []performance.FunnelStep{{Stage: "demo"}}}),
		attainmentChart(nil, nil),
		attainmentChart([]performance.QuotaAttainment{{Owner: "r", Undefined: "zero quota"}}, nil),
		forecastChart(forecast.BookingsOutcome{Period: q}),
		trendChart(review.Trend{}),
		waterfallChart(forecast.Waterfall{Period: q}),
		effortChart(people.EffortQuadrants{Period: q}, nil),
	}
	for _, c := range empty {
		if c.Plot != nil || c.Note == "" {
			t.Errorf("%s: a chart of nothing (note %q)", c.Name, c.Note)
		}
		if _, err := c.render("svg"); err == nil {
			t.Errorf("%s: rendered with nothing to draw", c.Name)
		}
	}
	rv := Review{Review: review.Review{Period: q, Scope: "company",
		Funnel:     &performance.FunnelReport{Period: q},
		Attainment: []performance.QuotaAttainment{{Owner: "r", Undefined: "zero quota"}},
		Forecast:   &forecast.BookingsOutcome{Period: activity.Period{Name: "FY2025 Q4"}},
		Undefined:  map[string]string{"win_rate": "no closed deals"}}}
	var b bytes.Buffer
	if err := printHTML(&b, rv); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, w := range []string{"no deal of FY2025 Q3 reached a stage of the funnel", "no rep has a quota in the period",
		"no open deal is expected to close in FY2025 Q4", "win_rate: no closed deals"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(page, "<svg") {
		t.Error("page draws a chart of nothing")
	}
}

// TestHTMLReview: the program writes one page with every section of the
// review, its five charts inline, no script and nothing to fetch.
func TestHTMLReview(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-html", "-", "-by", "team", filepath.Join(sample, "salesforce")}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	page := out.String()
	for _, h := range []string{"Outcomes", "Funnel", "Attainment", "Next quarter", "Bookings trend", "Activity against results", "By team", "Read"} {
		if !strings.Contains(page, "<h2>"+h+"</h2>") {
			t.Errorf("no section %q", h)
		}
	}
	if n := strings.Count(page, "<svg"); n != 5 {
		t.Errorf("%d charts inline, want 5", n)
	}
	for _, bad := range []string{"<script", " src=", "<link", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("page has %q: it must stand alone", bad)
		}
	}
	// The page is well-formed enough for an XML parser once the doctype
	// and the void meta elements are set aside: every tag closes.
	body := page[strings.Index(page, "<body>"):strings.Index(page, "</html>")]
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = false
	for {
		if _, err := d.Token(); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("page body does not parse: %v", err)
			}
			break
		}
	}

	file := filepath.Join(t.TempDir(), "review.html")
	out.Reset()
	if code := run([]string{"-html", file, filepath.Join(sample, "salesforce")}, &out, &errs); code != 0 || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q: %s", code, out.String(), errs.String())
	}
	if raw, err := os.ReadFile(file); err != nil || !bytes.Contains(raw, []byte("<h2>Funnel</h2>")) {
		t.Errorf("the file: %v", err)
	}
	if code := run([]string{"-html", "-", "-json", filepath.Join(sample, "salesforce")}, &out, &errs); code != 2 {
		t.Errorf("-html with -json: exit %d", code)
	}
}

// TestChartImage keeps the README's chart image: go test -run
// TestChartImage -update rewrites it; otherwise it must decode.
func TestChartImage(t *testing.T) {
	path := filepath.Join("doc", "attainment.png")
	if *update {
		rv := sampleReview(t)
		raw, err := attainmentChart(rv.Attainment, rv.Names).render("png")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("doc", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Fatal(err)
	}
}

func TestThousands(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.4: "1,234,567", -25000: "-25,000"} {
		if got := thousands(v); got != want {
			t.Errorf("thousands(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestWaterfallSteps: the bars float end to end. By hand: start 1,000;
// new 200 (1,000 to 1,200), pulled in 50 (to 1,250), increased 30 (to
// 1,280); decreased 20 (1,260 to 1,280), won 300 (960 to 1,260), lost 100
// (860 to 960), pushed out 60 (800 to 860), removed 0 (at 800); end
// 1,000 + 200 + 50 + 30 − 20 − 300 − 100 − 60 − 0 = 800.
func TestWaterfallSteps(t *testing.T) {
	amt := func(v int64) forecast.MovementTotal {
		return forecast.MovementTotal{Deals: 1, Amount: decimal.NewFromInt(v)}
	}
	m := forecast.Movement{Start: amt(1000), New: amt(200), PulledIn: amt(50), Increased: amt(30), Decreased: amt(20),
		Won: amt(300), Lost: amt(100), PushedOut: amt(60), Removed: amt(0), End: amt(800)}
	want := []waterfallStep{
		{"start", 0, 1000, 0}, {"new", 1000, 200, 1}, {"pulled in", 1200, 50, 1}, {"increased", 1250, 30, 1},
		{"decreased", 1260, 20, 2}, {"won", 960, 300, 2}, {"lost", 860, 100, 2}, {"pushed out", 800, 60, 2},
		{"removed", 800, 0, 2}, {"end", 0, 800, 0},
	}
	if diff := cmp.Diff(want, waterfallSteps(m)); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

// TestWaterfallChart: the movement of a generated pipeline between two
// snapshots draws every one of the ten categories, and its bars end where
// the end bar stands.
func TestWaterfallChart(t *testing.T) {
	r := activitytest.Generate(activitytest.Config{Seed: 7, Months: 12})
	taken := r.Deals[0].CreatedAt.AddDate(1, 0, 0)
	cal := activity.Calendar{}
	p, err := cal.Quarter(taken.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	before := forecast.Snapshot{Taken: taken.AddDate(0, -1, 0)}
	after := forecast.Snapshot{Taken: taken}
	rng := rand.New(rand.NewPCG(7, 7))
	for i, d := range r.Deals {
		if d.Status != activity.StatusOpen {
			continue
		}
		d.CreatedAt = before.Taken.AddDate(0, 0, -10)
		d.ExpectedCloseAt, d.ExpectedCloseDate = p.Start.AddDate(0, 0, rng.IntN(80)), activity.Date{}
		if i%5 == 0 {
			d.ExpectedCloseAt = p.End.AddDate(0, 0, 5) // pulled in later
		}
		before.Deals = append(before.Deals, d)
		switch rng.IntN(8) {
		case 0:
			d.Status, d.Stage, d.ClosedAt = activity.StatusWon, "closed_won", after.Taken.AddDate(0, 0, -3)
		case 1:
			d.Status, d.Stage, d.ClosedAt = activity.StatusLost, "closed_lost", after.Taken.AddDate(0, 0, -3)
		case 2:
			d.ExpectedCloseAt = p.End.AddDate(0, 1, 0)
		case 3:
			d.Amount = d.Amount.Mul(decimal.RequireFromString("1.2")).Round(2)
		case 4:
			d.Amount = d.Amount.Mul(decimal.RequireFromString("0.7")).Round(2)
		case 5:
			continue // removed
		case 6:
			d.ExpectedCloseAt = p.Start.AddDate(0, 0, 3)
		}
		after.Deals = append(after.Deals, d)
		if i%7 == 0 {
			n := d
			n.ID, n.CreatedAt, n.Status, n.ClosedAt, n.Stage = d.ID+"-new", after.Taken.AddDate(0, 0, -2), activity.StatusOpen, time.Time{}, "prospecting"
			n.CloseDate = activity.Date{}
			after.Deals = append(after.Deals, n)
		}
	}
	w, err := forecast.PipelineMovement(before, after, p, forecast.MovementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for c := forecast.MovementStart; c <= forecast.MovementEnd; c++ {
		if c != forecast.MovementRemoved && c != forecast.MovementEnd && w.Total.Category(c).Deals == 0 {
			t.Fatalf("the generated movement has no %v: %v", c, w.Total)
		}
	}
	steps := waterfallSteps(w.Total)
	last := steps[len(steps)-2]
	if end := w.Total.End.Amount.InexactFloat64(); math.Abs(last.Base-end) > 1e-6*end || math.Abs(steps[len(steps)-1].Height-end) > 1e-6*end {
		t.Errorf("the bars end at %v, the end bar stands at %v, the pipeline ends at %v", last.Base, steps[len(steps)-1].Height, end)
	}
	c := waterfallChart(w)
	if c.Plot == nil {
		t.Fatal(c.Note)
	}
	svg, err := c.render("svg")
	if err != nil {
		t.Fatal(err)
	}
	texts := svgTexts(t, svg)
	for _, want := range []string{"Pipeline of " + p.Name, "pipeline (USD)", "movement", "start", "new", "pulled in", "increased",
		"decreased", "won", "lost", "pushed out", "removed", "end", "added", "taken out"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q:\n%s", want, texts)
		}
	}
	if _, err := c.render("png"); err != nil {
		t.Fatal(err)
	}
	if empty := waterfallChart(forecast.Waterfall{Period: p}); empty.Plot != nil || empty.Note == "" {
		t.Errorf("an empty waterfall drew a chart")
	}
}

// TestEffortChartEmpty: no rep, a note.
func TestEffortChartEmpty(t *testing.T) {
	if c := effortChart(people.EffortQuadrants{Period: activity.Period{Name: "FY2025 Q1"}}, nil); c.Plot != nil || !strings.Contains(c.Note, "FY2025 Q1") {
		t.Errorf("chart of no rep: %+v", c)
	}
}

// TestForecastChartTarget: a forecast asked about a target draws it, with
// the chance of reaching it.
func TestForecastChartTarget(t *testing.T) {
	o := forecast.BookingsOutcome{Period: activity.Period{Name: "FY2026 Q1"}, Currency: "USD", Deals: 3,
		Expected: decimal.NewFromInt(900), P10: decimal.NewFromInt(400), P50: decimal.NewFromInt(900), P90: decimal.NewFromInt(1400),
		Target: activity.Some(decimal.NewFromInt(1000)), ProbabilityOfTarget: activity.Some(0.4)}
	svg, err := forecastChart(o).render("svg")
	if err != nil {
		t.Fatal(err)
	}
	if texts := svgTexts(t, svg); !strings.Contains(texts, "target 1,000 (40% chance)") {
		t.Errorf("no target line:\n%s", texts)
	}
	if got := targetText(&o); got != "; target 1000.00 (40.0% chance)" {
		t.Errorf("targetText = %q", got)
	}
}
