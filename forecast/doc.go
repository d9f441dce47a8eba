// Package forecast tells what comes next, with honest uncertainty.
//
// Its input is a Series: values over consecutive periods of an
// activity.Calendar (bookings per month, activities per week), validated for
// gaps. Statistics are float64; money enters through decimal's
// InexactFloat64 and forecasts are estimates, documented as such. Plans
// that add up money (capacity, run rate) stay in exact decimals.
//
//	Linear, LinearModel.Forecast  OLS on a trend, seasonal dummies and drivers:
//	                              coefficients with SE, t, p; R², F; prediction and
//	                              mean intervals (Student's t), as statsmodels
//	HoltWinters                   additive level, trend (damped or not) and season;
//	                              given or fitted smoothing; prediction intervals
//	RunRate                       to date scaled to the period, by elapsed time or
//	                              working days
//	Capacity, RepsNeeded          a roster's expected bookings with ramp and
//	                              attrition; hires for a target with a lead time
//	BookingsDistribution          the distribution of a period's bookings from its
//	                              open deals: expected, σ, P10/P50/P90, chance of a
//	                              target, the deals that drive the spread; exact
//	                              convolution or seeded Monte Carlo
//	StageWinRates                 learned stage-to-win rates, by team, source or
//	                              segment with a minimum sample and a fallback
//	FitWinModel                   naive-Bayes win probability over chosen deal fields,
//	                              as Odoo's predictive lead scoring (smoothing, team
//	                              tables, unseen values skipped), explained per deal
//	Summarize                     recency and frequency of customers from Transactions
//	FitBGNBD, FitMBGNBD,          the BG/NBD, modified BG/NBD and Pareto/NBD
//	FitParetoNBD                  customer-base models by maximum likelihood:
//	                              expected and conditional expected purchases,
//	                              P(alive), P(X(t) = n) (not the Pareto/NBD's),
//	                              the log-likelihood at any parameters, batch
//	                              predictions
//	FitBGBB                       the BG/BB model of discrete opportunities over
//	                              weighted DiscreteSummary rows: P(alive),
//	                              expected transactions, P(X(n) = x)
//	CompareModels, CheckHoldout   the purchase models side by side by AIC and BIC;
//	                              a calibration / holdout split and how well a
//	                              model predicted the holdout
//	FitGammaGamma, CLV            spend per transaction; a customer's expected spend;
//	                              model CLV over a horizon with a discount rate
//	PipelineMovement              the waterfall between two Snapshots of the deals:
//	                              new, pulled in, increased, decreased, won, lost,
//	                              pushed out, removed; reconciled to the cent; slip rate
//	Accuracy, CallAccuracy        MAE, RMSE, MAPE, WAPE, sMAPE, bias, MASE and the
//	                              forms sales teams quote; reps' forecast calls
//	                              against what closed
package forecast
