package performance

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Sentinel errors of bookings, growth, revenue per account and margin.
var (
	// ErrUndefinedGrowth reports a growth rate that has no meaning: growth
	// from a previous value of zero or less, a CAGR from a start of zero or
	// less, to a negative end or over zero or fewer years, or a rate beyond
	// float64's range.
	ErrUndefinedGrowth = errors.New("performance: growth is undefined")
	// ErrNoAccounts reports revenue per account with won deals but none of
	// them tied to an account.
	ErrNoAccounts = errors.New("performance: no won deals with an account")
	// ErrNoCosts reports a gross margin with won deals but none of them
	// carrying a cost.
	ErrNoCosts = errors.New("performance: no won deals with a cost")
)

// BookingsBasis says which value of a won deal bookings add up.
type BookingsBasis uint8

// Bookings bases.
const (
	// BookingsAmount (the default) adds the deal's Amount, which every deal
	// has.
	BookingsAmount BookingsBasis = iota
	// BookingsACV adds the deal's annual contract value.
	BookingsACV
	// BookingsTCV adds the deal's total contract value.
	BookingsTCV
)

// String returns "amount", "acv" or "tcv".
func (b BookingsBasis) String() string {
	switch b {
	case BookingsAmount:
		return "amount"
	case BookingsACV:
		return "acv"
	case BookingsTCV:
		return "tcv"
	}
	return fmt.Sprintf("BookingsBasis(%d)", uint8(b))
}

// MarshalText writes String.
func (b BookingsBasis) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (b *BookingsBasis) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, BookingsAmount, BookingsTCV, BookingsBasis.MarshalText)
	if !ok {
		return fmt.Errorf("%w: bookings basis %q", ErrInvalidOptions, text)
	}
	*b = v
	return nil
}

// bookColumn returns the column the basis reads.
func (b BookingsBasis) bookColumn(d *ixcols.Deals) *ixcols.Decimals {
	switch b {
	case BookingsACV:
		return &d.ACV
	case BookingsTCV:
		return &d.TCV
	}
	return &d.Amount
}

// bookField names the basis's field in text a person reads.
func (b BookingsBasis) bookField() string {
	switch b {
	case BookingsACV:
		return "ACV"
	case BookingsTCV:
		return "TCV"
	}
	return "amount"
}

// BookingsOptions selects what bookings add up. The zero value adds the
// Amount of the won deals, all in one currency.
type BookingsOptions struct {
	// Basis: BookingsAmount (default), BookingsACV or BookingsTCV. A won
	// deal without the chosen field (ACV and TCV are optional) is not
	// counted as zero: it is left out of the sum and counted in Missing.
	Basis BookingsBasis
	// Conversion converts every deal's value to Conversion.To, each at the
	// rate its Date rule chooses (the close date by default; under
	// activity.RateAtPeriodEnd the end of the period reported on). Nil: the
	// deals must share one currency, else the result is an error wrapping
	// ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// Validate reports an unknown basis (ErrInvalidOptions) and an invalid
// conversion (activity.ErrInvalidConversion).
func (o BookingsOptions) Validate() error {
	if o.Basis > BookingsTCV {
		return fmt.Errorf("%w: bookings basis %v", ErrInvalidOptions, o.Basis)
	}
	if o.Conversion != nil {
		return o.Conversion.Validate()
	}
	return nil
}

// BookingsTotal is what was booked: the exact sum of the chosen value over
// the won deals closed in the period,
//
//	Amount = Σ value(d)   over won deals d with Period.Start <= closed < Period.End
//
// in Currency (the deals' one currency, or the Conversion's). Deals counts
// the deals summed; Missing counts the won deals in the period left out for
// lacking the basis's field (always 0 for BookingsAmount). With no won deal
// the Amount is zero, a valid value, and Currency is empty unless a
// Conversion names it.
type BookingsTotal struct {
	Scope    string            `json:"scope"`
	Period   activity.Period   `json:"period"`
	Basis    BookingsBasis     `json:"basis"`
	Deals    int64             `json:"deals"`
	Missing  int64             `json:"missing,omitempty"`
	Amount   decimal.Decimal   `json:"amount"`
	Currency activity.Currency `json:"currency,omitempty"`
}

// String reads as "all: booked 3300.00 USD (amount) from 3 won deals in
// 2024 Q1", adding "; 1 won deal without ACV left out" where Missing is not
// zero. The amount is rounded to the currency's minor units, half away from
// zero.
func (b BookingsTotal) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s: booked %s (%s) from %s in %s", b.Scope, bookMoney(b.Amount, b.Currency),
		b.Basis.bookField(), bookCount(b.Deals, "won deal"), periodName(b.Period))
	if b.Missing > 0 {
		fmt.Fprintf(&s, "; %s without %s left out", bookCount(b.Missing, "won deal"), b.Basis.bookField())
	}
	return s.String()
}

// bookMoney formats d in cur, rounded half away from zero to cur's minor
// units; without a currency it writes d's own digits.
func bookMoney(d decimal.Decimal, cur activity.Currency) string {
	if cur == "" {
		return dec.Text(d)
	}
	return cur.Round(d).StringFixed(cur.MinorUnits()) + " " + string(cur)
}

