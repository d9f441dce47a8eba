package performance

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// binaryAllTime is a period that holds every test record.
var binaryAllTime = activity.Period{Start: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}

// winTallyOf tallies decided deals from a seed: won or lost, amounts in
// cents (a few with more places, which the sums keep as decimals), some
// stale, some excluded.
func winTallyOf(rng *rand.Rand, n int) []func(*WinRateTally) {
	var adds []func(*WinRateTally)
	for range n {
		amount := decimal.New(rng.Int64N(1_000_000), -2)
		if rng.IntN(10) == 0 {
			amount = decimal.New(rng.Int64N(1_000_000_000), -7)
		}
		switch k := rng.IntN(10); {
		case k < 4:
			adds = append(adds, func(t *WinRateTally) { t.Add(true, amount, "USD") })
		case k < 8:
			adds = append(adds, func(t *WinRateTally) { t.Add(false, amount, "USD") })
		case k < 9:
			adds = append(adds, func(t *WinRateTally) { t.AddStale(amount, "USD") })
		default:
			adds = append(adds, func(t *WinRateTally) { t.AddExcluded() })
		}
	}
	return adds
}

// TestWinRateTallyBinary: the tally of a set of deals, cut into parts
// whose tallies are encoded, decoded and merged in any order, encodes to
// the same bytes and gives the same results as the tally of the whole.
func TestWinRateTallyBinary(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 10, 1000} {
		adds := winTallyOf(rng, n)
		var whole WinRateTally
		for _, add := range adds {
			add(&whole)
		}
		want, err := whole.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		for _, parts := range []int{1, 2, 7} {
			var merged WinRateTally
			order := rng.Perm(parts)
			for _, k := range order {
				var part WinRateTally
				for i := k; i < len(adds); i += parts {
					adds[i](&part)
				}
				b, err := part.MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				var back WinRateTally
				if err := back.UnmarshalBinary(b); err != nil {
					t.Fatalf("n %d, part %d: %v", n, k, err)
				}
				merged.Merge(&back)
			}
			got, _ := merged.MarshalBinary()
			if !bytes.Equal(got, want) {
				t.Fatalf("n %d in %d parts: %x, want %x", n, parts, got, want)
			}
			for _, opt := range []WinRateOptions{{}, {Basis: ValueBasis}} {
				r1, err1 := merged.Result("all", binaryAllTime, opt)
				r2, err2 := whole.Result("all", binaryAllTime, opt)
				if !cmp.Equal(r1, r2, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })) || (err1 == nil) != (err2 == nil) {
					t.Fatalf("n %d in %d parts: %v (%v), want %v (%v)", n, parts, r1, err1, r2, err2)
				}
			}
		}
	}
}

