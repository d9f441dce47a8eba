package activitytest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Book builds a handful of records tersely, for unit tests of metric
// definitions: the deals, their stage history and the activities a test
// needs, with times written as dates ("2025-03-04") or date and time
// ("2025-03-04 14:30") in the book's location. A malformed time or amount
// fails the test through tb. Records is what was built; Index builds the
// index over it.
type Book struct {
	Records activity.Records
	tb      testing.TB
	loc     *time.Location
	next    int
}

// NewBook returns an empty book whose times are read in loc (nil: UTC).
func NewBook(tb testing.TB, loc *time.Location) *Book {
	if loc == nil {
		loc = time.UTC
	}
	return &Book{tb: tb, loc: loc}
}

// Time reads "2006-01-02" or "2006-01-02 15:04" in the book's location.
func (b *Book) Time(s string) time.Time {
	b.tb.Helper()
	for _, layout := range []string{time.DateOnly, "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, b.loc); err == nil {
			return t
		}
	}
	b.tb.Fatalf("activitytest: %q is not a date or a date and time (2006-01-02 15:04)", s)
	return time.Time{}
}

func (b *Book) amount(s string) decimal.Decimal {
	b.tb.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		b.tb.Fatalf("activitytest: amount %q: %v", s, err)
	}
	return d
}

// DealBuilder sets a deal's fields; each method returns it for chaining.
type DealBuilder struct {
	b *Book
	i int
}

func (d *DealBuilder) deal() *activity.Deal { return &d.b.Records.Deals[d.i] }

// Deal adds an open deal in USD at the first stage of the typical B2B
// funnel (prospecting), created at created.
func (b *Book) Deal(id, owner, amount, created string) *DealBuilder {
	b.tb.Helper()
	b.Records.Deals = append(b.Records.Deals, activity.Deal{
		ID: id, Owner: owner, Amount: b.amount(amount), Currency: "USD",
		Status: activity.StatusOpen, Stage: activity.StageProspecting, CreatedAt: b.Time(created),
	})
	return &DealBuilder{b: b, i: len(b.Records.Deals) - 1}
}

// Currency sets the currency.
func (d *DealBuilder) Currency(c activity.Currency) *DealBuilder { d.deal().Currency = c; return d }

// Team sets the team.
func (d *DealBuilder) Team(team string) *DealBuilder { d.deal().Team = team; return d }

// Source sets the source.
func (d *DealBuilder) Source(s activity.Source) *DealBuilder { d.deal().Source = s; return d }

// Segment sets the segment.
func (d *DealBuilder) Segment(s string) *DealBuilder { d.deal().Segment = s; return d }

// Account sets the account.
func (d *DealBuilder) Account(a string) *DealBuilder { d.deal().Account = a; return d }

// Territory sets the territory.
func (d *DealBuilder) Territory(t string) *DealBuilder { d.deal().Territory = t; return d }

// Probability sets the deal's own probability, a decimal from 0 to 1
// ("0.35").
func (d *DealBuilder) Probability(p string) *DealBuilder {
	d.b.tb.Helper()
	d.deal().Probability = activity.Some(d.b.amount(p))
	return d
}

// Cost sets the cost of the deal.
func (d *DealBuilder) Cost(amount string) *DealBuilder {
	d.b.tb.Helper()
	d.deal().Cost = activity.Some(d.b.amount(amount))
	return d
}

// ACV sets the annual contract value.
func (d *DealBuilder) ACV(amount string) *DealBuilder {
	d.b.tb.Helper()
	d.deal().ACV = activity.Some(d.b.amount(amount))
	return d
}

// TCV sets the total contract value.
func (d *DealBuilder) TCV(amount string) *DealBuilder {
	d.b.tb.Helper()
	d.deal().TCV = activity.Some(d.b.amount(amount))
	return d
}

// TermMonths sets the contract's term in months.
func (d *DealBuilder) TermMonths(n int) *DealBuilder {
	d.deal().TermMonths = activity.Some(n)
	return d
}

// Forecast sets the forecast category.
func (d *DealBuilder) Forecast(c activity.ForecastCategory) *DealBuilder {
	d.deal().ForecastCategory = c
	return d
}

// Attr sets a host attribute.
func (d *DealBuilder) Attr(key, value string) *DealBuilder {
	dl := d.deal()
	if dl.Attributes == nil {
		dl.Attributes = map[string]string{}
	}
	dl.Attributes[key] = value
	return d
}

