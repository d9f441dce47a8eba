package performance

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// timeZero is an instant any calendar can place, for checking settings.
var timeZero = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// fromNanos turns a time column's value back into a time in like's zone.
func fromNanos(n int64, like time.Time) time.Time {
	if n == ixcols.NoTime {
		return time.Time{}
	}
	return time.Unix(0, n).In(like.Location())
}

// span is a period as Unix nanoseconds [lo, hi), for the column loops.
type span struct{ lo, hi int64 }

func spanOf(p activity.Period) span {
	return span{ixcols.Nanos(p.Start), ixcols.Nanos(p.End)}
}

func (s span) has(t int64) bool { return t >= s.lo && t < s.hi }

// holds reports whether every time of a column with bounds b is in s.
func (s span) holds(b ixcols.Bounds) bool { return b.Within(s.lo, s.hi) }

// checkPeriod reports an invalid period (wrapping activity.ErrInvalidPeriod).
func checkPeriod(p activity.Period) error { return p.Validate() }

const nanosPerDay = 86400 * int64(time.Second)

func decimalOf(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
