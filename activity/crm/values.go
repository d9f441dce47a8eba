package crm

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// The value readers below take one cell's text and return the value or an
// error wrapping ErrInvalidValue (or an activity sentinel for amounts and
// times). They never allocate for the common forms beyond what decimal and
// time parsing do.

// goLayout turns a date pattern written with the tokens YYYY, YY, MMMM,
// MMM, MM, M, DD, D, HH, H, hh, h, mm, ss, SSS, A and a into Go's reference
// layout. Any other character stands for itself. MM and M both read one or
// two digits, as do DD and D, HH and H, hh and h, since exports drop leading
// zeros unevenly.
func goLayout(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); {
		rest := p[i:]
		tok := ""
		for _, t := range [...]string{"YYYY", "MMMM", "MMM", "SSS", "YY", "MM", "DD", "HH", "hh", "mm", "ss", "M", "D", "H", "h", "A", "a"} {
			if strings.HasPrefix(rest, t) {
				tok = t
				break
			}
		}
		switch tok {
		case "YYYY":
			b.WriteString("2006")
		case "YY":
			b.WriteString("06")
		case "MMMM":
			b.WriteString("January")
		case "MMM":
			b.WriteString("Jan")
		case "MM", "M":
			b.WriteString("1")
		case "DD", "D":
			b.WriteString("2")
		case "HH", "H":
			b.WriteString("15")
		case "hh", "h":
			b.WriteString("3")
		case "mm":
			b.WriteString("04")
		case "ss":
			b.WriteString("05")
		case "SSS":
			b.WriteString("000")
		case "A":
			b.WriteString("PM")
		case "a":
			b.WriteString("pm")
		default:
			r, size := utf8.DecodeRuneInString(rest)
			if strings.ContainsRune("0123456789", r) {
				return "", fmt.Errorf("%w: date pattern %q has a digit; write YYYY, MM, DD, HH, mm, ss", ErrInvalidLayout, p)
			}
			b.WriteRune(r)
			i += size
			continue
		}
		i += len(tok)
	}
	return b.String(), nil
}

// hasClock reports whether a Go layout reads a time of day.
func hasClock(layout string) bool {
	return strings.Contains(layout, "15") || strings.Contains(layout, "3")
}

// maxCell is the longest cell text a value reader parses. A longer cell is
// an error before parsing: no date, number or code is that long.
const maxCell = activity.MaxAmountText

// readDecimal reads a number as exports write it: an optional sign, digits
// with thousands separators, a decimal point (a comma when decimalComma),
// and optionally a currency: a three-letter code before or after ("USD
// 1,234.50", "1.234,50 EUR") or one of the symbols $, €, £ and ¥ (which
// only mark money: they name no currency, since $ is many). Thousands
// separators are the comma (a point, a space, a no-break space or an
// apostrophe with decimalComma). Parentheses mean a negative number, as
// accounting exports write it. The code is returned when written.
func readDecimal(s string, decimalComma bool) (decimal.Decimal, activity.Currency, error) {
	if d, ok := plainDecimal(s, decimalComma); ok {
		return d, "", nil
	}
	return readDecimalText(s, decimalComma)
}

// plainDecimal reads the form most cells have, an optional minus, digits
// and perhaps a decimal point and more digits ("-8409.68"), at most 18
// digits in all, without the general reading's work; it reports false for
// any other text, which readDecimalText then reads. Where it reports true
// the number is the one, to the last trailing zero, that readDecimalText
// returns (FuzzReadDecimal checks).
func plainDecimal(s string, decimalComma bool) (decimal.Decimal, bool) {
	point := byte('.')
	if decimalComma {
		point = ','
	}
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var coef int64
	digits, frac, seenPoint := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			coef = coef*10 + int64(c-'0')
			digits++
			if seenPoint {
				frac++
			}
		case c == point && !seenPoint && digits > 0:
			seenPoint = true
		default:
			return decimal.Decimal{}, false
		}
	}
	if digits == 0 || digits > 18 || (seenPoint && frac == 0) {
		return decimal.Decimal{}, false
	}
	if neg {
		coef = -coef
	}
	return decimal.New(coef, -int32(frac)), true
}

