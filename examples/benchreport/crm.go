package main

import (
	"os"
	"path/filepath"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/crm"
)

// The rig's two files described as crm layouts, as a user with an export
// the built-in layouts do not know would write them in JSON.
const (
	rigDeals = `{"name": "rig-deals", "table": "deals",
	  "columns": {"id": "id", "owner": "owner_rep_id", "team": "team", "territory": "territory", "stage": "stage",
	              "amount": "amount", "currency": "currency", "created_at": "created_at", "closed_at": "closed_at",
	              "probability": "probability"},
	  "stages": [{"values": ["prospecting"], "status": "open"}, {"values": ["qualification"], "status": "open"},
	             {"values": ["demo"], "status": "open"}, {"values": ["proposal"], "status": "open"},
	             {"values": ["negotiation"], "status": "open"}, {"values": ["closed_won"], "status": "won"},
	             {"values": ["closed_lost"], "status": "lost"}]}`
	rigActivities = `{"name": "rig-activities", "table": "activities",
	  "columns": {"id": "id", "rep": "rep_id", "deal": "deal_id", "kind": "type", "at": "at", "outcome": "outcome"}}`
)

// indexViaCRM reads the rig's CSVs through activity/crm straight into an
// index (NewIndexFrom over the readers' streams): no []Deal is held, and
// reading and building are one step, on two cores at once (ReadAhead: the
// rows are decoded on one while the index is built on the other).
func indexViaCRM(dir string) (*activity.Index, int, int, error) {
	var streams []activity.Streams
	var readers []*crm.Reader
	for _, f := range []struct{ file, layout string }{{"deals.csv", rigDeals}, {"activities.csv", rigActivities}} {
		l, err := crm.ParseLayout([]byte(f.layout))
		if err != nil {
			return nil, 0, 0, err
		}
		fh, err := os.Open(filepath.Join(dir, f.file))
		if err != nil {
			return nil, 0, 0, err
		}
		defer fh.Close()
		r, err := crm.NewReader(crm.CSV(fh), crm.Options{Name: f.file, Layout: l, ReadAhead: true})
		if err != nil {
			return nil, 0, 0, err
		}
		readers = append(readers, r)
		streams = append(streams, r.Streams())
	}
	// The files' sizes over their first lines' size say about how many rows
	// they hold, which sizes the index's columns once (a tenth of the build
	// at 10^6 deals); counting the lines would read the files twice.
	s := crm.Join(streams...)
	s.Sizes = activity.Sizes{Deals: rowsAbout(filepath.Join(dir, "deals.csv")), Activities: rowsAbout(filepath.Join(dir, "activities.csv"))}
	ix, err := activity.NewIndexFrom(s, activity.IndexOptions{Funnel: activity.TypicalB2B(), Team: activity.TeamFromDeal})
	for _, r := range readers {
		if r.Err() != nil {
			return nil, 0, 0, r.Err()
		}
	}
	if err != nil {
		return nil, 0, 0, err
	}
	return ix, readers[0].Rows(), readers[1].Rows(), nil
}
