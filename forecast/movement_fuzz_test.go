package forecast

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// FuzzPipelineMovement compares arbitrary pairs of snapshots (see
// pmGenerate), in each grouping, with and without converting EUR to USD
// under each rate-date rule: either an error from the documented set, or a
// waterfall that reconciles exactly overall and per group, whose lines add
// up to its totals, which marshals to JSON, and which the order of the
// deals does not change.
func FuzzPipelineMovement(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint64(0))
	f.Add([]byte("the pipeline moved between two snapshots of the quarter, slipping here and there"), uint8(1), uint64(3))
	f.Add([]byte("converted at the close, at the period's end, or at a fixed date"), uint8(9), uint64(5))
	f.Add([]byte{90, 20, 3, 1, 0, 0, 200, 10, 1, 5, 7, 3, 0, 1, 2, 100, 9, 9, 9, 4, 2, 1, 30, 7, 7, 7, 7}, uint8(2), uint64(9))
	// Two valid snapshots (the seeds above are all invalid ones), by rep.
	f.Add([]byte{0x69, 0xc1, 0x45, 0x83, 0xdb, 0xdb, 0x77, 0x3, 0x9f, 0x15, 0xf, 0x39, 0xb5, 0x73, 0x99, 0x59, 0x7d, 0x1, 0xfd, 0x4f,
		0xe5, 0x45, 0xb7, 0xe7, 0x99, 0x3b, 0xfb, 0xe7, 0xa1, 0x23, 0x1b, 0x9d, 0x97, 0xb3, 0xa7, 0x9d, 0x55, 0x89, 0x9, 0x9b}, uint8(1), uint64(7))
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{
		{From: "EUR", To: "USD", On: pmDay("2024-01-01"), Rate: pmDec("1.0837")},
		{From: "EUR", To: "USD", On: pmDay("2025-03-01"), Rate: pmDec("1.1")},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, by uint8, seed uint64) {
		before, after := pmGenerate(data)
		opts := MovementOptions{By: MovementGrouping(by % 3)}
		if by%6 >= 3 {
			// EUR at 1.0837 from 2024, 1.1 from 1 March 2025; USD as is.
			opts.Conversion = &activity.Conversion{To: "USD", Converter: rates, Date: activity.RateDate(by / 6 % 3)}
			if opts.Conversion.Date == activity.RateFixed {
				opts.Conversion.Fixed = pmDay("2025-05-01")
			}
		}
		w, err := PipelineMovement(before, after, pmQ2, opts)
		if err != nil {
			if errors.Is(err, ErrInvalidSnapshot) || errors.Is(err, performance.ErrMixedCurrencies) {
				return
			}
			t.Fatalf("PipelineMovement: unexpected error %v", err)
		}
		pmCheckWaterfall(t, w)
		fuzzRender(t, "PipelineMovement", w)
		fuzzRender(t, "PipelineMovement lines", w.Lines) // each line's own String
		w2, err := PipelineMovement(pmShuffle(before, seed), pmShuffle(after, seed+1), pmQ2, opts)
		if err != nil {
			t.Fatalf("shuffled: %v", err)
		}
		if diff := cmp.Diff(w, w2, pmDecimalEqual); diff != "" {
			t.Fatalf("shuffled deals change the result (-want +got):\n%s", diff)
		}
	})
}
