package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestDate(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	d, err := ParseDate("2025-03-09")
	if err != nil || d != (Date{2025, time.March, 9}) || d.String() != "2025-03-09" {
		t.Fatalf("ParseDate = %v, %v", d, err)
	}
	// 9 March 2025 is 23 hours long in New York (clocks go forward at 2:00):
	// it starts at 05:00 UTC (EST, −5) and ends before 04:00 UTC on the 10th
	// (EDT, −4).
	if got, want := d.Start(ny), time.Date(2025, 3, 9, 5, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start(NY) = %v, want %v", got, want)
	}
	if got, want := d.End(ny), time.Date(2025, 3, 10, 3, 59, 59, 999999999, time.UTC); !got.Equal(want) {
		t.Errorf("End(NY) = %v, want %v", got, want)
	}
	if got, want := d.End(nil), time.Date(2025, 3, 9, 23, 59, 59, 999999999, time.UTC); !got.Equal(want) {
		t.Errorf("End(nil) = %v, want %v", got, want)
	}
	// The last day of a month ends inside the month: a period ending at the
	// next local midnight holds it.
	march := Period{Start: time.Date(2025, 3, 1, 0, 0, 0, 0, ny), End: time.Date(2025, 4, 1, 0, 0, 0, 0, ny)}
	if last := (Date{2025, time.March, 31}); !march.Contains(last.End(ny)) || march.Contains(last.End(ny).Add(time.Nanosecond)) {
		t.Errorf("31 March's end %v is not the last instant of March in New York", last.End(ny))
	}
	for _, s := range []string{"2025-02-30", "2025-13-01", "03/04/2025", "2025-3-4"} {
		if _, err := ParseDate(s); !errors.Is(err, ErrInvalidTime) {
			t.Errorf("ParseDate(%q) error = %v, want ErrInvalidTime", s, err)
		}
	}
	if d, err := ParseDate(""); err != nil || !d.IsZero() || d.String() != "" {
		t.Errorf(`ParseDate("") = %v, %v`, d, err)
	}
	if DateOf(time.Date(2025, 3, 9, 23, 30, 0, 0, ny)) != d {
		t.Errorf("DateOf(23:30 New York) is not 9 March")
	}
}

// TestDealCloseDay decodes a close as a day and reads it back.
func TestDealCloseDay(t *testing.T) {
	t.Parallel()
	var d Deal
	in := `{"id":"D","owner":"ann","amount":"10","currency":"USD","stage":"closed_won","status":"won",
		"created_at":"2025-03-04T09:00:00Z","closed_at":"2025-03-04","expected_close_at":"2025-03-31"}`
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	if d.CloseDate != (Date{2025, time.March, 4}) || !d.ClosedAt.IsZero() || d.ExpectedCloseDate != (Date{2025, time.March, 31}) {
		t.Fatalf("decoded close %v / %v, expected %v / %v", d.ClosedAt, d.CloseDate, d.ExpectedCloseAt, d.ExpectedCloseDate)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Deal
	if err := json.Unmarshal(b, &back); err != nil || back.CloseDate != d.CloseDate || back.ExpectedCloseDate != d.ExpectedCloseDate || !back.ClosedAt.IsZero() {
		t.Errorf("round trip through %s = %+v, %v", b, back, err)
	}
	// A time of day stays an instant.
	var at Deal
	if err := json.Unmarshal([]byte(`{"amount":"1","closed_at":"2025-03-04T10:00:00Z","close_date":null}`), &at); err != nil ||
		!at.ClosedAt.Equal(time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)) || !at.CloseDate.IsZero() {
		t.Errorf("closed_at with a time = %v / %v, %v", at.ClosedAt, at.CloseDate, err)
	}
	// close_date may be given itself.
	var direct Deal
	if err := json.Unmarshal([]byte(`{"amount":"1","close_date":"2025-03-05"}`), &direct); err != nil || direct.CloseDate != (Date{2025, time.March, 5}) {
		t.Errorf("close_date = %v, %v", direct.CloseDate, err)
	}
	if err := json.Unmarshal([]byte(`{"amount":"1","close_date":"2025-02-30"}`), &direct); !errors.Is(err, ErrInvalidTime) {
		t.Errorf("close_date 2025-02-30 error = %v, want ErrInvalidTime", err)
	}
}

