package crm

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
)

// reportText writes n deals as a Salesforce Opportunities report export:
// quoted cells, thousands separators, M/D/YYYY days, percent
// probabilities, a currency column, the footer.
func reportText(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff\"Opportunity ID\",\"Opportunity Name\",\"Account Name\",\"Opportunity Owner\",\"Type\",\"Stage\"," +
		"\"Amount Currency\",\"Amount\",\"Probability (%)\",\"Forecast Category\",\"Close Date\",\"Created Date\",\"Closed\",\"Won\"\r\n")
	rng := rand.New(rand.NewPCG(1, 2))
	stages := []struct {
		name, p, cat, closed, won string
	}{
		{"Prospecting", "10", "Pipeline", "0", "0"}, {"Needs Analysis", "20", "Pipeline", "0", "0"},
		{"Proposal/Price Quote", "75", "Best Case", "0", "0"}, {"Closed Won", "100", "Closed", "1", "1"},
		{"Closed Lost", "0", "Omitted", "1", "0"},
	}
	currencies := []string{"USD", "USD", "USD", "EUR", "GBP"}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		s := stages[rng.IntN(len(stages))]
		created := start.AddDate(0, 0, rng.IntN(700))
		closed := created.AddDate(0, 0, 10+rng.IntN(170))
		cents := 50_000 + rng.IntN(200_000_000)
		fmt.Fprintf(&b, "\"0065g%013d\",\"Deal %d\",\"Account %d\",\"Rep %d\",\"New Business\",\"%s\",\"%s\",\"%s.%02d\",\"%s\",\"%s\",\"%d/%d/%d\",\"%d/%d/%d\",\"%s\",\"%s\"\r\n",
			i, i, rng.IntN(5000), rng.IntN(200), s.name, currencies[rng.IntN(len(currencies))], thousands(cents/100), cents%100,
			s.p, s.cat, closed.Month(), closed.Day(), closed.Year(), created.Month(), created.Day(), created.Year(), s.closed, s.won)
	}
	b.WriteString("\r\n\"Opportunities\"\r\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n")
	return b.Bytes()
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var out strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out.WriteByte(',')
		}
		out.WriteRune(c)
	}
	return out.String()
}

// BenchmarkReportToIndex reads a Salesforce report export of n deals
// through its layout straight into an index: CSV parsing, value reading,
// validation and the index build, with no []Deal held.
func BenchmarkReportToIndex(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		text := reportText(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r, err := NewReader(CSV(bytes.NewReader(text)), Options{})
				if err != nil {
					b.Fatal(err)
				}
				ix, err := activity.NewIndexFrom(r.Streams(), activity.IndexOptions{Funnel: r.Layout().Funnel()})
				if err != nil || r.Err() != nil || ix.NumDeals() != n {
					b.Fatal(err, r.Err())
				}
			}
		})
	}
}

// BenchmarkReportRows reads the same export's rows into deals without
// building an index: what the layout itself costs.
func BenchmarkReportRows(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		text := reportText(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r, err := NewReader(CSV(bytes.NewReader(text)), Options{})
				if err != nil {
					b.Fatal(err)
				}
				k := 0
				for range r.Deals() {
					k++
				}
				if k != n || r.Err() != nil {
					b.Fatal(k, r.Err())
				}
			}
		})
	}
}

// BenchmarkCSV reads the rows of the same export (every cell quoted), of
// an export without quotes and of one with a quoted cell every tenth row
// with CSV's reader and with encoding/csv's under the same settings.
func BenchmarkCSV(b *testing.B) {
	quoted := reportText(100_000)
	for _, c := range []struct {
		name string
		text []byte
	}{{"quoted", quoted}, {"plain", plainText(500_000, 0)}, {"mixed", plainText(500_000, 10)}} {
		b.Run(c.name, func(b *testing.B) { benchCSV(b, c.text) })
	}
}

func benchCSV(b *testing.B, text []byte) {
	b.Run("crm", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			r := CSV(bytes.NewReader(text))
			for {
				if _, err := r.Read(); err != nil {
					break
				}
			}
		}
	})
	b.Run("encoding-csv", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			r := csv.NewReader(bufio.NewReaderSize(bytes.NewReader(text), 64<<10))
			r.LazyQuotes, r.FieldsPerRecord, r.ReuseRecord = true, -1, true
			for {
				if _, err := r.Read(); err != nil {
					break
				}
			}
		}
	})
}

// plainText is an activities export of n rows without quotes, but for a
// quoted outcome every quotedEvery rows (none for 0).
func plainText(n, quotedEvery int) []byte {
	var text bytes.Buffer
	text.WriteString("id,rep_id,deal_id,type,at,outcome\n")
	for i := range n {
		outcome := "voicemail"
		if quotedEvery > 0 && i%quotedEvery == 0 {
			outcome = `"left a message, will call back"`
		}
		fmt.Fprintf(&text, "%d,%d,%d,call,2024-05-15T21:42:38Z,%s\n", i+1, i%200, i/5+1, outcome)
	}
	return text.Bytes()
}
