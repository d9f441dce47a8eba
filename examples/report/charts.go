package main

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// A chart is a titled plot of one result, labelled from the result itself
// (its period's name, its stages, its currency), or a note saying why there
// is nothing to draw.
type chart struct {
	Name string // a file name stem: funnel, attainment, forecast
	Plot *plot.Plot
	Note string // when Plot is nil
}

// chart size, for the HTML page and the files.
const (
	chartWidth  = 16 * vg.Centimeter
	chartHeight = 9 * vg.Centimeter
)

var (
	barColor  = color.RGBA{R: 0x2b, G: 0x6c, B: 0xb0, A: 0xff}
	lineColor = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}
	rampColor = color.RGBA{R: 0x9c, G: 0xc3, B: 0xe6, A: 0xff}
	addColor  = color.RGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}
)

// render writes the chart as SVG or PNG ("svg", "png").
func (c chart) render(format string) ([]byte, error) {
	if c.Plot == nil {
		return nil, fmt.Errorf("%s: %s", c.Name, c.Note)
	}
	wt, err := c.Plot.WriterTo(chartWidth, chartHeight, format)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// newPlot is a plot with room under its title.
func newPlot() *plot.Plot {
	p := plot.New()
	p.Title.Padding = vg.Points(8)
	return p
}

// percentLabel is a share written as a whole percent.
func percentLabel(r performance.StageRate) string {
	if !r.Defined {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*r.Rate)
}

// funnelChart: the deals reaching each open stage, each bar named with its
// stage, the step conversion to the next stage (to won, for the last) and
// the cumulative conversion from the first stage.
func funnelChart(f performance.FunnelReport) chart {
	c := chart{Name: "funnel"}
	if len(f.Steps) == 0 || f.Steps[0].Reached == 0 {
		c.Note = fmt.Sprintf("no deal of %s reached a stage of the funnel", f.Period.Name)
		return c
	}
	p := newPlot()
	p.Title.Text = fmt.Sprintf("Funnel, deals created in %s (%s)", f.Period.Name, f.Scope)
	p.Y.Label.Text = "deals reaching the stage"
	p.X.Label.Text = "stage (next step, cumulative conversion)"
	values := make(plotter.Values, len(f.Steps))
	names := make([]string, len(f.Steps))
	for i, s := range f.Steps {
		values[i] = float64(s.Reached)
		names[i] = fmt.Sprintf("%s\n%s, %s", s.Stage, percentLabel(s.Next), percentLabel(s.Cumulative))
	}
	bars, err := plotter.NewBarChart(values, vg.Points(28))
	if err != nil {
		c.Note = err.Error()
		return c
	}
	bars.Color, bars.LineStyle.Width = barColor, 0
	p.Add(bars)
	p.NominalX(names...)
	p.Y.Min = 0
	c.Plot = p
	return c
}

// attainmentChart: one bar per quota of a rep, highest first, with the 100%
// line; the bars of reps still ramping when the period began are lighter.
func attainmentChart(att []performance.QuotaAttainment, names map[string]string) chart {
	c := chart{Name: "attainment"}
	var rows []performance.QuotaAttainment
	for _, a := range att {
		if a.Level == performance.RepQuotas && a.Undefined == "" {
			rows = append(rows, a)
		}
	}
	if len(rows) == 0 {
		c.Note = "no rep has a quota in the period"
		return c
	}
	slices.SortStableFunc(rows, func(x, y performance.QuotaAttainment) int {
		return cmp.Or(cmp.Compare(y.AttainmentFloat, x.AttainmentFloat), strings.Compare(x.Owner, y.Owner))
	})
	p := newPlot()
	unit := "amount"
	if rows[0].ByCount {
		unit = "won deals"
	} else if rows[0].Currency != "" {
		unit = string(rows[0].Currency)
	}
	p.Title.Text = fmt.Sprintf("Quota attainment, %s (%s quotas)", periodLabel(rows[0].Period), unit)
	p.Y.Label.Text = "attainment (% of quota)"
	p.X.Label.Text = "rep"
	// Ramping reps' bars are drawn apart, in a lighter colour: two series
	// at the same places, each zero where the other has the rep.
	ramped, ramping := make(plotter.Values, len(rows)), make(plotter.Values, len(rows))
	labels := make([]string, len(rows))
	anyRamping := false
	for i, a := range rows {
		if a.Ramping {
			ramping[i], anyRamping = 100*a.AttainmentFloat, true
		} else {
			ramped[i] = 100 * a.AttainmentFloat
		}
		labels[i] = cmp.Or(names[a.Owner], a.Owner)
	}
	width := vg.Points(max(4, min(28, 300/float64(len(rows)))))
	for _, series := range []struct {
		values plotter.Values
		color  color.Color
		legend string
	}{{ramped, barColor, ""}, {ramping, rampColor, "ramping rep"}} {
		bars, err := plotter.NewBarChart(series.values, width)
		if err != nil {
			c.Note = err.Error()
			return c
		}
		bars.Color, bars.LineStyle.Width = series.color, 0
		p.Add(bars)
		if series.legend != "" && anyRamping {
			p.Legend.Add(series.legend, bars)
		}
	}
	line, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 100}, {X: float64(len(rows)) - 0.5, Y: 100}})
	if err != nil {
		c.Note = err.Error()
		return c
	}
	line.Color, line.Dashes = lineColor, []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(line)
	p.Legend.Add("100% of quota", line)
	p.Legend.Top = true
	p.NominalX(labels...)
	p.X.Tick.Label.Rotation = 0.8
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Min = 0
	p.Y.Max = max(p.Y.Max, 110)
	c.Plot = p
	return c
}

