package activity

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors. Functions wrap them with the record and field concerned, so
// test them with errors.Is.
var (
	// ErrInvalidPeriod reports a period with a zero end or that ends before it starts.
	ErrInvalidPeriod = errors.New("activity: invalid period")
	// ErrInvalidCalendar reports a Calendar whose settings are out of range.
	ErrInvalidCalendar = errors.New("activity: invalid calendar")
	// ErrInvalidCurrency reports a currency code that is not three ASCII
	// upper-case letters.
	ErrInvalidCurrency = errors.New("activity: invalid currency")
	// ErrInvalidRate reports an exchange rate that cannot be used: a bad
	// currency pair, a zero date, a rate that is not positive or is out of
	// range, or two different rates for one pair on one date.
	ErrInvalidRate = errors.New("activity: invalid exchange rate")
	// ErrNoRate reports that no exchange rate is known for a currency pair on
	// a date.
	ErrNoRate = errors.New("activity: no exchange rate")
	// ErrNoRateDate reports that the date a Conversion takes its rate on is
	// missing: a zero close time, or an invalid period.
	ErrNoRateDate = errors.New("activity: no date for the exchange rate")
	// ErrInvalidConversion reports a Conversion whose settings are missing or
	// inconsistent.
	ErrInvalidConversion = errors.New("activity: invalid conversion")
	// ErrInvalidGranularity reports a Granularity that is not Daily, Weekly,
	// Monthly, Quarterly or Yearly.
	ErrInvalidGranularity = errors.New("activity: invalid granularity")
	// ErrInvalidTime reports a time that is not in a form ParseTime reads.
	ErrInvalidTime = errors.New("activity: invalid time")
	// ErrInvalidStatus reports a deal status other than open, won or lost.
	ErrInvalidStatus = errors.New("activity: invalid deal status")
	// ErrInvalidForecastCategory reports an unknown forecast category.
	ErrInvalidForecastCategory = errors.New("activity: invalid forecast category")

	// ErrMissingID reports a record with an empty id.
	ErrMissingID = errors.New("activity: empty id")
	// ErrMissingField reports an empty required field.
	ErrMissingField = errors.New("activity: required field is empty")
	// ErrTooManyPeriods reports a breakdown or series of more than
	// MaxPeriods calendar periods (days over centuries, say).
	ErrTooManyPeriods = errors.New("activity: too many periods")
	// ErrZeroView reports a KPI asked of the zero View, which belongs to no
	// index (a View comes from Index.All and its narrowing methods).
	ErrZeroView = errors.New("activity: zero View")
	// ErrDecode reports a record that cannot be read from JSON: a value of
	// the wrong type, a time or amount that does not parse, a required
	// amount missing. Records.UnmarshalJSON wraps it in a *RecordError
	// naming the record and field.
	ErrDecode = errors.New("activity: cannot decode")
	// ErrInvalidEncoding reports bytes a tally's UnmarshalBinary cannot
	// read: another tally's, another format version's, cut short, or
	// holding a value no tally can have.
	ErrInvalidEncoding = errors.New("activity: invalid tally encoding")
	// ErrInvalidAmount reports an amount that is not a decimal number.
	ErrInvalidAmount = errors.New("activity: invalid amount")
	// ErrZeroTime reports a required time that is absent.
	ErrZeroTime = errors.New("activity: time is missing")
	// ErrTimeOrder reports times out of order: closed before created, a
	// stage change before its deal was created, left before hired.
	ErrTimeOrder = errors.New("activity: times out of order")
	// ErrNegativeAmount reports a negative amount where none is allowed.
	ErrNegativeAmount = errors.New("activity: negative amount")
	// ErrNoCloseTime reports a won or lost deal without a close time.
	ErrNoCloseTime = errors.New("activity: closed deal without a close time")
	// ErrOpenWithCloseTime reports an open deal that has a close time.
	ErrOpenWithCloseTime = errors.New("activity: open deal with a close time")
	// ErrProbabilityRange reports a probability outside [0, 1].
	ErrProbabilityRange = errors.New("activity: probability outside [0, 1]")
	// ErrRampRange reports a ramp fraction outside [0, 1].
	ErrRampRange = errors.New("activity: ramp fraction outside [0, 1]")
	// ErrUnknownStage reports a stage the funnel does not know.
	ErrUnknownStage = errors.New("activity: stage not in the funnel")
	// ErrStageStatus reports a deal whose status disagrees with its stage:
	// won in a lost stage, open in a won stage.
	ErrStageStatus = errors.New("activity: status disagrees with stage")
	// ErrNeedsRebuild reports an update an index cannot take in place: a
	// roster for an index built without one.
	ErrNeedsRebuild = errors.New("activity: the change needs a new index")
	// ErrUnknownDeal reports a stage change or activity for a deal the index
	// was not given (or that was left out as invalid).
	ErrUnknownDeal = errors.New("activity: unknown deal")
	// ErrInvalidSpend reports a spend record that cannot be counted: no
	// date, a negative amount, an invalid currency.
	ErrInvalidSpend = errors.New("activity: invalid spend")
	// ErrUnknownLead reports an activity for a lead the index was not
	// given (or that was left out as invalid).
	ErrUnknownLead = errors.New("activity: unknown lead")
	// ErrUnknownRep reports a deal owner, activity rep or quota rep missing
	// from a roster that was given.
	ErrUnknownRep = errors.New("activity: rep not in the roster")
	// ErrDuplicateID reports a record whose id another record of its kind
	// has: every copy of a rep, deal or activity id (so that which copy
	// survives never depends on the input's order: none does).
	ErrDuplicateID = errors.New("activity: duplicate id")
	// ErrOverlap reports roster assignments of one rep, or quotas of one rep
	// or team for one metric, that overlap in time.
	ErrOverlap = errors.New("activity: overlapping entries")
	// ErrBrokenHistory reports a stage change whose from-stage is not the
	// stage the deal's previous change moved it to.
	ErrBrokenHistory = errors.New("activity: stage history does not chain")
	// ErrInvalidQuota reports a quota with neither or both of an amount and a
	// count, or with neither or both of a rep and a team.
	ErrInvalidQuota = errors.New("activity: invalid quota")
	// ErrInvalidOptions reports options out of range.
	ErrInvalidOptions = errors.New("activity: invalid options")
	// ErrUnknownName reports a rep, team or territory the index has never seen.
	ErrUnknownName = errors.New("activity: unknown name")
	// ErrNoActivities reports a KPI over no activities.
	ErrNoActivities = errors.New("activity: no activities")
	// ErrInvalidFunnel reports a funnel with duplicate or empty stages, a
	// default probability outside [0, 1], or no won or lost stage.
	ErrInvalidFunnel = errors.New("activity: invalid funnel")
)

