package people

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"

	"github.com/salesmetrics/salesmetrics/activity"
)

// TestAssociateStatsmodels compares the clustered regression with
// statsmodels' OLS(cov_type="cluster", use_t=True) on the rep-months of
// testdata/association_ref.py: coefficients to 1e-9 relative, clustered
// standard errors, t and p values to 1e-7.
func TestAssociateStatsmodels(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/association_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Rows []struct {
			Rep string
			X   []float64
			Y   float64
		}
		Params, Bse, T, P, Correlations []float64
		R2                              float64
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	var y []float64
	var x [][]float64
	var groups []string
	for _, r := range ref.Rows {
		y, x, groups = append(y, r.Y), append(x, r.X), append(groups, r.Rep)
	}
	a, err := associate(y, x, groups)
	if err != nil {
		t.Fatal(err)
	}
	close := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol*math.Max(math.Abs(want), 1e-300) {
			t.Errorf("%s = %.12g, want %.12g", what, got, want)
		}
	}
	terms := append([]KindAssociation{a.Intercept}, a.Kinds...)
	for j, term := range terms {
		close("estimate", term.Estimate, ref.Params[j], 1e-9)
		close("std err", term.StdErr, ref.Bse[j], 1e-7)
		close("t", term.T, ref.T[j], 1e-7)
		close("p", term.P, ref.P[j], 1e-6)
		if j > 0 {
			close("correlation", term.Correlation, ref.Correlations[j-1], 1e-9)
		}
	}
	close("R²", a.R2, ref.R2, 1e-9)
	if a.Reps != 12 || a.Observations != 108 {
		t.Errorf("%d observations of %d reps, want 108 of 12", a.Observations, a.Reps)
	}
}

func TestActivityAssociation(t *testing.T) {
	t.Parallel()
	ix := quadrantIndex(t)
	// One month, four reps: won amounts 30,000, 5,000, 20,000, 0 on calls
	// 30, 37, 7, 9 and meetings 10, 13, 3, 3 (every fourth activity a
	// meeting): 4 observations for 3 coefficients.
	a, err := ActivityAssociation(ix.All(), march25, AssociationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Observations != 4 || a.Reps != 4 || len(a.Kinds) != 2 || a.Kinds[0].Kind != activity.KindCall || a.Kinds[1].Kind != activity.KindMeeting {
		t.Errorf("ActivityAssociation = %v", a)
	}
	if _, err := ActivityAssociation(ix.All(), march25, AssociationOptions{Kinds: []activity.Kind{activity.KindCall, activity.KindMeeting, activity.KindEmail}}); !errors.Is(err, ErrNoDeals) {
		t.Errorf("too few observations: %v, want ErrNoDeals", err)
	}
	if _, err := ActivityAssociation(ix.All(), march25, AssociationOptions{Kinds: []activity.Kind{activity.KindEmail}}); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("a kind that never varies: %v, want ErrZeroDenominator", err)
	}
	if _, err := ActivityAssociation(ix.All(), march25, AssociationOptions{Outcome: 9}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("bad outcome: %v", err)
	}
	if _, err := ActivityAssociation(ix.All(), activity.Period{}, AssociationOptions{}); !errors.Is(err, activity.ErrInvalidPeriod) {
		t.Errorf("bad period: %v", err)
	}
}
