package activitytest

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// Config says what Generate makes. The zero Config is the default: 24 reps
// in 4 teams over the 24 months from 1 January 2024 UTC, about 4 new deals a
// rep a month on the TypicalB2B funnel, 3 to 15 activities a deal and a
// fifth as many again with no deal, seed 1.
type Config struct {
	// Seed selects the random streams. Zero means 1.
	Seed uint64

	// Start is when the window begins. The zero time means 1 January 2024,
	// 00:00, in Location; another time is taken as the same instant in
	// Location.
	Start time.Time

	// Months is the window's length in calendar months, at most 1,200. The
	// window's end, Start plus Months, is the "as of" time of the records:
	// deals that would close after it are still open. Zero means 24.
	Months int

	// Location is the time zone every time is generated in: work happens
	// Monday to Friday, 08:00 to 18:00 local time, and quarters are
	// calendar quarters there. Nil means UTC.
	Location *time.Location

	// Teams is the number of teams, at most 10,000. Zero means 4.
	Teams int

	// Reps is the number of reps, at most 100,000. Zero means 24.
	Reps int

	// DealsPerRepMonth is the mean number of deals a fully ramped rep opens
	// in a month, at most 10,000; the count of each rep and month is a
	// binomial draw close to Poisson. It is read to three decimals. Zero
	// means 4. Unused when Deals is set.
	DealsPerRepMonth float64

	// Deals, when positive, is the exact number of deals, spread over reps
	// and months in the proportions DealsPerRepMonth would give them. Zero
	// means the number drawn from DealsPerRepMonth. At most 1<<31 - 1.
	Deals int

	// ActivitiesPerDeal is the mean number m of activities tied to each deal,
	// at most 10,000: each deal gets a uniform draw from ⌈m/3⌉ to
	// 2m − ⌈m/3⌉. Zero means 9, drawn from 3 to 15.
	ActivitiesPerDeal int

	// UntiedShare is how many activities with no deal there are for each
	// activity tied to one, at most 100: their count is the tied count times
	// the share (read to three decimals), rounded down, less any drawn at a
	// time when no rep is employed. Zero means 0.2; a negative share means
	// none.
	UntiedShare float64

	// EURShare is the fraction of deals booked in EUR instead of USD, from 0
	// to 1, read to four decimals. Zero means none. Quotas stay in USD.
	EURShare float64

	// CloseDateShare is the fraction of won and lost deals whose close is
	// given as a day (activity.Deal.CloseDate, the day of the close in
	// Location) instead of an instant, as Salesforce writes CloseDate, from
	// 0 to 1, read to four decimals. Zero means none. Build the index with
	// activity.IndexOptions.Location set to Location, so that each day is
	// read where it was written.
	CloseDateShare float64

	// Funnel is the process deals walk through: its open stages (neither won
	// nor lost) in order, then its first won or first lost stage. It needs
	// at least one open stage. The zero Funnel means activity.TypicalB2B().
	Funnel activity.Funnel
}

// Limits of Config fields.
const (
	maxMonths            = 1200
	maxTeams             = 10_000
	maxReps              = 100_000
	maxDealsPerRepMonth  = 10_000
	maxActivitiesPerDeal = 10_000
	maxUntiedShare       = 100
)

// Validate reports every field out of its documented range, and a funnel
// that is invalid or has no open stage, as errors wrapping ErrInvalidConfig
// joined with errors.Join.
func (c Config) Validate() error {
	var errs []error
	bad := func(field string, value any, want string) {
		errs = append(errs, fmt.Errorf("%w: %s is %v, want %s", ErrInvalidConfig, field, value, want))
	}
	if c.Months < 0 || c.Months > maxMonths {
		bad("Months", c.Months, "0 to 1200")
	}
	if c.Teams < 0 || c.Teams > maxTeams {
		bad("Teams", c.Teams, "0 to 10000")
	}
	if c.Reps < 0 || c.Reps > maxReps {
		bad("Reps", c.Reps, "0 to 100000")
	}
	if !(c.DealsPerRepMonth >= 0 && c.DealsPerRepMonth <= maxDealsPerRepMonth) {
		bad("DealsPerRepMonth", c.DealsPerRepMonth, "0 to 10000")
	}
	if c.Deals < 0 || int64(c.Deals) > math.MaxInt32 {
		bad("Deals", c.Deals, "0 to 2147483647")
	}
	if c.ActivitiesPerDeal < 0 || c.ActivitiesPerDeal > maxActivitiesPerDeal {
		bad("ActivitiesPerDeal", c.ActivitiesPerDeal, "0 to 10000")
	}
	if math.IsNaN(c.UntiedShare) || c.UntiedShare > maxUntiedShare {
		bad("UntiedShare", c.UntiedShare, "at most 100")
	}
	if !(c.EURShare >= 0 && c.EURShare <= 1) {
		bad("EURShare", c.EURShare, "0 to 1")
	}
	if !(c.CloseDateShare >= 0 && c.CloseDateShare <= 1) {
		bad("CloseDateShare", c.CloseDateShare, "0 to 1")
	}
	if len(c.Funnel.Stages) > 0 {
		if err := c.Funnel.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%w: Funnel: %w", ErrInvalidConfig, err))
		} else if !slices.ContainsFunc(c.Funnel.Stages, func(s activity.FunnelStage) bool { return !s.Won && !s.Lost }) {
			errs = append(errs, fmt.Errorf("%w: Funnel has no open stage", ErrInvalidConfig))
		}
	}
	return errors.Join(errs...)
}

