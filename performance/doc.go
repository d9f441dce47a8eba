// Package performance will hold the outcome KPIs of salesmetrics: deal
// outcomes (win rate, funnel conversion, deal size, cycle length, velocity,
// pipeline, quota attainment, bookings), customer economics (churn,
// retention, lifetime value, acquisition cost), satisfaction (NPS) and
// people (activity against outcomes, rankings, goals), each computed over an
// activity.Index with explicit options.
//
// Nothing is exported yet: the KPIs land with the deal-outcome work that
// builds on the activity package's index.
package performance
