package people

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/activitytest"
)

func TestTimeToRamp(t *testing.T) {
	t.Parallel()
	b := activitytest.NewBook(t, nil)
	b.Records.Reps = []activity.Rep{
		{ID: "ann", HiredAt: b.Time("2025-01-06")},
		{ID: "bob", HiredAt: b.Time("2025-02-03")},
		{ID: "cy", HiredAt: b.Time("2025-03-03")},
		{ID: "vet", HiredAt: b.Time("2020-01-01")},
	}
	// ann: first win 10,000 on 20 February (45 days), then 12,000 on 10
	// March: March is the first month to reach 60% of a 20,000 quota
	// (12,000), at that close (63 days). bob: 4,000 on 24 March (49 days),
	// 7,000 on 2 April: no month reaches 12,000. cy: nothing by 1 May (59
	// days, still ramping).
	b.Deal("A1", "ann", "10000", "2025-01-20").Won("2025-02-20")
	b.Deal("A2", "ann", "12000", "2025-02-01").Won("2025-03-10")
	b.Deal("B1", "bob", "4000", "2025-02-10").Won("2025-03-24")
	b.Deal("B2", "bob", "7000", "2025-03-01").Won("2025-04-02")
	b.Deal("V1", "vet", "5000", "2019-12-01").Won("2019-12-15") // before the hire: never counts
	ix := b.Index(activity.IndexOptions{})
	asOf := b.Time("2025-05-01")
	first, err := TimeToRamp(ix, RampOptions{AsOf: asOf, HiredFrom: b.Time("2025-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	// First deals: ann 45 days, bob 49; cy censored at 59. Kaplan–Meier:
	// S(45) = 2/3, S(49) = 2/3 × 1/2 = 1/3: the median is 49 days.
	if first.Reached != 2 || first.Ramping != 1 || first.Reps[0].Days != 45 || first.Reps[1].Days != 49 || first.Reps[2].Days != 59 {
		t.Errorf("first deal: %v %+v", first, first.Reps)
	}
	if m, ok := first.MedianDays.Get(); !ok || m != 49 {
		t.Errorf("median %v, want 49", first.MedianDays)
	}
	half, err := TimeToRamp(ix, RampOptions{AsOf: asOf, HiredFrom: b.Time("2025-01-01"), Milestone: RampQuotaShare,
		Share: decimal.RequireFromString("0.6"), FullQuota: decimal.NewFromInt(20000)})
	if err != nil {
		t.Fatal(err)
	}
	// 60% of 20,000 in a month: ann's 12,000 on 10 March (63 days); bob's
	// months hold 4,000 and 7,000: not yet.
	if half.Reached != 1 || !half.Reps[0].Reached || half.Reps[0].Days != 63 || half.Reps[1].Reached {
		t.Errorf("half quota: %v %+v", half, half.Reps)
	}
	for _, tc := range []struct {
		name string
		opts RampOptions
		want error
	}{
		{"no as-of", RampOptions{}, ErrInvalidOptions},
		{"no share", RampOptions{AsOf: asOf, Milestone: RampQuotaShare, FullQuota: decimal.NewFromInt(1)}, ErrInvalidOptions},
		{"bad milestone", RampOptions{AsOf: asOf, Milestone: 7}, ErrInvalidOptions},
		{"nobody hired", RampOptions{AsOf: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)}, ErrNoDeals},
	} {
		if _, err := TimeToRamp(ix, tc.opts); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}
