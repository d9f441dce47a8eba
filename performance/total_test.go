package performance

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// checkTotal holds a breakdown's total row (By.Total) to its definition:
// the groups are those of the call without Total, followed by one group
// marked Total, keyed "", holding what the KPI's plain function returns
// (its result, or undefined for the reason it gives); where the plain
// function fails, the call with Total fails with the same error.
func checkTotal[R any](t *testing.T, name string, by activity.By, breakdown func(activity.By) ([]activity.Group[R], error),
	plain func() (R, error), undefined func(error) bool) {
	t.Helper()
	if by.Total {
		t.Fatalf("%s: checkTotal takes the By without Total", name)
	}
	groups, err := breakdown(by)
	withTotal, errTotal := breakdown(by.WithTotal())
	want, errPlain := plain()
	switch {
	case err != nil:
		if errTotal == nil || errTotal.Error() != err.Error() {
			t.Errorf("%s by %v: without Total %v; with Total %v", name, by, err, errTotal)
		}
		return
	case errPlain != nil && !undefined(errPlain):
		if errTotal == nil || errTotal.Error() != errPlain.Error() {
			t.Errorf("%s by %v with Total: error %v; the plain KPI fails with %v", name, by, errTotal, errPlain)
		}
		return
	case errTotal != nil:
		t.Errorf("%s by %v with Total: %v", name, by, errTotal)
		return
	}
	if len(withTotal) != len(groups)+1 {
		t.Fatalf("%s by %v: %d groups with Total, %d without", name, by, len(withTotal), len(groups))
	}
	if diff := cmp.Diff(groups, withTotal[:len(groups)], cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s by %v: the groups change with Total (-without +with):\n%s", name, by, diff)
	}
	wantTotal := activity.Group[R]{Result: want, Total: true}
	if errPlain != nil {
		wantTotal.Undefined = errPlain.Error()
	}
	if diff := cmp.Diff(wantTotal, withTotal[len(groups)]); diff != "" {
		t.Errorf("%s by %v: the total row is not the plain KPI (-plain +total):\n%s", name, by, diff)
	}
}

func undefinedKPI(err error) bool { return isUndefined(err) || errors.Is(err, ErrNoRecords) }

// TestTotalIsThePlainKPI runs every breakdown of the package on generated
// books (one currency and two; a year and a quarter of it) under every
// grouping it takes, with and without Total.
func TestTotalIsThePlainKPI(t *testing.T) {
	t.Parallel()
	cal := activity.Calendar{}
	bys := []activity.By{activity.ByRep(), activity.ByTeam(), activity.ByTerritory(), activity.BySource(), activity.BySegment(),
		activity.ByAttribute("region"), activity.ByPeriod(cal, activity.Monthly), activity.ByPeriod(cal, activity.Quarterly), activity.ByKind()}
	for _, cfg := range []activitytest.Config{
		{Seed: 3, Reps: 9, Teams: 3, Months: 12},
		{Seed: 4, Reps: 6, Teams: 2, Months: 12, EURShare: 0.3},
		{Seed: 5, Reps: 5, Teams: 2, Months: 6, DealsPerRepMonth: 0.5},
	} {
		ix, w := generatedBook(t, cfg)
		quarter := activity.Period{Start: w.Start.AddDate(0, 3, 0), End: w.Start.AddDate(0, 6, 0), Name: "Q2"}
		for _, p := range []activity.Period{w, quarter} {
			v := ix.All()
			mid := p.Start.Add(p.End.Sub(p.Start) / 2)
			for _, by := range bys {
				name := func(kpi string, opt any) string { return fmt.Sprintf("seed %d %s %s %+v", cfg.Seed, p.Name, kpi, opt) }
				for _, opt := range []WinRateOptions{{}, {Basis: ValueBasis}, {Cohort: CreatedInPeriod}, {StaleAfterDays: 60, AsOf: p.End}} {
					checkTotal(t, name("WinRate", opt), by, func(b activity.By) ([]activity.Group[WinLoss], error) { return WinRateBy(v, p, b, opt) },
						func() (WinLoss, error) { return WinRate(v, p, opt) }, undefinedKPI)
				}
				for _, opt := range []PipelineOptions{{AsOf: mid}, {Selection: AllOpen, AsOf: p.End}, {AsOf: mid, StaleAfterDays: 30}} {
					checkTotal(t, name("OpenPipeline", opt), by, func(b activity.By) ([]activity.Group[Pipeline], error) { return OpenPipelineBy(v, p, b, opt) },
						func() (Pipeline, error) { return OpenPipeline(v, p, opt) }, undefinedKPI)
				}
				for _, opt := range []DealSizeOptions{{}, {Selection: SizeClosed}, {Selection: SizeOpenAndWon}} {
					checkTotal(t, name("DealSize", opt), by, func(b activity.By) ([]activity.Group[DealSize], error) { return DealSizeBy(v, p, b, opt) },
						func() (DealSize, error) { return DealSizeOf(v, p, opt) }, undefinedKPI)
				}
				for _, opt := range []CycleOptions{{}, {Selection: CycleClosed, Days: CalendarDays}} {
					checkTotal(t, name("SalesCycle", opt), by, func(b activity.By) ([]activity.Group[Cycle], error) { return SalesCycleBy(v, p, b, opt) },
						func() (Cycle, error) { return SalesCycle(v, p, opt) }, undefinedKPI)
				}
				for _, opt := range []BookingsOptions{{}, {Basis: BookingsACV}} {
					checkTotal(t, name("Bookings", opt), by, func(b activity.By) ([]activity.Group[BookingsTotal], error) { return BookingsBy(v, p, b, opt) },
						func() (BookingsTotal, error) { return Bookings(v, p, opt) }, undefinedKPI)
				}
				checkTotal(t, name("Funnel", ""), by, func(b activity.By) ([]activity.Group[FunnelReport], error) { return FunnelBy(v, p, b, FunnelOptions{}) },
					func() (FunnelReport, error) { return FunnelOf(v, p, FunnelOptions{}) }, undefinedKPI)
				for _, opt := range []EffortOptions{{}, {Linking: LinkedToOutcome}, {Attribution: AttributeToDealOwner}, {Linking: LinkedToOutcome, Attribution: AttributeToDealOwner},
					{Kinds: []activity.Kind{activity.KindCall}}} {
					checkTotal(t, name("ActivitiesPerWonDeal", opt), by, func(b activity.By) ([]activity.Group[Effort], error) { return ActivitiesPerWonDealBy(v, p, b, opt) },
						func() (Effort, error) { return ActivitiesPerWonDeal(v, p, opt) }, undefinedKPI)
				}
				checkTotal(t, name("SalesVelocity", ""), by, func(b activity.By) ([]activity.Group[Velocity], error) {
					return SalesVelocityBy(v, p, b, VelocityOptions{})
				},
					func() (Velocity, error) { return SalesVelocity(v, p, VelocityOptions{}) }, undefinedKPI)
				for _, m := range []Metric{
					{Name: "won", Value: Measure{Of: DealRecords, Where: StatusIs(activity.StatusWon)}},
					{Name: "calls", Value: Measure{Of: ActivityRecords, Where: KindIs(activity.KindCall)}},
				} {
					checkTotal(t, name("Metric", m.Name), by, func(b activity.By) ([]activity.Group[MetricValue], error) { return MetricBy(v, p, b, m) },
						func() (MetricValue, error) { return MetricOf(v, p, m) }, undefinedKPI)
				}
				for _, opt := range []LeadOptions{{}, {Basis: LeadFlow}} {
					checkTotal(t, name("LeadFunnel", opt), by, func(b activity.By) ([]activity.Group[LeadFunnel], error) { return LeadFunnelBy(v, p, b, opt) },
						func() (LeadFunnel, error) { return LeadFunnelOf(v, p, opt) }, undefinedKPI)
				}
				checkTotal(t, name("ActivityVolume", ""), by, func(b activity.By) ([]activity.Group[activity.Volume], error) {
					return activity.ActivityVolumeBy(v, p, b, activity.VolumeOptions{})
				}, func() (activity.Volume, error) { return activity.ActivityVolume(v, p, activity.VolumeOptions{}) }, undefinedKPI)
			}
		}
	}
}

