package forecast

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// pmBenchSnapshots builds a before snapshot of n deals (half in the 2025 Q2
// pipeline, expected 21 April to 27 September; 50 reps in 5 teams) and an after one where, from a fixed seed,
// 10% were won, 5% lost, 10% slipped, 20% changed amount, 5% were removed
// and n/10 deals are new.
func pmBenchSnapshots(n int) (before, after Snapshot) {
	rng := rand.New(rand.NewPCG(uint64(n), 2025))
	before = Snapshot{Taken: pmDay("2025-04-01"), Deals: make([]activity.Deal, 0, n)}
	after = Snapshot{Taken: pmDay("2025-05-15"), Deals: make([]activity.Deal, 0, n+n/10)}
	deal := func(i int, created string) activity.Deal {
		rep := rng.IntN(50)
		return activity.Deal{
			ID: "D" + strconv.Itoa(i), Owner: "rep" + strconv.Itoa(rep), Team: "team" + strconv.Itoa(rep%5),
			Amount: decimal.New(int64(100+rng.IntN(1_000_000)), -2), Currency: "USD", Stage: "proposal",
			Status: activity.StatusOpen, CreatedAt: pmDay(created),
			ExpectedCloseAt: pmDay("2025-04-21").AddDate(0, 0, rng.IntN(160)),
		}
	}
	for i := range n {
		d := deal(i, "2025-01-15")
		before.Deals = append(before.Deals, d)
		switch x := rng.IntN(100); {
		case x < 10:
			d.Status, d.Stage, d.ClosedAt = activity.StatusWon, "won", pmDay("2025-05-01")
		case x < 15:
			d.Status, d.Stage, d.ClosedAt = activity.StatusLost, "lost", pmDay("2025-05-01")
		case x < 25:
			d.ExpectedCloseAt = d.ExpectedCloseAt.AddDate(0, 3, 0)
		case x < 45:
			d.Amount = d.Amount.Add(decimal.New(int64(rng.IntN(20_000)-10_000), -2)).Abs()
		case x < 50:
			continue // removed
		}
		after.Deals = append(after.Deals, d)
	}
	for i := n; i < n+n/10; i++ {
		after.Deals = append(after.Deals, deal(i, "2025-04-20"))
	}
	return before, after
}

func BenchmarkPipelineMovement(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		before, after := pmBenchSnapshots(n)
		for _, by := range []MovementGrouping{MovementUngrouped, MovementByRep} {
			b.Run(fmt.Sprintf("deals=%d/by=%v", n, by), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := PipelineMovement(before, after, pmQ2, MovementOptions{By: by}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
