package customers

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
)

// CompoundChurn restates a churn rate over periods periods of the rate's
// own length by compounding the retention:
//
//	1 − (1 − rate)^periods
//
// so a monthly rate over 12 periods is the annual rate, and an annual rate
// over 1/12 period the monthly one. Never multiply a monthly rate by 12: 5%
// a month is 46% a year, not 60%. rate must be in [0, 1] and periods above
// zero and finite, else the error wraps ErrInvalidOptions.
func CompoundChurn(rate, periods float64) (float64, error) {
	if !(rate >= 0 && rate <= 1) {
		return 0, fmt.Errorf("%w: churn rate %v outside [0, 1]", ErrInvalidOptions, rate)
	}
	if !(periods > 0) || math.IsInf(periods, 1) {
		return 0, fmt.Errorf("%w: %v periods", ErrInvalidOptions, periods)
	}
	if rate == 1 {
		return 1, nil
	}
	return -math.Expm1(periods * math.Log1p(-rate)), nil
}

// AnnualChurn returns the annual churn rate of a monthly one, 1 − (1 − m)^12
// (see CompoundChurn).
func AnnualChurn(monthly float64) (float64, error) { return CompoundChurn(monthly, 12) }

// MonthlyChurn returns the monthly churn rate of an annual one,
// 1 − (1 − a)^(1/12) (see CompoundChurn).
func MonthlyChurn(annual float64) (float64, error) { return CompoundChurn(annual, 1.0/12) }

// Timing says when in each period a customer's margin arrives.
type Timing uint8

// Timings of a lifetime value.
const (
	// ReceivedAtStart (the default): the first period's margin arrives at
	// once, each later one if the customer is still there.
	ReceivedAtStart Timing = iota
	// ReceivedAtEnd: each margin arrives at the end of its period, and only
	// from a customer retained through it.
	ReceivedAtEnd
)

// String returns "start_of_period" or "end_of_period".
func (t Timing) String() string {
	switch t {
	case ReceivedAtStart:
		return "start_of_period"
	case ReceivedAtEnd:
		return "end_of_period"
	}
	return fmt.Sprintf("Timing(%d)", uint8(t))
}

// MarshalText writes String.
func (t Timing) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (t *Timing) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ReceivedAtStart, ReceivedAtEnd, Timing.MarshalText)
	if !ok {
		return fmt.Errorf("%w: timing %q", ErrInvalidOptions, text)
	}
	*t = v
	return nil
}

// LTVOptions selects a lifetime value's variant. The zero value is the
// classic undiscounted ARPA / churn on revenue.
type LTVOptions struct {
	// Margin is the gross margin as a fraction in [0, 1]; absent counts
	// revenue (a margin of 1).
	Margin activity.Optional[decimal.Decimal]
	// DiscountRate is the rate i per period money is discounted at, zero
	// or more; zero does not discount.
	DiscountRate decimal.Decimal
	// Timing: ReceivedAtStart (default) or ReceivedAtEnd.
	Timing Timing
	// Horizon counts the periods valued; zero values every period to come.
	Horizon int
	// Currency is the currency of ARPA, carried into the result so that it
	// reads as money. Empty: none named.
	Currency activity.Currency
}

