package forecast

import (
	"errors"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

// StageWinOptions says which history stage-to-win rates learn from. The
// zero value needs Training; it learns company-wide rates only.
type StageWinOptions struct {
	// Training is the period whose closed deals (won or lost in it) are
	// the history. Required.
	Training activity.Period
	// By, when Team, Source or Segment, learns a rate per group too (the
	// deal's own team field, not the roster's).
	By activity.Dimension
	// MinSample is the fewest deals that must have reached a stage in a
	// group for the group's own rate to be used; below it the group takes
	// the company-wide rate. Zero means 30.
	MinSample int
	// Reach is the rule for when a deal reached a stage, as in
	// performance.FunnelOptions: ReachedOrLater (the default: a deal
	// further along, or won, reached every stage before), ReachedAtAnyTime
	// (its history shows it in the stage), PassedInOrder or
	// FirstEntryInOrder.
	Reach performance.Reach
}

// StageWinRate is the share of the training deals that reached a stage
// (a later stage or a win counting as reaching it, as performance's funnel
// reckons ReachedOrLater) and were won:
//
//	Rate = Won / Reached   (exact to 20 places)
//
// For a group with fewer than MinSample deals at the stage, Rate is the
// company-wide rate and Fallback says so (Won and Reached stay the
// group's own).
type StageWinRate struct {
	Group    string          `json:"group"`
	Stage    activity.Stage  `json:"stage"`
	Reached  int64           `json:"reached"`
	Won      int64           `json:"won"`
	Rate     decimal.Decimal `json:"rate"`
	Defined  bool            `json:"defined"`
	Fallback bool            `json:"fallback,omitempty"`
}

// StageRates are learned stage-to-win rates: the company's (Group "")
// first, then each group's, stages in funnel order.
type StageRates struct {
	Training  activity.Period    `json:"training"`
	By        activity.Dimension `json:"by,omitempty"`
	MinSample int                `json:"min_sample"`
	Reach     performance.Reach  `json:"reach"`
	Rates     []StageWinRate     `json:"rates"`
}

// Probability returns the learned win probability of a deal in stage of
// group ("" for the company-wide rate), and whether one is defined.
func (r StageRates) Probability(group string, stage activity.Stage) (decimal.Decimal, bool) {
	for _, x := range r.Rates {
		if x.Group == group && x.Stage == stage && x.Defined {
			return x.Rate, true
		}
	}
	if group != "" {
		return r.Probability("", stage)
	}
	return decimal.Decimal{}, false
}

// StageWinRates learns, from the deals of v closed in opts.Training, each
// open stage's stage-to-win rate (see StageWinRate): won in any of the
// index funnel's won stages, whatever they are called, company-wide and, with
// opts.By, per team, source or segment with the fallback below MinSample.
// Errors wrap ErrInvalidOptions (no training period, a negative MinSample,
// another dimension) or pass on performance.CloseRate's.
func StageWinRates(v activity.View, opts StageWinOptions) (StageRates, error) {
	if err := v.Err(); err != nil {
		return StageRates{}, err
	}
	if err := opts.Training.Validate(); err != nil {
		return StageRates{}, fmt.Errorf("%w: training: %w", ErrInvalidOptions, err)
	}
	switch opts.By {
	case 0, activity.DimensionTeam, activity.DimensionSource, activity.DimensionSegment:
	default:
		return StageRates{}, fmt.Errorf("%w: stage rates by %v", ErrInvalidOptions, opts.By)
	}
	min := opts.MinSample
	if min == 0 {
		min = 30
	}
	if min < 0 {
		return StageRates{}, fmt.Errorf("%w: min sample %d", ErrInvalidOptions, opts.MinSample)
	}
	r := StageRates{Training: opts.Training, By: opts.By, MinSample: min, Reach: opts.Reach}
	ix := v.Index()
	var stages, won []activity.Stage
	for _, s := range ix.Funnel().Stages {
		switch {
		case s.Won:
			won = append(won, s.Stage)
		case !s.Lost:
			stages = append(stages, s.Stage)
		}
	}
	rates := func(group string, w activity.View) ([]StageWinRate, error) {
		var out []StageWinRate
		for _, s := range stages {
			// Won in any of the funnel's won stages (a deal is won in one):
			// the conversions to each add up over the same reached deals.
			var reached, converted int64
			var err error
			for _, to := range won {
				var c performance.StageConversion
				c, err = performance.CloseRate(w, opts.Training, s, to, performance.CloseRateOptions{Cohort: performance.FunnelClosedInPeriod, Reach: opts.Reach})
				if err != nil {
					break
				}
				reached, converted = c.Reached, converted+c.Converted
			}
			if errors.Is(err, performance.ErrNoDeals) || errors.Is(err, performance.ErrNoClosedDeals) {
				// A group with no deal at the stage: undefined, the
				// others still come back.
				out = append(out, StageWinRate{Group: group, Stage: s})
				continue
			}
			if err != nil {
				return nil, err
			}
			x := StageWinRate{Group: group, Stage: s, Reached: reached, Won: converted, Defined: reached > 0}
			if x.Defined {
				x.Rate = decimal.NewFromInt(converted).DivRound(decimal.NewFromInt(reached), 20)
			}
			out = append(out, x)
		}
		return out, nil
	}
	company, err := rates("", v)
	if err != nil {
		return r, err
	}
	r.Rates = company
	if opts.By == 0 {
		return r, nil
	}
	var groups []string
	seen := map[string]bool{}
	for _, row := range v.DealRows() {
		g := groupOf(ix.Deal(int(row)), opts.By)
		if g != "" && !seen[g] {
			seen[g] = true
			groups = append(groups, g)
		}
	}
	slices.Sort(groups)
	for _, g := range groups {
		w := v.DealsWhere(opts.By.String()+"="+g, func(_ *activity.Index, row int) bool { return groupOf(ix.Deal(row), opts.By) == g })
		rs, err := rates(g, w)
		if err != nil {
			return r, err
		}
		for i := range rs {
			if rs[i].Reached < int64(min) {
				rs[i].Fallback = true
				rs[i].Rate, rs[i].Defined = company[i].Rate, company[i].Defined
			}
		}
		r.Rates = append(r.Rates, rs...)
	}
	return r, nil
}

func groupOf(d activity.Deal, by activity.Dimension) string {
	switch by {
	case activity.DimensionTeam:
		return d.Team
	case activity.DimensionSource:
		return string(d.Source)
	}
	return d.Segment
}
