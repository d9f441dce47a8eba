package performance

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// bookDec parses a decimal literal of a test.
func bookDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// bookDecEq compares decimals by value, as results are exact but their
// exponent depends on the columns' scales.
var bookDecEq = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// bookDeals is two years of hand-made deals, all in USD:
//
//	id   owner account status amount  ACV   TCV   cost  closed
//	B1   ann   acme    won    1000    800   2400  600   2024-01-15
//	B2   bob   globex  won    2000    2000  -     -     2024-02-10
//	B3   ann   acme    lost   5000    -     -     -     2024-02-20
//	B4   bob   initech won    500     -     -     100   2024-04-05
//	B5   cy    (none)  won    300     300   300   0     2024-03-30
//	B6   ann   acme    open   9000    -     -     -     (expected 2024-03-15)
//	B7   ann   acme    won    1500    1200  3600  900   2025-01-20
//	B8   bob   globex  won    1000    -     -     400   2025-02-14
//	B9   cy    initech won    700     700   -     -     2025-03-01
//	B10  bob   acme    won    2500    -     -     1000  2025-04-10
//	B11  ann   globex  lost   800     -     -     -     2025-01-05
//	B12  cy    (none)  won    250.50  -     -     -     2025-03-31
//
// Bookings by month: 2024 Jan 1000, Feb 2000, Mar 300, Apr 500, then zero;
// 2025 Jan 1500, Feb 1000, Mar 950.50 (700 + 250.50), Apr 2500, then zero.
func bookDeals() []activity.Deal {
	type row struct {
		id, owner, account string
		status             activity.Status
		amount, acv, tcv   string
		cost               string
		created, closed    time.Time
	}
	rows := []row{
		{"B1", "ann", "acme", activity.StatusWon, "1000", "800", "2400", "600", date(2023, 12, 1), date(2024, 1, 15)},
		{"B2", "bob", "globex", activity.StatusWon, "2000", "2000", "", "", date(2024, 1, 5), date(2024, 2, 10)},
		{"B3", "ann", "acme", activity.StatusLost, "5000", "", "", "", date(2024, 1, 10), date(2024, 2, 20)},
		{"B4", "bob", "initech", activity.StatusWon, "500", "", "", "100", date(2024, 2, 1), date(2024, 4, 5)},
		{"B5", "cy", "", activity.StatusWon, "300", "300", "300", "0", date(2024, 2, 15), date(2024, 3, 30)},
		{"B6", "ann", "acme", activity.StatusOpen, "9000", "", "", "", date(2024, 2, 1), time.Time{}},
		{"B7", "ann", "acme", activity.StatusWon, "1500", "1200", "3600", "900", date(2024, 11, 1), date(2025, 1, 20)},
		{"B8", "bob", "globex", activity.StatusWon, "1000", "", "", "400", date(2025, 1, 2), date(2025, 2, 14)},
		{"B9", "cy", "initech", activity.StatusWon, "700", "700", "", "", date(2025, 1, 10), date(2025, 3, 1)},
		{"B10", "bob", "acme", activity.StatusWon, "2500", "", "", "1000", date(2025, 2, 1), date(2025, 4, 10)},
		{"B11", "ann", "globex", activity.StatusLost, "800", "", "", "", date(2024, 12, 1), date(2025, 1, 5)},
		{"B12", "cy", "", activity.StatusWon, "250.50", "", "", "", date(2025, 2, 1), date(2025, 3, 31)},
	}
	opt := func(s string) activity.Optional[decimal.Decimal] {
		if s == "" {
			return activity.Optional[decimal.Decimal]{}
		}
		return activity.Some(bookDec(s))
	}
	var deals []activity.Deal
	for _, r := range rows {
		d := activity.Deal{ID: r.id, Owner: r.owner, Account: r.account, Territory: "t-" + r.owner, Status: r.status,
			Amount: bookDec(r.amount), Currency: "USD", ACV: opt(r.acv), TCV: opt(r.tcv), Cost: opt(r.cost),
			CreatedAt: r.created, ClosedAt: r.closed}
		switch r.status {
		case activity.StatusWon:
			d.Stage = activity.StageClosedWon
		case activity.StatusLost:
			d.Stage = activity.StageClosedLost
		default:
			d.Stage, d.ExpectedCloseAt = activity.StageDemo, date(2024, 3, 15)
		}
		deals = append(deals, d)
	}
	return deals
}

func bookIndex(t testing.TB, deals []activity.Deal) *activity.Index {
	t.Helper()
	ix, err := activity.NewIndex(activity.Records{Deals: deals}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var (
	bookQ1a   = activity.Period{Start: date(2024, 1, 1), End: date(2024, 4, 1), Name: "2024 Q1"}
	bookQ1b   = activity.Period{Start: date(2025, 1, 1), End: date(2025, 4, 1), Name: "2025 Q1"}
	bookYearA = activity.Period{Start: date(2024, 1, 1), End: date(2025, 1, 1), Name: "2024"}
	bookYearB = activity.Period{Start: date(2025, 1, 1), End: date(2026, 1, 1), Name: "2025"}
)

// bookEURDeals is bookDeals with B8 in EUR (1000 EUR, cost 400 EUR, closed
// 14 February 2025), and bookRates the EUR→USD rates: 1.1 from 1 January
// 2025, 1.2 from 1 March 2025.
func bookEURDeals() []activity.Deal {
	deals := bookDeals()
	deals[7].Currency = "EUR"
	return deals
}

func bookRates(t testing.TB) *activity.ExchangeRates {
	t.Helper()
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: date(2025, 1, 1), Rate: bookDec("1.1")},
		{From: "EUR", To: "USD", On: date(2025, 3, 1), Rate: bookDec("1.2")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return rates
}

func TestBookings(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	for _, tc := range []struct {
		name           string
		p              activity.Period
		opt            BookingsOptions
		deals, missing int64
		amount         string
	}{
		// B1 1000 + B2 2000 + B5 300; B3 lost, B6 open, B4 closed in April.
		{"2024 Q1", bookQ1a, BookingsOptions{}, 3, 0, "3300"},
		// B7 1500 + B8 1000 + B9 700 + B12 250.50 (closed 31 March, inside).
		{"2025 Q1", bookQ1b, BookingsOptions{}, 4, 0, "3450.50"},
		// 3300 + B4 500.
		{"2024", bookYearA, BookingsOptions{}, 4, 0, "3800"},
		// 3450.50 + B10 2500.
		{"2025", bookYearB, BookingsOptions{}, 5, 0, "5950.50"},
		// ACV: B1 800 + B2 2000 + B5 300.
		{"2024 Q1 ACV", bookQ1a, BookingsOptions{Basis: BookingsACV}, 3, 0, "3100"},
		// ACV: B7 1200 + B9 700; B8 and B12 have none.
		{"2025 Q1 ACV", bookQ1b, BookingsOptions{Basis: BookingsACV}, 2, 2, "1900"},
		// TCV: B1 2400 + B5 300; B2 has none.
		{"2024 Q1 TCV", bookQ1a, BookingsOptions{Basis: BookingsTCV}, 2, 1, "2700"},
		// Nothing won from July to December 2024: a valid zero.
		{"2024 H2", activity.Period{Start: date(2024, 7, 1), End: date(2025, 1, 1), Name: "2024 H2"}, BookingsOptions{}, 0, 0, "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Bookings(ix.All(), tc.p, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			want := BookingsTotal{Scope: "all", Period: tc.p, Basis: tc.opt.Basis, Deals: tc.deals, Missing: tc.missing,
				Amount: bookDec(tc.amount), Currency: "USD"} // no deal: still USD, the book's one currency
			if diff := cmp.Diff(want, got, bookDecEq); diff != "" {
				t.Errorf("Bookings(%s) (-want +got):\n%s", tc.name, diff)
			}
		})
	}

	got, err := Bookings(ix.All(), bookQ1b, BookingsOptions{Basis: BookingsACV})
	if err != nil {
		t.Fatal(err)
	}
	if s, want := got.String(), "all: booked 1900.00 USD (ACV) from 2 won deals in 2025 Q1; 2 won deals without ACV left out"; s != want {
		t.Errorf("String() = %q, want %q", s, want)
	}

	// A narrowed view: ann's 2025 Q1 is B7 alone.
	ann, err := ix.All().Rep("ann")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Bookings(ann, bookQ1b, BookingsOptions{}); err != nil || got.Deals != 1 || !got.Amount.Equal(bookDec("1500")) {
		t.Errorf("Bookings(ann) = %v, %v; want 1500 from 1 deal", got, err)
	}
}

