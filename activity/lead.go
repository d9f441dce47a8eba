package activity

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lead is a person or company that may buy, before there is a deal: the
// top of the funnel. A lead is created (from a source: a form, a list, an
// event, a referral), worked by a rep, and then qualified or disqualified;
// a qualified lead is converted into an account and, usually, a deal (an
// opportunity), which the index links back to it.
//
// The status is where the lead is now; the times are when it got to each
// status, each absent (the zero time) until it did. A converted lead may
// keep its QualifiedAt; a disqualified one may have been qualified first.
type Lead struct {
	ID string `json:"id"`
	// Source is where the lead came from (the lead's own source field);
	// Campaign, where the host tracks it, the campaign within the source.
	Source   Source `json:"source,omitempty"`
	Campaign string `json:"campaign,omitempty"`
	// Owner is the rep working the lead ("" while in a queue), Team the
	// owner's team as the host recorded it.
	Owner string `json:"owner,omitempty"`
	Team  string `json:"team,omitempty"`
	// Name, Email and Company identify the person: what duplicate leads
	// share.
	Name    string `json:"name,omitempty"`
	Email   string `json:"email,omitempty"`
	Company string `json:"company,omitempty"`

	Status    LeadStatus `json:"status"`
	CreatedAt time.Time  `json:"created_at"`
	// WorkingAt is when a rep started working the lead (status working).
	WorkingAt time.Time `json:"working_at,omitzero"`
	// QualifiedAt is when it was qualified (status qualified, or later
	// converted or disqualified).
	QualifiedAt time.Time `json:"qualified_at,omitzero"`
	// DisqualifiedAt is when it was disqualified, for DisqualifyReason.
	DisqualifiedAt   time.Time `json:"disqualified_at,omitzero"`
	DisqualifyReason string    `json:"disqualify_reason,omitempty"`
	// ConvertedAt is when it was converted, into Account and, when the
	// conversion made one, the deal Deal.
	ConvertedAt time.Time `json:"converted_at,omitzero"`
	Account     string    `json:"account,omitempty"`
	Deal        string    `json:"deal,omitempty"`

	Attributes map[string]string `json:"attributes,omitempty"`
}

// LeadStatus is where a lead is in its life.
type LeadStatus uint8

// Lead statuses.
const (
	// LeadNew is a lead nobody has worked yet.
	LeadNew LeadStatus = iota
	// LeadWorking is a lead a rep is working (contacting, qualifying).
	LeadWorking
	// LeadQualified is a lead judged worth an opportunity, not yet
	// converted.
	LeadQualified
	// LeadDisqualified is a lead judged not worth pursuing, with its reason.
	LeadDisqualified
	// LeadConverted is a lead converted into an account and, usually, a
	// deal.
	LeadConverted
)

var leadStatusNames = [...]string{"new", "working", "qualified", "disqualified", "converted"}

