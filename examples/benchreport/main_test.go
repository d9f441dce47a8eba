package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"testing"
)

// TestMatchesPandasPeer runs the report on the rig's generator output in
// testdata and compares it with the pandas peer's report on the same files
// (testdata/README.md) by the rig's rules: integers equal, floats to a
// relative 1e-9, nulls matching.
// TestMatchesPandasPeer checks the report against the pandas peer's, with
// the CSVs loaded either way.
func TestMatchesPandasPeer(t *testing.T) {
	for _, via := range []string{"records", "crm"} {
		t.Run(via, func(t *testing.T) { matchesPandas(t, via) })
	}
}

func matchesPandas(t *testing.T, via string) {
	loadVia = via
	defer func() { loadVia = "crm" }()
	var out bytes.Buffer
	if err := run(&out, "testdata", 2); err != nil {
		t.Fatal(err)
	}
	var got, want struct {
		Report any `json:"report"`
	}
	dec := json.NewDecoder(&out)
	dec.UseNumber()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/pandas-report.json")
	if err != nil {
		t.Fatal(err)
	}
	dec = json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	var diffs []string
	compare(want.Report, got.Report, "report", &diffs)
	for i, d := range diffs {
		if i == 20 {
			t.Errorf("... and %d more", len(diffs)-20)
			break
		}
		t.Error(d)
	}
}

func compare(want, got any, path string, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want an object", path, got))
			return
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			compare(w[k], g[k], path+"."+k, diffs)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v items, want %d", path, len(g), len(w)))
			return
		}
		for i := range w {
			compare(w[i], g[i], fmt.Sprintf("%s[%d]", path, i), diffs)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, got, w))
			return
		}
		wi, werr := w.Int64()
		gi, gerr := g.Int64()
		if werr == nil && gerr == nil {
			if wi != gi {
				*diffs = append(*diffs, fmt.Sprintf("%s: got %d, want %d", path, gi, wi))
			}
			return
		}
		wf, _ := w.Float64()
		gf, _ := g.Float64()
		if math.Abs(wf-gf) > 1e-9*math.Max(math.Abs(wf), math.Abs(gf))+1e-12 {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, gf, wf))
		}
	default:
		if want != got {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, got, want))
		}
	}
}

func TestRunErrors(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, "testdata", 0); err == nil {
		t.Error("run(-reps 0) succeeded")
	}
	if err := run(&out, t.TempDir(), 1); err == nil {
		t.Error("run(empty directory) succeeded")
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/deals.csv", []byte("id,owner\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loadVia = "crm"
	if err := run(&out, dir, 1); err == nil {
		t.Error("run(-via crm, bad deals.csv) succeeded")
	}
	loadVia = "nowhere"
	if err := run(&out, "testdata", 1); err == nil {
		t.Error("run(-via nowhere) succeeded")
	}
	loadVia = "records"
	if err := run(&out, dir, 1); err == nil {
		t.Error("run(-via records, wrong header) succeeded")
	}
	loadVia = "crm"
}

func TestMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/deals.csv", make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/activities.csv", make([]byte, 50), 0o644); err != nil {
		t.Fatal(err)
	}
	// Streamed: 1.35 × (100 + 50) = 202.5, rounded down, and 16 MiB.
	if got, want := memoryLimit(dir, "crm"), int64(202+16<<20); got != want {
		t.Errorf("memoryLimit(crm) = %d, want %d", got, want)
	}
	// Through records: 2 × (100 + 50) bytes and 64 MiB.
	if got, want := memoryLimit(dir, "records"), int64(300+64<<20); got != want {
		t.Errorf("memoryLimit(records) = %d, want %d", got, want)
	}
	// No files: the 16 MiB alone.
	if got, want := memoryLimit(t.TempDir(), "crm"), int64(16<<20); got != want {
		t.Errorf("memoryLimit(empty) = %d, want %d", got, want)
	}
}

// TestRowsAbout checks the row estimate: exact for a file read whole,
// within 2% over (never under) for a long one with rows of about one
// length, 0 for a missing file.
func TestRowsAbout(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, rows int) string {
		var b bytes.Buffer
		b.WriteString("id,rep_id,deal_id,type,at,outcome\n")
		for i := range rows {
			fmt.Fprintf(&b, "%d,%d,%d,call,2024-05-15T21:42:38Z,voicemail\n", 1_000_000+i, i%200, 100_000+i/5)
		}
		path := dir + "/" + name
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if got := rowsAbout(write("small.csv", 1000)); got != 1000 {
		t.Errorf("rowsAbout(1,000 rows) = %d", got)
	}
	const n = 100_000 // 5.2 MB, past the 1 MiB read
	if got := rowsAbout(write("large.csv", n)); got < n || got > n*102/100+2 {
		t.Errorf("rowsAbout(%d rows) = %d, want within 2%% over", n, got)
	}
	if got := rowsAbout(dir + "/none.csv"); got != 0 {
		t.Errorf("rowsAbout(missing) = %d", got)
	}
}