// LifetimeValue is a customer lifetime value with what it was computed from.
// With margin per period m = ARPA × Margin, retention r = 1 − Churn,
// discount rate i and q = r / (1 + i):
//
//	ReceivedAtStart  Σ_{t=0}^{T−1} m q^t   unbounded: m (1 + i) / (1 + i − r)
//	ReceivedAtEnd    Σ_{t=1}^{T}   m q^t   unbounded: m r / (1 + i − r)
//
// so that, undiscounted and unbounded, the default is the classic ARPA ×
// margin / churn. The forms follow Gupta & Lehmann, "Customers as assets"
// (Journal of Interactive Marketing 17(1), 2003) and Farris, Bendle, Pfeifer
// & Reibstein, "Marketing Metrics" (the CLV chapter). ARPA, Churn and
// DiscountRate are per period, the same period (a monthly ARPA with a
// monthly churn). Value is exact to 20 decimal places (geometric powers are
// carried to 40); round it to the currency's minor units to show it.
type LifetimeValue struct {
	ARPA         decimal.Decimal   `json:"arpa"`
	Margin       decimal.Decimal   `json:"margin"`
	Churn        decimal.Decimal   `json:"churn"`
	Retention    decimal.Decimal   `json:"retention"`
	DiscountRate decimal.Decimal   `json:"discount_rate"`
	Timing       Timing            `json:"timing"`
	Horizon      int               `json:"horizon,omitempty"`
	Formula      string            `json:"formula"`
	Value        decimal.Decimal   `json:"value"`
	Float        float64           `json:"float"`
	Currency     activity.Currency `json:"currency,omitempty"`
}

// String reads as "LTV 1600.00 (ARPA × margin / churn; ARPA 100.00, margin
// 0.8, churn 0.05, discount 0)", amounts to two places.
func (v LifetimeValue) String() string {
	return fmt.Sprintf("LTV %s (%s; ARPA %s, margin %s, churn %s, discount %s)", moneyText(v.Value, v.Currency), v.Formula,
		moneyText(v.ARPA, v.Currency), dec.Text(v.Margin), dec.Text(v.Churn), dec.Text(v.DiscountRate))
}

// powScale is the number of decimal places geometric powers carry.
const powScale = 40

// LTV returns the lifetime value of a customer paying arpa a period who
// churns at churn a period (see LifetimeValue and LTVOptions). Errors wrap
// ErrInvalidOptions for a negative arpa, a churn or margin outside [0, 1],
// a negative discount rate or horizon, or an unknown timing; and
// ErrZeroChurn for an unbounded, undiscounted value of a customer who never
// leaves.
func LTV(arpa, churn decimal.Decimal, opts LTVOptions) (LifetimeValue, error) {
	one := decimal.NewFromInt(1)
	margin, ok := opts.Margin.Get()
	if !ok {
		margin = one
	}
	v := LifetimeValue{ARPA: arpa, Margin: margin, Churn: churn, Retention: one.Sub(churn), DiscountRate: opts.DiscountRate, Timing: opts.Timing, Horizon: opts.Horizon,
		Currency: opts.Currency}
	if err := checkCurrency(opts.Currency); err != nil {
		return v, err
	}
	switch {
	case arpa.IsNegative():
		return v, fmt.Errorf("%w: negative ARPA %s", ErrInvalidOptions, arpa)
	case churn.IsNegative() || churn.GreaterThan(one):
		return v, fmt.Errorf("%w: churn %s outside [0, 1]", ErrInvalidOptions, churn)
	case margin.IsNegative() || margin.GreaterThan(one):
		return v, fmt.Errorf("%w: margin %s outside [0, 1]", ErrInvalidOptions, margin)
	case opts.DiscountRate.IsNegative():
		return v, fmt.Errorf("%w: negative discount rate %s", ErrInvalidOptions, opts.DiscountRate)
	case opts.Horizon < 0:
		return v, fmt.Errorf("%w: horizon of %d periods", ErrInvalidOptions, opts.Horizon)
	case opts.Timing > ReceivedAtEnd:
		return v, fmt.Errorf("%w: timing %v", ErrInvalidOptions, opts.Timing)
	}
	m := arpa.Mul(margin)
	r, i := v.Retention, opts.DiscountRate
	if opts.Horizon == 0 {
		denom := churn.Add(i) // 1 + i − r
		if denom.IsZero() {
			return v, fmt.Errorf("%w: a customer who never leaves, undiscounted, has no finite lifetime value", ErrZeroChurn)
		}
		if opts.Timing == ReceivedAtStart {
			v.Value = m.Mul(one.Add(i)).DivRound(denom, ratioScale)
			v.Formula = "ARPA × margin × (1 + i) / (1 + i − r)"
			if i.IsZero() {
				v.Formula = "ARPA × margin / churn"
			}
		} else {
			v.Value = m.Mul(r).DivRound(denom, ratioScale)
			v.Formula = "ARPA × margin × r / (1 + i − r)"
		}
	} else {
		q := r
		if !i.IsZero() {
			q = r.DivRound(one.Add(i), powScale)
		}
		// S = Σ_{t=0}^{T−1} q^t = (1 − q^T) / (1 − q), or T when q = 1.
		var s decimal.Decimal
		if q.Equal(one) {
			s = decimal.NewFromInt(int64(opts.Horizon))
		} else {
			s = one.Sub(decPow(q, opts.Horizon)).DivRound(one.Sub(q), powScale)
		}
		if opts.Timing == ReceivedAtStart {
			v.Value = m.Mul(s).Round(ratioScale)
			v.Formula = "Σ_{t=0}^{T−1} ARPA × margin × (r / (1 + i))^t"
		} else {
			v.Value = m.Mul(q).Mul(s).Round(ratioScale)
			v.Formula = "Σ_{t=1}^{T} ARPA × margin × (r / (1 + i))^t"
		}
	}
	v.Value = dec.Trim(v.Value)
	f, err := finite(v.Value, "lifetime value")
	v.Float = f
	return v, err
}

