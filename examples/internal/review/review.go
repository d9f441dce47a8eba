// Package review is the quarter review the example programs serve: the
// library's KPIs for a period, as one JSON document. examples/report prints
// it from a folder of CRM exports and examples/database serves it from
// PostgreSQL; the computation is the same, here.
package review

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// Review is the quarter review, and the contract of the programs' JSON
// output. Every KPI is the library's own
// result type, marshalled as its package documents it; a KPI that cannot be
// computed for the book (no closed deals, no quotas) is absent and
// Undefined says why, by the KPI's JSON name.
//
//	period        the period reviewed (half-open [start, end))
//	as_of         the time open deals are taken at: the end of the data's last day
//	scope         "company", or "team <name>" or "rep <id>" when narrowed to one
//	currency      the currency money is reported in
//	activity      activity volume by kind, per working day (activity.Volume)
//	win_rate      by count, and win_rate_value by value (performance.WinLoss)
//	deal_size     won deals' size: mean, median, quartiles (performance.DealSize)
//	cycle         days from creation to close of the deals won (performance.Cycle)
//	velocity      money the pipeline turns into a day (performance.Velocity)
//	funnel        stage to stage conversion of the deals created in the period
//	bookings      won amount in the period (performance.BookingsTotal)
//	attainment    each rep's bookings quota and how far it was reached
//	coverage      open pipeline over quota entering the period
//	pipeline      what is open at as_of and expected to close next period
//	forecast      the next period's bookings distribution from that pipeline,
//	              against the reps' bookings quotas for that period as its
//	              target where they have them in the forecast's currency
//	effort        each rep's activities against won bookings, split at the
//	              team's medians (people.EffortVsResults)
//	trend         monthly bookings up to the period's end and their forecast
//	              for the next period's months (see Trend)
//	names         rep id -> name, from the roster
//	groups        per team or rep (with -by): win rate, deal size, cycle, bookings
//	undefined     KPI -> why it could not be computed
type Review struct {
	Period       activity.Period               `json:"period"`
	AsOf         time.Time                     `json:"as_of"`
	Scope        string                        `json:"scope"`
	Currency     activity.Currency             `json:"currency"`
	Activity     *activity.Volume              `json:"activity,omitempty"`
	WinRate      *performance.WinLoss          `json:"win_rate,omitempty"`
	WinRateValue *performance.WinLoss          `json:"win_rate_value,omitempty"`
	DealSize     *performance.DealSize         `json:"deal_size,omitempty"`
	Cycle        *performance.Cycle            `json:"cycle,omitempty"`
	Velocity     *performance.Velocity         `json:"velocity,omitempty"`
	Funnel       *performance.FunnelReport     `json:"funnel,omitempty"`
	Bookings     *performance.BookingsTotal    `json:"bookings,omitempty"`
	Attainment   []performance.QuotaAttainment `json:"attainment,omitempty"`
	Coverage     *performance.PipelineCoverage `json:"coverage,omitempty"`
	Pipeline     *performance.Pipeline         `json:"pipeline,omitempty"`
	Forecast     *forecast.BookingsOutcome     `json:"forecast,omitempty"`
	Effort       *people.EffortQuadrants       `json:"effort,omitempty"`
	Trend        *Trend                        `json:"trend,omitempty"`
	Names        map[string]string             `json:"names,omitempty"`
	GroupedBy    string                        `json:"grouped_by,omitempty"`
	Groups       []GroupReview                 `json:"groups,omitempty"`
	Undefined    map[string]string             `json:"undefined,omitempty"`
}

// GroupReview is one team's or rep's line of the review.
type GroupReview struct {
	Key       string                     `json:"key"`
	Name      string                     `json:"name,omitempty"`
	WinRate   *performance.WinLoss       `json:"win_rate,omitempty"`
	DealSize  *performance.DealSize      `json:"deal_size,omitempty"`
	Cycle     *performance.Cycle         `json:"cycle,omitempty"`
	Bookings  *performance.BookingsTotal `json:"bookings,omitempty"`
	Activity  *activity.Volume           `json:"activity,omitempty"`
	Undefined map[string]string          `json:"undefined,omitempty"`
}

