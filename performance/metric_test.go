package performance

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// metricBook is activitytest.QuarterBook, worked by hand in the tests below
// (its table is in its doc comment).
func metricBook(t *testing.T) (*activitytest.Book, *activity.Index) {
	return activitytest.QuarterBook(t)
}

func metricQ1(b *activitytest.Book) activity.Period { return activitytest.QuarterQ1(b) }

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestMetricOf(t *testing.T) {
	t.Parallel()
	b, ix := metricBook(t)
	q1 := metricQ1(b)
	cal := activity.Calendar{}
	reached := Measure{Of: DealRecords, Where: And(SegmentIs("enterprise"), EnteredStage(activity.StageDemo))}
	demoToClose := Metric{Name: "enterprise demo-to-close", Unit: "share", Value: reached.And(WonAfterStage(activity.StageDemo)), Per: &reached}
	durations := func(agg Aggregation) Metric {
		return Metric{Name: "meeting time", Value: Measure{Of: ActivityRecords, Where: KindIs(activity.KindMeeting), Agg: agg, Field: FieldDuration}}
	}
	tests := []struct {
		name       string
		m          Metric
		value, num string
		den        string
		count      int64
		currency   activity.Currency
	}{
		// E1, E2, E3 were created in Q1, are enterprise and reached a demo
		// (E4 was lost from prospecting); E1 and E3 were won: 2 / 3.
		{"enterprise demo-to-close", demoToClose, "0.66666666666666666667", "2", "3", 2, ""},
		// Won in Q1: E1 50,000 + E3 65,000 + M1 9,000 + L1 7,000.50.
		{"won revenue", WonRevenueMetric(), "131000.50", "131000.50", "0", 4, "USD"},
		{"deals won", DealsWonMetric(), "4", "4", "0", 4, ""},
		// Closed in Q1: 4 won, E2 and E4 lost: 4 / 6.
		{"win rate", WinRateMetric(), "0.66666666666666666667", "4", "6", 4, ""},
		// 131,000.50 / 4.
		{"average deal size", AverageDealSizeMetric(), "32750.125", "32750.125", "0", 4, "USD"},
		// 7,000.50, 9,000, 50,000, 65,000: (9,000 + 50,000) / 2.
		{"median deal size", MedianDealSizeMetric(), "29500", "29500", "0", 4, "USD"},
		// 9 activities over 64 working days (23 + 20 + 21, numpy.busday_count).
		{"activities per working day", ActivitiesPerWorkingDayMetric(cal), "0.140625", "9", "64", 9, ""},
		// 131,000.50 / 9 = 14,555.6111…
		{"revenue per activity", RevenuePerActivityMetric(), "14555.61111111111111111111", "131000.50", "9", 4, "USD"},
		// 9 / 4.
		{"activities per won deal", ActivitiesPerWonDealMetric(), "2.25", "9", "4", 9, ""},
		// ann 01-15, bob 02-12, cy 01-14: 3 / 4.
		{"meetings per won deal", MeetingsPerWonDealMetric(), "0.75", "3", "4", 3, ""},
		// 1,800 + 0 + 2,700 seconds over three meetings.
		{"meeting time sum", durations(AggregateSum), "4500", "4500", "0", 3, ""},
		{"meeting time mean", durations(AggregateMean), "1500", "1500", "0", 3, ""},
		{"meeting time median", durations(AggregateMedian), "1800", "1800", "0", 3, ""},
		// O1 is the only deal expected to close in Q2; in Q1 none is.
		{"expected close", Metric{Name: "due", Value: Measure{Of: DealRecords, Date: DealDateExpectedClose}}, "0", "0", "0", 0, ""},
		// Filters: E3 is the referral; calls connected: ann's of 02-01;
		// on a deal: 4; not a call: 5 of 9; E1 or M1 by a function: 2.
		{"source", Metric{Name: "referrals", Value: Measure{Of: DealRecords, Where: SourceIs("referral")}}, "1", "1", "0", 1, ""},
		{"outcome", Metric{Name: "connects", Value: Measure{Of: ActivityRecords, Where: OutcomeIs(activity.OutcomeConnected)}}, "1", "1", "0", 1, ""},
		{"on deal", Metric{Name: "on deals", Value: Measure{Of: ActivityRecords, Where: OnDeal()}}, "4", "4", "0", 4, ""},
		{"not", Metric{Name: "not calls", Value: Measure{Of: ActivityRecords, Where: Not(KindIs(activity.KindCall))}}, "5", "5", "0", 5, ""},
		{"or", Metric{Name: "demos or emails", Value: Measure{Of: ActivityRecords, Where: Or(KindIs(activity.KindDemo), KindIs(activity.KindEmail))}}, "2", "2", "0", 2, ""},
		{"deal func", Metric{Name: "picked", Value: Measure{Of: DealRecords, Date: DealDateClosed, Where: DealsWhere("id is E1 or M1", func(ix *activity.Index, r int) bool {
			return ix.DealID(r) == "E1" || ix.DealID(r) == "M1"
		})}}, "2", "2", "0", 2, ""},
		{"activity func", Metric{Name: "by ann", Value: Measure{Of: ActivityRecords, Where: ActivitiesWhere("rep is ann", func(ix *activity.Index, r int) bool {
			return ix.Reps().Name(ixcols.ActivitiesOf(ix).Rep[r]) == "ann"
		})}}, "4", "4", "0", 4, ""},
		// Territory: none has one; attribute region west: E1.
		{"territory", Metric{Name: "north", Value: Measure{Of: DealRecords, Where: TerritoryIs("north")}}, "0", "0", "0", 0, ""},
		{"attribute", Metric{Name: "west", Value: Measure{Of: DealRecords, Date: DealDateClosed, Where: AttributeIs("region", "west")}}, "1", "1", "0", 1, ""},
		// Reached qualification (ReachedOrLater): E1 (shown), E2, E3 (demo
		// is later), E4 no; M1 yes; O1 no (prospecting); L1 won but
		// created in 2024.
		{"reached qualification", Metric{Name: "qualified", Value: Measure{Of: DealRecords, Where: ReachedStage(activity.StageQualification)}}, "4", "4", "0", 4, ""},
		// Reached prospecting: E4 lost without moving, and O1: all six
		// created in Q1.
		{"reached prospecting", Metric{Name: "prospects", Value: Measure{Of: DealRecords, Where: ReachedStage(activity.StageProspecting)}}, "6", "6", "0", 6, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MetricOf(ix.All(), q1, tt.m)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Value.Equal(d(tt.value)) || !got.Numerator.Equal(d(tt.num)) || !got.Denominator.Equal(d(tt.den)) || got.Count != tt.count || got.Currency != tt.currency {
				t.Errorf("got %v (numerator %v, denominator %v, count %d, currency %q), want %s = %s / %s, count %d, %q\n%s",
					got.Value, got.Numerator, got.Denominator, got.Count, got.Currency, tt.value, tt.num, tt.den, tt.count, tt.currency, got.Formula)
			}
			if f, _ := got.Value.Float64(); got.Float != f {
				t.Errorf("float %v, want %v", got.Float, f)
			}
		})
	}
}

