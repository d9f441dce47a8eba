package forecast

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzWinModel builds a small history from the fuzzer's bytes (three bytes
// a deal: status and highest stage, team, source and an attribute) and
// checks that fitting never panics and every probability is a number in
// [0, 1], the decimals too, and that a won deal scores 1 and a lost one 0.
func FuzzWinModel(f *testing.F) {
	f.Add([]byte{0x21, 0x13, 0x05, 0x42, 0x20, 0x11, 0x00, 0x00, 0x00}, 0.1, true)
	f.Add([]byte{0x01, 0x02, 0x03}, 1e-300, false)
	f.Add([]byte{0x11, 0xff, 0xff, 0x22, 0x00, 0x01, 0x33, 0x10, 0x10, 0x44, 0x02, 0x02}, 1e6, true)
	f.Fuzz(func(t *testing.T, data []byte, smoothing float64, byTeam bool) {
		if len(data) > 300 {
			data = data[:300]
		}
		funnel := activity.TypicalB2B()
		nOpen := 5
		created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		var r activity.Records
		for i := 0; i+2 < len(data); i += 3 {
			b0, b1, b2 := data[i], data[i+1], data[i+2]
			d := activity.Deal{
				ID: fmt.Sprintf("d%d", i/3), Owner: fmt.Sprintf("r%d", b1%3), Currency: "USD",
				Team: []string{"", "a", "b"}[b1%3], Source: activity.Source([]string{"", "x", "y", "z"}[b2%4]),
				Segment: []string{"", "s"}[b2>>7], Status: activity.StatusOpen, CreatedAt: created,
				Stage: funnel.Stages[int(b0>>4)%nOpen].Stage,
			}
			if b2&0x40 != 0 {
				d.Attributes = map[string]string{"k": fmt.Sprint(b2 % 5)}
			}
			switch b0 % 3 {
			case 1, 2:
				to, st := activity.StageClosedWon, activity.StatusWon
				if b0%3 == 2 {
					to, st = activity.StageClosedLost, activity.StatusLost
				}
				at := created.Add(time.Duration(1+int(b1)) * time.Hour)
				if b1&1 == 0 {
					r.StageChanges = append(r.StageChanges, activity.StageChange{Deal: d.ID, From: d.Stage, To: to, At: at})
				}
				d.Stage, d.Status, d.ClosedAt = to, st, at
			}
			r.Deals = append(r.Deals, d)
		}
		ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: funnel})
		if err != nil {
			t.Skip(err)
		}
		m, err := FitWinModel(ix.All(), WinModelOptions{
			AsOf: created.AddDate(1, 0, 0), Smoothing: smoothing, ByTeam: byTeam, WonStages: len(r.Deals)%2 == 1,
			Fields: []string{"stage", "team", "source", "segment", "owner", "attributes.k"},
		})
		if err != nil {
			return
		}
		fuzzRender(t, "FitWinModel", m)
		one := decimal.NewFromInt(1)
		for _, row := range ix.All().DealRows() {
			d := ix.Deal(int(row))
			s := m.Probability(d)
			if math.IsNaN(s.Probability) || s.Probability < 0 || s.Probability > 1 || math.IsNaN(s.Prior) {
				t.Fatalf("Probability(%s) = %+v", d.ID, s)
			}
			if (d.Status == activity.StatusWon && s.Probability != 1) || (d.Status == activity.StatusLost && s.Probability != 0) {
				t.Fatalf("closed deal %s (%v) scores %v", d.ID, d.Status, s.Probability)
			}
			for _, f := range s.Factors {
				if math.IsNaN(f.Won) || math.IsNaN(f.Lost) || math.IsInf(f.Won, 0) || math.IsInf(f.Lost, 0) {
					t.Fatalf("factor %+v", f)
				}
			}
			_ = s.String()
		}
		for id, p := range m.Probabilities(ix.All(), time.Time{}) {
			if p.IsNegative() || p.GreaterThan(one) {
				t.Fatalf("Probabilities[%s] = %s", id, p)
			}
		}
	})
}
