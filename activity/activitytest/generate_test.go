package activitytest_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/New_York on machines without a zone database

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// configs are the configurations every generic property is checked on.
func configs(t *testing.T) map[string]activitytest.Config {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	twoStage := activity.Funnel{Stages: []activity.FunnelStage{
		{Stage: "talking", Probability: activity.Some(decimal.New(30, -2))},
		{Stage: "signing", Probability: activity.Some(decimal.New(70, -2))},
		{Stage: "lost", Lost: true},
		{Stage: "won", Probability: activity.Some(decimal.New(1, 0)), Won: true},
	}}
	return map[string]activitytest.Config{
		"default":      {},
		"seed 7":       {Seed: 7},
		"new york":     {Location: ny, Start: time.Date(2023, time.March, 15, 12, 0, 0, 0, time.UTC), Months: 9},
		"exact deals":  {Deals: 3000, Reps: 50, Teams: 6, ActivitiesPerDeal: 4, UntiedShare: 0.25},
		"one month":    {Months: 1},
		"one rep":      {Reps: 1, Teams: 1},
		"more teams":   {Reps: 5, Teams: 9},
		"euro, busy":   {EURShare: 0.5, DealsPerRepMonth: 9.5, ActivitiesPerDeal: 1, UntiedShare: -1},
		"two stages":   {Funnel: twoStage, Months: 6},
		"31 January":   {Start: time.Date(2024, time.January, 31, 0, 0, 0, 0, time.UTC), Months: 3},
		"long, sparse": {Months: 1200, Reps: 8, DealsPerRepMonth: 0.01, ActivitiesPerDeal: 1},
	}
}

func TestGenerateDeterministic(t *testing.T) {
	for name, cfg := range configs(t) {
		t.Run(name, func(t *testing.T) {
			a, b := activitytest.Generate(cfg), activitytest.Generate(cfg)
			if diff := cmp.Diff(a, b, decimalEqual); diff != "" {
				t.Errorf("Generate twice differs (-first +second):\n%s", diff)
			}
		})
	}
}

// TestGenerateFingerprint pins the default output, so that a change of
// platform, Go version or generator that alters any generated value shows
// up. The digest is the generator's own output, not an independent check of
// it: update it when the generator is changed on purpose.
func TestGenerateFingerprint(t *testing.T) {
	const want = "1e78d522a884fe43ba81464b99768389cd91563a0f6d86d2aad487894cd0a0c8"
	h := sha256.New()
	fingerprint(h, activitytest.Generate(activitytest.Config{}))
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != want {
		t.Errorf("digest of Generate(Config{}) = %s, want %s", got, want)
	}
}

// fingerprint writes every generated field of r, by name, in a form that
// does not depend on the records' JSON or on fields they may gain.
func fingerprint(w io.Writer, r activity.Records) {
	ts := func(t time.Time) string { return t.Format(time.RFC3339) }
	opt := func(o activity.Optional[decimal.Decimal]) string {
		if !o.Valid {
			return "-"
		}
		return o.Value.StringFixed(max(0, -o.Value.Exponent()))
	}
	for _, p := range r.Reps {
		fmt.Fprintln(w, p.ID, p.Name, ts(p.HiredAt), ts(p.LeftAt), p.Ramp)
		for _, a := range p.Assignments {
			fmt.Fprintln(w, ts(a.From), ts(a.Until), a.Team, a.Manager, a.Territory)
		}
	}
	for _, d := range r.Deals {
		fmt.Fprintln(w, d.ID, d.Name, d.Owner, d.Team, d.Territory, d.Account, d.Source, d.Segment,
			d.Amount.StringFixed(2), d.Currency, opt(d.Cost), d.TermMonths.Valid, d.TermMonths.Value, d.Stage, d.Status,
			ts(d.CreatedAt), ts(d.ExpectedCloseAt), ts(d.ClosedAt), opt(d.Probability), d.ForecastCategory, d.LossReason)
	}
	for _, c := range r.StageChanges {
		fmt.Fprintln(w, c.Deal, c.From, c.To, ts(c.At))
	}
	for _, a := range r.Activities {
		fmt.Fprintln(w, a.ID, a.Rep, a.Team, a.Kind, ts(a.At), a.Deal, a.Account, a.Outcome, int64(a.Duration))
	}
	for _, q := range r.Quotas {
		fmt.Fprintln(w, q.Rep, q.Team, q.Metric, q.Period, opt(q.Amount), q.Currency, q.Count)
	}
}

// TestGenerateStreams checks that activities draw from their own stream:
// asking for more of them leaves everything else as it was (but the leads,
// which untied calls and e-mails touch).
func TestGenerateStreams(t *testing.T) {
	a := activitytest.Generate(activitytest.Config{})
	b := activitytest.Generate(activitytest.Config{ActivitiesPerDeal: 5, UntiedShare: 0.5})
	a.Activities, b.Activities, a.Leads, b.Leads = nil, nil, nil, nil
	if diff := cmp.Diff(a, b, decimalEqual); diff != "" {
		t.Errorf("records other than activities changed with the activity counts (-before +after):\n%s", diff)
	}
	c := activitytest.Generate(activitytest.Config{Seed: 2})
	c.Activities = nil
	if cmp.Equal(a, c, decimalEqual) {
		t.Error("seeds 1 and 2 gave the same records")
	}
}

