package activity

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestSpendJSON(t *testing.T) {
	t.Parallel()
	var s Spend
	in := `{"date":"2025-03-01","amount":"1200.50","currency":"USD","category":"marketing","source":"event","campaign":"spring fair","team":"east"}`
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	want := Spend{Date: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Amount: decimal.RequireFromString("1200.50"), Currency: "USD",
		Category: "marketing", Source: SourceEvent, Campaign: "spring fair", Team: "east"}
	if !cmp.Equal(want, s, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })) {
		t.Errorf("decoded %+v", s)
	}
	out, err := json.Marshal(s)
	if err != nil || string(out) != `{"date":"2025-03-01T00:00:00Z","amount":"1200.50","currency":"USD","category":"marketing","source":"event","campaign":"spring fair","team":"east"}` {
		t.Errorf("encoded %s, %v", out, err)
	}
	for _, bad := range []string{`{"date":"2025-03-01","currency":"USD"}`, `{"date":"2025-03-01","amount":"x","currency":"USD"}`, `{"date":"someday","amount":1}`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	if err := json.Unmarshal([]byte(`{"date":"2025-03-01","currency":"USD"}`), &s); !errors.Is(err, ErrMissingField) {
		t.Errorf("missing amount: %v", err)
	}
}

func TestSpendValidate(t *testing.T) {
	t.Parallel()
	ok := Spend{Date: jan1, Amount: decimal.NewFromInt(5), Currency: "USD"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*Spend)
		field string
	}{
		{"no date", func(s *Spend) { s.Date = time.Time{} }, "date"},
		{"year 2300", func(s *Spend) { s.Date = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }, "date"},
		{"negative", func(s *Spend) { s.Amount = decimal.NewFromInt(-1) }, "amount"},
		{"too long", func(s *Spend) { s.Amount = decimal.New(1, 40) }, "amount"},
		{"bad currency", func(s *Spend) { s.Currency = "usd" }, "currency"},
	} {
		s := ok
		c.edit(&s)
		if err := s.Validate(); !hasRecordError(err, "spend", -1, c.field, ErrInvalidSpend) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
