package people

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/performance"
)

// Quadrant places a rep's effort (activities) against results (won
// bookings) relative to the team.
type Quadrant uint8

// Quadrants. The zero value is invalid.
const (
	// BusyWinning: effort and results at or above the thresholds.
	BusyWinning Quadrant = iota + 1
	// BusyNotConverting: effort at or above, results below: look at
	// approach and lead quality.
	BusyNotConverting
	// Efficient: results at or above with effort below: room to grow
	// volume.
	Efficient
	// LowOnBoth: both below.
	LowOnBoth
)

var quadrantNames = [...]string{"", "busy_winning", "busy_not_converting", "efficient", "low_on_both"}

// String returns "busy_winning", "busy_not_converting", "efficient" or
// "low_on_both".
func (q Quadrant) String() string {
	if q > 0 && int(q) < len(quadrantNames) {
		return quadrantNames[q]
	}
	return fmt.Sprintf("Quadrant(%d)", uint8(q))
}

// MarshalText writes String.
func (q Quadrant) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (q *Quadrant) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, BusyWinning, LowOnBoth, Quadrant.MarshalText)
	if !ok {
		return fmt.Errorf("%w: quadrant %q", ErrInvalidOptions, text)
	}
	*q = v
	return nil
}

// QuadrantOptions selects what counts as effort and results and where the
// lines fall. The zero value counts every activity against won bookings,
// split at the team's medians.
type QuadrantOptions struct {
	// Kinds limits effort to these activity kinds; nil counts every kind.
	Kinds []activity.Kind
	// EffortThreshold and ResultThreshold, when set, replace the medians:
	// a rep at or above a threshold is on its high side.
	EffortThreshold activity.Optional[decimal.Decimal]
	ResultThreshold activity.Optional[decimal.Decimal]
	// Conversion converts won amounts in several currencies (else they are
	// an error wrapping ErrMixedCurrencies, within a rep or across reps:
	// the medians and quadrants compare reps).
	Conversion *activity.Conversion
}

// RepEffort is one rep's effort, results and efficiency in a period, and the
// quadrant they place the rep in:
//
//	RevenuePerActivity = WonAmount / Activities     (absent without activities)
//	ActivitiesPerWon   = Activities / Won           (absent without a won deal)
type RepEffort struct {
	Rep                string                             `json:"rep"`
	Activities         int64                              `json:"activities"`
	Won                int64                              `json:"won"`
	WonAmount          decimal.Decimal                    `json:"won_amount"`
	RevenuePerActivity activity.Optional[decimal.Decimal] `json:"revenue_per_activity"`
	ActivitiesPerWon   activity.Optional[float64]         `json:"activities_per_won"`
	Quadrant           Quadrant                           `json:"quadrant"`
}

// EffortQuadrants is the team's effort against results in a period: each
// rep with an activity or a won deal in it, the thresholds that split them
// (the medians of the team's reps unless given: type 7, the mean of the two
// middle values for an even count, exact), and how many reps each quadrant
// holds.
type EffortQuadrants struct {
	Period          activity.Period   `json:"period"`
	Currency        activity.Currency `json:"currency,omitempty"`
	EffortThreshold decimal.Decimal   `json:"effort_threshold"`
	ResultThreshold decimal.Decimal   `json:"result_threshold"`
	Medians         bool              `json:"medians"`
	Reps            []RepEffort       `json:"reps"`
	Counts          map[string]int    `json:"counts"`
}

// String reads as a short table: the thresholds, then a row a rep.
func (q EffortQuadrants) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: effort at %s activities, results at %s %s", q.Period.Name, q.EffortThreshold.StringFixed(1), q.ResultThreshold.StringFixed(2), q.Currency)
	for _, r := range q.Reps {
		fmt.Fprintf(&b, "\n  %-12s %6d activities %14s %s won (%d)  %s", r.Rep, r.Activities, r.WonAmount.StringFixed(2), q.Currency, r.Won,
			strings.ReplaceAll(r.Quadrant.String(), "_", " "))
	}
	return b.String()
}

