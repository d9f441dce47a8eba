package main

import (
	"cmp"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/customers"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// survivalChart: the Kaplan–Meier curve as the steps it is, from 100% at
// time 0, with its pointwise band, labelled with the lifetimes' unit, the
// band's level and the median.
func survivalChart(s customers.Survival) chart {
	c := chart{Name: "survival"}
	if s.Lifetimes == 0 || len(s.Curve) == 0 {
		c.Note = "no lifetime ended: no survival curve"
		return c
	}
	unit := cmp.Or(s.Unit, "days")
	p := newPlot()
	p.Title.Text = fmt.Sprintf("Survival of %d lifetimes (Kaplan–Meier, %.0f%% band)", s.Lifetimes, 100*s.Confidence)
	if m, ok := s.Median.Get(); ok {
		p.Title.Text += fmt.Sprintf(", median %.0f %s", m, unit)
	}
	p.X.Label.Text = unit
	p.Y.Label.Text = "still going (%)"
	// Steps: flat until each event time, then down.
	curve := plotter.XYs{{X: 0, Y: 100}}
	var upper, lower plotter.XYs
	lastS, lastLow, lastHigh := 100.0, 100.0, 100.0
	for _, pt := range s.Curve {
		curve = append(curve, plotter.XY{X: pt.Days, Y: lastS}, plotter.XY{X: pt.Days, Y: 100 * pt.Survival})
		lastS = 100 * pt.Survival
		if pt.NoInterval {
			continue
		}
		upper = append(upper, plotter.XY{X: pt.Days, Y: lastHigh}, plotter.XY{X: pt.Days, Y: 100 * pt.High})
		lower = append(lower, plotter.XY{X: pt.Days, Y: lastLow}, plotter.XY{X: pt.Days, Y: 100 * pt.Low})
		lastHigh, lastLow = 100*pt.High, 100*pt.Low
	}
	if len(upper) > 0 {
		upper = append(plotter.XYs{{X: 0, Y: 100}}, upper...)
		if err := addBand(p, upper, lower, fmt.Sprintf("%.0f%% pointwise band", 100*s.Confidence)); err != nil {
			c.Note = err.Error()
			return c
		}
	}
	line, err := plotter.NewLine(curve)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	line.Color, line.Width = barColor, vg.Points(1.5)
	p.Add(line)
	p.Legend.Add("survival", line)
	p.Legend.Top = true
	p.Y.Min, p.Y.Max, p.X.Min = 0, 100, 0
	c.Plot = p
	return c
}

// cohortGrid is a cohort table as a heat map's grid: column k is the k-th
// period since joining, row r the r-th cohort (the first at the top).
type cohortGrid struct {
	rows    []customers.CohortRow
	columns int
}

func (g cohortGrid) Dims() (c, r int) { return g.columns, len(g.rows) }
func (g cohortGrid) X(c int) float64  { return float64(c) }
func (g cohortGrid) Y(r int) float64  { return float64(len(g.rows) - 1 - r) }
func (g cohortGrid) Z(c, r int) float64 {
	row := g.rows[len(g.rows)-1-r]
	if c < len(row.Logo) {
		return 100 * row.Logo[c]
	}
	return math.NaN()
}

// cohortChart: each start cohort's customers still active period by
// period since joining, as shaded cells with their percentages.
func cohortChart(rows []customers.CohortRow) chart {
	c := chart{Name: "cohorts"}
	var kept []customers.CohortRow
	columns := 0
	for _, r := range rows {
		if r.Undefined == "" && len(r.Logo) > 0 {
			kept = append(kept, r)
			columns = max(columns, len(r.Logo))
		}
	}
	if len(kept) == 0 {
		c.Note = "no cohort has customers: no cohort table"
		return c
	}
	g := cohortGrid{rows: kept, columns: columns}
	p := newPlot()
	p.Title.Text = fmt.Sprintf("Customers still active by start cohort (%d cohorts)", len(kept))
	p.X.Label.Text = "periods since joining"
	p.Y.Label.Text = "cohort"
	// Red for few still active, blue for many.
	hm := plotter.NewHeatMap(g, palette.Reverse(moreland.SmoothBlueRed()).Palette(64))
	hm.Min, hm.Max = 0, 100
	p.Add(hm)
	var xys plotter.XYs
	var labels []string
	var ticks []plot.Tick
	for r := range len(kept) {
		y := g.Y(r)
		row := kept[len(kept)-1-r]
		ticks = append(ticks, plot.Tick{Value: y, Label: periodLabel(row.Cohort)})
		for k := range row.Logo {
			xys = append(xys, plotter.XY{X: float64(k), Y: y})
			labels = append(labels, fmt.Sprintf("%.0f%%", 100*row.Logo[k]))
		}
	}
	cells, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		c.Note = err.Error()
		return c
	}
	for i := range cells.TextStyle {
		cells.TextStyle[i].Font.Size = vg.Points(7)
		cells.TextStyle[i].XAlign, cells.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
	}
	p.Add(cells)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	var xticks []plot.Tick
	for k := range columns {
		xticks = append(xticks, plot.Tick{Value: float64(k), Label: fmt.Sprint(k)})
	}
	p.X.Tick.Marker = plot.ConstantTicks(xticks)
	// Room for the edge cells, which the heat map draws only inside the
	// axes.
	p.X.Min, p.X.Max = -0.5, float64(columns)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(kept))-0.5
	c.Plot = p
	return c
}

