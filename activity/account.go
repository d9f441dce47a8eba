package activity

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Account is a customer or prospect company: where it sits (territory,
// segment, industry, region), what it may buy (Potential, money) and what
// it takes to work (Workload, in the host's unit: hours a quarter, points),
// and who owns it now. Territories, when given, is its territory over time
// (effective-dated, as the roster's assignments); Territory is the current
// one.
type Account struct {
	ID        string                    `json:"id"`
	Name      string                    `json:"name,omitempty"`
	Territory string                    `json:"territory,omitempty"`
	Segment   string                    `json:"segment,omitempty"`
	Industry  string                    `json:"industry,omitempty"`
	Region    string                    `json:"region,omitempty"`
	Potential Optional[decimal.Decimal] `json:"potential,omitzero"`
	Currency  Currency                  `json:"currency,omitempty"`
	Workload  Optional[decimal.Decimal] `json:"workload,omitzero"`
	// Owner is the rep who owns the account now: an existing
	// relationship a territory design may keep.
	Owner       string             `json:"owner,omitempty"`
	Territories []AccountTerritory `json:"territories,omitempty"`
	Attributes  map[string]string  `json:"attributes,omitempty"`
}

// AccountTerritory is an account's territory over [From, Until); a zero
// Until is open-ended.
type AccountTerritory struct {
	From      time.Time `json:"from"`
	Until     time.Time `json:"until,omitzero"`
	Territory string    `json:"territory"`
}

// MarshalJSON writes the account with its potential and workload as
// strings of exact digits.
func (a Account) MarshalJSON() ([]byte, error) { type plain Account; return dec.Marshal(plain(a)) }

// UnmarshalJSON reads an account, with its potential and workload as JSON
// numbers or strings of digits and the territories' times in any form
// ParseTime reads.
func (a *Account) UnmarshalJSON(b []byte) error {
	type plain Account
	aux := struct {
		*plain
		Potential json.RawMessage `json:"potential"`
		Workload  json.RawMessage `json:"workload"`
	}{plain: (*plain)(a)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		to   *Optional[decimal.Decimal]
	}{{"potential", aux.Potential, &a.Potential}, {"workload", aux.Workload, &a.Workload}} {
		*f.to = Optional[decimal.Decimal]{}
		if absentJSON(f.raw) {
			continue
		}
		v, err := DecodeAmount(f.raw)
		if err != nil {
			return &fieldError{f.name, err}
		}
		*f.to = Some(v)
	}
	return nil
}

// UnmarshalJSON reads a territory span with its times in any form
// ParseTime reads.
func (t *AccountTerritory) UnmarshalJSON(b []byte) error {
	type plain AccountTerritory
	aux := struct {
		*plain
		From  jsonTime `json:"from"`
		Until jsonTime `json:"until"`
	}{(*plain)(t), jsonTime{&t.From}, jsonTime{&t.Until}}
	return json.Unmarshal(b, &aux)
}

// Validate reports every problem with a, as RecordErrors joined: an empty
// id, a negative potential or workload (or one past the amount limits), a
// potential without a valid currency, territory spans with a zero start,
// an end not after the start, overlaps (in the order given), or an empty
// territory.
func (a Account) Validate() error {
	p := problems{record: "account", index: -1, id: a.ID}
	a.check(&p)
	return p.err()
}

func (a *Account) check(p *problems) {
	if a.ID == "" {
		p.add("id", ErrMissingID)
	}
	checkNonNegative(p, "potential", a.Potential)
	checkNonNegative(p, "workload", a.Workload)
	if a.Potential.Valid {
		if err := a.Currency.Validate(); err != nil {
			p.add("currency", err)
		}
	}
	for i, t := range a.Territories {
		field := fmt.Sprintf("territories[%d]", i)
		switch {
		case t.Territory == "":
			p.add(field, fmt.Errorf("%w: no territory", ErrMissingField))
		case t.From.IsZero():
			p.add(field, fmt.Errorf("%w: no start", ErrZeroTime))
		case !t.Until.IsZero() && !t.Until.After(t.From):
			p.add(field, fmt.Errorf("%w: ends %s, not after its start %s", ErrTimeOrder, timeText(t.Until), timeText(t.From)))
		case i > 0 && (a.Territories[i-1].Until.IsZero() || t.From.Before(a.Territories[i-1].Until)):
			p.add(field, fmt.Errorf("%w: starts %s, before the span before it ends", ErrOverlap, timeText(t.From)))
		}
		checkTimeRange(p, field, t.From)
		checkTimeRange(p, field, t.Until)
	}
}

// TerritoryAt returns the account's territory at t: the span of
// Territories holding t, else (none given, or t outside them) Territory.
func (a Account) TerritoryAt(t time.Time) string {
	for _, s := range a.Territories {
		if !t.Before(s.From) && (s.Until.IsZero() || t.Before(s.Until)) {
			return s.Territory
		}
	}
	return a.Territory
}
