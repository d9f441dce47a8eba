package dec

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/shopspring/decimal"
)

// Marshal is json.Marshal with every decimal.Decimal in v, at any depth of
// structs, slices, arrays, maps and pointers, written as a JSON string of
// its exact digits (AppendJSON), whatever shopspring/decimal's global
// settings say. Types with their own MarshalJSON or MarshalText are written
// by it, as encoding/json would. A result type uses it in its MarshalJSON
// through a method-less copy of itself:
//
//	func (r Result) MarshalJSON() ([]byte, error) {
//		type plain Result
//		return dec.Marshal(plain(r))
//	}
func Marshal(v any) ([]byte, error) {
	return json.Marshal(convert(reflect.ValueOf(v)))
}

// text is a decimal that marshals as a string of its digits.
type text decimal.Decimal

func (t text) MarshalJSON() ([]byte, error) { return AppendJSON(nil, decimal.Decimal(t)), nil }

var (
	decimalType   = reflect.TypeFor[decimal.Decimal]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
	textType      = reflect.TypeFor[encoding.TextMarshaler]()
)

// convert returns v with its decimals replaced by text, as an any that
// encoding/json writes as it would v.
func convert(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	t := v.Type()
	switch {
	case t == decimalType:
		return text(v.Interface().(decimal.Decimal))
	case !hasDecimal(t, 0) || t.Implements(marshalerType) || t.Implements(textType):
		return v.Interface()
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return convert(v.Elem())
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = convert(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[keyText(it.Key())] = convert(it.Value())
		}
		return out
	case reflect.Struct:
		return structOf(v)
	}
	return v.Interface()
}

func keyText(k reflect.Value) string {
	if m, ok := k.Interface().(encoding.TextMarshaler); ok {
		if b, err := m.MarshalText(); err == nil {
			return string(b)
		}
	}
	if k.Kind() == reflect.String {
		return k.String()
	}
	b, _ := json.Marshal(k.Interface())
	return strings.Trim(string(b), `"`)
}

// structOf mirrors a struct with its decimal-holding fields as any, keeping
// every tag, so that encoding/json names, omits and embeds them as before.
func structOf(v reflect.Value) any {
	t := v.Type()
	var fields []reflect.StructField
	var values []reflect.Value
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if hasDecimal(f.Type, 0) {
			// An embedded struct stays embedded (its fields promoted) only
			// as a struct: mirror it; other decimal holders become any.
			if f.Anonymous && f.Type.Kind() == reflect.Struct && !f.Type.Implements(marshalerType) {
				m := reflect.ValueOf(structOf(fv))
				f.Type = m.Type()
				fv = m
			} else {
				f.Type = reflect.TypeFor[any]()
				fv = reflect.ValueOf(convert(fv))
				if !fv.IsValid() {
					fv = reflect.Zero(f.Type)
				}
				f.Anonymous = false
			}
		}
		f.Index, f.Offset = nil, 0
		fields = append(fields, f)
		values = append(values, fv)
	}
	out := reflect.New(reflect.StructOf(fields)).Elem()
	for i, fv := range values {
		out.Field(i).Set(fv)
	}
	return out.Interface()
}

// hasDecimal reports whether values of t can hold a decimal.Decimal that
// encoding/json would write with decimal's own MarshalJSON.
func hasDecimal(t reflect.Type, depth int) bool {
	if t == decimalType {
		return true
	}
	if depth > 8 || t.Implements(marshalerType) || t.Implements(textType) ||
		reflect.PointerTo(t).Implements(marshalerType) {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return hasDecimal(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && hasDecimal(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}
