package crm

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Detect returns the layout among layouts (nil: Layouts()) that the header
// matches: every required field's column and every Signature header is
// present. Where several match, the one with the most columns found wins;
// a tie is an error naming them. Headers match without regard to case,
// surrounding spaces or a UTF-8 byte order mark.
//
// Where none matches, the error wraps ErrNoLayout and names the closest
// layout, the columns it lacks and the header's columns it did not use. A
// header read as one cell holding semicolons or tabs says so: the file is
// separated by another character than the reader's (csv.Reader.Comma).
func Detect(header []string, layouts []*Layout) (*Layout, error) {
	header = cleanHeader(header)
	if layouts == nil {
		layouts = Layouts()
	}
	type score struct {
		l       *Layout
		missing []string
		found   int
	}
	var best []score
	var closest *score
	for _, l := range layouts {
		s := score{l: l}
		for f, names := range l.Columns {
			if find(header, names) >= 0 {
				s.found++
			} else if isRequired(l, f) {
				s.missing = append(s.missing, quoteAll(names))
			}
		}
		for _, names := range l.Signature {
			if find(header, names) < 0 {
				s.missing = append(s.missing, quoteAll(names))
			}
		}
		sortStrings(s.missing)
		if len(s.missing) == 0 {
			switch {
			case len(best) == 0 || s.found > best[0].found:
				best = []score{s}
			case s.found == best[0].found:
				best = append(best, s)
			}
			continue
		}
		if closest == nil || len(s.missing) < len(closest.missing) ||
			(len(s.missing) == len(closest.missing) && s.found > closest.found) {
			c := s
			closest = &c
		}
	}
	switch {
	case len(best) == 1:
		return best[0].l, nil
	case len(best) > 1:
		var names []string
		for _, s := range best {
			names = append(names, strconv.Quote(s.l.Name))
		}
		return nil, fmt.Errorf("%w: the header matches layouts %s equally; name the layout", ErrNoLayout, strings.Join(names, " and "))
	}
	if len(header) == 1 {
		for _, sep := range []string{";", "\t", "|"} {
			if strings.Contains(header[0], sep) {
				return nil, fmt.Errorf("%w: the header is one column holding %q: the file is separated by %q (read it with crm.CSV, or set csv.Reader.Comma)",
					ErrNoLayout, sep, sep)
			}
		}
	}
	if closest == nil {
		return nil, fmt.Errorf("%w: no layouts to choose from", ErrNoLayout)
	}
	var unused []string
	for _, h := range header {
		used := false
		for _, names := range closest.l.Columns {
			if slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, h) }) {
				used = true
			}
		}
		if !used && h != "" {
			unused = append(unused, strconv.Quote(h))
		}
	}
	msg := fmt.Sprintf("closest is %q, which lacks the columns %s", closest.l.Name, strings.Join(closest.missing, ", "))
	if len(unused) > 0 {
		if len(unused) > 12 {
			unused = append(unused[:12], "...")
		}
		msg += "; the header's columns it does not read: " + strings.Join(unused, ", ")
	}
	return nil, fmt.Errorf("%w: %s", ErrNoLayout, msg)
}

// quoteAll writes header names as "A" or "B".
func quoteAll(names Names) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, " or ")
}

func sortStrings(s []string) { slices.Sort(s) }

func sortAttrs(a []attrCol) {
	slices.SortFunc(a, func(x, y attrCol) int { return strings.Compare(x.name, y.name) })
}
