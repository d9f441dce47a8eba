package activitytest_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// enterpriseDemoToClose is a team's own metric: of the enterprise deals
// created in the period that reached a demo, the share won.
func enterpriseDemoToClose(ix *activity.Index, p activity.Period) (performance.StageConversion, error) {
	enterprise := ix.All().DealsWhere("segment=enterprise", func(ix *activity.Index, row int) bool { return ix.Deal(row).Segment == "enterprise" })
	return performance.CloseRate(enterprise, p, activity.StageDemo, activity.StageClosedWon, performance.CloseRateOptions{})
}

// enterpriseDemoToCloseMetric is the same metric built from blocks, so that
// it reports and breaks down like the built-in KPIs.
func enterpriseDemoToCloseMetric() performance.Metric {
	reached := performance.Measure{Of: performance.DealRecords,
		Where: performance.And(performance.SegmentIs("enterprise"), performance.ReachedStage(activity.StageDemo))}
	return performance.Metric{Name: "enterprise demo-to-close", Unit: "share",
		Value: reached.And(performance.StatusIs(activity.StatusWon)), Per: &reached}
}

// TestEnterpriseDemoToClose unit-tests the team's metric on a book of five
// deals: three enterprise deals reached a demo in Q1 and two were won (the
// mid-market deal and the one that never saw a demo do not count): 2/3.
func TestEnterpriseDemoToClose(t *testing.T) {
	b := activitytest.NewBook(t, nil)
	b.Deal("E1", "ann", "50000", "2025-01-06").Segment("enterprise").To(activity.StageQualification, "2025-01-08").To(activity.StageDemo, "2025-01-15").Won("2025-02-20")
	b.Deal("E2", "ann", "80000", "2025-01-10").Segment("enterprise").To(activity.StageDemo, "2025-01-20").Lost("2025-03-01", "price")
	b.Deal("E3", "bob", "65000", "2025-02-03").Segment("enterprise").To(activity.StageDemo, "2025-02-10").To(activity.StageProposal, "2025-02-20").Won("2025-03-15")
	b.Deal("E4", "bob", "40000", "2025-02-05").Segment("enterprise").Lost("2025-02-25", "no_decision")
	b.Deal("M1", "cy", "9000", "2025-01-12").Segment("mid").To(activity.StageDemo, "2025-01-14").Won("2025-01-30")
	b.Activity("ann", activity.KindMeeting, "2025-01-15 10:00").On("E1")
	ix := b.Index(activity.IndexOptions{})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
	got, err := enterpriseDemoToClose(ix, q1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Converted != 2 || got.Reached != 3 {
		t.Errorf("enterprise demo-to-close = %d of %d, want 2 of 3\n%v", got.Converted, got.Reached, b)
	}
	if d := cmp.Diff(2.0/3, got.Rate, activitytest.CmpOptions(1e-12)); d != "" {
		t.Errorf("rate (-want +got):\n%s", d)
	}
	m, err := performance.MetricOf(ix.All(), q1, enterpriseDemoToCloseMetric())
	if err != nil {
		t.Fatal(err)
	}
	want := struct{ Num, Den decimal.Decimal }{decimal.NewFromInt(2), decimal.NewFromInt(3)}
	if d := cmp.Diff(want, struct{ Num, Den decimal.Decimal }{m.Numerator, m.Denominator}, activitytest.CmpOptions(0)); d != "" {
		t.Errorf("metric from blocks (-want +got):\n%s", d)
	}
}

func TestCmpOptions(t *testing.T) {
	opts := activitytest.CmpOptions(1e-9)
	type r struct {
		A decimal.Decimal
		F float64
		T time.Time
	}
	x := r{decimal.RequireFromString("1.50"), 1000, time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	y := r{decimal.RequireFromString("1.5"), 1000 * (1 + 1e-12), time.Date(2025, 1, 1, 7, 0, 0, 0, time.FixedZone("EST", -5*3600))}
	if d := cmp.Diff(x, y, opts); d != "" {
		t.Errorf("equal values differ:\n%s", d)
	}
	y.F = 1001
	if cmp.Equal(x, y, opts) {
		t.Errorf("1000 and 1001 compare equal at 1e-9")
	}
}

// fatalTB records Fatalf and stops the goroutine, as testing.T does.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = format
	runtime.Goexit()
}

func TestBookErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(b *activitytest.Book)
	}{
		{"bad time", func(b *activitytest.Book) { b.Time("March 4th") }},
		{"bad amount", func(b *activitytest.Book) { b.Deal("D", "ann", "lots", "2025-01-01") }},
		{"invalid record", func(b *activitytest.Book) {
			b.Deal("D", "ann", "-5", "2025-01-01")
			b.Index(activity.IndexOptions{})
		}},
	} {
		f := &fatalTB{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			tc.do(activitytest.NewBook(f, nil))
		}()
		<-done
		if f.msg == "" {
			t.Errorf("%s: the book did not fail the test", tc.name)
		}
	}
}

