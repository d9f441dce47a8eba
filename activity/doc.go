// Package activity holds every record a host hands to salesmetrics, the
// calendar periods are cut from, and the index every KPI runs over. It is
// the lowest package: performance, forecast and compensation all read it.
//
// The records, decoded straight from JSON (snake_case tags; times as RFC
// 3339, a date or epoch milliseconds; absent, null and "" all mean absent):
//
//	Deal              id, owner, team, territory, account, source, segment, amount
//	                  and currency (optional ACV, TCV, term, cost), stage, Status,
//	                  created, expected close, closed, optional probability,
//	                  ForecastCategory, loss reason, host attributes
//	StageChange       a deal's stage history: from, to, when
//	Activity          who, Kind (call, email, meeting ...), when, deal, account,
//	                  Outcome, duration
//	Rep               the roster, effective-dated (Assignment: team, manager,
//	                  territory over time), hire and leave dates, ramp
//	Quota             rep or team, period, amount in a currency or a count
//	Lead              before a deal: source, campaign, owner, the person, a
//	                  LeadStatus (new, working, qualified, disqualified with a
//	                  reason, converted) with the time of each step, and the
//	                  account and deal it converted into; activities name the
//	                  leads they touch (Activity.Lead); PersonKey and
//	                  DuplicateLeads find one person's several leads
//	Account           a company: territory (and its history), segment, industry,
//	                  region, potential, workload, owner
//	Spend             money spent on winning customers: date, amount, category,
//	                  and the source, campaign and team it bought
//	Records, Streams  all of them at once, or as iter.Seq streams
//
// Kinds, stages, outcomes and sources are string types with well-known
// constants (KindCall, StageDemo ...) that hosts extend; Status and
// ForecastCategory are closed sets. Optional marks values whose absence is
// not zero (a deal's probability). A Funnel orders the stages and says which
// are won and lost (TypicalB2B is a common one).
//
// Money: Currency with ISO 4217 minor units; a Converter gives exchange
// rates (ExchangeRates is a validated table of ExchangeRate records) and a
// Conversion says which date's rate a KPI takes (RateAtClose,
// RateAtPeriodEnd, RateFixed).
//
// Time: a Calendar cuts Periods (half-open [Start, End)) in a caller-given
// time zone: fiscal years starting in any month and named by start or end
// year, quarters, months, ISO or host-defined weeks, retail 4-4-5 / 4-5-4 /
// 5-4-4 years, and working days with host holidays. Its zero value is the
// Gregorian calendar in UTC with Monday-to-Friday working days. A period is
// found by its name too (PeriodNamed: "FY2025 Q3", "2025-W07"), and an
// instant's fiscal quarter, month, week and day read as numbers
// (PositionOf); Date.WeekOfYear numbers weeks as ISO 8601, strftime's %U
// and %W and Excel's WEEKNUM do.
//
// The index: NewIndex (from Records) and NewIndexFrom (from Streams, with
// optional Sizes to make room once) validate every record, reporting every problem as a *RecordError (or
// skipping invalid records under IndexOptions.SkipInvalid), intern strings
// to Keys, hold amounts exactly, resolve each activity's deal, and give
// each deal its team by the TeamRule (default: the owner's team on the
// roster at the close). Index.Update applies a batch of new and changed
// records in place, in time that grows with the batch, not the index, and
// gives the index a rebuild would; an Index is safe for concurrent use
// while no Update runs. Read it through its dictionaries (Reps, Teams, Stages
// ..., each a read-only Dict of names and keys), its rows (NumDeals,
// DealID, DealStatus, DealAmount, DealAttribute, ActivityRep ..., or a
// whole record with Deal and Activity) and views. A View selects deals and
// activities (All, then Rep, Team, Territory, DealsWhere, ActivitiesWhere,
// ActivitiesIn) cheaply; every KPI takes one.
//
// Breakdowns: a By says how a KPI's ...By function groups records (ByRep,
// ByTeam, ByTerritory, BySource, BySegment, ByKind, ByAttribute,
// ByPeriod), and each group comes back as a Group with its key, result or
// the reason the KPI is undefined for it.
//
// Activity volume lives here too: ActivityVolume and ActivityVolumeBy count
// activities by kind with a rate per working day (VolumeTally is the fold
// behind them), and Connects is the connect rate of calls. Ratios of
// activities to outcomes are performance KPIs.
package activity
