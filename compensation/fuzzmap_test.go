package compensation

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./compensation: an entry point is
// reached when its body has a covered statement. The first target named is
// the one that names it or, failing that, runs its statements most often;
// the others reach it too. The enumerations whose String and MarshalText are
// on the first row: ProrationDays.
//
//	String/MarshalText of enums  FuzzProrate (also FuzzPayEntryPoints)
//	Allocate                     FuzzAllocate
//	AllocateOptions.Validate     FuzzAllocate
//	Cancellation.UnmarshalJSON   FuzzClawback
//	Credit.UnmarshalJSON         FuzzPayEntryPoints (also FuzzClawback)
//	CreditDeals                  FuzzCreditDeals (also FuzzPayEntryPoints)
//	CreditNote.UnmarshalJSON     FuzzPayEntryPoints
//	CreditOnBasis                FuzzPayEntryPoints
//	CreditsFromDeals             FuzzPayEntryPoints
//	CurvePoint.MarshalJSON       FuzzPayEntryPoints
//	Economics.MarshalJSON        FuzzPayEntryPoints
//	Economics.String             FuzzPayEntryPoints
//	Invoice.UnmarshalJSON        FuzzPayEntryPoints
//	PayCurve                     FuzzPayEntryPoints
//	Payment.UnmarshalJSON        FuzzPayEntryPoints
//	Plan.MarshalJSON             FuzzRate (also FuzzPlanJSON)
//	Plan.UnmarshalJSON           FuzzPlanJSON (also FuzzRate)
//	Plan.Validate                FuzzPayEntryPoints (also FuzzClawback, FuzzDraw, FuzzPlanJSON, FuzzRate)
//	PlanEconomics                FuzzPayEntryPoints
//	Predicate.Match              FuzzPredicate
//	Predicate.MatchCredit        FuzzPredicate
//	Predicate.String             FuzzPredicate
//	Predicate.UnmarshalJSON      FuzzPredicate
//	Predicate.Validate           FuzzPredicate (also FuzzPayEntryPoints)
//	Prorate                      FuzzProrate (also FuzzPayEntryPoints)
//	ProrateOptions.Validate      FuzzProrate (also FuzzPayEntryPoints)
//	ProratedMonth.MarshalJSON    FuzzProrate (also FuzzPayEntryPoints)
//	Proration.MarshalJSON        FuzzProrate (also FuzzPayEntryPoints)
//	Proration.Quotas             FuzzPayEntryPoints
//	Proration.String             FuzzProrate (also FuzzPayEntryPoints)
//	ProrationDays.UnmarshalText  FuzzProrate
//	RateTable.Validate           FuzzPayEntryPoints (also FuzzClawback, FuzzDraw, FuzzPlanJSON, FuzzRate)
//	Split.UnmarshalJSON          FuzzPayEntryPoints
//	Statement.MarshalJSON        FuzzPayEntryPoints (also FuzzClawback)
//	Statement.String             FuzzPayEntryPoints (also FuzzClawback)
//	StatementFor                 FuzzPayEntryPoints (also FuzzPlanJSON, FuzzRate)
//	StatementForVersions         FuzzPayEntryPoints
//	Statements                   FuzzDraw (also FuzzClawback)
//	StatementsForAll             FuzzPayEntryPoints
//	Weight.MarshalJSON           FuzzAllocate
//	Weight.UnmarshalJSON         FuzzAllocate
//	WhatIf                       FuzzPayEntryPoints
//	WhatIfResult.MarshalJSON     FuzzPayEntryPoints
