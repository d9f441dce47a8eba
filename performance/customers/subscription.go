package customers

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math"
	"math/bits"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// Subscription is one recurring-revenue contract of an account: Amount is
// charged every BillingMonths months from Start until End. Its monthly
// recurring revenue (MRR) is Amount / BillingMonths: an annual prepay of
// 12,000 is 1,000 a month. Changes re-price it from a moment on (an upgrade,
// a downgrade, a seat change); an End ends it (a cancellation takes effect at
// End, so a subscription ending on 1 February is January's revenue and
// February's churn).
//
// An account may hold several subscriptions at once for different products;
// two subscriptions of one account and product in force at the same moment
// are an error (usually a double entry). The account is the customer: an
// account is a customer while its MRR, summed over its subscriptions, is
// above zero (a free plan at 0 is not).
type Subscription struct {
	ID      string `json:"id"`
	Account string `json:"account"`
	// Product tells apart subscriptions one account holds at the same time.
	Product string `json:"product,omitempty"`
	// Start is when the subscription begins. Required.
	Start time.Time `json:"start"`
	// End is when it stops (exclusive); the zero time means still running.
	End time.Time `json:"end,omitzero"`
	// Amount is charged per billing interval; zero or more.
	Amount   decimal.Decimal   `json:"amount"`
	Currency activity.Currency `json:"currency"`
	// BillingMonths is the billing interval in months: 1 monthly (also
	// the zero value), 3 quarterly, 12 annual, 24 a two-year prepay; at
	// most 120.
	BillingMonths int `json:"billing_months,omitempty"`
	// Changes re-price the subscription, each from At on, in time order,
	// strictly inside (Start, End).
	Changes []AmountChange `json:"changes,omitempty"`

	// The contract's term, for renewals (see Renewals); all optional.

	// TermMonths is the contract's term from Start in months, at most 120:
	// it is up for renewal at Start plus TermMonths (a term from 31 January
	// of one month ends on 28 or 29 February). Zero, with no TermEnd: no
	// term (month-to-month or evergreen), never up for renewal.
	TermMonths int `json:"term_months,omitempty"`
	// TermEnd is the renewal date itself, for a term not in whole months.
	// Give at most one of TermMonths and TermEnd.
	TermEnd time.Time `json:"term_end,omitzero"`
	// AutoRenew says the contract renews itself at its term's end unless
	// notice is given.
	AutoRenew bool `json:"auto_renew,omitempty"`
	// NoticeDays is how many days before the term's end notice must be
	// given (to cancel an auto-renewing contract, or to renegotiate); at
	// most 3,660.
	NoticeDays int `json:"notice_days,omitempty"`
	// RenewedBy is the id of the subscription of the same account that
	// renewed this one (a new contract, often at a new price). Empty: it
	// renewed in place if it runs on past its term's end, else it did not
	// renew.
	RenewedBy string `json:"renewed_by,omitempty"`
}

// maxNoticeDays bounds NoticeDays (ten years).
const maxNoticeDays = 3660

// termEnd returns the end of s's term, or the zero time for none.
func (s *Subscription) termEnd() time.Time {
	if !s.TermEnd.IsZero() || s.TermMonths == 0 {
		return s.TermEnd
	}
	return addMonths(s.Start, s.TermMonths)
}

// addMonths returns t plus n calendar months in t's zone, the day clamped
// to the month's last (31 January plus one month is 28 or 29 February).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// AmountChange is a subscription's new amount per billing interval from At
// on.
type AmountChange struct {
	At     time.Time       `json:"at"`
	Amount decimal.Decimal `json:"amount"`
}

// maxBillingMonths bounds BillingMonths (ten years).
const maxBillingMonths = 120

