package forecast

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

var cbWeek = 7 * 24 * time.Hour

// cbRef is testdata/customerbase_ref.json, lifetimes' outputs written by
// testdata/customerbase_ref.py.
type cbRef struct {
	Summary []struct {
		Customer  string  `json:"customer"`
		X         int     `json:"x"`
		TX        float64 `json:"t_x"`
		T         float64 `json:"t"`
		MeanSpend float64 `json:"mean_spend"`
	} `json:"summary"`
	BGNBD struct {
		Params map[string]float64 `json:"params"`
		StdErr map[string]float64 `json:"std_err"`
		LogLik float64            `json:"log_lik"`
	} `json:"bgnbd"`
	GammaGamma struct {
		Params map[string]float64 `json:"params"`
		StdErr map[string]float64 `json:"std_err"`
		LogLik float64            `json:"log_lik"`
	} `json:"gamma_gamma"`
	Fitted cbRefPredictions `json:"fitted"`
	Hand   cbRefPredictions `json:"hand"`
}

type cbRefPredictions struct {
	BGNBD      map[string]float64 `json:"bgnbd"`
	GammaGamma map[string]float64 `json:"gamma_gamma"`
	Customers  []struct {
		Customer    string                       `json:"customer"`
		X           int                          `json:"x"`
		TX          float64                      `json:"t_x"`
		T           float64                      `json:"t"`
		MeanSpend   float64                      `json:"mean_spend"`
		PAlive      float64                      `json:"p_alive"`
		Spend       float64                      `json:"spend"`
		Conditional []struct{ T, Value float64 } `json:"conditional"`
		CLV         []struct {
			Horizon      int     `json:"horizon"`
			PeriodLength float64 `json:"period_length"`
			DiscountRate float64 `json:"discount_rate"`
			Value        float64 `json:"value"`
		} `json:"clv"`
	} `json:"customers"`
	Expected []struct{ T, Value float64 } `json:"expected"`
	PMF      []struct {
		N     int     `json:"n"`
		T     float64 `json:"t"`
		Value float64 `json:"value"`
	} `json:"pmf"`
}

func cbLoadRef(tb testing.TB) cbRef { return cbLoadJSON[cbRef](tb, "testdata/customerbase_ref.json") }

// cbLoadJSON reads a reference file into a T.
func cbLoadJSON[T any](tb testing.TB, path string) T {
	tb.Helper()
	var v T
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatal(err)
	}
	return v
}

// cbPurchaseModel is what the purchase models predict alike.
type cbPurchaseModel interface {
	ProbabilityAlive(CustomerSummary) (float64, error)
	ConditionalExpectedPurchases(float64, CustomerSummary) (float64, error)
	ExpectedPurchases(float64) (float64, error)
}

