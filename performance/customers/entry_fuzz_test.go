package customers

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
	"github.com/salesmetrics/salesmetrics/internal/sentinels"
)

// entrySentinels are the exported sentinel errors an error from this
// package's entry points may wrap: the package's own and activity's.
var entrySentinels = slices.Concat([]error{
	ErrInvalidOptions, ErrMixedCurrencies, ErrZeroDenominator, ErrInvalidResponse,
	ErrNoResponses, ErrInvalidSubscription, ErrOverlappingSubscriptions, ErrNoCustomers,
	ErrNoRevenue, ErrInvalidSpend, ErrZeroChurn, ErrNoLifetimes, ErrInvalidLifetime,
}, sentinels.Activity)

// entryCheckErr fails unless err wraps one of entrySentinels.
func entryCheckErr(t *testing.T, what string, err error) {
	t.Helper()
	for _, s := range entrySentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s: error %q (%T) wraps no exported sentinel", what, err, err)
}

// entryFinite fails if v holds a NaN or an infinite float
// (fuzzcheck.NonFinite), or does not render (fuzzRender).
func entryFinite(t *testing.T, what string, v any) {
	t.Helper()
	if path, bad := fuzzcheck.NonFinite(v, what); bad {
		t.Fatalf("%s: non-finite float at %s in %+v", what, path, v)
	}
	fuzzRender(t, what, v)
}

// entryBits hands out options from a uint64, a few bits at a time; when
// they run out it stirs the word (splitmix64) for more.
type entryBits struct {
	w    uint64
	left int
}

func (b *entryBits) pick(n int) int {
	if b.left < 8 {
		b.w += 0x9e3779b97f4a7c15
		z := b.w
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		b.w, b.left = z^(z>>31), 64
	}
	v := int(b.w&0xff) % n
	b.w >>= 8
	b.left -= 8
	return v
}

// entryDecimal picks an amount, some negative, some beyond float64's range.
func entryDecimal(b *entryBits) decimal.Decimal {
	exps := []int32{0, -2, -4, -30, -400, 30, 400, 2}
	return decimal.New(int64(b.pick(256))-32, exps[b.pick(len(exps))])
}

// entrySpends decodes spend records, four bytes each: day (255: no date,
// 254: year 1800), amount, currency (some invalid or foreign), category.
func entrySpends(data []byte) []Spend {
	var out []Spend
	base := utcDay(2024, 1, 1)
	for ; len(data) >= 4; data = data[4:] {
		s := Spend{
			Amount:   decimal.New(int64(data[1])-10, -int32(data[1]%4)),
			Currency: []activity.Currency{"USD", "USD", "USD", "EUR", "", "usd"}[data[2]%6],
			Category: []string{"sales", "marketing", "", "events"}[data[3]%4],
		}
		switch data[0] {
		case 255:
		case 254:
			s.Date = utcDay(1800, 1, 1)
		default:
			s.Date = base.Add(time.Duration(data[0]) * 36 * time.Hour)
		}
		out = append(out, s)
	}
	return out
}

// entryPeriods are the periods a fuzzed option picks from: ordinary ones,
// invalid ones, and ones beyond the range of Unix nanoseconds.
var entryPeriods = []activity.Period{
	{Start: utcDay(2024, 2, 1), End: utcDay(2024, 5, 1), Name: "Q"},
	{Start: utcDay(2024, 1, 1), End: utcDay(2025, 1, 1), Name: "Y"},
	{Start: utcDay(2024, 1, 10), End: utcDay(2024, 1, 20)},
	{},
	{Start: utcDay(2024, 3, 1), End: utcDay(2024, 3, 1)},
	{Start: utcDay(2024, 5, 1), End: utcDay(2024, 2, 1)},
	{Start: utcDay(1900, 1, 1), End: utcDay(2199, 12, 31)},
	{Start: utcDay(2024, 1, 15), End: utcDay(2024, 1, 15).Add(time.Nanosecond)},
	{Start: utcDay(1, 1, 1), End: utcDay(9999, 1, 1)},
	{Start: utcDay(2024, 1, 1)},
}

// entryAsOf are the as-of times of lifetimes and snapshots.
var entryAsOf = []time.Time{
	{}, utcDay(2024, 1, 1), utcDay(2024, 3, 1), utcDay(2024, 7, 1), utcDay(2030, 1, 1),
	utcDay(1, 1, 1), utcDay(9999, 1, 1), utcDay(2024, 2, 3).Add(time.Nanosecond),
}

