package customers

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// fuzzBook decodes subscriptions from fuzz bytes, 7 bytes each: account,
// product, start day, length in days (0: running), amount, billing interval,
// change. Some come out invalid on purpose.
func fuzzBook(data []byte) []Subscription {
	var subs []Subscription
	months := []int{0, 1, 3, 12, 7, 24, -1, 121}
	base := utcDay(2024, 1, 1)
	for i := 0; i+7 <= len(data) && len(subs) < 64; i += 7 {
		b := data[i : i+7]
		s := Subscription{
			ID: string(rune('a' + len(subs))), Account: string(rune('A' + b[0]%5)), Product: string(rune('p' + b[1]%2)),
			Start:    base.Add(time.Duration(b[2]) * 24 * time.Hour),
			Amount:   decimal.New(int64(b[4])-8, -int32(b[4]%3)),
			Currency: "USD", BillingMonths: months[b[5]%8],
		}
		if b[3] > 0 {
			s.End = s.Start.Add(time.Duration(b[3]) * 12 * time.Hour)
		}
		if b[6] > 128 {
			s.Changes = []AmountChange{{At: s.Start.Add(time.Duration(b[6]-128) * 24 * time.Hour), Amount: decimal.New(int64(b[6]), -1)}}
		}
		subs = append(subs, s)
	}
	return subs
}

