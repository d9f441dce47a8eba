package compensation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// ErrInvalidPredicate reports a predicate that cannot be evaluated: an
// unknown field or operator, an operator that does not fit the field, a
// value that does not parse, a node that is not exactly one of a leaf, all,
// any and not.
var ErrInvalidPredicate = errors.New("compensation: invalid predicate")

// Op is a predicate's comparison.
type Op string

// Operators. Text fields take eq, ne, in, not_in, prefix, exists and
// not_exists; decimal and time fields also gt, gte, lt and lte.
const (
	OpEq        Op = "eq"
	OpNe        Op = "ne"
	OpIn        Op = "in"
	OpNotIn     Op = "not_in"
	OpGt        Op = "gt"
	OpGte       Op = "gte"
	OpLt        Op = "lt"
	OpLte       Op = "lte"
	OpPrefix    Op = "prefix"
	OpExists    Op = "exists"
	OpNotExists Op = "not_exists"
)

// Predicate says which credits a component, gate or SPIF counts, by the
// credited deal's fields: a leaf compares one field with Value (or Values
// for in and not_in); All and Any combine predicates; Not negates one.
// Each node is exactly one of these four. It is data: it round-trips
// through JSON and never holds a Go function.
//
// Fields are the deal's JSON names: id, owner, team, territory, account,
// source, segment, stage, status, currency, loss_reason, forecast_category
// (text); amount, acv, tcv, cost, probability (decimal, compared exactly);
// created_at, expected_close_at, closed_at (times, Value in RFC 3339 or a
// date); and attributes.<key> for a host attribute (text). The credit's own
// fields, so that one plan can pay roles differently, are credit.role
// (text: primary, overlay, manager, or a host's own such as sdr),
// credit.share (decimal: its split share), credit.amount (decimal: the
// amount credited, which a split makes less than the deal's) and credit.at
// (time); matching a deal alone (Match), they do not exist. A field the deal
// does not have (an absent ACV, a zero close time, a missing attribute, an
// empty text) does not exist: every comparison with it is false, except ne
// and not_in, which are true, and not_exists.
type Predicate struct {
	All    []Predicate `json:"all,omitempty"`
	Any    []Predicate `json:"any,omitempty"`
	Not    *Predicate  `json:"not,omitempty"`
	Field  string      `json:"field,omitempty"`
	Op     Op          `json:"op,omitempty"`
	Value  string      `json:"value,omitempty"`
	Values []string    `json:"values,omitempty"`
}

// UnmarshalJSON reads a predicate, refusing keys it does not know.
func (p *Predicate) UnmarshalJSON(b []byte) error {
	type plain Predicate
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var v plain
	if err := d.Decode(&v); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidPredicate, err)
	}
	*p = Predicate(v)
	return nil
}

// fieldKind is the type of a predicate field.
type fieldKind uint8

const (
	textField fieldKind = iota + 1
	decimalField
	timeField
)

var predicateFields = map[string]fieldKind{
	"id": textField, "owner": textField, "team": textField, "territory": textField, "account": textField,
	"source": textField, "segment": textField, "stage": textField, "status": textField, "currency": textField,
	"loss_reason": textField, "forecast_category": textField,
	"amount": decimalField, "acv": decimalField, "tcv": decimalField, "cost": decimalField, "probability": decimalField,
	"created_at": timeField, "expected_close_at": timeField, "closed_at": timeField,
	"credit.role": textField, "credit.share": decimalField, "credit.amount": decimalField, "credit.at": timeField,
}

// subject is what a predicate is matched against: a deal, and the credit
// of it when there is one.
type subject struct {
	deal   *activity.Deal
	credit *Credit
}

func kindOf(field string) fieldKind {
	if k, ok := predicateFields[field]; ok {
		return k
	}
	if key, ok := strings.CutPrefix(field, "attributes."); ok && key != "" {
		return textField
	}
	return 0
}

// maxPredicateDepth bounds how deeply predicates nest.
const maxPredicateDepth = 32

// Validate reports the first problem of every node, naming its path
// ("all[2].any[0].op"), each wrapping ErrInvalidPredicate.
func (p Predicate) Validate() error {
	var errs []error
	p.check("", 0, &errs)
	return errors.Join(errs...)
}

