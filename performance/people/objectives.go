package people

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Objective is one line of a weighted objective scorecard (the kind sales
// gamification tools such as Ambition keep): each rep's actual value of a
// KPI, counted or in money alike (Scores: from ScoresOf, BookingsScores,
// Points ...), the benchmark that earns the full weight, and the weight:
//
//	points = actual / Benchmark × Weight        at most Cap, when set
//
// so a rep at the benchmark earns Weight, at twice it twice the weight
// (unless capped), and a rep without a score for the objective earns 0.
type Objective struct {
	Name      string                             `json:"name"`
	Scores    []Score                            `json:"scores"`
	Benchmark decimal.Decimal                    `json:"benchmark"`
	Weight    decimal.Decimal                    `json:"weight"`
	Cap       activity.Optional[decimal.Decimal] `json:"cap,omitzero"`
}

// ObjectivePoints is what one objective gave a rep.
type ObjectivePoints struct {
	Objective string          `json:"objective"`
	Actual    decimal.Decimal `json:"actual"`
	// Points are actual / benchmark × weight, to 20 decimal places
	// (rounded half away from zero), or the cap.
	Points decimal.Decimal `json:"points"`
	Capped bool            `json:"capped,omitempty"`
}

// ObjectiveScore is a rep's weighted scorecard: the points of each
// objective, in the objectives' order, and their sum.
type ObjectiveScore struct {
	Key        string            `json:"key"`
	Points     decimal.Decimal   `json:"points"`
	Objectives []ObjectivePoints `json:"objectives"`
}

// MarshalJSON writes the score with its decimals as strings.
func (s ObjectiveScore) MarshalJSON() ([]byte, error) {
	type plain ObjectiveScore
	return dec.Marshal(plain(s))
}

// Score returns the scorecard's total as a leaderboard Score (rank them
// with Leaderboard, with the unit "points").
func (s ObjectiveScore) Score() Score { return Score{Key: s.Key, Value: s.Points} }

// objectiveScale is the decimal places points are rounded to.
const objectiveScale = 20

// ObjectiveScores returns every rep's weighted objective scorecard (see
// Objective): one per key that any objective scores, in key order, exact.
//
// Errors, wrapping ErrInvalidOptions: no objective, an empty or repeated
// name, a benchmark that is not above zero, a negative weight or cap; and,
// wrapping ErrInvalidScore, an objective's score with an empty or repeated
// key.
func ObjectiveScores(objectives []Objective) ([]ObjectiveScore, error) {
	if len(objectives) == 0 {
		return nil, fmt.Errorf("%w: no objectives", ErrInvalidOptions)
	}
	names := map[string]bool{}
	keys := map[string]bool{}
	for i, o := range objectives {
		switch {
		case o.Name == "" || names[o.Name]:
			return nil, fmt.Errorf("%w: objective %d has an empty or repeated name %q", ErrInvalidOptions, i, o.Name)
		case !o.Benchmark.IsPositive():
			return nil, fmt.Errorf("%w: objective %q has a benchmark of %s, not above zero", ErrInvalidOptions, o.Name, dec.Text(o.Benchmark))
		case o.Weight.IsNegative():
			return nil, fmt.Errorf("%w: objective %q has a negative weight %s", ErrInvalidOptions, o.Name, dec.Text(o.Weight))
		case o.Cap.Valid && o.Cap.Value.IsNegative():
			return nil, fmt.Errorf("%w: objective %q has a negative cap %s", ErrInvalidOptions, o.Name, dec.Text(o.Cap.Value))
		}
		names[o.Name] = true
		if err := lbCheckKeys(o.Scores); err != nil {
			return nil, fmt.Errorf("objective %q: %w", o.Name, err)
		}
		for _, s := range o.Scores {
			keys[s.Key] = true
		}
	}
	order := make([]string, 0, len(keys))
	for k := range keys {
		order = append(order, k)
	}
	slices.Sort(order)
	out := make([]ObjectiveScore, len(order))
	row := make(map[string]int, len(order))
	for i, k := range order {
		out[i] = ObjectiveScore{Key: k, Objectives: make([]ObjectivePoints, len(objectives))}
		row[k] = i
	}
	for j, o := range objectives {
		for i := range out {
			out[i].Objectives[j] = ObjectivePoints{Objective: o.Name}
		}
		for _, s := range o.Scores {
			p := &out[row[s.Key]].Objectives[j]
			p.Actual = s.Value
			p.Points = s.Value.Mul(o.Weight).DivRound(o.Benchmark, objectiveScale)
			if o.Cap.Valid && p.Points.GreaterThan(o.Cap.Value) {
				p.Points, p.Capped = o.Cap.Value, true
			}
		}
	}
	for i := range out {
		for _, p := range out[i].Objectives {
			out[i].Points = out[i].Points.Add(p.Points)
		}
	}
	slices.SortFunc(out, func(a, b ObjectiveScore) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}
