package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// day returns midnight UTC of a date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func decOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// est is a fixed UTC−5 zone, so tests do not depend on the host's tz data.
var est = time.FixedZone("EST", -5*60*60)

// testRates uses round rates so every expected value can be checked by hand.
func testRates() []ExchangeRate {
	return []ExchangeRate{
		{From: "EUR", To: "USD", On: day(2024, 1, 5), Rate: decOf("1.6")},
		{From: "EUR", To: "USD", On: day(2024, 1, 2), Rate: decOf("1.25")},
		{From: "EUR", To: "USD", On: day(2024, 2, 1), Rate: decOf("1.5")},
		{From: "USD", To: "JPY", On: day(2024, 1, 2), Rate: decOf("150")},
		{From: "GBP", To: "USD", On: day(2024, 1, 2), Rate: decOf("1.25")},
		{From: "USD", To: "GBP", On: day(2024, 1, 2), Rate: decOf("0.75")},
		{From: "CHF", To: "USD", On: day(2024, 1, 2), Rate: decOf("1.25")},
		{From: "USD", To: "CHF", On: day(2024, 1, 10), Rate: decOf("0.9")},
		// An equal duplicate, written differently and at another time of day.
		{From: "EUR", To: "USD", On: day(2024, 1, 5).Add(13 * time.Hour), Rate: decOf("1.60")},
	}
}

func TestExchangeRatesRate(t *testing.T) {
	t.Parallel()
	tab, err := NewExchangeRates(testRates())
	if err != nil {
		t.Fatalf("NewExchangeRates: %v", err)
	}
	tests := []struct {
		name     string
		from, to Currency
		on       time.Time
		want     string
		wantErr  error
	}{
		{"same currency", "EUR", "EUR", day(2024, 1, 5), "1", nil},
		{"same currency, zero date", "XTS", "XTS", time.Time{}, "1", nil},
		{"before the first rate", "EUR", "USD", day(2024, 1, 2).Add(-time.Nanosecond), "", ErrNoRate},
		{"on the first rate's date", "EUR", "USD", day(2024, 1, 2), "1.25", nil},
		// Jan 2's rate stays in effect through Jan 4.
		{"between rates", "EUR", "USD", day(2024, 1, 5).Add(-time.Nanosecond), "1.25", nil},
		{"on the second rate's date", "EUR", "USD", day(2024, 1, 5), "1.6", nil},
		// 2024-01-05T03:00+05:00 is 2024-01-04T22:00Z: Jan 4 in UTC.
		{"UTC date, east of UTC", "EUR", "USD", time.Date(2024, 1, 5, 3, 0, 0, 0, time.FixedZone("", 5*3600)), "1.25", nil},
		// 2024-01-04T20:00−05:00 is 2024-01-05T01:00Z: Jan 5 in UTC.
		{"UTC date, west of UTC", "EUR", "USD", time.Date(2024, 1, 4, 20, 0, 0, 0, est), "1.6", nil},
		{"after the last rate", "EUR", "USD", day(2024, 12, 31), "1.5", nil},
		// 1 ÷ 1.6 = 0.625 exactly.
		{"inverse, exact", "USD", "EUR", day(2024, 1, 5), "0.625", nil},
		// 1 ÷ 1.5 = 0.666…; 1.5 has one integer digit, so 16 + 1 = 17
		// places: seventeen 6s, the last rounded up by the next 6.
		{"inverse, rounded", "USD", "EUR", day(2024, 2, 1), "0.66666666666666667", nil},
		// 1 ÷ 150 = 0.00666…; three integer digits, so 19 places: "00",
		// then seventeen 6s, the last rounded up.
		{"inverse of a large rate", "JPY", "USD", day(2024, 1, 3), "0.0066666666666666667", nil},
		{"inverse, before the first rate", "USD", "EUR", day(2024, 1, 1), "", ErrNoRate},
		// The direct 0.75 wins over 1 ÷ 1.25 = 0.8.
		{"direct wins over inverse", "USD", "GBP", day(2024, 1, 2), "0.75", nil},
		{"reverse pair, direct", "GBP", "USD", day(2024, 1, 2), "1.25", nil},
		// USD→CHF starts on Jan 10; before that, 1 ÷ CHF→USD 1.25 = 0.8.
		{"direct not yet in effect, inverse used", "USD", "CHF", day(2024, 1, 5), "0.8", nil},
		{"direct in effect", "USD", "CHF", day(2024, 1, 10), "0.9", nil},
		{"no chaining through USD", "EUR", "JPY", day(2024, 1, 5), "", ErrNoRate},
		{"unknown pair", "AUD", "NZD", day(2024, 1, 5), "", ErrNoRate},
		{"invalid from", "eur", "USD", day(2024, 1, 5), "", ErrInvalidCurrency},
		{"invalid to", "EUR", "US", day(2024, 1, 5), "", ErrInvalidCurrency},
		{"invalid, same", "x", "x", day(2024, 1, 5), "", ErrInvalidCurrency},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tab.Rate(tc.from, tc.to, tc.on)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Rate(%s, %s, %v) error = %v, want %v", tc.from, tc.to, tc.on, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Rate(%s, %s, %v) error = %v", tc.from, tc.to, tc.on, err)
			}
			if want := decOf(tc.want); !got.Equal(want) {
				t.Errorf("Rate(%s, %s, %v) = %s, want %s", tc.from, tc.to, tc.on, got, want)
			}
		})
	}
}

