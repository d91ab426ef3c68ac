package views

import (
	"sync"

	"fyne.io/fyne/v2"
)

// uiHop is the window's way back to the UI goroutine (fyne.Do) that ends
// with the window. Once Fyne's loop has stopped, fyne.Do runs a function
// at once on the goroutine that called it, so a job finishing as the
// window closes (an export's summary, an interrupted change's dialog)
// would touch widgets beside the shutdown; after close, such functions
// are dropped, and close waits for those already running.
type uiHop struct {
	mu      sync.Mutex
	idle    *sync.Cond // signalled when running drops to 0
	closed  bool
	running int
}

func newUIHop() *uiHop {
	h := &uiHop{}
	h.idle = sync.NewCond(&h.mu)
	return h
}

// do runs f on the UI goroutine, unless the window has closed. The lock is
// not held while f runs: f may hand more work to do.
func (h *uiHop) do(f func()) {
	fyne.Do(func() {
		if !h.enter() {
			return
		}
		defer h.leave()
		f()
	})
}

func (h *uiHop) enter() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.running++
	return true
}

func (h *uiHop) leave() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.running--
	if h.running == 0 {
		h.idle.Broadcast()
	}
}

// close drops every function handed to do from now on, and waits for
// those running.
func (h *uiHop) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for h.running > 0 {
		h.idle.Wait()
	}
}
