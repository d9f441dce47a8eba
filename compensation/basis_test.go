package compensation

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesmetrics/salesmetrics/activity"
)

func TestCreditOnBasis(t *testing.T) {
	t.Parallel()
	deals := []activity.Deal{{ID: "D1", Owner: "ann", Amount: d("10000"), Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 1, 20)}}
	opts := CreditingOptions{Splits: []Split{{Deal: "D1", Rep: "ann", Share: d("0.6")}, {Deal: "D1", Rep: "bob", Share: d("0.4")}}}
	billing := Billing{
		Invoices:    []Invoice{{ID: "INV-1", Deal: "D1", Amount: d("6000"), At: utc(2025, 2, 1)}, {ID: "INV-2", Deal: "D1", Amount: d("4000"), At: utc(2025, 3, 1)}},
		Payments:    []Payment{{Invoice: "INV-1", Amount: d("3000"), At: utc(2025, 2, 20)}, {Invoice: "INV-1", Amount: d("3000"), At: utc(2025, 3, 15)}, {Invoice: "INV-2", Amount: d("3000"), At: utc(2025, 4, 2)}},
		CreditNotes: []CreditNote{{Invoice: "INV-2", Amount: d("1000"), At: utc(2025, 3, 10)}},
	}
	type row struct{ ID, Amount, At string }
	rows := func(cs []Credit) []row {
		var out []row
		for _, c := range cs {
			out = append(out, row{c.ID, c.Amount.String(), c.At.Format("01-02")})
		}
		return out
	}
	// Invoiced: INV-1's 6,000 is 60% of the deal: ann 60% of 6,000 = 3,600,
	// bob 2,400; INV-2's 4,000: 2,400 and 1,600; the 1,000 credit note takes
	// back 600 and 400. ann 5,400 and bob 3,600 in all: 90% of the deal,
	// what was billed net.
	inv, err := CreditOnBasis(deals, opts, Invoiced, billing)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"D1/ann/primary@INV-1", "3600", "02-01"}, {"D1/bob/primary@INV-1", "2400", "02-01"},
		{"D1/ann/primary@INV-2", "2400", "03-01"}, {"D1/bob/primary@INV-2", "1600", "03-01"},
		{"D1/ann/primary@INV-2/cn1", "-600", "03-10"}, {"D1/bob/primary@INV-2/cn1", "-400", "03-10"},
	}
	if d := cmp.Diff(want, rows(inv)); d != "" {
		t.Errorf("invoiced (-want +got):\n%s", d)
	}
	// Collected: each 3,000 payment releases 30% of each credit: 1,800 and
	// 1,200, on the payment's date.
	col, err := CreditOnBasis(deals, opts, Collected, billing)
	if err != nil {
		t.Fatal(err)
	}
	want = []row{
		{"D1/ann/primary@INV-1/1", "1800", "02-20"}, {"D1/bob/primary@INV-1/1", "1200", "02-20"},
		{"D1/ann/primary@INV-1/2", "1800", "03-15"}, {"D1/bob/primary@INV-1/2", "1200", "03-15"},
		{"D1/ann/primary@INV-2/1", "1800", "04-02"}, {"D1/bob/primary@INV-2/1", "1200", "04-02"},
	}
	if d := cmp.Diff(want, rows(col)); d != "" {
		t.Errorf("collected (-want +got):\n%s", d)
	}
	// A third of 100.00 paid on a deal split three ways: 33.33 in all, the
	// cents by largest remainder (11.11 each).
	odd := []activity.Deal{{ID: "D2", Owner: "ann", Amount: d("100"), Currency: "USD", Status: activity.StatusWon, ClosedAt: utc(2025, 1, 2)}}
	third := d("0.3333333333333333333333333333")
	oddOpts := CreditingOptions{Splits: []Split{{Deal: "D2", Rep: "a", Share: third}, {Deal: "D2", Rep: "b", Share: third}, {Deal: "D2", Rep: "c", Share: d("1").Sub(third).Sub(third)}}}
	got, err := CreditOnBasis(odd, oddOpts, Collected, Billing{Invoices: []Invoice{{ID: "I", Deal: "D2", Amount: d("100"), At: utc(2025, 1, 3)}}, Payments: []Payment{{Invoice: "I", Amount: d("33.33"), At: utc(2025, 1, 9)}}})
	if err != nil {
		t.Fatal(err)
	}
	sum := d("0")
	for _, c := range got {
		sum = sum.Add(c.Amount)
	}
	if !sum.Equal(d("33.33")) {
		t.Errorf("the parts of a payment add up to %s, want 33.33 (%v)", sum, rows(got))
	}
	for _, tc := range []struct {
		name string
		b    Billing
		bas  PaymentBasis
	}{
		{"unknown basis", billing, "accrued"},
		{"invoice of a lost deal", Billing{Invoices: []Invoice{{ID: "I", Deal: "D9", Amount: d("1"), At: utc(2025, 2, 1)}}}, Invoiced},
		{"repeated invoice", Billing{Invoices: []Invoice{{ID: "I", Deal: "D1", Amount: d("1"), At: utc(2025, 2, 1)}, {ID: "I", Deal: "D1", Amount: d("1"), At: utc(2025, 2, 1)}}}, Invoiced},
		{"zero invoice", Billing{Invoices: []Invoice{{ID: "I", Deal: "D1", Amount: d("0"), At: utc(2025, 2, 1)}}}, Invoiced},
		{"payment of nothing", Billing{Payments: []Payment{{Invoice: "X", Amount: d("1"), At: utc(2025, 2, 1)}}}, Collected},
		{"overpaid", Billing{Invoices: []Invoice{{ID: "I", Deal: "D1", Amount: d("10"), At: utc(2025, 2, 1)}}, Payments: []Payment{{Invoice: "I", Amount: d("11"), At: utc(2025, 2, 2)}}}, Collected},
	} {
		if _, err := CreditOnBasis(deals, opts, tc.bas, tc.b); !errors.Is(err, ErrInvalidCredit) {
			t.Errorf("%s: %v, want ErrInvalidCredit", tc.name, err)
		}
	}
}
