package customers

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// FuzzLTV values customers with arbitrary ARPA, churn, margin, discount and
// horizon: an error from the documented set or a value that is finite, not
// above the unbounded one, and growing with the horizon.
func FuzzLTV(f *testing.F) {
	f.Add(int64(10000), uint16(500), uint16(8000), uint16(100), uint16(36), false)
	f.Add(int64(1), uint16(0), uint16(10000), uint16(0), uint16(0), true)
	f.Fuzz(func(t *testing.T, arpa int64, churn, margin, discount, horizon uint16, end bool) {
		opts := LTVOptions{Margin: activity.Some(decimal.New(int64(margin), -4)), DiscountRate: decimal.New(int64(discount), -4), Horizon: int(horizon % 600)}
		if end {
			opts.Timing = ReceivedAtEnd
		}
		a, c := decimal.New(arpa, -2), decimal.New(int64(churn), -4)
		v, err := LTV(a, c, opts)
		if err != nil {
			if errors.Is(err, ErrInvalidOptions) || errors.Is(err, ErrZeroChurn) {
				return
			}
			t.Fatal(err)
		}
		if math.IsNaN(v.Float) || math.IsInf(v.Float, 0) || v.Value.IsNegative() {
			t.Fatalf("LTV = %v", v)
		}
		fuzzRender(t, "LTV", v)
		// Payback of a CAC from the same bytes, at the same ARPA and margin:
		// never negative.
		pb, err := CACPayback(decimal.New(int64(discount)*int64(horizon), -2), a, opts.Margin, "USD")
		fuzzcheck.Check(t, "CACPayback", pb, err, entrySentinels)
		if err == nil && (pb.Months.IsNegative() || pb.Float < 0) {
			t.Fatalf("CACPayback = %+v", pb)
		}
		fuzzRender(t, "CACPayback", pb)
		fuzzEnumText(t, opts.Timing, []byte{byte(churn), byte(margin), byte(discount)}[:horizon%4%3])
		fuzzEnumText(t, Timing(horizon>>8), []byte("received_at_start"[:horizon%18]))
		if opts.Horizon == 0 {
			return
		}
		opts.Horizon++
		longer, err := LTV(a, c, opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.Horizon = 0
		unbounded, err := LTV(a, c, opts)
		if err == nil && v.Value.GreaterThan(unbounded.Value.Add(decimal.New(1, -15))) {
			t.Fatalf("%d periods worth %s > unbounded %s", opts.Horizon, v.Value, unbounded.Value)
		}
		if longer.Value.LessThan(v.Value.Sub(decimal.New(1, -15))) {
			t.Fatalf("one more period lowers the value: %s < %s", longer.Value, v.Value)
		}
		if m, err := MonthlyChurn(c.InexactFloat64()); err == nil {
			if back, _ := AnnualChurn(m); math.Abs(back-c.InexactFloat64()) > 1e-12 {
				t.Fatalf("AnnualChurn(MonthlyChurn(%s)) = %v", c, back)
			}
		}
	})
}
