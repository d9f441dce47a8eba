package performance

import (
	"fmt"
	"math"
	"math/bits"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// PipelineSelection says which open deals make up a pipeline.
type PipelineSelection uint8

// Pipeline selections.
const (
	// ExpectedInPeriod (the default) takes the deals open at AsOf whose
	// expected close falls in the period: the pipeline for that period.
	ExpectedInPeriod PipelineSelection = iota
	// AllOpen takes every deal open at AsOf, whatever its expected close.
	AllOpen
)

// String returns "expected_in_period" or "all_open".
func (s PipelineSelection) String() string {
	switch s {
	case ExpectedInPeriod:
		return "expected_in_period"
	case AllOpen:
		return "all_open"
	}
	return fmt.Sprintf("PipelineSelection(%d)", uint8(s))
}

// MarshalText writes String.
func (s PipelineSelection) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (s *PipelineSelection) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, ExpectedInPeriod, AllOpen, PipelineSelection.MarshalText)
	if !ok {
		return fmt.Errorf("%w: pipeline selection %q", ErrInvalidOptions, text)
	}
	*s = v
	return nil
}

// PipelineOptions selects the open deals of a pipeline. The zero value takes
// the deals expected to close in the period, as of the period's start, and
// flags no deal as stale.
type PipelineOptions struct {
	// Selection: ExpectedInPeriod (default) or AllOpen.
	Selection PipelineSelection
	// AsOf is when the pipeline is looked at: deals are aged to it, and
	// overdue when their expected close is before it. A deal counts as open
	// when it was created by AsOf and the index has it open or closed after
	// AsOf; such a deal, closed since, is weighted by its stage at AsOf
	// (from its stage history; unweighted without one), not by its
	// recorded probability, and its forecast category "closed" reads as
	// none. Amounts and expected closes are the records'. Zero: the
	// period's start.
	AsOf time.Time
	// StaleAfterDays, when positive, flags a deal as stale when neither a
	// stage change nor an activity of it happened in the last that many
	// days (of 86,400 s) before AsOf, counting its creation as a change.
	StaleAfterDays int
	// Conversion, when not nil, converts every amount into Conversion.To
	// before it is counted (RateAtClose takes a deal's expected close, else
	// AsOf). Nil: amounts in two currencies are an error wrapping
	// ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// Validate reports an unknown selection, a negative StaleAfterDays and an
// invalid Conversion.
func (o PipelineOptions) Validate() error {
	switch {
	case o.Selection > AllOpen:
		return fmt.Errorf("%w: selection %v", ErrInvalidOptions, o.Selection)
	case o.StaleAfterDays < 0:
		return fmt.Errorf("%w: stale after %d days", ErrInvalidOptions, o.StaleAfterDays)
	}
	return checkConversion(o.Conversion)
}

// CategoryTotal is the part of a pipeline in one forecast category, with the
// cumulative rollup of that category and the ones nested in it (commit ⊂
// best case ⊂ pipeline): CumulativeAmount of best case is best case plus
// commit. Closed and omitted deals, and deals with no category, roll up
// into nothing but themselves.
type CategoryTotal struct {
	Category           activity.ForecastCategory `json:"category"`
	Deals              int64                     `json:"deals"`
	Amount             decimal.Decimal           `json:"amount"`
	Weighted           decimal.Decimal           `json:"weighted"`
	CumulativeDeals    int64                     `json:"cumulative_deals"`
	CumulativeAmount   decimal.Decimal           `json:"cumulative_amount"`
	CumulativeWeighted decimal.Decimal           `json:"cumulative_weighted"`
}

// Pipeline is what is open and how much of it is likely to close:
//
//	Amount   = Σ amount                 over the selected open deals
//	Weighted = Σ amount × probability   probability: the deal's own, else its
//	                                    stage's default in the funnel
//
// exactly, in Currency. Unweighted counts deals with no probability at all
// (no own probability and no funnel default); they are in Amount but not in
// Weighted. Overdue deals are still open past their expected close at AsOf;
// stale deals had no stage change or activity for PipelineOptions'
// StaleAfterDays. Ages are elapsed days from creation to AsOf.
type Pipeline struct {
	Scope          string            `json:"scope"`
	Period         activity.Period   `json:"period"`
	AsOf           time.Time         `json:"as_of"`
	Selection      PipelineSelection `json:"selection"`
	Deals          int64             `json:"deals"`
	Amount         decimal.Decimal   `json:"amount"`
	Weighted       decimal.Decimal   `json:"weighted"`
	Currency       activity.Currency `json:"currency,omitempty"`
	Unweighted     int64             `json:"unweighted,omitempty"`
	ByCategory     []CategoryTotal   `json:"by_category"`
	Overdue        int64             `json:"overdue"`
	OverdueAmount  decimal.Decimal   `json:"overdue_amount"`
	Stale          int64             `json:"stale"`
	StaleAmount    decimal.Decimal   `json:"stale_amount"`
	MeanAgeDays    float64           `json:"mean_age_days"`
	OldestAgeDays  float64           `json:"oldest_age_days"`
	StaleAfterDays int               `json:"stale_after_days,omitempty"`
}

// String reads as "all: pipeline 1234000.00 USD in 120 deals for 2025 Q2,
// weighted 456000.00 USD (12 overdue, 5 stale, 2 without a probability)",
// the counts of stale and unweighted deals when there are any.
func (p Pipeline) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: pipeline %s in %d deals for %s, weighted %s (%d overdue", p.Scope,
		moneyText(p.Amount, p.Currency), p.Deals, periodName(p.Period), moneyText(p.Weighted, p.Currency), p.Overdue)
	if p.StaleAfterDays > 0 {
		fmt.Fprintf(&b, ", %d stale", p.Stale)
	}
	if p.Unweighted > 0 {
		fmt.Fprintf(&b, ", %d without a probability", p.Unweighted)
	}
	b.WriteString(")")
	return b.String()
}

