package territory

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func acct(id, region string, potential int64) activity.Account {
	return activity.Account{ID: id, Region: region, Potential: activity.Some(decimal.NewFromInt(potential)), Currency: "USD"}
}

// TestAssign works a book by hand: ann (east) and bob (west), equal
// weights; accounts e1 (east, 40), w1 (west, 30), e2 (east, 30): 100 in
// all, 50 each. Largest first, fit 0.4 for the home region worth 0.05 ×
// 0.4 = 0.02 of load: e1 to ann (0.80 − 0.02 against bob's 0.80); w1 to
// bob (0.60 − 0.02 against ann's 1.40); e2 to bob (1.20 against ann's
// 1.40 − 0.02 = 1.38). Loads 0.8 and 1.2: moving w1 or e2 to ann would
// load her 1.4, so the search stops. Imbalance 0.2, spread 0.4, which is
// the best possible ({40, 30 | 30} loads 1.4); the bound, max(1, 40 / 50)
// − 1 = 0, is what can be proved without searching.
func TestAssign(t *testing.T) {
	t.Parallel()
	accounts := []activity.Account{acct("e1", "east", 40), acct("w1", "west", 30), acct("e2", "east", 30)}
	reps := []Rep{{ID: "bob", Region: "west"}, {ID: "ann", Region: "east"}}
	a, err := Assign(accounts, reps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range a.Placed {
		got[p.Account] = p.Rep + "/" + string(p.Reason)
	}
	want := map[string]string{"e1": "ann/balance", "w1": "bob/balance", "e2": "bob/balance"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("placed (-want +got):\n%s", diff)
	}
	if !near(a.Imbalance, 0.2) || !near(a.Spread, 0.4) || a.Bound != 0 || a.Moves != 0 || a.Currency != "USD" {
		t.Errorf("imbalance %v, spread %v, bound %v, moves %d", a.Imbalance, a.Spread, a.Bound, a.Moves)
	}
	if b := a.Books[0]; b.Rep != "ann" || b.Accounts != 1 || !b.Potential.Equal(d("40")) || !near(b.Target, 50) || !near(b.Load, 0.8) {
		t.Errorf("ann's book %+v", b)
	}
	if s := a.Placed[0].String(); s != "e1 → ann (balance): fit 0.40 against bob's 0.00, load 0.800 after it" {
		t.Errorf("String() = %q", s)
	}
	// Rep quotas from potential: 100,000 split 40 : 60.
	qs, err := Quotas(a, d("100000"), "USD", compensation.AllocateOptions{Period: activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}})
	if err != nil || !qs[0].Amount.Value.Equal(d("40000")) || !qs[1].Amount.Value.Equal(d("60000")) {
		t.Errorf("quotas %v, %v", qs, err)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestAssignFit: two equal accounts (10 each, targets 10) in the east and
// two equal reps. The east rep, ann, takes the first (her 0.02 preference
// breaks the tie); the second goes to bob (ann would be at 2.0 − 0.02
// against his 1.0). A fit weight of 2 is not enough to give ann both
// (2.0 − 0.8 = 1.2 > 1.0); 3 is (2.0 − 1.2 = 0.8 < 1.0): the second is
// placed with ann for fit, and the local search, whose aim is the most
// loaded rep, moves the first (a1, first by id) to bob, loads 1 and 1.
func TestAssignFit(t *testing.T) {
	t.Parallel()
	accounts := []activity.Account{acct("a1", "east", 10), acct("a2", "east", 10)}
	reps := []Rep{{ID: "ann", Region: "east"}, {ID: "bob", Region: "west"}}
	for _, c := range []struct {
		w     float64
		want  []string
		moves int
	}{
		{0, []string{"ann/balance", "bob/balance"}, 0},
		{2, []string{"ann/balance", "bob/balance"}, 0},
		{3, []string{"bob/moved", "ann/fit"}, 1},
		{-1, []string{"ann/balance", "bob/balance"}, 0},
	} {
		a, err := Assign(accounts, reps, Options{FitWeight: c.w})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range a.Placed {
			got = append(got, p.Rep+"/"+string(p.Reason))
		}
		if !slices.Equal(got, c.want) || a.Moves != c.moves {
			t.Errorf("fit weight %v: %v, %d moves", c.w, got, a.Moves)
		}
	}
}

// TestAssignKeepAndCapacity: ann owns big (60) and keeps it; the other
// three accounts (20 each) balance around her: total 120, targets 60, so
// all three go to bob. With bob's capacity at 2 accounts' workload (1
// each), the third must go to ann. The bound with big kept: 60 / 60 − 1 = 0.
func TestAssignKeepAndCapacity(t *testing.T) {
	t.Parallel()
	big := acct("big", "", 60)
	big.Owner = "ann"
	accounts := []activity.Account{big, acct("s1", "", 20), acct("s2", "", 20), acct("s3", "", 20)}
	for i := range accounts {
		accounts[i].Workload = activity.Some(decimal.NewFromInt(1))
	}
	reps := []Rep{{ID: "ann"}, {ID: "bob"}}
	a, err := Assign(accounts, reps, Options{Keep: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Placed[0].Reason != ReasonKept || a.Books[1].Accounts != 3 || !near(a.Imbalance, 0) {
		t.Errorf("kept: %+v", a)
	}
	reps[1].Capacity = d("2")
	a, err = Assign(accounts, reps, Options{Keep: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Books[1].Accounts != 2 || a.Books[0].Accounts != 2 || !a.Books[1].Workload.Equal(d("2")) {
		t.Errorf("capacity: %+v", a.Books)
	}
	// Without Keep, big goes wherever balance says (first by id on a tie).
	if a, err := Assign(accounts, []Rep{{ID: "ann"}, {ID: "bob"}}, Options{}); err != nil || a.Placed[0].Reason == ReasonKept {
		t.Errorf("not kept: %+v, %v", a.Placed[0], err)
	}
}

func TestAssignErrors(t *testing.T) {
	t.Parallel()
	ok := []activity.Account{acct("a", "", 10), acct("b", "", 5)}
	eur := acct("c", "", 5)
	eur.Currency = "EUR"
	heavy := acct("h", "", 5)
	heavy.Workload = activity.Some(d("10"))
	owned := heavy
	owned.ID, owned.Owner = "o", "ann"
	for name, c := range map[string]struct {
		accounts []activity.Account
		reps     []Rep
		opts     Options
		want     error
	}{
		"no rep":          {ok, nil, Options{}, ErrInvalidOptions},
		"rep without id":  {ok, []Rep{{}}, Options{}, ErrInvalidOptions},
		"rep twice":       {ok, []Rep{{ID: "x"}, {ID: "x"}}, Options{}, ErrInvalidOptions},
		"negative weight": {ok, []Rep{{ID: "x", Weight: d("-1")}}, Options{}, ErrInvalidOptions},
		"negative cap":    {ok, []Rep{{ID: "x", Capacity: d("-1")}}, Options{}, ErrInvalidOptions},
		"huge weight":     {ok, []Rep{{ID: "x", Weight: d("1e400")}}, Options{}, ErrInvalidOptions},
		"huge capacity":   {ok, []Rep{{ID: "x", Capacity: d("1e30")}}, Options{}, ErrInvalidOptions},
		"bad balance":     {ok, []Rep{{ID: "x"}}, Options{Balance: 7}, ErrInvalidOptions},
		"negative moves":  {ok, []Rep{{ID: "x"}}, Options{MaxMoves: -1}, ErrInvalidOptions},
		"NaN fit":         {ok, []Rep{{ID: "x"}}, Options{FitWeight: math.NaN()}, ErrInvalidOptions},
		"invalid account": {[]activity.Account{{}}, []Rep{{ID: "x"}}, Options{}, ErrInvalidOptions},
		"account twice":   {[]activity.Account{ok[0], ok[0]}, []Rep{{ID: "x"}}, Options{}, ErrInvalidOptions},
		"two currencies":  {append(slices.Clone(ok), eur), []Rep{{ID: "x"}}, Options{}, ErrMixedCurrencies},
		"nothing":         {[]activity.Account{{ID: "z"}}, []Rep{{ID: "x"}}, Options{}, ErrInvalidOptions},
		"no workload":     {ok, []Rep{{ID: "x"}}, Options{Balance: BalanceWorkload}, ErrInvalidOptions},
		"no room":         {[]activity.Account{heavy}, []Rep{{ID: "x", Capacity: d("9")}}, Options{}, ErrInfeasible},
		"kept over room":  {[]activity.Account{owned}, []Rep{{ID: "ann", Capacity: d("9")}, {ID: "bob"}}, Options{Keep: true}, ErrInfeasible},
	} {
		if _, err := Assign(c.accounts, c.reps, c.opts); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
	if a, err := Assign(nil, []Rep{{ID: "x"}}, Options{}); err != nil || len(a.Placed) != 0 || a.Imbalance != 0 {
		t.Errorf("no accounts: %+v, %v", a, err)
	}
}

// book generates n accounts and m reps: potentials from 1,000 to
// 1,000,000 (a few large), workloads 1 to 20, four regions, three
// segments; reps with weights 0.5 or 1, capacities some of the time,
// owners for a tenth of the accounts.
func book(rng *rand.Rand, n, m int) ([]activity.Account, []Rep) {
	regions := []string{"north", "south", "east", "west"}
	segments := []string{"smb", "mid", "enterprise"}
	reps := make([]Rep, m)
	for r := range reps {
		reps[r] = Rep{ID: fmt.Sprintf("rep-%04d", r), Region: regions[rng.IntN(4)], Weight: decimal.NewFromInt(1),
			Experience: map[string]float64{segments[rng.IntN(3)]: rng.Float64()}}
		if rng.IntN(4) == 0 {
			reps[r].Weight = d("0.5")
		}
	}
	var totalWork int64
	accounts := make([]activity.Account, n)
	for i := range accounts {
		p := int64(1000 + rng.IntN(100_000))
		if rng.IntN(50) == 0 {
			p *= 10
		}
		w := int64(1 + rng.IntN(20))
		totalWork += w
		accounts[i] = activity.Account{ID: fmt.Sprintf("acct-%06d", i), Region: regions[rng.IntN(4)], Segment: segments[rng.IntN(3)],
			Potential: activity.Some(decimal.NewFromInt(p)), Currency: "USD", Workload: activity.Some(decimal.NewFromInt(w))}
		if rng.IntN(10) == 0 {
			accounts[i].Owner = reps[rng.IntN(m)].ID
		}
	}
	if rng.IntN(2) == 0 {
		// Room for all with a margin: twice the mean share each.
		for r := range reps {
			reps[r].Capacity = decimal.NewFromInt(2*totalWork/int64(m) + 40)
		}
	}
	return accounts, reps
}

// TestAssignProperty: on generated books, an assignment never loses or
// duplicates an account, respects capacities, keeps what it must, reports
// an imbalance no lower than its bound, and is the same for the accounts
// and reps given in another order.
func TestAssignProperty(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range 30 {
		n, m := 1+rng.IntN(400), 1+rng.IntN(25)
		accounts, reps := book(rng, n, m)
		opts := Options{Keep: k%2 == 0, Balance: Balance(k % 3 / 2)}
		a, err := Assign(accounts, reps, opts)
		if err != nil {
			if errors.Is(err, ErrInfeasible) {
				continue
			}
			t.Fatal(err)
		}
		if len(a.Placed) != n {
			t.Fatalf("%d placed of %d", len(a.Placed), n)
		}
		count := map[string]int{}
		work := map[string]decimal.Decimal{}
		for i, p := range a.Placed {
			if p.Account != accounts[i].ID {
				t.Fatalf("placed %d is %s, not %s", i, p.Account, accounts[i].ID)
			}
			count[p.Rep]++
			work[p.Rep] = work[p.Rep].Add(accounts[i].Workload.Value)
			if opts.Keep && accounts[i].Owner != "" && p.Rep != accounts[i].Owner {
				t.Fatalf("account %s owned by %s went to %s", p.Account, accounts[i].Owner, p.Rep)
			}
		}
		total := 0
		for _, r := range reps {
			total += count[r.ID]
			if r.Capacity.IsPositive() && work[r.ID].GreaterThan(r.Capacity) {
				t.Fatalf("rep %s holds %s of capacity %s", r.ID, work[r.ID], r.Capacity)
			}
		}
		if total != n || a.Imbalance < a.Bound-1e-9 {
			t.Fatalf("%d accounts in books of %d; imbalance %v below its bound %v", total, n, a.Imbalance, a.Bound)
		}
		ra, rr := slices.Clone(accounts), slices.Clone(reps)
		slices.Reverse(ra)
		slices.Reverse(rr)
		b, err := Assign(ra, rr, opts)
		if err != nil || b.Imbalance != a.Imbalance || !cmp.Equal(a.Books, b.Books, cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })) {
			t.Fatalf("another order: imbalance %v against %v, %v", b.Imbalance, a.Imbalance, err)
		}
	}
}

// TestAssignGenerated reports the imbalance against its bound on a
// generated book of 20,000 accounts and 100 reps (see the closing note).
func TestAssignGenerated(t *testing.T) {
	t.Parallel()
	accounts, reps := book(rand.New(rand.NewPCG(7, 7)), 20_000, 100)
	a, err := Assign(accounts, reps, Options{Keep: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("20,000 accounts, 100 reps: imbalance %.5f (bound %.5f), spread %.5f, mean fit %.3f, %d moves", a.Imbalance, a.Bound, a.Spread, a.MeanFit, a.Moves)
	if a.Imbalance > 0.05 {
		t.Errorf("imbalance %v on a book of many small accounts", a.Imbalance)
	}
}

// BenchmarkAssign designs books of 10^3..10^5 accounts for 10 to 10^3
// reps, keeping existing owners.
func BenchmarkAssign(b *testing.B) {
	for _, c := range []struct{ n, m int }{{1_000, 10}, {10_000, 100}, {100_000, 1_000}} {
		accounts, reps := book(rand.New(rand.NewPCG(uint64(c.n), 1)), c.n, c.m)
		b.Run(fmt.Sprintf("accounts=%d/reps=%d", c.n, c.m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Assign(accounts, reps, Options{Keep: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFitTable: the look-up table Assign uses gives Fit's value for every
// account and rep of generated books (with empty and odd keys).
func TestFitTable(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 9))
	accounts, reps := book(rng, 300, 12)
	accounts[0].Region, accounts[1].Segment, accounts[2].Industry = "", "", "retail"
	reps[0].Region, reps[1].Experience = "", map[string]float64{"": 1, "retail": 7, "smb": -1}
	slices.SortFunc(reps, func(a, b Rep) int { return strings.Compare(a.ID, b.ID) })
	repAt := map[string]int{}
	for r, rep := range reps {
		repAt[rep.ID] = r
	}
	ft := newFitTable(accounts, reps, repAt)
	for i := range accounts {
		for r := range reps {
			if got, want := ft.of(i, r), Fit(accounts[i], reps[r]); got != want {
				t.Fatalf("account %d, rep %d: table %v, Fit %v", i, r, got, want)
			}
		}
	}
}

// TestTerritoryQuotas: 1,000,000 split by potential: north 180 and south
// 200 of 400, and 20 in no territory: 450,000, 500,000 and 50,000.
func TestTerritoryQuotas(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	accounts := []activity.Account{acct("a", "", 100), acct("b", "", 80), acct("c", "", 200), acct("d", "", 20)}
	accounts[0].Territory, accounts[1].Territory, accounts[2].Territory = "north", "north", "south"
	qs, err := TerritoryQuotas(accounts, d("1000000"), "USD", at)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range qs {
		got = append(got, q.Territory+"="+q.Amount.StringFixed(2))
	}
	if !slices.Equal(got, []string{"=50000.00", "north=450000.00", "south=500000.00"}) {
		t.Errorf("quotas %v", got)
	}
	eur := acct("e", "", 5)
	eur.Currency = "EUR"
	if _, err := TerritoryQuotas(append(accounts, eur), d("1"), "USD", at); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("currencies: %v", err)
	}
	if _, err := TerritoryQuotas([]activity.Account{{}}, d("1"), "USD", at); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("invalid account: %v", err)
	}
	if _, err := TerritoryQuotas(accounts, d("-1"), "USD", at); !errors.Is(err, compensation.ErrInvalidOptions) {
		t.Errorf("negative total: %v", err)
	}
}

// TestQuotasErrors: Quotas passes on Allocate's errors: a negative total,
// no period.
func TestQuotasErrors(t *testing.T) {
	t.Parallel()
	a, err := Assign([]activity.Account{acct("a", "", 10)}, []Rep{{ID: "x"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	year := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := Quotas(a, d("-1"), "USD", compensation.AllocateOptions{Period: year}); !errors.Is(err, compensation.ErrInvalidOptions) {
		t.Errorf("negative total: %v", err)
	}
	if _, err := Quotas(a, d("1"), "USD", compensation.AllocateOptions{}); !errors.Is(err, compensation.ErrInvalidOptions) {
		t.Errorf("no period: %v", err)
	}
}
