package graphapi

import (
	"context"
	"testing"
	"time"
)

// TestUrgentSkipsTheTurn: an envelope gathering all four slots holds the
// limiter's turn; an urgent single request must take a freed slot before
// the envelope has them all, not wait for the envelope to be sent.
func TestUrgentSkipsTheTurn(t *testing.T) {
	l := newLimiter(4)
	ctx := context.Background()
	first, err := l.acquire(ctx, 4) // the envelope on the wire
	if err != nil || first != 4 {
		t.Fatalf("first envelope: %d, %v", first, err)
	}
	envelope := make(chan int, 1)
	go func() {
		n, _ := l.acquire(ctx, 4) // the next envelope, waiting for slots
		envelope <- n
	}()
	waitFor(t, "the next envelope to hold the turn", func() bool { return len(l.turn) == 1 })
	urgent := make(chan int, 1)
	go func() {
		n, _ := l.acquire(Urgent(ctx), 1)
		urgent <- n
	}()
	waitFor(t, "the urgent request to wait for a slot", func() bool { return l.urgent.Load() == 1 })
	l.release(first)
	select {
	case n := <-urgent:
		if n != 1 {
			t.Fatalf("urgent took %d slots", n)
		}
	case n := <-envelope:
		t.Fatalf("the envelope took %d slots before the urgent request had one", n)
	case <-time.After(10 * time.Second):
		t.Fatal("the urgent request is still waiting behind the envelope")
	}
	l.release(1)
	if n := <-envelope; n != 4 {
		t.Fatalf("envelope got %d slots", n)
	}
}