// bookCount writes "1 won deal" or "3 won deals".
func bookCount(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// bookCurrencies notes the currencies a tally has seen.
type bookCurrencies struct{ curset.Seen }

func (c *bookCurrencies) bookSee(cur activity.Currency) { c.See(cur) }

func (c *bookCurrencies) bookMerge(o *bookCurrencies) { c.Merge(&o.Seen) }

// bookMixed returns an error wrapping ErrMixedCurrencies when two currencies
// were seen, naming them in alphabetical order.
func (c *bookCurrencies) bookMixed(scope string) error {
	if a, b, mixed := c.Mixed(); mixed {
		return fmt.Errorf("%w: %s and %s in %s (give a Conversion)", ErrMixedCurrencies, a, b, scope)
	}
	return nil
}

// BookingsTally is the fold behind Bookings, BookingsBy and BookingsSeries:
// add each won deal's value, merge tallies of parts of the data in any
// order, and take the Result. Its state is two counts, one exact sum and the
// currencies seen; the zero value is an empty tally.
type BookingsTally struct {
	deals, missing int64
	sum            exact.Sum
	cur            bookCurrencies
}

// Add counts a won deal of the given value. An empty currency is not noted
// (for callers that keep one currency themselves).
func (t *BookingsTally) Add(value decimal.Decimal, currency activity.Currency) {
	t.cur.bookSee(currency)
	t.sum.AddDecimal(value)
	t.deals++
}

// AddMissing counts a won deal that lacks the basis's field.
func (t *BookingsTally) AddMissing() { t.missing++ }

// Merge adds o to t.
func (t *BookingsTally) Merge(o *BookingsTally) {
	t.deals += o.deals
	t.missing += o.missing
	t.sum.Merge(&o.sum)
	t.cur.bookMerge(&o.cur)
}

// Result returns the bookings of the tally, labelled with scope and p. With
// values in two currencies it returns the counts and an error wrapping
// ErrMixedCurrencies. With no deal it returns a zero Amount in
// opt.Conversion's currency, if any, and no error.
func (t *BookingsTally) Result(scope string, p activity.Period, opt BookingsOptions) (BookingsTotal, error) {
	b := BookingsTotal{Scope: scope, Period: p, Basis: opt.Basis, Deals: t.deals, Missing: t.missing}
	if err := t.cur.bookMixed(scope); err != nil {
		return b, err
	}
	b.Amount, b.Currency = t.sum.Decimal(), t.cur.Currency
	if b.Currency == "" && opt.Conversion != nil {
		b.Currency = opt.Conversion.To
	}
	return b, nil
}

// Bookings returns what the view's deals booked in p: the exact sum of the
// chosen value (see BookingsOptions) of the deals won with a close time in
// p, with the deal count (see BookingsTotal). No won deal gives a zero
// Amount, not an error, in the conversion's currency or, without one, in
// the currency of the index's deals when they all have one. Errors: an
// invalid period
// (activity.ErrInvalidPeriod) or options; values in several currencies
// without a conversion (ErrMixedCurrencies); a conversion that fails (the
// converter's error, such as activity.ErrNoRate, naming the deal).
func Bookings(v activity.View, p activity.Period, opt BookingsOptions) (BookingsTotal, error) {
	if err := v.Err(); err != nil {
		return BookingsTotal{}, err
	}
	return bookingsKPI(v, p, opt).of(v, p)
}

// BookingsBy returns the bookings of every group of the view's deals in one
// pass, in key order (a period breakdown groups by close date, and lists
// every period, zero bookings included). Only groups with won deals appear,
// except periods. Each group is in its own currency: groups in different
// currencies come back (and so need not add up); a group in several is an
// error wrapping ErrMixedCurrencies. Under activity.RateAtPeriodEnd every
// deal is converted at the end of p, not of its group's period, so the
// groups add up to Bookings over p. The other errors are those of Bookings
// and an invalid By (ErrInvalidOptions, activity.ErrInvalidCalendar,
// activity.ErrInvalidGranularity).
func BookingsBy(v activity.View, p activity.Period, by activity.By, opt BookingsOptions) ([]activity.Group[BookingsTotal], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	return bookingsKPI(v, p, opt).by(v, p, by)
}

func bookingsKPI(v activity.View, p activity.Period, opt BookingsOptions) kpi[BookingsTally, BookingsTotal] {
	return kpi[BookingsTally, BookingsTotal]{
		merge: (*BookingsTally).Merge,
		pass:  func(g *grouper) ([]BookingsTally, error) { return bookingsPass(v, p, opt, g, false) },
		seen:  func(t *BookingsTally) bool { return t.deals+t.missing > 0 },
		result: func(t *BookingsTally, scope string, q activity.Period) (BookingsTotal, error) {
			b, err := t.Result(scope, q, opt)
			if b.Currency == "" {
				b.Currency = soleCurrency(v.Index())
			}
			return b, err
		},
	}
}

// soleCurrencyKey is soleCurrency's key.
func soleCurrencyKey(ix *activity.Index) (activity.Key, bool) {
	c, ok := ix.Currency()
	if !ok {
		return activity.NoKey, false
	}
	return ix.Currencies().Key(string(c))
}

// soleCurrency returns the currency of every deal of ix when they all have
// one, else "": an empty result (no won deal) still reads as money in a
// one-currency book.
func soleCurrency(ix *activity.Index) activity.Currency {
	if ix == nil {
		return ""
	}
	cur, _ := ix.Currency()
	return cur
}

// bookUnseen marks no currency key seen yet (keys are >= 0, NoKey is −1).
const bookUnseen activity.Key = -2

// bookScan reads won deals' values in the reporting currency: int64 units
// at the column's scale where the deal needs no conversion and its value
// fits, else an exact decimal.
type bookScan struct {
	ix         *activity.Index
	d          *ixcols.Deals
	in         span
	p          activity.Period
	conv       *activity.Conversion
	toKey      activity.Key // conv.To's key in the index, bookUnseen when absent
	g          *grouper
	ownPeriods bool // convert at the end of the group's period, not of p
}

// bookValue is one deal's value: units (fast) or dec.
type bookValue struct {
	units     int64
	dec       decimal.Decimal
	fast      bool
	converted bool // dec is in conv.To, converted from the deal's currency
}

func (x bookValue) bookAddTo(s *exact.Sum) {
	if x.fast {
		s.Add(x.units)
	} else {
		s.AddDecimal(x.dec)
	}
}

func bookNewScan(v activity.View, p activity.Period, conv *activity.Conversion, g *grouper, ownPeriods bool) *bookScan {
	ix := v.Index()
	s := &bookScan{ix: ix, d: ixcols.DealsOf(ix), in: spanOf(p), p: p, conv: conv, toKey: bookUnseen, g: g, ownPeriods: ownPeriods}
	if conv != nil {
		if k, ok := ix.Currencies().Key(string(conv.To)); ok && k != activity.NoKey {
			s.toKey = k
		}
	}
	return s
}

// bookWon returns the close time of row r when it is a deal won in p.
func (s *bookScan) bookWon(r int32) (int64, bool) {
	if s.d.Status[r] != activity.StatusWon {
		return 0, false
	}
	at := s.d.Closed[r]
	return at, at != ixcols.NoTime && s.in.has(at)
}

// bookRead returns row r of col (present) in the reporting currency; gi is
// the row's group, for a conversion at the group's period end.
func (s *bookScan) bookRead(col *ixcols.Decimals, units []int64, r int32, gi int) (bookValue, error) {
	if s.conv == nil || s.d.Currency[r] == s.toKey {
		if u := units[r]; u != ixcols.Unfit {
			return bookValue{units: u, fast: true}, nil
		}
		x, _ := col.At(int(r))
		return bookValue{dec: x}, nil
	}
	q := s.p
	if s.ownPeriods {
		q = s.g.period(gi, s.p)
	}
	x, _ := col.At(int(r))
	from := activity.Currency(s.ix.Currencies().Name(s.d.Currency[r]))
	c, err := s.conv.Convert(x, from, fromNanos(s.d.Closed[r], s.p.Start), q)
	if err != nil {
		return bookValue{}, fmt.Errorf("deal %q: %w", s.d.ID.At(int(r)), err)
	}
	return bookValue{dec: c, converted: true}, nil
}

// bookCurrency returns the currency of a value read from row r.
func (s *bookScan) bookCurrency(x bookValue, r int32) activity.Currency {
	if x.converted {
		return s.conv.To
	}
	return activity.Currency(s.ix.Currencies().Name(s.d.Currency[r]))
}

// bookingsPass runs the bookings pass over the view: one tally per group of
// g, or one in all when g is nil.
func bookingsPass(v activity.View, p activity.Period, opt BookingsOptions, g *grouper, ownPeriods bool) ([]BookingsTally, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	s := bookNewScan(v, p, opt.Conversion, g, ownPeriods)
	col := opt.Basis.bookColumn(s.d)
	units, scale := col.Units()
	n := 1
	if g != nil {
		n = g.size()
	}
	ts := make([]BookingsTally, n)
	keys := make([]activity.Key, n) // the currency key each tally saw last
	for i := range ts {
		ts[i].sum, keys[i] = exact.NewSum(scale), bookUnseen
	}
	for _, r := range v.DealRows() {
		at, ok := s.bookWon(r)
		if !ok {
			continue
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, at); gi < 0 {
				continue
			}
			for gi >= len(ts) {
				ts = append(ts, BookingsTally{sum: exact.NewSum(scale)})
				keys = append(keys, bookUnseen)
			}
		}
		t := &ts[gi]
		if !col.Present(int(r)) {
			t.missing++
			continue
		}
		x, err := s.bookRead(col, units, r, gi)
		if err != nil {
			return nil, err
		}
		if x.converted {
			t.cur.bookSee(s.conv.To)
		} else if ck := s.d.Currency[r]; ck != keys[gi] {
			t.cur.bookSee(s.bookCurrency(x, r))
			keys[gi] = ck
		}
		x.bookAddTo(&t.sum)
		t.deals++
	}
	return ts, nil
}

