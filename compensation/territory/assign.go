// Package territory designs books of business: it assigns accounts to reps
// so that each rep's share of the potential (or workload) matches the
// rep's weight, within each rep's capacity, preferring the rep who fits an
// account better, keeping existing relationships when asked, and explains
// every assignment; and it derives quotas from the potential each rep
// holds. It is quota planning's neighbour, hence under compensation.
//
//	Assign        accounts to reps: a deterministic greedy (largest first to
//	              the rep left least loaded after it, fit as a bounded
//	              preference) and a local search that moves accounts off the
//	              most loaded rep while that lowers the maximum load; the
//	              imbalance reported beside a proven lower bound
//	Quotas        rep quotas from the potential of their books
//	              (compensation.Allocate: largest remainder, exact)
//	TerritoryQuotas  a number split among territories by their potential
package territory

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/compensation"
)

// Sentinel errors.
var (
	// ErrInvalidOptions reports inputs out of range: no rep, a repeated
	// or empty rep id, a negative weight or capacity, an invalid account,
	// nothing to balance.
	ErrInvalidOptions = errors.New("territory: invalid options")
	// ErrMixedCurrencies reports accounts whose potentials are in more
	// than one currency.
	ErrMixedCurrencies = errors.New("territory: potentials in more than one currency")
	// ErrInfeasible reports accounts the reps' capacities cannot hold.
	ErrInfeasible = errors.New("territory: capacities cannot hold the accounts")
)

// Rep is a rep accounts can be assigned to.
type Rep struct {
	ID string
	// Weight is the rep's share of the potential relative to the others: 1
	// a full rep, 0.5 one who ramps or works half time. Zero means 1.
	Weight decimal.Decimal
	// Capacity is the most workload (activity.Account.Workload) the rep
	// can carry; zero: no limit.
	Capacity decimal.Decimal
	// Region is the rep's home region (activity.Account.Region).
	Region string
	// Experience is the rep's experience, 0 to 1, by segment or industry
	// name (activity.Account.Segment, Industry).
	Experience map[string]float64
}

// Balance is what an assignment balances.
type Balance uint8

// Balances.
const (
	// BalancePotential (the default) balances the accounts' potential.
	BalancePotential Balance = iota
	// BalanceWorkload balances their workload.
	BalanceWorkload
)

// Options says how Assign designs the books. The zero value balances
// potential, prefers the better-fitting rep within 5% of a target, and
// assigns every account afresh.
type Options struct {
	Balance Balance
	// Keep leaves every account whose Owner is one of the reps with that
	// rep (existing relationships), and balances the others around them.
	Keep bool
	// FitWeight is how much load a better fit may cost: a rep whose fit
	// (see Fit) is higher by 1 wins an account while at most FitWeight of
	// a target more loaded. Zero means 0.05; negative, no preference.
	FitWeight float64
	// MaxMoves bounds the local search; zero: 20 × the accounts.
	MaxMoves int
}

// Fit is how well rep r suits account a, from 0 to 1:
//
//	0.4 × (r's home region is a's region)
//	+ 0.4 × r's experience in a's segment or industry (the higher)
//	+ 0.2 × (r owns a now)
func Fit(a activity.Account, r Rep) float64 {
	f := 0.0
	if r.Region != "" && r.Region == a.Region {
		f += 0.4
	}
	e := 0.0
	for _, k := range [...]string{a.Segment, a.Industry} {
		if k != "" {
			e = max(e, clamp01(r.Experience[k]))
		}
	}
	f += float64(0.4 * e)
	if a.Owner != "" && a.Owner == r.ID {
		f += 0.2
	}
	return f
}

func clamp01(x float64) float64 {
	if x > 0 && x <= 1 {
		return x
	}
	if x > 1 {
		return 1
	}
	return 0
}

// Reason is why an account went to its rep.
type Reason string

