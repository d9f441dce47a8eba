package compensation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func some(s string) activity.Optional[decimal.Decimal] { return activity.Some(d(s)) }

func utc(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

var q1 = activity.Period{Start: utc(2025, 1, 1), End: utc(2025, 4, 1), Name: "2025 Q1"}

func credit(id string, amount string, day int) Credit {
	return Credit{ID: id, Rep: "ann", Amount: d(amount), Currency: "USD", At: utc(2025, 1, day),
		Deal: activity.Deal{ID: id, Owner: "ann", Amount: d(amount), Currency: "USD", Source: "direct"}}
}

func plan(components ...Component) Plan {
	return Plan{ID: "ae", Version: 1, EffectiveFrom: utc(2025, 1, 1), Currency: "USD", Components: components}
}

// eclipseTable is the tiered plan of Epicor Eclipse's help, "Tiered
// Commission Plan Details": 2% to 200, 3% to 500, 4% to 1,000, 5.5% above.
// On 1,200 its tiered (marginal) commission is 200 × 2% + 300 × 3% + 500 ×
// 4% + 200 × 5.5% = 4 + 9 + 20 + 11 = 44.00, where a single rate would pay
// 5.5% × 1,200 = 66.00.
func eclipseTable(mode Mode) *RateTable {
	return &RateTable{Mode: mode, Tiers: []Tier{
		{From: d("0"), To: some("200"), Rate: some("0.02")},
		{From: d("200"), To: some("500"), Rate: some("0.03")},
		{From: d("500"), To: some("1000"), Rate: some("0.04")},
		{From: d("1000"), Rate: some("0.055")},
	}}
}

func amounts(lines []Line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l.Amount.StringFixed(2))
	}
	return out
}

func TestMarginalAgainstRetroactive(t *testing.T) {
	t.Parallel()
	// 1,200 credited in three deals of 300, 600, 300.
	credits := []Credit{credit("c1", "300", 5), credit("c2", "600", 12), credit("c3", "300", 20)}
	for _, tc := range []struct {
		mode  Mode
		lines []string
		total string
	}{
		// Marginal, the running total carried into each deal: c1 [0, 300):
		// 200 × 2% = 4, 100 × 3% = 3; c2 [300, 900): 200 × 3% = 6, 400 × 4%
		// = 16; c3 [900, 1,200): 100 × 4% = 4, 200 × 5.5% = 11. Total 44, as
		// the period's 1,200 rated at once.
		{Marginal, []string{"4.00", "3.00", "6.00", "16.00", "4.00", "11.00"}, "44.00"},
		// Retroactive: c1 takes the total to 300 (3%): 9; c2 to 900 (4%):
		// 24 and a true-up of 300 × 1% = 3; c3 to 1,200 (5.5%): 16.50 and
		// 900 × 1.5% = 13.50. Total 66, 5.5% of 1,200.
		{Retroactive, []string{"9.00", "24.00", "3.00", "16.50", "13.50"}, "66.00"},
		// Per transaction: each deal at its own band: 300 at 3% = 9, 600 at
		// 4% = 24, 300 at 3% = 9.
		{PerTransaction, []string{"9.00", "24.00", "9.00"}, "42.00"},
	} {
		st, err := StatementFor(plan(Component{Name: "commission", Kind: Commission, Table: eclipseTable(tc.mode)}), "ann", q1, credits, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.lines, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != tc.total {
			t.Errorf("%s: total %s, lines (-want +got):\n%s", tc.mode, st.Total, d)
		}
	}
}

func TestBoundaryConvention(t *testing.T) {
	t.Parallel()
	// A deal of exactly 500, rated per transaction: [200, 500) puts it in
	// the 4% tier (20), (200, 500] in the 3% tier (15).
	for _, tc := range []struct {
		boundary Boundary
		want     string
	}{{LowerInclusive, "20.00"}, {UpperInclusive, "15.00"}} {
		table := eclipseTable(PerTransaction)
		table.Boundary = tc.boundary
		st, err := StatementFor(plan(Component{Name: "commission", Kind: Commission, Table: table}), "ann", q1, []Credit{credit("c1", "500", 3)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.StringFixed(2) != tc.want {
			t.Errorf("%s: %s, want %s", tc.boundary, st.Total, tc.want)
		}
	}
}

// quotaPlan: a 100,000 quarterly quota; 10% to 100% attainment, 1.5 × the
// base rate above (an accelerator), a gate at 50%, a payout cap of 20,000.
func quotaPlan() (Plan, []activity.Quota) {
	p := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Basis: OnAttainment, BaseRate: d("0.1"), Tiers: []Tier{
		{From: d("0"), To: some("1"), Multiplier: some("1")},
		{From: d("1"), Multiplier: some("1.5")},
	}}, Gate: &Gate{MinAttainment: some("0.5")}, Cap: &Cap{Payout: some("20000")}})
	quotas := []activity.Quota{{Rep: "ann", Period: q1, Amount: some("100000"), Currency: "USD"}}
	return p, quotas
}

