package activity

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./activity: an entry point is reached
// when its body has a covered statement. The first target named is the one
// that names it or, failing that, runs its statements most often; the others
// reach it too. The first rows are the String and MarshalText of the
// enumerations (Dimension, ForecastCategory, Granularity, MonthPattern,
// RateDate, Status, TeamRule, WeekRule, YearEndRule, YearNaming), which no
// one target reaches all of.
//
//	Calendar.PeriodNamed      FuzzCalendar
//	Calendar.PositionOf       FuzzCalendar
//	Date.WeekOfYear           FuzzCalendar
//	Dimension.MarshalText           FuzzIndexEntryPoints
//	Dimension.String                FuzzIndexEntryPoints
//	ForecastCategory.MarshalText    FuzzIndexEntryPoints
//	ForecastCategory.String         FuzzIndexEntryPoints
//	Granularity.String              FuzzIndexEntryPoints
//	MonthPattern.String             FuzzCalendar
//	RateDate.String                 FuzzRateTable
//	Status.MarshalText              FuzzDecodeDeal
//	Status.String                   FuzzNewIndex (also FuzzIndexEntryPoints, FuzzRecordsJSON)
//	TeamRule.String                 FuzzIndexEntryPoints
//	WeekRule.String                 FuzzCalendar
//	WeekSystem.String         FuzzCalendar
//	YearEndRule.String              FuzzCalendar
//	YearNaming.String               FuzzCalendar
//	Activity.MarshalJSON            FuzzDecodeActivity
//	Activity.UnmarshalJSON          FuzzDecodeActivity (also FuzzRecordsJSON)
//	Activity.Validate               FuzzIndexEntryPoints (also FuzzDecodeActivity)
//	ActivityVolume                  FuzzIndexEntryPoints
//	ActivityVolumeBy                FuzzIndexEntryPoints
//	Assignment.Contains             FuzzIndexEntryPoints
//	Assignment.UnmarshalJSON        FuzzIndexEntryPoints (also FuzzRecordsJSON)
//	By.Grain                        FuzzIndexEntryPoints
//	By.String                       FuzzIndexEntryPoints
//	By.Validate                     FuzzIndexEntryPoints
//	ByAttribute                     FuzzIndexEntryPoints
//	ByKind                          FuzzIndexEntryPoints
//	ByPeriod                        FuzzIndexEntryPoints
//	ByRep                           FuzzIndexEntryPoints
//	BySegment                       FuzzIndexEntryPoints
//	BySource                        FuzzIndexEntryPoints
//	ByTeam                          FuzzIndexEntryPoints
//	ByTerritory                     FuzzIndexEntryPoints
//	Calendar.Day                    FuzzIndexEntryPoints
//	Calendar.FiscalYear             FuzzCalendar
//	Calendar.Month                  FuzzIndexEntryPoints
//	Calendar.PeriodOf               FuzzCalendar (also FuzzIndexEntryPoints)
//	Calendar.Periods                FuzzCalendar (also FuzzIndexEntryPoints)
//	Calendar.PeriodsWithin          FuzzIndexEntryPoints
//	Calendar.Quarter                FuzzIndexEntryPoints
//	Calendar.Validate               FuzzIndexEntryPoints
//	Calendar.Week                   FuzzIndexEntryPoints
//	Calendar.WorkingDays            FuzzCalendar (also FuzzIndexEntryPoints)
//	Calendar.Year                   FuzzIndexEntryPoints
//	ConnectRate.String              FuzzIndexEntryPoints
//	Connects                        FuzzIndexEntryPoints
//	Conversion.Convert              FuzzRateTable
//	Conversion.Validate             FuzzRateTable
//	Currency.MinorUnits             FuzzRateTable
//	Currency.Round                  FuzzRateTable
//	Currency.RoundBank              FuzzRateTable
//	Currency.Validate               FuzzIndexEntryPoints (also FuzzDecodeDeal, FuzzNewIndex, FuzzRateTable, FuzzRecordsJSON)
//	Date.End                        FuzzIndexEntryPoints (also FuzzCalendar, FuzzRecordsJSON)
//	Date.IsZero                     FuzzIndexEntryPoints (also FuzzCalendar, FuzzDecodeDeal, FuzzNewIndex, FuzzRecordsJSON)
//	Date.MarshalText                FuzzCalendar
//	Date.Start                      FuzzCalendar
//	Date.String                     FuzzCalendar
//	Date.UnmarshalText              FuzzCalendar
//	DateOf                          FuzzCalendar (also FuzzIndexEntryPoints, FuzzRecordsJSON)
//	Deal.CloseTime                  FuzzIndexEntryPoints (also FuzzDecodeDeal, FuzzNewIndex, FuzzRecordsJSON)
//	Deal.ExpectedCloseTime          FuzzIndexEntryPoints (also FuzzDecodeDeal, FuzzNewIndex, FuzzRecordsJSON)
//	Deal.MarshalJSON                FuzzDecodeDeal
//	Deal.UnmarshalJSON              FuzzDecodeDeal (also FuzzRecordsJSON)
//	Deal.Validate                   FuzzDecodeDeal (also FuzzNewIndex)
//	DecodeAmount                    FuzzDecodeDeal (also FuzzRecordsJSON)
//	DecodeTime                      FuzzCalendar (also FuzzDecodeActivity, FuzzDecodeDeal, FuzzIndexEntryPoints, FuzzRateTable, FuzzRecordsJSON)
//	Dict.Key                        FuzzIndexEntryPoints (also FuzzNewIndex, FuzzRecordsJSON)
//	Dict.Len                        FuzzIndexEntryPoints (also FuzzNewIndex, FuzzRecordsJSON)
//	Dict.Name                       FuzzIndexEntryPoints (also FuzzNewIndex)
//	Dict.Names                      FuzzIndexEntryPoints
//	Dimension.UnmarshalText         FuzzIndexEntryPoints
//	ExchangeRate.MarshalJSON        FuzzRateTable
//	ExchangeRate.String             FuzzRateTable
//	ExchangeRate.UnmarshalJSON      FuzzRateTable
//	ExchangeRates.Rate              FuzzRateTable
//	ForecastCategory.UnmarshalText  FuzzIndexEntryPoints
//	Funnel.Position                 FuzzIndexEntryPoints
//	Funnel.Validate                 FuzzNewIndex (also FuzzIndexEntryPoints, FuzzRecordsJSON)
//	Index.Accounts                  FuzzIndexEntryPoints
//	Index.Activity                  FuzzIndexEntryPoints
//	Index.ActivityAt                FuzzIndexEntryPoints
//	Index.ActivityDeal              FuzzIndexEntryPoints
//	Index.ActivityKind              FuzzIndexEntryPoints
//	Index.ActivityRep               FuzzIndexEntryPoints
//	Index.All                       FuzzIndexEntryPoints
//	Index.Currencies                FuzzIndexEntryPoints
//	Index.Deal                      FuzzIndexEntryPoints (also FuzzNewIndex)
//	Index.DealAmount                FuzzIndexEntryPoints
//	Index.DealAttribute             FuzzIndexEntryPoints
//	Index.DealClosed                FuzzIndexEntryPoints
//	Index.DealCreated               FuzzIndexEntryPoints
//	Index.DealCurrency              FuzzIndexEntryPoints
//	Index.DealID                    FuzzIndexEntryPoints
//	Index.DealOwner                 FuzzIndexEntryPoints
//	Index.DealRow                   FuzzIndexEntryPoints
//	Index.DealStage                 FuzzIndexEntryPoints
//	Index.DealStatus                FuzzIndexEntryPoints
//	Index.DealTeam                  FuzzIndexEntryPoints
//	Index.Funnel                    FuzzIndexEntryPoints
//	Index.Kinds                     FuzzIndexEntryPoints
//	Index.LossReasons               FuzzIndexEntryPoints
//	Index.NumActivities             FuzzIndexEntryPoints
//	Index.NumDeals                  FuzzIndexEntryPoints
//	Index.NumStageChanges           FuzzIndexEntryPoints
//	Index.Options                   FuzzIndexEntryPoints
//	Index.Outcomes                  FuzzIndexEntryPoints
//	Index.Quotas                    FuzzIndexEntryPoints
//	Index.Rep                       FuzzIndexEntryPoints
//	Index.Reps                      FuzzIndexEntryPoints
//	Index.Segments                  FuzzIndexEntryPoints
//	Index.Skipped                   FuzzIndexEntryPoints (also FuzzNewIndex)
//	Index.Sources                   FuzzIndexEntryPoints
//	Index.StageLost                 FuzzIndexEntryPoints
//	Index.StageWon                  FuzzIndexEntryPoints
//	Index.Stages                    FuzzIndexEntryPoints
//	Index.TeamAt                    FuzzIndexEntryPoints
//	Index.Teams                     FuzzIndexEntryPoints
//	Index.Territories               FuzzIndexEntryPoints
//	IndexOptions.Validate           FuzzIndexEntryPoints (also FuzzNewIndex, FuzzRecordsJSON)
//	NewExchangeRates                FuzzRateTable
//	NewIndex                        FuzzNewIndex (also FuzzIndexEntryPoints, FuzzRecordsJSON)
//	NewIndexFrom                    FuzzIndexEntryPoints
//	NewVolumeTally                  FuzzIndexEntryPoints
//	Optional.Get                    FuzzNewIndex (also FuzzDecodeDeal, FuzzIndexEntryPoints, FuzzRecordsJSON)
//	Optional.IsZero                 FuzzDecodeDeal
//	Optional.MarshalJSON            FuzzDecodeDeal
//	Optional.Or                     FuzzIndexEntryPoints (also FuzzNewIndex)
//	Optional.UnmarshalJSON          FuzzDecodeDeal (also FuzzRecordsJSON)
//	ParseDate                       FuzzCalendar (also FuzzRecordsJSON)
//	ParseTime                       FuzzParseTime (also FuzzCalendar, FuzzDecodeActivity, FuzzDecodeDeal, FuzzIndexEntryPoints, FuzzRateTable, FuzzRecordsJSON)
//	Period.Contains                 FuzzIndexEntryPoints (also FuzzCalendar)
//	Period.Duration                 FuzzCalendar
//	Period.IsZero                   FuzzCalendar
//	Period.String                   FuzzIndexEntryPoints (also FuzzRecordsJSON)
//	Period.UnmarshalJSON            FuzzCalendar
//	Period.Validate                 FuzzIndexEntryPoints (also FuzzRateTable, FuzzRecordsJSON)
//	Quota.Validate                  FuzzIndexEntryPoints
//	RecordError.Error               FuzzIndexEntryPoints
//	RecordError.Unwrap              FuzzIndexEntryPoints (also FuzzRecordsJSON)
//	Records.UnmarshalJSON           FuzzRecordsJSON
//	Rep.At                          FuzzIndexEntryPoints
//	Rep.MarshalJSON                 FuzzIndexEntryPoints
//	Rep.RampFactor                  FuzzIndexEntryPoints
//	Rep.TenureMonth                 FuzzIndexEntryPoints
//	Rep.UnmarshalJSON               FuzzIndexEntryPoints (also FuzzRecordsJSON)
//	Rep.Validate                    FuzzIndexEntryPoints
//	Some                            FuzzNewIndex (also FuzzDecodeDeal, FuzzIndexEntryPoints, FuzzRecordsJSON)
//	StageChange.UnmarshalJSON       FuzzRecordsJSON
//	StageChange.Validate            FuzzIndexEntryPoints
//	Status.Closed                   FuzzIndexEntryPoints
//	Status.UnmarshalText            FuzzDecodeDeal (also FuzzRecordsJSON)
//	TypicalB2B                      FuzzNewIndex (also FuzzIndexEntryPoints)
//	View.ActivitiesIn               FuzzIndexEntryPoints
//	View.ActivitiesWhere            FuzzIndexEntryPoints
//	View.ActivityRows               FuzzIndexEntryPoints
//	View.DealRows                   FuzzIndexEntryPoints
//	View.DealsWhere                 FuzzIndexEntryPoints
//	View.Err                        FuzzIndexEntryPoints
//	View.Index                      FuzzIndexEntryPoints
//	View.Label                      FuzzIndexEntryPoints
//	View.Rep                        FuzzIndexEntryPoints
//	View.String                     FuzzIndexEntryPoints
//	View.Team                       FuzzIndexEntryPoints
//	View.Territory                  FuzzIndexEntryPoints
//	Volume.String                   FuzzIndexEntryPoints
//	VolumeTally.Add                 FuzzIndexEntryPoints
//	VolumeTally.MarshalBinary       FuzzVolumeTallyBinary
//	VolumeTally.Merge               FuzzIndexEntryPoints
//	VolumeTally.Result              FuzzIndexEntryPoints
//	VolumeTally.UnmarshalBinary     FuzzVolumeTallyBinary
//	WeekRule.Weekday                FuzzIndexEntryPoints (also FuzzCalendar)
