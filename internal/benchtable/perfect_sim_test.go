package benchtable

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The perfect pacer's arithmetic on runs that can be worked out by hand.
func TestPerfectTiming(t *testing.T) {
	m := model{rtt: 100 * time.Millisecond, server: 20 * time.Millisecond, retryAfter: 500 * time.Millisecond, slots: 4, perBatch: 20}
	rng := rand.New(rand.NewPCG(1, 1))
	for _, c := range []struct {
		name       string
		m          model
		needSecond []bool
		want       time.Duration
	}{
		// One envelope of 5 rounds: a round trip and 100 ms of work.
		{"one envelope", m, make([]bool, 20), 200 * time.Millisecond},
		// The second envelope leaves with the first answer (200 ms),
		// the third arrives as the second's work ends.
		{"three envelopes", m, make([]bool, 60), 500 * time.Millisecond},
		// A list first costs one more round trip.
		{"after a list", model{rtt: m.rtt, server: m.server, slots: 4, perBatch: 20, listFirst: true}, make([]bool, 20), 300 * time.Millisecond},
		// Person 0 missing at the size: asked again once the first answer
		// (one round: 120 ms) is in, in an envelope of its own.
		{"a second ask", m, []bool{true, false, false, false}, 240 * time.Millisecond},
		// Five asks take two rounds.
		{"a part round", m, make([]bool, 5), 140 * time.Millisecond},
	} {
		if got := c.m.perfectTiming(rng, c.needSecond); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Half the items refused: those of the first envelope come back after
	// their Retry-After, which the run cannot end before.
	m.throttle = 0.5
	if got := m.perfectTiming(rng, make([]bool, 20)); got < 200*time.Millisecond+m.retryAfter {
		t.Errorf("half refused: %v, want at least one Retry-After past the first answer", got)
	}
}
