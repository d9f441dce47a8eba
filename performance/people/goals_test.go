package people

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// goalMarch is 40 meetings in March 2025. March 2025 starts on a Saturday;
// its working days (Monday to Friday) are 3–7, 10–14, 17–21, 24–28 and 31:
// 21.
func goalMarch() Goal {
	return Goal{Key: "ann", Metric: "meetings", Period: lbMarch, Target: lbDec("40")}
}

func goalSome(s string) activity.Optional[decimal.Decimal] { return activity.Some(lbDec(s)) }

func TestGoalProgress(t *testing.T) {
	t.Parallel()
	est := time.FixedZone("EST", -5*3600)
	with := func(f func(*Goal)) Goal { g := goalMarch(); f(&g); return g }
	for _, tc := range []struct {
		name   string
		goal   Goal
		actual string
		asOf   time.Time
		cal    activity.Calendar
		want   GoalStatus
	}{
		{
			// 15 March (a Saturday): 3–7 and 10–14 gone, 10 of 21 working
			// days. 24 / 40 = 0.6 ≥ 10 / 21 = 0.476…: on pace. Projected 24
			// × 21 / 10 = 50.4; 16 left over 11 days = 1.4545…
			name: "on pace", goal: goalMarch(), actual: "24", asOf: lbDate(2025, 3, 15),
			want: GoalStatus{Progress: lbDec("0.6"), ProgressRate: 0.6, WorkingDays: 21, WorkingDaysGone: 10,
				Elapsed: lbDec("0.47619047619047619048"), ElapsedRate: 10.0 / 21, OnPace: true,
				Projected: goalSome("50.4"), Remaining: lbDec("16"), NeededPerDay: goalSome("1.45454545454545454545")},
		},
		{
			// 9 / 40 = 0.225 < 0.476: behind. Projected 9 × 21 / 10 = 18.9;
			// 31 left over 11 days = 2.8181…
			name: "behind pace", goal: goalMarch(), actual: "9", asOf: lbDate(2025, 3, 15),
			want: GoalStatus{Progress: lbDec("0.225"), ProgressRate: 0.225, WorkingDays: 21, WorkingDaysGone: 10,
				Elapsed: lbDec("0.47619047619047619048"), ElapsedRate: 10.0 / 21, OnPace: false,
				Projected: goalSome("18.9"), Remaining: lbDec("31"), NeededPerDay: goalSome("2.81818181818181818182")},
		},
		{
			// A holiday on Monday 17 March: 20 working days, 10 gone, so
			// 0.5 elapsed; 20 / 40 = 0.5 is exactly on pace.
			name: "holiday, exactly on pace", goal: goalMarch(), actual: "20", asOf: lbDate(2025, 3, 15),
			cal: activity.Calendar{Holidays: []time.Time{lbDate(2025, 3, 17)}},
			want: GoalStatus{Progress: lbDec("0.5"), ProgressRate: 0.5, WorkingDays: 20, WorkingDaysGone: 10,
				Elapsed: lbDec("0.5"), ElapsedRate: 0.5, OnPace: true,
				Projected: goalSome("40"), Remaining: lbDec("20"), NeededPerDay: goalSome("2")},
		},
		{
			// 14 March 15:00: the 14th is not over, so 3–7 and 10–13 gone:
			// 9. Projected 18 × 21 / 9 = 42.
			name: "part of a day", goal: goalMarch(), actual: "18", asOf: time.Date(2025, 3, 14, 15, 0, 0, 0, time.UTC),
			want: GoalStatus{Progress: lbDec("0.45"), ProgressRate: 0.45, WorkingDays: 21, WorkingDaysGone: 9,
				Elapsed: lbDec("0.42857142857142857143"), ElapsedRate: 9.0 / 21, OnPace: true,
				Projected: goalSome("42"), Remaining: lbDec("22"), NeededPerDay: goalSome("1.83333333333333333333")},
		},
		{
			// A goal for March in a calendar at UTC−5, the period cut at
			// midnights there: 21 working days. 15 March 02:00 UTC is 14
			// March 21:00 there, so the 14th is not over: 9 days gone, as
			// above.
			name: "time zone", goal: with(func(g *Goal) {
				g.Period = activity.Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, est), End: time.Date(2025, 4, 1, 0, 0, 0, 0, est)}
			}), actual: "18", asOf: time.Date(2025, 3, 15, 2, 0, 0, 0, time.UTC),
			cal: activity.Calendar{Location: est},
			want: GoalStatus{Progress: lbDec("0.45"), ProgressRate: 0.45, WorkingDays: 21, WorkingDaysGone: 9,
				Elapsed: lbDec("0.42857142857142857143"), ElapsedRate: 9.0 / 21, OnPace: true,
				Projected: goalSome("42"), Remaining: lbDec("22"), NeededPerDay: goalSome("1.83333333333333333333")},
		},
		{
			// At the start nothing has gone: on pace with any actual ≥ 0,
			// no projection; 40 over 21 days = 1.9047…
			name: "at the start", goal: goalMarch(), actual: "0", asOf: lbDate(2025, 3, 1),
			want: GoalStatus{Progress: lbDec("0"), WorkingDays: 21, WorkingDaysGone: 0,
				Elapsed: lbDec("0"), OnPace: true, Remaining: lbDec("40"), NeededPerDay: goalSome("1.90476190476190476190"),
				Undefined: "no projection before a working day has gone"},
		},
		{
			// After the end every day has gone: the projection is the
			// actual; 44 ≥ 40, nothing remains, no day left to need it.
			name: "after the end", goal: goalMarch(), actual: "44", asOf: lbDate(2025, 5, 1),
			want: GoalStatus{Progress: lbDec("1.1"), ProgressRate: 1.1, WorkingDays: 21, WorkingDaysGone: 21,
				Elapsed: lbDec("1"), ElapsedRate: 1, OnPace: true, Projected: goalSome("44"), Remaining: lbDec("0"),
				Undefined: "no working day left"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := GoalProgress(tc.goal, lbDec(tc.actual), tc.asOf, tc.cal)
			if err != nil {
				t.Fatal(err)
			}
			tc.want.Goal, tc.want.AsOf, tc.want.Actual = tc.goal, tc.asOf, lbDec(tc.actual)
			if d := cmp.Diff(tc.want, got, lbCmp); d != "" {
				t.Errorf("GoalProgress() (-want +got):\n%s", d)
			}
		})
	}
}

