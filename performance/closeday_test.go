package performance

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestCloseDay is a Salesforce-style book: the close is a day (CloseDate)
// and the stage history is timestamped on that day, in New York. S1 was
// created on 31 March at 09:00, moved to negotiation at 15:00 and to
// closed won at 16:30, and closed on 31 March; S2 was created at 09:00 the
// same day and won at 23:30. Read as the end of the local day (23:59:59.999
// 999 999), both closes come after their history, the cycles are 15 hours
// less a nanosecond (0.625 days) and the time in negotiation is 1.5 hours;
// both deals count in March in New York and not in April.
func TestCloseDay(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	at := func(d, h, m int) time.Time { return time.Date(2025, 3, d, h, m, 0, 0, ny) }
	day := activity.Date{Year: 2025, Month: time.March, Day: 31}
	deal := func(id string) activity.Deal {
		return activity.Deal{ID: id, Owner: "ann", Amount: decimal.NewFromInt(1000), Currency: "USD", Stage: activity.StageClosedWon,
			Status: activity.StatusWon, CreatedAt: at(31, 9, 0), CloseDate: day}
	}
	rec := activity.Records{
		Deals: []activity.Deal{deal("S1"), deal("S2")},
		StageChanges: []activity.StageChange{
			{Deal: "S1", From: activity.StageProspecting, To: activity.StageNegotiation, At: at(31, 15, 0)},
			{Deal: "S1", From: activity.StageNegotiation, To: activity.StageClosedWon, At: at(31, 16, 30)},
			{Deal: "S2", From: activity.StageProspecting, To: activity.StageClosedWon, At: at(31, 23, 30)},
		},
	}
	ix, err := activity.NewIndex(rec, activity.IndexOptions{Funnel: activity.TypicalB2B(), Location: ny})
	if err != nil {
		t.Fatalf("NewIndex: %v", err)
	}
	cal := activity.Calendar{Location: ny}
	march, err := cal.Month(at(15, 12, 0))
	if err != nil {
		t.Fatal(err)
	}
	april, err := cal.Month(at(15, 12, 0).AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	c, err := SalesCycle(ix.All(), march, CycleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 09:00 to 23:59:59.999999999: (15 h − 1 ns) / 24 h.
	want := (15*float64(time.Hour) - 1) / float64(24*time.Hour)
	if c.Deals != 2 || math.Abs(c.MeanDays-want) > 1e-12 || c.MinDays <= 0 {
		t.Errorf("SalesCycle(March) = %v (mean %v, min %v), want 2 deals of %v days", c, c.MeanDays, c.MinDays, want)
	}
	w, err := WinRate(ix.All(), march, WinRateOptions{})
	if err != nil || w.Won != 2 {
		t.Errorf("WinRate(March) = %v, %v; want 2 won", w, err)
	}
	if _, err := WinRate(ix.All(), april, WinRateOptions{}); !errors.Is(err, ErrNoClosedDeals) {
		t.Errorf("WinRate(April) error = %v, want ErrNoClosedDeals", err)
	}
	f, err := FunnelOf(ix.All(), march, FunnelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Steps {
		if s.Stage == activity.StageNegotiation && (!s.Time.Defined || math.Abs(s.Time.MeanDays-1.5/24) > 1e-12) {
			t.Errorf("time in negotiation = %v, want 1.5 hours", s.Time)
		}
	}
}