// FuzzCustomerEntryPoints builds subscriptions, spending and survey
// responses from the fuzz bytes, picks options (valid and out of range) from
// a uint64, and calls the entry points of the package that the other fuzz
// targets leave out: ARPA, NewSpending (with Spending.Skipped and
// Spending.Total), CAC, CustomerChurnRate, RevenueChurnRate,
// CustomerLifetimes, CustomerSurvival, CACPayback, LTVToCAC and CompareNPS,
// and the accessors Subscriptions.Snapshot, Subscriptions.Accounts and
// Survey.Segments. It checks: no panic; every error wraps an exported
// sentinel (of this package or of activity); every result returned without
// an error holds no NaN or infinite float; and the documented exact
// invariants: ARPA's customer count and MRR are the closing (or mean)
// ones; CAC's acquired customers are new plus reactivated and its spend is
// Spending.Total; a churn rate is a share in [0, 1] (but for the average
// base) with Retention = 1 − Rate; gross revenue churn is not negative and
// net is at most gross; a survival curve counts each lifetime once; a
// snapshot lists each customer at that moment once, in account order, at
// its MRR; a payback or LTV:CAC ratio is not negative; and an NPS change's
// Difference is After.Score − Before.Score with −200 ≤ Low ≤ High ≤ 200 and
// a p-value in [0, 1].
func FuzzCustomerEntryPoints(f *testing.F) {
	f.Add([]byte{3, 2,
		0, 0, 10, 0, 100, 1, 0, 1, 0, 20, 60, 120, 3, 200, 0, 1, 40, 30, 50, 2, 0,
		5, 200, 0, 0, 30, 100, 1, 1,
		0, 0, 9, 0, 1, 0, 3, 1, 2, 3, 7, 2, 1, 200, 10, 1}, uint64(0x0100010101010301))
	f.Add([]byte{4, 3,
		2, 1, 0, 255, 255, 3, 129, 2, 0, 200, 0, 9, 0, 0, 3, 1, 5, 5, 17, 4, 140, 0, 0, 40, 0, 50, 1, 0,
		255, 10, 0, 0, 20, 20, 3, 1, 40, 9, 0, 2,
		0, 0, 9, 0, 0, 0, 3, 1, 8, 255, 11, 2, 3, 4, 13, 0, 3, 180, 10, 2}, uint64(0x0123456789abcdef))
	f.Add([]byte{2, 1, 1, 0, 0, 40, 50, 0, 0, 3, 0, 30, 0, 80, 2, 0, 10, 100, 0, 0}, uint64(0x0002000100030700))
	f.Fuzz(func(t *testing.T, data []byte, opt uint64) {
		if len(data) < 2 {
			data = append(slices.Clone(data), 0, 0)
		}
		nSub, nSpend, rest := int(data[0]%17), int(data[1]%17), data[2:]
		cut := func(n int) []byte {
			n = min(n, len(rest))
			b := rest[:n]
			rest = rest[n:]
			return b
		}
		subBytes, spendBytes, surveyBytes := cut(7*nSub), cut(4*nSpend), rest
		bits := &entryBits{w: opt, left: 64}

		p := entryPeriods[bits.pick(len(entryPeriods))]
		asOf := entryAsOf[bits.pick(len(entryAsOf))]

		// Subscriptions: strict, then skipping the invalid ones. Some get
		// contract terms and renewal links.
		subs := fuzzBook(subBytes)
		for i := range subs {
			if bits.pick(2) == 0 {
				continue
			}
			subs[i].TermMonths = bits.pick(14)
			subs[i].NoticeDays = 30 * bits.pick(3)
			subs[i].AutoRenew = bits.pick(2) == 1
			if bits.pick(3) == 0 {
				subs[i].RenewedBy = subs[bits.pick(len(subs))].ID
			}
		}
		subOpts := SubscriptionOptions{Currency: []activity.Currency{"", "USD", "EUR", "usd"}[bits.pick(4)]}
		if _, err := NewSubscriptions(subs, subOpts); err != nil {
			entryCheckErr(t, "NewSubscriptions", err)
		}
		subOpts.SkipInvalid = true
		ss, err := NewSubscriptions(subs, subOpts)
		if err != nil {
			entryCheckErr(t, "NewSubscriptions(SkipInvalid)", err)
			ss = nil
		}
		if ss != nil {
			entrySnapshot(t, ss, asOf)
			entryRenewals(t, ss, p, RenewalOptions{AsOf: asOf, GraceDays: 10 * bits.pick(4), LateNotRenewed: bits.pick(2) == 1, List: true})
		}

		// Spending: strict, then skipping.
		spends := entrySpends(spendBytes)
		spOpts := SpendingOptions{SkipInvalid: bits.pick(2) == 1}
		sp, err := NewSpending(spends, spOpts)
		if err != nil {
			entryCheckErr(t, "NewSpending", err)
			if spOpts.SkipInvalid {
				t.Fatalf("NewSpending(SkipInvalid): %v", err)
			}
			sp, err = NewSpending(spends, SpendingOptions{SkipInvalid: true})
			if err != nil {
				t.Fatalf("NewSpending(SkipInvalid): %v", err)
			}
			if len(sp.Skipped()) == 0 {
				t.Fatal("strict NewSpending failed, but SkipInvalid skipped nothing")
			}
		} else if !spOpts.SkipInvalid && len(sp.Skipped()) > 0 {
			t.Fatalf("strict NewSpending succeeded with %d skipped", len(sp.Skipped()))
		}
		for _, e := range sp.Skipped() {
			var re *activity.RecordError
			if !errors.As(e, &re) || !(errors.Is(e, ErrInvalidSpend) || errors.Is(e, ErrMixedCurrencies)) {
				t.Fatalf("skipped spend %v: want a RecordError wrapping ErrInvalidSpend or ErrMixedCurrencies", e)
			}
		}
		entrySpendingTotals(t, sp, p)
		for _, s := range spends {
			entryRoundTrip(t, s, s.Validate())
		}
		if bits.pick(8) == 0 {
			sp = nil
		}

		// ARPA.
		arpaOpts := ARPAOptions{Average: bits.pick(2) == 1}
		var arpa decimal.Decimal
		var haveARPA bool
		if a, err := ARPA(ss, p, arpaOpts); err != nil {
			entryCheckErr(t, "ARPA", err)
		} else {
			entryFinite(t, "ARPA", a)
			m, err := Movements(ss, p)
			if err != nil {
				t.Fatalf("ARPA succeeded, Movements failed: %v", err)
			}
			wantN, wantMRR := float64(m.ClosingCustomers), m.Closing
			if arpaOpts.Average {
				wantN = float64(m.OpeningCustomers+m.ClosingCustomers) / 2
				wantMRR = m.Opening.Add(m.Closing).Div(decimal.NewFromInt(2))
			}
			if a.Customers != wantN || !(a.Customers > 0) || a.ARPA.IsNegative() {
				t.Fatalf("ARPA %+v: want %v customers (movements %v)", a, wantN, m)
			}
			if d := a.MRR.Sub(wantMRR).Abs(); d.GreaterThan(decimal.New(2, -mrrScale)) {
				t.Fatalf("ARPA MRR %s, want %s", a.MRR, wantMRR)
			}
			_ = a.String()
			arpa, haveARPA = a.ARPA, true
		}

		// CAC.
		cacOpts := CACOptions{
			Categories:  [][]string{nil, {"sales"}, {"marketing", "sales"}, {"nope"}, {""}, {"events", "sales", "marketing", ""}}[bits.pick(6)],
			Reactivated: bits.pick(2) == 1,
		}
		var cac decimal.Decimal
		var haveCAC bool
		if c, err := CAC(sp, ss, p, cacOpts); err != nil {
			entryCheckErr(t, "CAC", err)
		} else {
			entryFinite(t, "CAC", c)
			if c.Acquired != c.New+c.Reactivated || c.Acquired <= 0 || c.New < 0 || c.Reactivated < 0 ||
				(!cacOpts.Reactivated && c.Reactivated != 0) || c.New > int64(ss.Accounts()) {
				t.Fatalf("CAC counts %+v with %d accounts", c, ss.Accounts())
			}
			if want := sp.Total(p, cacOpts.Categories...); !c.Spend.Equal(want) || c.CAC.IsNegative() {
				t.Fatalf("CAC %+v, want spend %s", c, want)
			}
			_ = c.String()
			cac, haveCAC = c.CAC, true
		}

		// Customer churn.
		churnOpts := ChurnOptions{Base: ChurnBase(bits.pick(6))}
		if c, err := CustomerChurnRate(ss, p, churnOpts); err != nil {
			entryCheckErr(t, "CustomerChurnRate", err)
		} else {
			entryFinite(t, "CustomerChurnRate", c)
			if c.Rate < 0 || c.Retention != 1-c.Rate || c.Customers <= 0 || c.Churned < 0 {
				t.Fatalf("CustomerChurnRate(%v) = %+v", churnOpts.Base, c)
			}
			if churnOpts.Base != AverageBase && c.Rate > 1 {
				t.Fatalf("CustomerChurnRate(%v) = %+v: a share above 1", churnOpts.Base, c)
			}
			if churnOpts.Base == StartOnly && c.Churned > c.Opening {
				t.Fatalf("CustomerChurnRate: %d churned of %d opening", c.Churned, c.Opening)
			}
			_ = c.String()
		}

		// Revenue churn.
		revOpts := RevenueChurnOptions{Reactivation: bits.pick(2) == 1}
		if r, err := RevenueChurnRate(ss, p, revOpts); err != nil {
			entryCheckErr(t, "RevenueChurnRate", err)
		} else {
			entryFinite(t, "RevenueChurnRate", r)
			if r.GrossExact.IsNegative() || r.NetExact.GreaterThan(r.GrossExact) || !r.Opening.IsPositive() {
				t.Fatalf("RevenueChurnRate = %+v", r)
			}
			_ = r.String()
		}

		// Lifetimes and survival.
		survOpts := SurvivalOptions{
			Confidence: []float64{0, 0.5, 0.95, 0.999999, 1, -0.5, math.NaN(), 1e-300}[bits.pick(8)],
			Transform:  CITransform(bits.pick(5)),
			Median:     MedianRule(bits.pick(4)),
		}
		tally, lifeErr := CustomerLifetimes(ss, asOf)
		if lifeErr != nil {
			entryCheckErr(t, "CustomerLifetimes", lifeErr)
		} else if tally.Len() > ss.Accounts() {
			t.Fatalf("CustomerLifetimes: %d lifetimes of %d accounts", tally.Len(), ss.Accounts())
		}
		if s, err := CustomerSurvival(ss, asOf, survOpts); err != nil {
			entryCheckErr(t, "CustomerSurvival", err)
		} else {
			entryFinite(t, "CustomerSurvival", s)
			if lifeErr != nil {
				t.Fatalf("CustomerSurvival succeeded, CustomerLifetimes failed: %v", lifeErr)
			}
			if s.Lifetimes != tally.Len() || s.Ended+s.Censored != s.Lifetimes || s.Ended < 0 || s.Censored < 0 {
				t.Fatalf("CustomerSurvival counts %+v from %d lifetimes", s, tally.Len())
			}
			_ = s.String()
		}

		// Payback and LTV:CAC, from the results above when there are some.
		if !haveCAC || bits.pick(2) == 0 {
			cac = entryDecimal(bits)
		}
		if !haveARPA || bits.pick(2) == 0 {
			arpa = entryDecimal(bits)
		}
		margins := []activity.Optional[decimal.Decimal]{
			{}, activity.Some(decimal.Zero), activity.Some(decimal.New(5, -1)), activity.Some(decimal.NewFromInt(1)),
			activity.Some(decimal.New(15, -1)), activity.Some(decimal.New(-25, -2)), activity.Some(decimal.New(1, -30)),
			activity.Some(decimal.New(1, -400)),
		}
		if pb, err := CACPayback(cac, arpa, margins[bits.pick(len(margins))], ""); err != nil {
			entryCheckErr(t, "CACPayback", err)
		} else {
			entryFinite(t, "CACPayback", pb)
			if pb.Months.IsNegative() || pb.Float < 0 {
				t.Fatalf("CACPayback = %+v", pb)
			}
			_ = pb.String()
		}
		ltv := entryDecimal(bits)
		if haveARPA && bits.pick(2) == 0 {
			if v, err := LTV(arpa, decimal.New(int64(bits.pick(256)), -3), LTVOptions{}); err == nil {
				ltv = v.Value
			}
		}
		if r, err := LTVToCAC(ltv, cac, ""); err != nil {
			entryCheckErr(t, "LTVToCAC", err)
		} else {
			entryFinite(t, "LTVToCAC", r)
			if r.Ratio.IsNegative() || r.Float < 0 {
				t.Fatalf("LTVToCAC = %+v", r)
			}
			_ = r.String()
		}

		// NPS change between the two halves of the survey's time span.
		rs := surveyFuzzResponses(surveyBytes)
		for _, r := range rs {
			entryRoundTrip(t, r, r.Validate())
		}
		// The options' enumerations, in and out of range, as text; and the
		// survey's bytes read as the name of each.
		text := surveyBytes[:min(len(surveyBytes), 16)]
		for range 2 {
			fuzzEnumText(t, ChurnBase(bits.pick(8)), text)
			fuzzEnumText(t, CITransform(bits.pick(8)), text)
			fuzzEnumText(t, Compounding(bits.pick(8)), text)
			fuzzEnumText(t, IntervalMethod(bits.pick(8)), text)
			fuzzEnumText(t, Timing(bits.pick(8)), text)
		}
		sv, err := NewSurvey(rs, SurveyOptions{SkipInvalid: bits.pick(4) != 0})
		if err != nil {
			entryCheckErr(t, "NewSurvey", err)
		}
		segs := sv.Segments()
		if !slices.IsSorted(segs) || len(slices.Compact(slices.Clone(segs))) != len(segs) {
			t.Fatalf("Segments = %q", segs)
		}
		npsOpts := NPSOptions{
			Classes:    []NPSClasses{{}, {DetractorMax: 3, PromoterMin: 4}, {DetractorMax: 6, PromoterMin: 9}, {DetractorMax: 9, PromoterMin: 3}}[bits.pick(4)],
			Interval:   IntervalMethod(bits.pick(3)),
			Confidence: []float64{0, 0.5, 0.95, 0.999999, 1, -0.5, math.NaN(), 1e-300}[bits.pick(8)],
			Latest:     bits.pick(2) == 1,
		}
		mid := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC) // surveyFuzzResponses spans 2025-01-01 + 0..254 × 7h
		before, err1 := NetPromoterScore(sv, activity.Period{Start: utcDay(2025, 1, 1), End: mid}, npsOpts)
		after, err2 := NetPromoterScore(sv, activity.Period{Start: mid, End: utcDay(2025, 3, 1)}, npsOpts)
		for i, e := range []error{err1, err2} {
			if e != nil {
				entryCheckErr(t, "NetPromoterScore", e)
			} else {
				entryFinite(t, "NetPromoterScore", []NPS{before, after}[i])
			}
		}
		if k := bits.pick(4); k < 2 {
			// Tamper with one side, as a host holding stored results might.
			vals := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 101, 1e-310, 0, 100, -100, 0.3}
			v := vals[bits.pick(len(vals))]
			n := &before
			if k == 1 {
				n = &after
			}
			switch bits.pick(6) {
			case 0:
				n.Score = v
			case 1:
				n.Estimate = v
			case 2:
				n.StdErr = v
			case 3:
				n.Confidence = v
			case 4:
				n.Responses = int64(v)
			case 5:
				n.Interval = IntervalMethod(bits.pick(4))
			}
		}
		if c, err := CompareNPS(before, after); err != nil {
			entryCheckErr(t, "CompareNPS", err)
		} else {
			entryFinite(t, "CompareNPS", c)
			if c.Difference != after.Score-before.Score || !(-200 <= c.Low && c.Low <= c.High && c.High <= 200) ||
				!(c.PValue >= 0 && c.PValue <= 1) || !(c.StdErr > 0) {
				t.Fatalf("CompareNPS = %+v", c)
			}
			_ = c.String()
		}
	})
}

