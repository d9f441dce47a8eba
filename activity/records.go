package activity

// Records is everything the host hands over at once: deals with their stage
// history, activities, leads, accounts, the roster and quotas. Any list may be empty. The
// index is built from it (NewIndex) or from streams that yield one record
// at a time (NewIndexFrom with Streams).
type Records struct {
	Deals        []Deal        `json:"deals,omitempty"`
	StageChanges []StageChange `json:"stage_changes,omitempty"`
	Activities   []Activity    `json:"activities,omitempty"`
	Reps         []Rep         `json:"reps,omitempty"`
	Quotas       []Quota       `json:"quotas,omitempty"`
	Leads        []Lead        `json:"leads,omitempty"`
	Accounts     []Account     `json:"accounts,omitempty"`
}
