package people

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/exact"
)

// lbFuzzScores makes scores from data, two bytes an entry: a value of
// 0 to 7 (so that ties are common, at two exponents: 3 and 3.0), and a
// tiebreak of 0 to 3 or none. Keys sort in an order unrelated to the input
// order and are distinct unless dup gives the last the first one's key.
func lbFuzzScores(data []byte, dup bool) []Score {
	var out []Score
	for i := 0; i+1 < len(data) && len(out) < 64; i += 2 {
		v := decimal.New(int64(data[i]%8), 0)
		if data[i]&8 != 0 {
			v = decimal.New(int64(data[i]%8)*10, -1)
		}
		if data[i]&16 != 0 {
			v = v.Neg()
		}
		s := Score{Key: fmt.Sprintf("k%02d", (int(data[i+1])*7+len(out))%64), Value: v}
		if data[i+1]&1 != 0 {
			s.Tiebreak = activity.Some(decimal.New(int64(data[i+1]>>1%4), 0))
		}
		out = append(out, s)
	}
	// The position makes each key distinct.
	for i := range out {
		out[i].Key = fmt.Sprintf("%s-%02d", out[i].Key, i)
	}
	if dup && len(out) > 1 {
		out[len(out)-1].Key = out[0].Key
	}
	return out
}

func FuzzLeaderboard(f *testing.F) {
	f.Add([]byte{1, 0, 2, 1, 2, 3, 4, 0}, uint8(0), false, false, false)
	f.Add([]byte{5, 5, 5, 5, 5, 5}, uint8(1), true, true, false)
	f.Add([]byte{7, 1, 0, 2, 7, 3, 8, 0, 16, 1}, uint8(2), false, false, true)
	f.Add([]byte{}, uint8(0), false, false, false)
	f.Fuzz(func(t *testing.T, data []byte, method uint8, asc, tbAsc, dup bool) {
		scores := lbFuzzScores(data, dup)
		opts := RankOptions{Method: RankMethod(method % 4), Ascending: asc, TiebreakAscending: tbAsc}
		if method&4 != 0 {
			opts.Target = activity.Some(decimal.New(int64(method>>3), 0))
		}
		// The scores as two objectives of a weighted scorecard (the second
		// capped): no panic; each total is the sum of its parts.
		objs := []Objective{{Name: "a", Scores: scores, Benchmark: decimal.New(int64(method)+1, 0), Weight: decimal.New(3, 0)},
			{Name: "b", Scores: scores, Benchmark: decimal.New(7, -1), Weight: decimal.New(int64(method%5), 0), Cap: activity.Some(decimal.New(2, 0))}}
		if obj, err := ObjectiveScores(objs); err == nil {
			for _, o := range obj {
				_ = o.Score()
				if _, err := json.Marshal(o); err != nil {
					t.Fatal(err)
				}
				if !o.Points.Equal(o.Objectives[0].Points.Add(o.Objectives[1].Points)) || o.Objectives[1].Points.GreaterThan(decimal.New(2, 0)) {
					t.Fatalf("objective score %+v", o)
				}
			}
		} else if !errors.Is(err, ErrInvalidScore) {
			t.Fatalf("ObjectiveScores: %v", err)
		}
		in := slices.Clone(scores)
		st, err := Leaderboard(scores, opts)
		if d := cmp.Diff(in, scores, lbCmp); d != "" {
			t.Fatalf("Leaderboard modified its input (-before +after):\n%s", d)
		}
		switch {
		case opts.Method > RankOrdinal || (opts.Target.Valid && opts.Target.Value.IsZero()):
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("options %+v: error = %v, want %v", opts, err, ErrInvalidOptions)
			}
			return
		case dup && len(scores) > 1:
			if !errors.Is(err, ErrInvalidScore) {
				t.Fatalf("duplicate key: error = %v, want %v", err, ErrInvalidScore)
			}
			return
		case err != nil:
			t.Fatalf("Leaderboard(%v, %+v) error = %v", scores, opts, err)
		}
		n := len(scores)
		if len(st) != n {
			t.Fatalf("%d standings for %d scores", len(st), n)
		}
		// better(a, b): a ranks strictly before b on value.
		better := func(a, b decimal.Decimal) bool {
			if asc {
				return a.LessThan(b)
			}
			return a.GreaterThan(b)
		}
		ranks := make([]bool, n+1)
		for i, s := range st {
			if s.Rank < 1 || s.Rank > n {
				t.Fatalf("rank %d outside 1..%d", s.Rank, n)
			}
			if i > 0 && better(s.Value, st[i-1].Value) {
				t.Fatalf("%s listed after %s with a better value", s.Key, st[i-1].Key)
			}
			strictly := 0
			for _, o := range st {
				if better(o.Value, s.Value) {
					strictly++
				}
			}
			// Distinct better values, by Cmp (3 equals 3.0).
			var vals []decimal.Decimal
			for _, o := range st {
				if better(o.Value, s.Value) && !slices.ContainsFunc(vals, o.Value.Equal) {
					vals = append(vals, o.Value)
				}
			}
			switch opts.Method {
			case RankCompetition:
				// Exactly one more than the entries with a better value.
				if s.Rank != strictly+1 {
					t.Fatalf("competition: %s rank %d, want %d", s.Key, s.Rank, strictly+1)
				}
			case RankDense:
				if s.Rank != len(vals)+1 {
					t.Fatalf("dense: %s rank %d, want %d", s.Key, s.Rank, len(vals)+1)
				}
			case RankOrdinal:
				if s.Rank != i+1 || ranks[s.Rank] {
					t.Fatalf("ordinal: %s rank %d at position %d", s.Key, s.Rank, i)
				}
			}
			ranks[s.Rank] = true
			// A gap is to a strictly better value: positive exactly when
			// there is one.
			if s.GapToNext.IsNegative() || s.GapToNext.IsZero() != (strictly == 0) {
				t.Fatalf("%s gap %s with %d better", s.Key, s.GapToNext, strictly)
			}
		}
		if opts.Method == RankDense && n > 0 {
			// No gaps: every rank from 1 to the last is used.
			for r := 1; r <= st[n-1].Rank; r++ {
				if !ranks[r] {
					t.Fatalf("dense ranks skip %d", r)
				}
			}
		}
		// Input order does not matter: reversed and rotated give the same.
		rev := slices.Clone(scores)
		slices.Reverse(rev)
		if n > 2 {
			rev = append(rev[n/3:], rev[:n/3]...)
		}
		st2, err := Leaderboard(rev, opts)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(st, st2, lbCmp); d != "" {
			t.Fatalf("input order changed the leaderboard (-first +reordered):\n%s", d)
		}
	})
}

