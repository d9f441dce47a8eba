// Package activitytest generates realistic, seeded sales records for tests,
// examples and benchmarks, as net/http/httptest serves tests of net/http.
//
// Generate turns a Config into an activity.Records: a roster of reps in
// teams, deals with their stage history, the activities worked on them,
// quotas, leads and account records. The same Config gives the same records, field for field, on every
// platform and Go version (for a Location, as long as its zone rules are
// the same): all randomness comes from PCG streams of math/rand/v2 seeded by
// Config.Seed and is turned into values by integer arithmetic, with no
// floating-point function whose last bit may vary between platforms;
// nothing depends on map order or the clock.
//
// # The model
//
// Time runs over a window of Config.Months calendar months from Config.Start;
// the window's end is the "as of" time. Everything happens on working days,
// Monday to Friday, between 08:00 and 18:00 in Config.Location.
//
// The roster has Config.Reps reps ("rep-01", ...) in Config.Teams teams
// ("team-1", ...), the first reps in the first team. Each team has a manager
// ("mgr-1", ...) and a home territory (north, south, east, west, repeating).
// Most reps were hired before the window. One rep in eight is hired during
// it, on a ramp of 0, 0.25, 0.5 and 0.75 of full productivity in the first
// four months of tenure; one rep leaves (rosters of four or more); two move
// to another team at the start of a month (rosters of seven or more, with at
// least two teams and two months). Each rep has a skill between 0.7 and 1.3.
//
// A rep opens deals while employed, at Config.DealsPerRepMonth a month times
// the ramp fraction, or exactly Config.Deals deals spread the same way; a
// leaver opens none in the last 20 working days. A deal is created in the
// funnel's first open stage for an account ("acct-0001", ...). About seven
// deals in ten try an account the rep sold to before that is still buying,
// taken in proportion to its buying rate (1, 4 or 32, for 60, 30 and 10
// accounts in 100), and go to a new account when none is taken in eight
// draws. Each won deal may be its account's last purchase, with the
// account's own chance (0.9, 0.4 or 0.03, for 30, 40 and 30 in 100), and an
// account's spend level (0.4, 0.7, 1, 1.5 or 2.5 times) scales its deals'
// amounts: repeat purchases vary as the BG/NBD and Gamma-Gamma models
// expect. Its amount is lognormal
// with a median of 12,000 and σ = 0.9 (from about 1,100 to 131,000), in cents.
// Its segment follows the amount: smb below 10,000, mid below 50,000,
// enterprise above. It is won with probability 0.33 × the rep's skill × a
// size factor running from 1.3 for the smallest deals to 0.7 for the
// largest; otherwise it is lost at an open stage, the earlier stages more
// often. Its cycle is 10 to 180 days, longer for bigger deals; lost deals
// end earlier in proportion to how far they got. On the way it walks the
// open stages in order, skipping one now and then (12%) and going back one
// now and then (6%, at most twice). A won deal is won from the last open
// stage in 12 cases of 20, and from the three before it in 5, 2 and 1 (a
// quick yes after a proposal or a demo): from the first stage of its walk
// at or past the one drawn. A deal whose close would fall after the
// window's end stays open, in the stage it had reached; a leaver's deals
// still open when they leave are lost ("no_decision") at their last working
// second. Every move is a StageChange, the last one into the won or lost
// stage at the close. Config.CloseDateShare of the closed deals give their
// close as a day (CloseDate) instead of ClosedAt, as Salesforce writes it. ExpectedCloseAt is the rep's estimate when the deal was
// opened, 70% to 110% of the cycle a win would take, so open deals may have
// slipped past it. An open deal's forecast category is commit in the last
// open stage, pipeline in the first two fifths and best case between; one
// open deal in five carries a probability, its stage's default ± up to 0.10.
// Half the deals have a cost of 30% to 60% of the amount, and four in ten a
// term of 12 months. Lost deals give a reason: price, competitor,
// no_decision or timing.
//
// Each deal gets a number of activities spread uniformly over its life, by
// its owner or, one time in ten where one can be found, a teammate employed
// in the same team at the time; Config.UntiedShare more activities with no
// deal (half of them with an account) are done by reps employed at the
// time. Calls and emails make up 70% of activities on deals, then meetings,
// demos, proposals and negotiations; outcomes fit the kind (a call is
// connected, unanswered or left on voicemail; an email sent, replied to or
// bounced; a meeting or demo held, a no-show (OutcomeNoShow) or
// rescheduled; a proposal or negotiation completed), and calls and held
// meetings have a duration.
// Activities leave Team empty: the index takes it from the roster.
//
// Each rep has a "bookings" quota in USD for every calendar quarter they are
// employed in: their expected bookings over the quarter (3 months × deals a
// month × the mean over amounts of amount × win probability at their skill),
// rounded to whole hundreds, not prorated for ramp or a partial quarter.
// Each team has one per quarter equal to the sum of its reps', a rep
// counting for the team they are in at the quarter's start (or at hire).
//
// Leads draw from a stream of their own, last, so that every other record
// is the same with or without them (the untied calls and e-mails that
// first touched a lead gain its id in Activity.Lead, nothing else): most
// deals from inbound, event, referral and partner sources (few outbound)
// came from a converted lead of their source and owner, created 1 to 15
// working days before the deal; 40% of the untied calls and e-mails are a
// lead's first touch, minutes to days after it came in, half of those
// leads disqualified for a reason, one in ten qualified, the rest still
// worked; one lead in fifty came in in the window's last two weeks,
// untouched; one in twenty returns as the same person (name, company,
// e-mail) as an earlier lead.
//
// Every account the deals name has an Account record, drawn last from its
// own stream: the territory, region, segment and owner of its first deal,
// an industry, a yearly potential of 3 to 10 times a deal of its size, and
// a workload.
//
// # Order
//
// Records come in a canonical order: reps by id; deals by id, which is the
// order of creation; stage changes by deal, then time; activities by id,
// which is the order of time; quotas by period, then the reps' by rep and
// the teams' by team; leads by id, which is the order of their creation. Ids are zero-padded so that text order is numeric
// order.
//
// # Books for unit tests
//
// Where Generate makes a company, NewBook builds the handful of records one
// test needs, tersely: deals with their stage history (Deal, To, Won, Lost),
// activities (Activity, On), times as "2025-03-04" in the book's zone, and
// the index over them (Index). CmpOptions compares results with go-cmp:
// decimals by value, floats within a tolerance, times as instants. A team
// unit-tests its own metric definitions this way (see the example of an
// "enterprise demo-to-close rate" in book_test.go). QuarterBook is a ready
// book of a quarter worked by hand (its table is in its doc comment), the
// one the library's own metric and scorecard tests use.
package activitytest
