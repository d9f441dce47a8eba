package performance

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Score is one entry of a leaderboard: a rep's (or team's) value of any
// KPI, exact, and an optional second value that breaks ties under Ordinal
// ranking.
type Score struct {
	Key      string                             `json:"key"`
	Value    decimal.Decimal                    `json:"value"`
	Tiebreak activity.Optional[decimal.Decimal] `json:"tiebreak"`
}

// RankMethod says how ties rank.
type RankMethod uint8

// Rank methods.
const (
	// Competition (the default): ties share the rank and the next rank
	// skips: 1, 2, 2, 4.
	Competition RankMethod = iota
	// Dense: ties share the rank, no skip: 1, 2, 2, 3.
	Dense
	// Ordinal: every entry its own rank, ties broken by Tiebreak (the
	// better first, an absent one last), then by key: 1, 2, 3, 4.
	Ordinal
)

// String returns "competition", "dense" or "ordinal".
func (m RankMethod) String() string {
	switch m {
	case Competition:
		return "competition"
	case Dense:
		return "dense"
	case Ordinal:
		return "ordinal"
	}
	return fmt.Sprintf("RankMethod(%d)", uint8(m))
}

// MarshalText writes String.
func (m RankMethod) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// RankOptions says how a leaderboard ranks. The zero value ranks higher
// values first, ties sharing a rank (1, 2, 2, 4), with each entry's share of
// the leader's value.
type RankOptions struct {
	Method RankMethod
	// Ascending ranks lower values first (cycle days, cost of sale).
	Ascending bool
	// Target, when set, gives each entry its progress to it instead of its
	// share of the leader.
	Target activity.Optional[decimal.Decimal]
}

// Standing is an entry's place on a leaderboard:
//
//	Progress      = Value / Target                (with a target)
//	ShareOfLeader = Value / the leader's Value    (without; absent when the leader's is 0)
//	GapToNext     = |the value ranked just above − Value|  (0 for the leader)
//
// exact to 20 decimal places.
type Standing struct {
	Rank          int                                `json:"rank"`
	Key           string                             `json:"key"`
	Value         decimal.Decimal                    `json:"value"`
	Tied          bool                               `json:"tied"`
	Progress      activity.Optional[decimal.Decimal] `json:"progress"`
	ShareOfLeader activity.Optional[decimal.Decimal] `json:"share_of_leader"`
	GapToNext     decimal.Decimal                    `json:"gap_to_next"`
}

// Leaderboard ranks scores (see RankOptions and Standing), best first, ties
// in key order. Errors wrap ErrInvalidOptions: no scores, an empty or
// repeated key, an unknown method, a target that is not above zero.
func Leaderboard(scores []Score, opts RankOptions) ([]Standing, error) {
	if opts.Method > Ordinal {
		return nil, fmt.Errorf("%w: rank method %v", ErrInvalidOptions, opts.Method)
	}
	if t, ok := opts.Target.Get(); ok && !t.IsPositive() {
		return nil, fmt.Errorf("%w: target %s not above zero", ErrInvalidOptions, t)
	}
	if len(scores) == 0 {
		return nil, fmt.Errorf("%w: no scores", ErrInvalidOptions)
	}
	seen := make(map[string]bool, len(scores))
	for _, sc := range scores {
		if sc.Key == "" || seen[sc.Key] {
			return nil, fmt.Errorf("%w: key %q empty or repeated", ErrInvalidOptions, sc.Key)
		}
		seen[sc.Key] = true
	}
	s := slices.Clone(scores)
	better := func(a, b decimal.Decimal) int { // negative when a ranks before b
		if opts.Ascending {
			return a.Cmp(b)
		}
		return b.Cmp(a)
	}
	slices.SortFunc(s, func(a, b Score) int {
		if c := better(a.Value, b.Value); c != 0 {
			return c
		}
		if opts.Method == Ordinal {
			switch {
			case a.Tiebreak.Valid && b.Tiebreak.Valid:
				if c := better(a.Tiebreak.Value, b.Tiebreak.Value); c != 0 {
					return c
				}
			case a.Tiebreak.Valid:
				return -1
			case b.Tiebreak.Valid:
				return 1
			}
		}
		return cmp.Compare(a.Key, b.Key)
	})
	out := make([]Standing, len(s))
	rank, dense := 0, 0
	for i, sc := range s {
		tiedAbove := i > 0 && sc.Value.Equal(s[i-1].Value)
		switch {
		case opts.Method == Ordinal || !tiedAbove:
			rank = i + 1
			dense++
		}
		st := Standing{Rank: rank, Key: sc.Key, Value: sc.Value}
		if opts.Method == Dense {
			st.Rank = dense
		}
		st.Tied = tiedAbove || (i+1 < len(s) && sc.Value.Equal(s[i+1].Value))
		if i > 0 {
			st.GapToNext = s[i-1].Value.Sub(sc.Value).Abs()
		}
		if t, ok := opts.Target.Get(); ok {
			st.Progress = activity.Some(sc.Value.DivRound(t, ratioScale))
		} else if lead := s[0].Value; !lead.IsZero() {
			st.ShareOfLeader = activity.Some(sc.Value.DivRound(lead, ratioScale))
		}
		out[i] = st
	}
	return out, nil
}

// PointWeights are the points a contest gives per activity kind and per
// won deal.
type PointWeights struct {
	Kinds   map[activity.Kind]decimal.Decimal `json:"kinds"`
	WonDeal decimal.Decimal                   `json:"won_deal"`
}

