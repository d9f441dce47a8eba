package performance

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/internal/quantile"
)

// CycleSelection says which closed deals a sales cycle is measured on.
type CycleSelection uint8

// Cycle selections.
const (
	CycleWon    CycleSelection = iota // deals won in the period (the default)
	CycleClosed                       // deals won or lost in the period
)

// String returns "won" or "closed".
func (s CycleSelection) String() string {
	switch s {
	case CycleWon:
		return "won"
	case CycleClosed:
		return "closed"
	}
	return fmt.Sprintf("CycleSelection(%d)", uint8(s))
}

// MarshalText writes String.
func (s CycleSelection) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (s *CycleSelection) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, CycleWon, CycleClosed, CycleSelection.MarshalText)
	if !ok {
		return fmt.Errorf("%w: cycle selection %q", ErrInvalidOptions, text)
	}
	*s = v
	return nil
}

// DayCount says how days between two instants are counted.
type DayCount uint8

// Day counts.
const (
	// ElapsedDays (the default): elapsed seconds / 86,400, fractional, the
	// same in every time zone.
	ElapsedDays DayCount = iota
	// CalendarDays: whole calendar dates from the creation date to the close
	// date in the calendar's zone (a deal created and closed on the same
	// date took 0 days), as a person counting on a calendar would.
	CalendarDays
)

// String returns "elapsed" or "calendar".
func (c DayCount) String() string {
	switch c {
	case ElapsedDays:
		return "elapsed"
	case CalendarDays:
		return "calendar"
	}
	return fmt.Sprintf("DayCount(%d)", uint8(c))
}

