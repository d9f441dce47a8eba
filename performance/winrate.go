package performance

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// RateBasis says what a rate counts: deals or their amounts.
type RateBasis uint8

// Bases of a rate.
const (
	CountBasis RateBasis = iota // deals (the default)
	ValueBasis                  // amounts
)

// String returns "count" or "value".
func (b RateBasis) String() string {
	switch b {
	case CountBasis:
		return "count"
	case ValueBasis:
		return "value"
	}
	return fmt.Sprintf("RateBasis(%d)", uint8(b))
}

// MarshalText writes String.
func (b RateBasis) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (b *RateBasis) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, CountBasis, ValueBasis, RateBasis.MarshalText)
	if !ok {
		return fmt.Errorf("%w: rate basis %q", ErrInvalidOptions, text)
	}
	*b = v
	return nil
}

// Cohort says which deals a period's rate is about.
type Cohort uint8

// Cohorts.
const (
	// ClosedInPeriod (the default) counts the deals closed in the period:
	// this period's results, whenever the deals began.
	ClosedInPeriod Cohort = iota
	// CreatedInPeriod counts the deals created in the period and closed by
	// AsOf: how this period's pipeline turned out.
	CreatedInPeriod
)

// String returns "closed_in_period" or "created_in_period".
func (c Cohort) String() string {
	switch c {
	case ClosedInPeriod:
		return "closed_in_period"
	case CreatedInPeriod:
		return "created_in_period"
	}
	return fmt.Sprintf("Cohort(%d)", uint8(c))
}

// MarshalText writes String.
func (c Cohort) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (c *Cohort) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ClosedInPeriod, CreatedInPeriod, Cohort.MarshalText)
	if !ok {
		return fmt.Errorf("%w: cohort %q", ErrInvalidOptions, text)
	}
	*c = v
	return nil
}

// WinRateOptions selects which deals a win rate counts and how. The zero
// value counts deals (not amounts) closed in the period, every loss counted,
// no open deal counted as lost.
type WinRateOptions struct {
	// Basis: CountBasis (default) or ValueBasis.
	Basis RateBasis
	// Cohort: ClosedInPeriod (default) or CreatedInPeriod.
	Cohort Cohort
	// ExcludeLossReasons leaves out lost deals with these loss reasons
	// ("no_decision", "duplicate"): they count as neither won nor lost.
	ExcludeLossReasons []string
	// StaleAfterDays, when positive, counts a deal still open at AsOf as
	// lost once it is that many days (of 86,400 s) old: under
	// ClosedInPeriod in the period holding that moment, under
	// CreatedInPeriod in its creation period if the moment is before AsOf.
	StaleAfterDays int
	// AsOf is when the data was taken. Under CreatedInPeriod, deals closed
	// after it are not counted; stale deals must be stale by it. Zero: the
	// end of the period.
	AsOf time.Time
	// Conversion converts amounts to one currency when the deals are in
	// several: the rate under ValueBasis, and WonAmount and ClosedAmount
	// under either basis. Without it, several currencies under ValueBasis
	// are an error wrapping ErrMixedCurrencies, and under CountBasis leave
	// the amounts out (zero, with no Currency).
	Conversion *activity.Conversion
}

// Validate reports an unknown basis or cohort, a negative StaleAfterDays
// and an invalid conversion.
func (o WinRateOptions) Validate() error {
	switch {
	case o.Basis > ValueBasis:
		return fmt.Errorf("%w: basis %v", ErrInvalidOptions, o.Basis)
	case o.Cohort > CreatedInPeriod:
		return fmt.Errorf("%w: cohort %v", ErrInvalidOptions, o.Cohort)
	case o.StaleAfterDays < 0:
		return fmt.Errorf("%w: stale after %d days", ErrInvalidOptions, o.StaleAfterDays)
	}
	if o.Conversion != nil {
		return o.Conversion.Validate()
	}
	return nil
}

