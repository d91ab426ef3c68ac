package views

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// shellHarness is the real window with its shell on the test driver: the
// engine opened by startup.Open on a sandbox of its own, tokens in memory,
// the browser played in-process and recorded.
type shellHarness struct {
	t     *testing.T
	a     fyne.App
	q     *uiQueue
	sh    *shell
	store *auth.MemoryStore // MSAL's token cache for the sandbox
	// tenantStore is the token cache for Microsoft 365 tenants: as in the
	// keyring, each cloud has an entry of its own.
	tenantStore *auth.MemoryStore

	mu         sync.Mutex
	opened     []startup.Options // every Open, in order
	browsed    []string          // sign-in pages the "browser" was sent to
	browserErr error             // what the browser answers instead of signing in
	secrets    *auth.MemoryStore // the "keyring" entry of the client secret
	secretErr  error             // the keyring's answer to saving a secret
}

func newShellHarness(t *testing.T, prefs map[string]string) *shellHarness {
	t.Helper()
	h := &shellHarness{
		t: t, a: test.NewTempApp(t), q: newUIQueue(),
		store: &auth.MemoryStore{}, tenantStore: &auth.MemoryStore{}, secrets: &auth.MemoryStore{},
	}
	for k, v := range prefs {
		h.a.Preferences().SetString(k, v)
	}
	h.sh = newShell(h.a, shellConfig{
		do:          h.q.do,
		open:        h.open,
		adjust:      h.adjust,
		openURL:     h.browse,
		secretStore: func(auth.Cloud) auth.CacheStore { return failingSecretStore{h} },
	})
	t.Cleanup(h.close)
	h.sh.connect()
	return h
}

// adjust keeps tokens in memory, one store per cloud kind.
func (h *shellHarness) adjust(o *startup.Options) {
	o.Store = h.store
	if o.Cloud.Kind == auth.Microsoft365 {
		o.Store = h.tenantStore
	}
}

func (h *shellHarness) open(ctx context.Context, o startup.Options) (*startup.Env, error) {
	h.mu.Lock()
	h.opened = append(h.opened, o)
	h.mu.Unlock()
	return startup.Open(ctx, o)
}

// browse plays the system browser: the sandbox's sign-in page approves at
// once (the login hint's account, or the demo one).
func (h *shellHarness) browse(ctx context.Context, env *startup.Env, u string) error {
	h.mu.Lock()
	h.browsed = append(h.browsed, u)
	err := h.browserErr
	h.mu.Unlock()
	if err != nil {
		return err
	}
	return identity.PlayBrowser(ctx, env.Sandbox.IdentityHTTPClient(), u)
}

// failingSecretStore is the harness's keyring entry for the client secret,
// which fails to save while secretErr is set.
type failingSecretStore struct{ h *shellHarness }

func (s failingSecretStore) Load(ctx context.Context) ([]byte, error) { return s.h.secrets.Load(ctx) }

func (s failingSecretStore) Clear(ctx context.Context) error { return s.h.secrets.Clear(ctx) }

func (s failingSecretStore) Save(ctx context.Context, data []byte) error {
	s.h.mu.Lock()
	err := s.h.secretErr
	s.h.mu.Unlock()
	if err != nil {
		return err
	}
	return s.h.secrets.Save(ctx, data)
}

