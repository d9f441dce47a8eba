package people

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// ErrInvalidGoal reports a goal or a period's result that cannot be
// measured: an empty key, a negative or zero target, an invalid period, or
// results that are not consecutive periods in order.
var ErrInvalidGoal = errors.New("people: invalid goal")

// Goal is a target for one rep or team (Key) on one metric over a period:
// 40 meetings in March, 250,000 USD of bookings in Q2. Metric is the host's
// name for what is counted ("meetings", "bookings"); it labels results and
// may be empty. Target is in the metric's units (a count or an amount) and
// must be above zero.
type Goal struct {
	Key    string          `json:"key"`
	Metric string          `json:"metric,omitempty"`
	Period activity.Period `json:"period"`
	Target decimal.Decimal `json:"target"`
}

// MarshalJSON writes g with its target as a string.
func (g Goal) MarshalJSON() ([]byte, error) { type plain Goal; return dec.Marshal(plain(g)) }

// Validate reports an empty key, an invalid period (wrapping also
// activity.ErrInvalidPeriod), a negative target, and a zero target
// (wrapping also ErrZeroDenominator), each wrapping ErrInvalidGoal.
func (g Goal) Validate() error {
	switch {
	case g.Key == "":
		return fmt.Errorf("%w: goal for %q has an empty key", ErrInvalidGoal, g.Metric)
	case g.Target.IsZero():
		return fmt.Errorf("%w: %w: goal %q has a target of 0", ErrInvalidGoal, ErrZeroDenominator, g.Key)
	case g.Target.IsNegative():
		return fmt.Errorf("%w: goal %q has a negative target %s", ErrInvalidGoal, g.Key, dec.Text(g.Target))
	}
	if err := g.Period.Validate(); err != nil {
		return fmt.Errorf("%w: goal %q: %w", ErrInvalidGoal, g.Key, err)
	}
	return nil
}

// GoalStatus is where a goal stands at a moment, with what it was computed
// from:
//
//	Progress     = Actual / Target
//	Elapsed      = WorkingDaysGone / WorkingDays
//	OnPace       = Progress ≥ Elapsed        (compared exactly)
//	Projected    = Actual / Elapsed          what the period ends at at this pace
//	Remaining    = max(Target − Actual, 0)
//	NeededPerDay = Remaining / (WorkingDays − WorkingDaysGone)
//
// WorkingDays counts the calendar's working dates in the goal's period and
// WorkingDaysGone those before the local date of AsOf (see GoalProgress).
// Ratios and quotients are exact decimals rounded half away from zero to 20
// places, each with a float64 beside it for display (0.6 means 60%).
// Projected is absent before the first working day has gone, NeededPerDay
// once none is left; Undefined says why.
type GoalStatus struct {
	Goal            Goal                               `json:"goal"`
	AsOf            time.Time                          `json:"as_of"`
	Actual          decimal.Decimal                    `json:"actual"`
	Progress        decimal.Decimal                    `json:"progress"`
	ProgressRate    float64                            `json:"progress_rate"`
	WorkingDays     int                                `json:"working_days"`
	WorkingDaysGone int                                `json:"working_days_gone"`
	Elapsed         decimal.Decimal                    `json:"elapsed"`
	ElapsedRate     float64                            `json:"elapsed_rate"`
	OnPace          bool                               `json:"on_pace"`
	Projected       activity.Optional[decimal.Decimal] `json:"projected,omitzero"`
	Remaining       decimal.Decimal                    `json:"remaining"`
	NeededPerDay    activity.Optional[decimal.Decimal] `json:"needed_per_day,omitzero"`
	Undefined       string                             `json:"undefined,omitempty"`
}

// MarshalJSON writes s with its decimals as strings.
func (s GoalStatus) MarshalJSON() ([]byte, error) {
	type plain GoalStatus
	return dec.Marshal(plain(s))
}

// String reads as "ann meetings 2025-03: 24 of 40 (60.0%) with 10 of 21
// working days gone (47.6%): on pace, projected 50.4".
func (s GoalStatus) String() string {
	var b strings.Builder
	b.WriteString(s.Goal.Key)
	if s.Goal.Metric != "" {
		b.WriteString(" " + s.Goal.Metric)
	}
	fmt.Fprintf(&b, " %s: %s of %s (%.1f%%) with %d of %d working days gone (%.1f%%): ",
		periodName(s.Goal.Period), dec.Text(s.Actual), dec.Text(s.Goal.Target), 100*s.ProgressRate,
		s.WorkingDaysGone, s.WorkingDays, 100*s.ElapsedRate)
	if s.OnPace {
		b.WriteString("on pace")
	} else {
		b.WriteString("behind pace")
	}
	if p, ok := s.Projected.Get(); ok {
		b.WriteString(", projected " + p.Round(1).String())
	}
	return b.String()
}

