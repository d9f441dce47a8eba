package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Converter gives exchange rates. The host implements it (from its treasury
// or finance system), or uses a ExchangeRates.
//
// Rate returns the factor that turns an amount in from into an amount in to
// on the given date: amount(to) = amount(from) × rate. It must return a
// positive rate or an error; for from == to it should return 1. When a
// Conversion calls it, on is midnight UTC of the calendar date the
// Conversion's RateDate rule chose, so the date reads the same in every zone.
type Converter interface {
	Rate(from, to Currency, on time.Time) (decimal.Decimal, error)
}

// ExchangeRate is one exchange rate, effective from the calendar date of On (in UTC)
// until the next rate for the same pair: an amount in From times ExchangeRate is the
// amount in To.
//
// In JSON, rate is written as a string ("1.0942") whatever decimal's global
// settings are, and read from a string or a number; on is written in
// RFC 3339 and read from RFC 3339 or a date alone ("2024-01-05", midnight
// UTC); an absent, null or "" on reads as the zero time, which NewExchangeRates
// rejects.
type ExchangeRate struct {
	From Currency        `json:"from"`
	To   Currency        `json:"to"`
	On   time.Time       `json:"on"`
	Rate decimal.Decimal `json:"rate"`
}

// String returns the rate as "EUR→USD 1.0942 on 2024-01-05", the date in UTC.
func (r ExchangeRate) String() string {
	return fmt.Sprintf("%s→%s %s on %s", r.From, r.To, r.Rate, r.On.UTC().Format(time.DateOnly))
}

// MarshalJSON writes r with its rate as a JSON string of exact digits, so no
// digit is lost to a reader that parses numbers as float64.
func (r ExchangeRate) MarshalJSON() ([]byte, error) {
	type plain ExchangeRate
	return json.Marshal(struct {
		plain
		Rate json.RawMessage `json:"rate"`
	}{plain(r), dec.AppendJSON(nil, r.Rate)})
}

// UnmarshalJSON reads a rate with its rate as a JSON string or number and
// its date in any form ParseTime reads. It does not validate the rate;
// NewExchangeRates does.
func (r *ExchangeRate) UnmarshalJSON(data []byte) error {
	type plain ExchangeRate
	aux := struct {
		*plain
		On jsonTime `json:"on"`
	}{(*plain)(r), jsonTime{&r.On}}
	return json.Unmarshal(data, &aux)
}

// InverseRateScale is the number of decimal places ExchangeRates rounds an
// inverse rate 1 ÷ rate to, plus one more place for each digit of the rate's
// integer part. The extra places make the inverse good to about 16
// significant digits whatever the rate's size: inverse × rate is within
// 0.5 × 10⁻¹⁶ of 1 (the inverse of 150 is 0.0066666666666666667, at 19 places).
const InverseRateScale = 16

// rateExponentLimit bounds accepted rates to [10⁻³⁰, 10³⁰): wider than any
// currency pair trades at, and narrow enough that an inverse stays small.
const rateExponentLimit = 30

// one is the decimal 1; decimals are immutable, so it is never changed.
var one = decimal.New(1, 0)

// ExchangeRates is a Converter over a fixed list of effective-dated rates. Build
// it with NewExchangeRates. It is immutable and safe for concurrent use; the zero
// ExchangeRates, and a nil *ExchangeRates, hold no rates.
//
// Lookups do not allocate: rates are kept in one slice sorted by pair and
// date, each pair's run found through a map keyed by the pair interned as an
// integer, and the date by binary search.
type ExchangeRates struct {
	spans    map[uint32]rateSpan // pair key → its run in days, rates, inverses
	days     []int64             // effective date, days since 1970-01-01 UTC
	rates    []decimal.Decimal   // the rate
	inverses []decimal.Decimal   // 1 ÷ rate; see InverseRateScale
}

// rateSpan is a pair's run [lo, hi) in a ExchangeRates's slices.
type rateSpan struct{ lo, hi int }

// pairKey interns a pair of well-formed codes.
func pairKey(from, to uint16) uint32 { return uint32(from)<<16 | uint32(to) }

// utcDay returns t's calendar date in UTC as days since 1970-01-01.
func utcDay(t time.Time) int64 {
	s := t.Unix()
	d := s / 86400
	if s%86400 < 0 {
		d-- // floor, for dates before 1970
	}
	return d
}

// NewExchangeRates validates rates and builds a ExchangeRates over them. It does not
// modify or keep rates.
//
// Each rate must have valid From and To codes that differ, a non-zero On, and
// a Rate in [10⁻³⁰, 10³⁰) (so positive). Two rates for the same pair on the
// same calendar date (UTC) must be equal; an equal duplicate is kept once.
// Otherwise NewExchangeRates returns a nil table and an error that joins one
// error per problem found, each wrapping ErrInvalidRate (and ErrInvalidCurrency
// for a bad code) and naming the rate by its index, as "rates[3]". An empty
// list gives an empty table.
//
// A rate for EUR→USD and one for USD→EUR on the same date may disagree; each
// direction uses its own (see ExchangeRates.Rate).
func NewExchangeRates(rates []ExchangeRate) (*ExchangeRates, error) {
	type entry struct {
		key  uint32
		day  int64
		rate decimal.Decimal
		idx  int
	}
	var errs []error
	entries := make([]entry, 0, len(rates))
	for i, r := range rates {
		bad := false
		fk, okf := r.From.key()
		if !okf {
			errs = append(errs, fmt.Errorf("%w: rates[%d]: from: %w", ErrInvalidRate, i, r.From.Validate()))
			bad = true
		}
		tk, okt := r.To.key()
		if !okt {
			errs = append(errs, fmt.Errorf("%w: rates[%d]: to: %w", ErrInvalidRate, i, r.To.Validate()))
			bad = true
		}
		if okf && okt && fk == tk {
			errs = append(errs, fmt.Errorf("%w: rates[%d]: from and to are both %s", ErrInvalidRate, i, r.From))
			bad = true
		}
		if r.On.IsZero() {
			errs = append(errs, fmt.Errorf("%w: rates[%d] %s→%s: zero date", ErrInvalidRate, i, r.From, r.To))
			bad = true
		}
		if err := checkRate(r.Rate); err != nil {
			errs = append(errs, fmt.Errorf("%w: rates[%d] %s→%s: %w", ErrInvalidRate, i, r.From, r.To, err))
			bad = true
		}
		if !bad {
			entries = append(entries, entry{pairKey(fk, tk), utcDay(r.On), r.Rate, i})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		if a.day != b.day {
			if a.day < b.day {
				return -1
			}
			return 1
		}
		return a.idx - b.idx
	})

	t := &ExchangeRates{spans: make(map[uint32]rateSpan)}
	for lo := 0; lo < len(entries); {
		hi := lo + 1
		for hi < len(entries) && entries[hi].key == entries[lo].key && entries[hi].day == entries[lo].day {
			hi++
		}
		// Within one pair and date, every rate must equal the first given;
		// of equal ones keep the shortest form (1.1 over 1.10), so the table
		// does not depend on the order of the input.
		first, keep := entries[lo], entries[lo].rate
		for _, e := range entries[lo+1 : hi] {
			if !e.rate.Equal(first.rate) {
				r := rates[e.idx]
				errs = append(errs, fmt.Errorf("%w: rates[%d] and rates[%d]: %s→%s on %s: rates %s and %s differ",
					ErrInvalidRate, first.idx, e.idx, r.From, r.To, r.On.UTC().Format(time.DateOnly), first.rate, e.rate))
			} else if e.rate.Exponent() > keep.Exponent() {
				keep = e.rate
			}
		}
		sp, ok := t.spans[first.key]
		if !ok {
			sp.lo = len(t.days)
		}
		sp.hi = len(t.days) + 1
		t.spans[first.key] = sp
		t.days = append(t.days, first.day)
		t.rates = append(t.rates, keep)
		t.inverses = append(t.inverses, one.DivRound(keep, inverseScale(keep)))
		lo = hi
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

// checkRate reports why r cannot be an exchange rate, or nil. It works on the
// digit count and exponent, so an absurd exponent costs nothing.
func checkRate(r decimal.Decimal) error {
	if r.Sign() <= 0 {
		return fmt.Errorf("rate %s is not positive", shortString(r))
	}
	// r lies in [10^(n−1), 10^n) for n = digits + exponent.
	n := int64(r.NumDigits()) + int64(r.Exponent())
	if n > rateExponentLimit || n-1 < -rateExponentLimit {
		return fmt.Errorf("rate %s is outside [1e-%d, 1e%d)", shortString(r), rateExponentLimit, rateExponentLimit)
	}
	return nil
}

// shortString formats d as decimal's String does, unless its exponent is so
// large that String would write (and first compute) that many digits; then
// it writes coefficient "e" exponent, as "1e2000000000".
func shortString(d decimal.Decimal) string {
	if e := d.Exponent(); e > -100 && e < 100 {
		return d.String()
	}
	return d.Coefficient().String() + "e" + strconv.Itoa(int(d.Exponent()))
}

// inverseScale is the scale of 1 ÷ r: InverseRateScale plus the number of
// digits in r's integer part. checkRate has bounded r, so it fits an int32.
func inverseScale(r decimal.Decimal) int32 {
	n := int64(r.NumDigits()) + int64(r.Exponent())
	return InverseRateScale + int32(max(n, 0))
}

// Rate returns the rate that turns an amount in from into one in to on the
// calendar date of on, in UTC:
//
//   - 1 when from == to, on any date;
//   - else the from→to rate with the latest date on or before on's date;
//   - else, when the table has no such rate but has a to→from rate on or
//     before that date, 1 ÷ that rate, rounded half away from zero at
//     InverseRateScale places (plus one per integer digit of the rate);
//   - else an error wrapping ErrNoRate that names the pair and date, as
//     "activity: no exchange rate: EUR→USD on 2024-01-05".
//
// A direct rate always wins over an inverse, even an older one. Rates are
// not chained through a third currency. An invalid code gives an error
// wrapping ErrInvalidCurrency. Rate does not allocate unless it fails.
func (t *ExchangeRates) Rate(from, to Currency, on time.Time) (decimal.Decimal, error) {
	fk, ok := from.key()
	if !ok {
		return decimal.Decimal{}, from.Validate()
	}
	tk, ok := to.key()
	if !ok {
		return decimal.Decimal{}, to.Validate()
	}
	if fk == tk {
		return one, nil
	}
	day := utcDay(on)
	if i, ok := t.find(pairKey(fk, tk), day); ok {
		return t.rates[i], nil
	}
	if i, ok := t.find(pairKey(tk, fk), day); ok {
		return t.inverses[i], nil
	}
	return decimal.Decimal{}, fmt.Errorf("%w: %s→%s on %s", ErrNoRate, from, to, on.UTC().Format(time.DateOnly))
}

// find returns the index of key's rate with the latest date on or before day.
func (t *ExchangeRates) find(key uint32, day int64) (int, bool) {
	if t == nil {
		return 0, false
	}
	sp, ok := t.spans[key]
	if !ok {
		return 0, false
	}
	i, found := slices.BinarySearch(t.days[sp.lo:sp.hi], day)
	if !found {
		i-- // the rate before the insertion point is the one in effect
	}
	if i < 0 {
		return 0, false
	}
	return sp.lo + i, true
}

// RateDate says which date a Conversion takes its exchange rate on. The zero
// value, RateAtClose, is the default.
type RateDate uint8

const (
	// RateAtClose takes the rate on the deal's close date, so each deal is
	// valued as it was when it was won. This is the default.
	RateAtClose RateDate = iota
	// RateAtPeriodEnd takes the rate on the last day of the reporting period
	// (the date of the instant just before Period.End), so every deal in the
	// period is valued at one rate, as in a balance sheet.
	RateAtPeriodEnd
	// RateFixed takes the rate on one fixed date (Conversion.Fixed), as a
	// compensation plan's plan rate, so currency moves during the plan year
	// neither help nor hurt a rep.
	RateFixed
)

// String returns "at close", "at period end" or "fixed", and "RateDate(n)"
// for a value outside the three.
func (d RateDate) String() string {
	switch d {
	case RateAtClose:
		return "at close"
	case RateAtPeriodEnd:
		return "at period end"
	case RateFixed:
		return "fixed"
	}
	return "RateDate(" + strconv.Itoa(int(d)) + ")"
}

// Conversion turns amounts into one reporting currency, taking each rate from
// Converter on the date Date chooses. It is a value; Validate it once before
// use (Convert validates it too).
type Conversion struct {
	// To is the currency amounts are converted into. Required.
	To Currency
	// Converter gives the rates, such as a *ExchangeRates. Required.
	Converter Converter
	// Date chooses the rate's date. The zero value is RateAtClose.
	Date RateDate
	// Fixed is the rate date for RateFixed, read as a calendar date in its own
	// location. It must be set for RateFixed and zero otherwise.
	Fixed time.Time
}

// Validate reports every problem with c, joined, each wrapping
// ErrInvalidConversion: To is not a valid code (also wrapping
// ErrInvalidCurrency), Converter is nil, Date is not one of the three rules,
// Fixed is zero with RateFixed, or Fixed is set with another rule.
func (c Conversion) Validate() error {
	var errs []error
	if err := c.To.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("%w: to: %w", ErrInvalidConversion, err))
	}
	if c.Converter == nil {
		errs = append(errs, fmt.Errorf("%w: nil converter", ErrInvalidConversion))
	}
	switch {
	case c.Date > RateFixed:
		errs = append(errs, fmt.Errorf("%w: unknown rate date %s", ErrInvalidConversion, c.Date))
	case c.Date == RateFixed && c.Fixed.IsZero():
		errs = append(errs, fmt.Errorf("%w: rate date %s needs a fixed date", ErrInvalidConversion, c.Date))
	case c.Date != RateFixed && !c.Fixed.IsZero():
		errs = append(errs, fmt.Errorf("%w: fixed date %s set with rate date %s",
			ErrInvalidConversion, c.Fixed.Format(time.DateOnly), c.Date))
	}
	return errors.Join(errs...)
}

// Convert returns amount, in currency from, in c.To:
//
//	converted = amount × Converter.Rate(from, c.To, date)
//
// where date is, by c.Date, the calendar date of closedAt (RateAtClose), of
// the last instant before period.End (RateAtPeriodEnd: a period ending at
// midnight on 1 April takes 31 March's rate), or of c.Fixed (RateFixed),
// each read in that time's own location and passed to the converter as
// midnight UTC. Only the rule's own input is used: period is ignored unless
// the rule is RateAtPeriodEnd, closedAt unless it is RateAtClose.
//
// The product is exact, not rounded: round once, with Currency.Round, where
// a person sees the number, so sums of converted amounts carry no rounding
// error. An amount already in c.To is returned as is, without consulting the
// converter.
//
// Errors: c invalid (ErrInvalidConversion); from invalid
// (ErrInvalidCurrency); a zero closedAt with RateAtClose, or an invalid period
// with RateAtPeriodEnd (ErrNoRateDate, and ErrInvalidPeriod for the period);
// the converter's error, wrapped with the amount, pair and date; a converter
// rate that is not positive (ErrInvalidRate).
func (c Conversion) Convert(amount decimal.Decimal, from Currency, closedAt time.Time, period Period) (decimal.Decimal, error) {
	if err := c.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	if err := from.Validate(); err != nil {
		return decimal.Decimal{}, fmt.Errorf("activity: converting %s: %w", amount, err)
	}
	if from == c.To {
		return amount, nil
	}
	var at time.Time
	switch c.Date {
	case RateAtClose:
		if closedAt.IsZero() {
			return decimal.Decimal{}, fmt.Errorf("%w: converting %s %s to %s %s: zero close time",
				ErrNoRateDate, amount, from, c.To, c.Date)
		}
		at = closedAt
	case RateAtPeriodEnd:
		if err := period.Validate(); err != nil {
			return decimal.Decimal{}, fmt.Errorf("%w: converting %s %s to %s %s: %w",
				ErrNoRateDate, amount, from, c.To, c.Date, err)
		}
		at = period.End.Add(-time.Nanosecond)
	case RateFixed:
		at = c.Fixed
	}
	y, m, d := at.Date()
	on := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	rate, err := c.Converter.Rate(from, c.To, on)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("activity: converting %s %s to %s %s (%s): %w",
			amount, from, c.To, c.Date, on.Format(time.DateOnly), err)
	}
	if rate.Sign() <= 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: converter gave %s for %s→%s on %s, converting %s %s",
			ErrInvalidRate, rate, from, c.To, on.Format(time.DateOnly), amount, from)
	}
	return amount.Mul(rate), nil
}
