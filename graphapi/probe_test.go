package graphapi

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// TestProbesTimeTheNetwork: with WithNetworkProbes, the first photo request
// of a client that has timed nothing starts light requests of its own, all
// at once (each probe here is answered only when all have arrived), and an
// error answer (an app-only token's 400 for /me) times the network too;
// without the option no request is added.
func TestProbesTimeTheNetwork(t *testing.T) {
	for _, on := range []bool{true, false} {
		var opts []Option
		if on {
			opts = append(opts, WithNetworkProbes())
		}
		c, mux, _, _ := setup(t, opts...)
		var probes atomic.Int32
		firstProbe := make(chan struct{}, 1)
		allArrived := make(chan struct{})
		mux.HandleFunc("/v1.0/me", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.RawQuery != "$select=id" {
				t.Errorf("probe query %q", r.URL.RawQuery)
			}
			if probes.Add(1) == netSamples {
				close(allArrived)
			}
			select {
			case firstProbe <- struct{}{}:
			default:
			}
			select {
			case <-allArrived:
			case <-time.After(10 * time.Second):
				t.Error("a probe waited for the one before it to be answered")
			}
			writeGraphError(w, http.StatusBadRequest, "BadRequest", "/me request is only valid with delegated authentication flow.")
		})
		mux.HandleFunc("/v1.0/users/ann/photos/48x48/$value", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			_, _ = w.Write([]byte("jpeg"))
		})
		if _, err := c.PhotoBytes(context.Background(), User("ann"), "48x48"); err != nil {
			t.Fatal(err)
		}
		if !on {
			if c.probeNetwork(context.Background()) != nil || probes.Load() != 0 {
				t.Errorf("probes without WithNetworkProbes: %d", probes.Load())
			}
			continue
		}
		select {
		case <-firstProbe:
		case <-time.After(10 * time.Second):
			t.Fatal("the photo request started no probe")
		}
		// Wait for the run under way (nil: it is over and the network known).
		if done := c.probeNetwork(context.Background()); done != nil {
			<-done
		}
		if probes.Load() != netSamples {
			t.Errorf("%d probes, want %d", probes.Load(), netSamples)
		}
		if c.Pacing().NetworkRTT <= 0 {
			t.Errorf("the network's round trip is unknown after %d probes", probes.Load())
		}
	}
}

// TestPacerExtrapolatesRounds: a request of a size not seen yet (the few
// items an export sends again) is held by the server time of the longest
// kind, scaled by its rounds, not for its whole round trip.
func TestPacerExtrapolatesRounds(t *testing.T) {
	p := newLimiter(4).pacer
	for range 50 {
		p.answered(5, 200*time.Millisecond)
	}
	if p.hold(2) != 0 {
		t.Fatal("a hold without the network's round trip")
	}
	for range 3 {
		p.sawNetRTT(100 * time.Millisecond)
	}
	for range 50 {
		p.answered(5, 200*time.Millisecond)
	}
	// 100ms of network and 2/5 of 100ms of server time, less the lead
	// (the network's 100ms), plus the margin and, for a guess, a share of
	// the server time guessed.
	if h := p.hold(2); h != 40*time.Millisecond+holdMargin+40*time.Millisecond/holdMarginShare+40*time.Millisecond/guessShare {
		t.Errorf("hold(2) = %v, want 40ms + the margins", h)
	}
	// Seen once, the same round trip is held by the margins alone.
	p.answered(2, 140*time.Millisecond)
	if h := p.hold(2); h != 40*time.Millisecond+holdMargin+40*time.Millisecond/holdMarginShare {
		t.Errorf("hold(2) once seen = %v, want 40ms + the margins", h)
	}

	// Scaled up from a shorter kind (a single photo before the first
	// envelope), the estimate counts that kind's fixed costs over and
	// needs no more.
	up := newLimiter(4).pacer
	for range 3 {
		up.sawNetRTT(100 * time.Millisecond)
	}
	for range 50 {
		up.answered(1, 120*time.Millisecond)
	}
	if h := up.hold(5); h != 100*time.Millisecond+holdMargin+100*time.Millisecond/holdMarginShare {
		t.Errorf("hold(5) scaled up = %v, want 100ms + the margins", h)
	}
}

// TestProbesGiveUpWhenThrottled: probes answered 429 do not time the
// network, and once three have been the client stops probing — probing a
// throttled Graph with every job would add to the strain. The three of one
// run are enough: a run sends them at once.
func TestProbesGiveUpWhenThrottled(t *testing.T) {
	c, mux, _, _ := setup(t, WithNetworkProbes())
	var probes atomic.Int32
	mux.HandleFunc("/v1.0/me", func(w http.ResponseWriter, r *http.Request) {
		probes.Add(1)
		w.Header().Set("Retry-After", "30")
		writeGraphError(w, http.StatusTooManyRequests, "TooManyRequests", "Too many requests.")
	})
	mux.HandleFunc("/v1.0/users/ann/photos/48x48/$value", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write([]byte("jpeg"))
	})
	for range 5 {
		if _, err := c.PhotoBytes(context.Background(), User("ann"), "48x48"); err != nil {
			t.Fatal(err)
		}
		if done := c.probeNetwork(context.Background()); done != nil {
			<-done
		}
	}
	if n := probes.Load(); n != probeFailures {
		t.Errorf("%d probes of a throttled Graph in 5 photo requests, want %d (one run) and then none", n, probeFailures)
	}
	if c.Pacing().NetworkRTT != 0 {
		t.Error("a 429 timed the network")
	}
}
