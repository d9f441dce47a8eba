package activity

import (
	"fmt"
	"slices"
)

// View is a selection of an index's deals and activities: the rows KPIs run
// over. Views are cheap values (two row lists) and never copy the columns;
// narrowing a view filters its rows once.
type View struct {
	ix    *Index
	deals []int32
	acts  []int32
	leads []int32
	label string
}

// All returns a view of every deal and activity.
func (ix *Index) All() View {
	return View{ix: ix, deals: ix.allDeals, acts: ix.allActs, leads: ix.allLeads, label: "all"}
}

// Index returns the index the view selects from.
func (v View) Index() *Index { return v.ix }

// DealRows returns the selected deal rows in ascending order. The slice is
// shared: do not modify it.
func (v View) DealRows() []int32 { return v.deals }

// ActivityRows returns the selected activity rows in ascending order. The
// slice is shared: do not modify it.
func (v View) ActivityRows() []int32 { return v.acts }

// LeadRows returns the selected leads' positions in Index.Leads, in
// ascending order. The slice is shared: do not modify it.
func (v View) LeadRows() []int32 { return v.leads }

// Label says what the view selects, as "all / team=team-1 / rep=rep-03".
func (v View) Label() string { return v.label }

// String returns the label with the row counts.
func (v View) String() string {
	if len(v.leads) > 0 {
		return fmt.Sprintf("%s (%d deals, %d activities, %d leads)", v.label, len(v.deals), len(v.acts), len(v.leads))
	}
	return fmt.Sprintf("%s (%d deals, %d activities)", v.label, len(v.deals), len(v.acts))
}

// Rep narrows the view to the deals and leads the rep owns and the
// activities the rep did. A rep the index has never seen is an error wrapping ErrUnknownName;
// the zero View, ErrZeroView (as for Team and Territory).
func (v View) Rep(id string) (View, error) {
	if err := v.Err(); err != nil {
		return View{}, err
	}
	k, ok := v.ix.reps.Key(id)
	if !ok || k == NoKey {
		return View{}, fmt.Errorf("%w: rep %q", ErrUnknownName, id)
	}
	w := v.narrow("rep="+id, v.ix.cols.Deals.Owner, k, v.ix.cols.Activities.Rep, k)
	w.leads = filter(v.leads, func(r int) bool { return v.ix.leads[r].Owner == id })
	return w, nil
}

// Team narrows the view to the deals that count for the team (by the
// index's team rule), the activities done in the team, and the leads of
// the team (Index.LeadTeam). A team the index
// has never seen is an error wrapping ErrUnknownName.
func (v View) Team(name string) (View, error) {
	if err := v.Err(); err != nil {
		return View{}, err
	}
	k, ok := v.ix.teams.Key(name)
	if !ok || k == NoKey {
		return View{}, fmt.Errorf("%w: team %q", ErrUnknownName, name)
	}
	w := v.narrow("team="+name, v.ix.cols.Deals.Team, k, v.ix.cols.Activities.Team, k)
	w.leads = filter(v.leads, func(r int) bool { return v.ix.LeadTeam(r) == name })
	return w, nil
}

// Territory narrows the view to the deals in the territory and the
// activities and leads linked to them (a lead by the deal it converted
// into). A territory the index has never seen is an
// error wrapping ErrUnknownName.
func (v View) Territory(name string) (View, error) {
	if err := v.Err(); err != nil {
		return View{}, err
	}
	k, ok := v.ix.territories.Key(name)
	if !ok || k == NoKey {
		return View{}, fmt.Errorf("%w: territory %q", ErrUnknownName, name)
	}
	w := v.DealsWhere("territory="+name, func(_ *Index, row int) bool { return v.ix.cols.Deals.Territory[row] == k })
	w = w.ActivitiesWhere("", func(_ *Index, row int) bool {
		d := v.ix.cols.Activities.Deal[row]
		return d >= 0 && v.ix.cols.Deals.Territory[d] == k
	})
	w.leads = filter(v.leads, func(r int) bool {
		d, ok := v.ix.dealRow.get(v.ix.leads[r].Deal)
		return ok && v.ix.cols.Deals.Territory[d] == k
	})
	return w, nil
}

// DealsWhere narrows the deals to those keep accepts, leaving the
// activities and leads as they are; label is added to the view's label. keep gets the
// index and a deal row, which it reads with the index's accessors
// (DealID, DealStatus, DealAttribute ... or Deal); performance.DealsWhere
// takes the same predicate.
func (v View) DealsWhere(label string, keep func(ix *Index, row int) bool) View {
	w := v
	w.deals = filter(v.deals, func(row int) bool { return keep(v.ix, row) })
	w.label = v.joinLabel(label)
	return w
}

// ActivitiesWhere narrows the activities to those keep accepts, leaving the
// deals and leads as they are; label is added to the view's label. keep gets the
// index and an activity row, which it reads with the index's accessors
// (ActivityRep, ActivityKind, ActivityAt ... or Activity);
// performance.ActivitiesWhere takes the same predicate.
func (v View) ActivitiesWhere(label string, keep func(ix *Index, row int) bool) View {
	w := v
	w.acts = filter(v.acts, func(row int) bool { return keep(v.ix, row) })
	w.label = v.joinLabel(label)
	return w
}

// ActivitiesIn narrows the activities to those at a time in p.
func (v View) ActivitiesIn(p Period) View {
	if v.ix == nil {
		return v
	}
	lo, hi := toNanos(p.Start), toNanos(p.End)
	at := v.ix.cols.Activities.At
	return v.ActivitiesWhere("activities in "+periodLabel(p), func(_ *Index, row int) bool {
		return at[row] >= lo && at[row] < hi
	})
}

func periodLabel(p Period) string {
	if p.Name != "" {
		return p.Name
	}
	return p.String()
}

func (v View) joinLabel(s string) string {
	if s == "" {
		return v.label
	}
	return v.label + " / " + s
}

// LeadsWhere narrows the leads to those keep accepts (it gets the index
// and a position in Index.Leads), leaving the deals and activities as they
// are; label is added to the view's label.
func (v View) LeadsWhere(label string, keep func(ix *Index, row int) bool) View {
	w := v
	w.leads = filter(v.leads, func(row int) bool { return keep(v.ix, row) })
	w.label = v.joinLabel(label)
	return w
}

func (v View) narrow(label string, dealCol []Key, dk Key, actCol []Key, ak Key) View {
	return View{
		ix:    v.ix,
		deals: filter(v.deals, func(r int) bool { return dealCol[r] == dk }),
		acts:  filter(v.acts, func(r int) bool { return actCol[r] == ak }),
		label: v.joinLabel(label),
	}
}

func filter(rows []int32, keep func(int) bool) []int32 {
	out := make([]int32, 0, len(rows)/4)
	for _, r := range rows {
		if keep(int(r)) {
			out = append(out, r)
		}
	}
	return slices.Clip(out)
}

// Err returns nil for a view of an index, and an error wrapping
// ErrZeroView for the zero View, which has none: every KPI over a view
// returns it rather than panic.
func (v View) Err() error {
	if v.ix == nil {
		return fmt.Errorf("%w: take views from Index.All", ErrZeroView)
	}
	return nil
}
