package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/views/widgets"
)

// A question takes Enter the moment it opens: Sign out, whose yes takes
// the sign-in away, on its No (as Quit's Keep working), so Enter keeps
// the account; Permission needed, which only goes on with what was asked
// for, on Sign in, so Enter signs in. Both opened with nothing focused,
// and Enter did nothing until Tab found a button.
func TestQuestionsTakeEnter(t *testing.T) {
	h := newShellHarnessOn(t, nil, sandbox.Options{UserConsent: []string{change.PermPhotoWrite}})
	m := h.waitMain(demoStatus)
	h.waitForBackground(m)
	c := h.sh.w.Canvas()
	focused := func() string {
		if b, ok := c.Focused().(*widgets.KeyButton); ok {
			return b.Text
		}
		return ""
	}

	h.chooseAccountItem(menuSignOut)
	h.waitFor("the sign-out question", func() bool { return strings.Contains(h.dialogText(), "Sign out") })
	if got := focused(); got != "No" {
		t.Errorf("Sign out opened with the focus on %q (%T), want No", got, c.Focused())
	}
	driverKey(c, fyne.KeyReturn)
	h.q.drain()
	if n := len(c.Overlays().List()); n != 0 || h.sh.main != m || h.sh.conn() == nil {
		t.Fatalf("Enter at Sign out: %d dialogs left, still signed in %v; want it answered No", n, h.sh.conn() != nil)
	}

	went := 0
	m.withWrite(app.Person{Kind: app.KindUser}, func() { went++ })
	h.waitFor("the permission question", func() bool { return strings.Contains(h.dialogText(), "Permission needed") })
	if got := focused(); got != "Sign in" {
		t.Errorf("Permission needed opened with the focus on %q (%T), want Sign in", got, c.Focused())
	}
	driverKey(c, fyne.KeyReturn)
	h.waitFor("Enter to sign in and go on with the change", func() bool { h.q.drain(); return went == 1 })
}
