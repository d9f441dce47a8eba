package customers

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/dec"
	"github.com/salesmetrics/salesmetrics/internal/enumtext"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
)

// keptSub is one subscription a Subscriptions holds, with what renewals
// need: its own MRR over time (in the set's units), its term and its link.
type keptSub struct {
	index      int // position in the input, while building
	id         string
	account    int32 // index into accounts, after ranking
	product    string
	start, end int64     // Unix nanoseconds; end noMoment while running
	termEnd    int64     // noMoment: no term
	term       time.Time // the term's end as the record gives it (its zone kept)
	autoRenew  bool
	notice     int
	renewedBy  int32 // index into subs, or -1
	steps      []subStep
}

// subStep is a subscription's MRR units from at on.
type subStep struct {
	at, level int64
}

// keepTerms keeps the subscriptions in id order with their accounts ranked
// and their renewal links resolved.
func (ss *Subscriptions) keepTerms(subs []Subscription, kept []keptSub, rank []int32) {
	for i := range kept {
		k := &kept[i]
		s := &subs[k.index]
		k.id, k.product, k.autoRenew, k.notice, k.renewedBy, k.term = s.ID, s.Product, s.AutoRenew, s.NoticeDays, -1, s.termEnd()
		k.account = rank[k.account]
	}
	slices.SortFunc(kept, func(x, y keptSub) int { return strings.Compare(x.id, y.id) })
	for i := range kept {
		by := subs[kept[i].index].RenewedBy
		if by == "" {
			continue
		}
		if j, ok := slices.BinarySearchFunc(kept, by, func(k keptSub, id string) int { return strings.Compare(k.id, id) }); ok {
			kept[i].renewedBy = int32(j)
		}
	}
	ss.subs = kept
}

// levelBefore returns the subscription's MRR units just before at.
func (k *keptSub) levelBefore(at int64) int64 {
	if at <= k.start || (k.end != noMoment && at > k.end) {
		return 0
	}
	var level int64
	for _, s := range k.steps {
		if s.at >= at {
			break
		}
		level = s.level
	}
	return level
}

// levelAt returns the subscription's MRR units from at on (a change at at
// counted), 0 once it has ended.
func (k *keptSub) levelAt(at int64) int64 {
	if at < k.start || (k.end != noMoment && at >= k.end) {
		return 0
	}
	var level int64
	for _, s := range k.steps {
		if s.at > at {
			break
		}
		level = s.level
	}
	return level
}

// RenewalStatus is what became of a contract at its term's end.
type RenewalStatus uint8

// Renewal statuses.
const (
	// RenewalPending: not decided at AsOf (its term has not ended and no
	// renewal or end is recorded).
	RenewalPending RenewalStatus = iota
	// RenewedOnTime: renewed by a contract starting no later than the
	// term's end plus the grace period, or in place (it runs on past its
	// term).
	RenewedOnTime
	// RenewedLate: renewed by a contract starting after the grace period.
	RenewedLate
	// NotRenewed: it ended at or before its term's end with no renewal, or
	// its term ended without a renewal and it no longer runs.
	NotRenewed
)

var renewalNames = [...]string{"pending", "renewed_on_time", "renewed_late", "not_renewed"}

// String returns "pending", "renewed_on_time", "renewed_late" or
// "not_renewed".
func (s RenewalStatus) String() string {
	if int(s) < len(renewalNames) {
		return renewalNames[s]
	}
	return fmt.Sprintf("RenewalStatus(%d)", uint8(s))
}