// pipelineTally is the fold behind Pipeline: per category, counts and exact
// sums of amounts (at the amount scale) and weighted amounts (at the amount
// scale plus the probability scale).
type pipelineTally struct {
	deals      [forecastCategories]int64
	amount     [forecastCategories]exact.Sum
	weighted   [forecastCategories]exact.Sum
	unweighted int64
	overdue    int64
	overdueSum exact.Sum
	stale      int64
	staleSum   exact.Sum
	ageSum     int64 // seconds
	oldest     int64 // seconds
	currency   activity.Key
}

const forecastCategories = int(activity.ForecastOmitted) + 1

// OpenPipeline returns the open pipeline of the view for period p (see
// Pipeline and PipelineOptions). The amounts must all be in one currency:
// several are an error wrapping ErrMixedCurrencies. An empty pipeline is a
// valid zero.
func OpenPipeline(v activity.View, p activity.Period, opt PipelineOptions) (Pipeline, error) {
	if err := v.Err(); err != nil {
		return Pipeline{}, err
	}
	pp, err := newPipelinePass(v, p, opt, nil)
	if err != nil {
		return Pipeline{}, err
	}
	if err := pp.run(); err != nil {
		return Pipeline{}, err
	}
	return pp.result(0, v.Label(), p), nil
}

