package compensation

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzAllocate splits arbitrary totals by arbitrary weights. Invariants:
// the quotas add up exactly to round(total × (1 + over-assignment)), none is
// negative, each is within one minor unit of its exact share, they come
// back sorted by rep, and any input order gives the same quotas.
func FuzzAllocate(f *testing.F) {
	f.Add(int64(100000000), uint16(1000), uint8(0), []byte{3, 0, 2, 0, 2, 0}, uint8(1))
	f.Add(int64(1), uint16(0), uint8(1), []byte{0, 0, 1, 0, 0, 0, 1, 0}, uint8(3))
	f.Add(int64(9223372036854775807), uint16(65535), uint8(2), []byte{255, 30, 1, 0, 7, 5}, uint8(2))
	f.Add(int64(60), uint16(0), uint8(1), []byte{1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, uint8(0))
	f.Fuzz(func(t *testing.T, units int64, overBP uint16, cur uint8, raw []byte, rot uint8) {
		if units < 0 || len(raw) < 2 || len(raw) > 200 {
			return
		}
		currency := []activity.Currency{"USD", "JPY", "KWD", "CLF"}[cur%4]
		scale := currency.MinorUnits()
		total := decimal.New(units, -scale-1) // a tenth of a minor unit, so rounding matters
		over := decimal.New(int64(overBP), -4)
		var ws []Weight
		for i := 0; i+1 < len(raw); i += 2 {
			// value × 10^-(exp mod 25): up to 24 decimal places, which
			// sends some inputs down the big-integer path.
			ws = append(ws, Weight{Rep: fmt.Sprintf("r%03d", (i/2*37)%101), Weight: decimal.New(int64(raw[i]), -int32(raw[i+1]%25))})
			peRoundTrip(t, ws[len(ws)-1])
		}
		slices.SortFunc(ws, func(a, b Weight) int { return strings.Compare(a.Rep, b.Rep) })
		ws = slices.CompactFunc(ws, func(a, b Weight) bool { return a.Rep == b.Rep })
		opts := AllocateOptions{Period: qpQ1, OverAssignment: over}
		// Shuffle deterministically: rotate, then reverse every other run.
		in := slices.Clone(ws)
		r := int(rot) % len(in)
		in = append(in[r:], in[:r]...)
		if rot%2 == 1 {
			slices.Reverse(in)
		}
		qs, err := Allocate(total, currency, in, opts)
		allZero := !slices.ContainsFunc(ws, func(w Weight) bool { return w.Weight.IsPositive() })
		if allZero {
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("all-zero weights: err %v, want ErrInvalidOptions", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		want := total.Mul(decimal.NewFromInt(1).Add(over)).Round(scale)
		sum := decimal.Zero
		wsum := new(big.Rat)
		for _, w := range ws {
			wsum.Add(wsum, w.Weight.Rat())
		}
		unit := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
		for i, q := range qs {
			v := q.Amount.Value
			if v.IsNegative() {
				t.Fatalf("negative quota %v", q)
			}
			if q.Rep != ws[i].Rep {
				t.Fatalf("quota %d is for %q, want %q (sorted by rep)", i, q.Rep, ws[i].Rep)
			}
			exact := new(big.Rat).Mul(want.Rat(), ws[i].Weight.Rat())
			exact.Quo(exact, wsum)
			diff := new(big.Rat).Sub(v.Rat(), exact)
			if diff.Abs(diff).Cmp(unit) >= 0 {
				t.Fatalf("quota %s for %s is a unit or more from its exact share %s", v, q.Rep, exact.FloatString(int(scale)+4))
			}
			sum = sum.Add(v)
		}
		if !sum.Equal(want) {
			t.Fatalf("quotas add up to %s, want %s", sum, want)
		}
		again, err := Allocate(total, currency, ws, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(qpAmounts(qs), qpAmounts(again)); diff != "" {
			t.Fatalf("input order changed the quotas (-shuffled +sorted):\n%s", diff)
		}
	})
}

// FuzzProrate prorates arbitrary quotas for arbitrary hires, leaves, ramps
// and seasonal weights. Invariants: no panic; the months add up exactly to
// the prorated total, which is the exact sum recomputed from the
// explanation and rounded half away from zero; no part is negative or
// above the full quota rounded to minor units; a month without days in
// seat gets zero; each part is within one unit of its exact amount; the
// order of the calendar's holidays does not matter.
func FuzzProrate(f *testing.F) {
	f.Add(int64(3000000), uint8(0), uint8(3), int16(45), int16(0), []byte{0, 25, 50, 75}, []byte{}, false, false, false)
	f.Add(int64(80000000), uint8(0), uint8(12), int16(151), int16(0), []byte{}, []byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2}, false, false, true)
	f.Add(int64(20), uint8(5), uint8(1), int16(15), int16(25), []byte{50}, []byte{}, true, true, false)
	f.Add(int64(1), uint8(11), uint8(24), int16(-30), int16(400), []byte{100, 0, 33}, []byte{0, 7, 0}, true, false, true)
	// A quota of 300.0097 USD, more precise than cents, all in seat: the
	// part rounds up to 300.01, above the quota but not above it rounded.
	f.Add(int64(3000097), uint8('<'), uint8(1), int16(-69), int16(94), []byte("0"), []byte("0"), false, false, false)
	// Two whole years from January, the second a leap year, left in March
	// of the second: the 365-day count applies.
	f.Add(int64(12000000), uint8(0), uint8(24), int16(200), int16(430), []byte{}, []byte{}, false, false, false)
	f.Fuzz(func(t *testing.T, amount int64, startMonth, nMonths uint8, hireDay, leaveDay int16, rampRaw, seasonRaw []byte, working, count, useRamp bool) {
		if amount < 0 || nMonths == 0 || nMonths > 36 || len(rampRaw) > 24 || len(seasonRaw) > 36 {
			return
		}
		start := time.Date(2024, time.Month(1+int(startMonth)%12), 1, 0, 0, 0, 0, time.UTC)
		period := activity.Period{Start: start, End: time.Date(start.Year(), start.Month()+time.Month(nMonths), 1, 0, 0, 0, 0, time.UTC)}
		q := activity.Quota{Rep: "ann", Period: period}
		if count {
			q.Count = activity.Some(amount)
		} else {
			q.Amount, q.Currency = activity.Some(decimal.New(amount, -3)), "USD"
		}
		rep := activity.Rep{ID: "ann"}
		if hireDay != 0 {
			rep.HiredAt = start.Add(time.Duration(hireDay) * 24 * time.Hour).Add(time.Duration(hireDay%24) * time.Hour)
		}
		if leaveDay > 0 {
			rep.LeftAt = start.Add(time.Duration(leaveDay) * 24 * time.Hour).Add(time.Duration(leaveDay%7) * time.Hour)
			if !rep.HiredAt.IsZero() && rep.LeftAt.Before(rep.HiredAt) {
				rep.LeftAt = rep.HiredAt
			}
		}
		for _, r := range rampRaw {
			rep.Ramp = append(rep.Ramp, decimal.New(int64(r%101), -2))
		}
		if useRamp && len(rep.Ramp) > 0 && rep.HiredAt.IsZero() {
			rep.HiredAt = start
		}
		holidays := []time.Time{start.AddDate(0, 0, 9), start.AddDate(0, 0, 3), start.AddDate(0, 1, 4), start.AddDate(0, 0, 3)}
		opts := ProrateOptions{Calendar: activity.Calendar{Holidays: holidays}, Ramp: useRamp}
		if working {
			opts.Days = WorkingDays
		}
		if len(seasonRaw) > 0 {
			for i := range int(nMonths) {
				opts.SeasonalWeights = append(opts.SeasonalWeights, decimal.New(int64(seasonRaw[i%len(seasonRaw)]), -1))
			}
		}
		p, err := Prorate(q, rep, opts)
		if err != nil {
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("error %v does not wrap ErrInvalidOptions", err)
			}
			if !slices.ContainsFunc(opts.SeasonalWeights, decimal.Decimal.IsPositive) && opts.SeasonalWeights != nil {
				return // all zero: rejected, as documented
			}
			t.Fatalf("valid input rejected: %v", err)
		}
		fuzzRender(t, "Prorate", p)
		fuzzEnumText(t, opts.Days, rampRaw)
		fuzzEnumText(t, ProrationDays(startMonth), seasonRaw)
		fuzzEnumText(t, DayCount(nMonths), seasonRaw)
		full, scale := qpFull(q)
		units := func(q activity.Quota) *big.Int {
			if v, ok := q.Amount.Get(); ok {
				return v.Shift(scale).BigInt()
			}
			return big.NewInt(q.Count.Value)
		}
		pow := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
		fullUnits := new(big.Rat).SetInt(full.Round(scale).Shift(scale).BigInt())
		sum, exactSum := new(big.Int), new(big.Rat)
		for i, m := range p.Months {
			u := units(m.Quota)
			if u.Sign() < 0 || new(big.Rat).SetInt(u).Cmp(fullUnits) > 0 {
				t.Fatalf("month %d: part %s outside [0, %s]", i, u, fullUnits)
			}
			if m.SeatDays == 0 && u.Sign() != 0 {
				t.Fatalf("month %d: %s units without days in seat", i, u)
			}
			exact := new(big.Rat)
			if m.SeatDays > 0 {
				exact.Mul(full.Rat(), m.Weight.Rat())
				exact.Mul(exact, big.NewRat(int64(m.SeatDays), int64(m.Days)))
				exact.Mul(exact, m.Ramp.Rat())
				exact.Quo(exact, p.SeasonalTotal.Rat())
				exact.Mul(exact, pow)
			}
			diff := new(big.Rat).Sub(new(big.Rat).SetInt(u), exact)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("month %d: %s units, a unit or more from %s", i, u, exact.FloatString(4))
			}
			sum.Add(sum, u)
			exactSum.Add(exactSum, exact)
		}
		total := units(p.Quota)
		if sum.Cmp(total) != 0 {
			t.Fatalf("months add up to %s units, the prorated quota is %s", sum, total)
		}
		exactSum.Add(exactSum, big.NewRat(1, 2))
		if want := new(big.Int).Quo(exactSum.Num(), exactSum.Denom()); want.Cmp(total) != 0 {
			t.Fatalf("prorated quota %s units, want round(Σ exact) = %s", total, want)
		}
		// Rounded to an increment: the months still add up to the quota,
		// each a multiple of the increment within one of its exact share.
		inc := opts
		inc.Increment = decimal.New(int64(startMonth%7)+1, int32(startMonth%3))
		if startMonth%2 == 0 && !inc.Ramp {
			inc.Parts = activity.Quarterly // where the period is whole quarters
		}
		if r, err := Prorate(q, rep, inc); err == nil {
			got := decimal.Zero
			for _, m := range r.Months {
				v := decimal.NewFromInt(m.Quota.Count.Value)
				if a, ok := m.Quota.Amount.Get(); ok {
					v = a
				}
				if !v.Mod(inc.Increment).IsZero() {
					t.Fatalf("month %s: %s is not a multiple of %s", m.Quota.Period.Name, v, inc.Increment)
				}
				got = got.Add(v)
			}
			tot := decimal.NewFromInt(r.Quota.Count.Value)
			if a, ok := r.Quota.Amount.Get(); ok {
				tot = a
			}
			if !got.Equal(tot) {
				t.Fatalf("increment %s: months add up to %s, the quota is %s", inc.Increment, got, tot)
			}
		} else if !errors.Is(err, ErrInvalidOptions) {
			t.Fatalf("increment: %v", err)
		}
		// Under the 365-day count (where the period is whole years): the
		// months still add up, and the quota is never exceeded.
		f365 := opts
		f365.DayCount, f365.Days = Fixed365, CalendarDays
		if r, err := Prorate(q, rep, f365); err == nil {
			var got, tot big.Int
			for _, m := range r.Months {
				got.Add(&got, units(m.Quota))
			}
			tot.Set(units(r.Quota))
			if got.Cmp(&tot) != 0 || tot.CmpAbs(fullUnits.Num()) > 0 {
				t.Fatalf("365: months add up to %s, prorated %s, quota %s", &got, &tot, fullUnits)
			}
		} else if !errors.Is(err, ErrInvalidOptions) {
			t.Fatalf("365: %v", err)
		}
		// The same holidays in another order.
		opts.Calendar.Holidays = slices.Clone(holidays)
		slices.Reverse(opts.Calendar.Holidays)
		again, err := Prorate(q, rep, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(qpText(p.Quota), qpText(again.Quota)); diff != "" {
			t.Fatalf("holiday order changed the result (-first +again):\n%s", diff)
		}
	})
}
