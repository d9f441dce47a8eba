package forecast

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// threeDeals: A 100 at 50%, B 200 at 50%, C 300 at 20%, expected to close
// in Q2 2025; and D, expected in Q3, which does not count.
func threeDeals(t *testing.T) (*activity.Index, activity.Period) {
	b := activitytest.NewBook(t, nil)
	prob := func(db *activitytest.DealBuilder, p string) {
		db.Expected("2025-05-15")
		b.Records.Deals[len(b.Records.Deals)-1].Probability = activity.Some(decimal.RequireFromString(p))
	}
	prob(b.Deal("A", "ann", "100", "2025-03-01"), "0.5")
	prob(b.Deal("B", "bob", "200", "2025-03-02"), "0.5")
	prob(b.Deal("C", "ann", "300", "2025-03-03"), "0.2")
	b.Deal("D", "ann", "999", "2025-03-03").Expected("2025-08-01")
	q2 := activity.Period{Start: b.Time("2025-04-01"), End: b.Time("2025-07-01"), Name: "2025 Q2"}
	return b.Index(activity.IndexOptions{}), q2
}

func TestBookingsDistributionExact(t *testing.T) {
	t.Parallel()
	ix, q2 := threeDeals(t)
	// Every combination: nothing .5 × .5 × .8 = .2; A .2; B .2; A+B .2 and
	// C .05 (300 in all: .25); A+C .05 (400); B+C .05 (500); all .05 (600).
	// Cumulative 0: .2, 100: .4, 200: .6, 300: .85, 400: .9, 500: .95, 600:
	// 1. P10 0, P50 200, P90 400; P(≥ 300) = .25 + .05 × 3 = .4. Mean 50 +
	// 100 + 60 = 210; variance 100² × .25 + 200² × .25 + 300² × .16 =
	// 26,900; C carries 14,400 / 26,900 of it.
	o, err := BookingsDistribution(ix.All(), q2, OutcomeOptions{Target: activity.Some(decimal.NewFromInt(300))})
	if err != nil {
		t.Fatal(err)
	}
	if o.Method != "exact" || o.Deals != 3 || !o.Expected.Equal(decimal.NewFromInt(210)) || math.Abs(o.StdDev-math.Sqrt(26900)) > 1e-9 ||
		!o.P10.IsZero() || !o.P50.Equal(decimal.NewFromInt(200)) || !o.P90.Equal(decimal.NewFromInt(400)) ||
		math.Abs(o.ProbabilityOfTarget.Value-0.4) > 1e-12 || o.Drivers[0].Deal != "C" || math.Abs(o.Drivers[0].VarianceShare-14400.0/26900) > 1e-12 {
		t.Errorf("BookingsDistribution = %v %+v", o, o.Drivers)
	}
	if v, ok := o.Target.Get(); !ok || !v.Equal(decimal.NewFromInt(300)) {
		t.Errorf("Target = %v, want the 300 asked about", o.Target)
	}
	// Slipping half the time halves each chance: mean 105.
	o, err = BookingsDistribution(ix.All(), q2, OutcomeOptions{SlipProbability: decimal.RequireFromString("0.5")})
	if err != nil || !o.Expected.Equal(decimal.NewFromInt(105)) {
		t.Errorf("with slip: %v, %v", o, err)
	}
	if _, ok := o.Target.Get(); ok {
		t.Errorf("Target = %v with none asked about", o.Target)
	}
}

