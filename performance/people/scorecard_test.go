package people

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
	"github.com/salesmetrics/salesmetrics/performance"
)

// TestScorecards works metricBook's quarter by hand (see metricBook):
//
//	ann: 4 activities (call 2, email 1, meeting 1); won E1 50,000 and L1
//	     7,000.50, lost E2: 2 of 3, 57,000.50, average 28,500.25, per
//	     activity 14,250.125, 2 activities and 0.5 meetings per won deal
//	bob: 3 (call, demo, meeting); won E3 65,000, lost E4: 1 of 2, 65,000,
//	     per activity 21,666.67, 3 activities and 1 meeting per won deal
//	cy:  2 (call, meeting); won M1 9,000: 1 of 1, per activity 4,500,
//	     2 activities and 1 meeting per won deal
func TestScorecards(t *testing.T) {
	t.Parallel()
	b, ix := metricBook(t)
	q1 := metricQ1(b)
	got, err := Scorecards(ix.All(), q1, ScorecardOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Rep                       string
		Acts, Won, Lost           int64
		Mix                       map[activity.Kind]int64
		Amount, Avg, PerAct       string
		WinRate, PerWon, Meetings float64
	}
	var rows []row
	for _, s := range got {
		rows = append(rows, row{s.Rep, s.Activities, s.Won, s.Lost, s.Mix, s.WonAmount.String(), s.AverageDealSize.Value.String(),
			s.RevenuePerActivity.Value.String(), s.WinRate.Value, s.ActivitiesPerWonDeal.Value, s.MeetingsPerWonDeal.Value})
	}
	want := []row{
		{"ann", 4, 2, 1, map[activity.Kind]int64{"call": 2, "email": 1, "meeting": 1}, "57000.5", "28500.25", "14250.125", 2.0 / 3, 2, 0.5},
		{"bob", 3, 1, 1, map[activity.Kind]int64{"call": 1, "demo": 1, "meeting": 1}, "65000", "65000", "21666.66666666666666666667", 0.5, 3, 1},
		{"cy", 2, 1, 0, map[activity.Kind]int64{"call": 1, "meeting": 1}, "9000", "9000", "4500", 1, 2, 1},
	}
	if d := cmp.Diff(want, rows); d != "" {
		t.Errorf("scorecards (-want +got):\n%s", d)
	}
	if s := got[0].String(); s != "ann, 2025 Q1: 4 activities (call 2, email 1, meeting 1), won 2 of 3 closed (66.7%) for 57000.50 USD, 14250.13 per activity" {
		t.Errorf("String() = %q", s)
	}
	// By month: January ann (2 activities; L1 won), cy (2; M1 won);
	// February ann (2; E1 won), bob (2; E4 lost); March ann (E2 lost), bob
	// (1; E3 won).
	monthly, err := Scorecards(ix.All(), q1, ScorecardOptions{Granularity: activity.Monthly})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range monthly {
		keys = append(keys, fmt.Sprintf("%s %s %d/%d/%d", s.Period.Start.Format("01"), s.Rep, s.Activities, s.Won, s.Lost))
	}
	wantKeys := []string{"01 ann 2/1/0", "01 cy 2/1/0", "02 ann 2/1/0", "02 bob 2/0/1", "03 ann 0/0/1", "03 bob 1/1/0"}
	if d := cmp.Diff(wantKeys, keys); d != "" {
		t.Errorf("monthly (-want +got):\n%s", d)
	}
	// A rep with activities and no closed deal has no rates but the counts.
	if s := monthly[3]; s.WinRate.Value != 0 || !s.WinRate.Valid || s.AverageDealSize.Valid || s.ActivitiesPerWonDeal.Valid || !s.RevenuePerActivity.Valid {
		t.Errorf("bob in February: %+v", s)
	}
}

