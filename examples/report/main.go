// Report reads a folder of CRM exports (Salesforce or HubSpot CSVs as
// those CRMs write them, exports in a layout described by a
// *.layout.json file, or salesmetrics JSON records) and prints the quarter
// review: activity, win rate, deal size, cycle, velocity, funnel,
// bookings, attainment, coverage, the pipeline and the forecast for the
// next quarter, activity against results, for the company, a team or a
// rep, and by team or rep.
//
//	go -C examples/report run . ../../activity/crm/testdata/book/salesforce
//
// The folder may hold a report.json with the org's settings (every field
// optional; flags override them):
//
//	{"time_zone": "America/New_York", "currency": "USD", "amount_currency": "EUR",
//	 "fiscal_year_start": 2, "year_naming": "end", "funnel": {"stages": [...]},
//	 "dates": ["D/M/YYYY"], "decimal_comma": true}
//
// currency is what money is reported in (converted at each deal's close
// with the folder's exchange rates); amount_currency, the currency of
// amounts in exports that do not name one. Without a funnel (the stages in
// order, with their probabilities and won and lost flags) the funnel and
// the weighted pipeline are not computed: an org's stages are its own.
//
// Flags: -period (a fiscal quarter 2025-Q3, a fiscal year 2025, a month
// 2025-07; default: the quarter of the last deal's creation or close),
// -as-of (a day; default the day of the last deal's creation or close:
// activities scheduled ahead do not move it), -tz, -currency,
// -amount-currency, -fiscal-start, -dates, -decimal-comma, -team, -rep,
// -by (team or rep), -skip (leave bad rows out and list them), -json (the
// Review as JSON, a documented contract: see Review), -html (one
// self-contained HTML page with the review's charts: the funnel, quota
// attainment, next quarter's bookings forecast and activity against
// results, drawn with gonum/plot).
//
// With -rep the review adds the rep's monthly bookings over six months
// against the other reps of their team (Review.Peers).
//
// Exit status 1 with the file, line and column of a bad value; 2 for bad
// flags.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/examples/internal/review"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the command line.
type config struct {
	dir, period, asOf, team, rep, by string
	settings                         Settings
	skip, json                       bool
	html                             string
}

func parse(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.period, "period", "", "period to review: a fiscal quarter 2025-Q3 (or FY2025-Q3), a fiscal year 2025, or a month 2025-07 (default: the quarter of the last deal's creation or close)")
	fs.StringVar(&c.asOf, "as-of", "", "day the open pipeline is taken at, YYYY-MM-DD (default: the day of the last deal's creation or close)")
	fs.StringVar(&c.settings.TimeZone, "tz", "", "the org's time zone, e.g. America/New_York (default: report.json, else UTC)")
	currency := fs.String("currency", "", "currency to report money in, converted with the folder's exchange rates (default: report.json, else the deals' one currency)")
	amountCurrency := fs.String("amount-currency", "", "currency of amounts whose row names none (default: report.json, else every row must name one)")
	fs.IntVar(&c.settings.FiscalYearStart, "fiscal-start", 0, "first month of the fiscal year, 1-12 (default: report.json, else 1)")
	fs.StringVar(&c.team, "team", "", "review one team")
	fs.StringVar(&c.rep, "rep", "", "review one rep (by id)")
	fs.StringVar(&c.by, "by", "", "add a line per team or rep: team or rep")
	fs.BoolVar(&c.skip, "skip", false, "leave bad rows out (listed on stderr) instead of stopping at the first")
	fs.BoolVar(&c.json, "json", false, "print the review as JSON")
	fs.StringVar(&c.html, "html", "", "write the review as one self-contained HTML page with its charts to this file (- for standard output)")
	dates := fs.String("dates", "", "comma-separated date patterns of the exports, e.g. D/M/YYYY (default: each layout's)")
	fs.BoolVar(&c.settings.DecimalComma, "decimal-comma", false, "numbers are written 1.234,50")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: report [flags] <folder of exports>")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return c, errors.New("one folder, please")
	}
	c.dir = fs.Arg(0)
	c.settings.Currency = activity.Currency(strings.ToUpper(*currency))
	c.settings.AmountCurrency = activity.Currency(strings.ToUpper(*amountCurrency))
	if *dates != "" {
		c.settings.Dates = strings.Split(*dates, ",")
	}
	switch c.by {
	case "", "team", "rep":
	default:
		return c, fmt.Errorf("-by %q: want team or rep", c.by)
	}
	if c.json && c.html != "" {
		return c, errors.New("-json and -html: give one")
	}
	if c.settings.FiscalYearStart < 0 || c.settings.FiscalYearStart > 12 {
		return c, fmt.Errorf("-fiscal-start %d: want a month 1-12", c.settings.FiscalYearStart)
	}
	return c, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	c, err := parse(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "report:", err)
		return 2
	}
	rv, err := build(c, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		return 1
	}
	if c.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rv); err != nil {
			fmt.Fprintln(stderr, "report:", err)
			return 1
		}
		return 0
	}
	if c.html != "" {
		if err := writeHTML(c.html, stdout, rv); err != nil {
			fmt.Fprintln(stderr, "report:", err)
			return 1
		}
		return 0
	}
	printReview(stdout, rv)
	return 0
}

// writeHTML writes the HTML review to the file named, or to stdout for -.
func writeHTML(name string, stdout io.Writer, rv Review) error {
	var b bytes.Buffer
	if err := printHTML(&b, rv); err != nil {
		return err
	}
	if name == "-" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(name, b.Bytes(), 0o644)
}

