// Package crm turns the rows of CRM exports into salesmetrics records:
// Salesforce and HubSpot exports as those CRMs write them, and any other
// export described by a layout in JSON. It opens no file: the host opens it
// and passes its rows (CSV reads them from a file, or any Rows such as a
// *csv.Reader); the package yields
// activity.Streams, so that an index is built without holding every
// record.
//
// A Layout is an export's description as data: which column holds which
// record field, how dates and numbers are written, what the CRM's stages
// (with their status and default probability), activity types, outcomes
// and forecast categories mean, and the time zone and default currency.
// The built-in layouts (Builtin, Layouts):
//
//	salesforce-opportunities-report        Opportunities report, CSV "Details Only"
//	salesforce-opportunity                 Opportunity object (Data Loader, API names)
//	salesforce-opportunity-history         OpportunityHistory object
//	salesforce-opportunity-field-history   OpportunityFieldHistory object (StageName rows)
//	salesforce-task, salesforce-event      Task and Event objects
//	hubspot-deals                          deals export with Date entered "<stage> (<pipeline>)"
//	hubspot-deal-stage-history             deal stage property history
//	hubspot-calls, -emails, -meetings, -tasks   activity exports
//	roster, quotas, rates                  the other inputs a report needs
//	salesmetrics-deals                     the Deal record's own field names
//
// ParseLayout reads a layout from JSON, on its own or extending a built-in
// one ("extends": "salesforce-opportunities-report", adding an org's
// custom stages). Detect picks the layout a header matches, or says which
// columns the closest lacked.
//
// A Reader reads one export: NewReader takes its header, then the
// iterator of its table (Deals, StageChanges, Activities, Reps, Quotas,
// Rates, or Streams for NewIndexFrom) reads the rest one row at a time.
// Files as people have them are read: a UTF-8 byte order mark, decimal
// commas (Layout.DecimalComma), thousands separators, currency codes in
// amount cells, percent probabilities, dates in the user's locale
// (Layout.Dates, Options.Dates), the footer lines of a Salesforce report.
// CSV reads such files (byte order mark, ';' or tab separators, footer
// lines) from the host's io.Reader, as encoding/csv would, faster.
//
// Every row problem is a *RowError with the file, line, column, header and
// value, wrapping a sentinel of this package or of package activity. By
// default the first bad row stops reading (Reader.Err); with
// Options.SkipInvalid bad rows are left out and listed (Reader.Skipped),
// never silently dropped.
//
// For large exports: Options.ReadAhead decodes rows on a goroutine of its
// own while the caller builds the index, and activity.Streams.Sizes (a
// file's line count will do) lets the index make room once; the index
// copies or interns the text of the deals, stage changes and activities
// it keeps (the reader copies a deal's attributes), so no part of those
// files stays in memory once it is built. Records kept whole (a roster's
// reps, quotas) keep their text, and with it the blocks of lines it was
// cut from, as do records a program keeps itself (see CSVReader).
//
// Choices where the CRMs leave room, each documented where it applies: a
// close date on an open deal is its expected close; a day stands for the
// last instant of the day as a close and the first as a creation;
// Salesforce's MostLikely forecast category counts as best case;
// OpportunityHistory rows that leave the stage as it was are not stage
// changes.
package crm