func TestGenerateValidates(t *testing.T) {
	for name, cfg := range configs(t) {
		t.Run(name, func(t *testing.T) {
			r := activitytest.Generate(cfg)
			var errs []error
			for _, x := range r.Reps {
				errs = append(errs, x.Validate())
			}
			for _, x := range r.Deals {
				errs = append(errs, x.Validate())
			}
			for _, x := range r.StageChanges {
				errs = append(errs, x.Validate())
			}
			for _, x := range r.Activities {
				errs = append(errs, x.Validate())
			}
			for _, x := range r.Quotas {
				errs = append(errs, x.Validate())
			}
			if err := errors.Join(errs...); err != nil {
				t.Fatalf("generated records do not validate:\n%v", err)
			}
			funnel := cfg.Funnel
			if len(funnel.Stages) == 0 {
				funnel = activity.TypicalB2B()
			}
			if _, err := activity.NewIndex(r, activity.IndexOptions{Funnel: funnel, AsOf: cfg.Window().End}); err != nil {
				t.Fatalf("NewIndex over the generated records: %v", err)
			}
		})
	}
}

// TestGenerateShape checks the properties the package comment promises, on
// every configuration.
func TestGenerateShape(t *testing.T) {
	for name, cfg := range configs(t) {
		t.Run(name, func(t *testing.T) {
			checkShape(t, cfg, activitytest.Generate(cfg))
		})
	}
}

// setting fills in the defaults of cfg the way the package documents them.
type setting struct {
	loc        *time.Location
	start, end time.Time
	funnel     activity.Funnel
	open       []activity.Stage
	won, lost  activity.Stage
	apd        int
	untied     float64
}

func settings(t *testing.T, cfg activitytest.Config) setting {
	t.Helper()
	s := setting{loc: cfg.Location, funnel: cfg.Funnel, apd: cfg.ActivitiesPerDeal, untied: cfg.UntiedShare}
	if s.loc == nil {
		s.loc = time.UTC
	}
	s.start = time.Date(2024, time.January, 1, 0, 0, 0, 0, s.loc)
	if !cfg.Start.IsZero() {
		s.start = cfg.Start.In(s.loc)
	}
	months := cfg.Months
	if months == 0 {
		months = 24
	}
	y, m, d := s.start.Date()
	s.end = time.Date(y, m+time.Month(months), d, s.start.Hour(), s.start.Minute(), 0, 0, s.loc)
	if s.end.Day() != d { // 31 January + 1 month: the last day of February
		s.end = time.Date(s.end.Year(), s.end.Month(), 0, s.start.Hour(), s.start.Minute(), 0, 0, s.loc)
	}
	if w := cfg.Window(); !w.Start.Equal(s.start) || !w.End.Equal(s.end) {
		t.Errorf("Window() = %v, want [%v, %v)", w, s.start, s.end)
	}
	if len(s.funnel.Stages) == 0 {
		s.funnel = activity.TypicalB2B()
	}
	for _, fs := range s.funnel.Stages {
		switch {
		case fs.Won:
			s.won = fs.Stage
		case fs.Lost:
			s.lost = fs.Stage
		default:
			s.open = append(s.open, fs.Stage)
		}
	}
	if s.apd == 0 {
		s.apd = 9
	}
	switch {
	case s.untied == 0:
		s.untied = 0.2
	case s.untied < 0:
		s.untied = 0
	}
	return s
}

