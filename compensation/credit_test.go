package compensation

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestCreditDeals(t *testing.T) {
	t.Parallel()
	deals := []activity.Deal{
		{ID: "D1", Owner: "ann", Amount: d("10000.01"), Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 2, 3)},
		{ID: "D2", Owner: "bob", Amount: d("5000"), Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 2, 9)},
		{ID: "D3", Owner: "bob", Amount: d("7000"), Currency: "USD", Status: activity.StatusLost, ClosedAt: utc(2025, 2, 9)},
	}
	roster := []activity.Rep{
		{ID: "ann", Assignments: []activity.Assignment{{From: utc(2024, 1, 1), Team: "east", Manager: "mia"}}},
		{ID: "bob", Assignments: []activity.Assignment{{From: utc(2024, 1, 1), Until: utc(2025, 2, 5), Manager: "mia"}, {From: utc(2025, 2, 5), Manager: "max"}}},
		{ID: "cy", Assignments: []activity.Assignment{{From: utc(2024, 1, 1), Manager: "mia"}}},
	}
	credits, err := CreditDeals(deals, CreditingOptions{
		Splits: []Split{
			// D1 split 40 / 35 / 25 among ann, bob and cy, with a 10%
			// overlay to the solutions engineer.
			{Deal: "D1", Rep: "ann", Share: d("0.4")},
			{Deal: "D1", Rep: "bob", Share: d("0.35")},
			{Deal: "D1", Rep: "cy", Share: d("0.25")},
			{Deal: "D1", Rep: "se-1", Share: d("0.1"), Role: RoleOverlay},
		},
		ManagerShare: some("1"),
		Roster:       roster,
	})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ ID, Rep, Amount string }
	var got []row
	for _, c := range credits {
		got = append(got, row{c.ID, c.Rep, c.Amount.String()})
	}
	// D1 10,000.01: 40% = 4,000.004, 35% = 3,500.0035, 25% = 2,500.0025;
	// floored to 4,000.00, 3,500.00, 2,500.00 (10,000.00): the one cent
	// left goes to the largest remainder, ann's 0.004. The managers on
	// 3 February: mia for all three. The overlay: 10% = 1,000.00. D2: bob
	// in full, and his manager on 9 February is max. D3 is lost.
	want := []row{
		{"D1/ann/primary", "ann", "4000.01"}, {"D1/mia/manager/ann", "mia", "4000.01"},
		{"D1/bob/primary", "bob", "3500"}, {"D1/mia/manager/bob", "mia", "3500"},
		{"D1/cy/primary", "cy", "2500"}, {"D1/mia/manager/cy", "mia", "2500"},
		{"D1/se-1/overlay", "se-1", "1000"},
		{"D2/bob/primary", "bob", "5000"}, {"D2/max/manager/bob", "max", "5000"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CreditDeals (-want +got):\n%s", diff)
	}
}

func TestCreditDealsErrors(t *testing.T) {
	t.Parallel()
	deals := []activity.Deal{{ID: "D1", Owner: "ann", Amount: d("100"), Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 2, 3)}}
	for _, tc := range []struct {
		name string
		opts CreditingOptions
	}{
		{"not 100%", CreditingOptions{Splits: []Split{{Deal: "D1", Rep: "ann", Share: d("0.6")}, {Deal: "D1", Rep: "bob", Share: d("0.3")}}}},
		{"unknown deal", CreditingOptions{Splits: []Split{{Deal: "D9", Rep: "ann", Share: d("1")}}}},
		{"no rep", CreditingOptions{Splits: []Split{{Deal: "D1", Share: d("1")}}}},
		{"share above 1", CreditingOptions{Splits: []Split{{Deal: "D1", Rep: "ann", Share: d("1.5")}}}},
		{"zero share", CreditingOptions{Splits: []Split{{Deal: "D1", Rep: "ann", Share: d("0")}}}},
		{"twice", CreditingOptions{Splits: []Split{{Deal: "D1", Rep: "ann", Share: d("0.5")}, {Deal: "D1", Rep: "ann", Share: d("0.5")}}}},
		{"manager role in a split", CreditingOptions{Splits: []Split{{Deal: "D1", Rep: "mia", Share: d("1"), Role: RoleManager}}}},
		{"roll-up without roster", CreditingOptions{ManagerShare: some("1")}},
	} {
		if _, err := CreditDeals(deals, tc.opts); !errors.Is(err, ErrInvalidCredit) {
			t.Errorf("%s: %v, want ErrInvalidCredit", tc.name, err)
		}
	}
}