// Options are what the review is computed with.
type Options struct {
	Period activity.Period      // the period reviewed
	Next   activity.Period      // the period the pipeline and forecast look at
	AsOf   time.Time            // open deals are taken at this instant
	Cal    activity.Calendar    // working days of the activity volume
	Conv   *activity.Conversion // nil: the book's one currency
	By     string               // "", "team" or "rep": the groups' lines
	Scope  string               // "company", "team East", "rep 005..."
	Names  map[string]string    // rep id -> name
}

// undefinedReasons are the errors that mean "this KPI has nothing to
// compute over in this book", reported as undefined rather than failing.
var undefinedReasons = []error{
	performance.ErrNoClosedDeals, performance.ErrNoWonDeals, performance.ErrNoDeals, performance.ErrNoQuotas,
	performance.ErrNoFunnel, performance.ErrUndefinedGrowth, activity.ErrNoActivities, forecast.ErrUndefined,
	people.ErrNoDeals,
}

// Undefined says whether err means a KPI has nothing to compute over (no
// closed deals, no quotas), which a review reports rather than fails on.
func Undefined(err error) bool {
	for _, e := range undefinedReasons {
		if errors.Is(err, e) {
			return true
		}
	}
	var n interface{ Undefined() bool }
	return errors.As(err, &n) && n.Undefined()
}