// TestQuarterBook checks QuarterBook against its table: seven deals, four
// won (E1, E3, M1, L1), two lost, one open; ten activities, nine of them in
// QuarterQ1; twelve stage changes (counted below).
func TestQuarterBook(t *testing.T) {
	b, ix := activitytest.QuarterBook(t)
	q1 := activitytest.QuarterQ1(b)
	var won, lost, open int
	for i := range ix.NumDeals() {
		switch ix.DealStatus(i) {
		case activity.StatusWon:
			won++
		case activity.StatusLost:
			lost++
		case activity.StatusOpen:
			open++
		}
	}
	if ix.NumDeals() != 7 || won != 4 || lost != 2 || open != 1 {
		t.Errorf("%d deals, %d won, %d lost, %d open; want 7, 4, 2, 1", ix.NumDeals(), won, lost, open)
	}
	inQ1 := 0
	for i := range ix.NumActivities() {
		if q1.Contains(ix.ActivityAt(i)) {
			inQ1++
		}
	}
	// Changes: E1 qualification, demo, won (3); E2 demo, lost (2); E3 demo,
	// proposal, won (3); E4 lost (1); M1 demo, won (2); L1 won (1): 12.
	if ix.NumActivities() != 10 || inQ1 != 9 || ix.NumStageChanges() != 12 {
		t.Errorf("%d activities, %d in Q1, %d stage changes; want 10, 9, 12", ix.NumActivities(), inQ1, ix.NumStageChanges())
	}
	if q1.Name != "2025 Q1" || !q1.End.Equal(b.Time("2025-04-01")) {
		t.Errorf("QuarterQ1 = %v", q1)
	}
}

// TestBuildersSetEveryField: a deal and an activity built with every
// builder carry each value into the index unchanged.
func TestBuildersSetEveryField(t *testing.T) {
	b := activitytest.NewBook(t, time.UTC)
	b.Deal("D-1", "ann", "1200.00", "2025-01-06").Territory("EMEA").Probability("0.35").Cost("300.50").ACV("1000").TCV("3000").
		TermMonths(36).Forecast(activity.ForecastCommit).Account("acme").Source("inbound").Segment("smb").Team("east")
	b.Activity("ann", activity.KindCall, "2025-01-07 10:00").On("D-1").Outcome(activity.OutcomeConnected).
		Duration(90 * time.Second).Account("acme").Team("east")
	ix := b.Index(activity.IndexOptions{Funnel: activity.TypicalB2B()})
	d := ix.Deal(0)
	dec := decimal.RequireFromString
	if d.Territory != "EMEA" || !d.Probability.Value.Equal(dec("0.35")) || !d.Cost.Value.Equal(dec("300.50")) ||
		!d.ACV.Value.Equal(dec("1000")) || !d.TCV.Value.Equal(dec("3000")) || d.TermMonths.Value != 36 ||
		d.ForecastCategory != activity.ForecastCommit || d.Account != "acme" || d.Team != "east" {
		t.Errorf("deal %+v", d)
	}
	a := ix.Activity(0)
	if a.Duration != 90*time.Second || a.Account != "acme" || a.Team != "east" || a.Deal != "D-1" || a.Outcome != activity.OutcomeConnected {
		t.Errorf("activity %+v", a)
	}
}
