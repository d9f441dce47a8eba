package forecast

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestResultsWriteDecimalsAsStrings(t *testing.T) {
	oldQuotes := decimal.MarshalJSONWithoutQuotes
	decimal.MarshalJSONWithoutQuotes = true
	defer func() { decimal.MarshalJSONWithoutQuotes = oldQuotes }()
	reps, p, opts := capacityCase()
	h, err := RepsNeeded(reps, d("80000"), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	// TestRepsNeeded's numbers.
	for _, frag := range []string{`"hires":3`, `"per_hire":"11200"`, `"existing":"46960"`, `"capacity":"16000"`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("JSON %s\nlacks %s", b, frag)
		}
	}
}
