package customers

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// jsonTime decodes a time field of a record in place with
// activity.DecodeTime: RFC 3339, a date, epoch milliseconds or null.
type jsonTime struct{ t *time.Time }

func (j jsonTime) UnmarshalJSON(b []byte) error {
	t, err := activity.DecodeTime(b)
	if err != nil {
		return err
	}
	*j.t = t
	return nil
}

// decodeAmount reads a record's required amount into *d (see
// activity.DecodeAmount), naming the field in its error.
func decodeAmount(d *decimal.Decimal, raw []byte) error {
	v, err := activity.DecodeAmount(raw)
	if err != nil {
		return fmt.Errorf("amount: %w", err)
	}
	*d = v
	return nil
}
