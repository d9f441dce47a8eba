package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func FuzzDecodeDeal(f *testing.F) {
	f.Add([]byte(`{"id":"D-1","owner":"ann","amount":"10.50","currency":"USD","stage":"demo","status":"open","created_at":"2024-01-05"}`))
	f.Add([]byte(`{"id":"D-2","owner":"b","amount":1e3,"currency":"JPY","stage":"closed_won","status":"won","created_at":1704448800000,"closed_at":"2024-02-01T00:00:00.000+0000","probability":"1"}`))
	f.Add([]byte(`{"probability":null,"acv":"","term_months":"","expected_close_at":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Deal
		if err := json.Unmarshal(data, &d); err != nil {
			return
		}
		if d.Validate() != nil {
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal(valid deal) = %v", err)
		}
		var back Deal
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("Unmarshal(Marshal(d)) = %v\n%s", err, out)
		}
		if diff := cmp.Diff(d, back, decimalEqual, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

func FuzzDecodeActivity(f *testing.F) {
	f.Add([]byte(`{"id":"a","rep":"ann","kind":"call","at":"2024-01-05T10:00:00Z","duration_seconds":90.5}`))
	f.Add([]byte(`{"duration_seconds":"12","at":1704448800000}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Activity
		if err := json.Unmarshal(data, &a); err != nil {
			return
		}
		if a.Validate() != nil {
			return
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("Marshal(valid activity) = %v", err)
		}
		var back Activity
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("Unmarshal(Marshal(a)) = %v\n%s", err, out)
		}
		if !back.At.Equal(a.At) || back.ID != a.ID || back.Kind != a.Kind {
			t.Fatalf("round trip %+v -> %+v", a, back)
		}
	})
}

// fuzzRecords makes a small company from fuzz bytes: few ids, stages and
// times, so that duplicates, unknown links and disorder are common.
func fuzzRecords(data []byte) Records {
	i := 0
	next := func() int {
		if i >= len(data) {
			return 0
		}
		i++
		return int(data[i-1])
	}
	t := func() time.Time {
		v := next()
		if v == 255 {
			return time.Time{}
		}
		return jan1.Add(time.Duration(v) * oneDay)
	}
	stages := []Stage{StageProspecting, StageDemo, StageClosedWon, StageClosedLost, "odd", ""}
	var r Records
	for range next() % 4 {
		rep := Rep{ID: fmt.Sprintf("r%d", next()%4)}
		for range next() % 3 {
			rep.Assignments = append(rep.Assignments, Assignment{From: t(), Until: t(), Team: fmt.Sprintf("t%d", next()%3)})
		}
		r.Reps = append(r.Reps, rep)
	}
	for range next() % 8 {
		d := Deal{
			ID: fmt.Sprintf("D%d", next()%6), Owner: fmt.Sprintf("r%d", next()%5),
			Amount: decimal.New(int64(next())-20, -int32(next()%4)), Currency: Currency([]string{"USD", "EUR", "usd"}[next()%3]),
			Stage: stages[next()%len(stages)], Status: Status(next() % 5), CreatedAt: t(), ClosedAt: t(),
		}
		if next()%2 == 0 {
			d.Probability = Some(decimal.New(int64(next()), -2))
		}
		r.Deals = append(r.Deals, d)
	}
	for range next() % 8 {
		r.StageChanges = append(r.StageChanges, StageChange{Deal: fmt.Sprintf("D%d", next()%7), From: stages[next()%len(stages)], To: stages[next()%len(stages)], At: t()})
	}
	for range next() % 8 {
		r.Activities = append(r.Activities, Activity{ID: fmt.Sprintf("a%d", next()%6), Rep: fmt.Sprintf("r%d", next()%5), Kind: []Kind{KindCall, KindEmail, ""}[next()%3], At: t(), Deal: []string{"", "D1", "D2", "D9"}[next()%4]})
	}
	// Leads, and the activities touching them (read last, so that the
	// corpora of the records above keep their meaning).
	for range next() % 6 {
		l := Lead{ID: fmt.Sprintf("L%d", next()%5), Owner: []string{"", "r1", "r7"}[next()%3], Status: LeadStatus(next() % 6), CreatedAt: t(),
			WorkingAt: t(), QualifiedAt: t(), DisqualifiedAt: t(), ConvertedAt: t(), Deal: []string{"", "D1", "D2", "D9"}[next()%4]}
		if next()%2 == 0 {
			l.DisqualifyReason = "spam"
		}
		r.Leads = append(r.Leads, l)
	}
	for i := range r.Activities {
		if next()%3 == 1 {
			r.Activities[i].Lead = fmt.Sprintf("L%d", next()%6)
		}
	}
	// Account records, some with a territory history.
	for range next() % 4 {
		a := Account{ID: []string{"", "acme", "globex", "acme"}[next()%4], Territory: []string{"", "n", "s"}[next()%3]}
		for range next() % 3 {
			a.Territories = append(a.Territories, AccountTerritory{From: t(), Until: t(), Territory: []string{"", "n", "e"}[next()%3]})
		}
		r.Accounts = append(r.Accounts, a)
	}
	return r
}

