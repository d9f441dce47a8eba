package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/quickstart.golden from the program's output")

// TestGolden checks the whole output against testdata/quickstart.golden, so
// that any change to what the quickstart prints is seen and reviewed. The
// golden file is the program's own output, written with -update after
// reading the change; TestRun checks its numbers against each other.
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	const path = "testdata/quickstart.golden"
	if *update {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(g), len(w)) {
			var gl, wl string
			if i < len(g) {
				gl = g[i]
			}
			if i < len(w) {
				wl = w[i]
			}
			if gl != wl {
				t.Fatalf("output differs from %s at line %d:\n got: %s\nwant: %s\n(rerun with -update after checking the change)", path, i+1, gl, wl)
			}
		}
	}
}
