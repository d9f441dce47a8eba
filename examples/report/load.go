package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/activity/crm"
)

// Settings are what the folder's report.json says (every field optional);
// flags override them.
type Settings struct {
	TimeZone string `json:"time_zone,omitempty"`
	// Currency is the currency money is reported in, converted at each
	// deal's close-date rate from the folder's exchange rates.
	Currency activity.Currency `json:"currency,omitempty"`
	// AmountCurrency is the currency of amounts whose row names none (an
	// export without a currency column). Empty: every row must name one.
	AmountCurrency  activity.Currency `json:"amount_currency,omitempty"`
	YearNaming      string            `json:"year_naming,omitempty"`
	FiscalYearStart int               `json:"fiscal_year_start,omitempty"`
	Funnel          activity.Funnel   `json:"funnel,omitzero"`
	Dates           []string          `json:"dates,omitempty"`
	Times           []string          `json:"times,omitempty"`
	DecimalComma    bool              `json:"decimal_comma,omitempty"`
}

// Input is one file read, for the report's account of where its numbers
// came from.
type Input struct {
	File    string `json:"file"`
	Layout  string `json:"layout"`
	Rows    int    `json:"rows"`
	Skipped int    `json:"skipped,omitempty"`
}

// book is a folder's exports, opened and ready to stream into an index.
type book struct {
	dir      string
	settings Settings
	loc      *time.Location
	layouts  []*crm.Layout // the folder's own *.layout.json, tried before the built-in ones
	readers  []*crm.Reader
	names    []string
	closers  []io.Closer
	records  []activity.Records // from *.json record files
	rates    []activity.ExchangeRate
	repNames map[string]string // rep id -> name, from the roster
}

// openBook reads the folder's report.json and layouts, and opens each
// export, detecting its layout from its header. Files it does not know
// (README, anything not .csv or .json) are left alone.
func openBook(dir string, flags Settings, opt crm.Options, progress func(file string, rows int)) (*book, error) {
	b := &book{dir: dir, repNames: map[string]string{}}
	if raw, err := readSettings(dir); err == nil {
		d := json.NewDecoder(strings.NewReader(string(raw)))
		d.DisallowUnknownFields()
		if err := d.Decode(&b.settings); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "report.json"), err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	b.settings = overlay(b.settings, flags)
	b.loc = time.UTC
	if b.settings.TimeZone != "" {
		loc, err := time.LoadLocation(b.settings.TimeZone)
		if err != nil {
			return nil, fmt.Errorf("time zone: %w", err)
		}
		b.loc = loc
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var csvs []string
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		lower := strings.ToLower(name)
		switch {
		case e.IsDir(), strings.HasPrefix(name, "."), strings.HasPrefix(name, "~$"):
			// Folders, hidden files (macOS's ._deals.csv) and Excel's lock files.
		case strings.HasSuffix(lower, ".layout.json"):
			raw, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			l, err := crm.ParseLayout(raw)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			b.layouts = append(b.layouts, l)
		case lower == "report.json":
		case strings.HasSuffix(lower, ".json"):
			raw, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			// Records only: a JSON file with other keys is not silently
			// read as an empty book.
			var keys map[string]json.RawMessage
			if err := json.Unmarshal(raw, &keys); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			for k := range keys {
				switch k {
				case "deals", "stage_changes", "activities", "reps", "quotas":
				default:
					return nil, fmt.Errorf("%s: %q: not salesmetrics records (deals, stage_changes, activities, reps, quotas)", path, k)
				}
			}
			var r activity.Records
			if err := json.Unmarshal(raw, &r); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			b.records = append(b.records, r)
			b.names = append(b.names, name)
		case strings.HasSuffix(lower, ".csv"):
			csvs = append(csvs, name)
		}
	}
	slices.Sort(csvs)
	opt.Location = b.loc
	opt.Currency = b.settings.AmountCurrency
	opt.DecimalComma = b.settings.DecimalComma
	if b.settings.Dates != nil {
		opt.Dates = b.settings.Dates
	}
	if b.settings.Times != nil {
		opt.Times = b.settings.Times
	}
	for _, name := range csvs {
		if err := b.open(name, opt, progress); err != nil {
			b.close()
			return nil, err
		}
	}
	if len(b.readers) == 0 && len(b.records) == 0 {
		return nil, fmt.Errorf("%s: no exports (.csv) or records (.json) to read", dir)
	}
	return b, nil
}

func overlay(s, over Settings) Settings {
	if over.TimeZone != "" {
		s.TimeZone = over.TimeZone
	}
	if over.Currency != "" {
		s.Currency = over.Currency
	}
	if over.AmountCurrency != "" {
		s.AmountCurrency = over.AmountCurrency
	}
	if over.FiscalYearStart != 0 {
		s.FiscalYearStart = over.FiscalYearStart
	}
	if over.Dates != nil {
		s.Dates = over.Dates
	}
	s.DecimalComma = s.DecimalComma || over.DecimalComma
	return s
}

