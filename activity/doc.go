// Package activity holds every record a host hands to salesmetrics, the
// calendar periods are cut from, and the index every KPI runs over.
package activity
