package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// allTime holds every record: kpi-report/v1 has no period.
var allTime = activity.Period{
	Start: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
	Name:  "all time",
}

// The options that match kpi-report/v1's definitions.
var (
	countOpts  = performance.WinRateOptions{}                                                   // won / closed, by count
	valueOpts  = performance.WinRateOptions{Basis: performance.ValueBasis}                      // won cents / closed cents
	pipeOpts   = performance.PipelineOptions{Selection: performance.AllOpen, AsOf: allTime.End} // every open deal
	sizeOpts   = performance.DealSizeOptions{}                                                  // won deals
	cycleOpts  = performance.CycleOptions{}                                                     // won deals, elapsed days
	effortOpts = performance.EffortOptions{}                                                    // every activity of the rep
	linkedOpts = performance.EffortOptions{Linking: performance.LinkedToOutcome, Attribution: performance.AttributeToDealOwner}
	actKinds   = []activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting, activity.KindDemo, activity.KindProposal}
)

func compute(ix *activity.Index) (report, error) {
	all := ix.All()
	rep := report{Version: "kpi-report/v1"}
	// Every KPI call below is independent of the others: they run as
	// goroutines, which the scheduler spreads over the cores.
	var overall row
	var perRep []repRow
	err := parallel(
		func() (err error) { overall, err = overallRow(all); return },
		func() (err error) { perRep, err = perRepRows(all); return },
	)
	rep.Overall, rep.PerRep = overall, perRep
	return rep, err
}

// parallel runs the functions concurrently and joins their errors.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// undefinedOK passes the errors that only say a KPI is undefined (the
// report prints null) and returns the others.
func undefinedOK(err error) error {
	for _, e := range []error{performance.ErrNoClosedDeals, performance.ErrNoWonDeals, performance.ErrZeroDenominator} {
		if errors.Is(err, e) {
			return nil
		}
	}
	return err
}

// defined calls a KPI and says whether its result is defined; only errors
// other than "undefined" are returned.
func defined[R any](r *R, ok *bool, kpi func() (R, error)) func() error {
	return func() error {
		var err error
		*r, err = kpi()
		*ok = err == nil
		return undefinedOK(err)
	}
}

func overallRow(all activity.View) (row, error) {
	var (
		r                   row
		w, wv               performance.WinLoss
		p                   performance.Pipeline
		s                   performance.DealSize
		c                   performance.Cycle
		vol                 activity.Volume
		e, l                performance.Effort
		okW, okWV, okS, okC bool
		okE, okL, okP, okV  bool
	)
	err := parallel(
		defined(&w, &okW, func() (performance.WinLoss, error) { return performance.WinRate(all, allTime, countOpts) }),
		defined(&wv, &okWV, func() (performance.WinLoss, error) { return performance.WinRate(all, allTime, valueOpts) }),
		defined(&p, &okP, func() (performance.Pipeline, error) { return performance.OpenPipeline(all, allTime, pipeOpts) }),
		defined(&s, &okS, func() (performance.DealSize, error) { return performance.DealSizeOf(all, allTime, sizeOpts) }),
		defined(&c, &okC, func() (performance.Cycle, error) { return performance.SalesCycle(all, allTime, cycleOpts) }),
		defined(&vol, &okV, func() (activity.Volume, error) {
			return activity.ActivityVolume(all, allTime, activity.VolumeOptions{})
		}),
		defined(&e, &okE, func() (performance.Effort, error) { return performance.ActivitiesPerWonDeal(all, allTime, effortOpts) }),
		defined(&l, &okL, func() (performance.Effort, error) { return performance.ActivitiesPerWonDeal(all, allTime, linkedOpts) }),
	)
	if err != nil {
		return r, err
	}
	r.setWin(w, okW)
	r.setValueRate(wv, okWV)
	r.setPipeline(p)
	r.setSize(s, okS)
	r.setCycle(c, okC)
	r.setActivities(vol)
	r.setPerWon(e, okE)
	r.setLinked(l, okL)
	// Velocity from the inputs already computed: open now × count rate ×
	// mean won deal / mean won cycle.
	v, err := performance.VelocityFrom(all.Label(), allTime, p.Deals, w, s, c)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setVelocity(v, err == nil)
	r.DealsTotal = r.OpenCount + r.ClosedCount
	return r, nil
}

