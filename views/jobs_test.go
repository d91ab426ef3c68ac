package views

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// requestLog records who asked the sandbox for what.
type requestLog struct {
	mu   sync.Mutex
	seen []sandbox.Seen
}

func (l *requestLog) add(s sandbox.Seen) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, s)
}

// count is how many requests caller made whose path contains part.
func (l *requestLog) count(caller, part string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.seen {
		if s.Caller == caller && strings.Contains(s.Path, part) {
			n++
		}
	}
	return n
}

// exportPart is in the path of every photo the tests' export asks for and
// of no request the window makes by itself (avatars are 48x48, the viewer
// shows the largest photo).
const exportPart = "/photos/120x120/"

// addAccount signs upn in with Add another account… and waits for its
// main window.
func (h *shellHarness) addAccount(upn string) *mainWindow {
	h.t.Helper()
	h.chooseAccountItem(menuAddAccount)
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	test.Type(username, upn)
	h.tapDialogButton("Sign in with your browser")
	return h.waitMain("Sandbox tenant · " + upn)
}

// startSlowExport starts an export of everyone's 120x120 photos in m on a
// sandbox that takes 100 ms a request, and waits until upn's export
// requests reach it.
func (h *shellHarness) startSlowExport(m *mainWindow, upn string, log *requestLog) *exportRun {
	h.t.Helper()
	h.waitForBackground(m) // the window's own start-up requests are done
	srv := h.env().Sandbox
	srv.Handler().Observe(log.add)
	h.t.Cleanup(func() { srv.Handler().Observe(nil) })
	srv.SetFaults(sandbox.Faults{Latency: 100 * time.Millisecond})
	sizes, err := export.ParseSizes("120x120")
	if err != nil {
		h.t.Fatal(err)
	}
	r := m.startExport(export.Options{Source: export.Source{AllUsers: true}, Sizes: sizes, Dir: h.t.TempDir()})
	h.waitFor(upn+"'s export requests", func() bool { return log.count(upn, exportPart) > 0 })
	return r
}

// waitStopped waits for the export dialog to end, and for the export's
// goroutine in m to return, so no request of it can come later.
func (h *shellHarness) waitStopped(m *mainWindow, r *exportRun) string {
	h.t.Helper()
	h.waitFor("the export dialog to end", func() bool { return r.button.Text == "Close" })
	h.waitForBackground(m)
	return r.text.Text
}

// An export started under one account stops when the person switches to
// another: its dialog says why, and the sandbox never sees one of its
// requests with the new account's token.
func TestExportStopsWhenTheAccountIsSwitched(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	other := h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName
	second := h.addAccount(other)

	log := &requestLog{}
	r := h.startSlowExport(second, other, log)
	h.chooseAccountItem(identity.DemoUPN)
	third := h.waitMain(demoStatus)

	text := h.waitStopped(second, r)
	if !strings.Contains(text, "because you chose another account") {
		t.Errorf("export dialog = %q, want it to say the account switch stopped it", text)
	}
	h.waitForBackground(third)
	if n := log.count(identity.DemoUPN, exportPart); n != 0 {
		t.Errorf("the sandbox saw %d of the export's requests with the new account's token", n)
	}
	if log.count(identity.DemoUPN, "/") == 0 {
		t.Error("the new account made no request at all: the log does not tell callers apart")
	}
	if sent, all := log.count(other, exportPart), len(h.env().Sandbox.Directory().Users()); sent >= all {
		t.Errorf("the export asked for %d photos of %d people: it did not stop", sent, all)
	}
}

// Signing out stops the account's export the same way; the account that
// takes over never sends one of its requests.
func TestExportStopsWhenTheAccountSignsOut(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	other := h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName
	second := h.addAccount(other)

	log := &requestLog{}
	r := h.startSlowExport(second, other, log)
	h.signOut()
	next := h.waitMain(demoStatus)

	text := h.waitStopped(second, r)
	if !strings.Contains(text, "the account was signed out") {
		t.Errorf("export dialog = %q, want it to say the sign-out stopped it", text)
	}
	h.waitForBackground(next)
	if n := log.count(identity.DemoUPN, exportPart); n != 0 {
		t.Errorf("the sandbox saw %d of the export's requests with the remaining account's token", n)
	}
	if sent, all := log.count(other, exportPart), len(h.env().Sandbox.Directory().Users()); sent >= all {
		t.Errorf("the export asked for %d photos of %d people: it did not stop", sent, all)
	}
}
