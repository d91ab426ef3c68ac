package app

import (
	"crypto/sha256"
	"slices"
)

// PhotoReads is how many times in all a photo that arrives damaged is read
// before it is said so, by the window, by export and by a change's backup:
// a flaky VPN or proxy costs a re-read, not a person shown or reported as
// broken whose photo is fine.
const PhotoReads = 3

// Damage is what the damaged reads of one photo so far say.
type Damage int

const (
	// ReadAgain: damaged differently from every read before, so the
	// transfer may be to blame; read the photo again.
	ReadAgain Damage = iota
	// HeldDamaged: the same damaged bytes came before, so Graph holds
	// the photo damaged.
	HeldDamaged
	// DamagedInTransit: damaged differently on all PhotoReads reads.
	DamagedInTransit
)

// DamagedReads remembers the damaged reads of one photo, to tell a
// transfer garbled on the way (different each read) from a photo Graph
// holds damaged (the same bytes twice). The zero value is ready.
type DamagedReads struct {
	seen [][sha256.Size]byte
}

// Add counts body, a read that did not decode as a picture, and says
// what to do next.
func (d *DamagedReads) Add(body []byte) Damage {
	sum := sha256.Sum256(body)
	if slices.Contains(d.seen, sum) {
		return HeldDamaged
	}
	d.seen = append(d.seen, sum)
	if len(d.seen) >= PhotoReads {
		return DamagedInTransit
	}
	return ReadAgain
}