// decPow returns q^n by repeated squaring, each product rounded to powScale
// places.
func decPow(q decimal.Decimal, n int) decimal.Decimal {
	out := decimal.NewFromInt(1)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			out = out.Mul(q).Round(powScale)
		}
		q = q.Mul(q).Round(powScale)
	}
	return out
}

// moneyText writes an amount for a person: rounded half away from zero to
// its currency's minor units with its code ("1000.00 USD"); without a
// currency, to two places.
func moneyText(x decimal.Decimal, cur activity.Currency) string {
	if cur == "" {
		return x.StringFixed(2)
	}
	return cur.Round(x).StringFixed(cur.MinorUnits()) + " " + string(cur)
}

// checkCurrency refuses a currency that is given but malformed.
func checkCurrency(cur activity.Currency) error {
	if cur == "" {
		return nil
	}
	if err := cur.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	return nil
}

// Payback is how many periods of margin recover the cost of acquiring a
// customer:
//
//	Months = CAC / (ARPA × Margin)
//
// in the period of ARPA (months for a monthly ARPA). Margin 1 is the
// revenue-only variant. Months is exact to 20 decimal places.
type Payback struct {
	CAC      decimal.Decimal   `json:"cac"`
	ARPA     decimal.Decimal   `json:"arpa"`
	Margin   decimal.Decimal   `json:"margin"`
	Months   decimal.Decimal   `json:"months"`
	Float    float64           `json:"float"`
	Currency activity.Currency `json:"currency,omitempty"`
}

// String reads as "CAC payback 12.5 months (CAC 1000.00 USD, ARPA 100.00
// USD × margin 0.8)", amounts rounded to the currency's minor units (two
// places without one).
func (p Payback) String() string {
	return fmt.Sprintf("CAC payback %.1f months (CAC %s, ARPA %s × margin %s)", p.Float, moneyText(p.CAC, p.Currency),
		moneyText(p.ARPA, p.Currency), dec.Text(p.Margin))
}

