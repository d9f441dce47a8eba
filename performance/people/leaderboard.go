package people

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/exact"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/performance"
)

// ErrInvalidScore reports a leaderboard entry that cannot be ranked: an
// empty key, or a key that another entry already has.
var ErrInvalidScore = errors.New("people: invalid score")

// Score is one entry of a leaderboard: a rep's (or team's) value of any KPI,
// exact (bookings, points, a rate as a decimal fraction, cycle days), and an
// optional second value that orders entries with equal values (see
// RankOptions).
type Score struct {
	Key      string                             `json:"key"`
	Value    decimal.Decimal                    `json:"value"`
	Tiebreak activity.Optional[decimal.Decimal] `json:"tiebreak,omitzero"`
}

// MarshalJSON writes s with its decimals as strings.
func (s Score) MarshalJSON() ([]byte, error) { type plain Score; return dec.Marshal(plain(s)) }

// RankMethod says how entries with equal values rank.
type RankMethod uint8

// Rank methods. Every method lists the entries in the same order (see
// Leaderboard); they differ in the ranks they give ties.
const (
	// RankCompetition (the default, "1224" ranking): equal values share the
	// best rank among them and the next value's rank skips as many places
	// as the tie is wide: 1, 2, 2, 4.
	RankCompetition RankMethod = iota
	// RankDense ("1223" ranking): equal values share a rank and the next
	// value takes the next rank, without a gap: 1, 2, 2, 3.
	RankDense
	// RankOrdinal ("1234" ranking): every entry its own rank, equal values
	// ordered by Tiebreak (see RankOptions.TiebreakAscending; an entry
	// with a Tiebreak before one without), then by key: 1, 2, 3, 4.
	RankOrdinal
)

// String returns "competition", "dense" or "ordinal".
func (m RankMethod) String() string {
	switch m {
	case RankCompetition:
		return "competition"
	case RankDense:
		return "dense"
	case RankOrdinal:
		return "ordinal"
	}
	return fmt.Sprintf("RankMethod(%d)", uint8(m))
}

// MarshalText writes String.
func (m RankMethod) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (m *RankMethod) UnmarshalText(text []byte) error {
	v, ok := enumtext.Parse(text, RankCompetition, RankOrdinal, RankMethod.MarshalText)
	if !ok {
		return fmt.Errorf("%w: rank method %q", ErrInvalidOptions, text)
	}
	*m = v
	return nil
}

// RankOptions says how a leaderboard ranks. The zero value ranks higher
// values first, equal values sharing a rank with a skip after them (1, 2, 2,
// 4), and gives each entry its share of the leader's value.
type RankOptions struct {
	// Method: RankCompetition (default), RankDense or RankOrdinal.
	Method RankMethod
	// Ascending ranks lower values first, for KPIs where less is better
	// (cycle days, cost of sale, days to first deal). False: higher first.
	Ascending bool
	// TiebreakAscending puts the lower Tiebreak first among equal values.
	// False: the higher Tiebreak first. It is independent of Ascending: a
	// cycle-length board (Ascending) may break ties by deals won (higher
	// first).
	TiebreakAscending bool
	// Target, when present, gives each entry its progress to it
	// (Value / Target) instead of its share of the leader's value. It must
	// be above zero.
	Target activity.Optional[decimal.Decimal]
	// Unit is what the values are in, carried into each Standing so that
	// the board reads right: a currency code ("USD": values and gaps are
	// money, shown rounded to its minor units) or any word ("points",
	// "days"). Empty: bare numbers.
	Unit string
}

// Validate reports an unknown method (ErrInvalidOptions), a negative target
// (ErrInvalidOptions) and a zero target (ErrInvalidOptions and
// ErrZeroDenominator).
func (o RankOptions) Validate() error {
	if o.Method > RankOrdinal {
		return fmt.Errorf("%w: rank method %v", ErrInvalidOptions, o.Method)
	}
	if t, ok := o.Target.Get(); ok {
		switch t.Sign() {
		case 0:
			return fmt.Errorf("%w: %w: target is 0", ErrInvalidOptions, ErrZeroDenominator)
		case -1:
			return fmt.Errorf("%w: target %s is negative", ErrInvalidOptions, dec.Text(t))
		}
	}
	return nil
}

