package performance

import "github.com/salesmetrics/salesmetrics/internal/dec"

// The results below hold exact decimals. Their JSON writes each decimal as a
// string of its digits ("1500.00"), whatever shopspring/decimal's global
// settings are, so that no reader turns money into a binary float; every
// other field is written as encoding/json writes it.

// MarshalJSON writes w with its decimals as strings.
func (w WinLoss) MarshalJSON() ([]byte, error) { type plain WinLoss; return dec.Marshal(plain(w)) }

// MarshalJSON writes s with its decimals as strings.
func (s DealSize) MarshalJSON() ([]byte, error) { type plain DealSize; return dec.Marshal(plain(s)) }

// MarshalJSON writes p with its decimals as strings.
func (p Pipeline) MarshalJSON() ([]byte, error) { type plain Pipeline; return dec.Marshal(plain(p)) }

// MarshalJSON writes c with its decimals as strings.
func (c CategoryTotal) MarshalJSON() ([]byte, error) {
	type plain CategoryTotal
	return dec.Marshal(plain(c))
}

// MarshalJSON writes v with its decimals as strings.
func (v Velocity) MarshalJSON() ([]byte, error) { type plain Velocity; return dec.Marshal(plain(v)) }

// MarshalJSON writes q with its decimals as strings.
func (q QuotaAttainment) MarshalJSON() ([]byte, error) {
	type plain QuotaAttainment
	return dec.Marshal(plain(q))
}

// MarshalJSON writes o with its decimals as strings.
func (o OwnerAttainment) MarshalJSON() ([]byte, error) {
	type plain OwnerAttainment
	return dec.Marshal(plain(o))
}

// MarshalJSON writes b with its decimals as strings.
func (b AttainmentBand) MarshalJSON() ([]byte, error) {
	type plain AttainmentBand
	return dec.Marshal(plain(b))
}

// MarshalJSON writes s with its decimals as strings.
func (s AtQuotaShare) MarshalJSON() ([]byte, error) {
	type plain AtQuotaShare
	return dec.Marshal(plain(s))
}

// MarshalJSON writes c with its decimals as strings.
func (c PipelineCoverage) MarshalJSON() ([]byte, error) {
	type plain PipelineCoverage
	return dec.Marshal(plain(c))
}

// MarshalJSON writes b with its decimals as strings.
func (b BookingsTotal) MarshalJSON() ([]byte, error) {
	type plain BookingsTotal
	return dec.Marshal(plain(b))
}

// MarshalJSON writes g with its decimals as strings.
func (g GrowthRate) MarshalJSON() ([]byte, error) {
	type plain GrowthRate
	return dec.Marshal(plain(g))
}

// MarshalJSON writes c with its decimals as strings.
func (c CompoundGrowth) MarshalJSON() ([]byte, error) {
	type plain CompoundGrowth
	return dec.Marshal(plain(c))
}

// MarshalJSON writes a with its decimals as strings.
func (a AccountRevenue) MarshalJSON() ([]byte, error) {
	type plain AccountRevenue
	return dec.Marshal(plain(a))
}

// MarshalJSON writes m with its decimals as strings.
func (m Margin) MarshalJSON() ([]byte, error) { type plain Margin; return dec.Marshal(plain(m)) }
