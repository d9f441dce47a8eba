package compensation_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

func qpDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ExampleAllocate() {
	// A 1,000,000 regional number, over-assigned by 10%, split by
	// territory potential 3 : 2 : 2. The quotas add up to exactly
	// 1,100,000.00; the one cent the split leaves over goes to the larger
	// remainder, a tie between bob and cy that goes to bob, first by id.
	q3 := activity.Period{Start: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q3"}
	quotas, err := compensation.Allocate(qpDec("1000000"), "USD", []compensation.Weight{
		{Rep: "cy", Weight: qpDec("2")},
		{Rep: "ann", Weight: qpDec("3")},
		{Rep: "bob", Weight: qpDec("2")},
	}, compensation.AllocateOptions{Period: q3, OverAssignment: qpDec("0.1"), Metric: "bookings"})
	if err != nil {
		panic(err)
	}
	for _, q := range quotas {
		fmt.Println(q.Rep, q.Period.Name, q.Metric, q.Amount.Value.StringFixed(2), q.Currency)
	}
	// Output:
	// ann 2025 Q3 bookings 471428.57 USD
	// bob 2025 Q3 bookings 314285.72 USD
	// cy 2025 Q3 bookings 314285.71 USD
}

func ExampleProrate() {
	// A 90,000 quarter for a rep hired on 16 January who ramps at 50% in
	// her first month of tenure and 75% in her second. The quarter's 90
	// days make 1,000 a day: January 16 days at 0.5, February 28 days at
	// 0.5 (1 February is still her first tenure month), March 31 days at
	// 0.75.
	rep := activity.Rep{ID: "ann", HiredAt: time.Date(2025, 1, 16, 0, 0, 0, 0, time.UTC), Ramp: []decimal.Decimal{qpDec("0.5"), qpDec("0.75")}}
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	q := activity.Quota{Rep: "ann", Period: q1, Amount: activity.Some(qpDec("90000")), Currency: "USD"}
	p, err := compensation.Prorate(q, rep, compensation.ProrateOptions{Ramp: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(p)
	// Output:
	// ann 2025 Q1: 45250.00 USD of 90000 USD (75 of 90 calendar days in seat)
	//   2025-01: 16/31 days, share 0.3444444444, ramp 0.5: 8000.00 USD
	//   2025-02: 28/28 days, share 0.3111111111, ramp 0.5: 14000.00 USD
	//   2025-03: 31/31 days, share 0.3444444444, ramp 0.75: 23250.00 USD
}

func ExampleProrate_workingDays() {
	// A rep starting on Wednesday 16 April 2025 on a 10,000 April quota:
	// 15 of April's 30 calendar days, but 10 of its 21 working days
	// (Monday to Friday, less Good Friday).
	april := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Name: "2025-04"}
	q := activity.Quota{Rep: "bob", Period: april, Amount: activity.Some(qpDec("10000")), Currency: "USD"}
	rep := activity.Rep{ID: "bob", HiredAt: time.Date(2025, 4, 16, 0, 0, 0, 0, time.UTC)}
	cal := activity.Calendar{Holidays: []time.Time{time.Date(2025, 4, 18, 0, 0, 0, 0, time.UTC)}}
	for _, days := range []compensation.ProrationDays{compensation.CalendarDays, compensation.WorkingDays} {
		p, err := compensation.Prorate(q, rep, compensation.ProrateOptions{Calendar: cal, Days: days})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d of %d, %s\n", days, p.SeatDays, p.PeriodDays, p.Quota.Amount.Value.StringFixed(2))
	}
	// Output:
	// calendar days: 15 of 30, 5000.00
	// working days: 10 of 21, 4761.90
}

func ExampleProrate_seasonal() {
	// A 120,000 quarter weighted 1 : 1 : 2 towards its last month, for a
	// rep in seat all quarter: 30,000, 30,000 and 60,000.
	q4 := activity.Period{Start: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q4"}
	q := activity.Quota{Rep: "cy", Period: q4, Amount: activity.Some(qpDec("120000")), Currency: "EUR"}
	p, err := compensation.Prorate(q, activity.Rep{ID: "cy"}, compensation.ProrateOptions{
		SeasonalWeights: []decimal.Decimal{qpDec("1"), qpDec("1"), qpDec("2")},
	})
	if err != nil {
		panic(err)
	}
	for _, m := range p.Quotas() {
		fmt.Println(m.Period.Name, m.Amount.Value.StringFixed(2), m.Currency)
	}
	// Output:
	// 2025-10 30000.00 EUR
	// 2025-11 30000.00 EUR
	// 2025-12 60000.00 EUR
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

// The same quarter rounded to whole thousands: 45,250 becomes 45,000, and
// the months, in thousands, still add up to it (8, 14 and 23.25 become 8,
// 14 and 23).
func ExampleProrate_increment() {
	rep := activity.Rep{ID: "ann", HiredAt: time.Date(2025, 1, 16, 0, 0, 0, 0, time.UTC), Ramp: []decimal.Decimal{qpDec("0.5"), qpDec("0.75")}}
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	q := activity.Quota{Rep: "ann", Period: q1, Amount: activity.Some(qpDec("90000")), Currency: "USD"}
	p, err := compensation.Prorate(q, rep, compensation.ProrateOptions{Ramp: true, Increment: qpDec("1000")})
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Quota.Amount.Value)
	for _, m := range p.Months {
		fmt.Println(m.Quota.Period.Name, m.Quota.Amount.Value)
	}
	// Output:
	// 45000
	// 2025-01 8000
	// 2025-02 14000
	// 2025-03 23000
}

// An annual quota cut into quarters for a rep hired on 1 March: rounded
// once for the year, the quarters by largest remainder, so they add up.
func ExampleProrate_quarters() {
	rep := activity.Rep{ID: "ann", HiredAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	year := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2025"}
	q := activity.Quota{Rep: "ann", Period: year, Amount: activity.Some(qpDec("1000000")), Currency: "USD"}
	p, err := compensation.Prorate(q, rep, compensation.ProrateOptions{Parts: activity.Quarterly})
	if err != nil {
		panic(err)
	}
	for _, m := range p.Months {
		fmt.Println(m.Quota.Period.Name, m.Quota.Amount.Value.StringFixed(2))
	}
	fmt.Println("year", p.Quota.Amount.Value.StringFixed(2))
	// Output:
	// FY2025 Q1 84931.51
	// FY2025 Q2 249315.07
	// FY2025 Q3 252054.79
	// FY2025 Q4 252054.79
	// year 838356.16
}

// A plan that writes "annual quota × days employed / 365": in 2024, a leap
// year, a rep hired on 1 July is in seat 184 days, worth 184/365 of the
// quota rather than the actual 184/366.
func ExampleProrate_fixed365() {
	rep := activity.Rep{ID: "ann", HiredAt: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)}
	year := activity.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2024"}
	q := activity.Quota{Rep: "ann", Period: year, Amount: activity.Some(qpDec("120000")), Currency: "USD"}
	for _, dc := range []compensation.DayCount{compensation.Actual, compensation.Fixed365} {
		p, err := compensation.Prorate(q, rep, compensation.ProrateOptions{DayCount: dc})
		if err != nil {
			panic(err)
		}
		fmt.Println(dc, p.Quota.Amount.Value.StringFixed(2))
	}
	// Output:
	// actual 60327.87
	// 365 60493.15
}
