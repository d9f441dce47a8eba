package forecast

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strconv"
	"testing"
)

func cdnowSummaries(t testing.TB) []CustomerSummary {
	t.Helper()
	f, err := os.Open("testdata/cdnow/cdnow_customers_summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []CustomerSummary
	for _, r := range rows[1:] {
		x, _ := strconv.Atoi(r[1])
		tx, _ := strconv.ParseFloat(r[2], 64)
		T, _ := strconv.ParseFloat(r[3], 64)
		out = append(out, CustomerSummary{X: x, TX: tx, T: T})
	}
	return out
}

// TestBGNBDCDNOW reproduces Fader, Hardie & Lee (2005): on the CDNOW
// extract (2,357 customers, weeks) r = 0.243, α = 4.414, a = 0.793, b =
// 2.426, LL = −9582.4; and their worked customer (x = 2, t_x = 30.43, T =
// 38.86) is expected to make 1.226 purchases in the next 39 weeks.
func TestBGNBDCDNOW(t *testing.T) {
	t.Parallel()
	m, err := FitBGNBD(cdnowSummaries(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64
	}{{"r", m.R, 0.243, 0.0005}, {"alpha", m.Alpha, 4.414, 0.0005}, {"a", m.A, 0.793, 0.0005}, {"b", m.B, 2.426, 0.0005}, {"LL", m.LogLik, -9582.4, 0.05}} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.5f, want %.4g", c.name, c.got, c.want)
		}
	}
	for i, se := range m.StdErr {
		if !(se > 0) {
			t.Errorf("std err %d = %v", i, se)
		}
	}
	// The worked customer: 1.226 purchases in the next 39 weeks.
	c := CustomerSummary{X: 2, TX: 30.43, T: 38.86}
	e, err := m.ConditionalExpectedPurchases(39, c)
	if err != nil || math.Abs(e-1.226) > 0.0005 {
		t.Errorf("E[Y(39) | 2, 30.43, 38.86] = %v, %v; want 1.226", e, err)
	}
	// P(alive) by hand from the fitted parameters: 1 / (1 + a/(b+1) ·
	// ((α+T)/(α+t_x))^(r+2)).
	pa, err := m.ProbabilityAlive(c)
	want := 1 / (1 + m.A/(m.B+1)*math.Pow((m.Alpha+38.86)/(m.Alpha+30.43), m.R+2))
	if err != nil || math.Abs(pa-want) > 1e-12 || pa <= 0 || pa >= 1 {
		t.Errorf("P(alive) = %v, %v; want %v", pa, err, want)
	}
	if pa, _ := m.ProbabilityAlive(CustomerSummary{X: 0, T: 10}); pa != 1 {
		t.Errorf("no repeat purchase: P(alive) = %v, want 1", pa)
	}
	// A new customer over the 39 calibration weeks and far out: E[X(t)]
	// grows with t and E[X(0)] = 0.
	e0, _ := m.ExpectedPurchases(0)
	e39, _ := m.ExpectedPurchases(39)
	e78, _ := m.ExpectedPurchases(78)
	if e0 != 0 || !(e39 > 0 && e78 > e39) {
		t.Errorf("E[X(t)] = %v, %v, %v", e0, e39, e78)
	}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no customers", second(FitBGNBD(nil)), ErrInvalidOptions},
		{"t_x above T", second(FitBGNBD([]CustomerSummary{{X: 1, TX: 5, T: 4}})), ErrInvalidOptions},
		{"t_x without purchases", second(FitBGNBD([]CustomerSummary{{X: 0, TX: 1, T: 4}})), ErrInvalidOptions},
		{"negative t", second(m.ExpectedPurchases(-1)), ErrInvalidOptions},
		{"a = 1", second((&BGNBD{R: 1, Alpha: 1, A: 1, B: 1}).ExpectedPurchases(1)), ErrUndefined},
		{"bad customer", second(m.ConditionalExpectedPurchases(1, CustomerSummary{X: -1, T: 1})), ErrInvalidOptions},
		{"bad customer alive", second(m.ProbabilityAlive(CustomerSummary{T: 0})), ErrInvalidOptions},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

// BenchmarkFitBGNBD fits the CDNOW extract (2,357 customers).
func BenchmarkFitBGNBD(b *testing.B) {
	cs := cdnowSummaries(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitBGNBD(cs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitBGNBD100k fits 10^5 customers: CDNOW's 2,357 summaries
// repeated, so it measures the collapsing of identical histories plus the
// fit over the distinct ones (real data with histories in days repeats
// less).
func BenchmarkFitBGNBD100k(b *testing.B) {
	base := cdnowSummaries(b)
	cs := make([]CustomerSummary, 0, 100_000)
	for len(cs) < 100_000 {
		cs = append(cs, base...)
	}
	cs = cs[:100_000]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitBGNBD(cs); err != nil {
			b.Fatal(err)
		}
	}
}
