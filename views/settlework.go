package views

import (
	"fmt"
	"os"
	"time"
)

// workWaitOnQuit bounds how long the process stays, once the window has
// closed and the account's work was told to stop, for that work to wind
// down: long enough for journal lines and lock files, short enough that a
// call that ignores its context cannot keep a closed app running.
const workWaitOnQuit = 5 * time.Second

// keepWork adds b to the work settleWork waits for, dropping the work of
// windows let go whose goroutines have all returned, so account switches
// do not pile them up.
func (sh *shell) keepWork(b *background) {
	kept := sh.shownWork[:0]
	for _, w := range sh.shownWork {
		if w.busy.Load() != 0 {
			kept = append(kept, w)
		}
	}
	sh.shownWork = append(kept, b)
}

// settleWork waits, at most limit in all, for the work of every main
// window shown to end (background.settle), and reports whether it did.
func (sh *shell) settleWork(limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for _, b := range sh.shownWork {
		if !b.settle(deadline) {
			return false
		}
	}
	return true
}

// settleWorkOnQuit is settleWork for Run's way out, saying on stderr when
// work was still running at the limit (it is cut off by the exit).
func (sh *shell) settleWorkOnQuit() {
	if !sh.settleWork(workWaitOnQuit) {
		fmt.Fprintf(os.Stderr, "photodesk: quit with work still stopping after %s\n", workWaitOnQuit)
	}
}
