package views

import (
	"context"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// Throttle carries Graph's retry waits (429 Retry-After, 503/504 backoff)
// from the Graph client to the status bar, so a throttled user reads
// "throttled — waiting 3 s" instead of a frozen window. Wire its Sleep into
// graphapi.RetryPolicy.Sleep and pass it in Status.Throttle.
type Throttle struct {
	mu       sync.Mutex
	waiting  int           // retries asleep right now
	longest  time.Duration // the longest wait among those asleep
	onChange func()        // something changed: read state()
}

// NewThrottle makes a Throttle with nobody listening yet.
func NewThrottle() *Throttle { return &Throttle{} }

// Sleep waits d or until ctx ends, like graphapi's default, and reports
// the wait while it lasts. It has graphapi.RetryPolicy.Sleep's signature.
func (t *Throttle) Sleep(ctx context.Context, d time.Duration) error {
	t.change(+1, d)
	defer t.change(-1, 0)
	return graphapi.Sleep(ctx, d)
}

func (t *Throttle) change(delta int, d time.Duration) {
	t.mu.Lock()
	t.waiting += delta
	if t.waiting == 0 {
		t.longest = 0
	}
	t.longest = max(t.longest, d)
	notify := t.onChange
	t.mu.Unlock()
	if notify != nil {
		notify()
	}
}

// listen sets who hears about changes; f runs on the sleeping goroutine and
// should read state() once it is on the UI goroutine, so notifications that
// overtake each other still end on the latest state.
func (t *Throttle) listen(f func()) {
	t.mu.Lock()
	t.onChange = f
	t.mu.Unlock()
}

// state is how many retries are waiting and the longest wait among them.
func (t *Throttle) state() (waiting int, longest time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.waiting, t.longest
}

// throttleText is the status line for a wait: "throttled — waiting 3 s".
func throttleText(waiting int, longest time.Duration) string {
	if waiting == 0 {
		return ""
	}
	secs := int(math.Ceil(longest.Seconds()))
	return "throttled — waiting " + strconv.Itoa(secs) + " s"
}
