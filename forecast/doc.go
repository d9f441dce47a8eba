// Package forecast tells what comes next, with honest uncertainty: regression
// forecasts with prediction intervals, Holt-Winters, run rate, forecast
// accuracy and sales capacity (planned next: pipeline outcome
// distributions, learned win probabilities and customer-base models).
//
// Its input is a Series: values over consecutive periods of an
// activity.Calendar (bookings per month, activities per week), validated for
// gaps. Statistics are float64; money enters through decimal's
// InexactFloat64 and forecasts are estimates, documented as such.
package forecast
