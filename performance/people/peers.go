package people

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// PeerSeries is one rep's values of a KPI over consecutive periods (the
// same periods for every rep compared), with the team the rep is compared
// within.
type PeerSeries struct {
	Rep    string    `json:"rep"`
	Team   string    `json:"team"`
	Values []float64 `json:"values"`
}

// PeerOptions says how reps are compared with their team. The zero value
// takes the top and bottom 20%, over every period given, higher values
// better.
type PeerOptions struct {
	// Share is the fraction of a team counted as top (or low) performers
	// in a period, by percentile: 0 means 0.2.
	Share float64
	// Consistent is how many of the last periods a rep must be in the top
	// (or low) share to be called a top (or low) performer; 0 means every
	// period.
	Consistent int
	// LowerIsBetter for KPIs such as cycle days.
	LowerIsBetter bool
}

// PeerStanding is a rep against the team, in the last period and over the
// series:
//
//	Percentile = (team values below + ½ × the others equal) / (team size − 1)   (0 to 1)
//	Z          = (value − team mean) / team standard deviation  (sample, n − 1)
//	Slope      = least-squares slope of the rep's values on the period index
//	TeamSlope  = the same of the team's mean
//
// Top and Low mark reps whose percentile was in the top (or bottom) Share
// in each of the last Consistent periods. Z is 0 with ZDefined false where
// the team's values do not vary; a team of one has no percentile:
// Percentile is 0 with PercentileDefined false, and no rep is Top or Low.
type PeerStanding struct {
	Rep        string  `json:"rep"`
	Team       string  `json:"team"`
	Value      float64 `json:"value"`
	TeamMean   float64 `json:"team_mean"`
	TeamMedian float64 `json:"team_median"`
	Percentile float64 `json:"percentile"`
	// PercentileDefined is false for a team of one.
	PercentileDefined bool    `json:"percentile_defined"`
	Z                 float64 `json:"z"`
	ZDefined          bool    `json:"z_defined"`
	Slope             float64 `json:"slope"`
	TeamSlope         float64 `json:"team_slope"`
	Top               bool    `json:"top"`
	Low               bool    `json:"low"`
}

// Peers compares every rep with the rest of their team (see PeerStanding),
// returning reps by team, then rep. Errors wrap ErrInvalidOptions: no
// series, series of different lengths or empty, a value that is NaN or
// infinite, an empty or repeated rep, a Share outside (0, 0.5], a
// Consistent outside 0..periods.
func Peers(series []PeerSeries, opts PeerOptions) ([]PeerStanding, error) {
	share := opts.Share
	if share == 0 {
		share = 0.2
	}
	if len(series) == 0 || !(share > 0 && share <= 0.5) {
		return nil, fmt.Errorf("%w: %d series, share %v", ErrInvalidOptions, len(series), opts.Share)
	}
	n := len(series[0].Values)
	seen := map[string]bool{}
	for _, s := range series {
		if s.Rep == "" || seen[s.Rep] || len(s.Values) != n || n == 0 {
			return nil, fmt.Errorf("%w: rep %q empty, repeated, or with %d values where the first has %d", ErrInvalidOptions, s.Rep, len(s.Values), n)
		}
		seen[s.Rep] = true
		for _, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: rep %q has a value %v", ErrInvalidOptions, s.Rep, v)
			}
		}
	}
	last := opts.Consistent
	if last == 0 {
		last = n
	}
	if last < 0 || last > n {
		return nil, fmt.Errorf("%w: consistent over %d of %d periods", ErrInvalidOptions, opts.Consistent, n)
	}
	teams := map[string][]int{}
	for i, s := range series {
		teams[s.Team] = append(teams[s.Team], i)
	}
	out := make([]PeerStanding, 0, len(series))
	for _, members := range teams {
		// Per period: each member's percentile in the team.
		pct := make([][]float64, len(members))
		for m := range pct {
			pct[m] = make([]float64, n)
		}
		teamMean := make([]float64, n)
		for t := range n {
			for m, i := range members {
				v := series[i].Values[t]
				teamMean[t] += v / float64(len(members))
				if len(members) < 2 {
					continue
				}
				var below, equal float64
				for _, j := range members {
					w := series[j].Values[t]
					switch {
					case j == i:
					case w == v:
						equal++
					case (w < v) != opts.LowerIsBetter: // w is worse than v
						below++
					}
				}
				pct[m][t] = (below + equal/2) / float64(len(members)-1)
			}
		}
		lastVals := make([]float64, len(members))
		for m, i := range members {
			lastVals[m] = series[i].Values[n-1]
		}
		mean, sd := meanSD(lastVals)
		median := floatMedian(lastVals)
		teamSlope := slope(teamMean)
		for m, i := range members {
			s := series[i]
			ps := PeerStanding{Rep: s.Rep, Team: s.Team, Value: s.Values[n-1], TeamMean: mean, TeamMedian: median,
				Percentile: pct[m][n-1], PercentileDefined: len(members) >= 2, Slope: slope(s.Values), TeamSlope: teamSlope}
			if sd > 0 {
				ps.Z, ps.ZDefined = (ps.Value-mean)/sd, true
				if opts.LowerIsBetter {
					ps.Z = -ps.Z
				}
			}
			if len(members) >= 2 {
				ps.Top, ps.Low = true, true
				for t := n - last; t < n; t++ {
					ps.Top = ps.Top && pct[m][t] >= 1-share
					ps.Low = ps.Low && pct[m][t] <= share
				}
			}
			out = append(out, ps)
		}
	}
	slices.SortFunc(out, func(a, b PeerStanding) int { return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.Rep, b.Rep)) })
	return out, nil
}

func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1))
}

func floatMedian(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// slope returns the least-squares slope of ys on 0, 1, …; 0 for one value.
func slope(ys []float64) float64 {
	n := float64(len(ys))
	if len(ys) < 2 {
		return 0
	}
	mx := (n - 1) / 2
	var my float64
	for _, y := range ys {
		my += y
	}
	my /= n
	var sxy, sxx float64
	for i, y := range ys {
		dx := float64(i) - mx
		sxy += dx * (y - my)
		sxx += dx * dx
	}
	return sxy / sxx
}