func FuzzStreaks(f *testing.F) {
	f.Add([]byte{1, 1, 0, 1, 1, 1}, false)
	f.Add([]byte{0}, true)
	f.Fuzz(func(t *testing.T, data []byte, gap bool) {
		var results []PeriodResult
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		met := 0
		for i, b := range data {
			if i >= 200 {
				break
			}
			end := start.AddDate(0, 0, 7)
			results = append(results, PeriodResult{Period: activity.Period{Start: start, End: end},
				Actual: decimal.New(int64(b%8), 0), Target: decimal.New(int64(b>>3%8), 0)})
			if b%8 >= b>>3%8 {
				met++
			}
			start = end
		}
		if gap && len(results) > 1 {
			results[len(results)-1].Period.Start = results[len(results)-1].Period.Start.Add(time.Hour)
			s, err := Streaks(results)
			if !errors.Is(err, ErrInvalidGoal) || s != (Streak{}) {
				t.Fatalf("gap: Streaks() = %+v, %v; want an error wrapping %v", s, err, ErrInvalidGoal)
			}
			return
		}
		s, err := Streaks(results)
		if err != nil {
			t.Fatal(err)
		}
		if s.Periods != len(results) || s.Met != met || s.Current > s.Longest || s.Longest > s.Met {
			t.Fatalf("Streaks() = %+v for %d periods, %d met", s, len(results), met)
		}
		if len(results) > 0 && (s.Current > 0) != results[len(results)-1].Met() {
			t.Fatalf("Streaks() = %+v, last period met %v", s, results[len(results)-1].Met())
		}
		fuzzRender(t, "Streaks", s)
		fuzzRender(t, "PeriodResult", results)
	})
}

// FuzzLeaderboardQuotient checks the fast ratio against decimal.DivRound.
func FuzzLeaderboardQuotient(f *testing.F) {
	f.Add(int64(1), int64(3))
	f.Add(int64(-1), int64(1<<21))
	f.Add(int64(math.MaxInt64), int64(7))
	f.Fuzz(func(t *testing.T, x, y int64) {
		got, _, ok := lbQuotient(x, y)
		if x == exact.Marker || y <= 0 || x/y >= 1e18 || x/y <= -1e18 {
			if ok {
				t.Fatalf("lbQuotient(%d, %d) ok, want fallback", x, y)
			}
			return
		}
		want := decimal.NewFromInt(x).DivRound(decimal.NewFromInt(y), ratioScale)
		if !ok || got.String() != want.String() {
			t.Fatalf("lbQuotient(%d, %d) = %s, %v; want %s", x, y, got, ok, want)
		}
	})
}
