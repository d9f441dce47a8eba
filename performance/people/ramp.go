package people

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/internal/km"
)

// RampMilestone is what a new hire's ramp is measured to.
type RampMilestone uint8

// Ramp milestones.
const (
	// RampFirstDeal (the default): the first deal the rep wins.
	RampFirstDeal RampMilestone = iota
	// RampQuotaShare: the first calendar month in which the rep's won bookings
	// reach Share of a fully ramped rep's monthly quota, at the close that
	// crosses it.
	RampQuotaShare
)

// String returns "first_deal" or "quota_share".
func (m RampMilestone) String() string {
	switch m {
	case RampFirstDeal:
		return "first_deal"
	case RampQuotaShare:
		return "quota_share"
	}
	return fmt.Sprintf("RampMilestone(%d)", uint8(m))
}

// MarshalText writes String.
func (m RampMilestone) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (m *RampMilestone) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, RampFirstDeal, RampQuotaShare, RampMilestone.MarshalText)
	if !ok {
		return fmt.Errorf("%w: ramp milestone %q", ErrInvalidOptions, text)
	}
	*m = v
	return nil
}

// RampOptions says which reps and which milestone a ramp measures.
type RampOptions struct {
	Milestone RampMilestone
	// Share and FullQuota set the RampQuotaShare milestone: 0.5 of 20,000.
	Share     decimal.Decimal
	FullQuota decimal.Decimal
	// Calendar gives the months of RampQuotaShare.
	Calendar activity.Calendar
	// AsOf is when the data was taken: a rep who has not reached the
	// milestone by then is still ramping (censored). Required.
	AsOf time.Time
	// HiredFrom, when set, leaves out reps hired before it.
	HiredFrom time.Time
}

// RepRamp is one new hire's time to the milestone: Days from HiredAt to At
// (elapsed days of 86,400 s) where Reached, else to AsOf, still ramping.
type RepRamp struct {
	Rep     string    `json:"rep"`
	HiredAt time.Time `json:"hired_at"`
	Reached bool      `json:"reached"`
	At      time.Time `json:"at,omitzero"`
	Days    float64   `json:"days"`
}

// Ramp is how long new hires take to reach a milestone. MedianDays is the
// Kaplan–Meier median of the times (the reps still ramping censored, so
// the slow ones are not left out; as customers.SurvivalTally computes it), absent while fewer
// than half have reached it.
type Ramp struct {
	Milestone  RampMilestone              `json:"milestone"`
	AsOf       time.Time                  `json:"as_of"`
	Reps       []RepRamp                  `json:"reps"`
	Reached    int                        `json:"reached"`
	Ramping    int                        `json:"ramping"`
	MedianDays activity.Optional[float64] `json:"median_days"`
}

// String reads as "first_deal: 5 of 7 hires, median 48.0 days (2 still
// ramping)".
func (r Ramp) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d hires", strings.ReplaceAll(r.Milestone.String(), "_", " "), r.Reached, r.Reached+r.Ramping)
	if m, ok := r.MedianDays.Get(); ok {
		fmt.Fprintf(&b, ", median %.1f days", m)
	} else {
		b.WriteString(", median not reached")
	}
	fmt.Fprintf(&b, " (%d still ramping)", r.Ramping)
	return b.String()
}

