package people

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// ScorecardOptions says over which periods Scorecards reports. The zero
// value reports the whole period once.
type ScorecardOptions struct {
	// Granularity, when set, reports each period of Calendar of that
	// granularity within the period (months, weeks ...), clipped to it.
	Granularity activity.Granularity
	Calendar    activity.Calendar
	// Conversion, when not nil, converts won amounts into Conversion.To at
	// their close. Nil: a rep's won deals in two currencies are an error
	// wrapping ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// Validate reports an unknown granularity, an invalid calendar or an
// invalid Conversion.
func (o ScorecardOptions) Validate() error {
	if c := o.Conversion; c != nil {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("%w: conversion: %w", ErrInvalidOptions, err)
		}
	}
	if o.Granularity == 0 {
		return nil
	}
	if err := o.Calendar.Validate(); err != nil {
		return err
	}
	if _, err := o.Calendar.PeriodOf(o.Granularity, timeZero); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	return nil
}

// Scorecard is one rep's activity against outcomes in one period: the
// inputs, the outputs and the efficiency that links them,
//
//	Activities           done in the period (Mix by kind)
//	Won, WonAmount       deals won in the period (closed in it) and their amounts, exact
//	Lost                 deals lost in the period
//	WinRate              = Won / (Won + Lost)                 (absent with no closed deal)
//	AverageDealSize      = WonAmount / Won                    (absent with no won deal)
//	RevenuePerActivity   = WonAmount / Activities             (absent with no activity)
//	ActivitiesPerWonDeal = Activities / Won                   (absent with no won deal)
//	MeetingsPerWonDeal   = Mix["meeting"] / Won               (absent with no won deal)
//
// the decimals exact to 20 places. These are the definitions of the
// built-in metrics WinRateMetric, AverageDealSizeMetric,
// RevenuePerActivityMetric, ActivitiesPerWonDealMetric and
// MeetingsPerWonDealMetric, each rep's in one pass.
type Scorecard struct {
	Rep                  string                             `json:"rep"`
	Period               activity.Period                    `json:"period"`
	Activities           int64                              `json:"activities"`
	Mix                  map[activity.Kind]int64            `json:"mix"`
	Won                  int64                              `json:"won"`
	Lost                 int64                              `json:"lost"`
	WonAmount            decimal.Decimal                    `json:"won_amount"`
	Currency             activity.Currency                  `json:"currency,omitempty"`
	WinRate              activity.Optional[float64]         `json:"win_rate"`
	AverageDealSize      activity.Optional[decimal.Decimal] `json:"average_deal_size"`
	RevenuePerActivity   activity.Optional[decimal.Decimal] `json:"revenue_per_activity"`
	ActivitiesPerWonDeal activity.Optional[float64]         `json:"activities_per_won_deal"`
	MeetingsPerWonDeal   activity.Optional[float64]         `json:"meetings_per_won_deal"`
}

// MarshalJSON writes the decimals as strings.
func (s Scorecard) MarshalJSON() ([]byte, error) { type plain Scorecard; return dec.Marshal(plain(s)) }

// String reads as "ann, 2025 Q1: 4 activities (call 2, email 1, meeting
// 1), won 2 of 3 closed (66.7%) for 57000.50 USD, 14250.13 per activity".
func (s Scorecard) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s: %d activities", s.Rep, periodName(s.Period), s.Activities)
	if len(s.Mix) > 0 {
		kinds := make([]activity.Kind, 0, len(s.Mix))
		for k := range s.Mix {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%s %d", k, s.Mix[k])
		}
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	fmt.Fprintf(&b, ", won %d of %d closed", s.Won, s.Won+s.Lost)
	if r, ok := s.WinRate.Get(); ok {
		fmt.Fprintf(&b, " (%.1f%%)", 100*r)
	}
	fmt.Fprintf(&b, " for %s", s.WonAmount.StringFixed(2))
	if s.Currency != "" {
		b.WriteString(" " + string(s.Currency))
	}
	if r, ok := s.RevenuePerActivity.Get(); ok {
		fmt.Fprintf(&b, ", %s per activity", r.StringFixed(2))
	}
	return b.String()
}