func checkShape(t *testing.T, cfg activitytest.Config, r activity.Records) {
	s := settings(t, cfg)
	reps := make(map[string]activity.Rep)
	for i, p := range r.Reps {
		if i > 0 && p.ID <= r.Reps[i-1].ID {
			t.Errorf("rep %d id %q not after %q", i, p.ID, r.Reps[i-1].ID)
		}
		reps[p.ID] = p
		last := p.Assignments[len(p.Assignments)-1]
		if !last.Until.Equal(p.LeftAt) {
			t.Errorf("rep %s: last assignment ends %v, left %v", p.ID, last.Until, p.LeftAt)
		}
		if !p.Assignments[0].From.Equal(p.HiredAt) {
			t.Errorf("rep %s: first assignment starts %v, hired %v", p.ID, p.Assignments[0].From, p.HiredAt)
		}
	}
	employed := func(rep string, at time.Time) bool {
		p := reps[rep]
		return !at.Before(p.HiredAt) && (p.LeftAt.IsZero() || at.Before(p.LeftAt))
	}
	teamAt := func(rep string, at time.Time) string {
		a, _ := reps[rep].At(at)
		return a.Team
	}
	working := func(what string, at time.Time) {
		l := at.In(s.loc)
		if at.Location() != s.loc {
			t.Errorf("%s: time %v not in %v", what, at, s.loc)
		}
		if wd := l.Weekday(); wd == time.Saturday || wd == time.Sunday || l.Hour() < 8 || l.Hour() >= 18 {
			t.Errorf("%s: %v is outside working hours", what, l)
		}
		if at.Before(s.start) || !at.Before(s.end) {
			t.Errorf("%s: %v is outside the window [%v, %v)", what, at, s.start, s.end)
		}
	}

	// Deals, in id order, with their histories.
	type dealInfo struct {
		d       activity.Deal
		changes []activity.StageChange
		tied    int
	}
	deals := make(map[string]*dealInfo)
	var won, lost, open, withProb int
	var amounts []float64
	for i, d := range r.Deals {
		if want := fmt.Sprintf("D-%0*d", max(5, len(fmt.Sprint(len(r.Deals)))), i+1); d.ID != want {
			t.Fatalf("deal %d id %q, want %q", i, d.ID, want)
		}
		if i > 0 && d.CreatedAt.Before(r.Deals[i-1].CreatedAt) {
			t.Errorf("deal %s created before the deal before it", d.ID)
		}
		deals[d.ID] = &dealInfo{d: d}
		working(d.ID+" created", d.CreatedAt)
		if !employed(d.Owner, d.CreatedAt) {
			t.Errorf("deal %s created %v by %s, who is not employed then", d.ID, d.CreatedAt, d.Owner)
		}
		if got := teamAt(d.Owner, d.CreatedAt); d.Team != got {
			t.Errorf("deal %s team %q, owner's team at creation %q", d.ID, d.Team, got)
		}
		if !d.ExpectedCloseAt.After(d.CreatedAt) {
			t.Errorf("deal %s expected to close %v, not after its creation %v", d.ID, d.ExpectedCloseAt, d.CreatedAt)
		}
		if d.Amount.Exponent() != -2 || d.Amount.Sign() <= 0 {
			t.Errorf("deal %s amount %v, want positive with 2 places", d.ID, d.Amount)
		}
		amounts = append(amounts, d.Amount.InexactFloat64())
		if c, ok := d.Cost.Get(); ok {
			// 30% to 60% of the amount, rounded down to the cent.
			lo := d.Amount.Mul(decimal.New(30, -2)).Sub(decimal.New(1, -2))
			hi := d.Amount.Mul(decimal.New(60, -2))
			if c.LessThan(lo) || c.GreaterThan(hi) {
				t.Errorf("deal %s cost %v outside 30%%..60%% of %v", d.ID, c, d.Amount)
			}
		}
		if v, ok := d.TermMonths.Get(); ok && v != 12 {
			t.Errorf("deal %s term %d months, want 12 or none", d.ID, v)
		}
		if cfg.EURShare == 0 && d.Currency != "USD" {
			t.Errorf("deal %s currency %q, want USD", d.ID, d.Currency)
		}
		switch d.Status {
		case activity.StatusWon, activity.StatusLost:
			wantStage := s.won
			if d.Status == activity.StatusLost {
				wantStage = s.lost
				lost++
				if !slices.Contains([]string{"price", "competitor", "no_decision", "timing"}, d.LossReason) {
					t.Errorf("lost deal %s loss reason %q", d.ID, d.LossReason)
				}
			} else {
				won++
			}
			if d.Stage != wantStage || d.ClosedAt.IsZero() || d.ForecastCategory != activity.ForecastClosed || d.Probability.Valid {
				t.Errorf("%v deal %s: stage %q, closed %v, category %v, probability %v", d.Status, d.ID, d.Stage, d.ClosedAt, d.ForecastCategory, d.Probability)
			}
			working(d.ID+" closed", d.ClosedAt)
			days := d.ClosedAt.Sub(d.CreatedAt).Hours() / 24
			if p := reps[d.Owner]; !p.LeftAt.IsZero() {
				if !d.ClosedAt.Before(p.LeftAt) {
					t.Errorf("deal %s closed %v, after its owner left %v", d.ID, d.ClosedAt, p.LeftAt)
				}
				if p.LeftAt.Sub(d.ClosedAt) < 4*24*time.Hour && d.LossReason == "no_decision" {
					break // dropped on the owner's last working day
				}
			}
			// A cycle of 10 to 180 calendar days lands on a working day
			// up to 2 days later, at any time of the working day.
			if days < 10-10.0/24 || days > 182+10.0/24 {
				t.Errorf("deal %s closed after %.1f days, want 10 to 180", d.ID, days)
			}
		case activity.StatusOpen:
			open++
			pos := slices.Index(s.open, d.Stage)
			if pos < 0 || !d.ClosedAt.IsZero() || d.LossReason != "" {
				t.Errorf("open deal %s: stage %q, closed %v, loss reason %q", d.ID, d.Stage, d.ClosedAt, d.LossReason)
			}
			var want activity.ForecastCategory
			switch {
			case pos == len(s.open)-1:
				want = activity.ForecastCommit
			case 5*pos < 2*len(s.open):
				want = activity.ForecastPipeline
			default:
				want = activity.ForecastBestCase
			}
			if d.ForecastCategory != want {
				t.Errorf("open deal %s in %q: category %v, want %v", d.ID, d.Stage, d.ForecastCategory, want)
			}
			if p, ok := d.Probability.Get(); ok {
				withProb++
				if p.Exponent() != -2 || p.Sign() < 0 || p.GreaterThan(decimal.New(1, 0)) {
					t.Errorf("open deal %s probability %v, want 0.00 to 1.00", d.ID, p)
				}
			}
		default:
			t.Errorf("deal %s status %v", d.ID, d.Status)
		}
	}

	for i, c := range r.StageChanges {
		di, ok := deals[c.Deal]
		if !ok {
			t.Fatalf("stage change %d for unknown deal %q", i, c.Deal)
		}
		if i > 0 && c.Deal < r.StageChanges[i-1].Deal {
			t.Errorf("stage change %d for %s after one for %s", i, c.Deal, r.StageChanges[i-1].Deal)
		}
		di.changes = append(di.changes, c)
	}
	for _, di := range deals {
		d := di.d
		from, at := s.open[0], d.CreatedAt
		for _, c := range di.changes {
			if c.From != from || c.From == c.To {
				t.Errorf("deal %s: change %q -> %q, previous change left it in %q", d.ID, c.From, c.To, from)
			}
			if !c.At.After(at) {
				t.Errorf("deal %s: change to %q at %v, not after %v", d.ID, c.To, c.At, at)
			}
			working(d.ID+" change", c.At)
			from, at = c.To, c.At
		}
		if from != d.Stage {
			t.Errorf("deal %s in stage %q, its history ends in %q", d.ID, d.Stage, from)
		}
		if d.Status != activity.StatusOpen && !at.Equal(d.ClosedAt) {
			t.Errorf("deal %s closed %v, its last change is at %v", d.ID, d.ClosedAt, at)
		}
	}
	if closed := won + lost; closed >= 200 {
		if share := float64(won) / float64(closed); share < 0.2 || share > 0.4 {
			t.Errorf("won %d of %d closed deals (%.3f), want 0.2 to 0.4", won, closed, share)
		}
	}
	if open >= 100 {
		if share := float64(withProb) / float64(open); share < 0.1 || share > 0.3 {
			t.Errorf("%d of %d open deals have a probability (%.3f), want about 0.2", withProb, open, share)
		}
	}
	if cfg.Funnel.Stages == nil && len(amounts) >= 1000 {
		// The median of a lognormal of median 12,000, within sampling error.
		slices.Sort(amounts)
		if med := amounts[len(amounts)/2]; med < 10_500 || med > 13_500 {
			t.Errorf("median amount %.2f, want about 12,000", med)
		}
	}

	// Activities.
	lo := (s.apd + 2) / 3
	hi := 2*s.apd - lo
	var tied, untied, byMate int
	for i, a := range r.Activities {
		if want := fmt.Sprintf("A-%0*d", max(6, len(fmt.Sprint(len(r.Activities)))), i+1); a.ID != want {
			t.Fatalf("activity %d id %q, want %q", i, a.ID, want)
		}
		if i > 0 && a.At.Before(r.Activities[i-1].At) {
			t.Errorf("activity %s at %v before the one before it", a.ID, a.At)
		}
		working(a.ID, a.At)
		if !employed(a.Rep, a.At) {
			t.Errorf("activity %s at %v by %s, who is not employed then", a.ID, a.At, a.Rep)
		}
		if a.Team != "" {
			t.Errorf("activity %s has team %q, want none", a.ID, a.Team)
		}
		checkOutcome(t, a)
		if a.Deal == "" {
			untied++
			continue
		}
		tied++
		di, ok := deals[a.Deal]
		if !ok {
			t.Fatalf("activity %s for unknown deal %q", a.ID, a.Deal)
		}
		di.tied++
		d := di.d
		end := d.ClosedAt
		if end.IsZero() {
			end = s.end.Add(-time.Nanosecond)
		}
		if a.At.Before(d.CreatedAt) || a.At.After(end) {
			t.Errorf("activity %s at %v outside deal %s's life [%v, %v]", a.ID, a.At, d.ID, d.CreatedAt, end)
		}
		if a.Account != d.Account {
			t.Errorf("activity %s account %q, deal %s's is %q", a.ID, a.Account, d.ID, d.Account)
		}
		if a.Rep != d.Owner {
			byMate++
			if teamAt(a.Rep, a.At) != teamAt(d.Owner, a.At) {
				t.Errorf("activity %s by %s for %s's deal %s: not teammates at %v", a.ID, a.Rep, d.Owner, d.ID, a.At)
			}
		}
	}
	for id, di := range deals {
		// A deal cut short, still open at the window's end or dropped when
		// its owner left, keeps only the activities of the life it had.
		min := lo
		if di.d.Status == activity.StatusOpen || di.d.LossReason == "no_decision" {
			min = 0
		}
		if di.tied < min || di.tied > hi {
			t.Errorf("deal %s has %d activities, want %d to %d", id, di.tied, min, hi)
		}
	}
	// Untied activities are the tied count times the share, rounded down;
	// a few fewer where no rep is employed at the drawn time.
	if want := int(float64(tied) * s.untied); untied > want || untied < want*95/100 {
		t.Errorf("%d untied activities for %d tied, want %d", untied, tied, want)
	}
	if tied >= 2000 && len(r.Reps) >= 8 {
		if share := float64(byMate) / float64(tied); share < 0.05 || share > 0.12 {
			t.Errorf("%d of %d tied activities by a teammate (%.3f), want just under 0.1", byMate, tied, share)
		}
	}

	checkQuotas(t, s, r)
}