// Reasons.
const (
	// ReasonKept: the rep owns the account now and Options.Keep was set.
	ReasonKept Reason = "kept"
	// ReasonBalance: the rep was left least loaded by it (a better fit
	// elsewhere did not make up the difference).
	ReasonBalance Reason = "balance"
	// ReasonFit: a more loaded rep, preferred for a better fit.
	ReasonFit Reason = "fit"
	// ReasonMoved: moved by the local search off the most loaded rep.
	ReasonMoved Reason = "moved"
)

// Placed is one account's assignment and why.
type Placed struct {
	Account string `json:"account"`
	Rep     string `json:"rep"`
	Reason  Reason `json:"reason"`
	// Fit is the rep's fit to the account; Load the rep's load just after
	// the account was placed; RunnerUp the rep that came second (with its
	// fit), "" when there was no choice.
	Fit         float64 `json:"fit"`
	Load        float64 `json:"load"`
	RunnerUp    string  `json:"runner_up,omitempty"`
	RunnerUpFit float64 `json:"runner_up_fit,omitempty"`
}

// String says why: "acct-0001 → rep-03: fit 0.80 against rep-07's 0.40,
// load 0.93 after it".
func (p Placed) String() string {
	s := fmt.Sprintf("%s → %s (%s): fit %.2f", p.Account, p.Rep, p.Reason, p.Fit)
	if p.RunnerUp != "" {
		s += fmt.Sprintf(" against %s's %.2f", p.RunnerUp, p.RunnerUpFit)
	}
	return s + fmt.Sprintf(", load %.3f after it", p.Load)
}

// Book is one rep's book of business.
type Book struct {
	Rep       string          `json:"rep"`
	Accounts  int             `json:"accounts"`
	Potential decimal.Decimal `json:"potential"`
	Workload  decimal.Decimal `json:"workload"`
	// Target is the rep's fair share of what is balanced (potential or
	// workload): the total × weight / Σ weights; Load is the rep's
	// balanced amount over it (1: exactly the fair share).
	Target float64 `json:"target"`
	Load   float64 `json:"load"`
}

// Assignment is a territory design: where every account went and why, each
// rep's book, and how balanced it is:
//
//	Imbalance = max over reps of Load − 1      (the most overloaded rep's excess)
//	Spread    = max Load − min Load
//	Bound     = a lower bound on Imbalance that no assignment can beat:
//	            max(0, the largest kept book's Load − 1,
//	                the largest account / the largest Target that can hold it − 1)
//
// (every account is assigned whole, so the most loaded rep carries at
// least the average, 1, at least what is kept, and at least the largest
// account). Imbalance − Bound is how far from the best possible the design
// may be.
type Assignment struct {
	Placed    []Placed          `json:"placed"`
	Books     []Book            `json:"books"`
	Balance   Balance           `json:"balance"`
	Currency  activity.Currency `json:"currency,omitempty"`
	Imbalance float64           `json:"imbalance"`
	Spread    float64           `json:"spread"`
	Bound     float64           `json:"bound"`
	MeanFit   float64           `json:"mean_fit"`
	Moves     int               `json:"moves"`
}

