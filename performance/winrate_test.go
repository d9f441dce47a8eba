package performance

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var q1 = activity.Period{Start: date(2024, 1, 1), End: date(2024, 4, 1), Name: "2024 Q1"}

// outcomeDeals is a hand-made quarter. Closed in 2024 Q1: D1 won 1000
// (ann, Feb), D2 lost 3000 "price" (ann, Mar), D3 won 500 (bob, Jan), D4
// lost 2000 "no_decision" (bob, Feb), D7 lost 1500 "competitor" (cy, Mar).
// D5 (bob) is open since 2 January; D6 (ann) was created in March and won
// on 15 April.
func outcomeDeals() []activity.Deal {
	usd := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	deal := func(id, owner string, status activity.Status, amount string, created, closed time.Time, reason string) activity.Deal {
		d := activity.Deal{ID: id, Owner: owner, Amount: usd(amount), Currency: "USD", Status: status,
			CreatedAt: created, ClosedAt: closed, LossReason: reason, Territory: "t-" + owner}
		switch status {
		case activity.StatusWon:
			d.Stage = activity.StageClosedWon
		case activity.StatusLost:
			d.Stage = activity.StageClosedLost
		default:
			d.Stage = activity.StageDemo
		}
		return d
	}
	return []activity.Deal{
		deal("D1", "ann", activity.StatusWon, "1000", date(2024, 1, 5), date(2024, 2, 10), ""),
		deal("D2", "ann", activity.StatusLost, "3000", date(2024, 1, 10), date(2024, 3, 5), "price"),
		deal("D3", "bob", activity.StatusWon, "500", date(2023, 12, 1), date(2024, 1, 20), ""),
		deal("D4", "bob", activity.StatusLost, "2000", date(2024, 2, 1), date(2024, 2, 20), "no_decision"),
		deal("D5", "bob", activity.StatusOpen, "800", date(2024, 1, 2), time.Time{}, ""),
		deal("D6", "ann", activity.StatusWon, "700", date(2024, 3, 10), date(2024, 4, 15), ""),
		deal("D7", "cy", activity.StatusLost, "1500", date(2024, 2, 15), date(2024, 3, 30), "competitor"),
	}
}

