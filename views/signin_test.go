package views

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// Signing out removes the account's tokens and the window offers sign-in;
// a device code sign-in shows the code and the page, both copyable, and
// ends in the main window of the account it signed in.
func TestSignOutThenSignInWithADeviceCode(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	if data, _ := h.store.Load(context.Background()); len(data) == 0 {
		t.Fatal("no tokens in the store after the demo sign-in")
	}

	h.signOut()
	panel := h.waitSignInPanel()
	if data, _ := h.store.Load(context.Background()); len(data) != 0 {
		t.Errorf("sign out left %d bytes of tokens in the store", len(data))
	}
	if got := panel.status.account.Text; got != "Sandbox tenant" {
		t.Errorf("status while signed out = %q, want no account", got)
	}
	if h.accountItem(menuSignIn) == nil {
		t.Error("the Account menu offers no sign-in while signed out")
	}

	test.Tap(panel.device)
	var dc *deviceCodeDialog
	h.waitFor("the device code", func() bool { dc = h.deviceCodeShown(); return dc != nil && dc.code.Text != "" })
	if !regexp.MustCompile(`^[A-Z0-9]{6,12}$`).MatchString(dc.code.Text) {
		t.Errorf("device code shown = %q", dc.code.Text)
	}
	if !strings.HasPrefix(dc.link.Text, "https://127.0.0.1:") || !strings.HasSuffix(dc.link.Text, "/devicelogin") || dc.link.URL == nil {
		t.Errorf("device code page shown = %q (url %v)", dc.link.Text, dc.link.URL)
	}
	test.Tap(dc.copyCode)
	if got := h.a.Clipboard().Content(); got != dc.code.Text {
		t.Errorf("Copy code put %q on the clipboard, want %q", got, dc.code.Text)
	}
	test.Tap(dc.copyLink)
	if got := h.a.Clipboard().Content(); got != dc.link.Text {
		t.Errorf("Copy link put %q on the clipboard, want %q", got, dc.link.Text)
	}

	// The sandbox approves the demo account on the next poll.
	m := h.waitMain(demoStatus)
	if len(h.sh.w.Canvas().Overlays().List()) != 0 {
		t.Error("the device code dialog is still open after signing in")
	}
	if m.sidebar.results[0].DisplayName == "" {
		t.Error("the sidebar did not load after sign-in")
	}
}

// Cancel in the device code dialog ends the wait; the panel stays, with
// no error.
func TestDeviceCodeCancel(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	// The sandbox approves on its second poll, a good 150 ms after the
	// first: Cancel comes first.
	test.Tap(panel.device)
	h.tapDialogButton("Cancel")
	h.waitFor("the sign-in buttons back", func() bool { return !panel.device.Disabled() })
	if h.sh.main != nil {
		t.Fatal("signed in although the device code sign-in was cancelled")
	}
	if panel.problem.Visible() {
		t.Errorf("a cancelled sign-in shows a problem: %q", panel.problem.Text)
	}
}

// Interactive sign-in hands the sign-in page to the browser (here a fake
// that plays it) and ends in the main window.
func TestSignInWithTheBrowser(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	before := len(h.browsedURLs())

	test.Tap(panel.browser)
	h.waitMain(demoStatus)
	urls := h.browsedURLs()
	if len(urls) != before+1 || !strings.Contains(urls[len(urls)-1], "/oauth2/v2.0/authorize?") {
		t.Errorf("pages sent to the browser: %q", urls[before:])
	}
}

// The "Signing in" dialog says it is connecting until the sign-in page is
// opened — once Entra ID has answered — and only then that the page is
// shown: on a network that does not answer it said so for as long as the
// wait lasted, with no browser open. On the sandbox, whose page Photo
// Desk plays itself, it never speaks of a browser: it told people to
// finish signing in in one that never opened.
func TestSigningInSaysConnectingUntilThePageOpens(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	gate := make(chan struct{})
	h.mu.Lock()
	h.browserGate = gate
	h.mu.Unlock()

	test.Tap(panel.browser)
	if text := h.dialogText(); !strings.Contains(text, sandboxConnectingText) || strings.Contains(text, sandboxPageText) {
		t.Errorf("before the page opens the dialog says %q, want that it is connecting", text)
	}
	h.waitFor("the dialog to say the page is open", func() bool { return strings.Contains(h.dialogText(), sandboxPageText) })
	if text := h.dialogText(); strings.Contains(strings.ToLower(text), "browser shows") || strings.Contains(text, "Microsoft") {
		t.Errorf("on the sandbox the dialog says %q", text)
	}
	close(gate)
	h.waitMain(demoStatus)

	for _, demo := range []bool{false, true} {
		connecting, page := signInTexts(demo)
		if speaks := strings.Contains(connecting+page, "browser shows") || strings.Contains(connecting+page, "Your browser opens"); speaks == demo {
			t.Errorf("demo %v: %q / %q: want the browser named on Microsoft 365 only", demo, connecting, page)
		}
	}
}

// A refused sign-in is worded for a person and the panel stays.
func TestBrowserSignInRefusedIsExplained(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	h.setBrowserErr(errDeclined)
	test.Tap(panel.browser)
	h.waitFor("the refusal", func() bool { return panel.problem.Visible() })
	if got := panel.problem.Text; !strings.Contains(got, "declined") || strings.Contains(got, "play browser") {
		t.Errorf("problem = %q, want the refusal in a person's words", got)
	}
	if h.sh.main != nil {
		t.Error("the main window opened after a refused sign-in")
	}
}

// unavailableKeyring is a token store whose keyring is missing.
type unavailableKeyring struct{}

