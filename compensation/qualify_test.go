package compensation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestPredicateMatch(t *testing.T) {
	t.Parallel()
	partner := activity.Deal{ID: "D1", Owner: "ann", Source: "partner", Segment: "enterprise", Amount: d("12000"), Currency: "USD",
		Status: activity.StatusWon, ClosedAt: utc(2025, 2, 10), ACV: activity.Some(d("10000")), Attributes: map[string]string{"region": "emea"},
		ForecastCategory: activity.ForecastCommit}
	direct := activity.Deal{ID: "D2", Owner: "bob", Source: "direct", Segment: "smb", Amount: d("3000"), Currency: "USD",
		Status: activity.StatusWon, ClosedAt: utc(2025, 3, 20)}
	leaf := func(field string, op Op, value string) Predicate {
		return Predicate{Field: field, Op: op, Value: value}
	}
	for _, tc := range []struct {
		name           string
		p              Predicate
		partner, other bool
	}{
		{"source eq", leaf("source", OpEq, "partner"), true, false},
		{"source ne", leaf("source", OpNe, "partner"), false, true},
		{"segment in", Predicate{Field: "segment", Op: OpIn, Values: []string{"enterprise", "mid"}}, true, false},
		{"segment not in", Predicate{Field: "segment", Op: OpNotIn, Values: []string{"enterprise", "mid"}}, false, true},
		{"amount >= 5000", leaf("amount", OpGte, "5000"), true, false},
		{"amount < 3000.00 (3000 is not below)", leaf("amount", OpLt, "3000.00"), false, false},
		{"amount = 3000.00 (decimal equality)", leaf("amount", OpEq, "3000.00"), false, true},
		{"closed in February", Predicate{All: []Predicate{leaf("closed_at", OpGte, "2025-02-01"), leaf("closed_at", OpLt, "2025-03-01")}}, true, false},
		{"acv exists", Predicate{Field: "acv", Op: OpExists}, true, false},
		{"acv > 0 (absent is false)", leaf("acv", OpGt, "0"), true, false},
		{"acv not_exists", Predicate{Field: "acv", Op: OpNotExists}, false, true},
		{"attribute", leaf("attributes.region", OpEq, "emea"), true, false},
		{"attribute absent, ne is true", leaf("attributes.region", OpNe, "emea"), false, true},
		{"owner prefix", leaf("owner", OpPrefix, "a"), true, false},
		{"any", Predicate{Any: []Predicate{leaf("source", OpEq, "partner"), leaf("amount", OpLte, "3000")}}, true, true},
		{"not", Predicate{Not: &Predicate{Field: "source", Op: OpEq, Value: "partner"}}, false, true},
		{"status", leaf("status", OpEq, "won"), true, true},
		// D2 has no forecast category: "none" is its absence, not a value.
		{"forecast category exists", Predicate{Field: "forecast_category", Op: OpExists}, true, false},
		{"forecast category none is no value", leaf("forecast_category", OpEq, "none"), false, false},
		{"forecast category commit", leaf("forecast_category", OpEq, "commit"), true, false},
	} {
		for _, x := range []struct {
			d    activity.Deal
			want bool
		}{{partner, tc.partner}, {direct, tc.other}} {
			got, err := tc.p.Match(x.d)
			if err != nil || got != x.want {
				t.Errorf("%s: Match(%s) = %v, %v; want %v", tc.name, x.d.ID, got, err, x.want)
			}
		}
	}
}

func TestPredicateValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		p    Predicate
		path string
	}{
		{"unknown field", Predicate{Field: "colour", Op: OpEq, Value: "red"}, "field"},
		{"unknown op", Predicate{Field: "source", Op: "like", Value: "p"}, "op"},
		{"gt on text", Predicate{Field: "source", Op: OpGt, Value: "p"}, "op"},
		{"prefix on amount", Predicate{Field: "amount", Op: OpPrefix, Value: "1"}, "op"},
		{"bad decimal", Predicate{Field: "amount", Op: OpGt, Value: "lots"}, "value"},
		{"bad time", Predicate{Field: "closed_at", Op: OpGt, Value: "soon"}, "value"},
		{"exists with a value", Predicate{Field: "acv", Op: OpExists, Value: "1"}, "value"},
		{"in without values", Predicate{Field: "source", Op: OpIn}, "values"},
		{"eq with values", Predicate{Field: "source", Op: OpEq, Values: []string{"a"}}, "values"},
		{"empty all", Predicate{All: []Predicate{}}, "all"},
		{"nothing", Predicate{}, ""},
		{"leaf and group", Predicate{Field: "source", Op: OpEq, Value: "x", Any: []Predicate{{Field: "source", Op: OpEq, Value: "y"}}}, ""},
		{"nested path", Predicate{All: []Predicate{{Field: "source", Op: OpEq, Value: "x"}, {Any: []Predicate{{Field: "nope", Op: OpEq}}}}}, "all[1].any[0].field"},
		{"empty attribute key", Predicate{Field: "attributes.", Op: OpEq, Value: "x"}, "field"},
	} {
		err := tc.p.Validate()
		if !errors.Is(err, ErrInvalidPredicate) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%s: Validate = %v, want ErrInvalidPredicate at %q", tc.name, err, tc.path)
		}
		if _, err := tc.p.Match(activity.Deal{}); !errors.Is(err, ErrInvalidPredicate) {
			t.Errorf("%s: Match = %v, want ErrInvalidPredicate", tc.name, err)
		}
	}
	deep := Predicate{Field: "source", Op: OpEq, Value: "x"}
	for range maxPredicateDepth + 2 {
		inner := deep // a new variable each time: a chain, not a cycle
		deep = Predicate{Not: &inner}
	}
	if err := deep.Validate(); !errors.Is(err, ErrInvalidPredicate) {
		t.Errorf("too deep: %v", err)
	}
}

