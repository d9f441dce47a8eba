package customers

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./performance/customers: an entry
// point is reached when its body has a covered statement. The first target
// named is the one that names it or, failing that, runs its statements most
// often; the others reach it too. The enumerations whose String and
// MarshalText are on the first row: CITransform, ChurnBase, Compounding,
// IntervalMethod, MedianRule, RenewalStatus, Timing.
//
//	String/MarshalText of enums   FuzzCustomerEntryPoints
//	AcquisitionCost.MarshalJSON   FuzzCustomerEntryPoints
//	AcquisitionCost.String        FuzzCustomerEntryPoints
//	AmountChange.MarshalJSON      FuzzSubscriptions
//	AmountChange.UnmarshalJSON    FuzzSubscriptions
//	AnnualChurn                   FuzzLTV
//	ARPA                          FuzzCustomerEntryPoints
//	AverageRevenue.MarshalJSON    FuzzCustomerEntryPoints
//	AverageRevenue.String         FuzzCustomerEntryPoints
//	CAC                           FuzzCustomerEntryPoints
//	CACPayback                    FuzzCustomerEntryPoints (also FuzzLTV)
//	ChurnBase.UnmarshalText       FuzzCustomerEntryPoints
//	ChurnOptions.Validate         FuzzCustomerEntryPoints
//	CITransform.UnmarshalText     FuzzCustomerEntryPoints
//	CohortRow.MarshalJSON         FuzzSubscriptions
//	Cohorts                       FuzzSubscriptions
//	CompareNPS                    FuzzNPS (also FuzzCustomerEntryPoints)
//	CompoundChurn                 FuzzLTV
//	Compounding.UnmarshalText     FuzzCustomerEntryPoints
//	CustomerChurn.String          FuzzCustomerEntryPoints
//	CustomerChurnRate             FuzzCustomerEntryPoints
//	CustomerLifetimes             FuzzCustomerEntryPoints
//	CustomerSurvival              FuzzCustomerEntryPoints
//	IntervalMethod.UnmarshalText  FuzzCustomerEntryPoints
//	LifetimeValue.MarshalJSON     FuzzLTV
//	LifetimeValue.String          FuzzLTV
//	LTV                           FuzzLTV
//	LTVCAC.MarshalJSON            FuzzCustomerEntryPoints
//	LTVCAC.String                 FuzzCustomerEntryPoints
//	LTVToCAC                      FuzzCustomerEntryPoints
//	MedianRule.UnmarshalText      FuzzCustomerEntryPoints
//	MonthlyChurn                  FuzzLTV
//	Movements                     FuzzSubscriptions (also FuzzCustomerEntryPoints)
//	MovementsBy                   FuzzSubscriptions
//	MovementTally.Add             FuzzSubscriptions
//	MovementTally.AddTime         FuzzSubscriptions (also FuzzCustomerEntryPoints)
//	MovementTally.MarshalBinary   FuzzCustomerTallyBinary
//	MovementTally.Merge           FuzzSubscriptions
//	MovementTally.Result          FuzzSubscriptions (also FuzzCustomerEntryPoints)
//	MovementTally.UnmarshalBinary FuzzCustomerTallyBinary
//	MRRMovements.MarshalJSON      FuzzSubscriptions
//	MRRMovements.String           FuzzSubscriptions
//	NetPromoterScore              FuzzNPS (also FuzzCustomerEntryPoints)
//	NewSpending                   FuzzCustomerEntryPoints
//	NewSubscriptions              FuzzSubscriptions (also FuzzCustomerEntryPoints)
//	NewSurvey                     FuzzNPS (also FuzzCustomerEntryPoints)
//	NoticeDeadline.MarshalJSON    FuzzCustomerEntryPoints
//	NoticeDeadlines               FuzzCustomerEntryPoints
//	NPS.String                    FuzzNPS
//	NPSBy                         FuzzNPS
//	NPSChange.String              FuzzNPS
//	NPSClasses.Validate           FuzzNPS (also FuzzCustomerEntryPoints)
//	NPSFromCounts                 FuzzNPS
//	NPSFromShares                 FuzzNPS
//	NPSOptions.Validate           FuzzNPS (also FuzzCustomerEntryPoints)
//	NPSTally.Add                  FuzzNPS
//	NPSTally.Counts               FuzzNPS
//	NPSTally.Len                  FuzzNPS
//	NPSTally.MarshalBinary        FuzzCustomerTallyBinary
//	NPSTally.Merge                FuzzNPS
//	NPSTally.Result               FuzzNPS (also FuzzCustomerEntryPoints)
//	NPSTally.UnmarshalBinary      FuzzCustomerTallyBinary
//	Payback.MarshalJSON           FuzzLTV
//	Payback.String                FuzzLTV
//	RecurringRevenue.String       FuzzSubscriptions
//	RecurringRevenueAt            FuzzSubscriptions
//	RecurringRevenueSeries        FuzzSubscriptions
//	RenewalContract.MarshalJSON   FuzzCustomerEntryPoints
//	RenewalReport.MarshalJSON     FuzzCustomerEntryPoints
//	RenewalReport.String          FuzzCustomerEntryPoints
//	Renewals                      FuzzCustomerEntryPoints
//	RenewalsBy                    FuzzCustomerEntryPoints
//	RenewalStatus.UnmarshalText   FuzzCustomerEntryPoints
//	Response.UnmarshalJSON        FuzzCustomerEntryPoints
//	Response.Validate             FuzzCustomerEntryPoints
//	Retention                     FuzzSubscriptions
//	RetentionOptions.Validate     FuzzSubscriptions
//	RevenueChurn.MarshalJSON      FuzzSubscriptions
//	RevenueChurn.String           FuzzSubscriptions
//	RevenueChurnRate              FuzzSubscriptions (also FuzzCustomerEntryPoints)
//	RevenueRetention.MarshalJSON  FuzzSubscriptions
//	RevenueRetention.String       FuzzSubscriptions
//	Spend.MarshalJSON             FuzzCustomerEntryPoints
//	Spend.UnmarshalJSON           FuzzCustomerEntryPoints
//	Spend.Validate                FuzzCustomerEntryPoints
//	Spending.Skipped              FuzzCustomerEntryPoints
//	Spending.Total                FuzzCustomerEntryPoints
//	Subscription.MarshalJSON      FuzzSubscriptions
//	Subscription.UnmarshalJSON    FuzzSubscriptions
//	Subscription.Validate         FuzzSubscriptions
//	Subscriptions.Accounts        FuzzCustomerEntryPoints
//	Subscriptions.Currency        FuzzSubscriptions
//	Subscriptions.Len             FuzzSubscriptions
//	Subscriptions.MRR             FuzzSubscriptions (also FuzzCustomerEntryPoints)
//	Subscriptions.Skipped         FuzzSubscriptions
//	Subscriptions.Snapshot        FuzzCustomerEntryPoints
//	Survey.Len                    FuzzNPS
//	Survey.Respondents            FuzzNPS
//	Survey.Segments               FuzzCustomerEntryPoints
//	Survey.Skipped                FuzzNPS
//	Survival.At                   FuzzSurvival
//	Survival.RestrictedMean       FuzzSurvival
//	Survival.String               FuzzSurvival
//	SurvivalOptions.Validate      FuzzSurvival (also FuzzCustomerEntryPoints)
//	SurvivalTally.Add             FuzzSurvival (also FuzzCustomerEntryPoints)
//	SurvivalTally.Len             FuzzCustomerEntryPoints
//	SurvivalTally.MarshalBinary   FuzzCustomerTallyBinary
//	SurvivalTally.Merge           FuzzSurvival
//	SurvivalTally.Result          FuzzSurvival
//	SurvivalTally.UnmarshalBinary FuzzCustomerTallyBinary
//	Timing.UnmarshalText          FuzzCustomerEntryPoints (also FuzzLTV)
