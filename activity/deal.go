package activity

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/dec"
)

// Deal is an opportunity as the host's CRM books it.
//
// Amount is what the host books for the deal, in Currency; ACV (annual
// contract value), TCV (total contract value), TermMonths (the recurring
// term) and Cost (for margin) are optional and absent unless given. Status
// says whether the deal is open, won or lost; a won or lost deal has a
// ClosedAt, an open one does not. Probability, when present, overrides the
// funnel's default for the stage. Attributes carry host fields that
// breakdowns and plan predicates can use.
//
// Times decode from RFC 3339, a date alone or epoch milliseconds (see
// ParseTime); the zero time means absent.
//
// A close may be given as a day instead of an instant, as CRMs write it
// (Salesforce's CloseDate): CloseDate and ExpectedCloseDate. A day stands
// for its last instant in the index's zone (IndexOptions.Location, UTC by
// default; see Date and CloseTime): the deal's stage history on that day
// comes before the close, a deal created earlier that day has a positive
// cycle, and KPIs put it in the period that holds the day. A deal has at
// most one of ClosedAt and CloseDate, and of ExpectedCloseAt and
// ExpectedCloseDate. In JSON, a closed_at or expected_close_at written as a
// date alone ("2025-03-04") decodes into CloseDate or ExpectedCloseDate;
// close_date and expected_close_date may also be given themselves.
type Deal struct {
	ID                string                    `json:"id"`
	Name              string                    `json:"name,omitempty"`
	Owner             string                    `json:"owner"`
	Team              string                    `json:"team,omitempty"`
	Territory         string                    `json:"territory,omitempty"`
	Account           string                    `json:"account,omitempty"`
	Source            Source                    `json:"source,omitempty"`
	Segment           string                    `json:"segment,omitempty"`
	Amount            decimal.Decimal           `json:"amount"`
	Currency          Currency                  `json:"currency"`
	ACV               Optional[decimal.Decimal] `json:"acv,omitzero"`
	TCV               Optional[decimal.Decimal] `json:"tcv,omitzero"`
	TermMonths        Optional[int]             `json:"term_months,omitzero"`
	Cost              Optional[decimal.Decimal] `json:"cost,omitzero"`
	Stage             Stage                     `json:"stage"`
	Status            Status                    `json:"status"`
	CreatedAt         time.Time                 `json:"created_at"`
	ExpectedCloseAt   time.Time                 `json:"expected_close_at,omitzero"`
	ClosedAt          time.Time                 `json:"closed_at,omitzero"`
	CloseDate         Date                      `json:"close_date,omitzero"`
	ExpectedCloseDate Date                      `json:"expected_close_date,omitzero"`
	Probability       Optional[decimal.Decimal] `json:"probability,omitzero"`
	ForecastCategory  ForecastCategory          `json:"forecast_category,omitzero"`
	LossReason        string                    `json:"loss_reason,omitempty"`
	Attributes        map[string]string         `json:"attributes,omitempty"`
}

// MarshalJSON writes the deal with its amount as a string of exact digits.
func (d Deal) MarshalJSON() ([]byte, error) {
	type plain Deal
	return json.Marshal(struct {
		plain
		Amount json.RawMessage `json:"amount"`
	}{plain(d), dec.AppendJSON(nil, d.Amount)})
}

// UnmarshalJSON reads a deal, with times in any form ParseTime reads. The
// amount is required: a missing, null or "" amount is an error wrapping
// ErrMissingField (write 0 for a deal of no value), as absent is not zero;
// one that is not a number wraps ErrInvalidAmount.
func (d *Deal) UnmarshalJSON(b []byte) error {
	type plain Deal
	aux := struct {
		*plain
		Amount          json.RawMessage `json:"amount"`
		CreatedAt       jsonTime        `json:"created_at"`
		ExpectedCloseAt jsonTimeDay     `json:"expected_close_at"`
		ClosedAt        jsonTimeDay     `json:"closed_at"`
	}{plain: (*plain)(d), CreatedAt: jsonTime{&d.CreatedAt}, ExpectedCloseAt: jsonTimeDay{&d.ExpectedCloseAt, &d.ExpectedCloseDate},
		ClosedAt: jsonTimeDay{&d.ClosedAt, &d.CloseDate}}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	amount, err := DecodeAmount(aux.Amount)
	if err != nil {
		return &fieldError{"amount", err}
	}
	d.Amount = amount
	return nil
}

