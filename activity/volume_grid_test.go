package activity_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

// TestVolumeByCountsEveryRecord holds ActivityVolumeBy to counts taken from
// the records themselves: by rep and by kind, over the whole window (every
// activity in it: the grid that reads no time) and over a quarter (the
// loop that reads each time), on a view of every activity and on the calls.
func TestVolumeByCountsEveryRecord(t *testing.T) {
	t.Parallel()
	cfg := activitytest.Config{Seed: 11, Reps: 7, Teams: 2, Months: 9}
	r := activitytest.Generate(cfg)
	ix, err := activity.NewIndex(r, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	window := cfg.Window()
	quarter := activity.Period{Start: window.Start.AddDate(0, 3, 0), End: window.Start.AddDate(0, 6, 0), Name: "Q2"}
	// Calls only: a view of part of the activities.
	calls := ix.All().ActivitiesWhere("calls", func(ix *activity.Index, row int) bool {
		return ix.Kinds().Name(ix.ActivityKind(row)) == string(activity.KindCall)
	})
	for _, p := range []activity.Period{window, quarter} {
		for _, c := range []struct {
			name string
			v    activity.View
			in   func(a activity.Activity) bool
		}{
			{"all", ix.All(), func(activity.Activity) bool { return true }},
			{"calls", calls, func(a activity.Activity) bool { return a.Kind == activity.KindCall }},
		} {
			for _, by := range []activity.By{activity.ByRep(), activity.ByKind()} {
				want := map[string]map[activity.Kind]int64{}
				for _, a := range r.Activities {
					if !p.Contains(a.At) || !c.in(a) {
						continue
					}
					key := a.Rep
					if by.Dimension == activity.DimensionKind {
						key = string(a.Kind)
					}
					if want[key] == nil {
						want[key] = map[activity.Kind]int64{}
					}
					want[key][a.Kind]++
				}
				gs, err := activity.ActivityVolumeBy(c.v, p, by, activity.VolumeOptions{})
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]map[activity.Kind]int64{}
				for _, g := range gs {
					got[g.Key] = map[activity.Kind]int64{}
					for _, k := range g.Result.ByKind {
						if k.Count > 0 {
							got[g.Key][k.Kind] = k.Count
						}
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s %s by %v (-records +ActivityVolumeBy):\n%s", c.name, p.Name, by, diff)
				}
			}
		}
	}
}
