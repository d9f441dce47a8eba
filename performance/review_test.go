package performance

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Cases found in review, each once wrong.

func TestCallsPerMeetingWithoutCallsOrHeld(t *testing.T) {
	t.Parallel()
	// No activity is a call and no outcome is "held": the first kind and
	// outcome seen must not stand in for them.
	acts := []activity.Activity{
		{ID: "1", Rep: "ann", Kind: activity.KindEmail, At: date(2024, 1, 2), Outcome: activity.OutcomeSent},
		{ID: "2", Rep: "ann", Kind: activity.KindEmail, At: date(2024, 1, 3), Outcome: activity.OutcomeSent},
		{ID: "3", Rep: "ann", Kind: activity.KindMeeting, At: date(2024, 1, 4), Outcome: activity.OutcomeSent},
	}
	ix, err := activity.NewIndex(activity.Records{Activities: acts}, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := CallsPerMeeting(ix.All(), q1, EffortOptions{})
	if !errors.Is(err, ErrZeroDenominator) || got.Activities != 0 {
		t.Errorf("CallsPerMeeting = %v, %v; want 0 calls and ErrZeroDenominator", got, err)
	}
}

func TestStaleBoundaryAndConversion(t *testing.T) {
	t.Parallel()
	// Created 1 January, 90 days old exactly on 31 March (31 + 29 + 30): stale
	// by AsOf = 31 March under both cohorts (the moment it turns stale is
	// inside Q1 and not after AsOf).
	deals := []activity.Deal{
		{ID: "S", Owner: "ann", Amount: decimal.NewFromInt(100), Currency: "EUR", Stage: activity.StageDemo, Status: activity.StatusOpen, CreatedAt: date(2024, 1, 1)},
		{ID: "W", Owner: "ann", Amount: decimal.NewFromInt(100), Currency: "USD", Stage: activity.StageClosedWon, Status: activity.StatusWon, CreatedAt: date(2024, 1, 1), ClosedAt: date(2024, 2, 1)},
	}
	ix := outcomeIndex(t, deals)
	for _, c := range []Cohort{ClosedInPeriod, CreatedInPeriod} {
		got, err := WinRate(ix.All(), q1, WinRateOptions{Cohort: c, StaleAfterDays: 90, AsOf: date(2024, 3, 31)})
		if err != nil || got.Stale != 1 || got.Won != 1 {
			t.Errorf("WinRate(%v, stale 90) = %v, %v; want 1 won, 1 stale", c, got, err)
		}
	}
	// By value, the stale EUR deal converts at the moment it turned stale:
	// 100 EUR × 1.1 = 110 USD; 100 / 210.
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: date(2024, 1, 1), Rate: decimal.RequireFromString("1.1")}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := WinRate(ix.All(), q1, WinRateOptions{Basis: ValueBasis, StaleAfterDays: 90, Conversion: &activity.Conversion{To: "USD", Converter: rates}})
	if err != nil || !got.ClosedAmount.Equal(decimal.NewFromInt(210)) {
		t.Errorf("WinRate(value, stale, converted) = %v, %v; want 100 of 210", got, err)
	}
}

func TestPipelineAtAsOf(t *testing.T) {
	t.Parallel()
	deals := []activity.Deal{
		// Created after AsOf (1 January): not open then.
		{ID: "late", Owner: "ann", Amount: decimal.NewFromInt(5), Currency: "USD", Stage: activity.StageDemo, Status: activity.StatusOpen,
			CreatedAt: date(2024, 2, 1), ExpectedCloseAt: date(2024, 3, 1)},
		// Created long before, touched only after AsOf: stale at AsOf.
		{ID: "old", Owner: "ann", Amount: decimal.NewFromInt(7), Currency: "USD", Stage: activity.StageDemo, Status: activity.StatusOpen,
			CreatedAt: date(2023, 1, 1), ExpectedCloseAt: date(2024, 3, 1)},
	}
	acts := []activity.Activity{{ID: "a", Rep: "ann", Kind: activity.KindCall, At: date(2024, 6, 1), Deal: "old"}}
	ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	got, err := OpenPipeline(ix.All(), q1, PipelineOptions{StaleAfterDays: 30})
	// 1 January 2023 to 1 January 2024: 365 days old.
	if err != nil || got.Deals != 1 || got.Stale != 1 || got.MeanAgeDays != 365 {
		t.Errorf("OpenPipeline(as of 1 Jan) = %v, %v; want only 'old', stale, 365 days", got, err)
	}
}

func TestFunnelStageWithoutProbability(t *testing.T) {
	t.Parallel()
	// A stage with no default probability leaves its deals unweighted, not
	// weighted at 0%.
	f := activity.TypicalB2B()
	f.Stages[2].Probability = activity.Optional[decimal.Decimal]{} // demo
	deals := []activity.Deal{{ID: "D", Owner: "ann", Amount: decimal.NewFromInt(10), Currency: "USD", Stage: activity.StageDemo,
		Status: activity.StatusOpen, CreatedAt: date(2023, 12, 1), ExpectedCloseAt: date(2024, 2, 1)}}
	ix, err := activity.NewIndex(activity.Records{Deals: deals}, activity.IndexOptions{Funnel: f})
	if err != nil {
		t.Fatal(err)
	}
	got, err := OpenPipeline(ix.All(), q1, PipelineOptions{})
	if err != nil || got.Unweighted != 1 || !got.Weighted.IsZero() || !got.Amount.Equal(decimal.NewFromInt(10)) {
		t.Errorf("OpenPipeline(stage without probability) = %v, %v; want 1 unweighted", got, err)
	}
}

func TestStreamedRepsAreCopied(t *testing.T) {
	t.Parallel()
	// A stream that reuses one assignment buffer: the index must keep its
	// own copy of each rep.
	buf := make([]activity.Assignment, 1)
	reps := func(yield func(activity.Rep) bool) {
		buf[0] = activity.Assignment{From: date(2024, 1, 1), Team: "east"}
		if !yield(activity.Rep{ID: "ann", Assignments: buf}) {
			return
		}
		buf[0] = activity.Assignment{From: date(2024, 1, 1), Team: "west"}
		yield(activity.Rep{ID: "bob", Assignments: buf})
	}
	ix, err := activity.NewIndexFrom(activity.Streams{Reps: reps}, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ann, _ := ix.Reps().Key("ann")
	team, ok := ix.TeamAt(ann, date(2024, 6, 1).Add(time.Hour))
	if !ok || ix.Teams().Name(team) != "east" {
		t.Errorf("ann's team = %q, want east", ix.Teams().Name(team))
	}
}
