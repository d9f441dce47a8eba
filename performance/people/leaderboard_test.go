package people

import (
	"errors"
	"math"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/performance"
)

func lbDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func lbSome(s string) activity.Optional[decimal.Decimal] { return activity.Some(lbDec(s)) }

// lbCmp compares decimals by value (1.0 equals 1).
var lbCmp = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// lbScores is the tied example, given out of order:
//
//	ann 100            cy 90 (tiebreak 5)    bob 90 (tiebreak 3)
//	dee 70 (tiebreak 1)  eve 70 (none)       gus 50
func lbScores() []Score {
	return []Score{
		{Key: "eve", Value: lbDec("70")},
		{Key: "ann", Value: lbDec("100")},
		{Key: "cy", Value: lbDec("90"), Tiebreak: lbSome("5")},
		{Key: "dee", Value: lbDec("70.0"), Tiebreak: lbSome("1")},
		{Key: "bob", Value: lbDec("90"), Tiebreak: lbSome("3")},
		{Key: "gus", Value: lbDec("50")},
	}
}

type lbRank struct {
	Key  string
	Rank int
}

func lbRanks(st []Standing) []lbRank {
	out := make([]lbRank, len(st))
	for i, s := range st {
		out[i] = lbRank{s.Key, s.Rank}
	}
	return out
}