// GrowthRate is the change from a previous value to the current one:
//
//	Change = Current − Previous                        exact
//	Ratio  = Change / Previous                         rounded half away from
//	                                                   zero to 20 places
//	Rate   = Ratio as float64                          0.25 means +25%
//
// Where the rate is undefined (no previous value, a previous value of zero
// or less) Undefined says why, and Ratio and Rate are zero.
type GrowthRate struct {
	Current   decimal.Decimal `json:"current"`
	Previous  decimal.Decimal `json:"previous"`
	Change    decimal.Decimal `json:"change"`
	Ratio     decimal.Decimal `json:"ratio"`
	Rate      float64         `json:"rate"`
	Undefined string          `json:"undefined,omitempty"`
}

// String reads as "+50.0% (1000 → 1500)" or "undefined: …".
func (g GrowthRate) String() string {
	if g.Undefined != "" {
		return "undefined: " + g.Undefined
	}
	return fmt.Sprintf("%+.1f%% (%s → %s)", 100*g.Rate, dec.Text(g.Previous), dec.Text(g.Current))
}

// Growth returns the growth from previous to current (see GrowthRate):
//
//	(current − previous) / previous
//
// A previous value of zero gives an error wrapping both ErrUndefinedGrowth
// and ErrZeroDenominator; a negative one (where the sign of the change would
// mislead) and a ratio beyond float64's range give one wrapping
// ErrUndefinedGrowth. The result then carries the values, the change and the
// reason in Undefined.
func Growth(current, previous decimal.Decimal) (GrowthRate, error) {
	g := GrowthRate{Current: current, Previous: previous, Change: current.Sub(previous)}
	var err error
	switch previous.Sign() {
	case 0:
		err = fmt.Errorf("%w: %w: previous value is zero", ErrUndefinedGrowth, ErrZeroDenominator)
	case -1:
		err = fmt.Errorf("%w: previous value %s is negative", ErrUndefinedGrowth, dec.Text(previous))
	default:
		g.Ratio = g.Change.DivRound(previous, ratioScale)
		g.Rate = g.Ratio.InexactFloat64()
		if math.IsInf(g.Rate, 0) {
			g.Ratio, g.Rate = decimal.Decimal{}, 0
			err = fmt.Errorf("%w: growth from %s to %s is beyond float64", ErrUndefinedGrowth, dec.Text(previous), dec.Text(current))
		}
	}
	if err != nil {
		g.Undefined = err.Error()
	}
	return g, err
}

