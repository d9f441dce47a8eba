package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/internal/fuzzcheck"
)

// iefSentinels are the exported sentinel errors of the package; every error
// an entry point returns must wrap one of them.
var iefSentinels = []error{
	ErrInvalidPeriod, ErrInvalidCalendar, ErrInvalidCurrency, ErrInvalidRate, ErrNoRate, ErrNoRateDate,
	ErrInvalidConversion, ErrInvalidGranularity, ErrInvalidTime, ErrInvalidStatus, ErrInvalidForecastCategory,
	ErrMissingID, ErrMissingField, ErrTooManyPeriods, ErrZeroView, ErrDecode, ErrInvalidAmount, ErrZeroTime,
	ErrTimeOrder, ErrNegativeAmount, ErrNoCloseTime, ErrOpenWithCloseTime, ErrProbabilityRange, ErrRampRange,
	ErrUnknownStage, ErrStageStatus, ErrUnknownDeal, ErrUnknownRep, ErrDuplicateID, ErrOverlap,
	ErrBrokenHistory, ErrInvalidQuota, ErrInvalidOptions, ErrUnknownName, ErrNoActivities, ErrInvalidFunnel,
}

// iefCheck fails t when err wraps none of iefSentinels, or when err is nil
// and result holds a NaN or an infinite float.
func iefCheck(t *testing.T, name string, result any, err error) {
	t.Helper()
	fuzzcheck.Check(t, name, result, err, iefSentinels)
}

// iefWant fails t unless err wraps want.
func iefWant(t *testing.T, name string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: error %v, want one wrapping %v", name, err, want)
	}
}

var (
	iefZones    = []*time.Location{nil, time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -8*3600)}
	iefStages   = []Stage{StageProspecting, StageDemo, StageClosedWon, StageClosedLost, "odd", ""}
	iefKinds    = []Kind{KindCall, KindEmail, KindMeeting, KindDemo, "webinar", KindCall, KindEmail, ""}
	iefOutcomes = []Outcome{"", OutcomeConnected, OutcomeNoAnswer, OutcomeHeld, "odd"}
	iefTeams    = []string{"", "t0", "t1", "t2"}
	iefTerrs    = []string{"", "north", "south"}
	iefSources  = []Source{"", SourceInbound, SourceReferral}
	iefSegments = []string{"", "smb", "ent"}
	iefRegions  = []string{"", "emea", "amer"}
	iefCurs     = []Currency{"USD", "USD", "EUR", "USD", "EUR", "JPY", "USD", "usd"}
)

// iefRecords makes a small company from fuzz bytes (at most the first 512):
// a roster of reps with effective-dated teams, hire dates and ramps; deals
// mostly consistent with the TypicalB2B funnel (a flag byte breaks them);
// stage changes; activities of known and unknown kinds, outcomes and deals;
// and quotas of reps or teams. Few ids, so that duplicates and unknown links
// are common.
func iefRecords(data []byte) Records {
	data = data[:min(len(data), 512)]
	i := 0
	next := func() int {
		if i >= len(data) {
			return 0
		}
		i++
		return int(data[i-1])
	}
	// Times over about 400 days, at varied hours; 255 is the zero time.
	at := func() time.Time {
		v := next()
		if v == 255 {
			return time.Time{}
		}
		return jan1.Add(time.Duration(v) * 37 * time.Hour)
	}
	var r Records
	// Reps r0, r1 ... in order (b%16 == 15 repeats r0), with back-to-back
	// assignments (b%16 == 14 makes them overlap).
	for n := range next() % 6 {
		b := next()
		rep := Rep{ID: fmt.Sprintf("r%d", n)}
		if b%16 == 15 {
			rep.ID = "r0"
		}
		if b&0x10 != 0 {
			rep.HiredAt = at()
		}
		if b&0x20 != 0 && b&0x10 == 0 {
			rep.LeftAt = at()
		}
		switch b >> 6 {
		case 1:
			rep.Ramp = []decimal.Decimal{decimal.Zero, decimal.New(5, -1)}
		case 2:
			if b&1 == 0 {
				rep.Ramp = []decimal.Decimal{decimal.New(15, -1)}
			}
		}
		from := at()
		for j := range next() % 4 {
			days, team := next(), next()
			a := Assignment{From: from, Team: iefTeams[team%len(iefTeams)], Territory: iefTerrs[team/4%len(iefTerrs)]}
			if days%32 != 0 || j < 2 {
				a.Until = from.Add(time.Duration(1+days) * 31 * time.Hour)
			}
			if b%16 == 14 {
				from = from.Add(time.Hour)
			} else {
				from = a.Until
			}
			rep.Assignments = append(rep.Assignments, a)
			if a.Until.IsZero() {
				break
			}
		}
		r.Reps = append(r.Reps, rep)
	}
	// Deals D0, D1 ... in order (id%8 == 7 repeats an earlier id).
	for n := range next() % 10 {
		id, owner, s, amt, places, more := next(), next(), next(), next(), next(), next()
		d := Deal{
			ID: fmt.Sprintf("D%d", n), Owner: fmt.Sprintf("r%d", owner%5),
			Team: iefTeams[owner/5%len(iefTeams)], Territory: iefTerrs[owner/20%len(iefTerrs)],
			Source: iefSources[more%len(iefSources)], Segment: iefSegments[more/3%len(iefSegments)],
			Amount:   decimal.New(int64(amt), -int32(places%4)),
			Currency: iefCurs[places/4%len(iefCurs)],
			Status:   Status(s % 4), CreatedAt: at(),
		}
		if s%8 == 7 {
			// Anything goes.
			d.Status, d.Stage = Status(s%5), iefStages[s/5%len(iefStages)]
			d.ClosedAt = at()
			d.Amount = d.Amount.Neg()
		} else {
			if d.Status == StatusUnknown {
				d.Status = StatusOpen
			}
			switch d.Status {
			case StatusOpen:
				d.Stage = []Stage{StageProspecting, StageDemo, StageNegotiation}[s/4%3]
			case StatusWon:
				d.Stage = StageClosedWon
			default:
				d.Stage = StageClosedLost
			}
			if d.Status.Closed() {
				closed := d.CreatedAt.Add(time.Duration(places) * 29 * time.Hour)
				if s&0x40 != 0 {
					d.CloseDate = DateOf(closed)
				} else {
					d.ClosedAt = closed
				}
			}
		}
		if id%8 == 7 {
			d.ID = fmt.Sprintf("D%d", id/8%(n+1))
		}
		if more&0x40 != 0 {
			d.Attributes = map[string]string{"region": iefRegions[more/9%len(iefRegions)]}
		}
		if more&0x80 != 0 {
			d.Probability = Some(decimal.New(int64(amt%101), -2))
		}
		r.Deals = append(r.Deals, d)
	}
	for range next() % 8 {
		r.StageChanges = append(r.StageChanges, StageChange{
			Deal: fmt.Sprintf("D%d", next()%8), From: iefStages[next()%len(iefStages)],
			To: iefStages[next()%len(iefStages)], At: at(),
		})
	}
	// Activities a0, a1 ... in order (id%16 == 15 repeats an earlier id).
	for n := range next() % 16 {
		id, b, o := next(), next(), next()
		a := Activity{
			ID: fmt.Sprintf("a%d", n), Rep: fmt.Sprintf("r%d", b%5), Kind: iefKinds[b/5%len(iefKinds)],
			Outcome: iefOutcomes[o%len(iefOutcomes)], At: at(),
		}
		if d := o / 5 % 10; d < 7 {
			a.Deal = fmt.Sprintf("D%d", d)
		}
		if o&0x80 != 0 {
			a.Team = iefTeams[b/40%len(iefTeams)]
		}
		if id%16 == 15 {
			a.ID = fmt.Sprintf("a%d", id/16%(n+1))
		}
		if id&0x80 != 0 {
			a.Duration = time.Duration(int(id)-160) * time.Minute
		}
		r.Activities = append(r.Activities, a)
	}
	for range next() % 5 {
		b, m := next(), next()
		start := jan1.AddDate(0, m%15, 0)
		q := Quota{Period: Period{Start: start, End: start.AddDate(0, 1+m/15%3, 0)}, Metric: []string{"", "bookings"}[b/64%2]}
		switch b % 4 {
		case 0, 1:
			q.Rep = fmt.Sprintf("r%d", b/4%5)
		case 2:
			q.Team = iefTeams[b/4%len(iefTeams)]
		default:
			q.Rep, q.Team = "r0", "t0"
		}
		if m&0x80 != 0 {
			q.Count = Some(int64(b) - 10)
		} else {
			q.Amount, q.Currency = Some(decimal.New(int64(b)*100, 0)), iefCurs[b/8%len(iefCurs)]
		}
		if m == 255 {
			q.Period.End = time.Time{}
		}
		r.Quotas = append(r.Quotas, q)
	}
	return r
}

