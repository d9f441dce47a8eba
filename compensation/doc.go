// Package compensation turns credited results into pay, exactly and with
// every line explained.
//
// A Plan is data: it round-trips through JSON without loss (decimals as
// strings), carries an id, a version and effective dates, and validates
// itself, naming the part at fault. Its components are commissions (a
// RateTable of tiers by credited amount, by attainment or by attainment to
// date, marginal, retroactive or per transaction, with an explicit boundary
// convention, accelerators and decelerators as rates or multipliers),
// bonuses (fixed amounts at attainment thresholds), SPIFs (a fixed amount
// per qualifying credit in a window), target incentives (Incentive: Target
// × attainment), pay per activity (PerActivity: an SDR's meetings held,
// from the activity records given to the statement), shares of another
// component (PercentOf: a bonus of half the commission) and minimum
// commissions (a Floor the other components' pay is topped up to), each
// with an optional gate (nothing below, or with Strict not above, an
// attainment, the attainment to date against a longer period's quota, a
// credited amount or a number of credits) and cap (on payout, effective
// rate or credited amount; the excess forfeited or carried into the next
// period); its kind is a ComponentKind (Commission, Bonus, SPIF,
// Incentive, PerActivity, PercentOf, Minimum). Which credits a component
// counts is a Predicate over the credited deal's fields, host attributes
// and the credit's own role and share (operators OpEq, OpIn, OpGte ...):
// data, never a Go closure. Credits carry a Role (RolePrimary,
// RoleOverlay, RoleManager).
//
//	StatementFor,         a rep's (every rep's) statement for a period: lines
//	StatementsForAll      naming the credit, tier, rate, base and reason, each
//	                      typed (Line.Type: LineBase, LineAccelerator, ...);
//	                      the reason is data (Line.Why: a Rule and the figures
//	                      it compared), rendered as a sentence by Line.Reason
//	Statements            consecutive periods with the total to date, pay
//	                      carried over caps, a Draw's balance (a guarantee, or
//	                      an advance repaid from later pay above it), and
//	                      Clawback lines reversing pay on cancelled credits
//	StatementForVersions  a period split where a new plan version takes effect,
//	                      the parts prorated by elapsed days
//	WhatIf, PayCurve      what a hypothetical deal adds; pay across attainment
//	PlanEconomics         OTE, pay mix, target commission rate, cost of sales
//	Allocate, Prorate     quota planning: a number split by weights with
//	                      over-assignment (largest remainder, adding up exactly);
//	                      a quota prorated for a mid-period start or leave, a
//	                      ramp and seasonal weights, month by month
//
// Credits are what the engine rates, wherever they come from:
// CreditsFromDeals credits each won deal to its owner in full; CreditDeals
// splits deals by percentage (the primary splits total exactly 100%, by
// largest remainder in minor units), adds overlay credit and rolls credit
// up to each rep's manager on the roster at the deal's close; CreditOnBasis
// releases those credits as invoiced (less credit notes) or as collected,
// pro rata to each invoice or payment. Rounding is stated on the plan
// (scale, mode, per line or spread over the lines by largest remainder),
// and the rounded lines always add up to the total.
//
// Inputs are activity's records (Deal, Rep, Quota, Period) and this
// package's own (Plan, Credit, Invoice, Payment, CreditNote, Cancellation);
// quota planning returns activity.Quota records.
//
// The sub-package territory designs books of business (accounts assigned to
// reps, balanced within capacity and by fit, explained) and derives quotas
// from their potential.
package compensation
