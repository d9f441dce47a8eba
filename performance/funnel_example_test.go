package performance_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// funnelExRecords is a small quarter of stage histories, 2025 Q1:
//
//	D1 ann won  6 Jan prospecting →qualification 8 →demo 13 →proposal 20 Jan →won 3 Feb
//	D2 ann lost 10 Jan prospecting →qualification 12 →lost 30 Jan
//	D3 bob won  15 Jan qualification →demo 17 →negotiation 27 Jan (skips proposal) →won 10 Feb
//	D4 bob open 3 Feb prospecting →qualification 5 →demo 19 Feb, still in demo
//	D5 bob lost 3 Mar prospecting →lost 10 Mar
func funnelExRecords() activity.Records {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	deal := func(id, owner string, st activity.Status, stage activity.Stage, created, closed time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Amount: decimal.NewFromInt(10000), Currency: "USD",
			Status: st, Stage: stage, CreatedAt: created, ClosedAt: closed}
	}
	move := func(id string, from, to activity.Stage, at time.Time) activity.StageChange {
		return activity.StageChange{Deal: id, From: from, To: to, At: at}
	}
	const (
		p, q, d, r, n = activity.StageProspecting, activity.StageQualification, activity.StageDemo, activity.StageProposal, activity.StageNegotiation
		won, lost     = activity.StageClosedWon, activity.StageClosedLost
	)
	return activity.Records{
		Deals: []activity.Deal{
			deal("D1", "ann", activity.StatusWon, won, day(1, 6), day(2, 3)),
			deal("D2", "ann", activity.StatusLost, lost, day(1, 10), day(1, 30)),
			deal("D3", "bob", activity.StatusWon, won, day(1, 15), day(2, 10)),
			deal("D4", "bob", activity.StatusOpen, d, day(2, 3), time.Time{}),
			deal("D5", "bob", activity.StatusLost, lost, day(3, 3), day(3, 10)),
		},
		StageChanges: []activity.StageChange{
			move("D1", p, q, day(1, 8)), move("D1", q, d, day(1, 13)), move("D1", d, r, day(1, 20)), move("D1", r, won, day(2, 3)),
			move("D2", p, q, day(1, 12)), move("D2", q, lost, day(1, 30)),
			move("D3", q, d, day(1, 17)), move("D3", d, n, day(1, 27)), move("D3", n, won, day(2, 10)),
			move("D4", p, q, day(2, 5)), move("D4", q, d, day(2, 19)),
			move("D5", p, lost, day(3, 10)),
		},
	}
}

func funnelExIndex() *activity.Index {
	ix, err := activity.NewIndex(funnelExRecords(), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		panic(err)
	}
	return ix
}

var funnelExQ1 = activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}

func ExampleFunnelOf() {
	f, err := performance.FunnelOf(funnelExIndex().All(), funnelExQ1, performance.FunnelOptions{})
	if err != nil {
		panic(err)
	}
	// Reached (or passed): D1 and D3 won, so every stage; D2 to
	// qualification, D4 to demo, D5 prospecting: 5, 4, 3, 2, 2; won 2.
	// Time in prospecting: D1 2 days, D2 2, D4 2, D5 7 (D3 began in
	// qualification): mean 13 / 4 = 3.25, median 2. In qualification: D1 5,
	// D2 18, D3 2, D4 14: mean 39 / 4 = 9.75, median (5 + 14) / 2 = 9.5. In
	// demo: D1 7, D3 10, D4 41 (19 Feb to the period's end, 1 Apr): mean
	// 58 / 3 = 19.3, median 10. Proposal D1 14; negotiation D3 14.
	// Win rate by highest stage: D5 lost from prospecting, D2 from
	// qualification; D1 won from proposal, D3 from negotiation.
	fmt.Println(f)
	// Output:
	// all: funnel of 5 deals created in 2025 Q1 (reached or later)
	//   prospecting       5 reached  100.0% of first  next  80.0%  time mean 3.2 d, median 2.0 d of 4  win rate 0.0% (0 of 1)
	//   qualification     4 reached   80.0% of first  next  75.0%  time mean 9.8 d, median 9.5 d of 4  win rate 0.0% (0 of 1)
	//   demo              3 reached   60.0% of first  next  66.7%  time mean 19.3 d, median 10.0 d of 3  win rate n/a
	//   proposal          2 reached   40.0% of first  next 100.0%  time mean 14.0 d, median 14.0 d of 1  win rate 100.0% (1 of 1)
	//   negotiation       2 reached   40.0% of first  next 100.0%  time mean 14.0 d, median 14.0 d of 1  win rate 100.0% (1 of 1)
	//   won               2           40.0% of first
}

