package forecast

import (
	"bufio"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestSummarizeCDNOW builds the recency/frequency summary of every CDNOW
// customer from the raw transactions and compares it with the published
// summary files (weeks; calibration to 1997-09-30): x exactly, t_x, T and
// the mean repeat spend to their two printed decimals.
func TestSummarizeCDNOW(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/cdnow/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var txs []Transaction
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		at, err := time.Parse("20060102", fs[2])
		if err != nil {
			t.Fatal(err)
		}
		txs = append(txs, Transaction{Customer: fs[1], At: at, Amount: decimal.RequireFromString(fs[4])})
	}
	hs, err := Summarize(txs, SummaryOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), Unit: 7 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	g, err := os.Open("testdata/cdnow/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rows, err := csv.NewReader(g).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != len(rows)-1 {
		t.Fatalf("%d customers, want %d", len(hs), len(rows)-1)
	}
	bad := 0
	for i, r := range rows[1:] {
		x, _ := strconv.Atoi(r[1])
		tx, _ := strconv.ParseFloat(r[2], 64)
		T, _ := strconv.ParseFloat(r[3], 64)
		z, _ := strconv.ParseFloat(r[4], 64)
		h := hs[i]
		id, _ := strconv.Atoi(h.Customer)
		if id != i+1 || h.Summary.X != x || math.Abs(h.Summary.TX-tx) > 0.005 || math.Abs(h.Summary.T-T) > 0.005 || math.Abs(h.RepeatMean.InexactFloat64()-z) > 0.005+1e-9 {
			if bad++; bad < 5 {
				t.Errorf("customer %s: %+v %s, want x %d t_x %v T %v zbar %v", h.Customer, h.Summary, h.RepeatMean, x, tx, T, z)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d customers differ", bad)
	}
	for _, o := range []SummaryOptions{{}, {CalibrationEnd: time.Now()}} {
		if _, err := Summarize(txs, o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("%+v: %v", o, err)
		}
	}
	if _, err := Summarize([]Transaction{{At: time.Now()}}, SummaryOptions{CalibrationEnd: time.Now(), Unit: time.Hour}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("no customer: %v", err)
	}
}
