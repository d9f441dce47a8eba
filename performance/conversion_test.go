package performance

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// convBook is a quarter of two currencies, with EUR→USD at 1.10 from 1
// January 2025: won U1 1,000 USD and E1 1,000 EUR (1,100 USD); open U2
// 1,000 USD at probability 0.5 and E2 2,000 EUR (2,200 USD) at 0.25, both
// expected in the quarter; ann's quota 10,000 USD.
func convBook(t *testing.T) (*activity.Index, activity.Period, *activity.Conversion) {
	t.Helper()
	b := activitytest.NewBook(t, nil)
	b.Deal("U1", "ann", "1000", "2025-01-06").Won("2025-02-01")
	b.Deal("E1", "ann", "1000", "2025-01-06").Won("2025-02-02")
	b.Deal("U2", "ann", "1000", "2025-01-07").Expected("2025-03-20")
	b.Deal("E2", "ann", "2000", "2025-01-07").Expected("2025-03-25")
	for i := range b.Records.Deals {
		d := &b.Records.Deals[i]
		if d.ID[0] == 'E' {
			d.Currency = "EUR"
		}
		switch d.ID {
		case "U2":
			d.Probability = activity.Some(decimal.RequireFromString("0.5"))
		case "E2":
			d.Probability = activity.Some(decimal.RequireFromString("0.25"))
		}
	}
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
	b.Records.Quotas = append(b.Records.Quotas, activity.Quota{Rep: "ann", Period: q1, Amount: activity.Some(decimal.NewFromInt(10000)), Currency: "USD"})
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: b.Time("2025-01-01"), Rate: decimal.RequireFromString("1.10")}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Index(activity.IndexOptions{}), q1, &activity.Conversion{To: "USD", Converter: rates}
}

// TestConversionEverywhere: the KPIs that had no Conversion take one, and
// refuse two currencies without it.
func TestConversionEverywhere(t *testing.T) {
	t.Parallel()
	ix, q1, conv := convBook(t)
	all := ix.All()
	dec := decimal.RequireFromString
	// The pipeline as of 15 February: U2 and E2 open, U1 and E1 won before.
	mid := PipelineOptions{AsOf: q1.Start.AddDate(0, 1, 14)}
	withConv := mid
	withConv.Conversion = conv

	if _, err := DealSizeOf(all, q1, DealSizeOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("DealSizeOf without a conversion: %v, want ErrMixedCurrencies", err)
	}
	// (1,000 + 1,100) / 2 = 1,050 USD.
	s, err := DealSizeOf(all, q1, DealSizeOptions{Conversion: conv})
	if err != nil || !s.Mean.Equal(dec("1050")) || s.Currency != "USD" || !s.Total.Equal(dec("2100")) {
		t.Errorf("DealSizeOf = %v, %v; want mean 1,050 of 2,100 USD", s, err)
	}

	if _, err := OpenPipeline(all, q1, mid); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("OpenPipeline without a conversion: %v, want ErrMixedCurrencies", err)
	}
	// 1,000 + 2,200 = 3,200 open; 1,000 × 0.5 + 2,200 × 0.25 = 1,050 weighted.
	pl, err := OpenPipeline(all, q1, withConv)
	if err != nil || !pl.Amount.Equal(dec("3200")) || !pl.Weighted.Equal(dec("1050")) || pl.Currency != "USD" {
		t.Errorf("OpenPipeline = %v, %v; want 3,200 open, 1,050 weighted USD", pl, err)
	}

	if _, err := Coverage(all, q1, CoverageOptions{Pipeline: mid}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("Coverage without a conversion: %v, want ErrMixedCurrencies", err)
	}
	// Pipeline 3,200 / quota 10,000 = 0.32; closed won so far, to AsOf:
	// 1,000 + 1,100 = 2,100.
	cv, err := Coverage(all, q1, CoverageOptions{Conversion: conv, Pipeline: mid})
	if err != nil || !cv.Coverage.Equal(dec("0.32")) || !cv.Pipeline.Equal(dec("3200")) || !cv.ClosedWon.Equal(dec("2100")) {
		t.Errorf("Coverage = %v, %v; want 3,200 / 10,000 = 0.32 with 2,100 closed won", cv, err)
	}
	if _, err := Coverage(all, q1, CoverageOptions{Pipeline: mid, Conversion: &activity.Conversion{To: "EUR", Converter: conv.Converter}}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("Coverage converting to EUR against USD quotas: %v, want ErrInvalidOptions", err)
	}

	if _, err := SalesVelocity(all, q1, VelocityOptions{WinRate: WinRateOptions{Basis: ValueBasis}}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("SalesVelocity without a conversion: %v, want ErrMixedCurrencies", err)
	}
	// Deal size 1,050 USD; win rate by value 2,100 / 2,100 = 1.
	v, err := SalesVelocity(all, q1, VelocityOptions{WinRate: WinRateOptions{Basis: ValueBasis}, Conversion: conv})
	if err != nil || !v.DealSize.Equal(dec("1050")) || v.WinRate != 1 {
		t.Errorf("SalesVelocity = %v, %v; want deal size 1,050 and win rate 1", v, err)
	}
	// By count, a Conversion gives the amounts too: 1,000 + 1,100 won;
	// without one, two currencies leave them out rather than add them.
	wc, err := WinRate(all, q1, WinRateOptions{Conversion: conv})
	if err != nil || !wc.WonAmount.Equal(dec("2100")) || wc.Currency != "USD" || wc.Rate != 1 {
		t.Errorf("WinRate(count, converted) = %v, %v; want 2 of 2 with 2,100 USD won", wc, err)
	}
	if w, err := WinRate(all, q1, WinRateOptions{}); err != nil || !w.WonAmount.IsZero() || w.Currency != "" {
		t.Errorf("WinRate(count) = %v (%s %s), %v; want no amounts", w, w.WonAmount, w.Currency, err)
	}
	bad := &activity.Conversion{To: "usd"}
	for name, err := range map[string]error{
		"deal size":   second(DealSizeOf(all, q1, DealSizeOptions{Conversion: bad})),
		"pipeline":    second(OpenPipeline(all, q1, PipelineOptions{Conversion: bad})),
		"coverage":    second(Coverage(all, q1, CoverageOptions{Conversion: bad})),
		"velocity":    second(SalesVelocity(all, q1, VelocityOptions{Conversion: bad})),
		"size by rep": second(DealSizeBy(all, q1, activity.ByRep(), DealSizeOptions{Conversion: bad})),
	} {
		if !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, activity.ErrInvalidConversion) {
			t.Errorf("%s with an invalid conversion: %v", name, err)
		}
	}
}

// second returns the error of a (result, error) pair.
func second[T any](_ T, err error) error { return err }
