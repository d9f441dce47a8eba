package forecast

import (
	"errors"
	"fmt"
	"math"
)

// ModelScore is one candidate model's fit to a set of customer summaries,
// with the information criteria that weigh its likelihood against its
// number of parameters k over n customers:
//
//	AIC = 2k − 2 LL        BIC = k ln n − 2 LL
//
// lower being better. Error says why the model could not be fitted (its
// scores are then zero).
type ModelScore struct {
	Model      string  `json:"model"`
	Parameters int     `json:"parameters"`
	LogLik     float64 `json:"log_lik"`
	AIC        float64 `json:"aic"`
	BIC        float64 `json:"bic"`
	Error      string  `json:"error,omitempty"`
}

// ModelComparison is the candidate models fitted to one set of summaries:
// the fitted models (nil where the fit failed), their scores in the order
// BG/NBD, MBG/NBD, Pareto/NBD, and the model with the lowest AIC.
type ModelComparison struct {
	Customers int          `json:"customers"`
	BGNBD     *BGNBD       `json:"bgnbd,omitempty"`
	MBGNBD    *MBGNBD      `json:"mbgnbd,omitempty"`
	ParetoNBD *ParetoNBD   `json:"pareto_nbd,omitempty"`
	Scores    []ModelScore `json:"scores"`
	Best      string       `json:"best"`
}

// CompareModels fits every purchase model (BG/NBD, MBG/NBD, Pareto/NBD) to
// the summaries and scores each (see ModelScore). A model that cannot be
// fitted is scored with its error; it is an error only when none can be,
// the errors joined. Invalid options or summaries are errors at once.
func CompareModels(cs []CustomerSummary, opts CustomerFitOptions) (ModelComparison, error) {
	if err := opts.Validate(); err != nil {
		return ModelComparison{}, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return ModelComparison{}, err
	}
	out := ModelComparison{Customers: cbCustomers(cs)}
	n := float64(out.Customers)
	score := func(name string, k int, ll float64, err error) error {
		s := ModelScore{Model: name, Parameters: k}
		if err != nil {
			s.Error = err.Error()
		} else {
			s.LogLik = ll
			s.AIC = 2*float64(k) - 2*ll
			s.BIC = float64(k)*math.Log(n) - 2*ll
			if best := out.bestScore(); best == nil || s.AIC < best.AIC {
				out.Best = name
			}
		}
		out.Scores = append(out.Scores, s)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	var errs []error
	if bg, err := FitBGNBD(cs, opts); err == nil {
		out.BGNBD = bg
		_ = score("BG/NBD", 4, bg.LogLik, nil)
	} else {
		errs = append(errs, score("BG/NBD", 4, 0, err))
	}
	if mbg, err := FitMBGNBD(cs, opts); err == nil {
		out.MBGNBD = mbg
		_ = score("MBG/NBD", 4, mbg.LogLik, nil)
	} else {
		errs = append(errs, score("MBG/NBD", 4, 0, err))
	}
	if p, err := FitParetoNBD(cs, opts); err == nil {
		out.ParetoNBD = p
		_ = score("Pareto/NBD", 4, p.LogLik, nil)
	} else {
		errs = append(errs, score("Pareto/NBD", 4, 0, err))
	}
	if out.Best == "" {
		return out, errors.Join(errs...)
	}
	return out, nil
}

// bestScore is the score of the best model so far, or nil.
func (c *ModelComparison) bestScore() *ModelScore {
	for i := range c.Scores {
		if c.Scores[i].Model == c.Best {
			return &c.Scores[i]
		}
	}
	return nil
}
