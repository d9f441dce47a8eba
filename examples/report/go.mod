module github.com/salesmetrics/salesmetrics/examples/report

go 1.24.0

require (
	github.com/salesmetrics/salesmetrics v0.0.0
	github.com/shopspring/decimal v1.6.0
)

require gonum.org/v1/gonum v0.17.0 // indirect

replace github.com/salesmetrics/salesmetrics => ../..
