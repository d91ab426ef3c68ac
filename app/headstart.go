package app

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// A window that has just signed in spends a few hundred milliseconds
// building and painting itself before it asks for anything, and only then
// lists everyone and loads the first person's photo: two round trips after
// the first frame. WarmUp sends both as soon as the account is ready, while
// the window is still being drawn; the window's first list and first photo
// then find them done or on their way.

// headStart is the first page of a list fetched ahead of the window.
type headStart struct {
	kind  Kind
	at    time.Time // when WarmUp began
	pager *SearchPager
	ready chan struct{} // closed when page and err are set
	page  []Person
	err   error
}

// headStarts holds the one head start not yet taken.
type headStarts struct {
	mu   sync.Mutex
	next *headStart
}

// WarmUp fetches, in the background under ctx, the first page of kind's
// list (everyone: the query "") and then the first person's photo at size,
// which the memory cache keeps. The next Search(kind, "") takes the page
// over, waiting for it if it is still on its way; the photo is a cache hit
// or joins the download in flight. ctx should be the account's: a head
// start is never shown to anyone else, since each account has its own
// engine.
func (e *Engine) WarmUp(ctx context.Context, kind Kind, size graphapi.Size) {
	h := &headStart{kind: kind, at: e.now(), pager: e.search(kind, ""), ready: make(chan struct{})}
	e.heads.mu.Lock()
	e.heads.next = h
	e.heads.mu.Unlock()
	go func() {
		h.page, h.err = h.pager.Next(ctx)
		close(h.ready)
		if h.err == nil && len(h.page) > 0 {
			// Someone is about to look at it: ahead of the list's avatars.
			_, _ = e.Photo(graphapi.Urgent(ctx), h.page[0], size)
		}
	}()
}

// headStartLife is how long a head start may wait to be taken: it is for
// the window's first list, not for one asked for minutes later.
const headStartLife = 30 * time.Second

// takeHeadStart returns the head start for kind's full list, once, while
// it is fresh.
func (e *Engine) takeHeadStart(kind Kind) *headStart {
	e.heads.mu.Lock()
	defer e.heads.mu.Unlock()
	h := e.heads.next
	if h == nil || h.kind != kind {
		return nil
	}
	e.heads.next = nil
	if e.now().Sub(h.at) > headStartLife {
		return nil
	}
	return h
}

// searchPager hands out the head start's page first (waiting for it under
// the caller's ctx), then the rest of its list; when the head start failed,
// the next Next asks Graph for that first page again.
func (h *headStart) searchPager() *SearchPager {
	var handed atomic.Bool // the first page went out
	return &SearchPager{
		next: func(ctx context.Context) ([]Person, error) {
			if handed.Load() {
				return h.pager.Next(ctx)
			}
			select {
			case <-h.ready:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if !handed.CompareAndSwap(false, true) { // TryNext took it meanwhile
				return h.pager.Next(ctx)
			}
			return h.page, h.err
		},
		ready: func() ([]Person, bool, error) {
			select {
			case <-h.ready:
			default:
				return nil, false, nil
			}
			if !handed.CompareAndSwap(false, true) {
				return nil, false, nil
			}
			return h.page, true, h.err
		},
		done: func() bool {
			// A first page that failed is asked for again by the next
			// Next (graphapi.Pager keeps its place), so only the list's
			// own end makes it done.
			return handed.Load() && h.pager.Done()
		},
	}
}
