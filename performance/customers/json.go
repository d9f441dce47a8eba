package customers

import "github.com/salesmetrics/salesmetrics/internal/dec"

// MarshalJSON writes m with its decimals as strings.
func (m MRRMovements) MarshalJSON() ([]byte, error) {
	type plain MRRMovements
	return dec.Marshal(plain(m))
}

// MarshalJSON writes r with its decimals as strings.
func (r RevenueChurn) MarshalJSON() ([]byte, error) {
	type plain RevenueChurn
	return dec.Marshal(plain(r))
}

// MarshalJSON writes r with its decimals as strings.
func (r RevenueRetention) MarshalJSON() ([]byte, error) {
	type plain RevenueRetention
	return dec.Marshal(plain(r))
}

// MarshalJSON writes r with its decimals as strings.
func (r CohortRow) MarshalJSON() ([]byte, error) { type plain CohortRow; return dec.Marshal(plain(r)) }

// MarshalJSON writes a with its decimals as strings.
func (a AverageRevenue) MarshalJSON() ([]byte, error) {
	type plain AverageRevenue
	return dec.Marshal(plain(a))
}

// MarshalJSON writes a with its decimals as strings.
func (a AcquisitionCost) MarshalJSON() ([]byte, error) {
	type plain AcquisitionCost
	return dec.Marshal(plain(a))
}