func TestBookingsBy(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	type row struct {
		Key            string
		Deals, Missing int64
		Amount         string
	}
	rows := func(gs []activity.Group[BookingsTotal]) []row {
		var out []row
		for _, g := range gs {
			if g.Undefined != "" {
				t.Errorf("group %q undefined: %s", g.Key, g.Undefined)
			}
			out = append(out, row{g.Key, g.Result.Deals, g.Result.Missing, g.Result.Amount.String()})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		p    activity.Period
		by   activity.By
		opt  BookingsOptions
		want []row
	}{
		// 2025 Q1: ann B7 1500; bob B8 1000; cy B9 700 + B12 250.50 = 950.50.
		// 1500 + 1000 + 950.50 = 3450.50, the total.
		{"rep", bookQ1b, activity.ByRep(), BookingsOptions{}, []row{{"ann", 1, 0, "1500"}, {"bob", 1, 0, "1000"}, {"cy", 2, 0, "950.5"}}},
		// ACV: ann B7 1200; bob's B8 has none; cy B9 700, B12 none.
		{"rep ACV", bookQ1b, activity.ByRep(), BookingsOptions{Basis: BookingsACV}, []row{{"ann", 1, 0, "1200"}, {"bob", 0, 1, "0"}, {"cy", 1, 1, "700"}}},
		// By close month; every month listed.
		{"month", bookQ1b, activity.ByPeriod(activity.Calendar{}, 0), BookingsOptions{}, []row{{"2025-01", 1, 0, "1500"}, {"2025-02", 1, 0, "1000"}, {"2025-03", 2, 0, "950.5"}}},
		// 2024 by quarter: Q1 3300, Q2 B4 500, Q3 and Q4 zero (listed, not undefined).
		{"quarter", bookYearA, activity.ByPeriod(activity.Calendar{}, activity.Quarterly), BookingsOptions{},
			[]row{{"FY2024 Q1", 3, 0, "3300"}, {"FY2024 Q2", 1, 0, "500"}, {"FY2024 Q3", 0, 0, "0"}, {"FY2024 Q4", 0, 0, "0"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			gs, err := BookingsBy(ix.All(), tc.p, tc.by, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rows(gs)); diff != "" {
				t.Errorf("BookingsBy(%v) (-want +got):\n%s", tc.by, diff)
			}
		})
	}
	gs, err := BookingsBy(ix.All(), bookQ1b, activity.ByPeriod(activity.Calendar{}, 0), BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g := gs[1].Result; g.Scope != "all / month=2025-02" || !g.Period.Start.Equal(date(2025, 2, 1)) || !g.Period.End.Equal(date(2025, 3, 1)) {
		t.Errorf("February group = %v", g)
	}
}

func TestBookingsCurrencies(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookEURDeals())
	rates := bookRates(t)
	atClose := &activity.Conversion{To: "USD", Converter: rates}
	atEnd := &activity.Conversion{To: "USD", Converter: rates, Date: activity.RateAtPeriodEnd}

	if _, err := Bookings(ix.All(), bookQ1b, BookingsOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("Bookings(mixed) = %v, want ErrMixedCurrencies", err)
	}
	// 2024 is all USD: no conversion needed.
	if got, err := Bookings(ix.All(), bookYearA, BookingsOptions{}); err != nil || !got.Amount.Equal(bookDec("3800")) {
		t.Errorf("Bookings(2024) = %v, %v; want 3800", got, err)
	}
	for _, tc := range []struct {
		name string
		conv *activity.Conversion
		want string
	}{
		// B8 at the 14 February rate 1.1: 1000 × 1.1 = 1100;
		// 1500 + 1100 + 700 + 250.50 = 3550.50.
		{"at close", atClose, "3550.50"},
		// At 31 March's rate 1.2: 1200; 1500 + 1200 + 700 + 250.50 = 3650.50.
		{"at period end", atEnd, "3650.50"},
	} {
		got, err := Bookings(ix.All(), bookQ1b, BookingsOptions{Conversion: tc.conv})
		if err != nil || !got.Amount.Equal(bookDec(tc.want)) || got.Currency != "USD" || got.Deals != 4 {
			t.Errorf("Bookings(%s) = %v, %v; want %s USD from 4 deals", tc.name, got, err, tc.want)
		}
	}
	// Without a conversion, a zero names no currency in a book of two, and
	// the one currency of a one-currency book.
	july := activity.Period{Start: date(2025, 7, 1), End: date(2025, 8, 1)}
	if got, err := Bookings(ix.All(), july, BookingsOptions{}); err != nil || !got.Amount.IsZero() || got.Currency != "" {
		t.Errorf("Bookings(July, two currencies) = %v, %v; want 0 with no currency", got, err)
	}
	usd := bookIndex(t, bookDeals())
	if got, err := Bookings(usd.All(), july, BookingsOptions{}); err != nil || !got.Amount.IsZero() || got.Currency != "USD" ||
		got.String() != "all: booked 0.00 USD (amount) from 0 won deals in [2025-07-01T00:00:00Z, 2025-08-01T00:00:00Z)" {
		t.Errorf("Bookings(July, USD only) = %v, %v; want 0 USD", got, err)
	}
	// A converted zero names the conversion's currency.
	if got, err := Bookings(ix.All(), activity.Period{Start: date(2025, 7, 1), End: date(2025, 8, 1)}, BookingsOptions{Conversion: atClose}); err != nil ||
		!got.Amount.IsZero() || got.Currency != "USD" {
		t.Errorf("Bookings(July, converted) = %v, %v; want 0 USD", got, err)
	}

	// By rep, each group in its own currency: bob's only deal is B8.
	gs, err := BookingsBy(ix.All(), bookQ1b, activity.ByRep(), BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var cur []string
	for _, g := range gs {
		cur = append(cur, g.Key+" "+g.Result.Amount.String()+" "+string(g.Result.Currency))
	}
	if want := []string{"ann 1500 USD", "bob 1000 EUR", "cy 950.5 USD"}; !slices.Equal(cur, want) {
		t.Errorf("BookingsBy(rep, mixed) = %v, want %v", cur, want)
	}
	// One group holding both currencies fails the call.
	if _, err := BookingsBy(ix.All(), bookQ1b, activity.ByAttribute("region"), BookingsOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("BookingsBy(one group, mixed) = %v, want ErrMixedCurrencies", err)
	}
	// By month at period end: the breakdown converts at the end of Q1 (1.2),
	// so February is 1200 and the months add up to 3650.50.
	gs, err = BookingsBy(ix.All(), bookQ1b, activity.ByPeriod(activity.Calendar{}, 0), BookingsOptions{Conversion: atEnd})
	if err != nil {
		t.Fatal(err)
	}
	if !gs[1].Result.Amount.Equal(bookDec("1200")) {
		t.Errorf("BookingsBy(month, at period end) February = %v, want 1200", gs[1].Result)
	}
	// A series converts each month at its own end: 28 February 2025's rate
	// is still 1.1, so February is 1100.
	tr, err := BookingsSeries(ix.All(), activity.Calendar{}, activity.Monthly, date(2025, 1, 1), date(2025, 4, 1), BookingsOptions{Conversion: atEnd})
	if err != nil {
		t.Fatal(err)
	}
	if b := tr.Points[1].Bookings; !b.Amount.Equal(bookDec("1100")) || b.Currency != "USD" {
		t.Errorf("BookingsSeries(at period end) February = %v, want 1100 USD", b)
	}
	if _, err := BookingsSeries(ix.All(), activity.Calendar{}, activity.Monthly, date(2025, 1, 1), date(2025, 4, 1), BookingsOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("BookingsSeries(mixed) = %v, want ErrMixedCurrencies", err)
	}
	// No GBP rate.
	if _, err := Bookings(ix.All(), bookQ1b, BookingsOptions{Conversion: &activity.Conversion{To: "GBP", Converter: rates}}); !errors.Is(err, activity.ErrNoRate) {
		t.Errorf("Bookings(no GBP rate) = %v, want activity.ErrNoRate", err)
	}
}

// bookWantGrowth is an expected growth: a rate, or undefined.
type bookWantGrowth struct {
	rate      float64
	undefined bool
}

func bookRate(r float64) bookWantGrowth { return bookWantGrowth{rate: r} }

var bookNA = bookWantGrowth{undefined: true}

func bookCheckGrowth(t *testing.T, what string, got GrowthRate, want bookWantGrowth) {
	t.Helper()
	if want.undefined {
		if got.Undefined == "" {
			t.Errorf("%s = %v, want undefined", what, got)
		}
		return
	}
	if got.Undefined != "" || math.Abs(got.Rate-want.rate) > 1e-15*math.Max(1, math.Abs(want.rate)) {
		t.Errorf("%s = %v (rate %v), want %v", what, got, got.Rate, want.rate)
	}
}

func TestBookingsSeries(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	type point struct {
		name     string
		amount   string
		deals    int64
		pop, yoy bookWantGrowth
	}
	for _, tc := range []struct {
		name     string
		cal      activity.Calendar
		g        activity.Granularity
		from, to time.Time
		lag      int
		want     map[int]point // by index; the others are checked for count only
		n        int
	}{
		{
			name: "monthly", g: activity.Monthly, from: date(2024, 1, 1), to: date(2026, 1, 1), lag: 12, n: 24,
			want: map[int]point{
				0: {"2024-01", "1000", 1, bookNA, bookNA},
				// (2000 − 1000) / 1000 = 1.
				1: {"2024-02", "2000", 1, bookRate(1), bookNA},
				// (300 − 2000) / 2000 = −0.85.
				2: {"2024-03", "300", 1, bookRate(-0.85), bookNA},
				// (500 − 300) / 300 = 2/3.
				3: {"2024-04", "500", 1, bookRate(2.0 / 3), bookNA},
				// (0 − 500) / 500 = −1.
				4: {"2024-05", "0", 0, bookRate(-1), bookNA},
				// The previous month booked nothing: undefined.
				5: {"2024-06", "0", 0, bookNA, bookNA},
				// December 2024 is zero; a year earlier (1500 − 1000) / 1000 = 0.5.
				12: {"2025-01", "1500", 1, bookNA, bookRate(0.5)},
				// (1000 − 1500) / 1500 = −1/3; (1000 − 2000) / 2000 = −0.5.
				13: {"2025-02", "1000", 1, bookRate(-1.0 / 3), bookRate(-0.5)},
				// (950.50 − 1000) / 1000 = −0.0495; (950.50 − 300) / 300 = 650.5 / 300.
				14: {"2025-03", "950.50", 2, bookRate(-0.0495), bookRate(650.5 / 300)},
				// (2500 − 950.50) / 950.50 = 1549.5 / 950.5; (2500 − 500) / 500 = 4.
				15: {"2025-04", "2500", 1, bookRate(1549.5 / 950.5), bookRate(4)},
				// May 2024 and April 2025: 0 and 2500 → −1; May 2024 was zero.
				16: {"2025-05", "0", 0, bookRate(-1), bookNA},
				23: {"2025-12", "0", 0, bookNA, bookNA},
			},
		},
		{
			name: "quarterly", g: activity.Quarterly, from: date(2024, 1, 1), to: date(2026, 1, 1), lag: 4, n: 8,
			want: map[int]point{
				// 1000 + 2000 + 300.
				0: {"FY2024 Q1", "3300", 3, bookNA, bookNA},
				// (500 − 3300) / 3300 = −2800 / 3300.
				1: {"FY2024 Q2", "500", 1, bookRate(-2800.0 / 3300), bookNA},
				2: {"FY2024 Q3", "0", 0, bookRate(-1), bookNA},
				// Q4 2024 is zero; (3450.50 − 3300) / 3300 = 150.5 / 3300.
				4: {"FY2025 Q1", "3450.50", 4, bookNA, bookRate(150.5 / 3300)},
				// (2500 − 3450.50) / 3450.50 = −950.5 / 3450.5; (2500 − 500) / 500 = 4.
				5: {"FY2025 Q2", "2500", 1, bookRate(-950.5 / 3450.5), bookRate(4)},
				6: {"FY2025 Q3", "0", 0, bookRate(-1), bookNA},
			},
		},
		{
			// 2024: 3800; 2025: 5950.50; (5950.50 − 3800) / 3800 = 2150.5 / 3800.
			name: "yearly", g: activity.Yearly, from: date(2024, 1, 1), to: date(2026, 1, 1), lag: 1, n: 2,
			want: map[int]point{
				0: {"FY2024", "3800", 4, bookNA, bookNA},
				1: {"FY2025", "5950.50", 5, bookRate(2150.5 / 3800), bookRate(2150.5 / 3800)},
			},
		},
		{
			// Mid-month ends: February to May 2024, each month whole.
			name: "partial ends", g: activity.Monthly, from: date(2024, 2, 15), to: date(2024, 5, 10), lag: 12, n: 4,
			want: map[int]point{
				0: {"2024-02", "2000", 1, bookNA, bookNA},
				3: {"2024-05", "0", 0, bookRate(-1), bookNA},
			},
		},
		{
			// Fiscal years from February: FY2025 Q1 is February to April 2024
			// (B2 2000 + B5 300 + B4 500 = 2800), Q4 November 2024 to January
			// 2025 (B7 1500).
			name: "fiscal quarters", cal: activity.Calendar{FiscalYearStart: time.February}, g: activity.Quarterly,
			from: date(2024, 2, 1), to: date(2025, 2, 1), lag: 4, n: 4,
			want: map[int]point{
				0: {"FY2025 Q1", "2800", 3, bookNA, bookNA},
				1: {"FY2025 Q2", "0", 0, bookRate(-1), bookNA},
				3: {"FY2025 Q4", "1500", 1, bookNA, bookNA},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr, err := BookingsSeries(ix.All(), tc.cal, tc.g, tc.from, tc.to, BookingsOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Points) != tc.n || tr.YearLag != tc.lag || tr.Currency != "USD" || tr.Granularity != tc.g {
				t.Fatalf("BookingsSeries() = %d points, lag %d, %q; want %d, %d, USD", len(tr.Points), tr.YearLag, tr.Currency, tc.n, tc.lag)
			}
			for i, w := range tc.want {
				p := tr.Points[i]
				b := p.Bookings
				if b.Period.Name != w.name || !b.Amount.Equal(bookDec(w.amount)) || b.Deals != w.deals || b.Currency != "USD" {
					t.Errorf("point %d = %v, want %s %s USD from %d deals", i, b, w.name, w.amount, w.deals)
				}
				bookCheckGrowth(t, fmt.Sprintf("point %d (%s) period over period", i, w.name), p.PeriodOverPeriod, w.pop)
				bookCheckGrowth(t, fmt.Sprintf("point %d (%s) year over year", i, w.name), p.YearOverYear, w.yoy)
			}
			// Periods tile: each ends where the next starts.
			for i := 1; i < len(tr.Points); i++ {
				if !tr.Points[i-1].Bookings.Period.End.Equal(tr.Points[i].Bookings.Period.Start) {
					t.Errorf("point %d ends %v, point %d starts %v", i-1, tr.Points[i-1].Bookings.Period.End, i, tr.Points[i].Bookings.Period.Start)
				}
			}
		})
	}

	// The reasons read as such.
	tr, err := BookingsSeries(ix.All(), activity.Calendar{}, activity.Monthly, date(2024, 1, 1), date(2024, 7, 1), BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Points[0].PeriodOverPeriod.Undefined; got != "no previous period in the series" {
		t.Errorf("first point's undefined reason = %q", got)
	}
	if got := tr.Points[5].PeriodOverPeriod.Undefined; got != "performance: growth is undefined: performance: zero denominator: previous value is zero" {
		t.Errorf("June's undefined reason = %q", got)
	}
	want := "all: bookings (amount) by month\n" +
		"2024-01  1000.00 USD  1 won deal  PoP n/a  YoY n/a\n" +
		"2024-02  2000.00 USD  1 won deal  PoP +100.0%  YoY n/a\n" +
		"2024-03  300.00 USD  1 won deal  PoP -85.0%  YoY n/a\n" +
		"2024-04  500.00 USD  1 won deal  PoP +66.7%  YoY n/a\n" +
		"2024-05  0.00 USD  0 won deals  PoP -100.0%  YoY n/a\n" +
		"2024-06  0.00 USD  0 won deals  PoP n/a  YoY n/a"
	if got := tr.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}

	// Days: no year over year.
	tr, err = BookingsSeries(ix.All(), activity.Calendar{}, activity.Daily, date(2024, 1, 14), date(2024, 1, 17), BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Points) != 3 || tr.YearLag != 0 || tr.Points[1].YearOverYear.Undefined == "" || !tr.Points[1].Bookings.Amount.Equal(bookDec("1000")) {
		t.Errorf("BookingsSeries(daily) = %v", tr)
	}
}

func TestGrowth(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		current, previous string
		change, ratio     string
		rate              float64
	}{
		// (1500 − 1000) / 1000 = 0.5.
		{"1500", "1000", "500", "0.5", 0.5},
		// (950.50 − 1000) / 1000 = −0.0495.
		{"950.50", "1000", "-49.50", "-0.0495", -0.0495},
		// (2 − 3) / 3 = −0.333…, 20 places.
		{"2", "3", "-1", "-0.33333333333333333333", -1.0 / 3},
		// (5 − 3) / 3 = 0.666…, rounded half away from zero at 20 places.
		{"5", "3", "2", "0.66666666666666666667", 2.0 / 3},
		// No change.
		{"7", "7", "0", "0", 0},
		// From 4 to 0: −100%.
		{"0", "4", "-4", "-1", -1},
	} {
		got, err := Growth(bookDec(tc.current), bookDec(tc.previous))
		if err != nil {
			t.Errorf("Growth(%s, %s) error %v", tc.current, tc.previous, err)
			continue
		}
		want := GrowthRate{Current: bookDec(tc.current), Previous: bookDec(tc.previous), Change: bookDec(tc.change), Ratio: bookDec(tc.ratio), Rate: tc.rate}
		if diff := cmp.Diff(want, got, bookDecEq); diff != "" {
			t.Errorf("Growth(%s, %s) (-want +got):\n%s", tc.current, tc.previous, diff)
		}
	}
	if got, _ := Growth(bookDec("1500"), bookDec("1000")); got.String() != "+50.0% (1000 → 1500)" {
		t.Errorf("String() = %q", got.String())
	}

	g, err := Growth(bookDec("5"), decimal.Zero)
	if !errors.Is(err, ErrUndefinedGrowth) || !errors.Is(err, ErrZeroDenominator) || g.Undefined == "" || !g.Change.Equal(bookDec("5")) {
		t.Errorf("Growth(5, 0) = %v, %v; want undefined, ErrUndefinedGrowth and ErrZeroDenominator", g, err)
	}
	if _, err := Growth(bookDec("5"), bookDec("-1")); !errors.Is(err, ErrUndefinedGrowth) || errors.Is(err, ErrZeroDenominator) {
		t.Errorf("Growth(5, -1) = %v, want ErrUndefinedGrowth", err)
	}
	// 10^400 / 10^−400 is beyond float64.
	if g, err := Growth(bookDec("1e400"), bookDec("1e-400")); !errors.Is(err, ErrUndefinedGrowth) || g.Rate != 0 {
		t.Errorf("Growth(1e400, 1e-400) = %v, %v; want ErrUndefinedGrowth", g, err)
	}
}

func TestCAGR(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		start, end string
		years      float64
		want       float64
	}{
		// 121 / 100 = 1.21 = 1.1²: 10% a year.
		{"100", "121", 2, 0.1},
		// 1331 / 1000 = 1.1³.
		{"1000", "1331", 3, 0.1},
		// 25 / 100 = 0.25 = 0.5²: −50% a year.
		{"100", "25", 2, -0.5},
		// Flat.
		{"100", "100", 5, 0},
		// Everything lost.
		{"100", "0", 2, -1},
		// One year: the plain growth, (5950.50 − 3800) / 3800.
		{"3800", "5950.50", 1, 2150.5 / 3800},
		// Half a year: 1.21 ^ 2 − 1 = 0.4641.
		{"100", "121", 0.5, 0.4641},
	} {
		got, err := CAGR(bookDec(tc.start), bookDec(tc.end), tc.years)
		if err != nil || math.Abs(got.Rate-tc.want) > 1e-14 {
			t.Errorf("CAGR(%s, %s, %v) = %v, %v; want %v", tc.start, tc.end, tc.years, got.Rate, err, tc.want)
		}
		if !got.Start.Equal(bookDec(tc.start)) || !got.End.Equal(bookDec(tc.end)) || got.Years != tc.years {
			t.Errorf("CAGR(%s, %s, %v) inputs = %v", tc.start, tc.end, tc.years, got)
		}
	}
	// Ratios beyond 20 decimal places: 10^−30 over 10 years is 10^−3 a
	// year, a rate of −0.999 (not −1), and the reverse 10^3 a year, 999.
	for _, tc := range []struct {
		start, end string
		want       float64
	}{{"1", "1e-30", -0.999}, {"1e-30", "1", 999}} {
		got, err := CAGR(bookDec(tc.start), bookDec(tc.end), 10)
		if err != nil || math.Abs(got.Rate-tc.want) > 1e-12*math.Abs(tc.want) {
			t.Errorf("CAGR(%s, %s, 10) = %v, %v; want %v", tc.start, tc.end, got.Rate, err, tc.want)
		}
	}
	if got, _ := CAGR(bookDec("100"), bookDec("121"), 2); got.String() != "CAGR 10.00% (100 → 121 over 2.00 years)" {
		t.Errorf("String() = %q", got.String())
	}
	for _, tc := range []struct {
		name       string
		start, end string
		years      float64
		zeroDenom  bool
	}{
		{"zero start", "0", "121", 2, true},
		{"negative start", "-100", "121", 2, false},
		{"negative end", "100", "-1", 2, false},
		{"zero years", "100", "121", 0, false},
		{"negative years", "100", "121", -1, false},
		{"NaN years", "100", "121", math.NaN(), false},
		{"infinite years", "100", "121", math.Inf(1), false},
		// 10^10 in a thousandth of a year: e^(ln(10^10) × 1000) overflows.
		{"overflow", "1", "10000000000", 0.001, false},
		// A ratio beyond float64 itself.
		{"huge ratio", "1e-300", "1e300", 1, false},
	} {
		_, err := CAGR(bookDec(tc.start), bookDec(tc.end), tc.years)
		if !errors.Is(err, ErrUndefinedGrowth) || errors.Is(err, ErrZeroDenominator) != tc.zeroDenom {
			t.Errorf("CAGR(%s) error = %v, want ErrUndefinedGrowth (zero denominator %v)", tc.name, err, tc.zeroDenom)
		}
	}
}

func TestCAGRElapsedYears(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     float64
	}{
		// 2024 is a leap year: 366 + 365 = 731 days.
		{"two years", date(2024, 1, 1), date(2026, 1, 1), 731 / 365.25},
		{"backwards", date(2026, 1, 1), date(2024, 1, 1), -731 / 365.25},
		// 1 March to 1 April in New York loses an hour to daylight saving:
		// 31 × 86,400 − 3,600 s.
		{"across DST", time.Date(2024, 3, 1, 0, 0, 0, 0, ny), time.Date(2024, 4, 1, 0, 0, 0, 0, ny), (31*86400 - 3600) / (365.25 * 86400)},
		// Half a day and half a second.
		{"fractions", date(2024, 1, 1), date(2024, 1, 1).Add(12*time.Hour + 500*time.Millisecond), 43200.5 / (365.25 * 86400)},
	} {
		if got := ElapsedYears(tc.from, tc.to); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("ElapsedYears(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
	// 100 → 121 over 1 January 2024 to 1 January 2026: 731 / 365.25 years,
	// a little over two, so a little under 10%: 1.21^(365.25 / 731) − 1
	// (by math.Pow, not CAGR's expm1 / log1p) = 0.09992…
	got, err := CAGR(bookDec("100"), bookDec("121"), ElapsedYears(date(2024, 1, 1), date(2026, 1, 1)))
	if want := math.Pow(1.21, 365.25/731) - 1; err != nil || math.Abs(got.Rate-want) > 1e-15 || got.Rate >= 0.1 || got.Rate < 0.0999 {
		t.Errorf("CAGR over 731 days = %v, %v; want %v", got.Rate, err, want)
	}
}

func TestRevenuePerAccount(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	for _, tc := range []struct {
		name string
		p    activity.Period
		opt  BookingsOptions
		want AccountRevenue
	}{
		// 2024: acme B1 1000, globex B2 2000, initech B4 500 = 3500 over 3
		// accounts = 1166.666…67 (20 places); B5 (300) has no account.
		{"2024", bookYearA, BookingsOptions{}, AccountRevenue{Revenue: bookDec("3500"), Accounts: 3, Deals: 3,
			NoAccount: 1, NoAccountAmount: bookDec("300"), PerAccount: bookDec("1166.66666666666666666667")}},
		// 2025: acme B7 1500 and B10 2500 (one account, two deals), globex
		// B8 1000, initech B9 700 = 5700 / 3 = 1900; B12 (250.50) has no account.
		{"2025", bookYearB, BookingsOptions{}, AccountRevenue{Revenue: bookDec("5700"), Accounts: 3, Deals: 4,
			NoAccount: 1, NoAccountAmount: bookDec("250.50"), PerAccount: bookDec("1900")}},
		// 2025 by ACV: acme B7 1200, initech B9 700 = 1900 / 2 = 950; B8,
		// B10 and B12 have no ACV.
		{"2025 ACV", bookYearB, BookingsOptions{Basis: BookingsACV}, AccountRevenue{Revenue: bookDec("1900"), Accounts: 2, Deals: 2,
			Missing: 3, NoAccountAmount: decimal.Zero, PerAccount: bookDec("950"), Basis: BookingsACV}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := RevenuePerAccount(ix.All(), tc.p, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			want.Scope, want.Period, want.Currency = "all", tc.p, "USD"
			if diff := cmp.Diff(want, got, bookDecEq); diff != "" {
				t.Errorf("RevenuePerAccount(%s) (-want +got):\n%s", tc.name, diff)
			}
		})
	}
	got, err := RevenuePerAccount(ix.All(), bookYearA, BookingsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s, want := got.String(), "all: 1166.67 USD per account (3500.00 USD over 3 accounts, 3 won deals) in 2024; 1 won deal without an account (300.00 USD) left out"; s != want {
		t.Errorf("String() = %q, want %q", s, want)
	}

	// With B8 in EUR converted at close (1.1): 1500 + 2500 + 1100 + 700 =
	// 5800 / 3 = 1933.333…33.
	eur := bookIndex(t, bookEURDeals())
	conv := &activity.Conversion{To: "USD", Converter: bookRates(t)}
	if got, err := RevenuePerAccount(eur.All(), bookYearB, BookingsOptions{Conversion: conv}); err != nil ||
		!got.PerAccount.Equal(bookDec("1933.33333333333333333333")) || got.Currency != "USD" {
		t.Errorf("RevenuePerAccount(converted) = %v, %v; want 1933.33… USD", got, err)
	}
	if _, err := RevenuePerAccount(eur.All(), bookYearB, BookingsOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("RevenuePerAccount(mixed) = %v, want ErrMixedCurrencies", err)
	}
	// cy's 2024 is B5 alone, without an account.
	cy, err := ix.All().Rep("cy")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := RevenuePerAccount(cy, bookYearA, BookingsOptions{}); !errors.Is(err, ErrNoAccounts) || got.NoAccount != 1 {
		t.Errorf("RevenuePerAccount(cy 2024) = %v, %v; want ErrNoAccounts with 1 deal without an account", got, err)
	}
}

func TestGrossMargin(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	for _, tc := range []struct {
		name string
		p    activity.Period
		want Margin
	}{
		// 2024: B1 1000 − 600, B4 500 − 100, B5 300 − 0 (a given cost of 0):
		// revenue 1800, cost 700, margin 1100, 1100 / 1800 = 0.6111…; B2 has
		// no cost.
		{"2024", bookYearA, Margin{Deals: 3, NoCost: 1, Revenue: bookDec("1800"), Cost: bookDec("700"), Amount: bookDec("1100"),
			Ratio: bookDec("0.61111111111111111111"), Rate: 1100.0 / 1800}},
		// 2025: B7 1500 − 900, B8 1000 − 400, B10 2500 − 1000: revenue 5000,
		// cost 2300, margin 2700, 0.54; B9 and B12 have no cost.
		{"2025", bookYearB, Margin{Deals: 3, NoCost: 2, Revenue: bookDec("5000"), Cost: bookDec("2300"), Amount: bookDec("2700"),
			Ratio: bookDec("0.54"), Rate: 0.54}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := GrossMargin(ix.All(), tc.p, MarginOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			want.Scope, want.Period, want.Currency = "all", tc.p, "USD"
			if diff := cmp.Diff(want, got, bookDecEq); diff != "" {
				t.Errorf("GrossMargin(%s) (-want +got):\n%s", tc.name, diff)
			}
		})
	}
	got, err := GrossMargin(ix.All(), bookYearA, MarginOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s, want := got.String(), "all: gross margin 61.1% (1100.00 USD = 1800.00 USD − 700.00 USD cost, 3 won deals) in 2024; 1 won deal without a cost left out"; s != want {
		t.Errorf("String() = %q, want %q", s, want)
	}

	// B8 in EUR at close (1.1): revenue 1500 + 1100 + 2500 = 5100, cost
	// 900 + 440 + 1000 = 2340, margin 2760, 2760 / 5100 = 0.5411764705882352941176…
	eur := bookIndex(t, bookEURDeals())
	conv := &activity.Conversion{To: "USD", Converter: bookRates(t)}
	m, err := GrossMargin(eur.All(), bookYearB, MarginOptions{Conversion: conv})
	if err != nil || !m.Amount.Equal(bookDec("2760")) || !m.Cost.Equal(bookDec("2340")) || !m.Ratio.Equal(bookDec("0.54117647058823529412")) ||
		math.Abs(m.Rate-2760.0/5100) > 1e-15 {
		t.Errorf("GrossMargin(converted) = %v (%s), %v; want 2760 / 5100", m, m.Ratio, err)
	}
	if _, err := GrossMargin(eur.All(), bookYearB, MarginOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("GrossMargin(mixed) = %v, want ErrMixedCurrencies", err)
	}
	// A cost above the amount is a negative margin: 100 − 150 = −50, −0.5.
	deals := bookDeals()[:1]
	deals[0].Cost = activity.Some(bookDec("1500"))
	if m, err := GrossMargin(bookIndex(t, deals).All(), bookQ1a, MarginOptions{}); err != nil || !m.Amount.Equal(bookDec("-500")) || m.Rate != -0.5 {
		t.Errorf("GrossMargin(cost above amount) = %v, %v; want −500, −0.5", m, err)
	}
}

func TestBookingsErrors(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	v := ix.All()
	bad := activity.Period{Start: bookQ1a.End, End: bookQ1a.Start}
	badConv := &activity.Conversion{}
	june := activity.Period{Start: date(2024, 6, 1), End: date(2024, 7, 1)}
	zero := bookDeals()[:1]
	zero[0].Amount = decimal.Zero
	zero[0].Cost = activity.Some(decimal.Zero)
	zeroIx := bookIndex(t, zero)
	noCost := bookDeals()[1:2] // B2: won, no cost
	noCostIx := bookIndex(t, noCost)
	cal := activity.Calendar{}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"bookings bad period", errOf(Bookings(v, bad, BookingsOptions{})), activity.ErrInvalidPeriod},
		{"bookings zero period", errOf(Bookings(v, activity.Period{}, BookingsOptions{})), activity.ErrInvalidPeriod},
		{"bookings bad basis", errOf(Bookings(v, bookQ1a, BookingsOptions{Basis: 9})), ErrInvalidOptions},
		{"bookings bad conversion", errOf(Bookings(v, bookQ1a, BookingsOptions{Conversion: badConv})), activity.ErrInvalidConversion},
		{"by nothing", errOf(BookingsBy(v, bookQ1a, activity.By{}, BookingsOptions{})), ErrInvalidOptions},
		{"by bad period", errOf(BookingsBy(v, bad, activity.ByRep(), BookingsOptions{})), activity.ErrInvalidPeriod},
		{"by bad basis", errOf(BookingsBy(v, bookQ1a, activity.ByRep(), BookingsOptions{Basis: 9})), ErrInvalidOptions},
		{"by bad granularity", errOf(BookingsBy(v, bookQ1a, activity.ByPeriod(activity.Calendar{}, 9), BookingsOptions{})), activity.ErrInvalidGranularity},
		{"by bad calendar", errOf(BookingsBy(v, bookQ1a, activity.ByPeriod(activity.Calendar{FiscalYearStart: 13}, 0), BookingsOptions{})), activity.ErrInvalidCalendar},
		{"series unknown granularity", errOf(BookingsSeries(v, cal, 0, bookQ1a.Start, bookQ1a.End, BookingsOptions{})), activity.ErrInvalidGranularity},
		{"series bad granularity", errOf(BookingsSeries(v, cal, 9, bookQ1a.Start, bookQ1a.End, BookingsOptions{})), activity.ErrInvalidGranularity},
		{"series bad calendar", errOf(BookingsSeries(v, activity.Calendar{FiscalYearStart: 13}, activity.Monthly, bookQ1a.Start, bookQ1a.End, BookingsOptions{})), activity.ErrInvalidCalendar},
		{"series bad weekend", errOf(BookingsSeries(v, activity.Calendar{Weekend: []time.Weekday{9}}, activity.Monthly, bookQ1a.Start, bookQ1a.End, BookingsOptions{})), activity.ErrInvalidCalendar},
		{"series backwards", errOf(BookingsSeries(v, cal, activity.Monthly, bookQ1a.End, bookQ1a.Start, BookingsOptions{})), activity.ErrInvalidPeriod},
		{"series empty", errOf(BookingsSeries(v, cal, activity.Monthly, bookQ1a.Start, bookQ1a.Start, BookingsOptions{})), activity.ErrInvalidPeriod},
		{"series zero from", errOf(BookingsSeries(v, cal, activity.Monthly, time.Time{}, bookQ1a.End, BookingsOptions{})), activity.ErrInvalidPeriod},
		{"series bad basis", errOf(BookingsSeries(v, cal, activity.Monthly, bookQ1a.Start, bookQ1a.End, BookingsOptions{Basis: 9})), ErrInvalidOptions},
		{"series bad conversion", errOf(BookingsSeries(v, cal, activity.Monthly, bookQ1a.Start, bookQ1a.End, BookingsOptions{Conversion: badConv})), activity.ErrInvalidConversion},
		{"per account bad period", errOf(RevenuePerAccount(v, bad, BookingsOptions{})), activity.ErrInvalidPeriod},
		{"per account bad basis", errOf(RevenuePerAccount(v, bookQ1a, BookingsOptions{Basis: 9})), ErrInvalidOptions},
		{"per account bad conversion", errOf(RevenuePerAccount(v, bookQ1a, BookingsOptions{Conversion: badConv})), activity.ErrInvalidConversion},
		{"per account no won deals", errOf(RevenuePerAccount(v, june, BookingsOptions{})), ErrNoWonDeals},
		// 2024 Q2's only won deal, B4, has no TCV.
		{"per account all missing", errOf(RevenuePerAccount(v, activity.Period{Start: date(2024, 4, 1), End: date(2024, 7, 1)}, BookingsOptions{Basis: BookingsTCV})), ErrNoWonDeals},
		{"margin bad period", errOf(GrossMargin(v, bad, MarginOptions{})), activity.ErrInvalidPeriod},
		{"margin bad conversion", errOf(GrossMargin(v, bookQ1a, MarginOptions{Conversion: badConv})), activity.ErrInvalidConversion},
		{"margin no won deals", errOf(GrossMargin(v, june, MarginOptions{})), ErrNoWonDeals},
		{"margin no costs", errOf(GrossMargin(noCostIx.All(), bookQ1a, MarginOptions{})), ErrNoCosts},
		{"margin zero revenue", errOf(GrossMargin(zeroIx.All(), bookQ1a, MarginOptions{})), ErrZeroDenominator},
		{"growth from zero", errOf(Growth(decimal.NewFromInt(1), decimal.Zero)), ErrUndefinedGrowth},
		{"CAGR from zero", errOf(CAGR(decimal.Zero, decimal.NewFromInt(1), 1)), ErrUndefinedGrowth},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestBookingsTallyMerge(t *testing.T) {
	t.Parallel()
	values := []string{"10.5", "3", "0.25", "7"}
	var a, b, whole BookingsTally
	for i, s := range values {
		whole.Add(bookDec(s), "USD")
		if i < 2 {
			a.Add(bookDec(s), "USD")
		} else {
			b.Add(bookDec(s), "USD")
		}
	}
	a.AddMissing()
	whole.AddMissing()
	b.Merge(&a) // merge in the other order than the whole was added
	rb, err := b.Result("x", q1, BookingsOptions{})
	rw, err2 := whole.Result("x", q1, BookingsOptions{})
	// 10.5 + 3 + 0.25 + 7 = 20.75 from 4 deals, 1 missing.
	if err != nil || err2 != nil || !cmp.Equal(rb, rw, bookDecEq) || !rb.Amount.Equal(bookDec("20.75")) || rb.Deals != 4 || rb.Missing != 1 || rb.Currency != "USD" {
		t.Errorf("merged %v (%v), whole %v (%v)", rb, err, rw, err2)
	}
	var mixed BookingsTally
	mixed.Add(bookDec("1"), "USD")
	mixed.Add(bookDec("1"), "EUR")
	if _, err := mixed.Result("x", q1, BookingsOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("mixed Result() = %v, want ErrMixedCurrencies", err)
	}
	var empty BookingsTally
	if r, err := empty.Result("x", q1, BookingsOptions{}); err != nil || !r.Amount.IsZero() || r.Deals != 0 {
		t.Errorf("empty Result() = %v, %v; want zero", r, err)
	}
}

func TestAccountRevenueTallyMerge(t *testing.T) {
	t.Parallel()
	var a, b AccountRevenueTally
	a.Add("acme", bookDec("100"), "USD")
	a.Add("", bookDec("40"), "USD")
	b.Add("acme", bookDec("50"), "USD") // acme again: one account
	b.Add("globex", bookDec("30.5"), "USD")
	b.AddMissing()
	a.Merge(&b)
	r, err := a.Result("x", q1, BookingsOptions{})
	// 100 + 50 + 30.5 = 180.5 over acme and globex = 90.25; 40 without an account.
	if err != nil || r.Accounts != 2 || r.Deals != 3 || r.NoAccount != 1 || r.Missing != 1 ||
		!r.Revenue.Equal(bookDec("180.5")) || !r.PerAccount.Equal(bookDec("90.25")) || !r.NoAccountAmount.Equal(bookDec("40")) {
		t.Errorf("merged Result() = %v, %v", r, err)
	}
	var none AccountRevenueTally
	none.Add("", bookDec("1"), "USD")
	if _, err := none.Result("x", q1, BookingsOptions{}); !errors.Is(err, ErrNoAccounts) {
		t.Errorf("no accounts Result() = %v, want ErrNoAccounts", err)
	}
	var empty AccountRevenueTally
	if _, err := empty.Result("x", q1, BookingsOptions{}); !errors.Is(err, ErrNoWonDeals) {
		t.Errorf("empty Result() = %v, want ErrNoWonDeals", err)
	}
	var mixed AccountRevenueTally
	mixed.Add("acme", bookDec("1"), "EUR")
	mixed.Add("acme", bookDec("1"), "USD")
	if _, err := mixed.Result("x", q1, BookingsOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("mixed Result() = %v, want ErrMixedCurrencies", err)
	}
}

func TestMarginTallyMerge(t *testing.T) {
	t.Parallel()
	var a, b MarginTally
	a.Add(bookDec("100"), bookDec("60"), "USD")
	b.Add(bookDec("50.5"), bookDec("0.5"), "USD")
	b.AddNoCost()
	a.Merge(&b)
	m, err := a.Result("x", q1, MarginOptions{})
	// Revenue 150.5, cost 60.5, margin 90, 90 / 150.5 = 0.59800664451827242525 (20 places).
	if err != nil || m.Deals != 2 || m.NoCost != 1 || !m.Amount.Equal(bookDec("90")) ||
		!m.Ratio.Equal(bookDec("0.59800664451827242525")) || math.Abs(m.Rate-90/150.5) > 1e-15 {
		t.Errorf("merged Result() = %v (%s), %v", m, m.Ratio, err)
	}
	var onlyNoCost MarginTally
	onlyNoCost.AddNoCost()
	if _, err := onlyNoCost.Result("x", q1, MarginOptions{}); !errors.Is(err, ErrNoCosts) {
		t.Errorf("no cost Result() = %v, want ErrNoCosts", err)
	}
	var mixed MarginTally
	mixed.Add(bookDec("1"), bookDec("1"), "USD")
	mixed.Add(bookDec("1"), bookDec("1"), "EUR")
	if _, err := mixed.Result("x", q1, MarginOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("mixed Result() = %v, want ErrMixedCurrencies", err)
	}
}

// bookFuzzDeals makes up to 30 valid deals from fuzz bytes: four reps, four
// accounts and none, won, lost and open over 2024 and 2025, amounts with up
// to two decimals, optional ACV, TCV and cost, some in EUR when eur is set.
func bookFuzzDeals(data []byte, eur bool) []activity.Deal {
	i := 0
	next := func() int {
		if i >= len(data) {
			return 0
		}
		i++
		return int(data[i-1])
	}
	money := func() decimal.Decimal { return decimal.New(int64(next()*next()), -int32(next()%3)) }
	optional := func() activity.Optional[decimal.Decimal] {
		if next()%3 == 0 {
			return activity.Optional[decimal.Decimal]{}
		}
		return activity.Some(money())
	}
	var deals []activity.Deal
	for n := range next() % 31 {
		created := date(2024, 1, 1).Add(time.Duration(next()) * 60 * time.Hour)
		d := activity.Deal{
			ID: fmt.Sprintf("F%d", n), Owner: fmt.Sprintf("r%d", next()%4), Territory: fmt.Sprintf("t%d", next()%3),
			Currency: "USD", Amount: money(), ACV: optional(), TCV: optional(), Cost: optional(), CreatedAt: created,
		}
		if a := next() % 5; a > 0 {
			d.Account = fmt.Sprintf("a%d", a)
		}
		if eur && next()%2 == 0 {
			d.Currency = "EUR"
		}
		switch next() % 4 {
		case 0, 1:
			d.Status, d.Stage = activity.StatusWon, activity.StageClosedWon
			d.ClosedAt = created.Add(time.Duration(next()) * 31 * time.Hour)
		case 2:
			d.Status, d.Stage = activity.StatusLost, activity.StageClosedLost
			d.ClosedAt = created.Add(time.Duration(next()) * 31 * time.Hour)
		default:
			d.Status, d.Stage = activity.StatusOpen, activity.StageDemo
		}
		deals = append(deals, d)
	}
	return deals
}

// FuzzBookingsBy asserts, for random small deal sets: no panic; the groups
// of BookingsBy add up exactly to Bookings' total (deals, missing and
// amount), and a series' periods to the bookings over the series; and
// shuffling the input deals changes no result of Bookings, BookingsBy,
// BookingsSeries, RevenuePerAccount or GrossMargin.
func FuzzBookingsBy(f *testing.F) {
	f.Add([]byte{12, 5, 1, 2, 3, 1, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0, 4, 4, 7}, uint8(0))
	f.Add([]byte{29, 200, 3, 255, 255, 3, 2, 2, 50, 100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 99, 98, 97}, uint8(3))
	f.Add([]byte{30, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, uint8(7))
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: date(2023, 1, 1), Rate: bookDec("1.0875")},
		{From: "EUR", To: "USD", On: date(2024, 7, 1), Rate: bookDec("1.12")},
	})
	if err != nil {
		f.Fatal(err)
	}
	span := activity.Period{Start: date(2024, 1, 1), End: date(2026, 1, 1), Name: "2024–25"}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		eur := mode&4 != 0 // EUR deals; a conversion when mode%4 is 1 or 3
		deals := bookFuzzDeals(data, eur)
		ix := bookIndex(t, deals)
		// A shuffle: rotate by mode, then reverse.
		shuffled := slices.Clone(deals)
		if len(shuffled) > 0 {
			k := int(mode) % len(shuffled)
			shuffled = append(shuffled[k:], shuffled[:k]...)
		}
		slices.Reverse(shuffled)
		six := bookIndex(t, shuffled)

		var conv *activity.Conversion
		switch mode % 4 {
		case 1:
			conv = &activity.Conversion{To: "USD", Converter: rates}
		case 3:
			conv = &activity.Conversion{To: "USD", Converter: rates, Date: activity.RateAtPeriodEnd}
		}
		same := func(what string, a, b any, errA, errB error) {
			t.Helper()
			if (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
				t.Fatalf("%s: errors differ after shuffling: %v / %v", what, errA, errB)
			}
			if diff := cmp.Diff(a, b, bookDecEq); diff != "" {
				t.Fatalf("%s differs after shuffling (-original +shuffled):\n%s", what, diff)
			}
		}
		for _, basis := range []BookingsBasis{BookingsAmount, BookingsACV, BookingsTCV} {
			opt := BookingsOptions{Basis: basis, Conversion: conv}
			whole, err := Bookings(ix.All(), span, opt)
			sw, serr := Bookings(six.All(), span, opt)
			same("Bookings", whole, sw, err, serr)
			if err != nil {
				if !errors.Is(err, ErrMixedCurrencies) || conv != nil {
					t.Fatalf("Bookings(%v) = %v", basis, err)
				}
				continue
			}
			for _, by := range []activity.By{activity.ByRep(), activity.ByTerritory(), activity.ByAttribute("region"),
				activity.ByPeriod(activity.Calendar{}, activity.Quarterly), activity.ByPeriod(activity.Calendar{}, 0)} {
				groups, err := BookingsBy(ix.All(), span, by, opt)
				sg, serr := BookingsBy(six.All(), span, by, opt)
				same(fmt.Sprintf("BookingsBy(%v, %v)", basis, by), groups, sg, err, serr)
				if err != nil {
					t.Fatalf("BookingsBy(%v, %v) = %v", basis, by, err)
				}
				var deals, missing int64
				sum := decimal.Zero
				for _, g := range groups {
					if g.Undefined != "" {
						t.Fatalf("BookingsBy(%v) group %q undefined: %s", by, g.Key, g.Undefined)
					}
					deals += g.Result.Deals
					missing += g.Result.Missing
					sum = sum.Add(g.Result.Amount)
				}
				if deals != whole.Deals || missing != whole.Missing || !sum.Equal(whole.Amount) {
					t.Fatalf("BookingsBy(%v, %v) groups add to %d deals, %d missing, %s; Bookings %d, %d, %s",
						basis, by, deals, missing, sum, whole.Deals, whole.Missing, whole.Amount)
				}
			}
			tr, err := BookingsSeries(ix.All(), activity.Calendar{}, activity.Monthly, span.Start, span.End, opt)
			str, serr := BookingsSeries(six.All(), activity.Calendar{}, activity.Monthly, span.Start, span.End, opt)
			same("BookingsSeries", tr, str, err, serr)
			if basis == BookingsAmount && mode%4 == 0 { // rendering is slow: once, unconverted
				fuzzRender(t, "BookingsSeries", tr)
			}
			if err != nil {
				t.Fatalf("BookingsSeries(%v) = %v", basis, err)
			}
			if len(tr.Points) != 24 {
				t.Fatalf("BookingsSeries() has %d points, want 24", len(tr.Points))
			}
			if conv == nil || conv.Date != activity.RateAtPeriodEnd { // each month at its own end differs
				sum := decimal.Zero
				for _, p := range tr.Points {
					sum = sum.Add(p.Bookings.Amount)
					for _, g := range []GrowthRate{p.PeriodOverPeriod, p.YearOverYear} {
						if math.IsNaN(g.Rate) || math.IsInf(g.Rate, 0) {
							t.Fatalf("growth %v", g)
						}
					}
				}
				if !sum.Equal(whole.Amount) {
					t.Fatalf("series adds to %s, Bookings %s", sum, whole.Amount)
				}
			}
			ar, err := RevenuePerAccount(ix.All(), span, opt)
			sar, serr := RevenuePerAccount(six.All(), span, opt)
			same("RevenuePerAccount", ar, sar, err, serr)
			if err == nil && !ar.Revenue.Add(ar.NoAccountAmount).Equal(whole.Amount) {
				t.Fatalf("RevenuePerAccount %s + %s, Bookings %s", ar.Revenue, ar.NoAccountAmount, whole.Amount)
			}
		}
		m, err := GrossMargin(ix.All(), span, MarginOptions{Conversion: conv})
		sm, serr := GrossMargin(six.All(), span, MarginOptions{Conversion: conv})
		same("GrossMargin", m, sm, err, serr)
		if err == nil && (math.IsNaN(m.Rate) || math.IsInf(m.Rate, 0) || !m.Amount.Equal(m.Revenue.Sub(m.Cost))) {
			t.Fatalf("GrossMargin = %v", m)
		}
	})
}

// TestEmptyResultsCurrency checks that a pipeline with nothing open reads
// in the book's one currency, as an empty bookings total does.
func TestEmptyResultsCurrency(t *testing.T) {
	t.Parallel()
	ix := bookIndex(t, bookDeals())
	later := activity.Period{Start: date(2030, 1, 1), End: date(2030, 4, 1), Name: "2030 Q1"}
	p, err := OpenPipeline(ix.All(), later, PipelineOptions{AsOf: date(2030, 1, 1)})
	if err != nil || p.Deals != 0 || p.Currency != "USD" || !strings.Contains(p.String(), "pipeline 0.00 USD") {
		t.Errorf("OpenPipeline(nothing open) = %v, %v; want 0.00 USD", p, err)
	}
	two := bookIndex(t, bookEURDeals())
	if p, err := OpenPipeline(two.All(), later, PipelineOptions{AsOf: date(2030, 1, 1)}); err != nil || p.Currency != "" {
		t.Errorf("OpenPipeline(nothing open, two currencies) = %v, %v; want no currency", p, err)
	}
}