// UnmarshalJSON reads a subscription, with times in any form
// activity.ParseTime reads and its amount required (see
// activity.DecodeAmount: absent is not zero).
func (s *Subscription) UnmarshalJSON(b []byte) error {
	type plain Subscription
	aux := struct {
		*plain
		Start  jsonTime        `json:"start"`
		End    jsonTime        `json:"end"`
		Amount json.RawMessage `json:"amount"`
	}{plain: (*plain)(s), Start: jsonTime{&s.Start}, End: jsonTime{&s.End}}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	return decodeAmount(&s.Amount, aux.Amount)
}

// MarshalJSON writes s with its amounts as strings of their digits.
func (s Subscription) MarshalJSON() ([]byte, error) {
	type plain Subscription
	return dec.Marshal(plain(s))
}

// UnmarshalJSON reads a change, with its time in any form
// activity.ParseTime reads.
func (c *AmountChange) UnmarshalJSON(b []byte) error {
	type plain AmountChange
	aux := struct {
		*plain
		At     jsonTime        `json:"at"`
		Amount json.RawMessage `json:"amount"`
	}{plain: (*plain)(c), At: jsonTime{&c.At}}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	return decodeAmount(&c.Amount, aux.Amount)
}

// MarshalJSON writes c with its amount as a string of its digits.
func (c AmountChange) MarshalJSON() ([]byte, error) {
	type plain AmountChange
	return dec.Marshal(plain(c))
}

// months returns the billing interval in months (the zero value is 1).
func (s *Subscription) months() int64 {
	if s.BillingMonths == 0 {
		return 1
	}
	return int64(s.BillingMonths)
}

// Validate reports every problem with s on its own, as
// *activity.RecordError values joined with errors.Join, each wrapping
// ErrInvalidSubscription: an empty id or account, a zero start, an end not
// after the start, a time outside the years 1900 to 2199, a negative amount
// or one with more than 12 decimal places, an invalid currency, a billing
// interval outside 1..120 months, a change not strictly inside the
// subscription or out of time order. Overlaps and mixed currencies need the
// other records and are found by NewSubscriptions.
func (s Subscription) Validate() error {
	p := recordProblems{record: "subscription", index: -1, id: s.ID}
	s.check(&p)
	return p.err()
}

