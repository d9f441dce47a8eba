package crm

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// CSVReader reads the rows of a CSV file as CSV sets it up. It reads what
// encoding/csv's Reader reads with LazyQuotes, FieldsPerRecord -1 and
// ReuseRecord (FuzzCSVReader holds it to that, field positions included),
// faster on rows without a quote: it makes one string of the lines it
// has buffered (up to 64 KiB) and cuts such rows' cells from it, where
// encoding/csv makes a string a row. A cell kept therefore keeps its
// block of lines in memory; a program that keeps a few cells of a large
// file, rather than building an index or keeping most rows, should copy
// them (strings.Clone). CSV makes one; the zero value reads nothing
// (ErrRead).
type CSVReader struct {
	br    *bufio.Reader
	comma byte
	line  int // lines read so far

	// block holds whole lines of br's buffer, from the start of br's
	// unread bytes; off of its bytes are read (and not yet discarded
	// from br).
	block string
	off   int

	long   []byte // a line longer than br's buffer, put together
	buf    []byte // the fields of the row, end to end
	ends   []int  // where each field ends in buf
	starts []fieldPos
	// isPlain says that the last row had no quote: buf holds its line, the
	// separators included, and starts is not kept.
	isPlain bool
	row     []string
}

type fieldPos struct{ line, col int }

// Read returns the next row, io.EOF after the last. The slice is reused
// by the next call; the strings are the caller's. Empty lines are skipped.
// The only errors are the underlying reader's, returned with what was read
// of the row, as csv.Reader does.
func (c *CSVReader) Read() ([]string, error) {
	if c.br == nil {
		return nil, fmt.Errorf("%w: a CSVReader not made by CSV", ErrRead)
	}
	if c.fromBlock() {
		return c.row, nil
	}
	var line []byte
	var err error
	for err == nil {
		if line, err = c.readLine(); err == nil && len(line) == nl(line) {
			continue // an empty line
		}
		break
	}
	if err == io.EOF {
		return nil, err
	}
	c.buf, c.ends, c.starts = c.buf[:0], c.ends[:0], c.starts[:0]
	// A plain row keeps its separators in buf, one byte between fields.
	c.isPlain = c.plain(line)
	skip := 1
	if !c.isPlain {
		c.quoted(line, &err)
		skip = 0
	}
	// One string for the row, the fields cut from it.
	c.cells(string(c.buf), skip)
	return c.row, err
}

// cells cuts the row's fields from s at ends, skip bytes (the separator
// or none) between them.
func (c *CSVReader) cells(s string, skip int) {
	c.row = c.row[:0]
	prev := 0
	for _, end := range c.ends {
		c.row = append(c.row, s[prev:end])
		prev = end + skip
	}
}

// fromBlock cuts the next row from the block of buffered lines, making a
// block when there is none, and reports whether it did. It does not when
// br holds no whole line without a quote before the next quote; Read
// then reads the line from br.
func (c *CSVReader) fromBlock() bool {
	for {
		if c.off == len(c.block) && !c.nextBlock() {
			return false
		}
		rest := c.block[c.off:]
		i := strings.IndexByte(rest, '\n') // a block ends with one
		line := rest[:i]
		c.off += i + 1
		c.line++
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		if len(line) == 0 {
			continue // an empty line
		}
		c.isPlain = true
		c.ends = separators(c.ends[:0], line, c.comma)
		c.ends = append(c.ends, len(line))
		c.cells(line, 1)
		return true
	}
}

// nextBlock makes the block of the whole lines br holds before its first
// quote (lines without one) and reports whether there is such a line,
// having discarded from br the block read before. It never reads: a line
// read from br fills it (and meets the underlying reader's errors, as
// Read reports them).
func (c *CSVReader) nextBlock() bool {
	c.release()
	p, _ := c.br.Peek(c.br.Buffered())
	if q := bytes.IndexByte(p, '"'); q >= 0 {
		p = p[:q]
	}
	i := bytes.LastIndexByte(p, '\n')
	if i < 0 {
		return false
	}
	c.block, c.off = string(p[:i+1]), 0
	return true
}

// release discards from br the bytes of the block read, and drops it.
func (c *CSVReader) release() {
	if c.off > 0 {
		_, _ = c.br.Discard(c.off)
	}
	c.block, c.off = "", 0
}

