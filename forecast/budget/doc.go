// Package budget plans what a sales plan costs and tracks spending against
// it. It sits above forecast (capacity and hiring), compensation (pay
// curves) and the spend records of activity; nothing below imports it.
//
//	Entry                 a budget or spending line: period, category, team,
//	                      amount, currency; FromSpend turns activity.Spend
//	                      records into actual entries
//	Track, TrackBy        spending against budget over a period as of a moment:
//	                      variance and variance %, budget to date by time
//	                      elapsed, the run-rate projection to the period's end;
//	                      by category, team or period in one pass
//
// Money is exact (shopspring/decimal): shares of an entry's time and ratios
// are kept to 20 decimal places, and nothing is rounded until shown.
package budget