// Assign assigns every account to one rep (see Options and Assignment):
//
//  1. with Options.Keep, accounts owned by one of the reps go to their
//     owner;
//  2. the rest, largest first (ties by id), each to the rep with room for
//     its workload whose load after it, less FitWeight × fit, is lowest
//     (ties to the rep first by id);
//  3. a local search then repeatedly moves one account (not a kept one)
//     off the most loaded rep to the rep with room where the larger of the
//     two loads after the move is lowest, if that is below the most loaded
//     rep's load now (a better fit breaking ties), up to MaxMoves moves.
//
// It is deterministic: the same accounts and reps in any order give the
// same design. Every account is assigned exactly once and no rep's
// workload exceeds its capacity. Errors: ErrInvalidOptions (no rep, an
// empty or repeated rep id, a negative weight or capacity, an invalid or
// repeated account, nothing to balance), ErrMixedCurrencies, ErrInfeasible
// (kept accounts over their owner's capacity, or an account no rep has
// room for).
func Assign(accounts []activity.Account, reps []Rep, opts Options) (Assignment, error) {
	if len(reps) == 0 {
		return Assignment{}, fmt.Errorf("%w: no rep", ErrInvalidOptions)
	}
	if opts.Balance > BalanceWorkload || opts.MaxMoves < 0 || math.IsNaN(opts.FitWeight) || math.IsInf(opts.FitWeight, 0) {
		return Assignment{}, fmt.Errorf("%w: balance %d, %d moves, fit weight %v", ErrInvalidOptions, opts.Balance, opts.MaxMoves, opts.FitWeight)
	}
	fitWeight := opts.FitWeight
	switch {
	case fitWeight == 0:
		fitWeight = 0.05
	case fitWeight < 0:
		fitWeight = 0
	}
	// Reps by id.
	rs := slices.Clone(reps)
	slices.SortFunc(rs, func(a, b Rep) int { return cmp.Compare(a.ID, b.ID) })
	repAt := make(map[string]int, len(rs))
	var weights float64
	for i, r := range rs {
		switch {
		case r.ID == "":
			return Assignment{}, fmt.Errorf("%w: a rep without an id", ErrInvalidOptions)
		case i > 0 && rs[i-1].ID == r.ID:
			return Assignment{}, fmt.Errorf("%w: rep %q twice", ErrInvalidOptions, r.ID)
		case r.Weight.IsNegative() || r.Capacity.IsNegative() || tooLarge(r.Weight) || tooLarge(r.Capacity):
			return Assignment{}, fmt.Errorf("%w: rep %q with weight %s and capacity %s (non-negative, below 10^30)", ErrInvalidOptions, r.ID, r.Weight, r.Capacity)
		}
		repAt[r.ID] = i
		weights += weightOf(r)
	}
	// Accounts by input position; their balanced amounts and workloads.
	n := len(accounts)
	x := make([]float64, n)  // balanced amount
	wl := make([]float64, n) // workload
	seen := make(map[string]bool, n)
	var cur activity.Currency
	var sum decimal.Decimal // exact, so that the targets do not depend on the input's order
	for i := range accounts {
		a := &accounts[i]
		if err := a.Validate(); err != nil {
			return Assignment{}, fmt.Errorf("%w: account %d: %w", ErrInvalidOptions, i, err)
		}
		if seen[a.ID] {
			return Assignment{}, fmt.Errorf("%w: account %q twice", ErrInvalidOptions, a.ID)
		}
		seen[a.ID] = true
		if a.Potential.Valid {
			if cur == "" {
				cur = a.Currency
			} else if a.Currency != cur {
				return Assignment{}, fmt.Errorf("%w: %s and %s", ErrMixedCurrencies, cur, a.Currency)
			}
		}
		wl[i] = a.Workload.Value.InexactFloat64()
		if opts.Balance == BalanceWorkload {
			x[i] = wl[i]
			sum = sum.Add(a.Workload.Value)
		} else {
			x[i] = a.Potential.Value.InexactFloat64()
			sum = sum.Add(a.Potential.Value)
		}
	}
	total := sum.InexactFloat64()
	// Accounts in id order: every pass below walks them so, and the
	// design does not depend on the order they were given in.
	byID := make([]int, n)
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(a, b int) int { return cmp.Compare(accounts[a].ID, accounts[b].ID) })
	if n > 0 && !(total > 0) {
		return Assignment{}, fmt.Errorf("%w: the accounts have no %s to balance", ErrInvalidOptions, map[Balance]string{BalancePotential: "potential", BalanceWorkload: "workload"}[opts.Balance])
	}
	target := make([]float64, len(rs))
	capacity := make([]float64, len(rs)) // +Inf: no limit
	for i, r := range rs {
		target[i] = total * (weightOf(r) / weights)
		capacity[i] = math.Inf(1)
		if r.Capacity.IsPositive() {
			capacity[i] = r.Capacity.InexactFloat64()
		}
	}
	fit := newFitTable(accounts, rs, repAt)
	load := make([]float64, len(rs)) // balanced amount held
	used := make([]float64, len(rs)) // workload held
	of := make([]int, n)             // rep of each account
	kept := make([]bool, n)
	placed := make([]Placed, n)
	loadOf := func(r int, amount float64) float64 {
		if target[r] == 0 {
			if amount == 0 {
				return 0
			}
			return math.Inf(1)
		}
		return amount / target[r]
	}
	// 1. Kept accounts.
	for i := range of {
		of[i] = -1
	}
	for _, i := range byID {
		a := &accounts[i]
		if r, ok := repAt[a.Owner]; ok && opts.Keep && a.Owner != "" {
			of[i], kept[i] = r, true
			load[r] += x[i]
			used[r] += wl[i]
			placed[i] = Placed{Account: a.ID, Rep: rs[r].ID, Reason: ReasonKept, Fit: fit.of(i, r)}
		}
	}
	for r := range rs {
		if used[r] > capacity[r] {
			return Assignment{}, fmt.Errorf("%w: rep %q keeps %g of workload, capacity %g", ErrInfeasible, rs[r].ID, used[r], capacity[r])
		}
	}
	for i := range placed {
		if kept[i] {
			placed[i].Load = loadOf(of[i], load[of[i]])
		}
	}
	// 2. The rest, largest first.
	order := make([]int, 0, n)
	for i := range accounts {
		if !kept[i] {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(x[b], x[a]), cmp.Compare(accounts[a].ID, accounts[b].ID))
	})
	for _, i := range order {
		a := &accounts[i]
		best, second := -1, -1
		var bestScore, secondScore, bestFit, secondFit float64
		for r := range rs {
			if used[r]+wl[i] > capacity[r] {
				continue
			}
			f := fit.of(i, r)
			score := loadOf(r, load[r]+x[i]) - float64(fitWeight*f)
			switch {
			case best < 0 || score < bestScore:
				best, bestScore, bestFit, second, secondScore, secondFit = r, score, f, best, bestScore, bestFit
			case second < 0 || score < secondScore:
				second, secondScore, secondFit = r, score, f
			}
		}
		if best < 0 {
			return Assignment{}, fmt.Errorf("%w: no rep has room for account %q's workload of %g", ErrInfeasible, a.ID, wl[i])
		}
		of[i] = best
		load[best] += x[i]
		used[best] += wl[i]
		p := Placed{Account: a.ID, Rep: rs[best].ID, Reason: ReasonBalance, Fit: bestFit, Load: loadOf(best, load[best])}
		if second >= 0 {
			p.RunnerUp, p.RunnerUpFit = rs[second].ID, secondFit
			// The runner-up would have been less loaded: fit decided.
			if loadOf(second, load[second]+x[i]) < p.Load {
				p.Reason = ReasonFit
			}
		}
		placed[i] = p
	}
	// 3. Local search off the most loaded rep.
	byRep := make([][]int, len(rs)) // each in id order
	for _, i := range byID {
		byRep[of[i]] = append(byRep[of[i]], i)
	}
	maxMoves := opts.MaxMoves
	if maxMoves == 0 {
		maxMoves = 20 * n
	}
	moves := 0
	for moves < maxMoves {
		top := 0
		for r := range rs {
			if loadOf(r, load[r]) > loadOf(top, load[top]) {
				top = r
			}
		}
		now := loadOf(top, load[top])
		bestI, bestTo, bestMax, bestFit := -1, -1, now, -1.0
		for _, i := range byRep[top] {
			if kept[i] {
				continue
			}
			from := loadOf(top, load[top]-x[i])
			for r := range rs {
				if r == top || used[r]+wl[i] > capacity[r] {
					continue
				}
				m := max(from, loadOf(r, load[r]+x[i]))
				f := fit.of(i, r)
				if m < bestMax || (m == bestMax && bestI >= 0 && f > bestFit) {
					bestI, bestTo, bestMax, bestFit = i, r, m, f
				}
			}
		}
		if bestI < 0 || !(bestMax < now) {
			break
		}
		i := bestI
		load[top] -= x[i]
		used[top] -= wl[i]
		load[bestTo] += x[i]
		used[bestTo] += wl[i]
		byRep[top] = slices.DeleteFunc(byRep[top], func(j int) bool { return j == i })
		j, _ := slices.BinarySearchFunc(byRep[bestTo], i, func(k, i int) int { return cmp.Compare(accounts[k].ID, accounts[i].ID) })
		byRep[bestTo] = slices.Insert(byRep[bestTo], j, i)
		of[i] = bestTo
		placed[i] = Placed{Account: accounts[i].ID, Rep: rs[bestTo].ID, Reason: ReasonMoved, Fit: bestFit, Load: loadOf(bestTo, load[bestTo]),
			RunnerUp: rs[top].ID, RunnerUpFit: fit.of(i, top)}
		moves++
	}

	// The books and the measures.
	asg := Assignment{Placed: placed, Balance: opts.Balance, Currency: cur, Moves: moves}
	asg.Books = make([]Book, len(rs))
	for r := range rs {
		asg.Books[r] = Book{Rep: rs[r].ID, Target: target[r]}
	}
	var fits float64
	for i, r := range of {
		b := &asg.Books[r]
		b.Accounts++
		b.Potential = b.Potential.Add(accounts[i].Potential.Value)
		b.Workload = b.Workload.Add(accounts[i].Workload.Value)
		fits += placed[i].Fit
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for r := range rs {
		l := loadOf(r, load[r])
		asg.Books[r].Load = l
		lo, hi = min(lo, l), max(hi, l)
	}
	if n > 0 {
		asg.Imbalance, asg.Spread, asg.MeanFit = hi-1, hi-lo, fits/float64(n)
		asg.Bound = bound(x, kept, of, target, capacity, wl)
	}
	return asg, nil
}

