package customers_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/customers"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// book is four customers: Acme pays 1,200 a year (100 a month), Bolt 100 a
// month and upgrades to 150 in February, Core 200 a month and leaves at the
// end of January, Dash joins in February at 300 a quarter (100 a month).
func book() *customers.Subscriptions {
	usd := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	ss, err := customers.NewSubscriptions([]customers.Subscription{
		{ID: "s1", Account: "Acme", Start: day(2024, 6, 1), Amount: usd("1200"), Currency: "USD", BillingMonths: 12},
		{ID: "s2", Account: "Bolt", Start: day(2024, 9, 1), Amount: usd("100"), Currency: "USD",
			Changes: []customers.AmountChange{{At: day(2025, 2, 10), Amount: usd("150")}}},
		{ID: "s3", Account: "Core", Start: day(2024, 3, 1), End: day(2025, 2, 1), Amount: usd("200"), Currency: "USD"},
		{ID: "s4", Account: "Dash", Start: day(2025, 2, 14), Amount: usd("300"), Currency: "USD", BillingMonths: 3},
	}, customers.SubscriptionOptions{})
	if err != nil {
		panic(err)
	}
	return ss
}

var february = activity.Period{Start: day(2025, 2, 1), End: day(2025, 3, 1), Name: "2025-02"}

func ExampleMovements() {
	// February opens with Acme 100 + Bolt 100 + Core 200 (Core's
	// cancellation takes effect on the 1st): Dash is new, Bolt expands,
	// Core churns.
	m, err := customers.Movements(book(), february)
	if err != nil {
		panic(err)
	}
	fmt.Println(m)
	// Output:
	// 2025-02: MRR 400.00 → 350.00 USD (+100.00 new, +0.00 reactivation, +50.00 expansion, −0.00 contraction, −200.00 churn); customers 3 → 3
}

func ExampleCustomerChurnRate() {
	ss := book()
	for _, base := range []customers.ChurnBase{customers.StartOnly, customers.AverageBase} {
		c, err := customers.CustomerChurnRate(ss, february, customers.ChurnOptions{Base: base})
		if err != nil {
			panic(err)
		}
		fmt.Println(c)
	}
	// Output:
	// 2025-02: customer churn 33.33% (1 churned of 3 customers at the start)
	// 2025-02: customer churn 33.33% (1 churned of 3.0 customers on average)
}

func ExampleRevenueChurnRate() {
	// Gross: Core's 200 of 400; net: (200 − Bolt's 50) / 400.
	r, err := customers.RevenueChurnRate(book(), february, customers.RevenueChurnOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(r)
	// Output:
	// 2025-02: revenue churn 50.00% gross, 37.50% net of 400.00 USD MRR
}

func ExampleRetention() {
	// The customers at February's start had 400; at its close Acme 100 +
	// Bolt 150 = 250 (NRR); without Bolt's expansion 100 + 100 (GRR).
	r, err := customers.Retention(book(), february, customers.RetentionOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(r)
	// Output:
	// 2025-02: NRR 62.5%, GRR 50.0% of 3 customers' 400.00 USD MRR
}

func ExampleCohorts() {
	q := activity.Period{Start: day(2024, 9, 1), End: day(2025, 3, 1)}
	rows, err := customers.Cohorts(book(), q, activity.ByPeriod(activity.Calendar{}, 0))
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		if r.Undefined != "" {
			continue
		}
		fmt.Printf("%s: %d joined at %s; logo %v; revenue %v\n", r.Cohort.Name, r.Customers, r.Starting, r.Logo, r.Revenue)
	}
	// Output:
	// 2024-09: 1 joined at 100; logo [1 1 1 1 1 1]; revenue [1 1 1 1 1 1.5]
	// 2025-02: 1 joined at 100; logo [1]; revenue [1]
}

func ExampleARPA() {
	a, err := customers.ARPA(book(), february, customers.ARPAOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(a)
	// Output:
	// 2025-02: ARPA 116.67 USD (350.00 USD MRR over 3 customers)
}

func ExampleCAC() {
	spend, err := customers.NewSpending([]customers.Spend{
		{Date: day(2025, 2, 28), Amount: decimal.NewFromInt(6000), Currency: "USD", Category: "sales"},
		{Date: day(2025, 2, 28), Amount: decimal.NewFromInt(1500), Currency: "USD", Category: "marketing"},
	}, customers.SpendingOptions{})
	if err != nil {
		panic(err)
	}
	cac, err := customers.CAC(spend, book(), february, customers.CACOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(cac)
	// Output:
	// 2025-02: CAC 7500.00 USD (7500.00 USD spent over 1 acquired)
}

func ExampleSubscriptions_Snapshot() {
	for account, mrr := range book().Snapshot(day(2025, 3, 1)) {
		fmt.Println(account, mrr)
	}
	// Output:
	// Acme 100
	// Bolt 150
	// Dash 100
}

func ExampleMovementsBy() {
	q := activity.Period{Start: day(2025, 1, 1), End: day(2025, 4, 1)}
	months, err := customers.MovementsBy(book(), q, activity.ByPeriod(activity.Calendar{}, 0))
	if err != nil {
		panic(err)
	}
	for _, m := range months {
		fmt.Printf("%s: %s → %s, %d → %d customers\n", m.Period.Name, m.Opening, m.Closing, m.OpeningCustomers, m.ClosingCustomers)
	}
	// Output:
	// 2025-01: 400 → 400, 3 → 3 customers
	// 2025-02: 400 → 350, 3 → 3 customers
	// 2025-03: 350 → 350, 3 → 3 customers
}

func ExampleCustomerSurvival() {
	// As of 1 March 2025: Acme (273 days), Bolt (181) and Dash (15) still
	// pay; Core left after 337 days (1 March 2024 to 1 February 2025). No
	// other life was that long, so at 337 days one of one at risk ends and
	// S falls from 1 to 0.
	s, err := customers.CustomerSurvival(book(), day(2025, 3, 1), customers.SurvivalOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Lifetimes, s.Ended, s.At(336), s.At(337))
	// Output:
	// 4 1 1 0
}

// MRR and ARR month by month: a monthly 100 from January, a quarterly
// 1,000 from February (1000/3 a month, an ARR of exactly 4,000), an annual
// 1,200 from mid-February to April.
func ExampleRecurringRevenueSeries() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	ss, err := customers.NewSubscriptions([]customers.Subscription{
		{ID: "s1", Account: "a", Start: day(1, 1), Amount: decimal.NewFromInt(100), Currency: "USD", BillingMonths: 1},
		{ID: "s2", Account: "b", Start: day(2, 1), Amount: decimal.NewFromInt(1000), Currency: "USD", BillingMonths: 3},
		{ID: "s3", Account: "c", Start: day(2, 15), End: day(4, 1), Amount: decimal.NewFromInt(1200), Currency: "USD", BillingMonths: 12},
	}, customers.SubscriptionOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	series, err := customers.RecurringRevenueSeries(ss, activity.Calendar{}, activity.Monthly, day(1, 1), day(5, 1))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range series {
		fmt.Println(r)
	}
	// Output:
	// 2025-01: MRR 100.00 USD, ARR 1200.00 over 1 account
	// 2025-02: MRR 533.33 USD, ARR 6400.00 over 3 accounts, growth +433.3% (1200 → 6400)
	// 2025-03: MRR 533.33 USD, ARR 6400.00 over 3 accounts, growth +0.0% (6400 → 6400)
	// 2025-04: MRR 433.33 USD, ARR 5200.00 over 2 accounts, growth -18.8% (6400 → 5200)
}