func TestGoalStatusString(t *testing.T) {
	t.Parallel()
	got, err := GoalProgress(goalMarch(), lbDec("24"), lbDate(2025, 3, 15), activity.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	want := "ann meetings 2025-03: 24 of 40 (60.0%) with 10 of 21 working days gone (47.6%): on pace, projected 50.4"
	if got.String() != want {
		t.Errorf("GoalStatus.String() = %q, want %q", got.String(), want)
	}
}

func TestGoalProgressErrors(t *testing.T) {
	t.Parallel()
	with := func(f func(*Goal)) Goal { g := goalMarch(); f(&g); return g }
	weekend := activity.Period{Start: lbDate(2025, 3, 1), End: lbDate(2025, 3, 3), Name: "a weekend"}
	for _, tc := range []struct {
		name string
		goal Goal
		asOf time.Time
		cal  activity.Calendar
		want []error
	}{
		{"empty key", with(func(g *Goal) { g.Key = "" }), lbDate(2025, 3, 15), activity.Calendar{}, []error{ErrInvalidGoal}},
		{"zero target", with(func(g *Goal) { g.Target = lbDec("0.0") }), lbDate(2025, 3, 15), activity.Calendar{}, []error{ErrInvalidGoal, ErrZeroDenominator}},
		{"negative target", with(func(g *Goal) { g.Target = lbDec("-40") }), lbDate(2025, 3, 15), activity.Calendar{}, []error{ErrInvalidGoal}},
		{"zero period", with(func(g *Goal) { g.Period = activity.Period{} }), lbDate(2025, 3, 15), activity.Calendar{}, []error{ErrInvalidGoal, activity.ErrInvalidPeriod}},
		{"period backwards", with(func(g *Goal) { g.Period.Start, g.Period.End = g.Period.End, g.Period.Start }), lbDate(2025, 5, 1), activity.Calendar{},
			[]error{ErrInvalidGoal, activity.ErrInvalidPeriod}},
		{"as of before the period", goalMarch(), lbDate(2025, 2, 28), activity.Calendar{}, []error{ErrInvalidOptions}},
		{"zero as of", goalMarch(), time.Time{}, activity.Calendar{}, []error{ErrInvalidOptions}},
		{"invalid calendar", goalMarch(), lbDate(2025, 3, 15), activity.Calendar{Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}, []error{activity.ErrInvalidCalendar}},
		{"zero holiday", goalMarch(), lbDate(2025, 3, 15), activity.Calendar{Holidays: []time.Time{{}}}, []error{activity.ErrInvalidCalendar}},
		{"no working day", with(func(g *Goal) { g.Period = weekend }), lbDate(2025, 3, 2), activity.Calendar{}, []error{ErrZeroDenominator}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := GoalProgress(tc.goal, lbDec("1"), tc.asOf, tc.cal)
			if err == nil {
				t.Fatal("GoalProgress() error = nil")
			}
			for _, want := range tc.want {
				if !errors.Is(err, want) {
					t.Errorf("GoalProgress() error = %v, want %v", err, want)
				}
			}
		})
	}
	// With no working day the progress is still reported: 1 / 40 = 0.025.
	got, err := GoalProgress(with(func(g *Goal) { g.Period = weekend }), lbDec("1"), lbDate(2025, 3, 2), activity.Calendar{})
	if !errors.Is(err, ErrZeroDenominator) || !got.Progress.Equal(lbDec("0.025")) || got.Undefined == "" || got.Projected.Valid {
		t.Errorf("GoalProgress(weekend) = %+v, %v; want progress 0.025, a reason, ErrZeroDenominator", got, err)
	}
}