// forecastChart: the next period's bookings from the open pipeline, its
// low, middle and high cases and the expected value, against the target
// when the distribution was asked about one.
func forecastChart(o forecast.BookingsOutcome) chart {
	c := chart{Name: "forecast"}
	if o.Deals == 0 {
		c.Note = fmt.Sprintf("no open deal is expected to close in %s", o.Period.Name)
		return c
	}
	p := newPlot()
	p.Title.Text = fmt.Sprintf("Bookings forecast for %s from %d open deals", o.Period.Name, o.Deals)
	p.Y.Label.Text = "bookings"
	if o.Currency != "" {
		p.Y.Label.Text = fmt.Sprintf("bookings (%s)", o.Currency)
	}
	p.X.Label.Text = "case"
	cases := []struct {
		name string
		v    float64
	}{{"P10 (low)", o.P10.InexactFloat64()}, {"P50", o.P50.InexactFloat64()}, {"expected", o.Expected.InexactFloat64()}, {"P90 (high)", o.P90.InexactFloat64()}}
	values := make(plotter.Values, len(cases))
	names := make([]string, len(cases))
	for i, k := range cases {
		values[i], names[i] = k.v, k.name
	}
	bars, err := plotter.NewBarChart(values, vg.Points(36))
	if err != nil {
		c.Note = err.Error()
		return c
	}
	bars.Color, bars.LineStyle.Width = barColor, 0
	p.Add(bars)
	if target, ok := o.Target.Get(); ok {
		y := target.InexactFloat64()
		line, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: y}, {X: float64(len(cases)) - 0.5, Y: y}})
		if err != nil {
			c.Note = err.Error()
			return c
		}
		line.Color, line.Dashes = lineColor, []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(line)
		legend := "target " + thousands(y)
		if pt, ok := o.ProbabilityOfTarget.Get(); ok {
			legend += fmt.Sprintf(" (%.0f%% chance)", 100*pt)
		}
		p.Legend.Add(legend, line)
		p.Legend.Top = true
		p.Y.Max = max(p.Y.Max, 1.1*y)
	}
	p.NominalX(names...)
	p.Y.Min = 0
	p.Y.Tick.Marker = moneyTicks{}
	c.Plot = p
	return c
}

