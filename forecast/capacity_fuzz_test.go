package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzCapacity plans with arbitrary quotas, attainment, attrition, ramp and
// lead time: either an error from the documented set, or a plan whose
// hires cover the target and whose one hire fewer would not.
func FuzzCapacity(f *testing.F) {
	f.Add(uint16(60000), uint8(85), uint8(2), uint8(25), uint8(2), uint8(12), uint32(4000000))
	f.Add(uint16(1), uint8(0), uint8(100), uint8(0), uint8(20), uint8(1), uint32(1))
	f.Fuzz(func(t *testing.T, quota uint16, attain, attrition, ramp, lead, months uint8, target uint32) {
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		p := activity.Period{Start: start, End: start.AddDate(0, int(months%40), 0)}
		opts := CapacityOptions{
			QuotaPerRep: decimal.NewFromInt(int64(quota)), Attainment: decimal.New(int64(attain), -2),
			MonthlyAttrition: decimal.New(int64(attrition), -2), HiringLeadMonths: int(lead % 50),
			Ramp: []decimal.Decimal{decimal.New(int64(ramp), -2), decimal.New(int64(ramp)*2, -2)},
		}
		reps := []activity.Rep{{ID: "a", HiredAt: start.AddDate(-1, 0, 0)}, {ID: "b", HiredAt: start.AddDate(0, 1, 0), Ramp: opts.Ramp}}
		h, err := RepsNeeded(reps, decimal.NewFromInt(int64(target)), p, opts)
		if err != nil {
			if errors.Is(err, ErrInvalidOptions) || errors.Is(err, ErrUndefined) || errors.Is(err, activity.ErrInvalidPeriod) {
				return
			}
			t.Fatalf("RepsNeeded: %v", err)
		}
		if h.With.LessThan(h.Target) && h.Hires > 0 {
			t.Fatalf("%v falls short: %s", h, h.With)
		}
		if h.Hires > 0 && h.Existing.Add(h.PerHire.Mul(decimal.NewFromInt(h.Hires-1))).GreaterThanOrEqual(h.Target) {
			t.Fatalf("%v: one hire fewer would do", h)
		}
		for _, m := range h.Team.Months {
			if m.Capacity.IsNegative() || m.Reps.IsNegative() {
				t.Fatalf("negative month %+v", m)
			}
		}
		fuzzRender(t, "RepsNeeded", h)
	})
}
