package performance

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// RecordKind says what a Measure reads: deals or activities.
type RecordKind uint8

// Records a Measure can read. The zero value is invalid.
const (
	DealRecords     RecordKind = iota + 1 // the view's deals
	ActivityRecords                       // the view's activities
)

// String returns "deals" or "activities".
func (r RecordKind) String() string {
	switch r {
	case DealRecords:
		return "deals"
	case ActivityRecords:
		return "activities"
	}
	return fmt.Sprintf("RecordKind(%d)", uint8(r))
}

// MarshalText writes String.
func (r RecordKind) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (r *RecordKind) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, DealRecords, ActivityRecords, RecordKind.MarshalText)
	if !ok {
		return fmt.Errorf("%w: record kind %q", ErrInvalidOptions, text)
	}
	*r = v
	return nil
}

// DealDate says which date of a deal puts it in a period. Activities are
// always placed by when they were done.
type DealDate uint8

// Deal dates.
const (
	// DealDateCreated (the default) places a deal by its creation: how the
	// period's new pipeline turned out.
	DealDateCreated DealDate = iota
	// DealDateClosed places a deal by its close; open deals have none and are not
	// counted: the period's results.
	DealDateClosed
	// DealDateExpectedClose places a deal by its expected close; a deal without
	// one is not counted.
	DealDateExpectedClose
)

// String returns "created", "closed" or "expected_close".
func (d DealDate) String() string {
	switch d {
	case DealDateCreated:
		return "created"
	case DealDateClosed:
		return "closed"
	case DealDateExpectedClose:
		return "expected_close"
	}
	return fmt.Sprintf("DealDate(%d)", uint8(d))
}

// MarshalText writes String.
func (d DealDate) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (d *DealDate) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, DealDateCreated, DealDateExpectedClose, DealDate.MarshalText)
	if !ok {
		return fmt.Errorf("%w: deal date %q", ErrInvalidOptions, text)
	}
	*d = v
	return nil
}

// Aggregation says how a Measure reduces the records it keeps to a number.
type Aggregation uint8

// Aggregations.
const (
	AggregateCount  Aggregation = iota // the number of records (the default)
	AggregateSum                       // the exact sum of Field
	AggregateMean                      // the sum over the count, to 20 decimal places
	AggregateMedian                    // the median of Field (the mean of the two middle values of an even count), exact
)

// String returns "count", "sum", "mean" or "median".
func (a Aggregation) String() string {
	switch a {
	case AggregateCount:
		return "count"
	case AggregateSum:
		return "sum"
	case AggregateMean:
		return "mean"
	case AggregateMedian:
		return "median"
	}
	return fmt.Sprintf("Aggregation(%d)", uint8(a))
}

// MarshalText writes String.
func (a Aggregation) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (a *Aggregation) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, AggregateCount, AggregateMedian, Aggregation.MarshalText)
	if !ok {
		return fmt.Errorf("%w: aggregation %q", ErrInvalidOptions, text)
	}
	*a = v
	return nil
}

// Field is the number an AggregateSum, AggregateMean or AggregateMedian
// reads from each record.
type Field uint8

// Fields. FieldAmount, FieldACV, FieldTCV and FieldCost are deals' money,
// in the deal's currency (a record without the value is left out);
// FieldDuration is an activity's duration in seconds (activities without
// one count as 0).
const (
	FieldNone     Field = iota // for AggregateCount
	FieldAmount                // deal amount
	FieldACV                   // deal annual contract value
	FieldTCV                   // deal total contract value
	FieldCost                  // deal cost
	FieldDuration              // activity duration, seconds
)

var fieldNames = [...]string{"", "amount", "acv", "tcv", "cost", "duration_seconds"}

// String returns "amount", "acv", "tcv", "cost", "duration_seconds", or ""
// for FieldNone.
func (f Field) String() string {
	if int(f) < len(fieldNames) {
		return fieldNames[f]
	}
	return fmt.Sprintf("Field(%d)", uint8(f))
}

// MarshalText writes String.
func (f Field) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (f *Field) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, FieldNone, FieldDuration, Field.MarshalText)
	if !ok {
		return fmt.Errorf("%w: field %q", ErrInvalidOptions, text)
	}
	*f = v
	return nil
}

func (f Field) money() bool { return f >= FieldAmount && f <= FieldCost }

