package activity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// timeLayouts are the textual forms a time decodes from, tried in order:
// RFC 3339 (with any fraction of a second), the same with a numeric offset
// without a colon (as Salesforce writes "2024-01-05T10:00:00.000+0000"), and
// a date alone, which is midnight UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	time.DateOnly,
}

// ParseTime reads a time in the forms CRMs write: RFC 3339
// ("2024-01-05T10:00:00Z", "2024-01-05T10:00:00.5-05:00"), RFC 3339 with an
// offset without a colon ("2024-01-05T10:00:00.000+0000"), a date alone
// ("2024-01-05", read as midnight UTC), or milliseconds since the Unix epoch
// ("1704448800000", read as UTC). The empty string is the zero time, which
// records read as absent, and so is "0001-01-01T00:00:00Z", the form
// encoding/json writes for it; any other spelling of that first instant of
// year 1 is an error wrapping ErrInvalidTime rather than a silent absence. A
// time of day without a zone is refused rather than guessed.
func ParseTime(s string) (time.Time, error) {
	if t, ok := parseUTCSeconds(s); ok {
		return notZero(t, s)
	}
	return parseTime(s)
}

// parseUTCSeconds reads the form exports write most, "2024-01-05T10:00:00Z"
// (RFC 3339 in UTC to the second), without time.Parse: it reports false for
// anything else, which parseTime then reads, and where it reports true
// the time is the one parseTime returns (FuzzParseTime checks).
func parseUTCSeconds(s string) (time.Time, bool) {
	if len(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	// Each pair of digits: a byte out of '0'..'9' makes it negative or
	// above 99, and the checks below refuse it.
	d2 := func(i int) int { return 10*(int(s[i])-'0') + int(s[i+1]) - '0' }
	ok2 := func(i int) bool { return s[i]-'0' <= 9 && s[i+1]-'0' <= 9 }
	if !ok2(0) || !ok2(2) || !ok2(5) || !ok2(8) || !ok2(11) || !ok2(14) || !ok2(17) {
		return time.Time{}, false
	}
	y, mo, d, h, mi, sec := 100*d2(0)+d2(2), d2(5), d2(8), d2(11), d2(14), d2(17)
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(time.Month(mo), y) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Unix(86400*daysSinceEpoch(y, mo, d)+int64(3600*h+60*mi+sec), 0).UTC(), true
}

// daysSinceEpoch returns the number of days from 1970-01-01 to the day
// y-m-d of the proleptic Gregorian calendar (negative before it), counting
// in 400-year eras of 146,097 days from 1 March of year 0.
func daysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400                     // 0..399
	mp := (m + 9) % 12                     // March is 0
	doy := (153*mp+2)/5 + d - 1            // 0..365
	doe := yoe*365 + yoe/4 - yoe/100 + doy // 0..146096
	return int64(era)*146097 + int64(doe) - 719468
}

// daysIn returns the number of days of month m of year y (proleptic
// Gregorian, as package time counts).
func daysIn(m time.Month, y int) int {
	if m == time.February && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
}

// parseTime is ParseTime for the forms parseUTCSeconds leaves.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if isEpochMillis(s) {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("%w: %q: %v", ErrInvalidTime, s, err)
		}
		return notZero(time.UnixMilli(ms).UTC(), s)
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return notZero(t, s)
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q is not RFC 3339, a date or epoch milliseconds", ErrInvalidTime, s)
}

func isEpochMillis(s string) bool {
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// DecodeTime reads a JSON time value as records do: a JSON string in any
// form ParseTime reads, a JSON number of whole epoch milliseconds, or null
// (the zero time, read as absent). Packages with records of their own use it
// in their UnmarshalJSON.
func DecodeTime(b []byte) (time.Time, error) {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		return time.Time{}, nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return time.Time{}, err
		}
		return ParseTime(s)
	default:
		// A bare number: epoch milliseconds, whole.
		if !isEpochMillis(string(b)) {
			return time.Time{}, fmt.Errorf("%w: %s is not a string or whole epoch milliseconds", ErrInvalidTime, b)
		}
		return ParseTime(string(b))
	}
}