// TestWinRateTallyBinaryErrors: bytes that are no win rate tally's
// encoding wrap ErrInvalidEncoding and leave the tally as it was.
func TestWinRateTallyBinaryErrors(t *testing.T) {
	t.Parallel()
	var good WinRateTally
	good.Add(true, decimal.New(1050, -2), "USD")
	good.Add(false, decimal.New(5, 0), "USD")
	enc, _ := good.MarshalBinary()
	// enc: "SM" 1 'w', counts 1 1 0 0, won sum (scale 0, hi 0, lo 0, 1
	// decimal "10.5"), closed sum (… "15.5"), "USD", "".
	header := []byte{'S', 'M', 1, 'w'}
	body := func(counts ...byte) []byte {
		b := append([]byte{}, header...)
		b = append(b, counts...)
		b = append(b, 0, 0, 0, 0) // won sum: scale 0, 0 units, no decimals
		b = append(b, 0, 0, 0, 0) // closed sum
		return append(b, 0, 0)    // no currency
	}
	cases := map[string][]byte{
		"empty":                 nil,
		"another tally":         append([]byte{'S', 'M', 1, 'c'}, enc[4:]...),
		"another version":       append([]byte{'S', 'M', 2, 'w'}, enc[4:]...),
		"not ours":              append([]byte{'X', 'M', 1, 'w'}, enc[4:]...),
		"a byte more":           append(append([]byte{}, enc...), 0),
		"more stale than lost":  body(0, 1, 2, 0),
		"a count over 2^62":     append(append(append([]byte{}, header...), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), enc[5:]...),
		"a bad currency":        append(body(1, 0, 0, 0)[:len(body(1, 0, 0, 0))-2], 3, 'u', 's', 'd', 0),
		"another without one":   append(body(1, 0, 0, 0)[:len(body(1, 0, 0, 0))-2], 0, 3, 'U', 'S', 'D'),
		"the same twice":        append(body(1, 0, 0, 0)[:len(body(1, 0, 0, 0))-2], 3, 'U', 'S', 'D', 3, 'U', 'S', 'D'),
		"a scale of 13":         append(append(append([]byte{}, header...), 1, 0, 0, 0), 26, 0, 0, 0, 0, 0, 0, 0, 0, 0),
		"decimals not a number": append(append(append([]byte{}, header...), 1, 0, 0, 0), 0, 0, 0, 1, 3, 'a', 'b', 'c', 0, 0, 0, 0, 0, 0),
		"decimals of 10^5000":   append(append(append([]byte{}, header...), 1, 0, 0, 0), 0, 0, 0, 1, 6, '1', 'e', '5', '0', '0', '0', 0, 0, 0, 0, 0, 0),
		"a string too long":     append(body(1, 0, 0, 0)[:len(body(1, 0, 0, 0))-2], 0xff, 0xff, 0x03),
	}
	// Every encoding cut short.
	for i := range len(enc) {
		cases["cut to "+string(rune('0'+i%10))+"…"+string(rune('a'+i/10))] = enc[:i]
	}
	for name, b := range cases {
		got := good
		if err := got.UnmarshalBinary(b); !errors.Is(err, ErrInvalidEncoding) {
			t.Errorf("%s (%x): %v, want ErrInvalidEncoding", name, b, err)
		}
		if after, _ := got.MarshalBinary(); !bytes.Equal(after, enc) {
			t.Errorf("%s: the tally changed", name)
		}
	}
	// The hand-made encoding of a valid tally reads.
	var ok WinRateTally
	if err := ok.UnmarshalBinary(body(2, 1, 1, 3)); err != nil || ok.won != 2 || ok.lost != 1 || ok.stale != 1 || ok.excluded != 3 {
		t.Errorf("valid encoding: %v, %+v", err, ok)
	}
}

// FuzzWinRateTallyBinary: no bytes make UnmarshalBinary panic; what it
// accepts encodes again to bytes that decode to the same tally, and gives a
// result.
func FuzzWinRateTallyBinary(f *testing.F) {
	var t WinRateTally
	t.Add(true, decimal.New(1050, -2), "USD")
	t.AddStale(decimal.New(3, 0), "EUR")
	t.AddExcluded()
	enc, _ := t.MarshalBinary()
	f.Add(enc)
	f.Add([]byte{'S', 'M', 1, 'w', 1, 0, 0, 0, 4, 0, 10, 0, 4, 0, 10, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var a WinRateTally
		if err := a.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrInvalidEncoding) {
				t.Fatalf("error %v does not wrap ErrInvalidEncoding", err)
			}
			return
		}
		b1, _ := a.MarshalBinary()
		var b WinRateTally
		if err := b.UnmarshalBinary(b1); err != nil {
			t.Fatalf("re-encoding does not decode: %v", err)
		}
		if b2, _ := b.MarshalBinary(); !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding unstable: %x, %x", b1, b2)
		}
		a.Merge(&b)
		for _, opt := range []WinRateOptions{{}, {Basis: ValueBasis}} {
			if _, err := a.Result("x", binaryAllTime, opt); err != nil && !isUndefined(err) && !errors.Is(err, ErrMixedCurrencies) {
				t.Fatalf("Result: %v", err)
			}
		}
	})
}
