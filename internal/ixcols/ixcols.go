// Package ixcols gives the KPI packages typed access to the columns of an
// activity.Index (see internal/columns), for their one-pass loops.
package ixcols

import (
	"time"

	"github.com/salesmetrics/salesmetrics/activity"
	"github.com/salesmetrics/salesmetrics/internal/columns"
)

// The column types of an index, with activity's key, status and forecast
// category types.
type (
	Store        = columns.Store[activity.Key, activity.Status, activity.ForecastCategory]
	Deals        = columns.Deals[activity.Key, activity.Status, activity.ForecastCategory]
	Activities   = columns.Activities[activity.Key]
	StageChanges = columns.StageChanges[activity.Key]
	Decimals     = columns.Decimals
	Bounds       = columns.Bounds
)

// Time column marks, as in internal/columns.
const (
	NoTime = columns.NoTime
	Unfit  = columns.Unfit
)

// Of returns the columns of ix. They are shared by every view: read, never
// write.
func Of(ix *activity.Index) *Store { return columns.Of(ix).(*Store) }

// DealsOf returns the deal columns of ix.
func DealsOf(ix *activity.Index) *Deals { return &Of(ix).Deals }

// ActivitiesOf returns the activity columns of ix.
func ActivitiesOf(ix *activity.Index) *Activities { return &Of(ix).Activities }

// StageChangesOf returns the stage history columns of ix.
func StageChangesOf(ix *activity.Index) *StageChanges { return &Of(ix).StageChanges }

// Nanos converts a time to the Unix nanoseconds the time columns hold,
// NoTime for the zero time.
func Nanos(t time.Time) int64 { return columns.Nanos(t) }
