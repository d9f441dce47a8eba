package compensation

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzCreditDeals splits a deal of any amount among up to six reps with
// shares that total 1: the primary credits add up exactly to the amount,
// none is negative for a positive amount, and every credit id is unique.
func FuzzCreditDeals(f *testing.F) {
	f.Add(int64(1000001), []byte{40, 35, 25})
	f.Add(int64(1), []byte{1, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, cents int64, weights []byte) {
		if len(weights) == 0 || len(weights) > 6 {
			return
		}
		var sum int64
		for _, w := range weights {
			sum += int64(w) + 1
		}
		amount := decimal.New(cents, -2)
		deals := []activity.Deal{{ID: "D", Owner: "o", Amount: amount, Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 1, 2)}}
		var splits []Split
		left := decimal.NewFromInt(1)
		for i, w := range weights {
			share := decimal.NewFromInt(int64(w)+1).DivRound(decimal.NewFromInt(sum), 8)
			if i == len(weights)-1 {
				share = left
			}
			left = left.Sub(share)
			if !share.IsPositive() {
				return
			}
			splits = append(splits, Split{Deal: "D", Rep: string(rune('a' + i)), Share: share})
		}
		credits, err := CreditDeals(deals, CreditingOptions{Splits: splits})
		if amount.IsNegative() {
			// A negative amount is no deal to credit (activity.Deal refuses it too).
			if !errors.Is(err, ErrInvalidCredit) {
				t.Fatalf("negative amount %s: %v, want ErrInvalidCredit", amount, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		total := decimal.Zero
		ids := map[string]bool{}
		for _, c := range credits {
			total = total.Add(c.Amount)
			if ids[c.ID] || (amount.IsPositive() && c.Amount.IsNegative()) {
				t.Fatalf("credit %+v", c)
			}
			ids[c.ID] = true
		}
		if !total.Equal(amount) {
			t.Fatalf("credits add up to %s, the deal is %s", total, amount)
		}
	})
}