func TestDealCloseDayErrors(t *testing.T) {
	t.Parallel()
	base := Deal{ID: "D", Owner: "ann", Amount: decimal.NewFromInt(1), Currency: "USD", Stage: StageClosedWon, Status: StatusWon,
		CreatedAt: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		name  string
		edit  func(d *Deal)
		field string
		want  error
	}{
		{"both close forms", func(d *Deal) { d.ClosedAt = d.CreatedAt.Add(time.Hour); d.CloseDate = Date{2025, time.March, 4} }, "close_date", ErrInvalidTime},
		{"both expected forms", func(d *Deal) {
			d.CloseDate = Date{2025, time.March, 4}
			d.ExpectedCloseAt = d.CreatedAt.Add(time.Hour)
			d.ExpectedCloseDate = Date{2025, time.March, 5}
		}, "expected_close_date", ErrInvalidTime},
		{"day before creation", func(d *Deal) { d.CloseDate = Date{2025, time.March, 3} }, "close_date", ErrTimeOrder},
		{"expected day before creation", func(d *Deal) {
			d.CloseDate = Date{2025, time.March, 4}
			d.ExpectedCloseDate = Date{2025, time.March, 1}
		},
			"expected_close_date", ErrTimeOrder},
		{"no such day", func(d *Deal) { d.CloseDate = Date{2025, time.February, 30} }, "close_date", ErrInvalidTime},
		{"year out of range", func(d *Deal) { d.CloseDate = Date{2300, time.January, 1} }, "close_date", ErrInvalidTime},
		{"open with a close day", func(d *Deal) {
			d.Status, d.Stage, d.CloseDate = StatusOpen, StageDemo, Date{2025, time.March, 4}
		}, "close_date", ErrOpenWithCloseTime},
		{"won without any close", func(d *Deal) {}, "closed_at", ErrNoCloseTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := base
			tc.edit(&d)
			err := d.Validate()
			var re *RecordError
			if !errors.Is(err, tc.want) || !errors.As(err, &re) || re.Field != tc.field {
				t.Errorf("Validate() = %v, want %v on %s", err, tc.want, tc.field)
			}
		})
	}
	// The same day that ends before the creation in UTC ends after it in
	// New York: the index reads the day in its Location.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	d := base
	d.CreatedAt = time.Date(2025, 3, 5, 2, 0, 0, 0, time.UTC) // 4 March, 21:00 in New York
	d.CloseDate = Date{2025, time.March, 4}
	if _, err := NewIndex(Records{Deals: []Deal{d}}, IndexOptions{}); !errors.Is(err, ErrTimeOrder) {
		t.Errorf("NewIndex in UTC: %v, want ErrTimeOrder", err)
	}
	ix, err := NewIndex(Records{Deals: []Deal{d}}, IndexOptions{Location: ny})
	if err != nil {
		t.Fatalf("NewIndex in New York: %v", err)
	}
	if got, want := ix.DealClosed(0), (Date{2025, time.March, 4}).End(ny); !got.Equal(want) {
		t.Errorf("DealClosed = %v, want %v", got, want)
	}
}