func TestLeaderboardMethods(t *testing.T) {
	t.Parallel()
	// Higher first: ann 100; cy and bob 90 (cy's tiebreak 5 over bob's 3);
	// dee and eve 70 (dee has a tiebreak, eve none); gus 50.
	//   competition: 1, 2, 2, 4, 4, 6 (two places skipped after each pair)
	//   dense:       1, 2, 2, 3, 3, 4
	//   ordinal:     1, 2, 3, 4, 5, 6 in the listed order
	// Lower first: gus 50; dee, eve 70; cy, bob 90; ann 100.
	for _, tc := range []struct {
		name string
		opts RankOptions
		want []lbRank
	}{
		{"competition", RankOptions{}, []lbRank{{"ann", 1}, {"cy", 2}, {"bob", 2}, {"dee", 4}, {"eve", 4}, {"gus", 6}}},
		{"dense", RankOptions{Method: RankDense}, []lbRank{{"ann", 1}, {"cy", 2}, {"bob", 2}, {"dee", 3}, {"eve", 3}, {"gus", 4}}},
		{"ordinal", RankOptions{Method: RankOrdinal}, []lbRank{{"ann", 1}, {"cy", 2}, {"bob", 3}, {"dee", 4}, {"eve", 5}, {"gus", 6}}},
		// Lower tiebreak first: bob's 3 before cy's 5; dee (1) still before
		// eve, who has none.
		{"ordinal tiebreak ascending", RankOptions{Method: RankOrdinal, TiebreakAscending: true},
			[]lbRank{{"ann", 1}, {"bob", 2}, {"cy", 3}, {"dee", 4}, {"eve", 5}, {"gus", 6}}},
		{"ascending competition", RankOptions{Ascending: true}, []lbRank{{"gus", 1}, {"dee", 2}, {"eve", 2}, {"cy", 4}, {"bob", 4}, {"ann", 6}}},
		{"ascending dense", RankOptions{Ascending: true, Method: RankDense}, []lbRank{{"gus", 1}, {"dee", 2}, {"eve", 2}, {"cy", 3}, {"bob", 3}, {"ann", 4}}},
		{"ascending ordinal", RankOptions{Ascending: true, Method: RankOrdinal}, []lbRank{{"gus", 1}, {"dee", 2}, {"eve", 3}, {"cy", 4}, {"bob", 5}, {"ann", 6}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, err := Leaderboard(lbScores(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, lbRanks(st)); d != "" {
				t.Errorf("Leaderboard(%+v) ranks (-want +got):\n%s", tc.opts, d)
			}
		})
	}
}

func TestLeaderboardKeyOrder(t *testing.T) {
	t.Parallel()
	// Equal values without tiebreaks list in key order, whatever the input
	// order: amy, ben, cal share rank 1 (competition), then dan 4.
	scores := []Score{{Key: "cal", Value: lbDec("5")}, {Key: "dan", Value: lbDec("1")}, {Key: "amy", Value: lbDec("5")}, {Key: "ben", Value: lbDec("5.00")}}
	st, err := Leaderboard(scores, RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []lbRank{{"amy", 1}, {"ben", 1}, {"cal", 1}, {"dan", 4}}
	if d := cmp.Diff(want, lbRanks(st)); d != "" {
		t.Errorf("Leaderboard() ranks (-want +got):\n%s", d)
	}
}

func TestLeaderboardShareOfLeader(t *testing.T) {
	t.Parallel()
	st, err := Leaderboard(lbScores(), RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Leader 100. Share = value / 100; gap = nearest strictly higher value −
	// value: cy and bob 100 − 90 = 10, dee and eve 90 − 70 = 20, gus 70 − 50
	// = 20.
	share := func(rank int, key, value, tb, share string, rate float64, tied bool, gap string) Standing {
		s := Standing{Rank: rank, Key: key, Value: lbDec(value), Tied: tied, ShareOfLeader: lbSome(share), Rate: rate, GapToNext: lbDec(gap)}
		if tb != "" {
			s.Tiebreak = lbSome(tb)
		}
		return s
	}
	want := []Standing{
		share(1, "ann", "100", "", "1", 1, false, "0"),
		share(2, "cy", "90", "5", "0.9", 0.9, true, "10"),
		share(2, "bob", "90", "3", "0.9", 0.9, true, "10"),
		share(4, "dee", "70", "1", "0.7", 0.7, true, "20"),
		share(4, "eve", "70", "", "0.7", 0.7, true, "20"),
		share(6, "gus", "50", "", "0.5", 0.5, false, "20"),
	}
	if d := cmp.Diff(want, st, lbCmp); d != "" {
		t.Errorf("Leaderboard() (-want +got):\n%s", d)
	}
	if got, want := st[1].String(), "2= cy 90 (90.0% of the leader, 10 behind)"; got != want {
		t.Errorf("Standing.String() = %q, want %q", got, want)
	}
}

func TestLeaderboardAscending(t *testing.T) {
	t.Parallel()
	// Sales cycle in days, fewer is better: gus 50 leads. Share of the
	// leader = value / 50: dee 70 / 50 = 1.4, cy 90 / 50 = 1.8, ann 2.
	// Gaps: dee and eve 70 − 50 = 20, cy and bob 90 − 70 = 20, ann 100 − 90
	// = 10.
	st, err := Leaderboard(lbScores(), RankOptions{Ascending: true})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Key        string
		Share, Gap decimal.Decimal
	}
	var got []row
	for _, s := range st {
		got = append(got, row{s.Key, s.ShareOfLeader.Value, s.GapToNext})
	}
	want := []row{
		{"gus", lbDec("1"), lbDec("0")}, {"dee", lbDec("1.4"), lbDec("20")}, {"eve", lbDec("1.4"), lbDec("20")},
		{"cy", lbDec("1.8"), lbDec("20")}, {"bob", lbDec("1.8"), lbDec("20")}, {"ann", lbDec("2"), lbDec("10")},
	}
	if d := cmp.Diff(want, got, lbCmp); d != "" {
		t.Errorf("Leaderboard(ascending) (-want +got):\n%s", d)
	}
}

func TestLeaderboardTarget(t *testing.T) {
	t.Parallel()
	type row struct {
		Key      string
		Progress decimal.Decimal
		Meets    bool
	}
	for _, tc := range []struct {
		name string
		opts RankOptions
		want []row
	}{
		// Target 80: ann 100 / 80 = 1.25, cy and bob 90 / 80 = 1.125, dee
		// and eve 70 / 80 = 0.875, gus 50 / 80 = 0.625; met at 80 or more.
		{"descending", RankOptions{Target: lbSome("80")}, []row{
			{"ann", lbDec("1.25"), true}, {"cy", lbDec("1.125"), true}, {"bob", lbDec("1.125"), true},
			{"dee", lbDec("0.875"), false}, {"eve", lbDec("0.875"), false}, {"gus", lbDec("0.625"), false}}},
		// Target 70 days, fewer is better: met at 70 or fewer. gus 50 / 70
		// = 0.714285714285714285714285… → 0.71428571428571428571 (20
		// places); 90 / 70 = 1.285714285714285714285714… →
		// 1.28571428571428571429; 100 / 70 = 1.428571428571428571428571… →
		// 1.42857142857142857143.
		{"ascending", RankOptions{Ascending: true, Target: lbSome("70")}, []row{
			{"gus", lbDec("0.71428571428571428571"), true}, {"dee", lbDec("1"), true}, {"eve", lbDec("1"), true},
			{"cy", lbDec("1.28571428571428571429"), false}, {"bob", lbDec("1.28571428571428571429"), false},
			{"ann", lbDec("1.42857142857142857143"), false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, err := Leaderboard(lbScores(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, s := range st {
				if s.ShareOfLeader.Valid {
					t.Errorf("%s: share of leader %v given with a target", s.Key, s.ShareOfLeader)
				}
				if f := s.ProgressToTarget.Value.InexactFloat64(); s.Rate != f {
					t.Errorf("%s: Rate = %v, want %v", s.Key, s.Rate, f)
				}
				got = append(got, row{s.Key, s.ProgressToTarget.Value, s.MeetsTarget})
			}
			if d := cmp.Diff(tc.want, got, lbCmp); d != "" {
				t.Errorf("Leaderboard(%+v) (-want +got):\n%s", tc.opts, d)
			}
		})
	}
	st, err := Leaderboard(lbScores(), RankOptions{Target: lbSome("80")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st[0].String(), "1 ann 100 (125.0% of target, met)"; got != want {
		t.Errorf("Standing.String() = %q, want %q", got, want)
	}
}

func TestLeaderboardEdges(t *testing.T) {
	t.Parallel()
	t.Run("empty", func(t *testing.T) {
		st, err := Leaderboard(nil, RankOptions{})
		if err != nil || len(st) != 0 {
			t.Errorf("Leaderboard(nil) = %v, %v; want empty, nil", st, err)
		}
	})
	t.Run("zero leader", func(t *testing.T) {
		// The best value is 0: no share of it, and a reason; the negative
		// entry is 3 behind.
		st, err := Leaderboard([]Score{{Key: "a", Value: lbDec("0")}, {Key: "b", Value: lbDec("-3")}}, RankOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			if s.ShareOfLeader.Valid || s.Undefined == "" || s.Rate != 0 {
				t.Errorf("%s: share %v, rate %v, undefined %q; want absent, 0, a reason", s.Key, s.ShareOfLeader, s.Rate, s.Undefined)
			}
		}
		if !st[1].GapToNext.Equal(lbDec("3")) {
			t.Errorf("gap = %s, want 3", st[1].GapToNext)
		}
	})
	t.Run("input untouched", func(t *testing.T) {
		in := lbScores()
		want := lbScores()
		if _, err := Leaderboard(in, RankOptions{Method: RankOrdinal}); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, in, lbCmp); d != "" {
			t.Errorf("Leaderboard modified its input (-want +got):\n%s", d)
		}
	})
}

func TestLeaderboardErrors(t *testing.T) {
	t.Parallel()
	ok := []Score{{Key: "a", Value: lbDec("1")}}
	for _, tc := range []struct {
		name   string
		scores []Score
		opts   RankOptions
		want   []error
	}{
		{"empty key", []Score{{Key: "a"}, {Key: ""}}, RankOptions{}, []error{ErrInvalidScore}},
		{"duplicate key", []Score{{Key: "a", Value: lbDec("1")}, {Key: "b"}, {Key: "a", Value: lbDec("2")}}, RankOptions{}, []error{ErrInvalidScore}},
		{"unknown method", ok, RankOptions{Method: RankOrdinal + 1}, []error{ErrInvalidOptions}},
		{"negative target", ok, RankOptions{Target: lbSome("-5")}, []error{ErrInvalidOptions}},
		{"zero target", ok, RankOptions{Target: lbSome("0.00")}, []error{ErrInvalidOptions, ErrZeroDenominator}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st, err := Leaderboard(tc.scores, tc.opts)
			for _, want := range tc.want {
				if !errors.Is(err, want) {
					t.Errorf("Leaderboard() error = %v, want %v", err, want)
				}
			}
			if st != nil {
				t.Errorf("Leaderboard() = %v with an error, want nil", st)
			}
		})
	}
}

func TestRankMethodString(t *testing.T) {
	t.Parallel()
	for m, want := range map[RankMethod]string{RankCompetition: "competition", RankDense: "dense", RankOrdinal: "ordinal", 9: "RankMethod(9)"} {
		if got := m.String(); got != want {
			t.Errorf("RankMethod(%d).String() = %q, want %q", uint8(m), got, want)
		}
	}
}

func TestScoresOf(t *testing.T) {
	t.Parallel()
	groups := []activity.Group[performance.Cycle]{
		{Key: "", Result: performance.Cycle{MeanDays: 10}},
		{Key: "ann", Result: performance.Cycle{MeanDays: 30.5}},
		{Key: "bob", Undefined: "no won deals"},
		{Key: "cy", Result: performance.Cycle{MeanDays: 20}},
	}
	got := ScoresOf(groups, func(c performance.Cycle) decimal.Decimal { return decimal.NewFromFloat(c.MeanDays) })
	// The empty key and the undefined group are left out.
	want := []Score{{Key: "ann", Value: lbDec("30.5")}, {Key: "cy", Value: lbDec("20")}}
	if d := cmp.Diff(want, got, lbCmp); d != "" {
		t.Errorf("ScoresOf() (-want +got):\n%s", d)
	}
	defer func() {
		if recover() == nil {
			t.Error("ScoresOf(nil func) did not panic")
		}
	}()
	ScoresOf(groups, nil)
}

func TestBookingsScores(t *testing.T) {
	t.Parallel()
	groups := []activity.Group[performance.BookingsTotal]{
		{Key: "ann", Result: performance.BookingsTotal{Amount: lbDec("1500.00"), Deals: 2, Currency: "USD"}},
		{Key: "bob", Result: performance.BookingsTotal{Deals: 0}, Undefined: "no won deals"},
		{Key: "cy", Result: performance.BookingsTotal{Amount: lbDec("1500"), Deals: 3, Currency: "USD"}},
	}
	scores, err := BookingsScores(groups)
	if err != nil {
		t.Fatal(err)
	}
	want := []Score{{Key: "ann", Value: lbDec("1500"), Tiebreak: lbSome("2")}, {Key: "cy", Value: lbDec("1500"), Tiebreak: lbSome("3")}}
	if d := cmp.Diff(want, scores, lbCmp); d != "" {
		t.Errorf("BookingsScores() (-want +got):\n%s", d)
	}
	// Equal bookings: cy's 3 deals over ann's 2 under RankOrdinal.
	st, err := Leaderboard(scores, RankOptions{Method: RankOrdinal})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]lbRank{{"cy", 1}, {"ann", 2}}, lbRanks(st)); d != "" {
		t.Errorf("Leaderboard(bookings) (-want +got):\n%s", d)
	}
	groups[2].Result.Currency = "EUR"
	if _, err := BookingsScores(groups); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("BookingsScores(USD, EUR) error = %v, want %v", err, ErrMixedCurrencies)
	}
}

func TestWinRateScores(t *testing.T) {
	t.Parallel()
	groups := []activity.Group[performance.WinLoss]{
		{Key: "ann", Result: performance.WinLoss{Won: 1, Lost: 2}},
		{Key: "bob", Result: performance.WinLoss{}, Undefined: "no closed deals"},
		{Key: "cy", Result: performance.WinLoss{Won: 3, Lost: 1}},
		{Key: "dee", Result: performance.WinLoss{Basis: performance.ValueBasis, Won: 1, Lost: 1, WonAmount: lbDec("300"), ClosedAmount: lbDec("400")}},
		{Key: "eve", Result: performance.WinLoss{Basis: performance.ValueBasis, Won: 0, Lost: 1, ClosedAmount: lbDec("0")}},
	}
	// ann 1 / 3 = 0.333… → 0.33333333333333333333 (20 places); cy 3 / 4 =
	// 0.75; dee by value 300 / 400 = 0.75; eve's zero closed amount has no
	// rate.
	want := []Score{
		{Key: "ann", Value: lbDec("0.33333333333333333333"), Tiebreak: lbSome("1")},
		{Key: "cy", Value: lbDec("0.75"), Tiebreak: lbSome("3")},
		{Key: "dee", Value: lbDec("0.75"), Tiebreak: lbSome("1")},
	}
	if d := cmp.Diff(want, WinRateScores(groups), lbCmp); d != "" {
		t.Errorf("WinRateScores() (-want +got):\n%s", d)
	}
}

func lbDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// lbIndex is a small contest, March 2025:
//
//	ann  call ×2, meeting (held) in March; a call on 1 April (outside); won D1 on 20 March
//	bob  demo, call (no_answer) in March; won D2 in February (outside); lost D3 in March
//	cy   email in March (no points for emails)
//	dan  no activity; won D4 on 31 March
func lbIndex(t testing.TB) *activity.Index {
	t.Helper()
	act := func(id, rep string, kind activity.Kind, at time.Time, outcome activity.Outcome) activity.Activity {
		return activity.Activity{ID: id, Rep: rep, Kind: kind, At: at, Outcome: outcome}
	}
	deal := func(id, owner string, status activity.Status, closed time.Time) activity.Deal {
		return activity.Deal{ID: id, Owner: owner, Amount: lbDec("1000"), Currency: "USD", Stage: "x",
			Status: status, CreatedAt: lbDate(2025, 1, 2), ClosedAt: closed}
	}
	r := activity.Records{
		Activities: []activity.Activity{
			act("a1", "ann", activity.KindCall, lbDate(2025, 3, 3), activity.OutcomeConnected),
			act("a2", "ann", activity.KindCall, lbDate(2025, 3, 4), ""),
			act("a3", "ann", activity.KindMeeting, lbDate(2025, 3, 5), activity.OutcomeHeld),
			act("a4", "ann", activity.KindCall, lbDate(2025, 4, 1), ""),
			act("b1", "bob", activity.KindDemo, lbDate(2025, 3, 10), activity.OutcomeHeld),
			act("b2", "bob", activity.KindCall, lbDate(2025, 3, 11), activity.OutcomeNoAnswer),
			act("c1", "cy", activity.KindEmail, lbDate(2025, 3, 12), activity.OutcomeSent),
		},
		Deals: []activity.Deal{
			deal("D1", "ann", activity.StatusWon, lbDate(2025, 3, 20)),
			deal("D2", "bob", activity.StatusWon, lbDate(2025, 2, 20)),
			deal("D3", "bob", activity.StatusLost, lbDate(2025, 3, 21)),
			deal("D4", "dan", activity.StatusWon, lbDate(2025, 3, 31)),
		},
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var lbMarch = activity.Period{Start: lbDate(2025, 3, 1), End: lbDate(2025, 4, 1), Name: "2025-03"}

func lbWeights() PointWeights {
	return PointWeights{
		Kinds:    map[activity.Kind]decimal.Decimal{activity.KindCall: lbDec("1"), activity.KindMeeting: lbDec("5"), activity.KindDemo: lbDec("10")},
		Outcomes: map[activity.Outcome]decimal.Decimal{activity.OutcomeHeld: lbDec("2"), activity.OutcomeNoShow: lbDec("-3")},
		WonDeal:  lbDec("50"),
	}
}

func TestPoints(t *testing.T) {
	t.Parallel()
	ix := lbIndex(t)
	got, err := Points(ix.All(), lbMarch, lbWeights())
	if err != nil {
		t.Fatal(err)
	}
	// ann: calls 2 × 1 + meeting 5 + held 2 + won D1 50 = 59 (the April
	// call is outside).
	// bob: demo 10 + held 2 + call 1 = 13 (D2 won in February, D3 lost).
	// cy:  an email, unweighted: 0, listed for taking part.
	// dan: won D4 50.
	want := []Score{{Key: "ann", Value: lbDec("59")}, {Key: "bob", Value: lbDec("13")}, {Key: "cy", Value: lbDec("0")}, {Key: "dan", Value: lbDec("50")}}
	if d := cmp.Diff(want, got, lbCmp); d != "" {
		t.Errorf("Points() (-want +got):\n%s", d)
	}

	// Fractional points: a call is worth 0.1, nothing else: ann 2 × 0.1 =
	// 0.2, bob 0.1 (exact, no binary rounding).
	got, err = Points(ix.All(), lbMarch, PointWeights{Kinds: map[activity.Kind]decimal.Decimal{activity.KindCall: lbDec("0.1")}})
	if err != nil {
		t.Fatal(err)
	}
	want = []Score{{Key: "ann", Value: lbDec("0.2")}, {Key: "bob", Value: lbDec("0.1")}, {Key: "cy", Value: lbDec("0")}, {Key: "dan", Value: lbDec("0")}}
	if d := cmp.Diff(want, got, lbCmp); d != "" {
		t.Errorf("Points(0.1 a call) (-want +got):\n%s", d)
	}

	// A view of bob alone: his 13.
	bob, err := ix.All().Rep("bob")
	if err != nil {
		t.Fatal(err)
	}
	got, err = Points(bob, lbMarch, lbWeights())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]Score{{Key: "bob", Value: lbDec("13")}}, got, lbCmp); d != "" {
		t.Errorf("Points(bob) (-want +got):\n%s", d)
	}

	// Nobody active in January: an empty list.
	jan := activity.Period{Start: lbDate(2025, 1, 1), End: lbDate(2025, 2, 1)}
	if got, err := Points(ix.All(), jan, lbWeights()); err != nil || got == nil || len(got) != 0 {
		t.Errorf("Points(January) = %v, %v; want [], nil", got, err)
	}
}

func TestContest(t *testing.T) {
	t.Parallel()
	ix := lbIndex(t)
	st, err := Contest(ix.All(), lbMarch, lbWeights(), RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// ann 59, dan 50, bob 13, cy 0 (see TestPoints).
	want := []lbRank{{"ann", 1}, {"dan", 2}, {"bob", 3}, {"cy", 4}}
	if d := cmp.Diff(want, lbRanks(st)); d != "" {
		t.Errorf("Contest() (-want +got):\n%s", d)
	}
	// dan: 59 − 50 = 9 behind ann, 50 / 59 of the leader.
	if !st[1].GapToNext.Equal(lbDec("9")) || !st[1].ShareOfLeader.Value.Equal(lbDec("50").DivRound(lbDec("59"), 20)) {
		t.Errorf("Contest()[1] = %+v, want 9 behind, 50/59 of the leader", st[1])
	}
}

func TestPointsErrors(t *testing.T) {
	t.Parallel()
	ix := lbIndex(t)
	bad := lbWeights()
	bad.Kinds[""] = lbDec("1")
	badOutcome := PointWeights{Outcomes: map[activity.Outcome]decimal.Decimal{"": lbDec("1")}}
	zero := PointWeights{Kinds: map[activity.Kind]decimal.Decimal{activity.KindCall: decimal.Zero}}
	for _, tc := range []struct {
		name string
		p    activity.Period
		w    PointWeights
		opts RankOptions
		want error
	}{
		{"invalid period", activity.Period{Start: lbDate(2025, 4, 1), End: lbDate(2025, 3, 1)}, lbWeights(), RankOptions{}, activity.ErrInvalidPeriod},
		{"empty kind", lbMarch, bad, RankOptions{}, ErrInvalidOptions},
		{"empty outcome", lbMarch, badOutcome, RankOptions{}, ErrInvalidOptions},
		{"no points", lbMarch, PointWeights{}, RankOptions{}, ErrInvalidOptions},
		{"only zero points", lbMarch, zero, RankOptions{}, ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Points(ix.All(), tc.p, tc.w); !errors.Is(err, tc.want) {
				t.Errorf("Points() error = %v, want %v", err, tc.want)
			}
			if _, err := Contest(ix.All(), tc.p, tc.w, tc.opts); !errors.Is(err, tc.want) {
				t.Errorf("Contest() error = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := Contest(ix.All(), lbMarch, lbWeights(), RankOptions{Target: lbSome("-1")}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("Contest(negative target) error = %v, want %v", err, ErrInvalidOptions)
	}
}

func TestLeaderboardJSON(t *testing.T) {
	t.Parallel()
	st, err := Leaderboard([]Score{{Key: "a", Value: lbDec("2.50")}, {Key: "b", Value: lbDec("1.25")}}, RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := st[1].MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	// 1.25 / 2.50 = 0.5, written at the 20 places of every ratio; gap 2.50 −
	// 1.25 = 1.25; decimals as strings.
	want := `{"rank":2,"key":"b","value":"1.25","tied":false,"share_of_leader":"0.50000000000000000000","rate":0.5,"gap_to_next":"1.25"}`
	if string(b) != want {
		t.Errorf("Standing JSON = %s, want %s", b, want)
	}
	if !slices.Equal([]string{st[0].Key, st[1].Key}, []string{"a", "b"}) {
		t.Errorf("order = %v", st)
	}
}

func TestLeaderboardQuotient(t *testing.T) {
	t.Parallel()
	// The fast quotient against decimal.DivRound at 20 places, digit for
	// digit, on edges: the largest units (a quotient of 10^18 or more falls
	// back), halves at the 21st place (1 / 2^21
	// = 0.000000476837158203125 rounds up to …8203125 → …820313 at 20
	// places; negative rounds away from zero), repeating fractions.
	for _, c := range [][2]int64{
		{1, 3}, {2, 3}, {-2, 3}, {0, 7}, {1, 1 << 21}, {-1, 1 << 21}, {3, 1 << 22},
		{math.MaxInt64, 10}, {-math.MaxInt64, 10}, {math.MaxInt64, 13}, {1, math.MaxInt64},
		{math.MaxInt64 - 1, math.MaxInt64}, {5, 2}, {123456789, 1000}, {999_999_999_999_999_999, 1}, {-999_999_999_999_999_999, 1},
	} {
		want := decimal.NewFromInt(c[0]).DivRound(decimal.NewFromInt(c[1]), ratioScale)
		got, f, ok := lbQuotient(c[0], c[1])
		if !ok || got.String() != want.String() || got.Exponent() != want.Exponent() {
			t.Errorf("lbQuotient(%d, %d) = %s, %v; want %s", c[0], c[1], got, ok, want)
		}
		// The float is of the exact quotient, not of the rounded decimal.
		if wf, _ := new(big.Rat).SetFrac64(c[0], c[1]).Float64(); math.Abs(f-wf) > 1e-15*math.Abs(wf) {
			t.Errorf("lbQuotient(%d, %d) float = %v, want %v", c[0], c[1], f, wf)
		}
	}
	for _, c := range [][2]int64{{exact.Marker, 1}, {1, exact.Marker}, {1, 0}, {1, -1}, {1e18, 1}, {math.MaxInt64, 1}, {-math.MaxInt64, 3}} {
		if _, _, ok := lbQuotient(c[0], c[1]); ok {
			t.Errorf("lbQuotient(%d, %d) ok, want fallback", c[0], c[1])
		}
	}
}

func TestLeaderboardBigValues(t *testing.T) {
	t.Parallel()
	// Values beyond int64 units (30 digits, 14 places) take the decimal
	// path; the results are the same arithmetic: 2e29 / 4e29 = 0.5, gap
	// 4e29 − 2e29 = 2e29; 1.00000000000001 − 1 = 0.00000000000001.
	big := lbDec("400000000000000000000000000000")
	scores := []Score{{Key: "a", Value: big}, {Key: "b", Value: lbDec("200000000000000000000000000000")},
		{Key: "c", Value: lbDec("1.00000000000001")}, {Key: "d", Value: lbDec("1")}}
	st, err := Leaderboard(scores, RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]lbRank{{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}}, lbRanks(st)); d != "" {
		t.Errorf("Leaderboard(big) (-want +got):\n%s", d)
	}
	if !st[1].ShareOfLeader.Value.Equal(lbDec("0.5")) || !st[1].GapToNext.Equal(lbDec("2e29")) || !st[3].GapToNext.Equal(lbDec("0.00000000000001")) {
		t.Errorf("Leaderboard(big) = %v", st)
	}
}

// TestLeaderboardUnit checks that a board's unit is carried and read: money
// rounded to its currency's minor units, other units as words.
func TestLeaderboardUnit(t *testing.T) {
	t.Parallel()
	scores := []Score{{Key: "ann", Value: decimal.RequireFromString("1000.456")}, {Key: "bob", Value: decimal.RequireFromString("900")}}
	board, err := Leaderboard(scores, RankOptions{Unit: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	// bob: 900 / 1000.456 = 89.96% of the leader, 100.456 behind.
	if got, want := board[1].String(), "2 bob 900.00 USD (90.0% of the leader, 100.46 USD behind)"; got != want || board[1].Unit != "USD" {
		t.Errorf("String() = %q, want %q", got, want)
	}
	board, err = Leaderboard(scores, RankOptions{Unit: "points"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := board[0].String(), "1 ann 1000.456 points (100.0% of the leader)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