// entrySnapshot checks Snapshot at asOf: accounts in order, each once, with
// revenue, at the MRR that MRR reports, no more than Accounts.
func entrySnapshot(t *testing.T, ss *Subscriptions, at time.Time) {
	t.Helper()
	var names []string
	for name, mrr := range ss.Snapshot(at) {
		if !mrr.IsPositive() || !mrr.Equal(ss.MRR(name, at)) {
			t.Fatalf("Snapshot(%v): %s at %s, MRR says %s", at, name, mrr, ss.MRR(name, at))
		}
		names = append(names, name)
		if len(names) == 2 {
			break // stopping early must be safe
		}
	}
	names = names[:0]
	for name := range ss.Snapshot(at) {
		names = append(names, name)
	}
	if len(names) > ss.Accounts() || !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Fatalf("Snapshot(%v) = %q of %d accounts", at, names, ss.Accounts())
	}
	for _, end := range []bool{false, true} {
		p := activity.Period{Start: at, End: at.Add(31 * 24 * time.Hour)}
		m, err := Movements(ss, p)
		if err != nil {
			return // an invalid period (a zero time): nothing to compare
		}
		want, when := m.OpeningCustomers, p.Start
		if end {
			want, when = m.ClosingCustomers, p.End
		}
		n := int64(0)
		for range ss.Snapshot(when) {
			n++
		}
		if n != want {
			t.Fatalf("Snapshot(%v) lists %d customers, movements over %v count %d", when, n, p, want)
		}
	}
}