// goalMonths returns consecutive months of 2025 from January, met or not.
func goalMonths(met ...bool) []PeriodResult {
	out := make([]PeriodResult, len(met))
	for i, m := range met {
		actual := "90"
		if m {
			actual = "100" // equal to the target: met
		}
		out[i] = PeriodResult{
			Period: activity.Period{Start: lbDate(2025, time.Month(i+1), 1), End: lbDate(2025, time.Month(i+2), 1)},
			Actual: lbDec(actual), Target: lbDec("100"),
		}
	}
	return out
}

func TestStreaks(t *testing.T) {
	t.Parallel()
	const y, n = true, false
	for _, tc := range []struct {
		name    string
		results []PeriodResult
		want    Streak
	}{
		{"none", nil, Streak{}},
		// met, met, missed, met, met, met: the last three run on.
		{"current is longest", goalMonths(y, y, n, y, y, y), Streak{Current: 3, Longest: 3, Met: 5, Periods: 6}},
		// met ×3, then a miss ends the run: current 0, longest 3.
		{"broken", goalMonths(y, y, y, n), Streak{Current: 0, Longest: 3, Met: 3, Periods: 4}},
		{"longest earlier", goalMonths(y, y, y, n, y), Streak{Current: 1, Longest: 3, Met: 4, Periods: 5}},
		{"never", goalMonths(n, n), Streak{Periods: 2}},
		{"one met", goalMonths(y), Streak{Current: 1, Longest: 1, Met: 1, Periods: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Streaks(tc.results)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Streaks() = %+v, want %+v", got, tc.want)
			}
		})
	}
	// A zero target is met by any actual ≥ 0.
	r := goalMonths(n)
	r[0].Target, r[0].Actual = decimal.Zero, decimal.Zero
	if got, err := Streaks(r); err != nil || got.Current != 1 {
		t.Errorf("Streaks(target 0) = %+v, %v; want current 1", got, err)
	}
	if got, want := (Streak{Current: 2, Longest: 3, Met: 5, Periods: 7}).String(), "current streak 2, longest 3 (5 of 7 periods met)"; got != want {
		t.Errorf("Streak.String() = %q, want %q", got, want)
	}
}

func TestStreaksErrors(t *testing.T) {
	t.Parallel()
	swap := goalMonths(true, true, true)
	swap[1], swap[2] = swap[2], swap[1]
	gap := goalMonths(true, true, true)
	gap = append(gap[:1], gap[2:]...)
	overlap := goalMonths(true, true)
	overlap[1].Period.Start = lbDate(2025, 1, 15)
	negative := goalMonths(true, true)
	negative[1].Target = lbDec("-1")
	backwards := goalMonths(true, true)
	backwards[0].Period.End = backwards[0].Period.Start
	for _, tc := range []struct {
		name    string
		results []PeriodResult
		want    []error
	}{
		{"out of order", swap, []error{ErrInvalidGoal}},
		{"gap", gap, []error{ErrInvalidGoal}},
		{"overlap", overlap, []error{ErrInvalidGoal}},
		{"negative target", negative, []error{ErrInvalidGoal}},
		{"invalid period", backwards, []error{ErrInvalidGoal, activity.ErrInvalidPeriod}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Streaks(tc.results)
			for _, want := range tc.want {
				if !errors.Is(err, want) {
					t.Errorf("Streaks() error = %v, want %v", err, want)
				}
			}
			if got != (Streak{}) {
				t.Errorf("Streaks() = %+v with an error, want zero", got)
			}
		})
	}
}
