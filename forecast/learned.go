package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/performance"
)

// Probabilities returns the learned win probability of each deal of v open
// at asOf, by deal id: the rate of the stage the deal was in at asOf for
// the deal's group (its team, source or segment, as r.By says; the
// company-wide rate where the group fell back or was not seen in training),
// as StageRates.Probability gives it. The rates are exact decimals (won /
// reached to 20 places), ready to weight money or to pass as
// OutcomeOptions.Probabilities.
//
// A deal is open at asOf when it was created at or before asOf and is open
// now or closed after asOf; its stage then is the To of its last stage
// change at or before asOf, else the stage it was created in (its first
// change's From; with no history, its current stage). The zero asOf takes
// the deals open now in their current stage. A deal whose stage at asOf is
// unknown, or has no defined rate, is left out.
func (r StageRates) Probabilities(v activity.View, asOf time.Time) map[string]decimal.Decimal {
	ix := v.Index()
	type lpGroupStage struct {
		group string
		stage activity.Stage
	}
	rates := make(map[lpGroupStage]decimal.Decimal, len(r.Rates))
	for _, x := range r.Rates {
		if x.Defined {
			rates[lpGroupStage{x.Group, x.Stage}] = x.Rate
		}
	}
	d := ixcols.DealsOf(ix)
	at := ixcols.Nanos(asOf)
	out := make(map[string]decimal.Decimal)
	for _, row := range v.DealRows() {
		st, ok := lpStageAt(ix, row, at)
		if !ok {
			continue
		}
		stage := activity.Stage(ix.Stages().Name(st))
		var group string
		switch r.By {
		case activity.DimensionTeam:
			group = ix.Teams().Name(d.Team[row])
		case activity.DimensionSource:
			group = ix.Sources().Name(d.Source[row])
		case activity.DimensionSegment:
			group = ix.Segments().Name(d.Segment[row])
		}
		p, ok := rates[lpGroupStage{group, stage}]
		if !ok && group != "" {
			p, ok = rates[lpGroupStage{"", stage}]
		}
		if ok {
			out[d.ID.At(int(row))] = p
		}
	}
	return out
}

// lpStageAt returns the open stage deal row was in at (Unix nanoseconds;
// NoTime: now), and whether the deal was open then in a known open stage.
func lpStageAt(ix *activity.Index, row int32, at int64) (activity.Key, bool) {
	d, sc := ixcols.DealsOf(ix), ixcols.StageChangesOf(ix)
	st := d.Stage[row]
	if at == ixcols.NoTime {
		if d.Status[row] != activity.StatusOpen {
			return activity.NoKey, false
		}
	} else {
		switch {
		case d.Created[row] > at:
			return activity.NoKey, false
		case d.Status[row] == activity.StatusOpen && d.Closed[row] == ixcols.NoTime:
		case d.Status[row].Closed() && d.Closed[row] != ixcols.NoTime && d.Closed[row] > at:
		default:
			return activity.NoKey, false
		}
		lo, hi := sc.Of(row)
		if hi > lo {
			st = sc.From[lo]
			for i := lo; i < hi && sc.At[i] <= at; i++ {
				st = sc.To[i]
			}
		}
	}
	if st == activity.NoKey || ix.StageWon(st) || ix.StageLost(st) {
		return activity.NoKey, false
	}
	return st, true
}

// DefaultSmoothing is the count WinModelOptions adds to every won and lost
// frequency by default: 0.1, as Odoo's predictive lead scoring does ("should
// be +1 but it weights too much on small recordset", crm_lead.py).
const DefaultSmoothing = 0.1

