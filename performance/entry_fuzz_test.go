package performance

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// FuzzEntryPoints reaches the KPIs the other targets do not (attainment,
// coverage, effort ratios, velocity, growth, the streaming tallies and
// metrics) with fuzzed deals, activities, quotas and options, enumerations
// out of range included: never a panic, and a result without an error
// holds no NaN or infinite float.
//
// Fuzz coverage of performance's entry points that take host data:
// FuzzBreakdowns (win rate, deal size, cycle, pipeline and their By forms),
// FuzzBookingsBy, FuzzFunnel (funnel, stage conversion), FuzzMetric
// (Metric, Scorecards), FuzzStageFilters (filters and stage predicates),
// FuzzTallies (the streaming tallies' Add, Merge and Result) and this
// target for the rest.
func FuzzEntryPoints(f *testing.F) {
	f.Add([]byte{12, 5, 1, 2, 3, 1, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0}, []byte{9, 1, 2, 3, 4, 5, 6, 7}, uint64(0))
	f.Add([]byte{39, 200, 3, 255, 255, 3, 2, 2, 50, 100, 0, 1, 2, 3, 4, 5}, []byte{255, 0, 255, 3, 9, 200}, uint64(math.MaxUint64))
	f.Add([]byte{20, 5, 1, 9, 3, 0, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0}, []byte("pipeline"), uint64(0x6b0a_0908_0706_0500)) // three reps' quotas, at rep level
	year := activity.Period{Start: date(2024, 1, 1), End: date(2025, 1, 1), Name: "2024"}
	kinds := []activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting, activity.KindDemo}
	f.Fuzz(func(t *testing.T, dealBytes, actBytes []byte, opts uint64) {
		deals := fuzzDeals(dealBytes)
		for i := range deals {
			if deals[i].Status == activity.StatusOpen {
				// Forecast categories, for the pipeline's rollup.
				deals[i].ForecastCategory = activity.ForecastCategory(opts >> (i % 60) % 4)
			}
		}
		var acts []activity.Activity
		for i := 0; i+2 < len(actBytes) && i < 90; i += 3 {
			a := activity.Activity{ID: fmt.Sprintf("a%d", i), Rep: fmt.Sprintf("r%d", actBytes[i]%4), Kind: kinds[actBytes[i+1]%4],
				At: date(2024, 1, 1).Add(time.Duration(actBytes[i+2]) * 36 * time.Hour)}
			if len(deals) > 0 && actBytes[i]%3 != 0 {
				a.Deal = deals[int(actBytes[i+1])%len(deals)].ID
				if a.At.Before(deals[int(actBytes[i+1])%len(deals)].CreatedAt) {
					a.At = deals[int(actBytes[i+1])%len(deals)].CreatedAt
				}
			}
			acts = append(acts, a)
		}
		var quotas []activity.Quota
		for r := range int(opts%4+opts>>61) % 4 { // the top bits too, or rep quotas (level 0) would come with none
			quotas = append(quotas, activity.Quota{Rep: fmt.Sprintf("r%d", r), Period: year, Currency: "USD",
				Amount: activity.Some(decimal.New(int64(opts>>(8*r))%100_000, -int32(r)))})
		}
		ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts, Quotas: quotas}, activity.IndexOptions{Funnel: activity.TypicalB2B(), SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		v := ix.All()
		bit := func(n uint) bool { return opts>>n&1 == 1 }
		small := func(n uint) uint8 { return uint8(opts >> n % 4) } // 3 is out of range for two-valued enums
		check := func(name string, res any, err error) {
			t.Helper()
			fuzzcheck.Check(t, name, res, err, fuzzSentinels)
			if err == nil {
				fuzzRender(t, name, res)
			}
		}
		ao := AttainmentOptions{Level: QuotaLevel(small(0)), Prorate: bit(2), RampedOnly: bit(3)}
		if bit(4) {
			ao.Metric = "bookings"
		}
		r1, err := Attainment(v, year, ao)
		check("Attainment", r1, err)
		r2, err := AttainmentToDate(v, year, date(2024, 1, 1).Add(time.Duration(opts>>8%400)*24*time.Hour), ao)
		check("AttainmentToDate", r2, err)
		r3, err := AtQuota(v, year, ao)
		check("AtQuota", r3, err)

		co := CoverageOptions{Basis: CoverageBasis(small(5)), WinRate: float64(opts>>10%120) / 100, Level: QuotaLevel(small(12))}
		if bit(14) {
			co.Owner = "r1"
		}
		r4, err := Coverage(v, year, co)
		check("Coverage", r4, err)
		r5, err := CoverageFrom(decimal.New(int64(opts>>16%5000), -1), decimal.New(int64(opts>>20%3000), -2), decimal.New(int64(opts>>24%2000), 0), co)
		check("CoverageFrom", r5, err)

		eo := EffortOptions{Linking: Linking(small(28)), Attribution: Attribution(small(30))}
		if bit(32) {
			eo.Kinds = kinds[:1+opts>>33%3]
		}
		r6, err := ActivitiesPerWonDeal(v, year, eo)
		check("ActivitiesPerWonDeal", r6, err)
		r7, err := ActivitiesPerWonDealBy(v, year, activity.ByRep(), eo)
		check("ActivitiesPerWonDealBy", r7, err)
		r8, err := CallsPerMeeting(v, year, eo)
		check("CallsPerMeeting", r8, err)
		r9, err := MeetingsPerOpportunity(v, year, eo)
		check("MeetingsPerOpportunity", r9, err)

		vo := VelocityOptions{Opportunities: OpportunitySelection(small(36))}
		if bit(38) {
			vo.AsOf = date(2024, 7, 1)
		}
		r10, err := SalesVelocity(v, year, vo)
		check("SalesVelocity", r10, err)
		wl, werr := WinRate(v, year, WinRateOptions{})
		size, serr := DealSizeOf(v, year, DealSizeOptions{})
		cyc, cerr := SalesCycle(v, year, CycleOptions{})
		if werr == nil && serr == nil && cerr == nil {
			r11, err := VelocityFrom("from parts", year, int64(opts>>39%50), wl, size, cyc)
			check("VelocityFrom", r11, err)
		}
		start, end := decimal.New(int64(opts>>40%1000), -int32(opts>>50%3)), decimal.New(int64(opts>>44%1000), 0)
		r12, err := CAGR(start, end, float64(opts>>52%64)/8)
		check("CAGR", r12, err)

		r13, err := Growth(end, start)
		check("Growth", r13, err)
		pipe, err := OpenPipeline(v, year, PipelineOptions{Selection: PipelineSelection(small(54)), StaleAfterDays: int(opts >> 56 % 40),
			AsOf: date(2024, 1, 1).Add(time.Duration(opts>>8%400) * 24 * time.Hour)})
		check("OpenPipeline", pipe, err)
		if y := ElapsedYears(date(2024, 1, 1), date(2024, 1, 1).Add(time.Duration(opts%(1<<62)))); math.IsNaN(y) || math.IsInf(y, 0) || y < 0 {
			t.Fatalf("ElapsedYears = %v", y)
		}
		// EffortTally: merged halves add up to the whole.
		e1, e2 := EffortTally{Activities: int64(opts % 97), Outcomes: int64(opts >> 7 % 13)}, EffortTally{Activities: int64(len(acts)), Outcomes: int64(len(deals))}
		e1.Merge(&e2)
		if e1.Activities != int64(opts%97)+int64(len(acts)) || e1.Outcomes != int64(opts>>7%13)+int64(len(deals)) {
			t.Fatalf("EffortTally.Merge = %+v", e1)
		}

		// The options' enumerations, in and out of range, as text; and
		// the activities' bytes read as the name of each.
		text := actBytes[:min(len(actBytes), 16)]
		for _, n := range []uint{0, 56} {
			b := uint8(opts>>n) % 8
			fuzzEnumText(t, QuotaLevel(b), text)
			fuzzEnumText(t, CoverageBasis(b), text)
			fuzzEnumText(t, BookingsBasis(b), text)
			fuzzEnumText(t, CycleSelection(b), text)
			fuzzEnumText(t, DayCount(b), text)
			fuzzEnumText(t, SizeSelection(b), text)
			fuzzEnumText(t, Linking(b), text)
			fuzzEnumText(t, Attribution(b), text)
			fuzzEnumText(t, Reach(b), text)
			fuzzEnumText(t, FunnelCohort(b), text)
			fuzzEnumText(t, RecordKind(b), text)
			fuzzEnumText(t, DealDate(b), text)
			fuzzEnumText(t, Aggregation(b), text)
			fuzzEnumText(t, Field(b), text)
			fuzzEnumText(t, PipelineSelection(b), text)
			fuzzEnumText(t, OpportunitySelection(b), text)
			fuzzEnumText(t, RateBasis(b), text)
			fuzzEnumText(t, Cohort(b), text)
		}

		// Streaming tallies: one per half of the deals, merged, then the
		// result.
		for _, m := range []Metric{WonRevenueMetric(), DealsWonMetric(), WinRateMetric(), AverageDealSizeMetric(), MedianDealSizeMetric(),
			ActivitiesPerWorkingDayMetric(activity.Calendar{}), RevenuePerActivityMetric(), ActivitiesPerWonDealMetric(), MeetingsPerWonDealMetric()} {
			a, err := NewMetricTally(m)
			if err != nil {
				t.Fatalf("NewMetricTally(%v): %v", m, err)
			}
			b, _ := NewMetricTally(m)
			for i, d := range deals {
				tally := a
				if i%2 == 1 {
					tally = b
				}
				tally.Add(d.Status == activity.StatusWon, d.Amount, d.Currency)
			}
			a.Merge(b)
			res, err := a.Result("tally", year)
			check("MetricTally "+m.Name, res, err)
		}
	})
}