func TestExchangeRatesNoRateMessage(t *testing.T) {
	t.Parallel()
	tab, err := NewExchangeRates(testRates())
	if err != nil {
		t.Fatal(err)
	}
	// The message is documented, so it is checked once here.
	_, err = tab.Rate("EUR", "JPY", time.Date(2024, 1, 5, 12, 0, 0, 0, time.UTC))
	if want := "activity: no exchange rate: EUR→JPY on 2024-01-05"; err == nil || err.Error() != want {
		t.Errorf("Rate error = %v, want %q", err, want)
	}
}

func TestExchangeRatesEmpty(t *testing.T) {
	t.Parallel()
	empty, err := NewExchangeRates(nil)
	if err != nil {
		t.Fatalf("NewExchangeRates(nil) error = %v", err)
	}
	tables := []struct {
		name string
		tab  *ExchangeRates
	}{{"NewExchangeRates(nil)", empty}, {"zero", &ExchangeRates{}}, {"nil", nil}}
	for _, tc := range tables {
		tab := tc.tab
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got, err := tab.Rate("USD", "USD", day(2024, 1, 1)); err != nil || !got.Equal(decimal.NewFromInt(1)) {
				t.Errorf("Rate(USD, USD) = %s, %v, want 1, nil", got, err)
			}
			if _, err := tab.Rate("USD", "EUR", day(2024, 1, 1)); !errors.Is(err, ErrNoRate) {
				t.Errorf("Rate(USD, EUR) error = %v, want ErrNoRate", err)
			}
		})
	}
}