func (p Predicate) check(path string, depth int, errs *[]error) {
	bad := func(part, format string, args ...any) {
		*errs = append(*errs, fmt.Errorf("%w: %s: "+format, append([]any{ErrInvalidPredicate, join(path, part)}, args...)...))
	}
	if depth > maxPredicateDepth {
		bad("", "nested more than %d deep", maxPredicateDepth)
		return
	}
	kinds := 0
	for _, set := range []bool{p.Field != "" || p.Op != "", len(p.All) > 0 || p.All != nil, len(p.Any) > 0 || p.Any != nil, p.Not != nil} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		bad("", "a node is exactly one of a comparison (field, op), all, any or not; this one is %d", kinds)
		return
	}
	switch {
	case p.All != nil:
		if len(p.All) == 0 {
			bad("all", "empty")
		}
		for i, q := range p.All {
			q.check(join(path, fmt.Sprintf("all[%d]", i)), depth+1, errs)
		}
	case p.Any != nil:
		if len(p.Any) == 0 {
			bad("any", "empty")
		}
		for i, q := range p.Any {
			q.check(join(path, fmt.Sprintf("any[%d]", i)), depth+1, errs)
		}
	case p.Not != nil:
		p.Not.check(join(path, "not"), depth+1, errs)
	default:
		k := kindOf(p.Field)
		if k == 0 {
			bad("field", "unknown %q", p.Field)
			return
		}
		switch p.Op {
		case OpExists, OpNotExists:
			if p.Value != "" || p.Values != nil {
				bad("value", "%s takes no value", p.Op)
			}
		case OpIn, OpNotIn:
			if len(p.Values) == 0 || p.Value != "" {
				bad("values", "%s takes values, not value", p.Op)
			}
			for _, v := range p.Values {
				if err := parseValue(k, v); err != nil {
					bad("values", "%v", err)
					break
				}
			}
		case OpEq, OpNe, OpGt, OpGte, OpLt, OpLte, OpPrefix:
			if p.Values != nil {
				bad("values", "%s takes a value, not values", p.Op)
			}
			if (p.Op == OpGt || p.Op == OpGte || p.Op == OpLt || p.Op == OpLte) && k == textField {
				bad("op", "%s does not compare text (%s)", p.Op, p.Field)
			}
			if p.Op == OpPrefix && k != textField {
				bad("op", "prefix compares text only, not %s", p.Field)
			}
			if err := parseValue(k, p.Value); err != nil {
				bad("value", "%v", err)
			}
		default:
			bad("op", "unknown %q", p.Op)
		}
	}
}

func join(path, part string) string {
	switch {
	case path == "":
		return part
	case part == "":
		return path
	}
	return path + "." + part
}

// parseValue reports a value that does not parse as its field's type.
func parseValue(k fieldKind, v string) error {
	switch k {
	case decimalField:
		if _, err := decimal.NewFromString(v); err != nil {
			return fmt.Errorf("%q is not a decimal", v)
		}
	case timeField:
		if t, err := activity.ParseTime(v); err != nil || t.IsZero() {
			return fmt.Errorf("%q is not a time", v)
		}
	}
	return nil
}

// Match reports whether deal d satisfies p. An invalid predicate returns
// its Validate error.
func (p Predicate) Match(d activity.Deal) (bool, error) {
	if err := p.Validate(); err != nil {
		return false, err
	}
	return p.match(subject{deal: &d}), nil
}

// MatchCredit reports whether credit c (its deal's fields and its own)
// satisfies p. An invalid predicate returns its Validate error.
func (p Predicate) MatchCredit(c Credit) (bool, error) {
	if err := p.Validate(); err != nil {
		return false, err
	}
	return p.match(subject{deal: &c.Deal, credit: &c}), nil
}

// match evaluates a validated predicate.
func (p Predicate) match(d subject) bool {
	switch {
	case p.All != nil:
		for _, q := range p.All {
			if !q.match(d) {
				return false
			}
		}
		return true
	case p.Any != nil:
		for _, q := range p.Any {
			if q.match(d) {
				return true
			}
		}
		return false
	case p.Not != nil:
		return !p.Not.match(d)
	}
	k := kindOf(p.Field)
	present, cmpTo := fieldOf(d, p.Field, k)
	switch p.Op {
	case OpExists:
		return present
	case OpNotExists:
		return !present
	case OpNe:
		return !present || cmpTo(p.Value) != 0
	case OpNotIn:
		for _, v := range p.Values {
			if present && cmpTo(v) == 0 {
				return false
			}
		}
		return true
	}
	if !present {
		return false
	}
	switch p.Op {
	case OpEq:
		return cmpTo(p.Value) == 0
	case OpIn:
		for _, v := range p.Values {
			if cmpTo(v) == 0 {
				return true
			}
		}
		return false
	case OpGt:
		return cmpTo(p.Value) > 0
	case OpGte:
		return cmpTo(p.Value) >= 0
	case OpLt:
		return cmpTo(p.Value) < 0
	case OpLte:
		return cmpTo(p.Value) <= 0
	case OpPrefix:
		s, _ := d.text(p.Field)
		return strings.HasPrefix(s, p.Value)
	}
	return false
}

