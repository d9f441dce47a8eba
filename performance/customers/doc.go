// Package customers computes customer economics and satisfaction: recurring
// revenue and its movements, churn, retention, cohorts, survival, ARPA, CAC,
// lifetime value, and NPS. Its inputs are its own validated containers:
// Subscriptions (NewSubscriptions), Spending (NewSpending) and Survey
// (NewSurvey), each validated record by record (an *activity.RecordError
// per problem). Breakdowns take an activity.By (MovementsBy, Cohorts and
// Retention by period; NPSBy by segment or period) and return
// activity.Group results, as the deal KPIs of package performance do.
// Defaults are each options struct's zero value; sentinel errors are in
// errors.go. Money is exact decimal; rates are float64 fractions beside
// their exact ratio; NPS is on −100..100. The tallies NPSTally,
// MovementTally and SurvivalTally encode themselves (MarshalBinary, the
// versioned format of tally_binary.go), so that parts computed apart merge
// into the tally of the whole.
//
// Customer economics, over Subscriptions (NewSubscriptions: each account's
// recurring revenue as a step function; MRR = amount ÷ billing months, held
// exactly) and Spending (NewSpending):
//
//	Movements, MovementsBy          new, reactivation, expansion, contraction and churn
//	                                MRR and customers between a period's opening and close
//	RecurringRevenueAt, ...Series   MRR and ARR at a moment, or at each period's close
//	                                with the growth over the period before
//	CustomerChurnRate               churned / customers at the start (default); start +
//	                                new; average base; daily compounding
//	RevenueChurnRate                gross (churn + contraction) and net (− expansion,
//	                                reactivation optional) over the opening MRR
//	Retention                       NRR and GRR of the customers at the start, point to
//	                                point or compounded monthly
//	Cohorts                         logo and revenue retention by start cohort
//	CustomerLifetimes,              Kaplan–Meier survival of customer lifetimes
//	CustomerSurvival, SurvivalTally (Greenwood errors; log, log-log or plain intervals,
//	                                CITransform; median lifetime by R's, statsmodels' or
//	                                lifelines' rule; restricted mean with its standard
//	                                error), as R's survival package computes them
//	ARPA, CAC                       MRR per account; spend / customers acquired
//	AnnualChurn, MonthlyChurn,      churn restated over another length by compounding
//	CompoundChurn
//	LTV, CACPayback, LTVToCAC       lifetime value (simple, discounted, finite horizon),
//	                                months to recover CAC, LTV over CAC
//	Renewals, RenewalsBy            contracts (subscriptions with a term) up for renewal
//	                                in a period: renewed on time or late, not renewed,
//	                                pending; renewal rate by count and by MRR; expansion
//	                                and contraction at renewal; the pipeline by month
//	NoticeDeadlines                 contracts whose notice period ends in a period
//
// Satisfaction, over a Survey of Responses (NewSurvey; customers' NPS and
// employees' eNPS alike):
//
//	NetPromoterScore, NPSBy, NPSTally  promoters − detractors on −100..100, with Wald
//	                                   or adjusted-Wald intervals; by segment or period
//	NPSFromCounts, NPSFromShares       the same from a survey tool's summary counts or shares
//	CompareNPS                         two-sample z test of a change between surveys
package customers
