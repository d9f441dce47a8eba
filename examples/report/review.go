package main

import "github.com/salesmetrics/salesmetrics/examples/internal/review"

// Review is the quarter review (see review.Review, the -json output's
// contract) with the files it was read from and, for one rep (-rep), the
// rep against the team:
//
//	inputs        each file read: its layout, rows and rows skipped
//	peers         the rep's monthly bookings against the team's (PeerReview)
type Review struct {
	review.Review
	Inputs []Input     `json:"inputs"`
	Peers  *PeerReview `json:"peers,omitempty"`
}
