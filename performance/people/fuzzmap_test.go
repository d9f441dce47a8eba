package people

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./performance/people: an entry point
// is reached when its body has a covered statement. The first target named
// is the one that names it or, failing that, runs its statements most often;
// the others reach it too. The enumerations whose String and MarshalText are
// on the first row: OutcomeMeasure, Quadrant, RampMilestone, RankMethod.
//
//	String/MarshalText of enums   FuzzPeopleEntryPoints
//	ActivityAssociation           FuzzPeopleEntryPoints
//	Association.String            FuzzPeopleEntryPoints
//	BookingsScores                FuzzPeopleEntryPoints
//	Contest                       FuzzPeopleEntryPoints
//	EffortQuadrants.String        FuzzPeopleEntryPoints
//	EffortVsResults               FuzzPeopleEntryPoints
//	Goal.MarshalJSON              FuzzPeopleEntryPoints
//	Goal.Validate                 FuzzPeopleEntryPoints
//	GoalProgress                  FuzzPeopleEntryPoints
//	GoalStatus.MarshalJSON        FuzzPeopleEntryPoints
//	GoalStatus.String             FuzzPeopleEntryPoints
//	Leaderboard                   FuzzLeaderboard (also FuzzPeopleEntryPoints)
//	ObjectiveScore.MarshalJSON     FuzzLeaderboard
//	ObjectiveScore.Score           FuzzLeaderboard
//	ObjectiveScores                FuzzLeaderboard
//	OutcomeMeasure.UnmarshalText  FuzzPeopleEntryPoints
//	Peers                         FuzzPeers
//	PeriodResult.MarshalJSON      FuzzStreaks
//	PeriodResult.Met              FuzzStreaks
//	Points                        FuzzPeopleEntryPoints
//	PointWeights.MarshalJSON      FuzzPeopleEntryPoints
//	PointWeights.Validate         FuzzPeopleEntryPoints
//	Quadrant.UnmarshalText        FuzzPeopleEntryPoints
//	Ramp.String                   FuzzPeopleEntryPoints
//	RampMilestone.UnmarshalText   FuzzPeopleEntryPoints
//	RankMethod.UnmarshalText      FuzzPeopleEntryPoints
//	RankOptions.Validate          FuzzPeopleEntryPoints (also FuzzLeaderboard)
//	Score.MarshalJSON             FuzzPeopleEntryPoints
//	Scorecard.MarshalJSON         FuzzPeopleEntryPoints
//	Scorecard.String              FuzzPeopleEntryPoints
//	ScorecardOptions.Validate     FuzzPeopleEntryPoints
//	Scorecards                    FuzzPeopleEntryPoints
//	ScoresOf                      FuzzPeopleEntryPoints
//	Standing.MarshalJSON          FuzzPeopleEntryPoints
//	Standing.String               FuzzPeopleEntryPoints
//	Streak.String                 FuzzStreaks
//	Streaks                       FuzzStreaks
//	TimeToRamp                    FuzzPeopleEntryPoints
//	WinRateScores                 FuzzPeopleEntryPoints
