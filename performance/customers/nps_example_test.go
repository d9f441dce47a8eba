package customers_test

import (
	"fmt"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance/customers"
)

// npsExampleResponses returns a quarter of customer answers: in January
// and February, 10 customers per month (smb and enterprise); in March, 20.
// Counted by hand (promoters / passives / detractors): January 5/2/3,
// February 3/3/4, March 14/4/2; enterprise (every third customer) 7/3/5,
// smb 15/6/4. The intervals in the outputs below match those
// testdata/nps_ref.py computes from these counts.
func npsExampleResponses() []customers.Response {
	scores := map[time.Month][]float64{
		time.January:  {10, 9, 9, 8, 7, 6, 3, 9, 10, 5},
		time.February: {9, 9, 8, 8, 7, 6, 6, 2, 10, 4},
		time.March:    {10, 10, 9, 9, 9, 9, 8, 7, 10, 6, 10, 9, 9, 8, 8, 10, 9, 4, 10, 9},
	}
	var rs []customers.Response
	for _, m := range []time.Month{time.January, time.February, time.March} {
		for i, s := range scores[m] {
			seg := "smb"
			if i%3 == 0 {
				seg = "enterprise"
			}
			rs = append(rs, customers.Response{
				Respondent: fmt.Sprintf("customer-%02d", i),
				Score:      s,
				Time:       time.Date(2025, m, 1+i, 15, 0, 0, 0, time.UTC),
				Segment:    seg,
			})
		}
	}
	return rs
}

var npsExampleQ1 = activity.Period{
	Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC),
	Name:  "2025 Q1",
}

func ExampleNetPromoterScore() {
	s, err := customers.NewSurvey(npsExampleResponses(), customers.SurveyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	nps, err := customers.NetPromoterScore(s, npsExampleQ1, customers.NPSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(nps)

	// Rocks' adjusted Wald interval, and each customer's latest answer only.
	latest, err := customers.NetPromoterScore(s, npsExampleQ1, customers.NPSOptions{
		Interval: customers.AdjustedWald,
		Latest:   true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(latest)
	// Output:
	// all: NPS +32.5 (95% CI +7.1 to +57.9, n=40: 22 promoters, 9 passives, 9 detractors)
	// all: NPS +60.0 (95% adjusted Wald CI +23.6 to +80.7, n=20: 14 promoters, 4 passives, 2 detractors)
}

func ExampleNPSBy() {
	s, err := customers.NewSurvey(npsExampleResponses(), customers.SurveyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	months, err := customers.NPSBy(s, npsExampleQ1, activity.ByPeriod(activity.Calendar{}, 0), customers.NPSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range months {
		fmt.Printf("%s  %+6.1f  n=%d\n", g.Key, g.Result.Score, g.Result.Responses)
	}
	segments, err := customers.NPSBy(s, npsExampleQ1, activity.BySegment(), customers.NPSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range segments {
		fmt.Println(g.Result)
	}
	// Output:
	// 2025-01   +20.0  n=10
	// 2025-02   -10.0  n=10
	// 2025-03   +60.0  n=20
	// all / segment=enterprise: NPS +13.3 (95% CI -31.4 to +58.1, n=15: 7 promoters, 3 passives, 5 detractors)
	// all / segment=smb: NPS +44.0 (95% CI +14.5 to +73.5, n=25: 15 promoters, 6 passives, 4 detractors)
}

func ExampleCompareNPS() {
	s, err := customers.NewSurvey(npsExampleResponses(), customers.SurveyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	month := func(m time.Month) activity.Period {
		start := time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC)
		return activity.Period{Start: start, End: start.AddDate(0, 1, 0)}
	}
	feb, err := customers.NetPromoterScore(s, month(time.February), customers.NPSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	mar, err := customers.NetPromoterScore(s, month(time.March), customers.NPSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	change, err := customers.CompareNPS(feb, mar)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(change)
	fmt.Printf("significant at 5%%: %v\n", change.PValue < 0.05)
	// Output:
	// NPS -10.0 → +60.0: +70.0 points (95% CI +10.9 to +129.1, z=2.32, p=0.020)
	// significant at 5%: true
}

// An employee NPS (eNPS) asks staff "how likely are you to recommend
// working here?" on the same 0–10 scale; the arithmetic is the NPS's.
// Departments go in Segment.
func ExampleNetPromoterScore_eNPS() {
	at := time.Date(2025, 6, 10, 9, 0, 0, 0, time.UTC)
	answers := []struct {
		employee, department string
		score                float64
	}{
		{"e01", "sales", 9}, {"e02", "sales", 10}, {"e03", "sales", 6}, {"e04", "sales", 8},
		{"e05", "sales", 9}, {"e06", "sales", 3}, {"e07", "support", 7}, {"e08", "support", 9},
		{"e09", "support", 5}, {"e10", "support", 8}, {"e11", "support", 10}, {"e12", "support", 6},
	}
	var rs []customers.Response
	for _, a := range answers {
		rs = append(rs, customers.Response{Respondent: a.employee, Score: a.score, Time: at, Segment: a.department})
	}
	s, err := customers.NewSurvey(rs, customers.SurveyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	h1 := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Name: "2025 H1"}
	enps, err := customers.NetPromoterScore(s, h1, customers.NPSOptions{Interval: customers.AdjustedWald})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("eNPS %+.0f (%d promoters, %d detractors of %d; 95%% CI %+.0f to %+.0f)\n",
		enps.Score, enps.Promoters, enps.Detractors, enps.Responses, enps.Low, enps.High)
	// Output:
	// eNPS +8 (5 promoters, 4 detractors of 12; 95% CI -36 to +49)
}

// A survey tool's summary: 50 promoters, 30 passives, 20 detractors. The
// score is 100 × (50 − 20) / 100 = 30; a response's variance is 100² ×
// (0.5 + 0.2 − 0.3²) = 6,100 points², so SE = √(6100 / 100) = 7.81 and the
// 95% interval is 30 ± 1.96 × 7.81. The same report as shares: 50% and 20%
// of 100.
func ExampleNPSFromCounts() {
	q := activity.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}
	n, err := customers.NPSFromCounts("Q1 survey", q, 50, 30, 20, customers.NPSOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	fmt.Printf("variance %.0f, SE %.2f\n", n.Variance, n.StdErr)
	s, _ := customers.NPSFromShares("Q1 survey", q, 0.50, 0.20, 100, customers.NPSOptions{})
	fmt.Println(s.Score == n.Score, s.Low == n.Low)
	// Output:
	// Q1 survey: NPS +30.0 (95% CI +14.7 to +45.3, n=100: 50 promoters, 30 passives, 20 detractors)
	// variance 6100, SE 7.81
	// true true
}
