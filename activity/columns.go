package activity

import "github.com/salesmetrics/salesmetrics/internal/columns"

// store is the column layout of an index (see internal/columns): the KPI
// packages read it through internal/ixcols; users read an index through its
// methods.
type store = columns.Store[Key, Status, ForecastCategory]

// NoTime is the time columns' mark of an absent time.
const noTime = columns.NoTime

func init() {
	columns.Register(func(ix any) any { return &ix.(*Index).cols })
}
