package customers

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func money(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// customerBook is a small company worked by hand in the tests below. MRR of
// each account (amount ÷ billing months):
//
//	A  100 a month from 2024-11-01; 150 from 2025-02-10
//	B  1200 a year (100) 2024-12-15 .. 2025-02-01
//	C  300 a quarter (100) from 2025-01-20
//	D  50 a month 2024-06-01 .. 2024-10-01, back at 80 from 2025-01-05
//	E  200 a month from 2024-12-01; 120 from 2025-01-15
//	F  40 a month 2025-01-10 .. 2025-01-25 (joins and leaves in January)
//	G  30 a month from 2024-10-01 (product p1) and 600 a year (50) from
//	   2025-01-01 (product p2)
//	H  100 a quarter (33.33…) 2024-12-01 .. 2025-01-31
func customerBook() []Subscription {
	return []Subscription{
		{ID: "a", Account: "A", Start: utcDay(2024, 11, 1), Amount: money("100"), Currency: "USD",
			Changes: []AmountChange{{At: utcDay(2025, 2, 10), Amount: money("150")}}},
		{ID: "b", Account: "B", Start: utcDay(2024, 12, 15), End: utcDay(2025, 2, 1), Amount: money("1200"), Currency: "USD", BillingMonths: 12},
		{ID: "c", Account: "C", Start: utcDay(2025, 1, 20), Amount: money("300"), Currency: "USD", BillingMonths: 3},
		{ID: "d1", Account: "D", Start: utcDay(2024, 6, 1), End: utcDay(2024, 10, 1), Amount: money("50"), Currency: "USD"},
		{ID: "d2", Account: "D", Start: utcDay(2025, 1, 5), Amount: money("80"), Currency: "USD"},
		{ID: "e", Account: "E", Start: utcDay(2024, 12, 1), Amount: money("200"), Currency: "USD",
			Changes: []AmountChange{{At: utcDay(2025, 1, 15), Amount: money("120")}}},
		{ID: "f", Account: "F", Start: utcDay(2025, 1, 10), End: utcDay(2025, 1, 25), Amount: money("40"), Currency: "USD"},
		{ID: "g1", Account: "G", Product: "p1", Start: utcDay(2024, 10, 1), Amount: money("30"), Currency: "USD"},
		{ID: "g2", Account: "G", Product: "p2", Start: utcDay(2025, 1, 1), Amount: money("600"), Currency: "USD", BillingMonths: 12},
		{ID: "h", Account: "H", Start: utcDay(2024, 12, 1), End: utcDay(2025, 1, 31), Amount: money("100"), Currency: "USD", BillingMonths: 3},
	}
}

func mustBook(t testing.TB) *Subscriptions {
	t.Helper()
	ss, err := NewSubscriptions(customerBook(), SubscriptionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

var (
	jan25    = activity.Period{Start: utcDay(2025, 1, 1), End: utcDay(2025, 2, 1), Name: "2025-01"}
	feb25    = activity.Period{Start: utcDay(2025, 2, 1), End: utcDay(2025, 3, 1), Name: "2025-02"}
	janFeb25 = activity.Period{Start: utcDay(2025, 1, 1), End: utcDay(2025, 3, 1), Name: "2025-01..02"}
)

func decEq(a, b decimal.Decimal) bool { return a.Equal(b) }

var cmpDec = cmp.Comparer(decEq)

func TestMRR(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	for _, tc := range []struct {
		account string
		at      time.Time
		want    string
	}{
		{"A", utcDay(2025, 2, 10), "100"},                  // the change at the moment itself is not yet counted
		{"A", utcDay(2025, 2, 10).Add(time.Second), "150"}, // …and is a second later
		{"B", utcDay(2025, 2, 1), "100"},                   // 1200 / 12; ends at 2025-02-01, in force just before it
		{"B", utcDay(2025, 2, 2), "0"},
		{"H", utcDay(2025, 1, 1), "33.333333333333"}, // 100 / 3 to 12 places
		{"G", utcDay(2025, 1, 2), "80"},              // 30 + 600/12
		{"D", utcDay(2024, 12, 1), "0"},
		{"nobody", utcDay(2025, 1, 2), "0"},
	} {
		if got := ss.MRR(tc.account, tc.at); !got.Equal(money(tc.want)) {
			t.Errorf("MRR(%s, %v) = %s, want %s", tc.account, tc.at, got, tc.want)
		}
	}
	if ss.Len() != 10 || ss.Accounts() != 8 || ss.Currency() != "USD" {
		t.Errorf("Len, Accounts, Currency = %d, %d, %s; want 10, 8, USD", ss.Len(), ss.Accounts(), ss.Currency())
	}
}

func TestMovements(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	// January: opening A 100 + B 100 + E 200 + G 30 + H 100/3 = 1390/3;
	// new C 100; reactivation D 80 (a customer in 2024); expansion G +50
	// (p2 starts on the 1st, after the opening); contraction E −80; churn H
	// 100/3 (ends on the 31st); F joins and leaves (transient). Closing A
	// 100 + B 100 + C 100 + D 80 + E 120 + G 80 = 580 = 1390/3 + 100 + 80 +
	// 50 − 80 − 100/3. Falls to zero: F on the 25th, H on the 31st.
	// Customer-days: A 31, B 31, C 12, D 27, E 31, F 15, G 31, H 30 = 208.
	wantJan := MRRMovements{
		Period: jan25, Currency: "USD",
		Opening: money("463.333333333333"), New: money("100"), Reactivation: money("80"), Expansion: money("50"),
		Contraction: money("80"), Churn: money("33.333333333333"), Closing: money("580"),
		OpeningCustomers: 5, NewCustomers: 1, ReactivatedCustomers: 1, ExpandedCustomers: 1, ContractedCustomers: 1,
		ChurnedCustomers: 1, ClosingCustomers: 6, Transient: 1, ChurnEvents: 2, CustomerDays: 208,
	}
	// February: A +50 from the 10th; B churns (ends on the 1st) with 100.
	// Customer-days: A, C, D, E, G 28 each = 140 (B left at the opening).
	wantFeb := MRRMovements{
		Period: feb25, Currency: "USD",
		Opening: money("580"), Expansion: money("50"), Churn: money("100"), Closing: money("530"),
		OpeningCustomers: 6, ExpandedCustomers: 1, ChurnedCustomers: 1, ClosingCustomers: 5, ChurnEvents: 1, CustomerDays: 140,
	}
	got, err := Movements(ss, jan25)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantJan, got, cmpDec); d != "" {
		t.Errorf("Movements(January) (-want +got):\n%s", d)
	}
	series, err := MovementsBy(ss, janFeb25, activity.ByPeriod(activity.Calendar{}, 0))
	if err != nil {
		t.Fatal(err)
	}
	wantJan.Period.Name, wantFeb.Period.Name = "2025-01", "2025-02"
	if d := cmp.Diff([]MRRMovements{wantJan, wantFeb}, series, cmpDec); d != "" {
		t.Errorf("MovementsBy (-want +got):\n%s", d)
	}
}

func TestCustomerChurnRate(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	for _, tc := range []struct {
		base ChurnBase
		want float64
	}{
		{StartOnly, 1.0 / 5},                // H of A, B, E, G, H
		{StartPlusNew, 2.0 / 8},             // (H + F) / (5 + C + D + F)
		{AverageBase, 1 / ((5.0 + 6) / 2)},  // H / mean(5, 6)
		{DailyCompounding, 0.2588255366372}, // 1 − (1 − 2/208)^31: Python fractions, testdata/customers_ref.py
	} {
		got, err := CustomerChurnRate(ss, jan25, ChurnOptions{Base: tc.base})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got.Rate-tc.want) > 1e-12 || math.Abs(got.Retention-(1-tc.want)) > 1e-12 {
			t.Errorf("CustomerChurnRate(%v) = %v, want %v", tc.base, got.Rate, tc.want)
		}
	}
}

func TestRevenueChurnRate(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	// Gross (100/3 + 80) / (1390/3) = 340/1390; net (340/3 − 50)·3/1390 =
	// 190/1390; with reactivation (190 − 240)/1390 = −50/1390.
	got, err := RevenueChurnRate(ss, jan25, RevenueChurnOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Gross-340.0/1390) > 1e-15 || math.Abs(got.Net-190.0/1390) > 1e-15 {
		t.Errorf("RevenueChurnRate = %v gross, %v net; want %v, %v", got.Gross, got.Net, 340.0/1390, 190.0/1390)
	}
	if want := money("0.24460431654676258993"); !got.GrossExact.Equal(want) {
		t.Errorf("GrossExact = %s, want %s", got.GrossExact, want)
	}
	got, err = RevenueChurnRate(ss, jan25, RevenueChurnOptions{Reactivation: true})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Net+50.0/1390) > 1e-15 {
		t.Errorf("RevenueChurnRate(reactivation) net = %v, want %v", got.Net, -50.0/1390)
	}
}

