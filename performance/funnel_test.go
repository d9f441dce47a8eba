package performance

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// Stage names, short, for the hand-made histories.
const (
	funnelP = activity.StageProspecting   // 0
	funnelQ = activity.StageQualification // 1
	funnelD = activity.StageDemo          // 2
	funnelR = activity.StageProposal      // 3
	funnelN = activity.StageNegotiation   // 4
	funnelW = activity.StageClosedWon
	funnelL = activity.StageClosedLost
)

// funnelRecords is a hand-made quarter of stage histories (2024; P
// prospecting, Q qualification, D demo, R proposal, N negotiation, W won, L
// lost). Created in 2024 Q1 unless said:
//
//	A ann won  1 Jan P →Q 3 →D 5 →R 10 →D 12 →R 15 →N 20 →W 25 Jan  (re-entry)
//	B bob won  2 Jan P →Q 4 →R 9 (skips D) →N 19 →W 1 Feb
//	C ann lost 3 Jan P →L 13                             (lost from P)
//	D bob lost 4 Jan P →Q 7 →L 16                        (lost from Q)
//	E ann lost 5 Jan P →Q 7 →D 9 →L 19                   (lost from D)
//	F bob lost 6 Jan P →Q 8 →D 10 →R 14 →Q 20 (back) →L 30  (highest R)
//	G ann lost 7 Jan P →Q 9 →D 11 →R 13 →N 17 →L 6 Feb   (lost from N)
//	H bob lost 8 Jan created in Q: Q →D 10 →R 12 →L 22   (highest R)
//	I ann won  1 Feb, closed 1 Mar, no history
//	J bob open 10 Feb P →Q 12 →D 20 Feb, still in D
//	K ann open 1 Mar in R, no history
//	N bob won  9 Jan, creation stage unknown: →D 11 →W 21 Jan
//	L cy  lost 1 Dec 2023 P →Q 5 →D 15 Dec →L 10 Jan 2024 (created before Q1)
//	M cy  open 5 Apr in P, no history                    (after Q1)
//
// The open stages each deal is shown in (0 P … 4 N):
//
//	A {0,1,2,3,4} won   B {0,1,3,4} won   C {0} lost   D {0,1} lost
//	E {0,1,2} lost      F {0,1,2,3} lost  G {0,1,2,3,4} lost
//	H {1,2,3} lost      I {} won          J {0,1,2} open
//	K {3} open          N {2} won         L {0,1,2} lost
func funnelRecords() activity.Records {
	day := func(m time.Month, d int) time.Time { return date(2024, m, d) }
	deal := func(id, owner string, st activity.Status, stage activity.Stage, created, closed time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Amount: decimal.NewFromInt(1000), Currency: "USD",
			Status: st, Stage: stage, CreatedAt: created, ClosedAt: closed}
	}
	const open, won, lost = activity.StatusOpen, activity.StatusWon, activity.StatusLost
	none := time.Time{}
	var changes []activity.StageChange
	// moves adds a deal's history: from, then (to, at) pairs.
	moves := func(id string, from activity.Stage, steps ...any) {
		for i := 0; i < len(steps); i += 2 {
			to := steps[i].(activity.Stage)
			changes = append(changes, activity.StageChange{Deal: id, From: from, To: to, At: steps[i+1].(time.Time)})
			from = to
		}
	}
	moves("A", funnelP, funnelQ, day(1, 3), funnelD, day(1, 5), funnelR, day(1, 10), funnelD, day(1, 12),
		funnelR, day(1, 15), funnelN, day(1, 20), funnelW, day(1, 25))
	moves("B", funnelP, funnelQ, day(1, 4), funnelR, day(1, 9), funnelN, day(1, 19), funnelW, day(2, 1))
	moves("C", funnelP, funnelL, day(1, 13))
	moves("D", funnelP, funnelQ, day(1, 7), funnelL, day(1, 16))
	moves("E", funnelP, funnelQ, day(1, 7), funnelD, day(1, 9), funnelL, day(1, 19))
	moves("F", funnelP, funnelQ, day(1, 8), funnelD, day(1, 10), funnelR, day(1, 14), funnelQ, day(1, 20), funnelL, day(1, 30))
	moves("G", funnelP, funnelQ, day(1, 9), funnelD, day(1, 11), funnelR, day(1, 13), funnelN, day(1, 17), funnelL, day(2, 6))
	moves("H", funnelQ, funnelD, day(1, 10), funnelR, day(1, 12), funnelL, day(1, 22))
	moves("J", funnelP, funnelQ, day(2, 12), funnelD, day(2, 20))
	moves("N", "", funnelD, day(1, 11), funnelW, day(1, 21))
	moves("L", funnelP, funnelQ, date(2023, 12, 5), funnelD, date(2023, 12, 15), funnelL, day(1, 10))
	return activity.Records{
		Deals: []activity.Deal{
			deal("A", "ann", won, funnelW, day(1, 1), day(1, 25)),
			deal("B", "bob", won, funnelW, day(1, 2), day(2, 1)),
			deal("C", "ann", lost, funnelL, day(1, 3), day(1, 13)),
			deal("D", "bob", lost, funnelL, day(1, 4), day(1, 16)),
			deal("E", "ann", lost, funnelL, day(1, 5), day(1, 19)),
			deal("F", "bob", lost, funnelL, day(1, 6), day(1, 30)),
			deal("G", "ann", lost, funnelL, day(1, 7), day(2, 6)),
			deal("H", "bob", lost, funnelL, day(1, 8), day(1, 22)),
			deal("I", "ann", won, funnelW, day(2, 1), day(3, 1)),
			deal("J", "bob", open, funnelD, day(2, 10), none),
			deal("K", "ann", open, funnelR, day(3, 1), none),
			deal("N", "bob", won, funnelW, day(1, 9), day(1, 21)),
			deal("L", "cy", lost, funnelL, date(2023, 12, 1), day(1, 10)),
			deal("M", "cy", open, funnelP, day(4, 5), none),
		},
		StageChanges: changes,
	}
}

