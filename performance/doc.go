// Package performance computes the outcome KPIs of salesmetrics: what the
// activity produced, computed over an activity.Index, and the building
// blocks of metrics a host defines. Customer economics and satisfaction
// live in performance/customers, people analytics in performance/people.
//
// Every deal KPI has one entry point over a view of the index (activity.View:
// everything, a team, a rep, a territory, a predicate), a period, and an
// options struct whose zero value is the documented default; a By variant
// computes every group of a breakdown (rep, team, territory, source,
// segment, a host attribute, calendar periods) in one pass, marking groups
// where the KPI is undefined with the reason while the others still come
// back. Results carry what they were computed from and read well as
// strings; the tally behind each KPI (WinRateTally, DealSizeTally,
// CycleTally, EffortTally, MovementTally, SurvivalTally, NPSTally) is
// exported for streaming and merging.
//
// Deal outcomes so far:
//
//	WinRate, WinRateBy              won / (won + lost), by count or value, closed in or
//	                                created in the period, loss reasons excluded, stale
//	                                open deals as lost
//	DealSizeOf, DealSizeBy          mean, median, P25, P75, P90 (exact decimals)
//	SalesCycle, SalesCycleBy        created → closed in elapsed or calendar days
//	SalesVelocity(By), VelocityFrom opportunities × win rate × deal size / cycle days
//	OpenPipeline, OpenPipelineBy    open and probability-weighted amounts, forecast
//	                                categories with nested rollups, overdue, stale, age
//	ActivitiesPerWonDeal(By),       activity against outcomes
//	CallsPerMeeting, MeetingsPerOpportunity
//	FunnelOf, FunnelBy, CloseRate   conversion through the stages from the stage
//	                                history, time in stage, win rate by highest stage
//	Attainment, AttainmentToDate,   quota attainment (exact ratios), share of reps at
//	AtQuota, Coverage               quota and bands, pipeline coverage
//	Bookings(By), BookingsSeries,   won amounts by close date, growth period over period
//	Growth, CAGR                    and year over year, compound annual growth
//	RevenuePerAccount, GrossMargin  per account, and margin where costs are given
//
// Metrics a host defines, from building blocks, with the same result shape,
// breakdowns and explanation as the built-in KPIs:
//
//	Measure                         deals or activities in the period that pass a
//	                                Filter, counted, summed, averaged or their median
//	Metric, MetricOf, MetricBy      a measure, a ratio of two, or a rate per working
//	                                day, with a name, unit and description; its Formula
//	MetricTally                     the fold behind them, for streaming
//	SegmentIs, StatusIs, ReachedStage, KindIs, ... And, Or, Not
//	                                filters, compiled against the index once a pass
//	WonRevenueMetric, WinRateMetric, ...
//	                                built-in KPIs written as metrics
//
// Money is exact (decimal, summed as int64 units in 128 bits); amounts in
// several currencies are an error unless the host gives an
// activity.Conversion. Rates are float64 fractions computed from exact
// counts and sums at the end. Quantiles are Hyndman–Fan type 7, as R,
// pandas, NumPy and spreadsheets compute them.
package performance
