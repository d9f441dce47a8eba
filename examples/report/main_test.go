package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

const sample = "../../activity/crm/testdata/book"

// recordsIndex builds the index straight from the sample book's JSON
// records, as a host holding them would, with the same settings.
func recordsIndex(t *testing.T) (*activity.Index, *activity.Conversion, *time.Location) {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	raw, err := os.ReadFile(filepath.Join(sample, "json", "records.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r activity.Records
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	b, err := openBook(filepath.Join(sample, "json"), Settings{}, crmOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: b.settings.Funnel, Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	conv, err := conversion("USD", b.rates)
	if err != nil {
		t.Fatal(err)
	}
	return ix, conv, loc
}

// TestSalesforceReview runs the program over the Salesforce exports and
// checks its JSON against the KPIs computed from the same book's records.
func TestSalesforceReview(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-json", "-by", "team", filepath.Join(sample, "salesforce")}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var rv Review
	if err := json.Unmarshal(out.Bytes(), &rv); err != nil {
		t.Fatal(err)
	}
	ix, conv, loc := recordsIndex(t)
	// The book ends in December 2025: the review is 2025's fourth quarter,
	// as of the end of 31 December in New York.
	q4 := activity.Period{Start: time.Date(2025, 10, 1, 0, 0, 0, 0, loc), End: time.Date(2026, 1, 1, 0, 0, 0, 0, loc)}
	if !rv.Period.Start.Equal(q4.Start) || !rv.Period.End.Equal(q4.End) || !rv.AsOf.Equal(q4.End) || rv.Currency != "USD" {
		t.Fatalf("period %v as of %v in %s, want %v as of its end in USD", rv.Period, rv.AsOf, rv.Currency, q4)
	}
	all := ix.All()
	win, err := performance.WinRate(all, q4, performance.WinRateOptions{Conversion: conv})
	if err != nil {
		t.Fatal(err)
	}
	size, err := performance.DealSizeOf(all, q4, performance.DealSizeOptions{Conversion: conv})
	if err != nil {
		t.Fatal(err)
	}
	cycle, err := performance.SalesCycle(all, q4, performance.CycleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	booked, err := performance.Bookings(all, q4, performance.BookingsOptions{Conversion: conv})
	if err != nil {
		t.Fatal(err)
	}
	att, err := performance.Attainment(all, q4, performance.AttainmentOptions{Conversion: conv})
	if err != nil {
		t.Fatal(err)
	}
	vol, err := activity.ActivityVolume(all, q4, activity.VolumeOptions{Calendar: activity.Calendar{Location: loc}})
	if err != nil {
		t.Fatal(err)
	}
	if rv.WinRate == nil || rv.WinRate.Won != win.Won || rv.WinRate.Lost != win.Lost || rv.WinRate.Rate != win.Rate {
		t.Errorf("win rate %+v, want %+v", rv.WinRate, win)
	}
	if rv.DealSize == nil || !rv.DealSize.Total.Equal(size.Total) || !rv.DealSize.Median.Equal(size.Median) || rv.DealSize.Deals != size.Deals {
		t.Errorf("deal size %+v, want %+v", rv.DealSize, size)
	}
	if rv.Cycle == nil || rv.Cycle.MeanDays != cycle.MeanDays || rv.Cycle.MedianDays != cycle.MedianDays {
		t.Errorf("cycle %+v, want %+v", rv.Cycle, cycle)
	}
	if rv.Bookings == nil || !rv.Bookings.Amount.Equal(booked.Amount) {
		t.Errorf("bookings %+v, want %+v", rv.Bookings, booked)
	}
	if rv.Activity == nil || rv.Activity.Total != vol.Total {
		t.Errorf("activity %+v, want %+v", rv.Activity, vol)
	}
	if len(rv.Attainment) != len(att) {
		t.Fatalf("%d attainment lines, want %d", len(rv.Attainment), len(att))
	}
	for i := range att {
		if rv.Attainment[i].Owner != att[i].Owner || !rv.Attainment[i].Attainment.Equal(att[i].Attainment) {
			t.Errorf("attainment %d: %+v, want %+v", i, rv.Attainment[i], att[i])
		}
	}
	if rv.Pipeline == nil || rv.Forecast == nil || rv.Funnel == nil || rv.Velocity == nil || rv.Coverage == nil {
		t.Errorf("missing KPIs; undefined: %v", rv.Undefined)
	}
	if len(rv.Groups) != 3 || rv.GroupedBy != "team" {
		t.Errorf("groups %+v, want the 3 teams", rv.Groups)
	}
	if len(rv.Inputs) != 7 {
		t.Errorf("inputs %+v, want the 7 files", rv.Inputs)
	}
}

// TestTextReview runs the program as a person would and checks the
// review's sections are there.
func TestTextReview(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-by", "rep", filepath.Join(sample, "hubspot")}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	text := out.String()
	for _, want := range []string{"Quarter review: company, FY2025 Q4 (2025-10-01 to 2025-12-31)", "hubspot-deals", "win rate",
		"Funnel", "Attainment", "Next quarter", "forecast bookings FY2026 Q1", "By rep", "Avery Brooks"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// TestBadInput corrupts one cell of an export: the program exits 1 naming
// the file, line and column; with -skip it reviews the rest and says what it
// left out.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(sample, "salesforce")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "roster.csv" {
			// Line 4 (the third rep), column 5 (Hire Date): a day that does not exist.
			lines := strings.Split(string(raw), "\n")
			cells := strings.Split(lines[3], ",")
			cells[4] = "2024-02-30"
			lines[3] = strings.Join(cells, ",")
			raw = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{dir}, &out, &errs); code != 1 || !strings.Contains(errs.String(), `roster.csv:4:5: "Hire Date" = "2024-02-30"`) {
		t.Errorf("exit %d, stderr %q: want 1 and roster.csv:4:5", code, errs.String())
	}
	out.Reset()
	errs.Reset()
	// Skipping the rep leaves its deals owned by a rep not on the roster;
	// those are skipped too, and said so.
	if code := run([]string{"-skip", dir}, &out, &errs); code != 0 || !strings.Contains(errs.String(), "report: skipped") ||
		!strings.Contains(errs.String(), "roster.csv:4:5") {
		t.Errorf("-skip: exit %d, stderr %q", code, errs.String())
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{{}, {"-by", "region", sample}, {"-fiscal-start", "13", sample}, {"a", "b"}, {"-nope"}} {
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
	for _, args := range [][]string{{"-period", "2025-Q5", filepath.Join(sample, "json")}, {"-as-of", "31/12/2025", filepath.Join(sample, "json")},
		{"-tz", "Mars/Olympus", filepath.Join(sample, "json")}, {filepath.Join(sample, "nowhere")}, {"-team", "North", filepath.Join(sample, "json")}} {
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 1 {
			t.Errorf("run(%q) = %d, want 1; stderr %s", args, code, errs.String())
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"-period", "2025-07", "-team", "East", filepath.Join(sample, "json")}, &out, &errs); code != 0 ||
		!strings.Contains(out.String(), "2025-07-01 to 2025-07-31") {
		t.Errorf("a month for a team: exit %d, %s%s", code, out.String(), errs.String())
	}
}

// copyFolder copies a sample folder into a temporary one, changing files
// with edit (name -> new content; "" removes).
func copyFolder(t *testing.T, src string, edit func(name string, raw []byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			raw = edit(e.Name(), raw)
		}
		if raw != nil {
			if err := os.WriteFile(filepath.Join(dir, e.Name()), raw, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestIndexErrorsNameTheFile links a task to an opportunity no export
// holds: the index's error names the task's file and line.
func TestIndexErrorsNameTheFile(t *testing.T) {
	dir := copyFolder(t, filepath.Join(sample, "salesforce"), func(name string, raw []byte) []byte {
		if name == "tasks.csv" {
			lines := strings.Split(strings.TrimRight(string(raw), "\r\n"), "\r\n")
			cells := strings.Split(lines[1], ",")
			cells[2] = "0065g00000ZZZZZAAA" // WhatId: no such opportunity
			lines = append(lines, strings.Join(cells, ","))
			return []byte(strings.Join(lines, "\r\n") + "\r\n")
		}
		return raw
	})
	var out, errs bytes.Buffer
	code := run([]string{dir}, &out, &errs)
	lines := strings.Count(mustRead(t, filepath.Join(dir, "tasks.csv")), "\n") // the added task is the last line
	want := fmt.Sprintf("tasks.csv:%d: activity: activity", lines)
	if code != 1 || !strings.Contains(errs.String(), want) || !strings.Contains(errs.String(), "unknown deal") {
		t.Errorf("exit %d, stderr %q; want 1 and %q … unknown deal", code, errs.String(), want)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// TestOrdinaryBooks runs reviews real books produce: a rep without a win,
// meetings scheduled ahead, files that are not exports, amounts without a
// currency column.
func TestOrdinaryBooks(t *testing.T) {
	jsonDir := filepath.Join(sample, "json")
	var out, errs bytes.Buffer
	// Tomás Reyes (0055g0000001eNwAAI) won nothing in 2025's fourth quarter.
	if code := run([]string{"-rep", "0055g0000001eNwAAI", "-json", jsonDir}, &out, &errs); code != 0 {
		t.Fatalf("a rep without a win: exit %d, %s", code, errs.String())
	}
	var rv Review
	if err := json.Unmarshal(out.Bytes(), &rv); err != nil {
		t.Fatal(err)
	}
	if rv.Scope != "rep 0055g0000001eNwAAI" || rv.DealSize != nil || rv.Undefined["deal_size"] == "" {
		t.Errorf("scope %q, deal size %v, undefined %v; want no deal size and why", rv.Scope, rv.DealSize, rv.Undefined)
	}

	// A meeting booked for June 2026 does not move the review past the data.
	dir := copyFolder(t, filepath.Join(sample, "salesforce"), func(name string, raw []byte) []byte {
		switch name {
		case "events.csv":
			return append(raw, []byte("00U5g00000ZZZZZAAA,0055g0000001dr2AAA,,,Kickoff,Meeting,2026-06-01T15:00:00.000Z,2026-06-01T16:00:00.000Z,60\r\n")...)
		}
		return raw
	})
	for name, content := range map[string]string{"._opportunities.csv": "\x00\x05junk", "~$tasks.csv": "lock", "notes.txt": "hello"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	errs.Reset()
	if code := run([]string{dir}, &out, &errs); code != 0 || !strings.Contains(out.String(), "FY2025 Q4") {
		t.Errorf("meeting ahead, lock files: exit %d, %s%s", code, out.String(), errs.String())
	}

	// A JSON file that is not records is an error, not an empty book.
	dir = copyFolder(t, jsonDir, nil)
	if err := os.WriteFile(filepath.Join(dir, "notes.json"), []byte(`{"note": "hi"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	errs.Reset()
	if code := run([]string{dir}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "notes.json") {
		t.Errorf("notes.json: exit %d, %s", code, errs.String())
	}

	// Amounts in euros with no currency column, reported in dollars: the
	// export's currency and the report's are two settings.
	dir = t.TempDir()
	files := map[string]string{
		"deals.csv": "id,owner,amount,stage,status,created_at,closed_at\nd1,ann,1000,won,won,2025-01-05T10:00:00Z,2025-02-10\n",
		"rates.csv": "From,To,Date,Rate\nEUR,USD,2025-01-01,1.1\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	errs.Reset()
	if code := run([]string{"-amount-currency", "EUR", "-currency", "USD", "-json", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	rv = Review{}
	if err := json.Unmarshal(out.Bytes(), &rv); err != nil {
		t.Fatal(err)
	}
	// 1,000 EUR at 1.1 = 1,100 USD.
	if rv.Bookings == nil || !rv.Bookings.Amount.Equal(decimal.RequireFromString("1100")) || rv.Bookings.Currency != "USD" {
		t.Errorf("bookings %+v, want 1100 USD", rv.Bookings)
	}
}