// TimeToRamp measures, for every rep on the index's roster with a hire date
// (from HiredFrom on, before AsOf), the time from hire to the milestone:
// their first won deal (default), or the first calendar month whose won
// bookings reach Share × FullQuota. Deals count by owner and close time.
// Errors: a nil index or a zero AsOf, or for RampQuotaShare a Share or FullQuota not above
// zero, wrap ErrInvalidOptions; no rep hired in range, ErrNoDeals; won
// amounts in several currencies under RampQuotaShare, ErrMixedCurrencies.
func TimeToRamp(ix *activity.Index, opts RampOptions) (Ramp, error) {
	switch {
	case ix == nil:
		return Ramp{}, fmt.Errorf("%w: a ramp needs an index", ErrInvalidOptions)
	case opts.AsOf.IsZero():
		return Ramp{}, fmt.Errorf("%w: a ramp needs an as-of time", ErrInvalidOptions)
	case opts.Milestone > RampQuotaShare:
		return Ramp{}, fmt.Errorf("%w: milestone %v", ErrInvalidOptions, opts.Milestone)
	case opts.Milestone == RampQuotaShare && (!opts.Share.IsPositive() || !opts.FullQuota.IsPositive()):
		return Ramp{}, fmt.Errorf("%w: quota share %s of %s", ErrInvalidOptions, opts.Share, opts.FullQuota)
	}
	if err := opts.Calendar.Validate(); err != nil {
		return Ramp{}, err
	}
	d := ixcols.DealsOf(ix)
	// Won deals by owner, by close time.
	byRep := map[activity.Key][]int{}
	var currency activity.Key = -1
	for row := range d.Owner {
		if d.Status[row] != activity.StatusWon || d.Closed[row] == ixcols.NoTime {
			continue
		}
		byRep[d.Owner[row]] = append(byRep[d.Owner[row]], row)
		if opts.Milestone == RampQuotaShare {
			if currency >= 0 && d.Currency[row] != currency {
				return Ramp{}, fmt.Errorf("%w: won deals in %s and %s", ErrMixedCurrencies, ix.Currencies().Name(currency), ix.Currencies().Name(d.Currency[row]))
			}
			currency = d.Currency[row]
		}
	}
	r := Ramp{Milestone: opts.Milestone, AsOf: opts.AsOf}
	asOf := ixcols.Nanos(opts.AsOf)
	threshold := opts.Share.Mul(opts.FullQuota)
	var tally km.Tally
	for k := range ix.Reps().Len() {
		rep, ok := ix.Rep(activity.Key(k))
		if !ok || rep.HiredAt.IsZero() || !rep.HiredAt.Before(opts.AsOf) || rep.HiredAt.Before(opts.HiredFrom) {
			continue
		}
		hired := ixcols.Nanos(rep.HiredAt)
		rows := byRep[activity.Key(k)]
		slices.SortFunc(rows, func(a, b int) int { return cmp.Or(cmp.Compare(d.Closed[a], d.Closed[b]), cmp.Compare(a, b)) })
		rr := RepRamp{Rep: rep.ID, HiredAt: rep.HiredAt}
		at := int64(0)
		var month activity.Period
		var sum decimal.Decimal
		for _, row := range rows {
			c := d.Closed[row]
			if c < hired || c > asOf {
				continue
			}
			if opts.Milestone == RampFirstDeal {
				at = c
				break
			}
			t := time.Unix(0, c).In(rep.HiredAt.Location())
			if !month.Contains(t) {
				m, err := opts.Calendar.Month(t)
				if err != nil {
					return Ramp{}, err
				}
				month, sum = m, decimal.Zero
			}
			amt, _ := d.Amount.At(row)
			sum = sum.Add(amt)
			if sum.GreaterThanOrEqual(threshold) {
				at = c
				break
			}
		}
		end := asOf
		if at != 0 {
			rr.Reached, rr.At, end = true, time.Unix(0, at).In(rep.HiredAt.Location()), at
			r.Reached++
		} else {
			r.Ramping++
		}
		rr.Days = float64(end-hired) / 86_400e9
		tally.Add(rr.Days, rr.Reached) // never negative: at and asOf are after hired
		r.Reps = append(r.Reps, rr)
	}
	if len(r.Reps) == 0 {
		return r, fmt.Errorf("%w: no rep hired before %s", ErrNoDeals, opts.AsOf.Format(time.DateOnly))
	}
	slices.SortFunc(r.Reps, func(a, b RepRamp) int { return cmp.Compare(a.Rep, b.Rep) })
	if m, ok := km.Median(tally.Curve(0.95, km.LogCI)); ok {
		r.MedianDays = activity.Some(m)
	}
	return r, nil
}
