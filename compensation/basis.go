package compensation

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// PaymentBasis says when a won deal's credit is earned.
type PaymentBasis string

// Payment bases.
const (
	// Booked (the default, also "") credits the deal at its close.
	Booked PaymentBasis = "booked"
	// Invoiced credits each invoice at its date, less credit notes at
	// theirs.
	Invoiced PaymentBasis = "invoiced"
	// Collected credits each payment at its date: partial payments release
	// credit pro rata.
	Collected PaymentBasis = "collected"
)

// Invoice bills a deal.
type Invoice struct {
	ID     string          `json:"id"`
	Deal   string          `json:"deal"`
	Amount decimal.Decimal `json:"amount"`
	At     time.Time       `json:"at"`
}

// Payment pays an invoice, in part or in full.
type Payment struct {
	Invoice string          `json:"invoice"`
	Amount  decimal.Decimal `json:"amount"`
	At      time.Time       `json:"at"`
}

// CreditNote reduces an invoice.
type CreditNote struct {
	Invoice string          `json:"invoice"`
	Amount  decimal.Decimal `json:"amount"`
	At      time.Time       `json:"at"`
}

// Billing is the invoices, payments and credit notes of the deals, for a
// payment basis other than Booked.
type Billing struct {
	Invoices    []Invoice    `json:"invoices"`
	Payments    []Payment    `json:"payments"`
	CreditNotes []CreditNote `json:"credit_notes"`
}

// CreditOnBasis credits won deals as CreditDeals does (splits, overlays,
// manager roll-ups), then releases each credit on the basis: Booked at the
// close; Invoiced at each invoice's date for the invoice's share of the
// deal's amount, and negatively at each credit note's date for its share;
// Collected at each payment's date for its share. A credit of c on a deal
// of amount A released by an event of amount e is c × e / A, the parts of
// one event split by largest remainder in minor units so that they add up
// to the event's share of the deal's credits. Released credits are ids of
// the form "D-1/ann/primary@INV-7" (or "@INV-7/2" for an invoice's second
// payment, "@INV-7/cn1" for its first credit note).
//
// Errors wrap ErrInvalidCredit: an unknown basis; an invoice of an unknown
// or not won deal, a payment or credit note of an
// unknown invoice, a negative or zero amount, a zero time; payments or
// credit notes of an invoice above its amount; and CreditDeals' errors.
func CreditOnBasis(deals []activity.Deal, opts CreditingOptions, basis PaymentBasis, billing Billing) ([]Credit, error) {
	credits, err := CreditDeals(deals, opts)
	if err != nil {
		return nil, err
	}
	switch basis {
	case "", Booked:
		return credits, nil
	case Invoiced, Collected:
	default:
		return nil, fmt.Errorf("%w: payment basis %q", ErrInvalidCredit, basis)
	}
	won := map[string]*activity.Deal{}
	for i := range deals {
		if deals[i].Status == activity.StatusWon {
			won[deals[i].ID] = &deals[i]
		}
	}
	type event struct {
		id     string
		deal   *activity.Deal
		amount decimal.Decimal // negative for a credit note
		at     time.Time
	}
	var events []event
	invoices := map[string]*Invoice{}
	used := map[string]decimal.Decimal{}
	for i := range billing.Invoices {
		inv := &billing.Invoices[i]
		d := won[inv.Deal]
		switch {
		case inv.ID == "" || invoices[inv.ID] != nil:
			return nil, fmt.Errorf("%w: invoice %d: empty or repeated id %q", ErrInvalidCredit, i, inv.ID)
		case d == nil:
			return nil, fmt.Errorf("%w: invoice %q bills %q, not a won deal", ErrInvalidCredit, inv.ID, inv.Deal)
		case !inv.Amount.IsPositive() || inv.At.IsZero():
			return nil, fmt.Errorf("%w: invoice %q: amount %s, time %v", ErrInvalidCredit, inv.ID, inv.Amount, inv.At)
		}
		invoices[inv.ID] = inv
		if basis == Invoiced {
			events = append(events, event{"@" + inv.ID, d, inv.Amount, inv.At})
		}
	}
	add := func(kind string, invoice string, amount decimal.Decimal, at time.Time, n int) error {
		inv := invoices[invoice]
		switch {
		case inv == nil:
			return fmt.Errorf("%w: %s %d of unknown invoice %q", ErrInvalidCredit, kind, n, invoice)
		case !amount.IsPositive() || at.IsZero():
			return fmt.Errorf("%w: %s %d of %q: amount %s, time %v", ErrInvalidCredit, kind, n, invoice, amount, at)
		}
		used[kind+invoice] = used[kind+invoice].Add(amount)
		if used[kind+invoice].GreaterThan(inv.Amount) {
			return fmt.Errorf("%w: %ss of %q add up to more than it bills (%s)", ErrInvalidCredit, kind, invoice, inv.Amount)
		}
		return nil
	}
	for i, p := range billing.Payments {
		if err := add("payment", p.Invoice, p.Amount, p.At, i); err != nil {
			return nil, err
		}
		if basis == Collected {
			events = append(events, event{fmt.Sprintf("@%s/%d", p.Invoice, countBefore(billing.Payments[:i], p.Invoice)+1), won[invoices[p.Invoice].Deal], p.Amount, p.At})
		}
	}
	for i, c := range billing.CreditNotes {
		if err := add("credit note", c.Invoice, c.Amount, c.At, i); err != nil {
			return nil, err
		}
		if basis == Invoiced {
			events = append(events, event{fmt.Sprintf("@%s/cn%d", c.Invoice, countNotesBefore(billing.CreditNotes[:i], c.Invoice)+1), won[invoices[c.Invoice].Deal], c.Amount.Neg(), c.At})
		}
	}
	byDeal := map[string][]Credit{}
	for _, c := range credits {
		byDeal[c.Deal.ID] = append(byDeal[c.Deal.ID], c)
	}
	slices.SortStableFunc(events, func(a, b event) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.id, b.id)) })
	var out []Credit
	for _, e := range events {
		cs := byDeal[e.deal.ID]
		if len(cs) == 0 || e.deal.Amount.IsZero() {
			continue
		}
		scale := e.deal.Currency.MinorUnits()
		// Each credit's exact share of the event, then largest remainder so
		// that the parts add up to the event's share of all the credits.
		splits := make([]Split, len(cs))
		whole := decimal.Zero
		for j, c := range cs {
			whole = whole.Add(c.Amount)
			splits[j] = Split{Share: c.Amount}
		}
		if whole.IsZero() {
			continue
		}
		target := whole.Mul(e.amount).DivRound(e.deal.Amount, 20)
		for j := range splits {
			splits[j].Share = splits[j].Share.DivRound(whole, 28)
		}
		parts := largestRemainder(target.Round(scale), splits, scale)
		for j, c := range cs {
			c.ID += e.id
			c.Amount = parts[j]
			c.At = e.at
			out = append(out, c)
		}
	}
	return out, nil
}

func countBefore(ps []Payment, invoice string) int {
	n := 0
	for _, p := range ps {
		if p.Invoice == invoice {
			n++
		}
	}
	return n
}

func countNotesBefore(cs []CreditNote, invoice string) int {
	n := 0
	for _, c := range cs {
		if c.Invoice == invoice {
			n++
		}
	}
	return n
}