// WinModelOptions says what a naive-Bayes win model learns from. The zero
// value needs Training or AsOf; it learns stage, source and segment over
// all teams together with Odoo's smoothing of 0.1.
type WinModelOptions struct {
	// Training is the period whose closed deals (won or lost in it) are the
	// history. Give Training or AsOf, not both.
	Training activity.Period
	// AsOf, when Training is zero, takes every deal closed before it.
	AsOf time.Time
	// Fields are the deal fields the model reads, each one factor: "stage"
	// (the open stages the deal reached, see FitWinModel), "team", "owner",
	// "territory", "source", "segment", or "attributes.KEY" for the host
	// attribute KEY. A deal without a value for a field (empty) is not
	// counted for it, nor scored on it. Nil means stage, source, segment.
	Fields []string
	// Smoothing is the count added to every won and lost frequency so that
	// a value never seen won (or lost) does not zero the product; it must
	// be in (0, 10^6]. Zero means DefaultSmoothing (0.1, Odoo's).
	Smoothing float64
	// ByTeam learns one table per team (the index's team of each deal), as
	// Odoo does, and scores a deal with its team's table; a deal with no
	// team, or of a team with no closed deal in training, is scored with
	// the company-wide table, which adds up every team's smoothed counts
	// (the no-team deals' too). False learns one table from all deals.
	ByTeam bool
	// WonStages lists the funnel's won stages in the stage field too, as
	// Odoo's frequency table does: each won deal under the won stage it
	// closed in, no lost deal. An open deal is never in one, so scores do
	// not change; the table reads as Odoo's. False: open stages only.
	WonStages bool
}

// lpFieldKind says where a model field's value comes from.
type lpFieldKind uint8

const (
	lpStage lpFieldKind = iota
	lpTeam
	lpOwner
	lpTerritory
	lpSource
	lpSegment
	lpAttribute
)

type lpField struct {
	kind lpFieldKind
	attr string
}

const lpAttrPrefix = "attributes."

func lpParseField(s string) (lpField, bool) {
	switch s {
	case "stage":
		return lpField{kind: lpStage}, true
	case "team":
		return lpField{kind: lpTeam}, true
	case "owner":
		return lpField{kind: lpOwner}, true
	case "territory":
		return lpField{kind: lpTerritory}, true
	case "source":
		return lpField{kind: lpSource}, true
	case "segment":
		return lpField{kind: lpSegment}, true
	}
	if k, ok := strings.CutPrefix(s, lpAttrPrefix); ok && k != "" {
		return lpField{kind: lpAttribute, attr: k}, true
	}
	return lpField{}, false
}

func (o WinModelOptions) fields() []string {
	if o.Fields == nil {
		return []string{"stage", "source", "segment"}
	}
	return o.Fields
}

func (o WinModelOptions) smoothing() float64 {
	if o.Smoothing == 0 {
		return DefaultSmoothing
	}
	return o.Smoothing
}

// Validate reports options out of range, each wrapping ErrInvalidOptions:
// neither or both of Training and AsOf, an invalid Training period, an
// empty (non-nil) or repeated field list, an unknown field, a Smoothing
// outside (0, 10^6].
func (o WinModelOptions) Validate() error {
	training := !o.Training.Start.IsZero() || !o.Training.End.IsZero()
	switch {
	case !training && o.AsOf.IsZero():
		return fmt.Errorf("%w: a win model needs Training or AsOf", ErrInvalidOptions)
	case training && !o.AsOf.IsZero():
		return fmt.Errorf("%w: a win model takes Training or AsOf, not both", ErrInvalidOptions)
	case training:
		if err := o.Training.Validate(); err != nil {
			return fmt.Errorf("%w: training: %w", ErrInvalidOptions, err)
		}
	}
	if o.Fields != nil && len(o.Fields) == 0 {
		return fmt.Errorf("%w: a win model needs at least one field", ErrInvalidOptions)
	}
	for i, f := range o.Fields {
		if _, ok := lpParseField(f); !ok {
			return fmt.Errorf("%w: unknown field %q (want stage, team, owner, territory, source, segment or attributes.KEY)", ErrInvalidOptions, f)
		}
		if slices.Contains(o.Fields[:i], f) {
			return fmt.Errorf("%w: field %q given twice", ErrInvalidOptions, f)
		}
	}
	if s := o.Smoothing; !(s >= 0 && s <= 1e6) {
		return fmt.Errorf("%w: smoothing %v outside (0, 1e6]", ErrInvalidOptions, s)
	}
	return nil
}

// WinValue is one value of a field in a win table: the closed deals with
// that value that were won and lost (for the stage, that reached it) and
// how many teams' tables added up to it (each brings one Smoothing to each
// count), so that
//
//	P(value | won)  = (Won + s × Teams) / (field's Won + s × field's Teams)
//
// and likewise for lost, s being the model's Smoothing.
type WinValue struct {
	Value string `json:"value"`
	Won   int64  `json:"won"`
	Lost  int64  `json:"lost"`
	Teams int    `json:"teams"`
}

