package app

import (
	"context"
	"sync"
	"testing"
)

// TestLatestOnlyLastDelivered plays the window: selections happen on one
// "UI" goroutine, each starts a load on a worker, all loads then finish at
// once in random order and post their answer back to the UI goroutine,
// which shows it only if it is still current. Only the last selection's
// answer may be shown.
func TestLatestOnlyLastDelivered(t *testing.T) {
	const n = 300
	var l Latest
	ui := make(chan func(), n)
	var shown []int
	uiDone := make(chan struct{})
	go func() {
		defer close(uiDone)
		for f := range ui {
			f()
		}
	}()

	release := make(chan struct{})
	var workers sync.WaitGroup
	ctxs := make([]context.Context, n)
	selected := make(chan struct{})
	ui <- func() {
		for i := range n {
			ctx, isCurrent := l.Start(context.Background())
			ctxs[i] = ctx
			workers.Go(func() {
				<-release // the answer is already on the wire: it comes back even if cancelled
				ui <- func() {
					if isCurrent() {
						shown = append(shown, i)
					}
				}
			})
		}
		close(selected)
	}
	<-selected
	close(release)
	workers.Wait()
	close(ui)
	<-uiDone

	if len(shown) != 1 || shown[0] != n-1 {
		t.Fatalf("shown %v, want only [%d]", shown, n-1)
	}
	for i, ctx := range ctxs[:n-1] {
		if ctx.Err() == nil {
			t.Fatalf("load %d not cancelled", i)
		}
	}
	if ctxs[n-1].Err() != nil {
		t.Fatal("the last load was cancelled")
	}
}

// TestLatestConcurrentStarts: whatever the interleaving, exactly one load
// is current afterwards.
func TestLatestConcurrentStarts(t *testing.T) {
	var l Latest
	const n = 64
	checks := make([]func() bool, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, checks[i] = l.Start(context.Background()) })
	}
	wg.Wait()
	current := 0
	for _, c := range checks {
		if c() {
			current++
		}
	}
	if current != 1 {
		t.Fatalf("%d loads current, want 1", current)
	}
	l.Stop()
	for i, c := range checks {
		if c() {
			t.Fatalf("load %d current after Stop", i)
		}
	}
}

func TestLatestParentCancel(t *testing.T) {
	var l Latest
	parent, cancel := context.WithCancel(context.Background())
	ctx, isCurrent := l.Start(parent)
	cancel()
	<-ctx.Done()
	if isCurrent() {
		t.Fatal("current after the parent ended")
	}
}
