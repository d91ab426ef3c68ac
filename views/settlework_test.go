package views

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// On the way out the process waits for the work it told to stop to end
// its own way (an import's journal lines, an export's lock), but not for
// ever; and the work of windows let go is only kept while it runs.
func TestQuitWaitsForStoppedWorkToEnd(t *testing.T) {
	sh := &shell{}
	idle := &background{ctx: context.Background(), hop: func(func()) {}}
	sh.keepWork(idle)
	ctx, stop := context.WithCancel(context.Background())
	b := &background{ctx: ctx, hop: func(func()) {}}
	sh.keepWork(b)
	if len(sh.shownWork) != 1 || sh.shownWork[0] != b {
		t.Fatalf("kept %d backgrounds; want only the one with work", len(sh.shownWork))
	}
	release := make(chan struct{})
	var wound atomic.Bool
	b.run(func() {
		<-ctx.Done()
		<-release // the journal line still being written
		wound.Store(true)
	})
	stop()
	settle := func(limit time.Duration) bool { return sh.settleUntil(time.Now().Add(limit), (*background).settle) }
	if settle(20 * time.Millisecond) {
		t.Fatal("settled while the work was still winding down")
	}
	close(release)
	if !settle(10 * time.Second) {
		t.Fatal("the work that ended was not seen to end")
	}
	if !wound.Load() {
		t.Error("the wait returned before the work had ended")
	}
}