// fitTable computes Fit by table look-ups: the accounts' regions, segments
// and industries interned, each rep's experience in each of them.
type fitTable struct {
	region, segment, industry, owner []int32 // by account; −1: none
	repRegion                        []int32 // by rep
	exp                              [][]float64
}

func newFitTable(accounts []activity.Account, rs []Rep, repAt map[string]int) *fitTable {
	keys := map[string]int32{}
	key := func(s string) int32 {
		if s == "" {
			return -1
		}
		k, ok := keys[s]
		if !ok {
			k = int32(len(keys))
			keys[s] = k
		}
		return k
	}
	n := len(accounts)
	t := &fitTable{region: make([]int32, n), segment: make([]int32, n), industry: make([]int32, n), owner: make([]int32, n),
		repRegion: make([]int32, len(rs)), exp: make([][]float64, len(rs))}
	for i := range accounts {
		a := &accounts[i]
		t.region[i], t.segment[i], t.industry[i] = key(a.Region), key(a.Segment), key(a.Industry)
		t.owner[i] = -1
		if r, ok := repAt[a.Owner]; ok && a.Owner != "" {
			t.owner[i] = int32(r)
		}
	}
	for r, rep := range rs {
		if k, ok := keys[rep.Region]; ok && rep.Region != "" {
			t.repRegion[r] = k
		} else {
			t.repRegion[r] = -2 // matches no account
		}
		t.exp[r] = make([]float64, len(keys))
		for name, e := range rep.Experience {
			if k, ok := keys[name]; ok {
				t.exp[r][k] = clamp01(e)
			}
		}
	}
	return t
}

