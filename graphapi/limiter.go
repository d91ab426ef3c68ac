package graphapi

import "context"

// limiter is a weighted semaphore for photo requests. A $batch of photos
// takes one slot per item (up to the limit), because Graph counts the items
// inside a batch against the same four-concurrent rule.
type limiter struct {
	slots chan struct{}
	// turn serialises acquirers so two batches can never each hold half
	// the slots and wait for the rest forever.
	turn chan struct{}
}

func newLimiter(n int) *limiter {
	if n < 1 {
		n = 1
	}
	return &limiter{slots: make(chan struct{}, n), turn: make(chan struct{}, 1)}
}

// size is the most slots one caller can take.
func (l *limiter) size() int { return cap(l.slots) }

// acquire takes n slots (clamped to the limiter size) or none if ctx ends
// first. It returns how many slots were taken, for release.
func (l *limiter) acquire(ctx context.Context, n int) (int, error) {
	if n <= 0 {
		return 0, nil
	}
	n = min(n, l.size())
	select {
	case l.turn <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	defer func() { <-l.turn }()
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
