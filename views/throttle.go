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
	ends     map[int]time.Time // when each retry asleep right now wakes
	next     int               // the next sleeper's key in ends
	onChange func()            // something changed: read state()
}

// NewThrottle makes a Throttle with nobody listening yet.
func NewThrottle() *Throttle { return &Throttle{ends: map[int]time.Time{}} }

// Sleep waits d or until ctx ends, like graphapi's default, and reports
// the wait while it lasts. It has graphapi.RetryPolicy.Sleep's signature.
func (t *Throttle) Sleep(ctx context.Context, d time.Duration) error {
	t.mu.Lock()
	key := t.next
	t.next++
	t.ends[key] = time.Now().Add(d)
	t.mu.Unlock()
	t.notify()
	defer func() {
		t.mu.Lock()
		delete(t.ends, key)
		t.mu.Unlock()
		t.notify()
	}()
	return graphapi.Sleep(ctx, d)
}

// notify tells the listener, if any, that the state changed.
func (t *Throttle) notify() {
	t.mu.Lock()
	f := t.onChange
	t.mu.Unlock()
	if f != nil {
		f()
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

// state is how many retries are waiting and how long until the last of
// them wakes: the time left, not the wait asked for, and among those
// asleep now (a 60 s wait that ended no longer shows while a 1 s one
// runs).
func (t *Throttle) state() (waiting int, longest time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	for _, end := range t.ends {
		longest = max(longest, end.Sub(now))
	}
	return len(t.ends), longest
}

// throttleText is the status line for a wait: "throttled — waiting 3 s".
func throttleText(waiting int, longest time.Duration) string {
	if waiting == 0 {
		return ""
	}
	secs := int(math.Ceil(longest.Seconds()))
	return "throttled — waiting " + strconv.Itoa(secs) + " s"
}