func TestMetricBy(t *testing.T) {
	t.Parallel()
	b, ix := metricBook(t)
	q1 := metricQ1(b)
	type row struct {
		Key, Value, Undefined string
	}
	rows := func(gs []activity.Group[MetricValue]) []row {
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, g.Result.Value.String(), g.Undefined})
		}
		return out
	}
	cal := activity.Calendar{}
	months := activity.ByPeriod(cal, 0)
	wonMid := Measure{Of: DealRecords, Date: DealDateClosed, Where: And(StatusIs(activity.StatusWon), SegmentIs("mid"))}
	tests := []struct {
		name string
		m    Metric
		by   activity.By
		want []row
	}{
		// ann: E1 50,000 + L1 7,000.50; bob: E3; cy: M1.
		{"won revenue by rep", WonRevenueMetric(), activity.ByRep(), []row{{"ann", "57000.5", ""}, {"bob", "65000", ""}, {"cy", "9000", ""}}},
		// January: M1 + L1; February: E1; March: E3.
		{"won revenue by month", WonRevenueMetric(), months, []row{{"2025-01", "16000.5", ""}, {"2025-02", "50000", ""}, {"2025-03", "65000", ""}}},
		// Region: E3 east, E1 west, M1 and L1 without.
		{"won revenue by region", WonRevenueMetric(), activity.ByAttribute("region"), []row{{"", "16000.5", ""}, {"east", "65000", ""}, {"west", "50000", ""}}},
		// ann 2 of 3 (E1, L1; E2), bob 1 of 2, cy 1 of 1.
		{"win rate by rep", WinRateMetric(), activity.ByRep(), []row{{"ann", "0.66666666666666666667", ""}, {"bob", "0.5", ""}, {"cy", "1", ""}}},
		// ann 57,000.50 / 4; bob 65,000 / 3; cy 9,000 / 2.
		{"revenue per activity by rep", RevenuePerActivityMetric(), activity.ByRep(), []row{{"ann", "14250.125", ""}, {"bob", "21666.66666666666666666667", ""}, {"cy", "4500", ""}}},
		// January 4 activities / 23 days; February 4 / 20; March 1 / 21.
		{"activities a day by month", ActivitiesPerWorkingDayMetric(cal), months, []row{
			{"2025-01", "0.17391304347826086957", ""}, {"2025-02", "0.2", ""}, {"2025-03", "0.04761904761904761905", ""}}},
		// Only cy won a mid-market deal: ann and bob are undefined.
		{"activities per mid win by rep", Metric{Name: "effort per mid win", Value: Measure{Of: ActivityRecords}, Per: &wonMid}, activity.ByRep(), []row{
			{"ann", "0", "performance: zero denominator: effort per mid win in all / rep=ann, 2025 Q1"},
			{"bob", "0", "performance: zero denominator: effort per mid win in all / rep=bob, 2025 Q1"},
			{"cy", "2", ""}}},
		// Activities carry the roster's team; the book has none.
		{"activities by team", Metric{Name: "activities", Value: Measure{Of: ActivityRecords}}, activity.ByTeam(), []row{{"", "9", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs, err := MetricBy(ix.All(), q1, tt.by, tt.m)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rows(gs)); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMetricString(t *testing.T) {
	t.Parallel()
	b, ix := metricBook(t)
	reached := Measure{Of: DealRecords, Where: And(SegmentIs("enterprise"), ReachedStage(activity.StageDemo))}
	m := Metric{Name: "enterprise demo-to-close", Unit: "share", Value: reached.And(StatusIs(activity.StatusWon)), Per: &reached}
	got, err := MetricOf(ix.All(), metricQ1(b), m)
	if err != nil {
		t.Fatal(err)
	}
	if want := "enterprise demo-to-close (share), all, 2025 Q1: 0.6667 = 2 / 3"; got.String() != want {
		t.Errorf("String() = %q, want %q", got.String(), want)
	}
	if want := "count of deals created in the period where (segment is enterprise and reached demo) and status is won / count of deals created in the period where segment is enterprise and reached demo"; got.Formula != want {
		t.Errorf("Formula = %q, want %q", got.Formula, want)
	}
	j, err := got.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"value":"0.66666666666666666667"`, `"numerator":"2"`, `"denominator":"3"`, `"name":"enterprise demo-to-close"`} {
		if !strings.Contains(string(j), part) {
			t.Errorf("JSON %s lacks %s", j, part)
		}
	}
}

// TestMetricTally: the tally fed by hand, in two parts merged either way,
// gives the mean of 10, 20 and 60 (30) and their median (20).
func TestMetricTally(t *testing.T) {
	t.Parallel()
	for _, agg := range []Aggregation{AggregateMean, AggregateMedian} {
		m := Metric{Name: "size", Value: Measure{Of: DealRecords, Agg: agg, Field: FieldAmount}}
		want := map[Aggregation]string{AggregateMean: "30", AggregateMedian: "20"}[agg]
		a, err := NewMetricTally(m)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := NewMetricTally(m)
		a.Add(false, d("10"), "USD")
		a.Add(false, d("60"), "USD")
		c.Add(false, d("20.00"), "USD")
		x, _ := NewMetricTally(m)
		x.Merge(a)
		x.Merge(c)
		y, _ := NewMetricTally(m)
		y.Merge(c)
		y.Merge(a)
		for _, tl := range []*MetricTally{x, y} {
			r, err := tl.Result("hand", activity.Period{})
			if err != nil {
				t.Fatal(err)
			}
			if !r.Value.Equal(d(want)) || r.Count != 3 || r.Currency != "USD" {
				t.Errorf("%v: %v over %d in %q, want %s over 3 in USD", agg, r.Value, r.Count, r.Currency, want)
			}
		}
	}
}

func TestMetricErrors(t *testing.T) {
	t.Parallel()
	b, ix := metricBook(t)
	q1 := metricQ1(b)
	count := Measure{Of: DealRecords}
	zero := Measure{Of: DealRecords, Where: SegmentIs("nobody")}
	tests := []struct {
		name string
		m    Metric
		p    activity.Period
		want error
	}{
		{"no name", Metric{Value: count}, q1, ErrInvalidOptions},
		{"no records kind", Metric{Name: "x"}, q1, ErrInvalidOptions},
		{"unknown records", Metric{Name: "x", Value: Measure{Of: 9}}, q1, ErrInvalidOptions},
		{"unknown date", Metric{Name: "x", Value: Measure{Of: DealRecords, Date: 9}}, q1, ErrInvalidOptions},
		{"activities by close", Metric{Name: "x", Value: Measure{Of: ActivityRecords, Date: DealDateClosed}}, q1, ErrInvalidOptions},
		{"unknown aggregation", Metric{Name: "x", Value: Measure{Of: DealRecords, Agg: 9, Field: FieldAmount}}, q1, ErrInvalidOptions},
		{"unknown field", Metric{Name: "x", Value: Measure{Of: DealRecords, Agg: AggregateSum, Field: 99}}, q1, ErrInvalidOptions},
		{"count with field", Metric{Name: "x", Value: Measure{Of: DealRecords, Field: FieldAmount}}, q1, ErrInvalidOptions},
		{"sum without field", Metric{Name: "x", Value: Measure{Of: DealRecords, Agg: AggregateSum}}, q1, ErrInvalidOptions},
		{"deal duration", Metric{Name: "x", Value: Measure{Of: DealRecords, Agg: AggregateSum, Field: FieldDuration}}, q1, ErrInvalidOptions},
		{"activity amount", Metric{Name: "x", Value: Measure{Of: ActivityRecords, Agg: AggregateSum, Field: FieldAmount}}, q1, ErrInvalidOptions},
		{"activity filter on deals", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: KindIs(activity.KindCall)}}, q1, ErrInvalidOptions},
		{"deal filter on activities", Metric{Name: "x", Value: Measure{Of: ActivityRecords, Where: Not(SegmentIs("smb"))}}, q1, ErrInvalidOptions},
		{"empty and", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: And()}}, q1, ErrInvalidOptions},
		{"empty or", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: Or()}}, q1, ErrInvalidOptions},
		{"nil function", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: DealsWhere("nothing", nil)}}, q1, ErrInvalidOptions},
		{"bad status", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: StatusIs(activity.StatusUnknown)}}, q1, ErrInvalidOptions},
		{"attribute without name", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: AttributeIs("", "a")}}, q1, ErrInvalidOptions},
		{"stage outside funnel", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: ReachedStage("haggling")}}, q1, ErrInvalidOptions},
		{"entered stage outside funnel", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: EnteredStage("haggling")}}, q1, ErrInvalidOptions},
		{"won after no stage", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: WonAfterStage("")}}, q1, ErrInvalidOptions},
		{"entered stage on activities", Metric{Name: "x", Value: Measure{Of: ActivityRecords, Where: EnteredStage(activity.StageDemo)}}, q1, ErrInvalidOptions},
		{"won stage", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: ReachedStage(activity.StageClosedWon)}}, q1, ErrInvalidOptions},
		{"bad per", Metric{Name: "x", Value: count, Per: &Measure{}}, q1, ErrInvalidOptions},
		{"per and per day", Metric{Name: "x", Value: count, Per: &count, PerWorkingDay: true}, q1, ErrInvalidOptions},
		{"bad calendar", Metric{Name: "x", Value: count, PerWorkingDay: true, Calendar: activity.Calendar{Weekend: []time.Weekday{9}}}, q1, activity.ErrInvalidCalendar},
		{"bad period", Metric{Name: "x", Value: count}, activity.Period{Start: q1.End, End: q1.Start}, activity.ErrInvalidPeriod},
		{"mean of nothing", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: SegmentIs("nobody"), Agg: AggregateMean, Field: FieldAmount}}, q1, ErrNoRecords},
		{"median of nothing", Metric{Name: "x", Value: Measure{Of: DealRecords, Where: SegmentIs("nobody"), Agg: AggregateMedian, Field: FieldAmount}}, q1, ErrNoRecords},
		{"mean denominator of nothing", Metric{Name: "x", Value: count, Per: &Measure{Of: DealRecords, Where: SegmentIs("nobody"), Agg: AggregateMean, Field: FieldCost}}, q1, ErrNoRecords},
		{"zero denominator", Metric{Name: "x", Value: count, Per: &zero}, q1, ErrZeroDenominator},
		{"no working day", Metric{Name: "x", Value: count, PerWorkingDay: true}, activity.Period{Start: b.Time("2025-03-01"), End: b.Time("2025-03-03")}, ErrZeroDenominator},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := MetricOf(ix.All(), tt.p, tt.m); !errors.Is(err, tt.want) {
				t.Errorf("MetricOf: error %v, want %v", err, tt.want)
			}
		})
	}
	// Breakdowns: activities group by rep, team or period only; a bad By.
	acts := Metric{Name: "x", Value: Measure{Of: ActivityRecords}}
	if _, err := MetricBy(ix.All(), q1, activity.BySegment(), acts); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("activities by segment: %v", err)
	}
	if _, err := MetricBy(ix.All(), q1, activity.By{}, DealsWonMetric()); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("by nothing: %v", err)
	}
	if _, err := MetricBy(ix.All(), q1, activity.ByRep(), Metric{Name: "x", Value: Measure{Of: DealRecords, Where: ReachedStage("haggling")}}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("by rep, bad stage: %v", err)
	}
	if _, err := NewMetricTally(Metric{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("NewMetricTally: %v", err)
	}
	var zeroTally MetricTally
	if _, err := zeroTally.Result("x", q1); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("zero tally: %v", err)
	}
}

// TestMetricCurrencies: money in two currencies is an error in a sum, and
// in a ratio of money over money of different currencies.
func TestMetricCurrencies(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("U", "ann", "100", "2025-01-06").Won("2025-01-20")
	b.Deal("E", "ann", "100", "2025-01-06").Currency("EUR").Won("2025-01-21")
	ix := b.Index(activity.IndexOptions{})
	p := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-02-01")}
	if _, err := MetricOf(ix.All(), p, WonRevenueMetric()); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("sum over USD and EUR: %v", err)
	}
	usd := Measure{Of: DealRecords, Date: DealDateClosed, Agg: AggregateSum, Field: FieldAmount, Where: DealsWhere("USD", func(ix *activity.Index, r int) bool {
		return ix.Currencies().Name(ixcols.DealsOf(ix).Currency[r]) == "USD"
	})}
	eur := Measure{Of: DealRecords, Date: DealDateClosed, Agg: AggregateSum, Field: FieldAmount, Where: Not(usd.Where)}
	if _, err := MetricOf(ix.All(), p, Metric{Name: "fx", Value: usd, Per: &eur}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("USD over EUR: %v", err)
	}
	// USD over USD is a pure number: 100 / 100.
	r, err := MetricOf(ix.All(), p, Metric{Name: "same", Value: usd, Per: &usd})
	if err != nil || !r.Value.Equal(d("1")) || r.Currency != "" {
		t.Errorf("USD over USD: %v %q, %v", r.Value, r.Currency, err)
	}
	a, _ := NewMetricTally(WonRevenueMetric())
	a.Add(false, d("1"), "USD")
	a.Add(false, d("1"), "EUR")
	if _, err := a.Result("hand", p); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("tally over USD and EUR: %v", err)
	}
}

// generatedBook indexes a generated book and returns its window.
func generatedBook(t *testing.T, cfg activitytest.Config) (*activity.Index, activity.Period) {
	t.Helper()
	ix, err := activity.NewIndex(activitytest.Generate(cfg), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix, cfg.Window()
}

// metricByRep is m for every rep of ix in w with a defined value.
func metricByRep(t *testing.T, ix *activity.Index, w activity.Period, m Metric) map[string]MetricValue {
	t.Helper()
	gs, err := MetricBy(ix.All(), w, activity.ByRep(), m)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]MetricValue{}
	for _, g := range gs {
		if g.Undefined == "" {
			out[g.Key] = g.Result
		}
	}
	return out
}

// TestBuiltinMetrics: the built-in KPIs written as metrics give, rep by
// rep, what the dedicated functions give on a generated book.
func TestBuiltinMetrics(t *testing.T) {
	t.Parallel()
	ix, w := generatedBook(t, activitytest.Config{Seed: 7, Reps: 12, Teams: 3, Months: 12})
	byRep := activity.ByRep()
	metric := func(m Metric) map[string]MetricValue { return metricByRep(t, ix, w, m) }
	revenue, wins, rate := metric(WonRevenueMetric()), metric(DealsWonMetric()), metric(WinRateMetric())
	mean, median := metric(AverageDealSizeMetric()), metric(MedianDealSizeMetric())
	bs, err := BookingsBy(ix.All(), w, byRep, BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) < 10 {
		t.Fatalf("%d reps booked", len(bs))
	}
	for _, g := range bs {
		if g.Result.Deals == 0 {
			continue
		}
		if r := revenue[g.Key]; !r.Value.Equal(g.Result.Amount) || wins[g.Key].Count != g.Result.Deals {
			t.Errorf("%s: won revenue %v from %d, Bookings %v from %d", g.Key, r.Value, wins[g.Key].Count, g.Result.Amount, g.Result.Deals)
		}
	}
	wr, err := WinRateBy(ix.All(), w, byRep, WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range wr {
		if r := rate[g.Key]; r.Numerator.IntPart() != g.Result.Won || r.Denominator.IntPart() != g.Result.Won+g.Result.Lost || r.Float != g.Result.Rate {
			t.Errorf("%s: win rate %v = %v / %v, WinRate %v = %d / %d", g.Key, r.Float, r.Numerator, r.Denominator, g.Result.Rate, g.Result.Won, g.Result.Won+g.Result.Lost)
		}
	}
	ds, err := DealSizeBy(ix.All(), w, byRep, DealSizeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range ds {
		if g.Undefined != "" {
			continue
		}
		if !mean[g.Key].Value.Equal(g.Result.Mean) || !median[g.Key].Value.Equal(g.Result.Median) {
			t.Errorf("%s: mean %v median %v, DealSize %v %v", g.Key, mean[g.Key].Value, median[g.Key].Value, g.Result.Mean, g.Result.Median)
		}
	}
}

// TestReachedStageMatchesCloseRate: on a generated book, "reached s and
// won / reached s" written as a metric equals CloseRate from s to the won
// stage, for every open stage (both take the funnel's default rule).
func TestReachedStageMatchesCloseRate(t *testing.T) {
	t.Parallel()
	ix, w := generatedBook(t, activitytest.Config{Seed: 11, Reps: 10, Teams: 2, Months: 12})
	for _, s := range []activity.Stage{activity.StageProspecting, activity.StageQualification, activity.StageDemo, activity.StageProposal, activity.StageNegotiation} {
		reached := Measure{Of: DealRecords, Where: ReachedStage(s)}
		m, err := MetricOf(ix.All(), w, Metric{Name: "close rate", Value: reached.And(StatusIs(activity.StatusWon)), Per: &reached})
		if err != nil {
			t.Fatal(err)
		}
		c, err := CloseRate(ix.All(), w, s, activity.StageClosedWon, CloseRateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if m.Count != c.Converted || m.PerCount != c.Reached || c.Reached < 50 {
			t.Errorf("from %s: metric %d / %d, CloseRate %d / %d", s, m.Count, m.PerCount, c.Converted, c.Reached)
		}
	}
}

// TestStageHistoryFilters works the stage filters by hand on metricBook,
// every deal (created 2024-12-10 to 2025-03-20), plus R1, won on 10 January,
// reopened into demo on 20 January and won again on 1 February. The book
// creates deals in prospecting; histories (→ is a recorded change):
//
//	E1 prospecting → qualification → demo → won    M1 prospecting → demo → won
//	E2 prospecting → demo → lost                   O1 (no history) prospecting, open
//	E3 prospecting → demo → proposal → won         L1 prospecting → won
//	E4 prospecting → lost                          R1 prospecting → won → demo → won
func TestStageHistoryFilters(t *testing.T) {
	t.Parallel()
	b, _ := metricBook(t)
	b.Deal("R1", "cy", "1000", "2025-01-02").To(activity.StageClosedWon, "2025-01-10").To(activity.StageDemo, "2025-01-20").Won("2025-02-01")
	ix := b.Index(activity.IndexOptions{})
	all := activity.Period{Start: b.Time("2024-12-01"), End: b.Time("2025-05-01")}
	for _, tc := range []struct {
		f    Filter
		want int64
		why  string
	}{
		{EnteredStage(activity.StageDemo), 5, "E1, E2, E3, M1, R1"},
		{WonAfterStage(activity.StageDemo), 3, "E1, E3, M1 (R1's first win came before its demo; L1 never had one)"},
		{ReachedStage(activity.StageDemo), 6, "won E1, E3, M1, L1, R1 and E2, shown in demo"},
		{EnteredStage(activity.StageProspecting), 8, "every deal: created there"},
		{EnteredStage(activity.StageProposal), 1, "E3"},
		{WonAfterStage(activity.StageProposal), 1, "E3"},
		{EnteredStage(activity.StageClosedWon), 5, "E1, E3, M1, L1, R1"},
		{WonAfterStage(activity.StageNegotiation), 0, "no deal was in negotiation"},
		{And(SegmentIs("enterprise"), WonAfterStage(activity.StageDemo)), 2, "E1, E3"},
	} {
		m, err := MetricOf(ix.All(), all, Metric{Name: "n", Value: Measure{Of: DealRecords, Where: tc.f}})
		if err != nil {
			t.Fatalf("%v: %v", tc.f, err)
		}
		if m.Count != tc.want {
			t.Errorf("%v: %d deals, want %d (%s)", tc.f, m.Count, tc.want, tc.why)
		}
	}
	if got, want := WonAfterStage(activity.StageDemo).String(), "won after demo"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := EnteredStage(activity.StageDemo).String(), "entered demo"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestStageHistoryFiltersWithoutFunnel: an index without a funnel knows no
// won stage, so WonAfterStage takes any point of a won deal's history; a
// stage the index never saw keeps no deal instead of failing.
func TestStageHistoryFiltersWithoutFunnel(t *testing.T) {
	t.Parallel()
	b, _ := metricBook(t)
	ix, err := activity.NewIndex(b.Records, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all := activity.Period{Start: b.Time("2024-12-01"), End: b.Time("2025-05-01")}
	for _, tc := range []struct {
		f    Filter
		want int64
	}{
		{WonAfterStage(activity.StageDemo), 3}, // E1, E3, M1
		{EnteredStage(activity.StageDemo), 4},  // and E2
		{EnteredStage("haggling"), 0},
	} {
		m, err := MetricOf(ix.All(), all, Metric{Name: "n", Value: Measure{Of: DealRecords, Where: tc.f}})
		if err != nil || m.Count != tc.want {
			t.Errorf("%v: %d deals, %v; want %d", tc.f, m.Count, err, tc.want)
		}
	}
}