func perRepRows(all activity.View) ([]repRow, error) {
	by := activity.ByRep()
	var (
		ws, wvs []activity.Group[performance.WinLoss]
		ps      []activity.Group[performance.Pipeline]
		ss      []activity.Group[performance.DealSize]
		cs      []activity.Group[performance.Cycle]
		vols    []activity.Group[activity.Volume]
		es, ls  []activity.Group[performance.Effort]
	)
	err := parallel(
		func() (err error) { ws, err = performance.WinRateBy(all, allTime, by, countOpts); return },
		func() (err error) { wvs, err = performance.WinRateBy(all, allTime, by, valueOpts); return },
		func() (err error) { ps, err = performance.OpenPipelineBy(all, allTime, by, pipeOpts); return },
		func() (err error) { ss, err = performance.DealSizeBy(all, allTime, by, sizeOpts); return },
		func() (err error) { cs, err = performance.SalesCycleBy(all, allTime, by, cycleOpts); return },
		func() (err error) {
			vols, err = activity.ActivityVolumeBy(all, allTime, activity.ByRep(), activity.VolumeOptions{})
			return
		},
		func() (err error) { es, err = performance.ActivitiesPerWonDealBy(all, allTime, by, effortOpts); return },
		func() (err error) { ls, err = performance.ActivitiesPerWonDealBy(all, allTime, by, linkedOpts); return },
	)
	if err != nil {
		return nil, err
	}
	type inputs struct {
		open  int64
		win   performance.WinLoss
		size  performance.DealSize
		cycle performance.Cycle
	}
	rows := map[string]*row{}
	in := map[string]*inputs{}
	at := func(k string) *row {
		r, ok := rows[k]
		if !ok {
			r = &row{}
			rows[k] = r
			in[k] = &inputs{}
		}
		return r
	}
	for _, g := range ws {
		at(g.Key).setWin(g.Result, g.Undefined == "")
		in[g.Key].win = g.Result
	}
	for _, g := range wvs {
		at(g.Key).setValueRate(g.Result, g.Undefined == "")
	}
	for _, g := range ps {
		at(g.Key).setPipeline(g.Result)
		in[g.Key].open = g.Result.Deals
	}
	// Reps with deals make the report's rows (as the peers group deals).
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	for _, g := range ss {
		at(g.Key).setSize(g.Result, g.Undefined == "")
		in[g.Key].size = g.Result
	}
	for _, g := range cs {
		at(g.Key).setCycle(g.Result, g.Undefined == "")
		in[g.Key].cycle = g.Result
	}
	for k, x := range in {
		v, err := performance.VelocityFrom(k, allTime, x.open, x.win, x.size, x.cycle)
		if err := undefinedOK(err); err != nil {
			return nil, err
		}
		rows[k].setVelocity(v, err == nil)
	}
	for _, g := range vols {
		at(g.Key).setActivities(g.Result)
	}
	for _, g := range es {
		at(g.Key).setPerWon(g.Result, g.Undefined == "")
	}
	for _, g := range ls {
		at(g.Key).setLinked(g.Result, g.Undefined == "")
	}

	out := make([]repRow, 0, len(keys))
	for _, k := range keys {
		id, err := strconv.Atoi(k)
		if err != nil {
			return nil, fmt.Errorf("rep id %q: %w", k, err)
		}
		r := rows[k]
		r.DealsTotal = r.OpenCount + r.ClosedCount
		if r.Activities == nil {
			r.setActivities(activity.Volume{})
		}
		out = append(out, repRow{Rep: id, row: *r})
	}
	slices.SortFunc(out, func(a, b repRow) int { return cmp.Compare(a.Rep, b.Rep) })
	return out, nil
}

func ptr(x float64) *float64 { return &x }

func cents(d decimal.Decimal) int64 { return d.Shift(2).IntPart() }

func (r *row) setWin(w performance.WinLoss, defined bool) {
	r.WonCount, r.ClosedCount = w.Won, w.Won+w.Lost
	r.WonAmountCents, r.ClosedAmountCents = cents(w.WonAmount), cents(w.ClosedAmount)
	if defined {
		r.WinRateCount = ptr(w.Rate)
	}
}

func (r *row) setValueRate(w performance.WinLoss, defined bool) {
	if defined {
		r.WinRateValue = ptr(w.Rate)
	}
}

func (r *row) setPipeline(p performance.Pipeline) {
	r.OpenCount = p.Deals
	r.WeightedPipeline = p.Weighted.InexactFloat64()
}

func (r *row) setSize(s performance.DealSize, defined bool) {
	if defined {
		r.AvgWonAmount = ptr(s.Mean.InexactFloat64())
	}
}

func (r *row) setCycle(c performance.Cycle, defined bool) {
	if defined {
		r.CycleMeanDays, r.CycleMedianDays = ptr(c.MeanDays), ptr(c.MedianDays)
	}
}

func (r *row) setVelocity(v performance.Velocity, defined bool) {
	if defined {
		r.SalesVelocityPerDay = ptr(v.PerDay)
	}
}

func (r *row) setActivities(v activity.Volume) {
	r.Activities = map[string]int64{"total": 0}
	for _, k := range actKinds {
		r.Activities[string(k)] = 0
	}
	for _, k := range v.ByKind {
		r.Activities[string(k.Kind)] = k.Count
		r.Activities["total"] += k.Count
	}
}

func (r *row) setPerWon(e performance.Effort, defined bool) {
	if defined {
		r.ActivitiesPerWonDeal = ptr(e.Ratio)
	}
}

func (r *row) setLinked(e performance.Effort, defined bool) {
	r.LinkedActivitiesOnWonDeals = e.Activities
	if defined {
		r.LinkedActivitiesPerWonDeal = ptr(e.Ratio)
	}
}
