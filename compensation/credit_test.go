package compensation

import (
	"errors"
	"testing"

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