// MarshalText writes String.
func (s RenewalStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the name MarshalText writes.
func (s *RenewalStatus) UnmarshalText(b []byte) error {
	v, ok := enumtext.Parse(b, RenewalPending, NotRenewed, RenewalStatus.MarshalText)
	if !ok {
		return fmt.Errorf("%w: renewal status %q", ErrInvalidOptions, b)
	}
	*s = v
	return nil
}

// RenewalOptions says how Renewals decides each contract. The zero value
// decides as of the period's end with no grace period.
type RenewalOptions struct {
	// AsOf is when renewals are decided: a contract whose term ends after
	// it, with no renewal or end recorded, is pending. Zero: the period's
	// end.
	AsOf time.Time
	// GraceDays is how many days after a term's end a renewal may start and
	// still be on time; zero or more, at most 3,660.
	GraceDays int
	// LateNotRenewed counts late renewals as not renewed in the rates
	// (a lapse, then a new sale). False: a late renewal is a renewal,
	// counted apart as late.
	LateNotRenewed bool
	// List returns each contract due, with its status, in
	// RenewalReport.Contracts. False: the totals alone, computed without
	// allocating per contract.
	List bool
}

// RenewalContract is one contract up for renewal, as Renewals decided it.
type RenewalContract struct {
	ID       string          `json:"id"`
	Account  string          `json:"account"`
	TermEnd  time.Time       `json:"term_end"`
	Status   RenewalStatus   `json:"status"`
	Expiring decimal.Decimal `json:"expiring_mrr"`
	// RenewedBy is the renewing subscription's id; empty in place or when
	// not renewed.
	RenewedBy string `json:"renewed_by,omitempty"`
	// Renewal is the MRR the contract renewed at: the renewing
	// subscription's at its start, or its own just after its term's end.
	Renewal decimal.Decimal `json:"renewal_mrr"`
	// NoticeBy is the last day to give notice (the term's end less the
	// notice days); zero without a notice period.
	NoticeBy  time.Time `json:"notice_by,omitzero"`
	AutoRenew bool      `json:"auto_renew,omitempty"`
}

// RenewalReport is what came up for renewal in a period and what renewed:
//
//	Due          contracts whose term ends in the period, with their expiring MRR
//	Rate         = renewed / (renewed + not renewed)           by count, decided only
//	ValueRate    = renewed expiring MRR / decided expiring MRR  by value
//	Expansion    = Σ max(0, renewal MRR − expiring MRR)        over renewed contracts
//	Contraction  = Σ max(0, expiring MRR − renewal MRR)
//
// where a contract's expiring MRR is its MRR just before its term's end (or
// before its end, if it ended earlier). Pending contracts are counted apart
// and left out of the rates; under LateNotRenewed, late renewals count as
// not renewed. Amounts are exact MRR in Currency (see Subscriptions.MRR).
type RenewalReport struct {
	Period      activity.Period   `json:"period"`
	AsOf        time.Time         `json:"as_of"`
	Currency    activity.Currency `json:"currency"`
	Due         int64             `json:"due"`
	DueMRR      decimal.Decimal   `json:"due_mrr"`
	OnTime      int64             `json:"on_time"`
	Late        int64             `json:"late"`
	NotRenewed  int64             `json:"not_renewed"`
	Pending     int64             `json:"pending"`
	RenewedMRR  decimal.Decimal   `json:"renewed_mrr"`
	LostMRR     decimal.Decimal   `json:"lost_mrr"`
	PendingMRR  decimal.Decimal   `json:"pending_mrr"`
	RenewalMRR  decimal.Decimal   `json:"renewal_mrr"`
	Expansion   decimal.Decimal   `json:"expansion"`
	Contraction decimal.Decimal   `json:"contraction"`
	Rate        float64           `json:"rate"`
	ValueRate   float64           `json:"value_rate"`
	// Undefined says why the rates are 0: nothing decided.
	Undefined      string            `json:"undefined,omitempty"`
	LateNotRenewed bool              `json:"late_not_renewed,omitempty"`
	Contracts      []RenewalContract `json:"contracts,omitempty"` // with RenewalOptions.List
}

// String reads as "2025 Q2: 8 contracts up for renewal (12000.00 USD MRR):
// 5 renewed (1 late), 2 not, 1 pending; renewal rate 71.4% by count, 68.0%
// by value; +500.00 expansion, −200.00 contraction".
func (r RenewalReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d contracts up for renewal (%s MRR): %d renewed (%d late), %d not, %d pending", r.Period.Name, r.Due,
		moneyText(r.DueMRR, r.Currency), r.OnTime+r.Late, r.Late, r.NotRenewed, r.Pending)
	if r.Undefined == "" {
		fmt.Fprintf(&b, "; renewal rate %.1f%% by count, %.1f%% by value", 100*r.Rate, 100*r.ValueRate)
	}
	fmt.Fprintf(&b, "; +%s expansion, −%s contraction", moneyText(r.Expansion, r.Currency), moneyText(r.Contraction, r.Currency))
	return b.String()
}