// WinField is one field of a win table: its values (stages in funnel
// order, others by name) and their totals, the denominators of the field's
// factors. For the stage the totals are the table's own Won, Lost and
// Teams, since a deal reaches several stages.
type WinField struct {
	Field  string     `json:"field"`
	Won    int64      `json:"won"`
	Lost   int64      `json:"lost"`
	Teams  int        `json:"teams"`
	Values []WinValue `json:"values"`
}

// WinTable is the frequency table of one team's closed deals, or of the
// company's (Team ""): Won and Lost deals, Teams the number of teams whose
// smoothed counts add up in it (1 for a team's own table and for a model
// without ByTeam), and each field's values. It is Odoo's
// crm.lead.scoring.frequency for one team, with the smoothing kept apart
// so that the counts stay whole.
type WinTable struct {
	Team   string     `json:"team"`
	Won    int64      `json:"won"`
	Lost   int64      `json:"lost"`
	Teams  int        `json:"teams"`
	Fields []WinField `json:"fields"`
}

// WinModel is a naive-Bayes win model learned from closed deals, the
// predictive lead scoring of Odoo's CRM (crm.lead's
// _pls_get_naive_bayes_probabilities) in this library's terms. For a deal
// with values v₁ … vₙ of the model's fields, scored with table T:
//
//	S(won)  = P(won)  × Π P(vᵢ | won)
//	S(lost) = P(lost) × Π P(vᵢ | lost)
//	P       = S(won) / (S(won) + S(lost))
//
//	P(won)  = (T.Won + s·T.Teams) / (T.Won + T.Lost + 2·s·T.Teams)
//
// with P(vᵢ | ·) as WinValue gives it. A value the table has not seen, and
// a field the deal has no value for, is skipped (factor 1). The products
// are taken as sums of logarithms, so many fields never underflow; P is a
// float64 estimate in [0, 1].
//
// Tables holds the company-wide table first (Team ""), then, with ByTeam,
// one per team with closed deals in training, by team name.
//
// Source: Odoo's crm module (addons/crm/models/crm_lead.py). With ByTeam
// and the default smoothing this reproduces the probabilities of Odoo's own
// test of the feature (addons/crm/tests/test_crm_pls.py,
// test_predictive_lead_scoring: 33.49%, 7.74%, 35.09% and, its leads
// without a team, 35.19%); see FitWinModel for how Odoo's rules map.
type WinModel struct {
	Training  activity.Period `json:"training,omitzero"`
	AsOf      time.Time       `json:"as_of,omitzero"`
	Fields    []string        `json:"fields"`
	Smoothing float64         `json:"smoothing"`
	ByTeam    bool            `json:"by_team"`
	Tables    []WinTable      `json:"tables"`
}

// String reads as "naive Bayes on stage, source by team: 57 won, 152 lost,
// 4 tables, smoothing 0.1".
func (m *WinModel) String() string {
	var won, lost int64
	if len(m.Tables) > 0 {
		won, lost = m.Tables[0].Won, m.Tables[0].Lost
	}
	by := ""
	if m.ByTeam {
		by = " by team"
	}
	return fmt.Sprintf("naive Bayes on %s%s: %d won, %d lost, %d tables, smoothing %v",
		strings.Join(m.Fields, ", "), by, won, lost, len(m.Tables), m.Smoothing)
}

// WinFactor is one field's part in a deal's score: the value, its
// likelihoods given won and lost, or why it was skipped ("absent": the
// deal has no value; "unseen": the table has no such value). Won / Lost is
// how much the value moves the odds of winning.
type WinFactor struct {
	Field   string  `json:"field"`
	Value   string  `json:"value"`
	Won     float64 `json:"won"`
	Lost    float64 `json:"lost"`
	Skipped string  `json:"skipped,omitempty"`
}