// OpenPipelineBy returns the open pipeline of every group of the view in
// one pass, in key order (a period breakdown groups by expected close; with
// AllOpen, deals without one are left out of it). Only groups with deals
// appear, except periods, which are all listed. Several currencies in one
// group are an error wrapping ErrMixedCurrencies.
func OpenPipelineBy(v activity.View, p activity.Period, by activity.By, opt PipelineOptions) ([]activity.Group[Pipeline], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	g, err := newGrouper(v.Index(), by, p)
	if err != nil {
		return nil, err
	}
	pp, err := newPipelinePass(v, p, opt, g)
	if err != nil {
		return nil, err
	}
	if err := pp.run(); err != nil {
		return nil, err
	}
	var out []activity.Group[Pipeline]
	for _, i := range g.order(func(i int) bool { return i < len(pp.tallies) && pp.tallies[i].count() > 0 }) {
		for i >= len(pp.tallies) {
			pp.tallies = append(pp.tallies, pp.newTally())
		}
		out = append(out, activity.Group[Pipeline]{Key: g.names[i], Result: pp.result(i, g.scope(v, i), g.period(i, p))})
	}
	if !by.Total {
		return out, nil
	}
	if by.Dimension == activity.DimensionPeriod {
		// Deals without an expected close are in no period: the total
		// takes a pass of its own.
		total, err := OpenPipeline(v, p, opt)
		return appendTotal(out, total, err)
	}
	if len(pp.tallies) == 0 { // attribute groups grow as met: none was
		pp.tallies = append(pp.tallies, pp.newTally())
	}
	for i := 1; i < len(pp.tallies); i++ {
		if err := pp.merge(&pp.tallies[0], &pp.tallies[i]); err != nil {
			return nil, err
		}
	}
	return appendTotal(out, pp.result(0, v.Label(), p), nil)
}

// merge adds tally o to t; amounts in two currencies are an error wrapping
// ErrMixedCurrencies, as in one pass over the view.
func (pp *pipelinePass) merge(t, o *pipelineTally) error {
	switch {
	case o.currency == noCurrency || pp.opt.Conversion != nil:
	case t.currency == noCurrency:
		t.currency = o.currency
	case o.currency != t.currency && !pp.countOnly:
		names := pp.v.Index().Currencies()
		x, y := names.Name(t.currency), names.Name(o.currency)
		return fmt.Errorf("%w: %s and %s in %s", ErrMixedCurrencies, min(x, y), max(x, y), pp.v.Label())
	}
	for c := range t.deals {
		t.deals[c] += o.deals[c]
		t.amount[c].Merge(&o.amount[c])
		t.weighted[c].Merge(&o.weighted[c])
	}
	t.unweighted += o.unweighted
	t.overdue += o.overdue
	t.overdueSum.Merge(&o.overdueSum)
	t.stale += o.stale
	t.staleSum.Merge(&o.staleSum)
	t.ageSum += o.ageSum
	t.oldest = max(t.oldest, o.oldest)
	return nil
}

// pipelinePass holds what one pass over the open deals needs.
type pipelinePass struct {
	v           activity.View
	p           activity.Period
	opt         PipelineOptions
	g           *grouper
	asOf        time.Time
	scale       int32
	pscale      int32
	probMul     int64
	stageProb   []int64
	lastTouch   []int64
	staleBefore int64
	tallies     []pipelineTally
	countOnly   bool         // deals are counted, amounts not read: currencies may mix
	toKey       activity.Key // Conversion.To's key, bookUnseen when the index has none
}

func newPipelinePass(v activity.View, p activity.Period, opt PipelineOptions, g *grouper) (*pipelinePass, error) {
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	ix := v.Index()
	d := ixcols.DealsOf(ix)
	pp := &pipelinePass{v: v, p: p, opt: opt, g: g, asOf: opt.AsOf, toKey: bookUnseen}
	if opt.Conversion != nil {
		if k, ok := ix.Currencies().Key(string(opt.Conversion.To)); ok {
			pp.toKey = k
		}
	}
	if pp.asOf.IsZero() {
		pp.asOf = p.Start
	}
	_, pp.scale = d.Amount.Units()
	_, colScale := d.Probability.Units()
	// Probabilities are multiplied in units at one scale wide enough for the
	// deals' own and the funnel's defaults.
	pp.pscale = colScale
	for _, s := range ix.Funnel().Stages {
		pp.pscale = max(pp.pscale, min(-s.Probability.Value.Exponent(), exact.MaxScale))
	}
	pp.probMul = int64(math.Pow10(int(pp.pscale - colScale)))
	// Stage defaults as units at the probability scale; −1 when the stage
	// has none (no funnel).
	pp.stageProb = make([]int64, ix.Stages().Len())
	for i := range pp.stageProb {
		pp.stageProb[i] = -1
	}
	for i, s := range ix.Funnel().Stages {
		if !s.Probability.Valid {
			continue // no default: the stage's deals are unweighted
		}
		if u, ok := unitsAt(s.Probability.Value, pp.pscale); ok {
			pp.stageProb[i] = u
		} else {
			pp.stageProb[i] = ixcols.Unfit
		}
	}
	if opt.StaleAfterDays > 0 {
		pp.lastTouch = touches(ix, ixcols.Nanos(pp.asOf))
	}
	pp.staleBefore = ixcols.Nanos(pp.asOf) - int64(opt.StaleAfterDays)*nanosPerDay
	n := 1
	if g != nil {
		n = g.size()
	}
	pp.tallies = make([]pipelineTally, n)
	return pp, nil
}

