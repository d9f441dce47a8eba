package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// HoldoutOptions split transactions into a calibration period, which the
// models are fitted on, and a holdout period after it, which they are
// checked against (lifetimes' calibration_and_holdout_data).
type HoldoutOptions struct {
	// SummaryOptions summarise the calibration period: its CalibrationEnd
	// (inclusive), Unit and Location.
	SummaryOptions
	// ObservationEnd is the last day of the holdout period, inclusive:
	// the holdout runs from the day after CalibrationEnd to this day.
	// Required, after CalibrationEnd. Only its calendar day counts.
	ObservationEnd time.Time
}

// Validate reports invalid summary options and an ObservationEnd that is
// not a day after CalibrationEnd, wrapping ErrInvalidOptions.
func (o HoldoutOptions) Validate() error {
	if err := o.SummaryOptions.Validate(); err != nil {
		return err
	}
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	if cbDayNumber(o.ObservationEnd.In(loc)) <= cbDayNumber(o.CalibrationEnd.In(loc)) {
		return fmt.Errorf("%w: observation end %s is not a day after the calibration end %s", ErrInvalidOptions,
			o.ObservationEnd.In(loc).Format(time.DateOnly), o.CalibrationEnd.In(loc).Format(time.DateOnly))
	}
	return nil
}

// HoldoutSummary is a customer's calibration summary with what they did in
// the holdout period: Purchases counts the days with a purchase in it
// (same-day purchases are one, as in the calibration), and Length is the
// period's length in the summary's unit, the same for every customer.
// Customers whose first purchase falls in the holdout are not in it: the
// models predict only customers they have seen.
type HoldoutSummary struct {
	CustomerSummary
	Purchases int     `json:"holdout_purchases"`
	Length    float64 `json:"holdout_length"`
}

// SummarizeHoldout summarises each customer over the calibration period,
// as Summarize does, and counts their purchase days in the holdout period
// after it, as lifetimes' calibration_and_holdout_data does: frequency_cal,
// recency_cal, T_cal (X, TX, T), frequency_holdout (Purchases) and
// duration_holdout (Length). Summaries are in Summarize's order. Errors:
// invalid options (ErrInvalidOptions), Summarize's, and no transaction in
// the holdout period (ErrTooFewPoints: nothing to check against).
func SummarizeHoldout(txs []Transaction, opts HoldoutOptions) ([]HoldoutSummary, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	cal, err := Summarize(txs, opts.SummaryOptions)
	if err != nil {
		return nil, err
	}
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	calEnd, obsEnd := cbDayNumber(opts.CalibrationEnd.In(loc)), cbDayNumber(opts.ObservationEnd.In(loc))
	type day struct {
		customer string
		day      int64
	}
	var holdout []day
	for _, t := range txs {
		if d := cbDayNumber(t.At.In(loc)); d > calEnd && d <= obsEnd {
			holdout = append(holdout, day{t.Customer, d})
		}
	}
	if len(holdout) == 0 {
		return nil, fmt.Errorf("%w: no transaction between %s and %s", ErrTooFewPoints,
			opts.CalibrationEnd.In(loc).AddDate(0, 0, 1).Format(time.DateOnly), opts.ObservationEnd.In(loc).Format(time.DateOnly))
	}
	slices.SortFunc(holdout, func(a, b day) int {
		return cmp.Or(strings.Compare(a.customer, b.customer), cmp.Compare(a.day, b.day))
	})
	days := map[string]int{}
	for i, h := range holdout {
		if i == 0 || h != holdout[i-1] {
			days[h.customer]++
		}
	}
	length := float64(obsEnd-calEnd) * float64(24*time.Hour) / float64(opts.Unit)
	out := make([]HoldoutSummary, len(cal))
	for i, c := range cal {
		out[i] = HoldoutSummary{CustomerSummary: c, Purchases: days[c.Customer], Length: length}
	}
	return out, nil
}

// PurchasePredictor is a customer-base model that predicts a customer's
// purchases from their history: BGNBD and MBGNBD are.
type PurchasePredictor interface {
	ConditionalExpectedPurchases(t float64, c CustomerSummary) (float64, error)
}

// HoldoutGroup is the customers with one number of repeat purchases in the
// calibration period (or, with Plus, that many or more): their mean
// purchases in the holdout period, actual and predicted.
type HoldoutGroup struct {
	Frequency int     `json:"frequency"`
	Plus      bool    `json:"plus,omitempty"`
	Customers int     `json:"customers"`
	Actual    float64 `json:"actual"`
	Predicted float64 `json:"predicted"`
}

// HoldoutCheck is how well a model predicted the holdout period: by
// calibration frequency (the groups of lifetimes'
// plot_calibration_purchases_vs_holdout_purchases), and over all
// customers, the total purchases actual and predicted and the per-customer
// errors
//
//	MAE  = Σ |actual − predicted| / customers
//	RMSE = √(Σ (actual − predicted)² / customers)
type HoldoutCheck struct {
	Customers int            `json:"customers"`
	Groups    []HoldoutGroup `json:"groups"`
	Actual    float64        `json:"actual"`
	Predicted float64        `json:"predicted"`
	MAE       float64        `json:"mae"`
	RMSE      float64        `json:"rmse"`
}

// CheckHoldout predicts each customer's purchases over the holdout period
// (m.ConditionalExpectedPurchases over its Length, from the calibration
// summary) and compares them with what happened. Customers with
// maxFrequency or more calibration purchases share the last group (zero
// means 7, as lifetimes' plot). Errors: no model (nil, or a nil pointer),
// no summary or a negative maxFrequency (ErrInvalidOptions), and
// the model's, naming the customer.
func CheckHoldout(m PurchasePredictor, hs []HoldoutSummary, maxFrequency int) (HoldoutCheck, error) {
	if cbNoModel(m) {
		return HoldoutCheck{}, fmt.Errorf("%w: no model", ErrInvalidOptions)
	}
	if len(hs) == 0 || maxFrequency < 0 {
		return HoldoutCheck{}, fmt.Errorf("%w: %d summaries, max frequency %d", ErrInvalidOptions, len(hs), maxFrequency)
	}
	if maxFrequency == 0 {
		maxFrequency = 7
	}
	groups := make([]HoldoutGroup, maxFrequency+1)
	for i := range groups {
		groups[i].Frequency = i
	}
	groups[maxFrequency].Plus = true
	check := HoldoutCheck{Customers: len(hs)}
	var abs, sq float64
	for _, h := range hs {
		p, err := m.ConditionalExpectedPurchases(h.Length, h.CustomerSummary)
		if err != nil {
			return HoldoutCheck{}, fmt.Errorf("customer %q: %w", h.Customer, err)
		}
		a := float64(h.Purchases)
		g := &groups[min(h.X, maxFrequency)]
		g.Customers++
		g.Actual += a
		g.Predicted += p
		check.Actual += a
		check.Predicted += p
		abs += math.Abs(a - p)
		sq += (a - p) * (a - p)
	}
	n := float64(len(hs))
	check.MAE, check.RMSE = abs/n, math.Sqrt(sq/n)
	for _, g := range groups {
		if g.Customers > 0 {
			g.Actual /= float64(g.Customers)
			g.Predicted /= float64(g.Customers)
			check.Groups = append(check.Groups, g)
		}
	}
	return check, nil
}