// CompoundGrowth is a compound annual growth rate with its inputs:
//
//	Rate = (End / Start)^(1 / Years) − 1
//
// computed as expm1(log1p((End − Start) / Start) / Years), with the ratio
// exact before it becomes float64, so rates near zero keep their digits.
type CompoundGrowth struct {
	Start decimal.Decimal `json:"start"`
	End   decimal.Decimal `json:"end"`
	Years float64         `json:"years"`
	Rate  float64         `json:"rate"`
}

// String reads as "CAGR 10.00% (100 → 121 over 2.00 years)".
func (c CompoundGrowth) String() string {
	return fmt.Sprintf("CAGR %.2f%% (%s → %s over %.2f years)", 100*c.Rate, dec.Text(c.Start), dec.Text(c.End), c.Years)
}

// CAGR returns the compound annual growth rate from start to end over the
// given years (see CompoundGrowth): 100 → 121 over 2 years is 0.10. Years
// may be fractional; take them from dates with ElapsedYears. An end of zero
// gives −1 (all lost).
//
// Errors, each wrapping ErrUndefinedGrowth: start zero or less (zero also
// wraps ErrZeroDenominator); end negative; years zero, negative, NaN or
// infinite; a rate beyond float64's range.
func CAGR(start, end decimal.Decimal, years float64) (CompoundGrowth, error) {
	c := CompoundGrowth{Start: start, End: end, Years: years}
	switch {
	case start.IsZero():
		return c, fmt.Errorf("%w: %w: start value is zero", ErrUndefinedGrowth, ErrZeroDenominator)
	case start.Sign() < 0:
		return c, fmt.Errorf("%w: start value %s is negative", ErrUndefinedGrowth, dec.Text(start))
	case end.Sign() < 0:
		return c, fmt.Errorf("%w: end value %s is negative", ErrUndefinedGrowth, dec.Text(end))
	case math.IsNaN(years) || math.IsInf(years, 0) || years <= 0:
		return c, fmt.Errorf("%w: over %v years", ErrUndefinedGrowth, years)
	case end.IsZero():
		c.Rate = -1
		return c, nil
	}
	// ln(end / start): through log1p of the exact relative change near 1,
	// where it keeps its digits, and as a difference of logarithms taken
	// from each decimal's digits and exponent otherwise, so that a ratio
	// below 10^−20 is not rounded to 0 (a rate of exactly −1).
	var lnRatio float64
	if ratio := end.DivRound(start, ratioScale); ratio.GreaterThan(decimal.New(5, -1)) && ratio.LessThan(decimal.NewFromInt(2)) {
		lnRatio = math.Log1p(end.Sub(start).DivRound(start, ratioScale).InexactFloat64())
	} else {
		lnRatio = decLog(end) - decLog(start)
	}
	r := math.Expm1(lnRatio / years)
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return c, fmt.Errorf("%w: CAGR from %s to %s over %v years is beyond float64", ErrUndefinedGrowth,
			dec.Text(start), dec.Text(end), years)
	}
	c.Rate = r
	return c, nil
}

// decLog is the natural logarithm of a positive decimal, taken from its
// digits and exponent so that no magnitude under- or overflows float64.
func decLog(d decimal.Decimal) float64 {
	mant := new(big.Float)
	exp2 := new(big.Float).SetInt(d.Coefficient()).MantExp(mant)
	m, _ := mant.Float64()
	return math.Log(m) + float64(exp2)*math.Ln2 + float64(d.Exponent())*math.Ln10
}

