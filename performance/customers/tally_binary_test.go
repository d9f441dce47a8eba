package customers

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/traveltest"
)

var (
	travelPeriod   = activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	travelDecimals = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
)

// TestCustomerTalliesTravel runs traveltest.Check over the NPS, movement
// and survival tallies, on generated inputs of 0 to 1,000 adds: scores,
// accounts' opening and closing MRR (some with four decimal places) and
// customer time, lifetimes in days (some censored, some 0).
func TestCustomerTalliesTravel(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	mrr := func() decimal.Decimal {
		switch rng.IntN(5) {
		case 0:
			return decimal.Zero
		case 1:
			return decimal.New(rng.Int64N(1e7), -4)
		}
		return decimal.New(rng.Int64N(1e6), -2)
	}
	for _, n := range []int{0, 1, 2, 50, 1000} {
		var nps []func(*NPSTally)
		var mov []func(*MovementTally)
		var surv []func(*SurvivalTally)
		for i := range n {
			score := rng.IntN(11)
			nps = append(nps, func(t *NPSTally) { _ = t.Add(score) })
			o, c, before, transient := mrr(), mrr(), rng.IntN(2) == 0, rng.IntN(20) == 0
			ev, nanos := rng.Int64N(3), rng.Int64N(int64(90*24*time.Hour))
			mov = append(mov, func(t *MovementTally) { t.Add(o, c, before, transient); t.AddTime(ev, nanos) })
			days, ended := float64(rng.IntN(1000))/4, rng.IntN(3) > 0
			if i%17 == 0 {
				days = 0
			}
			surv = append(surv, func(t *SurvivalTally) { _ = t.Add(days, ended) })
		}
		result := func(r any, err error) any { return []any{r, err == nil} }
		t.Run(fmt.Sprint("nps/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *NPSTally { return &NPSTally{} }, nps,
				func(x *NPSTally) any { return result(x.Result("x", travelPeriod, NPSOptions{})) }, ErrInvalidEncoding)
		})
		t.Run(fmt.Sprint("movements/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *MovementTally { return &MovementTally{} }, mov,
				func(x *MovementTally) any { return x.Result(travelPeriod, "USD") }, ErrInvalidEncoding, travelDecimals)
		})
		t.Run(fmt.Sprint("survival/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *SurvivalTally { return &SurvivalTally{} }, surv,
				func(x *SurvivalTally) any { return result(x.Result(SurvivalOptions{})) }, ErrInvalidEncoding)
		})
	}
}

// FuzzCustomerTallyBinary: no bytes make the NPS, movement or survival
// tally's UnmarshalBinary panic; what one accepts encodes again to bytes
// that decode to the same tally, merges and gives a result.
func FuzzCustomerTallyBinary(f *testing.F) {
	var n NPSTally
	_ = n.Add(9)
	_ = n.Add(3)
	var m MovementTally
	m.Add(decimal.New(100, 0), decimal.New(1505, -1), true, false)
	m.AddTime(1, int64(time.Hour))
	var s SurvivalTally
	_ = s.Add(12.5, true)
	_ = s.Add(0, false)
	for _, t := range []interface{ MarshalBinary() ([]byte, error) }{&n, &m, &s} {
		enc, _ := t.MarshalBinary()
		f.Add(enc)
		f.Add(enc[4:])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defined := func(_ any, err error) error {
			if errors.Is(err, ErrNoResponses) || errors.Is(err, ErrNoLifetimes) {
				return nil
			}
			return err
		}
		traveltest.Fuzz(t, data, 'n', func() *NPSTally { return &NPSTally{} },
			func(x *NPSTally) error { return defined(x.Result("x", travelPeriod, NPSOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, 'm', func() *MovementTally { return &MovementTally{} },
			func(x *MovementTally) error { x.Result(travelPeriod, "USD"); return nil }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, 's', func() *SurvivalTally { return &SurvivalTally{} },
			func(x *SurvivalTally) error { return defined(x.Result(SurvivalOptions{})) }, ErrInvalidEncoding)
	})
}