func FuzzNewIndex(f *testing.F) {
	f.Add([]byte{3, 1, 2, 5, 10, 1, 6, 0, 1, 200, 1, 0, 2, 2, 10, 40, 1, 3, 2, 5, 20, 1, 1, 0, 2, 0, 3})
	f.Add([]byte{0, 7, 1, 1, 120, 2, 0, 2, 2, 10, 20, 0, 1, 5, 1, 0, 0, 10, 255, 3, 1, 1, 2, 30, 4, 1, 2, 0, 50, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := fuzzRecords(data)
		for _, funnel := range []Funnel{{}, TypicalB2B()} {
			rule := TerritoryRule(len(data) % 2)
			strict, err := NewIndex(r, IndexOptions{Funnel: funnel, Territory: rule})
			lax, laxErr := NewIndex(r, IndexOptions{Funnel: funnel, SkipInvalid: true, Territory: rule})
			if laxErr != nil {
				t.Fatalf("SkipInvalid build failed: %v", laxErr)
			}
			if (err == nil) != (len(lax.Skipped()) == 0) || (err == nil) != (strict != nil) {
				t.Fatalf("strict error %v but %d skipped", err, len(lax.Skipped()))
			}
			// Every record is either in the index or reported.
			bad := map[string]map[int]bool{}
			for _, e := range lax.Skipped() {
				var re *RecordError
				if !errors.As(e, &re) {
					t.Fatalf("skipped problem %v is not a RecordError", e)
				}
				if bad[re.Record] == nil {
					bad[re.Record] = map[int]bool{}
				}
				bad[re.Record][re.Index] = true
			}
			if got := lax.cols.Deals.ID.Len() + len(bad["deal"]); got != len(r.Deals) {
				t.Fatalf("deals kept %d + reported %d != %d", lax.cols.Deals.ID.Len(), len(bad["deal"]), len(r.Deals))
			}
			if got := len(lax.AccountRecords()) + len(bad["account"]); got != len(r.Accounts) {
				t.Fatalf("accounts kept %d + reported %d != %d", len(lax.AccountRecords()), len(bad["account"]), len(r.Accounts))
			}
			if got := len(lax.Leads()) + len(bad["lead"]); got != len(r.Leads) {
				t.Fatalf("leads kept %d + reported %d != %d", len(lax.Leads()), len(bad["lead"]), len(r.Leads))
			}
			for i, l := range lax.Leads() {
				if err := l.Validate(); err != nil {
					t.Fatalf("kept lead %d invalid: %v", i, err)
				}
				if row, ok := lax.LeadRow(l.ID); !ok || row != i {
					t.Fatalf("lead %q at %d, LeadRow says %d, %v", l.ID, i, row, ok)
				}
			}
			if got := lax.cols.Activities.ID.Len() + len(bad["activity"]); got != len(r.Activities) {
				t.Fatalf("activities kept %d + reported %d != %d", lax.cols.Activities.ID.Len(), len(bad["activity"]), len(r.Activities))
			}
			// A change from no stage into the stage the deal is already in
			// is left out unreported (an export's row for another field), so
			// only those may be missing.
			fromNowhere := 0
			for i, c := range r.StageChanges {
				if c.From == "" && c.To != "" && !bad["stage change"][i] {
					fromNowhere++
				}
			}
			kept, reported := len(lax.cols.StageChanges.Deal), len(bad["stage change"])
			if missing := len(r.StageChanges) - kept - reported; missing < 0 || missing > fromNowhere {
				t.Fatalf("changes kept %d + reported %d of %d, %d from no stage", kept, reported, len(r.StageChanges), fromNowhere)
			}
			for i := range lax.cols.Deals.ID.Len() {
				if err := lax.Deal(i).Validate(); err != nil {
					t.Fatalf("kept deal %d invalid: %v", i, err)
				}
			}
			sc := &lax.cols.StageChanges
			for d := range lax.cols.Deals.ID.Len() {
				for k := sc.DealStart[d]; k < sc.DealEnd[d]; k++ {
					if sc.Deal[k] != int32(d) || (k > sc.DealStart[d] && sc.At[k] < sc.At[k-1]) {
						t.Fatalf("stage history of deal %d out of order", d)
					}
				}
			}
		}
	})
}