// bookSecondsPerYear is a Julian year of 365.25 days of 86,400 s.
const bookSecondsPerYear = 365.25 * 86400

// ElapsedYears returns the elapsed time from from to to in years of 365.25
// days (elapsed seconds / 86,400 / 365.25, immune to time zones and daylight
// saving): 1 January 2024 to 1 January 2026 is 731 / 365.25 =
// 2.0013689… years. It is negative when to is before from.
func ElapsedYears(from, to time.Time) float64 {
	secs := float64(to.Unix()-from.Unix()) + float64(to.Nanosecond()-from.Nanosecond())/1e9
	return secs / bookSecondsPerYear
}

// BookingsPoint is one period of a bookings series: its bookings and their
// growth over the previous period and over the same period a year earlier.
type BookingsPoint struct {
	Bookings         BookingsTotal `json:"bookings"`
	PeriodOverPeriod GrowthRate    `json:"period_over_period"`
	YearOverYear     GrowthRate    `json:"year_over_year"`
}

// BookingsTrend is a bookings series: every period of the granularity that
// overlaps [From, To), whole, in time order, each with its bookings (zero
// where nothing was won) and growth (see BookingsSeries). YearLag is how
// many periods back "a year earlier" is (12 for months, 4 for quarters, 1 for
// years, 52 for weeks, 0 for days: no year-over-year growth).
type BookingsTrend struct {
	Scope       string               `json:"scope"`
	Granularity activity.Granularity `json:"granularity"`
	From        time.Time            `json:"from"`
	To          time.Time            `json:"to"`
	Basis       BookingsBasis        `json:"basis"`
	Currency    activity.Currency    `json:"currency,omitempty"`
	YearLag     int                  `json:"year_lag"`
	Points      []BookingsPoint      `json:"points"`
}

// String lists the points, one a line, as
// "2025-02  1000.00 USD  1 won deal  PoP −33.3%  YoY −50.0%".
func (t BookingsTrend) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s: bookings (%s) by %v", t.Scope, t.Basis.bookField(), t.Granularity)
	growth := func(g GrowthRate) string {
		if g.Undefined != "" {
			return "n/a"
		}
		return fmt.Sprintf("%+.1f%%", 100*g.Rate)
	}
	for _, p := range t.Points {
		b := p.Bookings
		fmt.Fprintf(&s, "\n%s  %s  %s  PoP %s  YoY %s", periodName(b.Period), bookMoney(b.Amount, b.Currency),
			bookCount(b.Deals, "won deal"), growth(p.PeriodOverPeriod), growth(p.YearOverYear))
	}
	return s.String()
}

// bookYearLag is the number of periods of g in a year: months 12, quarters
// 4, years 1, weeks 52 (the retail "same week last year"; week 53 of a
// 53-week year compares with week 1 of the same year, and the weeks after it
// with the week numbered one higher), days 0 (leap years make a year of days
// ambiguous, so no year-over-year growth is given).
func bookYearLag(g activity.Granularity) int {
	switch g {
	case activity.Monthly:
		return 12
	case activity.Quarterly:
		return 4
	case activity.Yearly:
		return 1
	case activity.Weekly:
		return 52
	}
	return 0
}

