package forecast

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./forecast: an entry point is reached
// when its body has a covered statement. The first target named is the one
// that names it or, failing that, runs its statements most often; the others
// reach it too. The enumerations whose String and MarshalText are on the
// first row: DayBasis, MovementCategory, MovementGrouping, MovementReason.
//
//	String/MarshalText of enums          FuzzForecastEntryPoints
//	Accuracy                             FuzzAccuracy (also FuzzForecastEntryPoints)
//	ActualToForecast                     FuzzForecastEntryPoints
//	BGBB.ConditionalExpectedTransactions  FuzzBGBB
//	BGBB.ExpectedTransactions            FuzzBGBB
//	BGBB.LogLikelihood                   FuzzBGBB
//	BGBB.ProbabilityAlive                FuzzBGBB
//	BGBB.ProbabilityOfTransactions       FuzzBGBB
//	BGBB.String                          FuzzBGBB
//	BGNBD.ConditionalExpectedPurchases   FuzzCustomerBase
//	BGNBD.ExpectedPurchases              FuzzCustomerBase
//	BGNBD.LogLikelihood                  FuzzCustomerBase
//	BGNBD.Predict                        FuzzCustomerBase
//	BGNBD.ProbabilityAlive               FuzzCustomerBase
//	BGNBD.ProbabilityOfPurchases         FuzzCustomerBase
//	BGNBD.String                         FuzzCustomerBase
//	Bias                                 FuzzForecastEntryPoints
//	BiasRatio                            FuzzForecastEntryPoints
//	BookingsDistribution                 FuzzBookingsDistribution
//	BookingsOutcome.String               FuzzBookingsDistribution
//	CLV                                  FuzzCustomerBase
//	CLVOptions.Validate                  FuzzCustomerBase
//	Call.MarshalJSON                     FuzzForecastEntryPoints
//	Call.UnmarshalJSON                   FuzzForecastEntryPoints
//	Call.Validate                        FuzzForecastEntryPoints
//	CallAccuracy                         FuzzForecastEntryPoints
//	CallOptions.Validate                 FuzzForecastEntryPoints
//	CallPeriod.MarshalJSON               FuzzForecastEntryPoints
//	Capacity                             FuzzCapacity
//	CapacityOptions.Validate             FuzzCapacity
//	CheckHoldout                         FuzzCustomerBase
//	CompareModels                        FuzzCustomerBase
//	CustomerFitOptions.Validate          FuzzCustomerBase
//	CustomerSummary.MarshalJSON          FuzzCustomerBase
//	CustomerSummary.MeanSpend            FuzzCustomerBase
//	CustomerSummary.String               FuzzCustomerBase
//	CustomerSummary.Validate             FuzzCustomerBase
//	DayBasis.UnmarshalText               FuzzForecastEntryPoints
//	DiscreteSummary.Validate             FuzzBGBB
//	FitBGBB                              FuzzBGBB
//	FitBGNBD                             FuzzCustomerBase
//	FitGammaGamma                        FuzzCustomerBase
//	FitMBGNBD                            FuzzCustomerBase
//	FitParetoNBD                         FuzzCustomerBase
//	FitWinModel                          FuzzWinModel
//	ForecastAccuracy.Defined             FuzzForecastEntryPoints (also FuzzAccuracy)
//	ForecastAccuracy.String              FuzzForecastEntryPoints
//	GammaGamma.ConditionalExpectedSpend  FuzzCustomerBase
//	GammaGamma.PopulationMeanSpend       FuzzCustomerBase
//	GammaGamma.String                    FuzzCustomerBase
//	Hiring.MarshalJSON                   FuzzCapacity
//	Hiring.String                        FuzzCapacity
//	HoldoutOptions.Validate              FuzzCustomerBase
//	HoltWinters                          FuzzHoltWinters
//	HoltWintersModel.Forecast            FuzzHoltWinters
//	HoltWintersModel.String              FuzzHoltWinters
//	HoltWintersOptions.Validate          FuzzHoltWinters
//	Linear                               FuzzLinear
//	LinearModel.Forecast                 FuzzLinear
//	LinearModel.String                   FuzzLinear
//	LinearOptions.Validate               FuzzLinear
//	MAE                                  FuzzForecastEntryPoints
//	MAPE                                 FuzzAccuracy
//	MASE                                 FuzzAccuracy
//	MBGNBD.ConditionalExpectedPurchases  FuzzCustomerBase
//	MBGNBD.ExpectedPurchases             FuzzCustomerBase
//	MBGNBD.LogLikelihood                 FuzzCustomerBase
//	MBGNBD.Predict                       FuzzCustomerBase
//	MBGNBD.ProbabilityAlive              FuzzCustomerBase
//	MBGNBD.ProbabilityOfPurchases        FuzzCustomerBase
//	MBGNBD.String                        FuzzCustomerBase
//	MonthCapacity.MarshalJSON            FuzzCapacity
//	Movement.Category                    FuzzPipelineMovement (also FuzzForecastEntryPoints)
//	MovementCategory.UnmarshalText       FuzzForecastEntryPoints
//	MovementGrouping.UnmarshalText       FuzzForecastEntryPoints
//	MovementLine.MarshalJSON             FuzzPipelineMovement
//	MovementLine.String                  FuzzPipelineMovement
//	MovementOptions.Validate             FuzzPipelineMovement
//	MovementReason.UnmarshalText         FuzzForecastEntryPoints
//	MovementTotal.MarshalJSON            FuzzPipelineMovement
//	NewSeries                            FuzzHoltWinters (also FuzzForecastEntryPoints, FuzzLinear)
//	ParetoNBD.ConditionalExpectedPurchases  FuzzCustomerBase
//	ParetoNBD.ExpectedPurchases          FuzzCustomerBase
//	ParetoNBD.LogLikelihood              FuzzCustomerBase
//	ParetoNBD.Predict                    FuzzCustomerBase
//	ParetoNBD.ProbabilityAlive           FuzzCustomerBase
//	ParetoNBD.String                     FuzzCustomerBase
//	PipelineMovement                     FuzzPipelineMovement
//	Projection.MarshalJSON               FuzzRunRate
//	Projection.String                    FuzzRunRate
//	RMSE                                 FuzzForecastEntryPoints
//	RepCallAccuracy.Defined              FuzzForecastEntryPoints
//	RepCallAccuracy.MarshalJSON          FuzzForecastEntryPoints
//	RepCallAccuracy.String               FuzzForecastEntryPoints
//	RepsNeeded                           FuzzCapacity
//	RunRate                              FuzzRunRate
//	SMAPE                                FuzzForecastEntryPoints
//	Series.Len                           FuzzLinear
//	Series.Next                          FuzzHoltWinters (also FuzzForecastEntryPoints, FuzzLinear)
//	Series.SeasonLength                  FuzzForecastEntryPoints
//	Series.Validate                      FuzzHoltWinters (also FuzzForecastEntryPoints, FuzzLinear)
//	Series.Values                        FuzzHoltWinters (also FuzzLinear)
//	Snapshot.UnmarshalJSON               FuzzForecastEntryPoints
//	Snapshot.Validate                    FuzzForecastEntryPoints
//	StageRates.Probabilities             FuzzForecastEntryPoints
//	StageRates.Probability               FuzzForecastEntryPoints
//	StageWinRates                        FuzzForecastEntryPoints
//	Summarize                            FuzzCustomerBase
//	SummarizeHoldout                     FuzzCustomerBase
//	SummaryOptions.Validate              FuzzCustomerBase
//	TeamCapacity.MarshalJSON             FuzzCapacity
//	TotalAccuracy                        FuzzForecastEntryPoints
//	Transaction.MarshalJSON              FuzzForecastEntryPoints
//	Transaction.UnmarshalJSON            FuzzForecastEntryPoints
//	Transaction.Validate                 FuzzForecastEntryPoints
//	WAPE                                 FuzzAccuracy
//	Waterfall.String                     FuzzPipelineMovement
//	WinModel.Probabilities               FuzzWinModel
//	WinModel.Probability                 FuzzWinModel
//	WinModel.String                      FuzzWinModel
//	WinModelOptions.Validate             FuzzWinModel
//	WinScore.String                      FuzzWinModel
