package forecast

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/performance"
)

// ErrInvalidCall reports a forecast call that cannot be used: no rep, an
// invalid period, a category that is not called (none, omitted, unknown),
// a negative amount, an invalid currency, no submission time, or two
// different calls of one rep, period and category submitted at the same
// instant.
var ErrInvalidCall = errors.New("forecast: invalid forecast call")

// callScale is the number of decimal places of the exact ratios and means
// behind a call accuracy's float64 measures.
const callScale = 20

// Call is a rep's forecast call: the amount the rep said would close in a
// period, in one forecast category (commit, best case ...), as submitted at
// a time. Reps usually call every week or month, so a rep has many calls for
// one period; CallOptions.Cutoff says which one counts.
//
// In JSON, amount is written as a string of its digits and read from a
// string or a number; submitted_at is read in any form activity.ParseTime
// reads.
type Call struct {
	Rep         string                    `json:"rep"`
	Period      activity.Period           `json:"period"`
	Category    activity.ForecastCategory `json:"category"`
	Amount      decimal.Decimal           `json:"amount"`
	Currency    activity.Currency         `json:"currency"`
	SubmittedAt time.Time                 `json:"submitted_at"`
}

// Validate reports every problem with c, joined, each an
// *activity.RecordError for Record "forecast call" wrapping ErrInvalidCall
// and the activity sentinel behind it: an empty rep
// (activity.ErrMissingField), an invalid period (activity.ErrInvalidPeriod),
// a category that is none, omitted or unknown
// (activity.ErrInvalidForecastCategory), a negative amount
// (activity.ErrNegativeAmount), an invalid currency
// (activity.ErrInvalidCurrency), and a zero submission time
// (activity.ErrZeroTime).
func (c Call) Validate() error { return c.callCheck(-1) }

func (c Call) callCheck(index int) error {
	var errs []error
	add := func(field string, err error) {
		errs = append(errs, &activity.RecordError{Record: "forecast call", Index: index, ID: c.Rep, Field: field,
			Err: fmt.Errorf("%w: %w", ErrInvalidCall, err)})
	}
	if c.Rep == "" {
		add("rep", activity.ErrMissingField)
	}
	if err := c.Period.Validate(); err != nil {
		add("period", err)
	}
	if !callCategory(c.Category) {
		add("category", fmt.Errorf("%w: %v is not a category reps call", activity.ErrInvalidForecastCategory, c.Category))
	}
	if c.Amount.Sign() < 0 {
		add("amount", fmt.Errorf("%w: %s", activity.ErrNegativeAmount, dec.Text(c.Amount)))
	}
	if err := c.Currency.Validate(); err != nil {
		add("currency", err)
	}
	if c.SubmittedAt.IsZero() {
		add("submitted_at", activity.ErrZeroTime)
	}
	return errors.Join(errs...)
}

// callCategory reports whether reps call amounts in category c.
func callCategory(c activity.ForecastCategory) bool {
	switch c {
	case activity.ForecastPipeline, activity.ForecastBestCase, activity.ForecastCommit, activity.ForecastClosed:
		return true
	}
	return false
}

// MarshalJSON writes c with its amount as a string.
func (c Call) MarshalJSON() ([]byte, error) {
	type plain Call
	return dec.Marshal(plain(c))
}