// TestDateSkippedMidnight checks days whose midnight a zone skipped: São
// Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018, and Apia
// skipped 30 December 2011 whole (from 29 December 23:59:59 −10 to
// 31 December 00:00 +14).
func TestDateSkippedMidnight(t *testing.T) {
	t.Parallel()
	sp, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	apia, err := time.LoadLocation("Pacific/Apia")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	// 4 November 2018 began at 01:00 −02 (03:00 UTC); 3 November ended
	// just before, a day of 24 hours (from 00:00 −03 = 03:00 UTC).
	nov4 := Date{Year: 2018, Month: time.November, Day: 4}
	nov3 := Date{Year: 2018, Month: time.November, Day: 3}
	if got, want := nov4.Start(sp), time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC); !got.Equal(want) || DateOf(got.In(sp)) != nov4 {
		t.Errorf("Start(4 Nov 2018, São Paulo) = %v, want %v", got, want)
	}
	if got, want := nov3.End(sp), time.Date(2018, 11, 4, 2, 59, 59, 999_999_999, time.UTC); !got.Equal(want) {
		t.Errorf("End(3 Nov 2018, São Paulo) = %v, want %v", got, want)
	}
	// 29 December 2011 in Apia ended at 10:00 UTC on the 30th (24:00 −10),
	// where 31 December began (00:00 +14).
	dec29 := Date{Year: 2011, Month: time.December, Day: 29}
	if got, want := dec29.End(apia), time.Date(2011, 12, 30, 9, 59, 59, 999_999_999, time.UTC); !got.Equal(want) || got.Before(dec29.Start(apia)) {
		t.Errorf("End(29 Dec 2011, Apia) = %v, want %v", got, want)
	}
}

// TestWeekOfYear compares the strftime systems with Python's %U, %W and %V
// for every day of 2023 to 2028 (testdata/weeknumber_ref.py), and Excel's
// with its documentation's example: WEEKNUM(3/9/2012) is 10, and 11 with
// return type 2 (weeks from Monday).
func TestWeekOfYear(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/weeknumber_ref.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var day string
		var u, w, v int
		if _, err := fmt.Sscan(line, &day, &u, &w, &v); err != nil {
			t.Fatal(err)
		}
		d, err := ParseDate(day)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			n    WeekNumbering
			want int
		}{
			{WeekNumbering{System: WeekZeroBeforeStart, Start: time.Sunday}, u},
			{WeekNumbering{System: WeekZeroBeforeStart, Start: time.Monday}, w},
			{WeekNumbering{}, v},
		} {
			if got, err := d.WeekOfYear(c.n); err != nil || got != c.want {
				t.Errorf("%s %+v: week %d, %v; want %d", day, c.n, got, err, c.want)
			}
		}
		n++
	}
	if n != 2192 {
		t.Fatalf("%d reference days, want 2192", n)
	}
	d := Date{Year: 2012, Month: time.March, Day: 9}
	for start, want := range map[time.Weekday]int{time.Sunday: 10, time.Monday: 11} {
		if got, err := d.WeekOfYear(WeekNumbering{System: WeekHoldingJanFirst, Start: start}); err != nil || got != want {
			t.Errorf("WEEKNUM(3/9/2012) from %v = %d, %v; want %d", start, got, err, want)
		}
	}
	// By hand: 31 December 2023 is a Sunday, the 365th day; 1 January 2023
	// was a Sunday too, so the Sunday weeks holding 1 January count
	// 364 / 7 + 1 = 53.
	if got, _ := (Date{Year: 2023, Month: 12, Day: 31}).WeekOfYear(WeekNumbering{System: WeekHoldingJanFirst}); got != 53 {
		t.Errorf("WEEKNUM(12/31/2023) = %d, want 53", got)
	}
	for _, bad := range []struct {
		d Date
		n WeekNumbering
	}{{Date{}, WeekNumbering{}}, {Date{Year: 2025, Month: 2, Day: 30}, WeekNumbering{}}, {Date{Year: 2025, Month: 1, Day: 1}, WeekNumbering{System: 9}},
		{Date{Year: 2025, Month: 1, Day: 1}, WeekNumbering{Start: 7}}} {
		if _, err := bad.d.WeekOfYear(bad.n); !errors.Is(err, ErrInvalidCalendar) {
			t.Errorf("WeekOfYear(%v, %+v): %v, want ErrInvalidCalendar", bad.d, bad.n, err)
		}
	}
}

func TestWeekSystemString(t *testing.T) {
	t.Parallel()
	for s, want := range map[WeekSystem]string{WeekISO: "iso", WeekHoldingJanFirst: "holding_jan_first", WeekZeroBeforeStart: "zero_before_start", 7: "WeekSystem(7)"} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", uint8(s), got, want)
		}
	}
}