// Standing is an entry's place on a leaderboard:
//
//	Rank             1 for the best; ties by RankOptions.Method
//	Tied             another entry has an equal Value (under RankOrdinal the
//	                 tie was broken, but it is still reported)
//	ProgressToTarget = Value / Target            with a target
//	MeetsTarget      = Value ≥ Target            (Value ≤ Target when Ascending)
//	ShareOfLeader    = Value / the best Value    without a target, when the
//	                                             best Value is above zero
//	Rate             = ProgressToTarget or ShareOfLeader as a float64, for
//	                   display (0.85 means 85%); 0 when neither is present
//	GapToNext        = |better − Value|, where better is the nearest Value
//	                   strictly better than this one: what the entry must gain
//	                   (or, Ascending, shed) to move up; 0 for the leaders
//	                   (exact, to the places of the more precise of the two)
//
// Ratios are exact decimals rounded half away from zero to 20 places.
// Undefined says why a ratio is absent ("the leader's value is 0").
type Standing struct {
	Rank             int                                `json:"rank"`
	Key              string                             `json:"key"`
	Value            decimal.Decimal                    `json:"value"`
	Tiebreak         activity.Optional[decimal.Decimal] `json:"tiebreak,omitzero"`
	Tied             bool                               `json:"tied"`
	ProgressToTarget activity.Optional[decimal.Decimal] `json:"progress_to_target,omitzero"`
	MeetsTarget      bool                               `json:"meets_target,omitempty"`
	ShareOfLeader    activity.Optional[decimal.Decimal] `json:"share_of_leader,omitzero"`
	Rate             float64                            `json:"rate"`
	GapToNext        decimal.Decimal                    `json:"gap_to_next"`
	Unit             string                             `json:"unit,omitempty"`
	Undefined        string                             `json:"undefined,omitempty"`
}

// MarshalJSON writes s with its decimals as strings.
func (s Standing) MarshalJSON() ([]byte, error) { type plain Standing; return dec.Marshal(plain(s)) }

// String reads as "2= bob 90 (90.0% of the leader, 10 behind)": the rank,
// "=" when tied, the key, the value and its ratio and gap, with the unit
// ("2= bob 90.00 USD (90.0% of the leader, 10.00 USD behind)").
func (s Standing) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", s.Rank)
	if s.Tied {
		b.WriteString("=")
	}
	fmt.Fprintf(&b, " %s %s", s.Key, s.inUnit(s.Value))
	var notes []string
	switch {
	case s.ProgressToTarget.Valid:
		n := fmt.Sprintf("%.1f%% of target", 100*s.Rate)
		if s.MeetsTarget {
			n += ", met"
		}
		notes = append(notes, n)
	case s.ShareOfLeader.Valid:
		notes = append(notes, fmt.Sprintf("%.1f%% of the leader", 100*s.Rate))
	}
	if !s.GapToNext.IsZero() {
		notes = append(notes, s.inUnit(s.GapToNext)+" behind")
	}
	if len(notes) > 0 {
		b.WriteString(" (" + strings.Join(notes, ", ") + ")")
	}
	return b.String()
}

// inUnit writes an amount in the standing's unit: money rounded to its
// currency's minor units, anything else exact.
func (s Standing) inUnit(x decimal.Decimal) string {
	if s.Unit == "" {
		return dec.Text(x)
	}
	if cur := activity.Currency(s.Unit); cur.Validate() == nil {
		return cur.Round(x).StringFixed(cur.MinorUnits()) + " " + s.Unit
	}
	return dec.Text(x) + " " + s.Unit
}