func (pp *pipelinePass) newTally() pipelineTally {
	t := pipelineTally{currency: noCurrency}
	for c := range t.amount {
		t.amount[c], t.weighted[c] = exact.NewSum(pp.scale), exact.NewSum(pp.scale+pp.pscale)
	}
	t.overdueSum, t.staleSum = exact.NewSum(pp.scale), exact.NewSum(pp.scale)
	return t
}

func (t *pipelineTally) count() int64 {
	var n int64
	for _, c := range t.deals {
		n += c
	}
	return n
}

// stageAt returns the stage deal row r was in at t by its history: the
// stage of its last change at or before t, else the stage its first change
// left; NoKey for a deal without history.
func stageAt(ix *activity.Index, r int32, t int64) activity.Key {
	sc := ixcols.StageChangesOf(ix)
	lo, hi := sc.Of(r)
	if lo == hi {
		return activity.NoKey
	}
	k := sc.From[lo]
	for c := lo; c < hi && sc.At[c] <= t; c++ {
		k = sc.To[c]
	}
	return k
}

func (pp *pipelinePass) run() error {
	ix := pp.v.Index()
	d := ixcols.DealsOf(ix)
	now := ixcols.Nanos(pp.asOf)
	in := spanOf(pp.p)
	units, _ := d.Amount.Units()
	probs, _ := d.Probability.Units()
	for i := range pp.tallies {
		pp.tallies[i] = pp.newTally()
	}
	for _, r := range pp.v.DealRows() {
		// Open at AsOf: created by then and not closed by then. A deal
		// closed since is taken back to AsOf: its stage then (from its
		// history) weights it, and its forecast category is unknown.
		rewound := d.Status[r].Closed() && d.Closed[r] > now
		if (d.Status[r] != activity.StatusOpen && !rewound) || d.Created[r] > now {
			continue
		}
		expected := d.ExpectedClose[r]
		if pp.opt.Selection == ExpectedInPeriod && (expected == ixcols.NoTime || !in.has(expected)) {
			continue
		}
		gi := 0
		if pp.g != nil {
			if gi = pp.g.of(r, expected); gi < 0 {
				continue
			}
			for gi >= len(pp.tallies) {
				pp.tallies = append(pp.tallies, pp.newTally())
			}
		}
		t := &pp.tallies[gi]
		// converted is the amount in Conversion.To, for a deal in another
		// currency; its sums are decimal.
		var converted *decimal.Decimal
		switch ck := d.Currency[r]; {
		case pp.opt.Conversion != nil:
			if ck != pp.toKey {
				cv, err := pp.convert(r, expected, now)
				if err != nil {
					return err
				}
				converted = &cv
			}
		case t.currency == noCurrency:
			t.currency = ck
		case ck != t.currency && !pp.countOnly:
			// Named in alphabetical order, whichever came first.
			x, y := ix.Currencies().Name(t.currency), ix.Currencies().Name(ck)
			return fmt.Errorf("%w: %s and %s in %s", ErrMixedCurrencies, min(x, y), max(x, y), pp.v.Label())
		}
		c := d.ForecastCategory[r]
		if rewound && c == activity.ForecastClosed {
			c = activity.ForecastNone
		}
		t.deals[c]++
		u := units[r]
		switch {
		case converted != nil:
			t.amount[c].AddDecimal(*converted)
		case u != ixcols.Unfit:
			t.amount[c].Add(u)
		default:
			a, _ := d.Amount.At(int(r))
			t.amount[c].AddDecimal(a)
		}
		prob := int64(-1)
		switch {
		case rewound:
			if k := stageAt(ix, r, now); k >= 0 {
				prob = pp.stageProb[k]
			}
		case d.Probability.Present(int(r)):
			if prob = probs[r]; prob != ixcols.Unfit {
				prob *= pp.probMul // a probability is at most 1: no overflow
			}
		case d.Stage[r] >= 0:
			prob = pp.stageProb[d.Stage[r]]
		}
		switch {
		case prob < 0 && prob != ixcols.Unfit:
			t.unweighted++
		case converted != nil:
			t.weighted[c].AddDecimal(converted.Mul(pp.probability(r, prob, rewound, now)))
		case prob == ixcols.Unfit || u == ixcols.Unfit:
			t.weighted[c].AddDecimal(weightedDecimal(ix, int(r)))
		default:
			hi, lo := bits.Mul64(uint64(abs64(u)), uint64(prob))
			if hi != 0 || lo > math.MaxInt64 {
				t.weighted[c].AddDecimal(weightedDecimal(ix, int(r)))
			} else if u < 0 {
				t.weighted[c].Add(-int64(lo))
			} else {
				t.weighted[c].Add(int64(lo))
			}
		}
		if expected != ixcols.NoTime && expected < now {
			t.overdue++
			addAmount(&t.overdueSum, d, units, r, converted)
		}
		if pp.lastTouch != nil && pp.lastTouch[r] < pp.staleBefore {
			t.stale++
			addAmount(&t.staleSum, d, units, r, converted)
		}
		age := (now - d.Created[r]) / int64(time.Second)
		t.ageSum += age
		t.oldest = max(t.oldest, age)
	}
	return nil
}

