package people

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestEnumText round-trips every value of each closed set through
// MarshalText and UnmarshalText. The names are those String's doc comment
// lists, in value order.
func TestEnumText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		check func(*testing.T)
	}{
		{"OutcomeMeasure", enumText(OutcomeWonAmount, "won_amount", "won_deals")},
		{"Quadrant", enumText(BusyWinning, "busy_winning", "busy_not_converting", "efficient", "low_on_both")}, // the zero value is out of the set
		{"RampMilestone", enumText(RampFirstDeal, "first_deal", "quota_share")},
		{"RankMethod", enumText(RankCompetition, "competition", "dense", "ordinal")},
	} {
		t.Run(tc.name, tc.check)
	}
}

// enumText returns a test that the values first, first+1, … write names, in
// that order, and read back from them; that the values just outside the set
// (first+len(names), and first−1 when first > 0) write Go syntax, as String
// writes a value out of the set, so that a value added to the set without
// being added here fails; and that the text of those values, "nonsense", a
// name in capitals, and the empty string (unless it is a name) are errors
// wrapping ErrInvalidOptions that leave the value as it was.
func enumText[T interface {
	~uint8
	MarshalText() ([]byte, error)
}, P interface {
	*T
	UnmarshalText([]byte) error
}](first T, names ...string) func(*testing.T) {
	return func(t *testing.T) {
		t.Parallel()
		for i, name := range names {
			v := first + T(i)
			if b, err := v.MarshalText(); err != nil || string(b) != name {
				t.Errorf("%d.MarshalText() = %q, %v, want %q", uint8(v), b, err, name)
			}
			var got T
			if err := P(&got).UnmarshalText([]byte(name)); err != nil || got != v {
				t.Errorf("UnmarshalText(%q) = %d, %v, want %d, nil", name, uint8(got), err, uint8(v))
			}
		}
		bad := []string{"nonsense", strings.ToUpper(names[len(names)-1])}
		if !slices.Contains(names, "") {
			bad = append(bad, "")
		}
		outside := []T{first + T(len(names))}
		if first > 0 {
			outside = append(outside, first-1)
		}
		for _, v := range outside {
			want := fmt.Sprintf("%s(%d)", reflect.TypeFor[T]().Name(), uint8(v))
			if b, err := v.MarshalText(); err != nil || string(b) != want {
				t.Errorf("%d.MarshalText() = %q, %v, want %q (a new value? add its name here)", uint8(v), b, err, want)
			}
			bad = append(bad, want)
		}
		for _, s := range bad {
			was := first
			got := was
			if err := P(&got).UnmarshalText([]byte(s)); !errors.Is(err, ErrInvalidOptions) || got != was {
				t.Errorf("UnmarshalText(%q) = %d, %v, want %d unchanged and an error wrapping ErrInvalidOptions", s, uint8(got), err, uint8(was))
			}
		}
	}
}