// effortChart: each rep's activities against won bookings, with the lines
// that split the team into its four quadrants, each corner named.
func effortChart(q people.EffortQuadrants, names map[string]string) chart {
	c := chart{Name: "effort"}
	if len(q.Reps) == 0 {
		c.Note = fmt.Sprintf("no rep had an activity or a won deal in %s", periodLabel(q.Period))
		return c
	}
	p := newPlot()
	p.Title.Text = fmt.Sprintf("Activity against results, %s", periodLabel(q.Period))
	p.X.Label.Text = "activities"
	p.Y.Label.Text = "won bookings"
	if q.Currency != "" {
		p.Y.Label.Text = fmt.Sprintf("won bookings (%s)", q.Currency)
	}
	p.Y.Tick.Marker = moneyTicks{}
	pts := make(plotter.XYs, len(q.Reps))
	labels := make([]string, len(q.Reps))
	for i, r := range q.Reps {
		pts[i] = plotter.XY{X: float64(r.Activities), Y: r.WonAmount.InexactFloat64()}
		labels[i] = cmp.Or(names[r.Rep], r.Rep)
	}
	scatter, err := plotter.NewScatter(pts)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	scatter.GlyphStyle.Color, scatter.GlyphStyle.Radius = barColor, vg.Points(3)
	scatter.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(scatter)
	named, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
	if err != nil {
		c.Note = err.Error()
		return c
	}
	for i := range named.TextStyle {
		named.TextStyle[i].Font.Size = vg.Points(7)
		named.TextStyle[i].XAlign = draw.XCenter
	}
	named.Offset = vg.Point{Y: vg.Points(4)}
	p.Add(named)
	// The splitting lines span the data and the lines themselves.
	ex, ey := q.EffortThreshold.InexactFloat64(), q.ResultThreshold.InexactFloat64()
	xmin, xmax, ymin, ymax := plotter.XYRange(pts)
	xmin, xmax, ymin, ymax = min(xmin, ex, 0), max(xmax, ex)*1.08, min(ymin, ey, 0), max(ymax, ey)*1.12
	for _, seg := range []plotter.XYs{{{X: ex, Y: ymin}, {X: ex, Y: ymax}}, {{X: xmin, Y: ey}, {X: xmax, Y: ey}}} {
		l, err := plotter.NewLine(seg)
		if err != nil {
			c.Note = err.Error()
			return c
		}
		l.Color, l.Dashes = lineColor, []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
	}
	corners, err := plotter.NewLabels(plotter.XYLabels{
		XYs: []plotter.XY{{X: xmin, Y: ymax}, {X: xmax, Y: ymax}, {X: xmin, Y: ymin}, {X: xmax, Y: ymin}},
		Labels: []string{quadrantName(people.Efficient), quadrantName(people.BusyWinning),
			quadrantName(people.LowOnBoth), quadrantName(people.BusyNotConverting)},
	})
	if err != nil {
		c.Note = err.Error()
		return c
	}
	for i := range corners.TextStyle {
		corners.TextStyle[i].Color = lineColor
		corners.TextStyle[i].Font.Size = vg.Points(8)
		if i%2 == 1 {
			corners.TextStyle[i].XAlign = draw.XRight
		}
		if i < 2 {
			corners.TextStyle[i].YAlign = draw.YTop
		}
	}
	p.Add(corners)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xmin, xmax, ymin, ymax
	c.Plot = p
	return c
}

// quadrantName is a quadrant as a person reads it: "busy winning".
func quadrantName(q people.Quadrant) string { return strings.ReplaceAll(q.String(), "_", " ") }

// waterfallStep is one bar of a pipeline waterfall: it floats from Base to
// Base+Height.
type waterfallStep struct {
	Label        string
	Base, Height float64
	Kind         int // 0 start or end, 1 added, 2 taken out
}

// waterfallSteps lays the ten categories of a movement end to end: start,
// the four that add (new, pulled in, increased) from the running total up,
// the five that take out (decreased, won, lost, pushed out, removed) from it
// down, and the end.
func waterfallSteps(m forecast.Movement) []waterfallStep {
	var steps []waterfallStep
	running := 0.0
	for c := forecast.MovementStart; c <= forecast.MovementEnd; c++ {
		v := m.Category(c).Amount.InexactFloat64()
		s := waterfallStep{Label: strings.ReplaceAll(c.String(), "_", " ")}
		switch c {
		case forecast.MovementStart, forecast.MovementEnd:
			s.Height = v
			running = v
		case forecast.MovementNew, forecast.MovementPulledIn, forecast.MovementIncreased:
			s.Base, s.Height, s.Kind = running, v, 1
			running += v
		default:
			running -= v
			s.Base, s.Height, s.Kind = running, v, 2
		}
		steps = append(steps, s)
	}
	return steps
}

// waterfallChart: how the pipeline of a period moved between two
// snapshots, every category a bar, adding up from start to end.
func waterfallChart(w forecast.Waterfall) chart {
	c := chart{Name: "waterfall"}
	steps := waterfallSteps(w.Total)
	if w.Total.Start.Deals == 0 && w.Total.End.Deals == 0 && w.Total.New.Deals == 0 {
		c.Note = fmt.Sprintf("no deal in the pipeline of %s in either snapshot", periodLabel(w.Period))
		return c
	}
	p := newPlot()
	p.Title.Text = fmt.Sprintf("Pipeline of %s, %s to %s", periodLabel(w.Period), w.Before.Format(time.DateOnly), w.After.Format(time.DateOnly))
	p.Y.Label.Text = "pipeline"
	if w.Currency != "" {
		p.Y.Label.Text = fmt.Sprintf("pipeline (%s)", w.Currency)
	}
	p.X.Label.Text = "movement"
	p.Y.Tick.Marker = moneyTicks{}
	base := make(plotter.Values, len(steps))
	heights := [3]plotter.Values{make(plotter.Values, len(steps)), make(plotter.Values, len(steps)), make(plotter.Values, len(steps))}
	labels := make([]string, len(steps))
	for i, s := range steps {
		base[i], labels[i] = s.Base, s.Label
		heights[s.Kind][i] = s.Height
	}
	width := vg.Points(22)
	under, err := plotter.NewBarChart(base, width)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	under.Color, under.LineStyle.Width = color.Transparent, 0
	p.Add(under)
	for k, legend := range []string{"start and end", "added", "taken out"} {
		bars, err := plotter.NewBarChart(heights[k], width)
		if err != nil {
			c.Note = err.Error()
			return c
		}
		bars.Color, bars.LineStyle.Width = []color.Color{barColor, addColor, lineColor}[k], 0
		bars.StackOn(under)
		p.Add(bars)
		p.Legend.Add(legend, bars)
	}
	p.Legend.Top = true
	p.NominalX(labels...)
	p.X.Tick.Label.Rotation = 0.8
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Min = 0
	c.Plot = p
	return c
}

