// Benchreport computes the benchmark rig's standard KPI report
// (kpi-report/v1, defined in the rig's README) through salesmetrics' public
// API, from the CSV files the rig's generator writes, and prints the same
// JSON as the rig's pandas and DuckDB peers, with load and compute times.
//
//	go run ./examples/benchreport -data /tmp/benchdata/1m -reps 5 > salesmetrics.json
//	python3 shared/bench/peers/compare.py pandas.json salesmetrics.json
//
// Load is streaming the CSVs through activity/crm layouts into the index in
// one pass (or, with -via records, reading them into []Deal and []Activity
// first, then building the index); compute is the whole report, overall and
// per rep, timed -reps times. -loadprofile and -heapprofile profile the load
// (CPU, and the heap it leaves live).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sort"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

func main() {
	data := flag.String("data", ".", "directory with deals.csv and activities.csv")
	reps := flag.Int("reps", 5, "times to compute the report")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the compute runs to this file")
	loadprofile := flag.String("loadprofile", "", "write a CPU profile of the load (reading and building) to this file")
	via := flag.String("via", "crm", "how the CSVs are loaded: crm (activity/crm layouts streamed into NewIndexFrom) or records (parsed into []Deal and []Activity, then NewIndex)")
	heapprofile := flag.String("heapprofile", "", "write a heap profile, taken after the load and a collection, to this file")
	flag.Parse()
	profile, loadProfile, heapProfile = *cpuprofile, *loadprofile, *heapprofile
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit(*data, *via))
	}
	loadVia = *via
	if err := run(os.Stdout, *data, *reps); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, dir string, reps int) error {
	if reps < 1 {
		return fmt.Errorf("-reps %d: need at least 1", reps)
	}
	if loadProfile != "" {
		stop, err := startProfile(loadProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	var (
		ix            *activity.Index
		parsed, built time.Duration
		nDeals, nActs int
		err           error
	)
	switch loadVia {
	case "records":
		// Parsing builds a heap of millions of small records that all stay
		// live: collecting it often only rescans them. A program (not the
		// library) may trade memory for that time. Streaming (-via crm)
		// holds no record, and gains nothing from it.
		old := debug.SetGCPercent(400)
		t0 := time.Now()
		records, err := readCSV(dir)
		if err != nil {
			return err
		}
		parsed = time.Since(t0)
		t1 := time.Now()
		ix, err = activity.NewIndex(records, activity.IndexOptions{Funnel: activity.TypicalB2B(), Team: activity.TeamFromDeal})
		if err != nil {
			return err
		}
		built = time.Since(t1)
		nDeals, nActs = len(records.Deals), len(records.Activities)
		debug.SetGCPercent(old)
	case "crm":
		// Reading and building are one pass: all of it counts as the build.
		t1 := time.Now()
		if ix, nDeals, nActs, err = indexViaCRM(dir); err != nil {
			return err
		}
		built = time.Since(t1)
	default:
		return fmt.Errorf("-via %q: want records or crm", loadVia)
	}
	if loadProfile != "" {
		pprof.StopCPUProfile()
	}
	runtime.GC()
	if heapProfile != "" {
		if err := writeHeapProfile(heapProfile); err != nil {
			return err
		}
	}

	if profile != "" {
		stop, err := startProfile(profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	var rep report
	var times []float64
	for range reps {
		t := time.Now()
		rep, err = compute(ix)
		if err != nil {
			return err
		}
		times = append(times, time.Since(t).Seconds())
	}
	sorted := slices.Clone(times)
	sort.Float64s(sorted)
	out := map[string]any{
		"peer":   "salesmetrics",
		"report": rep,
		"timing": map[string]any{
			"engine":           "salesmetrics " + runtime.Version(),
			"load_via":         loadVia,
			"threads":          runtime.GOMAXPROCS(0),
			"deals":            nDeals,
			"activities":       nActs,
			"load_s":           round4((parsed + built).Seconds()),
			"parse_csv_s":      round4(parsed.Seconds()),
			"build_index_s":    round4(built.Seconds()),
			"compute_s":        mapSlice(times, round4),
			"compute_median_s": round4(median(sorted)),
		},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

// memoryLimit is the program's soft memory limit unless GOMEMLIMIT sets
// one. By default the collector lets the heap grow to twice what is live;
// with a limit it collects sooner as the heap nears it. Streamed through
// activity/crm, the index of a book takes about 1.15 times its files (392
// MiB for the 352 MB of 1M deals and 5M activities) and holds few objects
// for the collector to mark, so a limit of 1.35 times the files and 16 MiB
// keeps the peak near 470 MB instead of 700 MB at no measurable cost in
// time. Read into records first (-via records), the records stay live
// beside the index: twice the files and 64 MiB. A limit is soft: the
// program never fails for it.
func memoryLimit(dir, via string) int64 {
	var size int64
	for _, f := range []string{"deals.csv", "activities.csv"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err == nil {
			size += fi.Size()
		}
	}
	if via == "records" {
		return 2*size + 64<<20
	}
	return size*27/20 + 16<<20
}

// profile, loadProfile and heapProfile are the -cpuprofile, -loadprofile
// and -heapprofile files, or "".
var profile, loadProfile, heapProfile string

// writeHeapProfile writes the heap's live objects to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// startProfile starts a CPU profile written to path; stop ends it (again
// after an earlier pprof.StopCPUProfile is harmless) and closes the file.
func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// loadVia is the -via flag.
var loadVia = "crm"

func round4(x float64) float64 { return float64(int64(x*1e4+0.5)) / 1e4 }

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func mapSlice(xs []float64, f func(float64) float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// report is kpi-report/v1.
type report struct {
	Version string   `json:"version"`
	Overall row      `json:"overall"`
	PerRep  []repRow `json:"per_rep"`
}

type repRow struct {
	Rep int `json:"rep"`
	row
}

// row is one line of the report; nil pointers are JSON nulls, as in the
// peers.
type row struct {
	DealsTotal                 int64            `json:"deals_total"`
	OpenCount                  int64            `json:"open_count"`
	ClosedCount                int64            `json:"closed_count"`
	WonCount                   int64            `json:"won_count"`
	ClosedAmountCents          int64            `json:"closed_amount_cents"`
	WonAmountCents             int64            `json:"won_amount_cents"`
	WinRateCount               *float64         `json:"win_rate_count"`
	WinRateValue               *float64         `json:"win_rate_value"`
	AvgWonAmount               *float64         `json:"avg_won_amount"`
	CycleMeanDays              *float64         `json:"cycle_mean_days"`
	CycleMedianDays            *float64         `json:"cycle_median_days"`
	SalesVelocityPerDay        *float64         `json:"sales_velocity_per_day"`
	WeightedPipeline           float64          `json:"weighted_pipeline"`
	Activities                 map[string]int64 `json:"activities"`
	ActivitiesPerWonDeal       *float64         `json:"activities_per_won_deal"`
	LinkedActivitiesOnWonDeals int64            `json:"linked_activities_on_won_deals"`
	LinkedActivitiesPerWonDeal *float64         `json:"linked_activities_per_won_deal"`
}
