package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// In a tenant whose admin left the write permission to each user, the
// first change asks for it: "Permission needed" offers to sign in again,
// Not now changes nothing, and Sign in consents on the sign-in page and
// goes on with the change; the next change asks nothing.
func TestFirstChangeAsksForConsent(t *testing.T) {
	h := newShellHarnessOn(t, nil, sandbox.Options{UserConsent: []string{change.PermPhotoWrite}})
	m := h.waitMain(demoStatus)
	h.waitForBackground(m)
	p := app.Person{Kind: app.KindUser}
	went := 0
	write := func() { m.withWrite(p, func() { went++ }) }

	write()
	h.waitFor("the question", func() bool { return strings.Contains(h.dialogText(), "Permission needed") })
	if text := h.dialogText(); !strings.Contains(text, change.PermPhotoWrite) || !strings.Contains(text, "change profile photos") {
		t.Errorf("the question reads %q", text)
	}
	h.tapDialogButton("Not now")
	h.q.drain()
	if went != 0 || len(h.browsedURLs()) != 0 {
		t.Fatalf("Not now: the change went %d times, %d sign-in pages opened", went, len(h.browsedURLs()))
	}

	write()
	h.waitFor("the question again", func() bool { return strings.Contains(h.dialogText(), "Permission needed") })
	h.tapDialogButton("Sign in")
	h.waitFor("the change to go on", func() bool { h.q.drain(); return went == 1 })
	if len(h.browsedURLs()) != 1 || !strings.Contains(h.browsedURLs()[0], "ProfilePhoto.ReadWrite.All") {
		t.Errorf("sign-in pages opened: %v, want one asking for the write permission", h.browsedURLs())
	}

	write()
	h.waitFor("the next change", func() bool { h.q.drain(); return went == 2 })
	if n := len(h.browsedURLs()); n != 1 {
		t.Errorf("the next change opened %d sign-in pages in all, want none more", n)
	}
}

// On the sandbox tenant Photo Desk plays the sign-in page itself, so the
// offer to sign in again — for a permission never given, or a sign-in
// that could not be renewed — says no browser opens, as its "Signing in"
// dialog does: it said "your browser opens" (and that an administrator
// may have to approve), sending a person looking for a browser that never
// came.
func TestPermissionOfferOnTheSandboxSaysNoBrowserOpens(t *testing.T) {
	check := func(t *testing.T, h *shellHarness, title string) {
		t.Helper()
		h.waitFor("the offer", func() bool { return strings.Contains(h.dialogText(), title) })
		text := h.dialogText()
		if strings.Contains(text, "browser opens,") || strings.Contains(text, "your browser opens") ||
			strings.Contains(text, "may need an administrator") || !strings.Contains(text, "no browser opens") {
			t.Errorf("%s on the sandbox reads %q, want it to say no browser opens", title, text)
		}
	}
	t.Run("consent", func(t *testing.T) {
		h := newShellHarnessOn(t, nil, sandbox.Options{UserConsent: []string{change.PermPhotoWrite}})
		m := h.waitMain(demoStatus)
		h.waitForBackground(m)
		m.withWrite(app.Person{Kind: app.KindUser}, func() {})
		check(t, h, "Permission needed")
	})
	t.Run("renewal", func(t *testing.T) {
		h := newShellHarness(t, nil)
		m := h.waitMain(demoStatus)
		h.waitForBackground(m)
		h.env().Sandbox.Provider().RevokeSignIns(identity.DemoUPN)
		m.sidebar.kind.SetSelected(kindGroups)
		check(t, h, "could not be renewed")
	})
}