func checkOutcome(t *testing.T, a activity.Activity) {
	t.Helper()
	var ok bool
	switch a.Kind {
	case activity.KindCall:
		ok = slices.Contains([]activity.Outcome{activity.OutcomeConnected, activity.OutcomeNoAnswer, activity.OutcomeVoicemail}, a.Outcome) &&
			a.Duration >= 15*time.Second && a.Duration <= 30*time.Minute
	case activity.KindEmail:
		ok = slices.Contains([]activity.Outcome{activity.OutcomeSent, activity.OutcomeReplied, activity.OutcomeBounced}, a.Outcome) &&
			a.Duration == 0
	case activity.KindMeeting, activity.KindDemo:
		switch a.Outcome {
		case activity.OutcomeHeld:
			ok = a.Duration >= 30*time.Minute && a.Duration <= time.Hour
		case activity.OutcomeNoShow, activity.OutcomeRescheduled:
			ok = a.Duration == 0
		}
	case activity.KindProposal, activity.KindNegotiation:
		ok = a.Outcome == activity.OutcomeCompleted && a.Duration == 0
	}
	if !ok {
		t.Errorf("activity %s: %s with outcome %q lasting %v", a.ID, a.Kind, a.Outcome, a.Duration)
	}
}

// checkQuotas checks one bookings quota per employed rep per calendar
// quarter overlapping the window, and team quotas that add up.
func checkQuotas(t *testing.T, s setting, r activity.Records) {
	t.Helper()
	type key struct{ period, owner string }
	rep := make(map[key]decimal.Decimal)
	team := make(map[key]decimal.Decimal)
	for i, q := range r.Quotas {
		if q.Metric != "bookings" || q.Currency != "USD" || !q.Amount.Valid {
			t.Errorf("quota %d: metric %q, currency %q, amount %v", i, q.Metric, q.Currency, q.Amount)
		}
		if !q.Amount.Value.Mod(decimal.New(100, 0)).IsZero() {
			t.Errorf("quota %d amount %v is not whole hundreds", i, q.Amount.Value)
		}
		y, m, d := q.Period.Start.Date()
		if d != 1 || (m-1)%3 != 0 || q.Period.Start.Hour() != 0 || q.Period.Start.Location() != s.loc ||
			!q.Period.End.Equal(time.Date(y, m+3, 1, 0, 0, 0, 0, s.loc)) ||
			q.Period.Name != fmt.Sprintf("%d Q%d", y, (m-1)/3+1) {
			t.Errorf("quota %d period %v is not a calendar quarter", i, q.Period)
		}
		if !q.Period.Start.Before(s.end) || !q.Period.End.After(s.start) {
			t.Errorf("quota %d period %v outside the window", i, q.Period)
		}
		if q.Rep != "" {
			rep[key{q.Period.Name, q.Rep}] = q.Amount.Value
		} else {
			team[key{q.Period.Name, q.Team}] = q.Amount.Value
		}
	}
	sums := make(map[key]decimal.Decimal)
	for qs := quarterStart(s.start); qs.Before(s.end); qs = time.Date(qs.Year(), qs.Month()+3, 1, 0, 0, 0, 0, s.loc) {
		qe := time.Date(qs.Year(), qs.Month()+3, 1, 0, 0, 0, 0, s.loc)
		name := fmt.Sprintf("%d Q%d", qs.Year(), (int(qs.Month())-1)/3+1)
		for _, p := range r.Reps {
			in := p.HiredAt.Before(qe) && (p.LeftAt.IsZero() || p.LeftAt.After(qs))
			amount, has := rep[key{name, p.ID}]
			if in != has {
				t.Errorf("rep %s employed in %s: %v; has a quota: %v", p.ID, name, in, has)
			}
			if in {
				at := qs
				if p.HiredAt.After(at) {
					at = p.HiredAt
				}
				a, _ := p.At(at)
				k := key{name, a.Team}
				sums[k] = sums[k].Add(amount)
			}
		}
	}
	if diff := cmp.Diff(sums, team, decimalEqual); diff != "" {
		t.Errorf("team quotas are not the sums of their reps' (-sums +team quotas):\n%s", diff)
	}
}

