package crm

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
)

// Table is the kind of record a layout's rows become.
type Table uint8

// Tables.
const (
	UnknownTable Table = iota
	Deals              // one row per deal (and its stage-entered dates)
	StageChanges       // one row per stage change (or per field change)
	Activities         // one row per call, email, meeting, task
	Reps               // the roster: one row per rep (or per assignment)
	Quotas             // one row per rep's or team's target for a period
	Rates              // one row per exchange rate
)

var tableNames = [...]string{"unknown", "deals", "stage_changes", "activities", "reps", "quotas", "rates"}

// String returns the JSON name: "deals", "stage_changes", "activities",
// "reps", "quotas", "rates" or "unknown".
func (t Table) String() string {
	if int(t) < len(tableNames) {
		return tableNames[t]
	}
	return fmt.Sprintf("Table(%d)", uint8(t))
}

// MarshalText writes the JSON name.
func (t Table) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads a JSON name.
func (t *Table) UnmarshalText(b []byte) error {
	if v, ok := enumtext.Parse(b, Deals, Rates, Table.MarshalText); ok {
		*t = v
		return nil
	}
	return fmt.Errorf("%w: table %q (want deals, stage_changes, activities, reps, quotas or rates)", ErrInvalidLayout, b)
}

// fields are the record fields a column can feed, by table: activity's JSON
// names, and a few an export needs to derive them (is_closed, is_won,
// pipeline; a field history's field column; an activity's end time).
var fields = map[Table][]string{
	Deals: {"id", "name", "owner", "team", "territory", "account", "source", "segment", "amount", "currency",
		"acv", "tcv", "term_months", "cost", "stage", "status", "is_closed", "is_won", "pipeline", "created_at",
		"expected_close_at", "closed_at", "probability", "forecast_category", "loss_reason"},
	StageChanges: {"deal", "from", "to", "at", "field"},
	Activities:   {"id", "rep", "team", "kind", "at", "end", "deal", "account", "outcome", "duration"},
	Reps:         {"id", "name", "team", "manager", "territory", "hired_at", "left_at", "from", "until"},
	Quotas:       {"rep", "team", "metric", "start", "end", "amount", "currency", "count"},
	Rates:        {"from", "to", "on", "rate"},
}

// required are the fields every layout of a table must have a column for.
var required = map[Table][]string{
	Deals:        {"id", "owner", "amount", "stage", "created_at"},
	StageChanges: {"deal", "to", "at"},
	Activities:   {"rep", "at"},
	Reps:         {"id"},
	Quotas:       {"start", "end"},
	Rates:        {"from", "to", "on", "rate"},
}

// DurationUnit is how an activity's duration column is written.
type DurationUnit string

// Duration units.
const (
	Seconds      DurationUnit = "seconds" // the default
	Minutes      DurationUnit = "minutes"
	Milliseconds DurationUnit = "milliseconds"
	Clock        DurationUnit = "clock" // [h:]mm:ss
)

// Names is the header (or headers: exports name one field differently over
// versions and languages) a field's column may have. Headers match without
// regard to case or surrounding spaces. In JSON it is a string or a list.
type Names []string

// UnmarshalJSON reads a string or a list of strings.
func (n *Names) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*n = Names{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("%w: a column is a header or a list of headers: %v", ErrInvalidLayout, err)
	}
	*n = many
	return nil
}

// StageRule says what one of the CRM's stages is: the values an export
// writes for it (its label and its internal id, say), the stage name the
// records carry, whether a deal in it is open, won or lost, and its default
// probability.
type StageRule struct {
	// Values are the cell texts that mean this stage, matched without regard
	// to case or surrounding spaces.
	Values []string `json:"values"`
	// Stage is the name records carry. Empty: the first of Values.
	Stage activity.Stage `json:"stage,omitempty"`
	// Status is open, won or lost; required.
	Status activity.Status `json:"status"`
	// Probability is the stage's default win probability, a fraction;
	// absent leaves its deals unweighted unless they carry their own.
	Probability activity.Optional[decimal.Decimal] `json:"probability,omitzero"`
	// Pipeline is the pipeline the stage belongs to, where the CRM has
	// several (HubSpot); only stage-entered columns use it.
	Pipeline string `json:"pipeline,omitempty"`
}

