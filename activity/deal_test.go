package activity

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func TestParseTime(t *testing.T) {
	t.Parallel()
	// Expected instants worked by hand: 1704448800000 ms = 2024-01-05 10:00 UTC
	// (19727 days × 86400 s + 36000 s = 1704448800 s).
	want := time.Date(2024, 1, 5, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2024-01-05T10:00:00Z", want},
		{"2024-01-05T05:00:00-05:00", want},
		{"2024-01-05T10:00:00.000+0000", want},
		{"2024-01-05T11:00:00.5+0100", want.Add(500 * time.Millisecond)},
		{"1704448800000", want},
		{"2024-01-05", time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)},
		{"", time.Time{}},
	} {
		got, err := ParseTime(tc.in)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseTime(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"2024-01-05T10:00:00", "05/01/2024", "-", "yesterday", "99999999999999999999"} {
		if _, err := ParseTime(bad); !errors.Is(err, ErrInvalidTime) {
			t.Errorf("ParseTime(%q) error = %v, want ErrInvalidTime", bad, err)
		}
	}
}

func TestDealJSON(t *testing.T) {
	t.Parallel()
	in := `{"id":"D-1","owner":"ann","amount":1250.50,"currency":"USD","stage":"proposal",
		"status":"open","created_at":"2024-01-05","expected_close_at":1706745600000,
		"closed_at":null,"probability":"","acv":"1000.10","term_months":12,
		"forecast_category":"Best Case","attributes":{"region":"emea"}}`
	var d Deal
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	want := Deal{
		ID: "D-1", Owner: "ann", Amount: decimal.RequireFromString("1250.50"), Currency: "USD",
		Stage: StageProposal, Status: StatusOpen,
		CreatedAt: time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC),
		// 1706745600000 ms = 2024-02-01 00:00 UTC (19754 days × 86400 s).
		ExpectedCloseAt:  time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		ACV:              Some(decimal.RequireFromString("1000.10")),
		TermMonths:       Some(12),
		ForecastCategory: ForecastBestCase,
		Attributes:       map[string]string{"region": "emea"},
	}
	if diff := cmp.Diff(want, d, decimalEqual); diff != "" {
		t.Errorf("decoded deal (-want +got):\n%s", diff)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}

	// Decimals are written as strings of their digits whatever decimal's
	// globals say.
	old := decimal.MarshalJSONWithoutQuotes
	decimal.MarshalJSONWithoutQuotes = true
	defer func() { decimal.MarshalJSONWithoutQuotes = old }()
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"amount":"1250.50"`, `"acv":"1000.10"`, `"forecast_category":"best_case"`, `"status":"open"`} {
		if !strings.Contains(string(out), frag) {
			t.Errorf("Marshal = %s, want it to contain %s", out, frag)
		}
	}
	for _, absent := range []string{"probability", "closed_at", "tcv", "cost"} {
		if strings.Contains(string(out), absent) {
			t.Errorf("Marshal = %s, want no %s", out, absent)
		}
	}
	var back Deal
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back, decimalEqual); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDealJSONErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		want     error
	}{
		{"status", `{"status":"pending"}`, ErrInvalidStatus},
		{"category", `{"forecast_category":"maybe"}`, ErrInvalidForecastCategory},
		{"time", `{"created_at":"05/01/2024"}`, ErrInvalidTime},
		{"fractional epoch", `{"created_at":1.5}`, ErrInvalidTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d Deal
			if err := json.Unmarshal([]byte(tc.in), &d); !errors.Is(err, tc.want) {
				t.Errorf("Unmarshal(%s) = %v, want %v", tc.in, err, tc.want)
			}
		})
	}
}

func validDeal() Deal {
	return Deal{
		ID: "D-1", Owner: "ann", Amount: decimal.NewFromInt(100), Currency: "USD",
		Stage: StageClosedWon, Status: StatusWon,
		CreatedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		ClosedAt:  time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
	}
}

func TestDealValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		modify func(*Deal)
		field  string
		want   error
	}{
		{"empty id", func(d *Deal) { d.ID = "" }, "id", ErrMissingID},
		{"empty owner", func(d *Deal) { d.Owner = "" }, "owner", ErrMissingField},
		{"bad currency", func(d *Deal) { d.Currency = "usd" }, "currency", ErrInvalidCurrency},
		{"negative amount", func(d *Deal) { d.Amount = decimal.NewFromInt(-1) }, "amount", ErrNegativeAmount},
		{"negative cost", func(d *Deal) { d.Cost = Some(decimal.NewFromInt(-1)) }, "cost", ErrNegativeAmount},
		{"zero term", func(d *Deal) { d.TermMonths = Some(0) }, "term_months", ErrNegativeAmount},
		{"no created", func(d *Deal) { d.CreatedAt = time.Time{} }, "created_at", ErrZeroTime},
		{"won without close", func(d *Deal) { d.ClosedAt = time.Time{} }, "closed_at", ErrNoCloseTime},
		{"closed before created", func(d *Deal) { d.ClosedAt = d.CreatedAt.Add(-time.Second) }, "closed_at", ErrTimeOrder},
		{"open with close", func(d *Deal) { d.Status = StatusOpen }, "closed_at", ErrOpenWithCloseTime},
		{"unknown status", func(d *Deal) { d.Status = StatusUnknown }, "status", ErrInvalidStatus},
		{"probability above 1", func(d *Deal) { d.Probability = Some(decimal.RequireFromString("1.01")) }, "probability", ErrProbabilityRange},
		{"probability below 0", func(d *Deal) { d.Probability = Some(decimal.RequireFromString("-0.1")) }, "probability", ErrProbabilityRange},
		{"bad category", func(d *Deal) { d.ForecastCategory = 99 }, "forecast_category", ErrInvalidForecastCategory},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := validDeal()
			tc.modify(&d)
			err := d.Validate()
			if !errors.Is(err, tc.want) {
				t.Fatalf("Validate() = %v, want %v", err, tc.want)
			}
			var re *RecordError
			if !errors.As(err, &re) || re.Field != tc.field || re.ID != d.ID {
				t.Errorf("Validate() record error = %+v, want field %q id %q", re, tc.field, d.ID)
			}
		})
	}
	// Every problem is reported, not just the first.
	d := Deal{}
	err := d.Validate()
	for _, want := range []error{ErrMissingID, ErrMissingField, ErrInvalidCurrency, ErrZeroTime, ErrInvalidStatus} {
		if !errors.Is(err, want) {
			t.Errorf("Validate(zero Deal) = %v, missing %v", err, want)
		}
	}
}

func TestOtherRecordsValidate(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t1 := t0.AddDate(0, 3, 0)
	q := Period{Start: t0, End: t1, Name: "Q1"}
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"activity ok", Activity{ID: "a", Rep: "ann", Kind: KindCall, At: t0}.Validate(), nil},
		{"activity no kind", Activity{ID: "a", Rep: "ann", At: t0}.Validate(), ErrMissingField},
		{"activity negative duration", Activity{ID: "a", Rep: "ann", Kind: KindCall, At: t0, Duration: -1}.Validate(), ErrNegativeAmount},
		{"activity zero time", Activity{ID: "a", Rep: "ann", Kind: KindCall}.Validate(), ErrZeroTime},
		{"change ok", StageChange{Deal: "D", To: StageDemo, At: t0}.Validate(), nil},
		{"change no to", StageChange{Deal: "D", At: t0}.Validate(), ErrMissingField},
		{"rep ok", Rep{ID: "ann", Assignments: []Assignment{{From: t0, Until: t1, Team: "a"}, {From: t1, Team: "b"}}}.Validate(), nil},
		{"rep overlap", Rep{ID: "ann", Assignments: []Assignment{{From: t1, Team: "b"}, {From: t0, Until: t1.Add(time.Hour), Team: "a"}}}.Validate(), ErrOverlap},
		{"rep open overlap", Rep{ID: "ann", Assignments: []Assignment{{From: t0, Team: "a"}, {From: t1, Team: "b"}}}.Validate(), ErrOverlap},
		{"rep until before from", Rep{ID: "ann", Assignments: []Assignment{{From: t1, Until: t0}}}.Validate(), ErrTimeOrder},
		{"rep left before hired", Rep{ID: "ann", HiredAt: t1, LeftAt: t0}.Validate(), ErrTimeOrder},
		{"rep ramp", Rep{ID: "ann", Ramp: []decimal.Decimal{decimal.NewFromInt(2)}}.Validate(), ErrRampRange},
		{"quota ok", Quota{Rep: "ann", Period: q, Amount: Some(decimal.NewFromInt(10)), Currency: "USD"}.Validate(), nil},
		{"quota rep and team", Quota{Rep: "ann", Team: "a", Period: q, Count: Some(int64(3))}.Validate(), ErrInvalidQuota},
		{"quota amount and count", Quota{Rep: "ann", Period: q, Count: Some(int64(3)), Amount: Some(decimal.NewFromInt(10)), Currency: "USD"}.Validate(), ErrInvalidQuota},
		{"quota no currency", Quota{Rep: "ann", Period: q, Amount: Some(decimal.NewFromInt(10))}.Validate(), ErrInvalidCurrency},
		{"quota bad period", Quota{Rep: "ann", Period: Period{Start: t1, End: t0}, Count: Some(int64(3))}.Validate(), ErrInvalidPeriod},
		{"quota negative count", Quota{Rep: "ann", Period: q, Count: Some(int64(-3))}.Validate(), ErrNegativeAmount},
		{"funnel ok", TypicalB2B().Validate(), nil},
		{"funnel dup", Funnel{Stages: []FunnelStage{{Stage: "a", Won: true}, {Stage: "a", Lost: true}}}.Validate(), ErrInvalidFunnel},
		{"funnel open after won", Funnel{Stages: []FunnelStage{{Stage: "w", Won: true}, {Stage: "a"}, {Stage: "l", Lost: true}}}.Validate(), ErrInvalidFunnel},
		{"funnel no lost", Funnel{Stages: []FunnelStage{{Stage: "a"}, {Stage: "w", Won: true}}}.Validate(), ErrInvalidFunnel},
		{"funnel probability", Funnel{Stages: []FunnelStage{{Stage: "a", Probability: Some(decimal.NewFromInt(2))}, {Stage: "w", Won: true}, {Stage: "l", Lost: true}}}.Validate(), ErrInvalidFunnel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == nil {
				if tc.err != nil {
					t.Errorf("Validate() = %v, want nil", tc.err)
				}
				return
			}
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("Validate() = %v, want %v", tc.err, tc.want)
			}
		})
	}
}

func TestTenureAndRamp(t *testing.T) {
	t.Parallel()
	quarter := decimal.RequireFromString("0.25")
	r := Rep{ID: "ann", HiredAt: time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC), Ramp: []decimal.Decimal{decimal.Zero, quarter}}
	// Month 1 runs from 31 Jan 09:00 to the anniversary clamped to February's
	// last day, 29 Feb 2024 09:00; month 2 to 31 Mar 09:00; then month 3.
	for _, tc := range []struct {
		at       time.Time
		month    int
		ramp     decimal.Decimal
		rampKnow bool
	}{
		{time.Date(2024, 1, 30, 0, 0, 0, 0, time.UTC), 0, decimal.Zero, false},
		{time.Date(2024, 1, 31, 9, 0, 0, 0, time.UTC), 1, decimal.Zero, true},
		{time.Date(2024, 2, 29, 8, 59, 0, 0, time.UTC), 1, decimal.Zero, true},
		{time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC), 2, quarter, true},
		{time.Date(2024, 3, 31, 9, 0, 0, 0, time.UTC), 3, decimalOne, true},
		{time.Date(2025, 1, 31, 9, 0, 0, 0, time.UTC), 13, decimalOne, true},
	} {
		if got := r.TenureMonth(tc.at); got != tc.month {
			t.Errorf("TenureMonth(%v) = %d, want %d", tc.at, got, tc.month)
		}
		got, ok := r.RampFactor(tc.at)
		if ok != tc.rampKnow || !got.Equal(tc.ramp) {
			t.Errorf("RampFactor(%v) = %s, %v, want %s, %v", tc.at, got, ok, tc.ramp, tc.rampKnow)
		}
	}
}

// TestTimeOrderErrorsShowBothTimes: an error about times out of order names
// both times, so a user can see which record to fix and by how much.
func TestTimeOrderErrorsShowBothTimes(t *testing.T) {
	t.Parallel()
	created := time.Date(2025, 3, 4, 15, 0, 0, 0, time.UTC)
	closed := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	later := time.Date(2025, 3, 5, 9, 30, 0, 0, time.UTC)
	usd := decimal.NewFromInt(100)
	for _, tc := range []struct {
		name   string
		r      Records
		times  []time.Time
		record string
	}{
		{"closed before created", Records{Deals: []Deal{{ID: "D", Owner: "ann", Amount: usd, Currency: "USD", Stage: StageClosedWon,
			Status: StatusWon, CreatedAt: created, ClosedAt: closed}}}, []time.Time{closed, created}, "deal"},
		{"expected before created", Records{Deals: []Deal{{ID: "D", Owner: "ann", Amount: usd, Currency: "USD", Stage: StageDemo,
			Status: StatusOpen, CreatedAt: created, ExpectedCloseAt: closed}}}, []time.Time{closed, created}, "deal"},
		{"change after close", Records{
			Deals: []Deal{{ID: "D", Owner: "ann", Amount: usd, Currency: "USD", Stage: StageClosedWon,
				Status: StatusWon, CreatedAt: closed, ClosedAt: created}},
			StageChanges: []StageChange{{Deal: "D", From: StageDemo, To: StageClosedWon, At: later}}}, []time.Time{later, created}, "stage change"},
		{"change before creation", Records{
			Deals:        []Deal{{ID: "D", Owner: "ann", Amount: usd, Currency: "USD", Stage: StageDemo, Status: StatusOpen, CreatedAt: created}},
			StageChanges: []StageChange{{Deal: "D", To: StageDemo, At: closed}}}, []time.Time{closed, created}, "stage change"},
		{"left before hired", Records{Reps: []Rep{{ID: "ann", HiredAt: created, LeftAt: closed}}}, []time.Time{closed, created}, "rep"},
		{"until before from", Records{Reps: []Rep{{ID: "ann", Assignments: []Assignment{{From: created, Until: closed, Team: "t"}}}}},
			[]time.Time{closed, created}, "rep"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewIndex(tc.r, IndexOptions{})
			var re *RecordError
			if !errors.Is(err, ErrTimeOrder) || !errors.As(err, &re) || re.Record != tc.record {
				t.Fatalf("NewIndex error = %v, want ErrTimeOrder on a %s", err, tc.record)
			}
			for _, at := range tc.times {
				if s := at.Format(time.RFC3339); !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not show %s", err, s)
				}
			}
		})
	}
}

// TestAmountLimits: amounts of 10^30 or more, or with more than 18 places
// of value, are refused; trailing zeros do not count as places.
func TestAmountLimits(t *testing.T) {
	t.Parallel()
	deal := func(amount string) Deal {
		return Deal{ID: "D", Owner: "ann", Amount: decimal.RequireFromString(amount), Currency: "USD", Stage: StageDemo,
			Status: StatusOpen, CreatedAt: jan1}
	}
	for _, tc := range []struct {
		amount string
		want   error
	}{
		{"1e30", ErrInvalidAmount},
		{"1e400", ErrInvalidAmount},
		{"0.0000000000000000001", ErrInvalidAmount},
		{"999999999999999999999999999999", nil},
		{"0.000000000000000001", nil},
		{"250.00000000000000000000000", nil},
		{"-1", ErrNegativeAmount},
	} {
		err := deal(tc.amount).Validate()
		if (tc.want == nil && err != nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("amount %s: %v, want %v", tc.amount, err, tc.want)
		}
	}
	q := Quota{Rep: "ann", Period: Period{Start: jan1, End: jan1.AddDate(0, 3, 0)}, Amount: Some(decimal.RequireFromString("1e-300")), Currency: "USD"}
	if err := q.Validate(); !errors.Is(err, ErrInvalidAmount) {
		t.Errorf("quota of 1e-300: %v, want ErrInvalidAmount", err)
	}
}

// TestAboveOne compares probabilities with 1 at every number of places,
// within the table of ones and past it, against decimal's own comparison.
func TestAboveOne(t *testing.T) {
	for k, one := range onePlaces {
		if !one.Equal(decimalOne) || one.Exponent() != -int32(k) {
			t.Errorf("onePlaces[%d] = %s (exponent %d)", k, one, one.Exponent())
		}
	}
	for s, want := range map[string]bool{
		"0": false, "0.25": false, "1": false, "1.0000": false, "1.0001": true, "0.9999999": false,
		"2": true, "1E1": true, "1E-30": false, "1.0000000000000000000000001": true,
		"1.0000000000000000000000000": false, "0.999999999999999999999": false, "1.000000000000000001": true,
	} {
		v := decimal.RequireFromString(s)
		if got := aboveOne(v); got != want || got != v.GreaterThan(decimalOne) {
			t.Errorf("aboveOne(%s) = %v, want %v", s, got, want)
		}
	}
}

// TestCheckTimeRange: a time's year in its own location must lie in
// 1900..2199, at the boundaries in UTC and in zones either side of it (a
// fixed zone may be days off UTC), and on random times and offsets as
// time.Time.Year says.
func TestCheckTimeRange(t *testing.T) {
	east, west, far := time.FixedZone("UTC+5", 5*3600), time.FixedZone("UTC-5", -5*3600), time.FixedZone("UTC+100h", 100*3600)
	for _, c := range []struct {
		at time.Time
		ok bool
	}{
		{time.Date(1899, 12, 31, 23, 59, 59, 999999999, time.UTC), false},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2199, 12, 31, 23, 59, 59, 999999999, time.UTC), true},
		{time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, east), true},                // 1899-12-31T19:00Z
		{time.Date(1899, 12, 31, 23, 0, 0, 0, west), false},            // 1900-01-01T04:00Z
		{time.Date(2199, 12, 31, 23, 0, 0, 0, west), true},             // 2200-01-01T04:00Z
		{time.Date(2199, 12, 28, 0, 0, 0, 0, time.UTC).In(far), false}, // 2200-01-01T04:00 there
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).In(west), false},  // 1899-12-31T19:00 there
	} {
		var p problems
		checkTimeRange(&p, "at", c.at)
		if got := len(p.errs) == 0; got != c.ok {
			t.Errorf("%s: in range %v, want %v (%v)", c.at.Format(time.RFC3339), got, c.ok, p.err())
		}
	}
	rng := rand.New(rand.NewPCG(4, 2))
	zones := []*time.Location{time.UTC, east, west, far, time.FixedZone("odd", -37*3600-59)}
	lo, hi := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2210, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for range 100_000 {
		u := lo + rng.Int64N(hi-lo)
		if rng.IntN(4) == 0 { // near a boundary
			u = []int64{start1900, start2200}[rng.IntN(2)] + rng.Int64N(400_000) - 200_000
		}
		at := time.Unix(u, 0).In(zones[rng.IntN(len(zones))])
		var p problems
		checkTimeRange(&p, "at", at)
		if got, want := len(p.errs) == 0, at.Year() >= 1900 && at.Year() < 2200; got != want {
			t.Fatalf("%s: in range %v, want %v", at.Format(time.RFC3339), got, want)
		}
	}
}

// TestRecordErrorOwnsID: an error keeps a copy of the record's id, not
// the id itself, which a reader may have cut from a block of its file.
func TestRecordErrorOwnsID(t *testing.T) {
	block := strings.Repeat("x", 1000) + "A-17" + strings.Repeat("y", 1000)
	id := block[1000:1004]
	p := problems{record: "activity", index: 3, id: id}
	p.add("deal", ErrUnknownDeal)
	var re *RecordError
	if !errors.As(p.err(), &re) || re.ID != "A-17" || re.Index != 3 {
		t.Fatalf("error %v", p.err())
	}
	if unsafe.StringData(re.ID) == unsafe.StringData(id) {
		t.Error("the error holds the record's id, not a copy")
	}
}