// MarshalJSON writes r with its decimals as strings.
func (r RenewalReport) MarshalJSON() ([]byte, error) {
	type plain RenewalReport
	return dec.Marshal(plain(r))
}

// MarshalJSON writes c with its decimals as strings.
func (c RenewalContract) MarshalJSON() ([]byte, error) {
	type plain RenewalContract
	return dec.Marshal(plain(c))
}

// MarshalJSON writes d with its MRR as a string.
func (d NoticeDeadline) MarshalJSON() ([]byte, error) {
	type plain NoticeDeadline
	return dec.Marshal(plain(d))
}

// Renewals returns what became of the contracts whose term ends in p (see
// RenewalReport and RenewalStatus), with each contract in term-end order,
// then by id, under RenewalOptions.List. A subscription without a term is never up for renewal; a renewal
// recorded (Subscription.RenewedBy) counts whatever AsOf. Errors: an
// invalid period (activity.ErrInvalidPeriod) or options (ErrInvalidOptions).
func Renewals(ss *Subscriptions, p activity.Period, opts RenewalOptions) (RenewalReport, error) {
	if err := ss.check(p); err != nil {
		return RenewalReport{}, err
	}
	if opts.GraceDays < 0 || opts.GraceDays > maxNoticeDays {
		return RenewalReport{}, fmt.Errorf("%w: grace of %d days outside 0..%d", ErrInvalidOptions, opts.GraceDays, maxNoticeDays)
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = p.End
	}
	r := RenewalReport{Period: p, AsOf: asOf, Currency: ss.currency, LateNotRenewed: opts.LateNotRenewed}
	from, to, at := ixcols.Nanos(p.Start), ixcols.Nanos(p.End), ixcols.Nanos(asOf)
	grace := int64(opts.GraceDays) * int64(24*time.Hour)
	var due, renewed, lost, pending, renewal, expansion, contraction int64
	for i := range ss.subs {
		k := &ss.subs[i]
		if k.termEnd == noMoment || k.termEnd < from || k.termEnd >= to {
			continue
		}
		var c RenewalContract
		expiring := k.levelBefore(min(k.termEnd, k.end)) // end is noMoment while running
		var renewing int64
		switch {
		case k.renewedBy >= 0:
			n := &ss.subs[k.renewedBy]
			renewing = n.levelAt(n.start)
			c.Status = RenewedOnTime
			if n.start > k.termEnd+grace {
				c.Status = RenewedLate
			}
		case k.end != noMoment && k.end <= k.termEnd:
			c.Status = NotRenewed
		case k.termEnd >= at:
			c.Status = RenewalPending
		case k.end == noMoment || k.end > k.termEnd:
			c.Status, renewing = RenewedOnTime, k.levelAt(k.termEnd)
		}
		r.Due++
		due += expiring
		decided := c.Status
		if decided == RenewedLate && opts.LateNotRenewed {
			decided = NotRenewed
		}
		switch c.Status {
		case RenewedOnTime:
			r.OnTime++
		case RenewedLate:
			r.Late++
		case NotRenewed:
			r.NotRenewed++
		case RenewalPending:
			r.Pending++
			pending += expiring
		}
		switch decided {
		case RenewedOnTime, RenewedLate:
			renewed += expiring
			renewal += renewing
			expansion += max(0, renewing-expiring)
			contraction += max(0, expiring-renewing)
		case NotRenewed:
			lost += expiring
		}
		if opts.List {
			c.ID, c.Account, c.TermEnd, c.AutoRenew = k.id, ss.accounts[k.account], k.term, k.autoRenew
			c.Expiring, c.Renewal = ss.money(expiring), ss.money(renewing)
			if k.renewedBy >= 0 {
				c.RenewedBy = ss.subs[k.renewedBy].id
			}
			if k.notice > 0 {
				c.NoticeBy = k.term.AddDate(0, 0, -k.notice)
			}
			r.Contracts = append(r.Contracts, c)
		}
	}
	slices.SortFunc(r.Contracts, func(x, y RenewalContract) int {
		return cmp.Or(x.TermEnd.Compare(y.TermEnd), strings.Compare(x.ID, y.ID))
	})
	r.DueMRR, r.RenewedMRR, r.LostMRR, r.PendingMRR = ss.money(due), ss.money(renewed), ss.money(lost), ss.money(pending)
	r.RenewalMRR, r.Expansion, r.Contraction = ss.money(renewal), ss.money(expansion), ss.money(contraction)
	renewedN := r.OnTime + r.Late
	lostN := r.NotRenewed
	if opts.LateNotRenewed {
		renewedN, lostN = r.OnTime, r.NotRenewed+r.Late
	}
	switch {
	case renewedN+lostN == 0:
		r.Undefined = "no contract up for renewal was decided by " + asOf.Format(time.DateOnly)
	default:
		r.Rate = float64(renewedN) / float64(renewedN+lostN)
		if renewed+lost > 0 {
			r.ValueRate = float64(renewed) / float64(renewed+lost)
		}
	}
	return r, nil
}

