package views

import (
	"runtime"
	"strings"
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

// Held, the hop keeps what it is handed — from any goroutine — and runs it
// in order on release; what comes after release, and what a held
// function hands on, goes to fyne.Do.
func TestUIHopHeldUntilRelease(t *testing.T) {
	test.NewTempApp(t)
	h := newUIHop()
	h.hold()
	var ran []string
	h.do(func() {
		ran = append(ran, "first")
		h.do(func() { ran = append(ran, "handed on") })
	})
	done := make(chan struct{})
	go func() { h.do(func() { ran = append(ran, "second") }); close(done) }()
	<-done
	if len(ran) != 0 {
		t.Fatalf("ran %v while held", ran)
	}
	h.release()
	h.do(func() { ran = append(ran, "after release") })
	// The test driver runs fyne.Do at once, so "handed on" runs inside
	// "first" here; Fyne's loop would queue it.
	want := []string{"first", "handed on", "second", "after release"}
	if strings.Join(ran, ",") != strings.Join(want, ",") {
		t.Errorf("ran %v; want %v", ran, want)
	}
}

// Work held when the window closes never runs.
func TestUIHopHeldWorkDroppedAtClose(t *testing.T) {
	test.NewTempApp(t)
	h := newUIHop()
	h.hold()
	ran := false
	h.do(func() { ran = true })
	h.close()
	h.release()
	if ran {
		t.Error("held work ran after the window closed")
	}
}
