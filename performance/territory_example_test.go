package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// Two territories' books: accounts, customers, whitespace, bookings and
// pipeline against a target. Deals count in their account's territory.
func ExampleTerritoryBooks() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	n := decimal.NewFromInt
	r := activity.Records{
		Accounts: []activity.Account{
			{ID: "acme", Territory: "north", Potential: activity.Some(n(400000)), Currency: "USD"},
			{ID: "initech", Territory: "north", Potential: activity.Some(n(250000)), Currency: "USD"},
			{ID: "globex", Territory: "south", Potential: activity.Some(n(300000)), Currency: "USD"},
		},
		Deals: []activity.Deal{
			{ID: "D1", Owner: "ann", Account: "acme", Amount: n(50000), Currency: "USD", Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: day(1, 5), ClosedAt: day(2, 20)},
			{ID: "D2", Owner: "bob", Account: "globex", Amount: n(80000), Currency: "USD", Stage: activity.StageProposal, Status: activity.StatusOpen, CreatedAt: day(2, 1)},
		},
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), Territory: activity.TerritoryByAccount})
	if err != nil {
		panic(err)
	}
	books, err := performance.TerritoryBooks(ix.All(), exQ1, performance.TerritoryOptions{
		Targets: map[string]decimal.Decimal{"north": n(150000), "south": n(120000)}})
	if err != nil {
		panic(err)
	}
	for _, b := range books {
		fmt.Println(b, "whitespace", b.Whitespace)
	}
	// Output:
	// north: 2 accounts, 1 customers (50.0%), 1 whitespace; bookings 50000.00 USD, pipeline 0.00 USD, coverage 0.00 whitespace [initech]
	// south: 1 accounts, 0 customers (0.0%), 0 whitespace; bookings 0.00 USD, pipeline 80000.00 USD, coverage 0.67 whitespace []
}