// WinLoss is a win rate with what it was computed from: the share of
// decided deals that were won,
//
//	Rate     = won / (won + lost)                     by count
//	Rate     = won amount / (won + lost amount)       by value
//	LossRate = 1 − Rate
//
// over the deals the options select (see WinRateOptions). Lost includes
// Stale, the open deals counted as lost; Excluded counts the losses left out
// for their reason. WonAmount and ClosedAmount are exact, in Currency; they
// are zero with Currency "" when a ByCount rate spans several currencies.
type WinLoss struct {
	Scope        string            `json:"scope"`
	Period       activity.Period   `json:"period"`
	Basis        RateBasis         `json:"basis"`
	Cohort       Cohort            `json:"cohort"`
	Won          int64             `json:"won"`
	Lost         int64             `json:"lost"`
	Stale        int64             `json:"stale,omitempty"`
	Excluded     int64             `json:"excluded,omitempty"`
	WonAmount    decimal.Decimal   `json:"won_amount"`
	ClosedAmount decimal.Decimal   `json:"closed_amount"`
	Currency     activity.Currency `json:"currency,omitempty"`
	Rate         float64           `json:"rate"`
	LossRate     float64           `json:"loss_rate"`
}

// String reads as "all: win rate 30.6% by count (153 won of 500 closed in
// 2025 Q1)", or by value "all: win rate 28.4% by value (1520000.00 USD won
// of 5350000.00 USD, 153 won of 500 deals closed in 2025 Q1)".
func (w WinLoss) String() string {
	var b strings.Builder
	if w.Basis == ValueBasis {
		fmt.Fprintf(&b, "%s: win rate %.1f%% by value (%s won of %s, %d won of %d deals", w.Scope, 100*w.Rate,
			moneyText(w.WonAmount, w.Currency), moneyText(w.ClosedAmount, w.Currency), w.Won, w.Won+w.Lost)
	} else {
		fmt.Fprintf(&b, "%s: win rate %.1f%% by count (%d won of %d", w.Scope, 100*w.Rate, w.Won, w.Won+w.Lost)
	}
	if w.Cohort == ClosedInPeriod {
		fmt.Fprintf(&b, " closed in %s", periodName(w.Period))
	} else {
		fmt.Fprintf(&b, " created in %s", periodName(w.Period))
	}
	if w.Stale > 0 {
		fmt.Fprintf(&b, ", %d stale", w.Stale)
	}
	if w.Excluded > 0 {
		fmt.Fprintf(&b, ", %d losses excluded", w.Excluded)
	}
	b.WriteString(")")
	return b.String()
}

func periodName(p activity.Period) string {
	if p.Name != "" {
		return p.Name
	}
	return p.String()
}

// WinRateTally is the fold behind WinRate and WinRateBy: add each decided deal, merge
// tallies of parts of the data in any order, and take the Result. Its state
// is four counts, two exact sums and the currency seen; the zero value is an
// empty tally.
type WinRateTally struct {
	won, lost, stale, excluded int64
	wonSum, closedSum          exact.Sum
	cur                        curset.Seen
	curKey, otherKey           activity.Key // the index path's currencies, by key
}

// noCurrency marks no currency key seen yet.
const noCurrency activity.Key = -2

// seeKey notes a currency by its index key: a comparison of two integers in
// the common case.
func (t *WinRateTally) seeKey(k activity.Key) {
	switch {
	case k == t.curKey:
	case t.curKey == noCurrency:
		t.curKey = k
	case t.otherKey == noCurrency:
		t.otherKey = k
	}
}

// Add counts a won or lost deal with its amount.
func (t *WinRateTally) Add(won bool, amount decimal.Decimal, currency activity.Currency) {
	t.cur.See(currency)
	t.closedSum.AddDecimal(amount)
	if won {
		t.won++
		t.wonSum.AddDecimal(amount)
	} else {
		t.lost++
	}
}

// AddStale counts an open deal as lost for being stale.
func (t *WinRateTally) AddStale(amount decimal.Decimal, currency activity.Currency) {
	t.Add(false, amount, currency)
	t.stale++
}

