package dec

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

type inner struct {
	Amount decimal.Decimal `json:"amount"`
	Note   string          `json:"note,omitempty"`
}

type Embedded struct {
	Rate decimal.Decimal `json:"rate"`
}

type outer struct {
	Embedded
	Total   decimal.Decimal            `json:"total"`
	Parts   []inner                    `json:"parts"`
	ByKey   map[string]decimal.Decimal `json:"by_key,omitempty"`
	Maybe   *decimal.Decimal           `json:"maybe"`
	When    time.Time                  `json:"when"`
	Count   int                        `json:"count"`
	private decimal.Decimal
	Skip    decimal.Decimal `json:"-"`
}

func TestMarshal(t *testing.T) {
	oldQuotes, oldTrim := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros
	decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = true, true
	defer func() { decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros = oldQuotes, oldTrim }()

	d := decimal.RequireFromString
	v := outer{
		Embedded: Embedded{Rate: d("0.250")},
		Total:    d("1500.00"),
		Parts:    []inner{{Amount: d("1000.50")}, {Amount: d("499.50"), Note: "x"}},
		ByKey:    map[string]decimal.Decimal{"a": d("1.10")},
		When:     time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC),
		Count:    3,
		private:  d("9"),
		Skip:     d("9"),
	}
	got, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	// Every decimal as a string of its digits, trailing zeros kept; the
	// embedded field promoted; tags, omitempty and "-" honoured.
	want := `{"rate":"0.250","total":"1500.00","parts":[{"amount":"1000.50"},{"amount":"499.50","note":"x"}],` +
		`"by_key":{"a":"1.10"},"maybe":null,"when":"2025-01-02T00:00:00Z","count":3}`
	if string(got) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, want)
	}
	// A value with no decimal is written exactly as encoding/json writes it.
	plain := struct {
		A int    `json:"a"`
		B string `json:"b,omitempty"`
	}{A: 1}
	g1, _ := Marshal(plain)
	g2, _ := json.Marshal(plain)
	if string(g1) != string(g2) {
		t.Errorf("Marshal(plain) = %s, json.Marshal = %s", g1, g2)
	}
	if b, err := Marshal(nil); err != nil || string(b) != "null" {
		t.Errorf("Marshal(nil) = %s, %v", b, err)
	}
}
