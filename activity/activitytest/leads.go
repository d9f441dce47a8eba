package activitytest

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

var (
	// leadChanceBP is the chance, in basis points, that a deal of each
	// source (in the order of sources) came from a lead.
	leadChanceBP = [...]int{9000, 1500, 5000, 4000, 8500}
	// disqualifyReasons and their weights.
	disqualifyReasons = [...]string{"no budget", "not a fit", "unresponsive", "spam", "competitor"}
	disqualifyWeights = weights{30, 25, 25, 10, 10}
)

// leadDraft is a lead before its id: the touching activity's position, or
// -1.
type leadDraft struct {
	lead  activity.Lead
	touch int
}

// leads draws the leads from their own stream, after everything else, so
// that the other records are the same with or without them (the untied
// calls and e-mails that first touched a lead only gain its id in
// Activity.Lead):
//
//   - a deal from an inbound, event, referral or partner source (90%, 85%,
//     50%, 40%; outbound 15%) came from a lead of its source and owner,
//     created 1 to 15 working days before the deal, worked within minutes
//     to days, qualified up to two working days before and converted when
//     the deal was created;
//   - 40% of the untied calls and e-mails are a lead's first touch: the lead
//     came in minutes to days before it (not before the window), owned by
//     the caller, from a source drawn as deals' are; half of them are
//     disqualified 1 to 10 days later for a reason, one in ten qualified,
//     the rest still being worked (as are those whose step would fall after
//     the window's end);
//   - one lead in fifty came in during the window's last two weeks and
//     nobody has touched it yet;
//   - one in twenty of the unconverted leads is a person coming back: the
//     name, company and e-mail of an earlier lead (activity.DuplicateLeads
//     finds them).
//
// Leads are numbered L-000001 … in time order.
func (g *gen) leads() {
	r := newRNG(g.cfg.Seed, streamLeads)
	var drafts []leadDraft
	person := func(company string) (string, string, string) {
		first, last := firstNames[r.intn(len(firstNames))], lastNames[r.intn(len(lastNames))]
		return first + " " + last, strings.ToLower(first + "." + last + "@" + company + ".example"), company
	}
	// Leads behind deals.
	for i := range g.out.Deals {
		d := &g.out.Deals[i]
		lf := &g.lives[i]
		s := slices.Index(sources[:], d.Source)
		if s < 0 || !r.chance(leadChanceBP[s]) {
			continue
		}
		gap := int64(r.between(1, 15)) * daySeconds
		created := lf.start - gap - r.int63n(daySeconds)
		if created < 0 {
			continue
		}
		touched := created + min(speedToLead(r), gap-1)
		qualified := lf.start - r.int63n(min(2*daySeconds, lf.start-touched)+1)
		l := activity.Lead{Source: d.Source, Owner: d.Owner, Status: activity.LeadConverted,
			CreatedAt: g.timeAt(created), WorkingAt: g.timeAt(touched), QualifiedAt: g.timeAt(qualified),
			ConvertedAt: d.CreatedAt, Account: d.Account, Deal: d.ID}
		l.Name, l.Email, l.Company = person(d.Account)
		drafts = append(drafts, leadDraft{lead: l, touch: -1})
	}
	// Leads first touched by an untied call or e-mail.
	end := g.end
	for i := range g.out.Activities {
		a := &g.out.Activities[i]
		if a.Deal != "" || (a.Kind != activity.KindCall && a.Kind != activity.KindEmail) || !r.chance(4000) {
			continue
		}
		created := a.At.Add(-time.Duration(speedToLead(r)) * time.Second)
		if created.Before(g.start) {
			continue
		}
		company := a.Account
		if company == "" {
			company = "prospect-" + lastNames[r.intn(len(lastNames))]
		}
		l := activity.Lead{Source: sources[r.pick(sourceWeights)], Owner: a.Rep, Status: activity.LeadWorking, CreatedAt: created, WorkingAt: a.At}
		l.Name, l.Email, l.Company = person(strings.ToLower(company))
		if n := len(drafts); n > 0 && r.chance(500) {
			// A person coming back: an earlier lead's name and address.
			e := &drafts[r.intn(n)].lead
			l.Name, l.Email, l.Company = e.Name, e.Email, e.Company
		}
		step, x := a.At.Add(time.Duration(r.between(24, 240))*time.Hour), r.intn(10)
		switch {
		case x < 5 && step.Before(end):
			l.Status, l.DisqualifiedAt, l.DisqualifyReason = activity.LeadDisqualified, step, disqualifyReasons[r.pick(disqualifyWeights)]
		case x == 5 && step.Before(end):
			l.Status, l.QualifiedAt = activity.LeadQualified, step
		}
		drafts = append(drafts, leadDraft{lead: l, touch: i})
	}
	// New leads nobody has touched yet.
	if last := end.Add(-14 * 24 * time.Hour); last.After(g.start) && g.asOf > 0 {
		for range len(drafts) / 50 {
			created := last.Add(time.Duration(r.int63n(int64(14*24*time.Hour-time.Second))) + time.Second)
			rep := g.employedRep(r, g.asOf-1)
			l := activity.Lead{Source: sources[r.pick(sourceWeights)], CreatedAt: created}
			if rep >= 0 && r.chance(5000) {
				l.Owner = g.repIDs[rep]
			}
			l.Name, l.Email, l.Company = person("prospect-" + strings.ToLower(lastNames[r.intn(len(lastNames))]))
			drafts = append(drafts, leadDraft{lead: l, touch: -1})
		}
	}
	slices.SortStableFunc(drafts, func(a, b leadDraft) int { return cmp.Compare(a.lead.CreatedAt.UnixNano(), b.lead.CreatedAt.UnixNano()) })
	ids := numbered("L-", 6, len(drafts))
	out := make([]activity.Lead, len(drafts))
	for i := range drafts {
		out[i] = drafts[i].lead
		out[i].ID = ids[i]
		if t := drafts[i].touch; t >= 0 {
			g.out.Activities[t].Lead = ids[i]
		}
	}
	g.out.Leads = out
}