// Measure is one number over a view and a period: the records of kind Of
// dated in the period (deals by Date, activities by when they were done)
// that pass Where, reduced by Agg over Field. The zero Agg counts.
type Measure struct {
	Of    RecordKind  `json:"of"`
	Where Filter      `json:"where"`
	Date  DealDate    `json:"date"`
	Agg   Aggregation `json:"agg"`
	Field Field       `json:"field,omitempty"`
}

// And returns the measure with f added to its filter: a ratio's numerator
// is often its denominator narrowed ("won" of "reached demo").
func (m Measure) And(f Filter) Measure {
	if m.Where.kind == fAll {
		m.Where = f
	} else {
		m.Where = And(m.Where, f)
	}
	return m
}

// Validate reports an unknown record kind, date, aggregation or field, a
// Field on an AggregateCount or none on the others, a field of the other kind of
// record, a date on activities, and an invalid filter or one for the
// other kind of record.
func (m Measure) Validate() error {
	switch {
	case m.Of != DealRecords && m.Of != ActivityRecords:
		return fmt.Errorf("%w: measure of %v (need deals or activities)", ErrInvalidOptions, m.Of)
	case m.Date > DealDateExpectedClose:
		return fmt.Errorf("%w: deal date %v", ErrInvalidOptions, m.Date)
	case m.Of == ActivityRecords && m.Date != DealDateCreated:
		return fmt.Errorf("%w: activities are dated by when they were done, not by %v", ErrInvalidOptions, m.Date)
	case m.Agg > AggregateMedian:
		return fmt.Errorf("%w: aggregation %v", ErrInvalidOptions, m.Agg)
	case int(m.Field) >= len(fieldNames):
		return fmt.Errorf("%w: field %v", ErrInvalidOptions, m.Field)
	case m.Agg == AggregateCount && m.Field != FieldNone:
		return fmt.Errorf("%w: a count reads no field (got %v)", ErrInvalidOptions, m.Field)
	case m.Agg != AggregateCount && m.Field == FieldNone:
		return fmt.Errorf("%w: a %v needs a field", ErrInvalidOptions, m.Agg)
	case m.Of == DealRecords && m.Field == FieldDuration, m.Of == ActivityRecords && m.Field.money():
		return fmt.Errorf("%w: %v have no field %v", ErrInvalidOptions, m.Of, m.Field)
	}
	return m.Where.validate(m.Of)
}

// String describes the measure: "sum of amount of deals closed in the
// period where status is won".
func (m Measure) String() string {
	var b strings.Builder
	b.WriteString(m.Agg.String())
	if m.Field != FieldNone {
		b.WriteString(" of " + m.Field.String())
	}
	b.WriteString(" of " + m.Of.String())
	if m.Of == DealRecords {
		b.WriteString(" " + m.Date.String() + " in the period")
	} else {
		b.WriteString(" done in the period")
	}
	if m.Where.kind != fAll {
		b.WriteString(" where " + m.Where.String())
	}
	return b.String()
}

// Metric is a KPI a host defines from building blocks, with a name, a unit
// and a description, computed as
//
//	Value                      the Value measure alone
//	Value / Per                a ratio, when Per is set
//	Value / working days       a rate per working day of the period in
//	                           Calendar, when PerWorkingDay is set
//
// MetricOf and MetricBy return it in the same shape as the built-in KPIs:
// a result carrying what it was computed from, groups in one pass, an
// undefined group marked with its reason.
type Metric struct {
	Name          string            `json:"name"`
	Unit          string            `json:"unit,omitempty"`
	Description   string            `json:"description,omitempty"`
	Value         Measure           `json:"value"`
	Per           *Measure          `json:"per,omitempty"`
	PerWorkingDay bool              `json:"per_working_day,omitempty"`
	Calendar      activity.Calendar `json:"-"`
}

