package performance

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// The quota fixture, all in 2024 (q1 is 2024 Q1, 91 days: 31 + 29 + 31):
//
//	ann  east  ramp [0.5] done since 2022   quotas Jan, Feb, Mar, Apr 2,000 USD each (metric "")
//	bob  east                               quota Q1 6,000 USD ("bookings")
//	cy   west  hired 15 Dec 2023, ramp 0.25, 0.5, 0.75   quota Q1 3,000 USD
//	dee  west                               quota Q1 0 USD
//	eve  west                               quota Q1 4 deals ("deals")
//	team east                               quota Q1 10,000 USD
//
// Deals (USD; open deals at stage proposal, default probability 0.60, with
// the date their expected close):
//
//	A1 ann won 1,500 15 Jan   A2 ann won 1,000 20 Jan   A3 ann lost 4,000 10 Feb
//	A4 ann won 1,200 25 Feb   A5 ann open 5,000 20 Mar  A6 ann won 800 2 Apr
//	A7 ann open 9,000 20 Apr
//	B1 bob won 4,000 14 Feb   B2 bob won 2,500 29 Mar   B3 bob won 3,000 20 Dec 2023
//	B4 bob lost 1,000 1 Mar   B5 bob open 2,000 10 Mar
//	C1 cy won 1,500 5 Mar
//	D1 dee won 700 2 Feb
//	E1 eve won 900 10 Jan     E2 eve won 1,100 20 Feb   E3 eve won 400 15 Mar
//	E4 eve lost 500 16 Mar    E5 eve open 1,000 25 Mar
var (
	attJan = activity.Period{Start: date(2024, 1, 1), End: date(2024, 2, 1), Name: "2024-01"}
	attFeb = activity.Period{Start: date(2024, 2, 1), End: date(2024, 3, 1), Name: "2024-02"}
	attMar = activity.Period{Start: date(2024, 3, 1), End: date(2024, 4, 1), Name: "2024-03"}
	attApr = activity.Period{Start: date(2024, 4, 1), End: date(2024, 5, 1), Name: "2024-04"}
)

func attDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func attReps() []activity.Rep {
	since := date(2022, 1, 1)
	team := func(from time.Time, t string) []activity.Assignment {
		return []activity.Assignment{{From: from, Team: t}}
	}
	return []activity.Rep{
		{ID: "ann", HiredAt: since, Assignments: team(since, "east"), Ramp: []decimal.Decimal{attDec("0.5")}},
		{ID: "bob", HiredAt: since, Assignments: team(since, "east")},
		{ID: "cy", HiredAt: date(2023, 12, 15), Assignments: team(date(2023, 12, 15), "west"),
			Ramp: []decimal.Decimal{attDec("0.25"), attDec("0.5"), attDec("0.75")}},
		{ID: "dee", HiredAt: since, Assignments: team(since, "west")},
		{ID: "eve", HiredAt: since, Assignments: team(since, "west")},
	}
}

// attDeal makes a USD deal created on 1 November 2023; at is the close
// time, or for an open deal the expected close.
func attDeal(id, owner string, status activity.Status, amount int64, at time.Time) activity.Deal {
	d := activity.Deal{ID: id, Owner: owner, Amount: decimal.NewFromInt(amount), Currency: "USD",
		Status: status, CreatedAt: date(2023, 11, 1)}
	switch status {
	case activity.StatusWon:
		d.Stage, d.ClosedAt = activity.StageClosedWon, at
	case activity.StatusLost:
		d.Stage, d.ClosedAt = activity.StageClosedLost, at
	default:
		d.Stage, d.ExpectedCloseAt = activity.StageProposal, at
	}
	return d
}

func attDeals() []activity.Deal {
	won, lost, open := activity.StatusWon, activity.StatusLost, activity.StatusOpen
	return []activity.Deal{
		attDeal("A1", "ann", won, 1500, date(2024, 1, 15)),
		attDeal("A2", "ann", won, 1000, date(2024, 1, 20)),
		attDeal("A3", "ann", lost, 4000, date(2024, 2, 10)),
		attDeal("A4", "ann", won, 1200, date(2024, 2, 25)),
		attDeal("A5", "ann", open, 5000, date(2024, 3, 20)),
		attDeal("A6", "ann", won, 800, date(2024, 4, 2)),
		attDeal("A7", "ann", open, 9000, date(2024, 4, 20)),
		attDeal("B1", "bob", won, 4000, date(2024, 2, 14)),
		attDeal("B2", "bob", won, 2500, date(2024, 3, 29)),
		attDeal("B3", "bob", won, 3000, date(2023, 12, 20)),
		attDeal("B4", "bob", lost, 1000, date(2024, 3, 1)),
		attDeal("B5", "bob", open, 2000, date(2024, 3, 10)),
		attDeal("C1", "cy", won, 1500, date(2024, 3, 5)),
		attDeal("D1", "dee", won, 700, date(2024, 2, 2)),
		attDeal("E1", "eve", won, 900, date(2024, 1, 10)),
		attDeal("E2", "eve", won, 1100, date(2024, 2, 20)),
		attDeal("E3", "eve", won, 400, date(2024, 3, 15)),
		attDeal("E4", "eve", lost, 500, date(2024, 3, 16)),
		attDeal("E5", "eve", open, 1000, date(2024, 3, 25)),
	}
}

func attUSD(rep string, p activity.Period, amount int64) activity.Quota {
	return activity.Quota{Rep: rep, Period: p, Amount: activity.Some(decimal.NewFromInt(amount)), Currency: "USD"}
}

func attQuotas() []activity.Quota {
	bob := attUSD("bob", q1, 6000)
	bob.Metric = "bookings"
	team := attUSD("", q1, 10000)
	team.Team = "east"
	return []activity.Quota{
		attUSD("ann", attJan, 2000), attUSD("ann", attFeb, 2000), attUSD("ann", attMar, 2000), attUSD("ann", attApr, 2000),
		bob,
		attUSD("cy", q1, 3000),
		attUSD("dee", q1, 0),
		{Rep: "eve", Metric: "deals", Period: q1, Count: activity.Some(int64(4))},
		team,
	}
}

