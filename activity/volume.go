package activity

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salesmetrics/salesmetrics/internal/wire"
)

// VolumeOptions selects what ActivityVolume counts. The zero value counts
// every kind, with working days from the zero Calendar (UTC, Monday to
// Friday, no holidays).
type VolumeOptions struct {
	// Kinds limits the count to these kinds; nil counts every kind.
	Kinds []Kind
	// Calendar gives working days for the per-day rate.
	Calendar Calendar
}

// KindCount is the number of activities of one kind.
type KindCount struct {
	Kind  Kind  `json:"kind"`
	Count int64 `json:"count"`
}

// Volume is how many activities a view holds in a period, by kind, and per
// working day:
//
//	PerWorkingDay = Total / WorkingDays
//
// where WorkingDays counts the calendar's working dates in the period. When
// the period has no working day, PerWorkingDay is 0 and Undefined says why.
type Volume struct {
	Scope         string      `json:"scope"`
	Period        Period      `json:"period"`
	Total         int64       `json:"total"`
	ByKind        []KindCount `json:"by_kind"`
	WorkingDays   int         `json:"working_days"`
	PerWorkingDay float64     `json:"per_working_day"`
	Undefined     string      `json:"undefined,omitempty"`
}

// String reads as "all: 1,204 activities in 2025-03 (21 working days, 57.3
// a day): call 600, email 400, meeting 204".
func (v Volume) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d activities in %s", v.Scope, v.Total, periodLabel(v.Period))
	if v.Undefined == "" {
		fmt.Fprintf(&b, " (%d working days, %.1f a day)", v.WorkingDays, v.PerWorkingDay)
	}
	for i, k := range v.ByKind {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(&b, "%s%s %d", sep, k.Kind, k.Count)
	}
	return b.String()
}

// VolumeTally counts activities by kind key. It is the fold behind
// ActivityVolume: Add each activity's kind, Merge tallies from parts of the
// data in any order, and Result gives the Volume. Its state is one count per
// kind the index knows.
type VolumeTally struct {
	Counts []int64 // by kind key
	NoKind int64   // activities added with NoKey, reported under the kind ""
}

// NewVolumeTally returns a tally for the kinds of ix.
func NewVolumeTally(ix *Index) VolumeTally {
	return VolumeTally{Counts: make([]int64, ix.kinds.Len())}
}

// Add counts one activity of kind k. NoKey counts under NoKind; a key past
// the tally's kinds (a key of a larger index) grows it.
func (t *VolumeTally) Add(k Key) {
	switch {
	case k < 0:
		t.NoKind++
	case int(k) >= len(t.Counts):
		t.Counts = append(t.Counts, make([]int64, int(k)+1-len(t.Counts))...)
		fallthrough
	default:
		t.Counts[k]++
	}
}

// Merge adds o's counts to t; tallies of the same index merge kind by
// kind. A nil o adds nothing.
func (t *VolumeTally) Merge(o *VolumeTally) {
	if o == nil {
		return
	}
	if len(o.Counts) > len(t.Counts) {
		t.Counts = append(t.Counts, make([]int64, len(o.Counts)-len(t.Counts))...)
	}
	for i, c := range o.Counts {
		t.Counts[i] += c
	}
	t.NoKind += o.NoKind
}

// MarshalBinary encodes the tally, so that it can travel to another
// process and be merged there: internal/wire's format (header "SM",
// version 1, kind 'v'), then how many kind counts follow, each count (by
// kind key), and NoKind. Kinds travel as keys: merge only tallies of
// indexes whose kinds dictionaries agree (one index, or one list of kinds
// interned in one order), and name them with that index's Kinds.
func (t *VolumeTally) MarshalBinary() ([]byte, error) {
	b := wire.AppendHeader(make([]byte, 0, 8+2*len(t.Counts)), 'v')
	b = wire.AppendCount(b, int64(len(t.Counts)))
	for _, c := range t.Counts {
		b = wire.AppendCount(b, c)
	}
	return wire.AppendCount(b, t.NoKind), nil
}