// speedToLead draws the working seconds from a lead's arrival to its first
// touch: within the hour four times in ten, within the working day three
// in ten, otherwise one to three working days.
func speedToLead(r rng) int64 {
	switch x := r.intn(10); {
	case x < 4:
		return int64(r.between(60, 3600))
	case x < 7:
		return int64(r.between(3600, daySeconds))
	}
	return int64(r.between(daySeconds, 3*daySeconds))
}

// industries of the sample's accounts, and their weights.
var (
	industries      = [...]string{"software", "manufacturing", "retail", "finance", "healthcare", "logistics"}
	industryWeights = weights{25, 20, 15, 15, 15, 10}
)

// accountRecords draws an Account record for every account the deals
// name, from a stream of its own, after everything else (no other record
// changes): its territory, segment and owner those of its first deal, its
// region its territory, an industry, a yearly potential of 3 to 10 times
// what a deal of its spend level is worth, and a workload of 5 to 20 hours
// a quarter times 1 to 3 by its size.
func (g *gen) accountRecords() {
	r := newRNG(g.cfg.Seed, streamAccounts)
	first := make([]int, len(g.accounts))
	for i := range first {
		first[i] = -1
	}
	for i := range g.lives {
		if a := g.lives[i].account; first[a] < 0 {
			first[a] = i
		}
	}
	out := make([]activity.Account, 0, len(g.accounts))
	for a, id := range g.accounts {
		acct := activity.Account{ID: id, Industry: industries[r.pick(industryWeights)], Currency: "USD"}
		if i := first[a]; i >= 0 {
			d := &g.out.Deals[i]
			acct.Territory, acct.Region, acct.Segment, acct.Owner = d.Territory, d.Territory, d.Segment, d.Owner
		}
		level := int64(accountSpend[g.acctSpend[a]])
		acct.Potential = activity.Some(decimal.New(baseCents/100*level/100*int64(r.between(3, 10)), 0))
		acct.Workload = activity.Some(decimal.NewFromInt(int64(r.between(5, 20)) * (1 + level/100)))
		out = append(out, acct)
	}
	g.out.Accounts = out
}
