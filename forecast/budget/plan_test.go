package budget

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/forecast"
	"github.com/salesmetrics/salesmetrics/performance"
)

// planInput is a quarter planned by hand:
//
//   - two ramped reps with a quota of 50,000 a month at an expected 80%
//     book 3 × 2 × 40,000 = 240,000; the target of 300,000 leaves 60,000;
//     a hire starting in February at half productivity books 20,000 + 40,000
//     = 60,000: one hire. Heads: 2, 3, 3.
//   - base salary 60,000 a year, 5,000 a month: 10,000 + 15,000 + 15,000.
//   - 10% commission: 4,000 a month for a ramped rep (80% of 50,000), 2,000
//     for the hire in February (80% of a ramped quota of 25,000): 8,000 +
//     10,000 + 12,000.
//   - a guarantee of 3,000 a month while ramping: the hire's February is
//     topped up by 1,000.
//   - on-costs at 20%: (10,000 + 8,000) × 0.2 + (15,000 + 10,000 + 1,000) ×
//     0.2 + (15,000 + 12,000) × 0.2 = 3,600 + 5,200 + 5,400.
//   - marketing: 300,000 / 25,000 = 12 deals, / 0.05 = 240 leads; 75%
//     inbound at 100 (18,000), 25% events at 400 (24,000).
//   - tools, 12,000 for 2026: 12,000 × 31/365, × 28/365, × 31/365.
func planInput() PlanInput {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	commission := compensation.Plan{ID: "ae", Version: 1, EffectiveFrom: jan, Currency: "USD", Components: []compensation.Component{{
		Name: "commission", Kind: compensation.Commission,
		Table: &compensation.RateTable{Tiers: []compensation.Tier{{From: decimal.Zero, Rate: activity.Some(d("0.10"))}}},
	}}}
	return PlanInput{
		Name: "plan", Period: q1, Target: d("300000"),
		Reps: []activity.Rep{{ID: "ann", HiredAt: day(2024, 1, 1)}, {ID: "bob", HiredAt: day(2024, 6, 1)}},
		Capacity: forecast.CapacityOptions{QuotaPerRep: d("50000"), Attainment: d("0.8"), Ramp: []decimal.Decimal{d("0.5")},
			HiringLeadMonths: 1, Currency: "USD"},
		Staff: Staff{BaseSalary: d("60000"), OnCostRate: d("0.2"), Plan: &commission, Guarantee: d("3000")},
		Marketing: Marketing{DealSize: d("25000"), LeadToWon: d("0.05"), Sources: []SourceMix{
			{Source: activity.SourceInbound, Share: d("0.75"), CostPerLead: d("100")},
			{Source: activity.SourceEvent, Share: d("0.25"), CostPerLead: d("400")},
		}},
		Fixed: []Entry{{Period: activity.Period{Start: jan, End: day(2027, 1, 1)}, Category: "tools", Amount: d("12000"), Currency: "USD"}},
	}
}

