package activity

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Currency is an ISO 4217 alphabetic currency code, such as "USD", "EUR" or
// "JPY": exactly three ASCII upper-case letters. The zero Currency is empty
// and fails Validate.
//
// Codes are not checked against the list of currencies in circulation, so a
// host may use any well-formed code (a new currency, a test code such as XTS,
// a private unit); only MinorUnits consults the list.
type Currency string

// Validate reports an error wrapping ErrInvalidCurrency, naming the code,
// unless c is exactly three ASCII upper-case letters ("usd", "US", "USDT"
// and "" all fail).
func (c Currency) Validate() error {
	if _, ok := c.key(); !ok {
		return fmt.Errorf("%w: %q is not three ASCII upper-case letters", ErrInvalidCurrency, string(c))
	}
	return nil
}

// key interns a well-formed code as a number in [0, 26³) without allocating,
// and reports whether c is well formed.
func (c Currency) key() (uint16, bool) {
	if len(c) != 3 {
		return 0, false
	}
	var k uint16
	for i := range 3 {
		b := c[i]
		if b < 'A' || b > 'Z' {
			return 0, false
		}
		k = k*26 + uint16(b-'A')
	}
	return k, true
}

// MinorUnits returns the number of decimal places of c's minor unit, as
// ISO 4217 list one (current currency and funds, the amendment current in
// 2025) gives it:
//
//	0  BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF
//	3  BHD IQD JOD KWD LYD OMR TND
//	4  CLF UYW
//	2  every other code
//
// The default of 2 also covers the codes the list marks "N.A." (precious
// metals such as XAU, the SDR XDR, the testing code XTS, and the code for
// "no currency"),
// codes not on the list, and codes that fail Validate; validate a code first
// where that matters. The list is the standard's, not practice: HUF and IDR,
// for example, are 2 in ISO 4217 although cash is handled in whole units.
func (c Currency) MinorUnits() int32 {
	switch c {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
		"RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	case "CLF", "UYW":
		return 4
	}
	return 2
}

// Round returns d rounded to c's minor units (see MinorUnits), half away from
// zero: 2.345 USD rounds to 2.35 and −2.345 USD to −2.35. It is the library's
// default rounding, applied only where a person sees or is paid a number.
func (c Currency) Round(d decimal.Decimal) decimal.Decimal {
	return d.Round(c.MinorUnits())
}

// RoundBank returns d rounded to c's minor units (see MinorUnits), half to
// even (banker's rounding): 2.345 USD rounds to 2.34 and 2.355 USD to 2.36.
// Use it where a plan or a ledger says so.
func (c Currency) RoundBank(d decimal.Decimal) decimal.Decimal {
	return d.RoundBank(c.MinorUnits())
}
