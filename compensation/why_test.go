package compensation

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestLineReason renders one line of each rule; the sentences are written
// out by hand from the line's figures.
func TestLineReason(t *testing.T) {
	t.Parallel()
	cancel := utc(2025, 3, 10)
	for _, c := range []struct {
		l    Line
		want string
	}{
		{Line{Rate: d("0.05"), Why: Why{Rule: RuleMarginal, Note: "tier 1 [0.00, 100000.00)"}},
			"marginal: the part of the credit whose running total falls in tier 1 [0.00, 100000.00) at 0.05"},
		{Line{Rate: d("0.08"), Why: Why{Rule: RuleRetroactive, Note: "tier 2 [100000.00, ∞)"}},
			"retroactive: the running total is in tier 2 [100000.00, ∞), whose rate 0.08 pays every credit"},
		{Line{Rate: d("0.1"), Why: Why{Rule: RulePerTransaction, Note: "tier 3 (50000.00, 80000.00]"}},
			"per transaction: the credit's own amount is in tier 3 (50000.00, 80000.00] at 0.1"},
		// 0.05 + 0.03 = 0.08.
		{Line{Base: d("90000"), Rate: d("0.03"), Why: Why{Rule: RuleTrueUp, Limit: d("0.05")}},
			"true-up: 90000.00 credited before now earns 0.08 instead of 0.05"},
		{Line{Why: Why{Rule: RuleCreditCap, Limit: d("500000")}}, "over the credit cap of 500000.00: not paid"},
		{Line{Why: Why{Rule: RuleGate, Note: "attainment 40% below 50%"}}, "gate: attainment 40% below 50%; nothing paid"},
		{Line{Base: d("1200.5"), Why: Why{Rule: RuleCarriedIn}}, "carried forward: 1200.50 over last period's cap"},
		{Line{Exact: d("-250"), Why: Why{Rule: RuleCap, Limit: d("10000"), Note: "forfeited"}}, "cap: pay capped at 10000.00, 250.00 forfeited"},
		{Line{Base: d("0.85"), Why: Why{Rule: RuleBonus, Limit: d("0.9")}}, "bonus: attainment 85% below the first step 90%"},
		{Line{Base: d("1.1"), Tier: 2, Why: Why{Rule: RuleBonus, Limit: d("1")}}, "bonus: attainment 110% reaches step 2 (100%)"},
		{Line{Base: d("800"), Why: Why{Rule: RuleMinimum, Limit: d("500"), Note: "commission"}}, "minimum: commission earned 800.00, at or above the floor 500.00"},
		// 500 − 300 = 200.
		{Line{Base: d("300"), Exact: d("200"), Why: Why{Rule: RuleMinimum, Limit: d("500"), Note: "commission"}},
			"minimum: commission earned 300.00, below the floor 500.00; 200.00 tops it up"},
		{Line{Base: d("0.75"), Rate: d("20000"), Why: Why{Rule: RuleIncentive}}, "incentive: target 20000.00 × attainment 75%"},
		{Line{Base: d("12"), Rate: d("50"), Why: Why{Rule: RulePerActivity, Note: "meeting, held"}}, "12 activities (meeting, held) at 50.00"},
		{Line{Base: d("1"), Rate: d("50"), Why: Why{Rule: RulePerActivity}}, "1 activity at 50.00"},
		{Line{Base: d("4000"), Rate: d("0.5"), Why: Why{Rule: RuleShare, Note: "commission"}}, "0.5 of what commission earned, 4000.00"},
		{Line{Exact: d("250"), Why: Why{Rule: RuleSPIF, Note: "between 2025-03-01 and 2025-04-01"}},
			"SPIF: 250.00 for a qualifying credit between 2025-03-01 and 2025-04-01"},
		{Line{Rate: d("0.5"), Why: Why{Rule: RuleClawback, Limit: d("1000"), Event: &Event{At: cancel, Days: 40, Total: d("500"), Part: 2, Parts: 3, Places: 2}}},
			"clawback: cancelled 2025-03-10, 40 days after the credit; 500.00 of 1000.00 paid (the plan recovers 50%), installment 2 of 3"},
		{Line{Why: Why{Rule: RuleClawback, Limit: d("1000"), Event: &Event{At: cancel, Days: 40, Total: d("1000"), Part: 1, Parts: 1, Places: 0}}},
			"clawback: cancelled 2025-03-10, 40 days after the credit; 1000 of 1000 paid"},
		{Line{Why: Why{Rule: RuleNoClawback, Limit: d("90"), Event: &Event{At: cancel, Days: 120}}},
			"no clawback: cancelled 2025-03-10, 120 days after the credit, outside the 90-day window"},
		{Line{Base: d("30"), Exact: d("20"), Why: Why{Rule: RuleDrawGuarantee, Limit: d("50"), Event: &Event{Places: 2}}}, "draw: earned 30.00, below the guaranteed 50.00"},
		{Line{Base: d("30"), Exact: d("20"), Why: Why{Rule: RuleDrawAdvance, Limit: d("50"), Event: &Event{Total: d("70"), Places: 2}}},
			"draw: earned 30.00, below the guaranteed 50.00; advanced, balance 70.00"},
		{Line{Why: Why{Rule: RuleDrawWait, Event: &Event{At: cancel, Total: d("70"), Places: 2}}}, "draw: recovery of the balance of 70.00 waits until 2025-03-10"},
		{Line{Exact: d("-25"), Why: Why{Rule: RuleDrawRecovery, Event: &Event{Total: d("45"), Places: 2}}},
			"draw recovery: 25.00 of the advance repaid from pay above the draw, balance 45.00"},
		{Line{Why: Why{Rule: RuleDrawForgiven, Event: &Event{Total: d("45"), Places: 2}}}, "draw: a balance of 45.00 forgiven"},
		// A line of a plan version's part: 59 of 90 days is 65.555…%.
		{Line{Base: d("0.85"), Why: Why{Rule: RuleBonus, Limit: d("0.9"),
			Version: &VersionPart{Version: 1, Span: activity.Period{Start: utc(2025, 1, 1), End: utc(2025, 3, 1)}, Share: d("0.6555555556")}}},
			"v1, 2025-01-01 to 2025-03-01 (65.56% of the period): bonus: attainment 85% below the first step 90%"},
		// A rule this version does not know, and a draw line without its event, still render.
		{Line{Why: Why{Rule: "someday"}}, "someday"},
		{Line{Why: Why{Rule: RuleDrawForgiven}}, "draw: a balance of 0 forgiven"},
		{Line{Why: Why{Rule: RuleNoClawback, Limit: d("90")}}, "no clawback: cancelled 0001-01-01, 0 days after the credit, outside the 90-day window"},
	} {
		if got := c.l.Reason(); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.l.Why.Rule, got, c.want)
		}
	}
}

// TestLineJSON: a line's JSON carries its Why as data and its reason as
// the sentence.
func TestLineJSON(t *testing.T) {
	t.Parallel()
	l := Line{Component: "commission", Type: LineClawback, Credit: "d1", Base: d("500"), Rate: d("0.5"), Exact: d("-500"), Amount: d("-500"),
		Why: Why{Rule: RuleClawback, Limit: d("1000"), Event: &Event{At: utc(2025, 3, 10), Days: 40, Total: d("500"), Part: 1, Parts: 1, Places: 2}}}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"why":{"rule":"clawback","limit":"1000","event":{"at":"2025-03-10T00:00:00Z","days":40,"total":"500","part":1,"parts":1,"places":2}}`,
		`"reason":"clawback: cancelled 2025-03-10, 40 days after the credit; 500.00 of 1000.00 paid (the plan recovers 50%)"`, `"base":"500"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s\nlacks %s", b, want)
		}
	}
}
