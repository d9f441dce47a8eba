package people

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
	"github.com/salesmetrics/salesmetrics/internal/sentinels"
	"github.com/salesmetrics/salesmetrics/performance"
)

// epfSentinels are the exported sentinel errors an entry point of the
// package may wrap: its own, activity's, and performance's (the deal KPIs
// the people KPIs run, performance.BookingsBy and WinRateBy, pass their
// errors through, as errors.go says).
var epfSentinels = slices.Concat([]error{
	ErrInvalidOptions, ErrNoDeals, ErrMixedCurrencies, ErrZeroDenominator, ErrInvalidGoal, ErrInvalidScore,
}, sentinels.Activity, sentinels.Performance)

// epfCheck fails t when err wraps none of epfSentinels, or when err is nil
// and result holds a NaN or an infinite float64 in an exported field or
// does not render (fuzzRender).
func epfCheck(t *testing.T, name string, result any, err error) {
	t.Helper()
	fuzzcheck.Check(t, name, result, err, epfSentinels)
	if err == nil {
		fuzzRender(t, name, result)
	}
}

var (
	epfBase   = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	epfKinds  = []activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting, activity.KindDemo, "webinar"}
	epfOutcms = []activity.Outcome{"", activity.OutcomeConnected, activity.OutcomeHeld, activity.OutcomeVoicemail, "no_show"}
	epfCurs   = []activity.Currency{"USD", "USD", "USD", "EUR"}
	epfZones  = []*time.Location{nil, time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -8*3600)}
)

// epfRecords makes records from fuzz bytes, densely (so that inputs and
// their minimization stay small; bytes past the 256th are ignored): a
// roster of up to five reps, some with a hire date (owners past the roster
// are skipped by the index); up to 24 deals won, lost or open in USD or
// EUR, four bytes each; up to 32 activities of known and unknown kinds and
// outcomes, two bytes each; and up to three quotas.
func epfRecords(data []byte) activity.Records {
	data = data[:min(len(data), 256)]
	i := 0
	next := func() int {
		if i >= len(data) {
			return 0
		}
		i++
		return int(data[i-1])
	}
	var r activity.Records
	for n := range next() % 6 {
		rep := activity.Rep{ID: fmt.Sprintf("r%d", n)}
		if h := next(); h%4 != 0 {
			rep.HiredAt = epfBase.Add(time.Duration(h) * 30 * time.Hour)
		}
		r.Reps = append(r.Reps, rep)
	}
	for n := range next() % 25 {
		c, b, a, e := next(), next(), next(), next()
		created := epfBase.Add(time.Duration(c) * 36 * time.Hour)
		d := activity.Deal{
			ID: fmt.Sprintf("D%d", n), Owner: fmt.Sprintf("r%d", b%5), Currency: epfCurs[b/5%len(epfCurs)],
			Amount:    decimal.New(int64(a)*int64(a+1), -int32(c%4)),
			CreatedAt: created, Territory: fmt.Sprintf("t%d", e%3),
		}
		switch b / 20 % 3 {
		case 0:
			d.Status, d.Stage = activity.StatusWon, activity.StageClosedWon
			d.ClosedAt = created.Add(time.Duration(e) * 24 * time.Hour)
		case 1:
			d.Status, d.Stage = activity.StatusLost, activity.StageClosedLost
			d.ClosedAt = created.Add(time.Duration(e) * 24 * time.Hour)
		default:
			d.Status, d.Stage = activity.StatusOpen, activity.StageDemo
			d.ExpectedCloseAt = created.Add(time.Duration(e) * 24 * time.Hour)
		}
		r.Deals = append(r.Deals, d)
	}
	for n := range next() % 33 {
		b, at := next(), next()
		r.Activities = append(r.Activities, activity.Activity{
			ID: fmt.Sprintf("A%d", n), Rep: fmt.Sprintf("r%d", b%5), Kind: epfKinds[b/5%len(epfKinds)],
			Outcome: epfOutcms[b/25%len(epfOutcms)],
			At:      epfBase.Add(time.Duration(at)*70*time.Hour + time.Duration(b)*time.Minute),
		})
	}
	for range next() % 4 {
		m, b := next()%14, next()
		q := activity.Quota{Rep: fmt.Sprintf("r%d", b%5), Period: activity.Period{Start: epfBase.AddDate(0, m, 0), End: epfBase.AddDate(0, m+1, 0)}}
		q.Amount, q.Currency = activity.Some(decimal.New(int64(b)*100, 0)), "USD"
		r.Quotas = append(r.Quotas, q)
	}
	return r
}