func (s *Subscription) check(p *recordProblems) {
	bad := func(field, format string, args ...any) {
		p.add(field, fmt.Errorf("%w: "+format, append([]any{ErrInvalidSubscription}, args...)...))
	}
	if s.ID == "" {
		bad("id", "no id")
	}
	if s.Account == "" {
		bad("account", "no account")
	}
	switch {
	case s.Start.IsZero():
		bad("start", "no start")
	case !inRecordYears(s.Start):
		bad("start", "year %d outside 1900..2199", s.Start.Year())
	}
	if !s.End.IsZero() {
		switch {
		case !inRecordYears(s.End):
			bad("end", "year %d outside 1900..2199", s.End.Year())
		case !s.Start.IsZero() && !s.End.After(s.Start):
			bad("end", "ends %s, not after its start %s", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
		}
	}
	checkAmount := func(field string, a decimal.Decimal) {
		switch {
		case a.IsNegative():
			bad(field, "negative amount %s", a)
		case dec.Places(a) > maxAmountScale:
			bad(field, "amount %s has more than %d decimal places", a, maxAmountScale)
		}
	}
	checkAmount("amount", s.Amount)
	if err := s.Currency.Validate(); err != nil {
		p.add("currency", fmt.Errorf("%w: %w", ErrInvalidSubscription, err))
	}
	if s.BillingMonths < 0 || s.BillingMonths > maxBillingMonths {
		bad("billing_months", "billing interval of %d months outside 1..%d", s.BillingMonths, maxBillingMonths)
	}
	switch {
	case s.TermMonths < 0 || s.TermMonths > maxBillingMonths:
		bad("term_months", "term of %d months outside 0..%d", s.TermMonths, maxBillingMonths)
	case s.TermMonths > 0 && !s.TermEnd.IsZero():
		bad("term_end", "both a term of %d months and a term end %s", s.TermMonths, s.TermEnd.Format(time.RFC3339))
	case !s.TermEnd.IsZero() && !inRecordYears(s.TermEnd):
		bad("term_end", "year %d outside 1900..2199", s.TermEnd.Year())
	case !s.TermEnd.IsZero() && !s.Start.IsZero() && !s.TermEnd.After(s.Start):
		bad("term_end", "term ends %s, not after its start %s", s.TermEnd.Format(time.RFC3339), s.Start.Format(time.RFC3339))
	}
	if s.NoticeDays < 0 || s.NoticeDays > maxNoticeDays {
		bad("notice_days", "notice of %d days outside 0..%d", s.NoticeDays, maxNoticeDays)
	}
	if s.RenewedBy != "" && s.RenewedBy == s.ID {
		bad("renewed_by", "renewed by itself")
	}
	prev := s.Start
	for i, c := range s.Changes {
		field := fmt.Sprintf("changes[%d]", i)
		switch {
		case c.At.IsZero():
			bad(field+".at", "change without a time")
		case !c.At.After(prev):
			bad(field+".at", "change at %s not after the start or the change before it", c.At.Format(time.RFC3339))
		case !s.End.IsZero() && !c.At.Before(s.End):
			bad(field+".at", "change at %s not before the end %s", c.At.Format(time.RFC3339), s.End.Format(time.RFC3339))
		}
		if !c.At.IsZero() {
			prev = c.At
		}
		checkAmount(field+".amount", c.Amount)
	}
}

// maxAmountScale is the most decimal places a subscription or spend amount
// may have: exact sums run on int64 units at the largest scale in use.
const maxAmountScale = 12

func inRecordYears(t time.Time) bool { y := t.Year(); return y >= 1900 && y < 2200 }

// recordProblems collects the RecordErrors of one record kind.
type recordProblems struct {
	record string
	index  int
	id     string
	errs   []error
}

func (p *recordProblems) add(field string, err error) {
	p.errs = append(p.errs, &activity.RecordError{Record: p.record, Index: p.index, ID: p.id, Field: field, Err: err})
}

func (p *recordProblems) err() error { return errors.Join(p.errs...) }

// SubscriptionOptions says how NewSubscriptions treats its input. The zero
// value takes the currency of the first subscription and fails on any
// invalid record.
type SubscriptionOptions struct {
	// Currency is the one currency every amount must be in. Empty: the
	// first subscription's. Amounts in another currency are errors
	// wrapping ErrMixedCurrencies (convert them before, at the rate your
	// finance team uses for recurring revenue: a fixed plan rate keeps
	// exchange-rate moves out of expansion and contraction).
	Currency activity.Currency
	// SkipInvalid builds from the valid subscriptions and reports the
	// others through Skipped instead of failing.
	SkipInvalid bool
}

// Subscriptions is a validated, indexed set of subscriptions: the recurring
// revenue of every account over time, as a step function per account. It is
// the input of the customer KPIs (movements, churn, retention, cohorts,
// survival, ARPA, CAC). Build it with NewSubscriptions; it is immutable and
// safe for concurrent use.
//
// Internally an account's MRR is held exactly in integer units of
// 1 / (K × 10^scale) of the currency a month, where K is the least common
// multiple of the billing intervals in use, so that amount ÷ billing months
// never rounds and every sum is exact; MRR figures are divided back once,
// when reported (see MRR).
type Subscriptions struct {
	currency activity.Currency
	scale    int32 // decimal places of the amounts
	k        int64 // least common multiple of the billing months
	n        int   // subscriptions kept
	accounts []string
	evStart  []int32 // account a's events are evTime[evStart[a]:evStart[a+1]]
	evTime   []int64 // Unix nanoseconds, ascending within an account
	evLevel  []int64 // the account's MRR in units from this event on
	first    []int64 // the account's first moment with MRR above zero, or noMoment
	skipped  []error
	subs     []keptSub // every subscription kept, by id, for renewals
}

// noMoment marks an account that never had MRR above zero.
const noMoment = math.MaxInt64

// subEvent is one change of an account's MRR while building.
type subEvent struct {
	account int32
	at      int64
	delta   int64
}

// NewSubscriptions validates subs and indexes them by account. It reports
// every problem, as *activity.RecordError values joined with errors.Join:
// each record's own problems (Subscription.Validate), duplicate ids, a
// currency other than the set's (ErrMixedCurrencies), two subscriptions of
// one account and product in force at the same moment
// (ErrOverlappingSubscriptions, reported on the later one, or of two
// starting together on the greater id), and amounts too
// large for exact int64 arithmetic. With opts.SkipInvalid it builds from
// the valid records instead. subs is not modified. An empty set is valid.
func NewSubscriptions(subs []Subscription, opts SubscriptionOptions) (*Subscriptions, error) {
	currency := opts.Currency
	if currency != "" {
		if err := currency.Validate(); err != nil {
			return nil, fmt.Errorf("%w: currency: %w", ErrInvalidOptions, err)
		}
	}
	var errs []error
	bad := make([]bool, len(subs))
	report := func(i int, field string, err error) {
		errs = append(errs, &activity.RecordError{Record: "subscription", Index: i, ID: subs[i].ID, Field: field, Err: err})
		bad[i] = true
	}
	ids := make(map[string]int, len(subs))
	for i := range subs {
		s := &subs[i]
		p := recordProblems{record: "subscription", index: i, id: s.ID}
		s.check(&p)
		if len(p.errs) > 0 {
			errs = append(errs, p.errs...)
			bad[i] = true
		}
		if s.ID != "" {
			if j, ok := ids[s.ID]; ok {
				report(i, "id", fmt.Errorf("%w: duplicate id, first at %d", ErrInvalidSubscription, j))
			} else {
				ids[s.ID] = i
			}
		}
		if s.Currency.Validate() == nil {
			if currency == "" {
				currency = s.Currency
			} else if s.Currency != currency {
				report(i, "currency", fmt.Errorf("%w: %s in a set in %s", ErrMixedCurrencies, s.Currency, currency))
			}
		}
	}
	// Renewal links: to a subscription of the same account that starts
	// after this one.
	for i := range subs {
		s := &subs[i]
		if s.RenewedBy == "" || s.RenewedBy == s.ID {
			continue
		}
		j, ok := ids[s.RenewedBy]
		switch {
		case !ok:
			report(i, "renewed_by", fmt.Errorf("%w: renewed by %q, which is not given", ErrInvalidSubscription, s.RenewedBy))
		case subs[j].Account != s.Account:
			report(i, "renewed_by", fmt.Errorf("%w: renewed by %q of another account, %q", ErrInvalidSubscription, s.RenewedBy, subs[j].Account))
		case !subs[j].Start.After(s.Start):
			report(i, "renewed_by", fmt.Errorf("%w: renewed by %q, which starts %s, not after this one", ErrInvalidSubscription,
				s.RenewedBy, subs[j].Start.Format(time.RFC3339)))
		}
	}
	// Overlaps: the subscriptions of one account and product, by start.
	order := make([]int, 0, len(subs))
	for i := range subs {
		if !bad[i] {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := &subs[a], &subs[b]
		return cmp.Or(cmp.Compare(x.Account, y.Account), cmp.Compare(x.Product, y.Product), x.Start.Compare(y.Start), cmp.Compare(x.ID, y.ID))
	})
	for j := 1; j < len(order); j++ {
		x, y := &subs[order[j-1]], &subs[order[j]]
		if x.Account == y.Account && x.Product == y.Product && (x.End.IsZero() || y.Start.Before(x.End)) {
			report(order[j], "start", fmt.Errorf("%w: %q in force until %s", ErrOverlappingSubscriptions, x.ID, endText(x.End)))
		}
	}
	// Scale and the common multiple of the billing intervals.
	var scale int32
	k := int64(1)
	for i := range subs {
		if bad[i] {
			continue
		}
		s := &subs[i]
		scale = max(scale, dec.Places(s.Amount))
		for _, c := range s.Changes {
			scale = max(scale, dec.Places(c.Amount))
		}
		m := s.months()
		k = k / gcd(k, m) * m
	}
	// Events in units of 1/(k·10^scale) a month.
	events := make([]subEvent, 0, 2*len(order))
	var keptSubs []keptSub
	accountOf := make(map[string]int32)
	var accounts []string
	for _, i := range order {
		s := &subs[i]
		if bad[i] {
			continue
		}
		per := k / s.months()
		level, ok := subUnits(s.Amount, scale, per)
		if !ok {
			report(i, "amount", fmt.Errorf("%w: amount %s too large for exact arithmetic", ErrInvalidSubscription, s.Amount))
			continue
		}
		a, ok := accountOf[s.Account]
		if !ok {
			a = int32(len(accounts))
			accountOf[s.Account] = a
			accounts = append(accounts, s.Account)
		}
		start := len(events)
		kept := keptSub{index: i, account: a, start: ixcols.Nanos(s.Start), end: noMoment, termEnd: noMoment,
			steps: []subStep{{ixcols.Nanos(s.Start), level}}}
		events = append(events, subEvent{a, ixcols.Nanos(s.Start), level})
		for ci, c := range s.Changes {
			u, ok := subUnits(c.Amount, scale, per)
			if !ok {
				report(i, fmt.Sprintf("changes[%d].amount", ci), fmt.Errorf("%w: amount %s too large for exact arithmetic", ErrInvalidSubscription, c.Amount))
				events = events[:start]
				break
			}
			events = append(events, subEvent{a, ixcols.Nanos(c.At), u - level})
			kept.steps = append(kept.steps, subStep{ixcols.Nanos(c.At), u})
			level = u
		}
		if len(events) == start {
			continue
		}
		if !s.End.IsZero() {
			events = append(events, subEvent{a, ixcols.Nanos(s.End), -level})
			kept.end = ixcols.Nanos(s.End)
		}
		if te := s.termEnd(); !te.IsZero() {
			kept.termEnd = ixcols.Nanos(te)
		}
		keptSubs = append(keptSubs, kept)
	}
	if len(errs) > 0 && !opts.SkipInvalid {
		return nil, errors.Join(errs...)
	}
	// Accounts in name order; events by account, then time.
	names := slices.Clone(accounts)
	slices.Sort(names)
	rank := make([]int32, len(accounts))
	for r, name := range names {
		rank[accountOf[name]] = int32(r)
	}
	for e := range events {
		events[e].account = rank[events[e].account]
	}
	slices.SortFunc(events, func(x, y subEvent) int {
		return cmp.Or(cmp.Compare(x.account, y.account), cmp.Compare(x.at, y.at))
	})
	ss := &Subscriptions{currency: currency, scale: scale, k: k, accounts: names, first: make([]int64, len(names))}
	ss.keepTerms(subs, keptSubs, rank)
	for a := range ss.first {
		ss.first[a] = noMoment
	}
	ss.evStart = make([]int32, len(names)+1)
	var overflow bool
	for e := 0; e < len(events); {
		a := events[e].account
		begin := len(ss.evTime)
		var level int64
		for e < len(events) && events[e].account == a {
			at := events[e].at
			for ; e < len(events) && events[e].account == a && events[e].at == at; e++ {
				var c bool
				level, c = addInt64(level, events[e].delta)
				overflow = overflow || c
			}
			if n := len(ss.evTime); (n == begin && level == 0) || (n > begin && ss.evLevel[n-1] == level) {
				continue // no change in the account's MRR
			}
			if level > 0 && ss.first[a] == noMoment {
				ss.first[a] = at
			}
			ss.evTime = append(ss.evTime, at)
			ss.evLevel = append(ss.evLevel, level)
		}
		ss.evStart[a+1] = int32(len(ss.evTime))
	}
	for a := 1; a < len(ss.evStart); a++ {
		ss.evStart[a] = max(ss.evStart[a], ss.evStart[a-1])
	}
	if overflow {
		return nil, fmt.Errorf("%w: an account's MRR is too large for exact arithmetic", ErrInvalidSubscription)
	}
	ss.n = len(subs) - countTrue(bad)
	if opts.SkipInvalid {
		ss.skipped = errs
	}
	return ss, nil
}

func endText(t time.Time) string {
	if t.IsZero() {
		return "further notice"
	}
	return t.Format(time.RFC3339)
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// subUnits returns amount × 10^scale × per as int64, or false when it does
// not fit.
func subUnits(amount decimal.Decimal, scale int32, per int64) (int64, bool) {
	c := amount.Shift(scale)
	if !c.IsInteger() {
		return 0, false
	}
	bi := c.BigInt()
	if !bi.IsInt64() {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(bi.Int64()), uint64(per))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}

func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0)
}

