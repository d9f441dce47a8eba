package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// readCSV reads the rig's deals.csv and activities.csv into records. A
// deal's status follows its stage (closed_won, closed_lost, else open).
func readCSV(dir string) (activity.Records, error) {
	r := activity.Records{
		Deals:      make([]activity.Deal, 0, lines(filepath.Join(dir, "deals.csv"))),
		Activities: make([]activity.Activity, 0, lines(filepath.Join(dir, "activities.csv"))),
	}
	err := eachRow(filepath.Join(dir, "deals.csv"),
		[]string{"id", "owner_rep_id", "team", "territory", "stage", "amount", "currency", "created_at", "closed_at", "probability"},
		func(f []string) error {
			d := activity.Deal{ID: f[0], Owner: f[1], Team: f[2], Territory: f[3], Stage: activity.Stage(f[4]), Currency: activity.Currency(f[6])}
			var err error
			if d.Amount, err = decimal.NewFromString(f[5]); err != nil {
				return fmt.Errorf("amount: %w", err)
			}
			if d.CreatedAt, err = activity.ParseTime(f[7]); err != nil {
				return err
			}
			if d.ClosedAt, err = activity.ParseTime(f[8]); err != nil {
				return err
			}
			if f[9] != "" {
				p, err := decimal.NewFromString(f[9])
				if err != nil {
					return fmt.Errorf("probability: %w", err)
				}
				d.Probability = activity.Some(p)
			}
			switch d.Stage {
			case activity.StageClosedWon:
				d.Status = activity.StatusWon
			case activity.StageClosedLost:
				d.Status = activity.StatusLost
			default:
				d.Status = activity.StatusOpen
			}
			r.Deals = append(r.Deals, d)
			return nil
		})
	if err != nil {
		return r, err
	}
	err = eachRow(filepath.Join(dir, "activities.csv"),
		[]string{"id", "rep_id", "deal_id", "type", "at", "outcome"},
		func(f []string) error {
			a := activity.Activity{ID: f[0], Rep: f[1], Deal: f[2], Kind: activity.Kind(f[3]), Outcome: activity.Outcome(f[5])}
			var err error
			if a.At, err = activity.ParseTime(f[4]); err != nil {
				return err
			}
			r.Activities = append(r.Activities, a)
			return nil
		})
	return r, err
}

// rowsAbout estimates the number of data rows of a CSV file from its size
// and the length of its first lines (up to 1 MiB), 2% over so that the
// columns rarely grow; 0 (unknown) when the file cannot be read.
func rowsAbout(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0
	}
	buf := make([]byte, 1<<20)
	k, _ := io.ReadFull(f, buf)
	n := bytes.Count(buf[:k], []byte{'\n'})
	if k < len(buf) || n == 0 {
		return max(0, n-1) // the whole file was read (or one long line)
	}
	return int(float64(fi.Size()) / float64(k) * float64(n) * 1.02)
}

// lines returns the number of data rows of a CSV file (its lines less the
// header), to size the record slices once instead of growing them.
// It reads the file a block at a time: holding it whole would add its size
// to the program's peak memory.
func lines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n := 0
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			return max(0, n-1)
		}
	}
}

// eachRow calls fn with every row of a CSV file after checking its header.
// The strings of a row are fresh: the records keep them.
func eachRow(path string, header []string, fn func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	cr.FieldsPerRecord = len(header)
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !slices.Equal(head, header) {
		return fmt.Errorf("%s: header %v, want %v", path, head, header)
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := fn(rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}