// WinScore is a deal's win probability with how it was reached: the table
// used (Table, the team's or "" for the company's) and why the company's
// (Fallback), the prior P(won) of that table and each field's factor. A
// won deal scores 1 and a lost deal 0 without factors, as in Odoo.
type WinScore struct {
	Deal        string          `json:"deal"`
	Status      activity.Status `json:"status"`
	Probability float64         `json:"probability"`
	Table       string          `json:"table"`
	Fallback    string          `json:"fallback,omitempty"`
	Prior       float64         `json:"prior"`
	Factors     []WinFactor     `json:"factors,omitempty"`
}

// String reads as "D3 33.5% (team east; prior 34.4%): stage=demo ×0.53,
// source=web unseen".
func (s WinScore) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %.1f%%", s.Deal, 100*s.Probability)
	if s.Status.Closed() {
		fmt.Fprintf(&b, " (%v)", s.Status)
		return b.String()
	}
	table := "company"
	if s.Table != "" {
		table = "team " + s.Table
	}
	if s.Fallback != "" {
		table += ", " + s.Fallback
	}
	fmt.Fprintf(&b, " (%s; prior %.1f%%)", table, 100*s.Prior)
	for i, f := range s.Factors {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		switch f.Skipped {
		case "absent":
			fmt.Fprintf(&b, "%s%s absent", sep, f.Field)
		case "":
			fmt.Fprintf(&b, "%s%s=%s ×%.2f", sep, f.Field, f.Value, f.Won/f.Lost)
		default:
			fmt.Fprintf(&b, "%s%s=%s %s", sep, f.Field, f.Value, f.Skipped)
		}
	}
	return b.String()
}

// lpCounter counts won and lost deals by group and value: dense per group
// where groups × values stay small, sparse otherwise (many teams, or a
// field with many values such as the owner).
type lpCounter struct {
	dense  [][][2]int64
	sparse map[uint64]*[2]int64
	keys   []uint64 // sparse keys in order, made by the first each
}

// lpNewCounter returns a counter for groups of values, values the size of
// the field's dictionary (0 when not known in advance).
func lpNewCounter(groups, values int) lpCounter {
	if groups > 64 || groups*values > 1<<20 {
		return lpCounter{sparse: make(map[uint64]*[2]int64)}
	}
	return lpCounter{dense: make([][][2]int64, groups)}
}

func (c *lpCounter) add(g int, v int32, won bool) {
	i := 1
	if won {
		i = 0
	}
	if c.sparse != nil {
		k := uint64(g)<<32 | uint64(uint32(v))
		p := c.sparse[k]
		if p == nil {
			p = new([2]int64)
			c.sparse[k] = p
		}
		p[i]++
		return
	}
	row := c.dense[g]
	if int(v) >= len(row) {
		row = append(row, make([][2]int64, int(v)+1-len(row))...)
		c.dense[g] = row
	}
	row[v][i]++
}

// each calls f for every counted (value, won, lost) of group g, in value
// order.
func (c *lpCounter) each(g int, f func(v int32, won, lost int64)) {
	if c.sparse == nil {
		for v, n := range c.dense[g] {
			if n[0]+n[1] > 0 {
				f(int32(v), n[0], n[1])
			}
		}
		return
	}
	if c.keys == nil {
		c.keys = make([]uint64, 0, len(c.sparse))
		for k := range c.sparse {
			c.keys = append(c.keys, k)
		}
		slices.Sort(c.keys)
	}
	i, _ := slices.BinarySearch(c.keys, uint64(g)<<32)
	for ; i < len(c.keys) && int(c.keys[i]>>32) == g; i++ {
		n := c.sparse[c.keys[i]]
		f(int32(uint32(c.keys[i])), n[0], n[1])
	}
}