// Scorecards returns every rep's Scorecard in each period (see
// ScorecardOptions), by period and then rep: each rep with an activity or
// a closed deal in the period. Deals count by owner and close time,
// activities by rep and time.
//
// Errors: an invalid period or options; won amounts of one rep and period
// in several currencies (ErrMixedCurrencies).
//
// Cost: one pass over the view's deals and activities per period, counting
// into arrays by rep key (no allocation per record).
func Scorecards(v activity.View, p activity.Period, opts ScorecardOptions) ([]Scorecard, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	periods := []activity.Period{p}
	if opts.Granularity != 0 {
		var err error
		if periods, err = opts.Calendar.PeriodsWithin(opts.Granularity, p); err != nil {
			return nil, err
		}
	}
	ix := v.Index()
	d, a := ixcols.DealsOf(ix), ixcols.ActivitiesOf(ix)
	units, scale := d.Amount.Units()
	nReps, nKinds := ix.Reps().Len(), ix.Kinds().Len()
	meeting, ok := ix.Kinds().Key(string(activity.KindMeeting))
	if !ok {
		meeting = activity.NoKey
	}
	type tally struct {
		acts, won, lost int64
		sum             exact.Sum
		cur             bookCurrencies
	}
	ts := make([]tally, nReps)
	mix := make([]int64, nReps*nKinds)
	var out []Scorecard
	for _, q := range periods {
		for i := range ts {
			ts[i] = tally{sum: exact.NewSum(scale)}
		}
		clear(mix)
		in := spanOf(q)
		for _, r := range v.DealRows() {
			if !d.Status[r].Closed() || !in.has(d.Closed[r]) || d.Owner[r] < 0 {
				continue
			}
			t := &ts[d.Owner[r]]
			if d.Status[r] == activity.StatusLost {
				t.lost++
				continue
			}
			t.won++
			cur := activity.Currency(ix.Currencies().Name(d.Currency[r]))
			if c := opts.Conversion; c != nil && cur != c.To {
				x, _ := d.Amount.At(int(r))
				cv, err := c.Convert(x, cur, time.Unix(0, d.Closed[r]).UTC(), q)
				if err != nil {
					return nil, fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
				}
				t.cur.bookSee(c.To)
				t.sum.AddDecimal(cv)
				continue
			}
			t.cur.bookSee(cur)
			if u := units[r]; u != exact.Marker {
				t.sum.Add(u)
			} else {
				x, _ := d.Amount.At(int(r))
				t.sum.AddDecimal(x)
			}
		}
		for _, r := range v.ActivityRows() {
			if !in.has(a.At[r]) || a.Rep[r] < 0 {
				continue
			}
			k := a.Rep[r]
			ts[k].acts++
			if a.Kind[r] >= 0 {
				mix[int(k)*nKinds+int(a.Kind[r])]++
			}
		}
		first := len(out)
		for k := range ts {
			t := &ts[k]
			if t.acts == 0 && t.won == 0 && t.lost == 0 {
				continue
			}
			rep := ix.Reps().Name(activity.Key(k))
			if err := t.cur.bookMixed(rep + ", " + periodName(q)); err != nil {
				return nil, err
			}
			s := Scorecard{Rep: rep, Period: q, Activities: t.acts, Won: t.won, Lost: t.lost, WonAmount: t.sum.Decimal(),
				Currency: t.cur.Currency, Mix: map[activity.Kind]int64{}}
			for j := range nKinds {
				if n := mix[k*nKinds+j]; n > 0 {
					s.Mix[activity.Kind(ix.Kinds().Name(activity.Key(j)))] = n
				}
			}
			if t.won+t.lost > 0 {
				s.WinRate = activity.Some(float64(t.won) / float64(t.won+t.lost))
			}
			if t.won > 0 {
				s.AverageDealSize = activity.Some(s.WonAmount.DivRound(decimal.NewFromInt(t.won), ratioScale))
				s.ActivitiesPerWonDeal = activity.Some(float64(t.acts) / float64(t.won))
				var meetings int64
				if meeting >= 0 {
					meetings = mix[k*nKinds+int(meeting)]
				}
				s.MeetingsPerWonDeal = activity.Some(float64(meetings) / float64(t.won))
			}
			if t.acts > 0 {
				s.RevenuePerActivity = activity.Some(s.WonAmount.DivRound(decimal.NewFromInt(t.acts), ratioScale))
			}
			out = append(out, s)
		}
		slices.SortFunc(out[first:], func(x, y Scorecard) int { return cmp.Compare(x.Rep, y.Rep) })
	}
	return out, nil
}