// cbCheckLifetimes compares m's predictions with lifetimes' (and, for a
// model with one, its P(X(t) = n)) to 1e-6 relative, 1e-15 absolute for
// tiny probabilities, and logs the largest relative difference over values
// above 1e-12.
func cbCheckLifetimes(t *testing.T, m cbPurchaseModel, pred cbRefPredictions) {
	t.Helper()
	worst := 0.0
	check := func(what string, got float64, err error, want float64) {
		t.Helper()
		if err != nil || !cbClose(got, want, 1e-6, 1e-15) {
			t.Errorf("%s = %.12g, %v; want %.12g (lifetimes)", what, got, err, want)
		}
		if math.Abs(want) > 1e-12 {
			worst = max(worst, math.Abs(got-want)/math.Abs(want))
		} else if got != want {
			t.Logf("%s = %.6g, lifetimes %.6g (below 1e-12: lifetimes takes 1 − Σ, which cancels there)", what, got, want)
		}
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, c := range pred.Customers {
		s := CustomerSummary{X: c.X, TX: c.TX, T: c.T}
		pa, err := m.ProbabilityAlive(s)
		check("ProbabilityAlive("+c.Customer+")", pa, err, c.PAlive)
		for _, ce := range c.Conditional {
			got, err := m.ConditionalExpectedPurchases(ce.T, s)
			check("ConditionalExpectedPurchases("+num(ce.T)+", "+c.Customer+")", got, err, ce.Value)
		}
	}
	for _, e := range pred.Expected {
		got, err := m.ExpectedPurchases(e.T)
		check("ExpectedPurchases("+num(e.T)+")", got, err, e.Value)
	}
	if pm, ok := m.(interface {
		ProbabilityOfPurchases(int, float64) (float64, error)
	}); ok {
		for _, p := range pred.PMF {
			got, err := pm.ProbabilityOfPurchases(p.N, p.T)
			check("ProbabilityOfPurchases("+strconv.Itoa(p.N)+", "+num(p.T)+")", got, err, p.Value)
		}
	}
	t.Logf("largest relative difference from lifetimes, over values above 1e-12: %.3g", worst)
}

// cbTransactions reads testdata/cdnow/CDNOW_sample.txt.
func cbTransactions(tb testing.TB) []Transaction {
	tb.Helper()
	f, err := os.Open("testdata/cdnow/CDNOW_sample.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var txs []Transaction
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		at, err := time.Parse("20060102", fs[2])
		if err != nil {
			tb.Fatal(err)
		}
		txs = append(txs, Transaction{Customer: fs[1], At: at, Amount: decimal.RequireFromString(fs[4])})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return txs
}

// cbClose reports whether got is within rel of want, relative to |want|
// (absolutely below abs).
func cbClose(got, want, rel, abs float64) bool {
	return math.Abs(got-want) <= max(rel*math.Abs(want), abs)
}

// TestSummarizeCDNOW builds the summary of all 2,357 CDNOW customers from
// the 6,919 raw transactions (weeks, calibration to 1997-09-30) and
// compares it with Fader & Hardie's published summary files, where times
// and zbar are printed to two decimals (x exactly, the rest within half a
// cent or a hundredth of a week), and with lifetimes'
// summary_data_from_transaction_data (freq "D", freq_multiplier 7) for 40
// customers, 20 of them with two purchases on one day, to 1e-12.
func TestSummarizeCDNOW(t *testing.T) {
	t.Parallel()
	txs := cbTransactions(t)
	got, err := Summarize(txs, SummaryOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), Unit: cbWeek})
	if err != nil {
		t.Fatal(err)
	}
	pub := cbCDNOW(t)
	if len(got) != len(pub) {
		t.Fatalf("Summarize: %d customers, want %d", len(got), len(pub))
	}
	bad := 0
	for i, w := range pub {
		g := got[i]
		id, _ := strconv.Atoi(g.Customer)
		if strconv.Itoa(id) != w.Customer || g.X != w.X || math.Abs(g.TX-w.TX) > 0.005+1e-9 || math.Abs(g.T-w.T) > 0.005+1e-9 ||
			math.Abs(g.MeanSpend()-w.MeanSpend()) > 0.005+1e-9 {
			if bad++; bad <= 5 {
				t.Errorf("Summarize: customer %d = %v, want %v", i+1, g, w)
			}
		}
	}
	byID := map[string]CustomerSummary{}
	for _, g := range got {
		byID[g.Customer] = g
	}
	for _, w := range cbLoadRef(t).Summary {
		g := byID[w.Customer]
		// Times exactly as lifetimes divides them: days / 7, rounded once.
		if g.X != w.X || g.TX != w.TX || g.T != w.T || !cbClose(g.MeanSpend(), w.MeanSpend, 1e-12, 1e-12) {
			t.Errorf("Summarize: customer %s = %v, want lifetimes' x %d, t_x %v, T %v, mean %v", w.Customer, g, w.X, w.TX, w.T, w.MeanSpend)
		}
	}
}