// Leaderboard ranks scores, best first (see RankOptions for the direction
// and the ranking methods, Standing for what each entry carries). Entries
// are listed in one order whatever the method: by Value (higher first, or
// lower when Ascending), equal values by Tiebreak (higher first, or lower
// when TiebreakAscending; present before absent), then by key. Ranks follow
// the method: RankCompetition 1, 2, 2, 4; RankDense 1, 2, 2, 3; RankOrdinal 1, 2, 3, 4
// in that order. Equal values are equal decimals (1.0 equals 1). The order of
// scores does not matter and scores is not modified.
//
// No scores is an empty leaderboard, not an error. Errors: invalid options
// (see RankOptions.Validate); an empty or repeated key (ErrInvalidScore,
// naming the entry).
//
// Cost: O(n log n). Values and tiebreaks are compared as int64 units at a
// common scale (as decimals only past 18 digits or 12 places), keys are
// checked through one map, and each ratio is a 128-bit long division; each
// entry allocates only for its own decimals.
func Leaderboard(scores []Score, opts RankOptions) ([]Standing, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := lbCheckKeys(scores); err != nil {
		return nil, err
	}
	b := lbNewBoard(scores, opts)
	es := b.sorted()

	out := make([]Standing, len(es))
	rank, dense := 0, 0
	lead, better := int32(-1), int32(-1) // the best row; the nearest strictly better row
	if len(es) > 0 {
		lead = es[0].row
	}
	leadPositive := lead >= 0 && scores[lead].Value.IsPositive()
	for n, e := range es {
		i := e.row
		s := &scores[i]
		tiedAbove := n > 0 && b.equal(&e, &es[n-1])
		if !tiedAbove {
			dense++
			rank = n + 1
			if n > 0 {
				better = es[n-1].row
			}
		}
		st := Standing{Key: s.Key, Value: s.Value, Tiebreak: s.Tiebreak, Rank: rank, Unit: opts.Unit}
		switch opts.Method {
		case RankDense:
			st.Rank = dense
		case RankOrdinal:
			st.Rank = n + 1
		}
		st.Tied = tiedAbove || (n+1 < len(es) && b.equal(&e, &es[n+1]))
		if rank > 1 {
			st.GapToNext = b.gap(better, i)
		}
		switch {
		case b.target >= 0:
			r, f := b.ratio(i, b.target)
			st.ProgressToTarget, st.Rate = activity.Some(r), f
			c := b.cmpValue(i, b.target)
			st.MeetsTarget = c == 0 || (c < 0) == opts.Ascending
		case leadPositive:
			r, f := b.ratio(i, lead)
			st.ShareOfLeader, st.Rate = activity.Some(r), f
		default:
			st.Undefined = "no share of the leader: the leader's value is " + dec.Text(scores[lead].Value) + ", not above 0"
		}
		out[n] = st
	}
	return out, nil
}

// lbBoard holds the values of a leaderboard as int64 units at one scale
// (exact.Column), so that sorting, ties, gaps and most ratios need no
// decimal arithmetic; rows that do not fit fall back to decimals. Row
// len(scores) is the target, when there is one.
type lbBoard struct {
	scores []Score
	opts   *RankOptions
	col    exact.Column // values, then the target
	tbs    exact.Column // tiebreaks, 0 where absent
	target int32        // the target's row, or −1
	tgt    decimal.Decimal
}

func lbNewBoard(scores []Score, opts RankOptions) *lbBoard {
	b := &lbBoard{scores: scores, opts: &opts, target: -1}
	b.col.Units = make([]int64, 0, len(scores)+1)
	b.tbs.Units = make([]int64, 0, len(scores))
	for i := range scores {
		b.col.Append(scores[i].Value)
		b.tbs.Append(scores[i].Tiebreak.Value)
	}
	if t, ok := opts.Target.Get(); ok {
		b.target, b.tgt = int32(len(scores)), t
		b.col.Append(t)
	}
	return b
}

// lbEntry is a row with its sort keys side by side, so that the sort reads
// one contiguous slice.
type lbEntry struct {
	v, tb int64 // units, or exact.Marker
	row   int32
	hasTB bool
}

