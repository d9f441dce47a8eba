package main

import (
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// peopleSection prints the reps' effort against their results in the quarter
// (activities against won bookings, split at the team's medians) and how
// long the new hires of the window took to win their first deal.
func peopleSection(w io.Writer, ix *activity.Index, window, quarter activity.Period, conv *activity.Conversion) error {
	q, err := people.EffortVsResults(ix.All(), quarter, people.QuadrantOptions{Conversion: conv})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nEffort against results, %v\n", q)
	cards, err := people.Scorecards(ix.All(), quarter, people.ScorecardOptions{Conversion: conv})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nScorecards, %s (the first three reps)\n", quarter.Name)
	for _, c := range cards[:min(3, len(cards))] {
		fmt.Fprintf(w, "  %v\n", c)
	}
	booked, err := performance.BookingsBy(ix.All(), quarter, activity.ByRep(), performance.BookingsOptions{Conversion: conv})
	if err != nil {
		return err
	}
	scores, err := people.BookingsScores(booked)
	if err != nil {
		return err
	}
	board, err := people.Leaderboard(scores, people.RankOptions{Unit: string(conv.To)})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nLeaderboard, bookings %s (ties broken by deals won)\n", quarter.Name)
	for _, st := range board[:min(3, len(board))] {
		fmt.Fprintf(w, "  %v\n", st)
	}
	// A contest: a point a call, 3 a meeting, 5 a demo, 20 a won deal.
	points := people.PointWeights{
		Kinds:   map[activity.Kind]decimal.Decimal{activity.KindCall: decimal.NewFromInt(1), activity.KindMeeting: decimal.NewFromInt(3), activity.KindDemo: decimal.NewFromInt(5)},
		WonDeal: decimal.NewFromInt(20),
	}
	contest, err := people.Contest(ix.All(), quarter, points, people.RankOptions{Method: people.RankDense, Unit: "points"})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Contest, %s: 1 a call, 3 a meeting, 5 a demo, 20 a won deal (dense ranks)\n", quarter.Name)
	for _, st := range contest[:min(3, len(contest))] {
		fmt.Fprintf(w, "  %v\n", st)
	}
	ramp, err := people.TimeToRamp(ix, people.RampOptions{AsOf: window.End, HiredFrom: window.Start})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nNew hires since %s, time to a first won deal: %v\n", window.Start.Format(time.DateOnly), ramp)
	for _, r := range ramp.Reps {
		state := "still ramping"
		if r.Reached {
			state = "first deal " + r.At.Format(time.DateOnly)
		}
		fmt.Fprintf(w, "  %s hired %s: %5.1f days, %s\n", r.Rep, r.HiredAt.Format(time.DateOnly), r.Days, state)
	}
	return nil
}