// separators appends the places of sep in line to ends.
func separators[Line string | []byte](ends []int, line Line, sep byte) []int {
	for i := 0; i < len(line); i++ {
		if line[i] == sep {
			ends = append(ends, i)
		}
	}
	return ends
}

// FieldPos returns the line and column (1-based, in bytes) where field
// (0-based) of the row Read last returned starts, as csv.Reader.FieldPos
// does. It panics for a field out of range, as csv.Reader's does.
func (c *CSVReader) FieldPos(field int) (line, column int) {
	if c.isPlain {
		_ = c.ends[field] // out of range panics, as in csv.Reader
		if field == 0 {
			return c.line, 1
		}
		return c.line, c.ends[field-1] + 2
	}
	p := c.starts[field]
	return p.line, p.col
}

// plain takes a line without a quote as the row, its separators left in
// buf and their places in ends, reporting false (having kept nothing)
// when the line has a quote.
func (c *CSVReader) plain(line []byte) bool {
	if bytes.IndexByte(line, '"') >= 0 {
		return false
	}
	line = line[:len(line)-nl(line)]
	c.buf = append(c.buf, line...)
	c.ends = separators(c.ends, line, c.comma)
	c.ends = append(c.ends, len(line))
	return true
}

// quoted cuts a row with quotes into fields by RFC 4180, leniently as
// csv.Reader's LazyQuotes is: a quote inside an unquoted field is text, a
// quote inside a quoted field not followed by another quote, the separator
// or the end of the line is text, and a quoted field runs on over line
// breaks, or to the end of the file. errRead is the error of the last line
// read; a read error inside a quoted field ends the row there (the field
// left out), as in csv.Reader.
func (c *CSVReader) quoted(line []byte, errRead *error) {
	col := 1
	for {
		if len(line) == 0 || line[0] != '"' {
			// An unquoted field, to the separator or the line's end.
			i := bytes.IndexByte(line, c.comma)
			field := line
			if i >= 0 {
				field = field[:i]
			} else {
				field = field[:len(field)-nl(field)]
			}
			c.buf = append(c.buf, field...)
			c.ends = append(c.ends, len(c.buf))
			c.starts = append(c.starts, fieldPos{c.line, col})
			if i < 0 {
				return
			}
			line = line[i+1:]
			col += i + 1
			continue
		}
		// A quoted field.
		start := fieldPos{c.line, col}
		line = line[1:]
		col++
	field:
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				c.buf = append(c.buf, line[:i]...)
				line = line[i+1:]
				col += i + 1
				switch {
				case len(line) > 0 && line[0] == '"': // "" is a quote
					c.buf = append(c.buf, '"')
					line = line[1:]
					col++
				case len(line) > 0 && line[0] == c.comma: // the field ends
					line = line[1:]
					col++
					c.ends = append(c.ends, len(c.buf))
					c.starts = append(c.starts, start)
					break field
				case nl(line) == len(line): // the row ends
					c.ends = append(c.ends, len(c.buf))
					c.starts = append(c.starts, start)
					return
				default: // a bare quote is text
					c.buf = append(c.buf, '"')
				}
			case len(line) > 0:
				// The field goes on over the line break.
				c.buf = append(c.buf, line...)
				if *errRead != nil {
					return
				}
				line, *errRead = c.readLine()
				col = 1
				if *errRead == io.EOF {
					*errRead = nil
				}
			default: // the file ends inside the quotes
				c.ends = append(c.ends, len(c.buf))
				c.starts = append(c.starts, start)
				return
			}
		}
	}
}

// readLine returns the next line with its "\n" ("\r\n" read as "\n"; a
// last line without one is returned as it is, less a trailing "\r"), and
// counts it. The line is valid until the next call.
func (c *CSVReader) readLine() ([]byte, error) {
	line, err := c.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		c.long = append(c.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = c.br.ReadSlice('\n')
			c.long = append(c.long, line...)
		}
		line = c.long
	}
	if len(line) > 0 && err == io.EOF {
		err = nil
		if line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
	}
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	c.line++ // every read counts, an empty one at an error too, as in encoding/csv
	return line, err
}

// nl is 1 if line ends with a line break, else 0.
func nl(line []byte) int {
	if len(line) > 0 && line[len(line)-1] == '\n' {
		return 1
	}
	return 0
}