// Expected sets the expected close.
func (d *DealBuilder) Expected(at string) *DealBuilder {
	d.b.tb.Helper()
	d.deal().ExpectedCloseAt = d.b.Time(at)
	return d
}

// To moves the deal to stage at a time, recording the stage change from its
// current stage.
func (d *DealBuilder) To(stage activity.Stage, at string) *DealBuilder {
	d.b.tb.Helper()
	dl := d.deal()
	d.b.Records.StageChanges = append(d.b.Records.StageChanges, activity.StageChange{Deal: dl.ID, From: dl.Stage, To: stage, At: d.b.Time(at)})
	dl.Stage = stage
	return d
}

// Won closes the deal won at a time (a stage change to closed_won).
func (d *DealBuilder) Won(at string) *DealBuilder {
	d.b.tb.Helper()
	d.To(activity.StageClosedWon, at)
	dl := d.deal()
	dl.Status, dl.ClosedAt = activity.StatusWon, d.b.Time(at)
	return d
}

// Lost closes the deal lost at a time for a reason.
func (d *DealBuilder) Lost(at, reason string) *DealBuilder {
	d.b.tb.Helper()
	d.To(activity.StageClosedLost, at)
	dl := d.deal()
	dl.Status, dl.ClosedAt, dl.LossReason = activity.StatusLost, d.b.Time(at), reason
	return d
}

// ActivityBuilder sets an activity's fields; each method returns it.
type ActivityBuilder struct {
	b *Book
	i int
}

// Activity adds an activity of rep, of kind, at a time, with an id of its
// own ("a1", "a2", ...).
func (b *Book) Activity(rep string, kind activity.Kind, at string) *ActivityBuilder {
	b.tb.Helper()
	b.next++
	b.Records.Activities = append(b.Records.Activities, activity.Activity{ID: fmt.Sprintf("a%d", b.next), Rep: rep, Kind: kind, At: b.Time(at)})
	return &ActivityBuilder{b: b, i: len(b.Records.Activities) - 1}
}

// On links the activity to a deal.
func (a *ActivityBuilder) On(deal string) *ActivityBuilder {
	a.b.Records.Activities[a.i].Deal = deal
	return a
}

// Outcome sets the activity's outcome.
func (a *ActivityBuilder) Outcome(o activity.Outcome) *ActivityBuilder {
	a.b.Records.Activities[a.i].Outcome = o
	return a
}

// Duration sets how long the activity took.
func (a *ActivityBuilder) Duration(d time.Duration) *ActivityBuilder {
	a.b.Records.Activities[a.i].Duration = d
	return a
}

// Account sets the account the activity was with.
func (a *ActivityBuilder) Account(account string) *ActivityBuilder {
	a.b.Records.Activities[a.i].Account = account
	return a
}

// Team sets the activity's own team (else the roster's at its time).
func (a *ActivityBuilder) Team(team string) *ActivityBuilder {
	a.b.Records.Activities[a.i].Team = team
	return a
}

// Index builds the index over the book's records (with the typical B2B
// funnel when opts has none), failing the test on any invalid record.
func (b *Book) Index(opts activity.IndexOptions) *activity.Index {
	b.tb.Helper()
	if len(opts.Funnel.Stages) == 0 {
		opts.Funnel = activity.TypicalB2B()
	}
	ix, err := activity.NewIndex(b.Records, opts)
	if err != nil {
		b.tb.Fatalf("activitytest: %v", err)
	}
	return ix
}

// CmpOptions compares results in tests with go-cmp: decimals by value (1.50
// equals 1.5), float64s within tolerance (absolute for numbers below 1,
// relative above; NaN never equal) and times as instants. Results with
// unexported fields (fitted models) need cmpopts.IgnoreUnexported beside
// them.
func CmpOptions(tolerance float64) cmp.Options {
	return cmp.Options{
		cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b float64) bool {
			if a == b {
				return true
			}
			d := math.Abs(a - b)
			return d <= tolerance || d <= tolerance*math.Max(math.Abs(a), math.Abs(b))
		}),
		cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
	}
}

// String lists the book's records briefly, for a failing test's message.
func (b *Book) String() string {
	var s strings.Builder
	for _, d := range b.Records.Deals {
		fmt.Fprintf(&s, "deal %s %s %s %s %s\n", d.ID, d.Owner, d.Amount, d.Status, d.Stage)
	}
	fmt.Fprintf(&s, "%d stage changes, %d activities", len(b.Records.StageChanges), len(b.Records.Activities))
	return s.String()
}
