package activity

import (
	"slices"
	"strings"
)

// Key is a small integer standing for an interned string: a rep, a team, a
// stage. Keys count from 0 in the order the index first meets each string;
// NoKey stands for the empty string (absent).
type Key int32

// NoKey is the key of the empty string.
const NoKey Key = -1

// Dict is a set of interned strings: each distinct string of an index's
// field with its Key. An index's dictionaries are read-only once it is
// built (Index.Reps, Index.Stages, ...); the zero Dict is empty.
type Dict struct {
	names []string
	keys  map[string]Key
}

// intern returns the key of s, adding a copy of s if it is new (a name cut
// from a larger string, such as a CSV row, must not keep that string
// alive). The empty string is NoKey.
func (d *Dict) intern(s string) Key {
	if s == "" {
		return NoKey
	}
	if k, ok := d.keys[s]; ok {
		return k
	}
	if d.keys == nil {
		d.keys = make(map[string]Key)
	}
	k := Key(len(d.names))
	s = strings.Clone(s)
	d.names = append(d.names, s)
	d.keys[s] = k
	return k
}

// Key returns the key of s and whether d has it. The empty string is NoKey
// and true.
func (d *Dict) Key(s string) (Key, bool) {
	if s == "" {
		return NoKey, true
	}
	k, ok := d.keys[s]
	return k, ok
}

// Name returns the string of k, or "" for NoKey and keys d does not have.
func (d *Dict) Name(k Key) string {
	if k < 0 || int(k) >= len(d.names) {
		return ""
	}
	return d.names[k]
}

// Len returns the number of strings in d.
func (d *Dict) Len() int { return len(d.names) }

// Names returns the strings in key order, in a new slice.
func (d *Dict) Names() []string { return slices.Clone(d.names) }