// Validate reports a missing name, invalid measures, both Per and
// PerWorkingDay, and an invalid calendar for PerWorkingDay.
func (m Metric) Validate() error {
	if strings.TrimSpace(m.Name) == "" {
		return fmt.Errorf("%w: a metric needs a name", ErrInvalidOptions)
	}
	if err := m.Value.Validate(); err != nil {
		return fmt.Errorf("metric %q value: %w", m.Name, err)
	}
	if m.Per != nil {
		if err := m.Per.Validate(); err != nil {
			return fmt.Errorf("metric %q per: %w", m.Name, err)
		}
		if m.PerWorkingDay {
			return fmt.Errorf("%w: metric %q is either a ratio (Per) or a rate per working day, not both", ErrInvalidOptions, m.Name)
		}
	}
	if m.PerWorkingDay {
		if err := m.Calendar.Validate(); err != nil {
			return fmt.Errorf("metric %q: %w", m.Name, err)
		}
	}
	return nil
}

// Formula reads the metric's definition: "count of deals created in the
// period where segment is enterprise and reached demo and status is won /
// count of deals created in the period where segment is enterprise and
// reached demo".
func (m Metric) Formula() string {
	switch {
	case m.Per != nil:
		return m.Value.String() + " / " + m.Per.String()
	case m.PerWorkingDay:
		return m.Value.String() + " / working days in the period"
	}
	return m.Value.String()
}

// MetricValue is a host-defined metric's value with what it was computed
// from. Value is exact for counts, sums and medians, and for means, ratios
// and rates to 20 decimal places (Float is its float64). Numerator is the
// Value measure over Count records, Denominator the Per measure over
// PerCount records or the working days; Currency is the currency of a money
// measure ("" otherwise; with Per of money too, both must share it, and the
// ratio is a pure number). Where the metric is undefined (see
// MetricTally.Result) Value and Float are 0 and the error says why;
// Numerator and Denominator still hold what was counted.
type MetricValue struct {
	Name        string            `json:"name"`
	Unit        string            `json:"unit,omitempty"`
	Description string            `json:"description,omitempty"`
	Formula     string            `json:"formula"`
	Scope       string            `json:"scope"`
	Period      activity.Period   `json:"period"`
	Value       decimal.Decimal   `json:"value"`
	Float       float64           `json:"float"`
	Numerator   decimal.Decimal   `json:"numerator"`
	Count       int64             `json:"count"`
	Denominator decimal.Decimal   `json:"denominator"`
	PerCount    int64             `json:"per_count,omitempty"`
	WorkingDays int               `json:"working_days,omitempty"`
	Currency    activity.Currency `json:"currency,omitempty"`
}

// MarshalJSON writes the decimals as strings.
func (v MetricValue) MarshalJSON() ([]byte, error) {
	type plain MetricValue
	return dec.Marshal(plain(v))
}

// String reads as "demo-to-close (share), all, FY2025 Q1: 0.6667 = 2 / 3".
func (v MetricValue) String() string {
	unit := ""
	if v.Unit != "" {
		unit = " (" + v.Unit + ")"
	}
	short := func(x decimal.Decimal) string { return dec.Text(dec.Trim(x.Round(4))) }
	s := fmt.Sprintf("%s%s, %s, %s: %s", v.Name, unit, v.Scope, periodName(v.Period), short(v.Value))
	if !v.Denominator.IsZero() {
		s += " = " + short(v.Numerator) + " / " + short(v.Denominator)
	}
	if v.Currency != "" {
		s += " " + string(v.Currency)
	}
	return s
}

// MetricTally is the fold behind MetricOf and MetricBy for one metric:
// add each record's value to the numerator or the denominator (a count
// ignores the value), merge tallies of the same metric over parts of the
// data in any order, and take the Result. Its state is two counts, two
// exact sums and, for a median, every value (it grows with the records).
type MetricTally struct {
	metric   Metric
	num, den metricPart
}

type metricPart struct {
	n      int64
	median bool
	scale  int32
	sum    exact.Sum
	units  []int64           // median values at scale
	big    []decimal.Decimal // median values that do not fit
	cur    bookCurrencies
}

// NewMetricTally returns an empty tally of m, or m's error (see
// Metric.Validate).
func NewMetricTally(m Metric) (*MetricTally, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	t := newMetricTally(m, 0, 0)
	return &t, nil
}

func newMetricTally(m Metric, numScale, denScale int32) MetricTally {
	t := MetricTally{metric: m}
	t.num = metricPart{median: m.Value.Agg == AggregateMedian, scale: numScale, sum: exact.NewSum(numScale)}
	if m.Per != nil {
		t.den = metricPart{median: m.Per.Agg == AggregateMedian, scale: denScale, sum: exact.NewSum(denScale)}
	}
	return t
}

