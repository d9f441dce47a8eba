package forecast

import (
	"fmt"
	"math"
	"reflect"
)

// SpendPredictor is a model of what a customer's purchases are worth:
// GammaGamma is.
type SpendPredictor interface {
	ConditionalExpectedSpend(c CustomerSummary) (float64, error)
}

// cbNoModel says whether a model argument is missing: nil, or a nil
// pointer, whose methods would panic.
func cbNoModel(m any) bool {
	if m == nil {
		return true
	}
	v := reflect.ValueOf(m)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// CLVOptions is the horizon of a model CLV. Every field is required except
// DiscountRate; there are no defaults, because the right ones depend on
// the unit of the summaries.
type CLVOptions struct {
	// Horizon is the number of periods to sum, at least 1 (12 for a year of
	// months).
	Horizon int
	// PeriodLength is the length of one period in the unit of the
	// summaries, above 0: with summaries in weeks, a month is 4.345 weeks
	// as lifetimes takes it (365.25 / 12 / 7 is 4.348) and a quarter 13.
	PeriodLength float64
	// DiscountRate is the discount rate per period, 0 or more (0.01 a
	// month is about 12.7% a year); zero means no discounting.
	DiscountRate float64
}

// Validate reports a Horizon below 1, a PeriodLength that is not above 0
// and finite, and a DiscountRate that is negative, NaN or infinite,
// wrapping ErrInvalidOptions.
func (o CLVOptions) Validate() error {
	if o.Horizon < 1 {
		return fmt.Errorf("%w: horizon of %d periods (need 1 or more)", ErrInvalidOptions, o.Horizon)
	}
	if !(o.PeriodLength > 0) || math.IsInf(o.PeriodLength, 0) {
		return fmt.Errorf("%w: period length %v (need a finite length above 0, in the summaries' unit)", ErrInvalidOptions, o.PeriodLength)
	}
	if !(o.DiscountRate >= 0) || math.IsInf(o.DiscountRate, 0) {
		return fmt.Errorf("%w: discount rate %v (need 0 or more)", ErrInvalidOptions, o.DiscountRate)
	}
	return nil
}

// CLV is the customer's model lifetime value over the horizon: the
// purchase model's (BG/NBD or MBG/NBD, as a value or a pointer) expected
// purchases in each period times the spend model's (Gamma-Gamma, as a
// value or a pointer)
// expected value of a purchase, discounted per period, as lifetimes'
// GammaGammaFitter.customer_lifetime_value computes it. With L the period
// length and d the discount rate,
//
//	CLV = Σ_{i=1}^{Horizon} (E[Y(i·L) | x, t_x, T] − E[Y((i−1)·L) | x, t_x, T]) · E[M | x, m̄] / (1+d)^i
//
// (see BGNBD.ConditionalExpectedPurchases and
// GammaGamma.ConditionalExpectedSpend). A customer without repeat
// purchases is valued at the population's mean spend. The value is a
// float64 estimate in the currency's units of the spend, which is revenue
// unless the host summarised margins; round it only where a person sees
// it.
//
// Errors: a missing model (nil, or a nil pointer) or invalid options
// (ErrInvalidOptions), and the models' own errors for c
// (ErrInvalidSummary, ErrUndefined).
func CLV(bg PurchasePredictor, gg SpendPredictor, c CustomerSummary, opts CLVOptions) (float64, error) {
	if cbNoModel(bg) || cbNoModel(gg) {
		return 0, fmt.Errorf("%w: CLV needs a purchase model (BG/NBD, MBG/NBD) and a spend model (Gamma-Gamma)", ErrInvalidOptions)
	}
	if err := opts.Validate(); err != nil {
		return 0, err
	}
	spend, err := gg.ConditionalExpectedSpend(c)
	if err != nil {
		return 0, err
	}
	var clv, prev float64
	for i := 1; i <= opts.Horizon; i++ {
		e, err := bg.ConditionalExpectedPurchases(float64(i)*opts.PeriodLength, c)
		if err != nil {
			return 0, err
		}
		clv += (e - prev) * spend / math.Pow(1+opts.DiscountRate, float64(i))
		prev = e
	}
	if math.IsNaN(clv) || math.IsInf(clv, 0) {
		return 0, fmt.Errorf("%w: CLV %v", ErrUndefined, clv)
	}
	return clv, nil
}
