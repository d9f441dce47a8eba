package performance

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// FuzzMetric builds a metric from the bytes (records, date, filter,
// aggregation, field, ratio or rate) over fuzzed deals and activities and
// asserts: no panic; an error is one of the documented ones; counts and
// sums of the rep groups add up to the whole; reversing the input changes
// no result.
func FuzzMetric(f *testing.F) {
	f.Add([]byte{12, 5, 1, 2, 3, 1, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0}, uint64(0x0102030405))
	f.Add([]byte{39, 200, 3, 255, 255, 3, 2, 2, 50, 100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, uint64(0xffffffffff))
	f.Add([]byte{20, 1, 1, 1, 1, 1, 1, 1, 1}, uint64(0x1111))
	f.Fuzz(func(t *testing.T, data []byte, spec uint64) {
		deals := fuzzDeals(data)
		var acts []activity.Activity
		kinds := []activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting, activity.KindDemo}
		for i, b := range data {
			a := activity.Activity{ID: fmt.Sprintf("a%d", i), Rep: fmt.Sprintf("r%d", b%4), Kind: kinds[int(b/4)%4],
				At: date(2024, 1, 1).Add(time.Duration(b) * 30 * time.Hour), Duration: time.Duration(b%7) * time.Minute}
			if len(deals) > 0 && b%3 == 0 {
				a.Deal = deals[int(b)%len(deals)].ID
			}
			acts = append(acts, a)
		}
		for i := range deals {
			b := data[i%len(data)]
			deals[i].Segment = fmt.Sprintf("s%d", b%3)
			deals[i].Source = activity.Source(fmt.Sprintf("src%d", b/3%3))
			if b%2 == 0 {
				deals[i].Attributes = map[string]string{"region": fmt.Sprintf("g%d", b/5%3)}
			}
		}
		for i := range acts {
			acts[i].Outcome = activity.Outcome(fmt.Sprintf("o%d", data[i]/7%3))
		}
		fuzzFilters(t, deals, acts, spec)
		m := fuzzMetric(spec)
		p := activity.Period{Start: date(2024, 1, 1), End: date(2024, 1, 1).AddDate(0, 1+int(spec>>40)%12, 0)}
		run := func(deals []activity.Deal, acts []activity.Activity) (MetricValue, []activity.Group[MetricValue], error, error) {
			ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
			if err != nil {
				t.Fatal(err)
			}
			whole, err1 := MetricOf(ix.All(), p, m)
			groups, err2 := MetricBy(ix.All(), p, activity.ByRep(), m)
			return whole, groups, err1, err2
		}
		whole, groups, err1, err2 := run(deals, acts)
		for _, err := range []error{err1, err2} {
			if err != nil && !errors.Is(err, ErrNoRecords) && !errors.Is(err, ErrZeroDenominator) && !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("%s: unexpected error %v", m.Formula(), err)
			}
		}
		rd, ra := slices.Clone(deals), slices.Clone(acts)
		slices.Reverse(rd)
		slices.Reverse(ra)
		w2, g2, e1, e2 := run(rd, ra)
		if fmt.Sprint(whole, groups, err1, err2) != fmt.Sprint(w2, g2, e1, e2) {
			t.Fatalf("%s: reversed input gives %v %v, not %v %v", m.Formula(), w2, g2, whole, groups)
		}
		if err1 != nil || err2 != nil || m.Per != nil || m.PerWorkingDay || (m.Value.Agg != AggregateCount && m.Value.Agg != AggregateSum) {
			return
		}
		var n int64
		sum := decimal.Zero
		for _, g := range groups {
			n += g.Result.Count
			sum = sum.Add(g.Result.Value)
		}
		if n != whole.Count || !sum.Equal(whole.Value) {
			t.Fatalf("%s: groups add to %v over %d, the whole is %v over %d", m.Formula(), sum, n, whole.Value, whole.Count)
		}
	})
}

