package forecast

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// pmDay is midnight UTC of a date written "2025-04-01"; "" is the zero time.
func pmDay(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func pmDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// pmQ2 is the period of the hand-worked tests: 2025 Q2, [1 April, 1 July).
var pmQ2 = activity.Period{Start: pmDay("2025-04-01"), End: pmDay("2025-07-01"), Name: "2025 Q2"}

// pmOpen is an open USD deal.
func pmOpen(id, owner, amount, created, expected string) activity.Deal {
	return activity.Deal{ID: id, Owner: owner, Amount: pmDec(amount), Currency: "USD", Stage: "proposal",
		Status: activity.StatusOpen, CreatedAt: pmDay(created), ExpectedCloseAt: pmDay(expected)}
}

// pmClosed is a won or lost USD deal.
func pmClosed(id, owner string, status activity.Status, amount, created, closed string) activity.Deal {
	stage := activity.Stage("closed_won")
	if status == activity.StatusLost {
		stage = "closed_lost"
	}
	return activity.Deal{ID: id, Owner: owner, Amount: pmDec(amount), Currency: "USD", Stage: stage,
		Status: status, CreatedAt: pmDay(created), ExpectedCloseAt: pmDay(closed), ClosedAt: pmDay(closed)}
}

// pmHandCase is the hand-worked example: 2025 Q2, snapshots on 1 April
// and 15 May 2025. Every category and most reasons appear:
//
//	deal owner      before (1 Apr)                    after (15 May)                    counts as
//	D01  ana        open 100.00, exp 05-10            open 100.00, exp 06-01            start, end
//	D02  ana        open 200.00, exp 04-20            open 250.10, exp 05-30            start, increased 50.10, end
//	D03  bob        open 300.00, exp 06-15            won 279.99 on 05-02               start, decreased 20.01, won 279.99
//	D04  bob        open 150.00, exp 05-05            lost 150.00 on 04-30              start, lost
//	D05  ana        open 400.00, exp 06-20            open 450.00, exp 08-15            start, increased 50.00, pushed out 450.00 (to later)
//	D06  ana → bob  open 120.00, exp 06-01            open 120.00, exp 03-31            start, pushed out (to earlier); bob's
//	D07  ana        open  90.00, exp 05-20            absent                            start, removed
//	D08  cy         absent                            created 04-10, open 500.50, 06-10 new (created since), end
//	D09  cy         open  60.00, exp 08-01            open  70.00, exp 06-25            pulled in 70.00 (from later), end
//	D10  bob        lost  80.00 on 03-15              reopened, open 80.00, exp 06-30   pulled in (reopened), end
//	D11  cy         absent                            created 04-05, won 40.00 on 04-28 new and won (passing through)
//	D12  ana        open 1000.00, exp 09-01           open 1000.00, exp 09-15           nothing (outside Q2 in both)
//	D13  dan        created 04-02 (after the snapshot) open 30.00, exp 05-01            new (created since), end
//	D14  bob        won 55.00 on 03-20                won 55.00 on 03-20                nothing (closed before)
//	D15  eve        absent                            created 05-20 (after the snapshot) nothing (not yet created)
func pmHandCase() (before, after Snapshot) {
	before = Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{
		pmOpen("D01", "ana", "100.00", "2025-01-05", "2025-05-10"),
		pmOpen("D02", "ana", "200.00", "2025-01-05", "2025-04-20"),
		pmOpen("D03", "bob", "300.00", "2025-02-01", "2025-06-15"),
		pmOpen("D04", "bob", "150.00", "2025-02-01", "2025-05-05"),
		pmOpen("D05", "ana", "400.00", "2025-02-10", "2025-06-20"),
		pmOpen("D06", "ana", "120.00", "2025-01-10", "2025-06-01"),
		pmOpen("D07", "ana", "90.00", "2025-03-01", "2025-05-20"),
		pmOpen("D09", "cy", "60.00", "2025-03-05", "2025-08-01"),
		pmClosed("D10", "bob", activity.StatusLost, "80.00", "2025-01-15", "2025-03-15"),
		pmOpen("D12", "ana", "1000.00", "2025-03-01", "2025-09-01"),
		pmOpen("D13", "dan", "30.00", "2025-04-02", "2025-05-01"),
		pmClosed("D14", "bob", activity.StatusWon, "55.00", "2025-01-02", "2025-03-20"),
	}}
	after = Snapshot{Taken: pmDay("2025-05-15"), Deals: []activity.Deal{
		pmOpen("D01", "ana", "100.00", "2025-01-05", "2025-06-01"),
		pmOpen("D02", "ana", "250.10", "2025-01-05", "2025-05-30"),
		pmClosed("D03", "bob", activity.StatusWon, "279.99", "2025-02-01", "2025-05-02"),
		pmClosed("D04", "bob", activity.StatusLost, "150.00", "2025-02-01", "2025-04-30"),
		pmOpen("D05", "ana", "450.00", "2025-02-10", "2025-08-15"),
		pmOpen("D06", "bob", "120.00", "2025-01-10", "2025-03-31"),
		pmOpen("D08", "cy", "500.50", "2025-04-10", "2025-06-10"),
		pmOpen("D09", "cy", "70.00", "2025-03-05", "2025-06-25"),
		pmOpen("D10", "bob", "80.00", "2025-01-15", "2025-06-30"),
		pmClosed("D11", "cy", activity.StatusWon, "40.00", "2025-04-05", "2025-04-28"),
		pmOpen("D12", "ana", "1000.00", "2025-03-01", "2025-09-15"),
		pmOpen("D13", "dan", "30.00", "2025-04-02", "2025-05-01"),
		pmClosed("D14", "bob", activity.StatusWon, "55.00", "2025-01-02", "2025-03-20"),
		pmOpen("D15", "eve", "75.00", "2025-05-20", "2025-06-01"),
	}}
	return before, after
}

// pmTotals builds a Movement's category totals from "deals amount" pairs in
// waterfall order.
func pmTotals(pairs ...any) Movement {
	var m Movement
	for c := range MovementCategory(pmCategories) {
		*m.pmTotal(c) = MovementTotal{Deals: int64(pairs[2*int(c)].(int)), Amount: pmDec(pairs[2*int(c)+1].(string))}
	}
	return m
}

var pmDecimalEqual = cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })

// pmTol compares slip rates within 1e-12.
var pmTol = cmp.Comparer(func(x, y float64) bool { return math.Abs(x-y) <= 1e-12 })

