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
	fmt.Println(len(ix.Deals.ID), "deal kept,", len(ix.Skipped()), "problems")
	fmt.Println(ix.Teams.Name(ix.Deals.Team[0]))
	// Output:
	// activity: deal 1 "D-2" amount: activity: negative amount: -5
	// activity: deal 1 "D-2" owner: activity: rep not in the roster: "bob"
	// true true D-2
	// 1 deal kept, 2 problems
	// east
}