func attIndex(t *testing.T, deals []activity.Deal) *activity.Index {
	t.Helper()
	ix, err := activity.NewIndex(activity.Records{Reps: attReps(), Deals: deals, Quotas: attQuotas()},
		activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// attSmallIndex is an index without a roster, for odd quota sets.
func attSmallIndex(t *testing.T, deals []activity.Deal, quotas []activity.Quota) *activity.Index {
	t.Helper()
	ix, err := activity.NewIndex(activity.Records{Deals: deals, Quotas: quotas}, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// attRow is what a test compares of a QuotaAttainment or OwnerAttainment.
type attRow struct {
	Owner, Period, Quota, Actual string
	Won                          int64
	Attainment                   string
	Undefined                    bool
}

func attQuotaRows(as []QuotaAttainment) []attRow {
	var out []attRow
	for _, a := range as {
		out = append(out, attRow{a.Owner, periodName(a.Period), a.Quota.String(), a.Actual.String(), a.WonDeals,
			a.Attainment.String(), a.Undefined != ""})
	}
	return out
}

func attOwnerRows(as []OwnerAttainment) []attRow {
	var out []attRow
	for _, a := range as {
		out = append(out, attRow{a.Owner, periodName(a.Period), a.Quota.String(), a.Actual.String(), a.WonDeals,
			a.Attainment.String(), a.Undefined != ""})
	}
	return out
}

func TestAttainment(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	for _, tc := range []struct {
		name string
		p    activity.Period
		opt  AttainmentOptions
		want []attRow
	}{
		// Bookings quotas (metric "" or "bookings") within Q1; ann's April
		// quota, eve's count quota and the team quota are left out.
		{"reps bookings", q1, AttainmentOptions{}, []attRow{
			{"ann", "2024-01", "2000", "2500", 2, "1.25", false},                   // A1 + A2 = 1,500 + 1,000; 2,500 / 2,000
			{"ann", "2024-02", "2000", "1200", 1, "0.6", false},                    // A4; A3 lost
			{"ann", "2024-03", "2000", "0", 0, "0", false},                         // A5 still open
			{"bob", "2024 Q1", "6000", "6500", 2, "1.08333333333333333333", false}, // B1 + B2 = 6,500; B3 won in 2023
			{"cy", "2024 Q1", "3000", "1500", 1, "0.5", false},                     // C1
			{"dee", "2024 Q1", "0", "700", 1, "0", true},                           // D1 against a zero quota
		}},
		// Only January lies within January.
		{"one month", attJan, AttainmentOptions{}, []attRow{{"ann", "2024-01", "2000", "2500", 2, "1.25", false}}},
		// A6 (2 April) against April's quota.
		{"april", attApr, AttainmentOptions{}, []attRow{{"ann", "2024-04", "2000", "800", 1, "0.4", false}}},
		// eve: E1, E2, E3 won in Q1 (E4 lost, E5 open): 3 / 4.
		{"count quota", q1, AttainmentOptions{Metric: "deals"}, []attRow{{"eve", "2024 Q1", "4", "3", 3, "0.75", false}}},
		// east = ann + bob by the roster: 3,700 + 6,500 = 10,200; / 10,000.
		{"team", q1, AttainmentOptions{Level: TeamQuotas}, []attRow{{"east", "2024 Q1", "10000", "10200", 5, "1.02", false}}},
		// No quota lies within 2025.
		{"no quotas", activity.Period{Start: date(2025, 1, 1), End: date(2026, 1, 1)}, AttainmentOptions{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Attainment(ix.All(), tc.p, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, attQuotaRows(got)); diff != "" {
				t.Errorf("Attainment(%v) (-want +got):\n%s", tc.opt, diff)
			}
			for _, a := range got {
				if a.AttainmentFloat != a.Attainment.InexactFloat64() {
					t.Errorf("Attainment() float %v beside %s", a.AttainmentFloat, a.Attainment)
				}
			}
		})
	}

	got, err := Attainment(ix.All(), q1, AttainmentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 6,500 / 6,000 = 1.083333…
	if a := got[3]; math.Abs(a.AttainmentFloat-6500.0/6000) > 1e-15 || a.Currency != "USD" || a.Metric != "bookings" {
		t.Errorf("Attainment(bob) = %+v, want 6500 / 6000 USD for bookings", a)
	}
	if got[5].Undefined != "quota is zero" {
		t.Errorf("Attainment(dee).Undefined = %q, want %q", got[5].Undefined, "quota is zero")
	}
	for i, want := range map[int]string{
		0: "rep ann 2024-01: 2500.00 of 2000.00 USD, 125.0% of quota (2 won deals)",
		5: "rep dee 2024 Q1: 700.00 of 0.00 USD, undefined (quota is zero) (1 won deal)",
	} {
		if s := got[i].String(); s != want {
			t.Errorf("QuotaAttainment.String() = %q, want %q", s, want)
		}
	}
	count, err := Attainment(ix.All(), q1, AttainmentOptions{Metric: "deals"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "rep eve 2024 Q1: 3 of 4 won deals, 75.0% of quota (3 won deals)"; count[0].String() != want || !count[0].ByCount || count[0].Currency != "" {
		t.Errorf("Attainment(count) = %q (by count %v, %q), want %q", count[0], count[0].ByCount, count[0].Currency, want)
	}
}

func TestAttainmentCurrencies(t *testing.T) {
	t.Parallel()
	deals := attDeals()
	deals[8].Currency = "EUR"  // B2: 2,500 EUR won on 29 March
	deals[16].Currency = "EUR" // E3: counted by eve's count quota whatever its currency
	ix := attIndex(t, deals)
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: date(2024, 1, 1), Rate: attDec("1.1")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Attainment(ix.All(), q1, AttainmentOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("Attainment(EUR deal, no conversion) = %v, want ErrMixedCurrencies", err)
	}
	got, err := Attainment(ix.All(), q1, AttainmentOptions{Conversion: &activity.Conversion{To: "USD", Converter: rates}})
	if err != nil {
		t.Fatal(err)
	}
	// bob: 4,000 + 2,500 EUR × 1.1 = 4,000 + 2,750 = 6,750; / 6,000 = 1.125.
	if b := got[3]; b.Owner != "bob" || !b.Actual.Equal(attDec("6750")) || b.Converted != 1 || !b.Attainment.Equal(attDec("1.125")) {
		t.Errorf("Attainment(bob, converted) = %+v, want 6750 USD, 1 converted, 1.125", b)
	}
	// A count quota counts deals in any currency: E1, E2, E3.
	count, err := Attainment(ix.All(), q1, AttainmentOptions{Metric: "deals"})
	if err != nil || count[0].WonDeals != 3 {
		t.Errorf("Attainment(count, EUR deal) = %v, %v; want 3 won deals", count, err)
	}
	for _, tc := range []struct {
		name string
		conv *activity.Conversion
		want error
	}{
		// A conversion to another currency than the quota's does not help.
		{"conversion to GBP", &activity.Conversion{To: "GBP", Converter: rates}, ErrMixedCurrencies},
		{"no rate yet", &activity.Conversion{To: "USD", Converter: rates, Date: activity.RateFixed, Fixed: date(2023, 6, 1)}, activity.ErrNoRate},
		{"no converter", &activity.Conversion{To: "USD"}, activity.ErrInvalidConversion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Attainment(ix.All(), q1, AttainmentOptions{Conversion: tc.conv}); !errors.Is(err, tc.want) {
				t.Errorf("Attainment(%s) = %v, want %v", tc.name, err, tc.want)
			}
		})
	}
}

func TestAttainmentToDate(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	feb15 := date(2024, 2, 15)
	for _, tc := range []struct {
		name string
		asOf time.Time
		opt  AttainmentOptions
		want []attRow
	}{
		// As of 15 February: ann's January quota in full and February's
		// (running) in full, March's not started: 4,000; won before 15 Feb
		// A1 + A2 = 2,500 (A4 on 25 Feb is later): 2,500 / 4,000 = 0.625.
		// bob: 6,000 in full; B1 (14 Feb) = 4,000: 0.666…; cy: C1 is in March.
		{"in full", feb15, AttainmentOptions{}, []attRow{
			{"ann", "2024 Q1", "4000", "2500", 2, "0.625", false},
			{"bob", "2024 Q1", "6000", "4000", 1, "0.66666666666666666667", false},
			{"cy", "2024 Q1", "3000", "0", 0, "0", false},
			{"dee", "2024 Q1", "0", "700", 1, "0", true},
		}},
		// Prorated by elapsed days: February has 29, 14 elapsed by the 15th:
		// ann 2,000 + 2,000 × 14 / 29 = 2,000 + 965.51724137931034482759.
		// Q1 has 91 days, 45 elapsed: bob 6,000 × 45 / 91 =
		// 2,967.03296703296703296703; cy 3,000 × 45 / 91 = 1,483.51648351648351648352.
		{"prorated", feb15, AttainmentOptions{Prorate: true}, []attRow{
			{"ann", "2024 Q1", "2965.51724137931034482759", "2500", 2, "0.84302325581395348837", false},
			{"bob", "2024 Q1", "2967.03296703296703296703", "4000", 1, "1.34814814814814814815", false},
			{"cy", "2024 Q1", "1483.51648351648351648352", "0", 0, "0", false},
			{"dee", "2024 Q1", "0", "700", 1, "0", true},
		}},
		// As of 1 January nothing has started before it.
		{"before the period", date(2024, 1, 1), AttainmentOptions{}, nil},
		// After the quarter: every Q1 quota in full; ann 1,500 + 1,000 +
		// 1,200 = 3,700 of 6,000.
		{"after the period", date(2024, 6, 1), AttainmentOptions{}, []attRow{
			{"ann", "2024 Q1", "6000", "3700", 3, "0.61666666666666666667", false},
			{"bob", "2024 Q1", "6000", "6500", 2, "1.08333333333333333333", false},
			{"cy", "2024 Q1", "3000", "1500", 1, "0.5", false},
			{"dee", "2024 Q1", "0", "700", 1, "0", true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AttainmentToDate(ix.All(), q1, tc.asOf, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, attOwnerRows(got)); diff != "" {
				t.Errorf("AttainmentToDate(%v, %v) (-want +got):\n%s", tc.asOf, tc.opt, diff)
			}
		})
	}
	got, err := AttainmentToDate(ix.All(), q1, feb15, AttainmentOptions{Prorate: true})
	if err != nil {
		t.Fatal(err)
	}
	// The float beside the exact ratio, from the fractions: 2,500 / (2,000 +
	// 2,000 × 14 / 29) and 4,000 / (6,000 × 45 / 91).
	if a, want := got[0].AttainmentFloat, 2500/(2000+2000*14.0/29); math.Abs(a-want) > 1e-15 {
		t.Errorf("AttainmentToDate(ann, prorated) = %v, want %v", a, want)
	}
	if a, want := got[1].AttainmentFloat, 4000/(6000*45.0/91); math.Abs(a-want) > 1e-15 {
		t.Errorf("AttainmentToDate(bob, prorated) = %v, want %v", a, want)
	}
	if got[0].Quotas != 2 || got[0].Partial != 1 || !got[0].Prorated {
		t.Errorf("AttainmentToDate(ann) counted %d quotas, %d running, prorated %v; want 2, 1, true", got[0].Quotas, got[0].Partial, got[0].Prorated)
	}
	full, err := AttainmentToDate(ix.All(), q1, feb15, AttainmentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "rep ann 2024 Q1 to 2024-02-15: 2500.00 of 4000.00 USD over 2 quotas (1 running, in full), 62.5% of quota"; full[0].String() != want {
		t.Errorf("OwnerAttainment.String() = %q, want %q", full[0], want)
	}
	// Team quotas: east, as of 15 Feb, 10,000 in full; A1 + A2 + B1 = 6,500.
	team, err := AttainmentToDate(ix.All(), q1, feb15, AttainmentOptions{Level: TeamQuotas})
	if err != nil || len(team) != 1 || !team[0].Attainment.Equal(attDec("0.65")) {
		t.Errorf("AttainmentToDate(team) = %v, %v; want east at 0.65", team, err)
	}
}

func TestAtQuota(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	for _, tc := range []struct {
		name                 string
		opt                  AttainmentOptions
		counted, above, zero int64
		notRamped            []string
		bands                []int64
		share                float64
	}{
		// Q1: ann 3,700 / 6,000 = 0.617, bob 6,500 / 6,000 = 1.083, cy
		// 1,500 / 3,000 = 0.5, dee a zero quota (left out). 1 of 3 at or
		// above. Bands < 0.5, [0.5, 0.75), [0.75, 1), [1, 1.25), >= 1.25:
		// cy at exactly 0.5 goes in [0.5, 0.75) with ann; bob in [1, 1.25).
		{"default", AttainmentOptions{}, 3, 1, 1, nil, []int64{0, 2, 0, 1, 0}, 1.0 / 3},
		// cy's ramp factor on 1 January (tenure month 1) is 0.25: left out.
		// ann finished her one-month ramp in 2022: counted. 1 of 2.
		{"ramped only", AttainmentOptions{RampedOnly: true}, 2, 1, 1, []string{"cy"}, []int64{0, 1, 0, 1, 0}, 0.5},
		// One threshold at 1: ann and cy below, bob above.
		{"own bands", AttainmentOptions{Bands: []decimal.Decimal{attDec("1")}}, 3, 1, 1, nil, []int64{2, 1}, 1.0 / 3},
		// eve: 3 of 4 deals = 0.75, in [0.75, 1).
		{"count quota", AttainmentOptions{Metric: "deals"}, 1, 0, 0, nil, []int64{0, 0, 1, 0, 0}, 0},
		// east: 10,200 / 10,000 = 1.02.
		{"team", AttainmentOptions{Level: TeamQuotas}, 1, 1, 0, nil, []int64{0, 0, 0, 1, 0}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AtQuota(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var bands []int64
			for _, b := range got.Bands {
				bands = append(bands, b.Owners)
			}
			if got.Counted != tc.counted || got.AtOrAbove != tc.above || got.ZeroQuota != tc.zero ||
				!cmp.Equal(got.NotRamped, tc.notRamped) || !cmp.Equal(bands, tc.bands) || math.Abs(got.Share-tc.share) > 1e-15 {
				t.Errorf("AtQuota(%v) = %d counted, %d at or above, %d zero, not ramped %v, bands %v, share %v; want %d, %d, %d, %v, %v, %v",
					tc.opt, got.Counted, got.AtOrAbove, got.ZeroQuota, got.NotRamped, bands, got.Share,
					tc.counted, tc.above, tc.zero, tc.notRamped, tc.bands, tc.share)
			}
		})
	}
	got, err := AtQuota(ix.All(), q1, AttainmentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "all: 1 of 3 reps at or above bookings quota in 2024 Q1 (33.3%); 1 zero quota; " +
		"bands < 0.5: 0, [0.5, 0.75): 2, [0.75, 1): 0, [1, 1.25): 1, >= 1.25: 0"
	if got.String() != want {
		t.Errorf("AtQuotaShare.String() = %q, want %q", got, want)
	}
	if len(got.Owners) != 4 || got.Owners[0].Owner != "ann" || !got.Owners[0].Actual.Equal(attDec("3700")) {
		t.Errorf("AtQuota().Owners = %v, want ann, bob, cy, dee with ann at 3700", got.Owners)
	}

	// Without a roster, a rep counts as ramped: zed 1,000 of 1,000.
	small := attSmallIndex(t, []activity.Deal{attDeal("Z1", "zed", activity.StatusWon, 1000, date(2024, 2, 1))},
		[]activity.Quota{attUSD("zed", q1, 1000)})
	z, err := AtQuota(small.All(), q1, AttainmentOptions{RampedOnly: true})
	if err != nil || z.Counted != 1 || z.AtOrAbove != 1 || len(z.NotRamped) != 0 || z.Share != 1 {
		t.Errorf("AtQuota(off roster, ramped only) = %v, %v; want zed counted at quota", z, err)
	}
}

// TestAttainmentRamping: a rep quota says whether its rep was ramping when
// its period began, as RampedOnly judges it; team quotas never do.
func TestAttainmentRamping(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	got, err := Attainment(ix.All(), q1, AttainmentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// cy's ramp factor on 1 January (tenure month 1) is 0.25; ann finished
	// her one-month ramp in 2022; bob and dee have no ramp.
	ramping := map[string]bool{}
	for _, a := range got {
		if a.Ramping {
			ramping[a.Owner] = true
		}
	}
	if !cmp.Equal(ramping, map[string]bool{"cy": true}) {
		t.Errorf("ramping reps %v, want cy alone", ramping)
	}
	for _, a := range got {
		if a.Owner == "cy" && !strings.Contains(a.String(), "; ramping (") {
			t.Errorf("String() = %q, want it to say ramping", a)
		}
	}
	team, err := Attainment(ix.All(), q1, AttainmentOptions{Level: TeamQuotas})
	if err != nil || len(team) == 0 {
		t.Fatalf("team attainment %v, %v", team, err)
	}
	for _, a := range team {
		if a.Ramping {
			t.Errorf("team quota %v says ramping", a)
		}
	}
	// Off the roster: not ramping.
	small := attSmallIndex(t, []activity.Deal{attDeal("Z1", "zed", activity.StatusWon, 1000, date(2024, 2, 1))},
		[]activity.Quota{attUSD("zed", q1, 1000)})
	z, err := Attainment(small.All(), q1, AttainmentOptions{})
	if err != nil || len(z) != 1 || z[0].Ramping {
		t.Errorf("off the roster: %v, %v", z, err)
	}
}

func TestAttainmentErrors(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	bad := activity.Period{Start: q1.End, End: q1.Start}
	y2025 := activity.Period{Start: date(2025, 1, 1), End: date(2026, 1, 1)}
	feb15 := date(2024, 2, 15)

	// ann has a Q1 "bookings" quota over her monthly "" quotas: the
	// default metric takes both.
	overlapping := append(attQuotas(), activity.Quota{Rep: "ann", Metric: "bookings", Period: q1,
		Amount: activity.Some(attDec("6000")), Currency: "USD"})
	ov, err := activity.NewIndex(activity.Records{Reps: attReps(), Deals: attDeals(), Quotas: overlapping},
		activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	// zed has an amount quota in January and a count quota in February;
	// yan a USD quota in January and a EUR one in February.
	eur := attUSD("yan", attFeb, 1000)
	eur.Currency = "EUR"
	zed := attSmallIndex(t, []activity.Deal{attDeal("Z1", "zed", activity.StatusWon, 1000, date(2024, 1, 10))},
		[]activity.Quota{attUSD("zed", attJan, 1000), {Rep: "zed", Period: attFeb, Count: activity.Some(int64(2))}})
	yan := attSmallIndex(t, nil, []activity.Quota{attUSD("yan", attJan, 1000), eur})

	for _, tc := range []struct {
		name string
		err  error
		want []error
	}{
		{"bad period", errOf(Attainment(ix.All(), bad, AttainmentOptions{})), []error{activity.ErrInvalidPeriod}},
		{"bad level", errOf(Attainment(ix.All(), q1, AttainmentOptions{Level: 7})), []error{ErrInvalidOptions}},
		{"overlapping bookings quotas", errOf(Attainment(ov.All(), q1, AttainmentOptions{})), []error{activity.ErrOverlap}},
		{"to date: zero as of", errOf(AttainmentToDate(ix.All(), q1, time.Time{}, AttainmentOptions{})), []error{ErrInvalidOptions}},
		{"to date: bad period", errOf(AttainmentToDate(ix.All(), bad, feb15, AttainmentOptions{})), []error{activity.ErrInvalidPeriod}},
		{"to date: count and amount", errOf(AttainmentToDate(zed.All(), q1, date(2024, 3, 1), AttainmentOptions{})), []error{ErrMixedQuotas}},
		{"to date: two currencies", errOf(AttainmentToDate(yan.All(), q1, date(2024, 3, 1), AttainmentOptions{})), []error{ErrMixedQuotas, ErrMixedCurrencies}},
		{"at quota: count and amount", errOf(AtQuota(zed.All(), q1, AttainmentOptions{})), []error{ErrMixedQuotas}},
		{"at quota: two currencies", errOf(AtQuota(yan.All(), q1, AttainmentOptions{})), []error{ErrMixedQuotas, ErrMixedCurrencies}},
		{"at quota: no quotas", errOf(AtQuota(ix.All(), y2025, AttainmentOptions{})), []error{ErrNoQuotas}},
		{"at quota: only a zero quota", errOf(AtQuota(attSmallIndex(t, nil, []activity.Quota{attUSD("zed", q1, 0)}).All(), q1, AttainmentOptions{})), []error{ErrNoQuotas}},
		{"at quota: ramped teams", errOf(AtQuota(ix.All(), q1, AttainmentOptions{Level: TeamQuotas, RampedOnly: true})), []error{ErrInvalidOptions}},
		{"at quota: bands not increasing", errOf(AtQuota(ix.All(), q1, AttainmentOptions{Bands: []decimal.Decimal{attDec("1"), attDec("0.5")}})), []error{ErrInvalidOptions}},
		{"at quota: negative band", errOf(AtQuota(ix.All(), q1, AttainmentOptions{Bands: []decimal.Decimal{attDec("-0.5")}})), []error{ErrInvalidOptions}},
		{"at quota: bad period", errOf(AtQuota(ix.All(), bad, AttainmentOptions{})), []error{activity.ErrInvalidPeriod}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatalf("%s: no error, want %v", tc.name, tc.want)
			}
			for _, w := range tc.want {
				if !errors.Is(tc.err, w) {
					t.Errorf("%s: %v, want %v", tc.name, tc.err, w)
				}
			}
		})
	}

	// zed's January quota alone (as of February's start) is no mix.
	if _, err := AttainmentToDate(zed.All(), q1, date(2024, 2, 1), AttainmentOptions{}); err != nil {
		t.Errorf("AttainmentToDate(January only) = %v, want no error", err)
	}
	// Per quota, the mixed quotas are each fine; naming the metric
	// resolves the overlap.
	if got, err := Attainment(zed.All(), q1, AttainmentOptions{}); err != nil || len(got) != 2 {
		t.Errorf("Attainment(mixed quotas) = %v, %v; want zed's two quotas", got, err)
	}
	if got, err := Attainment(ov.All(), q1, AttainmentOptions{Metric: "bookings"}); err != nil || len(got) != 2 {
		t.Errorf("Attainment(metric bookings) = %v, %v; want ann's and bob's Q1 quotas", got, err)
	}
}

func TestCoverageFrom(t *testing.T) {
	t.Parallel()
	d := attDec
	for _, tc := range []struct {
		name                       string
		pipeline, quota, closedWon string
		opt                        CoverageOptions
		coverage                   string // "" undefined
		required                   string // "" undefined
		sufficient                 bool
	}{
		// 30,000 / 10,000 = 3.
		{"quota", "30000", "10000", "4000", CoverageOptions{}, "3", "", false},
		// 1 / 0.25 = 4 > 3.
		{"win rate", "30000", "10000", "4000", CoverageOptions{WinRate: 0.25}, "3", "4", false},
		// 30,000 / (10,000 − 4,000) = 5 >= 4.
		{"remaining", "30000", "10000", "4000", CoverageOptions{Basis: CoverRemaining, WinRate: 0.25}, "5", "4", true},
		// 10,000 − 10,000 = 0 left: undefined, not a division by zero.
		{"at quota", "30000", "10000", "10000", CoverageOptions{Basis: CoverRemaining}, "", "", false},
		{"over quota", "30000", "10000", "12000", CoverageOptions{Basis: CoverRemaining, WinRate: 0.5}, "", "2", false},
		{"zero quota", "30000", "0", "0", CoverageOptions{}, "", "", false},
		// 1 / 0.3 = 3.333…
		{"win rate 0.3", "10000", "10000", "0", CoverageOptions{WinRate: 0.3}, "1", "3.33333333333333333333", false},
		// (2 + 3) / 2 = 2.5.
		{"win loss by count", "30000", "10000", "0", CoverageOptions{WinLoss: &WinLoss{Won: 2, Lost: 3, Rate: 0.4}}, "3", "2.5", true},
		// 8,000 / 1,500 = 5.333…
		{"win loss by value", "30000", "10000", "0", CoverageOptions{WinLoss: &WinLoss{Basis: ValueBasis, Won: 2, Lost: 3,
			WonAmount: d("1500"), ClosedAmount: d("8000"), Rate: 0.1875}}, "3", "5.33333333333333333333", false},
		{"win loss without wins", "30000", "10000", "0", CoverageOptions{WinLoss: &WinLoss{Lost: 3}}, "3", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CoverageFrom(d(tc.pipeline), d(tc.quota), d(tc.closedWon), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if (got.Undefined == "") != (tc.coverage != "") || (tc.coverage != "" && !got.Coverage.Equal(d(tc.coverage))) {
				t.Errorf("CoverageFrom() coverage = %s (undefined %q), want %q", got.Coverage, got.Undefined, tc.coverage)
			}
			if (got.RequiredUndefined == "") != (tc.required != "") || (tc.required != "" && !got.Required.Equal(d(tc.required))) {
				t.Errorf("CoverageFrom() required = %s (undefined %q), want %q", got.Required, got.RequiredUndefined, tc.required)
			}
			if got.Sufficient != tc.sufficient {
				t.Errorf("CoverageFrom() sufficient = %v, want %v", got.Sufficient, tc.sufficient)
			}
			if got.CoverageFloat != got.Coverage.InexactFloat64() || got.RequiredFloat != got.Required.InexactFloat64() {
				t.Errorf("CoverageFrom() floats %v, %v beside %s, %s", got.CoverageFloat, got.RequiredFloat, got.Coverage, got.Required)
			}
			if !got.Remaining.Equal(d(tc.quota).Sub(d(tc.closedWon))) {
				t.Errorf("CoverageFrom() remaining = %s", got.Remaining)
			}
		})
	}
	got, err := CoverageFrom(d("30000"), d("10000"), d("0"), CoverageOptions{WinRate: 0.25})
	if want := "coverage: pipeline 30000 / quota 10000 = 3.00x; required 4.00x at a 25.0% win rate (short)"; err != nil || got.String() != want {
		t.Errorf("CoverageFrom().String() = %q, %v; want %q", got, err, want)
	}
	got, err = CoverageFrom(d("30000"), d("10000"), d("12000"), CoverageOptions{Basis: CoverRemaining})
	if want := "coverage: pipeline 30000 / remaining quota -2000 = undefined (already at quota: closed won 12000 >= quota 10000)"; err != nil || got.String() != want {
		t.Errorf("CoverageFrom().String() = %q, %v; want %q", got, err, want)
	}

	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"negative pipeline", errOf(CoverageFrom(d("-1"), d("10"), d("0"), CoverageOptions{})), activity.ErrNegativeAmount},
		{"negative quota", errOf(CoverageFrom(d("1"), d("-10"), d("0"), CoverageOptions{})), activity.ErrNegativeAmount},
		{"negative closed won", errOf(CoverageFrom(d("1"), d("10"), d("-1"), CoverageOptions{})), activity.ErrNegativeAmount},
		{"win rate above 1", errOf(CoverageFrom(d("1"), d("10"), d("0"), CoverageOptions{WinRate: 1.5})), ErrInvalidOptions},
		{"negative win rate", errOf(CoverageFrom(d("1"), d("10"), d("0"), CoverageOptions{WinRate: -0.1})), ErrInvalidOptions},
		{"NaN win rate", errOf(CoverageFrom(d("1"), d("10"), d("0"), CoverageOptions{WinRate: math.NaN()})), ErrInvalidOptions},
		{"two win rates", errOf(CoverageFrom(d("1"), d("10"), d("0"), CoverageOptions{WinRate: 0.5, WinLoss: &WinLoss{Won: 1}})), ErrInvalidOptions},
		{"bad basis", errOf(CoverageFrom(d("1"), d("10"), d("0"), CoverageOptions{Basis: 9})), ErrInvalidOptions},
		{"bad win loss", errOf(CoverageFrom(d("1"), d("10"), d("0"), CoverageOptions{WinLoss: &WinLoss{Won: -1}})), ErrInvalidOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("CoverageFrom(%s) = %v, want %v", tc.name, tc.err, tc.want)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	feb15 := date(2024, 2, 15)
	ann, err := ix.All().Rep("ann")
	if err != nil {
		t.Fatal(err)
	}
	// ann's Q1 win rate: A1, A2, A4 won, A3 lost: 3 / 4.
	annWins, err := WinRate(ann, q1, WinRateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	asOf := PipelineOptions{AsOf: feb15}
	for _, tc := range []struct {
		name                                 string
		opt                                  CoverageOptions
		pipeline, quota, closedWon, coverage string
		deals, won                           int64
		required                             string
		sufficient                           bool
	}{
		// ann: pipeline A5 5,000 (A7 expected in April); quota Jan + Feb +
		// Mar = 6,000; won by 15 Feb A1 + A2 = 2,500. 5,000 / 6,000.
		{"ann", CoverageOptions{Owner: "ann", Pipeline: asOf}, "5000", "6000", "2500", "0.83333333333333333333", 1, 2, "", false},
		// 5,000 / (6,000 − 2,500) = 5,000 / 3,500.
		{"ann remaining", CoverageOptions{Owner: "ann", Pipeline: asOf, Basis: CoverRemaining}, "5000", "6000", "2500", "1.42857142857142857143", 1, 2, "", false},
		// A5 at proposal, 0.60: 3,000 / 6,000.
		{"ann weighted", CoverageOptions{Owner: "ann", Pipeline: asOf, Weighted: true}, "3000", "6000", "2500", "0.5", 1, 2, "", false},
		// Required (3 + 1) / 3 = 1.333… > 0.833….
		{"ann with win rate", CoverageOptions{Owner: "ann", Pipeline: asOf, WinLoss: &annWins}, "5000", "6000", "2500", "0.83333333333333333333", 1, 2, "1.33333333333333333333", false},
		// As of 1 March, won A1 + A2 + A4 = 3,700: 5,000 / (6,000 − 3,700)
		// = 5,000 / 2,300 = 2.1739…, at least the required 1 / 0.5 = 2.
		{"ann remaining, half win", CoverageOptions{Owner: "ann", Basis: CoverRemaining, WinRate: 0.5, Pipeline: PipelineOptions{AsOf: date(2024, 3, 1)}},
			"5000", "6000", "3700", "2.17391304347826086957", 1, 3, "2", true},
		// Every rep with a bookings quota: 6,000 + 6,000 + 3,000 + 0 =
		// 15,000; pipeline A5 + B5 = 7,000 (eve has no bookings quota, so E5
		// is not in it); won by 15 Feb A1 + A2 + B1 + D1 = 1,500 + 1,000 +
		// 4,000 + 700 = 7,200. 7,000 / 15,000.
		{"all reps", CoverageOptions{Pipeline: asOf}, "7000", "15000", "7200", "0.46666666666666666667", 2, 4, "", false},
		// As of the period's start (the default), nothing is won yet.
		{"all reps at the start", CoverageOptions{}, "7000", "15000", "0", "0.46666666666666666667", 2, 0, "", false},
		// eve's count quota: 1 open deal (E5) / 4; won by 15 Feb: E1.
		{"count", CoverageOptions{Owner: "eve", Metric: "deals", Pipeline: asOf}, "1", "4", "1", "0.25", 1, 1, "", false},
		// 1 / (4 − 1).
		{"count remaining", CoverageOptions{Owner: "eve", Metric: "deals", Pipeline: asOf, Basis: CoverRemaining}, "1", "4", "1", "0.33333333333333333333", 1, 1, "", false},
		// east: A5 + B5 = 7,000 / 10,000; won A1 + A2 + B1 = 6,500.
		{"team", CoverageOptions{Owner: "east", Level: TeamQuotas, Pipeline: asOf}, "7000", "10000", "6500", "0.7", 2, 3, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Coverage(ix.All(), q1, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			d := attDec
			if !got.Pipeline.Equal(d(tc.pipeline)) || !got.Quota.Equal(d(tc.quota)) || !got.ClosedWon.Equal(d(tc.closedWon)) ||
				!got.Coverage.Equal(d(tc.coverage)) || got.PipelineDeals != tc.deals || got.WonDeals != tc.won {
				t.Errorf("Coverage(%s) = %s / %s (won %s) = %s, %d open, %d won; want %s / %s (won %s) = %s, %d, %d",
					tc.name, got.Pipeline, got.Quota, got.ClosedWon, got.Coverage, got.PipelineDeals, got.WonDeals,
					tc.pipeline, tc.quota, tc.closedWon, tc.coverage, tc.deals, tc.won)
			}
			if (tc.required == "") != (got.RequiredUndefined != "") || (tc.required != "" && !got.Required.Equal(d(tc.required))) || got.Sufficient != tc.sufficient {
				t.Errorf("Coverage(%s) required %s (%q), sufficient %v; want %q, %v", tc.name, got.Required, got.RequiredUndefined, got.Sufficient, tc.required, tc.sufficient)
			}
		})
	}
	got, err := Coverage(ix.All(), q1, CoverageOptions{Owner: "ann", Pipeline: asOf, WinLoss: &annWins})
	if err != nil {
		t.Fatal(err)
	}
	if want := "all / rep=ann 2024 Q1: pipeline 5000.00 USD / quota 6000.00 = 0.83x; required 1.33x at a 75.0% win rate (short)"; got.String() != want {
		t.Errorf("PipelineCoverage.String() = %q, want %q", got, want)
	}
}

func TestCoverageErrors(t *testing.T) {
	t.Parallel()
	ix := attIndex(t, attDeals())
	feb15 := PipelineOptions{AsOf: date(2024, 2, 15)}
	eurOpen := attDeals()
	eurOpen[4].Currency = "EUR" // A5, open
	eurWon := attDeals()
	eurWon[0].Currency = "EUR" // A1, won 15 Jan
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"unknown owner", errOf(Coverage(ix.All(), q1, CoverageOptions{Owner: "zed"})), activity.ErrUnknownName},
		{"unknown team", errOf(Coverage(ix.All(), q1, CoverageOptions{Owner: "north", Level: TeamQuotas})), activity.ErrUnknownName},
		// eve has no bookings quota, and nobody has one in 2025.
		{"no quota", errOf(Coverage(ix.All(), q1, CoverageOptions{Owner: "eve"})), ErrNoQuotas},
		{"no quota in period", errOf(Coverage(ix.All(), activity.Period{Start: date(2025, 1, 1), End: date(2025, 4, 1)}, CoverageOptions{})), ErrNoQuotas},
		{"bad period", errOf(Coverage(ix.All(), activity.Period{Start: q1.End, End: q1.Start}, CoverageOptions{})), activity.ErrInvalidPeriod},
		{"weighted count", errOf(Coverage(ix.All(), q1, CoverageOptions{Owner: "eve", Metric: "deals", Weighted: true})), ErrInvalidOptions},
		{"bad pipeline options", errOf(Coverage(ix.All(), q1, CoverageOptions{Pipeline: PipelineOptions{Selection: 9}})), ErrInvalidOptions},
		{"bad level", errOf(Coverage(ix.All(), q1, CoverageOptions{Level: 5})), ErrInvalidOptions},
		{"EUR pipeline", errOf(Coverage(attIndex(t, eurOpen).All(), q1, CoverageOptions{Owner: "ann", Pipeline: feb15})), ErrMixedCurrencies},
		{"EUR won deal", errOf(Coverage(attIndex(t, eurWon).All(), q1, CoverageOptions{Owner: "ann", Pipeline: feb15})), ErrMixedCurrencies},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("Coverage(%s) = %v, want %v", tc.name, tc.err, tc.want)
			}
		})
	}
}

func TestAttainmentPeriodEdges(t *testing.T) {
	t.Parallel()
	// Periods are half-open: a deal won at midnight on 1 February counts
	// for February, one a second before for January; as of 10 February, a
	// deal won at that instant is not yet counted.
	won := activity.StatusWon
	ix := attSmallIndex(t, []activity.Deal{
		attDeal("Z1", "zed", won, 300, date(2024, 2, 1).Add(-time.Second)),
		attDeal("Z2", "zed", won, 500, date(2024, 2, 1)),
		attDeal("Z3", "zed", won, 700, date(2024, 2, 10)),
	}, []activity.Quota{attUSD("zed", attJan, 1000), attUSD("zed", attFeb, 1000)})
	got, err := Attainment(ix.All(), q1, AttainmentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// January 300; February 500 + 700 = 1,200.
	want := []attRow{{"zed", "2024-01", "1000", "300", 1, "0.3", false}, {"zed", "2024-02", "1000", "1200", 2, "1.2", false}}
	if diff := cmp.Diff(want, attQuotaRows(got)); diff != "" {
		t.Errorf("Attainment() (-want +got):\n%s", diff)
	}
	// As of 1 February only January has started: 300 / 1,000. As of 10
	// February: (300 + 500) / 2,000, Z3 not yet.
	for _, tc := range []struct {
		asOf time.Time
		want attRow
	}{
		{date(2024, 2, 1), attRow{"zed", "2024 Q1", "1000", "300", 1, "0.3", false}},
		{date(2024, 2, 10), attRow{"zed", "2024 Q1", "2000", "800", 2, "0.4", false}},
	} {
		got, err := AttainmentToDate(ix.All(), q1, tc.asOf, AttainmentOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]attRow{tc.want}, attOwnerRows(got)); diff != "" {
			t.Errorf("AttainmentToDate(%v) (-want +got):\n%s", tc.asOf, diff)
		}
	}
}

// TestCoverageCountMixedCurrencies: a count quota counts deals, so deals
// in two currencies are no error: as of 15 February, zed's 2 open deals
// (USD and EUR) expected in Q1 over a quota of 4 deals is 0.5, and the EUR
// deal won on 20 January counts as 1 closed won.
func TestCoverageCountMixedCurrencies(t *testing.T) {
	t.Parallel()
	eur := func(d activity.Deal) activity.Deal { d.Currency = "EUR"; return d }
	deals := []activity.Deal{
		attDeal("Z1", "zed", activity.StatusOpen, 100, date(2024, 2, 1)),
		eur(attDeal("Z2", "zed", activity.StatusOpen, 200, date(2024, 3, 1))),
		eur(attDeal("Z3", "zed", activity.StatusWon, 300, date(2024, 1, 20))),
	}
	ix := attSmallIndex(t, deals, []activity.Quota{{Rep: "zed", Metric: "deals", Period: q1, Count: activity.Some(int64(4))}})
	c, err := Coverage(ix.All(), q1, CoverageOptions{Owner: "zed", Metric: "deals", Pipeline: PipelineOptions{AsOf: date(2024, 2, 15)}})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Pipeline.Equal(decimal.NewFromInt(2)) || !c.Coverage.Equal(decimal.RequireFromString("0.5")) || !c.ClosedWon.Equal(decimal.NewFromInt(1)) {
		t.Errorf("coverage %v = %v / %v, closed won %v; want 2 / 4 = 0.5, 1", c.Coverage, c.Pipeline, c.Quota, c.ClosedWon)
	}
	// Amount coverage of the same deals against an amount quota is an error.
	ix = attSmallIndex(t, deals, []activity.Quota{attUSD("zed", q1, 1000)})
	if _, err := Coverage(ix.All(), q1, CoverageOptions{Owner: "zed"}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("amount coverage over USD and EUR: %v, want ErrMixedCurrencies", err)
	}
}

// TestCoverageExpected works the expected revenue of a pipeline at the win
// rate, and its share of the remaining quota, by hand.
func TestCoverageExpected(t *testing.T) {
	t.Parallel()
	d := attDec
	for _, tc := range []struct {
		name                       string
		pipeline, quota, closedWon string
		opt                        CoverageOptions
		expected, share            string // "" undefined
	}{
		// 30,000 × 0.25 = 7,500; 7,500 / (10,000 − 4,000) = 1.25.
		{"win rate", "30000", "10000", "4000", CoverageOptions{WinRate: 0.25}, "7500", "1.25"},
		// 20,000 × 2 / (2 + 3) = 8,000; 8,000 / 10,000 = 0.8.
		{"win loss by count", "20000", "10000", "0", CoverageOptions{WinLoss: &WinLoss{Won: 2, Lost: 3, Rate: 0.4}}, "8000", "0.8"},
		// 30,000 × 1,500 / 8,000 = 5,625; 5,625 / (10,000 − 2,500) = 0.75.
		{"win loss by value", "30000", "10000", "2500", CoverageOptions{WinLoss: &WinLoss{Basis: ValueBasis, Won: 2, Lost: 3,
			WonAmount: d("1500"), ClosedAmount: d("8000"), Rate: 0.1875}}, "5625", "0.75"},
		// 10,000 × 1 / 3 = 3,333.333…; / 7,000 = 0.476190…
		{"a third", "10000", "7000", "0", CoverageOptions{WinLoss: &WinLoss{Won: 1, Lost: 2}}, "3333.33333333333333333333", "0.47619047619047619048"},
		// At quota: the expected revenue, but no share of nothing left.
		{"at quota", "30000", "10000", "10000", CoverageOptions{WinRate: 0.5}, "15000", ""},
		{"no win rate", "30000", "10000", "0", CoverageOptions{}, "", ""},
	} {
		got, err := CoverageFrom(d(tc.pipeline), d(tc.quota), d(tc.closedWon), tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if tc.expected != "" && !got.Expected.Equal(d(tc.expected)) || tc.expected == "" && got.ExpectedUndefined == "" {
			t.Errorf("%s: expected %s (undefined %q), want %q", tc.name, got.Expected, got.ExpectedUndefined, tc.expected)
		}
		if tc.share != "" && (!got.ExpectedShare.Equal(d(tc.share)) || got.ExpectedShareFloat != got.ExpectedShare.InexactFloat64()) ||
			tc.share == "" && got.ExpectedUndefined == "" {
			t.Errorf("%s: share %s (undefined %q), want %q", tc.name, got.ExpectedShare, got.ExpectedUndefined, tc.share)
		}
	}
}