// Points returns each rep's points over p (a contest's window): Σ over
// the rep's activities in p of their kind's points, plus WonDeal for each
// deal the rep won in p, exact, one Score a rep with any activity or won
// deal, in rep order; rank them with Leaderboard. Negative points are an
// error wrapping ErrInvalidOptions; an invalid period, activity's error.
func Points(v activity.View, p activity.Period, w PointWeights) ([]Score, error) {
	if w.WonDeal.IsNegative() {
		return nil, fmt.Errorf("%w: negative points per won deal", ErrInvalidOptions)
	}
	for k, pts := range w.Kinds {
		if pts.IsNegative() {
			return nil, fmt.Errorf("%w: negative points for %s", ErrInvalidOptions, k)
		}
	}
	vol, err := activity.ActivityVolumeBy(v, p, activity.ByRep, activity.VolumeOptions{})
	if err != nil {
		return nil, err
	}
	won, err := WinRateBy(v, p, By{Dimension: Rep}, WinRateOptions{})
	if err != nil {
		return nil, err
	}
	points := map[string]decimal.Decimal{}
	for _, g := range vol {
		if g.Key == "" {
			continue
		}
		sum := decimal.Zero
		for _, kc := range g.ByKind {
			if pts, ok := w.Kinds[kc.Kind]; ok {
				sum = sum.Add(pts.Mul(decimal.NewFromInt(kc.Count)))
			}
		}
		points[g.Key] = sum
	}
	for _, g := range won {
		if g.Key == "" || (g.Result.Won == 0 && g.Result.Lost == 0) {
			continue
		}
		points[g.Key] = points[g.Key].Add(w.WonDeal.Mul(decimal.NewFromInt(g.Result.Won)))
	}
	out := make([]Score, 0, len(points))
	for k, v := range points {
		out = append(out, Score{Key: k, Value: v})
	}
	slices.SortFunc(out, func(a, b Score) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}

// Goal is a target for one rep or team on one metric over a period.
type Goal struct {
	Key    string          `json:"key"`
	Metric string          `json:"metric"`
	Period activity.Period `json:"period"`
	Target decimal.Decimal `json:"target"`
}

// GoalStatus is how a goal stands at a moment:
//
//	Progress  = Actual / Target
//	Elapsed   = working days gone / working days in the period
//	OnPace    = Progress ≥ Elapsed
//	Projected = Actual / Elapsed   (what the period ends at at this pace)
//
// exact to 20 places; Projected is absent before the first working day.
type GoalStatus struct {
	Goal      Goal                               `json:"goal"`
	AsOf      time.Time                          `json:"as_of"`
	Actual    decimal.Decimal                    `json:"actual"`
	Progress  decimal.Decimal                    `json:"progress"`
	Elapsed   decimal.Decimal                    `json:"elapsed"`
	OnPace    bool                               `json:"on_pace"`
	Projected activity.Optional[decimal.Decimal] `json:"projected"`
}

// GoalProgress returns where goal stands at asOf with actual achieved so
// far (see GoalStatus), counting working days of cal (a partly gone day
// does not count; from the period's end on, all of it has). Errors wrap
// ErrInvalidOptions: a target not above zero, an empty key, an invalid
// period, an asOf before the period; the calendar's error.
func GoalProgress(goal Goal, actual decimal.Decimal, asOf time.Time, cal activity.Calendar) (GoalStatus, error) {
	g := GoalStatus{Goal: goal, AsOf: asOf, Actual: actual}
	if goal.Key == "" || !goal.Target.IsPositive() {
		return g, fmt.Errorf("%w: goal %q with target %s", ErrInvalidOptions, goal.Key, goal.Target)
	}
	if err := goal.Period.Validate(); err != nil {
		return g, fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	if asOf.Before(goal.Period.Start) {
		return g, fmt.Errorf("%w: as of %s, before the goal's period", ErrInvalidOptions, asOf.Format(time.DateOnly))
	}
	total, err := cal.WorkingDays(goal.Period.Start, goal.Period.End)
	if err != nil {
		return g, err
	}
	gone := total
	if asOf.Before(goal.Period.End) {
		if gone, err = cal.WorkingDays(goal.Period.Start, asOf); err != nil {
			return g, err
		}
	}
	g.Progress = actual.DivRound(goal.Target, ratioScale)
	if total > 0 {
		g.Elapsed = decimal.NewFromInt(int64(gone)).DivRound(decimal.NewFromInt(int64(total)), ratioScale)
	}
	g.OnPace = g.Progress.GreaterThanOrEqual(g.Elapsed)
	if g.Elapsed.IsPositive() {
		g.Projected = activity.Some(actual.Mul(decimal.NewFromInt(int64(total))).DivRound(decimal.NewFromInt(int64(gone)), ratioScale))
	}
	return g, nil
}

// PeriodResult is a metric's actual against its target in one period.
type PeriodResult struct {
	Period activity.Period `json:"period"`
	Actual decimal.Decimal `json:"actual"`
	Target decimal.Decimal `json:"target"`
}

// Streak counts consecutive periods meeting the goal (actual ≥ target):
// Current ends with the last period (0 if it missed), Longest anywhere.
type Streak struct {
	Current int `json:"current"`
	Longest int `json:"longest"`
}

// Streaks returns the streaks of results, which must be consecutive
// periods in order (each starting where the one before ended), else an error
// wrapping ErrInvalidOptions.
func Streaks(results []PeriodResult) (Streak, error) {
	var s Streak
	for i, r := range results {
		if i > 0 && !r.Period.Start.Equal(results[i-1].Period.End) {
			return Streak{}, fmt.Errorf("%w: %s does not follow %s", ErrInvalidOptions, r.Period, results[i-1].Period)
		}
		if r.Actual.GreaterThanOrEqual(r.Target) {
			s.Current++
			s.Longest = max(s.Longest, s.Current)
		} else {
			s.Current = 0
		}
	}
	return s, nil
}