// withDefaults returns c with every zero field replaced by its default.
func (c Config) withDefaults() Config {
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	if c.Start.IsZero() {
		c.Start = time.Date(2024, time.January, 1, 0, 0, 0, 0, c.Location)
	} else {
		c.Start = c.Start.In(c.Location)
	}
	if c.Months == 0 {
		c.Months = 24
	}
	if c.Teams == 0 {
		c.Teams = 4
	}
	if c.Reps == 0 {
		c.Reps = 24
	}
	if c.DealsPerRepMonth == 0 {
		c.DealsPerRepMonth = 4
	}
	if c.ActivitiesPerDeal == 0 {
		c.ActivitiesPerDeal = 9
	}
	switch {
	case c.UntiedShare == 0:
		c.UntiedShare = 0.2
	case c.UntiedShare < 0:
		c.UntiedShare = 0
	}
	if len(c.Funnel.Stages) == 0 {
		c.Funnel = activity.TypicalB2B()
	}
	return c
}

// Window returns the period the records of c cover, [Start, Start +
// Months), with the defaults filled in. Its End is the "as of" time: pass it
// as activity.IndexOptions.AsOf. It does not validate c.
func (c Config) Window() activity.Period {
	d := c.withDefaults()
	return activity.Period{Start: d.Start, End: addMonths(d.Start, d.Months)}
}

// Generate returns the records cfg describes (see the package comment for
// the model), in canonical order. Every record passes its own Validate
// method, and the whole set builds an index with the generating funnel.
//
// Generate panics with the error of cfg.Validate if cfg is invalid.
func Generate(cfg Config) activity.Records {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	g := newGen(cfg.withDefaults())
	g.roster()
	g.deals()
	g.activities()
	g.quotas()
	g.leads()
	g.accountRecords()
	return g.out
}

// A working day is 08:00 to 18:00 local time. Times are drawn as "working
// seconds": second s of the window's working time is second s%daySeconds
// after 08:00 on working day s/daySeconds. The map is strictly increasing,
// so ordered working seconds give ordered times.
const (
	workStartHour = 8
	daySeconds    = 10 * 60 * 60
	// extraDays of working days are kept past the window's end, for
	// expected close dates of deals opened near it.
	extraDays = 400
)