// UnmarshalBinary replaces t with the tally MarshalBinary encoded. Bytes
// that are not such an encoding (a negative count, more kinds than bytes)
// are an error wrapping ErrInvalidEncoding and leave t as it was.
func (t *VolumeTally) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, 'v')
	var d VolumeTally
	n := r.Count()
	if n > int64(r.Left()) {
		r.Fail(fmt.Sprintf("%d kinds in %d bytes", n, r.Left()))
	}
	if r.Err() == nil && n > 0 {
		d.Counts = make([]int64, n)
		for i := range d.Counts {
			d.Counts[i] = r.Count()
		}
	}
	d.NoKind = r.Count()
	if err := r.End(); err != nil {
		return fmt.Errorf("%w: volume tally: %w", ErrInvalidEncoding, err)
	}
	*t = d
	return nil
}

// Result returns the volume of the tally: the counts of the selected kinds
// (every kind when opt.Kinds is nil), sorted by kind name, and the rate per
// working day in p. scope labels the result. An invalid period or calendar
// is an error, as in ActivityVolume.
func (t *VolumeTally) Result(ix *Index, scope string, p Period, opt VolumeOptions) (Volume, error) {
	if ix == nil {
		return Volume{}, fmt.Errorf("%w: a volume needs the index its kinds come from", ErrInvalidOptions)
	}
	if err := checkVolume(p, opt); err != nil {
		return Volume{}, err
	}
	v := Volume{Scope: scope, Period: p}
	if opt.Kinds == nil {
		for k, c := range t.Counts {
			v.ByKind = append(v.ByKind, KindCount{Kind(ix.kinds.Name(Key(k))), c})
		}
		if t.NoKind > 0 {
			v.ByKind = append(v.ByKind, KindCount{"", t.NoKind})
		}
	} else {
		for _, kind := range opt.Kinds {
			var c int64
			if k, ok := ix.kinds.Key(string(kind)); ok && k != NoKey && int(k) < len(t.Counts) {
				c = t.Counts[k]
			}
			v.ByKind = append(v.ByKind, KindCount{kind, c})
		}
	}
	slices.SortFunc(v.ByKind, func(a, b KindCount) int { return strings.Compare(string(a.Kind), string(b.Kind)) })
	// One line a kind: a kind asked for twice, or keys without a name,
	// add up.
	merged := v.ByKind[:0]
	for _, k := range v.ByKind {
		if n := len(merged); n > 0 && merged[n-1].Kind == k.Kind {
			if opt.Kinds == nil {
				merged[n-1].Count += k.Count
			}
			continue
		}
		merged = append(merged, k)
	}
	v.ByKind = merged
	for _, k := range v.ByKind {
		v.Total += k.Count
	}
	wd, err := opt.Calendar.WorkingDays(p.Start, p.End)
	if err != nil {
		return Volume{}, err
	}
	v.WorkingDays = wd
	if wd == 0 {
		v.Undefined = "the period has no working day"
	} else {
		v.PerWorkingDay = float64(v.Total) / float64(wd)
	}
	return v, nil
}

// ActivityVolume counts the view's activities at times in p, by kind, and
// per working day (see Volume). An empty selection is a volume of 0, not an
// error. It returns an error wrapping ErrInvalidPeriod for an invalid period
// and ErrInvalidCalendar for an invalid calendar.
func ActivityVolume(v View, p Period, opt VolumeOptions) (Volume, error) {
	if err := v.Err(); err != nil {
		return Volume{}, err
	}
	if err := checkVolume(p, opt); err != nil {
		return Volume{}, err
	}
	t := NewVolumeTally(v.ix)
	lo, hi := toNanos(p.Start), toNanos(p.End)
	c := &v.ix.cols.Activities
	switch {
	case c.AtBounds.Within(lo, hi) && len(v.acts) == len(c.Kind):
		// Every activity is in the view and in p: no time is read.
		for _, k := range c.Kind {
			t.Add(k)
		}
	case c.AtBounds.Within(lo, hi):
		for _, r := range v.acts {
			t.Add(c.Kind[r])
		}
	default:
		for _, r := range v.acts {
			if at := c.At[r]; at >= lo && at < hi {
				t.Add(c.Kind[r])
			}
		}
	}
	return t.Result(v.ix, v.label, p, opt)
}

func checkVolume(p Period, opt VolumeOptions) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return opt.Calendar.Validate()
}