// of returns Fit(accounts[i], rs[r]).
func (t *fitTable) of(i, r int) float64 {
	f := 0.0
	if t.region[i] >= 0 && t.region[i] == t.repRegion[r] {
		f += 0.4
	}
	e := 0.0
	if k := t.segment[i]; k >= 0 {
		e = t.exp[r][k]
	}
	if k := t.industry[i]; k >= 0 {
		e = max(e, t.exp[r][k])
	}
	f += float64(0.4 * e)
	if t.owner[i] == int32(r) {
		f += 0.2
	}
	return f
}

// bound is a lower bound on the imbalance of any assignment: the most
// loaded rep carries at least the average (1), at least what is kept
// with it, and at least the largest account at the largest target that
// has room for it.
func bound(x []float64, kept []bool, of []int, target, capacity, wl []float64) float64 {
	lb := 1.0
	keptLoad := make([]float64, len(target))
	big := -1
	for i := range x {
		if kept[i] {
			keptLoad[of[i]] += x[i]
		} else if big < 0 || x[i] > x[big] {
			big = i
		}
	}
	for r := range target {
		if target[r] > 0 {
			lb = max(lb, keptLoad[r]/target[r])
		}
	}
	if big >= 0 {
		room := 0.0
		for r := range target {
			if wl[big] <= capacity[r] {
				room = max(room, target[r])
			}
		}
		if room > 0 {
			lb = max(lb, x[big]/room)
		}
	}
	return lb - 1
}

