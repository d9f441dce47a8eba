package forecast

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/ixcols"
	"github.com/salesmetrics/salesmetrics/performance"
)

// OutcomeOptions says which deals a bookings distribution counts and how
// each may land. The zero value takes the deals open at the period's start
// and expected to close in it, each winning with its own probability (else
// its stage's default), none slipping, computed exactly where that is cheap.
type OutcomeOptions struct {
	// AsOf selects the deals open then; zero means the period's start.
	AsOf time.Time
	// Probabilities override deals' win probabilities by deal id (learned
	// rates, a manager's judgement), fractions in [0, 1].
	Probabilities map[string]decimal.Decimal
	// SlipProbability is the chance that a deal that would win closes in a
	// later period instead, in [0, 1).
	SlipProbability decimal.Decimal
	// Target, when set, asks for the probability that bookings reach it.
	Target activity.Optional[decimal.Decimal]
	// MonteCarlo forces simulation; Trials (0: 10,000; at most MaxTrials)
	// and Seed set it. The
	// exact distribution is used when its support stays under 2^16
	// amounts; otherwise Monte Carlo.
	MonteCarlo bool
	Trials     int
	Seed       uint64
	// Conversion, when not nil, converts every amount into Conversion.To
	// (RateAtClose takes a deal's expected close). Nil: deals in two
	// currencies are an error wrapping performance.ErrMixedCurrencies.
	Conversion *activity.Conversion
}

// DealRisk is one deal's share of the spread of bookings: its variance
// amount² × q × (1 − q), q its chance of closing in the period.
type DealRisk struct {
	Deal          string          `json:"deal"`
	Amount        decimal.Decimal `json:"amount"`
	Chance        float64         `json:"chance"`
	VarianceShare float64         `json:"variance_share"`
}

// BookingsOutcome is the distribution of a period's bookings from its open
// deals, each closing won in the period with chance q = p × (1 − slip),
// independently:
//
//	Expected = Σ amount × q                     (exact)
//	StdDev   = √(Σ amount² × q × (1 − q))
//
// and its percentiles: P10 is the low case, exceeded nine times in ten (the
// smallest amount whose cumulative probability reaches 0.1), P50 and P90 in
// the same way; ProbabilityOfTarget is P(bookings ≥ Target), Target being
// OutcomeOptions.Target as given (absent when none was). Method is
// "exact" (convolution over amounts in minor units) or "monte_carlo" (Trials
// draws, reproducible from Seed in any input order: deals are drawn in id
// order), with the standard errors of the simulated mean and probability.
// Drivers are the five deals with the largest share of the variance.
type BookingsOutcome struct {
	Period              activity.Period                    `json:"period"`
	Currency            activity.Currency                  `json:"currency"`
	Deals               int                                `json:"deals"`
	Expected            decimal.Decimal                    `json:"expected"`
	StdDev              float64                            `json:"std_dev"`
	P10                 decimal.Decimal                    `json:"p10"`
	P50                 decimal.Decimal                    `json:"p50"`
	P90                 decimal.Decimal                    `json:"p90"`
	Target              activity.Optional[decimal.Decimal] `json:"target,omitzero"`
	ProbabilityOfTarget activity.Optional[float64]         `json:"probability_of_target"`
	Method              string                             `json:"method"`
	Trials              int                                `json:"trials,omitempty"`
	MeanStdErr          float64                            `json:"mean_std_err,omitempty"`
	TargetStdErr        float64                            `json:"target_std_err,omitempty"`
	Drivers             []DealRisk                         `json:"drivers"`
}

// String reads as "2025 Q2: expected 410000.00 USD (σ 52000.00), P10
// 340000.00, P50 410000.00, P90 480000.00 (exact, 37 deals)".
func (o BookingsOutcome) String() string {
	method := o.Method
	if method == "monte_carlo" {
		method = fmt.Sprintf("Monte Carlo, %d trials", o.Trials)
	}
	s := fmt.Sprintf("%s: expected %s %s (σ %.2f), P10 %s, P50 %s, P90 %s (%s, %d deals)", o.Period.Name, o.Expected.StringFixed(2), o.Currency,
		o.StdDev, o.P10.StringFixed(2), o.P50.StringFixed(2), o.P90.StringFixed(2), method, o.Deals)
	if p, ok := o.ProbabilityOfTarget.Get(); ok {
		s += fmt.Sprintf("; %.1f%% chance of the target", 100*p)
	}
	return s
}