// BookingsSeries returns the bookings of the view's deals in every period of
// granularity g of the calendar that overlaps [from, to), each period whole
// (so the first may start before from and the last end after to), in one
// pass. A period with no won deal is a valid zero. Each point carries
//
//	PeriodOverPeriod = (this − previous) / previous            the period before
//	YearOverYear     = (this − year earlier) / year earlier    YearLag periods before
//
// (see Growth): a year earlier is 12 months, 4 quarters, 1 year or 52 weeks
// back, counted in the calendar's own periods (fiscal and retail ones
// included); days have no year-over-year growth. Growth is undefined, with
// the reason, where the earlier period is not in the series (start the
// series a year earlier for year-over-year growth of its first year) or its
// bookings are zero. Under activity.RateAtPeriodEnd each period is converted
// at its own end.
//
// Errors: an invalid calendar (activity.ErrInvalidCalendar) or granularity
// (activity.ErrInvalidGranularity); a zero from or to, or to not after from
// (activity.ErrInvalidPeriod); invalid options; periods in different
// currencies without a conversion (ErrMixedCurrencies); a conversion that
// fails.
func BookingsSeries(v activity.View, cal activity.Calendar, g activity.Granularity, from, to time.Time, opt BookingsOptions) (BookingsTrend, error) {
	if err := v.Err(); err != nil {
		return BookingsTrend{}, err
	}
	if err := cal.Validate(); err != nil {
		return BookingsTrend{}, err
	}
	if _, err := cal.PeriodOf(g, timeZero); err != nil {
		return BookingsTrend{}, err
	}
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return BookingsTrend{}, fmt.Errorf("%w: bookings series from %s to %s", activity.ErrInvalidPeriod,
			from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	if err := opt.Validate(); err != nil {
		return BookingsTrend{}, err
	}
	var first, last activity.Period
	n := 0
	for q := range cal.Periods(g, from, to) {
		if n == 0 {
			first = q
		}
		last = q
		n++
	}
	if n == 0 {
		return BookingsTrend{}, fmt.Errorf("%w: no %v of the calendar overlaps %s to %s", activity.ErrInvalidPeriod,
			g, from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	whole := activity.Period{Start: first.Start, End: last.End, Name: first.Name + " to " + last.Name}
	grp, err := newGrouper(v.Index(), activity.ByPeriod(cal, g), whole)
	if err != nil {
		return BookingsTrend{}, err
	}
	ts, err := bookingsPass(v, whole, opt, grp, true)
	if err != nil {
		return BookingsTrend{}, err
	}
	trend := BookingsTrend{Scope: v.Label(), Granularity: g, From: from, To: to, Basis: opt.Basis, YearLag: bookYearLag(g)}
	var all bookCurrencies
	trend.Points = make([]BookingsPoint, grp.size())
	for i := range trend.Points {
		var t BookingsTally
		if i < len(ts) {
			t = ts[i]
		}
		b, err := t.Result(grp.scope(v, i), grp.period(i, whole), opt)
		if err != nil {
			return BookingsTrend{}, err
		}
		all.bookSee(b.Currency)
		trend.Points[i].Bookings = b
	}
	if err := all.bookMixed(v.Label()); err != nil {
		return BookingsTrend{}, err
	}
	trend.Currency = all.Currency
	if trend.Currency == "" {
		trend.Currency = soleCurrency(v.Index())
	}
	for i := range trend.Points {
		pt := &trend.Points[i]
		if pt.Bookings.Currency == "" {
			pt.Bookings.Currency = trend.Currency // a zero period reads in the series' currency
		}
		pt.PeriodOverPeriod = bookGrowthAt(trend.Points, i, 1, "no previous period in the series")
		switch {
		case trend.YearLag == 0:
			pt.YearOverYear = GrowthRate{Current: pt.Bookings.Amount, Undefined: "no year over year for daily periods"}
		default:
			pt.YearOverYear = bookGrowthAt(trend.Points, i, trend.YearLag, "no period a year earlier in the series")
		}
	}
	return trend, nil
}

// bookGrowthAt is the growth of point i over point i − lag, or undefined
// with reason when there is none.
func bookGrowthAt(ps []BookingsPoint, i, lag int, reason string) GrowthRate {
	cur := ps[i].Bookings.Amount
	if i < lag {
		return GrowthRate{Current: cur, Undefined: reason}
	}
	g, _ := Growth(cur, ps[i-lag].Bookings.Amount) // an error is in g.Undefined
	return g
}

// AccountRevenue is revenue per account: the won value (see BookingsOptions)
// of the deals won in the period that name an account, over the number of
// distinct accounts among them,
//
//	PerAccount = Revenue / Accounts      rounded half away from zero to 20
//	                                     places, in Currency
//
// Won deals without an account are left out of both and reported apart:
// NoAccount counts them and NoAccountAmount sums their value (so Revenue +
// NoAccountAmount is the period's bookings). Missing counts won deals
// without the basis's field, also left out.
type AccountRevenue struct {
	Scope           string            `json:"scope"`
	Period          activity.Period   `json:"period"`
	Basis           BookingsBasis     `json:"basis"`
	Revenue         decimal.Decimal   `json:"revenue"`
	Accounts        int64             `json:"accounts"`
	Deals           int64             `json:"deals"`
	NoAccount       int64             `json:"no_account,omitempty"`
	NoAccountAmount decimal.Decimal   `json:"no_account_amount"`
	Missing         int64             `json:"missing,omitempty"`
	PerAccount      decimal.Decimal   `json:"per_account"`
	Currency        activity.Currency `json:"currency,omitempty"`
}

// String reads as "all: 1166.67 USD per account (3500.00 USD over 3
// accounts, 3 won deals) in 2024; 1 won deal without an account (300.00 USD)
// left out".
func (a AccountRevenue) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s: %s per account (%s over %s, %s) in %s", a.Scope, bookMoney(a.PerAccount, a.Currency),
		bookMoney(a.Revenue, a.Currency), bookCount(a.Accounts, "account"), bookCount(a.Deals, "won deal"), periodName(a.Period))
	if a.NoAccount > 0 {
		fmt.Fprintf(&s, "; %s without an account (%s) left out", bookCount(a.NoAccount, "won deal"), bookMoney(a.NoAccountAmount, a.Currency))
	}
	if a.Missing > 0 {
		fmt.Fprintf(&s, "; %s without %s left out", bookCount(a.Missing, "won deal"), a.Basis.bookField())
	}
	return s.String()
}

// AccountRevenueTally is the fold behind RevenuePerAccount. Its state is
// three counts, two exact sums, the currencies seen and the set of accounts
// met (it grows with the distinct accounts); the zero value is an empty
// tally.
type AccountRevenueTally struct {
	deals, noAccount, missing int64
	sum, noAccountSum         exact.Sum
	accounts                  map[string]struct{}
	cur                       bookCurrencies
}

// Add counts a won deal of the given value for account; an empty account
// counts the deal as one without an account. An empty currency is not
// noted.
func (t *AccountRevenueTally) Add(account string, value decimal.Decimal, currency activity.Currency) {
	t.cur.bookSee(currency)
	if account == "" {
		t.noAccount++
		t.noAccountSum.AddDecimal(value)
		return
	}
	t.deals++
	t.sum.AddDecimal(value)
	t.bookAccount(account)
}

func (t *AccountRevenueTally) bookAccount(account string) {
	if t.accounts == nil {
		t.accounts = make(map[string]struct{})
	}
	t.accounts[account] = struct{}{}
}

// AddMissing counts a won deal that lacks the basis's field.
func (t *AccountRevenueTally) AddMissing() { t.missing++ }

// Merge adds o to t; an account in both counts once.
func (t *AccountRevenueTally) Merge(o *AccountRevenueTally) {
	t.deals += o.deals
	t.noAccount += o.noAccount
	t.missing += o.missing
	t.sum.Merge(&o.sum)
	t.noAccountSum.Merge(&o.noAccountSum)
	for a := range o.accounts {
		t.bookAccount(a)
	}
	t.cur.bookMerge(&o.cur)
}

// Result returns the revenue per account of the tally. Errors, with what
// was counted: two currencies (ErrMixedCurrencies); no won deal counted
// (ErrNoWonDeals); won deals but none with an account (ErrNoAccounts).
func (t *AccountRevenueTally) Result(scope string, p activity.Period, opt BookingsOptions) (AccountRevenue, error) {
	a := AccountRevenue{Scope: scope, Period: p, Basis: opt.Basis, Accounts: int64(len(t.accounts)),
		Deals: t.deals, NoAccount: t.noAccount, Missing: t.missing}
	if err := t.cur.bookMixed(scope); err != nil {
		return a, err
	}
	a.Revenue, a.NoAccountAmount, a.Currency = t.sum.Decimal(), t.noAccountSum.Decimal(), t.cur.Currency
	if a.Currency == "" && opt.Conversion != nil {
		a.Currency = opt.Conversion.To
	}
	switch {
	case t.deals+t.noAccount == 0:
		return a, fmt.Errorf("%w: %s in %s", ErrNoWonDeals, scope, periodName(p))
	case a.Accounts == 0:
		return a, fmt.Errorf("%w: %s in %s", ErrNoAccounts, scope, periodName(p))
	}
	a.PerAccount = a.Revenue.DivRound(decimal.NewFromInt(a.Accounts), ratioScale)
	return a, nil
}

// RevenuePerAccount returns the won value per account of the view's deals
// won in p (see AccountRevenue; the options are those of Bookings). Errors:
// an invalid period or options; no won deal with the basis's field
// (ErrNoWonDeals); none with an account (ErrNoAccounts); values in several
// currencies without a conversion (ErrMixedCurrencies); a conversion that
// fails.
func RevenuePerAccount(v activity.View, p activity.Period, opt BookingsOptions) (AccountRevenue, error) {
	if err := v.Err(); err != nil {
		return AccountRevenue{}, err
	}
	if err := checkPeriod(p); err != nil {
		return AccountRevenue{}, err
	}
	if err := opt.Validate(); err != nil {
		return AccountRevenue{}, err
	}
	s := bookNewScan(v, p, opt.Conversion, nil, false)
	col := opt.Basis.bookColumn(s.d)
	units, scale := col.Units()
	t := AccountRevenueTally{sum: exact.NewSum(scale), noAccountSum: exact.NewSum(scale)}
	seen := make([]bool, s.ix.Accounts().Len()) // by account key
	lastKey := bookUnseen
	for _, r := range v.DealRows() {
		if _, ok := s.bookWon(r); !ok {
			continue
		}
		if !col.Present(int(r)) {
			t.missing++
			continue
		}
		x, err := s.bookRead(col, units, r, 0)
		if err != nil {
			return AccountRevenue{}, err
		}
		if ck := s.d.Currency[r]; x.converted || ck != lastKey {
			t.cur.bookSee(s.bookCurrency(x, r))
			lastKey = ck
		}
		ak := s.d.Account[r]
		if ak == activity.NoKey {
			t.noAccount++
			x.bookAddTo(&t.noAccountSum)
			continue
		}
		t.deals++
		x.bookAddTo(&t.sum)
		if !seen[ak] {
			seen[ak] = true
			t.bookAccount(s.ix.Accounts().Name(ak))
		}
	}
	return t.Result(v.Label(), p, opt)
}

// MarginOptions configures a gross margin. The zero value needs the deals in
// one currency.
type MarginOptions struct {
	// Conversion converts each deal's amount and cost to Conversion.To at
	// the same rate (see BookingsOptions.Conversion). Nil: several
	// currencies are an error wrapping ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// Validate reports an invalid conversion (activity.ErrInvalidConversion).
func (o MarginOptions) Validate() error {
	if o.Conversion != nil {
		return o.Conversion.Validate()
	}
	return nil
}

// Margin is the gross margin of the deals won in the period that carry a
// cost:
//
//	Amount = Revenue − Cost                 exact, in Currency
//	Ratio  = Amount / Revenue               rounded half away from zero to
//	                                        20 places
//	Rate   = Ratio as float64               0.4 means 40%
//
// where Revenue and Cost sum the deals' Amount and Cost. A won deal without
// a cost is not taken as costing nothing: it is left out of every sum and
// counted in NoCost. (A cost of 0 given by the host is a cost.)
type Margin struct {
	Scope    string            `json:"scope"`
	Period   activity.Period   `json:"period"`
	Deals    int64             `json:"deals"`
	NoCost   int64             `json:"no_cost,omitempty"`
	Revenue  decimal.Decimal   `json:"revenue"`
	Cost     decimal.Decimal   `json:"cost"`
	Amount   decimal.Decimal   `json:"amount"`
	Ratio    decimal.Decimal   `json:"ratio"`
	Rate     float64           `json:"rate"`
	Currency activity.Currency `json:"currency,omitempty"`
}

// String reads as "all: gross margin 61.1% (1100.00 USD = 1800.00 USD −
// 700.00 USD cost, 3 won deals) in 2024; 1 won deal without a cost left
// out".
func (m Margin) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s: gross margin %.1f%% (%s = %s − %s cost, %s) in %s", m.Scope, 100*m.Rate,
		bookMoney(m.Amount, m.Currency), bookMoney(m.Revenue, m.Currency), bookMoney(m.Cost, m.Currency),
		bookCount(m.Deals, "won deal"), periodName(m.Period))
	if m.NoCost > 0 {
		fmt.Fprintf(&s, "; %s without a cost left out", bookCount(m.NoCost, "won deal"))
	}
	return s.String()
}