// kpi computes one KPI into *dst, or notes why it is undefined; any other
// error is returned.
func kpi[T any](undef map[string]string, name string, dst **T, f func() (T, error)) error {
	v, err := f()
	switch {
	case err == nil:
		*dst = &v
	case Undefined(err):
		undef[name] = err.Error()
	default:
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Compute computes the review over a view.
func Compute(v activity.View, o Options) (Review, error) {
	rv := Review{Period: o.Period, AsOf: o.AsOf, Scope: o.Scope, Names: o.Names, Undefined: map[string]string{}}
	if o.Conv != nil {
		rv.Currency = o.Conv.To
	}
	u := rv.Undefined
	p := o.Period
	steps := []error{
		kpi(u, "activity", &rv.Activity, func() (activity.Volume, error) {
			return activity.ActivityVolume(v, p, activity.VolumeOptions{Calendar: o.Cal})
		}),
		kpi(u, "win_rate", &rv.WinRate, func() (performance.WinLoss, error) {
			return performance.WinRate(v, p, performance.WinRateOptions{Conversion: o.Conv})
		}),
		kpi(u, "win_rate_value", &rv.WinRateValue, func() (performance.WinLoss, error) {
			return performance.WinRate(v, p, performance.WinRateOptions{Basis: performance.ValueBasis, Conversion: o.Conv})
		}),
		kpi(u, "deal_size", &rv.DealSize, func() (performance.DealSize, error) {
			return performance.DealSizeOf(v, p, performance.DealSizeOptions{Conversion: o.Conv})
		}),
		kpi(u, "cycle", &rv.Cycle, func() (performance.Cycle, error) {
			return performance.SalesCycle(v, p, performance.CycleOptions{})
		}),
		kpi(u, "velocity", &rv.Velocity, func() (performance.Velocity, error) {
			return performance.SalesVelocity(v, p, performance.VelocityOptions{Conversion: o.Conv})
		}),
		kpi(u, "funnel", &rv.Funnel, func() (performance.FunnelReport, error) {
			return performance.FunnelOf(v, p, performance.FunnelOptions{AsOf: o.AsOf})
		}),
		kpi(u, "bookings", &rv.Bookings, func() (performance.BookingsTotal, error) {
			return performance.Bookings(v, p, performance.BookingsOptions{Conversion: o.Conv})
		}),
		kpi(u, "coverage", &rv.Coverage, func() (performance.PipelineCoverage, error) {
			return performance.Coverage(v, p, performance.CoverageOptions{Conversion: o.Conv})
		}),
		kpi(u, "pipeline", &rv.Pipeline, func() (performance.Pipeline, error) {
			return performance.OpenPipeline(v, o.Next, performance.PipelineOptions{AsOf: o.AsOf, StaleAfterDays: 30, Conversion: o.Conv})
		}),
		kpi(u, "forecast", &rv.Forecast, func() (forecast.BookingsOutcome, error) {
			return forecast.BookingsDistribution(v, o.Next, forecast.OutcomeOptions{AsOf: o.AsOf, Conversion: o.Conv, Target: nextTarget(v, o)})
		}),
		kpi(u, "effort", &rv.Effort, func() (people.EffortQuadrants, error) {
			return people.EffortVsResults(v, p, people.QuadrantOptions{Conversion: o.Conv})
		}),
		kpi(u, "trend", &rv.Trend, func() (Trend, error) { return trend(v, o) }),
	}
	if err := errors.Join(steps...); err != nil {
		return rv, err
	}
	att, err := performance.Attainment(v, p, performance.AttainmentOptions{Conversion: o.Conv})
	switch {
	case err == nil:
		rv.Attainment = att
	case Undefined(err):
		u["attainment"] = err.Error()
	default:
		return rv, fmt.Errorf("attainment: %w", err)
	}
	if o.By != "" {
		if rv.Groups, err = groups(v, o); err != nil {
			return rv, err
		}
		rv.GroupedBy = o.By
	}
	if len(u) == 0 {
		rv.Undefined = nil
	}
	return rv, nil
}

// groups computes the per-team or per-rep lines, each KPI in one pass.
func groups(v activity.View, o Options) ([]GroupReview, error) {
	by := activity.ByTeam()
	if o.By == "rep" {
		by = activity.ByRep()
	}
	p := o.Period
	wins, err := performance.WinRateBy(v, p, by, performance.WinRateOptions{Conversion: o.Conv})
	if err != nil {
		return nil, err
	}
	sizes, err := performance.DealSizeBy(v, p, by, performance.DealSizeOptions{Conversion: o.Conv})
	if err != nil {
		return nil, err
	}
	cycles, err := performance.SalesCycleBy(v, p, by, performance.CycleOptions{})
	if err != nil {
		return nil, err
	}
	booked, err := performance.BookingsBy(v, p, by, performance.BookingsOptions{Conversion: o.Conv})
	if err != nil {
		return nil, err
	}
	volumes, err := activity.ActivityVolumeBy(v, p, by, activity.VolumeOptions{Calendar: o.Cal})
	if err != nil {
		return nil, err
	}
	var out []GroupReview
	index := map[string]int{}
	line := func(key string) *GroupReview {
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, GroupReview{Key: key, Name: o.Names[key], Undefined: map[string]string{}})
		}
		return &out[i]
	}
	note := func(g *GroupReview, name, why string) {
		if why != "" {
			g.Undefined[name] = why
		}
	}
	for _, g := range wins {
		l := line(g.Key)
		if note(l, "win_rate", g.Undefined); g.Undefined == "" {
			l.WinRate = &g.Result
		}
	}
	for _, g := range sizes {
		l := line(g.Key)
		if note(l, "deal_size", g.Undefined); g.Undefined == "" {
			l.DealSize = &g.Result
		}
	}
	for _, g := range cycles {
		l := line(g.Key)
		if note(l, "cycle", g.Undefined); g.Undefined == "" {
			l.Cycle = &g.Result
		}
	}
	for _, g := range booked {
		l := line(g.Key)
		if note(l, "bookings", g.Undefined); g.Undefined == "" {
			l.Bookings = &g.Result
		}
	}
	for _, g := range volumes {
		l := line(g.Key)
		if note(l, "activity", g.Undefined); g.Undefined == "" {
			l.Activity = &g.Result
		}
	}
	for i := range out {
		if len(out[i].Undefined) == 0 {
			out[i].Undefined = nil
		}
	}
	return out, nil
}

// LastTime is the latest creation or close of a deal in the index: what
// has happened. Activities are not counted, as books hold meetings and
// tasks scheduled ahead.
func LastTime(ix *activity.Index) time.Time {
	var last time.Time
	for i := range ix.NumDeals() {
		d := ix.Deal(i)
		for _, t := range []time.Time{d.CreatedAt, d.ClosedAt} {
			if t.After(last) {
				last = t
			}
		}
	}
	return last
}

