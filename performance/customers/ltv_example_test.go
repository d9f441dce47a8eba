package customers_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/customers"
)

func ExampleLTV() {
	arpa, churn := decimal.NewFromInt(100), decimal.RequireFromString("0.05")
	margin := activity.Some(decimal.RequireFromString("0.8"))
	// The classic: 100 × 0.8 / 0.05 = 1,600.
	simple, err := customers.LTV(arpa, churn, customers.LTVOptions{Margin: margin})
	if err != nil {
		panic(err)
	}
	// Discounted at 1% a month, margin at the end of each month: 80 × 0.95 /
	// (1.01 − 0.95) = 1,266.67; and over three years only.
	discounted, err := customers.LTV(arpa, churn, customers.LTVOptions{Margin: margin, DiscountRate: decimal.RequireFromString("0.01"), Timing: customers.ReceivedAtEnd})
	if err != nil {
		panic(err)
	}
	threeYears, err := customers.LTV(arpa, churn, customers.LTVOptions{Margin: margin, DiscountRate: decimal.RequireFromString("0.01"), Timing: customers.ReceivedAtEnd, Horizon: 36})
	if err != nil {
		panic(err)
	}
	fmt.Println(simple)
	fmt.Println(discounted.Value.StringFixed(2), threeYears.Value.StringFixed(2))

	// Output:
	// LTV 1600.00 (ARPA × margin / churn; ARPA 100.00, margin 0.8, churn 0.05, discount 0)
	// 1266.67 1126.98
}

func ExampleCACPayback() {
	p, err := customers.CACPayback(decimal.NewFromInt(1000), decimal.NewFromInt(100), activity.Some(decimal.RequireFromString("0.8")), "")
	if err != nil {
		panic(err)
	}
	r, err := customers.LTVToCAC(decimal.NewFromInt(1600), decimal.NewFromInt(1000), "")
	if err != nil {
		panic(err)
	}
	fmt.Println(p)
	fmt.Println(r)
	// Output:
	// CAC payback 12.5 months (CAC 1000.00, ARPA 100.00 × margin 0.8)
	// LTV:CAC 1.60 (LTV 1600.00, CAC 1000.00)
}

func ExampleAnnualChurn() {
	// Compounded, never × 12: 2% a month is 21.5% a year, and 30% a year
	// is 2.9% a month.
	a, err := customers.AnnualChurn(0.02)
	if err != nil {
		panic(err)
	}
	m, err := customers.MonthlyChurn(0.30)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.2f%% %.2f%%\n", 100*a, 100*m)
	// Output:
	// 21.53% 2.93%
}