func TestPlan(t *testing.T) {
	t.Parallel()
	b, err := Plan(planInput())
	if err != nil {
		t.Fatal(err)
	}
	if b.Hiring.Hires != 1 || !b.BookingsPerHire.Equal(d("60000")) {
		t.Errorf("hiring %v", b.Hiring)
	}
	heads := []string{}
	for _, h := range b.Heads {
		heads = append(heads, h.String())
	}
	if diff := cmp.Diff([]string{"2", "3", "3"}, heads); diff != "" {
		t.Errorf("heads (-want +got):\n%s", diff)
	}
	type row struct{ Category, Amount string }
	var got []row
	for _, c := range b.Totals {
		got = append(got, row{c.Category, c.Amount.String()})
	}
	// Totals come largest first.
	want := []row{{"marketing", "42000"}, {"base salary", "40000"}, {"variable pay", "30000"}, {"on-costs", "14200"},
		{"tools", "2958.90410958904109589041"}, {"ramp guarantee", "1000"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	// 40,000 + 30,000 + 1,000 + 14,200 + 42,000 + the tools' three months
	// (each rounded to 20 places); cost of sales and cost per deal from
	// python3's decimal on those figures.
	if b.Opportunities.Valid {
		t.Error("opportunities needed without an opportunity win rate")
	}
	if !b.Total.Equal(d("130158.90410958904109589041")) || !b.CostOfSales.Equal(d("0.43386301369863013699")) ||
		!b.CostPerDeal.Value.Equal(d("10846.57534246575342465753")) || !b.DealsNeeded.Value.Equal(d("12")) || !b.LeadsNeeded.Value.Equal(d("240")) {
		t.Errorf("headlines: total %s, cost of sales %s, per deal %v, deals %v, leads %v", b.Total, b.CostOfSales, b.CostPerDeal, b.DealsNeeded, b.LeadsNeeded)
	}
	// February, line by line.
	var feb []row
	for _, l := range b.Lines {
		if l.Period.Start.Month() == time.February {
			cat := l.Category
			if l.Source != "" {
				cat += "/" + string(l.Source)
			}
			feb = append(feb, row{cat, l.Amount.String()})
		}
	}
	wantFeb := []row{{"base salary", "15000"}, {"variable pay", "10000"}, {"ramp guarantee", "1000"}, {"on-costs", "5200"},
		{"marketing/inbound", "6000"}, {"marketing/event", "8000"}, {"tools", "920.54794520547945205479"}}
	if diff := cmp.Diff(wantFeb, feb); diff != "" {
		t.Errorf("February (-want +got):\n%s", diff)
	}
	// As entries for tracking: one a month and category (five in January
	// and March, six in February with the guarantee).
	es := b.Entries()
	if len(es) != 16 {
		t.Errorf("%d entries", len(es))
	}
	tr, err := Track(es, nil, q1, TrackOptions{})
	if err != nil || !tr.Budget.Equal(b.Total) {
		t.Errorf("tracking the plan: %v, %v", tr.Budget, err)
	}
	if s := b.String(); s[:90] != "plan FY2026 Q1: 130158.90 USD for a target of 300000.00 USD (cost of sales 43.4%); hire 1;" {
		t.Errorf("String() = %q", s)
	}
}

func TestPlanErrors(t *testing.T) {
	t.Parallel()
	for name, edit := range map[string]func(*PlanInput){
		"no target":         func(in *PlanInput) { in.Target = decimal.Zero },
		"negative salary":   func(in *PlanInput) { in.Staff.BaseSalary = d("-1") },
		"weekly pay":        func(in *PlanInput) { in.Staff.PayPeriod = activity.Weekly },
		"no deal size":      func(in *PlanInput) { in.Marketing.DealSize = decimal.Zero },
		"lead-to-won of 2":  func(in *PlanInput) { in.Marketing.LeadToWon = d("2") },
		"shares of 0.9":     func(in *PlanInput) { in.Marketing.Sources[0].Share = d("0.65") },
		"negative cost":     func(in *PlanInput) { in.Marketing.Sources[1].CostPerLead = d("-4") },
		"bad fixed line":    func(in *PlanInput) { in.Fixed[0].Category = "" },
		"no quota":          func(in *PlanInput) { in.Capacity.QuotaPerRep = decimal.Zero },
		"not whole months":  func(in *PlanInput) { in.Period.End = in.Period.End.Add(time.Hour) },
		"plan out of force": func(in *PlanInput) { p := *in.Staff.Plan; p.EffectiveFrom = day(2026, 2, 1); in.Staff.Plan = &p },
	} {
		in := planInput()
		in.Marketing.Sources = append([]SourceMix(nil), in.Marketing.Sources...)
		in.Fixed = append([]Entry(nil), in.Fixed...)
		edit(&in)
		if _, err := Plan(in); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, edit := range map[string]func(*PlanInput){
		"fixed in EUR": func(in *PlanInput) { in.Fixed[0].Currency = "EUR" },
		"plan in EUR":  func(in *PlanInput) { p := *in.Staff.Plan; p.Currency = "EUR"; in.Staff.Plan = &p },
	} {
		in := planInput()
		in.Fixed = append([]Entry(nil), in.Fixed...)
		edit(&in)
		if _, err := Plan(in); !errors.Is(err, ErrMixedCurrencies) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestPlanCited reproduces the selling expense budget of "The Unknown
// Comic" in Penn State's ACCTG 211, lesson 13 (Selling and administrative
// expense budget, oer.hax.psu.edu/lnm105/sites/acctg211/13_lesson/16_page):
// budgeted sales of 195,000 for the year, a 5% sales commission (9,750),
// a sales salary of 25,000 and other selling expenses of 9,000: total
// selling expenses 43,750. Here one rep on a 25,000 salary whose quota of
// 16,250 a month at 100% books the 195,000 (no hire), paid 5% of it, and
// a fixed line of 9,000. The lesson spreads the commission by its quarterly
// sales (2,700, 1,800, 2,250, 3,000); this budget by months of equal
// capacity, so only the year's totals compare. Cost of sales: 43,750 /
// 195,000 = 0.2243589743….
func TestPlanCited(t *testing.T) {
	t.Parallel()
	year := activity.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1), Name: "2026"}
	commission := compensation.Plan{ID: "rep", Version: 1, EffectiveFrom: year.Start, Currency: "USD", Components: []compensation.Component{{
		Name: "commission", Kind: compensation.Commission,
		Table: &compensation.RateTable{Tiers: []compensation.Tier{{From: decimal.Zero, Rate: activity.Some(d("0.05"))}}},
	}}}
	b, err := Plan(PlanInput{
		Name: "Unknown Comic", Period: year, Target: d("195000"),
		Reps:     []activity.Rep{{ID: "rep", HiredAt: day(2020, 1, 1)}},
		Capacity: forecast.CapacityOptions{QuotaPerRep: d("16250"), Attainment: d("1"), Currency: "USD"},
		Staff:    Staff{BaseSalary: d("25000"), Plan: &commission},
		Fixed:    []Entry{{Period: year, Category: "other selling expenses", Amount: d("9000"), Currency: "USD"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	totals := map[string]string{}
	for _, c := range b.Totals {
		totals[c.Category] = c.Amount.String()
	}
	want := map[string]string{"base salary": "25000", "variable pay": "9750", "other selling expenses": "9000"}
	if diff := cmp.Diff(want, totals); diff != "" || b.Hiring.Hires != 0 {
		t.Errorf("totals (-want +got):\n%s", diff)
	}
	if !b.Total.Equal(d("43750")) || !b.CostOfSales.Equal(d("0.22435897435897435897")) {
		t.Errorf("total %s, cost of sales %s", b.Total, b.CostOfSales)
	}
}

// TestMarketingFrom: history of 300 leads, 200 inbound (8 won, 50 a lead)
// and 100 from events (4 won, 200 a lead), and a source with spend and no
// lead: lead-to-won 12 / 300 = 0.04; shares 2/3 and 1/3 (rounded to 20
// places, the last taking the remainder so that they sum to 1).
func TestMarketingFrom(t *testing.T) {
	t.Parallel()
	gs := []activity.Group[performance.LeadFunnel]{
		{Key: "", Undefined: "no leads", Result: performance.LeadFunnel{Spend: d("500")}},
		{Key: "event", Result: performance.LeadFunnel{Leads: 100, Opportunities: 20, Won: 4, CostPerLead: activity.Some(d("200"))}},
		{Key: "inbound", Result: performance.LeadFunnel{Leads: 200, Opportunities: 28, Won: 8, CostPerLead: activity.Some(d("50"))}},
	}
	m, err := MarketingFrom(gs, d("20000"))
	if err != nil {
		t.Fatal(err)
	}
	// 12 won of 48 opportunities: 0.25.
	if !m.LeadToWon.Equal(d("0.04")) || !m.OpportunityWinRate.Equal(d("0.25")) || len(m.Sources) != 2 || !m.Sources[0].Share.Equal(d("0.33333333333333333333")) ||
		!m.Sources[1].Share.Equal(d("0.66666666666666666667")) || !m.Sources[1].CostPerLead.Equal(d("50")) {
		t.Errorf("marketing %+v", m)
	}
	// A total row (By.Total: 300 leads, 48 opportunities, 12 won) is not a
	// source: the same plan.
	withTotal := append(slices.Clone(gs), activity.Group[performance.LeadFunnel]{Total: true, Result: performance.LeadFunnel{Leads: 300, Opportunities: 48, Won: 12}})
	if m2, err := MarketingFrom(withTotal, d("20000")); err != nil || !cmp.Equal(m, m2) {
		t.Errorf("with a total row: %+v, %v; want %+v", m2, err, m)
	}
	for name, c := range map[string]struct {
		gs   []activity.Group[performance.LeadFunnel]
		size decimal.Decimal
	}{
		"no deal size": {gs, decimal.Zero},
		"no leads":     {gs[:1], d("1")},
		"none won":     {[]activity.Group[performance.LeadFunnel]{{Key: "x", Result: performance.LeadFunnel{Leads: 5}}}, d("1")},
	} {
		if _, err := MarketingFrom(c.gs, c.size); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestPlanOpportunities: 12 deals at a 30% opportunity win rate need 40
// opportunities; a rate above 1 is an error.
func TestPlanOpportunities(t *testing.T) {
	t.Parallel()
	in := planInput()
	in.Marketing.OpportunityWinRate = d("0.3")
	b, err := Plan(in)
	if err != nil || !b.Opportunities.Value.Equal(d("40")) {
		t.Errorf("opportunities %v, %v", b.Opportunities, err)
	}
	in.Marketing.OpportunityWinRate = d("1.5")
	if _, err := Plan(in); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("rate 1.5: %v", err)
	}
}