// GoalProgress returns where goal stands at asOf, with actual achieved so
// far (see GoalStatus). Working days come from cal (its Location, Weekend
// and Holidays): the period's are those from the local date of its Start up
// to, not including, the local date of its End; the days gone are those up
// to, not including, the local date of asOf, so a working day counts as
// gone once it has ended (pass the next midnight for "as of the close of
// business"). From the period's End on, every working day has gone.
//
// Errors: an invalid goal (see Goal.Validate); asOf before the period starts
// (ErrInvalidOptions); an invalid calendar (activity.ErrInvalidCalendar); a
// period without a working day (ErrZeroDenominator, returned with Progress
// and Remaining filled in).
func GoalProgress(goal Goal, actual decimal.Decimal, asOf time.Time, cal activity.Calendar) (GoalStatus, error) {
	if err := goal.Validate(); err != nil {
		return GoalStatus{}, err
	}
	if asOf.Before(goal.Period.Start) {
		return GoalStatus{}, fmt.Errorf("%w: as of %s, before goal %q starts at %s", ErrInvalidOptions,
			asOf.Format(time.RFC3339), goal.Key, goal.Period.Start.Format(time.RFC3339))
	}
	if err := cal.Validate(); err != nil {
		return GoalStatus{}, err
	}
	s := GoalStatus{Goal: goal, AsOf: asOf, Actual: actual}
	s.Progress = actual.DivRound(goal.Target, ratioScale)
	s.ProgressRate = s.Progress.InexactFloat64()
	if actual.LessThan(goal.Target) {
		s.Remaining = goal.Target.Sub(actual)
	}

	total, err := cal.WorkingDays(goal.Period.Start, goal.Period.End)
	if err != nil {
		return GoalStatus{}, err
	}
	gone := total
	if asOf.Before(goal.Period.End) {
		if gone, err = cal.WorkingDays(goal.Period.Start, asOf); err != nil {
			return GoalStatus{}, err
		}
		gone = max(gone, 0) // as of before the period: none gone (WorkingDays counts back as negative)
	}
	s.WorkingDays, s.WorkingDaysGone = total, gone
	if total == 0 {
		s.Undefined = "the period has no working day"
		return s, fmt.Errorf("%w: goal %q: %s has no working day", ErrZeroDenominator, goal.Key, periodName(goal.Period))
	}
	days, daysGone := decimal.NewFromInt(int64(total)), decimal.NewFromInt(int64(gone))
	s.Elapsed = daysGone.DivRound(days, ratioScale)
	s.ElapsedRate = s.Elapsed.InexactFloat64()
	// Actual/Target ≥ gone/total, cross-multiplied (Target and total are
	// positive) so that no rounding decides it.
	s.OnPace = actual.Mul(days).GreaterThanOrEqual(daysGone.Mul(goal.Target))

	var undefined []string
	if gone > 0 {
		s.Projected = activity.Some(actual.Mul(days).DivRound(daysGone, ratioScale))
	} else {
		undefined = append(undefined, "no projection before a working day has gone")
	}
	if left := total - gone; left > 0 {
		s.NeededPerDay = activity.Some(s.Remaining.DivRound(decimal.NewFromInt(int64(left)), ratioScale))
	} else {
		undefined = append(undefined, "no working day left")
	}
	s.Undefined = strings.Join(undefined, "; ")
	return s, nil
}

// PeriodResult is a metric's actual against its target in one period, the
// input to Streaks.
type PeriodResult struct {
	Period activity.Period `json:"period"`
	Actual decimal.Decimal `json:"actual"`
	Target decimal.Decimal `json:"target"`
}

// MarshalJSON writes r with its decimals as strings.
func (r PeriodResult) MarshalJSON() ([]byte, error) {
	type plain PeriodResult
	return dec.Marshal(plain(r))
}

// Met reports whether the period met its target: Actual ≥ Target.
func (r PeriodResult) Met() bool { return r.Actual.GreaterThanOrEqual(r.Target) }

// Streak counts the consecutive periods that met their targets (see
// Streaks): Current is the run ending with the last period (0 when it
// missed), Longest the longest run anywhere; Met counts the periods that
// met their targets of the Periods given.
type Streak struct {
	Current int `json:"current"`
	Longest int `json:"longest"`
	Met     int `json:"met"`
	Periods int `json:"periods"`
}

// String reads as "current streak 2, longest 3 (5 of 7 periods met)".
func (s Streak) String() string {
	return fmt.Sprintf("current streak %d, longest %d (%d of %d periods met)", s.Current, s.Longest, s.Met, s.Periods)
}

// Streaks returns the streaks of results (see Streak), where a period is
// met when Actual ≥ Target (a target of 0 is met by any actual not below
// 0). results must be consecutive periods in time order, each starting
// where the one before ended: a period that overlaps or comes before the
// one before it, or leaves a gap after it, is an error, since a missing
// period could have broken the streak (give it with its result, or with a
// target of 0 to let it pass). No results is Streak{}, not an error.
//
// Errors, each wrapping ErrInvalidGoal and naming the result: an invalid
// period (also activity.ErrInvalidPeriod); a negative target; a period out
// of order, overlapping or after a gap.
func Streaks(results []PeriodResult) (Streak, error) {
	s := Streak{Periods: len(results)}
	for i, r := range results {
		if err := r.Period.Validate(); err != nil {
			return Streak{}, fmt.Errorf("%w: result %d: %w", ErrInvalidGoal, i, err)
		}
		if r.Target.IsNegative() {
			return Streak{}, fmt.Errorf("%w: result %d (%s) has a negative target %s", ErrInvalidGoal, i, periodName(r.Period), dec.Text(r.Target))
		}
		if i > 0 {
			prev := results[i-1].Period
			switch {
			case r.Period.Start.Before(prev.End):
				return Streak{}, fmt.Errorf("%w: result %d (%s) starts before result %d (%s) ends: give the periods in order, without overlap",
					ErrInvalidGoal, i, periodName(r.Period), i-1, periodName(prev))
			case r.Period.Start.After(prev.End):
				return Streak{}, fmt.Errorf("%w: gap between result %d (%s) and result %d (%s)",
					ErrInvalidGoal, i-1, periodName(prev), i, periodName(r.Period))
			}
		}
		if r.Met() {
			s.Met++
			s.Current++
			s.Longest = max(s.Longest, s.Current)
		} else {
			s.Current = 0
		}
	}
	return s, nil
}