func TestRetention(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	for _, tc := range []struct {
		name     string
		p        activity.Period
		opts     RetentionOptions
		nrr, grr float64
	}{
		// Cohort A, B, E, G, H (1390/3). End of January: A 100, B 100, E
		// 120, G 80, H 0 = 400 → 1200/1390; kept min: 100+100+120+30+0 =
		// 350 → 1050/1390.
		{"january", jan25, RetentionOptions{}, 1200.0 / 1390, 1050.0 / 1390},
		// End of February: A 150, B 0, E 120, G 80 = 350 → 1050/1390;
		// kept 100 + 0 + 120 + 30 = 250 → 750/1390.
		{"two months point to point", janFeb25, RetentionOptions{}, 1050.0 / 1390, 750.0 / 1390},
		// February over its own cohort (A, B, C, D, E, G: 580): 530/580 and
		// kept 100+0+100+80+120+80 = 480/580; times January's.
		{"two months compounded", janFeb25, RetentionOptions{Compounding: CompoundMonthly}, 1200.0 / 1390 * 530 / 580, 1050.0 / 1390 * 480 / 580},
	} {
		got, err := Retention(ss, tc.p, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got.NRR-tc.nrr) > 1e-15 || math.Abs(got.GRR-tc.grr) > 1e-15 {
			t.Errorf("%s: Retention = NRR %v GRR %v, want %v, %v", tc.name, got.NRR, got.GRR, tc.nrr, tc.grr)
		}
	}
}