var (
	territories = [...]string{"north", "south", "east", "west"}
	sources     = [...]activity.Source{activity.SourceInbound, activity.SourceOutbound,
		activity.SourceReferral, activity.SourcePartner, activity.SourceEvent}
	sourceWeights = weights{30, 35, 12, 13, 10}
	lossReasons   = [...]string{"price", "competitor", "no_decision", "timing"}
	lossWeights   = weights{30, 30, 25, 15}
	products      = [...]string{"Platform", "Analytics", "Integrations", "Premium support", "Training", "Data add-on"}

	firstNames = [...]string{"Alex", "Blair", "Casey", "Dana", "Elena", "Farid", "Grace", "Hiro",
		"Ines", "Jonas", "Kara", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rafael",
		"Sofia", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe", "Mateo", "Leila", "Omar"}
	lastNames = [...]string{"Anders", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad",
		"Ivanova", "Jensen", "Kim", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi",
		"Silva", "Tanaka", "Umar", "Varga", "Weber", "Xu", "Young"}

	ramp = []decimal.Decimal{decimal.New(0, 0), decimal.New(25, -2), decimal.New(50, -2), decimal.New(75, -2)}
)

// Activity kinds and outcomes, by index.
var (
	kinds = [...]activity.Kind{activity.KindCall, activity.KindEmail, activity.KindMeeting,
		activity.KindDemo, activity.KindProposal, activity.KindNegotiation}
	tiedKinds   = weights{35, 35, 12, 8, 6, 4}
	untiedKinds = weights{50, 40, 10, 0, 0, 0}
	outcomes    = [...]activity.Outcome{activity.OutcomeConnected, activity.OutcomeNoAnswer,
		activity.OutcomeVoicemail, activity.OutcomeSent, activity.OutcomeReplied, activity.OutcomeBounced,
		activity.OutcomeHeld, activity.OutcomeNoShow, activity.OutcomeRescheduled, activity.OutcomeCompleted}
	callOutcomes    = weights{40, 35, 25} // connected, no answer, voicemail
	emailOutcomes   = weights{70, 25, 5}  // sent, replied, bounced
	meetingOutcomes = weights{80, 8, 12}  // held, no show, rescheduled
)

const (
	// baseCents is the median deal amount, 12,000.00.
	baseCents = 1_200_000
	// winBase is the win probability, in hundredths of a percent, of a deal
	// of middling size by a rep of skill 1.
	winBase = 3300
	// transfers is the number of reps who change team during the window.
	transfers = 2
)

// noLeave is the working second at which a rep who never leaves leaves.
const noLeave = math.MaxInt64

type gen struct {
	cfg        Config
	start, end time.Time
	asOf       int64 // the window's end in working seconds

	days     []time.Time // 08:00 on each working day from the window's start on
	dayOff   []int32     // calendar days from the first date to days[i]
	next     []int32     // by calendar day from the first date: its working day or the next
	inWindow int         // working days that end by the window's end
	monthDay []int       // first working day of each month of the window; monthDay[Months] = inWindow

	open     []activity.Stage
	openPct  []int64 // the funnel's default probability of each open stage, in percent
	won      activity.Stage
	lost     activity.Stage
	rateMill int64 // deals per rep-month, in thousandths
	untied   int64 // untied activities per tied one, in thousandths
	eurBP    int
	dayBP    int // CloseDateShare in basis points

	reps     []repState
	repIDs   []string
	teamIDs  []string
	managers []string
	members  [][]int32 // reps ever in each team

	repMonths int64 // ramp-weighted rep-months in which deals open, in millionths
	lives     []life
	accounts  []string
	acctSpend []int // by account: its spend level, an index into accountSpend

	out activity.Records
}

type repState struct {
	skill     int   // percent, 70 to 130
	hireB     int64 // employed over working seconds [hireB, leaveB)
	leaveB    int64
	lastDeal  int64 // deals are opened before this working second
	ramp      bool
	segs      []seg // teams from working seconds on, matching the rep's assignments
	accounts  []int32
	hiredDate time.Time
	team      int // the team hired into
	hireDay   int // working day of an in-window hire
	leaveDay  int // working day a leaver leaves on
	transfer  bool
	moveDay   int // working day a transfer moves on
	moveTeam  int // the team moved to
}

type seg struct {
	from int64
	team int
}

func (r *repState) employed(b int64) bool { return b >= r.hireB && b < r.leaveB }

func (r *repState) teamAt(b int64) int {
	t := r.segs[0].team
	for _, s := range r.segs[1:] {
		if b >= s.from {
			t = s.team
		}
	}
	return t
}

// life is what activities need of a deal: its owner, account, the working
// seconds [start, end] it is alive, and when it would have closed had the
// window (or its owner's employment) not ended first.
type life struct {
	start, end int64
	planned    int64
	owner      int32
	account    int32
	product    uint8
}

func newGen(cfg Config) *gen {
	g := &gen{cfg: cfg, start: cfg.Start}
	g.end = addMonths(g.start, cfg.Months)
	g.calendar()
	g.asOf = int64(g.inWindow) * daySeconds
	g.monthDay = make([]int, cfg.Months+1)
	for m := range cfg.Months {
		g.monthDay[m] = min(g.firstDayFrom(addMonths(g.start, m)), g.inWindow)
	}
	g.monthDay[cfg.Months] = g.inWindow

	for _, s := range cfg.Funnel.Stages {
		switch {
		case s.Won:
			if g.won == "" {
				g.won = s.Stage
			}
		case s.Lost:
			if g.lost == "" {
				g.lost = s.Stage
			}
		default:
			g.open = append(g.open, s.Stage)
			g.openPct = append(g.openPct, s.Probability.Or(decimal.Zero).Shift(2).Round(0).IntPart())
		}
	}
	// Float to integer once, here; everything after is integer arithmetic.
	g.rateMill = int64(math.Round(cfg.DealsPerRepMonth * 1000))
	g.untied = int64(math.Round(cfg.UntiedShare * 1000))
	g.eurBP = int(math.Round(cfg.EURShare * 10000))
	g.dayBP = int(math.Round(cfg.CloseDateShare * 10000))
	return g
}

// addMonths adds n calendar months to t, keeping its day of the month where
// the target month has it and using the month's last day where not (31
// January + 1 month = 29 February 2024).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, t.Location()).Day()
	hh, mm, ss := t.Clock()
	return time.Date(first.Year(), first.Month(), min(d, last), hh, mm, ss, t.Nanosecond(), t.Location())
}

// calendar lists the working days from the window's start to extraDays past
// its end.
func (g *gen) calendar() {
	loc := g.cfg.Location
	y, m, d := g.start.Date()
	stop := g.end.AddDate(0, 0, extraDays)
	for k := 0; ; k++ {
		t := time.Date(y, m, d+k, workStartHour, 0, 0, 0, loc)
		if t.After(stop) {
			break
		}
		g.next = append(g.next, int32(len(g.days)))
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || t.Before(g.start) {
			continue
		}
		g.days = append(g.days, t)
		g.dayOff = append(g.dayOff, int32(k))
	}
	g.inWindow = sort.Search(len(g.days), func(i int) bool {
		return g.days[i].Add(daySeconds * time.Second).After(g.end)
	})
}

// timeAt returns the time of working second b, or the end of the last
// working day kept where b is past it.
func (g *gen) timeAt(b int64) time.Time {
	i, s := b/daySeconds, b%daySeconds
	if i >= int64(len(g.days)) {
		i, s = int64(len(g.days))-1, daySeconds-1
	}
	return g.days[i].Add(time.Duration(s) * time.Second)
}

// midnight returns 00:00 on the date of working day i.
func (g *gen) midnight(i int) time.Time {
	y, m, d := g.days[i].Date()
	return time.Date(y, m, d, 0, 0, 0, 0, g.cfg.Location)
}