// result is the Pipeline of tally i.
func (pp *pipelinePass) result(i int, scope string, p activity.Period) Pipeline {
	t := &pp.tallies[i]
	ix := pp.v.Index()
	out := Pipeline{
		Scope: scope, Period: p, AsOf: pp.asOf, Selection: pp.opt.Selection, StaleAfterDays: pp.opt.StaleAfterDays,
		Unweighted: t.unweighted, Overdue: t.overdue, OverdueAmount: t.overdueSum.Decimal(),
		Stale: t.stale, StaleAmount: t.staleSum.Decimal(),
	}
	switch {
	case pp.opt.Conversion != nil:
		out.Currency = pp.opt.Conversion.To
	case t.currency >= 0:
		out.Currency = activity.Currency(ix.Currencies().Name(t.currency))
	default:
		out.Currency = soleCurrency(ix) // nothing open: the book's one currency, if it has one
	}
	sum, wsum := exact.NewSum(pp.scale), exact.NewSum(pp.scale+pp.pscale)
	for c := range t.amount {
		out.Deals += t.deals[c]
		sum.Merge(&t.amount[c])
		wsum.Merge(&t.weighted[c])
	}
	out.Amount, out.Weighted = sum.Decimal(), wsum.Decimal()
	if out.Deals > 0 {
		out.MeanAgeDays = float64(t.ageSum) / float64(out.Deals) / 86400
		out.OldestAgeDays = float64(t.oldest) / 86400
	}
	// Categories from the broadest to the narrowest; each cumulative total
	// holds the categories nested in it.
	for _, c := range []activity.ForecastCategory{activity.ForecastPipeline, activity.ForecastBestCase, activity.ForecastCommit,
		activity.ForecastClosed, activity.ForecastOmitted, activity.ForecastNone} {
		ct := CategoryTotal{Category: c, Deals: t.deals[c], Amount: t.amount[c].Decimal(), Weighted: t.weighted[c].Decimal()}
		ct.CumulativeDeals, ct.CumulativeAmount, ct.CumulativeWeighted = ct.Deals, ct.Amount, ct.Weighted
		for _, inner := range nested(c) {
			ct.CumulativeDeals += t.deals[inner]
			ct.CumulativeAmount = ct.CumulativeAmount.Add(t.amount[inner].Decimal())
			ct.CumulativeWeighted = ct.CumulativeWeighted.Add(t.weighted[inner].Decimal())
		}
		out.ByCategory = append(out.ByCategory, ct)
	}
	return out
}

