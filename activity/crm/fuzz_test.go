package crm

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// crmSentinels are the errors a reader's problems may wrap.
var crmSentinels = []error{
	ErrNoLayout, ErrInvalidLayout, ErrInvalidValue, ErrMissingColumn, ErrRead, ErrWrongTable, ErrReadOrder, ErrDateOrder,
	activity.ErrInvalidAmount, activity.ErrInvalidTime, activity.ErrMissingField, activity.ErrMissingID,
	activity.ErrNegativeAmount, activity.ErrInvalidCurrency, activity.ErrProbabilityRange, activity.ErrTimeOrder,
	activity.ErrZeroTime, activity.ErrNoCloseTime, activity.ErrOpenWithCloseTime, activity.ErrInvalidRate,
	activity.ErrInvalidQuota, activity.ErrOverlap, activity.ErrRampRange, activity.ErrInvalidPeriod,
	activity.ErrInvalidStatus, activity.ErrInvalidForecastCategory,
}

func wrapsSentinel(err error) bool {
	return slices.ContainsFunc(crmSentinels, func(s error) bool { return errors.Is(err, s) })
}

// FuzzReader reads arbitrary bytes as an export under every built-in
// layout and under detection, with and without skipping: no input panics;
// every error wraps a sentinel; with skipping the reader never stops on a
// bad row (only on a CSV syntax error); every record yielded validates on
// its own.
func FuzzReader(f *testing.F) {
	f.Add([]byte(sfReport))
	f.Add([]byte("Record ID,Deal Name,Pipeline,Deal Stage,Amount,Currency,Close Date,Create Date,Deal owner,\"Date entered \"\"Closed Won (Sales Pipeline)\"\"\"\n" +
		"1,a,Sales Pipeline,closedwon,5,USD,2025-01-02,2025-01-01 10:00,ann,2025-01-02 09:00\n"))
	f.Add([]byte("Id,OpportunityId,StageName,CreatedDate\n1,0061,Prospecting,2025-01-05T15:00:00.000Z\n1,0061,Prospecting,2025-01-06T15:00:00.000Z\n"))
	f.Add([]byte("Rep,Team,Hire Date,From,Until\nann,East,2024-01-01,2024-01-01,2025-01-01\nann,West,,2025-01-01,\n"))
	f.Add([]byte("Rep,Start,End,Quota\nann,2025-01-01,2025-03-31,\"1.000,5\"\n"))
	f.Add([]byte("From,To,Date,Rate\nEUR,USD,2025-01-01,1.1\n"))
	f.Add([]byte("Record ID,Activity date,Activity assigned to,Call outcome,Call duration\n1,2025-01-01 10:00,ann,Connected,1:00:00\n"))
	f.Add([]byte("\ufeffa;b;c\n1;2;3\n"))
	layouts := append([]*Layout{nil}, Layouts()...)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range layouts {
			for _, skip := range []bool{false, true} {
				// Half the inputs are read ahead (TestReadAhead checks it
				// changes nothing).
				r, err := NewReader(CSV(bytes.NewReader(data)), Options{Layout: l, SkipInvalid: skip, Currency: "USD", Location: time.UTC, ReadAhead: len(data)%2 == 1})
				if err != nil {
					if !wrapsSentinel(err) {
						t.Fatalf("NewReader error %v wraps no sentinel", err)
					}
					continue
				}
				check := func(what string, err error) {
					if err != nil {
						t.Fatalf("%s yielded a record that does not validate: %v", what, err)
					}
				}
				if r.Layout() == nil || (l != nil && r.Layout() != l) || r.Layout().Table != r.Table() {
					t.Fatalf("Layout() = %v, read with %v, table %v", r.Layout(), l, r.Table())
				}
				_ = r.Header()
				all, needed := Fields(r.Table())
				for _, f := range needed {
					if !slices.Contains(all, f) {
						t.Fatalf("Fields(%v): needed %q is not among %q", r.Table(), f, all)
					}
				}
				fuzzEnumText(t, r.Table(), data[:min(len(data), 16)])
				yielded := map[string]int{} // records yielded, by the name Line and Yielded take
				switch r.Table() {
				case Deals:
					s := Join(r.Streams()) // one export joined is itself
					for d := range s.Deals {
						check("Deals", d.Validate())
						yielded["deal"]++
					}
					for c := range s.StageChanges {
						check("StageChanges", c.Validate())
						yielded["stage change"]++
					}
				case StageChanges:
					for c := range r.StageChanges() {
						check("StageChanges", c.Validate())
						yielded["stage change"]++
					}
				case Activities:
					for a := range r.Activities() {
						check("Activities", a.Validate())
						yielded["activity"]++
					}
				case Reps:
					for p := range r.Reps() {
						if err := p.Validate(); err != nil && !errors.Is(err, activity.ErrOverlap) {
							check("Reps", err) // runs of rows may overlap: the index reports that
						}
						yielded["rep"]++
					}
				case Quotas:
					for q := range r.Quotas() {
						check("Quotas", q.Validate())
						yielded["quota"]++
					}
				case Rates:
					for x := range r.Rates() {
						if x.Rate.Sign() <= 0 || x.From.Validate() != nil || x.To.Validate() != nil || x.On.IsZero() {
							t.Fatalf("Rates yielded %v", x)
						}
					}
				}
				if err := r.Err(); err != nil {
					if !wrapsSentinel(err) {
						t.Fatalf("Err %v wraps no sentinel", err)
					}
					if skip && !errors.Is(err, ErrRead) && !errors.Is(err, ErrDateOrder) {
						t.Fatalf("skipping, reading stopped on %v", err)
					}
				}
				fuzzRender(t, "Layout", r.Layout())
				for _, e := range r.Skipped() {
					fuzzRender(t, "RowError", e)
					var re *RowError
					if !wrapsSentinel(e) || !errors.As(e, &re) || re.Line < 2 || re.Error() == "" {
						t.Fatalf("skipped %v: want a RowError past the header wrapping a sentinel", e)
					}
				}
				if r.Rows() < 0 {
					t.Fatalf("Rows() = %d", r.Rows())
				}
				// Line maps each record yielded to a line past the header,
				// in file order, and no record past the last.
				for _, kind := range []string{"deal", "stage change", "activity", "rep", "quota"} {
					n := r.Yielded(kind)
					if n != yielded[kind] {
						t.Fatalf("Yielded(%q) = %d, the reader yielded %d", kind, n, yielded[kind])
					}
					prev := 0
					for i := range n {
						line, ok := r.Line(kind, i)
						if !ok || line < 2 || line < prev {
							t.Fatalf("Line(%q, %d) = %d, %v after line %d", kind, i, line, ok, prev)
						}
						prev = line
					}
					if line, ok := r.Line(kind, n); ok {
						t.Fatalf("Line(%q, %d) = %d past the %d yielded", kind, n, line, n)
					}
				}
			}
		}
	})
}