func TestCohorts(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	p := activity.Period{Start: utcDay(2024, 10, 1), End: utcDay(2025, 3, 1)}
	rows, err := Cohorts(ss, p, activity.ByPeriod(activity.Calendar{}, 0))
	if err != nil {
		t.Fatal(err)
	}
	d := func(s ...string) []decimal.Decimal {
		var out []decimal.Decimal
		for _, x := range s {
			out = append(out, money(x))
		}
		return out
	}
	period := func(y int, m time.Month, name string) activity.Period {
		return activity.Period{Start: utcDay(y, m, 1), End: utcDay(y, m, 1).AddDate(0, 1, 0), Name: name}
	}
	// D's first revenue (June 2024) is before the table: in no row.
	want := []CohortRow{
		// G joins in October at 30; 80 from January.
		{Cohort: period(2024, 10, "2024-10"), Customers: 1, Starting: money("30"), Active: []int64{1, 1, 1, 1, 1},
			MRR: d("30", "30", "30", "80", "80"), Logo: []float64{1, 1, 1, 1, 1}, Revenue: []float64{1, 1, 1, 80.0 / 30, 80.0 / 30}},
		// A joins in November at 100; 150 from February.
		{Cohort: period(2024, 11, "2024-11"), Customers: 1, Starting: money("100"), Active: []int64{1, 1, 1, 1},
			MRR: d("100", "100", "100", "150"), Logo: []float64{1, 1, 1, 1}, Revenue: []float64{1, 1, 1, 1.5}},
		// B 100, E 200, H 100/3 join in December (1000/3); January: B 100 +
		// E 120 = 220; February: E 120.
		{Cohort: period(2024, 12, "2024-12"), Customers: 3, Starting: money("333.333333333333"), Active: []int64{3, 2, 1},
			MRR: d("333.333333333333", "220", "120"), Logo: []float64{1, 2.0 / 3, 1.0 / 3}, Revenue: []float64{1, 0.66, 0.36}},
		// C 100 and F 40 join in January (140); F leaves within it.
		{Cohort: period(2025, 1, "2025-01"), Customers: 2, Starting: money("140"), Active: []int64{1, 1},
			MRR: d("100", "100"), Logo: []float64{0.5, 0.5}, Revenue: []float64{100.0 / 140, 100.0 / 140}},
		{Cohort: period(2025, 2, "2025-02"), Active: []int64{0}, MRR: d("0"), Undefined: "no new customers"},
	}
	if diff := cmp.Diff(want, rows, cmpDec, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-15 })); diff != "" {
		t.Errorf("Cohorts (-want +got):\n%s", diff)
	}
}