// FuzzSubscriptions checks that any book is either refused with record
// errors or indexed, that movements add up exactly (closing = opening + new
// + reactivation + expansion − contraction − churn, in amounts and in
// customers), that GRR never exceeds 1, and that the input order changes
// nothing.
func FuzzSubscriptions(f *testing.F) {
	f.Add([]byte{0, 0, 10, 0, 100, 1, 0, 1, 0, 20, 60, 120, 3, 200, 0, 1, 40, 30, 50, 2, 0})
	f.Add([]byte{2, 1, 0, 255, 255, 3, 129, 2, 0, 200, 0, 9, 0, 0, 3, 1, 5, 5, 17, 4, 140})
	f.Fuzz(func(t *testing.T, data []byte) {
		subs := fuzzBook(data)
		// Each record: Validate's error wraps a sentinel, and the record
		// round-trips through JSON.
		for _, sub := range subs {
			fuzzcheck.Check(t, "Subscription.Validate", nil, sub.Validate(), entrySentinels)
			b, err := json.Marshal(sub)
			if err != nil {
				t.Fatalf("json.Marshal(%+v): %v", sub, err)
			}
			var back Subscription
			err = json.Unmarshal(b, &back)
			fuzzcheck.Check(t, "Subscription.UnmarshalJSON", nil, err, entrySentinels)
			if err == nil && fmt.Sprint(back) != fmt.Sprint(sub) {
				t.Fatalf("JSON %s reads back as %+v, not %+v", b, back, sub)
			}
		}
		ss, err := NewSubscriptions(subs, SubscriptionOptions{SkipInvalid: true})
		if err != nil {
			t.Fatalf("SkipInvalid: %v", err)
		}
		if ss.Len()+len(ss.Skipped()) < len(subs) {
			t.Fatalf("%d kept + %d skipped < %d records", ss.Len(), len(ss.Skipped()), len(subs))
		}
		for _, e := range ss.Skipped() {
			var re *activity.RecordError
			if !errors.As(e, &re) {
				t.Fatalf("skipped %v is not a RecordError", e)
			}
		}
		p := activity.Period{Start: utcDay(2024, 2, 1), End: utcDay(2024, 5, 1)}
		tally, err := ss.movements(p)
		if err != nil {
			t.Fatal(err)
		}
		in := tally.opening.Decimal().Add(tally.newMRR.Decimal()).Add(tally.react.Decimal()).Add(tally.expansion.Decimal())
		out := tally.contraction.Decimal().Add(tally.churn.Decimal())
		if !in.Sub(out).Equal(tally.end.Decimal()) {
			t.Fatalf("movements do not add up: %v", tally.Result(p, "USD"))
		}
		m := tally.Result(p, ss.Currency())
		if m.OpeningCustomers+m.NewCustomers+m.ReactivatedCustomers-m.ChurnedCustomers != m.ClosingCustomers {
			t.Fatalf("customers do not add up: %v", m)
		}
		fuzzRender(t, "Movements", m)
		if r, err := Retention(ss, p, RetentionOptions{Compounding: CompoundMonthly}); err == nil {
			if r.GRR > 1 || r.GRR < 0 || r.NRR < 0 {
				t.Fatalf("Retention = %v", r)
			}
			fuzzRender(t, "Retention", r)
		} else if !errors.Is(err, ErrNoRevenue) {
			t.Fatal(err)
		}
		rows, err := Cohorts(ss, p, activity.ByPeriod(activity.Calendar{}, 0))
		if err != nil {
			t.Fatal(err)
		}
		fuzzRender(t, "Cohorts", rows)
		rc, err := RevenueChurnRate(ss, p, RevenueChurnOptions{Reactivation: len(data)%2 == 1})
		fuzzcheck.Check(t, "RevenueChurnRate", rc, err, entrySentinels)
		fuzzRender(t, "RevenueChurnRate", rc)
		for _, r := range rows {
			for k, a := range r.Active {
				if a > r.Customers || (r.Customers > 0 && (r.Logo[k] > 1 || r.Revenue[k] < 0)) {
					t.Fatalf("cohort row %+v", r)
				}
			}
		}
		// The one-walk series agrees with each period on its own.
		series, err := MovementsBy(ss, p, activity.ByPeriod(activity.Calendar{}, 0))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range series {
			one, err := Movements(ss, q.Period)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(one, q, cmpDec); d != "" {
				t.Fatalf("MovementsBy vs Movements (-one +series):\n%s", d)
			}
		}
		// Recurring revenue: the closing MRR of each month is the one the
		// movements close at, and ARR is twelve times it (to the rounding
		// of MRR's twelfths).
		rr, err := RecurringRevenueSeries(ss, activity.Calendar{}, activity.Monthly, p.Start, p.End)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rr {
			if !r.MRR.Equal(series[i].Closing) || r.ARR.Sub(r.MRR.Mul(decimal.NewFromInt(12))).Abs().GreaterThan(decimal.New(1, -10)) ||
				r.Accounts != series[i].ClosingCustomers {
				t.Fatalf("recurring revenue %v, movements close at %v", r, series[i])
			}
			_ = r.String()
			at, err := RecurringRevenueAt(ss, r.At)
			if err != nil || !at.ARR.Equal(r.ARR) || at.Accounts != r.Accounts {
				t.Fatalf("RecurringRevenueAt(%v) = %v, %v; the series has %v", r.At, at, err, r)
			}
		}
		// Accounts split over two sets: the merged tallies are the whole,
		// and so is a tally fed account by account through Add.
		var even, odd []Subscription
		for _, sub := range subs {
			if sub.Account[0]%2 == 0 {
				even = append(even, sub)
			} else {
				odd = append(odd, sub)
			}
		}
		se, err1 := NewSubscriptions(even, SubscriptionOptions{SkipInvalid: true})
		so, err2 := NewSubscriptions(odd, SubscriptionOptions{SkipInvalid: true})
		if err1 == nil && err2 == nil {
			te, _ := se.movements(p)
			to, _ := so.movements(p)
			to.Merge(te)
			if d := cmp.Diff(m, to.Result(p, ss.Currency()), cmpDec); d != "" && len(ss.Skipped()) == len(se.Skipped())+len(so.Skipped()) {
				t.Fatalf("merged halves (-whole +merged):\n%s", d)
			}
		}
		var byAdd MovementTally
		for a, name := range ss.accounts {
			byAdd.Add(ss.MRR(name, p.Start), ss.MRR(name, p.End), ss.first[a] < ixcols.Nanos(p.Start), false)
		}
		if got := byAdd.Result(p, ss.Currency()); got.OpeningCustomers != m.OpeningCustomers || got.ClosingCustomers != m.ClosingCustomers ||
			got.NewCustomers != m.NewCustomers || got.ChurnedCustomers != m.ChurnedCustomers || got.ExpandedCustomers != m.ExpandedCustomers {
			t.Fatalf("Add: %v, want %v", got, m)
		}
		// Another input order, the same result.
		rev := slices.Clone(subs)
		slices.Reverse(rev)
		ss2, err := NewSubscriptions(rev, SubscriptionOptions{SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		m2, err := Movements(ss2, p)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(m, m2, cmpDec); d != "" {
			t.Fatalf("reversed input (-first +reversed):\n%s", d)
		}
	})
}
