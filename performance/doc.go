// Package performance computes the outcome KPIs of salesmetrics: what the
// activity produced, computed over an activity.Index, and the building
// blocks of metrics a host defines. Customer economics and satisfaction
// live in performance/customers, people analytics in performance/people.
//
// Every deal KPI has one entry point over a view of the index (activity.View:
// everything, a team, a rep, a territory, a predicate), a period, and an
// options struct whose zero value is the documented default; a By variant
// takes an activity.By (activity.ByRep(), ByTeam, ByTerritory, BySource,
// BySegment, ByAttribute, ByPeriod) and computes every group in one pass,
// returning activity.Group results and marking groups where the KPI is
// undefined with the reason while the others still come back. Results
// carry what they were computed from and read well as strings; the tally
// behind each KPI (WinRateTally, DealSizeTally, CycleTally, BookingsTally,
// FunnelTally, EffortTally, MetricTally, LeadTally, TerritoryTally ...) is exported for streaming and
// merging. Every tally also encodes itself (MarshalBinary, a versioned
// format, see tally_binary.go), so that partial tallies can travel between
// the workers of a distributed engine (examples/beam runs them on Apache
// Beam). The medians and quantiles stay exact: the tallies behind them
// (CycleTally, DealSizeTally, a median MetricTally, FunnelTally's stage
// times) keep every value, a byte or a few each in the encoding. Sentinel
// errors are in errors.go; an invalid By wraps both ErrInvalidOptions and
// activity.ErrInvalidOptions, and the zero View (one not taken from an
// index) is activity.ErrZeroView.
//
// Leads, the top of the funnel:
//
//	LeadFunnelOf, LeadFunnelBy      leads by source, owner, team or period: qualified,
//	                                disqualified (why), converted, opportunities, won,
//	                                the rates between, speed to lead, time to convert;
//	                                a cohort followed to AsOf or each step's own period;
//	                                duplicate leads merged for first- or last-touch
//	                                attribution; cost per lead and per won deal from
//	                                activity.Spend
//	FunnelFromLeads                 one funnel from lead to won deal: the leads, then the
//	                                stages of the deals they became
//
// Territories:
//
//	TerritoryBooks                  accounts, customers and penetration, whitespace,
//	                                potential, bookings, pipeline and coverage by
//	                                territory
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
//	RecordKind, DealDate,           what a measure reads (DealRecords, ActivityRecords),
//	Aggregation, Field              how it dates deals (DealDateCreated, DealDateClosed,
//	                                DealDateExpectedClose), reduces them (AggregateCount,
//	                                AggregateSum, AggregateMean, AggregateMedian) and over
//	                                which field (FieldAmount, FieldACV, FieldTCV,
//	                                FieldCost, FieldDuration)
//	SegmentIs, StatusIs, KindIs, ... And, Or, Not
//	                                filters, compiled against the index once a pass
//	EnteredStage, WonAfterStage     filters on what the stage history shows
//	ReachedStage                    the funnel's inferred reach (a won deal reached
//	                                every open stage)
//	DealsWhere, ActivitiesWhere     a host predicate func(ix, row), as View takes
//	WonRevenueMetric, WinRateMetric, ...
//	                                built-in KPIs written as metrics
//
// Money is exact (decimal, summed as int64 units in 128 bits); amounts in
// several currencies are an error unless the host gives an
// activity.Conversion. Rates are float64 fractions computed from exact
// counts and sums at the end. Quantiles are Hyndman–Fan type 7, as R,
// pandas, NumPy and spreadsheets compute them.
package performance