func ExampleCloseRate() {
	v := funnelExIndex().All()
	for _, reach := range []performance.Reach{performance.ReachedOrLater, performance.ReachedAtAnyTime, performance.PassedInOrder} {
		c, err := performance.CloseRate(v, funnelExQ1, activity.StageDemo, activity.StageClosedWon, performance.CloseRateOptions{Reach: reach})
		if err != nil {
			panic(err)
		}
		fmt.Println(c)
	}
	// In demo: D1, D3, D4; won D1, D3. In order, D1 and D4 went
	// prospecting, qualification, demo (D3 began in qualification); neither
	// won in order: D1 skipped negotiation.

	// Output:
	// all: demo → closed_won 66.7% (2 of 3 deals created in 2025 Q1, reached_or_later)
	// all: demo → closed_won 66.7% (2 of 3 deals created in 2025 Q1, reached_at_any_time)
	// all: demo → closed_won 0.0% (0 of 2 deals created in 2025 Q1, passed_in_order)
}

func ExampleFunnelBy() {
	groups, err := performance.FunnelBy(funnelExIndex().All(), funnelExQ1, activity.ByRep(), performance.FunnelOptions{})
	if err != nil {
		panic(err)
	}
	for _, g := range groups {
		fmt.Printf("%s:", g.Key)
		for _, s := range g.Result.Steps {
			fmt.Printf(" %s %d", s.Stage, s.Reached)
		}
		fmt.Printf(", won %d\n", g.Result.Won.Deals)
	}
	// Output:
	// ann: prospecting 2 qualification 2 demo 1 proposal 1 negotiation 1, won 1
	// bob: prospecting 3 qualification 2 demo 2 proposal 1 negotiation 1, won 1
}

func ExampleFunnelTally() {
	// Two parts of the data, tallied apart (on two machines, say) and merged.
	opt := performance.FunnelOptions{Reach: performance.ReachedAtAnyTime}
	r := funnelExRecords()
	var total performance.FunnelTally
	for _, ids := range [][]string{{"D1", "D2"}, {"D3", "D4", "D5"}} {
		part, err := performance.NewFunnelTally(activity.TypicalB2B(), funnelExQ1, opt)
		if err != nil {
			panic(err)
		}
		for _, id := range ids {
			d := performance.FunnelDeal{}
			for _, rec := range r.Deals {
				if rec.ID == id {
					d = performance.FunnelDeal{Status: rec.Status, Stage: rec.Stage, Created: rec.CreatedAt, Closed: rec.ClosedAt}
				}
			}
			for _, c := range r.StageChanges {
				if c.Deal == id {
					d.History = append(d.History, c)
				}
			}
			if err := part.Add(d); err != nil {
				panic(err)
			}
		}
		total.Merge(part)
	}
	f, err := total.Result("both parts", funnelExQ1)
	if err != nil {
		panic(err)
	}
	// In each stage at some time: prospecting D1 D2 D4 D5; qualification
	// D1 D2 D3 D4; demo D1 D3 D4; proposal D1; negotiation D3. Won: D1 D3,
	// 2 of negotiation's 1: under ReachedAtAnyTime a step can pass 100%.
	for _, s := range f.Steps {
		fmt.Printf("%s %d, next %v\n", s.Stage, s.Reached, s.Next)
	}
	// Output:
	// prospecting 4, next 100.0%
	// qualification 4, next 75.0%
	// demo 3, next 33.3%
	// proposal 1, next 100.0%
	// negotiation 1, next 200.0%
}
