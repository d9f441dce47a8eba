package activity

import (
	"fmt"
	"strings"
)

// Kind is what a rep did: a call, an email, a meeting. Hosts add their own
// kinds by converting a string; the constants are the ones every CRM has.
type Kind string

// Well-known activity kinds.
const (
	KindCall        Kind = "call"
	KindEmail       Kind = "email"
	KindMeeting     Kind = "meeting"
	KindDemo        Kind = "demo"
	KindProposal    Kind = "proposal"
	KindNegotiation Kind = "negotiation"
)

// Outcome is how an activity ended. Hosts add their own outcomes by
// converting a string.
type Outcome string

// Well-known activity outcomes.
const (
	OutcomeConnected   Outcome = "connected"
	OutcomeNoAnswer    Outcome = "no_answer"
	OutcomeVoicemail   Outcome = "voicemail"
	OutcomeSent        Outcome = "sent"
	OutcomeReplied     Outcome = "replied"
	OutcomeBounced     Outcome = "bounced"
	OutcomeHeld        Outcome = "held"
	OutcomeNoShow      Outcome = "no_show"
	OutcomeRescheduled Outcome = "rescheduled"
	OutcomeCompleted   Outcome = "completed"
)

// Stage is a step of a sales funnel. Hosts name their own stages; a Funnel
// orders them and says which are won and lost.
type Stage string

// Stages of the TypicalB2B funnel.
const (
	StageProspecting   Stage = "prospecting"
	StageQualification Stage = "qualification"
	StageDemo          Stage = "demo"
	StageProposal      Stage = "proposal"
	StageNegotiation   Stage = "negotiation"
	StageClosedWon     Stage = "closed_won"
	StageClosedLost    Stage = "closed_lost"
)

// Source is where a deal came from. Hosts add their own sources by
// converting a string.
type Source string

// Well-known deal sources.
const (
	SourceInbound  Source = "inbound"
	SourceOutbound Source = "outbound"
	SourceReferral Source = "referral"
	SourcePartner  Source = "partner"
	SourceEvent    Source = "event"
)

// Status is whether a deal is still open, won or lost. The zero value,
// StatusUnknown, is rejected by validation: every deal must say.
type Status uint8

// Deal statuses.
const (
	StatusUnknown Status = iota
	StatusOpen
	StatusWon
	StatusLost
)

var statusNames = [...]string{"unknown", "open", "won", "lost"}

// String returns "open", "won", "lost", or "unknown".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Closed reports whether s is won or lost.
func (s Status) Closed() bool { return s == StatusWon || s == StatusLost }

// MarshalText writes the status name; StatusUnknown is an error.
func (s Status) MarshalText() ([]byte, error) {
	if s == StatusUnknown || int(s) >= len(statusNames) {
		return nil, fmt.Errorf("%w: %v", ErrInvalidStatus, s)
	}
	return []byte(statusNames[s]), nil
}

// UnmarshalText reads "open", "won" or "lost" in any case.
func (s *Status) UnmarshalText(b []byte) error {
	for i := StatusOpen; i <= StatusLost; i++ {
		if strings.EqualFold(string(b), statusNames[i]) {
			*s = i
			return nil
		}
	}
	return fmt.Errorf("%w: %q is not open, won or lost", ErrInvalidStatus, b)
}

// ForecastCategory is where a rep puts an open deal in the forecast call.
// The categories nest: commit ⊂ best case ⊂ pipeline. The zero value,
// ForecastNone, means the host did not say.
type ForecastCategory uint8

// Forecast categories.
const (
	ForecastNone ForecastCategory = iota
	ForecastPipeline
	ForecastBestCase
	ForecastCommit
	ForecastClosed
	ForecastOmitted
)

var forecastNames = [...]string{"", "pipeline", "best_case", "commit", "closed", "omitted"}

// String returns the JSON name ("best_case"), or "none" for ForecastNone.
func (c ForecastCategory) String() string {
	switch {
	case c == ForecastNone:
		return "none"
	case int(c) < len(forecastNames):
		return forecastNames[c]
	}
	return fmt.Sprintf("ForecastCategory(%d)", uint8(c))
}

// MarshalText writes "pipeline", "best_case", "commit", "closed", "omitted",
// or nothing for ForecastNone.
func (c ForecastCategory) MarshalText() ([]byte, error) {
	if int(c) >= len(forecastNames) {
		return nil, fmt.Errorf("%w: %v", ErrInvalidForecastCategory, c)
	}
	return []byte(forecastNames[c]), nil
}

// UnmarshalText reads the names MarshalText writes in any case, with a space
// or hyphen for the underscore ("Best Case"); the empty string is ForecastNone.
func (c *ForecastCategory) UnmarshalText(b []byte) error {
	s := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(string(b)))
	for i, name := range forecastNames {
		if s == name {
			*c = ForecastCategory(i)
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrInvalidForecastCategory, b)
}
