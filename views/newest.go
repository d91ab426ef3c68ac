package views

import "sync"

// newest hands the latest of a stream of values (a bulk job's progress)
// from the job's goroutines to the UI goroutine, queueing at most one UI
// update at a time, so a fast job cannot flood the UI goroutine; the
// update shows whatever is newest when it runs. The zero value is ready.
type newest[T any] struct {
	mu      sync.Mutex
	value   T
	pending bool // an update is queued and will read value
}

// offer keeps v and, unless an update is already queued, queues show with
// the newest value on the UI goroutine. Safe from any goroutine.
func (n *newest[T]) offer(bg *background, v T, show func(T)) {
	n.mu.Lock()
	n.value = v
	queue := !n.pending
	n.pending = true
	n.mu.Unlock()
	if queue {
		bg.do(func() {
			n.mu.Lock()
			v := n.value
			n.pending = false
			n.mu.Unlock()
			show(v)
		})
	}
}

// get is the newest value offered.
func (n *newest[T]) get() T {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.value
}