// FuzzUpdate applies a batch made from the second half of the bytes to an
// index built from the first: no panic; a strict update that fails leaves
// the index as it was; a skipping one applies or reports every record of
// the batch; and either way each deal's history stays in time order and
// its activity list holds exactly the activities that name it, in row
// order.
func FuzzUpdate(f *testing.F) {
	f.Add([]byte{3, 1, 2, 5, 10, 1, 6, 0, 1, 200, 1, 0, 2, 2, 10, 40, 1, 3, 2, 5, 20, 1, 1, 0, 2, 0, 3}, []byte{0, 2, 1, 1, 0, 2, 0, 2, 2, 10, 30, 0, 1, 2, 1, 2, 1, 40, 3, 1, 1, 2, 30, 4, 1, 2, 0, 50, 1})
	f.Add([]byte{0, 7, 1, 1, 120, 2, 0, 2, 2, 10, 20, 0, 1, 5, 1, 0, 0, 10, 255, 3, 1, 1, 2, 30, 4, 1, 2, 0, 50, 1}, []byte{1, 2, 0, 3, 1, 3, 20, 1, 0, 2, 2, 40, 50, 2, 2, 1, 2, 0, 60, 2, 1, 3, 0, 70, 1})
	f.Fuzz(func(t *testing.T, baseData, batchData []byte) {
		base, batch := fuzzRecords(baseData), fuzzRecords(batchData)
		for _, funnel := range []Funnel{{}, TypicalB2B()} {
			for _, skip := range []bool{false, true} {
				ix, err := NewIndex(base, IndexOptions{Funnel: funnel, SkipInvalid: true})
				if err != nil {
					t.Fatalf("SkipInvalid build failed: %v", err)
				}
				ix.opts.SkipInvalid = skip
				before := fuzzDump(ix)
				skipped, err := ix.Update(batch)
				switch {
				case err != nil && (skip || skipped != nil):
					t.Fatalf("skip %v: error %v with %d skipped", skip, err, len(skipped))
				case err != nil:
					if diff := cmp.Diff(before, fuzzDump(ix), decimalEqual); diff != "" {
						t.Fatalf("a failed update changed the index (-before +after):\n%s", diff)
					}
				case !skip && len(skipped) > 0:
					t.Fatalf("strict update skipped %v", skipped)
				}
				fuzzCheckLayout(t, ix)
			}
		}
	})
}

// fuzzDump is everything an index shows, for comparing one with itself.
func fuzzDump(ix *Index) []any {
	var out []any
	for i := range ix.NumDeals() {
		out = append(out, ix.Deal(i), HistoryOf(ix, i), slices.Clone(ActivityRowsOf(ix, i)))
	}
	for i := range ix.NumActivities() {
		out = append(out, ix.Activity(i))
	}
	return append(out, ix.NumStageChanges(), slices.Clone(ix.Quotas()), ix.Reps().Names(), ix.Stages().Names())
}

// fuzzCheckLayout checks each deal's history and activity list.
func fuzzCheckLayout(t *testing.T, ix *Index) {
	t.Helper()
	sc, a := &ix.cols.StageChanges, &ix.cols.Activities
	changes := 0
	for d := range ix.cols.Deals.ID.Len() {
		lo, hi := sc.Of(int32(d))
		changes += int(hi - lo)
		for k := lo; k < hi; k++ {
			if sc.Deal[k] != int32(d) || (k > lo && sc.At[k] < sc.At[k-1]) {
				t.Fatalf("stage history of deal %d out of order", d)
			}
		}
		list := a.OfDeal(int32(d))
		var want []int32
		for row, deal := range a.Deal {
			if deal == int32(d) {
				want = append(want, int32(row))
			}
		}
		if !slices.Equal(list, want) {
			t.Fatalf("deal %d lists activities %v, want %v", d, list, want)
		}
	}
	if changes != ix.NumStageChanges() {
		t.Fatalf("%d changes in the deals' ranges, NumStageChanges %d", changes, ix.NumStageChanges())
	}
}

// FuzzParseTime checks ParseTime's fast path for "2024-01-05T10:00:00Z"
// against the general reading: the same time (location included) or an
// error both ways.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2024-01-05T10:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
		"2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-01T24:00:00Z",
		"2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:01Z",
		"0000-03-01T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2024-01-05t10:00:00Z",
		"2024-01-05T10:00:00z", "2024-1-05T10:00:00ZZ", "+024-01-05T10:00:00Z", "2024-01-05T10:00:0xZ",
		"2024-01-05T10:00:00.5Z", "2024-01-05T10:00:00+01:00", "1704448800000", "2024-01-05", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime(s)
		want, werr := parseTime(s)
		gz, goff := got.Zone()
		wz, woff := want.Zone()
		if (err == nil) != (werr == nil) || !got.Equal(want) || gz != wz || goff != woff || (got.Location() == time.UTC) != (want.Location() == time.UTC) {
			t.Fatalf("ParseTime(%q) = %v (%v), %v; the general reading gives %v (%v), %v", s, got, got.Location(), err, want, want.Location(), werr)
		}
	})
}
