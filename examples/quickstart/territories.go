package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
	"github.com/salesmetrics/salesmetrics/compensation/territory"
	"github.com/salesmetrics/salesmetrics/performance"
)

// territoriesSection prints the quarter's books by territory (account
// penetration, whitespace, bookings, pipeline), then redesigns next year's
// books: every account to a rep still employed, balancing potential, the
// home region, segment experience and current ownership preferred within
// a bound, and each rep's quota from the potential of the book.
func territoriesSection(w io.Writer, ix *activity.Index, records activity.Records, cal activity.Calendar, window, quarter activity.Period, conv *activity.Conversion) error {
	books, err := performance.TerritoryBooks(ix.All(), quarter, performance.TerritoryOptions{Conversion: conv})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTerritories, %s\n", quarter.Name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "territory\taccounts\tcustomers\tpenetration\twhitespace\tpotential (USD)\tbookings (USD)\tpipeline (USD)\t")
	for _, b := range books {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s%%\t%d\t%s\t%s\t%s\t\n", b.Territory, b.Accounts, b.Customers, b.Penetration.Value.Mul(decimal.NewFromInt(100)).StringFixed(1),
			len(b.Whitespace), b.Potential.StringFixed(0), b.Bookings.StringFixed(0), b.Pipeline.StringFixed(0))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Next year's books: the reps still employed, each at home in the
	// territory of the team they are in, experienced in the segment they
	// won most in.
	np, err := planNextYear(ix, records.Reps, records.Quotas, cal, window, conv)
	if err != nil {
		return err
	}
	wins := map[string]map[string]int{}
	for _, d := range records.Deals {
		if d.Status == activity.StatusWon {
			if wins[d.Owner] == nil {
				wins[d.Owner] = map[string]int{}
			}
			wins[d.Owner][d.Segment]++
		}
	}
	var reps []territory.Rep
	for _, r := range np.active {
		rep := territory.Rep{ID: r.ID, Experience: map[string]float64{}}
		for _, a := range r.Assignments {
			if a.Contains(np.year.Start) || a.Until.IsZero() {
				rep.Region = a.Territory
			}
		}
		best, n := "", 0
		for seg, k := range wins[r.ID] {
			if k > n || (k == n && seg < best) {
				best, n = seg, k
			}
		}
		if best != "" {
			rep.Experience[best] = 1
		}
		reps = append(reps, rep)
	}
	a, err := territory.Assign(records.Accounts, reps, territory.Options{})
	if err != nil {
		return err
	}
	changed := 0
	for i, p := range a.Placed {
		if p.Rep != records.Accounts[i].Owner {
			changed++
		}
	}
	lo, hi := a.Books[0], a.Books[0]
	for _, b := range a.Books {
		if b.Load < lo.Load {
			lo = b
		}
		if b.Load > hi.Load {
			hi = b
		}
	}
	fmt.Fprintf(w, "  %s books: %d accounts over %d reps, %d changing hands; loads %.3f (%s) to %.3f (%s): imbalance %.4f, and no design can do better than %.4f; mean fit %.2f\n",
		np.year.Name, len(a.Placed), len(a.Books), changed, lo.Load, lo.Rep, hi.Load, hi.Rep, a.Imbalance, a.Bound, a.MeanFit)
	for _, p := range a.Placed[:2] {
		fmt.Fprintf(w, "    %v\n", p)
	}
	qs, err := territory.Quotas(a, np.target, conv.To, compensation.AllocateOptions{Period: np.year, Metric: "bookings"})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  quotas from the books' potential, %s %s in all: %s %s %s, %s %s %s, …\n", np.target.StringFixed(0), conv.To,
		qs[0].Rep, qs[0].Amount.Value.StringFixed(2), conv.To, qs[1].Rep, qs[1].Amount.Value.StringFixed(2), conv.To)
	return nil
}
