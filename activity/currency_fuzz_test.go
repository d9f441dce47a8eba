package activity

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// fuzzCodes includes malformed codes, so validation is fuzzed too.
var fuzzCodes = []Currency{"USD", "EUR", "JPY", "KWD", "GBP", "usd", "EURO"}

// fuzzRates decodes data as rates of 6 bytes each: from, to, day offset,
// a signed 16-bit mantissa and an exponent in [−12, 12].
func fuzzRates(data []byte) []ExchangeRate {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var rates []ExchangeRate
	for len(data) >= 6 {
		b := data[:6]
		data = data[6:]
		mant := int64(int16(uint16(b[3])<<8 | uint16(b[4])))
		exp := int32(b[5]%25) - 12
		// 255 marks a zero date; others are steps of 7 hours after base, so
		// several rates can fall on one date.
		var on time.Time
		if b[2] != 255 {
			on = base.Add(time.Duration(b[2]) * 7 * time.Hour)
		}
		rates = append(rates, ExchangeRate{
			From: fuzzCodes[int(b[0])%len(fuzzCodes)],
			To:   fuzzCodes[int(b[1])%len(fuzzCodes)],
			On:   on,
			Rate: decimal.New(mant, exp),
		})
	}
	return rates
}

func FuzzRateTable(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 125, 2})                            // USD→EUR 1.25
	f.Add([]byte{0, 1, 0, 0, 125, 2, 1, 0, 10, 0, 3, 12})        // and EUR→USD 3 later
	f.Add([]byte{3, 0, 4, 0x3a, 0x98, 12, 0, 3, 4, 0, 7, 15})    // KWD→USD 15000, USD→KWD 7000
	f.Add([]byte{0, 1, 1, 0, 125, 2, 0, 1, 2, 0, 126, 2})        // two rates, same date, differ
	f.Add([]byte{5, 1, 255, 0xff, 0xff, 0, 2, 2, 0, 0, 0, 0})    // invalid everything
	f.Add([]byte{4, 2, 200, 0x7f, 0xff, 0, 2, 4, 100, 0, 1, 24}) // tiny and huge rates
	f.Fuzz(func(t *testing.T, data []byte) {
		rates := fuzzRates(data)
		for _, r := range rates[:min(len(rates), 4)] { // a few: these are slow
			fuzzRateText(t, r)
			for _, c := range fuzzCodes {
				fuzzRound(t, c, r.Rate)
			}
		}
		tab, err := NewExchangeRates(rates)
		if err != nil {
			if tab != nil {
				t.Fatalf("NewExchangeRates returned a table with error %v", err)
			}
			if !errors.Is(err, ErrInvalidRate) {
				t.Fatalf("NewExchangeRates error %v does not wrap ErrInvalidRate", err)
			}
			return
		}
		direct := map[[2]Currency]bool{}
		for _, r := range rates {
			direct[[2]Currency{r.From, r.To}] = true
		}
		tolerance := decimal.New(1, -15)
		for i, r := range rates {
			if i < 8 {
				fuzzConvert(t, tab, r, data[i*6%len(data)])
			}
			for _, c := range []Currency{r.From, r.To} {
				got, err := tab.Rate(c, c, r.On)
				if err != nil || !got.Equal(one) {
					t.Fatalf("Rate(%s, %s) = %s, %v, want 1", c, c, got, err)
				}
			}
			for _, on := range []time.Time{r.On, r.On.AddDate(0, 0, -3), r.On.AddDate(0, 0, 40)} {
				for _, p := range [][2]Currency{{r.From, r.To}, {r.To, r.From}} {
					got, err := tab.Rate(p[0], p[1], on)
					if err != nil {
						if !errors.Is(err, ErrNoRate) {
							t.Fatalf("Rate(%s, %s, %v) error %v, want ErrNoRate", p[0], p[1], on, err)
						}
						continue
					}
					if got.Sign() <= 0 {
						t.Fatalf("Rate(%s, %s, %v) = %s, want a positive rate", p[0], p[1], on, got)
					}
				}
			}
			// On its own date a rate is exact (duplicates are equal); with no
			// direct rate the other way, the reverse is its rounded inverse.
			got, err := tab.Rate(r.From, r.To, r.On)
			if err != nil || !got.Equal(r.Rate) {
				t.Fatalf("Rate(%s) = %s, %v, want %s", r, got, err, r.Rate)
			}
			if direct[[2]Currency{r.To, r.From}] {
				continue
			}
			inv, err := tab.Rate(r.To, r.From, r.On)
			if err != nil {
				t.Fatalf("inverse of %s: %v", r, err)
			}
			if diff := inv.Mul(r.Rate).Sub(one).Abs(); diff.Cmp(tolerance) > 0 {
				t.Fatalf("inverse of %s is %s; × rate is 1 ± %s, want within 1e-15", r, inv, diff)
			}
		}
	})
}

