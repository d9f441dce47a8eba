package performance

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/curset"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/wire"
)

// territoryIndex: accounts a1, a2, a3 in the north (potential 100,000,
// 50,000, 30,000), a4 in the south (200,000), a5 in none; deals counted
// in their account's territory: D1 of a1 won 10,000 on 10 February; D2 of
// a2 open, 40,000; D3 of a4 won 5,000 in November 2024; D4 of a4 open,
// 60,000; D5 without an account, its own territory west, won 7,000 on 1
// March.
func territoryIndex(t *testing.T) *activity.Index {
	t.Helper()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	deal := func(id, account, territory string, amount int64, closed time.Time) activity.Deal {
		st, stage := activity.StatusOpen, activity.StageDemo
		if !closed.IsZero() {
			st, stage = activity.StatusWon, activity.StageClosedWon
		}
		return activity.Deal{ID: id, Owner: "ann", Account: account, Territory: territory, Amount: decimal.NewFromInt(amount), Currency: "USD",
			Stage: stage, Status: st, CreatedAt: day(2024, 10, 1), ClosedAt: closed}
	}
	acct := func(id, territory string, potential int64) activity.Account {
		a := activity.Account{ID: id, Territory: territory}
		if potential > 0 {
			a.Potential, a.Currency = activity.Some(decimal.NewFromInt(potential)), "USD"
		}
		return a
	}
	r := activity.Records{
		Deals: []activity.Deal{
			deal("D1", "a1", "", 10000, day(2025, 2, 10)), deal("D2", "a2", "", 40000, time.Time{}), deal("D3", "a4", "", 5000, day(2024, 11, 1)),
			deal("D4", "a4", "", 60000, time.Time{}), deal("D5", "", "west", 7000, day(2025, 3, 1)),
		},
		Accounts: []activity.Account{acct("a1", "north", 100000), acct("a2", "north", 50000), acct("a3", "north", 30000), acct("a4", "south", 200000), acct("a5", "", 0)},
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), Territory: activity.TerritoryByAccount, AsOf: day(2025, 4, 1)})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestTerritoryBooks, by hand: the north has 3 accounts, 1 customer (a1:
// 1/3), 2 engaged (a1 won in Q1, a2 open), a3 whitespace; potential
// 180,000; bookings 10,000, pipeline 40,000; against a target of 60,000,
// coverage 40,000 / 50,000 = 0.8 and potential 3 times the target. The
// south: a4 a customer (won in 2024) with an open deal, penetration 1,
// pipeline 60,000, coverage 0.6 of 100,000. West has D5's bookings and no
// account; a5, of no territory, is whitespace.
func TestTerritoryBooks(t *testing.T) {
	t.Parallel()
	ix := territoryIndex(t)
	q1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Name: "2025 Q1"}
	books, err := TerritoryBooks(ix.All(), q1, TerritoryOptions{Targets: map[string]decimal.Decimal{"north": d("60000"), "south": d("100000")}})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Territory                    string
		Accounts, Customers, Engaged int64
		Whitespace                   []string
		Penetration, Potential       string
		Bookings, Pipeline, Coverage string
		Ratio                        string
	}
	text := func(o activity.Optional[decimal.Decimal]) string {
		if !o.Valid {
			return "-"
		}
		return o.Value.String()
	}
	var got []row
	for _, b := range books {
		got = append(got, row{b.Territory, b.Accounts, b.Customers, b.Engaged, b.Whitespace, text(b.Penetration), b.Potential.String(),
			b.Bookings.String(), b.Pipeline.String(), text(b.Coverage), text(b.PotentialRatio)})
	}
	want := []row{
		{"", 1, 0, 0, []string{"a5"}, "0", "0", "0", "0", "-", "-"},
		{"north", 3, 1, 2, []string{"a3"}, "0.33333333333333333333", "180000", "10000", "40000", "0.8", "3"},
		{"south", 1, 1, 1, []string{}, "1", "200000", "0", "60000", "0.6", "2"},
		{"west", 0, 0, 0, []string{}, "-", "0", "7000", "0", "-", "-"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("books (-want +got):\n%s", diff)
	}
	if s := books[1].String(); s != "north: 3 accounts, 1 customers (33.3%), 1 whitespace; bookings 10000.00 USD, pipeline 40000.00 USD, coverage 0.80" {
		t.Errorf("String() = %q", s)
	}
	// As of 1 February, a1's win (10 February) has not happened: no
	// customer, a1 whitespace too.
	early, err := TerritoryBooks(ix.All(), q1, TerritoryOptions{AsOf: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || early[1].Customers != 0 || len(early[1].Whitespace) != 2 {
		t.Errorf("as of February: %+v, %v", early[1], err)
	}
	// Deals in two currencies without a conversion; potentials in two.
	r := activity.Records{
		Deals: []activity.Deal{
			{ID: "U", Owner: "ann", Amount: d("1"), Currency: "USD", Stage: activity.StageDemo, Status: activity.StatusOpen, CreatedAt: q1.Start},
			{ID: "E", Owner: "ann", Amount: d("1"), Currency: "EUR", Stage: activity.StageDemo, Status: activity.StatusOpen, CreatedAt: q1.Start},
		},
		Accounts: []activity.Account{{ID: "a", Potential: activity.Some(d("1")), Currency: "USD"}, {ID: "b", Potential: activity.Some(d("1")), Currency: "EUR"}},
	}
	mixed, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TerritoryBooks(mixed.All(), q1, TerritoryOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("two deal currencies: %v", err)
	}
	r.Deals = r.Deals[:1]
	mixed, _ = activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B()})
	if _, err := TerritoryBooks(mixed.All(), q1, TerritoryOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("two potential currencies: %v", err)
	}
	if _, err := TerritoryBooks(activity.View{}, q1, TerritoryOptions{}); !errors.Is(err, activity.ErrZeroView) {
		t.Errorf("zero view: %v", err)
	}
	if _, err := TerritoryBooks(ix.All(), q1, TerritoryOptions{AsOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("as of before: %v", err)
	}
	if _, err := TerritoryBooks(ix.All(), activity.Period{Start: q1.End, End: q1.Start}, TerritoryOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("reversed: %v", err)
	}
	if _, err := TerritoryBooks(ix.All(), q1, TerritoryOptions{Conversion: &activity.Conversion{}}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("bad conversion: %v", err)
	}
}

// FuzzTerritoryBooks builds books of accounts and deals from the bytes:
// no panic; every account in exactly one book; customers, engaged and
// whitespace within the accounts; errors wrap sentinels.
func FuzzTerritoryBooks(f *testing.F) {
	f.Add([]byte{4, 1, 2, 3, 0, 5, 2, 1, 0, 3, 1, 2, 2, 0, 1, 9, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		i := 0
		next := func() int {
			if i >= len(data) {
				return 0
			}
			i++
			return int(data[i-1])
		}
		base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		var r activity.Records
		for k := range next() % 6 {
			a := activity.Account{ID: []string{"a", "b", "c", "d", "e", "f"}[k], Territory: []string{"", "n", "s"}[next()%3]}
			if next()%2 == 0 {
				a.Potential, a.Currency = activity.Some(decimal.NewFromInt(int64(next()))), activity.Currency([]string{"USD", "USD", "EUR"}[next()%3])
			}
			r.Accounts = append(r.Accounts, a)
		}
		for k := range next() % 8 {
			closed := time.Time{}
			st, stage := activity.StatusOpen, activity.StageDemo
			if next()%2 == 0 {
				st, stage, closed = activity.StatusWon, activity.StageClosedWon, base.AddDate(0, next()%6-2, 1)
			}
			r.Deals = append(r.Deals, activity.Deal{ID: []string{"D0", "D1", "D2", "D3", "D4", "D5", "D6", "D7"}[k], Owner: "ann",
				Account: []string{"", "a", "b", "z"}[next()%4], Territory: []string{"", "n", "w"}[next()%3], Amount: decimal.NewFromInt(int64(next())),
				Currency: activity.Currency([]string{"USD", "USD", "EUR"}[next()%3]), Stage: stage, Status: st, CreatedAt: base.AddDate(-1, 0, 0), ClosedAt: closed})
		}
		ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), SkipInvalid: true, Territory: activity.TerritoryRule(next() % 2)})
		if err != nil {
			t.Fatal(err)
		}
		q := activity.Period{Start: base, End: base.AddDate(0, 3, 0), Name: "Q1"}
		books, err := TerritoryBooks(ix.All(), q, TerritoryOptions{Targets: map[string]decimal.Decimal{"n": decimal.NewFromInt(int64(next()))}})
		if err != nil {
			if !errors.Is(err, ErrMixedCurrencies) {
				t.Fatalf("error: %v", err)
			}
			return
		}
		var accounts int64
		for _, b := range books {
			accounts += b.Accounts
			if b.Customers > b.Accounts || b.Engaged > b.Accounts || int64(len(b.Whitespace)) > b.Accounts-b.Customers {
				t.Fatalf("book %+v", b)
			}
		}
		if accounts != int64(len(ix.AccountRecords())) {
			t.Fatalf("%d accounts in books, %d held", accounts, len(ix.AccountRecords()))
		}
	})
}

