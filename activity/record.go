package activity

import (
	"encoding/json"
	"fmt"
	"time"
)

// Activity is one thing a rep did: a call, an email, a meeting. Deal and
// Account are optional links; Team, when empty, is taken from the roster at
// the activity's time. Duration is written in JSON as seconds
// ("duration_seconds": 90.5).
type Activity struct {
	ID       string        `json:"id"`
	Rep      string        `json:"rep"`
	Team     string        `json:"team,omitempty"`
	Kind     Kind          `json:"kind"`
	At       time.Time     `json:"at"`
	Deal     string        `json:"deal,omitempty"`
	Account  string        `json:"account,omitempty"`
	Outcome  Outcome       `json:"outcome,omitempty"`
	Duration time.Duration `json:"-"`
	// Lead is the lead the activity touched (a call to a new lead), ""
	// for none: speed to lead is the time to the first such activity.
	Lead string `json:"lead,omitempty"`
}

// MarshalJSON writes the activity with its duration in seconds.
func (a Activity) MarshalJSON() ([]byte, error) {
	type plain Activity
	aux := struct {
		plain
		Seconds float64 `json:"duration_seconds,omitempty"`
	}{plain(a), a.Duration.Seconds()}
	return json.Marshal(aux)
}

// UnmarshalJSON reads an activity, with its time in any form ParseTime reads
// and its duration from "duration_seconds".
func (a *Activity) UnmarshalJSON(b []byte) error {
	type plain Activity
	aux := struct {
		*plain
		At      jsonTime    `json:"at"`
		Seconds jsonSeconds `json:"duration_seconds"`
	}{(*plain)(a), jsonTime{&a.At}, jsonSeconds{&a.Duration}}
	return json.Unmarshal(b, &aux)
}

// Validate reports an empty id, rep or kind, a zero time and a negative
// duration. Whether the deal and rep exist is checked when the index is
// built.
func (a Activity) Validate() error {
	p := problems{record: "activity", index: -1, id: a.ID}
	a.check(&p)
	return p.err()
}

func (a *Activity) check(p *problems) {
	if a.ID == "" {
		p.add("id", ErrMissingID)
	}
	if a.Rep == "" {
		p.add("rep", ErrMissingField)
	}
	if a.Kind == "" {
		p.add("kind", ErrMissingField)
	}
	if a.At.IsZero() {
		p.add("at", ErrZeroTime)
	}
	checkTimeRange(p, "at", a.At)
	if a.Duration < 0 {
		p.add("duration_seconds", fmt.Errorf("%w: duration %v", ErrNegativeAmount, a.Duration))
	}
}