func quarterStart(t time.Time) time.Time {
	return time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, t.Location())
}

// TestGenerateDefault checks the default roster and counts against what
// the package comment states.
func TestGenerateDefault(t *testing.T) {
	r := activitytest.Generate(activitytest.Config{})
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

	if len(r.Reps) != 24 {
		t.Fatalf("%d reps, want 24", len(r.Reps))
	}
	var hires, leavers, moves []string
	teams := make(map[string][]string) // team -> manager and territory
	for i, p := range r.Reps {
		if want := fmt.Sprintf("rep-%02d", i+1); p.ID != want || p.Name == "" {
			t.Errorf("rep %d: id %q name %q, want id %q and a name", i, p.ID, p.Name, want)
		}
		if !p.HiredAt.Before(start) {
			hires = append(hires, p.ID)
			if want := []string{"0", "0.25", "0.5", "0.75"}; fmt.Sprint(p.Ramp) != fmt.Sprint(want) {
				t.Errorf("new hire %s ramp %v, want %v", p.ID, p.Ramp, want)
			}
			if !p.HiredAt.Before(end) {
				t.Errorf("rep %s hired %v, after the window", p.ID, p.HiredAt)
			}
		}
		if !p.LeftAt.IsZero() {
			leavers = append(leavers, p.ID)
		}
		if len(p.Assignments) > 1 {
			moves = append(moves, p.ID)
			a, b := p.Assignments[0], p.Assignments[1]
			if a.Team == b.Team || !a.Until.Equal(b.From) || b.From.Day() > 7 {
				t.Errorf("rep %s moves from %+v to %+v, want another team in a month's first week", p.ID, a, b)
			}
		}
		for _, a := range p.Assignments {
			teams[a.Team] = []string{a.Manager, a.Territory}
		}
	}
	// One rep in eight is hired in the window, one leaves, two move.
	if len(hires) != 3 || len(leavers) != 1 || len(moves) != 2 {
		t.Errorf("hired %v, left %v, moved %v; want 3, 1 and 2 reps", hires, leavers, moves)
	}
	wantTeams := map[string][]string{
		"team-1": {"mgr-1", "north"}, "team-2": {"mgr-2", "south"},
		"team-3": {"mgr-3", "east"}, "team-4": {"mgr-4", "west"},
	}
	if diff := cmp.Diff(wantTeams, teams); diff != "" {
		t.Errorf("teams (-want +got):\n%s", diff)
	}

	// Deals: 24 reps × 24 months × 4 = 2,304 at most, less the new hires'
	// months before hire and on ramp and the leaver's months after leaving;
	// ±5% for the draw.
	if n := len(r.Deals); n < 1900 || n > 2304 {
		t.Errorf("%d deals, want 1,900 to 2,304", n)
	}
	// Activities: 3 to 15 a deal, 9 on average, and a fifth more.
	if n, want := len(r.Activities), float64(len(r.Deals))*9*1.2; math.Abs(float64(n)/want-1) > 0.05 {
		t.Errorf("%d activities, want %.0f ± 5%%", n, want)
	}
	// Quotas: 8 quarters of 21 to 24 reps, and 4 teams.
	if n := len(r.Quotas); n < 8*(21+4) || n > 8*(24+4) {
		t.Errorf("%d quotas, want %d to %d", n, 8*25, 8*28)
	}
}

