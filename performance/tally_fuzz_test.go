package performance

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzTallies feeds the streaming tallies (bookings, account revenue,
// margin, cycle, deal size, win rate) a fuzzed stream split in two by the
// fuzzer: the two halves merged give what one tally of the whole stream
// gives, result and error alike, and nothing panics. A split that puts
// every value on one side checks Merge of an empty tally.
func FuzzTallies(f *testing.F) {
	f.Add([]byte{12, 5, 1, 2, 3, 1, 0, 9, 7, 2, 2, 1, 3, 3, 30, 8, 2, 1, 40, 2, 0, 3, 3, 3, 1, 1, 2, 9, 0}, uint64(0b1011))
	f.Add([]byte{39, 200, 3, 255, 255, 3, 2, 2, 50, 100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, uint64(0))
	f.Add([]byte{3, 1, 1, 1, 4, 2, 2, 2, 5, 3, 3, 3}, ^uint64(0))
	year := activity.Period{Start: date(2024, 1, 1), End: date(2025, 1, 1), Name: "2024"}
	currencies := []activity.Currency{"USD", "USD", "USD", "EUR", ""}
	f.Fuzz(func(t *testing.T, data []byte, split uint64) {
		type tallies struct {
			book BookingsTally
			acct AccountRevenueTally
			marg MarginTally
			cyc  CycleTally
			size DealSizeTally
			win  WinRateTally
		}
		var whole, a, b tallies
		for i := 0; i+3 < len(data) && i < 400; i += 4 {
			amount := decimal.New(int64(data[i])*int64(data[i+1])-200, -int32(data[i+2]%4))
			cur := currencies[data[i+3]%5]
			half := &a
			if split>>(uint(i/4)%64)&1 == 1 {
				half = &b
			}
			for _, tl := range []*tallies{&whole, half} {
				switch data[i+3] % 7 {
				case 0:
					tl.book.AddMissing()
					tl.acct.AddMissing()
					tl.marg.AddNoCost()
					tl.win.AddExcluded()
				case 1:
					tl.win.AddStale(amount, cur)
				default:
					tl.book.Add(amount, cur)
					tl.acct.Add(string(rune('a'+data[i+2]%5)), amount, cur)
					tl.marg.Add(amount, decimal.New(int64(data[i+1]), -1), cur)
					tl.cyc.Add(time.Duration(data[i+2]) * time.Hour * 7)
					tl.size.Add(amount, cur)
					tl.win.Add(data[i]%2 == 0, amount, cur)
				}
			}
		}
		a.book.Merge(&b.book)
		a.acct.Merge(&b.acct)
		a.marg.Merge(&b.marg)
		a.cyc.Merge(&b.cyc)
		a.size.Merge(&b.size)
		a.win.Merge(&b.win)
		opts := cmp.Options{cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) }),
			cmp.Comparer(func(x, y error) bool { return (x == nil) == (y == nil) && (x == nil || x.Error() == y.Error()) })}
		same := func(name string, merged, one any, errMerged, errOne error) {
			t.Helper()
			if diff := cmp.Diff([]any{one, errOne}, []any{merged, errMerged}, opts); diff != "" {
				t.Fatalf("%s: merged halves differ from one tally (-one +merged):\n%s", name, diff)
			}
			if errOne == nil {
				return
			}
			for _, s := range []error{ErrNoClosedDeals, ErrNoWonDeals, ErrNoDeals, ErrMixedCurrencies, ErrNoRecords, ErrZeroDenominator, ErrNoAccounts, ErrNoCosts} {
				if errors.Is(errOne, s) {
					return
				}
			}
			t.Fatalf("%s: error %v wraps no sentinel", name, errOne)
		}
		m1, e1 := a.book.Result("x", year, BookingsOptions{})
		w1, f1 := whole.book.Result("x", year, BookingsOptions{})
		same("BookingsTally", m1, w1, e1, f1)
		m2, e2 := a.acct.Result("x", year, BookingsOptions{})
		w2, f2 := whole.acct.Result("x", year, BookingsOptions{})
		same("AccountRevenueTally", m2, w2, e2, f2)
		m3, e3 := a.marg.Result("x", year, MarginOptions{})
		w3, f3 := whole.marg.Result("x", year, MarginOptions{})
		same("MarginTally", m3, w3, e3, f3)
		m4, e4 := a.cyc.Result("x", year, CycleOptions{})
		w4, f4 := whole.cyc.Result("x", year, CycleOptions{})
		same("CycleTally", m4, w4, e4, f4)
		m5, e5 := a.size.Result("x", year, DealSizeOptions{})
		w5, f5 := whole.size.Result("x", year, DealSizeOptions{})
		same("DealSizeTally", m5, w5, e5, f5)
		m6, e6 := a.win.Result("x", year, WinRateOptions{})
		w6, f6 := whole.win.Result("x", year, WinRateOptions{})
		same("WinRateTally", m6, w6, e6, f6)
		fuzzRender(t, "tallies", []any{m1, m2, m3, m4, m5, m6})
	})
}