func (unavailableKeyring) Load(context.Context) ([]byte, error) {
	return nil, keyringcache.ErrUnavailable
}
func (unavailableKeyring) Save(context.Context, []byte) error { return keyringcache.ErrUnavailable }
func (unavailableKeyring) Clear(context.Context) error        { return keyringcache.ErrUnavailable }

// Without a keyring the status bar says, in a person's words, that sign-in
// lasts this run only — before and after signing in again.
func TestNoKeyringNoticeBeforeAndAfterSignIn(t *testing.T) {
	h := newShellHarness(t, nil)
	h.mu.Lock()
	h.tokenStore = unavailableKeyring{}
	h.mu.Unlock()
	h.sh.ctrl.Connect()
	m := h.waitMain(demoStatus)
	if got := m.status.notice.Text; !strings.Contains(got, "not remembered") || !strings.Contains(got, "keyring") || !strings.Contains(got, "demo account") {
		t.Errorf("notice = %q", got)
	}
	h.signOut()
	panel := h.waitSignInPanel()
	if got := panel.status.notice.Text; got == "" {
		t.Error("the sign-in panel's status bar has no keyring notice")
	}
	test.Tap(panel.browser)
	m = h.waitMain(demoStatus)
	if got := m.status.notice.Text; !strings.Contains(got, "not remembered") {
		t.Errorf("notice after sign-in = %q", got)
	}
	if m.status.notice.Size().Width == 0 {
		t.Error("the notice has no room in the status bar")
	}
}

// Account > Sign in… while signed out signs in, as the panel's first
// button does: it used to draw the same panel again, so the menu item did
// nothing a person could see.
func TestAccountMenuSignInSignsIn(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	h.waitSignInPanel()

	h.chooseAccountItem(menuSignIn)
	h.waitMain(demoStatus)
}

// The sign-in buttons stay where they are when a failed sign-in's reason
// shows under them: the panel was centred with the reason in it, so both
// buttons jumped up by half its height, and a click aimed at "Use a device
// code instead" after a failed browser sign-in landed on "Sign in with
// your browser", or on nothing.
func TestSignInButtonsStayPutWhenAProblemShows(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	h.sh.w.Resize(fyne.NewSize(1180, 760)) // the window's size at start: room to centre in
	d := fyne.CurrentApp().Driver()
	browserAt, deviceAt := d.AbsolutePositionForObject(panel.browser), d.AbsolutePositionForObject(panel.device)

	h.setBrowserErr(errDeclined)
	test.Tap(panel.browser)
	h.waitFor("the refusal", func() bool { return panel.problem.Visible() && !panel.browser.Disabled() })
	// Laid out again as the window's driver does once a minimum size has
	// changed (the test canvas does not by itself).
	h.sh.w.Resize(fyne.NewSize(1180, 759))
	h.sh.w.Resize(fyne.NewSize(1180, 760))
	if got := d.AbsolutePositionForObject(panel.browser); got != browserAt {
		t.Errorf("Sign in with your browser moved from %v to %v when the reason showed", browserAt, got)
	}
	if got := d.AbsolutePositionForObject(panel.device); got != deviceAt {
		t.Errorf("Use a device code instead moved from %v to %v when the reason showed", deviceAt, got)
	}
	if top, bottom := d.AbsolutePositionForObject(panel.problem).Y, d.AbsolutePositionForObject(panel.device).Y+panel.device.Size().Height; top < bottom {
		t.Errorf("the reason (top %v) overlaps the buttons (bottom %v)", top, bottom)
	}
}

// On the sandbox the sign-in panel says what signing in there means — its
// demo account, no password, nothing leaving this computer — rather than
// asking for "your Microsoft 365 account", which the sandbox never sees.
func TestSignInPanelOnTheSandboxSaysItsDemoAccountSignsIn(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()
	got := panel.explain.Text
	for _, want := range []string{"sandbox tenant", "demo helpdesk account", "no password", "nothing leaves this computer"} {
		if !strings.Contains(got, want) {
			t.Errorf("the sandbox's sign-in panel lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "Microsoft 365") {
		t.Errorf("the sandbox's sign-in panel asks for a Microsoft 365 account: %q", got)
	}
	test.Tap(panel.browser) // and it does what it says
	h.waitMain(demoStatus)
}

// On the sandbox tenant, which enters the device code for its demo account
// by itself a moment after showing it, the device code dialog says so
// rather than send the person to open the page and type the code (the
// dialog closed under them as they did); Microsoft 365 keeps its words.
func TestDeviceCodeOnTheSandboxSaysItEntersTheCodeItself(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.signOut()
	panel := h.waitSignInPanel()

	test.Tap(panel.device)
	var dc *deviceCodeDialog
	h.waitFor("the device code", func() bool { dc = h.deviceCodeShown(); return dc != nil && dc.code.Text != "" })
	test.Tap(dc.copyCode)
	text := h.dialogText()
	if strings.Contains(text, "enter the code") || strings.Contains(text, "Waiting for you") || strings.Contains(text, "Microsoft") ||
		!strings.Contains(text, "by itself: nothing to open or type") {
		t.Errorf("on the sandbox the device code dialog says %q, want that the sandbox enters the code itself", text)
	}
	h.waitMain(demoStatus)

	if m365 := deviceCodeTexts(false, ""); !strings.Contains(m365.intro, "open the page below and enter the code") ||
		!strings.Contains(m365.waiting, "Waiting for you to enter the code") {
		t.Errorf("Microsoft 365's device code words changed: %+v", m365)
	}
}
