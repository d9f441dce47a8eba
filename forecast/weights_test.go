package forecast

import (
	"errors"
	"math"
	"testing"
)

// cbGrouped folds equal histories into one row each, weighted by how many
// customers share it, in the order they first appear.
func cbGrouped(cs []CustomerSummary) []CustomerSummary {
	type key struct {
		x     int
		tx, t float64
		spend string
	}
	index := map[key]int{}
	var out []CustomerSummary
	for _, c := range cs {
		k := key{c.X, c.TX, c.T, c.RepeatSpend.String()}
		if i, ok := index[k]; ok {
			out[i].Weight++
			continue
		}
		index[k] = len(out)
		c.Customer, c.Weight = "", 1
		out = append(out, c)
	}
	return out
}

// TestWeightedFits: CDNOW folded into weighted rows (one per distinct
// history) fits exactly as the 2,357 customers do, each model, since a
// weight counts a row as that many customers; the log-likelihoods and
// customer counts agree too.
func TestWeightedFits(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	g := cbGrouped(cs)
	if len(g) >= len(cs) || cbCustomers(g) != len(cs) {
		t.Fatalf("%d rows standing for %d customers, from %d", len(g), cbCustomers(g), len(cs))
	}
	bg, err1 := FitBGNBD(cs, CustomerFitOptions{})
	bgw, err2 := FitBGNBD(g, CustomerFitOptions{})
	if err1 != nil || err2 != nil || *bg != *bgw {
		t.Errorf("BG/NBD: %v, %v; weighted %v, %v", bg, err1, bgw, err2)
	}
	mbg, err1 := FitMBGNBD(cs, CustomerFitOptions{})
	mbgw, err2 := FitMBGNBD(g, CustomerFitOptions{})
	if err1 != nil || err2 != nil || *mbg != *mbgw {
		t.Errorf("MBG/NBD: %v, %v; weighted %v, %v", mbg, err1, mbgw, err2)
	}
	ll, err := mbg.LogLikelihood(g)
	if err != nil || !cbClose(ll, mbg.LogLik, 1e-12, 0) {
		t.Errorf("weighted log-likelihood %v, %v; want %v", ll, err, mbg.LogLik)
	}
	gg, err1 := FitGammaGamma(cs, CustomerFitOptions{})
	ggw, err2 := FitGammaGamma(g, CustomerFitOptions{})
	if err1 != nil || err2 != nil || !cbClose(gg.P, ggw.P, 1e-9, 0) || !cbClose(gg.Q, ggw.Q, 1e-9, 0) ||
		!cbClose(gg.Gamma, ggw.Gamma, 1e-9, 0) || gg.Customers != ggw.Customers || !cbClose(gg.LogLik, ggw.LogLik, 1e-12, 0) {
		t.Errorf("Gamma-Gamma: %v, %v; weighted %v, %v", gg, err1, ggw, err2)
	}
	c, err := CompareModels(g, CustomerFitOptions{})
	if err != nil || c.Customers != len(cs) || c.Scores[0].BIC != func() float64 { c0, _ := CompareModels(cs, CustomerFitOptions{}); return c0.Scores[0].BIC }() {
		t.Errorf("CompareModels on weighted rows: %+v, %v", c, err)
	}
	// Weight 0 is 1; a negative weight is invalid.
	if err := (CustomerSummary{Weight: -1}).Validate(); !errors.Is(err, ErrInvalidSummary) {
		t.Errorf("negative weight: %v", err)
	}
}

// TestInitialValues: a fit started at its own maximum stays there in a
// step or two; starting values of the wrong number or sign are invalid
// options.
func TestInitialValues(t *testing.T) {
	t.Parallel()
	cs := cbCDNOW(t)
	bg, err := FitBGNBD(cs, CustomerFitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := FitBGNBD(cs, CustomerFitOptions{Initial: []float64{bg.R, bg.Alpha, bg.A, bg.B}})
	if err != nil || again.Iterations > 2 || !cbClose(again.R, bg.R, 1e-7, 0) || !cbClose(again.B, bg.B, 1e-7, 0) {
		t.Errorf("restarted at the maximum: %v (%d iterations), %v; was %v (%d)", again, again.Iterations, err, bg, bg.Iterations)
	}
	// From Fader, Hardie & Lee's published estimates, the MBG/NBD's fit.
	mbg, err := FitMBGNBD(cs, CustomerFitOptions{Initial: []float64{0.243, 4.414, 0.793, 2.426}})
	ref := mbgLoadRef(t).MBGNBD.Params
	if err != nil || !cbClose(mbg.R, ref["r"], 1e-4, 0) || !cbClose(mbg.B, ref["b"], 1e-4, 0) {
		t.Errorf("MBG/NBD from the BG/NBD's estimates: %v, %v", mbg, err)
	}
	gg, err := FitGammaGamma(cs, CustomerFitOptions{Initial: []float64{6.25, 3.74, 15.44}})
	gref := cbLoadRef(t).GammaGamma.Params
	if err != nil || !cbClose(gg.P, gref["p"], 1e-5, 0) || !cbClose(gg.Gamma, gref["v"], 1e-5, 0) {
		t.Errorf("Gamma-Gamma from the published estimates: %v, %v", gg, err)
	}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"three values for four", errOnly(FitBGNBD(cs, CustomerFitOptions{Initial: []float64{1, 1, 1}}))},
		{"four values for three", errOnly(FitGammaGamma(cs, CustomerFitOptions{Initial: []float64{1, 1, 1, 1}}))},
		{"a zero", errOnly(FitMBGNBD(cs, CustomerFitOptions{Initial: []float64{1, 0, 1, 1}}))},
		{"infinite", (CustomerFitOptions{Initial: []float64{math.Inf(1)}}).Validate()},
	} {
		if !errors.Is(tc.err, ErrInvalidOptions) {
			t.Errorf("%s: %v, want ErrInvalidOptions", tc.name, tc.err)
		}
	}
}
