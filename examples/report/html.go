package main

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"time"
)

// htmlSection is one section of the HTML review: a heading, lines of text,
// a table and a chart (or the note standing for it).
type htmlSection struct {
	ID, Heading string
	Lines       []string
	Head        []string
	Rows        [][]string
	Chart       template.HTML // inline SVG
	Note        string
}

// htmlPage is what the template fills.
type htmlPage struct {
	Title, Subtitle string
	Sections        []htmlSection
}

var pageTemplate = template.Must(template.New("review").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 12px; max-width: 60rem; color: #1d2733; }
h1 { font-size: 1.35rem; margin: 0.2rem 0; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.4rem; border-bottom: 1px solid #ccd3db; }
p.sub { color: #4a5868; margin: 0 0 1rem; }
ul { padding-left: 1.1rem; }
li { overflow-wrap: anywhere; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; text-align: right; border-bottom: 1px solid #e3e7ec; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 0.6rem 0; }
figure svg { width: 100%; height: auto; max-width: 40rem; display: block; }
p.note { color: #6b5a00; background: #fff8db; padding: 6px 10px; }
@media print { body { max-width: none; } section + section { break-before: page; } section { break-inside: avoid; } }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
{{range .Sections}}<section id="{{.ID}}">
<h2>{{.Heading}}</h2>
{{if .Chart}}<figure>{{.Chart}}</figure>
{{end}}{{if .Note}}<p class="note">{{.Note}}</p>
{{end}}{{if .Lines}}<ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>
{{end}}{{if .Rows}}<div class="table"><table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody>
</table></div>
{{end}}</section>
{{end}}</body>
</html>
`))

// inlineSVG is a chart's SVG for a page: without the XML declaration.
func inlineSVG(c chart) (template.HTML, error) {
	svg, err := c.render("svg")
	if err != nil {
		return "", err
	}
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:]
	}
	return template.HTML(svg), nil // our own renderer's output
}

// printHTML writes the review as one self-contained HTML page: the
// sections of the text review, charts drawn inline as SVG, no script and
// nothing fetched.
func printHTML(w io.Writer, rv Review) error {
	last := rv.Period.End.Add(-time.Nanosecond)
	page := htmlPage{
		Title: fmt.Sprintf("Quarter review: %s, %s", rv.Scope, rv.Period.Name),
		Subtitle: fmt.Sprintf("%s to %s, as of %s", rv.Period.Start.Format(time.DateOnly), last.Format(time.DateOnly),
			rv.AsOf.Add(-time.Nanosecond).Format(time.DateOnly)),
	}
	if rv.Currency != "" {
		page.Subtitle += fmt.Sprintf("; money in %s at each deal's close-date rate", rv.Currency)
	}
	drawn := map[string]chart{}
	for _, c := range charts(rv) {
		drawn[c.Name] = c
	}
	withChart := func(s *htmlSection, name string) error {
		c, ok := drawn[name]
		if !ok {
			return nil
		}
		if c.Plot == nil {
			s.Note = c.Note
			return nil
		}
		svg, err := inlineSVG(c)
		s.Chart = svg
		return err
	}

	outcomes := htmlSection{ID: "outcomes", Heading: "Outcomes"}
	for _, s := range []fmt.Stringer{ptr(rv.Activity), ptr(rv.WinRate), ptr(rv.WinRateValue), ptr(rv.DealSize),
		ptr(rv.Cycle), ptr(rv.Velocity), ptr(rv.Bookings), ptr(rv.Coverage)} {
		if s != nil {
			outcomes.Lines = append(outcomes.Lines, s.String())
		}
	}
	page.Sections = append(page.Sections, outcomes)

	if f := rv.Funnel; f != nil {
		s := htmlSection{ID: "funnel", Heading: "Funnel",
			Head: []string{"stage", "reached", "next step", "cumulative", "win rate at highest stage"}}
		for _, st := range f.Steps {
			s.Rows = append(s.Rows, []string{string(st.Stage), fmt.Sprint(st.Reached), st.Next.String(), st.Cumulative.String(), st.WinRate.String()})
		}
		if err := withChart(&s, "funnel"); err != nil {
			return err
		}
		page.Sections = append(page.Sections, s)
	} else if why := rv.Undefined["funnel"]; why != "" {
		page.Sections = append(page.Sections, htmlSection{ID: "funnel", Heading: "Funnel", Note: "not computed: " + why})
	}

	if len(rv.Attainment) > 0 {
		s := htmlSection{ID: "attainment", Heading: "Attainment", Head: []string{"rep", "quota", "won", "deals", "attainment", ""}}
		for _, a := range rv.Attainment {
			att := "–"
			if a.Undefined == "" {
				att = fmt.Sprintf("%.1f%%", 100*a.AttainmentFloat)
			}
			ramping := ""
			if a.Ramping {
				ramping = "ramping"
			}
			s.Rows = append(s.Rows, []string{label(a.Owner, rv), money(a.Quota), money(a.Actual), fmt.Sprint(a.WonDeals), att, ramping})
		}
		if err := withChart(&s, "attainment"); err != nil {
			return err
		}
		page.Sections = append(page.Sections, s)
	} else {
		why := cmp.Or(rv.Undefined["attainment"], "no quota in "+periodLabel(rv.Period))
		page.Sections = append(page.Sections, htmlSection{ID: "attainment", Heading: "Attainment", Note: "not computed: " + why})
	}

	if rv.Pipeline != nil || rv.Forecast != nil {
		s := htmlSection{ID: "next", Heading: "Next quarter"}
		if rv.Pipeline != nil {
			s.Lines = append(s.Lines, rv.Pipeline.String())
		}
		if f := rv.Forecast; f != nil {
			s.Lines = append(s.Lines, fmt.Sprintf("forecast bookings %s: expected %s %s, P10 %s, P50 %s, P90 %s (%d deals, %s)%s",
				f.Period.Name, money(f.Expected), f.Currency, money(f.P10), money(f.P50), money(f.P90), f.Deals, f.Method, targetText(f)))
			if err := withChart(&s, "forecast"); err != nil {
				return err
			}
		} else if why := rv.Undefined["forecast"]; why != "" {
			s.Note = "not computed: " + why
		}
		page.Sections = append(page.Sections, s)
	} else if why := rv.Undefined["forecast"]; why != "" {
		page.Sections = append(page.Sections, htmlSection{ID: "next", Heading: "Next quarter", Note: "not computed: " + why})
	}

	if tr := rv.Trend; tr != nil {
		s := htmlSection{ID: "trend", Heading: "Bookings trend", Head: []string{"month", "booked", "forecast", "low", "high"}}
		for _, pt := range tr.History[max(0, len(tr.History)-6):] {
			s.Rows = append(s.Rows, []string{pt.Period.Name, thousands(pt.Value), "", "", ""})
		}
		for _, f := range tr.Forecast {
			s.Rows = append(s.Rows, []string{f.Period.Name, "", thousands(f.Value), thousands(f.Low), thousands(f.High)})
		}
		if err := withChart(&s, "trend"); err != nil {
			return err
		}
		page.Sections = append(page.Sections, s)
	} else if why := rv.Undefined["trend"]; why != "" {
		page.Sections = append(page.Sections, htmlSection{ID: "trend", Heading: "Bookings trend", Note: "not computed: " + why})
	}

	if q := rv.Effort; q != nil {
		s := htmlSection{ID: "effort", Heading: "Activity against results",
			Lines: []string{fmt.Sprintf("split at %s activities and %s %s won (the team's medians unless set)",
				q.EffortThreshold.StringFixed(1), money(q.ResultThreshold), q.Currency)},
			Head: []string{"rep", "activities", "won", "won amount", "quadrant"}}
		for _, r := range q.Reps {
			s.Rows = append(s.Rows, []string{label(r.Rep, rv), fmt.Sprint(r.Activities), fmt.Sprint(r.Won), money(r.WonAmount), quadrantName(r.Quadrant)})
		}
		if err := withChart(&s, "effort"); err != nil {
			return err
		}
		page.Sections = append(page.Sections, s)
	} else if why := rv.Undefined["effort"]; why != "" {
		page.Sections = append(page.Sections, htmlSection{ID: "effort", Heading: "Activity against results", Note: "not computed: " + why})
	}

	if pr := rv.Peers; pr != nil {
		st := pr.Standing
		s := htmlSection{ID: "peers", Heading: "Against peers", Lines: []string{peerText(pr, rv)}}
		if c := peerChart(st.Rep, pr.Series, pr.Periods, pr.KPI, string(pr.Currency), rv.Names); c.Plot != nil {
			svg, err := inlineSVG(c)
			if err != nil {
				return err
			}
			s.Chart = svg
		} else {
			s.Note = c.Note
		}
		page.Sections = append(page.Sections, s)
	}

	if len(rv.Groups) > 0 {
		s := htmlSection{ID: "groups", Heading: "By " + rv.GroupedBy,
			Head: []string{rv.GroupedBy, "activities", "won", "lost", "win rate", "bookings", "median deal", "median cycle (days)"}}
		for _, g := range rv.Groups {
			s.Rows = append(s.Rows, groupRow(g, rv, "–"))
		}
		page.Sections = append(page.Sections, s)
	}

	if len(rv.Undefined) > 0 {
		s := htmlSection{ID: "undefined", Heading: "Not computed"}
		keys := make([]string, 0, len(rv.Undefined))
		for k := range rv.Undefined {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			s.Lines = append(s.Lines, k+": "+rv.Undefined[k])
		}
		page.Sections = append(page.Sections, s)
	}

	read := htmlSection{ID: "read", Heading: "Read", Head: []string{"file", "layout", "rows", "skipped"}}
	for _, in := range rv.Inputs {
		read.Rows = append(read.Rows, []string{in.File, in.Layout, fmt.Sprint(in.Rows), fmt.Sprint(in.Skipped)})
	}
	page.Sections = append(page.Sections, read)
	return pageTemplate.Execute(w, page)
}
