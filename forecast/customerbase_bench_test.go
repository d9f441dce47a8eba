package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// cbSynthetic draws n customers from a BG/NBD with CDNOW's parameters
// (weeks, r 0.243, α 4.414, a 0.793, b 2.426), acquired uniformly over 12
// weeks and observed to week 39, each purchase worth Gamma(6.25, ν) with
// ν ~ Gamma(3.74, 15.44) (CDNOW's Gamma-Gamma), from a fixed seed.
func cbSynthetic(n int) []CustomerSummary {
	rng := rand.New(rand.NewPCG(1, 2))
	gamma := func(shape float64) float64 {
		// Marsaglia & Tsang, with the boost for shape < 1.
		boost := 1.0
		if shape < 1 {
			boost = math.Pow(rng.Float64(), 1/shape)
			shape++
		}
		d := shape - 1.0/3
		c := 1 / math.Sqrt(9*d)
		for {
			x := rng.NormFloat64()
			v := 1 + c*x
			if v <= 0 {
				continue
			}
			v = v * v * v
			if u := rng.Float64(); math.Log(u) < x*x/2+d-d*v+d*math.Log(v) {
				return d * v * boost
			}
		}
	}
	out := make([]CustomerSummary, n)
	for i := range out {
		lambda := gamma(0.243) / 4.414
		ga, gb := gamma(0.793), gamma(2.426)
		p := ga / (ga + gb)
		T := 39 - 12*rng.Float64()
		nu := gamma(3.74) / 15.44
		c := CustomerSummary{T: T}
		for t := 0.0; ; {
			t += rng.ExpFloat64() / lambda
			if t > T {
				break
			}
			c.X++
			c.TX = t
			c.RepeatSpend = c.RepeatSpend.Add(decimal.NewFromFloat(gamma(6.25) / nu).Round(2))
			if rng.Float64() < p {
				break
			}
		}
		out[i] = c
	}
	return out
}

func BenchmarkFitBGNBD(b *testing.B) {
	for _, bc := range []struct {
		name string
		cs   []CustomerSummary
	}{
		{"CDNOW", cbCDNOW(b)},
		{"1e3", cbSynthetic(1_000)},
		{"2e4", cbSynthetic(20_000)},
		{"1e5", cbSynthetic(100_000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FitBGNBD(bc.cs, CustomerFitOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFitMBGNBD(b *testing.B) {
	for _, bc := range []struct {
		name string
		cs   []CustomerSummary
	}{
		{"CDNOW", cbCDNOW(b)},
		{"2e4", cbSynthetic(20_000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FitMBGNBD(bc.cs, CustomerFitOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPredict: P(alive) and the expected purchases of 2·10^4
// customers, in one call and one by one.
func BenchmarkPredict(b *testing.B) {
	cs := cbSynthetic(20_000)
	m := BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	b.Run("batch", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Predict(cs, 39); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("one-by-one", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cs {
				if _, err := m.ProbabilityAlive(c); err != nil {
					b.Fatal(err)
				}
				if _, err := m.ConditionalExpectedPurchases(39, c); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func BenchmarkFitGammaGamma(b *testing.B) {
	cs := cbSynthetic(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitGammaGamma(cs, CustomerFitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummarize(b *testing.B) {
	txs := cbTransactions(b)
	opts := SummaryOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), Unit: 7 * 24 * time.Hour}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Summarize(txs, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCLV(b *testing.B) {
	bg := &BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	gg := &GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	c := CustomerSummary{X: 2, TX: 30.43, T: 38.86, RepeatSpend: decimal.RequireFromString("44.70")}
	opts := CLVOptions{Horizon: 12, PeriodLength: 4.345, DiscountRate: 0.01}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CLV(bg, gg, c, opts); err != nil {
			b.Fatal(err)
		}
	}
}