// readDecimalText is readDecimal for every form.
func readDecimalText(s string, decimalComma bool) (decimal.Decimal, activity.Currency, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxCell {
		return decimal.Decimal{}, "", fmt.Errorf("%w: %q… is %d bytes, more than %d", activity.ErrInvalidAmount, s[:32], len(s), maxCell)
	}
	orig := s
	var cur activity.Currency
	if len(s) > 4 && isCode(s[:3]) && s[3] == ' ' {
		cur, s = activity.Currency(s[:3]), strings.TrimSpace(s[4:])
	} else if n := len(s); n > 4 && isCode(s[n-3:]) && s[n-4] == ' ' {
		cur, s = activity.Currency(s[n-3:]), strings.TrimSpace(s[:n-4])
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
	}
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	for _, sym := range [...]string{"$", "€", "£", "¥"} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, sym), sym))
	}
	point, group := byte('.'), ","
	if decimalComma {
		point, group = ',', ". '\u00a0\u202f"
	}
	var buf [maxCell]byte
	// run counts the digits since the last group separator (-1: none yet);
	// groups after a separator hold exactly three digits, so that "12,5"
	// read with the wrong locale is an error, not 125.
	n, seenPoint, digits, run := 0, false, 0, -1
	badGroup := false
	endGroup := func() {
		if run >= 0 && run != 3 {
			badGroup = true
		}
	}
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			buf[n] = byte(c)
			n++
			digits++
			if run >= 0 && !seenPoint {
				run++
			}
		case c == rune(point) && !seenPoint:
			endGroup()
			buf[n] = '.'
			n++
			seenPoint = true
		case !seenPoint && digits > 0 && strings.ContainsRune(group, c):
			endGroup()
			if run < 0 && digits > 3 {
				badGroup = true
			}
			run = 0
		default:
			return decimal.Decimal{}, "", fmt.Errorf("%w: %q is not a number", activity.ErrInvalidAmount, orig)
		}
	}
	if !seenPoint {
		endGroup()
	}
	if badGroup {
		return decimal.Decimal{}, "", fmt.Errorf("%w: %q has thousands separators out of place (is the decimal separator %q?)",
			activity.ErrInvalidAmount, orig, map[bool]string{true: ".", false: ","}[decimalComma])
	}
	if digits == 0 {
		return decimal.Decimal{}, "", fmt.Errorf("%w: %q is not a number", activity.ErrInvalidAmount, orig)
	}
	d, err := decimal.NewFromString(string(buf[:n]))
	if err != nil {
		return decimal.Decimal{}, "", fmt.Errorf("%w: %q: %v", activity.ErrInvalidAmount, orig, err)
	}
	if neg {
		d = d.Neg()
	}
	return d, cur, nil
}

func isCode(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z'
}

// readFraction reads a probability: "25%" is 0.25 always; a bare number is
// a percent when percent is set ("25" is 0.25), else a fraction ("0.25").
func readFraction(s string, percent, decimalComma bool) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	pct := percent
	if strings.HasSuffix(s, "%") {
		s, pct = strings.TrimSpace(strings.TrimSuffix(s, "%")), true
	}
	if strings.ContainsAny(s, "$€£¥") {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is money, not a probability", ErrInvalidValue, s)
	}
	d, cur, err := readDecimal(s, decimalComma)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if cur != "" {
		return decimal.Decimal{}, fmt.Errorf("%w: %q is money, not a probability", ErrInvalidValue, s)
	}
	if pct {
		d = d.Shift(-2)
	}
	return d, nil
}

// readBool reads true, false, yes, no, 1, 0 and the Salesforce report's
// checkbox forms, in any case.
func readBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y", "t", "x", "checked", "wahr", "ja", "vrai", "oui":
		return true, nil
	case "0", "false", "no", "n", "f", "unchecked", "falsch", "nein", "faux", "non":
		return false, nil
	}
	return false, fmt.Errorf("%w: %q is not true or false", ErrInvalidValue, s)
}

// readInt reads a whole number (thousands separators allowed).
func readInt(s string, decimalComma bool) (int64, error) {
	d, cur, err := readDecimal(s, decimalComma)
	if err != nil {
		return 0, err
	}
	if cur != "" || !d.IsInteger() || d.Abs().GreaterThan(decimal.NewFromInt(1<<53)) {
		return 0, fmt.Errorf("%w: %q is not a whole number", ErrInvalidValue, s)
	}
	return d.IntPart(), nil
}

// readDuration reads a duration in unit: seconds, minutes or milliseconds
// as a number, or clock as [h:]mm:ss.
func readDuration(s string, unit DurationUnit, decimalComma bool) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if unit == Clock || strings.Count(s, ":") > 0 {
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, fmt.Errorf("%w: %q is not a duration h:mm:ss", ErrInvalidValue, s)
		}
		var total int64
		for i, p := range parts {
			v, err := strconv.ParseUint(p, 10, 31)
			if err != nil || len(p) == 0 || (i > 0 && v >= 60) {
				return 0, fmt.Errorf("%w: %q is not a duration h:mm:ss", ErrInvalidValue, s)
			}
			total = total*60 + int64(v)
		}
		if total > 1000*24*3600 {
			return 0, fmt.Errorf("%w: %q is longer than 1,000 days", ErrInvalidValue, s)
		}
		return time.Duration(total) * time.Second, nil
	}
	d, cur, err := readDecimal(s, decimalComma)
	if err != nil || cur != "" || d.Sign() < 0 {
		return 0, fmt.Errorf("%w: %q is not a duration in %s", ErrInvalidValue, s, unit)
	}
	per := map[DurationUnit]int64{Seconds: int64(time.Second), Minutes: int64(time.Minute), Milliseconds: int64(time.Millisecond)}[unit]
	ns := d.Mul(decimal.NewFromInt(per)).Round(0)
	if ns.GreaterThan(decimal.NewFromInt(int64(1000 * 24 * time.Hour))) {
		return 0, fmt.Errorf("%w: %q is longer than 1,000 days", ErrInvalidValue, s)
	}
	return time.Duration(ns.IntPart()), nil
}

