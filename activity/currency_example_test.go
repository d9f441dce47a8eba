package activity_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/shopspring/decimal"
)

func ExampleCurrency_MinorUnits() {
	for _, c := range []activity.Currency{"USD", "JPY", "KWD", "CLF"} {
		fmt.Println(c, c.MinorUnits())
	}
	// Output:
	// USD 2
	// JPY 0
	// KWD 3
	// CLF 4
}

func ExampleCurrency_Round() {
	d := decimal.RequireFromString("1234.565")
	usd, jpy := activity.Currency("USD"), activity.Currency("JPY")
	fmt.Println("USD half away from zero:", usd.Round(d).StringFixed(2))
	fmt.Println("USD half to even:       ", usd.RoundBank(d).StringFixed(2))
	fmt.Println("JPY half away from zero:", jpy.Round(d))
	// Output:
	// USD half away from zero: 1234.57
	// USD half to even:        1234.56
	// JPY half away from zero: 1235
}

func ExampleCurrency_Validate() {
	fmt.Println(activity.Currency("EUR").Validate())
	fmt.Println(activity.Currency("eur").Validate())
	// Output:
	// <nil>
	// activity: invalid currency: "eur" is not three ASCII upper-case letters
}

func ExampleExchangeRates_Rate() {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	table, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: day(2024, 1, 2), Rate: decimal.RequireFromString("1.0956")},
		{From: "EUR", To: "USD", On: day(2024, 1, 5), Rate: decimal.RequireFromString("1.0942")},
		{From: "USD", To: "JPY", On: day(2024, 1, 2), Rate: decimal.RequireFromString("141.95")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range []struct {
		from, to activity.Currency
		on       time.Time
	}{
		{"EUR", "USD", day(2024, 1, 4)}, // Jan 2's rate is still in effect
		{"EUR", "USD", day(2024, 1, 8)},
		{"USD", "EUR", day(2024, 1, 8)}, // 1 ÷ 1.0942, rounded at 17 places
		{"JPY", "USD", day(2024, 1, 8)}, // 1 ÷ 141.95, rounded at 19 places
		{"EUR", "JPY", day(2024, 1, 8)}, // no chaining through USD
	} {
		rate, err := table.Rate(q.from, q.to, q.on)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s→%s on %s: %s\n", q.from, q.to, q.on.Format(time.DateOnly), rate)
	}
	// Output:
	// EUR→USD on 2024-01-04: 1.0956
	// EUR→USD on 2024-01-08: 1.0942
	// USD→EUR on 2024-01-08: 0.91390970572107476
	// JPY→USD on 2024-01-08: 0.0070447340612891863
	// activity: no exchange rate: EUR→JPY on 2024-01-08
}

func ExampleNewExchangeRates_errors() {
	on := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	_, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: on, Rate: decimal.RequireFromString("1.0956")},
		{From: "EUR", To: "USD", On: on, Rate: decimal.RequireFromString("1.0965")},
		{From: "usd", To: "JPY", On: on, Rate: decimal.RequireFromString("-141.95")},
	})
	fmt.Println(errors.Is(err, activity.ErrInvalidRate))
	fmt.Println(err)
	// Output:
	// true
	// activity: invalid exchange rate: rates[2]: from: activity: invalid currency: "usd" is not three ASCII upper-case letters
	// activity: invalid exchange rate: rates[2] usd→JPY: rate -141.95 is not positive
	// activity: invalid exchange rate: rates[0] and rates[1]: EUR→USD on 2024-01-02: rates 1.0956 and 1.0965 differ
}

func ExampleConversion_Convert() {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	table, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: day(2024, 1, 1), Rate: decimal.RequireFromString("1.10")},
		{From: "EUR", To: "USD", On: day(2024, 2, 15), Rate: decimal.RequireFromString("1.08")},
		{From: "EUR", To: "USD", On: day(2024, 3, 31), Rate: decimal.RequireFromString("1.0789")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1 := activity.Period{Start: day(2024, 1, 1), End: day(2024, 4, 1), Name: "2024 Q1"}
	amount := decimal.RequireFromString("12345.67")
	closed := time.Date(2024, 2, 20, 16, 0, 0, 0, time.UTC)

	for _, c := range []activity.Conversion{
		{To: "USD", Converter: table},                                                   // at close: Feb 15's 1.08
		{To: "USD", Converter: table, Date: activity.RateAtPeriodEnd},                   // Mar 31's 1.0789
		{To: "USD", Converter: table, Date: activity.RateFixed, Fixed: day(2024, 1, 1)}, // plan rate 1.10
	} {
		usd, err := c.Convert(amount, "EUR", closed, q1)
		if err != nil {
			fmt.Println(err)
			continue
		}
		// The product is exact; round where a person reads it.
		fmt.Printf("%-13s %s → %s USD\n", c.Date, usd, c.To.Round(usd).StringFixed(2))
	}
	// Output:
	// at close      13333.3236 → 13333.32 USD
	// at period end 13319.743363 → 13319.74 USD
	// fixed         13580.237 → 13580.24 USD
}