// CloseTime returns the instant the deal closed: ClosedAt, or the last
// instant of CloseDate in loc (nil: UTC); the zero time when it has
// neither.
func (d Deal) CloseTime(loc *time.Location) time.Time {
	if d.ClosedAt.IsZero() && !d.CloseDate.IsZero() {
		return d.CloseDate.End(loc)
	}
	return d.ClosedAt
}

// ExpectedCloseTime returns the instant the deal is expected to close:
// ExpectedCloseAt, or the last instant of ExpectedCloseDate in loc (nil:
// UTC); the zero time when it has neither.
func (d Deal) ExpectedCloseTime(loc *time.Location) time.Time {
	if d.ExpectedCloseAt.IsZero() && !d.ExpectedCloseDate.IsZero() {
		return d.ExpectedCloseDate.End(loc)
	}
	return d.ExpectedCloseAt
}

// Validate reports every problem with d on its own, as RecordErrors joined
// with errors.Join: an empty id or owner, a zero created time, a malformed
// currency, a negative amount, ACV, TCV, term or cost, a won or lost deal
// without a close time or an open one with one, both a close time and a
// close day (or both expected), a close or expected close before the
// creation (a close day read in UTC; the index reads it in its zone), a
// time or day outside the years 1900 to 2199 or a day that does not exist,
// a probability outside [0, 1], or a status that is not open, won or lost.
// Checks that need other records (the funnel's stages, the roster, duplicate
// ids) are made when the index is built.
func (d Deal) Validate() error {
	p := problems{record: "deal", index: -1, id: d.ID}
	d.check(&p, time.UTC)
	return p.err()
}

// check validates d, reading its close days in loc.
func (d *Deal) check(p *problems, loc *time.Location) {
	if d.ID == "" {
		p.add("id", ErrMissingID)
	}
	if d.Owner == "" {
		p.add("owner", ErrMissingField)
	}
	if d.Stage == "" {
		p.add("stage", ErrMissingField)
	}
	if err := d.Currency.Validate(); err != nil {
		p.add("currency", err)
	}
	checkNonNegative(p, "amount", Some(d.Amount))
	checkNonNegative(p, "acv", d.ACV)
	checkNonNegative(p, "tcv", d.TCV)
	checkNonNegative(p, "cost", d.Cost)
	if d.TermMonths.Valid && d.TermMonths.Value <= 0 {
		p.add("term_months", fmt.Errorf("%w: term of %d months", ErrNegativeAmount, d.TermMonths.Value))
	}
	if d.CreatedAt.IsZero() {
		p.add("created_at", ErrZeroTime)
	}
	checkTimeRange(p, "created_at", d.CreatedAt)
	checkTimeRange(p, "expected_close_at", d.ExpectedCloseAt)
	checkTimeRange(p, "closed_at", d.ClosedAt)
	checkDay(p, "close_date", d.CloseDate)
	checkDay(p, "expected_close_date", d.ExpectedCloseDate)
	closeField, expectedField := "closed_at", "expected_close_at"
	if d.ClosedAt.IsZero() && !d.CloseDate.IsZero() {
		closeField = "close_date"
	}
	if d.ExpectedCloseAt.IsZero() && !d.ExpectedCloseDate.IsZero() {
		expectedField = "expected_close_date"
	}
	if !d.ClosedAt.IsZero() && !d.CloseDate.IsZero() {
		p.add("close_date", fmt.Errorf("%w: both closed_at %s and close_date %s", ErrInvalidTime, timeText(d.ClosedAt), d.CloseDate))
	}
	if !d.ExpectedCloseAt.IsZero() && !d.ExpectedCloseDate.IsZero() {
		p.add("expected_close_date", fmt.Errorf("%w: both expected_close_at %s and expected_close_date %s", ErrInvalidTime,
			timeText(d.ExpectedCloseAt), d.ExpectedCloseDate))
	}
	closed, expected := d.CloseTime(loc), d.ExpectedCloseTime(loc)
	if !d.CreatedAt.IsZero() && !expected.IsZero() && expected.Before(d.CreatedAt) {
		p.add(expectedField, fmt.Errorf("%w: expected to close at %s, before it was created at %s", ErrTimeOrder,
			timeText(expected), timeText(d.CreatedAt)))
	}
	switch d.Status {
	case StatusWon, StatusLost:
		if closed.IsZero() {
			p.add("closed_at", fmt.Errorf("%w: deal is %v", ErrNoCloseTime, d.Status))
		} else if !d.CreatedAt.IsZero() && closed.Before(d.CreatedAt) {
			p.add(closeField, fmt.Errorf("%w: closed at %s, before it was created at %s", ErrTimeOrder,
				timeText(closed), timeText(d.CreatedAt)))
		}
	case StatusOpen:
		if !closed.IsZero() {
			p.add(closeField, ErrOpenWithCloseTime)
		}
	default:
		p.add("status", fmt.Errorf("%w: %v", ErrInvalidStatus, d.Status))
	}
	if v, ok := d.Probability.Get(); ok && (v.Sign() < 0 || aboveOne(v)) {
		p.add("probability", fmt.Errorf("%w: %s", ErrProbabilityRange, dec.Text(v)))
	}
	if int(d.ForecastCategory) >= len(forecastNames) {
		p.add("forecast_category", fmt.Errorf("%w: %v", ErrInvalidForecastCategory, d.ForecastCategory))
	}
}

