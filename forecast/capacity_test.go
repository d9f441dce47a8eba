package forecast

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func utc(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

// capacityCase: January to March 2026, a month's quota 10,000 at 80%
// attainment (8,000), 10% attrition a month, hires starting a month after
// the decision at half productivity in their first month. r1 is ramped; r2
// joins on 1 February with the same ramp; r3 leaves on 1 March.
func capacityCase() ([]activity.Rep, activity.Period, CapacityOptions) {
	reps := []activity.Rep{
		{ID: "r1", HiredAt: utc(2024, 5, 1)},
		{ID: "r2", HiredAt: utc(2026, 2, 1), Ramp: []decimal.Decimal{d("0.5")}},
		{ID: "r3", HiredAt: utc(2023, 1, 1), LeftAt: utc(2026, 3, 1)},
	}
	p := activity.Period{Start: utc(2026, 1, 1), End: utc(2026, 4, 1), Name: "2026 Q1"}
	opts := CapacityOptions{QuotaPerRep: d("10000"), Attainment: d("0.8"), Ramp: []decimal.Decimal{d("0.5")}, MonthlyAttrition: d("0.1"), HiringLeadMonths: 1}
	return reps, p, opts
}

func TestCapacity(t *testing.T) {
	t.Parallel()
	reps, p, opts := capacityCase()
	tc, err := Capacity(reps, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	// January: r1 and r3, 2 × 8,000 = 16,000. February (× 0.9): r1 0.9,
	// r2 0.5 × 0.9, r3 0.9: 2.25 × 8,000 = 18,000 with 2.7 heads. March
	// (× 0.81): r1 and r2 fully ramped, r3 gone: 1.62 × 8,000 = 12,960.
	want := []struct{ reps, capacity string }{{"2", "16000"}, {"2.7", "18000"}, {"1.62", "12960"}}
	for i, w := range want {
		if m := tc.Months[i]; !m.Reps.Equal(d(w.reps)) || !m.Capacity.Equal(d(w.capacity)) {
			t.Errorf("month %d: %s reps, capacity %s; want %s, %s", i, m.Reps, m.Capacity, w.reps, w.capacity)
		}
	}
	if !tc.Total.Equal(d("46960")) || tc.Reps != 3 {
		t.Errorf("total %s over %d reps, want 46960 over 3", tc.Total, tc.Reps)
	}
}

func TestRepsNeeded(t *testing.T) {
	t.Parallel()
	reps, p, opts := capacityCase()
	// A hire starts in February: 0.5 × 8,000 + 0.9 × 8,000 = 11,200. The
	// gap to 80,000 is 80,000 − 46,960 = 33,040 = 2.95 hires: 3, for
	// 46,960 + 3 × 11,200 = 80,560.
	h, err := RepsNeeded(reps, d("80000"), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if h.Hires != 3 || !h.PerHire.Equal(d("11200")) || !h.Gap.Equal(d("33040")) || !h.With.Equal(d("80560")) {
		t.Errorf("RepsNeeded = %v (gap %s, with %s)", h, h.Gap, h.With)
	}
	// Exactly two hires' worth: 46,960 + 22,400.
	h, err = RepsNeeded(reps, d("69360"), p, opts)
	if err != nil || h.Hires != 2 {
		t.Errorf("RepsNeeded(69360) = %v, %v; want 2 hires", h, err)
	}
	// The team covers it.
	h, err = RepsNeeded(reps, d("40000"), p, opts)
	if err != nil || h.Hires != 0 || !h.With.Equal(d("46960")) {
		t.Errorf("RepsNeeded(40000) = %v, %v; want 0 hires", h, err)
	}
	// A target that needs more than MaxHires (10^9 × 11,200 is 1.12e13;
	// 1e20 needs about 8.9e15 hires) is an error, not an overflowing count.
	if _, err := RepsNeeded(reps, d("100000000000000000000"), p, opts); !errors.Is(err, ErrUndefined) {
		t.Errorf("RepsNeeded(1e20) error = %v, want ErrUndefined", err)
	}
	if _, err := RepsNeeded(reps, d("1e400"), p, opts); !errors.Is(err, ErrUndefined) {
		t.Errorf("RepsNeeded(1e400) error = %v, want ErrUndefined", err)
	}
}

func TestCapacityErrors(t *testing.T) {
	t.Parallel()
	reps, p, opts := capacityCase()
	with := func(f func(*CapacityOptions)) CapacityOptions { o := opts; f(&o); return o }
	late := with(func(o *CapacityOptions) { o.HiringLeadMonths = 3 })
	zeros := with(func(o *CapacityOptions) { o.Ramp = []decimal.Decimal{d("0"), d("0"), d("0")} })
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no quota", second(Capacity(reps, p, with(func(o *CapacityOptions) { o.QuotaPerRep = decimal.Zero }))), ErrInvalidOptions},
		{"no attainment", second(Capacity(reps, p, with(func(o *CapacityOptions) { o.Attainment = decimal.Zero }))), ErrInvalidOptions},
		{"attrition 1", second(Capacity(reps, p, with(func(o *CapacityOptions) { o.MonthlyAttrition = d("1") }))), ErrInvalidOptions},
		{"negative lead", second(Capacity(reps, p, with(func(o *CapacityOptions) { o.HiringLeadMonths = -1 }))), ErrInvalidOptions},
		{"ramp above 1", second(Capacity(reps, p, with(func(o *CapacityOptions) { o.Ramp = []decimal.Decimal{d("1.5")} }))), ErrInvalidOptions},
		{"mid-month period", second(Capacity(reps, activity.Period{Start: utc(2026, 1, 15), End: utc(2026, 4, 1)}, opts)), ErrInvalidOptions},
		{"bad period", second(Capacity(reps, activity.Period{}, opts)), activity.ErrInvalidPeriod},
		{"bad rep", second(Capacity([]activity.Rep{{}}, p, opts)), ErrInvalidOptions},
		{"no target", second(RepsNeeded(reps, decimal.Zero, p, opts)), ErrInvalidOptions},
		{"hires too late", second(RepsNeeded(reps, d("80000"), p, late)), ErrUndefined},
		{"hires book nothing", second(RepsNeeded(reps, d("80000"), p, zeros)), ErrUndefined},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

// TestHiringCurrency checks that a plan in a currency reads as money in it.
func TestHiringCurrency(t *testing.T) {
	t.Parallel()
	reps, p, opts := capacityCase()
	opts.Currency = "EUR"
	h, err := RepsNeeded(reps, d("80000"), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The figures of TestRepsNeeded, in euros.
	if got, want := h.String(), "2026 Q1: hire 3 reps (target 80000.00 EUR, team 46960.00 EUR, each hire 11200.00 EUR)"; got != want ||
		h.Team.Currency != "EUR" {
		t.Errorf("String() = %q, want %q", got, want)
	}
	opts.Currency = "euro"
	if _, err := Capacity(reps, p, opts); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("Capacity(currency euro) error = %v, want ErrInvalidOptions", err)
	}
}
