package activity

import (
	"encoding/json"
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