func TestPipelineMovementHandWorked(t *testing.T) {
	t.Parallel()
	before, after := pmHandCase()
	w, err := PipelineMovement(before, after, pmQ2, MovementOptions{By: MovementByRep})
	if err != nil {
		t.Fatal(err)
	}
	// Totals, from the table in pmHandCase:
	//   start      D01 100.00 + D02 200.00 + D03 300.00 + D04 150.00 + D05 400.00
	//              + D06 120.00 + D07 90.00                         = 1360.00 (7)
	//   new        D08 500.50 + D11 40.00 + D13 30.00                =  570.50 (3)
	//   pulled in  D09 70.00 + D10 80.00                             =  150.00 (2)
	//   increased  D02 250.10 − 200.00 = 50.10; D05 450 − 400 = 50.00 =  100.10 (2)
	//   decreased  D03 300.00 − 279.99                               =   20.01 (1)
	//   won        D03 279.99 + D11 40.00                            =  319.99 (2)
	//   lost       D04                                               =  150.00 (1)
	//   pushed out D05 450.00 + D06 120.00                           =  570.00 (2)
	//   removed    D07                                               =   90.00 (1)
	//   end        D01 100.00 + D02 250.10 + D08 500.50 + D09 70.00
	//              + D10 80.00 + D13 30.00                           = 1030.60 (6)
	// and 1360.00 + 570.50 + 150.00 + 100.10 − 20.01 − 319.99 − 150.00
	// − 570.00 − 90.00 = 1030.60. Slip: 2 of 7 deals; 570.00 / 1360.00 =
	// 0.41911764705882354.
	want := pmTotals(7, "1360.00", 3, "570.50", 2, "150.00", 2, "100.10", 1, "20.01",
		2, "319.99", 1, "150.00", 2, "570.00", 1, "90.00", 6, "1030.60")
	want.Slip = SlipRate{Count: 2.0 / 7, Amount: 570.0 / 1360}
	if diff := cmp.Diff(want, w.Total, pmDecimalEqual, pmTol); diff != "" {
		t.Errorf("Total (-want +got):\n%s", diff)
	}
	// Per rep, each deal under its after owner (D06 moved to bob; D07,
	// removed, stays with ana):
	//   ana  start 100 + 200 + 400 + 90 = 790.00 (4); increased 100.10 (2);
	//        pushed out D05 450.00; removed D07 90.00; end 100.00 + 250.10
	//        = 350.10 (2): 790.00 + 100.10 − 450.00 − 90.00 = 350.10.
	//        Slip 1/4 = 0.25 and 450/790 = 0.569620253164557.
	//   bob  start 300 + 150 + 120 = 570.00 (3); pulled in D10 80.00;
	//        decreased 20.01; won 279.99; lost 150.00; pushed out D06
	//        120.00; end 80.00: 570 + 80 − 20.01 − 279.99 − 150 − 120 = 80.
	//        Slip 1/3 and 120/570 = 0.21052631578947367.
	//   cy   new 500.50 + 40.00 = 540.50 (2); pulled in 70.00; won 40.00;
	//        end 570.50 (2): 540.50 + 70 − 40 = 570.50. No start: slip
	//        undefined.
	//   dan  new 30.00, end 30.00. Slip undefined.
	undef := "no deals in the start pipeline"
	ana := pmTotals(4, "790.00", 0, "0", 0, "0", 2, "100.10", 0, "0", 0, "0", 0, "0", 1, "450.00", 1, "90.00", 2, "350.10")
	ana.Slip = SlipRate{Count: 0.25, Amount: 450.0 / 790}
	bob := pmTotals(3, "570.00", 0, "0", 1, "80.00", 0, "0", 1, "20.01", 1, "279.99", 1, "150.00", 1, "120.00", 0, "0", 1, "80.00")
	bob.Slip = SlipRate{Count: 1.0 / 3, Amount: 120.0 / 570}
	cy := pmTotals(0, "0", 2, "540.50", 1, "70.00", 0, "0", 0, "0", 1, "40.00", 0, "0", 0, "0", 0, "0", 2, "570.50")
	cy.Slip = SlipRate{CountUndefined: undef, AmountUndefined: undef}
	dan := pmTotals(0, "0", 1, "30.00", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 1, "30.00")
	dan.Slip = SlipRate{CountUndefined: undef, AmountUndefined: undef}
	wantGroups := []MovementGroup{{"ana", ana}, {"bob", bob}, {"cy", cy}, {"dan", dan}}
	if diff := cmp.Diff(wantGroups, w.Groups, pmDecimalEqual, pmTol); diff != "" {
		t.Errorf("Groups (-want +got):\n%s", diff)
	}
	// Lines, by category then deal id, with each deal's expected close in
	// the before and after snapshots as the table gives them.
	type L = MovementLine
	ln := func(id, group string, c MovementCategory, r MovementReason, amount, from, to string) L {
		return L{Deal: id, Group: group, Category: c, Reason: r, Amount: pmDec(amount), From: pmDay(from), To: pmDay(to)}
	}
	wantLines := []L{
		ln("D01", "ana", MovementStart, ReasonNone, "100.00", "2025-05-10", "2025-06-01"),
		ln("D02", "ana", MovementStart, ReasonNone, "200.00", "2025-04-20", "2025-05-30"),
		ln("D03", "bob", MovementStart, ReasonNone, "300.00", "2025-06-15", "2025-05-02"),
		ln("D04", "bob", MovementStart, ReasonNone, "150.00", "2025-05-05", "2025-04-30"),
		ln("D05", "ana", MovementStart, ReasonNone, "400.00", "2025-06-20", "2025-08-15"),
		ln("D06", "bob", MovementStart, ReasonNone, "120.00", "2025-06-01", "2025-03-31"),
		ln("D07", "ana", MovementStart, ReasonNone, "90.00", "2025-05-20", ""),
		ln("D08", "cy", MovementNew, ReasonCreatedSince, "500.50", "", "2025-06-10"),
		ln("D11", "cy", MovementNew, ReasonCreatedSince, "40.00", "", "2025-04-28"),
		ln("D13", "dan", MovementNew, ReasonCreatedSince, "30.00", "", "2025-05-01"),
		ln("D09", "cy", MovementPulledIn, ReasonFromLater, "70.00", "2025-08-01", "2025-06-25"),
		ln("D10", "bob", MovementPulledIn, ReasonReopened, "80.00", "2025-03-15", "2025-06-30"),
		ln("D02", "ana", MovementIncreased, ReasonNone, "50.10", "2025-04-20", "2025-05-30"),
		ln("D05", "ana", MovementIncreased, ReasonNone, "50.00", "2025-06-20", "2025-08-15"),
		ln("D03", "bob", MovementDecreased, ReasonNone, "20.01", "2025-06-15", "2025-05-02"),
		ln("D03", "bob", MovementWon, ReasonNone, "279.99", "2025-06-15", "2025-05-02"),
		ln("D11", "cy", MovementWon, ReasonNone, "40.00", "", "2025-04-28"),
		ln("D04", "bob", MovementLost, ReasonNone, "150.00", "2025-05-05", "2025-04-30"),
		ln("D05", "ana", MovementPushedOut, ReasonToLater, "450.00", "2025-06-20", "2025-08-15"),
		ln("D06", "bob", MovementPushedOut, ReasonToEarlier, "120.00", "2025-06-01", "2025-03-31"),
		ln("D07", "ana", MovementRemoved, ReasonNotInAfter, "90.00", "2025-05-20", ""),
		ln("D01", "ana", MovementEnd, ReasonNone, "100.00", "2025-05-10", "2025-06-01"),
		ln("D02", "ana", MovementEnd, ReasonNone, "250.10", "2025-04-20", "2025-05-30"),
		ln("D08", "cy", MovementEnd, ReasonNone, "500.50", "", "2025-06-10"),
		ln("D09", "cy", MovementEnd, ReasonNone, "70.00", "2025-08-01", "2025-06-25"),
		ln("D10", "bob", MovementEnd, ReasonNone, "80.00", "2025-03-15", "2025-06-30"),
		ln("D13", "dan", MovementEnd, ReasonNone, "30.00", "", "2025-05-01"),
	}
	if diff := cmp.Diff(wantLines, w.Lines, pmDecimalEqual); diff != "" {
		t.Errorf("Lines (-want +got):\n%s", diff)
	}
	if w.Currency != "USD" || w.By != MovementByRep || !w.Before.Equal(before.Taken) || !w.After.Equal(after.Taken) {
		t.Errorf("header = %s %v %v %v, want USD rep 2025-04-01 2025-05-15", w.Currency, w.By, w.Before, w.After)
	}
}