// FuzzParseLayout reads arbitrary JSON as a layout: no panic; an error
// wraps ErrInvalidLayout; a layout that parses validates and reads a
// header of its own columns.
func FuzzParseLayout(f *testing.F) {
	f.Add([]byte(`{"name": "x", "extends": "salesforce-opportunities-report", "stages": [{"values": ["A"], "status": "won"}]}`))
	f.Add([]byte(`{"name": "x", "table": "rates", "columns": {"from": "A", "to": "B", "on": "C", "rate": "D"}, "dates": ["D.M.YYYY"]}`))
	f.Add([]byte(`{"name": "x", "extends": "hubspot-deals", "stage_entered": ["In {stage}", "Into {stage} of {pipeline}"], "time_zone": "Europe/Paris"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzEnumText(t, Table(len(data)%16), data[:min(len(data), 16)]) // tables in and out of the set
		l, err := ParseLayout(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidLayout) {
				t.Fatalf("ParseLayout error %v does not wrap ErrInvalidLayout", err)
			}
			return
		}
		if err := l.Validate(); err != nil {
			t.Fatalf("a parsed layout does not validate: %v", err)
		}
		_ = l.Funnel()
		var header []string
		for _, names := range l.Columns {
			header = append(header, names[0])
		}
		for _, s := range l.Signature {
			if len(s) > 0 {
				header = append(header, s[0])
			}
		}
		text := strings.Join(header, "\t") + "\n"
		r, err := NewReader(CSV(strings.NewReader(text)), Options{Layout: l})
		if err != nil && !wrapsSentinel(err) {
			t.Fatalf("NewReader over its own header: %v", err)
		}
		_ = r
	})
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, crmSentinels)
}

// FuzzReadDecimal checks readDecimal's fast path for plain numbers against
// the general reading: the same coefficient and exponent (trailing zeros
// included) and currency, or an error both ways.
func FuzzReadDecimal(f *testing.F) {
	for _, s := range []string{
		"8409.68", "-8409.68", "0.00", "-0", "007.50", "12.", ".5", "-", "", "1.2.3", "1,234.50", "1234,50",
		"123456789012345678", "1234567890123456789", "99999999999999999.9", " 12", "12 ", "+12", "--1",
		"USD 12", "(12)", "1e3", "١٢",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, comma bool) {
		got, gcur, err := readDecimal(s, comma)
		want, wcur, werr := readDecimalText(s, comma)
		if (err == nil) != (werr == nil) || gcur != wcur || got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Fatalf("readDecimal(%q, %v) = %v (exp %d), %q, %v; the general reading gives %v (exp %d), %q, %v",
				s, comma, got, got.Exponent(), gcur, err, want, want.Exponent(), wcur, werr)
		}
	})
}

// FuzzCSVReader holds CSVReader to encoding/csv's Reader under the
// settings CSV documents: the same rows, errors and field positions, with
// the separators CSV chooses and buffers small enough that lines run past
// them.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n", "a,b\r\n1,2\r\n", "a,\"b,c\",d\n", "\"a\"\"b\",c\n", "\"multi\nline\",x\ny,z\n",
		"\"open quote to the end", "a,b\"c,d\n", "\"a\"b,c\n", "\n\n\na\n\n", "a\r", "a\rb,c\n", "\"\",\"\"\n",
		"x;y;\"z;w\"\n", "x\ty\t\"z\"\n", "a,\"b\"\r\n\"c\nd\"\r\n", strings.Repeat("long,", 20) + "end\n",
		"\"" + strings.Repeat("q", 40) + "\n" + strings.Repeat("r", 40) + "\",s\n", "a,b,\n,,\n", ",\n", "\"\n",
		"a,\"b\n", "é,\"ü\"\"\",ß\n", "a\"\"b,\"c\"\"\"\n", "\"a\"\r\n", "\"a\"\r",
	} {
		f.Add([]byte(s), byte(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, sep byte) {
		comma := []byte{',', ';', '\t'}[int(sep)%3]
		// Buffers of 16 bytes put lines across them; larger ones hold
		// blocks of several lines, cut from one string.
		for _, size := range []int{16, 64, 4096} {
			ours := &CSVReader{br: bufio.NewReaderSize(bytes.NewReader(data), size), comma: comma}
			theirs := csv.NewReader(bufio.NewReaderSize(bytes.NewReader(data), 16))
			theirs.Comma, theirs.LazyQuotes, theirs.FieldsPerRecord, theirs.ReuseRecord = rune(comma), true, -1, true
			for n := 0; ; n++ {
				got, gerr := ours.Read()
				want, werr := theirs.Read()
				if !slices.Equal(got, want) || (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
					t.Fatalf("buffer %d, row %d: %q, %v; encoding/csv: %q, %v", size, n, got, gerr, want, werr)
				}
				for i := range got {
					gl, gc := ours.FieldPos(i)
					wl, wc := theirs.FieldPos(i)
					if gl != wl || gc != wc {
						t.Fatalf("buffer %d, row %d field %d at %d:%d; encoding/csv: %d:%d", size, n, i, gl, gc, wl, wc)
					}
				}
				if gerr != nil {
					break
				}
			}
		}
	})
}