// tooLarge reports a number past the records' amount limit, 10^30, where
// loads computed in float64 would lose all meaning.
func tooLarge(d decimal.Decimal) bool {
	return d.Abs().GreaterThanOrEqual(decimal.New(1, activity.MaxAmountDigits))
}

func weightOf(r Rep) float64 {
	if r.Weight.IsZero() {
		return 1
	}
	return r.Weight.InexactFloat64()
}

// Quotas derives each rep's quota from the potential of the rep's book:
// total (the number to be made) split in proportion to the books'
// potential by compensation.Allocate (largest remainder in the currency's
// minor units, adding up exactly; over-assignment and metric as opts
// say). A book of no potential gets zero. Errors are Allocate's.
func Quotas(a Assignment, total decimal.Decimal, currency activity.Currency, opts compensation.AllocateOptions) ([]activity.Quota, error) {
	ws := make([]compensation.Weight, len(a.Books))
	for i, b := range a.Books {
		ws[i] = compensation.Weight{Rep: b.Rep, Weight: b.Potential}
	}
	return compensation.Allocate(total, currency, ws, opts)
}

// TerritoryQuota is a territory's share of a number to be made.
type TerritoryQuota struct {
	Territory string            `json:"territory"`
	Potential decimal.Decimal   `json:"potential"`
	Amount    decimal.Decimal   `json:"amount"`
	Currency  activity.Currency `json:"currency"`
}

// TerritoryQuotas splits total among the territories the accounts are in
// at time at (activity.Account.TerritoryAt; "" for none) in proportion to
// their accounts' potential, by compensation.Allocate (largest remainder
// in the currency's minor units, adding up exactly), in territory order.
// Accounts that fail Validate, or potentials in several currencies, are
// errors wrapping ErrInvalidOptions or ErrMixedCurrencies; the rest are
// Allocate's.
func TerritoryQuotas(accounts []activity.Account, total decimal.Decimal, currency activity.Currency, at time.Time) ([]TerritoryQuota, error) {
	sums := map[string]decimal.Decimal{}
	var cur activity.Currency
	for i, a := range accounts {
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("%w: account %d: %w", ErrInvalidOptions, i, err)
		}
		if a.Potential.Valid {
			if cur == "" {
				cur = a.Currency
			} else if a.Currency != cur {
				return nil, fmt.Errorf("%w: %s and %s", ErrMixedCurrencies, cur, a.Currency)
			}
		}
		t := a.TerritoryAt(at)
		sums[t] = sums[t].Add(a.Potential.Value)
	}
	names := slices.Sorted(maps.Keys(sums))
	ws := make([]compensation.Weight, len(names))
	for i, n := range names {
		ws[i] = compensation.Weight{Rep: "territory:" + n, Weight: sums[n]}
	}
	qs, err := compensation.Allocate(total, currency, ws, compensation.AllocateOptions{Period: activity.Period{Start: at, End: at.Add(time.Nanosecond)}})
	if err != nil {
		return nil, err
	}
	out := make([]TerritoryQuota, len(names))
	for i, q := range qs { // Allocate sorts by its rep ids: the territories' order
		n := names[i]
		out[i] = TerritoryQuota{Territory: n, Potential: sums[n], Amount: q.Amount.Value, Currency: q.Currency}
	}
	return out, nil
}