// when is a value read from a date or date-time cell: a day (a date
// alone), or an instant.
type when struct {
	day activity.Date
	at  time.Time
}

// timeReader reads dates and times by a layout's patterns in its zone.
type timeReader struct {
	dates []string // Go layouts of day-only patterns
	times []string // Go layouts of patterns with a time of day
	loc   *time.Location
	forms []string // the patterns as the layout wrote them, for messages
}

// read reads a cell as a day or an instant: RFC 3339 and epoch
// milliseconds always (activity.ParseTime's forms, which carry their zone
// or are UTC), then the layout's date-time patterns in its zone, then its
// day patterns. A date alone in RFC 3339's "2025-03-04" form is a day.
func (tr *timeReader) read(s string) (when, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxCell {
		return when{}, fmt.Errorf("%w: %q… is %d bytes", activity.ErrInvalidTime, s[:32], len(s))
	}
	// A time of day has a colon and a day alone has none: trying only the
	// patterns that can match saves the cost of a failed parse (an
	// allocated error) per cell.
	clock := strings.IndexByte(s, ':') >= 0
	for _, l := range tr.times {
		if !clock {
			break
		}
		if t, err := time.ParseInLocation(l, s, tr.loc); err == nil {
			return when{at: t}, nil
		}
	}
	for _, l := range tr.dates {
		if clock {
			break
		}
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return when{day: activity.DateOf(t)}, nil
		}
	}
	if len(s) == len("2006-01-02") {
		if d, err := activity.ParseDate(s); err == nil {
			return when{day: d}, nil
		}
	}
	// Epoch milliseconds only with 12 digits or more (from March 1973): a
	// shorter run of digits is a year, a YYYYMMDD day or a typo, never
	// read as an instant of 1970.
	if !allDigits(s) || len(s) >= 12 {
		if t, err := activity.ParseTime(s); err == nil && !t.IsZero() {
			return when{at: t}, nil
		}
	}
	if swapped := tr.swapped(s); swapped != "" {
		return when{}, fmt.Errorf("%w: %w: %q reads only as %s: set the layout's dates (Options.Dates) to the export's order",
			activity.ErrInvalidTime, ErrDateOrder, s, swapped)
	}
	return when{}, fmt.Errorf("%w: %q is not a date or time in the forms %s", activity.ErrInvalidTime, s, tr.describe())
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// swapped reports whether s would read with the day and month of the
// layout's patterns swapped (31/3/2025 under M/D/YYYY), returning that
// reading's pattern: then the export's dates are in another order than the
// layout's, and every row with a day up to 12 was misread.
func (tr *timeReader) swapped(s string) string {
	for _, l := range append(append([]string(nil), tr.dates...), tr.times...) {
		sw := swapDayMonth(l)
		if sw == l {
			continue
		}
		if _, err := time.ParseInLocation(sw, s, time.UTC); err == nil {
			return strings.NewReplacer("2006", "YYYY", "15", "HH", "04", "mm", "05", "ss", "PM", "A", "1", "M", "2", "D", "3", "h").Replace(sw)
		}
	}
	return ""
}

// swapDayMonth swaps Go's month (1) and day (2) tokens in a layout.
func swapDayMonth(l string) string {
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case strings.HasPrefix(l[i:], "2006"):
			b.WriteString("2006")
			i += 3
		case l[i] == '1' && !strings.HasPrefix(l[i:], "15"):
			b.WriteByte('2')
		case l[i] == '2':
			b.WriteByte('1')
		case strings.HasPrefix(l[i:], "15"):
			b.WriteString("15")
			i++
		default:
			b.WriteByte(l[i])
		}
	}
	return b.String()
}

// instant reads a cell as an instant: a day stands for its first instant
// in the zone (a deal created on a day was created once the day began).
func (tr *timeReader) instant(s string) (time.Time, error) {
	w, err := tr.read(s)
	if err != nil {
		return time.Time{}, err
	}
	if !w.day.IsZero() {
		return w.day.Start(tr.loc), nil
	}
	return w.at, nil
}

// describe lists the accepted forms for an error message.
func (tr *timeReader) describe() string {
	var forms []string
	for _, f := range tr.forms {
		forms = append(forms, strconv.Quote(f))
	}
	forms = append(forms, "YYYY-MM-DD", "RFC 3339", "epoch milliseconds")
	return strings.Join(forms, ", ")
}

// salesforceID18 returns the 18-character form of a 15-character
// Salesforce id: the id and a suffix of three characters, each saying
// which of five characters of the id are upper-case letters (a bit each,
// as an index into A–Z then 0–5). Any other text is returned as it is.
func salesforceID18(s string) string {
	if len(s) != 15 {
		return s
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return s
		}
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	var suffix [3]byte
	for i := range 3 {
		bits := 0
		for j := range 5 {
			if c := s[5*i+j]; c >= 'A' && c <= 'Z' {
				bits |= 1 << j
			}
		}
		suffix[i] = alphabet[bits]
	}
	return s + string(suffix[:])
}