// ActivityVolumeBy computes ActivityVolume for every group of the view's
// activities in p in one pass: ByRep, ByTeam or ByKind, sorted by name (an
// activity without a team groups under ""), or ByPeriod, the periods of
// by.Calendar that overlap p, in time order, each clipped to p, with
// working days (from opt.Calendar) counted in the clipped period. Only
// groups with an activity in p appear (with a Total of 0 when none is of
// opt.Kinds), except periods, which are all listed. Other dimensions wrap
// ErrInvalidOptions.
func ActivityVolumeBy(v View, p Period, by By, opt VolumeOptions) ([]Group[Volume], error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := checkVolume(p, opt); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	ix := v.ix
	c := &ix.cols.Activities
	var col []Key
	var dict *Dict
	switch by.Dimension {
	case DimensionRep:
		col, dict = c.Rep, &ix.reps
	case DimensionTeam:
		col, dict = c.Team, &ix.teams
	case DimensionKind:
		col, dict = c.Kind, &ix.kinds
	case DimensionPeriod:
		return volumeByPeriod(v, p, by, opt)
	default:
		return nil, fmt.Errorf("%w: group by %v", ErrInvalidOptions, by)
	}
	lo, hi := toNanos(p.Start), toNanos(p.End)
	tallies := make([]VolumeTally, dict.Len()+1) // slot 0 for NoKey
	add := func(r int32) {
		g := &tallies[col[r]+1]
		if g.Counts == nil {
			*g = NewVolumeTally(ix)
		}
		g.Add(c.Kind[r])
	}
	if c.AtBounds.Within(lo, hi) {
		// Every activity is in p: no time is read, and the activities are
		// counted in a grid of groups by kinds, made into tallies after.
		volumeGrid(v, col, tallies)
	} else {
		for _, r := range v.acts {
			if at := c.At[r]; at >= lo && at < hi {
				add(r)
			}
		}
	}
	var out []Group[Volume]
	for i := range tallies {
		if tallies[i].Counts == nil {
			continue
		}
		name := dict.Name(Key(i - 1))
		vol, err := tallies[i].Result(ix, v.label+" / "+by.String()+"="+name, p, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, Group[Volume]{Key: name, Result: vol})
	}
	slices.SortFunc(out, func(a, b Group[Volume]) int { return strings.Compare(a.Key, b.Key) })
	return volumeTotal(v, p, by, opt, out, tallies)
}

// volumeGrid counts the view's activities by group (col, slot 0 for NoKey)
// and kind into one grid, then gives each group with an activity its
// tally.
func volumeGrid(v View, col []Key, tallies []VolumeTally) {
	kinds := v.ix.cols.Activities.Kind
	stride := v.ix.kinds.Len() + 1 // slot 0 for NoKey
	grid := make([]int64, len(tallies)*stride)
	if len(v.acts) == len(col) { // every activity, in row order
		kinds = kinds[:len(col)]
		for i, g := range col {
			grid[int(g+1)*stride+int(kinds[i]+1)]++
		}
	} else {
		for _, r := range v.acts {
			grid[int(col[r]+1)*stride+int(kinds[r]+1)]++
		}
	}
	for g := range tallies {
		counts := grid[g*stride : (g+1)*stride]
		if slices.ContainsFunc(counts, func(n int64) bool { return n > 0 }) {
			tallies[g] = NewVolumeTally(v.ix)
			copy(tallies[g].Counts, counts[1:])
			tallies[g].NoKind = counts[0]
		}
	}
}

// volumeTotal appends the total row by.Total asks for: every activity in p
// is in one of the tallies, merged here.
func volumeTotal(v View, p Period, by By, opt VolumeOptions, out []Group[Volume], tallies []VolumeTally) ([]Group[Volume], error) {
	if !by.Total {
		return out, nil
	}
	t := NewVolumeTally(v.ix)
	for i := range tallies {
		t.Merge(&tallies[i])
	}
	vol, err := t.Result(v.ix, v.label, p, opt)
	if err != nil {
		return nil, err
	}
	return append(out, Group[Volume]{Result: vol, Total: true}), nil
}

