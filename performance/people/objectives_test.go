package people

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestObjectiveScores works a three-objective scorecard by hand:
//
//	bookings   benchmark 100,000, weight 50
//	meetings   benchmark 40,      weight 30
//	win rate   benchmark 0.25,    weight 20, capped at 30
//
// ann: 120,000 → 60; 30 meetings → 22.5; 0.5 → 40, capped at 30: 112.5.
// bob: 80,000 → 40; 44 → 33; 0.2 → 16: 89. cat has only meetings, 10 →
// 7.5. The leaderboard of the totals puts ann, bob, cat.
func TestObjectiveScores(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	sc := func(kv ...string) []Score {
		var out []Score
		for i := 0; i < len(kv); i += 2 {
			out = append(out, Score{Key: kv[i], Value: d(kv[i+1])})
		}
		return out
	}
	objs := []Objective{
		{Name: "bookings", Scores: sc("ann", "120000", "bob", "80000"), Benchmark: d("100000"), Weight: d("50")},
		{Name: "meetings", Scores: sc("ann", "30", "bob", "44", "cat", "10"), Benchmark: d("40"), Weight: d("30")},
		{Name: "win rate", Scores: sc("ann", "0.5", "bob", "0.2"), Benchmark: d("0.25"), Weight: d("20"), Cap: activity.Some(d("30"))},
	}
	got, err := ObjectiveScores(objs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"ann": {"60", "22.5", "30", "112.5"}, "bob": {"40", "33", "16", "89"}, "cat": {"0", "7.5", "0", "7.5"}}
	if len(got) != 3 {
		t.Fatalf("%d scorecards", len(got))
	}
	for _, s := range got {
		w := want[s.Key]
		for j, p := range s.Objectives {
			if !p.Points.Equal(d(w[j])) {
				t.Errorf("%s %s: %s points, want %s", s.Key, p.Objective, p.Points, w[j])
			}
		}
		if !s.Points.Equal(d(w[3])) {
			t.Errorf("%s: %s points, want %s", s.Key, s.Points, w[3])
		}
	}
	if !got[0].Objectives[2].Capped || got[1].Objectives[2].Capped {
		t.Errorf("capped: %v, %v", got[0].Objectives[2], got[1].Objectives[2])
	}
	var scores []Score
	for _, s := range got {
		scores = append(scores, s.Score())
	}
	board, err := Leaderboard(scores, RankOptions{Unit: "points"})
	if err != nil || board[0].Key != "ann" || board[1].Key != "bob" || board[2].Key != "cat" {
		t.Errorf("leaderboard %v, %v", board, err)
	}
	for _, tc := range []struct {
		name string
		objs []Objective
		want error
	}{
		{"none", nil, ErrInvalidOptions},
		{"no name", []Objective{{Benchmark: d("1"), Weight: d("1")}}, ErrInvalidOptions},
		{"repeated name", []Objective{{Name: "a", Benchmark: d("1")}, {Name: "a", Benchmark: d("1")}}, ErrInvalidOptions},
		{"zero benchmark", []Objective{{Name: "a", Benchmark: d("0"), Weight: d("1")}}, ErrInvalidOptions},
		{"negative weight", []Objective{{Name: "a", Benchmark: d("1"), Weight: d("-1")}}, ErrInvalidOptions},
		{"negative cap", []Objective{{Name: "a", Benchmark: d("1"), Weight: d("1"), Cap: activity.Some(d("-1"))}}, ErrInvalidOptions},
		{"repeated key", []Objective{{Name: "a", Benchmark: d("1"), Weight: d("1"), Scores: sc("ann", "1", "ann", "2")}}, ErrInvalidScore},
		{"empty key", []Objective{{Name: "a", Benchmark: d("1"), Weight: d("1"), Scores: sc("", "1")}}, ErrInvalidScore},
	} {
		if _, err := ObjectiveScores(tc.objs); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}