func outcomeIndex(t *testing.T, deals []activity.Deal) *activity.Index {
	t.Helper()
	ix, err := activity.NewIndex(activity.Records{Deals: deals}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestWinRate(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	for _, tc := range []struct {
		name                    string
		opt                     WinRateOptions
		won, lost, stale, excl  int64
		rate                    float64
		wonAmount, closedAmount string
	}{
		// Closed in Q1: won D1, D3; lost D2, D4, D7. 2 / 5.
		{"default", WinRateOptions{}, 2, 3, 0, 0, 2.0 / 5, "1500", "8000"},
		// (1000 + 500) / (1000 + 3000 + 500 + 2000 + 1500) = 1500 / 8000.
		{"by value", WinRateOptions{Basis: ValueBasis}, 2, 3, 0, 0, 0.1875, "1500", "8000"},
		// D4 left out: 2 / 4; by value 1500 / 6000.
		{"exclude no decision", WinRateOptions{ExcludeLossReasons: []string{"no_decision", "never-seen"}}, 2, 2, 0, 1, 0.5, "1500", "6000"},
		{"exclude by value", WinRateOptions{Basis: ValueBasis, ExcludeLossReasons: []string{"no_decision"}}, 2, 2, 0, 1, 0.25, "1500", "6000"},
		// D5 turns 60 days old on 2 March, inside Q1 and before the period's
		// end: a loss. 2 / 6.
		{"stale after 60 days", WinRateOptions{StaleAfterDays: 60}, 2, 4, 1, 0, 2.0 / 6, "1500", "8800"},
		// 100 days: 11 April, after Q1.
		{"stale after 100 days", WinRateOptions{StaleAfterDays: 100}, 2, 3, 0, 0, 2.0 / 5, "1500", "8000"},
		// Created in Q1 and closed by 1 April: D1 won; D2, D4, D7 lost. D6
		// closed after; D5 is open. 1 / 4.
		{"created cohort", WinRateOptions{Cohort: CreatedInPeriod}, 1, 3, 0, 0, 0.25, "1000", "7500"},
		// As of 1 May D6 is won too: 2 / 5.
		{"created cohort as of May", WinRateOptions{Cohort: CreatedInPeriod, AsOf: date(2024, 5, 1)}, 2, 3, 0, 0, 0.4, "1700", "8200"},
		// D5 stale by 2 March <= 1 April; D6 would be stale on 9 May.
		{"created cohort stale", WinRateOptions{Cohort: CreatedInPeriod, StaleAfterDays: 60}, 1, 4, 1, 0, 0.2, "1000", "8300"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WinRate(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got.Won != tc.won || got.Lost != tc.lost || got.Stale != tc.stale || got.Excluded != tc.excl {
				t.Errorf("WinRate() counted %d won, %d lost, %d stale, %d excluded; want %d, %d, %d, %d",
					got.Won, got.Lost, got.Stale, got.Excluded, tc.won, tc.lost, tc.stale, tc.excl)
			}
			if math.Abs(got.Rate-tc.rate) > 1e-15 || math.Abs(got.LossRate-(1-tc.rate)) > 1e-15 {
				t.Errorf("WinRate() = %v / %v, want %v", got.Rate, got.LossRate, tc.rate)
			}
			if !got.WonAmount.Equal(decimal.RequireFromString(tc.wonAmount)) || !got.ClosedAmount.Equal(decimal.RequireFromString(tc.closedAmount)) || got.Currency != "USD" {
				t.Errorf("WinRate() amounts %s / %s %s, want %s / %s USD", got.WonAmount, got.ClosedAmount, got.Currency, tc.wonAmount, tc.closedAmount)
			}
		})
	}
}

func TestWinRateBy(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	type row struct {
		Key       string
		Won, Lost int64
		Undefined bool
	}
	rows := func(gs []activity.Group[WinLoss]) []row {
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, g.Result.Won, g.Result.Lost, g.Undefined != ""})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		by   activity.By
		opt  WinRateOptions
		want []row
	}{
		{"rep", activity.ByRep(), WinRateOptions{}, []row{{"ann", 1, 1, false}, {"bob", 1, 1, false}, {"cy", 0, 1, false}}},
		// cy's only loss is excluded: the group is undefined, the others come back.
		{"rep excluding competitor", activity.ByRep(), WinRateOptions{ExcludeLossReasons: []string{"competitor"}},
			[]row{{"ann", 1, 1, false}, {"bob", 1, 1, false}, {"cy", 0, 0, true}}},
		{"territory", activity.ByTerritory(), WinRateOptions{}, []row{{"t-ann", 1, 1, false}, {"t-bob", 1, 1, false}, {"t-cy", 0, 1, false}}},
		// By close month: January D3 won; February D1 won, D4 lost; March D2,
		// D7 lost.
		{"month", activity.ByPeriod(activity.Calendar{}, 0), WinRateOptions{}, []row{{"2024-01", 1, 0, false}, {"2024-02", 1, 1, false}, {"2024-03", 0, 2, false}}},
		// No deal has a "region" attribute: one group, "".
		{"attribute", activity.ByAttribute("region"), WinRateOptions{}, []row{{"", 2, 3, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := WinRateBy(ix.All(), q1, tc.by, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rows(gs)); diff != "" {
				t.Errorf("WinRateBy(%v) (-want +got):\n%s", tc.by, diff)
			}
		})
	}
	// The month groups carry their own periods, clipped to the quarter.
	gs, err := WinRateBy(ix.All(), q1, activity.ByPeriod(activity.Calendar{}, 0), WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p := gs[1].Result.Period; !p.Start.Equal(date(2024, 2, 1)) || !p.End.Equal(date(2024, 3, 1)) || p.Name != "2024-02" {
		t.Errorf("February group period = %v", p)
	}
	if gs[1].Result.Rate != 0.5 || gs[1].Result.Scope != "all / month=2024-02" {
		t.Errorf("February group = %v", gs[1].Result)
	}
}

func TestWinRateCurrencies(t *testing.T) {
	t.Parallel()
	deals := outcomeDeals()
	deals[6].Currency = "EUR" // D7: 1500 EUR lost on 30 March
	ix := outcomeIndex(t, deals)
	got, err := WinRate(ix.All(), q1, WinRateOptions{})
	if err != nil || got.Rate != 0.4 || got.Currency != "" || !got.ClosedAmount.IsZero() {
		t.Errorf("WinRate(count, mixed) = %v, %v; want 0.4 without amounts", got, err)
	}
	if _, err := WinRate(ix.All(), q1, WinRateOptions{Basis: ValueBasis}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("WinRate(value, mixed) = %v, want ErrMixedCurrencies", err)
	}
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: date(2024, 1, 1), Rate: decimal.RequireFromString("1.1")}})
	if err != nil {
		t.Fatal(err)
	}
	conv := &activity.Conversion{To: "USD", Converter: rates}
	got, err = WinRate(ix.All(), q1, WinRateOptions{Basis: ValueBasis, Conversion: conv})
	// 1500 EUR × 1.1 = 1650 USD: 1500 / (1000 + 3000 + 500 + 2000 + 1650).
	if err != nil || !got.ClosedAmount.Equal(decimal.RequireFromString("8150")) || math.Abs(got.Rate-1500.0/8150) > 1e-15 {
		t.Errorf("WinRate(value, converted) = %v, %v; want 1500 / 8150", got, err)
	}
	if _, err := WinRate(ix.All(), q1, WinRateOptions{Basis: ValueBasis, Conversion: &activity.Conversion{To: "GBP", Converter: rates}}); !errors.Is(err, activity.ErrNoRate) {
		t.Errorf("WinRate(value, no GBP rate) = %v, want activity.ErrNoRate", err)
	}
}

