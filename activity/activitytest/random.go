package activitytest

import (
	"math/bits"
	"math/rand/v2"
)

// Streams of the generator: each kind of record draws from its own, so that
// asking for more activities leaves the roster and the deals as they were.
const (
	streamReps       = 0x9e3779b97f4a7c15
	streamDeals      = 0xbf58476d1ce4e5b9
	streamActivities = 0x94d049bb133111eb
	streamDealsMore  = 0xd6e8feb86659fd93
	streamCloseDays  = 0xa0761d6478bd642f
	streamLeads      = 0xe7037ed1a0b428db
	streamAccounts   = 0x8ebc6af09c88c6e3
)

// rng draws numbers from a PCG stream with integer arithmetic only. The
// methods of rand.Rand are not promised to keep their algorithms across Go
// versions; PCG's output is, so everything is derived from Uint64 here.
type rng struct {
	src *rand.PCG
}

func newRNG(seed, stream uint64) rng {
	return rng{rand.NewPCG(seed, stream)}
}

// int63n returns a uniform value in [0, n) for n > 0, by multiplying a
// random 64-bit value by n and keeping the high word, rejecting the few low
// words that would bias it (Lemire, "Fast random integer generation in an
// interval", 2019).
func (r rng) int63n(n int64) int64 {
	un := uint64(n)
	hi, lo := bits.Mul64(r.src.Uint64(), un)
	if lo < un {
		floor := -un % un
		for lo < floor {
			hi, lo = bits.Mul64(r.src.Uint64(), un)
		}
	}
	return int64(hi)
}

// intn returns a uniform value in [0, n) for n > 0.
func (r rng) intn(n int) int { return int(r.int63n(int64(n))) }

// between returns a uniform value in [lo, hi] for lo <= hi.
func (r rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability bp/10,000.
func (r rng) chance(bp int) bool { return r.intn(10000) < bp }

// weights is a discrete distribution over 0..len(w)-1 by integer weights.
type weights []int

// pick returns i with probability w[i] / sum(w).
func (r rng) pick(w weights) int {
	total := 0
	for _, x := range w {
		total += x
	}
	u := r.intn(total)
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// amountKnots are exp(0.9·z) in millionths at the quantiles (i + 0.5)/128
// of the standard normal z, i = 0..127, computed with Python's
// statistics.NormalDist. A lognormal amount is drawn by choosing a point
// uniformly between the first and last knot and interpolating linearly,
// which keeps the draw free of floating point (whose math.Exp may differ in
// the last bit between platforms).
var amountKnots = [128]int64{
	91258, 130080, 156113, 177424, 196145, 213204, 229101, 244138,
	258517, 272378, 285823, 298930, 311760, 324363, 336777, 349035,
	361166, 373192, 385135, 397012, 408839, 420630, 432399, 444156,
	455913, 467679, 479463, 491274, 503119, 515008, 526946, 538940,
	550999, 563127, 575332, 587620, 599996, 612468, 625040, 637720,
	650512, 663424, 676461, 689630, 702935, 716385, 729985, 743741,
	757661, 771751, 786018, 800470, 815113, 829955, 845005, 860270,
	875759, 891480, 907443, 923657, 940132, 956878, 973906, 991226,
	1008851, 1026794, 1045065, 1063680, 1082653, 1101997, 1121730, 1141867,
	1162426, 1183425, 1204884, 1226824, 1249267, 1272235, 1295755, 1319851,
	1344554, 1369892, 1395897, 1422606, 1450054, 1478281, 1507331, 1537250,
	1568087, 1599897, 1632739, 1666678, 1701781, 1738127, 1775798, 1814886,
	1855493, 1897729, 1941719, 1987600, 2035525, 2085667, 2138220, 2193401,
	2251460, 2312679, 2377384, 2445952, 2518818, 2596495, 2679587, 2768814,
	2865042, 2969326, 3082967, 3207591, 3345265, 3498673, 3671372, 3868213,
	4096036, 4364889, 4690341, 5098279, 5636232, 6405616, 7687565, 10957901,
}

// sizeSteps is the number of positions a deal's size rank runs over:
// 16 bits of interpolation between each pair of adjacent knots.
const sizeSteps = int64(len(amountKnots)-1) << 16

// amountAt returns the lognormal multiplier, in millionths, at size rank
// q in [0, sizeSteps).
func amountAt(q int64) int64 {
	i, f := q>>16, q&0xffff
	lo, hi := amountKnots[i], amountKnots[i+1]
	return lo + (hi-lo)*f>>16
}
