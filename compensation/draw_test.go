package compensation

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
)

// drawRun pays each month's earnings as a 100% commission on one credit of
// that amount, under draw, and returns the statements' pay and balances.
func drawRun(t *testing.T, draw Draw, earnings ...string) (pay, balance []string) {
	t.Helper()
	p := plan(Component{Name: "commission", Kind: Commission, Table: &RateTable{Tiers: []Tier{{From: d("0"), Rate: some("1")}}}})
	p.EffectiveFrom = time.Date(2002, 1, 1, 0, 0, 0, 0, time.UTC)
	p.Draw = &draw
	var periods []activity.Period
	var credits []Credit
	for i, e := range earnings {
		start := time.Date(2002, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		periods = append(periods, activity.Period{Start: start, End: start.AddDate(0, 1, 0), Name: start.Format("2006-01")})
		credits = append(credits, Credit{ID: string(rune('a' + i)), Rep: "terry", Amount: d(e), Currency: "USD", At: start.AddDate(0, 0, 9)})
	}
	sts, err := Statements(p, "terry", periods, credits, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		sum := d("0")
		for _, l := range st.Lines {
			sum = sum.Add(l.Amount)
		}
		if !sum.Equal(st.Total) {
			t.Errorf("%s: lines add up to %s, total %s", st.Period.Name, sum, st.Total)
		}
		pay = append(pay, st.Total.StringFixed(0))
		balance = append(balance, st.DrawBalance.StringFixed(0))
	}
	return pay, balance
}

func TestRecoverableDraw(t *testing.T) {
	t.Parallel()
	// Oracle Siebel Incentive Compensation Administration Guide, "Recoverable
	// Draw Scenario" (Table 4): a 2,000 monthly recoverable draw; gross
	// earnings 2,750, 3,000, 1,500, 2,375, 3,000, 2,750 pay 2,750, 3,000,
	// 2,000 (500 advanced), 2,000 (375 repaid), 2,875 (the last 125
	// repaid), 2,750.
	pay, balance := drawRun(t, Draw{Amount: d("2000"), Recoverable: true}, "2750", "3000", "1500", "2375", "3000", "2750")
	if d := cmp.Diff([]string{"2750", "3000", "2000", "2000", "2875", "2750"}, pay); d != "" {
		t.Errorf("pay (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"0", "0", "500", "125", "0", "0"}, balance); d != "" {
		t.Errorf("balance (-want +got):\n%s", d)
	}
	// Forgiven from April: the 500 advanced in March is not repaid.
	pay, balance = drawRun(t, Draw{Amount: d("2000"), Recoverable: true, ForgiveAt: time.Date(2002, 4, 1, 0, 0, 0, 0, time.UTC)}, "2750", "3000", "1500", "2375")
	if d := cmp.Diff([]string{"2750", "3000", "2000", "2375"}, pay); d != "" || balance[3] != "0" {
		t.Errorf("forgiven: pay (-want +got):\n%s, balance %v", d, balance)
	}
}

func TestNonRecoverableDraw(t *testing.T) {
	t.Parallel()
	// QCommission, "Recoverable vs Non-Recoverable Draw": a 2,000
	// non-recoverable draw; earning 1,000 pays 2,000, then earning 4,000
	// pays the full 4,000 ("nothing from the draw").
	pay, balance := drawRun(t, Draw{Amount: d("2000")}, "1000", "4000")
	if d := cmp.Diff([]string{"2000", "4000"}, pay); d != "" || balance[0] != "0" || balance[1] != "0" {
		t.Errorf("pay (-want +got):\n%s, balance %v", d, balance)
	}
}

func TestDrawValidate(t *testing.T) {
	t.Parallel()
	p := plan(Component{Name: "c", Kind: Commission, Table: eclipseTable(Marginal)})
	p.Draw = &Draw{}
	if err := p.Validate(); !errors.Is(err, ErrInvalidPlan) {
		t.Errorf("a draw of 0: %v, want ErrInvalidPlan", err)
	}
}

// FuzzDraw runs a year of arbitrary earnings under a recoverable or
// non-recoverable draw (its recovery delayed or not): pay never falls
// below the draw, the balance never goes negative, and everything paid
// over the year is the earnings plus the balance still owed (a recoverable
// draw) or at least the earnings.
func FuzzDraw(f *testing.F) {
	f.Add([]byte{27, 30, 15, 23, 30, 27}, uint8(20), true)
	f.Add([]byte{0, 0, 0, 255, 1}, uint8(1), false)
	f.Fuzz(func(t *testing.T, months []byte, drawHundreds uint8, recoverable bool) {
		if len(months) == 0 || len(months) > 12 || drawHundreds == 0 {
			return
		}
		var earnings []string
		for _, m := range months {
			earnings = append(earnings, decimalOf100(m).String())
		}
		draw := Draw{Amount: decimalOf100(drawHundreds), Recoverable: recoverable}
		if months[0]%2 == 1 { // recovery delayed by 0 to 4 months
			draw.RecoverFrom = time.Date(2002, time.Month(1+months[0]%5), 1, 0, 0, 0, 0, time.UTC)
		}
		pay, balance := drawRun(t, draw, earnings...)
		paid, earned := d("0"), d("0")
		for i := range pay {
			if d(pay[i]).LessThan(draw.Amount) || d(balance[i]).IsNegative() {
				t.Fatalf("month %d: pay %s, balance %s under a %s draw", i, pay[i], balance[i], draw.Amount)
			}
			paid = paid.Add(d(pay[i]))
			earned = earned.Add(d(earnings[i]))
		}
		owed := d(balance[len(balance)-1])
		if recoverable && !paid.Equal(earned.Add(owed)) {
			t.Fatalf("paid %s, earned %s, owed %s", paid, earned, owed)
		}
		if paid.LessThan(earned) {
			t.Fatalf("paid %s less than earned %s", paid, earned)
		}
	})
}

func decimalOf100(b uint8) decimal.Decimal { return decimal.NewFromInt(int64(b) * 100) }

// TestDrawDelayedRecovery: a 2,000 recoverable draw whose recovery waits
// until April (a new hire's first quarter). By hand:
//
//	January   earns   500: pay 2,000, advanced 1,500, balance 1,500
//	February  earns 2,500: pay 2,500 in full (recovery waits), balance 1,500
//	March     earns 1,000: pay 2,000, advanced 1,000, balance 2,500
//	April     earns 3,500: 1,500 above the draw repaid: pay 2,000, balance 1,000
//	May       earns 4,000: the last 1,000 repaid: pay 3,000, balance 0
//
// Without the delay February would repay 500 (pay 2,000, balance 1,000).
func TestDrawDelayedRecovery(t *testing.T) {
	t.Parallel()
	april := time.Date(2002, 4, 1, 0, 0, 0, 0, time.UTC)
	pay, balance := drawRun(t, Draw{Amount: d("2000"), Recoverable: true, RecoverFrom: april}, "500", "2500", "1000", "3500", "4000")
	if d := cmp.Diff([]string{"2000", "2500", "2000", "2000", "3000"}, pay); d != "" {
		t.Errorf("pay (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"1500", "1500", "2500", "1000", "0"}, balance); d != "" {
		t.Errorf("balance (-want +got):\n%s", d)
	}
	pay, balance = drawRun(t, Draw{Amount: d("2000"), Recoverable: true}, "500", "2500")
	if pay[1] != "2000" || balance[1] != "1000" {
		t.Errorf("without the delay: February pays %s, balance %s; want 2000, 1000", pay[1], balance[1])
	}
}
