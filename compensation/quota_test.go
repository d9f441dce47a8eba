package compensation

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func qpD(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func qpDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func qpMonthsOf(y int, from time.Month, n int) activity.Period {
	return activity.Period{Start: qpDay(y, from, 1), End: qpDay(y, from+time.Month(n), 1)}
}

var (
	qpQ1    = activity.Period{Start: qpDay(2025, 1, 1), End: qpDay(2025, 4, 1), Name: "2025 Q1"}
	qpApril = activity.Period{Start: qpDay(2025, 4, 1), End: qpDay(2025, 5, 1), Name: "2025-04"}
)

// qpText returns a quota's amount in its exact digits, or its count.
func qpText(q activity.Quota) string {
	if v, ok := q.Amount.Get(); ok {
		return v.StringFixed(-v.Exponent())
	}
	return decimal.NewFromInt(q.Count.Value).String()
}

// qpAmounts returns "rep amount" for each quota.
func qpAmounts(qs []activity.Quota) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Rep + " " + qpText(q)
	}
	return out
}

func qpSum(qs []activity.Quota) decimal.Decimal {
	s := decimal.Zero
	for _, q := range qs {
		s = s.Add(q.Amount.Value)
	}
	return s
}

func qpWeights(pairs ...string) []Weight {
	var ws []Weight
	for i := 0; i+1 < len(pairs); i += 2 {
		ws = append(ws, Weight{Rep: pairs[i], Weight: qpD(pairs[i+1])})
	}
	return ws
}

