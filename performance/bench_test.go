package performance_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

var benchSizes = []int{1_000, 10_000, 100_000, 1_000_000}

// benchIndexes caches one generated index per size: building 10⁶ deals and
// 5 × 10⁶ activities takes seconds, the KPIs milliseconds.
var benchIndexes sync.Map

type benchData struct {
	ix     *activity.Index
	window activity.Period
}

func benchIndex(b *testing.B, n int) benchData {
	if n >= 1_000_000 && testing.Short() {
		b.Skip("10⁶ deals in -short mode")
	}
	if d, ok := benchIndexes.Load(n); ok {
		return d.(benchData)
	}
	cfg := activitytest.Config{Deals: n, ActivitiesPerDeal: 4, UntiedShare: 0.25, Reps: 200, Teams: 20}
	r := activitytest.Generate(cfg)
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End})
	if err != nil {
		b.Fatal(err)
	}
	d := benchData{ix, cfg.Window()}
	benchIndexes.Store(n, d)
	return d
}

func benchKPI(b *testing.B, kpi func(v activity.View, p activity.Period) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			d := benchIndex(b, n)
			all := d.ix.All()
			b.ReportAllocs()
			for b.Loop() {
				if err := kpi(all, d.window); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var byRep = activity.ByRep()

func BenchmarkWinRate(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.WinRate(v, p, performance.WinRateOptions{Basis: performance.ValueBasis})
		return err
	})
}

func BenchmarkWinRateByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.WinRateBy(v, p, byRep, performance.WinRateOptions{})
		return err
	})
}

func BenchmarkDealSize(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.DealSizeOf(v, p, performance.DealSizeOptions{})
		return err
	})
}

func BenchmarkSalesCycleByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.SalesCycleBy(v, p, byRep, performance.CycleOptions{})
		return err
	})
}

func BenchmarkOpenPipeline(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.OpenPipeline(v, p, performance.PipelineOptions{Selection: performance.AllOpen})
		return err
	})
}

func BenchmarkSalesVelocityByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.SalesVelocityBy(v, p, byRep, performance.VelocityOptions{})
		return err
	})
}

func BenchmarkLinkedActivitiesPerWonDealByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.ActivitiesPerWonDealBy(v, p, byRep,
			performance.EffortOptions{Linking: performance.LinkedToOutcome, Attribution: performance.AttributeToDealOwner})
		return err
	})
}

func BenchmarkActivitiesPerWonDeal(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.ActivitiesPerWonDeal(v, p, performance.EffortOptions{})
		return err
	})
}

func BenchmarkActivitiesPerWonDealByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.ActivitiesPerWonDealBy(v, p, byRep, performance.EffortOptions{})
		return err
	})
}

// BenchmarkLeadFunnel: the lead funnel over the sample's leads (about one
// a deal: converted ones behind deals, touched ones behind untied calls and
// e-mails), for the whole book and by source, each lead record for its own
// source and merged by first touch.
func BenchmarkLeadFunnel(b *testing.B) {
	for _, c := range []struct {
		name string
		by   bool
		opt  performance.LeadOptions
	}{
		{"all", false, performance.LeadOptions{}},
		{"by source", true, performance.LeadOptions{}},
		{"first touch", true, performance.LeadOptions{Attribution: performance.FirstTouch}},
	} {
		b.Run(c.name, func(b *testing.B) {
			benchKPI(b, func(v activity.View, p activity.Period) error {
				if c.by {
					_, err := performance.LeadFunnelBy(v, p, activity.BySource(), c.opt)
					return err
				}
				_, err := performance.LeadFunnelOf(v, p, c.opt)
				return err
			})
		})
	}
}