// sorted returns the rows in leaderboard order: by value, then tiebreak,
// then key.
func (b *lbBoard) sorted() []lbEntry {
	es := make([]lbEntry, len(b.scores))
	for i := range es {
		es[i] = lbEntry{v: b.col.Units[i], tb: b.tbs.Units[i], row: int32(i), hasTB: b.scores[i].Tiebreak.Valid}
	}
	desc, tbDesc := !b.opts.Ascending, !b.opts.TiebreakAscending
	slices.SortFunc(es, func(x, y lbEntry) int {
		var c int
		if x.v != exact.Marker && y.v != exact.Marker {
			c = cmp.Compare(x.v, y.v)
		} else {
			c = b.scores[x.row].Value.Cmp(b.scores[y.row].Value)
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		switch {
		case x.hasTB && y.hasTB:
			if x.tb != exact.Marker && y.tb != exact.Marker {
				c = cmp.Compare(x.tb, y.tb)
			} else {
				c = b.scores[x.row].Tiebreak.Value.Cmp(b.scores[y.row].Tiebreak.Value)
			}
			if tbDesc {
				c = -c
			}
			if c != 0 {
				return c
			}
		case x.hasTB:
			return -1
		case y.hasTB:
			return 1
		}
		return cmp.Compare(b.scores[x.row].Key, b.scores[y.row].Key)
	})
	return es
}

// equal reports whether two sorted entries have equal values.
func (b *lbBoard) equal(x, y *lbEntry) bool {
	if x.v != exact.Marker && y.v != exact.Marker {
		return x.v == y.v
	}
	return b.scores[x.row].Value.Equal(b.scores[y.row].Value)
}

// value returns row i's decimal.
func (b *lbBoard) value(i int32) decimal.Decimal {
	if i == b.target {
		return b.tgt
	}
	return b.scores[i].Value
}

// cmpValue compares the values of rows i and j numerically.
func (b *lbBoard) cmpValue(i, j int32) int {
	if x, y := b.col.Units[i], b.col.Units[j]; x != exact.Marker && y != exact.Marker {
		return cmp.Compare(x, y)
	}
	return b.value(i).Cmp(b.value(j))
}

// gap returns |value(i) − value(j)|, exact.
func (b *lbBoard) gap(i, j int32) decimal.Decimal {
	x, y := b.col.Units[i], b.col.Units[j]
	if x != exact.Marker && y != exact.Marker {
		d := x - y
		// No overflow when the signs agree, or when d keeps x's sign.
		if ((x^y) >= 0 || (d^x) >= 0) && d != math.MinInt64 {
			if d < 0 {
				d = -d
			}
			// At the places of the more precise value, as Sub gives it:
			// the units carry only zeros past them.
			places := max(-b.value(i).Exponent(), -b.value(j).Exponent(), 0)
			for p := b.col.Scale; p > places; p-- {
				d /= 10
			}
			return decimal.New(d, -min(places, b.col.Scale))
		}
	}
	return b.value(i).Sub(b.value(j)).Abs()
}

// ratio returns value(i) / value(j), with value(j) above zero, rounded half
// away from zero to ratioScale places, and as a float64.
func (b *lbBoard) ratio(i, j int32) (decimal.Decimal, float64) {
	if r, f, ok := lbQuotient(b.col.Units[i], b.col.Units[j]); ok {
		return r, f
	}
	r := b.value(i).DivRound(b.value(j), ratioScale)
	return r, r.InexactFloat64()
}

// lbPow10 is 10^10, the digits lbQuotient produces a step.
const lbPow10 = 10_000_000_000

// lbQuotient returns x / y, for y > 0, rounded half away from zero to 20
// places (as decimal.DivRound with ratioScale 20), by long division in
// 128-bit steps of ten digits, and the quotient as a float64 (the nearest to
// the exact quotient when x and y are below 2^53). It reports false, for
// the caller to divide decimals, when x or y is the Marker, y is not
// positive, or the quotient is 10^18 or more.
func lbQuotient(x, y int64) (decimal.Decimal, float64, bool) {
	if x == exact.Marker || y == exact.Marker || y <= 0 {
		return decimal.Decimal{}, 0, false
	}
	neg := x < 0
	a, d := uint64(x), uint64(y)
	if neg {
		a = uint64(-x)
	}
	q0, r := a/d, a%d
	if q0 >= 1e18 {
		return decimal.Decimal{}, 0, false // q0 × 10^20 would not fit 128 bits
	}
	// r < d, so r × 10^10 / d < 10^10: each Div64 quotient fits.
	hi, lo := bits.Mul64(r, lbPow10)
	q1, r := bits.Div64(hi, lo, d)
	hi, lo = bits.Mul64(r, lbPow10)
	q2, r := bits.Div64(hi, lo, d)
	// fraction = q1 × 10^10 + q2 < 10^20, in 128 bits; round half up in
	// magnitude.
	fh, fl := bits.Mul64(q1, lbPow10)
	var c uint64
	fl, c = bits.Add64(fl, q2, 0)
	fh += c
	if r >= d-r {
		fl, c = bits.Add64(fl, 1, 0)
		fh += c
	}
	// coefficient = q0 × 10^20 + fraction, 10^20 = 10^10 × 10^10.
	ch, cl := bits.Mul64(q0, lbPow10)
	h2, l2 := bits.Mul64(cl, lbPow10)
	ch = ch*lbPow10 + h2 // q0 < 10^18: the coefficient is below 10^38 < 2^127
	cl = l2
	cl, c = bits.Add64(cl, fl, 0)
	ch, _ = bits.Add64(ch, fh, c)
	var coef *big.Int
	if bits.UintSize == 64 {
		coef = new(big.Int).SetBits([]big.Word{big.Word(cl), big.Word(ch)})
	} else {
		coef = new(big.Int).SetUint64(ch)
		coef.Lsh(coef, 64).Or(coef, new(big.Int).SetUint64(cl))
	}
	if neg {
		coef.Neg(coef)
	}
	f := float64(a) / float64(d)
	if neg {
		f = -f
	}
	return decimal.NewFromBigInt(coef, -ratioScale), f, true
}

// lbCheckKeys reports the first empty key and the first key repeated.
func lbCheckKeys(scores []Score) error {
	seen := make(map[string]int, len(scores))
	for i, s := range scores {
		if s.Key == "" {
			return fmt.Errorf("%w: score %d has an empty key", ErrInvalidScore, i)
		}
		if j, ok := seen[s.Key]; ok {
			return fmt.Errorf("%w: score %d repeats key %q of score %d", ErrInvalidScore, i, s.Key, j)
		}
		seen[s.Key] = i
	}
	return nil
}

// ScoresOf turns the groups of any breakdown into scores, in the groups'
// order: each group's key with value(its result). Groups marked Undefined
// (no value to rank) and the groups of the empty key (deals without the
// dimension, as a team-less deal, and a total row, activity.By.Total) are
// left out. With activity.ByRep()
// every group is a rep. ScoresOf panics if value is nil.
//
//	groups, _ := performance.SalesCycleBy(v, q, activity.ByRep(), performance.CycleOptions{})
//	scores := people.ScoresOf(groups, func(c performance.Cycle) decimal.Decimal { return decimal.NewFromFloat(c.MeanDays) })
//	board, _ := people.Leaderboard(scores, people.RankOptions{Ascending: true})
func ScoresOf[R any](groups []activity.Group[R], value func(R) decimal.Decimal) []Score {
	if value == nil {
		panic("people: ScoresOf with a nil value function")
	}
	out := make([]Score, 0, len(groups))
	for _, g := range groups {
		if g.Undefined != "" || g.Key == "" {
			continue
		}
		out = append(out, Score{Key: g.Key, Value: value(g.Result)})
	}
	return out
}

// BookingsScores turns a bookings breakdown (performance.BookingsBy) into scores: each
// group's booked Amount, with its number of won deals as the Tiebreak
// (more deals first under the default options). Groups are kept or left out
// as by ScoresOf. Groups in different currencies cannot be ranked together:
// the error wraps ErrMixedCurrencies (give performance.BookingsOptions a Conversion).
func BookingsScores(groups []activity.Group[performance.BookingsTotal]) ([]Score, error) {
	var currencies currencyCheck
	out := make([]Score, 0, len(groups))
	for _, g := range groups {
		if g.Undefined != "" || g.Key == "" {
			continue
		}
		if err := currencies.see(g.Key, g.Result.Currency); err != nil {
			return nil, err
		}
		out = append(out, Score{Key: g.Key, Value: g.Result.Amount, Tiebreak: activity.Some(decimal.NewFromInt(g.Result.Deals))})
	}
	return out, nil
}

// WinRateScores turns a win-rate breakdown (WinRateBy) into scores: each
// group's exact win rate as a fraction,
//
//	Value = Won / (Won + Lost)                   by count
//	Value = WonAmount / ClosedAmount             by value
//
// rounded half away from zero to 20 places, with the deals won as the
// Tiebreak (at equal rates, more wins first under the default options).
// Groups are kept or left out as by ScoresOf, which leaves out the groups
// without a decided deal (or, by value, with a zero closed amount).
func WinRateScores(groups []activity.Group[performance.WinLoss]) []Score {
	out := make([]Score, 0, len(groups))
	for _, g := range groups {
		w := g.Result
		if g.Undefined != "" || g.Key == "" || w.Won+w.Lost == 0 {
			continue
		}
		var rate decimal.Decimal
		if w.Basis == performance.ValueBasis {
			if w.ClosedAmount.IsZero() {
				continue
			}
			rate = w.WonAmount.DivRound(w.ClosedAmount, ratioScale)
		} else {
			rate = decimal.NewFromInt(w.Won).DivRound(decimal.NewFromInt(w.Won+w.Lost), ratioScale)
		}
		out = append(out, Score{Key: g.Key, Value: rate, Tiebreak: activity.Some(decimal.NewFromInt(w.Won))})
	}
	return out
}

// PointWeights are the points a contest awards, set by the host:
//
//	points(rep) = Σ over the rep's activities a in the window
//	                  (Kinds[a.Kind] + Outcomes[a.Outcome])
//	              + WonDeal × the deals the rep won in the window
//
// A kind or outcome not in the maps earns nothing. Points may be fractions,
// and negative (a penalty for a no-show).
type PointWeights struct {
	// Kinds are the points per activity of each kind (call 1, meeting 5,
	// demo 10).
	Kinds map[activity.Kind]decimal.Decimal `json:"kinds,omitempty"`
	// Outcomes are the points per activity with each outcome, added to its
	// kind's (connected 2, held 3).
	Outcomes map[activity.Outcome]decimal.Decimal `json:"outcomes,omitempty"`
	// WonDeal is the points per deal won (Status won, closed in the
	// window), credited to the deal's owner.
	WonDeal decimal.Decimal `json:"won_deal"`
}

// MarshalJSON writes w with its decimals as strings.
func (w PointWeights) MarshalJSON() ([]byte, error) {
	type plain PointWeights
	return dec.Marshal(plain(w))
}

// Validate reports an empty kind or outcome among the weights, and weights
// that award no points at all (every weight zero or missing), each wrapping
// ErrInvalidOptions.
func (w PointWeights) Validate() error {
	awards := !w.WonDeal.IsZero()
	for k, p := range w.Kinds {
		if k == "" {
			return fmt.Errorf("%w: points for an empty activity kind", ErrInvalidOptions)
		}
		awards = awards || !p.IsZero()
	}
	for o, p := range w.Outcomes {
		if o == "" {
			return fmt.Errorf("%w: points for an empty activity outcome", ErrInvalidOptions)
		}
		awards = awards || !p.IsZero()
	}
	if !awards {
		return fmt.Errorf("%w: the point weights award no points", ErrInvalidOptions)
	}
	return nil
}

// Points returns each rep's contest points over the window p (see
// PointWeights for the formula), exact: one Score per rep with an activity
// (of any kind, weighted or not) or a won deal in the view in p, in key
// order, without a Tiebreak. A rep who took part but earned nothing scores
// 0; reps with neither are not listed. Activities count when p holds their
// time, deals when p holds their close time. Rank the scores with
// Leaderboard, or call Contest.
//
// Errors: an invalid period (activity.ErrInvalidPeriod); invalid weights
// (see PointWeights.Validate).
//
// Cost: one pass over the view's activities and deals counting by rep and
// weighted kind or outcome (no allocation per record), then one decimal
// product per rep and weight used.
func Points(v activity.View, p activity.Period, weights PointWeights) ([]Score, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := checkPeriod(p); err != nil {
		return nil, err
	}
	if err := weights.Validate(); err != nil {
		return nil, err
	}
	ix := v.Index()
	// Weighted kinds and outcomes get slots 0..nw−1; a slot per rep counts
	// the activities earning that weight. The last slot counts won deals.
	var ws []decimal.Decimal
	kindSlot := lbSlots(ix.Kinds(), weights.Kinds, &ws)
	outSlot := lbSlots(ix.Outcomes(), weights.Outcomes, &ws)
	ws = append(ws, weights.WonDeal)
	nw := len(ws)
	counts := make([]int64, ix.Reps().Len()*nw)
	took := make([]bool, ix.Reps().Len())
	lo, hi := ixcols.Nanos(p.Start), ixcols.Nanos(p.End)

	a := ixcols.ActivitiesOf(ix)
	for _, r := range v.ActivityRows() {
		if at := a.At[r]; at < lo || at >= hi {
			continue
		}
		rep := a.Rep[r]
		if rep < 0 {
			continue
		}
		took[rep] = true
		base := int(rep) * nw
		if s := kindSlot[a.Kind[r]]; s >= 0 {
			counts[base+int(s)]++
		}
		if o := a.Outcome[r]; o >= 0 {
			if s := outSlot[o]; s >= 0 {
				counts[base+int(s)]++
			}
		}
	}
	d := ixcols.DealsOf(ix)
	for _, r := range v.DealRows() {
		if d.Status[r] != activity.StatusWon {
			continue
		}
		if at := d.Closed[r]; at == ixcols.NoTime || at < lo || at >= hi {
			continue
		}
		if rep := d.Owner[r]; rep >= 0 {
			took[rep] = true
			counts[int(rep)*nw+nw-1]++
		}
	}

	var out []Score
	for rep, in := range took {
		if !in {
			continue
		}
		sum := decimal.Zero
		for s, c := range counts[rep*nw : (rep+1)*nw] {
			if c != 0 {
				sum = sum.Add(ws[s].Mul(decimal.NewFromInt(c)))
			}
		}
		out = append(out, Score{Key: ix.Reps().Name(activity.Key(rep)), Value: sum})
	}
	slices.SortFunc(out, func(a, b Score) int { return cmp.Compare(a.Key, b.Key) })
	if out == nil {
		out = []Score{}
	}
	return out, nil
}

// lbSlots gives each key of dict with a nonzero weight in weights a slot
// (appending its weight to ws) and every other key −1. Weights for names
// the index never met are not needed: no record has them.
func lbSlots[K ~string](dict *activity.Dict, weights map[K]decimal.Decimal, ws *[]decimal.Decimal) []int32 {
	slots := make([]int32, dict.Len())
	for k := range slots {
		slots[k] = -1
		if w, ok := weights[K(dict.Name(activity.Key(k)))]; ok && !w.IsZero() {
			slots[k] = int32(len(*ws))
			*ws = append(*ws, w)
		}
	}
	return slots
}

// Contest ranks the reps of the view by their points over the window (see
// Points and PointWeights): Points followed by Leaderboard with opts. Its
// errors are theirs.
func Contest(v activity.View, window activity.Period, weights PointWeights, opts RankOptions) ([]Standing, error) {
	if err := v.Err(); err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	scores, err := Points(v, window, weights)
	if err != nil {
		return nil, err
	}
	return Leaderboard(scores, opts)
}
