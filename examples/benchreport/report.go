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
	// One breakdown by rep per KPI, each with its total row (By.Total): the
	// report's overall row comes from the same passes as its rep rows.
	// The calls are independent of each other: they run as goroutines,
	// which the scheduler spreads over the cores.
	by := activity.ByRep().WithTotal()
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
			vols, err = activity.ActivityVolumeBy(all, allTime, by, activity.VolumeOptions{})
			return
		},
		func() (err error) { es, err = performance.ActivitiesPerWonDealBy(all, allTime, by, effortOpts); return },
		func() (err error) { ls, err = performance.ActivitiesPerWonDealBy(all, allTime, by, linkedOpts); return },
	)
	if err != nil {
		return rep, err
	}
	rows := map[string]*row{}
	in := map[string]*inputs{}
	var total row
	var totalIn inputs
	// at is the row of group g: the total's, or its rep's.
	at := func(g groupInfo) (*row, *inputs) {
		if g.Total {
			return &total, &totalIn
		}
		r, ok := rows[g.Key]
		if !ok {
			r = &row{}
			rows[g.Key] = r
			in[g.Key] = &inputs{}
		}
		return r, in[g.Key]
	}
	for _, g := range ws {
		r, x := at(infoOf(g))
		r.setWin(g.Result, g.Undefined == "")
		x.win = g.Result
	}
	for _, g := range wvs {
		r, _ := at(infoOf(g))
		r.setValueRate(g.Result, g.Undefined == "")
	}
	for _, g := range ps {
		r, x := at(infoOf(g))
		r.setPipeline(g.Result)
		x.open = g.Result.Deals
	}
	// Reps with deals make the report's rows (as the peers group deals).
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	for _, g := range ss {
		r, x := at(infoOf(g))
		r.setSize(g.Result, g.Undefined == "")
		x.size = g.Result
	}
	for _, g := range cs {
		r, x := at(infoOf(g))
		r.setCycle(g.Result, g.Undefined == "")
		x.cycle = g.Result
	}
	for _, g := range vols {
		r, _ := at(infoOf(g))
		r.setActivities(g.Result)
	}
	for _, g := range es {
		r, _ := at(infoOf(g))
		r.setPerWon(g.Result, g.Undefined == "")
	}
	for _, g := range ls {
		r, _ := at(infoOf(g))
		r.setLinked(g.Result, g.Undefined == "")
	}
	// Velocity from the inputs already computed: open now × count rate ×
	// mean won deal / mean won cycle.
	if err := total.velocity(all.Label(), &totalIn); err != nil {
		return rep, err
	}
	for k, x := range in {
		if err := rows[k].velocity(k, x); err != nil {
			return rep, err
		}
	}
	total.DealsTotal = total.OpenCount + total.ClosedCount
	rep.Overall = total

	out := make([]repRow, 0, len(keys))
	for _, k := range keys {
		id, err := strconv.Atoi(k)
		if err != nil {
			return rep, fmt.Errorf("rep id %q: %w", k, err)
		}
		r := rows[k]
		r.DealsTotal = r.OpenCount + r.ClosedCount
		if r.Activities == nil {
			r.setActivities(activity.Volume{})
		}
		out = append(out, repRow{Rep: id, row: *r})
	}
	slices.SortFunc(out, func(a, b repRow) int { return cmp.Compare(a.Rep, b.Rep) })
	rep.PerRep = out
	return rep, nil
}

// inputs are the results a row's sales velocity is made from.
type inputs struct {
	open  int64
	win   performance.WinLoss
	size  performance.DealSize
	cycle performance.Cycle
}

// velocity sets the row's sales velocity from its inputs (null where one
// is undefined).
func (r *row) velocity(scope string, x *inputs) error {
	v, err := performance.VelocityFrom(scope, allTime, x.open, x.win, x.size, x.cycle)
	if err := undefinedOK(err); err != nil {
		return err
	}
	r.setVelocity(v, err == nil)
	return nil
}

// groupInfo is what places a group's result: its key, and whether it is
// the breakdown's total.
type groupInfo struct {
	Key   string
	Total bool
}

func infoOf[R any](g activity.Group[R]) groupInfo { return groupInfo{g.Key, g.Total} }

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
