package performance

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// fuzzSentinels are the errors an entry point of performance may wrap:
// its own and activity's (internal/sentinels lists them too, but imports
// this package).
var fuzzSentinels = []error{
	ErrNoQuotas, ErrMixedQuotas, ErrUndefinedGrowth, ErrNoAccounts, ErrNoCosts, ErrNoClosedDeals, ErrNoWonDeals,
	ErrNoDeals, ErrMixedCurrencies, ErrNoRecords, ErrInvalidOptions, ErrZeroDenominator, ErrNoFunnel,
	activity.ErrInvalidPeriod, activity.ErrInvalidCalendar, activity.ErrInvalidCurrency, activity.ErrInvalidRate,
	activity.ErrNoRate, activity.ErrNoRateDate, activity.ErrInvalidConversion, activity.ErrInvalidGranularity,
	activity.ErrInvalidTime, activity.ErrInvalidStatus, activity.ErrInvalidForecastCategory, activity.ErrMissingID,
	activity.ErrMissingField, activity.ErrTooManyPeriods, activity.ErrZeroView, activity.ErrDecode,
	activity.ErrInvalidAmount, activity.ErrZeroTime, activity.ErrTimeOrder, activity.ErrNegativeAmount,
	activity.ErrNoCloseTime, activity.ErrOpenWithCloseTime, activity.ErrProbabilityRange, activity.ErrRampRange,
	activity.ErrUnknownStage, activity.ErrStageStatus, activity.ErrUnknownDeal, activity.ErrUnknownRep,
	activity.ErrDuplicateID, activity.ErrOverlap, activity.ErrBrokenHistory, activity.ErrInvalidQuota,
	activity.ErrInvalidOptions, activity.ErrUnknownName, activity.ErrNoActivities, activity.ErrInvalidFunnel,
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, fuzzSentinels)
}

// fuzzDeals makes a small valid set of deals from fuzz bytes: few reps, a
// year of dates, all statuses, amounts with up to three decimals.
func fuzzDeals(data []byte) []activity.Deal {
	i := 0
	next := func() int {
		if i >= len(data) {
			return 0
		}
		i++
		return int(data[i-1])
	}
	start := date(2024, 1, 1)
	var deals []activity.Deal
	for n := range next() % 40 {
		created := start.Add(time.Duration(next()) * 36 * time.Hour)
		d := activity.Deal{
			ID: fmt.Sprintf("D%d", n), Owner: fmt.Sprintf("r%d", next()%4), Currency: "USD",
			Amount:    decimal.New(int64(next()*next()), -int32(next()%4)),
			CreatedAt: created, Territory: fmt.Sprintf("t%d", next()%3),
		}
		switch next() % 3 {
		case 0:
			d.Status, d.Stage = activity.StatusWon, activity.StageClosedWon
			d.ClosedAt = created.Add(time.Duration(next()) * 24 * time.Hour)
		case 1:
			d.Status, d.Stage = activity.StatusLost, activity.StageClosedLost
			d.ClosedAt = created.Add(time.Duration(next()) * 24 * time.Hour)
		default:
			d.Status, d.Stage = activity.StatusOpen, activity.StageDemo
			d.ExpectedCloseAt = created.Add(time.Duration(next()) * 24 * time.Hour)
			if next()%2 == 0 {
				d.Probability = activity.Some(decimal.New(int64(next()%101), -2))
			}
		}
		deals = append(deals, d)
	}
	return deals
}

