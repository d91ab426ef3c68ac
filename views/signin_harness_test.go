package views

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/views/widgets"
)

// shellHarness is the real window with its shell and session controller
// on the test driver: environments opened by startup.Open on a sandbox of
// their own, tokens in memory, the browser played in-process and recorded.
type shellHarness struct {
	t     *testing.T
	a     fyne.App
	q     *uiQueue
	sh    *shell
	store *auth.MemoryStore // MSAL's token cache for the sandbox
	// tenantStore is the token cache for Microsoft 365 tenants: as in the
	// keyring, each cloud has an entry of its own.
	tenantStore *auth.MemoryStore

	mu          sync.Mutex
	opened      []session.Options // every Open, in order
	open        session.Opener    // what Open does; startup's by default
	envs        []*startup.Env    // every environment opened, the last one current
	browsed     []string          // sign-in pages the "browser" was sent to
	browserErr  error             // what the browser answers instead of signing in
	browserGate chan struct{}     // when set, the browser waits for it to close before the page answers
	secrets     *auth.MemoryStore // the "keyring" entry of the client secret
	secretErr   error             // the keyring's answer to saving a secret
	tokenStore  auth.CacheStore   // replaces both token stores when set
	sandbox     sandbox.Options   // the sandboxes opened
}

func newShellHarness(t *testing.T, prefs map[string]string) *shellHarness {
	t.Helper()
	return newShellHarnessOn(t, prefs, sandbox.Options{})
}

// newShellHarnessOn is newShellHarness on sandboxes of sb.
func newShellHarnessOn(t *testing.T, prefs map[string]string, sb sandbox.Options) *shellHarness {
	t.Helper()
	return newShellHarnessIn(t, test.NewTempApp(t), prefs, sb)
}

// newShellHarnessIn is newShellHarnessOn with the app a (a test app, or
// one wrapping it).
func newShellHarnessIn(t *testing.T, a fyne.App, prefs map[string]string, sb sandbox.Options) *shellHarness {
	t.Helper()
	h := &shellHarness{
		t: t, a: a, q: newUIQueue(),
		store: &auth.MemoryStore{}, tenantStore: &auth.MemoryStore{}, secrets: &auth.MemoryStore{},
		sandbox: sb,
	}
	for k, v := range prefs {
		h.a.Preferences().SetString(k, v)
	}
	h.open = h.openStartup
	h.sh = newShell(h.a, h.q.do, NewThrottle())
	h.sh.ctrl = session.New(session.Config{
		Prefs:       h.a.Preferences(),
		Open:        h.record,
		OnChange:    h.sh.onState,
		SecretStore: func(auth.Cloud) auth.CacheStore { return failingSecretStore{h} },
		TokenStore:  h.tokens,
	})
	t.Cleanup(h.close)
	h.sh.ctrl.Connect()
	return h
}

// tokens keeps tokens in memory, one store per cloud kind.
func (h *shellHarness) tokens(c auth.Cloud) auth.CacheStore {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.tokenStore != nil:
		return h.tokenStore
	case c.Kind == auth.Microsoft365:
		return h.tenantStore
	}
	return h.store
}

// record notes o and opens it with h.open.
func (h *shellHarness) record(ctx context.Context, o session.Options) (*session.Env, error) {
	h.mu.Lock()
	h.opened = append(h.opened, o)
	open := h.open
	h.mu.Unlock()
	return open(ctx, o)
}

// openStartup opens o as the window does, with the browser played by the
// harness.
func (h *shellHarness) openStartup(ctx context.Context, o session.Options) (*session.Env, error) {
	env, err := startup.Open(ctx, startup.Options{
		Cloud: o.Cloud, App: o.App, Store: o.Store, CacheTTL: o.CacheTTL,
		ClientOptions: o.ClientOptions, Logger: o.Logger, Sandbox: h.sandbox,
	})
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	h.envs = append(h.envs, env)
	h.mu.Unlock()
	s := env.ForSession()
	if env.Sandbox != nil {
		s.SignInPage = func(ctx context.Context, u string) error { return h.browse(ctx, env, u) }
	}
	return s, nil
}

// env is the environment opened last.
func (h *shellHarness) env() *startup.Env {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.envs) == 0 {
		h.t.Fatal("no environment opened yet")
	}
	return h.envs[len(h.envs)-1]
}

// setOpen replaces what opening an environment does.
func (h *shellHarness) setOpen(open session.Opener) {
	h.mu.Lock()
	h.open = open
	h.mu.Unlock()
}

