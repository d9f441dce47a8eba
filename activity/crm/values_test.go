package crm

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestReadDecimal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		comma bool
		want  string
		cur   activity.Currency
	}{
		{"plain", "12500", false, "12500", ""},
		{"thousands", "12,500.50", false, "12500.5", ""},
		{"code before", "USD 1,234.00", false, "1234", "USD"},
		{"code after", "1.234,50 EUR", true, "1234.5", "EUR"},
		{"decimal comma", "1.234.567,89", true, "1234567.89", ""},
		{"space groups", "1 234,5", true, "1234.5", ""},
		{"no-break space groups", "1\u00a0234,5", true, "1234.5", ""},
		{"dollar", "$1,000", false, "1000", ""},
		{"euro after", "1.000,00 €", true, "1000", ""},
		{"negative", "-5.25", false, "-5.25", ""},
		{"accounting negative", "(5.25)", false, "-5.25", ""},
		{"spaces", "  42  ", false, "42", ""},
		{"leading point", ".5", false, "0.5", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cur, err := readDecimal(tc.in, tc.comma)
			if err != nil {
				t.Fatalf("readDecimal(%q) error %v", tc.in, err)
			}
			if !got.Equal(decimal.RequireFromString(tc.want)) || cur != tc.cur {
				t.Errorf("readDecimal(%q) = %s %q, want %s %q", tc.in, got, cur, tc.want, tc.cur)
			}
		})
	}
	for _, bad := range []string{"", "abc", "1.2.3", "12,5", "1,000.00.0", "USD", "--1", "1e5", strings.Repeat("9", 200), "12 500"} {
		comma := bad == "12,5" // "12,5" with a decimal point is a misplaced group, not 12.5
		if bad == "12,5" {
			comma = false
		}
		if _, _, err := readDecimal(bad, comma); !errors.Is(err, activity.ErrInvalidAmount) {
			t.Errorf("readDecimal(%q) error = %v, want ErrInvalidAmount", bad, err)
		}
	}
}

func TestReadFraction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		percent bool
		want    string
	}{
		{"25", true, "0.25"}, {"25%", false, "0.25"}, {"0.25", false, "0.25"}, {"12,5 %", false, "0.125"}, {"100", true, "1"},
	}
	for _, tc := range tests {
		comma := strings.Contains(tc.in, ",")
		got, err := readFraction(tc.in, tc.percent, comma)
		if err != nil || !got.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("readFraction(%q, %v) = %s, %v; want %s", tc.in, tc.percent, got, err, tc.want)
		}
	}
	for _, money := range []string{"USD 5", "$25"} {
		if _, err := readFraction(money, true, false); !errors.Is(err, ErrInvalidValue) {
			t.Errorf("readFraction(%q) error = %v, want ErrInvalidValue", money, err)
		}
	}
}

func TestReadBool(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"1": true, "TRUE": true, "true": true, "Yes": true, "0": false, "FALSE": false, "no": false} {
		if got, err := readBool(in); err != nil || got != want {
			t.Errorf("readBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := readBool("maybe"); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("readBool(maybe) error = %v, want ErrInvalidValue", err)
	}
}

func TestReadDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		unit DurationUnit
		want time.Duration
	}{
		{"90", Seconds, 90 * time.Second},
		{"1.5", Minutes, 90 * time.Second},
		{"1800000", Milliseconds, 30 * time.Minute},
		{"00:05:12", Seconds, 5*time.Minute + 12*time.Second}, // a clock reads as a clock in any unit
		{"1:02:03", Clock, time.Hour + 2*time.Minute + 3*time.Second},
		{"5:12", Clock, 5*time.Minute + 12*time.Second},
	}
	for _, tc := range tests {
		if got, err := readDuration(tc.in, tc.unit, false); err != nil || got != tc.want {
			t.Errorf("readDuration(%q, %s) = %v, %v; want %v", tc.in, tc.unit, got, err, tc.want)
		}
	}
	for _, bad := range []string{"-5", "1:60:00", "0:75", "2000000000:00:00", "a:b", "1:2:3:4", "USD 5", "99999999999"} {
		if _, err := readDuration(bad, Minutes, false); !errors.Is(err, ErrInvalidValue) {
			t.Errorf("readDuration(%q) error = %v, want ErrInvalidValue", bad, err)
		}
	}
}

