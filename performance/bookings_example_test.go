package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// bookExDay is midnight UTC on a date.
func bookExDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// bookExIndex is a small book of business over 2024 and the first half of
// 2025:
//
//	W1 ann acme    won  12,000 (cost 7,000)  12 Feb 2024
//	W2 bob globex  won   8,000               20 May 2024
//	W3 ann acme    won  15,000 (cost 9,000)   3 Feb 2025
//	W4 bob initech won   9,000 (cost 4,000)  28 Mar 2025
//	W5 cy  (none)  won   2,500               15 Mar 2025
//	L1 bob globex  lost 20,000               10 Mar 2025
func bookExIndex() *activity.Index {
	usd := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	won := func(id, owner, account string, amount int64, closed time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Account: account, Amount: usd(amount), Currency: "USD",
			Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: closed.AddDate(0, -1, 0), ClosedAt: closed}
	}
	deals := []activity.Deal{
		won("W1", "ann", "acme", 12000, bookExDay(2024, 2, 12)),
		won("W2", "bob", "globex", 8000, bookExDay(2024, 5, 20)),
		won("W3", "ann", "acme", 15000, bookExDay(2025, 2, 3)),
		won("W4", "bob", "initech", 9000, bookExDay(2025, 3, 28)),
		won("W5", "cy", "", 2500, bookExDay(2025, 3, 15)),
		{ID: "L1", Owner: "bob", Account: "globex", Amount: usd(20000), Currency: "USD", Stage: activity.StageClosedLost,
			Status: activity.StatusLost, CreatedAt: bookExDay(2025, 1, 6), ClosedAt: bookExDay(2025, 3, 10)},
	}
	deals[0].Cost = activity.Some(usd(7000))
	deals[2].Cost = activity.Some(usd(9000))
	deals[3].Cost = activity.Some(usd(4000))
	ix, err := activity.NewIndex(activity.Records{Deals: deals}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		panic(err)
	}
	return ix
}

var bookExQ1 = activity.Period{Start: bookExDay(2025, 1, 1), End: bookExDay(2025, 4, 1), Name: "2025 Q1"}

func ExampleBookings() {
	ix := bookExIndex()
	b, err := performance.Bookings(ix.All(), bookExQ1, performance.BookingsOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(b)
	// Output:
	// all: booked 26500.00 USD (amount) from 3 won deals in 2025 Q1
}

func ExampleBookingsBy() {
	ix := bookExIndex()
	groups, err := performance.BookingsBy(ix.All(), bookExQ1, activity.ByRep(), performance.BookingsOptions{})
	if err != nil {
		panic(err)
	}
	for _, g := range groups {
		fmt.Printf("%s %s from %d\n", g.Key, g.Result.Amount, g.Result.Deals)
	}
	// Output:
	// ann 15000 from 1
	// bob 9000 from 1
	// cy 2500 from 1
}

func ExampleBookingsSeries() {
	ix := bookExIndex()
	trend, err := performance.BookingsSeries(ix.All(), activity.Calendar{}, activity.Quarterly,
		bookExDay(2024, 1, 1), bookExDay(2025, 7, 1), performance.BookingsOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(trend)
	fmt.Println("Q1 2025 year over year:", trend.Points[4].YearOverYear)
	// Output:
	// all: bookings (amount) by quarter
	// FY2024 Q1  12000.00 USD  1 won deal  PoP n/a  YoY n/a
	// FY2024 Q2  8000.00 USD  1 won deal  PoP -33.3%  YoY n/a
	// FY2024 Q3  0.00 USD  0 won deals  PoP -100.0%  YoY n/a
	// FY2024 Q4  0.00 USD  0 won deals  PoP n/a  YoY n/a
	// FY2025 Q1  26500.00 USD  3 won deals  PoP n/a  YoY +120.8%
	// FY2025 Q2  0.00 USD  0 won deals  PoP -100.0%  YoY -100.0%
	// Q1 2025 year over year: +120.8% (12000 → 26500)
}

func ExampleGrowth() {
	g, err := performance.Growth(decimal.NewFromInt(1500), decimal.NewFromInt(1200))
	fmt.Println(g, err)
	_, err = performance.Growth(decimal.NewFromInt(1500), decimal.Zero)
	fmt.Println(err)
	// Output:
	// +25.0% (1200 → 1500) <nil>
	// performance: growth is undefined: performance: zero denominator: previous value is zero
}

func ExampleCAGR() {
	c, err := performance.CAGR(decimal.NewFromInt(100), decimal.NewFromInt(121), 2)
	fmt.Println(c, err)
	years := performance.ElapsedYears(bookExDay(2022, 1, 1), bookExDay(2025, 1, 1)) // 1,096 days / 365.25
	c, err = performance.CAGR(decimal.NewFromInt(1000), decimal.NewFromInt(1331), years)
	fmt.Printf("%.4f years: %.4f%% %v\n", years, 100*c.Rate, err)
	// Output:
	// CAGR 10.00% (100 → 121 over 2.00 years) <nil>
	// 3.0007 years: 9.9976% <nil>
}

func ExampleRevenuePerAccount() {
	ix := bookExIndex()
	a, err := performance.RevenuePerAccount(ix.All(), bookExQ1, performance.BookingsOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(a)
	// Output:
	// all: 12000.00 USD per account (24000.00 USD over 2 accounts, 2 won deals) in 2025 Q1; 1 won deal without an account (2500.00 USD) left out
}

func ExampleGrossMargin() {
	ix := bookExIndex()
	m, err := performance.GrossMargin(ix.All(), bookExQ1, performance.MarginOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(m)
	fmt.Println("exact ratio:", m.Ratio)
	// Output:
	// all: gross margin 45.8% (11000.00 USD = 24000.00 USD − 13000.00 USD cost, 2 won deals) in 2025 Q1; 1 won deal without a cost left out
	// exact ratio: 0.45833333333333333333
}