// TestPipelineMovementByTeam groups by the team of the after snapshot (the
// before one for a removed deal), and a deal without a team under "".
func TestPipelineMovementByTeam(t *testing.T) {
	t.Parallel()
	team := func(d activity.Deal, tm string) activity.Deal { d.Team = tm; return d }
	before := Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{
		team(pmOpen("A", "ana", "100", "2025-01-01", "2025-05-01"), "east"),
		team(pmOpen("B", "bob", "200", "2025-01-01", "2025-05-01"), "east"),
		team(pmOpen("C", "cy", "300", "2025-01-01", "2025-05-01"), "west"),
	}}
	after := Snapshot{Taken: pmDay("2025-05-01"), Deals: []activity.Deal{
		team(pmOpen("A", "ana", "100", "2025-01-01", "2025-07-10"), "east"),
		team(pmOpen("B", "bob", "200", "2025-01-01", "2025-05-01"), "west"),
		pmOpen("D", "dan", "50", "2025-04-10", "2025-06-01"),
	}}
	w, err := PipelineMovement(before, after, pmQ2, MovementOptions{By: MovementByTeam})
	if err != nil {
		t.Fatal(err)
	}
	// "": D new 50, end 50. east: A start 100, pushed out 100 — slip 1/1
	// and 100/100. west: B (moved from east) start 200, end 200; C (removed,
	// before team west) start 300, removed 300: start 500 (2), end 200;
	// slip 0 of 2.
	none := pmTotals(0, "0", 1, "50", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 1, "50")
	none.Slip = SlipRate{CountUndefined: "no deals in the start pipeline", AmountUndefined: "no deals in the start pipeline"}
	east := pmTotals(1, "100", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 1, "100", 0, "0", 0, "0")
	east.Slip = SlipRate{Count: 1, Amount: 1}
	west := pmTotals(2, "500", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 0, "0", 1, "300", 1, "200")
	want := []MovementGroup{{"", none}, {"east", east}, {"west", west}}
	if diff := cmp.Diff(want, w.Groups, pmDecimalEqual, pmTol); diff != "" {
		t.Errorf("Groups (-want +got):\n%s", diff)
	}
}

