package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/internal/buildinfo"
	"github.com/photodesk/photodesk/views/widgets"
)

// Help > About shows the version line `photodesk --version` prints, and
// links to the project, its issue tracker and Graph's photo documentation.
func TestAboutShowsTheVersion(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	menu := helpMenu(w, nil)
	if menu.Label != menuHelp || len(menu.Items) != 2 || menu.Items[1].Label != menuAbout || menu.Items[0].Label != menuKeys {
		t.Fatalf("Help menu = %+v", menu)
	}
	menu.Items[1].Action()
	var shown strings.Builder
	links := map[string]string{}
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			switch x := obj.(type) {
			case *widget.Label:
				shown.WriteString(x.Text + "\n")
			case *widget.Hyperlink:
				links[x.Text] = x.URL.String()
			}
		}
	}
	if line := buildinfo.Line(); line == "" || !strings.Contains(shown.String(), line) {
		t.Errorf("About shows %q, want the version line %q", shown.String(), line)
	}
	// Before a connection is open, where sign-ins go is not known yet:
	// About gives the rule rather than claim either.
	if !strings.Contains(shown.String(), "where no keyring can be used, in memory only") {
		t.Errorf("About, not connected, says:\n%s", shown.String())
	}
	// The links: the project, where to report a problem, Graph's photo docs.
	if links["Report a problem"] != "https://github.com/photodesk/photodesk/issues" || len(links) != len(aboutLinks) {
		t.Errorf("About links = %v", links)
	}
}

// Help lists the keys, written the platform's way.
func TestKeyboardShortcutsThePlatformWay(t *testing.T) {
	text := func(goos string) string {
		var b strings.Builder
		for _, r := range keyRows(goos) {
			b.WriteString(r.keys + " = " + r.does + "\n")
		}
		return b.String()
	}
	// As the menus write them: Ctrl+Shift+C, not Shift+Ctrl+C.
	if got := text("linux"); !strings.Contains(got, "Ctrl+S = save") || !strings.Contains(got, "Ctrl+Shift+C = copy") {
		t.Errorf("Linux keys:\n%s", got)
	}
	if got := text("darwin"); !strings.Contains(got, "⌘S = save") || strings.Contains(got, "Ctrl") {
		t.Errorf("macOS keys:\n%s", got)
	}
}

// Help names the keys for moving about without a mouse: Tab between
// controls everywhere, and Alt for the menu bar where Fyne draws it in the
// window (not on macOS, whose menus are the system's).
func TestKeyboardShortcutsNameTabAndAlt(t *testing.T) {
	rows := func(goos string) map[string]string {
		m := map[string]string{}
		for _, r := range keyRows(goos) {
			m[r.keys] = r.does
		}
		return m
	}
	for _, c := range []struct {
		goos, tab string
		alt       bool
	}{{"linux", "Tab, Shift+Tab", true}, {"windows", "Tab, Shift+Tab", true}, {"darwin", "Tab, ⇧Tab", false}} {
		got := rows(c.goos)
		if got[c.tab] == "" {
			t.Errorf("%s: no %q row in %v", c.goos, c.tab, got)
		}
		if _, ok := got["Alt"]; ok != c.alt {
			t.Errorf("%s: Alt row listed = %v, want %v", c.goos, ok, c.alt)
		}
	}
}

// Help > Keyboard shortcuts opens with Close focused, so Enter or Space
// closes it as Escape does: it opened with nothing focused and took no key
// but Escape.
func TestKeyboardShortcutsOpenWithCloseFocused(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(800, 600))
	c := w.Canvas()
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeySpace} {
		showKeys(w)
		b, ok := c.Focused().(*widgets.KeyButton)
		if !ok || b.Text != "Close" {
			t.Fatalf("Keyboard shortcuts opened with %T focused, want Close", c.Focused())
		}
		driverPress(c, key)
		if n := len(c.Overlays().List()); n != 0 {
			t.Errorf("%s on Close left %d dialogs open", key, n)
			for c.Overlays().Top() != nil {
				c.Overlays().Remove(c.Overlays().Top())
			}
		}
	}
}

// Help > About says where this run keeps sign-ins: the keyring when it
// works, memory only when no keyring could be used — and that means
// signing in again at the next start. It said "kept in the system keyring
// only" in both.
func TestAboutSaysWhereThisRunKeepsSignIns(t *testing.T) {
	about := func(h *shellHarness) string {
		t.Helper()
		var it *fyne.MenuItem
		for _, m := range h.sh.w.MainMenu().Items {
			if m.Label == menuHelp {
				it = m.Items[len(m.Items)-1]
			}
		}
		if it == nil || it.Label != menuAbout {
			t.Fatalf("no %s in the Help menu", menuAbout)
		}
		it.Action()
		text := h.dialogText()
		h.tapDialogButton("Close")
		return text
	}

	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	if got := about(h); !strings.Contains(got, "kept in the system keyring") || strings.Contains(got, "memory only") {
		t.Errorf("About with a keyring says:\n%s", got)
	}

	h = newShellHarness(t, nil)
	h.mu.Lock()
	h.tokenStore = unavailableKeyring{}
	h.mu.Unlock()
	h.sh.ctrl.Connect()
	h.waitFor("the keyring notice", func() bool {
		return h.sh.main != nil && h.sh.main.status.notice.Text != "" && h.sh.main.status.account.Text == demoStatus
	})
	got := about(h)
	for _, want := range []string{"In this run the system keyring cannot be read, so", "memory only", "sign in again next time"} {
		if !strings.Contains(got, want) {
			t.Errorf("About without a keyring lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "keyring only") || strings.Contains(got, "remembered") {
		t.Errorf("About without a keyring claims the keyring keeps sign-ins:\n%s", got)
	}
}