// Add adds one record to the numerator, or to the denominator when den is
// true: its value of the measure's field (ignored by a count) and, for
// money, its currency ("" otherwise).
func (t *MetricTally) Add(den bool, value decimal.Decimal, currency activity.Currency) {
	p := &t.num
	if den {
		p = &t.den
	}
	p.cur.bookSee(currency)
	p.n++
	p.sum.AddDecimal(value)
	if p.median {
		p.big = append(p.big, value)
	}
}

func (p *metricPart) addUnits(u int64) {
	p.n++
	p.sum.Add(u)
	if p.median {
		p.units = append(p.units, u)
	}
}

func (p *metricPart) addDecimal(x decimal.Decimal) {
	p.n++
	p.sum.AddDecimal(x)
	if p.median {
		p.big = append(p.big, x)
	}
}

// Merge adds o's records to t; o must be a tally of the same metric.
func (t *MetricTally) Merge(o *MetricTally) {
	t.num.merge(&o.num)
	t.den.merge(&o.den)
}

func (p *metricPart) merge(o *metricPart) {
	p.n += o.n
	p.cur.bookMerge(&o.cur)
	p.sum.Merge(&o.sum)
	if o.scale == p.scale || len(p.units) == 0 {
		if len(p.units) == 0 {
			p.scale = o.scale
		}
		p.units = append(p.units, o.units...)
	} else {
		for _, u := range o.units {
			p.big = append(p.big, decimal.New(u, -o.scale))
		}
	}
	p.big = append(p.big, o.big...)
}

// value reduces the part by agg.
func (p *metricPart) value(agg Aggregation) (decimal.Decimal, bool) {
	switch agg {
	case AggregateCount:
		return decimal.NewFromInt(p.n), true
	case AggregateSum:
		return p.sum.Decimal(), true
	case AggregateMean:
		if p.n == 0 {
			return decimal.Decimal{}, false
		}
		return p.sum.Decimal().DivRound(decimal.NewFromInt(p.n), ratioScale), true
	}
	n := len(p.units) + len(p.big)
	if n == 0 {
		return decimal.Decimal{}, false
	}
	xs := make([]decimal.Decimal, 0, n)
	for _, u := range p.units {
		xs = append(xs, decimal.New(u, -p.scale))
	}
	xs = append(xs, p.big...)
	slices.SortFunc(xs, func(a, b decimal.Decimal) int { return a.Cmp(b) })
	return quantileOf(n, func(i int) decimal.Decimal { return xs[i] }, q50), true
}

// Result returns the tally's metric for the scope and period named (p also
// gives the working days of a rate per working day). Errors: a mean or median of no record
// (ErrNoRecords); a ratio whose denominator is 0 or a period without a
// working day (ErrZeroDenominator); money in two currencies in one measure,
// or a money ratio across currencies (ErrMixedCurrencies). The result
// carries what was counted even then.
func (t *MetricTally) Result(scope string, p activity.Period) (MetricValue, error) {
	m := t.metric
	r := MetricValue{Name: m.Name, Unit: m.Unit, Description: m.Description, Formula: m.Formula(), Scope: scope, Period: p,
		Count: t.num.n, PerCount: t.den.n}
	if m.Name == "" {
		return r, fmt.Errorf("%w: a tally made without NewMetricTally", ErrInvalidOptions)
	}
	if err := t.num.cur.bookMixed(scope); err != nil {
		return r, err
	}
	if err := t.den.cur.bookMixed(scope); err != nil {
		return r, err
	}
	num, ok := t.num.value(m.Value.Agg)
	if !ok {
		return r, fmt.Errorf("%w: %s of no %v in %s, %s", ErrNoRecords, m.Value.Agg, m.Value.Of, scope, periodName(p))
	}
	r.Numerator = num
	if m.Value.Field.money() {
		r.Currency = t.num.cur.Currency
	}
	var den decimal.Decimal
	switch {
	case m.Per != nil:
		d, ok := t.den.value(m.Per.Agg)
		if !ok {
			return r, fmt.Errorf("%w: %s of no %v in %s, %s", ErrNoRecords, m.Per.Agg, m.Per.Of, scope, periodName(p))
		}
		if m.Per.Field.money() {
			c := t.den.cur.Currency
			if r.Currency != "" && c != "" && c != r.Currency {
				return r, fmt.Errorf("%w: %s over %s in %s", ErrMixedCurrencies, r.Currency, c, scope)
			}
			if r.Currency != "" {
				r.Currency = "" // money over money is a pure number
			}
		}
		den = d
	case m.PerWorkingDay:
		days, err := m.Calendar.WorkingDays(p.Start, p.End)
		if err != nil {
			return r, err
		}
		r.WorkingDays = days
		den = decimal.NewFromInt(int64(days))
	default:
		r.Value, r.Float = num, num.InexactFloat64()
		return r, nil
	}
	r.Denominator = den
	if den.IsZero() {
		return r, fmt.Errorf("%w: %s in %s, %s", ErrZeroDenominator, m.Name, scope, periodName(p))
	}
	r.Value = num.DivRound(den, ratioScale)
	r.Float = r.Value.InexactFloat64()
	return r, nil
}

