package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"Validation: all records valid",
		"Three deals broken on purpose are reported as:",
		"closed_at: activity: times out of order",
		"amount: activity: negative amount: -100",
		`stage: activity: stage not in the funnel: "haggling"`,
		"Activity volume, FY2025 Q4",
		"Connect rate:",
		"By rep, FY2025 Q4",
		"By month",
		"Quarter review, FY2025 Q4",
		"win rate",
		"sales cycle of",
		"funnel of",
		"Pipeline for FY2026 Q1",
		"Reps, FY2025 Q4",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	// The per-rep totals add up to the quarter's total.
	total := regexp.MustCompile(`all: (\d+) activities in FY2025 Q4`).FindStringSubmatch(s)
	if total == nil {
		t.Fatalf("no quarter total in:\n%s", s)
	}
	sum := 0
	for _, m := range regexp.MustCompile(`(?m)^\s+rep-\d+(?:\s+\d+){6}\s+(\d+)\s`).FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	if want, _ := strconv.Atoi(total[1]); sum != want {
		t.Errorf("per-rep totals sum to %d, want the quarter's %d", sum, want)
	}
	// The reps' won deals add up to the company's.
	won := regexp.MustCompile(`all: win rate [0-9.]+% by count \((\d+) won`).FindStringSubmatch(s)
	if won == nil {
		t.Fatalf("no company win rate in:\n%s", s)
	}
	sumWon := 0
	for _, m := range regexp.MustCompile(`(?m)^\s+rep-\d+\s+(\d+)\s+\d+\s+(?:\d+%|-)\s`).FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		sumWon += n
	}
	if want, _ := strconv.Atoi(won[1]); sumWon != want {
		t.Errorf("reps' won deals sum to %d, want the company's %d", sumWon, want)
	}
	// 24 months, January 2024 to December 2025.
	if n := len(regexp.MustCompile(`(?m)^\s+202[45]-\d\d\s`).FindAllString(s, -1)); n != 24 {
		t.Errorf("%d month rows, want 24", n)
	}
}
