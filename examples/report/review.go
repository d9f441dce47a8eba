package main

import "github.com/salesmetrics/salesmetrics/examples/internal/review"

// Review is the quarter review (see review.Review, the -json output's
// contract) with the files it was read from:
//
//	inputs        each file read: its layout, rows and rows skipped
type Review struct {
	review.Review
	Inputs []Input `json:"inputs"`
}
