package territory_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/compensation/territory"
)

// Four accounts for two reps: ann keeps Globex, her customer; the rest are
// balanced around it, largest first, the enterprise account going to the
// rep with enterprise experience (lines in the accounts' order). Targets
// are 600,000 each: ann's 550,000 and bob's 650,000 is the best split
// there is ({Globex, Hooli, Umbrella} would load ann 7/6). Then each rep's
// quota for the year from the potential of the book.
func ExampleAssign() {
	acct := func(id, segment string, potential int64, owner string) activity.Account {
		return activity.Account{ID: id, Segment: segment, Potential: activity.Some(decimal.NewFromInt(potential)), Currency: "USD", Owner: owner}
	}
	accounts := []activity.Account{
		acct("Globex", "mid", 300000, "ann"),
		acct("Initech", "enterprise", 500000, ""),
		acct("Hooli", "mid", 150000, ""),
		acct("Umbrella", "mid", 250000, ""),
	}
	reps := []territory.Rep{
		{ID: "ann", Experience: map[string]float64{"mid": 1}},
		{ID: "bob", Experience: map[string]float64{"enterprise": 1}},
	}
	a, err := territory.Assign(accounts, reps, territory.Options{Keep: true})
	if err != nil {
		panic(err)
	}
	for _, p := range a.Placed {
		fmt.Println(p)
	}
	for _, b := range a.Books {
		fmt.Printf("%s: %d accounts, %s potential, load %.3f\n", b.Rep, b.Accounts, b.Potential, b.Load)
	}
	fmt.Printf("imbalance %.3f (no design can do better than %.3f)\n", a.Imbalance, a.Bound)
	year := activity.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Name: "2026"}
	qs, err := territory.Quotas(a, decimal.NewFromInt(600000), "USD", compensation.AllocateOptions{Period: year})
	if err != nil {
		panic(err)
	}
	for _, q := range qs {
		fmt.Println(q.Rep, q.Amount.Value.StringFixed(2))
	}
	// Output:
	// Globex → ann (kept): fit 0.60, load 0.500 after it
	// Initech → bob (balance): fit 0.40 against ann's 0.00, load 0.833 after it
	// Hooli → bob (balance): fit 0.00 against ann's 0.40, load 1.083 after it
	// Umbrella → ann (balance): fit 0.40 against bob's 0.00, load 0.917 after it
	// ann: 2 accounts, 550000 potential, load 0.917
	// bob: 2 accounts, 650000 potential, load 1.083
	// imbalance 0.083 (no design can do better than 0.000)
	// ann 275000.00
	// bob 325000.00
}
