// Package salesmetrics is the overview of an embeddable library that turns a
// sales team's records (activities, deals, the roster, quotas) into the
// numbers a sales organisation runs on: exactly, fast, and with every number
// explainable. This package holds documentation only; the code lives in its
// sub-packages:
//
//	activity/      every record the host supplies (Deal, Activity, StageChange,
//	               Rep, Quota, Funnel, currencies and exchange rates), the
//	               fiscal Calendar and its Periods, the Index every KPI runs
//	               over (read-only: dictionaries, rows, views), the grouping
//	               of breakdowns (By, Group), activity volume and connect rate
//	activity/crm/  CRM exports' rows to records, as streams for the index:
//	               Salesforce and HubSpot layouts built in, any other export
//	               described as a layout in JSON, detection from the header,
//	               errors with file, line and column
//	activity/activitytest/  a seeded generator of realistic sample records and
//	               terse builders (NewBook) and go-cmp options for unit tests
//	performance/   deal outcomes over the index: win rate, deal size, sales
//	               cycle, velocity, open pipeline, funnel, attainment,
//	               coverage, bookings, activity against outcomes, each with a
//	               one-pass breakdown; and metrics users define from building
//	               blocks (Metric, Measure, filters, MetricOf, MetricBy)
//	performance/customers/  customer economics over subscriptions and spend
//	               (MRR movements, churn, retention, cohorts, survival, ARPA,
//	               CAC, LTV) and satisfaction over surveys (NPS, eNPS)
//	performance/people/  the people who sell: scorecards, effort against
//	               results, activity association, peers, ramp, leaderboards,
//	               contests, goals and streaks
//	forecast/      what comes next: regression, Holt-Winters, run rate,
//	               capacity, accuracy, learned win probabilities, the
//	               distribution of a period's bookings, pipeline movement, and
//	               the BG/NBD, MBG/NBD, Pareto/NBD, BG/BB and Gamma-Gamma
//	               customer-base models with CLV
//	forecast/budget/  what the sales plan costs and spending against it: a
//	               budget planned from a target and the team (hires, pay from
//	               the plan's curve, on-costs, marketing from the funnel),
//	               what-if sweeps and versions; spending tracked against it
//	               (variance, budget to date, run-rate projection)
//	compensation/  incentive pay: plans as data, the rating engine and
//	               statements, crediting and splits, payment basis, draws,
//	               clawbacks, quota allocation and proration, what-if
//	compensation/territory/  books of business: accounts assigned to reps,
//	               balanced within capacity and by fit, explained, with
//	               quotas from their potential
//	internal/      the index's column layout, exact sums, quantiles, decimal
//	               text, the shared OLS solver and Kaplan–Meier arithmetic,
//	               the text of closed sets read back (enumtext), and the fuzz
//	               targets' shared checks: machinery users never name
//	examples/      runnable programs: quickstart (generated sample data),
//	               benchreport (the benchmark rig's report from its CSVs),
//	               report (a quarter review from a folder of CRM exports, its
//	               own module) and database (the review served over HTTP
//	               from PostgreSQL tables, its own module); the review they
//	               share is in examples/internal/review
//
// The library does no I/O: the host decodes its records (the types carry
// snake_case JSON tags and read the time forms CRMs write), builds an index
// once, and asks it questions:
//
//	ix, err := activity.NewIndex(activity.Records{Deals: deals, Activities: acts, Reps: reps},
//		activity.IndexOptions{Funnel: activity.TypicalB2B()})
//	if err != nil {
//		// every invalid record, each a *activity.RecordError
//	}
//	q1 := activity.Period{Start: jan1, End: apr1, Name: "2025 Q1"}
//	vol, err := activity.ActivityVolume(ix.All(), q1, activity.VolumeOptions{})
//	fmt.Println(vol) // all: 1204 activities in 2025 Q1 (63 working days, 19.1 a day): ...
//	win, err := performance.WinRate(ix.All(), q1, performance.WinRateOptions{})
//	fmt.Println(win) // all: win rate 30.6% by count (153 won of 500 closed in 2025 Q1)
//
// Money is exact (shopspring/decimal, held in the index as int64 units with a
// big-number fallback); periods are half-open [Start, End) in a caller-given
// time zone; bad input is an error wrapping a sentinel, never a panic, NaN or
// silent zero. See README.md for the conventions and the table of KPIs.
package salesmetrics
