package customers

import (
	"fmt"

	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/km"
	"github.com/salesmetrics/salesmetrics/internal/wire"
)

// The tallies encode themselves (MarshalBinary) in internal/wire's format,
// as performance's do: a header "SM", the format version (1) and a byte
// naming the tally, then its fields. One tally always has one encoding (a
// set of lifetimes is written sorted), so the merge of the encoded parts
// of a whole encodes as the whole. UnmarshalBinary takes only an encoding
// of its own tally and version; anything else is an error wrapping
// ErrInvalidEncoding and leaves the tally as it was.

// decodeEnd finishes a decoding, naming the tally in an error.
func decodeEnd(r *wire.Reader, tally string) error {
	if err := r.End(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidEncoding, tally, err)
	}
	return nil
}

// MarshalBinary encodes the tally (kind 'n'): the counts of scores 0 to 10.
func (t *NPSTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 16), 'n')
	for _, c := range t.counts {
		b = wire.AppendCount(b, c)
	}
	return b, nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded.
func (t *NPSTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, 'n')
	var d NPSTally
	for i := range d.counts {
		d.counts[i] = r.Count()
	}
	if err := decodeEnd(r, "NPS tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (kind 'm'): the multiple its amounts are
// held at, the seven exact sums (opening, new, reactivation, expansion,
// contraction, churn, closing), the nine counts (opening, new,
// reactivated, expanded, contracted, churned, closing customers,
// transient accounts, churn events) and the customer-time sum.
func (t *MovementTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 96), 'm')
	b = wire.AppendCount(b, t.k)
	for _, s := range t.sums() {
		b = s.AppendBinary(b)
	}
	for _, n := range t.counts() {
		b = wire.AppendCount(b, *n)
	}
	return t.customerNanos.AppendBinary(b), nil
}

// counts lists the tally's counts, in the encoding's order.
func (t *MovementTally) counts() []*int64 {
	return []*int64{&t.open, &t.newC, &t.reactC, &t.expandedC, &t.contractedC, &t.churnedC, &t.endC, &t.transient, &t.churnEvents}
}

// maxMultiple bounds the multiple a decoded tally's amounts are held at.
const maxMultiple = 1 << 31

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; a
// multiple above 2^31 is invalid too.
func (t *MovementTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, 'm')
	var d MovementTally
	if d.k = r.Count(); d.k > maxMultiple {
		r.Fail(fmt.Sprintf("multiple %d", d.k))
	}
	for _, s := range d.sums() {
		*s = exact.ReadSum(r)
	}
	for _, n := range d.counts() {
		*n = r.Count()
	}
	d.customerNanos = exact.ReadSum(r)
	if err := decodeEnd(r, "movement tally"); err != nil {
		return err
	}
	*t = d
	return nil
}

// MarshalBinary encodes the tally (kind 's'): the ended lifetimes and the
// censored ones, each a set of non-negative days.
func (t *SurvivalTally) MarshalBinary() ([]byte, error) {
	ended, censored := t.t.Lifetimes()
	b := wire.AppendHeader(make([]byte, 0, 8+8*(len(ended)+len(censored))), 's')
	return wire.AppendFloats(wire.AppendFloats(b, ended), censored), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded; a
// negative, infinite or NaN lifetime is invalid too.
func (t *SurvivalTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, 's')
	ended, censored := r.Floats(), r.Floats()
	if err := decodeEnd(r, "survival tally"); err != nil {
		return err
	}
	*t = SurvivalTally{t: km.FromLifetimes(ended, censored)}
	return nil
}
