// Package budget plans what a sales plan costs and tracks spending against
// it. It sits above forecast (capacity and hiring), compensation (pay
// curves) and the spend records of activity; nothing below imports it.
//
// Plan the budget:
//
//	Plan                  from a bookings target and the team: the hires
//	                      (forecast.RepsNeeded, with ramp, attrition and a lead
//	                      time), expected heads by month, base salary, variable
//	                      pay at the expected attainment from the reps' pay plan
//	                      (compensation.PayCurve, ramping reps on ramped quotas),
//	                      ramp guarantees, on-costs; marketing from the funnel
//	                      backwards (deals, then leads needed, times cost per lead
//	                      by source); fixed lines. A Budget by month and category,
//	                      every Line with its quantity, rate and note, exact, and
//	                      its headlines: cost of sales, cost per won deal,
//	                      bookings per hire
//	Sweep                 the same budget at other targets, attainments or
//	                      attrition rates: a curve
//	Compare               versions side by side (the plan and reforecasts)
//
// Track it:
//
//	Entry                 a budget or spending line: period, category, team,
//	                      amount, currency; Budget.Entries gives a plan's,
//	                      FromSpend turns activity.Spend records into actual
//	                      entries, FromStatements pay statements (in the month
//	                      earned or the month paid)
//	Track, TrackBy        spending against budget over a period as of a moment:
//	                      variance and variance %, budget to date by time
//	                      elapsed, the run-rate projection to the period's end;
//	                      by category, team or period in one pass
//
// Money is exact (shopspring/decimal): a plan's lines are computed in
// exact fractions and rounded to 20 decimal places by largest remainder so
// that they add up; tracking's shares and ratios are kept to 20 places.
// Nothing is rounded to cents until shown.
package budget
