package activity

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestAccountValidate(t *testing.T) {
	t.Parallel()
	ok := Account{ID: "acme", Potential: Some(decimal.NewFromInt(250000)), Currency: "USD", Workload: Some(decimal.NewFromInt(40)),
		Territories: []AccountTerritory{{From: jan1, Until: jan1.AddDate(0, 6, 0), Territory: "north"}, {From: jan1.AddDate(0, 6, 0), Territory: "east"}}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := []string{ok.TerritoryAt(jan1.AddDate(0, 1, 0)), ok.TerritoryAt(jan1.AddDate(1, 0, 0)), ok.TerritoryAt(jan1.AddDate(-1, 0, 0))}; got[0] != "north" || got[1] != "east" || got[2] != "" {
		t.Errorf("territories %v", got)
	}
	for _, c := range []struct {
		name  string
		edit  func(*Account)
		field string
		want  error
	}{
		{"no id", func(a *Account) { a.ID = "" }, "id", ErrMissingID},
		{"negative potential", func(a *Account) { a.Potential = Some(decimal.NewFromInt(-1)) }, "potential", ErrNegativeAmount},
		{"negative workload", func(a *Account) { a.Workload = Some(decimal.NewFromInt(-1)) }, "workload", ErrNegativeAmount},
		{"no currency", func(a *Account) { a.Currency = "" }, "currency", ErrInvalidCurrency},
		{"no territory", func(a *Account) { a.Territories = []AccountTerritory{{From: jan1}} }, "territories[0]", ErrMissingField},
		{"no start", func(a *Account) { a.Territories = []AccountTerritory{{Territory: "x"}} }, "territories[0]", ErrZeroTime},
		{"backwards", func(a *Account) { a.Territories = []AccountTerritory{{From: jan1, Until: jan1, Territory: "x"}} }, "territories[0]", ErrTimeOrder},
		{"overlap", func(a *Account) { a.Territories[1].From = jan1.AddDate(0, 3, 0) }, "territories[1]", ErrOverlap},
	} {
		a := ok
		a.Territories = append([]AccountTerritory(nil), ok.Territories...)
		c.edit(&a)
		if err := a.Validate(); !hasRecordError(err, "account", -1, c.field, c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestAccountJSON(t *testing.T) {
	t.Parallel()
	var a Account
	in := `{"id":"acme","territory":"north","segment":"enterprise","potential":"250000.50","currency":"USD","workload":12,"owner":"ann",
		"territories":[{"from":"2024-01-01","until":"2024-07-01","territory":"north"}]}`
	if err := json.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	if a.ID != "acme" || !a.Potential.Value.Equal(decimal.RequireFromString("250000.50")) || !a.Workload.Value.Equal(decimal.NewFromInt(12)) ||
		!a.Territories[0].Until.Equal(time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)) || a.Owner != "ann" {
		t.Errorf("decoded %+v", a)
	}
	out, err := json.Marshal(a)
	var back Account
	if err != nil || json.Unmarshal(out, &back) != nil || !back.Potential.Value.Equal(a.Potential.Value) || back.Territories[0].Territory != "north" {
		t.Errorf("round trip %s, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"x","potential":"lots"}`), &a); err == nil {
		t.Error("a potential of lots decoded")
	}
	if err := json.Unmarshal([]byte(`{"id":"x","potential":null}`), &a); err != nil || a.Potential.Valid {
		t.Errorf("null potential: %v, %+v", err, a.Potential)
	}
}

// territoryBook: acme in the north until June 2024, then the east (its
// current territory); globex has no record.
func territoryBook() Records {
	d := func(id, account, territory string, created, closed time.Time) Deal {
		st, stage := StatusOpen, StageDemo
		if !closed.IsZero() {
			st, stage = StatusWon, StageClosedWon
		}
		return Deal{ID: id, Owner: "ann", Account: account, Territory: territory, Amount: decimal.NewFromInt(10), Currency: "USD",
			Stage: stage, Status: st, CreatedAt: created, ClosedAt: closed}
	}
	y := func(m time.Month, dd int) time.Time { return time.Date(2024, m, dd, 0, 0, 0, 0, time.UTC) }
	return Records{
		Deals: []Deal{
			d("D1", "acme", "south", y(1, 10), y(3, 1)),
			d("D2", "acme", "south", y(2, 1), time.Time{}),
			d("D3", "globex", "west", y(2, 1), y(4, 1)),
			d("D4", "acme", "", time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)),
		},
		Accounts: []Account{{ID: "acme", Territory: "east", Territories: []AccountTerritory{
			{From: y(1, 1), Until: y(6, 1), Territory: "north"}, {From: y(6, 1), Territory: "east"}}}},
	}
}

// TestTerritoryRule: by account, D1 (closed 1 March) counts in the north,
// D2 (open, as of 1 July) in the east, D3 (no account record) in its own
// west, D4 (closed in 2023, before the spans) in acme's current east. From
// the deals, each its own.
func TestTerritoryRule(t *testing.T) {
	t.Parallel()
	asOf := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	terr := func(ix *Index) []string {
		var out []string
		for i := range ix.NumDeals() {
			out = append(out, ix.Deal(i).Territory)
		}
		return out
	}
	ix, err := NewIndex(territoryBook(), IndexOptions{Funnel: TypicalB2B(), AsOf: asOf, Territory: TerritoryByAccount})
	if err != nil {
		t.Fatal(err)
	}
	if got := terr(ix); !slices.Equal(got, []string{"north", "east", "west", "east"}) {
		t.Errorf("by account: %v", got)
	}
	r := territoryBook()
	streamed, err := NewIndexFrom(Streams{Deals: slices.Values(r.Deals), Accounts: slices.Values(r.Accounts)},
		IndexOptions{Funnel: TypicalB2B(), AsOf: asOf, Territory: TerritoryByAccount})
	if err != nil {
		t.Fatal(err)
	}
	sameIndex(t, ix, streamed)
	if r, ok := ix.AccountRow("acme"); !ok || r != 0 || len(ix.AccountRecords()) != 1 {
		t.Errorf("account row %d, %v", r, ok)
	}
	north, err := ix.All().Territory("north")
	if err != nil || len(north.DealRows()) != 1 {
		t.Errorf("north: %v, %v", north, err)
	}
	own, err := NewIndex(territoryBook(), IndexOptions{Funnel: TypicalB2B(), AsOf: asOf})
	if err != nil || !slices.Equal(terr(own), []string{"south", "south", "west", ""}) {
		t.Errorf("from the deals: %v, %v", terr(own), err)
	}
	// An update: acme moves to the west from March; a new deal of acme
	// closed in May counts there too.
	moved := territoryBook().Accounts[0]
	moved.Territories = []AccountTerritory{{From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Territory: "north"},
		{From: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Territory: "west"}}
	d5 := territoryBook().Deals[0]
	d5.ID, d5.ClosedAt = "D5", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	if _, err := ix.Update(Records{Accounts: []Account{moved}, Deals: []Deal{d5}}); err != nil {
		t.Fatal(err)
	}
	// D1 closed on 1 March: the west now (the span starts then).
	if got := terr(ix); !slices.Equal(got, []string{"west", "west", "west", "east", "west"}) {
		t.Errorf("after the update: %v", got)
	}
	// Errors: an account twice (both copies), an invalid one; a bad rule.
	bad := territoryBook()
	bad.Accounts = append(bad.Accounts, bad.Accounts[0], Account{ID: "", Potential: Some(decimal.NewFromInt(-1))},
		Account{ID: "A9", Potential: Some(decimal.NewFromInt(-1))}, Account{ID: "A9"}) // an invalid copy, then a valid one
	_, err = NewIndex(bad, IndexOptions{Funnel: TypicalB2B()})
	for _, c := range []struct {
		index int
		field string
		want  error
	}{{0, "id", ErrDuplicateID}, {1, "id", ErrDuplicateID}, {2, "id", ErrMissingID}, {2, "potential", ErrNegativeAmount},
		{3, "potential", ErrNegativeAmount}, {4, "id", ErrDuplicateID}} {
		if !hasRecordError(err, "account", c.index, c.field, c.want) {
			t.Errorf("account %d %s: want %v in %v", c.index, c.field, c.want, err)
		}
	}
	if _, err := NewIndex(territoryBook(), IndexOptions{Territory: 9}); !errors.Is(err, ErrInvalidOptions) || TerritoryRule(9).String() != "TerritoryRule(9)" {
		t.Errorf("rule 9: %v", err)
	}
	if _, err := ix.Update(Records{Accounts: []Account{{ID: "x"}, {ID: "x"}}}); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("an account twice in a batch: %v", err)
	}
}
