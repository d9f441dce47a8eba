package crm

import (
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Rows is where a Reader takes an export's rows from: the header first,
// then one row per call, io.EOF at the end. *csv.Reader is one (give it
// FieldsPerRecord = -1 for exports with footer lines, or leave it: a row
// that csv.Reader returns with csv.ErrFieldCount is read all the same).
// If the rows also have FieldPos(field int) (line, column int), as
// *csv.Reader does, errors name the line and column in the file; otherwise
// they count rows, the header being line 1.
type Rows interface {
	Read() ([]string, error)
}

type positioner interface {
	FieldPos(field int) (line, column int)
}

// Options configures a Reader. The zero value detects the layout among the
// built-in ones and stops at the first bad row.
type Options struct {
	// Name names the rows in errors: the file name, say.
	Name string
	// Layout is the layout of the rows. Nil: detected from the header among
	// Layouts.
	Layout *Layout
	// Layouts are the layouts detection chooses among. Nil: Layouts().
	Layouts []*Layout
	// Location overrides the layout's TimeZone: times without an offset
	// and days are read there. Give the same zone to the index
	// (IndexOptions.Location), so that a close day means the same day.
	Location *time.Location
	// Currency is the currency of amounts whose row names none, overriding
	// the layout's.
	Currency activity.Currency
	// Dates and Times, when set, replace the layout's date and time
	// patterns (Layout.Dates, Layout.Times): a Salesforce report exported
	// by a user whose locale writes 31/12/2025 needs Dates "D/M/YYYY".
	Dates, Times []string
	// DecimalComma reads numbers as 1.234,50 whatever the layout says.
	DecimalComma bool
	// SkipInvalid leaves bad rows out instead of stopping: Skipped lists
	// each with its error, and the records of the other rows are yielded.
	SkipInvalid bool
	// Progress, when set, is called with the number of rows read so far
	// every ProgressEvery rows and once at the end (under ReadAhead, on the
	// reading goroutine).
	Progress func(rows int)
	// ReadAhead reads and decodes rows on a goroutine of their own, up to
	// AheadRecords records ahead of the caller, so that on two cores an
	// index is built from one part of an export while the next is read. The
	// records and their order are the same; a caller that stops ranging
	// early stops the goroutine, and the iterator returns only once it has
	// ended, so Err, Skipped and Line may be read as usual afterwards.
	ReadAhead bool
}

// AheadRecords is how many records a Reader under Options.ReadAhead
// decodes ahead of its caller at most.
const AheadRecords = 4 * aheadBatch

// aheadBatch is how many records go across from the reading goroutine at a
// time.
const aheadBatch = 1024

// ProgressEvery is how many rows a Reader reads between calls of
// Options.Progress.
const ProgressEvery = 1 << 16

// Reader turns the rows of one export into records, as iterators that an
// index is built from (activity.NewIndexFrom) without holding every
// record. Range the iterator of its Table (or use Streams) once; then Err
// says whether every row was read, and Skipped lists the rows left out
// under Options.SkipInvalid. A Reader is not safe for concurrent use (under
// Options.ReadAhead, call none of its methods while an iterator of it is
// running).
//
// Each row is read and checked on its own (the record's Validate), so that
// a bad value is reported with its line and column; problems that need
// other records (an unknown deal, a duplicate id) are the index's to
// report.
type Reader struct {
	rows   Rows
	pos    positioner
	opt    Options
	c      *compiled
	header []string
	col    [numFields]int   // field -> column, -1 when absent
	more   [numFields][]int // field -> further columns, tried per row when the first cell is blank
	attrs  []attrCol
	enter  []enterCol
	cur    activity.Currency
	comma  bool

	line     int     // rows read so far, the header included
	data     int     // data rows read
	lines    lineLog // the line of each record yielded of the table
	started  bool    // an iterator of the table has begun reading rows
	ended    bool
	reported bool // the end was reported to Options.Progress
	footer   bool
	err      error
	skipped  []error

	// Stage changes read from stage-entered columns while reading deals,
	// yielded by StageChanges: a deal's index in ids, the rule (or -1 and
	// the name), and the time.
	ids     []string
	entered []enteredChange
}

type attrCol struct {
	name string
	col  int
}

type enterCol struct {
	col   int
	stage activity.Stage
}

type enteredChange struct {
	deal  int32
	line  int32
	stage activity.Stage
	at    time.Time
}

// NewReader reads the header from rows, finds the layout (Options.Layout,
// or the one of Options.Layouts the header matches; see Detect) and
// returns a Reader for the rest. A header that matches no layout is an
// error wrapping ErrNoLayout; a layout that does not validate wraps
// ErrInvalidLayout; a header that cannot be read wraps ErrRead.
func NewReader(rows Rows, opt Options) (*Reader, error) {
	r := &Reader{rows: rows, opt: opt}
	r.pos, _ = rows.(positioner)
	header, err := rows.Read()
	if err != nil && !errors.Is(err, csv.ErrFieldCount) {
		return nil, fmt.Errorf("%w: %s: header: %v", ErrRead, r.name(), err)
	}
	r.line = 1
	header = cleanHeader(header)
	r.header = header
	l := opt.Layout
	if l == nil {
		if l, err = Detect(header, opt.Layouts); err != nil {
			return nil, fmt.Errorf("%s: %w", r.name(), err)
		}
	}
	if opt.Dates != nil || opt.Times != nil {
		cp := *l
		if opt.Dates != nil {
			cp.Dates = opt.Dates
		}
		if opt.Times != nil {
			cp.Times = opt.Times
		}
		l = &cp
	}
	if r.c, err = l.compile(); err != nil {
		return nil, err
	}
	if opt.Location != nil {
		r.c.times.loc = opt.Location
	}
	r.cur = l.Currency
	if opt.Currency != "" {
		r.cur = opt.Currency
	}
	r.comma = l.DecimalComma || opt.DecimalComma
	for f := range r.col {
		r.col[f] = -1
	}
	var missing []string
	for f, names := range l.Columns {
		cols := findAll(header, names)
		if fi, ok := fieldOf[f]; ok && len(cols) > 0 {
			r.col[fi] = cols[0]
			if len(cols) > 1 {
				r.more[fi] = cols[1:]
			}
		}
		if len(cols) == 0 && isRequired(l, f) {
			missing = append(missing, fmt.Sprintf("%s (%s)", f, quoteAll(names)))
		}
	}
	if len(missing) > 0 {
		sortStrings(missing)
		return nil, fmt.Errorf("%w: %s: layout %q needs the columns %s", ErrNoLayout, r.name(), l.Name, strings.Join(missing, ", "))
	}
	for name, names := range l.Attributes {
		if c := find(header, names); c >= 0 {
			r.attrs = append(r.attrs, attrCol{name, c})
		}
	}
	sortAttrs(r.attrs)
	for _, p := range r.c.entered {
		for i, h := range header {
			if stage, ok := r.c.enteredStage(p, h); ok {
				r.enter = append(r.enter, enterCol{i, stage})
			}
		}
		if len(r.enter) > 0 {
			break
		}
	}
	return r, nil
}

func isRequired(l *Layout, f string) bool {
	for _, g := range required[l.Table] {
		if g == f {
			return true
		}
	}
	return false
}

// cleanHeader drops a UTF-8 byte order mark from the first header cell and
// trims each.
func cleanHeader(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		if i == 0 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		out[i] = strings.TrimSpace(s)
	}
	return out
}

