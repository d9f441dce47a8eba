package activity

import (
	"bytes"
	"encoding/json"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Optional holds a value that may be absent. Absent is not zero: a deal whose
// probability is absent takes its stage's default, while a probability of 0
// says the deal will not close.
//
// The zero Optional is absent. In JSON an absent value is written as null (or
// left out with the omitzero tag) and is read from a missing key, null or "".
// A decimal.Decimal value is written as a JSON string of its exact digits,
// whatever shopspring/decimal's global settings are.
type Optional[T any] struct {
	Value T
	Valid bool
}

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Value: v, Valid: true} }

// Get returns the value and whether it is present.
func (o Optional[T]) Get() (T, bool) { return o.Value, o.Valid }

// Or returns the value if present, else def.
func (o Optional[T]) Or(def T) T {
	if o.Valid {
		return o.Value
	}
	return def
}

// IsZero reports whether o is absent, so that the omitzero JSON tag leaves it
// out.
func (o Optional[T]) IsZero() bool { return !o.Valid }

// MarshalJSON writes null when o is absent, a decimal as a string of its
// digits, and any other value as encoding/json writes it.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if !o.Valid {
		return []byte("null"), nil
	}
	if d, ok := any(o.Value).(decimal.Decimal); ok {
		return dec.AppendJSON(nil, d), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON reads null and "" as absent and anything else as the
// value; a decimal as an amount is read (at most MaxAmountText bytes, an
// error wrapping ErrInvalidAmount otherwise).
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*o = Optional[T]{}
		return nil
	}
	var v T
	if d, ok := any(&v).(*decimal.Decimal); ok {
		x, err := decodeDecimal(b)
		if err != nil {
			return err
		}
		*d = x
	} else if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = Optional[T]{Value: v, Valid: true}
	return nil
}