// browse plays the system browser: the sandbox's sign-in page approves at
// once (the login hint's account, or the demo one).
func (h *shellHarness) browse(ctx context.Context, env *startup.Env, u string) error {
	h.mu.Lock()
	h.browsed = append(h.browsed, u)
	err, gate := h.browserErr, h.browserGate
	h.mu.Unlock()
	if err != nil {
		return err
	}
	if gate != nil {
		<-gate
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

// panel is the sign-in panel shown, nil if another pane is.
func (h *shellHarness) panel() *signInPanel { p, _ := h.sh.pane.(*signInPanel); return p }

// failure is the failure pane shown, nil if another pane is.
func (h *shellHarness) failure() *failurePane { p, _ := h.sh.pane.(*failurePane); return p }

// connecting is the "Connecting…" pane shown, nil if another pane is.
func (h *shellHarness) connecting() *connectingPane { p, _ := h.sh.pane.(*connectingPane); return p }

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
	h.sh.ctrl.Close()
	closeWindow(h.a, h.sh.w)
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
	case h.panel() != nil:
		return "sign-in panel, problem " + h.panel().problem.Text
	case h.failure() != nil:
		return "failed: " + h.failure().reason.Text
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

// searchAndShow searches m for p by first name, as a person types it,
// opens p from the results and waits until p's photo is shown: a view
// for a test to see kept, or forgotten, across a window opened again.
func (h *shellHarness) searchAndShow(m *mainWindow, p app.Person) {
	h.t.Helper()
	test.Type(m.sidebar.query, strings.Fields(p.DisplayName)[0])
	m.sidebar.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor(p.DisplayName+" listed", func() bool {
		return !m.sidebar.loading && slices.ContainsFunc(m.sidebar.results, func(r app.Person) bool { return r.ID == p.ID })
	})
	m.sidebar.list.Select(slices.IndexFunc(m.sidebar.results, func(r app.Person) bool { return r.ID == p.ID }))
	h.waitFor(p.DisplayName+" shown", func() bool { return m.current != nil && m.current.Person.ID == p.ID })
}

// accountItem finds an Account menu item by its label.
// accountLabels are the accounts the Account menu lists, in its order.
func (h *shellHarness) accountLabels() []string {
	var out []string
	for _, m := range h.sh.w.MainMenu().Items {
		if m.Label != menuAccount {
			continue
		}
		for _, it := range m.Items {
			if strings.Contains(it.Label, "@") {
				out = append(out, strings.ToLower(it.Label))
			}
		}
	}
	return out
}

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
			if b, ok := asButton(obj); ok && b.Text == label && b.Visible() && !b.Disabled() {
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
	h.waitFor("the sign-in panel", func() bool { return h.panel() != nil })
	return h.panel()
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

func (h *shellHarness) opens() []session.Options {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]session.Options(nil), h.opened...)
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
			if e, ok := obj.(*widgets.EscapeEntry); ok && e.Visible() {
				return &e.Entry
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
		if b, ok := asButton(obj); ok && b.Text == label && b.Visible() {
			test.Tap(b)
			return
		}
	}
	h.t.Fatalf("no button %q in the window", label)
}

// settingsShown is the Settings form open in the window's dialogs, found
// by its labels as a person finds it; it fails the test when none is open.
func (h *shellHarness) settingsShown() *settingsForm {
	h.t.Helper()
	var form *widget.Form
	h.waitFor("the Settings form", func() bool {
		for _, o := range h.sh.w.Canvas().Overlays().List() {
			for _, obj := range test.LaidOutObjects(o) {
				if f, ok := obj.(*widget.Form); ok && f.Visible() {
					form = f
					return true
				}
			}
		}
		return false
	})
	f := &settingsForm{prefs: h.sh.prefs}
	for _, it := range form.Items {
		switch it.Text {
		case "Cloud":
			f.cloud = it.Widget.(*widgets.EscapeSelect)
		case "Tenant":
			f.tenant = it.Widget.(*widgets.NotedEntry).Entry
		case "Client id":
			f.clientID = it.Widget.(*widgets.NotedEntry).Entry
		case "Authority":
			f.authority = it.Widget.(*widgets.NotedEntry).Entry
		case "Graph version":
			f.apiVersion = it.Widget.(*widgets.EscapeSelect)
		case "Sign in as":
			f.authMode = it.Widget.(*widgets.EscapeSelect)
		case "Client secret":
			f.secret = it.Widget.(*widgets.NotedEntry).Entry
		case "Certificate":
			f.certPath = it.Widget.(*widgets.NotedEntry).Entry
		case "Default size":
			f.size = it.Widget.(*widgets.EscapeSelect)
		case "Drag and drop":
			f.dropAll = it.Widget.(*widgets.EscapeCheck)
		case "Permissions":
			f.perms = it.Widget
		}
	}
	return f
}

// deviceCodeShown is the device code dialog open in the window, its
// widgets found as a person sees them; nil when none is open.
func (h *shellHarness) deviceCodeShown() *deviceCodeDialog {
	dc := &deviceCodeDialog{}
	for _, o := range h.sh.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			switch w := obj.(type) {
			case *widget.Label:
				if w.TextStyle.Monospace {
					dc.code = w
				}
			case *widget.Hyperlink:
				dc.link = w
			case *widget.Button:
				switch w.Text {
				case "Copy code":
					dc.copyCode = w
				case "Copy link":
					dc.copyLink = w
				}
			}
		}
	}
	if dc.code == nil || dc.link == nil || dc.copyCode == nil || dc.copyLink == nil {
		return nil
	}
	return dc
}
