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

// workWindDown is the last part of workWaitOnQuit, kept for the work the
// end of the account's work cuts off: enough to journal an upload cut off
// as perhaps gone through and let lock files go.
const workWindDown = time.Second

// keepWork adds b to the work quitWork waits for, dropping the work of
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

// settleUntil waits, at most until deadline, for settle of the work of
// every main window shown, and reports whether it all ended.
func (sh *shell) settleUntil(deadline time.Time, settle func(*background, time.Time) bool) bool {
	for _, b := range sh.shownWork {
		if !settle(b, deadline) {
			return false
		}
	}
	return true
}

// quitWork ends the work of every main window shown, on the way out,
// within limit in all, and reports whether it all ended. The jobs whose
// requests on their way are worth their answers (background.runToAnswer:
// an import or its undo, which the quit question stopped, and a single
// photo change) come first, with the account's connection still open, for
// all of limit but workWindDown: they start nothing new, and an upload
// already on its way gets its answer, so the journal or change log says
// it went and Undo takes it back. Ending the account's work
// first, as quitting used to, cut those uploads off: journalled as
// perhaps gone through. Then the controller closes — the account's work
// ends, a sandbox stops — and the rest winds down in what is left.
func (sh *shell) quitWork(limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	if sh.answering != nil {
		sh.answering()
	}
	sh.settleUntil(deadline.Add(-min(workWindDown, limit/2)), (*background).settleAnswered)
	sh.ctrl.Close()
	return sh.settleUntil(deadline, (*background).settle)
}

// settleWorkOnQuit is quitWork for Run's way out, saying on stderr when
// work was still running at the limit (it is cut off by the exit).
func (sh *shell) settleWorkOnQuit() {
	if !sh.quitWork(workWaitOnQuit) {
		fmt.Fprintf(os.Stderr, "photodesk: quit with work still stopping after %s\n", workWaitOnQuit)
	}
}
