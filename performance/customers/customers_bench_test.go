package customers

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// benchBook returns a seeded book of n accounts over the 36 months from
// 2023: about one subscription and a half per account, a third re-priced,
// two fifths ended, a tenth with a second product; billing monthly,
// quarterly or yearly.
func benchBook(n int) []Subscription {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	start := utcDay(2023, 1, 1)
	day := 24 * time.Hour
	subs := make([]Subscription, 0, n*3/2)
	months := []int{1, 1, 1, 3, 12}
	for a := range n {
		account := fmt.Sprintf("acct-%07d", a)
		products := 1
		if r.IntN(10) == 0 {
			products = 2
		}
		for p := range products {
			s := Subscription{
				ID: fmt.Sprintf("%s-%d", account, p), Account: account, Product: fmt.Sprint(p),
				Start:    start.Add(time.Duration(r.IntN(36*30)) * day),
				Amount:   decimal.New(int64(10+r.IntN(990))*100, -2),
				Currency: "USD", BillingMonths: months[r.IntN(len(months))],
			}
			if r.IntN(3) == 0 {
				s.Changes = []AmountChange{{At: s.Start.Add(time.Duration(1+r.IntN(300)) * day), Amount: decimal.New(int64(10+r.IntN(990))*100, -2)}}
			}
			if r.IntN(5) < 2 {
				s.End = s.Start.Add(time.Duration(400+r.IntN(400)) * day)
			}
			subs = append(subs, s)
		}
	}
	return subs
}

var benchCustomerSizes = []int{1_000, 10_000, 100_000}

func BenchmarkNewSubscriptions(b *testing.B) {
	for _, n := range benchCustomerSizes {
		subs := benchBook(n)
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewSubscriptions(subs, SubscriptionOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMovementsBy36 is the yardstick: the movements of each of
// 36 months over n accounts.
func BenchmarkMovementsBy36(b *testing.B) {
	p := activity.Period{Start: utcDay(2023, 1, 1), End: utcDay(2026, 1, 1)}
	for _, n := range benchCustomerSizes {
		ss, err := NewSubscriptions(benchBook(n), SubscriptionOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := MovementsBy(ss, p, activity.ByPeriod(activity.Calendar{}, 0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRetention12 is twelve months' NRR and GRR, point to point and
// compounded monthly.
func BenchmarkRetention12(b *testing.B) {
	p := activity.Period{Start: utcDay(2024, 1, 1), End: utcDay(2025, 1, 1)}
	for _, n := range benchCustomerSizes {
		ss, err := NewSubscriptions(benchBook(n), SubscriptionOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range []Compounding{PointToPoint, CompoundMonthly} {
			b.Run(fmt.Sprintf("accounts=%d/%v", n, c), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Retention(ss, p, RetentionOptions{Compounding: c}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkCohorts36(b *testing.B) {
	p := activity.Period{Start: utcDay(2023, 1, 1), End: utcDay(2026, 1, 1)}
	for _, n := range benchCustomerSizes {
		ss, err := NewSubscriptions(benchBook(n), SubscriptionOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Cohorts(ss, p, activity.ByPeriod(activity.Calendar{}, 0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenewals: a year's renewals of a book whose subscriptions all
// have a one-year term.
func BenchmarkRenewals(b *testing.B) {
	for _, n := range append(benchCustomerSizes, 1_000_000) {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1e6 accounts in -short mode")
			}
			subs := benchBook(n)
			for i := range subs {
				subs[i].TermMonths, subs[i].NoticeDays = 12, 30
			}
			ss, err := NewSubscriptions(subs, SubscriptionOptions{})
			if err != nil {
				b.Fatal(err)
			}
			year := activity.Period{Start: utcDay(2024, 1, 1), End: utcDay(2025, 1, 1)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Renewals(ss, year, RenewalOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