// FuzzBreakdowns asserts, for any deals: no panic; the groups of every
// breakdown add up to the whole (counts and exact sums); and the order of
// the input changes no result.
func FuzzBreakdowns(f *testing.F) {
	f.Add([]byte{12, 5, 1, 2, 3, 1, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0})
	f.Add([]byte{39, 200, 3, 255, 255, 3, 2, 2, 50, 100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	year := activity.Period{Start: date(2024, 1, 1), End: date(2025, 6, 1), Name: "2024–25"}
	f.Fuzz(func(t *testing.T, data []byte) {
		deals := fuzzDeals(data)
		ix, err := activity.NewIndex(activity.Records{Deals: deals}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
		if err != nil {
			t.Fatalf("fuzzDeals made invalid deals: %v", err)
		}
		reversed := slices.Clone(deals)
		slices.Reverse(reversed)
		rix, err := activity.NewIndex(activity.Records{Deals: reversed}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
		if err != nil {
			t.Fatal(err)
		}
		decEq := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
		for _, by := range []activity.By{activity.ByRep(), activity.ByTerritory(), activity.ByPeriod(activity.Calendar{}, activity.Quarterly)} {
			// A total row is the plain KPI, whatever the deals.
			v := ix.All()
			checkTotal(t, "WinRate", by, func(b activity.By) ([]activity.Group[WinLoss], error) { return WinRateBy(v, year, b, WinRateOptions{}) },
				func() (WinLoss, error) { return WinRate(v, year, WinRateOptions{}) }, undefinedKPI)
			checkTotal(t, "DealSize", by, func(b activity.By) ([]activity.Group[DealSize], error) {
				return DealSizeBy(v, year, b, DealSizeOptions{Selection: SizeClosed})
			}, func() (DealSize, error) { return DealSizeOf(v, year, DealSizeOptions{Selection: SizeClosed}) }, undefinedKPI)
			checkTotal(t, "SalesCycle", by, func(b activity.By) ([]activity.Group[Cycle], error) { return SalesCycleBy(v, year, b, CycleOptions{}) },
				func() (Cycle, error) { return SalesCycle(v, year, CycleOptions{}) }, undefinedKPI)
			pipeOpts := PipelineOptions{Selection: AllOpen, AsOf: year.End}
			checkTotal(t, "OpenPipeline", by, func(b activity.By) ([]activity.Group[Pipeline], error) { return OpenPipelineBy(v, year, b, pipeOpts) },
				func() (Pipeline, error) { return OpenPipeline(v, year, pipeOpts) }, undefinedKPI)
			// Win rate.
			whole, werr := WinRate(ix.All(), year, WinRateOptions{})
			groups, err := WinRateBy(ix.All(), year, by, WinRateOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var won, lost int64
			sum := decimal.Zero
			for _, g := range groups {
				won, lost = won+g.Result.Won, lost+g.Result.Lost
				sum = sum.Add(g.Result.ClosedAmount)
			}
			if won != whole.Won || lost != whole.Lost || (werr == nil && !sum.Equal(whole.ClosedAmount)) {
				t.Fatalf("WinRateBy(%v) sums %d/%d %s, whole %d/%d %s", by, won, lost, sum, whole.Won, whole.Lost, whole.ClosedAmount)
			}
			rgroups, err := WinRateBy(rix.All(), year, by, WinRateOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(groups, rgroups, decEq); diff != "" {
				t.Fatalf("WinRateBy(%v) depends on input order:\n%s", by, diff)
			}
			// Deal size.
			size, serr := DealSizeOf(ix.All(), year, DealSizeOptions{Selection: SizeClosed})
			sgroups, err := DealSizeBy(ix.All(), year, by, DealSizeOptions{Selection: SizeClosed})
			if err != nil {
				t.Fatal(err)
			}
			var n int64
			total := decimal.Zero
			for _, g := range sgroups {
				n += g.Result.Deals
				total = total.Add(g.Result.Total)
			}
			if n != size.Deals || (serr == nil && !total.Equal(size.Total)) {
				t.Fatalf("DealSizeBy(%v) sums %d %s, whole %d %s", by, n, total, size.Deals, size.Total)
			}
			rs, err := DealSizeBy(rix.All(), year, by, DealSizeOptions{Selection: SizeClosed})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sgroups, rs, decEq); diff != "" {
				t.Fatalf("DealSizeBy(%v) depends on input order:\n%s", by, diff)
			}
			// Sales cycle.
			cyc, _ := SalesCycle(ix.All(), year, CycleOptions{Selection: CycleClosed})
			cgroups, err := SalesCycleBy(ix.All(), year, by, CycleOptions{Selection: CycleClosed})
			if err != nil {
				t.Fatal(err)
			}
			n = 0
			for _, g := range cgroups {
				n += g.Result.Deals
				if g.Undefined == "" && (g.Result.MedianDays < g.Result.MinDays || g.Result.MedianDays > g.Result.MaxDays) {
					t.Fatalf("median %v outside [%v, %v]", g.Result.MedianDays, g.Result.MinDays, g.Result.MaxDays)
				}
			}
			if n != cyc.Deals {
				t.Fatalf("SalesCycleBy(%v) sums %d, whole %d", by, n, cyc.Deals)
			}
			// Pipeline.
			pipe, err := OpenPipeline(ix.All(), year, PipelineOptions{})
			if err != nil {
				t.Fatal(err)
			}
			pgroups, err := OpenPipelineBy(ix.All(), year, by, PipelineOptions{})
			if err != nil {
				t.Fatal(err)
			}
			amount, weighted := decimal.Zero, decimal.Zero
			n = 0
			for _, g := range pgroups {
				n += g.Result.Deals
				amount, weighted = amount.Add(g.Result.Amount), weighted.Add(g.Result.Weighted)
			}
			if n != pipe.Deals || !amount.Equal(pipe.Amount) || !weighted.Equal(pipe.Weighted) {
				t.Fatalf("OpenPipelineBy(%v) sums %d %s %s, whole %d %s %s", by, n, amount, weighted, pipe.Deals, pipe.Amount, pipe.Weighted)
			}
			// Velocity: no panic; undefined only for a reason.
			vgroups, err := SalesVelocityBy(ix.All(), year, by, VelocityOptions{})
			if err != nil && !isUndefined(err) && !errors.Is(err, ErrMixedCurrencies) {
				t.Fatal(err)
			}
			if by.Dimension == activity.DimensionRep {
				// Every result reads as text and JSON (once: it is slow).
				vel, verr := SalesVelocity(ix.All(), year, VelocityOptions{})
				fuzzcheck.Check(t, "SalesVelocity", vel, verr, fuzzSentinels)
				fuzzRender(t, "breakdowns", []any{whole, groups, size, sgroups, cyc, cgroups, pipe, pgroups, vel, vgroups})
			}
		}
	})
}
