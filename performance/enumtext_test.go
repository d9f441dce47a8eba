package performance

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
		{"Aggregation", enumText(AggregateCount, "count", "sum", "mean", "median")},
		{"Attribution", enumText(AttributeToActivityRep, "activity_rep", "deal_owner")},
		{"BookingsBasis", enumText(BookingsAmount, "amount", "acv", "tcv")},
		{"Cohort", enumText(ClosedInPeriod, "closed_in_period", "created_in_period")},
		{"CoverageBasis", enumText(CoverQuota, "quota", "remaining")},
		{"CycleSelection", enumText(CycleWon, "won", "closed")},
		{"DayCount", enumText(ElapsedDays, "elapsed", "calendar")},
		{"DealDate", enumText(DealDateCreated, "created", "closed", "expected_close")},
		{"Field", enumText(FieldNone, "", "amount", "acv", "tcv", "cost", "duration_seconds")}, // FieldNone writes nothing
		{"FunnelCohort", enumText(FunnelCreatedInPeriod, "created_in_period", "closed_in_period")},
		{"Linking", enumText(AllActivities, "all", "linked")},
		{"OpportunitySelection", enumText(OpportunitiesOpenNow, "open_now", "created_in_period")},
		{"PipelineSelection", enumText(ExpectedInPeriod, "expected_in_period", "all_open")},
		{"QuotaLevel", enumText(RepQuotas, "rep", "team")},
		{"RateBasis", enumText(CountBasis, "count", "value")},
		{"Reach", enumText(ReachedOrLater, "reached_or_later", "reached_at_any_time", "passed_in_order", "first_entry_in_order")},
		{"RecordKind", enumText(DealRecords, "deals", "activities")}, // the zero value is out of the set
		{"SizeSelection", enumText(SizeWon, "won", "closed", "open_and_won")},
	} {
		t.Run(tc.name, tc.check)
	}
}

// enumText is fuzzcheck.EnumNames with this package's ErrInvalidOptions.
func enumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](first T, names ...string) func(*testing.T) {
	return fuzzcheck.EnumNames[T, P](ErrInvalidOptions, first, names...)
}
