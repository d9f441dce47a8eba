package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// TestPeerReview: -rep compares the rep with every rep the roster puts in
// the same team, month by month over the six months to the period's end;
// the rep's own months are the bookings of the rep's view.
func TestPeerReview(t *testing.T) {
	ix, conv, loc := recordsIndex(t)
	const rep = "0055g0000001dr2AAA" // Avery Brooks, East
	f, err := os.Open(filepath.Join(sample, "salesforce", "roster.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	east := map[string]bool{}
	for _, r := range rows[1:] {
		if r[2] == "East" {
			east[r[0]] = true
		}
	}
	rv := sampleReviewArgs(t, "-rep", rep)
	pr := rv.Peers
	if pr == nil {
		t.Fatalf("no peers: %v", rv.Undefined)
	}
	if pr.Team != "East" || len(pr.Series) != len(east) || len(pr.Periods) != peerMonths {
		t.Fatalf("team %q of %d reps over %d months; want East, %d reps, %d months", pr.Team, len(pr.Series), len(pr.Periods), len(east), peerMonths)
	}
	for _, s := range pr.Series {
		if !east[s.Rep] {
			t.Errorf("%s is not in East", s.Rep)
		}
	}
	if got, want := pr.Periods[peerMonths-1].End, rv.Period.End; !got.Equal(want) {
		t.Errorf("the months end %v, the period %v", got, want)
	}
	own, err := ix.All().Rep(rep)
	if err != nil {
		t.Fatal(err)
	}
	var mine []float64
	for _, s := range pr.Series {
		if s.Rep == rep {
			mine = s.Values
		}
	}
	for k, month := range pr.Periods {
		m := month
		m.Start, m.End = m.Start.In(loc), m.End.In(loc)
		b, err := performance.Bookings(own, m, performance.BookingsOptions{Conversion: conv})
		if err != nil {
			t.Fatal(err)
		}
		if mine[k] != b.Amount.InexactFloat64() {
			t.Errorf("%s: %v, the rep's bookings %v", m.Name, mine[k], b.Amount)
		}
	}
	if pr.Standing.Rep != rep || pr.Standing.Value != mine[peerMonths-1] {
		t.Errorf("standing %+v", pr.Standing)
	}

	var out, errs bytes.Buffer
	if code := run([]string{"-html", "-", "-rep", rep, filepath.Join(sample, "salesforce")}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "<h2>Against peers</h2>") {
		t.Error("the page has no peers section")
	}

	// A rep the book does not have: no peers, and why.
	if pr, err := peerReview(ix, "005000000000000AAA", rv.Period, activity.Calendar{Location: loc}, conv); pr != nil || err == nil {
		t.Errorf("peers of a rep off the book: %v, %v", pr, err)
	}
}