func TestNewExchangeRatesErrors(t *testing.T) {
	t.Parallel()
	ok := ExchangeRate{From: "EUR", To: "USD", On: day(2024, 1, 2), Rate: decOf("1.25")}
	with := func(f func(*ExchangeRate)) ExchangeRate { r := ok; f(&r); return r }
	tests := []struct {
		name  string
		rates []ExchangeRate
		want  []error // sentinels every reported problem must wrap, besides ErrInvalidRate
		count int     // problems reported
		index string  // an index the message must name
	}{
		{"invalid from", []ExchangeRate{ok, with(func(r *ExchangeRate) { r.From = "eur" })}, []error{ErrInvalidCurrency}, 1, "rates[1]"},
		{"invalid to", []ExchangeRate{with(func(r *ExchangeRate) { r.To = "" })}, []error{ErrInvalidCurrency}, 1, "rates[0]"},
		{"same currency", []ExchangeRate{with(func(r *ExchangeRate) { r.To = "EUR" })}, nil, 1, "rates[0]"},
		{"zero date", []ExchangeRate{with(func(r *ExchangeRate) { r.On = time.Time{} })}, nil, 1, "rates[0]"},
		{"zero rate", []ExchangeRate{with(func(r *ExchangeRate) { r.Rate = decimal.Decimal{} })}, nil, 1, "rates[0]"},
		{"negative rate", []ExchangeRate{with(func(r *ExchangeRate) { r.Rate = decOf("-1.25") })}, nil, 1, "rates[0]"},
		// 1e30 has 31 integer digits; 9.9e-31 is below 1e-30.
		{"rate too large", []ExchangeRate{with(func(r *ExchangeRate) { r.Rate = decimal.New(1, 30) })}, nil, 1, "rates[0]"},
		{"rate too small", []ExchangeRate{with(func(r *ExchangeRate) { r.Rate = decimal.New(99, -32) })}, nil, 1, "rates[0]"},
		{"absurd exponent", []ExchangeRate{with(func(r *ExchangeRate) { r.Rate = decimal.New(1, 2_000_000_000) })}, nil, 1, "rates[0]"},
		{"conflicting rates on one date", []ExchangeRate{
			ok,
			{From: "USD", To: "JPY", On: day(2024, 1, 2), Rate: decOf("150")},
			with(func(r *ExchangeRate) { r.On = r.On.Add(20 * time.Hour); r.Rate = decOf("1.26") }),
		}, nil, 1, "rates[2]"},
		{"every problem reported", []ExchangeRate{
			ok,
			with(func(r *ExchangeRate) { r.From = "usd"; r.To = "x"; r.Rate = decOf("0") }), // 3 problems
			with(func(r *ExchangeRate) { r.On = time.Time{} }),                              // 1
			with(func(r *ExchangeRate) { r.Rate = decOf("1.3") }),                           // conflicts with rates[0]
		}, nil, 5, "rates[3]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tab, err := NewExchangeRates(tc.rates)
			if tab != nil || err == nil {
				t.Fatalf("NewExchangeRates = %v, %v, want nil, error", tab, err)
			}
			joined, isJoin := err.(interface{ Unwrap() []error })
			if !isJoin {
				t.Fatalf("NewExchangeRates error %T is not joined", err)
			}
			problems := joined.Unwrap()
			if len(problems) != tc.count {
				t.Errorf("NewExchangeRates reported %d problems, want %d: %v", len(problems), tc.count, err)
			}
			for _, p := range problems {
				if !errors.Is(p, ErrInvalidRate) {
					t.Errorf("problem %v does not wrap ErrInvalidRate", p)
				}
			}
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("NewExchangeRates error = %v, want %v", err, w)
				}
			}
			if !strings.Contains(err.Error(), tc.index) {
				t.Errorf("NewExchangeRates error = %v, want it to name %s", err, tc.index)
			}
		})
	}
}

func TestNewExchangeRatesDoesNotModifyInput(t *testing.T) {
	t.Parallel()
	rates := testRates()
	if _, err := NewExchangeRates(rates); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(testRates(), rates); diff != "" {
		t.Errorf("NewExchangeRates modified its input (-want +got):\n%s", diff)
	}
}

func TestExchangeRatesRateDoesNotAllocate(t *testing.T) {
	tab, err := NewExchangeRates(testRates())
	if err != nil {
		t.Fatal(err)
	}
	on := day(2024, 3, 1)
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = tab.Rate("EUR", "USD", on) // direct
		_, _ = tab.Rate("USD", "EUR", on) // inverse
		_, _ = tab.Rate("USD", "USD", on) // same
	})
	if allocs != 0 {
		t.Errorf("ExchangeRates.Rate allocates %v times per run, want 0", allocs)
	}
}

func TestRateString(t *testing.T) {
	t.Parallel()
	r := ExchangeRate{From: "EUR", To: "USD", On: time.Date(2024, 1, 4, 20, 0, 0, 0, est), Rate: decOf("1.0942")}
	// 2024-01-04T20:00−05:00 is 2024-01-05 in UTC.
	if got, want := r.String(), "EUR→USD 1.0942 on 2024-01-05"; got != want {
		t.Errorf("Rate.String() = %q, want %q", got, want)
	}
}

func TestRateJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want ExchangeRate
	}{
		{"string rate, RFC 3339", `{"from":"EUR","to":"USD","on":"2024-01-05T00:00:00Z","rate":"1.0942"}`,
			ExchangeRate{From: "EUR", To: "USD", On: day(2024, 1, 5), Rate: decOf("1.0942")}},
		{"number rate, date only", `{"from":"EUR","to":"USD","on":"2024-01-05","rate":1.0942}`,
			ExchangeRate{From: "EUR", To: "USD", On: day(2024, 1, 5), Rate: decOf("1.0942")}},
		{"absent on", `{"from":"EUR","to":"USD","rate":"2"}`,
			ExchangeRate{From: "EUR", To: "USD", Rate: decOf("2")}},
		{"null on", `{"from":"EUR","to":"USD","on":null,"rate":"2"}`,
			ExchangeRate{From: "EUR", To: "USD", Rate: decOf("2")}},
		{"empty on", `{"from":"EUR","to":"USD","on":"","rate":"2"}`,
			ExchangeRate{From: "EUR", To: "USD", Rate: decOf("2")}},
	}
	equal := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got ExchangeRate
			if err := json.Unmarshal([]byte(tc.in), &got); err != nil {
				t.Fatalf("Unmarshal(%s) error = %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got, equal); diff != "" {
				t.Errorf("Unmarshal(%s) (-want +got):\n%s", tc.in, diff)
			}
			out, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("Marshal(%v) error = %v", got, err)
			}
			var back ExchangeRate
			if err := json.Unmarshal(out, &back); err != nil {
				t.Fatalf("Unmarshal(%s) error = %v", out, err)
			}
			if diff := cmp.Diff(got, back, equal); diff != "" {
				t.Errorf("round trip through %s (-want +got):\n%s", out, diff)
			}
		})
	}

	out, err := json.Marshal(ExchangeRate{From: "EUR", To: "USD", On: day(2024, 1, 5), Rate: decOf("1.0942")})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"from":"EUR","to":"USD","on":"2024-01-05T00:00:00Z","rate":"1.0942"}`; string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}

	for _, bad := range []string{
		`{"from":"EUR","to":"USD","on":"5 Jan 2024","rate":"1"}`,
		`{"from":"EUR","to":"USD","on":2024.5,"rate":"1"}`,
		`{"from":"EUR","to":"USD","on":"2024-01-05","rate":"one"}`,
		`{"from":1}`,
	} {
		var r ExchangeRate
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", bad, r)
		}
	}
}

func TestRateDateString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    RateDate
		want string
	}{
		{RateAtClose, "at close"},
		{RateAtPeriodEnd, "at period end"},
		{RateFixed, "fixed"},
		{RateDate(7), "RateDate(7)"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			if got := tc.d.String(); got != tc.want {
				t.Errorf("RateDate(%d).String() = %q, want %q", uint8(tc.d), got, tc.want)
			}
		})
	}
}

// converterFunc adapts a function to Converter.
type converterFunc func(from, to Currency, on time.Time) (decimal.Decimal, error)

func (f converterFunc) Rate(from, to Currency, on time.Time) (decimal.Decimal, error) {
	return f(from, to, on)
}

func TestConversionValidate(t *testing.T) {
	t.Parallel()
	tab := &ExchangeRates{}
	tests := []struct {
		name  string
		c     Conversion
		want  []error
		count int
	}{
		{"default rule", Conversion{To: "USD", Converter: tab}, nil, 0},
		{"period end", Conversion{To: "USD", Converter: tab, Date: RateAtPeriodEnd}, nil, 0},
		{"fixed", Conversion{To: "USD", Converter: tab, Date: RateFixed, Fixed: day(2024, 1, 1)}, nil, 0},
		{"zero", Conversion{}, []error{ErrInvalidConversion, ErrInvalidCurrency}, 2},
		{"invalid to", Conversion{To: "usd", Converter: tab}, []error{ErrInvalidConversion, ErrInvalidCurrency}, 1},
		{"nil converter", Conversion{To: "USD"}, []error{ErrInvalidConversion}, 1},
		{"unknown rule", Conversion{To: "USD", Converter: tab, Date: 3}, []error{ErrInvalidConversion}, 1},
		{"fixed without date", Conversion{To: "USD", Converter: tab, Date: RateFixed}, []error{ErrInvalidConversion}, 1},
		{"date without fixed", Conversion{To: "USD", Converter: tab, Fixed: day(2024, 1, 1)}, []error{ErrInvalidConversion}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.c.Validate()
			if tc.count == 0 {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("Validate() = %v, want %v", err, w)
				}
			}
			if j, ok := err.(interface{ Unwrap() []error }); !ok || len(j.Unwrap()) != tc.count {
				t.Errorf("Validate() = %v, want %d problems", err, tc.count)
			}
		})
	}
}

func TestConversionConvert(t *testing.T) {
	t.Parallel()
	tab, err := NewExchangeRates([]ExchangeRate{
		{From: "EUR", To: "USD", On: day(2024, 1, 1), Rate: decOf("1.2")},
		{From: "EUR", To: "USD", On: day(2024, 1, 15), Rate: decOf("1.25")},
		{From: "EUR", To: "USD", On: day(2024, 3, 31), Rate: decOf("1.5")},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Q1 2024 in New York winter time: [Jan 1, Apr 1) at UTC−5.
	q1 := Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, est), End: time.Date(2024, 4, 1, 0, 0, 0, 0, est), Name: "2024 Q1"}
	atClose := Conversion{To: "USD", Converter: tab}
	atEnd := Conversion{To: "USD", Converter: tab, Date: RateAtPeriodEnd}
	fixed := Conversion{To: "USD", Converter: tab, Date: RateFixed, Fixed: time.Date(2024, 1, 1, 9, 0, 0, 0, est)}
	toEUR := Conversion{To: "EUR", Converter: tab, Date: RateAtPeriodEnd}
	never := Conversion{To: "USD", Converter: converterFunc(func(from, to Currency, on time.Time) (decimal.Decimal, error) {
		t.Errorf("converter called for %s→%s on %v", from, to, on)
		return decimal.Decimal{}, nil
	})}
	badRate := Conversion{To: "USD", Converter: converterFunc(func(Currency, Currency, time.Time) (decimal.Decimal, error) {
		return decimal.Decimal{}, nil
	})}

	tests := []struct {
		name     string
		c        Conversion
		amount   string
		from     Currency
		closedAt time.Time
		period   Period
		want     string
		wantErr  []error
	}{
		// 1000 × 1.25 = 1250 (Jan 15's rate is in effect on Feb 20).
		{"at close", atClose, "1000", "EUR", time.Date(2024, 2, 20, 10, 0, 0, 0, time.UTC), Period{}, "1250", nil},
		// Closed Jan 14 at 22:00 in New York (Jan 15 03:00 UTC): the local
		// date Jan 14 takes Jan 1's rate, 1000 × 1.2 = 1200.
		{"at close, local date", atClose, "1000", "EUR", time.Date(2024, 1, 14, 22, 0, 0, 0, est), Period{}, "1200", nil},
		// Exact product, not rounded: 333.33 × 1.25 = 333.33 + 83.3325 = 416.6625.
		{"unrounded", atClose, "333.33", "EUR", day(2024, 2, 20), Period{}, "416.6625", nil},
		// Q1 ends Apr 1 00:00 EST; the instant before is Mar 31, whose rate
		// is 1.5: 1000 × 1.5 = 1500.
		{"at period end", atEnd, "1000", "EUR", time.Time{}, q1, "1500", nil},
		// A period ending at midnight UTC on Mar 31 ends on Mar 30, which
		// still has Jan 15's rate: 1000 × 1.25 = 1250.
		{"at period end, day before a new rate", atEnd, "1000", "EUR", time.Time{},
			Period{Start: day(2024, 3, 1), End: day(2024, 3, 31)}, "1250", nil},
		// Fixed Jan 1 (09:00 EST is still Jan 1): 1000 × 1.2 = 1200.
		{"fixed", fixed, "1000", "EUR", day(2024, 3, 31), q1, "1200", nil},
		// USD→EUR at Mar 31 is 1 ÷ 1.5 rounded at 17 places,
		// 0.66666666666666667; × 1000 = 666.66666666666667.
		{"through an inverse", toEUR, "1000", "USD", time.Time{}, q1, "666.66666666666667", nil},
		{"same currency", never, "1000", "USD", time.Time{}, Period{}, "1000", nil},
		{"negative amount", atClose, "-80", "EUR", day(2024, 2, 20), Period{}, "-100", nil}, // −80 × 1.25 = −100
		{"zero amount", atClose, "0", "EUR", day(2024, 2, 20), Period{}, "0", nil},

		{"no rate yet", atClose, "1000", "EUR", day(2023, 12, 31), Period{}, "", []error{ErrNoRate}},
		{"no close time", atClose, "1000", "EUR", time.Time{}, q1, "", []error{ErrNoRateDate}},
		{"no period", atEnd, "1000", "EUR", day(2024, 2, 20), Period{}, "", []error{ErrNoRateDate, ErrInvalidPeriod}},
		{"period ends before it starts", atEnd, "1000", "EUR", time.Time{},
			Period{Start: q1.End, End: q1.Start}, "", []error{ErrNoRateDate, ErrInvalidPeriod}},
		{"invalid from", atClose, "1000", "eur", day(2024, 2, 20), Period{}, "", []error{ErrInvalidCurrency}},
		{"invalid conversion", Conversion{To: "USD"}, "1000", "EUR", day(2024, 2, 20), Period{}, "", []error{ErrInvalidConversion}},
		{"converter gives zero", badRate, "1000", "EUR", day(2024, 2, 20), Period{}, "", []error{ErrInvalidRate}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.c.Convert(decOf(tc.amount), tc.from, tc.closedAt, tc.period)
			if tc.wantErr != nil {
				for _, w := range tc.wantErr {
					if !errors.Is(err, w) {
						t.Errorf("Convert(%s %s) error = %v, want %v", tc.amount, tc.from, err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Convert(%s %s) error = %v", tc.amount, tc.from, err)
			}
			if want := decOf(tc.want); !got.Equal(want) {
				t.Errorf("Convert(%s %s) = %s, want %s", tc.amount, tc.from, got, want)
			}
		})
	}
}

func TestConversionRateDate(t *testing.T) {
	t.Parallel()
	q1 := Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, est), End: time.Date(2024, 4, 1, 0, 0, 0, 0, est)}
	tests := []struct {
		name     string
		date     RateDate
		fixed    time.Time
		closedAt time.Time
		want     time.Time // the date the converter must be asked for
	}{
		// 23:30 EST on Feb 20 is Feb 21 in UTC; the deal's own date is Feb 20.
		{"close", RateAtClose, time.Time{}, time.Date(2024, 2, 20, 23, 30, 0, 0, est), day(2024, 2, 20)},
		// Apr 1 00:00 EST − 1 ns = Mar 31 23:59:59.999999999 EST.
		{"period end", RateAtPeriodEnd, time.Time{}, time.Time{}, day(2024, 3, 31)},
		{"fixed", RateFixed, time.Date(2024, 1, 1, 23, 0, 0, 0, est), time.Time{}, day(2024, 1, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var asked time.Time
			c := Conversion{To: "USD", Date: tc.date, Fixed: tc.fixed,
				Converter: converterFunc(func(_, _ Currency, on time.Time) (decimal.Decimal, error) {
					asked = on
					return decimal.NewFromInt(2), nil
				})}
			if _, err := c.Convert(decOf("1"), "EUR", tc.closedAt, q1); err != nil {
				t.Fatal(err)
			}
			if !asked.Equal(tc.want) || asked.Location() != time.UTC {
				t.Errorf("converter asked for %v, want %v", asked, tc.want)
			}
		})
	}
}

func TestConversionWrapsConverterError(t *testing.T) {
	t.Parallel()
	errDown := errors.New("rates service down")
	c := Conversion{To: "USD", Converter: converterFunc(func(Currency, Currency, time.Time) (decimal.Decimal, error) {
		return decimal.Decimal{}, errDown
	})}
	_, err := c.Convert(decOf("12.5"), "EUR", day(2024, 2, 20), Period{})
	if !errors.Is(err, errDown) {
		t.Fatalf("Convert error = %v, want it to wrap %v", err, errDown)
	}
	// The context names the amount, pair, rule and date.
	for _, part := range []string{"12.5 EUR", "USD", "at close", "2024-02-20"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("Convert error = %q, want it to name %q", err, part)
		}
	}
}

func BenchmarkRateTableRate(b *testing.B) {
	codes := []Currency{"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "KWD"}
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			// Nine pairs from USD, each with n/9 daily rates.
			perPair := n / (len(codes) - 1)
			rates := make([]ExchangeRate, 0, n)
			for _, to := range codes[1:] {
				for d := range perPair {
					rates = append(rates, ExchangeRate{From: "USD", To: to, On: day(1900, 1, 1).AddDate(0, 0, d), Rate: decimal.New(int64(1000+d%500), -3)})
				}
			}
			tab, err := NewExchangeRates(rates)
			if err != nil {
				b.Fatal(err)
			}
			on := day(1900, 1, 1).AddDate(0, 0, perPair/2)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tab.Rate("USD", "EUR", on); err != nil {
					b.Fatal(err)
				}
				if _, err := tab.Rate("KWD", "USD", on); err != nil { // inverse
					b.Fatal(err)
				}
			}
		})
	}
}
