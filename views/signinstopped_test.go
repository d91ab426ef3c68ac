package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/session"
)

// A sign-in still waiting for the person in the browser when Settings
// re-open the connection stops, and the window says why: it used to go on
// for the connection that closed, and its outcome was reported on a
// sign-in panel that had gone with it (or, once finished, was an account
// the new connection did not show).
func TestSignInStoppedBySettingsSaysSo(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	gate := make(chan struct{}) // the person has not finished in the browser
	h.mu.Lock()
	h.browserGate = gate
	h.mu.Unlock()
	t.Cleanup(func() { close(gate) })

	test.Tap(panel.browser)
	h.waitFor("the sign-in page open", func() bool { return strings.Contains(h.dialogText(), sandboxPageText) })
	h.sh.settingsSaved(settingsChange{connection: true})
	h.waitFor("why the sign-in stopped", func() bool { return strings.Contains(h.dialogText(), session.SignInStopped) })
	if strings.Contains(h.dialogText(), sandboxPageText) {
		t.Error("the Signing in dialog stays after the sign-in stopped")
	}
	h.waitMain(demoStatus) // the new connection: the sandbox signs its demo account in
}
