package activity

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// TestRecordsDecodeErrors: every record that does not decode is reported
// with its list, position, id and field, and the others still decode.
func TestRecordsDecodeErrors(t *testing.T) {
	t.Parallel()
	in := `{
	"deals": [
		{"id":"D-0","owner":"ann","amount":"100","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"},
		{"id":"D-1","owner":"ann","amount":"NaN","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"},
		{"id":"D-2","owner":"ann","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"},
		{"id":"D-3","owner":"ann","amount":null,"currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"},
		{"id":"D-4","owner":"ann","amount":"","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"},
		{"id":"D-5","owner":"ann","amount":"7","currency":"USD","stage":"demo","status":"open","created_at":"1/5/2025"},
		{"id":"D-6","owner":"ann","amount":"7","currency":"USD","stage":"demo","status":"pending","created_at":"2025-01-05"},
		{"id":"D-7","owner":"ann","amount":"7","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05","acv":"lots"},
		{"id":8,"owner":"ann","amount":"7"},
		{"id":"D-9","owner":"ann","amount":true}
	],
	"stage_changes": [{"deal":"D-0","to":"demo","at":"yesterday"}],
	"activities": [
		{"id":"a1","rep":"ann","kind":"call","at":"2025-01-06T10:00:00Z"},
		{"id":"a2","rep":"ann","kind":"call","at":"2025-01-06T10:00:00Z","duration_seconds":"long"}
	],
	"reps": [{"id":"ann","hired_at":"2025-13-01"}],
	"quotas": [{"rep":"ann","amount":"x"}]
}`
	var r Records
	err := json.Unmarshal([]byte(in), &r)
	type problem struct {
		Record, ID, Field string
		Index             int
	}
	var got []problem
	var wrapped []error
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var re *RecordError
		if !errors.As(e, &re) {
			t.Fatalf("%v is not a *RecordError", e)
		}
		if !errors.Is(e, ErrDecode) {
			t.Errorf("%v does not wrap ErrDecode", e)
		}
		got = append(got, problem{re.Record, re.ID, re.Field, re.Index})
		wrapped = append(wrapped, e)
	}
	want := []problem{
		{"deal", "D-1", "amount", 1},
		{"deal", "D-2", "amount", 2},
		{"deal", "D-3", "amount", 3},
		{"deal", "D-4", "amount", 4},
		{"deal", "D-5", "created_at", 5},
		{"deal", "D-6", "status", 6},
		{"deal", "D-7", "acv", 7},
		{"deal", "", "id", 8},
		{"deal", "D-9", "amount", 9},
		{"stage change", "D-0", "at", 0},
		{"activity", "a2", "duration_seconds", 1},
		{"rep", "ann", "hired_at", 0},
		{"quota", "ann", "amount", 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	for i, sentinel := range map[int]error{1: ErrInvalidAmount, 2: ErrMissingField, 3: ErrMissingField, 4: ErrMissingField, 5: ErrInvalidTime} {
		if !errors.Is(wrapped[i-1], sentinel) {
			t.Errorf("%v does not wrap %v", wrapped[i-1], sentinel)
		}
	}
	// The records that decoded are kept, in order.
	if len(r.Deals) != 1 || r.Deals[0].ID != "D-0" || len(r.Activities) != 1 || len(r.StageChanges) != 0 || len(r.Reps) != 0 {
		t.Errorf("kept %d deals, %d activities, %d changes, %d reps", len(r.Deals), len(r.Activities), len(r.StageChanges), len(r.Reps))
	}
	// A document that is not an object of lists fails as encoding/json says.
	if err := json.Unmarshal([]byte(`{"deals": {}}`), &r); err == nil {
		t.Errorf("deals as an object decoded")
	}
	// A clean document decodes without error.
	if err := json.Unmarshal([]byte(`{"deals":[{"id":"D","owner":"ann","amount":0,"currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05"}]}`), &r); err != nil || len(r.Deals) != 1 {
		t.Errorf("clean document: %v, %d deals", err, len(r.Deals))
	}
}

// FuzzRecordsJSON decodes arbitrary documents as Records: no panic; every
// record problem is a *RecordError wrapping ErrDecode; records that decode
// and make a valid index write back to JSON that decodes to the same
// records.
func FuzzRecordsJSON(f *testing.F) {
	f.Add([]byte(`{"deals":[{"id":"D","owner":"a","amount":"1.5","currency":"USD","stage":"demo","status":"open","created_at":"2025-01-05","closed_at":"2025-02-01"}]}`))
	f.Add([]byte(`{"deals":[{"id":"D","amount":null}],"activities":[{"id":"x","at":1704448800000,"duration_seconds":"90"}]}`))
	f.Add([]byte(`{"reps":[{"id":"r","assignments":[{"from":"2025-01-01","team":"t"}]}],"quotas":[{"rep":"r","amount":"5"}]}`))
	f.Add([]byte(`{"stage_changes":[{"deal":"D","to":"x","at":"2025-01-01T00:00:00.5+0000"}]}`))
	f.Add([]byte(`{"leads":[{"id":"L","status":"Qualified","created_at":"2025-01-01","qualified_at":"2025-01-03"},{"id":"M","status":"odd"}],"activities":[{"id":"x","rep":"r","kind":"call","at":"2025-01-02","lead":"L"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var r Records
		err := json.Unmarshal(b, &r)
		if err != nil {
			if joined, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range joined.Unwrap() {
					var re *RecordError
					if !errors.As(e, &re) || !errors.Is(e, ErrDecode) {
						t.Fatalf("problem %v is not a *RecordError wrapping ErrDecode", e)
					}
				}
			}
		}
		if _, err := NewIndex(r, IndexOptions{}); err != nil {
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", r, err)
		}
		var back Records
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("decoding what was written, %s: %v", out, err)
		}
		again, _ := json.Marshal(back)
		if string(again) != string(out) {
			t.Fatalf("round trip changed the records:\n%s\n%s", out, again)
		}
	})
}

func TestDecodeAmount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want string
		err  error
	}{
		{`"1250.50"`, "1250.5", nil},
		{`1250.5`, "1250.5", nil},
		{`0`, "0", nil},
		{`"-3"`, "-3", nil},
		{``, "", ErrMissingField},
		{`null`, "", ErrMissingField},
		{`""`, "", ErrMissingField},
		{` "" `, "", ErrMissingField},
		{`"NaN"`, "", ErrInvalidAmount},
		{`"12,50"`, "", ErrInvalidAmount},
		{`true`, "", ErrInvalidAmount},
		// MaxAmountText is 128 bytes: "1." and 124 zeros in quotes are 128,
		// one more zero is 129 and refused before parsing.
		{`"1.` + strings.Repeat("0", 124) + `"`, "1", nil},
		{`"1.` + strings.Repeat("0", 125) + `"`, "", ErrInvalidAmount},
		{`"` + strings.Repeat("9", 1<<20) + `"`, "", ErrInvalidAmount},
	} {
		got, err := DecodeAmount([]byte(tc.in))
		switch {
		case tc.err != nil && !errors.Is(err, tc.err):
			t.Errorf("DecodeAmount(%s) error = %v, want %v", tc.in, err, tc.err)
		case tc.err == nil && (err != nil || got.String() != tc.want):
			t.Errorf("DecodeAmount(%s) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

// TestLongAmountText: an optional amount longer than MaxAmountText is an
// error wrapping ErrInvalidAmount that quotes only its start, and a record
// with one reports the field.
func TestLongAmountText(t *testing.T) {
	t.Parallel()
	long := `"` + strings.Repeat("9", 1<<20) + `"`
	var o Optional[decimal.Decimal]
	err := json.Unmarshal([]byte(long), &o)
	if !errors.Is(err, ErrInvalidAmount) || len(err.Error()) > 200 {
		t.Errorf("Optional decimal of 1 MiB: error %.300v, want ErrInvalidAmount in under 200 bytes", err)
	}
	var r Records
	err = json.Unmarshal([]byte(`{"deals":[{"id":"d1","amount":"10","acv":`+long+`}]}`), &r)
	var re *RecordError
	if !errors.Is(err, ErrInvalidAmount) || !errors.As(err, &re) || re.Field != "acv" || re.ID != "d1" {
		t.Errorf("deal with a 1 MiB acv: error %.300v, want a RecordError of deal d1's acv wrapping ErrInvalidAmount", err)
	}
	if err := json.Unmarshal([]byte(`"12.50"`), &o); err != nil || !o.Valid || o.Value.String() != "12.5" {
		t.Errorf("Optional decimal \"12.50\" = %v, %v; want 12.5", o, err)
	}
}

// TestYearOneIsNotAbsent: a time written as the first instant of year 1 is
// an error, not "no time".
func TestYearOneIsNotAbsent(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0001-01-01T00:00:00+00:00", "0001-01-01", "-62135596800000", "0001-01-01T00:00:00.000Z"} {
		if _, err := ParseTime(s); !errors.Is(err, ErrInvalidTime) {
			t.Errorf("ParseTime(%q) = %v, want ErrInvalidTime", s, err)
		}
	}
	if tm, err := ParseTime("0001-01-01T00:00:01Z"); err != nil || tm.IsZero() {
		t.Errorf("a second later = %v, %v", tm, err)
	}
	for _, s := range []string{"", "0001-01-01T00:00:00Z"} { // absent, and Go's own zero time
		if tm, err := ParseTime(s); err != nil || !tm.IsZero() {
			t.Errorf("ParseTime(%q) = %v, %v; want the zero time", s, tm, err)
		}
	}
}
