package performance

import "github.com/salesmetrics/salesmetrics/activity"

// The built-in outcome and efficiency KPIs, written as Metrics: a host can
// read how each is defined, copy one and change a block, or list them
// beside its own in one report. Each gives the same numbers as the
// dedicated function under that function's default options (the tests
// check it); the dedicated functions stay the faster way, with every
// variant, where one exists.
var (
	won    = StatusIs(activity.StatusWon)
	closed = StatusIs(activity.StatusWon, activity.StatusLost)
)

// WonRevenueMetric is the revenue of the deals won in the period: the sum
// of their amounts (Bookings under its defaults).
func WonRevenueMetric() Metric {
	return Metric{Name: "won revenue", Unit: "currency", Description: "the sum of the amounts of the deals won in the period",
		Value: Measure{Of: DealRecords, Date: DealDateClosed, Where: won, Agg: AggregateSum, Field: FieldAmount}}
}

// DealsWonMetric is the number of deals won in the period.
func DealsWonMetric() Metric {
	return Metric{Name: "deals won", Unit: "deals", Description: "the deals won in the period",
		Value: Measure{Of: DealRecords, Date: DealDateClosed, Where: won}}
}

// WinRateMetric is the share of the deals closed in the period that were
// won, by count (WinRate under its defaults).
func WinRateMetric() Metric {
	all := Measure{Of: DealRecords, Date: DealDateClosed, Where: closed}
	return Metric{Name: "win rate", Unit: "share", Description: "won / (won + lost) of the deals closed in the period",
		Value: all.And(won), Per: &all}
}

// AverageDealSizeMetric is the mean amount of the deals won in the period
// (DealSizeOf's Mean under its defaults).
func AverageDealSizeMetric() Metric {
	return Metric{Name: "average deal size", Unit: "currency", Description: "the mean amount of the deals won in the period",
		Value: Measure{Of: DealRecords, Date: DealDateClosed, Where: won, Agg: AggregateMean, Field: FieldAmount}}
}

// MedianDealSizeMetric is the median amount of the deals won in the period
// (DealSizeOf's Median under its defaults).
func MedianDealSizeMetric() Metric {
	return Metric{Name: "median deal size", Unit: "currency", Description: "the median amount of the deals won in the period",
		Value: Measure{Of: DealRecords, Date: DealDateClosed, Where: won, Agg: AggregateMedian, Field: FieldAmount}}
}

// ActivitiesPerWorkingDayMetric is the activities done in the period per
// working day of cal (activity.Volume's per-day rate).
func ActivitiesPerWorkingDayMetric(cal activity.Calendar) Metric {
	return Metric{Name: "activities per working day", Unit: "activities a day", Description: "the activities done in the period per working day",
		Value: Measure{Of: ActivityRecords}, PerWorkingDay: true, Calendar: cal}
}

// RevenuePerActivityMetric is the revenue won in the period per activity
// done in it (EffortVsResults' RevenuePerActivity).
func RevenuePerActivityMetric() Metric {
	acts := Measure{Of: ActivityRecords}
	return Metric{Name: "revenue per activity", Unit: "currency", Description: "won revenue / activities done in the period",
		Value: WonRevenueMetric().Value, Per: &acts}
}

// ActivitiesPerWonDealMetric is the activities done in the period per deal
// won in it (EffortVsResults' ActivitiesPerWon; ActivitiesPerWonDeal with
// Linking AllActivities).
func ActivitiesPerWonDealMetric() Metric {
	wins := DealsWonMetric().Value
	return Metric{Name: "activities per won deal", Unit: "activities", Description: "activities done / deals won in the period",
		Value: Measure{Of: ActivityRecords}, Per: &wins}
}

// MeetingsPerWonDealMetric is the meetings (of kind meeting, whatever
// their outcome) done in the period per deal won in it.
func MeetingsPerWonDealMetric() Metric {
	wins := DealsWonMetric().Value
	return Metric{Name: "meetings per won deal", Unit: "meetings", Description: "meetings / deals won in the period",
		Value: Measure{Of: ActivityRecords, Where: KindIs(activity.KindMeeting)}, Per: &wins}
}