// AddExcluded counts a loss left out for its reason.
func (t *WinRateTally) AddExcluded() { t.excluded++ }

// addUnits is Add for amounts as int64 units at the sums' scale.
func (t *WinRateTally) addUnits(won bool, units int64) {
	t.closedSum.Add(units)
	if won {
		t.won++
		t.wonSum.Add(units)
	} else {
		t.lost++
	}
}

// Merge adds o to t.
func (t *WinRateTally) Merge(o *WinRateTally) {
	t.won += o.won
	t.lost += o.lost
	t.stale += o.stale
	t.excluded += o.excluded
	t.wonSum.Merge(&o.wonSum)
	t.closedSum.Merge(&o.closedSum)
	t.cur.Merge(&o.cur)
}

// Result returns the win rate of the tally, labelled with scope and p. With
// no decided deal it returns what was counted and an error wrapping
// ErrNoClosedDeals; by value with amounts in several currencies, an error
// wrapping ErrMixedCurrencies; by value with a zero closed amount, an error
// wrapping ErrZeroDenominator.
func (t *WinRateTally) Result(scope string, p activity.Period, opt WinRateOptions) (WinLoss, error) {
	w := WinLoss{
		Scope: scope, Period: p, Basis: opt.Basis, Cohort: opt.Cohort,
		Won: t.won, Lost: t.lost, Stale: t.stale, Excluded: t.excluded,
	}
	if t.cur.Other == "" {
		w.WonAmount, w.ClosedAmount, w.Currency = t.wonSum.Decimal(), t.closedSum.Decimal(), t.cur.Currency
	}
	if t.won+t.lost == 0 {
		return w, fmt.Errorf("%w: %s in %s", ErrNoClosedDeals, scope, periodName(p))
	}
	if opt.Basis == CountBasis {
		w.Rate = float64(t.won) / float64(t.won+t.lost)
	} else {
		if a, b, mixed := t.cur.Mixed(); mixed {
			return w, fmt.Errorf("%w: %s and %s in %s (give a Conversion)", ErrMixedCurrencies, a, b, scope)
		}
		if w.ClosedAmount.IsZero() {
			return w, fmt.Errorf("%w: closed amount is zero in %s", ErrZeroDenominator, scope)
		}
		w.Rate = w.WonAmount.DivRound(w.ClosedAmount, ratioScale).InexactFloat64()
	}
	w.LossRate = 1 - w.Rate
	if opt.Basis == CountBasis {
		// Exact from the counts, rather than 1 − a rounded Rate.
		w.LossRate = float64(t.lost) / float64(t.won+t.lost)
	}
	return w, nil
}

// ratioScale is the number of decimal places exact ratios are rounded to
// before they become float64: more than a float64 holds.
const ratioScale = 20

// WinRate returns the win rate of the view's deals in p (see WinLoss and
// WinRateOptions). Errors: an invalid period or options; no decided deal
// (ErrNoClosedDeals, with what was counted); by value, mixed currencies
// without a conversion (ErrMixedCurrencies), a zero closed amount
// (ErrZeroDenominator) or a conversion that fails.
func WinRate(v activity.View, p activity.Period, opt WinRateOptions) (WinLoss, error) {
	if err := v.Err(); err != nil {
		return WinLoss{}, err
	}
	return winRateKPI(v, p, opt).of(v, p)
}

// WinRateBy returns the win rate of every group of the view's deals in one
// pass, in key order (periods in time order; a period breakdown groups by
// the deal's close date, or under CreatedInPeriod its creation date; a stale
// deal by the moment it turned stale). A group with no decided deal, or a
// zero closed amount by value, is marked Undefined with the reason; the
// others still come back. Only groups with deals appear, except periods,
// which are all listed. Errors are those of WinRate that concern the whole
// call, and ErrMixedCurrencies for a group by value in several currencies.
func WinRateBy(v activity.View, p activity.Period, by activity.By, opt WinRateOptions) ([]activity.Group[WinLoss], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	return winRateKPI(v, p, opt).by(v, p, by)
}