// String returns the status's name ("new", "working", "qualified",
// "disqualified", "converted"), and "LeadStatus(n)" for a value out of
// range.
func (s LeadStatus) String() string {
	if int(s) < len(leadStatusNames) {
		return leadStatusNames[s]
	}
	return "LeadStatus(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText writes the status's name.
func (s LeadStatus) MarshalText() ([]byte, error) {
	if int(s) >= len(leadStatusNames) {
		return nil, fmt.Errorf("%w: %v", ErrInvalidStatus, s)
	}
	return []byte(leadStatusNames[s]), nil
}

// UnmarshalText reads a status's name, in any case (CRMs write "New",
// "Working", ...); anything else is an error wrapping ErrInvalidStatus.
func (s *LeadStatus) UnmarshalText(text []byte) error {
	for i, n := range leadStatusNames {
		if equalFoldASCII(string(text), n) {
			*s = LeadStatus(i)
			return nil
		}
	}
	return fmt.Errorf("%w: lead status %q", ErrInvalidStatus, text)
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// UnmarshalJSON reads a lead, with its times in any form ParseTime reads.
func (l *Lead) UnmarshalJSON(b []byte) error {
	type plain Lead
	aux := struct {
		*plain
		CreatedAt      jsonTime `json:"created_at"`
		WorkingAt      jsonTime `json:"working_at"`
		QualifiedAt    jsonTime `json:"qualified_at"`
		DisqualifiedAt jsonTime `json:"disqualified_at"`
		ConvertedAt    jsonTime `json:"converted_at"`
	}{(*plain)(l), jsonTime{&l.CreatedAt}, jsonTime{&l.WorkingAt}, jsonTime{&l.QualifiedAt},
		jsonTime{&l.DisqualifiedAt}, jsonTime{&l.ConvertedAt}}
	return json.Unmarshal(b, &aux)
}

// Validate reports every problem with l on its own, as RecordErrors joined
// with errors.Join: an empty id, a zero created time, a time outside the
// years 1900 to 2199, a status out of range, a status without its time
// (qualified without QualifiedAt, disqualified without DisqualifiedAt,
// converted without ConvertedAt) or a time of a status the lead is not in
// (DisqualifiedAt or a reason on a lead that is not disqualified,
// ConvertedAt, Account or Deal on one not converted, QualifiedAt on a new
// or working lead), and times out of order (working, qualified,
// disqualified or converted before the creation; converted or
// disqualified before qualified). Whether the deal exists is checked when
// the index is built.
func (l Lead) Validate() error {
	p := problems{record: "lead", index: -1, id: l.ID}
	l.check(&p)
	return p.err()
}

func (l *Lead) check(p *problems) {
	if l.ID == "" {
		p.add("id", ErrMissingID)
	}
	if l.CreatedAt.IsZero() {
		p.add("created_at", ErrZeroTime)
	}
	times := [...]struct {
		field string
		t     time.Time
	}{{"created_at", l.CreatedAt}, {"working_at", l.WorkingAt}, {"qualified_at", l.QualifiedAt},
		{"disqualified_at", l.DisqualifiedAt}, {"converted_at", l.ConvertedAt}}
	for _, f := range times {
		checkTimeRange(p, f.field, f.t)
	}
	need := func(field string, t time.Time) {
		if t.IsZero() {
			p.add(field, fmt.Errorf("%w: the lead is %v", ErrZeroTime, l.Status))
		}
	}
	forbid := func(field string, set bool) {
		if set {
			p.add(field, fmt.Errorf("%w: set on a lead that is %v", ErrInvalidStatus, l.Status))
		}
	}
	switch l.Status {
	case LeadNew, LeadWorking:
		forbid("qualified_at", !l.QualifiedAt.IsZero())
	case LeadQualified:
		need("qualified_at", l.QualifiedAt)
	case LeadDisqualified:
		need("disqualified_at", l.DisqualifiedAt)
	case LeadConverted:
		need("converted_at", l.ConvertedAt)
	default:
		p.add("status", fmt.Errorf("%w: %v", ErrInvalidStatus, l.Status))
	}
	if l.Status != LeadDisqualified {
		forbid("disqualified_at", !l.DisqualifiedAt.IsZero())
		forbid("disqualify_reason", l.DisqualifyReason != "")
	}
	if l.Status != LeadConverted {
		forbid("converted_at", !l.ConvertedAt.IsZero())
		forbid("account", l.Account != "")
		forbid("deal", l.Deal != "")
	}
	order := func(field string, t time.Time, after string, u time.Time) {
		if !t.IsZero() && !u.IsZero() && t.Before(u) {
			p.add(field, fmt.Errorf("%w: %s %s is before %s %s", ErrTimeOrder, field, timeText(t), after, timeText(u)))
		}
	}
	for _, f := range times[1:] {
		order(f.field, f.t, "created_at", l.CreatedAt)
	}
	order("converted_at", l.ConvertedAt, "qualified_at", l.QualifiedAt)
	order("disqualified_at", l.DisqualifiedAt, "qualified_at", l.QualifiedAt)
}

// TouchedAt returns the lead's first time past new: the earliest of its
// working, qualified, disqualified and converted times, the zero time when
// it has none. Speed to lead prefers the first activity with the lead
// (see performance.LeadFunnel).
func (l Lead) TouchedAt() time.Time {
	var first time.Time
	for _, t := range [...]time.Time{l.WorkingAt, l.QualifiedAt, l.DisqualifiedAt, l.ConvertedAt} {
		if !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	return first
}

// PersonKey is the rule that finds duplicate leads, the same person
// entered twice (a webinar sign-up, then a contact-us form): leads with
// the same key are one person. The key is the e-mail address, trimmed and
// in lower case ("email:ann@acme.com"); without one, the name and company
// together, trimmed, in lower case and with runs of spaces as one
// ("name:ann lee|acme"); without an e-mail and either of those, "" (a lead
// never matched with another).
func (l Lead) PersonKey() string {
	if e := strings.ToLower(strings.TrimSpace(l.Email)); e != "" {
		return "email:" + e
	}
	fold := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	if n, c := fold(l.Name), fold(l.Company); n != "" && c != "" {
		return "name:" + n + "|" + c
	}
	return ""
}

// DuplicateLeads returns the groups of leads that are one person by
// PersonKey, each a list of positions in leads in input order, the groups
// in the order of their first lead; a lead without a duplicate is in no
// group.
func DuplicateLeads(leads []Lead) [][]int {
	at := make(map[string]int)
	var groups [][]int
	for i := range leads {
		k := leads[i].PersonKey()
		if k == "" {
			continue
		}
		g, ok := at[k]
		if !ok {
			g = len(groups)
			at[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}