// FitWinModel learns a naive-Bayes win model (see WinModel) from the deals
// of v closed in opts.Training, or before opts.AsOf.
//
// Each closed deal counts once per field, as won or lost, under its value.
// The stage is different: a deal counts under every open stage it reached,
// as performance's funnel reckons ReachedOrLater: a won deal reached every
// open stage, a lost deal every open stage up to the highest it was shown
// in (created in, moved to, or in now). That is Odoo's rule, which counts a
// won lead in every stage and a lost lead in its stage and every stage
// before it by sequence, in a funnel where a lost deal moves to a lost
// stage and its history says where it was lost from. A stage's factors
// divide by the table's won and lost deals (Odoo divides by the first
// stage's counts, which every closed lead reaches).
//
// How Odoo's rules map: its frequency table per team and its result[-1]
// (the sum of all teams' smoothed frequencies, used for leads without a
// team or of a team without frequencies) are the tables of ByTeam; its +0.1
// is Smoothing; its lead fields are Fields. Not carried over: Odoo counts
// an empty email_state or phone_state as the value False (here an empty
// value is skipped; give the host attribute a value such as "none" to
// count it); Odoo's tags (many per lead, ignored below 50 deals) have no
// counterpart, a field having one value per deal; Odoo's training takes
// leads created since a start date, ours deals closed in a period.
//
// Errors: invalid options (ErrInvalidOptions, see WinModelOptions.Validate);
// the stage field on an index without a funnel (ErrInvalidOptions wrapping
// performance.ErrNoFunnel); no deal closed in training (ErrUndefined
// wrapping performance.ErrNoClosedDeals).
func FitWinModel(v activity.View, opts WinModelOptions) (*WinModel, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	ix := v.Index()
	names := opts.fields()
	fields := make([]lpField, len(names))
	nOpen := 0
	var stages []string    // the open stages, in funnel order
	var wonStages []string // the won stages under WonStages
	for i, n := range names {
		fields[i], _ = lpParseField(n)
		if fields[i].kind == lpStage && nOpen == 0 {
			for _, s := range ix.Funnel().Stages {
				if s.Won || s.Lost {
					break
				}
				nOpen++
				stages = append(stages, string(s.Stage))
			}
			if opts.WonStages {
				for _, s := range ix.Funnel().Stages {
					if s.Won {
						wonStages = append(wonStages, string(s.Stage))
					}
				}
			}
			if nOpen == 0 {
				return nil, fmt.Errorf("%w: the stage field: %w", ErrInvalidOptions, performance.ErrNoFunnel)
			}
		}
	}
	lo, hi := int64(math.MinInt64+1), ixcols.Nanos(opts.AsOf)
	if opts.AsOf.IsZero() {
		lo, hi = ixcols.Nanos(opts.Training.Start), ixcols.Nanos(opts.Training.End)
	}
	groups := 1
	if opts.ByTeam {
		groups = ix.Teams().Len() + 1 // group 0: no team
	}
	won, lost := make([]int64, groups), make([]int64, groups)
	var lostHigh [][]int64      // by group, by the highest open stage a lost deal reached
	wonIn := make([][]int64, 0) // by group, by won stage: the won deals closed in it
	if nOpen > 0 {
		lostHigh = make([][]int64, groups)
		for g := range lostHigh {
			lostHigh[g] = make([]int64, nOpen)
		}
	}
	counters := make([]lpCounter, len(fields))
	interns := make([]map[string]int32, len(fields))
	attrNames := make([][]string, len(fields))
	for i, f := range fields {
		if f.kind == lpAttribute {
			interns[i] = make(map[string]int32)
			counters[i] = lpNewCounter(groups, 0)
		} else {
			counters[i] = lpNewCounter(groups, lpDict(ix, f.kind).Len())
		}
	}
	cols := ixcols.Of(ix)
	d := &cols.Deals
	for _, row := range v.DealRows() {
		st := d.Status[row]
		if !st.Closed() || d.Closed[row] == ixcols.NoTime || d.Closed[row] < lo || d.Closed[row] >= hi {
			continue
		}
		g := 0
		if opts.ByTeam {
			g = int(d.Team[row]) + 1
		}
		w := st == activity.StatusWon
		if w {
			won[g]++
		} else {
			lost[g]++
		}
		for i, f := range fields {
			var k int32 = -1
			switch f.kind {
			case lpStage:
				if !w {
					if h := lpHighest(cols, row, nOpen); h >= 0 {
						lostHigh[g][h]++
					}
				} else if len(wonStages) > 0 {
					if j := slices.Index(wonStages, ix.Stages().Name(d.Stage[row])); j >= 0 {
						for len(wonIn) <= g {
							wonIn = append(wonIn, nil)
						}
						if wonIn[g] == nil {
							wonIn[g] = make([]int64, len(wonStages))
						}
						wonIn[g][j]++
					}
				}
				continue
			case lpAttribute:
				s := d.Attributes[row][f.attr]
				if s == "" {
					continue
				}
				var ok bool
				if k, ok = interns[i][s]; !ok {
					k = int32(len(attrNames[i]))
					interns[i][s] = k
					attrNames[i] = append(attrNames[i], s)
				}
			default:
				k = int32(lpColumn(ix, f.kind)[row])
			}
			if k >= 0 {
				counters[i].add(g, k, w)
			}
		}
	}
	m := &WinModel{Training: opts.Training, AsOf: opts.AsOf, Fields: slices.Clone(names), Smoothing: opts.smoothing(), ByTeam: opts.ByTeam}
	// One table per group with closed deals, then the company's as their sum.
	var tables []WinTable
	for g := range groups {
		if won[g]+lost[g] == 0 {
			continue
		}
		t := WinTable{Won: won[g], Lost: lost[g], Teams: 1, Fields: make([]WinField, len(fields))}
		if opts.ByTeam && g > 0 {
			t.Team = ix.Teams().Name(activity.Key(g - 1))
		}
		for i, f := range fields {
			wf := &t.Fields[i]
			wf.Field = names[i]
			if f.kind == lpStage {
				var reached int64
				vals := make([]WinValue, nOpen)
				for k := nOpen - 1; k >= 0; k-- {
					reached += lostHigh[g][k]
					vals[k] = WinValue{Value: stages[k], Won: won[g], Lost: reached, Teams: 1}
				}
				if g < len(wonIn) && wonIn[g] != nil {
					for j, name := range wonStages {
						vals = append(vals, WinValue{Value: name, Won: wonIn[g][j], Teams: 1})
					}
				}
				wf.Values = slices.DeleteFunc(vals, func(x WinValue) bool { return x.Won+x.Lost == 0 })
				wf.Won, wf.Lost, wf.Teams = t.Won, t.Lost, t.Teams
				continue
			}
			counters[i].each(g, func(k int32, nw, nl int64) {
				name := ""
				if f.kind == lpAttribute {
					name = attrNames[i][k]
				} else {
					name = lpDict(ix, f.kind).Name(activity.Key(k))
				}
				wf.Values = append(wf.Values, WinValue{Value: name, Won: nw, Lost: nl, Teams: 1})
			})
			slices.SortFunc(wf.Values, func(a, b WinValue) int { return cmp.Compare(a.Value, b.Value) })
			for _, x := range wf.Values {
				wf.Won, wf.Lost, wf.Teams = wf.Won+x.Won, wf.Lost+x.Lost, wf.Teams+x.Teams
			}
		}
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return nil, fmt.Errorf("%w: %w in the training history of %s", ErrUndefined, performance.ErrNoClosedDeals, v.Label())
	}
	if !opts.ByTeam {
		m.Tables = tables
		return m, nil
	}
	m.Tables = append([]WinTable{lpSum(tables, fields, append(stages, wonStages...))}, lpTeamTables(tables)...)
	return m, nil
}

