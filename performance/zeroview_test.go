package performance

import (
	"errors"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestZeroView: every KPI over a view returns activity.ErrZeroView for the
// zero View instead of panicking (the README's pattern of ignoring View's
// error used to produce one).
func TestZeroView(t *testing.T) {
	t.Parallel()
	var v activity.View
	q := activity.Period{Start: date(2025, 1, 1), End: date(2025, 4, 1)}
	by := activity.ByRep()
	m := WonRevenueMetric()
	for name, err := range map[string]error{
		"WinRate":                second(WinRate(v, q, WinRateOptions{})),
		"WinRateBy":              second(WinRateBy(v, q, by, WinRateOptions{})),
		"DealSizeOf":             second(DealSizeOf(v, q, DealSizeOptions{})),
		"DealSizeBy":             second(DealSizeBy(v, q, by, DealSizeOptions{})),
		"SalesCycle":             second(SalesCycle(v, q, CycleOptions{})),
		"SalesCycleBy":           second(SalesCycleBy(v, q, by, CycleOptions{})),
		"SalesVelocity":          second(SalesVelocity(v, q, VelocityOptions{})),
		"SalesVelocityBy":        second(SalesVelocityBy(v, q, by, VelocityOptions{})),
		"OpenPipeline":           second(OpenPipeline(v, q, PipelineOptions{})),
		"OpenPipelineBy":         second(OpenPipelineBy(v, q, by, PipelineOptions{})),
		"FunnelOf":               second(FunnelOf(v, q, FunnelOptions{})),
		"FunnelBy":               second(FunnelBy(v, q, by, FunnelOptions{})),
		"CloseRate":              second(CloseRate(v, q, activity.StageDemo, activity.StageClosedWon, CloseRateOptions{})),
		"Bookings":               second(Bookings(v, q, BookingsOptions{})),
		"BookingsBy":             second(BookingsBy(v, q, by, BookingsOptions{})),
		"BookingsSeries":         second(BookingsSeries(v, activity.Calendar{}, activity.Monthly, q.Start, q.End, BookingsOptions{})),
		"RevenuePerAccount":      second(RevenuePerAccount(v, q, BookingsOptions{})),
		"GrossMargin":            second(GrossMargin(v, q, MarginOptions{})),
		"Attainment":             second(Attainment(v, q, AttainmentOptions{})),
		"AttainmentToDate":       second(AttainmentToDate(v, q, q.Start, AttainmentOptions{})),
		"AtQuota":                second(AtQuota(v, q, AttainmentOptions{})),
		"Coverage":               second(Coverage(v, q, CoverageOptions{})),
		"ActivitiesPerWonDeal":   second(ActivitiesPerWonDeal(v, q, EffortOptions{})),
		"ActivitiesPerWonDealBy": second(ActivitiesPerWonDealBy(v, q, by, EffortOptions{})),
		"CallsPerMeeting":        second(CallsPerMeeting(v, q, EffortOptions{})),
		"MeetingsPerOpportunity": second(MeetingsPerOpportunity(v, q, EffortOptions{})),
		"MetricOf":               second(MetricOf(v, q, m)),
		"MetricBy":               second(MetricBy(v, q, by, m)),
	} {
		if !errors.Is(err, activity.ErrZeroView) {
			t.Errorf("%s(zero View) = %v, want activity.ErrZeroView", name, err)
		}
	}
}

// TestPeriodsBeyondNanoseconds: a period reaching before 1678 or after 2262,
// which int64 nanoseconds cannot hold, still holds every record (the index
// holds 1900 to 2199): metricBook's four wins of Q1 2025 and two losses are
// all in [1900, 2300) and in [1000, 3000).
func TestPeriodsBeyondNanoseconds(t *testing.T) {
	t.Parallel()
	_, ix := metricBook(t)
	for _, p := range []activity.Period{
		{Start: date(1900, 1, 1), End: date(2300, 1, 1)},
		{Start: date(1000, 1, 1), End: date(3000, 1, 1)},
	} {
		w, err := WinRate(ix.All(), p, WinRateOptions{})
		if err != nil || w.Won != 4 || w.Lost != 2 {
			t.Errorf("WinRate(%v) = %v, %v; want 4 won of 6", p, w, err)
		}
		vol, err := activity.ActivityVolume(ix.All(), p, activity.VolumeOptions{})
		if err != nil || vol.Total != 10 {
			t.Errorf("ActivityVolume(%v) = %v, %v; want all 10", p, vol.Total, err)
		}
	}
}

// TestTooManyPeriods: a breakdown by day over three centuries (over
// 100,000 days) is an error, not gigabytes of empty groups.
func TestTooManyPeriods(t *testing.T) {
	t.Parallel()
	_, ix := metricBook(t)
	p := activity.Period{Start: date(1900, 1, 1), End: date(2200, 1, 1)}
	daily := activity.ByPeriod(activity.Calendar{}, activity.Daily)
	for name, err := range map[string]error{
		"WinRateBy":        second(WinRateBy(ix.All(), p, daily, WinRateOptions{})),
		"BookingsBy":       second(BookingsBy(ix.All(), p, daily, BookingsOptions{})),
		"MetricBy":         second(MetricBy(ix.All(), p, daily, WonRevenueMetric())),
		"ActivityVolumeBy": second(activity.ActivityVolumeBy(ix.All(), p, daily, activity.VolumeOptions{})),
	} {
		if !errors.Is(err, activity.ErrTooManyPeriods) {
			t.Errorf("%s by day over 300 years: %v, want activity.ErrTooManyPeriods", name, err)
		}
	}
	// By month over the same span is fine: 3,600 periods.
	if gs, err := WinRateBy(ix.All(), p, activity.ByPeriod(activity.Calendar{}, activity.Monthly), WinRateOptions{}); err != nil || len(gs) != 3600 {
		t.Errorf("by month: %d groups, %v", len(gs), err)
	}
}
