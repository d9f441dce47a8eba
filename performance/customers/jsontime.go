package customers

import (
	"time"

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
