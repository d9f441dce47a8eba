package activitytest_test

import (
	"fmt"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

func Example() {
	r := activitytest.Generate(activitytest.Config{})
	count := make(map[activity.Status]int)
	for _, d := range r.Deals {
		count[d.Status]++
	}
	fmt.Printf("%d reps, %d quotas\n", len(r.Reps), len(r.Quotas))
	fmt.Printf("%d deals: %d won, %d lost, %d open\n", len(r.Deals),
		count[activity.StatusWon], count[activity.StatusLost], count[activity.StatusOpen])
	fmt.Printf("%d stage changes, %d activities\n", len(r.StageChanges), len(r.Activities))
	d := r.Deals[0]
	fmt.Println(d.ID, d.Owner, d.Team, d.Account, d.Amount.StringFixed(2), d.Currency, d.Status, d.CreatedAt.Format("2006-01-02 15:04"))
	// Output:
	// 24 reps, 217 quotas
	// 2204 deals: 638 won, 1400 lost, 166 open
	// 6621 stage changes, 22730 activities
	// D-00001 rep-14 team-3 acct-0001 21241.96 USD lost 2024-01-01 08:27
}

// A benchmark-style data set: an exact number of deals, with five
// activities to a deal, four on the deal and one untied.
func ExampleConfig_deals() {
	r := activitytest.Generate(activitytest.Config{Deals: 1000, ActivitiesPerDeal: 4, UntiedShare: 0.25})
	fmt.Println(len(r.Deals), "deals,", len(r.Activities), "activities")
	// Output:
	// 1000 deals, 4725 activities
}