func TestBookingsDistributionMonteCarlo(t *testing.T) {
	t.Parallel()
	ix, q2 := threeDeals(t)
	target := activity.Some(decimal.NewFromInt(300))
	mc, err := BookingsDistribution(ix.All(), q2, OutcomeOptions{MonteCarlo: true, Trials: 20000, Seed: 7, Target: target})
	if err != nil {
		t.Fatal(err)
	}
	// Within four standard errors of the exact mean 210 and P(≥ 300) = .4;
	// the same seed gives the same result.
	if mc.Method != "monte_carlo" || math.Abs(mc.ProbabilityOfTarget.Value-0.4) > 4*mc.TargetStdErr || mc.MeanStdErr <= 0 {
		t.Errorf("Monte Carlo: %v (SE %v, %v)", mc, mc.MeanStdErr, mc.TargetStdErr)
	}
	again, _ := BookingsDistribution(ix.All(), q2, OutcomeOptions{MonteCarlo: true, Trials: 20000, Seed: 7, Target: target})
	if again.ProbabilityOfTarget != mc.ProbabilityOfTarget || !again.P50.Equal(mc.P50) {
		t.Errorf("same seed, different result: %v / %v", again, mc)
	}
	for _, tc := range []struct {
		name string
		opts OutcomeOptions
		p    activity.Period
		want error
	}{
		{"slip 1", OutcomeOptions{SlipProbability: decimal.NewFromInt(1)}, q2, ErrInvalidOptions},
		{"probability 2", OutcomeOptions{Probabilities: map[string]decimal.Decimal{"A": decimal.NewFromInt(2)}}, q2, ErrInvalidOptions},
		{"negative trials", OutcomeOptions{Trials: -1}, q2, ErrInvalidOptions},
		{"no deals", OutcomeOptions{}, activity.Period{Start: q2.End.AddDate(1, 0, 0), End: q2.End.AddDate(2, 0, 0)}, ErrUndefined},
		{"bad period", OutcomeOptions{}, activity.Period{}, activity.ErrInvalidPeriod},
	} {
		if _, err := BookingsDistribution(ix.All(), tc.p, tc.opts); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	b := activitytest.NewBook(t, nil)
	b.Deal("A", "ann", "100", "2025-03-01").Expected("2025-05-15")
	b.Deal("B", "ann", "100", "2025-03-01").Expected("2025-05-15").Currency("EUR")
	if _, err := BookingsDistribution(b.Index(activity.IndexOptions{}).All(), q2, OutcomeOptions{}); !errors.Is(err, performance.ErrMixedCurrencies) {
		t.Errorf("two currencies: %v", err)
	}
}

// BenchmarkBookingsDistribution is the yardstick: 10^4 open deals
// (Monte Carlo, 10^4 trials, as the exact support is too large).
func BenchmarkBookingsDistribution(b *testing.B) {
	bk := activitytest.NewBook(b, nil)
	for i := range 10_000 {
		db := bk.Deal(fmt.Sprintf("D%05d", i), "rep", fmt.Sprintf("%d.%02d", 1000+i*37%90000, i%100), "2025-03-01").Expected("2025-05-15")
		_ = db
		bk.Records.Deals[i].Probability = activity.Some(decimal.New(int64(i%9+1), -1))
	}
	ix := bk.Index(activity.IndexOptions{})
	q2 := activity.Period{Start: bk.Time("2025-04-01"), End: bk.Time("2025-07-01")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BookingsDistribution(ix.All(), q2, OutcomeOptions{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzBookingsDistribution builds pipelines of arbitrary amounts and
// probabilities, exactly and by simulation: P10 ≤ P50 ≤ P90, the chance of
// a target in [0, 1], no NaN.
func FuzzBookingsDistribution(f *testing.F) {
	f.Add([]byte{10, 5, 20, 5, 30, 2}, uint64(1))
	f.Add([]byte{255, 10, 1, 0}, uint64(9))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		b := activitytest.NewBook(t, nil)
		for i := 0; i+1 < len(data) && i < 40; i += 2 {
			b.Deal(fmt.Sprintf("D%02d", i), "ann", fmt.Sprint(int(data[i])+1), "2025-03-01").Expected("2025-05-15")
			b.Records.Deals[len(b.Records.Deals)-1].Probability = activity.Some(decimal.New(int64(data[i+1]%11), -1))
		}
		if len(b.Records.Deals) == 0 {
			return
		}
		ix := b.Index(activity.IndexOptions{})
		q2 := activity.Period{Start: b.Time("2025-04-01"), End: b.Time("2025-07-01")}
		for _, mc := range []bool{false, true} {
			o, err := BookingsDistribution(ix.All(), q2, OutcomeOptions{MonteCarlo: mc, Seed: seed, Trials: 2000, Target: activity.Some(decimal.NewFromInt(50))})
			if err != nil {
				t.Fatal(err)
			}
			if o.P10.GreaterThan(o.P50) || o.P50.GreaterThan(o.P90) || o.ProbabilityOfTarget.Value < 0 || o.ProbabilityOfTarget.Value > 1 || math.IsNaN(o.StdDev) {
				t.Fatalf("%v", o)
			}
			fuzzRender(t, "BookingsDistribution", o)
		}
	})
}

// TestBookingsDistributionConversion: open deals in USD and EUR (EUR→USD at
// 1.10): D1 1,000 USD at 0.5 and D2 2,000 EUR (2,200 USD) at 0.25, both
// expected in Q1. Expected = 1,000 × 0.5 + 2,200 × 0.25 = 1,050 USD;
// without a conversion the currencies cannot be added.
func TestBookingsDistributionConversion(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "1000", "2025-01-06").Expected("2025-03-20")
	b.Deal("D2", "ann", "2000", "2025-01-06").Expected("2025-03-25")
	b.Records.Deals[0].Probability = activity.Some(decimal.RequireFromString("0.5"))
	b.Records.Deals[1].Probability = activity.Some(decimal.RequireFromString("0.25"))
	b.Records.Deals[1].Currency = "EUR"
	ix := b.Index(activity.IndexOptions{})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
	asOf := b.Time("2025-02-01")
	if _, err := BookingsDistribution(ix.All(), q1, OutcomeOptions{AsOf: asOf}); !errors.Is(err, performance.ErrMixedCurrencies) {
		t.Errorf("without a conversion: %v, want performance.ErrMixedCurrencies", err)
	}
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: b.Time("2025-01-01"), Rate: decimal.RequireFromString("1.10")}})
	if err != nil {
		t.Fatal(err)
	}
	o, err := BookingsDistribution(ix.All(), q1, OutcomeOptions{AsOf: asOf, Conversion: &activity.Conversion{To: "USD", Converter: rates}})
	if err != nil || !o.Expected.Equal(decimal.NewFromInt(1050)) || o.Currency != "USD" {
		t.Errorf("BookingsDistribution = %v, %v; want expected 1,050 USD", o, err)
	}
	if _, err := BookingsDistribution(ix.All(), q1, OutcomeOptions{AsOf: asOf, Conversion: &activity.Conversion{To: "USD"}}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("with an invalid conversion: %v, want ErrInvalidOptions", err)
	}
}
