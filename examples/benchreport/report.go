package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
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
	countOpts  = performance.WinRateOptions{}                                // won / closed, by count
	valueOpts  = performance.WinRateOptions{Basis: performance.ByValue}      // won cents / closed cents
	pipeOpts   = performance.PipelineOptions{Selection: performance.AllOpen} // every open deal
	sizeOpts   = performance.DealSizeOptions{}                               // won deals
	cycleOpts  = performance.CycleOptions{}                                  // won deals, elapsed days
	velOpts    = performance.VelocityOptions{}                               // open now × count rate × mean won / mean cycle
	effortOpts = performance.EffortOptions{}                                 // every activity of the rep
	linkedOpts = performance.EffortOptions{Linking: performance.LinkedToOutcome, Attribution: performance.DealOwner}
	actKinds   = []activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting, activity.KindDemo, activity.KindProposal}
)

func compute(ix *activity.Index) (report, error) {
	all := ix.All()
	rep := report{Version: "kpi-report/v1"}
	// The overall row and the per-rep rows are independent: compute them on
	// both cores.
	type perRep struct {
		rows []repRow
		err  error
	}
	done := make(chan perRep, 1)
	go func() {
		rows, err := perRepRows(all)
		done <- perRep{rows, err}
	}()
	overall, err := overallRow(all)
	pr := <-done
	if err != nil {
		return rep, err
	}
	if pr.err != nil {
		return rep, pr.err
	}
	rep.Overall, rep.PerRep = overall, pr.rows
	return rep, nil
}

func overallRow(all activity.View) (row, error) {
	var r row
	w, err := performance.WinRate(all, allTime, countOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setWin(w, err == nil)
	wv, err := performance.WinRate(all, allTime, valueOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setValueRate(wv, err == nil)
	p, err := performance.OpenPipeline(all, allTime, pipeOpts)
	if err != nil {
		return r, err
	}
	r.setPipeline(p)
	s, err := performance.DealSizeOf(all, allTime, sizeOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setSize(s, err == nil)
	c, err := performance.SalesCycle(all, allTime, cycleOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setCycle(c, err == nil)
	v, err := performance.SalesVelocity(all, allTime, velOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setVelocity(v, err == nil)
	vol, err := activity.ActivityVolume(all, allTime, activity.VolumeOptions{})
	if err != nil {
		return r, err
	}
	r.setActivities(vol)
	e, err := performance.ActivitiesPerWonDeal(all, allTime, effortOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setPerWon(e, err == nil)
	l, err := performance.ActivitiesPerWonDeal(all, allTime, linkedOpts)
	if err := undefinedOK(err); err != nil {
		return r, err
	}
	r.setLinked(l, err == nil)
	r.DealsTotal = r.OpenCount + r.ClosedCount
	return r, nil
}

// undefinedOK passes the errors that only say a KPI is undefined (the
// report prints null) and returns the others.
func undefinedOK(err error) error {
	for _, e := range []error{performance.ErrNoClosedDeals, performance.ErrNoWonDeals, performance.ErrZeroDenominator} {
		if errorsIs(err, e) {
			return nil
		}
	}
	return err
}

func perRepRows(all activity.View) ([]repRow, error) {
	by := performance.By{Dimension: performance.Rep}
	rows := map[string]*row{}
	at := func(k string) *row {
		r, ok := rows[k]
		if !ok {
			r = &row{}
			rows[k] = r
		}
		return r
	}
	ws, err := performance.WinRateBy(all, allTime, by, countOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range ws {
		at(g.Key).setWin(g.Result, g.Undefined == "")
	}
	wvs, err := performance.WinRateBy(all, allTime, by, valueOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range wvs {
		at(g.Key).setValueRate(g.Result, g.Undefined == "")
	}
	ps, err := performance.OpenPipelineBy(all, allTime, by, pipeOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range ps {
		at(g.Key).setPipeline(g.Result)
	}
	// Reps with deals make the report's rows (as the peers group deals).
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	ss, err := performance.DealSizeBy(all, allTime, by, sizeOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range ss {
		at(g.Key).setSize(g.Result, g.Undefined == "")
	}
	cs, err := performance.SalesCycleBy(all, allTime, by, cycleOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range cs {
		at(g.Key).setCycle(g.Result, g.Undefined == "")
	}
	vs, err := performance.SalesVelocityBy(all, allTime, by, velOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range vs {
		at(g.Key).setVelocity(g.Result, g.Undefined == "")
	}
	vols, err := activity.ActivityVolumeBy(all, allTime, activity.ByRep, activity.VolumeOptions{})
	if err != nil {
		return nil, err
	}
	for _, g := range vols {
		at(g.Key).setActivities(g.Volume)
	}
	es, err := performance.ActivitiesPerWonDealBy(all, allTime, by, effortOpts)
	if err != nil {
		return nil, err
	}
	for _, g := range es {
		at(g.Key).setPerWon(g.Result, g.Undefined == "")
	}
	ls, err := performance.ActivitiesPerWonDealBy(all, allTime, by, linkedOpts)
	if err != nil {
		return nil, err
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
