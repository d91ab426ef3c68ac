package graphapi

import (
	"context"
	"sync"
	"sync/atomic"
)

// limiter is a weighted semaphore for photo requests. A $batch of photos
// takes one slot per item (up to the limit), because Graph counts the items
// inside a batch against the same four-concurrent rule.
type limiter struct {
	slots chan struct{}
	// turn serialises acquirers so two batches can never each hold half
	// the slots and wait for the rest forever.
	turn chan struct{}
	// pacer frees slots a little before answers arrive (pacer.go).
	pacer *pacer
	// window is how many slots may be used, at most size; the others
	// are parked (held by the limiter itself) after throttling said the
	// server allows fewer.
	window atomic.Int32
	mu     sync.Mutex
	parks  []*park
	// urgent counts Urgent requests waiting for a slot; only
	// TestUrgentSkipsTheTurn reads it, to know one is waiting.
	urgent atomic.Int32
}

// park is one slot the limiter holds back from callers.
type park struct {
	cancel context.CancelFunc
	done   chan struct{}
	got    int
}

// setWindow parks or unparks slots so that to are usable.
func (l *limiter) setWindow(to int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.window.Store(int32(to))
	for len(l.parks) < l.size()-to {
		ctx, cancel := context.WithCancel(context.Background())
		pk := &park{cancel: cancel, done: make(chan struct{})}
		go func() {
			pk.got, _ = l.acquire(ctx, 1)
			close(pk.done)
		}()
		l.parks = append(l.parks, pk)
	}
	for len(l.parks) > l.size()-to {
		pk := l.parks[len(l.parks)-1]
		l.parks = l.parks[:len(l.parks)-1]
		pk.cancel()
		go func() {
			<-pk.done
			l.release(pk.got)
		}()
	}
}

func newLimiter(n int) *limiter {
	if n < 1 {
		n = 1
	}
	l := &limiter{slots: make(chan struct{}, n), turn: make(chan struct{}, 1)}
	l.window.Store(int32(n))
	l.pacer = newPacer(n, l.setWindow)
	return l
}

// size is the most slots one caller can take.
func (l *limiter) size() int { return cap(l.slots) }

// acquire takes n slots (clamped to the limiter size) or none if ctx ends
// first. It returns how many slots were taken, for release. A single slot
// for an Urgent context skips the turn (urgent.go).
func (l *limiter) acquire(ctx context.Context, n int) (int, error) {
	if n <= 0 {
		return 0, nil
	}
	if n == 1 && isUrgent(ctx) {
		l.urgent.Add(1)
		defer l.urgent.Add(-1)
		select {
		case l.slots <- struct{}{}:
			return 1, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	select {
	case l.turn <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	defer func() { <-l.turn }()
	// Clamped under the turn: a window that shrank meanwhile parks slots
	// only after this caller has its own.
	n = min(n, int(l.window.Load()))
	for got := range n {
		select {
		case l.slots <- struct{}{}:
		case <-ctx.Done():
			l.release(got)
			return 0, ctx.Err()
		}
	}
	return n, nil
}

// release gives back n slots taken by acquire.
func (l *limiter) release(n int) {
	for range n {
		<-l.slots
	}
}
