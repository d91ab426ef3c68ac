package app

import (
	"context"
	"sync"
)

// Latest tracks the one load whose answer may still be shown, such as the
// photo of the person selected last. Starting a new load cancels the one
// before it, and the older load's isCurrent turns false at once, so an
// answer that arrives late (it was already on the wire) is dropped instead
// of replacing the newer one. The zero value is ready to use; it is safe
// for concurrent use.
type Latest struct {
	mu     sync.Mutex
	gen    uint64
	cancel context.CancelFunc
}

// Start begins a new load under parent and cancels the previous one. The
// caller runs the load with ctx and, on the goroutine that shows results
// (inside fyne.Do for the window), shows it only if isCurrent() is true
// there; checking on the worker goroutine is not enough, since another
// Start may come between the check and the show.
func (l *Latest) Start(parent context.Context) (ctx context.Context, isCurrent func() bool) {
	ctx, cancel := context.WithCancel(parent)
	l.mu.Lock()
	if l.cancel != nil {
		l.cancel()
	}
	l.gen++
	gen := l.gen
	l.cancel = cancel
	l.mu.Unlock()
	return ctx, func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.gen == gen && ctx.Err() == nil
	}
}

// Stop cancels the current load, if any, so nothing more is shown; used when
// the selection is cleared or the window closes.
func (l *Latest) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.gen++
}