// entrySpendingTotals checks Total: never negative, and the total over all
// categories is the sum over each.
func entrySpendingTotals(t *testing.T, sp *Spending, p activity.Period) {
	t.Helper()
	all := sp.Total(p)
	var sum decimal.Decimal
	for _, c := range []string{"sales", "marketing", "", "events"} {
		sum = sum.Add(sp.Total(p, c))
	}
	if all.IsNegative() || !all.Equal(sum) || !all.Equal(sp.Total(p, "sales", "marketing", "", "events")) {
		t.Fatalf("Total(%v) = %s, by category %s", p, all, sum)
	}
	if (p.Validate() != nil && !p.Start.IsZero() && !p.End.After(p.Start)) && !all.IsZero() {
		t.Fatalf("Total over the empty %v = %s", p, all)
	}
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, entrySentinels)
}

// entryRoundTrip checks a record: its Validate error (valid) wraps a
// sentinel, and a valid record reads back from its JSON as it was (compared
// as printed: decimals and times print their value). An invalid one may not
// be JSON at all (a NaN score).
func entryRoundTrip[T any](t *testing.T, rec T, valid error) {
	t.Helper()
	name := fmt.Sprintf("%T", rec)
	if valid != nil {
		entryCheckErr(t, name+".Validate", valid)
		return
	}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatalf("json.Marshal(%+v): %v", rec, err)
	}
	var back T
	if err := json.Unmarshal(b, &back); err != nil {
		entryCheckErr(t, name+".UnmarshalJSON", err)
		return
	}
	if fmt.Sprint(back) != fmt.Sprint(rec) {
		t.Fatalf("%s: JSON %s reads back as %+v, not %+v", name, b, back, rec)
	}
}

