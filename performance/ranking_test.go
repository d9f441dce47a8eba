package performance

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestLeaderboard(t *testing.T) {
	t.Parallel()
	scores := []Score{{Key: "dee", Value: money("70")}, {Key: "ann", Value: money("100")}, {Key: "cy", Value: money("90"), Tiebreak: activity.Some(money("5"))},
		{Key: "bob", Value: money("90"), Tiebreak: activity.Some(money("3"))}, {Key: "eve", Value: money("60")}}
	ranks := func(opts RankOptions) []string {
		t.Helper()
		st, err := Leaderboard(scores, opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range st {
			out = append(out, s.Key+":"+string(rune('0'+s.Rank)))
		}
		return out
	}
	// 100, 90, 90, 70, 60: competition 1, 2, 2, 4, 5 (ties in key order);
	// dense 1, 2, 2, 3, 4; ordinal breaks the tie by the tiebreak, cy's 5
	// over bob's 3.
	for _, tc := range []struct {
		opts RankOptions
		want []string
	}{
		{RankOptions{}, []string{"ann:1", "bob:2", "cy:2", "dee:4", "eve:5"}},
		{RankOptions{Method: Dense}, []string{"ann:1", "bob:2", "cy:2", "dee:3", "eve:4"}},
		{RankOptions{Method: Ordinal}, []string{"ann:1", "cy:2", "bob:3", "dee:4", "eve:5"}},
		{RankOptions{Ascending: true}, []string{"eve:1", "dee:2", "bob:3", "cy:3", "ann:5"}},
	} {
		if d := cmp.Diff(tc.want, ranks(tc.opts)); d != "" {
			t.Errorf("%v ascending=%v (-want +got):\n%s", tc.opts.Method, tc.opts.Ascending, d)
		}
	}
	st, err := Leaderboard(scores, RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// dee: 70 of the leader's 100 = 0.7, 20 behind the 90s; bob and cy tied.
	if d := st[3]; !d.ShareOfLeader.Value.Equal(money("0.7")) || !d.GapToNext.Equal(money("20")) || d.Tied || !st[1].Tied || !st[2].Tied {
		t.Errorf("standings %+v", st)
	}
	st, err = Leaderboard(scores, RankOptions{Target: activity.Some(money("80"))})
	if err != nil || !st[0].Progress.Value.Equal(money("1.25")) || st[0].ShareOfLeader.Valid {
		t.Errorf("progress to 80: %+v, %v", st[0], err)
	}
	for _, tc := range []struct {
		name   string
		scores []Score
		opts   RankOptions
	}{
		{"none", nil, RankOptions{}},
		{"empty key", []Score{{Value: money("1")}}, RankOptions{}},
		{"repeated", []Score{{Key: "a"}, {Key: "a"}}, RankOptions{}},
		{"method", scores, RankOptions{Method: 9}},
		{"zero target", scores, RankOptions{Target: activity.Some(money("0"))}},
	} {
		if _, err := Leaderboard(tc.scores, tc.opts); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, err)
		}
	}
}

func TestPoints(t *testing.T) {
	t.Parallel()
	ix := quadrantIndex(t)
	// A call is 1 point, a meeting 5, a won deal 50. ann: 30 calls, 10
	// meetings, 2 wins = 30 + 50 + 100 = 180; bob 37 + 65 + 50 = 152; cy 7
	// + 15 + 50 = 72; dee 9 + 15 = 24.
	scores, err := Points(ix.All(), march25, PointWeights{Kinds: map[activity.Kind]decimal.Decimal{activity.KindCall: money("1"), activity.KindMeeting: money("5")}, WonDeal: money("50")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range scores {
		got = append(got, s.Key+" "+s.Value.String())
	}
	if d := cmp.Diff([]string{"ann 180", "bob 152", "cy 72", "dee 24"}, got); d != "" {
		t.Errorf("Points (-want +got):\n%s", d)
	}
	if _, err := Points(ix.All(), march25, PointWeights{WonDeal: money("-1")}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("negative points: %v", err)
	}
}

func TestGoalsAndStreaks(t *testing.T) {
	t.Parallel()
	// March 2025 has 21 working days (Monday to Friday); by the morning of
	// 17 March 10 have gone (3–7, 10–14). 60% of the target done is on pace
	// (60% ≥ 10/21 = 47.6%), and projects to 60 × 21 / 10 = 126.
	g := Goal{Key: "ann", Metric: "meetings", Period: march25, Target: money("100")}
	s, err := GoalProgress(g, money("60"), march25.Start.AddDate(0, 0, 16), activity.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.OnPace || !s.Progress.Equal(money("0.6")) || !s.Projected.Value.Equal(money("126")) || !s.Elapsed.Equal(money("10").DivRound(money("21"), 20)) {
		t.Errorf("GoalProgress = %+v", s)
	}
	s, err = GoalProgress(g, money("40"), march25.Start.AddDate(0, 0, 16), activity.Calendar{})
	if err != nil || s.OnPace {
		t.Errorf("40%% at 47.6%% of the month: %+v, %v", s, err)
	}
	for _, tc := range []struct {
		name string
		g    Goal
	}{{"no key", Goal{Period: march25, Target: money("1")}}, {"zero target", Goal{Key: "a", Period: march25}}, {"bad period", Goal{Key: "a", Target: money("1")}}} {
		if _, err := GoalProgress(tc.g, money("1"), march25.Start, activity.Calendar{}); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if _, err := GoalProgress(g, money("1"), march25.Start.AddDate(0, -1, 0), activity.Calendar{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("as of before the period: %v", err)
	}
	month := func(m int) activity.Period {
		start := march25.Start.AddDate(0, m, 0)
		return activity.Period{Start: start, End: start.AddDate(0, 1, 0)}
	}
	// Met, met, missed, met, met, met: the current streak 3, the longest 3.
	var rs []PeriodResult
	for i, met := range []bool{true, true, false, true, true, true} {
		a := "90"
		if met {
			a = "100"
		}
		rs = append(rs, PeriodResult{Period: month(i), Actual: money(a), Target: money("100")})
	}
	if st, err := Streaks(rs); err != nil || st.Current != 3 || st.Longest != 3 {
		t.Errorf("Streaks = %+v, %v", st, err)
	}
	if _, err := Streaks([]PeriodResult{rs[0], rs[2]}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("a gap: %v", err)
	}
}

// BenchmarkLeaderboard ranks 10^5 reps (the yardstick).
func BenchmarkLeaderboard(b *testing.B) {
	scores := make([]Score, 100_000)
	for i := range scores {
		scores[i] = Score{Key: string(rune('a'+i%26)) + string(rune('0'+i%10)) + decimal.NewFromInt(int64(i)).String(), Value: decimal.NewFromInt(int64((i * 7919) % 50_000))}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Leaderboard(scores, RankOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