// MarginTally is the fold behind GrossMargin. Its state is two counts, two
// exact sums and the currencies seen; the zero value is an empty tally.
type MarginTally struct {
	deals, noCost int64
	revenue, cost exact.Sum
	cur           bookCurrencies
}

// Add counts a won deal with its amount and cost, both in currency. An
// empty currency is not noted.
func (t *MarginTally) Add(amount, cost decimal.Decimal, currency activity.Currency) {
	t.cur.bookSee(currency)
	t.deals++
	t.revenue.AddDecimal(amount)
	t.cost.AddDecimal(cost)
}

// AddNoCost counts a won deal that has no cost.
func (t *MarginTally) AddNoCost() { t.noCost++ }

// Merge adds o to t.
func (t *MarginTally) Merge(o *MarginTally) {
	t.deals += o.deals
	t.noCost += o.noCost
	t.revenue.Merge(&o.revenue)
	t.cost.Merge(&o.cost)
	t.cur.bookMerge(&o.cur)
}

// Result returns the gross margin of the tally. Errors, with what was
// counted: two currencies (ErrMixedCurrencies); no won deal
// (ErrNoWonDeals); won deals but none with a cost (ErrNoCosts); a zero
// revenue (ErrZeroDenominator, with the margin amount).
func (t *MarginTally) Result(scope string, p activity.Period, opt MarginOptions) (Margin, error) {
	m := Margin{Scope: scope, Period: p, Deals: t.deals, NoCost: t.noCost}
	if err := t.cur.bookMixed(scope); err != nil {
		return m, err
	}
	m.Revenue, m.Cost, m.Currency = t.revenue.Decimal(), t.cost.Decimal(), t.cur.Currency
	m.Amount = m.Revenue.Sub(m.Cost)
	if m.Currency == "" && opt.Conversion != nil {
		m.Currency = opt.Conversion.To
	}
	switch {
	case t.deals+t.noCost == 0:
		return m, fmt.Errorf("%w: %s in %s", ErrNoWonDeals, scope, periodName(p))
	case t.deals == 0:
		return m, fmt.Errorf("%w: %s in %s (%d without)", ErrNoCosts, scope, periodName(p), t.noCost)
	case m.Revenue.IsZero():
		return m, fmt.Errorf("%w: revenue of the won deals with a cost is zero in %s", ErrZeroDenominator, scope)
	}
	m.Ratio = m.Amount.DivRound(m.Revenue, ratioScale)
	m.Rate = m.Ratio.InexactFloat64()
	return m, nil
}

