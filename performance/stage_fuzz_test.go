package performance

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// FuzzStageFilters builds deals with stage histories from the bytes (each
// deal moves through up to three open stages, then stays open, is won or is
// lost) and asserts, for every open stage s: no panic or error;
// WonAfterStage(s) keeps only won deals that EnteredStage(s) keeps;
// EnteredStage(s) keeps only deals ReachedStage(s) keeps (what the history
// shows is within what the funnel infers); and reversing the input order
// changes no count.
func FuzzStageFilters(f *testing.F) {
	f.Add([]byte{0, 2, 1, 1, 3, 0, 2, 2, 4, 1, 0, 0})
	f.Add([]byte{9, 4, 3, 2, 1, 7, 0, 0, 0, 2, 3, 4, 1, 8, 1, 2})
	f.Add([]byte{1, 1, 1, 1})
	open := []activity.Stage{activity.StageProspecting, activity.StageQualification, activity.StageDemo, activity.StageProposal, activity.StageNegotiation}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 400 {
			data = data[:400]
		}
		day := func(n int) string {
			return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(time.DateOnly)
		}
		build := func(reverse bool) *activity.Index {
			b := activitytest.NewBook(t, nil)
			for i := 0; i+3 < len(data); i += 4 {
				created := i / 4
				d := b.Deal(fmt.Sprintf("D%03d", i/4), fmt.Sprintf("r%d", data[i]%3), "100", day(created))
				cur := activity.StageProspecting
				for j := 1; j <= 2; j++ {
					s := open[int(data[i+j])%len(open)]
					if s != cur {
						d.To(s, day(created+j))
						cur = s
					}
				}
				switch data[i+3] % 3 {
				case 1:
					d.Won(day(created + 4))
				case 2:
					d.Lost(day(created+4), "price")
				}
			}
			if reverse {
				slices.Reverse(b.Records.Deals)
				slices.Reverse(b.Records.StageChanges)
			}
			return b.Index(activity.IndexOptions{})
		}
		p := activity.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
		count := func(ix *activity.Index, f Filter) int64 {
			m, err := MetricOf(ix.All(), p, Metric{Name: "n", Value: Measure{Of: DealRecords, Where: f}})
			if err != nil {
				t.Fatalf("%v: %v", f, err)
			}
			return m.Count
		}
		ix, rx := build(false), build(true)
		for _, s := range open {
			for _, bad := range []Filter{
				And(WonAfterStage(s), Not(EnteredStage(s))),
				And(WonAfterStage(s), Not(StatusIs(activity.StatusWon))),
				And(EnteredStage(s), Not(ReachedStage(s))),
			} {
				if n := count(ix, bad); n != 0 {
					t.Fatalf("%v keeps %d deals, want 0", bad, n)
				}
			}
			for _, f := range []Filter{EnteredStage(s), WonAfterStage(s), ReachedStage(s)} {
				if a, b := count(ix, f), count(rx, f); a != b {
					t.Fatalf("%v: %d deals, %d in reverse order", f, a, b)
				}
			}
		}
	})
}
