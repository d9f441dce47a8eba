package performance

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// FuzzLeadFunnel builds a book of leads from the bytes (few ids, sources
// and days, so that duplicates and unknown links are common) and checks
// the lead funnel: no panic; under the cohort basis every step count is at
// most the leads and every rate in [0, 1]; the groups of a breakdown by
// source, rep or period add up to the whole; and the tally travels.
func FuzzLeadFunnel(f *testing.F) {
	f.Add([]byte{5, 1, 0, 4, 2, 3, 9, 1, 1, 0, 2, 2, 3, 1, 4, 4, 0, 1, 0, 1, 3, 3, 2, 30, 0, 2, 1, 0, 1, 1})
	f.Add([]byte{3, 2, 1, 1, 3, 0, 4, 10, 12, 1, 1, 1, 2, 4, 1, 0, 2, 3, 5, 200, 2, 0, 6, 1, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		i := 0
		next := func() int {
			if i >= len(data) {
				return 0
			}
			i++
			return int(data[i-1])
		}
		base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		day := func() time.Time {
			v := next()
			if v%17 == 0 {
				return time.Time{}
			}
			return base.Add(time.Duration(v-8) * 37 * time.Hour)
		}
		var r activity.Records
		for k := range next() % 4 {
			st, closed := activity.StatusOpen, time.Time{}
			stage := activity.StageQualification
			switch next() % 3 {
			case 1:
				st, closed, stage = activity.StatusWon, base.AddDate(0, 2, k), activity.StageClosedWon
			case 2:
				st, closed, stage = activity.StatusLost, base.AddDate(0, 1, k), activity.StageClosedLost
			}
			r.Deals = append(r.Deals, activity.Deal{ID: fmt.Sprint("D", k), Owner: "ann", Amount: d("1"), Currency: "USD",
				Stage: stage, Status: st, CreatedAt: base.AddDate(0, 0, -30), ClosedAt: closed})
		}
		for range next() % 10 {
			r.Leads = append(r.Leads, activity.Lead{ID: fmt.Sprint("L", next()%8), Source: activity.Source([]string{"", "web", "event"}[next()%3]),
				Owner: []string{"", "ann", "bob"}[next()%3], Status: activity.LeadStatus(next() % 5), CreatedAt: day(),
				WorkingAt: day(), QualifiedAt: day(), DisqualifiedAt: day(), ConvertedAt: day(), DisqualifyReason: []string{"", "spam"}[next()%2],
				Deal: []string{"", "D0", "D1", "D2"}[next()%4], Email: []string{"", "a@x", "A@x ", "b@y"}[next()%4]})
		}
		var spend []activity.Spend
		for range next() % 4 {
			spend = append(spend, activity.Spend{Date: day(), Amount: d(fmt.Sprint(next())), Currency: activity.Currency([]string{"USD", "USD", "EUR"}[next()%3]),
				Source: activity.Source([]string{"", "web", "event"}[next()%3]), Team: []string{"", "t1"}[next()%2]})
		}
		for k := range next() % 10 {
			r.Activities = append(r.Activities, activity.Activity{ID: fmt.Sprint("a", k), Rep: "ann", Kind: []activity.Kind{activity.KindCall, activity.KindEmail}[next()%2],
				At: day(), Lead: fmt.Sprint("L", next()%9)})
		}
		ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		p := activity.Period{Start: base.AddDate(0, -1, 0), End: base.AddDate(0, 2, 0), Name: "p"}
		asOf := time.Time{}
		if next()%2 == 1 {
			asOf = base.Add(time.Duration(next()) * 24 * time.Hour)
		}
		for _, opt := range []LeadOptions{
			{AsOf: asOf, Touch: TouchSource(next() % 3), Attribution: LeadAttribution(next() % 3), Spend: spend},
			{Basis: LeadFlow, TouchKinds: []activity.Kind{activity.KindCall}, Attribution: LeadAttribution(next() % 3)},
		} {
			whole, err := LeadFunnelOf(ix.All(), p, opt)
			if errors.Is(err, ErrMixedCurrencies) || errors.Is(err, ErrInvalidOptions) {
				continue // spend in two currencies, or a negative or dateless one
			}
			if err != nil && !errors.Is(err, ErrNoLeads) {
				t.Fatalf("%+v: %v", opt, err)
			}
			if opt.Basis == LeadCohort && err == nil {
				for _, n := range []int64{whole.Working, whole.Qualified, whole.Disqualified, whole.Converted, whole.Opportunities, whole.Won} {
					if n > whole.Leads {
						t.Fatalf("a step of %d above %d leads: %+v", n, whole.Leads, whole)
					}
				}
				for _, x := range []float64{whole.QualificationRate, whole.ConversionRate, whole.LeadToWon, whole.QualifiedToOpportunity.Value, whole.OpportunityWinRate.Value} {
					if x < 0 || x > 1 {
						t.Fatalf("a rate of %v: %+v", x, whole)
					}
				}
			}
			if opt.Basis == LeadCohort {
				x, ferr := FunnelFromLeads(ix.All(), p, opt, FunnelOptions{})
				if ferr != nil && !errors.Is(ferr, ErrNoLeads) {
					t.Fatalf("from leads: %v", ferr)
				}
				if ferr == nil && (x.Deals.Deals > whole.Opportunities || x.Leads.Leads != whole.Leads) {
					t.Fatalf("from leads: %d deals of %d opportunities", x.Deals.Deals, whole.Opportunities)
				}
			}
			if whole.SpeedToLead.Count+whole.Untouched != whole.Leads || whole.TimeToConvert.Count != whole.Converted {
				t.Fatalf("speeds and conversions do not add up: %+v", whole)
			}
			for _, by := range []activity.By{activity.BySource(), activity.ByRep(), activity.ByTeam(), activity.ByPeriod(activity.Calendar{}, activity.Monthly)} {
				gs, err := LeadFunnelBy(ix.All(), p, by, opt)
				if err != nil {
					t.Fatalf("%v: %v", by, err)
				}
				var leads, won, qualified int64
				for _, g := range gs {
					leads, won, qualified = leads+g.Result.Leads, won+g.Result.Won, qualified+g.Result.Qualified
				}
				var merged int64
				for _, g := range gs {
					merged += g.Result.Merged
				}
				if leads != whole.Leads || won != whole.Won || qualified != whole.Qualified || merged != whole.Merged {
					t.Fatalf("%v: groups add up to %d leads, %d won, %d qualified; the whole %+v", by, leads, won, qualified, whole)
				}
			}
		}
	})
}
