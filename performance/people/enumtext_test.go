package people

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
		{"OutcomeMeasure", enumText(OutcomeWonAmount, "won_amount", "won_deals")},
		{"Quadrant", enumText(BusyWinning, "busy_winning", "busy_not_converting", "efficient", "low_on_both")}, // the zero value is out of the set
		{"RampMilestone", enumText(RampFirstDeal, "first_deal", "quota_share")},
		{"RankMethod", enumText(RankCompetition, "competition", "dense", "ordinal")},
	} {
		t.Run(tc.name, tc.check)
	}
}

// enumText is fuzzcheck.EnumNames with this package's ErrInvalidOptions.
func enumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](first T, names ...string) func(*testing.T) {
	return fuzzcheck.EnumNames[T, P](ErrInvalidOptions, first, names...)
}
