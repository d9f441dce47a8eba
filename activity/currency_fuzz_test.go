package activity

import (
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
		for _, r := range rates {
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
