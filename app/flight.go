package app

import (
	"context"
	"errors"
	"sync"
)

// flight makes concurrent requests for the same key share one Graph call:
// the viewer, the size picker and Save all sizes often ask for the same
// photo or size list at once, and every duplicate request is one more
// against the four-concurrent rule.
type flight[K comparable, V any] struct {
	mu    sync.Mutex
	calls map[K]*flightCall[V]
}

type flightCall[V any] struct {
	done    chan struct{}
	v       V
	err     error
	waiters int // followers waiting, for tests
}

// do runs fn once for key among concurrent callers. A follower whose own
// ctx ends stops waiting at once; if the leader's call ended because the
// leader's ctx did (its user moved on), a follower still interested runs
// fn itself rather than inherit a cancellation that was not its own.
func (f *flight[K, V]) do(ctx context.Context, key K, fn func() (V, error)) (V, error) {
	for {
		f.mu.Lock()
		if f.calls == nil {
			f.calls = map[K]*flightCall[V]{}
		}
		if c, ok := f.calls[key]; ok {
			c.waiters++
			f.mu.Unlock()
			select {
			case <-c.done:
			case <-ctx.Done():
				var zero V
				return zero, ctx.Err()
			}
			if (errors.Is(c.err, context.Canceled) || errors.Is(c.err, context.DeadlineExceeded)) && ctx.Err() == nil {
				continue
			}
			return c.v, c.err
		}
		c := &flightCall[V]{done: make(chan struct{})}
		f.calls[key] = c
		f.mu.Unlock()

		c.v, c.err = fn()
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		close(c.done)
		return c.v, c.err
	}
}

// waiting reports how many followers wait on key's call in flight.
func (f *flight[K, V]) waiting(key K) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.calls[key]; ok {
		return c.waiters
	}
	return 0
}