// peerChart: one rep's values of a KPI period by period against the mean
// and the range of the team's, labelled with the periods' names and the KPI.
func peerChart(rep string, series []people.PeerSeries, periods []activity.Period, kpi, unit string, names map[string]string) chart {
	c := chart{Name: "peers"}
	var own *people.PeerSeries
	for i := range series {
		if series[i].Rep == rep {
			own = &series[i]
		}
	}
	if own == nil || len(own.Values) == 0 || len(own.Values) != len(periods) {
		c.Note = fmt.Sprintf("no %s of %s over the periods to compare", kpi, cmp.Or(names[rep], rep))
		return c
	}
	var team []people.PeerSeries
	for _, s := range series {
		if s.Team == own.Team && len(s.Values) == len(own.Values) {
			team = append(team, s)
		}
	}
	p := newPlot()
	p.Title.Text = fmt.Sprintf("%s against %s: %s", cmp.Or(names[rep], rep), cmp.Or(own.Team, "the team"), kpi)
	p.Y.Label.Text = kpi
	if unit != "" {
		p.Y.Label.Text = fmt.Sprintf("%s (%s)", kpi, unit)
	}
	p.X.Label.Text = "period"
	mine, mean := make(plotter.XYs, len(periods)), make(plotter.XYs, len(periods))
	var upper, lower plotter.XYs
	var ticks []plot.Tick
	for k, per := range periods {
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, s := range team {
			lo, hi, sum = min(lo, s.Values[k]), max(hi, s.Values[k]), sum+s.Values[k]
		}
		x := float64(k)
		mine[k], mean[k] = plotter.XY{X: x, Y: own.Values[k]}, plotter.XY{X: x, Y: sum / float64(len(team))}
		upper, lower = append(upper, plotter.XY{X: x, Y: hi}), append(lower, plotter.XY{X: x, Y: lo})
		ticks = append(ticks, plot.Tick{Value: x, Label: periodLabel(per)})
	}
	if err := addBand(p, upper, lower, fmt.Sprintf("team range (%d reps)", len(team))); err != nil {
		c.Note = err.Error()
		return c
	}
	ml, err := plotter.NewLine(mean)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	ml.Color, ml.Dashes = lineColor, []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(ml)
	p.Legend.Add("team mean", ml)
	rl, rp, err := plotter.NewLinePoints(mine)
	if err != nil {
		c.Note = err.Error()
		return c
	}
	rl.Color, rp.Color, rl.Width = barColor, barColor, vg.Points(1.5)
	p.Add(rl, rp)
	p.Legend.Add(cmp.Or(names[rep], rep), rl, rp)
	p.Legend.Top, p.Legend.Left = true, true
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	if unit != "" && unit != "%" {
		p.Y.Tick.Marker = moneyTicks{}
	}
	c.Plot = p
	return c
}

// addBand shades the area between an upper and a lower line (the same
// xs, in order) and names it in the legend.
func addBand(p *plot.Plot, upper, lower plotter.XYs, legend string) error {
	band := append(plotter.XYs{}, upper...)
	for i := len(lower) - 1; i >= 0; i-- {
		band = append(band, lower[i])
	}
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return err
	}
	poly.Color, poly.LineStyle.Width = rampColor, 0
	p.Add(poly)
	p.Legend.Add(legend, poly)
	return nil
}