// nextTarget is the sum of the reps' bookings quotas within the next
// period, when every one is an amount in one currency, the forecast's;
// absent otherwise.
func nextTarget(v activity.View, o Options) activity.Optional[decimal.Decimal] {
	var none activity.Optional[decimal.Decimal]
	att, err := performance.Attainment(v, o.Next, performance.AttainmentOptions{Conversion: o.Conv})
	if err != nil || len(att) == 0 {
		return none
	}
	want := activity.Currency("")
	if o.Conv != nil {
		want = o.Conv.To
	} else if c, ok := v.Index().Currency(); ok {
		want = c
	}
	sum := decimal.Zero
	for _, a := range att {
		if a.ByCount || a.Currency != want {
			return none
		}
		sum = sum.Add(a.Quota)
	}
	return activity.Some(sum)
}

// Trend is the bookings of each month up to the end of the period reviewed
// (at most TrendMonths, from the first month with a booking) and their
// forecast for the months of the next period, with its prediction band:
// Holt-Winters with a yearly season (forecast.HoltWinters) when there are
// two years of months, else a linear trend (forecast.Linear). Confidence
// is the band's level.
type Trend struct {
	Currency   activity.Currency     `json:"currency,omitempty"`
	Method     string                `json:"method"` // "holt_winters" or "linear"
	Confidence float64               `json:"confidence"`
	History    []forecast.Point      `json:"history"`
	Forecast   []forecast.Prediction `json:"forecast"`
}

// TrendMonths is the most months of history a trend takes.
const TrendMonths = 36

// minTrendMonths is the fewest months a trend is forecast from.
const minTrendMonths = 6

// errTooFewMonths is a history too short to forecast from.
type errTooFewMonths int

func (e errTooFewMonths) Error() string {
	return fmt.Sprintf("%d months of bookings: a forecast needs at least %d", int(e), minTrendMonths)
}

func (errTooFewMonths) Undefined() bool { return true }

func trend(v activity.View, o Options) (Trend, error) {
	cal := o.Cal
	end := o.Period.End
	start := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, end.Location()).AddDate(0, -TrendMonths, 0)
	window := activity.Period{Start: start, End: end, Name: "the trend's months"}
	months, err := performance.BookingsBy(v, window, activity.ByPeriod(cal, activity.Monthly), performance.BookingsOptions{Conversion: o.Conv})
	if err != nil {
		return Trend{}, err
	}
	var t Trend
	for _, m := range months {
		if len(t.History) == 0 && m.Result.Deals == 0 {
			continue // before the first booking
		}
		if m.Result.Currency != "" {
			t.Currency = m.Result.Currency
		}
		t.History = append(t.History, forecast.Point{Period: m.Result.Period, Value: m.Result.Amount.InexactFloat64()})
	}
	if len(t.History) < minTrendMonths {
		return t, errTooFewMonths(len(t.History))
	}
	values := make([]float64, len(t.History))
	for i, p := range t.History {
		values[i] = p.Value
	}
	s, err := forecast.NewSeries(cal, activity.Monthly, t.History[0].Period.Start, values)
	if err != nil {
		return t, err
	}
	ahead, err := cal.PeriodsWithin(activity.Monthly, o.Next)
	if err != nil {
		return t, err
	}
	h := len(ahead)
	if len(values) >= 24 {
		hw, err := forecast.HoltWinters(s, forecast.HoltWintersOptions{})
		if err != nil {
			return t, err
		}
		t.Method, t.Confidence = "holt_winters", hw.Confidence
		t.Forecast, err = hw.Forecast(h)
		return t, err
	}
	lm, err := forecast.Linear(s, forecast.LinearOptions{})
	if err != nil {
		return t, err
	}
	preds, err := lm.Forecast(h)
	if err != nil {
		return t, err
	}
	t.Method, t.Confidence = "linear", lm.Confidence
	for _, p := range preds {
		t.Forecast = append(t.Forecast, p.Prediction)
	}
	return t, nil
}