// Len returns the number of subscriptions kept.
func (s *Subscriptions) Len() int { return s.n }

// Accounts returns the number of accounts with at least one subscription.
func (s *Subscriptions) Accounts() int { return len(s.accounts) }

// Currency returns the currency of every amount.
func (s *Subscriptions) Currency() activity.Currency { return s.currency }

// Skipped returns the problems of the records left out under SkipInvalid.
func (s *Subscriptions) Skipped() []error { return s.skipped }

// levelBefore returns account a's MRR units just before at: every change at
// a moment before at counts, one at at does not.
func (s *Subscriptions) levelBefore(a int, at int64) int64 {
	lo, hi := int(s.evStart[a]), int(s.evStart[a+1])
	times := s.evTime[lo:hi]
	i, _ := slices.BinarySearch(times, at)
	if i == 0 {
		return 0
	}
	return s.evLevel[lo+i-1]
}

// MRR returns account's monthly recurring revenue in force just before at
// (a change at at itself is not yet counted: the MRR at the close of a
// period ending at at), exact where amount ÷ billing months terminates and
// otherwise rounded half away from zero to 12 decimal places (1,000 a
// quarter is 333.333333333333 a month). An unknown
// account has none.
func (s *Subscriptions) MRR(account string, at time.Time) decimal.Decimal {
	a, ok := slices.BinarySearch(s.accounts, account)
	if !ok {
		return decimal.Zero
	}
	return s.money(s.levelBefore(a, ixcols.Nanos(at)))
}