// UnmarshalJSON reads a call, with its submission time in any form
// activity.ParseTime reads (or epoch milliseconds as a number) and its
// amount required (activity.DecodeAmount). It does not validate the call.
func (c *Call) UnmarshalJSON(b []byte) error {
	type plain Call
	aux := struct {
		*plain
		SubmittedAt json.RawMessage `json:"submitted_at"`
		Amount      json.RawMessage `json:"amount"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	if _, err := decodeTime(aux.SubmittedAt, "call submitted_at"); err != nil {
		return err
	}
	amount, err := activity.DecodeAmount(aux.Amount)
	if err != nil {
		return fmt.Errorf("call amount: %w", err)
	}
	c.Amount = amount
	t, err := decodeTime(aux.SubmittedAt, "call submitted_at")
	c.SubmittedAt = t
	return err
}

// CallOptions says which calls CallAccuracy scores. The zero value scores
// commit calls, each rep and period by the last call submitted before the
// period started, all in one currency.
type CallOptions struct {
	// Category is the category scored: ForecastCommit (the default, for
	// zero), ForecastBestCase, ForecastPipeline or ForecastClosed. Calls of
	// other categories are ignored (but validated).
	Category activity.ForecastCategory
	// Cutoff locks the call: for each rep and period the call that counts
	// is the one submitted last before Period.Start + Cutoff (strictly
	// before). Zero: the call going into the period. A positive offset
	// counts calls made in the period (14 × 24 h: the call at the end of
	// its second week), a negative one calls made earlier (−30 × 24 h: a
	// month ahead). Calls submitted at or after the lock are not counted
	// (RepCallAccuracy.Late); the lock may not fall after the period's end,
	// when the outcome is known.
	Cutoff time.Duration
	// Conversion converts the won deals and the calls into Conversion.To:
	// each deal as performance.Bookings does (at its close date by
	// default), each call by the same rule with its submission time in
	// place of a close time (the day the rep named the amount; under
	// activity.RateAtPeriodEnd the period's end, under RateFixed the
	// fixed date). Nil: each rep's calls and won deals must share one
	// currency, else the result is an error wrapping
	// performance.ErrMixedCurrencies. Different reps may then be in
	// different currencies.
	Conversion *activity.Conversion
}

func (o CallOptions) callCategory() activity.ForecastCategory {
	if o.Category == activity.ForecastNone {
		return activity.ForecastCommit
	}
	return o.Category
}

// Validate reports a category that is not called (omitted, unknown) and
// an invalid conversion, wrapping ErrInvalidOptions (and, for the
// conversion, activity.ErrInvalidConversion).
func (o CallOptions) Validate() error {
	if !callCategory(o.callCategory()) {
		return fmt.Errorf("%w: category %v is not called", ErrInvalidOptions, o.Category)
	}
	if o.Conversion != nil {
		if err := o.Conversion.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
		}
	}
	return nil
}

// CallPeriod is one period of a rep's calls: the call that counted and
// what the rep won, exact, in the rep's currency:
//
//	Difference    = Call − Actual            > 0: called too high
//	Attainment    = Actual / Call            undefined if Call = 0
//	TotalAccuracy = 1 − |Actual − Call| / Actual   undefined if Actual <= 0
//
// Actual is the exact sum of the Amount of the deals the rep owns that were
// won with a close time in the period (as performance.Bookings sums them);
// Deals counts them. The ratios are exact to 20 places before they become
// float64; an undefined one is 0 and listed in Undefined with the reason.
type CallPeriod struct {
	Period        activity.Period    `json:"period"`
	SubmittedAt   time.Time          `json:"submitted_at"`
	Call          decimal.Decimal    `json:"call"`
	Actual        decimal.Decimal    `json:"actual"`
	Deals         int64              `json:"deals"`
	Difference    decimal.Decimal    `json:"difference"`
	Attainment    float64            `json:"attainment"`
	TotalAccuracy float64            `json:"total_accuracy"`
	Undefined     []UndefinedMeasure `json:"undefined,omitempty"`
}

// MarshalJSON writes p with its decimals as strings.
func (p CallPeriod) MarshalJSON() ([]byte, error) {
	type plain CallPeriod
	return dec.Marshal(plain(p))
}

// RepCallAccuracy is how well a rep's calls in one category matched what
// the rep won, over the N periods with a counted call (Periods, in time
// order). With F a period's call and A its actual, and Σ over the periods:
//
//	Called, Actual   = ΣF, ΣA                   exact, in Currency
//	AbsError         = Σ|A − F|                 exact
//	Difference       = Σ(F − A)                 exact; > 0: over-called
//	Bias             = Difference / N           mean over-call a period, exact to 20 places
//	BiasRatio        = Difference / ΣA          = ΣF / ΣA − 1
//	TotalAccuracy    = 1 − |ΣA − ΣF| / ΣA
//	Attainment       = ΣA / ΣF
//	WAPE             = Σ|A − F| / ΣA
//	MAPE             = Σ(|A − F| / |A|) / N     undefined if any A = 0
//
// as in ForecastAccuracy, but from exact sums: each ratio is exact to 20
// places before it becomes a float64 fraction. The ratios over ΣA are
// undefined when nothing was won (ΣA <= 0: credits can make it negative),
// Attainment when nothing was called; an
// undefined measure is 0 and listed in Undefined with the reason.
//
// Calls counts the rep's calls in the category; Superseded those replaced
// by a later call for the same period before the cutoff; Late those
// submitted at or after their period's cutoff (not counted; a period with
// only late calls is not in Periods).
type RepCallAccuracy struct {
	Rep        string                    `json:"rep"`
	Category   activity.ForecastCategory `json:"category"`
	Currency   activity.Currency         `json:"currency,omitempty"`
	Periods    []CallPeriod              `json:"periods"`
	Calls      int                       `json:"calls"`
	Superseded int                       `json:"superseded"`
	Late       int                       `json:"late"`

	Called     decimal.Decimal `json:"called"`
	Actual     decimal.Decimal `json:"actual"`
	Deals      int64           `json:"deals"`
	AbsError   decimal.Decimal `json:"abs_error"`
	Difference decimal.Decimal `json:"difference"`
	Bias       decimal.Decimal `json:"bias"`

	BiasRatio     float64            `json:"bias_ratio"`
	TotalAccuracy float64            `json:"total_accuracy"`
	Attainment    float64            `json:"attainment"`
	WAPE          float64            `json:"wape"`
	MAPE          float64            `json:"mape"`
	Undefined     []UndefinedMeasure `json:"undefined,omitempty"`
}

// MarshalJSON writes r with its decimals as strings.
func (r RepCallAccuracy) MarshalJSON() ([]byte, error) {
	type plain RepCallAccuracy
	return dec.Marshal(plain(r))
}

// Defined reports whether the named measure (MeasureMAPE, …) has a value.
func (r RepCallAccuracy) Defined(measure string) bool { return !callIn(r.Undefined, measure) }

func callIn(us []UndefinedMeasure, measure string) bool {
	return slices.ContainsFunc(us, func(u UndefinedMeasure) bool { return u.Measure == measure })
}

// String reads as
//
//	rep-1 commit, 2 periods in USD: called 200000.00, won 190000.00 from 5 deals
//	attainment 95.00%, accuracy 95.00%, WAPE 15.00%, MAPE 15.56%, bias +5000.00 a period (+5.26%)
//	2025 Q1: called 100000.00, won 80000.00 from 2 deals, over by 20000.00 (call of 2024-12-20)
//	2025 Q2: called 100000.00, won 110000.00 from 3 deals, under by 10000.00 (call of 2025-03-28)
//
// amounts rounded half away from zero to the currency's minor units, "n/a"
// for an undefined measure, and a closing line for superseded and late
// calls and each undefined measure's reason.
func (r RepCallAccuracy) String() string {
	var s strings.Builder
	money := func(d decimal.Decimal) string { return callMoney(d, r.Currency) }
	pct := func(m string, v float64, signed bool) string {
		switch {
		case !r.Defined(m):
			return "n/a"
		case signed:
			return fmt.Sprintf("%+.2f%%", 100*v)
		}
		return fmt.Sprintf("%.2f%%", 100*v)
	}
	in := ""
	if r.Currency != "" {
		in = " in " + string(r.Currency)
	}
	fmt.Fprintf(&s, "%s %v, %s%s: called %s, won %s from %s", r.Rep, r.Category, callCount(len(r.Periods), "period"), in,
		money(r.Called), money(r.Actual), callCount(int(r.Deals), "deal"))
	bias := "n/a"
	if r.Defined(MeasureBias) {
		bias = money(r.Bias)
		if r.Bias.Sign() > 0 {
			bias = "+" + bias
		}
	}
	fmt.Fprintf(&s, "\nattainment %s, accuracy %s, WAPE %s, MAPE %s, bias %s a period (%s)",
		pct(MeasureActualToForecast, r.Attainment, false), pct(MeasureTotalAccuracy, r.TotalAccuracy, false),
		pct(MeasureWAPE, r.WAPE, false), pct(MeasureMAPE, r.MAPE, false), bias, pct(MeasureBiasRatio, r.BiasRatio, true))
	for _, p := range r.Periods {
		word := "over by"
		if p.Difference.Sign() < 0 {
			word = "under by"
		}
		fmt.Fprintf(&s, "\n%s: called %s, won %s from %s, %s %s (call of %s)", callPeriodName(p.Period), money(p.Call),
			money(p.Actual), callCount(int(p.Deals), "deal"), word, money(p.Difference.Abs()), p.SubmittedAt.Format(time.DateOnly))
	}
	if r.Superseded > 0 || r.Late > 0 {
		fmt.Fprintf(&s, "\n%d of %s superseded, %d late", r.Superseded, callCount(r.Calls, "call"), r.Late)
	}
	for _, u := range r.Undefined {
		fmt.Fprintf(&s, "\n%s undefined: %s", u.Measure, u.Reason)
	}
	return s.String()
}

// moneyText writes an amount for a person: rounded half away from zero to
// its currency's minor units, with the currency's code ("12500.00 USD");
// without a currency, to two places.
func moneyText(d decimal.Decimal, cur activity.Currency) string {
	if cur == "" {
		return d.StringFixed(2)
	}
	return cur.Round(d).StringFixed(cur.MinorUnits()) + " " + string(cur)
}

func callMoney(d decimal.Decimal, cur activity.Currency) string {
	if cur == "" {
		return dec.Text(d)
	}
	return cur.Round(d).StringFixed(cur.MinorUnits())
}

func callCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func callPeriodName(p activity.Period) string {
	if p.Name != "" {
		return p.Name
	}
	return p.String()
}

// callKey identifies a rep's period: the rep and the period's ends.
type callKey struct {
	rep        string
	start, end int64
}

// callSpan is a period's ends in Unix nanoseconds.
type callSpan struct{ start, end int64 }

// CallAccuracy scores reps' forecast calls against what they won. For each
// rep with a call in opts.Category, and each period of theirs with a call
// submitted before the cutoff (see CallOptions), the latest such call is
// compared with the won amount of the deals of v the rep owns closed in the
// call's period (see CallPeriod), and the rep's periods are summed into the
// measures of RepCallAccuracy. Reps come in name order, periods in time
// order (by start, then end). A rep's periods are summed as given: give
// calls of one granularity (quarters, or months), not both.
//
// A rep's deals outside v (another team's view) count as not won. v's index
// must know every rep with a call in the category (its deals, activities or
// roster name them), else the result is an error wrapping
// activity.ErrUnknownName: a misspelt rep would otherwise show as winning
// nothing.
//
// Errors: invalid options (ErrInvalidOptions), including a cutoff after a
// period's end; every invalid call, joined (ErrInvalidCall with the
// activity sentinel, as Call.Validate, with Index the call's position); two
// different calls of a rep, period and category submitted at the instant
// that decides which counts (ErrInvalidCall; equal ones count once); a rep's calls and won deals in more than
// one currency without a conversion (performance.ErrMixedCurrencies); a
// conversion that fails (the converter's error). No calls in the category
// give an empty result, not an error.
func CallAccuracy(v activity.View, calls []Call, opts CallOptions) ([]RepCallAccuracy, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	var errs []error
	for i, c := range calls {
		if err := c.callCheck(i); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cat := opts.callCategory()

	// The calls in the category, by rep, period and submission time.
	var idx []int
	for i := range calls {
		if calls[i].Category == cat {
			idx = append(idx, i)
		}
	}
	keyOf := func(c *Call) callKey {
		return callKey{c.Rep, ixcols.Nanos(c.Period.Start), ixcols.Nanos(c.Period.End)}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := keyOf(&calls[a]), keyOf(&calls[b])
		return cmp.Or(cmp.Compare(ka.rep, kb.rep), cmp.Compare(ka.start, kb.start), cmp.Compare(ka.end, kb.end),
			calls[a].SubmittedAt.Compare(calls[b].SubmittedAt))
	})

	ix := v.Index()
	var out []RepCallAccuracy
	var repKeys [][]callKey          // by rep of out: its periods with a counted call, in order
	counted := make(map[callKey]int) // the counted call of each rep and period
	spans := make(map[callSpan]activity.Period)
	for lo := 0; lo < len(idx); {
		first := &calls[idx[lo]]
		k := keyOf(first)
		hi := lo + 1
		for hi < len(idx) && keyOf(&calls[idx[hi]]) == k {
			hi++
		}
		if len(out) == 0 || out[len(out)-1].Rep != k.rep {
			if rk, ok := ix.Reps().Key(k.rep); !ok || rk == activity.NoKey {
				return nil, fmt.Errorf("%w: rep %q has forecast calls but no deals, activities or roster entry in the index",
					activity.ErrUnknownName, k.rep)
			}
			out = append(out, RepCallAccuracy{Rep: k.rep, Category: cat})
			repKeys = append(repKeys, nil)
		}
		r := &out[len(out)-1]
		r.Calls += hi - lo
		lock := first.Period.Start.Add(opts.Cutoff)
		if lock.After(first.Period.End) {
			return nil, fmt.Errorf("%w: cutoff %v puts the lock of %s after its end", ErrInvalidOptions, opts.Cutoff,
				callPeriodName(first.Period))
		}
		best := -1
		for j := lo; j < hi; j++ {
			if calls[idx[j]].SubmittedAt.Before(lock) {
				best = j
			} else {
				r.Late++
			}
		}
		if best < 0 {
			lo = hi
			continue
		}
		if best > lo {
			b, p := &calls[idx[best]], &calls[idx[best-1]]
			if p.SubmittedAt.Equal(b.SubmittedAt) && (!p.Amount.Equal(b.Amount) || p.Currency != b.Currency) {
				return nil, fmt.Errorf("%w: calls %d and %d: rep %q called %s %s and %s %s for %s, both at %s",
					ErrInvalidCall, idx[best-1], idx[best], k.rep, dec.Text(p.Amount), p.Currency, dec.Text(b.Amount),
					b.Currency, callPeriodName(b.Period), b.SubmittedAt.Format(time.RFC3339Nano))
			}
		}
		r.Superseded += best - lo
		counted[k] = idx[best]
		repKeys[len(repKeys)-1] = append(repKeys[len(repKeys)-1], k)
		span := callSpan{k.start, k.end}
		if _, ok := spans[span]; !ok {
			spans[span] = first.Period
		}
		lo = hi
	}
	if len(out) == 0 {
		return []RepCallAccuracy{}, nil
	}

	// What each rep won in each period with a counted call: one bookings
	// pass a period, over the deals of the reps with calls.
	owners := make([]bool, ix.Reps().Len())
	for i := range out {
		k, _ := ix.Reps().Key(out[i].Rep)
		owners[k] = true
	}
	owner := ixcols.DealsOf(ix).Owner
	w := v.DealsWhere("reps with forecast calls", func(_ *activity.Index, row int) bool {
		k := owner[row]
		return k >= 0 && int(k) < len(owners) && owners[k]
	})
	won := make(map[callKey]performance.BookingsTotal)
	bopt := performance.BookingsOptions{Conversion: opts.Conversion}
	order := make([]callSpan, 0, len(spans))
	for span := range spans {
		order = append(order, span)
	}
	slices.SortFunc(order, func(a, b callSpan) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
	for _, span := range order {
		p := spans[span]
		groups, err := performance.BookingsBy(w, p, activity.ByRep(), bopt)
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			won[callKey{g.Key, span.start, span.end}] = g.Result
		}
	}

	for i := range out {
		if err := out[i].callScore(calls, repKeys[i], counted, won, opts.Conversion); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// callScore fills r's periods from its counted calls (keys, in time order)
// and what was won, and computes its measures.
func (r *RepCallAccuracy) callScore(calls []Call, keys []callKey, counted map[callKey]int,
	won map[callKey]performance.BookingsTotal, conv *activity.Conversion) error {
	if conv != nil {
		r.Currency = conv.To
	}
	var apeSum decimal.Decimal
	zeroActual := ""
	for _, k := range keys {
		c := &calls[counted[k]]
		amount := c.Amount
		if conv != nil {
			x, err := conv.Convert(c.Amount, c.Currency, c.SubmittedAt, c.Period)
			if err != nil {
				return fmt.Errorf("forecast call of rep %q for %s: %w", r.Rep, callPeriodName(c.Period), err)
			}
			amount = x
		} else if err := r.callCurrency(c.Currency, "called", c.Period); err != nil {
			return err
		}
		b := won[k]
		if conv == nil && b.Deals > 0 {
			if err := r.callCurrency(b.Currency, "won", c.Period); err != nil {
				return err
			}
		}
		p := CallPeriod{Period: c.Period, SubmittedAt: c.SubmittedAt, Call: amount, Actual: b.Amount, Deals: b.Deals,
			Difference: amount.Sub(b.Amount)}
		p.callMeasures()
		r.Periods = append(r.Periods, p)

		r.Called = r.Called.Add(amount)
		r.Actual = r.Actual.Add(b.Amount)
		r.Deals += b.Deals
		r.AbsError = r.AbsError.Add(p.Difference.Abs())
		r.Difference = r.Difference.Add(p.Difference)
		switch {
		case b.Amount.IsZero():
			if zeroActual == "" {
				zeroActual = callPeriodName(c.Period)
			}
		default:
			apeSum = apeSum.Add(p.Difference.Abs().DivRound(b.Amount.Abs(), callScale))
		}
	}
	n := len(r.Periods)
	if n == 0 {
		reason := "no call before the cutoff"
		for _, m := range []string{MeasureMAPE, MeasureWAPE, MeasureBias, MeasureBiasRatio, MeasureTotalAccuracy, MeasureActualToForecast} {
			r.Undefined = append(r.Undefined, UndefinedMeasure{m, reason})
		}
		r.callSortUndefined()
		return nil
	}
	r.Bias = r.Difference.DivRound(decimal.NewFromInt(int64(n)), callScale)
	switch {
	case zeroActual != "":
		r.Undefined = append(r.Undefined, UndefinedMeasure{MeasureMAPE, "nothing was won in " + zeroActual})
	default:
		r.MAPE = apeSum.DivRound(decimal.NewFromInt(int64(n)), callScale).InexactFloat64()
	}
	if r.Actual.Sign() <= 0 {
		for _, m := range []string{MeasureWAPE, MeasureBiasRatio, MeasureTotalAccuracy} {
			r.Undefined = append(r.Undefined, UndefinedMeasure{m, "nothing was won in the periods called (total " + dec.Text(r.Actual) + ")"})
		}
	} else {
		r.WAPE = r.AbsError.DivRound(r.Actual, callScale).InexactFloat64()
		r.BiasRatio = r.Difference.DivRound(r.Actual, callScale).InexactFloat64()
		r.TotalAccuracy = callOne.Sub(r.Difference.Abs().DivRound(r.Actual, callScale)).InexactFloat64()
	}
	if r.Called.IsZero() {
		r.Undefined = append(r.Undefined, UndefinedMeasure{MeasureActualToForecast, "every call was 0"})
	} else {
		r.Attainment = r.Actual.DivRound(r.Called, callScale).InexactFloat64()
	}
	r.callSortUndefined()
	return nil
}

// callOne is the decimal 1; decimals are immutable, so it is never changed.
var callOne = decimal.New(1, 0)

// callCurrency notes a currency of the rep's, and reports a second one.
func (r *RepCallAccuracy) callCurrency(cur activity.Currency, what string, p activity.Period) error {
	switch {
	case r.Currency == "":
		r.Currency = cur
	case cur != r.Currency:
		a, b := r.Currency, cur
		if b < a {
			a, b = b, a
		}
		return fmt.Errorf("%w: %s and %s for rep %q (%s in %s in %s; give a Conversion)", performance.ErrMixedCurrencies,
			a, b, r.Rep, what, cur, callPeriodName(p))
	}
	return nil
}

func (r *RepCallAccuracy) callSortUndefined() {
	slices.SortStableFunc(r.Undefined, func(a, b UndefinedMeasure) int {
		return cmp.Compare(slices.Index(accOrder[:], a.Measure), slices.Index(accOrder[:], b.Measure))
	})
}

// callMeasures sets a period's ratios.
func (p *CallPeriod) callMeasures() {
	if p.Call.IsZero() {
		p.Undefined = append(p.Undefined, UndefinedMeasure{MeasureActualToForecast, "the call was 0"})
	} else {
		p.Attainment = p.Actual.DivRound(p.Call, callScale).InexactFloat64()
	}
	if p.Actual.Sign() <= 0 {
		p.Undefined = append(p.Undefined, UndefinedMeasure{MeasureTotalAccuracy, "nothing was won (" + dec.Text(p.Actual) + ")"})
	} else {
		p.TotalAccuracy = callOne.Sub(p.Difference.Abs().DivRound(p.Actual, callScale)).InexactFloat64()
	}
	slices.Reverse(p.Undefined) // total_accuracy before attainment, as in accOrder
}