// close ends the connection and waits for the window's background work.
func (h *shellHarness) close() {
	if m := h.sh.main; m != nil {
		m.photos.Stop()
		deadline := time.Now().Add(waitLimit)
		for m.bg.busy.Load() != 0 && time.Now().Before(deadline) {
			h.q.drain()
			select {
			case <-h.q.wake:
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	h.sh.close()
	h.sh.w.Close()
}

// waitFor runs queued UI work until cond holds, failing after waitLimit.
func (h *shellHarness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	h.q.waitFor(h.t, what, cond, func() string { return "window: " + h.describe() })
}

// describe is what the window shows, for failure messages.
func (h *shellHarness) describe() string {
	switch {
	case h.sh.main != nil:
		return "main window, " + h.sh.main.status.account.Text + ", note " + h.sh.main.sidebar.note.Text
	case h.sh.panel != nil:
		return "sign-in panel, problem " + h.sh.panel.problem.Text
	case h.sh.failure != nil:
		return "connecting, or failed: " + h.sh.failure.Text
	}
	return "connecting"
}

// waitMain waits for the main window of account (the status bar's words)
// with its first results listed.
func (h *shellHarness) waitMain(account string) *mainWindow {
	h.t.Helper()
	h.waitFor("the main window of "+account, func() bool {
		m := h.sh.main
		return m != nil && m.status.account.Text == account && len(m.sidebar.results) > 0 && !m.sidebar.loading
	})
	return h.sh.main
}

// accountItem finds an Account menu item by its label.
func (h *shellHarness) accountItem(label string) *fyne.MenuItem {
	menu := h.sh.w.MainMenu()
	if menu == nil {
		return nil
	}
	for _, m := range menu.Items {
		if m.Label != menuAccount {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

// chooseAccountItem waits for an Account menu item and picks it.
func (h *shellHarness) chooseAccountItem(label string) {
	h.t.Helper()
	var it *fyne.MenuItem
	h.waitFor("the Account menu item "+label, func() bool { it = h.accountItem(label); return it != nil && !it.Disabled })
	it.Action()
}

// tapDialogButton waits for a visible button in the window's dialogs and
// taps it.
func (h *shellHarness) tapDialogButton(label string) {
	h.t.Helper()
	var b *widget.Button
	h.waitFor("a dialog button "+label, func() bool { b = h.dialogButton(label); return b != nil })
	test.Tap(b)
}

func (h *shellHarness) dialogButton(label string) *widget.Button {
	for _, o := range h.sh.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if b, ok := obj.(*widget.Button); ok && b.Text == label && b.Visible() && !b.Disabled() {
				return b
			}
		}
	}
	return nil
}

// dialogText is every label's text in the window's dialogs.
func (h *shellHarness) dialogText() string {
	var sb strings.Builder
	for _, o := range h.sh.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			switch l := obj.(type) {
			case *widget.Label:
				sb.WriteString(l.Text + "\n")
			case *widget.RichText:
				sb.WriteString(l.String() + "\n")
			}
		}
	}
	return sb.String()
}

// signOut signs the current account out through the Account menu.
func (h *shellHarness) signOut() {
	h.t.Helper()
	h.chooseAccountItem(menuSignOut)
	h.tapDialogButton("Sign out")
}

// waitSignInPanel waits until the window offers sign-in.
func (h *shellHarness) waitSignInPanel() *signInPanel {
	h.t.Helper()
	h.waitFor("the sign-in panel", func() bool { return h.sh.panel != nil && h.sh.main == nil })
	return h.sh.panel
}

func (h *shellHarness) setBrowserErr(err error) {
	h.mu.Lock()
	h.browserErr = err
	h.mu.Unlock()
}

func (h *shellHarness) browsedURLs() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.browsed...)
}

func (h *shellHarness) opens() []startup.Options {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]startup.Options(nil), h.opened...)
}

// demoStatus is the status bar's account while the demo account is current.
const demoStatus = "Sandbox tenant · " + identity.DemoUPN

var errDeclined = errors.New(`play browser: sign-in failed: access_denied: AADSTS65004: User declined to consent to access the app`)

// recordingPrefs remembers every string written, to prove a secret never
// reaches the preferences.
type recordingPrefs struct {
	app.Preferences
	written []string
}

func (r *recordingPrefs) SetString(k, v string) {
	r.written = append(r.written, k+"="+v)
	r.Preferences.SetString(k, v)
}

// widgetEntry is the username field of the Add account dialog.
type widgetEntry = widget.Entry

// dialogEntry is the first entry in the window's dialogs.
func (h *shellHarness) dialogEntry() *widget.Entry {
	for _, o := range h.sh.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if e, ok := obj.(*widget.Entry); ok && e.Visible() {
				return e
			}
		}
	}
	return nil
}

// waitForBackground waits until m's background work has finished, without
// running the UI work it queued, so a test can act before the answers show.
func (h *shellHarness) waitForBackground(m *mainWindow) {
	h.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for m.bg.busy.Load() != 0 {
		if time.Now().After(deadline) {
			h.t.Fatalf("background work still running after %s", waitLimit)
		}
		select {
		case <-h.q.wake:
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// tapDialogButton2 taps a button in the window's content (not a dialog).
func (h *shellHarness) tapDialogButton2(label string) {
	h.t.Helper()
	for _, obj := range test.LaidOutObjects(h.sh.w.Content()) {
		if b, ok := obj.(*widget.Button); ok && b.Text == label && b.Visible() {
			test.Tap(b)
			return
		}
	}
	h.t.Fatalf("no button %q in the window", label)
}
