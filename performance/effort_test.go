package performance

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

// effortIndex adds activities to outcomeDeals:
//
//	x1 ann call     3 Jan  D1 (won 10 Feb)     x6 bob call    15 Dec 2023 D3
//	x2 ann email   20 Jan  D1                  x7 cy  meeting  1 Mar held, no deal
//	x3 ann call    20 Feb  D2 (lost)           x8 ann meeting 12 Mar held, D6
//	x4 bob call    15 Jan  D3 (won 20 Jan)     x9 cy  call    12 Feb D1 (ann's deal)
//	x5 bob meeting  5 Feb  held, D4
func effortIndex(t *testing.T) *activity.Index {
	t.Helper()
	act := func(id, rep string, kind activity.Kind, at time.Time, deal string, outcome activity.Outcome) activity.Activity {
		return activity.Activity{ID: id, Rep: rep, Kind: kind, At: at, Deal: deal, Outcome: outcome}
	}
	acts := []activity.Activity{
		act("x1", "ann", activity.KindCall, date(2024, 1, 3), "D1", ""),
		act("x2", "ann", activity.KindEmail, date(2024, 1, 20), "D1", ""),
		act("x3", "ann", activity.KindCall, date(2024, 2, 20), "D2", ""),
		act("x4", "bob", activity.KindCall, date(2024, 1, 15), "D3", ""),
		act("x5", "bob", activity.KindMeeting, date(2024, 2, 5), "D4", activity.OutcomeHeld),
		act("x6", "bob", activity.KindCall, date(2023, 12, 15), "D3", ""),
		act("x7", "cy", activity.KindMeeting, date(2024, 3, 1), "", activity.OutcomeHeld),
		act("x8", "ann", activity.KindMeeting, date(2024, 3, 12), "D6", activity.OutcomeHeld),
		act("x9", "cy", activity.KindCall, date(2024, 2, 12), "D1", ""),
	}
	ix, err := activity.NewIndex(activity.Records{Deals: outcomeDeals(), Activities: acts}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestActivitiesPerWonDeal(t *testing.T) {
	t.Parallel()
	ix := effortIndex(t)
	for _, tc := range []struct {
		name       string
		opt        EffortOptions
		acts, wins int64
	}{
		// In Q1: x1–x5, x7–x9 (x6 is December) over D1 and D3 won.
		{"all", EffortOptions{}, 8, 2},
		// Every activity of D1 (x1, x2, x9) and D3 (x4, x6), whenever.
		{"linked", EffortOptions{Linking: LinkedToOutcome}, 5, 2},
		// Calls in Q1: x1, x3, x4, x9.
		{"calls", EffortOptions{Kinds: []activity.Kind{activity.KindCall}}, 4, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ActivitiesPerWonDeal(ix.All(), q1, tc.opt)
			if err != nil || got.Activities != tc.acts || got.Outcomes != tc.wins || got.Ratio != float64(tc.acts)/float64(tc.wins) {
				t.Errorf("ActivitiesPerWonDeal() = %v, %v; want %d / %d", got, err, tc.acts, tc.wins)
			}
		})
	}
}

func TestActivitiesPerWonDealBy(t *testing.T) {
	t.Parallel()
	ix := effortIndex(t)
	type row struct {
		Key        string
		Acts, Wins int64
		Undefined  bool
	}
	for _, tc := range []struct {
		name string
		opt  EffortOptions
		want []row
	}{
		// ann: x1, x2, x3, x8 over D1; bob: x4, x5 over D3; cy: x7, x9 and
		// no win.
		{"all by activity rep", EffortOptions{}, []row{{"ann", 4, 1, false}, {"bob", 2, 1, false}, {"cy", 2, 0, true}}},
		// D1's x1, x2, x9 to ann; D3's x4, x6 to bob.
		{"linked by deal owner", EffortOptions{Linking: LinkedToOutcome, Attribution: AttributeToDealOwner}, []row{{"ann", 3, 1, false}, {"bob", 2, 1, false}}},
		// x9 is cy's, on ann's deal.
		{"linked by activity rep", EffortOptions{Linking: LinkedToOutcome}, []row{{"ann", 2, 1, false}, {"bob", 2, 1, false}, {"cy", 1, 0, true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := ActivitiesPerWonDealBy(ix.All(), q1, activity.ByRep(), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, g := range gs {
				got = append(got, row{g.Key, g.Result.Activities, g.Result.Outcomes, g.Undefined != ""})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ActivitiesPerWonDealBy (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallsAndMeetings(t *testing.T) {
	t.Parallel()
	ix := effortIndex(t)
	// Calls in Q1: x1, x3, x4, x9; meetings held: x5, x7, x8. 4 / 3.
	got, err := CallsPerMeeting(ix.All(), q1, EffortOptions{})
	if err != nil || got.Activities != 4 || got.Outcomes != 3 || math.Abs(got.Ratio-4.0/3) > 1e-15 {
		t.Errorf("CallsPerMeeting() = %v, %v; want 4 / 3", got, err)
	}
	// Meetings held 3 over deals created in Q1: D1, D2, D4, D5, D6, D7.
	got, err = MeetingsPerOpportunity(ix.All(), q1, EffortOptions{})
	if err != nil || got.Activities != 3 || got.Outcomes != 6 || got.Ratio != 0.5 {
		t.Errorf("MeetingsPerOpportunity() = %v, %v; want 3 / 6", got, err)
	}
}

func TestEffortErrors(t *testing.T) {
	t.Parallel()
	ix := effortIndex(t)
	june := activity.Period{Start: date(2024, 6, 1), End: date(2024, 7, 1)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no won", errOf(ActivitiesPerWonDeal(ix.All(), june, EffortOptions{})), ErrNoWonDeals},
		{"no meeting", errOf(CallsPerMeeting(ix.All(), june, EffortOptions{})), ErrZeroDenominator},
		{"no opportunity", errOf(MeetingsPerOpportunity(ix.All(), june, EffortOptions{})), ErrZeroDenominator},
		{"bad linking", errOf(ActivitiesPerWonDeal(ix.All(), q1, EffortOptions{Linking: 4})), ErrInvalidOptions},
		{"bad attribution", errOf(CallsPerMeeting(ix.All(), q1, EffortOptions{Attribution: 4})), ErrInvalidOptions},
		{"bad period", errOf(MeetingsPerOpportunity(ix.All(), activity.Period{}, EffortOptions{})), activity.ErrInvalidPeriod},
		{"bad period per won", errOf(ActivitiesPerWonDeal(ix.All(), activity.Period{}, EffortOptions{})), activity.ErrInvalidPeriod},
		{"by territory", errOf(ActivitiesPerWonDealBy(ix.All(), q1, activity.ByTerritory(), EffortOptions{})), ErrInvalidOptions},
		{"by nothing", errOf(ActivitiesPerWonDealBy(ix.All(), q1, activity.By{}, EffortOptions{})), ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestActivitiesPerWonDealNarrowView(t *testing.T) {
	t.Parallel()
	ix := effortIndex(t)
	ann, err := ix.All().Rep("ann")
	if err != nil {
		t.Fatal(err)
	}
	// ann's view: her deals (D1 won in Q1) and her activities x1, x2, x3,
	// x8. Linked to D1 within the view: x1, x2 (x9 is cy's). All in Q1: 4.
	for _, tc := range []struct {
		opt        EffortOptions
		acts, wins int64
	}{
		{EffortOptions{Linking: LinkedToOutcome}, 2, 1},
		{EffortOptions{}, 4, 1},
		{EffortOptions{Linking: LinkedToOutcome, Kinds: []activity.Kind{activity.KindEmail}}, 1, 1},
	} {
		got, err := ActivitiesPerWonDeal(ann, q1, tc.opt)
		if err != nil || got.Activities != tc.acts || got.Outcomes != tc.wins {
			t.Errorf("ActivitiesPerWonDeal(ann, %+v) = %v, %v; want %d / %d", tc.opt, got, err, tc.acts, tc.wins)
		}
	}
	// The same with every activity in view takes the index's grouping: x2 is
	// D1's only email.
	got, err := ActivitiesPerWonDeal(ix.All(), q1, EffortOptions{Linking: LinkedToOutcome, Kinds: []activity.Kind{activity.KindEmail}})
	if err != nil || got.Activities != 1 || got.Outcomes != 2 {
		t.Errorf("ActivitiesPerWonDeal(linked emails) = %v, %v; want 1 / 2", got, err)
	}
}
