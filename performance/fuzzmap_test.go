package performance

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./performance: an entry point is
// reached when its body has a covered statement. The first target named is
// the one that names it or, failing that, runs its statements most often;
// the others reach it too. The enumerations whose String and MarshalText are
// on the first row: Aggregation, Attribution, BookingsBasis, Cohort,
// CoverageBasis, CycleSelection, DayCount, DealDate, Field, FunnelCohort,
// Linking, OpportunitySelection, PipelineSelection, QuotaLevel, RateBasis,
// Reach, RecordKind, SizeSelection.
//
//	String/MarshalText of enums         FuzzEntryPoints
//	AccountRevenue.MarshalJSON          FuzzTallies
//	AccountRevenue.String               FuzzTallies
//	AccountRevenueTally.Add             FuzzTallies
//	AccountRevenueTally.AddMissing      FuzzTallies
//	AccountRevenueTally.MarshalBinary   FuzzTallyBinary
//	AccountRevenueTally.Merge           FuzzTallies
//	AccountRevenueTally.Result          FuzzBookingsBy (also FuzzTallies)
//	AccountRevenueTally.UnmarshalBinary FuzzTallyBinary
//	ActivitiesPerWonDeal                FuzzEntryPoints
//	ActivitiesPerWonDealBy              FuzzEntryPoints
//	ActivitiesPerWonDealMetric          FuzzEntryPoints
//	ActivitiesPerWorkingDayMetric       FuzzEntryPoints
//	ActivitiesWhere                     FuzzMetric
//	Aggregation.UnmarshalText           FuzzEntryPoints
//	And                                 FuzzStageFilters (also FuzzEntryPoints)
//	AtQuota                             FuzzEntryPoints
//	AtQuotaShare.MarshalJSON            FuzzEntryPoints
//	AtQuotaShare.String                 FuzzEntryPoints
//	Attainment                          FuzzEntryPoints
//	AttainmentBand.MarshalJSON          FuzzEntryPoints
//	AttainmentBand.String               FuzzEntryPoints
//	AttainmentOptions.Validate          FuzzEntryPoints
//	AttainmentToDate                    FuzzEntryPoints
//	AttributeIs                         FuzzMetric
//	Attribution.UnmarshalText           FuzzEntryPoints
//	AverageDealSizeMetric               FuzzEntryPoints
//	Bookings                            FuzzBookingsBy
//	BookingsBasis.UnmarshalText         FuzzEntryPoints
//	BookingsBy                          FuzzBookingsBy
//	BookingsOptions.Validate            FuzzBookingsBy
//	BookingsSeries                      FuzzBookingsBy
//	BookingsTally.Add                   FuzzTallies
//	BookingsTally.AddMissing            FuzzTallies
//	BookingsTally.MarshalBinary         FuzzTallyBinary
//	BookingsTally.Merge                 FuzzTallies
//	BookingsTally.Result                FuzzBookingsBy (also FuzzTallies)
//	BookingsTally.UnmarshalBinary       FuzzTallyBinary
//	BookingsTotal.MarshalJSON           FuzzBookingsBy (also FuzzTallies)
//	BookingsTotal.String                FuzzTallies
//	BookingsTrend.String                FuzzBookingsBy
//	CAGR                                FuzzEntryPoints
//	CallsPerMeeting                     FuzzEntryPoints
//	CategoryTotal.MarshalJSON           FuzzBreakdowns (also FuzzEntryPoints)
//	CloseRate                           FuzzFunnel
//	CloseRateOptions.Validate           FuzzFunnel
//	Cohort.UnmarshalText                FuzzEntryPoints
//	CompoundGrowth.MarshalJSON          FuzzEntryPoints
//	CompoundGrowth.String               FuzzEntryPoints
//	Coverage                            FuzzEntryPoints
//	CoverageBasis.UnmarshalText         FuzzEntryPoints
//	CoverageFrom                        FuzzEntryPoints
//	CoverageOptions.Validate            FuzzEntryPoints
//	Cycle.String                        FuzzBreakdowns (also FuzzTallies)
//	CycleOptions.Validate               FuzzBreakdowns (also FuzzEntryPoints)
//	CycleSelection.UnmarshalText        FuzzEntryPoints
//	CycleTally.Add                      FuzzTallies
//	CycleTally.MarshalBinary            FuzzTallyBinary
//	CycleTally.Merge                    FuzzTallies
//	CycleTally.Result                   FuzzBreakdowns (also FuzzEntryPoints, FuzzTallies)
//	CycleTally.UnmarshalBinary          FuzzTallyBinary
//	DayCount.UnmarshalText              FuzzEntryPoints
//	DealDate.UnmarshalText              FuzzEntryPoints
//	DealSize.MarshalJSON                FuzzBreakdowns (also FuzzTallies)
//	DealSize.String                     FuzzBreakdowns (also FuzzTallies)
//	DealSizeBy                          FuzzBreakdowns
//	DealSizeOf                          FuzzBreakdowns (also FuzzEntryPoints)
//	DealSizeOptions.Validate            FuzzBreakdowns (also FuzzEntryPoints)
//	DealSizeTally.Add                   FuzzTallies
//	DealSizeTally.MarshalBinary         FuzzTallyBinary
//	DealSizeTally.Merge                 FuzzTallies
//	DealSizeTally.Result                FuzzBreakdowns (also FuzzEntryPoints, FuzzTallies)
//	DealSizeTally.UnmarshalBinary       FuzzTallyBinary
//	DealsWhere                          FuzzMetric
//	DealsWonMetric                      FuzzEntryPoints
//	Effort.String                       FuzzEntryPoints
//	EffortOptions.Validate              FuzzEntryPoints
//	EffortTally.MarshalBinary           FuzzTallyBinary
//	EffortTally.Merge                   FuzzEntryPoints
//	EffortTally.UnmarshalBinary         FuzzTallyBinary
//	ElapsedYears                        FuzzEntryPoints
//	EnteredStage                        FuzzStageFilters
//	Field.UnmarshalText                 FuzzEntryPoints
//	Filter.MarshalText                  FuzzMetric
//	Filter.String                       FuzzMetric (also FuzzEntryPoints, FuzzStageFilters)
//	FunnelBy                            FuzzFunnel
//	FunnelCohort.UnmarshalText          FuzzEntryPoints
//	FunnelOf                            FuzzFunnel
//	FunnelOptions.Validate              FuzzFunnel
//	FunnelReport.String                 FuzzFunnel
//	FunnelTally.Add                     FuzzFunnel
//	FunnelTally.MarshalBinary           FuzzTallyBinary
//	FunnelTally.Merge                   FuzzFunnel
//	FunnelTally.Result                  FuzzFunnel
//	FunnelTally.UnmarshalBinary         FuzzTallyBinary
//	GrossMargin                         FuzzBookingsBy
//	Growth                              FuzzBookingsBy (also FuzzEntryPoints)
//	GrowthRate.MarshalJSON              FuzzBookingsBy (also FuzzEntryPoints)
//	GrowthRate.String                   FuzzEntryPoints
//	KindIs                              FuzzMetric (also FuzzEntryPoints)
//	Linking.UnmarshalText               FuzzEntryPoints
//	Margin.MarshalJSON                  FuzzTallies
//	Margin.String                       FuzzTallies
//	MarginOptions.Validate              FuzzBookingsBy
//	MarginTally.Add                     FuzzTallies
//	MarginTally.AddNoCost               FuzzTallies
//	MarginTally.MarshalBinary           FuzzTallyBinary
//	MarginTally.Merge                   FuzzTallies
//	MarginTally.Result                  FuzzBookingsBy (also FuzzTallies)
//	MarginTally.UnmarshalBinary         FuzzTallyBinary
//	Measure.And                         FuzzEntryPoints
//	Measure.String                      FuzzStageFilters (also FuzzEntryPoints, FuzzMetric)
//	Measure.Validate                    FuzzStageFilters (also FuzzEntryPoints, FuzzMetric)
//	MedianDealSizeMetric                FuzzEntryPoints
//	MeetingsPerOpportunity              FuzzEntryPoints
//	MeetingsPerWonDealMetric            FuzzEntryPoints
//	Metric.Formula                      FuzzMetric (also FuzzEntryPoints, FuzzStageFilters)
//	Metric.Validate                     FuzzMetric (also FuzzEntryPoints, FuzzStageFilters)
//	MetricBy                            FuzzMetric
//	MetricOf                            FuzzStageFilters (also FuzzMetric)
//	MetricTally.Add                     FuzzEntryPoints
//	MetricTally.MarshalBinary           FuzzTallyBinary
//	MetricTally.Merge                   FuzzEntryPoints
//	MetricTally.Result                  FuzzStageFilters (also FuzzEntryPoints, FuzzMetric)
//	MetricTally.UnmarshalBinary         FuzzTallyBinary
//	MetricValue.MarshalJSON             FuzzEntryPoints
//	MetricValue.String                  FuzzEntryPoints (also FuzzMetric)
//	NewFunnelTally                      FuzzFunnel
//	NewMetricTally                      FuzzEntryPoints
//	Not                                 FuzzStageFilters (also FuzzMetric)
//	OnDeal                              FuzzMetric
//	OpenPipeline                        FuzzBreakdowns (also FuzzEntryPoints)
//	OpenPipelineBy                      FuzzBreakdowns
//	OpportunitySelection.UnmarshalText  FuzzEntryPoints
//	Or                                  FuzzMetric
//	OutcomeIs                           FuzzMetric
//	OwnerAttainment.MarshalJSON         FuzzEntryPoints
//	OwnerAttainment.String              FuzzEntryPoints
//	Pipeline.MarshalJSON                FuzzBreakdowns (also FuzzEntryPoints)
//	Pipeline.String                     FuzzEntryPoints (also FuzzBreakdowns)
//	PipelineCoverage.MarshalJSON        FuzzEntryPoints
//	PipelineCoverage.String             FuzzEntryPoints
//	PipelineOptions.Validate            FuzzBreakdowns (also FuzzEntryPoints)
//	PipelineSelection.UnmarshalText     FuzzEntryPoints
//	QuotaAttainment.MarshalJSON         FuzzEntryPoints
//	QuotaAttainment.String              FuzzEntryPoints
//	QuotaLevel.UnmarshalText            FuzzEntryPoints
//	RateBasis.UnmarshalText             FuzzEntryPoints
//	Reach.UnmarshalText                 FuzzEntryPoints
//	ReachedStage                        FuzzStageFilters
//	RecordKind.UnmarshalText            FuzzEntryPoints
//	RevenuePerAccount                   FuzzBookingsBy
//	RevenuePerActivityMetric            FuzzEntryPoints
//	SalesCycle                          FuzzBreakdowns (also FuzzEntryPoints)
//	SalesCycleBy                        FuzzBreakdowns
//	SalesVelocity                       FuzzEntryPoints (also FuzzBreakdowns)
//	SalesVelocityBy                     FuzzBreakdowns
//	SegmentIs                           FuzzMetric
//	SizeSelection.UnmarshalText         FuzzEntryPoints
//	SourceIs                            FuzzMetric
//	StageConversion.String              FuzzFunnel
//	StageRate.String                    FuzzFunnel
//	StageTime.String                    FuzzFunnel
//	StatusIs                            FuzzStageFilters (also FuzzBookingsBy, FuzzBreakdowns, FuzzEntryPoints, FuzzFunnel, FuzzMetric, FuzzTallies)
//	TerritoryIs                         FuzzMetric
//	Velocity.MarshalJSON                FuzzBreakdowns (also FuzzEntryPoints)
//	Velocity.String                     FuzzBreakdowns (also FuzzEntryPoints)
//	VelocityFrom                        FuzzEntryPoints
//	VelocityOptions.Validate            FuzzBreakdowns (also FuzzEntryPoints)
//	WinLoss.MarshalJSON                 FuzzBreakdowns (also FuzzTallies)
//	WinLoss.String                      FuzzBreakdowns (also FuzzTallies)
//	WinRate                             FuzzBreakdowns (also FuzzEntryPoints)
//	WinRateBy                           FuzzBreakdowns
//	WinRateMetric                       FuzzEntryPoints
//	WinRateOptions.Validate             FuzzBreakdowns (also FuzzEntryPoints)
//	WinRateTally.Add                    FuzzTallies
//	WinRateTally.AddExcluded            FuzzTallies
//	WinRateTally.AddStale               FuzzTallies
//	WinRateTally.MarshalBinary          FuzzTallyBinary
//	WinRateTally.Merge                  FuzzTallies
//	WinRateTally.Result                 FuzzBreakdowns (also FuzzEntryPoints, FuzzTallies)
//	WinRateTally.UnmarshalBinary        FuzzTallyBinary
//	WonAfterStage                       FuzzStageFilters
//	WonRevenueMetric                    FuzzEntryPoints
