package graphapi

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// An answer is learnt before its slots go back: the request waiting for
// them computes its hold as soon as it is written, and the first envelope
// of a job is the one whose successor would otherwise find nothing learnt
// and keep its slots for its whole round trip. The fake clock looks at
// the slots when done reads it to time the answer it then teaches the
// pacer, so the order is checked directly, not left to how the scheduler
// wakes a waiter (the old order, slots first, fails here every time).
func TestAnswerLearntBeforeSlotsFree(t *testing.T) {
	now := time.Unix(0, 0)
	var mu sync.Mutex
	answering := false
	heldWhileTimed := -1
	l := newLimiter(4)
	l.pacer.now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		if answering {
			heldWhileTimed = len(l.slots)
		}
		return now
	}
	for range netSamples {
		l.pacer.sawNetRTT(100 * time.Millisecond)
	}
	first, err := l.take(context.Background(), MaxBatch)
	if err != nil {
		t.Fatal(err)
	}
	first.wroteRequest()
	if first.timer != nil {
		t.Fatal("first envelope's slots set to go back early; want them held until the answer")
	}
	mu.Lock()
	now, answering = now.Add(200*time.Millisecond), true
	mu.Unlock()
	first.envelope = true
	first.done(http.StatusOK, []byte(`{"responses":[]}`))
	if heldWhileTimed != 4 {
		t.Fatalf("%d of 4 slots held when the answer was timed and learnt; want all, freed after", heldWhileTimed)
	}
	second, err := l.take(context.Background(), MaxBatch)
	if err != nil {
		t.Fatal(err)
	}
	second.wroteRequest()
	if second.timer == nil {
		t.Fatal("the second envelope has no early release after the first's round trip was learnt")
	}
	second.timer.Stop()
}

// A request's slots are released ahead of its answer on the clock of its
// write, and its round trip is timed from there: a request that waited
// for a token refresh after it got its slots is answered that much
// later, and timed from the slots, it would both free them too early and
// teach the pacer a round trip too long.
func TestHoldTimedFromTheWrite(t *testing.T) {
	l, tk, advance := steadyTicket(t)
	if tk.timer != nil {
		t.Fatal("slots set to go back early before the request was written")
	}
	advance(300 * time.Millisecond) // a token refresh, a new connection
	tk.wroteRequest()
	if tk.timer == nil {
		t.Fatal("a written request of a known kind has no early release")
	}
	advance(200 * time.Millisecond)
	tk.firstByte()
	tk.envelope = true
	tk.done(http.StatusOK, []byte(`{"responses":[]}`))
	if got := l.pacer.predict[5]; got != 200*time.Millisecond {
		t.Errorf("round trip learnt as %v after an answer 200ms after the write, want 200ms", got)
	}
	if !tk.freed.Load() {
		t.Error("slots not given back at the answer")
	}
}

// A request written again (net/http does, on a fresh connection, when the
// idle one turns out closed or HTTP/2 refused the stream) is timed from
// its last write: on the first write's clock its slots would go back too
// early and the pacer would learn the reconnection as round trip.
func TestHoldTimedFromTheLastWrite(t *testing.T) {
	l, tk, advance := steadyTicket(t)
	tk.wroteRequest()
	firstTimer := tk.timer
	advance(time.Second) // the connection was closed: dialled again, written again
	tk.wroteRequest()
	if tk.timer == nil || tk.timer == firstTimer {
		t.Fatal("the second write did not set a hold of its own")
	}
	if firstTimer.Stop() {
		t.Error("the first write's hold was still running")
	}
	advance(200 * time.Millisecond)
	tk.firstByte()
	tk.wroteRequest() // after the answer began: changes nothing
	tk.envelope = true
	tk.done(http.StatusOK, []byte(`{"responses":[]}`))
	if got := l.pacer.predict[5]; got != 200*time.Millisecond {
		t.Errorf("round trip learnt as %v, want the 200ms from the last write", got)
	}
}

// steadyTicket takes a ticket for an envelope of 20 from a limiter whose
// pacer has settled (100 ms network, 200 ms envelopes) on a fake clock,
// which advance moves on.
func steadyTicket(t *testing.T) (l *limiter, tk *ticket, advance func(time.Duration)) {
	t.Helper()
	now := time.Unix(0, 0)
	var mu sync.Mutex
	l = newLimiter(4)
	steady := steadyPacer(100*time.Millisecond, 200*time.Millisecond)
	steady.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	steady.resize = l.pacer.resize
	l.pacer = steady
	tk, err := l.take(context.Background(), MaxBatch)
	if err != nil {
		t.Fatal(err)
	}
	return l, tk, func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
}
