package activity_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// The records a host hands over decode straight from its CRM's JSON.
func ExampleDeal_UnmarshalJSON() {
	in := `{"id":"D-7","owner":"ann","amount":"12500.00","currency":"USD",
		"stage":"proposal","status":"open","created_at":"2025-03-04",
		"expected_close_at":1746057600000,"probability":null}`
	var d activity.Deal
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		fmt.Println(err)
		return
	}
	_, hasProbability := d.Probability.Get()
	fmt.Println(d.ID, d.Amount, d.Currency, d.Status)
	fmt.Println("created", d.CreatedAt.Format(time.DateOnly), "expected", d.ExpectedCloseAt.Format(time.DateOnly))
	fmt.Println("own probability:", hasProbability)
	fmt.Println(d.Validate())
	// Output:
	// D-7 12500 USD open
	// created 2025-03-04 expected 2025-05-01
	// own probability: false
	// <nil>
}

func ExampleNewIndex() {
	t := func(s string) time.Time { tt, _ := activity.ParseTime(s); return tt }
	records := activity.Records{
		Reps: []activity.Rep{{ID: "ann", Assignments: []activity.Assignment{{From: t("2025-01-01"), Team: "east"}}}},
		Deals: []activity.Deal{
			{ID: "D-1", Owner: "ann", Amount: decimal.RequireFromString("900"), Currency: "USD",
				Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: t("2025-01-06"), ClosedAt: t("2025-02-10")},
			{ID: "D-2", Owner: "bob", Amount: decimal.RequireFromString("-5"), Currency: "USD",
				Stage: activity.StageDemo, Status: activity.StatusOpen, CreatedAt: t("2025-01-07")},
		},
	}
	_, err := activity.NewIndex(records, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	fmt.Println(err)
	var re *activity.RecordError
	fmt.Println(errors.Is(err, activity.ErrUnknownRep), errors.As(err, &re), re.ID)

	// Leave the bad deal out instead, and keep its problems.
	ix, _ := activity.NewIndex(records, activity.IndexOptions{Funnel: activity.TypicalB2B(), SkipInvalid: true})
	fmt.Println(ix.NumDeals(), "deal kept,", len(ix.Skipped()), "problems")
	fmt.Println(ix.Teams().Name(ix.DealTeam(0)))
	// Output:
	// activity: deal 1 "D-2" amount: activity: negative amount: -5
	// activity: deal 1 "D-2" owner: activity: rep not in the roster: "bob"
	// true true D-2
	// 1 deal kept, 2 problems
	// east
}

// exampleIndex is a two-rep team with a week of activities, 6–10 January
// 2025 (Monday to Friday).
func exampleIndex() *activity.Index {
	t := func(s string) time.Time { tt, _ := activity.ParseTime(s); return tt }
	acts := []activity.Activity{
		{ID: "a1", Rep: "ann", Kind: activity.KindCall, At: t("2025-01-06T09:00:00Z"), Outcome: activity.OutcomeConnected},
		{ID: "a2", Rep: "ann", Kind: activity.KindCall, At: t("2025-01-06T10:00:00Z"), Outcome: activity.OutcomeVoicemail},
		{ID: "a3", Rep: "ann", Kind: activity.KindEmail, At: t("2025-01-07T11:00:00Z")},
		{ID: "a4", Rep: "bob", Kind: activity.KindCall, At: t("2025-01-08T09:30:00Z"), Outcome: activity.OutcomeNoAnswer},
		{ID: "a5", Rep: "bob", Kind: activity.KindMeeting, At: t("2025-01-09T15:00:00Z"), Outcome: activity.OutcomeHeld},
		{ID: "a6", Rep: "bob", Kind: activity.KindCall, At: t("2025-01-13T09:00:00Z"), Outcome: activity.OutcomeConnected},
	}
	ix, err := activity.NewIndex(activity.Records{Activities: acts}, activity.IndexOptions{})
	if err != nil {
		panic(err)
	}
	return ix
}

func ExampleActivityVolume() {
	ix := exampleIndex()
	cal := activity.Calendar{}
	week, _ := cal.Week(time.Date(2025, 1, 8, 0, 0, 0, 0, time.UTC))
	v, _ := activity.ActivityVolume(ix.All(), week, activity.VolumeOptions{Calendar: cal})
	// a1..a5 fall in ISO week 2; a6 is the next Monday. 5 activities over 5
	// working days is 1 a day.
	fmt.Println(v)
	// Output:
	// all: 5 activities in 2025-W02 (5 working days, 1.0 a day): call 3, email 1, meeting 1
}

func ExampleActivityVolumeBy() {
	ix := exampleIndex()
	jan := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), Name: "2025-01"}
	groups, _ := activity.ActivityVolumeBy(ix.All(), jan, activity.ByRep(), activity.VolumeOptions{})
	for _, g := range groups {
		// January 2025 has 23 working days: 3 / 23 = 0.13.
		fmt.Printf("%s: %d activities, %.2f a working day\n", g.Key, g.Result.Total, g.Result.PerWorkingDay)
	}
	// Output:
	// ann: 3 activities, 0.13 a working day
	// bob: 3 activities, 0.13 a working day
}

func ExampleConnects() {
	ix := exampleIndex()
	jan := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), Name: "2025-01"}
	c, _ := activity.Connects(ix.All(), jan, activity.ConnectOptions{})
	// Calls a1, a2, a4, a6; a1 and a6 connected: 2 / 4.
	fmt.Println(c)
	// Output:
	// all: 2 of 4 attempts connected (50.0%) in 2025-01
}

// A breakdown by the weeks of a calendar: ByPeriod cuts the period into the
// calendar's weeks, each clipped to it. a1..a5 fall in ISO week 2 of 2025
// (6–10 January), a6 on Monday 13 January, in week 3.
func ExampleByPeriod() {
	ix := exampleIndex()
	p := activity.Period{Start: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)}
	groups, err := activity.ActivityVolumeBy(ix.All(), p, activity.ByPeriod(activity.Calendar{}, activity.Weekly), activity.VolumeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range groups {
		fmt.Printf("%s: %d\n", g.Key, g.Result.Total)
	}
	// Output:
	// 2025-W02: 5
	// 2025-W03: 1
}

// An index is read through its dictionaries (names and keys) and its rows;
// a host predicate gets the index and a row.
func ExampleView_ActivitiesWhere() {
	ix := exampleIndex()
	call, _ := ix.Kinds().Key(string(activity.KindCall))
	calls := ix.All().ActivitiesWhere("calls", func(ix *activity.Index, row int) bool {
		return ix.ActivityKind(row) == call
	})
	for _, row := range calls.ActivityRows() {
		a := ix.Activity(int(row))
		fmt.Println(calls.Label(), a.ID, ix.Reps().Name(ix.ActivityRep(int(row))), a.Outcome)
	}
	fmt.Println(ix.Reps().Names(), ix.NumActivities())
	// Output:
	// all / calls a1 ann connected
	// all / calls a2 ann voicemail
	// all / calls a4 bob no_answer
	// all / calls a6 bob connected
	// [ann bob] 6
}
