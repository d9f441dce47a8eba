package main

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
	"github.com/salesmetrics/salesmetrics/performance/people"
)

// peerMonths is how many months a rep is compared with the team over.
const peerMonths = 6

// PeerReview is one rep's monthly bookings against the other reps of the
// team they were in at the end of the period reviewed, over the months up
// to that end, and where that leaves the rep (people.Peers).
type PeerReview struct {
	KPI      string              `json:"kpi"`
	Currency activity.Currency   `json:"currency,omitempty"`
	Team     string              `json:"team"`
	Periods  []activity.Period   `json:"periods"`
	Series   []people.PeerSeries `json:"series"`
	Standing people.PeerStanding `json:"standing"`
}

// peerReview compares rep with the team over the peerMonths months ending
// at p's end. A rep off the roster or with no team then has no peers.
func peerReview(ix *activity.Index, rep string, p activity.Period, cal activity.Calendar, conv *activity.Conversion) (*PeerReview, error) {
	k, ok := ix.Reps().Key(rep)
	if !ok {
		return nil, fmt.Errorf("rep %q has no deal or activity in the book", rep)
	}
	r, ok := ix.Rep(k)
	if !ok {
		return nil, fmt.Errorf("rep %q is not on the roster: no team to compare with", rep)
	}
	last := p.End.Add(-time.Nanosecond)
	a, ok := r.At(last)
	if !ok || a.Team == "" {
		return nil, fmt.Errorf("rep %q is in no team at %s", rep, last.Format(time.DateOnly))
	}
	pr := &PeerReview{KPI: "bookings", Team: a.Team}
	if conv != nil {
		pr.Currency = conv.To
	} else if c, ok := ix.Currency(); ok {
		pr.Currency = c
	}
	var team []string
	for _, id := range ix.Reps().Names() {
		k, _ := ix.Reps().Key(id)
		if other, ok := ix.Rep(k); ok {
			if oa, ok := other.At(last); ok && oa.Team == a.Team {
				team = append(team, id)
			}
		}
	}
	at := map[string]int{}
	for i, id := range team {
		at[id] = i
		pr.Series = append(pr.Series, people.PeerSeries{Rep: id, Team: a.Team, Values: make([]float64, peerMonths)})
	}
	first := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, last.Location())
	for m := range peerMonths {
		month, err := cal.Month(first.AddDate(0, m-peerMonths+1, 0))
		if err != nil {
			return nil, err
		}
		pr.Periods = append(pr.Periods, month)
		groups, err := performance.BookingsBy(ix.All(), month, activity.ByRep(), performance.BookingsOptions{Conversion: conv})
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			if i, ok := at[g.Key]; ok && g.Undefined == "" {
				pr.Series[i].Values[m] = g.Result.Amount.InexactFloat64()
			}
		}
	}
	standings, err := people.Peers(pr.Series, people.PeerOptions{})
	if err != nil {
		return nil, err
	}
	for _, s := range standings {
		if s.Rep == rep {
			pr.Standing = s
		}
	}
	return pr, nil
}