// lpTeamTables returns the tables of named teams, by name.
func lpTeamTables(ts []WinTable) []WinTable {
	out := slices.DeleteFunc(slices.Clone(ts), func(t WinTable) bool { return t.Team == "" })
	slices.SortFunc(out, func(a, b WinTable) int { return cmp.Compare(a.Team, b.Team) })
	return out
}

// lpSum adds tables up as Odoo's result[-1] does: counts and smoothing
// terms. stages are the open stages in funnel order.
func lpSum(ts []WinTable, fields []lpField, stages []string) WinTable {
	sum := WinTable{Fields: make([]WinField, len(fields))}
	at := make([]map[string]int, len(fields)) // where each value is in sum's values
	for i := range fields {
		sum.Fields[i].Field = ts[0].Fields[i].Field
		at[i] = make(map[string]int)
	}
	for _, t := range ts {
		sum.Won, sum.Lost, sum.Teams = sum.Won+t.Won, sum.Lost+t.Lost, sum.Teams+t.Teams
		for i := range fields {
			sf, tf := &sum.Fields[i], &t.Fields[i]
			sf.Won, sf.Lost, sf.Teams = sf.Won+tf.Won, sf.Lost+tf.Lost, sf.Teams+tf.Teams
			for _, x := range tf.Values {
				j, ok := at[i][x.Value]
				if !ok {
					at[i][x.Value] = len(sf.Values)
					sf.Values = append(sf.Values, WinValue{Value: x.Value})
					j = len(sf.Values) - 1
				}
				y := &sf.Values[j]
				y.Won, y.Lost, y.Teams = y.Won+x.Won, y.Lost+x.Lost, y.Teams+x.Teams
			}
		}
	}
	for i, f := range fields {
		if f.kind == lpStage {
			slices.SortFunc(sum.Fields[i].Values, func(a, b WinValue) int {
				return cmp.Compare(slices.Index(stages, a.Value), slices.Index(stages, b.Value))
			})
			sum.Fields[i].Won, sum.Fields[i].Lost, sum.Fields[i].Teams = sum.Won, sum.Lost, sum.Teams
			continue
		}
		slices.SortFunc(sum.Fields[i].Values, func(a, b WinValue) int { return cmp.Compare(a.Value, b.Value) })
	}
	return sum
}

