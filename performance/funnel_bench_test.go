package performance_test

import (
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/performance"
)

func BenchmarkFunnelByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.FunnelBy(v, p, byRep, performance.FunnelOptions{})
		return err
	})
}

func BenchmarkBookingsByRep(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.BookingsBy(v, p, byRep, performance.BookingsOptions{})
		return err
	})
}

func BenchmarkAttainment(b *testing.B) {
	benchKPI(b, func(v activity.View, p activity.Period) error {
		_, err := performance.Attainment(v, p, performance.AttainmentOptions{})
		return err
	})
}