// MaxTrials is the most Monte Carlo trials BookingsDistribution runs:
// 10^7, about a second per thousand deals on one core. More is an error,
// never an allocation that could exhaust memory.
const MaxTrials = 10_000_000

// maxSupport bounds the exact distribution's number of distinct amounts.
const maxSupport = 1 << 16

// BookingsDistribution returns the distribution of p's bookings from the
// view's deals open at opts.AsOf and expected to close in p (see
// BookingsOutcome). Errors: an invalid period; probabilities or slip out of
// range, Trials negative or above MaxTrials (performance.ErrInvalidOptions wrapped in
// ErrInvalidOptions); deals in several currencies
// (performance.ErrMixedCurrencies); no such deals (ErrUndefined).
func BookingsDistribution(v activity.View, p activity.Period, opts OutcomeOptions) (BookingsOutcome, error) {
	if err := v.Err(); err != nil {
		return BookingsOutcome{}, err
	}
	if err := p.Validate(); err != nil {
		return BookingsOutcome{}, err
	}
	one := decimal.NewFromInt(1)
	if opts.SlipProbability.IsNegative() || opts.SlipProbability.GreaterThanOrEqual(one) || opts.Trials < 0 || opts.Trials > MaxTrials {
		return BookingsOutcome{}, fmt.Errorf("%w: slip %s, %d trials", ErrInvalidOptions, opts.SlipProbability, opts.Trials)
	}
	if c := opts.Conversion; c != nil {
		if err := c.Validate(); err != nil {
			return BookingsOutcome{}, fmt.Errorf("%w: conversion: %w", ErrInvalidOptions, err)
		}
	}
	for id, q := range opts.Probabilities {
		if q.IsNegative() || q.GreaterThan(one) {
			return BookingsOutcome{}, fmt.Errorf("%w: probability %s of %q", ErrInvalidOptions, q, id)
		}
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = p.Start
	}
	ix := v.Index()
	stageProb := map[activity.Stage]decimal.Decimal{}
	for _, s := range ix.Funnel().Stages {
		if pr, ok := s.Probability.Get(); ok {
			stageProb[s.Stage] = pr
		}
	}
	type dealQ struct {
		id     string
		amount decimal.Decimal
		q      decimal.Decimal
	}
	var deals []dealQ
	out := BookingsOutcome{Period: p, Method: "exact", Target: opts.Target}
	at, start, end := ixcols.Nanos(asOf), ixcols.Nanos(p.Start), ixcols.Nanos(p.End)
	d := ixcols.DealsOf(ix)
	for _, row := range v.DealRows() {
		r := int(row)
		if d.Created[r] > at || (d.Closed[r] != ixcols.NoTime && d.Closed[r] <= at) || d.Status[r] == activity.StatusUnknown {
			continue
		}
		if d.Closed[r] == ixcols.NoTime && d.Status[r] != activity.StatusOpen {
			continue
		}
		ec := d.ExpectedClose[r]
		if ec == ixcols.NoTime || ec < start || ec >= end {
			continue
		}
		deal := ix.Deal(r)
		if c := opts.Conversion; c != nil {
			cv, err := c.Convert(deal.Amount, deal.Currency, deal.ExpectedCloseAt, p)
			if err != nil {
				return out, fmt.Errorf("forecast: deal %q: %w", deal.ID, err)
			}
			deal.Amount, deal.Currency = cv, c.To
		}
		if out.Currency == "" {
			out.Currency = deal.Currency
		} else if deal.Currency != out.Currency {
			return out, fmt.Errorf("%w: deals in %s and %s", performance.ErrMixedCurrencies, out.Currency, deal.Currency)
		}
		prob, ok := opts.Probabilities[deal.ID]
		if !ok {
			if prob, ok = deal.Probability.Get(); !ok {
				prob = stageProb[deal.Stage]
			}
		}
		deals = append(deals, dealQ{deal.ID, deal.Amount, prob.Mul(one.Sub(opts.SlipProbability))})
	}
	if len(deals) == 0 {
		return out, fmt.Errorf("%w: no open deal expected to close in %s", ErrUndefined, p.Name)
	}
	slices.SortFunc(deals, func(a, b dealQ) int { return cmp.Compare(a.id, b.id) })
	out.Deals = len(deals)
	var variance float64
	risks := make([]DealRisk, len(deals))
	scale := out.Currency.MinorUnits()
	for i, dq := range deals {
		out.Expected = out.Expected.Add(dq.amount.Mul(dq.q))
		a, q := dq.amount.InexactFloat64(), dq.q.InexactFloat64()
		risks[i] = DealRisk{Deal: dq.id, Amount: dq.amount, Chance: q, VarianceShare: a * a * q * (1 - q)}
		variance += risks[i].VarianceShare
		scale = max(scale, -dq.amount.Exponent())
	}
	out.StdDev = math.Sqrt(variance)
	for i := range risks {
		if variance > 0 {
			risks[i].VarianceShare /= variance
		} else {
			risks[i].VarianceShare = 0
		}
	}
	slices.SortStableFunc(risks, func(a, b DealRisk) int { return cmp.Compare(b.VarianceShare, a.VarianceShare) })
	out.Drivers = risks[:min(5, len(risks))]

	unit := decimal.New(1, -scale)
	units := make([]int64, len(deals))
	qs := make([]float64, len(deals))
	exact := !opts.MonteCarlo
	for i, dq := range deals {
		u := dq.amount.Shift(scale) // in units of the finest place
		if !u.IsInteger() || u.Abs().GreaterThan(decimal.NewFromInt(1<<50)) {
			exact = false
		}
		units[i], qs[i] = u.IntPart(), dq.q.InexactFloat64()
	}
	target, hasTarget := opts.Target.Get()
	var amounts []int64
	var probs []float64
	if exact {
		dist := map[int64]float64{0: 1}
		for i, u := range units {
			next := make(map[int64]float64, 2*len(dist))
			for s, pr := range dist {
				next[s] += pr * (1 - qs[i])
				next[s+u] += pr * qs[i]
			}
			dist = next
			if len(dist) > maxSupport {
				exact = false
				break
			}
		}
		if exact {
			for s := range dist {
				amounts = append(amounts, s)
			}
			slices.Sort(amounts)
			for _, s := range amounts {
				probs = append(probs, dist[s])
			}
		}
	}
	if !exact {
		out.Method = "monte_carlo"
		out.Trials = opts.Trials
		if out.Trials == 0 {
			out.Trials = 10_000
		}
		rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
		sums := make([]int64, out.Trials)
		var mean, sq float64
		for t := range sums {
			var s int64
			for i, u := range units {
				if rng.Float64() < qs[i] {
					s += u
				}
			}
			sums[t] = s
			f := float64(s)
			mean += f
			sq += f * f
		}
		n := float64(out.Trials)
		mean /= n
		sd := math.Sqrt(max(sq/n-mean*mean, 0) * n / math.Max(n-1, 1))
		out.MeanStdErr = sd / math.Sqrt(n) * unit.InexactFloat64()
		slices.Sort(sums)
		for i, s := range sums {
			if i == 0 || s != sums[i-1] {
				amounts = append(amounts, s)
				probs = append(probs, 0)
			}
			probs[len(probs)-1] += 1 / n
		}
	}
	quantile := func(q float64) decimal.Decimal {
		var c float64
		for i, pr := range probs {
			c += pr
			if c >= q-1e-12 {
				return decimal.New(amounts[i], 0).Mul(unit)
			}
		}
		return decimal.New(amounts[len(amounts)-1], 0).Mul(unit)
	}
	out.P10, out.P50, out.P90 = quantile(0.1), quantile(0.5), quantile(0.9)
	if hasTarget {
		var pt float64
		for i, s := range amounts {
			if !decimal.New(s, 0).Mul(unit).LessThan(target) {
				pt += probs[i]
			}
		}
		pt = math.Min(math.Max(pt, 0), 1)
		out.ProbabilityOfTarget = activity.Some(pt)
		if out.Method == "monte_carlo" {
			out.TargetStdErr = math.Sqrt(pt * (1 - pt) / float64(out.Trials))
		}
	}
	return out, nil
}
