// Package performance computes the outcome KPIs of salesmetrics: what the
// activity produced. Deal outcomes are computed over an activity.Index;
// customer economics over Subscriptions and Spending, and satisfaction over
// a Survey, the validated containers of this package's own records.
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
// Customer economics, over Subscriptions (NewSubscriptions: each account's
// recurring revenue as a step function; MRR = amount ÷ billing months, held
// exactly) and Spending (NewSpending):
//
//	Movements, MovementsBy          new, reactivation, expansion, contraction and churn
//	                                MRR and customers between a period's opening and close
//	CustomerChurnRate               churned / customers at the start (default); start +
//	                                new; average base; daily compounding
//	RevenueChurnRate                gross (churn + contraction) and net (− expansion,
//	                                reactivation optional) over the opening MRR
//	Retention                       NRR and GRR of the customers at the start, point to
//	                                point or compounded monthly
//	Cohorts                         logo and revenue retention by start cohort
//	CustomerLifetimes,              Kaplan–Meier survival of customer lifetimes
//	CustomerSurvival, SurvivalTally (Greenwood errors; log, log-log or plain intervals;
//	                                median lifetime), as R's survival package
//	ARPA, CAC                       MRR per account; spend / customers acquired
//	AnnualChurn, MonthlyChurn,      churn restated over another length by compounding
//	CompoundChurn
//	LTV, CACPayback, LTVToCAC       lifetime value (simple, discounted, finite horizon),
//	                                months to recover CAC, LTV over CAC
//
// People:
//
//	Scorecards                      per rep and period: activity volume and mix, won,
//	                                lost, win rate, deal size and efficiency
//	EffortVsResults                 activity against won bookings per rep, with
//	                                efficiency and the quadrant against the team
//	ActivityAssociation             correlations and a regression of outcomes on activity
//	                                counts across rep-periods, SEs clustered by rep
//	Peers                           a rep against the team: percentile, z-score, trend
//	                                against the team's, top and low performers
//	                                consistent over periods
//	Leaderboard, Points, Contest    rankings on any KPI or contest points: competition
//	                                (1, 2, 2, 4), dense, ordinal with tie-breakers;
//	                                progress to target or share of the leader
//	GoalProgress, Streaks           progress and pace against working days; streaks
//	TimeToRamp                      new hires' days to their first deal or to a share
//	                                of full quota in a month; Kaplan–Meier median
//
// Satisfaction, over a Survey of Responses (NewSurvey; customers' NPS and
// employees' eNPS alike):
//
//	NetPromoterScore, NPSBy, NPSTally  promoters − detractors on −100..100, with Wald
//	                                   or adjusted-Wald intervals; by segment or period
//	CompareNPS                         two-sample z test of a change between surveys
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
