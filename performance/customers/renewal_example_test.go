package customers_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/customers"
)

// Three yearly contracts come up for renewal in the second quarter: one
// renews at a higher price, one runs on by itself, one ends.
func ExampleRenewals() {
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }
	subs := []customers.Subscription{
		{ID: "c1", Account: "acme", Start: day(4, 1), End: day(4, 1).AddDate(1, 0, 0), Amount: decimal.NewFromInt(1000), Currency: "USD",
			TermMonths: 12, RenewedBy: "c1-2025"},
		{ID: "c1-2025", Account: "acme", Start: day(4, 1).AddDate(1, 0, 0), Amount: decimal.NewFromInt(1200), Currency: "USD", TermMonths: 12},
		{ID: "c2", Account: "beta", Start: day(5, 1), Amount: decimal.NewFromInt(500), Currency: "USD", TermMonths: 12, AutoRenew: true},
		{ID: "c3", Account: "gamma", Start: day(6, 1), End: day(6, 1).AddDate(1, 0, 0), Amount: decimal.NewFromInt(800), Currency: "USD",
			TermMonths: 12},
	}
	ss, err := customers.NewSubscriptions(subs, customers.SubscriptionOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q2"}
	r, err := customers.Renewals(ss, q2, customers.RenewalOptions{List: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r)
	for _, c := range r.Contracts {
		fmt.Println(c.ID, c.Status, c.Expiring, "->", c.Renewal)
	}
	// Output:
	// 2025 Q2: 3 contracts up for renewal (2300.00 USD MRR): 2 renewed (0 late), 1 not, 0 pending; renewal rate 66.7% by count, 65.2% by value; +200.00 USD expansion, −0.00 USD contraction
	// c1 renewed_on_time 1000 -> 1200
	// c2 renewed_on_time 500 -> 500
	// c3 not_renewed 800 -> 0
}
