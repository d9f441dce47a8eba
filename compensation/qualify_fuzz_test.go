package compensation

import (
	"encoding/json"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzPredicate decodes arbitrary JSON as a predicate: never a panic; a
// valid one round-trips through JSON, and its negation matches exactly the
// deals it does not.
func FuzzPredicate(f *testing.F) {
	f.Add([]byte(`{"all":[{"field":"source","op":"eq","value":"partner"},{"field":"amount","op":"gte","value":"5000"}]}`))
	f.Add([]byte(`{"any":[{"field":"closed_at","op":"lt","value":"2025-02-01"},{"field":"attributes.region","op":"exists"}]}`))
	f.Add([]byte(`{"not":{"field":"segment","op":"in","values":["smb"]}}`))
	f.Add([]byte(`{"all":[{"field":"credit.role","op":"in","values":["sdr","overlay"]},{"field":"credit.share","op":"gte","value":"0.5"}]}`))
	deals := []activity.Deal{
		{ID: "a", Source: "partner", Segment: "smb", Amount: d("6000"), ClosedAt: utc(2025, 1, 5), Attributes: map[string]string{"region": "emea"}},
		{ID: "b", Source: "direct", Segment: "enterprise", Amount: d("100"), ACV: some("90")},
		{},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Predicate
		if json.Unmarshal(data, &p) != nil || p.Validate() != nil {
			return
		}
		fuzzRender(t, "Predicate", p)
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back Predicate
		if err := json.Unmarshal(b, &back); err != nil || back.Validate() != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		not := Predicate{Not: &p}
		for _, dl := range deals {
			m, err1 := p.Match(dl)
			n, err2 := not.Match(dl)
			r, err3 := back.Match(dl)
			if err1 != nil || err2 != nil || err3 != nil {
				if err2 != nil && len(p.String()) > 0 {
					return // p at the depth limit: Not makes it one too deep
				}
				t.Fatalf("Match: %v %v %v", err1, err2, err3)
			}
			if m == n || m != r {
				t.Fatalf("%s on %s: %v, not %v, round-tripped %v", p, dl.ID, m, n, r)
			}
			// The same as a credit of the deal: Not still negates.
			cr := Credit{ID: dl.ID, Amount: dl.Amount, At: dl.ClosedAt, Deal: dl, Role: RoleOverlay, Share: d("0.5")}
			mc, err1 := p.MatchCredit(cr)
			nc, err2 := not.MatchCredit(cr)
			if err1 != nil || err2 != nil || mc == nc {
				t.Fatalf("%s on a credit of %s: %v, not %v (%v, %v)", p, dl.ID, mc, nc, err1, err2)
			}
		}
	})
}
