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
//
// Held (see hold), it keeps what it is handed until release instead.
type uiHop struct {
	mu      sync.Mutex
	idle    *sync.Cond // signalled when running drops to 0
	closed  bool
	running int
	holding bool     // keep work in held until release
	held    []func() // work handed over while holding, in order
}

func newUIHop() *uiHop {
	h := &uiHop{}
	h.idle = sync.NewCond(&h.mu)
	return h
}

// do runs f on the UI goroutine, unless the window has closed. The lock is
// not held while f runs: f may hand more work to do.
func (h *uiHop) do(f func()) {
	h.mu.Lock()
	if h.holding && !h.closed {
		h.held = append(h.held, f)
		h.mu.Unlock()
		return
	}
	h.mu.Unlock()
	fyne.Do(func() {
		if !h.enter() {
			return
		}
		defer h.leave()
		f()
	})
}

// hold keeps the work handed to do from now on until release. Before
// Fyne's loop runs, fyne.Do runs a function at once when called on the
// main goroutine, so the window's first state would be rendered — its text
// measured — while the main thread should be creating the window, and
// while textWarmUp loads the fonts on another goroutine.
func (h *uiHop) hold() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.holding = true
}

// release runs, on the UI goroutine, the work held since hold, in the order
// it was handed over; what is handed over from now on goes to fyne.Do.
// Work a held function hands on goes to fyne.Do, as after release.
func (h *uiHop) release() {
	h.mu.Lock()
	held := h.held
	h.held, h.holding = nil, false
	h.mu.Unlock()
	for _, f := range held {
		if !h.enter() {
			return
		}
		f()
		h.leave()
	}
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