func TestWinRateErrors(t *testing.T) {
	t.Parallel()
	ix := outcomeIndex(t, outcomeDeals())
	june := activity.Period{Start: date(2024, 6, 1), End: date(2024, 7, 1)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no closed deals", errOf(WinRate(ix.All(), june, WinRateOptions{})), ErrNoClosedDeals},
		{"bad period", errOf(WinRate(ix.All(), activity.Period{Start: q1.End, End: q1.Start}, WinRateOptions{})), activity.ErrInvalidPeriod},
		{"bad basis", errOf(WinRate(ix.All(), q1, WinRateOptions{Basis: 5})), ErrInvalidOptions},
		{"bad cohort", errOf(WinRate(ix.All(), q1, WinRateOptions{Cohort: 5})), ErrInvalidOptions},
		{"negative stale", errOf(WinRate(ix.All(), q1, WinRateOptions{StaleAfterDays: -1})), ErrInvalidOptions},
		{"bad conversion", errOf(WinRate(ix.All(), q1, WinRateOptions{Conversion: &activity.Conversion{}})), activity.ErrInvalidConversion},
		{"by nothing", errOf(WinRateBy(ix.All(), q1, activity.By{}, WinRateOptions{})), ErrInvalidOptions},
		{"by attribute without name", errOf(WinRateBy(ix.All(), q1, activity.ByAttribute(""), WinRateOptions{})), ErrInvalidOptions},
		{"by bad granularity", errOf(WinRateBy(ix.All(), q1, activity.ByPeriod(activity.Calendar{}, 9), WinRateOptions{})), activity.ErrInvalidGranularity},
		{"by bad calendar", errOf(WinRateBy(ix.All(), q1, activity.ByPeriod(activity.Calendar{FiscalYearStart: 13}, 0), WinRateOptions{})), activity.ErrInvalidCalendar},
		{"by bad period", errOf(WinRateBy(ix.All(), activity.Period{}, activity.ByRep(), WinRateOptions{})), activity.ErrInvalidPeriod},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
	// A zero closed amount by value is undefined, not 0 / 0.
	deals := outcomeDeals()
	for i := range deals {
		deals[i].Amount = decimal.Zero
	}
	if _, err := WinRate(outcomeIndex(t, deals).All(), q1, WinRateOptions{Basis: ValueBasis}); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("WinRate(value, all zero) = %v, want ErrZeroDenominator", err)
	}
}

func errOf[T any](_ T, err error) error { return err }

func TestWinRateTallyMerge(t *testing.T) {
	t.Parallel()
	var a, b, whole WinRateTally
	amounts := []string{"10.5", "3", "0.25", "7"}
	for i, s := range amounts {
		x := decimal.RequireFromString(s)
		won := i%2 == 0
		whole.Add(won, x, "USD")
		if i < 2 {
			a.Add(won, x, "USD")
		} else {
			b.Add(won, x, "USD")
		}
	}
	a.AddExcluded()
	whole.AddExcluded()
	a.Merge(&b)
	ra, err := a.Result("x", q1, WinRateOptions{Basis: ValueBasis})
	rw, err2 := whole.Result("x", q1, WinRateOptions{Basis: ValueBasis})
	// Won 10.5 + 0.25 = 10.75 of 20.75.
	if err != nil || err2 != nil || !cmp.Equal(ra, rw, cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })) || math.Abs(ra.Rate-10.75/20.75) > 1e-15 {
		t.Errorf("merged %v (%v), whole %v (%v)", ra, err, rw, err2)
	}
}

