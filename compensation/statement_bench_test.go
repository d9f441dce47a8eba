package compensation

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// BenchmarkRateAll is the month-end run the issue measures: statements for
// reps × 100 credits each under a retroactive attainment plan with a gate,
// a cap and a bonus.
func BenchmarkRateAll(b *testing.B) {
	p, _ := quotaPlan()
	p.Components[0].Table.Mode = Retroactive
	p.Components = append(p.Components, Component{Name: "bonus", Kind: Bonus, Steps: []BonusStep{{Attainment: d("1"), Amount: d("5000")}}})
	for _, reps := range []int{100, 1_000, 10_000} {
		r := rand.New(rand.NewPCG(uint64(reps), 3))
		var credits []Credit
		var quotas []activity.Quota
		for i := range reps {
			rep := fmt.Sprintf("rep-%05d", i)
			quotas = append(quotas, activity.Quota{Rep: rep, Period: q1, Amount: some("100000"), Currency: "USD"})
			for j := range 100 {
				credits = append(credits, Credit{ID: fmt.Sprintf("%s-%03d", rep, j), Rep: rep, Amount: decimal.New(int64(50000+r.IntN(250000)), -2),
					Currency: "USD", At: q1.Start.Add(q1.Duration() / 101 * time.Duration(j+1))})
			}
		}
		b.Run(fmt.Sprintf("reps=%d", reps), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sts, err := RateAll(p, q1, credits, quotas)
				if err != nil || len(sts) != reps {
					b.Fatal(err, len(sts))
				}
			}
		})
	}
}