func TestGenerateExactDeals(t *testing.T) {
	for _, n := range []int{1, 999, 20_000} {
		r := activitytest.Generate(activitytest.Config{Deals: n, ActivitiesPerDeal: 4, UntiedShare: 0.25})
		if len(r.Deals) != n {
			t.Errorf("Generate(Deals: %d) made %d deals", n, len(r.Deals))
		}
		// 2 to 6 a deal, 4 on average, and a quarter more: 5 a deal, less
		// what deals still open at the window's end would have had later
		// (under a tenth of all).
		if n >= 999 {
			if got, want := float64(len(r.Activities)), 5*float64(n); got > want*1.02 || got < want*0.9 {
				t.Errorf("Generate(Deals: %d) made %.0f activities, want %.0f − 10%% to + 2%%", n, got, want)
			}
		}
	}
}

func TestGenerateEUR(t *testing.T) {
	r := activitytest.Generate(activitytest.Config{EURShare: 0.25})
	eur := 0
	for _, d := range r.Deals {
		if d.Currency == "EUR" {
			eur++
		}
	}
	if share := float64(eur) / float64(len(r.Deals)); share < 0.2 || share > 0.3 {
		t.Errorf("%d of %d deals in EUR (%.3f), want about 0.25", eur, len(r.Deals), share)
	}
}