// fuzzRateText asserts that a rate reads back from its JSON as it was, and
// that it prints.
func fuzzRateText(t *testing.T, r ExchangeRate) {
	t.Helper()
	_ = r.String()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("json.Marshal(%v): %v", r, err)
	}
	var back ExchangeRate
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s reads back with error %v", b, err)
	}
	if back.From != r.From || back.To != r.To || !back.On.Equal(r.On) || !back.Rate.Equal(r.Rate) {
		t.Fatalf("%s reads back as %v, not %v", b, back, r)
	}
}

// fuzzRound asserts that rounding to c's minor units moves d by at most
// half a unit, to at most that many places, whichever way half goes.
func fuzzRound(t *testing.T, c Currency, d decimal.Decimal) {
	t.Helper()
	units := c.MinorUnits()
	if units < 0 || units > 4 {
		t.Fatalf("%q.MinorUnits() = %d", c, units)
	}
	half := decimal.New(5, -units-1)
	for name, got := range map[string]decimal.Decimal{"Round": c.Round(d), "RoundBank": c.RoundBank(d)} {
		if got.Sub(d).Abs().GreaterThan(half) || !got.Equal(got.Truncate(units)) {
			t.Fatalf("%q.%s(%s) = %s", c, name, d, got)
		}
	}
}

// fuzzConvert converts r's rate, as an amount, from r.From to r.To under
// each rate-date rule (b picks the rule and whether the conversion is
// valid): every error wraps a sentinel; an amount already in To is
// returned as is; on the rate's own date the product is amount × rate.
func fuzzConvert(t *testing.T, tab *ExchangeRates, r ExchangeRate, b byte) {
	t.Helper()
	conv := Conversion{To: r.To, Converter: tab, Date: RateDate(b % 4)}
	if conv.Date == RateFixed {
		conv.Fixed = r.On
	}
	if b&0x10 != 0 {
		conv.To = fuzzCodes[int(b>>5)%len(fuzzCodes)]
	}
	_ = conv.Date.String()
	verr := conv.Validate()
	iefCheck(t, "Conversion.Validate", nil, verr)
	day := Period{Start: r.On, End: r.On.Add(24 * time.Hour)}
	amount := decimal.New(int64(b)+1, -2)
	got, err := conv.Convert(amount, r.From, r.On, day)
	iefCheck(t, "Conversion.Convert", got, err)
	if verr != nil && err == nil {
		t.Fatalf("Convert with an invalid conversion (%v) returned %s", verr, got)
	}
	if err != nil {
		return
	}
	switch {
	case r.From == conv.To:
		if !got.Equal(amount) {
			t.Fatalf("Convert(%s %s) into %s = %s", amount, r.From, conv.To, got)
		}
	case conv.Date != RateAtPeriodEnd && conv.To == r.To:
		if want, _ := tab.Rate(r.From, r.To, r.On); !got.Equal(amount.Mul(want)) {
			t.Fatalf("Convert(%s %s) = %s, want × %s", amount, r.From, got, want)
		}
	}
}