// CACPayback returns the months of margin that recover cac (see Payback);
// an absent margin counts revenue. cur is the currency of cac and arpa,
// carried into the result so that it reads as money ("" names none).
// Negative amounts, a margin outside [0, 1] or a malformed currency are
// errors wrapping ErrInvalidOptions; a zero ARPA × margin, one wrapping
// ErrZeroDenominator.
func CACPayback(cac, arpa decimal.Decimal, margin activity.Optional[decimal.Decimal], cur activity.Currency) (Payback, error) {
	one := decimal.NewFromInt(1)
	mg, ok := margin.Get()
	if !ok {
		mg = one
	}
	p := Payback{CAC: cac, ARPA: arpa, Margin: mg, Currency: cur}
	if err := checkCurrency(cur); err != nil {
		return p, err
	}
	switch {
	case cac.IsNegative() || arpa.IsNegative():
		return p, fmt.Errorf("%w: negative CAC %s or ARPA %s", ErrInvalidOptions, cac, arpa)
	case mg.IsNegative() || mg.GreaterThan(one):
		return p, fmt.Errorf("%w: margin %s outside [0, 1]", ErrInvalidOptions, mg)
	}
	per := arpa.Mul(mg)
	if per.IsZero() {
		return p, fmt.Errorf("%w: no margin per period to pay back %s with", ErrZeroDenominator, cac)
	}
	p.Months = dec.Trim(cac.DivRound(per, ratioScale))
	f, err := finite(p.Months, "payback")
	p.Float = f
	return p, err
}

// LTVCAC is the ratio of a customer's lifetime value to the cost of
// acquiring one, Ratio = LTV / CAC (3 is the common rule of thumb), exact to
// 20 decimal places.
type LTVCAC struct {
	LTV      decimal.Decimal   `json:"ltv"`
	CAC      decimal.Decimal   `json:"cac"`
	Ratio    decimal.Decimal   `json:"ratio"`
	Float    float64           `json:"float"`
	Currency activity.Currency `json:"currency,omitempty"`
}

// String reads as "LTV:CAC 3.20 (LTV 1600.00 USD, CAC 500.00 USD)".
func (r LTVCAC) String() string {
	return fmt.Sprintf("LTV:CAC %.2f (LTV %s, CAC %s)", r.Float, moneyText(r.LTV, r.Currency), moneyText(r.CAC, r.Currency))
}

// LTVToCAC returns ltv / cac (see LTVCAC), both in cur, which the result
// carries ("" names none). A zero cac is an error wrapping
// ErrZeroDenominator; negative amounts or a malformed currency, one
// wrapping ErrInvalidOptions.
func LTVToCAC(ltv, cac decimal.Decimal, cur activity.Currency) (LTVCAC, error) {
	r := LTVCAC{LTV: ltv, CAC: cac, Currency: cur}
	if err := checkCurrency(cur); err != nil {
		return r, err
	}
	switch {
	case ltv.IsNegative() || cac.IsNegative():
		return r, fmt.Errorf("%w: negative LTV %s or CAC %s", ErrInvalidOptions, ltv, cac)
	case cac.IsZero():
		return r, fmt.Errorf("%w: CAC of zero", ErrZeroDenominator)
	}
	r.Ratio = dec.Trim(ltv.DivRound(cac, ratioScale))
	f, err := finite(r.Ratio, "LTV:CAC")
	r.Float = f
	return r, err
}

// MarshalJSON writes v with its decimals as strings.
func (v LifetimeValue) MarshalJSON() ([]byte, error) {
	type plain LifetimeValue
	return dec.Marshal(plain(v))
}

// MarshalJSON writes p with its decimals as strings.
func (p Payback) MarshalJSON() ([]byte, error) { type plain Payback; return dec.Marshal(plain(p)) }

// MarshalJSON writes r with its decimals as strings.
func (r LTVCAC) MarshalJSON() ([]byte, error) { type plain LTVCAC; return dec.Marshal(plain(r)) }

// finite returns x as a float64, or 0 and an error wrapping
// ErrInvalidOptions when it lies beyond float64's range (inputs such as a
// churn of 10^-300): the exact value stays in the result.
func finite(x decimal.Decimal, what string) (float64, error) {
	f := x.InexactFloat64()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%w: the %s has %d digits, beyond a float64", ErrInvalidOptions, what, dec.IntDigits(x))
	}
	return f, nil
}