// readSettings reads the folder's report.json, whatever the case of its
// name.
func readSettings(dir string) ([]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(e.Name(), "report.json") {
			return os.ReadFile(filepath.Join(dir, e.Name()))
		}
	}
	return nil, os.ErrNotExist
}

// open opens one export and finds its layout: the folder's own layouts
// first, then the built-in ones.
func (b *book) open(name string, opt crm.Options, progress func(string, int)) error {
	path := filepath.Join(b.dir, name)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	b.closers = append(b.closers, f)
	opt.Name = name
	if progress != nil {
		opt.Progress = func(rows int) { progress(name, rows) }
	}
	// The header decides the layout: read it once to detect, then open the
	// reader with the layout found.
	header, err := crm.CSV(f).Read()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(b.layouts) > 0 {
		if l, err := crm.Detect(header, b.layouts); err == nil {
			opt.Layout = l
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r, err := crm.NewReader(crm.CSV(f), opt)
	if err != nil {
		return err
	}
	if r.Table() == crm.Rates {
		for x := range r.Rates() {
			b.rates = append(b.rates, x)
		}
		if r.Err() != nil {
			return r.Err()
		}
	}
	b.readers = append(b.readers, r)
	b.names = append(b.names, name)
	return nil
}

func (b *book) close() {
	for _, c := range b.closers {
		_ = c.Close()
	}
}

// streams returns every record of the book as one set of streams, the
// roster's names noted on the way.
func (b *book) streams() activity.Streams {
	var all []activity.Streams
	for _, r := range b.records {
		all = append(all, activity.Streams{
			Reps: slices.Values(r.Reps), Deals: slices.Values(r.Deals), StageChanges: slices.Values(r.StageChanges),
			Activities: slices.Values(r.Activities), Quotas: slices.Values(r.Quotas),
		})
	}
	for _, r := range b.readers {
		all = append(all, r.Streams())
	}
	s := crm.Join(all...)
	if reps := s.Reps; reps != nil {
		s.Reps = func(yield func(activity.Rep) bool) {
			for p := range reps {
				if p.Name != "" {
					b.repNames[p.ID] = p.Name
				}
				if !yield(p) {
					return
				}
			}
		}
	}
	return s
}

// inputs accounts for each file read, and returns the first reading error.
func (b *book) inputs() ([]Input, error) {
	var out []Input
	var errs []error
	i := 0
	for _, r := range b.records {
		out = append(out, Input{File: b.names[i], Layout: "records",
			Rows: len(r.Deals) + len(r.StageChanges) + len(r.Activities) + len(r.Reps) + len(r.Quotas)})
		i++
	}
	for _, r := range b.readers {
		out = append(out, Input{File: b.names[i], Layout: r.Layout().Name, Rows: r.Rows(), Skipped: len(r.Skipped())})
		if r.Err() != nil {
			errs = append(errs, r.Err())
		}
		i++
	}
	return out, errors.Join(errs...)
}

// skipped lists the rows left out under -skip.
func (b *book) skipped() []error {
	var out []error
	for _, r := range b.readers {
		out = append(out, r.Skipped()...)
	}
	return out
}

// crmOptions are the reader options every export starts from.
func crmOptions() crm.Options { return crm.Options{} }

// locate names the file and line of each record an index error is about:
// the index counts records in the order of the joined streams (records
// files first, then each export), and each reader knows the line of each
// record it yielded. Errors that are not about one record are kept as
// they are.
func (b *book) locate(err error) error {
	if err == nil {
		return nil
	}
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	out := make([]error, len(list))
	for i, e := range list {
		out[i] = b.locateOne(e)
	}
	return errors.Join(out...)
}

func (b *book) locateOne(err error) error {
	var re *activity.RecordError
	if !errors.As(err, &re) || re.Index < 0 {
		return err
	}
	i := re.Index
	for k, r := range b.records {
		n := 0
		switch re.Record {
		case "deal":
			n = len(r.Deals)
		case "stage change":
			n = len(r.StageChanges)
		case "activity":
			n = len(r.Activities)
		case "rep":
			n = len(r.Reps)
		case "quota":
			n = len(r.Quotas)
		}
		if i < n {
			return fmt.Errorf("%s: %w", b.names[k], err)
		}
		i -= n
	}
	for k, r := range b.readers {
		n := r.Yielded(re.Record)
		if i < n {
			if line, ok := r.Line(re.Record, i); ok {
				return fmt.Errorf("%s:%d: %w", b.names[len(b.records)+k], line, err)
			}
			return err
		}
		i -= n
	}
	return err
}
