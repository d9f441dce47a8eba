package customers

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestRecurringRevenue works MRR, ARR and growth by hand over three
// accounts:
//
//	a  monthly 100 from 1 January
//	b  quarterly 1,000 from 1 February (MRR 1000/3 = 333.333…, ARR 4,000)
//	c  annual 1,200 from 15 February to 1 April (MRR 100, ARR 1,200)
//
// Just before 1 February: MRR 100, ARR 1,200, 1 account. Just before 1
// March: MRR 100 + 333.333333333333 + 100 = 533.333333333333 (the sum of
// the amounts ÷ months taken once: (100×12 + 1000×4 + 1200) / 12 =
// 6400 / 12), ARR 6,400, 3 accounts. Just before 1 April the same; just
// before 1 May c has ended: MRR 433.333333333333, ARR 5,200. Growth month
// on month, exact on ARR: February (6400 − 1200) / 1200 = 4.3333…, March 0,
// April (5200 − 6400) / 6400 = −0.1875.
func TestRecurringRevenue(t *testing.T) {
	t.Parallel()
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	d := decimal.RequireFromString
	ss, err := NewSubscriptions([]Subscription{
		{ID: "s1", Account: "a", Start: day(1, 1), Amount: d("100"), Currency: "USD", BillingMonths: 1},
		{ID: "s2", Account: "b", Start: day(2, 1), Amount: d("1000"), Currency: "USD", BillingMonths: 3},
		{ID: "s3", Account: "c", Start: day(2, 15), End: day(4, 1), Amount: d("1200"), Currency: "USD", BillingMonths: 12},
	}, SubscriptionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := RecurringRevenueAt(ss, day(2, 1))
	if err != nil || !r.MRR.Equal(d("100")) || !r.ARR.Equal(d("1200")) || r.Accounts != 1 || r.Currency != "USD" {
		t.Errorf("before 1 February: %v, %v", r, err)
	}
	r, _ = RecurringRevenueAt(ss, day(3, 1))
	if !r.MRR.Equal(d("533.333333333333")) || !r.ARR.Equal(d("6400")) || r.Accounts != 3 {
		t.Errorf("before 1 March: %v", r)
	}
	cal := activity.Calendar{}
	series, err := RecurringRevenueSeries(ss, cal, activity.Monthly, day(1, 1), day(5, 1))
	if err != nil || len(series) != 4 {
		t.Fatalf("series: %v, %v", series, err)
	}
	wantMRR := []string{"100", "533.333333333333", "533.333333333333", "433.333333333333"}
	wantARR := []string{"1200", "6400", "6400", "5200"}
	wantGrowth := []string{"", "4.33333333333333333333", "0", "-0.1875"}
	for i, r := range series {
		if !r.MRR.Equal(d(wantMRR[i])) || !r.ARR.Equal(d(wantARR[i])) || !r.At.Equal(r.Period.End) {
			t.Errorf("month %d: %v", i, r)
		}
		switch {
		case i == 0 && r.Growth != nil:
			t.Errorf("month 0 has a growth: %v", r.Growth)
		case i > 0 && (r.Growth == nil || !r.Growth.Ratio.Round(20).Equal(d(wantGrowth[i]))):
			t.Errorf("month %d growth %v, want %s", i, r.Growth, wantGrowth[i])
		}
	}
	if s := series[1].String(); !strings.Contains(s, "MRR 533.33 USD, ARR 6400.00 over 3 accounts, growth +433.3% (1200 → 6400)") {
		t.Errorf("String() = %q", s)
	}
	// Growth after a month of no revenue is undefined, with the reason.
	early, err := RecurringRevenueSeries(ss, cal, activity.Monthly, day(11, 1).AddDate(-1, 0, 0), day(2, 1))
	if err != nil || early[0].MRR.Sign() != 0 || early[1].Growth.Undefined == "" {
		t.Errorf("from no revenue: %v, %v", early, err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"nil", func() error { _, err := RecurringRevenueAt(nil, day(1, 1)); return err }(), ErrInvalidOptions},
		{"zero time", func() error { _, err := RecurringRevenueAt(ss, time.Time{}); return err }(), ErrInvalidOptions},
		{"nil series", func() error {
			_, err := RecurringRevenueSeries(nil, cal, activity.Monthly, day(1, 1), day(2, 1))
			return err
		}(), ErrInvalidOptions},
		{"bad range", func() error {
			_, err := RecurringRevenueSeries(ss, cal, activity.Monthly, day(2, 1), day(1, 1))
			return err
		}(), activity.ErrInvalidPeriod},
		{"bad granularity", func() error {
			_, err := RecurringRevenueSeries(ss, cal, activity.Granularity(99), day(1, 1), day(2, 1))
			return err
		}(), activity.ErrInvalidGranularity},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}