// TestMixedCurrencyMessagesOrderFree: the error naming two currencies names
// them in alphabetical order, whichever deal came first, for the win rate,
// deal size and open pipeline (the last one fuzzing found differing).
func TestMixedCurrencyMessagesOrderFree(t *testing.T) {
	t.Parallel()
	deals := outcomeDeals()
	deals[4].ExpectedCloseAt = date(2024, 6, 1) // D5, open, in the pipeline
	open := deals[4]
	open.ID = "D8"
	deals = append(deals, open) // a second open deal, in dollars
	// A won, an open and a won deal in euros.
	for _, id := range []string{"D3", "D5", "D6"} {
		for i := range deals {
			if deals[i].ID == id {
				deals[i].Currency = "EUR"
			}
		}
	}
	reversed := slices.Clone(deals)
	slices.Reverse(reversed)
	year := activity.Period{Start: date(2024, 1, 1), End: date(2025, 1, 1), Name: "2024"}
	for _, ds := range [][]activity.Deal{deals, reversed} {
		v := outcomeIndex(t, ds).All()
		for name, err := range map[string]error{
			"WinRate":      errOf(WinRate(v, year, WinRateOptions{Basis: ValueBasis})),
			"DealSizeOf":   errOf(DealSizeOf(v, year, DealSizeOptions{})),
			"OpenPipeline": errOf(OpenPipeline(v, year, PipelineOptions{Selection: AllOpen, AsOf: date(2024, 12, 1)})),
		} {
			if !errors.Is(err, ErrMixedCurrencies) || !strings.Contains(err.Error(), "EUR and USD") {
				t.Errorf("%s, first deal %s: %v, want ErrMixedCurrencies naming EUR and USD", name, ds[0].ID, err)
			}
		}
	}
}

// TestWinRateFastLoop holds the loop for the usual options (winRateClosed)
// to the general one: the same results over generated books, overall, by
// rep and by team, by count and by value, with one deal's amount too large
// for the units. A stale threshold of a century marks no deal stale but
// takes the general loop.
func TestWinRateFastLoop(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{3, 5, 8} {
		ix, window, q2 := loopBook(t, seed)
		for _, w := range []activity.Period{window, q2} {
			for _, basis := range []RateBasis{CountBasis, ValueBasis} {
				fast := WinRateOptions{Basis: basis}
				general := WinRateOptions{Basis: basis, StaleAfterDays: 36500}
				got, err1 := WinRate(ix.All(), w, fast)
				want, err2 := WinRate(ix.All(), w, general)
				if fmt.Sprint(err1) != fmt.Sprint(err2) || !cmp.Equal(got, want, bookDecEq) {
					t.Errorf("seed %d %v: %+v, %v; general loop %+v, %v", seed, basis, got, err1, want, err2)
				}
				for _, by := range []activity.By{activity.ByRep(), activity.ByTeam()} {
					got, err1 := WinRateBy(ix.All(), w, by, fast)
					want, err2 := WinRateBy(ix.All(), w, by, general)
					if fmt.Sprint(err1) != fmt.Sprint(err2) || !cmp.Equal(got, want, bookDecEq) {
						t.Errorf("seed %d %s %v %v: %+v, %v; general loop %+v, %v", seed, w.Name, basis, by, got, err1, want, err2)
					}
				}
			}
		}
	}
}

// loopBook is a generated year for the tests that hold the loops for
// common cases to the general ones: a won amount past int64 units, and for
// seed 8 a fifth of the deals in EUR (the loops for one currency do not
// apply). The whole window holds every close (the loops that read no close
// time); its second quarter, also returned, does not.
func loopBook(t *testing.T, seed uint64) (ix *activity.Index, window, q2 activity.Period) {
	t.Helper()
	r := activitytest.Generate(activitytest.Config{Seed: seed, Reps: 9, Teams: 3, Months: 12, EURShare: float64(seed/8) * 0.2})
	for i := range r.Deals {
		if r.Deals[i].Status == activity.StatusWon {
			r.Deals[i].Amount = decimal.RequireFromString("123456789012345678901234.5")
			break
		}
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	window = activitytest.Config{Seed: seed, Months: 12}.Window()
	return ix, window, activity.Period{Start: window.Start.AddDate(0, 3, 0), End: window.Start.AddDate(0, 6, 0), Name: "Q2"}
}
