// Package people measures the people who sell: effort against results,
// activity association, peers, ramp, leaderboards, contests, goals, streaks
// and scorecards. Its inputs are an activity.View (with the deal KPIs of
// package performance underneath: EffortVsResults and ActivityAssociation
// run performance.BookingsBy), results the host already has (a Score per
// rep, a PeerSeries, PeriodResults, a Goal), or breakdowns it turns into
// scores (ScoresOf, BookingsScores, WinRateScores). Defaults are each
// options struct's zero value; sentinel errors are in errors.go, and the
// errors of the performance KPIs it runs pass through with their own.
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
//	ObjectiveScores                 weighted objective scorecards: actual / benchmark
//	                                × weight per objective (capped or not), summed
//	GoalProgress, Streaks           progress and pace against working days; streaks
//	TimeToRamp                      new hires' days to their first deal or to a share
//	                                of full quota in a month; Kaplan–Meier median
package people