// lpHighest returns the highest open stage (funnel position below nOpen)
// deal row was shown in: the stage it was created in, each change's To, its
// current stage; −1 for none.
func lpHighest(cols *ixcols.Store, row int32, nOpen int) int {
	sc := &cols.StageChanges
	h := -1
	see := func(k activity.Key) {
		if k >= 0 && int(k) < nOpen && int(k) > h {
			h = int(k)
		}
	}
	see(cols.Deals.Stage[row])
	lo, hi := sc.Of(row)
	if hi > lo {
		see(sc.From[lo])
	}
	for i := lo; i < hi; i++ {
		see(sc.To[i])
	}
	return h
}

func lpColumn(ix *activity.Index, k lpFieldKind) []activity.Key {
	d := ixcols.DealsOf(ix)
	switch k {
	case lpTeam:
		return d.Team
	case lpOwner:
		return d.Owner
	case lpTerritory:
		return d.Territory
	case lpSource:
		return d.Source
	case lpSegment:
		return d.Segment
	}
	return d.Stage
}

func lpDict(ix *activity.Index, k lpFieldKind) *activity.Dict {
	switch k {
	case lpTeam:
		return ix.Teams()
	case lpOwner:
		return ix.Reps()
	case lpTerritory:
		return ix.Territories()
	case lpSource:
		return ix.Sources()
	case lpSegment:
		return ix.Segments()
	}
	return ix.Stages()
}

// table returns the table that scores a deal of team, and why the
// company's when it is not the team's.
func (m *WinModel) table(team string) (*WinTable, string) {
	t, why := m.pick(team)
	if t == nil || len(t.Fields) != len(m.Fields) {
		// A zero model, or one decoded from JSON that does not hang together.
		return nil, ""
	}
	return t, why
}

func (m *WinModel) pick(team string) (*WinTable, string) {
	switch {
	case len(m.Tables) == 0:
		return nil, ""
	case !m.ByTeam:
		return &m.Tables[0], ""
	case team == "":
		return &m.Tables[0], "no team"
	}
	teams := m.Tables[1:]
	if i, ok := slices.BinarySearchFunc(teams, team, func(t WinTable, s string) int { return cmp.Compare(t.Team, s) }); ok {
		return &teams[i], ""
	}
	return &m.Tables[0], "team without closed deals in training"
}

// lpValue finds value in a field's values: stages by a scan (they are in
// funnel order), others by binary search.
func lpValue(f *WinField, stage bool, value string) (*WinValue, bool) {
	if stage {
		for i := range f.Values {
			if f.Values[i].Value == value {
				return &f.Values[i], true
			}
		}
		return nil, false
	}
	i, ok := slices.BinarySearchFunc(f.Values, value, func(x WinValue, s string) int { return cmp.Compare(x.Value, s) })
	if !ok {
		return nil, false
	}
	return &f.Values[i], true
}

