package compensation

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestAllocate(t *testing.T) {
	t.Parallel()
	// 1,000,000 with 10% over-assignment: 1,100,000 handed out, weights 3 :
	// 2 : 2 → 471,428.571…, 314,285.714…, 314,285.714…; floored they leave
	// one cent, which goes to the largest remainder, bob's and cy's .00428…
	// (a tie: the first in name order, bob).
	qs, err := Allocate(d("1000000"), "USD", []Weight{{"cy", d("2")}, {"ann", d("3")}, {"bob", d("2")}}, AllocateOptions{Period: q1, OverAssignment: d("0.1")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	sum := d("0")
	for _, q := range qs {
		got = append(got, q.Rep+" "+q.Amount.Value.String())
		sum = sum.Add(q.Amount.Value)
	}
	if diff := cmp.Diff([]string{"ann 471428.57", "bob 314285.72", "cy 314285.71"}, got); diff != "" || !sum.Equal(d("1100000")) {
		t.Errorf("Allocate (-want +got):\n%s (sum %s)", diff, sum)
	}
	for _, tc := range []struct {
		name string
		ws   []Weight
		opts AllocateOptions
	}{
		{"no weights", nil, AllocateOptions{Period: q1}},
		{"all zero", []Weight{{"a", d("0")}}, AllocateOptions{Period: q1}},
		{"negative", []Weight{{"a", d("-1")}}, AllocateOptions{Period: q1}},
		{"repeated", []Weight{{"a", d("1")}, {"a", d("1")}}, AllocateOptions{Period: q1}},
		{"empty rep", []Weight{{"", d("1")}}, AllocateOptions{Period: q1}},
		{"bad period", []Weight{{"a", d("1")}}, AllocateOptions{}},
		{"negative over-assignment", []Weight{{"a", d("1")}}, AllocateOptions{Period: q1, OverAssignment: d("-0.1")}},
	} {
		if _, err := Allocate(d("100"), "USD", tc.ws, tc.opts); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}

func TestProrate(t *testing.T) {
	t.Parallel()
	q := activity.Quota{Rep: "ann", Period: q1, Amount: some("30000"), Currency: "USD"}
	hired := activity.Rep{ID: "ann", HiredAt: utc(2025, 2, 15)}
	ramping := activity.Rep{ID: "ann", HiredAt: utc(2025, 2, 15), Ramp: []decimal.Decimal{d("0.5")}}
	for _, tc := range []struct {
		name   string
		rep    activity.Rep
		opts   ProrateOptions
		months []string
		total  string
	}{
		// 90 days in Q1 (31, 28, 31). Hired 15 February: January nothing;
		// February 30,000 × 28/90 × 14/28 = 4,666.67; March 30,000 × 31/90
		// = 10,333.33. 15,000 in all (45 of 90 days).
		{"calendar days", hired, ProrateOptions{}, []string{"0", "4666.67", "10333.33"}, "15000"},
		// Ramping at half in the first tenure month (15 February to 14
		// March; March starts in it): half of each.
		{"ramp", ramping, ProrateOptions{Ramp: true}, []string{"0", "2333.33", "5166.67"}, "7500"},
		// Working days (Monday to Friday): January 23, February 20, March
		// 21 = 64; in seat from Monday 17 February: 10 of February's 20.
		// February 30,000 × 20/64 × 10/20 = 4,687.50; March 30,000 × 21/64 =
		// 9,843.75.
		{"working days", hired, ProrateOptions{Days: WorkingDaysCount}, []string{"0", "4687.5", "9843.75"}, "14531.25"},
		// Seasonal weights 1 : 1 : 2: February 30,000 × ¼ × 14/28 = 3,750,
		// March 30,000 × ½ = 15,000.
		{"seasonal", hired, ProrateOptions{SeasonalWeights: []decimal.Decimal{d("1"), d("1"), d("2")}}, []string{"0", "3750", "15000"}, "18750"},
		// Leaving on 1 March: February only, 14 days.
		{"leaver", activity.Rep{ID: "ann", HiredAt: utc(2025, 2, 15), LeftAt: utc(2025, 3, 1)}, ProrateOptions{}, []string{"0", "4666.67", "0"}, "4666.67"},
	} {
		total, months, err := Prorate(q, tc.rep, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		sum := d("0")
		for _, m := range months {
			got = append(got, m.Quota.Amount.Value.String())
			sum = sum.Add(m.Quota.Amount.Value)
		}
		if diff := cmp.Diff(tc.months, got); diff != "" || !total.Amount.Value.Equal(d(tc.total)) || !sum.Equal(total.Amount.Value) {
			t.Errorf("%s: total %s, months (-want +got):\n%s", tc.name, total.Amount.Value, diff)
		}
	}
	for _, tc := range []struct {
		name string
		q    activity.Quota
		opts ProrateOptions
	}{
		{"no amount", activity.Quota{Rep: "ann", Period: q1, Currency: "USD"}, ProrateOptions{}},
		{"mid-month period", activity.Quota{Rep: "ann", Period: activity.Period{Start: utc(2025, 1, 15), End: utc(2025, 4, 1)}, Amount: some("1"), Currency: "USD"}, ProrateOptions{}},
		{"weights", q, ProrateOptions{SeasonalWeights: []decimal.Decimal{d("1")}}},
		{"zero weights", q, ProrateOptions{SeasonalWeights: []decimal.Decimal{d("0"), d("0"), d("0")}}},
		{"currency", activity.Quota{Rep: "ann", Period: q1, Amount: some("1"), Currency: "usd"}, ProrateOptions{}},
	} {
		if _, _, err := Prorate(tc.q, hired, tc.opts); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}

// FuzzAllocate splits arbitrary totals by arbitrary weights: the quotas add
// up exactly to the total handed out and none is negative.
func FuzzAllocate(f *testing.F) {
	f.Add(int64(100000000), []byte{3, 2, 2}, uint8(10))
	f.Add(int64(1), []byte{0, 1, 0, 1}, uint8(0))
	f.Fuzz(func(t *testing.T, cents int64, weights []byte, over uint8) {
		if cents < 0 || len(weights) == 0 || len(weights) > 50 {
			return
		}
		var ws []Weight
		for i, w := range weights {
			ws = append(ws, Weight{Rep: string(rune('a' + i)), Weight: decimal.NewFromInt(int64(w))})
		}
		total := decimal.New(cents, -2)
		qs, err := Allocate(total, "USD", ws, AllocateOptions{Period: q1, OverAssignment: decimal.New(int64(over), -2)})
		if err != nil {
			if errors.Is(err, ErrInvalidOptions) {
				return
			}
			t.Fatal(err)
		}
		sum := decimal.Zero
		for _, q := range qs {
			if q.Amount.Value.IsNegative() {
				t.Fatalf("negative quota %v", q)
			}
			sum = sum.Add(q.Amount.Value)
		}
		if want := total.Mul(decimal.New(100+int64(over), -2)).Round(2); !sum.Equal(want) {
			t.Fatalf("quotas add up to %s, want %s", sum, want)
		}
	})
}
