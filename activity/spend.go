package activity

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Spend is money spent on winning customers (sales and marketing) on a
// date: a month's spend is one record dated in that month. Source,
// Campaign and Team, where the host tracks them, say what it was spent on,
// so that cost per lead and per won deal can be had by source, campaign
// and team (performance.LeadOptions.Spend), customer acquisition cost by
// category (performance/customers.CAC) and budgets against it.
type Spend struct {
	Date     time.Time       `json:"date"`
	Amount   decimal.Decimal `json:"amount"`
	Currency Currency        `json:"currency"`
	// Category is "sales", "marketing" or the host's own ("events",
	// "paid search").
	Category string `json:"category,omitempty"`
	// Source is the lead source the money bought (a Lead's or a Deal's
	// Source: "event", "paid search"); "" for spend on no one source.
	Source Source `json:"source,omitempty"`
	// Campaign is the campaign within the source, Team the team that
	// spent it.
	Campaign string `json:"campaign,omitempty"`
	Team     string `json:"team,omitempty"`
}

// UnmarshalJSON reads a spend record, with its date in any form ParseTime
// reads and its amount as a JSON number or a string of digits. A missing
// amount is an error wrapping ErrMissingField, as absent is not zero.
func (s *Spend) UnmarshalJSON(b []byte) error {
	type plain Spend
	aux := struct {
		*plain
		Date   jsonTime        `json:"date"`
		Amount json.RawMessage `json:"amount"`
	}{plain: (*plain)(s), Date: jsonTime{&s.Date}}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	v, err := DecodeAmount(aux.Amount)
	if err != nil {
		return &fieldError{"amount", err}
	}
	s.Amount = v
	return nil
}

// MarshalJSON writes s with its amount as a string of its digits.
func (s Spend) MarshalJSON() ([]byte, error) { type plain Spend; return dec.Marshal(plain(s)) }

// Validate reports every problem with s, as *RecordError values joined,
// each wrapping ErrInvalidSpend: a zero date or one outside the years 1900
// to 2199, a negative amount or one past the amount limits, an invalid
// currency.
func (s Spend) Validate() error {
	p := problems{record: "spend", index: -1}
	s.check(&p)
	return p.err()
}

func (s *Spend) check(p *problems) {
	switch {
	case s.Date.IsZero():
		p.add("date", fmt.Errorf("%w: no date", ErrInvalidSpend))
	case s.Date.Year() < 1900 || s.Date.Year() >= 2200:
		p.add("date", fmt.Errorf("%w: year %d outside 1900..2199", ErrInvalidSpend, s.Date.Year()))
	}
	switch {
	case s.Amount.IsNegative():
		p.add("amount", fmt.Errorf("%w: negative amount %s", ErrInvalidSpend, s.Amount))
	case dec.IntDigits(s.Amount) > MaxAmountDigits || dec.Places(s.Amount) > MaxAmountPlaces:
		p.add("amount", fmt.Errorf("%w: %w: more than %d digits before the point or %d after", ErrInvalidSpend, ErrInvalidAmount, MaxAmountDigits, MaxAmountPlaces))
	}
	if err := s.Currency.Validate(); err != nil {
		p.add("currency", fmt.Errorf("%w: %w", ErrInvalidSpend, err))
	}
}