// epfOpts hands out small choices drawn from a uint64 seed by splitmix64,
// so that however many choices a run makes, each can take any value.
type epfOpts uint64

func (o *epfOpts) pick(n int) int {
	*o += 0x9e3779b97f4a7c15
	z := uint64(*o)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return int(z % uint64(n))
}

// epfPeriod is a month, quarter or year from some month of 2024–25 in one
// of the zones, or (rarely) an invalid period: zero, empty or reversed.
func epfPeriod(o *epfOpts) activity.Period {
	loc := epfZones[o.pick(len(epfZones))]
	if loc == nil {
		loc = time.UTC
	}
	m := o.pick(16)
	start := time.Date(2024, time.Month(1+m), 1, 0, 0, 0, 0, loc)
	switch o.pick(8) {
	case 0:
		return activity.Period{}
	case 1:
		return activity.Period{Start: start, End: start, Name: "empty"}
	case 2:
		return activity.Period{Start: start, End: start.AddDate(0, -1, 0), Name: "reversed"}
	case 3, 4:
		return activity.Period{Start: start, End: start.AddDate(0, 1, 0), Name: "month"}
	case 5:
		return activity.Period{Start: start, End: start.AddDate(0, 3, 0), Name: "quarter"}
	default:
		return activity.Period{Start: start, End: start.AddDate(1, 0, 0), Name: "year"}
	}
}