// fieldOf returns whether d has field and a comparison of its value with a
// predicate value (negative, zero, positive).
func fieldOf(d subject, field string, k fieldKind) (bool, func(string) int) {
	switch k {
	case decimalField:
		v, ok := d.decimal(field)
		return ok, func(s string) int { x, _ := decimal.NewFromString(s); return v.Cmp(x) }
	case timeField:
		t := d.time(field)
		return !t.IsZero(), func(s string) int { x, _ := activity.ParseTime(s); return t.Compare(x) }
	}
	s, ok := d.text(field)
	return ok, func(x string) int { return strings.Compare(s, x) }
}

// text, decimal and time read a field of the subject: the credit's own
// (credit.*, absent without a credit) or its deal's.
func (d subject) text(field string) (string, bool) {
	if field == "credit.role" {
		if d.credit == nil || d.credit.Role == "" {
			return "", false
		}
		return string(d.credit.Role), true
	}
	return textOf(d.deal, field)
}

func (d subject) decimal(field string) (decimal.Decimal, bool) {
	switch field {
	case "credit.share":
		if d.credit == nil || d.credit.Share.IsZero() {
			return decimal.Decimal{}, false
		}
		return d.credit.Share, true
	case "credit.amount":
		if d.credit == nil {
			return decimal.Decimal{}, false
		}
		return d.credit.Amount, true
	}
	return decimalOf(d.deal, field)
}

func (d subject) time(field string) time.Time {
	if field == "credit.at" {
		if d.credit == nil {
			return time.Time{}
		}
		return d.credit.At
	}
	return timeOf(d.deal, field)
}

func textOf(d *activity.Deal, field string) (string, bool) {
	var s string
	switch field {
	case "id":
		s = d.ID
	case "owner":
		s = d.Owner
	case "team":
		s = d.Team
	case "territory":
		s = d.Territory
	case "account":
		s = d.Account
	case "source":
		s = string(d.Source)
	case "segment":
		s = d.Segment
	case "stage":
		s = string(d.Stage)
	case "status":
		if d.Status == activity.StatusUnknown {
			return "", false // "unknown" is no status
		}
		s = d.Status.String()
	case "currency":
		s = string(d.Currency)
	case "loss_reason":
		s = d.LossReason
	case "forecast_category":
		if d.ForecastCategory == activity.ForecastNone {
			return "", false // "none" is no category
		}
		s = d.ForecastCategory.String()
	default:
		v, ok := d.Attributes[strings.TrimPrefix(field, "attributes.")]
		return v, ok && v != ""
	}
	return s, s != ""
}

func decimalOf(d *activity.Deal, field string) (decimal.Decimal, bool) {
	switch field {
	case "amount":
		return d.Amount, true
	case "acv":
		return d.ACV.Get()
	case "tcv":
		return d.TCV.Get()
	case "cost":
		return d.Cost.Get()
	case "probability":
		return d.Probability.Get()
	}
	return decimal.Decimal{}, false
}

func timeOf(d *activity.Deal, field string) time.Time {
	switch field {
	case "created_at":
		return d.CreatedAt
	case "expected_close_at":
		return d.ExpectedCloseTime(nil)
	}
	return d.CloseTime(nil)
}

// String writes the predicate as an expression: `source = "partner" and
// (amount >= 5000 or segment in ["enterprise", "mid"])`.
func (p Predicate) String() string {
	var b strings.Builder
	p.write(&b, false)
	return b.String()
}

var opText = map[Op]string{OpEq: "=", OpNe: "!=", OpIn: "in", OpNotIn: "not in", OpGt: ">", OpGte: ">=", OpLt: "<", OpLte: "<=", OpPrefix: "starts with"}

func (p Predicate) write(b *strings.Builder, nested bool) {
	group := func(ps []Predicate, word string) {
		if nested && len(ps) > 1 {
			b.WriteByte('(')
		}
		for i, q := range ps {
			if i > 0 {
				b.WriteString(" " + word + " ")
			}
			q.write(b, true)
		}
		if nested && len(ps) > 1 {
			b.WriteByte(')')
		}
	}
	quote := func(v string) string {
		if kindOf(p.Field) == textField {
			return strconv.Quote(v)
		}
		return v
	}
	switch {
	case p.All != nil:
		group(p.All, "and")
	case p.Any != nil:
		group(p.Any, "or")
	case p.Not != nil:
		b.WriteString("not ")
		p.Not.write(b, true)
	case p.Op == OpExists || p.Op == OpNotExists:
		b.WriteString(p.Field + " " + strings.ReplaceAll(string(p.Op), "_", " "))
	case p.Op == OpIn || p.Op == OpNotIn:
		vs := make([]string, len(p.Values))
		for i, v := range p.Values {
			vs[i] = quote(v)
		}
		b.WriteString(p.Field + " " + opText[p.Op] + " [" + strings.Join(vs, ", ") + "]")
	default:
		b.WriteString(p.Field + " " + opText[p.Op] + " " + quote(p.Value))
	}
}