// MetricOf returns the metric m over the view's records in p.
//
// Errors: an invalid period or metric (ErrInvalidOptions), a filter naming
// a stage outside the funnel (ErrInvalidOptions), and the errors of
// MetricTally.Result.
func MetricOf(v activity.View, p activity.Period, m Metric) (MetricValue, error) {
	if err := v.Err(); err != nil {
		return MetricValue{}, err
	}
	ts, _, err := metricPass(v, p, m, nil)
	if err != nil {
		return MetricValue{}, err
	}
	return ts[0].Result(v.Label(), p)
}

// MetricBy returns the metric m for every group of the view's records in
// one pass, in key order (periods in time order, each its own period for a
// rate per working day). Deals group by any Dimension; activities by Rep,
// Team (the activity's, else the roster's when it was done) or Period only.
// A group where the metric is undefined (no record for a mean, a zero
// denominator) carries the reason in Undefined; other errors fail the
// call. Groups no record reached are left out (periods are all listed).
func MetricBy(v activity.View, p activity.Period, by activity.By, m Metric) ([]activity.Group[MetricValue], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	g, err := newGrouper(v.Index(), by, p)
	if err != nil {
		return nil, err
	}
	acts := m.Value.Of == ActivityRecords || (m.Per != nil && m.Per.Of == ActivityRecords)
	if acts && by.Dimension != activity.DimensionRep && by.Dimension != activity.DimensionTeam && by.Dimension != activity.DimensionPeriod {
		return nil, fmt.Errorf("%w: activities group by rep, team or period, not %v", ErrInvalidOptions, by)
	}
	ts, seen, err := metricPass(v, p, m, g)
	if err != nil {
		return nil, err
	}
	var out []activity.Group[MetricValue]
	for _, i := range g.order(func(i int) bool { return seen[i] }) {
		r, err := ts[i].Result(g.scope(v, i), g.period(i, p))
		grp := activity.Group[MetricValue]{Key: g.names[i], Result: r}
		if err != nil {
			if !errors.Is(err, ErrNoRecords) && !errors.Is(err, ErrZeroDenominator) {
				return nil, err
			}
			grp.Undefined = err.Error()
		}
		out = append(out, grp)
	}
	if !by.Total {
		return out, nil
	}
	// A metric's records may fall outside every group (an activity in no
	// period of its grouping): the total takes a pass of its own.
	r, err := MetricOf(v, p, m)
	total := activity.Group[MetricValue]{Result: r, Total: true}
	if err != nil {
		if !errors.Is(err, ErrNoRecords) && !errors.Is(err, ErrZeroDenominator) {
			return nil, err
		}
		total.Undefined = err.Error()
	}
	return append(out, total), nil
}

// metricRun holds the tallies of a pass, one per group, growing as
// attribute groups are met.
type metricRun struct {
	m                  Metric
	numScale, denScale int32
	ts                 []MetricTally
	seen               []bool
}

func (run *metricRun) part(gi int, den bool) *metricPart {
	for gi >= len(run.ts) {
		run.ts = append(run.ts, newMetricTally(run.m, run.numScale, run.denScale))
		run.seen = append(run.seen, false)
	}
	run.seen[gi] = true
	if den {
		return &run.ts[gi].den
	}
	return &run.ts[gi].num
}

