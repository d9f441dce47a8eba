package forecast

import "fmt"

// CustomerPredictions are a purchase model's predictions for every
// customer of a summary, aligned with it: Alive[i] is customer i's
// P(alive) and Expected[i] their expected purchases in the next Horizon
// units (the model's ProbabilityAlive and ConditionalExpectedPurchases).
type CustomerPredictions struct {
	Horizon  float64   `json:"horizon"`
	Alive    []float64 `json:"alive"`
	Expected []float64 `json:"expected"`
}

// Predict predicts every customer of cs over the next t units in one call:
// the parameters, t and the summaries are checked once, not per customer.
// Errors: invalid parameters or t (ErrInvalidOptions), an invalid summary
// (ErrInvalidSummary, naming it), and a value the closed form cannot give
// (ErrUndefined, naming the customer).
func (m BGNBD) Predict(cs []CustomerSummary, t float64) (CustomerPredictions, error) {
	return m.geo().predict(cs, t)
}

// Predict predicts every customer of cs over the next t units in one
// call, as BGNBD.Predict does.
func (m MBGNBD) Predict(cs []CustomerSummary, t float64) (CustomerPredictions, error) {
	return m.geo().predict(cs, t)
}

func (m cbGeo) predict(cs []CustomerSummary, t float64) (CustomerPredictions, error) {
	if err := m.valid(); err != nil {
		return CustomerPredictions{}, err
	}
	return cbPredictAll(cs, t, m.alive, m.conditional)
}

// cbPredictAll checks t and the summaries once and predicts each customer
// with a model's P(alive) and conditional expectation.
func cbPredictAll(cs []CustomerSummary, t float64, alive func(x, tx, T float64) float64,
	conditional func(t, x, tx, T float64) (float64, error)) (CustomerPredictions, error) {
	if err := cbTime("t", t); err != nil {
		return CustomerPredictions{}, err
	}
	if err := cbCheckSummaries(cs); err != nil {
		return CustomerPredictions{}, err
	}
	p := CustomerPredictions{Horizon: t, Alive: make([]float64, len(cs)), Expected: make([]float64, len(cs))}
	for i, c := range cs {
		x := float64(c.X)
		p.Alive[i] = alive(x, c.TX, c.T)
		e, err := conditional(t, x, c.TX, c.T)
		if err != nil {
			return CustomerPredictions{}, fmt.Errorf("customer %d %q: %w", i, c.Customer, err)
		}
		p.Expected[i] = e
	}
	return p, nil
}
