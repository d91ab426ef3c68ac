package app

import (
	"context"
	"sync"
)

// PeopleFeed hands people to StreamAvatars as they become known — a
// list's rows as its lookups answer — so that their avatars join one
// queue and fill its envelopes, where asking for each few rows on its own
// cost Graph an envelope (and another for their default-size retries)
// every few people. Add and Close may be called from any goroutine, the
// window's UI goroutine among them: neither waits for Graph.
type PeopleFeed struct {
	mu     sync.Mutex
	people []Person // added and not taken yet
	closed bool
	wake   chan struct{} // closed, and replaced, when people are added or the feed is closed
}

// NewPeopleFeed starts an empty feed.
func NewPeopleFeed() *PeopleFeed { return &PeopleFeed{wake: make(chan struct{})} }

// Add hands people over after those added before: StreamAvatars numbers
// the people of every Add in the order they were added. Adding after
// Close is a mistake, and panics, as a send on a closed channel does.
func (f *PeopleFeed) Add(people ...Person) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		panic("app: PeopleFeed.Add after Close")
	}
	if len(people) == 0 {
		return
	}
	f.people = append(f.people, people...)
	f.wakeLocked()
}

// Close says that no one more will be added. Closing twice is harmless.
func (f *PeopleFeed) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		f.wakeLocked()
	}
}

// Next takes the people added since the last Next, waiting while there
// are none and the feed is open; last says the feed is closed and they
// are the last. When ctx ends it returns nothing, and last.
func (f *PeopleFeed) Next(ctx context.Context) (people []Person, last bool) {
	for {
		f.mu.Lock()
		people, closed, wake := f.people, f.closed, f.wake
		f.people = nil
		f.mu.Unlock()
		if len(people) > 0 || closed {
			return people, closed
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return nil, true
		}
	}
}

// wakeLocked wakes a Next waiting; f.mu must be held.
func (f *PeopleFeed) wakeLocked() {
	close(f.wake)
	f.wake = make(chan struct{})
}
