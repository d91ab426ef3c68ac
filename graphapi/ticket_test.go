package graphapi

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// An answer is learnt before its slots go back: the request waiting for
// them computes its hold as soon as it is written, and the first envelope of a
// job is the one whose successor would otherwise find nothing learnt and
// keep its slots for its whole round trip. The order of the two wakes is
// up to the scheduler, so it is tried many times.
func TestAnswerLearntBeforeSlotsFree(t *testing.T) {
	for i := range 200 {
		now := time.Unix(0, 0)
		var mu sync.Mutex
		l := newLimiter(4)
		l.pacer.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		for range netSamples {
			l.pacer.sawNetRTT(100 * time.Millisecond)
		}
		first, err := l.take(context.Background(), MaxBatch)
		if err == nil {
			first.wroteRequest()
		}
		if err != nil || first.timer != nil {
			t.Fatalf("first envelope: %v, timer %v; want its slots held until the answer", err, first.timer)
		}
		next := make(chan *ticket)
		go func() {
			tk, _ := l.take(context.Background(), MaxBatch)
			tk.wroteRequest()
			next <- tk
		}()
		mu.Lock()
		now = now.Add(200 * time.Millisecond)
		mu.Unlock()
		first.envelope = true
		first.done(http.StatusOK, []byte(`{"responses":[]}`))
		second := <-next
		if second.timer == nil {
			t.Fatalf("try %d: the second envelope took its slots before the first's round trip was learnt", i)
		}
		second.timer.Stop()
	}
}

// A request's slots are released ahead of its answer on the clock of its
// write, and its round trip is timed from there: a request that waited
// for a token refresh after it got its slots is answered that much
// later, and timed from the slots, it would both free them too early and
// teach the pacer a round trip too long.
func TestHoldTimedFromTheWrite(t *testing.T) {
	now := time.Unix(0, 0)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	l := newLimiter(4)
	steady := steadyPacer(100*time.Millisecond, 200*time.Millisecond)
	steady.now = clock
	steady.resize = l.pacer.resize
	l.pacer = steady
	tk, err := l.take(context.Background(), MaxBatch)
	if err != nil {
		t.Fatal(err)
	}
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