// mrrScale is the number of decimal places an MRR figure is reported to
// when amount ÷ billing months does not terminate.
const mrrScale = 12

// money turns units into an amount of the currency a month.
func (s *Subscriptions) money(u int64) decimal.Decimal {
	d := decimal.New(u, -s.scale)
	if s.k <= 1 { // 0: the zero Subscriptions, which holds none
		return d
	}
	if u%s.k == 0 {
		return decimal.New(u/s.k, -s.scale)
	}
	q := d.DivRound(decimal.NewFromInt(s.k), mrrScale)
	for p := s.scale; p < mrrScale; p++ {
		if t := q.Truncate(p); t.Equal(q) {
			return t // the quotient terminates at p places
		}
	}
	return q
}

// Snapshot returns every account's MRR in force just before at, in account
// order, leaving out accounts without revenue then: the revenue-per-account
// view of the subscriptions (call it with each period's End for a table of
// MRR by account and period). Amounts are reported as MRR reports them.
func (s *Subscriptions) Snapshot(at time.Time) iter.Seq2[string, decimal.Decimal] {
	t := ixcols.Nanos(at)
	return func(yield func(string, decimal.Decimal) bool) {
		for a, name := range s.accounts {
			if u := s.levelBefore(a, t); u > 0 && !yield(name, s.money(u)) {
				return
			}
		}
	}
}
