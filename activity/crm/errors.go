package crm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. The reader wraps them, and the activity package's (a
// time or amount that does not parse, a record that fails validation), in a
// *RowError naming the file, line and column; test them with errors.Is.
var (
	// ErrNoLayout reports a header that no layout matches; the error names
	// the closest layout and the columns it lacks.
	ErrNoLayout = errors.New("crm: no layout matches the header")
	// ErrInvalidLayout reports a layout that cannot be used: an unknown
	// field or table, a required field without a column, a bad date
	// pattern or zone, a stage rule without a status.
	ErrInvalidLayout = errors.New("crm: invalid layout")
	// ErrInvalidValue reports a cell that cannot be read as its field: a
	// flag that is not true or false, an unknown stage, activity type or
	// forecast category, a count that is not a whole number.
	ErrInvalidValue = errors.New("crm: invalid value")
	// ErrMissingColumn reports a row shorter than the header, or a required
	// cell that is empty.
	ErrMissingColumn = errors.New("crm: missing value")
	// ErrRead reports an error of the rows themselves (a CSV syntax error),
	// wrapping it.
	ErrRead = errors.New("crm: cannot read rows")
	// ErrWrongTable reports records asked of a reader whose layout yields
	// another kind (activities of a deals export).
	ErrWrongTable = errors.New("crm: the export holds other records")
	// ErrDateOrder reports a date that reads only with its day and month
	// swapped from the layout's patterns (31/3/2025 under M/D/YYYY): the
	// export was written in another locale, so that every date with a day
	// up to 12 was misread. It stops reading even with
	// Options.SkipInvalid. Set Options.Dates (or the layout's) to the
	// export's order.
	ErrDateOrder = errors.New("crm: dates in another order than the layout's")
	// ErrReadOrder reports rows not read as a Reader reads them: once, to
	// the end, a deals export's Deals before its StageChanges.
	ErrReadOrder = errors.New("crm: rows not read once, in order, to the end")
)

// RowError reports one problem with one row of an export: where it is
// (file, line, column), what the cell held, and the error behind it, which
// wraps a sentinel of this package or of package activity.
type RowError struct {
	File   string // the name the host gave the rows (Options.Name)
	Line   int    // line in the file, from 1 (the header is line 1 unless the rows say otherwise)
	Column int    // column from 1; 0 for the row as a whole
	Header string // the column's header, where there is one
	Field  string // the record field the column feeds (activity's JSON name)
	Value  string // the cell's text, cut to 64 bytes
	Err    error
}

// Error reads as `deals.csv:12:5: "Close Date" = "31/13/2025": activity:
// invalid time: ...`.
func (e *RowError) Error() string {
	s := e.File
	if s == "" {
		s = "rows"
	}
	s += ":" + strconv.Itoa(e.Line)
	if e.Column > 0 {
		s += ":" + strconv.Itoa(e.Column)
	}
	if e.Header != "" {
		s += fmt.Sprintf(": %q = %q", e.Header, e.Value)
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the wrapped error, so errors.Is finds the sentinel.
func (e *RowError) Unwrap() error { return e.Err }

// cut shortens a cell for an error message.
func cut(s string) string {
	if len(s) > 64 {
		return s[:61] + "..."
	}
	return strings.Clone(s) // not the block of lines the cell was cut from
}