// name returns the stage name records carry.
func (r StageRule) name() activity.Stage {
	if r.Stage != "" {
		return r.Stage
	}
	if len(r.Values) > 0 {
		return activity.Stage(r.Values[0])
	}
	return ""
}

// Layout says how the rows of one export become records: which column holds
// which field, how the export writes dates and numbers, and what its stage,
// activity type and forecast category values mean. The built-in layouts
// (Builtin) describe the common CRMs' exports; a layout written in JSON
// (ParseLayout) describes any other, or extends a built-in one.
//
// In JSON (all fields optional but name, table and columns):
//
//	{"name": "acme-deals", "table": "deals",
//	 "columns": {"id": "Deal #", "owner": ["Owner", "Rep"], "amount": "Value",
//	             "stage": "Phase", "created_at": "Opened", "closed_at": "Closed"},
//	 "attributes": {"region": "Region"},
//	 "stages": [{"values": ["New"], "status": "open", "probability": "0.1"},
//	            {"values": ["Signed"], "stage": "closed_won", "status": "won"},
//	            {"values": ["Dead"], "stage": "closed_lost", "status": "lost"}],
//	 "dates": ["D.M.YYYY"], "times": ["D.M.YYYY HH:mm"], "decimal_comma": true,
//	 "time_zone": "Europe/Berlin", "currency": "EUR"}
type Layout struct {
	// Name identifies the layout in messages and in Extends.
	Name string `json:"name"`
	// Extends names a built-in layout this one starts from; ParseLayout
	// merges the two, this layout's columns, attributes, stages and maps
	// adding to or replacing the base's, its other fields replacing the
	// base's where written (a flag written false turns the base's off).
	Extends string `json:"extends,omitempty"`
	// Table is the kind of record each row becomes.
	Table Table `json:"table"`
	// Columns maps a record field (activity's JSON name: "id", "owner",
	// "amount", "closed_at" ...; see Fields) to its header.
	Columns map[string]Names `json:"columns"`
	// Attributes maps a deal attribute's name to the column it is read
	// from; empty cells leave the attribute out.
	Attributes map[string]Names `json:"attributes,omitempty"`
	// StageEntered are the header patterns of columns that hold the time a
	// deal entered a stage, with {stage} and optionally {pipeline} standing
	// for the stage's value and pipeline: HubSpot's
	// `Date entered "{stage} ({pipeline})"`. Each such cell becomes a stage
	// change into that stage. The first pattern that some header matches
	// is used, the others not (HubSpot exports its current and its legacy
	// columns side by side: reading both would count each change twice).
	StageEntered Names `json:"stage_entered,omitempty"`
	// HistoryFields are the values of a field-history export's field
	// column that mean the stage ("StageName"); other rows are left out.
	HistoryFields []string `json:"history_fields,omitempty"`
	// Stages are the CRM's stages. Empty: any stage is taken as written,
	// its status from the is_closed and is_won or status columns. Otherwise
	// a stage not listed is an error unless those columns say its status.
	Stages []StageRule `json:"stages,omitempty"`
	// DealPrefix, where set, is how deal ids begin in an activity export's
	// deal column: a link to another record (Salesforce's WhatId may name
	// an account; opportunity ids begin "006") links no deal.
	DealPrefix string `json:"deal_prefix,omitempty"`
	// SalesforceIDs says the export holds Salesforce record ids, which
	// reports write in 15 case-sensitive characters and the API, Data
	// Loader and the Data Export service in 18 (the 15 and a case-safe
	// suffix): "all" turns every 15-character id of the id, owner, rep,
	// deal and account columns into its 18-character form, so that a
	// report and an object export name a record alike; "users" does so only
	// for user ids (beginning 005), for a roster or quota sheet that may
	// hold them beside other names. Empty: ids as written.
	SalesforceIDs string `json:"salesforce_ids,omitempty"`
	// ListSeparator, where set, separates several ids in an activity's
	// deal or account cell (HubSpot writes "123;456" for an activity
	// associated with two deals): the first is taken, as an activity
	// links one deal.
	ListSeparator string `json:"list_separator,omitempty"`
	// Signature are headers (each one of several names) an export must have
	// for Detect to take it as this layout, beyond the required fields'
	// columns: what tells a task export from an event export.
	Signature []Names `json:"signature,omitempty"`
	// Kind is the activity kind of every row when there is no kind column
	// (an export of calls alone).
	Kind activity.Kind `json:"kind,omitempty"`
	// Kinds maps the CRM's activity types to kinds; a type not listed is
	// taken as written, in lower case.
	Kinds map[string]activity.Kind `json:"kinds,omitempty"`
	// Outcomes maps the CRM's activity outcomes; one not listed is taken as
	// written.
	Outcomes map[string]activity.Outcome `json:"outcomes,omitempty"`
	// ForecastCategories maps the CRM's forecast categories ("Best Case",
	// "BestCase") to activity's ("best_case"); activity's own names are
	// always accepted. An unknown category is an error.
	ForecastCategories map[string]activity.ForecastCategory `json:"forecast_categories,omitempty"`
	// Dates are the patterns of day-only cells, tried in order, written
	// with YYYY, MM, M, DD, D (one or two digits), MMM (Jan), and any other
	// character as itself: "M/D/YYYY". RFC 3339 days (2025-03-04) are
	// always read.
	Dates []string `json:"dates,omitempty"`
	// Times are the patterns of cells with a time of day, as Dates plus HH
	// or H (0-23), hh or h (1-12) with A (AM/PM) or a (am/pm), mm, ss, SSS:
	// "M/D/YYYY h:mm A". RFC 3339 and epoch milliseconds (12 digits or
	// more) are always read.
	Times []string `json:"times,omitempty"`
	// DecimalComma says numbers are written 1.234,50 (European locales).
	DecimalComma bool `json:"decimal_comma,omitempty"`
	// Percent says probabilities are written 0 to 100 ("25" is 25%, "0.25"
	// a quarter of a percent); a trailing % always means percent.
	Percent bool `json:"percent,omitempty"`
	// Duration is the unit of the duration column. Default seconds.
	Duration DurationUnit `json:"duration,omitempty"`
	// TimeZone is the IANA zone (the CRM org's) that times without an
	// offset and days are read in. Empty: UTC, unless Options.Location.
	TimeZone string `json:"time_zone,omitempty"`
	// Currency is the currency of amounts whose row names none. Empty:
	// every row must name its currency (a column or a code in the cell),
	// unless Options.Currency.
	Currency activity.Currency `json:"currency,omitempty"`
	// Footer says the export may end with footer lines (Salesforce report
	// exports end with a blank line, the report's totals and a
	// confidentiality and copyright notice): from the first row of a single
	// cell, the rest is not data.
	Footer bool `json:"footer,omitempty"`
}