// nested returns the categories inside c: commit is inside best case, both
// inside pipeline.
func nested(c activity.ForecastCategory) []activity.ForecastCategory {
	switch c {
	case activity.ForecastPipeline:
		return []activity.ForecastCategory{activity.ForecastBestCase, activity.ForecastCommit}
	case activity.ForecastBestCase:
		return []activity.ForecastCategory{activity.ForecastCommit}
	}
	return nil
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// addAmount adds row r's amount to s: converted when there is one, else
// the row's own.
func addAmount(s *exact.Sum, d *ixcols.Deals, units []int64, r int32, converted *decimal.Decimal) {
	if converted != nil {
		s.AddDecimal(*converted)
		return
	}
	if u := units[r]; u != ixcols.Unfit {
		s.Add(u)
		return
	}
	a, _ := d.Amount.At(int(r))
	s.AddDecimal(a)
}

// unitsAt returns x as int64 units at scale when that is exact.
func unitsAt(x decimal.Decimal, scale int32) (int64, bool) {
	y := x.Shift(scale)
	if !y.IsInteger() || y.NumDigits() > 18 {
		return 0, false
	}
	return y.IntPart(), true
}

// weightedDecimal is amount × probability for deal row r, in decimals.
func weightedDecimal(ix *activity.Index, r int) decimal.Decimal {
	d := ixcols.DealsOf(ix)
	a, _ := d.Amount.At(r)
	prob, ok := d.Probability.At(r)
	if !ok {
		prob = ix.Funnel().Stages[d.Stage[r]].Probability.Value
	}
	return a.Mul(prob)
}

// touches returns, for each deal row, the latest of its creation, its stage
// changes and its activities at or before asOf.
func touches(ix *activity.Index, asOf int64) []int64 {
	d := ixcols.DealsOf(ix)
	last := make([]int64, d.ID.Len())
	copy(last, d.Created)
	sc := ixcols.StageChangesOf(ix)
	for row := range last {
		lo, hi := sc.Of(int32(row))
		for _, at := range sc.At[lo:hi] {
			if at <= asOf {
				last[row] = max(last[row], at)
			}
		}
	}
	a := ixcols.ActivitiesOf(ix)
	for i, row := range a.Deal {
		if row >= 0 && a.At[i] <= asOf {
			last[row] = max(last[row], a.At[i])
		}
	}
	return last
}

// convert returns row r's amount in Conversion.To, at the rate of its
// expected close (else now) under RateAtClose.
func (pp *pipelinePass) convert(r int32, expected, now int64) (decimal.Decimal, error) {
	ix := pp.v.Index()
	d := ixcols.DealsOf(ix)
	at := expected
	if at == ixcols.NoTime {
		at = now
	}
	x, _ := d.Amount.At(int(r))
	cv, err := pp.opt.Conversion.Convert(x, activity.Currency(ix.Currencies().Name(d.Currency[r])), fromNanos(at, pp.p.Start), pp.p)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("deal %q: %w", d.ID.At(int(r)), err)
	}
	return cv, nil
}

// probability returns the probability that weights row r, as a decimal:
// prob in units at pscale when it fits, else the deal's own probability or
// its stage's default (its stage at now for a deal closed since).
func (pp *pipelinePass) probability(r int32, prob int64, rewound bool, now int64) decimal.Decimal {
	if prob != ixcols.Unfit {
		return decimal.New(prob, -pp.pscale)
	}
	ix := pp.v.Index()
	d := ixcols.DealsOf(ix)
	stage := d.Stage[r]
	if rewound {
		stage = stageAt(ix, r, now)
	} else if v, ok := d.Probability.At(int(r)); ok {
		return v
	}
	return ix.Funnel().Stages[stage].Probability.Value
}