// TestCreditCloseDay: a deal closed on a day is credited at the day's last
// instant in CreditingOptions.Location (UTC for CreditsFromDeals), and a
// manager roll-up looks the roster up then: bob's manager changes from mia
// to max on 5 February at 00:00 UTC, which is still 4 February in Los
// Angeles, so a deal closed on 4 February rolls up to max there and to mia
// in UTC.
func TestCreditCloseDay(t *testing.T) {
	t.Parallel()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	day := activity.Date{Year: 2025, Month: time.February, Day: 4}
	deals := []activity.Deal{{ID: "D1", Owner: "bob", Amount: d("100"), Currency: "USD", Status: activity.StatusWon, CloseDate: day}}
	roster := []activity.Rep{{ID: "bob", Assignments: []activity.Assignment{
		{From: utc(2024, 1, 1), Until: utc(2025, 2, 5), Manager: "mia"}, {From: utc(2025, 2, 5), Manager: "max"}}}}
	manager := func(cs []Credit) string {
		for _, c := range cs {
			if c.Role == RoleManager {
				return c.Rep
			}
		}
		return ""
	}
	inUTC, err := CreditDeals(deals, CreditingOptions{ManagerShare: activity.Some(d("0.1")), Roster: roster})
	if err != nil {
		t.Fatal(err)
	}
	inLA, err := CreditDeals(deals, CreditingOptions{ManagerShare: activity.Some(d("0.1")), Roster: roster, Location: la})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := inUTC[0].At, day.End(nil); !got.Equal(want) || manager(inUTC) != "mia" {
		t.Errorf("UTC: credited at %v to manager %q, want %v and mia", got, manager(inUTC), want)
	}
	if got, want := inLA[0].At, day.End(la); !got.Equal(want) || manager(inLA) != "max" || !inLA[0].Deal.ClosedAt.Equal(want) {
		t.Errorf("Los Angeles: credited at %v to manager %q, want %v and max", got, manager(inLA), want)
	}
	if cs := CreditsFromDeals(deals); len(cs) != 1 || !cs[0].At.Equal(day.End(nil)) {
		t.Errorf("CreditsFromDeals = %v, want one credit at %v", cs, day.End(nil))
	}
	// A plan predicate on closed_at sees the instant.
	p := Predicate{Field: "closed_at", Op: OpGte, Value: "2025-02-04T23:00:00Z"}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Match(deals[0]); err != nil || !ok {
		t.Errorf("%v does not match a deal closed on 4 February (UTC): %v", p, err)
	}
}

// TestCreditConversion: a deal of 1,000 EUR, split 50/50 with a 10%
// overlay, credits a USD plan at EUR→USD 1.10: 1,100 USD in two primary
// credits of 550.00 and an overlay of 110.00.
func TestCreditConversion(t *testing.T) {
	t.Parallel()
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: utc(2025, 1, 1), Rate: d("1.10")}})
	if err != nil {
		t.Fatal(err)
	}
	deals := []activity.Deal{{ID: "D1", Owner: "ann", Amount: d("1000"), Currency: "EUR", Status: activity.StatusWon, ClosedAt: utc(2025, 2, 3)}}
	cs, err := CreditDeals(deals, CreditingOptions{
		Splits:     []Split{{Deal: "D1", Rep: "ann", Share: d("0.5")}, {Deal: "D1", Rep: "bob", Share: d("0.5")}, {Deal: "D1", Rep: "se", Share: d("0.1"), Role: RoleOverlay}},
		Conversion: &activity.Conversion{To: "USD", Converter: rates},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"D1/ann/primary": "550", "D1/bob/primary": "550", "D1/se/overlay": "110"}
	for _, c := range cs {
		if w, ok := want[c.ID]; !ok || !c.Amount.Equal(d(w)) || c.Currency != "USD" {
			t.Errorf("credit %s: %s %s, want %s USD", c.ID, c.Amount, c.Currency, w)
		}
	}
	if len(cs) != 3 {
		t.Errorf("%d credits, want 3", len(cs))
	}
	if _, err := CreditDeals(deals, CreditingOptions{Conversion: &activity.Conversion{To: "USD"}}); !errors.Is(err, ErrInvalidCredit) {
		t.Errorf("invalid conversion: %v, want ErrInvalidCredit", err)
	}
}

// TestCreditDealsValidates: won deals that cannot be credited (a repeated
// id, no owner, an invalid currency, no close time, a negative amount) are
// errors, and a statement refuses a credit id given twice.
func TestCreditDealsValidates(t *testing.T) {
	t.Parallel()
	ok := activity.Deal{ID: "D1", Owner: "ann", Amount: d("100"), Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 2, 3)}
	bad := func(edit func(*activity.Deal)) []activity.Deal {
		x := ok
		edit(&x)
		return []activity.Deal{ok, x}
	}
	for name, deals := range map[string][]activity.Deal{
		"repeated id":   bad(func(*activity.Deal) {}),
		"empty id":      bad(func(x *activity.Deal) { x.ID = "" }),
		"no owner":      bad(func(x *activity.Deal) { x.ID, x.Owner = "D2", "" }),
		"bad currency":  bad(func(x *activity.Deal) { x.ID, x.Currency = "D2", "usd" }),
		"no close time": bad(func(x *activity.Deal) { x.ID, x.ClosedAt = "D2", time.Time{} }),
		"negative":      bad(func(x *activity.Deal) { x.ID, x.Amount = "D2", d("-1") }),
	} {
		if _, err := CreditDeals(deals, CreditingOptions{}); !errors.Is(err, ErrInvalidCredit) {
			t.Errorf("%s: %v, want ErrInvalidCredit", name, err)
		}
	}
	plan := Plan{ID: "p", Version: 1, EffectiveFrom: utc(2025, 1, 1), Currency: "USD",
		Components: []Component{{Name: "c", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: activity.Some(d("0.1"))}}}}}}
	feb := activity.Period{Start: utc(2025, 2, 1), End: utc(2025, 3, 1), Name: "2025-02"}
	twice := CreditsFromDeals([]activity.Deal{ok, ok})
	if _, err := StatementFor(plan, "ann", feb, twice, nil); !errors.Is(err, ErrInvalidCredit) {
		t.Errorf("a credit id twice: %v, want ErrInvalidCredit", err)
	}
	if st, err := StatementFor(plan, "ann", feb, twice[:1], nil); err != nil || !st.Total.Equal(d("10")) {
		t.Errorf("once: %v, %v; want 10 paid", st.Total, err)
	}
}