// TestTotalByHand checks a total row against counts worked by hand on the
// outcome book: ann won 1 and lost 1, bob won 1 and lost 1, cy lost 1, so
// the total is 2 won, 3 lost, a rate of 2/5 = 0.4.
func TestTotalByHand(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	gs, err := WinRateBy(ix.All(), q1, activity.ByRep().WithTotal(), WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 4 {
		t.Fatalf("WinRateBy(rep, Total) = %d groups, want ann, bob, cy and the total", len(gs))
	}
	total := gs[3]
	if !total.Total || total.Key != "" || total.Result.Won != 2 || total.Result.Lost != 3 || total.Result.Rate != 0.4 || total.Result.Scope != "all" {
		t.Errorf("total row = %+v; want Total, key \"\", 2 won, 3 lost, rate 0.4, scope all", total)
	}
	for _, g := range gs[:3] {
		if g.Total {
			t.Errorf("group %q is marked Total", g.Key)
		}
	}
}

// TestDealBreakdownsRefuseKind: kind is an activity's, not a deal's; deal
// breakdowns by kind once returned no group instead of an error.
func TestDealBreakdownsRefuseKind(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	v, by := ix.All(), activity.ByKind()
	for name, run := range map[string]func() error{
		"WinRateBy":      func() error { _, err := WinRateBy(v, q1, by, WinRateOptions{}); return err },
		"OpenPipelineBy": func() error { _, err := OpenPipelineBy(v, q1, by, PipelineOptions{}); return err },
		"DealSizeBy":     func() error { _, err := DealSizeBy(v, q1, by, DealSizeOptions{}); return err },
		"SalesCycleBy":   func() error { _, err := SalesCycleBy(v, q1, by, CycleOptions{}); return err },
		"BookingsBy":     func() error { _, err := BookingsBy(v, q1, by, BookingsOptions{}); return err },
		"SalesVelocityBy": func() error {
			_, err := SalesVelocityBy(v, q1, by, VelocityOptions{})
			return err
		},
		"MetricBy": func() error {
			_, err := MetricBy(v, q1, by, Metric{Name: "won", Value: Measure{Of: DealRecords, Where: StatusIs(activity.StatusWon)}})
			return err
		},
	} {
		if err := run(); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s(by kind) = %v, want ErrInvalidOptions", name, err)
		}
	}
}