func TestARPA(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	// Close of January: 580 over 6 accounts (G's two subscriptions count
	// once) = 96.666…; averaged: (1390/3 + 580) / (5 + 6) = 3130/33.
	got, err := ARPA(ss, jan25, ARPAOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := money("96.666666666667"); !got.ARPA.Equal(want) || got.Customers != 6 {
		t.Errorf("ARPA = %s over %v, want %s over 6", got.ARPA, got.Customers, want)
	}
	got, err = ARPA(ss, jan25, ARPAOptions{Average: true})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Float-3130.0/33) > 1e-12 || got.Customers != 5.5 {
		t.Errorf("ARPA(average) = %v over %v, want %v over 5.5", got.Float, got.Customers, 3130.0/33)
	}
}

func TestCAC(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	sp, err := NewSpending([]Spend{
		{Date: utcDay(2025, 1, 31), Amount: money("5000"), Currency: "USD", Category: "sales"},
		{Date: utcDay(2025, 1, 15), Amount: money("3000"), Currency: "USD", Category: "marketing"},
		{Date: utcDay(2025, 2, 3), Amount: money("1000"), Currency: "USD", Category: "marketing"},
	}, SpendingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts CACOptions
		want string
	}{
		{"all spend", CACOptions{}, "4000"},                                              // 8000 / (C, F)
		{"marketing", CACOptions{Categories: []string{"marketing"}}, "1500"},             // 3000 / 2
		{"with reactivated", CACOptions{Reactivated: true}, "2666.66666666666666666667"}, // 8000 / (C, F, D)
	} {
		got, err := CAC(sp, ss, jan25, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if !got.CAC.Equal(money(tc.want)) {
			t.Errorf("%s: CAC = %s, want %s", tc.name, got.CAC, tc.want)
		}
	}
}

func TestSubscriptionErrors(t *testing.T) {
	t.Parallel()
	base := Subscription{ID: "s", Account: "A", Start: utcDay(2025, 1, 1), Amount: money("10"), Currency: "USD"}
	with := func(f func(*Subscription)) []Subscription { s := base; f(&s); return []Subscription{s} }
	for _, tc := range []struct {
		name  string
		subs  []Subscription
		want  error
		field string
	}{
		{"no id", with(func(s *Subscription) { s.ID = "" }), ErrInvalidSubscription, "id"},
		{"no account", with(func(s *Subscription) { s.Account = "" }), ErrInvalidSubscription, "account"},
		{"no start", with(func(s *Subscription) { s.Start = time.Time{} }), ErrInvalidSubscription, "start"},
		{"end before start", with(func(s *Subscription) { s.End = utcDay(2024, 12, 1) }), ErrInvalidSubscription, "end"},
		{"end at start", with(func(s *Subscription) { s.End = s.Start }), ErrInvalidSubscription, "end"},
		{"negative amount", with(func(s *Subscription) { s.Amount = money("-1") }), ErrInvalidSubscription, "amount"},
		{"too many places", with(func(s *Subscription) { s.Amount = money("0.0000000000001") }), ErrInvalidSubscription, "amount"},
		{"bad currency", with(func(s *Subscription) { s.Currency = "usd" }), activity.ErrInvalidCurrency, "currency"},
		{"bad interval", with(func(s *Subscription) { s.BillingMonths = 121 }), ErrInvalidSubscription, "billing_months"},
		{"negative interval", with(func(s *Subscription) { s.BillingMonths = -1 }), ErrInvalidSubscription, "billing_months"},
		{"change at start", with(func(s *Subscription) { s.Changes = []AmountChange{{At: s.Start, Amount: money("5")}} }), ErrInvalidSubscription, "changes[0].at"},
		{"change after end", with(func(s *Subscription) {
			s.End = utcDay(2025, 2, 1)
			s.Changes = []AmountChange{{At: utcDay(2025, 3, 1), Amount: money("5")}}
		}), ErrInvalidSubscription, "changes[0].at"},
		{"changes out of order", with(func(s *Subscription) {
			s.Changes = []AmountChange{{At: utcDay(2025, 3, 1), Amount: money("5")}, {At: utcDay(2025, 2, 1), Amount: money("6")}}
		}), ErrInvalidSubscription, "changes[1].at"},
		{"negative change", with(func(s *Subscription) { s.Changes = []AmountChange{{At: utcDay(2025, 3, 1), Amount: money("-5")}} }), ErrInvalidSubscription, "changes[0].amount"},
		{"year 1800", with(func(s *Subscription) { s.Start = utcDay(1800, 1, 1) }), ErrInvalidSubscription, "start"},
		{"duplicate id", append(with(func(*Subscription) {}), Subscription{ID: "s", Account: "B", Start: utcDay(2025, 1, 1), Amount: money("1"), Currency: "USD"}), ErrInvalidSubscription, "id"},
		{"mixed currencies", append(with(func(*Subscription) {}), Subscription{ID: "t", Account: "B", Start: utcDay(2025, 1, 1), Amount: money("1"), Currency: "EUR"}), ErrMixedCurrencies, "currency"},
		{"overlap", append(with(func(*Subscription) {}), Subscription{ID: "t", Account: "A", Start: utcDay(2025, 6, 1), Amount: money("1"), Currency: "USD"}), ErrOverlappingSubscriptions, "start"},
		{"too large", with(func(s *Subscription) { s.Amount = money("1e19") }), ErrInvalidSubscription, "amount"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewSubscriptions(tc.subs, SubscriptionOptions{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("NewSubscriptions: %v, want %v", err, tc.want)
			}
			var re *activity.RecordError
			if !errors.As(err, &re) || re.Field != tc.field || re.Record != "subscription" {
				t.Errorf("NewSubscriptions: %v, want a record error on %q", err, tc.field)
			}
			ss, err := NewSubscriptions(tc.subs, SubscriptionOptions{SkipInvalid: true})
			if err != nil || len(ss.Skipped()) == 0 || ss.Len() != len(tc.subs)-1 {
				t.Errorf("SkipInvalid: %v, skipped %v, want one left out", err, ss)
			}
		})
	}
	// The same product at different times, or different products at once,
	// do not overlap.
	ok := []Subscription{base,
		{ID: "t", Account: "A", Start: utcDay(2025, 6, 1), Amount: money("1"), Currency: "USD", Product: "other"},
		{ID: "u", Account: "B", Start: utcDay(2025, 1, 1), End: utcDay(2025, 2, 1), Amount: money("1"), Currency: "USD"},
		{ID: "v", Account: "B", Start: utcDay(2025, 2, 1), Amount: money("1"), Currency: "USD"},
	}
	if _, err := NewSubscriptions(ok, SubscriptionOptions{}); err != nil {
		t.Errorf("NewSubscriptions(no overlap) = %v", err)
	}
	if _, err := NewSubscriptions(nil, SubscriptionOptions{Currency: "us"}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("NewSubscriptions(currency us) = %v, want ErrInvalidOptions", err)
	}
}

func TestCustomerKPIErrors(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	empty, err := NewSubscriptions(nil, SubscriptionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := NewSpending(nil, SpendingOptions{})
	bad := activity.Period{Start: utcDay(2025, 2, 1), End: utcDay(2025, 1, 1)}
	early := activity.Period{Start: utcDay(2020, 1, 1), End: utcDay(2020, 2, 1)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"movements bad period", second(Movements(ss, bad)), activity.ErrInvalidPeriod},
		{"movements nil", second(Movements(nil, jan25)), ErrInvalidOptions},
		{"movements by rep", second(MovementsBy(ss, jan25, activity.ByRep())), ErrInvalidOptions},
		{"churn no customers", second(CustomerChurnRate(empty, jan25, ChurnOptions{})), ErrNoCustomers},
		{"churn before any", second(CustomerChurnRate(ss, early, ChurnOptions{Base: DailyCompounding})), ErrNoCustomers},
		{"churn bad base", second(CustomerChurnRate(ss, jan25, ChurnOptions{Base: 9})), ErrInvalidOptions},
		{"revenue churn no revenue", second(RevenueChurnRate(ss, early, RevenueChurnOptions{})), ErrNoRevenue},
		{"retention no revenue", second(Retention(ss, early, RetentionOptions{})), ErrNoRevenue},
		{"retention bad compounding", second(Retention(ss, jan25, RetentionOptions{Compounding: 7})), ErrInvalidOptions},
		{"cohorts by team", second(Cohorts(ss, jan25, activity.ByTeam())), ErrInvalidOptions},
		{"arpa no customers", second(ARPA(ss, early, ARPAOptions{})), ErrNoCustomers},
		{"cac none acquired", second(CAC(sp, ss, early, CACOptions{})), ErrNoCustomers},
		{"cac nil spending", second(CAC(nil, ss, jan25, CACOptions{})), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	eur, err := NewSpending([]Spend{{Date: utcDay(2025, 1, 2), Amount: money("1"), Currency: "EUR"}}, SpendingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CAC(eur, ss, jan25, CACOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("CAC(EUR spend, USD revenue) = %v, want ErrMixedCurrencies", err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestSpendErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		s     Spend
		want  error
		field string
	}{
		{"no date", Spend{Amount: money("1"), Currency: "USD"}, ErrInvalidSpend, "date"},
		{"negative", Spend{Date: utcDay(2025, 1, 1), Amount: money("-1"), Currency: "USD"}, ErrInvalidSpend, "amount"},
		{"currency", Spend{Date: utcDay(2025, 1, 1), Amount: money("1"), Currency: "US"}, activity.ErrInvalidCurrency, "currency"},
	} {
		_, err := NewSpending([]Spend{tc.s}, SpendingOptions{})
		var re *activity.RecordError
		if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
			t.Errorf("%s: NewSpending = %v, want %v on %s", tc.name, err, tc.want, tc.field)
		}
		if err := tc.s.Validate(); !errors.Is(err, tc.want) {
			t.Errorf("%s: Validate = %v, want %v", tc.name, err, tc.want)
		}
	}
	_, err := NewSpending([]Spend{{Date: utcDay(2025, 1, 1), Amount: money("1"), Currency: "USD"}, {Date: utcDay(2025, 1, 1), Amount: money("1"), Currency: "EUR"}}, SpendingOptions{})
	if !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("NewSpending(USD, EUR) = %v, want ErrMixedCurrencies", err)
	}
}

func TestSubscriptionJSON(t *testing.T) {
	t.Parallel()
	in := `{"id":"s1","account":"A","start":"2025-01-05","end":1738368000000,"amount":"1200.50","currency":"USD","billing_months":12,
	        "changes":[{"at":"2025-01-20T00:00:00+0000","amount":"1300"}]}`
	var s Subscription
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	want := Subscription{ID: "s1", Account: "A", Start: utcDay(2025, 1, 5), End: utcDay(2025, 2, 1), Amount: money("1200.50"), Currency: "USD", BillingMonths: 12,
		Changes: []AmountChange{{At: utcDay(2025, 1, 20), Amount: money("1300")}}}
	if d := cmp.Diff(want, s, cmpDec, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
		t.Errorf("Unmarshal (-want +got):\n%s", d)
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Subscription
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s, back, cmpDec, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
		t.Errorf("round trip of %s (-want +got):\n%s", out, d)
	}
}

func TestCustomerSurvival(t *testing.T) {
	t.Parallel()
	ss := mustBook(t)
	// Lifetimes at 2025-03-01, first revenue to first fall to zero: F 15
	// days (ended), C 40 (censored), B 48 (ended), H 61 (ended), E 90
	// (censored), A 120 (censored), D 122 (ended: June to October 2024;
	// its return does not count), G 151 (censored). Kaplan–Meier: S(15) =
	// 7/8, S(48) = 7/8 × 5/6 = 35/48, S(61) = 35/48 × 4/5 = 7/12, S(122) =
	// 7/12 × 1/2 = 7/24; the median is the first time S ≤ 0.5: 122.
	s, err := CustomerSurvival(ss, utcDay(2025, 3, 1), SurvivalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type point struct {
		Days     float64
		AtRisk   int
		Ended    int
		Survival float64
	}
	var got []point
	for _, c := range s.Curve {
		got = append(got, point{c.Days, c.AtRisk, c.Ended, c.Survival})
	}
	want := []point{{15, 8, 1, 7.0 / 8}, {48, 6, 1, 35.0 / 48}, {61, 5, 1, 7.0 / 12}, {122, 2, 1, 7.0 / 24}}
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 })); d != "" {
		t.Errorf("CustomerSurvival curve (-want +got):\n%s", d)
	}
	if m, ok := s.Median.Get(); !ok || m != 122 || s.Lifetimes != 8 || s.Ended != 4 {
		t.Errorf("CustomerSurvival = median %v, %d lifetimes, %d ended; want 122, 8, 4", s.Median, s.Lifetimes, s.Ended)
	}
	if _, err := CustomerSurvival(ss, time.Time{}, SurvivalOptions{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("CustomerSurvival(zero as-of) = %v, want ErrInvalidOptions", err)
	}
	if _, err := CustomerSurvival(ss, utcDay(2020, 1, 1), SurvivalOptions{}); !errors.Is(err, ErrNoLifetimes) {
		t.Errorf("CustomerSurvival(2020) = %v, want ErrNoLifetimes", err)
	}
	if _, err := CustomerSurvival(nil, utcDay(2025, 1, 1), SurvivalOptions{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("CustomerSurvival(nil) = %v, want ErrInvalidOptions", err)
	}
	if _, err := CustomerSurvival(ss, utcDay(2025, 1, 1), SurvivalOptions{Confidence: 2}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("CustomerSurvival(confidence 2) = %v, want ErrInvalidOptions", err)
	}
}