// score computes the log scores of values (one per model field, "" for
// absent) under table t, filling factors when it is not nil.
func (m *WinModel) score(t *WinTable, values []string, factors []WinFactor) (p, prior float64) {
	s := m.Smoothing
	tw, tl := float64(t.Won)+s*float64(t.Teams), float64(t.Lost)+s*float64(t.Teams)
	prior = tw / (tw + tl)
	lw, ll := math.Log(tw), math.Log(tl)
	for i, v := range values {
		f := &t.Fields[i]
		if factors != nil {
			factors[i] = WinFactor{Field: f.Field, Value: v}
		}
		if v == "" {
			if factors != nil {
				factors[i].Skipped = "absent"
			}
			continue
		}
		x, ok := lpValue(f, f.Field == "stage", v)
		if !ok {
			if factors != nil {
				factors[i].Skipped = "unseen"
			}
			continue
		}
		nw, nl := float64(x.Won)+s*float64(x.Teams), float64(x.Lost)+s*float64(x.Teams)
		dw, dl := float64(f.Won)+s*float64(f.Teams), float64(f.Lost)+s*float64(f.Teams)
		lw += math.Log(nw) - math.Log(dw)
		ll += math.Log(nl) - math.Log(dl)
		if factors != nil {
			factors[i].Won, factors[i].Lost = nw/dw, nl/dl
		}
	}
	// P = S(won) / (S(won) + S(lost)) = 1 / (1 + exp(ln S(lost) − ln S(won))).
	return 1 / (1 + math.Exp(ll-lw)), prior
}

// Probability scores one deal record with its team's table (see WinModel),
// explaining each field's part. The deal's stage is its current stage; its
// team is its Team field (for a deal of an index, ix.Deal(row) gives the
// index's team). A won deal scores 1 and a lost deal 0. A model with no
// tables (the zero WinModel) scores 0 with no table.
func (m *WinModel) Probability(d activity.Deal) WinScore {
	out := WinScore{Deal: d.ID, Status: d.Status}
	switch d.Status {
	case activity.StatusWon:
		out.Probability = 1
		return out
	case activity.StatusLost:
		return out
	}
	t, why := m.table(d.Team)
	if t == nil {
		return out
	}
	out.Table, out.Fallback = t.Team, why
	values := make([]string, len(m.Fields))
	for i, name := range m.Fields {
		f, _ := lpParseField(name)
		switch f.kind {
		case lpStage:
			values[i] = string(d.Stage)
		case lpTeam:
			values[i] = d.Team
		case lpOwner:
			values[i] = d.Owner
		case lpTerritory:
			values[i] = d.Territory
		case lpSource:
			values[i] = string(d.Source)
		case lpSegment:
			values[i] = d.Segment
		case lpAttribute:
			values[i] = d.Attributes[f.attr]
		}
	}
	out.Factors = make([]WinFactor, len(values))
	out.Probability, out.Prior = m.score(t, values, out.Factors)
	return out
}

// Probabilities scores every deal of v open at asOf (see
// StageRates.Probabilities for which deals and their stage then; the other
// fields are the deal's now), by deal id, as decimals for
// OutcomeOptions.Probabilities: each is the float64 estimate's shortest
// decimal form (decimal.NewFromFloat), in [0, 1]. The index's team rule
// gives each deal's team.
func (m *WinModel) Probabilities(v activity.View, asOf time.Time) map[string]decimal.Decimal {
	ix := v.Index()
	d := ixcols.DealsOf(ix)
	at := ixcols.Nanos(asOf)
	fields := make([]lpField, len(m.Fields))
	for i, name := range m.Fields {
		fields[i], _ = lpParseField(name)
	}
	values := make([]string, len(fields))
	out := make(map[string]decimal.Decimal)
	for _, row := range v.DealRows() {
		st, ok := lpStageAt(ix, row, at)
		if !ok {
			continue
		}
		t, _ := m.table(ix.Teams().Name(d.Team[row]))
		if t == nil {
			continue
		}
		for i, f := range fields {
			switch f.kind {
			case lpStage:
				values[i] = ix.Stages().Name(st)
			case lpAttribute:
				values[i] = d.Attributes[row][f.attr]
			default:
				values[i] = lpDict(ix, f.kind).Name(lpColumn(ix, f.kind)[row])
			}
		}
		p, _ := m.score(t, values, nil)
		out[d.ID.At(int(row))] = decimal.NewFromFloat(p)
	}
	return out
}
