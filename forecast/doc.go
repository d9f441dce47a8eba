// Package forecast will tell what comes next: regression forecasts with
// prediction intervals, Holt-Winters, run rate and accuracy; pipeline
// outcome distributions and learned win probabilities; and customer-base
// models (BG/NBD, Gamma-Gamma).
//
// Nothing is exported yet.
package forecast