func volumeByPeriod(v View, p Period, by By, opt VolumeOptions) ([]Group[Volume], error) {
	ix := v.ix
	// Periods yields nothing on bad settings; PeriodOf says why.
	if _, err := by.Calendar.PeriodOf(by.Grain(), p.Start); err != nil {
		return nil, err
	}
	periods, err := by.Calendar.PeriodsWithin(by.Grain(), p)
	if err != nil {
		return nil, err
	}
	starts := make([]int64, len(periods))
	for i, q := range periods {
		starts[i] = toNanos(q.Start)
	}
	tallies := make([]VolumeTally, len(periods))
	for i := range tallies {
		tallies[i] = NewVolumeTally(ix)
	}
	lo, hi := toNanos(p.Start), toNanos(p.End)
	c := &ix.cols.Activities
	for _, r := range v.acts {
		at := c.At[r]
		if at < lo || at >= hi {
			continue
		}
		// The periods tile [lo, hi), so the one starting at or before at holds it.
		i, found := slices.BinarySearch(starts, at)
		if !found {
			i--
		}
		if i >= 0 {
			tallies[i].Add(c.Kind[r])
		}
	}
	out := make([]Group[Volume], len(periods))
	for i, q := range periods {
		vol, err := tallies[i].Result(ix, v.label+" / period="+q.Name, q, opt)
		if err != nil {
			return nil, err
		}
		out[i] = Group[Volume]{Key: q.Name, Result: vol}
	}
	return volumeTotal(v, p, by, opt, out, tallies)
}

// ConnectOptions says which activities are attempts and which outcomes count
// as connected. The zero value counts calls, connected when the outcome is
// "connected".
type ConnectOptions struct {
	// Kinds are the attempts. nil: KindCall.
	Kinds []Kind
	// Connected are the outcomes that count as a connect. nil:
	// OutcomeConnected.
	Connected []Outcome
}

// ConnectRate is the share of attempts that connected:
//
//	Rate = Connected / Attempts
type ConnectRate struct {
	Scope     string    `json:"scope"`
	Period    Period    `json:"period"`
	Attempts  int64     `json:"attempts"`
	Connected int64     `json:"connected"`
	Rate      float64   `json:"rate"`
	Kinds     []Kind    `json:"kinds"`
	Outcomes  []Outcome `json:"outcomes"`
}

// String reads as "all: 120 of 400 calls connected (30.0%)".
func (c ConnectRate) String() string {
	return fmt.Sprintf("%s: %d of %d attempts connected (%.1f%%) in %s", c.Scope, c.Connected, c.Attempts, 100*c.Rate, periodLabel(c.Period))
}

// Connects returns the connect rate of the view's activities at times in p
// (see ConnectRate). With no attempts the rate is undefined: the error wraps
// ErrNoActivities. An invalid period wraps ErrInvalidPeriod.
func Connects(v View, p Period, opt ConnectOptions) (ConnectRate, error) {
	if err := v.Err(); err != nil {
		return ConnectRate{}, err
	}
	if err := p.Validate(); err != nil {
		return ConnectRate{}, err
	}
	kinds, outcomes := opt.Kinds, opt.Connected
	if kinds == nil {
		kinds = []Kind{KindCall}
	}
	if outcomes == nil {
		outcomes = []Outcome{OutcomeConnected}
	}
	ix := v.ix
	isKind := make([]bool, ix.kinds.Len())
	for _, k := range kinds {
		if key, ok := ix.kinds.Key(string(k)); ok && key != NoKey {
			isKind[key] = true
		}
	}
	isConnected := make([]bool, ix.outcomes.Len())
	for _, o := range outcomes {
		if key, ok := ix.outcomes.Key(string(o)); ok && key != NoKey {
			isConnected[key] = true
		}
	}
	res := ConnectRate{Scope: v.label, Period: p, Kinds: kinds, Outcomes: outcomes}
	lo, hi := toNanos(p.Start), toNanos(p.End)
	c := &ix.cols.Activities
	for _, r := range v.acts {
		if at := c.At[r]; at < lo || at >= hi || !isKind[c.Kind[r]] {
			continue
		}
		res.Attempts++
		if o := c.Outcome[r]; o != NoKey && isConnected[o] {
			res.Connected++
		}
	}
	if res.Attempts == 0 {
		return res, fmt.Errorf("%w: no %v in %s for %s", ErrNoActivities, kinds, periodLabel(p), v.label)
	}
	res.Rate = float64(res.Connected) / float64(res.Attempts)
	return res, nil
}
