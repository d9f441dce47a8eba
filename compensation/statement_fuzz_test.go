package compensation

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// fuzzTable builds a rate table from bytes: up to 5 tiers with widths and
// rates in hundredths, in any mode; rising says whether the rates only go
// up (no decelerator).
func fuzzTable(data []byte, mode Mode) (t *RateTable, rising bool) {
	t = &RateTable{Mode: mode}
	from := decimal.Zero
	rising = true
	var prev decimal.Decimal
	for i := 0; i+1 < len(data) && len(t.Tiers) < 5; i += 2 {
		rate := decimal.New(int64(data[i+1]), -2)
		tier := Tier{From: from, Rate: activity.Some(rate)}
		if i+3 < len(data) && len(t.Tiers) < 4 {
			to := from.Add(decimal.NewFromInt(int64(data[i]) + 1))
			tier.To = activity.Some(to)
			from = to
		}
		if len(t.Tiers) > 0 && rate.LessThan(prev) {
			rising = false
		}
		prev = rate
		t.Tiers = append(t.Tiers, tier)
		if !tier.To.Valid {
			break
		}
	}
	if len(t.Tiers) == 0 {
		t.Tiers = []Tier{{From: decimal.Zero, Rate: activity.Some(decimal.New(5, -2))}}
	}
	return t, rising
}

// FuzzRate checks the engine's promises on arbitrary tables and credits:
// lines add up to the total under both rounding policies; marginal rating
// deal by deal pays exactly what the period's total rated at once pays; a
// bigger last credit never pays less when rates never fall; a payout cap is
// never exceeded; plans round-trip through JSON.
func FuzzRate(f *testing.F) {
	f.Add([]byte{100, 2, 200, 3, 50, 4, 0, 6}, []byte{30, 60, 30}, uint8(0), uint16(500))
	f.Add([]byte{1, 9, 1, 1}, []byte{255, 0, 7}, uint8(1), uint16(0))
	f.Fuzz(func(t *testing.T, tiers, amounts []byte, modeByte uint8, capUnits uint16) {
		mode := []Mode{Marginal, Retroactive, PerTransaction}[modeByte%3]
		table, rising := fuzzTable(tiers, mode)
		comp := Component{Name: "c", Kind: Commission, Table: table}
		if capUnits > 0 {
			comp.Cap = &Cap{Payout: activity.Some(decimal.New(int64(capUnits), -1))}
		}
		p := plan(comp)
		if modeByte&4 != 0 {
			p.Rounding.Policy = SpreadTotal
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("built an invalid plan: %v", err)
		}
		var credits []Credit
		total := decimal.Zero
		for i, a := range amounts {
			if i >= 12 {
				break
			}
			amt := decimal.New(int64(a)*7+1, -1)
			credits = append(credits, Credit{ID: string(rune('a' + i)), Rep: "ann", Amount: amt, Currency: "USD", At: utc(2025, 1, 1+i)})
			total = total.Add(amt)
		}
		st, err := StatementFor(p, "ann", q1, credits, nil)
		if err != nil {
			t.Fatal(err)
		}
		sum := decimal.Zero
		for _, l := range st.Lines {
			sum = sum.Add(l.Amount)
		}
		if !sum.Equal(st.Total) {
			t.Fatalf("lines add up to %s, total %s", sum, st.Total)
		}
		if comp.Cap != nil && st.Exact.GreaterThan(comp.Cap.Payout.Value) {
			t.Fatalf("paid %s above the cap %s", st.Exact, comp.Cap.Payout.Value)
		}
		if mode == Marginal && len(credits) > 0 {
			once, err := StatementFor(p, "ann", q1, []Credit{{ID: "all", Rep: "ann", Amount: total, Currency: "USD", At: utc(2025, 1, 1)}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !once.Exact.Equal(st.Exact) {
				t.Fatalf("deal by deal %s, the total at once %s", st.Exact, once.Exact)
			}
		}
		if rising && mode != PerTransaction && len(credits) > 0 {
			more := append([]Credit(nil), credits...)
			more[len(more)-1].Amount = more[len(more)-1].Amount.Add(decimal.NewFromInt(50))
			bigger, err := StatementFor(p, "ann", q1, more, nil)
			if err != nil {
				t.Fatal(err)
			}
			if bigger.Exact.LessThan(st.Exact) {
				t.Fatalf("more credit paid less: %s < %s", bigger.Exact, st.Exact)
			}
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back Plan
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		again, err := json.Marshal(back)
		if err != nil || string(again) != string(b) {
			t.Fatalf("JSON round trip:\n%s\n%s", b, again)
		}
	})
}

// FuzzPlanJSON decodes arbitrary bytes as a plan: never a panic, and a plan
// that decodes and validates rates without one.
func FuzzPlanJSON(f *testing.F) {
	b, _ := json.Marshal(plan(Component{Name: "c", Kind: Commission, Table: eclipseTable(Retroactive)}))
	f.Add(b)
	f.Add([]byte(`{"id":"x","components":[{"name":"b","kind":"bonus","steps":[{"attainment":"1","amount":"5"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Plan
		if json.Unmarshal(data, &p) != nil || p.Validate() != nil {
			return
		}
		quotas := []activity.Quota{{Rep: "ann", Period: q1, Amount: activity.Some(decimal.NewFromInt(1000)), Currency: p.Currency}}
		credits := []Credit{{ID: "a", Rep: "ann", Amount: decimal.NewFromInt(700), Currency: p.Currency, At: utc(2025, 2, 1)}}
		_, _ = StatementFor(p, "ann", q1, credits, quotas)
	})
}
