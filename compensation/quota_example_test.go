package compensation_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

func ExampleAllocate() {
	// A 1,000,000 team number with 10% over-assignment, by territory
	// potential 3 : 2 : 2.
	qs, err := compensation.Allocate(usd("1000000"), "USD", []compensation.Weight{
		{Rep: "ann", Weight: usd("3")}, {Rep: "bob", Weight: usd("2")}, {Rep: "cy", Weight: usd("2")},
	}, compensation.AllocateOptions{Period: q1, OverAssignment: usd("0.1")})
	if err != nil {
		panic(err)
	}
	for _, q := range qs {
		fmt.Println(q.Rep, q.Amount.Value.StringFixed(2))
	}
	// Output:
	// ann 471428.57
	// bob 314285.72
	// cy 314285.71
}

func ExampleProrate() {
	// Hired on 15 February on a 30,000 quarter, at half productivity in the
	// first month of tenure.
	rep := activity.Rep{ID: "ann", HiredAt: time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC), Ramp: []decimal.Decimal{usd("0.5")}}
	q := activity.Quota{Rep: "ann", Period: q1, Amount: activity.Some(usd("30000")), Currency: "USD"}
	total, months, err := compensation.Prorate(q, rep, compensation.ProrateOptions{Ramp: true})
	if err != nil {
		panic(err)
	}
	for _, m := range months {
		fmt.Printf("%s: %d of %d days, ramp %s → %s\n", m.Quota.Period.Name, m.SeatDays, m.MonthDays, m.Ramp, m.Quota.Amount.Value.StringFixed(2))
	}
	fmt.Println("quarter:", total.Amount.Value.StringFixed(2))
	// Output:
	// 2025-01: 0 of 31 days, ramp 0.5 → 0.00
	// 2025-02: 14 of 28 days, ramp 0.5 → 2333.33
	// 2025-03: 31 of 31 days, ramp 0.5 → 5166.67
	// quarter: 7500.00
}

func ExampleCreditOnBasis() {
	deals := []activity.Deal{{ID: "D-1", Owner: "ann", Amount: usd("12000"), Currency: "USD", Status: activity.StatusWon,
		ClosedAt: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)}}
	// Billed at once, paid in two halves: commission is earned as the cash
	// comes in.
	billing := compensation.Billing{
		Invoices: []compensation.Invoice{{ID: "INV-1", Deal: "D-1", Amount: usd("12000"), At: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)}},
		Payments: []compensation.Payment{
			{Invoice: "INV-1", Amount: usd("6000"), At: time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC)},
			{Invoice: "INV-1", Amount: usd("6000"), At: time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)},
		},
	}
	credits, err := compensation.CreditOnBasis(deals, compensation.CreditingOptions{}, compensation.Collected, billing)
	if err != nil {
		panic(err)
	}
	for _, c := range credits {
		fmt.Println(c.ID, c.At.Format(time.DateOnly), c.Amount.StringFixed(2))
	}
	// Output:
	// D-1/ann/primary@INV-1/1 2025-02-28 6000.00
	// D-1/ann/primary@INV-1/2 2025-04-02 6000.00
}