var decimalOne = decimal.NewFromInt(1)

// onePlaces[k] is 1 written with k decimal places: a probability compared
// with the one of its own places is compared without rescaling either
// (decimal's Cmp multiplies, and allocates, when the exponents differ).
var onePlaces = func() (o [MaxAmountPlaces + 1]decimal.Decimal) {
	for k := range o {
		o[k] = decimal.New(1, 0).Round(int32(k))
	}
	return o
}()

// aboveOne says whether v > 1.
func aboveOne(v decimal.Decimal) bool {
	if k := -int(v.Exponent()); k >= 0 && k < len(onePlaces) {
		return v.Cmp(onePlaces[k]) > 0
	}
	return v.GreaterThan(decimalOne)
}

// Limits of a record's money: amounts below 10^MaxAmountDigits, with at
// most MaxAmountPlaces decimal places of value. Past them an amount is
// ErrInvalidAmount: no real book has one, and every figure computed from
// amounts stays within float64 where a statistic needs one.
const (
	MaxAmountDigits = 30
	MaxAmountPlaces = 18
)

func checkNonNegative(p *problems, field string, v Optional[decimal.Decimal]) {
	switch {
	case !v.Valid:
	case dec.IntDigits(v.Value) > MaxAmountDigits || dec.Places(v.Value) > MaxAmountPlaces:
		p.add(field, fmt.Errorf("%w: more than %d digits before the point or %d after", ErrInvalidAmount, MaxAmountDigits, MaxAmountPlaces))
	case v.Value.Sign() < 0:
		p.add(field, fmt.Errorf("%w: %s", ErrNegativeAmount, dec.Text(v.Value)))
	}
}

// StageChange records that a deal moved from one stage to another at a
// time. From may be empty where the CRM records only the new stage. A
// change without From into the stage the deal's previous change (in time)
// put it in moves nothing: exports such as Salesforce's OpportunityHistory
// write such a row when another field changed, and the index leaves it
// out, whatever the order of the input.
type StageChange struct {
	Deal string    `json:"deal"`
	From Stage     `json:"from,omitempty"`
	To   Stage     `json:"to"`
	At   time.Time `json:"at"`
}

// UnmarshalJSON reads a stage change, with its time in any form ParseTime
// reads.
func (c *StageChange) UnmarshalJSON(b []byte) error {
	type plain StageChange
	aux := struct {
		*plain
		At jsonTime `json:"at"`
	}{(*plain)(c), jsonTime{&c.At}}
	return json.Unmarshal(b, &aux)
}

// Validate reports an empty deal or to-stage and a zero time. Whether the
// deal and stages exist and the history runs forward is checked when the
// index is built.
func (c StageChange) Validate() error {
	p := problems{record: "stage change", index: -1, id: c.Deal}
	c.check(&p)
	return p.err()
}

func (c *StageChange) check(p *problems) {
	if c.Deal == "" {
		p.add("deal", ErrMissingField)
	}
	if c.To == "" {
		p.add("to", ErrMissingField)
	}
	if c.At.IsZero() {
		p.add("at", ErrZeroTime)
	}
	checkTimeRange(p, "at", c.At)
}
