package forecast

import "github.com/salesmetrics/salesmetrics/internal/dec"

// The results below hold exact decimals. Their JSON writes each decimal as a
// string of its digits, whatever shopspring/decimal's global settings are.

// MarshalJSON writes r with its decimals as strings.
func (r Projection) MarshalJSON() ([]byte, error) {
	type plain Projection
	return dec.Marshal(plain(r))
}

// MarshalJSON writes m with its decimals as strings.
func (m MonthCapacity) MarshalJSON() ([]byte, error) {
	type plain MonthCapacity
	return dec.Marshal(plain(m))
}

// MarshalJSON writes c with its decimals as strings.
func (c TeamCapacity) MarshalJSON() ([]byte, error) {
	type plain TeamCapacity
	return dec.Marshal(plain(c))
}

// MarshalJSON writes h with its decimals as strings.
func (h Hiring) MarshalJSON() ([]byte, error) { type plain Hiring; return dec.Marshal(plain(h)) }
