package crm

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

// aheadActivities is an activities export of n rows (several batches of
// AheadRecords), with a bad time on every row listed in bad.
func aheadActivities(n int, bad ...int) string {
	var b strings.Builder
	b.WriteString("id,rep_id,deal_id,type,at\n")
	for i := range n {
		at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
		for _, j := range bad {
			if i == j {
				at = "yesterday"
			}
		}
		fmt.Fprintf(&b, "a%d,r%d,d%d,call,%s\n", i, i%7, i%50, at)
	}
	return b.String()
}

const aheadLayout = `{"name": "rig-activities", "table": "activities",
  "columns": {"id": "id", "rep": "rep_id", "deal": "deal_id", "kind": "type", "at": "at"}}`

// readAll ranges over a reader's activities, stopping after stopAt records
// (-1: never), and returns what it yielded and the reader's account of it.
type readOut struct {
	Acts    []activity.Activity
	Err     string
	Skipped []string
	Yielded int
	Lines   []int
}

var soFar = regexp.MustCompile(`\(\d+ so far\)`)

func readAll(t *testing.T, text string, opt Options, stopAt int) readOut {
	t.Helper()
	l, err := ParseLayout([]byte(aheadLayout))
	if err != nil {
		t.Fatal(err)
	}
	opt.Layout = l
	r := open(t, text, opt)
	var out readOut
	for a := range r.Activities() {
		if len(out.Acts) == stopAt {
			break
		}
		out.Acts = append(out.Acts, a)
	}
	if r.Err() != nil {
		// Read ahead, more rows have been read when the caller stops.
		out.Err = soFar.ReplaceAllString(r.Err().Error(), "(N so far)")
	}
	for _, e := range r.Skipped() {
		out.Skipped = append(out.Skipped, e.Error())
	}
	out.Yielded = r.Yielded("activity")
	for i := range out.Yielded + 1 {
		if line, ok := r.Line("activity", i); ok {
			out.Lines = append(out.Lines, line)
		}
	}
	return out
}

// TestReadAhead checks that Options.ReadAhead changes nothing a caller
// sees: the records, their lines, the errors and the skipped rows, also
// when the caller stops early or a bad row stops the reading, and that no
// goroutine outlives the ranging.
func TestReadAhead(t *testing.T) {
	before := runtime.NumGoroutine()
	n := 3*AheadRecords + 17
	cases := []struct {
		name   string
		text   string
		skip   bool
		stopAt int
	}{
		{"whole", aheadActivities(n), false, -1},
		{"stop early", aheadActivities(n), false, aheadBatch + 3},
		{"stop at once", aheadActivities(n), false, 0},
		// A file shorter than a batch is read to its end before the caller
		// gets a record: stopping early must still leave the reader short
		// of the end, with nothing learnt from the rows after the stop.
		{"stop early in a short file", aheadActivities(5), false, 2},
		{"bad row after the stop", aheadActivities(5, 3), false, 2},
		{"skipped row after the stop", aheadActivities(5, 3), true, 2},
		{"bad row stops", aheadActivities(n, 2*aheadBatch+5), false, -1},
		{"bad rows skipped", aheadActivities(n, 1, aheadBatch, n-1), true, -1},
		{"empty", aheadActivities(0), false, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := readAll(t, c.text, Options{SkipInvalid: c.skip}, c.stopAt)
			got := readAll(t, c.text, Options{SkipInvalid: c.skip, ReadAhead: true}, c.stopAt)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("-plain +ReadAhead:\n%s", diff)
			}
			// The cases are not vacuous.
			switch {
			case c.stopAt >= 0 && len(got.Acts) != c.stopAt:
				t.Errorf("yielded %d records, want %d", len(got.Acts), c.stopAt)
			case c.name == "bad row stops" && (!strings.Contains(got.Err, "yesterday") || len(got.Acts) != 2*aheadBatch+5):
				t.Errorf("bad row: err %q after %d records", got.Err, len(got.Acts))
			case c.name == "bad rows skipped" && (len(got.Skipped) != 3 || len(got.Acts) != n-3):
				t.Errorf("skipped %d rows, yielded %d", len(got.Skipped), len(got.Acts))
			case c.name == "whole" && (len(got.Acts) != n || got.Yielded != n || len(got.Lines) != n || got.Lines[n-1] != n+1):
				t.Errorf("whole: %d records, %d yielded, %d lines", len(got.Acts), got.Yielded, len(got.Lines))
			}
		})
	}
	// The reading goroutines have ended (give the runtime a moment to
	// retire them).
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines before, %d after", before, runtime.NumGoroutine())
}

// TestReadAheadIndex builds an index from an export read ahead and checks
// it holds what the plain reading gives.
func TestReadAheadIndex(t *testing.T) {
	text := aheadActivities(2*AheadRecords + 1)
	l, err := ParseLayout([]byte(aheadLayout))
	if err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, ahead := range []bool{false, true} {
		r := open(t, text, Options{Layout: l, ReadAhead: ahead})
		// No deals: every activity names an unknown deal, and is skipped.
		ix, err := activity.NewIndexFrom(r.Streams(), activity.IndexOptions{SkipInvalid: true})
		if err != nil || r.Err() != nil {
			t.Fatalf("ReadAhead %v: %v, %v", ahead, err, r.Err())
		}
		counts = append(counts, len(ix.Skipped()))
		if !errors.Is(ix.Skipped()[0], activity.ErrUnknownDeal) {
			t.Errorf("ReadAhead %v: skipped %v", ahead, ix.Skipped()[0])
		}
	}
	if counts[0] != counts[1] || counts[0] != 2*AheadRecords+1 {
		t.Errorf("skipped %v, want %d both ways", counts, 2*AheadRecords+1)
	}
}
