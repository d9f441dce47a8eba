package people

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// quadrantIndex: four reps in March 2025. ann: 40 activities, won 30,000
// (two deals); bob: 50 activities, won 5,000; cy: 10 activities, won
// 20,000; dee: 12 activities, nothing won.
func quadrantIndex(t *testing.T) *activity.Index {
	t.Helper()
	var rec activity.Records
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	for rep, n := range map[string]int{"ann": 40, "bob": 50, "cy": 10, "dee": 12} {
		for i := range n {
			kind := activity.KindCall
			if i%4 == 0 {
				kind = activity.KindMeeting
			}
			rec.Activities = append(rec.Activities, activity.Activity{ID: fmt.Sprintf("%s-%d", rep, i), Rep: rep, Kind: kind, At: at.Add(time.Duration(i) * time.Hour)})
		}
	}
	won := func(id, owner, amount string) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Amount: decimal.RequireFromString(amount), Currency: "USD", Status: activity.StatusWon,
			Stage: activity.StageClosedWon, CreatedAt: at.AddDate(0, -1, 0), ClosedAt: at.AddDate(0, 0, 10)}
	}
	rec.Deals = []activity.Deal{won("A1", "ann", "10000"), won("A2", "ann", "20000"), won("B1", "bob", "5000"), won("C1", "cy", "20000")}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var march25 = activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025-03"}

func TestEffortVsResults(t *testing.T) {
	t.Parallel()
	ix := quadrantIndex(t)
	q, err := EffortVsResults(ix.All(), march25, QuadrantOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Medians: activities 10, 12, 40, 50 → (12 + 40) / 2 = 26; won 0,
	// 5,000, 20,000, 30,000 → 12,500. ann busy and winning; bob busy, not
	// converting; cy efficient; dee low on both. ann: 30,000 / 40 = 750
	// per activity, 20 activities per won deal.
	got := map[string]Quadrant{}
	for _, r := range q.Reps {
		got[r.Rep] = r.Quadrant
	}
	want := map[string]Quadrant{"ann": BusyWinning, "bob": BusyNotConverting, "cy": Efficient, "dee": LowOnBoth}
	if d := cmp.Diff(want, got); d != "" || !q.EffortThreshold.Equal(decimal.NewFromInt(26)) || !q.ResultThreshold.Equal(decimal.NewFromInt(12500)) {
		t.Errorf("EffortVsResults: thresholds %s, %s (-want +got):\n%s", q.EffortThreshold, q.ResultThreshold, d)
	}
	ann := q.Reps[0]
	if rpa, _ := ann.RevenuePerActivity.Get(); !rpa.Equal(decimal.NewFromInt(750)) || ann.ActivitiesPerWon.Value != 20 {
		t.Errorf("ann: %+v", ann)
	}
	if _, ok := q.Reps[3].ActivitiesPerWon.Get(); ok {
		t.Errorf("dee won nothing: activities per won deal should be absent")
	}
	// Host thresholds: 45 activities and 20,000 won: only bob is busy; ann
	// and cy (exactly 20,000) are winning.
	q, err = EffortVsResults(ix.All(), march25, QuadrantOptions{EffortThreshold: activity.Some(decimal.NewFromInt(45)), ResultThreshold: activity.Some(decimal.NewFromInt(20000))})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range q.Reps {
		got[r.Rep] = r.Quadrant
	}
	want = map[string]Quadrant{"ann": Efficient, "bob": BusyNotConverting, "cy": Efficient, "dee": LowOnBoth}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("host thresholds (-want +got):\n%s", d)
	}
	// Meetings only: ann 10, bob 13, cy 3, dee 3.
	q, err = EffortVsResults(ix.All(), march25, QuadrantOptions{Kinds: []activity.Kind{activity.KindMeeting}})
	if err != nil || q.Reps[1].Activities != 13 {
		t.Errorf("meetings: %v, %v", q, err)
	}
	if _, err := EffortVsResults(ix.All(), activity.Period{Start: march25.End, End: march25.End.AddDate(0, 1, 0), Name: "2025-04"}, QuadrantOptions{}); !errors.Is(err, ErrNoDeals) {
		t.Errorf("an empty month: %v, want ErrNoDeals", err)
	}
	if _, err := EffortVsResults(ix.All(), activity.Period{}, QuadrantOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("a bad period: %v", err)
	}
}

// TestEffortCurrencyAcrossReps: ann sells in USD and bob in EUR, each in
// one currency, so no rep's bookings are mixed, but the team's median and
// quadrants would compare dollars with euros: an error naming both, unless
// a conversion is given.
func TestEffortCurrencyAcrossReps(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("A", "ann", "10000", "2025-01-06").Won("2025-01-20")
	b.Deal("B", "bob", "90000", "2025-01-06").Won("2025-01-21")
	b.Records.Deals[len(b.Records.Deals)-1].Currency = "EUR"
	b.Activity("ann", activity.KindCall, "2025-01-07 10:00")
	b.Activity("bob", activity.KindCall, "2025-01-07 11:00")
	ix := b.Index(activity.IndexOptions{})
	jan := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-02-01"), Name: "2025-01"}
	_, err := EffortVsResults(ix.All(), jan, QuadrantOptions{})
	if !errors.Is(err, ErrMixedCurrencies) || !strings.Contains(err.Error(), "EUR in bob") || !strings.Contains(err.Error(), "USD in ann") {
		t.Errorf("EffortVsResults error = %v, want ErrMixedCurrencies naming ann's USD and bob's EUR", err)
	}
	_, err = ActivityAssociation(ix.All(), jan, AssociationOptions{})
	if !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("ActivityAssociation error = %v, want ErrMixedCurrencies", err)
	}
	won, err := performance.BookingsBy(ix.All(), jan, activity.ByRep(), performance.BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// A first group without bookings does not hide the two currencies.
	groups := append([]activity.Group[performance.BookingsTotal]{{Key: "aaa"}}, won...)
	if _, err := BookingsScores(groups); !errors.Is(err, ErrMixedCurrencies) || !strings.Contains(err.Error(), "USD in ann, EUR in bob") {
		t.Errorf("BookingsScores error = %v, want USD in ann, EUR in bob", err)
	}
}
