package crm

// field stands for a record field a layout maps to columns ("amount",
// "created_at"): the reader looks columns up by it for every cell, so it is
// a small number, not a string to hash.
type field uint8

// The fields of every table, as fields in layout.go lists them.
const (
	fId field = iota
	fName
	fOwner
	fTeam
	fTerritory
	fAccount
	fSource
	fSegment
	fAmount
	fCurrency
	fAcv
	fTcv
	fTermMonths
	fCost
	fStage
	fStatus
	fIsClosed
	fIsWon
	fPipeline
	fCreatedAt
	fExpectedCloseAt
	fClosedAt
	fProbability
	fForecastCategory
	fLossReason
	fDeal
	fFrom
	fTo
	fAt
	fField
	fRep
	fKind
	fEnd
	fOutcome
	fDuration
	fManager
	fHiredAt
	fLeftAt
	fUntil
	fMetric
	fStart
	fCount
	fOn
	fRate
	numFields
)

// fieldNames are the fields' names, as layouts write them.
var fieldNames = [numFields]string{"id", "name", "owner", "team", "territory", "account", "source", "segment", "amount", "currency", "acv", "tcv", "term_months", "cost", "stage", "status", "is_closed", "is_won", "pipeline", "created_at", "expected_close_at", "closed_at", "probability", "forecast_category", "loss_reason", "deal", "from", "to", "at", "field", "rep", "kind", "end", "outcome", "duration", "manager", "hired_at", "left_at", "until", "metric", "start", "count", "on", "rate"}

// fieldOf is the field of each name.
var fieldOf = func() map[string]field {
	m := make(map[string]field, numFields)
	for f, name := range fieldNames {
		m[name] = field(f)
	}
	return m
}()

// String returns the field's name.
func (f field) String() string {
	if f < numFields {
		return fieldNames[f]
	}
	return "field?"
}
