package people_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// A bookings leaderboard with a tie: competition ranking shares second
// place and skips third; each entry's share of the leader and gap to the
// next better value.
func ExampleLeaderboard() {
	scores := []people.Score{
		{Key: "ann", Value: decimal.RequireFromString("120000")},
		{Key: "bob", Value: decimal.RequireFromString("95000")},
		{Key: "cy", Value: decimal.RequireFromString("95000")},
		{Key: "dee", Value: decimal.RequireFromString("60000")},
	}
	board, err := people.Leaderboard(scores, people.RankOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range board {
		fmt.Println(s)
	}
	// Output:
	// 1 ann 120000 (100.0% of the leader)
	// 2= bob 95000 (79.2% of the leader, 25000 behind)
	// 2= cy 95000 (79.2% of the leader, 25000 behind)
	// 4 dee 60000 (50.0% of the leader, 35000 behind)
}

// Sales cycle in days, where fewer is better, against a 45-day target,
// ranked densely.
func ExampleLeaderboard_ascending() {
	scores := []people.Score{
		{Key: "ann", Value: decimal.RequireFromString("52")},
		{Key: "bob", Value: decimal.RequireFromString("38")},
		{Key: "cy", Value: decimal.RequireFromString("38")},
		{Key: "dee", Value: decimal.RequireFromString("45")},
	}
	board, err := people.Leaderboard(scores, people.RankOptions{
		Method:    people.RankDense,
		Ascending: true,
		Target:    activity.Some(decimal.RequireFromString("45")),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range board {
		fmt.Println(s)
	}
	// Output:
	// 1= bob 38 (84.4% of target, met)
	// 1= cy 38 (84.4% of target, met)
	// 2 dee 45 (100.0% of target, met, 7 behind)
	// 3 ann 52 (115.6% of target, 7 behind)
}

// A one-week activity contest: a call is worth 1 point, a meeting 5, a
// demo 10, a meeting or demo that was held 2 more, a won deal 50.
func ExampleContest() {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 10, 0, 0, 0, time.UTC) }
	records := activity.Records{
		Activities: []activity.Activity{
			{ID: "1", Rep: "ann", Kind: activity.KindCall, At: day(3)},
			{ID: "2", Rep: "ann", Kind: activity.KindMeeting, At: day(4), Outcome: activity.OutcomeHeld},
			{ID: "3", Rep: "bob", Kind: activity.KindDemo, At: day(4), Outcome: activity.OutcomeHeld},
			{ID: "4", Rep: "bob", Kind: activity.KindCall, At: day(5)},
			{ID: "5", Rep: "cy", Kind: activity.KindEmail, At: day(6)},
		},
		Deals: []activity.Deal{{ID: "D1", Owner: "ann", Amount: decimal.RequireFromString("5000"), Currency: "USD",
			Stage: "closed_won", Status: activity.StatusWon, CreatedAt: day(1), ClosedAt: day(7)}},
	}
	ix, err := activity.NewIndex(records, activity.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	week := activity.Period{Start: day(3).Truncate(24 * time.Hour), End: day(10).Truncate(24 * time.Hour), Name: "2025-W10"}
	weights := people.PointWeights{
		Kinds: map[activity.Kind]decimal.Decimal{
			activity.KindCall:    decimal.NewFromInt(1),
			activity.KindMeeting: decimal.NewFromInt(5),
			activity.KindDemo:    decimal.NewFromInt(10),
		},
		Outcomes: map[activity.Outcome]decimal.Decimal{activity.OutcomeHeld: decimal.NewFromInt(2)},
		WonDeal:  decimal.NewFromInt(50),
	}
	board, err := people.Contest(ix.All(), week, weights, people.RankOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range board {
		fmt.Println(s.Rank, s.Key, s.Value)
	}
	// Output:
	// 1 ann 58
	// 2 bob 13
	// 3 cy 0
}

// Progress and pace on 40 meetings in March 2025 (21 working days) as of
// the morning of 15 March, 10 working days gone.
func ExampleGoalProgress() {
	goal := people.Goal{
		Key:    "ann",
		Metric: "meetings",
		Period: activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025-03"},
		Target: decimal.NewFromInt(40),
	}
	s, err := people.GoalProgress(goal, decimal.NewFromInt(24), time.Date(2025, 3, 15, 9, 0, 0, 0, time.UTC), activity.Calendar{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	fmt.Println("needed per working day:", s.NeededPerDay.Value.Round(2))
	// Output:
	// ann meetings 2025-03: 24 of 40 (60.0%) with 10 of 21 working days gone (47.6%): on pace, projected 50.4
	// needed per working day: 1.45
}

// Months at or above quota, January to June.
func ExampleStreaks() {
	actuals := []int64{110, 100, 80, 120, 105, 101}
	var results []people.PeriodResult
	for i, a := range actuals {
		results = append(results, people.PeriodResult{
			Period: activity.Period{Start: time.Date(2025, time.Month(i+1), 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, time.Month(i+2), 1, 0, 0, 0, 0, time.UTC)},
			Actual: decimal.NewFromInt(a),
			Target: decimal.NewFromInt(100),
		})
	}
	s, err := people.Streaks(results)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	// Output:
	// current streak 3, longest 3 (5 of 6 periods met)
}

// Any breakdown can be ranked: here win rates by rep in Q1 2025, ties
// broken by deals won.
func ExampleWinRateScores() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	deal := func(id, owner string, won bool) activity.Deal {
		d := activity.Deal{ID: id, Owner: owner, Amount: decimal.NewFromInt(1000), Currency: "USD",
			Stage: "closed_lost", Status: activity.StatusLost, CreatedAt: day(1, 2), ClosedAt: day(2, 15)}
		if won {
			d.Stage, d.Status = "closed_won", activity.StatusWon
		}
		return d
	}
	ix, err := activity.NewIndex(activity.Records{Deals: []activity.Deal{
		deal("1", "ann", true), deal("2", "ann", true), deal("3", "ann", false),
		deal("4", "bob", true), deal("5", "bob", false),
		deal("6", "cy", true), deal("7", "cy", true), deal("8", "cy", true), deal("9", "cy", true), deal("10", "cy", false), deal("11", "cy", false),
	}}, activity.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	q1 := activity.Period{Start: day(1, 1), End: day(4, 1), Name: "2025 Q1"}
	groups, err := performance.WinRateBy(ix.All(), q1, activity.ByRep(), performance.WinRateOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	board, err := people.Leaderboard(people.WinRateScores(groups), people.RankOptions{Method: people.RankOrdinal})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range board {
		fmt.Printf("%d %s %s won %s\n", s.Rank, s.Key, s.Value.Round(3), s.Tiebreak.Value)
	}
	// Output:
	// 1 cy 0.667 won 4
	// 2 ann 0.667 won 2
	// 3 bob 0.5 won 1
}

// A weighted objective scorecard: bookings against 100,000 for 50 points,
// meetings against 40 for 30, a win rate against 25% for 20 (capped at 30).
// Each rep's points are actual / benchmark × weight, summed, then ranked.
func ExampleObjectiveScores() {
	d := decimal.RequireFromString
	objectives := []people.Objective{
		{Name: "bookings", Benchmark: d("100000"), Weight: d("50"),
			Scores: []people.Score{{Key: "ann", Value: d("120000")}, {Key: "bob", Value: d("80000")}}},
		{Name: "meetings", Benchmark: d("40"), Weight: d("30"),
			Scores: []people.Score{{Key: "ann", Value: d("30")}, {Key: "bob", Value: d("44")}}},
		{Name: "win rate", Benchmark: d("0.25"), Weight: d("20"), Cap: activity.Some(d("30")),
			Scores: []people.Score{{Key: "ann", Value: d("0.5")}, {Key: "bob", Value: d("0.2")}}},
	}
	cards, err := people.ObjectiveScores(objectives)
	if err != nil {
		fmt.Println(err)
		return
	}
	var scores []people.Score
	for _, c := range cards {
		fmt.Print(c.Key, ":")
		for _, p := range c.Objectives {
			fmt.Print(" ", p.Objective, " ", p.Points.String())
		}
		fmt.Println(" =", c.Points)
		scores = append(scores, c.Score())
	}
	board, _ := people.Leaderboard(scores, people.RankOptions{Unit: "points"})
	fmt.Println("first:", board[0].Key)
	// Output:
	// ann: bookings 60 meetings 22.5 win rate 30 = 112.5
	// bob: bookings 40 meetings 33 win rate 16 = 89
	// first: ann
}
