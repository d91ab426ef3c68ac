package views

import (
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// After close, work handed to the UI hop is dropped; close waits for work
// already running (which may hand on more, without a deadlock).
func TestUIHopEndsWithTheWindow(t *testing.T) {
	test.NewTempApp(t)
	h := newUIHop()
	ran := make(chan string, 4)
	inside, release := make(chan struct{}), make(chan struct{})
	go h.do(func() {
		h.do(func() { ran <- "nested" })
		close(inside)
		<-release
		ran <- "first"
	})
	<-inside
	closed := make(chan struct{})
	go func() { h.close(); close(closed) }()
	for deadline := time.Now().Add(10 * time.Second); !h.isClosed(); runtime.Gosched() {
		if time.Now().After(deadline) {
			t.Fatal("close never began")
		}
	}
	select {
	case <-closed:
		t.Fatal("close did not wait for the work running")
	default:
	}
	close(release)
	<-closed
	h.do(func() { ran <- "after close" })
	close(ran)
	var got []string
	for s := range ran {
		got = append(got, s)
	}
	if len(got) == 0 || got[len(got)-1] == "after close" {
		t.Errorf("ran %v; want the first job, and nothing handed over after close", got)
	}
	for _, s := range got {
		if s == "after close" {
			t.Errorf("ran %v: work handed over after close ran", got)
		}
	}
}

// isClosed reports whether close has begun.
func (h *uiHop) isClosed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed
}