// entryRenewals checks Renewals, RenewalsBy and NoticeDeadlines: every
// contract due is counted once by status, the expiring MRR splits into
// renewed, lost and pending exactly, the rates are shares, contracts and
// deadlines come in date order, and the months of a period hold its
// contracts.
func entryRenewals(t *testing.T, ss *Subscriptions, p activity.Period, opts RenewalOptions) {
	t.Helper()
	r, err := Renewals(ss, p, opts)
	if err != nil {
		entryCheckErr(t, "Renewals", err)
		return
	}
	fuzzRender(t, "Renewals", r)
	if r.Due != r.OnTime+r.Late+r.NotRenewed+r.Pending || int64(len(r.Contracts)) != r.Due {
		t.Fatalf("Renewals counts %+v", r)
	}
	if !r.DueMRR.Equal(r.RenewedMRR.Add(r.LostMRR).Add(r.PendingMRR)) {
		t.Fatalf("Renewals: due %s != renewed %s + lost %s + pending %s", r.DueMRR, r.RenewedMRR, r.LostMRR, r.PendingMRR)
	}
	if r.Rate < 0 || r.Rate > 1 || r.ValueRate < 0 || r.ValueRate > 1 || r.Expansion.IsNegative() || r.Contraction.IsNegative() {
		t.Fatalf("Renewals rates %+v", r)
	}
	for i := 1; i < len(r.Contracts); i++ {
		if r.Contracts[i].TermEnd.Before(r.Contracts[i-1].TermEnd) {
			t.Fatalf("Renewals contracts out of order: %v", r.Contracts)
		}
	}
	if months, err := RenewalsBy(ss, p, activity.ByPeriod(activity.Calendar{}, activity.Monthly), opts); err != nil {
		entryCheckErr(t, "RenewalsBy", err)
	} else {
		var due int64
		for _, m := range months {
			due += m.Due
		}
		if due != r.Due {
			t.Fatalf("RenewalsBy months hold %d contracts, Renewals %d", due, r.Due)
		}
	}
	ds, err := NoticeDeadlines(ss, p)
	if err != nil {
		entryCheckErr(t, "NoticeDeadlines", err)
		return
	}
	for i, d := range ds {
		if !p.Contains(d.NoticeBy) || d.MRR.IsNegative() || (i > 0 && d.NoticeBy.Before(ds[i-1].NoticeBy)) {
			t.Fatalf("NoticeDeadlines %+v in %v", ds, p)
		}
	}
	fuzzEnumText(t, RenewalStatus(len(ds)%6), []byte(r.Period.Name))
}
