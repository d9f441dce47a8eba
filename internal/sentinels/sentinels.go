// Package sentinels lists the exported sentinel errors of activity and
// performance, for the fuzz targets of the packages built on them, which
// check that every error an entry point returns wraps an exported sentinel.
package sentinels

import (
	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// Activity holds activity's exported sentinel errors.
var Activity = []error{
	activity.ErrInvalidPeriod, activity.ErrInvalidCalendar, activity.ErrInvalidCurrency, activity.ErrInvalidRate,
	activity.ErrNoRate, activity.ErrNoRateDate, activity.ErrInvalidConversion, activity.ErrInvalidGranularity,
	activity.ErrInvalidTime, activity.ErrInvalidStatus, activity.ErrInvalidForecastCategory, activity.ErrMissingID,
	activity.ErrMissingField, activity.ErrTooManyPeriods, activity.ErrZeroView, activity.ErrDecode,
	activity.ErrInvalidAmount, activity.ErrZeroTime, activity.ErrTimeOrder, activity.ErrNegativeAmount,
	activity.ErrNoCloseTime, activity.ErrOpenWithCloseTime, activity.ErrProbabilityRange, activity.ErrRampRange,
	activity.ErrUnknownStage, activity.ErrStageStatus, activity.ErrUnknownDeal, activity.ErrUnknownLead, activity.ErrInvalidSpend, activity.ErrUnknownRep,
	activity.ErrDuplicateID, activity.ErrOverlap, activity.ErrBrokenHistory, activity.ErrInvalidQuota,
	activity.ErrInvalidOptions, activity.ErrUnknownName, activity.ErrNoActivities, activity.ErrInvalidFunnel,
}

// Performance holds performance's exported sentinel errors.
var Performance = []error{
	performance.ErrNoQuotas, performance.ErrMixedQuotas, performance.ErrUndefinedGrowth, performance.ErrNoAccounts,
	performance.ErrNoCosts, performance.ErrNoClosedDeals, performance.ErrNoWonDeals, performance.ErrNoDeals, performance.ErrNoLeads,
	performance.ErrMixedCurrencies, performance.ErrNoRecords, performance.ErrInvalidOptions,
	performance.ErrZeroDenominator, performance.ErrNoFunnel,
}
