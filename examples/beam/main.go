// Command beam computes the win-rate section of kpi-report/v1 (overall, per
// rep, and per team) from the benchmark rig's deals.csv on Apache Beam,
// with the library's WinRateTally as the combiner: the same code on one
// machine (the prism runner, the default) or a cluster (Flink, Spark,
// Dataflow; see README.md).
//
//	go -C examples/beam run . -deals /path/to/deals.csv
package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

// Report is the program's output: the rows of every group, by key.
type Report struct {
	Version string `json:"version"`
	Overall Row    `json:"overall"`
	PerRep  []Row  `json:"per_rep"`
	PerTeam []Row  `json:"per_team"`
}

func main() {
	deals := flag.String("deals", "deals.csv", "the rig's deals.csv (a glob is read whole)")
	acts := flag.String("activities", "", "the rig's activities.csv, for the activity fields (empty: deal fields only)")
	runner := flag.String("beam_runner", "prism", "the Beam runner: prism (local), or flink, spark, dataflow with their flags")
	flag.Parse()
	beam.Init()
	if err := run(context.Background(), *runner, *deals, *acts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
}

// run runs the pipeline over dealsGlob and writes the report as JSON.
func run(ctx context.Context, runner, dealsGlob, actsGlob string, w io.Writer) error {
	dir, err := os.MkdirTemp("", "salesmetrics-beam-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "rows.jsonl")
	p, s := beam.NewPipelineWithRoot()
	build(s, dealsGlob, actsGlob, out)
	if _, err := beam.Run(ctx, runner, p); err != nil {
		return err
	}
	rep, err := readReport(out)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// readReport reads the pipeline's rows into a report, groups sorted by
// key.
func readReport(path string) (Report, error) {
	rep := Report{Version: "kpi-report/v1, and per team"}
	f, err := os.Open(path)
	if err != nil {
		return rep, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return rep, fmt.Errorf("%s: %w", path, err)
		}
		switch {
		case r.Key == "all":
			rep.Overall = r
		case strings.HasPrefix(r.Key, "rep:"):
			rep.PerRep = append(rep.PerRep, r)
		case strings.HasPrefix(r.Key, "team:"):
			rep.PerTeam = append(rep.PerTeam, r)
		}
	}
	byKey := func(a, b Row) int { return cmp.Compare(a.Key, b.Key) }
	slices.SortFunc(rep.PerRep, byKey)
	slices.SortFunc(rep.PerTeam, byKey)
	return rep, sc.Err()
}