// iefStreams yields the records of r one at a time. The rep stream reuses
// one Rep and the backing arrays of its slices, and scribbles over them
// once the next rep is asked for, as Streams allows.
func iefStreams(r Records) Streams {
	return Streams{
		Reps: func(yield func(Rep) bool) {
			var assign []Assignment
			var ramp []decimal.Decimal
			for _, rep := range r.Reps {
				assign = append(assign[:0], rep.Assignments...)
				ramp = append(ramp[:0], rep.Ramp...)
				buf := rep
				if rep.Assignments != nil {
					buf.Assignments = assign
				}
				if rep.Ramp != nil {
					buf.Ramp = ramp
				}
				if !yield(buf) {
					return
				}
				for j := range assign {
					assign[j] = Assignment{From: time.Unix(1, 0), Team: "scribbled"}
				}
				for j := range ramp {
					ramp[j] = decimal.New(7, 0)
				}
			}
		},
		Deals:        slices.Values(r.Deals),
		StageChanges: slices.Values(r.StageChanges),
		Activities:   slices.Values(r.Activities),
		Quotas:       slices.Values(r.Quotas),
	}
}

// iefCalendar makes a calendar from 15 bits: mostly valid (repaired as
// FuzzCalendar does), with one setting broken when the top bit says so.
func iefCalendar(v uint64, loc *time.Location) Calendar {
	c := Calendar{
		Location:        loc,
		Months:          MonthPattern(v & 3),
		YearEndDay:      time.Weekday(v >> 2 & 7 % 7),
		YearEnd:         YearEndRule(1 + v>>5&1),
		Weeks:           WeekRule(v >> 6 & 7),
		FiscalYearStart: time.Month(v >> 9 & 15 % 13),
		YearNaming:      YearNaming(v >> 13 & 1),
	}
	if c.Months == GregorianMonths {
		c.YearEnd, c.YearEndDay = UnknownYearEnd, time.Sunday
	} else if c.Weeks != ISOWeeks {
		c.Weeks = WeekRule((c.YearEndDay+1)%7 + 1)
	}
	sel := v >> 9 & 7
	if v>>14&1 == 0 {
		switch sel {
		case 1:
			c.Holidays = []time.Time{jan1.AddDate(0, 0, 14), jan1.AddDate(0, 2, 3)}
		case 2:
			c.Weekend = []time.Weekday{}
		case 3:
			c.Weekend = []time.Weekday{time.Friday}
		}
		return c
	}
	switch sel {
	case 0:
		c.FiscalYearStart = 13
	case 1:
		c.Weeks = 9
	case 2:
		c.Months = 5
	case 3:
		c.Weekend = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	case 4:
		c.Holidays = []time.Time{{}}
	case 5:
		c.Months, c.YearEnd = Weeks454, UnknownYearEnd
	case 6:
		c.YearNaming = 3
	default:
		c.YearEndDay = 9
	}
	return c
}