// fuzzMetric reads a metric from the bits of spec.
func fuzzMetric(spec uint64) Metric {
	bits := func(n uint) int { v := int(spec & (1<<n - 1)); spec >>= n; return v }
	measure := func() Measure {
		ms := Measure{Of: RecordKind(1 + bits(1))}
		ms.Agg = Aggregation(bits(2))
		if ms.Of == DealRecords {
			ms.Date = DealDate(bits(2) % 3)
			if ms.Agg != AggregateCount {
				ms.Field = Field(1 + bits(2))
			}
			switch bits(2) {
			case 1:
				ms.Where = StatusIs(activity.StatusWon)
			case 2:
				ms.Where = Or(TerritoryIs("t1"), Not(ReachedStage(activity.StageDemo)))
			case 3:
				ms.Where = And(StatusIs(activity.StatusWon, activity.StatusLost), ReachedStage(activity.StageProspecting))
			}
		} else {
			if ms.Agg != AggregateCount {
				ms.Field = FieldDuration
			}
			switch bits(2) {
			case 1:
				ms.Where = KindIs(activity.KindCall)
			case 2:
				ms.Where = OnDeal()
			case 3:
				ms.Where = Not(KindIs(activity.KindMeeting, activity.KindDemo))
			}
		}
		return ms
	}
	m := Metric{Name: "fuzz", Value: measure()}
	switch bits(2) {
	case 1:
		per := measure()
		m.Per = &per
	case 2:
		m.PerWorkingDay = true
	}
	return m
}

// fuzzFilters asserts, for filters of every kind with arguments from the
// bits of spec, that a filter and its negation split the records of its
// kind between them (no record is kept by both or by neither), and that
// every filter writes its text.
func fuzzFilters(t *testing.T, deals []activity.Deal, acts []activity.Activity, spec uint64) {
	t.Helper()
	ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	p := activity.Period{Start: date(2024, 1, 1), End: date(2026, 1, 1)}
	arg := func(n uint, prefix string) string { return fmt.Sprintf("%s%d", prefix, spec>>n%4) }
	count := func(of RecordKind, f Filter) int64 {
		m, err := MetricOf(ix.All(), p, Metric{Name: "n", Value: Measure{Of: of, Where: f}})
		fuzzcheck.Check(t, fmt.Sprintf("MetricOf(%v)", f), m, err, fuzzSentinels)
		return m.Count
	}
	dealFilters := []Filter{
		TerritoryIs(arg(0, "t"), arg(2, "t")),
		SegmentIs(arg(4, "s")),
		SourceIs(activity.Source(arg(6, "src"))),
		AttributeIs("region", arg(8, "g"), ""),
		Or(TerritoryIs(arg(10, "t")), SegmentIs(arg(12, "s"))),
		DealsWhere("big", func(ix *activity.Index, row int) bool { return ix.Deal(row).Amount.IntPart()%4 == int64(spec>>14%4) }),
	}
	actFilters := []Filter{
		OutcomeIs(activity.Outcome(arg(16, "o"))),
		Or(OutcomeIs(activity.Outcome(arg(18, "o"))), KindIs(activity.KindCall)),
		ActivitiesWhere("long", func(ix *activity.Index, row int) bool {
			return ix.Activity(row).Duration > time.Duration(spec>>20%7)*time.Minute
		}),
	}
	for of, filters := range map[RecordKind][]Filter{DealRecords: dealFilters, ActivityRecords: actFilters} {
		all := count(of, Filter{})
		for _, f := range filters {
			if _, err := f.MarshalText(); err != nil {
				t.Fatalf("%v.MarshalText: %v", f, err)
			}
			if kept, dropped := count(of, f), count(of, Not(f)); kept+dropped != all {
				t.Fatalf("%v keeps %d and its negation %d of %d %v", f, kept, dropped, all, of)
			}
		}
	}
}
