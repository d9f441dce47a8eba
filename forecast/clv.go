package forecast

import (
	"fmt"
	"math"
)

// CLVOptions is the horizon of a model CLV: Periods periods of Length
// units each (the summaries' unit: with weeks, a month is 4.345 — say so
// explicitly), discounted at Discount per period.
type CLVOptions struct {
	Periods  int
	Length   float64
	Discount float64
}

// CLV is a customer's expected margin over the horizon by the BG/NBD and
// Gamma-Gamma models (as lifetimes' customer_lifetime_value computes it):
//
//	CLV = Σ_{i=1}^{Periods} (E[Y(i·L) | x, t_x, T] − E[Y((i−1)·L) | x, t_x, T]) × E[M | x, m̄] / (1 + Discount)^i
//
// with m̄ the customer's mean repeat spend (0 and ignored when x is 0: the
// population mean spend is used). A float64 estimate in the currency's
// units. Errors wrap ErrInvalidOptions (Periods < 1, Length not above 0,
// a negative Discount) or pass on the models'.
func CLV(bg *BGNBD, gg *GammaGamma, c CustomerSummary, meanSpend float64, opts CLVOptions) (float64, error) {
	if opts.Periods < 1 || !(opts.Length > 0) || opts.Discount < 0 || math.IsInf(opts.Length, 0) {
		return 0, fmt.Errorf("%w: %d periods of %v, discount %v", ErrInvalidOptions, opts.Periods, opts.Length, opts.Discount)
	}
	spend, err := gg.ConditionalExpectedSpend(c.X, meanSpend)
	if err != nil {
		return 0, err
	}
	var clv, prev float64
	for i := 1; i <= opts.Periods; i++ {
		e, err := bg.ConditionalExpectedPurchases(float64(i)*opts.Length, c)
		if err != nil {
			return 0, err
		}
		clv += (e - prev) * spend / math.Pow(1+opts.Discount, float64(i))
		prev = e
	}
	return clv, nil
}