func TestAcceleratorGateCap(t *testing.T) {
	t.Parallel()
	p, quotas := quotaPlan()
	for _, tc := range []struct {
		name    string
		credits []string
		lines   []string
		total   string
	}{
		// 60,000 + 60,000 = 120%: 60,000 × 10% = 6,000; then 40,000 × 10%
		// = 4,000 and 20,000 × 15% = 3,000. 13,000.
		{"accelerator above 100%", []string{"60000", "60000"}, []string{"6000.00", "4000.00", "3000.00"}, "13000.00"},
		// 40,000 = 40%, below the 50% gate: 4,000 earned, taken back.
		{"gate below 50%", []string{"40000"}, []string{"4000.00", "-4000.00"}, "0.00"},
		// Exactly 50% passes the gate (at least the minimum).
		{"gate at 50%", []string{"50000"}, []string{"5000.00"}, "5000.00"},
		// 250,000 = 250%: 10,000 + 150,000 × 15% = 32,500, capped at
		// 20,000: 12,500 forfeited.
		{"cap", []string{"250000"}, []string{"10000.00", "22500.00", "-12500.00"}, "20000.00"},
	} {
		var credits []Credit
		for i, a := range tc.credits {
			credits = append(credits, credit(string(rune('a'+i)), a, 10+i))
		}
		st, err := StatementFor(p, "ann", q1, credits, quotas)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.lines, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != tc.total {
			t.Errorf("%s: total %s, lines (-want +got):\n%s\n%v", tc.name, st.Total, d, st)
		}
	}
}

func TestDeceleratingTiers(t *testing.T) {
	t.Parallel()
	// Decelerating with a minimum: 10% to 100,000, 5% to 200,000, a floor
	// rate of 2% above. 250,000 pays 10,000 + 5,000 + 1,000 = 16,000.
	table := &RateTable{Tiers: []Tier{
		{From: d("0"), To: some("100000"), Rate: some("0.10")},
		{From: d("100000"), To: some("200000"), Rate: some("0.05")},
		{From: d("200000"), Rate: some("0.02")},
	}}
	st, err := StatementFor(plan(Component{Name: "commission", Kind: Commission, Table: table}), "ann", q1, []Credit{credit("a", "250000", 2)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.StringFixed(2) != "16000.00" {
		t.Errorf("decelerating: %s, want 16000.00", st.Total)
	}
}

func TestBonusAndSpiff(t *testing.T) {
	t.Parallel()
	p := plan(
		Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("5000")}, {Attainment: d("1.2"), Amount: d("8000")}}},
		Component{Name: "partner spiff", Kind: SPIF, Spiff: &Spiff{Amount: d("500"), From: utc(2025, 1, 1), Until: utc(2025, 1, 15)}},
	)
	quotas := []activity.Quota{{Rep: "ann", Period: q1, Amount: some("100000"), Currency: "USD"}}
	// 125,000 = 125%: the 120% step pays 8,000 (not 5,000 + 8,000). Two
	// credits fall in the SPIF's window (the 3rd and the 10th), one after
	// it: 2 × 500.
	credits := []Credit{credit("a", "50000", 3), credit("b", "50000", 10), credit("c", "25000", 20)}
	st, err := StatementFor(p, "ann", q1, credits, quotas)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"8000.00", "500.00", "500.00"}, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != "9000.00" {
		t.Errorf("bonus and SPIF: %s (-want +got):\n%s", st.Total, d)
	}
	if st.Components[0].Amount.StringFixed(2) != "8000.00" || st.Components[1].Amount.StringFixed(2) != "1000.00" {
		t.Errorf("components %v", st.Components)
	}
}

