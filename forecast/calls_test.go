package forecast

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

func callDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var (
	callQ1 = activity.Period{Start: callDay(2025, 1, 1), End: callDay(2025, 4, 1), Name: "2025 Q1"}
	callQ2 = activity.Period{Start: callDay(2025, 4, 1), End: callDay(2025, 7, 1), Name: "2025 Q2"}
)

// callIndex is a small company: rep-a won 40,000 and 50,000 in Q1 and
// 120,000 in Q2 (a lost and an open deal besides); rep-b won 30,000 in Q1
// and nothing in Q2; rep-c, who makes no calls, won in USD and EUR in Q1.
func callIndex(t testing.TB) *activity.Index {
	t.Helper()
	deal := func(id, owner, amount string, cur activity.Currency, status activity.Status, closed time.Time) activity.Deal {
		d := activity.Deal{ID: id, Owner: owner, Amount: decimal.RequireFromString(amount), Currency: cur,
			Status: status, CreatedAt: callDay(2024, 11, 1), ClosedAt: closed}
		switch status {
		case activity.StatusWon:
			d.Stage = activity.StageClosedWon
		case activity.StatusLost:
			d.Stage = activity.StageClosedLost
		default:
			d.Stage = activity.StageNegotiation
		}
		return d
	}
	ix, err := activity.NewIndex(activity.Records{Deals: []activity.Deal{
		deal("D1", "rep-a", "40000", "USD", activity.StatusWon, callDay(2025, 2, 10)),
		deal("D2", "rep-a", "50000", "USD", activity.StatusWon, callDay(2025, 3, 20)),
		deal("D3", "rep-a", "99999", "USD", activity.StatusLost, callDay(2025, 3, 1)),
		deal("D4", "rep-a", "120000", "USD", activity.StatusWon, callDay(2025, 5, 5)),
		deal("D5", "rep-a", "77777", "USD", activity.StatusOpen, time.Time{}),
		deal("D6", "rep-b", "30000", "USD", activity.StatusWon, callDay(2025, 1, 15)),
		deal("D7", "rep-c", "1000", "USD", activity.StatusWon, callDay(2025, 1, 15)),
		deal("D8", "rep-c", "1000", "EUR", activity.StatusWon, callDay(2025, 1, 16)),
	}}, activity.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func callOf(rep string, p activity.Period, cat activity.ForecastCategory, amount string, cur activity.Currency, at time.Time) Call {
	return Call{Rep: rep, Period: p, Category: cat, Amount: decimal.RequireFromString(amount), Currency: cur, SubmittedAt: at}
}

func callSample() []Call {
	return []Call{
		callOf("rep-a", callQ1, activity.ForecastCommit, "80000", "USD", callDay(2024, 12, 15)),
		callOf("rep-a", callQ1, activity.ForecastCommit, "100000", "USD", callDay(2024, 12, 30)),
		callOf("rep-a", callQ1, activity.ForecastCommit, "95000", "USD", callDay(2025, 1, 10)),
		callOf("rep-a", callQ1, activity.ForecastBestCase, "150000", "USD", callDay(2024, 12, 30)),
		callOf("rep-a", callQ2, activity.ForecastCommit, "100000", "USD", callDay(2025, 3, 28)),
		callOf("rep-b", callQ1, activity.ForecastCommit, "20000", "USD", callDay(2024, 12, 20)),
		callOf("rep-b", callQ2, activity.ForecastCommit, "10000", "USD", callDay(2025, 3, 31)),
	}
}

var callCmp = cmp.Options{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmpopts.EquateApprox(1e-15, 0),
}

func callD(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestCallAccuracyHand works the sample out by hand.
//
// rep-a, commit, cutoff at the quarter's start: Q1 counts the call of 30
// December (100,000; the one of 15 December is superseded, the one of 10
// January late), Q2 the call of 28 March (100,000).
//
//	Q1: F 100000, A 40000 + 50000 = 90000, F − A = +10000,
//	    attainment 0.9, accuracy 1 − 10000/90000 = 8/9
//	Q2: F 100000, A 120000, F − A = −20000,
//	    attainment 1.2, accuracy 1 − 20000/120000 = 5/6
//	ΣF 200000, ΣA 210000, Σ|A − F| 30000, Σ(F − A) −10000, bias −5000
//	bias ratio −10000/210000 = −1/21, accuracy 1 − 1/21 = 20/21,
//	attainment 210000/200000 = 1.05, WAPE 30000/210000 = 1/7,
//	MAPE (1/9 + 1/6) / 2 = 5/36
//
// rep-b: Q1 F 20000, A 30000 (−10000; attainment 1.5, accuracy 2/3); Q2 F
// 10000, A 0 (+10000; attainment 0, accuracy undefined). ΣF = ΣA = 30000,
// Σ|A − F| 20000, Σ(F − A) 0: bias 0, bias ratio 0, accuracy 1,
// attainment 1, WAPE 2/3, MAPE undefined (nothing won in Q2).
func TestCallAccuracyHand(t *testing.T) {
	t.Parallel()
	ix := callIndex(t)
	got, err := CallAccuracy(ix.All(), callSample(), CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	commit := activity.ForecastCommit
	want := []RepCallAccuracy{
		{
			Rep: "rep-a", Category: commit, Currency: "USD", Calls: 4, Superseded: 1, Late: 1,
			Periods: []CallPeriod{
				{Period: callQ1, SubmittedAt: callDay(2024, 12, 30), Call: callD("100000"), Actual: callD("90000"), Deals: 2,
					Difference: callD("10000"), Attainment: 0.9, TotalAccuracy: 8.0 / 9},
				{Period: callQ2, SubmittedAt: callDay(2025, 3, 28), Call: callD("100000"), Actual: callD("120000"), Deals: 1,
					Difference: callD("-20000"), Attainment: 1.2, TotalAccuracy: 5.0 / 6},
			},
			Called: callD("200000"), Actual: callD("210000"), Deals: 3, AbsError: callD("30000"),
			Difference: callD("-10000"), Bias: callD("-5000"),
			BiasRatio: -1.0 / 21, TotalAccuracy: 20.0 / 21, Attainment: 1.05, WAPE: 1.0 / 7, MAPE: 5.0 / 36,
		},
		{
			Rep: "rep-b", Category: commit, Currency: "USD", Calls: 2,
			Periods: []CallPeriod{
				{Period: callQ1, SubmittedAt: callDay(2024, 12, 20), Call: callD("20000"), Actual: callD("30000"), Deals: 1,
					Difference: callD("-10000"), Attainment: 1.5, TotalAccuracy: 2.0 / 3},
				{Period: callQ2, SubmittedAt: callDay(2025, 3, 31), Call: callD("10000"), Actual: decimal.Decimal{},
					Difference: callD("10000"),
					Undefined:  []UndefinedMeasure{{MeasureTotalAccuracy, "nothing was won (0)"}}},
			},
			Called: callD("30000"), Actual: callD("30000"), Deals: 1, AbsError: callD("20000"),
			Difference: decimal.Decimal{}, Bias: decimal.Decimal{},
			TotalAccuracy: 1, Attainment: 1, WAPE: 2.0 / 3,
			Undefined: []UndefinedMeasure{{MeasureMAPE, "nothing was won in 2025 Q2"}},
		},
	}
	if diff := cmp.Diff(want, got, callCmp); diff != "" {
		t.Errorf("CallAccuracy (-want +got):\n%s", diff)
	}
	wantText := `rep-a commit, 2 periods in USD: called 200000.00, won 210000.00 from 3 deals
attainment 105.00%, accuracy 95.24%, WAPE 14.29%, MAPE 13.89%, bias -5000.00 a period (-4.76%)
2025 Q1: called 100000.00, won 90000.00 from 2 deals, over by 10000.00 (call of 2024-12-30)
2025 Q2: called 100000.00, won 120000.00 from 1 deal, under by 20000.00 (call of 2025-03-28)
1 of 4 calls superseded, 1 late`
	if s := got[0].String(); s != wantText {
		t.Errorf("String() =\n%s\nwant\n%s", s, wantText)
	}
	if s := got[1].String(); !strings.Contains(s, "MAPE n/a") || !strings.Contains(s, "mape undefined: nothing was won in 2025 Q2") {
		t.Errorf("String() does not say MAPE is undefined:\n%s", s)
	}

	// The same calls in any order give the same result.
	calls := callSample()
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		rng.Shuffle(len(calls), func(i, j int) { calls[i], calls[j] = calls[j], calls[i] })
		again, err := CallAccuracy(ix.All(), calls, CallOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, again, callCmp); diff != "" {
			t.Errorf("shuffled calls (-first +shuffled):\n%s", diff)
		}
	}
}

func TestCallAccuracyOptions(t *testing.T) {
	t.Parallel()
	ix := callIndex(t)
	day := 24 * time.Hour
	tests := []struct {
		name                    string
		opts                    CallOptions
		rep                     string
		calls, superseded, late int
		called, actual          string
	}{
		// Locked 15 days into the quarter: rep-a's call of 10 January
		// (95,000) counts for Q1, superseding both December calls.
		{"cutoff in the period", CallOptions{Cutoff: 15 * day}, "rep-a", 4, 2, 0, "195000", "210000"},
		// Locked 10 days before (22 December, 22 March): only the call of
		// 15 December counts for Q1 (80,000); those of 30 December and 10
		// January are late, and so is the Q2 call of 28 March.
		{"cutoff before the period", CallOptions{Cutoff: -10 * day}, "rep-a", 4, 0, 3, "80000", "90000"},
		// Best case: one call, Q1 150,000 against 90,000.
		{"best case", CallOptions{Category: activity.ForecastBestCase}, "rep-a", 1, 0, 0, "150000", "90000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := CallAccuracy(ix.All(), callSample(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			r := got[0]
			if r.Rep != tc.rep || r.Calls != tc.calls || r.Superseded != tc.superseded || r.Late != tc.late ||
				!r.Called.Equal(callD(tc.called)) || !r.Actual.Equal(callD(tc.actual)) {
				t.Errorf("got %s %d calls, %d superseded, %d late, called %s, actual %s; want %s %d, %d, %d, %s, %s",
					r.Rep, r.Calls, r.Superseded, r.Late, r.Called, r.Actual, tc.rep, tc.calls, tc.superseded, tc.late,
					tc.called, tc.actual)
			}
		})
	}
}

// A rep whose every call is late is listed with no periods, every measure
// undefined.
func TestCallAccuracyAllLate(t *testing.T) {
	t.Parallel()
	ix := callIndex(t)
	calls := []Call{callOf("rep-b", callQ1, activity.ForecastCommit, "5", "USD", callDay(2025, 2, 1))}
	got, err := CallAccuracy(ix.All(), calls, CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Periods) != 0 || got[0].Late != 1 || len(got[0].Undefined) != 6 {
		t.Errorf("got %+v, want rep-b with 1 late call, no periods, 6 undefined measures", got)
	}
	for _, m := range []string{MeasureMAPE, MeasureWAPE, MeasureBias, MeasureBiasRatio, MeasureTotalAccuracy, MeasureActualToForecast} {
		if got[0].Defined(m) {
			t.Errorf("%s defined with no periods", m)
		}
	}
}

// With a conversion, rep-b's Q1 call of EUR 20,000 is converted at the rate
// of its submission date, 1.10 → USD 22,000 (the deals are in USD already).
func TestCallAccuracyConversion(t *testing.T) {
	t.Parallel()
	ix := callIndex(t)
	calls := callSample()
	calls[5].Currency = "EUR"
	if _, err := CallAccuracy(ix.All(), calls, CallOptions{}); !errors.Is(err, performance.ErrMixedCurrencies) {
		t.Fatalf("EUR call against USD deals without a conversion: error %v, want ErrMixedCurrencies", err)
	}
	table, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: callDay(2024, 12, 1), Rate: callD("1.10")}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := CallAccuracy(ix.All(), calls, CallOptions{Conversion: &activity.Conversion{To: "USD", Converter: table}})
	if err != nil {
		t.Fatal(err)
	}
	b := got[1]
	if b.Rep != "rep-b" || !b.Periods[0].Call.Equal(callD("22000")) || !b.Called.Equal(callD("32000")) || b.Currency != "USD" {
		t.Errorf("rep-b: Q1 call %s, called %s %s; want 22000, 32000 USD", b.Periods[0].Call, b.Called, b.Currency)
	}
	// No rate for the date: the converter's error.
	early := callSample()
	early[5].Currency, early[5].SubmittedAt = "EUR", callDay(2024, 11, 1)
	if _, err := CallAccuracy(ix.All(), early, CallOptions{Conversion: &activity.Conversion{To: "USD", Converter: table}}); !errors.Is(err, activity.ErrNoRate) {
		t.Errorf("no rate: error %v, want activity.ErrNoRate", err)
	}
}

// Only the reps with calls are summed: rep-c's won deals in two currencies
// are no error, and a view without rep-a's deals gives rep-a nothing won.
func TestCallAccuracyView(t *testing.T) {
	t.Parallel()
	ix := callIndex(t)
	v := ix.All().DealsWhere("not rep-a", func(ix *activity.Index, row int) bool { return ix.DealID(row) != "D1" && ix.DealID(row) != "D2" })
	got, err := CallAccuracy(v, callSample(), CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if q1 := got[0].Periods[0]; !q1.Actual.IsZero() || q1.Deals != 0 {
		t.Errorf("rep-a Q1 actual %s from %d deals, want 0 from 0", q1.Actual, q1.Deals)
	}
	if _, err := CallAccuracy(ix.All(), nil, CallOptions{}); err != nil {
		t.Errorf("no calls: %v", err)
	}
	if got, _ := CallAccuracy(ix.All(), nil, CallOptions{}); got == nil || len(got) != 0 {
		t.Errorf("no calls: %v, want an empty list", got)
	}
}

func TestCallAccuracyErrors(t *testing.T) {
	t.Parallel()
	ix := callIndex(t)
	v := ix.All()
	withCall := func(edit func(*Call)) []Call {
		cs := callSample()
		edit(&cs[2])
		return cs
	}
	run := func(calls []Call, opts CallOptions) error {
		_, err := CallAccuracy(v, calls, opts)
		return err
	}
	tests := []struct {
		name  string
		err   error
		wants []error
	}{
		{"empty rep", run(withCall(func(c *Call) { c.Rep = "" }), CallOptions{}), []error{ErrInvalidCall, activity.ErrMissingField}},
		{"bad period", run(withCall(func(c *Call) { c.Period.End = c.Period.Start }), CallOptions{}), []error{ErrInvalidCall, activity.ErrInvalidPeriod}},
		{"no category", run(withCall(func(c *Call) { c.Category = activity.ForecastNone }), CallOptions{}), []error{ErrInvalidCall, activity.ErrInvalidForecastCategory}},
		{"omitted", run(withCall(func(c *Call) { c.Category = activity.ForecastOmitted }), CallOptions{}), []error{ErrInvalidCall, activity.ErrInvalidForecastCategory}},
		{"negative amount", run(withCall(func(c *Call) { c.Amount = callD("-1") }), CallOptions{}), []error{ErrInvalidCall, activity.ErrNegativeAmount}},
		{"bad currency", run(withCall(func(c *Call) { c.Currency = "usd" }), CallOptions{}), []error{ErrInvalidCall, activity.ErrInvalidCurrency}},
		{"no time", run(withCall(func(c *Call) { c.SubmittedAt = time.Time{} }), CallOptions{}), []error{ErrInvalidCall, activity.ErrZeroTime}},
		{"same instant", run(withCall(func(c *Call) { c.SubmittedAt = callDay(2024, 12, 30) }), CallOptions{}), []error{ErrInvalidCall}},
		{"unknown rep", run(withCall(func(c *Call) { c.Rep = "rep-z" }), CallOptions{}), []error{activity.ErrUnknownName}},
		{"mixed currencies", run(withCall(func(c *Call) { c.Currency = "EUR"; c.SubmittedAt = callDay(2024, 12, 31) }), CallOptions{}), []error{performance.ErrMixedCurrencies}},
		{"omitted category option", run(callSample(), CallOptions{Category: activity.ForecastOmitted}), []error{ErrInvalidOptions}},
		{"unknown category option", run(callSample(), CallOptions{Category: 99}), []error{ErrInvalidOptions}},
		{"bad conversion", run(callSample(), CallOptions{Conversion: &activity.Conversion{To: "USD"}}), []error{ErrInvalidOptions, activity.ErrInvalidConversion}},
		{"cutoff after the end", run(callSample(), CallOptions{Cutoff: 100 * 24 * time.Hour}), []error{ErrInvalidOptions}},
	}
	for _, tc := range tests {
		for _, w := range tc.wants {
			if !errors.Is(tc.err, w) {
				t.Errorf("%s: error %v, want %v", tc.name, tc.err, w)
			}
		}
	}
	// Every invalid call is reported, as a RecordError with its position.
	cs := callSample()
	cs[1].Rep, cs[4].Amount = "", callD("-5")
	err := run(cs, CallOptions{})
	var re *activity.RecordError
	if !errors.As(err, &re) || re.Record != "forecast call" || re.Index != 1 || re.Field != "rep" {
		t.Errorf("first problem %#v, want a RecordError for call 1's rep", re)
	}
	if !strings.Contains(err.Error(), "forecast call 4") || !strings.Contains(err.Error(), "amount") {
		t.Errorf("error %q does not name call 4's amount", err)
	}
	// Validate alone: Index −1, every field.
	err = Call{}.Validate()
	for _, w := range []error{activity.ErrMissingField, activity.ErrInvalidPeriod, activity.ErrInvalidForecastCategory,
		activity.ErrInvalidCurrency, activity.ErrZeroTime, ErrInvalidCall} {
		if !errors.Is(err, w) {
			t.Errorf("Call{}.Validate() = %v, want %v among its errors", err, w)
		}
	}
	if err := callSample()[0].Validate(); err != nil {
		t.Errorf("valid call: %v", err)
	}
}

func TestCallJSON(t *testing.T) {
	t.Parallel()
	c := callOf("rep-a", callQ1, activity.ForecastBestCase, "1234.50", "USD", time.Date(2024, 12, 30, 9, 0, 0, 0, time.UTC))
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"rep":"rep-a","period":{"start":"2025-01-01T00:00:00Z","end":"2025-04-01T00:00:00Z","name":"2025 Q1"},` +
		`"category":"best_case","amount":"1234.50","currency":"USD","submitted_at":"2024-12-30T09:00:00Z"}`
	if string(b) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", b, want)
	}
	var back Call
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, back, callCmp); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// CRM forms: a number amount, epoch milliseconds, a date alone.
	var crm Call
	in := `{"rep":"r","period":{"start":"2025-01-01","end":"2025-04-01"},"category":"Commit","amount":99.5,` +
		`"currency":"EUR","submitted_at":1735549200000}`
	if err := json.Unmarshal([]byte(in), &crm); err != nil {
		t.Fatal(err)
	}
	if !crm.Amount.Equal(callD("99.5")) || crm.Category != activity.ForecastCommit ||
		!crm.SubmittedAt.Equal(time.Date(2024, 12, 30, 9, 0, 0, 0, time.UTC)) || crm.Validate() != nil {
		t.Errorf("decoded %+v", crm)
	}
	if err := json.Unmarshal([]byte(`{"submitted_at":"yesterday"}`), &crm); !errors.Is(err, activity.ErrInvalidTime) {
		t.Errorf("bad time: error %v, want activity.ErrInvalidTime", err)
	}

	// Results write decimals as strings.
	ix := callIndex(t)
	got, err := CallAccuracy(ix.All(), callSample(), CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(got[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"called":"30000"`, `"abs_error":"20000"`, `"call":"20000"`,
		`"undefined":[{"measure":"mape","reason":"nothing was won in 2025 Q2"}]`} {
		if !strings.Contains(string(out), frag) {
			t.Errorf("JSON %s lacks %s", out, frag)
		}
	}
	if math.IsNaN(got[1].WAPE) {
		t.Error("NaN")
	}
}
