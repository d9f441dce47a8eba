package customers

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

func rnDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// renewalBook: monthly contracts in USD, each a year (or to a term end).
//
//	A   a1  1,000  term ends 2025-04-01, renewed by A2 (1,100) from 04-01: on time, +100
//	B   a2    500  term ends 2025-05-15, runs on (auto-renewing): renewed in place
//	C   a3  2,000  term ends 2025-06-01 and ends then: not renewed
//	D   a4    300  term ends 2025-06-10, ends then, renewed by D2 (250) from 07-20: late, −50
//	E   a5    400  term ends 2025-06-20, running: pending as of 06-15
//	F   a6    900  no term: never up for renewal
//	G   a7    700  term ends 2025-07-05: outside the second quarter
func renewalBook(t *testing.T) *Subscriptions {
	t.Helper()
	usd := func(id, account string, start time.Time, amount int64) Subscription {
		return Subscription{ID: id, Account: account, Start: start, Amount: decimal.NewFromInt(amount), Currency: "USD"}
	}
	a := usd("A", "a1", rnDay(2024, 4, 1), 1000)
	a.TermMonths, a.End, a.RenewedBy = 12, rnDay(2025, 4, 1), "A2"
	a2 := usd("A2", "a1", rnDay(2025, 4, 1), 1100)
	a2.TermMonths = 12
	b := usd("B", "a2", rnDay(2024, 5, 15), 500)
	b.TermMonths, b.AutoRenew, b.NoticeDays = 12, true, 30
	c := usd("C", "a3", rnDay(2024, 6, 1), 2000)
	c.TermEnd, c.End = rnDay(2025, 6, 1), rnDay(2025, 6, 1)
	d := usd("D", "a4", rnDay(2024, 6, 10), 300)
	d.TermMonths, d.End, d.RenewedBy = 12, rnDay(2025, 6, 10), "D2"
	d2 := usd("D2", "a4", rnDay(2025, 7, 20), 250)
	e := usd("E", "a5", rnDay(2024, 6, 20), 400)
	e.TermMonths, e.NoticeDays = 12, 60
	f := usd("F", "a6", rnDay(2024, 1, 1), 900)
	g := usd("G", "a7", rnDay(2024, 7, 5), 700)
	g.TermMonths = 12
	ss, err := NewSubscriptions([]Subscription{a, a2, b, c, d, d2, e, f, g}, SubscriptionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

var rnQ2 = activity.Period{Start: rnDay(2025, 4, 1), End: rnDay(2025, 7, 1), Name: "2025 Q2"}

func TestRenewals(t *testing.T) {
	t.Parallel()
	ss := renewalBook(t)
	asOf := rnDay(2025, 6, 15)
	r, err := Renewals(ss, rnQ2, RenewalOptions{AsOf: asOf, List: true})
	if err != nil {
		t.Fatal(err)
	}
	// By hand: due A, B, C, D, E (1,000 + 500 + 2,000 + 300 + 400 = 4,200);
	// on time A, B; late D; not renewed C; pending E. Renewed expiring
	// 1,000 + 500 + 300 = 1,800, lost 2,000, pending 400; renewals at
	// 1,100 + 500 + 250 = 1,850, expansion 100, contraction 50. Rate
	// 3 / (3 + 1) = 0.75; by value 1,800 / 3,800.
	want := map[string][2]string{
		"due mrr": {r.DueMRR.String(), "4200"}, "renewed mrr": {r.RenewedMRR.String(), "1800"},
		"lost mrr": {r.LostMRR.String(), "2000"}, "pending mrr": {r.PendingMRR.String(), "400"},
		"renewal mrr": {r.RenewalMRR.String(), "1850"}, "expansion": {r.Expansion.String(), "100"},
		"contraction": {r.Contraction.String(), "50"},
	}
	for name, v := range want {
		if v[0] != v[1] {
			t.Errorf("%s = %s, want %s", name, v[0], v[1])
		}
	}
	if r.Due != 5 || r.OnTime != 2 || r.Late != 1 || r.NotRenewed != 1 || r.Pending != 1 {
		t.Errorf("counts: due %d, on time %d, late %d, not %d, pending %d; want 5, 2, 1, 1, 1", r.Due, r.OnTime, r.Late, r.NotRenewed, r.Pending)
	}
	if r.Rate != 0.75 || !near(r.ValueRate, 1800.0/3800) {
		t.Errorf("rates %v, %v; want 0.75, %v", r.Rate, r.ValueRate, 1800.0/3800)
	}
	var ids, statuses []string
	for _, c := range r.Contracts {
		ids, statuses = append(ids, c.ID), append(statuses, c.Status.String())
	}
	if got, want := ids, []string{"A", "B", "C", "D", "E"}; !slices.Equal(got, want) {
		t.Errorf("contracts %v, want %v (by term end)", got, want)
	}
	if got, want := statuses, []string{"renewed_on_time", "renewed_on_time", "not_renewed", "renewed_late", "pending"}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	if got := r.String(); got != "2025 Q2: 5 contracts up for renewal (4200.00 USD MRR): 3 renewed (1 late), 1 not, 1 pending; "+
		"renewal rate 75.0% by count, 47.4% by value; +100.00 USD expansion, −50.00 USD contraction" {
		t.Errorf("String() = %q", got)
	}

	// Late renewals as lapses: renewed A, B (1,500); lost C, D (2,300):
	// 2 / 4 = 0.5, 1,500 / 3,800.
	r, err = Renewals(ss, rnQ2, RenewalOptions{AsOf: asOf, LateNotRenewed: true})
	if err != nil || r.Rate != 0.5 || !near(r.ValueRate, 1500.0/3800) || r.Contraction.String() != "0" {
		t.Errorf("LateNotRenewed: %v, %v", r, err)
	}
	// 45 days' grace: D2 starts 40 days after D's term (10 June to
	// 20 July), on time.
	r, err = Renewals(ss, rnQ2, RenewalOptions{AsOf: asOf, GraceDays: 45})
	if err != nil || r.OnTime != 3 || r.Late != 0 {
		t.Errorf("GraceDays 45: %v, %v", r, err)
	}
	// As of the quarter's end E's term has passed and it runs on: renewed.
	r, err = Renewals(ss, rnQ2, RenewalOptions{})
	if err != nil || r.Pending != 0 || r.OnTime != 3 {
		t.Errorf("as of the end: %v, %v", r, err)
	}
	// Nothing due: no rate, and says why.
	r, err = Renewals(ss, activity.Period{Start: rnDay(2026, 1, 1), End: rnDay(2026, 2, 1)}, RenewalOptions{})
	if err != nil || r.Due != 0 || r.Undefined == "" || r.Rate != 0 {
		t.Errorf("nothing due: %v, %v", r, err)
	}
	if _, err := Renewals(ss, rnQ2, RenewalOptions{GraceDays: -1}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("negative grace: %v, want ErrInvalidOptions", err)
	}
	if _, err := Renewals(ss, activity.Period{}, RenewalOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("zero period: %v, want activity.ErrInvalidPeriod", err)
	}
}

func TestRenewalsBy(t *testing.T) {
	t.Parallel()
	ss := renewalBook(t)
	months, err := RenewalsBy(ss, rnQ2, activity.ByPeriod(activity.Calendar{}, activity.Monthly), RenewalOptions{AsOf: rnDay(2025, 6, 15)})
	if err != nil {
		t.Fatal(err)
	}
	// April: A; May: B; June (as of the 15th): C, D, E.
	got := []int64{}
	for _, m := range months {
		got = append(got, m.Due, m.OnTime, m.Late, m.NotRenewed, m.Pending)
	}
	want := []int64{1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 3, 0, 1, 1, 1}
	if len(months) != 3 || !slices.Equal(got, want) {
		t.Errorf("by month: %v, want %v", got, want)
	}
	if _, err := RenewalsBy(ss, rnQ2, activity.ByRep(), RenewalOptions{}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("by rep: %v, want ErrInvalidOptions", err)
	}
}

func TestNoticeDeadlines(t *testing.T) {
	t.Parallel()
	ss := renewalBook(t)
	// B: 15 May less 30 days is 15 April; E: 20 June less 60 days is
	// 21 April. A is renewed by A2, C ends at its term: no notice due.
	got, err := NoticeDeadlines(ss, activity.Period{Start: rnDay(2025, 4, 1), End: rnDay(2025, 5, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "B" || !got[0].NoticeBy.Equal(rnDay(2025, 4, 15)) || got[1].ID != "E" ||
		!got[1].NoticeBy.Equal(rnDay(2025, 4, 21)) || got[1].MRR.String() != "400" || !got[0].AutoRenew {
		t.Errorf("NoticeDeadlines = %+v", got)
	}
	if _, err := NoticeDeadlines(ss, activity.Period{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("zero period: %v", err)
	}
}

func TestContractTermsValidate(t *testing.T) {
	t.Parallel()
	base := func() Subscription {
		return Subscription{ID: "s", Account: "a", Start: rnDay(2025, 1, 31), Amount: decimal.NewFromInt(1), Currency: "USD"}
	}
	for name, f := range map[string]func(*Subscription){
		"term too long":     func(s *Subscription) { s.TermMonths = 121 },
		"negative term":     func(s *Subscription) { s.TermMonths = -1 },
		"both terms":        func(s *Subscription) { s.TermMonths, s.TermEnd = 12, rnDay(2026, 1, 1) },
		"term end at start": func(s *Subscription) { s.TermEnd = s.Start },
		"negative notice":   func(s *Subscription) { s.NoticeDays = -1 },
		"renewed by itself": func(s *Subscription) { s.RenewedBy = "s" },
	} {
		s := base()
		f(&s)
		if err := s.Validate(); !errors.Is(err, ErrInvalidSubscription) {
			t.Errorf("%s: Validate() = %v, want ErrInvalidSubscription", name, err)
		}
	}
	// A term from 31 January ends on the last day of February.
	s := base()
	s.TermMonths = 1
	if got := s.termEnd(); !got.Equal(rnDay(2025, 2, 28)) {
		t.Errorf("31 January + 1 month = %v, want 28 February 2025", got)
	}
	s.Start = rnDay(2024, 1, 31)
	if got := s.termEnd(); !got.Equal(rnDay(2024, 2, 29)) {
		t.Errorf("31 January 2024 + 1 month = %v, want 29 February", got)
	}
	// Links the set checks: to an unknown id, another account, an earlier start.
	old := base()
	old.Start = rnDay(2024, 1, 1)
	other := base()
	other.ID, other.Account, other.Start = "o", "b", rnDay(2025, 6, 1)
	for name, by := range map[string]string{"unknown": "x", "other account": "o"} {
		s := old
		s.RenewedBy = by
		if _, err := NewSubscriptions([]Subscription{s, other}, SubscriptionOptions{}); !errors.Is(err, ErrInvalidSubscription) {
			t.Errorf("renewed by %s: %v, want ErrInvalidSubscription", name, err)
		}
	}
	earlier := base()
	earlier.ID, earlier.Product, earlier.Start = "e", "p2", rnDay(2023, 1, 1)
	s = old
	s.RenewedBy = "e"
	if _, err := NewSubscriptions([]Subscription{s, earlier}, SubscriptionOptions{}); !errors.Is(err, ErrInvalidSubscription) {
		t.Errorf("renewed by an earlier one: %v, want ErrInvalidSubscription", err)
	}
}

func near(a, b float64) bool { d := a - b; return d < 1e-12 && d > -1e-12 }