// EffortVsResults places every rep with an activity or a won deal in p on
// effort (activities in p, by the activity's rep) against results (won
// amount closed in p, by the deal's owner), split at the team's medians or
// the thresholds given (see EffortQuadrants and RepEffort). A rep exactly at
// a threshold is on its high side. No rep is an error wrapping ErrNoDeals;
// the errors of ActivityVolumeBy and performance.BookingsBy pass through.
func EffortVsResults(v activity.View, p activity.Period, opts QuadrantOptions) (EffortQuadrants, error) {
	if err := v.Err(); err != nil {
		return EffortQuadrants{}, err
	}
	vol, err := activity.ActivityVolumeBy(v, p, activity.ByRep(), activity.VolumeOptions{Kinds: opts.Kinds})
	if err != nil {
		return EffortQuadrants{}, err
	}
	won, err := performance.BookingsBy(v, p, activity.ByRep(), performance.BookingsOptions{Conversion: opts.Conversion})
	if err != nil {
		return EffortQuadrants{}, err
	}
	q := EffortQuadrants{Period: p, Counts: map[string]int{}}
	byRep := map[string]*RepEffort{}
	get := func(rep string) *RepEffort {
		r := byRep[rep]
		if r == nil {
			r = &RepEffort{Rep: rep}
			byRep[rep] = r
		}
		return r
	}
	for _, g := range vol {
		if g.Key != "" {
			get(g.Key).Activities = g.Result.Total
		}
	}
	var currencies currencyCheck
	for _, g := range won {
		if g.Key == "" || g.Result.Deals == 0 {
			continue
		}
		if err := currencies.see(g.Key, g.Result.Currency); err != nil {
			return EffortQuadrants{}, err
		}
		r := get(g.Key)
		r.Won, r.WonAmount = g.Result.Deals, g.Result.Amount
	}
	q.Currency = currencies.cur
	if len(byRep) == 0 {
		return q, fmt.Errorf("%w: no rep with an activity or a won deal in %s", ErrNoDeals, p.Name)
	}
	for _, r := range byRep {
		if r.Activities > 0 {
			r.RevenuePerActivity = activity.Some(r.WonAmount.DivRound(decimal.NewFromInt(r.Activities), ratioScale))
		}
		if r.Won > 0 {
			r.ActivitiesPerWon = activity.Some(float64(r.Activities) / float64(r.Won))
		}
		q.Reps = append(q.Reps, *r)
	}
	slices.SortFunc(q.Reps, func(a, b RepEffort) int { return cmp.Compare(a.Rep, b.Rep) })
	efforts := make([]decimal.Decimal, len(q.Reps))
	results := make([]decimal.Decimal, len(q.Reps))
	for i, r := range q.Reps {
		efforts[i], results[i] = decimal.NewFromInt(r.Activities), r.WonAmount
	}
	q.Medians = !opts.EffortThreshold.Valid || !opts.ResultThreshold.Valid
	q.EffortThreshold = opts.EffortThreshold.Or(decimalMedian(efforts))
	q.ResultThreshold = opts.ResultThreshold.Or(decimalMedian(results))
	for i := range q.Reps {
		r := &q.Reps[i]
		busy := decimal.NewFromInt(r.Activities).GreaterThanOrEqual(q.EffortThreshold)
		winning := r.WonAmount.GreaterThanOrEqual(q.ResultThreshold)
		switch {
		case busy && winning:
			r.Quadrant = BusyWinning
		case busy:
			r.Quadrant = BusyNotConverting
		case winning:
			r.Quadrant = Efficient
		default:
			r.Quadrant = LowOnBoth
		}
		q.Counts[r.Quadrant.String()]++
	}
	return q, nil
}

// decimalMedian returns the median of xs exactly (the middle value, or the
// mean of the two middle ones); xs is reordered.
func decimalMedian(xs []decimal.Decimal) decimal.Decimal {
	slices.SortFunc(xs, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return xs[n/2-1].Add(xs[n/2]).Mul(decimal.New(5, -1))
}
