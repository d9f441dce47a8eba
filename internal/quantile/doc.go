// Package quantile computes sample quantiles (percentiles, medians) for the
// statistics packages of salesmetrics: deal sizes, cycle lengths, response
// times.
//
// Statistics packages disagree on what a sample quantile is: Hyndman and Fan
// list nine definitions. This package implements one, their definition 7,
// linear interpolation between closest ranks: the default of R's quantile,
// NumPy's quantile and percentile (method "linear"), pandas'
// Series.quantile, and spreadsheets' PERCENTILE and PERCENTILE.INC. The
// median of an even count is the mean of the two middle values. (gonum's
// stat.Quantile offers only definitions 1 and 4.)
//
// Every function takes a sample already sorted in ascending order, so that a
// caller sorts once and asks for as many quantiles as it needs. Functions
// neither sort, copy, modify nor retain the sample, and never allocate.
// Results are exact at q = 0 and q = 1, never decrease as q grows, and never
// leave the two sample values they interpolate between, whatever the
// rounding.
//
// Reference: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical
// packages", The American Statistician 50(4):361–365, 1996.
package quantile