// NoticeDeadline is a contract whose notice period ends soon.
type NoticeDeadline struct {
	ID        string          `json:"id"`
	Account   string          `json:"account"`
	TermEnd   time.Time       `json:"term_end"`
	NoticeBy  time.Time       `json:"notice_by"`
	AutoRenew bool            `json:"auto_renew,omitempty"`
	MRR       decimal.Decimal `json:"mrr"`
}

// NoticeDeadlines returns the running contracts whose last day to give
// notice (the term's end less NoticeDays) falls in p, in deadline order,
// then by id: what must be decided soon. A contract without a notice
// period, already renewed by another, or ending at or before its term's
// end has none. MRR is the contract's just before the deadline.
func NoticeDeadlines(ss *Subscriptions, p activity.Period) ([]NoticeDeadline, error) {
	if err := ss.check(p); err != nil {
		return nil, err
	}
	out := []NoticeDeadline{}
	for i := range ss.subs {
		k := &ss.subs[i]
		if k.termEnd == noMoment || k.notice == 0 || k.renewedBy >= 0 || (k.end != noMoment && k.end <= k.termEnd) {
			continue
		}
		by := k.term.AddDate(0, 0, -k.notice)
		if !p.Contains(by) {
			continue
		}
		out = append(out, NoticeDeadline{ID: k.id, Account: ss.accounts[k.account], TermEnd: k.term, NoticeBy: by,
			AutoRenew: k.autoRenew, MRR: ss.money(k.levelBefore(ixcols.Nanos(by)))})
	}
	slices.SortFunc(out, func(x, y NoticeDeadline) int {
		return cmp.Or(x.NoticeBy.Compare(y.NoticeBy), strings.Compare(x.ID, y.ID))
	})
	return out, nil
}

// RenewalsBy returns Renewals for each period of a Period breakdown of p
// (by month: the renewal pipeline month by month), each as of its own end
// or opts.AsOf, whichever is earlier.
func RenewalsBy(ss *Subscriptions, p activity.Period, by activity.By, opts RenewalOptions) ([]RenewalReport, error) {
	periods, err := subPeriods(ss, p, by)
	if err != nil {
		return nil, err
	}
	out := make([]RenewalReport, 0, len(periods))
	for _, q := range periods {
		o := opts
		if o.AsOf.IsZero() || q.End.Before(o.AsOf) {
			o.AsOf = q.End
		}
		r, err := Renewals(ss, q, o)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
