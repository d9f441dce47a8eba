package main

import (
	"bytes"
	"math"
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
		"Currencies: USD and EUR, reported in USD",
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
		"yearly subscriptions of",
		"customer churn",
		"revenue churn",
		"last 12 months: NRR",
		"ARPA",
		"CAC",
		"Revenue retention by start quarter",
		"Customer lifetimes: 526 lifetimes",
		"FY2025 Q3 all: NPS",
		"FY2025 Q4 all / segment=smb: NPS",
		"change: NPS",
		"LTV ",
		"CAC payback",
		"LTV:CAC",
		"Effort against results, FY2025 Q4: effort at",
		"time to a first won deal: first deal:",
		"Scorecards, FY2025 Q4",
		"Leaderboard, bookings FY2025 Q4",
		"A metric of your own: enterprise demo-to-close",
		"Customer value:",
		"repeat buyers; BG/NBD:",
		"Outlook",
		"quarterly trend: OLS on 8 points",
		"FY2026 Q1 bookings:",
		"pipeline risk, FY2026 Q1: expected",
		"monthly trend and season: OLS on 24 points, 13 regressors",
		"run rate",
		"FY2026: hire",
		"assumptions: target = the last 12 months' bookings",
		"(the target is FY2025 Q4's bookings,",
		"Commission run, FY2025 Q4, plan ae-2025 v3: 23 reps",
		"on a recoverable draw of 1,500 a month",
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
	// 24 months of volume, January 2024 to December 2025, and the 3 months
	// of the last quarter's MRR movements.
	if n := len(regexp.MustCompile(`(?m)^\s+202[45]-\d\d\s`).FindAllString(s, -1)); n != 24+3 {
		t.Errorf("%d month rows, want 24 + 3", n)
	}
	// Each month's MRR opens where the one before closed, and moves by its
	// movements: opening + new + reactivation + expansion − contraction −
	// churn = closing, to a few dollars of rounding as printed.
	rows := regexp.MustCompile(`(?m)^\s+(2025-1[012])\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s*$`).FindAllStringSubmatch(s, -1)
	if len(rows) != 3 {
		t.Fatalf("%d movement rows, want 3:\n%s", len(rows), s)
	}
	prev := -1
	for _, r := range rows {
		v := make([]int, 7)
		for i := range v {
			v[i], _ = strconv.Atoi(r[i+2])
		}
		if prev >= 0 && v[0] != prev {
			t.Errorf("%s opens at %d, the month before closed at %d", r[1], v[0], prev)
		}
		if d := v[0] + v[1] + v[2] + v[3] - v[4] - v[5] - v[6]; d < -3 || d > 3 {
			t.Errorf("%s: movements miss the closing by %d (more than rounding)", r[1], d)
		}
		prev = v[6]
	}
	// The segments' responses add up to the quarter's.
	all := regexp.MustCompile(`FY2025 Q4 all: NPS .*n=(\d+):`).FindStringSubmatch(s)
	if all == nil {
		t.Fatalf("no NPS for FY2025 Q4 in:\n%s", s)
	}
	n := 0
	for _, m := range regexp.MustCompile(`FY2025 Q4 all / segment=\w+: NPS .*n=(\d+):`).FindAllStringSubmatch(s, -1) {
		k, _ := strconv.Atoi(m[1])
		n += k
	}
	if want, _ := strconv.Atoi(all[1]); n != want {
		t.Errorf("segments' responses sum to %d, want the quarter's %d", n, want)
	}
	// Every rep's credit is a won deal of the quarter: the run credits what
	// the quarter booked; and each statement's lines add up to its total.
	run := regexp.MustCompile(`Commission run, FY2025 Q4, plan ae-2025 v3: \d+ reps, ([0-9.]+) USD credited`).FindStringSubmatch(s)
	closed := regexp.MustCompile(`the quarter closed at ([0-9.]+)`).FindStringSubmatch(s)
	if run == nil || closed == nil || run[1] != closed[1] {
		t.Errorf("credited %v, booked %v", run, closed)
	}
	blocks := regexp.MustCompile(`(?s)\nrep-\d+, FY2025 Q4.*?\n  total ([0-9.]+) USD`).FindAllStringSubmatch(s, -1)
	if len(blocks) != 2 {
		t.Fatalf("%d statements, want 2", len(blocks))
	}
	for _, b := range blocks {
		cents := 0
		for _, m := range regexp.MustCompile(`(?m)^  (?:commission|bonus)\s.*?\s(-?\d+)\.(\d\d)  `).FindAllStringSubmatch(b[0], -1) {
			whole, _ := strconv.Atoi(m[1])
			frac, _ := strconv.Atoi(m[2])
			if whole < 0 {
				frac = -frac
			}
			cents += whole*100 + frac
		}
		parts := strings.SplitN(b[1], ".", 2)
		whole, _ := strconv.Atoi(parts[0])
		frac, _ := strconv.Atoi(parts[1])
		if cents != whole*100+frac {
			t.Errorf("statement lines add up to %d cents, total %s:\n%s", cents, b[1], b[0])
		}
	}
	// Under the draw, pay is never below 1,500, and what was paid beyond
	// what was earned is what she owes.
	var paid, earned, owes float64
	for _, m := range regexp.MustCompile(`(?m)^  \d{4}-\d\d: earned +([0-9.]+), paid +([0-9.]+), owes +([0-9.]+)$`).FindAllStringSubmatch(s, -1) {
		e, _ := strconv.ParseFloat(m[1], 64)
		p, _ := strconv.ParseFloat(m[2], 64)
		o, _ := strconv.ParseFloat(m[3], 64)
		if p < 1500 {
			t.Errorf("paid %v under the draw", p)
		}
		paid, earned, owes = paid+p, earned+e, o
	}
	if paid == 0 || math.Abs(paid-earned-owes) > 0.005 {
		t.Errorf("paid %.2f, earned %.2f, owes %.2f", paid, earned, owes)
	}
}