func TestConfigValidate(t *testing.T) {
	noOpen := activity.Funnel{Stages: []activity.FunnelStage{
		{Stage: "won", Probability: activity.Some(decimal.New(1, 0)), Won: true},
		{Stage: "lost", Lost: true},
	}}
	bad := activity.Funnel{Stages: []activity.FunnelStage{{Stage: "a"}}}
	for _, tc := range []struct {
		name string
		cfg  activitytest.Config
		ok   bool
	}{
		{"zero", activitytest.Config{}, true},
		{"all set", activitytest.Config{Seed: 9, Months: 1200, Teams: 10_000, Reps: 100_000, DealsPerRepMonth: 10_000,
			Deals: math.MaxInt32, ActivitiesPerDeal: 10_000, UntiedShare: 100, EURShare: 1}, true},
		{"no untied", activitytest.Config{UntiedShare: -3}, true},
		{"negative months", activitytest.Config{Months: -1}, false},
		{"too many months", activitytest.Config{Months: 1201}, false},
		{"negative teams", activitytest.Config{Teams: -1}, false},
		{"negative reps", activitytest.Config{Reps: -1}, false},
		{"too many reps", activitytest.Config{Reps: 100_001}, false},
		{"negative rate", activitytest.Config{DealsPerRepMonth: -0.5}, false},
		{"NaN rate", activitytest.Config{DealsPerRepMonth: math.NaN()}, false},
		{"infinite rate", activitytest.Config{DealsPerRepMonth: math.Inf(1)}, false},
		{"negative deals", activitytest.Config{Deals: -1}, false},
		{"negative activities", activitytest.Config{ActivitiesPerDeal: -1}, false},
		{"NaN untied", activitytest.Config{UntiedShare: math.NaN()}, false},
		{"untied too high", activitytest.Config{UntiedShare: 101}, false},
		{"EUR above 1", activitytest.Config{EURShare: 1.5}, false},
		{"EUR negative", activitytest.Config{EURShare: -0.1}, false},
		{"funnel without open stage", activitytest.Config{Funnel: noOpen}, false},
		{"invalid funnel", activitytest.Config{Funnel: bad}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if tc.ok && err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
			if !tc.ok && !errors.Is(err, activitytest.ErrInvalidConfig) {
				t.Errorf("Validate() = %v, want ErrInvalidConfig", err)
			}
		})
	}
}

func TestGeneratePanicsOnInvalidConfig(t *testing.T) {
	defer func() {
		err, _ := recover().(error)
		if !errors.Is(err, activitytest.ErrInvalidConfig) {
			t.Errorf("Generate(Months: -1) panicked with %v, want ErrInvalidConfig", err)
		}
	}()
	activitytest.Generate(activitytest.Config{Months: -1})
	t.Error("Generate(Months: -1) did not panic")
}

// TestGenerateLocationHours checks that times carry the configured zone and
// fall in its working hours across a daylight-saving change, which the
// generic shape check covers for every configuration; here the zone's
// offsets must both appear.
func TestGenerateLocationHours(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	r := activitytest.Generate(activitytest.Config{Location: ny})
	offsets := make(map[int]bool)
	for _, a := range r.Activities {
		_, off := a.At.Zone()
		offsets[off] = true
	}
	if !offsets[-5*3600] || !offsets[-4*3600] || len(offsets) != 2 {
		t.Errorf("activity offsets %v, want EST and EDT", offsets)
	}
	if got := r.Deals[0].CreatedAt.In(ny); got.Year() != 2024 || got.Month() != time.January {
		t.Errorf("first deal created %v, want January 2024 in New York", got)
	}
	if !strings.HasPrefix(r.Quotas[0].Period.String(), "2024 Q1 [2024-01-01T00:00:00-05:00") {
		t.Errorf("first quota period %v, want 2024 Q1 from midnight in New York", r.Quotas[0].Period)
	}
}

// TestGenerateWinsFromSeveralStages: won deals are won from the last open
// stage mostly, and from the ones before it too (weights 12, 5, 2, 1 of
// 20), so a funnel's win rate by highest stage is not zero before the last.
func TestGenerateWinsFromSeveralStages(t *testing.T) {
	t.Parallel()
	r := activitytest.Generate(activitytest.Config{Seed: 7})
	wonFrom := map[activity.Stage]int{}
	won := 0
	for _, c := range r.StageChanges {
		if c.To == activity.StageClosedWon {
			wonFrom[c.From]++
			won++
		}
	}
	// Expected shares 0.60, 0.25, 0.10, 0.05 of several hundred wins; the
	// bounds leave room for the draws (and for walks that skip the drawn
	// stage, which win from the next).
	for _, tc := range []struct {
		stage    activity.Stage
		min, max float64
	}{
		{activity.StageNegotiation, 0.50, 0.70},
		{activity.StageProposal, 0.15, 0.35},
		{activity.StageDemo, 0.05, 0.16},
		{activity.StageQualification, 0.01, 0.10},
	} {
		if share := float64(wonFrom[tc.stage]) / float64(won); share < tc.min || share > tc.max {
			t.Errorf("won from %s: %d of %d (%.3f), want %.2f to %.2f", tc.stage, wonFrom[tc.stage], won, share, tc.min, tc.max)
		}
	}
}

// TestGenerateCloseDates: with CloseDateShare, that share of closed deals
// carries its close as a day in Location (and no instant), and the records
// make an index when it reads the days there.
func TestGenerateCloseDates(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	cfg := activitytest.Config{Seed: 3, Location: ny, CloseDateShare: 0.3}
	r := activitytest.Generate(cfg)
	closed, days := 0, 0
	for _, d := range r.Deals {
		if d.Status == activity.StatusOpen {
			continue
		}
		closed++
		if !d.CloseDate.IsZero() {
			days++
			if !d.ClosedAt.IsZero() {
				t.Fatalf("deal %s has both a close day and a close time", d.ID)
			}
		}
	}
	if share := float64(days) / float64(closed); share < 0.25 || share > 0.35 {
		t.Errorf("%d of %d closes are days (%.3f), want about 0.3", days, closed, share)
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End, Location: ny})
	if err != nil {
		t.Fatalf("NewIndex: %v", err)
	}
	if ix.NumDeals() != len(r.Deals) {
		t.Errorf("index holds %d of %d deals", ix.NumDeals(), len(r.Deals))
	}
	if err := (activitytest.Config{CloseDateShare: 1.5}).Validate(); !errors.Is(err, activitytest.ErrInvalidConfig) {
		t.Errorf("CloseDateShare 1.5: %v, want ErrInvalidConfig", err)
	}
}