func TestPredicateJSONAndString(t *testing.T) {
	t.Parallel()
	in := `{"all":[{"field":"source","op":"eq","value":"partner"},{"any":[{"field":"amount","op":"gte","value":"5000"},{"field":"segment","op":"in","values":["enterprise","mid"]}]}]}`
	var p Predicate
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(p)
	if err != nil || string(out) != in {
		t.Errorf("round trip:\n%s\n%s (%v)", in, out, err)
	}
	if want := `source = "partner" and (amount >= 5000 or segment in ["enterprise", "mid"])`; p.String() != want {
		t.Errorf("String = %s, want %s", p.String(), want)
	}
	if err := json.Unmarshal([]byte(`{"field":"source","op":"eq","valeu":"x"}`), &p); !errors.Is(err, ErrInvalidPredicate) {
		t.Errorf("unknown key: %v", err)
	}
}

func TestQualifiedComponent(t *testing.T) {
	t.Parallel()
	// A partner SPIF: 250 for each partner-sourced credit of 5,000 or more.
	spif := Component{Name: "partner", Kind: SPIF, Spiff: &Spiff{Amount: d("250"), From: utc(2025, 1, 1), Until: utc(2025, 4, 1)},
		Qualify: &Predicate{All: []Predicate{{Field: "source", Op: OpEq, Value: "partner"}, {Field: "amount", Op: OpGte, Value: "5000"}}}}
	mk := func(id, source, amount string) Credit {
		c := credit(id, amount, 5)
		c.Deal.Source = activity.Source(source)
		return c
	}
	st, err := StatementFor(plan(spif), "ann", q1, []Credit{mk("a", "partner", "6000"), mk("b", "partner", "4000"), mk("c", "direct", "9000")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.StringFixed(2) != "250.00" || len(st.Lines) != 1 || st.Lines[0].Credit != "a" {
		t.Errorf("qualified SPIF = %v", st)
	}
	bad := plan(Component{Name: "c", Kind: Commission, Table: eclipseTable(Marginal), Qualify: &Predicate{Field: "nope", Op: OpEq}})
	if err := bad.Validate(); !errors.Is(err, ErrInvalidPlan) || !strings.Contains(err.Error(), "components[0].qualify") {
		t.Errorf("plan with a bad predicate: %v", err)
	}
}

// TestCreditPredicates: one plan pays roles differently. Commission at 10%
// for primary credits, 2% for overlay ones, and a 100 SPIF for each SDR
// credit of at least half a deal. On a 20,000 deal: ann primary (20,000 ×
// 10% = 2,000), bob overlay (20,000 × 2% = 400), cat SDR at a 0.5 share
// (10,000 credited: 100) and dan SDR at 0.25 (5,000: no SPIF, nothing).
func TestCreditPredicates(t *testing.T) {
	t.Parallel()
	table := func(rate string) *RateTable { return &RateTable{Tiers: []Tier{{From: d("0"), Rate: some(rate)}}} }
	p := plan(
		Component{Name: "primary", Kind: Commission, Table: table("0.10"), Qualify: &Predicate{Field: "credit.role", Op: OpEq, Value: "primary"}},
		Component{Name: "overlay", Kind: Commission, Table: table("0.02"), Qualify: &Predicate{Field: "credit.role", Op: OpEq, Value: "overlay"}},
		Component{Name: "sdr", Kind: SPIF, Spiff: &Spiff{Amount: d("100"), From: utc(2025, 1, 1), Until: utc(2025, 4, 1)},
			Qualify: &Predicate{All: []Predicate{{Field: "credit.role", Op: OpEq, Value: "sdr"}, {Field: "credit.share", Op: OpGte, Value: "0.5"}}}},
	)
	deal := activity.Deal{ID: "D-1", Owner: "ann", Amount: d("20000"), Currency: "USD"}
	mk := func(rep string, role Role, share, amount string) Credit {
		return Credit{ID: "D-1/" + rep, Rep: rep, Amount: d(amount), Currency: "USD", At: utc(2025, 2, 1), Deal: deal, Role: role, Share: d(share)}
	}
	credits := []Credit{mk("ann", RolePrimary, "1", "20000"), mk("bob", RoleOverlay, "1", "20000"), mk("cat", "sdr", "0.5", "10000"), mk("dan", "sdr", "0.25", "5000")}
	want := map[string]string{"ann": "2000.00", "bob": "400.00", "cat": "100.00", "dan": "0.00"}
	for _, c := range credits {
		st, err := StatementFor(p, c.Rep, q1, []Credit{c}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Total.StringFixed(2) != want[c.Rep] {
			t.Errorf("%s: %s, want %s\n%v", c.Rep, st.Total, want[c.Rep], st)
		}
	}
	// MatchCredit sees the credit's fields; Match, a deal alone, does not.
	role := Predicate{Field: "credit.role", Op: OpEq, Value: "overlay"}
	if ok, err := role.MatchCredit(credits[1]); !ok || err != nil {
		t.Errorf("MatchCredit(overlay) = %v, %v", ok, err)
	}
	if ok, err := role.Match(deal); ok || err != nil {
		t.Errorf("Match(deal) on a credit field = %v, %v", ok, err)
	}
	if ok, _ := (Predicate{Field: "credit.amount", Op: OpLt, Value: "10000"}).MatchCredit(credits[3]); !ok {
		t.Error("credit.amount 5,000 < 10,000 is false")
	}
	if _, err := (Predicate{Field: "credit.share", Op: OpGte, Value: "half"}).MatchCredit(credits[0]); !errors.Is(err, ErrInvalidPredicate) {
		t.Errorf("a share compared with text: %v", err)
	}
}
