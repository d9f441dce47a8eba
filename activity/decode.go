package activity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// fieldError is a decoding error of one field of a record.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// absentJSON reports whether a JSON value is absent: missing, null or "".
func absentJSON(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) == 0 || bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`))
}

// UnmarshalJSON reads the record lists of r, each record as its own
// UnmarshalJSON reads it. A record that does not decode is reported, not
// skipped silently: every such record comes back as a *RecordError naming
// the list's record ("deal", "stage change", "activity", "rep", "quota",
// "lead", "account"),
// its position, its id where that could be read, and the field at fault,
// wrapping ErrDecode and, where there is one, the field's own sentinel
// (ErrInvalidTime, ErrMissingField ...); they come joined with errors.Join.
// The lists then hold the records that decoded, in input order. A document
// that is not a JSON object of lists is an error as encoding/json reports
// it.
func (r *Records) UnmarshalJSON(b []byte) error {
	var raw struct {
		Deals        []json.RawMessage `json:"deals"`
		StageChanges []json.RawMessage `json:"stage_changes"`
		Activities   []json.RawMessage `json:"activities"`
		Reps         []json.RawMessage `json:"reps"`
		Quotas       []json.RawMessage `json:"quotas"`
		Leads        []json.RawMessage `json:"leads"`
		Accounts     []json.RawMessage `json:"accounts"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	var errs []error
	r.Deals = decodeList[Deal](raw.Deals, "deal", "id", []string{"amount"}, &errs)
	r.StageChanges = decodeList[StageChange](raw.StageChanges, "stage change", "deal", nil, &errs)
	r.Activities = decodeList[Activity](raw.Activities, "activity", "id", nil, &errs)
	r.Reps = decodeList[Rep](raw.Reps, "rep", "id", nil, &errs)
	r.Quotas = decodeList[Quota](raw.Quotas, "quota", "rep", nil, &errs)
	r.Leads = decodeList[Lead](raw.Leads, "lead", "id", nil, &errs)
	r.Accounts = decodeList[Account](raw.Accounts, "account", "id", nil, &errs)
	return errors.Join(errs...)
}

// decodeList decodes each record of raw, appending a *RecordError for each
// that fails; idKey names the field that identifies a record, carry the
// required fields a probe for the failing field keeps (see failingField).
func decodeList[T any](raw []json.RawMessage, record, idKey string, carry []string, errs *[]error) []T {
	if raw == nil {
		return nil
	}
	out := make([]T, 0, len(raw))
	for i, m := range raw {
		var v T
		err := json.Unmarshal(m, &v)
		if err == nil {
			out = append(out, v)
			continue
		}
		re := &RecordError{Record: record, Index: i, ID: recordID(m, idKey)}
		var fe *fieldError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &fe):
			re.Field, err = fe.field, fe.err
		case errors.As(err, &te) && te.Field != "":
			// The records decode through an embedded "plain" copy of
			// themselves; the path below it is the JSON field.
			re.Field = strings.ReplaceAll(te.Field, "plain.", "")
		default:
			re.Field = failingField[T](m, carry)
		}
		re.Err = fmt.Errorf("%w: %w", ErrDecode, err)
		*errs = append(*errs, re)
	}
	return out
}

// recordID reads the string at key of a record, "" when it has none.
func recordID(m json.RawMessage, key string) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(m, &obj) != nil {
		return ""
	}
	var id string
	if json.Unmarshal(obj[key], &id) != nil {
		return ""
	}
	return id
}

// failingField finds the field of a record that does not decode, for errors
// that do not say it (a decimal that is not a number, an unknown status):
// it decodes each field alone, with the required fields carry, in key
// order, and returns the first that fails; "" when none does alone.
func failingField[T any](m json.RawMessage, carry []string) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(m, &obj) != nil {
		return ""
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		probe := map[string]json.RawMessage{k: obj[k]}
		for _, c := range carry {
			if v, ok := obj[c]; ok {
				probe[c] = v
			}
		}
		b, err := json.Marshal(probe)
		if err != nil {
			continue
		}
		var v T
		if json.Unmarshal(b, &v) != nil {
			return k
		}
	}
	return ""
}