func TestGoLayout(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"M/D/YYYY":                "1/2/2006",
		"DD.MM.YYYY":              "2.1.2006",
		"M/D/YYYY, h:mm A":        "1/2/2006, 3:04 PM",
		"YYYY-MM-DD HH:mm":        "2006-1-2 15:04",
		"D MMM YYYY":              "2 Jan 2006",
		"YYYY-MM-DD HH:mm:ss.SSS": "2006-1-2 15:04:05.000",
	} {
		if got, err := goLayout(in); err != nil || got != want {
			t.Errorf("goLayout(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := goLayout("2006-01-02"); !errors.Is(err, ErrInvalidLayout) {
		t.Errorf("goLayout(Go layout) error = %v, want ErrInvalidLayout", err)
	}
}

func TestTimeReader(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	tr := timeReader{dates: []string{"1/2/2006"}, times: []string{"1/2/2006, 3:04 PM"}, loc: ny}
	tests := []struct {
		in  string
		day activity.Date
		at  time.Time
	}{
		{"3/31/2025", activity.Date{Year: 2025, Month: 3, Day: 31}, time.Time{}},
		{"03/09/2025", activity.Date{Year: 2025, Month: 3, Day: 9}, time.Time{}},
		{"2025-03-31", activity.Date{Year: 2025, Month: 3, Day: 31}, time.Time{}},
		// 3:05 PM in New York on 31 March 2025 (EDT, UTC-4) is 19:05 UTC.
		{"3/31/2025, 3:05 PM", activity.Date{}, time.Date(2025, 3, 31, 19, 5, 0, 0, time.UTC)},
		{"2025-03-31T19:05:00.000Z", activity.Date{}, time.Date(2025, 3, 31, 19, 5, 0, 0, time.UTC)},
		{"1743447900000", activity.Date{}, time.Date(2025, 3, 31, 19, 5, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		w, err := tr.read(tc.in)
		if err != nil || w.day != tc.day || !w.at.Equal(tc.at) {
			t.Errorf("read(%q) = %v %v, %v; want %v %v", tc.in, w.day, w.at, err, tc.day, tc.at)
		}
	}
	// A day as an instant is its first instant in the zone: 00:00 EST = 05:00 UTC.
	if got, err := tr.instant("1/5/2025"); err != nil || !got.Equal(time.Date(2025, 1, 5, 5, 0, 0, 0, time.UTC)) {
		t.Errorf("instant(1/5/2025) = %v, %v", got, err)
	}
	for _, bad := range []string{"13/45/2025", "31/3/2025", "yesterday", "2025-02-30", strings.Repeat("1", 300)} {
		if _, err := tr.read(bad); !errors.Is(err, activity.ErrInvalidTime) {
			t.Errorf("read(%q) error = %v, want ErrInvalidTime", bad, err)
		}
	}
}

func TestSalesforceID18(t *testing.T) {
	t.Parallel()
	// By hand: "001A0" has an upper-case letter at position 3 only: bit 3,
	// 8, the alphabet's I; "00000" none: A; "6Vm9r" at position 1: bit 1,
	// 2, C.
	for in, want := range map[string]string{
		"001A0000006Vm9r":    "001A0000006Vm9rIAC",
		"001A0000006Vm9rIAC": "001A0000006Vm9rIAC", // already 18
		"ann":                "ann",
		"001A0000006Vm9-":    "001A0000006Vm9-", // not an id
	} {
		if got := salesforceID18(in); got != want {
			t.Errorf("salesforceID18(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShortDigitsAreNotEpochs(t *testing.T) {
	t.Parallel()
	tr := timeReader{loc: time.UTC}
	for _, s := range []string{"2025", "20250102", "12345678901"} {
		if _, err := tr.read(s); !errors.Is(err, activity.ErrInvalidTime) {
			t.Errorf("read(%q) error = %v, want ErrInvalidTime, not an instant of 1970", s, err)
		}
	}
	if w, err := tr.read("1743447900000"); err != nil || !w.at.Equal(time.Date(2025, 3, 31, 19, 5, 0, 0, time.UTC)) {
		t.Errorf("read(epoch ms) = %v, %v", w.at, err)
	}
}

func TestJoinSizes(t *testing.T) {
	ss := []activity.Streams{
		{Sizes: activity.Sizes{Deals: 10, Activities: 50}},
		{Sizes: activity.Sizes{Deals: 5, StageChanges: 7}},
		{},
	}
	// 10 + 5 deals, 0 + 7 stage changes, 50 + 0 activities.
	if got, want := Join(ss...).Sizes, (activity.Sizes{Deals: 15, StageChanges: 7, Activities: 50}); got != want {
		t.Errorf("Join sizes = %+v, want %+v", got, want)
	}
	big := []activity.Streams{{Sizes: activity.Sizes{Deals: math.MaxInt - 1, Activities: -3}}, {Sizes: activity.Sizes{Deals: 2, Activities: 4}}}
	if got, want := Join(big...).Sizes, (activity.Sizes{Deals: math.MaxInt, Activities: -3}); got != want {
		t.Errorf("Join sizes = %+v, want %+v (saturated, negative kept)", got, want)
	}
}

// TestFieldNames checks that the reader's field numbers name exactly the
// fields the layouts of every table may map.
func TestFieldNames(t *testing.T) {
	seen := map[string]bool{}
	for table, names := range fields {
		for _, n := range names {
			f, ok := fieldOf[n]
			if !ok || f.String() != n {
				t.Errorf("table %s field %q: fieldOf = %v, %v", table, n, f, ok)
			}
			seen[n] = true
		}
	}
	for _, n := range fieldNames {
		if !seen[n] {
			t.Errorf("field %q is in no table", n)
		}
	}
	if got := numFields.String(); got != "field?" {
		t.Errorf("numFields.String() = %q", got)
	}
}

// TestTrim checks the cell trimming's shortcut against strings.TrimSpace,
// on cells with and without spaces at either end, ASCII and not.
func TestTrim(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "\ta\n", "a b", "\u00a0a", "a\u00a0", "\u2003", "é", " é ", "x\u3000"} {
		if got, want := trim(s), strings.TrimSpace(s); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
	}
}