func winRateKPI(v activity.View, p activity.Period, opt WinRateOptions) kpi[WinRateTally, WinLoss] {
	return kpi[WinRateTally, WinLoss]{
		merge: (*WinRateTally).Merge,
		pass:  func(g *grouper) ([]WinRateTally, error) { return winRatePass(v, p, opt, g) },
		seen:  func(t *WinRateTally) bool { return t.decided()+t.excluded > 0 },
		result: func(t *WinRateTally, scope string, q activity.Period) (WinLoss, error) {
			return t.Result(scope, q, opt)
		},
	}
}

// isUndefined reports whether err says a KPI is undefined for its data (and
// so marks a group) rather than that the call was wrong.
func isUndefined(err error) bool {
	return errors.Is(err, ErrNoClosedDeals) || errors.Is(err, ErrNoWonDeals) ||
		errors.Is(err, ErrNoDeals) || errors.Is(err, ErrZeroDenominator) || errors.Is(err, ErrNoLeads)
}

func (t *WinRateTally) decided() int64 { return t.won + t.lost }

// winRatePass runs the win-rate pass over the view: one tally per group of
// g, or one in all when g is nil.
func winRatePass(v activity.View, p activity.Period, opt WinRateOptions, g *grouper) ([]WinRateTally, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	ix := v.Index()
	d := ixcols.DealsOf(ix)
	units, scale := d.Amount.Units()
	var excluded []bool
	if len(opt.ExcludeLossReasons) > 0 {
		excluded = make([]bool, ix.LossReasons().Len())
		for _, r := range opt.ExcludeLossReasons {
			if k, ok := ix.LossReasons().Key(r); ok && k != activity.NoKey {
				excluded[k] = true
			}
		}
	}
	in := spanOf(p)
	asOf := in.hi
	if !opt.AsOf.IsZero() {
		asOf = ixcols.Nanos(opt.AsOf)
	}
	stale := int64(opt.StaleAfterDays) * nanosPerDay
	convert := opt.Conversion != nil

	newTally := func() WinRateTally {
		return WinRateTally{wonSum: exact.NewSum(scale), closedSum: exact.NewSum(scale), curKey: noCurrency, otherKey: noCurrency}
	}
	tallies := []WinRateTally{newTally()}
	if g != nil {
		tallies = make([]WinRateTally, g.size())
		for i := range tallies {
			tallies[i] = newTally()
		}
	}
	if opt.Cohort == ClosedInPeriod && stale == 0 && excluded == nil && !convert && (g == nil || g.col != nil) {
		winRateClosed(ix, v.DealRows(), d, units, in, g, tallies)
		return winRateKeys(ix, tallies), nil
	}
	for _, r := range v.DealRows() {
		status := d.Status[r]
		var at int64 // the deal's date for a period breakdown
		isStale := false
		switch opt.Cohort {
		case ClosedInPeriod:
			switch {
			case status.Closed():
				at = d.Closed[r]
			case stale > 0:
				at = d.Created[r] + stale
				isStale = at <= asOf // that many days old by AsOf
			default:
				continue
			}
			if !in.has(at) || (!status.Closed() && !isStale) {
				continue
			}
		case CreatedInPeriod:
			at = d.Created[r]
			if !in.has(at) {
				continue
			}
			closedByAsOf := status.Closed() && d.Closed[r] < asOf
			if !closedByAsOf {
				if stale == 0 || at+stale > asOf {
					continue
				}
				isStale = true
			}
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, at); gi < 0 {
				continue
			}
			for gi >= len(tallies) {
				tallies = append(tallies, newTally())
			}
		}
		t := &tallies[gi]
		won := status == activity.StatusWon && !isStale
		if !won && !isStale && excluded != nil && d.LossReason[r] != activity.NoKey && excluded[d.LossReason[r]] {
			t.excluded++
			continue
		}
		if isStale {
			t.stale++
		}
		if convert {
			amount, _ := d.Amount.At(int(r))
			from := activity.Currency(ix.Currencies().Name(d.Currency[r]))
			// A stale deal never closed: its rate date is the moment it
			// turned stale.
			rateAt := d.Closed[r]
			if isStale {
				rateAt = d.Created[r] + stale
			}
			c, err := opt.Conversion.Convert(amount, from, fromNanos(rateAt, p.Start), p)
			if err != nil {
				return nil, fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
			}
			t.Add(won, c, opt.Conversion.To)
			continue
		}
		t.seeKey(d.Currency[r])
		if u := units[r]; u != ixcols.Unfit {
			t.addUnits(won, u)
		} else {
			amount, _ := d.Amount.At(int(r))
			t.Add(won, amount, "")
		}
	}
	return winRateKeys(ix, tallies), nil
}

