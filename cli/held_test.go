package cli

import (
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// holdRequests holds every request match picks, unanswered until the test
// ends, so that it stays on its way; the channel hears the first.
func holdRequests(t *testing.T, tn *tenant, match func(sandbox.Seen) bool) <-chan struct{} {
	t.Helper()
	held, _ := holdReleasable(t, tn, match)
	return held
}

// holdReleasable is holdRequests with a release: once it is called, the
// held requests go on and later ones pass.
func holdReleasable(t *testing.T, tn *tenant, match func(sandbox.Seen) bool) (held <-chan struct{}, release func()) {
	t.Helper()
	first, released := make(chan struct{}, 1), make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(released) }) }
	tn.Handler().Observe(func(s sandbox.Seen) {
		if match(s) {
			select {
			case first <- struct{}{}:
			default:
			}
			<-released
		}
	})
	t.Cleanup(func() { release(); tn.Handler().Observe(nil) })
	return first, release
}

// waitHeld waits until p's request (what names it) is held; p ending first
// fails the test.
func waitHeld(t *testing.T, p *proc, held <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-held:
	case <-p.done:
		t.Fatalf("ended before its %s: %s", what, p.stderr.String())
	case <-time.After(60 * time.Second): // a guard against hanging, not a timing
		t.Fatalf("no %s after 60 s", what)
	}
}