// epfCalendar is mostly a valid calendar (Gregorian or 4-4-5, in a zone,
// with various weekends and holidays), sometimes one out of range.
func epfCalendar(o *epfOpts) activity.Calendar {
	c := activity.Calendar{Location: epfZones[o.pick(len(epfZones))], FiscalYearStart: time.Month(o.pick(13))}
	switch o.pick(10) {
	case 0:
		c.FiscalYearStart = 13
	case 1:
		c.Weekend = []time.Weekday{9}
	case 2:
		c.Weekend = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	case 3:
		// One working day a week, on which every 2024–25 day is a holiday:
		// periods without a working day.
		c.Weekend = []time.Weekday{0, 1, 2, 3, 4, 6}
		for d := epfBase.AddDate(0, -1, 0); d.Before(epfBase.AddDate(3, 0, 0)); d = d.AddDate(0, 0, 1) {
			c.Holidays = append(c.Holidays, d)
		}
	case 4:
		c.Weekend = []time.Weekday{}
	case 5:
		c.Months, c.YearEnd, c.YearEndDay, c.Weeks = activity.Weeks445, activity.LastWeekday, time.Saturday, activity.ISOWeeks
	case 6:
		c.Months = activity.Weeks445 // without a year end: invalid
	case 7:
		c.Holidays = []time.Time{{}}
	default:
		c.Holidays = []time.Time{time.Date(2024, 12, 25, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	return c
}

// epfConversion is nil, a valid EUR→USD conversion, one to a currency
// without rates, or an invalid one.
func epfConversion(o *epfOpts, rates activity.Converter) *activity.Conversion {
	switch o.pick(6) {
	case 0:
		return &activity.Conversion{To: "USD", Converter: rates}
	case 1:
		return &activity.Conversion{To: "USD", Converter: rates, Date: activity.RateAtPeriodEnd}
	case 2:
		return &activity.Conversion{To: "GBP", Converter: rates}
	case 3:
		return &activity.Conversion{To: "usd", Converter: rates, Date: activity.RateDate(7)}
	default:
		return nil
	}
}

func epfDecimal(o *epfOpts) decimal.Decimal {
	return decimal.New(int64(o.pick(41))-10, -int32(o.pick(3)))
}

// FuzzPeopleEntryPoints builds an index from fuzzed records (reps with and
// without hire dates, deals, activities, quotas) and options from a uint64,
// out-of-range enums and invalid periods, calendars, conversions, goals and
// weights included, and calls the package's entry points:
//
//	ActivityAssociation, GoalProgress, ScoresOf, BookingsScores,
//	WinRateScores, Points, Contest, EffortVsResults, TimeToRamp, Scorecards
//
// (and Leaderboard on the scores). It checks that none panics; that an
// error, when returned, wraps an exported sentinel of people, activity or
// performance (errors.Is); and that a result returned without an error holds
// no NaN or ±Inf float64 in any exported field, however deep.
func FuzzPeopleEntryPoints(f *testing.F) {
	// A full book (five reps, 24 deals, 32 activities, 3 quotas) with
	// pseudo-random bytes; a small one; and almost nothing.
	book := make([]byte, 180)
	x := uint32(1)
	for i := range book {
		x = x*1664525 + 1013904223
		book[i] = byte(x >> 24)
	}
	book[0], book[6], book[7+24*4], book[8+24*4+32*2] = 5, 24, 32, 3
	f.Add(book, uint64(0))
	f.Add(book, uint64(32)) // options under which ActivityAssociation has enough observations
	f.Add(book[:60], uint64(0x9e3779b97f4a7c15))
	f.Add([]byte{2, 9, 9, 0, 0}, uint64(123456789))
	rates, err := activity.NewExchangeRates([]activity.ExchangeRate{{From: "EUR", To: "USD", On: epfBase.AddDate(-1, 0, 0), Rate: decimal.RequireFromString("1.10")}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, opt uint64) {
		recs := epfRecords(data)
		ix, err := activity.NewIndex(recs, activity.IndexOptions{Funnel: activity.TypicalB2B(), SkipInvalid: true})
		if err != nil {
			t.Fatalf("NewIndex: %v", err)
		}
		o := epfOpts(opt)
		v := ix.All()
		if o.pick(16) == 0 {
			v = activity.View{}
		}
		p := epfPeriod(&o)

		// ActivityAssociation.
		var kinds []activity.Kind
		if o.pick(3) == 0 {
			kinds = []activity.Kind{epfKinds[o.pick(len(epfKinds))], epfKinds[o.pick(len(epfKinds))]}
		}
		assoc, err := ActivityAssociation(v, p, AssociationOptions{Kinds: kinds, Outcome: OutcomeMeasure(o.pick(3)),
			Calendar: epfCalendar(&o), Granularity: activity.Granularity(o.pick(7)), Conversion: epfConversion(&o, rates)})
		epfCheck(t, "ActivityAssociation", assoc, err)

		// GoalProgress.
		goal := Goal{Key: []string{"", "r1", "team"}[o.pick(3)], Metric: "bookings", Period: epfPeriod(&o), Target: epfDecimal(&o)}
		asOf := goal.Period.Start.Add(time.Duration(o.pick(900)-100) * 24 * time.Hour).Add(time.Duration(o.pick(24)) * time.Hour)
		status, err := GoalProgress(goal, epfDecimal(&o), asOf, epfCalendar(&o))
		epfCheck(t, "GoalProgress", status, err)
		fuzzRender(t, "Goal", goal)

		// ScoresOf, BookingsScores, WinRateScores (and Leaderboard on them).
		rank := RankOptions{Method: RankMethod(o.pick(5)), Ascending: o.pick(2) == 0, TiebreakAscending: o.pick(2) == 0}
		if o.pick(3) == 0 {
			rank.Target = activity.Some(epfDecimal(&o))
		}
		by := []activity.By{activity.ByRep(), activity.ByTerritory()}[o.pick(2)]
		bookings, err := performance.BookingsBy(v, p, by, performance.BookingsOptions{Conversion: epfConversion(&o, rates)})
		if err == nil {
			scores := ScoresOf(bookings, func(b performance.BookingsTotal) decimal.Decimal { return b.Amount.Neg() })
			epfCheck(t, "ScoresOf", scores, nil)
			st, err := Leaderboard(scores, rank)
			epfCheck(t, "Leaderboard(ScoresOf)", st, err)
			bs, err := BookingsScores(bookings)
			epfCheck(t, "BookingsScores", bs, err)
			st, err = Leaderboard(bs, rank)
			epfCheck(t, "Leaderboard(BookingsScores)", st, err)
		}
		wins, err := performance.WinRateBy(v, p, by, performance.WinRateOptions{Basis: performance.RateBasis(o.pick(2))})
		if err == nil {
			ws := WinRateScores(wins)
			epfCheck(t, "WinRateScores", ws, nil)
			st, err := Leaderboard(ws, rank)
			epfCheck(t, "Leaderboard(WinRateScores)", st, err)
		}

		// Points and Contest.
		weights := PointWeights{WonDeal: epfDecimal(&o)}
		for range o.pick(4) {
			if weights.Kinds == nil {
				weights.Kinds = map[activity.Kind]decimal.Decimal{}
			}
			weights.Kinds[append(epfKinds, "")[o.pick(len(epfKinds)+1)]] = epfDecimal(&o)
		}
		for range o.pick(3) {
			if weights.Outcomes == nil {
				weights.Outcomes = map[activity.Outcome]decimal.Decimal{}
			}
			weights.Outcomes[epfOutcms[o.pick(len(epfOutcms))]] = epfDecimal(&o)
		}
		fuzzRender(t, "PointWeights", weights)
		pts, err := Points(v, p, weights)
		epfCheck(t, "Points", pts, err)
		st, err := Contest(v, p, weights, rank)
		epfCheck(t, "Contest", st, err)

		// EffortVsResults.
		qo := QuadrantOptions{Conversion: epfConversion(&o, rates)}
		if o.pick(3) == 0 {
			qo.Kinds = []activity.Kind{epfKinds[o.pick(len(epfKinds))]}
		}
		if o.pick(2) == 0 {
			qo.EffortThreshold = activity.Some(epfDecimal(&o))
		}
		if o.pick(2) == 0 {
			qo.ResultThreshold = activity.Some(epfDecimal(&o))
		}
		quads, err := EffortVsResults(v, p, qo)
		epfCheck(t, "EffortVsResults", quads, err)

		// TimeToRamp.
		ro := RampOptions{Milestone: RampMilestone(o.pick(3)), Share: epfDecimal(&o), FullQuota: epfDecimal(&o).Mul(decimal.New(1000, 0)),
			Calendar: epfCalendar(&o)}
		if o.pick(8) != 0 {
			ro.AsOf = epfBase.Add(time.Duration(o.pick(800)) * 24 * time.Hour)
		}
		if o.pick(3) == 0 {
			ro.HiredFrom = epfBase.Add(time.Duration(o.pick(300)) * 24 * time.Hour)
		}
		rix := ix
		if o.pick(16) == 0 {
			rix = nil
		}
		ramp, err := TimeToRamp(rix, ro)
		epfCheck(t, "TimeToRamp", ramp, err)

		// Scorecards.
		cards, err := Scorecards(v, p, ScorecardOptions{Granularity: activity.Granularity(o.pick(7)), Calendar: epfCalendar(&o),
			Conversion: epfConversion(&o, rates)})
		epfCheck(t, "Scorecards", cards, err)

		// The options' enumerations, in and out of range, as text; and the
		// records' bytes read as the name of each.
		text := data[:min(len(data), 16)]
		for range 2 {
			fuzzEnumText(t, OutcomeMeasure(o.pick(8)), text)
			fuzzEnumText(t, Quadrant(o.pick(8)), text)
			fuzzEnumText(t, RampMilestone(o.pick(8)), text)
			fuzzEnumText(t, RankMethod(o.pick(8)), text)
		}
	})
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, epfSentinels)
}