// TestGenerateLeads checks the sample's leads against the model the
// generator documents: converted leads behind deals of their source and
// owner, in time before them; touched leads named by an untied call or
// e-mail of their owner at their WorkingAt; a few new ones at the end;
// some people twice; ids in time order.
func TestGenerateLeads(t *testing.T) {
	cfg := activitytest.Config{}
	r := activitytest.Generate(cfg)
	if len(r.Leads) < 500 {
		t.Fatalf("%d leads", len(r.Leads))
	}
	deals := map[string]activity.Deal{}
	for _, d := range r.Deals {
		deals[d.ID] = d
	}
	touch := map[string]activity.Activity{}
	for _, a := range r.Activities {
		if a.Lead != "" {
			if _, dup := touch[a.Lead]; dup || a.Deal != "" || (a.Kind != activity.KindCall && a.Kind != activity.KindEmail) {
				t.Fatalf("activity %s touches lead %s: a second touch, or not an untied call or e-mail", a.ID, a.Lead)
			}
			touch[a.Lead] = a
		}
	}
	status := map[activity.LeadStatus]int{}
	for i, l := range r.Leads {
		if err := l.Validate(); err != nil {
			t.Fatal(err)
		}
		if i > 0 && (l.ID <= r.Leads[i-1].ID || l.CreatedAt.Before(r.Leads[i-1].CreatedAt)) {
			t.Fatalf("lead %s out of order", l.ID)
		}
		status[l.Status]++
		if l.Deal != "" {
			d := deals[l.Deal]
			if d.Source != l.Source || d.Owner != l.Owner || !l.ConvertedAt.Equal(d.CreatedAt) || !l.CreatedAt.Before(d.CreatedAt) {
				t.Fatalf("lead %s and its deal %s disagree", l.ID, l.Deal)
			}
		}
		if a, ok := touch[l.ID]; ok && (a.Rep != l.Owner || !a.At.Equal(l.WorkingAt)) {
			t.Fatalf("lead %s and its touch %s disagree", l.ID, a.ID)
		}
		if l.Status == activity.LeadNew && l.CreatedAt.Before(cfg.Window().End.AddDate(0, 0, -14)) {
			t.Fatalf("new lead %s from %v", l.ID, l.CreatedAt)
		}
	}
	for s := activity.LeadNew; s <= activity.LeadConverted; s++ {
		if status[s] == 0 {
			t.Errorf("no %v lead: %v", s, status)
		}
	}
	if len(touch) < len(r.Leads)/4 || len(activity.DuplicateLeads(r.Leads)) == 0 {
		t.Errorf("%d touched of %d leads, %d people twice", len(touch), len(r.Leads), len(activity.DuplicateLeads(r.Leads)))
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End})
	if err != nil || len(ix.Leads()) != len(r.Leads) {
		t.Fatalf("index: %v", err)
	}
	t.Logf("%d leads: %v; %d touched by an activity; %d people twice", len(r.Leads), status, len(touch), len(activity.DuplicateLeads(r.Leads)))
}

// TestGenerateAccounts: one record for every account the deals name, with
// its first deal's territory and owner, a positive potential in USD and a
// workload; the index builds with them under either territory rule and,
// by account, every deal counts in its account's territory.
func TestGenerateAccounts(t *testing.T) {
	cfg := activitytest.Config{}
	r := activitytest.Generate(cfg)
	named := map[string]activity.Deal{}
	for _, d := range r.Deals {
		if _, ok := named[d.Account]; !ok {
			named[d.Account] = d
		}
	}
	if len(r.Accounts) != len(named) {
		t.Fatalf("%d account records for %d accounts", len(r.Accounts), len(named))
	}
	for _, a := range r.Accounts {
		d := named[a.ID]
		if err := a.Validate(); err != nil || a.Territory != d.Territory || a.Owner != d.Owner || !a.Potential.Value.IsPositive() || !a.Workload.Valid {
			t.Fatalf("account %+v (first deal %s), %v", a, d.ID, err)
		}
	}
	ix, err := activity.NewIndex(r, activity.IndexOptions{Funnel: activity.TypicalB2B(), AsOf: cfg.Window().End, Territory: activity.TerritoryByAccount})
	if err != nil || len(ix.AccountRecords()) != len(r.Accounts) {
		t.Fatalf("index: %v", err)
	}
	moved := 0
	for i, d := range r.Deals {
		if got := ix.Deal(i).Territory; got != d.Territory {
			moved++
		}
	}
	t.Logf("%d accounts; %d of %d deals count in their account's territory rather than their own", len(r.Accounts), moved, len(r.Deals))
}
