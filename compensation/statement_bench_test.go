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
				sts, err := StatementsForAll(p, q1, credits, quotas)
				if err != nil || len(sts) != reps {
					b.Fatal(err, len(sts))
				}
			}
		})
	}
}

// BenchmarkStatementsYear is a year of monthly statements for reps with a
// recoverable draw and clawbacks: 100 credits a rep, one in twenty
// cancelled within the window.
func BenchmarkStatementsYear(b *testing.B) {
	p := plan(Component{Name: "commission", Kind: Commission, Table: eclipseTable(Marginal)})
	p.Draw = &Draw{Amount: d("50"), Recoverable: true}
	p.Clawback = &Clawback{WindowDays: 90, Installments: 3}
	var months []activity.Period
	for m := range 12 {
		start := utc(2025, time.Month(1+m), 1)
		months = append(months, activity.Period{Start: start, End: start.AddDate(0, 1, 0), Name: start.Format("2006-01")})
	}
	for _, reps := range []int{10, 100, 1_000, 10_000} {
		r := rand.New(rand.NewPCG(uint64(reps), 5))
		type repInput struct {
			credits []Credit
			cancels []Cancellation
		}
		inputs := make([]repInput, reps)
		for i := range inputs {
			rep := fmt.Sprintf("rep-%04d", i)
			for j := range 100 {
				at := utc(2025, 1, 1).Add(time.Duration(r.IntN(360*24)) * time.Hour)
				id := fmt.Sprintf("%s-%03d", rep, j)
				inputs[i].credits = append(inputs[i].credits, Credit{ID: id, Rep: rep, Amount: decimal.New(int64(1000+r.IntN(50000)), -2), Currency: "USD", At: at})
				if r.IntN(20) == 0 {
					inputs[i].cancels = append(inputs[i].cancels, Cancellation{Credit: id, At: at.Add(time.Duration(r.IntN(120*24)) * time.Hour)})
				}
			}
		}
		b.Run(fmt.Sprintf("reps=%d", reps), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, in := range inputs {
					if _, err := Statements(p, fmt.Sprintf("rep-%04d", i), months, in.credits, nil, in.cancels); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