// Fields returns the record fields a column can feed in a table's layout,
// and which of them a layout must have a column for.
func Fields(t Table) (all, needed []string) {
	return slices.Clone(fields[t]), slices.Clone(required[t])
}

// ParseLayout reads a layout from JSON, merges it into the built-in layout
// it extends, and validates it. Unknown JSON keys are an error, so a typo
// never silently drops a column.
func ParseLayout(b []byte) (*Layout, error) {
	var l Layout
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.DisallowUnknownFields()
	if err := d.Decode(&l); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidLayout, err)
	}
	if l.Extends != "" {
		base := Builtin(l.Extends)
		if base == nil {
			return nil, fmt.Errorf("%w: %q extends %q, which is not a built-in layout", ErrInvalidLayout, l.Name, l.Extends)
		}
		if l.Table == UnknownTable {
			l.Table = base.Table
		}
		var keys map[string]json.RawMessage
		_ = json.Unmarshal(b, &keys) // it decoded as a Layout above
		l = merge(*base, l, keys)
	}
	if err := l.Validate(); err != nil {
		return nil, err
	}
	return &l, nil
}

// merge lays over on base; keys are the JSON keys over was written with,
// so that a flag written false turns the base's off.
func merge(base, over Layout, keys map[string]json.RawMessage) Layout {
	out := base
	out.Name, out.Extends = over.Name, over.Extends
	out.Columns = mergeMap(base.Columns, over.Columns)
	out.Attributes = mergeMap(base.Attributes, over.Attributes)
	out.Kinds = mergeMap(base.Kinds, over.Kinds)
	out.Outcomes = mergeMap(base.Outcomes, over.Outcomes)
	out.ForecastCategories = mergeMap(base.ForecastCategories, over.ForecastCategories)
	if len(over.Stages) > 0 {
		// The extension's stages come first, so they win a value both name.
		out.Stages = append(slices.Clone(over.Stages), base.Stages...)
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	if len(over.StageEntered) > 0 {
		out.StageEntered = over.StageEntered
	}
	set(&out.DealPrefix, over.DealPrefix)
	set(&out.ListSeparator, over.ListSeparator)
	set(&out.SalesforceIDs, over.SalesforceIDs)
	if len(over.Signature) > 0 {
		out.Signature = over.Signature
	}
	set(&out.TimeZone, over.TimeZone)
	set((*string)(&out.Currency), string(over.Currency))
	set((*string)(&out.Kind), string(over.Kind))
	set((*string)(&out.Duration), string(over.Duration))
	if over.Table != UnknownTable {
		out.Table = over.Table
	}
	if len(over.HistoryFields) > 0 {
		out.HistoryFields = over.HistoryFields
	}
	if len(over.Dates) > 0 {
		out.Dates = over.Dates
	}
	if len(over.Times) > 0 {
		out.Times = over.Times
	}
	flag := func(dst *bool, key string, v bool) {
		if _, ok := keys[key]; ok {
			*dst = v
		}
	}
	flag(&out.DecimalComma, "decimal_comma", over.DecimalComma)
	flag(&out.Percent, "percent", over.Percent)
	flag(&out.Footer, "footer", over.Footer)
	return out
}

func mergeMap[V any](base, over map[string]V) map[string]V {
	if len(base) == 0 && len(over) == 0 {
		return nil
	}
	out := make(map[string]V, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// Validate reports an unknown table or field, a required field without a
// column, a stage rule without values or a valid status, a bad date
// pattern, an unknown zone, duration unit or currency.
func (l *Layout) Validate() error {
	_, err := l.compile()
	return err
}

// Funnel returns the funnel of the layout's stages: each stage once, in
// order, open stages first, then won, then lost, with its default
// probability. A layout without stages (or without a won and a lost one)
// gives the zero Funnel, which accepts any stage.
func (l *Layout) Funnel() activity.Funnel {
	var f activity.Funnel
	seen := map[activity.Stage]bool{}
	for _, status := range [...]activity.Status{activity.StatusOpen, activity.StatusWon, activity.StatusLost} {
		for _, r := range l.Stages {
			if r.Status != status || seen[r.name()] {
				continue
			}
			seen[r.name()] = true
			st := activity.FunnelStage{Stage: r.name(), Won: status == activity.StatusWon, Lost: status == activity.StatusLost}
			if p, ok := r.Probability.Get(); ok {
				st.Probability = activity.Some(p)
			}
			f.Stages = append(f.Stages, st)
		}
	}
	if f.Validate() != nil {
		return activity.Funnel{}
	}
	return f
}

// compiled is a layout made ready to read rows: lookups keyed by lower-case
// text, patterns turned into Go layouts, the zone loaded.
type compiled struct {
	*Layout
	stages     map[string]int // value -> index into Stages
	kinds      map[string]activity.Kind
	outcomes   map[string]activity.Outcome
	categories map[string]activity.ForecastCategory
	history    map[string]bool
	times      timeReader
	entered    []enteredPattern
}

// enteredPattern is a StageEntered pattern split around {stage} and
// {pipeline}.
type enteredPattern struct {
	pre, mid, suf string
	withPipe      bool
}

func (l *Layout) compile() (*compiled, error) {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%w: layout %q: "+format, append([]any{ErrInvalidLayout, l.Name}, a...)...))
	}
	known, ok := fields[l.Table]
	if !ok {
		bad("table %v", l.Table)
	}
	for f, names := range l.Columns {
		if !slices.Contains(known, f) {
			bad("%s has no field %q (its fields: %s)", l.Table, f, strings.Join(known, ", "))
		}
		if len(names) == 0 || slices.Contains(names, "") {
			bad("field %q has an empty header", f)
		}
	}
	for _, f := range required[l.Table] {
		if _, ok := l.Columns[f]; !ok && !(l.Table == Deals && f == "stage" && len(l.StageEntered) > 0) &&
			!(l.Table == Activities && f == "kind") {
			bad("a %s layout needs a column for %q", l.Table, f)
		}
	}
	if l.Table == Activities && l.Kind == "" {
		if _, ok := l.Columns["kind"]; !ok {
			bad("an activities layout needs a kind column or a kind")
		}
	}
	if len(l.Attributes) > 0 && l.Table != Deals {
		bad("only deals have attributes")
	}
	c := &compiled{Layout: l, stages: map[string]int{}, kinds: map[string]activity.Kind{},
		outcomes: map[string]activity.Outcome{}, categories: map[string]activity.ForecastCategory{}, history: map[string]bool{}}
	for i, r := range l.Stages {
		if len(r.Values) == 0 {
			bad("stages[%d] has no values", i)
		}
		if !r.Status.Closed() && r.Status != activity.StatusOpen {
			bad("stages[%d] %q has no status (open, won or lost)", i, r.name())
		}
		if p, ok := r.Probability.Get(); ok && (p.Sign() < 0 || p.GreaterThan(decimal.NewFromInt(1))) {
			bad("stages[%d] %q probability outside [0, 1]", i, r.name())
		}
		for _, v := range r.Values {
			k := fold(v)
			if _, dup := c.stages[k]; !dup {
				c.stages[k] = i
			}
		}
	}
	for k, v := range l.Kinds {
		c.kinds[fold(k)] = v
	}
	for k, v := range l.Outcomes {
		c.outcomes[fold(k)] = v
	}
	for k, v := range l.ForecastCategories {
		c.categories[fold(k)] = v
	}
	for _, f := range l.HistoryFields {
		c.history[fold(f)] = true
	}
	switch l.SalesforceIDs {
	case "", "all", "users":
	default:
		bad("salesforce_ids %q (want all or users)", l.SalesforceIDs)
	}
	switch l.Duration {
	case "", Seconds, Minutes, Milliseconds, Clock:
	default:
		bad("duration unit %q (want seconds, minutes, milliseconds or clock)", l.Duration)
	}
	if l.Currency != "" {
		if err := l.Currency.Validate(); err != nil {
			bad("currency: %v", err)
		}
	}
	c.times.loc = time.UTC
	if l.TimeZone != "" {
		loc, err := time.LoadLocation(l.TimeZone)
		if err != nil {
			bad("time zone: %v", err)
		} else {
			c.times.loc = loc
		}
	}
	for _, p := range l.Dates {
		g, err := goLayout(p)
		switch {
		case err != nil:
			errs = append(errs, err)
		case hasClock(g):
			bad("date pattern %q has a time of day; put it in times", p)
		default:
			c.times.dates = append(c.times.dates, g)
			c.times.forms = append(c.times.forms, p)
		}
	}
	for _, p := range l.Times {
		g, err := goLayout(p)
		switch {
		case err != nil:
			errs = append(errs, err)
		case !hasClock(g):
			bad("time pattern %q has no time of day; put it in dates", p)
		default:
			c.times.times = append(c.times.times, g)
			c.times.forms = append(c.times.forms, p)
		}
	}
	for _, e := range l.StageEntered {
		pre, rest, ok := strings.Cut(e, "{stage}")
		if !ok || l.Table != Deals {
			bad("stage_entered %q needs {stage} and a deals table", e)
			continue
		}
		p := enteredPattern{pre: pre, suf: rest}
		if mid, suf, ok := strings.Cut(rest, "{pipeline}"); ok {
			p.mid, p.suf, p.withPipe = mid, suf, true
		}
		c.entered = append(c.entered, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// fold is the form lookups compare: trimmed, lower case.
func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