// MarshalText writes String.
func (c DayCount) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *DayCount) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ElapsedDays, CalendarDays, DayCount.MarshalText)
	if !ok {
		return fmt.Errorf("%w: day count %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// CycleOptions selects the deals of a sales cycle and how days are counted.
// The zero value measures won deals in elapsed days.
type CycleOptions struct {
	Selection CycleSelection
	Days      DayCount
	// Calendar gives the time zone for CalendarDays (zero: UTC).
	Calendar activity.Calendar
}

// Validate reports an unknown selection or day count.
func (o CycleOptions) Validate() error {
	switch {
	case o.Selection > CycleClosed:
		return fmt.Errorf("%w: cycle selection %v", ErrInvalidOptions, o.Selection)
	case o.Days > CalendarDays:
		return fmt.Errorf("%w: day count %v", ErrInvalidOptions, o.Days)
	}
	return nil
}

// Cycle is how long deals took from creation to close, over the deals closed
// in the period:
//
//	MeanDays   = Σ (closed − created) / Deals          (from an exact sum)
//	MedianDays, P75Days, P90Days                       type 7 quantiles (R, pandas,
//	                                                   NumPy, spreadsheets)
//
// in elapsed days (seconds / 86,400) or whole calendar days (CycleOptions).
type Cycle struct {
	Scope      string          `json:"scope"`
	Period     activity.Period `json:"period"`
	Selection  CycleSelection  `json:"selection"`
	Days       DayCount        `json:"days"`
	Deals      int64           `json:"deals"`
	MeanDays   float64         `json:"mean_days"`
	MedianDays float64         `json:"median_days"`
	P75Days    float64         `json:"p75_days"`
	P90Days    float64         `json:"p90_days"`
	MinDays    float64         `json:"min_days"`
	MaxDays    float64         `json:"max_days"`
}

// String reads as "all: sales cycle of 153 won deals in 2025 Q1: mean 47.2
// days, median 41.0, P75 63.5, P90 88.0".
func (c Cycle) String() string {
	return fmt.Sprintf("%s: sales cycle of %d %v deals in %s: mean %.1f days, median %.1f, P75 %.1f, P90 %.1f",
		c.Scope, c.Deals, c.Selection, periodName(c.Period), c.MeanDays, c.MedianDays, c.P75Days, c.P90Days)
}

// CycleTally is the fold behind SalesCycle: it keeps every duration (the
// quantiles need them), in nanoseconds for elapsed days or whole days for
// calendar days, and their exact sum.
type CycleTally struct {
	durations []int64
	sum       exact.Sum
}

// Add counts a deal that took d. Under CalendarDays, pass the whole
// calendar days the deal took as d = days × 24h.
func (t *CycleTally) Add(d time.Duration) { t.add(int64(d)) }

func (t *CycleTally) add(n int64) {
	t.durations = append(t.durations, n)
	t.sum.Add(n)
}

// Merge adds o's deals to t.
func (t *CycleTally) Merge(o *CycleTally) {
	t.durations = append(t.durations, o.durations...)
	t.sum.Merge(&o.sum)
}

// Result returns the cycle of the tally's deals. With none it returns an
// error wrapping ErrNoWonDeals (CycleWon) or ErrNoClosedDeals.
func (t *CycleTally) Result(scope string, p activity.Period, opt CycleOptions) (Cycle, error) {
	u := *t
	u.durations = slices.Clone(t.durations)
	return u.sortedResult(scope, p, opt)
}

// sortedResult is Result sorting the tally's durations in place: for the
// tallies of a pass, which no one else reads.
func (t *CycleTally) sortedResult(scope string, p activity.Period, opt CycleOptions) (Cycle, error) {
	c := Cycle{Scope: scope, Period: p, Selection: opt.Selection, Days: opt.Days, Deals: int64(len(t.durations))}
	if len(t.durations) == 0 {
		if opt.Selection == CycleWon {
			return c, fmt.Errorf("%w: %s in %s", ErrNoWonDeals, scope, periodName(p))
		}
		return c, fmt.Errorf("%w: %s in %s", ErrNoClosedDeals, scope, periodName(p))
	}
	unit := float64(nanosPerDay)
	// Quantiles of the durations, sorted as integers (faster than floats),
	// in days: nanoseconds as float64 keep whole seconds exact (k × 10⁹ =
	// k × 5⁹ × 2⁹ fits 53 bits for any k below 2^53 / 5⁹).
	xs := t.durations
	sortDurations(xs)
	days := func(q float64) float64 { return quantile.Type7Int64(xs, q) / unit }
	c.MinDays, c.MaxDays = float64(xs[0])/unit, float64(xs[len(xs)-1])/unit
	c.MedianDays, c.P75Days, c.P90Days = days(0.5), days(0.75), days(0.9)
	mean := t.sum.Decimal().DivRound(decimalOf(int64(len(t.durations))), ratioScale).InexactFloat64()
	c.MeanDays = mean / unit
	return c, nil
}

// meanDays returns the mean cycle without sorting, for KPIs that need no
// quantile; the errors are those of Result.
func (t *CycleTally) meanDays(scope string, p activity.Period, opt CycleOptions) (float64, error) {
	if len(t.durations) == 0 {
		_, err := t.Result(scope, p, opt)
		return 0, err
	}
	unit := float64(nanosPerDay)
	return t.sum.Decimal().DivRound(decimalOf(int64(len(t.durations))), ratioScale).InexactFloat64() / unit, nil
}

// SalesCycle returns the sales cycle of the view's deals closed in p (see
// Cycle and CycleOptions). With no deal the error wraps ErrNoWonDeals or
// ErrNoClosedDeals; invalid periods and options are errors too.
func SalesCycle(v activity.View, p activity.Period, opt CycleOptions) (Cycle, error) {
	if err := v.Err(); err != nil {
		return Cycle{}, err
	}
	return cycleKPI(v, p, opt).of(v, p)
}

// SalesCycleBy returns the sales cycle of every group of the view in one
// pass, in key order (a period breakdown groups by close date). Groups with
// no deal are left out (periods are all listed, undefined where empty).
func SalesCycleBy(v activity.View, p activity.Period, by activity.By, opt CycleOptions) ([]activity.Group[Cycle], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	return cycleKPI(v, p, opt).by(v, p, by)
}

func cycleKPI(v activity.View, p activity.Period, opt CycleOptions) kpi[CycleTally, Cycle] {
	var gv *groupValues
	return kpi[CycleTally, Cycle]{
		merge: (*CycleTally).Merge,
		pass: func(g *grouper) (ts []CycleTally, err error) {
			ts, gv, err = cyclePass(v, p, opt, g)
			return ts, err
		},
		total: func(ts []CycleTally) CycleTally {
			// The groups' durations lie group after group in one buffer.
			t := CycleTally{durations: gv.all()}
			for i := range ts {
				t.sum.Merge(&ts[i].sum)
			}
			return t
		},
		done: func() { gv.release(); gv = nil },
		seen: func(t *CycleTally) bool { return len(t.durations) > 0 },
		result: func(t *CycleTally, scope string, q activity.Period) (Cycle, error) {
			return t.sortedResult(scope, q, opt)
		},
	}
}

// cyclePass runs the cycle pass over the view: one tally per group of g,
// or one in all when g is nil. The tallies' durations are slices of gv's
// buffer: release it once they are read.
func cyclePass(v activity.View, p activity.Period, opt CycleOptions, g *grouper) (_ []CycleTally, gv *groupValues, _ error) {
	if err := checkPeriod(p); err != nil {
		return nil, nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, nil, err
	}
	if opt.Days == CalendarDays {
		if err := opt.Calendar.Validate(); err != nil {
			return nil, nil, err
		}
	}
	loc := opt.Calendar.Location
	if loc == nil {
		loc = time.UTC
	}
	d := ixcols.DealsOf(v.Index())
	in := spanOf(p)
	n := 1
	if g != nil {
		n = g.size()
	}
	ts := make([]CycleTally, n)
	gv = newGroupValues()
	if opt.Days == ElapsedDays && (g == nil || g.col != nil) && !generalLoops {
		var col []activity.Key
		if g != nil {
			col = g.col
		}
		return cycleElapsed(v.DealRows(), d, in, col, opt.Selection == CycleClosed, gv, ts), gv, nil
	}
	for _, r := range v.DealRows() {
		st := d.Status[r]
		if st != activity.StatusWon && (st != activity.StatusLost || opt.Selection != CycleClosed) {
			continue
		}
		closed := d.Closed[r]
		if !in.has(closed) {
			continue
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, closed); gi < 0 {
				continue
			}
			for gi >= len(ts) {
				ts = append(ts, CycleTally{})
			}
		}
		dur := closed - d.Created[r]
		if opt.Days == CalendarDays {
			dur = calendarDays(d.Created[r], closed, loc) * nanosPerDay
		}
		ts[gi].sum.Add(dur)
		gv.add(gi, dur)
	}
	gv.spread(len(ts), func(g int, xs []int64) {
		for g >= len(ts) {
			ts = append(ts, CycleTally{})
		}
		ts[g].durations = xs
	})
	return ts, gv, nil
}

// calendarDays counts the dates from a's to b's in loc.
func calendarDays(a, b int64, loc *time.Location) int64 {
	ya, ma, da := time.Unix(0, a).In(loc).Date()
	yb, mb, db := time.Unix(0, b).In(loc).Date()
	// Dates as days since the epoch of the proleptic Gregorian calendar, in
	// UTC where every day is 86,400 s.
	ta := time.Date(ya, ma, da, 0, 0, 0, 0, time.UTC).Unix()
	tb := time.Date(yb, mb, db, 0, 0, 0, 0, time.UTC).Unix()
	return (tb - ta) / 86400
}

// cycleElapsed is cyclePass's loop for elapsed days grouped by a key
// column or not at all: each deal's duration is written to gv whether it
// counts or not, and kept when it does (won, or with closed lost too, and
// closed in p), so that no branch depends on the outcome; the sums are
// taken from the kept durations after.
func cycleElapsed(rows []int32, d *ixcols.Deals, in span, col []activity.Key, closed bool, gv *groupValues, ts []CycleTally) []CycleTally {
	lost := int64(0)
	if closed {
		lost = 1
	}
	// Every close in p (the column's bounds say so): no close is compared.
	lo, hi := in.lo, in.hi
	if in.holds(d.ClosedBounds) {
		lo, hi = math.MinInt64, math.MaxInt64
	}
	status, closes, creates := d.Status, d.Closed, d.Created
	vals, groups := gv.room(len(rows))
	n := 0
	for _, r := range rows {
		keep := picked(status[r], lost)
		at := closes[r]
		if at < lo || at >= hi {
			keep = 0
		}
		gi := int32(0)
		if col != nil {
			gi = int32(col[r]) + 1
		}
		vals[n], groups[n] = at-creates[r], gi
		n += int(keep)
	}
	gv.kept(vals, groups, n)
	gv.spread(len(ts), func(g int, xs []int64) {
		for g >= len(ts) {
			ts = append(ts, CycleTally{})
		}
		ts[g].durations = xs
		for _, x := range xs {
			ts[g].sum.Add(x)
		}
	})
	return ts
}

// sortDurations sorts nanosecond durations. Durations of whole seconds
// (times exported to the second) are sorted as seconds: a radix sort then
// moves them three or four times instead of seven.
func sortDurations(xs []int64) {
	const second = int64(time.Second)
	for _, x := range xs {
		if x%second != 0 {
			quantile.SortInt64(xs)
			return
		}
	}
	for i := range xs {
		xs[i] /= second
	}
	quantile.SortInt64(xs)
	for i := range xs {
		xs[i] *= second
	}
}
