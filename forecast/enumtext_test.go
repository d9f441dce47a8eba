package forecast

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
		{"DayBasis", enumText(ElapsedTime, "elapsed_time", "working_days")},
		{"MovementCategory", enumText(MovementStart, "start", "new", "pulled_in", "increased", "decreased", "won", "lost", "pushed_out", "removed", "end")},
		{"MovementGrouping", enumText(MovementUngrouped, "none", "rep", "team")},
		{"MovementReason", enumText(ReasonNone, "", "created_since", "not_in_before", "from_later", "from_earlier", "from_undated", "reopened", "to_later", "to_earlier", "to_undated", "not_in_after", "not_yet_created")}, // MarshalText writes ReasonNone as nothing
	} {
		t.Run(tc.name, tc.check)
	}
}

// enumText is fuzzcheck.EnumNames with this package's ErrInvalidOptions.
func enumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](first T, names ...string) func(*testing.T) {
	return fuzzcheck.EnumNames[T, P](ErrInvalidOptions, first, names...)
}
