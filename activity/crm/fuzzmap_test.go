package crm

// Fuzz coverage: each exported entry point and the target that reaches it.
//
// Measured by running each target's seed corpus (its f.Add calls and
// testdata/fuzz) alone with -coverpkg=./activity/crm: an entry point is
// reached when its body has a covered statement. The first target named is
// the one that names it or, failing that, runs its statements most often;
// the others reach it too. The enumerations whose String and MarshalText are
// on the first row: Table.
//
//	String/MarshalText of enums  FuzzReader (also FuzzParseLayout)
//	Builtin                      FuzzParseLayout
//	CSV                          FuzzReader (also FuzzParseLayout)
//	CSVReader.FieldPos           FuzzCSVReader (also FuzzReader)
//	CSVReader.Read               FuzzCSVReader (also FuzzReader, FuzzParseLayout)
//	Detect                       FuzzReader
//	Fields                       FuzzReader
//	Join                         FuzzReader
//	Layout.Funnel                FuzzParseLayout
//	Layout.Validate              FuzzParseLayout
//	Layouts                      FuzzReader
//	Names.UnmarshalJSON          FuzzParseLayout
//	NewReader                    FuzzReader (also FuzzParseLayout)
//	ParseLayout                  FuzzParseLayout
//	Reader.Activities            FuzzReader
//	Reader.Deals                 FuzzReader
//	Reader.Err                   FuzzReader
//	Reader.Header                FuzzReader
//	Reader.Layout                FuzzReader
//	Reader.Line                  FuzzReader
//	Reader.Quotas                FuzzReader
//	Reader.Rates                 FuzzReader
//	Reader.Reps                  FuzzReader
//	Reader.Rows                  FuzzReader
//	Reader.Skipped               FuzzReader
//	Reader.StageChanges          FuzzReader
//	Reader.Streams               FuzzReader
//	Reader.Table                 FuzzReader
//	Reader.Yielded               FuzzReader
//	RowError.Error               FuzzReader
//	RowError.Unwrap              FuzzReader
//	Table.UnmarshalText          FuzzReader (also FuzzParseLayout)