// TestSummarizeDividesOnce: every customer's times are their day counts
// divided by 7 in one rounding, as lifetimes' summary (days /
// freq_multiplier) has them; multiplying by a rounded 1/7 was one ulp off
// for about a quarter of CDNOW's values.
func TestSummarizeDividesOnce(t *testing.T) {
	t.Parallel()
	txs := cbTransactions(t)
	end := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	got, err := Summarize(txs, SummaryOptions{CalibrationEnd: end, Unit: cbWeek})
	if err != nil {
		t.Fatal(err)
	}
	first, last := map[string]time.Time{}, map[string]time.Time{}
	for _, tx := range txs {
		if tx.At.After(end) {
			continue
		}
		if f, ok := first[tx.Customer]; !ok || tx.At.Before(f) {
			first[tx.Customer] = tx.At
		}
		if l, ok := last[tx.Customer]; !ok || tx.At.After(l) {
			last[tx.Customer] = tx.At
		}
	}
	days := func(a, b time.Time) float64 { return math.Round(b.Sub(a).Hours() / 24) }
	offByOne := 0
	for _, g := range got {
		f := first[g.Customer]
		tx, T := days(f, last[g.Customer])/7, days(f, end)/7
		if g.TX != tx || g.T != T {
			t.Errorf("customer %s: t_x %v, T %v; want %v, %v", g.Customer, g.TX, g.T, tx, T)
		}
		if days(f, end)*(1.0/7) != T {
			offByOne++
		}
	}
	if offByOne == 0 {
		t.Error("no value where multiplying by 1/7 rounds differently: the test would not catch the double rounding")
	}
}

// TestSummarizeOrder: by id by default, in byte order ("B-10" before
// "a-2"); with InputOrder as the customers first appear in the input.
func TestSummarizeOrder(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	txs := []Transaction{
		{Customer: "a-2", At: day(5), Amount: decimal.NewFromInt(1)},
		{Customer: "zed", At: day(1), Amount: decimal.NewFromInt(1)},
		{Customer: "B-10", At: day(2), Amount: decimal.NewFromInt(1)},
		{Customer: "a-2", At: day(9), Amount: decimal.NewFromInt(1)},
	}
	ids := func(cs []CustomerSummary) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Customer)
		}
		return out
	}
	opts := SummaryOptions{CalibrationEnd: day(20), Unit: 24 * time.Hour}
	byID, err := Summarize(txs, opts)
	if err != nil || !slices.Equal(ids(byID), []string{"B-10", "a-2", "zed"}) {
		t.Errorf("by id: %v, %v", ids(byID), err)
	}
	opts.InputOrder = true
	given, err := Summarize(txs, opts)
	if err != nil || !slices.Equal(ids(given), []string{"a-2", "zed", "B-10"}) || given[0].X != 1 || given[0].TX != 4 {
		t.Errorf("as given: %v, %v", given, err)
	}
}