// firstDayFrom returns the first working day starting at or after t.
func (g *gen) firstDayFrom(t time.Time) int {
	return sort.Search(len(g.days), func(i int) bool { return !g.days[i].Before(t) })
}

// daysAfter returns the first working day at least n calendar days after
// working day i, or len(g.days) if that is past the days kept.
func (g *gen) daysAfter(i, n int) int {
	k := int(g.dayOff[i]) + n
	if k >= len(g.next) {
		return len(g.days)
	}
	return int(g.next[k])
}

// roster draws the reps, their teams, hires, leaver and transfers.
func (g *gen) roster() {
	cfg := g.cfg
	r := newRNG(cfg.Seed, streamReps)
	nr, nt := cfg.Reps, cfg.Teams
	g.repIDs = numbered("rep-", 2, nr)
	g.teamIDs = numbered("team-", 1, nt)
	g.managers = numbered("mgr-", 1, nt)
	g.reps = make([]repState, nr)
	g.members = make([][]int32, nt)

	sy, sm, sd := g.start.Date()
	first := r.intn(len(firstNames))
	names := make([]string, nr)
	for i := range g.reps {
		st := &g.reps[i]
		names[i] = firstNames[(first+i)%len(firstNames)] + " " + lastNames[r.intn(len(lastNames))]
		st.skill = r.between(70, 130)
		st.hiredDate = time.Date(sy, sm, sd-r.between(90, 2100), 0, 0, 0, 0, cfg.Location)
		st.team = i * nt / nr
		st.leaveB, st.lastDeal = noLeave, g.asOf
	}

	// Who is hired, leaves and moves: the first reps of a random order.
	order := make([]int, nr)
	for i := range order {
		order[i] = i
	}
	for i := nr - 1; i > 0; i-- {
		j := r.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	hires, leavers, moves := 0, 0, 0
	if g.inWindow >= 3 {
		hires = nr / 8
		if nr >= 4 {
			leavers = 1
		}
	}
	if nr >= 7 && nt >= 2 && cfg.Months >= 2 {
		moves = transfers
	}
	for _, i := range order[:hires] {
		st := &g.reps[i]
		st.ramp = true
		st.hireDay = 1 + r.intn(max(1, g.inWindow*2/3-1))
		st.hireB = int64(st.hireDay) * daySeconds
		st.hiredDate = g.midnight(st.hireDay)
	}
	for _, i := range order[hires : hires+leavers] {
		st := &g.reps[i]
		st.leaveDay = g.inWindow/3 + r.intn(max(1, g.inWindow/2))
		st.leaveB = int64(st.leaveDay) * daySeconds
		st.lastDeal = max(st.hireB, st.leaveB-20*daySeconds)
	}
	for _, i := range order[hires+leavers : hires+leavers+moves] {
		st := &g.reps[i]
		m := max(1, cfg.Months/4) + r.intn(max(1, cfg.Months/2))
		if w := g.monthDay[m]; w > 0 && w < g.inWindow {
			st.transfer = true
			st.moveDay = w
			st.moveTeam = (st.team + 1 + r.intn(nt-1)) % nt
		}
	}

	g.out.Reps = make([]activity.Rep, nr)
	for i := range g.reps {
		st := &g.reps[i]
		rep := activity.Rep{ID: g.repIDs[i], Name: names[i], HiredAt: st.hiredDate}
		if st.ramp {
			rep.Ramp = slices.Clone(ramp)
		}
		if st.leaveB != noLeave {
			rep.LeftAt = g.midnight(st.leaveDay)
		}
		st.segs = []seg{{st.hireB, st.team}}
		a := activity.Assignment{From: rep.HiredAt, Until: rep.LeftAt, Team: g.teamIDs[st.team],
			Manager: g.managers[st.team], Territory: territories[st.team%len(territories)]}
		if st.transfer {
			at := g.midnight(st.moveDay)
			a.Until = at
			b := activity.Assignment{From: at, Until: rep.LeftAt, Team: g.teamIDs[st.moveTeam],
				Manager: g.managers[st.moveTeam], Territory: territories[st.moveTeam%len(territories)]}
			rep.Assignments = []activity.Assignment{a, b}
			st.segs = append(st.segs, seg{int64(st.moveDay) * daySeconds, st.moveTeam})
		} else {
			rep.Assignments = []activity.Assignment{a}
		}
		for _, s := range st.segs {
			if !slices.Contains(g.members[s.team], int32(i)) {
				g.members[s.team] = append(g.members[s.team], int32(i))
			}
		}
		g.out.Reps[i] = rep
	}
}

// slot is a stretch of working seconds [a, b) of one month in which a rep
// opens deals, with its weight: its length times the rep's ramp, in
// quarters.
type slot struct {
	a, b     int64
	rep      int32
	quarters int64
	monthLen int64
}

func (g *gen) slots() []slot {
	var out []slot
	for i := range g.reps {
		st := &g.reps[i]
		for m := range g.cfg.Months {
			lo, hi := int64(g.monthDay[m])*daySeconds, int64(g.monthDay[m+1])*daySeconds
			a, b := max(lo, st.hireB), min(hi, st.lastDeal)
			if b <= a {
				continue
			}
			q := int64(4)
			if st.ramp {
				if tm := g.out.Reps[i].TenureMonth(g.timeAt((a + b) / 2)); tm >= 1 && tm <= len(ramp) {
					q = int64(tm - 1)
				}
			}
			if q == 0 {
				continue
			}
			out = append(out, slot{a: a, b: b, rep: int32(i), quarters: q, monthLen: hi - lo})
			g.repMonths += (b - a) * q * 250_000 / (hi - lo)
		}
	}
	return out
}

// plan is a deal to be: its owner and when it is opened.
type plan struct {
	b   int64
	rep int32
}

func (g *gen) plans(r rng) []plan {
	slots := g.slots()
	var plans []plan
	if n := g.cfg.Deals; n > 0 {
		cum := make([]int64, len(slots))
		var total int64
		for i, s := range slots {
			total += (s.b - s.a) * s.quarters
			cum[i] = total
		}
		if total == 0 {
			return nil
		}
		plans = make([]plan, n)
		for k := range plans {
			u := r.int63n(total)
			i := sort.Search(len(cum), func(i int) bool { return cum[i] > u })
			s := slots[i]
			plans[k] = plan{s.a + r.int63n(s.b-s.a), s.rep}
		}
		return plans
	}
	for _, s := range slots {
		// Expected deals in the slot, in thousandths, drawn as successes in
		// n trials: binomial, close to Poisson for n well above the mean.
		lam := g.rateMill * (s.b - s.a) * s.quarters / (4 * s.monthLen)
		n := 2*((lam+999)/1000) + 8
		for range n {
			if r.int63n(n*1000) < lam {
				plans = append(plans, plan{s.a + r.int63n(s.b-s.a), s.rep})
			}
		}
	}
	return plans
}

// byTime returns the order of items by the working second of each, ties by
// position, as indexes into the items.
func byTime(n int, at func(i int) int64) []uint32 {
	keys := make([]uint64, n)
	for i := range keys {
		// Working seconds stay below 2^31 (1,200 months and 400 days of
		// them); the position fills the low 32 bits.
		keys[i] = uint64(at(i))<<32 | uint64(i)
	}
	slices.Sort(keys)
	order := make([]uint32, n)
	for i, k := range keys {
		order[i] = uint32(k)
	}
	return order
}

// winBP is the win probability, in hundredths of a percent, of a deal of
// size rank size (per mille, 0 smallest) by a rep of skill (percent).
func winBP(size int64, skill int) int {
	sizeFactor := 1300 - 600*size/1000 // per mille: 1.3 for the smallest deals, 0.7 for the largest
	return int(winBase * int64(skill) * sizeFactor / 100_000)
}

func segment(cents int64) string {
	switch {
	case cents < 1_000_000:
		return "smb"
	case cents < 5_000_000:
		return "mid"
	}
	return "enterprise"
}

// forecastCategory is the category a rep puts a deal at open stage i in:
// the last open stage is commit, the first two fifths pipeline, the rest
// best case.
func (g *gen) forecastCategory(i int) activity.ForecastCategory {
	switch {
	case i == len(g.open)-1:
		return activity.ForecastCommit
	case 5*i < 2*len(g.open):
		return activity.ForecastPipeline
	}
	return activity.ForecastBestCase
}

// deals draws the deals and their stage changes.
// An account's chance of stopping buying after each deal, in basis points:
// one-time buyers, occasional and loyal accounts, 35, 45 and 20 in 100.
var (
	accountDrop        = []int{9000, 4000, 300}
	accountDropWeights = weights{30, 40, 30}
)

// repeatMoreBP is the chance, in basis points, that a deal the first
// version gave a new account goes to one of the rep's accounts instead.
const repeatMoreBP = 6000

// An account's buying rate, relative: the chance it is taken when drawn for
// a repeat deal is its rate over the largest; 50, 35 and 15 in 100.
var (
	accountRate        = []int{1, 4, 32}
	accountRateWeights = weights{60, 30, 10}
)

// An account's spend level scales every deal it makes, in percent: small
// to large buyers, 15, 25, 30, 20 and 10 in 100 (a mean of 1.035).
var (
	accountSpend        = []int64{40, 70, 100, 150, 250}
	accountSpendWeights = weights{15, 25, 30, 20, 10}
)

func (g *gen) deals() {
	r := newRNG(g.cfg.Seed, streamDeals)
	// Draws added since the first version come from a stream of their own,
	// so that every earlier draw, and so every earlier record, stays as it
	// was.
	r2 := newRNG(g.cfg.Seed, streamDealsMore)
	days := newRNG(g.cfg.Seed, streamCloseDays) // which closes are days: its own, so the share moves no other draw
	plans := g.plans(r)
	order := byTime(len(plans), func(i int) int64 { return plans[i].b })
	n := len(plans)
	ids := numbered("D-", 5, n)
	deals := make([]activity.Deal, n)
	g.lives = make([]life, n)
	changes := make([]activity.StageChange, 0, n*4)
	nOpen := len(g.open)
	lostWeights := make(weights, nOpen)
	for i := range lostWeights {
		lostWeights[i] = nOpen + 1 - i
	}
	// The open stage a won deal is won from: most from the last, some from
	// the ones before (a quick yes after a demo or a proposal), weights
	// 12, 5, 2, 1 from the last back.
	wonWeights := make(weights, nOpen)
	for i, w := range []int{12, 5, 2, 1} {
		if j := nOpen - 1 - i; j >= 0 {
			wonWeights[j] = w
		}
	}
	var (
		path     []int
		times    []int64
		accounts int32
		gone     []bool // by account: stopped buying
		dropBP   []int  // by account: chance of stopping after a deal
		spend    []int  // by account: its spend level, an index into accountSpend
		rateOf   []int  // by account: its buying rate, an index into accountRate
	)
	for i, k := range order {
		p := plans[k]
		st := &g.reps[p.rep]
		created := p.b
		team := st.teamAt(created)
		d := &deals[i]
		d.ID = ids[i]
		d.Owner = g.repIDs[p.rep]
		d.Team = g.teamIDs[team]
		home := team % len(territories)
		d.Territory = territories[home]
		if r.chance(1500) {
			d.Territory = territories[(home+1+r.intn(len(territories)-1))%len(territories)]
		}

		// Three deals in ten go to one of the rep's accounts, the drawn
		// one or the next still buying; an account stops buying after a
		// deal with its own chance, so some buy once and some many times.
		acct := int32(-1)
		repeat, j := false, 0
		if len(st.accounts) > 0 && r.chance(3000) {
			repeat, j = true, r.intn(len(st.accounts))
		} else if len(st.accounts) > 0 && r2.chance(repeatMoreBP) {
			repeat, j = true, r2.intn(len(st.accounts))
		}
		if repeat {
			// An account still buying is taken with a chance in proportion
			// to its buying rate: draws until one is taken, at most eight.
			for try := range 8 {
				if try > 0 {
					j = r2.intn(len(st.accounts))
				}
				if a := st.accounts[j]; !gone[a] && r2.intn(accountRate[len(accountRate)-1]) < accountRate[rateOf[a]] {
					acct = a
					break
				}
			}
		}
		if acct < 0 {
			acct = accounts
			accounts++
			st.accounts = append(st.accounts, acct)
			gone = append(gone, false)
			dropBP = append(dropBP, accountDrop[r2.pick(accountDropWeights)])
			spend = append(spend, r2.pick(accountSpendWeights))
			rateOf = append(rateOf, r2.pick(accountRateWeights))
		}
		product := uint8(r.intn(len(products)))
		d.Source = sources[r.pick(sourceWeights)]

		q := r.int63n(sizeSteps)
		size := q * 1000 / sizeSteps
		cents := baseCents * amountAt(q) / 1_000_000 * accountSpend[spend[acct]] / 100
		d.Amount = decimal.New(cents, -2)
		d.Segment = segment(cents)
		d.Currency = "USD"
		if g.eurBP > 0 && r.chance(g.eurBP) {
			d.Currency = "EUR"
		}
		if r.chance(5000) {
			d.Cost = activity.Some(decimal.New(cents*int64(r.between(30, 60))/100, -2))
		}
		if r.chance(4000) {
			d.TermMonths = activity.Some(12)
		}

		// Outcome and timing. cycle is in calendar days.
		won := r.chance(winBP(size, st.skill))
		// A purchase may be the account's last.
		if won && r2.chance(dropBP[acct]) {
			gone[acct] = true
		}
		target := nOpen - 1
		base := 10 + int(size*110/1000) + r.intn(61)
		cycle := base
		if !won {
			target = r.pick(lostWeights)
			cycle = max(10, base*(target+1)/(nOpen+1))
		}
		day := int(created / daySeconds)
		closeB := int64(g.daysAfter(day, cycle))*daySeconds + r.int63n(daySeconds)
		expect := int64(g.daysAfter(day, base*r.between(70, 110)/100))*daySeconds + r.int63n(daySeconds)

		// The walk through the open stages, by index.
		path = path[:0]
		for cur, backs := 0, 0; cur < target; {
			next := cur + 1
			if next < target && r.chance(1200) {
				next++
			}
			path = append(path, next)
			cur = next
			if backs < 2 && r.chance(600) {
				path = append(path, next-1)
				cur = next - 1
				backs++
			}
		}
		// Strictly increasing times in (created, closeB): sorted draws from
		// a range shortened by len(path), then spread by 0, 1, 2 ...
		times = times[:0]
		span := closeB - created - int64(len(path))
		for range path {
			times = append(times, created+1+r.int63n(span))
		}
		slices.Sort(times)
		for j := range times {
			times[j] += int64(j)
		}
		// A won deal is won from the first stage of its walk at or past the
		// stage drawn for it: the rest of the walk is not taken.
		if won {
			from := r2.pick(wonWeights)
			if j := slices.IndexFunc(path, func(s int) bool { return s >= from }); j >= 0 {
				path, times = path[:j+1], times[:j+1]
			}
		}

		status, closing, forced := activity.StatusWon, closeB, false
		if !won {
			status = activity.StatusLost
		}
		switch {
		case closeB < g.asOf && closeB < st.leaveB-1:
		case st.leaveB-1 < g.asOf:
			// The owner leaves first: the deal is dropped on their last
			// working second.
			status, closing, forced = activity.StatusLost, st.leaveB-1, true
		default:
			status, closing = activity.StatusOpen, g.asOf
		}
		stage := 0
		for j, to := range path {
			if times[j] >= closing {
				break
			}
			changes = append(changes, activity.StageChange{Deal: d.ID, From: g.open[stage], To: g.open[to], At: g.timeAt(times[j])})
			stage = to
		}

		d.CreatedAt = g.timeAt(created)
		d.ExpectedCloseAt = g.timeAt(expect)
		d.Status = status
		lf := life{start: created, end: closing, planned: max(closing, closeB), owner: p.rep, account: acct, product: product}
		switch status {
		case activity.StatusOpen:
			d.Stage = g.open[stage]
			d.ForecastCategory = g.forecastCategory(stage)
			if r.chance(2000) {
				pct := min(100, max(0, g.openPct[stage]+int64(r.between(-10, 10))))
				d.Probability = activity.Some(decimal.New(pct, -2))
			}
			lf.end = g.asOf - 1
		case activity.StatusWon:
			d.Stage = g.won
		case activity.StatusLost:
			d.Stage = g.lost
			if forced {
				d.LossReason = "no_decision"
			} else {
				d.LossReason = lossReasons[r.pick(lossWeights)]
			}
		}
		if status != activity.StatusOpen {
			closedAt := g.timeAt(closing)
			d.ClosedAt = closedAt
			d.ForecastCategory = activity.ForecastClosed
			changes = append(changes, activity.StageChange{Deal: d.ID, From: g.open[stage], To: d.Stage, At: closedAt})
			if g.dayBP > 0 && days.chance(g.dayBP) {
				d.ClosedAt, d.CloseDate = time.Time{}, activity.DateOf(closedAt)
			}
		}
		g.lives[i] = lf
	}

	g.accounts = numbered("acct-", 4, int(accounts))
	g.acctSpend = spend
	for i := range deals {
		lf := &g.lives[i]
		deals[i].Account = g.accounts[lf.account]
		deals[i].Name = g.accounts[lf.account] + " " + products[lf.product]
	}
	g.out.Deals = deals
	g.out.StageChanges = changes
}

// act is an activity before its id and time are made.
type act struct {
	b       int64
	rep     int32
	deal    int32 // -1: none
	account int32 // -1: none
	dur     int32 // seconds
	kind    uint8
	outcome uint8
}

// activities draws the activities on deals, then the untied ones, and
// numbers them in time order.
func (g *gen) activities() {
	r := newRNG(g.cfg.Seed, streamActivities)
	m := g.cfg.ActivitiesPerDeal
	lo := (m + 2) / 3
	hi := 2*m - lo
	acts := make([]act, 0, len(g.lives)*m*(1000+int(g.untied))/1000+16)
	for i := range g.lives {
		lf := &g.lives[i]
		for range r.between(lo, hi) {
			// Activities spread over the deal's planned life; those after
			// its end (the window's end, or its owner's leaving) never
			// happened, rather than being crowded into what is left.
			b := lf.start + r.int63n(lf.planned-lf.start+1)
			if b > lf.end {
				continue
			}
			rep := int(lf.owner)
			if r.intn(10) == 0 {
				rep = g.teammate(r, rep, b)
			}
			k := r.pick(tiedKinds)
			o, dur := drawOutcome(r, k)
			acts = append(acts, act{b: b, rep: int32(rep), deal: int32(i), account: lf.account, dur: dur, kind: uint8(k), outcome: uint8(o)})
		}
	}
	if untied := int64(len(acts)) * g.untied / 1000; untied > 0 && g.asOf > 0 {
		for range untied {
			b := r.int63n(g.asOf)
			rep := g.employedRep(r, b)
			k := r.pick(untiedKinds)
			o, dur := drawOutcome(r, k)
			account := int32(-1)
			if len(g.accounts) > 0 && r.intn(2) == 0 {
				account = int32(r.intn(len(g.accounts)))
			}
			if rep < 0 {
				continue
			}
			acts = append(acts, act{b: b, rep: int32(rep), deal: -1, account: account, dur: dur, kind: uint8(k), outcome: uint8(o)})
		}
	}

	order := byTime(len(acts), func(i int) int64 { return acts[i].b })
	ids := numbered("A-", 6, len(acts))
	out := make([]activity.Activity, len(acts))
	for i, k := range order {
		a := &acts[k]
		o := &out[i]
		o.ID = ids[i]
		o.Rep = g.repIDs[a.rep]
		o.Kind = kinds[a.kind]
		o.At = g.timeAt(a.b)
		if a.deal >= 0 {
			o.Deal = g.out.Deals[a.deal].ID
		}
		if a.account >= 0 {
			o.Account = g.accounts[a.account]
		}
		o.Outcome = outcomes[a.outcome]
		o.Duration = time.Duration(a.dur) * time.Second
	}
	g.out.Activities = out
}

// teammate returns a rep other than owner in owner's team and employed at
// working second b, or owner if a few draws find none.
func (g *gen) teammate(r rng, owner int, b int64) int {
	team := g.reps[owner].teamAt(b)
	m := g.members[team]
	for range 4 {
		c := int(m[r.intn(len(m))])
		if c != owner && g.reps[c].employed(b) && g.reps[c].teamAt(b) == team {
			return c
		}
	}
	return owner
}

// employedRep returns a random rep employed at working second b, or -1 if
// there is none.
func (g *gen) employedRep(r rng, b int64) int {
	n := len(g.reps)
	for range 8 {
		if i := r.intn(n); g.reps[i].employed(b) {
			return i
		}
	}
	from := r.intn(n)
	for j := range n {
		if i := (from + j) % n; g.reps[i].employed(b) {
			return i
		}
	}
	return -1
}

// drawOutcome returns an outcome that fits kind k, by index, and the
// activity's duration in seconds: calls and held meetings take time.
func drawOutcome(r rng, k int) (int, int32) {
	switch kinds[k] {
	case activity.KindCall:
		switch o := r.pick(callOutcomes); o {
		case 0:
			return 0, int32(r.between(120, 1800))
		case 1:
			return 1, int32(r.between(15, 45))
		default:
			return 2, int32(r.between(30, 120))
		}
	case activity.KindEmail:
		return 3 + r.pick(emailOutcomes), 0
	case activity.KindMeeting, activity.KindDemo:
		o := 6 + r.pick(meetingOutcomes)
		if o != 6 {
			return o, 0
		}
		if kinds[k] == activity.KindDemo {
			return o, int32(r.between(3, 4) * 900)
		}
		return o, int32(r.between(2, 4) * 900)
	}
	return 9, 0
}

// expectedWonCents returns the expected booked amount of one deal of a rep
// of the given skill, in cents: the mean of amount × win probability over
// 256 evenly spaced size ranks.
func expectedWonCents(skill int) int64 {
	const n = 256
	var sum int64
	for j := range int64(n) {
		q := (2*j + 1) * sizeSteps / (2 * n)
		cents := baseCents * amountAt(q) / 1_000_000
		sum += cents * int64(winBP(q*1000/sizeSteps, skill)) / 10000
	}
	return sum / n
}

// quotas makes each rep's bookings quota for every calendar quarter they are
// employed in, and each team's as the sum of its reps' (a rep counting for
// the team they are in at the quarter's start, or at hire).
func (g *gen) quotas() {
	// Deals a fully ramped rep opens in a month, in thousandths.
	rate := g.rateMill
	if g.cfg.Deals > 0 {
		rate = 0
		if g.repMonths > 0 {
			rate = int64(math.Round(float64(g.cfg.Deals) * 1e9 / float64(g.repMonths)))
		}
	}
	perRep := make([]int64, len(g.reps))
	for i := range g.reps {
		c := 3 * rate * expectedWonCents(g.reps[i].skill) / 1000
		perRep[i] = (c + 5000) / 10000 * 10000
	}

	loc := g.cfg.Location
	y, m, _ := g.start.Date()
	qs := time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, loc)
	teamSum := make([]int64, len(g.teamIDs))
	teamHas := make([]bool, len(g.teamIDs))
	for qs.Before(g.end) {
		qe := time.Date(qs.Year(), qs.Month()+3, 1, 0, 0, 0, 0, loc)
		period := activity.Period{Start: qs, End: qe, Name: fmt.Sprintf("%d Q%d", qs.Year(), (int(qs.Month())-1)/3+1)}
		clear(teamSum)
		clear(teamHas)
		for i, rep := range g.out.Reps {
			if !rep.HiredAt.Before(qe) || (!rep.LeftAt.IsZero() && !rep.LeftAt.After(qs)) {
				continue
			}
			g.out.Quotas = append(g.out.Quotas, activity.Quota{Rep: rep.ID, Metric: "bookings", Period: period,
				Amount: activity.Some(decimal.New(perRep[i], -2)), Currency: "USD"})
			at := qs
			if rep.HiredAt.After(at) {
				at = rep.HiredAt
			}
			team := g.reps[i].segs[0].team
			for k, a := range rep.Assignments {
				if a.Contains(at) {
					team = g.reps[i].segs[k].team
				}
			}
			teamSum[team] += perRep[i]
			teamHas[team] = true
		}
		for t, id := range g.teamIDs {
			if teamHas[t] {
				g.out.Quotas = append(g.out.Quotas, activity.Quota{Team: id, Metric: "bookings", Period: period,
					Amount: activity.Some(decimal.New(teamSum[t], -2)), Currency: "USD"})
			}
		}
		qs = qe
	}
}

// numbered returns prefix1, prefix2 ... prefixN with the numbers
// zero-padded to minWidth digits or the width of n, so that text order is
// numeric order. The strings share one allocation.
func numbered(prefix string, minWidth, n int) []string {
	w := max(minWidth, len(strconv.Itoa(n)))
	size := len(prefix) + w
	buf := make([]byte, 0, n*size)
	var digits [20]byte
	for i := 1; i <= n; i++ {
		buf = append(buf, prefix...)
		s := strconv.AppendInt(digits[:0], int64(i), 10)
		for range w - len(s) {
			buf = append(buf, '0')
		}
		buf = append(buf, s...)
	}
	all := string(buf)
	out := make([]string, n)
	for i := range out {
		out[i] = all[i*size : (i+1)*size]
	}
	return out
}
