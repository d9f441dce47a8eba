package forecast_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

func pmExampleDeal(id, owner, amount string, status activity.Status, created, expected, closed string) activity.Deal {
	day := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, _ := time.Parse(time.DateOnly, s)
		return t
	}
	return activity.Deal{ID: id, Owner: owner, Amount: decimal.RequireFromString(amount), Currency: "USD",
		Stage: "proposal", Status: status, CreatedAt: day(created), ExpectedCloseAt: day(expected), ClosedAt: day(closed)}
}

// The second quarter's pipeline on 1 April and on 15 May: one deal won
// after growing, one slipped to August, one new, one untouched.
func ExamplePipelineMovement() {
	open, won := activity.StatusOpen, activity.StatusWon
	before := forecast.Snapshot{Taken: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Deals: []activity.Deal{
		pmExampleDeal("acme", "ana", "12000", open, "2025-02-03", "2025-05-30", ""),
		pmExampleDeal("globex", "ana", "8000", open, "2025-01-20", "2025-06-15", ""),
		pmExampleDeal("initech", "bob", "5000", open, "2025-03-01", "2025-06-30", ""),
	}}
	after := forecast.Snapshot{Taken: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC), Deals: []activity.Deal{
		pmExampleDeal("acme", "ana", "13500", won, "2025-02-03", "2025-05-09", "2025-05-09"),
		pmExampleDeal("globex", "ana", "8000", open, "2025-01-20", "2025-08-29", ""),
		pmExampleDeal("initech", "bob", "5000", open, "2025-03-01", "2025-06-30", ""),
		pmExampleDeal("umbrella", "bob", "4200.50", open, "2025-04-22", "2025-06-20", ""),
	}}
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}

	w, err := forecast.PipelineMovement(before, after, q2, forecast.MovementOptions{By: forecast.MovementByRep})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w)
	for _, l := range w.Lines {
		if l.Category == forecast.MovementPushedOut {
			fmt.Println(l)
		}
	}
	// Output:
	// pipeline movement of 2025 Q2 from 2025-04-01 to 2025-05-15 (USD)
	//   start            3 deals     25000.00
	//   + new            1 deals      4200.50
	//   + pulled in      0 deals         0.00
	//   + increased      1 deals      1500.00
	//   − decreased      0 deals         0.00
	//   − won            1 deals     13500.00
	//   − lost           0 deals         0.00
	//   − pushed out     1 deals      8000.00
	//   − removed        0 deals         0.00
	//   = end            2 deals      9200.50
	//   slip rate    33.3% of deals, 32.0% of amount
	//   rep ana: start 20000.00, end 0.00, slip 50.0% of deals, 40.0% of amount
	//   rep bob: start 5000.00, end 9200.50, slip 0.0% of deals, 0.0% of amount
	// globex pushed_out 8000 (to_later: expected 2025-06-15 → 2025-08-29)
}

// A rep's slip rate: the share of the start pipeline pushed out of the
// period, by count and by amount; undefined for a rep with no start
// pipeline.
func ExampleSlipRate() {
	open := activity.StatusOpen
	before := forecast.Snapshot{Taken: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Deals: []activity.Deal{
		pmExampleDeal("a1", "ana", "300", open, "2025-01-10", "2025-05-01", ""),
		pmExampleDeal("a2", "ana", "100", open, "2025-01-10", "2025-06-01", ""),
	}}
	after := forecast.Snapshot{Taken: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Deals: []activity.Deal{
		pmExampleDeal("a1", "ana", "300", open, "2025-01-10", "2025-07-15", ""),
		pmExampleDeal("a2", "ana", "100", open, "2025-01-10", "2025-06-20", ""),
		pmExampleDeal("c1", "cy", "50", open, "2025-05-02", "2025-06-10", ""),
	}}
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}
	w, _ := forecast.PipelineMovement(before, after, q2, forecast.MovementOptions{By: forecast.MovementByRep})
	for _, g := range w.Groups {
		if g.Slip.CountUndefined != "" {
			fmt.Printf("%s: undefined (%s)\n", g.Key, g.Slip.CountUndefined)
			continue
		}
		fmt.Printf("%s: %d of %d deals (%.2f), %s of %s (%.2f)\n", g.Key, g.PushedOut.Deals, g.Start.Deals, g.Slip.Count,
			g.PushedOut.Amount, g.Start.Amount, g.Slip.Amount)
	}
	// Output:
	// ana: 1 of 2 deals (0.50), 300 of 400 (0.75)
	// cy: undefined (no deals in the start pipeline)
}
