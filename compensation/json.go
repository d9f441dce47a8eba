package compensation

import (
	"encoding/json"
	"fmt"
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