// TestScorecardsMatchMetrics: on a generated book, each rep's scorecard
// holds what the built-in metrics give by rep.
func TestScorecardsMatchMetrics(t *testing.T) {
	t.Parallel()
	ix, w := generatedBook(t, activitytest.Config{Seed: 5, Reps: 8, Teams: 2, Months: 6})
	cards, err := Scorecards(ix.All(), w, ScorecardOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byRep := func(m performance.Metric) map[string]performance.MetricValue { return metricByRep(t, ix, w, m) }
	rate, avg, perAct, perWon, meetings := byRep(performance.WinRateMetric()), byRep(performance.AverageDealSizeMetric()), byRep(performance.RevenuePerActivityMetric()), byRep(performance.ActivitiesPerWonDealMetric()), byRep(performance.MeetingsPerWonDealMetric())
	if len(cards) < 8 {
		t.Fatalf("%d scorecards", len(cards))
	}
	for _, c := range cards {
		if c.WinRate.Value != rate[c.Rep].Float || !c.AverageDealSize.Value.Equal(avg[c.Rep].Value) || !c.RevenuePerActivity.Value.Equal(perAct[c.Rep].Value) ||
			c.ActivitiesPerWonDeal.Value != perWon[c.Rep].Float || c.MeetingsPerWonDeal.Value != meetings[c.Rep].Float {
			t.Errorf("%s: scorecard %v; metrics %v %v %v %v %v", c.Rep, c, rate[c.Rep].Float, avg[c.Rep].Value, perAct[c.Rep].Value, perWon[c.Rep].Float, meetings[c.Rep].Float)
		}
	}
}

func TestScorecardsErrors(t *testing.T) {
	t.Parallel()
	b, ix := metricBook(t)
	q1 := metricQ1(b)
	if _, err := Scorecards(ix.All(), activity.Period{}, ScorecardOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("bad period: %v", err)
	}
	if _, err := Scorecards(ix.All(), q1, ScorecardOptions{Granularity: 99}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("bad granularity: %v", err)
	}
	if _, err := Scorecards(ix.All(), q1, ScorecardOptions{Granularity: activity.Monthly, Calendar: activity.Calendar{Weekend: []time.Weekday{9}}}); !errors.Is(err, activity.ErrInvalidCalendar) {
		t.Errorf("bad calendar: %v", err)
	}
	mixed := activitytest.NewBook(t, nil)
	mixed.Deal("U", "ann", "100", "2025-01-06").Won("2025-01-20")
	mixed.Deal("E", "ann", "100", "2025-01-06").Currency("EUR").Won("2025-01-21")
	mix := mixed.Index(activity.IndexOptions{})
	if _, err := Scorecards(mix.All(), q1, ScorecardOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("two currencies: %v", err)
	}
}

// TestScorecardConversion: ann wins 1,000 USD and 1,000 EUR (1,100 USD at
// 1.10) in January: 2,100 USD with a Conversion, ErrMixedCurrencies
// without.
func TestScorecardConversion(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Deal("U", "ann", "1000", "2025-01-06").Won("2025-01-20")
	b.Deal("E", "ann", "1000", "2025-01-06").Won("2025-01-21")
	b.Records.Deals[1].Currency = "EUR"
	ix := b.Index(activity.IndexOptions{})
	jan := activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-02-01"), Name: "2025-01"}
	if _, err := Scorecards(ix.All(), jan, ScorecardOptions{}); !errors.Is(err, ErrMixedCurrencies) {
		t.Errorf("without a conversion: %v, want ErrMixedCurrencies", err)
	}
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: b.Time("2025-01-01"), Rate: decimal.RequireFromString("1.10")}})
	if err != nil {
		t.Fatal(err)
	}
	cards, err := Scorecards(ix.All(), jan, ScorecardOptions{Conversion: &activity.Conversion{To: "USD", Converter: rates}})
	if err != nil || len(cards) != 1 || !cards[0].WonAmount.Equal(decimal.NewFromInt(2100)) || cards[0].Currency != "USD" {
		t.Errorf("Scorecards = %v, %v; want ann's 2,100 USD", cards, err)
	}
	if _, err := Scorecards(ix.All(), jan, ScorecardOptions{Conversion: &activity.Conversion{To: "USD"}}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("invalid conversion: %v, want ErrInvalidOptions", err)
	}
}