// TestSummarizeRules checks each rule on histories small enough to count
// by hand.
func TestSummarizeRules(t *testing.T) {
	t.Parallel()
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }
	amt := decimal.RequireFromString
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for _, tc := range []struct {
		name string
		txs  []Transaction
		opts SummaryOptions
		want []CustomerSummary
	}{
		{
			// a: first day 1 Jan (two purchases, 10 + 5: one purchase);
			// repeat days 8 Jan (20 + 30 = 50) and 15 Jan (40); 22 Jan is
			// after the end. x = 2, t_x = 14 d = 2 weeks, T = 3 weeks
			// (1 → 22 Jan, the end day), repeat spend 90.
			// b: one purchase on the last day: x 0, T 0.
			// c: only after the end: no summary.
			name: "weeks",
			txs: []Transaction{
				{"a", day(2024, 1, 1, 9), amt("10")}, {"a", day(2024, 1, 1, 17), amt("5")},
				{"a", day(2024, 1, 8, 10), amt("20")}, {"a", day(2024, 1, 8, 11), amt("30")},
				{"a", day(2024, 1, 15, 23), amt("40")}, {"a", day(2024, 1, 23, 1), amt("99")},
				{"b", day(2024, 1, 22, 23), amt("7.5")}, {"c", day(2024, 2, 1, 0), amt("1")},
			},
			opts: SummaryOptions{CalibrationEnd: day(2024, 1, 22, 12), Unit: cbWeek},
			want: []CustomerSummary{
				{Customer: "a", X: 2, TX: 2, T: 3, RepeatSpend: amt("90")},
				{Customer: "b", X: 0, TX: 0, T: 0},
			},
		},
		{
			// Days as the unit; customers come back in id order.
			name: "days",
			txs: []Transaction{
				{"z", day(2024, 3, 1, 0), amt("1")}, {"y", day(2024, 3, 2, 0), amt("2")},
				{"z", day(2024, 3, 4, 0), amt("3")},
			},
			opts: SummaryOptions{CalibrationEnd: day(2024, 3, 11, 0), Unit: 24 * time.Hour},
			want: []CustomerSummary{
				{Customer: "y", T: 9},
				{Customer: "z", X: 1, TX: 3, T: 10, RepeatSpend: amt("3")},
			},
		},
		{
			// In New York 10 March 2024 02:00 UTC is 9 March (21:00
			// EST), 23:00 UTC is 10 March, 16 March 04:00 UTC is 16
			// March (00:00 EDT) and the end, 17 March 03:00 UTC, is 16
			// March: days 9, 10 and 16 March, so x 2, t_x 7 and T 7
			// calendar days, though only 6 days 2 hours elapse from the
			// first purchase to the last across the change to daylight
			// saving.
			name: "zone",
			txs: []Transaction{
				{"a", day(2024, 3, 10, 2), amt("1")}, {"a", day(2024, 3, 10, 23), amt("2")},
				{"a", day(2024, 3, 16, 4), amt("4")},
			},
			opts: SummaryOptions{CalibrationEnd: day(2024, 3, 17, 3), Unit: 24 * time.Hour, Location: ny},
			want: []CustomerSummary{{Customer: "a", X: 2, TX: 7, T: 7, RepeatSpend: amt("6")}},
		},
		{name: "empty", opts: SummaryOptions{CalibrationEnd: day(2024, 1, 1, 0), Unit: cbWeek}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before := append([]Transaction(nil), tc.txs...)
			got, err := Summarize(tc.txs, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Summarize (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, tc.txs); diff != "" {
				t.Errorf("Summarize modified its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestSummarizeErrors(t *testing.T) {
	t.Parallel()
	end := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	ok := Transaction{Customer: "a", At: end.AddDate(0, -1, 0), Amount: decimal.NewFromInt(1)}
	for _, tc := range []struct {
		name   string
		txs    []Transaction
		opts   SummaryOptions
		want   []error
		fields []string
	}{
		{name: "no unit", txs: []Transaction{ok}, opts: SummaryOptions{CalibrationEnd: end}, want: []error{ErrInvalidOptions}},
		{name: "negative unit", txs: []Transaction{ok}, opts: SummaryOptions{CalibrationEnd: end, Unit: -time.Hour}, want: []error{ErrInvalidOptions}},
		{name: "no end", txs: []Transaction{ok}, opts: SummaryOptions{Unit: cbWeek}, want: []error{ErrInvalidOptions}},
		{
			name: "bad transactions",
			txs:  []Transaction{ok, {At: end, Amount: decimal.NewFromInt(1)}, {Customer: "b", Amount: decimal.NewFromInt(-2)}},
			opts: SummaryOptions{CalibrationEnd: end, Unit: cbWeek},
			want: []error{ErrInvalidTransaction, activity.ErrMissingField, activity.ErrZeroTime, activity.ErrNegativeAmount},
			// In order: transaction 1's customer, transaction 2's time
			// and amount.
			fields: []string{"customer", "at", "amount"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Summarize(tc.txs, tc.opts)
			if got != nil {
				t.Errorf("Summarize = %v, want nil", got)
			}
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("Summarize: error %v, want %v", err, w)
				}
			}
			var fields []string
			for _, e := range cbUnjoin(err) {
				var re *activity.RecordError
				if errors.As(e, &re) {
					if re.Record != "transaction" {
						t.Errorf("record %q, want transaction", re.Record)
					}
					fields = append(fields, re.Field)
				}
			}
			if diff := cmp.Diff(tc.fields, fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// cbUnjoin flattens joined errors.
func cbUnjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, cbUnjoin(e)...)
		}
		return out
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// TestTransactionJSON reads times in the forms activity.ParseTime reads
// and writes amounts as strings.
func TestTransactionJSON(t *testing.T) {
	t.Parallel()
	in := `[{"customer":"a","at":"2024-05-01","amount":"12.50"},
		{"customer":"b","at":1714521600000,"amount":3},
		{"customer":"c","at":"2024-05-01T10:00:00+02:00","amount":"0"},
		{"customer":"d","at":null,"amount":"1"}]`
	var got []Transaction
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatal(err)
	}
	may1 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	want := []time.Time{may1, may1, may1.Add(8 * time.Hour), {}}
	for i, w := range want {
		if !got[i].At.Equal(w) {
			t.Errorf("transaction %d at %v, want %v", i, got[i].At, w)
		}
	}
	if got[0].Amount.String() != "12.5" || got[1].Amount.String() != "3" {
		t.Errorf("amounts %v, %v", got[0].Amount, got[1].Amount)
	}
	b, err := json.Marshal(Transaction{Customer: "a", At: may1, Amount: decimal.RequireFromString("12.50")})
	if err != nil {
		t.Fatal(err)
	}
	if w := `{"customer":"a","at":"2024-05-01T00:00:00Z","amount":"12.50"}`; string(b) != w {
		t.Errorf("Marshal = %s, want %s", b, w)
	}
	var back Transaction
	if err := json.Unmarshal(b, &back); err != nil || back.Customer != "a" || !back.At.Equal(may1) || !back.Amount.Equal(decimal.RequireFromString("12.5")) {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"customer":"a","at":"May 1"}`), &back); !errors.Is(err, activity.ErrInvalidTime) {
		t.Errorf("bad time: %v, want %v", err, activity.ErrInvalidTime)
	}
	if err := got[3].Validate(); !errors.Is(err, activity.ErrZeroTime) || !errors.Is(err, ErrInvalidTransaction) {
		t.Errorf("Validate(null time) = %v", err)
	}
	s, err := json.Marshal(CustomerSummary{Customer: "a", X: 1, TX: 2, T: 3, RepeatSpend: decimal.RequireFromString("4.50")})
	if w := `{"customer":"a","x":1,"t_x":2,"t":3,"repeat_spend":"4.50"}`; err != nil || string(s) != w {
		t.Errorf("Marshal(summary) = %s, %v; want %s", s, err, w)
	}
}

func TestCustomerSummaryValidate(t *testing.T) {
	t.Parallel()
	one := decimal.NewFromInt(1)
	for _, tc := range []struct {
		name  string
		c     CustomerSummary
		field string
	}{
		{"valid", CustomerSummary{X: 1, TX: 1, T: 2, RepeatSpend: one}, ""},
		{"valid new", CustomerSummary{}, ""},
		{"negative x", CustomerSummary{X: -1, T: 2}, "x"},
		{"negative T", CustomerSummary{T: -1}, "t"},
		{"NaN T", CustomerSummary{T: math.NaN()}, "t"},
		{"infinite T", CustomerSummary{T: math.Inf(1)}, "t"},
		{"negative t_x", CustomerSummary{X: 1, TX: -1, T: 2}, "t_x"},
		{"NaN t_x", CustomerSummary{X: 1, TX: math.NaN(), T: 2}, "t_x"},
		{"t_x after T", CustomerSummary{X: 1, TX: 3, T: 2}, "t_x"},
		{"t_x without x", CustomerSummary{TX: 1, T: 2}, "t_x"},
		{"negative spend", CustomerSummary{X: 1, TX: 1, T: 2, RepeatSpend: one.Neg()}, "repeat_spend"},
		{"spend without x", CustomerSummary{T: 2, RepeatSpend: one}, "repeat_spend"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.c.Validate()
			if tc.field == "" {
				if err != nil {
					t.Errorf("Validate(%v) = %v, want nil", tc.c, err)
				}
				return
			}
			var re *activity.RecordError
			if !errors.Is(err, ErrInvalidSummary) || !errors.As(err, &re) || re.Field != tc.field {
				t.Errorf("Validate(%v) = %v, want ErrInvalidSummary on %s", tc.c, err, tc.field)
			}
		})
	}
	if got, want := (CustomerSummary{Customer: "7", X: 2, TX: 30.43, T: 38.86, RepeatSpend: decimal.RequireFromString("44.70")}).String(), "customer 7: x 2, t_x 30.43, T 38.86, repeat spend 44.70"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// TestSampleCompanyFitsBGNBD: the sample company's accounts, each won deal
// a purchase, have repeat purchases a BG/NBD model can fit (accounts buy at
// rates and stop buying with chances of their own): the quickstart's book
// fits, with a mean dropout a/(a+b) inside (0, 1) and finite standard
// errors, and so do at least 15 of the books of seeds 1 to 20 (a two-year
// book of some 60 repeat buyers is small; the rest hit the boundary where
// every account seems to drop out alike, ErrNoConvergence).
func TestSampleCompanyFitsBGNBD(t *testing.T) {
	t.Parallel()
	fit := func(cfg activitytest.Config) (*BGNBD, error) {
		var txs []Transaction
		for _, d := range activitytest.Generate(cfg).Deals {
			if d.Status == activity.StatusWon {
				txs = append(txs, Transaction{Customer: d.Account, At: d.CloseTime(nil), Amount: d.Amount})
			}
		}
		hs, err := Summarize(txs, SummaryOptions{CalibrationEnd: cfg.Window().End, Unit: 7 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return FitBGNBD(hs, CustomerFitOptions{})
	}
	bg, err := fit(activitytest.Config{Seed: 2025, CloseDateShare: 0.3, EURShare: 0.1})
	if err != nil {
		t.Fatalf("FitBGNBD on the quickstart's book: %v", err)
	}
	if drop := bg.A / (bg.A + bg.B); !(drop > 0 && drop < 1) {
		t.Errorf("mean dropout %v", drop)
	}
	for i, se := range []float64{bg.StdErr.R, bg.StdErr.Alpha, bg.StdErr.A, bg.StdErr.B} {
		if math.IsNaN(se) || math.IsInf(se, 0) || se <= 0 {
			t.Errorf("standard error %d = %v", i, se)
		}
	}
	if testing.Short() {
		return
	}
	ok := 0
	for seed := uint64(1); seed <= 20; seed++ {
		_, err := fit(activitytest.Config{Seed: seed})
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrNoConvergence):
			t.Errorf("seed %d: %v", seed, err)
		}
	}
	if ok < 15 {
		t.Errorf("BG/NBD fits %d of the books of seeds 1 to 20, want at least 15", ok)
	}
}

// TestTransactionAndCallNeedAmounts: absent is not zero.
func TestTransactionAndCallNeedAmounts(t *testing.T) {
	t.Parallel()
	var tx Transaction
	if err := json.Unmarshal([]byte(`{"customer":"c","at":"2025-01-05"}`), &tx); !errors.Is(err, activity.ErrMissingField) {
		t.Errorf("transaction without an amount: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"customer":"c","at":"2025-01-05","amount":"0"}`), &tx); err != nil {
		t.Errorf("transaction of 0: %v", err)
	}
	var c Call
	if err := json.Unmarshal([]byte(`{"rep":"ann","submitted_at":"2025-01-05","amount":null}`), &c); !errors.Is(err, activity.ErrMissingField) {
		t.Errorf("call without an amount: %v", err)
	}
}