func TestAllocate(t *testing.T) {
	t.Parallel()
	// The 1790 US House example of Hamilton's (largest remainder) method:
	// 60 seats over the 15 states' populations, from
	// https://electowiki.org/w/index.php?title=Hamilton_method&oldid=9372 —
	// 52 seats by whole quotas, the remaining 8 to New Jersey, Connecticut,
	// Delaware, Massachusetts, North Carolina, Maryland, New York and
	// Virginia. Seats are yen here (JPY has no minor unit).
	states := qpWeights(
		"Virginia", "630560", "Massachusetts", "475327", "Pennsylvania", "432879",
		"North Carolina", "353523", "New York", "331589", "Maryland", "278514",
		"Connecticut", "236841", "South Carolina", "206236", "New Jersey", "179570",
		"New Hampshire", "141822", "Vermont", "85533", "Georgia", "70835",
		"Kentucky", "68705", "Rhode Island", "68446", "Delaware", "55540")
	for _, tc := range []struct {
		name     string
		total    string
		currency activity.Currency
		weights  []Weight
		over     string
		want     []string
	}{
		{
			// 1,000,000 × 1.1 = 1,100,000.00 handed out, 110,000,000 cents
			// by 3 : 2 : 2. ann 330,000,000 / 7 = 47,142,857 rem 1; bob and
			// cy 220,000,000 / 7 = 31,428,571 rem 3 each. The floors leave
			// 1 cent, for the largest remainder, a tie of bob and cy that
			// goes to bob (first by id).
			name: "over-assignment 10%", total: "1000000", currency: "USD",
			weights: qpWeights("cy", "2", "ann", "3", "bob", "2"), over: "0.1",
			want: []string{"ann 471428.57", "bob 314285.72", "cy 314285.71"},
		},
		{
			// 10,000 cents by three: 3,333 each and 1 left; three equal
			// remainders, so the first rep by id gets the cent.
			name: "tie to rep id", total: "100", currency: "USD",
			weights: qpWeights("c", "1", "a", "1", "b", "1"),
			want:    []string{"a 33.34", "b 33.33", "c 33.33"},
		},
		{
			name: "Hamilton 1790", total: "60", currency: "JPY", weights: states,
			want: []string{
				"Connecticut 4", "Delaware 1", "Georgia 1", "Kentucky 1", "Maryland 5",
				"Massachusetts 8", "New Hampshire 2", "New Jersey 3", "New York 6",
				"North Carolina 6", "Pennsylvania 7", "Rhode Island 1", "South Carolina 3",
				"Vermont 1", "Virginia 11",
			},
		},
		{
			// 1,000 × 1.0005 = 1,000.5 yen rounds half away from zero to
			// 1,001; 500.5 each, the odd yen to a.
			name: "handed out rounds half away from zero", total: "1000", currency: "JPY",
			weights: qpWeights("b", "1", "a", "1"), over: "0.0005",
			want: []string{"a 501", "b 500"},
		},
		{
			// 1,000 cents: b 1,000/3 = 333 rem 1, c 2,000/3 = 666 rem 2; one
			// cent left, to c. a's weight is zero, so is its quota.
			name: "zero weight", total: "10", currency: "USD",
			weights: qpWeights("a", "0", "b", "1", "c", "2"),
			want:    []string{"a 0.00", "b 3.33", "c 6.67"},
		},
		{
			// Weights 0.5 : 1.25 are 2 : 5 of 70.00.
			name: "decimal weights", total: "70", currency: "EUR",
			weights: qpWeights("a", "0.5", "b", "1.25"),
			want:    []string{"a 20.00", "b 50.00"},
		},
		{
			// 1,000 fils by three: 333 each, the last fils to a.
			name: "three minor units", total: "1", currency: "KWD",
			weights: qpWeights("b", "7", "a", "7", "c", "7"),
			want:    []string{"a 0.334", "b 0.333", "c 0.333"},
		},
		{
			// The first case again with weights too long for 64 bits (the
			// big-integer path): 3e20 : 2e20 : 2e20 is 3 : 2 : 2.
			name: "big weights", total: "1000000", currency: "USD",
			weights: qpWeights("cy", "200000000000000000000", "ann", "300000000000000000000", "bob", "200000000000000000000"), over: "0.1",
			want: []string{"ann 471428.57", "bob 314285.72", "cy 314285.71"},
		},
		{
			// Weights 3 and 2e-20 differ by 20 decimal places (big path):
			// b's share of 1,000 cents is 1000 × 2 / 300000000000000000002,
			// under a cent, so a gets all.
			name: "far apart exponents", total: "10", currency: "USD",
			weights: qpWeights("a", "3", "b", "0.00000000000000000002"),
			want:    []string{"a 10.00", "b 0.00"},
		},
		{
			// A total beyond int64 cents: 10^20 USD = 10^22 cents in halves.
			name: "big total", total: "100000000000000000000", currency: "USD",
			weights: qpWeights("a", "1", "b", "1"),
			want:    []string{"a 50000000000000000000.00", "b 50000000000000000000.00"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			over := decimal.Zero
			if tc.over != "" {
				over = qpD(tc.over)
			}
			opts := AllocateOptions{Period: qpQ1, OverAssignment: over, Metric: "bookings"}
			before := slices.Clone(tc.weights)
			got, err := Allocate(qpD(tc.total), tc.currency, tc.weights, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, qpAmounts(got)); diff != "" {
				t.Errorf("Allocate (-want +got):\n%s", diff)
			}
			want := qpD(tc.total).Mul(decimal.NewFromInt(1).Add(over)).Round(tc.currency.MinorUnits())
			if sum := qpSum(got); !sum.Equal(want) {
				t.Errorf("quotas add up to %s, want %s", sum, want)
			}
			for _, q := range got {
				if err := q.Validate(); err != nil || q.Metric != "bookings" || q.Currency != tc.currency || q.Period != qpQ1 {
					t.Errorf("quota %+v: %v", q, err)
				}
			}
			if !slices.EqualFunc(before, tc.weights, func(a, b Weight) bool { return a.Rep == b.Rep && a.Weight.Equal(b.Weight) }) {
				t.Errorf("Allocate modified its weights")
			}
			// Any input order gives the same quotas.
			rev := slices.Clone(tc.weights)
			slices.Reverse(rev)
			again, err := Allocate(qpD(tc.total), tc.currency, rev, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(qpAmounts(got), qpAmounts(again)); diff != "" {
				t.Errorf("reversed input (-first +reversed):\n%s", diff)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	t.Parallel()
	ok := qpWeights("a", "1")
	for _, tc := range []struct {
		name     string
		total    string
		currency activity.Currency
		weights  []Weight
		opts     AllocateOptions
		also     error
	}{
		{"zero period", "100", "USD", ok, AllocateOptions{}, activity.ErrInvalidPeriod},
		{"period ends before it starts", "100", "USD", ok, AllocateOptions{Period: activity.Period{Start: qpDay(2025, 4, 1), End: qpDay(2025, 1, 1)}}, activity.ErrInvalidPeriod},
		{"invalid currency", "100", "usd", ok, AllocateOptions{Period: qpQ1}, activity.ErrInvalidCurrency},
		{"negative total", "-100", "USD", ok, AllocateOptions{Period: qpQ1}, nil},
		{"negative over-assignment", "100", "USD", ok, AllocateOptions{Period: qpQ1, OverAssignment: qpD("-0.1")}, nil},
		{"no weights", "100", "USD", nil, AllocateOptions{Period: qpQ1}, nil},
		{"empty rep", "100", "USD", qpWeights("a", "1", "", "1"), AllocateOptions{Period: qpQ1}, nil},
		{"negative weight", "100", "USD", qpWeights("a", "1", "b", "-1"), AllocateOptions{Period: qpQ1}, nil},
		{"repeated rep", "100", "USD", qpWeights("a", "1", "b", "1", "a", "2"), AllocateOptions{Period: qpQ1}, nil},
		{"all zero", "100", "USD", qpWeights("a", "0", "b", "0"), AllocateOptions{Period: qpQ1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Allocate(qpD(tc.total), tc.currency, tc.weights, tc.opts)
			if !errors.Is(err, ErrInvalidOptions) || got != nil {
				t.Fatalf("Allocate = %v, %v; want ErrInvalidOptions", got, err)
			}
			if tc.also != nil && !errors.Is(err, tc.also) {
				t.Errorf("Allocate error %v, want it to wrap %v too", err, tc.also)
			}
		})
	}
}

// TestAllocateNamesTheWeight checks that a repeated rep is reported by both
// positions, lowest first, whatever the order.
func TestAllocateNamesTheWeight(t *testing.T) {
	t.Parallel()
	_, err := Allocate(qpD("1"), "USD", qpWeights("b", "1", "a", "1", "b", "1"), AllocateOptions{Period: qpQ1})
	if err == nil || !strings.Contains(err.Error(), `rep "b" appears at weights[0] and weights[2]`) {
		t.Errorf("Allocate error = %v, want it to name weights[0] and weights[2]", err)
	}
}

func TestProrate(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	usd := func(s string) activity.Quota {
		return activity.Quota{Rep: "ann", Metric: "bookings", Amount: activity.Some(qpD(s)), Currency: "USD"}
	}
	over := func(q activity.Quota, p activity.Period) activity.Quota { q.Period = p; return q }
	decs := func(fs ...string) []decimal.Decimal {
		var out []decimal.Decimal
		for _, f := range fs {
			out = append(out, qpD(f))
		}
		return out
	}
	goodFriday := activity.Calendar{Holidays: []time.Time{qpDay(2025, 4, 18)}}
	for _, tc := range []struct {
		name   string
		q      activity.Quota
		rep    activity.Rep
		opts   ProrateOptions
		months []string // each month's part
		total  string
		seat   [2]int // days in seat, days in the period
	}{
		{
			// April 2025 has 30 days; a start on the 16th is in seat on
			// the 16th to the 30th: 15 of 30 days, 10,000 × 15/30.
			name: "16th of a 30-day month, calendar days",
			q:    over(usd("10000"), qpApril), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 4, 16)},
			months: []string{"2025-04 5000.00"}, total: "5000.00", seat: [2]int{15, 30},
		},
		{
			// Working days of April 2025 (1 April is a Tuesday), Monday to
			// Friday less Good Friday (18 April): 4 + 5 + 4 + 5 + 3 = 21;
			// from Wednesday the 16th: 16, 17, then 21–25 and 28–30 = 10.
			// 10,000 × 10/21 = 4,761.904… → 4,761.90.
			name: "16th of a 30-day month, working days",
			q:    over(usd("10000"), qpApril), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 4, 16)},
			opts:   ProrateOptions{Calendar: goodFriday, Days: WorkingDays},
			months: []string{"2025-04 4761.90"}, total: "4761.90", seat: [2]int{10, 21},
		},
		{
			// A hire at 9:00 counts the whole date of the hire.
			name: "hired during the day",
			q:    over(usd("10000"), qpApril), rep: activity.Rep{ID: "ann", HiredAt: time.Date(2025, 4, 16, 9, 0, 0, 0, time.UTC)},
			months: []string{"2025-04 5000.00"}, total: "5000.00", seat: [2]int{15, 30},
		},
		{
			// https://seanmmasters.com/2019/11/03/sales-compensation-ramp-goals-for-new-hires/
			// "someone starting June 1 has 214 days remaining in the year
			// ... $800000 x (214/365)". 800,000 × 214/365 = 469,041.0958…
			// → 469,041.10. Months: 800,000 × 30/365 = 65,753.4246… and
			// × 31/365 = 67,945.2054…; floored to cents they add up to
			// 3 × 65,753.42 + 4 × 67,945.20 = 469,041.06, and the 4 cents
			// left go to the larger remainders, the 31-day months' .5479
			// (over the 30-day months' .4657).
			name: "June start on an annual quota",
			q:    over(usd("800000"), qpMonthsOf(2019, 1, 12)), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2019, 6, 1)},
			months: []string{
				"2019-01 0.00", "2019-02 0.00", "2019-03 0.00", "2019-04 0.00", "2019-05 0.00",
				"2019-06 65753.42", "2019-07 67945.21", "2019-08 67945.21", "2019-09 65753.42",
				"2019-10 67945.21", "2019-11 65753.42", "2019-12 67945.21",
			},
			total: "469041.10", seat: [2]int{214, 365},
		},
		{
			// The same article: "assuming a 30-day month, someone who
			// starts on day 15 gets a goal of 10, since ((15/30) x 20) =
			// 10", counting 15 days. Counting the start date, as its June 1
			// example does, 15 days are a start on the 16th. Its
			// "Starting day 21 ... ((9/30) x 20) = 6" is a start on the 22nd
			// below. Goals are counts, prorated in whole units.
			name: "count goal, 15 of 30 days",
			q:    activity.Quota{Rep: "ann", Period: qpMonthsOf(2019, 6, 1), Count: activity.Some(int64(20))}, rep: activity.Rep{ID: "ann", HiredAt: qpDay(2019, 6, 16)},
			months: []string{"2019-06 10"}, total: "10", seat: [2]int{15, 30},
		},
		{
			name: "count goal, 9 of 30 days",
			q:    activity.Quota{Rep: "ann", Period: qpMonthsOf(2019, 6, 1), Count: activity.Some(int64(20))}, rep: activity.Rep{ID: "ann", HiredAt: qpDay(2019, 6, 22)},
			months: []string{"2019-06 6"}, total: "6", seat: [2]int{9, 30},
		},
		{
			// https://prowi.io/en/glossary/ramp-period, "Graduated Quota
			// Ramp": full quota 50,000 a month; month 1 0% → 0, month 2
			// 25% → 12,500, month 3 50% → 25,000, month 4 75% → 37,500,
			// month 5+ 100% → 50,000. Hired 1 January, equal months (1 : 1
			// : 1) of a 150,000 quarter.
			name: "ramp 0/0.25/0.5/0.75/1, first quarter",
			q:    over(usd("150000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 1, 1), Ramp: decs("0", "0.25", "0.5", "0.75", "1")},
			opts:   ProrateOptions{Ramp: true, SeasonalWeights: decs("1", "1", "1")},
			months: []string{"2025-01 0.00", "2025-02 12500.00", "2025-03 25000.00"}, total: "37500.00", seat: [2]int{90, 90},
		},
		{
			name: "ramp 0/0.25/0.5/0.75/1, second quarter",
			q:    over(usd("150000"), qpMonthsOf(2025, 4, 3)), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 1, 1), Ramp: decs("0", "0.25", "0.5", "0.75", "1")},
			opts:   ProrateOptions{Ramp: true, SeasonalWeights: decs("1", "1", "1")},
			months: []string{"2025-04 37500.00", "2025-05 50000.00", "2025-06 50000.00"}, total: "137500.00", seat: [2]int{91, 91},
		},
		{
			// The ramp is ignored unless asked for.
			name: "ramp schedule without Ramp",
			q:    over(usd("150000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 1, 1), Ramp: decs("0", "0.25")},
			opts:   ProrateOptions{SeasonalWeights: decs("1", "1", "1")},
			months: []string{"2025-01 50000.00", "2025-02 50000.00", "2025-03 50000.00"}, total: "150000.00", seat: [2]int{90, 90},
		},
		{
			// Hired 16 January with ramp 0.5, 0.75: the factor is the
			// tenure month's on the first day in seat. January (from the
			// 16th) and February (1 February is still tenure month 1, to 15
			// February) at 0.5; March at 0.75. 90,000 over 90 days is
			// 1,000 a day: January 16 days × 0.5 = 8,000, February 28 ×
			// 0.5 = 14,000, March 31 × 0.75 = 23,250; 45,250 in all.
			name: "mid-month hire ramping",
			q:    over(usd("90000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 1, 16), Ramp: decs("0.5", "0.75")},
			opts:   ProrateOptions{Ramp: true},
			months: []string{"2025-01 8000.00", "2025-02 14000.00", "2025-03 23250.00"}, total: "45250.00", seat: [2]int{75, 90},
		},
		{
			// Another public worked example (a forum question reprinted in
			// https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1,
			// "Formula to Prorate a Quota"): an annual quota of 100,000,
			// Q1–Q3 20% each and Q4 40%, a start on 1 March: "$6,667 +
			// $20,000 + $20,000 + $40,000 = $86,667". As monthly weights
			// 1 (×9) and 2 (×3), summing to 15: 100,000 × 13/15 =
			// 86,666.666… → 86,666.67. March to September 100,000/15 =
			// 6,666.666… each, October to December 13,333.333… each; floored
			// they add up to 7 × 6,666.66 + 3 × 13,333.33 = 86,666.61, and
			// the 6 cents left go to the larger remainders (.666… cent over
			// .333…), March to August, the earliest of the seven tied months.
			// Per quarter: Q1 6,666.67, Q2 20,000.01, Q3 19,999.99, Q4
			// 39,999.99, the article's rounded figures.
			name: "seasonal weights, start in March",
			q:    over(usd("100000"), qpMonthsOf(2019, 1, 12)), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2019, 3, 1)},
			opts: ProrateOptions{SeasonalWeights: decs("1", "1", "1", "1", "1", "1", "1", "1", "1", "2", "2", "2")},
			months: []string{
				"2019-01 0.00", "2019-02 0.00", "2019-03 6666.67", "2019-04 6666.67", "2019-05 6666.67",
				"2019-06 6666.67", "2019-07 6666.67", "2019-08 6666.67", "2019-09 6666.66",
				"2019-10 13333.33", "2019-11 13333.33", "2019-12 13333.33",
			},
			total: "86666.67", seat: [2]int{306, 365},
		},
		{
			// Weights 1 : 1 : 2 over a quarter of 30,000, hired 15 February
			// (14 of 28 days): February 30,000 × ¼ × 14/28 = 3,750, March
			// 30,000 × ½ = 15,000.
			name: "seasonal weights, start mid-quarter",
			q:    over(usd("30000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 2, 15)},
			opts:   ProrateOptions{SeasonalWeights: decs("1", "1", "2")},
			months: []string{"2025-01 0.00", "2025-02 3750.00", "2025-03 15000.00"}, total: "18750.00", seat: [2]int{45, 90},
		},
		{
			// 100.00 in three equal months: 33.333… each; the cent left
			// goes to the earliest of the tied months.
			name: "largest remainder over months",
			q:    over(usd("100"), qpQ1), rep: activity.Rep{ID: "ann"},
			opts:   ProrateOptions{SeasonalWeights: decs("0.2", "0.2", "0.2")},
			months: []string{"2025-01 33.34", "2025-02 33.33", "2025-03 33.33"}, total: "100.00", seat: [2]int{90, 90},
		},
		{
			// Leaving at midnight starting 15 February: in seat 1–14
			// February. 90,000 over 90 days: January 31,000, February
			// 14,000.
			name: "leaver",
			q:    over(usd("90000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2024, 3, 1), LeftAt: qpDay(2025, 2, 15)},
			months: []string{"2025-01 31000.00", "2025-02 14000.00", "2025-03 0.00"}, total: "45000.00", seat: [2]int{45, 90},
		},
		{
			// Leaving at 17:00 on 14 February: the 14th still counts.
			name: "leaver during the day",
			q:    over(usd("90000"), qpQ1), rep: activity.Rep{ID: "ann", LeftAt: time.Date(2025, 2, 14, 17, 0, 0, 0, time.UTC)},
			months: []string{"2025-01 31000.00", "2025-02 14000.00", "2025-03 0.00"}, total: "45000.00", seat: [2]int{45, 90},
		},
		{
			// Hired 10 March, left 20 March (exclusive): 10 days of 90.
			name: "hired and left within a month",
			q:    over(usd("90000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 3, 10), LeftAt: qpDay(2025, 3, 20)},
			months: []string{"2025-01 0.00", "2025-02 0.00", "2025-03 10000.00"}, total: "10000.00", seat: [2]int{10, 90},
		},
		{
			name: "not in seat",
			q:    over(usd("90000"), qpQ1), rep: activity.Rep{ID: "ann", HiredAt: qpDay(2024, 1, 1), LeftAt: qpDay(2024, 6, 1)},
			months: []string{"2025-01 0.00", "2025-02 0.00", "2025-03 0.00"}, total: "0.00", seat: [2]int{0, 90},
		},
		{
			// March 2025 in New York has 31 dates, one of them 23 hours
			// long (clocks spring forward on the 9th); hired on the 16th,
			// local time: 16 of 31 dates, 3,100 × 16/31 = 1,600.
			name:   "calendar dates across daylight saving",
			q:      over(usd("3100"), activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, ny), End: time.Date(2025, 4, 1, 0, 0, 0, 0, ny)}),
			rep:    activity.Rep{ID: "ann", HiredAt: time.Date(2025, 3, 16, 0, 0, 0, 0, ny)},
			opts:   ProrateOptions{Calendar: activity.Calendar{Location: ny}},
			months: []string{"2025-03 1600.00"}, total: "1600.00", seat: [2]int{16, 31},
		},
		{
			// Mondays only, and every Monday of February 2025 (3, 10, 17,
			// 24) a holiday: February has no working days, so by default it
			// weighs nothing. January has 4 Mondays (6, 13, 20, 27), March
			// 5 (3, 10, 17, 24, 31): 900 × 4/9 = 400, × 5/9 = 500.
			name: "a month without working days",
			q:    over(usd("900"), qpQ1), rep: activity.Rep{ID: "ann"},
			opts: ProrateOptions{Days: WorkingDays, Calendar: activity.Calendar{
				Weekend:  []time.Weekday{time.Sunday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday},
				Holidays: []time.Time{qpDay(2025, 2, 3), qpDay(2025, 2, 10), qpDay(2025, 2, 17), qpDay(2025, 2, 24)},
			}},
			months: []string{"2025-01 400.00", "2025-02 0.00", "2025-03 500.00"}, total: "900.00", seat: [2]int{9, 9},
		},
		{
			// A team quota prorated for the seat the rep stands for:
			// 21–30 April, 10 of 30 days of 10,000 yen = 3,333.33 → 3,333.
			name: "team quota",
			q:    activity.Quota{Team: "east", Period: qpApril, Amount: activity.Some(qpD("10000")), Currency: "JPY"}, rep: activity.Rep{ID: "ann", HiredAt: qpDay(2025, 4, 21)},
			months: []string{"2025-04 3333"}, total: "3333", seat: [2]int{10, 30},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := Prorate(tc.q, tc.rep, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range p.Months {
				got = append(got, m.Quota.Period.Name+" "+qpText(m.Quota))
			}
			if diff := cmp.Diff(tc.months, got); diff != "" {
				t.Errorf("Prorate months (-want +got):\n%s", diff)
			}
			if total := qpText(p.Quota); total != tc.total {
				t.Errorf("Prorate total = %s, want %s", total, tc.total)
			}
			if got := [2]int{p.SeatDays, p.PeriodDays}; got != tc.seat {
				t.Errorf("Prorate days in seat, days = %v, want %v", got, tc.seat)
			}
			var sum int64
			for i, m := range p.Months {
				if err := m.Quota.Validate(); err != nil {
					t.Errorf("month %d: %v", i, err)
				}
				if v, ok := m.Quota.Amount.Get(); ok {
					sum += v.Shift(tc.q.Currency.MinorUnits()).IntPart()
				} else {
					sum += m.Quota.Count.Value
				}
			}
			var want int64
			if v, ok := p.Quota.Amount.Get(); ok {
				want = v.Shift(tc.q.Currency.MinorUnits()).IntPart()
			} else {
				want = p.Quota.Count.Value
			}
			if sum != want {
				t.Errorf("months add up to %d units, the prorated quota is %d", sum, want)
			}
			if diff := cmp.Diff(tc.q, p.Full); diff != "" {
				t.Errorf("Full (-want +got):\n%s", diff)
			}
			if p.Quota.Period != tc.q.Period || p.Quota.Rep != tc.q.Rep || p.Quota.Team != tc.q.Team || p.Quota.Metric != tc.q.Metric {
				t.Errorf("Prorate quota %+v does not keep %+v's owner and period", p.Quota, tc.q)
			}
		})
	}
}

// TestProrateExplains checks every field of one proration against the hand
// arithmetic of the "mid-month hire ramping" case above.
func TestProrateExplains(t *testing.T) {
	t.Parallel()
	rep := activity.Rep{ID: "ann", HiredAt: qpDay(2025, 1, 16), Ramp: []decimal.Decimal{qpD("0.5"), qpD("0.75")}}
	q := activity.Quota{Rep: "ann", Period: qpQ1, Amount: activity.Some(qpD("90000")), Currency: "USD"}
	got, err := Prorate(q, rep, ProrateOptions{Ramp: true})
	if err != nil {
		t.Fatal(err)
	}
	month := func(m time.Month, amount string) activity.Quota {
		return activity.Quota{Rep: "ann", Period: activity.Period{Start: qpDay(2025, m, 1), End: qpDay(2025, m+1, 1), Name: "2025-" + []string{"", "01", "02", "03"}[m]},
			Amount: activity.Some(qpD(amount)), Currency: "USD"}
	}
	total := q
	total.Amount = activity.Some(qpD("45250"))
	want := Proration{
		Quota: total, Full: q, Ramp: true, SeasonalTotal: qpD("90"), SeatDays: 75, PeriodDays: 90,
		Months: []ProratedMonth{
			// 31/90 = 0.3444444444…, 28/90 = 0.3111111111…
			{Quota: month(1, "8000"), Weight: qpD("31"), Share: qpD("0.3444444444"), Seat: activity.Period{Start: qpDay(2025, 1, 16), End: qpDay(2025, 2, 1)},
				SeatDays: 16, Days: 31, TenureMonth: 1, Ramp: qpD("0.5"), Exact: qpD("8000")},
			{Quota: month(2, "14000"), Weight: qpD("28"), Share: qpD("0.3111111111"), Seat: activity.Period{Start: qpDay(2025, 2, 1), End: qpDay(2025, 3, 1)},
				SeatDays: 28, Days: 28, TenureMonth: 1, Ramp: qpD("0.5"), Exact: qpD("14000")},
			{Quota: month(3, "23250"), Weight: qpD("31"), Share: qpD("0.3444444444"), Seat: activity.Period{Start: qpDay(2025, 3, 1), End: qpDay(2025, 4, 1)},
				SeatDays: 31, Days: 31, TenureMonth: 2, Ramp: qpD("0.75"), Exact: qpD("23250")},
		},
	}
	eq := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
	if diff := cmp.Diff(want, got, eq); diff != "" {
		t.Errorf("Prorate (-want +got):\n%s", diff)
	}
	if qs := got.Quotas(); len(qs) != 3 || !qs[2].Amount.Value.Equal(qpD("23250")) {
		t.Errorf("Quotas() = %v", qs)
	}
	wantString := "ann 2025 Q1: 45250.00 USD of 90000 USD (75 of 90 calendar days in seat)\n" +
		"  2025-01: 16/31 days, share 0.3444444444, ramp 0.5: 8000.00 USD\n" +
		"  2025-02: 28/28 days, share 0.3111111111, ramp 0.5: 14000.00 USD\n" +
		"  2025-03: 31/31 days, share 0.3444444444, ramp 0.75: 23250.00 USD"
	if s := got.String(); s != wantString {
		t.Errorf("String() =\n%s\nwant\n%s", s, wantString)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"days":"calendar days"`, `"seasonal_total":"90"`, `"ramp":"0.75"`, `"tenure_month":2`, `"amount":"23250.00"`} {
		if !strings.Contains(string(b), part) {
			t.Errorf("JSON %s lacks %s", b, part)
		}
	}
}

func TestProrateErrors(t *testing.T) {
	t.Parallel()
	q := activity.Quota{Rep: "ann", Period: qpQ1, Amount: activity.Some(qpD("30000")), Currency: "USD"}
	with := func(f func(*activity.Quota)) activity.Quota { c := q; f(&c); return c }
	ann := activity.Rep{ID: "ann", HiredAt: qpDay(2025, 2, 15)}
	three := []decimal.Decimal{qpD("1"), qpD("1"), qpD("1")}
	mondaysOnly := activity.Calendar{
		Weekend:  []time.Weekday{time.Sunday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday},
		Holidays: []time.Time{qpDay(2025, 2, 3), qpDay(2025, 2, 10), qpDay(2025, 2, 17), qpDay(2025, 2, 24)},
	}
	for _, tc := range []struct {
		name string
		q    activity.Quota
		rep  activity.Rep
		opts ProrateOptions
		also error
	}{
		{"no amount or count", with(func(q *activity.Quota) { q.Amount = activity.Optional[decimal.Decimal]{} }), ann, ProrateOptions{}, activity.ErrInvalidQuota},
		{"negative amount", with(func(q *activity.Quota) { q.Amount = activity.Some(qpD("-1")) }), ann, ProrateOptions{}, activity.ErrNegativeAmount},
		{"invalid currency", with(func(q *activity.Quota) { q.Currency = "usd" }), ann, ProrateOptions{}, activity.ErrInvalidCurrency},
		{"invalid period", with(func(q *activity.Quota) { q.Period = activity.Period{} }), ann, ProrateOptions{}, activity.ErrInvalidPeriod},
		{"no owner", with(func(q *activity.Quota) { q.Rep = "" }), ann, ProrateOptions{}, activity.ErrInvalidQuota},
		{"invalid rep", q, activity.Rep{ID: "ann", Ramp: []decimal.Decimal{qpD("1.5")}}, ProrateOptions{}, activity.ErrRampRange},
		{"another rep", q, activity.Rep{ID: "bob"}, ProrateOptions{}, nil},
		{"invalid calendar", q, ann, ProrateOptions{Calendar: activity.Calendar{FiscalYearStart: 13}}, activity.ErrInvalidCalendar},
		{"unknown day count", q, ann, ProrateOptions{Days: 2}, nil},
		{"negative seasonal weight", q, ann, ProrateOptions{SeasonalWeights: []decimal.Decimal{qpD("1"), qpD("-1"), qpD("1")}}, nil},
		{"too few seasonal weights", q, ann, ProrateOptions{SeasonalWeights: three[:2]}, nil},
		{"empty seasonal weights", q, ann, ProrateOptions{SeasonalWeights: []decimal.Decimal{}}, nil},
		{"zero seasonal weights", q, ann, ProrateOptions{SeasonalWeights: []decimal.Decimal{decimal.Zero, decimal.Zero, decimal.Zero}}, nil},
		{"weight on a month without working days", q, ann, ProrateOptions{Days: WorkingDays, Calendar: mondaysOnly, SeasonalWeights: three}, nil},
		{"a period without working days", with(func(q *activity.Quota) { q.Period = qpMonthsOf(2025, 2, 1) }), ann, ProrateOptions{Days: WorkingDays, Calendar: mondaysOnly}, nil},
		{"not whole months", with(func(q *activity.Quota) { q.Period = activity.Period{Start: qpDay(2025, 1, 15), End: qpDay(2025, 4, 1)} }), ann, ProrateOptions{}, nil},
		{"ends mid-month", with(func(q *activity.Quota) { q.Period = activity.Period{Start: qpDay(2025, 1, 1), End: qpDay(2025, 3, 31)} }), ann, ProrateOptions{}, nil},
		{"over a century", with(func(q *activity.Quota) { q.Period = activity.Period{Start: qpDay(1900, 1, 1), End: qpDay(2001, 1, 1)} }), ann, ProrateOptions{}, nil},
		{"ramp without a hire date", q, activity.Rep{ID: "ann", Ramp: []decimal.Decimal{qpD("0.5")}}, ProrateOptions{Ramp: true}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Prorate(tc.q, tc.rep, tc.opts)
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("Prorate error = %v, want ErrInvalidOptions", err)
			}
			if tc.also != nil && !errors.Is(err, tc.also) {
				t.Errorf("Prorate error %v, want it to wrap %v too", err, tc.also)
			}
		})
	}
}

func TestProrationDaysString(t *testing.T) {
	t.Parallel()
	for c, want := range map[ProrationDays]string{CalendarDays: "calendar days", WorkingDays: "working days", 9: "ProrationDays(9)"} {
		if got := c.String(); got != want {
			t.Errorf("ProrationDays(%d).String() = %q, want %q", c, got, want)
		}
	}
}

// TestProrateIncrement: an annual quota of 1,000,000 for a rep hired on 1
// March 2025, rounded to whole thousands. In seat 306 of 365 days: exactly
// 838,356.16…, so 838,000. The months in seat are 1,000,000 × days / 365:
// 84,931.51… for a 31-day month and 82,191.78… for a 30-day one; in
// thousands 84 and 82 (832 in all), and the 6 left go to the largest
// remainders, the six 31-day months: 85,000 each, 82,000 for the four
// 30-day months, 838,000 in all. An increment finer than the cent, or a
// negative one, is an error; so is half a deal for a count quota.
func TestProrateIncrement(t *testing.T) {
	t.Parallel()
	year := activity.Period{Start: utc(2025, 1, 1), End: utc(2026, 1, 1), Name: "2025"}
	q := activity.Quota{Rep: "ann", Period: year, Amount: some("1000000"), Currency: "USD"}
	rep := activity.Rep{ID: "ann", HiredAt: utc(2025, 3, 1)}
	pr, err := Prorate(q, rep, ProrateOptions{Increment: d("1000")})
	if err != nil {
		t.Fatal(err)
	}
	if !pr.Quota.Amount.Value.Equal(d("838000")) {
		t.Errorf("prorated %s, want 838000", pr.Quota.Amount.Value)
	}
	sum := decimal.Zero
	for _, m := range pr.Months {
		v := m.Quota.Amount.Value
		sum = sum.Add(v)
		days := m.Quota.Period.End.Sub(m.Quota.Period.Start).Hours() / 24
		want := "0"
		switch {
		case m.Quota.Period.Start.Before(rep.HiredAt):
		case days == 31:
			want = "85000"
		default:
			want = "82000"
		}
		if !v.Equal(d(want)) {
			t.Errorf("%s: %s, want %s", m.Quota.Period.Name, v, want)
		}
	}
	if !sum.Equal(d("838000")) {
		t.Errorf("months add up to %s", sum)
	}
	for _, inc := range []string{"0.001", "-1000"} {
		if _, err := Prorate(q, rep, ProrateOptions{Increment: d(inc)}); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("increment %s: %v", inc, err)
		}
	}
	count := activity.Quota{Rep: "ann", Period: year, Count: activity.Some(int64(100))}
	if _, err := Prorate(count, rep, ProrateOptions{Increment: d("0.5")}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("half a deal: %v", err)
	}
	pc, err := Prorate(count, rep, ProrateOptions{Increment: d("5")})
	// 100 × 306 / 365 = 83.8…: 85 in fives.
	if err != nil || pc.Quota.Count.Value != 85 {
		t.Errorf("count in fives: %v, %v", pc.Quota, err)
	}
}

// TestProrateQuarters: the annual 1,000,000 of a rep hired on 1 March 2025
// cut into quarters, in seat 306 of 365 days: Q1 31 days (84,931.506…),
// Q2 91 (249,315.068…), Q3 and Q4 92 (252,054.794…). The year rounds once
// to 838,356.16; the quarters floor to 84,931.50, 249,315.06, 252,054.79
// and 252,054.79 (838,356.14), and the 2 cents left go to the largest
// remainders, Q2 (.85) and Q1 (.68): 84,931.51, 249,315.07, 252,054.79,
// 252,054.79, adding up to the year. A ramp with quarters, and an unknown
// granularity, are errors.
func TestProrateQuarters(t *testing.T) {
	t.Parallel()
	year := activity.Period{Start: utc(2025, 1, 1), End: utc(2026, 1, 1), Name: "2025"}
	q := activity.Quota{Rep: "ann", Period: year, Amount: some("1000000"), Currency: "USD"}
	rep := activity.Rep{ID: "ann", HiredAt: utc(2025, 3, 1)}
	pr, err := Prorate(q, rep, ProrateOptions{Parts: activity.Quarterly})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range pr.Months {
		got = append(got, m.Quota.Amount.Value.StringFixed(2))
	}
	if diff := cmp.Diff([]string{"84931.51", "249315.07", "252054.79", "252054.79"}, got); diff != "" || !pr.Quota.Amount.Value.Equal(d("838356.16")) {
		t.Errorf("quarters (-want +got):\n%s\ntotal %s", diff, pr.Quota.Amount.Value)
	}
	for _, o := range []ProrateOptions{{Parts: activity.Quarterly, Ramp: true}, {Parts: activity.Granularity(99)}} {
		if _, err := Prorate(q, rep, o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v: %v", o, err)
		}
	}
}

// TestProrateFixed365: an annual 120,000 USD for 2024, a leap year, for a
// rep hired on 1 July (184 days in seat). Actual: 120,000 × 184 / 366 =
// 60,327.868… → 60,327.87. Fixed365: 120,000 × 184 / 365 = 60,493.150… →
// 60,493.15; the months 120,000 × 31 / 365 = 10,191.780… and × 30 / 365 =
// 9,863.013…, floors adding to 60,493.14, the last cent to September's
// larger remainder (.369… against .082…). In seat all 366 days, Fixed365
// gives the quota itself, split by days over 366: floors add to
// 119,999.94, and the six cents go to February (.672…), the four 30-day
// months (.557…) and January, the earliest 31-day month (.442…).
func TestProrateFixed365(t *testing.T) {
	t.Parallel()
	year := activity.Period{Start: utc(2024, 1, 1), End: utc(2025, 1, 1), Name: "2024"}
	q := activity.Quota{Rep: "ann", Period: year, Amount: some("120000"), Currency: "USD"}
	half := activity.Rep{ID: "ann", HiredAt: utc(2024, 7, 1)}
	act, err := Prorate(q, half, ProrateOptions{})
	if err != nil || !act.Quota.Amount.Value.Equal(d("60327.87")) {
		t.Fatalf("actual: %v, %v", act.Quota, err)
	}
	pr, err := Prorate(q, half, ProrateOptions{DayCount: Fixed365})
	if err != nil {
		t.Fatal(err)
	}
	if !pr.Quota.Amount.Value.Equal(d("60493.15")) || pr.DayCount != Fixed365 || pr.SeatDays != 184 {
		t.Errorf("365: %v, day count %v, %d days", pr.Quota, pr.DayCount, pr.SeatDays)
	}
	want := []string{"0", "0", "0", "0", "0", "0", "10191.78", "10191.78", "9863.02", "10191.78", "9863.01", "10191.78"}
	for i, m := range pr.Months {
		if !m.Quota.Amount.Value.Equal(d(want[i])) {
			t.Errorf("%s: %s, want %s", m.Quota.Period.Name, m.Quota.Amount.Value, want[i])
		}
	}
	whole, err := Prorate(q, activity.Rep{ID: "ann"}, ProrateOptions{DayCount: Fixed365})
	if err != nil || !whole.Quota.Amount.Value.Equal(d("120000")) {
		t.Fatalf("all year: %v, %v", whole.Quota, err)
	}
	want = []string{"10163.94", "9508.20", "10163.93", "9836.07", "10163.93", "9836.07", "10163.93", "10163.93", "9836.07", "10163.93", "9836.07", "10163.93"}
	for i, m := range whole.Months {
		if !m.Quota.Amount.Value.Equal(d(want[i])) {
			t.Errorf("all year %s: %s, want %s", m.Quota.Period.Name, m.Quota.Amount.Value, want[i])
		}
	}
	// 2025 has 365 days: the conventions agree.
	y25 := activity.Quota{Rep: "ann", Period: activity.Period{Start: utc(2025, 1, 1), End: utc(2026, 1, 1), Name: "2025"}, Amount: some("120000"), Currency: "USD"}
	a, errA := Prorate(y25, activity.Rep{ID: "ann", HiredAt: utc(2025, 7, 1)}, ProrateOptions{})
	f, errF := Prorate(y25, activity.Rep{ID: "ann", HiredAt: utc(2025, 7, 1)}, ProrateOptions{DayCount: Fixed365})
	if errA != nil || errF != nil || !a.Quota.Amount.Value.Equal(f.Quota.Amount.Value) {
		t.Errorf("2025: actual %v, 365 %v (%v, %v)", a.Quota, f.Quota, errA, errF)
	}
}

func TestProrateFixed365Errors(t *testing.T) {
	t.Parallel()
	q1 := activity.Quota{Rep: "ann", Period: activity.Period{Start: utc(2024, 1, 1), End: utc(2024, 4, 1), Name: "Q1"}, Amount: some("30000"), Currency: "USD"}
	year := q1
	year.Period = activity.Period{Start: utc(2024, 1, 1), End: utc(2025, 1, 1), Name: "2024"}
	rep := activity.Rep{ID: "ann"}
	for name, c := range map[string]struct {
		q    activity.Quota
		opts ProrateOptions
	}{
		"a quarter":        {q1, ProrateOptions{DayCount: Fixed365}},
		"working days":     {year, ProrateOptions{DayCount: Fixed365, Days: WorkingDays}},
		"seasonal weights": {year, ProrateOptions{DayCount: Fixed365, SeasonalWeights: slices.Repeat([]decimal.Decimal{d("1")}, 12)}},
		"unknown":          {year, ProrateOptions{DayCount: 2}},
	} {
		if _, err := Prorate(c.q, rep, c.opts); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDayCountText(t *testing.T) {
	t.Parallel()
	for _, c := range []DayCount{Actual, Fixed365} {
		text, err := c.MarshalText()
		var back DayCount
		if err != nil || back.UnmarshalText(text) != nil || back != c {
			t.Errorf("%v: %q, %v, back %v", c, text, err, back)
		}
	}
	if s := DayCount(9).String(); s != "DayCount(9)" {
		t.Errorf("out of range: %q", s)
	}
	var c DayCount
	if err := c.UnmarshalText([]byte("360")); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("360: %v", err)
	}
}