// trendChart: each month's bookings, the forecast of the next months and
// its prediction band, labelled with the months' names, the model and the
// band's level.
func trendChart(tr review.Trend) chart {
	c := chart{Name: "trend"}
	if len(tr.History) == 0 || len(tr.Forecast) == 0 {
		c.Note = "too few months of bookings for a forecast"
		return c
	}
	p := newPlot()
	method := map[string]string{"holt_winters": "Holt-Winters", "linear": "linear trend"}[tr.Method]
	p.Title.Text = fmt.Sprintf("Monthly bookings and forecast (%s, %.0f%% band)", cmp.Or(method, tr.Method), 100*tr.Confidence)
	p.Y.Label.Text = "bookings"
	if tr.Currency != "" {
		p.Y.Label.Text = fmt.Sprintf("bookings (%s)", tr.Currency)
	}
	p.X.Label.Text = "month"
	p.Y.Tick.Marker = moneyTicks{}
	n := len(tr.History)
	history := make(plotter.XYs, n)
	var ticks []plot.Tick
	every := max(1, (n+len(tr.Forecast))/8)
	for i, pt := range tr.History {
		history[i] = plotter.XY{X: float64(i), Y: pt.Value}
		if i%every == 0 {
			ticks = append(ticks, plot.Tick{Value: float64(i), Label: pt.Period.Name})
		}
	}
	var highs, lows plotter.XYs
	ahead := make(plotter.XYs, len(tr.Forecast))
	for i, f := range tr.Forecast {
		x := float64(n + i)
		ahead[i] = plotter.XY{X: x, Y: f.Value}
		highs, lows = append(highs, plotter.XY{X: x, Y: f.High}), append(lows, plotter.XY{X: x, Y: f.Low})
		if (n+i)%every == 0 {
			ticks = append(ticks, plot.Tick{Value: x, Label: f.Period.Name})
		}
	}
	if err := addBand(p, highs, lows, fmt.Sprintf("%.0f%% prediction band", 100*tr.Confidence)); err != nil {
		c.Note = err.Error()
		return c
	}
	hl, hp, err := plotter.NewLinePoints(history)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	hl.Color, hp.Color, hp.Radius = barColor, barColor, vg.Points(2)
	p.Add(hl, hp)
	p.Legend.Add("booked", hl, hp)
	fl, fp, err := plotter.NewLinePoints(ahead)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	fl.Color, fl.Dashes, fp.Color, fp.Radius = lineColor, []vg.Length{vg.Points(4), vg.Points(3)}, lineColor, vg.Points(2)
	p.Add(fl, fp)
	p.Legend.Add("forecast", fl, fp)
	p.Legend.Top, p.Legend.Left = true, true
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Label.Rotation = 0.8
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Min = min(0, p.Y.Min)
	c.Plot = p
	return c
}

// periodLabel names a period by its name, else by its days.
func periodLabel(p activity.Period) string {
	if p.Name != "" {
		return p.Name
	}
	return fmt.Sprintf("%s to %s", p.Start.Format(time.DateOnly), p.End.Add(-time.Nanosecond).Format(time.DateOnly))
}

// moneyTicks marks a money axis with thousands separators.
type moneyTicks struct{}

func (moneyTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = thousands(ticks[i].Value)
		}
	}
	return ticks
}

// thousands writes a whole amount with comma separators: 1,250,000.
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// charts are the review's charts, in the order of its sections.
func charts(rv Review) []chart {
	var out []chart
	if rv.Funnel != nil {
		out = append(out, funnelChart(*rv.Funnel))
	}
	if len(rv.Attainment) > 0 {
		out = append(out, attainmentChart(rv.Attainment, rv.Names))
	}
	if rv.Forecast != nil {
		out = append(out, forecastChart(*rv.Forecast))
	}
	if rv.Effort != nil {
		out = append(out, effortChart(*rv.Effort, rv.Names))
	}
	if rv.Trend != nil {
		out = append(out, trendChart(*rv.Trend))
	}
	return out
}