// iefActs returns the activity rows of v at times in p whose kind is in
// kinds (every kind when kinds is nil), as counted independently.
func iefActs(ix *Index, v View, p Period, kinds []Kind) []int32 {
	var out []int32
	for _, r := range v.ActivityRows() {
		a := ix.ActivityAt(int(r))
		if a.Before(p.Start) || !a.Before(p.End) {
			continue
		}
		if kinds != nil && !slices.Contains(kinds, Kind(ix.Kinds().Name(ix.ActivityKind(int(r))))) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// FuzzIndexEntryPoints builds an index from fuzz records (reps, deals,
// stage changes, activities, quotas) with SkipInvalid and options taken from
// a uint64 (funnels, team rules and calendars, some of them invalid; periods
// empty, reversed, open or centuries long; granularities out of range), and
// checks, besides no panic, that every error wraps an exported Err*
// sentinel and no result holds NaN or ±Inf:
//
//   - NewIndexFrom over streams (a rep stream that reuses its slices, size
//     hints that are wrong) gives what NewIndex gives: the same error, or
//     the same deal ids, Skipped texts, counts, deals, activities and
//     roster;
//   - the accessors DealID, DealOwner, DealTeam, DealStage, DealStatus,
//     DealAmount, DealCurrency, DealCreated, DealClosed, DealAttribute,
//     ActivityRep, ActivityKind, ActivityAt and ActivityDeal agree with Deal
//     and Activity and with the input record; DealRow(DealID(i)) == i;
//     Rep and TeamAt agree with the roster; Quotas are valid;
//   - View.Rep, Team, Territory, DealsWhere, ActivitiesWhere, ActivitiesIn
//     select exactly the rows they say (DealRows, ActivityRows), and unknown
//     names and the zero View give ErrUnknownName and ErrZeroView;
//   - ByRep, ByTeam, ByTerritory, BySource, BySegment, ByKind, ByAttribute
//     and ByPeriod: ActivityVolumeBy takes rep, team, kind and period and
//     its groups add up to ActivityVolume's Total (which counts the view's
//     activities in the period), the others wrap ErrInvalidOptions;
//   - NewVolumeTally, Add, Merge, Result: a tally of two merged halves gives
//     what one tally gives, which is what ActivityVolume gives;
//   - Calendar.Year, Quarter, Month, Week and Day hold their instant, and
//     PeriodsWithin tiles the period;
//   - Connects counts the attempts and connects of the view in the period.
func FuzzIndexEntryPoints(f *testing.F) {
	// Five reps, nine deals, fourteen activities, most valid; a period of
	// eleven months by month; a January calendar with holidays, and a
	// 4-5-4 calendar ending on the Saturday nearest January's end for
	// ActivityVolumeBy(ByPeriod).
	f.Add([]byte{
		0x47, 0x65, 0xed, 0x68, 0xe7, 0x24, 0xe2, 0xb0, 0x09, 0xb2, 0x5a, 0x27, 0x7f, 0x32, 0x45, 0xa7, 0xd7, 0x85,
		0x9e, 0x5d, 0x10, 0x4d, 0xbd, 0xc9, 0xc6, 0x0e, 0xc1, 0x11, 0x23, 0x2b, 0x27, 0xa2, 0xee, 0xdc, 0xe5, 0x51,
		0xbd, 0x76, 0xb6, 0x9e, 0x6b, 0x7b, 0x84, 0x1e, 0xe0, 0xb2, 0xb0, 0x1b, 0x42, 0x08, 0xc9, 0xc1, 0x00, 0x2b,
		0xe3, 0xa6, 0xa6, 0xc4, 0x89, 0x34, 0x79, 0x1a, 0x0f, 0xff, 0xa3, 0x5f, 0x75, 0xc3, 0x8f, 0xb7, 0x1f, 0x00,
		0x8c, 0x78, 0xc2, 0x6b, 0xa9, 0xa4, 0xc0, 0x46, 0x44, 0xea, 0x43, 0xfd, 0x79, 0x75, 0x00, 0x43, 0x35, 0xa6,
		0xfd, 0x91, 0x9e, 0x6f, 0xdb, 0xc9, 0x1a, 0x2d, 0x8e, 0xc1, 0xf2, 0xb5, 0x40, 0xf4, 0xde, 0x4d, 0x9a, 0x5a,
		0xb9, 0xfd, 0xba, 0x38, 0xd5, 0xcf, 0xe2, 0x4b, 0x36, 0xb1, 0xb7, 0x29, 0xbe, 0xf5, 0x29, 0x8a, 0x00, 0x77,
		0x12, 0x60, 0x74, 0x37, 0x42, 0xbf, 0x58, 0xd4, 0x87, 0x32, 0x14, 0xc6, 0xc0, 0x0e, 0x0f, 0xf8, 0x0c, 0xb4,
		0xa3, 0x2d, 0x13, 0xe6, 0x26, 0x69, 0x75, 0x6a, 0xd1, 0xc4, 0x71, 0x0f, 0x96, 0x6b, 0x40, 0x09, 0x1a, 0x1d,
		0x60, 0xc9, 0xf6, 0x6d, 0x72, 0x88, 0x6d, 0x19,
	}, uint64(0x1121d02006960a60))
	// The TypicalB2B funnel, teams from the deals, a zone of +05:30, weeks
	// from Sunday in a July fiscal year.
	f.Add([]byte{
		0xdc, 0x3a, 0x22, 0x93, 0xe1, 0x00, 0xec, 0x2f, 0x72, 0x89, 0xa3, 0xb7, 0xc5, 0xc5, 0x07, 0x7a, 0x86, 0xd6,
		0x50, 0x2b, 0xb7, 0x6d, 0x38, 0xb1, 0x78, 0xc3, 0xbf, 0x9d, 0x7d, 0x10, 0x22, 0x0d, 0xb3, 0xd3, 0xcf, 0x72,
		0xa3, 0xa1, 0xa1, 0xdd, 0xa6, 0x07, 0x6a, 0x5b, 0x85, 0xb6, 0xbc, 0x23, 0x3e, 0x78, 0xd9, 0x51, 0xd9, 0xb4,
		0x07, 0x07, 0xf0, 0xc4, 0x28, 0x12, 0x4d, 0x1d, 0x82, 0x17, 0x17, 0x9b, 0x48, 0xcc, 0x77, 0xd2, 0x63, 0xa5,
		0xcc, 0xe2, 0xe6, 0xc4, 0xd6, 0xee, 0x2d, 0x87, 0xd2, 0x15, 0x18, 0xa4, 0x52, 0x91, 0x51, 0x66, 0xd7, 0xc5,
		0x8b, 0xba, 0x76, 0xd5, 0x94, 0xe3, 0x56, 0xa3, 0xd7, 0xd6, 0x77, 0x63, 0xb4, 0x0c, 0x94, 0xca, 0xec, 0x4f,
		0x39, 0x82, 0xad, 0x03, 0x87, 0xec, 0xfa,
	}, uint64(0x180000e404c8008c))
	// Everything out of range: an open period, granularity 0, broken
	// calendars.
	f.Add([]byte{
		0xf2, 0x03, 0x8c, 0x91, 0x1a, 0x09, 0x1c, 0x98, 0x31, 0x77, 0xdc, 0xdf, 0x98, 0xb6, 0x95, 0x16, 0x88, 0xcb,
		0xa1, 0x85, 0xa3, 0x5a, 0xe9, 0x56, 0x6c, 0xd0, 0x5a, 0x99, 0x68, 0x36, 0x09, 0xf2, 0x0c, 0xed, 0xe2, 0x3e,
	}, uint64(0xffffffffffffffe0))

	f.Fuzz(func(t *testing.T, data []byte, bits uint64) {
		r := iefRecords(data)
		o := bits
		take := func(n uint) uint64 {
			v := o & (1<<n - 1)
			o >>= n
			return v
		}
		opts := IndexOptions{SkipInvalid: true}
		switch v := take(3); {
		case v >= 4 && v < 7:
			opts.Funnel = TypicalB2B()
		case v == 7:
			opts.Funnel = Funnel{Stages: []FunnelStage{{Stage: "only"}}}
		}
		if v := take(2); v == 3 {
			opts.Team = TeamRule(7)
		} else {
			opts.Team = TeamRule(v % 2)
		}
		if take(1) == 1 {
			opts.AsOf = jan1.AddDate(0, 5, 0)
		}
		opts.Location = iefZones[take(2)]
		loc := opts.Location
		if loc == nil {
			loc = time.UTC
		}
		p := Period{Start: jan1.Add(time.Duration(take(8)) * 26 * time.Hour).In(loc), Name: "p"}
		switch n := take(8); n {
		case 0: // empty: invalid
			p.End = p.Start
		case 255: // open: invalid
		case 254: // reversed: invalid
			p.End = p.Start.Add(-time.Hour)
		default:
			p.End = p.Start.Add(time.Duration(n) * 53 * time.Hour)
		}
		if take(1) == 1 && !p.End.IsZero() && p.End.After(p.Start) {
			p.End = p.Start.AddDate(300, 0, 0) // too many days for a daily breakdown
		}
		g := Granularity(take(3) % 7)
		cal := iefCalendar(take(15), loc)
		byCal := iefCalendar(take(15), iefZones[bits>>62])
		vopt := VolumeOptions{Calendar: cal}
		switch take(2) {
		case 1:
			vopt.Kinds = []Kind{KindCall}
		case 2:
			vopt.Kinds = []Kind{KindEmail, KindCall, KindCall}
		case 3:
			vopt.Kinds = []Kind{"webinar", "nope", ""}
		}
		var copt ConnectOptions
		switch take(2) {
		case 1:
			copt = ConnectOptions{Kinds: []Kind{KindCall, KindMeeting}, Connected: []Outcome{OutcomeConnected, OutcomeHeld}}
		case 2:
			copt = ConnectOptions{Kinds: []Kind{}, Connected: []Outcome{}}
		case 3:
			copt = ConnectOptions{Kinds: []Kind{"nope", KindEmail}}
		}

		// NewIndexFrom gives what NewIndex gives.
		ix, err := NewIndex(r, opts)
		// Size hints that are wrong both ways change nothing.
		streams := iefStreams(r)
		streams.Sizes = Sizes{Deals: 2 * len(r.Deals), StageChanges: len(r.StageChanges) / 2, Activities: len(r.Activities) + 1}
		six, serr := NewIndexFrom(streams, opts)
		iefCheck(t, "NewIndex", nil, err)
		iefCheck(t, "NewIndexFrom", nil, serr)
		if (err == nil) != (serr == nil) || (err != nil && err.Error() != serr.Error()) {
			t.Fatalf("NewIndex error %v, NewIndexFrom error %v", err, serr)
		}
		if err != nil {
			if opts.Validate() == nil {
				t.Fatalf("SkipInvalid build with valid options failed: %v", err)
			}
			return
		}
		if ix.NumDeals() != six.NumDeals() || ix.NumActivities() != six.NumActivities() || ix.NumStageChanges() != six.NumStageChanges() {
			t.Fatalf("NewIndex holds %d deals, %d activities, %d stage changes; NewIndexFrom %d, %d, %d",
				ix.NumDeals(), ix.NumActivities(), ix.NumStageChanges(), six.NumDeals(), six.NumActivities(), six.NumStageChanges())
		}
		sk, ssk := ix.Skipped(), six.Skipped()
		if len(sk) != len(ssk) {
			t.Fatalf("NewIndex skipped %d records, NewIndexFrom %d:\n%v\n%v", len(sk), len(ssk), sk, ssk)
		}
		for i := range sk {
			if sk[i].Error() != ssk[i].Error() {
				t.Fatalf("skipped[%d]: NewIndex %q, NewIndexFrom %q", i, sk[i], ssk[i])
			}
			var re *RecordError
			if !errors.As(sk[i], &re) {
				t.Fatalf("skipped[%d] %v is not a *RecordError", i, sk[i])
			}
			iefCheck(t, "Skipped", nil, sk[i])
		}
		for i := range ix.NumDeals() {
			if ix.DealID(i) != six.DealID(i) {
				t.Fatalf("deal row %d: NewIndex %q, NewIndexFrom %q", i, ix.DealID(i), six.DealID(i))
			}
			if diff := cmp.Diff(ix.Deal(i), six.Deal(i), decimalEqual); diff != "" {
				t.Fatalf("deal row %d, NewIndex -NewIndexFrom +:\n%s", i, diff)
			}
		}
		for i := range ix.NumActivities() {
			if diff := cmp.Diff(ix.Activity(i), six.Activity(i)); diff != "" {
				t.Fatalf("activity row %d, NewIndex -NewIndexFrom +:\n%s", i, diff)
			}
		}
		for k := Key(-1); int(k) <= ix.Reps().Len(); k++ {
			a, aok := ix.Rep(k)
			b, bok := six.Rep(k)
			if aok != bok {
				t.Fatalf("Rep(%d): NewIndex %v, NewIndexFrom %v", k, aok, bok)
			}
			if diff := cmp.Diff(a, b, decimalEqual); diff != "" {
				t.Fatalf("Rep(%d), NewIndex -NewIndexFrom + (a stream's reused slices kept?):\n%s", k, diff)
			}
		}
		if diff := cmp.Diff(ix.Quotas(), six.Quotas(), decimalEqual); diff != "" {
			t.Fatalf("Quotas, NewIndex -NewIndexFrom +:\n%s", diff)
		}

		checkIndexAccessors(t, ix, r, opts)
		checkIndexSets(t, ix, r, opts, p, data)
		checkViews(t, ix, p)

		// Groupings.
		bys := []By{ByRep(), ByTeam(), ByTerritory(), BySource(), BySegment(), ByKind(), ByAttribute("region"), ByPeriod(byCal, g), ByAttribute(""), {}, {Dimension: 9}}
		for _, by := range bys {
			_ = by.String()
			iefCheck(t, "By("+by.String()+").Validate", nil, by.Validate())
		}
		for _, by := range bys[len(bys)-3:] {
			iefWant(t, "By("+by.String()+").Validate", by.Validate(), ErrInvalidOptions)
		}

		// Calendar periods.
		instants := []time.Time{p.Start, p.End, {}, jan1.AddDate(-200, 0, 0)}
		for i := range min(ix.NumActivities(), 4) {
			instants = append(instants, ix.ActivityAt(i))
		}
		for _, at := range instants {
			for _, c := range []struct {
				name string
				of   func(time.Time) (Period, error)
			}{{"Year", cal.Year}, {"Quarter", cal.Quarter}, {"Month", cal.Month}, {"Week", cal.Week}, {"Day", cal.Day}} {
				name := c.name
				q, err := c.of(at)
				iefCheck(t, "Calendar."+name, q, err)
				if err == nil && !q.Contains(at) {
					t.Fatalf("Calendar.%s(%v) = %v, which does not hold it", name, at, q)
				}
				if err != nil && cal.Validate() == nil {
					t.Fatalf("Calendar.%s(%v) of a valid calendar: %v", name, at, err)
				}
			}
		}
		for _, gr := range []Granularity{g, Monthly} {
			ps, err := cal.PeriodsWithin(gr, p)
			iefCheck(t, "PeriodsWithin", ps, err)
			if err != nil {
				continue
			}
			if len(ps) == 0 || len(ps) > MaxPeriods || !ps[0].Start.Equal(p.Start) || !ps[len(ps)-1].End.Equal(p.End) {
				t.Fatalf("PeriodsWithin(%v, %v): %d periods do not tile it", gr, p, len(ps))
			}
			for i := 1; i < len(ps); i++ {
				if !ps[i].Start.Equal(ps[i-1].End) {
					t.Fatalf("PeriodsWithin(%v, %v): period %d starts at %v, previous ends at %v", gr, p, i, ps[i].Start, ps[i-1].End)
				}
			}
		}

		// Volumes and connect rates over a few views.
		views := []View{ix.All(), ix.All().ActivitiesIn(p)}
		if names := ix.Reps().Names(); len(names) > 0 {
			if v, err := ix.All().Rep(names[len(names)/2]); err == nil {
				views = append(views, v)
			}
		}
		if names := ix.Teams().Names(); len(names) > 0 {
			if v, err := ix.All().Team(names[0]); err == nil {
				views = append(views, v)
			}
		}
		for _, v := range views {
			checkVolumes(t, ix, v, p, vopt, bys)
			checkConnects(t, ix, v, p, copt)
		}

		// The zero View.
		var zero View
		_, err = ActivityVolume(zero, p, vopt)
		iefWant(t, "ActivityVolume(zero View)", err, ErrZeroView)
		_, err = ActivityVolumeBy(zero, p, ByRep(), vopt)
		iefWant(t, "ActivityVolumeBy(zero View)", err, ErrZeroView)
		_, err = Connects(zero, p, copt)
		iefWant(t, "Connects(zero View)", err, ErrZeroView)
		_, err = zero.Rep("r0")
		iefWant(t, "zero View.Rep", err, ErrZeroView)
		_, err = zero.Team("t0")
		iefWant(t, "zero View.Team", err, ErrZeroView)
		_, err = zero.Territory("north")
		iefWant(t, "zero View.Territory", err, ErrZeroView)
		if z := zero.ActivitiesIn(p); len(z.ActivityRows()) != 0 || len(z.DealRows()) != 0 {
			t.Fatalf("zero View.ActivitiesIn selects rows")
		}
	})
}

// checkIndexAccessors checks the column accessors against Deal, Activity,
// the roster and the input records.
func checkIndexAccessors(t *testing.T, ix *Index, r Records, opts IndexOptions) {
	t.Helper()
	byID := map[string][]Deal{}
	for _, d := range r.Deals {
		byID[d.ID] = append(byID[d.ID], d)
	}
	for id := range byID {
		if row, ok := ix.DealRow(id); ok && (row < 0 || row >= ix.NumDeals() || ix.DealID(row) != id) {
			t.Fatalf("DealRow(%q) = %d, which is not that deal", id, row)
		}
	}
	if _, ok := ix.DealRow("no such deal"); ok {
		t.Fatalf("DealRow of an unknown id found a row")
	}
	for i := range ix.NumDeals() {
		id := ix.DealID(i)
		if row, ok := ix.DealRow(id); !ok || row != i {
			t.Fatalf("DealRow(DealID(%d) = %q) = %d, %v", i, id, row, ok)
		}
		d := ix.Deal(i)
		switch {
		case d.ID != id,
			ix.Reps().Name(ix.DealOwner(i)) != d.Owner,
			ix.Teams().Name(ix.DealTeam(i)) != d.Team,
			Stage(ix.Stages().Name(ix.DealStage(i))) != d.Stage,
			ix.DealStatus(i) != d.Status,
			!ix.DealAmount(i).Equal(d.Amount),
			ix.DealCurrency(i) != d.Currency,
			!ix.DealCreated(i).Equal(d.CreatedAt),
			!ix.DealClosed(i).Equal(d.ClosedAt),
			ix.DealAttribute(i, "region") != d.Attributes["region"],
			ix.DealAttribute(i, "none") != "":
			t.Fatalf("deal row %d: accessors disagree with Deal(%d) = %+v", i, i, d)
		}
		if d.Status != StatusOpen && d.Status != StatusWon && d.Status != StatusLost {
			t.Fatalf("deal row %d kept with status %v", i, d.Status)
		}
		// The kept deal is the one input record of its id.
		in := byID[id]
		if len(in) != 1 {
			t.Fatalf("deal %q kept though given %d times", id, len(in))
		}
		src := in[0]
		if d.Owner != src.Owner || d.Territory != src.Territory || d.Source != src.Source || d.Segment != src.Segment ||
			d.Status != src.Status || d.Stage != src.Stage || !d.Amount.Equal(src.Amount) || d.Currency != src.Currency ||
			!d.CreatedAt.Equal(src.CreatedAt) || !d.ClosedAt.Equal(src.CloseTime(opts.Location)) {
			t.Fatalf("deal row %d = %+v, input %+v", i, d, src)
		}
		want := src.Team
		if opts.Team == TeamByRoster {
			at := d.ClosedAt
			if at.IsZero() {
				at = opts.AsOf
			}
			if at.IsZero() {
				at = d.CreatedAt
			}
			if k, ok := ix.TeamAt(ix.DealOwner(i), at); ok {
				want = ix.Teams().Name(k)
			}
		}
		if d.Team != want {
			t.Fatalf("deal row %d %q: team %q, want %q under %v", i, id, d.Team, want, opts.Team)
		}
	}
	for i := range ix.NumActivities() {
		a := ix.Activity(i)
		row, tied := ix.ActivityDeal(i)
		switch {
		case ix.Reps().Name(ix.ActivityRep(i)) != a.Rep,
			Kind(ix.Kinds().Name(ix.ActivityKind(i))) != a.Kind,
			!ix.ActivityAt(i).Equal(a.At),
			tied != (a.Deal != ""),
			tied && (row < 0 || row >= ix.NumDeals() || ix.DealID(row) != a.Deal):
			t.Fatalf("activity row %d: accessors disagree with Activity(%d) = %+v", i, i, a)
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("kept activity %d invalid: %v", i, err)
		}
	}
	instants := []time.Time{jan1, jan1.AddDate(0, 4, 0), jan1.AddDate(0, 11, 0), {}}
	for k := Key(-2); int(k) <= ix.Reps().Len()+1; k++ {
		rep, ok := ix.Rep(k)
		if ok && rep.ID != ix.Reps().Name(k) {
			t.Fatalf("Rep(%d).ID = %q, dictionary says %q", k, rep.ID, ix.Reps().Name(k))
		}
		for _, at := range instants {
			team, tok := ix.TeamAt(k, at)
			a, aok := rep.At(at)
			want := ok && aok && a.Team != ""
			if tok != want || (tok && ix.Teams().Name(team) != a.Team) {
				t.Fatalf("TeamAt(%d, %v) = %d (%q), %v; roster says %+v, %v", k, at, team, ix.Teams().Name(team), tok, a, want)
			}
		}
	}
	if len(ix.Quotas()) > len(r.Quotas) {
		t.Fatalf("%d quotas kept of %d", len(ix.Quotas()), len(r.Quotas))
	}
	for i, q := range ix.Quotas() {
		if err := q.Validate(); err != nil {
			t.Fatalf("kept quota %d invalid: %v", i, err)
		}
	}
}

// iefRowsOK fails t unless rows are ascending, distinct and below n.
func iefRowsOK(t *testing.T, name string, rows []int32, n int) {
	t.Helper()
	for i, r := range rows {
		if r < 0 || int(r) >= n || (i > 0 && r <= rows[i-1]) {
			t.Fatalf("%s: rows %v not ascending within [0, %d)", name, rows, n)
		}
	}
}

// iefSelect returns the rows of all among 0..n-1 that keep accepts.
func iefSelect(n int, keep func(int) bool) []int32 {
	var out []int32
	for i := range n {
		if keep(i) {
			out = append(out, int32(i))
		}
	}
	return out
}

// checkViews checks that each narrowing selects exactly its rows.
func checkViews(t *testing.T, ix *Index, p Period) {
	t.Helper()
	all := ix.All()
	nd, na := ix.NumDeals(), ix.NumActivities()
	if err := all.Err(); err != nil || all.Index() != ix {
		t.Fatalf("All: %v", err)
	}
	if len(all.DealRows()) != nd || len(all.ActivityRows()) != na {
		t.Fatalf("All selects %d deals and %d activities of %d and %d", len(all.DealRows()), len(all.ActivityRows()), nd, na)
	}
	iefRowsOK(t, "All deals", all.DealRows(), nd)
	iefRowsOK(t, "All activities", all.ActivityRows(), na)
	same := func(name string, got, want []int32) {
		t.Helper()
		if !slices.Equal(got, want) && (len(got) != 0 || len(want) != 0) {
			t.Fatalf("%s selects %v, want %v", name, got, want)
		}
	}
	for _, name := range ix.Reps().Names() {
		v, err := all.Rep(name)
		iefCheck(t, "View.Rep", nil, err)
		if err != nil {
			t.Fatalf("View.Rep(%q) of a known rep: %v", name, err)
		}
		same("Rep("+name+") deals", v.DealRows(), iefSelect(nd, func(i int) bool { return ix.Reps().Name(ix.DealOwner(i)) == name }))
		same("Rep("+name+") activities", v.ActivityRows(), iefSelect(na, func(i int) bool { return ix.Reps().Name(ix.ActivityRep(i)) == name }))
	}
	for _, name := range ix.Teams().Names() {
		v, err := all.Team(name)
		if err != nil {
			t.Fatalf("View.Team(%q) of a known team: %v", name, err)
		}
		same("Team("+name+") deals", v.DealRows(), iefSelect(nd, func(i int) bool { return ix.Teams().Name(ix.DealTeam(i)) == name }))
		same("Team("+name+") activities", v.ActivityRows(), iefSelect(na, func(i int) bool { return ix.Activity(i).Team == name }))
	}
	for _, name := range ix.Territories().Names() {
		v, err := all.Territory(name)
		if err != nil {
			t.Fatalf("View.Territory(%q) of a known territory: %v", name, err)
		}
		same("Territory("+name+") deals", v.DealRows(), iefSelect(nd, func(i int) bool { return ix.Deal(i).Territory == name }))
		same("Territory("+name+") activities", v.ActivityRows(), iefSelect(na, func(i int) bool {
			d, ok := ix.ActivityDeal(i)
			return ok && ix.Deal(d).Territory == name
		}))
	}
	for _, bad := range []string{"", "nobody"} {
		_, err := all.Rep(bad)
		iefWant(t, "View.Rep("+bad+")", err, ErrUnknownName)
		_, err = all.Team(bad)
		iefWant(t, "View.Team("+bad+")", err, ErrUnknownName)
		_, err = all.Territory(bad)
		iefWant(t, "View.Territory("+bad+")", err, ErrUnknownName)
	}
	won := all.DealsWhere("won", func(ix *Index, row int) bool { return ix.DealStatus(row) == StatusWon })
	same("DealsWhere(won)", won.DealRows(), iefSelect(nd, func(i int) bool { return ix.DealStatus(i) == StatusWon }))
	same("DealsWhere(won) activities", won.ActivityRows(), all.ActivityRows())
	calls := won.ActivitiesWhere("calls", func(ix *Index, row int) bool { return Kind(ix.Kinds().Name(ix.ActivityKind(row))) == KindCall })
	same("ActivitiesWhere(calls)", calls.ActivityRows(), iefSelect(na, func(i int) bool { return ix.Activity(i).Kind == KindCall }))
	same("ActivitiesWhere(calls) deals", calls.DealRows(), won.DealRows())
	_, _ = calls.Label(), calls.String()
	in := all.ActivitiesIn(p)
	iefRowsOK(t, "ActivitiesIn", in.ActivityRows(), na)
	same("ActivitiesIn deals", in.DealRows(), all.DealRows())
	if p.Validate() == nil {
		same("ActivitiesIn", in.ActivityRows(), iefActs(ix, all, p, nil))
	}
}

// checkVolumes checks ActivityVolume, ActivityVolumeBy and the tally over v.
func checkVolumes(t *testing.T, ix *Index, v View, p Period, opt VolumeOptions, bys []By) {
	t.Helper()
	vol, err := ActivityVolume(v, p, opt)
	iefCheck(t, "ActivityVolume", vol, err)
	if err == nil {
		fuzzRender(t, "ActivityVolume", vol)
	}
	var rows []int32
	if err == nil {
		rows = iefActs(ix, v, p, nil)
		if want := iefActs(ix, v, p, opt.Kinds); vol.Total != int64(len(want)) {
			t.Fatalf("ActivityVolume(%v, %v, kinds %v).Total = %d, want %d", v, p, opt.Kinds, vol.Total, len(want))
		}
		var sum int64
		for _, k := range vol.ByKind {
			sum += k.Count
		}
		if sum != vol.Total {
			t.Fatalf("ActivityVolume: kinds add up to %d, Total %d", sum, vol.Total)
		}
	} else if p.Validate() == nil && opt.Calendar.Validate() == nil {
		t.Fatalf("ActivityVolume over a valid period and calendar: %v", err)
	}

	for _, by := range bys {
		name := "ActivityVolumeBy(" + by.String() + ")"
		groups, berr := ActivityVolumeBy(v, p, by, opt)
		iefCheck(t, name, groups, berr)
		if err != nil {
			if berr == nil {
				t.Fatalf("%s succeeded where ActivityVolume failed with %v", name, err)
			}
			continue
		}
		switch by.Dimension {
		case DimensionRep, DimensionTeam, DimensionKind:
			if berr != nil {
				t.Fatalf("%s: %v", name, berr)
			}
			// Groups: one per name the view's activities in p have, sorted.
			keyOf := func(r int32) string {
				switch by.Dimension {
				case DimensionRep:
					return ix.Reps().Name(ix.ActivityRep(int(r)))
				case DimensionTeam:
					return ix.Activity(int(r)).Team
				}
				return ix.Kinds().Name(ix.ActivityKind(int(r)))
			}
			count := map[string]int64{}
			for _, r := range rows {
				count[keyOf(r)] += 0
			}
			for _, r := range iefActs(ix, v, p, opt.Kinds) {
				count[keyOf(r)]++
			}
			if len(groups) != len(count) {
				t.Fatalf("%s: %d groups, want %d (%v)", name, len(groups), len(count), count)
			}
			for i, gr := range groups {
				if i > 0 && gr.Key <= groups[i-1].Key {
					t.Fatalf("%s: groups not sorted by key: %q after %q", name, gr.Key, groups[i-1].Key)
				}
				if want, ok := count[gr.Key]; !ok || gr.Result.Total != want {
					t.Fatalf("%s: group %q Total %d, want %d (%v)", name, gr.Key, gr.Result.Total, want, ok)
				}
			}
		case DimensionPeriod:
			if berr != nil {
				continue
			}
			ps, perr := by.Calendar.PeriodsWithin(by.Grain(), p)
			if perr != nil || len(ps) != len(groups) {
				t.Fatalf("%s: %d groups, PeriodsWithin %d, %v", name, len(groups), len(ps), perr)
			}
			for i, gr := range groups {
				if !gr.Result.Period.Start.Equal(ps[i].Start) || !gr.Result.Period.End.Equal(ps[i].End) || gr.Key != ps[i].Name {
					t.Fatalf("%s: group %d is %v, period %v", name, i, gr.Result.Period, ps[i])
				}
			}
		default:
			iefWant(t, name, berr, ErrInvalidOptions)
			continue
		}
		var sum int64
		for _, gr := range groups {
			sum += gr.Result.Total
		}
		if sum != vol.Total {
			t.Fatalf("%s: groups add up to %d, ActivityVolume's Total is %d", name, sum, vol.Total)
		}
	}

	// One tally, and two halves merged (the second half first), agree with
	// each other and with ActivityVolume.
	whole, first, second := NewVolumeTally(ix), NewVolumeTally(ix), NewVolumeTally(ix)
	for i, r := range rows {
		k := ix.ActivityKind(int(r))
		whole.Add(k)
		if i < len(rows)/2 {
			first.Add(k)
		} else {
			second.Add(k)
		}
	}
	second.Merge(&first)
	second.Merge(nil)
	wv, werr := whole.Result(ix, v.Label(), p, opt)
	mv, merr := second.Result(ix, v.Label(), p, opt)
	iefCheck(t, "VolumeTally.Result", wv, werr)
	iefCheck(t, "merged VolumeTally.Result", mv, merr)
	if (werr == nil) != (merr == nil) || (err == nil) != (werr == nil) {
		t.Fatalf("tally errors: whole %v, merged %v, ActivityVolume %v", werr, merr, err)
	}
	if diff := cmp.Diff(wv, mv); diff != "" {
		t.Fatalf("merged halves differ from one tally (-one +merged):\n%s", diff)
	}
	if err == nil {
		if diff := cmp.Diff(vol, wv); diff != "" {
			t.Fatalf("tally differs from ActivityVolume (-ActivityVolume +tally):\n%s", diff)
		}
	}
	// A key past the index's kinds grows the tally; no index is an error.
	odd := NewVolumeTally(ix)
	odd.Add(Key(ix.Kinds().Len() + 2))
	odd.Add(NoKey)
	ov, oerr := odd.Result(ix, "odd", p, opt)
	iefCheck(t, "VolumeTally.Result(larger key)", ov, oerr)
	_, nerr := whole.Result(nil, "nil", p, opt)
	iefWant(t, "VolumeTally.Result(nil index)", nerr, ErrInvalidOptions)
}

// checkConnects checks Connects against a count of its own.
func checkConnects(t *testing.T, ix *Index, v View, p Period, opt ConnectOptions) {
	t.Helper()
	res, err := Connects(v, p, opt)
	iefCheck(t, "Connects", res, err)
	if p.Validate() != nil {
		iefWant(t, "Connects(invalid period)", err, ErrInvalidPeriod)
		return
	}
	kinds, outcomes := opt.Kinds, opt.Connected
	if kinds == nil {
		kinds = []Kind{KindCall}
	}
	if outcomes == nil {
		outcomes = []Outcome{OutcomeConnected}
	}
	var attempts, connected int64
	for _, r := range iefActs(ix, v, p, kinds) {
		attempts++
		if o := ix.Activity(int(r)).Outcome; o != "" && slices.Contains(outcomes, o) {
			connected++
		}
	}
	if attempts == 0 {
		iefWant(t, "Connects(no attempts)", err, ErrNoActivities)
		return
	}
	if err != nil || res.Attempts != attempts || res.Connected != connected || res.Rate < 0 || res.Rate > 1 {
		t.Fatalf("Connects(%v, %v, %+v) = %+v, %v; want %d of %d", v, p, opt, res, err, connected, attempts)
	}
	_ = res.String()
}

// fuzzRender is fuzzcheck.Render.
func fuzzRender(t *testing.T, name string, res any) { fuzzcheck.Render(t, name, res) }

// fuzzEnumText is fuzzcheck.EnumText with this package's sentinels.
func fuzzEnumText[T fuzzcheck.Enum, P fuzzcheck.EnumPtr[T]](t *testing.T, v T, text []byte) {
	fuzzcheck.EnumText[T, P](t, v, text, iefSentinels)
}

// checkIndexSets checks the index's dictionaries of deal and activity
// fields against its rows, its options and funnel against those given, and
// the records the index reads (reps, stage changes) on their own: Validate
// wraps a sentinel, a rep reads back from its JSON, its tenure at the
// period's ends is not negative and, for a valid rep, its ramp is in [0, 1]. The options' enumerations, and text from
// the fuzz bytes, go through fuzzEnumText.
func checkIndexSets(t *testing.T, ix *Index, r Records, opts IndexOptions, p Period, data []byte) {
	t.Helper()
	seen := map[string]map[string]bool{"account": {}, "currency": {}, "segment": {}, "source": {}, "loss": {}, "outcome": {}}
	for i := range ix.NumDeals() {
		d := ix.Deal(i)
		seen["account"][d.Account] = true
		seen["currency"][string(d.Currency)] = true
		seen["segment"][d.Segment] = true
		seen["source"][string(d.Source)] = true
		seen["loss"][d.LossReason] = true
		k := ix.DealStage(i)
		if ix.StageWon(k) && d.Status != StatusWon || ix.StageLost(k) && d.Status != StatusLost {
			t.Fatalf("deal %q (%v) in stage %q, which the funnel marks won %v, lost %v", d.ID, d.Status, d.Stage, ix.StageWon(k), ix.StageLost(k))
		}
	}
	for i := range ix.NumActivities() {
		a := ix.Activity(i)
		seen["account"][a.Account] = true
		seen["outcome"][string(a.Outcome)] = true
	}
	// Every value of a kept record is in its dictionary, under a key that
	// names it. (Not the converse: a dictionary also holds the values of
	// records SkipInvalid skipped, such as the currency of a deal dropped
	// as a duplicate id, which makes a one-currency book look like two to
	// performance's soleCurrency. Reported; not a test's to change.)
	for field, dict := range map[string]*Dict{"account": ix.Accounts(), "currency": ix.Currencies(), "segment": ix.Segments(),
		"source": ix.Sources(), "loss": ix.LossReasons(), "outcome": ix.Outcomes()} {
		for _, name := range dict.Names() {
			if k, ok := dict.Key(name); !ok || dict.Name(k) != name {
				t.Fatalf("%s dictionary: Key(%q) = %d, %v", field, name, k, ok)
			}
		}
		for name := range seen[field] {
			if k, ok := dict.Key(name); name != "" && (!ok || dict.Name(k) != name) {
				t.Fatalf("%s dictionary lacks %q, which a kept record has (Names %q)", field, name, dict.Names())
			}
		}
	}
	if got := ix.Options(); got.Team != opts.Team || got.SkipInvalid != opts.SkipInvalid || !got.AsOf.Equal(opts.AsOf) {
		t.Fatalf("Options() = %+v, built with %+v", got, opts)
	}
	_ = opts.Team.String()
	f := ix.Funnel()
	for i, s := range f.Stages {
		if pos, ok := f.Position(s.Stage); !ok || f.Stages[pos].Stage != s.Stage || pos > i {
			t.Fatalf("Funnel.Position(%q) = %d, %v; it is stage %d", s.Stage, pos, ok, i)
		}
	}
	if pos, ok := f.Position("no such stage"); ok {
		t.Fatalf("Funnel.Position of an unknown stage = %d", pos)
	}
	for _, c := range r.StageChanges {
		iefCheck(t, "StageChange.Validate", nil, c.Validate())
	}
	for _, rep := range r.Reps {
		valid := rep.Validate()
		iefCheck(t, "Rep.Validate", nil, valid)
		b, err := json.Marshal(rep)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", rep, err)
		}
		var back Rep
		if err := json.Unmarshal(b, &back); err != nil {
			iefCheck(t, "Rep.UnmarshalJSON", nil, err)
		} else if fmt.Sprint(back) != fmt.Sprint(rep) {
			t.Fatalf("rep JSON %s reads back as %+v, not %+v", b, back, rep)
		}
		for _, at := range []time.Time{p.Start, p.End} {
			month := rep.TenureMonth(at)
			ramp, ok := rep.RampFactor(at)
			if month < 0 || valid == nil && (ramp.IsNegative() || ramp.GreaterThan(decimal.NewFromInt(1))) || (month == 0 && len(rep.Ramp) > 0 && ok) {
				t.Fatalf("rep %q at %v: tenure month %d, ramp %s, %v", rep.ID, at, month, ramp, ok)
			}
		}
	}
	text := data[:min(len(data), 16)]
	for _, b := range text[:min(len(text), 4)] {
		fuzzEnumText(t, Dimension(b%12), text)
		fuzzEnumText(t, ForecastCategory(b%8), text)
	}
}
