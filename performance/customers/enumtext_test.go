package customers

import (
	"testing"

	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// TestEnumText round-trips every value of each closed set through
// MarshalText and UnmarshalText. The names are those String's doc comment
// lists, in value order.
func TestEnumText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		check func(*testing.T)
	}{
		{"CITransform", enumText(LogCI, "log", "log-log", "plain", "plain-unclipped")},
		{"ChurnBase", enumText(StartOnly, "start_only", "start_plus_new", "average_base", "daily_compounding")},
		{"Compounding", enumText(PointToPoint, "point_to_point", "compound_monthly")},
		{"MedianRule", enumText(MedianMidpoint, "midpoint", "below_half", "at_most_half")},
		{"RenewalStatus", enumText(RenewalPending, "pending", "renewed_on_time", "renewed_late", "not_renewed")},
		{"Timing", enumText(ReceivedAtStart, "start_of_period", "end_of_period")},
	} {
		t.Run(tc.name, tc.check)
	}
}

// enumText is fuzzcheck.EnumNames with this package's ErrInvalidOptions.
func enumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](first T, names ...string) func(*testing.T) {
	return fuzzcheck.EnumNames[T, P](ErrInvalidOptions, first, names...)
}