// TestPipelineMovementReasons covers the edge cases one deal at a time:
// before snapshot on 1 April, after on 15 May 2025, period 2025 Q2.
func TestPipelineMovementReasons(t *testing.T) {
	t.Parallel()
	laterCreated := pmOpen("X", "ana", "10", "2025-01-01", "2025-05-01")
	laterCreated.CreatedAt = pmDay("2025-05-20") // after the after snapshot
	laterCreated.ExpectedCloseAt = pmDay("2025-05-25")
	type line struct {
		c MovementCategory
		r MovementReason
		a string
	}
	tests := []struct {
		name          string
		before, after []activity.Deal
		want          []line
	}{
		{"from earlier: overdue in March, now expected in May",
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "2025-03-20")},
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "2025-05-01")},
			[]line{{MovementPulledIn, ReasonFromEarlier, "10"}, {MovementEnd, ReasonNone, "10"}}},
		{"from undated",
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "")},
			[]activity.Deal{pmOpen("X", "ana", "12", "2025-01-01", "2025-05-01")},
			[]line{{MovementPulledIn, ReasonFromUndated, "12"}, {MovementEnd, ReasonNone, "12"}}},
		{"to undated",
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "2025-05-01")},
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "")},
			[]line{{MovementStart, ReasonNone, "10"}, {MovementPushedOut, ReasonToUndated, "10"}}},
		{"new, created before the before snapshot but missing from it",
			nil,
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-03-01", "2025-05-01")},
			[]line{{MovementNew, ReasonNotInBefore, "10"}, {MovementEnd, ReasonNone, "10"}}},
		{"removed: in the after snapshot, but created after it was taken",
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "2025-05-01")},
			[]activity.Deal{laterCreated},
			[]line{{MovementStart, ReasonNone, "10"}, {MovementRemoved, ReasonNotYetCreated, "10"}}},
		{"created and lost between the snapshots",
			nil,
			[]activity.Deal{pmClosed("X", "ana", activity.StatusLost, "10", "2025-04-05", "2025-04-20")},
			[]line{{MovementNew, ReasonCreatedSince, "10"}, {MovementLost, ReasonNone, "10"}}},
		{"pulled in from next quarter and won",
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "2025-08-01")},
			[]activity.Deal{pmClosed("X", "ana", activity.StatusWon, "11", "2025-01-01", "2025-05-01")},
			[]line{{MovementPulledIn, ReasonFromLater, "11"}, {MovementWon, ReasonNone, "11"}}},
		{"won before the before snapshot, missing from it: nothing",
			nil,
			[]activity.Deal{pmClosed("X", "ana", activity.StatusWon, "10", "2025-01-01", "2025-03-25")},
			nil},
		{"created and won after the period's end (snapshots past it): nothing",
			nil,
			[]activity.Deal{pmClosed("X", "ana", activity.StatusWon, "10", "2025-04-05", "2025-07-02")},
			nil},
		{"lost before and lost again after: nothing",
			[]activity.Deal{pmClosed("X", "ana", activity.StatusLost, "10", "2025-01-01", "2025-03-01")},
			[]activity.Deal{pmClosed("X", "ana", activity.StatusLost, "10", "2025-01-01", "2025-03-01")},
			nil},
		{"reopened and won again in the period",
			[]activity.Deal{pmClosed("X", "ana", activity.StatusLost, "10", "2025-01-01", "2025-03-01")},
			[]activity.Deal{pmClosed("X", "ana", activity.StatusWon, "10", "2025-01-01", "2025-05-01")},
			[]line{{MovementPulledIn, ReasonReopened, "10"}, {MovementWon, ReasonNone, "10"}}},
		{"in the before pipeline, closed in the after snapshot: amount change then won",
			[]activity.Deal{pmOpen("X", "ana", "10", "2025-01-01", "2025-05-01")},
			[]activity.Deal{pmClosed("X", "ana", activity.StatusWon, "15.5", "2025-01-01", "2025-07-20")},
			[]line{{MovementStart, ReasonNone, "10"}, {MovementIncreased, ReasonNone, "5.5"}, {MovementWon, ReasonNone, "15.5"}}},
		{"zero amount deal stays",
			[]activity.Deal{pmOpen("X", "ana", "0", "2025-01-01", "2025-05-01")},
			[]activity.Deal{pmOpen("X", "ana", "0", "2025-01-01", "2025-06-01")},
			[]line{{MovementStart, ReasonNone, "0"}, {MovementEnd, ReasonNone, "0"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before := Snapshot{Taken: pmDay("2025-04-01"), Deals: tc.before}
			after := Snapshot{Taken: pmDay("2025-05-15"), Deals: tc.after}
			w, err := PipelineMovement(before, after, pmQ2, MovementOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []line
			for _, l := range w.Lines {
				got = append(got, line{l.Category, l.Reason, l.Amount.String()})
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(line{})); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPipelineMovementEmpty: no deals, nothing counted, slip undefined.
func TestPipelineMovementEmpty(t *testing.T) {
	t.Parallel()
	w, err := PipelineMovement(Snapshot{Taken: pmDay("2025-04-01")}, Snapshot{Taken: pmDay("2025-04-01")}, pmQ2, MovementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !w.Total.End.Amount.IsZero() || w.Total.Start.Deals != 0 || len(w.Lines) != 0 || w.Currency != "" ||
		w.Total.Slip.CountUndefined == "" || w.Total.Slip.AmountUndefined == "" {
		t.Errorf("empty waterfall = %+v", w)
	}
}

// TestPipelineMovementSlipZeroAmount: start deals of zero amount define the
// count ratio (1 of 2 pushed out) but not the amount ratio.
func TestPipelineMovementSlipZeroAmount(t *testing.T) {
	t.Parallel()
	before := Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{
		pmOpen("A", "ana", "0", "2025-01-01", "2025-05-01"), pmOpen("B", "ana", "0", "2025-01-01", "2025-05-01")}}
	after := Snapshot{Taken: pmDay("2025-05-01"), Deals: []activity.Deal{
		pmOpen("A", "ana", "0", "2025-01-01", "2025-08-01"), pmOpen("B", "ana", "0", "2025-01-01", "2025-05-01")}}
	w, err := PipelineMovement(before, after, pmQ2, MovementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := SlipRate{Count: 0.5, AmountUndefined: "start pipeline amount is zero"}
	if w.Total.Slip != want {
		t.Errorf("Slip = %+v, want %+v", w.Total.Slip, want)
	}
}

func pmRates(t *testing.T, rates ...activity.ExchangeRate) *activity.ExchangeRates {
	t.Helper()
	tab, err := activity.NewExchangeRates(rates)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestPipelineMovementConversion(t *testing.T) {
	t.Parallel()
	eur := func(d activity.Deal) activity.Deal { d.Currency = "EUR"; return d }
	before := Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{
		eur(pmOpen("E", "ana", "100.00", "2025-01-01", "2025-05-01")),
		pmOpen("U", "bob", "50.00", "2025-01-01", "2025-05-01"),
	}}
	after := Snapshot{Taken: pmDay("2025-05-15"), Deals: []activity.Deal{
		eur(pmClosed("E", "ana", activity.StatusWon, "120.00", "2025-01-01", "2025-05-01")),
		pmOpen("U", "bob", "50.00", "2025-01-01", "2025-06-01"),
	}}
	rates := pmRates(t,
		activity.ExchangeRate{From: "EUR", To: "USD", On: pmDay("2025-04-01"), Rate: pmDec("1.08")},
		activity.ExchangeRate{From: "EUR", To: "USD", On: pmDay("2025-05-01"), Rate: pmDec("1.12")},
		activity.ExchangeRate{From: "EUR", To: "USD", On: pmDay("2025-06-30"), Rate: pmDec("1.10")},
	)
	t.Run("period end", func(t *testing.T) {
		t.Parallel()
		conv := &activity.Conversion{To: "USD", Converter: rates, Date: activity.RateAtPeriodEnd}
		w, err := PipelineMovement(before, after, pmQ2, MovementOptions{Conversion: conv})
		if err != nil {
			t.Fatal(err)
		}
		// One rate, 30 June's 1.10: E starts at 100 × 1.10 = 110, is won at
		// 120 × 1.10 = 132 (increased 22); U 50 stays. Start 160, end 50:
		// 160 + 22 − 132 = 50.
		want := pmTotals(2, "160", 0, "0", 0, "0", 1, "22", 0, "0", 1, "132", 0, "0", 0, "0", 0, "0", 1, "50")
		want.Slip = SlipRate{}
		if diff := cmp.Diff(want, w.Total, pmDecimalEqual, pmTol); diff != "" {
			t.Errorf("Total (-want +got):\n%s", diff)
		}
		if w.Currency != "USD" {
			t.Errorf("Currency = %q, want USD", w.Currency)
		}
	})
	t.Run("at close", func(t *testing.T) {
		t.Parallel()
		conv := &activity.Conversion{To: "USD", Converter: rates}
		same := after
		same.Deals = slices.Clone(after.Deals)
		same.Deals[0].Amount = pmDec("100.00")
		w, err := PipelineMovement(before, same, pmQ2, MovementOptions{Conversion: conv})
		if err != nil {
			t.Fatal(err)
		}
		// E open on 1 April at that day's 1.08: 108; won on 1 May at 1.12:
		// 112. The amount in euros did not change, the rate did: increased
		// 4. Start 108 + 50 = 158; 158 + 4 − 112 = 50.
		want := pmTotals(2, "158", 0, "0", 0, "0", 1, "4", 0, "0", 1, "112", 0, "0", 0, "0", 0, "0", 1, "50")
		if diff := cmp.Diff(want, w.Total, pmDecimalEqual, pmTol); diff != "" {
			t.Errorf("Total (-want +got):\n%s", diff)
		}
	})
}

// TestPipelineMovementUncountedCurrency: a deal in another currency that
// counts in no category does not make the currencies mixed.
func TestPipelineMovementUncountedCurrency(t *testing.T) {
	t.Parallel()
	other := pmOpen("E", "ana", "5", "2025-01-01", "2025-09-01")
	other.Currency = "EUR"
	before := Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{pmOpen("U", "ana", "5", "2025-01-01", "2025-05-01"), other}}
	w, err := PipelineMovement(before, before, pmQ2, MovementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w.Currency != "USD" || !w.Total.End.Amount.Equal(pmDec("5")) {
		t.Errorf("got %s %s, want 5 USD", w.Total.End.Amount, w.Currency)
	}
}

// pmRecordErrors collects the RecordErrors in err's tree.
func pmRecordErrors(err error) []*activity.RecordError {
	var out []*activity.RecordError
	var walk func(error)
	walk = func(e error) {
		if re, ok := e.(*activity.RecordError); ok {
			out = append(out, re)
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			if x := u.Unwrap(); x != nil {
				walk(x)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

func TestPipelineMovementErrors(t *testing.T) {
	t.Parallel()
	good := Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{pmOpen("A", "ana", "10", "2025-01-01", "2025-05-01")}}
	later := Snapshot{Taken: pmDay("2025-05-01"), Deals: good.Deals}
	negative := pmOpen("B", "bob", "-1", "2025-01-01", "2025-05-01")
	eur := pmOpen("A", "ana", "10", "2025-01-01", "2025-05-01")
	eur.Currency = "EUR"
	noRates := pmRates(t)
	tests := []struct {
		name          string
		before, after Snapshot
		p             activity.Period
		opts          MovementOptions
		want          []error
		records       []activity.RecordError // Record, Index, ID, Field; Err not compared
	}{
		{name: "zero period", before: good, after: later, p: activity.Period{},
			want: []error{activity.ErrInvalidPeriod}},
		{name: "period ends before it starts", before: good, after: later,
			p: activity.Period{Start: pmQ2.End, End: pmQ2.Start}, want: []error{activity.ErrInvalidPeriod}},
		{name: "unknown grouping", before: good, after: later, p: pmQ2, opts: MovementOptions{By: 3},
			want: []error{ErrInvalidOptions}},
		{name: "conversion without converter", before: good, after: later, p: pmQ2,
			opts: MovementOptions{Conversion: &activity.Conversion{To: "USD"}},
			want: []error{ErrInvalidOptions, activity.ErrInvalidConversion}},
		{name: "zero before time", before: Snapshot{Deals: good.Deals}, after: later, p: pmQ2,
			want:    []error{ErrInvalidSnapshot, activity.ErrZeroTime},
			records: []activity.RecordError{{Record: "snapshot", Index: -1, Field: "taken"}}},
		{name: "zero after time", before: good, after: Snapshot{Deals: good.Deals}, p: pmQ2,
			want:    []error{ErrInvalidSnapshot, activity.ErrZeroTime},
			records: []activity.RecordError{{Record: "snapshot", Index: -1, Field: "taken"}}},
		{name: "after taken before before", before: later, after: good, p: pmQ2,
			want: []error{ErrInvalidSnapshot}},
		{name: "invalid deal", before: Snapshot{Taken: good.Taken, Deals: []activity.Deal{good.Deals[0], negative}}, after: later, p: pmQ2,
			want:    []error{ErrInvalidSnapshot, activity.ErrNegativeAmount},
			records: []activity.RecordError{{Record: "deal", Index: 1, ID: "B", Field: "amount"}}},
		{name: "duplicate id in after", before: good, after: Snapshot{Taken: later.Taken, Deals: []activity.Deal{good.Deals[0], good.Deals[0]}}, p: pmQ2,
			want:    []error{ErrInvalidSnapshot, activity.ErrDuplicateID},
			records: []activity.RecordError{{Record: "deal", Index: 1, ID: "A", Field: "id"}}},
		{name: "duplicate id in before", before: Snapshot{Taken: good.Taken, Deals: []activity.Deal{good.Deals[0], good.Deals[0]}}, after: later, p: pmQ2,
			want:    []error{ErrInvalidSnapshot, activity.ErrDuplicateID},
			records: []activity.RecordError{{Record: "deal", Index: 1, ID: "A", Field: "id"}}},
		{name: "every problem reported", p: pmQ2,
			before: Snapshot{Deals: []activity.Deal{negative, {ID: "C"}}},
			after:  Snapshot{Taken: later.Taken, Deals: []activity.Deal{good.Deals[0], good.Deals[0]}},
			want:   []error{ErrInvalidSnapshot, activity.ErrZeroTime, activity.ErrNegativeAmount, activity.ErrDuplicateID, activity.ErrMissingField},
			// C lacks owner, stage, currency, created time and status.
			records: []activity.RecordError{
				{Record: "snapshot", Index: -1, Field: "taken"},
				{Record: "deal", Index: 0, ID: "B", Field: "amount"},
				{Record: "deal", Index: 1, ID: "C", Field: "owner"},
				{Record: "deal", Index: 1, ID: "C", Field: "stage"},
				{Record: "deal", Index: 1, ID: "C", Field: "currency"},
				{Record: "deal", Index: 1, ID: "C", Field: "created_at"},
				{Record: "deal", Index: 1, ID: "C", Field: "status"},
				{Record: "deal", Index: 1, ID: "A", Field: "id"},
			}},
		{name: "mixed currencies", before: good, after: Snapshot{Taken: later.Taken, Deals: []activity.Deal{eur}}, p: pmQ2,
			want: []error{performance.ErrMixedCurrencies}},
		{name: "mixed currencies across deals", before: Snapshot{Taken: good.Taken, Deals: []activity.Deal{good.Deals[0], func() activity.Deal {
			e := eur
			e.ID = "E"
			return e
		}()}}, after: later, p: pmQ2, want: []error{performance.ErrMixedCurrencies}},
		{name: "no rate", before: good, after: Snapshot{Taken: later.Taken, Deals: []activity.Deal{eur}}, p: pmQ2,
			opts: MovementOptions{Conversion: &activity.Conversion{To: "USD", Converter: noRates, Date: activity.RateAtPeriodEnd}},
			want: []error{activity.ErrNoRate}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := PipelineMovement(tc.before, tc.after, tc.p, tc.opts)
			if err == nil {
				t.Fatal("PipelineMovement: no error")
			}
			for _, want := range tc.want {
				if !errors.Is(err, want) {
					t.Errorf("PipelineMovement: %v, want %v", err, want)
				}
			}
			var got []activity.RecordError
			for _, re := range pmRecordErrors(err) {
				got = append(got, activity.RecordError{Record: re.Record, Index: re.Index, ID: re.ID, Field: re.Field})
			}
			if diff := cmp.Diff(tc.records, got); diff != "" {
				t.Errorf("record errors (-want +got):\n%s", diff)
			}
			if tc.records != nil {
				var re *activity.RecordError
				if !errors.As(err, &re) {
					t.Errorf("errors.As(%v, *RecordError) = false", err)
				}
			}
		})
	}
}

func TestSnapshotValidate(t *testing.T) {
	t.Parallel()
	a := pmOpen("A", "ana", "10", "2025-01-01", "2025-05-01")
	bad := a
	bad.Status = activity.StatusWon // without a close time
	tests := []struct {
		name    string
		s       Snapshot
		want    []error
		records []activity.RecordError
	}{
		{"valid", Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{a}}, nil, nil},
		{"empty", Snapshot{Taken: pmDay("2025-04-01")}, nil, nil},
		{"zero time", Snapshot{Deals: []activity.Deal{a}}, []error{ErrInvalidSnapshot, activity.ErrZeroTime},
			[]activity.RecordError{{Record: "snapshot", Index: -1, Field: "taken"}}},
		{"duplicate", Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{a, a, a}}, []error{ErrInvalidSnapshot, activity.ErrDuplicateID},
			[]activity.RecordError{{Record: "deal", Index: 1, ID: "A", Field: "id"}, {Record: "deal", Index: 2, ID: "A", Field: "id"}}},
		{"invalid deal", Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{{ID: "Z", Owner: "o", Stage: "s", Currency: "USD", Status: activity.StatusOpen, CreatedAt: pmDay("2025-01-01")}, bad}},
			[]error{ErrInvalidSnapshot, activity.ErrNoCloseTime},
			[]activity.RecordError{{Record: "deal", Index: 1, ID: "A", Field: "closed_at"}}},
		{"empty ids are not duplicates", Snapshot{Taken: pmDay("2025-04-01"), Deals: []activity.Deal{{Owner: "o", Stage: "s", Currency: "USD", Status: activity.StatusOpen, CreatedAt: pmDay("2025-01-01")}, {Owner: "o", Stage: "s", Currency: "USD", Status: activity.StatusOpen, CreatedAt: pmDay("2025-01-01")}}},
			[]error{ErrInvalidSnapshot, activity.ErrMissingID},
			[]activity.RecordError{{Record: "deal", Index: 0, Field: "id"}, {Record: "deal", Index: 1, Field: "id"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.s.Validate()
			if (err != nil) != (tc.want != nil) {
				t.Fatalf("Validate() = %v, want errors %v", err, tc.want)
			}
			for _, want := range tc.want {
				if !errors.Is(err, want) {
					t.Errorf("Validate() = %v, want %v", err, want)
				}
			}
			var got []activity.RecordError
			for _, re := range pmRecordErrors(err) {
				got = append(got, activity.RecordError{Record: re.Record, Index: re.Index, ID: re.ID, Field: re.Field})
			}
			if diff := cmp.Diff(tc.records, got); diff != "" {
				t.Errorf("record errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMovementOptionsValidate(t *testing.T) {
	t.Parallel()
	if err := (MovementOptions{}).Validate(); err != nil {
		t.Errorf("zero options: %v", err)
	}
	conv := &activity.Conversion{To: "USD", Converter: pmRates(t), Date: activity.RateFixed}
	if err := (MovementOptions{Conversion: conv}).Validate(); !errors.Is(err, ErrInvalidOptions) || !errors.Is(err, activity.ErrInvalidConversion) {
		t.Errorf("fixed rate without a date: %v, want ErrInvalidOptions and ErrInvalidConversion", err)
	}
	if err := (MovementOptions{By: 7}).Validate(); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("By 7: %v, want ErrInvalidOptions", err)
	}
}

// TestPipelineMovementInputUnchanged: the caller's deals are not modified.
func TestPipelineMovementInputUnchanged(t *testing.T) {
	t.Parallel()
	before, after := pmHandCase()
	b0, a0 := slices.Clone(before.Deals), slices.Clone(after.Deals)
	if _, err := PipelineMovement(before, after, pmQ2, MovementOptions{By: MovementByTeam}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b0, before.Deals, pmDecimalEqual); diff != "" {
		t.Errorf("before changed (-was +now):\n%s", diff)
	}
	if diff := cmp.Diff(a0, after.Deals, pmDecimalEqual); diff != "" {
		t.Errorf("after changed (-was +now):\n%s", diff)
	}
}

func TestSnapshotJSON(t *testing.T) {
	t.Parallel()
	in := `{"taken": "2025-04-01", "deals": [{"id": "A", "owner": "ana", "amount": "10.50", "currency": "USD",
		"stage": "proposal", "status": "open", "created_at": "2025-01-01", "expected_close_at": 1746057600000}]}`
	var s Snapshot
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	// 1746057600000 ms is 2025-05-01T00:00:00Z (1746057600 = 20209 days × 86400).
	if !s.Taken.Equal(pmDay("2025-04-01")) || len(s.Deals) != 1 || !s.Deals[0].ExpectedCloseAt.Equal(pmDay("2025-05-01")) ||
		!s.Deals[0].Amount.Equal(pmDec("10.5")) {
		t.Fatalf("decoded %+v", s)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Snapshot
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back, pmDecimalEqual); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(b), `"taken":"2025-04-01T00:00:00Z"`) {
		t.Errorf("JSON %s lacks snake_case taken", b)
	}
	for _, bad := range []string{`{"taken": "yesterday"}`, `{"taken": true}`, `{"deals": 3}`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
	if err := json.Unmarshal([]byte(`{"taken": null}`), &s); err != nil || !s.Taken.IsZero() {
		t.Errorf("null taken: %v, %v", s.Taken, err)
	}
	// Bad deals are named by position, id and field, every one of them.
	bad := `{"taken": "2025-04-01", "deals": [{"id": "A", "amount": "1O.50"}, {"id": "B", "amount": "5"},
		{"id": "C", "amount": "5", "created_at": "soon"}]}`
	err = json.Unmarshal([]byte(bad), &s)
	var re *activity.RecordError
	if !errors.As(err, &re) || re.Index != 0 || re.ID != "A" || re.Field != "amount" || !errors.Is(err, activity.ErrInvalidAmount) ||
		!strings.Contains(err.Error(), `deal 2 "C" created_at`) {
		t.Errorf("bad deals: %v, want deal 0 \"A\" amount and deal 2 \"C\" created_at", err)
	}
}

func TestWaterfallJSON(t *testing.T) {
	t.Parallel()
	before, after := pmHandCase()
	w, err := PipelineMovement(before, after, pmQ2, MovementOptions{By: MovementByRep})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`"by":"rep"`, `"currency":"USD"`, `"start":{"deals":7,"amount":"1360.00"}`, `"pulled_in":{"deals":2,"amount":"150.00"}`,
		`"end":{"deals":6,"amount":"1030.60"}`, `"key":"ana"`, `"amount_undefined":"no deals in the start pipeline"`,
		`{"deal":"D06","group":"bob","category":"pushed_out","reason":"to_earlier","amount":"120.00","from":"2025-06-01T00:00:00Z","to":"2025-03-31T00:00:00Z"}`,
		`{"deal":"D07","group":"ana","category":"start","amount":"90.00","from":"2025-05-20T00:00:00Z"}`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
}

func TestMovementStrings(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{MovementPushedOut.String(), "pushed_out"},
		{MovementCategory(10).String(), "MovementCategory(10)"},
		{ReasonNone.String(), "none"},
		{ReasonToEarlier.String(), "to_earlier"},
		{MovementReason(99).String(), "MovementReason(99)"},
		{MovementUngrouped.String(), "none"},
		{MovementByTeam.String(), "team"},
		{MovementGrouping(5).String(), "MovementGrouping(5)"},
		{MovementLine{Deal: "D7", Category: MovementPushedOut, Reason: ReasonToLater, Amount: pmDec("450.00"),
			From: pmDay("2025-06-20"), To: pmDay("2025-08-15")}.String(), "D7 pushed_out 450.00 (to_later: expected 2025-06-20 → 2025-08-15)"},
		{MovementLine{Deal: "D8", Category: MovementNew, Reason: ReasonCreatedSince, Amount: pmDec("5"), To: pmDay("2025-06-01")}.String(),
			"D8 new 5 (created_since: expected none → 2025-06-01)"},
		{MovementLine{Deal: "D9", Category: MovementEnd, Amount: pmDec("5")}.String(), "D9 end 5"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("String() = %q, want %q", tc.got, tc.want)
		}
	}
	var m Movement
	if m.Category(MovementCategory(42)) != (MovementTotal{}) {
		t.Errorf("Category(42) not zero")
	}
}

// pmCheckWaterfall asserts the invariants of any waterfall: each scope
// reconciles exactly, the groups add up to the total, each category's lines
// add up to its total, lines are sorted, amounts are not negative and the
// slip rates are finite.
func pmCheckWaterfall(t *testing.T, w Waterfall) {
	t.Helper()
	reconcile := func(scope string, m Movement) {
		t.Helper()
		got := m.Start.Amount.Add(m.New.Amount).Add(m.PulledIn.Amount).Add(m.Increased.Amount).
			Sub(m.Decreased.Amount).Sub(m.Won.Amount).Sub(m.Lost.Amount).Sub(m.PushedOut.Amount).Sub(m.Removed.Amount)
		if !got.Equal(m.End.Amount) {
			t.Errorf("%s: start + movements = %s, end = %s", scope, got, m.End.Amount)
		}
		for _, f := range []float64{m.Slip.Count, m.Slip.Amount} {
			if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
				t.Errorf("%s: slip %+v", scope, m.Slip)
			}
		}
		if m.Slip.Count > 1 {
			t.Errorf("%s: slip count %v above 1", scope, m.Slip.Count)
		}
	}
	reconcile("total", w.Total)
	var byGroup [pmCategories]MovementTotal
	for _, g := range w.Groups {
		reconcile("group "+g.Key, g.Movement)
		for c := range MovementCategory(pmCategories) {
			byGroup[c].Deals += g.Category(c).Deals
			byGroup[c].Amount = byGroup[c].Amount.Add(g.Category(c).Amount)
		}
	}
	var byLine [pmCategories]MovementTotal
	for i, l := range w.Lines {
		byLine[l.Category].Deals++
		byLine[l.Category].Amount = byLine[l.Category].Amount.Add(l.Amount)
		if l.Amount.IsNegative() {
			t.Errorf("line %v: negative amount", l)
		}
		if i > 0 {
			p := w.Lines[i-1]
			if p.Category > l.Category || p.Category == l.Category && p.Deal >= l.Deal {
				t.Errorf("lines %v and %v out of order", p, l)
			}
		}
	}
	for c := range MovementCategory(pmCategories) {
		tot := w.Total.Category(c)
		if byLine[c].Deals != tot.Deals || !byLine[c].Amount.Equal(tot.Amount) {
			t.Errorf("%v: lines add to %d deals %s, total %d %s", c, byLine[c].Deals, byLine[c].Amount, tot.Deals, tot.Amount)
		}
		if w.By != MovementUngrouped && (byGroup[c].Deals != tot.Deals || !byGroup[c].Amount.Equal(tot.Amount)) {
			t.Errorf("%v: groups add to %d deals %s, total %d %s", c, byGroup[c].Deals, byGroup[c].Amount, tot.Deals, tot.Amount)
		}
	}
	if !slices.IsSortedFunc(w.Groups, func(x, y MovementGroup) int { return strings.Compare(x.Key, y.Key) }) {
		t.Errorf("groups out of order")
	}
}

// pmBytes reads a fuzzer's bytes as small numbers, then zeros.
type pmBytes struct{ b []byte }

func (r *pmBytes) pmNext() int {
	if len(r.b) == 0 {
		return 0
	}
	v := int(r.b[0])
	r.b = r.b[1:]
	return v
}

// pmGenerate builds two snapshots of 2025 from bytes: ids from a pool of
// 20 so that deals match, amounts with 0 to 3 decimal places, a few in EUR,
// a few invalid (negative amount, repeated id), and snapshot times in
// order or not.
func pmGenerate(data []byte) (before, after Snapshot) {
	r := &pmBytes{data}
	base := pmDay("2025-01-01")
	days := func(n int) time.Time { return base.AddDate(0, 0, n) }
	owners := []string{"ana", "bob", "cy", ""}
	teams := []string{"east", "west", ""}
	snap := func(taken time.Time) Snapshot {
		s := Snapshot{Taken: taken}
		n := r.pmNext() % 24
		used := map[int]bool{}
		for range n {
			id := r.pmNext() % 20
			if used[id] && r.pmNext()%8 != 0 {
				continue
			}
			used[id] = true
			created := r.pmNext() % 200
			d := activity.Deal{
				ID: "D" + string(rune('A'+id)), Owner: owners[r.pmNext()%3], Team: teams[r.pmNext()%3], Stage: "s",
				Amount:    decimal.New(int64(r.pmNext()*r.pmNext()), -int32(r.pmNext()%4)),
				Currency:  "USD",
				CreatedAt: days(created),
			}
			if r.pmNext()%32 == 0 {
				d.Currency = "EUR"
			}
			if r.pmNext()%64 == 0 {
				d.Amount = d.Amount.Neg().Sub(decimal.New(1, 0))
			}
			if e := r.pmNext() % 10; e != 0 {
				d.ExpectedCloseAt = days(created + (e-1)*20 + r.pmNext()%20)
			}
			switch r.pmNext() % 3 {
			case 0:
				d.Status = activity.StatusOpen
			case 1:
				d.Status, d.ClosedAt = activity.StatusWon, days(created+r.pmNext()%150)
			default:
				d.Status, d.ClosedAt = activity.StatusLost, days(created+r.pmNext()%150)
			}
			s.Deals = append(s.Deals, d)
		}
		return s
	}
	t0 := days(r.pmNext() % 150)
	before = snap(t0)
	t1 := t0.AddDate(0, 0, r.pmNext()%120)
	if r.pmNext()%64 == 0 {
		t1 = t0.AddDate(0, 0, -1)
	}
	after = snap(t1)
	return before, after
}

// pmShuffle returns a copy of s with its deals in a seeded random order.
func pmShuffle(s Snapshot, seed uint64) Snapshot {
	out := Snapshot{Taken: s.Taken, Deals: slices.Clone(s.Deals)}
	rng := rand.New(rand.NewPCG(seed, 1))
	rng.Shuffle(len(out.Deals), func(i, j int) { out.Deals[i], out.Deals[j] = out.Deals[j], out.Deals[i] })
	return out
}

// TestPipelineMovementReconciles checks the invariants on seeded random
// snapshots and on the hand-worked case, in every grouping, and that the
// order of the deals does not matter.
func TestPipelineMovementReconciles(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	valid, lines := 0, 0
	for i := range 500 {
		data := make([]byte, 400)
		for j := range data {
			data[j] = byte(rng.UintN(256))
		}
		before, after := pmGenerate(data)
		if i == 0 {
			before, after = pmHandCase()
		}
		for by := range MovementGrouping(3) {
			w, err := PipelineMovement(before, after, pmQ2, MovementOptions{By: by})
			if err != nil {
				continue
			}
			valid++
			lines += len(w.Lines)
			pmCheckWaterfall(t, w)
			w2, err := PipelineMovement(pmShuffle(before, uint64(i)), pmShuffle(after, uint64(i)+1), pmQ2, MovementOptions{By: by})
			if err != nil {
				t.Fatalf("shuffled: %v", err)
			}
			if diff := cmp.Diff(w, w2, pmDecimalEqual); diff != "" {
				t.Fatalf("shuffled deals change the result (-want +got):\n%s", diff)
			}
		}
	}
	if valid < 300 || lines < 4*valid {
		t.Errorf("only %d valid cases of 1500, with %d lines", valid, lines)
	}
	t.Logf("%d valid cases, %d lines", valid, lines)
}

// TestPipelineMovementCloseDay: deals that give their expected close and
// close as days, read in MovementOptions.Location. In Tokyo (UTC+9) the Q2
// of the test runs from 1 April 00:00 JST; D1, expected on 30 June, is in
// the period's pipeline at the start and at the end; D2, expected on 31
// March, is not (its day ends before the period starts there); D3, expected
// on 20 May, was won since. Read in UTC instead, D2 is in (31 March
// 23:59:59 UTC is 1 April 08:59:59 in Tokyo) and D1 is out (30 June
// 23:59:59 UTC is 1 July in Tokyo). The caller's snapshots are not
// modified.
func TestPipelineMovementCloseDay(t *testing.T) {
	t.Parallel()
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	q2 := activity.Period{Start: time.Date(2025, 4, 1, 0, 0, 0, 0, tokyo), End: time.Date(2025, 7, 1, 0, 0, 0, 0, tokyo), Name: "2025 Q2"}
	day := func(m time.Month, d int) activity.Date { return activity.Date{Year: 2025, Month: m, Day: d} }
	open := func(id string, expected activity.Date) activity.Deal {
		return activity.Deal{ID: id, Owner: "ann", Amount: pmDec("100"), Currency: "USD", Stage: "proposal",
			Status: activity.StatusOpen, CreatedAt: pmDay("2025-03-01"), ExpectedCloseDate: expected}
	}
	before := Snapshot{Taken: time.Date(2025, 4, 1, 0, 0, 0, 0, tokyo), Deals: []activity.Deal{
		open("D1", day(time.June, 30)), open("D2", day(time.March, 31)), open("D3", day(time.May, 20))}}
	won := open("D3", day(time.May, 20))
	won.Stage, won.Status, won.CloseDate = "closed_won", activity.StatusWon, day(time.July, 1)
	after := Snapshot{Taken: time.Date(2025, 7, 2, 0, 0, 0, 0, tokyo), Deals: []activity.Deal{
		open("D1", day(time.June, 30)), open("D2", day(time.March, 31)), won}}
	keep := slices.Clone(before.Deals)
	w, err := PipelineMovement(before, after, q2, MovementOptions{Location: tokyo})
	if err != nil {
		t.Fatal(err)
	}
	// Start: D1 and D3 (200.00); won D3 (100.00); end: D1 (100.00).
	if w.Total.Start.Deals != 2 || w.Total.Won.Deals != 1 || w.Total.End.Deals != 1 {
		t.Errorf("waterfall start %d, won %d, end %d; want 2, 1, 1", w.Total.Start.Deals, w.Total.Won.Deals, w.Total.End.Deals)
	}
	utc, err := PipelineMovement(before, after, q2, MovementOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Start: D2 and D3; won D3; D2 still open at the end, and in the
	// pipeline: end D2.
	if utc.Total.Start.Deals != 2 || utc.Total.Won.Deals != 1 || utc.Total.End.Deals != 1 ||
		len(utc.Lines) == 0 || w.Lines[0].Deal != "D1" || utc.Lines[0].Deal != "D2" {
		t.Errorf("read in UTC: start %d, won %d, end %d, first line %v; want 2, 1, 1 and D2 (D1 in Tokyo)",
			utc.Total.Start.Deals, utc.Total.Won.Deals, utc.Total.End.Deals, utc.Lines)
	}
	if diff := cmp.Diff(keep, before.Deals, pmDecimalEqual); diff != "" {
		t.Errorf("PipelineMovement modified the snapshot (-before +after):\n%s", diff)
	}
}