// TestTerritoryTally: the fold adds up as TerritoryBooks does, and its
// encoding refuses what no tally has.
func TestTerritoryTally(t *testing.T) {
	t.Parallel()
	var x, y TerritoryTally
	x.AddAccount("b", activity.Some(d("100")), "USD", true, false)
	x.AddBooking(d("40"), "USD")
	y.AddAccount("a", activity.Some(d("50")), "USD", false, false)
	y.AddPipeline(d("60"), "USD")
	x.Merge(&y)
	b, err := x.Result("north", activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}, activity.Some(d("100")))
	// Coverage 60 / (100 − 40) = 1; potential 150 / 100 = 1.5; a is whitespace.
	if err != nil || b.Accounts != 2 || b.Customers != 1 || !b.Coverage.Value.Equal(d("1")) || !b.PotentialRatio.Value.Equal(d("1.5")) ||
		len(b.Whitespace) != 1 || b.Whitespace[0] != "a" {
		t.Errorf("book %+v, %v", b, err)
	}
	enc, err := x.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back TerritoryTally
	if err := back.UnmarshalBinary(enc); err != nil || back.accounts != 2 {
		t.Fatalf("round trip: %v", err)
	}
	bad := func(accounts, customers, engaged int64, ids ...string) []byte {
		b := wire.AppendHeader(nil, kindTerritory)
		for _, n := range []int64{accounts, customers, engaged} {
			b = wire.AppendCount(b, n)
		}
		b = wire.AppendCount(b, int64(len(ids)))
		for _, id := range ids {
			b = wire.AppendString(b, id)
		}
		var z exact.Sum
		b = appendSeen(z.AppendBinary(b), curset.Seen{})
		b = z.AppendBinary(z.AppendBinary(b))
		return appendSeen(b, curset.Seen{})
	}
	if err := back.UnmarshalBinary(bad(2, 0, 0, "a", "b")); err != nil {
		t.Errorf("a valid encoding: %v", err)
	}
	for name, data := range map[string][]byte{
		"customers over accounts":  bad(1, 2, 0),
		"whitespace over the rest": bad(2, 1, 0, "a", "b"),
		"ids out of order":         bad(2, 0, 0, "b", "a"),
		"cut short":                enc[:len(enc)-1],
		"another tally's":          append(wire.AppendHeader(nil, kindLeads), enc[4:]...),
	} {
		if err := back.UnmarshalBinary(data); !errors.Is(err, ErrInvalidEncoding) {
			t.Errorf("%s: %v", name, err)
		}
	}
	var eur TerritoryTally
	eur.AddBooking(d("1"), "USD")
	eur.AddPipeline(d("1"), "EUR")
	if _, err := eur.Result("x", activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}, activity.Optional[decimal.Decimal]{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("two currencies: %v", err)
	}
}