// build reads the folder and computes the review.
func build(c config, stderr io.Writer) (Review, error) {
	start := time.Now()
	terminal := isTerminal(stderr)
	progressed := false
	progress := func(file string, rows int) {
		if terminal && time.Since(start) > time.Second {
			fmt.Fprintf(stderr, "\rreading %s: %d rows", file, rows)
			progressed = true
		}
	}
	opt := crmOptions()
	opt.SkipInvalid = c.skip
	b, err := openBook(c.dir, c.settings, opt, progress)
	if err != nil {
		return Review{}, err
	}
	defer b.close()
	s := b.settings
	ix, err := activity.NewIndexFrom(b.streams(), activity.IndexOptions{Funnel: s.Funnel, Location: b.loc, SkipInvalid: c.skip})
	if progressed {
		fmt.Fprintln(stderr)
	}
	inputs, rerr := b.inputs()
	if rerr != nil {
		return Review{}, rerr // a bad row stopped a reader: the index saw only part of the book
	}
	if err != nil {
		return Review{}, b.locate(err)
	}
	if c.skip {
		skipped := b.skipped()
		for _, e := range ix.Skipped() {
			skipped = append(skipped, b.locateOne(e))
		}
		if len(skipped) > 0 {
			fmt.Fprintf(stderr, "report: skipped %d bad records:\n", len(skipped))
			for i, e := range skipped {
				if i == 20 {
					fmt.Fprintf(stderr, "  ... and %d more\n", len(skipped)-i)
					break
				}
				fmt.Fprintln(stderr, " ", e)
			}
		}
	}
	cal := activity.Calendar{Location: b.loc, FiscalYearStart: time.Month(max(s.FiscalYearStart, 1))}
	switch s.YearNaming {
	case "", "end":
	case "start":
		cal.YearNaming = activity.NameByStartYear
	default:
		return Review{}, fmt.Errorf("year_naming %q: want end or start", s.YearNaming)
	}
	last := review.LastTime(ix)
	if last.IsZero() {
		return Review{}, errors.New("the book has no deals")
	}
	asOf := activity.DateOf(last.In(b.loc)).End(b.loc).Add(time.Nanosecond)
	if c.asOf != "" {
		d, err := activity.ParseDate(c.asOf)
		if err != nil {
			return Review{}, fmt.Errorf("-as-of: %w", err)
		}
		asOf = d.End(b.loc).Add(time.Nanosecond)
	}
	period, err := choosePeriod(cal, c.period, asOf)
	if err != nil {
		return Review{}, err
	}
	next, err := cal.Quarter(period.End)
	if err != nil {
		return Review{}, err
	}
	conv, err := conversion(s.Currency, b.rates)
	if err != nil {
		return Review{}, err
	}
	v, scope := ix.All(), "company"
	switch {
	case c.team != "":
		if v, err = v.Team(c.team); err != nil {
			return Review{}, err
		}
		scope = "team " + c.team
	case c.rep != "":
		if v, err = v.Rep(c.rep); err != nil {
			return Review{}, err
		}
		scope = "rep " + c.rep
	}
	rv, err := review.Compute(v, review.Options{Period: period, Next: next, AsOf: asOf, Cal: cal, Conv: conv, By: c.by, Names: b.repNames, Scope: scope})
	out := Review{Review: rv, Inputs: inputs}
	if err == nil && c.rep != "" {
		pr, perr := peerReview(ix, c.rep, period, cal, conv)
		if perr != nil {
			if out.Undefined == nil {
				out.Undefined = map[string]string{}
			}
			out.Undefined["peers"] = perr.Error()
		}
		out.Peers = pr
	}
	return out, err
}

// choosePeriod reads -period: 2025-Q3 or FY2025-Q3 (a quarter of the fiscal
// year 2025, as the calendar names fiscal years: by the year they end in
// unless report.json says "year_naming": "start"; with a January start,
// the calendar quarter), 2025 (the fiscal year), 2025-07 (a calendar
// month); empty: the quarter holding the instant before asOf.
func choosePeriod(cal activity.Calendar, s string, asOf time.Time) (activity.Period, error) {
	loc := cal.Location
	if s == "" {
		return cal.Quarter(asOf.Add(-time.Nanosecond))
	}
	bad := fmt.Errorf("-period %q: want 2025-Q3, FY2025-Q3, 2025-07 or 2025", s)
	name := strings.TrimPrefix(strings.ToUpper(s), "FY")
	year, rest, _ := strings.Cut(name, "-")
	y, err := strconv.Atoi(year)
	if err != nil || y < 1900 || y > 2199 {
		return activity.Period{}, bad
	}
	// Fiscal year y starts in FiscalYearStart of y (named by its start year)
	// or of y-1 (named by its end year, unless it is the calendar year).
	fyStart := time.Date(y, max(cal.FiscalYearStart, time.January), 1, 0, 0, 0, 0, loc)
	if cal.FiscalYearStart > time.January && cal.YearNaming == activity.NameByEndYear {
		fyStart = fyStart.AddDate(-1, 0, 0)
	}
	switch {
	case rest == "":
		return cal.Year(fyStart)
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		q := int(rest[1] - '1')
		return cal.Quarter(time.Date(fyStart.Year(), fyStart.Month()+time.Month(3*q), 1, 0, 0, 0, 0, loc))
	default:
		m, err := strconv.Atoi(rest)
		if err != nil || m < 1 || m > 12 {
			return activity.Period{}, bad
		}
		return cal.Month(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, loc))
	}
}

// conversion converts money into cur at each deal's close-date rate; nil
// without a currency (the book must then be in one currency).
func conversion(cur activity.Currency, rates []activity.ExchangeRate) (*activity.Conversion, error) {
	if cur == "" {
		return nil, nil
	}
	if err := cur.Validate(); err != nil {
		return nil, err
	}
	table, err := activity.NewExchangeRates(rates)
	if err != nil {
		return nil, err
	}
	return &activity.Conversion{To: cur, Converter: table}, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
