package activitytest

import (
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// QuarterBook is a first quarter of 2025 small enough to work by hand, for
// unit tests of KPIs and of metrics a host defines: seven deals with their
// stage history and ten activities, in UTC, built on tb (see Book).
//
//	deal  owner  amount    created  segment     history                                   closed
//	E1    ann    50000     01-06    enterprise  qualification 01-08, demo 01-15           won 02-20   (attribute region west)
//	E2    ann    80000     01-10    enterprise  demo 01-20                                lost 03-01
//	E3    bob    65000     02-03    enterprise  demo 02-10, proposal 02-20                won 03-15   (region east; source referral)
//	E4    bob    40000     02-05    enterprise  (still prospecting)                       lost 02-25
//	M1    cy      9000     01-12    mid         demo 01-14                                won 01-30
//	O1    cy     12000     03-20    mid         open, expected to close 04-10
//	L1    ann     7000.50  2024-12-10 smb       —                                         won 01-05
//
// Activities in the quarter (9): ann call 01-07, meeting 01-15 on E1
// (1,800 s), call 02-01 (connected), email 02-02; bob demo 02-10 on E3
// (3,600 s), meeting 02-12, call 03-01; cy call 01-13 on M1, meeting 01-14
// on M1 (2,700 s). ann's call of 04-02 is after it. The index has the
// TypicalB2B funnel.
func QuarterBook(tb testing.TB) (*Book, *activity.Index) {
	tb.Helper()
	b := NewBook(tb, nil)
	b.Deal("E1", "ann", "50000", "2025-01-06").Segment("enterprise").Attr("region", "west").To(activity.StageQualification, "2025-01-08").To(activity.StageDemo, "2025-01-15").Won("2025-02-20")
	b.Deal("E2", "ann", "80000", "2025-01-10").Segment("enterprise").To(activity.StageDemo, "2025-01-20").Lost("2025-03-01", "price")
	b.Deal("E3", "bob", "65000", "2025-02-03").Segment("enterprise").Attr("region", "east").Source("referral").To(activity.StageDemo, "2025-02-10").To(activity.StageProposal, "2025-02-20").Won("2025-03-15")
	b.Deal("E4", "bob", "40000", "2025-02-05").Segment("enterprise").Lost("2025-02-25", "no_decision")
	b.Deal("M1", "cy", "9000", "2025-01-12").Segment("mid").To(activity.StageDemo, "2025-01-14").Won("2025-01-30")
	b.Deal("O1", "cy", "12000", "2025-03-20").Segment("mid").Expected("2025-04-10")
	b.Deal("L1", "ann", "7000.50", "2024-12-10").Segment("smb").Won("2025-01-05")
	b.Activity("ann", activity.KindCall, "2025-01-07 10:00")
	b.Activity("ann", activity.KindMeeting, "2025-01-15 10:00").On("E1")
	b.Records.Activities[len(b.Records.Activities)-1].Duration = 1800e9
	b.Activity("ann", activity.KindCall, "2025-02-01 10:00").Outcome(activity.OutcomeConnected)
	b.Activity("ann", activity.KindEmail, "2025-02-02 10:00")
	b.Activity("bob", activity.KindDemo, "2025-02-10 10:00").On("E3")
	b.Records.Activities[len(b.Records.Activities)-1].Duration = 3600e9
	b.Activity("bob", activity.KindMeeting, "2025-02-12 10:00")
	b.Activity("bob", activity.KindCall, "2025-03-01 10:00")
	b.Activity("cy", activity.KindCall, "2025-01-13 10:00").On("M1")
	b.Activity("cy", activity.KindMeeting, "2025-01-14 10:00").On("M1")
	b.Records.Activities[len(b.Records.Activities)-1].Duration = 2700e9
	b.Activity("ann", activity.KindCall, "2025-04-02 10:00")
	return b, b.Index(activity.IndexOptions{})
}

// QuarterQ1 is the quarter of QuarterBook, 2025 Q1: 1 January to 1 April
// 2025 in UTC.
func QuarterQ1(b *Book) activity.Period {
	return activity.Period{Start: b.Time("2025-01-01"), End: b.Time("2025-04-01"), Name: "2025 Q1"}
}
