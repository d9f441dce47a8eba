package crm

import (
	"bufio"
	"bytes"
	"io"
	"iter"
	"math"

	"github.com/salesmetrics/salesmetrics/activity"
)

// CSV returns a reader of the rows of a CSV file as exports are, reading
// from r (the host's file): a UTF-8 byte order mark skipped, the separator
// taken from the first line (',', ';' or a tab, whichever occurs most
// outside quotes: European locales' spreadsheets write ';' since their
// decimal point is a comma), rows of any length (for footer lines), a
// quote inside an unquoted cell read as text (27" monitors) and the row
// slice reused. It reads as encoding/csv's Reader with those settings
// (LazyQuotes, FieldsPerRecord -1, ReuseRecord) does, as fast on quoted
// rows and a third faster on rows without quotes (BenchmarkCSV). It
// reads ahead of what it is asked for by at most 64 KiB (the first line is
// peeked at for the separator).
func CSV(r io.Reader) *CSVReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	return &CSVReader{br: br, comma: byte(comma(head))}
}

// comma returns the separator a first line uses.
func comma(head []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			return pick(counts)
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	return pick(counts)
}

func pick(counts map[rune]int) rune {
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// Join returns streams that range over each of ss in turn, field by field:
// the deals of every export, then the stage changes of every export, and
// so on, as activity.NewIndexFrom reads them. Their size hints add up (a
// negative one stays negative, for NewIndexFrom to report; a sum too large
// for an int is the largest int).
func Join(ss ...activity.Streams) activity.Streams {
	var out activity.Streams
	var reps []iter.Seq[activity.Rep]
	var deals []iter.Seq[activity.Deal]
	var changes []iter.Seq[activity.StageChange]
	var acts []iter.Seq[activity.Activity]
	var quotas []iter.Seq[activity.Quota]
	for _, s := range ss {
		reps, deals, changes = appendSeq(reps, s.Reps), appendSeq(deals, s.Deals), appendSeq(changes, s.StageChanges)
		acts, quotas = appendSeq(acts, s.Activities), appendSeq(quotas, s.Quotas)
		out.Sizes.Deals = addSize(out.Sizes.Deals, s.Sizes.Deals)
		out.Sizes.StageChanges = addSize(out.Sizes.StageChanges, s.Sizes.StageChanges)
		out.Sizes.Activities = addSize(out.Sizes.Activities, s.Sizes.Activities)
	}
	out.Reps, out.Deals, out.StageChanges = concat(reps), concat(deals), concat(changes)
	out.Activities, out.Quotas = concat(acts), concat(quotas)
	return out
}

func addSize(a, b int) int {
	switch {
	case a < 0 || b < 0:
		return min(a, b)
	case a > math.MaxInt-b:
		return math.MaxInt
	}
	return a + b
}

func appendSeq[T any](list []iter.Seq[T], s iter.Seq[T]) []iter.Seq[T] {
	if s == nil {
		return list
	}
	return append(list, s)
}

func concat[T any](list []iter.Seq[T]) iter.Seq[T] {
	if len(list) == 0 {
		return nil
	}
	return func(yield func(T) bool) {
		for _, s := range list {
			for v := range s {
				if !yield(v) {
					return
				}
			}
		}
	}
}