// findAll returns the columns whose headers are among names, in the order
// of names.
func findAll(header []string, names Names) []int {
	var out []int
	for _, n := range names {
		for i, h := range header {
			if strings.EqualFold(h, strings.TrimSpace(n)) && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out
}

// find returns the column whose header is one of names, or -1.
func find(header []string, names Names) int {
	for _, n := range names {
		for i, h := range header {
			if strings.EqualFold(h, strings.TrimSpace(n)) {
				return i
			}
		}
	}
	return -1
}

// enteredStage reads a stage-entered header: the stage it names, mapped
// through the layout's stages (preferring a rule of the named pipeline).
func (c *compiled) enteredStage(p enteredPattern, h string) (activity.Stage, bool) {
	if !strings.HasPrefix(h, p.pre) || !strings.HasSuffix(h, p.suf) || len(h) < len(p.pre)+len(p.suf) {
		return "", false
	}
	mid := h[len(p.pre) : len(h)-len(p.suf)]
	pipeline := ""
	if p.withPipe {
		i := strings.LastIndex(mid, p.mid)
		if i < 0 {
			return "", false
		}
		mid, pipeline = mid[:i], mid[i+len(p.mid):]
	}
	if mid == "" {
		return "", false
	}
	for _, r := range c.Stages {
		if r.Pipeline != "" && pipeline != "" && !strings.EqualFold(r.Pipeline, pipeline) {
			continue
		}
		for _, v := range r.Values {
			if strings.EqualFold(v, mid) {
				return r.name(), true
			}
		}
	}
	return activity.Stage(mid), true
}

func (r *Reader) name() string {
	if r.opt.Name != "" {
		return r.opt.Name
	}
	return "rows"
}

// Layout returns the layout the reader reads by.
func (r *Reader) Layout() *Layout { return r.c.Layout }

// Table returns the kind of record the rows become.
func (r *Reader) Table() Table { return r.c.Table }

// Header returns the header as read (byte order mark and spaces trimmed).
func (r *Reader) Header() []string { return r.header }

// Err returns the error that stopped reading (a bad row without
// Options.SkipInvalid, a CSV syntax error, records asked of another table
// or rows asked for twice), an error wrapping ErrReadOrder while not every
// row has been read (before reading, or after breaking out of a range), or
// nil once every row was read. Check it after building the index: the
// index saw only the rows before the error.
func (r *Reader) Err() error {
	if r.err == nil && !r.ended {
		return fmt.Errorf("%w: %s: not every row was read (%d so far)", ErrReadOrder, r.name(), r.data)
	}
	return r.err
}

// Skipped returns the problems of the rows left out under
// Options.SkipInvalid, each a *RowError or several joined, in file order.
func (r *Reader) Skipped() []error { return r.skipped }

// Rows returns the number of data rows read so far (footer and blank rows
// not counted); under Options.ReadAhead, call it once the ranging is over
// (rows read may run ahead of the records yielded).
func (r *Reader) Rows() int { return r.data }

// Line returns the line of the file that the i-th record (from 0) of the
// given kind this reader yielded came from, with record named as an
// *activity.RecordError names it ("deal", "stage change", "activity",
// "rep", "quota"); false when the reader yielded no such record. A stage
// change read from a deals export's stage-entered column is on its deal's
// line. With it, a host turns the index's errors (which count records in
// the order of the streams) back into file and line.
func (r *Reader) Line(record string, i int) (int, bool) {
	if i < 0 {
		return 0, false
	}
	if r.c.Table == Deals && record == "stage change" {
		if i < len(r.entered) && r.ended {
			return int(r.entered[i].line), true
		}
		return 0, false
	}
	if record != recordName[r.c.Table] || i >= r.lines.len() {
		return 0, false
	}
	return r.lines.at(i), true
}

// Yielded returns how many records of the given kind (as Line names them)
// the reader has yielded.
func (r *Reader) Yielded(record string) int {
	if r.c.Table == Deals && record == "stage change" {
		if r.ended {
			return len(r.entered)
		}
		return 0
	}
	if record != recordName[r.c.Table] {
		return 0
	}
	return r.lines.len()
}

// lineLog is the line of each record yielded, kept as runs of records on
// consecutive lines: a file of a record a line is one run, however long,
// where a slice of every line would grow (and be copied) with the file.
type lineLog struct {
	runs []lineRun
	n    int
}

// lineRun says that records from first on lie on consecutive lines from
// line, up to the next run.
type lineRun struct{ first, line int }

func (l *lineLog) len() int { return l.n }

// add logs the next record's line.
func (l *lineLog) add(line int) {
	if k := len(l.runs) - 1; k < 0 || line != l.runs[k].line+(l.n-l.runs[k].first) {
		l.runs = append(l.runs, lineRun{first: l.n, line: line})
	}
	l.n++
}

// at returns the line of record i (0 <= i < len).
func (l *lineLog) at(i int) int {
	k := sort.Search(len(l.runs), func(k int) bool { return l.runs[k].first > i }) - 1
	return l.runs[k].line + (i - l.runs[k].first)
}

// truncate forgets the records from n on.
func (l *lineLog) truncate(n int) {
	if n >= l.n {
		return
	}
	k := sort.Search(len(l.runs), func(k int) bool { return l.runs[k].first >= n })
	l.runs, l.n = l.runs[:k], n
}

// recordName is the name activity.RecordError gives each table's records.
var recordName = map[Table]string{Deals: "deal", StageChanges: "stage change", Activities: "activity", Reps: "rep", Quotas: "quota",
	Rates: "rate"}

// Streams returns the reader's records as streams for activity.NewIndexFrom:
// a deals export fills Deals and StageChanges (from its stage-entered
// columns), the others the field of their table. Rates have no stream: read
// them with Rates.
func (r *Reader) Streams() activity.Streams {
	switch r.c.Table {
	case Deals:
		return activity.Streams{Deals: r.Deals(), StageChanges: r.StageChanges()}
	case StageChanges:
		return activity.Streams{StageChanges: r.StageChanges()}
	case Activities:
		return activity.Streams{Activities: r.Activities()}
	case Reps:
		return activity.Streams{Reps: r.Reps()}
	case Quotas:
		return activity.Streams{Quotas: r.Quotas()}
	}
	return activity.Streams{}
}

// next returns the next data row, or false at the end, after an error that
// stops reading, or in the footer.
func (r *Reader) next() ([]string, bool) {
	for !r.ended {
		row, err := r.rows.Read()
		if err != nil && !errors.Is(err, csv.ErrFieldCount) {
			r.ended = true
			if err.Error() != "EOF" {
				r.err = fmt.Errorf("%w: %s: %v", ErrRead, r.name(), err)
			}
			break
		}
		r.line++
		if blank(row) {
			continue
		}
		if r.footer || (r.c.Footer && len(row) == 1 && len(r.header) > 1) {
			if !r.footer {
				r.footer = true
				continue
			}
			if len(row) > 1 {
				// Fatal even when skipping: the rows after it were taken
				// for a footer, so the export is not what the layout says.
				r.err = &RowError{File: r.name(), Line: r.lineOf(0), Err: fmt.Errorf(
					"%w: a row of %d cells after the footer began (a one-cell row ends the data of a report export)", ErrRead, len(row))}
				r.ended = true
				return nil, false
			}
			continue
		}
		r.data++
		if r.opt.Progress != nil && r.data%ProgressEvery == 0 {
			r.opt.Progress(r.data)
		}
		if len(row) < len(r.header) {
			if r.fail(&RowError{File: r.name(), Line: r.lineOf(0),
				Err: fmt.Errorf("%w: %d cells, the header has %d", ErrMissingColumn, len(row), len(r.header))}) {
				continue
			}
			return nil, false
		}
		return row, true
	}
	if r.opt.Progress != nil && !r.reported && (r.data == 0 || r.data%ProgressEvery != 0) {
		r.opt.Progress(r.data)
	}
	r.reported = true
	return nil, false
}

// fail records a row's error: it returns true (go on) when skipping,
// otherwise it ends reading with the error. A date in another order than
// the layout's ends reading even when skipping: the rows before it were
// misread, not just this one.
func (r *Reader) fail(err error) bool {
	if r.opt.SkipInvalid && !errors.Is(err, ErrDateOrder) {
		r.skipped = append(r.skipped, err)
		return true
	}
	if r.err == nil {
		r.err = err
	}
	r.ended = true
	return false
}

func blank(row []string) bool {
	for _, s := range row {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// lineOf returns the line of the current row's column col (from 0).
func (r *Reader) lineOf(col int) int {
	if r.pos != nil {
		line, _ := r.pos.FieldPos(col)
		return line
	}
	return r.line
}

// rowErrs collects the problems of one row.
type rowErrs struct {
	r    *Reader
	row  []string
	errs []error
}

func (e *rowErrs) add(field string, col int, err error) {
	re := &RowError{File: e.r.name(), Line: e.r.lineOf(max(col, 0)), Field: field, Err: err}
	if col >= 0 {
		re.Column, re.Header, re.Value = col+1, e.r.header[col], cut(e.row[col])
	}
	e.errs = append(e.errs, re)
}

// record adds the problems Validate found, each at the column of its field.
func (e *rowErrs) record(err error, columnOf func(field string) int) {
	if err == nil {
		return
	}
	var joined interface{ Unwrap() []error }
	list := []error{err}
	if errors.As(err, &joined) {
		list = joined.Unwrap()
	}
	for _, x := range list {
		var re *activity.RecordError
		field := ""
		if errors.As(x, &re) {
			field = re.Field
			x = re.Err
		}
		e.add(field, columnOf(field), x)
	}
}

func (e *rowErrs) err() error {
	if len(e.errs) == 1 {
		return e.errs[0]
	}
	return errors.Join(e.errs...)
}

// trim is strings.TrimSpace, first checking the usual cell, which has no
// space at either end, in two comparisons.
func trim(s string) string {
	if len(s) == 0 || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s
	}
	return strings.TrimSpace(s)
}

// cell returns the trimmed text of a field's column ("" when absent) and
// the column.
func (r *Reader) cell(row []string, f field) (string, int) {
	c := r.col[f]
	if c < 0 {
		return "", -1
	}
	s := trim(row[c])
	if s == "" {
		for _, m := range r.more[f] {
			if t := trim(row[m]); t != "" {
				return t, m
			}
		}
	}
	return s, c
}

// Deals returns the deals of a deals export, one per row. See Reader for
// how rows are read and checked. Each field is read as follows:
//
//   - amount: a number in the layout's format, optionally with a currency
//     code in the cell ("USD 1,250.00"); blank is an error (write 0 for a
//     deal of no value: absent is not zero).
//   - currency: the currency column, the code in the amount cell, or the
//     default (Options.Currency, Layout.Currency); a cell naming one
//     currency and a column another is an error.
//   - status: is_closed and is_won where the export has them, else the
//     status column (open, won, lost), else the stage's rule; a stage no
//     rule names is an error unless one of those columns says.
//   - closed_at: a day (Salesforce's Close Date) becomes CloseDate, a time
//     ClosedAt; on an open deal it is the expected close
//     (ExpectedCloseDate, ExpectedCloseAt) unless the layout has an
//     expected_close_at column.
//   - created_at: a day stands for its first instant in the zone.
//   - probability: a fraction, or a percent with Layout.Percent or a %.
//   - forecast_category: the layout's map, or activity's own names.
//   - pipeline: kept as the attribute "pipeline".
func (r *Reader) Deals() iter.Seq[activity.Deal] {
	return records(r, Deals, r.deal)
}

// want starts reading the rows as records of table t: false (with the
// error noted) for another table's records, or rows already read.
func (r *Reader) want(t Table) bool {
	switch {
	case r.c.Table != t:
		if r.err == nil {
			r.err = fmt.Errorf("%w: %s holds %s, not %s", ErrWrongTable, r.name(), r.c.Table, t)
		}
		return false
	case r.started:
		if r.err == nil {
			r.err = fmt.Errorf("%w: %s's rows are read once, and were", ErrReadOrder, r.name())
		}
		return false
	}
	r.started = true
	return true
}

func (r *Reader) deal(row []string) (activity.Deal, error) {
	e := rowErrs{r: r, row: row}
	var d activity.Deal
	str := func(f field) string { s, _ := r.cell(row, f); return s }
	// The index keeps a deal's id (other names it interns, copying them): a
	// copy lets the row's string go.
	d.ID, d.Name, d.Owner, d.Team = strings.Clone(r.id(str(fId))), str(fName), r.id(str(fOwner)), str(fTeam)
	d.Territory, d.Account, d.Segment, d.LossReason = str(fTerritory), r.id(str(fAccount)), str(fSegment), str(fLossReason)
	d.Source = activity.Source(str(fSource))

	if s, c := r.cell(row, fAmount); c >= 0 {
		if s == "" {
			e.add("amount", c, fmt.Errorf("%w: the amount is blank (write 0 for a deal of no value)", activity.ErrMissingField))
		} else if v, cur, err := readDecimal(s, r.comma); err != nil {
			e.add("amount", c, err)
		} else {
			d.Amount, d.Currency = v, cur
		}
	}
	if s, c := r.cell(row, fCurrency); s != "" {
		switch {
		case d.Currency != "" && !strings.EqualFold(string(d.Currency), s):
			e.add("currency", c, fmt.Errorf("%w: the amount says %s, the currency column %s", ErrInvalidValue, d.Currency, s))
		default:
			d.Currency = activity.Currency(strings.ToUpper(s))
		}
	}
	if d.Currency == "" {
		d.Currency = r.cur
	}
	for _, f := range [...]struct {
		name field
		dst  *activity.Optional[decimal.Decimal]
	}{{fAcv, &d.ACV}, {fTcv, &d.TCV}, {fCost, &d.Cost}} {
		if s, c := r.cell(row, f.name); s != "" {
			if v, _, err := readDecimal(s, r.comma); err != nil {
				e.add(f.name.String(), c, err)
			} else {
				*f.dst = activity.Some(v)
			}
		}
	}
	if s, c := r.cell(row, fTermMonths); s != "" {
		if v, err := readInt(s, r.comma); err != nil || v > 1200 || v < -1200 {
			e.add("term_months", c, fmt.Errorf("%w: %q is not a number of months", ErrInvalidValue, s))
		} else {
			d.TermMonths = activity.Some(int(v))
		}
	}
	stage, sc := r.cell(row, fStage)
	rule := -1
	if stage != "" {
		if i, ok := r.c.stages[fold(stage)]; ok {
			rule = i
			d.Stage = r.c.Stages[i].name()
		} else {
			d.Stage = activity.Stage(stage)
		}
	}
	d.Status = r.status(row, &e, rule)
	if d.Status == activity.StatusUnknown && stage != "" && len(e.errs) == 0 {
		e.add("stage", sc, fmt.Errorf("%w: stage %q is not one of layout %q's stages and no column says whether the deal is open, won or lost",
			ErrInvalidValue, stage, r.c.Name))
	}
	if s, c := r.cell(row, fCreatedAt); s != "" {
		if t, err := r.c.times.instant(s); err != nil {
			e.add("created_at", c, err)
		} else {
			d.CreatedAt = t
		}
	}
	if s, c := r.cell(row, fExpectedCloseAt); s != "" {
		if w, err := r.c.times.read(s); err != nil {
			e.add("expected_close_at", c, err)
		} else {
			d.ExpectedCloseAt, d.ExpectedCloseDate = w.at, w.day
		}
	}
	if s, c := r.cell(row, fClosedAt); s != "" {
		if w, err := r.c.times.read(s); err != nil {
			e.add("closed_at", c, err)
		} else if d.Status == activity.StatusOpen {
			if r.col[fExpectedCloseAt] < 0 {
				d.ExpectedCloseAt, d.ExpectedCloseDate = w.at, w.day
			}
		} else {
			d.ClosedAt, d.CloseDate = w.at, w.day
		}
	}
	if s, c := r.cell(row, fProbability); s != "" {
		if v, err := readFraction(s, r.c.Percent, r.comma); err != nil {
			e.add("probability", c, err)
		} else {
			d.Probability = activity.Some(v)
		}
	}
	if s, c := r.cell(row, fForecastCategory); s != "" {
		if fc, ok := r.c.categories[fold(s)]; ok {
			d.ForecastCategory = fc
		} else if err := d.ForecastCategory.UnmarshalText([]byte(strings.ToLower(s))); err != nil {
			e.add("forecast_category", c, fmt.Errorf("%w: forecast category %q is not one of layout %q's", ErrInvalidValue, s, r.c.Name))
		}
	}
	if p, _ := r.cell(row, fPipeline); p != "" || len(r.attrs) > 0 {
		// Copies: the index keeps these maps, and a cell holds on to its
		// block of lines (CSVReader).
		d.Attributes = make(map[string]string, len(r.attrs)+1)
		if p != "" {
			d.Attributes["pipeline"] = strings.Clone(p)
		}
		for _, a := range r.attrs {
			if v := strings.TrimSpace(row[a.col]); v != "" {
				d.Attributes[a.name] = strings.Clone(v)
			}
		}
		if len(d.Attributes) == 0 {
			d.Attributes = nil
		}
	}
	if len(e.errs) == 0 {
		e.record(d.Validate(), r.dealColumn)
	}
	if len(e.errs) > 0 {
		return activity.Deal{}, e.err()
	}
	if len(r.enter) > 0 {
		r.stageEntered(row, &e, d.ID)
		if len(e.errs) > 0 {
			return activity.Deal{}, e.err()
		}
	}
	return d, nil
}

// dealColumn returns the column a deal field's problem is reported at.
func (r *Reader) dealColumn(field string) int {
	switch field {
	case "close_date", "closed_at":
		return r.col[fClosedAt]
	case "expected_close_date", "expected_close_at":
		if c := r.col[fExpectedCloseAt]; c >= 0 {
			return c
		}
		return r.col[fClosedAt]
	case "currency":
		if c := r.col[fCurrency]; c >= 0 {
			return c
		}
		return r.col[fAmount]
	}
	return r.columnOf(field)
}

// status reads a deal's status: the is_closed and is_won flags, else the
// status column, else the stage's rule; StatusUnknown when none says.
func (r *Reader) status(row []string, e *rowErrs, rule int) activity.Status {
	closed, cc := r.cell(row, fIsClosed)
	won, wc := r.cell(row, fIsWon)
	if closed != "" || won != "" {
		isWon := false
		if won != "" {
			v, err := readBool(won)
			if err != nil {
				e.add("is_won", wc, err)
				return activity.StatusUnknown
			}
			isWon = v
		}
		isClosed := isWon
		if closed != "" {
			v, err := readBool(closed)
			if err != nil {
				e.add("is_closed", cc, err)
				return activity.StatusUnknown
			}
			isClosed = v
		}
		switch {
		case isWon && !isClosed:
			e.add("is_won", wc, fmt.Errorf("%w: won but not closed", ErrInvalidValue))
			return activity.StatusUnknown
		case isWon:
			return activity.StatusWon
		case isClosed:
			return activity.StatusLost
		case closed != "":
			return activity.StatusOpen
		}
		// Only is_won, and false: the stage decides between open and lost.
		if rule >= 0 && r.c.Stages[rule].Status != activity.StatusWon {
			return r.c.Stages[rule].Status
		}
	}
	if s, c := r.cell(row, fStatus); s != "" {
		var st activity.Status
		if err := st.UnmarshalText([]byte(strings.ToLower(s))); err != nil || st == activity.StatusUnknown {
			e.add("status", c, fmt.Errorf("%w: status %q (want open, won or lost)", ErrInvalidValue, s))
			return activity.StatusUnknown
		}
		return st
	}
	if rule >= 0 {
		return r.c.Stages[rule].Status
	}
	if len(r.c.Stages) == 0 && r.col[fIsClosed] < 0 && r.col[fIsWon] < 0 && r.col[fStatus] < 0 {
		if _, c := r.cell(row, fStage); c >= 0 {
			e.add("stage", c, fmt.Errorf("%w: layout %q has no stages and no column says whether the deal is open, won or lost", ErrInvalidValue, r.c.Name))
		}
	}
	return activity.StatusUnknown
}

// stageEntered keeps the stage changes of a deal's stage-entered cells.
func (r *Reader) stageEntered(row []string, e *rowErrs, id string) {
	n := len(e.errs)
	for _, ec := range r.enter {
		s := strings.TrimSpace(row[ec.col])
		if s == "" {
			continue
		}
		t, err := r.c.times.instant(s)
		if err != nil {
			e.add("stage_entered", ec.col, err)
			continue
		}
		if len(e.errs) == n {
			if len(r.ids) == 0 || r.ids[len(r.ids)-1] != id {
				r.ids = append(r.ids, id)
			}
			r.entered = append(r.entered, enteredChange{deal: int32(len(r.ids) - 1), line: int32(r.lineOf(0)), stage: ec.stage, at: t})
		}
	}
	if len(e.errs) > n {
		// Drop what this row added: its deal is left out.
		for len(r.entered) > 0 && r.ids[r.entered[len(r.entered)-1].deal] == id {
			r.entered = r.entered[:len(r.entered)-1]
		}
	}
}

// StageChanges returns the stage changes of a stage history export (one
// per row), or of a deals export's stage-entered columns (HubSpot's `Date
// entered "<stage> (<pipeline>)"`, each cell a change into that stage,
// kept while Deals reads the rows: range Deals to its end first, as
// activity.NewIndexFrom does; before that, StageChanges yields nothing and
// Err wraps ErrReadOrder).
//
// Stage values go through the layout's stages, so history and deals name
// stages alike. In a field history export (Layout.HistoryFields), rows of
// other fields are left out. Where the export has no from column
// (Salesforce's OpportunityHistory writes a row, with the stage as it then
// was, whenever the amount, close date or stage changed), every row is
// yielded: the index leaves out those that leave a deal in the stage its
// previous change put it in, in any order of the rows (see
// activity.StageChange).
func (r *Reader) StageChanges() iter.Seq[activity.StageChange] {
	return func(yield func(activity.StageChange) bool) {
		if r.c.Table == Deals {
			if !r.ended {
				if r.err == nil {
					r.err = fmt.Errorf("%w: %s: range Deals to its end before StageChanges", ErrReadOrder, r.name())
				}
				return
			}
			for _, ch := range r.entered {
				if !yield(activity.StageChange{Deal: r.ids[ch.deal], To: ch.stage, At: ch.at}) {
					return
				}
			}
			return
		}
		for ch := range records(r, StageChanges, r.historyRow) {
			if !yield(ch) {
				return
			}
		}
	}
}

// historyRow reads a stage history row: errNotStage for a row of another
// field in a field history export.
func (r *Reader) historyRow(row []string) (activity.StageChange, error) {
	if len(r.c.history) > 0 {
		if f, _ := r.cell(row, fField); f != "" && !r.c.history[fold(f)] {
			return activity.StageChange{}, errNotStage
		}
	}
	return r.change(row)
}

// errNotStage marks a field history row of another field: not a record,
// not a problem.
var errNotStage = errors.New("not a stage change")

// records reads the rows as records of table t, one per row, through
// decode: a row decode refuses is a problem (see fail), except a row it
// says with errNotStage is not a record at all.
func records[T any](r *Reader, t Table, decode func([]string) (T, error)) iter.Seq[T] {
	return func(yield func(T) bool) {
		if !r.want(t) {
			return
		}
		if r.opt.ReadAhead {
			ahead(r, decode, yield)
			return
		}
		decodeRows(r, decode, yield)
	}
}

// decodeRows reads rows to the end, or until yield returns false, and
// yields the record of each.
func decodeRows[T any](r *Reader, decode func([]string) (T, error), yield func(T) bool) {
	for {
		row, ok := r.next()
		if !ok {
			return
		}
		v, err := decode(row)
		if errors.Is(err, errNotStage) {
			continue
		}
		if err != nil {
			if r.fail(err) {
				continue
			}
			return
		}
		r.lines.add(r.lineOf(0))
		if !yield(v) {
			return
		}
	}
}

// ahead is decodeRows on a goroutine of its own, handing records over in
// batches: the caller's yield runs on the calling goroutine, never on the
// reading one, and ahead returns only when the reading goroutine has ended.
func ahead[T any](r *Reader, decode func([]string) (T, error), yield func(T) bool) {
	full := make(chan []T, AheadRecords/aheadBatch-1)
	// Batches the caller is done with go back to the reading goroutine, so
	// that a file's worth of records is never allocated: at most
	// AheadRecords/aheadBatch+1 batches exist (those in full, the one the
	// caller ranges over and the one being filled), and free has room for
	// them all.
	free := make(chan []T, AheadRecords/aheadBatch+1)
	stop := make(chan struct{})
	base, yielded := r.lines.len(), 0
	go func() {
		defer close(full)
		batch := make([]T, 0, aheadBatch)
		send := func() bool {
			select {
			case full <- batch:
				select {
				case batch = <-free:
				default:
					batch = make([]T, 0, aheadBatch)
				}
				return true
			case <-stop:
				return false
			}
		}
		stopped := false
		decodeRows(r, decode, func(v T) bool {
			batch = append(batch, v)
			if len(batch) == aheadBatch && !send() {
				stopped = true
				return false
			}
			return true
		})
		if !stopped && len(batch) > 0 {
			send()
		}
	}()
	early := false
	defer func() {
		close(stop)
		for range full { // wait for the reading goroutine to end
		}
		// Records decoded but never yielded have no line.
		r.lines.truncate(base + yielded)
		if early {
			r.forgetAhead()
		}
	}()
	for batch := range full {
		for _, v := range batch {
			yielded++
			if !yield(v) {
				early = true
				return
			}
		}
		free <- batch[:0]
	}
}

// forgetAhead undoes what reading ahead learnt past the last record the
// caller took before stopping, so that the reader stands as the plain one
// would: not at the end (Err wraps ErrReadOrder), and no error or skipped
// row from a line after that record.
func (r *Reader) forgetAhead() {
	last := 0
	if n := r.lines.len(); n > 0 {
		last = r.lines.at(n - 1)
	}
	after := func(err error) bool {
		var re *RowError
		return errors.As(err, &re) && re.Line > last
	}
	if r.err != nil && after(r.err) {
		r.err = nil
	}
	kept := r.skipped[:0]
	for _, e := range r.skipped {
		if !after(e) {
			kept = append(kept, e)
		}
	}
	r.skipped = kept
	r.ended = false
}

func (r *Reader) stageOf(s string) activity.Stage {
	if i, ok := r.c.stages[fold(s)]; ok {
		return r.c.Stages[i].name()
	}
	return activity.Stage(s)
}

func (r *Reader) change(row []string) (activity.StageChange, error) {
	e := rowErrs{r: r, row: row}
	var ch activity.StageChange
	ch.Deal, _ = r.cell(row, fDeal)
	ch.Deal = r.id(ch.Deal)
	if s, _ := r.cell(row, fFrom); s != "" {
		ch.From = r.stageOf(s)
	}
	if s, _ := r.cell(row, fTo); s != "" {
		ch.To = r.stageOf(s)
	}
	if s, c := r.cell(row, fAt); s != "" {
		if t, err := r.c.times.instant(s); err != nil {
			e.add("at", c, err)
		} else {
			ch.At = t
		}
	}
	if len(e.errs) == 0 {
		e.record(ch.Validate(), func(f string) int { return r.columnOf(f) })
	}
	if len(e.errs) > 0 {
		return ch, e.err()
	}
	return ch, nil
}

func (r *Reader) columnOf(name string) int {
	if f, ok := fieldOf[name]; ok {
		return r.col[f]
	}
	return -1
}

// Activities returns the activities of an activity export, one per row:
// the kind from the kind column through Layout.Kinds (a type not listed
// is taken in lower case), else Layout.Kind; the outcome through
// Layout.Outcomes; the duration from the duration column in
// Layout.Duration's unit, or from an end column as end less start. A
// row without an id column gets the id "<name>:<line>". A deal link that
// does not start with Layout.DealPrefix (where set) links no deal.
func (r *Reader) Activities() iter.Seq[activity.Activity] {
	return records(r, Activities, r.activity)
}

func (r *Reader) activity(row []string) (activity.Activity, error) {
	e := rowErrs{r: r, row: row}
	var a activity.Activity
	str := func(f field) string { s, _ := r.cell(row, f); return s }
	// The index copies an activity's id into a column of its own (and
	// interns the names): nothing holds on to the row's string.
	a.ID, a.Rep, a.Team, a.Account = r.id(str(fId)), r.id(str(fRep)), str(fTeam), r.id(r.first(str(fAccount)))
	if r.col[fId] < 0 {
		a.ID = fmt.Sprintf("%s:%d", r.name(), r.lineOf(0))
	}
	if d := r.first(str(fDeal)); d != "" && strings.HasPrefix(d, r.c.DealPrefix) {
		a.Deal = r.id(d)
	}
	a.Kind = r.c.Kind
	if s := str(fKind); s != "" {
		// s is trimmed: folded, it is the lower case the kind takes when
		// the layout does not name it.
		f := fold(s)
		if k, ok := r.c.kinds[f]; ok {
			a.Kind = k
		} else {
			a.Kind = activity.Kind(f)
		}
	}
	if s := str(fOutcome); s != "" {
		if o, ok := r.c.outcomes[fold(s)]; ok {
			a.Outcome = o
		} else {
			a.Outcome = activity.Outcome(s)
		}
	}
	if s, c := r.cell(row, fAt); s != "" {
		if t, err := r.c.times.instant(s); err != nil {
			e.add("at", c, err)
		} else {
			a.At = t
		}
	}
	if s, c := r.cell(row, fDuration); s != "" {
		unit := r.c.Duration
		if unit == "" {
			unit = Seconds
		}
		if v, err := readDuration(s, unit, r.comma); err != nil {
			e.add("duration", c, err)
		} else {
			a.Duration = v
		}
	} else if s, c := r.cell(row, fEnd); s != "" && !a.At.IsZero() {
		if t, err := r.c.times.instant(s); err != nil {
			e.add("end", c, err)
		} else if t.Before(a.At) {
			e.add("end", c, fmt.Errorf("%w: ends at %s, before it starts", activity.ErrTimeOrder, t.Format(time.RFC3339)))
		} else {
			a.Duration = t.Sub(a.At)
		}
	}
	if len(e.errs) == 0 {
		e.record(a.Validate(), func(f string) int {
			if f == "duration_seconds" {
				f = "duration"
			}
			return r.columnOf(f)
		})
	}
	if len(e.errs) > 0 {
		return a, e.err()
	}
	return a, nil
}

// id returns an id cell as records name it: a Salesforce id in its
// 18-character form under Layout.SalesforceIDs.
func (r *Reader) id(s string) string {
	switch r.c.SalesforceIDs {
	case "all":
		return salesforceID18(s)
	case "users":
		if strings.HasPrefix(s, "005") {
			return salesforceID18(s)
		}
	}
	return s
}

// first returns the first of a cell's ids under Layout.ListSeparator.
func (r *Reader) first(s string) string {
	if sep := r.c.ListSeparator; sep != "" {
		s, _, _ = strings.Cut(s, sep)
		s = strings.TrimSpace(s)
	}
	return s
}

// Reps returns the roster of a roster export: one rep per row, or per run
// of consecutive rows with the same id (one row per assignment, with from
// and until columns). A row's team, manager and territory make an
// assignment from its from column, else the hire date, else the start of
// 1900 (the roster says no more); until the until column, else open. Days
// are read as people write them: from and hired_at are first days (their
// start), until and left_at last days (the next day's start: "until
// 2025-03-31" covers 31 March, and an assignment from 2025-04-01 follows it
// without a gap).
func (r *Reader) Reps() iter.Seq[activity.Rep] {
	return func(yield func(activity.Rep) bool) {
		if !r.want(Reps) {
			return
		}
		var cur activity.Rep
		var curLine int32 // the line of cur's first row
		have := false
		for {
			row, ok := r.next()
			if !ok {
				break
			}
			rep, err := r.rep(row)
			if err != nil {
				if r.fail(err) {
					continue
				}
				return
			}
			if have && rep.ID == cur.ID {
				cur.Assignments = append(cur.Assignments, rep.Assignments...)
				if cur.HiredAt.IsZero() {
					cur.HiredAt = rep.HiredAt
				}
				if !rep.LeftAt.IsZero() {
					cur.LeftAt = rep.LeftAt
				}
				continue
			}
			if have {
				r.lines.add(int(curLine))
				if !yield(cur) {
					return
				}
			}
			cur, have, curLine = rep, true, int32(r.lineOf(0))
		}
		if have && r.err == nil {
			r.lines.add(int(curLine))
			yield(cur)
		}
	}
}

var rosterStart = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

func (r *Reader) rep(row []string) (activity.Rep, error) {
	e := rowErrs{r: r, row: row}
	var p activity.Rep
	str := func(f field) string { s, _ := r.cell(row, f); return s }
	p.ID, p.Name = r.id(str(fId)), str(fName)
	times := map[string]*time.Time{}
	var from, until time.Time
	for _, f := range [...]struct {
		name field
		dst  *time.Time
		last bool // a day is the last day in it: the time is the next day's start
	}{{fHiredAt, &p.HiredAt, false}, {fLeftAt, &p.LeftAt, true}, {fFrom, &from, false}, {fUntil, &until, true}} {
		times[f.name.String()] = f.dst
		if s, c := r.cell(row, f.name); s != "" {
			w, err := r.c.times.read(s)
			switch {
			case err != nil:
				e.add(f.name.String(), c, err)
			case w.day.IsZero():
				*f.dst = w.at
			case f.last:
				next := time.Date(w.day.Year, w.day.Month, w.day.Day+1, 0, 0, 0, 0, time.UTC)
				*f.dst = activity.DateOf(next).Start(r.c.times.loc)
			default:
				*f.dst = w.day.Start(r.c.times.loc)
			}
		}
	}
	team, manager, territory := str(fTeam), str(fManager), str(fTerritory)
	if team != "" || manager != "" || territory != "" || !from.IsZero() {
		a := activity.Assignment{From: from, Until: until, Team: team, Manager: manager, Territory: territory}
		if a.From.IsZero() {
			a.From = p.HiredAt
		}
		if a.From.IsZero() {
			a.From = rosterStart
		}
		p.Assignments = []activity.Assignment{a}
	}
	if len(e.errs) == 0 {
		e.record(p.Validate(), func(f string) int {
			switch {
			case strings.HasSuffix(f, ".from"):
				f = "from"
			case strings.HasSuffix(f, ".until"):
				f = "until"
			}
			return r.columnOf(f)
		})
	}
	if len(e.errs) > 0 {
		return p, e.err()
	}
	return p, nil
}

// Quotas returns the quotas of a quota export, one per row: a rep's or a
// team's, for the period from the start day to the end day (both
// included, as people write "1/1/2025 to 3/31/2025"; the period is the
// half-open [start, the day after end) in the zone), an amount (in its
// currency column, the code in the cell or the default) or a count.
func (r *Reader) Quotas() iter.Seq[activity.Quota] {
	return records(r, Quotas, r.quota)
}

func (r *Reader) quota(row []string) (activity.Quota, error) {
	e := rowErrs{r: r, row: row}
	var q activity.Quota
	str := func(f field) string { s, _ := r.cell(row, f); return s }
	q.Rep, q.Team, q.Metric = r.id(str(fRep)), str(fTeam), str(fMetric)
	var days [2]activity.Date
	for i, f := range [...]field{fStart, fEnd} {
		s, c := r.cell(row, f)
		if s == "" {
			e.add(f.String(), c, fmt.Errorf("%w: the %s day is blank", ErrMissingColumn, f))
			continue
		}
		w, err := r.c.times.read(s)
		switch {
		case err != nil:
			e.add(f.String(), c, err)
		case w.day.IsZero():
			e.add(f.String(), c, fmt.Errorf("%w: %q is a time; a quota's start and end are days", ErrInvalidValue, s))
		default:
			days[i] = w.day
		}
	}
	if len(e.errs) == 0 {
		loc := r.c.times.loc
		end := days[1].Start(loc)
		next := activity.DateOf(time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, time.UTC))
		q.Period = activity.Period{Start: days[0].Start(loc), End: next.Start(loc)}
	}
	if s, c := r.cell(row, fAmount); s != "" {
		if v, cur, err := readDecimal(s, r.comma); err != nil {
			e.add("amount", c, err)
		} else {
			q.Amount, q.Currency = activity.Some(v), cur
		}
	}
	if s, c := r.cell(row, fCurrency); s != "" {
		if q.Currency != "" && !strings.EqualFold(string(q.Currency), s) {
			e.add("currency", c, fmt.Errorf("%w: the amount says %s, the currency column %s", ErrInvalidValue, q.Currency, s))
		}
		q.Currency = activity.Currency(strings.ToUpper(s))
	}
	if q.Amount.Valid && q.Currency == "" {
		q.Currency = r.cur
	}
	if s, c := r.cell(row, fCount); s != "" {
		if v, err := readInt(s, r.comma); err != nil {
			e.add("count", c, err)
		} else {
			q.Count = activity.Some(v)
		}
	}
	if len(e.errs) == 0 {
		e.record(q.Validate(), func(f string) int {
			if f == "period" {
				f = "start"
			}
			return r.columnOf(f)
		})
	}
	if len(e.errs) > 0 {
		return q, e.err()
	}
	return q, nil
}

// Rates returns the exchange rates of a rates export, one per row: an
// amount in from times rate is the amount in to, from the day on (a day;
// a time is taken at its date in the zone). Build the table with
// activity.NewExchangeRates.
func (r *Reader) Rates() iter.Seq[activity.ExchangeRate] {
	return records(r, Rates, r.rate)
}

func (r *Reader) rate(row []string) (activity.ExchangeRate, error) {
	e := rowErrs{r: r, row: row}
	var x activity.ExchangeRate
	from, _ := r.cell(row, fFrom)
	to, _ := r.cell(row, fTo)
	x.From, x.To = activity.Currency(strings.ToUpper(from)), activity.Currency(strings.ToUpper(to))
	for _, f := range [...]struct {
		field field
		cur   activity.Currency
	}{{fFrom, x.From}, {fTo, x.To}} {
		if err := f.cur.Validate(); err != nil {
			e.add(f.field.String(), r.col[f.field], err)
		}
	}
	if s, c := r.cell(row, fOn); s == "" {
		e.add("on", c, fmt.Errorf("%w: the day is blank", ErrMissingColumn))
	} else if w, err := r.c.times.read(s); err != nil {
		e.add("on", c, err)
	} else {
		day := w.day
		if day.IsZero() {
			day = activity.DateOf(w.at.In(r.c.times.loc))
		}
		x.On = day.Start(time.UTC)
	}
	if s, c := r.cell(row, fRate); s == "" {
		e.add("rate", c, fmt.Errorf("%w: the rate is blank", ErrMissingColumn))
	} else if v, cur, err := readDecimal(s, r.comma); err != nil || cur != "" || v.Sign() <= 0 {
		if err == nil {
			err = fmt.Errorf("%w: rate %q is not a positive number", activity.ErrInvalidRate, s)
		}
		e.add("rate", c, err)
	} else {
		x.Rate = v
	}
	if len(e.errs) > 0 {
		return x, e.err()
	}
	return x, nil
}