func funnelIndex(t *testing.T) *activity.Index {
	t.Helper()
	ix, err := activity.NewIndex(funnelRecords(), activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// funnelCounts is what a funnel counted: reached per open stage and won.
type funnelCounts struct {
	Deals   int64
	Reached [5]int64
	Won     int64
}

func funnelCountsOf(r FunnelReport) funnelCounts {
	c := funnelCounts{Deals: r.Deals, Won: r.Won.Deals}
	for k, s := range r.Steps {
		c.Reached[k] = s.Reached
	}
	return c
}

func TestFunnelOfReach(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	for _, tc := range []struct {
		name string
		opt  FunnelOptions
		want funnelCounts
	}{
		// Created in Q1: A B C D E F G H I J K N (12; L before, M after).
		// Won A B I N reach all; C to 0; D to 1; E, J to 2; F, H, K to 3; G to 4.
		// P: 12. Q: 12 − C = 11. D: 11 − D = 10. R: 10 − E − J = 8.
		// N: 8 − F − H − K = 5. Won: 4.
		{"reached or later", FunnelOptions{}, funnelCounts{12, [5]int64{12, 11, 10, 8, 5}, 4}},
		// As shown: P A B C D E F G J = 8; Q A B D E F G H J = 8;
		// D A E F G H J N = 7; R A B F G H K = 6; N A B G = 3; won A B I N = 4.
		{"reached at any time", FunnelOptions{Reach: ReachedAtAnyTime}, funnelCounts{12, [5]int64{8, 8, 7, 6, 3}, 4}},
		// In order from P: A to N then W (won); B stops at Q (skips D); C P;
		// D to Q; E, J to D; F to R (the move back does not matter); G to N
		// (lost); H, K, N start past P and I has no history: nothing.
		// P A B C D E F G J = 8; Q 8 − C = 7; D 7 − B − D = 5; R 5 − E − J = 3;
		// N 3 − F = 2; won A = 1.
		{"passed in order", FunnelOptions{Reach: PassedInOrder}, funnelCounts{12, [5]int64{8, 7, 5, 3, 2}, 1}},
		// Closed in Q1: A B C D E F G H I N L (11; J K M open). As the first
		// case, with L reaching to D and J, K out: 11, 10, 9, 7, 5; won 4.
		{"closed cohort", FunnelOptions{Cohort: FunnelClosedInPeriod}, funnelCounts{11, [5]int64{11, 10, 9, 7, 5}, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := FunnelOf(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, funnelCountsOf(got)); diff != "" {
				t.Errorf("FunnelOf(%v) counts (-want +got):\n%s", tc.opt.Reach, diff)
			}
			if got.Reach != tc.opt.Reach || got.Cohort != tc.opt.Cohort || got.Period != q1 || got.Scope != "all" || !got.AsOf.Equal(q1.End) {
				t.Errorf("FunnelOf() labels %v %v %v %q %v", got.Reach, got.Cohort, got.Period, got.Scope, got.AsOf)
			}
		})
	}
}

func TestFunnelOfRates(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	got, err := FunnelOf(ix.All(), q1, FunnelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Reached 12, 11, 10, 8, 5; won 4 (TestFunnelOfReach).
	rate := func(d, of int64) StageRate { return StageRate{d, of, float64(d) / float64(of), true} }
	type row struct {
		Stage            activity.Stage
		Next, Cumulative StageRate
	}
	want := []row{
		{funnelP, rate(11, 12), rate(12, 12)},
		{funnelQ, rate(10, 11), rate(11, 12)},
		{funnelD, rate(8, 10), rate(10, 12)},
		{funnelR, rate(5, 8), rate(8, 12)},
		{funnelN, rate(4, 5), rate(5, 12)}, // the last step converts to won
	}
	var rows []row
	for _, s := range got.Steps {
		rows = append(rows, row{s.Stage, s.Next, s.Cumulative})
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("FunnelOf() rates (-want +got):\n%s", diff)
	}
	if w := rate(4, 12); got.Won != w {
		t.Errorf("FunnelOf() won = %+v, want %+v", got.Won, w)
	}

	// Under ReachedAtAnyTime more deals are won (4) than were in
	// negotiation (3): a rate above 1, not an error.
	anyTime, err := FunnelOf(ix.All(), q1, FunnelOptions{Reach: ReachedAtAnyTime})
	if err != nil {
		t.Fatal(err)
	}
	if n := anyTime.Steps[4].Next; n != rate(4, 3) {
		t.Errorf("FunnelOf(any time) negotiation → won = %+v, want 4 of 3", n)
	}
}

// TestFunnelUndefinedStages: the deals of one rep (C alone, in the created
// cohort of a view narrowed to a deal) reach prospecting only; the later
// stages have no deal, so their rates are undefined, not NaN.
func TestFunnelUndefinedStages(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	v := ix.All().DealsWhere("deal=C", func(ix *activity.Index, row int) bool { return ix.DealID(row) == "C" })
	got, err := FunnelOf(v, q1, FunnelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// C reached P only: P next 0 of 1, cumulative 1 of 1; Q..N next 0 of 0.
	if s := got.Steps[0]; s.Next != (StageRate{0, 1, 0, true}) || s.Cumulative != (StageRate{1, 1, 1, true}) {
		t.Errorf("prospecting = %+v / %+v", s.Next, s.Cumulative)
	}
	for _, s := range got.Steps[1:] {
		if s.Next.Defined || s.Next != (StageRate{}) || s.Cumulative != (StageRate{0, 1, 0, true}) || s.Time.Defined || s.WinRate.Defined {
			t.Errorf("%s = %+v, want next undefined, cumulative 0 of 1, no time or win rate", s.Stage, s)
		}
		if math.IsNaN(s.Next.Rate) || math.IsNaN(s.Time.MeanDays) {
			t.Errorf("%s has NaN", s.Stage)
		}
	}
}

func TestFunnelTimeInStage(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	type stageTime struct {
		deals        int64
		mean, median float64
	}
	for _, tc := range []struct {
		name string
		opt  FunnelOptions
		want [5]stageTime
	}{
		{"as of the period's end", FunnelOptions{}, [5]stageTime{
			// P: A 2 (1→3 Jan), B 2, C 10, D 3, E 2, F 2, G 2, J 2 (10→12 Feb);
			// H, N not shown in P, I and K never. Sorted 2 2 2 2 2 2 3 10:
			// mean 25 / 8 = 3.125, median (2 + 2) / 2 = 2.
			{8, 3.125, 2},
			// Q: A 2, B 5, D 9, E 2, F 2 + 10 (two visits: 8→10, 20→30 Jan),
			// G 2, H 2 (created 8 Jan in Q), J 8. Sorted 2 2 2 2 5 8 9 12:
			// mean 42 / 8 = 5.25, median (2 + 5) / 2 = 3.5.
			{8, 5.25, 3.5},
			// D: A 5 + 3 (5→10, 12→15 Jan), E 10, F 4, G 2, H 2, N 10 (11→21
			// Jan; before 11 Jan its stage is unknown), J 41 (open: 20 Feb → 1
			// Apr = 10 + 31). Sorted 2 2 4 8 10 10 41: mean 77 / 7 = 11, median 8.
			{7, 11, 8},
			// R: A 2 + 5, B 10, F 6, G 4, H 10, K 31 (open, no history: 1 Mar
			// → 1 Apr). Sorted 4 6 7 10 10 31: mean 68 / 6, median 8.5.
			{6, 68.0 / 6, 8.5},
			// N: A 5, B 13 (19 Jan → 1 Feb), G 20 (17 Jan → 6 Feb): mean 38 / 3,
			// median 13.
			{3, 38.0 / 3, 13},
		}},
		{"as of 1 March", FunnelOptions{AsOf: date(2024, 3, 1)}, [5]stageTime{
			{8, 3.125, 2},
			{8, 5.25, 3.5},
			// J 20 Feb → 1 Mar = 10 days (2024 is a leap year): sorted 2 2 4 8
			// 10 10 10, mean 46 / 7, median 8.
			{7, 46.0 / 7, 8},
			// K entered at AsOf: no time. Sorted 4 6 7 10 10: mean 37 / 5 =
			// 7.4, median 7.
			{5, 7.4, 7},
			{3, 38.0 / 3, 13},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := FunnelOf(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			for k, w := range tc.want {
				s := got.Steps[k].Time
				if !s.Defined || s.Deals != w.deals || math.Abs(s.MeanDays-w.mean) > 1e-9 || math.Abs(s.MedianDays-w.median) > 1e-9 {
					t.Errorf("FunnelOf() time in %s = %+v, want %+v", got.Steps[k].Stage, s, w)
				}
			}
		})
	}
}

func TestFunnelWinRateByHighestStage(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	rate := func(won, closed int64) StageRate { return StageRate{won, closed, float64(won) / float64(closed), true} }
	for _, tc := range []struct {
		name     string
		opt      FunnelOptions
		want     [5]StageRate
		unplaced int64
	}{
		// Highest open stage shown, closed deals: P C lost (0 of 1); Q D lost
		// (0 of 1); D N won, E lost (1 of 2); R F, H lost (0 of 2); N A, B
		// won, G lost (2 of 3). I (won, no history) shows no open stage.
		// The same under every Reach rule.
		{"reached or later", FunnelOptions{}, [5]StageRate{rate(0, 1), rate(0, 1), rate(1, 2), rate(0, 2), rate(2, 3)}, 1},
		{"passed in order", FunnelOptions{Reach: PassedInOrder}, [5]StageRate{rate(0, 1), rate(0, 1), rate(1, 2), rate(0, 2), rate(2, 3)}, 1},
		// Closed in Q1 adds L, lost from D: 1 of 3.
		{"closed cohort", FunnelOptions{Cohort: FunnelClosedInPeriod}, [5]StageRate{rate(0, 1), rate(0, 1), rate(1, 3), rate(0, 2), rate(2, 3)}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := FunnelOf(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var rates [5]StageRate
			for k, s := range got.Steps {
				rates[k] = s.WinRate
			}
			if diff := cmp.Diff(tc.want, rates); diff != "" || got.Unplaced != tc.unplaced {
				t.Errorf("FunnelOf() win rates (-want +got):\n%s unplaced %d, want %d", diff, got.Unplaced, tc.unplaced)
			}
		})
	}
}

func TestCloseRate(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	for _, tc := range []struct {
		name               string
		from, to           activity.Stage
		opt                CloseRateOptions
		reached, converted int64
	}{
		// Reached D (or later): A B I N E F G H J K = 10; won: A B I N = 4.
		{"demo to won", funnelD, funnelW, CloseRateOptions{}, 10, 4},
		// Reached Q: 11 (all but C); reached N: A B I N G = 5.
		{"qualification to negotiation", funnelQ, funnelN, CloseRateOptions{}, 11, 5},
		// In D at some time: A E F G H J N = 7; of them in R: A F G H = 4.
		{"demo to proposal any time", funnelD, funnelR, CloseRateOptions{Reach: ReachedAtAnyTime}, 7, 4},
		// In order to Q: A B D E F G J = 7; to N: A G = 2.
		{"qualification to negotiation in order", funnelQ, funnelN, CloseRateOptions{Reach: PassedInOrder}, 7, 2},
		// In order to P: A B C D E F G J = 8; won in order: A = 1.
		{"prospecting to won in order", funnelP, funnelW, CloseRateOptions{Reach: PassedInOrder}, 8, 1},
		// Closed in Q1, reached D: A B I N E F G H L = 9; won 4.
		{"demo to won closed cohort", funnelD, funnelW, CloseRateOptions{Cohort: FunnelClosedInPeriod}, 9, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := CloseRate(ix.All(), q1, tc.from, tc.to, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			want := StageConversion{Scope: "all", Period: q1, Reach: tc.opt.Reach, Cohort: tc.opt.Cohort, From: tc.from, To: tc.to,
				Reached: tc.reached, Converted: tc.converted, Rate: float64(tc.converted) / float64(tc.reached), Defined: true}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("CloseRate(%s, %s) (-want +got):\n%s", tc.from, tc.to, diff)
			}
		})
	}
}

func TestFunnelBy(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	type row struct {
		Key       string
		Counts    funnelCounts
		Undefined bool
	}
	rows := func(gs []activity.Group[FunnelReport]) []row {
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, funnelCountsOf(g.Result), g.Undefined != ""})
		}
		return out
	}
	half := activity.Period{Start: date(2024, 1, 1), End: date(2024, 7, 1), Name: "2024 H1"}
	for _, tc := range []struct {
		name string
		p    activity.Period
		by   activity.By
		want []row
	}{
		// ann: A I (won, all), C to P, E to D, G to N, K to R: 6, 5, 5, 4, 3;
		// won 2. bob: B N (won, all), D to Q, F H to R, J to D: 6, 6, 5, 4,
		// 2; won 2. cy's deals were created outside Q1. The sums are the
		// whole funnel's 12, 11, 10, 8, 5 and 4.
		{"rep", q1, activity.ByRep(), []row{
			{"ann", funnelCounts{6, [5]int64{6, 5, 5, 4, 3}, 2}, false},
			{"bob", funnelCounts{6, [5]int64{6, 6, 5, 4, 2}, 2}, false},
		}},
		// By creation month over H1: January A B C D E F G H N (9, as the
		// whole funnel without I J K: 9, 8, 7, 6, 4, won 3); February I J
		// (I all; J to D: 2, 2, 2, 1, 1, won 1); March K (to R); April M
		// (open in P); May and June have none: undefined.
		{"month", half, activity.ByPeriod(activity.Calendar{}, 0), []row{
			{"2024-01", funnelCounts{9, [5]int64{9, 8, 7, 6, 4}, 3}, false},
			{"2024-02", funnelCounts{2, [5]int64{2, 2, 2, 1, 1}, 1}, false},
			{"2024-03", funnelCounts{1, [5]int64{1, 1, 1, 1, 0}, 0}, false},
			{"2024-04", funnelCounts{1, [5]int64{1, 0, 0, 0, 0}, 0}, false},
			{"2024-05", funnelCounts{}, true},
			{"2024-06", funnelCounts{}, true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			gs, err := FunnelBy(ix.All(), tc.p, tc.by, FunnelOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rows(gs)); diff != "" {
				t.Errorf("FunnelBy(%v) (-want +got):\n%s", tc.by, diff)
			}
		})
	}
}

// funnelDealsOf turns the records into FunnelDeals, for FunnelTally.Add.
func funnelDealsOf(r activity.Records) []FunnelDeal {
	var out []FunnelDeal
	for _, d := range r.Deals {
		fd := FunnelDeal{Status: d.Status, Stage: d.Stage, Created: d.CreatedAt, Closed: d.ClosedAt}
		for _, c := range r.StageChanges {
			if c.Deal == d.ID {
				fd.History = append(fd.History, c)
			}
		}
		out = append(out, fd)
	}
	return out
}

func TestFunnelTallyMerge(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	for _, opt := range []FunnelOptions{{}, {Reach: ReachedAtAnyTime}, {Reach: PassedInOrder}, {Reach: FirstEntryInOrder}} {
		t.Run(opt.Reach.String(), func(t *testing.T) {
			t.Parallel()
			a, err := NewFunnelTally(activity.TypicalB2B(), q1, opt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := NewFunnelTally(activity.TypicalB2B(), q1, opt)
			if err != nil {
				t.Fatal(err)
			}
			// The created cohort of Q1, split in two.
			n := 0
			for _, d := range funnelDealsOf(funnelRecords()) {
				if !q1.Contains(d.Created) {
					continue
				}
				half := a
				if n%2 == 1 {
					half = b
				}
				n++
				if err := half.Add(d); err != nil {
					t.Fatal(err)
				}
			}
			var ab, ba FunnelTally
			ab.Merge(a)
			ab.Merge(b)
			ba.Merge(b)
			ba.Merge(a)
			gotAB, errAB := ab.Result("all", q1)
			gotBA, errBA := ba.Result("all", q1)
			if errAB != nil || errBA != nil {
				t.Fatal(errAB, errBA)
			}
			if diff := cmp.Diff(gotAB, gotBA); diff != "" {
				t.Errorf("a+b and b+a differ (-ab +ba):\n%s", diff)
			}
			// The streamed tally agrees with the index's pass.
			want, err := FunnelOf(ix.All(), q1, opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, gotAB); diff != "" {
				t.Errorf("merged tally differs from FunnelOf (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFunnelTallyMergePanics(t *testing.T) {
	t.Parallel()
	a, _ := NewFunnelTally(activity.TypicalB2B(), q1, FunnelOptions{})
	b, _ := NewFunnelTally(activity.TypicalB2B(), q1, FunnelOptions{Reach: PassedInOrder})
	defer func() {
		if recover() == nil {
			t.Error("Merge of tallies with different reach rules did not panic")
		}
	}()
	a.Merge(b)
}

func TestFunnelErrors(t *testing.T) {
	t.Parallel()
	ix := funnelIndex(t)
	noFunnel, err := activity.NewIndex(funnelRecords(), activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all := ix.All()
	later := activity.Period{Start: date(2030, 1, 1), End: date(2030, 4, 1)}
	tally, _ := NewFunnelTally(activity.TypicalB2B(), q1, FunnelOptions{})
	var zero FunnelTally
	deal := func(stage activity.Stage, history ...activity.StageChange) FunnelDeal {
		return FunnelDeal{Status: activity.StatusOpen, Stage: stage, Created: date(2024, 1, 1), History: history}
	}
	change := func(from, to activity.Stage, at time.Time) activity.StageChange {
		return activity.StageChange{From: from, To: to, At: at}
	}
	broken := activity.TypicalB2B()
	broken.Stages[1].Stage = broken.Stages[0].Stage
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"funnel: invalid period", errOf(FunnelOf(all, activity.Period{}, FunnelOptions{})), activity.ErrInvalidPeriod},
		{"funnel: invalid reach", errOf(FunnelOf(all, q1, FunnelOptions{Reach: 9})), ErrInvalidOptions},
		{"funnel: invalid cohort", errOf(FunnelOf(all, q1, FunnelOptions{Cohort: 9})), ErrInvalidOptions},
		{"funnel: no funnel", errOf(FunnelOf(noFunnel.All(), q1, FunnelOptions{})), ErrNoFunnel},
		{"funnel: no deals", errOf(FunnelOf(all, later, FunnelOptions{})), ErrNoDeals},
		{"by: invalid by", errOf(FunnelBy(all, q1, activity.By{}, FunnelOptions{})), ErrInvalidOptions},
		{"by: invalid period", errOf(FunnelBy(all, activity.Period{}, activity.ByRep(), FunnelOptions{})), activity.ErrInvalidPeriod},
		{"by: no funnel", errOf(FunnelBy(noFunnel.All(), q1, activity.ByRep(), FunnelOptions{})), ErrNoFunnel},
		{"close: invalid period", errOf(CloseRate(all, activity.Period{}, funnelD, funnelW, CloseRateOptions{})), activity.ErrInvalidPeriod},
		{"close: invalid options", errOf(CloseRate(all, q1, funnelD, funnelW, CloseRateOptions{Reach: 9})), ErrInvalidOptions},
		{"close: no funnel", errOf(CloseRate(noFunnel.All(), q1, funnelD, funnelW, CloseRateOptions{})), ErrNoFunnel},
		{"close: unknown from", errOf(CloseRate(all, q1, "discovery", funnelW, CloseRateOptions{})), activity.ErrUnknownStage},
		{"close: unknown to", errOf(CloseRate(all, q1, funnelD, "signed", CloseRateOptions{})), activity.ErrUnknownStage},
		{"close: to before from", errOf(CloseRate(all, q1, funnelR, funnelQ, CloseRateOptions{})), ErrInvalidOptions},
		{"close: to is from", errOf(CloseRate(all, q1, funnelR, funnelR, CloseRateOptions{})), ErrInvalidOptions},
		{"close: from won", errOf(CloseRate(all, q1, funnelW, funnelL, CloseRateOptions{})), ErrInvalidOptions},
		{"close: to lost", errOf(CloseRate(all, q1, funnelD, funnelL, CloseRateOptions{})), ErrInvalidOptions},
		{"close: no deals", errOf(CloseRate(all, later, funnelD, funnelW, CloseRateOptions{})), ErrNoDeals},
		{"tally: no funnel", errOf(NewFunnelTally(activity.Funnel{}, q1, FunnelOptions{})), ErrNoFunnel},
		{"tally: invalid funnel", errOf(NewFunnelTally(broken, q1, FunnelOptions{})), activity.ErrInvalidFunnel},
		{"tally: invalid period", errOf(NewFunnelTally(activity.TypicalB2B(), activity.Period{}, FunnelOptions{})), activity.ErrInvalidPeriod},
		{"tally: invalid options", errOf(NewFunnelTally(activity.TypicalB2B(), q1, FunnelOptions{Reach: 9})), ErrInvalidOptions},
		{"add: zero tally", zero.Add(deal(funnelP)), ErrNoFunnel},
		{"add: unknown stage", tally.Add(deal("discovery")), activity.ErrUnknownStage},
		{"add: unknown to", tally.Add(deal(funnelQ, change(funnelP, "discovery", date(2024, 1, 2)))), activity.ErrUnknownStage},
		{"add: stage and status", tally.Add(deal(funnelW)), activity.ErrStageStatus},
		{"add: invalid status", tally.Add(FunnelDeal{Created: date(2024, 1, 1)}), activity.ErrInvalidStatus},
		{"add: no creation time", tally.Add(FunnelDeal{Status: activity.StatusOpen}), activity.ErrZeroTime},
		{"add: won without close", tally.Add(FunnelDeal{Status: activity.StatusWon, Created: date(2024, 1, 1)}), activity.ErrNoCloseTime},
		{"add: change before creation", tally.Add(deal(funnelQ, change(funnelP, funnelQ, date(2023, 12, 1)))), activity.ErrTimeOrder},
		{"add: changes out of order", tally.Add(deal(funnelD, change(funnelP, funnelQ, date(2024, 1, 5)), change(funnelQ, funnelD, date(2024, 1, 3)))), activity.ErrTimeOrder},
		{"add: broken history", tally.Add(deal(funnelD, change(funnelP, funnelQ, date(2024, 1, 2)), change(funnelR, funnelD, date(2024, 1, 3)))), activity.ErrBrokenHistory},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
	// A failed Add counts nothing.
	if r, err := tally.Result("all", q1); !errors.Is(err, ErrNoDeals) || r.Deals != 0 {
		t.Errorf("after failed Adds: %d deals, error %v; want 0, ErrNoDeals", r.Deals, err)
	}
	// CloseRate with no deal that reached from is marked undefined.
	if c, err := CloseRate(all, later, funnelD, funnelW, CloseRateOptions{}); c.Defined || c.Reached != 0 || c.From != funnelD || !errors.Is(err, ErrNoDeals) {
		t.Errorf("CloseRate(no deals) = %+v, %v", c, err)
	}
}

func TestFunnelStrings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		got, want string
	}{
		{ReachedOrLater.String(), "reached_or_later"},
		{ReachedAtAnyTime.String(), "reached_at_any_time"},
		{PassedInOrder.String(), "passed_in_order"},
		{Reach(9).String(), "Reach(9)"},
		{FunnelCreatedInPeriod.String(), "created_in_period"},
		{FunnelClosedInPeriod.String(), "closed_in_period"},
		{FunnelCohort(9).String(), "FunnelCohort(9)"},
	} {
		if tc.got != tc.want {
			t.Errorf("String() = %q, want %q", tc.got, tc.want)
		}
	}
}

func TestFunnelWithoutHistory(t *testing.T) {
	t.Parallel()
	// Ten deals created in 2025 Q1 with no stage history, 3 won and 7 lost
	// (a CRM that keeps none): every deal was at least prospecting, so the
	// close rate from prospecting is the win rate, 3 of 10.
	var deals []activity.Deal
	for i := range 10 {
		d := activity.Deal{ID: fmt.Sprintf("N%d", i), Owner: "ann", Amount: decimal.NewFromInt(100), Currency: "USD",
			CreatedAt: time.Date(2025, 1, 2+i, 0, 0, 0, 0, time.UTC), ClosedAt: time.Date(2025, 2, 2+i, 0, 0, 0, 0, time.UTC),
			Status: activity.StatusLost, Stage: activity.StageClosedLost}
		if i < 3 {
			d.Status, d.Stage = activity.StatusWon, activity.StageClosedWon
		}
		deals = append(deals, d)
	}
	ix := outcomeIndex(t, deals)
	q := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	c, err := CloseRate(ix.All(), q, activity.StageProspecting, activity.StageClosedWon, CloseRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Reached != 10 || c.Converted != 3 {
		t.Errorf("CloseRate = %d of %d, want 3 of 10", c.Converted, c.Reached)
	}
}

// TestFunnelZeroVisits times a visit of no length: D1 enters qualification
// and leaves it for demo at one instant; D2 spends 4 days there. By
// default only D2 is timed (4 days); under ZeroVisits both are, 0 and 4:
// mean 2, median 2.
func TestFunnelZeroVisits(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-01").To(activity.StageQualification, "2025-01-03").To(activity.StageDemo, "2025-01-03").Won("2025-01-10")
	b.Deal("D2", "ann", "100", "2025-01-01").To(activity.StageQualification, "2025-01-02").To(activity.StageDemo, "2025-01-06").Won("2025-01-12")
	ix := b.Index(activity.IndexOptions{Funnel: activity.TypicalB2B()})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
	for _, tc := range []struct {
		zero      bool
		deals     int64
		mean, med float64
	}{{false, 1, 4, 4}, {true, 2, 2, 2}} {
		f, err := FunnelOf(ix.All(), q1, FunnelOptions{ZeroVisits: tc.zero})
		if err != nil {
			t.Fatal(err)
		}
		st := f.Steps[1].Time // qualification
		if st.Deals != tc.deals || st.MeanDays != tc.mean || st.MedianDays != tc.med {
			t.Errorf("ZeroVisits %v: qualification time %+v, want %d deals, mean %v, median %v", tc.zero, st, tc.deals, tc.mean, tc.med)
		}
	}
}

// TestFunnelReachedWinRate: the win rate of the closed deals that reached
// each stage or a later one. By hand: all five deals closed; prospecting
// 2 won of 5; qualification D1–D4, 2 of 4; demo D1, D3, D4, 2 of 3;
// proposal and negotiation D1, D3 (wins reach every stage), 2 of 2.
func TestFunnelReachedWinRate(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-02").To(activity.StageQualification, "2025-01-05").To(activity.StageDemo, "2025-01-09").Won("2025-02-01")
	b.Deal("D2", "ann", "100", "2025-01-02").To(activity.StageQualification, "2025-01-06").Lost("2025-02-02", "price")
	b.Deal("D3", "bob", "100", "2025-01-03").Won("2025-02-03")
	b.Deal("D4", "bob", "100", "2025-01-03").To(activity.StageQualification, "2025-01-07").To(activity.StageDemo, "2025-01-10").Lost("2025-02-04", "price")
	b.Deal("D5", "bob", "100", "2025-01-04").Lost("2025-02-05", "no_decision")
	ix := b.Index(activity.IndexOptions{Funnel: activity.TypicalB2B()})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01")}
	f, err := FunnelOf(ix.All(), q1, FunnelOptions{Cohort: FunnelClosedInPeriod})
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]int64{{2, 5}, {2, 4}, {2, 3}, {2, 2}, {2, 2}}
	for k, st := range f.Steps {
		if r := st.ReachedWinRate; r.Deals != want[k][0] || r.Of != want[k][1] {
			t.Errorf("%s: reached win rate %d of %d, want %d of %d", st.Stage, r.Deals, r.Of, want[k][0], want[k][1])
		}
	}
}

// TestFunnelFirstEntryInOrder: D1 goes prospecting, demo, qualification,
// demo again, and is won. In order as a subsequence (PassedInOrder) it
// passed prospecting, qualification and demo; by first entries it entered
// demo before qualification, so under FirstEntryInOrder it reached
// prospecting and qualification only, and not the won outcome. D2 goes
// prospecting, qualification, demo, proposal, negotiation and is won: it
// reached every stage and won under both.
func TestFunnelFirstEntryInOrder(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("D1", "ann", "100", "2025-01-01").To(activity.StageDemo, "2025-01-02").To(activity.StageQualification, "2025-01-03").
		To(activity.StageDemo, "2025-01-04").Won("2025-01-10")
	b.Deal("D2", "ann", "100", "2025-01-01").To(activity.StageQualification, "2025-01-02").To(activity.StageDemo, "2025-01-03").
		To(activity.StageProposal, "2025-01-04").To(activity.StageNegotiation, "2025-01-05").Won("2025-01-11")
	ix := b.Index(activity.IndexOptions{Funnel: activity.TypicalB2B()})
	q1 := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01")}
	for _, tc := range []struct {
		reach   Reach
		reached []int64 // prospecting … negotiation
		won     int64
	}{
		{PassedInOrder, []int64{2, 2, 2, 1, 1}, 1},
		{FirstEntryInOrder, []int64{2, 2, 1, 1, 1}, 1},
	} {
		f, err := FunnelOf(ix.All(), q1, FunnelOptions{Reach: tc.reach})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, st := range f.Steps {
			got = append(got, st.Reached)
		}
		if !slices.Equal(got, tc.reached) || f.Won.Deals != tc.won {
			t.Errorf("%v: reached %v, won %d; want %v, %d", tc.reach, got, f.Won.Deals, tc.reached, tc.won)
		}
	}
}
