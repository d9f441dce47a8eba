package forecast_test

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/forecast"
)

// lpExampleIndex is five closed deals and two open ones on the typical B2B
// funnel: partner deals win more often than direct ones.
func lpExampleIndex() *activity.Index {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	var r activity.Records
	deal := func(id string, src activity.Source, status activity.Status, path ...activity.Stage) {
		d := activity.Deal{ID: id, Owner: "ann", Currency: "USD", Source: src, Stage: activity.StageProspecting, Status: status, CreatedAt: day(1)}
		for i, to := range path {
			r.StageChanges = append(r.StageChanges, activity.StageChange{Deal: id, From: d.Stage, To: to, At: day(2 + i)})
			d.Stage = to
		}
		if status.Closed() {
			d.ClosedAt = day(2 + len(path) - 1)
		}
		r.Deals = append(r.Deals, d)
	}
	deal("D1", "partner", activity.StatusWon, activity.StageDemo, activity.StageClosedWon)
	deal("D2", "partner", activity.StatusLost, activity.StageQualification, activity.StageClosedLost)
	deal("D3", "direct", activity.StatusWon, activity.StageClosedWon)
	deal("D4", "direct", activity.StatusLost, activity.StageDemo, activity.StageClosedLost)
	deal("D5", "direct", activity.StatusLost, activity.StageClosedLost)
	deal("O1", "partner", activity.StatusOpen, activity.StageDemo)
	deal("O2", "web", activity.StatusOpen, activity.StageQualification)
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		panic(err)
	}
	return ix
}

func ExampleFitWinModel() {
	ix := lpExampleIndex()
	m, err := forecast.FitWinModel(ix.All(), forecast.WinModelOptions{
		AsOf:   time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		Fields: []string{"stage", "source"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"O1", "O2"} {
		row, _ := ix.DealRow(id)
		fmt.Println(m.Probability(ix.Deal(row)))
	}
	// Output:
	// O1 73.5% (company; prior 40.4%): stage=demo ×2.82, source=partner ×1.45
	// O2 50.0% (company; prior 40.4%): stage=qualification ×1.48, source=web unseen
}

func ExampleWinModel_Probabilities() {
	ix := lpExampleIndex()
	m, err := forecast.FitWinModel(ix.All(), forecast.WinModelOptions{
		AsOf:   time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		Fields: []string{"stage", "source"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Ready for forecast.OutcomeOptions.Probabilities.
	p := m.Probabilities(ix.All(), time.Time{})
	fmt.Println(p["O1"].Round(4), p["O2"].Round(4))
	// Output:
	// 0.7352 0.5
}

func ExampleStageRates_Probabilities() {
	ix := lpExampleIndex()
	r, err := forecast.StageWinRates(ix.All(), forecast.StageWinOptions{
		Training: activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Demo: reached by D1, D3 (won: every stage) and D4: 2 of 3 won.
	// Qualification: D1–D4, 2 of 4 won.
	p := r.Probabilities(ix.All(), time.Time{})
	fmt.Println(p["O1"], p["O2"])
	// Output:
	// 0.66666666666666666667 0.5
}
