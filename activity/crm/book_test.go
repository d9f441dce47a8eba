package crm_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/crm"
	"github.com/salesmetrics/salesmetrics/performance"
)

// book is a folder of testdata/book read into an index, as a host reads
// its exports: each CSV's layout detected from its header.
type book struct {
	ix    *activity.Index
	conv  *activity.Conversion
	names map[string]string // rep id -> name
	loc   *time.Location
}

func loadBook(t *testing.T, dir string) book {
	t.Helper()
	var settings struct {
		TimeZone string            `json:"time_zone"`
		Currency activity.Currency `json:"currency"`
		Funnel   activity.Funnel   `json:"funnel"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &settings); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(settings.TimeZone)
	if err != nil {
		t.Skip("no zone database:", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var streams []activity.Streams
	var readers []*crm.Reader
	var rates []activity.ExchangeRate
	for _, path := range files {
		switch {
		case strings.HasSuffix(path, "records.json"):
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var r activity.Records
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			streams = append(streams, activity.Streams{Reps: slices.Values(r.Reps), Deals: slices.Values(r.Deals),
				StageChanges: slices.Values(r.StageChanges), Activities: slices.Values(r.Activities), Quotas: slices.Values(r.Quotas)})
		case strings.HasSuffix(path, ".csv"):
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			r, err := crm.NewReader(crm.CSV(f), crm.Options{Name: filepath.Base(path), Location: loc})
			if err != nil {
				t.Fatal(err)
			}
			if r.Table() == crm.Rates {
				rates = slices.AppendSeq(rates, r.Rates())
			}
			readers = append(readers, r)
			streams = append(streams, r.Streams())
		}
	}
	b := book{names: map[string]string{}, loc: loc}
	s := crm.Join(streams...)
	reps := s.Reps
	s.Reps = func(yield func(activity.Rep) bool) {
		for p := range reps {
			b.names[p.ID] = p.Name
			if !yield(p) {
				return
			}
		}
	}
	b.ix, err = activity.NewIndexFrom(s, activity.IndexOptions{Funnel: settings.Funnel, Location: loc})
	for _, r := range readers {
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	table, err := activity.NewExchangeRates(rates)
	if err != nil {
		t.Fatal(err)
	}
	b.conv = &activity.Conversion{To: settings.Currency, Converter: table}
	return b
}

// TestSameBookEveryForm reads the sample book as JSON records, as
// Salesforce exports (a report with OpportunityHistory; the objects with
// OpportunityFieldHistory), as HubSpot exports (deals with their Date
// entered columns; deals with a stage history export) and as CSV in the
// records' own field names, and checks that every KPI of
// the quarter review comes out identical, for each quarter of 2025 and the
// year: the three forms hold the same data (make_book.py writes them from
// one book), so any difference is a reading error. Rep keys differ between
// the forms (Salesforce user ids, HubSpot owner names) and are compared by
// the roster's names.
func TestSameBookEveryForm(t *testing.T) {
	others := []string{"salesforce", "hubspot", "salesforce-api", "hubspot-history", "records-csv"}
	forms := map[string]book{}
	for _, f := range append([]string{"json"}, others...) {
		forms[f] = loadBook(t, filepath.Join("testdata", "book", f))
	}
	want := kpis(t, forms["json"])
	errs := 0
	for k, v := range want {
		if strings.HasPrefix(v, "error: ") {
			t.Errorf("%s from the records: %s", k, v)
			errs++
		}
	}
	if len(want) != 70 || errs > 0 {
		t.Fatalf("%d KPIs computed from the records, %d errors; want 70, none", len(want), errs)
	}
	for _, f := range others {
		got := kpis(t, forms[f])
		for _, k := range slices.Sorted(mapsKeys(want)) {
			if got[k] != want[k] {
				t.Errorf("%s: %s =\n  %s\nwant (JSON records)\n  %s", f, k, got[k], want[k])
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d KPIs, want %d", f, len(got), len(want))
		}
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// kpis computes the review's KPIs over a book, each as its JSON, keyed by
// name and period; rep ids become names.
func kpis(t *testing.T, b book) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(name string, v any, err error) {
		if err != nil {
			out[name] = "error: " + err.Error()
			return
		}
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		for id, n := range b.names {
			s = strings.ReplaceAll(s, `"`+id+`"`, `"`+n+`"`)
			s = strings.ReplaceAll(s, `rep=`+id+`"`, `rep=`+n+`"`)
		}
		out[name] = s
	}
	cal := activity.Calendar{Location: b.loc}
	all := b.ix.All()
	year, _ := cal.Year(time.Date(2025, 6, 1, 0, 0, 0, 0, b.loc))
	periods := []activity.Period{year}
	periods = append(periods, slices.Collect(cal.Periods(activity.Quarterly, year.Start, year.End))...)
	for _, p := range periods {
		n := p.Name + " "
		w, err := performance.WinRate(all, p, performance.WinRateOptions{Conversion: b.conv})
		put(n+"win rate", w, err)
		w, err = performance.WinRate(all, p, performance.WinRateOptions{Basis: performance.ValueBasis, Conversion: b.conv})
		put(n+"win rate by value", w, err)
		s, err := performance.DealSizeOf(all, p, performance.DealSizeOptions{Conversion: b.conv})
		put(n+"deal size", s, err)
		c, err := performance.SalesCycle(all, p, performance.CycleOptions{})
		put(n+"cycle", c, err)
		v, err := performance.SalesVelocity(all, p, performance.VelocityOptions{Conversion: b.conv})
		put(n+"velocity", v, err)
		f, err := performance.FunnelOf(all, p, performance.FunnelOptions{AsOf: year.End})
		put(n+"funnel", f, err)
		bt, err := performance.BookingsBy(all, p, activity.ByTeam(), performance.BookingsOptions{Conversion: b.conv})
		put(n+"bookings by team", bt, err)
		wr, err := performance.WinRateBy(all, p, activity.ByRep(), performance.WinRateOptions{})
		slices.SortFunc(wr, func(x, y activity.Group[performance.WinLoss]) int {
			return strings.Compare(b.names[x.Key], b.names[y.Key])
		})
		put(n+"win rate by rep", wr, err)
		att, err := performance.Attainment(all, p, performance.AttainmentOptions{Conversion: b.conv})
		slices.SortFunc(att, func(x, y performance.QuotaAttainment) int {
			return strings.Compare(b.names[x.Owner]+x.Period.Start.String(), b.names[y.Owner]+y.Period.Start.String())
		})
		put(n+"attainment", att, err)
		cov, err := performance.Coverage(all, p, performance.CoverageOptions{Conversion: b.conv})
		put(n+"coverage", cov, err)
		pipe, err := performance.OpenPipeline(all, p, performance.PipelineOptions{AsOf: p.Start, StaleAfterDays: 30, Conversion: b.conv})
		put(n+"pipeline", pipe, err)
		vol, err := activity.ActivityVolume(all, p, activity.VolumeOptions{Calendar: cal})
		put(n+"activity", vol, err)
		con, err := activity.Connects(all, p, activity.ConnectOptions{})
		put(n+"connect rate", con, err)
		eff, err := performance.ActivitiesPerWonDeal(all, p, performance.EffortOptions{Linking: performance.LinkedToOutcome})
		put(n+"activities per won deal", eff, err)
	}
	return out
}

// TestEuropeanReport reads the Opportunities report as a German-locale
// user exports it (';', 12.500,00, 4.3.2025) and as a US user does: the
// deals are the same.
func TestEuropeanReport(t *testing.T) {
	read := func(path string, opt crm.Options) []activity.Deal {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := crm.NewReader(crm.CSV(f), opt)
		if err != nil {
			t.Fatal(err)
		}
		deals := slices.Collect(r.Deals())
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		return deals
	}
	us := read(filepath.Join("testdata", "book", "salesforce", "opportunities.csv"), crm.Options{})
	eu := read(filepath.Join("testdata", "book", "salesforce-eu", "opportunities.csv"), crm.Options{DecimalComma: true, Dates: []string{"D.M.YYYY"}})
	if len(us) != 360 {
		t.Fatalf("%d deals in the US export, want 360", len(us))
	}
	a, _ := json.Marshal(us)
	b, _ := json.Marshal(eu)
	if string(a) != string(b) {
		t.Errorf("the European export reads differently from the US one")
	}
}