// winRateKeys notes the currencies the index path saw by key in each
// tally's set.
func winRateKeys(ix *activity.Index, tallies []WinRateTally) []WinRateTally {
	for i := range tallies {
		t := &tallies[i]
		if t.curKey >= 0 {
			t.cur.See(activity.Currency(ix.Currencies().Name(t.curKey)))
		}
		if t.otherKey >= 0 {
			t.cur.See(activity.Currency(ix.Currencies().Name(t.otherKey)))
		}
	}
	return tallies
}

// winRateClosed is winRatePass's loop for the usual options (deals closed
// in the period, none stale, no loss reason left out, no conversion; one
// group or a grouping by a key column): a deal's outcome adds to its
// tally through masks rather than branches, since won and lost follow no
// pattern a processor could predict.
func winRateClosed(ix *activity.Index, rows []int32, d *ixcols.Deals, units []int64, in span, g *grouper, tallies []WinRateTally) {
	var col []activity.Key
	if g != nil {
		col = g.col
	}
	if cur, ok := soleCurrencyKey(ix); ok && in.holds(d.ClosedBounds) && !generalLoops {
		winRateEveryClosed(rows, d, units, col, tallies)
		for i := range tallies {
			if tallies[i].decided() > 0 {
				tallies[i].seeKey(cur)
			}
		}
		return
	}
	for _, r := range rows {
		status := d.Status[r]
		if !status.Closed() || !in.has(d.Closed[r]) {
			continue
		}
		gi := 0
		if col != nil {
			gi = int(col[r]) + 1
		}
		t := &tallies[gi]
		t.seeKey(d.Currency[r])
		u := units[r]
		won := int64(0)
		if status == activity.StatusWon {
			won = 1
		}
		if u == ixcols.Unfit {
			amount, _ := d.Amount.At(int(r))
			t.Add(won == 1, amount, "")
			continue
		}
		t.won += won
		t.lost += 1 - won
		t.closedSum.Add(u)
		t.wonSum.Add(u & -won)
	}
}

// winRateEveryClosed is winRateClosed when every close is in the period
// and every deal in one currency: no close time or currency is read, and
// an open deal adds zeros instead of taking a branch.
func winRateEveryClosed(rows []int32, d *ixcols.Deals, units []int64, col []activity.Key, tallies []WinRateTally) {
	for _, r := range rows {
		status := d.Status[r]
		var won, closed int64
		if status == activity.StatusWon {
			won = 1
		}
		if status == activity.StatusLost {
			closed = 1
		}
		closed |= won
		gi := 0
		if col != nil {
			gi = int(col[r]) + 1
		}
		t := &tallies[gi]
		u := units[r]
		if u == ixcols.Unfit {
			if closed == 1 {
				amount, _ := d.Amount.At(int(r))
				t.Add(won == 1, amount, "")
			}
			continue
		}
		t.won += won
		t.lost += closed - won
		t.closedSum.Add(u & -closed)
		t.wonSum.Add(u & -won)
	}
}
