package forecast

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// TestCLVLifetimes compares CLV with lifetimes'
// GammaGammaFitter.customer_lifetime_value (freq "W", so a month of 4.345
// weeks) over 12 months at 1% a month, 3 months undiscounted and 24 months
// at 5%, to 1e-6 relative, at lifetimes' CDNOW fits and at parameters set
// by hand (testdata/customerbase_ref.py).
func TestCLVLifetimes(t *testing.T) {
	t.Parallel()
	ref := cbLoadRef(t)
	for _, tc := range []struct {
		name   string
		bg, gg map[string]float64
		pred   cbRefPredictions
	}{
		{"fitted", ref.BGNBD.Params, ref.GammaGamma.Params, ref.Fitted},
		{"hand", ref.Hand.BGNBD, ref.Hand.GammaGamma, ref.Hand},
	} {
		bg := &BGNBD{R: tc.bg["r"], Alpha: tc.bg["alpha"], A: tc.bg["a"], B: tc.bg["b"]}
		gg := &GammaGamma{P: tc.gg["p"], Q: tc.gg["q"], Gamma: tc.gg["v"]}
		worst := 0.0
		for _, c := range tc.pred.Customers {
			s := CustomerSummary{X: c.X, TX: c.TX, T: c.T, RepeatSpend: decimal.NewFromFloat(c.MeanSpend).Mul(decimal.NewFromInt(int64(c.X)))}
			for _, v := range c.CLV {
				got, err := CLV(bg, gg, s, CLVOptions{Horizon: v.Horizon, PeriodLength: v.PeriodLength, DiscountRate: v.DiscountRate})
				if err != nil || !cbClose(got, v.Value, 1e-6, 0) {
					t.Errorf("%s: CLV(%v, %+v) = %v, %v; want %v (lifetimes)", tc.name, s, v, got, err, v.Value)
				}
				worst = max(worst, math.Abs(got-v.Value)/v.Value)
			}
		}
		t.Logf("%s: largest relative difference from lifetimes: %.3g", tc.name, worst)
	}
}

// TestCLVByHand: one period undiscounted is E[Y(L)] × E[M]; two periods
// at d add the second period's purchases divided by (1+d)².
func TestCLVByHand(t *testing.T) {
	t.Parallel()
	bg := &BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	gg := &GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	c := CustomerSummary{X: 2, TX: 30.43, T: 38.86, RepeatSpend: decimal.RequireFromString("44.70")}
	e1, _ := bg.ConditionalExpectedPurchases(13, c)
	e2, _ := bg.ConditionalExpectedPurchases(26, c)
	m, _ := gg.ConditionalExpectedSpend(c)
	for _, tc := range []struct {
		opts CLVOptions
		want float64
	}{
		{CLVOptions{Horizon: 1, PeriodLength: 13}, e1 * m},
		{CLVOptions{Horizon: 2, PeriodLength: 13, DiscountRate: 0.1}, e1*m/1.1 + (e2-e1)*m/1.21},
	} {
		if got, err := CLV(bg, gg, c, tc.opts); err != nil || !cbClose(got, tc.want, 1e-14, 0) {
			t.Errorf("CLV(%+v) = %v, %v; want %v", tc.opts, got, err, tc.want)
		}
	}
}

func TestCLVErrors(t *testing.T) {
	t.Parallel()
	bg := &BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	gg := &GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	c := CustomerSummary{X: 1, TX: 1, T: 2, RepeatSpend: decimal.NewFromInt(10)}
	month := CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: 0.01}
	for _, tc := range []struct {
		name   string
		bg     *BGNBD
		gg     *GammaGamma
		c      CustomerSummary
		opts   CLVOptions
		want   error
		wantOK bool
	}{
		{"ok", bg, gg, c, month, nil, true},
		{"nil BG/NBD", nil, gg, c, month, ErrInvalidOptions, false},
		{"nil Gamma-Gamma", bg, nil, c, month, ErrInvalidOptions, false},
		{"zero horizon", bg, gg, c, CLVOptions{PeriodLength: 4.345}, ErrInvalidOptions, false},
		{"zero period", bg, gg, c, CLVOptions{Horizon: 12}, ErrInvalidOptions, false},
		{"NaN period", bg, gg, c, CLVOptions{Horizon: 12, PeriodLength: math.NaN()}, ErrInvalidOptions, false},
		{"negative discount", bg, gg, c, CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: -0.1}, ErrInvalidOptions, false},
		{"infinite discount", bg, gg, c, CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: math.Inf(1)}, ErrInvalidOptions, false},
		{"bad summary", bg, gg, CustomerSummary{X: 1, TX: 3, T: 2}, month, ErrInvalidSummary, false},
		{"undefined spend", bg, &GammaGamma{P: 1, Q: 0.5, Gamma: 1}, CustomerSummary{T: 2}, month, ErrUndefined, false},
		{"undefined purchases", &BGNBD{R: 1, Alpha: 1, A: 1, B: 1}, gg, c, month, ErrUndefined, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := CLV(tc.bg, tc.gg, tc.c, tc.opts)
			if tc.wantOK {
				if err != nil || !(got > 0) {
					t.Errorf("CLV = %v, %v; want a positive value", got, err)
				}
				return
			}
			if !errors.Is(err, tc.want) || got != 0 {
				t.Errorf("CLV = %v, %v; want 0, %v", got, err, tc.want)
			}
		})
	}
}
