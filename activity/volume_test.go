package activity

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// q1 is 2024 Q1. Its working days, Monday to Friday, worked by hand: January
// 2024 starts on a Monday, so 4 full weeks + 29–31 Jan = 23; February starts
// on a Thursday: 1–2 Feb + 19 = 21; March starts on a Friday: 1 Mar + 20 =
// 21. In all 65.
var q1 = Period{Start: jan1, End: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2024 Q1"}

func smallIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := NewIndex(smallRecords(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestActivityVolume(t *testing.T) {
	t.Parallel()
	ix := smallIndex(t)
	// smallRecords' activities: a1 call (3 Jan), a2 call (6 Mar), a3 email
	// (22 Jan), a4 meeting (23 Jan).
	got, err := ActivityVolume(ix.All(), q1, VolumeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := Volume{
		Scope: "all", Period: q1, Total: 4, WorkingDays: 65, PerWorkingDay: 4.0 / 65,
		ByKind: []KindCount{{KindCall, 2}, {KindEmail, 1}, {KindMeeting, 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ActivityVolume (-want +got):\n%s", diff)
	}
	// New Year's Day as a holiday: 64 working days; only calls and demos
	// counted, demo with none.
	cal := Calendar{Holidays: []time.Time{jan1}}
	got, err = ActivityVolume(ix.All(), q1, VolumeOptions{Calendar: cal, Kinds: []Kind{KindDemo, KindCall}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 2 || got.WorkingDays != 64 || !cmp.Equal(got.ByKind, []KindCount{{KindCall, 2}, {KindDemo, 0}}) {
		t.Errorf("ActivityVolume(calls, demos) = %v", got)
	}
	// A weekend has no working day: the rate is undefined, the count is not.
	sat := Period{Start: time.Date(2024, 1, 6, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC)}
	got, err = ActivityVolume(ix.All(), sat, VolumeOptions{})
	if err != nil || got.Undefined == "" || got.PerWorkingDay != 0 || got.Total != 0 {
		t.Errorf("ActivityVolume(weekend) = %v, %v, want undefined rate", got, err)
	}
}

func TestActivityVolumeBy(t *testing.T) {
	t.Parallel()
	ix := smallIndex(t)
	type row struct {
		Key   string
		Total int64
		WD    int
	}
	summarize := func(gs []Group[Volume]) []row {
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, g.Result.Total, g.Result.WorkingDays})
		}
		return out
	}
	for _, tc := range []struct {
		by   By
		want []row
	}{
		// ann: a1, a2; bob: a3, a4.
		{ByRep(), []row{{"ann", 2, 65}, {"bob", 2, 65}}},
		// east: a1 (ann in January), a3 (bob); special: a4; west: a2 (ann after
		// her move on 1 March).
		{ByTeam(), []row{{"east", 2, 65}, {"special", 1, 65}, {"west", 1, 65}}},
		{ByKind(), []row{{"call", 2, 65}, {"email", 1, 65}, {"meeting", 1, 65}}},
		// January: a1, a3, a4; February none; March: a2. Working days 23, 21, 21.
		{ByPeriod(Calendar{}, Monthly), []row{{"2024-01", 3, 23}, {"2024-02", 0, 21}, {"2024-03", 1, 21}}},
	} {
		t.Run(tc.by.String(), func(t *testing.T) {
			gs, err := ActivityVolumeBy(ix.All(), q1, tc.by, VolumeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(gs)); diff != "" {
				t.Errorf("ActivityVolumeBy(%v) (-want +got):\n%s", tc.by, diff)
			}
			// The groups add up to the whole.
			var sum int64
			for _, g := range gs {
				sum += g.Result.Total
			}
			if sum != 4 {
				t.Errorf("groups sum to %d, want 4", sum)
			}
		})
	}
	// A period that cuts a month: the group is clipped to the period.
	p := Period{Start: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 15, 0, 0, 0, 0, time.UTC)}
	gs, err := ActivityVolumeBy(ix.All(), p, ByPeriod(Calendar{}, 0), VolumeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 15–31 Jan: 13 working days (15–19, 22–26, 29–31); 1–14 Feb: 10 (1–2,
	// 5–9, 12–14). a3 and a4 fall in January.
	if diff := cmp.Diff([]row{{"2024-01", 2, 13}, {"2024-02", 0, 10}}, summarize(gs)); diff != "" {
		t.Errorf("clipped months (-want +got):\n%s", diff)
	}
}

func TestConnects(t *testing.T) {
	t.Parallel()
	ix := smallIndex(t)
	got, err := Connects(ix.All(), q1, ConnectOptions{})
	// Calls a1 (connected) and a2 (no answer): 1 / 2.
	if err != nil || got.Attempts != 2 || got.Connected != 1 || got.Rate != 0.5 {
		t.Errorf("Connects() = %v, %v, want 1 of 2", got, err)
	}
	// Meetings count too, held as a connect: a4 has no outcome, so 1 / 3.
	got, err = Connects(ix.All(), q1, ConnectOptions{Kinds: []Kind{KindCall, KindMeeting}, Connected: []Outcome{OutcomeConnected, OutcomeHeld}})
	if err != nil || got.Attempts != 3 || got.Connected != 1 || math.Abs(got.Rate-1.0/3) > 1e-15 {
		t.Errorf("Connects(calls, meetings) = %v, %v, want 1 of 3", got, err)
	}
}

func TestVolumeErrors(t *testing.T) {
	t.Parallel()
	ix := smallIndex(t)
	bad := Period{Start: q1.End, End: q1.Start}
	feb := Period{Start: jan1.AddDate(0, 1, 0), End: jan1.AddDate(0, 2, 0)}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"volume bad period", second(ActivityVolume(ix.All(), bad, VolumeOptions{})), ErrInvalidPeriod},
		{"volume zero period", second(ActivityVolume(ix.All(), Period{}, VolumeOptions{})), ErrInvalidPeriod},
		{"volume bad calendar", second(ActivityVolume(ix.All(), q1, VolumeOptions{Calendar: Calendar{FiscalYearStart: 13}})), ErrInvalidCalendar},
		{"by bad period", second(ActivityVolumeBy(ix.All(), bad, ByRep(), VolumeOptions{})), ErrInvalidPeriod},
		{"by nothing", second(ActivityVolumeBy(ix.All(), q1, By{}, VolumeOptions{})), ErrInvalidOptions},
		{"by bad granularity", second(ActivityVolumeBy(ix.All(), q1, ByPeriod(Calendar{}, 42), VolumeOptions{})),
			ErrInvalidGranularity},
		{"by territory", second(ActivityVolumeBy(ix.All(), q1, ByTerritory(), VolumeOptions{})), ErrInvalidOptions},
		{"by attribute without name", second(ActivityVolumeBy(ix.All(), q1, ByAttribute(""), VolumeOptions{})), ErrInvalidOptions},
		{"connects bad period", second(Connects(ix.All(), bad, ConnectOptions{})), ErrInvalidPeriod},
		{"connects none", second(Connects(ix.All(), feb, ConnectOptions{})), ErrNoActivities},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestVolumeTallyMerge(t *testing.T) {
	t.Parallel()
	ix := smallIndex(t)
	// Two halves of the activities merged in either order give the tally of
	// the whole.
	a, b, whole := NewVolumeTally(ix), NewVolumeTally(ix), NewVolumeTally(ix)
	for r, k := range ix.cols.Activities.Kind {
		whole.Add(k)
		if r%2 == 0 {
			a.Add(k)
		} else {
			b.Add(k)
		}
	}
	ab, ba := NewVolumeTally(ix), NewVolumeTally(ix)
	ab.Merge(&a)
	ab.Merge(&b)
	ba.Merge(&b)
	ba.Merge(&a)
	if !cmp.Equal(ab, whole) || !cmp.Equal(ba, whole) {
		t.Errorf("merged %v, %v, want %v", ab, ba, whole)
	}
	if _, err := whole.Result(ix, "x", Period{}, VolumeOptions{}); !errors.Is(err, ErrInvalidPeriod) {
		t.Errorf("Result(zero period) = %v, want ErrInvalidPeriod", err)
	}
}

// TestZeroView: the zero View belongs to no index; narrowing it and asking
// it for volume are errors, not panics.
func TestZeroView(t *testing.T) {
	t.Parallel()
	var v View
	q := Period{Start: jan1, End: jan1.AddDate(0, 3, 0)}
	for name, err := range map[string]error{
		"err":     v.Err(),
		"rep":     second(v.Rep("ann")),
		"team":    second(v.Team("east")),
		"terr":    second(v.Territory("n")),
		"volume":  second(ActivityVolume(v, q, VolumeOptions{})),
		"by":      second(ActivityVolumeBy(v, q, ByRep(), VolumeOptions{})),
		"connect": second(Connects(v, q, ConnectOptions{})),
	} {
		if !errors.Is(err, ErrZeroView) {
			t.Errorf("%s: %v, want ErrZeroView", name, err)
		}
	}
	if w := v.ActivitiesIn(q); w.Err() == nil || len(w.ActivityRows()) != 0 {
		t.Errorf("ActivitiesIn on the zero View = %v", w)
	}
	ix, err := NewIndex(smallRecords(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.All().Err(); err != nil {
		t.Errorf("All().Err() = %v", err)
	}
}

// TestVolumeTallyForeignKeys: keys a tally has no slot for, NoKey and a
// nil index are counted or refused, never a panic.
func TestVolumeTallyForeignKeys(t *testing.T) {
	t.Parallel()
	ix, err := NewIndex(smallRecords(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q1 := Period{Start: jan1, End: jan1.AddDate(0, 3, 0)}
	var tally VolumeTally // zero: no slots
	tally.Add(0)
	tally.Add(NoKey)
	tally.Add(7)
	other := NewVolumeTally(ix)
	other.Add(1)
	tally.Merge(&other)
	tally.Merge(nil)
	v, err := tally.Result(ix, "all", q1, VolumeOptions{})
	// Keys 0 and 1 are call and email; 7 has no name; NoKey is counted
	// under "" too: 4 activities.
	if err != nil || v.Total != 4 {
		t.Errorf("Result = %v, %v; want 4 activities", v, err)
	}
	if _, err := tally.Result(nil, "all", q1, VolumeOptions{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("Result(nil index) = %v, want ErrInvalidOptions", err)
	}
	if v, err := tally.Result(ix, "all", q1, VolumeOptions{Kinds: []Kind{KindMeeting}}); err != nil || v.Total != 0 {
		t.Errorf("Result(meetings) = %v, %v", v, err)
	}
}

// TestVolumeTallyBinary: tallies of parts of a set of activities (made for
// one index's kinds), encoded, decoded and merged in any order, encode to
// the whole's bytes and give its volume; cut encodings, a byte more,
// another tally's header and counts beyond the bytes fail with
// ErrInvalidEncoding and change nothing.
func TestVolumeTallyBinary(t *testing.T) {
	t.Parallel()
	ix, err := NewIndex(smallRecords(), IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	keys := make([]Key, 500)
	for i := range keys {
		keys[i] = Key(rng.IntN(ix.kinds.Len()+1)) - 1 // NoKey too
	}
	whole := NewVolumeTally(ix)
	for _, k := range keys {
		whole.Add(k)
	}
	want, _ := whole.MarshalBinary()
	p := Period{Start: jan1, End: jan1.Add(30 * oneDay)}
	wantVol, _ := whole.Result(ix, "x", p, VolumeOptions{})
	for _, parts := range []int{1, 3, 10} {
		merged := NewVolumeTally(ix)
		for _, k := range rng.Perm(parts) {
			part := NewVolumeTally(ix)
			for i := k; i < len(keys); i += parts {
				part.Add(keys[i])
			}
			b, _ := part.MarshalBinary()
			var back VolumeTally
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatal(err)
			}
			merged.Merge(&back)
		}
		got, _ := merged.MarshalBinary()
		vol, _ := merged.Result(ix, "x", p, VolumeOptions{})
		if !bytes.Equal(got, want) || !cmp.Equal(vol, wantVol) {
			t.Fatalf("%d parts: %x %v, want %x %v", parts, got, vol, want, wantVol)
		}
	}
	bad := [][]byte{append(append([]byte{}, want...), 0), append([]byte{'S', 'M', 1, 'w'}, want[4:]...), {'S', 'M', 1, 'v', 0x80, 0x80, 0x04, 0}}
	for i := range len(want) {
		bad = append(bad, want[:i])
	}
	for _, b := range bad {
		got := whole
		got.Counts = slices.Clone(whole.Counts)
		if err := got.UnmarshalBinary(b); !errors.Is(err, ErrInvalidEncoding) {
			t.Errorf("%x: %v, want ErrInvalidEncoding", b, err)
		}
		if after, _ := got.MarshalBinary(); !bytes.Equal(after, want) {
			t.Errorf("%x: a failed decoding changed the tally", b)
		}
	}
}

// FuzzVolumeTallyBinary: no bytes make UnmarshalBinary panic; what it
// accepts encodes again to bytes that decode to the same tally, and merges.
func FuzzVolumeTallyBinary(f *testing.F) {
	t := VolumeTally{Counts: []int64{3, 0, 7}, NoKind: 2}
	enc, _ := t.MarshalBinary()
	f.Add(enc)
	f.Add([]byte{'S', 'M', 1, 'v', 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var a VolumeTally
		if err := a.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrInvalidEncoding) {
				t.Fatalf("%v does not wrap ErrInvalidEncoding", err)
			}
			return
		}
		b1, _ := a.MarshalBinary()
		var c VolumeTally
		if err := c.UnmarshalBinary(b1); err != nil {
			t.Fatalf("re-encoding %x does not decode: %v", b1, err)
		}
		if b2, _ := c.MarshalBinary(); !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding unstable: %x, %x", b1, b2)
		}
		a.Merge(&c)
	})
}