// GrossMargin returns the gross margin of the view's deals won in p that
// have a cost (see Margin). Errors: an invalid period or options; no won
// deal (ErrNoWonDeals); none with a cost (ErrNoCosts); a zero revenue
// (ErrZeroDenominator); amounts in several currencies without a conversion
// (ErrMixedCurrencies); a conversion that fails.
func GrossMargin(v activity.View, p activity.Period, opt MarginOptions) (Margin, error) {
	if err := v.Err(); err != nil {
		return Margin{}, err
	}
	if err := checkPeriod(p); err != nil {
		return Margin{}, err
	}
	if err := opt.Validate(); err != nil {
		return Margin{}, err
	}
	s := bookNewScan(v, p, opt.Conversion, nil, false)
	au, as := s.d.Amount.Units()
	cu, cs := s.d.Cost.Units()
	t := MarginTally{revenue: exact.NewSum(as), cost: exact.NewSum(cs)}
	lastKey := bookUnseen
	for _, r := range v.DealRows() {
		if _, ok := s.bookWon(r); !ok {
			continue
		}
		if !s.d.Cost.Present(int(r)) {
			t.noCost++
			continue
		}
		a, err := s.bookRead(&s.d.Amount, au, r, 0)
		if err != nil {
			return Margin{}, err
		}
		c, err := s.bookRead(&s.d.Cost, cu, r, 0)
		if err != nil {
			return Margin{}, err
		}
		if ck := s.d.Currency[r]; a.converted || ck != lastKey {
			t.cur.bookSee(s.bookCurrency(a, r))
			lastKey = ck
		}
		t.deals++
		a.bookAddTo(&t.revenue)
		c.bookAddTo(&t.cost)
	}
	return t.Result(v.Label(), p, opt)
}
