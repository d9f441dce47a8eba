package territory

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

// FuzzAssign designs books made of the bytes (few reps, regions and
// segments; potentials, workloads and capacities small, so that ties,
// zero weights of potential, owners and infeasible capacities are common):
// no panic; every error wraps a sentinel; every account placed once, with
// a rep that exists, within capacity, kept ones with their owner; the
// imbalance no lower than its bound.
func FuzzAssign(f *testing.F) {
	f.Add([]byte{3, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1})
	f.Add([]byte{1, 2, 0, 0, 0, 9, 9, 9, 0, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		i := 0
		next := func() int {
			if i >= len(data) {
				return 0
			}
			i++
			return int(data[i-1])
		}
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		m := 1 + next()%5
		reps := make([]Rep, m)
		for r := range reps {
			reps[r] = Rep{ID: fmt.Sprint("r", r), Region: []string{"", "n", "s"}[next()%3], Weight: decimal.New(int64(next()%4), 0),
				Experience: map[string]float64{"a": float64(next()%11) / 10}}
			if c := next() % 5; c > 0 {
				reps[r].Capacity = decimal.NewFromInt(int64(c * 4))
			}
		}
		n := next() % 24
		accounts := make([]activity.Account, n)
		for k := range accounts {
			accounts[k] = activity.Account{ID: fmt.Sprint("a", k), Region: []string{"", "n", "s"}[next()%3], Segment: []string{"", "a", "b"}[next()%3],
				Potential: activity.Some(decimal.NewFromInt(int64(next() % 50))), Currency: "USD", Workload: activity.Some(decimal.NewFromInt(int64(next() % 6)))}
			if next()%4 == 0 {
				accounts[k].Owner = fmt.Sprint("r", next()%(m+1))
			}
		}
		total := decimal.NewFromInt(int64(next()) * 1000)
		if qs, err := TerritoryQuotas(accounts, total, "USD", base); err == nil {
			var sum decimal.Decimal
			for _, q := range qs {
				sum = sum.Add(q.Amount)
			}
			if len(qs) > 0 && !sum.Equal(total) {
				t.Fatalf("territory quotas add up to %s", sum)
			}
		} else if !errors.Is(err, ErrInvalidOptions) && !errors.Is(err, ErrMixedCurrencies) && !errors.Is(err, compensation.ErrInvalidOptions) {
			t.Fatalf("territory quotas: %v", err)
		}
		opts := Options{Keep: next()%2 == 0, Balance: Balance(next() % 2), FitWeight: float64(next()%5-1) / 4}
		a, err := Assign(accounts, reps, opts)
		if err != nil {
			if !errors.Is(err, ErrInvalidOptions) && !errors.Is(err, ErrInfeasible) && !errors.Is(err, ErrMixedCurrencies) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		work := map[string]decimal.Decimal{}
		for k, p := range a.Placed {
			if p.Account != accounts[k].ID {
				t.Fatalf("placed %d is %q", k, p.Account)
			}
			work[p.Rep] = work[p.Rep].Add(accounts[k].Workload.Value)
			if opts.Keep && p.Reason != ReasonKept && accounts[k].Owner != "" {
				for _, r := range reps {
					if r.ID == accounts[k].Owner {
						t.Fatalf("account %s not kept with %s", p.Account, r.ID)
					}
				}
			}
		}
		placed := 0
		for _, b := range a.Books {
			placed += b.Accounts
			for _, r := range reps {
				if r.ID == b.Rep && r.Capacity.IsPositive() && work[b.Rep].GreaterThan(r.Capacity) {
					t.Fatalf("rep %s over capacity", r.ID)
				}
			}
		}
		if placed != n || a.Imbalance < a.Bound-1e-9 {
			t.Fatalf("%d placed of %d; imbalance %v, bound %v", placed, n, a.Imbalance, a.Bound)
		}
	})
}
