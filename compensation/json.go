package compensation

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// The records of crediting and billing read their amount as required
// (activity.DecodeAmount: absent is not zero) and their time in any form
// activity.DecodeTime reads.

// UnmarshalJSON reads an invoice (see above).
func (i *Invoice) UnmarshalJSON(b []byte) error {
	type plain Invoice
	aux := struct {
		*plain
		Amount json.RawMessage `json:"amount"`
		At     json.RawMessage `json:"at"`
	}{plain: (*plain)(i)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	return decodeAmountAt("invoice", aux.Amount, aux.At, &i.Amount, &i.At)
}

// UnmarshalJSON reads a payment (see above).
func (p *Payment) UnmarshalJSON(b []byte) error {
	type plain Payment
	aux := struct {
		*plain
		Amount json.RawMessage `json:"amount"`
		At     json.RawMessage `json:"at"`
	}{plain: (*plain)(p)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	return decodeAmountAt("payment", aux.Amount, aux.At, &p.Amount, &p.At)
}

// UnmarshalJSON reads a credit note (see above).
func (n *CreditNote) UnmarshalJSON(b []byte) error {
	type plain CreditNote
	aux := struct {
		*plain
		Amount json.RawMessage `json:"amount"`
		At     json.RawMessage `json:"at"`
	}{plain: (*plain)(n)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	return decodeAmountAt("credit note", aux.Amount, aux.At, &n.Amount, &n.At)
}

// UnmarshalJSON reads a credit (see above).
func (c *Credit) UnmarshalJSON(b []byte) error {
	type plain Credit
	aux := struct {
		*plain
		Amount json.RawMessage `json:"amount"`
		At     json.RawMessage `json:"at"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	return decodeAmountAt("credit", aux.Amount, aux.At, &c.Amount, &c.At)
}

// decodeAmountAt reads a record's required amount and its time.
func decodeAmountAt(record string, rawAmount, rawAt []byte, amount *decimal.Decimal, at *time.Time) error {
	v, err := activity.DecodeAmount(rawAmount)
	if err != nil {
		return fmt.Errorf("%s amount: %w", record, err)
	}
	*amount = v
	if rawAt == nil {
		return nil
	}
	t, err := activity.DecodeTime(rawAt)
	if err != nil {
		return fmt.Errorf("%s at: %w", record, err)
	}
	*at = t
	return nil
}

// The host's plain inputs read their numbers through activity.DecodeAmount
// too, so that a number of megabytes is refused before it is parsed (see
// activity.MaxAmountText) rather than parsed for seconds.

// UnmarshalJSON reads a weight; the weight is required (0 for none).
func (w *Weight) UnmarshalJSON(b []byte) error {
	type plain Weight
	aux := struct {
		*plain
		Weight json.RawMessage `json:"weight"`
	}{plain: (*plain)(w)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	v, err := activity.DecodeAmount(aux.Weight)
	if err != nil {
		return fmt.Errorf("weight of rep %q: %w", w.Rep, err)
	}
	w.Weight = v
	return nil
}

// UnmarshalJSON reads a split; the share is required.
func (s *Split) UnmarshalJSON(b []byte) error {
	type plain Split
	aux := struct {
		*plain
		Share json.RawMessage `json:"share"`
	}{plain: (*plain)(s)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	v, err := activity.DecodeAmount(aux.Share)
	if err != nil {
		return fmt.Errorf("split of deal %q to %q share: %w", s.Deal, s.Rep, err)
	}
	s.Share = v
	return nil
}

// UnmarshalJSON reads a cancellation, its time in any form
// activity.DecodeTime reads; an absent, null or "" share is zero (all).
func (c *Cancellation) UnmarshalJSON(b []byte) error {
	type plain Cancellation
	aux := struct {
		*plain
		At    json.RawMessage `json:"at"`
		Share json.RawMessage `json:"share"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.Share = decimal.Decimal{}
	if s := strings.TrimSpace(string(aux.Share)); s != "" && s != "null" && s != `""` {
		v, err := activity.DecodeAmount(aux.Share)
		if err != nil {
			return fmt.Errorf("cancellation of credit %q share: %w", c.Credit, err)
		}
		c.Share = v
	}
	c.At = time.Time{}
	if aux.At != nil {
		t, err := activity.DecodeTime(aux.At)
		if err != nil {
			return fmt.Errorf("cancellation of credit %q at: %w", c.Credit, err)
		}
		c.At = t
	}
	return nil
}
