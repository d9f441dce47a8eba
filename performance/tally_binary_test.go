package performance

import (
	"bytes"
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

// FuzzTallyBinary: no bytes make a tally's UnmarshalBinary panic (each
// tally is handed the bytes, with its own header put in front half the
// time); what one accepts encodes again to bytes that decode to the same
// tally, merges, and gives a result.
func FuzzTallyBinary(f *testing.F) {
	var w WinRateTally
	w.Add(true, decimal.New(1050, -2), "USD")
	w.AddStale(decimal.New(3, 0), "EUR")
	w.AddExcluded()
	var c CycleTally
	c.Add(36 * time.Hour)
	c.Add(-time.Hour)
	var d DealSizeTally
	d.Add(decimal.New(12345, -7), "USD")
	var b BookingsTally
	b.Add(decimal.New(5, 0), "USD")
	b.AddMissing()
	e := EffortTally{Activities: 3, Outcomes: 1}
	var a AccountRevenueTally
	a.Add("acme", decimal.New(10, 0), "USD")
	a.Add("", decimal.New(4, 0), "USD")
	var g MarginTally
	g.Add(decimal.New(10, 0), decimal.New(4, 0), "USD")
	g.AddNoCost()
	ft, _ := NewFunnelTally(activity.TypicalB2B(), binaryAllTime, FunnelOptions{})
	for _, fd := range funnelDeals(rand.New(rand.NewPCG(1, 1)), 3) {
		_ = ft.Add(fd)
	}
	mt, _ := NewMetricTally(MedianDealSizeMetric())
	mt.Add(false, decimal.New(5, 0), "USD")
	mt.Add(true, decimal.New(7, -9), "USD")
	var lt LeadTally
	lt.Add(LeadStep{Created: true, Touched: true, SpeedToLead: time.Hour, Qualified: true, Converted: true, Opportunity: true, TimeToConvert: 48 * time.Hour})
	lt.Add(LeadStep{Created: true, Disqualified: true, DisqualifyReason: "spam", Merged: 2})
	lt.AddSpend(decimal.New(12345, -2), "USD")
	var tt TerritoryTally
	tt.AddAccount("acme", activity.Some(decimal.NewFromInt(500)), "USD", true, false)
	tt.AddAccount("initech", activity.Optional[decimal.Decimal]{}, "", false, false)
	tt.AddBooking(decimal.New(1234, -2), "USD")
	for _, m := range []interface{ MarshalBinary() ([]byte, error) }{&w, &c, &d, &b, &e, &a, &g, ft, mt, &lt, &tt} {
		enc, _ := m.MarshalBinary()
		f.Add(enc)
		f.Add(enc[4:])
	}
	f.Add([]byte{'S', 'M', 1, 'w', 1, 0, 0, 0, 4, 0, 10, 0, 4, 0, 10, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		// Undefined results and mixed currencies are answers, not failures.
		defined := func(_ any, err error) error {
			if isUndefined(err) || errors.Is(err, ErrMixedCurrencies) || errors.Is(err, ErrNoCosts) || errors.Is(err, ErrNoAccounts) {
				return nil
			}
			return err
		}
		traveltest.Fuzz(t, data, kindWinRate, func() *WinRateTally { return &WinRateTally{} },
			func(x *WinRateTally) error {
				return defined(x.Result("x", binaryAllTime, WinRateOptions{Basis: ValueBasis}))
			}, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindCycle, func() *CycleTally { return &CycleTally{} },
			func(x *CycleTally) error { return defined(x.Result("x", binaryAllTime, CycleOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindDealSize, func() *DealSizeTally { return &DealSizeTally{} },
			func(x *DealSizeTally) error { return defined(x.Result("x", binaryAllTime, DealSizeOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindBookings, func() *BookingsTally { return &BookingsTally{} },
			func(x *BookingsTally) error { return defined(x.Result("x", binaryAllTime, BookingsOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindEffort, func() *EffortTally { return &EffortTally{} },
			func(x *EffortTally) error { return defined(x.result(Effort{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindAccountRevenue, func() *AccountRevenueTally { return &AccountRevenueTally{} },
			func(x *AccountRevenueTally) error { return defined(x.Result("x", binaryAllTime, BookingsOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindMargin, func() *MarginTally { return &MarginTally{} },
			func(x *MarginTally) error { return defined(x.Result("x", binaryAllTime, MarginOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindFunnel, func() *FunnelTally { return &FunnelTally{} },
			func(x *FunnelTally) error { return defined(x.Result("x", binaryAllTime)) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindTerritory, func() *TerritoryTally { return &TerritoryTally{} },
			func(x *TerritoryTally) error {
				return defined(x.Result("x", binaryAllTime, activity.Some(decimal.NewFromInt(7))))
			}, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindLeads, func() *LeadTally { return &LeadTally{} },
			func(x *LeadTally) error { return defined(x.Result("x", binaryAllTime, LeadOptions{})) }, ErrInvalidEncoding)
		traveltest.Fuzz(t, data, kindMetric, func() *MetricTally { m, _ := NewMetricTally(MedianDealSizeMetric()); return m },
			func(x *MetricTally) error { return defined(x.Result("x", binaryAllTime)) }, ErrInvalidEncoding)
	})
}

var binaryDecimals = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// TestTalliesTravel runs traveltest.Check over the tallies that encode
// themselves, on generated inputs of 0 to 1,000 adds: durations (a few
// negative or near the int64 limits), amounts in cents and with seven
// places, missing fields, and mixed currencies.
func TestTalliesTravel(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	amount := func() decimal.Decimal {
		if rng.IntN(8) == 0 {
			return decimal.New(rng.Int64N(1e12), -7)
		}
		return decimal.New(rng.Int64N(1e8), -2)
	}
	for _, n := range []int{0, 1, 2, 50, 1000} {
		var cyc []func(*CycleTally)
		var size []func(*DealSizeTally)
		var book []func(*BookingsTally)
		var eff []func(*EffortTally)
		var accts []func(*AccountRevenueTally)
		var margin []func(*MarginTally)
		var leads []func(*LeadTally)
		var terr []func(*TerritoryTally)
		for i := range n {
			d := time.Duration(rng.Int64N(200 * 24 * int64(time.Hour)))
			switch i % 97 {
			case 3:
				d = -d
			case 5:
				d = time.Duration(1<<62 + rng.Int64N(1<<61))
			}
			cyc = append(cyc, func(t *CycleTally) { t.Add(d) })
			a, cur := amount(), activity.Currency("USD")
			if n == 50 && i == 7 {
				cur = "EUR"
			}
			size = append(size, func(t *DealSizeTally) { t.Add(a, cur) })
			if i%10 == 9 {
				book = append(book, func(t *BookingsTally) { t.AddMissing() })
			} else {
				book = append(book, func(t *BookingsTally) { t.Add(a, cur) })
			}
			acts, won := rng.Int64N(20), rng.Int64N(2)
			eff = append(eff, func(t *EffortTally) { t.Activities += acts; t.Outcomes += won })
			account := fmt.Sprint("acct-", rng.IntN(40))
			switch i % 11 {
			case 3:
				account = ""
			case 7:
				accts = append(accts, func(t *AccountRevenueTally) { t.AddMissing() })
			}
			accts = append(accts, func(t *AccountRevenueTally) { t.Add(account, a, cur) })
			st := LeadStep{Created: i%5 != 4, Working: i%3 == 0, Qualified: i%4 == 0, Disqualified: i%6 == 1, Converted: i%8 == 0,
				Won: i%16 == 0, DisqualifyReason: fmt.Sprint("r", i%3), Touched: i%7 != 2, SpeedToLead: d, TimeToConvert: d / 3}
			st.Opportunity = st.Converted && i%3 == 0
			leads = append(leads, func(t *LeadTally) { t.Add(st) })
			if i%13 == 5 {
				leads = append(leads, func(t *LeadTally) { t.AddSpend(a, cur) })
			}
			id, pot, customer, engaged := fmt.Sprint("acct-", i), activity.Some(a), i%3 == 0, i%4 == 1
			if i%6 == 5 {
				pot = activity.Optional[decimal.Decimal]{}
			}
			terr = append(terr, func(t *TerritoryTally) { t.AddAccount(id, pot, "USD", customer, engaged) })
			switch i % 5 {
			case 0:
				terr = append(terr, func(t *TerritoryTally) { t.AddBooking(a, cur) })
			case 1:
				terr = append(terr, func(t *TerritoryTally) { t.AddPipeline(a, cur) })
			}
			if i%9 == 4 {
				margin = append(margin, func(t *MarginTally) { t.AddNoCost() })
			} else {
				cost := a.Mul(decimal.New(rng.Int64N(100), -2))
				margin = append(margin, func(t *MarginTally) { t.Add(a, cost, cur) })
			}
		}
		result := func(r any, err error) any { return []any{r, err == nil} }
		t.Run(fmt.Sprint("cycle/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *CycleTally { return &CycleTally{} }, cyc, func(c *CycleTally) any { return result(c.Result("x", binaryAllTime, CycleOptions{})) }, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("size/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *DealSizeTally { return &DealSizeTally{} }, size, func(c *DealSizeTally) any { return result(c.Result("x", binaryAllTime, DealSizeOptions{})) }, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("bookings/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *BookingsTally { return &BookingsTally{} }, book, func(c *BookingsTally) any { return result(c.Result("x", binaryAllTime, BookingsOptions{})) }, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("effort/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *EffortTally { return &EffortTally{} }, eff, func(c *EffortTally) any { return *c }, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("account revenue/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *AccountRevenueTally { return &AccountRevenueTally{} }, accts,
				func(c *AccountRevenueTally) any { return result(c.Result("x", binaryAllTime, BookingsOptions{})) }, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("margin/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *MarginTally { return &MarginTally{} }, margin,
				func(c *MarginTally) any { return result(c.Result("x", binaryAllTime, MarginOptions{})) }, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("territory/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *TerritoryTally { return &TerritoryTally{} }, terr,
				func(c *TerritoryTally) any {
					return result(c.Result("x", binaryAllTime, activity.Some(decimal.NewFromInt(1000))))
				}, ErrInvalidEncoding, binaryDecimals)
		})
		t.Run(fmt.Sprint("leads/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *LeadTally { return &LeadTally{} }, leads,
				func(c *LeadTally) any { return result(c.Result("x", binaryAllTime, LeadOptions{})) }, ErrInvalidEncoding, binaryDecimals)
		})
		win := winTallyOf(rng, n)
		t.Run(fmt.Sprint("win rate/", n), func(t *testing.T) {
			traveltest.Check(t, rng, func() *WinRateTally { return &WinRateTally{} }, win,
				func(c *WinRateTally) any {
					return result(c.Result("x", binaryAllTime, WinRateOptions{Basis: ValueBasis}))
				}, ErrInvalidEncoding, binaryDecimals)
		})
	}
}

// funnelDeals generates n deals walking TypicalB2B from prospecting: each
// moves on a random number of stages, a day or a few apart, then ends open,
// won or lost.
func funnelDeals(rng *rand.Rand, n int) []FunnelDeal {
	f := activity.TypicalB2B()
	open := 5 // prospecting .. negotiation
	var out []FunnelDeal
	for range n {
		created := binaryAllTime.Start.AddDate(20, 0, rng.IntN(300))
		d := FunnelDeal{Status: activity.StatusOpen, Created: created}
		at, stage := created, 0
		steps := rng.IntN(open)
		for range steps {
			at = at.Add(time.Duration(1+rng.IntN(96)) * time.Hour)
			d.History = append(d.History, activity.StageChange{From: f.Stages[stage].Stage, To: f.Stages[stage+1].Stage, At: at})
			stage++
		}
		d.Stage = f.Stages[stage].Stage
		if end := rng.IntN(3); end > 0 {
			to := 5 + end - 1 // closed won, closed lost
			at = at.Add(time.Duration(1+rng.IntN(96)) * time.Hour)
			d.History = append(d.History, activity.StageChange{From: d.Stage, To: f.Stages[to].Stage, At: at})
			d.Stage, d.Closed = f.Stages[to].Stage, at
			d.Status = activity.StatusWon
			if to == 6 {
				d.Status = activity.StatusLost
			}
		}
		out = append(out, d)
	}
	return out
}

// TestFunnelAndMetricTalliesTravel: the funnel tally (its funnel travels
// with it) and the metric tally (decoded into a tally of the same metric)
// pass traveltest.Check; a metric tally will not decode into the zero
// tally or another metric's.
func TestFunnelAndMetricTalliesTravel(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(31, 32))
	for _, n := range []int{0, 1, 40, 500} {
		var adds []func(*FunnelTally)
		for _, d := range funnelDeals(rng, n) {
			adds = append(adds, func(t *FunnelTally) {
				if err := t.Add(d); err != nil {
					panic(err)
				}
			})
		}
		for _, opt := range []FunnelOptions{{}, {Reach: ReachedAtAnyTime, Cohort: FunnelClosedInPeriod, ZeroVisits: true}} {
			fresh := func() *FunnelTally {
				ft, err := NewFunnelTally(activity.TypicalB2B(), binaryAllTime, opt)
				if err != nil {
					t.Fatal(err)
				}
				return ft
			}
			traveltest.Check(t, rng, fresh, adds, func(x *FunnelTally) any {
				r, err := x.Result("x", binaryAllTime)
				return []any{fmt.Sprint(r), err == nil}
			}, ErrInvalidEncoding)
		}
		for _, m := range []Metric{MedianDealSizeMetric(), WinRateMetric(), ActivitiesPerWonDealMetric()} {
			var madds []func(*MetricTally)
			for i := range n {
				den, v := rng.IntN(3) == 0, decimal.New(rng.Int64N(1e7), -2)
				if i%13 == 5 {
					v = decimal.New(rng.Int64N(1e9), -6)
				}
				madds = append(madds, func(t *MetricTally) { t.Add(den, v, "USD") })
			}
			fresh := func() *MetricTally {
				mt, err := NewMetricTally(m)
				if err != nil {
					t.Fatal(err)
				}
				return mt
			}
			traveltest.Check(t, rng, fresh, madds, func(x *MetricTally) any {
				r, err := x.Result("x", binaryAllTime)
				return []any{r, err == nil}
			}, ErrInvalidEncoding, binaryDecimals)
			enc, _ := fresh().MarshalBinary()
			var zero MetricTally
			other, _ := NewMetricTally(DealsWonMetric())
			if err := zero.UnmarshalBinary(enc); !errors.Is(err, ErrInvalidEncoding) {
				t.Errorf("%s into the zero tally: %v", m.Name, err)
			}
			if err := other.UnmarshalBinary(enc); !errors.Is(err, ErrInvalidEncoding) {
				t.Errorf("%s into another metric's tally: %v", m.Name, err)
			}
		}
	}
}