// metricPass runs the measures of m over the view: one tally per group of
// g, or one in all when g is nil, and which groups a record reached.
func metricPass(v activity.View, p activity.Period, m Metric, g *grouper) ([]MetricTally, []bool, error) {
	if err := checkPeriod(p); err != nil {
		return nil, nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	ix := v.Index()
	run := &metricRun{m: m, numScale: measureScale(ix, m.Value)}
	if m.Per != nil {
		run.denScale = measureScale(ix, *m.Per)
	}
	n := 1
	if g != nil {
		n = g.size()
	}
	for range n {
		run.ts = append(run.ts, newMetricTally(m, run.numScale, run.denScale))
		run.seen = append(run.seen, false)
	}
	if err := measurePass(v, p, m.Value, g, run, false); err != nil {
		return nil, nil, err
	}
	if m.Per != nil {
		if err := measurePass(v, p, *m.Per, g, run, true); err != nil {
			return nil, nil, err
		}
	}
	return run.ts, run.seen, nil
}

// dealColumn returns the deal column a money field reads.
func dealColumn(d *ixcols.Deals, f Field) *ixcols.Decimals {
	switch f {
	case FieldAmount:
		return &d.Amount
	case FieldACV:
		return &d.ACV
	case FieldTCV:
		return &d.TCV
	case FieldCost:
		return &d.Cost
	}
	return nil
}

// measureScale is the scale of the units a measure adds: the money
// column's, 9 for durations in seconds from nanoseconds, 0 for counts.
func measureScale(ix *activity.Index, ms Measure) int32 {
	if ms.Field == FieldDuration {
		return 9
	}
	if col := dealColumn(ixcols.DealsOf(ix), ms.Field); col != nil {
		_, scale := col.Units()
		return scale
	}
	return 0
}

// measurePass adds the records of one measure to the tallies.
func measurePass(v activity.View, p activity.Period, ms Measure, g *grouper, run *metricRun, den bool) error {
	ix := v.Index()
	keep, err := ms.Where.compile(ix, ms.Of)
	if err != nil {
		return err
	}
	in := spanOf(p)
	if ms.Of == ActivityRecords {
		a := ixcols.ActivitiesOf(ix)
		for _, r := range v.ActivityRows() {
			at := a.At[r]
			if !in.has(at) || !keep(int(r)) {
				continue
			}
			gi := 0
			if g != nil {
				if gi = activityGroup(g, a, r, at); gi < 0 {
					continue
				}
			}
			pt := run.part(gi, den)
			if ms.Field == FieldDuration {
				pt.addUnits(a.Duration.At(int(r)))
			} else {
				pt.n++
			}
		}
		return nil
	}
	d := ixcols.DealsOf(ix)
	col := dealColumn(d, ms.Field)
	var units []int64
	if col != nil {
		units, _ = col.Units()
	}
	for _, r := range v.DealRows() {
		var at int64
		switch ms.Date {
		case DealDateCreated:
			at = d.Created[r]
		case DealDateClosed:
			if !d.Status[r].Closed() {
				continue
			}
			at = d.Closed[r]
		case DealDateExpectedClose:
			at = d.ExpectedClose[r]
			if at == 0 {
				continue
			}
		}
		if !in.has(at) || !keep(int(r)) || (col != nil && !col.Present(int(r))) {
			continue
		}
		gi := 0
		if g != nil {
			if gi = g.of(r, at); gi < 0 {
				continue
			}
		}
		pt := run.part(gi, den)
		if col == nil {
			pt.n++
			continue
		}
		pt.cur.bookSee(activity.Currency(ix.Currencies().Name(d.Currency[r])))
		if u := units[r]; u != exact.Marker {
			pt.addUnits(u)
		} else {
			x, _ := col.At(int(r))
			pt.addDecimal(x)
		}
	}
	return nil
}

// activityGroup returns the group of activity row r done at at, or −1 when
// a period breakdown has no period holding at. MetricBy has checked that
// the grouping is by rep, team or period.
func activityGroup(g *grouper, a *ixcols.Activities, r int32, at int64) int {
	switch g.by.Dimension {
	case activity.DimensionRep:
		return int(a.Rep[r]) + 1
	case activity.DimensionTeam:
		return int(a.Team[r]) + 1
	}
	return g.of(-1, at)
}