func TestRoundingPolicies(t *testing.T) {
	t.Parallel()
	// Three credits of 100.15 at 3.33%: 3.334995 each, 10.004985 in all.
	// Per line: 3.33 × 3 = 9.99. Spread: the total 10.00, the lines 3.34,
	// 3.33, 3.33 (equal remainders: the first line takes the cent).
	table := &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.0333")}}}
	credits := []Credit{credit("a", "100.15", 1), credit("b", "100.15", 2), credit("c", "100.15", 3)}
	for _, tc := range []struct {
		policy RoundingPolicy
		lines  []string
		total  string
	}{
		{PerLine, []string{"3.33", "3.33", "3.33"}, "9.99"},
		{SpreadTotal, []string{"3.34", "3.33", "3.33"}, "10.00"},
	} {
		p := plan(Component{Name: "c", Kind: Commission, Table: table})
		p.Rounding.Policy = tc.policy
		st, err := StatementFor(p, "ann", q1, credits, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.lines, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != tc.total || !st.Exact.Equal(d2("10.004985")) {
			t.Errorf("%s: total %s, exact %s (-want +got):\n%s", tc.policy, st.Total, st.Exact, d)
		}
	}
}

func d2(s string) decimal.Decimal { return d(s) }

func TestStatementsToDate(t *testing.T) {
	t.Parallel()
	months := []activity.Period{
		{Start: utc(2025, 1, 1), End: utc(2025, 2, 1), Name: "2025-01"},
		{Start: utc(2025, 2, 1), End: utc(2025, 3, 1), Name: "2025-02"},
	}
	credits := []Credit{credit("a", "300", 5), {ID: "b", Rep: "ann", Amount: d("600"), Currency: "USD", At: utc(2025, 2, 3)}}
	sts, err := Statements(plan(Component{Name: "c", Kind: Commission, Table: eclipseTable(Marginal)}), "ann", months, credits, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Each month on its own: January 300 → 7.00; February 600 → 4 + 9 + 4
	// = 17.00 (the running total starts again each period); to date 24.00.
	if sts[0].Total.StringFixed(2) != "7.00" || sts[1].Total.StringFixed(2) != "17.00" || sts[1].ToDate.StringFixed(2) != "24.00" {
		t.Errorf("Statements = %v, %v; to date %v", sts[0].Total, sts[1].Total, sts[1].ToDate)
	}
}

func TestPlanJSON(t *testing.T) {
	oldQuotes := decimal.MarshalJSONWithoutQuotes
	decimal.MarshalJSONWithoutQuotes = true
	defer func() { decimal.MarshalJSONWithoutQuotes = oldQuotes }()
	p, _ := quotaPlan()
	p.Rounding = Rounding{Scale: activity.Some(int32(2)), Mode: HalfEven, Policy: SpreadTotal}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"base_rate":"0.1"`) || !strings.Contains(string(b), `"multiplier":"1.5"`) {
		t.Errorf("JSON %s lacks decimals as strings", b)
	}
	var back Plan
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p, back, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) && a.Exponent() == b.Exponent() })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	bad := strings.Replace(string(b), `"multiplier":"1.5"`, `"multipler":"1.5"`, 1)
	if err := json.Unmarshal([]byte(bad), &back); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("unknown key: %v, want ErrInvalidPlan", err)
	}
}

func TestPlanValidate(t *testing.T) {
	t.Parallel()
	ok := plan(Component{Name: "c", Kind: Commission, Table: eclipseTable(Marginal)})
	with := func(f func(*Plan)) Plan {
		p := ok
		p.Components = []Component{ok.Components[0]}
		t := *ok.Components[0].Table
		t.Tiers = append([]Tier(nil), t.Tiers...)
		p.Components[0].Table = &t
		f(&p)
		return p
	}
	tiers := func(p *Plan) []Tier { return p.Components[0].Table.Tiers }
	for _, tc := range []struct {
		name string
		p    Plan
		part string
	}{
		{"no id", with(func(p *Plan) { p.ID = "" }), "id"},
		{"no start", with(func(p *Plan) { p.EffectiveFrom = time.Time{} }), "effective_from"},
		{"until before from", with(func(p *Plan) { p.EffectiveUntil = utc(2024, 1, 1) }), "effective_until"},
		{"currency", with(func(p *Plan) { p.Currency = "usd" }), "currency"},
		{"no components", with(func(p *Plan) { p.Components = nil }), "components"},
		{"unknown kind", with(func(p *Plan) { p.Components[0].Kind = "tip" }), "components[0].kind"},
		{"commission without table", with(func(p *Plan) { p.Components[0].Table = nil }), "components[0].table"},
		{"gap", with(func(p *Plan) { tiers(p)[1].From = d("250") }), "tiers[1].from"},
		{"overlap", with(func(p *Plan) { tiers(p)[1].From = d("150") }), "tiers[1].from"},
		{"unordered", with(func(p *Plan) { tiers(p)[1].To = some("100") }), "tiers[1].to"},
		{"negative rate", with(func(p *Plan) { tiers(p)[0].Rate = some("-0.01") }), "tiers[0].rate"},
		{"rate and multiplier", with(func(p *Plan) { tiers(p)[0].Multiplier = some("1") }), "tiers[0]"},
		{"multiplier without base", with(func(p *Plan) {
			tiers(p)[0].Rate = activity.Optional[decimal.Decimal]{}
			tiers(p)[0].Multiplier = some("1")
		}), "tiers[0].multiplier"},
		{"open tier in the middle", with(func(p *Plan) { tiers(p)[1].To = activity.Optional[decimal.Decimal]{} }), "tiers[1].to"},
		{"first tier not from 0", with(func(p *Plan) { tiers(p)[0].From = d("10") }), "tiers[0].from"},
		{"unknown mode", with(func(p *Plan) { p.Components[0].Table.Mode = "graduated" }), "mode"},
		{"cap of nothing", with(func(p *Plan) { p.Components[0].Cap = &Cap{} }), "components[0].cap"},
		{"negative cap", with(func(p *Plan) { p.Components[0].Cap = &Cap{Payout: some("-1")} }), "components[0].cap"},
		{"negative gate", with(func(p *Plan) { p.Components[0].Gate = &Gate{MinAttainment: some("-0.5")} }), "gate"},
		{"bad rounding", with(func(p *Plan) { p.Rounding.Mode = "ceiling" }), "rounding.mode"},
		{"gate without threshold", with(func(p *Plan) { p.Components[0].Gate = &Gate{} }), "components[0].gate"},
		{"unknown excess", with(func(p *Plan) { p.Components[0].Cap = &Cap{Payout: some("1"), Excess: "bank"} }), "components[0].cap.excess"},
		{"repeated name", with(func(p *Plan) { p.Components = append(p.Components, p.Components[0]) }), "components[1].name"},
		{"steps out of order", with(func(p *Plan) {
			p.Components = append(p.Components, Component{Name: "b", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1.2"), Amount: d("1")}, {Attainment: d("1"), Amount: d("2")}}})
		}), "components[1].steps[1]"},
	} {
		err := tc.p.Validate()
		if !errors.Is(err, ErrInvalidPlan) || !strings.Contains(err.Error(), tc.part) {
			t.Errorf("%s: Validate = %v, want ErrInvalidPlan naming %s", tc.name, err, tc.part)
		}
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid plan: %v", err)
	}
}

// TestMaxTiers: a table of MaxTiers contiguous tiers (and a bonus of
// MaxTiers rising steps) validates; one more is ErrInvalidPlan.
func TestMaxTiers(t *testing.T) {
	t.Parallel()
	table := func(n int) *RateTable {
		tiers := make([]Tier, n)
		for i := range tiers {
			tiers[i] = Tier{From: decimal.NewFromInt(int64(i)), Rate: some("0.1")}
			if i < n-1 {
				tiers[i].To = activity.Some(decimal.NewFromInt(int64(i + 1)))
			}
		}
		return &RateTable{Tiers: tiers}
	}
	steps := func(n int) []BonusStep {
		s := make([]BonusStep, n)
		for i := range s {
			s[i] = BonusStep{Attainment: decimal.NewFromInt(int64(i)), Amount: d("1")}
		}
		return s
	}
	for _, tc := range []struct {
		name string
		c    Component
		bad  string
	}{
		{"MaxTiers tiers", Component{Name: "c", Kind: Commission, Table: table(MaxTiers)}, ""},
		{"one tier more", Component{Name: "c", Kind: Commission, Table: table(MaxTiers + 1)}, "tiers: 1001"},
		{"MaxTiers steps", Component{Name: "b", Kind: Bonus, Steps: steps(MaxTiers)}, ""},
		{"one step more", Component{Name: "b", Kind: Bonus, Steps: steps(MaxTiers + 1)}, "components[0].steps: 1001 steps"},
	} {
		err := plan(tc.c).Validate()
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%s: Validate = %v, want nil", tc.name, err)
		case tc.bad != "" && (!errors.Is(err, ErrInvalidPlan) || !strings.Contains(err.Error(), tc.bad)):
			t.Errorf("%s: Validate = %v, want ErrInvalidPlan with %q", tc.name, err, tc.bad)
		}
	}
}

// TestPlanLongNumber: a plan with a number of more than
// activity.MaxAmountText digits is refused before it is parsed; one of
// exactly that many reads.
func TestPlanLongNumber(t *testing.T) {
	t.Parallel()
	doc := func(from string) []byte {
		return []byte(`{"id":"p","effective_from":"2025-01-01T00:00:00Z","currency":"USD","components":[{"name":"c","kind":"commission",` +
			`"table":{"tiers":[{"from":"` + from + `","rate":"0.1"}]}}]}`)
	}
	var p Plan
	if err := json.Unmarshal(doc(strings.Repeat("1", activity.MaxAmountText)), &p); err != nil {
		t.Errorf("a from of %d digits: %v", activity.MaxAmountText, err)
	}
	for _, n := range []int{activity.MaxAmountText + 1, 1 << 21} {
		err := json.Unmarshal(doc(strings.Repeat("1", n)), &p)
		if !errors.Is(err, ErrInvalidPlan) || !errors.Is(err, activity.ErrInvalidAmount) {
			t.Errorf("a from of %d digits: %v, want ErrInvalidPlan and activity.ErrInvalidAmount", n, err)
		}
	}
}

func TestRateErrors(t *testing.T) {
	t.Parallel()
	p, quotas := quotaPlan()
	c := []Credit{credit("a", "100", 2)}
	eur := []Credit{{ID: "e", Rep: "ann", Amount: d("1"), Currency: "EUR", At: utc(2025, 1, 2)}}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"no quota", second(StatementFor(p, "ann", q1, c, nil)), ErrNoQuota},
		{"invalid plan", second(StatementFor(Plan{}, "ann", q1, c, quotas)), ErrInvalidPlan},
		{"no rep", second(StatementFor(p, "", q1, c, quotas)), ErrInvalidOptions},
		{"bad period", second(StatementFor(p, "ann", activity.Period{}, c, quotas)), ErrInvalidOptions},
		{"not in force", second(StatementFor(p, "ann", activity.Period{Start: utc(2024, 12, 1), End: utc(2025, 1, 1)}, c, quotas)), ErrInvalidOptions},
		{"other currency", second(StatementFor(p, "ann", q1, eur, quotas)), ErrMixedCurrencies},
		{"credit without id", second(StatementFor(p, "ann", q1, []Credit{{Rep: "ann", Amount: d("1"), Currency: "USD", At: utc(2025, 1, 2)}}, quotas)), ErrInvalidCredit},
		{"quota in euros", second(StatementFor(p, "ann", q1, c, []activity.Quota{{Rep: "ann", Period: q1, Amount: some("1"), Currency: "EUR"}})), ErrMixedCurrencies},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestGatesOnOtherMeasures(t *testing.T) {
	t.Parallel()
	flat := &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}
	for _, tc := range []struct {
		name    string
		gate    Gate
		credits []string
		total   string
	}{
		// At least three deals: two pay nothing, three pay 10%.
		{"two of three deals", Gate{MinCredits: 3}, []string{"4000", "4000"}, "0.00"},
		{"three deals", Gate{MinCredits: 3}, []string{"4000", "4000", "2000"}, "1000.00"},
		// At least 10,000 credited: 8,000 pays nothing; exactly 10,000 pays.
		{"below 10,000", Gate{MinCredited: some("10000")}, []string{"8000"}, "0.00"},
		{"at 10,000", Gate{MinCredited: some("10000")}, []string{"6000", "4000"}, "1000.00"},
	} {
		var credits []Credit
		for i, a := range tc.credits {
			credits = append(credits, credit(string(rune('a'+i)), a, 3+i))
		}
		g := tc.gate
		st, err := StatementFor(plan(Component{Name: "c", Kind: Commission, Table: flat, Gate: &g}), "ann", q1, credits, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.StringFixed(2) != tc.total {
			t.Errorf("%s: %s, want %s\n%v", tc.name, st.Total, tc.total, st)
		}
	}
}

func TestRateCapAndCarryForward(t *testing.T) {
	t.Parallel()
	p, quotas := quotaPlan()
	p.Components[0].Gate = nil
	p.Components[0].Cap = &Cap{Rate: some("0.12")}
	// 250,000 on a 100,000 quota pays 10,000 + 150,000 × 15% = 32,500, an
	// effective 13%; capped at 12% of 250,000 = 30,000: 2,500 forfeited.
	st, err := StatementFor(p, "ann", q1, []Credit{credit("a", "250000", 2)}, quotas)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.StringFixed(2) != "30000.00" {
		t.Errorf("rate cap: %s, want 30000.00\n%v", st.Total, st)
	}
	// 10% with a monthly payout cap of 1,000, the excess carried forward:
	// January 15,000 → 1,500, 1,000 paid and 500 carried; February 3,000 →
	// 300 + 500 = 800 paid; 1,800 to date.
	carry := plan(Component{Name: "c", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}},
		Cap: &Cap{Payout: some("1000"), Excess: CarryForward}})
	months := []activity.Period{
		{Start: utc(2025, 1, 1), End: utc(2025, 2, 1), Name: "2025-01"},
		{Start: utc(2025, 2, 1), End: utc(2025, 3, 1), Name: "2025-02"},
	}
	feb := credit("b", "3000", 1)
	feb.At = utc(2025, 2, 10)
	sts, err := Statements(carry, "ann", months, []Credit{credit("a", "15000", 5), feb}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sts[0].Total.StringFixed(2) != "1000.00" || !sts[0].CarriedForward.Equal(d("500")) || sts[1].Total.StringFixed(2) != "800.00" || sts[1].ToDate.StringFixed(2) != "1800.00" {
		t.Errorf("carry forward: %v / %v (carried %s), to date %s", sts[0].Total, sts[1].Total, sts[0].CarriedForward, sts[1].ToDate)
	}
	if d := cmp.Diff([]string{"1500.00", "-500.00"}, amounts(sts[0].Lines)); d != "" {
		t.Errorf("January's lines (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"300.00", "500.00"}, amounts(sts[1].Lines)); d != "" {
		t.Errorf("February's lines (-want +got):\n%s", d)
	}
}

func TestAcceleratorPublishedExample(t *testing.T) {
	t.Parallel()
	// ExcelForum thread 861932 ("vlookup for multiple results", a rep's
	// quarterly accelerators): 5% on 0–100,000 of a 100,000 quota, 1% more
	// on 100,000–125,000 and another 1% above; "if they did $150,000 …
	// their commission would be $5,000 + $1,500 + $1,750" = 8,250.
	table := &RateTable{Tiers: []Tier{
		{From: d("0"), To: some("100000"), Rate: some("0.05")},
		{From: d("100000"), To: some("125000"), Rate: some("0.06")},
		{From: d("125000"), Rate: some("0.07")},
	}}
	st, err := StatementFor(plan(Component{Name: "c", Kind: Commission, Table: table}), "ann", q1,
		[]Credit{credit("a", "90000", 2), credit("b", "60000", 20)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"4500.00", "500.00", "1500.00", "1750.00"}, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != "8250.00" {
		t.Errorf("published accelerator: %s (-want +got):\n%s", st.Total, d)
	}
}

func TestRetroactiveMultiplierPublishedExample(t *testing.T) {
	t.Parallel()
	// ABestWeb forum thread 58442 ("Performance incentives"): 5% commission,
	// and from 1,000 of sales the rate goes up by 20% "for all sales": "$999
	// at 5% = $49.95; $1000 at 6% = $60". A retroactive table on a 5% base
	// with a 1.2 multiplier from 1,000, the boundary in the higher tier.
	table := &RateTable{Mode: Retroactive, BaseRate: d("0.05"), Tiers: []Tier{
		{From: d("0"), To: some("1000"), Multiplier: some("1")},
		{From: d("1000"), Multiplier: some("1.2")},
	}}
	for _, tc := range []struct{ sales, want string }{{"999", "49.95"}, {"1000", "60.00"}} {
		st, err := StatementFor(plan(Component{Name: "c", Kind: Commission, Table: table}), "ann", q1, []Credit{credit("a", tc.sales, 2)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.StringFixed(2) != tc.want {
			t.Errorf("%s in sales: %s, want %s", tc.sales, st.Total, tc.want)
		}
	}
}

// TestStrictGate: quotaPlan's gate at 50%, strict: exactly 50,000 of the
// 100,000 quota (50%) no longer passes, 5,000 earned and taken back;
// 50,000.01 (a cent above) passes and pays 5,000.00 (10% of 50,000.01,
// rounded). Strict counts the same way: two credits with MinCredits 2 fail,
// three pass.
func TestStrictGate(t *testing.T) {
	t.Parallel()
	p, quotas := quotaPlan()
	p.Components[0].Gate.Strict = true
	for _, tc := range []struct {
		name    string
		credits []string
		lines   []string
		reason  string
	}{
		{"at 50%", []string{"50000"}, []string{"5000.00", "-5000.00"}, "gate: attainment 50% not above 50%; nothing paid"},
		{"a cent above", []string{"50000.01"}, []string{"5000.00"}, ""},
	} {
		var credits []Credit
		for i, a := range tc.credits {
			credits = append(credits, credit(string(rune('a'+i)), a, 10+i))
		}
		st, err := StatementFor(p, "ann", q1, credits, quotas)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.lines, amounts(st.Lines)); d != "" || (tc.reason != "" && st.Lines[len(st.Lines)-1].Reason() != tc.reason) {
			t.Errorf("%s: lines (-want +got):\n%s\n%v", tc.name, d, st)
		}
	}
	count := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}},
		Gate: &Gate{MinCredits: 2, Strict: true}})
	for n, want := range map[int]string{2: "0.00", 3: "300.00"} {
		var credits []Credit
		for i := range n {
			credits = append(credits, credit(string(rune('a'+i)), "1000", 10+i))
		}
		st, err := StatementFor(count, "ann", q1, credits, nil)
		if err != nil || st.Total.StringFixed(2) != want {
			t.Errorf("%d credits past a strict gate of 2: %v, %v; want %s", n, st.Total, err, want)
		}
	}
}

// TestLineTypes: each line says what it is, whatever its component is
// called. quotaPlan's accelerator run pays base, base, accelerator; its
// gate failure and its cap are adjustments; a retroactive true-up is an
// adjustment; bonus and SPIF lines; a draw's top-up; a clawback. A
// component named like a line type ("accelerator") changes nothing.
func TestLineTypes(t *testing.T) {
	t.Parallel()
	types := func(ls []Line) []LineType {
		var out []LineType
		for _, l := range ls {
			out = append(out, l.Type)
		}
		return out
	}
	p, quotas := quotaPlan()
	p.Components[0].Name = "accelerator"
	for _, tc := range []struct {
		credits []string
		want    []LineType
	}{
		{[]string{"60000", "60000"}, []LineType{LineBase, LineBase, LineAccelerator}},
		{[]string{"40000"}, []LineType{LineBase, LineAdjustment}},
		{[]string{"250000"}, []LineType{LineBase, LineAccelerator, LineAdjustment}},
	} {
		var credits []Credit
		for i, a := range tc.credits {
			credits = append(credits, credit(string(rune('a'+i)), a, 10+i))
		}
		st, err := StatementFor(p, "ann", q1, credits, quotas)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.want, types(st.Lines)); d != "" {
			t.Errorf("%v: (-want +got):\n%s", tc.credits, d)
		}
	}
	// Retroactive: 60,000 at 10%, then the second 60,000 crosses into 15%:
	// itself at 15% and a true-up of 5% on the first 60,000.
	retro := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Mode: Retroactive, Tiers: []Tier{
		{From: d("0"), To: some("100000"), Rate: some("0.10")}, {From: d("100000"), Rate: some("0.15")}}}})
	st, err := StatementFor(retro, "ann", q1, []Credit{credit("a", "60000", 10), credit("b", "60000", 11)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]LineType{LineBase, LineAccelerator, LineAdjustment}, types(st.Lines)); d != "" {
		t.Errorf("retroactive (-want +got):\n%s", d)
	}
	bonus := plan(
		Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("5000")}}},
		Component{Name: "spiff", Kind: SPIF, Spiff: &Spiff{Amount: d("500"), From: utc(2025, 1, 1), Until: utc(2025, 4, 1)}},
	)
	bonus.Draw = &Draw{Amount: d("10000")}
	st, err = StatementFor(bonus, "ann", q1, []Credit{credit("a", "50000", 10)}, quotas)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]LineType{LineBonus, LineSPIF, LineDraw}, types(st.Lines)); d != "" {
		t.Errorf("bonus, SPIF, draw (-want +got):\n%s", d)
	}
	claw := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}})
	claw.Clawback = &Clawback{WindowDays: 90}
	sts, err := Statements(claw, "ann", []activity.Period{q1}, []Credit{credit("a", "1000", 10)}, nil,
		[]Cancellation{{Credit: "a", At: utc(2025, 2, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]LineType{LineBase, LineClawback}, types(sts[0].Lines)); d != "" {
		t.Errorf("clawback (-want +got):\n%s", d)
	}
}

// TestMinimumCommission: 10% commission with a minimum commission of 1,000
// a quarter (listed first: it is rated after what it reads). 5,000
// credited earns 500: the minimum adds 500, 1,000 in all. 20,000 earns
// 2,000: the minimum adds nothing. A floor over a component that does not
// exist, over another minimum, or of zero is an invalid plan.
func TestMinimumCommission(t *testing.T) {
	t.Parallel()
	p := plan(
		Component{Name: "floor", Kind: Minimum, Floor: &Floor{Amount: d("1000"), Of: []string{"commission"}}},
		Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.1")}}}},
	)
	for _, tc := range []struct {
		credit string
		lines  []string
		total  string
	}{
		{"5000", []string{"500.00", "500.00"}, "1000.00"},
		{"20000", []string{"2000.00", "0.00"}, "2000.00"},
	} {
		st, err := StatementFor(p, "ann", q1, []Credit{credit("a", tc.credit, 10)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		last := st.Lines[len(st.Lines)-1]
		if d := cmp.Diff(tc.lines, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != tc.total || last.Type != LineMinimum || last.Component != "floor" {
			t.Errorf("%s credited: total %s (-want +got):\n%s\n%v", tc.credit, st.Total, d, st)
		}
	}
	for _, f := range []*Floor{{Amount: d("1000"), Of: []string{"nope"}}, {Amount: d("1000"), Of: []string{"floor"}}, {Amount: d("0")}} {
		bad := p
		bad.Components = []Component{{Name: "floor", Kind: Minimum, Floor: f}, p.Components[1]}
		if err := bad.Validate(); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("floor %+v: %v", f, err)
		}
	}
	bad := p
	bad.Components = []Component{{Name: "floor", Kind: Minimum}, p.Components[1]}
	if err := bad.Validate(); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("a minimum without a floor: %v", err)
	}
}

// TestAttainmentToDate: an accelerator paid in a quarter only once the
// year to date reaches half the annual quota of 400,000. In Q2, with
// 150,000 credited in Q1 and 60,000 in Q2, the year to date is 210,000 =
// 52.5%: the 5% accelerator pays 60,000 × 5% = 3,000. With 100,000 in Q1,
// 160,000 = 40%: nothing. StatementsForAll, given the year's credits,
// agrees; a Statements run over Q1 and Q2 carries credit to date (210,000
// at Q2's end). Without an annual quota the gate is ErrNoQuota.
func TestAttainmentToDate(t *testing.T) {
	t.Parallel()
	q2 := activity.Period{Start: utc(2025, 4, 1), End: utc(2025, 7, 1), Name: "2025 Q2"}
	year := activity.Quota{Rep: "ann", Period: activity.Period{Start: utc(2025, 1, 1), End: utc(2026, 1, 1), Name: "2025"}, Amount: some("400000"), Currency: "USD"}
	p := plan(Component{Name: "kicker", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("0.05")}}},
		Gate: &Gate{MinAttainmentToDate: some("0.5")}})
	at := func(m time.Month) time.Time { return utc(2025, m, 15) }
	for _, tc := range []struct {
		q1, total string
		ytd       string
	}{{"150000", "3000.00", "0.525"}, {"100000", "0.00", "0.4"}} {
		credits := []Credit{
			{ID: "c1", Rep: "ann", Amount: d(tc.q1), Currency: "USD", At: at(2)},
			{ID: "c2", Rep: "ann", Amount: d("60000"), Currency: "USD", At: at(5)},
		}
		st, err := StatementFor(p, "ann", q2, credits, []activity.Quota{year})
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.StringFixed(2) != tc.total || !st.AttainmentToDate.Value.Equal(d(tc.ytd)) || !st.QuotaToDate.Value.Equal(d("400000")) {
			t.Errorf("Q1 %s: total %s, to date %v of %v\n%v", tc.q1, st.Total, st.AttainmentToDate, st.QuotaToDate, st)
		}
		all, err := StatementsForAll(p, q2, credits, []activity.Quota{year})
		if err != nil || len(all) != 1 || all[0].Total.StringFixed(2) != tc.total {
			t.Errorf("StatementsForAll: %v, %v", all, err)
		}
	}
	q1 := activity.Period{Start: utc(2025, 1, 1), End: utc(2025, 4, 1), Name: "2025 Q1"}
	credits := []Credit{{ID: "c1", Rep: "ann", Amount: d("150000"), Currency: "USD", At: at(2)}, {ID: "c2", Rep: "ann", Amount: d("60000"), Currency: "USD", At: at(5)}}
	sts, err := Statements(p, "ann", []activity.Period{q1, q2}, credits, []activity.Quota{year}, nil)
	if err != nil || !sts[0].CreditedToDate.Equal(d("150000")) || !sts[1].CreditedToDate.Equal(d("210000")) {
		t.Errorf("credited to date: %v", err)
	}
	if _, err := StatementFor(p, "ann", q2, credits, nil); !errors.Is(err, ErrNoQuota) {
		t.Errorf("no annual quota: %v", err)
	}
}

// TestPercentOf: a bonus of 50% of the commission on sales over 50,000
// (listed first: it is rated after the commission it reads). 80,000
// credited earns 30,000 × 10% = 3,000 commission; the bonus pays 50% of
// it, 1,500: 4,500 in all. At a share of 1/3 (0.3333333) the bonus line
// rounds on its own: 3,000 × 0.3333333 = 999.9999 → 1,000.00.
func TestPercentOf(t *testing.T) {
	t.Parallel()
	table := &RateTable{Tiers: []Tier{{From: d("0"), To: some("50000"), Rate: some("0")}, {From: d("50000"), Rate: some("0.10")}}}
	for _, tc := range []struct {
		rate  string
		lines []string
		total string
	}{
		{"0.5", []string{"0.00", "3000.00", "1500.00"}, "4500.00"},
		{"0.3333333", []string{"0.00", "3000.00", "1000.00"}, "4000.00"},
	} {
		p := plan(
			Component{Name: "kicker", Kind: PercentOf, Share: &Share{Of: "commission", Rate: d(tc.rate)}},
			Component{Name: "commission", Kind: Commission, Table: table},
		)
		st, err := StatementFor(p, "ann", q1, []Credit{credit("a", "80000", 10)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		last := st.Lines[len(st.Lines)-1]
		if d := cmp.Diff(tc.lines, amounts(st.Lines)); d != "" || st.Total.StringFixed(2) != tc.total || last.Component != "kicker" || last.Type != LineBonus {
			t.Errorf("share %s: total %s (-want +got):\n%s\n%v", tc.rate, st.Total, d, st)
		}
	}
	commission := Component{Name: "commission", Kind: Commission, Table: table}
	for _, c := range []Component{
		{Name: "kicker", Kind: PercentOf, Share: &Share{Of: "nope", Rate: d("0.5")}},
		{Name: "kicker", Kind: PercentOf, Share: &Share{Of: "kicker", Rate: d("0.5")}},
		{Name: "kicker", Kind: PercentOf, Share: &Share{Of: "commission", Rate: d("-0.5")}},
		{Name: "kicker", Kind: PercentOf},
	} {
		if err := plan(c, commission).Validate(); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("%+v: %v", c.Share, err)
		}
	}
}

// TestTiersToDate: tiers on attainment to date against an annual quota of
// 400,000: 5% to 50%, 10% above, marginal. With 150,000 credited in Q1,
// a Q2 credit of 100,000 runs the year from 150,000 to 250,000: 50,000 at
// 5% (2,500) up to 200,000, then 50,000 at 10% (5,000): 7,500, the second
// line an accelerator. Without an annual quota the tiers are ErrNoQuota.
func TestTiersToDate(t *testing.T) {
	t.Parallel()
	q2 := activity.Period{Start: utc(2025, 4, 1), End: utc(2025, 7, 1), Name: "2025 Q2"}
	year := activity.Quota{Rep: "ann", Period: activity.Period{Start: utc(2025, 1, 1), End: utc(2026, 1, 1), Name: "2025"}, Amount: some("400000"), Currency: "USD"}
	p := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Basis: OnAttainmentToDate, Tiers: []Tier{
		{From: d("0"), To: some("0.5"), Rate: some("0.05")}, {From: d("0.5"), Rate: some("0.10")}}}})
	credits := []Credit{
		{ID: "c1", Rep: "ann", Amount: d("150000"), Currency: "USD", At: utc(2025, 2, 15)},
		{ID: "c2", Rep: "ann", Amount: d("100000"), Currency: "USD", At: utc(2025, 5, 15)},
	}
	st, err := StatementFor(p, "ann", q2, credits, []activity.Quota{year})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"2500.00", "5000.00"}, amounts(st.Lines)); diff != "" || st.Lines[1].Type != LineAccelerator || !st.Lines[1].RunningTotal.Equal(d("250000")) {
		t.Errorf("(-want +got):\n%s\n%v", diff, st)
	}
	if _, err := StatementFor(p, "ann", q2, credits, nil); !errors.Is(err, ErrNoQuota) {
		t.Errorf("no annual quota: %v", err)
	}
}

// TestPerActivity: an SDR plan paying 50 per meeting held and 20 per demo
// from the activity records. ann held 3 meetings (a fourth was a no-show),
// gave 2 demos and made a call: 3 × 50 + 2 × 20 = 190. bob held one
// meeting in the quarter (another after it): 50. StatementsForAll rates
// both without a credit. A negative amount or an empty kind is invalid.
func TestPerActivity(t *testing.T) {
	t.Parallel()
	p := plan(
		Component{Name: "meetings", Kind: PerActivity, PerActivity: &ActivityRate{Kinds: []activity.Kind{activity.KindMeeting},
			Outcomes: []activity.Outcome{activity.OutcomeHeld}, Amount: d("50")}},
		Component{Name: "demos", Kind: PerActivity, PerActivity: &ActivityRate{Kinds: []activity.Kind{activity.KindDemo}, Amount: d("20")}},
	)
	act := func(rep string, k activity.Kind, o activity.Outcome, m time.Month) activity.Activity {
		return activity.Activity{Rep: rep, Kind: k, Outcome: o, At: utc(2025, m, 10)}
	}
	acts := []activity.Activity{
		act("ann", activity.KindMeeting, activity.OutcomeHeld, 1), act("ann", activity.KindMeeting, activity.OutcomeHeld, 2),
		act("ann", activity.KindMeeting, activity.OutcomeHeld, 3), act("ann", activity.KindMeeting, activity.OutcomeNoShow, 3),
		act("ann", activity.KindDemo, activity.OutcomeHeld, 2), act("ann", activity.KindDemo, "", 3), act("ann", activity.KindCall, "", 1),
		act("bob", activity.KindMeeting, activity.OutcomeHeld, 2), act("bob", activity.KindMeeting, activity.OutcomeHeld, 5),
	}
	st, err := StatementFor(p, "ann", q1, nil, nil, acts...)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"150.00", "40.00"}, amounts(st.Lines)); d != "" || st.Lines[0].Type != LineActivity || !st.Lines[0].Base.Equal(decimal.NewFromInt(3)) {
		t.Errorf("ann (-want +got):\n%s\n%v", d, st)
	}
	all, err := StatementsForAll(p, q1, nil, nil, acts...)
	if err != nil || len(all) != 2 || all[0].Total.StringFixed(2) != "190.00" || all[1].Rep != "bob" || all[1].Total.StringFixed(2) != "50.00" {
		t.Errorf("StatementsForAll: %v, %v", all, err)
	}
	sts, err := Statements(p, "bob", []activity.Period{q1}, nil, nil, nil, acts...)
	if err != nil || sts[0].Total.StringFixed(2) != "50.00" {
		t.Errorf("Statements: %v, %v", sts, err)
	}
	for _, ar := range []*ActivityRate{{Amount: d("-1")}, {Kinds: []activity.Kind{""}, Amount: d("1")}} {
		if err := plan(Component{Name: "x", Kind: PerActivity, PerActivity: ar}).Validate(); !errors.Is(err, ErrInvalidPlan) {
			t.Errorf("%+v: %v", ar, err)
		}
	}
}