// jsonTime decodes a time field of a record in place with DecodeTime.
type jsonTime struct{ t *time.Time }

func (j jsonTime) UnmarshalJSON(b []byte) error {
	t, err := DecodeTime(b)
	if err != nil {
		return err
	}
	*j.t = t
	return nil
}

// jsonSeconds decodes a duration written as a JSON number of seconds (90,
// 90.5), a numeric string, or null.
type jsonSeconds struct{ d *time.Duration }

func (j jsonSeconds) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*j.d = 0
		return nil
	}
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	s, err := strconv.ParseFloat(string(b), 64)
	if err != nil || s != s || s > 1e9 || s < -1e9 {
		return fmt.Errorf("%w: duration %s is not a number of seconds", ErrInvalidTime, b)
	}
	*j.d = time.Duration(s * float64(time.Second))
	return nil
}

// jsonTimeDay decodes a close time: a date alone ("2025-03-04") into the
// day, anything else DecodeTime reads into the time.
type jsonTimeDay struct {
	t   *time.Time
	day *Date
}

func (j jsonTimeDay) UnmarshalJSON(b []byte) error {
	if s := bytes.TrimSpace(b); len(s) == len(`"2006-01-02"`) && s[0] == '"' {
		if d, err := ParseDate(string(s[1 : len(s)-1])); err == nil {
			*j.day = d
			return nil
		}
	}
	return jsonTime{j.t}.UnmarshalJSON(b)
}

// DecodeAmount reads a required JSON amount as records do: a decimal as a
// JSON string ("1250.50") or number, exact. A missing (nil), null or ""
// amount is an error wrapping ErrMissingField, as absent is not zero (write
// 0 for none); anything else that is not a number wraps ErrInvalidAmount.
// Packages with records of their own use it in their UnmarshalJSON.
func DecodeAmount(b []byte) (decimal.Decimal, error) {
	if absentJSON(b) {
		return decimal.Decimal{}, fmt.Errorf("%w: an amount is required (0 for none)", ErrMissingField)
	}
	return decodeDecimal(b)
}

// MaxAmountText is the longest written amount records read, in bytes of
// JSON (quotes, sign, point and zeros included): room for any amount within
// MaxAmountDigits and MaxAmountPlaces written with generous trailing zeros.
// A longer one is ErrInvalidAmount before it is parsed, as parsing a
// megabyte of digits takes seconds.
const MaxAmountText = 128

// decodeDecimal reads a JSON decimal (a string or a number) of at most
// MaxAmountText bytes, its errors wrapping ErrInvalidAmount and quoting at
// most the text's start.
func decodeDecimal(b []byte) (decimal.Decimal, error) {
	b = bytes.TrimSpace(b)
	if len(b) > MaxAmountText {
		return decimal.Decimal{}, fmt.Errorf("%w: %s… is %d bytes, more than activity.MaxAmountText (%d)", ErrInvalidAmount, b[:32], len(b), MaxAmountText)
	}
	var d decimal.Decimal
	if err := d.UnmarshalJSON(b); err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %s: %v", ErrInvalidAmount, b, err)
	}
	return d, nil
}

// notZero refuses a written time that is Go's zero time (1 January of year
// 1, 00:00 UTC): it would read as absent, though it was given. The one
// exception is the form Go itself writes for the zero time,
// "0001-01-01T00:00:00Z", which reads as absent, so that records written
// by encoding/json read back as they were.
func notZero(t time.Time, s string) (time.Time, error) {
	if t.IsZero() && s != "0001-01-01T00:00:00Z" {
		return time.Time{}, fmt.Errorf("%w: %q is the first instant of year 1, which reads as no time", ErrInvalidTime, s)
	}
	return t, nil
}