// RecordError reports one problem with one input record: which list it was
// in, its position and id, the field, and the sentinel error behind it.
type RecordError struct {
	Record string // "deal", "activity", "stage change", "rep", "quota", "lead", "account", "spend"
	Index  int    // position in the input, counting from 0; -1 for a lone record
	ID     string // the record's id, where it has one
	Field  string // the JSON name of the field, or "" for the record as a whole
	Err    error  // wraps a sentinel error of this package
}

// Error reads as `activity: deal 12 "D-12" closed_at: activity: times out of
// order: closed before it was created`.
func (e *RecordError) Error() string {
	s := "activity: " + e.Record
	if e.Index >= 0 {
		s += fmt.Sprintf(" %d", e.Index)
	}
	if e.ID != "" {
		s += fmt.Sprintf(" %q", e.ID)
	}
	if e.Field != "" {
		s += " " + e.Field
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the wrapped error, so errors.Is finds the sentinel.
func (e *RecordError) Unwrap() error { return e.Err }

// problems collects RecordErrors for one record kind.
type problems struct {
	record string
	index  int
	id     string
	errs   []error
}

func (p *problems) add(field string, err error) {
	// The id is copied: a reader's record may have it cut from a block of
	// its file, which a kept error would keep in memory.
	p.errs = append(p.errs, &RecordError{Record: p.record, Index: p.index, ID: strings.Clone(p.id), Field: field, Err: err})
}

func (p *problems) err() error { return errors.Join(p.errs...) }

// timeText writes a time in an error message: RFC 3339 with nanoseconds
// where it has them, in the time's own zone.
func timeText(t time.Time) string { return t.Format(time.RFC3339Nano) }
