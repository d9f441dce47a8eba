package forecast

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// decodeTime reads a record's time field held raw: any form
// activity.DecodeTime reads, and the zero time where the field is absent.
// what names the field in the error ("transaction at").
func decodeTime(raw json.RawMessage, what string) (time.Time, error) {
	if len(raw) == 0 {
		return time.Time{}, nil
	}
	t, err := activity.DecodeTime(raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("forecast: %s: %w", what, err)
	}
	return t, nil
}

// The results below hold exact decimals. Their JSON writes each decimal as a
// string of its digits, whatever shopspring/decimal's global settings are.

// MarshalJSON writes r with its decimals as strings.
func (r Projection) MarshalJSON() ([]byte, error) {
	type plain Projection
	return dec.Marshal(plain(r))
}

// MarshalJSON writes m with its decimals as strings.
func (m MonthCapacity) MarshalJSON() ([]byte, error) {
	type plain MonthCapacity
	return dec.Marshal(plain(m))
}

// MarshalJSON writes c with its decimals as strings.
func (c TeamCapacity) MarshalJSON() ([]byte, error) {
	type plain TeamCapacity
	return dec.Marshal(plain(c))
}

// MarshalJSON writes h with its decimals as strings.
func (h Hiring) MarshalJSON() ([]byte, error) { type plain Hiring; return dec.Marshal(plain(h)) }
